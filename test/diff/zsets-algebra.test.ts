// SORTED SET group, part 3: ZUNION, ZINTER, ZDIFF, ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE and
// ZINTERCARD: WEIGHTS, AGGREGATE, plain sets as inputs, the NaN rules, numkeys errors, the
// destination's encoding, RESP3.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useDiff, type Step } from './harness.js';
import { expectEncoding, resp3, withThresholds, zaddMany } from './zsets-support.js';
import { optionArgs, optionWord } from './option-words.js';

const INPUTS: Step[] = [
  ['ZADD', 'a', '1', 'x', '2', 'y', '3', 'z'],
  ['ZADD', 'b', '10', 'y', '20', 'z', '30', 'w'],
  ['ZADD', 'c', '100', 'z', '-5', 'v'],
  ['SADD', 's', 'x', 'z', 'q'],
  ['SADD', 'ints', '1', '2', '3'],
];

describe('ZUNION and ZUNIONSTORE', () => {
  const d = useDiff();

  it('sum by default, WEIGHTS, AGGREGATE MIN|MAX, WITHSCORES', () =>
    d.run([
      ...INPUTS,
      ['ZUNION', '2', 'a', 'b'],
      ['ZUNION', '2', 'a', 'b', 'WITHSCORES'],
      ['ZUNION', '3', 'a', 'b', 'c', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '2', '0.5', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 'b', 'AGGREGATE', 'MIN', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 'b', 'AGGREGATE', 'max', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 'b', 'aggregate', 'sum', 'weights', '-1', '-1', 'withscores'],
      ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', '1', 'WEIGHTS', '3', '4', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 'b', 'AGGREGATE', 'MIN', 'AGGREGATE', 'MAX', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 'b', 'WITHSCORES', 'WITHSCORES'],
      ['ZUNION', '1', 'a', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 'missing', 'WITHSCORES'],
      ['ZUNION', '2', 'missing', 'missing2'],
      ['ZUNION', '2', 'a', 'a', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 's', 'WITHSCORES'],
      ['ZUNION', '2', 's', 'ints', 'WITHSCORES'],
      ['ZUNION', '2', 's', 'ints', 'WEIGHTS', '2', '3', 'WITHSCORES'],
      ['ZUNIONSTORE', 'dst', '3', 'a', 'b', 'c'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZUNIONSTORE', 'dst', '2', 'a', 's', 'WEIGHTS', '1', '5', 'AGGREGATE', 'MAX'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZUNIONSTORE', 'dst', '2', 'missing', 'missing2'],
      ['EXISTS', 'dst'],
      ['ZUNIONSTORE', 'a', '2', 'a', 'b'],
      ['ZRANGE', 'a', '0', '-1', 'WITHSCORES'],
    ]));

  it('infinities and NaN: inf × 0 counts as 0, inf + -inf is 0', () =>
    d.run([
      ['ZADD', 'p', 'inf', 'x', '-inf', 'y', '1', 'z', '0', 'w'],
      ['ZADD', 'n', '-inf', 'x', 'inf', 'y', '-1', 'z', '5', 'w'],
      ['ZUNION', '2', 'p', 'n', 'WITHSCORES'],
      ['ZUNION', '2', 'p', 'n', 'WEIGHTS', '0', '1', 'WITHSCORES'],
      ['ZUNION', '2', 'p', 'n', 'WEIGHTS', '0', '0', 'WITHSCORES'],
      ['ZUNION', '1', 'p', 'WEIGHTS', 'inf', 'WITHSCORES'],
      ['ZUNION', '1', 'p', 'WEIGHTS', '-inf', 'WITHSCORES'],
      ['ZUNION', '2', 'p', 'n', 'AGGREGATE', 'MIN', 'WITHSCORES'],
      ['ZUNION', '2', 'p', 'n', 'AGGREGATE', 'MAX', 'WEIGHTS', '0', '1', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'n', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'n', 'WEIGHTS', '1', '0', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'n', 'WEIGHTS', '0', '1', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'n', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MIN', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'n', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MAX', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'n', 'WEIGHTS', '0', '1', 'AGGREGATE', 'MAX', 'WITHSCORES'],
      ['ZADD', 'p3', 'inf', 'x', '2', 'z', '1', 'extra'],
      ['ZINTER', '3', 'p', 'n', 'p3', 'WEIGHTS', '1', '1', '0', 'WITHSCORES'],
      ['ZINTER', '3', 'p3', 'p', 'n', 'WEIGHTS', '0', '1', '1', 'AGGREGATE', 'MIN', 'WITHSCORES'],
      ['ZUNIONSTORE', 'dst', '2', 'p', 'n'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ]));

  it('floating-point sums in Redis order (smallest input first)', () =>
    d.run([
      ['ZADD', 'f1', '0.1', 'm', '1e16', 'k'],
      ['ZADD', 'f2', '0.2', 'm', '1', 'k', '3', 'other'],
      ['ZADD', 'f3', '0.3', 'm', '1', 'k', '3', 'o2', '4', 'o3'],
      ['ZUNION', '3', 'f3', 'f2', 'f1', 'WITHSCORES'],
      ['ZUNION', '3', 'f1', 'f2', 'f3', 'WITHSCORES'],
      ['ZINTER', '3', 'f3', 'f2', 'f1', 'WITHSCORES'],
      ['ZINTER', '3', 'f1', 'f3', 'f2', 'WEIGHTS', '3', '7', '11', 'WITHSCORES'],
      ['ZADD', 'g1', '1e16', 'k', '0', 'pad'],
      ['ZADD', 'g2', '1', 'k', '0', 'pad2'],
      ['ZADD', 'g3', '1', 'k', '0', 'pad3'],
      ['ZUNION', '3', 'g1', 'g2', 'g3', 'WITHSCORES'],
      ['ZUNION', '3', 'g2', 'g3', 'g1', 'WITHSCORES'],
    ]));

  it('-0 results: kept by the reply, turned into 0 by a listpack destination', async () => {
    await d.run([
      ['ZADD', 'a', '0', 'x', '1', 'y'],
      ['ZUNION', '1', 'a', 'WEIGHTS', '-1', 'WITHSCORES'],
      ['ZUNIONSTORE', 'dst', '1', 'a', 'WEIGHTS', '-1'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ]);
    await withThresholds(d, 1, 64, () =>
      d.run([
        ['ZUNIONSTORE', 'dst', '1', 'a', 'WEIGHTS', '-1'],
        ['OBJECT', 'ENCODING', 'dst'],
        ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ]),
    );
  });
});

describe('ZINTER, ZINTERSTORE and ZINTERCARD', () => {
  const d = useDiff();

  it('intersect with weights and aggregates', () =>
    d.run([
      ...INPUTS,
      ['ZINTER', '2', 'a', 'b'],
      ['ZINTER', '2', 'a', 'b', 'WITHSCORES'],
      ['ZINTER', '3', 'a', 'b', 'c', 'WITHSCORES'],
      ['ZINTER', '2', 'a', 'b', 'WEIGHTS', '2', '3', 'AGGREGATE', 'MAX', 'WITHSCORES'],
      ['ZINTER', '2', 'a', 'b', 'AGGREGATE', 'MIN', 'WITHSCORES'],
      ['ZINTER', '2', 'a', 's', 'WITHSCORES'],
      ['ZINTER', '2', 's', 'a', 'WEIGHTS', '10', '1', 'WITHSCORES'],
      ['ZINTER', '2', 'a', 'missing'],
      ['ZINTER', '2', 'a', 'a', 'WEIGHTS', '1', '2', 'WITHSCORES'],
      ['ZINTER', '1', 's', 'WITHSCORES'],
      ['ZINTER', '2', 's', 'ints'],
      ['ZINTERSTORE', 'dst', '2', 'a', 'b'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZINTERSTORE', 'dst', '2', 'a', 's', 'WEIGHTS', '1', '0.5'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZINTERSTORE', 'dst', '2', 'a', 'missing'],
      ['EXISTS', 'dst'],
      ['ZINTERCARD', '2', 'a', 'b'],
      ['ZINTERCARD', '3', 'a', 'b', 'c'],
      ['ZINTERCARD', '2', 'a', 's'],
      ['ZINTERCARD', '2', 'a', 'missing'],
      ['ZINTERCARD', '1', 'a', 'LIMIT', '0'],
      ['ZINTERCARD', '1', 'a', 'LIMIT', '2'],
      ['ZINTERCARD', '1', 'a', 'LIMIT', '5'],
      ['ZINTERCARD', '1', 'a', 'LIMIT', '2', 'LIMIT', '1'],
      ['ZINTERCARD', '1', 'a', 'LIMIT', '-1'],
      ['ZINTERCARD', '1', 'a', 'LIMIT', 'x'],
      ['ZINTERCARD', '1', 'a', 'LIMIT'],
      ['ZINTERCARD', '1', 'a', 'WITHSCORES'],
      ['ZINTERCARD', '1', 'a', 'WEIGHTS', '1'],
      ['ZINTERCARD', '1', 'a', 'AGGREGATE', 'MIN'],
      ['ZINTERCARD', '0', 'a'],
      ['ZINTERCARD', '2', 'a'],
      ['ZINTERCARD', 'x', 'a'],
    ]));
});

describe('ZDIFF and ZDIFFSTORE', () => {
  const d = useDiff();

  it('the first input minus the others', () =>
    d.run([
      ...INPUTS,
      ['ZDIFF', '2', 'a', 'b'],
      ['ZDIFF', '2', 'a', 'b', 'WITHSCORES'],
      ['ZDIFF', '3', 'b', 'a', 'c', 'WITHSCORES'],
      ['ZDIFF', '1', 'a', 'WITHSCORES'],
      ['ZDIFF', '2', 'a', 'a'],
      ['ZDIFF', '2', 'a', 's', 'WITHSCORES'],
      ['ZDIFF', '2', 's', 'a', 'WITHSCORES'],
      ['ZDIFF', '2', 'ints', 'a', 'WITHSCORES'],
      ['ZDIFF', '2', 'missing', 'a'],
      ['ZDIFF', '2', 'a', 'missing', 'WITHSCORES'],
      ['ZDIFF', '2', 'a', 'b', 'WEIGHTS', '1', '2'],
      ['ZDIFF', '2', 'a', 'b', 'AGGREGATE', 'MIN'],
      ['ZDIFFSTORE', 'dst', '2', 'a', 'b'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZDIFFSTORE', 'dst', '2', 's', 'b'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZDIFFSTORE', 'dst', '2', 'a', 'a'],
      ['EXISTS', 'dst'],
      ['ZDIFFSTORE', 'dst', '1', 'a', 'WITHSCORES'],
      ['ZDIFFSTORE', 'dst', '1', 'a', 'WEIGHTS', '1'],
    ]));

  it('larger inputs', () =>
    d.run([
      ...zaddMany('big', 500),
      ...zaddMany('odd', 250, (i) => `m${2 * i + 1}`),
      ['ZDIFF', '2', 'big', 'odd', 'WITHSCORES'],
      ['ZDIFFSTORE', 'dst', '2', 'big', 'odd'],
      ['OBJECT', 'ENCODING', 'dst'],
      ['ZCARD', 'dst'],
      ['ZDIFF', '2', 'odd', 'big'],
      ['ZINTERSTORE', 'dst2', '2', 'big', 'odd', 'WEIGHTS', '1', '2'],
      ['OBJECT', 'ENCODING', 'dst2'],
      ['ZRANGE', 'dst2', '0', '9', 'WITHSCORES'],
      ['ZINTERCARD', '2', 'big', 'odd', 'LIMIT', '100'],
      ['ZUNIONSTORE', 'dst3', '2', 'big', 'odd', 'AGGREGATE', 'MAX'],
      ['ZRANGE', 'dst3', '-5', '-1', 'WITHSCORES'],
    ]));
});

describe('numkeys, options and types', () => {
  const d = useDiff();

  it('errors in Redis order', () =>
    d.run([
      ...INPUTS,
      ['SET', 'str', 'v'],
      ['ZUNION', '0', 'a'],
      ['ZINTER', '0', 'a'],
      ['ZDIFF', '0', 'a'],
      ['ZUNIONSTORE', 'dst', '0', 'a'],
      ['ZINTERSTORE', 'dst', '0', 'a'],
      ['ZDIFFSTORE', 'dst', '0', 'a'],
      ['ZUNION', '-1', 'a'],
      ['ZUNION', 'x', 'a'],
      ['ZUNION', '3', 'a', 'b'],
      ['ZUNION', '9223372036854775807', 'a'],
      ['ZUNIONSTORE', 'dst', '2', 'a'],
      ['ZUNION', '2', 'a', 'str'],
      ['ZUNION', '2', 'a', 'str', 'BAD'],
      ['ZUNION', '2', 'str', 'a', 'WEIGHTS', 'x', '1'],
      ['ZINTER', '2', 'missing', 'str'],
      ['ZUNIONSTORE', 'dst', '2', 'a', 'str'],
      ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '1'],
      ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', 'x'],
      ['ZUNION', '2', 'a', 'b', 'WEIGHTS', 'nan', '1'],
      ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '', '1'],
      ['ZUNION', '2', 'a', 'b', 'AGGREGATE'],
      ['ZUNION', '2', 'a', 'b', 'AGGREGATE', 'AVG'],
      ['ZUNION', '2', 'a', 'b', 'BAD'],
      ['ZUNIONSTORE', 'dst', '2', 'a', 'b', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 'b', 'LIMIT', '1'],
      ['ZINTERCARD', '2', 'a', 'str'],
      ['ZUNIONSTORE', 'str', '2', 'a', 'b'],
      ['TYPE', 'str'],
      ['ZUNION', '1'],
      ['ZUNIONSTORE', 'dst', '1'],
      ['ZINTERCARD', '1'],
    ]));

  it('store replaces the destination, TTL included', () =>
    d.run([
      ...INPUTS,
      ['SET', 'dst', 'v', 'EX', '100'],
      ['ZUNIONSTORE', 'dst', '1', 'a'],
      ['TTL', 'dst'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['EXPIRE', 'dst', '100'],
      ['ZINTERSTORE', 'dst', '1', 'missing'],
      ['EXISTS', 'dst'],
    ]));

  it('destination encoding follows the listpack thresholds', async () => {
    await d.run([...zaddMany('big', 200), ['ZUNIONSTORE', 'u', '1', 'big'], ['ZINTERSTORE', 'i', '1', 'big'], ['ZDIFFSTORE', 'df', '1', 'big']]);
    await expectEncoding(d, 'u', 'skiplist');
    await expectEncoding(d, 'i', 'skiplist');
    await expectEncoding(d, 'df', 'skiplist');
    await d.run([
      ['ZREMRANGEBYRANK', 'big', '128', '-1'],
      ['ZUNIONSTORE', 'u', '1', 'big'],
      ['ZDIFFSTORE', 'df', '1', 'big'],
    ]);
    await expectEncoding(d, 'big', 'skiplist');
    await expectEncoding(d, 'u', 'listpack');
    await expectEncoding(d, 'df', 'listpack');
    await d.run([
      ['ZADD', 'long', '1', 'y'.repeat(64), '2', 'z'.repeat(65)],
      ['ZUNIONSTORE', 'u', '1', 'long'],
      ['ZINTERSTORE', 'i', '2', 'long', 'long'],
      ['ZREM', 'long', 'z'.repeat(65)],
      ['ZDIFFSTORE', 'df', '1', 'long'],
    ]);
    await expectEncoding(d, 'u', 'skiplist');
    await expectEncoding(d, 'i', 'skiplist');
    await expectEncoding(d, 'df', 'listpack');
  });

  it('RESP3: WITHSCORES pairs are nested', async () => {
    await resp3(d);
    await d.run([
      ...INPUTS,
      ['ZUNION', '2', 'a', 'b', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 'b'],
      ['ZINTER', '2', 'a', 's', 'WITHSCORES'],
      ['ZDIFF', '2', 'a', 'b', 'WITHSCORES'],
      ['ZDIFF', '2', 'missing', 'b', 'WITHSCORES'],
      ['ZINTERCARD', '2', 'a', 'b'],
      ['ZUNIONSTORE', 'dst', '2', 'a', 'b'],
    ]);
  });
});

describe('option words and the order of errors', () => {
  const d = useDiff();

  it('option words are C strings; the first bad option answers', () =>
    d.run([
      ...INPUTS,
      ['ZUNION', '2', 'a', 'b', 'weights\0x', '2', '3', 'Aggregate\0', 'max\0x', 'WITHSCORES\0'],
      ['ZINTER', '2', 'a', 'b', 'AGGREGATE', 'Min\0', 'withscores'],
      ['ZINTER', '2', 'a', 'b', 'AGGREGATE', 'mi'],
      ['ZINTERSTORE', 'dst', '2', 'a', 'b', 'weights', '1', '2', 'aggregate', 'sum\0sum'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZINTERCARD', '2', 'a', 'b', 'limit\0', '1'],
      ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', '0'],
      ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', '-1'],
      ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', 'x'],
      ['ZINTERCARD', '2', 'a', 'b', 'LIMIT'],
      ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', '1', 'LIMIT', '-1'],
      ['ZINTERCARD', '2', 'a', 'b', 'WITHSCORES'],
      ['ZINTERCARD', '2', 'a', 'b', 'WEIGHTS', '1', '1'],
      ['ZINTERCARD', '2', 'a', 'b', 'AGGREGATE', 'MIN'],
      ['ZDIFF', '2', 'a', 'b', 'WEIGHTS', '1', '1'],
      ['ZDIFF', '2', 'a', 'b', 'AGGREGATE', 'MIN'],
      ['ZDIFF', '2', 'a', 'b', 'withscores\0'],
      ['ZDIFFSTORE', 'dst', '2', 'a', 'b', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 'b', 'LIMIT', '1'],
      ['ZUNION', '2', 'a', 'b', 'WEIGHTS', 'x', '1', 'AGGREGATE', 'AVG'],
      ['ZUNION', '2', 'a', 'b', 'AGGREGATE', 'AVG', 'WEIGHTS', 'x', '1'],
      ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', 'x', 'BAD'],
      ['ZUNION', '2', 'a', 'b', 'BAD', 'WEIGHTS', 'x', '1'],
      ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', 'AGGREGATE', 'MIN'],
      ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', '2', 'WEIGHTS', '3', 'x'],
      ['ZUNION', '1', 'a', 'WEIGHTS', 'inf', 'AGGREGATE', 'max', 'AGGREGATE', 'sum', 'withscores', 'withscores'],
    ]));

  it('property: random option words, values and orders', async () => {
    const w = fc.constantFrom('1', '2', '-1', '0', 'inf', 'x', '1e3');
    const shapes = [
      { word: 'weights', values: [w, w] },
      { word: 'weights', values: [w] },
      { word: 'aggregate', values: [fc.oneof(optionWord('sum'), optionWord('min'), optionWord('max'), fc.constant('avg'))] },
      { word: 'withscores' },
      { word: 'limit', values: [fc.constantFrom('0', '1', '2', '-1', 'x')] },
    ];
    const opts = optionArgs(shapes, fc.constantFrom('x', '1', ''), 4);
    const keys = fc.constantFrom(['2', 'a', 'b'], ['2', 'a', 's'], ['1', 'c'], ['2', 'nokey', 'a'], ['2', 'a', 'str']);
    const command = fc.oneof(
      fc.tuple(fc.constantFrom('ZUNION', 'ZINTER', 'ZDIFF', 'ZINTERCARD'), keys, opts).map(([cmd, k, o]) => [cmd, ...k, ...o]),
      fc.tuple(fc.constantFrom('ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE'), keys, opts).map(([cmd, k, o]) => [cmd, 'dst', ...k, ...o]),
    );
    await fc.assert(
      fc.asyncProperty(command, async (argv) => {
        await d.run([['FLUSHALL'], ...INPUTS, ['SET', 'str', 'v'], argv, ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES']]);
      }),
      { numRuns: 300 },
    );
  });
});
