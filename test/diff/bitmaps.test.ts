// BITMAP group against the real server: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and
// BITFIELD_RO — every option and error path, edge offsets and values, the bytes left behind.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';

describe('SETBIT / GETBIT', () => {
  const d = useDiff();

  it('set, clear, grow with zero bytes, read back', () =>
    d.run([
      ['SETBIT', 'b', '7', '1'],
      ['GET', 'b'],
      ['SETBIT', 'b', '7', '1'],
      ['SETBIT', 'b', '0', '1'],
      ['SETBIT', 'b', '0', '0'],
      ['SETBIT', 'b', '100', '1'],
      ['GET', 'b'],
      ['STRLEN', 'b'],
      ['GETBIT', 'b', '7'],
      ['GETBIT', 'b', '6'],
      ['GETBIT', 'b', '100'],
      ['GETBIT', 'b', '1000000'],
      ['GETBIT', 'missing', '3'],
      ['SETBIT', 'b', '50', '0'],
      ['STRLEN', 'b'],
      ['OBJECT', 'ENCODING', 'b'],
      ['SET', 'n', '123'],
      ['OBJECT', 'ENCODING', 'n'],
      ['GETBIT', 'n', '2'],
      ['GETBIT', 'n', '3'],
      ['SETBIT', 'n', '1', '0'],
      ['OBJECT', 'ENCODING', 'n'],
      ['GET', 'n'],
      ['SET', 'e', 'x'],
      ['SETBIT', 'e', '0', '0'],
      ['OBJECT', 'ENCODING', 'e'],
      ['SET', 'u', '\xec\x95\x88'],
      ['SETBIT', 'u', '1', '0'],
      ['GET', 'u'],
    ]));

  it('the course example: daily visitors by user id', () =>
    d.run([
      ...[1, 7, 13, 100, 5000, 99999, 100000].map((id) => ['SETBIT', 'visits:2024', String(id), '1']),
      ['SETBIT', 'visits:2024', '7', '1'],
      ['BITCOUNT', 'visits:2024'],
      ['GETBIT', 'visits:2024', '99999'],
      ['STRLEN', 'visits:2024'],
      ['BITPOS', 'visits:2024', '1'],
      ['BITPOS', 'visits:2024', '0'],
    ]));

  it('offset and value errors, in Redis order', async () => {
    await d.run([
      ['SETBIT', 'k', '-1', '1'],
      ['SETBIT', 'k', 'x', '1'],
      ['SETBIT', 'k', '4294967296', '1'],
      ['SETBIT', 'k', '9223372036854775807', '1'],
      ['SETBIT', 'k', '#1', '1'],
      ['SETBIT', 'k', ' 1', '1'],
      ['SETBIT', 'k', '1', '2'],
      ['SETBIT', 'k', '1', '-1'],
      ['SETBIT', 'k', '1', 'x'],
      ['SETBIT', 'k', 'x', 'x'],
      ['SETBIT', 'k', '1', ''],
      ['GETBIT', 'k', '-1'],
      ['GETBIT', 'k', '4294967296'],
      ['GETBIT', 'k', '4294967295'],
      ['GETBIT', 'k', 'abc'],
      ['RPUSH', 'l', 'a'],
      ['SETBIT', 'l', '1', '1'],
      ['SETBIT', 'l', '1', '5'],
      ['GETBIT', 'l', '1'],
      ['GETBIT', 'l', '-1'],
      ['EXISTS', 'k'],
      ['SETBIT'],
      ['SETBIT', 'k', '1'],
      ['GETBIT', 'k'],
    ]);
  });

  it('the offset limit follows proto-max-bulk-len', async () => {
    try {
      await d.run([
        ['CONFIG', 'SET', 'proto-max-bulk-len', '1048576'],
        ['SETBIT', 'k', '8388608', '1'],
        ['SETBIT', 'k', '8388607', '1'],
        ['STRLEN', 'k'],
        ['GETBIT', 'k', '8388608'],
        ['BITFIELD', 'k', 'GET', 'u8', '8388600'],
        ['BITFIELD', 'k', 'GET', 'u8', '#1048576'],
        ['BITFIELD', 'k', 'SET', 'u8', '#1048575', '255'],
        ['STRLEN', 'k'],
        ['BITFIELD', 'k', 'SET', 'u16', '8388607', '1'],
        ['STRLEN', 'k'],
      ]);
    } finally {
      await d.pair.real.send(['CONFIG', 'SET', 'proto-max-bulk-len', '536870912']);
    }
  });
});

