// The one message protocol between the UI (main thread) and the engine's Web Worker.
// Both sides import this file. Every request carries an `id` chosen by the UI; the worker's
// answer carries the same id. Messages without an id are unsolicited (pushes, change events).
// Everything here survives structured clone: plain objects, strings, numbers, and the bigints
// some integer replies hold. Strings in argv, keys and replies are byte strings (codes 0-255).

import type { ChangeEvent } from '../engine/engine.js';
import type { Reply } from '../shared/reply.js';
import type { CommandDoc } from '../shared/command-doc.js';
import type { ClientView } from './clients-info.js';
import type { KeyDetails } from './inspect.js';
import type { Unreadable } from './saved-state.js';
import type { PersistenceView } from './persistence-view.js';
import type { MemoryView } from './memory-view.js';

/** What a `clock` message asks of the engine's shared clock. */
export type ClockAction = 'read' | 'pause' | 'resume' | 'advance' | 'real';

export type { ChangeEvent, ClientView, KeyDetails, MemoryView, PersistenceView, Reply, Unreadable };

/** The ports of the worker's servers: the first, whose data is kept, and the second (nodes.ts). */
export const FIRST_PORT = 6379;
export const SECOND_PORT = 6380;

/** Bumped on any incompatible change; the worker announces it in `ready`. */
export const PROTOCOL_VERSION = 2;

// ---- UI → worker ----------------------------------------------------------------------------

export type ToWorker =
  /**
   * Create a connection (a terminal tab); `resp`/`db` restore a previous one's state. `port`
   * 6380 connects to the second server (nodes.ts), started as a replica of the first. Answer: `opened`.
   */
  | { type: 'open'; id: number; resp?: 2 | 3; db?: number; name?: string; port?: number }
  /** Close a connection: its watches, tracking and transaction go. Answer: `closed` with the same id. */
  | { type: 'close'; id: number; clientId: number }
  /** Run one command line for a client. Answer: `result`. */
  | { type: 'run'; id: number; clientId: number; argv: string[] }
  /** One page of a database's keys for the inspector (SCAN-like cursor, 0 starts). Answer: `snapshot`. */
  | { type: 'snapshot'; id: number; db: number; cursor: number; count: number }
  /**
   * The engine's clock, which every client shares: read it, pause or resume it, move it
   * forward by `ms` (keys whose TTL passes expire at once), or put it back on real time,
   * running (`real`). Answer: `clock`.
   */
  | { type: 'clock'; id: number; action: ClockAction; ms?: number }
  /** The type and TTL of some keys (the inspector's update after change events). Answer: `keys`. */
  | { type: 'keys'; id: number; db: number; keys: string[] }
  /**
   * Key names starting with `prefix` (a byte string), for the editor's key completion: a SCAN
   * with MATCH prefix* from `cursor` (0 starts) that looks at no more than `count` keys (the
   * worker caps it), so a big database is never walked whole as KEYS would; at most `limit`
   * names come back. Answer: `scan-keys`, whose cursor continues the walk (0: done).
   */
  | { type: 'scan-keys'; id: number; db: number; prefix: string; cursor: number; count: number; limit: number }
  /** How many keys each database holds. Answer: `dbsizes`. */
  | { type: 'dbsizes'; id: number }
  /** Every connected client and its state. Answer: `clients`. */
  | { type: 'clients'; id: number }
  /** One key's details and a page of its value (elements from `offset`, or bytes of a string). Answer: `inspected`. */
  | { type: 'inspect'; id: number; db: number; key: string; offset: number; count: number }
  /** Forget the stored dataset that could not be loaded (`ready.unreadable`). Answer: `discarded`. */
  | { type: 'discard-unreadable'; id: number }
  /** The dataset as an RDB file (dump.rdb) or as redis-cli's lines of commands (.redis). Answer: `exported`. */
  | { type: 'export'; id: number; format: 'rdb' | 'redis' }
  /**
   * Replace the dataset with the files' (a dump.rdb, an AOF file, or an AOF directory's files
   * with its manifest), checked whole first; with `check`, only read them (nothing changes).
   * Answer: `imported`.
   */
  | { type: 'import'; id: number; files: DataFile[]; check?: boolean }
  /** The save points, the AOF's files and what the browser keeps (the inspector's persistence view). Answer: `persistence`. */
  | { type: 'persistence'; id: number }
  /** The used memory, maxmemory, the eviction policy and the keys evicted (the inspector's memory line). Answer: `memory`. */
  | { type: 'memory'; id: number };

/** The most bytes an `import` takes: a dataset this size is far past what a browser tab holds well. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** Why files cannot be loaded (the page words it); `reason`s are the loader's own, as Redis logs them. */
export type ImportProblem =
  | { kind: 'too-large'; mb: number }
  | { kind: 'needs-manifest' }
  | { kind: 'missing'; name: string }
  | { kind: 'not-data'; name: string }
  | { kind: 'cut'; name: string; at: number }
  | { kind: 'unreadable'; name: string; reason: string };

/** A file the page read, by name. */
export interface DataFile {
  name: string;
  bytes: Uint8Array;
}

// ---- worker → UI ----------------------------------------------------------------------------

