// SORTED SET group, part 4: ZPOPMIN, ZPOPMAX, ZMPOP (counts, reply nesting in RESP2 and RESP3,
// errors) and the encodings a zset goes through (listpack ↔ skiplist at the thresholds).
import { describe, it } from 'vitest';
import { useDiff, type Step } from './harness.js';
import { expectEncoding, resp3, withThresholds, zaddMany } from './zsets-support.js';

const Z: Step = ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '-inf', 'lo', 'inf', 'hi'];

describe('ZPOPMIN and ZPOPMAX', () => {
  const d = useDiff();

  it('pop one or count members', () =>
    d.run([
      Z,
      ['ZPOPMIN', 'z'],
      ['ZPOPMAX', 'z'],
      ['ZPOPMIN', 'z', '2'],
      ['ZPOPMAX', 'z', '1'],
      ['ZPOPMIN', 'z', '0'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZPOPMAX', 'z', '10'],
      ['EXISTS', 'z'],
      ['ZPOPMIN', 'z'],
      ['ZPOPMIN', 'z', '3'],
      ['ZPOPMAX', 'missing', '0'],
      Z,
      ['ZPOPMIN', 'z', '9223372036854775807'],
      ['EXISTS', 'z'],
    ]));

  it('errors', () =>
    d.run([
      Z,
      ['SET', 's', 'v'],
      ['ZPOPMIN', 'z', '-1'],
      ['ZPOPMIN', 'z', 'x'],
      ['ZPOPMIN', 'z', '1.5'],
      ['ZPOPMIN', 'z', ''],
      ['ZPOPMAX', 'z', '1', '2'],
      ['ZPOPMAX', 'z', 'x', '2'],
      ['ZPOPMIN', 's'],
      ['ZPOPMIN', 's', '0'],
      ['ZPOPMIN', 's', 'x'],
      ['ZPOPMIN', 'missing', 'x'],
      ['ZPOPMAX'],
      ['ZCARD', 'z'],
    ]));

  it('RESP3: nested pairs only with a count', async () => {
    await resp3(d);
    await d.run([
      Z,
      ['ZPOPMIN', 'z'],
      ['ZPOPMAX', 'z'],
      ['ZPOPMIN', 'z', '1'],
      ['ZPOPMAX', 'z', '2'],
      ['ZPOPMIN', 'z', '0'],
      ['ZPOPMIN', 'missing'],
      ['ZPOPMIN', 'missing', '2'],
      ['ZPOPMAX', 'z', '5'],
    ]);
  });

  it('in a skiplist', () =>
    d.run([
      ...zaddMany(
        'big',
        300,
        (i) => `m${i}`,
        (i) => String(i % 10),
      ),
      ['ZPOPMIN', 'big', '5'],
      ['ZPOPMAX', 'big', '5'],
      ['ZPOPMIN', 'big'],
      ['ZCARD', 'big'],
      ['OBJECT', 'ENCODING', 'big'],
    ]));
});

describe('ZMPOP', () => {
  const d = useDiff();

  it('pops from the first non-empty key', () =>
    d.run([
      ['ZADD', 'z1', '1', 'a', '2', 'b', '3', 'c'],
      ['ZADD', 'z2', '10', 'x', '20', 'y'],
      ['ZMPOP', '2', 'missing', 'z1', 'MIN'],
      ['ZMPOP', '2', 'z1', 'z2', 'MAX', 'COUNT', '10'],
      ['ZMPOP', '3', 'z1', 'missing', 'z2', 'min', 'count', '1'],
      ['ZMPOP', '1', 'z2', 'MAX', 'COUNT', '5'],
      ['ZMPOP', '2', 'z1', 'z2', 'MIN'],
      ['EXISTS', 'z1', 'z2'],
      ['ZMPOP', '1', 'z1', 'MIN', 'COUNT', '9223372036854775807'],
    ]));

  it('errors in Redis order', () =>
    d.run([
      ['ZADD', 'z', '1', 'a'],
      ['SET', 's', 'v'],
      ['ZMPOP', '0', 'z', 'MIN'],
      ['ZMPOP', '-1', 'z', 'MIN'],
      ['ZMPOP', 'x', 'z', 'MIN'],
      ['ZMPOP', '2', 'z', 'MIN'],
      ['ZMPOP', '5', 'z', 'MIN'],
      ['ZMPOP', '1', 'z', 'MID'],
      ['ZMPOP', '1', 'z', 'MIN', 'COUNT'],
      ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '0'],
      ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '-1'],
      ['ZMPOP', '1', 'z', 'MIN', 'COUNT', 'x'],
      ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '1', 'COUNT', '1'],
      ['ZMPOP', '1', 'z', 'MIN', 'BAD'],
      ['ZMPOP', '2', 's', 'z', 'MIN'],
      ['ZMPOP', '2', 'missing', 's', 'MIN'],
      ['ZMPOP', '2', 'z', 's', 'MIN'],
      ['ZMPOP', '1', 'z'],
      ['ZMPOP', '1'],
      ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '0', 'BAD'],
      ['ZMPOP', '1', 'z', 'MIN', 'BAD', 'COUNT', '0'],
      ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '1', 'COUNT', '0'],
      ['ZMPOP', '1', 'z', 'MI'],
      ['ZMPOP', '1', 'z', 'MINX'],
      ['ZMPOP', '1', 'z', 'Max\0x', 'count\0', '1'],
      ['ZADD', 'z', '1', 'a', '2', 'b'],
      ['ZMPOP', '1', 'z', 'mIn\0', 'COUNT\0COUNT', '1'],
      ['BZMPOP', '0', '1', 'z', 'max\0', 'Count\0x', '5'],
      ['BZMPOP', '0', '1', 'z', 'MID', 'COUNT', '0'],
      ['BZMPOP', 'x', '1', 'z', 'MID'],
    ]));

  it('RESP3', async () => {
    await resp3(d);
    await d.run([
      ['ZADD', 'z', '1.5', 'a', '2', 'b'],
      ['ZMPOP', '1', 'z', 'MIN'],
      ['ZMPOP', '1', 'z', 'MAX', 'COUNT', '3'],
      ['ZMPOP', '1', 'z', 'MAX'],
    ]);
  });
});

