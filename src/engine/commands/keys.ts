// The GENERIC keyspace group and the database-level commands (Redis's db.c and object.c):
// DEL, UNLINK, EXISTS, TYPE, KEYS, SCAN, RANDOMKEY, RENAME, RENAMENX, COPY, MOVE, TOUCH, OBJECT,
// DBSIZE, FLUSHDB, FLUSHALL, SWAPDB. Type-generic wherever Redis is: nothing here looks inside
// a value except OBJECT ENCODING/REFCOUNT.

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key, keyRange } from '../command-decl.js';
import type { Database } from '../database.js';
import * as E from '../../shared/errors.js';
import { globMatcher } from '../../shared/glob.js';
import { addKey, deleteKey, expireIfNeeded, getExpireExact, lookupIn, lookupNoTouch, lookupRead, lookupWrite, setExpire } from '../keyspace.js';
import { parseIntArg } from '../numbers.js';
import { flag, parseOptions, type Option } from '../options.js';
import { duplicateObject, idleSeconds, lfuDecrAndReturn, objectEncoding, stringEncoding, type RObj } from '../objects.js';
import { cancelBackgroundSave, saveToStorage } from '../persistence.js';
import { array, bulk, error, int, NIL, OK, ONE, simple, ZERO, type Reply } from '../../shared/reply.js';
import { isOpt, cString } from '../../shared/args.js';
import { NOT_INTEGER_R, SYNTAX_R } from '../error-replies.js';

// ---- shared helpers ------------------------------------------------------------------------

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const INT_RANGE_R = error(E.valueOutOfRange(INT_MIN, INT_MAX));

/** getIntFromObjectOrReply: an int64 that also fits a C int, else null. */
function parseCInt(s: string): number | null {
  const n = parseIntArg(s);
  return n === null || n > INT_MAX || n < INT_MIN ? null : n;
}

/** getIntFromObjectOrReply's two errors: not an integer, or outside a C int. */
function cIntError(s: string): Reply {
  return parseIntArg(s) === null ? NOT_INTEGER_R : INT_RANGE_R;
}

/** The database at `index`, or undefined when out of range (selectDb's check). */
function dbAt(c: Client, index: number): Database | undefined {
  const dbs = c.engine.dbs;
  return index >= 0 && index < dbs.length ? dbs[index] : undefined;
}

/** True when the key's TTL is past (keyIsExpired), without deleting it. */
function isExpired(c: Client, db: Database, key: string): boolean {
  const when = db.expires.get(key);
  return when !== undefined && when < c.engine.now;
}

// ---- DEL, UNLINK, EXISTS, TYPE, TOUCH ------------------------------------------------------

/** delGenericCommand: UNLINK frees memory in the background in Redis; the reply is the same. */
function delCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  const db = c.db;
  // delGenericCommand: UNLINK, or DEL with lazyfree-lazy-user-del, frees big values in the background.
  const lazy = argv[0]!.toLowerCase() === 'unlink' || engine.config.lazyfreeLazyUserDel;
  let deleted = 0;
  for (let j = 1; j < argv.length; j++) {
    const key = argv[j]!;
    if (db.expires.size !== 0) expireIfNeeded(engine, db, key);
    if (deleteKey(engine, db, key, lazy)) {
      engine.notify('g', 'del', key, db);
      deleted++;
    }
  }
  return int(deleted);
}

function existsCommand(c: Client, argv: string[]): Reply {
  let count = 0;
  for (let j = 1; j < argv.length; j++) if (lookupNoTouch(c, argv[j]!) !== undefined) count++;
  return int(count);
}

const TYPE_NONE = simple('none');
/** TYPE's answer for each value type, made once. */
const TYPE_REPLIES: Readonly<Record<RObj['type'], Reply>> = {
  string: simple('string'),
  list: simple('list'),
  hash: simple('hash'),
  set: simple('set'),
  zset: simple('zset'),
  stream: simple('stream'),
};

function typeCommand(c: Client, argv: string[]): Reply {
  const obj = lookupNoTouch(c, argv[1]!);
  if (obj === undefined) return TYPE_NONE;
  return TYPE_REPLIES[obj.type];
}

