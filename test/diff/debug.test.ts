// Differential tests for DEBUG (enable-debug-command yes on both sides): the dataset digest and
// the value digests byte for byte for every type and encoding, DEBUG OBJECT's line, RELOAD and
// its options, the small subcommands, PROTOCOL's samples in RESP2 and RESP3, and every error.
import { describe, expect, it } from 'vitest';
import { MemorySnapshotStorage } from '../../src/engine/persistence.js';
import { clockPast, useDiff, type Step } from './harness.js';

const DEBUG_ON = ['--enable-debug-command', 'yes'];

/** One key or more of each type and encoding, with TTLs and a second database. */
const DATA: Step[] = [
  ['SET', 's:int', '12345'],
  ['SET', 's:shared', '7'],
  ['SET', 's:neg', '-99999999999'],
  ['SET', 's:embstr', 'hello'],
  ['SET', 's:raw', 'x'.repeat(100)],
  ['SET', 's:bin', '\x00\xff\r\n\xc3\xa9'],
  ['APPEND', 's:appended', 'abc'],
  ['SET', 's:ttl', 'v', 'EX', '1000'],
  ['RPUSH', 'l:small', 'a', 'b', '3', '-7', ''],
  ['RPUSH', 'l:big', ...Array.from({ length: 600 }, (_, i) => `item-${i % 13}-${'y'.repeat(i % 40)}`)],
  ['LPUSH', 'l:ttl', '1', '2'],
  ['PEXPIRE', 'l:ttl', '900000'],
  ['SADD', 'set:int', '1', '2', '-5', '9223372036854775807'],
  ['SADD', 'set:big', ...Array.from({ length: 200 }, (_, i) => `m${i}`)],
  ['SADD', 'set:str', 'a', 'b', ''],
  ['HSET', 'h:small', 'f', 'v', 'n', '1', 'empty', ''],
  ['HSET', 'h:big', ...Array.from({ length: 300 }, (_, i) => [`f${i}`, `v${i}`]).flat()],
  ['HSET', 'h:long', 'f', 'z'.repeat(100)],
  ['ZADD', 'z:small', '1', 'a', '2.5', 'b', '-inf', 'c', 'inf', 'd', '0', 'e', '-0', 'f', '123', '456'],
  ['ZADD', 'z:big', ...Array.from({ length: 200 }, (_, i) => [String(i / 3), `m${i}`]).flat()],
  ['ZADD', 'z:skip-zero', '-0', 'neg', '0', 'pos', '1e300', 'huge', '0.1', 'tenth'],
  ['ZADD', 'z:skip-zero', '1', 'y'.repeat(80)],
  ['XADD', 'x', '1-1', 'f', 'v'],
  ['XADD', 'x', '2-1', 'f', 'w', 'g', 'z'],
  ['XADD', 'x', '3-0', 'f', 'w', 'g', 'z'],
  ['XDEL', 'x', '2-1'],
  ['XGROUP', 'CREATE', 'x', 'grp', '0'],
  ['XADD', 'x:many', 'MAXLEN', '50', '1-0', 'a', '1'],
  ...Array.from({ length: 120 }, (_, i): Step => ['XADD', 'x:many', `${i + 5}-0`, 'field', `value ${i}`, 'n', String(i)]),
  ['SELECT', '3'],
  ['SET', 'other-db', 'v'],
  ['HSET', 'h:small', 'f', 'v'],
  ['SELECT', '0'],
];

const KEYS = [
  ...new Set(
    DATA.flatMap((s) => {
      const argv = Array.isArray(s) ? s : s.argv;
      return argv[0] === 'SELECT' || argv[1] === 'other-db' ? [] : [argv[1]!];
    }),
  ),
];

/**
 * DEBUG OBJECT's line with what differs between any two servers made equal: the address, and
 * the LRU clock, whose second may tick between the two sides (Redis's also lags by up to 1/hz).
 */
function normalizeObjectLine(raw: string): string {
  return raw
    .replace(/at:0x[0-9a-f]+/, 'at:ADDR')
    .replace(/ lru:\d+/, ' lru:N')
    .replace(/ lru_seconds_idle:[01](?!\d)/, ' lru_seconds_idle:0-1');
}

