// The HASH group (Redis's t_hash.c): HSET and friends, counters, HRANDFIELD and HSCAN.
//
// A hash is a Map field → value (byte strings). Its encoding is only a label that OBJECT
// ENCODING shows, but it decides what learners see: a 'listpack' hash answers HGETALL, HKEYS,
// HVALS and HSCAN in insertion order (a Map's order), a 'hashtable' one in Redis's hash order,
// which nobody can reproduce. A hash starts as 'listpack' and becomes 'hashtable' for good as
// soon as it holds more than hash-max-listpack-entries fields or a write brings a field or value
// longer than hash-max-listpack-value bytes, at the very moments Redis converts
// (hashTypeTryConversion before HSET/HSETNX writes, hashTypeSet for every write).

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key } from '../command-decl.js';
import type { Engine } from '../engine.js';
import * as E from '../../shared/errors.js';
import { globMatcher } from '../../shared/glob.js';
import { addKey, deleteKey, lookupRead, lookupWrite } from '../keyspace.js';
import { addLongDouble, formatLongDoubleHuman, INT64_MAX, INT64_MIN, isFiniteLongDouble, parseInt64, parseIntArg, parseLongDouble } from '../numbers.js';
import type { HashObj } from '../objects.js';
import { bulk, EMPTY_ARRAY, error, int, map, NIL, OK, ONE, ZERO, type Reply } from '../../shared/reply.js';
import { replyCannotFit } from '../output-buffer.js';
import { isOpt } from '../../shared/args.js';
import { collectionScan, readOfType, sizeCommand, writeOfType } from './collections.js';
import { NAN_OR_INF_R, NOT_FLOAT_R, NOT_INTEGER_R, OVERFLOW_R, SYNTAX_R, VALUE_OUT_OF_RANGE_R, WRONGTYPE_R } from '../error-replies.js';

// ---- shared replies and helpers ------------------------------------------------------------

const HASH_NOT_INTEGER_R = error(E.HASH_NOT_INTEGER);
const HASH_NOT_FLOAT_R = error(E.HASH_NOT_FLOAT);
const VALUE_NAN_OR_INF_R = error(E.VALUE_NAN_OR_INF);
const EMPTY_MAP: Reply = map([]);

/** An empty hash, as createHashObject makes it (listpack). */
export function createHash(): HashObj {
  return { type: 'hash', value: new Map(), enc: 'listpack' };
}

/**
 * hashTypeLookupWriteOrCreate: the hash at `key`, created (and added to the keyspace) when
 * missing; undefined when the key holds another type.
 */
function lookupOrCreate(c: Client, key: string): HashObj | undefined {
  const o = lookupWrite(c, key);
  if (o === undefined) {
    const h = createHash();
    addKey(c.engine, c.db, key, h);
    return h;
  }
  return o.type === 'hash' ? o : undefined;
}

/**
 * hashTypeTryConversion: before a write of argv[start..end], a listpack hash becomes a
 * hashtable when any of those arguments is longer than hash-max-listpack-value.
 */
function tryConversion(engine: Engine, h: HashObj, argv: string[], start: number, end: number): void {
  const max = engine.config.hashMaxListpackValue;
  for (let i = start; i <= end; i++) {
    if (argv[i]!.length > max) {
      h.enc = 'hashtable';
      return;
    }
  }
}

/**
 * hashTypeSet: adds or overwrites a field; returns true when the field already existed (an
 * update keeps its place in a listpack). Converts to a hashtable when the field or value is
 * too long for a listpack, or when the listpack now has too many entries.
 */
export function hashSet(engine: Engine, h: HashObj, field: string, value: string): boolean {
  const m = h.value;
  const size = m.size;
  if (h.enc === 'listpack') {
    const cfg = engine.config;
    const max = cfg.hashMaxListpackValue;
    if (field.length > max || value.length > max) h.enc = 'hashtable';
    m.set(field, value);
    if (m.size > cfg.hashMaxListpackEntries) h.enc = 'hashtable';
  } else {
    m.set(field, value);
  }
  return m.size === size;
}

/** After a successful write: WATCH, tracking, and the keyspace event Redis sends. */
function touched(c: Client, key: string, event: string): void {
  const engine = c.engine;
  engine.signalModifiedKey(c.db, key);
  engine.notify('h', event, key, c.db);
}

