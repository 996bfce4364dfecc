import type { KeySizes } from './memory.js';
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
 * One of the 16 databases: key → object, key → absolute expiry time (ms), and a slot array
 * that gives SCAN a cursor with Redis's guarantee: a key present for the whole iteration is
 * returned (exactly once here), whatever else is added or removed meanwhile. A key keeps its
 * slot for life; freed slots are reused, so the array never grows past the peak key count.
 */
export class Database {
  readonly dict = new Map<string, RObj>();
  readonly expires = new Map<string, number>();
  /**
   * Exact expiry times past 2^53 ms, where the double in `expires` is rounded (PEXPIREAT k
   * 9223372036854775807). Valid only while Number(exact) still equals `expires`' entry: see
   * keyspace.getExpireExact.
   */
  readonly bigExpires = new Map<string, bigint>();
  private slots: (string | undefined)[] = [];
  private freeSlots: number[] = [];
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
    return this.slots.length;
  }

  get size(): number {
    return this.dict.size;
  }

  /** The stored object, without any expiry check: callers go through the engine's lookups. */
  peek(key: string): RObj | undefined {
    return this.dict.get(key);
  }

  /** Adds or overwrites; an overwritten key keeps its slot (and its TTL: callers decide). */
  put(key: string, obj: RObj): void {
    if (this.guard !== null) this.guard.beforeKeyChange(this, key);
    if (this.sizes !== null) this.sizes.mark(key);
    const old = this.dict.get(key);
    if (old !== undefined) {
      obj.slot = old.slot;
      if (old.type === 'stream' && this.onStreamGone !== null) this.onStreamGone(this, key);
    } else {
      const free = this.freeSlots.pop();
      if (free !== undefined) {
        obj.slot = free;
        this.slots[free] = key;
      } else {
        obj.slot = this.slots.length;
        this.slots.push(key);
      }
      if (this.onAdd !== null) {
        this.dict.set(key, obj);
        this.onAdd(this, key, obj);
        return;
      }
    }
    this.dict.set(key, obj);
  }

  /** Removes the key and its expiry. */
  remove(key: string): boolean {
    const obj = this.dict.get(key);
    if (obj === undefined) return false;
    if (this.guard !== null) this.guard.beforeKeyChange(this, key);
    if (this.sizes !== null) this.sizes.mark(key);
    if (obj.type === 'stream' && this.onStreamGone !== null) this.onStreamGone(this, key);
    this.dict.delete(key);
    this.expires.delete(key);
    if (this.bigExpires.size !== 0) this.bigExpires.delete(key);
    this.slots[obj.slot] = undefined;
    if (this.dict.size === 0) {
      this.slots = [];
      this.freeSlots = [];
    } else {
      this.freeSlots.push(obj.slot);
    }
    return true;
  }

  clear(): void {
    if (this.guard !== null) this.guard.beforeClear(this);
    if (this.sizes !== null) this.sizes.clear();
    this.dict.clear();
    this.expires.clear();
    this.bigExpires.clear();
    this.slots = [];
    this.freeSlots = [];
  }

  /**
   * Visits up to `count` slots from `cursor`, calling `visit` for each key found; returns the
   * next cursor, 0 when the iteration is complete.
   */
  scan(cursor: number, count: number, visit: (key: string) => void): number {
    const slots = this.slots;
    let i = cursor;
    // Like Redis, look at a bounded number of empty slots so that a sparse table still answers.
    const limit = Math.min(slots.length, i + Math.max(count, 1) * 10);
    let found = 0;
    for (; i < limit && found < count; i++) {
      const key = slots[i];
      if (key !== undefined) {
        visit(key);
        found++;
      }
    }
    return i >= slots.length ? 0 : i;
  }

  /** A uniformly random key (expired or not), or undefined when empty. */
  randomKey(random: () => number): string | undefined {
    const n = this.dict.size;
    if (n === 0) return undefined;
    const slots = this.slots;
    // Slots are at least half full on average; a few probes nearly always hit.
    for (let tries = 0; tries < 32; tries++) {
      const key = slots[Math.floor(random() * slots.length)];
      if (key !== undefined) return key;
    }
    let skip = Math.floor(random() * n);
    for (const key of this.dict.keys()) if (skip-- === 0) return key;
    return undefined;
  }
}
