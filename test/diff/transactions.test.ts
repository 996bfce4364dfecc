// TRANSACTIONS group: MULTI, EXEC, DISCARD, WATCH, UNWATCH against a real redis-server,
// including two-connection cases (a write, FLUSHDB, SWAPDB or an expiry between WATCH and EXEC).
import { describe, expect, it } from 'vitest';
import { clockPast, show, useDiff, type Pair, type Step } from './harness.js';

/** Runs steps on several connection pairs in the given order, comparing every reply. */
async function interleave(steps: [Pair, Step][]): Promise<void> {
  for (const [p, s] of steps) await p.run([s]);
}

/** HELLO 3 on both sides; the replies differ only by the connection id. */
async function hello3(p: Pair): Promise<void> {
  const { real, ours } = await p.both(['HELLO', '3']);
  const mask = (raw: string) => raw.replace(/(\$2\r\nid\r\n:)\d+/, '$1ID');
  expect(show(mask(ours))).toBe(show(mask(real)));
}

describe('MULTI / EXEC / DISCARD', () => {
  const d = useDiff();

  it('queues and runs commands, with per-command errors in the EXEC reply', () =>
    d.run([
      ['MULTI'],
      ['SET', 'k', 'v'],
      ['INCR', 'k'],
      ['APPEND', 'k', '\xec\x95\x88'],
      ['GET', 'k'],
      ['SET', 'n', '9223372036854775807'],
      ['INCR', 'n'],
      ['GETRANGE', 'k', '0', '-1'],
      ['EXEC'],
      ['GET', 'k'],
      ['MULTI'],
      ['EXEC'],
      ['multi'],
      ['exec'],
    ]));

  it('errors outside a transaction and on nesting', () =>
    d.run([['EXEC'], ['DISCARD'], ['MULTI'], ['MULTI'], ['SET', 'k', 'v'], ['MULTI'], ['EXEC'], ['GET', 'k'], ['MULTI', 'extra'], ['UNWATCH', 'extra']]));

  it('a rejected command aborts EXEC with EXECABORT', () =>
    d.run([
      ['MULTI'],
      ['SET', 'a', '1'],
      ['NOSUCHCOMMAND', 'x', 'y'],
      ['SET', 'b', '2'],
      ['EXEC'],
      ['EXISTS', 'a', 'b'],
      ['MULTI'],
      ['GET'],
      ['SET', 'a', '1'],
      ['EXEC'],
      ['MULTI'],
      ['SET', 'a', '1', 'EX', '0'],
      ['EXEC'],
      ['MULTI'],
      ['CONFIG', 'NOSUCH'],
      ['EXEC'],
      ['MULTI'],
      ['DISCARD', 'x'],
      ['PING'],
      ['EXEC'],
    ]));

  it('EXEC with wrong arity discards the transaction, in MULTI or not', () =>
    d.run([['MULTI'], ['SET', 'a', '1'], ['EXEC', 'x'], ['EXEC'], ['GET', 'a'], ['EXEC', 'x', 'y'], ['DISCARD']]));

  it('WATCH inside MULTI errs without flagging the transaction', () =>
    d.run([['MULTI'], ['WATCH', 'k'], ['SET', 'k', 'v'], ['EXEC'], ['MULTI'], ['WATCH'], ['EXEC']]));

  it('DISCARD drops the queue', () =>
    d.run([['SET', 'k', 'old'], ['MULTI'], ['SET', 'k', 'new'], ['DEL', 'k'], ['DISCARD'], ['GET', 'k'], ['DISCARD'], ['EXEC']]));

  it('SELECT inside MULTI changes the database for what follows and stays after EXEC', () =>
    d.run([
      ['MULTI'],
      ['SET', 'k', 'zero'],
      ['SELECT', '5'],
      ['SET', 'k', 'five'],
      ['SELECT', '99'],
      ['GET', 'k'],
      ['EXEC'],
      ['GET', 'k'],
      ['SELECT', '0'],
      ['GET', 'k'],
    ]));

  it('queues every kind of command, including UNWATCH, PING, ECHO and CLIENT', () =>
    d.run([
      ['MULTI'],
      ['UNWATCH'],
      ['PING'],
      ['PING', 'x'],
      ['ECHO', ''],
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', 'tx'],
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', 'bad name'],
      ['EXEC'],
    ]));

  it('RESET inside MULTI ends the transaction at once', () => d.run([['MULTI'], ['SET', 'k', 'v'], ['RESET'], ['EXEC'], ['GET', 'k']]));

  it('QUIT inside MULTI runs at once', () => d.run([['MULTI'], ['SET', 'k', 'v'], ['QUIT']]));

  it('RESP3: replies inside EXEC and the null of a failed EXEC', async () => {
    const [a, b] = await d.clients(2);
    await hello3(a);
    await interleave([
      [a, ['MULTI']],
      [a, ['SET', 'k', 'v']],
      [a, ['GET', 'missing']],
      [a, ['CLIENT', 'GETNAME']],
      [a, ['EXEC']],
      [a, ['WATCH', 'k']],
      [b, ['SET', 'k', 'w']],
      [a, ['MULTI']],
      [a, ['GET', 'k']],
      [a, ['EXEC']],
      [a, ['EXEC']],
    ]);
  });

  it('a big transaction', () => {
    const steps: string[][] = [['MULTI']];
    for (let i = 0; i < 50; i++) steps.push(['INCRBY', 'counter', String(i)]);
    steps.push(['EXEC'], ['GET', 'counter']);
    return d.run(steps);
  });
});

