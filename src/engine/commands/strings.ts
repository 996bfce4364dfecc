// The STRING group (Redis's t_string.c): SET and its variants, GET and its variants, counters,
// ranges, APPEND and LCS. Values are byte strings; integers are int64 (BigInt past ±2^53).

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key, keyRange } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { deleteKey, lookupRead, lookupWrite, removeExpire, setExpire, setKey, touchSlot } from '../keyspace.js';
import { INT64_MAX, INT64_MIN, incrByFloat, parseInt64, parseIntArg, parseIntPair } from '../numbers.js';
import { createString, EMBSTR_MAX_LEN, type StringEncoding } from '../objects.js';
import { array, bulk, error, int, map, NIL, OK, ONE, ZERO, type Reply } from '../../shared/reply.js';
import { isOpt } from '../../shared/args.js';
import { flag, parseOptions, type Option } from '../options.js';
import { NAN_OR_INF_R, NOT_FLOAT_R, NOT_INTEGER_R, OVERFLOW_R, SYNTAX_R, WRONGTYPE_R } from '../error-replies.js';
import { readOfType } from './collections.js';

// ---- shared replies and helpers ------------------------------------------------------------

const DECREMENT_OVERFLOW_R = error(E.DECREMENT_OVERFLOW);
const STRING_TOO_LONG_R = error(E.STRING_TOO_LONG);
const OFFSET_OUT_OF_RANGE_R = error(E.OFFSET_OUT_OF_RANGE);
const EMPTY_BULK: Reply = bulk('');

/** V8's String::kMaxLength (2^29 - 24): longer values cannot exist in JS at all. */
const MAX_JS_STRING = 536870888;
const DEFAULT_PROTO_MAX_BULK_LEN = 536870912;

function protoMaxBulkLen(c: Client): number {
  const v = Number(c.engine.config.get('proto-max-bulk-len'));
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_PROTO_MAX_BULK_LEN;
}

/** checkStringLength: may a string grow to size + append bytes? */
function checkStringLength(c: Client, size: number, append: number): Reply | null {
  const total = size + append;
  if (total > protoMaxBulkLen(c) || total > MAX_JS_STRING) return STRING_TOO_LONG_R;
  return null;
}

/** getGenericCommand: the value as a bulk reply, NIL when missing, WRONGTYPE_R for other types. */
function getGeneric(c: Client, key: string): Reply {
  const o = readOfType(c, key, 'string', NIL);
  if ('t' in o) return o;
  return { t: 'bulk', v: o.value };
}

// ---- SET / GETEX options -------------------------------------------------------------------

/** The unit and base of an EX/PX/EXAT/PXAT argument. */
type ExpireKind = 'ex' | 'px' | 'exat' | 'pxat';

/** SET's and GETEX's options, as parseExtendedStringArgumentsOrReply leaves them. */
interface StringOptions {
  nx: boolean;
  xx: boolean;
  get: boolean;
  keepttl: boolean;
  persist: boolean;
  /** Which expire option was given last (Redis lets one repeat, the last value wins). */
  expire: ExpireKind | null;
  expireArg: string;
}

function noStringOptions(): StringOptions {
  return { nx: false, xx: false, get: false, keepttl: false, persist: false, expire: null, expireArg: '' };
}

/** An expire option may follow only the same expire option (no KEEPTTL, PERSIST or other unit). */
function expireOption(kind: ExpireKind): Option<StringOptions> {
  return {
    name: kind,
    values: 1,
    when: (o) => !o.keepttl && !o.persist && (o.expire === null || o.expire === kind),
    read: (o, argv, at) => {
      o.expire = kind;
      o.expireArg = argv[at + 1]!;
    },
  };
}

const EXPIRE_OPTIONS = [expireOption('ex'), expireOption('px'), expireOption('exat'), expireOption('pxat')];

