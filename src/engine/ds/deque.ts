// A growable ring buffer: the storage behind Redis lists.
//
// Elements live in `buf`, a JS array whose length (the capacity) is always a power of two, from
// `head` onwards and wrapping around: element i sits at buf[(head + i) & mask]. Free slots hold
// undefined so no reference outlives its element.
//
//   push/pop at either end, get/set by index       O(1) (amortised where the buffer resizes)
//   insert/removeAt at an index                    O(min(i, n - i)): only the shorter side moves
//   slice, trim (LTRIM), removeValue (LREM)        O(elements read, dropped or moved)
//
// The buffer doubles when full and halves when a quarter full (never below MIN_CAPACITY), so a
// list that grew large and was drained gives its memory back. Values are compared with ===, which
// is what byte strings need; the class is generic otherwise.
//
// Indexes are plain 0-based positions (0 = head, length - 1 = tail). Redis's negative indexes and
// its clamping rules belong to the commands; slice/trim take Array.prototype.slice's arguments.

const MIN_CAPACITY = 8;

function capacityFor(n: number): number {
  let cap = MIN_CAPACITY;
  while (cap < n) cap *= 2;
  return cap;
}

/** Array.prototype.slice's treatment of a start/end argument. */
function sliceIndex(i: number | undefined, len: number, dflt: number): number {
  if (i === undefined) return dflt;
  i = Math.trunc(i);
  if (i !== i) return 0; // NaN
  if (i < 0) return Math.max(len + i, 0);
  return Math.min(i, len);
}

export class Deque<T> implements Iterable<T> {
  private buf: (T | undefined)[];
  private mask: number;
  private head = 0;
  private len = 0;

  constructor(capacity = MIN_CAPACITY) {
    const cap = capacityFor(capacity);
    this.buf = new Array<T | undefined>(cap).fill(undefined);
    this.mask = cap - 1;
  }

  /** A deque holding `items` in order (head first). */
  static from<T>(items: Iterable<T> | ArrayLike<T>): Deque<T> {
    const arr = Array.isArray(items) ? (items as T[]) : Array.from(items as Iterable<T>);
    const d = new Deque<T>(arr.length);
    for (let i = 0; i < arr.length; i++) d.buf[i] = arr[i];
    d.len = arr.length;
    return d;
  }

  get length(): number {
    return this.len;
  }

  /** Size of the underlying buffer (for tests and memory accounting). */
  get capacity(): number {
    return this.mask + 1;
  }

  // ---- ends -------------------------------------------------------------------------------

  pushBack(value: T): void {
    if (this.len === this.mask + 1) this.resize((this.mask + 1) * 2);
    this.buf[(this.head + this.len) & this.mask] = value;
    this.len++;
  }

  pushFront(value: T): void {
    if (this.len === this.mask + 1) this.resize((this.mask + 1) * 2);
    this.head = (this.head - 1) & this.mask;
    this.buf[this.head] = value;
    this.len++;
  }

  popBack(): T | undefined {
    if (this.len === 0) return undefined;
    this.len--;
    const at = (this.head + this.len) & this.mask;
    const v = this.buf[at];
    this.buf[at] = undefined;
    this.shrinkIfSparse();
    return v;
  }

  popFront(): T | undefined {
    if (this.len === 0) return undefined;
    const v = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.len--;
    this.shrinkIfSparse();
    return v;
  }

  peekFront(): T | undefined {
    return this.len === 0 ? undefined : this.buf[this.head];
  }

  peekBack(): T | undefined {
    return this.len === 0 ? undefined : this.buf[(this.head + this.len - 1) & this.mask];
  }

  // ---- by index ---------------------------------------------------------------------------

  /** The element at 0-based index i, or undefined when i is not an integer in [0, length). */
  get(i: number): T | undefined {
    if (i >>> 0 === i && i < this.len) return this.buf[(this.head + i) & this.mask];
    return undefined;
  }

  /** Replaces the element at index i; false (and no change) when i is not an integer in [0, length). */
  set(i: number, value: T): boolean {
    if (!(i >>> 0 === i && i < this.len)) return false;
    this.buf[(this.head + i) & this.mask] = value;
    return true;
  }

