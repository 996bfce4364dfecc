// In-process engine throughput: commands straight into Engine.execute, no protocol.
// Prints ops/s per command and bytes per small string key. Run: npm run bench
import { Engine } from '../src/engine/engine.js';
import { late } from '../src/engine/late.js';

function measure(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(n, 50_000); i++) fn(i); // warm up the JIT
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const ns = Number(process.hrtime.bigint() - t0);
  const opsPerSec = (n / ns) * 1e9;
  console.log(`${label.padEnd(28)} ${Math.round(opsPerSec).toLocaleString('en-US').padStart(12)} ops/s  (${(ns / n).toFixed(0)} ns/op)`);
}

const engine = new Engine({ late });
const c = engine.createClient();
const N = 1_000_000;
const keys = Array.from({ length: 100_000 }, (_, i) => `key:${i}`);

console.log(`engine in-process, ${N.toLocaleString('en-US')} ops each`);
measure('SET key:<i> value', N, (i) => engine.execute(c, ['SET', keys[i % keys.length]!, 'value']));
measure('GET key:<i>', N, (i) => engine.execute(c, ['GET', keys[i % keys.length]!]));
measure('INCR counter', N, () => engine.execute(c, ['INCR', 'counter']));
measure('EXISTS key:<i>', N, (i) => engine.execute(c, ['EXISTS', keys[i % keys.length]!]));
measure('SET key EX 100', N, (i) => engine.execute(c, ['SET', keys[i % keys.length]!, 'v', 'EX', '100']));
// Collections: main commands of each type, over 1,000 keys so that no key grows without bound.
const ck = (i: number) => `c:${i % 1000}`;
measure('RPUSH + LPOP (list)', N, (i) => engine.execute(c, i & 1 ? ['LPOP', 'l:' + ck(i >> 1)] : ['RPUSH', 'l:' + ck(i >> 1), 'job']));
for (let i = 0; i < 1000; i++) engine.execute(c, ['RPUSH', 'lr:' + ck(i), ...'abcdefghij']);
measure('LRANGE 0 9 (list of 10)', N / 4, (i) => engine.execute(c, ['LRANGE', 'lr:' + ck(i), '0', '9']));
measure('HSET (hash, 10 fields)', N, (i) => engine.execute(c, ['HSET', 'h:' + ck(i), 'f' + (i % 10), 'v']));
measure('HGET', N, (i) => engine.execute(c, ['HGET', 'h:' + ck(i), 'f' + (i % 10)]));
measure('HGETALL (10 fields)', N / 4, (i) => engine.execute(c, ['HGETALL', 'h:' + ck(i)]));
measure('SADD (set, 100 members)', N, (i) => engine.execute(c, ['SADD', 's:' + ck(i), 'm' + (i % 100)]));
measure('SISMEMBER', N, (i) => engine.execute(c, ['SISMEMBER', 's:' + ck(i), 'm' + (i % 100)]));
measure('SINTER of two sets', N / 10, (i) => engine.execute(c, ['SINTER', 's:' + ck(i), 's:' + ck(i + 1)]));
// HyperLogLog: sparse HLLs over 1,000 keys, then one dense HLL of many distinct elements.
measure('PFADD (sparse, 1,000 HLLs)', N / 4, (i) => engine.execute(c, ['PFADD', 'hll:' + ck(i), 'e' + (i % 200)]));
measure('PFADD (dense HLL)', N, (i) => engine.execute(c, ['PFADD', 'hll:dense', 'u' + i]));
measure('PFCOUNT (dense, cached)', N, () => engine.execute(c, ['PFCOUNT', 'hll:dense']));
measure('PFADD + PFCOUNT (dense)', N / 20, (i) => {
  engine.execute(c, ['PFADD', 'hll:dense', 'w' + i]);
  engine.execute(c, ['PFCOUNT', 'hll:dense']);
});
// Bitmaps: the course's daily-visitors bitmap, user ids up to 100,000 (12.5 KB strings).
measure('SETBIT (ids in order)', N / 4, (i) => engine.execute(c, ['SETBIT', 'visits:' + (i >> 17), String(i & 0x1ffff), '1']));
measure('SETBIT (scattered ids)', N / 4, (i) => engine.execute(c, ['SETBIT', 'visits:s', String((i * 7919) % 100_000), String(i & 1)]));
measure('GETBIT', N, (i) => engine.execute(c, ['GETBIT', 'visits:s', String((i * 7919) % 100_000)]));
// Streams: XADD with automatic IDs into 1,000 streams capped near 1,000 entries, XRANGE of 10.
measure('XADD * (MAXLEN ~ 1000)', N / 2, (i) => engine.execute(c, ['XADD', 'x:' + ck(i), 'MAXLEN', '~', '1000', '*', 'f', 'v' + i]));
measure('XRANGE - + COUNT 10', N / 4, (i) => engine.execute(c, ['XRANGE', 'x:' + ck(i), '-', '+', 'COUNT', '10']));
// Geo: 100,000 places spread over Europe in one key, searched within 10 km (about 10 hits).
const geoPlace = (i: number): [string, string] => [String(-10 + ((i * 7919) % 40_000) / 1000), String(35 + ((i * 104_729) % 25_000) / 1000)];
measure('GEOADD (100k places)', 100_000, (i) => {
  const [lon, lat] = geoPlace(i);
  engine.execute(c, ['GEOADD', 'geo:eu', lon, lat, 'p' + i]);
});
measure('GEOSEARCH 10 km ASC', N / 20, (i) => {
  const [lon, lat] = geoPlace(i * 31);
  engine.execute(c, ['GEOSEARCH', 'geo:eu', 'FROMLONLAT', lon, lat, 'BYRADIUS', '10', 'km', 'ASC']);
});
measure('GEOSEARCH BYBOX COUNT 5', N / 20, (i) => {
  const [lon, lat] = geoPlace(i * 37);
  engine.execute(c, ['GEOSEARCH', 'geo:eu', 'FROMLONLAT', lon, lat, 'BYBOX', '50', '50', 'km', 'COUNT', '5']);
});
// Scripting: the smallest useful script, through the script cache and the Lua interpreter.
const incrScript = "return redis.call('INCR', KEYS[1])";
const incrSha = (engine.execute(c, ['SCRIPT', 'LOAD', incrScript]) as { v: string }).v;
measure('EVAL INCR script', N / 4, (i) => engine.execute(c, ['EVAL', incrScript, '1', 'ev:' + ck(i)]));
measure('EVALSHA INCR script', N / 4, (i) => engine.execute(c, ['EVALSHA', incrSha, '1', 'ev:' + ck(i)]));
engine.execute(c, ['FUNCTION', 'LOAD', "#!lua name=bench\nredis.register_function('incr', function(keys) return redis.call('INCR', keys[1]) end)"]);
measure('FCALL INCR function', N / 4, (i) => engine.execute(c, ['FCALL', 'incr', '1', 'ev:' + ck(i)]));

