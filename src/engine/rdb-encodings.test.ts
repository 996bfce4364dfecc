import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesFromLatin1,
  decodeIntset,
  decodeListpack,
  decodeZiplist,
  decodeZipmap,
  encodeIntset,
  encodeListpack,
  encodeZiplist,
  encodeZipmap,
  latin1FromBytes,
  ListpackWriter,
  quicklistFill,
  quicklistNodeAllows,
  quicklistNodes,
} from './rdb-encodings.js';

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

function bytes(h: string): Uint8Array {
  return Uint8Array.from(h.split(' ').filter(Boolean), (x) => parseInt(x, 16));
}

/** The entries of a listpack, without its 6-byte header and end byte. */
function lpBody(items: string[]): string {
  const b = encodeListpack(items);
  return hex(b.subarray(6, b.length - 1));
}

/** Strings that exercise every integer and string encoding. */
const arbElement = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
  fc.integer({ min: -70000, max: 70000 }).map(String),
  fc.constantFrom('', '0', '-0', '01', '+1', ' 1', '1 ', '9223372036854775808', '-9223372036854775809', '1.5'),
  fc.integer({ min: 60, max: 5000 }).map((n) => 'x'.repeat(n)),
);

describe('listpack', () => {
  it('encodes small integers, 13/16/24/32/64-bit integers and their limits', () => {
    expect(lpBody(['0'])).toBe('00 01');
    expect(lpBody(['127'])).toBe('7f 01');
    expect(lpBody(['128'])).toBe('c0 80 02');
    expect(lpBody(['-1'])).toBe('df ff 02');
    expect(lpBody(['4095'])).toBe('cf ff 02');
    expect(lpBody(['-4096'])).toBe('d0 00 02');
    expect(lpBody(['4096'])).toBe('f1 00 10 03');
    expect(lpBody(['-4097'])).toBe('f1 ff ef 03');
    expect(lpBody(['32767'])).toBe('f1 ff 7f 03');
    expect(lpBody(['-32768'])).toBe('f1 00 80 03');
    expect(lpBody(['32768'])).toBe('f2 00 80 00 04');
    expect(lpBody(['8388607'])).toBe('f2 ff ff 7f 04');
    expect(lpBody(['-8388608'])).toBe('f2 00 00 80 04');
    expect(lpBody(['2147483647'])).toBe('f3 ff ff ff 7f 05');
    expect(lpBody(['-2147483648'])).toBe('f3 00 00 00 80 05');
    expect(lpBody(['2147483648'])).toBe('f4 00 00 00 80 00 00 00 00 09');
    expect(lpBody(['9007199254740993'])).toBe('f4 01 00 00 00 00 00 20 00 09');
    expect(lpBody(['9223372036854775807'])).toBe('f4 ff ff ff ff ff ff ff 7f 09');
    expect(lpBody(['-9223372036854775808'])).toBe('f4 00 00 00 00 00 00 00 80 09');
  });

  it('keeps non-canonical numbers as strings', () => {
    expect(lpBody([''])).toBe('80 01');
    expect(lpBody(['01'])).toBe('82 30 31 03');
    expect(lpBody(['-0'])).toBe('82 2d 30 03');
    expect(lpBody(['+1'])).toBe('82 2b 31 03');
    expect(lpBody(['9223372036854775808'])).toMatch(/^93 39 32/);
  });

  it('uses the 6-bit, 12-bit and 32-bit string lengths and 1-3 byte back lengths', () => {
    expect(lpBody(['a'])).toBe('81 61 02');
    const s63 = lpBody(['x'.repeat(63)]);
    expect(s63.startsWith('bf 78')).toBe(true);
    expect(s63.endsWith('78 40')).toBe(true);
    const s64 = lpBody(['x'.repeat(64)]);
    expect(s64.startsWith('e0 40 78')).toBe(true);
    expect(s64.endsWith('78 42')).toBe(true);
    // Entry of 127 bytes: one back-length byte; 128 bytes: two.
    expect(lpBody(['x'.repeat(125)]).endsWith('78 7f')).toBe(true);
    expect(lpBody(['x'.repeat(126)]).endsWith('78 01 80')).toBe(true);
    const s4095 = lpBody(['x'.repeat(4095)]);
    expect(s4095.startsWith('ef ff 78')).toBe(true);
    expect(s4095.endsWith('78 20 81')).toBe(true);
    const s4096 = lpBody(['x'.repeat(4096)]);
    expect(s4096.startsWith('f0 00 10 00 00 78')).toBe(true);
    expect(s4096.endsWith('78 20 85')).toBe(true);
    // 16382 is the last two-byte back length, 16383 takes three (lpEncodeBacklen's bounds).
    expect(lpBody(['x'.repeat(16377)]).endsWith('78 7f fe')).toBe(true);
    expect(lpBody(['x'.repeat(16378)]).endsWith('78 00 ff ff')).toBe(true);
  });

  it('writes the total size and element count in the header', () => {
    const b = encodeListpack(['a', '1']);
    expect(hex(b)).toBe('0c 00 00 00 02 00 81 61 02 01 01 ff');
    expect(hex(encodeListpack([]))).toBe('07 00 00 00 00 00 ff');
    const w = new ListpackWriter();
    expect(w.size).toBe(7);
    w.add('hello').addInt(5).addInt(-9223372036854775808n);
    expect(w.count).toBe(3);
    const size = w.size;
    const done = w.finish();
    expect(done.length).toBe(size);
    expect(decodeListpack(done)).toEqual(['hello', '5', '-9223372036854775808']);
  });

  it('marks the count unknown from 65535 elements on, and still decodes', () => {
    const items = Array.from({ length: 70000 }, (_, i) => String(i % 100));
    const b = encodeListpack(items);
    expect(b[4]).toBe(0xff);
    expect(b[5]).toBe(0xff);
    expect(decodeListpack(b)).toEqual(items);
    const just = encodeListpack(Array.from({ length: 65534 }, () => 'a'));
    expect(hex(just.subarray(4, 6))).toBe('fe ff');
  });

  it('round-trips any elements (property)', () => {
    fc.assert(
      fc.property(fc.array(arbElement, { maxLength: 40 }), (items) => {
        expect(decodeListpack(encodeListpack(items))).toEqual(items);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects malformed listpacks', () => {
    const good = encodeListpack(['abc', '12', 'x'.repeat(200)]);
    expect(decodeListpack(good)).not.toBeNull();
    // Every truncation, and a size that disagrees with the header.
    for (let cut = 0; cut < good.length; cut++) expect(decodeListpack(good.slice(0, cut)), String(cut)).toBeNull();
    const longer = new Uint8Array(good.length + 1);
    longer.set(good);
    longer[good.length] = 0xff;
    expect(decodeListpack(longer)).toBeNull();
    // Wrong element count.
    const count = good.slice();
    count[4] = 4;
    expect(decodeListpack(count)).toBeNull();
    // A back length that does not match its entry.
    const back = good.slice();
    back[6 + 4] = 5; // "abc" entry is 83 61 62 63 04
    expect(decodeListpack(back)).toBeNull();
    // Unknown encoding bytes, and an end byte in the middle.
    for (const e of [0xf5, 0xf9, 0xfe]) {
      const bad = good.slice();
      bad[6] = e;
      expect(decodeListpack(bad), e.toString(16)).toBeNull();
    }
    const early = bytes('09 00 00 00 01 00 ff 01 ff');
    expect(decodeListpack(early)).toBeNull();
    // Header and end byte missing.
    expect(decodeListpack(bytes('06 00 00 00 00 00'))).toBeNull();
    expect(decodeListpack(bytes('07 00 00 00 00 00 00'))).toBeNull();
    expect(decodeListpack(bytes('07 00 00 00 00 00 ff'))).toEqual([]);
  });
});

describe('quicklist nodes', () => {
  it('clamps the fill factor like quicklistSetFill', () => {
    expect(quicklistFill(-2)).toBe(-2);
    expect(quicklistFill(-6)).toBe(-5);
    expect(quicklistFill(-2147483648)).toBe(-5);
    expect(quicklistFill(100_000)).toBe(32767);
    expect(quicklistFill(0)).toBe(0);
  });

  it('decides node admission by size (negative fill) or count within 8 KB (positive fill)', () => {
    // new size = node + element + 8 overhead
    expect(quicklistNodeAllows(8000, 10, -2, 184)).toBe(true);
    expect(quicklistNodeAllows(8000, 10, -2, 185)).toBe(false);
    expect(quicklistNodeAllows(4000, 10, -1, 88)).toBe(true);
    expect(quicklistNodeAllows(4000, 10, -1, 89)).toBe(false);
    expect(quicklistNodeAllows(60000, 10, -5, 5528)).toBe(true);
    expect(quicklistNodeAllows(100, 4, 5, 10)).toBe(true);
    expect(quicklistNodeAllows(100, 5, 5, 10)).toBe(false);
    expect(quicklistNodeAllows(8000, 1, 100, 185)).toBe(false);
    expect(quicklistNodeAllows(100, 0, 0, 1)).toBe(false);
  });

  it('cuts lists where RPUSH would start a new node', () => {
    const sizes = (items: string[], fill: number) => quicklistNodes(items, fill).map((n) => decodeListpack(n)!.length);
    // 100-byte elements take 103 listpack bytes: 79 fit in 8 KB.
    expect(
      sizes(
        Array.from({ length: 200 }, () => 'v'.repeat(100)),
        -2,
      ),
    ).toEqual([79, 79, 42]);
    expect(
      sizes(
        Array.from({ length: 12 }, (_, i) => String(i)),
        5,
      ),
    ).toEqual([5, 5, 2]);
    // 3000-byte elements: two per node under the 8 KB safety limit even with fill 5.
    expect(
      sizes(
        Array.from({ length: 5 }, () => 'w'.repeat(3000)),
        5,
      ),
    ).toEqual([2, 2, 1]);
    expect(
      sizes(
        Array.from({ length: 3 }, () => 'w'.repeat(3000)),
        -1,
      ),
    ).toEqual([1, 1, 1]);
    expect(
      sizes(
        Array.from({ length: 30 }, () => 'w'.repeat(3000)),
        -5,
      ),
    ).toEqual([21, 9]);
    expect(
      sizes(
        Array.from({ length: 30 }, () => 'w'.repeat(3000)),
        -9,
      ),
    ).toEqual([21, 9]);
    // Elements above 8 KB get a node each; fill 0 too.
    expect(sizes(['a', 'z'.repeat(9000), 'b', 'c'], -2)).toEqual([1, 1, 2]);
    expect(sizes(['a', 'b', 'c'], 0)).toEqual([1, 1, 1]);
    expect(quicklistNodes([], -2)).toEqual([]);
  });

  it('keeps every element in order across nodes (property)', () => {
    fc.assert(
      fc.property(fc.array(arbElement, { maxLength: 300 }), fc.integer({ min: -7, max: 40 }), (items, fill) => {
        const nodes = quicklistNodes(items, fill);
        expect(nodes.flatMap((n) => decodeListpack(n)!)).toEqual(items);
        for (const n of nodes) {
          // Only a lone element may exceed a node's limit.
          if (decodeListpack(n)!.length > 1) expect(n.length).toBeLessThanOrEqual(fill < 0 ? 65536 : 8192);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('intset', () => {
  it('sorts members and picks the narrowest width', () => {
    expect(hex(encodeIntset(['5', '-3', '1']))).toBe('02 00 00 00 03 00 00 00 fd ff 01 00 05 00');
    expect(hex(encodeIntset(['100000', '1']))).toBe('04 00 00 00 02 00 00 00 01 00 00 00 a0 86 01 00');
    expect(hex(encodeIntset(['-32768', '32767']))).toBe('02 00 00 00 02 00 00 00 00 80 ff 7f');
    expect(hex(encodeIntset(['-32769']))).toBe('04 00 00 00 01 00 00 00 ff 7f ff ff');
    expect(hex(encodeIntset(['2147483648']))).toBe('08 00 00 00 01 00 00 00 00 00 00 80 00 00 00 00');
    expect(hex(encodeIntset(['9223372036854775807', '-9223372036854775808', '0']))).toBe(
      '08 00 00 00 03 00 00 00 00 00 00 00 00 00 00 80 00 00 00 00 00 00 00 00 ff ff ff ff ff ff ff 7f',
    );
    expect(() => encodeIntset(['a'])).toThrow(RangeError);
    expect(() => encodeIntset(['01'])).toThrow(RangeError);
  });

  it('round-trips members ascending (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.oneof(fc.integer({ min: -40000, max: 40000 }).map(BigInt), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })), {
          minLength: 1,
          maxLength: 60,
        }),
        (values) => {
          const sorted = values.slice().sort((a, b) => (a < b ? -1 : 1));
          expect(decodeIntset(encodeIntset(values.map(String)))).toEqual(sorted.map(String));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects bad widths, sizes, empty sets, duplicates and disorder', () => {
    expect(decodeIntset(bytes('02 00 00 00 02 00 00 00 01 00 02 00'))).toEqual(['1', '2']);
    expect(decodeIntset(bytes('03 00 00 00 01 00 00 00 01 00 00'))).toBeNull();
    expect(decodeIntset(bytes('02 00 00 00 02 00 00 00 01 00'))).toBeNull();
    expect(decodeIntset(bytes('02 00 00 00 00 00 00 00'))).toBeNull();
    expect(decodeIntset(bytes('02 00 00 00 02 00 00 00 01 00 01 00'))).toBeNull();
    expect(decodeIntset(bytes('02 00 00 00 02 00 00 00 02 00 01 00'))).toBeNull();
    expect(decodeIntset(bytes('08 00 00 00 02 00 00 00 00 00 00 00 01 00 00 00 ff ff ff ff 00 00 00 00'))).toBeNull();
    expect(decodeIntset(bytes('02 00 00 00'))).toBeNull();
  });
});

describe('ziplist', () => {
  it('builds the documented example and entries of every encoding', () => {
    // ziplist.c's own example: the integers 2 and 5.
    expect(hex(encodeZiplist(['2', '5']))).toBe('0f 00 00 00 0c 00 00 00 02 00 00 f3 02 f6 ff');
    expect(hex(encodeZiplist(['a', '5', '300']))).toBe('14 00 00 00 0f 00 00 00 03 00 00 01 61 03 f6 02 c0 2c 01 ff');
    expect(hex(encodeZiplist([]))).toBe('0b 00 00 00 0a 00 00 00 00 00 ff');
    const body = (s: string) => hex(encodeZiplist([s]).subarray(11, -1));
    expect(body('12')).toBe('fd');
    expect(body('13')).toBe('fe 0d');
    expect(body('-128')).toBe('fe 80');
    expect(body('-129')).toBe('c0 7f ff');
    expect(body('32768')).toBe('f0 00 80 00');
    expect(body('-8388609')).toBe('d0 ff ff 7f ff');
    expect(body('2147483648')).toBe('e0 00 00 00 80 00 00 00 00');
    expect(body('x'.repeat(64)).slice(0, 5)).toBe('40 40');
    expect(body('x'.repeat(16384)).slice(0, 14)).toBe('80 00 00 40 00');
  });

  it('uses 5-byte previous lengths after entries of 254 bytes or more', () => {
    const zl = encodeZiplist(['y'.repeat(260), 'z']);
    // First entry: prevlen 00, 14-bit length 41 04, 260 bytes = 263 bytes; second has fe + u32le.
    expect(hex(zl.subarray(10 + 263, 10 + 263 + 5))).toBe('fe 07 01 00 00');
    expect(decodeZiplist(zl)).toEqual(['y'.repeat(260), 'z']);
  });

  it('round-trips any elements (property)', () => {
    fc.assert(
      fc.property(fc.array(arbElement, { maxLength: 40 }), (items) => {
        expect(decodeZiplist(encodeZiplist(items))).toEqual(items);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects malformed ziplists', () => {
    const good = encodeZiplist(['abc', '7', '100000', 'q'.repeat(300)]);
    expect(decodeZiplist(good)).not.toBeNull();
    for (let cut = 0; cut < good.length; cut++) expect(decodeZiplist(good.slice(0, cut)), String(cut)).toBeNull();
    const tail = good.slice();
    tail[4] = 11; // tail offset pointing inside the first entry
    expect(decodeZiplist(tail)).toBeNull();
    const count = good.slice();
    count[8] = 9;
    expect(decodeZiplist(count)).toBeNull();
    const unknownCount = good.slice();
    unknownCount[8] = 0xff;
    unknownCount[9] = 0xff;
    expect(decodeZiplist(unknownCount)).toEqual(['abc', '7', '100000', 'q'.repeat(300)]);
    const prev = good.slice();
    prev[10 + 5] = 3; // second entry's previous length (first entry is 5 bytes)
    expect(decodeZiplist(prev)).toBeNull();
    const enc = good.slice();
    enc[10 + 5 + 1] = 0xc1; // not an encoding
    expect(decodeZiplist(enc)).toBeNull();
  });
});

describe('zipmap', () => {
  it('builds the documented example and reads it back', () => {
    const zm = encodeZipmap([
      ['foo', 'bar'],
      ['hello', 'world'],
    ]);
    expect(latin1FromBytes(zm)).toBe('\x02\x03foo\x03\x00bar\x05hello\x05\x00world\xff');
    expect(decodeZipmap(zm)).toEqual(['foo', 'bar', 'hello', 'world']);
  });

  it('skips free bytes and reads 5-byte lengths and unknown counts', () => {
    const long = 'L'.repeat(300);
    const zm = encodeZipmap(
      [
        ['f', long],
        [long, ''],
      ],
      3,
    );
    expect(decodeZipmap(zm)).toEqual(['f', long, long, '']);
    const many = Array.from({ length: 300 }, (_, i) => [`k${i}`, `${i}`] as const);
    const big = encodeZipmap(many);
    expect(big[0]).toBe(254);
    expect(decodeZipmap(big)).toEqual(many.flat());
  });

  it('rejects empty, miscounted and truncated zipmaps', () => {
    expect(decodeZipmap(bytesFromLatin1('\x00\xff'))).toBeNull();
    expect(decodeZipmap(bytesFromLatin1('\x03\x03foo\x03\x00bar\xff'))).toBeNull();
    const good = encodeZipmap([['field', 'value']]);
    for (let cut = 0; cut < good.length; cut++) expect(decodeZipmap(good.slice(0, cut))).toBeNull();
    expect(decodeZipmap(bytesFromLatin1('\x01\x03foo\x09\x00bar\xff'))).toBeNull();
  });
});
