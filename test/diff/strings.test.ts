// STRING group, part 1: SET and its options, GET, GETSET, GETDEL, GETEX, SETNX, SETEX, PSETEX,
// MSET, MSETNX, MGET, OBJECT ENCODING of stored strings, RESP3 replies, arity errors.
import { describe, expect, it } from 'vitest';
import { useDiff } from './harness.js';
import { expectEncoding, expectExists, expectPttl, makeList, resp3 } from './strings-support.js';

const FAR_SECONDS = '4102444800'; // 2100-01-01
const FAR_MS = '4102444800123';

describe('SET', () => {
  const d = useDiff();

  it('stores and overwrites values, binary and empty included', () =>
    d.run([
      ['SET', 'k', 'v'],
      ['GET', 'k'],
      ['SET', 'k', 'v2'],
      ['GET', 'k'],
      ['SET', '', ''],
      ['GET', ''],
      ['SET', '\xec\x95\x88', '\xff\x00\x01\r\n'],
      ['GET', '\xec\x95\x88'],
      ['set', 'lower', 'case'],
      ['GET', 'lower'],
    ]));

  it('NX and XX', () =>
    d.run([
      ['SET', 'k', 'v', 'NX'],
      ['SET', 'k', 'w', 'NX'],
      ['GET', 'k'],
      ['SET', 'k', 'w', 'XX'],
      ['GET', 'k'],
      ['SET', 'missing', 'v', 'XX'],
      ['GET', 'missing'],
      ['SET', 'k', 'x', 'nx'],
      ['SET', 'k', 'x', 'xX'],
      ['SET', 'k', 'y', 'NX', 'NX'],
      ['SET', 'k', 'y', 'XX', 'XX'],
      ['GET', 'k'],
    ]));

  it('GET returns the old value, with NX and XX too', () =>
    d.run([
      ['SET', 'k', 'v', 'GET'],
      ['SET', 'k', 'w', 'GET'],
      ['SET', 'k', 'x', 'NX', 'GET'],
      ['GET', 'k'],
      ['SET', 'k', 'y', 'GET', 'XX'],
      ['GET', 'k'],
      ['SET', 'm', 'v', 'XX', 'GET'],
      ['GET', 'm'],
      ['SET', 'n', 'v', 'NX', 'GET'],
      ['GET', 'n'],
      ['SET', 'k', 'z', 'get', 'GET'],
      ['GET', 'k'],
    ]));

  it('rejects conflicting and unknown options with a syntax error', () =>
    d.run([
      ['SET', 'k', 'v', 'NX', 'XX'],
      ['SET', 'k', 'v', 'XX', 'NX'],
      ['SET', 'k', 'v', 'EX', '10', 'PX', '100'],
      ['SET', 'k', 'v', 'PX', '100', 'EX', '10'],
      ['SET', 'k', 'v', 'EX', '10', 'EXAT', FAR_SECONDS],
      ['SET', 'k', 'v', 'PXAT', FAR_MS, 'EX', '10'],
      ['SET', 'k', 'v', 'EXAT', FAR_SECONDS, 'PXAT', FAR_MS],
      ['SET', 'k', 'v', 'KEEPTTL', 'EX', '10'],
      ['SET', 'k', 'v', 'EX', '10', 'KEEPTTL'],
      ['SET', 'k', 'v', 'PX', '10', 'KEEPTTL'],
      ['SET', 'k', 'v', 'EXAT', FAR_SECONDS, 'KEEPTTL'],
      ['SET', 'k', 'v', 'KEEPTTL', 'PXAT', FAR_MS],
      ['SET', 'k', 'v', 'EX'],
      ['SET', 'k', 'v', 'PX'],
      ['SET', 'k', 'v', 'EXAT'],
      ['SET', 'k', 'v', 'PXAT'],
      ['SET', 'k', 'v', 'NX', 'EX'],
      ['SET', 'k', 'v', 'foo'],
      ['SET', 'k', 'v', 'PERSIST'],
      ['SET', 'k', 'v', 'NXX'],
      ['SET', 'k', 'v', ''],
      ['SET', 'k', 'v', 'EX', '0', 'PX', '5'],
      ['GET', 'k'],
    ]));

  it('compares options as C strings (up to a NUL byte)', () =>
    d.run([
      ['SET', 'k', 'v', 'NX\x00zz'],
      ['SET', 'k', 'w', 'xx\x00'],
      ['SET', 'k', 'u', 'KEEPTTL\x00x', 'GET\x00'],
      ['SET', 'k', 'v', 'N\x00X'],
      ['GET', 'k'],
    ]));

  it('reports the first problem: a conflict while parsing, then the expire value, then the type', async () => {
    await makeList(d, 'l');
    await d.run([
      ['SET', 'k', 'v', 'EX', 'abc', 'NX', 'XX'],
      ['SET', 'k', 'v', 'EX', 'abc', 'XX\x00q', 'NX'],
      ['SET', 'k', 'v', 'EX', '0', 'PX\x00', '5'],
      ['SET', 'k', 'v', 'EX\x00junk', 'abc', 'GET'],
      ['SET', 'l', 'v', 'EX', '0', 'GET'],
      ['SET', 'l', 'v', 'ex\x00', '10', 'GET\x00x'],
      ['SET', 'k', 'v', 'EX', '10', 'ex', '20', 'KEEPTTL'],
      ['SET', 'k', 'v', 'EX', '10', 'EX', '20'],
      ['TTL', 'k'],
      ['GETEX', 'k', 'EX', 'abc', 'PERSIST'],
      ['GETEX', 'k', 'PXAT\x00x', '0'],
      ['GETEX', 'k', 'persist\x00', 'EX', '5'],
    ]);
  });

  it('reports invalid expire times', () =>
    d.run([
      ['SET', 'k', 'v', 'EX', '0'],
      ['SET', 'k', 'v', 'EX', '-1'],
      ['SET', 'k', 'v', 'PX', '0'],
      ['SET', 'k', 'v', 'PX', '-100'],
      ['SET', 'k', 'v', 'EXAT', '0'],
      ['SET', 'k', 'v', 'PXAT', '-1'],
      ['SET', 'k', 'v', 'EX', '-9223372036854775808'],
      ['SET', 'k', 'v', 'EX', '9223372036854775'],
      ['SET', 'k', 'v', 'EX', '9223372036854776'],
      ['SET', 'k', 'v', 'EX', '9223372036854775807'],
      ['SET', 'k', 'v', 'PX', '9223372036854775807'],
      ['SET', 'k', 'v', 'PX', '9223372036854775806'],
      ['SET', 'k', 'v', 'EXAT', '9223372036854776'],
      ['set', 'k', 'v', 'ex', '0'],
      ['GET', 'k'],
    ]));

  it('rejects expire times that are not integers', () =>
    d.run([
      ['SET', 'k', 'v', 'EX', 'abc'],
      ['SET', 'k', 'v', 'EX', '1.5'],
      ['SET', 'k', 'v', 'EX', ''],
      ['SET', 'k', 'v', 'EX', ' 1'],
      ['SET', 'k', 'v', 'EX', '01'],
      ['SET', 'k', 'v', 'EX', '+1'],
      ['SET', 'k', 'v', 'PX', '9223372036854775808'],
      ['SET', 'k', 'v', 'EXAT', '1e3'],
      ['GET', 'k'],
    ]));

  it('accepts the largest absolute times', async () => {
    await d.run([
      ['SET', 'k', 'v', 'EXAT', '9223372036854775'],
      ['GET', 'k'],
      ['SET', 'p', 'v', 'PXAT', '9223372036854775807'],
      ['GET', 'p'],
      ['SET', 'q', 'v', 'PX', '9223370000000000000'],
      ['GET', 'q'],
    ]);
    // Both far in the future; absolute times past 2^53 ms print exactly.
    expect((await expectPttl(d, 'k', 1e6)) > 9e18).toBe(true);
    await d.run([
      ['PEXPIRETIME', 'k'],
      ['PEXPIRETIME', 'p'],
      ['EXPIRETIME', 'p'],
      ['GETEX', 'k', 'PXAT', '9223372036854775806'],
      ['PEXPIRETIME', 'k'],
    ]);
  });

  it('sets TTLs with EX, PX, EXAT and PXAT, repeated options winning last', async () => {
    await d.run([['SET', 'a', 'v', 'EX', '100']]);
    expect(await expectPttl(d, 'a')).toBeGreaterThan(98_000);
    await d.run([['SET', 'b', 'v', 'PX', '50000']]);
    await expectPttl(d, 'b');
    await d.run([['SET', 'c', 'v', 'EXAT', FAR_SECONDS]]);
    await expectPttl(d, 'c');
    await d.run([['SET', 'e', 'v', 'PXAT', FAR_MS]]);
    await expectPttl(d, 'e');
    await d.run([['SET', 'f', 'v', 'EX', '10', 'EX', '200']]);
    expect(await expectPttl(d, 'f')).toBeGreaterThan(190_000);
  });

  it('KEEPTTL keeps the TTL; a plain SET clears it', async () => {
    await d.run([
      ['SET', 'k', 'v', 'EX', '100'],
      ['SET', 'k', 'v2', 'KEEPTTL'],
      ['GET', 'k'],
    ]);
    expect(await expectPttl(d, 'k')).toBeGreaterThan(90_000);
    await d.run([['SET', 'k', 'v3', 'KEEPTTL', 'KEEPTTL', 'XX', 'GET']]);
    expect(await expectPttl(d, 'k')).toBeGreaterThan(90_000);
    await d.run([['SET', 'k', 'v4']]);
    expect(await expectPttl(d, 'k')).toBe(-1);
    await d.run([['SET', 'n', 'v', 'KEEPTTL']]);
    expect(await expectPttl(d, 'n')).toBe(-1);
  });

  it('an absolute time in the past stores a key that is already gone', async () => {
    await d.run([
      ['SET', 'k', 'v', 'EXAT', '1'],
      ['GET', 'k'],
      ['SET', 'p', 'v', 'PXAT', '1', 'GET'],
      ['GET', 'p'],
      ['SET', 'q', 'old'],
      ['SET', 'q', 'new', 'PXAT', '1000', 'GET'],
      ['GET', 'q'],
    ]);
    await expectExists(d, 'k', false);
    await expectExists(d, 'q', false);
  });

  it('WRONGTYPE only with GET; otherwise SET overwrites any type', async () => {
    await makeList(d, 'l');
    await d.run([
      ['SET', 'l', 'v', 'GET'],
      ['SET', 'l', 'v', 'NX', 'GET'],
      ['SET', 'l', 'v', 'XX', 'GET'],
      ['SET', 'l', 'v', 'GET', 'EX', '0'],
      ['SET', 'l', 'v', 'GET', 'foo'],
      ['SET', 'l', 'v', 'NX'],
      ['GET', 'l'],
      ['SET', 'l', 'v', 'XX'],
      ['GET', 'l'],
    ]);
  });
});

