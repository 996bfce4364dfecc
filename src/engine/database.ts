import type { KeySizes } from './memory.js';
import { KeyTable } from './keytable.js';
import type { RObj } from './objects.js';

/**
 * Told before a key of the database changes in any way (value, TTL, existence) and before the
 * whole database is emptied: a background snapshot (snapshot-job.ts) copies what it has not yet
 * written, so that its image stays the dataset as it was when it started.
 */
export interface ChangeGuard {
  beforeKeyChange(db: Database, key: string): void;
  beforeClear(db: Database): void;
}

/**
 * One of the 16 databases: key → object with its access field (keytable.ts), key → absolute
 * expiry time (ms). The table's slots give SCAN a cursor with Redis's guarantee: a key present
 * for the whole iteration is returned (exactly once here), whatever else is added or removed
 * meanwhile.
 */
export class Database {
  readonly dict = new KeyTable();
  readonly expires = new Map<string, number>();
  /**
   * Exact expiry times past 2^53 ms, where the double in `expires` is rounded (PEXPIREAT k
   * 9223372036854775807). Valid only while Number(exact) still equals `expires`' entry: see
   * keyspace.getExpireExact.
   */
  readonly bigExpires = new Map<string, bigint>();
  /**
   * Called when `put` adds a key that was absent (Redis's dbAdd → signalKeyAsReady): set by the
   * engine's blocking machinery while clients are blocked, null otherwise.
   */
  onAdd: ((db: Database, key: string, obj: RObj) => void) | null = null;
  /**
   * Called when a stream is deleted or overwritten (dbGenericDelete/dbOverwrite signal the key
   * so that blocked XREADGROUP clients learn of it); installed with onAdd.
   */
  onStreamGone: ((db: Database, key: string) => void) | null = null;
  /** Set while a background snapshot of this database runs, null otherwise. */
  guard: ChangeGuard | null = null;
  /**
   * The running size of the keys while maxmemory is set (evict.ts), else null: told of every
   * key that is added, replaced or removed here, and by the keyspace of every key changed in place.
   */
  sizes: KeySizes | null = null;

  /** Mutable: SWAPDB swaps whole Database objects between indexes. */
  constructor(public id: number) {}

  /** Slots in use or free: every live key's slot is below this. */
  get slotCount(): number {
    return this.dict.slotCount;
  }

  get size(): number {
    return this.dict.size;
  }

  /** The stored object, without any expiry check: callers go through the engine's lookups. */
  peek(key: string): RObj | undefined {
    return this.dict.get(key);
  }

  /**
   * Adds or overwrites with the given access field (LRU clock or LFU counter); an overwritten
   * key keeps its slot (and its TTL: callers decide).
   */
  put(key: string, obj: RObj, access: number): void {
    if (this.guard !== null) this.guard.beforeKeyChange(this, key);
    if (this.sizes !== null) this.sizes.mark(key);
    const dict = this.dict;
    const slot = dict.find(key);
    if (slot >= 0) {
      if (this.onStreamGone !== null && dict.valueAt(slot).type === 'stream') this.onStreamGone(this, key);
      dict.replaceAt(slot, obj);
      dict.setAccessAt(slot, access);
      return;
    }
    dict.add(key, obj, access);
    if (this.onAdd !== null) this.onAdd(this, key, obj);
  }

  /**
   * A new value for a key that a write lookup (keyspace.lookupWrite) just returned, which told
   * the snapshot guard and the size account: slot, access field and TTL stay.
   */
  replaceValue(key: string, obj: RObj): void {
    this.dict.replaceAt(this.dict.find(key), obj);
  }

  /** replaceValue with a string of the encoding SET gives it. */
  replaceString(key: string, value: string): void {
    this.dict.replaceStringAt(this.dict.find(key), value);
  }

  /** The key's access field (LRU clock or LFU counter); 0 for an absent key. */
  accessOf(key: string): number {
    const slot = this.dict.find(key);
    return slot < 0 ? 0 : this.dict.accessAt(slot);
  }

  /** Removes the key and its expiry. */
  remove(key: string): boolean {
    const dict = this.dict;
    const slot = dict.find(key);
    if (slot < 0) return false;
    if (this.guard !== null) this.guard.beforeKeyChange(this, key);
    if (this.sizes !== null) this.sizes.mark(key);
    if (this.onStreamGone !== null && dict.valueAt(slot).type === 'stream') this.onStreamGone(this, key);
    dict.delete(key);
    this.expires.delete(key);
    if (this.bigExpires.size !== 0) this.bigExpires.delete(key);
    return true;
  }

  clear(): void {
    if (this.guard !== null) this.guard.beforeClear(this);
    if (this.sizes !== null) this.sizes.clear();
    this.dict.clear();
    this.expires.clear();
    this.bigExpires.clear();
  }

  /**
   * Visits up to `count` slots from `cursor`, calling `visit` for each key found; returns the
   * next cursor, 0 when the iteration is complete.
   */
  scan(cursor: number, count: number, visit: (key: string) => void): number {
    const dict = this.dict;
    const end = dict.slotCount;
    let i = cursor;
    // Like Redis, look at a bounded number of empty slots so that a sparse table still answers.
    const limit = Math.min(end, i + Math.max(count, 1) * 10);
    let found = 0;
    for (; i < limit && found < count; i++) {
      const key = dict.keyAt(i);
      if (key !== undefined) {
        visit(key);
        found++;
      }
    }
    return i >= end ? 0 : i;
  }

  /** A uniformly random key (expired or not), or undefined when empty. */
  randomKey(random: () => number): string | undefined {
    const dict = this.dict;
    const n = dict.size;
    if (n === 0) return undefined;
    const end = dict.slotCount;
    // Slots are at least half full on average; a few probes nearly always hit.
    for (let tries = 0; tries < 32; tries++) {
      const key = dict.keyAt(Math.floor(random() * end));
      if (key !== undefined) return key;
    }
    let skip = Math.floor(random() * n);
    for (const key of dict.keys()) if (skip-- === 0) return key;
    return undefined;
  }
}
