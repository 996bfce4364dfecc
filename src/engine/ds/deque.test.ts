import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Deque } from './deque';

/** Slots of the ring buffer that still hold something (must equal length: no leaked references). */
function occupied<T>(d: Deque<T>): number {
  const buf = (d as unknown as { buf: (T | undefined)[] }).buf;
  let n = 0;
  for (const v of buf) if (v !== undefined) n++;
  return n;
}

/** Capacity is a power of two ≥ 8, holds the elements, and is never more than a quarter idle… */
function checkShape<T>(d: Deque<T>): void {
  const cap = d.capacity;
  expect(cap >= 8 && (cap & (cap - 1)) === 0).toBe(true);
  expect(d.length).toBeLessThanOrEqual(cap);
  if (cap > 8) expect(d.length).toBeGreaterThanOrEqual(cap / 4);
  expect(occupied(d)).toBe(d.length);
}

/** Deque whose head sits near the end of its buffer, so its contents wrap around. */
function wrapped(items: string[]): Deque<string> {
  const d = new Deque<string>(16);
  for (let i = 0; i < 12; i++) d.pushBack('pad');
  for (let i = 0; i < 12; i++) d.popFront();
  for (const v of items) d.pushBack(v);
  return d;
}

describe('Deque: ends', () => {
  it('pushes and pops at both ends in order', () => {
    const d = new Deque<string>();
    expect(d.length).toBe(0);
    expect(d.popFront()).toBeUndefined();
    expect(d.popBack()).toBeUndefined();
    expect(d.peekFront()).toBeUndefined();
    expect(d.peekBack()).toBeUndefined();
    d.pushBack('b');
    d.pushBack('c');
    d.pushFront('a');
    expect(d.toArray()).toEqual(['a', 'b', 'c']);
    expect(d.peekFront()).toBe('a');
    expect(d.peekBack()).toBe('c');
    expect(d.popFront()).toBe('a');
    expect(d.popBack()).toBe('c');
    expect(d.popBack()).toBe('b');
    expect(d.length).toBe(0);
    expect(d.popFront()).toBeUndefined();
  });

  it('grows past its capacity from either end and keeps order', () => {
    const d = new Deque<number>();
    const model: number[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 3 === 0) {
        d.pushFront(i);
        model.unshift(i);
      } else {
        d.pushBack(i);
        model.push(i);
      }
    }
    expect(d.toArray()).toEqual(model);
    expect(d.capacity).toBe(1024);
    checkShape(d);
  });

  it('shrinks when drained and keeps no references to removed values', () => {
    const d = new Deque<string>();
    for (let i = 0; i < 5000; i++) d.pushBack(`v${i}`);
    expect(d.capacity).toBe(8192);
    for (let i = 0; i < 4990; i++) d.popFront();
    expect(d.capacity).toBeLessThanOrEqual(64);
    expect(d.toArray()).toEqual(Array.from({ length: 10 }, (_, i) => `v${4990 + i}`));
    checkShape(d);
    while (d.length > 0) d.popBack();
    expect(d.capacity).toBe(8);
    expect(occupied(d)).toBe(0);
  });

  it('starts from an array or an iterable', () => {
    expect(Deque.from(['x', 'y', 'z']).toArray()).toEqual(['x', 'y', 'z']);
    expect(Deque.from(new Set([1, 2, 3])).toArray()).toEqual([1, 2, 3]);
    const big = Deque.from(Array.from({ length: 100 }, (_, i) => i));
    expect(big.length).toBe(100);
    expect(big.capacity).toBe(128);
    expect(new Deque(100).capacity).toBe(128);
  });
});

