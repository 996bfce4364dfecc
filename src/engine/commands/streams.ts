// STREAM group (Redis 7.0's t_stream.c): XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM, XREAD,
// XREADGROUP, XGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XSETID, XINFO. The stream itself is
// ds/stream.ts; blocked XREAD/XREADGROUP clients wait through blocking.ts.

import { mayBlock } from '../blocking.js';
import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key, afterKeyword } from '../command-decl.js';
import type { Database } from '../database.js';
import {
  cmpId,
  estimateDistance,
  formatId,
  IdMap,
  idKey,
  parseU64,
  SCG_INVALID_ENTRIES_READ as SCG_INVALID,
  Stream,
  U64_MAX,
  type Consumer,
  type ConsumerGroup,
  type Nack,
  type StreamEntry,
  type TrimArgs,
} from '../ds/stream.js';
import * as E from '../../shared/errors.js';
import { addKey, lookupRead, lookupWrite } from '../keyspace.js';
import { INT64_MAX, parseInt64 } from '../numbers.js';
import type { RObj, StreamObj } from '../objects.js';
import {
  array,
  bulk,
  EMPTY_ARRAY,
  error,
  int,
  map,
  NIL,
  NIL_ARRAY,
  OK,
  ZERO,
  type Reply,
} from '../../shared/reply.js';
import { NOT_INTEGER_R, SYNTAX_R, WRONGTYPE_R } from '../error-replies.js';
import { helpReply } from '../help-reply.js';
import { cString, isCEq, isOpt } from '../../shared/args.js';
import { parseOptions, type Option } from '../options.js';

const INVALID_ID_R = error(E.STREAM_INVALID_ID);

interface ParsedId {
  ms: bigint;
  seq: bigint;
  /** False for the `ms-*` form (XADD). */
  seqGiven: boolean;
}

/**
 * streamGenericParseIDOrReply: `-`, `+` (not when strict), `ms`, `ms-seq`, and `ms-*` when
 * `allowSeqStar` (XADD). Null when invalid.
 */
function parseId(arg: string, missingSeq: bigint, strict: boolean, allowSeqStar = false): ParsedId | null {
  if (arg.length > 127) return null;
  const s = cString(arg);
  if (s === '-') return strict ? null : { ms: 0n, seq: 0n, seqGiven: true };
  if (s === '+') return strict ? null : { ms: U64_MAX, seq: U64_MAX, seqGiven: true };
  const dot = s.indexOf('-');
  const ms = parseU64(dot < 0 ? s : s.slice(0, dot));
  if (ms === null) return null;
  if (dot < 0) return { ms, seq: missingSeq, seqGiven: true };
  const rest = s.slice(dot + 1);
  if (allowSeqStar && rest === '*') return { ms, seq: 0n, seqGiven: false };
  const seq = parseU64(rest);
  if (seq === null) return null;
  return { ms, seq, seqGiven: true };
}

/** streamParseIntervalIDOrReply: a `(` prefix (with more after it) makes the bound exclusive. */
function parseInterval(arg: string, missingSeq: bigint): { id: ParsedId; exclusive: boolean } | null {
  if (arg.length > 1 && arg.charCodeAt(0) === 40) {
    const id = parseId(arg.slice(1), missingSeq, true);
    return id === null ? null : { id, exclusive: true };
  }
  const id = parseId(arg, missingSeq, false);
  return id === null ? null : { id, exclusive: false };
}

function incrId(id: { ms: bigint; seq: bigint }): boolean {
  if (id.seq === U64_MAX) {
    if (id.ms === U64_MAX) return false;
    id.ms++;
    id.seq = 0n;
  } else id.seq++;
  return true;
}

function decrId(id: { ms: bigint; seq: bigint }): boolean {
  if (id.seq === 0n) {
    if (id.ms === 0n) return false;
    id.ms--;
    id.seq = U64_MAX;
  } else id.seq--;
  return true;
}

function idReply(ms: bigint, seq: bigint): Reply {
  return bulk(formatId(ms, seq));
}

