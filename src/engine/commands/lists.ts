// The LIST group (Redis's t_list.c): pushes, pops, ranges, positional reads and writes, LPOS,
// LINSERT, LREM, LTRIM, LMOVE/RPOPLPUSH and LMPOP. A list is a Deque of byte strings; Redis 7.0
// always reports the 'quicklist' encoding. Empty lists never exist: the command that empties one
// deletes the key (with the 'del' event), as Redis does.
//
// The pop/move bodies are exported (popRangeWithKey, lmoveHandlePush, lmoveGeneric,
// listElementsRemoved, parseMpopArgs, mpopGeneric) so that the blocking variants can serve a
// blocked client with the very same logic, as Redis's serveClientBlockedOnList does.
//
// Redis's server.dirty is kept exactly: signalModifiedKey counts one change, and the commands
// that count more or fewer (one per pushed or removed element) correct the total.

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key, keyRange, keyNum } from '../command-decl.js';
import type { Database } from '../database.js';
import { Deque } from '../ds/deque.js';
import type { Engine } from '../engine.js';
import * as E from '../../shared/errors.js';
import { addKey, lookupWrite } from '../keyspace.js';
import { parseIntArg, parseIntPair } from '../numbers.js';
import { type ListObj, type RObj } from '../objects.js';
import { EMPTY_ARRAY, error, int, NIL, NIL_ARRAY, OK, ZERO, type Reply } from '../../shared/reply.js';
import { isOpt } from '../../shared/args.js';
import { minIntOption, oneOf, parseOptions, type Option } from '../options.js';
import { mayBlock, parseTimeout, type ServeStep } from '../blocking.js';
import { rankRange } from '../ranks.js';
import { readOfType, sizeCommand, writeOfType } from './collections.js';
import { COUNT_NOT_POSITIVE_R, MUST_BE_POSITIVE_R, NOT_INTEGER_R, NUMKEYS_NOT_POSITIVE_R, SYNTAX_R, WRONGTYPE_R } from '../error-replies.js';

// ---- shared replies and helpers ------------------------------------------------------------

const NO_SUCH_KEY_R = error(E.NO_SUCH_KEY);
const INDEX_OUT_OF_RANGE_R = error(E.INDEX_OUT_OF_RANGE);
const LPOS_RANK_ZERO_R = error(E.LPOS_RANK_ZERO);
const LPOS_COUNT_NEGATIVE_R = error(E.LPOS_COUNT_NEGATIVE);
const LPOS_MAXLEN_NEGATIVE_R = error(E.LPOS_MAXLEN_NEGATIVE);
const MINUS_ONE: Reply = int(-1);

/** Which end of a list (Redis's LIST_HEAD / LIST_TAIL). */
export type ListEnd = 'left' | 'right';

/** LONG_MIN as a JS number: -2^63 is exact in binary64. */
const LONG_MIN_TEXT = '-9223372036854775808';

function bulkOf(v: string): Reply {
  return { t: 'bulk', v };
}

const LIST_ENDS: readonly ListEnd[] = ['right', 'left'];

/** getListPositionFromObjectOrReply: LEFT or RIGHT, else null (a syntax error). */
export function parseListEnd(arg: string): ListEnd | null {
  return oneOf(arg, LIST_ENDS);
}

/** A new, empty list object (createQuicklistObject). */
export function createList(): ListObj {
  return { type: 'list', value: new Deque<string>() };
}

/** Redis's server.dirty grows by `n` where our signalModifiedKey already counted `counted`. */
function addDirty(engine: Engine, n: number, counted: number): void {
  if (n !== counted) engine.changesSinceLastSave += n - counted;
}

/** The [LR]POP a pop from `end` propagates as, with a count when it had one (capped at the length). */
function popAs(end: ListEnd, key: string, count: number, length: number): string[] {
  const argv = [end === 'left' ? 'LPOP' : 'RPOP', key];
  if (count !== -1) argv.push(String(count > length ? length : count));
  return argv;
}

/** Deletes the key of a list that just became empty, with Redis's 'del' event. */
function deleteIfEmpty(engine: Engine, db: Database, key: string, o: ListObj): boolean {
  if (o.value.length !== 0) return false;
  db.remove(key);
  engine.notify('g', 'del', key, db);
  return true;
}