// ---- HSET, HMSET, HSETNX -------------------------------------------------------------------

function hsetGeneric(c: Client, argv: string[], name: string, isHset: boolean): Reply {
  const argc = argv.length;
  if ((argc & 1) === 1) return error(E.wrongArity(name));
  const key = argv[1]!;
  const h = lookupOrCreate(c, key);
  if (h === undefined) return WRONGTYPE_R;
  const engine = c.engine;
  if (h.enc === 'listpack') tryConversion(engine, h, argv, 2, argc - 1);
  let created = 0;
  for (let i = 2; i < argc; i += 2) {
    if (!hashSet(engine, h, argv[i]!, argv[i + 1]!)) created++;
  }
  touched(c, key, 'hset');
  return isHset ? int(created) : OK;
}

function hsetCommand(c: Client, argv: string[]): Reply {
  return hsetGeneric(c, argv, 'hset', true);
}

function hmsetCommand(c: Client, argv: string[]): Reply {
  return hsetGeneric(c, argv, 'hmset', false);
}

function hsetnxCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const h = lookupOrCreate(c, key);
  if (h === undefined) return WRONGTYPE_R;
  if (h.value.has(argv[2]!)) return ZERO;
  const engine = c.engine;
  if (h.enc === 'listpack') tryConversion(engine, h, argv, 2, 3);
  hashSet(engine, h, argv[2]!, argv[3]!);
  touched(c, key, 'hset');
  return ONE;
}

// ---- reads ---------------------------------------------------------------------------------

function hgetCommand(c: Client, argv: string[]): Reply {
  const o = readOfType(c, argv[1]!, 'hash', NIL);
  if ('t' in o) return o;
  const v = o.value.get(argv[2]!);
  return v === undefined ? NIL : { t: 'bulk', v };
}

function hmgetCommand(c: Client, argv: string[]): Reply {
  // A missing key is an empty hash: one nil per field.
  const o = lookupRead(c, argv[1]!);
  if (o !== undefined && o.type !== 'hash') return WRONGTYPE_R;
  const m = o?.value;
  const out: Reply[] = new Array<Reply>(argv.length - 2);
  for (let i = 2; i < argv.length; i++) {
    const v = m === undefined ? undefined : m.get(argv[i]!);
    out[i - 2] = v === undefined ? NIL : { t: 'bulk', v };
  }
  return { t: 'array', v: out };
}

const hlenCommand = sizeCommand('hash', (o) => o.value.size);

function hstrlenCommand(c: Client, argv: string[]): Reply {
  const o = readOfType(c, argv[1]!, 'hash', ZERO);
  if ('t' in o) return o;
  const v = o.value.get(argv[2]!);
  return v === undefined ? ZERO : int(v.length);
}

function hexistsCommand(c: Client, argv: string[]): Reply {
  const o = readOfType(c, argv[1]!, 'hash', ZERO);
  if ('t' in o) return o;
  return o.value.has(argv[2]!) ? ONE : ZERO;
}

const WANT_FIELDS = 1;
const WANT_VALUES = 2;

/** genericHgetallCommand: HGETALL answers a map (RESP3 '%'), HKEYS and HVALS arrays. */
function hgetallGeneric(c: Client, key: string, what: number): Reply {
  const both = what === (WANT_FIELDS | WANT_VALUES);
  const o = readOfType(c, key, 'hash', both ? EMPTY_MAP : EMPTY_ARRAY);
  if ('t' in o) return o;
  const m = o.value;
  if (both) {
    const pairs: [Reply, Reply][] = new Array<[Reply, Reply]>(m.size);
    let i = 0;
    for (const [f, v] of m)
      pairs[i++] = [
        { t: 'bulk', v: f },
        { t: 'bulk', v },
      ];
    return { t: 'map', v: pairs };
  }
  const out: Reply[] = new Array<Reply>(m.size);
  let i = 0;
  const source = what === WANT_FIELDS ? m.keys() : m.values();
  for (const s of source) out[i++] = { t: 'bulk', v: s };
  return { t: 'array', v: out };
}

