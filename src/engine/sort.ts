// SORT and SORT_RO (Redis's sort.c): sort a list, set or sorted set numerically or by bytes,
// optionally by the values of other keys (BY pattern, '*->field' for hash fields), window the
// result (LIMIT), fetch other keys per element (GET), and store it as a list (STORE).
//
// The order is Redis's to the byte: numeric ties fall back to the elements' bytes; ALPHA without
// STORE compares as strcoll in the C.UTF-8 locale Debian's server runs in (strcmp on the text up
// to the first NUL byte), ALPHA with STORE compares whole byte strings; a full sort is stable
// like glibc's merge-sort qsort; a BY sort with a LIMIT runs Redis's own partial quicksort
// (pqsort.c, Bentley–McIlroy), whose order of equal elements we reproduce step by step.
// One of the engine's late parts (late.ts); declared in commands/sort.ts.

import type { Client } from './client.js';
import { Deque } from './ds/deque.js';
import { pqsort } from './pqsort.js';
import * as E from '../shared/errors.js';
import { deleteKey, lookupRead, setKey } from './keyspace.js';
import { parseDouble } from './numbers.js';
import type { ListObj, SetObj, ZSetObj } from './objects.js';
import { array, error, int, NIL, type Reply } from '../shared/reply.js';
import { cString, isCSpace } from '../shared/args.js';
import { limitOption, flag, parseOptions, type Option } from './options.js';
import { WRONGTYPE_R } from './error-replies.js';
import * as AE from '../shared/acl-errors.js';

const SCORES_R = error(E.SORT_SCORES_NOT_DOUBLE);
const SORT_BY_ACL_R = error(AE.SORT_BY_ACL);
const SORT_GET_ACL_R = error(AE.SORT_GET_ACL);

// ---- patterns ------------------------------------------------------------------------------

/**
 * lookupKeyByPattern: the value a BY/GET pattern names for one element, or null. '#' is the
 * element itself; otherwise the first '*' is replaced by the element and the key read as a
 * string, or, with '->field' after the '*', the field of the hash at that key. A pattern
 * without '*' names nothing. Reads count as keyspace hits/misses and expire keys lazily.
 */
export function lookupByPattern(c: Client, pattern: string, subst: string): string | null {
  // Redis scans the pattern as a C string for '#', '*' and '->' but slices it by its full length.
  const cpat = cString(pattern);
  if (cpat === '#') return subst;
  const star = cpat.indexOf('*');
  if (star < 0) return null;
  const arrow = cpat.indexOf('->', star + 1);
  const hasField = arrow >= 0 && arrow + 2 < cpat.length;
  const key = pattern.slice(0, star) + subst + pattern.slice(star + 1, hasField ? arrow : pattern.length);
  const o = lookupRead(c, key);
  if (o === undefined) return null;
  if (hasField) {
    if (o.type !== 'hash') return null;
    return o.value.get(pattern.slice(arrow + 2)) ?? null;
  }
  return o.type === 'string' ? o.value : null;
}

// ---- scores (strtod as sortCommand calls it) ------------------------------------------------

const DBL_MIN = 2.2250738585072014e-308;

/**
 * The score SORT gives a value: strtod on its C string, accepted when nothing but the NUL
 * follows the number, the result is no NaN and strtod did not report ERANGE. So leading
 * whitespace is fine, "" is 0 (strtod reads nothing and stops at the NUL), "  " is an error,
 * overflow and inexact underflow (glibc flags a tiny inexact result) are errors.
 */
export function sortScore(s: string): number | null {
  const t = cString(s);
  if (t.length === 0) return 0;
  let i = 0;
  while (i < t.length && isCSpace(t.charCodeAt(i))) i++;
  if (i === t.length) return null;
  const body = i === 0 ? t : t.slice(i);
  const v = parseDouble(body);
  if (v === null) return null;
  if (v !== 0 && v > -DBL_MIN && v < DBL_MIN && !exactDouble(body, v)) return null;
  return v;
}

/**
 * True when the (finite, strtod-valid) number text equals the double `v` exactly. Only asked
 * for subnormal results, where glibc reports ERANGE unless the conversion was exact.
 */
function exactDouble(text: string, v: number): boolean {
  let i = 0;
  if (text[0] === '+' || text[0] === '-') i = 1;
  const hex = text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X');
  if (hex) i += 2;
  let digits = '';
  let frac = 0;
  let seenDot = false;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '.') {
      seenDot = true;
      continue;
    }
    const isDigit = hex ? /[0-9a-fA-F]/.test(ch) : ch >= '0' && ch <= '9';
    if (!isDigit) break;
    digits += ch;
    if (seenDot) frac++;
  }
  let exp = 0;
  if (i < text.length) exp = Number(text.slice(i + 1));
  const mant = BigInt((hex ? '0x' : '') + (digits === '' ? '0' : digits));
  // The number is mant × base^(−frac) × 2^exp (hex) or mant × 10^(exp − frac) (decimal).
  // v is a subnormal: |v| = m × 2^−1074 exactly.
  const m = BigInt(Math.round(Math.abs(v) / 2 ** -1074));
  if (hex) {
    // mant × 2^(exp − 4·frac) = m × 2^−1074  ⇔  mant × 2^(exp − 4·frac + 1074) = m
    const shift = exp - 4 * frac + 1074;
    return shift >= 0 ? mant << BigInt(shift) === m : mant === m << BigInt(-shift);
  }
  // mant × 10^(exp − frac) × 2^1074 = m
  const p = exp - frac;
  const two = 1n << 1074n;
  return p >= 0 ? mant * 10n ** BigInt(p) * two === m : mant * two === m * 10n ** BigInt(-p);
}

