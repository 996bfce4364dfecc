// The UI side of the protocol: promises over any Port (a Worker, a MessagePort, a fake), with
// request-id bookkeeping, subscriptions for pushes, change events and ended connections, and a
// restart path for a dead worker.
//
// What a restart loses: the worker's engine is new, so every key in every database (unless the
// worker loads a saved snapshot itself), CONFIG SET changes, statistics, SLOWLOG, and per
// connection: MULTI queues, WATCHes, CLIENT TRACKING, CLIENT SETNAME, subscriptions and blocked
// commands. Requests in flight are rejected with WorkerRestartedError. What survives: each open
// connection is re-opened under the same handle with its last known RESP version and database
// (so the prompt stays right); its CLIENT ID changes.

import type { CommandDoc } from '../shared/command-doc.js';
import type {
  ChangeEvent,
  ClientState,
  ClockAction,
  ClientView,
  DataFile,
  KeyDetails,
  FromWorker,
  ImportProblem,
  KeyInfo,
  MemoryView,
  PersistenceView,
  Port,
  Reply,
  ToWorker,
  Unreadable,
} from './protocol.js';

export interface RunResult extends ClientState {
  /** Everything the client received while the command ran (see FromWorker 'result'). */
  replies: Reply[];
  /** The command blocked: its reply will come through onPush. */
  blocked: boolean;
  /** Its script goes on running (blocked too): 'eval' (SCRIPT KILL stops it) or 'function' (FUNCTION KILL). */
  script?: 'eval' | 'function';
  /** A reply was cut to what the page can show (see reply-cap.ts). */
  truncated: boolean;
}

export interface ClockState {
  /** The engine's time, ms since the epoch. */
  now: number;
  paused: boolean;
  /** How far ahead of real time it runs, ms. */
  ahead: number;
}

export interface SnapshotPage {
  db: number;
  /** Pass back for the next page; 0 when complete. */
  cursor: number;
  keys: KeyInfo[];
  /** Keys in the database (DBSIZE, counting keys whose TTL passed but are not yet deleted). */
  size: number;
}

/** The restart reason when the tab whose engine this tab used has closed ('owner-gone'). */
export const OWNER_GONE = 'the tab that ran it closed';

/** A request that was in flight when the worker died or was restarted. */
export class WorkerRestartedError extends Error {
  constructor(reason: string) {
    super(`worker restarted (${reason}): the request was lost; the data and connection state went with it`);
    this.name = 'WorkerRestartedError';
  }
}

/** An `error` message from the worker for a request. */
export class WorkerRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerRequestError';
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Request = DistributiveOmit<ToWorker, 'id'>;

interface Pending {
  resolve(msg: FromWorker): void;
  reject(err: Error): void;
}

interface Connection {
  /** The engine's client id, or null while (re)opening. */
  remote: number | null;
  /** Resolves once `remote` is known. */
  opening: Promise<number> | null;
  state: ClientState;
  /** The server it is connected to (SECOND_PORT: the second server); absent, the first. */
  port?: number;
}

/** A Port that can also be stopped (Worker.terminate). */
type DisposablePort = Port & { terminate?: () => void; onerror?: ((e: unknown) => void) | null };

export interface WorkerClientOptions {
  /** Restart by itself when the port reports an error (a Worker's onerror). Default true. */
  autoRestart?: boolean;
}

export class WorkerClient {
  /** Resolves with the protocol version once the (current) worker said `ready`. */
  ready!: Promise<number>;
  /** The command table's documentation the worker sent with `ready` (empty before). */
  commands: readonly CommandDoc[] = [];
  /** The stored dataset the (current) worker could not load and kept aside, or null. */
  unreadable: Unreadable | null = null;
  /** Another tab owns the stored data: this worker's engine is a read-only copy (`ready.elsewhere`). */
  elsewhere = false;
  /** Why the browser refused to store the data ('storage-failed'), or null. */
  storageFailed: string | null = null;
  private port!: DisposablePort;
  private nextId = 1;
  private nextHandle = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly conns = new Map<number, Connection>();
  /** Engine client id → handle. */
  private readonly byRemote = new Map<number, number>();
  private readonly pushListeners = new Set<(handle: number, reply: Reply) => void>();
  private readonly changeListeners = new Set<(events: ChangeEvent[]) => void>();
  private readonly closedListeners = new Set<(handle: number, reason: 'quit' | 'killed') => void>();
  private readonly restartListeners = new Set<(reason: string) => void>();
  private readonly errorListeners = new Set<(message: string) => void>();
  private readonly storageListeners = new Set<(reason: string) => void>();
  private readonly autoRestart: boolean;

