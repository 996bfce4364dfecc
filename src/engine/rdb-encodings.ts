// The compact blobs Redis stores inside RDB values, as byte arrays:
//
//   listpack  7.0 small hashes and sorted sets, and every quicklist node of a list
//   intset    sets whose members are all integers
//   ziplist   what listpack replaced (lists, hashes, sorted sets and quicklist nodes before 7.0)
//   zipmap    small hashes before Redis 2.6
//
// plus the rule by which a quicklist cuts a list into listpack nodes. Redis's listpack.c,
// intset.c, ziplist.c, zipmap.c and quicklist.c are the reference (formats and thresholds);
// this is our own code. The writer only needs listpack and intset; ziplist and zipmap encoders
// exist so that tests can build the files an older Redis wrote.
//
// Elements are byte strings (one char per byte). Integers follow string2ll: a canonical int64
// string ("12", "-7", not "012", "+1" or "-0") is stored as a number and read back as the same
// string. Decoders return null on malformed input, checking what Redis's deep integrity
// validation checks (bounds, back lengths, header counts, order of intsets); the RDB loader
// turns null into an RdbError naming the structure.

import { parseIntArg } from './numbers.js';

const MAX_SAFE = 9007199254740991;
const TWO32 = 4294967296;

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

/**
 * The int64 a byte string stands for under string2ll's rules: a number when exact (within
 * ±2^53), a bigint beyond, null when the string is not a canonical integer.
 */
function intOf(s: string): number | bigint | null {
  const n = parseIntArg(s);
  if (n === null) return null;
  return n <= MAX_SAFE && n >= -MAX_SAFE ? n : BigInt(s);
}

/** A signed 64-bit little-endian integer at `p`, as decimal (exact over the whole range). */
function int64At(b: Uint8Array, p: number): string {
  const lo = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  const hi = b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24);
  // |hi| < 2^21 keeps the value within ±2^53, where a double is exact.
  if (hi >= -0x200000 && hi < 0x200000) return String(hi * TWO32 + lo);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/**
 * `buf` itself when `need` more bytes fit after its first `used`, else a copy of those bytes in an
 * array doubled in size until they fit (the growth the RDB writer and the encoders' sinks share).
 */
export function withRoom<B extends Uint8Array>(buf: B, used: number, need: number): B | Uint8Array<ArrayBuffer> {
  if (used + need <= buf.length) return buf;
  let size = buf.length * 2;
  while (size < used + need) size *= 2;
  const next = new Uint8Array(size);
  next.set(buf.subarray(0, used));
  return next;
}

/** A growable byte array. */
class Sink {
  buf: Uint8Array;
  pos = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
  }

  ensure(n: number): void {
    this.buf = withRoom(this.buf, this.pos, n);
  }

  latin1(s: string): void {
    const n = s.length;
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** n bytes of v, little-endian (v within ±2^53 or any int64 as a bigint). */
  intLE(v: number | bigint, n: number): void {
    const buf = this.buf;
    if (typeof v === 'number' && n <= 4) {
      for (let i = 0; i < n; i++) buf[this.pos++] = (v >> (8 * i)) & 0xff;
      return;
    }
    let u = BigInt.asUintN(64, BigInt(v));
    for (let i = 0; i < n; i++) {
      buf[this.pos++] = Number(u & 0xffn);
      u >>= 8n;
    }
  }

  u32le(v: number): void {
    const buf = this.buf;
    buf[this.pos++] = v & 0xff;
    buf[this.pos++] = (v >>> 8) & 0xff;
    buf[this.pos++] = (v >>> 16) & 0xff;
    buf[this.pos++] = (v >>> 24) & 0xff;
  }
}