function hgetallCommand(c: Client, argv: string[]): Reply {
  return hgetallGeneric(c, argv[1]!, WANT_FIELDS | WANT_VALUES);
}

function hkeysCommand(c: Client, argv: string[]): Reply {
  return hgetallGeneric(c, argv[1]!, WANT_FIELDS);
}

function hvalsCommand(c: Client, argv: string[]): Reply {
  return hgetallGeneric(c, argv[1]!, WANT_VALUES);
}

// ---- HDEL ----------------------------------------------------------------------------------

function hdelCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const o = writeOfType(c, key, 'hash', ZERO);
  if ('t' in o) return o;
  const m = o.value;
  let deleted = 0;
  let removed = false;
  for (let j = 2; j < argv.length; j++) {
    if (m.delete(argv[j]!)) {
      deleted++;
      if (m.size === 0) {
        // Redis deletes the emptied key at once and looks at no more fields.
        removed = true;
        break;
      }
    }
  }
  if (deleted > 0) {
    const engine = c.engine;
    const db = c.db;
    if (removed) deleteKey(engine, db, key);
    else engine.signalModifiedKey(db, key);
    engine.notify('h', 'hdel', key, db);
    if (removed) engine.notify('g', 'del', key, db);
  }
  return int(deleted);
}

// ---- HINCRBY, HINCRBYFLOAT -----------------------------------------------------------------

function hincrbyCommand(c: Client, argv: string[]): Reply {
  // The increment is checked before the key (getLongLongFromObjectOrReply comes first).
  const incr = parseIntArg(argv[3]!);
  if (incr === null) return NOT_INTEGER_R;
  const key = argv[1]!;
  const field = argv[2]!;
  const h = lookupOrCreate(c, key);
  if (h === undefined) return WRONGTYPE_R;
  const cur = h.value.get(field);
  let old = 0;
  if (cur !== undefined) {
    const n = parseIntArg(cur);
    if (n === null) return HASH_NOT_INTEGER_R;
    old = n;
  }
  let reply: Reply;
  let text: string;
  const sum = old + incr;
  if (Number.isSafeInteger(sum) && Number.isSafeInteger(old) && Number.isSafeInteger(incr)) {
    reply = int(sum);
    text = String(sum);
  } else {
    // Beyond ±2^53: exact int64 arithmetic with Redis's overflow rule.
    const a = cur === undefined ? 0n : parseInt64(cur)!;
    const b = parseInt64(argv[3]!)!;
    const s = a + b;
    if (s > INT64_MAX || s < INT64_MIN) return OVERFLOW_R;
    reply = int(s >= -9007199254740991n && s <= 9007199254740991n ? Number(s) : s);
    text = s.toString();
  }
  hashSet(c.engine, h, field, text);
  touched(c, key, 'hincrby');
  return reply;
}

const LD_ZERO = parseLongDouble('0')!;

function hincrbyfloatCommand(c: Client, argv: string[]): Reply {
  // t_hash.c's order: the increment must parse, then be finite; then the key's type; then the
  // stored value must be a float; then the sum must be finite.
  const incr = parseLongDouble(argv[3]!);
  if (incr === null) return NOT_FLOAT_R;
  if (!isFiniteLongDouble(incr)) return VALUE_NAN_OR_INF_R;
  const key = argv[1]!;
  const field = argv[2]!;
  const h = lookupOrCreate(c, key);
  if (h === undefined) return WRONGTYPE_R;
  const cur = h.value.get(field);
  let value = LD_ZERO;
  if (cur !== undefined) {
    const v = parseLongDouble(cur);
    if (v === null) return HASH_NOT_FLOAT_R;
    value = v;
  }
  const sum = addLongDouble(value, incr);
  if (!isFiniteLongDouble(sum)) return NAN_OR_INF_R;
  const text = formatLongDoubleHuman(sum) ?? '';
  hashSet(c.engine, h, field, text);
  touched(c, key, 'hincrbyfloat');
  // As the HSET of the result: a replay never recomputes a float.
  c.engine.rewriteArgument(c, argv, 0, 'HSET');
  c.engine.rewriteArgument(c, argv, 3, text);
  return { t: 'bulk', v: text };
}

