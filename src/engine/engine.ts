// The engine: databases, clients, the command table and the dispatcher (Redis's server.c
// processCommand/call). Pure TypeScript: it runs in the Web Worker, in Node and in tests.

import { histogramBucket, latencySample } from './latency.js';
import { FLAG_NO_WRITES, scriptDeclaredFlags } from './scripting/flags.js';
import { Client, REPLY_OFF, REPLY_SKIP, REPLY_SKIP_NEXT, type ClientInfo } from './client.js';
import { systemClock, type Clock } from './clock.js';
import type { Command } from './command.js';
import { Blocking } from './blocking.js';
import type { Acl } from './acl.js';
import { ACL_OK, nopermError } from './acl-denial.js';
import type { RObj } from './objects.js';
import type { Evictor } from './evict.js';
import type { ReplicationMaster } from './replication.js';
import type { MasterLink } from './replica.js';
import { ClientPause } from './pause.js';
import { buildCommandTable, commandSpecs } from './commands/index.js';
import { redactedArgv, slowlogRecord } from './slowlog.js';
import type { Tracker } from './tracking.js';
import { Config } from './config.js';
import { Database } from './database.js';
import * as E from '../shared/errors.js';
import { expireIfNeeded } from './keyspace.js';
import { commandKeys } from './getkeys.js';
import type { SnapshotJob } from './snapshot-job.js';
import { notifyClassFlag, PubSub } from './pubsub.js';
import { error, QUEUED, type Reply } from '../shared/reply.js';
import type { Scripting } from './scripting/scripting.js';
import type { schotter, skyline } from './lolwut.js';
import { Propagation, PROP_FORCE, PROP_FORCE_REPL, PROP_PREVENT } from './propagate.js';
import type { AppendOnlyFile } from './aof.js';
import { busyError, ScriptRun, STEP_MS, STEP_SLICES, type ScriptRunSpec } from './scripting/script-run.js';
import type { Connector, MigrateLinks } from './outgoing.js';

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
  /**
   * Writes a snapshot given in pieces without blocking the host (a background save), failing
   * with save()'s messages. Nothing replaces the stored snapshot if `wanted()` is false by the
   * end (the save was cancelled meanwhile).
   */
  saveInBackground?(chunks: readonly Uint8Array[], wanted: () => boolean): Promise<void>;
}

/**
 * The aclfile on the host's disk, for the users loaded at start, ACL LOAD and ACL SAVE: the TCP
 * server's (server/file-acl.ts); the browser has none. `path` is the aclfile parameter as given,
 * opened relative to the host's working directory as Redis opens it.
 */
export interface AclFileStorage {
  /** The file's bytes; throws an Error whose message is strerror's text when it cannot be read. */
  load(path: string): Uint8Array;
  /**
   * Replaces the file by way of a temporary file renamed over it (a crash leaves the old file or
   * the new one); throws an Error whose message is the line Redis logs when that fails.
   */
  save(path: string, bytes: Uint8Array): void;
}

/** Redis's log levels as its lines mark them: '.' debug, '-' verbose, '*' notice, '#' warning. */
export type LogLevel = '.' | '-' | '*' | '#';
/** Who writes a log line, Redis's role letter: M the server, C a saving child (BGSAVE's lines). */
export type LogRole = 'M' | 'C';

export interface EngineOptions {
  clock?: Clock;
  /** The host's process id, for the lines Redis logs with one (BGSAVE's "started by pid"). */
  processId?: number;
  /** Uniform in [0, 1): RANDOMKEY, SPOP … (seedable in tests). */
  random?: () => number;
  config?: Record<string, string>;
  storage?: SnapshotStorage;
  /** Where the aclfile parameter's file is read and written; without it there is no aclfile. */
  aclFile?: AclFileStorage;
  /**
   * Monotonic time in ms for how long a script has run (busy-reply-threshold): a host's
   * performance.now. Default: the clock, which a person may pause.
   */
  monotonic?: () => number;
  /**
   * Lua, the HELP lines and LOLWUT's drawings: `late` from engine/late.ts. Not imported here, as
   * they are a fifth of the engine's code: the browser's worker fetches them after its first
   * prompt and hands them over with `provideLate`. Without them, EVAL, FCALL, FUNCTION LOAD, the
   * HELP subcommands and LOLWUT answer an error.
   */
  late?: LateParts;
  /**
   * Opens TCP connections to other servers, for MIGRATE (outgoing.ts): the TCP server's host
   * gives one. Without it (the browser) MIGRATE answers that it cannot connect.
   */
  connect?: Connector;
}

/**
 * What DEBUG changes (commands/debug.ts): server-wide switches that Redis keeps as globals,
 * each at its Redis default until DEBUG sets it.
 */
export interface DebugSettings {
  /** DEBUG SET-ACTIVE-EXPIRE: whether serverCron runs the active expiry cycle. */
  activeExpire: boolean;
  /** DEBUG PAUSE-CRON: serverCron skips all its work. */
  pauseCron: boolean;
  /** DEBUG QUICKLIST-PACKED-THRESHOLD: list elements this long or longer get plain nodes. */
  quicklistPackedThreshold: number;
  /** DEBUG REPLYBUFFER RESIZING: clientsCron resizes reply buffers. */
  replyBufferResizing: boolean;
  /** DEBUG REPLYBUFFER PEAK-RESET-TIME in ms; -1 never resets the peak. */
  replyBufferPeakResetMs: number;
  /** DEBUG SET-DISABLE-DENY-SCRIPTS: scripts may run commands flagged noscript. */
  disableDenyScripts: boolean;
}

/** Redis's defaults for what DEBUG changes. */
export function defaultDebugSettings(): DebugSettings {
  return {
    activeExpire: true,
    pauseCron: false,
    quicklistPackedThreshold: 1 << 30,
    replyBufferResizing: true,
    replyBufferPeakResetMs: 5000,
    disableDenyScripts: false,
  };
}

/** Makes an engine's Lua state, script cache and script client. */
export type ScriptingFactory = (engine: Engine) => Scripting;

