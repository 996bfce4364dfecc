// In-process engine throughput: commands straight into Engine.execute, no protocol.
// Prints ops/s per command and bytes per small string key. Run: npm run bench
import { Engine } from '../src/engine/engine.js';

function measure(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(n, 50_000); i++) fn(i); // warm up the JIT
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const ns = Number(process.hrtime.bigint() - t0);
  const opsPerSec = (n / ns) * 1e9;
  console.log(`${label.padEnd(28)} ${Math.round(opsPerSec).toLocaleString('en-US').padStart(12)} ops/s  (${(ns / n).toFixed(0)} ns/op)`);
}

const engine = new Engine();
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

// Memory per small string key (Redis's own figure is about 104 bytes).
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  const fresh = new Engine();
  const fc = fresh.createClient();
  gc();
  const before = process.memoryUsage().heapUsed;
  const M = 1_000_000;
  for (let i = 0; i < M; i++) fresh.execute(fc, ['SET', `key:${i}`, `value:${i}`]);
  gc();
  const after = process.memoryUsage().heapUsed;
  // Read the engine after measuring so that it is still alive at the second gc().
  const keys = fresh.dbs[0]!.size;
  console.log(`memory: ${((after - before) / keys).toFixed(0)} bytes per small string key (${keys.toLocaleString('en-US')} keys)`);
} else {
  console.log('memory: run with node --expose-gc (npm run bench does) to measure bytes per key');
}

// ---- sorted sets through Engine.execute (ZADD, ZRANK, ZRANGE of 10) ----------------------------
// Per-op cost at 1k, 100k and 1M members; every figure is the best of a few rounds. ZADD adds new
// members (the set is trimmed back between rounds, untimed) or moves existing ones to new scores.
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
  console.log('\nsorted sets through Engine.execute (ns per op, best of rounds)');
  console.log('members     ZADD new   ZADD update      ZRANK   ZRANGE 10');
  let zaddNew1M = 0;
  // The first pass (1k members, not printed) warms up the JIT.
  for (const [pass, n] of [1_000, 1_000, 100_000, 1_000_000].entries()) {
    const warmup = pass === 0;
    const key = `zbench:${n}`;
    for (let i = 0; i < n; i += 1000) {
      const argv = ['ZADD', key];
      for (let j = i; j < Math.min(n, i + 1000); j++) argv.push(score(), `member:${j}`);
      zengine.execute(zc, argv);
    }
    // New members: batches of at most n/10 (so the set stays near n), removed again untimed.
    const batch = Math.min(OPS, Math.max(100, n / 10));
    let fresh = 0;
    const addNew = best(ROUNDS * Math.ceil(OPS / batch), () => {
      const argvs: string[][] = [];
      for (let i = 0; i < batch; i++) argvs.push(['ZADD', key, score(), `new:${fresh++}`]);
      const ns = timed(argvs);
      const rem = ['ZREM', key];
      for (const a of argvs) rem.push(a[3]!);
      zengine.execute(zc, rem);
      return ns;
    });
    const update = best(ROUNDS, () => {
      const argvs: string[][] = [];
      for (let i = 0; i < OPS; i++) argvs.push(['ZADD', key, score(), `member:${Math.floor(zrnd() * n)}`]);
      return timed(argvs);
    });
    const rank = best(ROUNDS, () => {
      const argvs: string[][] = [];
      for (let i = 0; i < OPS; i++) argvs.push(['ZRANK', key, `member:${Math.floor(zrnd() * n)}`]);
      return timed(argvs);
    });
    const range = best(ROUNDS, () => {
      const argvs: string[][] = [];
      for (let i = 0; i < OPS; i++) {
        const start = Math.floor(zrnd() * (n - 10));
        argvs.push(['ZRANGE', key, String(start), String(start + 9)]);
      }
      return timed(argvs);
    });
    if (n === 1_000_000) zaddNew1M = addNew;
    const f = (x: number): string => x.toFixed(0).padStart(11);
    if (!warmup) console.log(`${n.toLocaleString('en-US').padStart(9)} ${f(addNew)}   ${f(update)} ${f(rank)} ${f(range)}`);
    zengine.execute(zc, ['DEL', key]);
  }
  // Sustained inserts of new members into a 1M-member set (it grows to 1.2M).
  {
    const key = 'zbench:sustained';
    for (let i = 0; i < 1_000_000; i += 1000) {
      const argv = ['ZADD', key];
      for (let j = i; j < i + 1000; j++) argv.push(score(), `member:${j}`);
      zengine.execute(zc, argv);
    }
    const M = 200_000;
    const argvs: string[][] = [];
    for (let i = 0; i < M; i++) argvs.push(['ZADD', key, score(), `more:${i}`]);
    const ns = timed(argvs);
    console.log(`ZADD into a 1M-member zset: ${Math.round(1e9 / ns).toLocaleString('en-US')} ops/s sustained over ${M.toLocaleString('en-US')} new members (${ns.toFixed(0)} ns/op; best-round figure above: ${Math.round(1e9 / zaddNew1M).toLocaleString('en-US')} ops/s)`);
  }
}
