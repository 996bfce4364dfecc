// The SORTED SET group (Redis's t_zset.c). This file: ZADD/ZINCRBY, single-member reads (ZSCORE,
// ZMSCORE, ZRANK, ZREVRANK, ZCARD), ZREM, pops (ZPOPMIN/ZPOPMAX/ZMPOP, written so that the
// blocking variants can call them), ZRANDMEMBER, ZSCAN, and the group's command table. Ranges
// are in zsets-ranges.ts, ZUNION/ZINTER/ZDIFF in zsets-algebra.ts, the zset type and the
// parsers they share in zsets-core.ts.

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key, keyRange, keyNum } from '../command-decl.js';
import type { ZScanOrder, ZSet } from '../ds/zset.js';
import * as E from '../../shared/errors.js';
import { globMatcher } from '../../shared/glob.js';
import { addKey, deleteKey, lookupRead, lookupWrite } from '../keyspace.js';
import { formatDouble, parseDouble, parseInt64, parseIntArg } from '../numbers.js';
import type { ZSetObj } from '../objects.js';
import { array, bulk, EMPTY_ARRAY, error, int, NIL, NIL_ARRAY, ZERO, type Reply } from '../../shared/reply.js';
import { replyCannotFit } from '../output-buffer.js';
import { isOpt } from '../../shared/args.js';
import { minIntOption, flag, oneOf, parseOptions, type Option } from '../options.js';
import { mayBlock, parseTimeout } from '../blocking.js';
import { collectionScan, readOfType, sizeCommand, writeOfType } from './collections.js';
import { zdiffCommand, zdiffstoreCommand, zintercardCommand, zinterCommand, zinterstoreCommand, zunionCommand, zunionstoreCommand } from './zsets-algebra.js';
import {
  createZSetFor,
  listpackScoreString,
  pushEntry,
  scoreReply,
  ZADD_IN_GT,
  ZADD_IN_INCR,
  ZADD_IN_LT,
  ZADD_IN_NX,
  ZADD_IN_XX,
  ZADD_OUT_ADDED,
  ZADD_OUT_NAN,
  ZADD_OUT_NOP,
  ZADD_OUT_UPDATED,
  type NewScore,
  zsetAdd,
} from './zsets-core.js';
import {
  zcountCommand,
  zlexcountCommand,
  zremrangeGeneric,
  zrangebylexCommand,
  zrangebyscoreCommand,
  zrangeCommand,
  zrangestoreCommand,
  zrevrangebylexCommand,
  zrevrangebyscoreCommand,
  zrevrangeCommand,
} from './zsets-ranges.js';
import {
  COUNT_NOT_POSITIVE_R,
  MUST_BE_POSITIVE_R,
  NOT_FLOAT_R,
  NOT_INTEGER_R,
  NUMKEYS_NOT_POSITIVE_R,
  SYNTAX_R,
  VALUE_OUT_OF_RANGE_R,
  WRONGTYPE_R,
} from '../error-replies.js';

const ZADD_XX_AND_NX_R = error(E.ZADD_XX_AND_NX);
const ZADD_GT_LT_NX_R = error(E.ZADD_GT_LT_NX);
const ZADD_INCR_ONE_PAIR_R = error(E.ZADD_INCR_ONE_PAIR);
const SCORE_IS_NAN_R = error(E.SCORE_IS_NAN);
/** ZRANDMEMBER's count range is -LONG_MAX..LONG_MAX: only LONG_MIN itself falls outside. */
const RANDOM_COUNT_RANGE_R = error(E.valueOutOfRange(-9223372036854775807n, 9223372036854775807n));

/**
 * ZRANDMEMBER key -N answers N picks with repetition whatever the zset's size; Redis would build
 * a reply of any length, the playground refuses replies longer than this.
 */
export const MAX_RANDOM_REPLY = 1_000_000;
const RANDOM_TOO_LARGE_R = error(E.randomCountTooLarge(MAX_RANDOM_REPLY));

// ---- ZADD / ZINCRBY (zaddGenericCommand) -----------------------------------------------------

/** ZADD's options (zaddGenericCommand), read from argv[2] up to the first score. */
interface ZaddOptions {
  nx: boolean;
  xx: boolean;
  ch: boolean;
  incr: boolean;
  gt: boolean;
  lt: boolean;
}

/** Any order and any repeat parse; conflicts are reported after the walk, as Redis does. */
const ZADD_OPTIONS: readonly Option<ZaddOptions>[] = [flag('nx'), flag('xx'), flag('ch'), flag('incr'), flag('gt'), flag('lt')];

