// Data-structure benchmark: the sorted set (src/engine/ds/zset.ts) and the list deque
// (src/engine/ds/deque.ts), outside the engine. Prints ns/op tables; asserts nothing.
// Run: npx tsx bench/ds.ts   (node --expose-gc --import tsx bench/ds.ts gives steadier memory figures)
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Deque } from '../src/engine/ds/deque.js';
import { ZSet } from '../src/engine/ds/zset.js';

// A garbage collector handle even without --expose-gc, for the memory figures.
const gc: () => void =
  (globalThis as { gc?: () => void }).gc ??
  (() => {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  })();

// Deterministic pseudo-random numbers (mulberry32) so runs are comparable.
let seed = 0x2545f491;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const rndInt = (n: number): number => Math.floor(rnd() * n);

function nsPerOp(ops: number, fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / ops;
}

const fmt = (ns: number): string => ns.toFixed(0).padStart(9);
let sink = 0; // keeps results alive so the JIT cannot drop the work

// ---- sorted set ----------------------------------------------------------------------------

const SIZES = [1_000, 100_000, 1_000_000];
const MAX = SIZES[SIZES.length - 1]!;
const REPS = 5; // every figure is the best of REPS rounds: the machine may be shared
const OPS = 100_000; // operations per round

const members: string[] = [];
const scores: number[] = [];
for (let i = 0; i < MAX; i++) {
  members.push(`member:${i}:${rndInt(1e9)}`);
  scores.push(rnd() * 1e6);
}
const extraMembers: string[] = [];
const extraScores: number[] = [];
for (let i = 0; i < OPS; i++) {
  extraMembers.push(`extra:${i}:${rndInt(1e9)}`);
  extraScores.push(rnd() * 1e6);
}

function buildSet(n: number, scoreOf: (i: number) => number = (i) => scores[i]!): ZSet {
  const z = new ZSet();
  for (let i = 0; i < n; i++) z.add(members[i]!, scoreOf(i));
  return z;
}

/** Best ns/op over REPS rounds of `ops` operations; `reset` runs untimed after each round. */
function best(ops: number, round: () => void, reset?: () => void): number {
  let min = Infinity;
  for (let r = 0; r < REPS; r++) {
    min = Math.min(min, nsPerOp(ops, round));
    reset?.();
  }
  return min;
}

const COLUMNS = ['insert', 'delete', 'rescore', 'rank', 'at rank', 'range 10', 'ZCOUNT', 'Map.get'] as const;
type Row = Record<(typeof COLUMNS)[number], number>;

function measureZset(z: ZSet, n: number): Row {
  // insert: fresh members into the n-member set in batches of ≤ 10% of n, each batch removed
  // again untimed so the size stays near n. delete: the same, the other way round.
  const batch = Math.max(1, Math.min(Math.floor(n / 10), 20_000));
  const done = Math.floor(OPS / batch) * batch;
  let insNs = Infinity;
  let delNs = Infinity;
  for (let r = 0; r < REPS; r++) {
    let ins = 0;
    let del = 0;
    for (let o = 0; o + batch <= OPS; o += batch) {
      ins += nsPerOp(1, () => {
        for (let i = o; i < o + batch; i++) z.add(extraMembers[i]!, extraScores[i]!);
      });
      del += nsPerOp(1, () => {
        for (let i = o; i < o + batch; i++) z.delete(extraMembers[i]!);
      });
    }
    insNs = Math.min(insNs, ins / done);
    delNs = Math.min(delNs, del / done);
  }

  const probes: string[] = [];
  const ranks: number[] = [];
  for (let i = 0; i < OPS; i++) {
    const k = rndInt(n);
    probes.push(members[k]!);
    ranks.push(rndInt(n));
  }
  // rescore: an existing member moves to a new random score (ZADD over an existing member).
  let round = 0;
  const rescore = best(OPS, () => {
    const shift = ++round * 7919; // a different new score each round, never a no-op
    for (let i = 0; i < OPS; i++) z.add(probes[i]!, extraScores[(i + shift) % OPS]!);
  });
  const rank = best(OPS, () => {
    for (let i = 0; i < OPS; i++) sink += z.rank(probes[i]!);
  });
  const at = best(OPS, () => {
    for (let i = 0; i < OPS; i++) sink += z.scoreAt(ranks[i]!)!;
  });
  // range 10: the entries of 10 consecutive ranks from a random rank, as ZRANGE would collect
  // them for its reply (the member strings themselves are not read).
  const out: string[] = [];
  const range10 = best(OPS, () => {
    for (let i = 0; i < OPS; i++) {
      out.length = 0;
      z.walk(ranks[i]!, false, (m) => out.push(m) < 10);
      sink += out.length;
    }
  });
  const count = best(OPS, () => {
    for (let i = 0; i < OPS; i++) {
      const lo = extraScores[i]!;
      sink += z.countInRange({ min: lo, max: lo + 1000, minex: false, maxex: true });
    }
  });
  // The floor every design pays at this size: one lookup in a Map of n members.
  const mapGet = best(OPS, () => {
    for (let i = 0; i < OPS; i++) sink += z.dict.get(probes[i]!)!;
  });
  z.checkInvariants();
  return {
    insert: insNs,
    delete: delNs,
    rescore,
    rank,
    'at rank': at,
    'range 10': range10,
    ZCOUNT: count,
    'Map.get': mapGet,
  };
}

