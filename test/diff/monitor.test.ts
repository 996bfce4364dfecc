// MONITOR against a real Redis 7.0.15: the lines a monitor receives (timestamp and client
// address masked), which commands are shown, argument escaping and redaction, transactions,
// and what a monitor client itself may still run.

import { describe, expect, it } from 'vitest';
import { show, useDiff, type Pair } from './harness.js';
import { nextN, same, steps, within } from './pubsub-support.js';

/** `+1700000000.123456 [0 127.0.0.1:5555] "GET" "k"` → `+<time> [0 <addr>] "GET" "k"`. */
function mask(raw: string): string {
  return raw.replace(/\+\d+\.\d{6} \[(\d+) [^\]]+\]/g, '+<time> [$1 <addr>]');
}

describe('MONITOR', () => {
  const d = useDiff();

  /** Runs commands on `actor` (replies compared) and returns the masked lines `mon` receives. */
  async function watch(mon: Pair, actor: Pair, commands: (string[] | [string[], number])[], lines: number): Promise<void> {
    await steps(actor, commands);
    const real = (await nextN(mon.real, lines)).map(mask);
    const ours = (await nextN(mon.ours, lines)).map(mask);
    expect(ours.map(show)).toEqual(real.map(show));
  }

  it('shows every command of other clients, with arguments escaped as sdscatrepr does', async () => {
    const [mon, a] = await d.clients(2);
    await same(mon, ['MONITOR']);
    await watch(
      mon,
      a,
      [
        ['SET', 'k', 'v'],
        ['GET', 'k'],
        ['SET', 'bin', 'a"b\\c\n\r\t\x07\x08\x00\x01\x7f\xff\xec\x95\x88 '],
        ['SET', '', ''],
        ['INCR', 'n'],
        ['ECHO', 'x'],
        ['PING'],
        ['SELECT', '3'],
        ['SET', 'in3', '1'],
        ['SELECT', '0'],
        ['CLIENT', 'ID'],
        ['PUBLISH', 'ch', 'm'],
        ['lpush', 'L', '1', '2'],
      ],
      13,
    );
    const line = await a.ours.send(['GET', 'k']).then(() => mon.ours.next());
    expect(line).toMatch(/^\+\d{10}\.\d{6} \[0 127\.0\.0\.1:\d+\] "GET" "k"\r\n$/);
  });

  it('hides admin commands, rejected commands and failed lookups; redacts AUTH secrets', async () => {
    const [mon, a] = await d.clients(2);
    await same(mon, ['MONITOR']);
    await watch(
      mon,
      a,
      [
        ['CONFIG', 'GET', 'maxmemory'],
        ['NOSUCH', 'x'],
        ['GET'],
        ['DBSIZE'],
        ['AUTH', 'secret'],
        ['AUTH', 'user', 'pass'],
        ['HELLO', '2', 'AUTH', 'default', 'pw', 'SETNAME'],
        ['SET', 'k', 'v', 'NX'],
        ['GET', 'missing'],
      ],
      6,
    );
    // The next line is for a command after these: nothing else was queued.
    await watch(mon, a, [['PING', 'last']], 1);
  });

  it('transactions: MULTI, then each queued command as EXEC runs it, then EXEC', async () => {
    const [mon, a] = await d.clients(2);
    await same(mon, ['MONITOR']);
    await watch(mon, a, [['MULTI'], ['SET', 'k', '1'], ['INCR', 'k'], ['SELECT', '2'], ['GET', 'k'], ['EXEC']], 6);
    await watch(mon, a, [['MULTI'], ['SET', 'k', '1'], ['DISCARD'], ['PING']], 3);
    await watch(mon, a, [['MULTI'], ['NOSUCH'], ['SET', 'k', '1'], ['EXEC'], ['PING']], 3);
  });

  it('several monitors each get every line; RESET leaves monitor mode', async () => {
    const [m1, m2, a] = await d.clients(3);
    await same(m1, ['MONITOR']);
    await same(m2, ['MONITOR']);
    await steps(a, [['SET', 'x', '1']]);
    for (const m of [m1, m2]) {
      const real = mask(await within(m.real.next()));
      const ours = mask(await within(m.ours.next()));
      expect(show(ours)).toBe(show(real));
    }
    await same(m2, ['RESET']);
    await steps(m2, [['GET', 'x']]);
    // m1 sees what m2 ran while and after leaving monitor mode: compare up to a marker.
    await steps(a, [['ECHO', 'marker']]);
    const upTo = async (side: 'real' | 'ours') => {
      const got: string[] = [];
      for (let i = 0; i < 5; i++) {
        const l = mask(await within(m1[side].next()));
        got.push(l);
        if (l.includes('marker') || l.startsWith('<nothing')) break;
      }
      return got;
    };
    expect((await upTo('ours')).map(show)).toEqual((await upTo('real')).map(show));
  });

  it('a monitor client: its own commands follow their replies; no keyspace access; MONITOR again says nothing', async () => {
    const [mon] = await d.clients(1);
    await same(mon, ['MONITOR']);
    // PING's reply, then its own line.
    const real = [await mon.real.send(['PING']), await within(mon.real.next())].map(mask);
    const ours = [await mon.ours.send(['PING']), await within(mon.ours.next())].map(mask);
    expect(ours.map(show)).toEqual(real.map(show));
    // Commands that touch keys are refused (the client is a replica to Redis), and not shown.
    await steps(mon, [['GET', 'k'], ['SET', 'k', 'v'], ['EXISTS', 'k'], ['SUBSCRIBE']]);
    const r2 = [await mon.real.send(['ECHO', 'e']), await within(mon.real.next())].map(mask);
    const o2 = [await mon.ours.send(['ECHO', 'e']), await within(mon.ours.next())].map(mask);
    expect(o2.map(show)).toEqual(r2.map(show));
  });

  it("a monitor's own transaction: its lines for queued commands come inline after EXEC's array", async () => {
    const [mon] = await d.clients(1);
    await same(mon, ['MONITOR']);
    const seq = async (side: 'real' | 'ours') => {
      const out = [await mon[side].send(['MULTI']), await within(mon[side].next())];
      out.push(await mon[side].send(['PING', 'a']), await mon[side].send(['ECHO', 'b']));
      out.push(await mon[side].send(['EXEC']));
      for (let i = 0; i < 3; i++) out.push(await within(mon[side].next()));
      return out.map(mask).map(show);
    };
    expect(await seq('ours')).toEqual(await seq('real'));
  });

  it('CLIENT LIST shows flag O for a monitor', async () => {
    const [mon, q] = await d.clients(2);
    await same(mon, ['MONITOR']);
    const flags = async (side: 'real' | 'ours') => ((await q[side].send(['CLIENT', 'LIST'])).match(/flags=\w+/g) ?? []).sort();
    expect(await flags('ours')).toEqual(await flags('real'));
    expect(await flags('ours')).toContain('flags=O');
  });
});