/** What the engine needs only after the browser's first prompt (engine/late.ts). */
export interface LateParts {
  scripting: ScriptingFactory;
  /** Each container's HELP lines (help-lines.ts), by container name. */
  helpLines: Readonly<Record<string, readonly string[]>>;
  lolwut: { schotter: typeof schotter; skyline: typeof skyline };
  /**
   * Point-in-time snapshots made in steps (snapshot-job.ts): what a background save and the
   * browser's autosave use, never needed before the first prompt.
   */
  snapshotJob: typeof SnapshotJob;
  /**
   * Gives the engine an AOF whose files are kept in memory (aof.ts): the browser's, where
   * CONFIG SET appendonly yes makes the files the inspector shows. The browser keeps the data
   * itself another way (its journal), so these files go with the tab.
   */
  memoryAof: (engine: Engine) => void;
  /** maxmemory's evictions (evict.ts), made for the engine when the late parts come. */
  evictor: (engine: Engine) => Evictor;
  /** MEMORY USAGE's figure for a key (memory-commands.ts), which the inspector shows too. */
  keyMemory: (engine: Engine, key: string, obj: RObj) => number;
  /** Commands whose work is late (command-decl.ts lateHandler), by name. */
  handlers: Readonly<Record<string, (c: Client, argv: string[]) => Reply | null>>;
  /** DEBUG's subcommands (debug.ts). */
  debug: (c: Client, argv: string[]) => Reply;
  /** INFO's text (info.ts). */
  info: (engine: Engine, sections: readonly string[]) => string;
  /** ACL users and rules (acl.ts). */
  acl: (engine: Engine) => Acl;
  /** MIGRATE's work (migrate.ts): its connections, its exchange with the target. */
  migrate: (c: Client, argv: string[]) => Reply | null;
  /** Makes the engine a replica of host:port, as `replicaof` at startup does (replica.ts). */
  replicaOf: (engine: Engine, host: string, port: number) => void;
}

export interface Stats {
  totalCommands: number;
  totalConnections: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  expiredKeys: number;
  /** Keys maxmemory evicted (INFO's evicted_keys). */
  evictedKeys: number;
  /** Replicas given the whole dataset, and PSYNCs that continued or could not (INFO's sync_*). */
  syncFull: number;
  syncPartialOk: number;
  syncPartialErr: number;
  /** Values freed in the background (INFO's lazyfreed_objects): big ones UNLINKed, flushed ASYNC … */
  lazyfreedObjects: number;
  /** Commands with a latency histogram (latency-tracking): each holds memory used_memory counts. */
  latencyHistograms: number;
  errorReplies: number;
  /** SAVE and BGSAVE runs (INFO's rdb_saves; CONFIG RESETSTAT clears it, as in Redis). */
  rdbSaves: number;
  /** clientsCron's reply buffer resizes (INFO's reply_buffer_shrinks and _expands). */
  replyBufferShrinks: number;
  replyBufferExpands: number;
  /** fullName → calls, failed calls (error replies), rejected calls (never ran). */
  /** Per command: its calls, µs, and (with latency-tracking) its calls by histogramBucket. */
  commands: Map<string, { calls: number; failed: number; rejected: number; usec: number; histogram: number[] | null }>;
  /** Error code ('ERR', 'WRONGTYPE' …) → error replies sent with it (INFO errorstats). */
  errorCodes: Map<string, number>;
}

function newStats(): Stats {
  return {
    totalCommands: 0,
    totalConnections: 0,
    keyspaceHits: 0,
    keyspaceMisses: 0,
    expiredKeys: 0,
    evictedKeys: 0,
    syncFull: 0,
    syncPartialOk: 0,
    syncPartialErr: 0,
    lazyfreedObjects: 0,
    latencyHistograms: 0,
    errorReplies: 0,
    rdbSaves: 0,
    replyBufferShrinks: 0,
    replyBufferExpands: 0,
    commands: new Map(),
    errorCodes: new Map(),
  };
}

/** CMD_TOUCHES_ARBITRARY_KEYS: the keys they lazily expire propagate as DELs outside MULTI. */
const TOUCHES_ARBITRARY_KEYS = new Set(['randomkey', 'scan']);

/** Commands that run immediately inside MULTI instead of being queued. */
const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

/** What a RESP2 client may run while subscribed (Redis's processCommand list). */
const PUBSUB_CONTEXT = new Set(['ping', 'subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset']);

export class Engine {
  readonly clock: Clock;
  readonly random: () => number;
  readonly config: Config;
  readonly storage: SnapshotStorage | undefined;
  /** EngineOptions.aclFile, null where the host has no files (ACL LOAD and SAVE then refuse). */
  readonly aclFile: AclFileStorage | null;
  readonly dbs: Database[];
  readonly clients = new Map<number, Client>();
  readonly commands: Map<string, Command>;
  stats: Stats = newStats();
  readonly startedAt: number;
  /** Time of the command being run, in whole ms (Redis caches it per command too). */
  now: number;
  readonly processId: number;
  readonly monotonic: () => number;
  /**
   * The script that outlived its first slice (EVAL, FCALL), until it ends; the host steps it
   * with stepScript() and holds what holds(c) says waits.
   */
  scriptRun: ScriptRun | null = null;
  /**
   * Set by a host that steps scripts: called when one outlives its first slice, so the host
   * calls stepScript() until scriptRun is null. Without it a script runs to its end at once.
   */
  onScriptRun: (() => void) | null = null;
  /**
   * Set by hosts that can shut down (the TCP server): called once the shutdown succeeded (the
   * final save, if any, is on disk), to close and exit. SHUTDOWN errors without it.
   */
  onShutdown: (() => void) | undefined;
  /** Where the engine's log lines go (Redis's serverLog); a host with a log sets it. */
  log: (level: LogLevel, message: string, role?: LogRole) => void = () => {};
  /**
   * Redis's shutdown_asap: a signal asked for a shutdown that the host's next cron tick will
   * run (commands/shutdown.ts); SHUTDOWN ABORT cancels it before then.
   */
  shutdownAsap = false;

