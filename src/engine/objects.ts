// Values stored under keys. Each type is one interface in this union; the collection types join
// it as their command groups land. `slot` belongs to the keyspace (see Database) and `lru` is the
// last access time in ms, for OBJECT IDLETIME.

export type StringEncoding = 'int' | 'embstr' | 'raw';

export interface StringObj {
  type: 'string';
  /** Byte string. */
  value: string;
  /**
   * The encoding OBJECT ENCODING reports when the command that made the value fixes it (APPEND
   * and SETRANGE give 'raw', INCRBYFLOAT 'embstr'/'raw' by length, INCR 'int'); undefined means
   * "as SET would encode it", derived from the value (see stringEncoding).
   */
  enc: StringEncoding | undefined;
  /** Last access on Redis's 24-bit seconds clock (lruClock): a small integer V8 keeps unboxed. */
  lru: number;
  slot: number;
  /**
   * Set by COPY to the copied value: Redis's dupStringObject never hands out a shared integer,
   * so OBJECT REFCOUNT of a copied small int is 1, not 2147483647, until the value changes
   * (INCR then makes a new, shared object in Redis).
   */
  unsharedValue?: string;
}

export type RObj = StringObj;
export type RType = RObj['type'];

/** Redis's LRU clock: Unix seconds in 24 bits (it wraps every 194 days, as in Redis). */
export const LRU_CLOCK_MAX = 0xffffff;

export function lruClock(nowMs: number): number {
  return Math.floor(nowMs / 1000) & LRU_CLOCK_MAX;
}

/** Seconds since the object was last accessed (estimateObjectIdleTime, wrap included). */
export function idleSeconds(obj: { lru: number }, nowMs: number): number {
  const clock = lruClock(nowMs);
  return clock >= obj.lru ? clock - obj.lru : clock + (LRU_CLOCK_MAX - obj.lru);
}

/** `now` is the engine's time in ms. */
export function createString(value: string, now: number, enc?: StringEncoding): StringObj {
  return { type: 'string', value, enc, lru: lruClock(now), slot: -1 };
}

/**
 * A deep copy of a value for COPY (Redis's dupStringObject, listTypeDup, setTypeDup, …): same
 * type, contents and encoding, sharing nothing mutable with the original. Each collection
 * type adds its case here when it joins RObj.
 */
export function duplicateObject(obj: RObj): RObj {
  switch (obj.type) {
    case 'string':
      return { type: 'string', value: obj.value, enc: obj.enc, lru: obj.lru, slot: -1, unsharedValue: obj.value };
  }
}
