// Values stored under keys: one interface per Redis type in the RObj union. Redis's 24-bit access
// field (robj.lru: the last access on the LRU clock, or under an LFU policy the access minute and
// counter, for OBJECT IDLETIME and FREQ and eviction) is kept by the keyspace (keytable.ts).

import { Deque } from './ds/deque.js';
import { ZSet } from './ds/zset.js';
import { Stream } from './ds/stream.js';
import { parseIntArg } from './numbers.js';

export type StringEncoding = 'int' | 'embstr' | 'raw';

/** Read-only: the keyspace keeps most strings unwrapped (keytable.ts); writes replace the value. */
export interface StringObj {
  readonly type: 'string';
  /** Byte string. */
  readonly value: string;
  /**
   * The encoding OBJECT ENCODING reports when the command that made the value fixes it (APPEND
   * and SETRANGE give 'raw', INCRBYFLOAT 'embstr'/'raw' by length, INCR 'int'); undefined means
   * "as SET would encode it", derived from the value (see stringEncoding).
   */
  readonly enc: StringEncoding | undefined;
  /**
   * Set by COPY to the copied value: Redis's dupStringObject never hands out a shared integer,
   * so OBJECT REFCOUNT of a copied small int is 1, not 2147483647, until the value changes
   * (INCR then makes a new, shared object in Redis).
   */
  readonly unsharedValue?: string;
}

/** Redis 7.0 lists are always quicklists (listpack-encoded lists came with 7.2). */
export interface ListObj {
  type: 'list';
  value: Deque<string>;
}

/**
 * Field → value. A Map keeps insertion order, which is exactly what a listpack-encoded hash
 * shows (HGETALL in insertion order, updates in place); once 'hashtable', Redis's order is its
 * hash order, which tests compare unordered.
 */
export interface HashObj {
  type: 'hash';
  value: Map<string, string>;
  enc: 'listpack' | 'hashtable';
}

/** 'intset' sets list their members in ascending numeric order (callers sort on output). */
export interface SetObj {
  type: 'set';
  value: Set<string>;
  enc: 'intset' | 'hashtable';
}

/** Both encodings keep Redis's (score, member) order; 'listpack' only changes what OBJECT says. */
export interface ZSetObj {
  type: 'zset';
  value: ZSet;
  enc: 'listpack' | 'skiplist';
}

/** A stream (ds/stream.ts): OBJECT ENCODING always says 'stream'. */
export interface StreamObj {
  type: 'stream';
  value: Stream;
}

export type RObj = StringObj | ListObj | HashObj | SetObj | ZSetObj | StreamObj;
export type RType = RObj['type'];

/** Redis's LRU clock: Unix seconds in 24 bits (it wraps every 194 days, as in Redis). */
export const LRU_CLOCK_MAX = 0xffffff;

export function lruClock(nowMs: number): number {
  return Math.floor(nowMs / 1000) & LRU_CLOCK_MAX;
}

/** Seconds since the object was last accessed (estimateObjectIdleTime, wrap included). */
export function idleSeconds(lru: number, nowMs: number): number {
  const clock = lruClock(nowMs);
  return clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
}

// Under an LFU policy the same 24 bits hold the minute of the last access (16 bits) and a
// logarithmic access counter (8 bits), as Redis's evict.c lays them out.

/** LFU_INIT_VAL: the counter a new key starts with, so that it is not evicted at once. */
export const LFU_INIT_VAL = 5;

/** LFUGetTimeInMinutes: Unix minutes in 16 bits. */
export function lfuMinutes(nowMs: number): number {
  return Math.floor(nowMs / 60000) & 0xffff;
}

/** LFUDecrAndReturn: the counter less one per `decayTime` minutes since the last access. */
export function lfuDecrAndReturn(lru: number, decayTime: number, nowMs: number): number {
  const ldt = lru >>> 8;
  const counter = lru & 255;
  const now = lfuMinutes(nowMs);
  const elapsed = now >= ldt ? now - ldt : 65535 - ldt + now;
  const periods = decayTime !== 0 ? Math.floor(elapsed / decayTime) : 0;
  return periods > counter ? 0 : counter - periods;
}

/** LFULogIncr: one more access counts with probability 1 / ((counter - 5) × factor + 1). */
export function lfuLogIncr(counter: number, logFactor: number, random: () => number): number {
  if (counter === 255) return 255;
  const base = Math.max(0, counter - LFU_INIT_VAL);
  return random() < 1 / (base * logFactor + 1) ? counter + 1 : counter;
}

export function createString(value: string, enc?: StringEncoding): StringObj {
  return { type: 'string', value, enc };
}

/**
 * A deep copy of a value for COPY (Redis's dupStringObject, listTypeDup, setTypeDup, …): same
 * type, contents and encoding, sharing nothing mutable with the original. Each collection
 * type adds its case here when it joins RObj.
 */
export function duplicateObject(obj: RObj): RObj {
  switch (obj.type) {
    case 'string':
      return { type: 'string', value: obj.value, enc: obj.enc, unsharedValue: obj.value };
    case 'list':
      return { type: 'list', value: Deque.from(obj.value) };
    case 'hash':
      return { type: 'hash', value: new Map(obj.value), enc: obj.enc };
    case 'set':
      return { type: 'set', value: new Set(obj.value), enc: obj.enc };
    case 'zset': {
      const members: string[] = [];
      const scores: number[] = [];
      for (const [member, score] of obj.value) {
        members.push(member);
        scores.push(score);
      }
      return { type: 'zset', value: ZSet.fromSorted(members, scores), enc: obj.enc };
    }
    case 'stream':
      return { type: 'stream', value: obj.value.clone() };
  }
}

/** Redis's OBJ_SHARED ints aside, a SET value becomes 'int' when string2l accepts it in ≤ 20 chars. */
const INT_ENCODING_MAX_LEN = 20;
/** OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
export const EMBSTR_MAX_LEN = 44;

/**
 * The encoding OBJECT ENCODING reports for a string value: the one its last write fixed, or
 * what Redis's tryObjectEncoding gives a value stored by SET ('int' for a canonical int64 of at
 * most 20 chars, 'embstr' up to 44 bytes, 'raw' beyond).
 */
export function stringEncoding(obj: StringObj): StringEncoding {
  if (obj.enc !== undefined) return obj.enc;
  const v = obj.value;
  if (v.length <= INT_ENCODING_MAX_LEN && parseIntArg(v) !== null) return 'int';
  return v.length <= EMBSTR_MAX_LEN ? 'embstr' : 'raw';
}

/** The encoding name OBJECT ENCODING reports (each type reports its own). */
export function objectEncoding(obj: RObj): string {
  switch (obj.type) {
    case 'string':
      return stringEncoding(obj);
    case 'list':
      return 'quicklist';
    case 'hash':
    case 'set':
    case 'zset':
      return obj.enc;
    case 'stream':
      return 'stream';
  }
}