describe('encodings', () => {
  const d = useDiff();

  it('listpack up to 128 members of up to 64 bytes, then skiplist for good', async () => {
    await d.run(zaddMany('z', 128));
    await expectEncoding(d, 'z', 'listpack');
    await d.run([['ZADD', 'z', '1', 'one more']]);
    await expectEncoding(d, 'z', 'skiplist');
    await d.run([['ZREMRANGEBYRANK', 'z', '0', '-3']]);
    await expectEncoding(d, 'z', 'skiplist');
    await d.run([['ZADD', 'v', '1', 'x'.repeat(64)]]);
    await expectEncoding(d, 'v', 'listpack');
    await d.run([['ZADD', 'v', '1', 'y'.repeat(65)]]);
    await expectEncoding(d, 'v', 'skiplist');
    await d.run([['ZADD', 'w', '1', 'y'.repeat(65), '2', 'b']]);
    await expectEncoding(d, 'w', 'skiplist');
    await d.run([['ZADD', 'u', '2', 'b', '1', 'y'.repeat(65)]]);
    await expectEncoding(d, 'u', 'skiplist');
    await d.run([
      ['ZINCRBY', 't', '1', '\xec\x95\x88'.repeat(21)],
      ['ZINCRBY', 't', '1', '\xec\x95\x88'.repeat(22)],
    ]);
    await expectEncoding(d, 't', 'skiplist');
    await d.run([
      ['ZADD', 'x', 'XX', '1', 'y'.repeat(65)],
      ['EXISTS', 'x'],
      ['ZADD', 'x', '1', 'a'],
      ['ZADD', 'x', 'XX', '1', 'y'.repeat(65)],
    ]);
    await expectEncoding(d, 'x', 'listpack');
    await d.run([['ZADD', 'x', 'NX', '1', 'a', '2', 'y'.repeat(65)]]);
    await expectEncoding(d, 'x', 'skiplist');
  });

  it('the thresholds can be changed at run time', () =>
    withThresholds(d, 2, 3, async () => {
      await d.run([['ZADD', 'a', '1', 'x', '2', 'y']]);
      await expectEncoding(d, 'a', 'listpack');
      await d.run([['ZADD', 'a', '3', 'z']]);
      await expectEncoding(d, 'a', 'skiplist');
      await d.run([['ZADD', 'b', '1', 'abc']]);
      await expectEncoding(d, 'b', 'listpack');
      await d.run([['ZADD', 'b', '1', 'abcd']]);
      await expectEncoding(d, 'b', 'skiplist');
      await d.run([['ZADD', 'c', '1', 'abcd']]);
      await expectEncoding(d, 'c', 'skiplist');
      await d.run([
        ['ZADD', 'd', '1', 'a'],
        ['ZUNIONSTORE', 'e', '1', 'a'],
        ['ZUNIONSTORE', 'f', '1', 'd'],
        ['ZRANGESTORE', 'g', 'a', '0', '1'],
      ]);
      await expectEncoding(d, 'e', 'skiplist');
      await expectEncoding(d, 'f', 'listpack');
      await expectEncoding(d, 'g', 'listpack');
    }));

  it('-0 survives only what was inserted after the conversion to skiplist', () =>
    withThresholds(d, 2, 64, async () => {
      await d.run([
        ['ZADD', 'k', '-0', 'a', '-0', 'b', '-0', 'c', '-0', 'd'],
        ['OBJECT', 'ENCODING', 'k'],
        ['ZRANGE', 'k', '0', '-1', 'WITHSCORES'],
        ['ZRANGESTORE', 'r1', 'k', '0', '-1'],
        ['ZRANGE', 'r1', '0', '-1', 'WITHSCORES'],
        ['ZRANGESTORE', 'r2', 'k', '-inf', 'inf', 'BYSCORE'],
        ['ZRANGE', 'r2', '0', '-1', 'WITHSCORES'],
        ['ZRANGESTORE', 'r3', 'k', '[a', '+', 'BYLEX'],
        ['ZRANGE', 'r3', '0', '-1', 'WITHSCORES'],
        ['ZRANGESTORE', 'r4', 'k', '2', '3'],
        ['OBJECT', 'ENCODING', 'r4'],
        ['ZRANGE', 'r4', '0', '-1', 'WITHSCORES'],
        ['ZUNIONSTORE', 'u', '1', 'r4'],
        ['OBJECT', 'ENCODING', 'u'],
        ['ZRANGE', 'u', '0', '-1', 'WITHSCORES'],
        ['ZUNION', '1', 'r4', 'WITHSCORES'],
        ['ZINTERSTORE', 'i', '2', 'k', 'k', 'WEIGHTS', '1', '0'],
        ['ZRANGE', 'i', '0', '-1', 'WITHSCORES'],
        ['ZADD', 'k', 'INCR', '-0', 'e'],
        ['ZPOPMAX', 'k', '2'],
        ['ZMSCORE', 'k', 'a', 'c', 'd'],
      ]);
    }));

  it('zset-max-listpack-entries 0 makes every zset a skiplist', () =>
    withThresholds(d, 0, 64, async () => {
      await d.run([
        ['ZADD', 'a', '1', 'x'],
        ['ZINCRBY', 'b', '1', 'x'],
        ['ZADD', 'c', '1', 'x'],
        ['ZRANGESTORE', 'd', 'c', '0', '-1'],
        ['ZUNIONSTORE', 'e', '1', 'c'],
      ]);
      for (const k of ['a', 'b', 'c', 'd', 'e']) await expectEncoding(d, k, 'skiplist');
    }));

  it('a copied zset keeps its encoding', async () => {
    await d.run([['ZADD', 'a', '1', 'x'], ...zaddMany('b', 200), ['COPY', 'a', 'a2'], ['COPY', 'b', 'b2'], ['ZRANGE', 'b2', '0', '3', 'WITHSCORES']]);
    await expectEncoding(d, 'a2', 'listpack');
    await expectEncoding(d, 'b2', 'skiplist');
  });
});