function zaddGeneric(c: Client, argv: string[], incrCommand: boolean): Reply {
  const argc = argv.length;
  const opts: ZaddOptions = { nx: false, xx: false, ch: false, incr: incrCommand, gt: false, lt: false };
  // The first argument no option takes is the first score. Options start with a letter, a
  // score seldom does: most calls skip the option walk.
  const c0 = (argv[2]?.charCodeAt(0) ?? 0) | 32;
  const idx = c0 < 97 ? 2 : parseOptions(argv, 2, ZADD_OPTIONS, opts, 'stop');
  if (typeof idx === 'object') return idx;
  const { incr, nx, xx, gt, lt, ch } = opts;
  const flags = (incr ? ZADD_IN_INCR : 0) | (nx ? ZADD_IN_NX : 0) | (xx ? ZADD_IN_XX : 0) | (gt ? ZADD_IN_GT : 0) | (lt ? ZADD_IN_LT : 0);

  const pairsArgs = argc - idx;
  if (pairsArgs === 0 || (pairsArgs & 1) !== 0) return SYNTAX_R;
  const pairs = pairsArgs >> 1;
  if (nx && xx) return ZADD_XX_AND_NX_R;
  if ((gt && nx) || (lt && nx) || (gt && lt)) return ZADD_GT_LT_NX_R;
  if (incr && pairs > 1) return ZADD_INCR_ONE_PAIR_R;

  // Every score is checked before anything changes.
  const scores = new Array<number>(pairs);
  for (let j = 0; j < pairs; j++) {
    const s = parseDouble(argv[idx + j * 2]!);
    if (s === null) return NOT_FLOAT_R;
    scores[j] = s;
  }

  const key = argv[1]!;
  const engine = c.engine;
  const db = c.db;
  let o = lookupWrite(c, key);
  let added = 0;
  let updated = 0;
  let processed = 0;
  const newScore: NewScore = { score: 0 };
  if (o === undefined) {
    if (xx) return incr ? NIL : ZERO;
    o = createZSetFor(engine, argv[idx + 1]!);
    addKey(engine, db, key, o);
  } else if (o.type !== 'zset') {
    return WRONGTYPE_R;
  }
  let reply: Reply | null = null;
  for (let j = 0; j < pairs; j++) {
    const out = zsetAdd(engine, o, scores[j]!, argv[idx + 1 + j * 2]!, flags, newScore);
    if (out === ZADD_OUT_NAN) {
      reply = SCORE_IS_NAN_R;
      break;
    }
    if (out & ZADD_OUT_ADDED) added++;
    if (out & ZADD_OUT_UPDATED) updated++;
    if (!(out & ZADD_OUT_NOP)) processed++;
  }
  if (added + updated > 0) {
    engine.signalModifiedKey(db, key);
    // Redis's server.dirty grows by added + updated (signalModifiedKey counted one).
    engine.changesSinceLastSave += added + updated - 1;
    engine.notify('z', incr ? 'zincr' : 'zadd', key, db);
  }
  if (reply !== null) return reply;
  if (incr) return processed > 0 ? scoreReply(newScore.score) : NIL;
  return int(ch ? added + updated : added);
}

function zaddCommand(c: Client, argv: string[]): Reply {
  return zaddGeneric(c, argv, false);
}

function zincrbyCommand(c: Client, argv: string[]): Reply {
  return zaddGeneric(c, argv, true);
}

// ---- single members ------------------------------------------------------------------------

function zscoreCommand(c: Client, argv: string[]): Reply {
  const o = readOfType(c, argv[1]!, 'zset', NIL);
  if ('t' in o) return o;
  const s = o.value.dict.get(argv[2]!);
  return s === undefined ? NIL : scoreReply(s);
}

function zmscoreCommand(c: Client, argv: string[]): Reply {
  const o = lookupRead(c, argv[1]!);
  if (o !== undefined && o.type !== 'zset') return WRONGTYPE_R;
  const dict = o === undefined ? null : o.value.dict;
  const out: Reply[] = [];
  for (let j = 2; j < argv.length; j++) {
    const s = dict === null ? undefined : dict.get(argv[j]!);
    out.push(s === undefined ? NIL : scoreReply(s));
  }
  return { t: 'array', v: out };
}

