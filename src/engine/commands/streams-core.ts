// What the STREAM commands share (t_stream.c's helpers): stream IDs as arguments and replies,
// entry replies, consumer groups and consumers, the ranges XRANGE, XREAD and XREADGROUP read.

import type { Client } from '../client.js';
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
} from '../ds/stream.js';
import * as E from '../../shared/errors.js';
import { parseInt64 } from '../numbers.js';
import type { StreamObj } from '../objects.js';
import { array, bulk, error, int, NIL, NIL_ARRAY, ZERO, type Reply } from '../../shared/reply.js';
import { cString } from '../../shared/args.js';

export const INVALID_ID_R = error(E.STREAM_INVALID_ID);

export interface ParsedId {
  ms: bigint;
  seq: bigint;
  /** False for the `ms-*` form (XADD). */
  seqGiven: boolean;
}

/**
 * streamGenericParseIDOrReply: `-`, `+` (not when strict), `ms`, `ms-seq`, and `ms-*` when
 * `allowSeqStar` (XADD). Null when invalid.
 */
export function parseId(arg: string, missingSeq: bigint, strict: boolean, allowSeqStar = false): ParsedId | null {
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
export function parseInterval(arg: string, missingSeq: bigint): { id: ParsedId; exclusive: boolean } | null {
  if (arg.length > 1 && arg.charCodeAt(0) === 40) {
    const id = parseId(arg.slice(1), missingSeq, true);
    return id === null ? null : { id, exclusive: true };
  }
  const id = parseId(arg, missingSeq, false);
  return id === null ? null : { id, exclusive: false };
}

export function incrId(id: { ms: bigint; seq: bigint }): boolean {
  if (id.seq === U64_MAX) {
    if (id.ms === U64_MAX) return false;
    id.ms++;
    id.seq = 0n;
  } else id.seq++;
  return true;
}

export function decrId(id: { ms: bigint; seq: bigint }): boolean {
  if (id.seq === 0n) {
    if (id.ms === 0n) return false;
    id.ms--;
    id.seq = U64_MAX;
  } else id.seq--;
  return true;
}

export function idReply(ms: bigint, seq: bigint): Reply {
  return bulk(formatId(ms, seq));
}

export function entryReply(e: StreamEntry): Reply {
  const f = e.fields;
  const items: Reply[] = new Array<Reply>(f.length);
  for (let i = 0; i < f.length; i++) items[i] = bulk(f[i]!);
  return array([bulk(e.id), array(items)]);
}

/** getLongLongFromObjectOrReply; `msg` replaces the default message. */
export function parseLL(arg: string): bigint | null {
  return parseInt64(arg);
}

export function createStreamObj(): StreamObj {
  return { type: 'stream', value: new Stream() };
}

export function dirty(c: Client, n = 1): void {
  c.engine.changesSinceLastSave += n;
}

// Consumer groups propagate their effects, never the reading command itself (XREADGROUP,
// XCLAIM and XAUTOCLAIM prevent their own propagation).

/** What a consumer-group read propagates: the stream's key and the group's name as given. */
export interface GroupProp {
  key: string;
  group: string;
}

/**
 * streamPropagateXCLAIM: an XCLAIM that sets the pending entry to what it is now (owner, delivery
 * time and count, the group's last ID) wherever it is replayed; `id` as given (XCLAIM's argument),
 * else the entry's own.
 */
export function propagateXclaim(c: Client, p: GroupProp, group: ConsumerGroup, nack: Nack, id?: string): void {
  const engine = c.engine;
  if (!engine.propagation.active) return;
  const last = formatId(group.lastMs, group.lastSeq);
  const argv = [
    'XCLAIM',
    p.key,
    p.group,
    nack.consumer?.name ?? '',
    '0',
    id ?? formatId(nack.ms, nack.seq),
    'TIME',
    String(nack.deliveryTime),
    'RETRYCOUNT',
    String(nack.deliveryCount),
    'FORCE',
    'JUSTID',
    'LASTID',
    last,
  ];
  engine.propagation.add(c.db.id, argv);
}

/** streamPropagateGroupID: the group's last ID and read counter (NOACK reads, XCLAIM LASTID). */
export function propagateGroupId(c: Client, p: GroupProp, group: ConsumerGroup): void {
  c.engine.propagation.add(c.db.id, ['XGROUP', 'SETID', p.key, p.group, formatId(group.lastMs, group.lastSeq), 'ENTRIESREAD', String(group.entriesRead)]);
}

/** streamPropagateConsumerCreation: a consumer a NOACK read created (nothing else records it). */
export function propagateConsumerCreation(c: Client, p: GroupProp, name: string): void {
  c.engine.propagation.add(c.db.id, ['XGROUP', 'CREATECONSUMER', p.key, p.group, name]);
}

// ---- ID bookkeeping for groups (streamRangeHasTombstones & co.) ---------------------------

function rangeHasTombstones(s: Stream, sms: bigint, sseq: bigint): boolean {
  if (s.length === 0 || (s.maxDelMs === 0n && s.maxDelSeq === 0n)) return false;
  if (cmpId(s.firstMs, s.firstSeq, s.maxDelMs, s.maxDelSeq) > 0) return false;
  return cmpId(sms, sseq, s.maxDelMs, s.maxDelSeq) <= 0;
}

/** streamReplyWithCGLag. */
export function lagReply(s: Stream, g: ConsumerGroup): Reply {
  if (s.entriesAdded === 0n) return ZERO;
  if (g.entriesRead !== SCG_INVALID && !rangeHasTombstones(s, g.lastMs, g.lastSeq)) {
    return int(bigOrNum(BigInt.asIntN(64, s.entriesAdded - g.entriesRead)));
  }
  const read = estimateDistance(s, g.lastMs, g.lastSeq);
  if (read !== SCG_INVALID) return int(bigOrNum(BigInt.asIntN(64, s.entriesAdded - read)));
  return NIL;
}

export function bigOrNum(v: bigint): number | bigint {
  return v <= 9007199254740991n && v >= -9007199254740991n ? Number(v) : v;
}

export function lookupGroup(s: Stream, name: string): ConsumerGroup | undefined {
  return s.groups === null ? undefined : s.groups.get(name);
}

export function createConsumer(c: Client, g: ConsumerGroup, name: string, key: string, db: Database): Consumer | null {
  if (g.consumers.has(name)) return null;
  const consumer: Consumer = { name, seenTime: c.engine.now, pel: new IdMap<Nack>() };
  g.consumers.set(name, consumer);
  dirty(c);
  c.engine.notify('t', 'xgroup-createconsumer', key, db);
  return consumer;
}

export function lookupConsumer(c: Client, g: ConsumerGroup, name: string, refresh: boolean): Consumer | undefined {
  const consumer = g.consumers.get(name);
  if (consumer !== undefined && refresh) consumer.seenTime = c.engine.now;
  return consumer;
}

export function byName<T extends { name: string }>(m: Map<string, T>): T[] {
  return [...m.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * streamReplyWithRange: the entries from start (to end, or the end of the stream), up to
 * `count` (0 = all); with a group, advances its last-delivered ID and entries-read and (unless
 * NOACK) records each entry in the PELs.
 */
export function rangeEntries(
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
  prop: GroupProp | null = null,
): Reply[] {
  const out: Reply[] = [];
  const now = c.engine.now;
  let propagateLastId = false;
  s.range(sms, sseq, ems, eseq, rev, (e) => {
    if (group !== null && cmpId(e.ms, e.seq, group.lastMs, group.lastSeq) > 0) {
      if (group.entriesRead !== SCG_INVALID && !rangeHasTombstones(s, e.ms, e.seq)) group.entriesRead++;
      else if (s.entriesAdded !== 0n) group.entriesRead = estimateDistance(s, e.ms, e.seq);
      group.lastMs = e.ms;
      group.lastSeq = e.seq;
      // Without NOACK the XCLAIMs carry the last ID.
      if (noack) propagateLastId = true;
    }
    out.push(entryReply(e));
    if (group !== null && consumer !== null && !noack) {
      const key = idKey(e.ms, e.seq);
      let nack = group.pel.get(key);
      if (nack === undefined) {
        nack = { ms: e.ms, seq: e.seq, key, consumer, deliveryTime: now, deliveryCount: 1n };
        group.pel.set(nack);
        consumer.pel.set(nack);
      } else {
        if (nack.consumer !== null) nack.consumer.pel.delete(key);
        nack.consumer = consumer;
        nack.deliveryTime = now;
        nack.deliveryCount = 1n;
        consumer.pel.set(nack);
      }
      if (prop !== null) propagateXclaim(c, prop, group, nack, e.id);
    }
    return count === 0 || out.length < count;
  });
  if (prop !== null && propagateLastId) propagateGroupId(c, prop, group!);
  return out;
}

/** streamReplyWithRangeFromConsumerPEL: the consumer's pending entries from `start`. */
export function historyEntries(c: Client, s: Stream, sms: bigint, sseq: bigint, count: number, consumer: Consumer): Reply[] {
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
