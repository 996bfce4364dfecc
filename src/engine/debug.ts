// DEBUG (Redis's debug.c), allowed only as enable-debug-command says (engine.ts checks it before
// the handler runs). The subcommands Redis's own test suite sends to a server it did not start
// are here, with Redis's replies and errors: DIGEST and DIGEST-VALUE (the SHA-1 dataset digest),
// OBJECT, RELOAD, SLEEP, SET-ACTIVE-EXPIRE, QUICKLIST-PACKED-THRESHOLD, POPULATE, PROTOCOL and the
// small ones, and LOADAOF where the host keeps AOF files. Those that crash, restart or inspect
// the C process (SEGFAULT, PANIC, RESTART, MALLCTL, HTSTATS, SDSLEN …) cannot mean anything
// here and answer as an unknown subcommand does.
// One of the engine's late parts (late.ts): the browser refuses DEBUG (enable-debug-command no),
// and the server has its late parts at once.

import { cString } from '../shared/args.js';
import type { Client } from './client.js';
import type { Database } from './database.js';
import type { Engine } from './engine.js';
import * as E from '../shared/errors.js';
import { memtoull } from './config.js';
import { newReplicationHistory } from './replication.js';
import { atoi } from './getkeys.js';
import { addKey, lookupNoTouch, lookupWrite } from './keyspace.js';
import { formatDouble, parseInt64 } from './numbers.js';
import { createString, idleSeconds, objectEncoding, type RObj } from './objects.js';
import { loadSnapshot, rdbWriterOptions, saveToStorage, snapshot } from './persistence.js';
import { RdbError, RdbWriter } from './rdb.js';
import { quicklistFill, quicklistLayout } from './rdb-encodings.js';
import { U64_MAX } from './ds/stream.js';
import { sha1Bytes } from './scripting/sha1.js';
import { helpReply } from './help-reply.js';
import { refCount } from './commands/keys.js';
import { array, bigNumber, bool, bulk, double, error, int, map, NIL, OK, push, set, simple, verbatim, type Reply } from '../shared/reply.js';
import { NOT_INTEGER_R } from './error-replies.js';

// ================================================================================================
// Digests (debug.c xorDigest, mixDigest, xorObjectDigest, computeDatasetDigest)
// ================================================================================================

/** Digests are 20-byte strings (one char a byte). */
const ZERO_DIGEST = '\0'.repeat(20);

function xorBytes(a: string, b: string): string {
  let out = '';
  for (let i = 0; i < 20; i++) out += String.fromCharCode(a.charCodeAt(i) ^ b.charCodeAt(i));
  return out;
}

/** xorDigest: digest ^= SHA1(data), so order does not matter (set members, hash fields, keys). */
function xorDigest(digest: string, data: string): string {
  return xorBytes(digest, sha1Bytes(data));
}

/** mixDigest: SHA1(digest xor SHA1(data)), so order matters (list elements, stream entries). */
function mixDigest(digest: string, data: string): string {
  return sha1Bytes(xorDigest(digest, data));
}

