// SORTED SET group, part 2: ZRANGE with BYSCORE/BYLEX/REV/LIMIT/WITHSCORES and every syntax
// error, ZREVRANGE, Z[REV]RANGEBYSCORE, Z[REV]RANGEBYLEX, ZRANGESTORE, ZCOUNT, ZLEXCOUNT and
// ZREMRANGEBYRANK/SCORE/LEX, over listpacks and skiplists, in RESP2 and RESP3.
import { describe, it } from 'vitest';
import { useDiff, type Step } from './harness.js';
import { expectEncoding, resp3, withThresholds, zaddMany } from './zsets-support.js';

const SCORES: Step = ['ZADD', 'z', '1', 'a', '2', 'b', '2', 'c', '3', 'd', '4.5', 'e', '-1', 'f', 'inf', 'g', '-inf', 'h'];
const LEX: Step = ['ZADD', 'l', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'e', '0', 'f', '0', 'g', '0', '', '0', '\xff', '0', 'ab'];

describe('ZRANGE by rank', () => {
  const d = useDiff();

  it('positive, negative and out-of-range indexes', () =>
    d.run([
      SCORES,
      ['ZRANGE', 'z', '0', '-1'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZRANGE', 'z', '2', '4'],
      ['ZRANGE', 'z', '-3', '-1'],
      ['ZRANGE', 'z', '-100', '1'],
      ['ZRANGE', 'z', '5', '100'],
      ['ZRANGE', 'z', '8', '10'],
      ['ZRANGE', 'z', '3', '2'],
      ['ZRANGE', 'z', '-1', '-2'],
      ['ZRANGE', 'z', '0', '0'],
      ['ZRANGE', 'z', '-9223372036854775808', '9223372036854775807'],
      ['ZRANGE', 'z', '9223372036854775807', '-9223372036854775808'],
      ['ZRANGE', 'z', '0', '-1', 'REV'],
      ['ZRANGE', 'z', '1', '3', 'REV', 'WITHSCORES'],
      ['ZRANGE', 'z', '-2', '-1', 'rev'],
      ['ZRANGE', 'missing', '0', '-1'],
      ['ZRANGE', 'missing', '0', '-1', 'WITHSCORES'],
      ['ZRANGE', 'z', 'a', '1'],
      ['ZRANGE', 'z', '0', '1.5'],
      ['ZRANGE', 'z', '0', '99999999999999999999'],
      ['ZRANGE', 'z', '0', '-1', 'withscores', 'WITHSCORES'],
      ['ZRANGE', 'z', '0', '-1', 'withscores\x00x'],
    ]));

  it('ZREVRANGE', () =>
    d.run([
      SCORES,
      ['ZREVRANGE', 'z', '0', '-1'],
      ['ZREVRANGE', 'z', '0', '2', 'WITHSCORES'],
      ['ZREVRANGE', 'z', '-2', '-1', 'WITHSCORES'],
      ['ZREVRANGE', 'z', '5', '1'],
      ['ZREVRANGE', 'missing', '0', '-1'],
      ['ZREVRANGE', 'z', '0', '-1', 'REV'],
      ['ZREVRANGE', 'z', '0', '-1', 'BYSCORE'],
      ['ZREVRANGE', 'z', '0', '-1', 'BYLEX'],
      ['ZREVRANGE', 'z', '0', '-1', 'LIMIT', '0', '1'],
      ['ZREVRANGE', 'z', 'x', '-1'],
    ]));

  it('options are C strings; a bad LIMIT value is reported before a later conflict', () =>
    d.run([
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES\x00x'],
      ['ZRANGE', 'z', '0', '1', 'REV\x00', 'withscores\x00'],
      ['ZRANGE', 'z', '(1', '+inf', 'BYSCORE\x00junk', 'LIMIT\x00', '0', '1'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', 'x', '1', 'BYLEX', 'BYSCORE'],
      ['ZRANGE', 'z', '0', '-1', 'BYLEX', 'BYSCORE', 'LIMIT', 'x', '1'],
      ['ZRANGE', 'z', '-', '+', 'BYLEX', 'WITHSCORES', 'LIMIT', '0', 'x'],
      ['ZRANGE', 'z', '0', '-1', 'REV', 'REV'],
      ['ZRANGESTORE', 'd', 'z', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd', 'z', '0', '-1', 'REV\x00q'],
      ['ZRANGE', 'd', '0', '-1'],
      ['ZREVRANGEBYSCORE', 'z', '+inf', '-inf', 'WITHSCORES\x00', 'LIMIT', '1', '1'],
      ['ZRANGEBYLEX', 'z', '-', '+', 'LIMIT', '0', '1', 'WITHSCORES'],
    ]));

  it('syntax errors and their order', () =>
    d.run([
      SCORES,
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '1'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '-1'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', '5', '-1'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', 'x', '1'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', '1', 'x'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', 'x', '1', 'BAD'],
      ['ZRANGE', 'z', '0', '-1', 'BAD'],
      ['ZRANGE', 'z', '0', '-1', 'BYSCORE', 'BYLEX'],
      ['ZRANGE', 'z', '0', '-1', 'BYLEX', 'BYSCORE'],
      ['ZRANGE', 'z', '0', '-1', 'BYSCORE', 'BYSCORE'],
      ['ZRANGE', 'z', '0', '-1', 'REV', 'REV'],
      ['ZRANGE', 'z', '[a', '[b', 'BYLEX', 'WITHSCORES'],
      ['ZRANGE', 'z', '[a', '[b', 'WITHSCORES', 'BYLEX', 'LIMIT', '0', '1'],
      ['ZRANGE', 'z', 'x', 'y', 'BYSCORE'],
      ['ZRANGE', 'z', 'x', 'y', 'BYLEX'],
      ['ZRANGE', 'z', 'x', 'y'],
      ['ZRANGE', 'z', 'x', 'y', 'LIMIT', '0', '1'],
      ['SET', 's', 'v'],
      ['ZRANGE', 's', '0', '-1'],
      ['ZRANGE', 's', 'x', '-1'],
      ['ZRANGE', 's', '0', '1', 'BAD'],
      ['ZRANGE', 's', '(1', '2', 'BYSCORE'],
      ['ZRANGE', 's', 'x', '2', 'BYSCORE'],
      ['ZRANGE', 'z', '0'],
    ]));
});

describe('ZRANGE BYSCORE and Z[REV]RANGEBYSCORE', () => {
  const d = useDiff();

  it('inclusive and exclusive bounds, infinities', () =>
    d.run([
      SCORES,
      ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE'],
      ['ZRANGE', 'z', '2', '3', 'BYSCORE', 'WITHSCORES'],
      ['ZRANGE', 'z', '(2', '3', 'BYSCORE'],
      ['ZRANGE', 'z', '2', '(3', 'BYSCORE'],
      ['ZRANGE', 'z', '(2', '(3', 'BYSCORE'],
      ['ZRANGE', 'z', '(2', '(2', 'BYSCORE'],
      ['ZRANGE', 'z', '2', '2', 'BYSCORE'],
      ['ZRANGE', 'z', '3', '2', 'BYSCORE'],
      ['ZRANGE', 'z', '(-inf', '(inf', 'BYSCORE'],
      ['ZRANGE', 'z', 'inf', 'inf', 'BYSCORE', 'WITHSCORES'],
      ['ZRANGE', 'z', '-inf', '-inf', 'BYSCORE', 'WITHSCORES'],
      ['ZRANGE', 'z', '+inf', '-inf', 'BYSCORE', 'REV'],
      ['ZRANGE', 'z', '3', '(1', 'BYSCORE', 'REV', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'z', '1', '4.5'],
      ['ZRANGEBYSCORE', 'z', '1', '4.5', 'WITHSCORES'],
      ['ZREVRANGEBYSCORE', 'z', '4.5', '1'],
      ['ZREVRANGEBYSCORE', 'z', '4.5', '1', 'WITHSCORES'],
      ['ZREVRANGEBYSCORE', 'z', '1', '4.5'],
      ['ZRANGEBYSCORE', 'missing', '-inf', 'inf'],
      ['ZRANGEBYSCORE', 'z', '0', '1', 'REV'],
      ['ZRANGEBYSCORE', 'z', '0', '1', 'BYSCORE'],
    ]));

  it('LIMIT offset count, negative and huge values', () =>
    d.run([
      SCORES,
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '0', '2'],
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '2', '3'],
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '2', '-1'],
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '2', '-5'],
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '2', '0'],
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '-1', '2'],
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '7', '5'],
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '8', '5'],
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '9223372036854775807', '1'],
      ['ZRANGEBYSCORE', 'z', '2', '3', 'LIMIT', '1', '9223372036854775807'],
      ['ZRANGEBYSCORE', 'z', '2', '3', 'LIMIT', '3', '1'],
      ['ZRANGEBYSCORE', 'z', '2', '3', 'WITHSCORES', 'LIMIT', '1', '1'],
      ['ZRANGEBYSCORE', 'z', '2', '3', 'LIMIT', '1', '1', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'z', '2', '3', 'LIMIT', '1', '1', 'LIMIT', '0', '1'],
      ['ZREVRANGEBYSCORE', 'z', 'inf', '-inf', 'LIMIT', '1', '3', 'WITHSCORES'],
      ['ZREVRANGEBYSCORE', 'z', '3', '-inf', 'LIMIT', '2', '10'],
      ['ZREVRANGEBYSCORE', 'z', '3', '2', 'LIMIT', '3', '10'],
      ['ZRANGE', 'z', '(1', 'inf', 'BYSCORE', 'LIMIT', '1', '2', 'WITHSCORES'],
      ['ZRANGE', 'z', 'inf', '(1', 'BYSCORE', 'REV', 'LIMIT', '1', '2', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '0'],
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '0', 'x'],
    ]));

  it('bounds are read by strtod: spaces, empty, hex, overflow, NUL', () =>
    d.run([
      SCORES,
      ['ZRANGEBYSCORE', 'z', ' 1', ' 3'],
      ['ZRANGEBYSCORE', 'z', '( 1', '(\t3'],
      ['ZRANGEBYSCORE', 'z', '', '3'],
      ['ZRANGEBYSCORE', 'z', '(', '3'],
      ['ZRANGEBYSCORE', 'z', '-1', ''],
      ['ZRANGEBYSCORE', 'z', '0x1', '0x3'],
      ['ZRANGEBYSCORE', 'z', '-0x1p0', '0x1.2p2'],
      ['ZRANGEBYSCORE', 'z', '-1e400', '1e400'],
      ['ZRANGEBYSCORE', 'z', '-1e400', '(1e400', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'z', '1e-400', '2'],
      ['ZRANGEBYSCORE', 'z', '-0x1p99999', '0x1p-99999'],
      ['ZRANGEBYSCORE', 'z', '1\x00junk', '3\x00'],
      ['ZRANGEBYSCORE', 'z', '-INFINITY', 'Infinity'],
      ['ZRANGEBYSCORE', 'z', 'nan', '1'],
      ['ZRANGEBYSCORE', 'z', '1', 'nan'],
      ['ZRANGEBYSCORE', 'z', '(nan', '1'],
      ['ZRANGEBYSCORE', 'z', ' ', '1'],
      ['ZRANGEBYSCORE', 'z', '1 ', '2'],
      ['ZRANGEBYSCORE', 'z', '1', '2x'],
      ['ZRANGEBYSCORE', 'z', '((1', '2'],
      ['ZRANGEBYSCORE', 'z', '[1', '2'],
      ['ZRANGEBYSCORE', 'z', '-', '+'],
      ['ZRANGEBYSCORE', 'z', '1e', '2'],
      ['ZRANGEBYSCORE', 'z', '.', '2'],
      ['ZRANGEBYSCORE', 'z', '0x', '2'],
      ['ZCOUNT', 'z', ' ', '1'],
      ['ZCOUNT', 'z', '', '(1e999'],
    ]));

  it('-0 and 0 compare equal', () =>
    d.run([
      ['ZADD', 'z', '-1', 'a', '0', 'b', '1', 'c'],
      ['ZRANGEBYSCORE', 'z', '-0', '-0'],
      ['ZRANGEBYSCORE', 'z', '(-0', '1'],
      ['ZRANGEBYSCORE', 'z', '-1', '(-0'],
      ['ZCOUNT', 'z', '-0', '0'],
    ]));
});