describe('BITCOUNT / BITPOS', () => {
  const d = useDiff();
  const v = 'foobar\x00\xff\x0f\xf0\xec\x95\x88';

  it('BITCOUNT whole, byte and bit ranges, negative indexes', () => {
    const ranges = [
      ['0', '0'],
      ['1', '1'],
      ['0', '-1'],
      ['-2', '-1'],
      ['-1', '-2'],
      ['5', '2'],
      ['100', '200'],
      ['-100', '-50'],
      ['-100', '100'],
      ['0', '9223372036854775807'],
      ['-9223372036854775808', '-1'],
      ['-9223372036854775808', '-9223372036854775807'],
      ['-9223372036854775807', '-9223372036854775808'],
    ];
    return d.run([
      ['SET', 'k', v],
      ['BITCOUNT', 'k'],
      ...ranges.flatMap(([s, e]) => [
        ['BITCOUNT', 'k', s!, e!],
        ['BITCOUNT', 'k', s!, e!, 'BYTE'],
        ['BITCOUNT', 'k', s!, e!, 'BIT'],
      ]),
      ['BITCOUNT', 'k', '5', '30', 'bit'],
      ['BITCOUNT', 'k', '1', '6', 'BIT'],
      ['BITCOUNT', 'k', '3', '3', 'BIT'],
      ['BITCOUNT', 'k', '-7', '-3', 'BIT'],
      ['BITCOUNT', 'missing'],
      ['BITCOUNT', 'missing', 'x', 'y'],
      ['BITCOUNT', 'missing', '1'],
      ['BITCOUNT', 'k', '1'],
      ['BITCOUNT', 'k', 'x', '1'],
      ['BITCOUNT', 'k', '1', 'x'],
      ['BITCOUNT', 'k', '1', '2', 'BAD'],
      ['BITCOUNT', 'k', '-1', '-5', 'BAD'],
      ['BITCOUNT', 'k', '1', '2', 'BIT', 'x'],
      ['BITCOUNT', 'k', '1.5', '2'],
      ['SET', 'n', '-12345'],
      ['BITCOUNT', 'n'],
      ['SET', 'empty', ''],
      ['BITCOUNT', 'empty'],
      ['BITCOUNT', 'empty', '0', '-1', 'BIT'],
      ['RPUSH', 'l', 'a'],
      ['BITCOUNT', 'l'],
      ['BITCOUNT', 'l', 'x'],
      ['BITCOUNT'],
    ]);
  });

  it('BITPOS for 1 and 0, with and without end, BYTE and BIT', () => {
    const keys = [
      ['a', '\x00\x00\x00'],
      ['b', '\xff\xff\xff'],
      ['c', '\x00\x0f\x00'],
      ['d', '\xff\xf0\xff'],
      ['e', '\x80'],
      ['f', '\x01\x00\x80\xff'],
    ];
    const ranges: string[][] = [[], ['0'], ['1'], ['-1'], ['2'], ['5'], ['0', '-1'], ['1', '1'], ['2', '1'], ['-2', '-1'], ['0', '100']];
    const bitRanges: string[][] = [
      ['0', '-1'],
      ['3', '12'],
      ['4', '7'],
      ['7', '7'],
      ['9', '9'],
      ['12', '23'],
      ['-5', '-1'],
      ['5', '2'],
      ['0', '100'],
      ['100', '200'],
    ];
    const steps: string[][] = keys.map(([k, val]) => ['SET', k!, val!]);
    for (const [k] of keys) {
      for (const bit of ['0', '1']) {
        for (const r of ranges) steps.push(['BITPOS', k!, bit, ...r]);
        for (const r of bitRanges) steps.push(['BITPOS', k!, bit, ...r, 'BIT'], ['BITPOS', k!, bit, ...r, 'BYTE']);
      }
    }
    return d.run([
      ...steps,
      ['BITPOS', 'missing', '0'],
      ['BITPOS', 'missing', '1'],
      ['BITPOS', 'missing', '1', 'x'],
      ['BITPOS', 'a', '2'],
      ['BITPOS', 'a', 'x'],
      ['BITPOS', 'missing', '2'],
      ['BITPOS', 'a', '1', 'x'],
      ['BITPOS', 'a', '1', '0', 'x'],
      ['BITPOS', 'a', '1', '0', '1', 'BAD'],
      ['BITPOS', 'a', '1', 'x', '1', 'BAD'],
      ['BITPOS', 'a', '1', '0', '1', 'BIT', 'x'],
      ['SET', 'empty', ''],
      ['BITPOS', 'empty', '0'],
      ['BITPOS', 'empty', '1'],
      ['BITPOS', 'empty', '0', '0', '-1'],
      ['SET', 'n', '7'],
      ['BITPOS', 'n', '1'],
      ['RPUSH', 'l', 'a'],
      ['BITPOS', 'l', '1'],
      ['BITPOS', 'l', '3'],
      ['BITPOS', 'a'],
    ]);
  });
});