function touchCommand(c: Client, argv: string[]): Reply {
  let touched = 0;
  for (let j = 1; j < argv.length; j++) if (lookupRead(c, argv[j]!) !== undefined) touched++;
  return int(touched);
}

// ---- KEYS, SCAN, RANDOMKEY -------------------------------------------------------------------

function keysCommand(c: Client, argv: string[]): Reply {
  const pattern = argv[1]!;
  const db = c.db;
  const allKeys = pattern === '*';
  const match = allKeys ? null : globMatcher(pattern);
  const checkTtl = db.expires.size !== 0;
  const out: Reply[] = [];
  for (const key of db.dict.keys()) {
    if (match !== null && !match(key)) continue;
    if (checkTtl && isExpired(c, db, key)) continue;
    out.push(bulk(key));
  }
  return array(out);
}

const ULONG_MAX = 18446744073709551615n;

/** What the SCAN family's options ask for (scanGenericCommand). */
export interface ScanOptions {
  count: number;
  /** null when every element matches (no MATCH, or MATCH *). */
  pattern: string | null;
  /** SCAN's TYPE filter, lower case; null without TYPE. */
  typeName: string | null;
}

/** SCAN's options; `withType` (SCAN, not SSCAN/HSCAN/ZSCAN) allows TYPE. */
interface ScanParse extends ScanOptions {
  readonly withType: boolean;
}

const SCAN_OPTIONS: readonly Option<ScanParse>[] = [
  {
    name: 'count',
    values: 1,
    read: (o, argv, at) => {
      const n = parseIntArg(argv[at + 1]!);
      if (n === null) return NOT_INTEGER_R;
      if (n < 1) return SYNTAX_R;
      o.count = n;
    },
  },
  {
    name: 'match',
    values: 1,
    read: (o, argv, at) => {
      const p = argv[at + 1]!;
      // Exactly "*" matches everything: no pattern to test.
      o.pattern = p === '*' ? null : p;
    },
  },
  { name: 'type', values: 1, when: (o) => o.withType, read: (o, argv, at) => void (o.typeName = cString(argv[at + 1]!).toLowerCase()) },
];

/**
 * scanGenericCommand's options from argv[start]: COUNT n (≥ 1), MATCH pattern and, for SCAN
 * only (`withType`), TYPE name. Returns the error reply for anything else.
 */
export function parseScanOptions(argv: readonly string[], start: number, withType: boolean): ScanOptions | Reply {
  const o: ScanParse = { withType, count: 10, pattern: null, typeName: null };
  const parsed = parseOptions(argv, start, SCAN_OPTIONS, o);
  if (typeof parsed === 'object') return parsed;
  return { count: o.count, pattern: o.pattern, typeName: o.typeName };
}

/**
 * parseScanCursorOrReply: strtoul rules on the argument as a C string: no leading space, an
 * optional sign (a negative cursor wraps modulo 2^64), decimal digits only, nothing after
 * them; the empty string is cursor 0. Returns null for "invalid cursor".
 */
export function parseScanCursor(arg: string): number | null {
  const s = cString(arg);
  const len = s.length;
  if (len === 0) return 0;
  let i = 0;
  const first = s.charCodeAt(0);
  if (first === 32 || (first >= 9 && first <= 13)) return null;
  let negative = false;
  if (first === 43 || first === 45) {
    negative = first === 45;
    i = 1;
  }
  if (i === len) return null;
  let small = 0;
  for (let k = i; k < len; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return null;
    small = small * 10 + d;
  }
  if (small <= Number.MAX_SAFE_INTEGER && !negative) return small;
  // Long or negative: only the magnitude matters to us (any cursor past the slots ends the
  // iteration), but the range check must be exact.
  const big = BigInt(s.slice(i));
  if (big > ULONG_MAX) return null;
  const v = negative && big !== 0n ? ULONG_MAX + 1n - big : big;
  return Number(v);
}

