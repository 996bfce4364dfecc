// How long clients wait while `npm run serve` runs a BGSAVE (issue #23).
//
//   npm run bench:bgsave [-- -n 1000000] [-- --server path/to/main.ts]
//   npm run bench:bgsave -- -n 100000 --big zset,hash,string,stream --writes
//
// Starts the server in a temporary directory, loads -n keys (pipelined SETs, values of 10 to 50
// bytes, every 10th with a TTL), sends BGSAVE, and PINGs from another connection, one at a time,
// until the server logs "Background saving terminated with success". Prints the PINGs' p50,
// p99 and max latency during the save, the total save time (BGSAVE's reply to that log line)
// and the file's size. --server runs another main.ts (an older checkout) for before/after figures;
// --trace-gc shows the server's garbage collections among its log lines.
//
// --big adds huge single keys: `zset` (2M members), `hash` (1M fields), `string` (500 MB) and
// `stream` (1M entries), --big-scale scaling their sizes (0.1: a tenth). --writes runs a third
// connection during the save that writes batches of 50 commands (SETs to the small keys and
// changes to the big sorted set, hash and stream, so the ones being written are changed
// mid-encoding) and reports the slowest batch with the PINGs: the longest any client waited is
// the "max stall". (The big string is left alone: an APPEND to 500 MB copies it, BGSAVE or not.)

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
const bigKinds = arg('--big', '')
  .split(',')
  .filter((k) => k !== '');
const bigScale = Number(arg('--big-scale', '1'));
const withWrites = process.argv.includes('--writes');

/** One connection that sends raw RESP and counts the replies (simple, integer and bulk ones). */
class Conn {
  private buf = '';
  /** Where the next reply starts in buf, and replies counted so far. */
  private at = 0;
  private got = 0;
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

  /** Sends `raw` and resolves once `replies` replies have come back (with what came). */
  send(raw: string, replies = 1): Promise<string> {
    return new Promise((resolve) => {
      this.wanted = replies;
      this.onDone = () => {
        const got = this.buf;
        this.buf = '';
        this.at = 0;
        this.got = 0;
        resolve(got);
      };
      this.socket.write(raw, 'latin1');
      this.check();
    });
  }

  private check(): void {
    if (this.onDone === null) return;
    for (;;) {
      const eol = this.buf.indexOf('\r\n', this.at);
      if (eol < 0) break;
      let end = eol + 2;
      if (this.buf[this.at] === '$') {
        const len = Number(this.buf.slice(this.at + 1, eol));
        if (len >= 0) end += len + 2;
        if (end > this.buf.length) break;
      }
      this.at = end;
      this.got++;
    }
    if (this.got >= this.wanted) {
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

/** Sends `raws` pipelined a few at a time; each raw is one command. */
async function pipeline(conn: Conn, raws: Iterable<string>, perBatch: number): Promise<void> {
  let raw = '';
  let n = 0;
  for (const r of raws) {
    raw += r;
    if (++n === perBatch) {
      await conn.send(raw, n);
      raw = '';
      n = 0;
    }
  }
  if (n > 0) await conn.send(raw, n);
}

function* bigCommands(kind: string): Generator<string> {
  const scaled = (n: number): number => Math.max(1, Math.round(n * bigScale));
  if (kind === 'zset') {
    const n = scaled(2_000_000);
    for (let i = 0; i < n; i += 1000) {
      const argv = ['ZADD', 'big:zset'];
      for (let j = i; j < Math.min(n, i + 1000); j++) argv.push(String((j * 7919) % 1_000_003), `member:${j}`);
      yield cmd(...argv);
    }
  } else if (kind === 'hash') {
    const n = scaled(1_000_000);
    for (let i = 0; i < n; i += 1000) {
      const argv = ['HSET', 'big:hash'];
      for (let j = i; j < Math.min(n, i + 1000); j++) argv.push(`field:${j}`, `value:${j % 1000}`);
      yield cmd(...argv);
    }
  } else if (kind === 'string') {
    const n = scaled(500 * 1024 * 1024);
    yield `*3\r\n$3\r\nSET\r\n$10\r\nbig:string\r\n$${n}\r\n` + 'abcdefghij'.repeat(Math.ceil(n / 10)).slice(0, n) + '\r\n';
  } else if (kind === 'stream') {
    const n = scaled(1_000_000);
    for (let i = 1; i <= n; i++) yield cmd('XADD', 'big:stream', `${i}-1`, 'sensor', String(i % 100), 'value', String(i));
  } else throw new Error(`--big: unknown kind ${kind}`);
}

async function loadBig(conn: Conn, kind: string): Promise<void> {
  await pipeline(conn, bigCommands(kind), kind === 'stream' ? 10_000 : 20);
}

/** Writes in batches of 50 until the save ends; the slowest batch's round trip. */
async function writeDuring(conn: Conn, saved: () => boolean, keys: number): Promise<{ batches: number; max: number }> {
  let max = 0;
  let batches = 0;
  for (let round = 0; !saved(); round++) {
    let raw = '';
    for (let i = 0; i < 50; i++) {
      const n = round * 50 + i;
      switch (n % 5) {
        case 0:
          raw += cmd('ZADD', 'big:zset', String(n), `member:${n % 1000}`);
          break;
        case 1:
          raw += cmd('HSET', 'big:hash', `field:${n % 1000}`, `changed:${n}`);
          break;
        case 2:
          raw += cmd('XADD', 'big:stream', '*', 'sensor', 'w', 'value', String(n));
          break;
        case 3:
          raw += cmd('SET', `key:${n % Math.max(1, keys)}`, `changed:${n}`);
          break;
        default:
          raw += cmd('SET', `written:${n}`, 'x');
      }
    }
    const t = performance.now();
    await conn.send(raw, 50);
    max = Math.max(max, performance.now() - t);
    batches++;
  }
  conn.close();
  return { batches, max };
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
    for (const kind of bigKinds) {
      const t1 = performance.now();
      await loadBig(loader, kind);
      console.log(`loaded the big ${kind} in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    }

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
    const writes = withWrites ? writeDuring(await Conn.open(port), saved, keys) : null;
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
    let stall = latencies.length === 0 ? total : latencies[latencies.length - 1]!;
    if (writes !== null) {
      const w = await writes;
      console.log(`${w.batches} write batches of 50 during the save: max ${w.max.toFixed(2)} ms`);
      stall = Math.max(stall, w.max);
    }
    console.log(`max stall: ${stall.toFixed(1)} ms`);
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
