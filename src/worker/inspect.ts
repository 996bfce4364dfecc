// What the inspector shows of one key: its type, encoding, TTL, size and one page of its value,
// read without touching anything (no LRU update, no keyspace hit or miss, no lazy expiry).

import { objectEncoding } from '../engine/objects.js';
import type { Database } from '../engine/database.js';
import type { RObj } from '../engine/objects.js';
import type { KeyInfo } from './protocol.js';
import { formatId, U64_MAX } from '../engine/ds/stream.js';
import { decodeScore } from '../engine/geo.js';
import { bufFromString, encodingOf, hllCount, isValidHll } from '../engine/hyperloglog.js';

/** One page of a value, by type. Strings are byte strings (as everywhere in the engine). */
export type ValuePage =
  | { kind: 'string'; offset: number; bytes: string; length: number }
  | { kind: 'list'; offset: number; items: string[] }
  | { kind: 'hash'; offset: number; entries: [string, string][] }
  | { kind: 'set'; offset: number; members: string[] }
  /** `points`: where each score puts a member read as a geohash (longitude, latitude), for the map of a geo set. */
  | { kind: 'zset'; offset: number; entries: [string, number][]; points: [number, number][] }
  /** A string holding a HyperLogLog: its estimate (without touching the cached count). */
  | { kind: 'hll'; cardinality: number; encoding: 'sparse' | 'dense'; length: number }
  | {
      kind: 'stream';
      offset: number;
      /** Entry id and its field, value, … list, oldest first. */
      entries: [string, string[]][];
      lastId: string;
      groups: { name: string; lastDelivered: string; pending: number; consumers: { name: string; pending: number }[] }[];
    }
  | { kind: 'other' };

export interface KeyDetails {
  key: string;
  type: string;
  encoding: string;
  /** Remaining time to live in ms, -1 without one. */
  ttl: number;
  /** Length (string bytes, list length) or cardinality. */
  size: number;
  /** MEMORY USAGE's answer: the bytes the key, its value and its entry take (5 samples); null before the engine's late parts come. */
  memory: number | null;
  value: ValuePage;
}

/** Longest piece of a string value sent at once. */
const STRING_PAGE_BYTES = 64 * 1024;

/**
 * A key's details and a page of its value: `count` elements from `offset` (at most
 * `maxElements`), or of a string `count` bytes (at most STRING_PAGE_BYTES). `memoryOf` is
 * MEMORY USAGE (a late part of the engine: null until it comes).
 */
export function inspectKey(
  db: Database,
  key: string,
  now: number,
  offset: number,
  count: number,
  maxElements = Infinity,
  memoryOf: ((key: string, obj: RObj) => number) | null = null,
): KeyDetails | null {
  const obj = db.dict.get(key);
  if (obj === undefined) return null;
  const when = db.expires.get(key);
  if (when !== undefined && when < now) return null; // logically gone: shown as gone
  return {
    key,
    type: obj.type,
    encoding: objectEncoding(obj),
    ttl: when === undefined ? -1 : when - now,
    size: sizeOf(obj),
    memory: memoryOf === null ? null : memoryOf(key, obj),
    value: page(obj, offset, obj.type === 'string' ? count : Math.min(count, maxElements)),
  };
}

/** A key as the inspector lists it; null when missing or past its TTL (read-only: nothing is deleted). */
export function keyInfo(db: Database, key: string, now: number): KeyInfo | null {
  const obj = db.dict.get(key);
  if (obj === undefined) return null;
  const when = db.expires.get(key);
  if (when !== undefined && when < now) return null;
  return { key, type: obj.type, ttl: when === undefined ? -1 : when - now, size: sizeOf(obj), encoding: objectEncoding(obj) };
}

function sizeOf(obj: RObj): number {
  switch (obj.type) {
    case 'string':
      return obj.value.length;
    case 'stream':
      return obj.value.length;
    case 'list':
      return obj.value.length;
    case 'hash':
    case 'set':
      return obj.value.size;
    case 'zset':
      return obj.value.size;
    default:
      return 0;
  }
}

function page(obj: RObj, offset: number, count: number): ValuePage {
  switch (obj.type) {
    case 'string': {
      if (isValidHll(obj.value)) {
        const card = hllCount(bufFromString(obj.value));
        if (card !== null) {
          const encoding = encodingOf(obj.value) === 0 ? 'dense' : 'sparse';
          return { kind: 'hll', cardinality: Number(card), encoding, length: obj.value.length };
        }
      }
      const start = Math.min(offset, obj.value.length);
      return { kind: 'string', offset: start, bytes: obj.value.slice(start, start + Math.min(count, STRING_PAGE_BYTES)), length: obj.value.length };
    }
    case 'list':
      return { kind: 'list', offset, items: obj.value.slice(offset, offset + count) };
    case 'hash':
      return { kind: 'hash', offset, entries: take(obj.value.entries(), offset, count) };
    case 'set': {
      // Integer sets list in order, as SMEMBERS shows an intset.
      const members = obj.enc === 'intset' ? [...obj.value].sort((a, b) => Number(a) - Number(b)) : null;
      return { kind: 'set', offset, members: members ? members.slice(offset, offset + count) : take(obj.value.values(), offset, count) };
    }
    case 'zset': {
      const entries: [string, number][] = [];
      for (let r = offset; r < offset + count; r++) {
        const e = obj.value.entryAt(r);
        if (e === undefined) break;
        entries.push(e);
      }
      const points = entries.map(([, score]): [number, number] => {
        const xy = [0, 0];
        decodeScore(score, xy);
        return [xy[0]!, xy[1]!];
      });
      return { kind: 'zset', offset, entries, points };
    }
    case 'stream': {
      const s = obj.value;
      const entries: [string, string[]][] = [];
      let i = 0;
      s.range(0n, 0n, U64_MAX, U64_MAX, false, (e) => {
        if (i++ >= offset) entries.push([formatId(e.ms, e.seq), e.fields]);
        return entries.length < count;
      });
      const groups = [...(s.groups?.values() ?? [])].map((g) => ({
        name: g.name,
        lastDelivered: formatId(g.lastMs, g.lastSeq),
        pending: g.pel.size,
        consumers: [...g.consumers.values()].map((c) => ({ name: c.name, pending: c.pel.size })),
      }));
      return { kind: 'stream', offset, entries, lastId: formatId(s.lastMs, s.lastSeq), groups };
    }
    default:
      return { kind: 'other' };
  }
}

function take<T>(it: Iterator<T>, offset: number, count: number): T[] {
  const out: T[] = [];
  let i = 0;
  for (let n = it.next(); !n.done && out.length < count; n = it.next(), i++) {
    if (i >= offset) out.push(n.value);
  }
  return out;
}