  // Persistence bookkeeping (persistence.ts; LASTSAVE and INFO persistence read it).
  /** Unix ms of the last successful save; the start time until then, as in Redis. */
  lastSave: number;
  /** Key modifications since the last successful save (rdb_changes_since_last_save). */
  changesSinceLastSave = 0;
  /** rdb_last_bgsave_status: false after a failed BGSAVE, true again after a good save. */
  lastBgsaveOk = true;
  /** rdb_last_bgsave_time_sec: -1 until a BGSAVE ran. */
  lastBgsaveTimeSec = -1;
  /** Unix ms of the last BGSAVE attempt (lastbgsave_try: failed automatic saves wait after it). */
  lastBgsaveTry = 0;
  /** rdb_bgsave_scheduled: a BGSAVE asked for inside EXEC waits for the transaction's end. */
  bgsaveScheduled = false;
  /**
   * Set by a host that steps background saves (the TCP server): BGSAVE and the save points then
   * start a SnapshotJob (engine.bgsave) and call this so the host advances it between requests
   * (persistence.ts stepBackgroundSave); without it BGSAVE saves at once.
   */
  onBackgroundSave: (() => void) | null = null;
  /** The background save in progress (Redis's RDB child), with what it started with. */
  bgsave: { job: SnapshotJob; startedAt: number; dirtyBefore: number } | null = null;
  /** rdb_last_load_keys_loaded / rdb_last_load_keys_expired of the last snapshot load. */
  lastLoadKeysLoaded = 0;
  lastLoadKeysExpired = 0;
  /**
   * Writes are refused as a read-only replica refuses them: the browser's engine in a tab that
   * does not own the stored data (another tab of the site does).
   */
  replicaReadOnly = false;
  /** Redis's server.loading: an AOF is being replayed (expiries in the past keep their keys). */
  loading = false;
  /** True while EXEC runs the queued commands (Redis's server.in_exec): EXEC sets it. */
  inExec = false;
  /** The client whose command line is running (Redis's server.current_client), else null. */
  currentClient: Client | null = null;
  /** CLIENT TRACKING's tables, once a client used it. */
  tracker: Tracker | null = null;
  /** Clients blocked by BLPOP & co. and the keys they wait on (blocking.ts). */
  readonly blocking: Blocking;
  /** CLIENT PAUSE: its mode and deadline, and the commands it holds (pause.ts). */
  readonly pause: ClientPause;
  /**
   * maxmemory's evictions and the running memory account (evict.ts): a late part, null until it
   * comes (in the browser, a moment after the first prompt: until then nothing is evicted).
   */
  evictor: Evictor | null = null;
  /** The replicas and the stream they follow, from the first SYNC or PSYNC on (replication.ts). */
  replication: ReplicationMaster | null = null;
  /** REPLICAOF host port: the link to the master this engine replicates (replica.ts). */
  masterLink: MasterLink | null = null;
  /** Pub/sub channels, patterns and MONITOR clients (pubsub.ts). */
  readonly pubsub = new PubSub();
  /**
   * ACL users, their rules and the ACL LOG (acl.ts), from the late parts; until they come only
   * the default user exists, with every permission and requirepass as its password.
   */
  acl: Acl | null = null;
  /** What writes propagate, and the feeds (AOF, journal) that take it (propagate.ts). */
  readonly propagation = new Propagation();
  /** The append only file, where the host gave it a directory (aof.ts attachAof); else null. */
  aof: AppendOnlyFile | null = null;
  /** How MIGRATE opens connections (EngineOptions.connect), null where it cannot. */
  readonly connect: Connector | null;
  /** MIGRATE's connections to its targets, cached per host:port (outgoing.ts); made by the first MIGRATE. */
  migrateLinks: MigrateLinks | null = null;
  /** Server-wide switches DEBUG turns (commands/debug.ts). */
  readonly debugSettings: DebugSettings = defaultDebugSettings();
  /** ClientsPeakMemOutput: the largest client omem of each of the last seconds (output-buffer.ts). */
  readonly clientsPeakOutput: number[] = new Array<number>(8).fill(0);