function zrankGeneric(c: Client, argv: string[], reverse: boolean): Reply {
  const o = readOfType(c, argv[1]!, 'zset', NIL);
  if ('t' in o) return o;
  const z = o.value;
  const r = z.rank(argv[2]!);
  if (r < 0) return NIL;
  return int(reverse ? z.size - 1 - r : r);
}

function zrankCommand(c: Client, argv: string[]): Reply {
  return zrankGeneric(c, argv, false);
}

function zrevrankCommand(c: Client, argv: string[]): Reply {
  return zrankGeneric(c, argv, true);
}

const zcardCommand = sizeCommand('zset', (o) => o.value.size);

function zremCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const o = writeOfType(c, key, 'zset', ZERO);
  if ('t' in o) return o;
  const z = o.value;
  let deleted = 0;
  let removed = false;
  for (let j = 2; j < argv.length; j++) {
    if (z.delete(argv[j]!)) deleted++;
    if (z.size === 0) {
      removed = true;
      break;
    }
  }
  if (deleted > 0) {
    const engine = c.engine;
    const db = c.db;
    engine.notify('z', 'zrem', key, db);
    if (removed) {
      deleteKey(engine, db, key);
      engine.notify('g', 'del', key, db);
    } else {
      engine.signalModifiedKey(db, key);
    }
  }
  return int(deleted);
}

// ---- pops (genericZpopCommand) ---------------------------------------------------------------

export const ZSET_MIN = 0;
export const ZSET_MAX = 1;

/**
 * genericZpopCommand: pops from the first of `keys` that exists (WRONGTYPE if that one is not a
 * zset). `count` -1 is a plain single pop. Reply shapes: flat [m, s, …]; with `nested`
 * [[m, s], …]; with `emitKey` the key first ([key, m, s] for BZPOPMIN, [key, [[m, s], …]] for
 * ZMPOP / BZMPOP). With nothing to pop: an empty array, or a null array with `nilWhenEmpty`.
 * Blocked clients (BZPOPMIN & co.) are served by calling this with the one ready key.
 */
export function zpopGeneric(c: Client, keys: readonly string[], where: number, emitKey: boolean, count: number, nested: boolean, nilWhenEmpty: boolean): Reply {
  let key = '';
  let o: ZSetObj | undefined;
  for (let i = 0; i < keys.length; i++) {
    key = keys[i]!;
    const found = lookupWrite(c, key);
    if (found === undefined) continue;
    if (found.type !== 'zset') return WRONGTYPE_R;
    o = found;
    break;
  }
  if (o === undefined) return nilWhenEmpty ? NIL_ARRAY : EMPTY_ARRAY;
  if (count === 0) return EMPTY_ARRAY;

  const z = o.value;
  const rangelen = count === -1 ? 1 : count > z.size ? z.size : count;
  // ZMPOP and the blocking pops propagate as the ZPOPMIN/ZPOPMAX they amount to.
  if (emitKey) {
    const name = where === ZSET_MAX ? 'ZPOPMAX' : 'ZPOPMIN';
    c.engine.rewrite(c, count === -1 ? [name, key] : [name, key, String(rangelen)]);
  }
  const items: Reply[] = [];
  for (let i = 0; i < rangelen; i++) {
    const e = where === ZSET_MAX ? z.popMax()! : z.popMin()!;
    if (nested) items.push({ t: 'array', v: [{ t: 'bulk', v: e[0] }, scoreReply(e[1])] });
    else items.push({ t: 'bulk', v: e[0] }, scoreReply(e[1]));
  }
  const engine = c.engine;
  const db = c.db;
  engine.notify('z', where === ZSET_MAX ? 'zpopmax' : 'zpopmin', key, db);
  engine.signalModifiedKey(db, key);
  // Redis's server.dirty grows by one per member popped (signalModifiedKey counted one).
  if (rangelen !== 1) engine.changesSinceLastSave += rangelen - 1;
  if (z.size === 0) {
    db.remove(key);
    engine.notify('g', 'del', key, db);
  }
  if (!emitKey) return { t: 'array', v: items };
  const k: Reply = { t: 'bulk', v: key };
  if (nested) return { t: 'array', v: [k, { t: 'array', v: items }] };
  items.unshift(k);
  return { t: 'array', v: items };
}

function zpopMinMax(c: Client, argv: string[], where: number): Reply {
  if (argv.length > 3) return SYNTAX_R;
  let count = -1;
  if (argv.length === 3) {
    const n = parseIntArg(argv[2]!);
    if (n === null || n < 0) return MUST_BE_POSITIVE_R;
    count = n;
  }
  // RESP3 nests the pairs only when a count was given.
  return zpopGeneric(c, [argv[1]!], where, false, count, c.resp === 3 && count !== -1, false);
}

