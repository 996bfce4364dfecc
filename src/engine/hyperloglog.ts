// HyperLogLog in Redis's own format (hyperloglog.c), so that an HLL is an ordinary string value
// whose bytes equal what Redis 7.0 stores: GET, DUMP and replication all see the same thing.
//
// Layout: a 16-byte header — "HYLL", the encoding (0 dense, 1 sparse), 3 unused bytes, the cached
// cardinality as 8 bytes little-endian whose last byte's top bit marks the cache invalid — then
// either 16384 six-bit registers packed little-endian (dense, 12288 bytes) or run-length opcodes
// (sparse): ZERO 00xxxxxx (1..64 zero registers), XZERO 01xxxxxx yyyyyyyy (1..16384 zero
// registers), VAL 1vvvvvxx (1..4 registers of value 1..32).
//
// Values arrive and leave as byte strings; the algorithms below work on an `HllBuf`, a byte
// array with room to grow (a sparse HLL grows by up to 3 bytes per update), keeping a zero byte
// after the end where Redis's sds strings keep their terminator (the C code reads it at times).

export const HLL_P = 14;
export const HLL_Q = 64 - HLL_P;
export const HLL_REGISTERS = 1 << HLL_P;
const HLL_P_MASK = HLL_REGISTERS - 1;
const HLL_BITS = 6;
const HLL_REGISTER_MAX = (1 << HLL_BITS) - 1;
export const HLL_HDR_SIZE = 16;
export const HLL_DENSE_SIZE = HLL_HDR_SIZE + ((HLL_REGISTERS * HLL_BITS + 7) >> 3);
export const HLL_DENSE = 0;
export const HLL_SPARSE = 1;
const HLL_MAX_ENCODING = 1;
const SPARSE_VAL_MAX_VALUE = 32;
const SPARSE_VAL_MAX_LEN = 4;
const SPARSE_ZERO_MAX_LEN = 64;
const SPARSE_XZERO_MAX_LEN = 16384;
/** 0.5 / ln(2): Redis writes 0.721347520444481703680, which is this double. */
const HLL_ALPHA_INF = 0.7213475204444817;
const ENCODING_OFFSET = 4;
/** The byte holding the "cached cardinality is invalid" bit (its top bit). */
const CARD_FLAG_OFFSET = 15;

// ---- MurmurHash64A (seed 0xadc83b19), in 32-bit halves --------------------------------------

const M_HI = 0xc6a4a793;
const M_LO = 0x5bd1e995;
const SEED = 0xadc83b19;

/** The high 32 bits of the 64-bit product of two unsigned 32-bit numbers. */
function mulHi32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) >>> 0;
}

/**
 * MurmurHash64A of a byte string: its high 32 bits when `high`, else its low 32 bits (one
 * number back, so nothing is allocated or left behind; the low half is nearly always enough).
 */