describe('WATCH', () => {
  const d = useDiff();

  it('a write from another connection breaks the transaction', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [a, ['SET', 'k', '1']],
      [a, ['WATCH', 'k']],
      [b, ['SET', 'k', '2']],
      [a, ['MULTI']],
      [a, ['SET', 'k', '3']],
      [a, ['EXEC']],
      [a, ['GET', 'k']],
      // EXEC unwatched everything: the next transaction runs.
      [b, ['SET', 'k', '4']],
      [a, ['MULTI']],
      [a, ['SET', 'k', '5']],
      [a, ['EXEC']],
      [a, ['GET', 'k']],
    ]);
  });

  it('writes to other keys, or to the same name in another db, do not', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [a, ['WATCH', 'k', 'j']],
      [b, ['SET', 'other', '1']],
      [b, ['SELECT', '1']],
      [b, ['SET', 'k', 'in db 1']],
      [a, ['MULTI']],
      [a, ['GET', 'k']],
      [a, ['EXEC']],
    ]);
  });

  it('any key of several watched ones breaks it', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [a, ['WATCH', 'k1', 'k2']],
      [a, ['WATCH', 'k3', 'k1']],
      [b, ['SET', 'k3', 'x']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
    ]);
  });

  it('writes that change nothing do not break it; writes of the same value do', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [a, ['WATCH', 'missing']],
      [b, ['DEL', 'missing']],
      [b, ['UNLINK', 'missing']],
      [b, ['GETDEL', 'missing']],
      [b, ['PERSIST', 'missing']],
      [b, ['EXPIRE', 'missing', '100']],
      [b, ['SET', 'missing', 'v', 'XX']],
      [b, ['RENAMENX', 'nosrc', 'missing']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
      [b, ['SET', 'k', 'v']],
      [a, ['WATCH', 'k']],
      [b, ['SET', 'k', 'v']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
    ]);
  });

  it('failed writes do not break it', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [b, ['SET', 'k', 'v']],
      [b, ['SET', 'n', '1']],
      [a, ['WATCH', 'k', 'n']],
      [b, ['INCR', 'k']],
      [b, ['SET', 'k', 'x', 'NX']],
      [b, ['SETNX', 'k', 'x']],
      [b, ['PERSIST', 'k']],
      [b, ['INCRBYFLOAT', 'k', '1']],
      [b, ['SETRANGE', 'k', '0', '']],
      [b, ['APPEND', 'k', '']],
      [b, ['INCRBY', 'n', 'x']],
      [a, ['MULTI']],
      [a, ['MGET', 'k', 'n']],
      [a, ['EXEC']],
    ]);
  });

  it('each kind of write breaks it', async () => {
    const [a, b] = await d.clients(2);
    const writes: string[][] = [
      ['INCR', 'k'],
      ['APPEND', 'k', 'x'],
      ['DEL', 'k'],
      ['EXPIRE', 'k', '100'],
      ['PERSIST', 'k'],
      ['RENAME', 'k', 'k2'],
      ['MSET', 'a', '1', 'k', '2'],
      ['SETRANGE', 'k', '0', 'z'],
      ['GETEX', 'k', 'EX', '100'],
      ['MOVE', 'k', '1'],
      ['COPY', 'src', 'k', 'REPLACE'],
    ];
    for (const w of writes) {
      await interleave([
        [b, ['SET', 'k', '1']],
        [b, ['SET', 'src', 'copy']],
        [b, ['SELECT', '1']],
        [b, ['FLUSHDB']],
        [b, ['SELECT', '0']],
        [a, ['WATCH', 'k']],
        [b, w],
        [a, ['MULTI']],
        [a, ['GET', 'k']],
        [a, ['EXEC']],
      ]);
    }
  });

  it("a connection's own writes before MULTI break its watch", () => d.run([['WATCH', 'k'], ['SET', 'k', 'mine'], ['MULTI'], ['GET', 'k'], ['EXEC']]));

  it('UNWATCH forgets watches and a pending failure', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [a, ['WATCH', 'k']],
      [b, ['SET', 'k', '1']],
      [a, ['UNWATCH']],
      [a, ['MULTI']],
      [a, ['GET', 'k']],
      [a, ['EXEC']],
      [a, ['WATCH', 'k']],
      [a, ['UNWATCH']],
      [b, ['SET', 'k', '2']],
      [a, ['MULTI']],
      [a, ['GET', 'k']],
      [a, ['EXEC']],
    ]);
  });

  it('DISCARD forgets watches', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [a, ['WATCH', 'k']],
      [a, ['MULTI']],
      [a, ['DISCARD']],
      [b, ['SET', 'k', '1']],
      [a, ['MULTI']],
      [a, ['GET', 'k']],
      [a, ['EXEC']],
    ]);
  });

  it('WATCH on a doomed transaction, EXECABORT over a broken watch', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [a, ['WATCH', 'k']],
      [b, ['SET', 'k', '1']],
      [a, ['WATCH', 'j']],
      [a, ['MULTI']],
      [a, ['EXEC']],
      [a, ['WATCH', 'k']],
      [a, ['MULTI']],
      [b, ['SET', 'k', '2']],
      [a, ['NOSUCH']],
      [a, ['EXEC']],
    ]);
  });

  it('several connections watching one key all fail', async () => {
    const [a, b, c] = await d.clients(3);
    await interleave([
      [a, ['WATCH', 'k']],
      [b, ['WATCH', 'k']],
      [c, ['SET', 'k', 'v']],
      [a, ['MULTI']],
      [a, ['EXEC']],
      [b, ['MULTI']],
      [b, ['EXEC']],
    ]);
  });

  it('a write inside another transaction breaks it', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [a, ['WATCH', 'k']],
      [b, ['MULTI']],
      [b, ['SET', 'k', 'from b']],
      [a, ['MULTI']],
      [a, ['SET', 'k', 'from a']],
      [b, ['EXEC']],
      [a, ['EXEC']],
      [a, ['GET', 'k']],
    ]);
  });

  it('FLUSHDB and FLUSHALL break watches on existing keys only', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [a, ['SET', 'k', 'v']],
      [a, ['WATCH', 'k']],
      [b, ['FLUSHDB']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
      [a, ['WATCH', 'missing']],
      [b, ['SET', 'x', '1']],
      [b, ['FLUSHDB']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
      [a, ['SET', 'k', 'v']],
      [a, ['WATCH', 'k']],
      [b, ['FLUSHALL']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
      [a, ['SET', 'k', 'v']],
      [a, ['WATCH', 'k']],
      [b, ['SELECT', '3']],
      [b, ['FLUSHDB']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
    ]);
  });

  it('SWAPDB breaks watches on keys present on either side', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [b, ['SELECT', '1']],
      [b, ['SET', 'k', 'in1']],
      [a, ['WATCH', 'k']],
      [b, ['SWAPDB', '0', '1']],
      [a, ['MULTI']],
      [a, ['GET', 'k']],
      [a, ['EXEC']],
      [a, ['WATCH', 'k']],
      [b, ['SWAPDB', '1', '0']],
      [a, ['MULTI']],
      [a, ['GET', 'k']],
      [a, ['EXEC']],
      [a, ['WATCH', 'nowhere']],
      [b, ['SWAPDB', '0', '1']],
      [a, ['MULTI']],
      [a, ['GET', 'nowhere']],
      [a, ['EXEC']],
      [a, ['WATCH', 'k']],
      [b, ['SWAPDB', '2', '3']],
      [a, ['MULTI']],
      [a, ['DBSIZE']],
      [a, ['EXEC']],
    ]);
  });

  // Real TTLs, as the real server has no other clock: long enough for WATCH to come before the
  // expiry on a busy machine, then the test waits until the clock is past it (expiredBy).
  it('a key that expires between WATCH and EXEC breaks it', async () => {
    const [a, b] = await d.clients(2);
    await interleave([[a, ['SET', 'k', 'v', 'PX', '500']]]);
    let expiredBy = Date.now() + 500;
    await interleave([[a, ['WATCH', 'k']]]);
    await clockPast(expiredBy);
    await interleave([
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
      [a, ['SET', 'k', 'v', 'PX', '500']],
    ]);
    expiredBy = Date.now() + 500;
    await interleave([[a, ['WATCH', 'k']]]);
    await clockPast(expiredBy);
    await interleave([
      [b, ['GET', 'k']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
    ]);
  });

  it('a key that is not expired yet at EXEC does not', async () => {
    const [a] = await d.clients(1);
    await interleave([
      [a, ['SET', 'k', 'v', 'PX', '5000']],
      [a, ['WATCH', 'k']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
    ]);
  });

  it('a key already expired when watched: its deletion is no change, a new value is', async () => {
    const [a, b] = await d.clients(2);
    await a.run([['SET', 'k', 'v', 'PX', '20']]);
    await clockPast(Date.now() + 20);
    await interleave([
      [a, ['WATCH', 'k']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
      [a, ['SET', 'k', 'v', 'PX', '20']],
    ]);
    await clockPast(Date.now() + 20);
    await interleave([
      [a, ['WATCH', 'k']],
      [b, ['GET', 'k']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
      [a, ['SET', 'k', 'v', 'PX', '20']],
    ]);
    await clockPast(Date.now() + 20);
    await interleave([
      [a, ['WATCH', 'k']],
      [b, ['SET', 'k', 'new']],
      [a, ['MULTI']],
      [a, ['GET', 'k']],
      [a, ['EXEC']],
      [a, ['SET', 'k', 'v', 'PX', '20']],
    ]);
    await clockPast(Date.now() + 20);
    await interleave([
      [a, ['WATCH', 'k']],
      [b, ['FLUSHDB']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
    ]);
  });

  it('SWAPDB bringing in an already expired key is no change', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [b, ['SELECT', '1']],
      [b, ['SET', 'k', 'v', 'PX', '20']],
    ]);
    await clockPast(Date.now() + 20);
    await interleave([
      [a, ['WATCH', 'k']],
      [b, ['SWAPDB', '0', '1']],
      [a, ['MULTI']],
      [a, ['PING']],
      [a, ['EXEC']],
    ]);
  });

  it('a doomed transaction keeps no more queued commands (CLIENT LIST multi=)', async () => {
    const [a, b] = await d.clients(2);
    await interleave([
      [a, ['WATCH', 'k']],
      [a, ['MULTI']],
      [a, ['SET', 'x', '1']],
      [b, ['SET', 'k', 'v']],
      [a, ['SET', 'y', '2']],
      [a, ['GET', 'y']],
    ]);
    const multiField = (raw: string) => {
      const m = /multi=(-?\d+) .*multi-mem=(\d+)/.exec(raw);
      expect(m, show(raw)).not.toBeNull();
      return `${m![1]} ${m![2]}`;
    };
    const real = await b.real.send(['CLIENT', 'LIST']);
    const ours = await b.ours.send(['CLIENT', 'LIST']);
    const lineOf = (raw: string, n: number) => raw.split('\n').filter((l) => l.includes('flags=x'))[n] ?? '';
    expect(multiField(lineOf(ours, 0))).toBe(multiField(lineOf(real, 0)));
    expect(multiField(lineOf(real, 0))).toBe('1 29');
    await a.run([['EXEC']]);
  });
});