function zpopminCommand(c: Client, argv: string[]): Reply {
  return zpopMinMax(c, argv, ZSET_MIN);
}

function zpopmaxCommand(c: Client, argv: string[]): Reply {
  return zpopMinMax(c, argv, ZSET_MAX);
}

const ZMPOP_SIDES = ['min', 'max'] as const;

/** ZMPOP's one option, COUNT (-1 until given; a second COUNT is a syntax error). */
const ZMPOP_OPTIONS: readonly Option<{ count: number }>[] = [minIntOption('count', 1, COUNT_NOT_POSITIVE_R, (o) => o.count === -1)];

/**
 * ZMPOP / BZMPOP argument parsing (zmpopGenericCommand): `numkeys key… MIN|MAX [COUNT n]` from
 * argv[numkeysIdx]. Returns the keys, side and count, or the error reply.
 */
export function parseZmpop(argv: string[], numkeysIdx: number): { keys: string[]; where: number; count: number } | Reply {
  const argc = argv.length;
  const numkeys = parseIntArg(argv[numkeysIdx]!);
  if (numkeys === null || numkeys < 1) return NUMKEYS_NOT_POSITIVE_R;
  const whereIdx = numkeysIdx + numkeys + 1;
  if (whereIdx >= argc) return SYNTAX_R;
  const side = oneOf(argv[whereIdx]!, ZMPOP_SIDES);
  if (side === null) return SYNTAX_R;
  const where = side === 'min' ? ZSET_MIN : ZSET_MAX;
  const opts = { count: -1 };
  const parsed = parseOptions(argv, whereIdx + 1, ZMPOP_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  return { keys: argv.slice(numkeysIdx + 1, whereIdx), where, count: opts.count === -1 ? 1 : opts.count };
}

function zmpopCommand(c: Client, argv: string[]): Reply {
  const p = parseZmpop(argv, 1);
  if (!('keys' in p)) return p;
  return zpopGeneric(c, p.keys, p.where, true, p.count, true, true);
}

// ---- BZPOPMIN / BZPOPMAX / BZMPOP (blockingGenericZpopCommand) -------------------------------

/**
 * blockingGenericZpopCommand: pops from the first non-empty zset among `keys` at once, else
 * blocks the client on them; once served (serveClientsBlockedOnSortedSetKey) it pops from the
 * ready key with the same options. Reply shapes as zpopGeneric with the key emitted.
 */
function blockingZpop(
  c: Client,
  argv: string[],
  keys: string[],
  where: number,
  timeoutArg: string,
  count: number,
  nested: boolean,
  nilWhenEmpty: boolean,
): Reply | null {
  const deadline = parseTimeout(c, timeoutArg);
  if (typeof deadline !== 'number') return deadline;
  for (let j = 0; j < keys.length; j++) {
    const key = keys[j]!;
    const o = lookupWrite(c, key);
    if (o === undefined) continue;
    if (o.type !== 'zset') return WRONGTYPE_R;
    if (o.value.size === 0) continue;
    return zpopGeneric(c, [key], where, true, count, nested, nilWhenEmpty);
  }
  // Inside EXEC a blocking command answers as if it timed out.
  if (!mayBlock(c)) return NIL_ARRAY;
  return c.engine.blocking.block(c, 'zset', keys, deadline, argv, (cl, key) => {
    const reply = zpopGeneric(cl, [key], where, true, count, nested, nilWhenEmpty);
    // Served outside call(): what it rewrote itself into goes out as it is (blocked.c).
    if (cl.propArgv !== null) {
      cl.engine.propagation.add(cl.db.id, cl.propArgv);
      cl.propArgv = null;
    }
    return reply;
  });
}

function bzpopminCommand(c: Client, argv: string[]): Reply | null {
  return blockingZpop(c, argv, argv.slice(1, -1), ZSET_MIN, argv[argv.length - 1]!, -1, false, false);
}

function bzpopmaxCommand(c: Client, argv: string[]): Reply | null {
  return blockingZpop(c, argv, argv.slice(1, -1), ZSET_MAX, argv[argv.length - 1]!, -1, false, false);
}

/** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: arguments first, then the timeout. */
function bzmpopCommand(c: Client, argv: string[]): Reply | null {
  const p = parseZmpop(argv, 2);
  if (!('keys' in p)) return p;
  return blockingZpop(c, argv, p.keys, p.where, argv[1]!, p.count, true, true);
}

// ---- ZRANDMEMBER ---------------------------------------------------------------------------

const LONG_MAX_HALF = 4611686018427387903n;

function zrandmemberCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  const random = c.engine.random;
  if (argc < 3) {
    const o = lookupRead(c, argv[1]!);
    if (o === undefined) return NIL;
    if (o.type !== 'zset') return WRONGTYPE_R;
    const z = o.value;
    return { t: 'bulk', v: z.memberAt(Math.floor(random() * z.size))! };
  }
  const arg = argv[2]!;
  const l = parseIntArg(arg);
  if (l === null) return NOT_INTEGER_R;
  if (arg === '-9223372036854775808') return RANDOM_COUNT_RANGE_R;
  let withscores = false;
  if (argc > 4 || (argc === 4 && !isOpt(argv[3]!, 'withscores'))) return SYNTAX_R;
  if (argc === 4) {
    withscores = true;
    const big = l > 4e18 || l < -4e18 ? parseInt64(arg)! : 0n;
    if (big > LONG_MAX_HALF || big < -LONG_MAX_HALF) return VALUE_OUT_OF_RANGE_R;
  }

  const o = readOfType(c, argv[1]!, 'zset', EMPTY_ARRAY);
  if ('t' in o) return o;
  const z = o.value;
  const size = z.size;
  const uniq = l >= 0;
  const count = uniq ? l : -l;
  if (count === 0) return EMPTY_ARRAY;
  const nested = withscores && c.resp === 3;
  const out: Reply[] = [];

  // With repetition (a negative count, or just one): independent uniform picks.
  if (!uniq || count === 1) {
    // Past our limit, Redis's output buffer limit may still be what ends it (the reply is dropped).
    if (count > MAX_RANDOM_REPLY) return replyCannotFit(c, count) ? EMPTY_ARRAY : RANDOM_TOO_LARGE_R;
    for (let i = 0; i < count; i++) {
      const rank = Math.floor(random() * size);
      pushEntry(out, z.memberAt(rank)!, z.scoreAt(rank)!, withscores, nested);
    }
    return { t: 'array', v: out };
  }
  // Asking for at least everything: the whole zset, highest first (zuiNext walks backwards).
  if (count >= size) {
    z.walk(size - 1, true, (m, s) => {
      pushEntry(out, m, s, withscores, nested);
    });
    return { t: 'array', v: out };
  }
  // Distinct picks: a partial shuffle of the ranks when most are wanted, else random ranks
  // drawn until enough distinct ones came up (Redis's CASE 3 and CASE 4).
  if (count * 3 > size) {
    const ranks = new Array<number>(size);
    for (let i = 0; i < size; i++) ranks[i] = i;
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(random() * (size - i));
      const t = ranks[i]!;
      ranks[i] = ranks[j]!;
      ranks[j] = t;
      pushEntry(out, z.memberAt(ranks[i]!)!, z.scoreAt(ranks[i]!)!, withscores, nested);
    }
  } else {
    const seen = new Set<number>();
    while (seen.size < count) {
      const rank = Math.floor(random() * size);
      if (seen.has(rank)) continue;
      seen.add(rank);
      pushEntry(out, z.memberAt(rank)!, z.scoreAt(rank)!, withscores, nested);
    }
  }
  return { t: 'array', v: out };
}

