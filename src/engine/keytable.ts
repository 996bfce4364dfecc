// The main dictionary of a database: key → value, with each key's 24-bit access field (LRU clock
// or LFU counter), in a hash table of our own rather than a Map of objects, because memory per
// key is what a cache is measured by. A key costs its string, its value and 32 bytes here:
//
//   slotKeys[slot], slotVals[slot]   the key and its value (two pointers)
//   hashes[slot], next[slot]         the key's hash and the next slot of its bucket's chain
//   access[slot]                     the access field (Redis's robj.lru)
//   buckets[hash & mask]             the first slot of each chain
//
// A string value whose encoding SET would give is kept as the JS string itself: no object per
// key. `get` hands out a StringObj for it, made on the spot; values are replaced through the
// table (StringObj is read-only), so nothing is lost by not keeping that object.
//
// A key keeps its slot for life and freed slots are reused (last freed, first reused), so slots
// give SCAN a cursor that returns every key present for the whole iteration, and a random slot is
// a fair random key. The arrays double when full and start over when the table is emptied; the
// buckets are rebuilt from the kept hashes when they double.

import type { RObj, StringObj } from './objects.js';

const MIN_CAPACITY = 4;
/** An emptied table keeps arrays up to this size. */
const SMALL_CAPACITY = 64;

/** FNV-1a over the UTF-16 code units (a byte string's bytes), then a murmur3-style mix. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/** How a value is held: a string of SET's encoding as the string itself, anything else as is. */
function pack(obj: RObj): RObj | string {
  return obj.type === 'string' && obj.enc === undefined && obj.unsharedValue === undefined ? obj.value : obj;
}

export class KeyTable implements Iterable<[string, RObj]> {
  private slotKeys: (string | undefined)[] = new Array<undefined>(MIN_CAPACITY);
  private slotVals: (RObj | string | undefined)[] = new Array<undefined>(MIN_CAPACITY);
  private hashes = new Int32Array(MIN_CAPACITY);
  private next = new Int32Array(MIN_CAPACITY);
  private access = new Uint32Array(MIN_CAPACITY);
  private buckets = new Int32Array(MIN_CAPACITY).fill(-1);
  private mask = MIN_CAPACITY - 1;
  /** Slots handed out so far: every live key's slot is below this. */
  private used = 0;
  /** The last freed slot, its `next` the one freed before it; -1 when none is free. */
  private free = -1;
  private count = 0;
  /** The last key found and its slot: a command looks its key up again to change it. */
  private lastKey: string | undefined = undefined;
  private lastSlot = -1;

  get size(): number {
    return this.count;
  }

  /** Slots in use or free: every live key's slot is below this (SCAN's end). */
  get slotCount(): number {
    return this.used;
  }

  /** The key's slot, or -1. */
  find(key: string): number {
    if (key === this.lastKey) return this.lastSlot;
    const h = hashKey(key);
    const hashes = this.hashes;
    const keys = this.slotKeys;
    const next = this.next;
    for (let i = this.buckets[h & this.mask]!; i >= 0; i = next[i]!) {
      if (hashes[i] === h && keys[i] === key) {
        this.lastKey = key;
        this.lastSlot = i;
        return i;
      }
    }
    return -1;
  }

  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  get(key: string): RObj | undefined {
    const slot = this.find(key);
    return slot < 0 ? undefined : this.valueAt(slot);
  }

  /** The key in a slot, undefined for a free one. */
  keyAt(slot: number): string | undefined {
    return this.slotKeys[slot];
  }

  /** The value in a live slot. */
  valueAt(slot: number): RObj {
    const v = this.slotVals[slot]!;
    return typeof v === 'string' ? unpacked(v) : v;
  }

  /** The access field of a live slot. */
  accessAt(slot: number): number {
    return this.access[slot]!;
  }

  setAccessAt(slot: number, value: number): void {
    this.access[slot] = value;
  }

  /** True when a live slot holds a string. */
  holdsString(slot: number): boolean {
    const v = this.slotVals[slot]!;
    return typeof v === 'string' || v.type === 'string';
  }

  /** Makes a live slot's value the string `value` with the encoding SET gives it. */
  replaceStringAt(slot: number, value: string): void {
    this.slotVals[slot] = value;
  }