describe('GET, GETSET, GETDEL', () => {
  const d = useDiff();

  it('GET', async () => {
    await makeList(d, 'l');
    await d.run([
      ['GET', 'missing'],
      ['GET', 'l'],
      ['SET', 'n', '12345'],
      ['GET', 'n'],
      ['GET', ''],
    ]);
  });

  it('GETSET returns the old value, sets the new one and clears the TTL', async () => {
    await d.run([
      ['GETSET', 'k', 'a'],
      ['GETSET', 'k', 'b'],
      ['GET', 'k'],
      ['SET', 't', 'v', 'EX', '100'],
      ['GETSET', 't', '\xff'],
      ['GET', 't'],
    ]);
    expect(await expectPttl(d, 't')).toBe(-1);
    await makeList(d, 'l');
    await d.run([
      ['GETSET', 'l', 'x'],
      ['GET', 'l'],
    ]);
  });

  it('GETDEL returns the value and deletes the key', async () => {
    await d.run([
      ['SET', 'k', 'v', 'EX', '100'],
      ['GETDEL', 'k'],
      ['GETDEL', 'k'],
      ['GET', 'k'],
      ['GETDEL', 'missing'],
      ['SET', 'n', '10'],
      ['GETDEL', 'n'],
    ]);
    await expectExists(d, 'k', false);
    await makeList(d, 'l');
    await d.run([['GETDEL', 'l']]);
    await expectExists(d, 'l', true);
  });
});