// ---- ZSCAN ---------------------------------------------------------------------------------
//
// A listpack answers everything at once with cursor 0, as Redis does. A skiplist is walked in
// the order of a 32-bit hash of its members (FNV-1a), and the cursor is the next hash value to
// visit; a call always finishes the hash value it started, so no cursor falls between two
// members. Guarantee (Redis's, slightly stronger): a member present from the first call to the
// last is returned exactly once, whatever is added, removed or rescored meanwhile; members
// added or removed during the iteration may or may not be returned. The hash order of a zset is
// computed once and reused until the zset changes (ZSet.version).

function memberHash(m: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < m.length; i++) h = Math.imul(h ^ m.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function scanOrderOf(z: ZSet): ZScanOrder {
  const cached = z.scanOrder;
  if (cached !== undefined && cached.version === z.version) return cached;
  const n = z.size;
  const raw: string[] = new Array<string>(n);
  const rawHashes = new Uint32Array(n);
  let i = 0;
  for (const m of z.dict.keys()) {
    raw[i] = m;
    rawHashes[i] = memberHash(m);
    i++;
  }
  let order: ArrayLike<number>;
  if (n <= 1 << 21) {
    // hash × 2^21 + index stays below 2^53: one numeric typed-array sort.
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++) keys[k] = rawHashes[k]! * 2097152 + k;
    keys.sort();
    const idx = new Uint32Array(n);
    for (let k = 0; k < n; k++) idx[k] = keys[k]! % 2097152;
    order = idx;
  } else {
    const idx = Array.from({ length: n }, (_, k) => k);
    idx.sort((a, b) => rawHashes[a]! - rawHashes[b]! || a - b);
    order = idx;
  }
  const hashes = new Uint32Array(n);
  const members: string[] = new Array<string>(n);
  for (let k = 0; k < n; k++) {
    const from = order[k]!;
    hashes[k] = rawHashes[from]!;
    members[k] = raw[from]!;
  }
  const so = { version: z.version, hashes, members };
  z.scanOrder = so;
  return so;
}

