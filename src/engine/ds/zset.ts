// The sorted set behind ZADD and friends: a member → score Map plus an ordered index that answers
// rank and range questions in O(log n).
//
// Order is Redis's skiplist order: score ascending (compared with < and ==, so -0 and 0 tie and
// the stored score keeps its sign), then member ascending byte-wise. Members are byte strings
// (char codes 0-255), for which JS's < on strings is exactly sdscmp/memcmp order, shorter prefix
// first. NaN must never be stored (Redis rejects it before it reaches the set).
//
// Why a B+tree with subtree counts and not Redis's skiplist: both were written and measured in V8
// (node 20 on this project's 2-vCPU VM; random members, random scores; ns per operation; the
// skiplist prototype, Redis's zslInsert/zslDelete/zslGetRank with spans, is not kept):
//
//                         skiplist (p = 1/4, spans)     this B+tree (64-entry nodes)
//   insert+delete pair    1k 1490, 100k 10900, 1M 24600   1k 1010, 100k 2600, 1M 3530
//   rank                  1k  420, 100k  4930, 1M 14400   1k  170, 100k 1720, 1M 3110
//   10 from a rank        1k  410, 100k  6520, 1M 14500   1k  210, 100k 1410, 1M 2070
//   heap at 1M members    206 bytes per member            53 bytes per member (Map included)
//
// A skiplist node is a JS object with its own arrays of forward pointers and spans, so each step
// of a search is a dependent load from a different cache line, ~10 levels and ~30 steps at 1M. The B+tree
// keeps 64 members and 64 unboxed double scores in two dense arrays per leaf, binary-searches
// them, and is 3-4 levels deep at 1M. At large sizes both are bound by memory latency (a single
// Map.get costs ~10x more at 1M than at 1k on this machine); the tree simply touches far fewer
// cache lines. Rank comes from per-child element counts in the inner nodes (the spans' role).
//
// Tree shape: every leaf is at depth `height`; an inner node holds children, the element count of
// each child, and for each child i ≥ 1 a separator key (score, member) with
//   last key of child i-1  <  separator i  ≤  first key of child i.
// Separators may name members that were deleted since; the inequality is all that searches use.
// Leaves are linked both ways for range walks. Nodes split at MAX and, when they fall under a
// quarter full, merge with or borrow from a sibling.

const LEAF_MAX = 64;
const INNER_MAX = 64;

/** Node sizes; tests shrink them to 4 to grow deep trees from few members. */
export interface ZSetOptions {
  /** Most members a leaf holds (≥ 4; default 64). */
  leafMax?: number;
  /** Most children an inner node holds (≥ 4; default 64). */
  innerMax?: number;
}

class Leaf {
  m: string[] = [];
  s: number[] = [];
  prev: Leaf | null = null;
  next: Leaf | null = null;
}

class Inner {
  kids: TNode[] = [];
  cnt: number[] = [];
  /** Separator of each child; index 0 is unused by searches (see the file comment). */
  sepS: number[] = [];
  sepM: string[] = [];
}

type TNode = Leaf | Inner;

/** A score interval as ZRANGEBYSCORE parses it: "(" makes a bound exclusive. */
export interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

/** The '-' bound of a lex range: below every member. */
export const LEX_MIN: unique symbol = Symbol('lex-min');
/** The '+' bound of a lex range: above every member. */
export const LEX_MAX: unique symbol = Symbol('lex-max');
export type LexBound = string | typeof LEX_MIN | typeof LEX_MAX;

/** A member interval as ZRANGEBYLEX parses it. '-' and '+' come with ex = true, as in Redis. */
export interface LexRange {
  min: LexBound;
  max: LexBound;
  minex: boolean;
  maxex: boolean;
}

/** Compares two lex bounds / members like Redis's sdscmplex (negative, 0, positive). */
export function compareLex(a: LexBound, b: LexBound): number {
  if (a === b) return 0;
  if (a === LEX_MIN || b === LEX_MAX) return -1;
  if (a === LEX_MAX || b === LEX_MIN) return 1;
  return a < b ? -1 : 1;
}

/**
 * Parses one ZRANGEBYLEX bound ('-', '+', '(member' or '[member') like zslParseLexRangeItem;
 * null when malformed (the command answers "ERR min or max not valid string range item").
 */
export function parseLexBound(arg: string): { bound: LexBound; ex: boolean } | null {
  const c = arg.charCodeAt(0);
  if (c === 43 /* + */) return arg.length === 1 ? { bound: LEX_MAX, ex: true } : null;
  if (c === 45 /* - */) return arg.length === 1 ? { bound: LEX_MIN, ex: true } : null;
  if (c === 40 /* ( */) return { bound: arg.slice(1), ex: true };
  if (c === 91 /* [ */) return { bound: arg.slice(1), ex: false };
  return null;
}

