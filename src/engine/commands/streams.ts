// STREAM group (Redis 7.0's t_stream.c): XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM, XREAD,
// XREADGROUP, XGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XSETID, XINFO. The stream itself is
// ds/stream.ts; blocked XREAD/XREADGROUP clients wait through blocking.ts.

import { mayBlock } from '../blocking.js';
import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key, afterKeyword } from '../command-decl.js';
import { cmpId, formatId, SCG_INVALID_ENTRIES_READ as SCG_INVALID, Stream, U64_MAX, type Consumer, type ConsumerGroup, type TrimArgs } from '../ds/stream.js';
import * as E from '../../shared/errors.js';
import { addKey, lookupRead, lookupWrite } from '../keyspace.js';
import { INT64_MAX } from '../numbers.js';
import type { RObj } from '../objects.js';
import { array, bulk, EMPTY_ARRAY, error, int, map, NIL, NIL_ARRAY, OK, ZERO, type Reply } from '../../shared/reply.js';
import { NOT_INTEGER_R, SYNTAX_R, WRONGTYPE_R } from '../error-replies.js';
import { cString, isCEq, isOpt } from '../../shared/args.js';
import { parseOptions, type Option } from '../options.js';
import {
  INVALID_ID_R,
  type ParsedId,
  bigOrNum,
  byName,
  createConsumer,
  createStreamObj,
  decrId,
  dirty,
  historyEntries,
  idReply,
  incrId,
  lagReply,
  lookupConsumer,
  lookupGroup,
  parseId,
  parseInterval,
  parseLL,
  propagateConsumerCreation,
  rangeEntries,
  type GroupProp,
} from './streams-core.js';
import { xackCommand, xautoclaimCommand, xclaimCommand, xgroupCommand, xpendingCommand } from './streams-groups.js';

// ---- XADD / XTRIM argument parsing -----------------------------------------------------------

interface AddTrimArgs {
  trim: TrimArgs | null;
  id: ParsedId | null;
  noMkstream: boolean;
  /** Position of the ID argument (XADD). */
  idPos: number;
  /** Position of the MAXLEN/MINID threshold (its `~` just before it), 0 without trimming. */
  thresholdPos: number;
}

/** streamParseAddOrTrimArgsOrReply's options, as read so far. */
interface AddTrimOptions {
  xadd: boolean;
  strategy: 'maxlen' | 'minid' | null;
  approx: boolean;
  maxlen: bigint;
  minMs: bigint;
  minSeq: bigint;
  limit: bigint;
  limitGiven: boolean;
  noMkstream: boolean;
  thresholdPos: number;
}

/**
 * MAXLEN / MINID `[~ | =] <threshold>`: the marker counts only when a threshold follows it, and
 * is compared as a C string ("~\0x" is "~"). Returns the index of the threshold.
 */
function trimThreshold(o: AddTrimOptions, argv: readonly string[], at: number): Reply | number {
  if (o.strategy !== null) return error(E.STREAM_MAXLEN_MINID);
  o.approx = false;
  const next = argv[at + 1]!;
  const twoMore = argv.length - 1 - at >= 2;
  if (twoMore && isCEq(next, '~')) {
    o.approx = true;
    return at + 2;
  }
  return twoMore && isCEq(next, '=') ? at + 2 : at + 1;
}

/** An option's count that may not be negative: the number, or the error reply refusing it. */
function nonNegative(arg: string, negative: string): bigint | Reply {
  const v = parseLL(arg);
  if (v === null) return NOT_INTEGER_R;
  return v < 0n ? error(negative) : v;
}

/** An option followed by a count that may not be negative. */
function countOption<T>(name: string, negative: string, set: (o: T, v: bigint) => void): Option<T> {
  return {
    name,
    values: 1,
    read: (o, argv, at) => {
      const v = nonNegative(argv[at + 1]!, negative);
      if (typeof v !== 'bigint') return v;
      set(o, v);
    },
  };
}

const ADD_TRIM_OPTIONS: readonly Option<AddTrimOptions>[] = [
  {
    name: 'maxlen',
    values: 1,
    read: (o, argv, at) => {
      const i = trimThreshold(o, argv, at);
      if (typeof i === 'object') return i;
      const v = nonNegative(argv[i]!, E.STREAM_MAXLEN_NEGATIVE);
      if (typeof v !== 'bigint') return v;
      o.maxlen = v;
      o.strategy = 'maxlen';
      o.thresholdPos = i;
      return i;
    },
  },
  {
    name: 'minid',
    values: 1,
    read: (o, argv, at) => {
      const i = trimThreshold(o, argv, at);
      if (typeof i === 'object') return i;
      const p = parseId(argv[i]!, 0n, true);
      if (p === null) return INVALID_ID_R;
      o.minMs = p.ms;
      o.minSeq = p.seq;
      o.strategy = 'minid';
      o.thresholdPos = i;
      return i;
    },
  },
  countOption('limit', E.STREAM_LIMIT_NEGATIVE, (o, v) => {
    o.limit = v;
    o.limitGiven = true;
  }),
  { name: 'nomkstream', when: (o) => o.xadd, read: (o) => void (o.noMkstream = true) },
];

