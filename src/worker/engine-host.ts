// The worker side of the protocol: owns one Engine and answers ToWorker messages through a
// `post` sink. DOM-free and Node-free, so tests drive it directly or over a MessageChannel.
// It never throws: a bad message or an engine exception becomes an `error` message or an
// "ERR internal error: …" reply for that request.

import type { RObj } from '../engine/objects.js';
import type { Client } from '../engine/client.js';
import type { AdjustableClock } from '../engine/clock.js';
import type { Database } from '../engine/database.js';
import { commandDocs } from '../shared/command-doc.js';
import { commandSpecs } from '../engine/commands/index.js';
import { Engine, type ChangeEvent, type EngineOptions, type LateParts } from '../engine/engine.js';
import { error, type Reply } from '../shared/reply.js';
import { errorText, internalError } from '../shared/errors.js';
import { startSnapshotJob } from '../engine/persistence.js';
import type { SnapshotJob } from '../engine/snapshot-job.js';
import type { TimeoutTimers } from '../engine/blocking.js';
import { CronTimer } from '../engine/cron.js';
import { PROTOCOL_VERSION, type FromWorker, type KeyInfo, type ToWorker, type Unreadable } from './protocol.js';
import { capReply } from './reply-cap.js';
import { inspectKey, keyInfo } from './inspect.js';
import { Journal, type JournalStart } from './journal.js';

/** The worker's timers (globalThis.setTimeout and clearTimeout; tests pass fakes). */
export type Timers = TimeoutTimers;

export interface EngineHostOptions {
  /** The engine to host; a new one from `engine` options otherwise. */
  engine?: Engine | EngineOptions;
  /**
   * Timers for serverCron (hz times a second) and blocked clients' timeouts (engine/cron.ts).
   * Without them neither runs by itself (tests call cronTick()).
   */
  timers?: Timers;
  /** Runs the change-event flush later in the same tick (default queueMicrotask). */
  schedule?: (fn: () => void) => void;
  /** Largest page a snapshot request may ask for. */
  maxSnapshotCount?: number;
  /**
   * Keeps the data safe from a crashed worker or a reload: after changes, an RDB snapshot of the
   * whole dataset is handed over (after a serverCron run, at most about once a second, and less
   * often when snapshots are slow to make), as the RDB file's chunks in order: joining them
   * would cost a copy of the whole file in one task. Not a Redis SAVE: LASTSAVE and the `save`
   * points are untouched.
   */
  autosave?: (image: Uint8Array[], journalFrom: number) => void;
  /**
   * Every task's writes as AOF text (journal.ts), numbered: with it, autosaves are the journal's
   * compaction, made only once the journal has grown as large as the last snapshot (and at
   * least JOURNAL_MIN_BYTES); `autosave` gets the number of the first entry its image lacks.
   */
  journal?: (entry: { seq: number; text: string }) => void;
  /** Least time between autosaves, ms (default 1000). */
  autosaveIntervalMs?: number;
  /**
   * Runs the autosave's next slice as a task of its own, after the messages already waiting
   * (the worker: a MessageChannel). The snapshot is a point-in-time image made a few keys at a
   * time (engine/snapshot-job.ts), so commands are answered between slices. Absent: the whole
   * snapshot is made at once.
   */
  autosaveSlice?: (fn: () => void) => void;
  /** Longest slice of autosave work, ms of autosaveTime (default 5). */
  autosaveSliceMs?: number;
  /**
   * The time autosaves are paced by, ms (default: the engine's clock). Give real time when
   * people can pause the engine's clock: a paused clock would hold every autosave back.
   */
  autosaveTime?: () => number;
  /** The engine's clock when people may pause and fast-forward it (`clock` messages). */
  clock?: AdjustableClock;
  /** Forgets the dataset that could not be loaded (`discard-unreadable`); absent: nothing is kept. */
  discardUnreadable?: () => Promise<void>;
  /**
   * Runs the next slice of a long script (engine.scriptRun) as a task of its own, after the
   * messages waiting (the worker: a MessageChannel), so the inspector and the other tabs are
   * answered meanwhile. Default: autosaveSlice, else setTimeout 0.
   */
  scriptSlice?: (fn: () => void) => void;
  /** Longest run of script slices in one task, ms of engine.monotonic (default 10). */
  scriptSliceMs?: number;
  /**
   * CONFIG SET appendonly yes makes an AOF in memory (LateParts.memoryAof), once the engine has
   * its late parts: the files the persistence view shows. Default false (appendonly refused).
   */
  aofInMemory?: boolean;
}