/** Both bounds of a lex range, each read by `parseBound`; null when either is malformed. */
export function parseLexRange(min: string, max: string, parseBound: (arg: string) => { bound: LexBound; ex: boolean } | null = parseLexBound): LexRange | null {
  const lo = parseBound(min);
  if (lo === null) return null;
  const hi = parseBound(max);
  if (hi === null) return null;
  return { min: lo.bound, minex: lo.ex, max: hi.bound, maxex: hi.ex };
}

export function scoreGteMin(score: number, r: ScoreRange): boolean {
  return r.minex ? score > r.min : score >= r.min;
}

export function scoreLteMax(score: number, r: ScoreRange): boolean {
  return r.maxex ? score < r.max : score <= r.max;
}

export function lexGteMin(member: string, r: LexRange): boolean {
  const c = compareLex(member, r.min);
  return r.minex ? c > 0 : c >= 0;
}

export function lexLteMax(member: string, r: LexRange): boolean {
  const c = compareLex(member, r.max);
  return r.maxex ? c < 0 : c <= 0;
}

/** True when no member can satisfy the range (zslIsInLexRange's first test). */
export function lexRangeEmpty(r: LexRange): boolean {
  const c = compareLex(r.min, r.max);
  return c > 0 || (c === 0 && (r.minex || r.maxex));
}

/** True when no score can satisfy the range (zslIsInRange's first test). */
export function scoreRangeEmpty(r: ScoreRange): boolean {
  return r.min > r.max || (r.min === r.max && (r.minex || r.maxex));
}

