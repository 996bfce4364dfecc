// Differential testing: the same commands go to a real redis-server (started here on a free
// loopback port) and to our engine; replies are compared byte for byte as RESP.
//
//   const d = useDiff();                       // in a describe(): a server per test file
//   it('...', () => d.run([['SET', 'k', 'v'], ['GET', 'k']]));
//   const [a, b] = await d.clients(2);         // several connections for WATCH & co.
//
// Comparison is exact unless a command is marked unordered (Redis gives no fixed order), or
// the test takes both replies with `both()` and compares them itself.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Client } from '../../src/engine/client.js';
import { Engine, type EngineOptions } from '../../src/engine/engine.js';
import type { Reply } from '../../src/shared/reply.js';
import { encodeReply } from '../../src/protocol/encode.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { late } from '../../src/engine/late.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RealRedis {
  port: number;
  /** Its working directory (--dir): where its RDB and AOF files go. */
  dir: string;
  stop(): Promise<void>;
}

/** Starts Debian's redis-server on a free loopback port, without persistence. */
export async function startRealRedis(extraArgs: string[] = []): Promise<RealRedis> {
  const port = await freePort();
  // A directory of its own: a dump.rdb left in the working directory would be loaded at start
  // (with its replication offset), and the tests would compare against someone else's data.
  const dir = mkdtempSync(join(tmpdir(), 'redis-diff-'));
  const proc: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 10_000);
    proc.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run redis-server (install it: apt-get install redis-server): ${e.message}`));
    });
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    port,
    dir,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (proc.exitCode !== null) return done();
        proc.once('exit', done);
        proc.kill('SIGKILL');
      }),
  };
}

/**
 * Waits until the host's clock, which both servers read, is past `at` (Unix ms). With real TTLs
 * and timeouts this is the condition itself: take `at` as Date.now() + ttl once the reply that
 * set the TTL has come, and the key is expired on both sides when this returns. Nothing is sent,
 * so no key is touched (reading an expired key deletes it, which is often what a test looks at).
 */
export async function clockPast(at: number): Promise<void> {
  await expect.poll(() => Date.now(), { message: `the clock passing ${at}` }).toBeGreaterThan(at);
}

/** A RESP connection that returns each reply's raw bytes (a latin1 byte string). */
export class RespConnection {
  private buf = '';
  private waiters: ((raw: string) => void)[] = [];
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf += d.toString('latin1');
      this.drain();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w('<connection closed>');
    });
  }

  static connect(port: number): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const s = new Socket();
      s.setNoDelay(true);
      s.once('error', reject);
      s.connect(port, '127.0.0.1', () => resolve(new RespConnection(s)));
    });
  }

  /** Sends one command and resolves with the raw bytes of its reply. */
  send(argv: readonly string[]): Promise<string> {
    if (this.closed) return Promise.resolve('<connection closed>');
    let req = '*' + argv.length + '\r\n';
    for (const a of argv) req += '$' + a.length + '\r\n' + a + '\r\n';
    const p = new Promise<string>((resolve) => this.waiters.push(resolve));
    this.socket.write(Buffer.from(req, 'latin1'));
    return p;
  }

  /** Resolves with the next reply or push that arrives without a request (pub/sub, unblock). */
  next(): Promise<string> {
    const p = new Promise<string>((resolve) => this.waiters.push(resolve));
    this.drain();
    return p;
  }

  private drain(): void {
    while (this.waiters.length > 0 && this.buf.length > 0) {
      const parsed = parseReply(this.buf);
      if (parsed === null) return;
      const raw = this.buf.slice(0, parsed.end);
      this.buf = this.buf.slice(parsed.end);
      this.waiters.shift()!(raw);
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/** One of our engine's clients, speaking the same raw-bytes interface. */
export class EngineConnection {
  private pending: string[] = [];
  private waiters: ((raw: string) => void)[] = [];

  constructor(readonly client: Client) {
    client.deliver = (r) => this.push(encodeReply(r, client.resp));
  }

  send(argv: readonly string[]): Promise<string> {
    const reply = this.client.engine.execute(this.client, [...argv]);
    if (reply === null) return this.next();
    const raw = encodeReply(reply, this.client.resp);
    // Pushes delivered while the command ran (a message to oneself) come first, as on a socket.
    if (this.pending.length === 0) return Promise.resolve(raw);
    this.pending.push(raw);
    return this.next();
  }

  next(): Promise<string> {
    const ready = this.pending.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private push(raw: string): void {
    const w = this.waiters.shift();
    if (w) w(raw);
    else this.pending.push(raw);
  }

  close(): void {
    this.client.engine.closeClient(this.client);
  }
}

/** What a test sends through on either side. */
export interface Conn {
  send(argv: readonly string[]): Promise<string>;
  next(): Promise<string>;
  close(): void;
}

/** A command, or a command with how to compare its replies. */
export type Step = string[] | { argv: string[]; unordered?: boolean };

/** A connection to each side; `run` compares every reply. */
export class Pair<O extends Conn = EngineConnection> {
  constructor(
    readonly real: RespConnection,
    readonly ours: O,
  ) {}

  /** Both raw replies, for tests that compare in their own way. */
  async both(argv: string[]): Promise<{ real: string; ours: string }> {
    const real = await this.real.send(argv);
    const ours = await this.ours.send(argv);
    return { real, ours };
  }

  async run(steps: Step[]): Promise<void> {
    for (const step of steps) {
      const { argv, unordered } = Array.isArray(step) ? { argv: step, unordered: false } : step;
      const { real, ours } = await this.both(argv);
      const want = unordered ? canonical(real) : real;
      const got = unordered ? canonical(ours) : ours;
      expect(show(got), `reply to ${show(argv.join(' '))}`).toBe(show(want));
    }
  }
}

/** Sorts arrays and sets (recursively at the top level only) so unordered replies compare. */
function canonical(raw: string): string {
  const p = parseReply(raw);
  if (p === null) return raw;
  const r = p.reply;
  if ((r.t === 'array' || r.t === 'set') && r.v !== null) {
    const items = r.v.map((x) => encodeReply(x, 3)).sort();
    return `${r.t}[${items.join(',')}]`;
  }
  return raw;
}

/** Printable form of a byte string for assertion messages. */
export function show(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, (ch) => {
    if (ch === '\r') return '\\r';
    if (ch === '\n') return '\\n';
    return '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
  });
}

/** [T, T, …] with N elements, so `const [a, b] = await d.clients(2)` gives two Pairs. */
export type Tuple<T, N extends number, R extends T[] = []> = number extends N ? T[] : R['length'] extends N ? R : Tuple<T, N, [...R, T]>;

export interface DiffContext<O extends Conn = EngineConnection> {
  /** One connection pair made fresh for each test. */
  run(steps: Step[]): Promise<void>;
  both(argv: string[]): Promise<{ real: string; ours: string }>;
  /** More connection pairs for this test (closed after it). */
  clients<N extends number>(n: N): Promise<Tuple<Pair<O>, N>>;
  readonly pair: Pair<O>;
  readonly engine: Engine;
  readonly redis: RealRedis;
}

/**
 * Registers hooks in the current describe(): one real redis-server and one engine for the
 * file, both flushed before each test, fresh connections per test.
 */
export function useDiff(options?: { redisArgs?: string[]; engine?: EngineOptions }): DiffContext;
/**
 * With `overTcp`, our side is the engine behind our own TCP server (src/server), reached
 * through a socket as the real one is: for what the host does (a client held while a script runs).
 */
export function useDiff(options: { redisArgs?: string[]; engine?: EngineOptions; overTcp: true }): DiffContext<RespConnection>;
export function useDiff(options: { redisArgs?: string[]; engine?: EngineOptions; overTcp?: boolean } = {}): DiffContext<Conn> {
  let redis: RealRedis;
  let engine: Engine;
  let server: RunningServer | null = null;
  let pair: Pair<Conn>;
  let extra: Pair<Conn>[] = [];

  async function newPair(): Promise<Pair<Conn>> {
    const real = await RespConnection.connect(redis.port);
    const ours = server !== null ? await RespConnection.connect(server.port) : new EngineConnection(engine.createClient());
    return new Pair<Conn>(real, ours);
  }

  beforeAll(async () => {
    redis = await startRealRedis(options.redisArgs);
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    engine = new Engine({ late, ...options.engine });
    if (options.overTcp) server = await startServer({ engine, port: 0, host: '127.0.0.1' });
    pair = await newPair();
    await pair.real.send(['FLUSHALL']);
    await pair.real.send(['CONFIG', 'RESETSTAT']);
  });
  afterEach(async () => {
    for (const p of [pair, ...extra]) {
      p.real.close();
      p.ours.close();
    }
    extra = [];
    await server?.close();
    server = null;
  });

  return {
    run: (steps) => pair.run(steps),
    both: (argv) => pair.both(argv),
    async clients<N extends number>(n: N) {
      const made: Pair<Conn>[] = [];
      for (let i = 0; i < n; i++) made.push(await newPair());
      extra.push(...made);
      return made as Tuple<Pair<Conn>, N>;
    },
    get pair() {
      return pair;
    },
    get engine() {
      return engine;
    },
    get redis() {
      return redis;
    },
  };
}

export type { Reply };