/** The journal may grow to this many bytes (or the last snapshot's size, if larger) before a snapshot. */
export const JOURNAL_MIN_BYTES = 256 * 1024;

export class EngineHost {
  readonly engine: Engine;
  private readonly clients = new Map<number, Client>();
  private pendingChanges: ChangeEvent[] = [];
  private flushScheduled = false;
  private readonly cron: CronTimer;
  private readonly schedule: (fn: () => void) => void;
  private readonly maxSnapshotCount: number;
  private readonly autosave: ((image: Uint8Array[], journalFrom: number) => void) | undefined;
  private readonly adjustableClock: AdjustableClock | undefined;
  private readonly discardUnreadable: (() => Promise<void>) | undefined;
  private readonly autosaveIntervalMs: number;
  private readonly autosaveTime: () => number;
  private readonly autosaveSlice: ((fn: () => void) => void) | undefined;
  private readonly autosaveSliceMs: number;
  /** Changes since the last autosave began, and when the next one may run (autosaveTime, ms). */
  private unsaved = false;
  private nextAutosaveAt = 0;
  /** The autosave being made: its job, when it began, the time its slices took so far, its journal cut. */
  private saving: { job: SnapshotJob; started: number; work: number; cut: { from: number; bytes: number } } | null = null;
  private readonly journalSink: ((entry: { seq: number; text: string }) => void) | undefined;
  private journal: Journal | null = null;
  /** The last autosave's size: the journal may grow as large before the next. */
  private lastImageBytes = 0;
  /** compact() asked for a snapshot that could not start yet. */
  private compactWanted = false;
  /** While a client's `run` executes: everything delivered to it goes into its result. */
  private collecting: { client: Client; replies: Reply[] } | null = null;
  private readonly scriptSlice: (fn: () => void) => void;
  private readonly scriptSliceMs: number;
  private scriptQueued = false;
  /** `run` requests the engine holds while a script runs (engine.holds), in arrival order. */
  private held: { id: number; client: Client; argv: string[] }[] = [];
  private readonly aofInMemory: boolean;