// ---- HRANDFIELD ----------------------------------------------------------------------------

/** LONG_MAX / 2: WITHVALUES counts must stay within ±this. */
const LONG_MAX_HALF = 4611686018427387903n;
const COUNT_RANGE_R = error(E.valueOutOfRange(-INT64_MAX, INT64_MAX));
/** Picks with repetition (a negative count) we are willing to build into one reply. */
export const RANDOM_REPEAT_LIMIT = 10_000_000;
const REPEAT_LIMIT_R = error(E.randomCountTooLarge(RANDOM_REPEAT_LIMIT));

/** A uniformly random field of a non-empty hash. */
function randomField(c: Client, m: Map<string, string>): string {
  let skip = Math.floor(c.engine.random() * m.size);
  for (const f of m.keys()) if (skip-- === 0) return f;
  return m.keys().next().value!;
}

/** One reply element: the field, or field and value (flat in RESP2, a pair in RESP3). */
function pushPick(out: Reply[], f: string, v: string, withValues: boolean, resp3: boolean): void {
  if (!withValues) out.push({ t: 'bulk', v: f });
  else if (resp3)
    out.push({
      t: 'array',
      v: [
        { t: 'bulk', v: f },
        { t: 'bulk', v },
      ],
    });
  else out.push({ t: 'bulk', v: f }, { t: 'bulk', v });
}

function hrandfieldCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  if (argc === 2) {
    const o = lookupRead(c, argv[1]!);
    if (o === undefined) return NIL;
    if (o.type !== 'hash') return WRONGTYPE_R;
    return { t: 'bulk', v: randomField(c, o.value) };
  }
  // getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX), then the options, then the key.
  const l = parseIntArg(argv[2]!);
  if (l === null) return NOT_INTEGER_R;
  // Past ±2^53 the double is inexact: compare the limits on the exact int64.
  const big = Number.isSafeInteger(l) ? null : parseInt64(argv[2]!)!;
  if (big === INT64_MIN) return COUNT_RANGE_R;
  if (argc > 4 || (argc === 4 && !isOpt(argv[3]!, 'withvalues'))) return SYNTAX_R;
  const withValues = argc === 4;
  if (withValues && big !== null && (big < -LONG_MAX_HALF || big > LONG_MAX_HALF)) return VALUE_OUT_OF_RANGE_R;
  const o = readOfType(c, argv[1]!, 'hash', EMPTY_ARRAY);
  if ('t' in o) return o;
  const m = o.value;
  const size = m.size;
  const resp3 = c.resp === 3;
  const uniq = l >= 0;
  const count = uniq ? l : -l;
  if (count === 0) return EMPTY_ARRAY;
  const random = c.engine.random;
  const out: Reply[] = [];

  // CASE 1: repetitions allowed (or a single pick): independent uniform picks.
  if (!uniq || count === 1) {
    // Past our limit, Redis's output buffer limit may still be what ends it (the reply is dropped).
    if (count > RANDOM_REPEAT_LIMIT) return replyCannotFit(c, count) ? EMPTY_ARRAY : REPEAT_LIMIT_R;
    const fields = Array.from(m.keys());
    for (let i = 0; i < count; i++) {
      const f = fields[Math.floor(random() * size)]!;
      pushPick(out, f, m.get(f)!, withValues, resp3);
    }
    return { t: 'array', v: out };
  }

  // CASE 2: asking for the whole hash or more: all of it, in the hash's own order.
  if (count >= size) {
    for (const [f, v] of m) pushPick(out, f, v, withValues, resp3);
    return { t: 'array', v: out };
  }

  if (o.enc === 'listpack' && count * 3 <= size) {
    // CASE 4 on a listpack (lpRandomPairsUnique): a uniform sample kept in listpack order.
    let needed = count;
    let left = size;
    for (const [f, v] of m) {
      if (random() * left < needed) {
        pushPick(out, f, v, withValues, resp3);
        if (--needed === 0) break;
      }
      left--;
    }
    return { t: 'array', v: out };
  }

  // CASES 3 and 4 otherwise: distinct picks in no particular order (a partial shuffle).
  const fields = Array.from(m.keys());
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (size - i));
    const f = fields[j]!;
    fields[j] = fields[i]!;
    fields[i] = f;
    pushPick(out, f, m.get(f)!, withValues, resp3);
  }
  return { t: 'array', v: out };
}

