// How many bytes a value takes, as Redis's allocator would count them (object.c
// objectComputeSize, jemalloc size classes): MEMORY USAGE, MEMORY STATS and INFO memory.

import type { Engine } from './engine.js';
import { mallocSize } from './malloc.js';
import { stringEncoding, type RObj } from './objects.js';
import { encodeIntset, encodeListpack, QUICKLIST_PACKED_THRESHOLD, quicklistLayout } from './rdb-encodings.js';
import { listpackScore } from './rdb.js';

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

/** How objectComputeSize looks at a value: elements sampled (0: all), and how lists are cut. */
export interface SizeOptions {
  samples: number;
  listMaxListpackSize: number;
  packedThreshold: number;
}

const DEFAULT_SIZE_OPTIONS: SizeOptions = { samples: 5, listMaxListpackSize: -2, packedThreshold: QUICKLIST_PACKED_THRESHOLD };

// sizeof() of Redis 7.0's structures on a 64-bit build.
const QUICKLIST = 40;
const QUICKLIST_NODE = 40;
const DICT = 56;
const POINTER = 8;
const ZSET = 16;
const ZSKIPLIST = 32;
/** A skiplist's header node holds all 32 levels. */
const ZSL_HEADER = 24 + 32 * 16;
/**
 * What a skiplist node takes, on average: its level is random in Redis (one more level with
 * probability 1/4, up to 32), and a node of n levels takes 24 + 16n bytes in its size class.
 */
const ZSL_NODE_AVERAGE = ((): number => {
  let sum = 0;
  for (let level = 1, p = 0.75; level <= 32; level++, p /= 4) sum += (level === 32 ? (p * 4) / 3 : p) * mallocSize(24 + 16 * level);
  return sum;
})();

/** dictSlots: a table grows to the power of two that holds its elements (4 at least). */
function dictSlots(used: number): number {
  if (used === 0) return 0;
  return used <= 4 ? 4 : 2 ** (32 - Math.clz32(used - 1));
}

/** An element sds made by sdsnewlen (SDS_TYPE_5 for short non-empty strings). */
const elementSds = (s: string) => sdsSize(s.length, true);

/**
 * The average of `size` over the first `samples` elements (all with 0), times their count: how
 * objectComputeSize scales what it sampled. Redis walks its dict in hash order, this its own
 * order: with elements of different sizes the two samples can differ.
 */
function sampled<T>(items: Iterable<T>, count: number, samples: number, size: (x: T) => number): number {
  let seen = 0;
  let sum = 0;
  for (const x of items) {
    if (samples !== 0 && seen >= samples) break;
    sum += size(x);
    seen++;
  }
  return seen === 0 ? 0 : (sum / seen) * count;
}

/**
 * objectComputeSize: the bytes a value takes as Redis 7.0 counts them. Listpacks and intsets are
 * exact (their encoded bytes, in the allocator's size class); dicts, skiplists and quicklists
 * are sampled as Redis samples them; a list is cut into nodes as pushing every element to its
 * tail cuts it. Streams are estimated.
 */