/** A 32-bit number in network order (the htonl'd type and database id Redis mixes in). */
function u32be(n: number): string {
  return String.fromCharCode((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** OBJ_STRING … OBJ_STREAM (OBJ_MODULE, 5, has no counterpart). */
const TYPE_CODE: Readonly<Record<RObj['type'], number>> = { string: 0, list: 1, set: 2, zset: 3, hash: 4, stream: 6 };

/**
 * xorObjectDigest: the value's digest mixed into `digest`. Elements are read as Redis reads
 * them, so every encoding of the same contents gives the same digest, except that a listpack
 * keeps a score of -0 as the integer 0.
 */
function objectDigest(db: Database, key: string, obj: RObj, digest: string): string {
  let d = mixDigest(digest, u32be(TYPE_CODE[obj.type]));
  switch (obj.type) {
    case 'string':
      d = mixDigest(d, obj.value);
      break;
    case 'list':
      for (const s of obj.value) d = mixDigest(d, s);
      break;
    case 'set':
      for (const m of obj.value) d = xorDigest(d, m);
      break;
    case 'zset': {
      const listpack = obj.enc === 'listpack';
      for (const [member, score] of obj.value) {
        const shown = formatDouble(listpack && score === 0 ? 0 : score);
        d = xorDigest(d, mixDigest(mixDigest(ZERO_DIGEST, member), shown));
      }
      break;
    }
    case 'hash':
      for (const [field, value] of obj.value) d = xorDigest(d, mixDigest(mixDigest(ZERO_DIGEST, field), value));
      break;
    case 'stream':
      obj.value.range(0n, 0n, U64_MAX, U64_MAX, false, (e) => {
        d = mixDigest(d, `${e.ms}.${e.seq}`);
        for (const f of e.fields) d = mixDigest(d, f);
        return true;
      });
      break;
  }
  return db.expires.has(key) ? xorDigest(d, '!!expire!!') : d;
}

/** computeDatasetDigest: every database's id, then the xor of its key-value digests. */
export function datasetDigest(engine: Engine): string {
  let final = ZERO_DIGEST;
  for (const db of engine.dbs) {
    if (db.size === 0) continue;
    final = mixDigest(final, u32be(db.id));
    for (const [key, obj] of db.dict) final = xorDigest(final, objectDigest(db, key, obj, mixDigest(ZERO_DIGEST, key)));
  }
  return final;
}

function hex(digest: string): string {
  let out = '';
  for (let i = 0; i < digest.length; i++) out += digest.charCodeAt(i).toString(16).padStart(2, '0');
  return out;
}

function digestCommand(c: Client): Reply {
  return simple(hex(datasetDigest(c.engine)));
}

/** DIGEST-VALUE key …: each value's digest alone, zeros for a missing key; expired keys count. */
function digestValueCommand(c: Client, argv: string[]): Reply {
  const out: Reply[] = [];
  for (let j = 2; j < argv.length; j++) {
    const obj = c.db.peek(argv[j]!);
    out.push(simple(hex(obj === undefined ? ZERO_DIGEST : objectDigest(c.db, argv[j]!, obj, ZERO_DIGEST))));
  }
  return array(out);
}

// ================================================================================================
// OBJECT, LISTPACK, QUICKLIST
// ================================================================================================

/**
 * A stand-in for the object's address (Redis prints the pointer): stable for a key's life, as
 * an object changed in place keeps its address, and the same for keys sharing an integer.
 */
function fakeAddress(db: Database, key: string, obj: RObj, shared: boolean): string {
  const n = shared && obj.type === 'string' ? 0x7f0a00000000 + Number(obj.value) * 16 : 0x7f1000000000 + db.id * 0x10000000 + db.dict.find(key) * 48;
  return '0x' + n.toString(16);
}

/**
 * printf's %.2f of count/len, glibc's way: the exact value rounded, a tie to even (toFixed
 * breaks ties upward). A tie needs an exact binary value, so len/gcd is a power of two.
 */
function fixed2(count: number, len: number): string {
  const x = count / len;
  const twice = count * 200;
  if (twice % len === 0 && (twice / len) % 2 === 1) {
    const down = (Math.floor(x * 100) / 100).toFixed(2);
    return Math.floor(x * 100) % 2 === 0 ? down : ((Math.floor(x * 100) + 1) / 100).toFixed(2);
  }
  return x.toFixed(2);
}

/** The quicklist fields DEBUG OBJECT adds for a list, from the nodes its RDB form cuts. */
function quicklistExtra(engine: Engine, list: Iterable<string>, count: number): string {
  const cfg = engine.config;
  const nodes = quicklistLayout(list, cfg.listMaxListpackSize, engine.debugSettings.quicklistPackedThreshold);
  let bytes = 0;
  for (const n of nodes) bytes += n.length;
  return (
    ` ql_nodes:${nodes.length} ql_avg_node:${fixed2(count, nodes.length)} ql_listpack_max:${quicklistFill(cfg.listMaxListpackSize)}` +
    ` ql_compressed:${cfg.listCompressDepth !== 0 ? 1 : 0} ql_uncompressed_size:${bytes}`
  );
}

/** OBJECT key: the stored value as it is (no expiry check, no access), Redis's one line. */
function objectCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  const key = argv[2]!;
  const obj = c.db.peek(key);
  if (obj === undefined) return error(E.NO_SUCH_KEY);
  const refcount = refCount(c, obj);
  const serialized = new RdbWriter(rdbWriterOptions(engine)).value(obj).length;
  // Under an LFU policy the idle time is LFU's minute and counter misread as an LRU clock, as
  // Redis prints it.
  const lru = c.db.accessOf(key);
  const idle = idleSeconds(lru, engine.now);
  const extra = obj.type === 'list' ? quicklistExtra(engine, obj.value, obj.value.length) : '';
  return simple(
    `Value at:${fakeAddress(c.db, key, obj, refcount !== 1)} refcount:${refcount} encoding:${objectEncoding(obj)} serializedlength:${serialized} lru:${lru} lru_seconds_idle:${idle}${extra}`,
  );
}

/** LISTPACK key: Redis prints the listpack on its stdout; nobody reads that here. */
function listpackCommand(c: Client, argv: string[]): Reply {
  const obj = lookupNoTouch(c, argv[2]!, false);
  if (obj === undefined) return error(E.NO_SUCH_KEY);
  if ((obj.type !== 'hash' && obj.type !== 'zset') || obj.enc !== 'listpack') return error(E.DEBUG_NOT_LISTPACK);
  return simple('Listpack structure printed on stdout');
}

function quicklistCommand(c: Client, argv: string[]): Reply {
  const obj = lookupNoTouch(c, argv[2]!, false);
  if (obj === undefined) return error(E.NO_SUCH_KEY);
  if (obj.type !== 'list') return error(E.DEBUG_NOT_QUICKLIST);
  return simple('Quicklist structure printed on stdout');
}

// ================================================================================================
// RELOAD
// ================================================================================================

interface ReloadOptions {
  save: boolean;
  flush: boolean;
  merge: boolean;
}

function parseReloadOptions(argv: readonly string[]): ReloadOptions | null {
  const opts: ReloadOptions = { save: true, flush: true, merge: false };
  for (let j = 2; j < argv.length; j++) {
    const o = argv[j]!.toLowerCase();
    if (o === 'merge') opts.merge = true;
    else if (o === 'noflush') opts.flush = false;
    else if (o === 'nosave') opts.save = false;
    else return null;
  }
  return opts;
}

/**
 * RELOAD [MERGE] [NOFLUSH] [NOSAVE]: save (SAVE's way), then load the saved file back, by
 * default after emptying the dataset. An engine without storage reloads the snapshot it just
 * made. A key that NOFLUSH finds twice fails the load (Redis panics) unless MERGE is given.
 */
function reloadCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  const opts = parseReloadOptions(argv);
  if (opts === null) return error(E.DEBUG_RELOAD_OPTIONS);
  let bytes: Uint8Array | null = null;
  if (opts.save) {
    if (engine.storage === undefined) bytes = snapshot(engine);
    if (!saveToStorage(engine)) return error(E.DEBUG_SAVE_FAILED);
  }
  try {
    bytes ??= engine.storage?.load() ?? null;
  } catch {
    bytes = null;
  }
  if (bytes === null) return error(E.DEBUG_RELOAD_FAILED);
  try {
    loadSnapshot(engine, bytes, { noFlush: !opts.flush, merge: opts.merge });
  } catch (e) {
    if (!(e instanceof RdbError)) throw e;
    engine.log('#', e.message);
    return error(E.DEBUG_RELOAD_FAILED);
  }
  engine.log('#', 'DB reloaded by DEBUG RELOAD');
  return OK;
}

/**
 * LOADAOF: the AOF buffer flushed, the dataset (and the libraries) emptied and the AOF files
 * replayed; not counted as changes. A load that fails makes Redis exit; here it answers an
 * error and leaves what was loaded. Without AOF files (the browser) it is unknown.
 */
function loadaofCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  const aof = engine.aof;
  if (aof === null) return error(E.subcommandSyntax(argv[1]!, 'debug'));
  if (aof.on) aof.flush(true);
  for (const db of engine.dbs) {
    if (db.size === 0) continue;
    engine.touchAllWatchedKeysInDb(db);
    db.clear();
  }
  engine.scriptingStarted?.functionsStarted?.clear();
  const status = aof.load();
  engine.changesSinceLastSave = 0;
  if (status !== 'ok' && status !== 'empty') {
    engine.log('#', 'Error loading the append only files for DEBUG LOADAOF');
    return error(E.DEBUG_LOADAOF_FAILED);
  }
  engine.log('#', 'Append Only File loaded by DEBUG LOADAOF');
  return OK;
}