function entryReply(e: StreamEntry): Reply {
  const f = e.fields;
  const items: Reply[] = new Array(f.length);
  for (let i = 0; i < f.length; i++) items[i] = bulk(f[i]!);
  return array([bulk(e.id), array(items)]);
}

/** getLongLongFromObjectOrReply; `msg` replaces the default message. */
function parseLL(arg: string): bigint | null {
  return parseInt64(arg);
}

function createStreamObj(): StreamObj {
  return { type: 'stream', value: new Stream(), lru: 0, slot: -1 };
}

function dirty(c: Client, n = 1): void {
  c.engine.changesSinceLastSave += n;
}

// ---- ID bookkeeping for groups (streamRangeHasTombstones & co.) ---------------------------

function rangeHasTombstones(s: Stream, sms: bigint, sseq: bigint): boolean {
  if (s.length === 0 || (s.maxDelMs === 0n && s.maxDelSeq === 0n)) return false;
  if (cmpId(s.firstMs, s.firstSeq, s.maxDelMs, s.maxDelSeq) > 0) return false;
  return cmpId(sms, sseq, s.maxDelMs, s.maxDelSeq) <= 0;
}

/** streamReplyWithCGLag. */
function lagReply(s: Stream, g: ConsumerGroup): Reply {
  if (s.entriesAdded === 0n) return ZERO;
  if (g.entriesRead !== SCG_INVALID && !rangeHasTombstones(s, g.lastMs, g.lastSeq)) {
    return int(bigOrNum(BigInt.asIntN(64, s.entriesAdded - g.entriesRead)));
  }
  const read = estimateDistance(s, g.lastMs, g.lastSeq);
  if (read !== SCG_INVALID) return int(bigOrNum(BigInt.asIntN(64, s.entriesAdded - read)));
  return NIL;
}

function bigOrNum(v: bigint): number | bigint {
  return v <= 9007199254740991n && v >= -9007199254740991n ? Number(v) : v;
}

function lookupGroup(s: Stream, name: string): ConsumerGroup | undefined {
  return s.groups === null ? undefined : s.groups.get(name);
}

function createConsumer(c: Client, g: ConsumerGroup, name: string, key: string, db: Database): Consumer | null {
  if (g.consumers.has(name)) return null;
  const consumer: Consumer = { name, seenTime: c.engine.now, pel: new IdMap<Nack>() };
  g.consumers.set(name, consumer);
  dirty(c);
  c.engine.notify('t', 'xgroup-createconsumer', key, db);
  return consumer;
}

function lookupConsumer(c: Client, g: ConsumerGroup, name: string, refresh: boolean): Consumer | undefined {
  const consumer = g.consumers.get(name);
  if (consumer !== undefined && refresh) consumer.seenTime = c.engine.now;
  return consumer;
}

