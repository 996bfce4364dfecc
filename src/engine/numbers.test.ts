// Every expected value below was observed from a real redis-server 7.0.15 (x86-64, glibc):
// - integers: SET k <s>; INCRBY k 0 (string2ll accepts / rejects)
// - doubles: ZADD z <s> m; ZSCORE z m, with zset-max-listpack-entries 0 (skiplist keeps -0)
// - %.14g: EVAL "return tostring(tonumber(ARGV[1]))" 0 <s> (Lua prints numbers with %.14g)
// - long doubles: SET k <a>; INCRBYFLOAT k <b> (missing key when a is absent)
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  INT64_MAX,
  INT64_MIN,
  addLongDouble,
  formatDouble,
  formatG,
  formatLongDoubleHuman,
  incrByFloat,
  isFiniteLongDouble,
  isInt64String,
  parseDouble,
  parseInt64,
  parseIntArg,
  parseLongDouble,
} from './numbers';

describe('parseInt64 / parseIntArg / isInt64String (string2ll)', () => {
  const accepted: [string, bigint][] = [
    ['0', 0n],
    ['1', 1n],
    ['-1', -1n],
    ['123456789012345', 123456789012345n],
    ['-123456789012345', -123456789012345n],
    ['1234567890123456', 1234567890123456n],
    ['9007199254740993', 9007199254740993n],
    ['9223372036854775807', INT64_MAX],
    ['-9223372036854775808', INT64_MIN],
  ];
  const rejected = [
    '',
    '-',
    '-0',
    '00',
    '01',
    '-01',
    '000',
    '+1',
    ' 1',
    '1 ',
    '1.0',
    '0x10',
    '012',
    '1e3',
    '9223372036854775808',
    '-9223372036854775809',
    '18446744073709551615',
    '99999999999999999999',
    '-99999999999999999999',
    '100000000000000000000',
    '1\0',
    '\xef\xbc\x91',
  ];

  it.each(accepted)('accepts %j', (s, v) => {
    expect(parseInt64(s)).toBe(v);
    expect(parseIntArg(s)).toBe(Number(v));
    expect(isInt64String(s)).toBe(true);
  });

  it.each(rejected)('rejects %j', (s) => {
    expect(parseInt64(s)).toBeNull();
    expect(parseIntArg(s)).toBeNull();
    expect(isInt64String(s)).toBe(false);
  });

  it('keeps every bit beyond 2^53 in parseInt64', () => {
    expect(parseInt64('9223372036854775806')).toBe(INT64_MAX - 1n);
    expect(parseInt64('-9223372036854775807')).toBe(INT64_MIN + 1n);
    expect(parseIntArg('9223372036854775807')).toBe(2 ** 63); // 9223372036854775807 as a double
  });

  it('round-trips every safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        const s = String(n);
        expect(parseIntArg(s)).toBe(n);
        expect(parseInt64(s)).toBe(BigInt(n));
      }),
    );
  });

  it('round-trips every int64', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), (n) => {
        expect(parseInt64(n.toString())).toBe(n);
      }),
    );
  });
});