  /** `connect` makes a new port (a new Worker); restart() calls it again. */
  constructor(
    private readonly connect: () => Port,
    options: WorkerClientOptions = {},
  ) {
    this.autoRestart = options.autoRestart ?? true;
    this.attach(connect());
  }

  /** Opens a connection; resolves with its handle (stable across restarts). */
  async open(options: { resp?: 2 | 3; db?: number; name?: string; port?: number } = {}): Promise<number> {
    const handle = this.nextHandle++;
    const conn: Connection = { remote: null, opening: null, state: { resp: options.resp ?? 2, db: options.db ?? 0, inMulti: false } };
    if (options.port !== undefined) conn.port = options.port;
    this.conns.set(handle, conn);
    try {
      await this.openRemote(handle, conn, options.name);
    } catch (e) {
      this.conns.delete(handle);
      throw e;
    }
    return handle;
  }

  /** Runs one command line (argv as byte strings) for a connection. */
  async run(handle: number, argv: string[]): Promise<RunResult> {
    const conn = this.conn(handle);
    const clientId = conn.remote ?? (await conn.opening!);
    const msg = await this.request({ type: 'run', clientId, argv });
    if (msg.type !== 'result') throw unexpected(msg);
    conn.state = { resp: msg.resp, db: msg.db, inMulti: msg.inMulti };
    const result: RunResult = {
      replies: msg.replies,
      blocked: msg.blocked,
      truncated: msg.truncated === true,
      resp: msg.resp,
      db: msg.db,
      inMulti: msg.inMulti,
    };
    if (msg.script !== undefined) result.script = msg.script;
    return result;
  }

  /** Closes a connection. */
  async close(handle: number): Promise<void> {
    const conn = this.conn(handle);
    const clientId = conn.remote ?? (await conn.opening!);
    this.forget(handle);
    await this.request({ type: 'close', clientId });
  }

  /** The engine's shared clock: read it, pause, resume, fast-forward it by `ms`, or back to real time. */
  async clock(action: ClockAction, ms?: number): Promise<ClockState> {
    const msg = await this.request(ms === undefined ? { type: 'clock', action } : { type: 'clock', action, ms });
    if (msg.type !== 'clock') throw unexpected(msg);
    return { now: msg.now, paused: msg.paused, ahead: msg.ahead };
  }

  /** Forgets the dataset kept aside because it could not be loaded. */
  async discardUnreadable(): Promise<void> {
    const msg = await this.request({ type: 'discard-unreadable' });
    if (msg.type !== 'discarded') throw unexpected(msg);
    this.unreadable = null;
  }

  /** The dataset as an RDB file (what dump.rdb holds), or as a `.redis` file of commands. */
  async exportData(format: 'rdb' | 'redis'): Promise<Uint8Array> {
    const msg = await this.request({ type: 'export', format });
    if (msg.type !== 'exported') throw unexpected(msg);
    return msg.bytes;
  }

  /**
   * Replaces the dataset with the files' (dump.rdb, or AOF): the keys loaded, or why nothing
   * changed. With `check`, only reads them: the keys they hold.
   */
  async importFiles(files: DataFile[], check = false): Promise<{ keys: number; problem?: ImportProblem }> {
    const msg = await this.request({ type: 'import', files, check });
    if (msg.type !== 'imported') throw unexpected(msg);
    return msg.problem === undefined ? { keys: msg.keys } : { keys: 0, problem: msg.problem };
  }

  /** The save points, the AOF's files and what the browser keeps. */
  async persistence(): Promise<PersistenceView> {
    const msg = await this.request({ type: 'persistence' });
    if (msg.type !== 'persistence') throw unexpected(msg);
    return msg.view;
  }

  /** The used memory against maxmemory, the eviction policy and the keys evicted. */
  async memory(): Promise<MemoryView> {
    const msg = await this.request({ type: 'memory' });
    if (msg.type !== 'memory') throw unexpected(msg);
    return msg.view;
  }

  /** Type and TTL of the given keys, in order (null: gone). */
  async keys(db: number, keys: string[]): Promise<(KeyInfo | null)[]> {
    const msg = await this.request({ type: 'keys', db, keys });
    if (msg.type !== 'keys') throw unexpected(msg);
    return msg.keys;
  }

