// Number parsing and printing exactly as Redis 7.0.15 does it (util.c string2ll / string2d /
// string2ld / ld2string, networking.c addReplyDouble), on top of glibc's strtod, strtold and
// printf. Inputs are byte strings (one char per byte). Pure ES2022 + BigInt: no DOM, no Node.

// ---------------------------------------------------------------------------------------------
// Integers (string2ll)
// ---------------------------------------------------------------------------------------------

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

/** Redis's LONG_STR_SIZE: string2ll rejects strings of 21 bytes or more. */
const LONG_STR_SIZE = 21;

/**
 * Checks string2ll's syntax (no sign other than a leading '-', no leading zeros, digits only)
 * and returns the index of the first digit, or -1 when the syntax is wrong. "0" alone is a
 * special case the callers handle before.
 */
function intDigitsStart(s: string): number {
  const len = s.length;
  if (len === 0 || len >= LONG_STR_SIZE) return -1;
  const start = s.charCodeAt(0) === 45 ? 1 : 0;
  if (start === len) return -1;
  const first = s.charCodeAt(start);
  // First digit must be 1-9: this rejects "00", "01" and also "-0".
  if (first < 49 || first > 57) return -1;
  for (let i = start + 1; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  return start;
}

/** Long path for 16+ digit strings: BigInt is only needed beyond 2^53. */
function parseLongInt(s: string): bigint | null {
  if (intDigitsStart(s) < 0) return null;
  const v = BigInt(s);
  return v > INT64_MAX || v < INT64_MIN ? null : v;
}

/**
 * Parses a signed 64-bit integer with Redis's strict string2ll rules: optional '-', no '+',
 * no spaces, no leading zeros, "-0" rejected, must fit int64. null when invalid.
 */
export function parseInt64(s: string): bigint | null {
  const n = parseIntArg(s);
  if (n === null) return null;
  // Within ±2^53 the number is exact; beyond, re-read the digits to keep every bit.
  return n <= 9007199254740991 && n >= -9007199254740991 ? BigInt(n) : parseLongInt(s);
}

/** A range's start and stop at argv[i] and argv[i + 1], or null when either is not an integer. */
export function parseIntPair(argv: readonly string[], i: number): [number, number] | null {
  const start = parseIntArg(argv[i]!);
  const stop = start === null ? null : parseIntArg(argv[i + 1]!);
  return stop === null ? null : [start!, stop];
}

/**
 * Same acceptance rules as parseInt64 but returns a JS number (exact within ±2^53, else the
 * nearest double of the int64). Hot path: LRANGE, EXPIRE, counts... so no BigInt for ≤ 15
 * digits.
 */
export function parseIntArg(s: string): number | null {
  const len = s.length;
  if (len === 0 || len >= LONG_STR_SIZE) return null;
  let i = 0;
  let c = s.charCodeAt(0);
  const neg = c === 45;
  if (neg) {
    if (len === 1) return null;
    i = 1;
    c = s.charCodeAt(1);
  }
  if (c < 49 || c > 57) return len === 1 && c === 48 ? 0 : null;
  if (len - i > 15) {
    const v = parseLongInt(s);
    return v === null ? null : Number(v);
  }
  // ≤ 15 digits: always below 2^53, so plain arithmetic is exact.
  let v = c - 48;
  for (i++; i < len; i++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    v = v * 10 + (c - 48);
  }
  return neg ? -v : v;
}

/** True when Redis would accept `s` as an int64 (string2ll). */
export function isInt64String(s: string): boolean {
  return parseIntArg(s) !== null;
}

// ---------------------------------------------------------------------------------------------
// Binary floating point helpers (shared by double and x87 long double)
// ---------------------------------------------------------------------------------------------

/** A binary format: `prec` mantissa bits, lowest mantissa bit exponent, overflow bit limit. */
interface BinFormat {
  readonly prec: number;
  /** Exponent of the smallest denormal (2^lsbMin). */
  readonly lsbMin: number;
  /** Values ≥ 2^maxBits overflow. */
  readonly maxBits: number;
}

const DOUBLE: BinFormat = { prec: 53, lsbMin: -1074, maxBits: 1024 };
/** x87 80-bit extended precision, Redis's `long double` on x86-64. */
const EXTENDED: BinFormat = { prec: 64, lsbMin: -16445, maxBits: 16384 };

/** Rounded magnitude m × 2^e; m === -1n marks overflow (infinity). */
interface Rounded {
  m: bigint;
  e: number;
}

function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const h = n.toString(16);
  return (h.length - 1) * 4 + (32 - Math.clz32(parseInt(h[0]!, 16)));
}

