// The page's side of the browser's Python: starts the Python worker on the first run, answers
// its requests for the engine through the page's WorkerClient (so a Python program is one more
// client of the one engine: its keys show in the terminals and the inspector, CLIENT LIST lists
// it), and carries its output, progress and the Stop button. The wait itself is in the worker
// (protocol.ts); here each answer is written into the shared channel or posted, as asked.

import { encodeReply } from '../protocol/encode.js';
import type { Reply } from '../shared/reply.js';
import type { RunResult } from '../worker/client.js';
import { AnswerStatus, CHANNEL_DATA, CHANNEL_HEADER, Cell, type AnswerBy, type BridgeRequest, type FromPython, type ToPython } from './protocol.js';

/** What the host needs of the engine: WorkerClient fits. */
export interface EngineConnections {
  open(options?: { name?: string }): Promise<number>;
  run(handle: number, argv: string[]): Promise<RunResult>;
  close(handle: number): Promise<void>;
  onPush(fn: (handle: number, reply: Reply) => void): () => void;
  onClosed(fn: (handle: number, reason: 'quit' | 'killed') => void): () => void;
}

export interface PythonEvents {
  output(stream: 'stdout' | 'stderr', text: string): void;
  progress(loaded: number, total: number): void;
  loaded(ms: number): void;
  failed(message: string): void;
  /** The program's first connection this run: host and port mean the in-browser engine. */
  connected(host: string, port: number): void;
  /** The program's first time.sleep (or asyncio.sleep) this run. */
  sleeping(): void;
  /** The program ended on importing a package this Python does not have. */
  missing(module: string, pip: string): void;
  /**
   * A command of the program ran (a blocked one once its reply came), with what it received
   * and the protocol and database its connection was left in: the lessons count it as the
   * learner's, as a workbench run's.
   */
  ran(handle: number, argv: readonly string[], replies: readonly Reply[], resp: 2 | 3, db: number): void;
  /**
   * The Python worker was replaced: the program had not stopped `stopGraceMs` after Stop, or
   * Pyodide failed (`message`). The run ended; the next one starts a fresh Python.
   */
  restarted(why: 'stop' | 'crash', message: string): void;
}

/** How long Stop waits for KeyboardInterrupt to end a program before it restarts the worker. */
export const STOP_GRACE_MS = 5000;

/**
 * Whether the browser can suspend a WebAssembly stack on a promise (JSPI): then the page's
 * Python has threads, each suspended while it waits (docs/PYTHON.md).
 */
export function canSwitchStacks(): boolean {
  return typeof (WebAssembly as { Suspending?: unknown }).Suspending === 'function';
}

/** Where Python can run: SharedArrayBuffer and Atomics.wait need a cross-origin isolated page. */
export function pythonAvailable(): boolean {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;
}

interface Conn {
  /** The engine's handle once opened. */
  handle: Promise<number>;
  /** Replies not yet read by Python, RESP-encoded. */
  inbound: Uint8Array[];
  /** Bytes Python sent that do not yet make a whole command. */
  partial: Uint8Array;
  /** Commands run one after another, as a socket's would. */
  queue: Promise<void>;
  /** Set while a command is blocked (BLPOP): its reply comes as a push (none if it ends unanswered). */
  unblock: ((reply?: Reply) => void) | null;
  closed: boolean;
}