  /**
   * Key names starting with `prefix` (a byte string) for the editor's completion: SCAN-based,
   * looking at no more than `count` keys from `cursor`, at most `limit` names. Continue from
   * the returned cursor for more (0: the database was walked whole).
   */
  async scanKeys(db: number, prefix: string, options: { cursor?: number; count?: number; limit?: number } = {}): Promise<{ cursor: number; keys: string[] }> {
    const { cursor = 0, count = 1000, limit = 50 } = options;
    const msg = await this.request({ type: 'scan-keys', db, prefix, cursor, count, limit });
    if (msg.type !== 'scan-keys') throw unexpected(msg);
    return { cursor: msg.cursor, keys: msg.keys };
  }

  /** Every connected client with its state (the clients panel). */
  async clients(): Promise<ClientView[]> {
    const msg = await this.request({ type: 'clients' });
    if (msg.type !== 'clients') throw unexpected(msg);
    return msg.clients;
  }

  /** DBSIZE of every database. */
  async dbSizes(): Promise<number[]> {
    const msg = await this.request({ type: 'dbsizes' });
    if (msg.type !== 'dbsizes') throw unexpected(msg);
    return msg.sizes;
  }

  /** A key's type, encoding, TTL, size and a page of its value; null when it does not exist. */
  async inspect(db: number, key: string, offset = 0, count = 100): Promise<KeyDetails | null> {
    const msg = await this.request({ type: 'inspect', db, key, offset, count });
    if (msg.type !== 'inspected') throw unexpected(msg);
    return msg.details;
  }

  /** One page of a database's keys with their type and TTL. */
  async snapshot(db = 0, cursor = 0, count = 100): Promise<SnapshotPage> {
    const msg = await this.request({ type: 'snapshot', db, cursor, count });
    if (msg.type !== 'snapshot') throw unexpected(msg);
    return { db: msg.db, cursor: msg.cursor, keys: msg.keys, size: msg.size };
  }

  /** The engine's CLIENT ID of a connection (changes on restart), or null while reopening. */
  remoteId(handle: number): number | null {
    return this.conns.get(handle)?.remote ?? null;
  }

  /** Whether the engine's client `clientId` is one of this page's connections. */
  ownsClient(clientId: number): boolean {
    return this.byRemote.has(clientId);
  }

  /** The last known state (RESP version, db, MULTI) of a connection. */
  state(handle: number): ClientState {
    return this.conn(handle).state;
  }

  onPush(fn: (handle: number, reply: Reply) => void): () => void {
    return subscribe(this.pushListeners, fn);
  }

  onChanges(fn: (events: ChangeEvent[]) => void): () => void {
    return subscribe(this.changeListeners, fn);
  }

  /** The engine ended a connection (QUIT, CLIENT KILL): its handle is gone. */
  onClosed(fn: (handle: number, reason: 'quit' | 'killed') => void): () => void {
    return subscribe(this.closedListeners, fn);
  }

  /** The browser refused to store the data: it will not outlive the tab. */
  onStorageFailed(fn: (reason: string) => void): () => void {
    return subscribe(this.storageListeners, fn);
  }

  /** The worker was replaced (data lost, connections re-opened). */
  onRestart(fn: (reason: string) => void): () => void {
    return subscribe(this.restartListeners, fn);
  }

  /** Errors the worker reported without a request to blame (e.g. in the expiry cycle). */
  onError(fn: (message: string) => void): () => void {
    return subscribe(this.errorListeners, fn);
  }

  /**
   * Replaces the worker: stops the old one, rejects requests in flight, starts a new one and
   * re-opens every connection with its last RESP version and database.
   */
  async restart(reason = 'restart requested'): Promise<void> {
    const old = this.port;
    old.onmessage = null;
    if (old.onerror !== undefined) old.onerror = null;
    try {
      old.terminate?.();
    } catch {
      // Already gone.
    }
    const lost = [...this.pending.values()];
    this.pending.clear();
    for (const p of lost) p.reject(new WorkerRestartedError(reason));
    this.byRemote.clear();
    this.attach(this.connect());
    for (const l of this.restartListeners) l(reason);
    const reopen: Promise<unknown>[] = [];
    for (const [handle, conn] of this.conns) {
      conn.remote = null;
      conn.state = { ...conn.state, inMulti: false };
      reopen.push(this.openRemote(handle, conn).catch(() => this.forget(handle)));
    }
    await Promise.all(reopen);
  }