// ---- comparison ----------------------------------------------------------------------------

interface SortItem {
  obj: string;
  score: number;
  /** ALPHA with BY: the value to compare, null when the pattern named nothing. */
  cmp: string | null;
}

/** compareStringObjects: byte-wise, a prefix first. */
function compareBinary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strcoll in C.UTF-8 (strcmp): unsigned bytes up to the first NUL. */
function compareCollate(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x - y;
    if (x === 0) return 0;
  }
  // One is a prefix of the other: the shorter ends (its NUL) first, unless the longer's next
  // byte is a NUL too.
  if (a.length === b.length) return 0;
  if (a.length < b.length) return b.charCodeAt(n) === 0 ? 0 : -1;
  return a.charCodeAt(n) === 0 ? 0 : 1;
}

/** sortCompare for the given options. */
function comparator(alpha: boolean, byPattern: boolean, store: boolean, desc: boolean): (x: SortItem, y: SortItem) => number {
  let cmp: (x: SortItem, y: SortItem) => number;
  if (!alpha) {
    cmp = (x, y) => (x.score > y.score ? 1 : x.score < y.score ? -1 : compareBinary(x.obj, y.obj));
  } else if (byPattern) {
    const strcmp = store ? compareBinary : compareCollate;
    cmp = (x, y) => {
      const a = x.cmp;
      const b = y.cmp;
      if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
      return strcmp(a, b);
    };
  } else {
    const strcmp = store ? compareBinary : compareCollate;
    cmp = (x, y) => strcmp(x.obj, y.obj);
  }
  return desc ? (x, y) => -cmp(x, y) : cmp;
}

// ---- SORT ----------------------------------------------------------------------------------

/** The elements of a set in the order Redis iterates them (an intset ascending). */
function setMembers(o: SetObj): string[] {
  const members = Array.from(o.value);
  if (o.enc === 'intset') {
    members.sort((a, b) => {
      const x = Number(a);
      const y = Number(b);
      if (x !== y) return x - y;
      const bx = BigInt(a);
      const by = BigInt(b);
      return bx < by ? -1 : bx > by ? 1 : 0;
    });
  }
  return members;
}

/** SORT's options (sortCommandGeneric); `readonly` is SORT_RO, which has no STORE. */
interface SortOptions {
  readonly readonly: boolean;
  desc: boolean;
  alpha: boolean;
  limitStart: number;
  limitCount: number;
  dontsort: boolean;
  sortby: string | null;
  storekey: string | null;
  gets: string[];
  /** The user may read any key (ACL): BY and GET patterns may name keys of all kinds. */
  readonly anyKey: boolean;
}

const SORT_OPTIONS: readonly Option<SortOptions>[] = [
  { name: 'asc', read: (o) => void (o.desc = false) },
  flag('desc'),
  flag('alpha'),
  limitOption((o, offset, count) => {
    o.limitStart = offset;
    o.limitCount = count;
  }),
  { name: 'store', values: 1, when: (o) => !o.readonly, read: (o, argv, at) => void (o.storekey = argv[at + 1]!) },
  {
    name: 'by',
    values: 1,
    read: (o, argv, at) => {
      o.sortby = argv[at + 1]!;
      // A BY pattern without '*' names one constant key: nothing to sort by.
      if (!cString(o.sortby).includes('*')) o.dontsort = true;
      else if (!o.anyKey) return SORT_BY_ACL_R;
    },
  },
  {
    name: 'get',
    values: 1,
    read: (o, argv, at) => {
      if (!o.anyKey) return SORT_GET_ACL_R;
      o.gets.push(argv[at + 1]!);
    },
  },
];