/**
 * parseExtendedStringArgumentsOrReply for SET (from argv[3]): a repeated option is accepted,
 * conflicting ones (NX with XX, KEEPTTL with an expire, two expire units) are a syntax error.
 */
const SET_OPTIONS: readonly Option<StringOptions>[] = [
  flag('nx', (o) => !o.xx),
  flag('xx', (o) => !o.nx),
  flag('get'),
  flag('keepttl', (o) => o.expire === null),
  ...EXPIRE_OPTIONS,
];

/** The same for GETEX (from argv[2]): PERSIST and the expire options. */
const GETEX_OPTIONS: readonly Option<StringOptions>[] = [flag('persist', (o) => o.expire === null), ...EXPIRE_OPTIONS];

/** Below this, seconds × 1000 + now stays an exact JS integer. */
const SAFE_EXPIRE_ARG = 8_000_000_000_000;

/**
 * getExpireMillisecondsOrReply: the absolute expiry time in ms for an EX/PX/EXAT/PXAT argument,
 * or an error reply. Non-positive values and int64 overflow (of the ×1000 or of adding the
 * current time) give "invalid expire time in '<cmd>' command".
 */
function expireAt(c: Client, arg: string, kind: ExpireKind, cmd: string): number | bigint | Reply {
  const n = parseIntArg(arg);
  if (n === null) return NOT_INTEGER_R;
  const seconds = kind === 'ex' || kind === 'exat';
  const relative = kind === 'ex' || kind === 'px';
  if (n <= 0) return error(E.invalidExpireTime(cmd));
  if (n < SAFE_EXPIRE_ARG) {
    const ms = seconds ? n * 1000 : n;
    return relative ? ms + c.engine.now : ms;
  }
  let b = parseInt64(arg)!;
  if (seconds) {
    if (b > INT64_MAX / 1000n) return error(E.invalidExpireTime(cmd));
    b *= 1000n;
  }
  if (relative) b += BigInt(c.engine.now);
  // Redis adds in signed 64 bits: an overflow wraps to a negative time, which it rejects.
  if (b > INT64_MAX) return error(E.invalidExpireTime(cmd));
  // Past 2^53 a double would round the time PEXPIRETIME prints: keep the exact int64.
  return b > BigInt(Number.MAX_SAFE_INTEGER) ? b : Number(b);
}

/** How a SET-family command answers: its name (in errors), and its replies for done / not done. */
interface SetReplies {
  cmd: string;
  ok: Reply;
  aborted: Reply;
}

const SET_REPLIES: SetReplies = { cmd: 'set', ok: OK, aborted: NIL };
const SETNX_REPLIES: SetReplies = { cmd: 'setnx', ok: ONE, aborted: ZERO };
const SETEX_REPLIES: SetReplies = { cmd: 'setex', ok: OK, aborted: NIL };
const PSETEX_REPLIES: SetReplies = { cmd: 'psetex', ok: OK, aborted: NIL };

/** setGenericCommand for SET, SETNX, SETEX and PSETEX (`argv` is the command's, for propagation). */
function setGeneric(c: Client, argv: readonly string[], key: string, value: string, o: StringOptions, r: SetReplies): Reply {
  let when: number | bigint = 0;
  if (o.expire !== null) {
    const t = expireAt(c, o.expireArg, o.expire, r.cmd);
    if (typeof t === 'object') return t;
    when = t;
  }
  let old: Reply = NIL;
  if (o.get) {
    old = getGeneric(c, key);
    if (old === WRONGTYPE_R) return old;
  }
  const engine = c.engine;
  const db = c.db;
  const found = lookupWrite(c, key) !== undefined;
  if ((o.nx && found) || (o.xx && !found)) {
    return o.get ? old : r.aborted;
  }
  setKey(c, db, key, createString(value), o.keepttl);
  engine.notify('$', 'set', key, db);
  if (o.expire !== null) {
    setExpire(db, key, when);
    // Propagated with the absolute time, so a replay or a replica expires it at the same moment.
    engine.rewrite(c, ['SET', key, value, 'PXAT', String(when)]);
    engine.notify('g', 'expire', key, db);
  } else if (o.get && engine.propagation.active) {
    // Without GET (any number of them) after the value: the old value is the caller's business.
    engine.rewrite(
      c,
      argv.filter((a, i) => i < 3 || a.toLowerCase() !== 'get'),
    );
  }
  return o.get ? old : r.ok;
}