export function objectSize(obj: RObj, options: SizeOptions = DEFAULT_SIZE_OPTIONS): number {
  const samples = options.samples;
  switch (obj.type) {
    case 'string': {
      const len = obj.value.length;
      const enc = stringEncoding(obj);
      if (enc === 'int') return ROBJ;
      if (enc === 'embstr') return mallocSize(ROBJ + 3 + len + 1);
      return ROBJ + sdsSize(len, false);
    }
    case 'list': {
      const nodes = quicklistLayout(obj.value, options.listMaxListpackSize, options.packedThreshold);
      const node = (n: Uint8Array | string) => QUICKLIST_NODE + mallocSize(n.length);
      return Math.floor(ROBJ + QUICKLIST + sampled(nodes, nodes.length, samples, node));
    }
    case 'set': {
      if (obj.enc === 'intset') return ROBJ + mallocSize(encodeIntset(obj.value).length);
      const n = obj.value.size;
      return Math.floor(ROBJ + DICT + POINTER * dictSlots(n) + sampled(obj.value, n, samples, (m) => DICT_ENTRY + elementSds(m)));
    }
    case 'hash': {
      if (obj.enc === 'listpack') return ROBJ + mallocSize(encodeListpack(flattenMap(obj.value) as Iterable<string>).length);
      const n = obj.value.size;
      const entry = ([f, v]: [string, string]) => elementSds(f) + elementSds(v) + DICT_ENTRY;
      return Math.floor(ROBJ + DICT + POINTER * dictSlots(n) + sampled(obj.value, n, samples, entry));
    }
    case 'zset': {
      const zs = obj.value;
      if (obj.enc === 'listpack') {
        const items: string[] = [];
        zs.walk(0, false, (m, s) => void items.push(m, listpackScore(s)));
        return ROBJ + mallocSize(encodeListpack(items).length);
      }
      const members: string[] = [];
      const want = samples === 0 ? zs.size : Math.min(samples, zs.size);
      zs.walk(0, false, (m) => members.push(m) < want);
      const node = (m: string) => elementSds(m) + DICT_ENTRY + ZSL_NODE_AVERAGE;
      const fixed = ROBJ + ZSET + ZSKIPLIST + DICT + POINTER * dictSlots(zs.size) + mallocSize(ZSL_HEADER);
      return Math.floor(fixed + sampled(members, zs.size, 0, node));
    }
    case 'stream':
      return ROBJ + Math.round(estimateValue(obj, 0));
  }
}

// ---- used_memory: what the allocator holds ------------------------------------------------------
// objectComputeSize (MEMORY USAGE) counts structures by sizeof(); used_memory is what jemalloc
// handed out: every allocation in its size class, a dict's old table while it rehashes. These
// sizes follow Redis 7.0's allocations for each type and encoding.

/** A dictEntry (24 bytes) as allocated. */
export const ENTRY_ALLOC = mallocSize(DICT_ENTRY);
const DICT_ALLOC = mallocSize(DICT);
/** A quicklist's struct and a node's, as allocated. */
const QUICKLIST_ALLOC = mallocSize(QUICKLIST);
const QUICKLIST_NODE_ALLOC = mallocSize(QUICKLIST_NODE);
/** The average skiplist node as allocated: 24 + 16 × level bytes in its size class. */
const ZSL_NODE_ALLOC = ZSL_NODE_AVERAGE;
/** A list this long or longer is sized by its first elements (see allocSize). */
const LIST_PREFIX = 256;

/**
 * A dict's struct and bucket tables holding n entries, each added entry taking `steps` rehash
 * steps, the dict made for `start` entries at once (a conversion from a listpack), else empty.
 * A table doubles when it is full, and the old one stays until incremental rehashing has moved
 * each of its non-empty buckets (about 1 − 1/e of them), one bucket a step: this counts it as a
 * dict that only grew would still have it.
 */
function dictAlloc(n: number, steps: number, start = 0): number {
  if (n === 0) return DICT_ALLOC;
  const slots = dictSlots(n);
  let tables = mallocSize(slots * POINTER);
  if (slots > Math.max(4, dictSlots(start)) && n < slots / 2 + 1 + (0.316 * slots) / steps) tables += mallocSize((slots / 2) * POINTER);
  return DICT_ALLOC + tables;
}

/** sds made by sdsnewlen for an element (type 5 for short ones), as allocated. */
const sdsAlloc = (s: string) => sdsSize(s.length, true);

