// Set algebra of the SORTED SET group (Redis's zunionInterDiffGenericCommand): ZUNION, ZINTER,
// ZDIFF, their STORE variants and ZINTERCARD. Inputs may be sorted sets or plain sets (every
// member of a set scores 1). Scores are combined exactly as Redis combines them, in the same
// order (inputs sorted by size, smallest first, stable), so floating-point sums round alike:
//   - a weighted score that is NaN (inf × 0) counts as 0 where Redis sanitises it,
//   - SUM of +inf and -inf is 0,
//   - in ZINTER the later inputs' weighted scores are not sanitised: MIN/MAX ignore a NaN
//     (comparisons with it are false) and SUM turns the whole sum into 0.

import type { Client } from '../client.js';
import { ZSet } from '../ds/zset.js';
import * as E from '../../shared/errors.js';
import { deleteKey, lookupRead, setKey } from '../keyspace.js';
import { parseDouble, parseIntArg } from '../numbers.js';
import type { SetObj, ZSetObj } from '../objects.js';
import { EMPTY_ARRAY, error, int, ZERO, type Reply } from '../../shared/reply.js';
import { minIntOption, flag, oneOf, parseOptions, type Option } from '../options.js';
import { convertToListpackIfNeeded, pushEntry } from './zsets-core.js';
import { LIMIT_NEGATIVE_R, NOT_INTEGER_R, SYNTAX_R, WRONGTYPE_R } from '../error-replies.js';

const WEIGHT_NOT_FLOAT_R = error(E.WEIGHT_NOT_FLOAT);

const OP_UNION = 0;
const OP_INTER = 1;
const OP_DIFF = 2;

const AGGR_SUM = 0;
const AGGR_MIN = 1;
// 2 is MAX.

/** One input (zsetopsrc): a zset, a set, or nothing (a missing key is an empty input). */
interface Source {
  obj: ZSetObj | SetObj | null;
  weight: number;
  size: number;
}

/** Score of a member in an input (zuiFind), or undefined when absent. Set members score 1. */
function findScore(src: Source, member: string): number | undefined {
  const o = src.obj;
  if (o === null) return undefined;
  if (o.type === 'zset') return o.value.dict.get(member);
  return o.value.has(member) ? 1 : undefined;
}

/** Calls fn(member, score) for every element of an input (zuiNext). */
function forEachIn(src: Source, fn: (member: string, score: number) => boolean | void): void {
  const o = src.obj;
  if (o === null) return;
  if (o.type === 'zset') {
    o.value.walk(0, false, fn);
    return;
  }
  for (const m of o.value) if (fn(m, 1) === false) return;
}

function aggregate(target: number, val: number, how: number): number {
  if (how === AGGR_SUM) {
    const sum = target + val;
    return sum !== sum ? 0 : sum;
  }
  if (how === AGGR_MIN) return val < target ? val : target;
  return val > target ? val : target;
}

/** Builds a zset from member → score pairs in any order. */
function zsetFromMap(acc: Map<string, number>): ZSet {
  const entries = [...acc];
  entries.sort((a, b) => {
    const x = a[1];
    const y = b[1];
    if (x < y) return -1;
    if (x > y) return 1;
    return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  });
  const members = new Array<string>(entries.length);
  const scores = new Array<number>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    members[i] = entries[i]![0];
    scores[i] = entries[i]![1];
  }
  return ZSet.fromSorted(members, scores);
}

/**
 * The options after the keys. `op`, `cardOnly` (ZINTERCARD), `store` (the STORE variants) and
 * `src` (the inputs, whose weights WEIGHTS sets) are the call's context.
 */
interface ZsetOpOptions {
  readonly op: number;
  readonly cardOnly: boolean;
  readonly store: boolean;
  readonly src: Source[];
  aggr: number;
  withscores: boolean;
  limit: number;
}