function scanCommand(c: Client, argv: string[]): Reply {
  const cursor = parseScanCursor(argv[1]!);
  if (cursor === null) return error(E.INVALID_CURSOR);
  const opts = parseScanOptions(argv, 2, true);
  if ('t' in opts) return opts;
  const { count, pattern, typeName } = opts;

  const db = c.db;
  const found: string[] = [];
  const next = db.scan(cursor, count, (key) => found.push(key));

  const match = pattern === null ? null : globMatcher(pattern);
  const out: Reply[] = [];
  for (const key of found) {
    if (match !== null && !match(key)) continue;
    if (typeName !== null) {
      const obj = lookupNoTouch(c, key);
      if ((obj === undefined ? 'none' : obj.type) !== typeName) continue;
    }
    if (db.expires.size !== 0 && expireIfNeeded(c.engine, db, key)) continue;
    out.push(bulk(key));
  }
  return array([bulk(String(next)), array(out)]);
}

/** dbRandomKey: a random key; keys found expired on the way are deleted and another is drawn. */
function randomkeyCommand(c: Client): Reply {
  const db = c.db;
  const engine = c.engine;
  for (;;) {
    const key = db.randomKey(engine.random);
    if (key === undefined) return NIL;
    if (db.expires.has(key) && expireIfNeeded(engine, db, key)) continue;
    return bulk(key);
  }
}

// ---- RENAME, RENAMENX, MOVE, COPY -----------------------------------------------------------

/**
 * What RENAME and MOVE end with: the object and its expire leave `from` (unlinked first, so the
 * object takes a new slot under its new name) for `to`, both keys are signalled, and
 * `<event>_from` then `<event>_to` fire.
 */
function relocateKey(c: Client, obj: RObj, from: { db: Database; key: string }, to: { db: Database; key: string }, event: 'rename' | 'move'): void {
  const engine = c.engine;
  const expire = getExpireExact(from.db, from.key);
  from.db.remove(from.key);
  addKey(engine, to.db, to.key, obj);
  if (expire !== -1) setExpire(to.db, to.key, expire);
  engine.signalModifiedKey(from.db, from.key);
  engine.signalModifiedKey(to.db, to.key);
  engine.notify('g', `${event}_from`, from.key, from.db);
  engine.notify('g', `${event}_to`, to.key, to.db);
}

function renameGeneric(c: Client, argv: string[], nx: boolean): Reply {
  const src = argv[1]!;
  const dst = argv[2]!;
  const db = c.db;
  const obj = lookupWrite(c, src);
  if (obj === undefined) return error(E.NO_SUCH_KEY);
  if (src === dst) return nx ? ZERO : OK;
  if (lookupWrite(c, dst) !== undefined) {
    if (nx) return ZERO;
    db.remove(dst);
  }
  relocateKey(c, obj, { db, key: src }, { db, key: dst }, 'rename');
  return nx ? ONE : OK;
}

function moveCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const src = c.db;
  const index = parseCInt(argv[2]!);
  if (index === null) return cIntError(argv[2]!);
  const dst = dbAt(c, index);
  if (dst === undefined) return error(E.DB_INDEX_OUT_OF_RANGE);
  if (dst === src) return error(E.SAME_OBJECT);
  const obj = lookupWrite(c, key);
  if (obj === undefined) return ZERO;
  if (lookupIn(c.engine, dst, key) !== undefined) return ZERO;
  relocateKey(c, obj, { db: src, key }, { db: dst, key }, 'move');
  return ONE;
}

/** COPY's options; `client` is the caller, whose databases DB names. */
interface CopyOptions {
  readonly client: Client;
  replace: boolean;
  dst: Database;
}

const COPY_OPTIONS: readonly Option<CopyOptions>[] = [
  flag('replace'),
  {
    name: 'db',
    values: 1,
    read: (o, argv, at) => {
      const arg = argv[at + 1]!;
      const index = parseCInt(arg);
      if (index === null) return cIntError(arg);
      const db = dbAt(o.client, index);
      if (db === undefined) return error(E.DB_INDEX_OUT_OF_RANGE);
      o.dst = db;
    },
  },
];

function copyCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const newKey = argv[2]!;
  const engine = c.engine;
  const src = c.db;
  const opts: CopyOptions = { client: c, replace: false, dst: src };
  const parsed = parseOptions(argv, 3, COPY_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  const { replace, dst } = opts;
  if (src === dst && key === newKey) return error(E.SAME_OBJECT);
  const obj = lookupRead(c, key);
  if (obj === undefined) return ZERO;
  const expire = getExpireExact(src, key);
  const exists = lookupIn(engine, dst, newKey) !== undefined;
  if (exists && !replace) return ZERO;
  const copy = duplicateObject(obj);
  if (exists) dst.remove(newKey);
  addKey(engine, dst, newKey, copy);
  if (expire !== -1) setExpire(dst, newKey, expire);
  engine.signalModifiedKey(dst, newKey);
  engine.notify('g', 'copy_to', newKey, dst);
  return ONE;
}