describe('GETEX', () => {
  const d = useDiff();

  it('without options reads like GET and keeps the TTL', async () => {
    await d.run([
      ['GETEX', 'missing'],
      ['SET', 'k', 'v', 'EX', '100'],
      ['GETEX', 'k'],
    ]);
    expect(await expectPttl(d, 'k')).toBeGreaterThan(90_000);
  });

  it('EX, PX, EXAT, PXAT set the TTL; PERSIST removes it', async () => {
    await d.run([
      ['SET', 'k', 'v'],
      ['GETEX', 'k', 'EX', '100'],
    ]);
    expect(await expectPttl(d, 'k')).toBeGreaterThan(90_000);
    await d.run([['GETEX', 'k', 'px', '5000']]);
    expect(await expectPttl(d, 'k')).toBeLessThanOrEqual(5000);
    await d.run([['GETEX', 'k', 'EXAT', FAR_SECONDS]]);
    await expectPttl(d, 'k');
    await d.run([['GETEX', 'k', 'PXAT', FAR_MS]]);
    await expectPttl(d, 'k');
    await d.run([['GETEX', 'k', 'EX', '10', 'EX', '300']]);
    expect(await expectPttl(d, 'k')).toBeGreaterThan(290_000);
    await d.run([
      ['GETEX', 'k', 'PERSIST'],
      ['GETEX', 'k', 'PERSIST', 'persist'],
    ]);
    expect(await expectPttl(d, 'k')).toBe(-1);
    await d.run([
      ['GETEX', 'k', 'PXAT', '9223372036854775807'],
      ['GETEX', 'k', 'EXAT', '9223372036854775'],
    ]);
  });

  it('an absolute time in the past returns the value and deletes the key', async () => {
    await d.run([
      ['SET', 'k', 'v'],
      ['GETEX', 'k', 'EXAT', '1'],
      ['GET', 'k'],
      ['SET', 'p', 'w', 'EX', '100'],
      ['GETEX', 'p', 'PXAT', '1000'],
      ['GETEX', 'p', 'PXAT', '1000'],
    ]);
    await expectExists(d, 'k', false);
    await expectExists(d, 'p', false);
  });

  it('syntax errors', () =>
    d.run([
      ['SET', 'k', 'v'],
      ['GETEX', 'k', 'PERSIST', 'EX', '10'],
      ['GETEX', 'k', 'EX', '10', 'PERSIST'],
      ['GETEX', 'k', 'EX', '10', 'PX', '10'],
      ['GETEX', 'k', 'EXAT', FAR_SECONDS, 'PXAT', FAR_MS],
      ['GETEX', 'k', 'KEEPTTL'],
      ['GETEX', 'k', 'NX'],
      ['GETEX', 'k', 'XX'],
      ['GETEX', 'k', 'GET'],
      ['GETEX', 'k', 'EX'],
      ['GETEX', 'k', 'PXAT'],
      ['GETEX', 'k', 'foo'],
      ['GETEX', 'missing', 'foo'],
      ['GETEX', 'k', 'PERSIST\x00x'],
    ]));

  it('expire time errors come after the key lookup', async () => {
    await makeList(d, 'l');
    await d.run([
      ['SET', 'k', 'v'],
      ['GETEX', 'k', 'EX', '0'],
      ['GETEX', 'k', 'PX', '-1'],
      ['GETEX', 'k', 'EXAT', '0'],
      ['GETEX', 'k', 'PXAT', '-5'],
      ['GETEX', 'k', 'EXAT', '9223372036854776'],
      ['GETEX', 'k', 'EX', '9223372036854775'],
      ['GETEX', 'k', 'PX', '9223372036854775807'],
      ['GETEX', 'k', 'EX', 'abc'],
      ['GETEX', 'k', 'EX', '9223372036854775808'],
      ['GETEX', 'missing', 'EX', '0'],
      ['GETEX', 'missing', 'EX', 'abc'],
      ['GETEX', 'l', 'EX', '0'],
      ['GETEX', 'l'],
      ['GETEX', 'l', 'foo'],
      ['GET', 'k'],
    ]);
    expect(await expectPttl(d, 'k')).toBe(-1);
  });
});

