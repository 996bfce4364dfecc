import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedBlocks } from './sorted-blocks.js';

const byNumber = (a: number, b: number) => a - b;

describe('SortedBlocks', () => {
  it('holds what a sorted array would, through any inserts and removals', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 3000 })), { maxLength: 4000 }), (ops) => {
        const list = new SortedBlocks(byNumber);
        const model = new Set<number>();
        for (const [add, n] of ops) {
          if (add && !model.has(n)) {
            list.insert(n);
            model.add(n);
          } else if (!add) {
            expect(list.remove(n)).toBe(model.delete(n));
          }
        }
        const sorted = [...model].sort(byNumber);
        expect([...list]).toEqual(sorted);
        expect(list.size).toBe(sorted.length);
        expect(list.slice(10, 7)).toEqual(sorted.slice(10, 17));
        if (sorted.length > 0) expect(list.at(sorted.length - 1)).toBe(sorted.at(-1));
        expect(list.at(sorted.length)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a hundred thousand items in blocks, each insert a small move', () => {
    const list = new SortedBlocks(byNumber);
    for (let i = 0; i < 100_000; i++) list.insert((i * 7919) % 100_003);
    expect(list.size).toBe(100_000);
    expect(list.slice(0, 3)).toEqual([0, 1, 2]);
    expect(list.at(50_000)).toBe([...list][50_000]);
  });
});