describe('BITOP', () => {
  const d = useDiff();

  it('AND OR XOR NOT over strings of different lengths', () =>
    d.run([
      ['SET', 'a', 'foobar'],
      ['SET', 'b', 'abcdef\xff\x00'],
      ['SET', 'c', '\xec\x95\x88'],
      ['BITOP', 'AND', 'd', 'a', 'b'],
      ['GET', 'd'],
      ['BITOP', 'or', 'd', 'a', 'b', 'c'],
      ['GET', 'd'],
      ['BITOP', 'Xor', 'd', 'a', 'b', 'c', 'missing'],
      ['GET', 'd'],
      ['BITOP', 'NOT', 'd', 'c'],
      ['GET', 'd'],
      ['OBJECT', 'ENCODING', 'd'],
      ['BITOP', 'AND', 'd', 'a', 'missing'],
      ['GET', 'd'],
      ['BITOP', 'AND', 'a', 'a'],
      ['GET', 'a'],
      ['SET', 'n', '12'],
      ['BITOP', 'OR', 'd', 'n'],
      ['GET', 'd'],
      ['BITOP', 'AND', 'long', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'a'],
      ['GET', 'long'],
    ]));

  it('an empty result deletes the destination', () =>
    d.run([
      ['SET', 'd', 'x'],
      ['EXPIRE', 'd', '100'],
      ['BITOP', 'OR', 'd', 'missing'],
      ['EXISTS', 'd'],
      ['SET', 'empty', ''],
      ['SET', 'd', 'x'],
      ['BITOP', 'NOT', 'd', 'empty'],
      ['EXISTS', 'd'],
      ['BITOP', 'AND', 'd', 'missing', 'empty'],
      ['RPUSH', 'l', 'x'],
      ['BITOP', 'AND', 'l', 'missing'],
      ['EXISTS', 'l'],
      ['SET', 'd', 'x'],
      ['EXPIRE', 'd', '100'],
      ['BITOP', 'NOT', 'd', 'd'],
      ['TTL', 'd'],
      ['BITOP', 'OR', 'l', 'd'],
      ['TYPE', 'l'],
    ]));

  it('errors', () =>
    d.run([
      ['SET', 'a', 'x'],
      ['RPUSH', 'l', 'x'],
      ['BITOP', 'NAND', 'd', 'a'],
      ['BITOP', 'NOT', 'd', 'a', 'a'],
      ['BITOP', 'NOT', 'd', 'l', 'a'],
      ['BITOP', 'AND', 'd', 'a', 'l'],
      ['BITOP', 'AND', 'd', 'l', 'missing'],
      ['BITOP', 'and\0x', 'd', 'a'],
      ['BITOP', 'AND', 'd'],
      ['EXISTS', 'd'],
    ]));
});

