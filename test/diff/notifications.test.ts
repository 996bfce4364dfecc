// Keyspace notifications against a real Redis 7.0.15: for each class of events, the same
// commands run on both servers while a listener takes every __keyspace@*/__keyevent@* message;
// the messages (channel, event, key, order) must be identical.

import { afterEach, describe, expect, it } from 'vitest';
import { clockPast, show, useDiff } from './harness.js';
import { readUntil, resp3, same } from './pubsub-support.js';

/** A pseudo-command: wait this many ms (for TTLs to run out). */
/** A step that waits until TTLs of argv[1] ms set by the steps before have run out. */
const TTL_PASSED = '<ttl passed>';
/** A pseudo-command prefix: run the command on both, do not compare its (random) reply. */
const RANDOM = '<random>';

describe('keyspace notifications', () => {
  const d = useDiff();

  afterEach(async () => {
    await d.pair.real.send(['CONFIG', 'SET', 'notify-keyspace-events', '']);
  });

  /** Runs `commands` with notify-keyspace-events = flags; compares the replies and the events. */
  async function events(flags: string, commands: string[][], setup: string[][] = [], listenerResp3 = false): Promise<string[]> {
    const [listener] = await d.clients(1);
    const l = listener;
    if (listenerResp3) await resp3(l);
    for (const argv of setup) await same(d.pair, argv);
    await same(l, ['PSUBSCRIBE', '__key*__:*'], 1);
    await same(l, ['SUBSCRIBE', 'end'], 1);
    await same(d.pair, ['CONFIG', 'SET', 'notify-keyspace-events', flags]);
    for (const argv of commands) {
      if (argv[0] === TTL_PASSED) await clockPast(Date.now() + Number(argv[1]));
      else if (argv[0] === RANDOM) await d.both(argv.slice(1));
      else await same(d.pair, argv);
    }
    await same(d.pair, ['PUBLISH', 'end', 'END-OF-EVENTS']);
    const real = await readUntil(l.real, 'END-OF-EVENTS');
    const ours = await readUntil(l.ours, 'END-OF-EVENTS');
    expect(ours.map(show)).toEqual(real.map(show));
    return ours;
  }

  it('strings ($) with generic (g) and both K and E', async () => {
    const got = await events('KEA', [
      ['SET', 'k', 'v'],
      ['SET', 'k', 'v2', 'EX', '100'],
      ['SET', 'k', 'v3', 'KEEPTTL'],
      ['SET', 'k', 'v4', 'GET'],
      ['SET', 'k', 'x', 'NX'],
      ['SET', 'k', 'x', 'XX', 'PX', '100000'],
      ['SETNX', 'n', '1'],
      ['SETNX', 'n', '2'],
      ['SETEX', 'e', '100', 'v'],
      ['PSETEX', 'p', '100000', 'v'],
      ['MSET', 'a', '1', 'b', '2'],
      ['MSETNX', 'c', '1', 'd', '2'],
      ['MSETNX', 'c', '1', 'z', '2'],
      ['APPEND', 'a', 'xy'],
      ['APPEND', 'new', 'xy'],
      ['SETRANGE', 'a', '1', 'Q'],
      ['SETRANGE', 'sr', '2', 'Q'],
      ['SETRANGE', 'a', '0', ''],
      ['INCR', 'i'],
      ['INCRBY', 'i', '5'],
      ['DECR', 'i'],
      ['DECRBY', 'i', '2'],
      ['INCRBYFLOAT', 'f', '1.5'],
      ['GETSET', 'a', 'g'],
      ['GETDEL', 'a'],
      ['GETDEL', 'a'],
      ['GETEX', 'b', 'EX', '100'],
      ['GETEX', 'b', 'PERSIST'],
      ['GETEX', 'b'],
      ['GETEX', 'b', 'PX', '0'],
      ['SET', 'k', 'v', 'EX', '0'],
      ['SET', 'k', 'v', 'PXAT', '1'],
    ]);
    expect(got.length).toBeGreaterThan(30);
  });

  it('generic commands (g)', async () => {
    await events(
      'KEg',
      [
        ['DEL', 'a', 'nope', 'b'],
        ['UNLINK', 'c'],
        ['EXPIRE', 'd', '100'],
        ['PEXPIRE', 'd', '100000'],
        ['EXPIREAT', 'd', '99999999999'],
        ['PEXPIREAT', 'd', '99999999999999'],
        ['EXPIRE', 'd', '100', 'NX'],
        ['PERSIST', 'd'],
        ['PERSIST', 'd'],
        ['EXPIRE', 'd', '-1'],
        ['EXPIRE', 'nope', '100'],
        ['RENAME', 'e', 'e2'],
        ['RENAME', 'e2', 'f'],
        ['RENAMENX', 'f', 'g'],
        ['RENAMENX', 'g', 'h'],
        ['MOVE', 'h', '1'],
        ['COPY', 'i', 'i2'],
        ['COPY', 'i', 'i2', 'REPLACE'],
        ['COPY', 'i', 'i3', 'DB', '2'],
        ['SET', 'x', '1', 'EX', '10'],
        ['PEXPIREAT', 'x', '1'],
        ['SET', 'y', '1'],
        ['FLUSHDB'],
      ],
      [['MSET', 'a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5', 'g', '7', 'h', '8', 'i', '9']],
    );
  });

  it('lists (l), with del when a list is emptied', async () => {
    await events('KEA', [
      ['LPUSH', 'l', 'a', 'b', 'c'],
      ['RPUSH', 'l', 'd'],
      ['LPUSHX', 'l', 'x'],
      ['RPUSHX', 'l', 'y'],
      ['LPUSHX', 'none', 'x'],
      ['LINSERT', 'l', 'BEFORE', 'a', 'z'],
      ['LINSERT', 'l', 'BEFORE', 'nope', 'z'],
      ['LSET', 'l', '0', 'q'],
      ['LREM', 'l', '0', 'z'],
      ['LREM', 'l', '0', 'nothing'],
      ['LTRIM', 'l', '0', '3'],
      ['LTRIM', 'l', '0', '3'],
      ['LPOP', 'l'],
      ['RPOP', 'l', '1'],
      ['RPOPLPUSH', 'l', 'm'],
      ['LMOVE', 'l', 'm', 'LEFT', 'RIGHT'],
      ['LMOVE', 'm', 'm', 'LEFT', 'RIGHT'],
      ['LMPOP', '2', 'none', 'm', 'LEFT', 'COUNT', '10'],
      ['RPUSH', 't', 'a', 'b'],
      ['LTRIM', 't', '5', '10'],
      ['RPUSH', 'r', 'a'],
      ['LREM', 'r', '0', 'a'],
      ['RPUSH', 'p', 'a'],
      ['LPOP', 'p'],
    ]);
  });

  it('hashes (h)', async () => {
    await events('KEA', [
      ['HSET', 'h', 'a', '1', 'b', '2'],
      ['HSET', 'h', 'a', '1'],
      ['HSETNX', 'h', 'c', '3'],
      ['HSETNX', 'h', 'c', '3'],
      ['HMSET', 'h', 'd', '4'],
      ['HINCRBY', 'h', 'n', '5'],
      ['HINCRBYFLOAT', 'h', 'f', '1.5'],
      ['HDEL', 'h', 'a', 'nope'],
      ['HDEL', 'h', 'nope'],
      ['HDEL', 'h', 'b', 'c', 'd', 'n', 'f'],
      ['HINCRBY', 'new', 'x', '1'],
    ]);
  });

  it('sets (s)', async () => {
    await events('KEA', [
      ['SADD', 's', 'a', 'b', 'c', 'd'],
      ['SADD', 's', 'a'],
      ['SREM', 's', 'a', 'nope'],
      ['SREM', 's', 'nope'],
      ['SMOVE', 's', 't', 'b'],
      ['SMOVE', 's', 't', 'nope'],
      ['SADD', 'u', 'c', 'x'],
      ['SINTERSTORE', 'dst', 's', 'u'],
      ['SUNIONSTORE', 'dst', 's', 'u'],
      ['SDIFFSTORE', 'dst', 's', 's'],
      ['SINTERSTORE', 'dst2', 'nope', 'u'],
      [RANDOM, 'SPOP', 'u'],
      ['SADD', 'one', 'a'],
      ['SPOP', 'one'],
      ['SADD', 'many', 'a', 'b', 'c'],
      [RANDOM, 'SPOP', 'many', '2'],
      [RANDOM, 'SPOP', 'many', '5'],
      ['SPOP', 'many', '0'],
      ['SADD', 'last', 'z'],
      ['SMOVE', 'last', 'other', 'z'],
      ['SREM', 't', 'b'],
    ]);
  });

  it('sorted sets (z)', async () => {
    await events('KEA', [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e'],
      ['ZADD', 'z', '1', 'a'],
      ['ZADD', 'z', 'INCR', '5', 'a'],
      ['ZINCRBY', 'z', '1', 'b'],
      ['ZADD', 'z', 'NX', '1', 'a'],
      ['ZREM', 'z', 'a', 'nope'],
      ['ZREM', 'z', 'nope'],
      ['ZREMRANGEBYSCORE', 'z', '0', '2'],
      ['ZREMRANGEBYRANK', 'z', '0', '0'],
      ['ZREMRANGEBYLEX', 'z', '-', '+'],
      ['ZADD', 'y', '1', 'a', '2', 'b', '3', 'c'],
      ['ZPOPMIN', 'y'],
      ['ZPOPMAX', 'y', '5'],
      ['ZADD', 'y', '1', 'a', '2', 'b'],
      ['ZMPOP', '1', 'y', 'MIN'],
      ['ZADD', 'w', '1', 'x'],
      ['ZUNIONSTORE', 'u', '2', 'y', 'w'],
      ['ZINTERSTORE', 'i', '2', 'y', 'w'],
      ['ZDIFFSTORE', 'df', '1', 'y'],
      ['ZRANGESTORE', 'rs', 'w', '0', '-1'],
      ['ZRANGESTORE', 'rs', 'w', '5', '6'],
      ['ZINTERSTORE', 'u', '1', 'nope'],
    ]);
  });

  it('SORT ... STORE (sortstore) and the del of an empty result', async () => {
    await events('KEA', [
      ['RPUSH', 'src', '3', '1', '2'],
      ['SORT', 'src', 'STORE', 'dst'],
      ['SORT', 'nope', 'STORE', 'dst'],
      ['SORT', 'nope', 'STORE', 'dst'],
    ]);
  });

  it('class filters: K only, E only, one class, new (n) and keymiss (m)', async () => {
    const cmds = [
      ['SET', 'k', 'v'],
      ['LPUSH', 'l', 'a'],
      ['DEL', 'k'],
      ['GET', 'missing'],
      ['HSET', 'h', 'f', 'v'],
      ['EXPIRE', 'l', '100'],
    ];
    await events('K$', cmds);
    await d.pair.run([['FLUSHALL']]);
    await events('El', cmds);
    await d.pair.run([['FLUSHALL']]);
    await events('Kgn', cmds);
    await d.pair.run([['FLUSHALL']]);
    await events('Em', [
      ...cmds,
      ['LRANGE', 'nope', '0', '-1'],
      ['HGET', 'nope', 'f'],
      ['EXISTS', 'nope'],
      ['TYPE', 'nope'],
      ['TTL', 'nope'],
      ['OBJECT', 'ENCODING', 'nope'],
      ['TOUCH', 'nope'],
      ['STRLEN', 'nope'],
      ['SCARD', 'nope'],
      ['ZSCORE', 'nope', 'm'],
      ['GETRANGE', 'nope', '0', '1'],
      ['MGET', 'a', 'b'],
    ]);
    await d.pair.run([['FLUSHALL']]);
    await events('KEA', cmds);
    await d.pair.run([['FLUSHALL']]);
    await events('KEAnm', [...cmds, ['RENAME', 'h', 'h2'], ['COPY', 'h2', 'h3']]);
    await d.pair.run([['FLUSHALL']]);
    // Classes without K or E publish nothing.
    await events('A', cmds);
  });

  it('expired (x) events from lazy expiry', async () => {
    // Redis may expire k in its cron before the GET: either way one event is in the stream.
    await events('KEx', [
      ['SET', 'k', 'v', 'PX', '30'],
      ['SET', 'j', 'v', 'PX', '5000'],
      [TTL_PASSED, '30'],
      ['GET', 'k'],
      ['GET', 'j'],
    ]);
  });

  it('commands that change nothing, fail or hit a no-op path publish what Redis publishes', async () => {
    await events('KEAn', [
      ['SET', 's', 'v'],
      ['LPUSH', 's', 'x'],
      ['HSET', 's', 'f', 'v'],
      ['RENAME', 's', 's'],
      ['RENAMENX', 's', 's'],
      ['MSET', 'a', '1', 'b', '2'],
      ['MOVE', 'a', '1'],
      ['SELECT', '1'],
      ['SET', 'b', 'x'],
      ['SELECT', '0'],
      ['MOVE', 'b', '1'],
      ['COPY', 'a', 'a'],
      ['ZADD', 'z', '1', 'm'],
      ['ZADD', 'z', '1', 'm'],
      ['ZADD', 'z', 'XX', '2', 'nope'],
      ['ZADD', 'z', 'GT', '0', 'm'],
      ['ZADD', 'zz', 'XX', '1', 'm'],
      ['ZINCRBY', 'z', '0', 'm'],
      ['ZADD', 'z', 'CH', '3', 'm', '4', 'n'],
      ['HSET', 'h', 'f', 'v'],
      ['HSET', 'h', 'f', 'v'],
      ['HINCRBYFLOAT', 'hf', 'x', '0.5'],
      ['INCRBYFLOAT', 'newf', '2'],
      ['RPUSH', 'l', 'a', 'b'],
      ['LSET', 'l', '5', 'x'],
      ['LINSERT', 'l', 'AFTER', 'b', 'c'],
      ['RPOPLPUSH', 'l', 'l'],
      ['LMOVE', 'nope', 'l', 'LEFT', 'LEFT'],
      ['LPOS', 'l', 'a'],
      ['LREM', 'l', '-1', 'a'],
      ['SADD', 'set', 'a'],
      ['SMOVE', 'set', 'set', 'a'],
      ['SADD', 'dst', 'x'],
      ['SINTERSTORE', 'dst', 'set', 'nope'],
      ['SUNIONSTORE', 'dst', 'nope'],
      ['ZUNIONSTORE', 'dst', '1', 'nope'],
      ['SET', 'ex', 'v', 'PX', '20'],
      [TTL_PASSED, '20'],
      ['DEL', 'ex'],
      ['EXPIRE', 'a', '0'],
      ['GETDEL', 'nope'],
      ['APPEND', 'ap', ''],
      ['SETRANGE', 'sr0', '0', ''],
    ]);
  });

  it('keymiss (m) on every read of a missing key, never on writes', async () => {
    const reads = [
      ['GET', 'm1'],
      ['MGET', 'm1', 'm2'],
      ['STRLEN', 'm1'],
      ['GETRANGE', 'm1', '0', '1'],
      ['SUBSTR', 'm1', '0', '1'],
      ['LRANGE', 'm1', '0', '-1'],
      ['LLEN', 'm1'],
      ['LINDEX', 'm1', '0'],
      ['LPOS', 'm1', 'x'],
      ['HGET', 'm1', 'f'],
      ['HGETALL', 'm1'],
      ['HMGET', 'm1', 'f', 'g'],
      ['HLEN', 'm1'],
      ['HEXISTS', 'm1', 'f'],
      ['HKEYS', 'm1'],
      ['HVALS', 'm1'],
      ['HSTRLEN', 'm1', 'f'],
      ['HRANDFIELD', 'm1'],
      ['HSCAN', 'm1', '0'],
      ['SMEMBERS', 'm1'],
      ['SISMEMBER', 'm1', 'x'],
      ['SMISMEMBER', 'm1', 'x'],
      ['SCARD', 'm1'],
      ['SRANDMEMBER', 'm1'],
      ['SSCAN', 'm1', '0'],
      ['SINTER', 'm1', 'm2'],
      ['SUNION', 'm1', 'm2'],
      ['SDIFF', 'm1', 'm2'],
      ['SINTERCARD', '2', 'm1', 'm2'],
      ['ZRANGE', 'm1', '0', '-1'],
      ['ZSCORE', 'm1', 'x'],
      ['ZMSCORE', 'm1', 'x'],
      ['ZCARD', 'm1'],
      ['ZCOUNT', 'm1', '-inf', '+inf'],
      ['ZRANK', 'm1', 'x'],
      ['ZREVRANK', 'm1', 'x'],
      ['ZLEXCOUNT', 'm1', '-', '+'],
      ['ZRANDMEMBER', 'm1'],
      ['ZSCAN', 'm1', '0'],
      ['ZUNION', '2', 'm1', 'm2'],
      ['ZINTER', '2', 'm1', 'm2'],
      ['ZDIFF', '2', 'm1', 'm2'],
      ['ZINTERCARD', '2', 'm1', 'm2'],
      ['ZRANGEBYSCORE', 'm1', '-inf', '+inf'],
      ['ZREVRANGE', 'm1', '0', '-1'],
      ['ZRANGEBYLEX', 'm1', '-', '+'],
      ['EXISTS', 'm1', 'm2'],
      ['TYPE', 'm1'],
      ['TTL', 'm1'],
      ['PTTL', 'm1'],
      ['EXPIRETIME', 'm1'],
      ['PEXPIRETIME', 'm1'],
      ['OBJECT', 'ENCODING', 'm1'],
      ['OBJECT', 'FREQ', 'm1'],
      ['TOUCH', 'm1'],
      ['SORT', 'm1'],
      ['SORT_RO', 'm1'],
      ['GETEX', 'm1'],
      ['GETDEL', 'm1'],
    ];
    const writes = [
      ['LPOP', 'w1'],
      ['RPOP', 'w1'],
      ['HDEL', 'w1', 'f'],
      ['SREM', 'w1', 'x'],
      ['ZREM', 'w1', 'x'],
      ['SPOP', 'w1'],
      ['ZPOPMIN', 'w1'],
      ['EXPIRE', 'w1', '10'],
      ['PERSIST', 'w1'],
      ['DEL', 'w1'],
      ['LTRIM', 'w1', '0', '1'],
      ['LSET', 'w1', '0', 'x'],
      ['LREM', 'w1', '0', 'x'],
      ['SMOVE', 'w1', 'w2', 'x'],
      ['RPOPLPUSH', 'w1', 'w2'],
      ['RENAME', 'w1', 'w2'],
      ['MOVE', 'w1', '1'],
      ['COPY', 'w1', 'w2'],
      ['SINTERSTORE', 'w3', 'w1', 'w2'],
      ['ZUNIONSTORE', 'w3', '1', 'w1'],
      ['SORT', 'w1', 'STORE', 'w3'],
    ];
    await events('KEm', [...reads, ...writes]);
  });

  it('a RESP3 listener gets the same events as pushes', async () => {
    await events(
      'KEA',
      [
        ['SET', 'k', 'v'],
        ['INCR', 'n'],
        ['DEL', 'k'],
      ],
      [],
      true,
    );
  });

  it('databases other than 0 name their number', async () => {
    await events('KEA', [
      ['SELECT', '5'],
      ['SET', 'k', 'v'],
      ['MOVE', 'k', '0'],
      ['SELECT', '0'],
      ['DEL', 'k'],
    ]);
  });
});