  /** Kills the worker the way a crash would and recovers as from one (for tests of that path). */
  simulateCrash(): void {
    void this.restart('the worker died');
  }

  /** Stops the worker; every request in flight is rejected. */
  dispose(): void {
    this.port.onmessage = null;
    for (const p of this.pending.values()) p.reject(new WorkerRestartedError('disposed'));
    this.pending.clear();
    this.port.terminate?.();
  }

  // ---- internals ---------------------------------------------------------------------------

  private attach(port: Port): void {
    const p = port as DisposablePort;
    this.port = p;
    let markReady!: (v: number) => void;
    this.ready = new Promise((resolve) => (markReady = resolve));
    p.onmessage = (event) => {
      if (this.port !== p) return; // a message from a replaced worker
      this.receive(event.data as FromWorker, markReady);
    };
    if ('onerror' in p && this.autoRestart) {
      p.onerror = () => {
        if (this.port === p) void this.restart('the worker died');
      };
    }
  }

  private openRemote(handle: number, conn: Connection, name?: string): Promise<number> {
    const opening = this.request({
      type: 'open',
      resp: conn.state.resp,
      db: conn.state.db,
      ...(name !== undefined ? { name } : {}),
      ...(conn.port !== undefined ? { port: conn.port } : {}),
    }).then((msg) => {
      if (msg.type !== 'opened') throw unexpected(msg);
      if (this.conns.get(handle) !== conn) {
        // Closed while opening: tell the worker too.
        this.request({ type: 'close', clientId: msg.clientId }).catch(() => {});
        throw new WorkerRequestError('connection closed while opening');
      }
      conn.remote = msg.clientId;
      conn.opening = null;
      this.byRemote.set(msg.clientId, handle);
      return msg.clientId;
    });
    conn.opening = opening;
    return opening;
  }

  private request(req: Request): Promise<FromWorker> {
    const id = this.nextId++;
    return new Promise<FromWorker>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.port.postMessage({ ...req, id });
      } catch (e) {
        this.pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  private receive(msg: FromWorker, markReady: (v: number) => void): void {
    switch (msg.type) {
      case 'ready':
        this.commands = msg.commands;
        this.unreadable = msg.unreadable ?? null;
        this.elsewhere = msg.elsewhere === true;
        markReady(msg.version);
        return;
      case 'owner-gone':
        void this.restart(OWNER_GONE);
        return;
      case 'storage-failed':
        this.storageFailed ??= msg.reason;
        for (const l of this.storageListeners) l(msg.reason);
        return;
      case 'push': {
        const handle = this.byRemote.get(msg.clientId);
        if (handle !== undefined) for (const l of this.pushListeners) l(handle, msg.reply);
        return;
      }
      case 'changes':
        for (const l of this.changeListeners) l(msg.events);
        return;
      case 'closed':
        if (msg.id === null) {
          const handle = this.byRemote.get(msg.clientId);
          if (handle !== undefined) {
            this.forget(handle);
            for (const l of this.closedListeners) l(handle, msg.reason === 'killed' ? 'killed' : 'quit');
          }
          return;
        }
        break;
      case 'error':
        if (msg.id === null) {
          for (const l of this.errorListeners) l(msg.message);
          return;
        }
        break;
    }
    const id = 'id' in msg ? msg.id : null;
    if (id === null) return;
    const p = this.pending.get(id);
    if (p === undefined) return;
    this.pending.delete(id);
    if (msg.type === 'error') p.reject(new WorkerRequestError(msg.message));
    else p.resolve(msg);
  }

  private conn(handle: number): Connection {
    const c = this.conns.get(handle);
    if (c === undefined) throw new WorkerRequestError(`no connection ${handle}`);
    return c;
  }

  private forget(handle: number): void {
    const c = this.conns.get(handle);
    if (c === undefined) return;
    this.conns.delete(handle);
    if (c.remote !== null) this.byRemote.delete(c.remote);
  }
}

function subscribe<T>(set: Set<T>, fn: T): () => void {
  set.add(fn);
  return () => set.delete(fn);
}

function unexpected(msg: FromWorker): Error {
  return new WorkerRequestError(`unexpected answer '${msg.type}' from the worker`);
}