describe('BITFIELD / BITFIELD_RO', () => {
  const d = useDiff();

  it('GET SET INCRBY of signed and unsigned fields, #N offsets, several ops in one call', () =>
    d.run([
      ['BITFIELD', 'k', 'SET', 'i8', '0', '100', 'GET', 'i8', '0', 'INCRBY', 'i8', '0', '27', 'GET', 'u8', '0'],
      ['GET', 'k'],
      ['BITFIELD', 'k', 'SET', 'u4', '#1', '15', 'GET', 'u4', '4', 'GET', 'i4', '#1', 'SET', 'i16', '#3', '-2', 'GET', 'u16', '48'],
      ['GET', 'k'],
      ['BITFIELD', 'k', 'SET', 'i64', '5', '-9223372036854775808', 'GET', 'i64', '5', 'GET', 'u63', '5', 'GET', 'u1', '5'],
      ['BITFIELD', 'k', 'SET', 'u63', '100', '9223372036854775807', 'GET', 'u63', '100', 'GET', 'i64', '99'],
      ['GET', 'k'],
      ['BITFIELD', 'k', 'INCRBY', 'i64', '0', '9223372036854775807', 'INCRBY', 'i64', '0', '1'],
      ['BITFIELD', 'k', 'get', 'i1', '0', 'get', 'u1', '0', 'GET', 'i3', '13', 'GET', 'u7', '1'],
      ['BITFIELD', 'k'],
      ['BITFIELD', 'missing'],
      ['BITFIELD', 'missing', 'GET', 'u8', '100'],
      ['EXISTS', 'missing'],
      ['BITFIELD', 'n', 'GET', 'u8', '0'],
      ['SET', 'n', '255'],
      ['BITFIELD', 'n', 'GET', 'u8', '0', 'GET', 'u24', '0'],
      ['BITFIELD', 'n', 'INCRBY', 'u8', '0', '1'],
      ['OBJECT', 'ENCODING', 'n'],
      ['GET', 'n'],
      ['BITFIELD_RO', 'k', 'GET', 'i8', '0', 'GET', 'u16', '#2'],
      ['BITFIELD_RO', 'k'],
      ['BITFIELD_RO', 'missing', 'GET', 'u8', '0'],
    ]));

  it('OVERFLOW WRAP, SAT and FAIL for signed and unsigned', () =>
    d.run([
      [
        'BITFIELD',
        'k',
        'SET',
        'u8',
        '0',
        '250',
        'INCRBY',
        'u8',
        '0',
        '10',
        'OVERFLOW',
        'SAT',
        'INCRBY',
        'u8',
        '0',
        '300',
        'OVERFLOW',
        'FAIL',
        'INCRBY',
        'u8',
        '0',
        '1',
        'GET',
        'u8',
        '0',
      ],
      [
        'BITFIELD',
        'k',
        'OVERFLOW',
        'SAT',
        'INCRBY',
        'u8',
        '0',
        '-1000',
        'OVERFLOW',
        'WRAP',
        'INCRBY',
        'u8',
        '0',
        '-1',
        'OVERFLOW',
        'FAIL',
        'INCRBY',
        'u8',
        '0',
        '-300',
      ],
      [
        'BITFIELD',
        'k',
        'SET',
        'i8',
        '8',
        '127',
        'INCRBY',
        'i8',
        '8',
        '1',
        'OVERFLOW',
        'SAT',
        'INCRBY',
        'i8',
        '8',
        '-1000',
        'INCRBY',
        'i8',
        '8',
        '1000',
        'OVERFLOW',
        'FAIL',
        'INCRBY',
        'i8',
        '8',
        '1',
      ],
      [
        'BITFIELD',
        'k',
        'SET',
        'i8',
        '8',
        '300',
        'SET',
        'u8',
        '16',
        '-1',
        'OVERFLOW',
        'SAT',
        'SET',
        'i8',
        '8',
        '300',
        'SET',
        'i8',
        '8',
        '-300',
        'SET',
        'u8',
        '16',
        '-5',
        'SET',
        'u8',
        '16',
        '999',
      ],
      ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'SET', 'i8', '8', '300', 'SET', 'u8', '16', '-1', 'SET', 'u2', '0', '3', 'SET', 'u2', '0', '4'],
      [
        'BITFIELD',
        'k',
        'OVERFLOW',
        'sat',
        'INCRBY',
        'i64',
        '64',
        '9223372036854775807',
        'INCRBY',
        'i64',
        '64',
        '9223372036854775807',
        'INCRBY',
        'i64',
        '64',
        '-9223372036854775808',
      ],
      [
        'BITFIELD',
        'k',
        'OVERFLOW',
        'WRAP',
        'INCRBY',
        'i64',
        '64',
        '9223372036854775807',
        'INCRBY',
        'i64',
        '64',
        '-9223372036854775808',
        'INCRBY',
        'i64',
        '64',
        '-9223372036854775808',
      ],
      [
        'BITFIELD',
        'k',
        'OVERFLOW',
        'FAIL',
        'INCRBY',
        'i64',
        '64',
        '-9223372036854775808',
        'INCRBY',
        'i64',
        '64',
        '-1',
        'INCRBY',
        'i64',
        '64',
        '-9223372036854775808',
      ],
      [
        'BITFIELD',
        'k',
        'OVERFLOW',
        'SAT',
        'INCRBY',
        'u63',
        '128',
        '9223372036854775807',
        'INCRBY',
        'u63',
        '128',
        '1',
        'INCRBY',
        'u63',
        '128',
        '-9223372036854775808',
      ],
      ['BITFIELD', 'k', 'OVERFLOW', 'WRAP', 'INCRBY', 'u63', '128', '9223372036854775807', 'INCRBY', 'u63', '128', '2', 'SET', 'u63', '128', '-1'],
      ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'SET', 'i64', '0', '-1', 'SET', 'i1', '0', '-1', 'SET', 'i1', '0', '1', 'INCRBY', 'i1', '0', '-1'],
      ['GET', 'k'],
      ['BITFIELD', 'f', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '100', '300'],
      ['EXISTS', 'f'],
      ['GET', 'f'],
    ]));

  it('errors, in Redis order', () =>
    d.run([
      ['RPUSH', 'l', 'x'],
      ['SET', 'k', 'abc'],
      ['BITFIELD', 'k', 'GET', 'u8'],
      ['BITFIELD', 'k', 'FOO', 'u8', '0'],
      ['BITFIELD', 'k', 'SET', 'u8', '0'],
      ['BITFIELD', 'k', 'OVERFLOW'],
      ['BITFIELD', 'k', 'OVERFLOW', 'MAYBE', 'GET', 'u8', '0'],
      ['BITFIELD', 'k', 'GET', 'u64', '0'],
      ['BITFIELD', 'k', 'GET', 'i65', '0'],
      ['BITFIELD', 'k', 'GET', 'i0', '0'],
      ['BITFIELD', 'k', 'GET', 'x8', '0'],
      ['BITFIELD', 'k', 'GET', 'u', '0'],
      ['BITFIELD', 'k', 'GET', 'U8', '0'],
      ['BITFIELD', 'k', 'GET', 'u8\0x', '0'],
      ['BITFIELD', 'k', 'GET', 'u08', '0'],
      ['BITFIELD', 'k', 'GET', 'u8', '-1'],
      ['BITFIELD', 'k', 'GET', 'u8', '#-1'],
      ['BITFIELD', 'k', 'GET', 'u8', '#'],
      ['BITFIELD', 'k', 'GET', 'u8', 'x'],
      ['BITFIELD', 'k', 'GET', 'u8', '#1152921504606846976'],
      ['BITFIELD', 'k', 'GET', 'i64', '#144115188075855872'],
      ['BITFIELD', 'k', 'SET', 'u8', '0', 'x'],
      ['BITFIELD', 'k', 'INCRBY', 'u8', '0', '1.5'],
      ['BITFIELD', 'k', 'SET', 'u8', '0', '1', 'GET', 'u8'],
      ['BITFIELD', 'k', 'GET', 'u8', '0', 'SET', 'x8', '0', '1'],
      ['GET', 'k'],
      ['BITFIELD', 'l', 'GET', 'u8', '0'],
      ['BITFIELD', 'l', 'SET', 'u8', '0', '1'],
      ['BITFIELD', 'l', 'GET', 'u8', 'x'],
      ['BITFIELD_RO', 'k', 'SET', 'u8', '0', '1'],
      ['BITFIELD_RO', 'k', 'INCRBY', 'u8', '0', '1'],
      ['BITFIELD_RO', 'k', 'OVERFLOW', 'SAT', 'GET', 'u8', '0'],
      ['BITFIELD_RO', 'k', 'SET', 'u8', '0', 'x'],
      ['BITFIELD_RO', 'l', 'GET', 'u8', '0'],
      ['BITFIELD_RO', 'l', 'SET', 'u8', '0', '1'],
      ['BITFIELD'],
      ['BITFIELD_RO'],
    ]));

  it('FAIL replies nil under RESP3 too', async () => {
    await d.pair.real.send(['HELLO', '3']);
    d.pair.ours.client.resp = 3;
    await d.run([
      ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '5', 'GET', 'u2', '0'],
      ['BITFIELD_RO', 'k', 'GET', 'i8', '0'],
      ['BITPOS', 'k', '0'],
      ['BITCOUNT', 'k'],
    ]);
  });
});

