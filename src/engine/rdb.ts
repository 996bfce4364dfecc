// Redis's RDB snapshot format, version 10 (Redis 7.0), so that a snapshot taken here loads in a
// real redis-server and a real dump.rdb loads here (Redis's rdb.c / rdb.h, lzf_c.c / lzf_d.c,
// crc64.c are the reference; this is our own code).
//
//   "REDIS0010"  AUX*  (SELECTDB RESIZEDB (EXPIRETIME_MS? IDLE? type key value)*)*  EOF  crc64-le
//
// Lengths use the 6/14/32/64-bit forms; strings may be stored as 8/16/32-bit integers or LZF
// compressed; the trailer is the CRC-64 (Jones polynomial, reflected) of every byte before it.
//
// Values are written in the RDB type Redis 7.0 gives each encoding (rdbSaveObjectType):
//   string                 STRING (0)
//   list (quicklist)       LIST_QUICKLIST_2 (18): listpack nodes cut as quicklistPushTail cuts
//                          them (list-max-listpack-size), interior nodes LZF-compressed when
//                          list-compress-depth asks for it
//   hash listpack / table  HASH_LISTPACK (16) / HASH (4)
//   set intset / table     SET_INTSET (11) / SET (2)
//   zset listpack / skip   ZSET_LISTPACK (17) / ZSET_2 (5, binary doubles, highest score first)
// The reader takes those and the older forms a dump may hold (LIST 1, ZSET 3, HASH_ZIPMAP 9,
// LIST_ZIPLIST 10, ZSET_ZIPLIST 12, HASH_ZIPLIST 13, LIST_QUICKLIST 14 with ziplist nodes) and
// gives each loaded value the encoding rdbLoadObject would (see EncodingLimits). Empty
// collections are skipped, as Redis does. Streams (STREAM_LISTPACKS_2, 19) are read and written
// by rdb-stream.ts, which also reads Redis 6's STREAM_LISTPACKS (15); module values are not
// supported yet.
// The blob formats themselves (listpack, intset, ziplist, zipmap) live in rdb-encodings.ts.
//
// Byte strings in (one char per byte), Uint8Array out. Pure ES2022: no Buffer.

import { Deque } from './ds/deque.js';
import { ZSet } from './ds/zset.js';
import { formatDouble, parseDouble, parseIntArg } from './numbers.js';
import { createString, type RObj } from './objects.js';
import { loadStreamValue, writeStreamValue } from './rdb-stream.js';
import {
  bytesFromLatin1,
  decodeIntset,
  decodeListpack,
  decodeZiplist,
  decodeZipmap,
  encodeIntset,
  latin1FromBytes,
  ListpackWriter,
  quicklistLayout,
  QUICKLIST_PACKED_THRESHOLD,
  withRoom,
} from './rdb-encodings.js';

export { bytesFromLatin1, latin1FromBytes } from './rdb-encodings.js';

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