describe('SETNX, SETEX, PSETEX', () => {
  const d = useDiff();

  it('SETNX', async () => {
    await makeList(d, 'l');
    await d.run([
      ['SETNX', 'k', 'v'],
      ['SETNX', 'k', 'w'],
      ['GET', 'k'],
      ['SETNX', 'l', 'v'],
      ['SETNX', '', '\x00'],
      ['GET', ''],
    ]);
  });

  it('SETEX and PSETEX set a value with a TTL', async () => {
    await d.run([
      ['SETEX', 'k', '100', 'v'],
      ['GET', 'k'],
    ]);
    expect(await expectPttl(d, 'k')).toBeGreaterThan(90_000);
    await d.run([
      ['PSETEX', 'p', '100000', 'v'],
      ['GET', 'p'],
    ]);
    expect(await expectPttl(d, 'p')).toBeGreaterThan(90_000);
    await makeList(d, 'l');
    await d.run([
      ['SETEX', 'l', '100', 'x'],
      ['GET', 'l'],
    ]);
  });

  it('SETEX and PSETEX errors', () =>
    d.run([
      ['SETEX', 'k', '0', 'v'],
      ['SETEX', 'k', '-1', 'v'],
      ['SETEX', 'k', 'x', 'v'],
      ['SETEX', 'k', '1.5', 'v'],
      ['SETEX', 'k', '9223372036854775807', 'v'],
      ['SETEX', 'k', '9223372036854775', 'v'],
      ['PSETEX', 'k', '0', 'v'],
      ['PSETEX', 'k', '-5', 'v'],
      ['PSETEX', 'k', '9223372036854775807', 'v'],
      ['PSETEX', 'k', '', 'v'],
      ['setex', 'k', '0', 'v'],
      ['GET', 'k'],
    ]));
});