// ================================================================================================
// SLEEP
// ================================================================================================

/** strtod on a prefix, as DEBUG SLEEP reads its argument: "abc" is 0, "1.5s" is 1.5. */
function strtodPrefix(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:(inf(?:inity)?|nan)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))/i.exec(s);
  if (m === null) return 0;
  const v = m[2] !== undefined ? (m[2].toLowerCase().startsWith('inf') ? Infinity : NaN) : Number(m[3]);
  return m[1] === '-' ? -v : v;
}

/**
 * Stops the thread for `ms`: Redis's nanosleep stops the whole server (no client is read, no
 * cron runs, the command's own duration includes it), and so does this, since the engine's
 * thread is the server's. Atomics.wait blocks a Node main thread or a Web Worker without
 * burning a core; where a thread may not wait (no SharedArrayBuffer), a spin does the same.
 */
function blockThread(ms: number): void {
  if (typeof SharedArrayBuffer === 'function') {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      return;
    } catch {
      // A thread that may not wait (a browser's main thread): spin instead.
    }
  }
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spin
  }
}

/** SLEEP seconds (decimals allowed): microseconds as Redis truncates them; none when negative or absurd. */
function sleepCommand(c: Client, argv: string[]): Reply {
  const usec = Math.trunc(strtodPrefix(argv[2]!) * 1_000_000);
  // Past a long long, Redis's conversion gives a negative time and nanosleep returns at once.
  if (Number.isFinite(usec) && usec > 0 && usec < 2 ** 63) {
    blockThread(usec / 1000);
    // A script's time stands still while it runs (scripts block the time, as in Redis).
    if (!c.script) c.engine.now = Math.floor(c.engine.clock.now());
  }
  return OK;
}