function murmur64(s: string, high: boolean): number {
  const len = s.length;
  // h = seed ^ (len * m)
  let hHi = (mulHi32(len, M_LO) + Math.imul(len, M_HI)) >>> 0;
  let hLo = (Math.imul(len, M_LO) ^ SEED) >>> 0;
  const blocks = len - (len & 7);
  let i = 0;
  for (; i < blocks; i += 8) {
    let kLo = (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 8) | (s.charCodeAt(i + 2) << 16) | (s.charCodeAt(i + 3) << 24)) >>> 0;
    let kHi = (s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 8) | (s.charCodeAt(i + 6) << 16) | (s.charCodeAt(i + 7) << 24)) >>> 0;
    // k *= m
    let hi = (mulHi32(kLo, M_LO) + Math.imul(kHi, M_LO) + Math.imul(kLo, M_HI)) >>> 0;
    kLo = Math.imul(kLo, M_LO) >>> 0;
    kHi = hi;
    // k ^= k >> 47
    kLo = (kLo ^ (kHi >>> 15)) >>> 0;
    // k *= m
    hi = (mulHi32(kLo, M_LO) + Math.imul(kHi, M_LO) + Math.imul(kLo, M_HI)) >>> 0;
    kLo = Math.imul(kLo, M_LO) >>> 0;
    kHi = hi;
    // h ^= k; h *= m
    hHi = (hHi ^ kHi) >>> 0;
    hLo = (hLo ^ kLo) >>> 0;
    hi = (mulHi32(hLo, M_LO) + Math.imul(hHi, M_LO) + Math.imul(hLo, M_HI)) >>> 0;
    hLo = Math.imul(hLo, M_LO) >>> 0;
    hHi = hi;
  }
  const rest = len & 7;
  if (rest !== 0) {
    let tLo = 0;
    let tHi = 0;
    for (let j = rest - 1; j >= 0; j--) {
      const byte = s.charCodeAt(i + j);
      if (j >= 4) tHi |= byte << ((j - 4) * 8);
      else tLo |= byte << (j * 8);
    }
    hHi = (hHi ^ tHi) >>> 0;
    hLo = (hLo ^ tLo) >>> 0;
    const hi = (mulHi32(hLo, M_LO) + Math.imul(hHi, M_LO) + Math.imul(hLo, M_HI)) >>> 0;
    hLo = Math.imul(hLo, M_LO) >>> 0;
    hHi = hi;
  }
  // h ^= h >> r; h *= m; h ^= h >> r
  hLo = (hLo ^ (hHi >>> 15)) >>> 0;
  const hi = (mulHi32(hLo, M_LO) + Math.imul(hHi, M_LO) + Math.imul(hLo, M_HI)) >>> 0;
  hLo = Math.imul(hLo, M_LO) >>> 0;
  hHi = hi;
  hLo = (hLo ^ (hHi >>> 15)) >>> 0;
  return high ? hHi : hLo;
}

/** MurmurHash64A as a BigInt (tests and debugging). */
export function murmurHash64A(s: string): bigint {
  return (BigInt(murmur64(s, true)) << 32n) | BigInt(murmur64(s, false));
}

/**
 * hllPatLen: the register an element maps to and the length of the "00..1" run of its hash
 * after the index bits, counting the 1 (1..51), packed in one number as count << HLL_P | index
 * (read them with patCount and patIndex).
 */
function patLen(s: string): number {
  const lo = murmur64(s, false);
  const index = lo & HLL_P_MASK;
  const low = lo >>> HLL_P; // 18 bits of the original hash, 14..31
  let count: number;
  if (low !== 0) {
    count = 32 - Math.clz32(low & -low);
  } else {
    // 1 element in 2^18: the run goes on into the high half, hashed again for it.
    const hi = murmur64(s, true);
    count = hi !== 0 ? 18 + 32 - Math.clz32(hi & -hi) : HLL_Q + 1;
  }
  return (count << HLL_P) | index;
}

const patCount = (pat: number): number => pat >>> HLL_P;
const patIndex = (pat: number): number => pat & HLL_P_MASK;

/** The register index and run length an element gives (for tests). */
export function hashElement(s: string): { index: number; count: number } {
  const pat = patLen(s);
  return { index: patIndex(pat), count: patCount(pat) };
}

// ---- bytes <-> byte strings ----------------------------------------------------------------

export interface HllBuf {
  b: Uint8Array;
  len: number;
}

export function bufFromString(s: string, room = 8): HllBuf {
  const len = s.length;
  const b = new Uint8Array(len + room);
  for (let i = 0; i < len; i++) b[i] = s.charCodeAt(i);
  return { b, len };
}

const CHUNK = 8192;