/** streamParseAddOrTrimArgsOrReply. */
function parseAddTrim(c: Client, argv: string[], xadd: boolean): AddTrimArgs | Reply {
  const argc = argv.length;
  const o: AddTrimOptions = {
    xadd,
    strategy: null,
    approx: false,
    maxlen: 0n,
    minMs: 0n,
    minSeq: 0n,
    limit: 0n,
    limitGiven: false,
    noMkstream: false,
    thresholdPos: 0,
  };
  // XADD's options end at its ID ("*" included: no option is called that); XTRIM has no ID.
  const i = parseOptions(argv, 2, ADD_TRIM_OPTIONS, o, xadd ? 'stop' : SYNTAX_R);
  if (typeof i === 'object') return i;
  let id: ParsedId | null = null;
  if (i < argc && !isCEq(argv[i]!, '*')) {
    id = parseId(argv[i]!, 0n, true, true);
    if (id === null) return INVALID_ID_R;
  }
  const { strategy, approx, maxlen, minMs, minSeq, limitGiven, noMkstream } = o;
  let limit = o.limit;
  if (limit !== 0n && strategy === null) return error(E.STREAM_LIMIT_NO_STRATEGY);
  if (!xadd && strategy === null) return error(E.XTRIM_NO_STRATEGY);
  if (c.mustObey) {
    // From the AOF or the master: the threshold was rewritten to what the trim left (=).
    limit = 0n;
  } else if (limitGiven) {
    if (!approx) return error(E.STREAM_LIMIT_NO_APPROX);
  } else if (approx) {
    let l = 100n * BigInt(c.engine.config.streamNodeMaxEntries);
    if (l <= 0n) l = 10000n;
    if (l > 1000000n) l = 1000000n;
    limit = l;
  } else {
    limit = 0n;
  }
  const trim: TrimArgs | null =
    strategy === null ? null : { strategy, approx, limit: limit > 9007199254740991n ? Number.MAX_SAFE_INTEGER : Number(limit), maxlen, minMs, minSeq };
  return { trim, id, noMkstream, idPos: i, thresholdPos: o.thresholdPos };
}

/**
 * streamRewriteApproxSpecifier + streamRewriteTrimArgument: a trim with `~` propagates as `=`
 * with what it actually left (the length, or the first ID), so a replay trims the same entries.
 */
function rewriteApproxTrim(c: Client, argv: readonly string[], parsed: AddTrimArgs, s: Stream): void {
  const trim = parsed.trim;
  if (trim === null || !trim.approx || !c.engine.propagation.active) return;
  const at = parsed.thresholdPos;
  c.engine.rewriteArgument(c, argv, at - 1, '=');
  let threshold: string;
  if (trim.strategy === 'maxlen') threshold = String(s.length);
  else {
    const first = s.firstIdWithTombstones();
    threshold = formatId(first.ms, first.seq);
  }
  c.engine.rewriteArgument(c, argv, at, threshold);
}

function isReply(x: unknown): x is Reply {
  return typeof x === 'object' && x !== null && 't' in x;
}

function xaddCommand(c: Client, argv: string[]): Reply {
  const parsed = parseAddTrim(c, argv, true);
  if (isReply(parsed)) return parsed;
  const fieldPos = parsed.idPos + 1;
  const argc = argv.length;
  if (argc - fieldPos < 2 || (argc - fieldPos) % 2 === 1) return error(E.wrongArity('xadd'));
  const given = parsed.id;
  if (given !== null && given.seqGiven && given.ms === 0n && given.seq === 0n) return error(E.XADD_ID_ZERO);
  const key = argv[1]!;
  const db = c.db;
  const engine = c.engine;
  let o = lookupWrite(c, key);
  if (o !== undefined && o.type !== 'stream') return WRONGTYPE_R;
  if (o === undefined) {
    if (parsed.noMkstream) return NIL;
    o = createStreamObj();
    addKey(engine, db, key, o);
  }
  const s = o.value;
  if (s.lastMs === U64_MAX && s.lastSeq === U64_MAX) return error(E.STREAM_EXHAUSTED);
  let ms: bigint;
  let seq: bigint;
  if (given !== null) {
    if (given.seqGiven) {
      ms = given.ms;
      seq = given.seq;
    } else if (s.lastMs === given.ms) {
      if (s.lastSeq === U64_MAX) return error(E.XADD_ID_TOO_SMALL);
      ms = s.lastMs;
      seq = s.lastSeq + 1n;
    } else {
      ms = given.ms;
      seq = 0n;
    }
  } else {
    const now = BigInt(engine.now);
    if (now > s.lastMs) {
      ms = now;
      seq = 0n;
    } else if (s.lastSeq === U64_MAX) {
      ms = s.lastMs + 1n;
      seq = 0n;
    } else {
      ms = s.lastMs;
      seq = s.lastSeq + 1n;
    }
  }
  if (cmpId(ms, seq, s.lastMs, s.lastSeq) <= 0) return error(E.XADD_ID_TOO_SMALL);
  const fields = argv.slice(fieldPos);
  const reply = bulk(s.append(ms, seq, fields, engine.config.streamNodeMaxBytes, engine.config.streamNodeMaxEntries));
  engine.signalModifiedKey(db, key);
  engine.notify('t', 'xadd', key, db);
  if (parsed.trim !== null) {
    if (s.trim(parsed.trim) !== 0) engine.notify('t', 'xtrim', key, db);
    rewriteApproxTrim(c, argv, parsed, s);
  }
  // The ID this server made up (from `*` or `ms-*`) is the one replayed.
  if (given === null || !given.seqGiven) engine.rewriteArgument(c, argv, parsed.idPos, reply.v as string);
  engine.blocking.signal(db.id, key, 'stream');
  return reply;
}

