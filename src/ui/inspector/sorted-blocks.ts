// A sorted list kept as a row of small sorted blocks: inserting or removing one item costs a
// binary search and a move within one block (at most BLOCK items), never a copy of the whole
// list, and the n-th item is found by walking the block sizes. The inspector keeps a million
// keys in order this way while thousands change every second.

const BLOCK = 512;

export class SortedBlocks<T> {
  private blocks: T[][] = [];
  private count = 0;

  /** `compare` must be a total order over the items held (ties only for the same item). */
  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  insert(item: T): void {
    this.count++;
    if (this.blocks.length === 0) {
      this.blocks.push([item]);
      return;
    }
    const b = this.blockFor(item);
    const block = this.blocks[b]!;
    block.splice(this.position(block, item), 0, item);
    if (block.length > BLOCK * 2) this.blocks.splice(b + 1, 0, block.splice(BLOCK));
  }

  /** Removes an item equal (by `compare`) to this one; false when there is none. */
  remove(item: T): boolean {
    if (this.blocks.length === 0) return false;
    const b = this.blockFor(item);
    const block = this.blocks[b]!;
    const i = this.position(block, item);
    if (i >= block.length || this.compare(block[i]!, item) !== 0) return false;
    block.splice(i, 1);
    this.count--;
    if (block.length === 0) this.blocks.splice(b, 1);
    return true;
  }

  /** The item at this rank (0 first), or undefined past the end. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    let i = index;
    for (const block of this.blocks) {
      if (i < block.length) return block[i];
      i -= block.length;
    }
    return undefined;
  }

  /** Items from rank `start`, at most `count` of them, in order. */
  slice(start: number, count: number): T[] {
    const out: T[] = [];
    let skip = Math.max(0, start);
    for (const block of this.blocks) {
      if (out.length >= count) break;
      if (skip >= block.length) {
        skip -= block.length;
        continue;
      }
      for (let i = skip; i < block.length && out.length < count; i++) out.push(block[i]!);
      skip = 0;
    }
    return out;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (const block of this.blocks) yield* block;
  }

  /** The block an item belongs in: the first whose last item is not below it (else the last). */
  private blockFor(item: T): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const block = this.blocks[mid]!;
      if (this.compare(block[block.length - 1]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first position in a block whose item is not below `item`. */
  private position(block: T[], item: T): number {
    let lo = 0;
    let hi = block.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(block[mid]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
