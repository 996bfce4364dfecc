import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deque } from './ds/deque.js';
import { ZSet } from './ds/zset.js';
import { Engine } from './engine.js';
import { createString, type RObj } from './objects.js';
import { estimateUsedMemory, loadSnapshot, snapshot, valueBytes } from './persistence.js';
import {
  bytesFromLatin1,
  crc64,
  Crc64,
  DEFAULT_ENCODING_LIMITS,
  latin1FromBytes,
  listpackScore,
  lzfCompress,
  LzfRun,
  lzfDecompress,
  RDB_TYPE_HASH,
  RDB_TYPE_HASH_LISTPACK,
  RDB_TYPE_HASH_ZIPLIST,
  RDB_TYPE_HASH_ZIPMAP,
  RDB_TYPE_LIST,
  RDB_TYPE_LIST_QUICKLIST,
  RDB_TYPE_LIST_QUICKLIST_2,
  RDB_TYPE_LIST_ZIPLIST,
  RDB_TYPE_SET,
  RDB_TYPE_SET_INTSET,
  RDB_TYPE_STREAM_LISTPACKS,
  RDB_TYPE_ZSET,
  RDB_TYPE_ZSET_2,
  RDB_TYPE_ZSET_LISTPACK,
  RDB_TYPE_ZSET_ZIPLIST,
  RdbError,
  RdbReader,
  RdbWriter,
  readRdb,
  writeRdb,
  type EncodingLimits,
  type RdbDatabase,
  type RdbSaveOptions,
} from './rdb.js';
import { encodeIntset, encodeListpack, encodeZiplist, encodeZipmap } from './rdb-encodings.js';
import { writeStreamValue } from './rdb-stream.js';
import type { Reply } from '../shared/reply.js';
import { VirtualClock } from './clock.js';

const NOW = 1_700_000_000_000;

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