function zscanCommand(c: Client, argv: string[]): Reply {
  const scan = collectionScan(c, argv, 'zset');
  if ('t' in scan) return scan;
  const { o, cursor, count, pattern } = scan;
  const match = pattern === null ? null : globMatcher(pattern);
  const z = o.value;
  const out: Reply[] = [];
  let next = 0;
  if (o.enc === 'listpack') {
    z.walk(0, false, (m, s) => {
      if (match === null || match(m)) out.push({ t: 'bulk', v: m }, { t: 'bulk', v: listpackScoreString(s) });
    });
  } else {
    const so = scanOrderOf(z);
    const { hashes, members } = so;
    const n = hashes.length;
    let lo = 0;
    let hi = n;
    if (cursor > 0xffffffff) lo = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hashes[mid]! < cursor) lo = mid + 1;
      else hi = mid;
    }
    let pos = lo;
    let taken = 0;
    while (pos < n && (taken < count || hashes[pos] === hashes[pos - 1])) {
      const m = members[pos++]!;
      taken++;
      if (match !== null && !match(m)) continue;
      out.push({ t: 'bulk', v: m }, { t: 'bulk', v: formatDouble(z.dict.get(m)!) });
    }
    next = pos < n ? hashes[pos]! : 0;
  }
  return array([bulk(String(next)), { t: 'array', v: out }]);
}

// ---- the table -------------------------------------------------------------------------------

const command = commandGroup('sorted-set', 'sortedset');

