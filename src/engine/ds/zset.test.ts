// Expected orderings and lex semantics were checked on a real redis-server 7.0.15:
// - -0 and 0 tie (member order decides); a skiplist keeps -0 (ZSCORE "-0"); ZADD of -0 over 0
//   changes nothing (zsetAdd compares with ==).
// - listpack lex ranges with mixed scores: ZADD z 1 b 2 a 3 d 4 c 5 e; ZRANGEBYLEX z [b [d →
//   b a d c; ZLEXCOUNT z [b [d → 4; ZLEXCOUNT z [a [c → 2; ZREVRANGEBYLEX z [d [a → c d a b.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  LEX_MAX,
  LEX_MIN,
  type LexBound,
  type LexRange,
  type ScoreRange,
  type ZSetOptions,
  ZSet,
  compareLex,
  lexGteMin,
  lexLteMax,
  lexRangeEmpty,
  parseLexBound,
  parseLexRange,
  scoreRangeEmpty,
} from './zset';

type Entry = [string, number];

const cmpEntry = (a: Entry, b: Entry): number => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

const sr = (min: number, max: number, minex = false, maxex = false): ScoreRange => ({ min, max, minex, maxex });

/** '-', '+', '(x', '[x' → LexRange (throws on malformed input, for terse tests). */
function lr(min: string, max: string): LexRange {
  const r = parseLexRange(min, max);
  if (r === null) throw new Error(`bad lex range ${min} ${max}`);
  return r;
}

function zsetOf(entries: Entry[], options?: ZSetOptions): ZSet {
  const z = new ZSet(options);
  for (const [m, s] of entries) z.add(m, s);
  return z;
}

const members = (z: ZSet): string[] => [...z].map((e) => e[0]);