/**
 * listElementsRemoved: after `count` elements were popped from `o` at `key` (in the client's
 * database): the lpop/rpop event, deletion of an emptied list, WATCH and dirty. Returns true
 * when the key was deleted.
 */
export function listElementsRemoved(c: Client, key: string, end: ListEnd, o: ListObj, count: number): boolean {
  const engine = c.engine;
  const db = c.db;
  engine.notify('l', end === 'left' ? 'lpop' : 'rpop', key, db);
  const deleted = deleteIfEmpty(engine, db, key, o);
  engine.signalModifiedKey(db, key);
  addDirty(engine, count, 1);
  return deleted;
}

/**
 * Removes up to `count` (≥ 1) elements from one end of a non-empty list and returns them in
 * the order they were popped (addListRangeReply + listTypeDelRange). No events.
 */
function popRange(dq: Deque<string>, end: ListEnd, count: number): Reply[] {
  const n = count < dq.length ? count : dq.length;
  const out: Reply[] = new Array<Reply>(n);
  if (end === 'left') for (let i = 0; i < n; i++) out[i] = bulkOf(dq.popFront()!);
  else for (let i = 0; i < n; i++) out[i] = bulkOf(dq.popBack()!);
  return out;
}

/**
 * listPopRangeAndReplyWithKey: pops up to `count` elements from the non-empty list `o` at `key`
 * and returns [key, [elements]], with the events, deletion and dirty of a pop.
 */
export function popRangeWithKey(c: Client, o: ListObj, key: string, end: ListEnd, count: number): Reply {
  const items = popRange(o.value, end, count);
  listElementsRemoved(c, key, end, o, items.length);
  return { t: 'array', v: [bulkOf(key), { t: 'array', v: items }] };
}

/**
 * lmoveHandlePush: pushes `value` on the destination (created when `dst` is undefined, which
 * must mean the key is absent) with the lpush/rpush event. The caller replies with the value.
 */
export function lmoveHandlePush(c: Client, dstKey: string, dst: ListObj | undefined, value: string, end: ListEnd): void {
  const engine = c.engine;
  const db = c.db;
  if (dst === undefined) {
    dst = createList();
    addKey(engine, db, dstKey, dst);
  }
  engine.signalModifiedKey(db, dstKey);
  if (end === 'left') dst.value.pushFront(value);
  else dst.value.pushBack(value);
  engine.notify('l', end === 'left' ? 'lpush' : 'rpush', dstKey, db);
}

/**
 * lmoveGenericCommand: pops from one end of `src`, pushes on one end of `dst` (possibly the same
 * list: a rotation) and returns the element; NIL when `src` does not exist.
 */
export function lmoveGeneric(c: Client, src: string, dst: string, from: ListEnd, to: ListEnd): Reply {
  const sobj = writeOfType(c, src, 'list', NIL);
  if ('t' in sobj) return sobj;
  const dobj = lookupWrite(c, dst);
  if (dobj !== undefined && dobj.type !== 'list') return WRONGTYPE_R;
  const engine = c.engine;
  const db = c.db;
  const dq = sobj.value;
  const value = (from === 'left' ? dq.popFront() : dq.popBack())!;
  lmoveHandlePush(c, dst, dobj, value, to);
  engine.notify('l', from === 'left' ? 'lpop' : 'rpop', src, db);
  deleteIfEmpty(engine, db, src, sobj);
  engine.signalModifiedKey(db, src);
  addDirty(engine, 1, 2);
  return bulkOf(value);
}

// ---- LPUSH / RPUSH / LPUSHX / RPUSHX ---------------------------------------------------------

/** pushGenericCommand; `xx` for the X variants (push only onto an existing list). */
function pushGeneric(c: Client, argv: string[], end: ListEnd, xx: boolean): Reply {
  const key = argv[1]!;
  const engine = c.engine;
  const db = c.db;
  let o: RObj | undefined = lookupWrite(c, key);
  if (o === undefined) {
    if (xx) return ZERO;
    o = createList();
    addKey(engine, db, key, o);
  } else if (o.type !== 'list') {
    return WRONGTYPE_R;
  }
  const dq = o.value;
  const argc = argv.length;
  if (end === 'left') for (let j = 2; j < argc; j++) dq.pushFront(argv[j]!);
  else for (let j = 2; j < argc; j++) dq.pushBack(argv[j]!);
  engine.signalModifiedKey(db, key);
  addDirty(engine, argc - 2, 1);
  engine.notify('l', end === 'left' ? 'lpush' : 'rpush', key, db);
  return int(dq.length);
}