/**
 * Rounds the positive value N × 2^E (plus a tiny nonzero tail when `sticky`) to format `f`
 * with round-half-even, honouring gradual underflow. When sticky, N must carry at least
 * prec + 2 bits so the tail only breaks ties.
 */
function roundBinary(N: bigint, E: number, sticky: boolean, f: BinFormat): Rounded {
  let e = Math.max(E + bitLength(N) - f.prec, f.lsbMin);
  let m = N;
  if (e <= E) {
    e = E; // fits: exact
  } else {
    const shift = BigInt(e - E);
    m = N >> shift;
    const rem = N - (m << shift);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (sticky || (m & 1n) === 1n))) m += 1n;
    if (m >> BigInt(f.prec) !== 0n) {
      m >>= 1n; // the carry made 2^prec: renormalise (exact, it is even)
      e++;
    }
  }
  if (m !== 0n && e + bitLength(m) > f.maxBits) return { m: -1n, e: 0 };
  return { m, e };
}

// ---------------------------------------------------------------------------------------------
// strtod / strtold syntax
// ---------------------------------------------------------------------------------------------

const KIND_INVALID = 0;
const KIND_DEC = 1;
const KIND_HEX = 2;
const KIND_INF = 3;

/** Result of scanFloat, kept in one reused record (the engine is single-threaded). */
const scan = {
  neg: false,
  /** First mantissa char (after sign and "0x"), end of mantissa, index of '.' or -1. */
  mStart: 0,
  mEnd: 0,
  dot: -1,
  /** Exponent value, saturated at ±EXP_SAT (enough to force overflow or underflow). */
  exp: 0,
};
const EXP_SAT = 1_000_000_000;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/** Case-insensitive match of a lowercase ASCII word at position i. */
function matchWord(s: string, i: number, word: string): boolean {
  if (s.length - i < word.length) return false;
  for (let j = 0; j < word.length; j++) {
    if ((s.charCodeAt(i + j) | 32) !== word.charCodeAt(j)) return false;
  }
  return true;
}

/**
 * Scans an optional exponent at i ('e' for decimal, 'p' for hex) into scan.exp and returns the
 * index after it. strtod ignores a malformed exponent ("1e", "1e+"), which leaves the marker
 * as trailing garbage: we return i so the caller sees it did not reach the end.
 */
function scanExponent(s: string, i: number, marker: number): number {
  scan.exp = 0;
  if (i >= s.length || (s.charCodeAt(i) | 32) !== marker) return i;
  let j = i + 1;
  let eneg = false;
  const c = s.charCodeAt(j);
  if (c === 43 || c === 45) {
    eneg = c === 45;
    j++;
  }
  if (j >= s.length || !isDigit(s.charCodeAt(j))) return i;
  let v = 0;
  for (; j < s.length && isDigit(s.charCodeAt(j)); j++) {
    if (v < EXP_SAT) v = v * 10 + (s.charCodeAt(j) - 48);
  }
  scan.exp = eneg ? -Math.min(v, EXP_SAT) : Math.min(v, EXP_SAT);
  return j;
}