/** AGGREGATE's words, at the index of their AGGR_ constant (MAX: 2). */
const AGGREGATES = ['sum', 'min', 'max'] as const;

/** WEIGHTS and AGGREGATE are for ZUNION and ZINTER (and their STORE forms) only. */
const combines = (o: ZsetOpOptions): boolean => o.op !== OP_DIFF && !o.cardOnly;

const ZSETOP_OPTIONS: readonly Option<ZsetOpOptions>[] = [
  {
    name: 'weights',
    values: (o) => o.src.length,
    when: combines,
    read: (o, argv, at) => {
      for (let i = 0; i < o.src.length; i++) {
        const w = parseDouble(argv[at + 1 + i]!);
        if (w === null) return WEIGHT_NOT_FLOAT_R;
        o.src[i]!.weight = w;
      }
    },
  },
  {
    name: 'aggregate',
    values: 1,
    when: combines,
    read: (o, argv, at) => {
      const how = oneOf(argv[at + 1]!, AGGREGATES);
      if (how === null) return SYNTAX_R;
      o.aggr = AGGREGATES.indexOf(how);
    },
  },
  flag('withscores', (o) => !o.store && !o.cardOnly),
  minIntOption('limit', 0, LIMIT_NEGATIVE_R, (o) => o.cardOnly),
];

/**
 * zunionInterDiffGenericCommand for the command `name`. `numkeysIdx` is where numkeys sits (1, or 2 after a
 * destination); `dst` is the destination of the STORE variants; `cardOnly` is ZINTERCARD.
 */
function zsetOpGeneric(c: Client, argv: string[], name: string, numkeysIdx: number, dst: string | null, op: number, cardOnly: boolean): Reply {
  const argc = argv.length;
  const setnum = parseIntArg(argv[numkeysIdx]!);
  if (setnum === null) return NOT_INTEGER_R;
  if (setnum < 1) return error(E.atLeastOneInputKey(name));
  if (setnum > argc - (numkeysIdx + 1)) return SYNTAX_R;

  const src: Source[] = new Array<Source>(setnum);
  let j = numkeysIdx + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const o = lookupRead(c, argv[j]!);
    if (o === undefined) {
      src[i] = { obj: null, weight: 1, size: 0 };
    } else if (o.type === 'zset' || o.type === 'set') {
      src[i] = { obj: o, weight: 1, size: o.value.size };
    } else {
      return WRONGTYPE_R;
    }
  }

  const opts: ZsetOpOptions = { op, cardOnly, store: dst !== null, src, aggr: AGGR_SUM, withscores: false, limit: 0 };
  const parsed = parseOptions(argv, j, ZSETOP_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  const { aggr, withscores, limit } = opts;

  // Smallest input first (glibc's qsort is a merge sort here: stable).
  if (op !== OP_DIFF) src.sort((a, b) => a.size - b.size);

  let result: ZSet;
  let maxLen = 0;
  if (op === OP_INTER) {
    const first = src[0]!;
    const acc = cardOnly ? null : new Map<string, number>();
    let cardinality = 0;
    if (first.size > 0) {
      forEachIn(first, (m, s) => {
        let score = first.weight * s;
        if (score !== score) score = 0;
        for (let k = 1; k < setnum; k++) {
          const other = src[k]!;
          const v = other.obj === first.obj ? s : findScore(other, m);
          if (v === undefined) return;
          score = aggregate(score, v * other.weight, aggr);
        }
        if (acc === null) {
          cardinality++;
          return limit === 0 || cardinality < limit;
        }
        acc.set(m, score);
        if (m.length > maxLen) maxLen = m.length;
      });
    }
    if (acc === null) return int(cardinality);
    result = zsetFromMap(acc);
  } else if (op === OP_UNION) {
    const acc = new Map<string, number>();
    for (let i = 0; i < setnum; i++) {
      const s0 = src[i]!;
      if (s0.size === 0) continue;
      const w = s0.weight;
      forEachIn(s0, (m, s) => {
        let score = w * s;
        if (score !== score) score = 0;
        const prev = acc.get(m);
        if (prev === undefined) {
          acc.set(m, score);
          if (m.length > maxLen) maxLen = m.length;
        } else {
          acc.set(m, aggregate(prev, score, aggr));
        }
      });
    }
    result = zsetFromMap(acc);
  } else {
    // ZDIFF: the first input's members found in no other input, with their own scores.
    const first = src[0]!;
    const members: string[] = [];
    const scores: number[] = [];
    if (first.size > 0) {
      let sameAsFirst = false;
      for (let k = 1; k < setnum; k++) if (src[k]!.obj === first.obj) sameAsFirst = true;
      if (!sameAsFirst) {
        forEachIn(first, (m, s) => {
          for (let k = 1; k < setnum; k++) if (findScore(src[k]!, m) !== undefined) return;
          members.push(m);
          scores.push(s);
          if (m.length > maxLen) maxLen = m.length;
        });
      }
    }
    if (first.obj !== null && first.obj.type === 'zset') {
      result = ZSet.fromSorted(members, scores);
    } else {
      // A plain set comes in its own order: sort (every score is 1).
      const acc = new Map<string, number>();
      for (let i = 0; i < members.length; i++) acc.set(members[i]!, scores[i]!);
      result = zsetFromMap(acc);
    }
  }

  if (dst !== null) return storeResult(c, dst, result, maxLen, op);
  const n = result.size;
  if (n === 0) return EMPTY_ARRAY;
  const out: Reply[] = [];
  const nested = withscores && c.resp === 3;
  result.walk(0, false, (m, s) => {
    pushEntry(out, m, s, withscores, nested);
  });
  return { t: 'array', v: out };
}