describe('ZRANGE BYLEX and Z[REV]RANGEBYLEX', () => {
  const d = useDiff();

  it('ranges over members of equal score', () =>
    d.run([
      LEX,
      ['ZRANGE', 'l', '-', '+', 'BYLEX'],
      ['ZRANGE', 'l', '[a', '[c', 'BYLEX'],
      ['ZRANGE', 'l', '(a', '[c', 'BYLEX'],
      ['ZRANGE', 'l', '[a', '(c', 'BYLEX'],
      ['ZRANGE', 'l', '(a', '(ab', 'BYLEX'],
      ['ZRANGE', 'l', '[', '[a', 'BYLEX'],
      ['ZRANGE', 'l', '(', '[a', 'BYLEX'],
      ['ZRANGE', 'l', '[\xff', '+', 'BYLEX'],
      ['ZRANGE', 'l', '+', '-', 'BYLEX'],
      ['ZRANGE', 'l', '+', '-', 'BYLEX', 'REV'],
      ['ZRANGE', 'l', '[e', '[b', 'BYLEX', 'REV'],
      ['ZRANGE', 'l', '[c', '[c', 'BYLEX'],
      ['ZRANGE', 'l', '(c', '[c', 'BYLEX'],
      ['ZRANGE', 'l', '[d', '[c', 'BYLEX'],
      ['ZRANGE', 'l', '-', '-', 'BYLEX'],
      ['ZRANGE', 'l', '+', '+', 'BYLEX'],
      ['ZRANGEBYLEX', 'l', '-', '[c'],
      ['ZRANGEBYLEX', 'l', '[b', '+', 'LIMIT', '1', '2'],
      ['ZRANGEBYLEX', 'l', '[b', '+', 'LIMIT', '1', '-1'],
      ['ZRANGEBYLEX', 'l', '[b', '+', 'LIMIT', '-1', '2'],
      ['ZRANGEBYLEX', 'l', '[b', '+', 'LIMIT', '100', '2'],
      ['ZRANGEBYLEX', 'l', '[b', '+', 'LIMIT', '0', '0'],
      ['ZREVRANGEBYLEX', 'l', '+', '-'],
      ['ZREVRANGEBYLEX', 'l', '[e', '(b', 'LIMIT', '1', '2'],
      ['ZREVRANGEBYLEX', 'l', '-', '+'],
      ['ZRANGEBYLEX', 'missing', '-', '+'],
      ['ZRANGEBYLEX', 'l', '-', '+', 'WITHSCORES'],
      ['ZRANGEBYLEX', 'l', '-', '+', 'REV'],
      ['ZRANGEBYLEX', 'l', 'a', '+'],
      ['ZRANGEBYLEX', 'l', '-', 'b'],
      ['ZRANGEBYLEX', 'l', '', '+'],
      ['ZRANGEBYLEX', 'l', '+a', '+'],
      ['ZRANGEBYLEX', 'l', '-\x00junk', '+\x00'],
      ['ZRANGEBYLEX', 'l', '[a\x00b', '+'],
      ['ZRANGEBYLEX', 'l', '-', '+', 'LIMIT', 'x', '1'],
    ]));

  it('mixed scores in a listpack: Redis scans from the ends', () =>
    d.run([
      ['ZADD', 'm', '1', 'd', '2', 'a', '3', 'c', '4', 'b', '5', 'e'],
      ['ZRANGEBYLEX', 'm', '[b', '[d'],
      ['ZRANGEBYLEX', 'm', '[a', '[c'],
      ['ZREVRANGEBYLEX', 'm', '[d', '[b'],
      ['ZREVRANGEBYLEX', 'm', '[c', '[a'],
      ['ZLEXCOUNT', 'm', '[b', '[d'],
      ['ZLEXCOUNT', 'm', '[a', '[e'],
      ['ZLEXCOUNT', 'm', '-', '[b'],
      ['ZREMRANGEBYLEX', 'm', '[b', '[c'],
      ['ZRANGE', 'm', '0', '-1', 'WITHSCORES'],
    ]));

  it('in a skiplist', () =>
    d.run([
      ...zaddMany(
        'big',
        300,
        (i) => `m${String(i).padStart(3, '0')}`,
        () => '0',
      ),
      ['OBJECT', 'ENCODING', 'big'],
      ['ZRANGEBYLEX', 'big', '[m100', '(m110'],
      ['ZREVRANGEBYLEX', 'big', '[m110', '(m100', 'LIMIT', '2', '3'],
      ['ZRANGE', 'big', '(m290', '+', 'BYLEX'],
      ['ZLEXCOUNT', 'big', '[m100', '(m200'],
      ['ZLEXCOUNT', 'big', '-', '+'],
      ['ZLEXCOUNT', 'big', '(m299', '+'],
      ['ZREMRANGEBYLEX', 'big', '(m050', '[m250'],
      ['ZCARD', 'big'],
      ['ZRANGE', 'big', '45', '55'],
    ]));
});