describe('DEBUG', () => {
  const storage = new MemorySnapshotStorage();
  const d = useDiff({ redisArgs: DEBUG_ON, engine: { config: { 'enable-debug-command': 'yes' }, storage } });

  describe('DIGEST and DIGEST-VALUE', () => {
    it('an empty dataset digests to zeros; a missing key too', () =>
      d.run([
        ['DEBUG', 'DIGEST'],
        ['DEBUG', 'DIGEST-VALUE', 'nothing', 'here'],
        ['DEBUG', 'DIGEST-VALUE'],
      ]));

    it('every type and encoding, with TTLs and a second database, digests alike', async () => {
      await d.run(DATA);
      // The encodings are what the test means to cover.
      await d.run(KEYS.map((k): Step => ['OBJECT', 'ENCODING', k]));
      await d.run([
        ['DEBUG', 'DIGEST'],
        ['DEBUG', 'DIGEST-VALUE', ...KEYS, 'missing'],
      ]);
      for (const k of KEYS) await d.run([['DEBUG', 'DIGEST-VALUE', k]]);
    });

    it('order matters for lists and streams, not for sets, hashes and sorted sets', async () => {
      await d.run([
        ['RPUSH', 'l1', 'a', 'b'],
        ['RPUSH', 'l2', 'b', 'a'],
        ['SADD', 's1', 'x', 'y'],
        ['SADD', 's2', 'y', 'x'],
        ['HSET', 'h1', 'a', '1', 'b', '2'],
        ['HSET', 'h2', 'b', '2', 'a', '1'],
        ['ZADD', 'z1', '1', 'a', '2', 'b'],
        ['ZADD', 'z2', '2', 'b', '1', 'a'],
        ['DEBUG', 'DIGEST-VALUE', 'l1', 'l2', 's1', 's2', 'h1', 'h2', 'z1', 'z2'],
        ['DEBUG', 'DIGEST'],
      ]);
    });

    it('an encoding conversion keeps the digest (listpack → hashtable, intset → hashtable, listpack → skiplist)', async () => {
      await d.run([
        ['HSET', 'h', 'a', '1'],
        ['SADD', 's', '1', '2'],
        ['ZADD', 'z', '1', 'a', '-0', 'zero'],
        ['DEBUG', 'DIGEST-VALUE', 'h', 's', 'z'],
        ['HSET', 'h', 'long', 'q'.repeat(80)],
        ['HDEL', 'h', 'long'],
        ['SADD', 's', 'str'],
        ['SREM', 's', 'str'],
        ['ZADD', 'z', '5', 'q'.repeat(80)],
        ['ZREM', 'z', 'q'.repeat(80)],
        ['OBJECT', 'ENCODING', 'h'],
        ['OBJECT', 'ENCODING', 's'],
        ['OBJECT', 'ENCODING', 'z'],
        ['DEBUG', 'DIGEST-VALUE', 'h', 's', 'z'],
      ]);
    });

    it('an expired key not yet deleted still counts, with its TTL', async () => {
      await d.run([
        ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
        ['SET', 'gone', 'v', 'PX', '1'],
        ['SET', 'kept', 'v'],
      ]);
      await clockPast(Date.now() + 20);
      await d.run([
        ['DEBUG', 'DIGEST'],
        ['DEBUG', 'DIGEST-VALUE', 'gone'],
        ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
      ]);
    });
  });

  describe('OBJECT', () => {
    it("each type and encoding: Redis's line, refcount, encoding, serialized length and quicklist fields", async () => {
      await d.run(DATA);
      for (const k of KEYS) {
        const { real, ours } = await d.both(['DEBUG', 'OBJECT', k]);
        expect(normalizeObjectLine(ours), k).toBe(normalizeObjectLine(real));
      }
    });

    it('lists cut in small nodes, compressed, and with plain nodes under a packed threshold', async () => {
      // A quicklist keeps the node size, compression depth and plain-node threshold it was made
      // with; ours applies the current ones, so each list is looked at before they change.
      const items = Array.from({ length: 100 }, (_, i) => `element number ${i} ${'p'.repeat(i % 50)}`);
      const objectLine = async (k: string): Promise<void> => {
        const { real, ours } = await d.both(['DEBUG', 'OBJECT', k]);
        expect(normalizeObjectLine(ours), k).toBe(normalizeObjectLine(real));
      };
      try {
        await d.run([
          ['CONFIG', 'SET', 'list-max-listpack-size', '7'],
          ['CONFIG', 'SET', 'list-compress-depth', '1'],
          ['RPUSH', 'l', ...items],
          ['DUMP', 'l'],
        ]);
        await objectLine('l');
        await d.run([
          ['CONFIG', 'SET', 'list-max-listpack-size', '-1'],
          ['CONFIG', 'SET', 'list-compress-depth', '0'],
          ['RPUSH', 'l2', ...items],
        ]);
        await objectLine('l2');
        await d.run([
          ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '30b'],
          ['RPUSH', 'l3', ...items],
          ['DUMP', 'l3'],
        ]);
        await objectLine('l3');
        await d.run([
          ['CONFIG', 'SET', 'list-compress-depth', '2'],
          ['RPUSH', 'l4', ...items],
          ['DUMP', 'l4'],
        ]);
        await objectLine('l4');
        // 9 elements in 8 nodes: ql_avg_node is 1.125, a tie %.2f rounds to even.
        await d.run([['RPUSH', 'l5', 'a', 'b', ...Array.from({ length: 7 }, () => 'x'.repeat(40))]]);
        await objectLine('l5');
        await d.run([['DEBUG', 'DIGEST-VALUE', 'l', 'l2', 'l3', 'l4', 'l5']]);
      } finally {
        await d.run([
          ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '0'],
          ['CONFIG', 'SET', 'list-max-listpack-size', '-2'],
          ['CONFIG', 'SET', 'list-compress-depth', '0'],
        ]);
      }
    });

    it('the shared integers show their huge refcount; a missing key is an error', async () => {
      await d.run([
        ['SET', 'small', '42'],
        ['SET', 'big', '100000'],
        ['DEBUG', 'OBJECT', 'missing'],
      ]);
      for (const k of ['small', 'big']) {
        const { real, ours } = await d.both(['DEBUG', 'OBJECT', k]);
        expect(normalizeObjectLine(ours)).toBe(normalizeObjectLine(real));
      }
    });

    it('LISTPACK and QUICKLIST: the reply, the type errors, a missing key', () =>
      d.run([
        ['HSET', 'h', 'a', '1'],
        ['RPUSH', 'l', 'a'],
        ['SET', 's', 'v'],
        ['DEBUG', 'LISTPACK', 'h'],
        ['DEBUG', 'LISTPACK', 'l'],
        ['DEBUG', 'LISTPACK', 'nothing'],
        ['DEBUG', 'QUICKLIST', 'l'],
        ['DEBUG', 'QUICKLIST', 'l', '1'],
        ['DEBUG', 'QUICKLIST', 's'],
        ['DEBUG', 'QUICKLIST', 'nothing'],
      ]));
  });

  describe('RELOAD', () => {
    it('saves and loads back the same dataset', async () => {
      await d.run(DATA);
      await d.run([['DEBUG', 'DIGEST'], ['DEBUG', 'RELOAD'], ['DEBUG', 'DIGEST'], ['DBSIZE'], ['TTL', 's:ttl'], ['DEBUG', 'DIGEST-VALUE', ...KEYS]]);
    });

    it('NOSAVE reloads the last save; NOFLUSH MERGE adds it to what is there', () =>
      d.run([
        ['SET', 'a', '1'],
        ['SET', 'b', '1'],
        ['SAVE'],
        ['SET', 'a', '2'],
        ['SET', 'c', '2'],
        ['DEBUG', 'RELOAD', 'NOSAVE', 'NOFLUSH', 'MERGE'],
        ['MGET', 'a', 'b', 'c'],
        ['SET', 'a', '3'],
        ['DEL', 'b'],
        ['DEBUG', 'RELOAD', 'NOSAVE'],
        ['MGET', 'a', 'b', 'c'],
        ['DEBUG', 'RELOAD', 'nosave', 'merge'],
        ['MGET', 'a', 'b', 'c'],
      ]));

    it('NOFLUSH fails on a function library that is there already; NOFLUSH MERGE replaces it', () =>
      d.run([
        ['FUNCTION', 'LOAD', "#!lua name=lib\nredis.register_function('f', function() return 'one' end)"],
        ['DEBUG', 'RELOAD', 'NOFLUSH'],
        ['FCALL', 'f', '0'],
        ['DEBUG', 'RELOAD', 'NOFLUSH', 'MERGE'],
        ['FUNCTION', 'LIST'],
        ['FCALL', 'f', '0'],
        ['FUNCTION', 'FLUSH'],
      ]));

    it('an unknown option is refused before anything is saved', () => d.run([['DEBUG', 'RELOAD', 'NOSAVE', 'FAST']]));
  });

  describe('the small subcommands', () => {
    it('HELP, word for word', () =>
      d.run([
        ['DEBUG', 'HELP'],
        ['debug', 'help'],
      ]));

    it('SET-ACTIVE-EXPIRE, QUICKLIST-PACKED-THRESHOLD, PAUSE-CRON, REPLYBUFFER and the others that answer OK', () =>
      d.run([
        ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
        ['DEBUG', 'SET-ACTIVE-EXPIRE', 'junk'],
        ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
        ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '1b'],
        ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '1kb'],
        ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', ''],
        ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '0'],
        ['DEBUG', 'PAUSE-CRON', '0'],
        ['DEBUG', 'REPLYBUFFER', 'PEAK-RESET-TIME', 'NEVER'],
        ['DEBUG', 'REPLYBUFFER', 'PEAK-RESET-TIME', '100'],
        ['DEBUG', 'REPLYBUFFER', 'PEAK-RESET-TIME', 'RESET'],
        ['DEBUG', 'REPLYBUFFER', 'RESIZING', '0'],
        ['DEBUG', 'REPLYBUFFER', 'RESIZING', '1'],
        ['DEBUG', 'LOG', 'hello from the diff test'],
        ['DEBUG', 'LEAK', 'x'],
        ['DEBUG', 'REPLICATE', 'SET', 'k', 'v'],
        ['DEBUG', 'DROP-CLUSTER-PACKET-FILTER', '-1'],
        ['DEBUG', 'CHANGE-REPL-ID'],
        ['DEBUG', 'STRINGMATCH-TEST'],
        ['DEBUG', 'STRUCTSIZE'],
        ['DEBUG', 'SLEEP', '0'],
        ['DEBUG', 'SLEEP', 'junk'],
        ['DEBUG', 'SLEEP', '-1'],
        ['DBSIZE'],
      ]));

    it('SLEEP holds the reply that long', async () => {
      for (const side of ['real', 'ours'] as const) {
        const conn = d.pair[side];
        const t0 = performance.now();
        expect(await conn.send(['DEBUG', 'SLEEP', '0.2'])).toBe('+OK\r\n');
        expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
      }
    });

    it('POPULATE: keys, prefixes, sizes, existing keys kept', () =>
      d.run([
        ['SET', 'key:1', 'mine'],
        ['DEBUG', 'POPULATE', '3'],
        ['MGET', 'key:0', 'key:1', 'key:2', 'key:3'],
        ['DEBUG', 'POPULATE', '2', 'p', '12'],
        ['MGET', 'p:0', 'p:1'],
        ['DEBUG', 'POPULATE', '2', 'q', '3'],
        ['MGET', 'q:0', 'q:1'],
        ['DEBUG', 'POPULATE', '1', 'a\x00b'],
        ['DEBUG', 'POPULATE', '1', 'x'.repeat(200)],
        ['DEBUG', 'POPULATE', '0'],
        ['DBSIZE'],
        { argv: ['KEYS', '*'], unordered: true },
        ['OBJECT', 'ENCODING', 'p:0'],
        ['DEBUG', 'DIGEST'],
      ]));

    it('ERROR sends its text as the error, newlines made spaces', () =>
      d.run([
        ['DEBUG', 'ERROR', 'WRONGTYPE my error'],
        ['DEBUG', 'ERROR', 'two\r\nlines'],
        ['DEBUG', 'ERROR', ''],
      ]));
  });

  describe('PROTOCOL', () => {
    const TYPES = ['string', 'integer', 'double', 'bignum', 'null', 'array', 'set', 'map', 'verbatim', 'true', 'false'];

    it('RESP2: every type downgraded; push refused', () =>
      d.run([
        ...TYPES.map((t): Step => ['DEBUG', 'PROTOCOL', t]),
        ['DEBUG', 'PROTOCOL', 'attrib'],
        ['DEBUG', 'PROTOCOL', 'push'],
        ['DEBUG', 'PROTOCOL', 'nope'],
        ['DEBUG', 'PROTOCOL', 'STRING'],
      ]));

    it('RESP3: every type as sent; push comes before the reply that follows it', async () => {
      for (const side of ['real', 'ours'] as const) await d.pair[side].send(['HELLO', '3']);
      await d.run(TYPES.map((t): Step => ['DEBUG', 'PROTOCOL', t]));
      for (const side of ['real', 'ours'] as const) {
        const conn = d.pair[side];
        expect(await conn.send(['DEBUG', 'PROTOCOL', 'push']), side).toBe('>2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n');
        expect(await conn.next(), side).toBe('$40\r\nSome real reply following the push reply\r\n');
        // An attribute, then the reply it is about.
        expect(await conn.send(['DEBUG', 'PROTOCOL', 'attrib']), side).toBe('|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n');
        expect(await conn.next(), side).toBe('$39\r\nSome real reply following the attribute\r\n');
      }
    });
  });

  describe('errors', () => {
    it('unknown subcommands, ones that cannot apply here, and wrong argument counts', () =>
      d.run([
        ['DEBUG', 'JMAP'],
        ['DEBUG', 'STRINGMATCH-LEN'],
        ['DEBUG', 'x'.repeat(200)],
        ['DEBUG', 'HELP', 'extra'],
        ['DEBUG', 'OBJECT'],
        ['DEBUG', 'OBJECT', 'a', 'b'],
        ['DEBUG', 'DIGEST', 'k'],
        ['DEBUG', 'SLEEP'],
        ['DEBUG', 'SET-ACTIVE-EXPIRE'],
        ['DEBUG', 'POPULATE'],
        ['DEBUG', 'POPULATE', '1', 'a', '2', '3'],
        ['DEBUG', 'PROTOCOL'],
        ['DEBUG', 'LISTPACK'],
        ['DEBUG', 'QUICKLIST', 'a', '1', '2'],
        ['DEBUG', 'STRUCTSIZE', 'x'],
        ['DEBUG', 'CHANGE-REPL-ID', 'x'],
        ['DEBUG', 'REPLICATE'],
        ['DEBUG', 'REPLYBUFFER', 'RESIZING'],
        ['DEBUG', 'REPLYBUFFER', 'OTHER', '1'],
        ['DEBUG', 'CLUSTERLINK', 'KILL', 'to', 'abc'],
        ['DEBUG', 'CLUSTERLINK', 'NOPE', 'to', 'abc'],
        ['DEBUG'],
      ]));

    it('argument errors: sizes, counts, integers', () =>
      d.run([
        ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '-1'],
        ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '5gb'],
        ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '4gb'],
        ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', 'abc'],
        ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '0'],
        ['DEBUG', 'POPULATE', '-1'],
        ['DEBUG', 'POPULATE', 'x'],
        ['DEBUG', 'POPULATE', '1', 'p', '-3'],
        ['DEBUG', 'POPULATE', '1', 'p', 'big'],
        ['DEBUG', 'REPLYBUFFER', 'PEAK-RESET-TIME', 'soon'],
        ['DEBUG', 'DROP-CLUSTER-PACKET-FILTER', 'x'],
      ]));

    it('inside MULTI DEBUG is queued and runs in EXEC', () =>
      d.run([['MULTI'], ['DEBUG', 'DIGEST-VALUE', 'k'], ['DEBUG', 'NOPE'], ['SET', 'k', 'v'], ['DEBUG', 'DIGEST-VALUE', 'k'], ['EXEC']]));
  });
});