/** The STORE variants' ending: the result replaces the destination, or deletes it when empty. */
function storeResult(c: Client, dst: string, z: ZSet, maxLen: number, op: number): Reply {
  const engine = c.engine;
  const db = c.db;
  if (z.size > 0) {
    const obj: ZSetObj = { type: 'zset', value: z, enc: 'skiplist' };
    convertToListpackIfNeeded(engine, obj, maxLen);
    setKey(c, db, dst, obj);
    engine.notify('z', op === OP_UNION ? 'zunionstore' : op === OP_INTER ? 'zinterstore' : 'zdiffstore', dst, db);
    return int(z.size);
  }
  // dbDelete: whatever is there goes, even a key whose TTL has just passed.
  if (deleteKey(engine, db, dst)) engine.notify('g', 'del', dst, db);
  return ZERO;
}

export function zunionstoreCommand(c: Client, argv: string[]): Reply {
  return zsetOpGeneric(c, argv, 'zunionstore', 2, argv[1]!, OP_UNION, false);
}

export function zinterstoreCommand(c: Client, argv: string[]): Reply {
  return zsetOpGeneric(c, argv, 'zinterstore', 2, argv[1]!, OP_INTER, false);
}

export function zdiffstoreCommand(c: Client, argv: string[]): Reply {
  return zsetOpGeneric(c, argv, 'zdiffstore', 2, argv[1]!, OP_DIFF, false);
}

export function zunionCommand(c: Client, argv: string[]): Reply {
  return zsetOpGeneric(c, argv, 'zunion', 1, null, OP_UNION, false);
}

export function zinterCommand(c: Client, argv: string[]): Reply {
  return zsetOpGeneric(c, argv, 'zinter', 1, null, OP_INTER, false);
}

export function zintercardCommand(c: Client, argv: string[]): Reply {
  return zsetOpGeneric(c, argv, 'zintercard', 1, null, OP_INTER, true);
}

export function zdiffCommand(c: Client, argv: string[]): Reply {
  return zsetOpGeneric(c, argv, 'zdiff', 1, null, OP_DIFF, false);
}