  /**
   * Inserts `value` so that it ends up at index i (0 = new head, length = new tail), moving the
   * elements of the shorter side by one. Throws RangeError when i is not in [0, length].
   */
  insert(i: number, value: T): void {
    const n = this.len;
    if (!(i >= 0 && i <= n) || i !== Math.floor(i)) throw new RangeError(`insert index ${i} out of [0, ${n}]`);
    if (n === this.mask + 1) this.resize((this.mask + 1) * 2);
    const buf = this.buf;
    const mask = this.mask;
    if (i < n - i) {
      // Move elements [0, i) one slot towards the front.
      const h = (this.head - 1) & mask;
      for (let j = 0; j < i; j++) buf[(h + j) & mask] = buf[(h + j + 1) & mask];
      this.head = h;
      buf[(h + i) & mask] = value;
    } else {
      // Move elements [i, n) one slot towards the back.
      const h = this.head;
      for (let j = n; j > i; j--) buf[(h + j) & mask] = buf[(h + j - 1) & mask];
      buf[(h + i) & mask] = value;
    }
    this.len = n + 1;
  }

  /** Removes and returns the element at index i (undefined when out of range), moving the shorter side. */
  removeAt(i: number): T | undefined {
    const n = this.len;
    if (!(i >= 0 && i < n) || i !== Math.floor(i)) return undefined;
    const buf = this.buf;
    const mask = this.mask;
    const h = this.head;
    const v = buf[(h + i) & mask];
    if (i < n - 1 - i) {
      // Move elements [0, i) one slot towards the back.
      for (let j = i; j > 0; j--) buf[(h + j) & mask] = buf[(h + j - 1) & mask];
      buf[h] = undefined;
      this.head = (h + 1) & mask;
    } else {
      // Move elements (i, n) one slot towards the front.
      for (let j = i; j < n - 1; j++) buf[(h + j) & mask] = buf[(h + j + 1) & mask];
      buf[(h + n - 1) & mask] = undefined;
    }
    this.len = n - 1;
    this.shrinkIfSparse();
    return v;
  }

  /** Index of the first element === value at or after `from`, or -1. */
  indexOf(value: T, from = 0): number {
    const buf = this.buf;
    const mask = this.mask;
    const h = this.head;
    for (let i = Math.max(from, 0); i < this.len; i++) if (buf[(h + i) & mask] === value) return i;
    return -1;
  }

  /** Index of the last element === value at or before `from`, or -1. */
  lastIndexOf(value: T, from = this.len - 1): number {
    const buf = this.buf;
    const mask = this.mask;
    const h = this.head;
    for (let i = Math.min(from, this.len - 1); i >= 0; i--) if (buf[(h + i) & mask] === value) return i;
    return -1;
  }

  // ---- ranges -----------------------------------------------------------------------------

  /** The elements of [start, end) as a new array; the arguments work as in Array.prototype.slice. */
  slice(start?: number, end?: number): T[] {
    const n = this.len;
    const s = sliceIndex(start, n, 0);
    const e = sliceIndex(end, n, n);
    const out: T[] = [];
    const buf = this.buf;
    const mask = this.mask;
    const h = this.head;
    for (let i = s; i < e; i++) out.push(buf[(h + i) & mask] as T);
    return out;
  }

  /**
   * Keeps only the elements of [start, end) (Array.prototype.slice arguments), dropping the rest
   * from both ends: LTRIM once the command has turned its inclusive indexes into these.
   */
  trim(start?: number, end?: number): void {
    const n = this.len;
    const s = sliceIndex(start, n, 0);
    const e = Math.max(sliceIndex(end, n, n), s);
    const buf = this.buf;
    const mask = this.mask;
    const h = this.head;
    for (let i = 0; i < s; i++) buf[(h + i) & mask] = undefined;
    for (let i = e; i < n; i++) buf[(h + i) & mask] = undefined;
    this.head = (h + s) & mask;
    this.len = e - s;
    this.fitCapacity();
  }