interface PendingRecv {
  seq: number;
  by: AnswerBy;
  max: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export class PythonHost {
  private worker: Worker | null = null;
  private readonly channel = new SharedArrayBuffer(CHANNEL_HEADER + CHANNEL_DATA);
  private readonly ctl = new Int32Array(this.channel, 0, CHANNEL_HEADER / 4);
  private readonly data = new Uint8Array(this.channel, CHANNEL_HEADER, CHANNEL_DATA);
  private readonly interrupt = new Uint8Array(new SharedArrayBuffer(1));
  private readonly conns = new Map<number, Conn>();
  private readonly byHandle = new Map<number, number>();
  private readonly runs = new Map<number, (ok: boolean) => void>();
  private nextConn = 1;
  private nextRun = 1;
  /** The request the worker blocks on in the channel; any older one was abandoned. */
  private latest = 0;
  /** Set after Stop while a run goes on: when it fires, the worker is restarted. */
  private stopTimer: ReturnType<typeof setTimeout> | null = null;
  /** Each connection's recv waiting for bytes (a connection is one Python thread's). */
  private readonly recvs = new Map<number, PendingRecv>();
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly engine: EngineConnections,
    private readonly startWorker: () => Worker,
    /** Absolute URL of the folder with Pyodide's files (ends with '/'). */
    private readonly indexURL: string,
    private readonly events: PythonEvents,
    private readonly stopGraceMs = STOP_GRACE_MS,
  ) {
    this.unsubscribe = [
      engine.onPush((handle, reply) => {
        const id = this.byHandle.get(handle) ?? 0;
        const conn = this.conns.get(id);
        if (conn === undefined) return;
        this.deliver(id, encode(reply, 2));
        const unblock = conn.unblock;
        conn.unblock = null;
        unblock?.(reply);
      }),
      engine.onClosed((handle) => {
        const id = this.byHandle.get(handle) ?? 0;
        const conn = this.conns.get(id);
        if (conn === undefined) return;
        conn.closed = true;
        conn.unblock?.();
        this.flush(id);
      }),
    ];
  }

  /** Runs a program; resolves with false when it ended with an uncaught exception. */
  run(code: string, filename = '<workbench>'): Promise<boolean> {
    const worker = (this.worker ??= this.start());
    this.interrupt[0] = 0;
    const id = this.nextRun++;
    return new Promise<boolean>((resolve) => {
      this.runs.set(id, resolve);
      worker.postMessage({ type: 'run', id, code, filename } satisfies ToPython);
    });
  }

  /**
   * Raises KeyboardInterrupt in the running program (Pyodide's interrupt buffer, SIGINT). Python
   * sees it between bytecodes; a program still running `stopGraceMs` later (inside one long call
   * of a C function, say, or still loading) ends with its worker.
   */
  stop(): void {
    this.interrupt[0] = 2;
    if (this.runs.size === 0 || this.stopTimer !== null) return;
    this.stopTimer = setTimeout(() => {
      this.stopTimer = null;
      if (this.runs.size > 0) this.restart('stop', '');
    }, this.stopGraceMs);
  }

  private restart(why: 'stop' | 'crash', message: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.endConnections();
    for (const resolve of this.runs.values()) resolve(false);
    this.runs.clear();
    this.events.restarted(why, message);
  }

  dispose(): void {
    if (this.stopTimer !== null) clearTimeout(this.stopTimer);
    for (const u of this.unsubscribe) u();
    this.worker?.terminate();
    this.worker = null;
    this.endConnections();
    for (const resolve of this.runs.values()) resolve(false);
    this.runs.clear();
  }

  private start(): Worker {
    // A new worker numbers its requests from 1 again: no answer of the last one may pass for its.
    Atomics.store(this.ctl, Cell.seq, 0);
    this.latest = 0;
    const worker = this.startWorker();
    worker.onmessage = (event: MessageEvent<FromPython>) => this.receive(event.data);
    worker.postMessage({
      type: 'init',
      indexURL: this.indexURL,
      channel: this.channel,
      interrupt: this.interrupt.buffer,
      switchStacks: canSwitchStacks(),
    } satisfies ToPython);
    return worker;
  }