// Memory per key: bench/memory.ts (npm run bench runs it after this).

// ---- sorted sets through Engine.execute (ZADD, ZRANK, ZRANGE of 10) ----------------------------
// Per-op cost at 1k, 100k and 1M members; every figure is the best of a few rounds. ZADD adds new
// members (removed again between rounds, untimed) or moves existing ones to new scores.
//
// Two tables. "One set": the whole workload is one set of n members, so at 1k it sits in the CPU
// caches and at 1M it does not; the 1M/1k ratio mixes the algorithm's growth with the memory
// hierarchy (real redis-server 7.0.15 shows the same 7-10x for ZADD/ZRANK on this machine).
// "Same memory": always 1,000,000 members in all (1,000 sets of 1k, 10 of 100k, or 1 of 1M) and
// each operation on a random one of them, so every row pays the same cache and TLB misses and the
// ratio shows how the cost grows with the size of the set itself: O(log n).
{
  let zseed = 0x9e3779b9;
  const zrnd = (): number => {
    zseed = (zseed + 0x6d2b79f5) | 0;
    let t = Math.imul(zseed ^ (zseed >>> 15), 1 | zseed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const zengine = new Engine();
  const zc = zengine.createClient();
  const OPS = 100_000;
  const ROUNDS = 3;
  const TOTAL = 1_000_000;
  const score = (): string => String(Math.floor(zrnd() * 1e9));
  const best = (rounds: number, fn: () => number): number => {
    let b = Infinity;
    for (let i = 0; i < rounds; i++) b = Math.min(b, fn());
    return b;
  };
  const timed = (argvs: string[][]): number => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < argvs.length; i++) zengine.execute(zc, argvs[i]!);
    return Number(process.hrtime.bigint() - t0) / argvs.length;
  };
  const fill = (key: string, n: number): void => {
    for (let i = 0; i < n; i += 1000) {
      const argv = ['ZADD', key];
      for (let j = i; j < Math.min(n, i + 1000); j++) argv.push(score(), `member:${j}`);
      zengine.execute(zc, argv);
    }
  };
  type Costs = { addNew: number; update: number; rank: number; range: number };
  // Per-op costs with `sets` sets of n members each, every operation on a random set.
  const costs = (n: number, sets: number): Costs => {
    const keys = Array.from({ length: sets }, (_, s) => `zbench:${n}:${s}`);
    for (const key of keys) fill(key, n);
    const key = (): string => keys[Math.floor(zrnd() * sets)]!;
    const member = (): string => `member:${Math.floor(zrnd() * n)}`;
    // New members: batches that grow the sets by at most 10%, removed again untimed.
    const batch = Math.min(OPS, Math.max(100, (n * sets) / 10));
    let fresh = 0;
    const addNew = best(ROUNDS * Math.ceil(OPS / batch), () => {
      const argvs: string[][] = [];
      for (let i = 0; i < batch; i++) argvs.push(['ZADD', key(), score(), `new:${fresh++}`]);
      const ns = timed(argvs);
      for (const a of argvs) zengine.execute(zc, ['ZREM', a[1]!, a[3]!]);
      return ns;
    });
    const run = (make: () => string[]): number => best(ROUNDS, () => timed(Array.from({ length: OPS }, make)));
    const update = run(() => ['ZADD', key(), score(), member()]);
    const rank = run(() => ['ZRANK', key(), member()]);
    const range = run(() => {
      const start = Math.floor(zrnd() * (n - 10));
      return ['ZRANGE', key(), String(start), String(start + 9)];
    });
    zengine.execute(zc, ['FLUSHALL']);
    return { addNew, update, rank, range };
  };
  const f = (x: number): string => x.toFixed(0).padStart(11);
  const ratio = (a: Costs, b: Costs): string =>
    `1M/1k: ZADD new ${(a.addNew / b.addNew).toFixed(1)}x, update ${(a.update / b.update).toFixed(1)}x, ` +
    `ZRANK ${(a.rank / b.rank).toFixed(1)}x, ZRANGE ${(a.range / b.range).toFixed(1)}x`;
  costs(1_000, 1); // warms up the JIT, not printed
  let zaddNew1M = 0;
  for (const sameMemory of [false, true]) {
    console.log(
      sameMemory
        ? `\nsorted sets, same memory: ${TOTAL.toLocaleString('en-US')} members in all, ops on a random set (ns per op)`
        : '\nsorted sets, one set of n members (ns per op, best of rounds)',
    );
    console.log('members     ZADD new   ZADD update      ZRANK   ZRANGE 10');
    const rows = new Map<number, Costs>();
    for (const n of [1_000, 100_000, 1_000_000]) {
      const r = costs(n, sameMemory ? TOTAL / n : 1);
      rows.set(n, r);
      console.log(`${n.toLocaleString('en-US').padStart(9)} ${f(r.addNew)}   ${f(r.update)} ${f(r.rank)} ${f(r.range)}`);
    }
    console.log(ratio(rows.get(1_000_000)!, rows.get(1_000)!));
    if (!sameMemory) zaddNew1M = rows.get(1_000_000)!.addNew;
  }
  // Sustained inserts of new members into a 1M-member set (it grows to 1.2M).
  {
    const key = 'zbench:sustained';
    fill(key, 1_000_000);
    const M = 200_000;
    const argvs: string[][] = [];
    for (let i = 0; i < M; i++) argvs.push(['ZADD', key, score(), `more:${i}`]);
    const ns = timed(argvs);
    console.log(
      `ZADD into a 1M-member zset: ${Math.round(1e9 / ns).toLocaleString('en-US')} ops/s sustained over ${M.toLocaleString('en-US')} new members (${ns.toFixed(0)} ns/op; best-round figure above: ${Math.round(1e9 / zaddNew1M).toLocaleString('en-US')} ops/s)`,
    );
  }
}