// ---- OBJECT --------------------------------------------------------------------------------

/** Redis's OBJ_SHARED_REFCOUNT: the refcount of the shared integers 0..9999. */
const SHARED_REFCOUNT = 2147483647;
const OBJ_SHARED_INTEGERS = 10000;

function maxmemoryPolicy(c: Client): string {
  return c.engine.config.get('maxmemory-policy') ?? 'noeviction';
}

/**
 * OBJECT REFCOUNT: Redis shares one object for each integer 0..9999 (stored 'int'-encoded by
 * SET, INCR & co.) unless an LRU/LFU maxmemory policy is active; COPY makes unshared copies.
 */
export function refCount(c: Client, obj: RObj): number {
  if (obj.type !== 'string' || obj.unsharedValue === obj.value || stringEncoding(obj) !== 'int') return 1;
  const p = maxmemoryPolicy(c);
  if (c.engine.config.get('maxmemory') !== '0' && (p.endsWith('-lru') || p.endsWith('-lfu'))) return 1;
  const v = parseIntArg(obj.value);
  return v !== null && v >= 0 && v < OBJ_SHARED_INTEGERS ? SHARED_REFCOUNT : 1;
}

function objectEncodingCommand(c: Client, argv: string[]): Reply {
  const obj = lookupNoTouch(c, argv[2]!, false);
  return obj === undefined ? NIL : bulk(objectEncoding(obj));
}

function objectRefcountCommand(c: Client, argv: string[]): Reply {
  const obj = lookupNoTouch(c, argv[2]!, false);
  return obj === undefined ? NIL : int(refCount(c, obj));
}

function objectIdletimeCommand(c: Client, argv: string[]): Reply {
  const obj = lookupNoTouch(c, argv[2]!, false);
  if (obj === undefined) return NIL;
  if (c.engine.config.lfu) return error(E.LFU_SELECTED);
  return int(idleSeconds(c.db.accessOf(argv[2]!), c.engine.now));
}

function objectFreqCommand(c: Client, argv: string[]): Reply {
  const obj = lookupNoTouch(c, argv[2]!, false);
  if (obj === undefined) return NIL;
  const config = c.engine.config;
  if (!config.lfu) return error(E.LFU_NOT_SELECTED);
  return int(lfuDecrAndReturn(c.db.accessOf(argv[2]!), config.lfuDecayTime, c.engine.now));
}

// ---- DBSIZE, FLUSHDB, FLUSHALL, SWAPDB -------------------------------------------------------

function dbsizeCommand(c: Client): Reply {
  return int(c.db.size);
}

/** getFlushCommandFlags: nothing, SYNC or ASYNC (all flush at once here). */
function flushArgsOk(argv: string[]): boolean {
  if (argv.length === 1) return true;
  return argv.length === 2 && (isOpt(argv[1]!, 'sync') || isOpt(argv[1]!, 'async'));
}

/** ASYNC, or no option with lazyfree-lazy-user-flush: emptyDbAsync frees every key in the background. */
function flushAsync(c: Client, argv: string[]): boolean {
  return argv.length === 2 ? isOpt(argv[1]!, 'async') : c.engine.config.lazyfreeLazyUserFlush;
}

function flushDb(c: Client, db: Database, async: boolean): void {
  const engine = c.engine;
  if (async) engine.stats.lazyfreedObjects += db.size;
  engine.blocking.scanForDeletedStreams(db.id, db, null);
  engine.touchAllWatchedKeysInDb(db);
  engine.changesSinceLastSave += db.size;
  db.clear();
  engine.changedWholeDb('flushdb', db);
}

function flushdbCommand(c: Client, argv: string[]): Reply {
  if (!flushArgsOk(argv)) return SYNTAX_R;
  flushDb(c, c.db, flushAsync(c, argv));
  // Propagated even when the database was already empty.
  c.engine.forcePropagation(c);
  return OK;
}