/** Scans digits (hex or decimal) with at most one '.'; needs at least one digit. */
function scanMantissa(s: string, i: number, hex: boolean): number {
  scan.mStart = i;
  scan.dot = -1;
  let digits = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (hex ? isHexDigit(c) : isDigit(c)) digits++;
    else if (c === 46 && scan.dot < 0) scan.dot = i;
    else break;
  }
  scan.mEnd = i;
  return digits === 0 ? -1 : i;
}

/**
 * Recognises the whole string as one strtod number (what Redis demands: no leading space,
 * nothing after). Returns a KIND_* and fills `scan`. NaN is KIND_INVALID (Redis rejects it).
 */
function scanFloat(s: string): number {
  const len = s.length;
  if (len === 0) return KIND_INVALID;
  let i = 0;
  const c0 = s.charCodeAt(0);
  scan.neg = c0 === 45;
  if (c0 === 43 || c0 === 45) i = 1;
  if (i >= len) return KIND_INVALID;
  const c = s.charCodeAt(i);
  if (c === 48 && i + 2 <= len && (s.charCodeAt(i + 1) | 32) === 120) {
    const end = scanMantissa(s, i + 2, true);
    // "0x" without hex digits: strtod reads just "0" and stops at 'x', so garbage follows.
    if (end < 0) return KIND_INVALID;
    return scanExponent(s, end, 112) === len ? KIND_HEX : KIND_INVALID;
  }
  if ((c | 32) === 105) {
    if (matchWord(s, i, 'infinity')) return i + 8 === len ? KIND_INF : KIND_INVALID;
    return matchWord(s, i, 'inf') && i + 3 === len ? KIND_INF : KIND_INVALID;
  }
  const end = scanMantissa(s, i, false);
  if (end < 0) return KIND_INVALID;
  return scanExponent(s, end, 101) === len ? KIND_DEC : KIND_INVALID;
}

/** Mantissa digits of the last scan without the '.', and how many followed the '.'. */
function scannedDigits(s: string): { digits: string; frac: number } {
  const { mStart, mEnd, dot } = scan;
  if (dot < 0) return { digits: s.slice(mStart, mEnd), frac: 0 };
  return { digits: s.slice(mStart, dot) + s.slice(dot + 1, mEnd), frac: mEnd - dot - 1 };
}

/**
 * Exact value of a scanned hex float, rounded to `f`. Returns null on overflow and on a
 * nonzero value that rounds to zero (strtod's ERANGE cases, which Redis rejects).
 */
function hexToBinary(s: string, f: BinFormat): Rounded | null {
  const { digits, frac } = scannedDigits(s);
  const N = BigInt('0x' + digits);
  if (N === 0n) return { m: 0n, e: 0 };
  const E = scan.exp - 4 * frac;
  const top = E + bitLength(N);
  if (top > f.maxBits + 1) return null;
  // Below half the smallest denormal: rounds to zero.
  if (top < f.lsbMin) return null;
  const r = roundBinary(N, E, false, f);
  return r.m <= 0n ? null : r;
}

const pow10Cache: bigint[] = [];
function pow10(n: number): bigint {
  if (n < 64) return (pow10Cache[n] ??= 10n ** BigInt(n));
  return 10n ** BigInt(n);
}

/** Decimal digits needed to rule out overflow/underflow before any BigInt work. */
const EXTENDED_MAX_DEC_EXP = 4932; // max ≈ 1.19e4932
const EXTENDED_MIN_DEC_EXP = -4951; // half the smallest denormal ≈ 1.8e-4951