// ---- HSCAN ---------------------------------------------------------------------------------

/**
 * Cursor iteration over a hashtable-encoded collection (shared by HSCAN; usable by SSCAN and
 * ZSCAN). Redis's guarantee holds: an element present from the first call (cursor 0) to the
 * last is returned exactly once, whatever is added or removed meanwhile; elements added during
 * the iteration may or may not come back (here: they do not).
 *
 * How: cursor 0 takes a snapshot of the collection's current elements (its iteration order);
 * later cursors are positions in that snapshot, and each step returns the snapshot's elements
 * that still exist. A collection keeps up to SCAN_SNAPSHOTS snapshots, for as many concurrent
 * iterations (the slot is the cursor's low bits); a further iteration started meanwhile
 * replaces the oldest, and a cursor whose snapshot is gone (or a made-up cursor) continues at
 * its position in a fresh snapshot, which may skip or repeat elements. A snapshot is dropped
 * when its iteration completes.
 */
const SCAN_SNAPSHOTS = 4;

interface ScanState {
  next: number;
  snaps: (string[] | undefined)[];
}

const scanStates = new WeakMap<object, ScanState>();

/**
 * One SCAN step over `coll` (the collection object itself, e.g. a hash's Map): visits about
 * `count` live elements from `cursor` and returns the next cursor (0 when done). `elements`
 * lists the current elements, `has` tells whether one still exists.
 */
export function scanCollection(
  coll: object,
  elements: () => Iterable<string>,
  has: (element: string) => boolean,
  cursor: number,
  count: number,
  visit: (element: string) => void,
): number {
  let state = scanStates.get(coll);
  if (state === undefined) {
    state = { next: 0, snaps: [] };
    scanStates.set(coll, state);
  }
  let slot: number;
  let pos: number;
  let snap: string[] | undefined;
  if (cursor === 0) {
    slot = state.next;
    state.next = (slot + 1) % SCAN_SNAPSHOTS;
    pos = 0;
  } else {
    slot = cursor % SCAN_SNAPSHOTS;
    pos = Math.floor(cursor / SCAN_SNAPSHOTS);
    snap = state.snaps[slot];
  }
  if (snap === undefined) {
    snap = Array.from(elements());
    state.snaps[slot] = snap;
  }
  const end = snap.length;
  let found = 0;
  // Like dictScan's maxiterations: a step looks at a bounded number of (possibly gone) elements.
  let budget = count * 10;
  while (pos < end && found < count && budget-- > 0) {
    const e = snap[pos++]!;
    if (has(e)) {
      visit(e);
      found++;
    }
  }
  if (pos >= end) {
    state.snaps[slot] = undefined;
    return 0;
  }
  return pos * SCAN_SNAPSHOTS + slot;
}

function hscanCommand(c: Client, argv: string[]): Reply {
  const scan = collectionScan(c, argv, 'hash');
  if ('t' in scan) return scan;
  const { o, cursor, count, pattern } = scan;
  const m = o.value;
  const match = pattern === null ? null : globMatcher(pattern);
  const out: Reply[] = [];
  let next = 0;
  if (o.enc === 'listpack') {
    // A listpack is returned whole, cursor 0, whatever cursor was asked for.
    for (const [f, v] of m) {
      if (match === null || match(f)) out.push({ t: 'bulk', v: f }, { t: 'bulk', v });
    }
  } else {
    next = scanCollection(
      m,
      () => m.keys(),
      (f) => m.has(f),
      cursor,
      count,
      (f) => {
        if (match === null || match(f)) out.push({ t: 'bulk', v: f }, { t: 'bulk', v: m.get(f)! });
      },
    );
  }
  return { t: 'array', v: [bulk(String(next)), { t: 'array', v: out }] };
}

// ---- the table -----------------------------------------------------------------------------

const command = commandGroup('hash', 'hash');