  private receive(msg: FromPython): void {
    switch (msg.type) {
      case 'output':
        this.events.output(msg.stream, msg.text);
        return;
      case 'progress':
        this.events.progress(msg.loaded, msg.total);
        return;
      case 'loaded':
        this.events.loaded(msg.ms);
        return;
      case 'failed':
        this.events.failed(msg.message);
        return;
      case 'connected':
        this.events.connected(msg.host, msg.port);
        return;
      case 'sleeping':
        this.events.sleeping();
        return;
      case 'missing':
        this.events.missing(msg.module, msg.pip);
        return;
      case 'crashed':
        this.restart('crash', msg.message);
        return;
      case 'done': {
        if (this.stopTimer !== null) clearTimeout(this.stopTimer);
        this.stopTimer = null;
        // A program's connections end with it, as a process's sockets do.
        this.endConnections();
        const resolve = this.runs.get(msg.id);
        this.runs.delete(msg.id);
        resolve?.(msg.ok);
        return;
      }
      case 'bridge':
        this.bridge(msg.seq, msg.by, msg);
        return;
    }
  }

  private bridge(seq: number, by: AnswerBy, request: BridgeRequest): void {
    if (by === 'channel') {
      this.latest = seq;
      // The worker asks again only once answered, or after Stop abandoned the wait.
      for (const [id, recv] of this.recvs) if (recv.by === 'channel') this.dropRecv(id);
    }
    const answer = (status: number, value = 0) => this.answer(seq, by, status, value);
    switch (request.op) {
      case 'open': {
        const id = this.nextConn++;
        const conn: Conn = {
          handle: this.engine.open(request.name ? { name: request.name } : {}),
          inbound: [],
          partial: new Uint8Array(0),
          queue: Promise.resolve(),
          unblock: null,
          closed: false,
        };
        conn.handle.then(
          (handle) => this.byHandle.set(handle, id),
          () => (conn.closed = true),
        );
        this.conns.set(id, conn);
        return answer(AnswerStatus.ok, id);
      }
      case 'send': {
        const conn = this.conns.get(request.conn);
        if (conn === undefined || conn.closed) return answer(AnswerStatus.closed);
        const { commands, rest } = splitCommands(concat(conn.partial, request.data));
        conn.partial = rest;
        for (const argv of commands) conn.queue = conn.queue.then(() => this.execute(request.conn, conn, argv));
        return answer(AnswerStatus.ok);
      }
      case 'recv': {
        const conn = this.conns.get(request.conn);
        if (conn === undefined) return answer(AnswerStatus.closed);
        this.dropRecv(request.conn); // a wait Stop abandoned
        const recv: PendingRecv = { seq, by, max: request.max, timer: null };
        this.recvs.set(request.conn, recv);
        if (request.timeoutMs >= 0) {
          recv.timer = setTimeout(() => {
            if (this.recvs.get(request.conn) !== recv) return;
            this.recvs.delete(request.conn);
            answer(AnswerStatus.timeout);
          }, request.timeoutMs);
        }
        this.flush(request.conn);
        return;
      }
      case 'close': {
        const conn = this.conns.get(request.conn);
        this.conns.delete(request.conn);
        this.dropRecv(request.conn);
        if (conn !== undefined) this.end(conn);
        return answer(AnswerStatus.ok);
      }
    }
  }

  /** One command on the engine; its replies (and pushes owed) become bytes for Python to read. */
  private async execute(id: number, conn: Conn, argv: string[]): Promise<void> {
    if (conn.closed) return;
    let result: RunResult;
    let handle: number;
    try {
      handle = await conn.handle;
      result = await this.engine.run(handle, argv);
    } catch {
      conn.closed = true;
      this.flush(id);
      return;
    }
    if (result.truncated) {
      // The page receives at most 10,000 elements or 1 MB of a reply (worker/reply-cap.ts).
      this.deliver(
        id,
        encode({ t: 'error', v: 'ERR this reply is too large for the browser (over 10,000 elements or 1 MB); npm run serve sends it whole' }, 2),
      );
      return;
    }
    for (const reply of result.replies) this.deliver(id, encode(reply, result.resp));
    if (!result.blocked) return this.events.ran(handle, argv, result.replies, result.resp, result.db);
    if (conn.closed) return;
    const late = await new Promise<Reply | undefined>((resolve) => (conn.unblock = resolve));
    if (late !== undefined) this.events.ran(handle, argv, [...result.replies, late], result.resp, result.db);
  }

  private deliver(id: number, bytes: Uint8Array): void {
    this.conns.get(id)?.inbound.push(bytes);
    this.flush(id);
  }

