import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../client.js';
import { VirtualClock } from '../clock.js';
import { Engine, type ChangeEvent } from '../engine.js';
import type { SetObj } from '../objects.js';
import type { Reply } from '../../shared/reply.js';
import { compareIntStrings, MAX_RANDOM_REPLY } from './sets.js';

const T0 = 1_700_000_000_000;

/** mulberry32: a small seeded generator, so random picks are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let clock: VirtualClock;
let e: Engine;
let c: Client;
let events: string[];

function run(...argv: string[]): Reply {
  const r = e.execute(c, argv);
  if (r === null) throw new Error('no reply');
  return r;
}

/** Members of an array or set reply. */
function list(r: Reply): string[] {
  if ((r.t !== 'array' && r.t !== 'set') || r.v === null) throw new Error(`not a list: ${JSON.stringify(r)}`);
  return r.v.map((x) => (x.t === 'bulk' && x.v !== null ? x.v : '?'));
}

function num(r: Reply): number {
  if (r.t !== 'int') throw new Error(`not an integer: ${JSON.stringify(r)}`);
  return Number(r.v);
}

function setObj(key: string): SetObj | undefined {
  const o = c.db.dict.get(key);
  return o?.type === 'set' ? o : undefined;
}

function range(from: number, to: number, prefix = ''): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(prefix + i);
  return out;
}

/** One SSCAN call: next cursor and members. */
function sscan(cursor: string, ...opts: string[]): { cursor: string; members: string[] } {
  const r = run('SSCAN', 'h', cursor, ...opts);
  if (r.t !== 'array' || r.v === null) throw new Error('bad SSCAN reply');
  const cur = r.v[0]!;
  return { cursor: cur.t === 'bulk' ? cur.v! : '?', members: list(r.v[1]!) };
}

beforeEach(() => {
  clock = new VirtualClock(T0);
  e = new Engine({ clock, random: seeded(42) });
  c = e.createClient();
  events = [];
  e.onChange((ev: ChangeEvent) => events.push(`${ev.event}:${ev.key}`));
});

describe('compareIntStrings', () => {
  it('orders canonical int64 strings numerically', () => {
    const xs = ['10', '-1', '9', '0', '-10', '100', '-9'];
    xs.push('9223372036854775807', '-9223372036854775808', '-9223372036854775807', '9223372036854775806');
    const want = [...xs].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
    expect([...xs].sort(compareIntStrings)).toEqual(want);
    expect(compareIntStrings('5', '5')).toBe(0);
  });
});

describe('encodings', () => {
  it('intset for canonical integers, hashtable otherwise or past the threshold', () => {
    run('SADD', 'i', '3', '-1', '2');
    expect(setObj('i')!.enc).toBe('intset');
    expect(list(run('SMEMBERS', 'i'))).toEqual(['-1', '2', '3']);
    run('SADD', 'i', '007');
    expect(setObj('i')!.enc).toBe('hashtable');
    run('SADD', 'big', ...range(1, 512));
    expect(setObj('big')!.enc).toBe('intset');
    run('SADD', 'big', '513');
    expect(setObj('big')!.enc).toBe('hashtable');
    run('SADD', 'str', 'a', '1');
    expect(setObj('str')!.enc).toBe('hashtable');
  });

  it('follows CONFIG SET set-max-intset-entries for later writes', () => {
    run('SADD', 's', '1', '2', '3');
    run('CONFIG', 'SET', 'set-max-intset-entries', '2');
    expect(setObj('s')!.enc).toBe('intset');
    run('SADD', 's', '3');
    expect(setObj('s')!.enc).toBe('intset');
    run('SADD', 's', '4');
    expect(setObj('s')!.enc).toBe('hashtable');
  });
});