// One line a command, so the table reads as a table.
// prettier-ignore
export const hashCommands: CommandSpec[] = [
  command('hset', -4, 'write denyoom fast', [key(1, 'RW update')], hsetCommand, { since: '2.0.0', complexity: 'O(1) per field/value pair', summary: 'Set one or more fields of a hash; answers how many fields are new', syntax: 'key field value [field value ...]' }),
  command('hsetnx', 4, 'write denyoom fast', [key(1, 'RW insert')], hsetnxCommand, { since: '2.0.0', complexity: 'O(1)', summary: 'Set a hash field only if the field does not exist yet', syntax: 'key field value' }),
  command('hget', 3, 'readonly fast', [key(1, 'RO access')], hgetCommand, { since: '2.0.0', complexity: 'O(1)', summary: 'Read the value of one hash field', syntax: 'key field' }),
  command('hmset', -4, 'write denyoom fast', [key(1, 'RW update')], hmsetCommand, { since: '2.0.0', complexity: 'O(1) per field/value pair', summary: 'Set several hash fields and answer OK (the older form of HSET)', syntax: 'key field value [field value ...]' }),
  command('hmget', -3, 'readonly fast', [key(1, 'RO access')], hmgetCommand, { since: '2.0.0', complexity: 'O(1) per field', summary: 'Read several hash fields at once (nil for each missing one)', syntax: 'key field [field ...]' }),
  command('hgetall', 2, 'readonly', [key(1, 'RO access')], hgetallCommand, { since: '2.0.0', complexity: 'O(N) in the number of fields', tips: 'nondeterministic_output_order', summary: 'Read every field and value of a hash', syntax: 'key' }),
  command('hdel', -3, 'write fast', [key(1, 'RW delete')], hdelCommand, { since: '2.0.0', complexity: 'O(1) per field', summary: 'Remove fields from a hash; answers how many existed', syntax: 'key field [field ...]' }),
  command('hexists', 3, 'readonly fast', [key(1, 'RO')], hexistsCommand, { since: '2.0.0', complexity: 'O(1)', summary: 'Tell whether a hash has a field (1) or not (0)', syntax: 'key field' }),
  command('hlen', 2, 'readonly fast', [key(1, 'RO')], hlenCommand, { since: '2.0.0', complexity: 'O(1)', summary: 'Count the fields of a hash', syntax: 'key' }),
  command('hstrlen', 3, 'readonly fast', [key(1, 'RO')], hstrlenCommand, { since: '3.2.0', complexity: 'O(1)', summary: 'Length in bytes of the value of a hash field (0 when missing)', syntax: 'key field' }),
  command('hkeys', 2, 'readonly', [key(1, 'RO access')], hkeysCommand, { since: '2.0.0', complexity: 'O(N) in the number of fields', tips: 'nondeterministic_output_order', summary: 'List the field names of a hash', syntax: 'key' }),
  command('hvals', 2, 'readonly', [key(1, 'RO access')], hvalsCommand, { since: '2.0.0', complexity: 'O(N) in the number of fields', tips: 'nondeterministic_output_order', summary: 'List the values of a hash', syntax: 'key' }),
  command('hincrby', 4, 'write denyoom fast', [key(1, 'RW access update')], hincrbyCommand, { since: '2.0.0', complexity: 'O(1)', summary: 'Add an integer to a hash field (missing counts as 0); answers the new value', syntax: 'key field increment' }),
  command('hincrbyfloat', 4, 'write denyoom fast', [key(1, 'RW access update')], hincrbyfloatCommand, { since: '2.6.0', complexity: 'O(1)', summary: 'Add a decimal number to a hash field in long-double precision; answers the new value', syntax: 'key field increment' }),
  command('hrandfield', -2, 'readonly', [key(1, 'RO access')], hrandfieldCommand, { since: '6.2.0', complexity: 'O(N) in the number of fields returned', tips: 'nondeterministic_output', summary: 'Pick random fields of a hash: distinct for a positive count, possibly repeated for a negative one', syntax: 'key [count [WITHVALUES]]' }),
  command('hscan', -3, 'readonly', [key(1, 'RO access')], hscanCommand, { since: '2.8.0', complexity: 'O(1) per call, O(N) for a whole iteration', tips: 'nondeterministic_output', summary: 'Walk the fields and values of a hash a batch at a time with a cursor', syntax: 'key cursor [MATCH pattern] [COUNT count]' }),
];
