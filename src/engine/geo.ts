// Geo math as Redis 7.0 does it (geohash.c, geohash_helper.c, the helpers of geo.c): 52-bit
// interleaved geohash scores (latitude on the even bits, longitude on the odd ones, 26 steps
// each over ±85.05112878 / ±180), decoding to the cell centre, the haversine distance on a
// sphere of radius 6372797.560856 m, the radius → step estimate and the 3×3 cells a search
// scans, plus the number formats geo replies use (%f in errors, 4-decimal distances).
//
// A 64-bit geohash is kept as two unsigned 32-bit halves (hi, lo) on the hot paths (GEOADD,
// decoding a score) and as a bigint where Redis's uint64 arithmetic wraps (neighbour cells).

import { formatLongDoubleHuman } from './numbers.js';

export const GEO_LAT_MIN = -85.05112878;
export const GEO_LAT_MAX = 85.05112878;
export const GEO_LONG_MIN = -180;
export const GEO_LONG_MAX = 180;
export const GEO_STEP_MAX = 26;

const D_R = Math.PI / 180.0;
export const EARTH_RADIUS_IN_METERS = 6372797.560856;
const MERCATOR_MAX = 20037726.37;
const TWO32 = 4294967296;

const degRad = (ang: number): number => ang * D_R;
const radDeg = (ang: number): number => ang / D_R;

// ---- bit interleaving -------------------------------------------------------------------------

