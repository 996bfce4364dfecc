// Streams in RDB files, as Redis 7.0 saves them (rdb.c, RDB_TYPE_STREAM_LISTPACKS_2 = 19):
//
//   len(nodes) (string(16-byte master ID) string(listpack))*
//   len(length) len(last ms) len(last seq) len(first ms) len(first seq)
//   len(max-deleted ms) len(max-deleted seq) len(entries-added)
//   len(groups) (string(name) len(last ms) len(last seq) len(entries-read)
//                len(pel) (raw 16-byte id, i64le delivery time, len(delivery count))*
//                len(consumers) (string(name) i64le seen-time len(pel) (raw 16-byte id)*)*)*
//
// Each node's listpack is built as streamAppendItem builds it: the master entry (count,
// deleted, number of fields, the fields, 0) then per entry flags, ms delta, seq delta,
// [number of fields, fields and] values, lp-count.

import {
  estimateDistance,
  formatId,
  IdMap,
  idKey,
  Stream,
  type Consumer,
  type ConsumerGroup,
  type Nack,
  type StreamEntry,
  type StreamNode,
  U64_MAX,
} from './ds/stream.js';
import { decodeListpack, latin1FromBytes, ListpackWriter } from './rdb-encodings.js';
import type { RdbReader, RdbWriter } from './rdb.js';

const FLAG_DELETED = 1;
const FLAG_SAMEFIELDS = 2;
const SAFE = 9007199254740991n;

function lpInt(v: bigint): number | bigint {
  return v <= SAFE && v >= -SAFE ? Number(v) : v;
}

function lenBig(w: RdbWriter, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  if (u <= SAFE) {
    w.len(Number(u));
    return;
  }
  w.byte(0x81);
  for (let shift = 56n; shift >= 0n; shift -= 8n) w.byte(Number((u >> shift) & 0xffn));
}

/** The listpack of one node, byte for byte as Redis holds it. */
/** `deleted`, when given, holds the entries' deleted flags in place of their own (a copy made earlier). */
export function nodeListpack(node: StreamNode, deleted?: Uint8Array): Uint8Array {
  const lp = new ListpackWriter(Stream.nodeBytes(node) + 16);
  lp.addInt(node.live).addInt(node.deleted).addInt(node.masterFields.length);
  for (const f of node.masterFields) lp.add(f);
  lp.addInt(0);
  const entries = node.entries;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const numfields = e.fields.length / 2;
    const isDeleted = deleted === undefined ? e.deleted : deleted[i] === 1;
    lp.addInt((isDeleted ? FLAG_DELETED : 0) | (e.same ? FLAG_SAMEFIELDS : 0));
    lp.addInt(lpInt(BigInt.asIntN(64, e.ms - node.masterMs)));
    lp.addInt(lpInt(BigInt.asIntN(64, e.seq - node.masterSeq)));
    if (!e.same) lp.addInt(numfields);
    for (let i = 0; i < numfields; i++) {
      if (!e.same) lp.add(e.fields[i * 2]!);
      lp.add(e.fields[i * 2 + 1]!);
    }
    lp.addInt(numfields + 3 + (e.same ? 0 : numfields + 1));
  }
  return lp.finish();
}

