// Redis's RDB snapshot format, version 10 (Redis 7.0), so that a snapshot taken here loads in a
// real redis-server and a real dump.rdb loads here (Redis's rdb.c / rdb.h, lzf_c.c / lzf_d.c,
// crc64.c are the reference; this is our own code).
//
//   "REDIS0010"  AUX*  (SELECTDB RESIZEDB (EXPIRETIME_MS? IDLE? type key value)*)*  EOF  crc64-le
//
// Lengths use the 6/14/32/64-bit forms; strings may be stored as 8/16/32-bit integers or LZF
// compressed; the trailer is the CRC-64 (Jones polynomial, reflected) of every byte before it.
// Only strings exist as a value type so far: the writer's `saveObject` / `objectRdbType` and the
// reader's LOADERS table are where lists (quicklist), sets (intset), hashes and sorted sets
// (listpack) join; the reader rejects every other type with an RdbError naming it.
//
// Byte strings in (one char per byte), Uint8Array out. Pure ES2022: no Buffer.

import { parseIntArg } from './numbers.js';
import { createString, type RObj } from './objects.js';

export const RDB_VERSION = 10;
/** The version the AUX field "redis-ver" announces. */
export const REDIS_VERSION = '7.0.15';

/** Value types, as stored before each key (rdb.h RDB_TYPE_*). */
export const RDB_TYPE_STRING = 0;
export const RDB_TYPE_LIST = 1;
export const RDB_TYPE_SET = 2;
export const RDB_TYPE_ZSET = 3;
export const RDB_TYPE_HASH = 4;
export const RDB_TYPE_ZSET_2 = 5;
export const RDB_TYPE_MODULE = 6;
export const RDB_TYPE_MODULE_2 = 7;
export const RDB_TYPE_HASH_ZIPMAP = 9;
export const RDB_TYPE_LIST_ZIPLIST = 10;
export const RDB_TYPE_SET_INTSET = 11;
export const RDB_TYPE_ZSET_ZIPLIST = 12;
export const RDB_TYPE_HASH_ZIPLIST = 13;
export const RDB_TYPE_LIST_QUICKLIST = 14;
export const RDB_TYPE_STREAM_LISTPACKS = 15;
export const RDB_TYPE_HASH_LISTPACK = 16;
export const RDB_TYPE_ZSET_LISTPACK = 17;
export const RDB_TYPE_LIST_QUICKLIST_2 = 18;
export const RDB_TYPE_STREAM_LISTPACKS_2 = 19;

const TYPE_NAMES: Readonly<Record<number, string>> = {
  [RDB_TYPE_STRING]: 'string',
  [RDB_TYPE_LIST]: 'list',
  [RDB_TYPE_SET]: 'set',
  [RDB_TYPE_ZSET]: 'zset',
  [RDB_TYPE_HASH]: 'hash',
  [RDB_TYPE_ZSET_2]: 'zset (binary scores)',
  [RDB_TYPE_MODULE]: 'module value',
  [RDB_TYPE_MODULE_2]: 'module value',
  [RDB_TYPE_HASH_ZIPMAP]: 'hash (zipmap)',
  [RDB_TYPE_LIST_ZIPLIST]: 'list (ziplist)',
  [RDB_TYPE_SET_INTSET]: 'set (intset)',
  [RDB_TYPE_ZSET_ZIPLIST]: 'zset (ziplist)',
  [RDB_TYPE_HASH_ZIPLIST]: 'hash (ziplist)',
  [RDB_TYPE_LIST_QUICKLIST]: 'list (quicklist)',
  [RDB_TYPE_STREAM_LISTPACKS]: 'stream',
  [RDB_TYPE_HASH_LISTPACK]: 'hash (listpack)',
  [RDB_TYPE_ZSET_LISTPACK]: 'zset (listpack)',
  [RDB_TYPE_LIST_QUICKLIST_2]: 'list (quicklist)',
  [RDB_TYPE_STREAM_LISTPACKS_2]: 'stream',
};

/** Opcodes that are not value types (rdb.h RDB_OPCODE_*). */
const OP_FUNCTION2 = 245;
const OP_FUNCTION = 246;
const OP_MODULE_AUX = 247;
const OP_IDLE = 248;
const OP_FREQ = 249;
const OP_AUX = 250;
const OP_RESIZEDB = 251;
const OP_EXPIRETIME_MS = 252;
const OP_EXPIRETIME = 253;
const OP_SELECTDB = 254;
const OP_EOF = 255;