describe('ZSet: order and membership', () => {
  it('orders by score, then member byte-wise', () => {
    const z = zsetOf([
      ['c', 1],
      ['b', 2],
      ['a', 2],
      ['\xff', 2],
      ['a\x00', 2],
      ['', 2],
      ['z', -Infinity],
      ['y', Infinity],
      ['x', -1.5],
    ]);
    expect([...z]).toEqual([
      ['z', -Infinity],
      ['x', -1.5],
      ['c', 1],
      ['', 2],
      ['a', 2],
      ['a\x00', 2],
      ['b', 2],
      ['\xff', 2],
      ['y', Infinity],
    ]);
    z.checkInvariants();
  });

  it('ties -0 with 0, keeps the stored sign, and ignores a re-add that compares equal', () => {
    const z = zsetOf([
      ['d', 0],
      ['c', -0],
      ['b', 0],
      ['a', 0],
    ]);
    expect(members(z)).toEqual(['a', 'b', 'c', 'd']);
    expect(Object.is(z.score('c'), -0)).toBe(true);
    expect(z.add('a', -0)).toBe(false);
    expect(Object.is(z.score('a'), 0)).toBe(true);
    expect(z.countInRange(sr(-0, 0))).toBe(4);
    expect(z.countInRange(sr(0, Infinity, true))).toBe(0);
    expect(z.firstGte(-0)).toBe(0);
    expect(z.lastLte(0, true)).toBe(-1);
  });

  it('adds, updates, reports and deletes members', () => {
    const z = new ZSet();
    expect(z.size).toBe(0);
    expect(z.add('a', 1)).toBe(true);
    expect(z.add('b', 2)).toBe(true);
    expect(z.add('a', 1)).toBe(false);
    expect(z.add('a', 3)).toBe(false);
    expect(z.size).toBe(2);
    expect(z.score('a')).toBe(3);
    expect(z.has('a')).toBe(true);
    expect(z.score('zz')).toBeUndefined();
    expect(z.has('zz')).toBe(false);
    expect(members(z)).toEqual(['b', 'a']);
    expect(z.delete('b')).toBe(true);
    expect(z.delete('b')).toBe(false);
    expect([...z]).toEqual([['a', 3]]);
    expect(() => z.add('n', NaN)).toThrow(RangeError);
    expect(z.size).toBe(1);
    z.clear();
    expect(z.size).toBe(0);
    expect([...z]).toEqual([]);
    z.checkInvariants();
  });

  it('exposes the member → score map', () => {
    const z = zsetOf([
      ['a', 1],
      ['b', 2],
    ]);
    expect([...z.dict.entries()].sort()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('refuses node sizes below 4', () => {
    expect(() => new ZSet({ leafMax: 3 })).toThrow(RangeError);
    expect(() => new ZSet({ innerMax: 2 })).toThrow(RangeError);
  });
});

describe('ZSet: ranks', () => {
  const z = zsetOf([
    ['a', 1],
    ['b', 2],
    ['c', 3],
    ['d', 3],
    ['e', 5],
  ]);

  it('gives the 0-based rank of a member and the member at a rank', () => {
    expect(['a', 'b', 'c', 'd', 'e'].map((m) => z.rank(m))).toEqual([0, 1, 2, 3, 4]);
    expect(z.rank('nope')).toBe(-1);
    expect(z.memberAt(0)).toBe('a');
    expect(z.memberAt(4)).toBe('e');
    expect(z.scoreAt(3)).toBe(3);
    expect(z.entryAt(2)).toEqual(['c', 3]);
    for (const bad of [-1, 5, 1.5, NaN]) {
      expect(z.memberAt(bad)).toBeUndefined();
      expect(z.scoreAt(bad)).toBeUndefined();
      expect(z.entryAt(bad)).toBeUndefined();
    }
  });

  it('returns inclusive rank ranges', () => {
    expect(z.range(1, 3)).toEqual([
      ['b', 2],
      ['c', 3],
      ['d', 3],
    ]);
    expect(z.range(3, 10)).toEqual([
      ['d', 3],
      ['e', 5],
    ]);
    expect(z.range(3, 2)).toEqual([]);
    expect(z.range(7, 9)).toEqual([]);
  });

  it('copies ranks 0..last in chunks that later changes do not reach (copyUpTo)', () => {
    const z = new ZSet({ leafMax: 4, innerMax: 4 });
    for (let i = 0; i < 50; i++) z.add(`m${i}`, i % 7);
    const all = z.range(0, 49);
    for (const last of [-1, 0, 3, 4, 17, 49, 80]) {
      const { members, scores } = z.copyUpTo(last);
      expect(members.flat()).toEqual(all.slice(0, last + 1).map(([m]) => m));
      expect(scores.flat()).toEqual(all.slice(0, last + 1).map(([, s]) => s));
    }
    const copy = z.copyUpTo(49);
    z.add('m1', 100);
    z.delete('m0');
    z.add('new', -1);
    expect(copy.members.flat()).toEqual(all.map(([m]) => m));
    expect(copy.scores.flat()).toEqual(all.map(([, s]) => s));
  });

  it('walks forward and backward from a rank and stops when told', () => {
    const seen: string[] = [];
    z.walk(1, false, (m, s, r) => {
      seen.push(`${r}:${m}:${s}`);
    });
    expect(seen).toEqual(['1:b:2', '2:c:3', '3:d:3', '4:e:5']);
    seen.length = 0;
    z.walk(3, true, (m, _s, r) => {
      seen.push(`${r}:${m}`);
      return r > 2;
    });
    expect(seen).toEqual(['3:d', '2:c']);
    seen.length = 0;
    z.walk(5, false, (m) => {
      seen.push(m);
    });
    z.walk(-1, true, (m) => {
      seen.push(m);
    });
    expect(seen).toEqual([]);
    expect([...z.entries(3)].map((e) => e[0])).toEqual(['d', 'e']);
    expect([...z.entries(1, true)].map((e) => e[0])).toEqual(['b', 'a']);
    expect([...z.entries(9)]).toEqual([]);
  });

  it('pops the lowest and highest entries', () => {
    const p = zsetOf([
      ['x', 2],
      ['y', 1],
      ['z', 3],
    ]);
    expect(p.popMin()).toEqual(['y', 1]);
    expect(p.popMax()).toEqual(['z', 3]);
    expect(p.popMax()).toEqual(['x', 2]);
    expect(p.popMin()).toBeUndefined();
    expect(p.popMax()).toBeUndefined();
    expect(p.size).toBe(0);
  });
});

describe('ZSet: score ranges', () => {
  const z = zsetOf([
    ['a', 1],
    ['b', 2],
    ['c', 2],
    ['d', 3],
    ['e', 4],
  ]);

  it('finds the first element ≥ / > x and the last ≤ / < x', () => {
    expect(z.firstGte(2)).toBe(1);
    expect(z.firstGte(2, true)).toBe(3);
    expect(z.firstGte(-Infinity)).toBe(0);
    expect(z.firstGte(4, true)).toBe(5);
    expect(z.lastLte(2)).toBe(2);
    expect(z.lastLte(2, true)).toBe(0);
    expect(z.lastLte(1, true)).toBe(-1);
    expect(z.lastLte(Infinity)).toBe(4);
  });

  it('answers first/last/count in a range with inclusive and exclusive bounds', () => {
    const cases: [ScoreRange, number, number, number][] = [
      [sr(2, 3), 1, 3, 3],
      [sr(2, 3, true), 3, 3, 1],
      [sr(2, 3, false, true), 1, 2, 2],
      [sr(2, 3, true, true), -1, -1, 0],
      [sr(-Infinity, Infinity), 0, 4, 5],
      [sr(1.5, 1.9), -1, -1, 0],
      [sr(5, 10), -1, -1, 0],
      [sr(-10, 0), -1, -1, 0],
      [sr(3, 2), -1, -1, 0],
      [sr(2, 2), 1, 2, 2],
      [sr(2, 2, true), -1, -1, 0],
      [sr(Infinity, Infinity), -1, -1, 0],
    ];
    for (const [r, first, last, count] of cases) {
      expect([z.firstInRange(r), z.lastInRange(r), z.countInRange(r)]).toEqual([first, last, count]);
    }
    expect(new ZSet().firstInRange(sr(0, 1))).toBe(-1);
    expect(new ZSet().countInRange(sr(-Infinity, Infinity))).toBe(0);
  });

  it('spots ranges that can never match', () => {
    expect(scoreRangeEmpty(sr(1, 0))).toBe(true);
    expect(scoreRangeEmpty(sr(1, 1, true))).toBe(true);
    expect(scoreRangeEmpty(sr(1, 1, false, true))).toBe(true);
    expect(scoreRangeEmpty(sr(1, 1))).toBe(false);
    expect(scoreRangeEmpty(sr(-0, 0, false, false))).toBe(false);
  });
});

describe('ZSet: lex ranges', () => {
  it('parses bounds like zslParseLexRangeItem', () => {
    expect(parseLexBound('-')).toEqual({ bound: LEX_MIN, ex: true });
    expect(parseLexBound('+')).toEqual({ bound: LEX_MAX, ex: true });
    expect(parseLexBound('(a')).toEqual({ bound: 'a', ex: true });
    expect(parseLexBound('[a')).toEqual({ bound: 'a', ex: false });
    expect(parseLexBound('[')).toEqual({ bound: '', ex: false });
    expect(parseLexBound('(')).toEqual({ bound: '', ex: true });
    for (const bad of ['', 'a', '-a', '+a', '--', '1', ']a']) expect(parseLexBound(bad)).toBeNull();
    expect(parseLexRange('[a', 'b')).toBeNull();
    expect(parseLexRange('a', '[b')).toBeNull();
    expect(parseLexRange('-', '(b')).toEqual({ min: LEX_MIN, minex: true, max: 'b', maxex: true });
  });

  it('compares bounds like sdscmplex', () => {
    expect(compareLex(LEX_MIN, LEX_MIN)).toBe(0);
    expect(compareLex(LEX_MIN, '')).toBe(-1);
    expect(compareLex('', LEX_MIN)).toBe(1);
    expect(compareLex('\xff\xff', LEX_MAX)).toBe(-1);
    expect(compareLex(LEX_MAX, LEX_MIN)).toBe(1);
    expect(compareLex('a', 'a')).toBe(0);
    expect(compareLex('a', 'a\x00')).toBe(-1);
    expect(compareLex('\xff', 'a')).toBe(1);
    expect(lexRangeEmpty(lr('-', '-'))).toBe(true);
    expect(lexRangeEmpty(lr('+', '+'))).toBe(true);
    expect(lexRangeEmpty(lr('+', '-'))).toBe(true);
    expect(lexRangeEmpty(lr('[a', '[a'))).toBe(false);
    expect(lexRangeEmpty(lr('(a', '[a'))).toBe(true);
    expect(lexRangeEmpty(lr('[b', '[a'))).toBe(true);
    expect(lexGteMin('a', lr('-', '+'))).toBe(true);
    expect(lexLteMax('\xff', lr('-', '+'))).toBe(true);
  });

  it('finds, counts and deletes lex ranges when all scores are equal', () => {
    const all = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const z = zsetOf(all.map((m) => [m, 0]));
    const cases: [string, string, number, number][] = [
      ['-', '+', 0, 6],
      ['[c', '[e', 2, 4],
      ['(c', '(e', 3, 3],
      ['(c', '[c', -1, -1],
      ['[c', '[c', 2, 2],
      ['-', '(a', -1, -1],
      ['(g', '+', -1, -1],
      ['[b\x00', '[f', 2, 5],
      ['[0', '[a', 0, 0],
      ['-', '-', -1, -1],
      ['+', '+', -1, -1],
      ['+', '-', -1, -1],
      ['[e', '[c', -1, -1],
    ];
    for (const scan of [false, true]) {
      for (const [min, max, first, last] of cases) {
        const r = lr(min, max);
        expect([z.firstInLexRange(r, scan), z.lastInLexRange(r, scan)]).toEqual([first, last]);
        expect(z.countInLexRange(r, scan)).toBe(first < 0 ? 0 : last - first + 1);
      }
    }
    const d = zsetOf(all.map((m) => [m, 0]));
    expect(d.deleteRangeByLex(lr('(b', '[e'))).toBe(3);
    expect(members(d)).toEqual(['a', 'b', 'f', 'g']);
    expect(d.deleteRangeByLex(lr('[x', '+'))).toBe(0);
    d.checkInvariants();
  });

  it('with scan, follows the listpack on mixed scores (as Redis 7.0 does for small sets)', () => {
    const z = zsetOf([
      ['b', 1],
      ['a', 2],
      ['d', 3],
      ['c', 4],
      ['e', 5],
    ]);
    const run = (r: LexRange): string[] => {
      const out: string[] = [];
      const first = z.firstInLexRange(r, true);
      if (first >= 0)
        z.walk(first, false, (m) => {
          if (!lexLteMax(m, r)) return false;
          out.push(m);
        });
      return out;
    };
    expect(run(lr('[b', '[d'))).toEqual(['b', 'a', 'd', 'c']);
    expect(z.countInLexRange(lr('[b', '[d'), true)).toBe(4);
    expect(z.countInLexRange(lr('[a', '[c'), true)).toBe(2);
    expect(run(lr('-', '[c'))).toEqual(['b', 'a']);
    // ZREVRANGEBYLEX z [d [a: from the last member ≤ max, backwards while ≥ min.
    const rev: string[] = [];
    const r = lr('[a', '[d');
    z.walk(z.lastInLexRange(r, true), true, (m) => {
      if (!lexGteMin(m, r)) return false;
      rev.push(m);
    });
    expect(rev).toEqual(['c', 'd', 'a', 'b']);
    const d = zsetOf([...z]);
    expect(d.deleteRangeByLex(lr('[a', '[c'), true)).toBe(2);
    expect(members(d)).toEqual(['d', 'c', 'e']);
  });
});

describe('ZSet: range removal', () => {
  const entries: Entry[] = Array.from({ length: 10 }, (_, i) => [`m${i}`, i]);

  it('removes by rank, clamping to the set', () => {
    const z = zsetOf(entries);
    expect(z.deleteRangeByRank(2, 4)).toBe(3);
    expect(members(z)).toEqual(['m0', 'm1', 'm5', 'm6', 'm7', 'm8', 'm9']);
    expect(z.deleteRangeByRank(5, 100)).toBe(2);
    expect(z.deleteRangeByRank(-5, 0)).toBe(1);
    expect(z.deleteRangeByRank(3, 2)).toBe(0);
    expect(members(z)).toEqual(['m1', 'm5', 'm6', 'm7']);
    expect(z.has('m0')).toBe(false);
    expect(z.deleteRangeByRank(0, 3)).toBe(4);
    expect(z.size).toBe(0);
    z.checkInvariants();
  });

  it('removes by score', () => {
    const z = zsetOf(entries);
    expect(z.deleteRangeByScore(sr(2, 5, true, false))).toBe(3);
    expect(z.deleteRangeByScore(sr(100, 200))).toBe(0);
    expect(z.deleteRangeByScore(sr(5, 2))).toBe(0);
    expect(members(z)).toEqual(['m0', 'm1', 'm2', 'm6', 'm7', 'm8', 'm9']);
    expect(z.score('m3')).toBeUndefined();
    z.checkInvariants();
  });

  it('removes large runs by rebuilding, keeping everything else intact', () => {
    const big: Entry[] = Array.from({ length: 5000 }, (_, i) => [`k${String(i).padStart(5, '0')}`, i % 50]);
    big.sort(cmpEntry);
    const z = zsetOf(big);
    expect(z.deleteRangeByRank(100, 3999)).toBe(3900);
    z.checkInvariants();
    const left = [...big.slice(0, 100), ...big.slice(4000)];
    expect([...z]).toEqual(left);
    expect(z.size).toBe(1100);
    for (const [m] of big.slice(100, 4000)) expect(z.has(m)).toBe(false);
    expect(z.rank(left[500]![0])).toBe(500);
    // The rebuilt tree still takes inserts and deletes.
    z.add('new', 25.5);
    z.delete(left[0]![0]);
    z.checkInvariants();
  });
});

describe('ZSet: building from sorted input', () => {
  it('builds any size and rejects unsorted input', () => {
    for (const n of [0, 1, 47, 48, 49, 100, 3000, 10000]) {
      const e: Entry[] = Array.from({ length: n }, (_, i) => [`m${i}`, Math.floor(i / 3)]);
      e.sort(cmpEntry);
      const z = ZSet.fromSorted(
        e.map((x) => x[0]),
        e.map((x) => x[1]),
      );
      z.checkInvariants();
      expect(z.size).toBe(n);
      if (n > 0) expect(z.rank(e[n - 1]![0])).toBe(n - 1);
    }
    expect(() => ZSet.fromSorted(['b', 'a'], [1, 1])).toThrow(RangeError);
    expect(() => ZSet.fromSorted(['a', 'a'], [1, 1])).toThrow(RangeError);
    expect(() => ZSet.fromSorted(['a', 'a'], [1, 2])).toThrow(RangeError);
    expect(() => ZSet.fromSorted(['a'], [1, 2])).toThrow(RangeError);
    expect(() => ZSet.fromSorted(['a'], [NaN])).toThrow(RangeError);
    const small = ZSet.fromSorted(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], [1, 2, 3, 4, 5, 6, 7, 8], {
      leafMax: 4,
      innerMax: 4,
    });
    small.checkInvariants();
    small.add('c2', 3);
    small.delete('a');
    small.checkInvariants();
    expect(members(small)).toEqual(['b', 'c', 'c2', 'd', 'e', 'f', 'g', 'h']);
  });
});

describe('ZSet: many members', () => {
  it('stays consistent through growth, churn and shrinking (deep trees with small nodes too)', () => {
    for (const options of [undefined, { leafMax: 4, innerMax: 4 }, { leafMax: 8, innerMax: 5 }]) {
      const z = new ZSet(options);
      const model = new Map<string, number>();
      let seed = 12345;
      const rnd = (n: number): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return (seed >>> 8) % n;
      };
      const check = (): void => {
        z.checkInvariants();
        const want = [...model].sort(cmpEntry);
        expect([...z]).toEqual(want);
        for (let k = 0; k < 50 && want.length > 0; k++) {
          const r = rnd(want.length);
          expect(z.rank(want[r]![0])).toBe(r);
          expect(z.memberAt(r)).toBe(want[r]![0]);
        }
      };
      for (let i = 0; i < 6000; i++) {
        const m = `m${rnd(4000)}`;
        const s = rnd(300) - 150;
        z.add(m, s);
        model.set(m, s);
      }
      check();
      for (let i = 0; i < 6000; i++) {
        const m = `m${rnd(4000)}`;
        if (rnd(3) === 0) {
          z.add(m, rnd(300));
          model.set(m, z.score(m)!);
        } else {
          z.delete(m);
          model.delete(m);
        }
      }
      check();
      for (const m of [...model.keys()]) {
        z.delete(m);
        model.delete(m);
      }
      check();
      expect(z.size).toBe(0);
    }
  });
});

// ---- property tests: random operation sequences against a sorted-array model ----------------

type Op =
  | { k: 'add'; m: string; s: number }
  | { k: 'del'; m: string }
  | { k: 'addMany'; n: number; s: number }
  | { k: 'popMin' | 'popMax' }
  | { k: 'delRank'; a: number; b: number }
  | { k: 'delScore'; r: ScoreRange }
  | { k: 'delLex'; r: LexRange; scan: boolean };

const memberArb = fc.string({ unit: fc.constantFrom('a', 'b', '\x00', '\xff'), maxLength: 3 });
const scoreArb = fc.constantFrom(-Infinity, -2, -1.5, -0, 0, 1, 2, 2.5, 3, Infinity);
const rangeArb: fc.Arbitrary<ScoreRange> = fc.record({
  min: scoreArb,
  max: scoreArb,
  minex: fc.boolean(),
  maxex: fc.boolean(),
});
const lexBoundArb: fc.Arbitrary<{ b: LexBound; ex: boolean }> = fc.oneof(
  fc.constant({ b: LEX_MIN, ex: true }),
  fc.constant({ b: LEX_MAX, ex: true }),
  fc.record({ b: memberArb, ex: fc.boolean() }),
);
const lexRangeArb: fc.Arbitrary<LexRange> = fc.tuple(lexBoundArb, lexBoundArb).map(([lo, hi]) => ({ min: lo.b, minex: lo.ex, max: hi.b, maxex: hi.ex }));
const rankArb = fc.integer({ min: -3, max: 120 });

const opArb = (equalScores: boolean): fc.Arbitrary<Op> => {
  const s = equalScores ? fc.constant(0) : scoreArb;
  return fc.oneof(
    { weight: 8, arbitrary: fc.record({ k: fc.constant('add' as const), m: memberArb, s }) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('del' as const), m: memberArb }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('addMany' as const), n: fc.integer({ min: 1, max: 80 }), s }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('popMin' as const, 'popMax' as const) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('delRank' as const), a: rankArb, b: rankArb }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('delScore' as const), r: rangeArb }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('delLex' as const), r: lexRangeArb, scan: fc.boolean() }) },
  );
};