/** The low 16 bits of x spread to the even bits of a 32-bit word. */
function spread16(x: number): number {
  x &= 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

/** The even bits of a 32-bit word packed into 16 bits. */
function compact16(x: number): number {
  x &= 0x55555555;
  x = (x | (x >>> 1)) & 0x33333333;
  x = (x | (x >>> 2)) & 0x0f0f0f0f;
  x = (x | (x >>> 4)) & 0x00ff00ff;
  x = (x | (x >>> 8)) & 0x0000ffff;
  return x;
}

/** interleave64(lat, lon) for 32-bit inputs, as a bigint. */
function interleaveBig(lat: number, lon: number): bigint {
  const lo = (spread16(lat) | (spread16(lon) << 1)) >>> 0;
  const hi = (spread16(lat >>> 16) | (spread16(lon >>> 16) << 1)) >>> 0;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

export interface Range {
  min: number;
  max: number;
}
const LONG_RANGE: Range = { min: GEO_LONG_MIN, max: GEO_LONG_MAX };
const LAT_RANGE: Range = { min: GEO_LAT_MIN, max: GEO_LAT_MAX };
const STD_LAT_RANGE: Range = { min: -90, max: 90 };

/** A cell: `bits` holds 2×step interleaved bits. */
export interface HashBits {
  bits: bigint;
  step: number;
}

/** The (uint32) fixed-point offsets geohashEncode interleaves, or null outside the limits. */
function offsets(lonR: Range, latR: Range, lon: number, lat: number, step: number): [number, number] | null {
  if (lon > GEO_LONG_MAX || lon < GEO_LONG_MIN || lat > GEO_LAT_MAX || lat < GEO_LAT_MIN) return null;
  if (lat < latR.min || lat > latR.max || lon < lonR.min || lon > lonR.max) return null;
  let latOff = (lat - latR.min) / (latR.max - latR.min);
  let lonOff = (lon - lonR.min) / (lonR.max - lonR.min);
  latOff *= 2 ** step;
  lonOff *= 2 ** step;
  return [Math.trunc(latOff) >>> 0, Math.trunc(lonOff) >>> 0];
}

/** geohashEncode; null where Redis returns 0. */
export function encode(lonR: Range, latR: Range, lon: number, lat: number, step: number): HashBits | null {
  const o = offsets(lonR, latR, lon, lat, step);
  if (o === null) return null;
  return { bits: interleaveBig(o[0], o[1]), step };
}

/**
 * The sorted-set score GEOADD stores for a valid pair: the 52-bit hash as a double (exactly
 * what ZADD parses from sdsfromlonglong(bits): the integer rounded to the nearest double).
 */
export function geoScore(lon: number, lat: number): number {
  const o = offsets(LONG_RANGE, LAT_RANGE, lon, lat, GEO_STEP_MAX)!;
  const lat32 = o[0];
  const lon32 = o[1];
  const lo = (spread16(lat32) | (spread16(lon32) << 1)) >>> 0;
  const hi = (spread16(lat32 >>> 16) | (spread16(lon32 >>> 16) << 1)) >>> 0;
  return hi * TWO32 + lo;
}

/**
 * (uint64_t) of a negative, NaN or too large double as x86-64 gcc converts it (NaN and 2^64 up:
 * 0; -2^63 and below: 2^63; else the two's complement of its integer part), in 32-bit halves.
 */
function otherUint64Halves(s: number): { hi: number; lo: number } {
  if (s !== s || s >= 18446744073709551616) return { hi: 0, lo: 0 };
  if (s <= -9223372036854775808) return { hi: 0x80000000, lo: 0 };
  const t = Math.trunc(s);
  const h = Math.floor(t / TWO32);
  return { hi: h >>> 0, lo: t - h * TWO32 };
}

/**
 * decodeGeohash: the cell centre (longitude, latitude) of a score read as a step-26 hash,
 * clamped to the limits; written into xy.
 */
export function decodeScore(score: number, xy: number[]): void {
  // (uint64_t) of the double, in 32-bit halves. Every point a search looks at comes here, with
  // a score in [0, 2^52): that case is worked out inline, without a pair to return.
  let hi: number;
  let lo: number;
  if (score >= 0 && score < 18446744073709551616) {
    const h = Math.floor(score / TWO32);
    hi = h >>> 0;
    lo = Math.floor(score - h * TWO32);
  } else {
    const p = otherUint64Halves(score);
    hi = p.hi;
    lo = p.lo;
  }
  const ilat = compact16(hi) * 65536 + compact16(lo);
  const ilon = compact16(hi >>> 1) * 65536 + compact16(lo >>> 1);
  decodeCentre(ilat, ilon, GEO_STEP_MAX, xy);
}

function decodeCentre(ilat: number, ilon: number, step: number, xy: number[]): void {
  const div = 2 ** step;
  const latScale = GEO_LAT_MAX - GEO_LAT_MIN;
  const lonScale = GEO_LONG_MAX - GEO_LONG_MIN;
  const latMin = GEO_LAT_MIN + (ilat / div) * latScale;
  const latMax = GEO_LAT_MIN + (((ilat + 1) >>> 0) / div) * latScale;
  const lonMin = GEO_LONG_MIN + (ilon / div) * lonScale;
  const lonMax = GEO_LONG_MIN + (((ilon + 1) >>> 0) / div) * lonScale;
  let x = (lonMin + lonMax) / 2;
  if (x > GEO_LONG_MAX) x = GEO_LONG_MAX;
  if (x < GEO_LONG_MIN) x = GEO_LONG_MIN;
  let y = (latMin + latMax) / 2;
  if (y > GEO_LAT_MAX) y = GEO_LAT_MAX;
  if (y < GEO_LAT_MIN) y = GEO_LAT_MIN;
  xy[0] = x;
  xy[1] = y;
}

export interface Area {
  latMin: number;
  latMax: number;
  lonMin: number;
  lonMax: number;
}

const M32 = 0xffffffffn;

/** geohashDecode over Redis's coordinate ranges. */
export function decodeArea(h: HashBits): Area {
  const b = h.bits;
  const lo = Number(b & M32);
  const hi = Number((b >> 32n) & M32);
  const ilat = compact16(hi) * 65536 + compact16(lo);
  const ilon = compact16(hi >>> 1) * 65536 + compact16(lo >>> 1);
  const div = 2 ** h.step;
  const latScale = GEO_LAT_MAX - GEO_LAT_MIN;
  const lonScale = GEO_LONG_MAX - GEO_LONG_MIN;
  return {
    latMin: GEO_LAT_MIN + (ilat / div) * latScale,
    latMax: GEO_LAT_MIN + (((ilat + 1) >>> 0) / div) * latScale,
    lonMin: GEO_LONG_MIN + (ilon / div) * lonScale,
    lonMax: GEO_LONG_MIN + (((ilon + 1) >>> 0) / div) * lonScale,
  };
}

const GEOALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';

/** GEOHASH's 11-character string of a score: decoded, re-encoded over ±90 / ±180. */
export function geohashString(score: number): string {
  const xy = [0, 0];
  decodeScore(score, xy);
  const h = encode(LONG_RANGE, STD_LAT_RANGE, xy[0]!, xy[1]!, GEO_STEP_MAX);
  const bits = h === null ? 0n : h.bits;
  let out = '';
  for (let i = 0; i < 10; i++) out += GEOALPHABET[Number((bits >> BigInt(52 - (i + 1) * 5)) & 0x1fn)];
  return out + '0';
}

// ---- neighbours -------------------------------------------------------------------------------

const U64 = 0xffffffffffffffffn;
const EVEN = 0x5555555555555555n;
const ODD = 0xaaaaaaaaaaaaaaaan;

/**
 * geohash_move_x / geohash_move_y: one cell forward (d > 0) or back (d < 0) along the axis whose
 * interleaved bits `axis` selects (ODD: longitude, EVEN: latitude); the other axis is kept.
 */
function moveAlong(h: HashBits, d: number, axis: bigint): void {
  if (d === 0) return;
  const other = axis === ODD ? EVEN : ODD;
  let v = h.bits & axis;
  const kept = h.bits & other;
  const sh = BigInt(64 - h.step * 2);
  const zz = other >> sh;
  if (d > 0) v = (v + (zz + 1n)) & U64;
  else {
    v = v | zz;
    v = (v - (zz + 1n)) & U64;
  }
  v &= axis >> sh;
  h.bits = v | kept;
}

function neighbour(h: HashBits, dx: number, dy: number): HashBits {
  const n = { bits: h.bits, step: h.step };
  moveAlong(n, dx, ODD);
  moveAlong(n, dy, EVEN);
  return n;
}

// ---- shapes and search areas ------------------------------------------------------------------

/** GeoShape: a circle (radius) or a box (width × height), in `unit`s; conversion = metres/unit. */
export interface GeoShape {
  circle: boolean;
  lon: number;
  lat: number;
  radius: number;
  width: number;
  height: number;
  conversion: number;
  /** The cosine of the centre's latitude, worked out by the search's first exact distance. */
  cosLat?: number;
}

/** geohashEstimateStepsByRadius. */
export function estimateStepsByRadius(rangeMeters: number, lat: number): number {
  if (rangeMeters === 0) return 26;
  let step = 1;
  while (rangeMeters < MERCATOR_MAX) {
    rangeMeters *= 2;
    step++;
  }
  step -= 2;
  if (lat > 66 || lat < -66) {
    step--;
    if (lat > 80 || lat < -80) step--;
  }
  if (step < 1) step = 1;
  if (step > 26) step = 26;
  return step;
}

/** geohashBoundingBox: [minLon, minLat, maxLon, maxLat]. */
export function boundingBox(s: GeoShape): [number, number, number, number] {
  const height = s.conversion * (s.circle ? s.radius : s.height / 2);
  const width = s.conversion * (s.circle ? s.radius : s.width / 2);
  const latDelta = radDeg(height / EARTH_RADIUS_IN_METERS);
  const longDeltaTop = radDeg(width / EARTH_RADIUS_IN_METERS / geoCos(degRad(s.lat + latDelta)));
  const longDeltaBottom = radDeg(width / EARTH_RADIUS_IN_METERS / geoCos(degRad(s.lat - latDelta)));
  const south = s.lat < 0;
  return [south ? s.lon - longDeltaBottom : s.lon - longDeltaTop, s.lat - latDelta, south ? s.lon + longDeltaBottom : s.lon + longDeltaTop, s.lat + latDelta];
}

/**
 * geohashCalculateAreasByShapeWGS84 + membersOfAllNeighbors' order: the cells to scan, centre,
 * N, S, E, W, NE, NW, SE, SW, with null for the ones Redis zeroes.
 */
export function searchCells(s: GeoShape): (HashBits | null)[] {
  const [minLon, minLat, maxLon, maxLat] = boundingBox(s);
  const radiusMeters = (s.circle ? s.radius : Math.sqrt((s.width / 2) * (s.width / 2) + (s.height / 2) * (s.height / 2))) * s.conversion;
  let steps = estimateStepsByRadius(radiusMeters, s.lat);
  let hash = encode(LONG_RANGE, LAT_RANGE, s.lon, s.lat, steps) ?? { bits: 0n, step: steps };
  let cells = allNeighbours(hash);
  let area = decodeArea(hash);
  let decrease = false;
  if (decodeArea(cells[1]!).latMax < maxLat) decrease = true;
  if (decodeArea(cells[2]!).latMin > minLat) decrease = true;
  if (decodeArea(cells[3]!).lonMax < maxLon) decrease = true;
  if (decodeArea(cells[4]!).lonMin > minLon) decrease = true;
  if (steps > 1 && decrease) {
    steps--;
    hash = encode(LONG_RANGE, LAT_RANGE, s.lon, s.lat, steps) ?? { bits: 0n, step: steps };
    cells = allNeighbours(hash);
    area = decodeArea(hash);
  }
  const out: (HashBits | null)[] = cells;
  if (steps >= 2) {
    if (area.latMin < minLat) out[2] = out[8] = out[7] = null; // S, SW, SE
    if (area.latMax > maxLat) out[1] = out[5] = out[6] = null; // N, NE, NW
    if (area.lonMin < minLon) out[4] = out[8] = out[6] = null; // W, SW, NW
    if (area.lonMax > maxLon) out[3] = out[7] = out[5] = null; // E, SE, NE
  }
  return out;
}

function allNeighbours(h: HashBits): HashBits[] {
  return [
    h,
    neighbour(h, 0, 1), // north
    neighbour(h, 0, -1), // south
    neighbour(h, 1, 0), // east
    neighbour(h, -1, 0), // west
    neighbour(h, 1, 1), // north-east
    neighbour(h, -1, 1), // north-west
    neighbour(h, 1, -1), // south-east
    neighbour(h, -1, -1), // south-west
  ];
}

/** scoresOfGeoHashBox: [min (inclusive), max (exclusive)] of the scores inside a cell. */
export function cellScores(h: HashBits): [number, number] {
  const sh = BigInt(52 - h.step * 2);
  const min = (h.bits << sh) & U64;
  const max = ((h.bits + 1n) << sh) & U64;
  return [Number(min), Number(max)];
}

// ---- distances --------------------------------------------------------------------------------

// ---- sin, cos and asin as glibc gives them ----------------------------------------------------
// V8's Math.sin/cos/asin (fdlibm) are within 1 ulp but not always correctly rounded; glibc's
// nearly always are, and a 1-ulp difference shows in GEOSEARCHSTORE ... STOREDIST scores. On
// the arguments geo uses (|x| <= 1.6 rad) these evaluate the series in double-double
// arithmetic and round once; elsewhere they fall back to Math.

const SPLIT = 134217729; // 2^27 + 1 (Dekker)

/**
 * A double-double, the unevaluated sum hi + lo: ddMul and ddAdd write their result into one
 * that the caller owns (each sine, cosine or arcsine makes its own; V8 keeps it in registers).
 */
interface DoubleDouble {
  hi: number;
  lo: number;
}

/** (ah, al) × (bh, bl) → out. */
function ddMul(out: DoubleDouble, ah: number, al: number, bh: number, bl: number): void {
  let t = SPLIT * ah;
  const ahh = t - (t - ah);
  const ahl = ah - ahh;
  t = SPLIT * bh;
  const bhh = t - (t - bh);
  const bhl = bh - bhh;
  const p = ah * bh;
  const e = ahh * bhh - p + ahh * bhl + ahl * bhh + ahl * bhl;
  const lo = e + (ah * bl + al * bh);
  const hi = p + lo;
  out.hi = hi;
  out.lo = lo - (hi - p);
}

/** (ah, al) + (bh, bl) → out. */
function ddAdd(out: DoubleDouble, ah: number, al: number, bh: number, bl: number): void {
  const sum = ah + bh;
  const bb = sum - ah;
  const err = ah - (sum - bb) + (bh - bb);
  const lo = err + al + bl;
  const hi = sum + lo;
  out.hi = hi;
  out.lo = lo - (hi - sum);
}

/** Taylor coefficients (-1)^k / n! as double-doubles: for sin n = 2k+1, for cos n = 2k. */
function coefficients(odd: boolean): Float64Array {
  const out = new Float64Array(2 * 16);
  const dd: DoubleDouble = { hi: 0, lo: 0 };
  let h = 1;
  let l = 0;
  let n = 0;
  for (let k = 0; k < 16; k++) {
    // next factorial up to n = 2k (+1)
    const target = 2 * k + (odd ? 1 : 0);
    while (n < target) {
      n++;
      // (h, l) / n
      const q = h / n;
      ddMul(dd, q, 0, n, 0);
      const r = h - dd.hi - dd.lo + l;
      const q2 = r / n;
      h = q + q2;
      l = q2 - (h - q);
    }
    const sign = k % 2 === 0 ? 1 : -1;
    out[2 * k] = sign * h;
    out[2 * k + 1] = sign * l;
  }
  return out;
}
const SIN_C = coefficients(true);
const COS_C = coefficients(false);

/**
 * Σ c_k x^(2k) (k = 0..15) into out: the small terms (k >= split) in plain doubles, the
 * leading ones in double-double (Horner in x²). Sine splits at 4 (its tail stays below 2e-4 of
 * the sum for |x| <= 1.6); cosine, whose sum gets small near π/2, at 7.
 */
function evenSeries(out: DoubleDouble, c: Float64Array, x: number, split: number): void {
  const x2 = x * x;
  let t = c[30]!;
  for (let k = 14; k >= split; k--) t = t * x2 + c[2 * k]!;
  ddMul(out, x, 0, x, 0);
  const x2h = out.hi;
  const x2l = out.lo;
  let h = t;
  let l = 0;
  for (let k = split - 1; k >= 0; k--) {
    ddMul(out, h, l, x2h, x2l);
    ddAdd(out, out.hi, out.lo, c[2 * k]!, c[2 * k + 1]!);
    h = out.hi;
    l = out.lo;
  }
}

export function geoSin(x: number): number {
  if (!(Math.abs(x) <= 1.6)) return Math.sin(x);
  if (x === 0) return x;
  const dd: DoubleDouble = { hi: 0, lo: 0 };
  evenSeries(dd, SIN_C, x, 4);
  ddMul(dd, dd.hi, dd.lo, x, 0);
  return dd.hi + dd.lo;
}

export function geoCos(x: number): number {
  if (!(Math.abs(x) <= 1.6)) return Math.cos(x);
  const dd: DoubleDouble = { hi: 0, lo: 0 };
  evenSeries(dd, COS_C, x, 7);
  return dd.hi + dd.lo;
}

export function geoAsin(x: number): number {
  const y = Math.asin(x);
  if (!(x > 0 && x < 0.999)) return y;
  // One Newton step on sin(y) = x, the residual taken in double-double.
  const dd: DoubleDouble = { hi: 0, lo: 0 };
  evenSeries(dd, SIN_C, y, 4);
  ddMul(dd, dd.hi, dd.lo, y, 0);
  ddAdd(dd, x, 0, -dd.hi, -dd.lo);
  const residual = dd.hi + dd.lo;
  // The divisor only scales a correction of about an ulp: Math's cosine is precise enough.
  return y + residual / Math.cos(y);
}

/** geohashGetLatDistance. */
export function latDistance(lat1: number, lat2: number): number {
  return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2) - degRad(lat1));
}

