// STRING group, part 2: INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT.
import { describe, expect, it } from 'vitest';
import { useDiff } from './harness.js';
import { expectPttl, makeList } from './strings-support.js';

const MAX = '9223372036854775807';
const MIN = '-9223372036854775808';

describe('INCR, DECR, INCRBY, DECRBY', () => {
  const d = useDiff();

  it('count from a missing key and from stored integers', () =>
    d.run([
      ['INCR', 'n'],
      ['INCR', 'n'],
      ['DECR', 'n'],
      ['DECR', 'm'],
      ['INCRBY', 'n', '10'],
      ['INCRBY', 'n', '-20'],
      ['DECRBY', 'n', '5'],
      ['DECRBY', 'n', '-5'],
      ['INCRBY', 'n', '0'],
      ['DECRBY', 'n', '0'],
      ['GET', 'n'],
      ['SET', 's', '-7'],
      ['INCR', 's'],
      ['incrby', 'z', '1000000'],
      ['GET', 'z'],
    ]));

  it('crosses 2^53 and reaches the int64 limits exactly', () =>
    d.run([
      ['SET', 'n', '9007199254740991'],
      ['INCR', 'n'],
      ['INCR', 'n'],
      ['INCRBY', 'n', '9007199254740993'],
      ['GET', 'n'],
      ['SET', 'm', '-9007199254740992'],
      ['DECR', 'm'],
      ['DECRBY', 'm', '9007199254740993'],
      ['INCRBY', 'zero', MAX],
      ['INCR', 'zero'],
      ['DECRBY', 'neg', '-9223372036854775807'],
      ['DECRBY', 'low', '9223372036854775807'],
      ['DECR', 'low'],
      ['DECR', 'low'],
      ['GET', 'low'],
      ['INCRBY', 'low', MAX],
      ['INCRBY', 'big', '123456789012345678'],
      ['DECRBY', 'big', '-123456789012345678'],
    ]));

  it('overflow errors', () =>
    d.run([
      ['SET', 'n', MAX],
      ['INCR', 'n'],
      ['INCRBY', 'n', '1'],
      ['DECRBY', 'n', '-1'],
      ['INCRBY', 'n', '-1'],
      ['SET', 'm', MIN],
      ['DECR', 'm'],
      ['INCRBY', 'm', '-1'],
      ['INCRBY', 'm', MAX],
      ['SET', 'h', '5000000000000000000'],
      ['INCRBY', 'h', '5000000000000000000'],
      ['DECRBY', 'h', '-5000000000000000000'],
      ['GET', 'h'],
    ]));

  it('DECRBY of INT64_MIN has its own error, checked before the key', async () => {
    await makeList(d, 'l');
    await d.run([
      ['DECRBY', 'x', MIN],
      ['SET', 'y', '0'],
      ['DECRBY', 'y', MIN],
      ['DECRBY', 'l', MIN],
      ['DECRBY', 'y', '-9223372036854775807'],
      ['INCRBY', 'w', MIN],
      ['GET', 'x'],
    ]);
  });

  it('rejects stored values that are not canonical int64', async () => {
    const bad = [' 1', '1 ', '01', '-0', '+1', '1.5', '', 'abc', '1e3', '9223372036854775808', '-9223372036854775809', '12345678901234567890', '0x10', '\xff'];
    for (const v of bad)
      await d.run([
        ['SET', 'k', v],
        ['INCR', 'k'],
        ['DECRBY', 'k', '1'],
        ['GET', 'k'],
      ]);
  });

  it('rejects increments that are not integers, before looking at the key', async () => {
    await makeList(d, 'l');
    await d.run([
      ['INCRBY', 'k', 'abc'],
      ['INCRBY', 'k', ''],
      ['INCRBY', 'k', '1.0'],
      ['INCRBY', 'k', '9223372036854775808'],
      ['DECRBY', 'k', '-9223372036854775809'],
      ['INCRBY', 'k', ' 1'],
      ['DECRBY', 'k', '-0'],
      ['INCRBY', 'l', 'abc'],
      ['INCRBY', 'l', '1'],
      ['INCR', 'l'],
      ['DECR', 'l'],
      ['DECRBY', 'l', '1'],
      ['GET', 'k'],
    ]);
  });

  it('keeps the TTL', async () => {
    await d.run([
      ['SET', 'n', '1', 'EX', '100'],
      ['INCR', 'n'],
      ['INCRBY', 'n', '5'],
    ]);
    expect(await expectPttl(d, 'n')).toBeGreaterThan(90_000);
  });
});