// ---- SET family ------------------------------------------------------------------------------

function setCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  if (argv.length === 3) {
    // Plain SET: the hot path, no option parsing.
    const engine = c.engine;
    const db = c.db;
    // Redis looks the key up first only for its side effect, lazy expiry (nothing else of the
    // old value survives): without TTLs in this database there is nothing to expire.
    if (db.expires.size !== 0) lookupWrite(c, key);
    else if (db.guard !== null) db.guard.beforeKeyChange(db, key); // the object may change in place
    if (db.sizes !== null) db.sizes.mark(key);
    const slot = db.dict.find(key);
    if (slot >= 0 && db.dict.holdsString(slot)) {
      // Overwriting a string: what setKey would do, without its second lookup.
      db.dict.replaceStringAt(slot, argv[2]!);
      // The lookup's access (lookupWrite made it when there are TTLs); dbOverwrite keeps it.
      if (db.expires.size === 0) touchSlot(engine, db, slot);
      if (db.expires.size !== 0) removeExpire(db, key);
      engine.signalModifiedKey(db, key);
    } else {
      setKey(c, db, key, createString(argv[2]!));
    }
    engine.notify('$', 'set', key, db);
    return OK;
  }
  const o = noStringOptions();
  const end = parseOptions(argv, 3, SET_OPTIONS, o);
  if (typeof end === 'object') return end;
  return setGeneric(c, argv, key, argv[2]!, o, SET_REPLIES);
}

function setnxCommand(c: Client, argv: string[]): Reply {
  const o = noStringOptions();
  o.nx = true;
  return setGeneric(c, argv, argv[1]!, argv[2]!, o, SETNX_REPLIES);
}

function setexCommand(c: Client, argv: string[]): Reply {
  const o = noStringOptions();
  o.expire = 'ex';
  o.expireArg = argv[2]!;
  return setGeneric(c, argv, argv[1]!, argv[3]!, o, SETEX_REPLIES);
}

function psetexCommand(c: Client, argv: string[]): Reply {
  const o = noStringOptions();
  o.expire = 'px';
  o.expireArg = argv[2]!;
  return setGeneric(c, argv, argv[1]!, argv[3]!, o, PSETEX_REPLIES);
}

function getCommand(c: Client, argv: string[]): Reply {
  const o = readOfType(c, argv[1]!, 'string', NIL);
  if ('t' in o) return o;
  return { t: 'bulk', v: o.value };
}

function getsetCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const old = getGeneric(c, key);
  if (old === WRONGTYPE_R) return old;
  const db = c.db;
  setKey(c, db, key, createString(argv[2]!));
  c.engine.notify('$', 'set', key, db);
  c.engine.rewriteArgument(c, argv, 0, 'SET');
  return old;
}

function getdelCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const old = getGeneric(c, key);
  if (old === WRONGTYPE_R) return old;
  const db = c.db;
  if (deleteKey(c.engine, db, key)) {
    c.engine.rewrite(c, [c.engine.config.lazyfreeLazyUserDel ? 'UNLINK' : 'DEL', key]);
    c.engine.notify('g', 'del', key, db);
  }
  return old;
}