/**
 * geohashGetDistance: haversine, in metres. `cosLat1`, when given, is geoCos of lat1 in radians
 * (a search's centre, the same for every point).
 */
export function distance(lon1: number, lat1: number, lon2: number, lat2: number, cosLat1?: number): number {
  const lon1r = degRad(lon1);
  const lon2r = degRad(lon2);
  const v = geoSin((lon2r - lon1r) / 2);
  if (v === 0.0) return latDistance(lat1, lat2);
  const lat1r = degRad(lat1);
  const lat2r = degRad(lat2);
  const u = geoSin((lat2r - lat1r) / 2);
  // A box's width is measured along one latitude: one cosine serves both ends.
  const cos1 = cosLat1 ?? geoCos(lat1r);
  const cos2 = lat2r === lat1r ? cos1 : geoCos(lat2r);
  const a = u * u + cos1 * cos2 * v * v;
  return 2.0 * EARTH_RADIUS_IN_METERS * geoAsin(Math.sqrt(a));
}

/**
 * distance() with the platform's sine, cosine and arcsine: cheap, and within a metre of it (a
 * few ulps everywhere, and near the antipodes, where arcsine magnifies them, about 0.1 m).
 */
export function roughDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const v = Math.sin((degRad(lon2) - degRad(lon1)) / 2);
  const u = Math.sin((degRad(lat2) - degRad(lat1)) / 2);
  const a = u * u + Math.cos(degRad(lat1)) * Math.cos(degRad(lat2)) * v * v;
  return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
}

