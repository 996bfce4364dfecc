// Blocking commands (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP, BZPOPMIN, BZPOPMAX, BZMPOP)
// against a real redis-server: a client blocks, another acts, the blocked one's reply must be
// the same bytes on both sides (helpers in blocking-support.ts).

import { describe, expect, it } from 'vitest';
import { useBlockingDiff } from './blocking-support.js';
import { clockPast, show, type Pair } from './harness.js';

describe('blocking commands', () => {
  const { d, blocked, start, finish, stillWaiting } = useBlockingDiff();

  /** Runs commands on one pair, comparing each reply. */
  const on = (p: Pair, ...steps: string[][]) => p.run(steps);

  describe('served at once when there is data', () => {
    it('every command pops like its non-blocking form', () =>
      d.run([
        ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e', 'f'],
        ['BLPOP', 'l', '0'],
        ['BRPOP', 'nokey', 'l', '1'],
        ['BLMOVE', 'l', 'dst', 'LEFT', 'RIGHT', '0'],
        ['BLMOVE', 'l', 'l', 'RIGHT', 'LEFT', '0.5'],
        ['BRPOPLPUSH', 'l', 'dst', '0'],
        ['LRANGE', 'dst', '0', '-1'],
        ['BLMPOP', '0', '2', 'nokey', 'l', 'LEFT', 'COUNT', '10'],
        ['EXISTS', 'l'],
        ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
        ['BZPOPMIN', 'nokey', 'z', '0'],
        ['BZPOPMAX', 'z', '0'],
        ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '1'],
        ['BZMPOP', '0', '2', 'nokey', 'z', 'MAX', 'COUNT', '5'],
        ['EXISTS', 'z'],
        ['RPUSH', 'l', '\xec\x95\x88', '\xff', ''],
        ['BLMPOP', '1.5', '1', 'l', 'RIGHT'],
        ['BLPOP', 'l', 'l', '0'],
        ['BRPOP', 'l', '0'],
      ]));

    it('answers in RESP3 forms', async () => {
      await d.both(['HELLO', '3']);
      await d.run([
        ['RPUSH', 'l', 'a', 'b'],
        ['BLPOP', 'l', '0'],
        ['BLMPOP', '0', '1', 'l', 'LEFT', 'COUNT', '3'],
        ['ZADD', 'z', '1.5', 'a', '2', 'b', '3', 'c'],
        ['BZPOPMIN', 'z', '0'],
        ['BZMPOP', '0', '1', 'z', 'MAX', 'COUNT', '2'],
        ['MULTI'],
        ['BLPOP', 'l', '0'],
        ['BLMOVE', 'l', 'x', 'LEFT', 'LEFT', '0'],
        ['BZMPOP', '0', '1', 'z', 'MIN'],
        ['EXEC'],
      ]);
    });
  });

  describe('errors', () => {
    it('arity', () =>
      d.run([
        ['BLPOP', 'k'],
        ['BRPOP', 'k'],
        ['BLMOVE', 'a', 'b', 'LEFT', 'LEFT'],
        ['BLMOVE', 'a', 'b', 'LEFT', 'LEFT', '0', 'x'],
        ['BRPOPLPUSH', 'a', 'b'],
        ['BLMPOP', '0', '1', 'k'],
        ['BZPOPMIN', 'k'],
        ['BZPOPMAX', 'k'],
        ['BZMPOP', '0', '1', 'k'],
      ]));

    it('timeouts that are not floats, negative or out of range', async () => {
      const bad = ['abc', '', ' 1', '1 ', 'nan', '1e5000', '1e-5000', '-1', '-0.002', 'inf', '-inf', '1e20', '9.3e15', '0x'];
      const steps: string[][] = [];
      for (const t of bad) {
        steps.push(['BLPOP', 'k', t], ['BRPOP', 'k', 'k2', t], ['BZPOPMIN', 'k', t], ['BZPOPMAX', 'k', t]);
        steps.push(['BLMOVE', 'a', 'b', 'LEFT', 'RIGHT', t], ['BRPOPLPUSH', 'a', 'b', t]);
        steps.push(['BLMPOP', t, '1', 'k', 'LEFT'], ['BZMPOP', t, '1', 'k', 'MIN']);
      }
      await d.run(steps);
    });

    it('timeouts that are accepted: tiny, negative zero, hex, huge', async () => {
      // Each of these either blocks (compare nothing) or times out at once: only the ones that
      // time out within a few ms are run here, and the rest are checked for blocking below.
      await d.run([
        ['BLPOP', 'k', '1e-10'],
        ['BLPOP', 'k', '0.0001'],
        ['BZPOPMIN', 'k', '0.001'],
        ['BLMOVE', 'a', 'b', 'LEFT', 'LEFT', '0.001'],
        ['BRPOPLPUSH', 'a', 'b', '0.001'],
        ['BLMPOP', '0.001', '1', 'k', 'LEFT'],
        ['BZMPOP', '0.001', '1', 'k', 'MIN'],
      ]);
      const [a, b] = await d.clients(2);
      for (const t of ['-0', '-0.001', '0x10', '9.2e15', '9223372036854775.807']) {
        const x = start(a, ['BLPOP', 'k', t]);
        await blocked(1);
        expect(await stillWaiting(x), `BLPOP k ${t} blocks`).toBe(true);
        await on(b, ['RPUSH', 'k', t]);
        await finish(x);
        await blocked(0);
      }
    });

    it('wrong types, syntax, numkeys and count', () =>
      d.run([
        ['SET', 'str', 'x'],
        ['RPUSH', 'l', '1'],
        ['ZADD', 'z', '1', 'm'],
        ['BLPOP', 'str', '0'],
        ['BLPOP', 'nokey', 'str', '0'],
        ['BRPOP', 'z', '0'],
        ['BLMOVE', 'str', 'b', 'LEFT', 'LEFT', '0'],
        ['BLMOVE', 'l', 'str', 'LEFT', 'LEFT', '0'],
        ['BLMOVE', 'nokey', 'str', 'LEFT', 'LEFT', '0.01'],
        ['BRPOPLPUSH', 'l', 'z', '0'],
        ['LRANGE', 'l', '0', '-1'],
        ['BLMOVE', 'l', 'b', 'UP', 'LEFT', '0'],
        ['BLMOVE', 'l', 'b', 'LEFT', 'DOWN', '0'],
        ['BLMOVE', 'l', 'b', 'UP', 'LEFT', 'x'],
        ['BLMOVE', 'l', 'b', 'LEFT', 'LEFT', 'x'],
        ['BZPOPMIN', 'str', '0'],
        ['BZPOPMAX', 'nokey', 'l', '0'],
        ['BLMPOP', '0', '1', 'str', 'LEFT'],
        ['BLMPOP', '0', '3', 'nokey', 'str', 'l', 'LEFT'],
        ['BLMPOP', '0', '0', 'k', 'LEFT'],
        ['BLMPOP', '0', '-1', 'k', 'LEFT'],
        ['BLMPOP', '0', 'x', 'k', 'LEFT'],
        ['BLMPOP', '0', '5', 'k', 'LEFT'],
        ['BLMPOP', '0', '1', 'k', 'UP'],
        ['BLMPOP', '0', '1', 'k', 'LEFT', 'COUNT'],
        ['BLMPOP', '0', '1', 'k', 'LEFT', 'COUNT', '0'],
        ['BLMPOP', '0', '1', 'k', 'LEFT', 'COUNT', '-1'],
        ['BLMPOP', '0', '1', 'k', 'LEFT', 'COUNT', '9223372036854775808'],
        ['BLMPOP', '0', '1', 'k', 'LEFT', 'COUNT', '1', 'COUNT', '1'],
        ['BLMPOP', '0', '1', 'k', 'LEFT', 'EXTRA'],
        ['BLMPOP', 'x', '0', 'k', 'LEFT'],
        ['BLMPOP', 'x', '1', 'k', 'UP'],
        ['BLMPOP', '-1', '1', 'k', 'LEFT', 'COUNT', '0'],
        ['BZMPOP', '0', '1', 'str', 'MIN'],
        ['BZMPOP', '0', '1', 'l', 'MAX'],
        ['BZMPOP', '0', '0', 'z', 'MIN'],
        ['BZMPOP', '0', '1', 'z', 'MIX'],
        ['BZMPOP', '0', '2', 'z', 'MIN'],
        ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '0'],
        ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '5', 'COUNT', '2'],
        ['BZMPOP', '-1', 'x', 'z', 'MIN'],
        ['BZMPOP', 'x', '1', 'z', 'MIN'],
        ['CLIENT', 'UNBLOCK', 'x'],
        ['CLIENT', 'UNBLOCK', '1', 'foo'],
        ['CLIENT', 'UNBLOCK', '99999'],
        ['CLIENT', 'UNBLOCK', '99999', 'ERROR'],
        ['CLIENT', 'UNBLOCK', '1', '2', '3'],
      ]));
  });

  describe('never blocks inside MULTI', () => {
    it('answers the timeout reply for every command', () =>
      d.run([
        ['MULTI'],
        ['BLPOP', 'k', '0'],
        ['BRPOP', 'k', '10'],
        ['BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0'],
        ['BRPOPLPUSH', 'k', 'd', '0'],
        ['BLMPOP', '0', '1', 'k', 'LEFT'],
        ['BZPOPMIN', 'z', '0'],
        ['BZPOPMAX', 'z', '0'],
        ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '3'],
        ['RPUSH', 'k', 'x'],
        ['BLPOP', 'k', '0'],
        ['BLPOP', 'k', '0'],
        ['BLPOP', 'k', 'bad'],
        ['EXEC'],
        ['MULTI'],
        ['BLPOP', 'k'],
        ['EXEC'],
      ]));
  });

  describe('served later by another client', () => {
    it('BLPOP and BRPOP by RPUSH and LPUSH', async () => {
      const [a, b] = await d.clients(2);
      let x = start(a, ['BLPOP', 'q', '0']);
      await blocked(1);
      await on(b, ['RPUSH', 'q', 'one', 'two']);
      await finish(x);
      await on(b, ['LRANGE', 'q', '0', '-1'], ['DEL', 'q']);
      x = start(a, ['BRPOP', 'q', '0']);
      await blocked(1);
      await on(b, ['LPUSH', 'q', 'a', 'b', 'c']);
      await finish(x);
      await on(b, ['LRANGE', 'q', '0', '-1']);
    });

    it('by LMOVE, and a served BLMOVE cascades into the next waiter', async () => {
      const [a, b, c] = await d.clients(3);
      const x = start(a, ['BLMOVE', 'src', 'mid', 'RIGHT', 'LEFT', '0']);
      await blocked(1);
      const y = start(b, ['BRPOPLPUSH', 'mid', 'dst', '0']);
      await blocked(2);
      await on(c, ['RPUSH', 'other', 'job1', 'job2'], ['LMOVE', 'other', 'src', 'LEFT', 'RIGHT']);
      await finish(x);
      await finish(y);
      await on(c, ['LRANGE', 'dst', '0', '-1'], ['EXISTS', 'src', 'mid'], ['LRANGE', 'other', '0', '-1']);
    });

    it('by ZADD for BZPOPMIN, BZPOPMAX and BZMPOP', async () => {
      const [a, b, c, p] = await d.clients(4);
      const x = start(a, ['BZPOPMIN', 'z1', 'z2', '0']);
      await blocked(1);
      const y = start(b, ['BZPOPMAX', 'z2', '0']);
      await blocked(2);
      const w = start(c, ['BZMPOP', '0', '2', 'z1', 'z2', 'MAX', 'COUNT', '2']);
      await blocked(3);
      await on(p, ['ZADD', 'z2', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e']);
      await finish(x);
      await finish(y);
      await finish(w);
      await on(p, ['ZRANGE', 'z2', '0', '-1', 'WITHSCORES']);
    });

    it('by a push inside another client’s EXEC, with what the transaction left', async () => {
      const [a, b] = await d.clients(2);
      const x = start(a, ['BLPOP', 'k', '0']);
      await blocked(1);
      await on(b, ['MULTI'], ['RPUSH', 'k', '1', '2'], ['LPOP', 'k'], ['RPUSH', 'k2', 'z']);
      expect(await stillWaiting(x)).toBe(true);
      await on(b, ['EXEC']);
      await finish(x);
      const y = start(a, ['BLPOP', 'k', '0']);
      await blocked(1);
      // Filled and emptied inside one transaction: nothing to serve, the client keeps waiting.
      await on(b, ['MULTI'], ['RPUSH', 'k', 'gone'], ['DEL', 'k'], ['EXEC']);
      expect(await stillWaiting(y)).toBe(true);
      await on(b, ['RPUSH', 'k', 'last']);
      await finish(y);
    });

    it('three clients on one key are served in the order they blocked', async () => {
      const [a, b, c, p] = await d.clients(4);
      const xs = [];
      for (const cl of [a, b, c]) {
        xs.push(start(cl, ['BLPOP', 'fair', '0']));
        await blocked(xs.length);
      }
      for (const v of ['1', '2', '3']) await on(p, ['RPUSH', 'fair', v]);
      for (const x of xs) await finish(x);
      for (const cl of [a, b, c]) {
        xs.push(start(cl, ['BRPOP', 'fair', '0']));
        await blocked(xs.length - 3);
      }
      // One push of several elements serves several clients.
      await on(p, ['RPUSH', 'fair', 'x', 'y']);
      await finish(xs[3]!);
      await finish(xs[4]!);
      await on(p, ['RPUSH', 'fair', 'z']);
      await finish(xs[5]!);
    });

    it('several keys: the first key that gets data wins and the reply names it', async () => {
      const [a, b] = await d.clients(2);
      const x = start(a, ['BRPOP', 'k1', 'k2', 'k3', '0']);
      await blocked(1);
      await on(b, ['RPUSH', 'k3', 'v3'], ['RPUSH', 'k1', 'v1']);
      await finish(x);
      const y = start(a, ['BLMPOP', '0', '3', 'k1', 'k2', 'k4', 'LEFT', 'COUNT', '5']);
      await finish(y);
      const w = start(a, ['BLMPOP', '0', '3', 'k1', 'k2', 'k4', 'RIGHT', 'COUNT', '2']);
      await blocked(1);
      await on(b, ['MSET', 'k1', 'str'], ['RPUSH', 'k4', 'a', 'b', 'c']);
      await finish(w);
      await on(b, ['LRANGE', 'k4', '0', '-1']);
    });

    it('a key that became another type leaves the client waiting', async () => {
      const [a, b] = await d.clients(2);
      const x = start(a, ['BLPOP', 'k', '0']);
      await blocked(1);
      await on(b, ['SET', 'k', 'v'], ['DEL', 'k'], ['ZADD', 'k', '1', 'm'], ['SADD', 'k2', 'x']);
      expect(await stillWaiting(x)).toBe(true);
      await on(b, ['DEL', 'k'], ['RPUSH', 'k', 'finally']);
      await finish(x);
    });

    it('a served BLMOVE whose destination is not a list answers WRONGTYPE', async () => {
      const [a, b] = await d.clients(2);
      const x = start(a, ['BLMOVE', 'src', 'dst', 'LEFT', 'LEFT', '0']);
      await blocked(1);
      await on(b, ['SET', 'dst', 'str'], ['RPUSH', 'src', 'x']);
      await finish(x);
      await on(b, ['LRANGE', 'src', '0', '-1'], ['GET', 'dst']);
    });

    it('keys created by RENAME, COPY, MOVE and SWAPDB', async () => {
      const [a, b] = await d.clients(2);
      let x = start(a, ['BLPOP', 'dst', '0']);
      await blocked(1);
      await on(b, ['RPUSH', 'src', 'r'], ['RENAME', 'src', 'dst']);
      await finish(x);
      x = start(a, ['BZPOPMIN', 'zc', '0']);
      await blocked(1);
      await on(b, ['ZADD', 'zo', '7', 'm'], ['COPY', 'zo', 'zc']);
      await finish(x);
      x = start(a, ['BLPOP', 'mv', '0']);
      await blocked(1);
      await on(b, ['SELECT', '3'], ['RPUSH', 'mv', 'moved'], ['MOVE', 'mv', '0']);
      await finish(x);
      x = start(a, ['BLPOP', 'sw', '0']);
      await blocked(1);
      await on(b, ['RPUSH', 'sw', 'swapped'], ['SWAPDB', '0', '3']);
      await finish(x);
    });

    it('count the same changes for rdb_changes_since_last_save', async () => {
      const [a, b] = await d.clients(2);
      const dirty = async (side: 'real' | 'ours'): Promise<number> => {
        const info = await b[side].send(['INFO', 'persistence']);
        return Number(/rdb_changes_since_last_save:(\d+)/.exec(info)![1]);
      };
      const cases: { block: string[]; feed: string[][] }[] = [
        { block: ['BLPOP', 'k', '0'], feed: [['RPUSH', 'k', 'a', 'b']] },
        { block: ['BLPOP', 'k', '0'], feed: [['RPUSH', 'k', 'a']] },
        { block: ['BLMPOP', '0', '1', 'k', 'RIGHT', 'COUNT', '3'], feed: [['RPUSH', 'k', 'a', 'b']] },
        { block: ['BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0'], feed: [['RPUSH', 'k', 'a']] },
        { block: ['BRPOPLPUSH', 'k', 'd', '0'], feed: [['RPUSH', 'k', 'a', 'b']] },
        { block: ['BZPOPMIN', 'z', '0'], feed: [['ZADD', 'z', '1', 'a']] },
        { block: ['BZMPOP', '0', '1', 'z', 'MAX', 'COUNT', '2'], feed: [['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c']] },
      ];
      for (const { block, feed } of cases) {
        await on(b, ['FLUSHALL']);
        const before = { real: await dirty('real'), ours: await dirty('ours') };
        const x = start(a, block);
        await blocked(1);
        await on(b, ...feed);
        await finish(x);
        const after = { real: await dirty('real'), ours: await dirty('ours') };
        expect(after.ours - before.ours, block.join(' ')).toBe(after.real - before.real);
      }
      // Served at once, like the non-blocking pops.
      for (const step of [
        ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
        ['BZPOPMIN', 'z', '0'],
        ['BZMPOP', '0', '1', 'z', 'MAX', 'COUNT', '5'],
        ['ZADD', 'z', '1', 'a', '2', 'b'],
        ['ZPOPMAX', 'z', '5'],
        ['RPUSH', 'l', 'a', 'b', 'c', 'd'],
        ['BLPOP', 'l', '0'],
        ['BLMOVE', 'l', 'l2', 'LEFT', 'LEFT', '0'],
        ['BLMPOP', '0', '1', 'l', 'LEFT', 'COUNT', '5'],
      ]) {
        const before = { real: await dirty('real'), ours: await dirty('ours') };
        await on(b, step);
        const after = { real: await dirty('real'), ours: await dirty('ours') };
        expect(after.ours - before.ours, step.join(' ')).toBe(after.real - before.real);
      }
    });

    it('a blocked client in another database is not served by this one', async () => {
      const [a, b] = await d.clients(2);
      await on(a, ['SELECT', '5']);
      const x = start(a, ['BLPOP', 'k', '0']);
      await blocked(1);
      await on(b, ['RPUSH', 'k', 'db0']);
      expect(await stillWaiting(x)).toBe(true);
      await on(b, ['SELECT', '5'], ['RPUSH', 'k', 'db5']);
      await finish(x);
    });
  });

  describe('timeouts', () => {
    it('answer every command with its timeout reply after the time passed', async () => {
      const [a, b, c, e] = await d.clients(4);
      const t0 = performance.now();
      const xs = [
        start(a, ['BLPOP', 'k', '0.1']),
        start(b, ['BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0.1']),
        start(c, ['BZMPOP', '0.15', '1', 'z', 'MIN']),
        start(e, ['BRPOPLPUSH', 'k', 'd', '0.12']),
      ];
      for (const x of xs) await finish(x);
      // Not before the shortest timeout (1 ms of slack for the clocks' rounding); no upper bound:
      // a busy machine runs timers late.
      expect(performance.now() - t0).toBeGreaterThanOrEqual(99);
      await blocked(0);
    });

    it('each remaining command times out too, in RESP3', async () => {
      const [a, b, c] = await d.clients(3);
      for (const p of [a, b, c]) await p.both(['HELLO', '3']);
      const xs = [start(a, ['BRPOP', 'k', 'k2', '0.05']), start(b, ['BZPOPMIN', 'z', '0.05']), start(c, ['BZPOPMAX', 'z', '0.05'])];
      for (const x of xs) await finish(x);
      const ys = [start(a, ['BLMPOP', '0.05', '1', 'k', 'LEFT', 'COUNT', '2']), start(b, ['BLMOVE', 'k', 'd', 'RIGHT', 'RIGHT', '0.05'])];
      for (const y of ys) await finish(y);
    });

    // That the timer is armed for the nearest deadline is checked on a virtual clock in
    // src/engine/blocking.test.ts; here it fires by itself on real time, and not early.
    it('our timeout fires by itself once its time has passed', async () => {
      const [a] = await d.clients(1);
      const t0 = performance.now();
      expect(await a.ours.send(['BLPOP', 'k', '0.03'])).toBe('*-1\r\n');
      expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
    });

    it('a client served before its timeout does not time out later', async () => {
      const [a, b] = await d.clients(2);
      const x = start(a, ['BLPOP', 'k', '0.2']);
      await blocked(1);
      // Both servers have the command by now: its timeout falls before this.
      const deadline = Date.now() + 200;
      await on(b, ['RPUSH', 'k', 'v']);
      await finish(x);
      // Past the timeout it had (timers run while the clock is polled): only PING's reply comes.
      await clockPast(deadline);
      await on(a, ['PING']);
    });
  });

  describe('unblocking', () => {
    it('CLIENT UNBLOCK TIMEOUT and ERROR', async () => {
      const [a, b, admin] = await d.clients(3);
      const realIds = [await a.real.send(['CLIENT', 'ID']), await b.real.send(['CLIENT', 'ID'])].map((r) => r.slice(1, -2));
      const ourIds = [String(a.ours.client.id), String(b.ours.client.id)];
      const x = start(a, ['BLPOP', 'k', '0']);
      const y = start(b, ['BZMPOP', '0', '1', 'z', 'MIN']);
      await blocked(2);
      const unblock = async (i: number, how: string[]) => {
        const real = await admin.real.send(['CLIENT', 'UNBLOCK', realIds[i]!, ...how]);
        const ours = await admin.ours.send(['CLIENT', 'UNBLOCK', ourIds[i]!, ...how]);
        expect(show(ours)).toBe(show(real));
      };
      await unblock(0, ['TIMEOUT']);
      await finish(x);
      await unblock(0, []);
      await unblock(1, ['error']);
      await finish(y);
      await blocked(0);
      const w = start(a, ['BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0']);
      await blocked(1);
      await unblock(0, []);
      await finish(w);
      // The connection works again after being unblocked.
      await on(a, ['RPUSH', 'k', 'x'], ['BLPOP', 'k', '0']);
      // The ERROR form counts as an error reply of the blocked command.
      await on(admin, ['INFO', 'errorstats']);
    });

    it('CLIENT LIST and INFO show a blocked client like Redis', async () => {
      const [a, admin] = await d.clients(2);
      const realId = (await a.real.send(['CLIENT', 'ID'])).slice(1, -2);
      const fields = (line: string) =>
        line
          .split(' ')
          .filter((f) => /^(flags|db|multi|argv-mem|cmd|sub|psub|resp)=/.test(f))
          .join(' ');
      for (const argv of [
        ['BLPOP', 'mylist', '5'],
        ['BZMPOP', '0', '2', 'z1', 'z2', 'MIN', 'COUNT', '10'],
        ['BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0'],
      ]) {
        const x = start(a, argv);
        await blocked(1);
        const real = await admin.real.send(['CLIENT', 'LIST', 'ID', realId]);
        const ours = await admin.ours.send(['CLIENT', 'LIST', 'ID', String(a.ours.client.id)]);
        expect(fields(ours), argv.join(' ')).toBe(fields(real));
        expect(fields(ours)).toContain('flags=b');
        const info = async (side: 'real' | 'ours') =>
          (await admin[side].send(['INFO', 'clients'])).split('\r\n').filter((l) => /^(blocked_clients|clients_in_timeout_table)/.test(l));
        expect(await info('ours')).toEqual(await info('real'));
        expect(await admin.real.send(['CLIENT', 'UNBLOCK', realId])).toBe(':1\r\n');
        expect(await admin.ours.send(['CLIENT', 'UNBLOCK', String(a.ours.client.id)])).toBe(':1\r\n');
        await finish(x);
      }
    });

    it('a killed blocked client leaves its wait list', async () => {
      const [a, b, p] = await d.clients(3);
      const realId = (await a.real.send(['CLIENT', 'ID'])).slice(1, -2);
      a.real.send(['BLPOP', 'k', '0']).catch(() => {});
      void a.ours.send(['BLPOP', 'k', '0']);
      await blocked(1);
      const y = start(b, ['BLPOP', 'k', '0']);
      await blocked(2);
      expect(await p.real.send(['CLIENT', 'KILL', 'ID', realId])).toBe(':1\r\n');
      expect(await p.ours.send(['CLIENT', 'KILL', 'ID', String(a.ours.client.id)])).toBe(':1\r\n');
      await blocked(1);
      await on(p, ['RPUSH', 'k', 'v1', 'v2']);
      await finish(y);
      await on(p, ['LRANGE', 'k', '0', '-1']);
    });

    it('a closed connection leaves its wait list', async () => {
      const [a, b, p] = await d.clients(3);
      void a.real.send(['BLPOP', 'k', '0']);
      void a.ours.send(['BLPOP', 'k', '0']);
      await blocked(1);
      a.real.close();
      a.ours.close();
      await blocked(0);
      const y = start(b, ['BRPOP', 'k', '0']);
      await blocked(1);
      await on(p, ['RPUSH', 'k', 'only']);
      await finish(y);
    });
  });
});
