// Shared pieces of the SORTED SET group (Redis's t_zset.c): the zset type with Redis's encoding
// rules (zsetAdd, zsetConvert…), score and range argument parsing, and reply shapes. The
// commands live in zsets.ts (single members, pops, random, scan), zsets-ranges.ts (ZRANGE and
// everything else that takes a range) and zsets-algebra.ts (ZUNION/ZINTER/ZDIFF).
//
// Encodings. A zset is one ZSet (ds/zset.ts) whatever its encoding; `enc` says what Redis would
// use and changes exactly when Redis converts. One difference is visible in the data: a listpack
// stores an integral score as an integer (zzlInsertAt → double2ll), so a -0 score becomes 0 in a
// listpack and stays -0 in a skiplist. Every insertion into a listpack-encoded zset and every
// conversion to listpack therefore turns -0 into 0 (ZADD z -0 a; ZSCORE z a → "0", while with
// zset-max-listpack-entries 0 it answers "-0").

import { cString, isCSpace } from '../../shared/args.js';
import { LEX_MAX, LEX_MIN, parseLexBound, parseLexRange, ZSet, type LexBound, type LexRange, type ScoreRange } from '../ds/zset.js';
import type { Engine } from '../engine.js';
import * as E from '../../shared/errors.js';
import { formatDouble, parseDouble } from '../numbers.js';
import type { ZSetObj } from '../objects.js';
import { error, type Reply } from '../../shared/reply.js';

// ---- shared replies ------------------------------------------------------------------------

export const MIN_MAX_NOT_FLOAT_R = error(E.MIN_MAX_NOT_FLOAT);
export const MIN_MAX_NOT_LEX_R = error(E.MIN_MAX_NOT_LEX);

/** A score as Redis's addReplyDouble sends it: a bulk "%.17g" in RESP2, a ',' double in RESP3. */
export function scoreReply(s: number): Reply {
  return { t: 'double', v: s, s: formatDouble(s) };
}

/**
 * Appends one (member, score) of a range reply: the member alone, or with its score flat after
 * it (RESP2) or as a [member, score] pair (RESP3), as Redis's zrange handlers do.
 */
export function pushEntry(out: Reply[], member: string, score: number, withscores: boolean, nested: boolean): void {
  if (!withscores) {
    out.push({ t: 'bulk', v: member });
  } else if (nested) {
    out.push({ t: 'array', v: [{ t: 'bulk', v: member }, scoreReply(score)] });
  } else {
    out.push({ t: 'bulk', v: member }, scoreReply(score));
  }
}

// ---- the zset type ---------------------------------------------------------------------------

export function createZSetObj(enc: 'listpack' | 'skiplist'): ZSetObj {
  return { type: 'zset', value: new ZSet(), enc };
}

/**
 * The empty zset ZADD makes for a new key: a skiplist when listpacks are disabled
 * (zset-max-listpack-entries 0) or the first member given is already too long for one.
 */
export function createZSetFor(engine: Engine, firstMember: string): ZSetObj {
  const cfg = engine.config;
  const big = cfg.zsetMaxListpackEntries === 0 || cfg.zsetMaxListpackValue < firstMember.length;
  return createZSetObj(big ? 'skiplist' : 'listpack');
}

// zsetAdd's input flags and output flags (ZADD_IN_*, ZADD_OUT_*).
export const ZADD_IN_INCR = 1;
export const ZADD_IN_NX = 2;
export const ZADD_IN_XX = 4;
export const ZADD_IN_GT = 8;
export const ZADD_IN_LT = 16;
export const ZADD_OUT_NOP = 1;
export const ZADD_OUT_NAN = 2;
export const ZADD_OUT_ADDED = 4;
export const ZADD_OUT_UPDATED = 8;

/** Where zsetAdd leaves Redis's *newscore: the caller's own, one per command call. */
export interface NewScore {
  score: number;
}

/**
 * zsetAdd: adds a member or updates its score under NX/XX/GT/LT/INCR, converting listpack →
 * skiplist exactly when Redis does (before an insertion that would pass
 * zset-max-listpack-entries, or of a member longer than zset-max-listpack-value). Returns the
 * ZADD_OUT_* flags; ZADD_OUT_NAN alone means failure (NaN score or NaN sum), nothing changed.
 * The new score (unrounded: a -0 sum is reported as -0 even where a listpack stores 0) is left
 * in `newScore` when given.
 */
export function zsetAdd(engine: Engine, o: ZSetObj, score: number, member: string, flags: number, newScore?: NewScore): number {
  if (score !== score) return ZADD_OUT_NAN;
  const z = o.value;
  const cur = z.dict.get(member);
  if (cur !== undefined) {
    if (flags & ZADD_IN_NX) return ZADD_OUT_NOP;
    if (flags & ZADD_IN_INCR) {
      score += cur;
      if (score !== score) return ZADD_OUT_NAN;
    }
    if (((flags & ZADD_IN_LT) !== 0 && score >= cur) || ((flags & ZADD_IN_GT) !== 0 && score <= cur)) {
      return ZADD_OUT_NOP;
    }
    if (newScore !== undefined) newScore.score = score;
    if (score === cur) return 0; // also -0 against 0: Redis compares with ==
    z.rescore(member, cur, o.enc === 'listpack' && score === 0 ? 0 : score);
    return ZADD_OUT_UPDATED;
  }
  if (flags & ZADD_IN_XX) return ZADD_OUT_NOP;
  if (o.enc === 'listpack') {
    const cfg = engine.config;
    if (z.size + 1 > cfg.zsetMaxListpackEntries || member.length > cfg.zsetMaxListpackValue) o.enc = 'skiplist';
  }
  if (newScore !== undefined) newScore.score = score;
  z.insertNew(member, o.enc === 'listpack' && score === 0 ? 0 : score);
  return ZADD_OUT_ADDED;
}