/** Whether a rough distance proves the exact one exceeds `limit` (metres). */
function surelyBeyond(rough: number, limit: number): boolean {
  return rough > limit + 1 + limit * 1e-9;
}

/**
 * geoWithinShape for a point already decoded into (lon, lat): its distance from the centre in
 * metres, or -1 when it lies outside the shape. Most candidates of a search lie well outside:
 * a rough distance turns those away before the exact (slow, glibc-matching) one is needed.
 */
export function distanceIfWithin(s: GeoShape, lon: number, lat: number): number {
  if (s.circle) {
    const limit = s.radius * s.conversion;
    if (surelyBeyond(roughDistance(s.lon, s.lat, lon, lat), limit)) return -1;
    const d = distance(s.lon, s.lat, lon, lat, (s.cosLat ??= geoCos(degRad(s.lat))));
    return d > limit ? -1 : d;
  }
  const widthM = s.width * s.conversion;
  const heightM = s.height * s.conversion;
  if (latDistance(lat, s.lat) > heightM / 2) return -1;
  if (surelyBeyond(roughDistance(lon, lat, s.lon, lat), widthM / 2)) return -1;
  if (distance(lon, lat, s.lon, lat) > widthM / 2) return -1;
  return distance(s.lon, s.lat, lon, lat, (s.cosLat ??= geoCos(degRad(s.lat))));
}