describe('Deque: by index', () => {
  it('gets and sets within bounds only, across the wrap point', () => {
    const d = wrapped(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(d.get(0)).toBe('a');
    expect(d.get(5)).toBe('f');
    expect(d.get(6)).toBeUndefined();
    expect(d.get(-1)).toBeUndefined();
    expect(d.get(1.5)).toBeUndefined();
    expect(d.set(5, 'F')).toBe(true);
    expect(d.set(6, 'x')).toBe(false);
    expect(d.set(-1, 'x')).toBe(false);
    expect(d.toArray()).toEqual(['a', 'b', 'c', 'd', 'e', 'F']);
  });

  it('inserts at the head, the tail and in the middle (both halves)', () => {
    const d = wrapped(['b', 'd', 'f', 'h']);
    d.insert(0, 'a');
    d.insert(d.length, 'i');
    d.insert(2, 'c'); // front half: the head side moves
    d.insert(4, 'e');
    d.insert(6, 'g'); // back half: the tail side moves
    expect(d.toArray()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    expect(() => d.insert(-1, 'x')).toThrow(RangeError);
    expect(() => d.insert(10, 'x')).toThrow(RangeError);
    expect(() => d.insert(0.5, 'x')).toThrow(RangeError);
    checkShape(d);
  });

  it('removes at an index from either half', () => {
    const d = wrapped(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(d.removeAt(1)).toBe('b');
    expect(d.removeAt(4)).toBe('f');
    expect(d.removeAt(0)).toBe('a');
    expect(d.removeAt(d.length - 1)).toBe('g');
    expect(d.removeAt(9)).toBeUndefined();
    expect(d.removeAt(-1)).toBeUndefined();
    expect(d.toArray()).toEqual(['c', 'd', 'e']);
    expect(occupied(d)).toBe(3);
  });

  it('finds values from either end', () => {
    const d = Deque.from(['a', 'b', 'a', 'c', 'a']);
    expect(d.indexOf('a')).toBe(0);
    expect(d.indexOf('a', 1)).toBe(2);
    expect(d.indexOf('a', -5)).toBe(0);
    expect(d.indexOf('z')).toBe(-1);
    expect(d.lastIndexOf('a')).toBe(4);
    expect(d.lastIndexOf('a', 3)).toBe(2);
    expect(d.lastIndexOf('a', 99)).toBe(4);
    expect(d.lastIndexOf('b', 0)).toBe(-1);
  });
});

describe('Deque: ranges', () => {
  it('slices like Array.prototype.slice', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const d = wrapped(items);
    const cases: [number | undefined, number | undefined][] = [
      [undefined, undefined],
      [1, 3],
      [-2, undefined],
      [-10, 2],
      [3, 1],
      [0, 100],
      [5, 6],
      [-1, -1],
    ];
    for (const [s, e] of cases) expect(d.slice(s, e)).toEqual(items.slice(s, e));
  });

  it('trims to a range (LTRIM) and releases what it drops', () => {
    const d = new Deque<string>();
    for (let i = 0; i < 1000; i++) d.pushBack(`v${i}`);
    d.trim(10, 13);
    expect(d.toArray()).toEqual(['v10', 'v11', 'v12']);
    checkShape(d);
    d.trim(5, 2);
    expect(d.length).toBe(0);
    checkShape(d);
    const w = wrapped(['a', 'b', 'c', 'd']);
    w.trim(-3, -1);
    expect(w.toArray()).toEqual(['b', 'c']);
    w.trim();
    expect(w.toArray()).toEqual(['b', 'c']);
    expect(occupied(w)).toBe(2);
  });

  it('removes values LREM style: count > 0 from the head, < 0 from the tail, 0 all', () => {
    const base = ['hello', 'hello', 'foo', 'hello', 'bar', 'hello'];
    const cases: [number, string[], number][] = [
      [2, ['foo', 'hello', 'bar', 'hello'], 2],
      [-2, ['hello', 'hello', 'foo', 'bar'], 2],
      [0, ['foo', 'bar'], 4],
      [1, ['hello', 'foo', 'hello', 'bar', 'hello'], 1],
      [-1, ['hello', 'hello', 'foo', 'hello', 'bar'], 1],
      [10, ['foo', 'bar'], 4],
      [-10, ['foo', 'bar'], 4],
    ];
    for (const [count, left, removed] of cases) {
      const d = wrapped(base);
      expect(d.removeValue('hello', count)).toBe(removed);
      expect(d.toArray()).toEqual(left);
      checkShape(d);
    }
    const d = wrapped(base);
    expect(d.removeValue('nope', 0)).toBe(0);
    expect(d.toArray()).toEqual(base);
    expect(new Deque<string>().removeValue('x', 1)).toBe(0);
  });

  it('removes values correctly for every short list over two values, every count, wrapped or not', () => {
    for (let len = 0; len <= 8; len++) {
      for (let bits = 0; bits < 1 << len; bits++) {
        const items = Array.from({ length: len }, (_, i) => ((bits >> i) & 1 ? 'x' : 'a'));
        for (let count = -4; count <= 4; count++) {
          const want = [...items];
          const removed = modelRemove(want, 'x', count);
          for (const d of [Deque.from(items), wrapped(items)]) {
            expect(d.removeValue('x', count)).toBe(removed);
            expect(d.toArray()).toEqual(want);
            expect(occupied(d)).toBe(want.length);
          }
        }
      }
    }
  });

  it('inserts and removes at every index of short lists, wrapped or not', () => {
    for (let len = 0; len <= 9; len++) {
      const items = Array.from({ length: len }, (_, i) => `v${i}`);
      for (let i = 0; i <= len; i++) {
        for (const d of [Deque.from(items), wrapped(items)]) {
          d.insert(i, 'new');
          const want = [...items];
          want.splice(i, 0, 'new');
          expect(d.toArray()).toEqual(want);
          if (i < len) {
            expect(d.removeAt(i + 1)).toBe(items[i]);
            want.splice(i + 1, 1);
            expect(d.toArray()).toEqual(want);
          }
          expect(occupied(d)).toBe(want.length);
        }
      }
    }
  });

  it('clears back to the minimum buffer', () => {
    const d = new Deque<number>();
    for (let i = 0; i < 100; i++) d.pushBack(i);
    d.clear();
    expect(d.length).toBe(0);
    expect(d.capacity).toBe(8);
    expect(d.toArray()).toEqual([]);
    d.pushFront(1);
    expect(d.toArray()).toEqual([1]);
  });
});

describe('Deque: iteration', () => {
  it('iterates from either end and from an index', () => {
    const d = wrapped(['a', 'b', 'c', 'd']);
    expect([...d]).toEqual(['a', 'b', 'c', 'd']);
    expect([...d.values(2)]).toEqual(['c', 'd']);
    expect([...d.values(-3)]).toEqual(['a', 'b', 'c', 'd']);
    expect([...d.valuesReversed()]).toEqual(['d', 'c', 'b', 'a']);
    expect([...d.valuesReversed(1)]).toEqual(['b', 'a']);
    expect([...d.valuesReversed(10)]).toEqual(['d', 'c', 'b', 'a']);
    expect([...new Deque<string>().valuesReversed()]).toEqual([]);
  });

  it('forEachFrom walks either way and stops when told', () => {
    const d = wrapped(['a', 'b', 'c', 'd', 'e']);
    const seen: string[] = [];
    d.forEachFrom(1, false, (v, i) => {
      seen.push(`${i}${v}`);
      return i < 3;
    });
    expect(seen).toEqual(['1b', '2c', '3d']);
    seen.length = 0;
    d.forEachFrom(3, true, (v, i) => {
      seen.push(`${i}${v}`);
    });
    expect(seen).toEqual(['3d', '2c', '1b', '0a']);
    seen.length = 0;
    d.forEachFrom(9, true, (v) => {
      seen.push(v);
      return false;
    });
    expect(seen).toEqual(['e']);
  });
});

// ---- property test: random operation sequences against a plain array ----------------------

type Op =
  | { k: 'pushBack' | 'pushFront'; v: string }
  | { k: 'popBack' | 'popFront' }
  | { k: 'insert'; i: number; v: string }
  | { k: 'removeAt'; i: number }
  | { k: 'set'; i: number; v: string }
  | { k: 'trim'; s: number; e: number }
  | { k: 'removeValue'; v: string; count: number }
  | { k: 'pushMany'; n: number; v: string }
  | { k: 'clear' };

const value = fc.constantFrom('a', 'b', 'c', '', '\xff', '\x00');
const index = fc.integer({ min: -3, max: 80 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constantFrom('pushBack' as const, 'pushFront' as const), v: value }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constantFrom('popBack' as const, 'popFront' as const) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('insert' as const), i: index, v: value }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('removeAt' as const), i: index }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('set' as const), i: index, v: value }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('trim' as const), s: index, e: index }) },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('removeValue' as const), v: value, count: fc.integer({ min: -4, max: 4 }) }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('pushMany' as const), n: fc.integer({ min: 1, max: 60 }), v: value }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('clear' as const) }) },
);