describe('parseDouble (string2d) + formatDouble (%.17g)', () => {
  // [input, ZSCORE reply]
  const observed: [string, string][] = [
    ['1.1', '1.1000000000000001'],
    ['3', '3'],
    ['1e20', '1e+20'],
    ['1e-5', '1.0000000000000001e-05'],
    ['0.00001', '1.0000000000000001e-05'],
    ['-1e-5', '-1.0000000000000001e-05'],
    ['0.1', '0.10000000000000001'],
    ['0.30000000000000004', '0.30000000000000004'],
    ['2.5', '2.5'],
    ['4.5', '4.5'],
    ['123.456', '123.456'],
    ['-123.456', '-123.456'],
    ['1e-4', '0.0001'],
    ['0.0001', '0.0001'],
    ['0.00012', '0.00012'],
    ['1e-7', '9.9999999999999995e-08'],
    ['0.000003814697265625', '3.814697265625e-06'],
    ['1e15', '1000000000000000'],
    ['1e16', '10000000000000000'],
    ['1e17', '1e+17'],
    ['1e21', '1e+21'],
    ['1e22', '1e+22'],
    ['9007199254740993', '9007199254740992'],
    ['72057594037927936', '72057594037927936'],
    ['123456789012345678', '1.2345678901234568e+17'],
    ['12345678901234567890', '1.2345678901234567e+19'],
    ['1.5e300', '1.5000000000000001e+300'],
    // exact ties at the 18th digit round to even (JS would round up)
    ['1000000000000000.25', '1000000000000000.2'],
    ['1000000000000000.75', '1000000000000000.8'],
    // signs and zeros
    ['0', '0'],
    ['+0', '0'],
    ['-0', '-0'],
    ['-0.0', '-0'],
    ['+1', '1'],
    ['+.5e1', '5'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['1e05', '100000'],
    ['1E5', '100000'],
    ['0e-400', '0'],
    ['0e999999999999', '0'],
    // infinities, any case, optional sign
    ['inf', 'inf'],
    ['+inf', 'inf'],
    ['-inf', '-inf'],
    ['Inf', 'inf'],
    ['INF', 'inf'],
    ['infinity', 'inf'],
    ['INFINITY', 'inf'],
    ['-Infinity', '-inf'],
    // hex floats
    ['0x10', '16'],
    ['-0x10', '-16'],
    ['0x1p3', '8'],
    ['0x1P3', '8'],
    ['0X1P-2', '0.25'],
    ['0x.8', '0.5'],
    ['0x1.', '1'],
    ['0x1p1023', '8.9884656743115795e+307'],
    ['0x1p-1022', '2.2250738585072014e-308'],
    ['0x1p-1074', '4.9406564584124654e-324'],
    ['0x1.8p-1075', '4.9406564584124654e-324'],
    // limits, denormals, rounding near DBL_MAX
    ['2.2250738585072014e-308', '2.2250738585072014e-308'],
    ['4.9e-324', '4.9406564584124654e-324'],
    ['2.5e-324', '4.9406564584124654e-324'],
    ['1e-320', '9.9998886718268301e-321'],
    ['1.7976931348623157e308', '1.7976931348623157e+308'],
    ['1.7976931348623158e308', '1.7976931348623157e+308'],
    // strtod reads leading zeros, and string2d has no length limit
    ['0'.repeat(6000) + '1', '1'],
  ];
  const rejected = [
    '',
    ' 1',
    '1 ',
    '1e5 ',
    '\t1',
    '1\0',
    '.',
    '-',
    '+',
    'e5',
    '1e',
    '1e+',
    '1e-',
    '1_0',
    '1,5',
    '0b1',
    '0o7',
    '0x',
    '0x1p',
    '0x1g',
    '0x.p1',
    'nan',
    'NaN',
    '-nan',
    'nan(1)',
    'infin',
    'in',
    'infx',
    'Infinityx',
    '1e309',
    '-1e309',
    '1e-400',
    '2.4e-324',
    '1.797693134862315808e308',
    '0x1p1024',
    '0x1p-1075',
    '0x1.fffffffffffff8p1023',
    '1e99999999999999999999',
    '++1',
    '--1',
  ];

  it.each(observed)('%j scores as %j', (input, reply) => {
    const d = parseDouble(input);
    expect(d).not.toBeNull();
    expect(formatDouble(d!)).toBe(reply);
    expect(formatG(d!, 17)).toBe(reply);
  });

  it.each(rejected)('rejects %j', (input) => {
    expect(parseDouble(input)).toBeNull();
  });

  it('keeps the sign of zero', () => {
    expect(Object.is(parseDouble('-0'), -0)).toBe(true);
    expect(Object.is(parseDouble('0'), 0)).toBe(true);
    expect(formatDouble(-0)).toBe('-0');
  });

  it('prints infinities as inf / -inf', () => {
    expect(formatDouble(Infinity)).toBe('inf');
    expect(formatDouble(-Infinity)).toBe('-inf');
  });

  it('round-trips every finite double through %.17g', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(Object.is(parseDouble(formatDouble(d)), d)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('formatG at other precisions (%.14g, as Lua tostring)', () => {
  const observed: [string, string][] = [
    ['1234567890123.25', '1234567890123.2'],
    ['1234567890123.75', '1234567890123.8'],
    ['99999999999999.5', '1e+14'],
    ['0.1', '0.1'],
    ['1.1', '1.1'],
    ['3', '3'],
    ['-2.5', '-2.5'],
    ['0.3', '0.3'],
    ['2.675', '2.675'],
    ['1e14', '1e+14'],
    ['100000000000000', '1e+14'],
    ['1e15', '1e+15'],
    ['1e-5', '1e-05'],
    ['0.0001', '0.0001'],
    ['0.00012345678901234567', '0.00012345678901235'],
    ['123456789012345678', '1.2345678901235e+17'],
    ['1e100', '1e+100'],
    ['4.9406564584124654e-324', '4.9406564584125e-324'],
    ['1.7976931348623157e308', '1.7976931348623e+308'],
  ];
  it.each(observed)('%j → %j', (input, out) => {
    expect(formatG(parseDouble(input)!, 14)).toBe(out);
  });
});

describe('long double (INCRBYFLOAT)', () => {
  const ERR_FLOAT = { ok: false, error: 'notfloat' } as const;
  const ERR_NANINF = { ok: false, error: 'nanorinf' } as const;
  const ok = (value: string) => ({ ok: true, value });

  // [stored value ('0' for a missing key), increment, reply]
  const observed: [string, string, string][] = [
    ['10.5', '0.1', '10.6'],
    ['0', '0.1', '0.1'],
    ['0.1', '0.2', '0.3'],
    ['0.1', '0.7', '0.8'],
    ['0.1', '0', '0.1'],
    ['5.0e3', '2.0e2', '5200'],
    ['3', '1.1', '4.1'],
    ['10', '-10', '0'],
    ['1.0e0', '0', '1'],
    ['-1.5', '0.5', '-1'],
    ['0', '1.5', '1.5'],
    ['0', '123.456', '123.456'],
    ['0', '-0.0000001', '-0.0000001'],
    ['0', '1.', '1'],
    ['0', '.5', '0.5'],
    ['0', '+5', '5'],
    ['0', '3.0', '3'],
    ['0x10', '0x10', '32'],
    // below the 17th decimal: rounds to zero, and "-0" prints as "0"
    ['0', '1e-20', '0'],
    ['0', '-1e-20', '0'],
    ['0', '-0', '0'],
    ['-0', '-0', '0'],
    ['-0', '0', '0'],
    ['0', '1e-17', '0.00000000000000001'],
    ['0', '1.5e-17', '0.00000000000000002'],
    ['0', '2.5e-17', '0.00000000000000002'],
    ['0', '0.5e-17', '0'],
    ['0', '0.999999999999999995', '1'],
    ['0', '0.999999999999999994', '0.99999999999999999'],
    ['0', '-0.99999999999999999999', '-1'],
    ['0', '1.23456789012345678901234', '1.23456789012345679'],
    // exact ties at the 18th decimal round half-even
    ['0', '0.000003814697265625', '0.00000381469726562'],
    ['0', '0.000011444091796875', '0.00001144409179688'],
    // 64-bit mantissa keeps integers up to 2^64 exact
    ['9007199254740993', '1', '9007199254740994'],
    ['9223372036854775807', '1', '9223372036854775808'],
    ['0', '-9223372036854775808', '-9223372036854775808'],
    ['18446744073709551615', '1', '18446744073709551616'],
    ['18446744073709551617', '0', '18446744073709551616'],
    ['0', '12345678901234567890.123', '12345678901234567890'],
    ['1', '0x1p-70', '1'],
    ['0', '0x1p-64', '0'],
    ['7', '-7.0000000000000000000000000001', '0'],
    // denormals are accepted (only a zero result is an underflow)
    ['0', '0x1p-16445', '0'],
    ['0', '0x1.8p-16446', '0'],
    ['0', '1e-4950', '0'],
    ['0', '3.6e-4951', '0'],
    ['1e-4950', '1e-4950', '0'],
    ['0', '0e-99999', '0'],
    // leading zeros up to string2ld's 5119-byte limit
    ['0', '0'.repeat(5118) + '1', '1'],
  ];

  it.each(observed)('%j + %j = %j', (a, b, out) => {
    expect(incrByFloat(a, b)).toEqual(ok(out));
  });

  it('does not overflow where double would', () => {
    expect(incrByFloat('1e308', '1e308')).toEqual(
      ok(
        '199999999999999999993371759311691291321120199694831134415594095989843469737676123744200253' +
          '843777078640893494450108026446304269499187921167194841628860392837535918200039206381557326' +
          '219209014213335878306791577877829121087126122536729803237260434173178506889763247582601711' +
          '514636284849020905456510092687857156096',
      ),
    );
  });

  it('formats huge values in full', () => {
    const r = incrByFloat('0', '1e4000');
    expect(r.ok).toBe(true);
    const v = r.ok ? r.value : '';
    expect(v.length).toBe(4000);
    expect(v.slice(0, 60)).toBe('999999999999999999996546387309962378493249258350695763130150');
    expect(v.slice(-60)).toBe('020629864357825543441956972190272729951206648276349901340672');

    for (const max of ['1.18973149535723176502e4932', '0x1.fffffffffffffffep16383']) {
      const m = incrByFloat('0', max);
      const s = m.ok ? m.value : '';
      expect(s.length).toBe(4933);
      expect(s.slice(0, 60)).toBe('118973149535723176502126385303097020516906332229462420044032');
      expect(s.slice(-60)).toBe('260031762345960769508849149662444156604419552086811989770240');
    }
    // Adding less than half an ulp of the largest value still rounds back to it.
    expect(incrByFloat('0x1.fffffffffffffffep16383', '0x1p16318')).toEqual(incrByFloat('0', '0x1.fffffffffffffffep16383'));
  });

  it.each([
    ['abc', '1'],
    ['1', 'abc'],
    ['0', 'nan'],
    ['1', 'NaN'],
    [' 1', '1'],
    ['1', ' 1'],
    ['0', ''],
    ['0', '1 '],
    ['0', '1\n'],
    ['0', '1_0'],
    ['0', '0x'],
    ['0', '1e+'],
    ['0', '1e5000'],
    ['0', '1e4933'],
    ['0', '1.18973149535723176508e+4932'],
    ['0', '0x1.ffffffffffffffffp16383'],
    ['0', '1e-4952'],
    ['0', '1e-5000'],
    ['0', '0x1p-16446'],
    ['0', '0'.repeat(5119) + '1'],
  ])('%j + %j is not a valid float', (a, b) => {
    expect(incrByFloat(a, b)).toEqual(ERR_FLOAT);
  });

  it.each([
    ['inf', '1'],
    ['1', 'inf'],
    ['0', 'inf'],
    ['0', 'infinity'],
    ['0', '-INF'],
    ['inf', '-inf'],
    ['1e4932', '1e4932'],
    ['0x1.fffffffffffffffep16383', '0x1p16319'],
  ])('%j + %j would produce NaN or Infinity', (a, b) => {
    expect(incrByFloat(a, b)).toEqual(ERR_NANINF);
  });

  it('exposes the building blocks', () => {
    const a = parseLongDouble('0.1')!;
    const b = parseLongDouble('0.2')!;
    const sum = addLongDouble(a, b);
    expect(isFiniteLongDouble(sum)).toBe(true);
    expect(formatLongDoubleHuman(sum)).toBe('0.3');

    const inf = parseLongDouble('-inf')!;
    expect(inf).not.toBeNull();
    expect(isFiniteLongDouble(inf)).toBe(false);
    expect(formatLongDoubleHuman(inf)).toBe('-inf');
    expect(isFiniteLongDouble(addLongDouble(inf, parseLongDouble('inf')!))).toBe(false);

    expect(parseLongDouble('nan')).toBeNull();
    expect(parseLongDouble('')).toBeNull();
  });
});