// ---- number formats ---------------------------------------------------------------------------

/** llrint in the default rounding mode: nearest, ties to even. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** fixedpoint_d2string(d, 4): distances in replies ("0.0000" for zero). */
export function formatDistance(d: number): string {
  if (d === 0) return '0.0000';
  const sv = rint(d * 10000);
  const neg = sv < 0;
  const digits = (neg ? -sv : sv).toString();
  const padded = digits.length < 5 ? digits.padStart(5, '0') : digits;
  return (neg ? '-' : '') + padded.slice(0, padded.length - 4) + '.' + padded.slice(padded.length - 4);
}

const TWO52 = 2 ** 52;
const TWO53 = 2 ** 53;
const TWO85 = 2 ** 85;

/**
 * A finite double as sign, integer mantissa and binary exponent (value = m × 2^e), as its bits
 * give them: m in [2^52, 2^53), or below 2^52 with e = -1074 for a subnormal. Found by scaling
 * with powers of two, which is exact, rather than through a typed-array view of the bits.
 */
function decompose(x: number): { neg: boolean; m: bigint; e: number } {
  const neg = x < 0 || Object.is(x, -0);
  let a = Math.abs(x);
  let e = 0;
  if (a >= TWO53) {
    while (a >= TWO85) {
      a /= TWO32;
      e += 32;
    }
    while (a >= TWO53) {
      a /= 2;
      e++;
    }
  } else if (a !== 0) {
    while (a < 2 ** 20 && e - 32 >= -1074) {
      a *= TWO32;
      e -= 32;
    }
    while (a < TWO52 && e > -1074) {
      a *= 2;
      e--;
    }
  } else {
    e = -1074;
  }
  return { neg, m: BigInt(a), e };
}

/** addReplyHumanLongDouble's text of a double: "%.17Lf" with trailing zeros removed. */
export function formatHumanDouble(x: number): string {
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const { neg, m, e } = decompose(x);
  return formatLongDoubleHuman({ kind: 'finite', neg, m, e })!;
}

/** C's "%f": exact value rounded half-even to 6 decimals; inf / -inf / -nan as glibc prints them. */
export function formatF6(x: number): string {
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x !== x) return '-nan';
  const { neg, m, e } = decompose(x);
  let scaled: bigint;
  if (e >= 0) scaled = (m << BigInt(e)) * 1000000n;
  else {
    const sh = BigInt(-e);
    const num = m * 1000000n;
    scaled = num >> sh;
    const rem = num - (scaled << sh);
    const half = 1n << (sh - 1n);
    if (rem > half || (rem === half && (scaled & 1n) === 1n)) scaled += 1n;
  }
  const s = scaled.toString().padStart(7, '0');
  return (neg ? '-' : '') + s.slice(0, s.length - 6) + '.' + s.slice(s.length - 6);
}