function xtrimCommand(c: Client, argv: string[]): Reply {
  const parsed = parseAddTrim(c, argv, false);
  if (isReply(parsed)) return parsed;
  const key = argv[1]!;
  const o = lookupWrite(c, key);
  if (o === undefined) return ZERO;
  if (o.type !== 'stream') return WRONGTYPE_R;
  const deleted = o.value.trim(parsed.trim!);
  if (deleted !== 0) {
    c.engine.notify('t', 'xtrim', key, c.db);
    c.engine.signalModifiedKey(c.db, key);
    dirty(c, deleted - 1);
    rewriteApproxTrim(c, argv, parsed, o.value);
  }
  return int(deleted);
}

// ---- XRANGE / XREVRANGE / XLEN / XDEL ------------------------------------------------------

/** XRANGE's one option; a negative COUNT counts as 0. */
const XRANGE_OPTIONS: readonly Option<{ count: bigint }>[] = [
  {
    name: 'count',
    values: 1,
    read: (o, argv, at) => {
      const v = parseLL(argv[at + 1]!);
      if (v === null) return NOT_INTEGER_R;
      o.count = v < 0n ? 0n : v;
    },
  },
];

function xrangeGeneric(c: Client, argv: string[], rev: boolean): Reply {
  const startArg = rev ? argv[3]! : argv[2]!;
  const endArg = rev ? argv[2]! : argv[3]!;
  const start = parseInterval(startArg, 0n);
  if (start === null) return INVALID_ID_R;
  if (start.exclusive && !incrId(start.id)) return error(E.STREAM_INVALID_START);
  const end = parseInterval(endArg, U64_MAX);
  if (end === null) return INVALID_ID_R;
  if (end.exclusive && !decrId(end.id)) return error(E.STREAM_INVALID_END);
  const opts = { count: -1n };
  const parsed = parseOptions(argv, 4, XRANGE_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  const count = opts.count;
  const o = lookupRead(c, argv[1]!);
  if (o === undefined) return EMPTY_ARRAY;
  if (o.type !== 'stream') return WRONGTYPE_R;
  if (count === 0n) return NIL_ARRAY;
  const n = count === -1n ? 0 : count > 2147483647n ? 2147483647 : Number(count);
  return array(rangeEntries(c, o.value, start.id.ms, start.id.seq, end.id.ms, end.id.seq, n, rev, null, null, false));
}

function xlenCommand(c: Client, argv: string[]): Reply {
  const o = lookupRead(c, argv[1]!);
  if (o === undefined) return ZERO;
  if (o.type !== 'stream') return WRONGTYPE_R;
  return int(o.value.length);
}

function xdelCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const o = lookupWrite(c, key);
  if (o === undefined) return ZERO;
  if (o.type !== 'stream') return WRONGTYPE_R;
  const ids: ParsedId[] = [];
  for (let j = 2; j < argv.length; j++) {
    const id = parseId(argv[j]!, 0n, true);
    if (id === null) return INVALID_ID_R;
    ids.push(id);
  }
  const s = o.value;
  let deleted = 0;
  let firstEntry = false;
  for (const id of ids) {
    if (s.delete(id.ms, id.seq)) {
      if (id.ms === s.firstMs && id.seq === s.firstSeq) firstEntry = true;
      if (cmpId(id.ms, id.seq, s.maxDelMs, s.maxDelSeq) > 0) {
        s.maxDelMs = id.ms;
        s.maxDelSeq = id.seq;
      }
      deleted++;
    }
  }
  if (deleted !== 0) {
    if (s.length === 0) {
      s.firstMs = 0n;
      s.firstSeq = 0n;
    } else if (firstEntry) s.refreshFirst();
    c.engine.signalModifiedKey(c.db, key);
    c.engine.notify('t', 'xdel', key, c.db);
    dirty(c, deleted - 1);
  }
  return int(deleted);
}

// ---- XREAD / XREADGROUP --------------------------------------------------------------------

