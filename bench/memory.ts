// Memory per key: the JavaScript heap our engine takes for 1M keys of each kind (after GC), the
// used_memory it reports for them, and real redis-server 7.0.15's used_memory for the same data
// (when it is installed). Run with `node --expose-gc` (npm run bench does).
//
//   node --expose-gc --import tsx bench/memory.ts [--keys 1000000]

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { memoryFigures } from '../src/engine/memory.js';

const arg = process.argv.indexOf('--keys');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 1_000_000;

const ten = (prefix: string) => Array.from({ length: 10 }, (_, j) => `${prefix}${j}`);
const datasets: [string, (i: number) => string[]][] = [
  ['small strings', (i) => ['SET', `key:${i}`, `value:${i}`]],
  ['hashes of 10', (i) => ['HSET', `hash:${i}`, ...ten('field').flatMap((f, j) => [f, `value${j}`])]],
  ['sets of 10', (i) => ['SADD', `set:${i}`, ...ten('member')]],
  ['sorted sets of 10', (i) => ['ZADD', `zset:${i}`, ...ten('member').flatMap((m, j) => [String(j), m])]],
];

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.log('memory: run with node --expose-gc (npm run bench does)');
  process.exit(0);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server, or null when there is none on this machine. */
async function startRedis(): Promise<{ port: number; stop: () => void } | null> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
  const ok = await new Promise<boolean>((resolve) => {
    proc.once('error', () => resolve(false));
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) resolve(true);
    });
  });
  if (!ok) return null;
  return {
    port,
    stop: () => {
      proc.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends commands in pipelines of 10,000 and counts the replies (each a line or a bulk). */
async function send(port: number, commands: Iterable<string[]>): Promise<string> {
  const s = new Socket();
  await new Promise<void>((resolve) => s.connect(port, '127.0.0.1', resolve));
  let last = '';
  let pending = 0;
  let wake: (() => void) | null = null;
  let buf = '';
  s.on('data', (d: Buffer) => {
    buf += d.toString('latin1');
    // Replies here are +OK, :n or one bulk string (INFO), counted by their line ends.
    for (;;) {
      if (buf.startsWith('$')) {
        const nl = buf.indexOf('\r\n');
        const len = Number(buf.slice(1, nl));
        if (nl < 0 || buf.length < nl + 2 + len + 2) break;
        last = buf.slice(nl + 2, nl + 2 + len);
        buf = buf.slice(nl + 2 + len + 2);
      } else {
        const nl = buf.indexOf('\r\n');
        if (nl < 0) break;
        buf = buf.slice(nl + 2);
      }
      if (--pending === 0 && wake) wake();
    }
  });
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    pending += batch.length;
    const done = new Promise<void>((resolve) => (wake = resolve));
    s.write(batch.join(''), 'latin1');
    batch = [];
    await done;
  };
  for (const argv of commands) {
    batch.push(`*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join(''));
    if (batch.length === 10_000) await flush();
  }
  await flush();
  s.destroy();
  return last;
}

/** The JavaScript heap and the typed arrays' buffers, which live outside it (keytable.ts). */
function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const usedOf = (info: string) => Number(/used_memory:(\d+)/.exec(info)![1]);

const redis = await startRedis();
console.log(`memory per key, ${N.toLocaleString('en-US')} keys of each kind:`);
for (const [name, make] of datasets) {
  // Ours: heap after GC, and the used_memory the engine reports (as Redis would).
  const engine = new Engine();
  const c = engine.createClient();
  gc();
  const heapBefore = heapBytes();
  const usedBefore = memoryFigures(engine).used;
  for (let i = 0; i < N; i++) engine.execute(c, make(i));
  gc();
  const heap = (heapBytes() - heapBefore) / N;
  const used = (memoryFigures(engine).used - usedBefore) / N;
  let line = `  ${name.padEnd(18)} our heap ${heap.toFixed(0).padStart(5)} B/key, our used_memory ${used.toFixed(0).padStart(5)} B/key`;
  if (redis !== null) {
    const before = usedOf(await send(redis.port, [['FLUSHALL'], ['INFO', 'memory']]));
    const gen = function* (): Iterable<string[]> {
      for (let i = 0; i < N; i++) yield make(i);
      yield ['INFO', 'memory'];
    };
    const after = usedOf(await send(redis.port, gen()));
    line += `, redis-server used_memory ${((after - before) / N).toFixed(0).padStart(5)} B/key`;
  }
  console.log(line);
}
if (redis === null) console.log('  (redis-server not installed: no figures of the real Redis)');
redis?.stop();
