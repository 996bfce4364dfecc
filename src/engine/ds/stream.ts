// A Redis 7.0 stream (t_stream.c, stream.h): entries in ID order, grouped in nodes that stand
// for Redis's listpack macro-nodes (the rax keys), so that what depends on node boundaries —
// XADD/XTRIM with `~` removing whole nodes only, XINFO's radix-tree-keys, tombstones left by
// XDEL and exact trimming, the RDB form — comes out as in Redis. A node closes when it holds
// stream-node-max-entries entries (live + deleted) or its listpack would reach
// stream-node-max-bytes; node sizes are computed with listpack's element sizes.
//
// IDs are two unsigned 64-bit integers (bigint). Consumer groups keep their pending entries
// lists (PEL) sorted by ID; consumers and groups are listed in byte order (Redis's rax order).

import { backlenSize } from '../rdb-encodings.js';

export const U64_MAX = 0xffffffffffffffffn;

export interface StreamID {
  ms: bigint;
  seq: bigint;
}

export interface StreamEntry {
  ms: bigint;
  seq: bigint;
  /** "ms-seq", made once: every read replies with it, and BigInt printing is slow. */
  id: string;
  /** field, value, field, value … */
  fields: string[];
  /** Flagged deleted (XDEL, exact trimming inside a node): a tombstone, skipped by reads. */
  deleted: boolean;
  /** The entry had the node's master fields (STREAM_ITEM_FLAG_SAMEFIELDS). */
  same: boolean;
}

export interface StreamNode {
  masterMs: bigint;
  masterSeq: bigint;
  masterFields: string[];
  entries: StreamEntry[];
  live: number;
  deleted: number;
  /** Bytes of the node's listpack except the header, the end byte and the two counters. */
  bytes: number;
}

export interface Nack {
  ms: bigint;
  seq: bigint;
  /** Sort key (16 bytes, big-endian ms then seq). */
  key: string;
  consumer: Consumer | null;
  deliveryTime: number;
  deliveryCount: bigint;
}

export interface Consumer {
  name: string;
  seenTime: number;
  pel: IdMap<Nack>;
}

export interface ConsumerGroup {
  name: string;
  lastMs: bigint;
  lastSeq: bigint;
  /** -1n: unknown (SCG_INVALID_ENTRIES_READ). */
  entriesRead: bigint;
  pel: IdMap<Nack>;
  consumers: Map<string, Consumer>;
}

export function cmpId(ams: bigint, aseq: bigint, bms: bigint, bseq: bigint): number {
  if (ams !== bms) return ams < bms ? -1 : 1;
  if (aseq !== bseq) return aseq < bseq ? -1 : 1;
  return 0;
}

/** A group's entries-read when unknown. */
export const SCG_INVALID_ENTRIES_READ = -1n;

/**
 * streamEstimateDistanceFromFirstEverEntry: how many entries were added up to this ID, when that
 * can be told (SCG_INVALID_ENTRIES_READ when not).
 */
export function estimateDistance(s: Stream, ms: bigint, seq: bigint): bigint {
  if (s.entriesAdded === 0n) return 0n;
  if (s.length === 0 && cmpId(ms, seq, s.lastMs, s.lastSeq) < 1) return s.entriesAdded;
  const cmpLast = cmpId(ms, seq, s.lastMs, s.lastSeq);
  if (cmpLast === 0) return s.entriesAdded;
  if (cmpLast > 0) return SCG_INVALID_ENTRIES_READ;
  const cmpFirst = cmpId(ms, seq, s.firstMs, s.firstSeq);
  const noDel = s.maxDelMs === 0n && s.maxDelSeq === 0n;
  if (noDel || cmpId(s.maxDelMs, s.maxDelSeq, s.firstMs, s.firstSeq) < 0) {
    if (cmpFirst < 0) return s.entriesAdded - BigInt(s.length);
    if (cmpFirst === 0) return s.entriesAdded - BigInt(s.length) + 1n;
  }
  return SCG_INVALID_ENTRIES_READ;
}

export function formatId(ms: bigint, seq: bigint): string {
  return ms.toString() + '-' + seq.toString();
}

