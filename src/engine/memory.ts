// How many bytes a value takes, as Redis's allocator would count them (object.c
// objectComputeSize, jemalloc size classes): MEMORY USAGE, MEMORY STATS and INFO memory.

import type { Engine } from './engine.js';
import { stringEncoding, type RObj } from './objects.js';

/** jemalloc's size class for an allocation of n bytes (4 classes per doubling above 128). */
export function mallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  const k = Math.floor(Math.log2(n - 1));
  const step = 2 ** (k - 2);
  return Math.ceil(n / step) * step;
}

/** sds header size for a string of `len` bytes; keys use SDS_TYPE_5 below 32 bytes. */
function sdsHeader(len: number, allowType5: boolean): number {
  if (len < 32 && allowType5 && len > 0) return 1;
  if (len < 256) return 3;
  if (len < 65536) return 5;
  if (len < 4294967296) return 9;
  return 17;
}

function sdsSize(len: number, allowType5: boolean): number {
  return mallocSize(sdsHeader(len, allowType5) + len + 1);
}

const ROBJ = 16;
const DICT_ENTRY = 24;

/** A rough size of a JS value held by a data type we know nothing about (sampled). */
function estimateValue(v: unknown, depth: number): number {
  if (typeof v === 'string') return sdsSize(v.length, false);
  if (typeof v === 'number') return 8;
  if (typeof v === 'bigint') return 16;
  if (v === null || typeof v !== 'object' || depth > 3) return 0;
  const sampleOf = (items: Iterable<unknown>, count: number, per: number): number => {
    if (count === 0) return 0;
    let seen = 0;
    let sum = 0;
    for (const item of items) {
      sum += estimateValue(item, depth + 1);
      if (++seen >= 8) break;
    }
    return count * per + (seen ? (sum / seen) * count : 0);
  };
  if (v instanceof Map) return sampleOf(flattenMap(v), v.size * 2, 12);
  if (v instanceof Set) return sampleOf(v, v.size, DICT_ENTRY);
  if (Array.isArray(v)) return sampleOf(v, v.length, 8);
  if (ArrayBuffer.isView(v)) return v.byteLength;
  // Our own containers (Deque, ZSet …): iterable with a size or length.
  const o = v as { size?: unknown; length?: unknown; [Symbol.iterator]?: unknown };
  const count = typeof o.size === 'number' ? o.size : typeof o.length === 'number' ? o.length : -1;
  if (count >= 0 && typeof o[Symbol.iterator] === 'function') return sampleOf(v as Iterable<unknown>, count, 16);
  let sum = 0;
  for (const [k, x] of Object.entries(v)) {
    if (k === 'lru' || k === 'slot' || k === 'type' || k === 'enc') continue;
    sum += estimateValue(x, depth + 1);
  }
  return sum;
}

function* flattenMap(m: Map<unknown, unknown>): Iterable<unknown> {
  for (const [k, v] of m) {
    yield k;
    yield v;
  }
}

/** objectComputeSize: the bytes a value takes (exact for strings, estimated for the rest). */
export function objectSize(obj: RObj): number {
  if (obj.type === 'string') {
    const len = obj.value.length;
    const enc = stringEncoding(obj);
    if (enc === 'int') return ROBJ;
    if (enc === 'embstr') return mallocSize(ROBJ + 3 + len + 1);
    return ROBJ + sdsSize(len, false);
  }
  return ROBJ + Math.round(estimateValue(obj, 0));
}

/** MEMORY USAGE: value + key + the dict entry. */
export function keyMemoryUsage(key: string, obj: RObj): number {
  return objectSize(obj) + sdsSize(key.length, true) + DICT_ENTRY;
}

/** used_memory_startup of Debian's 7.0.15 build: what an empty server holds. */
export const STARTUP_MEMORY = 876144;

export interface MemoryFigures {
  used: number;
  overhead: number;
  dataset: number;
  keys: number;
  /** mem_clients_normal: the clients' tot-mem as clientsCron last saw it. */
  clients: number;
  hashtables: { db: number; main: number; expires: number }[];
}

function dictOverhead(size: number): number {
  if (size === 0) return 0;
  let buckets = 4;
  while (buckets < size) buckets *= 2;
  return buckets * 8 + size * DICT_ENTRY;
}

/** Totals for INFO memory and MEMORY STATS (sampled past 100k keys). */
export function memoryFigures(engine: Engine): MemoryFigures {
  let dataset = 0;
  let keys = 0;
  let clients = 0;
  for (const c of engine.clients.values()) clients += c.lastMemoryUsage;
  let overhead = STARTUP_MEMORY + clients;
  const hashtables: MemoryFigures['hashtables'] = [];
  for (const db of engine.dbs) {
    const n = db.dict.size;
    if (n === 0) continue;
    keys += n;
    const main = dictOverhead(n);
    const expires = dictOverhead(db.expires.size);
    hashtables.push({ db: db.id, main, expires });
    overhead += main + expires;
    let sampled = 0;
    let sum = 0;
    for (const [key, obj] of db.dict) {
      sum += objectSize(obj) + sdsSize(key.length, true);
      if (++sampled >= 100000) break;
    }
    dataset += sampled ? (sum / sampled) * n : 0;
  }
  dataset = Math.round(dataset);
  return { used: overhead + dataset, overhead, dataset, keys, clients, hashtables };
}

/** server.c bytesToHuman. */
export function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let d = n / 1024;
  for (const u of units) {
    if (d < 1024 || u === 'P') return `${d.toFixed(2)}${u}`;
    d /= 1024;
  }
  return `${n}B`;
}

// ================================================================================================
// INFO
// ================================================================================================
