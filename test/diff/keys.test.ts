// Differential tests for the GENERIC keyspace group and the database-level commands: DEL,
// UNLINK, EXISTS, TYPE, KEYS, SCAN, RANDOMKEY, RENAME, RENAMENX, COPY, MOVE, TOUCH, OBJECT,
// DBSIZE, FLUSHDB, FLUSHALL, SWAPDB.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockPast, show, useDiff, type Step } from './harness.js';
import { makeList, resp3, sameScan, sameScanReply, sameWatchOutcome, select } from './keys-support.js';
import { optionArgs } from './option-words.js';

const u = (...argv: string[]): Step => ({ argv, unordered: true });

describe('DEL, UNLINK, EXISTS, TOUCH, TYPE, DBSIZE', () => {
  const d = useDiff();

  it('deletes and counts', () =>
    d.run([
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['DEL', 'a', 'b', 'c'],
      ['DEL', 'a'],
      ['SET', 'a', '1'],
      ['DEL', 'a', 'a', 'a'],
      ['SET', '', 'empty'],
      ['SET', '\xec\x95\x88', 'x'],
      ['SET', '\xff\x00', 'y'],
      ['EXISTS', '', '\xec\x95\x88', '\xff\x00', '\xff'],
      ['DEL', '', '\xec\x95\x88', '\xff\x00', '\xff'],
      ['DBSIZE'],
      ['DEL'],
      ['UNLINK'],
      ['EXISTS'],
      ['TOUCH'],
    ]));

  it('UNLINK answers like DEL', () =>
    d.run([['MSET', 'a', '1', 'b', '2', 'c', '3'], ['UNLINK', 'a', 'b', 'zz', 'a'], ['EXISTS', 'a', 'b', 'c'], ['unlink', 'c'], ['DBSIZE']]));

  it('EXISTS counts a key each time it is named', () =>
    d.run([
      ['SET', 'k', 'v'],
      ['EXISTS', 'k'],
      ['EXISTS', 'k', 'k', 'k'],
      ['EXISTS', 'k', 'nope', 'k'],
      ['EXISTS', 'nope'],
      ['exists', 'K'],
    ]));

  it('TOUCH counts existing keys', () =>
    d.run([
      ['MSET', 'a', '1', 'b', '2'],
      ['TOUCH', 'a', 'b', 'c', 'a'],
      ['TOUCH', 'zz'],
      ['OBJECT', 'IDLETIME', 'a'],
    ]));

  it('TYPE names each type', async () => {
    await d.run([
      ['SET', 's', 'v'],
      ['SET', 'n', '12'],
      ['TYPE', 's'],
      ['TYPE', 'n'],
      ['TYPE', 'missing'],
      ['type', ''],
    ]);
    await makeList(d, 'l');
    await d.run([['TYPE', 'l'], ['TYPE', 's', 'extra'], ['TYPE']]);
  });

  it('DBSIZE counts the selected database', async () => {
    await d.run([['DBSIZE'], ['MSET', 'a', '1', 'b', '2', 'c', '3'], ['DBSIZE'], ['DBSIZE', 'x']]);
    await select(d, 3);
    await d.run([['DBSIZE'], ['SET', 'x', '1'], ['DBSIZE']]);
    await select(d, 0);
    await d.run([['DBSIZE']]);
  });

  it('ignores keys that expired (and DEL of an expired key is 0)', async () => {
    await d.run([
      ['SET', 'a', '1', 'PX', '1'],
      ['SET', 'b', '2', 'PX', '1'],
      ['SET', 'c', '3', 'PX', '1'],
      ['SET', 'd', '4'],
    ]);
    await clockPast(Date.now() + 1);
    await d.run([['EXISTS', 'a', 'd'], ['DEL', 'b', 'd'], ['TYPE', 'c'], ['TOUCH', 'a', 'b', 'c'], ['DBSIZE']]);
  });
});