  /** Answers the connection's waiting recv if it can be answered now. */
  private flush(id: number): void {
    const recv = this.recvs.get(id);
    const conn = this.conns.get(id);
    if (recv === undefined || conn === undefined || (conn.inbound.length === 0 && !conn.closed)) return;
    this.dropRecv(id);
    if (conn.inbound.length === 0) return this.answer(recv.seq, recv.by, AnswerStatus.closed);
    this.answer(recv.seq, recv.by, AnswerStatus.ok, 0, take(conn.inbound, recv.max));
  }

  private dropRecv(id: number): void {
    const recv = this.recvs.get(id);
    if (recv?.timer != null) clearTimeout(recv.timer);
    this.recvs.delete(id);
  }

  private answer(seq: number, by: AnswerBy, status: number, value = 0, bytes?: Uint8Array): void {
    if (by === 'message') {
      // A copy: `take` may hand out a view of a queued reply.
      const data = bytes?.slice();
      this.worker?.postMessage({ type: 'answer', seq, status, value, ...(data && { data }) } satisfies ToPython, data ? [data.buffer] : []);
      return;
    }
    if (seq !== this.latest) return; // the worker gave up on it (Stop)
    const ctl = this.ctl;
    if (bytes !== undefined) this.data.set(bytes);
    Atomics.store(ctl, Cell.length, bytes?.length ?? 0);
    Atomics.store(ctl, Cell.status, status);
    Atomics.store(ctl, Cell.value, value);
    Atomics.store(ctl, Cell.seq, seq);
    Atomics.notify(ctl, Cell.seq);
  }

  private end(conn: Conn): void {
    conn.closed = true;
    conn.unblock?.();
    void conn.queue.then(() => conn.handle.then((handle) => this.engine.close(handle))).catch(() => undefined);
  }

  private endConnections(): void {
    for (const id of this.recvs.keys()) this.dropRecv(id);
    for (const conn of this.conns.values()) this.end(conn);
    this.conns.clear();
    this.byHandle.clear();
  }
}

/** A reply as RESP bytes (encodeReply gives a byte string: one char per byte). */
function encode(reply: Reply, resp: 2 | 3): Uint8Array {
  const text = encodeReply(reply, resp);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Up to `max` bytes from the front of the queue. */
function take(queue: Uint8Array[], max: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  while (queue.length > 0 && size < max) {
    const head = queue[0]!;
    const room = max - size;
    if (head.length <= room) {
      parts.push(head);
      size += head.length;
      queue.shift();
    } else {
      parts.push(head.subarray(0, room));
      queue[0] = head.subarray(room);
      size += room;
    }
  }
  return parts.length === 1 ? parts[0]! : parts.reduce(concat, new Uint8Array(0));
}

/**
 * Whole commands in what Python sent: our package writes only RESP arrays of bulk strings
 * (`*N\r\n$len\r\n...\r\n`). Arguments come out as byte strings, what the engine takes.
 */
export function splitCommands(buf: Uint8Array): { commands: string[][]; rest: Uint8Array } {
  const commands: string[][] = [];
  let pos = 0;
  const line = (from: number): { value: number; next: number } | null => {
    for (let i = from; i + 1 < buf.length; i++) {
      if (buf[i] === 13 && buf[i + 1] === 10) return { value: Number(bytesToString(buf.subarray(from + 1, i))), next: i + 2 };
    }
    return null;
  };
  outer: while (pos < buf.length) {
    const head = line(pos);
    if (head === null) break;
    const argv: string[] = [];
    let at = head.next;
    for (let k = 0; k < head.value; k++) {
      const len = line(at);
      if (len === null || len.next + len.value + 2 > buf.length) break outer;
      argv.push(bytesToString(buf.subarray(len.next, len.next + len.value)));
      at = len.next + len.value + 2;
    }
    commands.push(argv);
    pos = at;
  }
  return { commands, rest: buf.slice(pos) };
}

function bytesToString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}