function sortedGroups(s: Stream): ConsumerGroup[] {
  if (s.groups === null) return [];
  return [...s.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function sortedConsumers(g: ConsumerGroup): Consumer[] {
  return [...g.consumers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * rdbSaveObject for a stream (RDB_TYPE_STREAM_LISTPACKS_2). `legacy` writes Redis 6's
 * RDB_TYPE_STREAM_LISTPACKS instead, without the 7.0 counters: the engine never saves it, but
 * tests make such files with it to check that they load.
 */
export function writeStreamValue(w: RdbWriter, s: Stream, legacy = false): void {
  w.len(s.nodes.length);
  for (const node of s.nodes) writeStreamNode(w, node);
  writeStreamTail(w, s, legacy);
}

/** One node of the stream's radix tree: its master ID and listpack. */
export function writeStreamNode(w: RdbWriter, node: StreamNode, deleted?: Uint8Array): void {
  w.string(idKey(node.masterMs, node.masterSeq));
  w.blob(nodeListpack(node, deleted));
}

/** What follows the nodes: length, IDs, counters, consumer groups with their PELs. */
export function writeStreamTail(w: RdbWriter, s: Stream, legacy = false): void {
  w.len(s.length);
  lenBig(w, s.lastMs);
  lenBig(w, s.lastSeq);
  if (!legacy) {
    lenBig(w, s.firstMs);
    lenBig(w, s.firstSeq);
    lenBig(w, s.maxDelMs);
    lenBig(w, s.maxDelSeq);
    lenBig(w, s.entriesAdded);
  }
  const groups = sortedGroups(s);
  w.len(groups.length);
  for (const g of groups) {
    w.string(g.name);
    lenBig(w, g.lastMs);
    lenBig(w, g.lastSeq);
    if (!legacy) lenBig(w, g.entriesRead);
    w.len(g.pel.size);
    for (const n of g.pel.values()) {
      w.raw(n.key);
      w.i64le(n.deliveryTime);
      lenBig(w, n.deliveryCount);
    }
    const consumers = sortedConsumers(g);
    w.len(consumers.length);
    for (const c of consumers) {
      w.string(c.name);
      w.i64le(c.seenTime);
      w.len(c.pel.size);
      for (const n of c.pel.values()) w.raw(n.key);
    }
  }
}

// ---- loading -------------------------------------------------------------------------------

function readLenBig(r: RdbReader): bigint {
  const first = r.byte();
  const kind = first >> 6;
  if (kind === 0) return BigInt(first & 0x3f);
  if (kind === 1) return BigInt(((first & 0x3f) << 8) | r.byte());
  if (first === 0x80) {
    let v = 0n;
    for (let i = 0; i < 4; i++) v = (v << 8n) | BigInt(r.byte());
    return v;
  }
  if (first === 0x81) {
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(r.byte());
    return v;
  }
  throw new Error('Stream length encoding');
}

function readI64le(r: RdbReader): number {
  const b = r.take(8);
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return Number(BigInt.asIntN(64, v));
}

function decodeKey(k: string): { ms: bigint; seq: bigint } {
  let ms = 0n;
  let seq = 0n;
  for (let i = 0; i < 8; i++) ms = (ms << 8n) | BigInt(k.charCodeAt(i));
  for (let i = 8; i < 16; i++) seq = (seq << 8n) | BigInt(k.charCodeAt(i));
  return { ms, seq };
}

/** Rebuilds a node from its listpack; throws on a malformed one. */
function nodeFromListpack(key: string, lpBytes: Uint8Array): StreamNode {
  const items = decodeListpack(lpBytes);
  if (items === null || key.length !== 16) throw new Error('Stream listpack integrity check failed.');
  const { ms: masterMs, seq: masterSeq } = decodeKey(key);
  let p = 0;
  const next = (): string => {
    if (p >= items.length) throw new Error('Stream listpack integrity check failed.');
    return items[p++]!;
  };
  const live = Number(next());
  const deleted = Number(next());
  const nmaster = Number(next());
  const masterFields: string[] = [];
  for (let i = 0; i < nmaster; i++) masterFields.push(next());
  next(); // master terminator
  const entries: StreamEntry[] = [];
  while (p < items.length) {
    const flags = Number(next());
    const ms = BigInt.asUintN(64, masterMs + BigInt(next()));
    const seq = BigInt.asUintN(64, masterSeq + BigInt(next()));
    const same = (flags & FLAG_SAMEFIELDS) !== 0;
    const numfields = same ? nmaster : Number(next());
    const fields: string[] = [];
    for (let i = 0; i < numfields; i++) {
      fields.push(same ? masterFields[i]! : next());
      fields.push(next());
    }
    next(); // lp-count
    entries.push({ ms, seq, id: formatId(ms, seq), fields, deleted: (flags & FLAG_DELETED) !== 0, same });
  }
  // The byte count the node's size checks use: everything but header, counters and end.
  const total = lpBytes.length;
  const node: StreamNode = { masterMs, masterSeq, masterFields, entries, live, deleted, bytes: 0 };
  node.bytes = total - Stream.nodeBytes(node);
  return node;
}

/**
 * rdbLoadObject for RDB_TYPE_STREAM_LISTPACKS_2, or with `legacy` for Redis 6's
 * RDB_TYPE_STREAM_LISTPACKS, whose 7.0 counters are derived as Redis derives them.
 */
export function loadStreamValue(r: RdbReader, legacy = false): Stream {
  const s = new Stream();
  const nodes = r.len();
  for (let i = 0; i < nodes; i++) {
    const key = r.string();
    const lp = r.blob();
    const node = nodeFromListpack(key, lp);
    if (node.entries.length === 0) throw new Error('Empty listpack inside stream');
    s.nodes.push(node);
  }
  s.length = Number(readLenBig(r));
  s.lastMs = readLenBig(r);
  s.lastSeq = readLenBig(r);
  if (!legacy) {
    s.firstMs = readLenBig(r);
    s.firstSeq = readLenBig(r);
    s.maxDelMs = readLenBig(r);
    s.maxDelSeq = readLenBig(r);
    s.entriesAdded = readLenBig(r);
  } else {
    // No tombstones are counted, every entry counts as added, and the first ID is the first
    // live entry's (streamGetEdgeID: the highest ID when there is none).
    s.entriesAdded = BigInt(s.length);
    const first = s.edge(true);
    s.firstMs = first?.ms ?? U64_MAX;
    s.firstSeq = first?.seq ?? U64_MAX;
  }
  const ngroups = r.len();
  for (let i = 0; i < ngroups; i++) {
    const name = r.string();
    const lastMs = readLenBig(r);
    const lastSeq = readLenBig(r);
    const entriesRead = legacy ? estimateDistance(s, lastMs, lastSeq) : BigInt.asIntN(64, readLenBig(r));
    const g: ConsumerGroup = { name, lastMs, lastSeq, entriesRead, pel: new IdMap<Nack>(), consumers: new Map() };
    const npel = r.len();
    for (let j = 0; j < npel; j++) {
      const key = latin1FromBytes(r.take(16));
      const { ms, seq } = decodeKey(key);
      const deliveryTime = readI64le(r);
      const deliveryCount = readLenBig(r);
      g.pel.set({ ms, seq, key, consumer: null, deliveryTime, deliveryCount });
    }
    const nconsumers = r.len();
    for (let j = 0; j < nconsumers; j++) {
      const cname = r.string();
      const seenTime = readI64le(r);
      const c: Consumer = { name: cname, seenTime, pel: new IdMap<Nack>() };
      const n = r.len();
      for (let k = 0; k < n; k++) {
        const key = latin1FromBytes(r.take(16));
        const nack = g.pel.get(key);
        if (nack === undefined) throw new Error('Consumer PEL entry missing from the group PEL');
        nack.consumer = c;
        c.pel.set(nack);
      }
      g.consumers.set(cname, c);
    }
    if (s.groups === null) s.groups = new Map();
    s.groups.set(name, g);
  }
  return s;
}
