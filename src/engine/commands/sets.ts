// The SET group (Redis's t_set.c): SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER, SCARD, SPOP,
// SRANDMEMBER, SMOVE, the SINTER/SUNION/SDIFF families with their STORE variants, SINTERCARD
// and SSCAN.
//
// A set is a Set<string> of byte strings plus the encoding Redis would use: 'intset' while
// every member is an integer string2ll accepts (those are canonical, so the string IS the
// integer) and the size stays within set-max-intset-entries, else 'hashtable' (for good: Redis
// never converts back, except that SPOP's "keep a few" path builds a fresh set). An intset
// lists its members in ascending numeric order, so readers sort on output; a hashtable lists
// them in our insertion order where Redis uses its hash order (tests compare those unordered).
//
// Every change to a set's members goes through setAdd/setRemove below, which keep two lazily
// made side structures in step (see SetAux): an index for O(1) random picks (SPOP,
// SRANDMEMBER) and the live iterators behind SSCAN cursors.

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key, keyRange, keyNum } from '../command-decl.js';
import type { Database } from '../database.js';
import type { Engine } from '../engine.js';
import * as E from '../../shared/errors.js';
import { globMatcher } from '../../shared/glob.js';
import { addKey, deleteKey, lookupRead, lookupWrite, setKey } from '../keyspace.js';
import { isInt64String, parseIntArg } from '../numbers.js';
import type { SetObj } from '../objects.js';
import { array, bulk, EMPTY_ARRAY, error, int, ONE, set as setReply, ZERO, type Reply } from '../../shared/reply.js';
import { replyCannotFit } from '../output-buffer.js';
import { minIntOption, parseOptions, type Option } from '../options.js';
import { collectionScan, readOfType, sizeCommand, writeOfType } from './collections.js';
import { LIMIT_NEGATIVE_R, MUST_BE_POSITIVE_R, NOT_INTEGER_R, NUMKEYS_NOT_POSITIVE_R, SYNTAX_R, WRONGTYPE_R } from '../error-replies.js';

// ---- shared replies ------------------------------------------------------------------------

const NUMKEYS_TOO_MANY_R = error(E.NUMKEYS_TOO_MANY);
/** SRANDMEMBER's count range is -LONG_MAX..LONG_MAX: only LONG_MIN itself falls outside. */
const RANDOM_COUNT_RANGE_R = error(E.valueOutOfRange(-9223372036854775807n, 9223372036854775807n));
const LONG_MIN_STRING = '-9223372036854775808';
/** shared.emptyset: '*0' in RESP2, '~0' in RESP3. */
const EMPTY_SET_R = setReply([]);

/**
 * A negative SRANDMEMBER count asks for that many picks with repetition, whatever the set's
 * size. Redis would build a reply of any length (a client may wait minutes for gigabytes);
 * the playground runs in a browser tab and refuses replies longer than this.
 */
export const MAX_RANDOM_REPLY = 1_000_000;
const RANDOM_TOO_LARGE_R = error(E.randomCountTooLarge(MAX_RANDOM_REPLY));

/** SPOP_MOVE_STRATEGY_MUL and SRANDMEMBER_SUB_STRATEGY_MUL of t_set.c. */
const SPOP_MOVE_STRATEGY_MUL = 5;
const SRANDMEMBER_SUB_STRATEGY_MUL = 3;

// ---- the set type (setTypeCreate, setTypeAdd, setTypeRemove, iteration) ----------------------

/** set-max-intset-entries, capped at 2^30 as setTypeAdd does. */
function maxIntsetEntries(engine: Engine): number {
  const m = engine.config.setMaxIntsetEntries;
  return m >= 1073741824 ? 1073741824 : m;
}

/** setTypeCreate: an empty set whose encoding suits its first member; the caller adds it. */
export function createSetFor(first: string): SetObj {
  return { type: 'set', value: new Set(), enc: isInt64String(first) ? 'intset' : 'hashtable' };
}

/** setTypeAdd: adds a member, converting intset → hashtable exactly when Redis does. */
export function setAdd(engine: Engine, obj: SetObj, member: string): boolean {
  const s = obj.value;
  const before = s.size;
  s.add(member);
  if (s.size === before) return false;
  if (obj.enc === 'intset' && (!isInt64String(member) || s.size > maxIntsetEntries(engine))) obj.enc = 'hashtable';
  const aux = auxes.get(s);
  if (aux !== undefined && aux.index !== null) aux.index.add(member);
  return true;
}