const optionsArb: fc.Arbitrary<ZSetOptions | undefined> = fc.constantFrom(
  undefined,
  { leafMax: 4, innerMax: 4 },
  { leafMax: 5, innerMax: 7 },
  { leafMax: 16, innerMax: 4 },
);

/** The sorted-array model. */
class Model {
  a: Entry[] = [];
  find(m: string): number {
    return this.a.findIndex((e) => e[0] === m);
  }
  add(m: string, s: number): boolean {
    const i = this.find(m);
    if (i >= 0) {
      if (this.a[i]![1] === s) return false;
      this.a.splice(i, 1);
    }
    const e: Entry = [m, s];
    let at = 0;
    while (at < this.a.length && cmpEntry(this.a[at]!, e) < 0) at++;
    this.a.splice(at, 0, e);
    return i < 0;
  }
  del(m: string): boolean {
    const i = this.find(m);
    if (i >= 0) this.a.splice(i, 1);
    return i >= 0;
  }
  gteMin = (s: number, r: ScoreRange): boolean => (r.minex ? s > r.min : s >= r.min);
  lteMax = (s: number, r: ScoreRange): boolean => (r.maxex ? s < r.max : s <= r.max);
  inRange(r: ScoreRange): number[] {
    const out: number[] = [];
    this.a.forEach((e, i) => {
      if (this.gteMin(e[1], r) && this.lteMax(e[1], r)) out.push(i);
    });
    return out;
  }
  inLex(r: LexRange): number[] {
    const out: number[] = [];
    this.a.forEach((e, i) => {
      if (lexGteMin(e[0], r) && lexLteMax(e[0], r)) out.push(i);
    });
    return out;
  }
  // Literal listpack semantics (zzlIsInLexRange / zzlFirstInLexRange / zzlLastInLexRange).
  lexAny(r: LexRange): boolean {
    if (lexRangeEmpty(r) || this.a.length === 0) return false;
    return lexGteMin(this.a[this.a.length - 1]![0], r) && lexLteMax(this.a[0]![0], r);
  }
  lexFirstScan(r: LexRange): number {
    if (!this.lexAny(r)) return -1;
    for (let i = 0; i < this.a.length; i++) {
      if (lexGteMin(this.a[i]![0], r)) return lexLteMax(this.a[i]![0], r) ? i : -1;
    }
    return -1;
  }
  lexLastScan(r: LexRange): number {
    if (!this.lexAny(r)) return -1;
    for (let i = this.a.length - 1; i >= 0; i--) {
      if (lexLteMax(this.a[i]![0], r)) return lexGteMin(this.a[i]![0], r) ? i : -1;
    }
    return -1;
  }
  lexRunFrom(first: number, r: LexRange): number {
    let n = 0;
    while (first + n < this.a.length && lexLteMax(this.a[first + n]![0], r)) n++;
    return n;
  }
}

