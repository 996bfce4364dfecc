import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createString, lruClock, type RObj } from './objects.js';
import {
  bytesFromLatin1,
  crc64,
  Crc64,
  latin1FromBytes,
  lzfCompress,
  lzfDecompress,
  RDB_TYPE_HASH,
  RdbError,
  RdbReader,
  RdbWriter,
  readRdb,
  writeRdb,
  type RdbDatabase,
} from './rdb.js';

const NOW = 1_700_000_000_000;

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

function db(entries: [string, string, number?][]): RdbDatabase {
  const dict = new Map<string, RObj>();
  const expires = new Map<string, number>();
  for (const [k, v, when] of entries) {
    dict.set(k, createString(v, NOW));
    if (when !== undefined) expires.set(k, when);
  }
  return { dict, expires };
}

function emptyDb(): RdbDatabase {
  return { dict: new Map(), expires: new Map() };
}

/** A byte string of n pseudo-random bytes (incompressible). */
function noise(n: number, seed = 1): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += String.fromCharCode(x >>> 24);
  }
  return s;
}

const OPTS = { ctime: 1_700_000_000, usedMem: 1_000_000 };

describe('CRC-64 (Jones, as Redis)', () => {
  it('matches the known vectors', () => {
    expect(crc64(bytesFromLatin1('123456789'))).toBe(0xe9c6d914c4b8d9can);
    expect(crc64(new Uint8Array(0))).toBe(0n);
    // Redis's crc64.c self-test string.
    const lorem =
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.';
    // Redis hashes sizeof(li): the text and its terminating NUL.
    expect(crc64(bytesFromLatin1(lorem + '\x00'))).toBe(0xc7794709e69683b3n);
  });

  it('gives the same value fed in pieces', () => {
    const data = bytesFromLatin1(noise(1000));
    const inc = new Crc64().update(data, 0, 1).update(data, 1, 500).update(data, 500).digest();
    expect(inc).toBe(crc64(data));
    expect(crc64(data, 10, 20)).toBe(crc64(data.subarray(10, 20)));
  });
});

describe('LZF', () => {
  it('compresses like redis-server (100 x → the bytes of a real dump)', () => {
    const out = lzfCompress(bytesFromLatin1('x'.repeat(100)), 96);
    expect(hex(out!)).toBe('01 78 78 e0 57 00 01 78 78');
  });

  it('returns null when the result would not fit', () => {
    expect(lzfCompress(bytesFromLatin1(noise(100)), 96)).toBeNull();
    expect(lzfCompress(new Uint8Array(0), 10)).toBeNull();
    expect(lzfCompress(bytesFromLatin1('aaaaaaaaaaaaaaaaaaaaaaaa'), 0)).toBeNull();
  });

  it('round-trips text, runs, binary data and long inputs', () => {
    const samples = [
      'a',
      'ab',
      'abc',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'hello world hello world hello world hello world',
      'the quick brown fox '.repeat(500),
      noise(70_000) + noise(70_000, 7) + 'z'.repeat(9000),
      '\x00\xff'.repeat(300),
      Array.from({ length: 3000 }, (_, i) => String(i)).join(','),
    ];
    for (const s of samples) {
      const input = bytesFromLatin1(s);
      const packed = lzfCompress(input, input.length * 2 + 16);
      expect(packed, s.slice(0, 20)).not.toBeNull();
      expect(latin1FromBytes(lzfDecompress(packed!, input.length)!)).toBe(s);
    }
  });

  it('round-trips arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          // Small alphabets make many back references.
          fc.array(fc.constantFrom(0, 1, 97), { maxLength: 3000 }).map((a) => Uint8Array.from(a)),
        ),
        (input) => {
          const packed = lzfCompress(input, input.length * 2 + 16);
          if (input.length === 0) return packed === null;
          const back = lzfDecompress(packed!, input.length);
          return back !== null && hex(back) === hex(input);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects corrupt input', () => {
    // Back reference before the start of the output.
    expect(lzfDecompress(Uint8Array.from([0x20, 0x05]), 3)).toBeNull();
    // Literal run longer than the input.
    expect(lzfDecompress(Uint8Array.from([0x05, 0x61]), 6)).toBeNull();
    // Output longer or shorter than announced.
    const packed = lzfCompress(bytesFromLatin1('abcabcabcabcabcabc'), 40)!;
    expect(lzfDecompress(packed, 17)).toBeNull();
    expect(lzfDecompress(packed, 19)).toBeNull();
    // Truncated back reference.
    expect(lzfDecompress(Uint8Array.from([0x00, 0x61, 0xe0]), 10)).toBeNull();
  });
});