/** setTypeRemove. Emptiness (deleting the key) is the caller's. */
export function setRemove(obj: SetObj, member: string): boolean {
  const s = obj.value;
  if (!s.delete(member)) return false;
  const aux = auxes.get(s);
  if (aux !== undefined) {
    aux.removals++;
    if (aux.index !== null) aux.index.remove(member);
  }
  return true;
}

/**
 * Orders canonical int64 strings (string2ll forms: no '+', no leading zeros, no "-0")
 * numerically without parsing them.
 */
export function compareIntStrings(a: string, b: string): number {
  const an = a.charCodeAt(0) === 45;
  if (an !== (b.charCodeAt(0) === 45)) return an ? -1 : 1;
  if (a.length !== b.length) return a.length < b.length !== an ? -1 : 1;
  if (a === b) return 0;
  return a < b !== an ? -1 : 1;
}

/** The members in the order Redis's setTypeNext visits them: ascending for an intset. */
export function setMembersInOrder(obj: SetObj): string[] {
  const members = Array.from(obj.value);
  if (obj.enc === 'intset') members.sort(compareIntStrings);
  return members;
}

function bulksOf(members: readonly string[]): Reply[] {
  const out: Reply[] = new Array<Reply>(members.length);
  for (let i = 0; i < members.length; i++) out[i] = { t: 'bulk', v: members[i]! };
  return out;
}

/**
 * The temporary set SINTERSTORE/SUNION/SDIFF build (createIntsetObject + setTypeAdd): its
 * encoding follows what was added, in the order it was added.
 */
class SetBuilder {
  readonly members = new Set<string>();
  intset = true;

  constructor(private readonly maxEntries: number) {}

  add(m: string): boolean {
    const s = this.members;
    const before = s.size;
    s.add(m);
    if (s.size === before) return false;
    if (this.intset && (s.size > this.maxEntries || !isInt64String(m))) this.intset = false;
    return true;
  }

  remove(m: string): boolean {
    return this.members.delete(m);
  }

  get size(): number {
    return this.members.size;
  }

  /** The members in the order Redis would list the built set. */
  ordered(): string[] {
    const out = Array.from(this.members);
    if (this.intset) out.sort(compareIntStrings);
    return out;
  }

  toObject(): SetObj {
    return { type: 'set', value: this.members, enc: this.intset ? 'intset' : 'hashtable' };
  }
}

/** Deletes a key that may hold anything (the empty-result path of the *STORE commands). */
function deleteDestination(c: Client, db: Database, key: string): void {
  const engine = c.engine;
  if (deleteKey(engine, db, key)) engine.notify('g', 'del', key, db);
}

/** Stores a *STORE result, or deletes the destination when the result is empty. */
function storeResult(c: Client, dst: string, b: SetBuilder, event: string): Reply {
  const db = c.db;
  if (b.size === 0) {
    deleteDestination(c, db, dst);
    return ZERO;
  }
  // Redis's setKey looks the key up for writing first (an expired destination expires here).
  lookupWrite(c, dst);
  setKey(c, db, dst, b.toObject());
  c.engine.notify('s', event, dst, db);
  return int(b.size);
}

// ---- side structures: random index and scan iterators ---------------------------------------

/** Members in an array with positions, for uniform random picks in O(1). */
class MemberIndex {
  readonly arr: string[];
  readonly pos = new Map<string, number>();

  constructor(s: Set<string>) {
    this.arr = Array.from(s);
    const arr = this.arr;
    for (let i = 0; i < arr.length; i++) this.pos.set(arr[i]!, i);
  }

  add(m: string): void {
    this.pos.set(m, this.arr.length);
    this.arr.push(m);
  }

  remove(m: string): void {
    const i = this.pos.get(m);
    if (i === undefined) return;
    this.pos.delete(m);
    const last = this.arr.pop()!;
    if (i < this.arr.length) {
      this.arr[i] = last;
      this.pos.set(last, i);
    }
  }
}

/** One SSCAN iteration in progress: a live iterator over the Set (robust to changes). */
interface ScanState {
  /** Index in the iteration of the next member to return (the cursor's low part). */
  pos: number;
  /** aux.removals when the iteration started. */
  removalsAtStart: number;
  it: Iterator<string>;
  /** A member already taken from `it` but not yet returned. */
  pending: string | undefined;
}

