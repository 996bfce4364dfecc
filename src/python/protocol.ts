// The messages between the page and the Python worker (Pyodide), and the shared-memory channel
// through which Python waits for the engine. Python code is synchronous: `r.get(...)` must
// return the reply, but the engine lives in another worker and answers by message. So the Python
// worker posts a `bridge` request to the page and waits; the page runs the command on the one
// engine (its WorkerClient, as a terminal does) and answers. Where the browser can switch stacks
// (JSPI), the waiting Python thread is suspended and the answer comes back as a message, so the
// program's other threads run meanwhile; elsewhere the worker sleeps in Atomics.wait on the
// channel and the page writes the answer there. See docs/PYTHON.md.

/** Bytes of a channel: a header of Int32 cells, then the data area. */
export const CHANNEL_HEADER = 32;
export const CHANNEL_DATA = 1 << 20;

/** Header cells (Int32Array indexes). */
export const Cell = {
  /** An AnswerStatus. */
  status: 0,
  /** Bytes of data written after the header. */
  length: 1,
  /** A number answer (the connection id of `open`). */
  value: 2,
  /** Never written: `time.sleep` waits on it with a timeout. */
  sleep: 3,
  /**
   * The `seq` of the request answered, written after the rest of the answer: the worker waits
   * until it holds its own request's number (a request Stop abandoned is never answered late:
   * the page answers only the newest).
   */
  seq: 4,
} as const;

export const AnswerStatus = {
  ok: 0,
  /** recv: nothing arrived within the timeout. */
  timeout: 1,
  /** The connection is gone (QUIT, CLIENT KILL, the worker restarted). */
  closed: 2,
} as const;

export type BridgeRequest =
  /** A new connection of the engine (a client in CLIENT LIST). host/port are only reported. Answer: value = connection id. */
  | { op: 'open'; host: string; port: number; name: string }
  /** RESP commands for a connection, as a client writes them to a socket. */
  | { op: 'send'; conn: number; data: Uint8Array }
  /** Up to `max` bytes of replies, waiting up to `timeoutMs` (-1: forever) for the first. */
  | { op: 'recv'; conn: number; max: number; timeoutMs: number }
  | { op: 'close'; conn: number };

/** What the page answers a bridge request. */
export interface BridgeAnswer {
  status: number;
  /** A number answer (the connection id of `open`). */
  value: number;
  /** recv's bytes. */
  data?: Uint8Array;
}

/** How a request is answered: in the shared channel (the worker blocks), or by a message. */
export type AnswerBy = 'channel' | 'message';

export type ToPython =
  /** Sent once, before the first run; `switchStacks`: the page's browser has JSPI. */
  | { type: 'init'; indexURL: string; channel: SharedArrayBuffer; interrupt: SharedArrayBuffer; switchStacks: boolean }
  | { type: 'run'; id: number; code: string; filename: string }
  /** The answer to a bridge request sent with `by: 'message'`. */
  | ({ type: 'answer'; seq: number } & BridgeAnswer);

export type FromPython =
  /** Bytes of Pyodide downloaded so far (the WebAssembly, the standard library, the package list). */
  | { type: 'progress'; loaded: number; total: number }
  /** Pyodide is up; `ms` since the worker started loading it. */
  | { type: 'loaded'; ms: number }
  /** Pyodide could not start. */
  | { type: 'failed'; message: string }
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  /** The program's first connection: host and port mean the in-browser engine (said once a run). */
  | { type: 'connected'; host: string; port: number }
  /** The program's first time.sleep this run (the page says what a paused engine clock means). */
  | { type: 'sleeping' }
  /** The program ended on an import of a package this Python lacks (`pip`: its name for pip). */
  | { type: 'missing'; module: string; pip: string }
  /** Pyodide itself failed while running a program: the worker cannot run another. */
  | { type: 'crashed'; message: string }
  /** A run ended; ok false after an uncaught exception (its traceback went to stderr). */
  | { type: 'done'; id: number; ok: boolean }
  /** A request to the engine; the asking Python thread waits for the answer. */
  | ({ type: 'bridge'; seq: number; by: AnswerBy } & BridgeRequest);