/** The 16-byte big-endian form (Redis's streamEncodeID), as a byte string: sorts like IDs. */
export function idKey(ms: bigint, seq: bigint): string {
  let s = '';
  for (let shift = 56n; shift >= 0n; shift -= 8n) s += String.fromCharCode(Number((ms >> shift) & 0xffn));
  for (let shift = 56n; shift >= 0n; shift -= 8n) s += String.fromCharCode(Number((seq >> shift) & 0xffn));
  return s;
}

/** A map sorted by a byte-string key (a rax): ordered iteration, seek to the first key ≥ k. */
export class IdMap<V extends { key: string }> {
  readonly map = new Map<string, V>();
  readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  /** Index of the first key ≥ k. */
  seek(k: string): number {
    const keys = this.keys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Inserts or replaces. */
  set(v: V): void {
    const k = v.key;
    if (this.map.has(k)) {
      this.map.set(k, v);
      return;
    }
    this.map.set(k, v);
    const keys = this.keys;
    if (keys.length === 0 || keys[keys.length - 1]! < k) keys.push(k);
    else keys.splice(this.seek(k), 0, k);
  }

  delete(k: string): boolean {
    if (!this.map.delete(k)) return false;
    const i = this.seek(k);
    this.keys.splice(i, 1);
    return true;
  }

  at(i: number): V {
    return this.map.get(this.keys[i]!)!;
  }

  *values(): IterableIterator<V> {
    for (const k of this.keys) yield this.map.get(k)!;
  }
}

// ---- listpack element sizes (encoding + data + back length) ------------------------------

function intSize(v: bigint | number): number {
  const n = typeof v === 'bigint' ? (v >= -2147483648n && v <= 2147483647n ? Number(v) : null) : v;
  if (n === null) return 10;
  if (n >= 0 && n <= 127) return 2;
  if (n >= -4096 && n <= 4095) return 3;
  if (n >= -32768 && n <= 32767) return 4;
  if (n >= -8388608 && n <= 8388607) return 5;
  if (n >= -2147483648 && n <= 2147483647) return 6;
  return 10;
}

const INT_RE_MAX = 20;

/** The int64 a string stands for when listpack would store it as an integer (lpStringToInt64). */
function lpInt(s: string): bigint | null {
  const n = s.length;
  if (n === 0 || n > INT_RE_MAX) return null;
  let i = 0;
  if (s.charCodeAt(0) === 45) {
    i = 1;
    if (n === 1) return null;
  }
  const first = s.charCodeAt(i);
  if (first === 48) return n === 1 ? 0n : null;
  for (let j = i; j < n; j++) {
    const ch = s.charCodeAt(j);
    if (ch < 48 || ch > 57) return null;
  }
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  return v;
}

function strSize(s: string): number {
  const v = lpInt(s);
  if (v !== null) return intSize(v);
  const n = s.length;
  const head = n < 64 ? 1 : n < 4096 ? 2 : 5;
  return head + n + backlenSize(head + n);
}

const LP_HEADER = 6;
const LP_END = 1;

export interface TrimArgs {
  strategy: 'maxlen' | 'minid';
  approx: boolean;
  /** 0 = no limit. */
  limit: number;
  maxlen: bigint;
  minMs: bigint;
  minSeq: bigint;
}

export class Stream {
  nodes: StreamNode[] = [];
  length = 0;
  lastMs = 0n;
  lastSeq = 0n;
  entriesAdded = 0n;
  maxDelMs = 0n;
  maxDelSeq = 0n;
  firstMs = 0n;
  firstSeq = 0n;
  groups: Map<string, ConsumerGroup> | null = null;

  /** Total listpack bytes of a node (lpBytes). */
  static nodeBytes(node: StreamNode): number {
    return LP_HEADER + intSize(node.live) + intSize(node.deleted) + node.bytes + LP_END;
  }