interface SetAux {
  /** How many members were removed since the aux was made (wraps harmlessly). */
  removals: number;
  index: MemberIndex | null;
  /** Iterations in progress by id (the cursor's high part); insertion order = age. */
  scans: Map<number, ScanState>;
}

/** Each set's aux, beside it rather than in it (most sets never need one). */
const auxes = new WeakMap<Set<string>, SetAux>();

function auxOf(s: Set<string>): SetAux {
  let aux = auxes.get(s);
  if (aux === undefined) {
    aux = { removals: 0, index: null, scans: new Map() };
    auxes.set(s, aux);
  }
  return aux;
}

/** Sets up to this size are walked for a random pick instead of getting an index. */
const RANDOM_WALK_MAX = 32;

function randomBelow(random: () => number, n: number): number {
  const i = Math.floor(random() * n);
  return i < n ? i : n - 1;
}

/** setTypeRandomElement: a uniformly random member of a non-empty set. */
function randomMember(engine: Engine, s: Set<string>): string {
  const n = s.size;
  if (n <= RANDOM_WALK_MAX) {
    let k = randomBelow(engine.random, n);
    for (const m of s) if (k-- === 0) return m;
  }
  const aux = auxOf(s);
  let index = aux.index;
  if (index === null || index.arr.length !== n) index = aux.index = new MemberIndex(s);
  const m = index.arr[randomBelow(engine.random, n)]!;
  if (s.has(m)) return m;
  // Only a write that bypassed setAdd/setRemove gets here: rebuild and draw again.
  index = aux.index = new MemberIndex(s);
  return index.arr[randomBelow(engine.random, n)]!;
}

/** `count` distinct random members (count < size), by partial Fisher-Yates on a copy. */
function sampleByShuffle(engine: Engine, s: Set<string>, count: number): string[] {
  const arr = Array.from(s);
  const n = arr.length;
  for (let i = 0; i < count; i++) {
    const j = i + randomBelow(engine.random, n - i);
    const t = arr[i]!;
    arr[i] = arr[j]!;
    arr[j] = t;
  }
  arr.length = count;
  return arr;
}

/** `count` distinct random members when count is small next to the size (rejection). */
function sampleByPicking(engine: Engine, s: Set<string>, count: number): Set<string> {
  const picked = new Set<string>();
  while (picked.size < count) picked.add(randomMember(engine, s));
  return picked;
}

// ---- SADD, SREM, SMOVE ---------------------------------------------------------------------

function saddCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const engine = c.engine;
  const db = c.db;
  let obj = lookupWrite(c, key);
  if (obj === undefined) {
    obj = createSetFor(argv[2]!);
    addKey(engine, db, key, obj);
  } else if (obj.type !== 'set') {
    return WRONGTYPE_R;
  }
  let added = 0;
  for (let j = 2; j < argv.length; j++) if (setAdd(engine, obj, argv[j]!)) added++;
  if (added !== 0) {
    engine.signalModifiedKey(db, key);
    engine.notify('s', 'sadd', key, db);
    engine.changesSinceLastSave += added - 1; // server.dirty += added
  }
  return int(added);
}

function sremCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const obj = writeOfType(c, key, 'set', ZERO);
  if ('t' in obj) return obj;
  const engine = c.engine;
  const db = c.db;
  let deleted = 0;
  let keyRemoved = false;
  for (let j = 2; j < argv.length; j++) {
    if (setRemove(obj, argv[j]!)) {
      deleted++;
      if (obj.value.size === 0) {
        db.remove(key);
        keyRemoved = true;
        break;
      }
    }
  }
  if (deleted !== 0) {
    engine.signalModifiedKey(db, key);
    engine.notify('s', 'srem', key, db);
    if (keyRemoved) engine.notify('g', 'del', key, db);
    engine.changesSinceLastSave += deleted - 1;
  }
  return int(deleted);
}