function sortGeneric(c: Client, argv: string[], readonly: boolean): Reply {
  const opts: SortOptions = {
    readonly,
    desc: false,
    alpha: false,
    limitStart: 0,
    limitCount: -1,
    dontsort: false,
    sortby: null,
    storekey: null,
    gets: [],
    anyKey: c.engine.lateAcl().mayReadAnyKey(c.user, c.engine.lookupCommand(argv)!, argv),
  };
  const parsed = parseOptions(argv, 2, SORT_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  const { desc, limitStart, limitCount, storekey, gets } = opts;
  let { alpha, dontsort, sortby } = opts;

  const found = lookupRead(c, argv[1]!);
  if (found !== undefined && found.type !== 'list' && found.type !== 'set' && found.type !== 'zset') {
    return WRONGTYPE_R;
  }
  const sortval: ListObj | SetObj | ZSetObj | undefined = found;
  // Unsorted set members would make STORE's result (and a script's) depend on hash order:
  // sort them as ALPHA does.
  if (dontsort && sortval?.type === 'set' && (storekey !== null || c.script)) {
    dontsort = false;
    alpha = true;
    sortby = null;
  }
  // SORT turns a listpack sorted set into a skiplist for good (zsetConvert), even SORT_RO.
  if (sortval?.type === 'zset') sortval.enc = 'skiplist';

  const vectorlen = sortval === undefined ? 0 : sortval.type === 'list' ? sortval.value.length : sortval.value.size;

  // LIMIT sanity, as Redis clamps it.
  let start = Math.min(Math.max(limitStart, 0), vectorlen);
  const count = Math.min(Math.max(limitCount, -1), vectorlen);
  let end = count < 0 ? vectorlen - 1 : start + count - 1;
  if (start >= vectorlen) {
    start = vectorlen - 1;
    end = vectorlen - 2;
  }
  if (end >= vectorlen) end = vectorlen - 1;

  const vector: SortItem[] = [];
  const item = (obj: string): SortItem => ({ obj, score: 0, cmp: null });
  if (sortval === undefined) {
    // A missing key sorts like an empty list.
  } else if (sortval.type === 'list') {
    const list = sortval.value;
    if (dontsort) {
      // The list's own order (reversed for DESC), only the LIMIT window.
      if (end >= start) {
        const want = end - start + 1;
        list.forEachFrom(desc ? list.length - start - 1 : start, desc, (v) => {
          vector.push(item(v));
          return vector.length < want;
        });
        end -= start;
        start = 0;
      }
    } else {
      list.forEachFrom(0, false, (v) => {
        vector.push(item(v));
      });
    }
  } else if (sortval.type === 'set') {
    for (const m of setMembers(sortval)) vector.push(item(m));
  } else if (dontsort) {
    // A sorted set keeps its order (reversed for DESC); LIMIT counts ranks.
    const z = sortval.value;
    const rangelen = start !== 0 || end !== vectorlen - 1 ? end - start + 1 : vectorlen;
    if (rangelen > 0) {
      z.walk(desc ? z.size - start - 1 : start, desc, (member) => {
        vector.push(item(member));
        return vector.length < rangelen;
      });
    }
    end -= start;
    start = 0;
  } else {
    for (const [member] of sortval.value) vector.push(item(member));
  }

  let conversionError = false;
  if (!dontsort) {
    const n = vector.length;
    for (let j = 0; j < n; j++) {
      const it = vector[j]!;
      let byval: string | null;
      if (sortby !== null) {
        byval = lookupByPattern(c, sortby, it.obj);
        if (byval === null) continue;
      } else {
        byval = it.obj;
      }
      if (alpha) {
        if (sortby !== null) it.cmp = byval;
      } else {
        const score = sortScore(byval);
        if (score === null) conversionError = true;
        else it.score = score;
      }
    }
    if (!conversionError) {
      const cmp = comparator(alpha, sortby !== null, storekey !== null, desc);
      if (sortby !== null && (start !== 0 || end !== n - 1)) pqsort(vector, cmp, start, end);
      else vector.sort(cmp);
    }
  }

  const span = end - start + 1;
  const outputlen = gets.length > 0 ? gets.length * span : span;
  if (conversionError) return SCORES_R;

  if (storekey === null) {
    const out: Reply[] = [];
    for (let j = start; j <= end; j++) {
      const obj = vector[j]!.obj;
      if (gets.length === 0) out.push({ t: 'bulk', v: obj });
      for (const pattern of gets) {
        const val = lookupByPattern(c, pattern, obj);
        out.push(val === null ? NIL : { t: 'bulk', v: val });
      }
    }
    return array(out);
  }

  const items = new Deque<string>();
  for (let j = start; j <= end; j++) {
    const obj = vector[j]!.obj;
    if (gets.length === 0) items.pushBack(obj);
    for (const pattern of gets) items.pushBack(lookupByPattern(c, pattern, obj) ?? '');
  }
  const engine = c.engine;
  const db = c.db;
  if (outputlen > 0) {
    const list: ListObj = { type: 'list', value: items };
    setKey(c, db, storekey, list);
    engine.notify('l', 'sortstore', storekey, db);
  } else if (deleteKey(engine, db, storekey)) {
    engine.notify('g', 'del', storekey, db);
  }
  return int(outputlen);
}

export function sortCommand(c: Client, argv: string[]): Reply {
  return sortGeneric(c, argv, false);
}

export function sortRoCommand(c: Client, argv: string[]): Reply {
  return sortGeneric(c, argv, true);
}