describe('DEBUG SET-ACTIVE-EXPIRE against the cron (over TCP)', () => {
  const d = useDiff({ redisArgs: [...DEBUG_ON, '--hz', '100'], engine: { config: { 'enable-debug-command': 'yes', hz: '100' } }, overTcp: true });

  it('0 leaves expired keys to lazy expiry; 1 lets the cycle take them', async () => {
    await d.run([
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
      ['SET', 'a', '1', 'PX', '10'],
      ['SET', 'b', '1', 'PX', '10'],
      ['SET', 'c', '1'],
    ]);
    await clockPast(Date.now() + 300);
    await d.run([['DBSIZE'], ['DEBUG', 'SET-ACTIVE-EXPIRE', '1']]);
    await clockPast(Date.now() + 400);
    await d.run([['DBSIZE']]);
  });

  it('DEBUG SLEEP stops the whole server: another connection waits too', async () => {
    const [first, second] = await d.clients(2);
    for (const side of ['real', 'ours'] as const) {
      const t0 = performance.now();
      const sleeping = first[side].send(['DEBUG', 'SLEEP', '0.3']);
      const ping = second[side].send(['PING']);
      expect(await ping).toBe('+PONG\r\n');
      expect(performance.now() - t0, side).toBeGreaterThanOrEqual(290);
      expect(await sleeping).toBe('+OK\r\n');
    }
  });
});

describe('enable-debug-command', () => {
  const d = useDiff({ redisArgs: ['--enable-debug-command', 'local'], engine: { config: { 'enable-debug-command': 'local' } }, overTcp: true });

  it('local: a loopback client may run DEBUG', () =>
    d.run([
      ['DEBUG', 'DIGEST'],
      ['DEBUG', 'NOPE'],
    ]));
});

describe('enable-debug-command no', () => {
  const d = useDiff();

  it('DEBUG is refused before its arguments are looked at', () =>
    d.run([
      ['DEBUG', 'DIGEST'],
      ['DEBUG', 'NOPE'],
      ['DEBUG', 'HELP'],
    ]));
});