  /** Command names as clients spell them → table entry (a cache over the lower-case table). */
  private readonly spellings = new Map<string, Command>();
  /** A fresh redis-server gives its first connection id 3: ids 1 and 2 go to internal clients at startup. */
  private nextClientId = 3;
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
    this.aclFile = options.aclFile ?? null;
    this.late = options.late ?? null;
    if (this.late !== null) this.evictor = this.late.evictor(this);
    this.processId = options.processId ?? 1;
    const clock = this.clock;
    this.monotonic = options.monotonic ?? (() => clock.now());
    const n = Number(this.config.get('databases'));
    this.dbs = Array.from({ length: n }, (_, i) => new Database(i));
    this.expireCursors = new Array<undefined>(n).fill(undefined);
    this.commands = buildCommandTable(commandSpecs);
    // CONFIG SET requirepass sets the default user's password (updateRequirePass).
    this.config.onRequirepass = (pass) => this.acl?.updateDefaultPassword(pass);
    this.blocking = new Blocking(this);
    this.pause = new ClientPause(this);
    this.connect = options.connect ?? null;
    this.now = Math.floor(this.clock.now());
    this.startedAt = this.now;
    this.lastSave = this.now;
    // Last: the ACL's default user reads the command table.
    this.startAcl();
  }

  private scriptingState: Scripting | null = null;
  /** Lua, the HELP lines and LOLWUT (EngineOptions.late); null until the worker has them. */
  late: LateParts | null;

  /** EVAL's Lua state, script cache and script client, made on first use; null without Lua. */
  get scripting(): Scripting | null {
    if (this.scriptingState === null && this.late !== null) {
      const scripting = (this.scriptingState = this.late.scripting(this));
      const codes = this.pendingLibraries;
      if (codes !== null) {
        this.pendingLibraries = null;
        const made = scripting.functions.loadAll(codes);
        if (typeof made === 'string') this.log('#', `Failed loading library, ${made}`);
        else scripting.functions.ctx = made;
      }
    }
    return this.scriptingState;
  }

  /**
   * Libraries an RDB file brought before Lua was here (the worker's first load): their code,
   * loaded when Lua comes and saved as it is until then, so no snapshot drops them.
   */
  pendingLibraries: readonly string[] | null = null;

  /** The late parts for an engine made without them (the worker's, once their chunk has loaded). */
  provideLate(parts: LateParts): void {
    this.late ??= parts;
    this.evictor ??= this.late.evictor(this);
    this.startAcl();
  }

  /** The ACL, for the late parts' code (which comes with it) and tests. */
  lateAcl(): Acl {
    if (this.acl === null) throw new Error('the ACL comes with the late parts');
    return this.acl;
  }

  /** The ACL from the late parts; connections made before it are the default user's. */
  private startAcl(): void {
    if (this.acl !== null || this.late === null) return;
    const acl = (this.acl = this.late.acl(this));
    for (const c of this.clients.values()) if (c.user === null && !c.isMaster) c.user = acl.defaultUser;
  }

  /** Whether a script cache exists yet (INFO reads it without creating one). */
  get scriptingStarted(): Scripting | null {
    return this.scriptingState;
  }

  // ---- clients ---------------------------------------------------------------------------

  /**
   * Redis's lua_client (id 1) and the function engine's client (id 2), made at its startup:
   * not connected, not in CLIENT LIST, shown as `lua` by MONITOR.
   */
  createScriptClient(id: 1 | 2): Client {
    const c = new Client(this, id, this.dbs[0]!, this.now, { addr: 'lua' });
    c.authenticated = true;
    c.script = true;
    return c;
  }

  /** authRequired: a connection not logged in may only run no_auth commands while the default user has a password. */
  authRequired(c: Client): boolean {
    return this.acl !== null ? this.acl.authRequired(c) : !c.authenticated && this.config.requirepass !== '';
  }

  /** The default user needs no password (protected mode then admits only loopback clients). */
  defaultUserNopass(): boolean {
    return this.acl?.defaultUser.nopass ?? this.config.requirepass === '';
  }

  /** clientSetDefaultAuth: the default user, logged in if it needs no password. */
  setDefaultAuth(c: Client): void {
    if (this.acl !== null) this.acl.setDefaultAuth(c);
    else c.authenticated = this.config.requirepass === '';
  }

  createClient(info: ClientInfo = {}): Client {
    this.now = Math.floor(this.clock.now());
    const c = new Client(this, this.nextClientId++, this.dbs[0]!, this.now, info);
    this.setDefaultAuth(c);
    this.clients.set(c.id, c);
    this.stats.totalConnections++;
    return c;
  }

  /** Forgets the client: its watches go. Call when the tab or socket closes. */
  closeClient(c: Client): void {
    if (c.tracking !== null && this.tracker !== null) this.tracker.forget(c);
    this.unwatchAll(c);
    if (c.unblock !== null) this.blocking.forget(c);
    this.pause.forget(c);
    if (c.pubsub !== null || c.monitor) this.pubsub.forget(c);
    if (c.replica !== null) this.replication?.detach(c);
    this.clients.delete(c.id);
  }

  // ---- dispatch ----------------------------------------------------------------------------

  /**
   * Runs one command line for a client. Returns the reply, or null when there is none to send
   * now (an empty line, a reply that will come later through `client.deliver`, or a reply that
   * CLIENT REPLY OFF|SKIP silences).
   */
  execute(c: Client, argv: string[]): Reply | null {
    const caller = this.currentClient;
    this.currentClient = c;
    let reply: Reply | null;
    try {
      // processCommand's trackingLimitUsedSlots, before the command runs (or is queued).
      this.tracker?.limitUsedSlots();
      reply = this.dispatch(c, argv);
    } finally {
      this.currentClient = caller;
    }
    // afterCommand: the line's effects go out before the blocked clients it woke are served. A
    // script still running (a timed-out one yields) sends its effects when it ends.
    if (caller === null && this.scriptRun === null) this.propagation.flush(!TOUCHES_ARBITRARY_KEYS.has(c.lastCommand));
    if (this.replication !== null) c.woff = this.replication.offset;
    // handleClientsBlockedOnKeys: after the command (a whole EXEC) that gave data to awaited keys,
    // not while a script runs (it serves them when it ends).
    if (this.blocking.hasReady && caller === null && this.scriptRun === null) this.blocking.handleReady();
    const r = this.afterCommand(c, reply);
    // processUnblockedClients (beforeSleep): commands a pause's end let go run after this line.
    if (this.pause.hasReleased && caller === null && this.scriptRun === null) this.pause.runReleased();
    return r;
  }

  /** The end of a command line: owed MONITOR lines and tracking pushes, CLIENT REPLY flags. */
  private afterCommand(c: Client, reply: Reply | null): Reply | null {
    // A monitor's own MONITOR line follows its reply (Redis appends it after the call).
    const lines = this.pubsub.owed !== null ? this.pubsub.takeOwed() : null;
    if (this.tracker !== null) {
      // Tracking pushes owed to this client follow its reply: both go out through deliver.
      const owed = this.tracker.endOfCommand(c);
      if (owed !== null) {
        const r = this.applyReplyFlags(c, reply);
        if (r !== null) c.deliver(r);
        if (lines !== null) for (const l of lines) c.deliver(l);
        for (const p of owed) c.deliver(p);
        return null;
      }
    }
    if (lines !== null) {
      const r = this.applyReplyFlags(c, reply);
      if (r !== null) c.deliver(r);
      for (const l of lines) c.deliver(l);
      return null;
    }
    return this.applyReplyFlags(c, reply);
  }

  /** After each command line: CLIENT CACHING expires, CLIENT REPLY OFF|SKIP silence the reply. */
  private applyReplyFlags(c: Client, reply: Reply | null): Reply | null {
    // commandProcessed: a client that blocked keeps this state until its command ends
    // (servedBlockedClient), so a SKIP before BLPOP silences BLPOP's eventual reply; so does a
    // client whose script goes on, or whose MIGRATE waits for its target.
    if (reply === null && (this.blocking.stateOf(c) !== undefined || this.scriptRun?.caller === c || c.awaitingIo || this.pause.isPostponed(c))) return null;
    return this.endCommand(c) ? reply : null;
  }

  /** resetClient, at the end of each command: whether its reply goes out. */
  private endCommand(c: Client): boolean {
    const t = c.tracking;
    // resetClient: CLIENT CACHING covers the next command (or transaction) only.
    if (t !== null && t.caching && c.multi === null && !c.lastCommand.startsWith('client|')) {
      t.caching = false;
    }
    const f = c.replyFlags;
    if (f === 0) return true;
    // A SKIP silences the command after CLIENT REPLY SKIP, then ends.
    c.replyFlags = f & REPLY_SKIP_NEXT ? (f & ~REPLY_SKIP_NEXT) | REPLY_SKIP : f & ~REPLY_SKIP;
    return (f & (REPLY_OFF | REPLY_SKIP)) === 0;
  }

  private dispatch(c: Client, argv: string[]): Reply | null {
    if (argv.length === 0) return null;
    this.now = Math.floor(this.clock.now());
    c.lastInteraction = this.now;

    const cmd = this.lookupCommand(argv);
    // Redis's c->lastcmd (CLIENT LIST cmd=): set for every command line, even one rejected.
    c.lastCommand = cmd === undefined ? 'NULL' : cmd.fullName;
    if (cmd === undefined) {
      const container = this.commandByName(argv[0]!);
      const msg = container?.subs ? E.unknownSubcommand(argv[1]!, argv[0]!) : E.unknownCommand(argv[0]!, argv.slice(1));
      return this.reject(c, msg);
    }
    const argc = argv.length;
    if ((cmd.arity > 0 && argc !== cmd.arity) || argc < -cmd.arity) {
      return this.reject(c, E.wrongArity(cmd.fullName), cmd);
    }
    // processCommand's CMD_PROTECTED check comes before authentication and MULTI.
    if (cmd.protectedBy !== undefined && !this.allowsProtected(c, cmd.protectedBy)) {
      return this.reject(c, cmd.protectedBy === 'enable-debug-command' ? E.DEBUG_NOT_ALLOWED : E.MODULE_NOT_ALLOWED, cmd);
    }
    // authRequired(): only while the default user has a password (CONFIG SET may clear it).
    if (!cmd.noAuth && this.authRequired(c)) {
      return this.reject(c, E.NOAUTH, cmd);
    }
    // The ACL check (after the no_multi one, which the MULTI branch below makes). A denial is logged.
    if (this.acl !== null && c.user !== null && !(c.multi !== null && cmd.noMulti && !NOT_QUEUED.has(cmd.fullName))) {
      const check = this.acl.check(c.user, cmd, argv);
      if (check.result !== ACL_OK) {
        this.acl.logDenial(c, check, c.multi !== null ? 'multi' : 'toplevel', cmd, argv);
        return this.reject(c, nopermError(check.result, cmd), cmd);
      }
    }
    // processCommand's maxmemory step (not while a timed-out script yields).
    const evictor = this.evictor;
    if (evictor !== null) {
      if (this.config.maxmemory !== 0) {
        if ((this.scriptRun === null || !this.scriptRun.timedOut) && evictor.refuses(c, cmd, argv)) return this.reject(c, E.OOM, cmd);
      } else if (evictor.accounting) {
        evictor.account();
      }
    }
    // writeCommandsDeniedByDiskError: after a failed BGSAVE, with save points and
    // stop-writes-on-bgsave-error, writes (and an EXEC that queued one) and PING are refused.
    if (!this.lastBgsaveOk && (cmd.fullName === 'ping' || this.isWrite(c, cmd, argv)) && this.writesDeniedByDiskError()) {
      return this.reject(c, E.MISCONF_BGSAVE, cmd);
    }
    // checkGoodReplicasStatus: with min-replicas-to-write, writes need enough replicas heard from lately.
    if (this.config.minReplicasToWrite !== 0 && !this.enoughGoodReplicas() && this.isWrite(c, cmd, argv)) return this.reject(c, E.NOREPLICAS, cmd);
    // A read-only replica (repl_slave_ro) refuses writes, and an EXEC that queued one.
    if (this.refusesWrites(c) && this.isWrite(c, cmd, argv)) return this.reject(c, E.READONLY_REPLICA, cmd);
    // Redis's processCommand: a RESP2 client in pub/sub mode runs only the pub/sub commands,
    // PING, QUIT and RESET; a MONITOR client (a replica to Redis) may not touch the keyspace.
    if (c.pubsub !== null && c.resp === 2 && !PUBSUB_CONTEXT.has(cmd.fullName)) {
      return this.reject(c, E.pubsubContext(cmd.fullName), cmd);
    }
    // replica-serve-stale-data no: while the link to the master is down only commands flagged
    // stale run (an EXEC only if every queued one is).
    const link = this.masterLink;
    if (link !== null && link.state !== 'connected' && !this.config.replicaServeStaleData && this.deniesStale(c, cmd)) {
      return this.reject(c, E.MASTERDOWN, cmd);
    }
    // isInsideYieldingLongCommand: a script past busy-reply-threshold lets only allow_busy commands run.
    const run = this.scriptRun;
    if (run !== null && run.timedOut && !cmd.flags.includes('allow_busy') && !(c.multi !== null && cmd.noMulti)) {
      return this.reject(c, busyError(run), cmd);
    }
    if (c.monitor && (cmd.flags.includes('write') || cmd.flags.includes('readonly') || cmd.flags.includes('may_replicate'))) {
      return this.reject(c, E.REPLICA_KEYSPACE, cmd);
    }
    // processCommand: a paused server holds the command (before MULTI queues it) until the pause
    // ends; then it goes through all of this again. The deadline is looked at first.
    if (this.pause.active && this.pause.check() && this.pause.holds(c, cmd, argv)) return this.pause.postpone(c, argv);
    if (c.multi !== null && !NOT_QUEUED.has(cmd.fullName)) {
      if (cmd.noMulti) {
        return this.reject(c, E.NOT_ALLOWED_IN_MULTI, cmd);
      }
      // queueMultiCommand: a transaction already doomed keeps no more commands (CLIENT LIST multi=).
      if (!c.multiError && !c.dirtyCas) c.multi.push({ cmd, argv });
      return QUEUED;
    }
    return this.call(c, cmd, argv);
  }

  /** allowProtectedAction: the setting is yes, or local and the client is on this machine. */
  private allowsProtected(c: Client, setting: string): boolean {
    const v = this.config.get(setting);
    return v === 'yes' || (v === 'local' && /^(127\.0\.0\.1:|\[::1\]:|\/)/.test(c.addr));
  }

  /** Redis's writeCommandsDeniedByDiskError for RDB (there is no AOF here). */
  writesDeniedByDiskError(): boolean {
    return !this.lastBgsaveOk && this.config.saveParams.length > 0 && this.config.get('stop-writes-on-bgsave-error') === 'yes';
  }

  /** processCommand's is_write_command: the command's flag, or for EXEC any queued command's. */
  private deniesStale(c: Client, cmd: Command): boolean {
    if (!cmd.flags.includes('stale')) return true;
    return cmd.fullName === 'exec' && c.multi !== null && c.multi.some((q) => !q.cmd.flags.includes('stale'));
  }

  /** checkGoodReplicasStatus (a replica, or min-replicas-max-lag 0, has nothing to check). */
  enoughGoodReplicas(): boolean {
    const maxLag = this.config.minReplicasMaxLag;
    if (this.masterLink !== null || maxLag === 0) return true;
    return (this.replication?.goodReplicas(maxLag) ?? 0) >= this.config.minReplicasToWrite;
  }

  /** is_write_command: a write, an EXEC that queued one, or a script whose shebang (or function) does not say no-writes. */
  private isWrite(c: Client, cmd: Command, argv: readonly string[]): boolean {
    if (cmd.flags.includes('write')) return true;
    const declared = scriptDeclaredFlags(this, cmd, argv);
    if (declared !== null) return (declared & FLAG_NO_WRITES) === 0;
    return cmd.fullName === 'exec' && c.multi !== null && c.multi.some((q) => q.cmd.flags.includes('write'));
  }

  /** Finds the entry for argv: the command, or its subcommand for container commands. */
  lookupCommand(argv: readonly string[]): Command | undefined {
    const base = this.commandByName(argv[0]!);
    if (base === undefined || base.subs === undefined || argv.length === 1) return base;
    return base.subs.get(argv[1]!.toLowerCase());
  }

  /** The table entry for a name as typed ('GET', 'get', 'Get'…), remembering each spelling. */
  private commandByName(name: string): Command | undefined {
    const seen = this.spellings.get(name);
    if (seen !== undefined) return seen;
    const cmd = this.commands.get(name.toLowerCase());
    // Only real commands are remembered, so random garbage cannot grow the cache.
    if (cmd !== undefined && this.spellings.size < 4096) this.spellings.set(name, cmd);
    return cmd;
  }

  // ---- propagation (propagate.ts) -----------------------------------------------------------

  /** rewriteClientCommandVector: the running command propagates as `argv` instead. */
  rewrite(c: Client, argv: string[]): void {
    if (this.propagation.active) c.propArgv = argv;
  }

  /** rewriteClientCommandArgument: argument `i` of the propagated vector (one past its end appends). */
  rewriteArgument(c: Client, argv: readonly string[], i: number, value: string): void {
    if (!this.propagation.active) return;
    const v = (c.propArgv ??= argv.slice());
    v[i] = value;
  }

  /** preventCommandPropagation: the command's own argv is not propagated (it used alsoPropagate). */
  preventPropagation(c: Client): void {
    c.propFlags |= PROP_PREVENT;
  }

  /**
   * forceCommandPropagation: propagated even when nothing changed (FLUSHALL of an empty server);
   * `replicasOnly` to the replicas alone (PUBLISH).
   */
  forcePropagation(c: Client, replicasOnly = false): void {
    c.propFlags |= replicasOnly ? PROP_FORCE_REPL : PROP_FORCE;
  }

  /** Runs a validated command (also used by EXEC for each queued command). */
  call(c: Client, cmd: Command, argv: string[]): Reply | null {
    const db = c.db;
    // During a background save, a write command's keys are copied before it runs, whatever path
    // its handler takes to them (the keyspace's own hooks cover other databases and side effects).
    if (db.guard !== null && cmd.flags.includes('write')) {
      for (const k of commandKeys(cmd, argv)) db.guard.beforeKeyChange(db, argv[k.pos]!);
    }
    const prop = this.propagation.active;
    const outerArgv = c.propArgv;
    const outerFlags = c.propFlags;
    const dirtyBefore = this.changesSinceLastSave;
    if (prop) {
      c.propArgv = null;
      c.propFlags = 0;
    }
    // fixed_time_expire, as tracking reads it: the running client's own invalidations now wait.
    const tracker = this.tracker;
    if (tracker !== null) tracker.calls++;
    let reply: Reply | null;
    // call()'s duration, on the host's monotonic clock: what SLOWLOG and INFO commandstats report.
    const started = this.monotonic();
    try {
      reply = cmd.handler!(c, argv);
    } finally {
      if (tracker !== null) tracker.calls--;
    }
    if (prop) {
      // call(): a command that changed the dataset (or forced it) propagates its argv or the
      // vector it rewrote itself into; EXEC never does (its commands did, one by one).
      const f = c.propFlags;
      if ((f & PROP_PREVENT) === 0 && cmd.fullName !== 'exec') {
        if (this.changesSinceLastSave > dirtyBefore || (f & PROP_FORCE) !== 0) this.propagation.add(c.db.id, c.propArgv ?? argv);
        else if ((f & PROP_FORCE_REPL) !== 0) this.propagation.add(c.db.id, c.propArgv ?? argv, true);
      }
      c.propArgv = outerArgv;
      c.propFlags = outerFlags;
    }
    // replicationFeedMonitors, after the command (admin and skip_monitor commands are not shown).
    if (this.pubsub.monitors.size !== 0 && !cmd.flags.includes('admin') && !cmd.flags.includes('skip_monitor')) {
      this.pubsub.feedMonitors(c, c.db.id, redactedArgv(cmd, argv), this.clock.now());
    }
    // trackingRememberKeys, for the client or (a script's command) the script's caller.
    if (this.tracker !== null && cmd.flags.includes('readonly')) this.tracker.afterRead(c, cmd, argv);
    const usec = Math.floor((this.monotonic() - started) * 1000);
    const slower = this.config.slowlogLogSlowerThan;
    if (slower >= 0 && usec >= slower) slowlogRecord(this, c, cmd, argv, usec);
    if (this.config.latencyMonitorThreshold !== 0) latencySample(this, cmd.flags.includes('fast') ? 'fast-command' : 'command', Math.floor(usec / 1000));
    this.stats.totalCommands++;
    const st = this.commandStats(cmd);
    st.usec += usec;
    st.calls++;
    if (this.config.latencyTracking) this.recordLatency(st, usec);
    if (reply !== null && reply.t === 'error') {
      st.failed++;
      this.stats.errorReplies++;
      this.countErrorCode(reply.v);
    }
    return reply;
  }

  private reject(c: Client, message: string, cmd?: Command): Reply {
    if (c.multi !== null) c.multiError = true;
    if (cmd) this.commandStats(cmd).rejected++;
    if (cmd !== undefined && cmd.fullName === 'exec') {
      // execCommandAbort: a rejected EXEC (arity, NOAUTH) ends the transaction, MULTI or not.
      this.discardTransaction(c);
      message = E.execAbortBecause(message);
    }
    this.stats.errorReplies++;
    this.countErrorCode(message);
    return error(message);
  }

  /** A command refused outside dispatch (a script's redis.call the ACL denies). */
  countRejectedCall(cmd: Command): void {
    this.commandStats(cmd).rejected++;
  }

  /** A call that failed without answering an error itself (EXEC whose last error was its own). */
  countFailedCall(cmd: Command): void {
    this.commandStats(cmd).failed++;
  }

  /** An error reply sent outside call() and reject() (EXEC's ACL denial): INFO's error counts. */
  countErrorReply(message: string): void {
    this.stats.errorReplies++;
    this.countErrorCode(message);
  }

  /** INFO errorstats, as Redis's afterErrorReply: the first word if a space is within reach. */
  private countErrorCode(message: string): void {
    const sp = message.indexOf(' ');
    const code = sp > 0 && sp < 31 ? message.slice(0, sp) : 'ERR';
    const codes = this.stats.errorCodes;
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }

  /** updateCommandLatencyHistogram: a command's first recorded call allocates its histogram. */
  private recordLatency(st: { histogram: number[] | null }, usec: number): void {
    if (st.histogram === null) {
      st.histogram = [];
      this.stats.latencyHistograms++;
    }
    const k = histogramBucket(usec);
    st.histogram[k] = (st.histogram[k] ?? 0) + 1;
  }

  private commandStats(cmd: Command) {
    let st = this.stats.commands.get(cmd.fullName);
    if (st === undefined) {
      st = { calls: 0, failed: 0, rejected: 0, usec: 0, histogram: null };
      this.stats.commands.set(cmd.fullName, st);
    }
    return st;
  }

  // ---- long scripts (scripting/script-run.ts) ------------------------------------------------

  /**
   * Runs a script's first slice: its reply if it ended, else null and the run goes on in
   * scriptRun (its reply then goes out through the caller's deliver, or to `onEnd`).
   */
  runScript(spec: ScriptRunSpec): Reply | null {
    const run = new ScriptRun(spec, this.monotonic());
    this.scriptRun = run;
    if (this.stepSlices(run)) {
      this.scriptRun = null;
      return run.reply;
    }
    this.checkScriptTime(run);
    if (this.onScriptRun !== null) {
      this.onScriptRun();
      return null;
    }
    // No host to step it: nothing else can run meanwhile anyway.
    this.scriptRun = null;
    while (!run.step());
    return run.reply;
  }

  /** One slice of the running script (the host calls it); at its end the reply goes out. */
  stepScript(): void {
    const run = this.scriptRun;
    if (run === null) return;
    const outer = this.currentClient;
    this.currentClient = run.caller;
    let ended: boolean;
    try {
      if (run.killed) this.log('#', 'Lua script killed by user with SCRIPT KILL.');
      ended = this.stepSlices(run);
    } finally {
      this.currentClient = outer;
    }
    if (ended) this.scriptEnded(run);
    else this.checkScriptTime(run);
  }

  /** Slices for about STEP_MS: true once the run ended. */
  private stepSlices(run: ScriptRun): boolean {
    const until = this.monotonic() + STEP_MS;
    for (let n = 0; n < STEP_SLICES; n++) {
      if (run.step()) return true;
      if (this.monotonic() >= until) break;
    }
    return false;
  }

  /**
   * Whether a host holds `c`'s next command instead of running it: the script's own caller waits
   * for its end (Redis protects it); the others wait until the script is past busy-reply-threshold
   * (then their commands run, or are refused BUSY).
   */
  holds(c: Client): boolean {
    const run = this.scriptRun;
    return run !== null && (run.caller === c || !run.timedOut);
  }

  /** scriptInterrupt: past busy-reply-threshold (0: never) the run is timed out. */
  private checkScriptTime(run: ScriptRun): void {
    if (run.timedOut) return;
    const threshold = this.config.busyReplyThreshold;
    const elapsed = Math.floor(this.monotonic() - run.startedAt);
    if (threshold <= 0 || elapsed < threshold) return;
    const kill = run.spec.mode === 'eval' ? 'SCRIPT KILL' : 'FUNCTION KILL';
    this.log(
      '#',
      `Slow script detected: still in execution after ${elapsed} milliseconds. You can try killing the script using the ${kill} command. Script name is: ${run.spec.name}.`,
    );
    run.timedOut = true;
  }

  /** The script ended late: its command's stats, its reply to EXEC or the caller, then blocked clients. */
  private scriptEnded(run: ScriptRun): void {
    const reply = run.reply!;
    if (this.scriptRun === run) this.scriptRun = null;
    // A script that ended in a later turn sends its effects now; one that ended inside its
    // command line (or an EXEC) leaves them to that line's end.
    if (this.currentClient === null) this.propagation.flush();
    if (reply.t === 'error') {
      const st = this.stats.commands.get(run.spec.argv[0]!.toLowerCase());
      if (st !== undefined) st.failed++;
      this.stats.errorReplies++;
      this.countErrorCode(reply.v);
    }
    const outer = this.currentClient;
    this.currentClient = run.caller;
    try {
      if (run.onEnd !== null) run.onEnd(reply);
      else this.lateReply(run.caller, reply);
    } finally {
      this.currentClient = outer;
    }
    if (this.blocking.hasReady && this.scriptRun === null) this.blocking.handleReady();
    if (this.pause.hasReleased && this.scriptRun === null && this.currentClient === null) this.pause.runReleased();
    while (this.scriptRun === null && this.afterScript.length !== 0) this.afterScript.shift()!();
  }

  /** What waits for the running script's end (whenNoScript). */
  private readonly afterScript: (() => void)[] = [];

  /**
   * Runs `fn` now, or when the running script has ended: changes that come from the host's I/O
   * (the end of a MIGRATE) are never seen by a script halfway through its run.
   */
  whenNoScript(fn: () => void): void {
    if (this.scriptRun === null) fn();
    else this.afterScript.push(fn);
  }

  /** A command's reply that comes after its execute() returned null (a script, an EXEC it held). */
  lateReply(c: Client, reply: Reply): void {
    const r = this.afterCommand(c, reply);
    if (r !== null) c.deliver(r);
  }

  // ---- change tracking -----------------------------------------------------------------------

  /** Every write to a key comes through here: WATCH breaks, blocked clients will wake (later). */
  signalModifiedKey(db: Database, key: string, countsAsChange = true): void {
    // Redis's server.dirty (expiry deletions pass false: Redis does not count them).
    if (countsAsChange) this.changesSinceLastSave++;
    if (db.sizes !== null) db.sizes.mark(key);
    if (this.tracker !== null) this.tracker.invalidate(key, !countsAsChange);
    if (this.watchers.size === 0) return;
    const id = db.id + '\0' + key;
    const set = this.watchers.get(id);
    if (set === undefined) return;
    // touchWatchedKey. A key that was already expired when watched and is now gone (its lazy or
    // active deletion) is no logical change: forget the flag, keep the transaction.
    let gone: boolean | undefined;
    for (const w of set) {
      const wk = w.watched.get(id);
      if (wk !== undefined && wk.expired) {
        if (gone === undefined) gone = !db.dict.has(key);
        if (gone) {
          wk.expired = false;
          continue;
        }
      }
      w.dirtyCas = true;
      // No point in watching more: EXEC will fail (Redis unwatches too; the flag stays).
      this.dropWatches(w);
    }
  }

  /**
   * A keyspace event, named as Redis's notifyKeyspaceEvent names it. `type` is Redis's class
   * letter ('g' generic, '$' string, 'x' expired …). Listeners (the inspector) get all of them.
   */
  notify(type: string, event: string, key: string, db: Database): void {
    // notifyKeyspaceEvent: published when notify-keyspace-events enables the event's class.
    const flags = this.config.notifyKeyspaceEvents;
    if (flags !== 0 && (flags & notifyClassFlag(type)) !== 0) this.pubsub.publishKeyspaceEvent(flags, event, key, db.id);
    if (this.listeners.size === 0) return;
    const e: ChangeEvent = { db: db.id, key, event };
    for (const l of this.listeners) l(e);
  }

  /**
   * A whole database changed at once (FLUSHDB, FLUSHALL, SWAPDB): Redis sends no keyspace
   * event for these, but the inspector must hear of them. The key is empty.
   */
  changedWholeDb(event: 'flushdb' | 'swapdb', db: Database): void {
    // dbSwapDatabases: clients blocked on keys of this index may find data there now.
    if (event === 'swapdb' && this.blocking.count !== 0) this.blocking.scanForReadyKeys(db.id);
    if (this.listeners.size === 0) return;
    const e: ChangeEvent = { db: db.id, key: '', event };
    for (const l of this.listeners) l(e);
  }

  onChange(listener: (e: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- blocked clients (blocking.ts) ---------------------------------------------------------

  /**
   * A blocked client's command ends (served, timed out, CLIENT UNBLOCK): an error reply counts
   * as a failed call; a served one, as updateStatsOnUnblock does, adds the time its serving
   * took to the command's and may enter the SLOWLOG. Then the reply goes out through `deliver`,
   * followed by tracking pushes owed to it.
   */
  servedBlockedClient(c: Client, command: string, reply: Reply, served?: { argv: readonly string[]; usec: number }): void {
    if (reply.t === 'error') {
      const st = this.stats.commands.get(command);
      if (st !== undefined) st.failed++;
      this.stats.errorReplies++;
      this.countErrorCode(reply.v);
    }
    if (served !== undefined) {
      const st = this.stats.commands.get(command);
      if (st !== undefined) {
        st.usec += served.usec;
        if (this.config.latencyTracking) this.recordLatency(st, served.usec);
      }
      const cmd = this.lookupCommand(served.argv);
      const slower = this.config.slowlogLogSlowerThan;
      if (cmd !== undefined && slower >= 0 && served.usec >= slower) slowlogRecord(this, c, cmd, served.argv, served.usec);
      latencySample(this, 'command-unblocking', Math.floor(served.usec / 1000));
    }
    if (this.endCommand(c)) c.deliver(reply);
    if (this.tracker !== null) {
      const owed = this.tracker.endOfCommand(c);
      if (owed !== null) for (const p of owed) c.deliver(p);
    }
  }

  /**
   * The nearest deadline (engine clock, ms) of a blocked client or of a CLIENT PAUSE, null when
   * there is none: hosts' timers wake at it (BlockedTimeoutTimer).
   */
  nextBlockedDeadline(): number | null {
    const blocked = this.blocking.nextDeadline();
    const pause = this.pause.nextDeadline();
    if (pause === null) return blocked;
    return blocked === null ? pause : Math.min(blocked, pause);
  }

  /**
   * Answers (with the command's timeout reply) every blocked client whose deadline has passed,
   * and ends a CLIENT PAUSE whose deadline has passed (running the commands it held).
   */
  handleBlockedTimeouts(): void {
    // Not while a script runs (Redis's whileBlockedCron does not): they wait for its end.
    if (this.scriptRun !== null) return;
    this.blocking.handleTimeouts();
    if (this.pause.active) {
      this.now = Math.floor(this.clock.now());
      this.pause.check();
    }
    if (this.pause.hasReleased) this.pause.runReleased();
  }

  // ---- WATCH ---------------------------------------------------------------------------------

  watch(c: Client, db: Database, key: string): void {
    const id = db.id + '\0' + key;
    if (c.watched.has(id)) return;
    const when = db.expires.get(key);
    const expired = when !== undefined && when < this.now && db.dict.has(key);
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

  /** Removes the client's watches without clearing `dirtyCas` (Redis's unwatchAllKeys). */
  private dropWatches(c: Client): void {
    const dirty = c.dirtyCas;
    this.unwatchAll(c);
    c.dirtyCas = dirty;
  }

  /** True when a key with a TTL (not already expired when watched) has expired since WATCH. */
  isWatchedKeyExpired(c: Client): boolean {
    for (const wk of c.watched.values()) {
      if (wk.expired) continue;
      const when = wk.db.expires.get(wk.key);
      if (when !== undefined && when < this.now) return true;
    }
    return false;
  }

  /** Leaves MULTI: the queue, the error and dirty flags and every watch go (DISCARD, EXEC, RESET). */
  discardTransaction(c: Client): void {
    c.multi = null;
    c.multiError = false;
    this.unwatchAll(c);
  }

  /** FLUSHDB/FLUSHALL/SWAPDB: every watcher of a key that exists in `db` (or `other`) is dirtied. */
  touchAllWatchedKeysInDb(db: Database, other?: Database): void {
    // Without `other` this is a flush (FLUSHDB, FLUSHALL, a load): tracked keys are all invalid.
    if (other === undefined && this.tracker !== null) this.tracker.flushed();
    if (this.watchers.size === 0) return;
    const prefix = db.id + '\0';
    for (const [id, set] of this.watchers) {
      if (!id.startsWith(prefix)) continue;
      const key = id.slice(prefix.length);
      const inDb = db.dict.has(key);
      const inOther = other !== undefined && other.dict.has(key);
      if (!inDb && !inOther) continue;
      // Redis's rules for keys that were already expired when watched: emptied and not
      // replaced, or replaced by a key expired too, is no logical change.
      const otherExpired = inOther && this.keyIsExpired(other, key);
      for (const w of set) {
        const wk = w.watched.get(id);
        if (wk !== undefined && wk.expired) {
          if (!inOther) {
            wk.expired = false;
            continue;
          }
          if (otherExpired) continue;
        } else if (wk !== undefined && !inDb && otherExpired) {
          wk.expired = true;
          continue;
        }
        w.dirtyCas = true;
      }
    }
  }

  // ---- expiry --------------------------------------------------------------------------------

  /** Redis's keyIsExpired: the key has a TTL that lies strictly in the past (no deletion). */
  keyIsExpired(db: Database, key: string): boolean {
    const when = db.expires.get(key);
    return when !== undefined && when < this.now;
  }

  /**
   * The clock was set back by `ms` (the playground's "back to real time"): every TTL keeps the
   * time it had left, as if the clock had never moved. Redis has no such thing (its clock is the
   * system's); a learner who paused and fast-forwarded expects TTLs to go on from where they were.
   */
  rebaseExpiries(ms: number): void {
    for (const db of this.dbs) {
      for (const [key, when] of db.expires) {
        if (db.bigExpires.has(key)) continue;
        if (db.guard !== null) db.guard.beforeKeyChange(db, key);
        db.expires.set(key, when - ms);
      }
    }
  }

  /** A read-only replica's refusal of writes: not to its master, which sends them. */
  refusesWrites(c: Client): boolean {
    return this.replicaReadOnly || (this.masterLink !== null && !c.isMaster && this.config.replicaReadOnly);
  }

  /**
   * The active expiry cycle (Redis runs it hz times a second): looks at up to `budget` keys
   * with a TTL, resuming where the previous cycle stopped, and deletes the expired ones.
   */
  activeExpireCycle(budget = 200): number {
    this.now = Math.floor(this.clock.now());
    // A replica's keys expire when its master's DEL comes (expireSlaveKeys is for writable ones).
    if (this.masterLink !== null) return 0;
    // While clients are paused the dataset stays still: no key expires (or is evicted).
    if (this.pause.active && this.pause.check()) return 0;
    let deleted = 0;
    const started = this.monotonic();
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
        if (when < this.now && expireIfNeeded(this, db, key)) deleted++;
      }
      this.expireCursors[db.id] = it;
    }
    if (this.config.latencyMonitorThreshold !== 0) latencySample(this, 'expire-cycle', Math.floor(this.monotonic() - started));
    // Each expired key's DEL goes out on its own (propagate_no_multi).
    if (deleted > 0) this.propagation.flush(false);
    // beforeSleep: BCAST tracking clients hear about the keys that expired.
    if (deleted > 0 && this.tracker !== null) this.tracker.endOfCommand(null);
    return deleted;
  }
}