  /**
   * Removes elements === value, LREM style: count > 0 removes up to count of them starting at the
   * head, count < 0 up to -count starting at the tail, count 0 all of them. Returns how many went.
   * Only the elements between the first and last removed one, plus the shorter outer side, move.
   */
  removeValue(value: T, count = 0): number {
    const n = this.len;
    if (n === 0) return 0;
    const buf = this.buf;
    const mask = this.mask;
    const h = this.head;
    let first = -1;
    let last = -1;
    let found = 0;
    if (count >= 0) {
      const limit = count === 0 ? Infinity : count;
      for (let i = 0; i < n && found < limit; i++) {
        if (buf[(h + i) & mask] === value) {
          if (first < 0) first = i;
          last = i;
          found++;
        }
      }
    } else {
      const limit = -count;
      for (let i = n - 1; i >= 0 && found < limit; i--) {
        if (buf[(h + i) & mask] === value) {
          if (last < 0) last = i;
          first = i;
          found++;
        }
      }
    }
    if (found === 0) return 0;
    // Every match within [first, last] goes (the count limit is reached exactly at its edge).
    if (first <= n - 1 - last) {
      // Compact [0, last] towards the back; the tail part after `last` stays put.
      let w = last;
      for (let r = last; r >= 0; r--) {
        const v = buf[(h + r) & mask];
        if (r >= first && v === value) continue;
        buf[(h + w) & mask] = v;
        w--;
      }
      for (let i = 0; i < found; i++) buf[(h + i) & mask] = undefined;
      this.head = (h + found) & mask;
    } else {
      // Compact [first, n) towards the front; the head part before `first` stays put.
      let w = first;
      for (let r = first; r < n; r++) {
        const v = buf[(h + r) & mask];
        if (r <= last && v === value) continue;
        buf[(h + w) & mask] = v;
        w++;
      }
      for (let i = n - found; i < n; i++) buf[(h + i) & mask] = undefined;
    }
    this.len = n - found;
    this.fitCapacity();
    return found;
  }

  /** Removes everything and returns the buffer to its minimum size. */
  clear(): void {
    this.buf = new Array<T | undefined>(MIN_CAPACITY).fill(undefined);
    this.mask = MIN_CAPACITY - 1;
    this.head = 0;
    this.len = 0;
  }

  // ---- iteration --------------------------------------------------------------------------

  toArray(): T[] {
    return this.slice();
  }

  /** Head to tail. */
  [Symbol.iterator](): Iterator<T> {
    return this.values();
  }

  /** Elements from index `from` (default 0) towards the tail. */
  *values(from = 0): Generator<T, void, undefined> {
    for (let i = Math.max(from, 0); i < this.len; i++) yield this.buf[(this.head + i) & this.mask] as T;
  }

  /** Elements from index `from` (default length - 1) towards the head. */
  *valuesReversed(from = this.len - 1): Generator<T, void, undefined> {
    for (let i = Math.min(from, this.len - 1); i >= 0; i--) yield this.buf[(this.head + i) & this.mask] as T;
  }

  /**
   * Calls fn for each element from index `from` in the given direction until fn returns false or
   * an end is reached (no generator overhead: for LRANGE/LPOS-style loops on hot paths).
   */
  forEachFrom(from: number, reverse: boolean, fn: (value: T, index: number) => boolean | void): void {
    const buf = this.buf;
    const mask = this.mask;
    const h = this.head;
    if (!reverse) {
      for (let i = Math.max(from, 0); i < this.len; i++) if (fn(buf[(h + i) & mask] as T, i) === false) return;
    } else {
      for (let i = Math.min(from, this.len - 1); i >= 0; i--) if (fn(buf[(h + i) & mask] as T, i) === false) return;
    }
  }

  // ---- capacity ---------------------------------------------------------------------------

  private resize(cap: number): void {
    const n = this.len;
    const old = this.buf;
    const mask = this.mask;
    const h = this.head;
    const buf = new Array<T | undefined>(cap).fill(undefined);
    for (let i = 0; i < n; i++) buf[i] = old[(h + i) & mask];
    this.buf = buf;
    this.mask = cap - 1;
    this.head = 0;
  }

  /** After a single removal: halve when only a quarter is used. */
  private shrinkIfSparse(): void {
    const cap = this.mask + 1;
    if (cap > MIN_CAPACITY && this.len < cap >>> 2) this.resize(cap >>> 1);
  }

  /** After a bulk removal: the smallest power of two that leaves the buffer at most half full. */
  private fitCapacity(): void {
    const cap = this.mask + 1;
    if (cap > MIN_CAPACITY && this.len < cap >>> 2) this.resize(capacityFor(this.len * 2));
  }
}