// ---------------------------------------------------------------------------------------------
// Listpack
//
//   <total bytes u32le> <element count u16le, 65535 = "count them"> entry* 0xFF
//   entry = <encoding + data> <backlen: the size of encoding + data, 1-5 bytes read backwards>
//
//   0xxxxxxx                  integer 0..127
//   10LLLLLL <L bytes>        string of up to 63 bytes
//   110xxxxx xxxxxxxx         13-bit signed integer
//   1110LLLL LLLLLLLL <L>     string of up to 4095 bytes
//   11110000 <len u32le> <L>  longer string
//   0xF1 / F2 / F3 / F4       16 / 24 / 32 / 64-bit signed integer, little-endian
// ---------------------------------------------------------------------------------------------

const LP_HDR_SIZE = 6;
const LP_EOF = 0xff;
const LP_NUMELE_UNKNOWN = 0xffff;
/** Data bytes of the integer encodings 0xF1 to 0xF4. */
const LP_INT_BYTES = [2, 3, 4, 8];

/** Bytes a back length of `l` takes (lpEncodeBacklen, thresholds included). */
export function backlenSize(l: number): number {
  if (l <= 127) return 1;
  if (l < 16383) return 2;
  if (l < 2097151) return 3;
  if (l < 268435455) return 4;
  return 5;
}

/** Builds a listpack by appending elements (lpAppend), as Redis does when it creates one. */
export class ListpackWriter {
  private readonly sink: Sink;
  private n = 0;

  constructor(capacity = 64) {
    this.sink = new Sink(Math.max(capacity, LP_HDR_SIZE + 1));
    this.sink.pos = LP_HDR_SIZE;
  }

  /** Elements appended so far. */
  get count(): number {
    return this.n;
  }

  /** What lpBytes would report now: header, entries and the end byte. */
  get size(): number {
    return this.sink.pos + 1;
  }

  /** Appends a byte string, integer-encoded when it is a canonical int64 (lpAppend). */
  add(s: string): this {
    const v = s.length < 21 ? intOf(s) : null;
    if (v !== null) return this.addInt(v);
    const sink = this.sink;
    const n = s.length;
    let len: number;
    if (n < 64) {
      sink.ensure(n + 2);
      sink.buf[sink.pos++] = 0x80 | n;
      len = 1 + n;
    } else if (n < 4096) {
      sink.ensure(n + 4);
      sink.buf[sink.pos++] = 0xe0 | (n >> 8);
      sink.buf[sink.pos++] = n & 0xff;
      len = 2 + n;
    } else {
      sink.ensure(n + 10);
      sink.buf[sink.pos++] = 0xf0;
      sink.u32le(n);
      len = 5 + n;
    }
    sink.latin1(s);
    this.backlen(len);
    this.n++;
    return this;
  }

  /** Appends an integer in the smallest of the integer encodings (lpAppendInteger). */
  addInt(v: number | bigint): this {
    const sink = this.sink;
    sink.ensure(14);
    const buf = sink.buf;
    let len: number;
    if (typeof v === 'bigint') {
      buf[sink.pos++] = 0xf4;
      sink.intLE(v, 8);
      len = 9;
    } else if (v >= 0 && v <= 127) {
      buf[sink.pos++] = v;
      len = 1;
    } else if (v >= -4096 && v <= 4095) {
      const u = v < 0 ? v + 8192 : v;
      buf[sink.pos++] = 0xc0 | (u >> 8);
      buf[sink.pos++] = u & 0xff;
      len = 2;
    } else if (v >= -32768 && v <= 32767) {
      buf[sink.pos++] = 0xf1;
      sink.intLE(v, 2);
      len = 3;
    } else if (v >= -8388608 && v <= 8388607) {
      buf[sink.pos++] = 0xf2;
      sink.intLE(v, 3);
      len = 4;
    } else if (v >= -2147483648 && v <= 2147483647) {
      buf[sink.pos++] = 0xf3;
      sink.intLE(v, 4);
      len = 5;
    } else {
      buf[sink.pos++] = 0xf4;
      sink.intLE(v, 8);
      len = 9;
    }
    this.backlen(len);
    this.n++;
    return this;
  }