/** What a value takes from the allocator. `sharedInts`: 0..9999 are Redis's shared objects. */
function allocSize(obj: RObj, sharedInts: boolean): number {
  switch (obj.type) {
    case 'string': {
      const len = obj.value.length;
      const enc = stringEncoding(obj);
      if (enc === 'int') {
        const v = Number(obj.value);
        return sharedInts && v >= 0 && v < 10000 && obj.unsharedValue !== obj.value ? 0 : mallocSize(ROBJ);
      }
      if (enc === 'embstr') return mallocSize(ROBJ + 3 + len + 1);
      return mallocSize(ROBJ) + sdsSize(len, false);
    }
    case 'list': {
      const list = obj.value;
      // A long list: its first elements' nodes, scaled (a push costs the same at any length).
      const items = list.length > LIST_PREFIX ? list.slice(0, LIST_PREFIX) : list;
      const nodes = quicklistLayout(items, DEFAULT_SIZE_OPTIONS.listMaxListpackSize, DEFAULT_SIZE_OPTIONS.packedThreshold);
      let sum = 0;
      for (const n of nodes) sum += QUICKLIST_NODE_ALLOC + mallocSize(n.length);
      const scale = list.length > LIST_PREFIX ? list.length / LIST_PREFIX : 1;
      return mallocSize(ROBJ) + QUICKLIST_ALLOC + Math.round(sum * scale);
    }
    case 'set': {
      if (obj.enc === 'intset') return mallocSize(ROBJ) + mallocSize(encodeIntset(obj.value).length);
      const n = obj.value.size;
      return mallocSize(ROBJ) + dictAlloc(n, 1) + Math.round(sampled(obj.value, n, 16, (m) => ENTRY_ALLOC + sdsAlloc(m)));
    }
    case 'hash': {
      if (obj.enc === 'listpack') return mallocSize(ROBJ) + mallocSize(encodeListpack(flattenMap(obj.value) as Iterable<string>).length);
      const n = obj.value.size;
      const entry = ([f, v]: [string, string]) => ENTRY_ALLOC + sdsAlloc(f) + sdsAlloc(v);
      // HSET looks the field up, then adds it: two rehash steps. A hash that outgrew its listpack
      // was made with a table for all its fields (hash-max-listpack-entries + 1, by default).
      return mallocSize(ROBJ) + dictAlloc(n, 2, 513) + Math.round(sampled(obj.value, n, 16, entry));
    }
    case 'zset': {
      const zs = obj.value;
      if (obj.enc === 'listpack') {
        const items: string[] = [];
        zs.walk(0, false, (m, sc) => void items.push(m, listpackScore(sc)));
        return mallocSize(ROBJ) + mallocSize(encodeListpack(items).length);
      }
      const members: string[] = [];
      const want = Math.min(16, zs.size);
      zs.walk(0, false, (m) => members.push(m) < want);
      const fixed = mallocSize(ROBJ) + mallocSize(ZSET) + dictAlloc(zs.size, 2) + mallocSize(ZSKIPLIST) + mallocSize(ZSL_HEADER);
      return Math.round(fixed + sampled(members, zs.size, 0, (m) => ENTRY_ALLOC + sdsAlloc(m) + ZSL_NODE_ALLOC));
    }
    case 'stream':
      return ROBJ + Math.round(estimateValue(obj, 0));
  }
}

/**
 * What a key adds to used_memory: its value, its name and its dict entry; not its TTL's entry
 * nor the main tables' buckets (memoryFigures counts those from the dicts' sizes).
 */
export function keySize(key: string, obj: RObj, sharedInts: boolean): number {
  return allocSize(obj, sharedInts) + sdsSize(key.length, true) + ENTRY_ALLOC;
}

/**
 * The running account of a database's keys for used_memory (Redis knows it from its allocator;
 * this engine adds up keySize). Keys are marked when they change and sized again when the total
 * is next read, so a command pays for the keys it touched, once.
 */
export class KeySizes {
  /** Σ keySize over the keys sized so far. */
  private sum = 0;
  private readonly sized = new Map<string, number>();
  private readonly changed = new Set<string>();

  mark(key: string): void {
    this.changed.add(key);
  }

  /** The database was emptied. */
  clear(): void {
    this.sum = 0;
    this.sized.clear();
    this.changed.clear();
  }