const XREAD_BLOCKED_DEFAULT_COUNT = 1000;

/** XREAD's and XREADGROUP's options, up to STREAMS (which takes the rest of argv). */
interface XreadOptions {
  xreadgroup: boolean;
  /** The command name as typed, when a script runs it (BLOCK is refused then). */
  fromScript: string | null;
  now: number;
  /** Absolute ms to block until, 0 for ever, -1 when not blocking. */
  timeout: number;
  count: number;
  streamsArg: number;
  streamsCount: number;
  noack: boolean;
  groupName: string | null;
  consumerName: string;
}

const XREAD_OPTIONS: readonly Option<XreadOptions>[] = [
  {
    name: 'block',
    values: 1,
    read: (o, argv, at) => {
      // xreadCommand: no sense in blocking a script, refused before the timeout is read
      if (o.fromScript !== null) return error(`ERR ${cString(o.fromScript)} command is not allowed with BLOCK option from scripts`);
      const v = parseLL(argv[at + 1]!);
      if (v === null) return error(E.TIMEOUT_NOT_INTEGER);
      if (v < 0n) return error(E.TIMEOUT_NEGATIVE);
      o.timeout = v > 0n ? Math.min(Number(v) + o.now, Number(INT64_MAX)) : 0;
    },
  },
  {
    name: 'count',
    values: 1,
    read: (o, argv, at) => {
      const v = parseLL(argv[at + 1]!);
      if (v === null) return NOT_INTEGER_R;
      o.count = v < 0n ? 0 : v > 2147483647n ? 2147483647 : Number(v);
    },
  },
  {
    name: 'streams',
    values: 1,
    read: (o, argv, at) => {
      o.streamsArg = at + 1;
      const n = argv.length - o.streamsArg;
      if (n % 2 !== 0) return error(E.XREAD_UNBALANCED);
      o.streamsCount = n / 2;
      return argv.length - 1;
    },
  },
  {
    name: 'group',
    values: 2,
    read: (o, argv, at) => {
      if (!o.xreadgroup) return error(E.XREAD_GROUP_OPTION);
      o.groupName = argv[at + 1]!;
      o.consumerName = argv[at + 2]!;
    },
  },
  {
    name: 'noack',
    read: (o) => {
      if (!o.xreadgroup) return error(E.XREAD_NOACK_OPTION);
      o.noack = true;
    },
  },
];

