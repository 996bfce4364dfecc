// How long clients wait while `npm run serve` runs a BGSAVE (issue #23).
//
//   npm run bench:bgsave [-- -n 1000000] [-- --server path/to/main.ts]
//
// Starts the server in a temporary directory, loads -n keys (pipelined SETs, values of 10 to 50
// bytes, every 10th with a TTL), sends BGSAVE, and PINGs from another connection, one at a time,
// until the server logs "Background saving terminated with success". Prints the PINGs' p50,
// p99 and max latency during the save, the total save time (BGSAVE's reply to that log line)
// and the file's size. --server runs another main.ts (an older checkout) for before/after figures;
// --trace-gc shows the server's garbage collections among its log lines.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const keys = Number(arg('-n', '1000000'));
const serverMain = arg('--server', join(root, 'src/server/main.ts'));
/** --trace-gc: the server logs its garbage collections (shown with its lines after BGSAVE). */
const traceGc = process.argv.includes('--trace-gc');

/** One connection that sends raw RESP and counts replies by their line ends (simple replies only). */
class Conn {
  private buf = '';
  private wanted = 0;
  private onDone: (() => void) | null = null;
  private constructor(private readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf += d.toString('latin1');
      this.check();
    });
  }

  static open(port: number): Promise<Conn> {
    return new Promise((resolve, reject) => {
      const s = new Socket();
      s.setNoDelay(true);
      s.once('error', reject);
      s.connect(port, '127.0.0.1', () => resolve(new Conn(s)));
    });
  }

  /** Sends `raw` and resolves once `replies` lines have come back (with what came). */
  send(raw: string, replies = 1): Promise<string> {
    return new Promise((resolve) => {
      this.wanted = replies;
      this.onDone = () => {
        const got = this.buf;
        this.buf = '';
        resolve(got);
      };
      this.socket.write(raw, 'latin1');
      this.check();
    });
  }

  private check(): void {
    if (this.onDone === null) return;
    let lines = 0;
    for (let i = this.buf.indexOf('\r\n'); i >= 0; i = this.buf.indexOf('\r\n', i + 2)) lines++;
    if (lines >= this.wanted) {
      const done = this.onDone;
      this.onDone = null;
      done();
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

function cmd(...argv: string[]): string {
  let s = '*' + argv.length + '\r\n';
  for (const a of argv) s += '$' + a.length + '\r\n' + a + '\r\n';
  return s;
}

function startServer(dir: string): Promise<{ child: ChildProcess; port: number; log: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(traceGc ? ['--trace-gc'] : []), '--import', 'tsx', serverMain, '--port', '0', '--dir', dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: string[] = [];
    let pending = '';
    const onData = (d: Buffer): void => {
      pending += d.toString();
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        log.push(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
      const ready = log.find((l) => l.includes('Running mode=standalone, port='));
      if (ready !== undefined && log.some((l) => l.includes('Ready to accept connections'))) {
        resolve({ child, port: Number(/port=(\d+)/.exec(ready)![1]), log });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${log.join('\n')}`)));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bgsave-'));
  const { child, port, log } = await startServer(dir);
  try {
    const loader = await Conn.open(port);
    const t0 = performance.now();
    const batch = 10_000;
    for (let i = 0; i < keys; i += batch) {
      let raw = '';
      const n = Math.min(batch, keys - i);
      for (let j = i; j < i + n; j++) {
        raw +=
          j % 10 === 0 ? cmd('SET', `key:${j}`, `value:${j}:${'x'.repeat(j % 40)}`, 'EX', '86400') : cmd('SET', `key:${j}`, `value:${j}:${'x'.repeat(j % 40)}`);
      }
      await loader.send(raw, n);
    }
    console.log(`loaded ${keys} keys in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const pinger = await Conn.open(port);
    for (let i = 0; i < 1000; i++) await pinger.send(cmd('PING')); // warm up
    const before = log.length;
    const saved = (): boolean => log.slice(before).some((l) => l.includes('Background saving terminated'));

    const start = performance.now();
    const reply = await loader.send(cmd('BGSAVE'));
    const answered = performance.now();
    if (!reply.startsWith('+Background saving started')) throw new Error(`BGSAVE answered ${reply}`);
    const latencies: number[] = [];
    const slowest: [number, number][] = [];
    while (!saved()) {
      const t = performance.now();
      await pinger.send(cmd('PING'));
      const took = performance.now() - t;
      latencies.push(took);
      if (took > 20) slowest.push([took, t - start]);
    }
    const total = performance.now() - start;
    latencies.sort((a, b) => a - b);
    const size = statSync(join(dir, 'dump.rdb')).size;
    console.log(`BGSAVE answered in ${(answered - start).toFixed(1)} ms; saved in ${(total / 1000).toFixed(2)} s, ${(size / 1e6).toFixed(1)} MB`);
    if (latencies.length === 0) console.log('no PING was answered during the save');
    else {
      console.log(
        `${latencies.length} PINGs during the save: p50 ${percentile(latencies, 0.5).toFixed(2)} ms, ` +
          `p99 ${percentile(latencies, 0.99).toFixed(2)} ms, max ${latencies[latencies.length - 1]!.toFixed(2)} ms`,
      );
    }
    slowest.sort((a, b) => b[0] - a[0]);
    const shown = slowest.slice(0, 5).map(([took, at]) => `${took.toFixed(0)} ms at +${at.toFixed(0)} ms`);
    if (shown.length > 0) console.log(`slowest PINGs: ${shown.join(', ')}`);
    for (const l of log.slice(before)) console.log('  server: ' + l);
    loader.close();
    pinger.close();
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
