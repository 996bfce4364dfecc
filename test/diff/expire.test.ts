// Differential tests for the expiry commands: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (NX XX GT LT),
// TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST. Absolute times (the *AT forms, EXPIRETIME) compare
// exactly; relative TTLs compare with a tolerance for the time between the two servers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockPast, useDiff } from './harness.js';
import { closeInts } from './keys-support.js';
import { optionArgs } from './option-words.js';

/** 2100-01-01 in seconds and ms. */
const T = '4102444800';
const TMS = '4102444800000';

describe('EXPIRE family', () => {
  const d = useDiff();

  it('sets absolute times exactly', () =>
    d.run([
      ['SET', 'k', 'v'],
      ['EXPIREAT', 'k', T],
      ['EXPIRETIME', 'k'],
      ['PEXPIRETIME', 'k'],
      ['PEXPIREAT', 'k', '4102444800123'],
      ['EXPIRETIME', 'k'],
      ['PEXPIRETIME', 'k'],
      ['PEXPIREAT', 'k', '4102444800499'],
      ['EXPIRETIME', 'k'],
      ['PEXPIREAT', 'k', '4102444800500'],
      ['EXPIRETIME', 'k'],
      ['expireat', 'k', '9223372036854775'],
      ['PEXPIRETIME', 'k'],
      ['EXPIRETIME', 'k'],
      ['PEXPIREAT', 'k', '9223372036854775807'],
      ['PEXPIRETIME', 'k'],
      ['EXPIRETIME', 'k'],
      ['PEXPIREAT', 'k', '9007199254740993'],
      ['PEXPIRETIME', 'k'],
      ['PEXPIREAT', 'k', '9007199254740992'],
      ['PEXPIRETIME', 'k'],
      ['PEXPIREAT', 'k', '9007199254740991'],
      ['PEXPIRETIME', 'k'],
      ['GET', 'k'],
      ['EXPIRETIME', 'missing'],
      ['PEXPIRETIME', 'missing'],
      ['SET', 'p', 'v'],
      ['EXPIRETIME', 'p'],
      ['PEXPIRETIME', 'p'],
    ]));

  it('answers 0 for a missing key', () =>
    d.run([
      ['EXPIRE', 'nope', '100'],
      ['PEXPIRE', 'nope', '100'],
      ['EXPIREAT', 'nope', T],
      ['PEXPIREAT', 'nope', TMS],
      ['EXPIRE', 'nope', '-1'],
      ['EXPIRE', 'nope', '100', 'NX'],
      ['EXISTS', 'nope'],
    ]));

  it('deletes the key for times not in the future', () =>
    d.run([
      ['MSET', 'a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5', 'f', '6', 'g', '7', 'h', '8'],
      ['EXPIRE', 'a', '0'],
      ['EXPIRE', 'b', '-1'],
      ['PEXPIRE', 'c', '0'],
      ['PEXPIRE', 'd', '-9223372036854775808'],
      ['EXPIREAT', 'e', '1'],
      ['PEXPIREAT', 'f', '0'],
      ['EXPIREAT', 'g', '-9223372036854775'],
      ['PEXPIREAT', 'h', '-1'],
      ['EXISTS', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
      ['DBSIZE'],
    ]));

  it('rejects int64 overflow and non-integers', () =>
    d.run([
      ['SET', 'k', 'v'],
      ['EXPIRE', 'k', '9223372036854775'],
      ['EXPIRE', 'k', '9223372036854776'],
      ['EXPIRE', 'k', '-9223372036854776'],
      ['EXPIRE', 'k', '9223372036854775807'],
      ['EXPIRE', 'k', '-9223372036854775808'],
      ['EXPIRE', 'k', '9223372036854775808'],
      ['PEXPIRE', 'k', '9223372036854775807'],
      ['PEXPIRE', 'k', '9223372036854775000'],
      ['PEXPIRE', 'k', '9223372036854775808'],
      ['EXPIREAT', 'k', '9223372036854776'],
      ['EXPIREAT', 'k', '-9223372036854776'],
      ['PEXPIREAT', 'k', '9223372036854775808'],
      ['PEXPIREAT', 'k', '-9223372036854775809'],
      ['EXPIRE', 'k', 'abc'],
      ['EXPIRE', 'k', ''],
      ['EXPIRE', 'k', '1.5'],
      ['EXPIRE', 'k', '10.0'],
      ['EXPIRE', 'k', '+10'],
      ['EXPIRE', 'k', ' 10'],
      ['EXPIRE', 'k', '10 '],
      ['EXPIRE', 'k', '010'],
      ['EXPIRE', 'k', '-0'],
      ['EXPIRE', 'k', '1e3'],
      ['EXPIRE', 'k', 'inf'],
      ['PEXPIRE', 'k', '0x10'],
      ['EXPIREAT', 'k', 'x'],
      ['PEXPIREAT', 'k', '\xff'],
      ['TTL', 'k'],
      ['EXPIRE', 'missing', 'abc'],
      ['EXPIRE', 'missing', '9223372036854775807'],
    ]));

  it('applies NX, XX, GT and LT', () =>
    d.run([
      ['SET', 'p', 'persistent'],
      ['EXPIREAT', 'p', T, 'XX'],
      ['EXPIREAT', 'p', T, 'GT'],
      ['EXPIRETIME', 'p'],
      ['EXPIREAT', 'p', T, 'NX'],
      ['EXPIRETIME', 'p'],
      ['EXPIREAT', 'p', '4102444900', 'NX'],
      ['EXPIRETIME', 'p'],
      ['EXPIREAT', 'p', '4102444900', 'XX'],
      ['EXPIRETIME', 'p'],
      ['EXPIREAT', 'p', '4102444800', 'GT'],
      ['EXPIREAT', 'p', '4102444900', 'GT'],
      ['EXPIREAT', 'p', '4102445000', 'GT'],
      ['EXPIRETIME', 'p'],
      ['EXPIREAT', 'p', '4102445000', 'LT'],
      ['EXPIREAT', 'p', '4102446000', 'LT'],
      ['EXPIREAT', 'p', '4102444000', 'LT'],
      ['EXPIRETIME', 'p'],
      ['EXPIREAT', 'p', '4102444500', 'XX', 'GT'],
      ['EXPIREAT', 'p', '4102443000', 'XX', 'LT'],
      ['EXPIRETIME', 'p'],
      ['EXPIREAT', 'p', '4102442000', 'lt', 'xx'],
      ['EXPIREAT', 'p', '4102442000', 'GT', 'GT'],
      ['EXPIREAT', 'p', '4102441000', 'LT', 'LT', 'XX'],
      ['EXPIREAT', 'p', '4102441000', 'NX', 'NX'],
      ['EXPIRETIME', 'p'],
      ['SET', 'q', 'persistent'],
      ['EXPIREAT', 'q', T, 'LT'],
      ['EXPIRETIME', 'q'],
      ['SET', 'r', 'persistent'],
      ['EXPIRE', 'r', '-1', 'GT'],
      ['EXISTS', 'r'],
      ['EXPIRE', 'r', '-1', 'LT'],
      ['EXISTS', 'r'],
      ['SET', 's', 'v'],
      ['EXPIREAT', 's', T],
      ['EXPIRE', 's', '-1', 'GT'],
      ['EXPIRE', 's', '-1', 'XX'],
      ['EXISTS', 's'],
      ['SET', 't', 'v'],
      ['EXPIREAT', 't', T],
      ['PEXPIREAT', 't', '1', 'LT'],
      ['EXISTS', 't'],
    ]));

  it('reports option errors before parsing the time', () =>
    d.run([
      ['SET', 'k', 'v'],
      ['EXPIRE', 'k', '100', 'NX', 'XX'],
      ['EXPIRE', 'k', '100', 'NX', 'GT'],
      ['EXPIRE', 'k', '100', 'LT', 'NX'],
      ['EXPIRE', 'k', '100', 'GT', 'LT'],
      ['EXPIRE', 'k', '100', 'XX', 'GT', 'LT'],
      ['EXPIRE', 'k', '100', 'NX', 'GT', 'LT'],
      ['EXPIRE', 'k', '100', 'FOO'],
      ['EXPIRE', 'k', '100', 'NX', 'FOO', 'XX'],
      ['EXPIRE', 'k', '100', 'NX', 'XX', 'FOO'],
      ['EXPIRE', 'k', 'abc', 'NX', 'XX'],
      ['EXPIRE', 'k', 'abc', 'FOO'],
      ['EXPIRE', 'k', '9223372036854775807', 'GT', 'LT'],
      ['EXPIRE', 'missing', '100', 'NX', 'XX'],
      ['EXPIRE', 'k', '100', ''],
      ['EXPIRE', 'k', '100', 'a\nb'],
      ['EXPIRE', 'k', '100', 'ab\x00cd'],
      ['EXPIRE', 'k', '100', '\xec\x95\x88'],
      ['EXPIRE', 'k', '100', 'nx\x00junk'],
      ['TTL', 'k'],
      ['PEXPIRE', 'k', '100', 'NX', 'LT'],
      ['EXPIREAT', 'k', T, 'GT', 'LT'],
      ['PEXPIREAT', 'k', TMS, 'NX', 'XX'],
      ['PEXPIREAT', 'k', TMS, 'BAR'],
    ]));

  it('property: random option words in any order (absolute times, so replies are exact)', async () => {
    const opts = optionArgs([{ word: 'nx' }, { word: 'xx' }, { word: 'gt' }, { word: 'lt' }], fc.constantFrom('FOO', '', 'a\nb', 'n\0x'), 4);
    const time = fc.constantFrom(T, '4102444900', '4102440000', '1', 'abc', '9223372036854775807');
    const command = fc
      .tuple(fc.constantFrom('EXPIREAT', 'PEXPIREAT'), fc.constantFrom('p', 't', 'missing'), time, opts)
      .map(([cmd, k, t, o]) => [cmd, k, t, ...o]);
    await fc.assert(
      fc.asyncProperty(command, async (argv) => {
        await d.run([['FLUSHALL'], ['SET', 'p', 'v'], ['SET', 't', 'v'], ['EXPIREAT', 't', T], argv, ['EXPIRETIME', 'p'], ['EXPIRETIME', 't']]);
      }),
      { numRuns: 300 },
    );
  });

  it('checks arity', () =>
    d.run([
      ['EXPIRE', 'k'],
      ['EXPIRE'],
      ['PEXPIRE', 'k'],
      ['EXPIREAT', 'k'],
      ['PEXPIREAT', 'k'],
      ['TTL'],
      ['TTL', 'a', 'b'],
      ['PTTL'],
      ['EXPIRETIME'],
      ['PEXPIRETIME', 'a', 'b'],
      ['PERSIST'],
      ['PERSIST', 'a', 'b'],
    ]));

  it('works on empty and non-ASCII keys', () =>
    d.run([
      ['SET', '', 'empty'],
      ['SET', '\xec\x95\x88', 'x'],
      ['SET', '\xff\x00', 'y'],
      ['EXPIREAT', '', T],
      ['PEXPIREAT', '\xec\x95\x88', TMS],
      ['EXPIREAT', '\xff\x00', T, 'NX'],
      ['EXPIRETIME', ''],
      ['PEXPIRETIME', '\xec\x95\x88'],
      ['EXPIRETIME', '\xff\x00'],
      ['PERSIST', '\xec\x95\x88'],
      ['TTL', '\xec\x95\x88'],
      ['EXPIRE', '', '0'],
      ['EXISTS', '', '\xec\x95\x88', '\xff\x00'],
    ]));
});

describe('TTL, PTTL', () => {
  const d = useDiff();

  it('answers -2 and -1', () =>
    d.run([
      ['TTL', 'missing'],
      ['PTTL', 'missing'],
      ['SET', 'k', 'v'],
      ['TTL', 'k'],
      ['PTTL', 'k'],
      ['ttl', 'k'],
    ]));

  it('counts down relative TTLs (with a tolerance)', async () => {
    await d.run([
      ['SET', 'k', 'v'],
      ['EXPIRE', 'k', '100'],
    ]);
    await closeInts(d, ['TTL', 'k'], 1);
    await closeInts(d, ['PTTL', 'k'], 100);
    const [, ttl] = await closeInts(d, ['EXPIRETIME', 'k'], 1);
    expect(ttl > BigInt(Math.floor(Date.now() / 1000))).toBe(true);
    await d.run([['PEXPIRE', 'k', '1500']]);
    await closeInts(d, ['TTL', 'k'], 1);
    await closeInts(d, ['PTTL', 'k'], 100);
    // Under half a second left, TTL rounds to 0 (300 ms leaves room for a slow machine: a 2 ms
    // TTL could run out on one server before the other is asked).
    await d.run([['PEXPIRE', 'k', '300']]);
    await closeInts(d, ['PTTL', 'k'], 100);
    await closeInts(d, ['TTL', 'k'], 0);
    await d.run([
      ['SET', 'big', 'v'],
      ['EXPIRE', 'big', '9223372036853'],
      ['PEXPIRE', 'huge', '1'],
      ['SET', 'huge', 'v'],
      ['PEXPIRE', 'huge', '9223370000000000000'],
    ]);
    await closeInts(d, ['TTL', 'big'], 1);
    await closeInts(d, ['PTTL', 'big'], 100);
    await closeInts(d, ['PTTL', 'huge'], 100);
    await closeInts(d, ['TTL', 'huge'], 1);
    await closeInts(d, ['EXPIRETIME', 'huge'], 1);
  });

  it('sees keys expire', async () => {
    await d.run([
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['PEXPIRE', 'a', '20'],
      ['PEXPIRE', 'b', '20'],
    ]);
    await clockPast(Date.now() + 20);
    await d.run([['TTL', 'a'], ['PTTL', 'a'], ['EXPIRETIME', 'b'], ['EXPIRE', 'b', '100'], ['PERSIST', 'b'], ['EXISTS', 'a', 'b'], ['DBSIZE']]);
  });
});

describe('PERSIST', () => {
  const d = useDiff();

  it('removes a TTL', () =>
    d.run([
      ['PERSIST', 'missing'],
      ['SET', 'k', 'v'],
      ['PERSIST', 'k'],
      ['EXPIREAT', 'k', T],
      ['PERSIST', 'k'],
      ['TTL', 'k'],
      ['EXPIRETIME', 'k'],
      ['PERSIST', 'k'],
      ['PEXPIREAT', 'k', '9223372036854775807'],
      ['persist', 'k'],
      ['PEXPIRETIME', 'k'],
      ['GET', 'k'],
    ]));

  it('keeps TTLs that SET KEEPTTL keeps and drops those SET drops', () =>
    d.run([
      ['SET', 'k', 'v'],
      ['EXPIREAT', 'k', T],
      ['SET', 'k', 'w', 'KEEPTTL'],
      ['EXPIRETIME', 'k'],
      ['SET', 'k', 'x'],
      ['EXPIRETIME', 'k'],
      ['SET', 'k', 'y', 'PXAT', '4102444800123'],
      ['PEXPIRETIME', 'k'],
      ['PERSIST', 'k'],
      ['EXPIRETIME', 'k'],
    ]));
});
