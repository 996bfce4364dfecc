// Differential tests of what writes propagate: the same commands go to a real redis-server with
// appendonly yes and to our engine with an AOF feed, and the command stream real Redis appended
// to its incremental AOF must equal ours: the rewrites (EXPIRE as PEXPIREAT, BLPOP as LPOP,
// XREADGROUP as XCLAIM …), MULTI/EXEC wrapping, SELECTs. Times that each server took from its
// own clock (PXAT, stream IDs, delivery times) are compared as "a time near now".
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AofWriter } from '../../src/engine/propagate.js';
import { connectTcp } from '../../src/server/connect.js';
import { clockPast, startRealRedis, useDiff, type Pair, type Step } from './harness.js';

/** The commands in a stretch of AOF text (RESP arrays of bulk strings). */
function parseAof(text: string): string[][] {
  const out: string[][] = [];
  let i = 0;
  const line = (): string => {
    const end = text.indexOf('\r\n', i);
    const l = text.slice(i, end);
    i = end + 2;
    return l;
  };
  while (i < text.length) {
    const head = line();
    expect(head[0], `an array header in ${JSON.stringify(text.slice(0, 200))}`).toBe('*');
    const argv: string[] = [];
    for (let n = Number(head.slice(1)); n > 0; n--) {
      const len = Number(line().slice(1));
      argv.push(text.slice(i, i + len));
      i += len + 2;
    }
    out.push(argv);
  }
  return out;
}

/** A time either server read off its clock (ms, within a day of now) becomes `<now>`. */
function normalize(cmds: string[][]): string[] {
  const now = Date.now();
  return cmds.map((argv) =>
    argv
      .map((a) =>
        a
          .replace(/\b\d{13}\b/g, (m) => (Math.abs(Number(m) - now) < 86_400_000 ? '<now>' : m))
          .replace(/\b\d{10}\b/g, (m) => (Math.abs(Number(m) * 1000 - now) < 86_400_000 ? '<now-s>' : m)),
      )
      .join(' '),
  );
}