  constructor(
    private readonly post: (msg: FromWorker) => void,
    options: EngineHostOptions = {},
  ) {
    this.engine = options.engine instanceof Engine ? options.engine : new Engine(options.engine);
    this.schedule = options.schedule ?? ((fn) => queueMicrotask(fn));
    this.maxSnapshotCount = options.maxSnapshotCount ?? 1000;
    this.autosave = options.autosave;
    this.journalSink = options.journal;
    this.adjustableClock = options.clock;
    this.discardUnreadable = options.discardUnreadable;
    this.autosaveIntervalMs = options.autosaveIntervalMs ?? 1000;
    this.autosaveTime = options.autosaveTime ?? (() => this.engine.clock.now());
    this.autosaveSlice = options.autosaveSlice;
    this.autosaveSliceMs = options.autosaveSliceMs ?? 5;
    this.scriptSlice = options.scriptSlice ?? options.autosaveSlice ?? ((fn) => void setTimeout(fn, 0));
    this.scriptSliceMs = options.scriptSliceMs ?? 10;
    this.engine.onScriptRun = () => this.queueScript();
    this.aofInMemory = options.aofInMemory ?? false;
    if (this.engine.late !== null) this.provideLate(this.engine.late);
    this.cron = new CronTimer(this.engine, options.timers, {
      afterRun: () => this.autosaveIfDue(),
      onError: (what, e) => this.send({ type: 'error', id: null, message: `internal error in ${what}: ` + errorText(e) }),
    });
    this.engine.onChange((e) => {
      this.unsaved = true;
      this.pendingChanges.push(e);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        this.schedule(() => this.flushChanges());
      }
    });
  }

  /**
   * Starts serverCron's timers, the journal (numbered on from `journal`) and says `ready` (with
   * the stored dataset that could not be loaded, if any).
   */
  start(unreadable?: Unreadable | null, journal?: JournalStart, elsewhere = false): void {
    if (this.journalSink !== undefined && this.journal === null) {
      // Entries go out at the end of the task that wrote (a microtask, whatever `schedule` is).
      this.journal = new Journal(this.journalSink, (fn) => queueMicrotask(fn), journal);
      this.engine.propagation.feeds.add(this.journal);
    }
    this.cron.start();
    const ready: FromWorker = { type: 'ready', version: PROTOCOL_VERSION, commands: commandDocs(commandSpecs) };
    if (unreadable) ready.unreadable = unreadable;
    if (elsewhere) ready.elsewhere = true;
    this.send(ready);
  }

  /** The engine's late parts have come (message-gate.ts): hands them over, with what needs them. */
  provideLate(parts: LateParts): void {
    this.engine.provideLate(parts);
    if (this.aofInMemory && this.engine.aof === null) parts.memoryAof(this.engine);
  }

  /** Stops the timers and any autosave being made (the worker is going away). */
  stop(): void {
    this.cron.stop();
    this.journal?.flush();
    this.saving?.job.abort();
    this.saving = null;
  }

  /** An autosave is being made (its slices are scheduled). */
  get autosaving(): boolean {
    return this.saving !== null;
  }

  /** Posts the change events gathered so far (also called by the scheduled flush). */
  flushChanges(): void {
    this.flushScheduled = false;
    if (this.pendingChanges.length === 0) return;
    const events = this.pendingChanges;
    this.pendingChanges = [];
    this.send({ type: 'changes', events });
  }

  /** One serverCron run, then an autosave if one is due (the timer calls it). */
  cronTick(): void {
    this.cron.tick();
  }

  /**
   * Starts an autosave when something changed and the interval has passed: a snapshot job whose
   * image is the dataset as it is now, made in slices, handed to `autosave` when complete.
   */
  autosaveIfDue(): void {
    this.startAutosave(this.compactWanted);
  }

  /**
   * A snapshot now, however little the journal holds (the journal's compaction on request), or
   * as soon as one can be made (after the running one, the late parts, a running script).
   */
  compact(): void {
    this.compactWanted = true;
    this.startAutosave(true);
  }

  private startAutosave(now: boolean): void {
    // Not the half-done work of a running script: after it; nor before the snapshot job has come
    // with the engine's late parts (a few moments after the first prompt in the browser).
    if (this.autosave === undefined || this.saving !== null || this.engine.scriptRun !== null || this.engine.late === null) return;
    const journal = this.journal;
    const started = this.autosaveTime();
    if (!now) {
      if (journal !== null ? journal.bytes < Math.max(JOURNAL_MIN_BYTES, this.lastImageBytes) : !this.unsaved) return;
      if (started < this.nextAutosaveAt) return;
    }
    let job: SnapshotJob;
    try {
      job = startSnapshotJob(this.engine);
    } catch (e) {
      this.autosaveFailed(e, started);
      return;
    }
    // Entries from here on are not in this image: they stay in the journal.
    const cut = journal !== null ? journal.cut() : { from: 0, bytes: 0 };
    this.saving = { job, started, work: 0, cut };
    this.compactWanted = false;
    // Changes from now on are not in this image: they make the next autosave due.
    this.unsaved = false;
    this.continueAutosave();
  }

  /** One slice of the autosave being made; the next is scheduled, or the image is handed over. */
  private continueAutosave(): void {
    const saving = this.saving;
    if (saving === null) return;
    const from = this.autosaveTime();
    const slice = this.autosaveSlice;
    const until = slice === undefined ? Infinity : from + this.autosaveSliceMs;
    let done: boolean;
    try {
      do done = saving.job.step(AUTOSAVE_STEP_KEYS);
      while (!done && this.autosaveTime() < until);
    } catch (e) {
      this.saving = null;
      saving.job.abort();
      this.autosaveFailed(e, saving.started, saving.cut.bytes);
      return;
    }
    const now = this.autosaveTime();
    saving.work += now - from;
    if (!done) {
      slice!(() => this.continueAutosave());
      return;
    }
    this.saving = null;
    try {
      const chunks = saving.job.chunks();
      this.lastImageBytes = chunks.reduce((n, c) => n + c.length, 0);
      this.autosave!(chunks, saving.cut.from);
    } catch (e) {
      this.send({ type: 'error', id: null, message: 'internal error in autosave: ' + errorText(e) });
    }
    // A snapshot that took long (a big dataset) spaces the next ones out: at most ~10% of the time.
    this.nextAutosaveAt = saving.started + Math.max(this.autosaveIntervalMs, saving.work * 10);
  }

  private autosaveFailed(e: unknown, started: number, journalBytes = 0): void {
    this.unsaved = true; // tried again after the interval
    if (this.journal !== null) this.journal.bytes += journalBytes;
    this.send({ type: 'error', id: null, message: 'internal error in autosave: ' + errorText(e) });
    this.nextAutosaveAt = started + this.autosaveIntervalMs;
  }

  handle(msg: ToWorker): void {
    let id: number | null = null;
    try {
      if (typeof msg !== 'object' || msg === null) throw new BadRequest('message is not an object');
      id = typeof msg.id === 'number' ? msg.id : null;
      if (id === null) throw new BadRequest('message has no numeric id');
      switch (msg.type) {
        case 'open':
          // Nothing else listens here (nodes.ts routes the second server's port to its host).
          if (msg.port !== undefined && msg.port !== this.engine.config.port) throw new BadRequest(`nothing listens on port ${msg.port}`);
          this.open(msg.id, msg.resp, msg.db, msg.name);
          return;
        case 'close':
          this.close(msg.id, msg.clientId);
          return;
        case 'run':
          this.run(msg.id, msg.clientId, msg.argv);
          return;
        case 'snapshot':
          this.snapshot(msg.id, msg.db, msg.cursor, msg.count);
          return;
        case 'clock':
          this.clock(msg.id, msg.action, msg.ms);
          return;
        case 'keys': {
          const db = this.database(msg.db);
          if (!Array.isArray(msg.keys) || !msg.keys.every((k) => typeof k === 'string')) throw new BadRequest('keys must be an array of strings');
          const now = Math.floor(this.engine.clock.now());
          this.send({ type: 'keys', id: msg.id, db: db.id, keys: msg.keys.map((k) => keyInfo(db, k, now)) });
          return;
        }
        case 'scan-keys':
          this.scanKeys(msg.id, msg.db, msg.prefix, msg.cursor, msg.count, msg.limit);
          return;
        case 'clients': {
          // Asked for by the inspector only, after the first prompt: its code comes then.
          const id = msg.id;
          void import('./clients-info.js').then(
            (m) => this.send({ type: 'clients', id, clients: m.clientViews(this.engine) }),
            (e: unknown) => this.send({ type: 'error', id, message: errorText(e) }),
          );
          return;
        }
        case 'dbsizes':
          this.send({ type: 'dbsizes', id: msg.id, sizes: this.engine.dbs.map((d) => d.size) });
          return;
        case 'inspect': {
          const db = this.database(msg.db);
          if (typeof msg.key !== 'string') throw new BadRequest('key must be a string');
          const offset = Number.isInteger(msg.offset) && msg.offset >= 0 ? msg.offset : 0;
          const count = Number.isInteger(msg.count) && msg.count > 0 ? msg.count : 100;
          const engine = this.engine;
          const late = engine.late;
          const memoryOf = late === null ? null : (key: string, obj: RObj) => late.keyMemory(engine, key, obj);
          const details = inspectKey(db, msg.key, Math.floor(engine.clock.now()), offset, count, this.maxSnapshotCount, memoryOf);
          this.send({ type: 'inspected', id: msg.id, details });
          return;
        }
        case 'discard-unreadable': {
          const id = msg.id;
          const done = () => this.send({ type: 'discarded', id });
          void (this.discardUnreadable?.() ?? Promise.resolve()).then(done, done);
          return;
        }
        case 'export':
        case 'import': {
          const req = msg;
          // Files in and out are fetched when first asked for (never before the first prompt).
          void import('./files.js').then(
            (m) =>
              m.answerFileRequest(
                this.engine,
                req,
                (reply) => this.send(reply),
                () => this.compact(),
              ),
            (e: unknown) => this.send({ type: 'error', id: req.id, message: errorText(e) }),
          );
          return;
        }
        case 'persistence': {
          const id = msg.id;
          void import('./persistence-view.js').then(
            (m) => this.send({ type: 'persistence', id, view: m.persistenceView(this.engine, this.journal?.bytes ?? null) }),
            (e: unknown) => this.send({ type: 'error', id, message: errorText(e) }),
          );
          return;
        }
        case 'memory': {
          const id = msg.id;
          void import('./memory-view.js').then(
            (m) => this.send({ type: 'memory', id, view: m.memoryView(this.engine) }),
            (e: unknown) => this.send({ type: 'error', id, message: errorText(e) }),
          );
          return;
        }
        default:
          throw new BadRequest(`unknown message type '${String((msg as { type?: unknown }).type)}'`);
      }
    } catch (e) {
      this.send({ type: 'error', id, message: e instanceof BadRequest ? e.message : 'internal error: ' + errorText(e) });
    }
  }

  private open(id: number, resp?: 2 | 3, db?: number, name?: string): void {
    // Validated before the client exists, so a bad request leaves nothing behind.
    const d = db === undefined ? undefined : this.database(db);
    const c = this.engine.createClient({ laddr: `127.0.0.1:${this.engine.config.port}` });
    if (resp === 3) c.resp = 3;
    if (d !== undefined) c.db = d;
    if (typeof name === 'string') c.name = name;
    // Replies and pushes are posted to the page as they come: the worker holds no output for a
    // client (postMessage has no backlog it can see or bound), so c.pendingOutput stays 0 and
    // client-output-buffer-limit never closes a page's client; a long reply is cut for the page
    // instead (reply-cap.ts).
    c.deliver = (reply) => {
      const col = this.collecting;
      if (col !== null && col.client === c) col.replies.push(reply);
      else this.send({ type: 'push', clientId: c.id, reply });
    };
    c.onKill = () => this.drop(c, null, 'killed');
    this.clients.set(c.id, c);
    this.send({ type: 'opened', id, clientId: c.id });
  }

  private close(id: number, clientId: number): void {
    const c = this.client(clientId);
    this.drop(c, id, 'close');
  }

  private drop(c: Client, id: number | null, reason: 'close' | 'quit' | 'killed'): void {
    if (!this.clients.delete(c.id)) return;
    c.deliver = () => {};
    // Its commands held behind a script will not run.
    for (const h of this.held) if (h.client === c) this.send({ type: 'error', id: h.id, message: 'the connection was closed' });
    this.held = this.held.filter((h) => h.client !== c);
    // A blocked client leaves its wait lists without a reply (closeClient).
    this.engine.closeClient(c);
    this.send({ type: 'closed', id, clientId: c.id, reason });
  }

  private run(id: number, clientId: number, argv: string[]): void {
    const c = this.client(clientId);
    if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
      throw new BadRequest('argv must be an array of strings');
    }
    // A script runs: the command waits for it to time out (then BUSY) or end, behind any of the
    // same client's that wait already.
    if (this.engine.scriptRun !== null && (this.engine.holds(c) || this.held.some((h) => h.client === c))) {
      this.held.push({ id, client: c, argv });
      return;
    }
    this.execute(id, c, argv);
  }

  private execute(id: number, c: Client, argv: string[]): void {
    const outer = this.collecting;
    const col = { client: c, replies: [] as Reply[] };
    this.collecting = col;
    try {
      const r = this.engine.execute(c, argv);
      // Anything the engine delivered to this client during the command (a RESP3 message to
      // itself) went out first on a socket too.
      if (r !== null) col.replies.push(r);
    } catch (e) {
      col.replies.push(error(internalError(errorText(e))));
    } finally {
      this.collecting = outer;
    }
    // The AOF is written before any reply goes out, as Redis's beforeSleep does.
    this.engine.aof?.flush();
    // What crosses to the page is capped (reply-cap.ts): a huge reply must not freeze it.
    let omitted = 0;
    const replies = col.replies.map((r) => {
      const capped = capReply(r);
      omitted += capped.omittedItems + capped.omittedBytes;
      return capped.reply;
    });
    // Its script goes on (EVAL, or EXEC at one): the reply comes as a push; a held EXEC ends the transaction.
    const script = this.engine.scriptRun?.caller === c ? this.engine.scriptRun.spec.mode : undefined;
    this.send({
      type: 'result',
      id,
      clientId: c.id,
      replies,
      ...(omitted > 0 ? { truncated: true } : {}),
      // MIGRATE waits for its target (nodes.ts links the servers here): its reply comes later too.
      blocked: c.unblock !== null || c.awaitingIo || script !== undefined,
      ...(script !== undefined ? { script } : {}),
      resp: c.resp,
      db: c.db.id,
      inMulti: c.multi !== null && script === undefined,
    });
    if (c.closeAfterReply && this.clients.has(c.id)) this.drop(c, null, 'quit');
  }

  private queueScript(): void {
    if (this.scriptQueued) return;
    this.scriptQueued = true;
    this.scriptSlice(() => this.continueScript());
  }

  /** Slices of the running script for up to scriptSliceMs; then the held commands that may run now. */
  private continueScript(): void {
    this.scriptQueued = false;
    const run = this.engine.scriptRun;
    if (run === null) return this.releaseHeld();
    // engine.monotonic may be a clock that stands still (tests): a count bounds the task too.
    const until = this.engine.monotonic() + this.scriptSliceMs;
    try {
      for (let n = 0; n < SCRIPT_STEPS_PER_TASK; n++) {
        this.engine.stepScript();
        if (this.engine.scriptRun !== run || this.engine.monotonic() >= until) break;
      }
    } catch (e) {
      this.send({ type: 'error', id: null, message: 'internal error in a script: ' + errorText(e) });
    }
    // Past the threshold (maybe since its first slice) the others' commands run; at its end all.
    if (this.engine.scriptRun !== run || run.timedOut) this.releaseHeld();
    if (this.engine.scriptRun !== null) this.queueScript();
  }

  /** Runs the held commands the engine no longer holds, in order (one may start a script again). */
  private releaseHeld(): void {
    const waiting = this.held;
    this.held = [];
    for (const h of waiting) {
      const stay = this.engine.scriptRun !== null && (this.engine.holds(h.client) || this.held.some((w) => w.client === h.client));
      if (stay) this.held.push(h);
      else if (this.clients.has(h.client.id)) {
        try {
          this.execute(h.id, h.client, h.argv);
        } catch (e) {
          this.send({ type: 'error', id: h.id, message: 'internal error: ' + errorText(e) });
        }
      }
    }
  }

  private snapshot(id: number, dbIndex: number, cursor: number, count: number): void {
    const db = this.database(dbIndex);
    if (!Number.isInteger(cursor) || cursor < 0) throw new BadRequest('invalid cursor');
    if (!Number.isInteger(count) || count < 1) throw new BadRequest('count must be a positive integer');
    const now = Math.floor(this.engine.clock.now());
    const keys: KeyInfo[] = [];
    // Read-only: a key whose TTL has passed is left for the engine to delete, just not shown.
    const next = db.scan(cursor, Math.min(count, this.maxSnapshotCount), (key) => {
      const info = keyInfo(db, key, now);
      if (info !== null) keys.push(info);
    });
    this.send({ type: 'snapshot', id, db: db.id, cursor: next, keys, size: db.size });
  }

  /** SCAN cursor MATCH prefix* COUNT count, read-only, stopping once `limit` names are found. */
  private scanKeys(id: number, dbIndex: number, prefix: string, cursor: number, count: number, limit: number): void {
    const db = this.database(dbIndex);
    if (typeof prefix !== 'string') throw new BadRequest('prefix must be a string');
    if (!Number.isInteger(cursor) || cursor < 0) throw new BadRequest('invalid cursor');
    if (!Number.isInteger(count) || count < 1) throw new BadRequest('count must be a positive integer');
    if (!Number.isInteger(limit) || limit < 1) throw new BadRequest('limit must be a positive integer');
    const now = Math.floor(this.engine.clock.now());
    const keys: string[] = [];
    let next = cursor;
    let budget = Math.min(count, this.maxSnapshotCount);
    // Pages of the walk until the budget of keys looked at is spent or enough names are found.
    do {
      let seen = 0;
      next = db.scan(next, Math.min(budget, 100), (key) => {
        seen++;
        if (keys.length >= limit || !key.startsWith(prefix)) return;
        const when = db.expires.get(key);
        if (when === undefined || when >= now) keys.push(key);
      });
      budget -= Math.max(seen, 1);
    } while (next !== 0 && budget > 0 && keys.length < limit);
    this.send({ type: 'scan-keys', id, db: db.id, cursor: next, keys });
  }

  private clock(id: number, action: string, ms: number | undefined): void {
    const clock = this.adjustableClock;
    if (clock === undefined) throw new BadRequest('this engine has a fixed clock');
    if (action === 'pause' || action === 'resume' || action === 'real') {
      if (action === 'pause') clock.pause();
      else if (action === 'resume') clock.resume();
      else {
        const lead = clock.ahead;
        clock.real();
        this.engine.rebaseExpiries(lead);
      }
      this.unsaved = true; // the saved state keeps a paused clock paused
      this.journal?.clockChanged();
    } else if (action === 'advance') {
      if (typeof ms !== 'number' || !(ms > 0) || !Number.isFinite(ms)) throw new BadRequest('advance needs a positive number of ms');
      clock.advance(ms);
      this.unsaved = true; // the saved state keeps the clock's lead
      this.journal?.clockChanged();
      // Everything whose time came goes now, as a person fast-forwarding expects to see.
      const due = Math.max(0, ...this.engine.dbs.map((d) => d.expires.size));
      if (due > 0) this.engine.activeExpireCycle(due);
      this.engine.handleBlockedTimeouts();
    } else if (action !== 'read') throw new BadRequest(`unknown clock action '${action}'`);
    if (action !== 'read') this.cron.clockMoved();
    this.send({ type: 'clock', id, now: clock.now(), paused: clock.paused, ahead: clock.ahead });
  }

  private database(index: number): Database {
    const db = Number.isInteger(index) ? this.engine.dbs[index] : undefined;
    if (db === undefined) throw new BadRequest(`no database ${index}`);
    return db;
  }

  private client(clientId: number): Client {
    const c = this.clients.get(clientId);
    if (c === undefined) throw new BadRequest(`no client ${String(clientId)}`);
    return c;
  }

  private send(msg: FromWorker): void {
    try {
      this.post(msg);
    } catch {
      // The port is gone (the page is closing): nothing left to tell.
    }
  }
}

class BadRequest extends Error {}

/** Keys an autosave slice writes between looks at the time. */
const AUTOSAVE_STEP_KEYS = 256;

/** Most engine.stepScript calls in one task (each is about 2 ms). */
const SCRIPT_STEPS_PER_TASK = 10;