describe('INCRBYFLOAT', () => {
  const d = useDiff();

  it('prints results like Redis (long double, 17 decimals, trimmed)', () =>
    d.run([
      ['INCRBYFLOAT', 'f', '0.1'],
      ['INCRBYFLOAT', 'f', '0.2'],
      ['INCRBYFLOAT', 'f', '-0.3'],
      ['INCRBYFLOAT', 'f', '10.5'],
      ['INCRBYFLOAT', 'f', '-5.0e3'],
      ['INCRBYFLOAT', 'f', '1.5e-5'],
      ['INCRBYFLOAT', 'f', '3'],
      ['INCRBYFLOAT', 'f', '1e-20'],
      ['GET', 'f'],
      ['SET', 'g', '1'],
      ['INCRBYFLOAT', 'g', '-1'],
      ['INCRBYFLOAT', 'g', '-0.0'],
      ['SET', 'h', '5.0e3'],
      ['INCRBYFLOAT', 'h', '0'],
      ['SET', 'x', '0x10'],
      ['INCRBYFLOAT', 'x', '1'],
      ['INCRBYFLOAT', 'x', '0x1p-2'],
      ['SET', 'i', MAX],
      ['INCRBYFLOAT', 'i', '1'],
      ['INCRBYFLOAT', 'e', '1e308'],
      ['INCRBYFLOAT', 'e', '1e308'],
      ['INCRBYFLOAT', 'p', '1e400'],
      ['INCRBYFLOAT', 'q', '3.14159265358979323846264338327950288'],
      ['INCRBYFLOAT', 'r', '-1.23456789012345678901234567890e-7'],
      ['INCRBYFLOAT', 'big', '123456789012345678901234567890'],
    ]));

  it('errors: not a float, NaN or infinity, wrong type', async () => {
    await makeList(d, 'l');
    await d.run([
      ['INCRBYFLOAT', 'k', 'abc'],
      ['INCRBYFLOAT', 'k', ''],
      ['INCRBYFLOAT', 'k', ' 1'],
      ['INCRBYFLOAT', 'k', '1 '],
      ['INCRBYFLOAT', 'k', 'nan'],
      ['INCRBYFLOAT', 'k', 'inf'],
      ['INCRBYFLOAT', 'k', '-inf'],
      ['INCRBYFLOAT', 'k', '+inf'],
      ['INCRBYFLOAT', 'k', '1e5000'],
      ['GET', 'k'],
      ['SET', 's', 'abc'],
      ['INCRBYFLOAT', 's', '1'],
      ['INCRBYFLOAT', 's', 'abc'],
      ['SET', 't', ' 1'],
      ['INCRBYFLOAT', 't', '1'],
      ['SET', 'u', '1.5'],
      ['INCRBYFLOAT', 'u', 'inf'],
      ['INCRBYFLOAT', 'l', '1'],
      ['INCRBYFLOAT', 'l', 'abc'],
      ['SET', 'v', 'inf'],
      ['INCRBYFLOAT', 'v', '1'],
      ['GET', 'u'],
    ]);
  });

  it('keeps the TTL', async () => {
    await d.run([
      ['SET', 'n', '1.5', 'EX', '100'],
      ['INCRBYFLOAT', 'n', '2'],
    ]);
    expect(await expectPttl(d, 'n')).toBeGreaterThan(90_000);
  });
});
