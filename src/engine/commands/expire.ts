// The EXPIRY part of the generic group (Redis's expire.c): EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT
// with NX/XX/GT/LT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST. Expiry times are absolute
// Unix ms; int64 arithmetic is exact (BigInt past ±2^53).

import type { Client } from '../client.js';
import type { CommandSpec, KeySpec } from '../command.js';
import * as E from '../../shared/errors.js';
import { deleteKey, getExpireExact, lookupWrite, removeExpire, setExpire } from '../keyspace.js';
import { INT64_MAX, INT64_MIN, parseInt64, parseIntArg } from '../numbers.js';
import { error, int, ONE, ZERO, type Reply } from '../../shared/reply.js';
import { parseOptions, type Option } from '../options.js';
import { lookupNoTouch } from './keys.js';
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

const EXPIRE_OPTIONS: readonly Option<ExpireOptions>[] = [
  { name: 'nx', read: (o) => void (o.nx = true) },
  { name: 'xx', read: (o) => void (o.xx = true) },
  { name: 'gt', read: (o) => void (o.gt = true) },
  { name: 'lt', read: (o) => void (o.lt = true) },
];

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

  if (when <= engine.now) {
    // Already in the past: the key goes at once, reported as a deletion.
    deleteKey(engine, db, key);
    engine.notify('g', 'del', key, db);
    return ONE;
  }
  setExpire(db, key, when);
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

const RW_UPDATE: KeySpec[] = [{ flags: ['RW', 'update'], begin: { index: 1 }, find: { range: [0, 1, 0] } }];
const RO_ACCESS: KeySpec[] = [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { range: [0, 1, 0] } }];

function setter(name: string, since: string, summary: string, unit: string, relative: boolean, seconds: boolean): CommandSpec {
  return {
    name,
    arity: -3,
    flags: ['write', 'fast'],
    acl: ['keyspace', 'write', 'fast'],
    keys: [1, 1, 1],
    keySpecs: RW_UPDATE,
    group: 'generic',
    since,
    summary,
    complexity: 'O(1)',
    syntax: `key ${unit} [NX|XX|GT|LT]`,
    handler: (c, argv) => expireGeneric(c, argv, relative, seconds, name),
  };
}

function getter(
  name: string,
  since: string,
  summary: string,
  ms: boolean,
  absolute: boolean,
  tips?: string[],
): CommandSpec {
  const spec: CommandSpec = {
    name,
    arity: 2,
    flags: ['readonly', 'fast'],
    acl: ['keyspace', 'read', 'fast'],
    keys: [1, 1, 1],
    keySpecs: RO_ACCESS,
    group: 'generic',
    since,
    summary,
    complexity: 'O(1)',
    syntax: 'key',
    handler: (c, argv) => ttlGeneric(c, argv, ms, absolute),
  };
  if (tips) spec.tips = tips;
  return spec;
}

export const expireCommands: CommandSpec[] = [
  setter('expire', '1.0.0', 'Make a key expire after a number of seconds', 'seconds', true, true),
  setter('pexpire', '2.6.0', 'Make a key expire after a number of milliseconds', 'milliseconds', true, false),
  setter('expireat', '1.2.0', 'Make a key expire at a Unix time in seconds', 'unix-time-seconds', false, true),
  setter(
    'pexpireat',
    '2.6.0',
    'Make a key expire at a Unix time in milliseconds',
    'unix-time-milliseconds',
    false,
    false,
  ),
  getter('ttl', '1.0.0', 'Seconds left before a key expires (-1 without TTL, -2 without key)', false, false, [
    'nondeterministic_output',
  ]),
  getter('pttl', '2.6.0', 'Milliseconds left before a key expires (-1 without TTL, -2 without key)', true, false, [
    'nondeterministic_output',
  ]),
  getter('expiretime', '7.0.0', 'The Unix time in seconds at which a key expires', false, true),
  getter('pexpiretime', '7.0.0', 'The Unix time in milliseconds at which a key expires', true, true),
  {
    name: 'persist',
    arity: 2,
    flags: ['write', 'fast'],
    acl: ['keyspace', 'write', 'fast'],
    keys: [1, 1, 1],
    keySpecs: RW_UPDATE,
    group: 'generic',
    since: '2.2.0',
    summary: 'Remove the TTL of a key so that it lives forever',
    complexity: 'O(1)',
    syntax: 'key',
    handler: persistCommand,
  },
];