// ---- LPOP / RPOP -------------------------------------------------------------------------------

/** popGenericCommand: LPOP/RPOP key [count]. */
function popGeneric(c: Client, argv: string[], end: ListEnd): Reply {
  const argc = argv.length;
  if (argc > 3) return error(E.wrongArity(end === 'left' ? 'lpop' : 'rpop'));
  const hasCount = argc === 3;
  let count = 0;
  if (hasCount) {
    const n = parseIntArg(argv[2]!);
    if (n === null || n < 0) return MUST_BE_POSITIVE_R;
    count = n;
  }
  const key = argv[1]!;
  const o = writeOfType(c, key, 'list', hasCount ? NIL_ARRAY : NIL);
  if ('t' in o) return o;
  if (hasCount && count === 0) return EMPTY_ARRAY;
  if (!hasCount) {
    const dq = o.value;
    const value = (end === 'left' ? dq.popFront() : dq.popBack())!;
    listElementsRemoved(c, key, end, o, 1);
    return bulkOf(value);
  }
  const items = popRange(o.value, end, count);
  listElementsRemoved(c, key, end, o, items.length);
  return { t: 'array', v: items };
}

// ---- reads: LLEN, LINDEX, LRANGE, LPOS ---------------------------------------------------------

const llenCommand = sizeCommand('list', (o) => o.value.length);

/** LINDEX: the key is looked up (and type-checked) before the index is parsed, as in Redis. */
function lindexCommand(c: Client, argv: string[]): Reply {
  const o = readOfType(c, argv[1]!, 'list', NIL);
  if ('t' in o) return o;
  let index = parseIntArg(argv[2]!);
  if (index === null) return NOT_INTEGER_R;
  const dq = o.value;
  if (index < 0) index += dq.length;
  const v = dq.get(index);
  return v === undefined ? NIL : bulkOf(v);
}

/** addListRangeReply for LRANGE: inclusive indexes, negative from the tail, clamped. */
function lrangeCommand(c: Client, argv: string[]): Reply {
  const indexes = parseIntPair(argv, 2);
  if (indexes === null) return NOT_INTEGER_R;
  const [start, end] = indexes;
  const o = readOfType(c, argv[1]!, 'list', EMPTY_ARRAY);
  if ('t' in o) return o;
  const dq = o.value;
  const range = rankRange(start, end, dq.length);
  if (range === null) return EMPTY_ARRAY;
  const n = range.end - range.start + 1;
  const out: Reply[] = new Array<Reply>(n);
  for (let i = 0; i < n; i++) out[i] = bulkOf(dq.get(range.start + i)!);
  return { t: 'array', v: out };
}

/** LPOS's options; count -1: no COUNT option. */
interface LposOptions {
  rank: number;
  /** RANK was LONG_MIN, which Redis cannot negate. */
  rankIsLongMin: boolean;
  count: number;
  maxlen: number;
}

const LPOS_OPTIONS: readonly Option<LposOptions>[] = [
  {
    name: 'rank',
    values: 1,
    read: (o, argv, at) => {
      const arg = argv[at + 1]!;
      const n = parseIntArg(arg);
      if (n === null) return NOT_INTEGER_R;
      if (n === 0) return LPOS_RANK_ZERO_R;
      o.rank = n;
      o.rankIsLongMin = arg === LONG_MIN_TEXT;
    },
  },
  minIntOption('count', 0, LPOS_COUNT_NEGATIVE_R),
  minIntOption('maxlen', 0, LPOS_MAXLEN_NEGATIVE_R),
];

/** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]. */
function lposCommand(c: Client, argv: string[]): Reply {
  const opts: LposOptions = { rank: 1, rankIsLongMin: false, count: -1, maxlen: 0 };
  const parsed = parseOptions(argv, 3, LPOS_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  let { rank, count } = opts;
  const { maxlen, rankIsLongMin } = opts;
  // A negative rank searches from the tail. Redis negates a long: -LONG_MIN stays LONG_MIN, so
  // every match then counts as "at or past the rank" and the COUNT limit is never reached.
  let reverse = false;
  if (rank < 0) {
    reverse = true;
    if (rankIsLongMin) {
      rank = 1;
      if (count > 0) count = 0;
    } else {
      rank = -rank;
    }
  }
  const o = readOfType(c, argv[1]!, 'list', count !== -1 ? EMPTY_ARRAY : NIL);
  if ('t' in o) return o;
  const ele = argv[2]!;
  const dq = o.value;
  const llen = dq.length;
  const limit = maxlen === 0 || maxlen > llen ? llen : maxlen;
  let matches = 0;
  if (count === -1) {
    for (let index = 0; index < limit; index++) {
      const i = reverse ? llen - index - 1 : index;
      if (dq.get(i) === ele && ++matches >= rank) return int(i);
    }
    return NIL;
  }
  const out: Reply[] = [];
  for (let index = 0; index < limit; index++) {
    const i = reverse ? llen - index - 1 : index;
    if (dq.get(i) === ele && ++matches >= rank) {
      out.push(int(i));
      if (count !== 0 && matches - rank + 1 >= count) break;
    }
  }
  return { t: 'array', v: out };
}

// ---- writes in place: LSET, LINSERT, LREM, LTRIM -------------------------------------------

/** LSET: a missing key is "no such key"; the index is parsed after the type check. */
function lsetCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const o = writeOfType(c, key, 'list', NO_SUCH_KEY_R);
  if ('t' in o) return o;
  let index = parseIntArg(argv[2]!);
  if (index === null) return NOT_INTEGER_R;
  const dq = o.value;
  if (index < 0) index += dq.length;
  if (!dq.set(index, argv[3]!)) return INDEX_OUT_OF_RANGE_R;
  const engine = c.engine;
  engine.signalModifiedKey(c.db, key);
  engine.notify('l', 'lset', key, c.db);
  return OK;
}

/** LINSERT key BEFORE|AFTER pivot element: -1 without the pivot, 0 without the key. */
function linsertCommand(c: Client, argv: string[]): Reply {
  const whereArg = argv[2]!;
  let after: boolean;
  if (isOpt(whereArg, 'after')) after = true;
  else if (isOpt(whereArg, 'before')) after = false;
  else return SYNTAX_R;
  const key = argv[1]!;
  const o = writeOfType(c, key, 'list', ZERO);
  if ('t' in o) return o;
  const dq = o.value;
  const at = dq.indexOf(argv[3]!);
  if (at < 0) return MINUS_ONE;
  dq.insert(after ? at + 1 : at, argv[4]!);
  const engine = c.engine;
  engine.signalModifiedKey(c.db, key);
  engine.notify('l', 'linsert', key, c.db);
  return int(dq.length);
}

/** LREM key count element: count > 0 from the head, < 0 from the tail, 0 all. */
function lremCommand(c: Client, argv: string[]): Reply {
  const toRemove = parseIntArg(argv[2]!);
  if (toRemove === null) return NOT_INTEGER_R;
  const key = argv[1]!;
  const o = writeOfType(c, key, 'list', ZERO);
  if ('t' in o) return o;
  // Removing "all" from either end is the same result, so LONG_MIN (which Redis cannot negate)
  // needs no special case.
  const removed = o.value.removeValue(argv[3]!, toRemove);
  const engine = c.engine;
  const db = c.db;
  if (removed !== 0) {
    engine.signalModifiedKey(db, key);
    addDirty(engine, removed, 1);
    engine.notify('l', 'lrem', key, db);
  }
  deleteIfEmpty(engine, db, key, o);
  return int(removed);
}

/** LTRIM key start stop: keeps the inclusive range; always fires 'ltrim' on an existing list. */
function ltrimCommand(c: Client, argv: string[]): Reply {
  const range = parseIntPair(argv, 2);
  if (range === null) return NOT_INTEGER_R;
  const [start, end] = range;
  const key = argv[1]!;
  const o = writeOfType(c, key, 'list', OK);
  if ('t' in o) return o;
  const dq = o.value;
  const llen = dq.length;
  // An empty range trims everything.
  const keep = rankRange(start, end, llen) ?? { start: llen, end: llen - 1 };
  const removed = llen - (keep.end - keep.start + 1);
  if (removed !== 0) dq.trim(keep.start, keep.end + 1);
  const engine = c.engine;
  const db = c.db;
  engine.notify('l', 'ltrim', key, db);
  deleteIfEmpty(engine, db, key, o);
  engine.signalModifiedKey(db, key);
  addDirty(engine, removed, 1);
  return OK;
}