describe('MSET, MSETNX, MGET', () => {
  const d = useDiff();

  it('MSET and MGET', async () => {
    await makeList(d, 'l');
    await d.run([
      ['MSET', 'a', '1', 'b', '2'],
      ['MGET', 'a', 'b', 'c', 'l', 'a'],
      ['MSET', 'a', 'x', 'a', 'y'],
      ['MGET', 'a'],
      ['MSET', 'l', 'now a string'],
      ['MGET', 'l'],
      ['MSET', '\xec\x95\x88', '\xff', '', ''],
      ['MGET', '\xec\x95\x88', ''],
    ]);
  });

  it('MSET clears TTLs', async () => {
    await d.run([
      ['SET', 'a', 'v', 'EX', '100'],
      ['MSET', 'a', 'w', 'b', 'x'],
    ]);
    expect(await expectPttl(d, 'a')).toBe(-1);
  });

  it('MSETNX sets all or nothing', () =>
    d.run([
      ['MSETNX', 'a', '1', 'b', '2'],
      ['MSETNX', 'b', '3', 'c', '4'],
      ['MGET', 'a', 'b', 'c'],
      ['MSETNX', 'x', '1', 'x', '2'],
      ['GET', 'x'],
    ]));

  it('an odd number of arguments is an arity error', () =>
    d.run([
      ['MSET', 'a', 'b', 'c'],
      ['MSET', 'a'],
      ['MSETNX', 'a', 'b', 'c'],
      ['MSETNX', 'a'],
      ['mset', 'a', 'b', 'c', 'd', 'e'],
      ['MGET', 'a', 'c'],
    ]));
});