function getexCommand(c: Client, argv: string[]): Reply {
  const opts = noStringOptions();
  const end = parseOptions(argv, 2, GETEX_OPTIONS, opts);
  if (typeof end === 'object') return end;
  const key = argv[1]!;
  const o = readOfType(c, key, 'string', NIL);
  if ('t' in o) return o;
  let when: number | bigint = 0;
  if (opts.expire !== null) {
    const r = expireAt(c, opts.expireArg, opts.expire, 'getex');
    if (typeof r === 'object') return r;
    when = r;
  }
  const reply: Reply = { t: 'bulk', v: o.value };
  const engine = c.engine;
  const db = c.db;
  if ((opts.expire === 'exat' || opts.expire === 'pxat') && when <= engine.now) {
    // An absolute time already in the past: the key goes now (propagated as DEL).
    deleteKey(engine, db, key);
    engine.rewrite(c, [engine.config.lazyfreeLazyExpire ? 'UNLINK' : 'DEL', key]);
    engine.notify('g', 'del', key, db);
  } else if (opts.expire !== null) {
    setExpire(db, key, when);
    engine.rewrite(c, ['PEXPIREAT', key, String(when)]);
    engine.signalModifiedKey(db, key);
    engine.notify('g', 'expire', key, db);
  } else if (opts.persist) {
    if (removeExpire(db, key)) {
      engine.rewrite(c, ['PERSIST', key]);
      engine.signalModifiedKey(db, key);
      engine.notify('g', 'persist', key, db);
    }
  }
  return reply;
}

// ---- multi-key -------------------------------------------------------------------------------

function mgetCommand(c: Client, argv: string[]): Reply {
  const n = argv.length - 1;
  const out: Reply[] = new Array<Reply>(n);
  for (let j = 0; j < n; j++) {
    const o = lookupRead(c, argv[j + 1]!);
    out[j] = o === undefined || o.type !== 'string' ? NIL : { t: 'bulk', v: o.value };
  }
  return { t: 'array', v: out };
}

function msetGeneric(c: Client, argv: string[], nx: boolean): Reply {
  const argc = argv.length;
  if (argc % 2 === 0) return error(E.wrongArity(nx ? 'msetnx' : 'mset'));
  if (nx) {
    for (let j = 1; j < argc; j += 2) {
      if (lookupWrite(c, argv[j]!) !== undefined) return ZERO;
    }
  }
  const engine = c.engine;
  const db = c.db;
  for (let j = 1; j < argc; j += 2) {
    const key = argv[j]!;
    setKey(c, db, key, createString(argv[j + 1]!));
    engine.notify('$', 'set', key, db);
  }
  return nx ? ONE : OK;
}

// ---- APPEND, STRLEN, ranges ------------------------------------------------------------------

function appendCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const add = argv[2]!;
  const engine = c.engine;
  const db = c.db;
  const o = lookupWrite(c, key);
  let total: number;
  if (o === undefined) {
    // A new key is stored like SET would store it (tryObjectEncoding).
    setKey(c, db, key, createString(add));
    total = add.length;
  } else {
    if (o.type !== 'string') return WRONGTYPE_R;
    const tooLong = checkStringLength(c, o.value.length, add.length);
    if (tooLong !== null) return tooLong;
    const value = o.value + add;
    db.replaceValue(key, createString(value, 'raw'));
    total = value.length;
    engine.signalModifiedKey(db, key);
  }
  engine.notify('$', 'append', key, db);
  return int(total);
}

function strlenCommand(c: Client, argv: string[]): Reply {
  const o = readOfType(c, argv[1]!, 'string', ZERO);
  if ('t' in o) return o;
  return int(o.value.length);
}

/** True when the integer argument a is greater than b, exactly (int64, beyond ±2^53 too). */
function int64Greater(a: number, aText: string, b: number, bText: string): boolean {
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return a > b;
  return parseInt64(aText)! > parseInt64(bText)!;
}

function getrangeCommand(c: Client, argv: string[]): Reply {
  const range = parseIntPair(argv, 2);
  if (range === null) return NOT_INTEGER_R;
  let [start, end] = range;
  const o = readOfType(c, argv[1]!, 'string', EMPTY_BULK);
  if ('t' in o) return o;
  const s = o.value;
  const len = s.length;
  if (start < 0 && end < 0 && int64Greater(start, argv[2]!, end, argv[3]!)) return EMPTY_BULK;
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) return EMPTY_BULK;
  return { t: 'bulk', v: start === 0 && end === len - 1 ? s : s.slice(start, end + 1) };
}

function setrangeCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const value = argv[3]!;
  const offset = parseIntArg(argv[2]!);
  if (offset === null) return NOT_INTEGER_R;
  if (offset < 0) return OFFSET_OUT_OF_RANGE_R;
  const engine = c.engine;
  const db = c.db;
  const o = lookupWrite(c, key);
  const vlen = value.length;
  let result: string;
  if (o === undefined) {
    // Setting nothing on a missing key creates nothing.
    if (vlen === 0) return ZERO;
    const tooLong = checkStringLength(c, offset, vlen);
    if (tooLong !== null) return tooLong;
    result = '\0'.repeat(offset) + value;
    setKey(c, db, key, createString(result, 'raw'));
  } else {
    if (o.type !== 'string') return WRONGTYPE_R;
    const old = o.value;
    if (vlen === 0) return int(old.length);
    const tooLong = checkStringLength(c, offset, vlen);
    if (tooLong !== null) return tooLong;
    if (offset >= old.length) {
      result = old + '\0'.repeat(offset - old.length) + value;
    } else {
      result = old.slice(0, offset) + value + old.slice(offset + vlen);
    }
    db.replaceValue(key, createString(result, 'raw'));
    engine.signalModifiedKey(db, key);
  }
  engine.notify('$', 'setrange', key, db);
  return int(result.length);
}

// ---- counters --------------------------------------------------------------------------------

/**
 * incrDecrCommand: adds `incr` (a safe JS integer, or a BigInt beyond ±2^53) to the int64 stored
 * at key. The result is stored int-encoded.
 */
function incrDecr(c: Client, key: string, incr: number | bigint): Reply {
  const o = lookupWrite(c, key);
  let current: number | bigint = 0;
  if (o !== undefined) {
    if (o.type !== 'string') return WRONGTYPE_R;
    const n = parseIntArg(o.value);
    if (n === null) return NOT_INTEGER_R;
    current = Number.isSafeInteger(n) ? n : parseInt64(o.value)!;
  }
  let result: number | bigint;
  if (typeof current === 'number' && typeof incr === 'number' && Number.isSafeInteger(current + incr)) {
    result = current + incr;
  } else {
    const sum = BigInt(current) + BigInt(incr);
    if (sum > INT64_MAX || sum < INT64_MIN) return OVERFLOW_R;
    result = sum;
  }
  const text = String(result);
  const engine = c.engine;
  const db = c.db;
  if (o !== undefined) {
    // Redis stores a new (possibly shared) integer object unless it can reuse an unshared one
    // in place: either way a COPY's private value is gone (OBJECT REFCOUNT), even after INCRBY 0.
    // The encoding SET gives a canonical integer is 'int' already.
    db.replaceString(key, text);
    engine.signalModifiedKey(db, key);
  } else {
    setKey(c, db, key, createString(text));
  }
  engine.notify('$', 'incrby', key, db);
  return int(result);
}

/** An int64 argument as a safe JS integer or a BigInt; null when not an integer. */
function int64Arg(s: string): number | bigint | null {
  const n = parseIntArg(s);
  if (n === null) return null;
  return Number.isSafeInteger(n) ? n : parseInt64(s)!;
}

function incrbyCommand(c: Client, argv: string[]): Reply {
  const incr = int64Arg(argv[2]!);
  if (incr === null) return NOT_INTEGER_R;
  return incrDecr(c, argv[1]!, incr);
}

function decrbyCommand(c: Client, argv: string[]): Reply {
  const decr = int64Arg(argv[2]!);
  if (decr === null) return NOT_INTEGER_R;
  // Negating INT64_MIN would overflow.
  if (decr === INT64_MIN) return DECREMENT_OVERFLOW_R;
  return incrDecr(c, argv[1]!, -decr);
}

function incrbyfloatCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const o = lookupWrite(c, key);
  if (o !== undefined && o.type !== 'string') return WRONGTYPE_R;
  const r = incrByFloat(o === undefined ? '0' : o.value, argv[2]!);
  if (!r.ok) return r.error === 'notfloat' ? NOT_FLOAT_R : NAN_OR_INF_R;
  const value = r.value;
  const enc: StringEncoding = value.length <= EMBSTR_MAX_LEN ? 'embstr' : 'raw';
  const engine = c.engine;
  const db = c.db;
  if (o !== undefined) {
    // dbOverwrite: a new value under the same key, TTL kept.
    db.replaceValue(key, createString(value, enc));
    engine.signalModifiedKey(db, key);
  } else {
    setKey(c, db, key, createString(value, enc));
  }
  engine.notify('$', 'incrbyfloat', key, db);
  // As the SET of the result: a replay never recomputes a float.
  engine.rewrite(c, ['SET', key, value, 'KEEPTTL']);
  return bulk(value);
}

// ---- LCS -------------------------------------------------------------------------------------

function bytesToString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  }
  return out;
}

function toBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Length of the longest common subsequence with two rows only (LCS … LEN). */
function lcsLength(a: Uint8Array, b: Uint8Array): number {
  const blen = b.length;
  let prev = new Uint32Array(blen + 1);
  let cur = new Uint32Array(blen + 1);
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= blen; j++) {
      if (ai === b[j - 1]) cur[j] = prev[j - 1]! + 1;
      else cur[j] = prev[j]! > cur[j - 1]! ? prev[j]! : cur[j - 1]!;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[blen]!;
}