// ---- LMOVE / RPOPLPUSH / LMPOP ---------------------------------------------------------------

function lmoveCommand(c: Client, argv: string[]): Reply {
  const from = parseListEnd(argv[3]!);
  if (from === null) return SYNTAX_R;
  const to = parseListEnd(argv[4]!);
  if (to === null) return SYNTAX_R;
  return lmoveGeneric(c, argv[1]!, argv[2]!, from, to);
}

function rpoplpushCommand(c: Client, argv: string[]): Reply {
  return lmoveGeneric(c, argv[1]!, argv[2]!, 'right', 'left');
}

/** The parsed arguments of LMPOP / BLMPOP: keys are argv[firstKey .. firstKey + numkeys). */
export interface MpopArgs {
  firstKey: number;
  numkeys: number;
  end: ListEnd;
  count: number;
}

/** LMPOP's one option, COUNT (-1 until given; a second COUNT is a syntax error). */
const MPOP_OPTIONS: readonly Option<{ count: number }>[] = [minIntOption('count', 1, COUNT_NOT_POSITIVE_R, (o) => o.count === -1)];

/**
 * lmpopGenericCommand's parsing: numkeys at argv[numkeysIdx], then the keys, LEFT|RIGHT and an
 * optional COUNT (once). Returns the arguments or the error reply.
 */