/** Correctly rounded decimal → x87 extended, like glibc strtold. null for ERANGE. */
function decToExtended(s: string): Rounded | null {
  const { digits, frac } = scannedDigits(s);
  let a = 0;
  let b = digits.length;
  while (a < b && digits.charCodeAt(a) === 48) a++;
  if (a === b) return { m: 0n, e: 0 };
  while (digits.charCodeAt(b - 1) === 48) b--;
  const q = scan.exp - frac + (digits.length - b); // value = D × 10^q
  const nd = b - a;
  if (q + nd - 1 > EXTENDED_MAX_DEC_EXP) return null;
  if (q + nd < EXTENDED_MIN_DEC_EXP) return null;
  const D = BigInt(digits.slice(a, b));
  let r: Rounded;
  if (q >= 0) {
    r = roundBinary(D * pow10(q), 0, false, EXTENDED);
  } else {
    const Q = pow10(-q);
    // Enough quotient bits that the division remainder can only act as a sticky bit.
    const shift = Math.max(0, EXTENDED.prec + 3 + bitLength(Q) - bitLength(D));
    const num = D << BigInt(shift);
    const quo = num / Q;
    r = roundBinary(quo, -shift, quo * Q !== num, EXTENDED);
  }
  return r.m <= 0n ? null : r;
}

// ---------------------------------------------------------------------------------------------
// Doubles (string2d, %.17g)
// ---------------------------------------------------------------------------------------------

/**
 * Parses a double like Redis string2d (ZADD scores, ZINCRBY, ZRANGEBYSCORE bounds...): whole
 * string must be a strtod number (decimal, hex "0x1p3", "inf"/"infinity" any case, optional
 * sign); rejects leading space, trailing garbage, "", NaN, overflow and underflow to zero.
 */
export function parseDouble(s: string): number | null {
  const kind = scanFloat(s);
  if (kind === KIND_DEC) {
    // Syntax is a subset of JS's StrDecimalLiteral, and Number() rounds correctly.
    const v = Number(s);
    if (v === Infinity || v === -Infinity) return null;
    if (v === 0 && !allZeroDigits(s)) return null;
    return v;
  }
  if (kind === KIND_HEX) {
    const r = hexToBinary(s, DOUBLE);
    if (r === null) return null;
    const v = r.m === 0n ? 0 : Number(r.m) * 2 ** r.e;
    return scan.neg ? -v : v;
  }
  if (kind === KIND_INF) return scan.neg ? -Infinity : Infinity;
  return null;
}

/** For the last decimal scan: true when the mantissa is zero (a true 0, not an underflow). */
function allZeroDigits(s: string): boolean {
  for (let i = scan.mStart; i < scan.mEnd; i++) {
    const c = s.charCodeAt(i);
    if (c !== 48 && c !== 46) return false;
  }
  return true;
}

const f64View = new DataView(new ArrayBuffer(8));

/** True when the sign bit is set (distinguishes -0 and negative NaN). */
function signBit(d: number): boolean {
  f64View.setFloat64(0, d);
  return f64View.getUint32(0) >>> 31 === 1;
}

/** Odd mantissa M and exponent E with |d| = M × 2^E, for finite nonzero d. */
function decompose(d: number): { M: bigint; E: number } {
  f64View.setFloat64(0, d);
  const hi = f64View.getUint32(0);
  const lo = f64View.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const mHi = biased === 0 ? hi & 0xfffff : (hi & 0xfffff) | 0x100000;
  let M = (BigInt(mHi) << 32n) | BigInt(lo);
  let E = biased === 0 ? -1074 : biased - 1075;
  const tz = lo !== 0 ? ctz32(lo) : 32 + ctz32(mHi);
  M >>= BigInt(tz);
  E += tz;
  return { M, E };
}

function ctz32(v: number): number {
  return 31 - Math.clz32(v & -v);
}

/**
 * Can |d| sit exactly halfway between two p-digit decimals? JS rounds such ties up, C rounds
 * them to even, so only then do we need the slow exact path. A tie needs the exact decimal
 * expansion of d to have exactly p + 1 significant digits.
 */