// ================================================================================================
// POPULATE
// ================================================================================================

/** getPositiveLongFromObjectOrReply: one message for what is not a number and what is negative. */
function positiveLong(s: string): number | Reply {
  const v = parseInt64(s);
  if (v === null || v < 0n) return error(E.MUST_BE_POSITIVE);
  return Number(v);
}

/** snprintf's "%s:%lu" into Redis's 128-byte buffer: the prefix up to a NUL byte, 127 bytes at most. */
function keyName(prefix: string, j: number): string {
  return `${cString(prefix)}:${j}`.slice(0, 127);
}

/**
 * POPULATE count [prefix] [size]: string keys prefix:0 … holding value:0 … (cut or padded with
 * zero bytes to `size`), skipping keys that exist. Not counted as changes, so not propagated.
 */
function populateCommand(c: Client, argv: string[]): Reply {
  const count = positiveLong(argv[2]!);
  if (typeof count !== 'number') return count;
  let size = 0;
  if (argv.length === 5) {
    const v = positiveLong(argv[4]!);
    if (typeof v !== 'number') return v;
    size = v;
  }
  const engine = c.engine;
  const db = c.db;
  const prefix = argv.length === 3 ? 'key' : argv[3]!;
  const changes = engine.changesSinceLastSave;
  for (let j = 0; j < count; j++) {
    const key = keyName(prefix, j);
    if (lookupWrite(c, key) !== undefined) continue;
    const text = `value:${j}`;
    const value = size === 0 ? text : text.length >= size ? text.slice(0, size) : text + '\0'.repeat(size - text.length);
    addKey(engine, db, key, createString(value));
    engine.signalModifiedKey(db, key);
  }
  engine.changesSinceLastSave = changes;
  return OK;
}

// ================================================================================================
// PROTOCOL
// ================================================================================================