describe('keyspace events and WATCH', () => {
  it('names each change as Redis does', () => {
    run('SADD', 's', 'a', 'b');
    run('SADD', 's', 'a');
    run('SREM', 's', 'zz');
    run('SREM', 's', 'a');
    run('SMOVE', 's', 'd', 'b');
    run('SADD', 'd', 'c');
    run('SMOVE', 'd', 'd', 'c');
    expect(events).toEqual(['sadd:s', 'srem:s', 'srem:s', 'del:s', 'sadd:d', 'sadd:d']);
    events.length = 0;
    run('SADD', 'x', 'b');
    run('SMOVE', 'd', 'x', 'b');
    expect(events).toEqual(['sadd:x', 'srem:d']);
  });

  it('SPOP: spop, then del when the set empties; nothing for count 0', () => {
    run('SADD', 's', 'a', 'b', 'c');
    events.length = 0;
    run('SPOP', 's', '0');
    run('SPOP', 'missing');
    run('SPOP', 'missing', '3');
    expect(events).toEqual([]);
    run('SPOP', 's');
    run('SPOP', 's', '1');
    expect(events).toEqual(['spop:s', 'spop:s']);
    run('SPOP', 's');
    expect(events).toEqual(['spop:s', 'spop:s', 'spop:s', 'del:s']);
    run('SADD', 't', '1', '2');
    events.length = 0;
    run('SPOP', 't', '5');
    expect(events).toEqual(['spop:t', 'del:t']);
  });

  it('the *STORE commands: their own event, or del for an empty result', () => {
    run('SADD', 'a', '1', '2');
    run('SADD', 'b', '2', '3');
    events.length = 0;
    run('SINTERSTORE', 'd', 'a', 'b');
    run('SUNIONSTORE', 'd', 'a', 'b');
    run('SDIFFSTORE', 'd', 'a', 'b');
    run('SDIFFSTORE', 'd', 'a', 'a');
    run('SINTERSTORE', 'd', 'a', 'missing');
    run('SUNIONSTORE', 'e', 'missing');
    expect(events).toEqual(['sinterstore:d', 'sunionstore:d', 'sdiffstore:d', 'del:d']);
  });

  it('a write that changes nothing does not break a WATCH', () => {
    run('SADD', 's', 'a');
    const other = e.createClient();
    run('WATCH', 's');
    e.execute(other, ['SADD', 's', 'a']);
    e.execute(other, ['SREM', 's', 'zz']);
    e.execute(other, ['SMOVE', 's', 'd', 'zz']);
    e.execute(other, ['SINTERSTORE', 'nothing', 'missing']);
    run('MULTI');
    run('SCARD', 's');
    expect(run('EXEC')).toEqual({ t: 'array', v: [{ t: 'int', v: 1 }] });
  });

  it('a change breaks a WATCH', () => {
    run('SADD', 's', 'a');
    const other = e.createClient();
    run('WATCH', 's');
    e.execute(other, ['SADD', 's', 'b']);
    run('MULTI');
    run('SCARD', 's');
    expect(run('EXEC')).toEqual({ t: 'array', v: null });
  });
});

describe('expiry', () => {
  it('an expired set is gone before SADD, SMOVE and the *STORE commands see it', () => {
    run('SADD', 's', 'old');
    run('PEXPIRE', 's', '100');
    clock.advance(200);
    expect(num(run('SADD', 's', 'new'))).toBe(1);
    expect(list(run('SMEMBERS', 's'))).toEqual(['new']);
    expect(events).toContain('expired:s');
    run('SADD', 'd', 'x');
    run('PEXPIRE', 'd', '100');
    clock.advance(200);
    expect(num(run('SUNIONSTORE', 'd', 's'))).toBe(1);
    expect(c.db.expires.has('d')).toBe(false);
  });
});