describe('length and string encodings', () => {
  it('writes lengths in the 6, 14, 32 and 64-bit forms and reads them back', () => {
    const cases: [number, string][] = [
      [0, '00'],
      [63, '3f'],
      [64, '40 40'],
      [16383, '7f ff'],
      [16384, '80 00 00 40 00'],
      [0xffffffff, '80 ff ff ff ff'],
      [0x100000000, '81 00 00 00 01 00 00 00 00'],
      [2 ** 40 + 5, '81 00 00 01 00 00 00 00 05'],
    ];
    for (const [n, bytes] of cases) {
      const w = new RdbWriter().len(n);
      const out = w.finish(false).slice(0, w.length - 9);
      expect(hex(out), String(n)).toBe(bytes);
      expect(new RdbReader(out).len()).toBe(n);
    }
  });

  it('stores canonical 8, 16 and 32-bit integers as Redis does', () => {
    const cases: [string, string][] = [
      ['0', 'c0 00'],
      ['-1', 'c0 ff'],
      ['127', 'c0 7f'],
      ['-128', 'c0 80'],
      ['128', 'c1 80 00'],
      ['-129', 'c1 7f ff'],
      ['32767', 'c1 ff 7f'],
      ['-32768', 'c1 00 80'],
      ['32768', 'c2 00 80 00 00'],
      ['2147483647', 'c2 ff ff ff 7f'],
      ['-2147483648', 'c2 00 00 00 80'],
      // Not 32-bit, or not canonical: plain strings.
      ['2147483648', '0a 32 31 34 37 34 38 33 36 34 38'],
      ['-2147483649', '0b 2d 32 31 34 37 34 38 33 36 34 39'],
      ['007', '03 30 30 37'],
      ['-0', '02 2d 30'],
      ['+1', '02 2b 31'],
      [' 1', '02 20 31'],
      ['', '00'],
    ];
    for (const [s, bytes] of cases) {
      const w = new RdbWriter().string(s);
      const out = w.finish(false).slice(0, w.length - 9);
      expect(hex(out), s).toBe(bytes);
      expect(new RdbReader(out).string()).toBe(s);
    }
  });

  it('compresses strings over 20 bytes only when asked and when it pays', () => {
    const long = 'a'.repeat(21);
    const w1 = new RdbWriter().string(long);
    expect(w1.finish(false)[0]).toBe(0xc3);
    const w2 = new RdbWriter({ compression: false }).string(long);
    expect(w2.finish(false)[0]).toBe(21);
    const w3 = new RdbWriter().string('a'.repeat(20));
    expect(w3.finish(false)[0]).toBe(20);
    const w4 = new RdbWriter().string(noise(50));
    expect(w4.finish(false)[0]).toBe(50);
  });
});

describe('writeRdb / readRdb', () => {
  it('writes the header and AUX fields of Redis 7.0', () => {
    const out = writeRdb([emptyDb()], OPTS);
    const text = latin1FromBytes(out);
    expect(text.startsWith('REDIS0010\xfa\x09redis-ver\x067.0.15\xfa\x0aredis-bits\xc0\x40')).toBe(true);
    const c = readRdb(out, { now: NOW });
    expect([...c.aux]).toEqual([
      ['redis-ver', '7.0.15'],
      ['redis-bits', '64'],
      ['ctime', '1700000000'],
      ['used-mem', '1000000'],
      ['aof-base', '0'],
    ]);
    expect(c.version).toBe(10);
    expect(c.keys).toEqual([]);
    expect(c.checksum).toBe(crc64(out, 0, out.length - 8));
  });

  it('round-trips keys, values and expiries across databases', () => {
    const big = noise(20_000, 3); // 32-bit length, incompressible
    const mid = noise(100, 4); // 14-bit length
    const dbs = [
      db([
        ['plain', 'value'],
        ['', 'empty key'],
        ['empty value', ''],
        ['\x00bin\xff\r\n', '\xec\x95\x88\x00\xff'],
        ['int', '12345'],
        ['neg', '-7'],
        ['big int', '9223372036854775807'],
        ['min int', '-9223372036854775808'],
        ['padded', '00012'],
        ['12345', 'integer key'],
        ['long', 'abc'.repeat(1000)],
        ['noise', big],
        ['mid', mid],
        ['ttl', 'v', NOW + 12_345],
        ['old ttl', 'v', NOW - 1],
      ]),
      emptyDb(),
      emptyDb(),
      db([['in db 3', 'x', 2 ** 45]]),
      ...Array.from({ length: 11 }, emptyDb),
      db([['last db', 'y']]),
    ];
    const out = writeRdb(dbs, OPTS);
    const c = readRdb(out, { now: NOW });
    const got = c.keys.map((k) => [k.db, k.key, (k.value as { value: string }).value, k.expireAt]);
    const want: unknown[] = [];
    dbs.forEach((d, i) => {
      for (const [k, o] of d.dict) want.push([i, k, o.value, d.expires.get(k) ?? -1]);
    });
    expect(got).toEqual(want);
    expect([...c.sizes]).toEqual([
      [0, [15, 2]],
      [3, [1, 1]],
      [15, [1, 0]],
    ]);
    for (const k of c.keys) {
      expect(k.value.type).toBe('string');
      expect(k.value.type === 'string' && k.value.enc).toBeUndefined();
      expect(k.value.lru).toBe(lruClock(NOW));
      expect(k.idle).toBe(-1);
      expect(k.freq).toBe(-1);
    }
  });

  it('reads back the same data with compression off and checksum off', () => {
    const dbs = [db([['k', 'hello'.repeat(50), NOW + 5]])];
    const out = writeRdb(dbs, { ...OPTS, compression: false, checksum: false });
    expect(hex(out.slice(-8))).toBe('00 00 00 00 00 00 00 00');
    const c = readRdb(out, { now: NOW });
    expect(c.checksum).toBe(0n);
    expect(c.keys[0]!.value).toMatchObject({ value: 'hello'.repeat(50) });
    expect(c.keys[0]!.expireAt).toBe(NOW + 5);
  });

  it('writes IDLE times when asked and reads IDLE and FREQ', () => {
    const out = writeRdb([db([['a', '1']])], { ...OPTS, idleSeconds: () => 42.7 });
    const c = readRdb(out, { now: NOW });
    expect(c.keys[0]!.idle).toBe(42);

    const w = new RdbWriter().header().selectDb(0);
    w.byte(249).byte(7); // FREQ 7
    w.keyValue('f', createString('v', 0));
    const c2 = readRdb(w.finish(), { now: NOW });
    expect(c2.keys[0]!.freq).toBe(7);
    expect(c2.keys[0]!.idle).toBe(-1);
  });

  it('keeps FUNCTION libraries', () => {
    const code = "#!lua name=lib\nredis.register_function('f', function() return 1 end)";
    const out = writeRdb([emptyDb()], { ...OPTS, functions: [code] });
    expect(readRdb(out, { now: NOW }).functions).toEqual([code]);
  });

  it('reads older versions: no checksum before v5, second-precision expiry', () => {
    const w = new RdbWriter().header(4).selectDb(2);
    w.byte(253).byte(0x10).byte(0x27).byte(0).byte(0); // EXPIRETIME 10000 s
    w.keyValue('old', createString('v', 0));
    w.byte(255);
    const bytes = w.finish(false).slice(0, w.length); // drop the 8-byte trailer
    const c = readRdb(bytes, { now: NOW });
    expect(c.version).toBe(4);
    expect(c.checksum).toBeNull();
    expect(c.keys).toEqual([expect.objectContaining({ db: 2, key: 'old', expireAt: 10_000_000 })]);
  });
});

