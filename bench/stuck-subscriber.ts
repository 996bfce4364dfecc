// A subscriber that never reads, against `npm run serve` and a real redis-server: 64 messages of
// 1 MB are published to it (PUBLISH by PUBLISH, as fast as the server answers) and the server's
// memory is read before, at its peak and after. With the default client-output-buffer-limit
// (pubsub 32mb 8mb 60) both drop the subscriber at the hard limit; "ours, no limit" sets
// `pubsub 0 0 0` to show what an unbounded subscriber costs (what the server did before #23).
//
//   node --expose-gc --import tsx bench/stuck-subscriber.ts
//
// RSS is the server process's (/proc/<pid>/status); the second table runs our server inside this
// process and reads V8's heap, external and array-buffer bytes after a full GC, which is what
// the server holds (the subscriber's socket is paused, so its bytes wait in the kernel).

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { startServer } from '../src/server/server.js';
import { freePort, startAndWait, stop } from './processes.js';

const root = join(import.meta.dirname, '..');
const MB = 1024 * 1024;
const MESSAGES = 64;

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** One connection sending commands one at a time. */
class Conn {
  private buf = '';
  private waiting: ((s: string) => void) | null = null;
  private constructor(private readonly s: Socket) {
    s.on('data', (d: Buffer) => {
      this.buf += d.toString('latin1');
      const end = this.buf.indexOf('\r\n');
      if (end >= 0 && this.waiting !== null) {
        const line = this.buf.slice(0, end);
        this.buf = '';
        const w = this.waiting;
        this.waiting = null;
        w(line);
      }
    });
  }
  static open(port: number): Promise<Conn> {
    return new Promise((resolve) => {
      const s = new Socket();
      s.setNoDelay(true);
      s.connect(port, '127.0.0.1', () => resolve(new Conn(s)));
    });
  }
  /** The first line of the reply (enough for PUBLISH and CONFIG SET). */
  send(...argv: string[]): Promise<string> {
    let req = `*${argv.length}\r\n`;
    for (const a of argv) req += `$${a.length}\r\n${a}\r\n`;
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.s.write(req, 'latin1');
    });
  }
  close(): void {
    this.s.destroy();
  }
}

/** Subscribes, then stops reading. */
async function stuckSubscriber(port: number): Promise<Socket> {
  const s = new Socket();
  s.on('error', () => {});
  await new Promise<void>((resolve) => s.connect(port, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => {
    s.once('data', () => resolve());
    s.write('*2\r\n$9\r\nSUBSCRIBE\r\n$2\r\nch\r\n');
  });
  s.pause();
  return s;
}

interface Run {
  before: number;
  peak: number;
  after: number;
  later: number;
  delivered: number;
  seconds: number | null;
}

/** Publishes until the subscriber is dropped or MESSAGES were sent; `memory` reads the server's bytes. */
async function publishToStuck(port: number, memory: () => number, limit: string | null): Promise<Run> {
  const pub = await Conn.open(port);
  if (limit !== null) await pub.send('CONFIG', 'SET', 'client-output-buffer-limit', limit);
  const sub = await stuckSubscriber(port);
  const payload = 'x'.repeat(MB);
  const before = memory();
  let peak = before;
  let delivered = 0;
  let seconds: number | null = null;
  const start = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    const r = await pub.send('PUBLISH', 'ch', payload);
    peak = Math.max(peak, memory());
    if (r === ':0') {
      seconds = (performance.now() - start) / 1000;
      break;
    }
    delivered++;
  }
  // A few small round trips give the server turns of its event loop to let go.
  for (let i = 0; i < 20; i++) await pub.send('PING');
  const after = memory();
  // Allocators give memory back to the system lazily (jemalloc's decay, V8's heap shrinking).
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await pub.send('PING');
  const later = memory();
  pub.close();
  sub.destroy();
  return { before, peak, after, later, delivered, seconds };
}

const mb = (n: number) => (n / MB).toFixed(1).padStart(8);

function row(name: string, r: Run): void {
  const when = r.seconds === null ? 'never'.padStart(10) : `${r.seconds.toFixed(3)} s`.padStart(10);
  console.log(`${name.padEnd(18)}${mb(r.before)}${mb(r.peak)}${mb(r.after)}${mb(r.later)}${String(r.delivered).padStart(11)}${when}`);
}

async function main(): Promise<void> {
  console.log(`${MESSAGES} x 1 MB published to a subscriber that never reads\n`);
  console.log('server RSS, MB       before    peak   after  2 s on  delivered  dropped after');
  const realPort = await freePort();
  const real = await startAndWait('redis-server', ['--port', String(realPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  try {
    row('redis-server', await publishToStuck(realPort, () => rssOf(real.pid!), null));
  } finally {
    await stop(real);
  }
  for (const [name, limit] of [
    ['ours', null],
    ['ours, no limit', 'pubsub 0 0 0'],
  ] as const) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'stuck-sub-'));
    // What `npm run serve` runs (tsx src/server/main.ts), without npm's wrapper process.
    const child = await startAndWait(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--port', String(port), '--dir', dir]);
    try {
      row(name, await publishToStuck(port, () => rssOf(child.pid!), limit));
    } finally {
      await stop(child);
    }
  }

  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    console.log('\n(run with node --expose-gc for the heap figures)');
    return;
  }
  console.log('\nour server in this process, heap + external + array buffers after a full GC, MB');
  console.log('                     before    peak   after  2 s on  delivered  dropped after');
  for (const [name, limit] of [
    ['ours', null],
    ['ours, no limit', 'pubsub 0 0 0'],
  ] as const) {
    const engine = new Engine();
    const server = await startServer({ engine, port: 0, host: '127.0.0.1' });
    const held = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.external + m.arrayBuffers;
    };
    try {
      row(name, await publishToStuck(server.port, held, limit));
    } finally {
      await server.close();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