describe('propagation (the AOF stream) against redis-server with appendonly yes', () => {
  const d = useDiff({ redisArgs: ['--appendonly', 'yes', '--appendfsync', 'always', '--enable-debug-command', 'yes'], engine: { connect: connectTcp } });
  let aofPath: string;
  let offset: number;
  let ours: string;

  beforeEach(() => {
    aofPath = join(d.redis.dir, 'appendonlydir', 'appendonly.aof.1.incr.aof');
    offset = statSync(aofPath).size;
    // The FLUSHALL before each test left real Redis's AOF in database 0.
    const writer = new AofWriter();
    writer.selected = 0;
    ours = '';
    d.engine.propagation.feeds.add({ feed: (op) => void (ours += writer.text(op)) });
  });

  /** What real Redis appended since the test began, next to what our engine propagated. */
  function streams(): { real: string[]; ours: string[] } {
    const real = readFileSync(aofPath, 'latin1').slice(offset);
    return { real: normalize(parseAof(real)), ours: normalize(parseAof(ours)) };
  }

  async function same(steps: Step[], pair: Pair = d.pair): Promise<string[]> {
    await pair.run(steps);
    const s = streams();
    expect(s.ours).toEqual(s.real);
    return s.real;
  }

  it('strings: SET with options, GETSET, GETDEL, GETEX, INCRBYFLOAT as Redis rewrites them', async () => {
    const real = await same([
      ['SET', 'k', 'v'],
      ['SET', 'k', 'v2', 'EX', '100'],
      ['SET', 'k', 'v3', 'PX', '100000', 'GET'],
      ['SET', 'k2', 'v', 'GET', 'get'],
      ['SET', 'k2', 'w', 'KEEPTTL', 'GET', 'XX'],
      ['SET', 'k2', 'x', 'NX'],
      ['SETEX', 'k3', '100', 'v'],
      ['PSETEX', 'k3', '100000', 'v'],
      ['SETNX', 'k4', '1'],
      ['SETNX', 'k4', '2'],
      ['GETSET', 'k4', '5'],
      ['GETDEL', 'k4'],
      ['GETDEL', 'k4'],
      ['GETEX', 'k', 'EX', '50'],
      ['GETEX', 'k', 'PERSIST'],
      ['GETEX', 'k', 'PERSIST'],
      ['GETEX', 'k'],
      ['GETEX', 'k', 'PXAT', '1000'],
      ['INCRBYFLOAT', 'f', '1.5'],
      ['INCRBYFLOAT', 'f', '1e2'],
      ['INCR', 'n'],
      ['APPEND', 'n', '0'],
      ['MSET', 'a', '1', 'b', '2'],
      ['SETRANGE', 'a', '3', 'x'],
      ['GET', 'a'],
    ]);
    expect(real).toContain('SET k v2 PXAT <now>');
    expect(real).toContain('SET f 101.5 KEEPTTL');
  });

  it('expiry: EXPIRE family as PEXPIREAT, past times as DEL, PERSIST', async () => {
    await same([
      ['SET', 'k', 'v'],
      ['EXPIRE', 'k', '100'],
      ['PEXPIRE', 'k', '200000', 'GT'],
      ['EXPIRE', 'k', '100', 'NX'],
      ['EXPIREAT', 'k', String(Math.floor(Date.now() / 1000) + 500)],
      ['PEXPIREAT', 'k', String(Date.now() + 600_000)],
      ['PERSIST', 'k'],
      ['PERSIST', 'k'],
      ['EXPIRE', 'missing', '10'],
      ['EXPIRE', 'k', '-1'],
      ['SET', 'k', 'v'],
      ['EXPIREAT', 'k', '1'],
      ['CONFIG', 'SET', 'lazyfree-lazy-expire', 'yes'],
      ['SET', 'k', 'v'],
      ['PEXPIRE', 'k', '0'],
      ['CONFIG', 'SET', 'lazyfree-lazy-expire', 'no'],
    ]);
  });

  it('a key found expired is deleted where it is read, and before a write (in MULTI with it)', async () => {
    // Real Redis's own expiry cycle would delete them first (ours has no cron here).
    await d.pair.real.send(['DEBUG', 'SET-ACTIVE-EXPIRE', '0']);
    await d.run([
      ['SET', 'gone', 'v', 'PX', '1'],
      ['SET', 'gone2', 'v', 'PX', '1'],
    ]);
    await clockPast(Date.now() + 5);
    await same([
      ['GET', 'gone'],
      ['SET', 'gone2', 'new'],
    ]);
    await d.pair.real.send(['DEBUG', 'SET-ACTIVE-EXPIRE', '1']);
  });

  it('lists: LMPOP and the blocking pops served at once propagate as the pops they are', async () => {
    await same([
      ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'],
      ['LPOP', 'l'],
      ['RPOP', 'l', '1'],
      ['LMPOP', '2', 'nol', 'l', 'LEFT', 'COUNT', '10'],
      ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'],
      ['LMPOP', '1', 'l', 'RIGHT'],
      ['BLPOP', 'nol', 'l', '0'],
      ['BRPOP', 'l', '0'],
      ['BLMPOP', '0', '1', 'l', 'LEFT', 'COUNT', '5'],
      ['RPUSH', 'l', 'a', 'b', 'c'],
      ['BLMOVE', 'l', 'm', 'left', 'RIGHT', '0'],
      ['BRPOPLPUSH', 'l', 'm', '0'],
      ['LMOVE', 'm', 'l', 'LEFT', 'LEFT'],
      ['LREM', 'l', '0', 'zz'],
      ['LINSERT', 'l', 'BEFORE', 'a', 'x'],
      ['LSET', 'l', '0', 'y'],
      ['LTRIM', 'l', '0', '0'],
    ]);
  });

  it('lists: a blocked BLPOP, BLMPOP and BLMOVE are served as LPOP, LPOP count and LMOVE after the push', async () => {
    const [waiter] = await d.clients(1);
    for (const [block, push] of [
      [
        ['BLPOP', 'q', '0'],
        ['RPUSH', 'q', 'x', 'y'],
      ],
      [
        ['BLMPOP', '0', '1', 'q2', 'RIGHT', 'COUNT', '5'],
        ['RPUSH', 'q2', 'x', 'y'],
      ],
      [
        ['BLMOVE', 'q3', 'dst', 'RIGHT', 'LEFT', '0'],
        ['LPUSH', 'q3', 'x'],
      ],
      [
        ['BRPOPLPUSH', 'q4', 'dst', '0'],
        ['LPUSH', 'q4', 'x'],
      ],
    ] as const) {
      const realWait = waiter.real.send(block);
      const ourWait = waiter.ours.send(block);
      await d.pair.real.send(['PING']); // the BLPOP has reached real Redis
      await d.run([[...push]]);
      expect(await ourWait).toBe(await realWait);
    }
    const s = streams();
    expect(s.ours).toEqual(s.real);
  });

  it('sets: SPOP as SREM (or DEL when it empties the set), and several SREMs in MULTI', async () => {
    await same([
      ['SADD', 's', 'only'],
      ['SPOP', 's'],
      ['SADD', 's', 'a', 'b', 'c'],
      { argv: ['SPOP', 's', '5'], unordered: true },
      ['SPOP', 's', '5'],
      ['SADD', 's', '1'],
      ['SPOP', 's', '1'],
      ['SADD', 's', 'x', 'y'],
      ['SREM', 's', 'x', 'nope'],
      ['SMOVE', 's', 't', 'y'],
    ]);
    // Which members SPOP takes is each server's own draw: compare the shape, and that the
    // SREMs name exactly what it returned.
    await d.run([['SADD', 'big', ...Array.from({ length: 20 }, (_, i) => `m${i}`)]]);
    const before = streams().ours.length;
    const { ours } = await d.both(['SPOP', 'big', '3']);
    const popped = [...ours.matchAll(/\$\d+\r\n(m\d+)\r\n/g)].map((m) => m[1]!);
    const s = streams();
    expect(s.real.slice(before).map((c) => c.split(' ').slice(0, 2).join(' '))).toEqual(['MULTI', 'SREM big', 'SREM big', 'SREM big', 'EXEC']);
    expect(s.ours.slice(before)).toEqual(['MULTI', ...popped.map((m) => `SREM big ${m}`), 'EXEC']);
  });

  it('hashes, sorted sets and geo: HINCRBYFLOAT as HSET, ZMPOP and BZPOP* as ZPOP*, GEOADD as ZADD', async () => {
    await same([
      ['HSET', 'h', 'f', '1', 'g', '2'],
      ['HINCRBYFLOAT', 'h', 'f', '0.25'],
      ['HINCRBY', 'h', 'g', '3'],
      ['HDEL', 'h', 'f', 'zz'],
      ['HSETNX', 'h', 'g', '0'],
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
      ['ZINCRBY', 'z', '0.5', 'a'],
      ['ZPOPMIN', 'z'],
      ['ZPOPMAX', 'z', '1'],
      ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '9'],
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
      ['BZPOPMIN', 'z', '0'],
      ['BZMPOP', '0', '1', 'z', 'MAX', 'COUNT', '1'],
      ['ZREM', 'z', 'c'],
      ['GEOADD', 'g', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'],
      ['GEOADD', 'g', 'XX', 'CH', '13.361389', '38.115556', 'Palermo'],
      ['GEOADD', 'g', 'NX', '13.361389', '38.115556', 'Palermo'],
    ]);
  });

  it('sorted sets: a blocked BZPOPMIN and BZMPOP are served as ZPOPMIN and ZPOPMAX count', async () => {
    const [waiter] = await d.clients(1);
    for (const [block, push] of [
      [
        ['BZPOPMIN', 'zq', '0'],
        ['ZADD', 'zq', '1', 'a', '2', 'b'],
      ],
      [
        ['BZMPOP', '0', '1', 'zq2', 'MAX', 'COUNT', '5'],
        ['ZADD', 'zq2', '1', 'a', '2', 'b'],
      ],
    ] as const) {
      const realWait = waiter.real.send(block);
      const ourWait = waiter.ours.send(block);
      await d.pair.real.send(['PING']);
      await d.run([[...push]]);
      expect(await ourWait).toBe(await realWait);
    }
    const s = streams();
    expect(s.ours).toEqual(s.real);
  });

  it('streams: XADD with its ID and approximate trims made exact, consumer groups as XCLAIM and XGROUP', async () => {
    // The ID `*` makes is each server's clock: its reply is not compared, its propagation is.
    await d.both(['XADD', 'xt', '*', 'f', 'v']);
    await same([
      ['XADD', 'x', '1-1', 'f', 'v'],
      ['XADD', 'x', '2-*', 'f', 'v'],
      // Later IDs are explicit: two servers' clocks may not tick in the same place.
      ['XADD', 'x', 'MAXLEN', '~', '1', '99999999999990-*', 'f', 'v'],
      ['XADD', 'x', 'MAXLEN', '=', '10', '99999999999991-1', 'f', 'v'],
      ['XADD', 'x', 'NOMKSTREAM', 'MINID', '~', '0', '99999999999991-*', 'f', 'v'],
      ['XADD', 'nox', 'NOMKSTREAM', '*', 'f', 'v'],
      ['XTRIM', 'x', 'MAXLEN', '~', '2'],
      ['XTRIM', 'x', 'MAXLEN', '4'],
      ['XGROUP', 'CREATE', 'x', 'g', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '2', 'STREAMS', 'x', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'bob', 'NOACK', 'STREAMS', 'x', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 'x', '0'],
      ['XCLAIM', 'x', 'g', 'carol', '0', '1-1', '2-0', '9-9'],
      ['XCLAIM', 'x', 'g', 'carol', '0', '2', 'JUSTID', 'LASTID', '99999999999999-0'],
      ['XCLAIM', 'x', 'g', 'carol', '0', '9-9', 'LASTID', '99999999999999-1'],
      ['XAUTOCLAIM', 'x', 'g', 'dave', '0', '0', 'COUNT', '1'],
      ['XDEL', 'x', '1-1'],
      ['XAUTOCLAIM', 'x', 'g', 'dave', '0', '0'],
      ['XACK', 'x', 'g', '2-0'],
      ['XGROUP', 'CREATECONSUMER', 'x', 'g', 'erin'],
      ['XGROUP', 'DELCONSUMER', 'x', 'g', 'erin'],
      ['XGROUP', 'SETID', 'x', 'g', '$'],
      ['XSETID', 'x', '99999999999999-5'],
      ['XGROUP', 'DESTROY', 'x', 'g'],
    ]);
  });

  it('streams: a blocked XREADGROUP is served as XCLAIMs', async () => {
    await d.run([['XGROUP', 'CREATE', 'xs', 'g', '$', 'MKSTREAM']]);
    const [waiter] = await d.clients(1);
    const block = ['XREADGROUP', 'GROUP', 'g', 'c1', 'BLOCK', '0', 'STREAMS', 'xs', '>'];
    const realWait = waiter.real.send(block);
    const ourWait = waiter.ours.send(block);
    await d.pair.real.send(['PING']);
    await d.run([['XADD', 'xs', '5-5', 'f', 'v']]);
    expect(await ourWait).toBe(await realWait);
    const s = streams();
    expect(s.ours).toEqual(s.real);
  });

  it('transactions: several writes in MULTI/EXEC, one alone, none at all, and SELECT inside', async () => {
    await same([
      ['MULTI'],
      ['SET', 'a', '1'],
      ['INCR', 'a'],
      ['GET', 'a'],
      ['EXEC'],
      ['MULTI'],
      ['GET', 'a'],
      ['SET', 'b', '1'],
      ['EXEC'],
      ['MULTI'],
      ['GET', 'a'],
      ['EXEC'],
      ['MULTI'],
      ['SET', 'c', '1'],
      ['SELECT', '2'],
      ['SET', 'c', '2'],
      ['EXEC'],
      ['SET', 'd', '1'],
      ['SELECT', '0'],
      ['SET', 'd', '0'],
    ]);
  });

  it('scripts propagate their effects, wrapped when there are several; functions as typed', async () => {
    await same([
      ['EVAL', "redis.call('SET', KEYS[1], 'x'); redis.call('INCR', 'n'); return 1", '1', 'k'],
      ['EVAL', "return redis.call('SET', KEYS[1], 'y')", '1', 'k'],
      ['EVAL', "return redis.call('GET', KEYS[1])", '1', 'k'],
      ['EVAL', "redis.call('SELECT', 3); redis.call('SET', 'k', 'z'); return 1", '0'],
      ['EVAL', "redis.call('SPOP', 'nosuch'); return 1", '0'],
      ['FUNCTION', 'LOAD', "#!lua name=lib\nredis.register_function('f', function(keys) return redis.call('INCR', keys[1]) end)"],
      ['FCALL', 'f', '1', 'cnt'],
      ['FUNCTION', 'DELETE', 'lib'],
    ]);
  });

  it('RESTORE with a relative TTL as ABSTTL, an expired one that replaced a key as DEL; MIGRATE as DEL of the keys moved', async () => {
    // Both sides migrate to one more real server (REPLACE, as each sends the same keys).
    const target = await startRealRedis();
    try {
      await d.run([['SET', 'k', 'v']]);
      const { real } = await d.both(['DUMP', 'k']);
      const p = real.slice(real.indexOf('\r\n') + 2, -2);
      const t = String(target.port);
      const stream = await same([
        ['RESTORE', 'r1', '100000', p],
        ['RESTORE', 'r2', '0', p],
        ['RESTORE', 'r3', '5000000000000', p, 'ABSTTL'],
        ['RESTORE', 'r2', '1', p, 'ABSTTL', 'REPLACE'],
        ['RESTORE', 'r4', '1', p, 'ABSTTL'],
        ['MIGRATE', '127.0.0.1', t, 'k', '0', '5000', 'REPLACE'],
        ['MSET', 'a', '1', 'b', '2'],
        ['MIGRATE', '127.0.0.1', t, '', '0', '5000', 'REPLACE', 'KEYS', 'a', 'nokey', 'b'],
        ['SET', 'c', '1'],
        ['MIGRATE', '127.0.0.1', t, 'c', '0', '5000', 'COPY', 'REPLACE'],
        ['MIGRATE', '127.0.0.1', t, 'nokey', '0', '5000'],
      ]);
      expect(stream).toContain('DEL r2');
      expect(stream).toContain('DEL a b');
    } finally {
      await target.stop();
    }
  });

  it('keyspace commands: FLUSHALL and FLUSHDB even when empty, SWAPDB, MOVE, COPY, RENAME, DEL of nothing', async () => {
    await same([
      ['FLUSHALL'],
      ['FLUSHDB'],
      ['SET', 'a', '1'],
      ['RENAME', 'a', 'b'],
      ['COPY', 'b', 'c'],
      ['MOVE', 'c', '4'],
      ['DEL', 'nothing'],
      ['UNLINK', 'b'],
      ['SWAPDB', '0', '4'],
      ['SELECT', '4'],
      ['SET', 'e', '1'],
      ['FLUSHDB', 'ASYNC'],
      ['SELECT', '0'],
      ['PUBLISH', 'ch', 'm'],
      ['PFADD', 'hll', 'a'],
      ['PFCOUNT', 'hll'],
      ['PFCOUNT', 'hll'],
    ]);
  });
});