function applyOp(z: ZSet, model: Model, op: Op, equalScores: boolean, counter: { n: number }): void {
  switch (op.k) {
    case 'add':
      expect(z.add(op.m, op.s)).toBe(model.add(op.m, op.s));
      break;
    case 'del':
      expect(z.delete(op.m)).toBe(model.del(op.m));
      break;
    case 'addMany':
      for (let i = 0; i < op.n; i++) {
        const m = `bulk${counter.n++}`;
        const s = equalScores ? 0 : op.s + (i % 3);
        expect(z.add(m, s)).toBe(model.add(m, s));
      }
      break;
    case 'popMin':
      expect(z.popMin()).toEqual(model.a.shift());
      break;
    case 'popMax':
      expect(z.popMax()).toEqual(model.a.pop());
      break;
    case 'delRank': {
      const lo = Math.max(op.a, 0);
      const hi = Math.min(op.b, model.a.length - 1);
      const n = lo <= hi ? hi - lo + 1 : 0;
      expect(z.deleteRangeByRank(op.a, op.b)).toBe(n);
      model.a.splice(lo, n);
      break;
    }
    case 'delScore': {
      const idx = model.inRange(op.r);
      expect(z.deleteRangeByScore(op.r)).toBe(idx.length);
      if (idx.length > 0) model.a.splice(idx[0]!, idx.length);
      break;
    }
    case 'delLex': {
      if (op.scan) {
        const first = model.lexFirstScan(op.r);
        const n = first < 0 ? 0 : model.lexRunFrom(first, op.r);
        expect(z.deleteRangeByLex(op.r, true)).toBe(n);
        model.a.splice(Math.max(first, 0), n);
      } else if (equalScores) {
        const idx = model.inLex(op.r);
        expect(z.deleteRangeByLex(op.r)).toBe(idx.length);
        if (idx.length > 0) model.a.splice(idx[0]!, idx.length);
      } else {
        // Mixed scores without scan have no defined answer; the set must stay consistent.
        z.deleteRangeByLex(op.r);
        model.a = [...z];
      }
      break;
    }
  }
}