  /** Replaces the value of a live slot; its key, slot and access field stay. */
  replaceAt(slot: number, obj: RObj): void {
    this.slotVals[slot] = pack(obj);
  }

  /** Adds a key that is absent; returns its slot. */
  add(key: string, obj: RObj, access: number): number {
    let slot = this.free;
    if (slot >= 0) {
      this.free = this.next[slot]!;
    } else {
      if (this.used === this.hashes.length) this.grow();
      slot = this.used++;
    }
    const h = hashKey(key);
    const b = h & this.mask;
    this.slotKeys[slot] = key;
    this.slotVals[slot] = pack(obj);
    this.hashes[slot] = h;
    this.access[slot] = access;
    this.next[slot] = this.buckets[b]!;
    this.buckets[b] = slot;
    this.count++;
    return slot;
  }

  /** Removes the key; returns the slot it had, or -1 when it was absent. */
  delete(key: string): number {
    const h = hashKey(key);
    const b = h & this.mask;
    let prev = -1;
    let i = this.buckets[b]!;
    while (i >= 0 && !(this.hashes[i] === h && this.slotKeys[i] === key)) {
      prev = i;
      i = this.next[i]!;
    }
    if (i < 0) return -1;
    this.lastKey = undefined;
    if (prev < 0) this.buckets[b] = this.next[i]!;
    else this.next[prev] = this.next[i]!;
    this.slotKeys[i] = undefined;
    this.slotVals[i] = undefined;
    if (--this.count === 0) {
      // Emptied: slots start over. Small arrays are kept (a queue's one key that comes and
      // goes would allocate them every time); big ones are given back.
      if (this.hashes.length > SMALL_CAPACITY) this.clear();
      else {
        this.used = 0;
        this.free = -1;
      }
      return i;
    }
    this.next[i] = this.free;
    this.free = i;
    return i;
  }

  clear(): void {
    this.slotKeys = new Array<undefined>(MIN_CAPACITY);
    this.slotVals = new Array<undefined>(MIN_CAPACITY);
    this.hashes = new Int32Array(MIN_CAPACITY);
    this.next = new Int32Array(MIN_CAPACITY);
    this.access = new Uint32Array(MIN_CAPACITY);
    this.buckets = new Int32Array(MIN_CAPACITY).fill(-1);
    this.mask = MIN_CAPACITY - 1;
    this.used = 0;
    this.free = -1;
    this.count = 0;
    this.lastKey = undefined;
  }

  /**
   * Doubles the arrays and rebuilds the chains (only when no slot is free, so all are live).
   * The arrays are sized here rather than left to grow by themselves: a JS array grows by half,
   * which would cost up to 8 bytes more per key.
   */
  private grow(): void {
    const cap = this.hashes.length * 2;
    const keys = new Array<string | undefined>(cap);
    const vals = new Array<RObj | string | undefined>(cap);
    for (let i = 0; i < this.used; i++) {
      keys[i] = this.slotKeys[i];
      vals[i] = this.slotVals[i];
    }
    this.slotKeys = keys;
    this.slotVals = vals;
    const hashes = new Int32Array(cap);
    hashes.set(this.hashes);
    const access = new Uint32Array(cap);
    access.set(this.access);
    const next = new Int32Array(cap);
    const buckets = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let i = 0; i < this.used; i++) {
      const b = hashes[i]! & mask;
      next[i] = buckets[b]!;
      buckets[b] = i;
    }
    this.hashes = hashes;
    this.access = access;
    this.next = next;
    this.buckets = buckets;
    this.mask = mask;
  }

  /**
   * The live slots in order. Changes while it runs are safe: a freed slot is skipped, a slot
   * reused or added ahead of it is visited.
   */
  *slots(): IterableIterator<number> {
    for (let i = 0; i < this.used; i++) if (this.slotKeys[i] !== undefined) yield i;
  }

  /** The live keys, in slot order. */
  *keys(): IterableIterator<string> {
    for (const i of this.slots()) yield this.slotKeys[i]!;
  }

  *entries(): IterableIterator<[string, RObj]> {
    for (const i of this.slots()) yield [this.slotKeys[i]!, this.valueAt(i)];
  }

  [Symbol.iterator](): IterableIterator<[string, RObj]> {
    return this.entries();
  }
}

function unpacked(value: string): StringObj {
  return { type: 'string', value, enc: undefined };
}