function printTable(title: string, rows: [number, Row][]): void {
  console.log(title);
  console.log(`${'members'.padStart(10)} ${COLUMNS.map((c) => c.padStart(9)).join('')}`);
  for (const [n, r] of rows) console.log(`${n.toLocaleString('en-US').padStart(10)} ${COLUMNS.map((c) => fmt(r[c])).join('')}`);
  const small = rows[0]![1];
  const big = rows[rows.length - 1]![1];
  console.log(`1M / 1k: ${COLUMNS.map((c) => `${c} ${(big[c] / small[c]).toFixed(1)}x`).join(', ')}`);
}

console.log('Sorted set (B+tree + Map): ns/op, best of 5 rounds of 100k random operations');
measureZset(buildSet(20_000), 20_000); // warm the JIT up on every path before timing
printTable(
  '\nrandom double scores',
  SIZES.map((n) => [n, measureZset(buildSet(n), n)]),
);
printTable(
  '\nmany ties (integer scores below n/8: member order decides within a score)',
  SIZES.map((n) => [
    n,
    measureZset(
      buildSet(n, (i) => Math.floor(scores[i]! % (n / 8))),
      n,
    ),
  ]),
);

// Growing one set from empty to 1M members by insertion: the ZADD-into-a-big-set target.
gc();
const heapBefore = process.memoryUsage().heapUsed;
let grown: ZSet | null = null;
const growNs = nsPerOp(MAX, () => {
  grown = buildSet(MAX);
});
gc();
const heapAfter = process.memoryUsage().heapUsed;
console.log(`\nbuild 0 → 1M by insertion: ${Math.round(1e9 / growNs).toLocaleString('en-US')} ops/s (${growNs.toFixed(0)} ns/op average)`);
console.log(`memory at 1M: ${((heapAfter - heapBefore) / MAX).toFixed(0)} bytes per member (Map + tree; member strings not counted)`);
const insert1M = best(
  10_000,
  () => {
    for (let i = 0; i < 10_000; i++) grown!.add(extraMembers[i]!, extraScores[i]!);
  },
  () => {
    for (let i = 0; i < 10_000; i++) grown!.delete(extraMembers[i]!);
  },
);
console.log(`insert into the 1M set: ${Math.round(1e9 / insert1M).toLocaleString('en-US')} ops/s (${insert1M.toFixed(0)} ns/op)`);
grown = null;

// ---- deque ---------------------------------------------------------------------------------

console.log('\nDeque (ring buffer), ns/op');
const values = members.slice(0, 100_000);
function dequeOf(n: number): Deque<string> {
  const d = new Deque<string>();
  for (let i = 0; i < n; i++) d.pushBack(values[i % values.length]!);
  return d;
}
function measureDeque(n: number): string {
  const d = dequeOf(n);
  const OPS = 1_000_000;
  const pushPop = nsPerOp(OPS, () => {
    for (let i = 0; i < OPS; i++) {
      d.pushBack(values[i % values.length]!);
      sink += d.popFront()!.length;
    }
  });
  const pushFrontPopBack = nsPerOp(OPS, () => {
    for (let i = 0; i < OPS; i++) {
      d.pushFront(values[i % values.length]!);
      sink += d.popBack()!.length;
    }
  });
  const idx: number[] = [];
  for (let i = 0; i < 100_000; i++) idx.push(rndInt(n));
  const get = nsPerOp(OPS, () => {
    for (let i = 0; i < OPS; i++) sink += d.get(idx[i % idx.length]!)!.length;
  });
  const slice10 = nsPerOp(100_000, () => {
    for (let i = 0; i < 100_000; i++) sink += d.slice(idx[i], idx[i]! + 10).length;
  });
  const MID = Math.max(50, Math.min(20_000, Math.floor(5e7 / n)));
  const insertMid = nsPerOp(MID * 2, () => {
    for (let i = 0; i < MID; i++) d.insert(idx[i]! % d.length, 'x');
    for (let i = 0; i < MID; i++) d.removeAt(idx[i]! % d.length);
  });
  return `${n.toLocaleString('en-US').padStart(10)} ${fmt(pushPop)}  ${fmt(pushFrontPopBack).padStart(12)} ${fmt(get)} ${fmt(slice10).padStart(10)} ${fmt(insertMid).padStart(16)}`;
}
measureDeque(10_000);
console.log('  elements  push+pop(*)  pushF+popB(*)     get   slice 10  insert/removeAt mid');
for (const n of [1_000, 100_000, 1_000_000]) console.log(measureDeque(n));
console.log('(*) one push plus one pop, per pair');
if (sink === 42) console.log('');