function checkQueries(z: ZSet, model: Model, ranges: ScoreRange[], lexRanges: LexRange[], equalScores: boolean): void {
  z.checkInvariants();
  const a = model.a;
  expect(z.size).toBe(a.length);
  expect([...z]).toEqual(a);
  expect([...z.entries(a.length - 1, true)]).toEqual([...a].reverse());
  a.forEach((e, i) => {
    expect(z.rank(e[0])).toBe(i);
    expect(z.entryAt(i)).toEqual(e);
  });
  expect(z.rank('absent-member')).toBe(-1);
  expect(z.entryAt(a.length)).toBeUndefined();
  for (const start of [0, 1, Math.floor(a.length / 2), a.length - 1]) {
    expect(z.range(start, start + 9)).toEqual(a.slice(Math.max(start, 0), start + 10));
  }
  for (const x of [-Infinity, -1.5, -0, 0, 2, 2.5, Infinity]) {
    for (const ex of [false, true]) {
      const gte = a.findIndex((e) => (ex ? e[1] > x : e[1] >= x));
      expect(z.firstGte(x, ex)).toBe(gte < 0 ? a.length : gte);
      let lte = -1;
      a.forEach((e, i) => {
        if (ex ? e[1] < x : e[1] <= x) lte = i;
      });
      expect(z.lastLte(x, ex)).toBe(lte);
    }
  }
  for (const r of ranges) {
    const idx = model.inRange(r);
    expect(z.firstInRange(r)).toBe(idx.length ? idx[0] : -1);
    expect(z.lastInRange(r)).toBe(idx.length ? idx[idx.length - 1] : -1);
    expect(z.countInRange(r)).toBe(idx.length);
  }
  for (const r of lexRanges) {
    const first = model.lexFirstScan(r);
    expect(z.firstInLexRange(r, true)).toBe(first);
    expect(z.lastInLexRange(r, true)).toBe(model.lexLastScan(r));
    expect(z.countInLexRange(r, true)).toBe(first < 0 ? 0 : model.lexRunFrom(first, r));
    const f = z.firstInLexRange(r);
    const l = z.lastInLexRange(r);
    if (equalScores) {
      const idx = model.inLex(r);
      expect(f).toBe(idx.length ? idx[0] : -1);
      expect(l).toBe(idx.length ? idx[idx.length - 1] : -1);
      expect(z.countInLexRange(r)).toBe(idx.length);
    } else {
      expect(f >= -1 && f < a.length && l >= -1 && l < a.length).toBe(true);
    }
  }
}