function smoveCommand(c: Client, argv: string[]): Reply {
  const srcKey = argv[1]!;
  const dstKey = argv[2]!;
  const member = argv[3]!;
  const src = lookupWrite(c, srcKey);
  const dst = lookupWrite(c, dstKey);
  if (src === undefined) return ZERO;
  if (src.type !== 'set' || (dst !== undefined && dst.type !== 'set')) return WRONGTYPE_R;
  if (src === dst) return src.value.has(member) ? ONE : ZERO;
  if (!setRemove(src, member)) return ZERO;
  const engine = c.engine;
  const db = c.db;
  engine.notify('s', 'srem', srcKey, db);
  if (src.value.size === 0) {
    db.remove(srcKey);
    engine.notify('g', 'del', srcKey, db);
  }
  let target = dst;
  if (target === undefined) {
    target = createSetFor(member);
    addKey(engine, db, dstKey, target);
  }
  engine.signalModifiedKey(db, srcKey);
  if (setAdd(engine, target, member)) {
    engine.signalModifiedKey(db, dstKey);
    engine.notify('s', 'sadd', dstKey, db);
  }
  return ONE;
}

// ---- SISMEMBER, SMISMEMBER, SCARD ------------------------------------------------------------

function sismemberCommand(c: Client, argv: string[]): Reply {
  const obj = readOfType(c, argv[1]!, 'set', ZERO);
  if ('t' in obj) return obj;
  return obj.value.has(argv[2]!) ? ONE : ZERO;
}

function smismemberCommand(c: Client, argv: string[]): Reply {
  const obj = lookupRead(c, argv[1]!);
  if (obj !== undefined && obj.type !== 'set') return WRONGTYPE_R;
  const out: Reply[] = new Array<Reply>(argv.length - 2);
  for (let j = 2; j < argv.length; j++) out[j - 2] = obj !== undefined && obj.value.has(argv[j]!) ? ONE : ZERO;
  return array(out);
}

const scardCommand = sizeCommand('set', (o) => o.value.size);

// ---- SPOP, SRANDMEMBER -----------------------------------------------------------------------

function spopCommand(c: Client, argv: string[]): Reply {
  if (argv.length === 3) return spopWithCount(c, argv);
  if (argv.length > 3) return SYNTAX_R;
  const key = argv[1]!;
  const obj = writeOfType(c, key, 'set', bulk(null));
  if ('t' in obj) return obj;
  const engine = c.engine;
  const db = c.db;
  const member = randomMember(engine, obj.value);
  setRemove(obj, member);
  engine.rewrite(c, ['SREM', key, member]);
  engine.notify('s', 'spop', key, db);
  if (obj.value.size === 0) {
    db.remove(key);
    engine.notify('g', 'del', key, db);
  }
  engine.signalModifiedKey(db, key);
  return bulk(member);
}

/**
 * SPOP key count: pops up to `count` random members the way Redis's three cases do (everything;
 * pop one by one; or keep a few and return the rest in the set's order).
 */
function spopWithCount(c: Client, argv: string[]): Reply {
  const count = parseIntArg(argv[2]!);
  if (count === null || count < 0) return MUST_BE_POSITIVE_R;
  const key = argv[1]!;
  const obj = writeOfType(c, key, 'set', EMPTY_SET_R);
  if ('t' in obj) return obj;
  if (count === 0) return EMPTY_SET_R;

  const engine = c.engine;
  const db = c.db;
  const s = obj.value;
  const size = s.size;
  engine.notify('s', 'spop', key, db);

  // CASE 1: everything goes; the reply is the set as SUNION would list it.
  if (count >= size) {
    const b = new SetBuilder(maxIntsetEntries(engine));
    for (const m of s) b.add(m);
    const reply = setReply(bulksOf(b.ordered()));
    db.remove(key);
    engine.notify('g', 'del', key, db);
    engine.rewrite(c, ['DEL', key]);
    engine.signalModifiedKey(db, key);
    engine.changesSinceLastSave += size - 1;
    return reply;
  }

  const remaining = size - count;
  let popped: string[];
  if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
    // CASE 2: few to pop: draw and remove them one by one.
    popped = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const m = randomMember(engine, s);
      setRemove(obj, m);
      popped[i] = m;
    }
  } else {
    // CASE 3: few to keep: draw those, return the rest in the set's own order. Redis builds
    // a new set of the kept members, so its encoding follows their contents.
    const kept = sampleByPicking(engine, s, remaining);
    popped = [];
    for (const m of setMembersInOrder(obj)) if (!kept.has(m)) popped.push(m);
    for (const m of popped) setRemove(obj, m);
    let allInts = remaining <= maxIntsetEntries(engine);
    if (allInts && obj.enc !== 'intset') for (const m of kept) if (!isInt64String(m)) allInts = false;
    obj.enc = allInts ? 'intset' : 'hashtable';
  }
  // Propagated as one SREM per member popped (the random draw is this server's alone).
  if (engine.propagation.active) for (const m of popped) engine.propagation.add(db.id, ['SREM', key, m]);
  engine.preventPropagation(c);
  engine.signalModifiedKey(db, key);
  engine.changesSinceLastSave += count - 1;
  return setReply(bulksOf(popped));
}

