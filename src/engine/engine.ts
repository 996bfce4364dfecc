// The engine: databases, clients, the command table and the dispatcher (Redis's server.c
// processCommand/call). Pure TypeScript: it runs in the Web Worker, in Node and in tests.

import { Client, type ClientInfo } from './client.js';
import { systemClock, type Clock } from './clock.js';
import type { Command } from './command.js';
import { buildCommandTable, commandSpecs } from './commands/index.js';
import { Config } from './config.js';
import { Database } from './database.js';
import * as E from './errors.js';
import { expireIfNeeded } from './keyspace.js';
import { error, QUEUED, type Reply } from './reply.js';

/** A change to a key, with Redis's keyspace-notification event name ('set', 'del', 'expired'…). */
export interface ChangeEvent {
  db: number;
  key: string;
  event: string;
}

/** Where SAVE/BGSAVE put a snapshot: IndexedDB in the app, a file or memory in Node. */
export interface SnapshotStorage {
  save(snapshot: Uint8Array): void;
  load(): Uint8Array | null;
}

export interface EngineOptions {
  clock?: Clock;
  /** Uniform in [0, 1): RANDOMKEY, SPOP … (seedable in tests). */
  random?: () => number;
  config?: Record<string, string>;
  storage?: SnapshotStorage;
}

export interface Stats {
  totalCommands: number;
  totalConnections: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  expiredKeys: number;
  errorReplies: number;
  /** fullName → calls, failed calls (error replies), rejected calls (never ran). */
  commands: Map<string, { calls: number; failed: number; rejected: number; usec: number }>;
}

function newStats(): Stats {
  return {
    totalCommands: 0,
    totalConnections: 0,
    keyspaceHits: 0,
    keyspaceMisses: 0,
    expiredKeys: 0,
    errorReplies: 0,
    commands: new Map(),
  };
}

/** Commands that run immediately inside MULTI instead of being queued. */
const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

export class Engine {
  readonly clock: Clock;
  readonly random: () => number;
  readonly config: Config;
  readonly storage: SnapshotStorage | undefined;
  readonly dbs: Database[];
  readonly clients = new Map<number, Client>();
  readonly commands: Map<string, Command>;
  stats: Stats = newStats();
  readonly startedAt: number;
  /** Time of the command being run, in whole ms (Redis caches it per command too). */
  now: number;
  /** Set by hosts that can shut down (the TCP server); SHUTDOWN errors without it. */
  onShutdown: ((save: boolean) => void) | undefined;