function lcsCommand(c: Client, argv: string[]): Reply {
  const oa = lookupRead(c, argv[1]!);
  const ob = lookupRead(c, argv[2]!);
  if ((oa !== undefined && oa.type !== 'string') || (ob !== undefined && ob.type !== 'string')) {
    return error(E.LCS_NOT_STRINGS);
  }
  let getlen = false;
  let getidx = false;
  let withmatchlen = false;
  let minmatchlen = 0;
  const argc = argv.length;
  for (let j = 3; j < argc; j++) {
    const opt = argv[j]!;
    if (isOpt(opt, 'idx')) {
      getidx = true;
    } else if (isOpt(opt, 'len')) {
      getlen = true;
    } else if (isOpt(opt, 'withmatchlen')) {
      withmatchlen = true;
    } else if (isOpt(opt, 'minmatchlen') && j < argc - 1) {
      const n = parseIntArg(argv[++j]!);
      if (n === null) return NOT_INTEGER_R;
      minmatchlen = n < 0 ? 0 : n;
    } else {
      return SYNTAX_R;
    }
  }
  if (getlen && getidx) return error(E.LCS_LEN_AND_IDX);
  const aText = oa === undefined ? '' : oa.value;
  const bText = ob === undefined ? '' : ob.value;
  const alen = aText.length;
  const blen = bText.length;
  if (alen >= 0xfffffffe || blen >= 0xfffffffe) return error(E.LCS_STRING_TOO_LONG);
  // Redis refuses a table (of uint32 cells) larger than proto-max-bulk-len.
  if ((alen + 1) * (blen + 1) * 4 > protoMaxBulkLen(c)) return error(E.LCS_TOO_MUCH_MEMORY);
  const a = toBytes(aText);
  const b = toBytes(bText);
  if (getlen) return int(lcsLength(a, b));

  // The full table: LCS(i, j) at j + i * (blen + 1). Cells never exceed min(alen, blen).
  const w = blen + 1;
  const lcs = Math.min(alen, blen) < 0xffff ? new Uint16Array((alen + 1) * w) : new Uint32Array((alen + 1) * w);
  for (let i = 1; i <= alen; i++) {
    const ai = a[i - 1];
    const row = i * w;
    const up = row - w;
    for (let j = 1; j <= blen; j++) {
      if (ai === b[j - 1]) lcs[row + j] = lcs[up + j - 1]! + 1;
      else {
        const l1 = lcs[up + j]!;
        const l2 = lcs[row + j - 1]!;
        lcs[row + j] = l1 > l2 ? l1 : l2;
      }
    }
  }
  const total = lcs[alen * w + blen]!;

  // Walk back from the end, as Redis does, collecting the string and the matching ranges.
  const result = new Uint8Array(total);
  const matches: Reply[] = [];
  let idx = total;
  let aStart = alen; // alen: no range open
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  let i = alen;
  let j = blen;
  while (i > 0 && j > 0) {
    let emit = false;
    if (a[i - 1] === b[j - 1]) {
      result[idx - 1] = a[i - 1]!;
      if (aStart === alen) {
        aStart = aEnd = i - 1;
        bStart = bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else {
        emit = true;
      }
      if (aStart === 0 || bStart === 0) emit = true;
      idx--;
      i--;
      j--;
    } else {
      const l1 = lcs[(i - 1) * w + j]!;
      const l2 = lcs[i * w + j - 1]!;
      if (l1 > l2) i--;
      else j--;
      if (aStart !== alen) emit = true;
    }
    if (emit) {
      const matchLen = aEnd - aStart + 1;
      if (getidx && (minmatchlen === 0 || matchLen >= minmatchlen)) {
        const m: Reply[] = [
          { t: 'array', v: [int(aStart), int(aEnd)] },
          { t: 'array', v: [int(bStart), int(bEnd)] },
        ];
        if (withmatchlen) m.push(int(matchLen));
        matches.push({ t: 'array', v: m });
      }
      aStart = alen;
    }
  }
  if (getidx) {
    return map([
      [bulk('matches'), array(matches)],
      [bulk('len'), int(total)],
    ]);
  }
  return bulk(bytesToString(result));
}

// ---- the table -------------------------------------------------------------------------------

const command = commandGroup('string', 'string');

// One line a command, so the table reads as a table.
// prettier-ignore
export const stringCommands: CommandSpec[] = [
  command('set', -3, 'write denyoom', [key(1, 'RW access update variable_flags', 'RW and ACCESS due to the optional `GET` argument')], setCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Store a string under a key, optionally only if it exists or not, with a TTL, returning the old value', syntax: 'key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]' }),
  command('get', 2, 'readonly fast', [key(1, 'RO access')], getCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Read the string stored at a key', syntax: 'key' }),
  command('getset', 3, 'write denyoom fast', [key(1, 'RW access update')], getsetCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Replace the string at a key and return what was there (deprecated: SET … GET)', syntax: 'key value' }),
  command('getdel', 2, 'write fast', [key(1, 'RW access delete')], getdelCommand, { since: '6.2.0', complexity: 'O(1)', summary: 'Read the string at a key and remove the key', syntax: 'key' }),
  command('getex', -2, 'write fast', [key(1, 'RW access update', 'RW and UPDATE because it changes the TTL')], getexCommand, { since: '6.2.0', complexity: 'O(1)', summary: "Read the string at a key and change or drop the key's TTL", syntax: 'key [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|PERSIST]' }),
  command('mset', -3, 'write denyoom', [keyRange(1, -1, 2, 'OW update')], (c, argv) => msetGeneric(c, argv, false), { since: '1.0.1', complexity: 'O(N) for N keys', tips: 'request_policy:multi_shard response_policy:all_succeeded', summary: 'Store several key/value pairs in one step', syntax: 'key value [key value ...]' }),
  command('msetnx', -3, 'write denyoom', [keyRange(1, -1, 2, 'OW insert')], (c, argv) => msetGeneric(c, argv, true), { since: '1.0.1', complexity: 'O(N) for N keys', tips: 'request_policy:multi_shard response_policy:agg_min', summary: 'Store several key/value pairs, but only if none of the keys exists yet', syntax: 'key value [key value ...]' }),
  command('mget', -2, 'readonly fast', [keyRange(1, -1, 1, 'RO access')], mgetCommand, { since: '1.0.0', complexity: 'O(N) for N keys', tips: 'request_policy:multi_shard', summary: 'Read the strings of several keys at once (nil for missing or non-string keys)', syntax: 'key [key ...]' }),
  command('setnx', 3, 'write denyoom fast', [key(1, 'OW insert')], setnxCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Store a string only when the key does not exist yet; 1 if stored', syntax: 'key value' }),
  command('setex', 4, 'write denyoom', [key(1, 'OW update')], setexCommand, { since: '2.0.0', complexity: 'O(1)', summary: 'Store a string with a time to live in seconds', syntax: 'key seconds value' }),
  command('psetex', 4, 'write denyoom', [key(1, 'OW update')], psetexCommand, { since: '2.6.0', complexity: 'O(1)', summary: 'Store a string with a time to live in milliseconds', syntax: 'key milliseconds value' }),
  command('append', 3, 'write denyoom fast', [key(1, 'RW insert')], appendCommand, { since: '2.0.0', complexity: 'O(1) amortized', summary: 'Add bytes to the end of a string (creating it if needed); returns the new length', syntax: 'key value' }),
  command('strlen', 2, 'readonly fast', [key(1, 'RO')], strlenCommand, { since: '2.2.0', complexity: 'O(1)', summary: 'Length in bytes of the string at a key (0 when missing)', syntax: 'key' }),
  command('getrange', 4, 'readonly', [key(1, 'RO access')], getrangeCommand, { since: '2.4.0', complexity: 'O(N) in the length returned', summary: 'Read part of a string by byte positions (negative ones count from the end)', syntax: 'key start end' }),
  command('substr', 4, 'readonly', [key(1, 'RO access')], getrangeCommand, { since: '1.0.0', complexity: 'O(N) in the length returned', summary: 'Old name of GETRANGE: read part of a string by byte positions', syntax: 'key start end' }),
  command('setrange', 4, 'write denyoom', [key(1, 'RW update')], setrangeCommand, { since: '2.2.0', complexity: 'O(1) plus copying the value', summary: 'Overwrite bytes of a string from an offset, padding with zero bytes; returns the new length', syntax: 'key offset value' }),
  command('incr', 2, 'write denyoom fast', [key(1, 'RW access update')], (c, argv) => incrDecr(c, argv[1]!, 1), { since: '1.0.0', complexity: 'O(1)', summary: 'Add 1 to the integer stored at a key (a missing key counts as 0)', syntax: 'key' }),
  command('decr', 2, 'write denyoom fast', [key(1, 'RW access update')], (c, argv) => incrDecr(c, argv[1]!, -1), { since: '1.0.0', complexity: 'O(1)', summary: 'Subtract 1 from the integer stored at a key (a missing key counts as 0)', syntax: 'key' }),
  command('incrby', 3, 'write denyoom fast', [key(1, 'RW access update')], incrbyCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Add a signed 64-bit amount to the integer stored at a key', syntax: 'key increment' }),
  command('decrby', 3, 'write denyoom fast', [key(1, 'RW access update')], decrbyCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Subtract a signed 64-bit amount from the integer stored at a key', syntax: 'key decrement' }),
  command('incrbyfloat', 3, 'write denyoom fast', [key(1, 'RW access update')], incrbyfloatCommand, { since: '2.6.0', complexity: 'O(1)', summary: 'Add a decimal amount to the number stored at a key, in extended precision', syntax: 'key increment' }),
  command('lcs', -3, 'readonly', [keyRange(1, 1, 1, 'RO access')], lcsCommand, { since: '7.0.0', complexity: 'O(N*M) for strings of lengths N and M', summary: 'Longest common subsequence of two strings: the text, its length, or where it matches', syntax: 'key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]' }),
];