function tiePossible(a: number, p: number): boolean {
  if (Number.isInteger(a)) {
    if (p >= 16) return false; // significant digits of an integer double: odd part ≤ 2^53
    f64View.setFloat64(0, a);
    const hi = f64View.getUint32(0);
    const lo = f64View.getUint32(4);
    const tz = lo !== 0 ? ctz32(lo) : 32 + ctz32((hi & 0xfffff) | 0x100000);
    const E = ((hi >>> 20) & 0x7ff) - 1075 + tz;
    return a / 2 ** E >= 10 ** p;
  }
  // a = M / 2^k (M odd) has floor(log10(a) + k) + 1 significant digits, at least k·log10(5).
  const kmax = Math.floor((p + 1) / LOG10_5);
  if (!Number.isInteger(a * 2 ** kmax)) return false; // the common case: many binary places
  let k = 1;
  while (!Number.isInteger(a * 2 ** k)) k++;
  const L = Math.log10(a) + k;
  return L > p - 1e-6 && L < p + 1 + 1e-6;
}
const LOG10_5 = Math.log10(5);

/** Exact decimal digits of |d| rounded half-even to p significant digits, and the exponent. */
function exactDigits(a: number, p: number): { digits: string; exp: number } {
  const { M, E } = decompose(a);
  let s: string;
  let exp: number;
  if (E >= 0) {
    s = (M << BigInt(E)).toString();
    exp = s.length - 1;
  } else {
    s = (M * 5n ** BigInt(-E)).toString();
    exp = s.length - 1 + E;
  }
  if (s.length <= p) return { digits: s, exp };
  let head = s.slice(0, p);
  const next = s.charCodeAt(p) - 48;
  let up = next > 5;
  if (next === 5) {
    up = (head.charCodeAt(p - 1) & 1) === 1; // exact tie unless a nonzero digit follows
    for (let i = p + 1; i < s.length && !up; i++) if (s.charCodeAt(i) !== 48) up = true;
  }
  if (up) {
    head = (BigInt(head) + 1n).toString();
    if (head.length > p) {
      head = head.slice(0, p);
      exp++;
    }
  }
  return { digits: head, exp };
}

/** C %g layout of digits d.ddd × 10^exp at precision p, trailing zeros removed (no '#'). */
function layoutG(digits: string, exp: number, p: number): string {
  let n = digits.length;
  while (n > 1 && digits.charCodeAt(n - 1) === 48) n--;
  if (n !== digits.length) digits = digits.slice(0, n);
  if (exp < -4 || exp >= p) {
    const ae = exp < 0 ? -exp : exp;
    const mant = n > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    return mant + (exp < 0 ? 'e-' : 'e+') + (ae < 10 ? '0' : '') + ae;
  }
  if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + digits;
  if (n <= exp + 1) return n === exp + 1 ? digits : digits + '0'.repeat(exp + 1 - n);
  return digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}

/** C printf("%.<precision>g", d) as glibc prints it (exact value, ties to even). */
export function formatG(d: number, precision: number): string {
  if (d !== d) return signBit(d) ? '-nan' : 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return signBit(d) ? '-0' : '0';
  const p = precision < 0 ? 6 : precision === 0 ? 1 : precision;
  const a = d < 0 ? -d : d;
  if (p <= 100 && !tiePossible(a, p)) {
    // V8's toPrecision/toExponential are exact; without a tie they match glibc's digits.
    const s = d.toPrecision(p);
    if (s.indexOf('e') < 0) {
      // Fixed form: JS uses it for exponents -6..p-1, C only from -4.
      if (a >= 1e-4) return trimFixed(s);
      return trimExp(d.toExponential(p - 1));
    }
    return trimExp(s);
  }
  const { digits, exp } = exactDigits(a, p);
  return (d < 0 ? '-' : '') + layoutG(digits, exp, p);
}

/** %g drops trailing zeros of the fraction, then a bare '.'. */
function trimFixed(s: string): string {
  if (s.indexOf('.') < 0) return s;
  let n = s.length;
  while (s.charCodeAt(n - 1) === 48) n--;
  if (s.charCodeAt(n - 1) === 46) n--;
  return n === s.length ? s : s.slice(0, n);
}