describe('ZSet: property tests against a sorted-array model', () => {
  for (const equalScores of [false, true]) {
    it(`agrees with the model (${equalScores ? 'all scores equal: lex ranges' : 'mixed scores with ties'})`, () => {
      fc.assert(
        fc.property(
          optionsArb,
          fc.array(opArb(equalScores), { maxLength: 120 }),
          fc.array(rangeArb, { minLength: 1, maxLength: 6 }),
          fc.array(lexRangeArb, { minLength: 1, maxLength: 6 }),
          (options, ops, ranges, lexRanges) => {
            const z = new ZSet(options);
            const model = new Model();
            const counter = { n: 0 };
            ops.forEach((op, i) => {
              applyOp(z, model, op, equalScores, counter);
              if (i % 20 === 19) checkQueries(z, model, ranges, lexRanges, equalScores);
            });
            checkQueries(z, model, ranges, lexRanges, equalScores);
          },
        ),
        { numRuns: 250 },
      );
    });
  }

  it('walks any window from any rank in both directions like the model', () => {
    fc.assert(
      fc.property(
        optionsArb,
        fc.array(fc.tuple(memberArb, scoreArb), { maxLength: 60 }),
        fc.integer({ min: -2, max: 70 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (options, entries, from, count, reverse) => {
          const z = new ZSet(options);
          const model = new Model();
          for (const [m, s] of entries) {
            z.add(m, s);
            model.add(m, s);
          }
          const got: string[] = [];
          z.walk(from, reverse, (m, s, r) => {
            got.push(`${r}:${m}:${s}`);
            return got.length < count;
          });
          const want: string[] = [];
          if (from >= 0 && from < model.a.length) {
            for (let r = from; r >= 0 && r < model.a.length && want.length < count; r += reverse ? -1 : 1) {
              want.push(`${r}:${model.a[r]![0]}:${model.a[r]![1]}`);
            }
          }
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});