  /** The back length: the entry size in 7-bit groups, most significant first, read backwards. */
  private backlen(l: number): void {
    const sink = this.sink;
    sink.ensure(5);
    const buf = sink.buf;
    const size = backlenSize(l);
    for (let i = size - 1; i >= 0; i--) {
      const group = Math.floor(l / 2 ** (7 * i)) & 127;
      buf[sink.pos++] = i === size - 1 ? group : group | 128;
    }
  }

  /** The finished listpack (the writer must not be used afterwards). */
  finish(): Uint8Array {
    const sink = this.sink;
    sink.ensure(1);
    sink.buf[sink.pos++] = LP_EOF;
    const total = sink.pos;
    const out = sink.buf.slice(0, total);
    out[0] = total & 0xff;
    out[1] = (total >>> 8) & 0xff;
    out[2] = (total >>> 16) & 0xff;
    out[3] = (total >>> 24) & 0xff;
    const n = this.n < LP_NUMELE_UNKNOWN ? this.n : LP_NUMELE_UNKNOWN;
    out[4] = n & 0xff;
    out[5] = n >> 8;
    return out;
  }
}

/** A listpack of the given elements. */
export function encodeListpack(items: Iterable<string>): Uint8Array {
  const w = new ListpackWriter();
  for (const s of items) w.add(s);
  return w.finish();
}

/**
 * The elements of a listpack, integers as decimal strings; null when it is malformed (sizes,
 * encodings, back lengths, end byte or header count do not agree: lpValidateIntegrity, deep).
 */