function db(entries: [string, string, number?][]): RdbDatabase {
  const dict = new Map<string, RObj>();
  const expires = new Map<string, number>();
  for (const [k, v, when] of entries) {
    dict.set(k, createString(v));
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

  it('compresses a slice at a time to the same bytes as in one call (LzfRun)', () => {
    const samples = ['the quick brown fox '.repeat(2000), noise(50_000), 'x'.repeat(30_000) + noise(3000) + 'abcabc'.repeat(4000), noise(20_000, 3)];
    for (const s of samples) {
      const input = bytesFromLatin1(s);
      for (const maxOut of [input.length - 4, Math.floor(input.length / 3)]) {
        const whole = lzfCompress(input, maxOut);
        for (const slice of [1, 7, 4096]) {
          const run = new LzfRun(input, maxOut, new Int32Array(1 << 16), 1);
          let calls = 0;
          while (!run.advance(run.position + slice)) calls++;
          expect(calls).toBeGreaterThan(0);
          const parts = run.result();
          expect(parts === null ? null : hex(parts), `${s.slice(0, 10)} ${maxOut} ${slice}`).toEqual(whole === null ? null : hex(whole));
        }
      }
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
    w.keyValue('f', createString('v'));
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
    w.keyValue('old', createString('v'));
    w.byte(255);
    const bytes = w.finish(false).slice(0, w.length); // drop the 8-byte trailer
    const c = readRdb(bytes, { now: NOW });
    expect(c.version).toBe(4);
    expect(c.checksum).toBeNull();
    expect(c.keys).toEqual([expect.objectContaining({ db: 2, key: 'old', expireAt: 10_000_000 })]);
  });
});

describe("Redis 6's streams (RDB_TYPE_STREAM_LISTPACKS)", () => {
  // Such a file lacks 7.0's counters: they are derived on load as Redis 7.0 derives them.
  it("load, with entries-added, first ID and each group's entries-read derived", () => {
    const e = new Engine({ clock: new VirtualClock(NOW) });
    const c = e.createClient();
    for (const argv of [
      ['XADD', 's', '1-0', 'a', '1'],
      ['XADD', 's', '2-0', 'b', '2'],
      ['XADD', 's', '3-0', 'a', '3'],
      ['XGROUP', 'CREATE', 's', 'at-start', '0'],
      ['XGROUP', 'CREATE', 's', 'at-end', '$'],
      ['XGROUP', 'CREATE', 's', 'midway', '0'],
      ['XREADGROUP', 'GROUP', 'midway', 'alice', 'COUNT', '2', 'STREAMS', 's', '>'],
    ]) {
      e.execute(c, argv);
    }
    const stream = e.dbs[0]!.dict.get('s')!;
    if (stream.type !== 'stream') throw new Error('not a stream');
    const w = new RdbWriter().header().selectDb(0);
    w.byte(RDB_TYPE_STREAM_LISTPACKS).string('s');
    writeStreamValue(w, stream.value, true);
    const loaded = new Engine({ clock: new VirtualClock(NOW) });
    loadSnapshot(loaded, w.finish());
    const lc = loaded.createClient();
    const info = (eng: Engine, cl: typeof c) => JSON.stringify(eng.execute(cl, ['XINFO', 'STREAM', 's']));
    // Same entries, same first and last IDs; no tombstones, so every entry counts as added.
    expect(info(loaded, lc)).toBe(info(e, c));
    const groups = loaded.execute(lc, ['XINFO', 'GROUPS', 's']);
    const field = (g: Reply, name: string): Reply | undefined => {
      if (g.t !== 'map') throw new Error('not a map');
      return g.v.find(([k]) => k.t === 'bulk' && k.v === name)?.[1];
    };
    if (groups === null || groups.t !== 'array' || groups.v === null) throw new Error('no groups');
    const byName = new Map(groups.v.map((g) => [(field(g, 'name') as { v: string }).v, g] as const));
    // At 0-0: nothing read yet. At the last ID: everything. Midway: Redis 7.0 cannot tell (nil),
    // and the group still has its pending entries.
    expect(field(byName.get('at-start')!, 'entries-read')).toEqual({ t: 'int', v: 0 });
    expect(field(byName.get('at-end')!, 'entries-read')).toEqual({ t: 'int', v: 3 });
    expect(field(byName.get('midway')!, 'entries-read')).toEqual({ t: 'bulk', v: null });
    expect(field(byName.get('midway')!, 'pending')).toEqual({ t: 'int', v: 2 });
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
    bad[21]! ^= 1; // redis-ver 7.0.15 → 6.0.15
    fails(bad, /Wrong RDB checksum expected: \([0-9a-f]+\) but got \([0-9a-f]+\)/);
    expect(readRdb(bad, { now: NOW, verifyChecksum: false }).keys).toHaveLength(1);
    const badSum = good.slice();
    badSum[badSum.length - 1]! ^= 0x80;
    fails(badSum, /Wrong RDB checksum/);
  });

  it('reports a truncated file at every cut', () => {
    for (let cut = 9; cut < good.length; cut++) {
      expect(() => readRdb(good.slice(0, cut), { now: NOW }), String(cut)).toThrow(/Unexpected EOF/);
    }
  });

  it('names value types it cannot load yet, and rejects unknown ones', () => {
    const w = new RdbWriter().header().selectDb(3);
    w.byte(7).string('mymodule').len(0);
    fails(w.finish(), /Cannot load key 'mymodule' in db 3: RDB type 7 \(module value\) is not supported yet/);

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

// ---------------------------------------------------------------------------------------------
// Collections
// ---------------------------------------------------------------------------------------------

type HashEnc = 'listpack' | 'hashtable';
type SetEnc = 'intset' | 'hashtable';
type ZSetEnc = 'listpack' | 'skiplist';

function listObj(items: string[]): RObj {
  return { type: 'list', value: Deque.from(items) };
}
function hashObj(pairs: [string, string][], enc: HashEnc = 'listpack'): RObj {
  return { type: 'hash', value: new Map(pairs), enc };
}
function setObj(members: string[], enc: SetEnc = 'hashtable'): RObj {
  return { type: 'set', value: new Set(members), enc };
}
function zsetObj(pairs: [string, number][], enc: ZSetEnc = 'listpack'): RObj {
  const z = new ZSet();
  for (const [m, s] of pairs) z.add(m, s);
  return { type: 'zset', value: z, enc };
}

/** What a value holds, in a comparable form (sets sorted, zsets in order, hashes in order). */
function contents(o: RObj): unknown {
  switch (o.type) {
    case 'string':
      return o.value;
    case 'list':
      return o.value.toArray();
    case 'hash':
      return [...o.value];
    case 'set':
      return [...o.value].sort();
    case 'zset':
      return [...o.value];
  }
}
function encOf(o: RObj): string {
  return o.type === 'list' ? 'quicklist' : o.type === 'string' ? 'string' : o.type === 'stream' ? 'stream' : o.enc;
}

function fileOf(objs: Record<string, RObj>, options: Partial<RdbSaveOptions> = {}): Uint8Array {
  return writeRdb([{ dict: new Map(Object.entries(objs)), expires: new Map() }], { ...OPTS, ...options });
}

function load(bytes: Uint8Array, limits?: EncodingLimits): Map<string, RObj> {
  return new Map(readRdb(bytes, { now: NOW, limits }).keys.map((k) => [k.key, k.value]));
}

/** Bytes of a file holding one key of a raw type, written by `body`. */
function rawFile(type: number, body: (w: RdbWriter) => void, key = 'k'): Uint8Array {
  const w = new RdbWriter().header().selectDb(0);
  w.byte(type).string(key);
  body(w);
  return w.finish();
}

function loadOne(type: number, body: (w: RdbWriter) => void, limits?: EncodingLimits): RObj {
  const keys = readRdb(rawFile(type, body), { now: NOW, limits }).keys;
  expect(keys).toHaveLength(1);
  return keys[0]!.value;
}

/** The type byte of the first key of a file (after the header, AUX fields, SELECTDB, RESIZEDB). */
function firstType(bytes: Uint8Array): number {
  const r = new RdbReader(bytes);
  r.take(9);
  for (;;) {
    const op = r.byte();
    if (op === 0xfa) {
      r.string();
      r.string();
    } else if (op === 0xfe) {
      r.len();
    } else if (op === 0xfb) {
      r.len();
      r.len();
    } else {
      return op;
    }
  }
}

const EDGE_VALUES = [
  'a',
  '',
  '0',
  '-0',
  '01',
  '+1',
  '127',
  '128',
  '-4096',
  '-4097',
  '32768',
  '-8388609',
  '2147483648',
  '9223372036854775807',
  '-9223372036854775808',
  '9223372036854775808',
  '\x00\xff\r\n',
  '\xec\x95\x88',
  'x'.repeat(63),
  'y'.repeat(64),
  'z'.repeat(5000),
];

const LIMITS = (over: Partial<EncodingLimits>): EncodingLimits => ({ ...DEFAULT_ENCODING_LIMITS, ...over });

describe('collections: write and read back', () => {
  it('lists: every element form, one node or many, with the quicklist type', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `item-${i}`);
    const huge = ['s', 'h'.repeat(20_000), 't'];
    const objs = { small: listObj(EDGE_VALUES), big: listObj(big), huge: listObj(huge) };
    const back = load(fileOf(objs));
    for (const [k, o] of Object.entries(objs)) {
      expect(contents(back.get(k)!), k).toEqual(contents(o));
      expect(back.get(k)!.type).toBe('list');
    }
    expect(firstType(fileOf({ l: listObj(['a']) }))).toBe(RDB_TYPE_LIST_QUICKLIST_2);
  });

  it('lists: node cutting follows list-max-listpack-size, compressed nodes follow list-compress-depth', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `element number ${i}`);
    const plain = fileOf({ l: listObj(items) }, { compression: false });
    const byCount = fileOf({ l: listObj(items) }, { compression: false, listMaxListpackSize: 10 });
    // 300 nodes of 10 cost more headers than 8 KB nodes.
    expect(byCount.length).toBeGreaterThan(plain.length);
    const deep = fileOf({ l: listObj(items) }, { compression: false, listCompressDepth: 1 });
    expect(deep.length).toBeLessThan(plain.length / 2);
    for (const f of [plain, byCount, deep]) expect(contents(load(f).get('l')!)).toEqual(items);
    // Depth larger than half the nodes: nothing to compress.
    const shallow = fileOf({ l: listObj(items) }, { compression: false, listCompressDepth: 100 });
    expect(shallow.length).toBe(plain.length);
  });

  it('hashes: listpack in insertion order (type 16) and hashtable (type 4)', () => {
    const pairs: [string, string][] = EDGE_VALUES.map((v, i) => [i % 2 ? v : `f${i}`, i % 2 ? `v${i}` : v]);
    const lp = hashObj(pairs.slice(0, 10), 'listpack');
    const ht = hashObj(pairs, 'hashtable');
    const back = load(fileOf({ lp, ht }));
    expect(contents(back.get('lp')!)).toEqual(pairs.slice(0, 10));
    expect(encOf(back.get('lp')!)).toBe('listpack');
    expect(new Map(contents(back.get('ht')!) as [string, string][])).toEqual(new Map(pairs));
    expect(encOf(back.get('ht')!)).toBe('hashtable');
    expect(firstType(fileOf({ h: lp }))).toBe(RDB_TYPE_HASH_LISTPACK);
    expect(firstType(fileOf({ h: ht }))).toBe(RDB_TYPE_HASH);
  });

  it('sets: intset of every width (type 11) and hashtable (type 2)', () => {
    const ints = ['5', '-3', '0', '32767', '-32768', '100000', '-2147483648', '9223372036854775807', '-9223372036854775808'];
    const objs = {
      i16: setObj(['1', '2', '-7'], 'intset'),
      i32: setObj(['1', '70000'], 'intset'),
      i64: setObj(ints, 'intset'),
      ht: setObj(EDGE_VALUES, 'hashtable'),
    };
    const back = load(fileOf(objs));
    for (const [k, o] of Object.entries(objs)) {
      expect(contents(back.get(k)!), k).toEqual(contents(o));
      expect(encOf(back.get(k)!), k).toBe(encOf(o));
    }
    expect(firstType(fileOf({ s: objs.i16 }))).toBe(RDB_TYPE_SET_INTSET);
    expect(firstType(fileOf({ s: objs.ht }))).toBe(RDB_TYPE_SET);
  });

  it('sorted sets: listpack (type 17) and skiplist (type 5) with inf, -inf, -0 and big scores', () => {
    const pairs: [string, number][] = [
      ['pinf', Infinity],
      ['ninf', -Infinity],
      ['negzero', -0],
      ['half', 1.5],
      ['third', 1 / 3],
      ['big', 2 ** 60],
      ['bigger', 2 ** 62],
      ['huge', 2 ** 62 + 2 ** 10],
      ['tiny', -5e-324],
      ['neg', -123456789],
      ['max', Number.MAX_VALUE],
      ['\x00bin\xff', 7],
      ['', 7],
    ];
    const lp = zsetObj(pairs, 'listpack');
    const sk = zsetObj(pairs, 'skiplist');
    // (A small skiplist would load as a listpack: no listpacks allowed here.)
    const back = new Map([
      ['lp', load(fileOf({ lp })).get('lp')!],
      ['sk', load(fileOf({ sk }), LIMITS({ zsetMaxListpackEntries: 0 })).get('sk')!],
    ]);
    // A listpack stores whole-number scores as integers: -0 comes back as 0 (Redis does the same).
    const lpBack = back.get('lp')!;
    expect(encOf(lpBack)).toBe('listpack');
    const expectedLp = (contents(lp) as [string, number][]).map(([m, s]) => [m, s === 0 ? 0 : s]);
    expect(contents(lpBack)).toEqual(expectedLp);
    expect(Object.is((lpBack as { value: ZSet }).value.score('negzero'), 0)).toBe(true);
    const skBack = back.get('sk')!;
    expect(encOf(skBack)).toBe('skiplist');
    expect(contents(skBack)).toEqual(contents(sk));
    expect(Object.is((skBack as { value: ZSet }).value.score('negzero'), -0)).toBe(true);
    expect(firstType(fileOf({ z: lp }))).toBe(RDB_TYPE_ZSET_LISTPACK);
    expect(firstType(fileOf({ z: sk }))).toBe(RDB_TYPE_ZSET_2);
  });

  it('prints listpack scores as zzlInsertAt does', () => {
    expect(listpackScore(-0)).toBe('0');
    expect(listpackScore(0)).toBe('0');
    expect(listpackScore(-17)).toBe('-17');
    expect(listpackScore(2 ** 60)).toBe('1152921504606846976');
    expect(listpackScore(-(2 ** 62))).toBe('-4611686018427387904');
    expect(listpackScore(2 ** 62 + 1024)).toBe('4.6116860184273889e+18');
    expect(listpackScore(1.1)).toBe('1.1000000000000001');
    expect(listpackScore(Infinity)).toBe('inf');
    expect(listpackScore(-Infinity)).toBe('-inf');
    expect(listpackScore(1e300)).toBe('1.0000000000000001e+300');
  });

  it('round-trips random collections of every type and encoding (property)', () => {
    const member = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
      fc.integer({ min: -300, max: 300 }).map(String),
    );
    const score = fc.double({ noNaN: true });
    fc.assert(
      fc.property(
        fc.array(member, { maxLength: 50 }),
        fc.uniqueArray(fc.tuple(member, member), { selector: (p) => p[0], minLength: 1, maxLength: 30 }),
        fc.uniqueArray(member, { minLength: 1, maxLength: 30 }),
        fc.uniqueArray(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { minLength: 1, maxLength: 30 }),
        fc.uniqueArray(fc.tuple(member, score), { selector: (p) => p[0], minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (list, hpairs, members, ints, zpairs, compression) => {
          const objs: Record<string, RObj> = {
            h1: hashObj(hpairs, 'listpack'),
            h2: hashObj(hpairs, 'hashtable'),
            s1: setObj(members, 'hashtable'),
            s2: setObj(ints.map(String), 'intset'),
            z1: zsetObj(zpairs, 'skiplist'),
          };
          if (list.length > 0) objs.l = listObj(list);
          const back = load(fileOf(objs, { compression }), LIMITS({ hashMaxListpackEntries: 1000, hashMaxListpackValue: 1000, zsetMaxListpackEntries: 0 }));
          for (const [k, o] of Object.entries(objs)) {
            const b = back.get(k)!;
            if (o.type === 'hash' && o.enc === 'hashtable') {
              // A small table hash loads as a listpack (the limits allow it); order is the table's.
              expect(new Map(contents(b) as [string, string][])).toEqual(o.value);
            } else {
              expect(contents(b), k).toEqual(contents(o));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('collections: encodings chosen on load (rdbLoadObject)', () => {
  it('hash (type 4): listpack unless too many fields or a long field or value', () => {
    const pairs = (n: number, len = 1): [string, string][] => Array.from({ length: n }, (_, i) => [`f${i}`, 'v'.repeat(len)]);
    const file = (p: [string, string][]) => fileOf({ k: hashObj(p, 'hashtable') });
    expect(encOf(load(file(pairs(512))).get('k')!)).toBe('listpack');
    expect(encOf(load(file(pairs(513))).get('k')!)).toBe('hashtable');
    expect(encOf(load(file(pairs(3, 64))).get('k')!)).toBe('listpack');
    expect(encOf(load(file(pairs(3, 65))).get('k')!)).toBe('hashtable');
    expect(encOf(load(file([['f'.repeat(65), 'v']])).get('k')!)).toBe('hashtable');
    expect(encOf(load(file(pairs(3)), LIMITS({ hashMaxListpackEntries: 2 })).get('k')!)).toBe('hashtable');
    expect(encOf(load(file(pairs(3, 10)), LIMITS({ hashMaxListpackValue: 9 })).get('k')!)).toBe('hashtable');
    // Field order survives the conversion to listpack.
    expect(contents(load(file(pairs(5))).get('k')!)).toEqual(pairs(5));
  });

  it('hash listpack (type 16): converted by count only', () => {
    const file = fileOf({
      k: hashObj(
        [
          ['a', 'x'.repeat(100)],
          ['b', '1'],
          ['c', '2'],
        ],
        'listpack',
      ),
    });
    expect(encOf(load(file).get('k')!)).toBe('listpack');
    expect(encOf(load(file, LIMITS({ hashMaxListpackEntries: 2 })).get('k')!)).toBe('hashtable');
  });

  it('set (type 2): intset when every member is an integer and there are few enough', () => {
    const file = (m: string[]) => fileOf({ k: setObj(m, 'hashtable') });
    expect(encOf(load(file(['1', '2', '-3'])).get('k')!)).toBe('intset');
    expect(encOf(load(file(['1', '2', 'x'])).get('k')!)).toBe('hashtable');
    expect(encOf(load(file(['1', '01'])).get('k')!)).toBe('hashtable');
    expect(encOf(load(file(['9223372036854775808'])).get('k')!)).toBe('hashtable');
    const many = Array.from({ length: 513 }, (_, i) => String(i));
    expect(encOf(load(file(many)).get('k')!)).toBe('hashtable');
    expect(encOf(load(file(many.slice(0, 512))).get('k')!)).toBe('intset');
    expect(encOf(load(file(['1', '2', '3']), LIMITS({ setMaxIntsetEntries: 2 })).get('k')!)).toBe('hashtable');
  });

  it('set intset (type 11): a table when over set-max-intset-entries', () => {
    const file = fileOf({ k: setObj(['1', '2', '3'], 'intset') });
    expect(encOf(load(file).get('k')!)).toBe('intset');
    expect(encOf(load(file, LIMITS({ setMaxIntsetEntries: 2 })).get('k')!)).toBe('hashtable');
  });

  it('zset (type 5): listpack when small in count and member length; -0 becomes 0 then', () => {
    const file = (p: [string, number][]) => fileOf({ k: zsetObj(p, 'skiplist') });
    const small = load(
      file([
        ['a', -0],
        ['b', 1],
      ]),
    ).get('k')!;
    expect(encOf(small)).toBe('listpack');
    expect(Object.is((small as { value: ZSet }).value.score('a'), 0)).toBe(true);
    expect(encOf(load(file([['m'.repeat(64), 1]])).get('k')!)).toBe('listpack');
    expect(encOf(load(file([['m'.repeat(65), 1]])).get('k')!)).toBe('skiplist');
    const many = Array.from({ length: 129 }, (_, i): [string, number] => [`m${i}`, i]);
    expect(encOf(load(file(many)).get('k')!)).toBe('skiplist');
    expect(encOf(load(file(many.slice(0, 128))).get('k')!)).toBe('listpack');
    const big = load(
      file([
        ['a', -0],
        ['b', 1],
      ]),
      LIMITS({ zsetMaxListpackEntries: 1 }),
    ).get('k')!;
    expect(encOf(big)).toBe('skiplist');
    expect(Object.is((big as { value: ZSet }).value.score('a'), -0)).toBe(true);
    expect(encOf(load(file([['abc', 1]]), LIMITS({ zsetMaxListpackValue: 2 })).get('k')!)).toBe('skiplist');
  });

  it('zset listpack (type 17): converted by count only', () => {
    const file = fileOf({
      k: zsetObj(
        [
          ['m'.repeat(100), 1],
          ['b', 2],
        ],
        'listpack',
      ),
    });
    expect(encOf(load(file).get('k')!)).toBe('listpack');
    expect(encOf(load(file, LIMITS({ zsetMaxListpackEntries: 1 })).get('k')!)).toBe('skiplist');
  });
});

describe('collections: older RDB types', () => {
  it('LIST (1): one string per element', () => {
    const o = loadOne(RDB_TYPE_LIST, (w) => {
      w.len(3).string('a').string('12').string('x'.repeat(100));
    });
    expect(contents(o)).toEqual(['a', '12', 'x'.repeat(100)]);
  });

  it('LIST_ZIPLIST (10) and LIST_QUICKLIST (14, ziplist nodes)', () => {
    const o = loadOne(RDB_TYPE_LIST_ZIPLIST, (w) => {
      w.blob(encodeZiplist(EDGE_VALUES));
    });
    expect(contents(o)).toEqual(EDGE_VALUES);
    const q = loadOne(RDB_TYPE_LIST_QUICKLIST, (w) => {
      w.len(3)
        .blob(encodeZiplist(['a', '1']))
        .blob(encodeZiplist([]))
        .blob(encodeZiplist(EDGE_VALUES));
    });
    expect(contents(q)).toEqual(['a', '1', ...EDGE_VALUES]);
  });

  it('LIST_QUICKLIST_2 (18) with plain nodes (elements of 1 GB or more)', () => {
    const o = loadOne(RDB_TYPE_LIST_QUICKLIST_2, (w) => {
      w.len(3)
        .len(2)
        .blob(encodeListpack(['a', 'b']))
        .len(1)
        .string('plain element')
        .len(2)
        .blob(encodeListpack(['c']));
    });
    expect(contents(o)).toEqual(['a', 'b', 'plain element', 'c']);
  });

  it('ZSET (3): scores as text, with 253/254/255 for nan/inf/-inf', () => {
    const o = loadOne(RDB_TYPE_ZSET, (w) => {
      w.len(4);
      w.string('a').byte(3).raw('1.5');
      w.string('b').byte(254);
      w.string('c').byte(255);
      w.string('d').byte(19).raw('0.33333333333333331');
    });
    expect(contents(o)).toEqual([
      ['c', -Infinity],
      ['d', 1 / 3],
      ['a', 1.5],
      ['b', Infinity],
    ]);
    expect(encOf(o)).toBe('listpack');
  });

  it('HASH_ZIPMAP (9): converted by count and by longest field or value', () => {
    const zm = encodeZipmap(
      [
        ['name', 'redis'],
        ['n', '1'],
      ],
      2,
    );
    const o = loadOne(RDB_TYPE_HASH_ZIPMAP, (w) => {
      w.blob(zm);
    });
    expect(contents(o)).toEqual([
      ['name', 'redis'],
      ['n', '1'],
    ]);
    expect(encOf(o)).toBe('listpack');
    const long = loadOne(RDB_TYPE_HASH_ZIPMAP, (w) => {
      w.blob(encodeZipmap([['f', 'v'.repeat(65)]]));
    });
    expect(encOf(long)).toBe('hashtable');
    const many = loadOne(
      RDB_TYPE_HASH_ZIPMAP,
      (w) => {
        w.blob(zm);
      },
      LIMITS({ hashMaxListpackEntries: 1 }),
    );
    expect(encOf(many)).toBe('hashtable');
  });

  it('HASH_ZIPLIST (13) and ZSET_ZIPLIST (12)', () => {
    const h = loadOne(RDB_TYPE_HASH_ZIPLIST, (w) => {
      w.blob(encodeZiplist(['f', 'v', '1', '2', 'long', 'x'.repeat(100)]));
    });
    expect(contents(h)).toEqual([
      ['f', 'v'],
      ['1', '2'],
      ['long', 'x'.repeat(100)],
    ]);
    expect(encOf(h)).toBe('listpack');
    const z = loadOne(RDB_TYPE_ZSET_ZIPLIST, (w) => {
      w.blob(encodeZiplist(['a', '-inf', 'b', '1', 'c', '2.5', 'd', 'inf', 'e', '9223372036854775807']));
    });
    expect(contents(z)).toEqual([
      ['a', -Infinity],
      ['b', 1],
      ['c', 2.5],
      ['e', 2 ** 63], // 9223372036854775807 as a double
      ['d', Infinity],
    ]);
    expect(encOf(z)).toBe('listpack');
    const zBig = loadOne(
      RDB_TYPE_ZSET_ZIPLIST,
      (w) => {
        w.blob(encodeZiplist(['a', '1', 'b', '2']));
      },
      LIMITS({ zsetMaxListpackEntries: 1 }),
    );
    expect(encOf(zBig)).toBe('skiplist');
  });
});

describe('collections: empty and corrupt values', () => {
  it('skips empty collections, as Redis does, and counts them', () => {
    const w = new RdbWriter().header().selectDb(0);
    w.byte(RDB_TYPE_LIST).string('l1').len(0);
    w.byte(RDB_TYPE_LIST_QUICKLIST_2).string('l2').len(0);
    w.byte(RDB_TYPE_LIST_QUICKLIST_2).string('l3').len(1).len(2).blob(encodeListpack([]));
    w.byte(RDB_TYPE_LIST_QUICKLIST).string('l4').len(1).blob(encodeZiplist([]));
    w.byte(RDB_TYPE_LIST_ZIPLIST).string('l5').blob(encodeZiplist([]));
    w.byte(RDB_TYPE_SET).string('s').len(0);
    w.byte(RDB_TYPE_HASH).string('h1').len(0);
    w.byte(RDB_TYPE_HASH_LISTPACK).string('h2').blob(encodeListpack([]));
    w.byte(RDB_TYPE_HASH_ZIPLIST).string('h3').blob(encodeZiplist([]));
    w.byte(RDB_TYPE_ZSET_2).string('z1').len(0);
    w.byte(RDB_TYPE_ZSET).string('z2').len(0);
    w.byte(RDB_TYPE_ZSET_LISTPACK).string('z3').blob(encodeListpack([]));
    w.byte(RDB_TYPE_ZSET_ZIPLIST).string('z4').blob(encodeZiplist([]));
    w.keyValue('kept', createString('v'));
    const c = readRdb(w.finish(), { now: NOW });
    expect(c.keys.map((k) => k.key)).toEqual(['kept']);
    expect(c.emptyKeysSkipped).toBe(13);

    // Empty objects in memory are written so that loaders skip them.
    const out = fileOf({
      l: listObj([]),
      s: setObj([], 'intset'),
      h: hashObj([], 'listpack'),
      z: zsetObj([], 'listpack'),
      k: createString('v'),
    });
    const c2 = readRdb(out, { now: NOW });
    expect(c2.keys.map((k) => k.key)).toEqual(['k']);
    expect(c2.emptyKeysSkipped).toBe(4);
  });

  function fails(bytes: Uint8Array, message: RegExp): void {
    expect(() => readRdb(bytes, { now: NOW })).toThrow(RdbError);
    expect(() => readRdb(bytes, { now: NOW })).toThrow(message);
  }

  it('rejects duplicates with Redis messages', () => {
    fails(
      rawFile(RDB_TYPE_SET, (w) => w.len(2).string('a').string('a')),
      /Duplicate set members detected/,
    );
    fails(
      rawFile(RDB_TYPE_SET, (w) => w.len(2).string('1').string('1')),
      /Duplicate set members detected/,
    );
    fails(
      rawFile(RDB_TYPE_HASH, (w) => w.len(2).string('f').string('1').string('f').string('2')),
      /Duplicate hash fields detected/,
    );
    fails(
      rawFile(RDB_TYPE_ZSET_2, (w) => w.len(2).string('m').binaryDouble(1).string('m').binaryDouble(2)),
      /Duplicate zset fields detected/,
    );
    fails(
      rawFile(RDB_TYPE_HASH_LISTPACK, (w) => w.blob(encodeListpack(['f', '1', 'f', '2']))),
      /Hash listpack integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_ZSET_LISTPACK, (w) => w.blob(encodeListpack(['m', '1', 'm', '2']))),
      /Zset listpack integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_HASH_ZIPLIST, (w) => w.blob(encodeZiplist(['f', '1', 'f', '2']))),
      /Hash ziplist integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_HASH_ZIPMAP, (w) =>
        w.blob(
          encodeZipmap([
            ['f', '1'],
            ['f', '2'],
          ]),
        ),
      ),
      /Hash zipmap with dup elements/,
    );
  });

  it('rejects NaN scores, odd pairs and bad scores', () => {
    fails(
      rawFile(RDB_TYPE_ZSET_2, (w) => w.len(1).string('m').binaryDouble(NaN)),
      /Zset with NAN score detected/,
    );
    fails(
      rawFile(RDB_TYPE_ZSET, (w) => w.len(1).string('m').byte(253)),
      /Zset with NAN score detected/,
    );
    fails(
      rawFile(RDB_TYPE_ZSET, (w) => w.len(1).string('m').byte(3).raw('1x5')),
      /Invalid double value '1x5'/,
    );
    fails(
      rawFile(RDB_TYPE_ZSET_LISTPACK, (w) => w.blob(encodeListpack(['m', '1', 'n']))),
      /Zset listpack integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_ZSET_LISTPACK, (w) => w.blob(encodeListpack(['m', 'one']))),
      /Zset with an invalid score 'one'/,
    );
    fails(
      rawFile(RDB_TYPE_HASH_LISTPACK, (w) => w.blob(encodeListpack(['f']))),
      /Hash listpack integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_ZSET_ZIPLIST, (w) => w.blob(encodeZiplist(['m']))),
      /Zset ziplist integrity check failed/,
    );
  });

  it('rejects corrupt blobs and quicklist nodes', () => {
    const lp = encodeListpack(['a', 'b']);
    lp[4] = 3; // wrong count
    fails(
      rawFile(RDB_TYPE_LIST_QUICKLIST_2, (w) => w.len(1).len(2).blob(lp)),
      /Listpack integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_LIST_QUICKLIST_2, (w) =>
        w
          .len(1)
          .len(3)
          .blob(encodeListpack(['a'])),
      ),
      /Quicklist integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_LIST_QUICKLIST_2, (w) => w.len(1).len(2).string('')),
      /Empty quicklist node/,
    );
    fails(
      rawFile(RDB_TYPE_LIST_QUICKLIST, (w) => w.len(1).blob(encodeListpack(['a']))),
      /Ziplist integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_LIST_ZIPLIST, (w) => w.string('not a ziplist')),
      /List ziplist integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_HASH_LISTPACK, (w) => w.string('not a listpack')),
      /Hash listpack integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_ZSET_LISTPACK, (w) => w.string('')),
      /Zset listpack integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_SET_INTSET, (w) => w.blob(encodeIntset([]))),
      /Intset integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_SET_INTSET, (w) => w.string('12345')),
      /Intset integrity check failed/,
    );
    fails(
      rawFile(RDB_TYPE_HASH_ZIPMAP, (w) => w.string('\x00\xff')),
      /Zipmap integrity check failed/,
    );
    // Truncated inside a collection.
    const good = fileOf({ l: listObj(['a', 'b', 'c']), h: hashObj([['f', 'v']], 'hashtable') });
    for (let cut = 9; cut < good.length; cut++) {
      expect(() => readRdb(good.slice(0, cut), { now: NOW }), String(cut)).toThrow(/Unexpected EOF/);
    }
  });
});