function flushallCommand(c: Client, argv: string[]): Reply {
  if (!flushArgsOk(argv)) return SYNTAX_R;
  // flushAllDataAndResetRDB kills a saving child: its image is of data that is gone.
  cancelBackgroundSave(c.engine);
  const async = flushAsync(c, argv);
  for (const db of c.engine.dbs) flushDb(c, db, async);
  // flushAllDataAndResetRDB: with save points, the (empty) dataset is saved at once, as SAVE.
  if (c.engine.config.saveParams.length > 0) saveToStorage(c.engine);
  c.engine.forcePropagation(c);
  return OK;
}

function swapdbCommand(c: Client, argv: string[]): Reply {
  const id1 = parseCInt(argv[1]!);
  if (id1 === null) return error(E.INVALID_FIRST_DB_INDEX);
  const id2 = parseCInt(argv[2]!);
  if (id2 === null) return error(E.INVALID_SECOND_DB_INDEX);
  const db1 = dbAt(c, id1);
  const db2 = dbAt(c, id2);
  if (db1 === undefined || db2 === undefined) return error(E.DB_INDEX_OUT_OF_RANGE);
  if (db1 === db2) return OK;
  const engine = c.engine;
  engine.blocking.scanForDeletedStreams(id1, db1, db2);
  engine.blocking.scanForDeletedStreams(id2, db2, db1);
  // A transaction watching a key that exists on either side must fail.
  engine.touchAllWatchedKeysInDb(db1, db2);
  engine.touchAllWatchedKeysInDb(db2, db1);
  // Clients stay on their index, so they now see the other contents; so do watched keys.
  engine.dbs[id1] = db2;
  engine.dbs[id2] = db1;
  db1.id = id2;
  db2.id = id1;
  engine.changedWholeDb('swapdb', db1);
  engine.changedWholeDb('swapdb', db2);
  for (const cl of engine.clients.values()) {
    if (cl.db === db1) cl.db = db2;
    else if (cl.db === db2) cl.db = db1;
    for (const w of cl.watched.values()) {
      if (w.db === db1) w.db = db2;
      else if (w.db === db2) w.db = db1;
    }
  }
  engine.changesSinceLastSave++;
  return OK;
}

// ---- the table -------------------------------------------------------------------------------

const command = commandGroup('generic', 'keyspace');
/** DBSIZE, FLUSHDB, FLUSHALL, SWAPDB: Redis files them under server, though they act on keys. */
const serverCommand = commandGroup('server', 'keyspace');