function modelRemove(a: string[], v: string, count: number): number {
  let removed = 0;
  if (count >= 0) {
    const limit = count === 0 ? Infinity : count;
    for (let i = 0; i < a.length && removed < limit;) {
      if (a[i] === v) {
        a.splice(i, 1);
        removed++;
      } else i++;
    }
  } else {
    for (let i = a.length - 1; i >= 0 && removed < -count; i--) {
      if (a[i] === v) {
        a.splice(i, 1);
        removed++;
      }
    }
  }
  return removed;
}

describe('Deque: property test against an array model', () => {
  it('agrees with an array after every operation', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
        const d = new Deque<string>();
        const a: string[] = [];
        for (const op of ops) {
          switch (op.k) {
            case 'pushBack':
              d.pushBack(op.v);
              a.push(op.v);
              break;
            case 'pushFront':
              d.pushFront(op.v);
              a.unshift(op.v);
              break;
            case 'popBack':
              expect(d.popBack()).toBe(a.pop());
              break;
            case 'popFront':
              expect(d.popFront()).toBe(a.shift());
              break;
            case 'insert':
              if (op.i >= 0 && op.i <= a.length) {
                d.insert(op.i, op.v);
                a.splice(op.i, 0, op.v);
              } else expect(() => d.insert(op.i, op.v)).toThrow(RangeError);
              break;
            case 'removeAt': {
              const want = op.i >= 0 && op.i < a.length ? a.splice(op.i, 1)[0] : undefined;
              expect(d.removeAt(op.i)).toBe(want);
              break;
            }
            case 'set': {
              const ok = op.i >= 0 && op.i < a.length;
              if (ok) a[op.i] = op.v;
              expect(d.set(op.i, op.v)).toBe(ok);
              break;
            }
            case 'trim': {
              const kept = a.slice(op.s, op.e);
              d.trim(op.s, op.e);
              a.length = 0;
              a.push(...kept);
              break;
            }
            case 'removeValue':
              expect(d.removeValue(op.v, op.count)).toBe(modelRemove(a, op.v, op.count));
              break;
            case 'pushMany':
              for (let i = 0; i < op.n; i++) {
                d.pushBack(op.v + i);
                a.push(op.v + i);
              }
              break;
            case 'clear':
              d.clear();
              a.length = 0;
              break;
          }
          expect(d.length).toBe(a.length);
          expect(d.toArray()).toEqual(a);
          checkShape(d);
        }
        // Random reads at the end: get, slice, indexOf, iteration both ways.
        for (let i = -1; i <= a.length; i++) expect(d.get(i)).toBe(a[i]);
        expect(d.slice(1, -1)).toEqual(a.slice(1, -1));
        expect(d.indexOf('a')).toBe(a.indexOf('a'));
        expect(d.lastIndexOf('b')).toBe(a.lastIndexOf('b'));
        expect([...d.valuesReversed()]).toEqual([...a].reverse());
      }),
      { numRuns: 300 },
    );
  });
});
