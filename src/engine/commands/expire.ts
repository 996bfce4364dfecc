// The EXPIRY part of the generic group (Redis's expire.c): EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT
// with NX/XX/GT/LT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST. Expiry times are absolute
// Unix ms; int64 arithmetic is exact (BigInt past ±2^53).

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { deleteKey, getExpireExact, lookupWrite, removeExpire, setExpire } from '../keyspace.js';
import { INT64_MAX, INT64_MIN, parseInt64, parseIntArg } from '../numbers.js';
import { error, int, ONE, ZERO, type Reply } from '../../shared/reply.js';
import { flag, parseOptions, type Option } from '../options.js';
import { lookupNoTouch } from '../keyspace.js';
import { NOT_INTEGER_R } from '../error-replies.js';

const NX_CONFLICT_R = error(E.EXPIRE_NX_CONFLICT);
const GT_LT_CONFLICT_R = error(E.EXPIRE_GT_LT_CONFLICT);
const MINUS_ONE = int(-1);
const MINUS_TWO = int(-2);

/** Below these magnitudes (seconds, ms) the time in ms plus a Unix time stays exact as a double. */
const SAFE_SECONDS = 4_000_000_000_000;
const SAFE_MS = 4_000_000_000_000_000;

/** EXPIRE's conditions (parseExtendedExpireArgumentsOrReply). */
interface ExpireOptions {
  nx: boolean;
  xx: boolean;
  gt: boolean;
  lt: boolean;
}

const EXPIRE_OPTIONS: readonly Option<ExpireOptions>[] = [flag('nx'), flag('xx'), flag('gt'), flag('lt')];

const unsupported = (arg: string): Reply => error(E.unsupportedOption(arg));

/** parseExtendedExpireArgumentsOrReply: the conditions, or the error reply. */
function parseExpireOptions(argv: string[]): ExpireOptions | Reply {
  const o: ExpireOptions = { nx: false, xx: false, gt: false, lt: false };
  const parsed = parseOptions(argv, 3, EXPIRE_OPTIONS, o, unsupported);
  if (typeof parsed === 'object') return parsed;
  if (o.nx && (o.xx || o.gt || o.lt)) return NX_CONFLICT_R;
  if (o.gt && o.lt) return GT_LT_CONFLICT_R;
  return o;
}

/**
 * The absolute expiry time for the argument: `basetime` is now for EXPIRE/PEXPIRE and 0 for
 * the *AT forms. Negative values are allowed (they delete the key); only int64 overflow of the
 * ×1000 or of the addition is an error.
 */
function expireTime(arg: string, basetime: number, seconds: boolean, cmd: string): number | bigint | Reply {
  const n = parseIntArg(arg);
  if (n === null) return NOT_INTEGER_R;
  const safe = seconds ? SAFE_SECONDS : SAFE_MS;
  if (n < safe && n > -safe) return (seconds ? n * 1000 : n) + basetime;
  let when = parseInt64(arg)!;
  if (seconds) {
    if (when > INT64_MAX / 1000n || when < INT64_MIN / 1000n) return error(E.invalidExpireTime(cmd));
    when *= 1000n;
  }
  const base = BigInt(basetime);
  if (when > INT64_MAX - base) return error(E.invalidExpireTime(cmd));
  when += base;
  return when >= -9007199254740991n && when <= 9007199254740991n ? Number(when) : when;
}

/** expireGenericCommand. */
function expireGeneric(c: Client, argv: string[], relative: boolean, seconds: boolean, cmd: string): Reply {
  const opts = parseExpireOptions(argv);
  if ('t' in opts) return opts;
  const engine = c.engine;
  const when = expireTime(argv[2]!, relative ? engine.now : 0, seconds, cmd);
  if (typeof when === 'object') return when;

  const key = argv[1]!;
  const db = c.db;
  if (lookupWrite(c, key) === undefined) return ZERO;

  if (opts.nx || opts.xx || opts.gt || opts.lt) {
    const current = getExpireExact(db, key);
    const persistent = current === -1;
    if (opts.nx && !persistent) return ZERO;
    if (opts.xx && persistent) return ZERO;
    // A key without TTL counts as an infinite TTL: GT never beats it, LT always does.
    if (opts.gt && (persistent || when <= current)) return ZERO;
    if (opts.lt && !persistent && when >= current) return ZERO;
  }

  // checkAlreadyExpired: not while loading, where a replayed PEXPIREAT keeps its key for the
  // expiry that follows (the file is replayed as it was written).
  if (when <= engine.now && !engine.loading) {
    // Already in the past: the key goes at once, reported as a deletion.
    deleteKey(engine, db, key);
    engine.rewrite(c, [engine.config.lazyfreeLazyExpire ? 'UNLINK' : 'DEL', key]);
    engine.notify('g', 'del', key, db);
    return ONE;
  }
  setExpire(db, key, when);
  // Propagated as PEXPIREAT with the absolute time in ms (the options stay as they were).
  if (cmd !== 'pexpireat') engine.rewriteArgument(c, argv, 0, 'PEXPIREAT');
  if (relative || seconds) engine.rewriteArgument(c, argv, 2, String(when));
  engine.signalModifiedKey(db, key);
  engine.notify('g', 'expire', key, db);
  return ONE;
}