  /** The keys' total, after sizing the ones marked since the last call. */
  total(dict: { get(key: string): RObj | undefined }, sharedInts: boolean): number {
    if (this.changed.size !== 0) {
      for (const key of this.changed) {
        const obj = dict.get(key);
        const before = this.sized.get(key) ?? 0;
        if (obj === undefined) {
          this.sized.delete(key);
          this.sum -= before;
        } else {
          const now = keySize(key, obj, sharedInts);
          this.sized.set(key, now);
          this.sum += now - before;
        }
      }
      this.changed.clear();
    }
    return this.sum;
  }

  /** What the key counted for when last sized (0 if never). */
  sizeOf(key: string): number {
    return this.sized.get(key) ?? 0;
  }
}

/** MEMORY USAGE: value + key + the dict entry. */
export function keyMemoryUsage(key: string, obj: RObj, options: SizeOptions = DEFAULT_SIZE_OPTIONS): number {
  return objectSize(obj, options) + sdsSize(key.length, true) + DICT_ENTRY;
}

/**
 * What one command's latency histogram takes (an HDR histogram from 1 ns to 1 s with 2
 * significant digits, made at the command's first call): 24,688 bytes in Redis 7.0.15's
 * used_memory, measured.
 */
const LATENCY_HISTOGRAM = 24688;

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

/** MEMORY STATS' overhead of a main dict: entries and buckets by sizeof(), as Redis counts it. */
function dictOverhead(size: number): number {
  return size === 0 ? 0 : dictSlots(size) * POINTER + size * DICT_ENTRY;
}

/**
 * A main dict's bucket table as allocated: a power of two, a size class of its own (serverCron's
 * active rehashing soon frees an old one).
 */
const tableAlloc = (size: number) => dictSlots(size) * POINTER;

/**
 * Totals for INFO memory and MEMORY STATS. `used` adds up allocations: the empty server's, the
 * clients', the keyspace tables' and every key's (all of them while maxmemory is set, as evict.ts
 * keeps the running account; otherwise 100,000 keys stand for them all); `overhead` is Redis's
 * sum of the startup memory, the clients and the main dicts by sizeof(); `dataset` the rest.
 */
export function memoryFigures(engine: Engine): MemoryFigures {
  let keys = 0;
  const clients = clientsMemory(engine);
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
  }
  const used = usedMemory(engine, clients);
  return { used, overhead, dataset: Math.max(0, used - overhead), keys, clients, hashtables };
}

/** mem_clients_normal: the clients' memory as clientsCron last saw it. */
function clientsMemory(engine: Engine): number {
  let clients = 0;
  for (const c of engine.clients.values()) clients += c.lastMemoryUsage;
  return clients;
}

/** used_memory (see memoryFigures), on its own: what maxmemory checks before every command. */
export function usedMemory(engine: Engine, clients = clientsMemory(engine)): number {
  let used = STARTUP_MEMORY + clients + engine.stats.latencyHistograms * LATENCY_HISTOGRAM;
  const sharedInts = sharesIntegers(engine);
  for (const db of engine.dbs) {
    const n = db.dict.size;
    if (n === 0) continue;
    used += tableAlloc(n) + tableAlloc(db.expires.size) + db.expires.size * ENTRY_ALLOC;
    if (db.sizes !== null) {
      used += db.sizes.total(db.dict, sharedInts);
      continue;
    }
    let sampled = 0;
    let sum = 0;
    for (const [key, obj] of db.dict) {
      sum += keySize(key, obj, sharedInts);
      if (++sampled >= 100000) break;
    }
    used += Math.round(sampled ? (sum / sampled) * n : 0);
  }
  return used;
}

/** Small integers are shared objects unless an LRU or LFU policy needs each its own access field. */
function sharesIntegers(engine: Engine): boolean {
  const config = engine.config;
  return config.maxmemory === 0 || !(config.maxmemoryPolicy.endsWith('-lru') || config.maxmemoryPolicy.endsWith('-lfu'));
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