describe('collections through the engine (snapshot / loadSnapshot)', () => {
  it('saves with the list settings and loads with the encoding thresholds of the config', () => {
    const a = new Engine({ config: { 'list-compress-depth': '1', rdbcompression: 'no' } });
    const items = Array.from({ length: 4000 }, (_, i) => `list element ${i}`);
    a.dbs[0]!.put('l', listObj(items), 0);
    a.dbs[0]!.put(
      'h',
      hashObj(
        [
          ['a', '1'],
          ['b', '2'],
          ['c', '3'],
        ],
        'listpack',
      ),
      0,
    );
    a.dbs[1]!.put('s', setObj(['1', '2', '3'], 'intset'), 0);
    a.dbs[2]!.put(
      'z',
      zsetObj(
        [
          ['x', 1],
          ['y', 2],
        ],
        'skiplist',
      ),
      0,
    );
    a.dbs[2]!.put('e', hashObj([], 'listpack'), 0);
    const compressed = snapshot(a);
    a.config.set('list-compress-depth', '0');
    expect(snapshot(a).length).toBeGreaterThan(compressed.length);

    const b = new Engine({
      config: { 'hash-max-listpack-entries': '2', 'set-max-intset-entries': '2', 'zset-max-listpack-entries': '5' },
    });
    expect(loadSnapshot(b, compressed)).toEqual({ loaded: 4, expired: 0 });
    expect(contents(b.dbs[0]!.dict.get('l')!)).toEqual(items);
    expect(encOf(b.dbs[0]!.dict.get('h')!)).toBe('hashtable');
    expect(encOf(b.dbs[1]!.dict.get('s')!)).toBe('hashtable');
    expect(encOf(b.dbs[2]!.dict.get('z')!)).toBe('listpack');
    expect(b.dbs[2]!.dict.has('e')).toBe(false);
  });

  it('estimates used memory from collection contents', () => {
    const e = new Engine();
    const base = estimateUsedMemory(e);
    e.dbs[0]!.put('l', listObj(['x'.repeat(1000)]), 0);
    const withList = estimateUsedMemory(e);
    expect(withList - base).toBeGreaterThan(1000);
    e.dbs[0]!.put('h', hashObj([['f', 'y'.repeat(500)]], 'hashtable'), 0);
    e.dbs[0]!.put('s', setObj(['1', '2'], 'intset'), 0);
    e.dbs[0]!.put('z', zsetObj([['m'.repeat(300), 1]], 'skiplist'), 0);
    expect(estimateUsedMemory(e) - withList).toBeGreaterThan(800);
    expect(valueBytes(setObj(['1', '2'], 'intset'))).toBe(24);
    expect(valueBytes(hashObj([['ab', 'cd']], 'listpack'))).toBeLessThan(valueBytes(hashObj([['ab', 'cd']], 'hashtable')));
  });
});