describe('readRdb errors', () => {
  const good = writeRdb([db([['k', 'v'.repeat(30)]])], OPTS);

  function fails(bytes: Uint8Array, message: RegExp): void {
    expect(() => readRdb(bytes, { now: NOW })).toThrow(RdbError);
    expect(() => readRdb(bytes, { now: NOW })).toThrow(message);
  }

  it('checks the signature and the version', () => {
    fails(bytesFromLatin1('REDIX0010\xff'), /Wrong signature/);
    fails(bytesFromLatin1('REDIS0011\xff'), /Can't handle RDB format version 11/);
    fails(bytesFromLatin1('REDIS0000\xff'), /Can't handle RDB format version/);
    fails(bytesFromLatin1('REDIS'), /Unexpected EOF/);
  });

  it('validates the checksum (unless disabled)', () => {
    const bad = good.slice();
    bad[21] ^= 1; // redis-ver 7.0.15 → 6.0.15
    fails(bad, /Wrong RDB checksum expected: \([0-9a-f]+\) but got \([0-9a-f]+\)/);
    expect(readRdb(bad, { now: NOW, verifyChecksum: false }).keys).toHaveLength(1);
    const badSum = good.slice();
    badSum[badSum.length - 1] ^= 0x80;
    fails(badSum, /Wrong RDB checksum/);
  });

  it('reports a truncated file at every cut', () => {
    for (let cut = 9; cut < good.length; cut++) {
      expect(() => readRdb(good.slice(0, cut), { now: NOW }), String(cut)).toThrow(/Unexpected EOF/);
    }
  });

  it('names value types it cannot load yet, and rejects unknown ones', () => {
    const w = new RdbWriter().header().selectDb(3);
    w.byte(RDB_TYPE_HASH).string('myhash').len(1).string('f').string('v');
    fails(w.finish(), /Cannot load key 'myhash' in db 3: RDB type 4 \(hash\) is not supported yet/);

    const w2 = new RdbWriter().header();
    w2.byte(8).string('k');
    fails(w2.finish(), /Unknown RDB encoding type 8/);

    const w3 = new RdbWriter().header();
    w3.byte(247);
    fails(w3.finish(), /module data/);
  });

  it('rejects bad string encodings and corrupt LZF data', () => {
    const w = new RdbWriter().header().selectDb(0);
    w.byte(0).string('k').byte(0xc4);
    fails(w.finish(), /Unknown RDB string encoding type 4/);

    const w2 = new RdbWriter().header().selectDb(0);
    w2.byte(0).string('k').byte(0xc3).len(2).len(10).byte(0x20).byte(0x05);
    fails(w2.finish(), /Invalid LZF compressed string/);

    const w3 = new RdbWriter().header().selectDb(0);
    w3.byte(0).string('k').byte(0x82);
    fails(w3.finish(), /Unknown length encoding 2/);
  });
});