/** PROTOCOL type: a sample reply of each RESP3 type (RESP2 gets its downgrade). */
function protocolCommand(c: Client, argv: string[]): Reply {
  switch (argv[2]!.toLowerCase()) {
    case 'string':
      return bulk('Hello World');
    case 'integer':
      return int(12345);
    case 'double':
      return double(3.141, '3.141');
    case 'bignum':
      return bigNumber('1234567999999999999999999999999999999');
    case 'null':
      return NIL;
    case 'array':
      return array([int(0), int(1), int(2)]);
    case 'set':
      return set([int(0), int(1), int(2)]);
    case 'map':
      return map([
        [int(0), bool(false)],
        [int(1), bool(true)],
        [int(2), bool(false)],
      ]);
    case 'attrib':
      // RESP3 sends an attribute first: bytes as they are, since no client here reads one
      // (redis-cli's hiredis has no '|' either). It is not a reply: the real one follows.
      if (c.resp >= 3) c.deliver({ t: 'raw', v: '|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n' });
      return bulk('Some real reply following the attribute');
    case 'push':
      if (c.resp < 3) return error(E.DEBUG_PROTOCOL_RESP2);
      c.deliver(push([bulk('server-cpu-usage'), int(42)]));
      return bulk('Some real reply following the push reply');
    case 'verbatim':
      return verbatim('This is a verbatim\nstring', 'txt');
    case 'true':
      return bool(true);
    case 'false':
      return bool(false);
    default:
      return error(E.DEBUG_PROTOCOL_TYPE);
  }
}

// ================================================================================================
// The small ones
// ================================================================================================

function setActiveExpireCommand(c: Client, argv: string[]): Reply {
  c.engine.debugSettings.activeExpire = atoi(argv[2]!) !== 0;
  return OK;
}

function disableDenyScriptsCommand(c: Client, argv: string[]): Reply {
  c.engine.debugSettings.disableDenyScripts = atoi(argv[2]!) !== 0;
  return OK;
}

/** REPLICATE command …: the command goes to the replicas only (replicationFeedSlaves). */
function replicateCommand(c: Client, argv: string[]): Reply {
  c.engine.replication?.feedReplicas(argv.slice(2));
  return OK;
}

function pauseCronCommand(c: Client, argv: string[]): Reply {
  c.engine.debugSettings.pauseCron = atoi(argv[2]!) !== 0;
  return OK;
}

/** Sizes above this are refused (quicklistisSetPackedThreshold: "not even slightly below 4GB"). */
const PACKED_THRESHOLD_MAX = 2 ** 32 - 2 ** 20;

function packedThresholdCommand(c: Client, argv: string[]): Reply {
  const sz = memtoull(argv[2]!);
  if (sz === null || sz > BigInt(PACKED_THRESHOLD_MAX)) return error(E.DEBUG_PACKED_THRESHOLD);
  c.engine.debugSettings.quicklistPackedThreshold = sz === 0n ? 1 << 30 : Number(sz);
  return OK;
}

/** REPLYBUFFER PEAK-RESET-TIME never|reset|ms, REPLYBUFFER RESIZING 0|1. */
function replyBufferCommand(c: Client, argv: string[]): Reply {
  const debug = c.engine.debugSettings;
  const what = argv[2]!.toLowerCase();
  const value = argv[3]!;
  if (what === 'peak-reset-time') {
    const v = value.toLowerCase();
    if (v === 'never') debug.replyBufferPeakResetMs = -1;
    else if (v === 'reset') debug.replyBufferPeakResetMs = 5000;
    else {
      const n = parseInt64(value);
      if (n === null) return NOT_INTEGER_R;
      debug.replyBufferPeakResetMs = Number(n);
    }
  } else if (what === 'resizing') {
    debug.replyBufferResizing = atoi(value) !== 0;
  } else {
    return error(E.subcommandSyntax(argv[1]!, 'debug'));
  }
  return OK;
}

/** A long argument whose value nothing here uses (DROP-CLUSTER-PACKET-FILTER: no cluster bus). */
function longArgCommand(_c: Client, argv: string[]): Reply {
  return parseInt64(argv[2]!) === null ? NOT_INTEGER_R : OK;
}