  private nextClientId = 1;
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  /** 'db\0key' → clients watching it. */
  private readonly watchers = new Map<string, Set<Client>>();
  /** Per-database position of the active expiry cycle. */
  private expireCursors: (Iterator<[string, number]> | undefined)[];

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.config = new Config(options.config);
    this.storage = options.storage;
    const n = Number(this.config.get('databases'));
    this.dbs = Array.from({ length: n }, (_, i) => new Database(i));
    this.expireCursors = new Array(n).fill(undefined);
    this.commands = buildCommandTable(commandSpecs);
    this.now = Math.floor(this.clock.now());
    this.startedAt = this.now;
  }

  // ---- clients ---------------------------------------------------------------------------

  createClient(info: ClientInfo = {}): Client {
    this.now = Math.floor(this.clock.now());
    const c = new Client(this, this.nextClientId++, this.dbs[0]!, this.now, info);
    c.authenticated = this.config.requirepass === '';
    this.clients.set(c.id, c);
    this.stats.totalConnections++;
    return c;
  }

  /** Forgets the client: its watches go. Call when the tab or socket closes. */
  closeClient(c: Client): void {
    this.unwatchAll(c);
    this.clients.delete(c.id);
  }

  // ---- dispatch ----------------------------------------------------------------------------

  /**
   * Runs one command line for a client. Returns the reply, or null when there is none to send
   * now (an empty line, or a reply that will come later through `client.deliver`).
   */
  execute(c: Client, argv: string[]): Reply | null {
    if (argv.length === 0) return null;
    this.now = Math.floor(this.clock.now());
    c.lastInteraction = this.now;

    const cmd = this.lookupCommand(argv);
    if (cmd === undefined) {
      const container = this.commands.get(argv[0]!.toLowerCase());
      const msg = container?.subs
        ? E.unknownSubcommand(argv[1]!, argv[0]!)
        : E.unknownCommand(argv[0]!, argv.slice(1));
      return this.reject(c, msg);
    }
    const argc = argv.length;
    if ((cmd.arity > 0 && argc !== cmd.arity) || argc < -cmd.arity) {
      return this.reject(c, E.wrongArity(cmd.fullName), cmd);
    }
    if (!c.authenticated && !cmd.flags.includes('no_auth')) {
      return this.reject(c, E.NOAUTH, cmd);
    }
    if (c.multi !== null && !NOT_QUEUED.has(cmd.fullName)) {
      if (cmd.flags.includes('no_multi')) {
        return this.reject(c, 'ERR Command not allowed inside a transaction', cmd);
      }
      c.multi.push({ cmd, argv });
      return QUEUED;
    }
    return this.call(c, cmd, argv);
  }

  /** Finds the entry for argv: the command, or its subcommand for container commands. */
  lookupCommand(argv: readonly string[]): Command | undefined {
    const base = this.commands.get(argv[0]!.toLowerCase());
    if (base === undefined || base.subs === undefined || argv.length === 1) return base;
    return base.subs.get(argv[1]!.toLowerCase());
  }

  /** Runs a validated command (also used by EXEC for each queued command). */
  call(c: Client, cmd: Command, argv: string[]): Reply | null {
    const reply = cmd.handler!(c, argv);
    c.lastCommand = cmd.fullName;
    this.stats.totalCommands++;
    const st = this.commandStats(cmd);
    st.calls++;
    if (reply !== null && reply.t === 'error') {
      st.failed++;
      this.stats.errorReplies++;
    }
    return reply;
  }

  private reject(c: Client, message: string, cmd?: Command): Reply {
    if (c.multi !== null) c.multiError = true;
    if (cmd) this.commandStats(cmd).rejected++;
    this.stats.errorReplies++;
    return error(message);
  }

  private commandStats(cmd: Command) {
    let st = this.stats.commands.get(cmd.fullName);
    if (st === undefined) {
      st = { calls: 0, failed: 0, rejected: 0, usec: 0 };
      this.stats.commands.set(cmd.fullName, st);
    }
    return st;
  }

  // ---- change tracking -----------------------------------------------------------------------

  /** Every write to a key comes through here: WATCH breaks, blocked clients will wake (later). */
  signalModifiedKey(db: Database, key: string): void {
    if (this.watchers.size === 0) return;
    const set = this.watchers.get(db.id + '\0' + key);
    if (set) for (const w of set) w.dirtyCas = true;
  }

  /**
   * A keyspace event, named as Redis's notifyKeyspaceEvent names it. `type` is Redis's class
   * letter ('g' generic, '$' string, 'x' expired …). Listeners (the inspector) get all of them.
   */
  notify(_type: string, event: string, key: string, db: Database): void {
    if (this.listeners.size === 0) return;
    const e: ChangeEvent = { db: db.id, key, event };
    for (const l of this.listeners) l(e);
  }

  onChange(listener: (e: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- WATCH ---------------------------------------------------------------------------------

  watch(c: Client, db: Database, key: string): void {
    const id = db.id + '\0' + key;
    if (c.watched.has(id)) return;
    const when = db.expires.get(key);
    const expired = when !== undefined && when <= this.now && db.dict.has(key);
    c.watched.set(id, { db, key, expired });
    let set = this.watchers.get(id);
    if (set === undefined) this.watchers.set(id, (set = new Set()));
    set.add(c);
  }

  unwatchAll(c: Client): void {
    for (const id of c.watched.keys()) {
      const set = this.watchers.get(id);
      if (set) {
        set.delete(c);
        if (set.size === 0) this.watchers.delete(id);
      }
    }
    c.watched.clear();
    c.dirtyCas = false;
  }

  /** FLUSHDB/FLUSHALL/SWAPDB: every watcher of a key that exists in `db` (or `other`) is dirtied. */
  touchAllWatchedKeysInDb(db: Database, other?: Database): void {
    if (this.watchers.size === 0) return;
    const prefix = db.id + '\0';
    for (const [id, set] of this.watchers) {
      if (!id.startsWith(prefix)) continue;
      const key = id.slice(prefix.length);
      if (db.dict.has(key) || (other !== undefined && other.dict.has(key))) {
        for (const w of set) w.dirtyCas = true;
      }
    }
  }

  // ---- expiry --------------------------------------------------------------------------------

  /**
   * The active expiry cycle (Redis runs it hz times a second): looks at up to `budget` keys
   * with a TTL, resuming where the previous cycle stopped, and deletes the expired ones.
   */
  activeExpireCycle(budget = 200): number {
    this.now = Math.floor(this.clock.now());
    let deleted = 0;
    for (const db of this.dbs) {
      if (db.expires.size === 0) {
        this.expireCursors[db.id] = undefined;
        continue;
      }
      let it = this.expireCursors[db.id] ?? db.expires.entries();
      for (let i = 0; i < budget; i++) {
        let next = it.next();
        if (next.done) {
          it = db.expires.entries();
          next = it.next();
          if (next.done) break;
        }
        const [key, when] = next.value;
        if (when <= this.now && expireIfNeeded(this, db, key)) deleted++;
      }
      this.expireCursors[db.id] = it;
    }
    return deleted;
  }
}