function xreadCommand(c: Client, argv: string[]): Reply | null {
  const argc = argv.length;
  const xreadgroup = argv[0]!.length === 10;
  const opts: XreadOptions = {
    xreadgroup,
    fromScript: c.script ? argv[0]! : null,
    now: c.engine.now,
    timeout: -1,
    count: 0,
    streamsArg: 0,
    streamsCount: 0,
    noack: false,
    groupName: null,
    consumerName: '',
  };
  // What XREADGROUP changes propagates as XCLAIM and XGROUP commands, never as itself.
  c.engine.preventPropagation(c);
  const parsed = parseOptions(argv, 1, XREAD_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  const { timeout, count, streamsArg, streamsCount, noack, groupName, consumerName } = opts;
  if (streamsArg === 0) return SYNTAX_R;
  if (xreadgroup && groupName === null) return error(E.XREADGROUP_MISSING_GROUP);

  const ids: { ms: bigint; seq: bigint }[] = [];
  const groups: (ConsumerGroup | null)[] = [];
  for (let i = streamsArg + streamsCount; i < argc; i++) {
    const key = argv[i - streamsCount]!;
    const o = lookupRead(c, key);
    if (o !== undefined && o.type !== 'stream') return WRONGTYPE_R;
    let group: ConsumerGroup | null = null;
    if (groupName !== null) {
      const g = o === undefined ? undefined : lookupGroup(o.value, groupName);
      if (g === undefined) return error(E.xreadgroupNoGroup(key, groupName));
      group = g;
    }
    groups.push(group);
    const arg = argv[i]!;
    if (isCEq(arg, '$')) {
      if (xreadgroup) return error(E.XREADGROUP_DOLLAR);
      ids.push(o !== undefined ? { ms: o.value.lastMs, seq: o.value.lastSeq } : { ms: 0n, seq: 0n });
      continue;
    } else if (isCEq(arg, '>')) {
      if (!xreadgroup) return error(E.XREAD_GREATER_ID);
      ids.push({ ms: U64_MAX, seq: U64_MAX });
      continue;
    }
    const id = parseId(arg, 0n, true);
    if (id === null) return INVALID_ID_R;
    ids.push({ ms: id.ms, seq: id.seq });
  }

  const resp3 = c.resp === 3;
  const served: [Reply, Reply][] = [];
  for (let i = 0; i < streamsCount; i++) {
    const key = argv[streamsArg + i]!;
    const o = lookupRead(c, key);
    if (o === undefined || o.type !== 'stream') continue;
    const s = o.value;
    const gt = ids[i]!;
    const group = groups[i] ?? null;
    let serve = false;
    let history = false;
    if (group !== null) {
      if (gt.ms !== U64_MAX || gt.seq !== U64_MAX) {
        serve = true;
        history = true;
      } else if (s.length !== 0) {
        const max = s.edge(false)!;
        if (cmpId(max.ms, max.seq, group.lastMs, group.lastSeq) > 0) {
          serve = true;
          gt.ms = group.lastMs;
          gt.seq = group.lastSeq;
        }
      }
    } else if (s.length !== 0) {
      const max = s.edge(false)!;
      if (cmpId(max.ms, max.seq, gt.ms, gt.seq) > 0) serve = true;
    }
    if (!serve) continue;
    const start = { ms: gt.ms, seq: gt.seq };
    incrId(start);
    const prop = groupName === null ? null : { key, group: groupName };
    const consumer = group === null ? null : groupConsumer(c, group, prop!, consumerName, noack);
    let entries: Reply[];
    if (group !== null && history) entries = historyEntries(c, s, start.ms, start.seq, count, consumer!);
    else entries = rangeEntries(c, s, start.ms, start.seq, U64_MAX, U64_MAX, count, false, group, consumer, noack, prop);
    if (group !== null) dirty(c);
    served.push([bulk(key), array(entries)]);
  }
  if (served.length !== 0) {
    return resp3 ? map(served) : array(served.map(([k, v]) => array([k, v])));
  }
  if (timeout !== -1) {
    if (!mayBlock(c)) return NIL_ARRAY;
    const keys = argv.slice(streamsArg, streamsArg + streamsCount);
    // blockForKeys: a key given twice waits for the first of its IDs.
    const waitIds = new Map<string, { ms: bigint; seq: bigint }>();
    keys.forEach((k, i) => {
      if (!waitIds.has(k)) waitIds.set(k, ids[i]!);
    });
    const blockCount = count !== 0 ? count : XREAD_BLOCKED_DEFAULT_COUNT;
    const gname = groupName;
    const serveStep = (cl: Client, key: string, obj: RObj): Reply | null =>
      serveBlocked(cl, key, obj, waitIds.get(key)!, blockCount, gname, consumerName, noack);
    return c.engine.blocking.block(c, 'stream', keys, timeout, argv, serveStep, gname !== null ? { gone: error(E.UNBLOCKED_STREAM_GONE) } : {});
  }
  return NIL_ARRAY;
}

/** The reading consumer, created if new (a NOACK read propagates its creation: no XCLAIM will). */
function groupConsumer(c: Client, group: ConsumerGroup, prop: GroupProp, name: string, noack: boolean): Consumer {
  const found = lookupConsumer(c, group, name, true);
  if (found !== undefined) return found;
  const made = createConsumer(c, group, name, prop.key, c.db)!;
  if (noack) propagateConsumerCreation(c, prop, name);
  return made;
}

/** serveClientsBlockedOnStreamKey for one waiting client. */
function serveBlocked(
  c: Client,
  key: string,
  obj: RObj,
  gt: { ms: bigint; seq: bigint },
  count: number,
  groupName: string | null,
  consumerName: string,
  noack: boolean,
): Reply | null {
  if (obj.type !== 'stream') return null;
  const s = obj.value;
  let group: ConsumerGroup | null = null;
  if (groupName !== null) {
    const g = lookupGroup(s, groupName);
    if (g === undefined) return error(E.NOGROUP_BLOCKED);
    group = g;
    gt.ms = g.lastMs;
    gt.seq = g.lastSeq;
  }
  if (cmpId(s.lastMs, s.lastSeq, gt.ms, gt.seq) <= 0) return null;
  const start = { ms: gt.ms, seq: gt.seq };
  incrId(start);
  const prop = groupName === null ? null : { key, group: groupName };
  const consumer = group === null ? null : groupConsumer(c, group, prop!, consumerName, noack);
  const entries = rangeEntries(c, s, start.ms, start.seq, U64_MAX, U64_MAX, count, false, group, consumer, noack, prop);
  const pair: [Reply, Reply] = [bulk(key), array(entries)];
  return c.resp === 3 ? map([pair]) : array([array(pair)]);
}

/** xreadGetKeys: the keys after STREAMS (half of what follows it). */
function xreadKeys(argv: readonly string[]): number[] {
  let pos = -1;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (isOpt(a, 'block') || isOpt(a, 'count')) i++;
    else if (isOpt(a, 'group')) i += 2;
    else if (isOpt(a, 'noack')) continue;
    else if (isOpt(a, 'streams')) {
      pos = i;
      break;
    } else break;
  }
  const num = argv.length - pos - 1;
  if (pos === -1 || num === 0 || num % 2 !== 0) return [];
  const out: number[] = [];
  for (let i = pos + 1; i < pos + 1 + num / 2; i++) out.push(i);
  return out;
}

// ---- XSETID ------------------------------------------------------------------------------

interface XsetidOptions {
  /** The ID being set, which MAXDELETEDID may not exceed. */
  id: { ms: bigint; seq: bigint };
  entriesAdded: bigint;
  maxDel: { ms: bigint; seq: bigint };
}