  /**
   * streamAppendItem with an ID already validated as greater than the last one. `fields` is
   * field, value, … Returns the entry's printed ID (XADD's reply).
   */
  append(ms: bigint, seq: bigint, fields: string[], maxBytes: number, maxEntries: number): string {
    let totelelen = 0;
    for (const f of fields) totelelen += f.length;
    let node = this.nodes.length === 0 ? undefined : this.nodes[this.nodes.length - 1]!;
    if (node !== undefined) {
      let nodeMax = maxBytes;
      if (nodeMax === 0 || nodeMax > 1073741824) nodeMax = 1073741824;
      if (Stream.nodeBytes(node) + totelelen >= nodeMax) node = undefined;
      else if (maxEntries !== 0 && node.live + node.deleted >= maxEntries) node = undefined;
    }
    const numfields = fields.length / 2;
    let same = false;
    if (node === undefined) {
      const masterFields: string[] = [];
      let bytes = intSize(numfields);
      for (let i = 0; i < numfields; i++) {
        masterFields.push(fields[i * 2]!);
        bytes += strSize(fields[i * 2]!);
      }
      bytes += intSize(0);
      node = { masterMs: ms, masterSeq: seq, masterFields, entries: [], live: 0, deleted: 0, bytes };
      this.nodes.push(node);
      same = true;
    } else if (node.masterFields.length === numfields) {
      same = true;
      for (let i = 0; i < numfields; i++) {
        if (node.masterFields[i] !== fields[i * 2]) {
          same = false;
          break;
        }
      }
    }
    node.bytes += Stream.entryBytes(node, ms, seq, fields, same);
    const id = formatId(ms, seq);
    node.entries.push({ ms, seq, id, fields, deleted: false, same });
    node.live++;
    this.length++;
    this.entriesAdded++;
    this.lastMs = ms;
    this.lastSeq = seq;
    if (this.length === 1) {
      this.firstMs = ms;
      this.firstSeq = seq;
    }
    return id;
  }

  private static entryBytes(node: StreamNode, ms: bigint, seq: bigint, fields: string[], same: boolean): number {
    const numfields = fields.length / 2;
    let b = intSize(same ? 2 : 0); // flags (deleting only sets bit 0: same size)
    b += intSize(BigInt.asIntN(64, ms - node.masterMs));
    b += intSize(BigInt.asIntN(64, seq - node.masterSeq));
    if (!same) b += intSize(numfields);
    for (let i = 0; i < numfields; i++) {
      if (!same) b += strSize(fields[i * 2]!);
      b += strSize(fields[i * 2 + 1]!);
    }
    b += intSize(numfields + 3 + (same ? 0 : numfields + 1));
    return b;
  }