function logCommand(c: Client, argv: string[]): Reply {
  c.engine.log('#', `DEBUG LOG: ${cString(argv[2]!)}`);
  return OK;
}

/** ERROR text: the text as an error reply, newlines made spaces. */
function errorCommand(_c: Client, argv: string[]): Reply {
  return error(argv[2]!.replace(/[\r\n]/g, ' '));
}

/** STRUCTSIZE: the sizes of Redis's structures on a 64-bit build. */
const STRUCT_SIZES = 'bits:64 robj:16 dictentry:24 sdshdr5:1 sdshdr8:3 sdshdr16:5 sdshdr32:9 sdshdr64:17 ';

function changeReplIdCommand(c: Client): Reply {
  c.engine.log('#', 'Changing replication IDs after receiving DEBUG change-repl-id');
  newReplicationHistory(c.engine);
  return OK;
}

// ================================================================================================
// Dispatch
// ================================================================================================

interface Subcommand {
  /** Whether the argument count suits it (Redis's `c->argc == n` tests); else the syntax error. */
  argc: (n: number) => boolean;
  run: (c: Client, argv: string[]) => Reply;
}

const exactly =
  (k: number) =>
  (n: number): boolean =>
    n === k;
const atLeast =
  (k: number) =>
  (n: number): boolean =>
    n >= k;

const SUBCOMMANDS: ReadonlyMap<string, Subcommand> = new Map<string, Subcommand>([
  ['help', { argc: exactly(2), run: (c, argv) => helpReply(c, argv, 'debug') }],
  ['log', { argc: exactly(3), run: logCommand }],
  ['leak', { argc: exactly(3), run: () => OK }],
  ['reload', { argc: atLeast(2), run: reloadCommand }],
  ['loadaof', { argc: atLeast(2), run: loadaofCommand }],
  ['drop-cluster-packet-filter', { argc: exactly(3), run: longArgCommand }],
  ['object', { argc: exactly(3), run: objectCommand }],
  ['listpack', { argc: exactly(3), run: listpackCommand }],
  ['quicklist', { argc: (n) => n === 3 || n === 4, run: quicklistCommand }],
  ['populate', { argc: (n) => n >= 3 && n <= 5, run: populateCommand }],
  ['digest', { argc: exactly(2), run: digestCommand }],
  ['digest-value', { argc: atLeast(2), run: digestValueCommand }],
  ['protocol', { argc: exactly(3), run: protocolCommand }],
  ['sleep', { argc: exactly(3), run: sleepCommand }],
  ['set-active-expire', { argc: exactly(3), run: setActiveExpireCommand }],
  ['quicklist-packed-threshold', { argc: exactly(3), run: packedThresholdCommand }],
  ['replicate', { argc: atLeast(3), run: replicateCommand }],
  ['set-disable-deny-scripts', { argc: exactly(3), run: disableDenyScriptsCommand }],
  ['error', { argc: exactly(3), run: errorCommand }],
  ['structsize', { argc: exactly(2), run: () => bulk(STRUCT_SIZES) }],
  ['change-repl-id', { argc: exactly(2), run: changeReplIdCommand }],
  ['stringmatch-test', { argc: exactly(2), run: () => simple('Apparently Redis did not crash: test passed') }],
  ['pause-cron', { argc: exactly(3), run: pauseCronCommand }],
  ['replybuffer', { argc: exactly(4), run: replyBufferCommand }],
  [
    'clusterlink',
    { argc: exactly(5), run: (_c, argv) => (argv[2]!.toLowerCase() === 'kill' ? error(E.DEBUG_CLUSTER_ONLY) : error(E.subcommandSyntax(argv[1]!, 'debug'))) },
  ],
]);

export function debugCommand(c: Client, argv: string[]): Reply {
  const sub = SUBCOMMANDS.get(argv[1]!.toLowerCase());
  if (sub === undefined || !sub.argc(argv.length)) return error(E.subcommandSyntax(argv[1]!, 'debug'));
  return sub.run(c, argv);
}