/** ttlGenericCommand: -2 without key, -1 without TTL, else the TTL or the expiry time. */
function ttlGeneric(c: Client, argv: string[], ms: boolean, absolute: boolean): Reply {
  const key = argv[1]!;
  if (lookupNoTouch(c, key) === undefined) return MINUS_TWO;
  const expire = getExpireExact(c.db, key);
  if (expire === -1) return MINUS_ONE;
  if (typeof expire === 'number') {
    let ttl = absolute ? expire : expire - c.engine.now;
    if (ttl < 0) ttl = 0;
    return int(ms ? ttl : Math.floor((ttl + 500) / 1000));
  }
  let ttl = absolute ? expire : expire - BigInt(c.engine.now);
  if (ttl < 0n) ttl = 0n;
  return int(ms ? ttl : (ttl + 500n) / 1000n);
}

function persistCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const db = c.db;
  if (lookupWrite(c, key) === undefined || !removeExpire(db, key)) return ZERO;
  c.engine.signalModifiedKey(db, key);
  c.engine.notify('g', 'persist', key, db);
  return ONE;
}

// ---- the table -------------------------------------------------------------------------------

const command = commandGroup('generic', 'keyspace');

// One line a command, so the table reads as a table.
// prettier-ignore
export const expireCommands: CommandSpec[] = [
  command('expire', -3, 'write fast', [key(1, 'RW update')], (c, argv) => expireGeneric(c, argv, true, true, 'expire'), { since: '1.0.0', complexity: 'O(1)', summary: 'Make a key expire after a number of seconds', syntax: 'key seconds [NX|XX|GT|LT]' }),
  command('pexpire', -3, 'write fast', [key(1, 'RW update')], (c, argv) => expireGeneric(c, argv, true, false, 'pexpire'), { since: '2.6.0', complexity: 'O(1)', summary: 'Make a key expire after a number of milliseconds', syntax: 'key milliseconds [NX|XX|GT|LT]' }),
  command('expireat', -3, 'write fast', [key(1, 'RW update')], (c, argv) => expireGeneric(c, argv, false, true, 'expireat'), { since: '1.2.0', complexity: 'O(1)', summary: 'Make a key expire at a Unix time in seconds', syntax: 'key unix-time-seconds [NX|XX|GT|LT]' }),
  command('pexpireat', -3, 'write fast', [key(1, 'RW update')], (c, argv) => expireGeneric(c, argv, false, false, 'pexpireat'), { since: '2.6.0', complexity: 'O(1)', summary: 'Make a key expire at a Unix time in milliseconds', syntax: 'key unix-time-milliseconds [NX|XX|GT|LT]' }),
  command('ttl', 2, 'readonly fast', [key(1, 'RO access')], (c, argv) => ttlGeneric(c, argv, false, false), { since: '1.0.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'Seconds left before a key expires (-1 without TTL, -2 without key)', syntax: 'key' }),
  command('pttl', 2, 'readonly fast', [key(1, 'RO access')], (c, argv) => ttlGeneric(c, argv, true, false), { since: '2.6.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'Milliseconds left before a key expires (-1 without TTL, -2 without key)', syntax: 'key' }),
  command('expiretime', 2, 'readonly fast', [key(1, 'RO access')], (c, argv) => ttlGeneric(c, argv, false, true), { since: '7.0.0', complexity: 'O(1)', summary: 'The Unix time in seconds at which a key expires', syntax: 'key' }),
  command('pexpiretime', 2, 'readonly fast', [key(1, 'RO access')], (c, argv) => ttlGeneric(c, argv, true, true), { since: '7.0.0', complexity: 'O(1)', summary: 'The Unix time in milliseconds at which a key expires', syntax: 'key' }),
  command('persist', 2, 'write fast', [key(1, 'RW update')], persistCommand, { since: '2.2.0', complexity: 'O(1)', summary: 'Remove the TTL of a key so that it lives forever', syntax: 'key' }),
];