/**
 * zsetConvertToListpackIfNeeded for a skiplist built by a *STORE command: listpack when it has
 * at most zset-max-listpack-entries members, none longer than zset-max-listpack-value bytes.
 */
export function convertToListpackIfNeeded(engine: Engine, o: ZSetObj, maxMemberLen: number): void {
  if (o.enc === 'listpack') return;
  const cfg = engine.config;
  if (o.value.size > cfg.zsetMaxListpackEntries || maxMemberLen > cfg.zsetMaxListpackValue) return;
  o.enc = 'listpack';
  // A listpack keeps integral scores as integers: -0 comes back as 0.
  const z = o.value;
  const negZeros: string[] = [];
  z.walk(z.firstGte(0), false, (m, s) => {
    if (s !== 0) return false;
    if (1 / s < 0) negZeros.push(m);
  });
  for (const m of negZeros) {
    z.delete(m);
    z.add(m, 0);
  }
}

/**
 * A score as ZSCAN prints it from a listpack: the listpack's own text, i.e. an integer when the
 * score is integral within ±2^62 (double2ll), else "%.17g". 1e17 prints "100000000000000000"
 * there and "1e+17" from a skiplist.
 */
export function listpackScoreString(s: number): string {
  if (Number.isInteger(s) && s >= -4611686018427387904 && s <= 4611686018427387904) {
    if (s === 0) return '0';
    return s <= 9007199254740991 && s >= -9007199254740991 ? String(s) : BigInt(s).toString();
  }
  return formatDouble(s);
}

// ---- ranges ------------------------------------------------------------------------------

const DECIMAL_SYNTAX = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX_SYNTAX = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)(?:[pP]([+-]?\d+))?$/;

/**
 * strtod as zslParseRange calls it: the argument read as a C string (it ends at a NUL byte),
 * leading white space skipped, nothing may follow the number, NaN refused. Unlike ZADD's scores
 * (string2d) the empty string is 0, and overflow / underflow give ±inf / ±0 instead of an error.
 * null when invalid.
 */
export function strtodBound(arg: string): number | null {
  const s = cString(arg);
  if (s.length === 0) return 0; // no conversion, and the end pointer is already at the NUL
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  const t = i === 0 ? s : s.slice(i);
  const v = parseDouble(t);
  if (v !== null) return v;
  // parseDouble refuses what overflows or underflows to zero; strtod returns ±HUGE_VAL / ±0.
  if (DECIMAL_SYNTAX.test(t)) return Number(t);
  const hex = HEX_SYNTAX.exec(t);
  if (hex !== null && (hex[2]!.length > 0 || hex[3]!.length > 0)) {
    const neg = hex[1] === '-';
    const intPart = hex[2]!.replace(/^0+/, '');
    const exp = hex[4] === undefined ? 0 : Number(hex[4]);
    let log2: number;
    if (intPart.length > 0) log2 = intPart.length * 4 + exp;
    else {
      const frac = hex[3]!;
      const lead = frac.length - frac.replace(/^0+/, '').length;
      log2 = exp - lead * 4;
    }
    const big = log2 > 0;
    return big ? (neg ? -Infinity : Infinity) : neg ? -0 : 0;
  }
  return null;
}

/** zslParseRange: "(x" is exclusive; null when either bound is not a float. */
export function parseScoreRange(minArg: string, maxArg: string): ScoreRange | null {
  let minex = false;
  let maxex = false;
  let min: number | null;
  let max: number | null;
  if (minArg.charCodeAt(0) === 40 /* ( */) {
    minex = true;
    min = strtodBound(minArg.slice(1));
  } else {
    min = strtodBound(minArg);
  }
  if (min === null) return null;
  if (maxArg.charCodeAt(0) === 40) {
    maxex = true;
    max = strtodBound(maxArg.slice(1));
  } else {
    max = strtodBound(maxArg);
  }
  if (max === null) return null;
  return { min, max, minex, maxex };
}

/**
 * zslParseLexRangeItem: '+' and '-' are tested as C strings ("+\0junk" is '+'), '(' and '['
 * take the rest of the argument byte for byte.
 */
function lexItem(arg: string): { bound: LexBound; ex: boolean } | null {
  const c = arg.charCodeAt(0);
  if (c === 43 || c === 45) {
    if (arg.length > 1 && arg.charCodeAt(1) !== 0) return null;
    return { bound: c === 43 ? LEX_MAX : LEX_MIN, ex: true };
  }
  return parseLexBound(arg);
}

/** zslParseLexRange; null when either bound is malformed. */
export function parseLexRangeArgs(minArg: string, maxArg: string): LexRange | null {
  return parseLexRange(minArg, maxArg, lexItem);
}