/** JS "d.ddd00e+7" → C "d.ddde+07": trimmed mantissa, at least two exponent digits. */
function trimExp(s: string): string {
  const ei = s.indexOf('e');
  const mant = trimFixed(s.slice(0, ei));
  return s.length - ei === 3 ? mant + s.slice(ei, ei + 2) + '0' + s[ei + 2] : mant + s.slice(ei);
}

/**
 * How Redis 7.0 replies a double (addReplyDouble, RESP2 bulk and RESP3 ','): "%.17g", with
 * "inf" / "-inf"; -0 prints "-0". Hot path (scores, WITHSCORES).
 */
export function formatDouble(d: number): string {
  // Integers below 2^53 print all their digits in %.17g; String() gives the same.
  if (Number.isInteger(d) && d <= 9007199254740992 && d >= -9007199254740992) {
    return d === 0 && 1 / d < 0 ? '-0' : String(d);
  }
  return formatG(d, 17);
}

// ---------------------------------------------------------------------------------------------
// Long double (x87 80-bit) for INCRBYFLOAT / HINCRBYFLOAT
// ---------------------------------------------------------------------------------------------

/**
 * An x87 extended-precision value. Opaque to callers: use the functions below.
 * Finite values are (neg ? -1 : 1) × m × 2^e with m < 2^64.
 */
export interface LongDouble {
  readonly kind: 'finite' | 'inf' | 'nan';
  readonly neg: boolean;
  readonly m: bigint;
  readonly e: number;
}

function finite(neg: boolean, r: Rounded): LongDouble {
  if (r.m < 0n) return { kind: 'inf', neg, m: 0n, e: 0 };
  return { kind: 'finite', neg, m: r.m, e: r.e };
}

/** Redis's MAX_LONG_DOUBLE_CHARS: string2ld's buffer and ld2string's buffer. */
const MAX_LONG_DOUBLE_CHARS = 5 * 1024;

/**
 * Parses like Redis string2ld (INCRBYFLOAT operands, HINCRBYFLOAT): strtold syntax (decimal,
 * hex, inf/infinity), whole string, under 5120 bytes; rejects leading space, "", NaN,
 * overflow and underflow to zero. Correctly rounded to 64 mantissa bits.
 */
export function parseLongDouble(s: string): LongDouble | null {
  if (s.length >= MAX_LONG_DOUBLE_CHARS) return null;
  const kind = scanFloat(s);
  const neg = scan.neg;
  if (kind === KIND_INF) return { kind: 'inf', neg, m: 0n, e: 0 };
  if (kind === KIND_INVALID) return null;
  const r = kind === KIND_HEX ? hexToBinary(s, EXTENDED) : decToExtended(s);
  return r === null ? null : finite(neg, r);
}

export function isFiniteLongDouble(x: LongDouble): boolean {
  return x.kind === 'finite';
}

/** IEEE addition in x87 extended precision, round to nearest even. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  if (a.kind === 'inf' || b.kind === 'inf') {
    if (a.kind === 'inf' && b.kind === 'inf' && a.neg !== b.neg) return NAN;
    return a.kind === 'inf' ? a : b;
  }
  if (a.m === 0n && b.m === 0n) {
    // Round-to-nearest: the sum of zeros is -0 only when both are -0.
    return { kind: 'finite', neg: a.neg && b.neg, m: 0n, e: 0 };
  }
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const e = Math.min(a.e, b.e);
  const A = a.m << BigInt(a.e - e);
  const B = b.m << BigInt(b.e - e);
  const sum = (a.neg ? -A : A) + (b.neg ? -B : B);
  if (sum === 0n) return { kind: 'finite', neg: false, m: 0n, e: 0 };
  const neg = sum < 0n;
  return finite(neg, roundBinary(neg ? -sum : sum, e, false, EXTENDED));
}

const NAN: LongDouble = { kind: 'nan', neg: false, m: 0n, e: 0 };

/** glibc "%.17Lf": exact value rounded half-even to 17 decimals. */
function fixed17(x: LongDouble): string {
  let scaled: bigint; // round(|x| × 10^17)
  if (x.e >= 0) {
    scaled = (x.m << BigInt(x.e)) * pow10(17);
  } else {
    const sh = BigInt(-x.e);
    const num = x.m * pow10(17);
    scaled = num >> sh;
    const rem = num - (scaled << sh);
    const half = 1n << (sh - 1n);
    if (rem > half || (rem === half && (scaled & 1n) === 1n)) scaled += 1n;
  }
  const s = scaled.toString().padStart(18, '0');
  return (x.neg ? '-' : '') + s.slice(0, s.length - 17) + '.' + s.slice(s.length - 17);
}