export function decodeListpack(b: Uint8Array): string[] | null {
  const size = b.length;
  if (size < LP_HDR_SIZE + 1) return null;
  const total = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  if (total !== size || b[size - 1] !== LP_EOF) return null;
  const numele = b[4]! | (b[5]! << 8);
  const last = size - 1; // the end byte
  const out: string[] = [];
  let p = LP_HDR_SIZE;
  while (b[p] !== LP_EOF) {
    const e = b[p]!;
    let head: number; // bytes of encoding and length
    let dataLen: number; // bytes of data
    let str = false;
    if (e < 0x80) {
      head = 1;
      dataLen = 0;
    } else if (e < 0xc0) {
      head = 1;
      dataLen = e & 0x3f;
      str = true;
    } else if (e < 0xe0) {
      head = 1;
      dataLen = 1;
    } else if (e < 0xf0) {
      head = 2;
      if (p + 1 > last) return null;
      dataLen = ((e & 0x0f) << 8) | b[p + 1]!;
      str = true;
    } else if (e === 0xf0) {
      head = 5;
      if (p + 5 > last) return null;
      dataLen = (b[p + 1]! | (b[p + 2]! << 8) | (b[p + 3]! << 16) | (b[p + 4]! << 24)) >>> 0;
      str = true;
    } else if (e <= 0xf4) {
      head = 1;
      dataLen = LP_INT_BYTES[e - 0xf1]!;
    } else {
      return null;
    }
    const len = head + dataLen;
    const bl = backlenSize(len);
    const next = p + len + bl;
    if (next > last) return null;
    // The back length, read from its last byte backwards, must give the entry size.
    let back = 0;
    let q = next - 1;
    for (let shift = 0; ; shift += 7) {
      const c = b[q]!;
      back += (c & 127) * 2 ** shift;
      if (!(c & 128)) break;
      q--;
      if (shift >= 28 || q < p + len) return null;
    }
    if (back !== len || q !== p + len) return null;

    if (str) {
      out.push(latin1FromBytes(b, p + head, p + len));
    } else if (e < 0x80) {
      out.push(String(e));
    } else if (e < 0xe0) {
      const u = ((e & 0x1f) << 8) | b[p + 1]!;
      out.push(String(u >= 4096 ? u - 8192 : u));
    } else if (e === 0xf1) {
      out.push(String(((b[p + 1]! | (b[p + 2]! << 8)) << 16) >> 16));
    } else if (e === 0xf2) {
      out.push(String(((b[p + 1]! | (b[p + 2]! << 8) | (b[p + 3]! << 16)) << 8) >> 8));
    } else if (e === 0xf3) {
      out.push(String(b[p + 1]! | (b[p + 2]! << 8) | (b[p + 3]! << 16) | (b[p + 4]! << 24)));
    } else {
      out.push(int64At(b, p + 1));
    }
    p = next;
  }
  if (p !== last) return null;
  if (numele !== LP_NUMELE_UNKNOWN && numele !== out.length) return null;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Quicklist nodes (quicklistPushTail's rule for starting a new node)
// ---------------------------------------------------------------------------------------------

/** Byte limits of list-max-listpack-size -1 .. -5. */
const OPTIMIZATION_LEVEL = [4096, 8192, 16384, 32768, 65536];
/** Any node stays within 8 KB unless the fill is a size limit. */
const SIZE_SAFETY_LIMIT = 8192;
/** Overestimate of an entry's overhead when deciding whether it still fits. */
const SIZE_ESTIMATE_OVERHEAD = 8;
/** Bound of positive fills (a signed 16-bit field in the quicklist). */
const FILL_MAX = (1 << 15) - 1;

/** The fill factor a quicklist keeps for list-max-listpack-size (quicklistSetFill). */
export function quicklistFill(listMaxListpackSize: number): number {
  if (listMaxListpackSize > FILL_MAX) return FILL_MAX;
  if (listMaxListpackSize < -5) return -5;
  return listMaxListpackSize;
}

/**
 * Whether a node of `nodeBytes` (lpBytes) holding `count` elements takes another element of
 * `len` bytes (_quicklistNodeAllowInsert): a negative fill is a byte limit, a positive one
 * a count limit within the 8 KB safety limit.
 */
export function quicklistNodeAllows(nodeBytes: number, count: number, fill: number, len: number): boolean {
  const newSize = nodeBytes + len + SIZE_ESTIMATE_OVERHEAD;
  if (fill < 0 && newSize <= OPTIMIZATION_LEVEL[-fill - 1]!) return true;
  if (newSize > SIZE_SAFETY_LIMIT) return false;
  return count < fill;
}

/**
 * Cuts a list into listpack nodes the way a quicklist built by pushing every element to the
 * tail (RPUSH, or loading a dump) cuts it. `listMaxListpackSize` is the config value.
 */
export function quicklistNodes(items: Iterable<string>, listMaxListpackSize: number): Uint8Array[] {
  return quicklistLayout(items, listMaxListpackSize, QUICKLIST_PACKED_THRESHOLD) as Uint8Array[];
}

/** quicklist.c's packed_threshold: an element this long or longer gets a plain node of its own. */
export const QUICKLIST_PACKED_THRESHOLD = 1 << 30;

/**
 * quicklistNodes with plain nodes: an element of at least `packedThreshold` bytes (1 GB unless
 * DEBUG QUICKLIST-PACKED-THRESHOLD lowered it) is a node of its own, given as the string itself.
 */
export function quicklistLayout(items: Iterable<string>, listMaxListpackSize: number, packedThreshold: number): (Uint8Array | string)[] {
  const fill = quicklistFill(listMaxListpackSize);
  const nodes: (Uint8Array | string)[] = [];
  let node: ListpackWriter | null = null;
  for (const s of items) {
    if (s.length >= packedThreshold) {
      if (node !== null) nodes.push(node.finish());
      node = null;
      nodes.push(s);
      continue;
    }
    if (node === null || !quicklistNodeAllows(node.size, node.count, fill, s.length)) {
      if (node !== null) nodes.push(node.finish());
      node = new ListpackWriter(Math.min(SIZE_SAFETY_LIMIT, s.length + 16));
    }
    node.add(s);
  }
  if (node !== null) nodes.push(node.finish());
  return nodes;
}

// ---------------------------------------------------------------------------------------------
// Intset: <width u32le: 2, 4 or 8> <count u32le> <count integers of that width, ascending, LE>
// ---------------------------------------------------------------------------------------------

/**
 * An intset of integer members (each must be a canonical int64 string), in the narrowest width
 * that holds all of them (what a set that never held a wider value has).
 */
export function encodeIntset(members: Iterable<string>): Uint8Array {
  const nums: number[] = [];
  let bigs: bigint[] | null = null;
  for (const m of members) {
    const v = intOf(m);
    if (v === null) throw new RangeError(`not an integer member: ${JSON.stringify(m)}`);
    if (typeof v === 'bigint') (bigs ??= []).push(v);
    else nums.push(v);
  }
  const count = nums.length + (bigs?.length ?? 0);
  const sink = new Sink(8 + count * 8);
  if (bigs !== null) {
    const all = bigs.concat(nums.map((n) => BigInt(n)));
    all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    sink.u32le(8);
    sink.u32le(count);
    for (const v of all) sink.intLE(v, 8);
  } else {
    const sorted = Float64Array.from(nums).sort();
    const min = count === 0 ? 0 : sorted[0]!;
    const max = count === 0 ? 0 : sorted[count - 1]!;
    const width = min >= -32768 && max <= 32767 ? 2 : min >= -2147483648 && max <= 2147483647 ? 4 : 8;
    sink.u32le(width);
    sink.u32le(count);
    for (let i = 0; i < count; i++) sink.intLE(sorted[i]!, width);
  }
  return sink.buf.slice(0, sink.pos);
}

/** Members of an intset as decimal strings, ascending; null when malformed, empty or unsorted. */
export function decodeIntset(b: Uint8Array): string[] | null {
  if (b.length < 8) return null;
  const width = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  if (width !== 2 && width !== 4 && width !== 8) return null;
  const count = (b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24)) >>> 0;
  if (8 + count * width !== b.length || count === 0) return null;
  const out = new Array<string>(count);
  if (width === 8) {
    let prevHi = 0;
    let prevLo = 0;
    for (let i = 0, p = 8; i < count; i++, p += 8) {
      const lo = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
      const hi = b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24);
      if (i > 0 && (hi < prevHi || (hi === prevHi && lo <= prevLo))) return null;
      prevHi = hi;
      prevLo = lo;
      out[i] = int64At(b, p);
    }
  } else {
    let prev = 0;
    for (let i = 0, p = 8; i < count; i++, p += width) {
      const v = width === 2 ? ((b[p]! | (b[p + 1]! << 8)) << 16) >> 16 : b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
      if (i > 0 && v <= prev) return null;
      prev = v;
      out[i] = String(v);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ziplist (read for old dumps; written only by tests)
//
//   <total bytes u32le> <offset of the last entry u32le> <count u16le, 65535 = unknown>
//   entry* 0xFF,  entry = <previous entry size: 1 byte < 254, or 0xFE + u32le> <encoding> <data>
//
//   00LLLLLL / 01LLLLLL LLLLLLLL / 10______ <len u32be>   strings (6, 14, 32-bit length)
//   0xC0 int16, 0xD0 int32, 0xE0 int64, 0xF0 int24, 0xFE int8 (little-endian)
//   0xF1..0xFD                                              the integers 0..12
// ---------------------------------------------------------------------------------------------

const ZL_HDR_SIZE = 10;
const ZL_END = 0xff;
const ZL_BIG_PREVLEN = 254;

/** Elements of a ziplist; null when malformed (ziplistValidateIntegrity, deep). */
export function decodeZiplist(b: Uint8Array): string[] | null {
  const size = b.length;
  if (size < ZL_HDR_SIZE + 1) return null;
  const total = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  const tail = (b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24)) >>> 0;
  const header = b[8]! | (b[9]! << 8);
  const last = size - 1;
  if (total !== size || b[last] !== ZL_END || tail > last) return null;
  const out: string[] = [];
  let p = ZL_HDR_SIZE;
  let prev = -1;
  let prevRaw = 0;
  while (b[p] !== ZL_END) {
    let prevLen: number;
    let ps: number;
    if (b[p]! < ZL_BIG_PREVLEN) {
      prevLen = b[p]!;
      ps = 1;
    } else {
      if (p + 5 > last) return null;
      prevLen = (b[p + 1]! | (b[p + 2]! << 8) | (b[p + 3]! << 16) | (b[p + 4]! << 24)) >>> 0;
      ps = 5;
    }
    if (prevLen !== prevRaw) return null;
    const q = p + ps;
    const e = b[q]!;
    let ls: number; // bytes of the encoding
    let dataLen: number;
    if (e < 0xc0) {
      const kind = e & 0xc0;
      if (kind === 0x00) {
        ls = 1;
        dataLen = e & 0x3f;
      } else if (kind === 0x40) {
        ls = 2;
        if (q + 1 > last) return null;
        dataLen = ((e & 0x3f) << 8) | b[q + 1]!;
      } else {
        ls = 5;
        if (q + 4 > last) return null;
        dataLen = ((b[q + 1]! << 24) | (b[q + 2]! << 16) | (b[q + 3]! << 8) | b[q + 4]!) >>> 0;
      }
    } else {
      ls = 1;
      if (e === 0xfe) dataLen = 1;
      else if (e === 0xc0) dataLen = 2;
      else if (e === 0xf0) dataLen = 3;
      else if (e === 0xd0) dataLen = 4;
      else if (e === 0xe0) dataLen = 8;
      else if (e >= 0xf1 && e <= 0xfd) dataLen = 0;
      else return null;
    }
    const d = q + ls;
    const next = d + dataLen;
    if (next > last) return null;
    if (e < 0xc0) out.push(latin1FromBytes(b, d, next));
    else if (e === 0xfe) out.push(String((b[d]! << 24) >> 24));
    else if (e === 0xc0) out.push(String(((b[d]! | (b[d + 1]! << 8)) << 16) >> 16));
    else if (e === 0xf0) out.push(String(((b[d]! | (b[d + 1]! << 8) | (b[d + 2]! << 16)) << 8) >> 8));
    else if (e === 0xd0) out.push(String(b[d]! | (b[d + 1]! << 8) | (b[d + 2]! << 16) | (b[d + 3]! << 24)));
    else if (e === 0xe0) out.push(int64At(b, d));
    else out.push(String((e & 0x0f) - 1));
    prev = p;
    prevRaw = next - p;
    p = next;
  }
  if (p !== last) return null;
  if (prev !== -1 && prev !== tail) return null;
  if (header !== 0xffff && header !== out.length) return null;
  return out;
}

/** ZIP_INT_8B, 16B, 24B and 32B: [encoding byte, data bytes, largest value]. */
const ZL_INT_ENCODINGS: readonly (readonly [number, number, number])[] = [
  [0xfe, 1, 127],
  [0xc0, 2, 32767],
  [0xf0, 3, 8388607],
  [0xd0, 4, 2147483647],
];
/** ZIP_INT_64B. */
const ZL_INT_64B = [0xe0, 8] as const;

/** A ziplist of the given elements, as ziplistPush builds one (integers encoded when possible). */
export function encodeZiplist(items: Iterable<string>): Uint8Array {
  const sink = new Sink(64);
  sink.pos = ZL_HDR_SIZE;
  let prevRaw = 0;
  let tail = ZL_HDR_SIZE;
  let count = 0;
  for (const s of items) {
    sink.ensure(s.length + 16);
    const start = sink.pos;
    tail = start;
    const buf = sink.buf;
    if (prevRaw < ZL_BIG_PREVLEN) {
      buf[sink.pos++] = prevRaw;
    } else {
      buf[sink.pos++] = ZL_BIG_PREVLEN;
      sink.u32le(prevRaw);
    }
    const v = s.length < 32 ? intOf(s) : null;
    if (v !== null) {
      if (typeof v === 'number' && v >= 0 && v <= 12) {
        buf[sink.pos++] = 0xf1 + v;
      } else {
        // The narrowest encoding that holds v; int64 when none of the others does.
        const fits = ([, , max]: readonly [number, number, number]) => typeof v === 'number' && v >= -max - 1 && v <= max;
        const [encoding, bytes] = ZL_INT_ENCODINGS.find(fits) ?? ZL_INT_64B;
        buf[sink.pos++] = encoding;
        sink.intLE(v, bytes);
      }
    } else {
      const n = s.length;
      if (n <= 0x3f) {
        buf[sink.pos++] = n;
      } else if (n <= 0x3fff) {
        buf[sink.pos++] = 0x40 | (n >> 8);
        buf[sink.pos++] = n & 0xff;
      } else {
        buf[sink.pos++] = 0x80;
        buf[sink.pos++] = n >>> 24;
        buf[sink.pos++] = (n >>> 16) & 0xff;
        buf[sink.pos++] = (n >>> 8) & 0xff;
        buf[sink.pos++] = n & 0xff;
      }
      sink.latin1(s);
    }
    prevRaw = sink.pos - start;
    count++;
  }
  sink.ensure(1);
  sink.buf[sink.pos++] = ZL_END;
  const out = sink.buf.slice(0, sink.pos);
  const head = new Sink(10);
  head.u32le(out.length);
  head.u32le(tail);
  const c = count < 0xffff ? count : 0xffff;
  head.buf[8] = c & 0xff;
  head.buf[9] = c >> 8;
  out.set(head.buf.subarray(0, 10), 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Zipmap (hashes saved by Redis before 2.6)
//
//   <count: 1 byte, 254 = unknown> (<len> field <len> <free> value <free bytes>)* 0xFF
//   len = 1 byte < 254, or 0xFE + u32le
// ---------------------------------------------------------------------------------------------

const ZM_BIGLEN = 254;
const ZM_END = 0xff;

/** Fields and values of a zipmap, alternating; null when malformed or empty. */
export function decodeZipmap(b: Uint8Array): string[] | null {
  const size = b.length;
  if (size < 2 || b[size - 1] !== ZM_END) return null;
  const last = size - 1;
  const out: string[] = [];
  let p = 1;
  const lenAt = (at: number): number => (b[at]! < ZM_BIGLEN ? b[at]! : (b[at + 1]! | (b[at + 2]! << 8) | (b[at + 3]! << 16) | (b[at + 4]! << 24)) >>> 0);
  while (b[p] !== ZM_END) {
    let s = b[p]! < ZM_BIGLEN ? 1 : 5;
    if (p + s > last) return null;
    const fieldLen = lenAt(p);
    const field = p + s;
    p = field + fieldLen;
    if (p > last) return null;
    s = b[p]! < ZM_BIGLEN ? 1 : 5;
    if (p + s > last) return null;
    const valueLen = lenAt(p);
    p += s;
    const free = b[p++]!;
    const value = p;
    p += valueLen + free;
    if (p > last) return null;
    out.push(latin1FromBytes(b, field, field + fieldLen), latin1FromBytes(b, value, value + valueLen));
  }
  const count = out.length / 2;
  if (count === 0) return null;
  if (b[0] !== ZM_BIGLEN && b[0] !== count) return null;
  return out;
}

/** A zipmap of field/value pairs; `free` unused bytes after each value (as updates leave). */
export function encodeZipmap(pairs: Iterable<readonly [string, string]>, free = 0): Uint8Array {
  const sink = new Sink(64);
  sink.pos = 1;
  let count = 0;
  const len = (n: number) => {
    if (n < ZM_BIGLEN) {
      sink.buf[sink.pos++] = n;
    } else {
      sink.buf[sink.pos++] = ZM_BIGLEN;
      sink.u32le(n);
    }
  };
  for (const [f, v] of pairs) {
    sink.ensure(f.length + v.length + 12 + free);
    len(f.length);
    sink.latin1(f);
    len(v.length);
    sink.buf[sink.pos++] = free;
    sink.latin1(v);
    sink.pos += free;
    count++;
  }
  sink.ensure(1);
  sink.buf[sink.pos++] = ZM_END;
  sink.buf[0] = count < ZM_BIGLEN ? count : ZM_BIGLEN;
  return sink.buf.slice(0, sink.pos);
}
