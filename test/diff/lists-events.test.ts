// LIST group, part 3: side effects compared with the real server — keyspace events (the real
// server's __keyevent@0__ channel against our engine's change events, in order) and Redis's
// dirty counter (rdb_changes_since_last_save), which counts one change per pushed or removed
// element.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { RespConnection, useDiff } from './harness.js';

const SENTINEL = '__events_done__';

describe('LIST keyspace events and dirty counting', () => {
  const d = useDiff();
  let sub: RespConnection | undefined;

  beforeAll(async () => {
    const admin = await RespConnection.connect(d.redis.port);
    await admin.send(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']);
    admin.close();
  });
  afterEach(() => {
    sub?.close();
    sub = undefined;
  });

  /** Runs the commands on both sides; returns the events each side emitted, as 'event key'. */
  async function events(cmds: string[][]): Promise<{ real: string[]; ours: string[] }> {
    sub = await RespConnection.connect(d.redis.port);
    await sub.send(['PSUBSCRIBE', '__keyevent@0__:*']);
    const ours: string[] = [];
    const off = d.engine.onChange((e) => {
      if (e.db === 0) ours.push(`${e.event} ${e.key}`);
    });
    await d.run(cmds);
    off();
    await d.pair.real.send(['SET', SENTINEL, '1']);
    const real: string[] = [];
    for (;;) {
      const p = parseReply(await sub.next());
      if (p === null || (p.reply.t !== 'array' && p.reply.t !== 'push')) throw new Error('bad pmessage');
      const parts = (p.reply.v ?? []).map((r) => (r.t === 'bulk' ? r.v : null));
      const event = parts[2]!.slice('__keyevent@0__:'.length);
      const key = parts[3]!;
      if (key === SENTINEL) break;
      real.push(`${event} ${key}`);
    }
    return { real, ours };
  }

  async function expectSameEvents(cmds: string[][]): Promise<string[]> {
    const { real, ours } = await events(cmds);
    expect(real.length).toBeGreaterThan(0);
    expect(ours).toEqual(real);
    return real;
  }

  it('pushes and pops', async () => {
    const real = await expectSameEvents([
      ['LPUSH', 'l', 'a', 'b'],
      ['RPUSH', 'l', 'c'],
      ['LPUSHX', 'l', 'x'],
      ['RPUSHX', 'l', 'y'],
      ['LPUSHX', 'missing', 'x'],
      ['LPOP', 'l'],
      ['RPOP', 'l', '2'],
      ['LPOP', 'l', '0'],
      ['LPOP', 'missing'],
      ['RPOP', 'l', '5'],
    ]);
    expect(real).toContain('del l');
  });

  it('LSET, LINSERT, LREM, LTRIM (also when nothing changes)', () =>
    expectSameEvents([
      ['RPUSH', 'l', 'a', 'b', 'c', 'b'],
      ['LSET', 'l', '0', 'A'],
      ['LSET', 'l', '9', 'x'],
      ['LINSERT', 'l', 'BEFORE', 'b', 'x'],
      ['LINSERT', 'l', 'AFTER', 'zz', 'x'],
      ['LREM', 'l', '0', 'nope'],
      ['LREM', 'l', '1', 'b'],
      ['LTRIM', 'l', '0', '-1'],
      ['LTRIM', 'l', '1', '2'],
      ['LTRIM', 'missing', '0', '1'],
      ['LREM', 'l', '0', 'x'],
      ['LTRIM', 'l', '5', '1'],
      ['RPUSH', 'm', 'q', 'q'],
      ['LREM', 'm', '0', 'q'],
    ]));

  it('LMOVE, RPOPLPUSH (rotation included) and LMPOP', () =>
    expectSameEvents([
      ['RPUSH', 'src', '1', '2', '3'],
      ['LMOVE', 'src', 'dst', 'LEFT', 'RIGHT'],
      ['LMOVE', 'src', 'dst', 'RIGHT', 'LEFT'],
      ['RPOPLPUSH', 'src', 'dst'],
      ['LMOVE', 'dst', 'dst', 'LEFT', 'RIGHT'],
      ['RPUSH', 'one', 'x'],
      ['RPOPLPUSH', 'one', 'one'],
      ['LMOVE', 'missing', 'dst', 'LEFT', 'LEFT'],
      ['LMPOP', '2', 'missing', 'dst', 'LEFT', 'COUNT', '2'],
      ['LMPOP', '1', 'dst', 'RIGHT', 'COUNT', '5'],
    ]));

  async function dirty(side: 'real' | 'ours'): Promise<number> {
    const raw = side === 'real' ? await d.pair.real.send(['INFO', 'persistence']) : await d.pair.ours.send(['INFO', 'persistence']);
    const m = /rdb_changes_since_last_save:(\d+)/.exec(raw);
    expect(m, 'rdb_changes_since_last_save in INFO').not.toBeNull();
    return Number(m![1]);
  }

  it('dirty counts one change per element, as Redis does', async () => {
    const steps: string[][] = [
      ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e', 'f'],
      ['LPUSH', 'l', 'x', 'y'],
      ['LPUSHX', 'missing', 'x', 'y'],
      ['LPOP', 'l', '3'],
      ['RPOP', 'l'],
      ['LSET', 'l', '0', 'z'],
      ['LINSERT', 'l', 'BEFORE', 'z', 'w'],
      ['LREM', 'l', '0', 'z'],
      ['LREM', 'l', '0', 'nope'],
      ['LTRIM', 'l', '0', '-1'],
      ['LTRIM', 'l', '1', '1'],
      ['RPUSH', 'm', '1', '2', '3'],
      ['LMOVE', 'm', 'l', 'LEFT', 'LEFT'],
      ['RPOPLPUSH', 'm', 'm'],
      ['LMPOP', '1', 'm', 'LEFT', 'COUNT', '9'],
    ];
    for (const step of steps) {
      const before = { real: await dirty('real'), ours: await dirty('ours') };
      await d.run([step]);
      const delta = { real: (await dirty('real')) - before.real, ours: (await dirty('ours')) - before.ours };
      expect(delta.ours, `dirty after ${step.join(' ')}`).toBe(delta.real);
    }
  });
});