  /** Index of the node that may hold the first entry ≥ id. */
  private nodeFor(ms: bigint, seq: bigint): number {
    const nodes = this.nodes;
    let lo = 0;
    let hi = nodes.length - 1;
    let ans = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const n = nodes[mid]!;
      if (cmpId(n.masterMs, n.masterSeq, ms, seq) <= 0) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  private static entryIndex(node: StreamNode, ms: bigint, seq: bigint): number {
    const es = node.entries;
    let lo = 0;
    let hi = es.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = es[mid]!;
      if (cmpId(e.ms, e.seq, ms, seq) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Visits live entries with start ≤ id ≤ end, ascending (or descending with `rev`), until
   * `visit` returns false.
   */
  range(sms: bigint, sseq: bigint, ems: bigint, eseq: bigint, rev: boolean, visit: (e: StreamEntry) => boolean): void {
    const nodes = this.nodes;
    if (nodes.length === 0 || cmpId(sms, sseq, ems, eseq) > 0) return;
    if (!rev) {
      let ni = this.nodeFor(sms, sseq);
      let ei = Stream.entryIndex(nodes[ni]!, sms, sseq);
      for (; ni < nodes.length; ni++, ei = 0) {
        const es = nodes[ni]!.entries;
        for (; ei < es.length; ei++) {
          const e = es[ei]!;
          if (cmpId(e.ms, e.seq, ems, eseq) > 0) return;
          if (e.deleted) continue;
          if (!visit(e)) return;
        }
      }
    } else {
      let ni = this.nodeFor(ems, eseq);
      const n0 = nodes[ni]!;
      let ei = Stream.entryIndex(n0, ems, eseq);
      // entryIndex gives the first ≥ end: step back unless it is end itself.
      if (ei >= n0.entries.length || cmpId(n0.entries[ei]!.ms, n0.entries[ei]!.seq, ems, eseq) > 0) ei--;
      for (; ni >= 0; ni--) {
        const es = nodes[ni]!.entries;
        if (ei === Infinity) ei = es.length - 1;
        for (; ei >= 0; ei--) {
          const e = es[ei]!;
          if (cmpId(e.ms, e.seq, sms, sseq) < 0) return;
          if (e.deleted) continue;
          if (!visit(e)) return;
        }
        ei = Infinity;
      }
    }
  }

  /** The live entry with that ID, or undefined. */
  find(ms: bigint, seq: bigint): StreamEntry | undefined {
    if (this.nodes.length === 0) return undefined;
    const node = this.nodes[this.nodeFor(ms, seq)]!;
    const i = Stream.entryIndex(node, ms, seq);
    const e = node.entries[i];
    if (e === undefined || e.deleted || e.ms !== ms || e.seq !== seq) return undefined;
    return e;
  }

  /** streamDeleteItem: flags the entry deleted; a node left with no live entry goes. */
  delete(ms: bigint, seq: bigint): boolean {
    if (this.nodes.length === 0) return false;
    const ni = this.nodeFor(ms, seq);
    const node = this.nodes[ni]!;
    const i = Stream.entryIndex(node, ms, seq);
    const e = node.entries[i];
    if (e === undefined || e.deleted || e.ms !== ms || e.seq !== seq) return false;
    if (node.live === 1) {
      this.nodes.splice(ni, 1);
    } else {
      e.deleted = true;
      node.live--;
      node.deleted++;
    }
    this.length--;
    return true;
  }

  /** First (or last) live entry's ID, or null. */
  edge(first: boolean): StreamID | null {
    let out: StreamID | null = null;
    this.range(0n, 0n, U64_MAX, U64_MAX, !first, (e) => {
      out = { ms: e.ms, seq: e.seq };
      return false;
    });
    return out;
  }

  /**
   * streamGetEdgeID(first, skip_tombstones = 0): the first entry's ID, deleted or not (the
   * largest ID when the stream is empty).
   */
  firstIdWithTombstones(): StreamID {
    for (const node of this.nodes) {
      const e = node.entries[0];
      if (e !== undefined) return { ms: e.ms, seq: e.seq };
    }
    return { ms: U64_MAX, seq: U64_MAX };
  }

  /** After deletions: recorded-first-entry-id follows the first live entry (0-0 when empty). */
  refreshFirst(): void {
    if (this.length === 0) {
      this.firstMs = 0n;
      this.firstSeq = 0n;
      return;
    }
    const f = this.edge(true);
    if (f === null) {
      this.firstMs = U64_MAX;
      this.firstSeq = U64_MAX;
    } else {
      this.firstMs = f.ms;
      this.firstSeq = f.seq;
    }
  }

  /** streamTrim: returns the number of entries removed. */
  trim(args: TrimArgs): number {
    let deleted = 0;
    const nodes = this.nodes;
    const maxlen = args.maxlen;
    while (nodes.length !== 0) {
      if (args.strategy === 'maxlen' && BigInt(this.length) <= maxlen) break;
      const node = nodes[0]!;
      const entries = node.live;
      if (args.limit !== 0 && deleted + entries > args.limit) break;
      let removeNode: boolean;
      if (args.strategy === 'maxlen') {
        removeNode = BigInt(this.length - entries) >= maxlen;
      } else {
        const last = node.entries[node.entries.length - 1]!;
        removeNode = cmpId(last.ms, last.seq, args.minMs, args.minSeq) < 0;
      }
      if (removeNode) {
        nodes.shift();
        this.length -= entries;
        deleted += entries;
        continue;
      }
      if (args.approx) break;
      let fromNode = 0;
      for (const e of node.entries) {
        const stop = args.strategy === 'maxlen' ? BigInt(this.length) <= maxlen : cmpId(e.ms, e.seq, args.minMs, args.minSeq) >= 0;
        if (stop) break;
        if (!e.deleted) {
          e.deleted = true;
          fromNode++;
          this.length--;
        }
      }
      node.live -= fromNode;
      node.deleted += fromNode;
      deleted += fromNode;
      break;
    }
    if (this.length === 0) {
      this.firstMs = 0n;
      this.firstSeq = 0n;
    } else if (deleted !== 0) {
      this.refreshFirst();
    }
    return deleted;
  }

  /** Bytes of the nodes' listpacks (for memory estimates). */
  totalBytes(): number {
    let t = 0;
    for (const n of this.nodes) t += Stream.nodeBytes(n);
    return t;
  }

  /** The number of nodes of the radix tree holding the node keys (XINFO radix-tree-nodes). */
  raxNodes(): number {
    const keys = this.nodes.map((n) => idKey(n.masterMs, n.masterSeq));
    if (keys.length === 0) return 1;
    return raxCount(keys, 0, keys.length, 0);
  }

  /** streamDup (COPY): same entries, node layout, groups and PELs, nothing shared. */
  clone(): Stream {
    const s = new Stream();
    s.length = this.length;
    s.lastMs = this.lastMs;
    s.lastSeq = this.lastSeq;
    s.entriesAdded = this.entriesAdded;
    s.maxDelMs = this.maxDelMs;
    s.maxDelSeq = this.maxDelSeq;
    s.firstMs = this.firstMs;
    s.firstSeq = this.firstSeq;
    s.nodes = this.nodes.map((n) => ({
      ...n,
      masterFields: n.masterFields.slice(),
      entries: n.entries.map((e) => ({ ...e })),
    }));
    if (this.groups !== null) {
      s.groups = new Map();
      for (const g of this.groups.values()) {
        const ng: ConsumerGroup = {
          name: g.name,
          lastMs: g.lastMs,
          lastSeq: g.lastSeq,
          entriesRead: g.entriesRead,
          pel: new IdMap(),
          consumers: new Map(),
        };
        const byOld = new Map<Consumer, Consumer>();
        for (const c of g.consumers.values()) {
          const nc: Consumer = { name: c.name, seenTime: c.seenTime, pel: new IdMap() };
          byOld.set(c, nc);
          ng.consumers.set(c.name, nc);
        }
        for (const n of g.pel.values()) {
          const nn: Nack = { ...n, consumer: n.consumer === null ? null : byOld.get(n.consumer)! };
          ng.pel.set(nn);
          if (nn.consumer !== null) nn.consumer.pel.set(nn);
        }
        s.groups.set(g.name, ng);
      }
    }
    return s;
  }
}

/**
 * Nodes of a compressed radix tree (rax) holding keys[from, to) (sorted, distinct, all of the
 * same length 16) below depth `d`: a compressed node for a shared prefix, a branch node where
 * keys part, and a leaf where each key ends.
 */
function raxCount(keys: string[], from: number, to: number, d: number): number {
  const len = keys[from]!.length;
  if (to - from === 1) return d < len ? 2 : 1;
  // Common prefix of the first and last key (sorted) from d.
  const a = keys[from]!;
  const b = keys[to - 1]!;
  let p = d;
  while (p < len && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let count = p > d ? 1 : 0;
  count += 1; // branch node at p
  let i = from;
  while (i < to) {
    const ch = keys[i]!.charCodeAt(p);
    let j = i + 1;
    while (j < to && keys[j]!.charCodeAt(p) === ch) j++;
    count += raxCount(keys, i, j, p + 1);
    i = j;
  }
  return count;
}

/**
 * string2ull: a decimal unsigned 64-bit integer (string2ll's canonical form, else strtoull's
 * looser rules: leading spaces, a sign — a minus negates modulo 2^64 —, leading zeros).
 */
export function parseU64(s: string): bigint | null {
  const n = s.length;
  if (n === 0) return null;
  // Canonical form first.
  let canonical = true;
  if (n > 20) canonical = false;
  else {
    const c0 = s.charCodeAt(0);
    if (c0 === 45) return parseLoose(s); // negative canonical values are rejected below
    if (c0 === 48 && n > 1) canonical = false;
    for (let i = 0; i < n && canonical; i++) {
      const ch = s.charCodeAt(i);
      if (ch < 48 || ch > 57) canonical = false;
    }
  }
  if (canonical) {
    const v = BigInt(s);
    if (v <= 9223372036854775807n) return v;
  }
  return parseLoose(s);
}

function parseLoose(s: string): bigint | null {
  // string2ll accepts "-N" (N ≥ 1, no leading zero) as negative: rejected.
  if (/^-[1-9][0-9]*$/.test(s) && s.length <= 20 && BigInt(s) >= -9223372036854775808n) return null;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const ch = s.charCodeAt(i);
    if (ch === 32 || (ch >= 9 && ch <= 13)) i++;
    else break;
  }
  let neg = false;
  if (i < n && (s[i] === '+' || s[i] === '-')) {
    neg = s[i] === '-';
    i++;
  }
  const digits = s.slice(i);
  if (digits.length === 0 || !/^[0-9]+$/.test(digits)) return null;
  const v = BigInt(digits);
  if (v > U64_MAX) return null;
  return neg ? (U64_MAX + 1n - v) & U64_MAX : v;
}