function byName<T extends { name: string }>(m: Map<string, T>): T[] {
  return [...m.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * streamReplyWithRange: the entries from start (to end, or the end of the stream), up to
 * `count` (0 = all); with a group, advances its last-delivered ID and entries-read and (unless
 * NOACK) records each entry in the PELs.
 */
function rangeEntries(
  c: Client,
  s: Stream,
  sms: bigint,
  sseq: bigint,
  ems: bigint,
  eseq: bigint,
  count: number,
  rev: boolean,
  group: ConsumerGroup | null,
  consumer: Consumer | null,
  noack: boolean,
): Reply[] {
  const out: Reply[] = [];
  const now = c.engine.now;
  s.range(sms, sseq, ems, eseq, rev, (e) => {
    if (group !== null && cmpId(e.ms, e.seq, group.lastMs, group.lastSeq) > 0) {
      if (group.entriesRead !== SCG_INVALID && !rangeHasTombstones(s, e.ms, e.seq)) group.entriesRead++;
      else if (s.entriesAdded !== 0n) group.entriesRead = estimateDistance(s, e.ms, e.seq);
      group.lastMs = e.ms;
      group.lastSeq = e.seq;
    }
    out.push(entryReply(e));
    if (group !== null && consumer !== null && !noack) {
      const key = idKey(e.ms, e.seq);
      const existing = group.pel.get(key);
      if (existing === undefined) {
        const nack: Nack = { ms: e.ms, seq: e.seq, key, consumer, deliveryTime: now, deliveryCount: 1n };
        group.pel.set(nack);
        consumer.pel.set(nack);
      } else {
        if (existing.consumer !== null) existing.consumer.pel.delete(key);
        existing.consumer = consumer;
        existing.deliveryTime = now;
        existing.deliveryCount = 1n;
        consumer.pel.set(existing);
      }
    }
    return count === 0 || out.length < count;
  });
  return out;
}

/** streamReplyWithRangeFromConsumerPEL: the consumer's pending entries from `start`. */
function historyEntries(c: Client, s: Stream, sms: bigint, sseq: bigint, count: number, consumer: Consumer): Reply[] {
  const out: Reply[] = [];
  const pel = consumer.pel;
  const now = c.engine.now;
  for (let i = pel.seek(idKey(sms, sseq)); i < pel.size && (count === 0 || out.length < count); i++) {
    const nack = pel.at(i);
    const e = s.find(nack.ms, nack.seq);
    if (e === undefined) {
      out.push(array([idReply(nack.ms, nack.seq), NIL_ARRAY]));
    } else {
      nack.deliveryTime = now;
      nack.deliveryCount++;
      out.push(entryReply(e));
    }
  }
  return out;
}

// ---- XADD / XTRIM argument parsing -----------------------------------------------------------

interface AddTrimArgs {
  trim: TrimArgs | null;
  id: ParsedId | null;
  noMkstream: boolean;
  /** Position of the ID argument (XADD). */
  idPos: number;
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

const ADD_TRIM_OPTIONS: readonly Option<AddTrimOptions>[] = [
  {
    name: 'maxlen',
    values: 1,
    read: (o, argv, at) => {
      const i = trimThreshold(o, argv, at);
      if (typeof i === 'object') return i;
      const v = parseLL(argv[i]!);
      if (v === null) return NOT_INTEGER_R;
      if (v < 0n) return error(E.STREAM_MAXLEN_NEGATIVE);
      o.maxlen = v;
      o.strategy = 'maxlen';
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
      return i;
    },
  },
  {
    name: 'limit',
    values: 1,
    read: (o, argv, at) => {
      const v = parseLL(argv[at + 1]!);
      if (v === null) return NOT_INTEGER_R;
      if (v < 0n) return error(E.STREAM_LIMIT_NEGATIVE);
      o.limit = v;
      o.limitGiven = true;
    },
  },
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
  if (limitGiven) {
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
    strategy === null
      ? null
      : { strategy, approx, limit: limit > 9007199254740991n ? Number.MAX_SAFE_INTEGER : Number(limit), maxlen, minMs, minSeq };
  return { trim, id, noMkstream, idPos: i };
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
  if (parsed.trim !== null && s.trim(parsed.trim) !== 0) engine.notify('t', 'xtrim', key, db);
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
    now: c.engine.now,
    timeout: -1,
    count: 0,
    streamsArg: 0,
    streamsCount: 0,
    noack: false,
    groupName: null,
    consumerName: '',
  };
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
    let consumer: Consumer | null = null;
    if (group !== null) {
      consumer = lookupConsumer(c, group, consumerName, true) ?? createConsumer(c, group, consumerName, key, c.db);
    }
    let entries: Reply[];
    if (group !== null && history) entries = historyEntries(c, s, start.ms, start.seq, count, consumer!);
    else entries = rangeEntries(c, s, start.ms, start.seq, U64_MAX, U64_MAX, count, false, group, consumer, noack);
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
    return c.engine.blocking.block(
      c,
      'stream',
      keys,
      timeout,
      argv,
      serveStep,
      gname !== null ? error(E.UNBLOCKED_STREAM_GONE) : undefined,
    );
  }
  return NIL_ARRAY;
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
  let consumer: Consumer | null = null;
  if (group !== null) {
    consumer = lookupConsumer(c, group, consumerName, true) ?? createConsumer(c, group, consumerName, key, c.db);
  }
  const entries = rangeEntries(c, s, start.ms, start.seq, U64_MAX, U64_MAX, count, false, group, consumer, noack);
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

// ---- XGROUP --------------------------------------------------------------------------------

const XGROUP_HELP = [
  'CREATE <key> <groupname> <id|$> [option]',
  '    Create a new consumer group. Options are:',
  '    * MKSTREAM',
  '      Create the empty stream if it does not exist.',
  '    * ENTRIESREAD entries_read',
  "      Set the group's entries_read counter (internal use).",
  'CREATECONSUMER <key> <groupname> <consumer>',
  '    Create a new consumer in the specified group.',
  'DELCONSUMER <key> <groupname> <consumer>',
  '    Remove the specified consumer.',
  'DESTROY <key> <groupname>',
  '    Remove the specified group.',
  'SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]',
  '    Set the current group ID and entries_read counter.',
];

function xgroupCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  const opt = argv[1]!;
  const engine = c.engine;
  const db = c.db;
  let s: Stream | null = null;
  let cg: ConsumerGroup | undefined;
  let mkstream = false;
  let entriesRead = SCG_INVALID;
  let grpname = '';
  const subSyntax = (): Reply => error(E.subcommandSyntax(argv[1]!, argv[0]!));
  if (argc >= 4) {
    const create = isOpt(opt, 'create');
    const setid = isOpt(opt, 'setid');
    let i = 5;
    while (i < argc) {
      const a = argv[i]!;
      if (create && isOpt(a, 'mkstream')) {
        mkstream = true;
        i++;
      } else if ((create || setid) && isOpt(a, 'entriesread') && i + 1 < argc) {
        const v = parseLL(argv[i + 1]!);
        if (v === null) return NOT_INTEGER_R;
        if (v < 0n && v !== SCG_INVALID) return error(E.XGROUP_ENTRIESREAD);
        entriesRead = v;
        i += 2;
      } else return subSyntax();
    }
    const o = lookupWrite(c, argv[2]!);
    if (o !== undefined) {
      if (o.type !== 'stream') return WRONGTYPE_R;
      s = o.value;
    }
    grpname = argv[3]!;
  }
  if (argc >= 4 && !mkstream) {
    if (s === null) return error(E.XGROUP_NEEDS_KEY);
    cg = lookupGroup(s, grpname);
    if (cg === undefined && (isOpt(opt, 'setid') || isOpt(opt, 'createconsumer') || isOpt(opt, 'delconsumer'))) {
      return error(E.noSuchGroupForKey(grpname, argv[2]!));
    }
  }
  const key = argv[2]!;
  if (argc === 2 && isOpt(opt, 'help')) return helpReply(argv[0]!, XGROUP_HELP);
  if (isOpt(opt, 'create') && argc >= 5 && argc <= 8) {
    let id: { ms: bigint; seq: bigint };
    if (isCEq(argv[4]!, '$')) id = s !== null ? { ms: s.lastMs, seq: s.lastSeq } : { ms: 0n, seq: 0n };
    else {
      const p = parseId(argv[4]!, 0n, true);
      if (p === null) return INVALID_ID_R;
      id = p;
    }
    if (s === null) {
      const o = createStreamObj();
      addKey(engine, db, key, o);
      s = o.value;
      engine.signalModifiedKey(db, key);
    }
    if (s.groups === null) s.groups = new Map();
    if (s.groups.has(grpname)) return error(E.BUSYGROUP);
    s.groups.set(grpname, {
      name: grpname,
      lastMs: id.ms,
      lastSeq: id.seq,
      entriesRead,
      pel: new IdMap<Nack>(),
      consumers: new Map(),
    });
    dirty(c);
    engine.notify('t', 'xgroup-create', key, db);
    return OK;
  }
  if (isOpt(opt, 'setid') && (argc === 5 || argc === 7)) {
    let id: { ms: bigint; seq: bigint };
    if (isCEq(argv[4]!, '$')) id = { ms: s!.lastMs, seq: s!.lastSeq };
    else {
      const p = parseId(argv[4]!, 0n, false);
      if (p === null) return INVALID_ID_R;
      id = p;
    }
    cg!.lastMs = id.ms;
    cg!.lastSeq = id.seq;
    cg!.entriesRead = entriesRead;
    dirty(c);
    engine.notify('t', 'xgroup-setid', key, db);
    return OK;
  }
  if (isOpt(opt, 'destroy') && argc === 4) {
    if (cg === undefined) return ZERO;
    s!.groups!.delete(grpname);
    dirty(c);
    engine.notify('t', 'xgroup-destroy', key, db);
    engine.blocking.signal(db.id, key, 'stream');
    return int(1);
  }
  if (isOpt(opt, 'createconsumer') && argc === 5) {
    const created = createConsumer(c, cg!, argv[4]!, key, db);
    return int(created !== null ? 1 : 0);
  }
  if (isOpt(opt, 'delconsumer') && argc === 5) {
    const consumer = lookupConsumer(c, cg!, argv[4]!, false);
    let pending = 0;
    if (consumer !== undefined) {
      pending = consumer.pel.size;
      for (const k of consumer.pel.keys) cg!.pel.delete(k);
      cg!.consumers.delete(consumer.name);
      dirty(c);
      engine.notify('t', 'xgroup-delconsumer', key, db);
    }
    return int(pending);
  }
  return subSyntax();
}

// ---- XSETID / XACK / XPENDING --------------------------------------------------------------

interface XsetidOptions {
  /** The ID being set, which MAXDELETEDID may not exceed. */
  id: { ms: bigint; seq: bigint };
  entriesAdded: bigint;
  maxDel: { ms: bigint; seq: bigint };
}

const XSETID_OPTIONS: readonly Option<XsetidOptions>[] = [
  {
    name: 'entriesadded',
    values: 1,
    read: (o, argv, at) => {
      const v = parseLL(argv[at + 1]!);
      if (v === null) return NOT_INTEGER_R;
      if (v < 0n) return error(E.XSETID_ENTRIES_ADDED_NEGATIVE);
      o.entriesAdded = v;
    },
  },
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

function xackCommand(c: Client, argv: string[]): Reply {
  const o = lookupRead(c, argv[1]!);
  let group: ConsumerGroup | undefined;
  if (o !== undefined) {
    if (o.type !== 'stream') return WRONGTYPE_R;
    group = lookupGroup(o.value, argv[2]!);
  }
  if (o === undefined || group === undefined) return ZERO;
  const keys: string[] = [];
  for (let j = 3; j < argv.length; j++) {
    const id = parseId(argv[j]!, 0n, true);
    if (id === null) return INVALID_ID_R;
    keys.push(idKey(id.ms, id.seq));
  }
  let acked = 0;
  for (const k of keys) {
    const nack = group.pel.get(k);
    if (nack === undefined) continue;
    group.pel.delete(k);
    if (nack.consumer !== null) nack.consumer.pel.delete(k);
    acked++;
    dirty(c);
  }
  return int(acked);
}

function xpendingCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  const justinfo = argc === 3;
  const key = argv[1]!;
  const groupName = argv[2]!;
  let count = 0n;
  let minidle = 0n;
  let start = { ms: 0n, seq: 0n };
  let end = { ms: 0n, seq: 0n };
  let consumerName: string | null = null;
  if (argc !== 3 && (argc < 6 || argc > 9)) return SYNTAX_R;
  if (argc >= 6) {
    let startidx = 3;
    if (isOpt(argv[3]!, 'idle')) {
      const v = parseLL(argv[4]!);
      if (v === null) return NOT_INTEGER_R;
      minidle = v;
      if (argc < 8) return SYNTAX_R;
      startidx += 2;
    }
    const cnt = parseLL(argv[startidx + 2]!);
    if (cnt === null) return NOT_INTEGER_R;
    count = cnt < 0n ? 0n : cnt;
    const s = parseInterval(argv[startidx]!, 0n);
    if (s === null) return INVALID_ID_R;
    if (s.exclusive && !incrId(s.id)) return error(E.STREAM_INVALID_START);
    const e = parseInterval(argv[startidx + 1]!, U64_MAX);
    if (e === null) return INVALID_ID_R;
    if (e.exclusive && !decrId(e.id)) return error(E.STREAM_INVALID_END);
    start = s.id;
    end = e.id;
    if (startidx + 3 < argc) consumerName = argv[startidx + 3]!;
  }
  const o = lookupRead(c, key);
  if (o !== undefined && o.type !== 'stream') return WRONGTYPE_R;
  const group = o === undefined ? undefined : lookupGroup(o.value, groupName);
  if (group === undefined) return error(E.noSuchKeyOrGroup(key, groupName));
  if (justinfo) {
    const pel = group.pel;
    if (pel.size === 0) return array([ZERO, NIL, NIL, NIL_ARRAY]);
    const first = pel.at(0);
    const last = pel.at(pel.size - 1);
    const consumers: Reply[] = [];
    for (const cons of byName(group.consumers)) {
      if (cons.pel.size === 0) continue;
      consumers.push(array([bulk(cons.name), bulk(String(cons.pel.size))]));
    }
    return array([int(pel.size), idReply(first.ms, first.seq), idReply(last.ms, last.seq), array(consumers)]);
  }
  let pel = group.pel;
  if (consumerName !== null) {
    const consumer = lookupConsumer(c, group, consumerName, false);
    if (consumer === undefined) return EMPTY_ARRAY;
    pel = consumer.pel;
  }
  const now = c.engine.now;
  const endKey = idKey(end.ms, end.seq);
  const out: Reply[] = [];
  for (let i = pel.seek(idKey(start.ms, start.seq)); count > 0n && i < pel.size; i++) {
    const nack = pel.at(i);
    if (nack.key > endKey) break;
    if (minidle !== 0n && BigInt(now - nack.deliveryTime) < minidle) continue;
    count--;
    const elapsed = Math.max(0, now - nack.deliveryTime);
    out.push(
      array([idReply(nack.ms, nack.seq), bulk(nack.consumer!.name), int(elapsed), int(bigOrNum(nack.deliveryCount))]),
    );
  }
  return array(out);
}

// ---- XCLAIM / XAUTOCLAIM -------------------------------------------------------------------

function claimTo(nack: Nack, consumer: Consumer): void {
  if (nack.consumer !== consumer) {
    if (nack.consumer !== null) nack.consumer.pel.delete(nack.key);
    consumer.pel.set(nack);
    nack.consumer = consumer;
  }
}

/** XCLAIM's options, after its IDs. */
interface XclaimOptions {
  now: number;
  /** -1 when neither IDLE nor TIME was given. */
  deliveryTime: bigint;
  retrycount: bigint;
  force: boolean;
  justid: boolean;
  lastId: { ms: bigint; seq: bigint };
}

const XCLAIM_OPTIONS: readonly Option<XclaimOptions>[] = [
  { name: 'force', read: (o) => void (o.force = true) },
  { name: 'justid', read: (o) => void (o.justid = true) },
  {
    name: 'idle',
    values: 1,
    read: (o, argv, at) => {
      const v = parseLL(argv[at + 1]!);
      if (v === null) return error(E.XCLAIM_IDLE);
      o.deliveryTime = BigInt.asIntN(64, BigInt(o.now) - v);
    },
  },
  {
    name: 'time',
    values: 1,
    read: (o, argv, at) => {
      const v = parseLL(argv[at + 1]!);
      if (v === null) return error(E.XCLAIM_TIME);
      o.deliveryTime = v;
    },
  },
  {
    name: 'retrycount',
    values: 1,
    read: (o, argv, at) => {
      const v = parseLL(argv[at + 1]!);
      if (v === null) return error(E.XCLAIM_RETRYCOUNT);
      o.retrycount = v;
    },
  },
  {
    name: 'lastid',
    values: 1,
    read: (o, argv, at) => {
      const p = parseId(argv[at + 1]!, 0n, true);
      if (p === null) return INVALID_ID_R;
      o.lastId = p;
    },
  },
];

function xclaimCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const o = lookupRead(c, key);
  let group: ConsumerGroup | undefined;
  if (o !== undefined) {
    if (o.type !== 'stream') return WRONGTYPE_R;
    group = lookupGroup(o.value, argv[2]!);
  }
  if (o === undefined || group === undefined) return error(E.noSuchKeyOrGroup(key, argv[2]!));
  const s = o.value;
  const mi = parseLL(argv[4]!);
  if (mi === null) return error(E.XCLAIM_MIN_IDLE);
  const minidle = mi < 0n ? 0n : mi;
  const ids: ParsedId[] = [];
  let j = 5;
  for (; j < argv.length; j++) {
    const id = parseId(argv[j]!, 0n, true);
    if (id === null) break;
    ids.push(id);
  }
  const now = c.engine.now;
  const opts: XclaimOptions = { now, deliveryTime: -1n, retrycount: -1n, force: false, justid: false, lastId: { ms: 0n, seq: 0n } };
  const parsed = parseOptions(argv, j, XCLAIM_OPTIONS, opts, (arg) => error(E.xclaimUnknownOption(arg)));
  if (typeof parsed === 'object') return parsed;
  const { deliveryTime, retrycount, force, justid, lastId } = opts;
  if (cmpId(lastId.ms, lastId.seq, group.lastMs, group.lastSeq) > 0) {
    group.lastMs = lastId.ms;
    group.lastSeq = lastId.seq;
  }
  let when: number;
  if (deliveryTime !== -1n) when = deliveryTime < 0n || deliveryTime > BigInt(now) ? now : Number(deliveryTime);
  else when = now;
  let consumer: Consumer | null = null;
  const name = argv[3]!;
  const out: Reply[] = [];
  for (const id of ids) {
    const k = idKey(id.ms, id.seq);
    let nack = group.pel.get(k);
    const entry = s.find(id.ms, id.seq);
    if (entry === undefined) {
      if (nack !== undefined) {
        dirty(c);
        group.pel.delete(k);
        if (nack.consumer !== null) nack.consumer.pel.delete(k);
      }
      continue;
    }
    if (force && nack === undefined) {
      nack = { ms: id.ms, seq: id.seq, key: k, consumer: null, deliveryTime: now, deliveryCount: 1n };
      group.pel.set(nack);
    }
    if (nack === undefined) continue;
    if (nack.consumer !== null && minidle !== 0n && BigInt(now - nack.deliveryTime) < minidle) continue;
    if (consumer === null) {
      consumer = lookupConsumer(c, group, name, true) ?? createConsumer(c, group, name, key, c.db)!;
    }
    if (nack.consumer !== consumer && nack.consumer !== null) nack.consumer.pel.delete(k);
    nack.deliveryTime = when;
    if (retrycount >= 0n) nack.deliveryCount = retrycount;
    else if (!justid) nack.deliveryCount++;
    if (nack.consumer !== consumer) {
      consumer.pel.set(nack);
      nack.consumer = consumer;
    }
    out.push(justid ? idReply(id.ms, id.seq) : entryReply(entry));
    dirty(c);
  }
  return array(out);
}

const XAUTOCLAIM_MAX_COUNT = 576460752303423487n;

const XAUTOCLAIM_OPTIONS: readonly Option<{ count: number; justid: boolean }>[] = [
  {
    name: 'count',
    values: 1,
    read: (o, argv, at) => {
      const v = parseLL(argv[at + 1]!);
      if (v === null || v < 1n || v > XAUTOCLAIM_MAX_COUNT) return error(E.XAUTOCLAIM_COUNT);
      o.count = v > 100000000n ? 100000000 : Number(v);
    },
  },
  { name: 'justid', read: (o) => void (o.justid = true) },
];

function xautoclaimCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const o = lookupRead(c, key);
  const mi = parseLL(argv[4]!);
  if (mi === null) return error(E.XAUTOCLAIM_MIN_IDLE);
  const minidle = mi < 0n ? 0n : mi;
  const st = parseInterval(argv[5]!, 0n);
  if (st === null) return INVALID_ID_R;
  if (st.exclusive && !incrId(st.id)) return error(E.STREAM_INVALID_START);
  const opts = { count: 100, justid: false };
  const parsed = parseOptions(argv, 6, XAUTOCLAIM_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  let count = opts.count;
  const justid = opts.justid;
  let group: ConsumerGroup | undefined;
  if (o !== undefined) {
    if (o.type !== 'stream') return WRONGTYPE_R;
    group = lookupGroup(o.value, argv[2]!);
  }
  if (o === undefined || group === undefined) return error(E.noSuchKeyOrGroup(key, argv[2]!));
  const s = o.value;
  let attempts = count * 10;
  const now = c.engine.now;
  const name = argv[3]!;
  let consumer: Consumer | null = null;
  const claimed: Reply[] = [];
  const deleted: Reply[] = [];
  const pel = group.pel;
  let i = pel.seek(idKey(st.id.ms, st.id.seq));
  while (attempts-- > 0 && count > 0 && i < pel.size) {
    const nack = pel.at(i);
    const entry = s.find(nack.ms, nack.seq);
    if (entry === undefined) {
      dirty(c);
      pel.delete(nack.key);
      if (nack.consumer !== null) nack.consumer.pel.delete(nack.key);
      deleted.push(idReply(nack.ms, nack.seq));
      count--;
      continue;
    }
    i++;
    if (minidle !== 0n && BigInt(now - nack.deliveryTime) < minidle) continue;
    if (consumer === null) {
      consumer = lookupConsumer(c, group, name, true) ?? createConsumer(c, group, name, key, c.db)!;
    }
    claimTo(nack, consumer);
    nack.deliveryTime = now;
    if (!justid) nack.deliveryCount++;
    claimed.push(justid ? idReply(nack.ms, nack.seq) : entryReply(entry));
    count--;
    dirty(c);
  }
  const next = i < pel.size ? pel.at(i) : null;
  const endId = next === null ? idReply(0n, 0n) : idReply(next.ms, next.seq);
  return array([endId, array(claimed), array(deleted)]);
}

// ---- XINFO ---------------------------------------------------------------------------------

const XINFO_HELP = [
  'CONSUMERS <key> <groupname>',
  '    Show consumers of <groupname>.',
  'GROUPS <key>',
  '    Show the stream consumer groups.',
  'STREAM <key> [FULL [COUNT <count>]',
  '    Show information about the stream.',
];

function xinfoHelpCommand(_c: Client, argv: string[]): Reply {
  return helpReply(argv[0]!, XINFO_HELP);
}

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
        pending.push(
          array([
            idReply(nack.ms, nack.seq),
            bulk(nack.consumer!.name),
            int(nack.deliveryTime),
            int(bigOrNum(nack.deliveryCount)),
          ]),
        );
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
    command.help('xgroup', '5.0.0', xgroupCommand),
  ]),
  command.container('xinfo', -2, { since: '5.0.0', complexity: 'Depends on the subcommand', summary: 'Look inside a stream, its consumer groups and their consumers' }, [
    command('stream', -3, 'readonly', [key(2, 'RO access')], xinfoStreamCommand, { since: '5.0.0', complexity: 'O(1); FULL: O(N) for COUNT', summary: 'Describe a stream (FULL: with its entries, groups and PELs)', syntax: 'key [FULL [COUNT count]]' }),
    command('groups', 3, 'readonly', [key(2, 'RO access')], xinfoGroupsCommand, { since: '5.0.0', complexity: 'O(1)', summary: 'List the consumer groups of a stream', syntax: 'key' }),
    command('consumers', 4, 'readonly', [key(2, 'RO access')], xinfoConsumersCommand, { since: '5.0.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'List the consumers of a consumer group', syntax: 'key groupname' }),
    command.help('xinfo', '5.0.0', xinfoHelpCommand),
  ]),
];