describe('KEYS', () => {
  // DEBUG SET-ACTIVE-EXPIRE 0 keeps the real server from deleting expired keys behind our back.
  const d = useDiff({ redisArgs: ['--enable-debug-command', 'local'] });
  const keys = [
    'hello',
    'hallo',
    'hxllo',
    'hllo',
    'heeeello',
    'h\\llo',
    'h*llo',
    'h?llo',
    'h[llo',
    'h]llo',
    'h-llo',
    'h^llo',
    'a',
    'b',
    'c',
    'ab',
    'abc',
    'A',
    'B',
    'Z',
    'z',
    '_',
    '`',
    '-',
    ']',
    '[',
    '\\',
    '*',
    '?',
    '^',
    '',
    ' ',
    'user:1',
    'user:2',
    'user:10',
    'user:1:name',
    'café',
    '\xec\x95\x88\xeb\x85\x95',
    '\xff',
    '\x80',
    '\x00',
    'a\x00b',
    '\x7f',
  ];
  const fill = (): Step[] => {
    const steps: Step[] = [];
    for (let i = 0; i < keys.length; i += 10) {
      const args: string[] = [];
      for (const k of keys.slice(i, i + 10)) args.push(k, 'v');
      steps.push(['MSET', ...args]);
    }
    return steps;
  };

  it('matches glob patterns like stringmatchlen', () =>
    d.run([
      ...fill(),
      u('KEYS', '*'),
      u('KEYS', '**'),
      u('KEYS', ''),
      u('KEYS', '?'),
      u('KEYS', '??'),
      u('KEYS', 'h?llo'),
      u('KEYS', 'h*llo'),
      u('KEYS', 'h*'),
      u('KEYS', '*o'),
      u('KEYS', '*l*l*'),
      u('KEYS', 'h[ae]llo'),
      u('KEYS', 'h[^e]llo'),
      u('KEYS', 'h[a-b]llo'),
      u('KEYS', 'h[z-a]llo'),
      u('KEYS', '[a-c]'),
      u('KEYS', '[c-a]'),
      u('KEYS', '[A-z]'),
      u('KEYS', '[^a-z]'),
      u('KEYS', '[]'),
      u('KEYS', '[]]'),
      u('KEYS', '[[]'),
      u('KEYS', '[\\]]'),
      u('KEYS', '[\\'),
      u('KEYS', '['),
      u('KEYS', '[^'),
      u('KEYS', 'h['),
      u('KEYS', 'h[l'),
      u('KEYS', 'h[llo'),
      u('KEYS', '[a-]'),
      u('KEYS', '[-a]'),
      u('KEYS', '[a-]b'),
      u('KEYS', '[a-'),
      u('KEYS', '\\*'),
      u('KEYS', '\\?'),
      u('KEYS', '\\['),
      u('KEYS', '\\'),
      u('KEYS', 'h\\\\llo'),
      u('KEYS', 'h\\*llo'),
      u('KEYS', 'h\\'),
      u('KEYS', '\\a'),
      u('KEYS', 'user:?'),
      u('KEYS', 'user:*'),
      u('KEYS', 'user:[0-9]'),
      u('KEYS', 'user:[0-9]*'),
      u('KEYS', 'user:*:*'),
      u('KEYS', 'caf?'),
      u('KEYS', 'caf??'),
      u('KEYS', 'caf\xc3\xa9'),
      u('KEYS', '\xec*'),
      u('KEYS', '[\x80-\xff]'),
      u('KEYS', '[\xff-a]'),
      u('KEYS', '[a-\xff]'),
      u('KEYS', '[^\x00-\x7f]'),
      u('KEYS', '\x00'),
      u('KEYS', 'a?b'),
      u('KEYS', 'a*b'),
      u('KEYS', '*\x00*'),
      u('KEYS', 'nomatch*'),
      u('keys', 'H*'),
    ]));

  it('KEYS * includes the empty key but other patterns never match it', () =>
    d.run([['SET', '', 'v'], ['SET', 'x', 'v'], u('KEYS', '*'), u('KEYS', '**'), u('KEYS', '*?'), u('KEYS', '')]));

  // Backtracking over 11 stars on a 3000-byte key takes on the order of 3000^11 steps: such a
  // matcher never finishes, so the test's own timeout is the bound (no wall-clock assertion that
  // a busy machine could miss).
  it('does not go exponential on many stars', async () => {
    const long = 'a'.repeat(3000);
    await d.run([
      ['SET', long, 'v'],
      ['SET', 'ab', 'v'],
    ]);
    await d.run([u('KEYS', '*a*a*a*a*a*a*a*a*a*a*a*b'), u('KEYS', '*a*a*a*a*a*a*a*a*a*a*a*a'), u('KEYS', 'a*a*a*?*a*a*a*[ab]')]);
  });

  it('skips expired keys without deleting them', async () => {
    expect(await d.pair.real.send(['DEBUG', 'SET-ACTIVE-EXPIRE', '0'])).toBe('+OK\r\n');
    await d.run([
      ['SET', 'gone', '1', 'PX', '1'],
      ['SET', 'here', '2'],
    ]);
    await clockPast(Date.now() + 1);
    await d.run([u('KEYS', '*'), u('KEYS', 'g*'), ['DBSIZE']]);
  });

  it('checks arity', () => d.run([['KEYS'], ['KEYS', 'a', 'b']]));

  it('agrees with Redis on random patterns (property)', async () => {
    await d.run(fill());
    const piece = fc.constantFrom('a', 'b', 'h', 'l', 'o', 'e', '*', '?', '[', ']', '^', '-', '\\', '\xff', '\x80', 'A', 'z', '_', ':', 'u');
    const pattern = fc.array(piece, { minLength: 0, maxLength: 7 }).map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(pattern, async (p) => {
        await d.run([u('KEYS', p)]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SCAN', () => {
  const d = useDiff();

  async function fillMany(n: number): Promise<void> {
    for (let i = 0; i < n; i += 50) {
      const args: string[] = [];
      for (let j = i; j < Math.min(n, i + 50); j++) args.push(`key:${j}`, String(j));
      await d.run([['MSET', ...args]]);
    }
  }

  it('returns every key over a whole iteration, whatever COUNT', async () => {
    await sameScan(d);
    await fillMany(500);
    await d.run([
      ['SET', '', 'empty'],
      ['SET', '\xec\x95\x88', 'x'],
      ['SET', '\xff', 'y'],
    ]);
    const all = await sameScan(d);
    expect(all.length).toBe(503);
    await sameScan(d, ['COUNT', '1']);
    await sameScan(d, ['COUNT', '7']);
    await sameScan(d, ['COUNT', '1000']);
    await sameScan(d, ['count', '9223372036854775807']);
  });

  it('filters by MATCH and TYPE', async () => {
    await fillMany(120);
    await makeList(d, 'key:list');
    await sameScan(d, ['MATCH', 'key:1*']);
    await sameScan(d, ['MATCH', 'key:?']);
    await sameScan(d, ['MATCH', '*']);
    await sameScan(d, ['MATCH', '*', 'COUNT', '3']);
    await sameScan(d, ['MATCH', 'nothing*']);
    await sameScan(d, ['MATCH', 'a', 'MATCH', 'key:5*']);
    await sameScan(d, ['TYPE', 'string', 'MATCH', 'key:9*']);
    await sameScan(d, ['TYPE', 'list']);
    await sameScan(d, ['TYPE', 'LIST']);
    await sameScan(d, ['type', 'String', 'count', '5']);
    await sameScan(d, ['TYPE', 'hash']);
    await sameScan(d, ['TYPE', 'none']);
    await sameScan(d, ['TYPE', 'nosuchtype']);
    await sameScan(d, ['TYPE', 'string\x00junk']);
    await sameScan(d, ['MATCH', 'key:1', 'TYPE', 'string']);
  });

  it('accepts cursors as strtoul does', async () => {
    await d.run([
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
    ]);
    await sameScan(d, []);
    // A small database comes back whole from cursor 0 (the order is Redis's hash order).
    for (const cursor of ['', '00', '+0', '-0', '0\x00junk', '0']) await sameScanReply(d, ['SCAN', cursor]);
    await sameScanReply(d, ['SCAN', '0', 'COUNT', '1000', 'MATCH', '[a]']);
  });

  it('answers errors like Redis', async () => {
    await d.run([
      ['SET', 'a', '1'],
      ['SCAN', 'x'],
      ['SCAN', ' 0'],
      ['SCAN', '\t0'],
      ['SCAN', '0 '],
      ['SCAN', '+'],
      ['SCAN', '-'],
      ['SCAN', '1.5'],
      ['SCAN', '0x10'],
      ['SCAN', '18446744073709551616'],
      ['SCAN', '-18446744073709551616'],
      ['SCAN', '99999999999999999999999'],
      ['SCAN', 'x', 'COUNT', '0'],
      ['SCAN', '0', 'COUNT', '0'],
      ['SCAN', '0', 'COUNT', '-1'],
      ['SCAN', '0', 'COUNT', 'x'],
      ['SCAN', '0', 'COUNT', ''],
      ['SCAN', '0', 'COUNT', '1.0'],
      ['SCAN', '0', 'COUNT', '9223372036854775808'],
      ['SCAN', '0', 'COUNT'],
      ['SCAN', '0', 'MATCH'],
      ['SCAN', '0', 'TYPE'],
      ['SCAN', '0', 'FOO', 'bar'],
      ['SCAN', '0', 'MATCH', '*', 'COUNT'],
      ['SCAN', '0', 'COUNT', '0', 'FOO'],
      ['SCAN', '0', 'FOO', 'bar', 'COUNT', '0'],
      ['SCAN', '0', 'COUNT', 'x', 'COUNT', '0'],
      ['SCAN'],
    ]);
  });

  it('property: random option words of SCAN, SSCAN, HSCAN and ZSCAN', async () => {
    const shapes = [
      { word: 'count', values: [fc.constantFrom('1', '2', '100', '0', '-1', 'x')] },
      { word: 'match', values: [fc.constantFrom('*', 'a*', '*1', '[ab]', 'a\0*', '')] },
      { word: 'type', values: [fc.constantFrom('string', 'LIST', 'hash', 'set\0x', 'nosuch')] },
    ];
    const opts = optionArgs(shapes, fc.constantFrom('x', '1', ''), 4);
    // Small keys answer whole from cursor 0 in their own order (listpacks, an intset).
    const command = fc.oneof(
      fc
        .tuple(fc.constantFrom('HSCAN h', 'ZSCAN z', 'SSCAN ints', 'SSCAN str', 'HSCAN nokey'), fc.constantFrom('0', 'x', '1'), opts)
        .map(([c, cur, o]) => [...c.split(' '), cur, ...o]),
      fc.tuple(fc.constantFrom('0', 'x'), opts).map(([cur, o]) => ['SCAN', cur, ...o]),
    );
    const data: string[][] = [
      ['HSET', 'h', 'a1', 'v', 'b2', 'v', 'a', 'v'],
      ['ZADD', 'z', '1', 'a1', '2', 'b', '3', 'a'],
      ['SADD', 'ints', '1', '11', '2'],
      ['SET', 'str', 'v'],
      ['RPUSH', 'a1', 'x'],
    ];
    await d.run(data);
    await fc.assert(
      fc.asyncProperty(command, async (argv) => {
        const { real, ours } = await d.both(argv);
        if (argv[0] !== 'SCAN' || real[0] === '-') expect(show(ours), argv.join(' ')).toBe(show(real));
        // SCAN's order is the hash order of Redis's randomly seeded dict: a whole iteration compares.
        else await sameScan(d, argv.slice(2));
      }),
      { numRuns: 300 },
    );
  });

  it('huge cursors end the iteration', async () => {
    const r1 = await d.both(['SCAN', '18446744073709551615']);
    expect(r1.ours).toBe(r1.real);
    const r2 = await d.both(['SCAN', '-1']);
    expect(r2.ours).toBe(r2.real);
  });

  it('does not return expired keys', async () => {
    await fillMany(30);
    await d.run([
      ['PEXPIRE', 'key:1', '1'],
      ['PEXPIRE', 'key:2', '1'],
      ['PEXPIRE', 'key:3', '1'],
    ]);
    await clockPast(Date.now() + 1);
    await sameScan(d);
    await d.run([['DBSIZE']]);
  });
});

describe('RANDOMKEY', () => {
  const d = useDiff();

  it('picks a key, nil when empty, skips expired keys', async () => {
    await d.run([['RANDOMKEY'], ['SET', 'only', 'v'], ['RANDOMKEY'], ['RANDOMKEY', 'x']]);
    await d.run([
      ['SET', 'e1', '1', 'PX', '1'],
      ['SET', 'e2', '1', 'PX', '1'],
      ['DEL', 'only'],
    ]);
    await clockPast(Date.now() + 1);
    await d.run([['RANDOMKEY'], ['DBSIZE'], ['SET', 'e3', '1', 'PX', '1'], ['SET', 'live', '1', 'EX', '100']]);
    await clockPast(Date.now() + 1);
    // Which of the two keys each draw hits is random: only 'live' can come back.
    for (let i = 0; i < 2; i++) {
      const { real, ours } = await d.both(['RANDOMKEY']);
      expect(ours).toBe(real);
    }
  });
});

describe('RENAME, RENAMENX', () => {
  const d = useDiff();

  it('renames, overwrites and keeps the TTL', () =>
    d.run([
      ['SET', 'a', '1'],
      ['RENAME', 'a', 'b'],
      ['EXISTS', 'a', 'b'],
      ['GET', 'b'],
      ['SET', 'c', '3'],
      ['RENAME', 'b', 'c'],
      ['GET', 'c'],
      ['DBSIZE'],
      ['EXPIREAT', 'c', '4102444800'],
      ['RENAME', 'c', 'd'],
      ['EXPIRETIME', 'd'],
      ['SET', 'e', '5', 'EX', '100'],
      ['RENAME', 'd', 'e'],
      ['EXPIRETIME', 'e'],
      ['SET', 'f', 'x'],
      ['PEXPIREAT', 'f', '9223372036854775807'],
      ['RENAME', 'f', 'g'],
      ['PEXPIRETIME', 'g'],
      ['SET', 'p', 'persistent'],
      ['SET', 'q', 'volatile', 'EX', '100'],
      ['RENAME', 'p', 'q'],
      ['TTL', 'q'],
      ['RENAME', '\xec\x95\x88', 'x'],
      ['SET', '\xec\x95\x88', 'v'],
      ['RENAME', '\xec\x95\x88', ''],
      ['GET', ''],
      ['RENAME', '', '\xff'],
      ['GET', '\xff'],
    ]));

  it('handles the same key and missing keys', () =>
    d.run([
      ['RENAME', 'nope', 'x'],
      ['RENAME', 'nope', 'nope'],
      ['RENAMENX', 'nope', 'x'],
      ['RENAMENX', 'nope', 'nope'],
      ['SET', 'k', 'v'],
      ['EXPIREAT', 'k', '4102444800'],
      ['RENAME', 'k', 'k'],
      ['EXPIRETIME', 'k'],
      ['RENAMENX', 'k', 'k'],
      ['GET', 'k'],
      ['RENAME', 'k'],
      ['RENAME', 'k', 'a', 'b'],
      ['RENAMENX', 'k'],
    ]));

  it('RENAMENX only when the target is free', () =>
    d.run([
      ['MSET', 'a', '1', 'b', '2'],
      ['RENAMENX', 'a', 'b'],
      ['MGET', 'a', 'b'],
      ['RENAMENX', 'a', 'c'],
      ['MGET', 'a', 'c'],
      ['EXPIREAT', 'c', '4102444800'],
      ['RENAMENX', 'c', 'd'],
      ['EXPIRETIME', 'd'],
      ['renamenx', 'd', 'b'],
    ]));

  it('treats an expired source as missing and an expired target as free', async () => {
    await d.run([
      ['SET', 'src', '1', 'PX', '1'],
      ['SET', 'dst', '2', 'PX', '1'],
      ['SET', 'ok', '3'],
    ]);
    await clockPast(Date.now() + 1);
    await d.run([['RENAME', 'src', 'x'], ['RENAMENX', 'ok', 'dst'], ['GET', 'dst'], ['TTL', 'dst'], ['DBSIZE']]);
  });
});

describe('COPY', () => {
  const d = useDiff();

  it('copies values and TTLs', () =>
    d.run([
      ['SET', 'a', 'hello'],
      ['COPY', 'a', 'b'],
      ['GET', 'b'],
      ['COPY', 'a', 'b'],
      ['SET', 'a', 'changed'],
      ['GET', 'b'],
      ['COPY', 'a', 'b', 'REPLACE'],
      ['GET', 'b'],
      ['COPY', 'a', 'b', 'replace', 'REPLACE'],
      ['COPY', 'missing', 'b'],
      ['COPY', 'missing', 'zz', 'REPLACE'],
      ['EXPIREAT', 'a', '4102444800'],
      ['COPY', 'a', 'c'],
      ['EXPIRETIME', 'c'],
      ['EXPIRETIME', 'a'],
      ['SET', 'd', 'x', 'EX', '100'],
      ['COPY', 'b', 'd', 'REPLACE'],
      ['TTL', 'd'],
      ['COPY', '', '\xff'],
      ['SET', '', '\xec\x95\x88'],
      ['COPY', '', '\xff'],
      ['GET', '\xff'],
    ]));

  it('copies encodings; a copied small int is not shared', () =>
    d.run([
      ['SET', 'i', '100'],
      ['SET', 'big', '12345678'],
      ['SET', 's', 'short'],
      ['SET', 'r', 'x'.repeat(60)],
      ['APPEND', 'ap', 'x'],
      ['COPY', 'i', 'i2'],
      ['COPY', 'big', 'big2'],
      ['COPY', 's', 's2'],
      ['COPY', 'r', 'r2'],
      ['COPY', 'ap', 'ap2'],
      ['OBJECT', 'ENCODING', 'i2'],
      ['OBJECT', 'ENCODING', 'big2'],
      ['OBJECT', 'ENCODING', 's2'],
      ['OBJECT', 'ENCODING', 'r2'],
      ['OBJECT', 'ENCODING', 'ap2'],
      ['OBJECT', 'REFCOUNT', 'i'],
      ['OBJECT', 'REFCOUNT', 'i2'],
      ['OBJECT', 'REFCOUNT', 'big2'],
      ['INCR', 'i2'],
      ['OBJECT', 'REFCOUNT', 'i2'],
    ]));

  it('copies to another database', async () => {
    await d.run([
      ['SET', 'k', 'v'],
      ['EXPIREAT', 'k', '4102444800'],
      ['COPY', 'k', 'k', 'DB', '1'],
      ['COPY', 'k', 'k', 'DB', '1'],
      ['COPY', 'k', 'k', 'DB', '1', 'REPLACE'],
      ['COPY', 'k', 'other', 'DB', '15'],
      ['COPY', 'k', 'k', 'DB', '0'],
      ['COPY', 'k', 'k'],
      ['COPY', 'k', 'k', 'REPLACE'],
      ['COPY', 'k', 'k', 'DB', '5', 'DB', '0'],
      ['COPY', 'k', 'k', 'DB', '0', 'DB', '2'],
    ]);
    await select(d, 1);
    await d.run([
      ['GET', 'k'],
      ['EXPIRETIME', 'k'],
      ['COPY', 'k', 'k', 'DB', '0'],
      ['COPY', 'k', 'k', 'DB', '0', 'REPLACE'],
    ]);
    await select(d, 2);
    await d.run([['GET', 'k']]);
    await select(d, 15);
    await d.run([['GET', 'other']]);
  });

  it('answers errors like Redis', () =>
    d.run([
      ['SET', 'k', 'v'],
      ['COPY', 'k', 'k'],
      ['COPY', 'nope', 'nope'],
      ['COPY', 'k', 'x', 'DB'],
      ['COPY', 'k', 'x', 'DB', 'x'],
      ['COPY', 'k', 'x', 'DB', '16'],
      ['COPY', 'k', 'x', 'DB', '-1'],
      ['COPY', 'k', 'x', 'DB', '2147483648'],
      ['COPY', 'k', 'x', 'DB', '99999999999'],
      ['COPY', 'k', 'x', 'DB', '1.0'],
      ['COPY', 'k', 'x', 'DB', ''],
      ['COPY', 'k', 'x', 'FOO'],
      ['COPY', 'k', 'x', 'REPLACE', 'FOO'],
      ['COPY', 'k', 'x', 'FOO', 'DB', 'x'],
      ['COPY', 'k', 'x', 'DB', 'x', 'FOO'],
      ['COPY', 'k', 'k', 'FOO'],
      ['COPY', 'k', 'k', 'DB', '99'],
      ['COPY', 'k', 'x', 'replace\x00junk'],
      ['COPY', 'k', 'y', 'Db\x00x', '1', 'REPLACE'],
      ['COPY', 'k', 'y', 'DB', '1', 'DB', '16'],
      ['COPY', 'k', 'y', 'DBX', '1'],
      ['COPY', 'k'],
      ['COPY'],
      ['EXISTS', 'x'],
    ]));
});

describe('MOVE', () => {
  const d = useDiff();

  it('moves between databases with the TTL', async () => {
    await d.run([
      ['SET', 'k', 'v'],
      ['EXPIREAT', 'k', '4102444800'],
      ['MOVE', 'k', '1'],
      ['EXISTS', 'k'],
      ['MOVE', 'k', '1'],
      ['SET', 'k', 'again'],
      ['SET', 'p', 'persistent'],
      ['MOVE', 'p', '1'],
      ['SET', '\xec\x95\x88', 'x'],
      ['MOVE', '\xec\x95\x88', '15'],
    ]);
    await select(d, 1);
    await d.run([
      ['GET', 'k'],
      ['EXPIRETIME', 'k'],
      ['TTL', 'p'],
      ['MOVE', 'k', '0'],
      ['GET', 'k'],
    ]);
    await select(d, 15);
    await d.run([
      ['GET', '\xec\x95\x88'],
      ['MOVE', '\xec\x95\x88', '0'],
    ]);
    await select(d, 0);
    await d.run([
      ['GET', '\xec\x95\x88'],
      ['GET', 'k'],
    ]);
  });

  it('answers errors like Redis', () =>
    d.run([
      ['SET', 'k', 'v'],
      ['MOVE', 'k', '0'],
      ['MOVE', 'nope', '0'],
      ['MOVE', 'nope', '1'],
      ['MOVE', 'k', '16'],
      ['MOVE', 'k', '-1'],
      ['MOVE', 'k', 'x'],
      ['MOVE', 'k', ''],
      ['MOVE', 'k', '1.5'],
      ['MOVE', 'k', '2147483648'],
      ['MOVE', 'k', '-2147483649'],
      ['MOVE', 'k', '9223372036854775808'],
      ['MOVE', 'k', '01'],
      ['MOVE', 'k'],
      ['MOVE', 'k', '1', '2'],
      ['GET', 'k'],
    ]));
});

describe('OBJECT', () => {
  const d = useDiff();

  it('reports encodings, refcounts and idle time', () =>
    d.run([
      ['SET', 'int', '12345'],
      ['SET', 'neg', '-5'],
      ['SET', 'small', '7'],
      ['SET', 'zero', '0'],
      ['SET', 'edge', '9999'],
      ['SET', 'over', '10000'],
      ['SET', 'huge', '9223372036854775807'],
      ['SET', 'toobig', '9223372036854775808'],
      ['SET', 'lead0', '007'],
      ['SET', 'float', '1.5'],
      ['SET', 'emb', 'x'.repeat(44)],
      ['SET', 'raw', 'x'.repeat(45)],
      ['SET', 'empty', ''],
      ['OBJECT', 'ENCODING', 'int'],
      ['OBJECT', 'ENCODING', 'neg'],
      ['OBJECT', 'ENCODING', 'huge'],
      ['OBJECT', 'ENCODING', 'toobig'],
      ['OBJECT', 'ENCODING', 'lead0'],
      ['OBJECT', 'ENCODING', 'float'],
      ['OBJECT', 'ENCODING', 'emb'],
      ['OBJECT', 'ENCODING', 'raw'],
      ['OBJECT', 'ENCODING', 'empty'],
      ['OBJECT', 'ENCODING', 'missing'],
      ['object', 'encoding', 'int'],
      ['OBJECT', 'REFCOUNT', 'int'],
      ['OBJECT', 'REFCOUNT', 'neg'],
      ['OBJECT', 'REFCOUNT', 'small'],
      ['OBJECT', 'REFCOUNT', 'zero'],
      ['OBJECT', 'REFCOUNT', 'edge'],
      ['OBJECT', 'REFCOUNT', 'over'],
      ['OBJECT', 'REFCOUNT', 'emb'],
      ['OBJECT', 'REFCOUNT', 'missing'],
      ['INCR', 'small'],
      ['OBJECT', 'REFCOUNT', 'small'],
      ['OBJECT', 'IDLETIME', 'int'],
      ['OBJECT', 'IDLETIME', 'missing'],
      ['OBJECT', 'FREQ', 'int'],
      ['OBJECT', 'FREQ', 'missing'],
    ]));

  it('prints HELP and rejects what Redis rejects', () =>
    d.run([
      ['OBJECT', 'HELP'],
      ['object', 'help'],
      ['OBJECT', 'HELP', 'x'],
      ['OBJECT'],
      ['OBJECT', 'FOO'],
      ['OBJECT', 'FOO', 'k'],
      ['OBJECT', 'ENCODING'],
      ['OBJECT', 'ENCODING', 'a', 'b'],
      ['OBJECT', 'REFCOUNT'],
      ['OBJECT', 'IDLETIME', 'a', 'b'],
      ['OBJECT', 'FREQ'],
    ]));

  it('answers nil as RESP3 null', async () => {
    await resp3(d);
    await d.run([
      ['OBJECT', 'ENCODING', 'missing'],
      ['OBJECT', 'REFCOUNT', 'missing'],
      ['SET', 'k', 'v'],
      ['OBJECT', 'ENCODING', 'k'],
      ['OBJECT', 'HELP'],
    ]);
  });
});

describe('FLUSHDB, FLUSHALL', () => {
  const d = useDiff();

  it('empties one or all databases', async () => {
    await d.run([['MSET', 'a', '1', 'b', '2']]);
    await select(d, 1);
    await d.run([['SET', 'c', '3'], ['FLUSHDB'], ['DBSIZE']]);
    await select(d, 0);
    await d.run([['DBSIZE'], ['FLUSHDB', 'SYNC'], ['DBSIZE'], ['SET', 'a', '1'], ['FLUSHDB', 'async'], ['DBSIZE']]);
    await d.run([['SET', 'a', '1']]);
    await select(d, 9);
    await d.run([['SET', 'z', '1'], ['FLUSHALL'], ['DBSIZE']]);
    await select(d, 0);
    await d.run([['DBSIZE'], ['SET', 'a', '1'], ['FLUSHALL', 'ASYNC'], ['DBSIZE'], ['SET', 'a', '1'], ['flushall', 'sync'], ['DBSIZE']]);
  });

  it('answers syntax errors like Redis', () =>
    d.run([
      ['SET', 'a', '1'],
      ['FLUSHDB', 'FOO'],
      ['FLUSHDB', 'ASYNC', 'SYNC'],
      ['FLUSHDB', 'ASYNC', 'x'],
      ['FLUSHALL', 'FOO'],
      ['FLUSHALL', 'SYNC', 'SYNC'],
      ['FLUSHALL', ''],
      ['DBSIZE'],
      ['FLUSHDB', 'sync\x00junk'],
      ['DBSIZE'],
    ]));

  it('breaks transactions watching flushed keys', async () => {
    await d.run([['SET', 'w', '1']]);
    await sameWatchOutcome(d, 'w', [['FLUSHALL']]);
    await d.run([['SET', 'w', '1']]);
    await sameWatchOutcome(d, 'w', [['FLUSHDB', 'ASYNC']]);
    await sameWatchOutcome(d, 'nothing', [['SET', 'other', '1'], ['FLUSHDB']]);
  });
});

describe('SWAPDB', () => {
  const d = useDiff();

  it('swaps the contents of two databases for every client', async () => {
    const [other] = await d.clients(1);
    await select(d, 1, other);
    await d.run([
      ['SET', 'in0', 'zero'],
      ['EXPIREAT', 'in0', '4102444800'],
    ]);
    const r1 = await other.both(['SET', 'in1', 'one']);
    expect(r1.ours).toBe(r1.real);
    await d.run([['SWAPDB', '0', '1'], ['GET', 'in0'], ['GET', 'in1'], ['DBSIZE']]);
    await other.run([['GET', 'in0'], ['EXPIRETIME', 'in0'], ['GET', 'in1'], ['DBSIZE']]);
    await d.run([
      ['SWAPDB', '1', '0'],
      ['GET', 'in0'],
      ['SWAPDB', '0', '0'],
      ['GET', 'in0'],
      ['SWAPDB', '15', '0'],
      ['DBSIZE'],
      ['SWAPDB', '0', '15'],
      ['DBSIZE'],
    ]);
  });

  it('answers errors like Redis', () =>
    d.run([
      ['SWAPDB', 'x', '1'],
      ['SWAPDB', '0', 'x'],
      ['SWAPDB', 'x', 'y'],
      ['SWAPDB', '0', '16'],
      ['SWAPDB', '-1', '0'],
      ['SWAPDB', '16', 'x'],
      ['SWAPDB', '2147483648', '0'],
      ['SWAPDB', '0', '2147483648'],
      ['SWAPDB', '', '0'],
      ['SWAPDB', '1.0', '0'],
      ['SWAPDB', '0\x00', '1'],
      ['SWAPDB', '0'],
      ['SWAPDB', '0', '1', '2'],
    ]));

  it('breaks transactions watching keys in either database', async () => {
    await d.run([['SET', 'w', '1']]);
    await sameWatchOutcome(d, 'w', [['SWAPDB', '0', '1']]);
    // Now 'w' lives in database 1 only: swapping it back in breaks the watch too.
    await sameWatchOutcome(d, 'w', [['SWAPDB', '0', '1']]);
    await sameWatchOutcome(d, 'absent', [['SWAPDB', '0', '2']]);
  });
});