describe('OBJECT ENCODING of stored strings', () => {
  const d = useDiff();

  it('SET picks int, embstr or raw by value', async () => {
    const values = [
      '1',
      '0',
      '-1',
      '9999',
      '10000',
      '-0',
      '01',
      ' 1',
      '1 ',
      '+1',
      '1.5',
      '',
      '9223372036854775807',
      '-9223372036854775808',
      '9223372036854775808',
      '12345678901234567890',
      '123456789012345678901',
      'x'.repeat(44),
      'x'.repeat(45),
      '\xff'.repeat(100),
    ];
    for (const v of values) {
      await d.run([['SET', 'k', v]]);
      await expectEncoding(d, 'k');
    }
  });

  it('each kind of write leaves the encoding Redis leaves', async () => {
    const steps: string[][] = [
      ['SET', 'k', '5'],
      ['APPEND', 'k', '1'],
      ['SET', 'k', '5'],
      ['APPEND', 'k', ''],
      ['SET', 'k', 'abc'],
      ['APPEND', 'k', 'd'],
      ['APPEND', 'n', '12'], // new keys: stored as SET would store them
      ['APPEND', 'o', 'ab'],
      ['SETRANGE', 'r', '0', '5'], // new key: raw
      ['SET', 'k', '12'],
      ['SETRANGE', 'k', '0', ''],
      ['SETRANGE', 'k', '0', '3'],
      ['SET', 'k', '1'],
      ['INCRBYFLOAT', 'k', '1'],
      ['INCR', 'k'],
      ['INCRBYFLOAT', 'k', '1e30'],
      ['INCRBYFLOAT', 'k', '1e50'],
      ['INCRBY', 'k', '-5'],
      ['SET', 'k', 'abc'],
      ['GETSET', 'k', '42'],
      ['MSET', 'k', '7', 'j', 'x'.repeat(50)],
      ['SETEX', 'k', '100', '77'],
      ['SETNX', 's', '88'],
      ['SET', 'k', '3', 'GET'],
      ['DECR', 'k'],
      ['GETEX', 'k', 'EX', '100'],
    ];
    for (const [cmd, ...args] of steps) {
      await d.run([[cmd!, ...args]]);
      await expectEncoding(d, args[0]!);
    }
    await expectEncoding(d, 'j');
    await expectEncoding(d, 's');
  });
});

describe('RESP3 replies', () => {
  const d = useDiff();

  it('nulls and values', async () => {
    await resp3(d);
    await d.run([
      ['GET', 'missing'],
      ['SET', 'k', 'v', 'GET'],
      ['SET', 'k', 'w', 'NX'],
      ['SET', 'k', 'w', 'NX', 'GET'],
      ['MGET', 'k', 'missing'],
      ['GETDEL', 'missing'],
      ['GETEX', 'missing', 'PERSIST'],
      ['GETSET', 'n', '1'],
      ['INCRBYFLOAT', 'n', '0.5'],
      ['GETRANGE', 'missing', '0', '-1'],
    ]);
  });
});

describe('arity', () => {
  const d = useDiff();

  it('every string command checks its argument count', () =>
    d.run([
      ['SET'],
      ['SET', 'k'],
      ['GET'],
      ['GET', 'a', 'b'],
      ['GETSET', 'k'],
      ['GETDEL'],
      ['GETDEL', 'a', 'b'],
      ['GETEX'],
      ['MGET'],
      ['MSETNX'],
      ['SETNX', 'k'],
      ['SETEX', 'k', '1'],
      ['PSETEX', 'k', '1', 'v', 'x'],
      ['APPEND', 'k'],
      ['STRLEN'],
      ['GETRANGE', 'k', '0'],
      ['SUBSTR', 'k', '0'],
      ['SETRANGE', 'k', '0'],
      ['INCR'],
      ['DECR', 'a', 'b'],
      ['INCRBY', 'k'],
      ['DECRBY', 'k', '1', '2'],
      ['INCRBYFLOAT', 'k'],
      ['LCS', 'a'],
    ]));
});