const XSETID_OPTIONS: readonly Option<XsetidOptions>[] = [
  countOption('entriesadded', E.XSETID_ENTRIES_ADDED_NEGATIVE, (o, v) => void (o.entriesAdded = v)),
  {
    name: 'maxdeletedid',
    values: 1,
    read: (o, argv, at) => {
      const p = parseId(argv[at + 1]!, 0n, true);
      if (p === null) return INVALID_ID_R;
      if (cmpId(o.id.ms, o.id.seq, p.ms, p.seq) < 0) return error(E.XSETID_BELOW_MAX_DELETED);
      o.maxDel = p;
    },
  },
];

function xsetidCommand(c: Client, argv: string[]): Reply {
  const id = parseId(argv[2]!, 0n, true);
  if (id === null) return INVALID_ID_R;
  const opts: XsetidOptions = { id, entriesAdded: -1n, maxDel: { ms: 0n, seq: 0n } };
  const parsed = parseOptions(argv, 3, XSETID_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  const { entriesAdded, maxDel } = opts;
  const key = argv[1]!;
  const o = lookupWrite(c, key);
  if (o === undefined) return error(E.NO_SUCH_KEY);
  if (o.type !== 'stream') return WRONGTYPE_R;
  const s = o.value;
  if (s.length > 0) {
    const max = s.edge(false)!;
    if (cmpId(id.ms, id.seq, max.ms, max.seq) < 0) return error(E.XSETID_BELOW_TOP);
    if (entriesAdded !== -1n && BigInt(s.length) > entriesAdded) return error(E.XSETID_ENTRIES_ADDED_SMALL);
  }
  s.lastMs = id.ms;
  s.lastSeq = id.seq;
  if (entriesAdded !== -1n) s.entriesAdded = entriesAdded;
  if (maxDel.ms !== 0n || maxDel.seq !== 0n) {
    s.maxDelMs = maxDel.ms;
    s.maxDelSeq = maxDel.seq;
  }
  dirty(c);
  c.engine.notify('t', 'xsetid', key, c.db);
  return OK;
}

// ---- XINFO ---------------------------------------------------------------------------------

function lookupStreamOrNoKey(c: Client, key: string): Stream | Reply {
  const o = lookupRead(c, key);
  if (o === undefined) return error(E.NO_SUCH_KEY);
  if (o.type !== 'stream') return WRONGTYPE_R;
  return o.value;
}

function entriesReadReply(g: ConsumerGroup): Reply {
  return g.entriesRead !== SCG_INVALID ? int(bigOrNum(g.entriesRead)) : NIL;
}

function xinfoConsumersCommand(c: Client, argv: string[]): Reply {
  const s = lookupStreamOrNoKey(c, argv[2]!);
  if (!(s instanceof Stream)) return s;
  const g = lookupGroup(s, argv[3]!);
  if (g === undefined) return error(E.noSuchGroupForKey(argv[3]!, argv[2]!));
  const now = c.engine.now;
  return array(
    byName(g.consumers).map((cons) =>
      map([
        [bulk('name'), bulk(cons.name)],
        [bulk('pending'), int(cons.pel.size)],
        [bulk('idle'), int(Math.max(0, now - cons.seenTime))],
      ]),
    ),
  );
}

function xinfoGroupsCommand(c: Client, argv: string[]): Reply {
  const s = lookupStreamOrNoKey(c, argv[2]!);
  if (!(s instanceof Stream)) return s;
  if (s.groups === null) return EMPTY_ARRAY;
  return array(
    byName(s.groups).map((g) =>
      map([
        [bulk('name'), bulk(g.name)],
        [bulk('consumers'), int(g.consumers.size)],
        [bulk('pending'), int(g.pel.size)],
        [bulk('last-delivered-id'), idReply(g.lastMs, g.lastSeq)],
        [bulk('entries-read'), entriesReadReply(g)],
        [bulk('lag'), lagReply(s, g)],
      ]),
    ),
  );
}

function xinfoStreamCommand(c: Client, argv: string[]): Reply {
  const s = lookupStreamOrNoKey(c, argv[2]!);
  if (!(s instanceof Stream)) return s;
  const optc = argv.length - 3;
  let full = true;
  let count = 10n;
  const subSyntax = (): Reply => error(E.subcommandSyntax(argv[1]!, argv[0]!));
  if (optc === 0) full = false;
  else {
    if (optc !== 1 && optc !== 3) return subSyntax();
    if (!isOpt(argv[3]!, 'full')) return subSyntax();
    if (optc === 3) {
      if (!isOpt(argv[4]!, 'count')) return subSyntax();
      const v = parseLL(argv[5]!);
      if (v === null) return NOT_INTEGER_R;
      count = v < 0n ? 10n : v;
    }
  }
  const n = count > 2147483647n ? 2147483647 : Number(count);
  const fields: [Reply, Reply][] = [
    [bulk('length'), int(s.length)],
    [bulk('radix-tree-keys'), int(s.nodes.length)],
    [bulk('radix-tree-nodes'), int(s.raxNodes())],
    [bulk('last-generated-id'), idReply(s.lastMs, s.lastSeq)],
    [bulk('max-deleted-entry-id'), idReply(s.maxDelMs, s.maxDelSeq)],
    [bulk('entries-added'), int(bigOrNum(BigInt.asIntN(64, s.entriesAdded)))],
    [bulk('recorded-first-entry-id'), idReply(s.firstMs, s.firstSeq)],
  ];
  if (!full) {
    const first = rangeEntries(c, s, 0n, 0n, U64_MAX, U64_MAX, 1, false, null, null, false);
    const last = rangeEntries(c, s, 0n, 0n, U64_MAX, U64_MAX, 1, true, null, null, false);
    fields.push([bulk('groups'), int(s.groups === null ? 0 : s.groups.size)]);
    fields.push([bulk('first-entry'), first.length !== 0 ? first[0]! : NIL]);
    fields.push([bulk('last-entry'), last.length !== 0 ? last[0]! : NIL]);
    return map(fields);
  }
  fields.push([bulk('entries'), array(rangeEntries(c, s, 0n, 0n, U64_MAX, U64_MAX, n, false, null, null, false))]);
  const groups: Reply[] = [];
  if (s.groups !== null) {
    for (const g of byName(s.groups)) {
      const pending: Reply[] = [];
      for (const nack of g.pel.values()) {
        if (n !== 0 && pending.length >= n) break;
        pending.push(array([idReply(nack.ms, nack.seq), bulk(nack.consumer!.name), int(nack.deliveryTime), int(bigOrNum(nack.deliveryCount))]));
      }
      const consumers: Reply[] = byName(g.consumers).map((cons) => {
        const cp: Reply[] = [];
        for (const nack of cons.pel.values()) {
          if (n !== 0 && cp.length >= n) break;
          cp.push(array([idReply(nack.ms, nack.seq), int(nack.deliveryTime), int(bigOrNum(nack.deliveryCount))]));
        }
        return map([
          [bulk('name'), bulk(cons.name)],
          [bulk('seen-time'), int(cons.seenTime)],
          [bulk('pel-count'), int(cons.pel.size)],
          [bulk('pending'), array(cp)],
        ]);
      });
      groups.push(
        map([
          [bulk('name'), bulk(g.name)],
          [bulk('last-delivered-id'), idReply(g.lastMs, g.lastSeq)],
          [bulk('entries-read'), entriesReadReply(g)],
          [bulk('lag'), lagReply(s, g)],
          [bulk('pel-count'), int(g.pel.size)],
          [bulk('pending'), array(pending)],
          [bulk('consumers'), array(consumers)],
        ]),
      );
    }
  }
  fields.push([bulk('groups'), array(groups)]);
  return map(fields);
}

// ---- the table -----------------------------------------------------------------------------

const command = commandGroup('stream', 'stream');

// One line a command, so the table reads as a table.
// prettier-ignore
export const streamCommands: CommandSpec[] = [
  command('xadd', -5, 'write denyoom fast', [key(1, 'RW update', 'UPDATE instead of INSERT because of the optional trimming feature')], xaddCommand, { since: '5.0.0', complexity: 'O(1) to add; O(N) for the N entries a trim removes', tips: 'nondeterministic_output', summary: 'Append an entry to a stream, creating it if needed, and optionally trim it', syntax: 'key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]' }),
  command('xrange', -4, 'readonly', [key(1, 'RO access')], (c, argv) => xrangeGeneric(c, argv, false), { since: '5.0.0', complexity: 'O(N) for the N entries returned', summary: 'List the entries of a stream between two IDs, oldest first', syntax: 'key start end [COUNT count]' }),
  command('xrevrange', -4, 'readonly', [key(1, 'RO access')], (c, argv) => xrangeGeneric(c, argv, true), { since: '5.0.0', complexity: 'O(N) for the N entries returned', summary: 'List the entries of a stream between two IDs, newest first', syntax: 'key end start [COUNT count]' }),
  command('xlen', 2, 'readonly fast', [key(1, 'RO')], xlenCommand, { since: '5.0.0', complexity: 'O(1)', summary: 'Count the entries of a stream', syntax: 'key' }),
  command('xdel', -3, 'write fast', [key(1, 'RW delete')], xdelCommand, { since: '5.0.0', complexity: 'O(1) per entry removed', summary: 'Remove entries from a stream by ID', syntax: 'key id [id ...]' }),
  command('xtrim', -4, 'write', [key(1, 'RW delete')], xtrimCommand, { since: '5.0.0', complexity: 'O(N) for the N entries removed', tips: 'nondeterministic_output', summary: 'Drop the oldest entries of a stream down to a length or a minimum ID', syntax: 'key MAXLEN|MINID [=|~] threshold [LIMIT count]' }),
  command('xread', -4, 'readonly blocking', [afterKeyword('STREAMS', 1, 'RO access', -1, 1, 2)], xreadCommand, { since: '5.0.0', complexity: 'O(N) for the N entries returned per stream', summary: 'Read entries after given IDs from one or more streams, optionally waiting for new ones', syntax: '[COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]', getKeys: xreadKeys }),
  command('xreadgroup', -7, 'write blocking', [afterKeyword('STREAMS', 4, 'RO access', -1, 1, 2)], xreadCommand, { since: '5.0.0', complexity: 'O(M) for the M entries returned per stream', summary: 'Read entries as a consumer of a consumer group, recording them as pending', syntax: 'GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...]', getKeys: xreadKeys }),
  command('xack', -4, 'write fast', [key(1, 'RW update')], xackCommand, { since: '5.0.0', complexity: 'O(1) per ID', summary: 'Mark pending entries of a consumer group as processed', syntax: 'key group id [id ...]' }),
  command('xpending', -3, 'readonly', [key(1, 'RO access')], xpendingCommand, { since: '5.0.0', complexity: 'O(N) for the N entries returned', tips: 'nondeterministic_output', summary: "Inspect a consumer group's pending entries: a summary or a range", syntax: 'key group [[IDLE min-idle-time] start end count [consumer]]' }),
  command('xclaim', -6, 'write fast', [key(1, 'RW update')], xclaimCommand, { since: '5.0.0', complexity: 'O(log N) per ID, N being the size of the PEL', tips: 'nondeterministic_output', summary: 'Take over pending entries of a consumer group for another consumer', syntax: 'key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-milliseconds] [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID id]' }),
  command('xautoclaim', -6, 'write fast', [key(1, 'RW delete')], xautoclaimCommand, { since: '6.2.0', complexity: 'O(1) for a small COUNT', tips: 'nondeterministic_output', summary: 'Take over pending entries idle for long enough, scanning the PEL from an ID', syntax: 'key group consumer min-idle-time start [COUNT count] [JUSTID]' }),
  command('xsetid', -3, 'write denyoom fast', [key(1, 'RW update')], xsetidCommand, { since: '5.0.0', complexity: 'O(1)', summary: "Set a stream's last ID (and its added-entries and max-deleted counters)", syntax: 'key last-id [ENTRIESADDED entries_added] [MAXDELETEDID max_deleted_entry_id]' }),
  command.container('xgroup', -2, { since: '5.0.0', complexity: 'Depends on the subcommand', summary: 'Manage consumer groups: create, move, destroy, add or remove consumers' }, [
    command('create', -5, 'write denyoom', [key(2, 'RW insert')], xgroupCommand, { since: '5.0.0', complexity: 'O(1)', summary: 'Create a consumer group on a stream, starting after an ID', syntax: 'key groupname id|$ [MKSTREAM] [ENTRIESREAD entries_read]' }),
    command('setid', -5, 'write', [key(2, 'RW update')], xgroupCommand, { since: '5.0.0', complexity: 'O(1)', summary: "Move a consumer group's last delivered ID", syntax: 'key groupname id|$ [ENTRIESREAD entries_read]' }),
    command('destroy', 4, 'write', [key(2, 'RW delete')], xgroupCommand, { since: '5.0.0', complexity: 'O(N) for the N pending entries of the group', summary: 'Delete a consumer group with its consumers and pending entries', syntax: 'key groupname' }),
    command('createconsumer', 5, 'write denyoom', [key(2, 'RW insert')], xgroupCommand, { since: '6.2.0', complexity: 'O(1)', summary: 'Add a consumer to a consumer group', syntax: 'key groupname consumername' }),
    command('delconsumer', 5, 'write', [key(2, 'RW delete')], xgroupCommand, { since: '5.0.0', complexity: 'O(1)', summary: 'Remove a consumer (and its pending entries) from a consumer group', syntax: 'key groupname consumername' }),
    command.help('xgroup', '5.0.0', { handler: xgroupCommand }),
  ]),
  command.container('xinfo', -2, { since: '5.0.0', complexity: 'Depends on the subcommand', summary: 'Look inside a stream, its consumer groups and their consumers' }, [
    command('stream', -3, 'readonly', [key(2, 'RO access')], xinfoStreamCommand, { since: '5.0.0', complexity: 'O(1); FULL: O(N) for COUNT', summary: 'Describe a stream (FULL: with its entries, groups and PELs)', syntax: 'key [FULL [COUNT count]]' }),
    command('groups', 3, 'readonly', [key(2, 'RO access')], xinfoGroupsCommand, { since: '5.0.0', complexity: 'O(1)', summary: 'List the consumer groups of a stream', syntax: 'key' }),
    command('consumers', 4, 'readonly', [key(2, 'RO access')], xinfoConsumersCommand, { since: '5.0.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'List the consumers of a consumer group', syntax: 'key groupname' }),
    command.help('xinfo', '5.0.0'),
  ]),
];