// One line a command, so the table reads as a table.
// prettier-ignore
export const zsetCommands: CommandSpec[] = [
  command('zadd', -4, 'write denyoom fast', [key(1, 'RW update')], zaddCommand, { since: '1.2.0', complexity: 'O(log(N)) per member', summary: 'Add members with scores to a sorted set, or change the scores of members already in it', syntax: 'key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]' }),
  command('zincrby', 4, 'write denyoom fast', [key(1, 'RW access update')], zincrbyCommand, { since: '1.2.0', complexity: 'O(log(N))', summary: "Add an amount to a member's score (a missing member starts at 0) and return the new score", syntax: 'key increment member' }),
  command('zscore', 3, 'readonly fast', [key(1, 'RO access')], zscoreCommand, { since: '1.2.0', complexity: 'O(1)', summary: "Read one member's score", syntax: 'key member' }),
  command('zmscore', -3, 'readonly fast', [key(1, 'RO access')], zmscoreCommand, { since: '6.2.0', complexity: 'O(N) for N members asked', summary: 'Read the scores of several members at once (nil for each one that is missing)', syntax: 'key member [member ...]' }),
  command('zrank', 3, 'readonly fast', [key(1, 'RO access')], zrankCommand, { since: '2.0.0', complexity: 'O(log(N))', summary: "A member's 0-based position counting from the lowest score", syntax: 'key member' }),
  command('zrevrank', 3, 'readonly fast', [key(1, 'RO access')], zrevrankCommand, { since: '2.0.0', complexity: 'O(log(N))', summary: "A member's 0-based position counting from the highest score", syntax: 'key member' }),
  command('zrange', -4, 'readonly', [key(1, 'RO access')], zrangeCommand, { since: '1.2.0', complexity: 'O(log(N)+M) for M members returned', summary: 'Members between two positions, scores or names, in either direction, optionally with scores', syntax: 'key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]' }),
  command('zrangestore', -5, 'write denyoom', [key(1, 'OW update'), key(2, 'RO access')], zrangestoreCommand, { since: '6.2.0', complexity: 'O(log(N)+M) for M members stored', summary: 'Copy a range of members (as ZRANGE selects them) into another sorted set', syntax: 'dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]' }),
  command('zrevrange', -4, 'readonly', [key(1, 'RO access')], zrevrangeCommand, { since: '1.2.0', complexity: 'O(log(N)+M) for M members returned', summary: 'Members between two positions counted from the highest score (deprecated: ZRANGE … REV)', syntax: 'key start stop [WITHSCORES]' }),
  command('zrangebyscore', -4, 'readonly', [key(1, 'RO access')], zrangebyscoreCommand, { since: '1.0.5', complexity: 'O(log(N)+M) for M members returned', summary: 'Members whose scores lie between min and max, lowest first (deprecated: ZRANGE … BYSCORE)', syntax: 'key min max [WITHSCORES] [LIMIT offset count]' }),
  command('zrevrangebyscore', -4, 'readonly', [key(1, 'RO access')], zrevrangebyscoreCommand, { since: '2.2.0', complexity: 'O(log(N)+M) for M members returned', summary: 'Members whose scores lie between max and min, highest first (deprecated: ZRANGE … BYSCORE REV)', syntax: 'key max min [WITHSCORES] [LIMIT offset count]' }),
  command('zrangebylex', -4, 'readonly', [key(1, 'RO access')], zrangebylexCommand, { since: '2.8.9', complexity: 'O(log(N)+M) for M members returned', summary: 'Members between two names, for a set whose scores are all equal (deprecated: ZRANGE … BYLEX)', syntax: 'key min max [LIMIT offset count]' }),
  command('zrevrangebylex', -4, 'readonly', [key(1, 'RO access')], zrevrangebylexCommand, { since: '2.8.9', complexity: 'O(log(N)+M) for M members returned', summary: 'Members between two names in reverse byte order (deprecated: ZRANGE … BYLEX REV)', syntax: 'key max min [LIMIT offset count]' }),
  command('zcount', 4, 'readonly fast', [key(1, 'RO access')], zcountCommand, { since: '2.0.0', complexity: 'O(log(N))', summary: 'How many members have a score between min and max', syntax: 'key min max' }),
  command('zlexcount', 4, 'readonly fast', [key(1, 'RO access')], zlexcountCommand, { since: '2.8.9', complexity: 'O(log(N))', summary: 'How many members lie between two names, for a set whose scores are all equal', syntax: 'key min max' }),
  command('zcard', 2, 'readonly fast', [key(1, 'RO')], zcardCommand, { since: '1.2.0', complexity: 'O(1)', summary: 'How many members a sorted set has', syntax: 'key' }),
  command('zrem', -3, 'write fast', [key(1, 'RW delete')], zremCommand, { since: '1.2.0', complexity: 'O(M*log(N)) for M members removed', summary: 'Remove members; answers how many were there', syntax: 'key member [member ...]' }),
  command('zremrangebyrank', 4, 'write', [key(1, 'RW delete')], (c, argv) => zremrangeGeneric(c, argv, 'rank'), { since: '2.0.0', complexity: 'O(log(N)+M) for M members removed', summary: 'Remove the members between two positions (negative positions count from the end)', syntax: 'key start stop' }),
  command('zremrangebyscore', 4, 'write', [key(1, 'RW delete')], (c, argv) => zremrangeGeneric(c, argv, 'score'), { since: '1.2.0', complexity: 'O(log(N)+M) for M members removed', summary: 'Remove the members whose scores lie between min and max', syntax: 'key min max' }),
  command('zremrangebylex', 4, 'write', [key(1, 'RW delete')], (c, argv) => zremrangeGeneric(c, argv, 'lex'), { since: '2.8.9', complexity: 'O(log(N)+M) for M members removed', summary: 'Remove the members between two names, for a set whose scores are all equal', syntax: 'key min max' }),
  command('zpopmin', -2, 'write fast', [key(1, 'RW access delete')], zpopminCommand, { since: '5.0.0', complexity: 'O(log(N)*M) for M members popped', summary: 'Take out and return the members with the lowest scores (one, or count of them)', syntax: 'key [count]' }),
  command('zpopmax', -2, 'write fast', [key(1, 'RW access delete')], zpopmaxCommand, { since: '5.0.0', complexity: 'O(log(N)*M) for M members popped', summary: 'Take out and return the members with the highest scores (one, or count of them)', syntax: 'key [count]' }),
  command('zmpop', -4, 'write', [keyNum(1, 'RW access delete')], zmpopCommand, { since: '7.0.0', complexity: 'O(K) + O(M*log(N)) for K keys and M members popped', summary: 'Pop the lowest or highest scored members from the first of several sorted sets that is not empty', syntax: 'numkeys key [key ...] MIN|MAX [COUNT count]' }),
  command('bzpopmin', -3, 'write noscript blocking fast', [keyRange(1, -2, 1, 'RW access delete')], bzpopminCommand, { since: '5.0.0', complexity: 'O(log(N)) for a zset of N members', summary: 'Pop the lowest-scored member of the first non-empty zset among the keys, waiting up to timeout seconds for one', syntax: 'key [key ...] timeout' }),
  command('bzpopmax', -3, 'write noscript blocking fast', [keyRange(1, -2, 1, 'RW access delete')], bzpopmaxCommand, { since: '5.0.0', complexity: 'O(log(N)) for a zset of N members', summary: 'Pop the highest-scored member of the first non-empty zset among the keys, waiting up to timeout seconds for one', syntax: 'key [key ...] timeout' }),
  command('bzmpop', -5, 'write blocking', [keyNum(2, 'RW access delete')], bzmpopCommand, { since: '7.0.0', complexity: 'O(K) + O(M*log(N)) for K keys and M members popped', summary: 'ZMPOP that waits up to timeout seconds for one of the zsets to get members', syntax: 'timeout numkeys key [key ...] MIN|MAX [COUNT count]' }),
  command('zrandmember', -2, 'readonly', [key(1, 'RO access')], zrandmemberCommand, { since: '6.2.0', complexity: 'O(N) for N members returned', tips: 'nondeterministic_output', summary: 'Random members: one, count distinct ones, or with a negative count that many picks that may repeat', syntax: 'key [count [WITHSCORES]]' }),
  command('zunion', -3, 'readonly', [keyNum(1, 'RO access')], zunionCommand, { since: '6.2.0', complexity: 'O(N)+O(M*log(M)) for N input members and M results', summary: 'Every member of any of the given sets, with scores combined (summed by default)', syntax: 'numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]' }),
  command('zinter', -3, 'readonly', [keyNum(1, 'RO access')], zinterCommand, { since: '6.2.0', complexity: 'O(N*K)+O(M*log(M)) for the smallest input N, K inputs and M results', summary: 'The members found in all of the given sets, with scores combined (summed by default)', syntax: 'numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]' }),
  command('zdiff', -3, 'readonly', [keyNum(1, 'RO access')], zdiffCommand, { since: '6.2.0', complexity: 'O(L + (N-K)log(N)) for L input members, N in the first set, K results', summary: 'The members of the first set that none of the other sets has', syntax: 'numkeys key [key ...] [WITHSCORES]' }),
  command('zunionstore', -4, 'write denyoom', [key(1, 'OW update'), keyNum(2, 'RO access')], zunionstoreCommand, { since: '2.0.0', complexity: 'O(N)+O(M log(M)) for N input members and M results', summary: 'Store the union of sets (as ZUNION computes it) under the destination key', syntax: 'destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]' }),
  command('zinterstore', -4, 'write denyoom', [key(1, 'OW update'), keyNum(2, 'RO access')], zinterstoreCommand, { since: '2.0.0', complexity: 'O(N*K)+O(M*log(M)) for the smallest input N, K inputs and M results', summary: 'Store the intersection of sets (as ZINTER computes it) under the destination key', syntax: 'destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]' }),
  command('zdiffstore', -4, 'write denyoom', [key(1, 'OW update'), keyNum(2, 'RO access')], zdiffstoreCommand, { since: '6.2.0', complexity: 'O(L + (N-K)log(N)) for L input members, N in the first set, K results', summary: 'Store the difference of sets (as ZDIFF computes it) under the destination key', syntax: 'destination numkeys key [key ...]' }),
  command('zintercard', -3, 'readonly', [keyNum(1, 'RO access')], zintercardCommand, { since: '7.0.0', complexity: 'O(N*K) for the smallest input N and K inputs', summary: 'Count the members the given sets have in common, stopping early at an optional limit', syntax: 'numkeys key [key ...] [LIMIT limit]' }),
  command('zscan', -3, 'readonly', [key(1, 'RO access')], zscanCommand, { since: '2.8.0', complexity: 'O(1) per call, O(N) for a whole iteration', tips: 'nondeterministic_output', summary: 'Walk through the members and scores of a sorted set a few at a time with a cursor', syntax: 'key cursor [MATCH pattern] [COUNT count]' }),
];