function srandmemberCommand(c: Client, argv: string[]): Reply {
  if (argv.length === 3) return srandmemberWithCount(c, argv);
  if (argv.length > 3) return SYNTAX_R;
  const obj = readOfType(c, argv[1]!, 'set', bulk(null));
  if ('t' in obj) return obj;
  return bulk(randomMember(c.engine, obj.value));
}

function srandmemberWithCount(c: Client, argv: string[]): Reply {
  const arg = argv[2]!;
  const l = parseIntArg(arg);
  if (l === null) return NOT_INTEGER_R;
  if (arg === LONG_MIN_STRING) return RANDOM_COUNT_RANGE_R;
  const obj = readOfType(c, argv[1]!, 'set', EMPTY_ARRAY);
  if ('t' in obj) return obj;
  const uniq = l >= 0;
  const count = uniq ? l : -l;
  if (count === 0) return EMPTY_ARRAY;

  const engine = c.engine;
  const s = obj.value;
  const size = s.size;

  // CASE 1: repetitions allowed (or a single pick): independent draws.
  if (!uniq || count === 1) {
    // Past our limit, Redis's output buffer limit may still be what ends it (the reply is dropped).
    if (count > MAX_RANDOM_REPLY) return replyCannotFit(c, count) ? EMPTY_ARRAY : RANDOM_TOO_LARGE_R;
    const out: Reply[] = new Array<Reply>(count);
    for (let i = 0; i < count; i++) out[i] = bulk(randomMember(engine, s));
    return array(out);
  }
  // CASE 2: the whole set, in its own order.
  if (count >= size) return array(bulksOf(setMembersInOrder(obj)));
  // CASE 3 and 4: distinct members, in no particular order.
  if (count * SRANDMEMBER_SUB_STRATEGY_MUL > size) return array(bulksOf(sampleByShuffle(engine, s, count)));
  return array(bulksOf(Array.from(sampleByPicking(engine, s, count))));
}

// ---- SINTER, SMEMBERS, SINTERSTORE, SINTERCARD -----------------------------------------------

const INTER_REPLY = 0;
const INTER_STORE = 1;
const INTER_CARD = 2;

/**
 * sinterGenericCommand over argv[first..end): every key is looked up and type-checked before
 * anything else (a missing key makes the result empty, but a later wrong-type key still
 * fails), then the smallest set is walked and each member tested against the others.
 */
function sinterGeneric(c: Client, argv: string[], first: number, end: number, dst: string | null, mode: number, limit: number): Reply {
  const sets: SetObj[] = [];
  let empty = false;
  for (let j = first; j < end; j++) {
    const obj = lookupRead(c, argv[j]!);
    if (obj === undefined) {
      empty = true;
      continue;
    }
    if (obj.type !== 'set') return WRONGTYPE_R;
    sets.push(obj);
  }
  if (empty) {
    if (mode === INTER_STORE) {
      deleteDestination(c, c.db, dst!);
      return ZERO;
    }
    return mode === INTER_CARD ? ZERO : EMPTY_SET_R;
  }

  // SMEMBERS and single-key SINTER: the set itself.
  if (sets.length === 1 && mode === INTER_REPLY) return setReply(bulksOf(setMembersInOrder(sets[0]!)));

  // Smallest first (a stable sort, as glibc's merge-sort qsort is).
  if (sets.length > 1) sets.sort((a, b) => a.value.size - b.value.size);
  const base = sets[0]!;
  const n = sets.length;
  const members = mode === INTER_REPLY ? setMembersInOrder(base) : base.value;
  const out: string[] = [];
  const b = mode === INTER_STORE ? new SetBuilder(maxIntsetEntries(c.engine)) : null;
  let cardinality = 0;
  for (const m of members) {
    let j = 1;
    for (; j < n; j++) {
      const other = sets[j]!;
      if (other !== base && !other.value.has(m)) break;
    }
    if (j !== n) continue;
    if (mode === INTER_CARD) {
      cardinality++;
      if (limit !== 0 && cardinality >= limit) break;
    } else if (b !== null) {
      b.add(m);
    } else {
      out.push(m);
    }
  }
  if (mode === INTER_CARD) return int(cardinality);
  if (b !== null) return storeResult(c, dst!, b, 'sinterstore');
  return setReply(bulksOf(out));
}

