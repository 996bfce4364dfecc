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