/** `v` as 8 little-endian bytes at `at` (the CRC-64 trailers of files and DUMP payloads). */
function putU64le(out: Uint8Array, at: number, v: bigint): void {
  for (let i = 0; i < 8; i++) {
    out[at + i] = Number(v & 0xffn);
    v >>= 8n;
  }
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

function lzfIndex(h: number): number {
  return ((h >>> 8) - Math.imul(h, 5)) & (LZF_HSIZE - 1);
}

/**
 * An LZF compressor and its hash table of positions, reused between calls (an RdbWriter
 * keeps one for the whole file): an entry stores `base + position`, and each call takes a new
 * base above every value stored before, so stale entries read as empty without clearing 64K
 * slots per string.
 */
export class LzfCompressor {
  private table: Int32Array | null = null;
  private nextBase = 1;

  /**
   * Compresses `input` into at most `maxOut` bytes; null when it does not fit (Redis then
   * stores the string as is). Redis passes maxOut = length - 4.
   */
  compress(input: Uint8Array, maxOut: number): Uint8Array | null {
    const inLen = input.length;
    if (inLen === 0 || maxOut <= 0) return null;
    if (this.table === null) this.table = new Int32Array(LZF_HSIZE);
    if (this.nextBase + inLen + 1 > 0x7fffffff) {
      this.table.fill(0);
      this.nextBase = 1;
    }
    const base = this.nextBase;
    this.nextBase = base + inLen + 1;
    return lzfRun(input, maxOut, this.table, base);
  }
}

/** Compresses `input` with a compressor of its own (tests, one-off use). */
export function lzfCompress(input: Uint8Array, maxOut: number): Uint8Array | null {
  return new LzfCompressor().compress(input, maxOut);
}

/** The compression loop itself, with the hash table and this call's base (see LzfCompressor). */
function lzfRun(input: Uint8Array, maxOut: number, htab: Int32Array, base: number): Uint8Array | null {
  const run = new LzfRun(input, maxOut, htab, base);
  run.advance(input.length);
  return run.result()?.slice() ?? null;
}

/**
 * The LZF loop made resumable: advance() compresses up to a given input position and returns,
 * so that a huge string can be compressed a slice at a time (a background save) with the very
 * bytes one call would give. The loop's state lives in locals while it runs.
 */
export class LzfRun {
  private readonly input: Uint8Array;
  private readonly out: Uint8Array;
  private readonly htab: Int32Array;
  private readonly base: number;
  private ip = 0;
  private op = 1; // room for the first literal run's control byte
  private lit = 0;
  private hval: number;
  /** null while running; then the compressed bytes' length, or -1 when they did not fit. */
  private outcome: number | null = null;

  constructor(input: Uint8Array, maxOut: number, htab: Int32Array, base: number) {
    this.input = input;
    this.out = new Uint8Array(Math.max(0, maxOut));
    this.htab = htab;
    this.base = base;
    this.hval = (input[0]! << 8) | (input[1] ?? 0);
    if (input.length === 0 || maxOut <= 0) this.outcome = -1;
  }

  /** Input bytes consumed so far. */
  get position(): number {
    return this.ip;
  }

  get done(): boolean {
    return this.outcome !== null;
  }

  /** The compressed bytes (a view), or null when they did not fit; only once done. */
  result(): Uint8Array | null {
    if (this.outcome === null) throw new Error('LZF run not finished');
    return this.outcome < 0 ? null : this.out.subarray(0, this.outcome);
  }

  /** Compresses on to input position `until` at least (a match may run past it), or to the end. */
  advance(until: number): boolean {
    if (this.outcome !== null) return true;
    const { input, out, htab, base } = this;
    const inEnd = input.length;
    const outEnd = out.length;
    const stop = Math.min(until, inEnd - 2);
    let ip = this.ip;
    let op = this.op;
    let lit = this.lit;
    let hval = this.hval;

    while (ip < stop) {
      hval = ((hval << 8) | input[ip + 2]!) >>> 0;
      const slot = lzfIndex(hval);
      const stored = htab[slot]!;
      htab[slot] = base + ip;
      // A candidate must start after position 0, lie within the window, and match 3 bytes.
      const ref = stored > base ? stored - base : 0;
      const off = ip - ref - 1;
      if (ref > 0 && off < LZF_MAX_OFF && input[ref + 2] === input[ip + 2] && input[ref] === input[ip] && input[ref + 1] === input[ip + 1]) {
        let maxlen = inEnd - ip - 2;
        if (maxlen > LZF_MAX_REF) maxlen = LZF_MAX_REF;
        if (op + 4 >= outEnd && op - (lit === 0 ? 1 : 0) + 4 >= outEnd) return this.fail();
        out[op - lit - 1] = lit - 1; // close the literal run
        if (lit === 0) op--; // (an empty run is dropped)
        let len = 3;
        if (maxlen > 16) {
          // liblzf's unrolled loop compares 16 bytes before it looks at maxlen, then steps once
          // more: a match may run one or two bytes past maxlen, to the very end of the input.
          while (len <= 18 && input[ref + len] === input[ip + len]) len++;
          if (len === 19) while (len < maxlen && input[ref + len] === input[ip + len]) len++;
        } else {
          while (len < maxlen && input[ref + len] === input[ip + len]) len++;
        }
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
        if (op >= outEnd) return this.fail();
        lit++;
        out[op++] = input[ip++]!;
        if (lit === LZF_MAX_LIT) {
          out[op - lit - 1] = lit - 1;
          lit = 0;
          op++;
        }
      }
    }
    this.ip = ip;
    this.op = op;
    this.lit = lit;
    this.hval = hval;
    if (ip < inEnd - 2) return false;

    if (op + 3 > outEnd) return this.fail();
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
    this.ip = ip;
    this.outcome = op;
    return true;
  }

  private fail(): boolean {
    this.outcome = -1;
    return true;
  }
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
// Writer
// ---------------------------------------------------------------------------------------------

export interface RdbWriterOptions {
  /** LZF-compress strings longer than 20 bytes when it saves at least 4 (rdbcompression). */
  compression?: boolean;
  /** list-max-listpack-size: how lists are cut into quicklist nodes (default -2, 8 KB). */
  listMaxListpackSize?: number;
  /** list-compress-depth: nodes kept plain at each end; the others are LZF blobs (default 0). */
  listCompressDepth?: number;
  /** Elements this long or longer are plain quicklist nodes (DEBUG QUICKLIST-PACKED-THRESHOLD). */
  quicklistPackedThreshold?: number;
}

/**
 * Scratch space of a writer or a reader (each has its own) to move doubles to and from bytes
 * without allocating: `bytes` are the bytes of `value[0]`.
 */
class DoubleScratch {
  readonly value = new Float64Array(1);
  readonly bytes = new Uint8Array(this.value.buffer);
}

/** Index in a DoubleScratch's bytes of each little-endian byte (the platform may be big-endian). */
const DOUBLE_LE: readonly number[] = (() => {
  const probe = new DoubleScratch();
  probe.value[0] = 1; // 0x3ff0000000000000: the 0x3f byte is the most significant
  return probe.bytes[7] === 0x3f ? [0, 1, 2, 3, 4, 5, 6, 7] : [7, 6, 5, 4, 3, 2, 1, 0];
})();

/** A quicklist node smaller than this is never compressed (MIN_COMPRESS_BYTES). */
const QL_MIN_COMPRESS_BYTES = 48;
/** A compressed node must save more than this many bytes (MIN_COMPRESS_IMPROVE). */
const QL_MIN_COMPRESS_IMPROVE = 8;
/** Quicklist node containers (QUICKLIST_NODE_CONTAINER_*). */
const QL_CONTAINER_PLAIN = 1;
const QL_CONTAINER_PACKED = 2;

/**
 * Low-level writer: each method appends one element of the format. writeRdb() assembles a
 * whole file with it; tests use it to build unusual files.
 */
export class RdbWriter {
  private buf = new Uint8Array(4096);
  private pos = 0;
  private readonly lzf = new LzfCompressor();
  private readonly dbl = new DoubleScratch();
  private readonly compression: boolean;
  private readonly listFill: number;
  private readonly listCompressDepth: number;
  private readonly packedThreshold: number;

  constructor(options: RdbWriterOptions = {}) {
    this.compression = options.compression ?? true;
    this.listFill = options.listMaxListpackSize ?? -2;
    this.listCompressDepth = options.listCompressDepth ?? 0;
    this.packedThreshold = options.quicklistPackedThreshold ?? QUICKLIST_PACKED_THRESHOLD;
  }

  get length(): number {
    return this.pos;
  }

  private ensure(n: number): void {
    this.buf = withRoom(this.buf, this.pos, n);
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
      const packed = this.lzf.compress(bytesFromLatin1(s), n - 4);
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

  /** A blob (listpack, intset, ...) stored as a string, with the same choices as string(). */
  blob(b: Uint8Array): this {
    const n = b.length;
    if (n <= 11 && n > 0) {
      const v = parseIntArg(latin1FromBytes(b));
      if (v !== null && this.encodedInt(v)) return this;
    }
    if (this.compression && n > 20) {
      const packed = this.lzf.compress(b, n - 4);
      if (packed !== null) return this.lzfBlob(packed, n);
    }
    this.len(n);
    return this.bytes(b);
  }

  /** Already LZF-compressed data of `rawLength` bytes (rdbSaveLzfBlob). */
  lzfBlob(packed: Uint8Array, rawLength: number): this {
    this.byte(0xc0 | ENC_LZF);
    this.len(packed.length);
    this.len(rawLength);
    return this.bytes(packed);
  }

  /** An IEEE 754 double, little-endian (rdbSaveBinaryDoubleValue). */
  binaryDouble(d: number): this {
    this.ensure(8);
    const dbl = this.dbl;
    dbl.value[0] = d;
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < 8; i++) buf[p++] = dbl.bytes[DOUBLE_LE[i]!]!;
    this.pos = p;
    return this;
  }

  /** rdbEncodeInteger: false when the value needs more than 32 bits. */
  private encodedInt(v: number): boolean {
    if (v >= -128 && v <= 127) {
      this.byte(0xc0 | ENC_INT8).byte(v & 0xff);
    } else if (v >= -32768 && v <= 32767) {
      this.byte(0xc0 | ENC_INT16)
        .byte(v & 0xff)
        .byte((v >> 8) & 0xff);
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
    return this.value(obj);
  }

  /** The value part of a key, in the form objectRdbType names (rdbSaveObject). */
  value(obj: RObj): this {
    switch (obj.type) {
      case 'string':
        return this.string(obj.value);
      case 'list':
        return this.quicklist(obj.value);
      case 'hash': {
        const map = obj.value;
        if (obj.enc === 'listpack' && map.size > 0) {
          const lp = new ListpackWriter();
          for (const [field, value] of map) lp.add(field).add(value);
          return this.blob(lp.finish());
        }
        this.len(map.size);
        for (const [field, value] of map) this.string(field).string(value);
        return this;
      }
      case 'set': {
        const set = obj.value;
        if (obj.enc === 'intset' && set.size > 0) return this.blob(encodeIntset(set));
        this.len(set.size);
        for (const member of set) this.string(member);
        return this;
      }
      case 'zset': {
        const zs = obj.value;
        if (obj.enc === 'listpack' && zs.size > 0) {
          const lp = new ListpackWriter();
          for (const [member, score] of zs) lp.add(member).add(listpackScore(score));
          return this.blob(lp.finish());
        }
        // Highest score first, as Redis walks its skiplist from the tail.
        this.len(zs.size);
        if (zs.size > 0) {
          zs.walk(zs.size - 1, true, (member, score) => {
            this.string(member).binaryDouble(score);
          });
        }
        return this;
      }
      case 'stream':
        writeStreamValue(this, obj.value);
        return this;
    }
  }

  /** A list as quicklist nodes: count, then each node's container and listpack. */
  private quicklist(list: Deque<string>): this {
    const nodes = quicklistLayout(list, this.listFill, this.packedThreshold);
    const n = nodes.length;
    this.len(n);
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      if (typeof node === 'string') this.plainQuicklistNode(node, i, n);
      else this.quicklistNode(node, i, n);
    }
    return this;
  }

  /** A plain node (one large element): its container and the element, compressed as a packed node would be. */
  private plainQuicklistNode(value: string, i: number, n: number): this {
    this.len(QL_CONTAINER_PLAIN);
    const depth = this.listCompressDepth;
    if (depth > 0 && i >= depth && i < n - depth && value.length >= QL_MIN_COMPRESS_BYTES) {
      const bytes = bytesFromLatin1(value);
      const packed = this.lzf.compress(bytes, bytes.length);
      if (packed !== null && packed.length + QL_MIN_COMPRESS_IMPROVE < bytes.length) return this.lzfBlob(packed, bytes.length);
    }
    return this.string(value);
  }

  /** list-max-listpack-size, which cuts lists into nodes. */
  get listMaxListpackSize(): number {
    return this.listFill;
  }

  /** Node `i` of a quicklist of `n` nodes: its container and listpack. */
  quicklistNode(node: Uint8Array, i: number, n: number): this {
    this.len(QL_CONTAINER_PACKED);
    const depth = this.listCompressDepth;
    // Nodes beyond `depth` from both ends are kept LZF-compressed in memory, and saved so
    // (whatever rdbcompression says) when compression pays (__quicklistCompressNode).
    if (depth > 0 && i >= depth && i < n - depth && node.length >= QL_MIN_COMPRESS_BYTES) {
      const packed = this.lzf.compress(node, node.length);
      if (packed !== null && packed.length + QL_MIN_COMPRESS_IMPROVE < node.length) return this.lzfBlob(packed, node.length);
    }
    return this.blob(node);
  }

  /** Whether strings are LZF-compressed (rdbcompression). */
  get compresses(): boolean {
    return this.compression;
  }

  /** Hands over the bytes written so far and starts empty again (files assembled from pieces). */
  takeChunk(): Uint8Array {
    const chunk = this.buf.slice(0, this.pos);
    this.pos = 0;
    return chunk;
  }

  /**
   * The end of a file assembled from pieces: EOF and the CRC-64 trailer, `crc` holding the
   * checksum of every byte before (null: zeros, as rdbchecksum no writes).
   */
  static trailer(crc: Crc64 | null): Uint8Array {
    const out = new Uint8Array(9);
    out[0] = OP_EOF;
    putU64le(out, 1, crc === null ? 0n : crc.update(out, 0, 1).digest());
    return out;
  }

  /** EOF opcode and the CRC-64 trailer (zero when checksum is false, as rdbchecksum no does). */
  finish(checksum = true): Uint8Array {
    this.byte(OP_EOF);
    const crc = checksum ? crc64(this.buf, 0, this.pos) : 0n;
    this.ensure(8);
    putU64le(this.buf, this.pos, crc);
    this.pos += 8;
    return this.buf.slice(0, this.pos);
  }
}

/**
 * The RDB type byte a value is saved with (rdbSaveObjectType). An empty collection (which the
 * engine never keeps) is written in the plain form with no elements, which loaders skip.
 */
export function objectRdbType(obj: RObj): number {
  switch (obj.type) {
    case 'string':
      return RDB_TYPE_STRING;
    case 'list':
      return RDB_TYPE_LIST_QUICKLIST_2;
    case 'hash':
      return obj.enc === 'listpack' && obj.value.size > 0 ? RDB_TYPE_HASH_LISTPACK : RDB_TYPE_HASH;
    case 'set':
      return obj.enc === 'intset' && obj.value.size > 0 ? RDB_TYPE_SET_INTSET : RDB_TYPE_SET;
    case 'zset':
      return obj.enc === 'listpack' && obj.value.size > 0 ? RDB_TYPE_ZSET_LISTPACK : RDB_TYPE_ZSET_2;
    case 'stream':
      return RDB_TYPE_STREAM_LISTPACKS_2;
  }
}

/** Scores within ±2^62 that are whole numbers (double2ll). */
const DOUBLE2LL_LIMIT = 4611686018427387904;

/**
 * A score as a listpack zset stores it (zzlInsertAt): a whole number within ±2^62 as an
 * integer (so -0 becomes 0), anything else as %.17g text ("inf", "-inf", "1.5").
 */
export function listpackScore(d: number): string {
  if (Number.isInteger(d) && d >= -DOUBLE2LL_LIMIT && d <= DOUBLE2LL_LIMIT) {
    if (d === 0) return '0';
    return d <= 9007199254740991 && d >= -9007199254740991 ? String(d) : BigInt(d).toString();
  }
  return formatDouble(d);
}

/** A database as the writer sees it (Database satisfies it). */
export interface RdbDatabase {
  readonly dict: { readonly size: number; [Symbol.iterator](): Iterator<[string, RObj]> };
  readonly expires: ReadonlyMap<string, number>;
  /** The key's access field (LRU clock or LFU counter): what IDLE and FREQ are made from. */
  accessOf?(key: string): number;
}

export interface RdbSaveOptions {
  /** list-max-listpack-size (default -2). */
  listMaxListpackSize?: number;
  /** list-compress-depth (default 0). */
  listCompressDepth?: number;
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
  idleSeconds?: (access: number) => number;
  /** When given (LFU maxmemory policies), each key gets a FREQ opcode with this counter. */
  frequency?: (access: number) => number;
  /** FUNCTION libraries' code, saved before the keys. */
  functions?: readonly string[];
}

/** The start of a snapshot: header, AUX fields, functions. */
export function writeRdbHead(w: RdbWriter, options: RdbSaveOptions): void {
  w.header();
  w.aux('redis-ver', options.redisVer ?? REDIS_VERSION);
  w.aux('redis-bits', String(options.redisBits ?? 64));
  w.aux('ctime', String(Math.floor(options.ctime)));
  w.aux('used-mem', String(Math.floor(options.usedMem)));
  w.aux('aof-base', options.aofBase ? '1' : '0');
  for (const code of options.functions ?? []) w.function(code);
}

/** The IDLE or FREQ opcode before a key (rdbSaveKeyValuePair), when the options ask for one. */
export function writeKeyAccess(w: RdbWriter, options: Pick<RdbSaveOptions, 'idleSeconds' | 'frequency'>, access: number): void {
  if (options.idleSeconds !== undefined) w.idle(Math.max(0, Math.floor(options.idleSeconds(access))));
  if (options.frequency !== undefined) w.byte(OP_FREQ).byte(options.frequency(access));
}

/**
 * A whole snapshot, as rdbSaveRio writes it: header, AUX fields, functions, then each
 * non-empty database (the array index is its number), EOF, checksum.
 */
export function writeRdb(dbs: readonly RdbDatabase[], options: RdbSaveOptions): Uint8Array {
  const w = new RdbWriter({
    compression: options.compression ?? true,
    listMaxListpackSize: options.listMaxListpackSize,
    listCompressDepth: options.listCompressDepth,
  });
  writeRdbHead(w, options);
  const withAccess = options.idleSeconds !== undefined || options.frequency !== undefined;
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
      if (withAccess) writeKeyAccess(w, options, db.accessOf?.(key) ?? 0);
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
  /** Keys whose value was an empty collection: skipped, as Redis skips them. */
  emptyKeysSkipped: number;
}

/**
 * The thresholds that decide a loaded collection's encoding (the engine's config has these
 * fields: hash-max-listpack-entries/-value, set-max-intset-entries,
 * zset-max-listpack-entries/-value).
 */
export interface EncodingLimits {
  readonly hashMaxListpackEntries: number;
  readonly hashMaxListpackValue: number;
  readonly setMaxIntsetEntries: number;
  readonly zsetMaxListpackEntries: number;
  readonly zsetMaxListpackValue: number;
}

/** Redis 7.0's defaults. */
export const DEFAULT_ENCODING_LIMITS: EncodingLimits = {
  hashMaxListpackEntries: 512,
  hashMaxListpackValue: 64,
  setMaxIntsetEntries: 512,
  zsetMaxListpackEntries: 128,
  zsetMaxListpackValue: 64,
};

export interface RdbReadOptions {
  /** Access time given to the loaded objects (ms). */
  now: number;
  /** Check the CRC-64 trailer (default true; a stored zero means "not computed"). */
  verifyChecksum?: boolean;
  /** Encoding thresholds for loaded collections (default: Redis's defaults). */
  limits?: EncodingLimits;
}

/** A cursor over snapshot bytes; every read checks bounds (a short file is an RdbError). */
export class RdbReader {
  pos = 0;
  private readonly dbl = new DoubleScratch();

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

  /** A string in any of its stored forms, as bytes (a blob: listpack, intset, ...). */
  blob(): Uint8Array {
    const start = this.pos;
    const len = this.lenOrEncoding();
    if (!this.encoded) return this.take(len);
    if (len === ENC_LZF) {
      const clen = this.len();
      const ulen = this.len();
      const plain = lzfDecompress(this.take(clen), ulen);
      if (plain === null) throw new RdbError('Invalid LZF compressed string', start);
      return plain;
    }
    this.pos = start;
    return bytesFromLatin1(this.string());
  }

  /** An IEEE 754 double, little-endian (RDB_TYPE_ZSET_2 scores). */
  binaryDouble(): number {
    this.need(8);
    const b = this.bytes;
    let p = this.pos;
    const dbl = this.dbl;
    for (let i = 0; i < 8; i++) dbl.bytes[DOUBLE_LE[i]!] = b[p++]!;
    this.pos = p;
    return dbl.value[0]!;
  }

  /**
   * A double as text after a length byte, 253/254/255 standing for nan/inf/-inf
   * (rdbLoadDoubleValue: RDB_TYPE_ZSET scores).
   */
  textDouble(): number {
    const start = this.pos;
    const len = this.byte();
    if (len === 255) return -Infinity;
    if (len === 254) return Infinity;
    if (len === 253) return NaN;
    const text = latin1FromBytes(this.take(len));
    const d = parseDouble(text);
    if (d === null) throw new RdbError(`Invalid double value '${printable(text)}'`, start);
    return d;
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
        return String((v << 24) >> 24);
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

// ---------------------------------------------------------------------------------------------
// Value loaders (rdbLoadObject)
// ---------------------------------------------------------------------------------------------

interface LoadContext {
  limits: EncodingLimits;
}

/** Loads one value of an RDB type; null for an empty collection (the key is skipped). */
type ValueLoader = (r: RdbReader, ctx: LoadContext) => RObj | null;

/** Cap on listpack bytes (LISTPACK_MAX_SAFETY_SIZE): larger contents never stay listpacks. */
const LISTPACK_MAX_SAFETY_SIZE = 1 << 30;

/** Redis's message for a corrupt value (rdbReportCorruptRDB), at the value's offset. */
function corrupt(message: string, at: number): never {
  throw new RdbError(message, at);
}

/** A blob of the value, decoded; a corrupt one fails with `message`. */
function decodedBlob(r: RdbReader, decode: (b: Uint8Array) => string[] | null, message: string): string[] {
  const at = r.pos;
  const items = decode(r.blob());
  return items ?? corrupt(message, at);
}

function listObject(items: Deque<string>): RObj {
  return { type: 'list', value: items };
}

/** A hash from alternating fields and values (a listpack or ziplist); null when empty. */
function hashFromPairs(items: string[], ctx: LoadContext, message: string, at: number): RObj | null {
  if (items.length % 2 !== 0) corrupt(message, at);
  const map = new Map<string, string>();
  for (let i = 0; i < items.length; i += 2) {
    if (map.has(items[i]!)) corrupt(message, at);
    map.set(items[i]!, items[i + 1]!);
  }
  if (map.size === 0) return null;
  const enc = map.size > ctx.limits.hashMaxListpackEntries ? 'hashtable' : 'listpack';
  return { type: 'hash', value: map, enc };
}

/**
 * A sorted set from members and scores in any order. In a listpack a score is an integer when
 * it is a whole number, so -0 cannot stay -0 there (zzlInsertAt): it becomes 0.
 */
function zsetObject(members: string[], scores: number[], enc: 'listpack' | 'skiplist', duplicate: string, at: number): RObj {
  const n = members.length;
  if (enc === 'listpack') {
    for (let i = 0; i < n; i++) if (scores[i] === 0) scores[i] = 0;
  }
  const before = (i: number, j: number) => {
    const a = scores[i]!;
    const b = scores[j]!;
    return a < b || (a === b && members[i]! < members[j]!);
  };
  let ascending = true;
  let descending = true;
  for (let i = 1; i < n && (ascending || descending); i++) {
    if (!before(i - 1, i)) ascending = false;
    if (!before(i, i - 1)) descending = false;
  }
  let ms = members;
  let ss = scores;
  if (!ascending) {
    if (descending) {
      // What Redis writes for a skiplist: highest first.
      members.reverse();
      scores.reverse();
    } else {
      const order = Array.from({ length: n }, (_, i) => i);
      order.sort((i, j) => (before(i, j) ? -1 : before(j, i) ? 1 : 0));
      ms = order.map((i) => members[i]!);
      ss = order.map((i) => scores[i]!);
    }
  }
  let value: ZSet;
  try {
    value = ZSet.fromSorted(ms, ss);
  } catch {
    // Out of order after sorting only when a member repeats.
    return corrupt(duplicate, at);
  }
  return { type: 'zset', value, enc };
}

/** A sorted set from alternating members and scores (a listpack or ziplist); null when empty. */
function zsetFromPairs(items: string[], ctx: LoadContext, message: string, at: number): RObj | null {
  if (items.length % 2 !== 0) corrupt(message, at);
  const n = items.length / 2;
  if (n === 0) return null;
  const members = new Array<string>(n);
  const scores = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    members[i] = items[2 * i]!;
    const text = items[2 * i + 1]!;
    const score = parseDouble(text);
    if (score === null) corrupt(`Zset with an invalid score '${printable(text)}'`, at);
    scores[i] = score;
  }
  const enc = n > ctx.limits.zsetMaxListpackEntries ? 'skiplist' : 'listpack';
  return zsetObject(members, scores, enc, message, at);
}

/** RDB_TYPE_LIST_QUICKLIST (ziplist nodes) and _2 (container + listpack nodes). */
function loadQuicklist(r: RdbReader, version2: boolean): RObj | null {
  const nodes = r.len();
  const items = new Deque<string>();
  for (let i = 0; i < nodes; i++) {
    const at = r.pos;
    let container = QL_CONTAINER_PACKED;
    if (version2) {
      container = r.len();
      if (container !== QL_CONTAINER_PACKED && container !== QL_CONTAINER_PLAIN) {
        corrupt('Quicklist integrity check failed.', at);
      }
    }
    const blobAt = r.pos;
    const data = r.blob();
    if (data.length === 0) corrupt('Empty quicklist node', blobAt);
    if (container === QL_CONTAINER_PLAIN) {
      items.pushBack(latin1FromBytes(data));
      continue;
    }
    const elements = version2 ? decodeListpack(data) : decodeZiplist(data);
    if (elements === null) {
      corrupt(version2 ? 'Listpack integrity check failed.' : 'Ziplist integrity check failed.', blobAt);
    }
    // Empty nodes are skipped; an empty list as a whole is an empty key.
    for (const e of elements) items.pushBack(e);
  }
  return items.length === 0 ? null : listObject(items);
}

const LOADERS: (ValueLoader | undefined)[] = [];

LOADERS[RDB_TYPE_STRING] = (r) => createString(r.string());

LOADERS[RDB_TYPE_LIST] = (r) => {
  const n = r.len();
  if (n === 0) return null;
  const items = new Deque<string>(Math.min(n, 1 << 16));
  for (let i = 0; i < n; i++) items.pushBack(r.string());
  return listObject(items);
};

LOADERS[RDB_TYPE_LIST_QUICKLIST] = (r) => loadQuicklist(r, false);
LOADERS[RDB_TYPE_LIST_QUICKLIST_2] = (r) => loadQuicklist(r, true);

LOADERS[RDB_TYPE_LIST_ZIPLIST] = (r) => {
  const items = decodedBlob(r, decodeZiplist, 'List ziplist integrity check failed.');
  return items.length === 0 ? null : listObject(Deque.from(items));
};

LOADERS[RDB_TYPE_SET] = (r, ctx) => {
  const n = r.len();
  if (n === 0) return null;
  // An intset while every member is an integer and there are few enough of them.
  let intset = n <= Math.min(ctx.limits.setMaxIntsetEntries, 1 << 30);
  const set = new Set<string>();
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const member = r.string();
    if (intset && parseIntArg(member) === null) intset = false;
    const size = set.size;
    if (set.add(member).size === size) corrupt('Duplicate set members detected', at);
  }
  return { type: 'set', value: set, enc: intset ? 'intset' : 'hashtable' };
};

LOADERS[RDB_TYPE_SET_INTSET] = (r, ctx) => {
  const members = decodedBlob(r, decodeIntset, 'Intset integrity check failed.');
  const enc = members.length > ctx.limits.setMaxIntsetEntries ? 'hashtable' : 'intset';
  return { type: 'set', value: new Set(members), enc };
};

function loadZset(r: RdbReader, ctx: LoadContext, binary: boolean): RObj | null {
  const start = r.pos;
  const n = r.len();
  if (n === 0) return null;
  const members = new Array<string>(n);
  const scores = new Array<number>(n);
  let maxLen = 0;
  let totalLen = 0;
  for (let i = 0; i < n; i++) {
    const member = r.string();
    const at = r.pos;
    const score = binary ? r.binaryDouble() : r.textDouble();
    if (score !== score) corrupt('Zset with NAN score detected', at);
    members[i] = member;
    scores[i] = score;
    if (member.length > maxLen) maxLen = member.length;
    totalLen += member.length;
  }
  const small = n <= ctx.limits.zsetMaxListpackEntries && maxLen <= ctx.limits.zsetMaxListpackValue && totalLen <= LISTPACK_MAX_SAFETY_SIZE;
  return zsetObject(members, scores, small ? 'listpack' : 'skiplist', 'Duplicate zset fields detected', start);
}

LOADERS[RDB_TYPE_ZSET] = (r, ctx) => loadZset(r, ctx, false);
LOADERS[RDB_TYPE_ZSET_2] = (r, ctx) => loadZset(r, ctx, true);

/** A zset or hash stored as one ziplist or listpack of alternating items (member score, field value). */
function pairsLoader(
  fromPairs: (items: string[], ctx: LoadContext, message: string, at: number) => RObj | null,
  decode: (b: Uint8Array) => string[] | null,
  message: string,
): ValueLoader {
  return (r, ctx) => {
    const at = r.pos;
    return fromPairs(decodedBlob(r, decode, message), ctx, message, at);
  };
}

LOADERS[RDB_TYPE_ZSET_ZIPLIST] = pairsLoader(zsetFromPairs, decodeZiplist, 'Zset ziplist integrity check failed.');
LOADERS[RDB_TYPE_ZSET_LISTPACK] = pairsLoader(zsetFromPairs, decodeListpack, 'Zset listpack integrity check failed.');

LOADERS[RDB_TYPE_HASH] = (r, ctx) => {
  const n = r.len();
  if (n === 0) return null;
  const limits = ctx.limits;
  // A listpack unless there are too many fields or one field or value is too long.
  let listpack = n <= limits.hashMaxListpackEntries;
  let bytes = 0;
  const map = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const field = r.string();
    const value = r.string();
    if (listpack) {
      bytes += field.length + value.length;
      if (field.length > limits.hashMaxListpackValue || value.length > limits.hashMaxListpackValue || bytes > LISTPACK_MAX_SAFETY_SIZE) {
        listpack = false;
      }
    }
    const size = map.size;
    if (map.set(field, value).size === size) corrupt('Duplicate hash fields detected', at);
  }
  return { type: 'hash', value: map, enc: listpack ? 'listpack' : 'hashtable' };
};

LOADERS[RDB_TYPE_HASH_ZIPMAP] = (r, ctx) => {
  const at = r.pos;
  const items = decodedBlob(r, decodeZipmap, 'Zipmap integrity check failed.');
  const map = new Map<string, string>();
  let maxLen = 0;
  for (let i = 0; i < items.length; i += 2) {
    const field = items[i]!;
    const value = items[i + 1]!;
    if (map.has(field)) corrupt(`Hash zipmap with dup elements, or big length (${field.length})`, at);
    map.set(field, value);
    maxLen = Math.max(maxLen, field.length, value.length);
  }
  const limits = ctx.limits;
  const enc = map.size > limits.hashMaxListpackEntries || maxLen > limits.hashMaxListpackValue ? 'hashtable' : 'listpack';
  return { type: 'hash', value: map, enc };
};

LOADERS[RDB_TYPE_HASH_ZIPLIST] = pairsLoader(hashFromPairs, decodeZiplist, 'Hash ziplist integrity check failed.');
LOADERS[RDB_TYPE_HASH_LISTPACK] = pairsLoader(hashFromPairs, decodeListpack, 'Hash listpack integrity check failed.');

/** Redis 7.0's streams, or with `legacy` Redis 6's (RDB_TYPE_STREAM_LISTPACKS). */
function streamLoader(legacy: boolean): ValueLoader {
  return (r) => {
    const at = r.pos;
    try {
      return { type: 'stream', value: loadStreamValue(r, legacy) };
    } catch (e) {
      if (e instanceof RdbError) throw e;
      throw new RdbError(e instanceof Error ? e.message : 'Stream integrity check failed.', at);
    }
  };
}
LOADERS[RDB_TYPE_STREAM_LISTPACKS_2] = streamLoader(false);
LOADERS[RDB_TYPE_STREAM_LISTPACKS] = streamLoader(true);

/** Printable form of a byte string for error messages. */
function printable(s: string): string {
  const shown = s.length > 64 ? s.slice(0, 64) + '...' : s;
  return shown.replace(/[^\x20-\x7e]/g, (ch) => '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0'));
}