/** SINTERCARD's LIMIT (0: none); given again, the last one counts. */
const SINTERCARD_OPTIONS: readonly Option<{ limit: number }>[] = [minIntOption('limit', 0, LIMIT_NEGATIVE_R)];

function sintercardCommand(c: Client, argv: string[]): Reply {
  const numkeys = parseIntArg(argv[1]!);
  if (numkeys === null || numkeys < 1) return NUMKEYS_NOT_POSITIVE_R;
  if (numkeys > argv.length - 2) return NUMKEYS_TOO_MANY_R;
  const opts = { limit: 0 };
  const parsed = parseOptions(argv, 2 + numkeys, SINTERCARD_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  return sinterGeneric(c, argv, 2, 2 + numkeys, null, INTER_CARD, opts.limit);
}

// ---- SUNION, SDIFF and their STORE variants ---------------------------------------------------

/**
 * sunionDiffGenericCommand over argv[first..end). The result is built like Redis's temporary
 * intset-first set, with the same choice between the two SDIFF algorithms, because that choice
 * decides the stored encoding (algorithm 2 adds the whole first set before subtracting).
 */
function sunionDiffGeneric(c: Client, argv: string[], first: number, end: number, dst: string | null, union: boolean): Reply {
  const sets: (SetObj | null)[] = [];
  let sameset = false;
  for (let j = first; j < end; j++) {
    const obj = lookupRead(c, argv[j]!);
    if (obj === undefined) {
      sets.push(null);
      continue;
    }
    if (obj.type !== 'set') return WRONGTYPE_R;
    if (sets.length > 0 && sets[0] === obj) sameset = true;
    sets.push(obj);
  }
  const b = new SetBuilder(maxIntsetEntries(c.engine));
  const head = sets[0];
  if (union) {
    for (const s of sets) if (s !== null) for (const m of s.value) b.add(m);
  } else if (head && !sameset) {
    let algoOneWork = 0;
    let algoTwoWork = 0;
    for (const s of sets) {
      if (s === null) continue;
      algoOneWork += head.value.size;
      algoTwoWork += s.value.size;
    }
    algoOneWork = Math.floor(algoOneWork / 2);
    if (algoOneWork <= algoTwoWork) {
      // Algorithm 1: keep each member of the first set that no other set has.
      for (const m of head.value) {
        let found = false;
        for (let j = 1; j < sets.length; j++) {
          const s = sets[j];
          if (s && s.value.has(m)) {
            found = true;
            break;
          }
        }
        if (!found) b.add(m);
      }
    } else {
      // Algorithm 2: copy the first set, subtract the others.
      for (const m of head.value) b.add(m);
      for (let j = 1; j < sets.length && b.size !== 0; j++) {
        const s = sets[j];
        if (s) for (const m of s.value) b.remove(m);
      }
    }
  }
  if (dst === null) return setReply(bulksOf(b.ordered()));
  return storeResult(c, dst, b, union ? 'sunionstore' : 'sdiffstore');
}

// ---- SSCAN -----------------------------------------------------------------------------------

/** Cursor = id * 2^32 + position: the id tells concurrent iterations of one set apart. */
const CURSOR_POS_SPAN = 4294967296;
/** Iterations remembered per set; the oldest is forgotten past this. */
const MAX_SCANS_PER_SET = 32;

/**
 * One batch of a hashtable set's SSCAN. Members come in the Set's insertion order from a live
 * iterator kept between calls, so the guarantee is Redis's and better: a member present from
 * the first call to the last is returned exactly once; members added meanwhile may come or not;
 * a member removed and re-added may come twice. If the iteration was forgotten (more than
 * MAX_SCANS_PER_SET at once on one set) the cursor's position is used, stepped back by every
 * removal since the iteration began: duplicates are then possible, misses are not.
 */
function scanHashtable(s: Set<string>, cursor: number, count: number): { next: number; members: string[] } {
  const aux = auxOf(s);
  const scans = aux.scans;
  let state: ScanState | undefined;
  let id = -1;
  if (cursor !== 0) {
    const cid = Math.floor(cursor / CURSOR_POS_SPAN);
    const pos = cursor % CURSOR_POS_SPAN;
    const live = scans.get(cid);
    if (live !== undefined && live.pos === pos) {
      state = live;
      id = cid;
      scans.delete(cid);
    } else {
      // Not the live iteration for this cursor: restart an iterator at a safe position.
      const removalsAtStart = live !== undefined ? live.removalsAtStart : aux.removals;
      const start = Math.max(0, Math.min(s.size, pos - (aux.removals - removalsAtStart)));
      const it = s.values();
      for (let k = 0; k < start; k++) it.next();
      state = { pos: start, removalsAtStart, it, pending: undefined };
    }
  } else {
    state = { pos: 0, removalsAtStart: aux.removals, it: s.values(), pending: undefined };
  }

  const members: string[] = [];
  let done = false;
  let pending = state.pending;
  if (pending !== undefined && !s.has(pending)) pending = undefined;
  while (members.length < count) {
    if (pending !== undefined) {
      members.push(pending);
      pending = undefined;
      continue;
    }
    const r = state.it.next();
    if (r.done === true) {
      done = true;
      break;
    }
    members.push(r.value);
  }
  if (!done && pending === undefined) {
    // Peek, so that a batch that empties the set ends the iteration (cursor 0) at once.
    const r = state.it.next();
    if (r.done === true) done = true;
    else pending = r.value;
  }
  if (done) return { next: 0, members };

  state.pos += members.length;
  state.pending = pending;
  if (id < 0 && state.removalsAtStart === aux.removals) {
    // An iteration at the same position with no removal since either began has consumed the
    // very same members: share its id (typing SSCAN key 0 again keeps the cursors small).
    for (const [other, st] of scans) {
      if (st.pos === state.pos && st.removalsAtStart === aux.removals) {
        id = other;
        scans.delete(other);
        break;
      }
    }
  }
  if (id < 0) {
    id = 0;
    while (scans.has(id)) id++;
  }
  if (scans.size >= MAX_SCANS_PER_SET) scans.delete(scans.keys().next().value!);
  scans.set(id, state);
  return { next: id * CURSOR_POS_SPAN + state.pos, members };
}

function sscanCommand(c: Client, argv: string[]): Reply {
  const scan = collectionScan(c, argv, 'set');
  if ('t' in scan) return scan;
  const { o: obj, cursor, count, pattern } = scan;

  let next = 0;
  let members: string[];
  if (obj.enc === 'intset') {
    // Redis returns a compact encoding whole, with cursor 0.
    members = setMembersInOrder(obj);
  } else {
    const batch = scanHashtable(obj.value, cursor, count);
    next = batch.next;
    members = batch.members;
  }
  if (pattern !== null) {
    const match = globMatcher(pattern);
    members = members.filter(match);
  }
  return array([bulk(String(next)), array(bulksOf(members))]);
}

// ---- the table -------------------------------------------------------------------------------

const command = commandGroup('set', 'set');

// One line a command, so the table reads as a table.
// prettier-ignore
export const setCommands: CommandSpec[] = [
  command('sadd', -3, 'write denyoom fast', [key(1, 'RW insert')], saddCommand, { since: '1.0.0', complexity: 'O(1) per member added', summary: 'Put members into a set, creating it if needed; answers how many were new', syntax: 'key member [member ...]' }),
  command('srem', -3, 'write fast', [key(1, 'RW delete')], sremCommand, { since: '1.0.0', complexity: 'O(1) per member removed', summary: 'Take members out of a set (an emptied set is deleted); answers how many were there', syntax: 'key member [member ...]' }),
  command('smembers', 2, 'readonly', [key(1, 'RO access')], (c, argv) => sinterGeneric(c, argv, 1, 2, null, INTER_REPLY, 0), { since: '1.0.0', complexity: 'O(N) in the size of the set', tips: 'nondeterministic_output_order', summary: 'List every member of a set', syntax: 'key' }),
  command('sismember', 3, 'readonly fast', [key(1, 'RO')], sismemberCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Tell whether a value is a member of a set (1 or 0)', syntax: 'key member' }),
  command('smismember', -3, 'readonly fast', [key(1, 'RO access')], smismemberCommand, { since: '6.2.0', complexity: 'O(N) in the number of values asked about', summary: 'Tell for each of several values whether it is a member of a set', syntax: 'key member [member ...]' }),
  command('scard', 2, 'readonly fast', [key(1, 'RO')], scardCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Count the members of a set', syntax: 'key' }),
  command('spop', -2, 'write fast', [key(1, 'RW access delete')], spopCommand, { since: '1.0.0', complexity: 'O(1) without count, else O(N) in the count', tips: 'nondeterministic_output', summary: 'Remove and return one or several members picked at random', syntax: 'key [count]' }),
  command('srandmember', -2, 'readonly', [key(1, 'RO access')], srandmemberCommand, { since: '1.0.0', complexity: 'O(1) without count, else O(N) in the absolute count', tips: 'nondeterministic_output', summary: 'Return random members without removing them (a negative count may repeat members)', syntax: 'key [count]' }),
  command('smove', 4, 'write fast', [key(1, 'RW access delete'), key(2, 'RW insert')], smoveCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Move a member from one set to another; answers 1 if it was in the source', syntax: 'source destination member' }),
  command('sinter', -2, 'readonly', [keyRange(1, -1, 1, 'RO access')], (c, argv) => sinterGeneric(c, argv, 1, argv.length, null, INTER_REPLY, 0), { since: '1.0.0', complexity: 'O(N*M): N the size of the smallest set, M the number of sets', tips: 'nondeterministic_output_order', summary: 'List the members that all the given sets share', syntax: 'key [key ...]' }),
  command('sintercard', -3, 'readonly', [keyNum(1, 'RO access')], sintercardCommand, { since: '7.0.0', complexity: 'O(N*M): N the size of the smallest set, M the number of sets', summary: 'Count the members the given sets share, optionally stopping at a limit', syntax: 'numkeys key [key ...] [LIMIT limit]' }),
  command('sinterstore', -3, 'write denyoom', [key(1, 'RW update'), keyRange(2, -1, 1, 'RO access')], (c, argv) => sinterGeneric(c, argv, 2, argv.length, argv[1]!, INTER_STORE, 0), { since: '1.0.0', complexity: 'O(N*M): N the size of the smallest set, M the number of sets', summary: 'Store the members all the given sets share under a key; answers the count', syntax: 'destination key [key ...]' }),
  command('sunion', -2, 'readonly', [keyRange(1, -1, 1, 'RO access')], (c, argv) => sunionDiffGeneric(c, argv, 1, argv.length, null, true), { since: '1.0.0', complexity: 'O(N) in the total number of members of the sets', tips: 'nondeterministic_output_order', summary: 'List the members found in any of the given sets', syntax: 'key [key ...]' }),
  command('sunionstore', -3, 'write denyoom', [key(1, 'OW update'), keyRange(2, -1, 1, 'RO access')], (c, argv) => sunionDiffGeneric(c, argv, 2, argv.length, argv[1]!, true), { since: '1.0.0', complexity: 'O(N) in the total number of members of the sets', summary: 'Store the members found in any of the given sets under a key; answers the count', syntax: 'destination key [key ...]' }),
  command('sdiff', -2, 'readonly', [keyRange(1, -1, 1, 'RO access')], (c, argv) => sunionDiffGeneric(c, argv, 1, argv.length, null, false), { since: '1.0.0', complexity: 'O(N) in the total number of members of the sets', tips: 'nondeterministic_output_order', summary: 'List the members of the first set that none of the other sets has', syntax: 'key [key ...]' }),
  command('sdiffstore', -3, 'write denyoom', [key(1, 'OW update'), keyRange(2, -1, 1, 'RO access')], (c, argv) => sunionDiffGeneric(c, argv, 2, argv.length, argv[1]!, false), { since: '1.0.0', complexity: 'O(N) in the total number of members of the sets', summary: 'Store the members of the first set that no other given set has; answers the count', syntax: 'destination key [key ...]' }),
  command('sscan', -3, 'readonly', [key(1, 'RO access')], sscanCommand, { since: '2.8.0', complexity: 'O(1) per call, O(N) for a whole iteration', tips: 'nondeterministic_output', summary: 'Walk the members of a set a batch at a time with a cursor, optionally filtered', syntax: 'key cursor [MATCH pattern] [COUNT count]' }),
];