export function bufToString(h: HllBuf): string {
  const { b, len } = h;
  if (len <= CHUNK) return String.fromCharCode.apply(null, b.subarray(0, len) as unknown as number[]);
  let out = '';
  for (let i = 0; i < len; i += CHUNK) {
    out += String.fromCharCode.apply(null, b.subarray(i, Math.min(len, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

/** sdsMakeRoomFor: room for `extra` more bytes plus the terminator. */
function ensureRoom(h: HllBuf, extra: number): void {
  if (h.len + extra + 1 <= h.b.length) return;
  const nb = new Uint8Array((h.len + extra + 1) * 2);
  nb.set(h.b.subarray(0, h.len));
  h.b = nb;
}

// ---- validation and header -------------------------------------------------------------------

/**
 * isHLLObjectOrReply's checks on a string value: at least a header, the magic, a known
 * encoding, and exactly the dense size when dense.
 */
export function isValidHll(s: string): boolean {
  if (s.length < HLL_HDR_SIZE) return false;
  if (s.charCodeAt(0) !== 72 || s.charCodeAt(1) !== 89 || s.charCodeAt(2) !== 76 || s.charCodeAt(3) !== 76) return false;
  const enc = s.charCodeAt(ENCODING_OFFSET);
  if (enc > HLL_MAX_ENCODING) return false;
  if (enc === HLL_DENSE && s.length !== HLL_DENSE_SIZE) return false;
  return true;
}

export function encodingOf(s: string): number {
  return s.charCodeAt(ENCODING_OFFSET);
}

export function cacheValid(s: string): boolean {
  return (s.charCodeAt(CARD_FLAG_OFFSET) & 0x80) === 0;
}

/** The cached cardinality (as Redis reads it: 8 bytes little-endian, a signed reply). */
export function cachedCard(s: string): number | bigint {
  let lo = 0;
  for (let i = 3; i >= 0; i--) lo = lo * 256 + s.charCodeAt(8 + i);
  let hi = 0;
  for (let i = 3; i >= 0; i--) hi = hi * 256 + s.charCodeAt(12 + i);
  if (hi < 0x200000) return hi * 0x100000000 + lo;
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
}

/** The value with `card` written into the header as a valid cache. */
export function withCachedCard(s: string, card: number | bigint): string {
  let bytes = '';
  let v = BigInt.asUintN(64, BigInt(card));
  for (let i = 0; i < 8; i++) {
    bytes += String.fromCharCode(Number(v & 0xffn));
    v >>= 8n;
  }
  return s.slice(0, 8) + bytes + s.slice(HLL_HDR_SIZE);
}

function invalidateCache(b: Uint8Array): void {
  b[CARD_FLAG_OFFSET]! |= 0x80;
}

/** createHLLObject: an empty sparse HLL (one XZERO covering every register), valid cache 0. */
export function createHll(room = 64): HllBuf {
  const len = HLL_HDR_SIZE + 2;
  const b = new Uint8Array(len + room);
  b[0] = 72;
  b[1] = 89;
  b[2] = 76;
  b[3] = 76;
  b[ENCODING_OFFSET] = HLL_SPARSE;
  const l = SPARSE_XZERO_MAX_LEN - 1;
  b[16] = (l >> 8) | 0x40;
  b[17] = l & 0xff;
  return { b, len };
}

// ---- dense registers ---------------------------------------------------------------------

function denseGet(b: Uint8Array, index: number): number {
  const byte = HLL_HDR_SIZE + ((index * HLL_BITS) >> 3);
  const fb = (index * HLL_BITS) & 7;
  return ((b[byte]! >> fb) | (((b[byte + 1] ?? 0) << (8 - fb)) & 0xff)) & HLL_REGISTER_MAX;
}

function denseWrite(b: Uint8Array, index: number, val: number): void {
  const byte = HLL_HDR_SIZE + ((index * HLL_BITS) >> 3);
  const fb = (index * HLL_BITS) & 7;
  const fb8 = 8 - fb;
  b[byte] = (b[byte]! & ~(HLL_REGISTER_MAX << fb)) | (val << fb);
  if (byte + 1 < b.length) b[byte + 1] = (b[byte + 1]! & ~(HLL_REGISTER_MAX >> fb8)) | (val >> fb8);
}

/** A dense register read straight from the byte string. */
function denseGetString(s: string, index: number): number {
  const byte = HLL_HDR_SIZE + ((index * HLL_BITS) >> 3);
  const fb = (index * HLL_BITS) & 7;
  const b1 = byte + 1 < s.length ? s.charCodeAt(byte + 1) : 0;
  return ((s.charCodeAt(byte) >> fb) | ((b1 << (8 - fb)) & 0xff)) & HLL_REGISTER_MAX;
}

/** hllDenseSet: raise the register to `count`; 1 when it changed. */
function denseSet(b: Uint8Array, index: number, count: number): number {
  if (count > denseGet(b, index)) {
    denseWrite(b, index, count);
    return 1;
  }
  return 0;
}

// ---- sparse representation ----------------------------------------------------------------

function isZero(op: number): boolean {
  return (op & 0xc0) === 0;
}
function isXzero(op: number): boolean {
  return (op & 0xc0) === 0x40;
}
function valValue(op: number): number {
  return ((op >> 2) & 0x1f) + 1;
}
function valLen(op: number): number {
  return (op & 3) + 1;
}
function valOp(val: number, len: number): number {
  return ((val - 1) << 2) | (len - 1) | 0x80;
}

/**
 * Walks a sparse HLL's opcodes in order: `run(idx, runlen, regval)` for each run of registers
 * from `idx` (regval 0 for ZERO and XZERO) until it returns false. Returns the registers
 * covered before that (16384 when the data is whole).
 */
function sparseRuns(h: HllBuf, run: (idx: number, runlen: number, regval: number) => boolean): number {
  const b = h.b;
  let idx = 0;
  let p = HLL_HDR_SIZE;
  const end = h.len;
  while (p < end) {
    const op = b[p]!;
    let runlen: number;
    let regval = 0;
    if (isZero(op)) {
      runlen = (op & 0x3f) + 1;
      p++;
    } else if (isXzero(op)) {
      runlen = (((op & 0x3f) << 8) | b[p + 1]!) + 1;
      p += 2;
    } else {
      runlen = valLen(op);
      regval = valValue(op);
      p++;
    }
    if (!run(idx, runlen, regval)) break;
    idx += runlen;
  }
  return idx;
}

/** hllSparseToDense: false (and nothing changed) when the sparse data is corrupt. */
export function sparseToDense(h: HllBuf): boolean {
  const src = h.b;
  if (src[ENCODING_OFFSET] === HLL_DENSE) return true;
  const dense = new Uint8Array(HLL_DENSE_SIZE + 1);
  dense.set(src.subarray(0, HLL_HDR_SIZE));
  dense[ENCODING_OFFSET] = HLL_DENSE;
  const covered = sparseRuns(h, (idx, runlen, regval) => {
    if (regval === 0) return true;
    if (runlen + idx > HLL_REGISTERS) return false;
    for (let i = idx; i < idx + runlen; i++) denseWrite(dense, i, regval);
    return true;
  });
  if (covered !== HLL_REGISTERS) return false;
  h.b = dense;
  h.len = HLL_DENSE_SIZE;
  return true;
}

/**
 * hllSparseSet: raise register `index` to `count` in a sparse HLL, promoting it to dense when
 * the value does not fit a VAL opcode or the string would pass `maxBytes`. 1 when changed, 0 when
 * not, -1 when the representation is corrupt.
 */
export function sparseSet(h: HllBuf, index: number, count: number, maxBytes: number): number {
  if (count <= SPARSE_VAL_MAX_VALUE) {
    const r = sparseSetInPlace(h, index, count, maxBytes);
    if (r !== 2) return r;
  }
  // promote
  if (!sparseToDense(h)) return -1;
  denseSet(h.b, index, count);
  return 1;
}

/** The sparse update proper; 2 means "promote". */
function sparseSetInPlace(h: HllBuf, index: number, count: number, maxBytes: number): number {
  ensureRoom(h, 3);
  const b = h.b;
  const sparse = HLL_HDR_SIZE;
  let end = h.len;
  let p = sparse;
  let first = 0;
  let prev = -1;
  let span = 0;
  // Step 1: find the opcode covering the register.
  while (p < end) {
    const op = b[p]!;
    let oplen = 1;
    if (isZero(op)) span = (op & 0x3f) + 1;
    else if (op & 0x80) span = valLen(op);
    else {
      span = (((op & 0x3f) << 8) | b[p + 1]!) + 1;
      oplen = 2;
    }
    if (index <= first + span - 1) break;
    prev = p;
    p += oplen;
    first += span;
  }
  if (span === 0 || p >= end) return -1;

  const op = b[p]!;
  let next = isXzero(op) ? p + 2 : p + 1;
  if (next >= end) next = -1;
  const zero = isZero(op);
  const xzero = isXzero(op);
  const isVal = !zero && !xzero;
  const runlen = zero ? (op & 0x3f) + 1 : xzero ? (((op & 0x3f) << 8) | b[p + 1]!) + 1 : valLen(op);

  let done = false;
  if (isVal) {
    // A: already as large. B: a VAL of one register.
    if (valValue(op) >= count) return 0;
    if (runlen === 1) {
      b[p] = valOp(count, 1);
      done = true;
    }
  }
  if (!done && zero && runlen === 1) {
    b[p] = valOp(count, 1);
    done = true;
  }
  if (!done) {
    // D: split the opcode into up to three.
    const seq: number[] = [];
    const last = first + span - 1;
    if (zero || xzero) {
      if (index !== first) pushZeros(seq, index - first);
      seq.push(valOp(count, 1));
      if (index !== last) pushZeros(seq, last - index);
    } else {
      const curval = valValue(op);
      if (index !== first) seq.push(valOp(curval, index - first));
      seq.push(valOp(count, 1));
      if (index !== last) seq.push(valOp(curval, last - index));
    }
    const seqlen = seq.length;
    const oldlen = xzero ? 2 : 1;
    const delta = seqlen - oldlen;
    if (delta > 0 && h.len + delta > maxBytes) return 2;
    if (delta !== 0 && next !== -1) b.copyWithin(next + delta, next, end);
    h.len += delta;
    b[h.len] = 0;
    for (let i = 0; i < seqlen; i++) b[p + i] = seq[i]!;
    end += delta;
  }

  // Step 4: merge adjacent VAL opcodes of equal value, scanning up to 5 opcodes from prev.
  p = prev !== -1 ? prev : sparse;
  let scanlen = 5;
  while (p < end && scanlen-- !== 0) {
    const o = b[p]!;
    if (isXzero(o)) {
      p += 2;
      continue;
    } else if (isZero(o)) {
      p++;
      continue;
    }
    if (p + 1 < end && b[p + 1]! & 0x80) {
      const v1 = valValue(o);
      const v2 = valValue(b[p + 1]!);
      if (v1 === v2) {
        const len = valLen(o) + valLen(b[p + 1]!);
        if (len <= SPARSE_VAL_MAX_LEN) {
          b[p + 1] = valOp(v1, len);
          b.copyWithin(p, p + 1, end + 1);
          h.len--;
          b[h.len] = 0;
          end--;
          continue;
        }
      }
    }
    p++;
  }
  invalidateCache(b);
  return 1;
}

function pushZeros(seq: number[], len: number): void {
  if (len > SPARSE_ZERO_MAX_LEN) {
    const l = len - 1;
    seq.push((l >> 8) | 0x40, l & 0xff);
  } else {
    seq.push(len - 1);
  }
}

/** hllAdd: 1 when a register changed, 0 when not, -1 for a corrupt HLL. */
export function hllAdd(h: HllBuf, ele: string, maxBytes: number): number {
  const pat = patLen(ele);
  const enc = h.b[ENCODING_OFFSET];
  if (enc === HLL_DENSE) return denseSet(h.b, patIndex(pat), patCount(pat));
  if (enc === HLL_SPARSE) return sparseSet(h, patIndex(pat), patCount(pat), maxBytes);
  return -1;
}

/**
 * hllDenseAdd straight on a dense HLL's byte string: the new string when a register grew, null
 * when nothing changed (the common case once an HLL is populated). Only the two bytes holding
 * the register are replaced, so a 12 KB value is not copied byte by byte.
 */
export function denseAddString(s: string, ele: string): string | null {
  const pat = patLen(ele);
  const count = patCount(pat);
  const index = patIndex(pat);
  if (count <= denseGetString(s, index)) return null;
  const byte = HLL_HDR_SIZE + ((index * HLL_BITS) >> 3);
  const fb = (index * HLL_BITS) & 7;
  const fb8 = 8 - fb;
  const b0 = ((s.charCodeAt(byte) & ~(HLL_REGISTER_MAX << fb)) | (count << fb)) & 0xff;
  if (byte + 1 >= s.length) return s.slice(0, byte) + String.fromCharCode(b0);
  const b1 = ((s.charCodeAt(byte + 1) & ~(HLL_REGISTER_MAX >> fb8)) | (count >> fb8)) & 0xff;
  return s.slice(0, byte) + String.fromCharCode(b0, b1) + s.slice(byte + 2);
}

/** The byte string with its cached cardinality marked invalid. */
export function invalidateString(s: string): string {
  const flag = s.charCodeAt(CARD_FLAG_OFFSET);
  if (flag & 0x80) return s;
  return s.slice(0, CARD_FLAG_OFFSET) + String.fromCharCode(flag | 0x80) + s.slice(CARD_FLAG_OFFSET + 1);
}

// ---- counting -------------------------------------------------------------------------------

/** hllSigma (Ertl, arXiv:1702.01284). */
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let zPrime: number;
  let y = 1;
  let z = x;
  do {
    x *= x;
    zPrime = z;
    z += x * y;
    y += y;
  } while (zPrime !== z);
  return z;
}

/** hllTau (Ertl, arXiv:1702.01284). */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let zPrime: number;
  let y = 1.0;
  let z = 1 - x;
  do {
    x = Math.sqrt(x);
    zPrime = z;
    y *= 0.5;
    const d = 1 - x;
    z -= d * d * y;
  } while (zPrime !== z);
  return z / 3;
}

/** The cardinality estimate from a register histogram (Redis 7.0's hllCount). */
function estimate(reghisto: Int32Array): number | bigint {
  const m = HLL_REGISTERS;
  let z = m * tau((m - reghisto[HLL_Q + 1]!) / m);
  for (let j = HLL_Q; j >= 1; --j) {
    z += reghisto[j]!;
    z *= 0.5;
  }
  z += m * sigma(reghisto[0]! / m);
  const e = (HLL_ALPHA_INF * m * m) / z;
  // llroundl rounds halves away from zero (e is never negative); past the int64 range (z = 0
  // when every register is 51 or more, or tiny) it gives LLONG_MIN on x86-64, which Redis then
  // replies, and caches with the top bit set, that is as an invalid cache.
  if (!(e < 9223372036854775808)) return OVERFLOWED_ESTIMATE;
  return Math.round(e);
}

/** What Redis's hllCount returns when the estimate leaves the int64 range. */
const OVERFLOWED_ESTIMATE = -9223372036854775808n;

/**
 * hllCount of a dense or sparse HLL held in `h`; null when the sparse data does not cover
 * exactly the 16384 registers (Redis's "invalid").
 */
export function hllCount(h: HllBuf): number | bigint | null {
  const reghisto = new Int32Array(64);
  const b = h.b;
  if (b[ENCODING_OFFSET] === HLL_DENSE) {
    for (let j = 0; j < HLL_REGISTERS; j++) reghisto[denseGet(b, j)]!++;
  } else {
    const covered = sparseRuns(h, (_idx, runlen, regval) => {
      reghisto[regval]! += runlen;
      return true;
    });
    if (covered !== HLL_REGISTERS) return null;
  }
  return estimate(reghisto);
}

/** hllCount of a dense HLL read straight from its byte string (4 registers per 3 bytes). */
export function denseCountString(s: string): number | bigint {
  const reghisto = new Int32Array(64);
  for (let p = HLL_HDR_SIZE; p < HLL_DENSE_SIZE; p += 3) {
    const b0 = s.charCodeAt(p);
    const b1 = s.charCodeAt(p + 1);
    const b2 = s.charCodeAt(p + 2);
    reghisto[b0 & 63]!++;
    reghisto[((b0 >> 6) | (b1 << 2)) & 63]!++;
    reghisto[((b1 >> 4) | (b2 << 4)) & 63]!++;
    reghisto[b2 >> 2]!++;
  }
  return estimate(reghisto);
}

/** hllCount over raw registers (one byte each), PFCOUNT's multi-key union. */
export function rawCount(max: Uint8Array): number | bigint {
  const reghisto = new Int32Array(64);
  for (let j = 0; j < HLL_REGISTERS; j++) reghisto[max[j]!]!++;
  return estimate(reghisto);
}

/** hllMerge: max[i] = MAX(max[i], register i) for a validated HLL string; false when corrupt. */
export function hllMerge(max: Uint8Array, s: string): boolean {
  if (s.charCodeAt(ENCODING_OFFSET) === HLL_DENSE) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const v = denseGetString(s, i);
      if (v > max[i]!) max[i] = v;
    }
    return true;
  }
  let i = 0;
  let p = HLL_HDR_SIZE;
  const end = s.length;
  while (p < end) {
    const op = s.charCodeAt(p);
    if (isZero(op)) {
      i += (op & 0x3f) + 1;
      p++;
    } else if (isXzero(op)) {
      const b1 = p + 1 < end ? s.charCodeAt(p + 1) : 0;
      i += (((op & 0x3f) << 8) | b1) + 1;
      p += 2;
    } else {
      let runlen = valLen(op);
      const regval = valValue(op);
      if (runlen + i > HLL_REGISTERS) break;
      while (runlen-- > 0) {
        if (regval > max[i]!) max[i] = regval;
        i++;
      }
      p++;
    }
  }
  return i === HLL_REGISTERS;
}

/** The registers written into `h` after a merge (PFMERGE's final loop). */
export function writeRegisters(h: HllBuf, max: Uint8Array, maxBytes: number): void {
  for (let j = 0; j < HLL_REGISTERS; j++) {
    const v = max[j]!;
    if (v === 0) continue;
    if (h.b[ENCODING_OFFSET] === HLL_DENSE) denseSet(h.b, j, v);
    else sparseSet(h, j, v, maxBytes);
  }
  invalidateCache(h.b);
}

export function invalidate(h: HllBuf): void {
  invalidateCache(h.b);
}

/** Every register of a dense HLL (PFDEBUG GETREG). */
export function denseRegisters(h: HllBuf): number[] {
  const out = new Array<number>(HLL_REGISTERS);
  for (let j = 0; j < HLL_REGISTERS; j++) out[j] = denseGet(h.b, j);
  return out;
}

/** PFDEBUG DECODE's text for a sparse HLL string: "z:len", "Z:len", "v:value,len". */
export function decodeSparse(s: string): string {
  const parts: string[] = [];
  let p = HLL_HDR_SIZE;
  const end = s.length;
  while (p < end) {
    const op = s.charCodeAt(p);
    if (isZero(op)) {
      parts.push(`z:${(op & 0x3f) + 1}`);
      p++;
    } else if (isXzero(op)) {
      const b1 = p + 1 < end ? s.charCodeAt(p + 1) : 0;
      parts.push(`Z:${(((op & 0x3f) << 8) | b1) + 1}`);
      p += 2;
    } else {
      parts.push(`v:${valValue(op)},${valLen(op)}`);
      p++;
    }
  }
  return parts.join(' ');
}

/**
 * PFSELFTEST's checks, lighter than Redis's 10 million additions: register packing round-trips
 * random values, and sparse and dense HLLs fed the same elements agree within the expected error.
 * Returns null or the TESTFAILED message.
 */
export function selfTest(random: () => number, sparseMaxBytes: number): string | null {
  const dense = new Uint8Array(HLL_DENSE_SIZE + 1);
  dense[ENCODING_OFFSET] = HLL_DENSE;
  const bytecounters = new Uint8Array(HLL_REGISTERS);
  for (let cycle = 0; cycle < 5; cycle++) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const r = Math.floor(random() * 64) & HLL_REGISTER_MAX;
      bytecounters[i] = r;
      denseWrite(dense, i, r);
    }
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const val = denseGet(dense, i);
      if (val !== bytecounters[i]) return `TESTFAILED Register ${i} should be ${bytecounters[i]} but is ${val}`;
    }
  }
  dense.fill(0, HLL_HDR_SIZE);
  const d: HllBuf = { b: dense, len: HLL_DENSE_SIZE };
  const o = createHll();
  const relerr = 1.04 / Math.sqrt(HLL_REGISTERS);
  const seed = Math.floor(random() * 0x100000000);
  let checkpoint = 1;
  for (let j = 1; j <= 100000; j++) {
    const ele = `${(j ^ seed) >>> 0}:${j}`;
    hllAdd(d, ele, sparseMaxBytes);
    hllAdd(o, ele, sparseMaxBytes);
    if (j === checkpoint) {
      if (j < sparseMaxBytes / 2 && o.b[ENCODING_OFFSET] !== HLL_SPARSE) return 'TESTFAILED sparse encoding not used';
      const card = Number(hllCount(d)!);
      if (card !== Number(hllCount(o))) return 'TESTFAILED dense/sparse disagree';
      let maxerr = Math.ceil(relerr * 6 * checkpoint);
      if (j === 10) maxerr = 1;
      const abserr = Math.abs(checkpoint - card);
      if (abserr > maxerr) return `TESTFAILED Too big error. card:${checkpoint} abserr:${abserr}`;
      checkpoint *= 10;
    }
  }
  return null;
}