/** Special string encodings after a length byte 11xxxxxx (RDB_ENC_*). */
const ENC_INT8 = 0;
const ENC_INT16 = 1;
const ENC_INT32 = 2;
const ENC_LZF = 3;

const TWO32 = 4294967296;

/** A malformed, truncated or unsupported snapshot. `offset` is where reading stopped. */
export class RdbError extends Error {
  constructor(
    message: string,
    readonly offset = -1,
  ) {
    super(offset >= 0 ? `${message} (at byte ${offset})` : message);
    this.name = 'RdbError';
  }
}

// ---------------------------------------------------------------------------------------------
// CRC-64 (Jones polynomial 0xad93d23594c935a9, reflected, init 0, no final xor) as Redis's
// crc64.c computes it: crc64("123456789") = 0xe9c6d914c4b8d9ca. The 64-bit state is kept as
// two 32-bit halves so the byte loop needs no BigInt.
// ---------------------------------------------------------------------------------------------

const CRC_TABLE_LO = new Int32Array(256);
const CRC_TABLE_HI = new Int32Array(256);
{
  // The reflected polynomial 0x95ac9329ac4bc9b5.
  const polyHi = 0x95ac9329 | 0;
  const polyLo = 0xac4bc9b5 | 0;
  for (let n = 0; n < 256; n++) {
    let lo = n;
    let hi = 0;
    for (let k = 0; k < 8; k++) {
      const carry = lo & 1;
      lo = (lo >>> 1) | (hi << 31);
      hi = hi >>> 1;
      if (carry) {
        lo ^= polyLo;
        hi ^= polyHi;
      }
    }
    CRC_TABLE_LO[n] = lo;
    CRC_TABLE_HI[n] = hi;
  }
}

/** An incremental CRC-64: feed bytes with update(), read the value with digest(). */
export class Crc64 {
  private lo = 0;
  private hi = 0;

  update(bytes: Uint8Array, start = 0, end = bytes.length): this {
    let lo = this.lo;
    let hi = this.hi;
    for (let i = start; i < end; i++) {
      const idx = (lo ^ bytes[i]!) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ CRC_TABLE_LO[idx]!;
      hi = (hi >>> 8) ^ CRC_TABLE_HI[idx]!;
    }
    this.lo = lo;
    this.hi = hi;
    return this;
  }

  digest(): bigint {
    return (BigInt(this.hi >>> 0) << 32n) | BigInt(this.lo >>> 0);
  }
}

export function crc64(bytes: Uint8Array, start = 0, end = bytes.length): bigint {
  return new Crc64().update(bytes, start, end).digest();
}

// ---------------------------------------------------------------------------------------------
// LZF (liblzf 3.6 format, with the parameters Redis builds it with: HLOG 16, VERY_FAST).
//   000LLLLL <L+1 bytes>          literal run of 1..32 bytes
//   LLLooooo oooooooo             back reference of L+2 (3..8) bytes, offset o+1 (1..8192)
//   111ooooo LLLLLLLL oooooooo    back reference of L+9 bytes
// The compressor makes the same choices as Redis's (same hash, same match rules), so a value
// usually compresses to the very bytes redis-server writes.
// ---------------------------------------------------------------------------------------------

const LZF_HSIZE = 1 << 16;
const LZF_MAX_LIT = 1 << 5;
const LZF_MAX_OFF = 1 << 13;
const LZF_MAX_REF = (1 << 8) + (1 << 3);

/**
 * Hash table of positions, reused between calls: an entry stores `base + position`, and each
 * call takes a new base above every value stored before, so stale entries read as empty
 * without clearing 64K slots per string.
 */
let lzfTable: Int32Array | null = null;
let lzfNextBase = 1;

function lzfIndex(h: number): number {
  return ((h >>> 8) - Math.imul(h, 5)) & (LZF_HSIZE - 1);
}

/**
 * Compresses `input` into at most `maxOut` bytes; null when it does not fit (Redis then
 * stores the string as is). Redis passes maxOut = length - 4.
 */