describe('random bitmap command sequences', () => {
  const d = useDiff();
  const keyName = fc.constantFrom('a', 'b', 'c');
  const offset = fc.oneof(fc.integer({ min: 0, max: 80 }).map(String), fc.constantFrom('-1', '#2', '#0', 'x', '4294967296'));
  const idx = fc.oneof(fc.integer({ min: -20, max: 20 }).map(String), fc.constantFrom('9223372036854775807', '-9223372036854775808', 'x'));
  const unit = fc.constantFrom<string[]>([], ['BYTE'], ['BIT'], ['bit']);
  const type = fc.constantFrom('u1', 'u3', 'u8', 'u13', 'u32', 'u63', 'i1', 'i5', 'i8', 'i16', 'i33', 'i64', 'u64', 'x8');
  const num = fc.oneof(fc.integer({ min: -300, max: 300 }).map(String), fc.constantFrom('9223372036854775807', '-9223372036854775808', '4294967296', 'y'));
  const field = fc.oneof(
    fc.tuple(type, offset).map(([t, o]) => ['GET', t, o]),
    fc.tuple(type, offset, num).map(([t, o, v]) => ['SET', t, o, v]),
    fc.tuple(type, offset, num).map(([t, o, v]) => ['INCRBY', t, o, v]),
    fc.constantFrom('WRAP', 'SAT', 'FAIL').map((w) => ['OVERFLOW', w]),
  );

  type Cmd = (k: (name: string) => string) => string[];
  const command: fc.Arbitrary<Cmd> = fc.oneof(
    fc.tuple(keyName, offset, fc.constantFrom('0', '1', '2')).map(([a, o, v]): Cmd => (k) => ['SETBIT', k(a), o, v]),
    fc.tuple(keyName, offset).map(([a, o]): Cmd => (k) => ['GETBIT', k(a), o]),
    fc
      .tuple(
        keyName,
        fc.oneof(
          fc.constant<string[]>([]),
          fc.tuple(idx, idx, unit).map(([s, e, u]) => [s, e, ...u]),
        ),
      )
      .map(([a, r]): Cmd => (k) => ['BITCOUNT', k(a), ...r]),
    fc
      .tuple(
        keyName,
        fc.constantFrom('0', '1'),
        fc.constantFrom<string[]>([], ['0'], ['1'], ['-1'], ['0', '-1'], ['1', '3'], ['2', '30', 'BIT'], ['-9', '-2', 'BIT'], ['0', '-1', 'BYTE']),
      )
      .map(([a, b, r]): Cmd => (k) => ['BITPOS', k(a), b, ...r]),
    fc
      .tuple(fc.constantFrom('AND', 'OR', 'XOR', 'NOT'), keyName, fc.array(keyName, { minLength: 1, maxLength: 3 }))
      .map(([op, dst, srcs]): Cmd => (k) => ['BITOP', op, k(dst), ...srcs.map(k)]),
    fc.tuple(keyName, fc.array(field, { maxLength: 4 })).map(([a, fs]): Cmd => (k) => ['BITFIELD', k(a), ...fs.flat()]),
    fc
      .tuple(keyName, fc.array(fc.tuple(type, offset), { maxLength: 3 }))
      .map(([a, fs]): Cmd => (k) => ['BITFIELD_RO', k(a), ...fs.flatMap(([t, o]) => ['GET', t, o])]),
    fc.tuple(keyName, fc.constantFrom('', 'foobar', '\xff\x00\xf0', '12', '\xec\x95\x88')).map(([a, v]): Cmd => (k) => ['SET', k(a), v]),
    keyName.map((a): Cmd => (k) => ['GET', k(a)]),
    keyName.map((a): Cmd => (k) => ['OBJECT', 'ENCODING', k(a)]),
  );

  it('reply exactly as Redis does', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (cmds) => {
        const prefix = `r${run++}:`;
        const k = (name: string) => prefix + name;
        await d.run([...cmds.map((cmd) => cmd(k)), ['GET', k('a')], ['GET', k('b')], ['GET', k('c')]]);
      }),
      { numRuns: 200, seed: 20240612 },
    );
  }, 120_000);
});