export function parseMpopArgs(argv: readonly string[], numkeysIdx: number): MpopArgs | Reply {
  const argc = argv.length;
  const numkeys = parseIntArg(argv[numkeysIdx]!);
  if (numkeys === null || numkeys < 1) return NUMKEYS_NOT_POSITIVE_R;
  const whereIdx = numkeysIdx + numkeys + 1;
  if (whereIdx >= argc) return SYNTAX_R;
  const end = parseListEnd(argv[whereIdx]!);
  if (end === null) return SYNTAX_R;
  const opts = { count: -1 };
  const parsed = parseOptions(argv, whereIdx + 1, MPOP_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  return { firstKey: numkeysIdx + 1, numkeys, end, count: opts.count === -1 ? 1 : opts.count };
}

/**
 * mpopGenericCommand: pops from the first non-empty list among the keys; [key, [elements]], or
 * NIL_ARRAY when every key is missing. A key of another type answers WRONGTYPE when reached.
 */
export function mpopGeneric(c: Client, argv: readonly string[], args: MpopArgs): Reply {
  const last = args.firstKey + args.numkeys;
  for (let j = args.firstKey; j < last; j++) {
    const key = argv[j]!;
    const o = lookupWrite(c, key);
    if (o === undefined) continue;
    if (o.type !== 'list') return WRONGTYPE_R;
    if (o.value.length === 0) continue;
    c.engine.rewrite(c, popAs(args.end, key, args.count, o.value.length));
    return popRangeWithKey(c, o, key, args.end, args.count);
  }
  return NIL_ARRAY;
}

function lmpopCommand(c: Client, argv: string[]): Reply {
  const args = parseMpopArgs(argv, 1);
  if ('t' in args) return args;
  return mpopGeneric(c, argv, args);
}

/** Key positions of LMPOP (numkeys at argv[1]); for callers that cannot read the key spec. */
function lmpopKeys(argv: readonly string[]): number[] {
  const n = parseIntArg(argv[1] ?? '');
  if (n === null || n < 1 || n + 2 > argv.length) return [];
  const keys: number[] = [];
  for (let i = 0; i < n; i++) keys.push(2 + i);
  return keys;
}

// ---- BLPOP / BRPOP / BLMPOP / BLMOVE / BRPOPLPUSH (blocking) ------------------------------------

/**
 * serveClientBlockedOnList for BLPOP / BRPOP: pops one element of the ready list and answers
 * [key, element]. Like Redis, only the pop event and the deletion of an emptied list: the push
 * that made the key ready already signalled the change.
 */
function servePopStep(end: ListEnd): ServeStep {
  return (c, key, o) => {
    const dq = (o as ListObj).value;
    const engine = c.engine;
    engine.propagation.add(c.db.id, popAs(end, key, -1, dq.length));
    const value = (end === 'left' ? dq.popFront() : dq.popBack())!;
    engine.notify('l', end === 'left' ? 'lpop' : 'rpop', key, c.db);
    deleteIfEmpty(engine, c.db, key, o as ListObj);
    return { t: 'array', v: [bulkOf(key), bulkOf(value)] };
  };
}

const SERVE_LPOP = servePopStep('left');
const SERVE_RPOP = servePopStep('right');

/** serveClientBlockedOnList for BLMPOP: up to `count` elements, [key, [elements]]. */
function serveMpopStep(end: ListEnd, count: number): ServeStep {
  return (c, key, o) => {
    c.engine.propagation.add(c.db.id, popAs(end, key, count, (o as ListObj).value.length));
    return popRangeWithKey(c, o as ListObj, key, end, count);
  };
}

/**
 * serveClientBlockedOnList for BLMOVE / BRPOPLPUSH: moves one element to `dst` and answers it;
 * a destination of another type answers WRONGTYPE and leaves the source as it is.
 */
function serveMoveStep(dst: string, from: ListEnd, to: ListEnd, rpoplpush: boolean): ServeStep {
  return (c, key, o) => {
    const dobj = lookupWrite(c, dst);
    if (dobj !== undefined && dobj.type !== 'list') return WRONGTYPE_R;
    const src = o as ListObj;
    const value = (from === 'left' ? src.value.popFront() : src.value.popBack())!;
    lmoveHandlePush(c, dst, dobj, value, to);
    const engine = c.engine;
    engine.propagation.add(c.db.id, rpoplpush ? ['RPOPLPUSH', key, dst] : ['LMOVE', key, dst, from, to]);
    // Redis's served BLMOVE changes no server.dirty (its signalModifiedKey counts none).
    addDirty(engine, 0, 1);
    engine.notify('l', from === 'left' ? 'lpop' : 'rpop', key, c.db);
    deleteIfEmpty(engine, c.db, key, src);
    return bulkOf(value);
  };
}

/**
 * blockingPopGenericCommand: the keys are argv[first .. first + numkeys); the first non-empty
 * list is popped at once (one element, or up to `count` for BLMPOP), else the client blocks.
 * `count` is -1 for BLPOP / BRPOP.
 */
function blockingPop(c: Client, argv: string[], first: number, numkeys: number, end: ListEnd, timeoutIdx: number, count: number): Reply | null {
  const deadline = parseTimeout(c, argv[timeoutIdx]!);
  if (typeof deadline !== 'number') return deadline;
  const last = first + numkeys;
  for (let j = first; j < last; j++) {
    const key = argv[j]!;
    const o = lookupWrite(c, key);
    if (o === undefined) continue;
    if (o.type !== 'list') return WRONGTYPE_R;
    if (o.value.length === 0) continue;
    // Propagated as the [LR]POP it amounts to, never as a blocking command.
    c.engine.rewrite(c, popAs(end, key, count, o.value.length));
    if (count !== -1) return popRangeWithKey(c, o, key, end, count);
    const dq = o.value;
    const value = (end === 'left' ? dq.popFront() : dq.popBack())!;
    listElementsRemoved(c, key, end, o, 1);
    return { t: 'array', v: [bulkOf(key), bulkOf(value)] };
  }
  // Inside EXEC a blocking command answers as if it timed out.
  if (!mayBlock(c)) return NIL_ARRAY;
  const serve = count !== -1 ? serveMpopStep(end, count) : end === 'left' ? SERVE_LPOP : SERVE_RPOP;
  return c.engine.blocking.block(c, 'list', argv.slice(first, last), deadline, argv, serve);
}

function blpopCommand(c: Client, argv: string[]): Reply | null {
  return blockingPop(c, argv, 1, argv.length - 2, 'left', argv.length - 1, -1);
}

function brpopCommand(c: Client, argv: string[]): Reply | null {
  return blockingPop(c, argv, 1, argv.length - 2, 'right', argv.length - 1, -1);
}

/** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: arguments first, then the timeout. */
function blmpopCommand(c: Client, argv: string[]): Reply | null {
  const args = parseMpopArgs(argv, 2);
  if ('t' in args) return args;
  return blockingPop(c, argv, args.firstKey, args.numkeys, args.end, 1, args.count);
}

/** blmoveGenericCommand: LMOVE at once when the source holds a list, else block on it. */
function blmoveGeneric(c: Client, argv: string[], from: ListEnd, to: ListEnd, timeoutArg: string): Reply | null {
  const deadline = parseTimeout(c, timeoutArg);
  if (typeof deadline !== 'number') return deadline;
  const src = argv[1]!;
  const o = lookupWrite(c, src);
  if (o !== undefined && o.type !== 'list') return WRONGTYPE_R;
  const rpoplpush = argv.length === 4;
  if (o !== undefined) {
    c.engine.rewrite(c, rpoplpush ? ['RPOPLPUSH', src, argv[2]!] : ['LMOVE', src, argv[2]!, argv[3]!, argv[4]!]);
    return lmoveGeneric(c, src, argv[2]!, from, to);
  }
  if (!mayBlock(c)) return NIL;
  return c.engine.blocking.block(c, 'list', [src], deadline, argv, serveMoveStep(argv[2]!, from, to, rpoplpush));
}

function blmoveCommand(c: Client, argv: string[]): Reply | null {
  const from = parseListEnd(argv[3]!);
  if (from === null) return SYNTAX_R;
  const to = parseListEnd(argv[4]!);
  if (to === null) return SYNTAX_R;
  return blmoveGeneric(c, argv, from, to, argv[5]!);
}

function brpoplpushCommand(c: Client, argv: string[]): Reply | null {
  return blmoveGeneric(c, argv, 'right', 'left', argv[3]!);
}

// ---- the table -----------------------------------------------------------------------------------

const command = commandGroup('list', 'list');

// One line a command, so the table reads as a table.
// prettier-ignore
export const listCommands: CommandSpec[] = [
  command('lpush', -3, 'write denyoom fast', [key(1, 'RW insert')], (c, argv) => pushGeneric(c, argv, 'left', false), { since: '1.0.0', complexity: 'O(1) per element pushed', summary: 'Add elements at the head of a list, creating it if needed; returns the new length', syntax: 'key element [element ...]' }),
  command('rpush', -3, 'write denyoom fast', [key(1, 'RW insert')], (c, argv) => pushGeneric(c, argv, 'right', false), { since: '1.0.0', complexity: 'O(1) per element pushed', summary: 'Add elements at the tail of a list, creating it if needed; returns the new length', syntax: 'key element [element ...]' }),
  command('lpushx', -3, 'write denyoom fast', [key(1, 'RW insert')], (c, argv) => pushGeneric(c, argv, 'left', true), { since: '2.2.0', complexity: 'O(1) per element pushed', summary: 'Add elements at the head of a list only if the list already exists', syntax: 'key element [element ...]' }),
  command('rpushx', -3, 'write denyoom fast', [key(1, 'RW insert')], (c, argv) => pushGeneric(c, argv, 'right', true), { since: '2.2.0', complexity: 'O(1) per element pushed', summary: 'Add elements at the tail of a list only if the list already exists', syntax: 'key element [element ...]' }),
  command('lpop', -2, 'write fast', [key(1, 'RW access delete')], (c, argv) => popGeneric(c, argv, 'left'), { since: '1.0.0', complexity: 'O(N) in the number of elements returned', summary: 'Remove and return the first element of a list, or the first count elements', syntax: 'key [count]' }),
  command('rpop', -2, 'write fast', [key(1, 'RW access delete')], (c, argv) => popGeneric(c, argv, 'right'), { since: '1.0.0', complexity: 'O(N) in the number of elements returned', summary: 'Remove and return the last element of a list, or the last count elements', syntax: 'key [count]' }),
  command('llen', 2, 'readonly fast', [key(1, 'RO')], llenCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Number of elements in a list (0 when the key does not exist)', syntax: 'key' }),
  command('lindex', 3, 'readonly', [key(1, 'RO access')], lindexCommand, { since: '1.0.0', complexity: 'O(1) here (a ring buffer); O(N) in Redis', summary: 'The element at a position of a list (negative positions count from the tail)', syntax: 'key index' }),
  command('lrange', 4, 'readonly', [key(1, 'RO access')], lrangeCommand, { since: '1.0.0', complexity: 'O(N) in the number of elements returned', summary: 'The elements between two positions of a list, both included', syntax: 'key start stop' }),
  command('lpos', -3, 'readonly', [key(1, 'RO access')], lposCommand, { since: '6.0.6', complexity: 'O(N) in the elements scanned', summary: 'Positions of an element in a list, searching from either end, optionally several', syntax: 'key element [RANK rank] [COUNT num-matches] [MAXLEN len]' }),
  command('lset', 4, 'write denyoom', [key(1, 'RW update')], lsetCommand, { since: '1.0.0', complexity: 'O(1) here (a ring buffer); O(N) in Redis', summary: 'Replace the element at a position of an existing list', syntax: 'key index element' }),
  command('linsert', 5, 'write denyoom', [key(1, 'RW insert')], linsertCommand, { since: '2.2.0', complexity: 'O(N) in the distance to the pivot', summary: 'Insert an element just before or after the first occurrence of a pivot element', syntax: 'key BEFORE|AFTER pivot element' }),
  command('lrem', 4, 'write', [key(1, 'RW delete')], lremCommand, { since: '1.0.0', complexity: 'O(N) in the length of the list', summary: 'Remove occurrences of an element: count > 0 from the head, < 0 from the tail, 0 all', syntax: 'key count element' }),
  command('ltrim', 4, 'write', [key(1, 'RW delete')], ltrimCommand, { since: '1.0.0', complexity: 'O(N) in the number of elements removed', summary: 'Keep only the elements between two positions of a list, dropping the rest', syntax: 'key start stop' }),
  command('lmove', 5, 'write denyoom', [key(1, 'RW access delete'), key(2, 'RW insert')], lmoveCommand, { since: '6.2.0', complexity: 'O(1)', summary: 'Pop an element from one end of a list and push it on one end of another (or the same) list', syntax: 'source destination LEFT|RIGHT LEFT|RIGHT' }),
  command('rpoplpush', 3, 'write denyoom', [key(1, 'RW access delete'), key(2, 'RW insert')], rpoplpushCommand, { since: '1.2.0', complexity: 'O(1)', summary: 'Pop the last element of a list and push it at the head of another (deprecated: LMOVE RIGHT LEFT)', syntax: 'source destination' }),
  command('lmpop', -4, 'write', [keyNum(1, 'RW access delete')], lmpopCommand, { since: '7.0.0', complexity: 'O(N + M): N keys looked at, M elements popped', summary: 'Pop one or more elements from one end of the first non-empty list among several keys', syntax: 'numkeys key [key ...] LEFT|RIGHT [COUNT count]', getKeys: lmpopKeys }),
  command('blpop', -3, 'write noscript blocking', [keyRange(1, -2, 1, 'RW access delete')], blpopCommand, { since: '2.0.0', complexity: 'O(N) in the number of keys', summary: 'Pop the first element of the first non-empty list among the keys, waiting up to timeout seconds for one', syntax: 'key [key ...] timeout' }),
  command('brpop', -3, 'write noscript blocking', [keyRange(1, -2, 1, 'RW access delete')], brpopCommand, { since: '2.0.0', complexity: 'O(N) in the number of keys', summary: 'Pop the last element of the first non-empty list among the keys, waiting up to timeout seconds for one', syntax: 'key [key ...] timeout' }),
  command('blmove', 6, 'write denyoom noscript blocking', [key(1, 'RW access delete'), key(2, 'RW insert')], blmoveCommand, { since: '6.2.0', complexity: 'O(1)', summary: 'LMOVE that waits up to timeout seconds for the source list to get an element', syntax: 'source destination LEFT|RIGHT LEFT|RIGHT timeout' }),
  command('brpoplpush', 4, 'write denyoom noscript blocking', [key(1, 'RW access delete'), key(2, 'RW insert')], brpoplpushCommand, { since: '2.2.0', complexity: 'O(1)', summary: 'RPOPLPUSH that waits up to timeout seconds for the source list to get an element (deprecated: BLMOVE RIGHT LEFT)', syntax: 'source destination timeout' }),
  command('blmpop', -5, 'write blocking', [keyNum(2, 'RW access delete')], blmpopCommand, { since: '7.0.0', complexity: 'O(N + M): N keys looked at, M elements popped', summary: 'LMPOP that waits up to timeout seconds for one of the lists to get elements', syntax: 'timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]' }),
];