/** Lower-bound binary search in a leaf: first index whose key is ≥ (score, member). */
function leafLowerBound(leaf: Leaf, score: number, member: string): number {
  const ss = leaf.s;
  const ms = leaf.m;
  let lo = 0;
  let hi = ss.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = ss[mid]!;
    if (t < score || (t === score && ms[mid]! < member)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The child of an inner node whose subtree holds (score, member): the last separator ≤ key. */
function childFor(node: Inner, score: number, member: string): number {
  const ss = node.sepS;
  const ms = node.sepM;
  let lo = 1;
  let hi = ss.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = ss[mid]!;
    if (t < score || (t === score && ms[mid]! <= member)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function nodeSize(node: TNode, height: number): number {
  if (height === 0) return (node as Leaf).m.length;
  const cnt = (node as Inner).cnt;
  let n = 0;
  for (let i = 0; i < cnt.length; i++) n += cnt[i]!;
  return n;
}

/** A predicate over keys that is false, then true, along the set's order. */
type KeyPred = (score: number, member: string) => boolean;

/** ZSCAN's walk order of a set's members (built by commands/zsets.ts), for one `version`. */
export interface ZScanOrder {
  version: number;
  /** The members' 32-bit hashes, ascending. */
  hashes: Uint32Array;
  members: string[];
}

export class ZSet implements Iterable<[string, number]> {
  /** member → score. Read freely (ZSCORE, ZSCAN, ZRANDMEMBER); change only through the methods. */
  readonly dict = new Map<string, number>();
  /** ZSCAN's cached order; stale once `version` differs from the one it was built for. */
  scanOrder: ZScanOrder | undefined = undefined;
  private root: TNode = new Leaf();
  /** Levels of inner nodes above the leaves (0: the root is a leaf). */
  private height = 0;
  /** Scratch results of locate(), to return a (leaf, index) pair without allocating. */
  private locLeaf: Leaf | null = null;
  private locIdx = 0;
  private readonly leafMax: number;
  private readonly leafMin: number;
  private readonly innerMax: number;
  private readonly innerMin: number;
  /** Bumped by every change of membership or score (see `version`). */
  private mods = 0;

  constructor(options?: ZSetOptions) {
    const leafMax = options?.leafMax ?? LEAF_MAX;
    const innerMax = options?.innerMax ?? INNER_MAX;
    if (!(leafMax >= 4 && innerMax >= 4)) throw new RangeError('node sizes must be at least 4');
    this.leafMax = leafMax;
    this.leafMin = Math.max(1, leafMax >> 2);
    this.innerMax = innerMax;
    this.innerMin = Math.max(2, innerMax >> 2);
  }

  /** Builds a set from members and scores already in set order with no duplicate members. */
  static fromSorted(members: readonly string[], scores: readonly number[], options?: ZSetOptions): ZSet {
    const z = new ZSet(options);
    if (members.length !== scores.length) throw new RangeError('members and scores differ in length');
    for (let i = 0; i < members.length; i++) {
      const s = scores[i]!;
      if (s !== s) throw new RangeError('NaN score');
      if (i > 0) {
        const p = scores[i - 1]!;
        if (!(p < s || (p === s && members[i - 1]! < members[i]!))) throw new RangeError('not in set order');
      }
      z.dict.set(members[i]!, s);
    }
    if (z.dict.size !== members.length) throw new RangeError('duplicate member');
    z.build(members, scores);
    return z;
  }

  get size(): number {
    return this.dict.size;
  }

  /**
   * A counter that changes whenever a member is added, removed or rescored: lets a cache built
   * from the set (ZSCAN's cursor order) know it is stale.
   */
  get version(): number {
    return this.mods;
  }

  score(member: string): number | undefined {
    return this.dict.get(member);
  }

  has(member: string): boolean {
    return this.dict.has(member);
  }

  /**
   * Adds a member or moves it to a new score. Returns true when the member is new. When it exists
   * with a score that compares equal (===, so 0 and -0 are equal) nothing changes, as in zsetAdd.
   */
  add(member: string, score: number): boolean {
    if (score !== score) throw new RangeError('NaN score');
    const old = this.dict.get(member);
    if (old === undefined) {
      this.dict.set(member, score);
      this.insertKey(score, member);
      this.mods++;
      return true;
    }
    if (old === score) return false;
    this.mods++;
    this.deleteKey(old, member);
    this.dict.set(member, score);
    this.insertKey(score, member);
    return false;
  }

  /**
   * add() for a caller that has just looked the member up in `dict` and found it absent: saves
   * the second hash lookup (ZADD's hot path at 1M members, where each one is a cache miss).
   */
  insertNew(member: string, score: number): void {
    if (score !== score) throw new RangeError('NaN score');
    this.dict.set(member, score);
    this.insertKey(score, member);
    this.mods++;
  }

  /** add() for a member the caller found in `dict` with score `old` (!== score). */
  rescore(member: string, old: number, score: number): void {
    if (score !== score) throw new RangeError('NaN score');
    this.mods++;
    this.deleteKey(old, member);
    this.dict.set(member, score);
    this.insertKey(score, member);
  }

  /** Removes a member; false when it was not there. */
  delete(member: string): boolean {
    const old = this.dict.get(member);
    if (old === undefined) return false;
    this.dict.delete(member);
    this.deleteKey(old, member);
    this.mods++;
    return true;
  }

  clear(): void {
    this.mods++;
    this.dict.clear();
    this.root = new Leaf();
    this.height = 0;
    this.locLeaf = null;
  }

  // ---- rank ------------------------------------------------------------------------------

  /** 0-based rank of a member in ascending order, or -1 when absent (ZREVRANK is size-1-rank). */
  rank(member: string): number {
    const score = this.dict.get(member);
    if (score === undefined) return -1;
    let node = this.root;
    let r = 0;
    for (let h = this.height; h > 0; h--) {
      const inner = node as Inner;
      const i = childFor(inner, score, member);
      const cnt = inner.cnt;
      for (let j = 0; j < i; j++) r += cnt[j]!;
      node = inner.kids[i]!;
    }
    return r + leafLowerBound(node as Leaf, score, member);
  }

  memberAt(rank: number): string | undefined {
    return this.locate(rank) ? this.locLeaf!.m[this.locIdx] : undefined;
  }

  scoreAt(rank: number): number | undefined {
    return this.locate(rank) ? this.locLeaf!.s[this.locIdx] : undefined;
  }

  entryAt(rank: number): [string, number] | undefined {
    if (!this.locate(rank)) return undefined;
    return [this.locLeaf!.m[this.locIdx]!, this.locLeaf!.s[this.locIdx]!];
  }

  /** Lowest-ranked entry, removed (ZPOPMIN of one). */
  popMin(): [string, number] | undefined {
    const e = this.entryAt(0);
    if (e !== undefined) this.delete(e[0]);
    return e;
  }

  /** Highest-ranked entry, removed (ZPOPMAX of one). */
  popMax(): [string, number] | undefined {
    const e = this.entryAt(this.size - 1);
    if (e !== undefined) this.delete(e[0]);
    return e;
  }

  // ---- walking ---------------------------------------------------------------------------

  /**
   * Calls fn(member, score, rank) from `rank` towards higher ranks (or lower when reverse) until
   * fn returns false or the set ends. Do not change the set inside fn.
   */
  walk(rank: number, reverse: boolean, fn: (member: string, score: number, rank: number) => boolean | void): void {
    if (!this.locate(rank)) return;
    let leaf: Leaf | null = this.locLeaf;
    let i = this.locIdx;
    let r = rank;
    if (!reverse) {
      while (leaf !== null) {
        const ms = leaf.m;
        const ss = leaf.s;
        for (; i < ms.length; i++, r++) if (fn(ms[i]!, ss[i]!, r) === false) return;
        leaf = leaf.next;
        i = 0;
      }
    } else {
      while (leaf !== null) {
        const ms = leaf.m;
        const ss = leaf.s;
        for (; i >= 0; i--, r--) if (fn(ms[i]!, ss[i]!, r) === false) return;
        leaf = leaf.prev;
        if (leaf !== null) i = leaf.m.length - 1;
      }
    }
  }

  /**
   * Members and scores of ranks 0..last inclusive, a copy that later changes do not reach: each
   * leaf's arrays are copied whole (slices of a few dozen), far cheaper than a walk element by
   * element into one big array. Chunks come lowest rank first.
   */
  copyUpTo(last: number): { members: string[][]; scores: number[][] } {
    const members: string[][] = [];
    const scores: number[][] = [];
    if (last < 0 || !this.locate(0)) return { members, scores };
    let left = last + 1;
    for (let leaf: Leaf | null = this.locLeaf; leaf !== null && left > 0; leaf = leaf.next) {
      const take = Math.min(left, leaf.m.length);
      members.push(leaf.m.slice(0, take));
      scores.push(leaf.s.slice(0, take));
      left -= take;
    }
    return { members, scores };
  }

  /** Entries of ranks start..stop inclusive (ascending, already clamped by the caller), in order. */
  range(start: number, stop: number): [string, number][] {
    const out: [string, number][] = [];
    if (start > stop) return out;
    this.walk(start, false, (m, s, r) => {
      if (r > stop) return false;
      out.push([m, s]);
    });
    return out;
  }

  /** Entries from `rank` on, towards the end (or the start when reverse). */
  *entries(rank = 0, reverse = false): Generator<[string, number], void, undefined> {
    if (!this.locate(rank)) return;
    let leaf: Leaf | null = this.locLeaf;
    let i = this.locIdx;
    if (!reverse) {
      for (; leaf !== null; leaf = leaf.next, i = 0) for (; i < leaf.m.length; i++) yield [leaf.m[i]!, leaf.s[i]!];
    } else {
      while (leaf !== null) {
        for (; i >= 0; i--) yield [leaf.m[i]!, leaf.s[i]!];
        leaf = leaf.prev;
        if (leaf !== null) i = leaf.m.length - 1;
      }
    }
  }

  [Symbol.iterator](): Iterator<[string, number]> {
    return this.entries();
  }

  // ---- score queries ----------------------------------------------------------------------

  /** Rank of the first element with score ≥ x (> x when exclusive); size when there is none. */
  firstGte(x: number, exclusive = false): number {
    return exclusive ? this.firstWhere((s) => s > x) : this.firstWhere((s) => s >= x);
  }

  /** Rank of the last element with score ≤ x (< x when exclusive); -1 when there is none. */
  lastLte(x: number, exclusive = false): number {
    return (exclusive ? this.firstWhere((s) => s >= x) : this.firstWhere((s) => s > x)) - 1;
  }

  /** Rank of the first element inside the range, or -1 (zslFirstInRange). */
  firstInRange(r: ScoreRange): number {
    if (scoreRangeEmpty(r)) return -1;
    const rank = this.firstGte(r.min, r.minex);
    if (rank >= this.size) return -1;
    return scoreLteMax(this.scoreAt(rank)!, r) ? rank : -1;
  }

  /** Rank of the last element inside the range, or -1 (zslLastInRange). */
  lastInRange(r: ScoreRange): number {
    if (scoreRangeEmpty(r)) return -1;
    const rank = this.lastLte(r.max, r.maxex);
    if (rank < 0) return -1;
    return scoreGteMin(this.scoreAt(rank)!, r) ? rank : -1;
  }

  /** ZCOUNT. */
  countInRange(r: ScoreRange): number {
    const first = this.firstInRange(r);
    if (first < 0) return 0;
    return this.lastInRange(r) - first + 1;
  }

  // ---- lex queries ------------------------------------------------------------------------
  //
  // Lex ranges are meant for sets whose scores are all equal. With mixed scores Redis gives
  // different answers per encoding: a listpack (small set) scans from the head for the first
  // member ≥ min, a skiplist descends as if members were sorted (its answer then depends on the
  // random node levels). `scan = true` reproduces the listpack exactly; the default is the
  // O(log n) descent, which agrees with both encodings whenever scores are equal.

  /** Rank of the first member inside the lex range, or -1 (zzlFirstInLexRange / zslFirstInLexRange). */
  firstInLexRange(r: LexRange, scan = false): number {
    if (!this.anyInLexRange(r)) return -1;
    if (scan) {
      let found = -1;
      this.walk(0, false, (m, _s, rank) => {
        if (!lexGteMin(m, r)) return true;
        if (lexLteMax(m, r)) found = rank;
        return false;
      });
      return found;
    }
    const rank = this.firstWhere((_s, m) => lexGteMin(m, r));
    if (rank >= this.size) return -1;
    return lexLteMax(this.memberAt(rank)!, r) ? rank : -1;
  }

  /** Rank of the last member inside the lex range, or -1. */
  lastInLexRange(r: LexRange, scan = false): number {
    if (!this.anyInLexRange(r)) return -1;
    if (scan) {
      let found = -1;
      this.walk(this.size - 1, true, (m, _s, rank) => {
        if (!lexLteMax(m, r)) return true;
        if (lexGteMin(m, r)) found = rank;
        return false;
      });
      return found;
    }
    const rank = this.firstWhere((_s, m) => !lexLteMax(m, r)) - 1;
    if (rank < 0) return -1;
    return lexGteMin(this.memberAt(rank)!, r) ? rank : -1;
  }

  /**
   * ZLEXCOUNT: with scan, the run of members ≤ max from the first one in range (listpack); else
   * last rank - first rank + 1 (skiplist).
   */
  countInLexRange(r: LexRange, scan = false): number {
    const first = this.firstInLexRange(r, scan);
    if (first < 0) return 0;
    if (scan) {
      let n = 0;
      this.walk(first, false, (m) => {
        if (!lexLteMax(m, r)) return false;
        n++;
      });
      return n;
    }
    const last = this.lastInLexRange(r, false);
    return last < 0 ? this.size - first : last - first + 1;
  }

  // ---- range removal ----------------------------------------------------------------------

  /** ZREMRANGEBYRANK on ascending ranks start..stop (inclusive, clamped by the caller). */
  deleteRangeByRank(start: number, stop: number): number {
    if (start < 0) start = 0;
    if (stop >= this.size) stop = this.size - 1;
    if (start > stop) return 0;
    return this.deleteRun(start, stop - start + 1);
  }

  /** ZREMRANGEBYSCORE. */
  deleteRangeByScore(r: ScoreRange): number {
    const first = this.firstInRange(r);
    if (first < 0) return 0;
    return this.deleteRun(first, this.lastInRange(r) - first + 1);
  }

  /** ZREMRANGEBYLEX: the run of members ≤ max from the first one in range (both encodings). */
  deleteRangeByLex(r: LexRange, scan = false): number {
    const first = this.firstInLexRange(r, scan);
    if (first < 0) return 0;
    let n = 0;
    this.walk(first, false, (m) => {
      if (!lexLteMax(m, r)) return false;
      n++;
    });
    return this.deleteRun(first, n);
  }

  // ---- internals --------------------------------------------------------------------------

  /** Whether the range can hold anything at all, from its bounds and the two end members. */
  private anyInLexRange(r: LexRange): boolean {
    if (lexRangeEmpty(r) || this.size === 0) return false;
    return lexGteMin(this.memberAt(this.size - 1)!, r) && lexLteMax(this.memberAt(0)!, r);
  }

  /** Removes `count` consecutive elements from ascending rank `start`. */
  private deleteRun(start: number, count: number): number {
    const n = this.size;
    if (count <= 0) return 0;
    if (count === n) {
      this.clear();
      return count;
    }
    if (count > n >>> 2) {
      // Cheaper to rebuild from what stays than to delete one by one.
      const keepM: string[] = [];
      const keepS: number[] = [];
      const end = start + count;
      this.walk(0, false, (m, s, r) => {
        if (r < start || r >= end) {
          keepM.push(m);
          keepS.push(s);
        } else this.dict.delete(m);
      });
      this.mods++;
      this.build(keepM, keepS);
      return count;
    }
    const victims: string[] = [];
    this.walk(start, false, (m) => {
      victims.push(m);
      return victims.length < count;
    });
    for (const m of victims) this.delete(m);
    return count;
  }

  /** Points locLeaf/locIdx at the element of a rank; false when the rank is out of range. */
  private locate(rank: number): boolean {
    if (!(rank >>> 0 === rank && rank < this.dict.size)) return false;
    let node = this.root;
    for (let h = this.height; h > 0; h--) {
      const inner = node as Inner;
      const cnt = inner.cnt;
      let i = 0;
      while (rank >= cnt[i]!) rank -= cnt[i++]!;
      node = inner.kids[i]!;
    }
    this.locLeaf = node as Leaf;
    this.locIdx = rank;
    return true;
  }

  /** Rank of the first key for which pred holds (pred must be false…true along the order). */
  private firstWhere(pred: KeyPred): number {
    let node = this.root;
    let r = 0;
    for (let h = this.height; h > 0; h--) {
      const inner = node as Inner;
      const ss = inner.sepS;
      const ms = inner.sepM;
      let lo = 1;
      let hi = ss.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (pred(ss[mid]!, ms[mid]!)) hi = mid;
        else lo = mid + 1;
      }
      const i = lo - 1;
      const cnt = inner.cnt;
      for (let j = 0; j < i; j++) r += cnt[j]!;
      node = inner.kids[i]!;
    }
    const leaf = node as Leaf;
    let lo = 0;
    let hi = leaf.m.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(leaf.s[mid]!, leaf.m[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return r + lo;
  }

  private insertKey(score: number, member: string): void {
    const split = this.insertRec(this.root, this.height, score, member);
    if (split !== null) {
      const root = new Inner();
      const total = this.dict.size;
      const rightSize = nodeSize(split, this.height);
      root.kids.push(this.root, split);
      root.cnt.push(total - rightSize, rightSize);
      root.sepS.push(0, this.firstScore(split));
      root.sepM.push('', this.firstMember(split));
      this.root = root;
      this.height++;
    }
  }

  private firstScore(node: TNode): number {
    return node instanceof Leaf ? node.s[0]! : node.sepS[0]!;
  }

  private firstMember(node: TNode): string {
    return node instanceof Leaf ? node.m[0]! : node.sepM[0]!;
  }

  /** Inserts into the subtree; returns the new right sibling when the node split. */
  private insertRec(node: TNode, height: number, score: number, member: string): TNode | null {
    if (height === 0) {
      const leaf = node as Leaf;
      const ms = leaf.m;
      const ss = leaf.s;
      const at = leafLowerBound(leaf, score, member);
      const n = ms.length;
      ms.push(member);
      ss.push(score);
      for (let j = n; j > at; j--) {
        ms[j] = ms[j - 1]!;
        ss[j] = ss[j - 1]!;
      }
      ms[at] = member;
      ss[at] = score;
      if (n + 1 <= this.leafMax) return null;
      const right = new Leaf();
      const half = (n + 1) >>> 1;
      right.m = ms.slice(half);
      right.s = ss.slice(half);
      ms.length = half;
      ss.length = half;
      right.next = leaf.next;
      if (right.next !== null) right.next.prev = right;
      right.prev = leaf;
      leaf.next = right;
      return right;
    }
    const inner = node as Inner;
    const i = childFor(inner, score, member);
    const split = this.insertRec(inner.kids[i]!, height - 1, score, member);
    const total = inner.cnt[i]! + 1;
    if (split === null) {
      inner.cnt[i] = total;
      return null;
    }
    const rightSize = nodeSize(split, height - 1);
    inner.cnt[i] = total - rightSize;
    inner.kids.splice(i + 1, 0, split);
    inner.cnt.splice(i + 1, 0, rightSize);
    inner.sepS.splice(i + 1, 0, this.firstScore(split));
    inner.sepM.splice(i + 1, 0, this.firstMember(split));
    if (inner.kids.length <= this.innerMax) return null;
    const half = inner.kids.length >>> 1;
    const right = new Inner();
    right.kids = inner.kids.splice(half);
    right.cnt = inner.cnt.splice(half);
    right.sepS = inner.sepS.splice(half);
    right.sepM = inner.sepM.splice(half);
    return right;
  }

  private deleteKey(score: number, member: string): void {
    this.deleteRec(this.root, this.height, score, member);
    while (this.height > 0 && (this.root as Inner).kids.length === 1) {
      this.root = (this.root as Inner).kids[0]!;
      this.height--;
    }
  }

  private deleteRec(node: TNode, height: number, score: number, member: string): void {
    if (height === 0) {
      const leaf = node as Leaf;
      const ms = leaf.m;
      const ss = leaf.s;
      const at = leafLowerBound(leaf, score, member);
      const n = ms.length - 1;
      for (let j = at; j < n; j++) {
        ms[j] = ms[j + 1]!;
        ss[j] = ss[j + 1]!;
      }
      ms.length = n;
      ss.length = n;
      return;
    }
    const inner = node as Inner;
    const i = childFor(inner, score, member);
    const child = inner.kids[i]!;
    this.deleteRec(child, height - 1, score, member);
    inner.cnt[i]!--;
    if (height === 1 ? (child as Leaf).m.length < this.leafMin : (child as Inner).kids.length < this.innerMin) {
      this.rebalance(inner, i, height - 1);
    }
  }

  /** Child i of parent fell under its minimum: merge it with a sibling or even the two out. */
  private rebalance(parent: Inner, i: number, height: number): void {
    if (parent.kids.length < 2) return; // only the root can be that small; deleteKey collapses it
    const li = i > 0 ? i - 1 : i;
    const ri = li + 1;
    const cnt = parent.cnt;
    if (height === 0) {
      const L = parent.kids[li] as Leaf;
      const R = parent.kids[ri] as Leaf;
      const total = L.m.length + R.m.length;
      if (total <= this.leafMax) {
        for (let j = 0; j < R.m.length; j++) {
          L.m.push(R.m[j]!);
          L.s.push(R.s[j]!);
        }
        L.next = R.next;
        if (R.next !== null) R.next.prev = L;
        this.dropChild(parent, ri);
        cnt[li] = total;
        return;
      }
      const target = total >>> 1;
      if (L.m.length > target) {
        const k = L.m.length - target;
        R.m = L.m.splice(target, k).concat(R.m);
        R.s = L.s.splice(target, k).concat(R.s);
      } else {
        const k = target - L.m.length;
        const movedM = R.m.splice(0, k);
        const movedS = R.s.splice(0, k);
        for (let j = 0; j < k; j++) {
          L.m.push(movedM[j]!);
          L.s.push(movedS[j]!);
        }
      }
      cnt[li] = L.m.length;
      cnt[ri] = R.m.length;
      parent.sepS[ri] = R.s[0]!;
      parent.sepM[ri] = R.m[0]!;
      return;
    }
    const L = parent.kids[li] as Inner;
    const R = parent.kids[ri] as Inner;
    const total = L.kids.length + R.kids.length;
    // R's first child gets the separator the parent kept for R, so it stays valid wherever it goes.
    R.sepS[0] = parent.sepS[ri]!;
    R.sepM[0] = parent.sepM[ri]!;
    if (total <= this.innerMax) {
      for (let j = 0; j < R.kids.length; j++) {
        L.kids.push(R.kids[j]!);
        L.cnt.push(R.cnt[j]!);
        L.sepS.push(R.sepS[j]!);
        L.sepM.push(R.sepM[j]!);
      }
      cnt[li] = cnt[li]! + cnt[ri]!;
      this.dropChild(parent, ri);
      return;
    }
    const target = total >>> 1;
    let moved = 0;
    if (L.kids.length > target) {
      const k = L.kids.length - target;
      const mc = L.cnt.splice(target, k);
      for (let j = 0; j < k; j++) moved += mc[j]!;
      R.kids = L.kids.splice(target, k).concat(R.kids);
      R.cnt = mc.concat(R.cnt);
      R.sepS = L.sepS.splice(target, k).concat(R.sepS);
      R.sepM = L.sepM.splice(target, k).concat(R.sepM);
      cnt[li] = cnt[li]! - moved;
      cnt[ri] = cnt[ri]! + moved;
    } else {
      const k = target - L.kids.length;
      const mk = R.kids.splice(0, k);
      const mc = R.cnt.splice(0, k);
      const ms = R.sepS.splice(0, k);
      const mm = R.sepM.splice(0, k);
      for (let j = 0; j < k; j++) {
        L.kids.push(mk[j]!);
        L.cnt.push(mc[j]!);
        L.sepS.push(ms[j]!);
        L.sepM.push(mm[j]!);
        moved += mc[j]!;
      }
      cnt[li] = cnt[li]! + moved;
      cnt[ri] = cnt[ri]! - moved;
    }
    parent.sepS[ri] = R.sepS[0]!;
    parent.sepM[ri] = R.sepM[0]!;
  }

  private dropChild(parent: Inner, i: number): void {
    parent.kids.splice(i, 1);
    parent.cnt.splice(i, 1);
    parent.sepS.splice(i, 1);
    parent.sepM.splice(i, 1);
  }

  /** Replaces the tree with one built bottom-up from sorted keys (the dict is the caller's). */
  private build(members: readonly string[], scores: readonly number[]): void {
    const n = members.length;
    if (n === 0) {
      this.root = new Leaf();
      this.height = 0;
      return;
    }
    // Leaves filled to 3/4 so that the next inserts do not split every one of them at once.
    const per = (this.leafMax * 3) >>> 2;
    const leafCount = Math.ceil(n / per);
    let level: TNode[] = [];
    let sizes: number[] = [];
    let prev: Leaf | null = null;
    for (let k = 0; k < leafCount; k++) {
      const from = Math.floor((k * n) / leafCount);
      const to = Math.floor(((k + 1) * n) / leafCount);
      const leaf = new Leaf();
      leaf.m = members.slice(from, to);
      leaf.s = scores.slice(from, to);
      leaf.prev = prev;
      if (prev !== null) prev.next = leaf;
      prev = leaf;
      level.push(leaf);
      sizes.push(to - from);
    }
    let height = 0;
    const fan = (this.innerMax * 3) >>> 2;
    while (level.length > 1) {
      const count = Math.ceil(level.length / fan);
      const up: TNode[] = [];
      const upSizes: number[] = [];
      for (let k = 0; k < count; k++) {
        const from = Math.floor((k * level.length) / count);
        const to = Math.floor(((k + 1) * level.length) / count);
        const inner = new Inner();
        let total = 0;
        for (let j = from; j < to; j++) {
          const child = level[j]!;
          inner.kids.push(child);
          inner.cnt.push(sizes[j]!);
          inner.sepS.push(this.firstScore(child));
          inner.sepM.push(this.firstMember(child));
          total += sizes[j]!;
        }
        up.push(inner);
        upSizes.push(total);
      }
      level = up;
      sizes = upSizes;
      height++;
    }
    this.root = level[0]!;
    this.height = height;
  }

  /**
   * Checks every structural invariant and throws on the first violation (for tests): order,
   * counts, separators, leaf links, fill, and agreement with the dict.
   */
  checkInvariants(): void {
    const fail = (msg: string): never => {
      throw new Error(`ZSet invariant: ${msg}`);
    };
    const leaves: Leaf[] = [];
    const visit = (node: TNode, h: number, isRoot: boolean): number => {
      if (h === 0) {
        if (!(node instanceof Leaf)) return fail('inner node at leaf depth');
        if (node.m.length !== node.s.length) fail('leaf arrays differ');
        if (node.m.length > this.leafMax) fail('leaf overfull');
        if (!isRoot && node.m.length < this.leafMin) fail(`leaf underfull (${node.m.length})`);
        leaves.push(node);
        return node.m.length;
      }
      if (!(node instanceof Inner)) return fail('leaf above leaf depth');
      const k = node.kids.length;
      if (node.cnt.length !== k || node.sepS.length !== k || node.sepM.length !== k) fail('inner arrays differ');
      if (k > this.innerMax) fail('inner overfull');
      if (isRoot ? k < 2 : k < this.innerMin) fail(`inner underfull (${k})`);
      let total = 0;
      for (let i = 0; i < k; i++) {
        const child = node.kids[i]!;
        const size = visit(child, h - 1, false);
        if (size !== node.cnt[i]) fail(`count ${node.cnt[i]} != ${size}`);
        total += size;
        if (i > 0) {
          // last(child i-1) < sep i <= first(child i)
          const ss = node.sepS[i]!;
          const sm = node.sepM[i]!;
          const lo = this.subtreeEdge(node.kids[i - 1]!, h - 1, true);
          const hi = this.subtreeEdge(child, h - 1, false);
          if (!(lo[0] < ss || (lo[0] === ss && lo[1] < sm))) fail('separator not above left sibling');
          if (!(ss < hi[0] || (ss === hi[0] && sm <= hi[1]))) fail('separator above right child');
        }
      }
      return total;
    };
    const total = visit(this.root, this.height, true);
    if (total !== this.dict.size) fail(`tree holds ${total}, dict ${this.dict.size}`);
    let prevS = -Infinity;
    let prevM: string | null = null;
    for (let j = 0; j < leaves.length; j++) {
      const leaf = leaves[j]!;
      if (leaf.prev !== (j > 0 ? leaves[j - 1] : null)) fail('bad prev link');
      if (leaf.next !== (j + 1 < leaves.length ? leaves[j + 1] : null)) fail('bad next link');
      for (let i = 0; i < leaf.m.length; i++) {
        const s = leaf.s[i]!;
        const m = leaf.m[i]!;
        if (prevM !== null && !(prevS < s || (prevS === s && prevM < m))) fail('keys out of order');
        if (!Object.is(this.dict.get(m), s)) fail(`dict disagrees on ${JSON.stringify(m)}`);
        prevS = s;
        prevM = m;
      }
    }
  }

  private subtreeEdge(node: TNode, h: number, last: boolean): [number, string] {
    while (h > 0) {
      const kids = (node as Inner).kids;
      node = kids[last ? kids.length - 1 : 0]!;
      h--;
    }
    const leaf = node as Leaf;
    const i = last ? leaf.m.length - 1 : 0;
    return [leaf.s[i]!, leaf.m[i]!];
  }
}