// One line a command, so the table reads as a table.
// prettier-ignore
export const keyCommands: CommandSpec[] = [
  command('del', -2, 'write', [keyRange(1, -1, 1, 'RM delete')], delCommand, { since: '1.0.0', complexity: 'O(N) in the number of keys, plus the size of each removed collection', tips: 'request_policy:multi_shard response_policy:agg_sum', summary: 'Remove keys; answers how many existed', syntax: 'key [key ...]' }),
  command('unlink', -2, 'write fast', [keyRange(1, -1, 1, 'RM delete')], delCommand, { since: '4.0.0', complexity: 'O(1) per key; freeing large values happens later', tips: 'request_policy:multi_shard response_policy:agg_sum', summary: 'Remove keys at once and reclaim their memory in the background', syntax: 'key [key ...]' }),
  command('exists', -2, 'readonly fast', [keyRange(1, -1, 1, 'RO')], existsCommand, { since: '1.0.0', complexity: 'O(N) in the number of keys given', tips: 'request_policy:multi_shard response_policy:agg_sum', summary: 'Count how many of the given keys exist (a key named twice counts twice)', syntax: 'key [key ...]' }),
  command('type', 2, 'readonly fast', [key(1, 'RO')], typeCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Name the type of the value at a key, or none', syntax: 'key' }),
  command('keys', 2, 'readonly', [], keysCommand, { since: '1.0.0', complexity: 'O(N) in the number of keys in the database', acl: 'dangerous', tips: 'request_policy:all_shards nondeterministic_output_order', summary: 'List every key matching a glob pattern (blocks on big databases: prefer SCAN)', syntax: 'pattern' }),
  command('scan', -2, 'readonly', [], scanCommand, { since: '2.8.0', complexity: 'O(1) per call, O(N) for a whole iteration', tips: 'nondeterministic_output request_policy:special', summary: 'Walk the keyspace a few keys at a time with a cursor, optionally filtered', syntax: 'cursor [MATCH pattern] [COUNT count] [TYPE type]' }),
  command('randomkey', 1, 'readonly', [], randomkeyCommand, { since: '1.0.0', complexity: 'O(1)', tips: 'request_policy:all_shards nondeterministic_output', summary: 'Pick a key at random' }),
  command('rename', 3, 'write', [key(1, 'RW access delete'), key(2, 'OW update')], (c, argv) => renameGeneric(c, argv, false), { since: '1.0.0', complexity: 'O(1)', summary: 'Give a key a new name, replacing any key already called that', syntax: 'key newkey' }),
  command('renamenx', 3, 'write fast', [key(1, 'RW access delete'), key(2, 'OW insert')], (c, argv) => renameGeneric(c, argv, true), { since: '1.0.0', complexity: 'O(1)', summary: 'Rename a key only when the new name is free', syntax: 'key newkey' }),
  command('copy', -3, 'write denyoom', [key(1, 'RO access'), key(2, 'OW update')], copyCommand, { since: '6.2.0', complexity: 'O(1) for strings, O(N) in the number of elements for collections', summary: 'Duplicate the value of a key under another name, possibly in another database', syntax: 'source destination [DB destination-db] [REPLACE]' }),
  command('move', 3, 'write fast', [key(1, 'RW access update')], moveCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Move a key to another database unless the name is taken there', syntax: 'key db' }),
  command('touch', -2, 'readonly fast', [keyRange(1, -1, 1, 'RO')], touchCommand, { since: '3.2.1', complexity: 'O(N) in the number of keys given', tips: 'request_policy:multi_shard response_policy:agg_sum', summary: 'Mark keys as just accessed; answers how many exist', syntax: 'key [key ...]' }),
  command.container('object', -2, { since: '2.2.3', complexity: 'Depends on the subcommand', summary: 'Look at how a value is stored: encoding, references, idle time, access frequency' }, [
    command('freq', 3, 'readonly', [key(2, 'RO')], objectFreqCommand, { since: '4.0.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'Show the logarithmic access counter of a key (LFU eviction policies only)', syntax: 'key' }),
    command('refcount', 3, 'readonly', [key(2, 'RO')], objectRefcountCommand, { since: '2.2.3', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'Show how many references the value of a key has', syntax: 'key' }),
    command('idletime', 3, 'readonly', [key(2, 'RO')], objectIdletimeCommand, { since: '2.2.3', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'Show how many seconds ago a key was last read or written', syntax: 'key' }),
    command('encoding', 3, 'readonly', [key(2, 'RO')], objectEncodingCommand, { since: '2.2.3', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'Show the internal representation of the value of a key', syntax: 'key' }),
    command.help('object', '6.2.0'),
  ]),
  serverCommand('dbsize', 1, 'readonly fast', [], dbsizeCommand, { since: '1.0.0', complexity: 'O(1)', tips: 'request_policy:all_shards response_policy:agg_sum', summary: 'Count the keys of the selected database' }),
  serverCommand('flushdb', -1, 'write', [], flushdbCommand, { since: '1.0.0', complexity: 'O(N) in the number of keys of the database', acl: 'dangerous', tips: 'request_policy:all_shards response_policy:all_succeeded', summary: 'Delete every key of the selected database', syntax: '[ASYNC|SYNC]' }),
  serverCommand('flushall', -1, 'write', [], flushallCommand, { since: '1.0.0', complexity: 'O(N) in the number of keys of all databases', acl: 'dangerous', tips: 'request_policy:all_shards response_policy:all_succeeded', summary: 'Delete every key of every database', syntax: '[ASYNC|SYNC]' }),
  serverCommand('swapdb', 3, 'write fast', [], swapdbCommand, { since: '4.0.0', complexity: 'O(N) in the number of clients watching or blocked on keys of either database', acl: 'dangerous', summary: 'Exchange the contents of two databases for every client at once', syntax: 'index1 index2' }),
];