describe('random picks', () => {
  /** SRANDMEMBER -N over a set of `size` members: every member drawn about N / size times. */
  function expectUniform(size: number, draws: number, tolerance: number): void {
    run('SADD', 's', ...range(1, size, 'm'));
    const counts = new Map<string, number>();
    for (const m of list(run('SRANDMEMBER', 's', String(-draws)))) counts.set(m, (counts.get(m) ?? 0) + 1);
    expect(counts.size).toBe(size);
    for (const n of counts.values()) expect(Math.abs(n - draws / size)).toBeLessThan(tolerance);
  }

  it('SRANDMEMBER -N is close to uniform', () => expectUniform(10, 20_000, 300));

  it('uniform on a big set too (the random index)', () => expectUniform(100, 100_000, 200));

  it('refuses negative counts past the playground limit, only when the set exists', () => {
    run('SADD', 's', 'a');
    const r = run('SRANDMEMBER', 's', String(-(MAX_RANDOM_REPLY + 1)));
    expect(r.t).toBe('error');
    expect(r.t === 'error' && r.v.startsWith('ERR count is too large')).toBe(true);
    expect(list(run('SRANDMEMBER', 'missing', '-9223372036854775807'))).toEqual([]);
    expect(list(run('SRANDMEMBER', 's', '9223372036854775807'))).toEqual(['a']);
  });

  it('SPOP one at a time empties a big set, every member exactly once', () => {
    const members = range(1, 3000, 'k');
    run('SADD', 's', ...members);
    const popped = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const r = run('SPOP', 's');
      if (r.t !== 'bulk' || r.v === null) throw new Error('no member');
      expect(popped.has(r.v)).toBe(false);
      popped.add(r.v);
    }
    expect(popped.size).toBe(3000);
    expect(num(run('EXISTS', 's'))).toBe(0);
  });

  it('the random index follows SADD, SREM, SMOVE and SPOP between picks', () => {
    run('SADD', 's', ...range(1, 200, 'k'));
    const live = new Set(range(1, 200, 'k'));
    for (let round = 0; round < 300; round++) {
      const r = run('SRANDMEMBER', 's');
      if (r.t !== 'bulk' || r.v === null) throw new Error('no member');
      expect(live.has(r.v)).toBe(true);
      switch (round % 4) {
        case 0:
          run('SADD', 's', `n${round}`);
          live.add(`n${round}`);
          break;
        case 1:
          run('SREM', 's', r.v);
          live.delete(r.v);
          break;
        case 2:
          run('SMOVE', 's', 'other', r.v);
          live.delete(r.v);
          break;
        default: {
          const p = run('SPOP', 's');
          if (p.t === 'bulk' && p.v !== null) live.delete(p.v);
        }
      }
      expect(num(run('SCARD', 's'))).toBe(live.size);
    }
    expect(list(run('SMEMBERS', 's')).sort()).toEqual([...live].sort());
  });

  it('SPOP with a count keeps the remaining members consistent', () => {
    run('SADD', 's', ...range(1, 1000, 'k'));
    const a = list(run('SPOP', 's', '10'));
    const b = list(run('SPOP', 's', '900'));
    const left = list(run('SMEMBERS', 's'));
    expect(a.length + b.length + left.length).toBe(1000);
    expect(new Set([...a, ...b, ...left]).size).toBe(1000);
    expect(num(run('SCARD', 's'))).toBe(90);
    expect(list(run('SRANDMEMBER', 's', '-500')).every((m) => left.includes(m))).toBe(true);
  });

  it('SPOP keeping a few integers makes an intset again', () => {
    run('SADD', 's', ...range(1, 600));
    expect(setObj('s')!.enc).toBe('hashtable');
    const popped = list(run('SPOP', 's', '590'));
    expect(popped.length).toBe(590);
    expect(setObj('s')!.enc).toBe('intset');
    const left = list(run('SMEMBERS', 's'));
    expect(left).toEqual([...left].sort(compareIntStrings));
  });
});