describe('bitmap options read as C strings; zero bits still grow the key', () => {
  const d = useDiff();

  it('BIT / BYTE, BITOP names, BITFIELD subcommands and OVERFLOW', () =>
    d.run([
      ['SET', 'k', 'foobar'],
      ['BITCOUNT', 'k', '0', '-1', 'BIT\x00x'],
      ['BITCOUNT', 'k', '1', '1', 'byte\x00'],
      ['BITCOUNT', 'k', '0', '-1', 'B\x00IT'],
      ['BITPOS', 'k', '1', '0', '-1', 'bit\x00y'],
      ['BITPOS', 'k', '0', '2', '-1', 'BYTE\x00'],
      ['BITOP', 'AND\x00x', 'dst', 'k', 'k'],
      ['BITOP', 'not\x00', 'dst2', 'k'],
      ['GET', 'dst2'],
      ['BITFIELD', 'f', 'SET\x00a', 'u8', '0', '255', 'GET\x00', 'u8', '0'],
      ['BITFIELD', 'f', 'OVERFLOW\x00', 'SAT\x00b', 'INCRBY\x00', 'u8', '0', '10'],
      ['BITFIELD', 'f', 'OVERFLOW', 'FAIL', 'incrby', 'u8', '0', '1'],
      ['BITFIELD_RO', 'f', 'GET\x00', 'u8', '0'],
    ]));

  it('the first bad BITFIELD argument is the one reported', () =>
    d.run([
      ['BITFIELD', 'f', 'SET', 'u8', '0', 'x', 'OVERFLOW', 'bad'],
      ['BITFIELD', 'f', 'OVERFLOW', 'bad', 'SET', 'u8', '0', 'x'],
      ['BITFIELD', 'f', 'GET', 'u99', '0', 'SET', 'u8', 'x', '1'],
      ['BITFIELD', 'f', 'GET', 'u8', 'x', 'GET', 'q8', '0'],
      ['BITFIELD', 'f', 'FOO', 'GET', 'u99', '0'],
      ['EXISTS', 'f'],
    ]));

  it('SETBIT and BITFIELD writing zeros create the key or lengthen it', () =>
    d.run([
      ['SETBIT', 'g', '0', '0'],
      ['STRLEN', 'g'],
      ['SETBIT', 'g', '20', '0'],
      ['STRLEN', 'g'],
      ['SETBIT', 'g', '3', '0'],
      ['BITFIELD', 'h', 'SET', 'u8', '0', '0'],
      ['BITFIELD', 'h', 'SET', 'u8', '16', '0'],
      ['STRLEN', 'h'],
    ]));
});