/**
 * Redis ld2string(..., LD_STR_HUMAN): "%.17Lf", trailing zeros and a trailing '.' removed,
 * "-0" turned into "0"; "inf"/"-inf". null when the text would not fit Redis's 5120-byte
 * buffer (cannot happen for x87 values, whose widest form is ~4950 chars).
 */
export function formatLongDoubleHuman(x: LongDouble): string | null {
  if (x.kind === 'inf') return x.neg ? '-inf' : 'inf';
  if (x.kind === 'nan') return x.neg ? '-nan' : 'nan';
  const s = fixed17(x);
  if (s.length + 1 > MAX_LONG_DOUBLE_CHARS) return null;
  let l = s.length;
  while (s.charCodeAt(l - 1) === 48) l--;
  if (s.charCodeAt(l - 1) === 46) l--;
  const out = s.slice(0, l);
  return out === '-0' ? '0' : out;
}

export type IncrByFloatResult = { ok: true; value: string } | { ok: false; error: 'notfloat' | 'nanorinf' };

/**
 * INCRBYFLOAT: current (pass "0" for a missing key) + incr in long double. Either operand not
 * a float → 'notfloat' ("ERR value is not a valid float"; "inf" IS a float); a NaN or infinite
 * sum → 'nanorinf' ("ERR increment would produce NaN or Infinity").
 */
export function incrByFloat(current: string, incr: string): IncrByFloatResult {
  const a = parseLongDouble(current);
  if (a === null) return { ok: false, error: 'notfloat' };
  const b = parseLongDouble(incr);
  if (b === null) return { ok: false, error: 'notfloat' };
  const sum = addLongDouble(a, b);
  if (!isFiniteLongDouble(sum)) return { ok: false, error: 'nanorinf' };
  // Redis would store "" if ld2string failed; unreachable for x87 values.
  return { ok: true, value: formatLongDoubleHuman(sum) ?? '' };
}

/**
 * `(long long) ceill(x * k)` as x86-64 computes it (Redis's getTimeoutFromObjectOrReply, with
 * k = 1000 for seconds → ms): the product is rounded to extended precision, then its ceiling is
 * converted; anything outside int64 (infinities too) converts to INT64_MIN, as the conversion
 * instruction answers.
 */
export function ceilLongDoubleTimes(x: LongDouble, k: number): bigint {
  if (x.kind !== 'finite') return INT64_MIN;
  if (x.m === 0n) return 0n;
  const r = roundBinary(x.m * BigInt(k), x.e, false, EXTENDED);
  if (r.m < 0n || r.e + bitLength(r.m) > 64) return INT64_MIN;
  let v: bigint;
  if (r.e >= 0) {
    v = r.m << BigInt(r.e);
    if (x.neg) v = -v;
  } else {
    const sh = BigInt(-r.e);
    const q = r.m >> sh;
    // ceil(-(q + f)) = -q; ceil(q + f) = q + 1 when there is a fraction f.
    v = x.neg ? -q : q << sh === r.m ? q : q + 1n;
  }
  return v > INT64_MAX || v < INT64_MIN ? INT64_MIN : v;
}