describe('SSCAN on a hashtable', () => {
  beforeEach(() => {
    run('SADD', 'h', ...range(1, 1000, 'm'));
  });

  it('walks in batches of COUNT with small cursors, each member once', () => {
    const seen: string[] = [];
    let cursor = '0';
    const cursors: string[] = [];
    do {
      const r = sscan(cursor, 'COUNT', '100');
      seen.push(...r.members);
      cursor = r.cursor;
      cursors.push(cursor);
    } while (cursor !== '0');
    expect(cursors).toEqual(['100', '200', '300', '400', '500', '600', '700', '800', '900', '0']);
    expect(seen.length).toBe(1000);
    expect(new Set(seen).size).toBe(1000);
  });

  it('returns every member present throughout, whatever changes between calls', () => {
    const seen = new Set<string>();
    const removed = new Set<string>();
    let cursor = '0';
    let step = 0;
    do {
      const r = sscan(cursor, 'COUNT', '7');
      for (const m of r.members) seen.add(m);
      cursor = r.cursor;
      // Remove members behind and ahead of the cursor, add new ones, re-add a removed one.
      const victim = `m${((step * 37) % 1000) + 1}`;
      run('SREM', 'h', victim);
      removed.add(victim);
      run('SADD', 'h', `new${step}`);
      if (step % 5 === 0) {
        const back = `m${((step * 13) % 1000) + 1}`;
        run('SREM', 'h', back);
        run('SADD', 'h', back);
        removed.add(back);
      }
      step++;
    } while (cursor !== '0');
    for (const m of range(1, 1000, 'm')) if (!removed.has(m)) expect(seen.has(m), m).toBe(true);
    for (const m of seen) expect(m.startsWith('m') || m.startsWith('new')).toBe(true);
  });

  it('starting over at cursor 0 gives the same cursors while nothing was removed', () => {
    expect(sscan('0', 'COUNT', '10').cursor).toBe('10');
    expect(sscan('0', 'COUNT', '10').cursor).toBe('10');
    expect(sscan('10', 'COUNT', '10').cursor).toBe('20');
    run('SREM', 'h', 'm999');
    const again = sscan('0', 'COUNT', '10').cursor;
    expect(again).not.toBe('10');
    expect(sscan('0', 'COUNT', '10').cursor).toBe(again);
  });

  it('two iterations at once both complete', () => {
    let a = sscan('0', 'COUNT', '50');
    run('SREM', 'h', 'm1000');
    let b = sscan('0', 'COUNT', '50');
    expect(a.cursor).not.toBe(b.cursor);
    const seenA = new Set(a.members);
    const seenB = new Set(b.members);
    while (a.cursor !== '0' || b.cursor !== '0') {
      if (a.cursor !== '0') {
        a = sscan(a.cursor, 'COUNT', '50');
        for (const m of a.members) seenA.add(m);
      }
      run('SREM', 'h', `m${seenA.size}`);
      run('SADD', 'h', `m${seenA.size}`);
      if (b.cursor !== '0') {
        b = sscan(b.cursor, 'COUNT', '30');
        for (const m of b.members) seenB.add(m);
      }
    }
    for (const m of range(1, 999, 'm')) {
      expect(seenA.has(m), m).toBe(true);
      expect(seenB.has(m), m).toBe(true);
    }
  });

  it('a forgotten iteration falls back to its position, stepping back over removals', () => {
    const first = sscan('0', 'COUNT', '100');
    // Start many other iterations so that the first one is forgotten.
    for (let i = 0; i < 40; i++) sscan('0', 'COUNT', '10');
    run('SREM', 'h', 'm1', 'm2', 'm3');
    const seen = new Set(first.members);
    let cursor = first.cursor;
    while (cursor !== '0') {
      const r = sscan(cursor, 'COUNT', '100');
      for (const m of r.members) seen.add(m);
      cursor = r.cursor;
    }
    for (const m of range(4, 1000, 'm')) expect(seen.has(m), m).toBe(true);
  });

  it('MATCH filters each batch; an arbitrary cursor still answers', () => {
    const r = sscan('0', 'MATCH', 'm1*', 'COUNT', '1000');
    expect(r.cursor).toBe('0');
    expect(r.members.length).toBe(112);
    const odd = sscan('123456789', 'COUNT', '5');
    expect(odd.members.length).toBeLessThanOrEqual(5);
  });
});