/**
 * Parses a whole snapshot (rdbLoadRio). Throws RdbError on a bad signature or version, a
 * truncated file, a wrong checksum, a corrupt value (duplicates, bad listpack/ziplist/intset
 * blobs, NaN scores) or a value type this engine cannot hold yet. Expired keys are returned
 * too: the caller decides (a master drops them on load). Empty collections are counted in
 * emptyKeysSkipped and left out.
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
    emptyKeysSkipped: 0,
  };
  let db = 0;
  let expireAt = -1;
  let idle = -1;
  let freq = -1;
  const ctx: LoadContext = { limits: options.limits ?? DEFAULT_ENCODING_LIMITS };

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
      case OP_FUNCTION: {
        // 7.0's release candidates: name, engine, an optional description, then the code
        const name = r.string();
        const engine = r.string();
        if (r.len() !== 0) r.string();
        contents.functions.push(`#!${engine} name=${name}\n${r.string()}`);
        continue;
      }
      case OP_MODULE_AUX:
        throw new RdbError('The RDB file contains module data, which this engine cannot load', at);
    }

    const key = r.string();
    const loader = LOADERS[type];
    if (loader === undefined) {
      const name = TYPE_NAMES[type];
      if (name === undefined) throw new RdbError(`Unknown RDB encoding type ${type}`, at);
      throw new RdbError(`Cannot load key '${printable(key)}' in db ${db}: RDB type ${type} (${name}) is not supported yet`, at);
    }
    const value = loader(r, ctx);
    if (value === null) contents.emptyKeysSkipped++;
    else contents.keys.push({ db, key, value, expireAt, idle, freq });
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
        throw new RdbError(`Wrong RDB checksum expected: (${expected.toString(16)}) but got (${stored.toString(16)})`, end);
      }
    }
  }
  return contents;
}

// ---------------------------------------------------------------------------------------------
// DUMP payloads (cluster.c createDumpPayload, verifyDumpPayload)
//   <type byte> <the value as an RDB file holds it> <RDB version, 2 bytes LE> <CRC-64, 8 bytes LE>
// ---------------------------------------------------------------------------------------------

/** DUMP's serialized value; the CRC covers every byte before it, the version included. */
export function dumpPayload(obj: RObj, options: RdbWriterOptions): Uint8Array {
  const w = new RdbWriter(options);
  w.byte(objectRdbType(obj))
    .value(obj)
    .byte(RDB_VERSION & 0xff)
    .byte(RDB_VERSION >> 8);
  const body = w.takeChunk();
  const out = new Uint8Array(body.length + 8);
  out.set(body);
  putU64le(out, body.length, crc64(body));
  return out;
}

/** Whether RESTORE takes a payload: its version is not newer than ours and its CRC-64 holds. */
export function dumpPayloadValid(payload: Uint8Array): boolean {
  if (payload.length < 10) return false;
  const footer = payload.length - 10;
  if ((payload[footer]! | (payload[footer + 1]! << 8)) > RDB_VERSION) return false;
  const crc = new Uint8Array(8);
  putU64le(crc, 0, crc64(payload, 0, payload.length - 8));
  return crc.every((b, i) => payload[payload.length - 8 + i] === b);
}

/**
 * The value of a valid payload (rdbLoadObjectType, rdbLoadObject), or null where Redis answers
 * "Bad data format": an unknown or unsupported type, a corrupt value, an empty collection.
 */
export function loadDumpPayload(payload: Uint8Array, limits: EncodingLimits): RObj | null {
  const r = new RdbReader(payload.subarray(0, payload.length - 10));
  try {
    const loader = LOADERS[r.byte()];
    return loader === undefined ? null : loader(r, { limits });
  } catch (e) {
    if (e instanceof RdbError) return null;
    throw e;
  }
}