describe('ZRANGESTORE', () => {
  const d = useDiff();

  it('stores ranges by rank, score and lex; empty results delete the destination', async () => {
    await d.run([
      SCORES,
      LEX,
      ['ZRANGESTORE', 'dst', 'z', '0', '2'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'dst', 'z', '0', '-1', 'REV'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'dst', 'z', '(1', '3', 'BYSCORE'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'dst', 'z', '+inf', '2', 'BYSCORE', 'REV', 'LIMIT', '1', '2'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'dst', 'l', '[b', '[e', 'BYLEX', 'LIMIT', '1', '10'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'dst', 'l', '[e', '[b', 'BYLEX', 'REV'],
      ['ZRANGE', 'dst', '0', '-1'],
      ['ZRANGESTORE', 'dst', 'z', '5', '1'],
      ['EXISTS', 'dst'],
      ['ZRANGESTORE', 'dst', 'z', '0', '0'],
      ['ZRANGESTORE', 'dst', 'missing', '0', '-1'],
      ['EXISTS', 'dst'],
      ['ZRANGESTORE', 'dst', 'missing', '0', '-1'],
      ['SET', 'dst', 'string'],
      ['EXPIRE', 'dst', '100'],
      ['ZRANGESTORE', 'dst', 'z', '0', '1'],
      ['TTL', 'dst'],
      ['TYPE', 'dst'],
      ['ZRANGESTORE', 'z', 'z', '1', '2'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ]);
    await expectEncoding(d, 'dst', 'listpack');
  });

  it('errors', () =>
    d.run([
      SCORES,
      ['SET', 's', 'v'],
      ['ZRANGESTORE', 'dst', 'z', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'dst', 'z', '0', '-1', 'LIMIT', '0', '1'],
      ['ZRANGESTORE', 'dst', 'z', '[a', '[b', 'BYSCORE'],
      ['ZRANGESTORE', 'dst', 'z', '1', '2', 'BYLEX'],
      ['ZRANGESTORE', 'dst', 's', '0', '-1'],
      ['ZRANGESTORE', 's', 'z', '0', '-1'],
      ['GET', 's'],
      ['ZRANGESTORE', 'dst', 'z', '0'],
      ['ZRANGESTORE', 'dst', 'z', '0', 'x'],
    ]));

  it('picks the destination encoding as Redis does', async () => {
    await d.run([...zaddMany('big', 300), ['ZRANGESTORE', 'd1', 'big', '0', '127'], ['ZRANGESTORE', 'd2', 'big', '0', '128']]);
    await expectEncoding(d, 'd1', 'listpack');
    await expectEncoding(d, 'd2', 'skiplist');
    await d.run([
      ['ZRANGESTORE', 'd3', 'big', '0', '(128', 'BYSCORE'],
      ['ZRANGESTORE', 'd4', 'big', '0', '128', 'BYSCORE'],
    ]);
    await expectEncoding(d, 'd3', 'listpack');
    await expectEncoding(d, 'd4', 'skiplist');
    await d.run([
      ['ZADD', 'long', '1', 'x'.repeat(65), '2', 'y'],
      ['ZRANGESTORE', 'd5', 'long', '1', '1'],
      ['ZRANGESTORE', 'd6', 'long', '0', '0'],
    ]);
    await expectEncoding(d, 'd5', 'listpack');
    await expectEncoding(d, 'd6', 'skiplist');
  });
});

describe('ZCOUNT and ZLEXCOUNT', () => {
  const d = useDiff();

  it('count members in ranges', () =>
    d.run([
      SCORES,
      LEX,
      ['ZCOUNT', 'z', '-inf', '+inf'],
      ['ZCOUNT', 'z', '2', '3'],
      ['ZCOUNT', 'z', '(2', '3'],
      ['ZCOUNT', 'z', '(2', '(3'],
      ['ZCOUNT', 'z', '3', '2'],
      ['ZCOUNT', 'z', '(3', '3'],
      ['ZCOUNT', 'z', '100', '200'],
      ['ZCOUNT', 'z', 'inf', 'inf'],
      ['ZCOUNT', 'missing', '0', '1'],
      ['ZCOUNT', 'z', 'x', '1'],
      ['ZCOUNT', 'z', '1', '[2'],
      ['ZLEXCOUNT', 'l', '-', '+'],
      ['ZLEXCOUNT', 'l', '[b', '[d'],
      ['ZLEXCOUNT', 'l', '(b', '(d'],
      ['ZLEXCOUNT', 'l', '[d', '[b'],
      ['ZLEXCOUNT', 'l', '+', '-'],
      ['ZLEXCOUNT', 'missing', '-', '+'],
      ['ZLEXCOUNT', 'l', 'b', '+'],
      ['ZLEXCOUNT', 'l', '-', '++'],
      ['SET', 's', 'v'],
      ['ZCOUNT', 's', '0', '1'],
      ['ZCOUNT', 's', 'x', '1'],
      ['ZLEXCOUNT', 's', '-', '+'],
      ['ZLEXCOUNT', 's', 'x', '+'],
      ['ZCOUNT', 'z', '0'],
      ['ZLEXCOUNT', 'l', '-', '+', 'x'],
    ]));

  it('in a skiplist', () =>
    d.run([
      ...zaddMany(
        'big',
        1000,
        (i) => `m${i}`,
        (i) => String(i % 100),
      ),
      ['ZCOUNT', 'big', '10', '20'],
      ['ZCOUNT', 'big', '(10', '(20'],
      ['ZCOUNT', 'big', '-inf', '(0'],
      ['ZCOUNT', 'big', '99', 'inf'],
      ['ZCOUNT', 'big', '(99', 'inf'],
    ]));
});

describe('ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX', () => {
  const d = useDiff();

  it('remove ranges and delete emptied keys', () =>
    d.run([
      SCORES,
      ['ZREMRANGEBYRANK', 'z', '0', '1'],
      ['ZRANGE', 'z', '0', '-1'],
      ['ZREMRANGEBYRANK', 'z', '-2', '-1'],
      ['ZRANGE', 'z', '0', '-1'],
      ['ZREMRANGEBYRANK', 'z', '5', '10'],
      ['ZREMRANGEBYRANK', 'z', '2', '1'],
      ['ZREMRANGEBYRANK', 'z', '-100', '0'],
      ['ZRANGE', 'z', '0', '-1'],
      ['ZREMRANGEBYRANK', 'z', '0', '-1'],
      ['EXISTS', 'z'],
      ['ZREMRANGEBYRANK', 'missing', '0', '-1'],
      ['ZREMRANGEBYRANK', 'z', 'x', '1'],
      ['ZREMRANGEBYRANK', 'z', '0', '1.5'],
      SCORES,
      ['ZREMRANGEBYSCORE', 'z', '2', '3'],
      ['ZREMRANGEBYSCORE', 'z', '(4.5', 'inf'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZREMRANGEBYSCORE', 'z', '3', '2'],
      ['ZREMRANGEBYSCORE', 'z', '(-inf', '(4.5'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZREMRANGEBYSCORE', 'z', '-inf', 'inf'],
      ['EXISTS', 'z'],
      ['ZREMRANGEBYSCORE', 'missing', '0', '1'],
      ['ZREMRANGEBYSCORE', 'z', 'x', '1'],
      LEX,
      ['ZREMRANGEBYLEX', 'l', '[b', '(d'],
      ['ZRANGE', 'l', '0', '-1'],
      ['ZREMRANGEBYLEX', 'l', '(e', '+'],
      ['ZRANGE', 'l', '0', '-1'],
      ['ZREMRANGEBYLEX', 'l', '+', '-'],
      ['ZREMRANGEBYLEX', 'l', '-', '+'],
      ['EXISTS', 'l'],
      ['ZREMRANGEBYLEX', 'missing', '-', '+'],
      ['ZREMRANGEBYLEX', 'l', 'x', '+'],
      ['SET', 's', 'v'],
      ['ZREMRANGEBYRANK', 's', '0', '1'],
      ['ZREMRANGEBYRANK', 's', 'x', '1'],
      ['ZREMRANGEBYSCORE', 's', '0', '1'],
      ['ZREMRANGEBYLEX', 's', '-', '+'],
      ['ZREMRANGEBYLEX', 'z', '-', '+', 'x'],
    ]));

  it('in a skiplist', () =>
    d.run([
      ...zaddMany('big', 1000),
      ['ZREMRANGEBYRANK', 'big', '100', '199'],
      ['ZREMRANGEBYRANK', 'big', '-10', '-1'],
      ['ZREMRANGEBYSCORE', 'big', '(500', '700'],
      ['ZREMRANGEBYRANK', 'big', '0', '400'],
      ['ZCARD', 'big'],
      ['ZRANGE', 'big', '0', '5', 'WITHSCORES'],
      ['ZREMRANGEBYSCORE', 'big', '-inf', '800'],
      ['ZRANGE', 'big', '0', '-1'],
      ['OBJECT', 'ENCODING', 'big'],
    ]));
});

describe('ranges in skiplists and under RESP3', () => {
  const d = useDiff();

  it('large ranges forwards and backwards', () =>
    d.run([
      ...zaddMany(
        'big',
        1000,
        (i) => `m${i}`,
        (i) => String((i * 7919) % 1000),
      ),
      ['ZRANGE', 'big', '100', '120', 'WITHSCORES'],
      ['ZRANGE', 'big', '-20', '-1', 'REV'],
      ['ZRANGE', 'big', '(100', '200', 'BYSCORE', 'LIMIT', '5', '10', 'WITHSCORES'],
      ['ZRANGE', 'big', '200', '(100', 'BYSCORE', 'REV', 'LIMIT', '5', '10'],
      ['ZRANGEBYSCORE', 'big', '990', 'inf', 'WITHSCORES'],
      ['ZREVRANGEBYSCORE', 'big', '5', '-inf', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'big', '-inf', 'inf', 'LIMIT', '995', '10'],
      ['ZRANGE', 'big', '0', '-1'],
    ]));

  it('WITHSCORES nests pairs in RESP3, plain ranges stay flat', async () => {
    await resp3(d);
    await d.run([
      SCORES,
      LEX,
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZRANGE', 'z', '0', '-1'],
      ['ZRANGE', 'z', '5', '1', 'WITHSCORES'],
      ['ZREVRANGE', 'z', '0', '2', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'WITHSCORES', 'LIMIT', '1', '3'],
      ['ZREVRANGEBYSCORE', 'z', 'inf', '-inf', 'WITHSCORES'],
      ['ZRANGE', 'z', '100', '200', 'BYSCORE', 'WITHSCORES'],
      ['ZRANGEBYLEX', 'l', '-', '+'],
      ['ZRANGESTORE', 'dst', 'z', '0', '2'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZRANGE', 'missing', '0', '-1', 'WITHSCORES'],
    ]);
  });
});

describe('ranges at the listpack thresholds', () => {
  const d = useDiff();

  it('skiplists kept -0 scores', () =>
    withThresholds(d, 0, 64, () =>
      d.run([
        ['ZADD', 'z', '-0', 'a', '0', 'b', '-0.0', 'c'],
        ['OBJECT', 'ENCODING', 'z'],
        ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
        ['ZSCORE', 'z', 'a'],
        ['ZRANGESTORE', 'd', 'z', '0', '-1'],
        ['OBJECT', 'ENCODING', 'd'],
        ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
        ['ZRANGESTORE', 'd', 'z', '-0', '0', 'BYSCORE'],
        ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ]),
    ));

  it('ZRANGESTORE into a listpack turns -0 into 0', async () => {
    await withThresholds(d, 0, 64, () => d.run([['ZADD', 'z', '-0', 'a', '1', 'b']]));
    await d.run([
      ['ZRANGESTORE', 'd', 'z', '0', '-1'],
      ['OBJECT', 'ENCODING', 'd'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd', 'z', '-inf', 'inf', 'BYSCORE'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ]);
  });
});