/** A key as the inspector shows it. */
export interface KeyInfo {
  key: string;
  /** 'string' | 'list' | 'hash' | 'set' | 'zset' (TYPE's answer). */
  type: string;
  /** Remaining time to live in ms (PTTL), -1 without a TTL. */
  ttl: number;
  /** Length (string bytes, list, stream) or cardinality; and OBJECT ENCODING's answer. */
  size: number;
  encoding: string;
}

/** Connection state after a command, for the prompt ("127.0.0.1:6379[2](TX)>") and the UI. */
export interface ClientState {
  resp: 2 | 3;
  db: number;
  inMulti: boolean;
}

export type FromWorker =
  /**
   * The worker is up and handles requests (sent once, first), with the command table's
   * documentation for the terminal's HELP, hints and completion (the engine stays in the worker).
   */
  | {
      type: 'ready';
      version: number;
      commands: CommandDoc[];
      /** The stored dataset could not be loaded: it is kept aside (download it, or discard it) and the engine started empty. */
      unreadable?: Unreadable;
      /**
       * Another tab of the site owns the stored data and did not answer in this protocol (an
       * older version of the site): this engine is a read-only copy of it (writes answer
       * READONLY, as a replica's) and stores nothing.
       */
      elsewhere?: boolean;
    }
  /**
   * The tab whose engine this one relayed to, or whose data this one copied, has closed: the
   * page restarts this worker, which then owns the data or relays to the tab that took it.
   */
  | { type: 'owner-gone' }
  /**
   * The browser refused to store the data (private browsing, storage turned off, a full
   * quota): it lives only as long as the engine does. Sent once, to every tab.
   */
  | { type: 'storage-failed'; reason: string }
  /** Answer to `open`: the new connection's id (CLIENT ID's answer). */
  | { type: 'opened'; id: number; clientId: number }
  /**
   * A connection ended. `id` answers a `close`; null when the engine ended it (`reason` 'quit'
   * after QUIT's reply, 'killed' by CLIENT KILL from another client).
   */
  | { type: 'closed'; id: number | null; clientId: number; reason: 'close' | 'quit' | 'killed' }
  /**
   * Answer to `run`: everything the client received while the command ran, in order: the reply
   * then any pushes owed to it (RESP3 types kept). Empty when the reply comes later as `push`
   * (a blocked command) or CLIENT REPLY OFF/SKIP silenced it. State is the client's after it.
   */
  | ({
      type: 'result';
      id: number;
      clientId: number;
      replies: Reply[];
      /** The command blocked (BLPOP with no data): its reply comes later as a `push`. */
      blocked: boolean;
      /**
       * The command's script goes on running (blocked is set too): EVAL & co ('eval', which
       * SCRIPT KILL stops) or FCALL ('function', FUNCTION KILL).
       */
      script?: 'eval' | 'function';
      /** Set when a reply was too large to send whole: its first elements and bytes came (reply-cap.ts). */
      truncated?: true;
    } & ClientState)
  /** A reply or push a client received outside its own `run` (invalidations, unblocked replies, pub/sub). */
  | { type: 'push'; clientId: number; reply: Reply }
  /** Keyspace changes since the last batch, in order (the browser worker sends them at most every 15 ms). */
  | { type: 'changes'; events: ChangeEvent[] }
  /** Answer to `snapshot`: one page of keys; `cursor` 0 means the scan is complete; `size` = DBSIZE. */
  | { type: 'snapshot'; id: number; db: number; cursor: number; keys: KeyInfo[]; size: number }
  /** Answer to `clock`: the engine's time (ms), whether it stands still, how far ahead of real time it is. */
  | { type: 'clock'; id: number; now: number; paused: boolean; ahead: number }
  /** Answer to `keys`: in the order asked, null for a key that does not exist (or whose TTL passed). */
  | { type: 'keys'; id: number; db: number; keys: (KeyInfo | null)[] }
  /** Answer to `scan-keys`: the names found (expired keys left out), and the cursor to go on from (0: the walk is complete). */
  | { type: 'scan-keys'; id: number; db: number; cursor: number; keys: string[] }
  /** Answer to `dbsizes`: DBSIZE of each database. */
  | { type: 'dbsizes'; id: number; sizes: number[] }
  /** Answer to `clients`. */
  | { type: 'clients'; id: number; clients: ClientView[] }
  /** Answer to `inspect`: null when the key does not exist (or its TTL has passed). */
  | { type: 'inspected'; id: number; details: KeyDetails | null }
  /** Answer to `discard-unreadable`. */
  | { type: 'discarded'; id: number }
  /** Answer to `export`. */
  | { type: 'exported'; id: number; bytes: Uint8Array }
  /** Answer to `import`: the keys the files hold (or loaded), or why they cannot be loaded (nothing changed then). */
  | { type: 'imported'; id: number; keys: number; problem?: ImportProblem }
  /** Answer to `persistence`. */
  | { type: 'persistence'; id: number; view: PersistenceView }
  /** Answer to `memory`. */
  | { type: 'memory'; id: number; view: MemoryView }
  /** A request the worker could not do (bad message, unknown client); `id` null if it had none. */
  | { type: 'error'; id: number | null; message: string };

/** The minimal port both sides talk over: a Worker, `self` in the worker, a MessagePort, a fake. */
export interface Port {
  postMessage(message: unknown): void;
  onmessage: MessageHandler | null;
}

/** A message listener; declared as a method so that a DOM or Node MessagePort fits `Port`. */
export type MessageHandler = { handle(event: { data: unknown }): void }['handle'];
