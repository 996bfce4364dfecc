// Round-trip latency of one command through the worker protocol: WorkerClient → MessageChannel
// (structured clone both ways) → EngineHost → Engine and back. No real Worker thread: this
// measures the protocol and cloning overhead the UI will see on top of the engine.
// Run: node --import tsx bench/worker.ts
import { WorkerClient } from '../src/worker/client.js';
import { EngineHost } from '../src/worker/engine-host.js';
import type { ToWorker } from '../src/worker/protocol.js';

const channel = new MessageChannel();
const host = new EngineHost((m) => channel.port2.postMessage(m));
channel.port2.onmessage = (e) => host.handle(e.data as ToWorker);
host.start();
const wc = new WorkerClient(() => channel.port1);
await wc.ready;
const h = await wc.open();
await wc.run(h, ['SET', 'key', 'value']);

const N = 10_000;
for (let i = 0; i < 1000; i++) await wc.run(h, ['GET', 'key']); // warm up
const samples = new Float64Array(N);
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const s = performance.now();
  await wc.run(h, ['GET', 'key']);
  samples[i] = performance.now() - s;
}
const total = performance.now() - t0;
samples.sort();
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
console.log(`worker protocol round trip, ${N.toLocaleString('en-US')} sequential GETs over an in-memory MessageChannel`);
console.log(
  `p50 ${us(samples[Math.floor(N * 0.5)]!)}  p99 ${us(samples[Math.floor(N * 0.99)]!)}  max ${us(samples[N - 1]!)}  (${Math.round(N / (total / 1000)).toLocaleString('en-US')} round trips/s)`,
);
channel.port1.close();
channel.port2.close();