export function lzfCompress(input: Uint8Array, maxOut: number): Uint8Array | null {
  const inLen = input.length;
  if (inLen === 0 || maxOut <= 0) return null;
  if (lzfTable === null) lzfTable = new Int32Array(LZF_HSIZE);
  if (lzfNextBase + inLen + 1 > 0x7fffffff) {
    lzfTable.fill(0);
    lzfNextBase = 1;
  }
  const htab = lzfTable;
  const base = lzfNextBase;
  lzfNextBase = base + inLen + 1;

  const out = new Uint8Array(maxOut);
  const outEnd = maxOut;
  const inEnd = inLen;
  let ip = 0;
  let op = 1; // room for the first literal run's control byte
  let lit = 0;
  let hval = (input[0]! << 8) | (input[1] ?? 0);

  while (ip < inEnd - 2) {
    hval = ((hval << 8) | input[ip + 2]!) >>> 0;
    const slot = lzfIndex(hval);
    const stored = htab[slot]!;
    htab[slot] = base + ip;
    // A candidate must start after position 0, lie within the window, and match 3 bytes.
    const ref = stored > base ? stored - base : 0;
    const off = ip - ref - 1;
    if (
      ref > 0 &&
      off < LZF_MAX_OFF &&
      input[ref + 2] === input[ip + 2] &&
      input[ref] === input[ip] &&
      input[ref + 1] === input[ip + 1]
    ) {
      let maxlen = inEnd - ip - 2;
      if (maxlen > LZF_MAX_REF) maxlen = LZF_MAX_REF;
      if (op + 4 >= outEnd && op - (lit === 0 ? 1 : 0) + 4 >= outEnd) return null;
      out[op - lit - 1] = lit - 1; // close the literal run
      if (lit === 0) op--; // (an empty run is dropped)
      let len = 3;
      while (len < maxlen && input[ref + len] === input[ip + len]) len++;
      len -= 2; // now the number of bytes matched, minus one
      ip++;
      if (len < 7) {
        out[op++] = (off >> 8) + (len << 5);
      } else {
        out[op++] = (off >> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;
      lit = 0;
      op++; // start a new literal run
      ip += len + 1;
      if (ip >= inEnd - 2) break;
      // Hash the last two positions of the match too (VERY_FAST).
      ip -= 2;
      hval = (input[ip]! << 8) | input[ip + 1]!;
      hval = ((hval << 8) | input[ip + 2]!) >>> 0;
      htab[lzfIndex(hval)] = base + ip;
      ip++;
      hval = ((hval << 8) | input[ip + 2]!) >>> 0;
      htab[lzfIndex(hval)] = base + ip;
      ip++;
    } else {
      if (op >= outEnd) return null;
      lit++;
      out[op++] = input[ip++]!;
      if (lit === LZF_MAX_LIT) {
        out[op - lit - 1] = lit - 1;
        lit = 0;
        op++;
      }
    }
  }

  if (op + 3 > outEnd) return null;
  while (ip < inEnd) {
    lit++;
    out[op++] = input[ip++]!;
    if (lit === LZF_MAX_LIT) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  out[op - lit - 1] = lit - 1;
  if (lit === 0) op--;
  return out.slice(0, op);
}

/** Decompresses to exactly `outLen` bytes; null when the data is corrupt or of another size. */
export function lzfDecompress(input: Uint8Array, outLen: number): Uint8Array | null {
  const out = new Uint8Array(outLen);
  const inEnd = input.length;
  let ip = 0;
  let op = 0;
  while (ip < inEnd) {
    const ctrl = input[ip++]!;
    if (ctrl < 32) {
      const n = ctrl + 1;
      if (op + n > outLen || ip + n > inEnd) return null;
      out.set(input.subarray(ip, ip + n), op);
      ip += n;
      op += n;
    } else {
      let len = ctrl >> 5;
      let ref = op - ((ctrl & 0x1f) << 8) - 1;
      if (ip >= inEnd) return null;
      if (len === 7) {
        len += input[ip++]!;
        if (ip >= inEnd) return null;
      }
      ref -= input[ip++]!;
      len += 2;
      if (op + len > outLen || ref < 0) return null;
      // Byte by byte: the source may overlap what is being written (runs).
      for (let i = 0; i < len; i++) out[op++] = out[ref++]!;
    }
  }
  return op === outLen ? out : null;
}

// ---------------------------------------------------------------------------------------------
// Byte strings <-> bytes
// ---------------------------------------------------------------------------------------------

export function bytesFromLatin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function latin1FromBytes(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const n = end - start;
  if (n <= 16) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
    return s;
  }
  let s = '';
  for (let i = start; i < end; i += 8192) {
    const chunk = bytes.subarray(i, Math.min(end, i + 8192));
    s += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------

export interface RdbWriterOptions {
  /** LZF-compress strings longer than 20 bytes when it saves at least 4 (rdbcompression). */
  compression?: boolean;
}

/**
 * Low-level writer: each method appends one element of the format. writeRdb() assembles a
 * whole file with it; tests use it to build unusual files.
 */
export class RdbWriter {
  private buf = new Uint8Array(4096);
  private pos = 0;
  private readonly compression: boolean;

  constructor(options: RdbWriterOptions = {}) {
    this.compression = options.compression ?? true;
  }

  get length(): number {
    return this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  byte(b: number): this {
    this.ensure(1);
    this.buf[this.pos++] = b;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** Raw bytes of a byte string, without a length. */
  raw(s: string): this {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
    return this;
  }

  /** A length in the shortest of the 6-bit, 14-bit, 32-bit and 64-bit forms (rdbSaveLen). */
  len(n: number): this {
    if (n < 1 << 6) return this.byte(n);
    if (n < 1 << 14) return this.byte(0x40 | (n >>> 8)).byte(n & 0xff);
    if (n <= 0xffffffff) {
      this.byte(0x80);
      return this.u32be(n);
    }
    this.byte(0x81);
    this.u32be(Math.floor(n / TWO32));
    return this.u32be(n % TWO32);
  }

  private u32be(n: number): this {
    this.ensure(4);
    const buf = this.buf;
    buf[this.pos++] = n >>> 24;
    buf[this.pos++] = (n >>> 16) & 0xff;
    buf[this.pos++] = (n >>> 8) & 0xff;
    buf[this.pos++] = n & 0xff;
    return this;
  }

  /** A signed 64-bit little-endian integer (millisecond times). */
  i64le(n: number): this {
    let v = BigInt.asUintN(64, BigInt(Math.trunc(n)));
    this.ensure(8);
    for (let i = 0; i < 8; i++) {
      this.buf[this.pos++] = Number(v & 0xffn);
      v >>= 8n;
    }
    return this;
  }

  /**
   * A string as rdbSaveRawString stores it: as an 8/16/32-bit integer when it is the canonical
   * form of one (up to 11 bytes), LZF-compressed when longer than 20 bytes and compressible,
   * otherwise length + bytes.
   */
  string(s: string): this {
    const n = s.length;
    if (n <= 11 && n > 0) {
      const v = parseIntArg(s);
      if (v !== null && this.encodedInt(v)) return this;
    }
    if (this.compression && n > 20) {
      const packed = lzfCompress(bytesFromLatin1(s), n - 4);
      if (packed !== null) {
        this.byte(0xc0 | ENC_LZF);
        this.len(packed.length);
        this.len(n);
        return this.bytes(packed);
      }
    }
    this.len(n);
    return this.raw(s);
  }

  /** rdbEncodeInteger: false when the value needs more than 32 bits. */
  private encodedInt(v: number): boolean {
    if (v >= -128 && v <= 127) {
      this.byte(0xc0 | ENC_INT8).byte(v & 0xff);
    } else if (v >= -32768 && v <= 32767) {
      this.byte(0xc0 | ENC_INT16).byte(v & 0xff).byte((v >> 8) & 0xff);
    } else if (v >= -2147483648 && v <= 2147483647) {
      this.byte(0xc0 | ENC_INT32)
        .byte(v & 0xff)
        .byte((v >> 8) & 0xff)
        .byte((v >> 16) & 0xff)
        .byte((v >>> 24) & 0xff);
    } else {
      return false;
    }
    return true;
  }

  /** "REDIS0010" (or another version, for tests). */
  header(version = RDB_VERSION): this {
    return this.raw('REDIS' + String(version).padStart(4, '0'));
  }

  aux(key: string, value: string): this {
    return this.byte(OP_AUX).string(key).string(value);
  }

  selectDb(id: number): this {
    return this.byte(OP_SELECTDB).len(id);
  }

  resizeDb(keys: number, expires: number): this {
    return this.byte(OP_RESIZEDB).len(keys).len(expires);
  }

  expireTimeMs(when: number): this {
    return this.byte(OP_EXPIRETIME_MS).i64le(when);
  }

  /** LRU idle time in seconds (written when maxmemory-policy is an LRU one). */
  idle(seconds: number): this {
    return this.byte(OP_IDLE).len(seconds);
  }

  /** A library of FUNCTION LOAD code (RDB_OPCODE_FUNCTION2). */
  function(code: string): this {
    return this.byte(OP_FUNCTION2).string(code);
  }

  /** Type byte, key, value: one key without its expiry (see expireTimeMs). */
  keyValue(key: string, obj: RObj): this {
    this.byte(objectRdbType(obj));
    this.string(key);
    saveObject(this, obj);
    return this;
  }

  /** EOF opcode and the CRC-64 trailer (zero when checksum is false, as rdbchecksum no does). */
  finish(checksum = true): Uint8Array {
    this.byte(OP_EOF);
    const crc = checksum ? crc64(this.buf, 0, this.pos) : 0n;
    this.ensure(8);
    let v = crc;
    for (let i = 0; i < 8; i++) {
      this.buf[this.pos++] = Number(v & 0xffn);
      v >>= 8n;
    }
    return this.buf.slice(0, this.pos);
  }
}

/** The RDB type byte a value is saved with (rdbSaveObjectType). */
export function objectRdbType(obj: RObj): number {
  switch (obj.type) {
    case 'string':
      return RDB_TYPE_STRING;
    // Later: list → LIST_QUICKLIST_2, set → SET_INTSET or SET, hash → HASH_LISTPACK or HASH,
    // zset → ZSET_LISTPACK or ZSET_2, stream → STREAM_LISTPACKS_2 (by the object's encoding).
    default:
      return unsupportedObject(obj);
  }
}

/** The value part of a key (rdbSaveObject). */
function saveObject(w: RdbWriter, obj: RObj): void {
  switch (obj.type) {
    case 'string':
      w.string(obj.value);
      return;
    default:
      unsupportedObject(obj);
  }
}

/** A type that has no RDB form here yet (every RObj type must get a case above). */
function unsupportedObject(obj: { type: string }): never {
  throw new RdbError(`cannot save a value of type ${obj.type} yet`);
}

/** A database as the writer sees it (Database satisfies it). */
export interface RdbDatabase {
  readonly dict: ReadonlyMap<string, RObj>;
  readonly expires: ReadonlyMap<string, number>;
}

export interface RdbSaveOptions {
  /** AUX "ctime": unix time in seconds. */
  ctime: number;
  /** AUX "used-mem": bytes. */
  usedMem: number;
  /** AUX "redis-ver" (default 7.0.15). */
  redisVer?: string;
  /** AUX "redis-bits" (default 64). */
  redisBits?: number;
  /** AUX "aof-base" (default false: 0). */
  aofBase?: boolean;
  compression?: boolean;
  /** Write the CRC-64 trailer (default) or zeros (rdbchecksum no). */
  checksum?: boolean;
  /** When given (LRU maxmemory policies), each key gets an IDLE opcode with these seconds. */
  idleSeconds?: (obj: RObj) => number;
  /** FUNCTION libraries' code, saved before the keys. */
  functions?: readonly string[];
}

/**
 * A whole snapshot, as rdbSaveRio writes it: header, AUX fields, functions, then each
 * non-empty database (the array index is its number), EOF, checksum.
 */
export function writeRdb(dbs: readonly RdbDatabase[], options: RdbSaveOptions): Uint8Array {
  const w = new RdbWriter({ compression: options.compression ?? true });
  w.header();
  w.aux('redis-ver', options.redisVer ?? REDIS_VERSION);
  w.aux('redis-bits', String(options.redisBits ?? 64));
  w.aux('ctime', String(Math.floor(options.ctime)));
  w.aux('used-mem', String(Math.floor(options.usedMem)));
  w.aux('aof-base', options.aofBase ? '1' : '0');
  for (const code of options.functions ?? []) w.function(code);
  const idle = options.idleSeconds;
  for (let id = 0; id < dbs.length; id++) {
    const db = dbs[id]!;
    if (db.dict.size === 0) continue;
    w.selectDb(id);
    w.resizeDb(db.dict.size, db.expires.size);
    const expires = db.expires;
    const hasExpires = expires.size !== 0;
    for (const [key, obj] of db.dict) {
      if (hasExpires) {
        const when = expires.get(key);
        if (when !== undefined) w.expireTimeMs(when);
      }
      if (idle !== undefined) w.idle(Math.max(0, Math.floor(idle(obj))));
      w.keyValue(key, obj);
    }
  }
  return w.finish(options.checksum ?? true);
}

// ---------------------------------------------------------------------------------------------
// Reader
// ---------------------------------------------------------------------------------------------

/** One key read from a snapshot. */
export interface RdbKey {
  db: number;
  key: string;
  value: RObj;
  /** Absolute expiry in unix ms, or -1. */
  expireAt: number;
  /** LRU idle seconds from an IDLE opcode, or -1. */
  idle: number;
  /** LFU counter from a FREQ opcode, or -1. */
  freq: number;
}

export interface RdbContents {
  version: number;
  /** AUX fields in file order (redis-ver, redis-bits, ctime, used-mem, aof-base, …). */
  aux: Map<string, string>;
  /** FUNCTION libraries' code. */
  functions: string[];
  /** RESIZEDB hints per database: [keys, keys with an expiry]. */
  sizes: Map<number, [number, number]>;
  keys: RdbKey[];
  /** The checksum stored in the file: 0n when it was saved without one, null before v5. */
  checksum: bigint | null;
}

export interface RdbReadOptions {
  /** Access time given to the loaded objects (ms). */
  now: number;
  /** Check the CRC-64 trailer (default true; a stored zero means "not computed"). */
  verifyChecksum?: boolean;
}

/** Loads one value of an RDB type into an object. */
type ValueLoader = (r: RdbReader, now: number) => RObj;

const LOADERS: (ValueLoader | undefined)[] = [];
LOADERS[RDB_TYPE_STRING] = (r, now) => createString(r.string(), now);

/** A cursor over snapshot bytes; every read checks bounds (a short file is an RdbError). */
export class RdbReader {
  pos = 0;

  constructor(readonly bytes: Uint8Array) {}

  need(n: number): void {
    if (this.pos + n > this.bytes.length) {
      throw new RdbError('Unexpected EOF reading RDB file', this.bytes.length);
    }
  }

  byte(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  take(n: number): Uint8Array {
    this.need(n);
    const b = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  private u32be(): number {
    const b = this.take(4);
    return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  }

  /** A signed 64-bit little-endian integer (exact up to 2^53). */
  i64le(): number {
    const b = this.take(8);
    const lo = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
    const hi = b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24);
    return hi * TWO32 + lo;
  }

  /** A signed 32-bit little-endian integer (old second-precision expiry). */
  i32le(): number {
    const b = this.take(4);
    return b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24);
  }

  /** Set by lenOrEncoding: the last length byte was 11xxxxxx, a special string encoding. */
  private encoded = false;

  /**
   * A length, or (with `encoded` set) the special string encoding (RDB_ENC_*) of an 11xxxxxx
   * byte (rdbLoadLenByRef).
   */
  private lenOrEncoding(): number {
    const start = this.pos;
    const first = this.byte();
    const kind = first >> 6;
    this.encoded = kind === 3;
    if (kind === 3 || kind === 0) return first & 0x3f;
    if (kind === 1) return ((first & 0x3f) << 8) | this.byte();
    if (first === 0x80) return this.u32be();
    if (first === 0x81) {
      const hi = this.u32be();
      const lo = this.u32be();
      if (hi >= 0x200000) throw new RdbError(`Length ${BigInt(hi) * 4294967296n + BigInt(lo)} is too large`, start);
      return hi * TWO32 + lo;
    }
    throw new RdbError(`Unknown length encoding ${kind} in rdbLoadLen()`, start);
  }

  /** A plain length (the encoded form is an error here). */
  len(): number {
    const start = this.pos;
    const len = this.lenOrEncoding();
    if (this.encoded) throw new RdbError('Unexpected string encoding where a length was expected', start);
    return len;
  }

  /** A string in any of its stored forms, as a byte string (integers in decimal). */
  string(): string {
    const start = this.pos;
    const len = this.lenOrEncoding();
    if (!this.encoded) {
      this.need(len);
      const from = this.pos;
      this.pos += len;
      return latin1FromBytes(this.bytes, from, from + len);
    }
    switch (len) {
      case ENC_INT8: {
        const v = this.byte();
        return String(v << 24 >> 24);
      }
      case ENC_INT16: {
        const b = this.take(2);
        return String(((b[0]! | (b[1]! << 8)) << 16) >> 16);
      }
      case ENC_INT32: {
        const b = this.take(4);
        return String(b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24));
      }
      case ENC_LZF: {
        const clen = this.len();
        const ulen = this.len();
        const packed = this.take(clen);
        const plain = lzfDecompress(packed, ulen);
        if (plain === null) throw new RdbError('Invalid LZF compressed string', start);
        return latin1FromBytes(plain);
      }
      default:
        throw new RdbError(`Unknown RDB string encoding type ${len}`, start);
    }
  }
}

/** Printable form of a byte string for error messages. */
function printable(s: string): string {
  const shown = s.length > 64 ? s.slice(0, 64) + '...' : s;
  return shown.replace(/[^\x20-\x7e]/g, (ch) => '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0'));
}

/**
 * Parses a whole snapshot (rdbLoadRio). Throws RdbError on a bad signature or version, a
 * truncated file, a wrong checksum, or a value type this engine cannot hold yet. Expired keys
 * are returned too: the caller decides (a master drops them on load).
 */
export function readRdb(bytes: Uint8Array, options: RdbReadOptions): RdbContents {
  const r = new RdbReader(bytes);
  if (bytes.length < 9) throw new RdbError('Unexpected EOF reading RDB file', bytes.length);
  const magic = latin1FromBytes(r.take(9));
  if (!magic.startsWith('REDIS')) throw new RdbError('Wrong signature trying to load DB from file', 0);
  const version = /^\d{4}$/.test(magic.slice(5)) ? Number(magic.slice(5)) : 0;
  if (version < 1 || version > RDB_VERSION) {
    throw new RdbError(`Can't handle RDB format version ${version || magic.slice(5)}`, 5);
  }

  const contents: RdbContents = {
    version,
    aux: new Map(),
    functions: [],
    sizes: new Map(),
    keys: [],
    checksum: null,
  };
  let db = 0;
  let expireAt = -1;
  let idle = -1;
  let freq = -1;
  const now = options.now;

  for (;;) {
    const at = r.pos;
    const type = r.byte();
    if (type === OP_EOF) break;
    switch (type) {
      case OP_EXPIRETIME:
        expireAt = r.i32le() * 1000;
        continue;
      case OP_EXPIRETIME_MS:
        expireAt = r.i64le();
        continue;
      case OP_FREQ:
        freq = r.byte();
        continue;
      case OP_IDLE:
        idle = r.len();
        continue;
      case OP_SELECTDB:
        db = r.len();
        continue;
      case OP_RESIZEDB: {
        const keys = r.len();
        const expires = r.len();
        contents.sizes.set(db, [keys, expires]);
        continue;
      }
      case OP_AUX: {
        const key = r.string();
        const value = r.string();
        contents.aux.set(key, value);
        continue;
      }
      case OP_FUNCTION2:
        contents.functions.push(r.string());
        continue;
      case OP_FUNCTION:
        throw new RdbError('Functions saved by a Redis 7.0 release candidate are not supported', at);
      case OP_MODULE_AUX:
        throw new RdbError('The RDB file contains module data, which this engine cannot load', at);
    }

    const key = r.string();
    const loader = LOADERS[type];
    if (loader === undefined) {
      const name = TYPE_NAMES[type];
      if (name === undefined) throw new RdbError(`Unknown RDB encoding type ${type}`, at);
      throw new RdbError(
        `Cannot load key '${printable(key)}' in db ${db}: RDB type ${type} (${name}) is not supported yet`,
        at,
      );
    }
    const value = loader(r, now);
    contents.keys.push({ db, key, value, expireAt, idle, freq });
    expireAt = -1;
    idle = -1;
    freq = -1;
  }

  if (version >= 5) {
    const end = r.pos;
    const b = r.take(8);
    let stored = 0n;
    for (let i = 7; i >= 0; i--) stored = (stored << 8n) | BigInt(b[i]!);
    contents.checksum = stored;
    if (stored !== 0n && (options.verifyChecksum ?? true)) {
      const expected = crc64(bytes, 0, end);
      if (expected !== stored) {
        throw new RdbError(
          `Wrong RDB checksum expected: (${expected.toString(16)}) but got (${stored.toString(16)})`,
          end,
        );
      }
    }
  }
  return contents;
}
