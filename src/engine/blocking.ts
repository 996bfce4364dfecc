// Blocking commands' machinery (Redis 7.0's blocked.c and timeout.c): BLPOP & co. that find no
// data block the client on their keys. Event-driven, never polled:
//
// - A client blocks on its keys (per database index, FIFO per key); Engine.execute returns null
//   for it and its reply comes later through `client.deliver`.
// - A key of a type clients wait for that is added to a database (Database.put of a new key,
//   which is where Redis's dbAdd calls signalKeyAsReady; SWAPDB scans the waited keys) is
//   marked ready. After the command (the whole EXEC, the whole MULTI) that made keys ready,
//   the engine serves the clients waiting on each ready key in the order they blocked, by
//   running their command's serve step (handleClientsBlockedOnKeys). Serving may make more keys
//   ready (BLMOVE pushes): those are served in the next round.
// - Timeouts: an absolute deadline on the engine clock; hosts ask nextDeadline() and call
//   handleTimeouts() when it has passed (see BlockedTimeoutTimer).
// - CLIENT UNBLOCK (Client.unblock), CLIENT KILL and closed connections (Engine.closeClient)
//   take a client out of every wait list.
//
// Redis 7.0 rules kept here: a client waiting for a list is served only while the key holds a
// list (a key that became a string or a zset leaves it waiting); zset waiters likewise; a
// served BLMOVE whose destination holds another type answers WRONGTYPE and moves nothing.

import type { Client } from './client.js';
import type { Database } from './database.js';
import type { Engine } from './engine.js';
import * as E from '../shared/errors.js';
import { lookupIn } from './keyspace.js';
import { ceilLongDoubleTimes, INT64_MAX, parseLongDouble } from './numbers.js';
import type { RObj } from './objects.js';
import { error, NIL_ARRAY, type Reply } from '../shared/reply.js';

/**
 * What a client waits for (Redis's BLOCKED_LIST / BLOCKED_ZSET / BLOCKED_STREAM, and BLOCKED_WAIT:
 * WAIT's acknowledgements from replicas, which never come here, so only its timeout ends it).
 */
export type BlockType = 'list' | 'zset' | 'stream' | 'wait';

/**
 * How a blocked command is finished once one of its keys holds data: pops from the ready key
 * `key` (in the client's database, holding the non-empty object `o` of the awaited type) and
 * returns the client's reply. May leave the key untouched (a BLMOVE whose destination has the
 * wrong type).
 */
export type ServeStep = (c: Client, key: string, o: RObj) => Reply | null;
// A stream waiter's serve step returns null when the stream has nothing new for it (it keeps
// waiting: serveClientsBlockedOnStreamKey). XREADGROUP waiters also carry `gone`, the error
// they get when the key is deleted or stops being a stream (unblockDeletedStreamReadgroupClients).

/** A blocked client's state (Redis's c->bpop). */
export interface BlockedClient {
  readonly client: Client;
  readonly type: BlockType;
  /** The database index blocked in: Redis's c->db, whose blocking_keys hold the client. */
  readonly dbIndex: number;
  /** The awaited keys, each once, in argument order. */
  readonly keys: readonly string[];
  /** Absolute engine time (ms) after which it times out; 0 = never. */
  readonly deadline: number;
  /** The blocking command line (CLIENT LIST argv-mem) and its table name (INFO commandstats). */
  readonly argv: readonly string[];
  readonly command: string;
  readonly serve: ServeStep;
  /** XREADGROUP: the reply when the awaited key is deleted or overwritten by another type. */
  readonly gone?: Reply;
  /** The reply when it times out (or CLIENT UNBLOCK … TIMEOUT): a null array unless set (WAIT's count). */
  readonly timedOut?: Reply | (() => Reply);
}

/** The replies that end a wait other than by serving it (BlockedClient's `gone` and `timedOut`). */
export interface BlockEnds {
  gone?: Reply;
  /** A reply, or made when the time comes (WAIT counts its replicas then). */
  timedOut?: Reply | (() => Reply);
}

function timedOutReply(b: BlockedClient): Reply {
  const t = b.timedOut;
  return t === undefined ? NIL_ARRAY : typeof t === 'function' ? t() : t;
}

const TIMEOUT_NOT_FLOAT_R = error(E.TIMEOUT_NOT_FLOAT);
const TIMEOUT_NEGATIVE_R = error(E.TIMEOUT_NEGATIVE);
/** A deadline that cannot be reached: the int64 sum overflowed (Redis never times these out). */
const NEVER = Number.POSITIVE_INFINITY;

/**
 * getTimeoutFromObjectOrReply (UNIT_SECONDS): seconds with decimals, as a long double, times
 * 1000 rounded up to whole ms. Returns the absolute deadline on the engine clock (0 = block
 * forever) or the error reply ('timeout is not a float or out of range', 'timeout is negative':
 * also what an out-of-range value like 1e20 or inf gives, as on x86-64).
 */
export function parseTimeout(c: Client, arg: string): number | Reply {
  const x = parseLongDouble(arg);
  if (x === null) return TIMEOUT_NOT_FLOAT_R;
  const ms = ceilLongDoubleTimes(x, 1000);
  if (ms < 0n) return TIMEOUT_NEGATIVE_R;
  if (ms === 0n) return 0;
  const when = ms + BigInt(c.engine.now);
  return when > INT64_MAX ? NEVER : Number(when);
}

/**
 * False where a command may not block and must answer as if it timed out (Redis's
 * CLIENT_DENY_BLOCKING: the commands EXEC runs, and the script client).
 */
export function mayBlock(c: Client): boolean {
  return !c.engine.inExec && !c.script;
}

/** db index → awaited key → the clients waiting on it, in the order they blocked. */
type WaitLists = Map<string, Set<BlockedClient>>;

export class Blocking {
  private readonly waiting: WaitLists[];
  private readonly blocked = new Map<Client, BlockedClient>();
  /** Keys signalled ready since the last round, in order, and the same as 'db\0key' for dedup. */
  private ready: { dbIndex: number; key: string }[] = [];
  private readySet = new Set<string>();
  private byType = { list: 0, zset: 0, stream: 0, wait: 0 };
  /** Clients with a deadline (INFO's clients_in_timeout_table). */
  private timed = 0;
  private serving = false;
  /** Called with the deadline whenever a client blocks with a timeout (hosts arm a timer). */
  onDeadline: ((deadline: number) => void) | null = null;
  /** Database.put hook, installed on every database while a client is blocked. */
  private readonly onAdd = (db: Database, key: string, obj: RObj): void => this.signal(db.id, key, obj.type);
  /** Database.onStreamGone hook: a deleted or overwritten stream wakes its XREADGROUP waiters. */
  private readonly onStreamGone = (db: Database, key: string): void => this.signal(db.id, key, 'stream');

  constructor(private readonly engine: Engine) {
    this.waiting = engine.dbs.map((): WaitLists => new Map());
  }

  /** Clients blocked now (INFO's blocked_clients). */
  get count(): number {
    return this.blocked.size;
  }

  /** Blocked clients that have a timeout (INFO's clients_in_timeout_table). */
  get withTimeout(): number {
    return this.timed;
  }

  /** The client's blocked state, or undefined when it is not blocked. */
  stateOf(c: Client): BlockedClient | undefined {
    return this.blocked.size === 0 ? undefined : this.blocked.get(c);
  }

  /**
   * blockForKeys: the client waits on `keys` (in its current database) until one of them holds
   * a non-empty value of `type`, the deadline passes or it is unblocked. The handler then
   * returns null.
   */
  block(c: Client, type: BlockType, keys: readonly string[], deadline: number, argv: readonly string[], serve: ServeStep, ends: BlockEnds = {}): null {
    const engine = this.engine;
    const dbIndex = c.db.id;
    const unique = keys.length === 1 ? [keys[0]!] : [...new Set(keys)];
    const b: BlockedClient = {
      client: c,
      type,
      dbIndex,
      keys: unique,
      deadline,
      argv: argv.slice(),
      command: c.lastCommand,
      serve,
      gone: ends.gone,
      timedOut: ends.timedOut,
    };
    const lists = this.waiting[dbIndex]!;
    for (const k of unique) {
      let set = lists.get(k);
      if (set === undefined) lists.set(k, (set = new Set()));
      set.add(b);
    }
    if (this.blocked.size === 0) {
      for (const db of engine.dbs) {
        db.onAdd = this.onAdd;
        db.onStreamGone = this.onStreamGone;
      }
    }
    this.blocked.set(c, b);
    this.byType[type]++;
    if (deadline !== 0) this.timed++;
    c.unblock = (byError) => this.unblockByRequest(c, byError);
    if (deadline !== 0 && this.onDeadline !== null) this.onDeadline(deadline);
    return null;
  }

  /**
   * signalKeyAsReady: `key` of database `dbIndex` now holds a value of `type`; queued for the
   * next round when clients wait on it for that type.
   */
  signal(dbIndex: number, key: string, type: string): void {
    if (type !== 'list' && type !== 'zset' && type !== 'stream') return;
    if (this.byType[type] === 0) return;
    const lists = this.waiting[dbIndex];
    if (lists === undefined || !lists.has(key)) return;
    const id = dbIndex + '\0' + key;
    if (this.readySet.has(id)) return;
    this.readySet.add(id);
    this.ready.push({ dbIndex, key });
  }

  /**
   * scanDatabaseForDeletedStreams (FLUSHDB, FLUSHALL, SWAPDB; called before the change): every
   * waited key of index `dbIndex` that holds a stream in `before` and will not in `after` (null:
   * flushed) is signalled, so that XREADGROUP waiters on it get their error.
   */
  scanForDeletedStreams(dbIndex: number, before: Database, after: Database | null): void {
    if (this.byType.stream === 0) return;
    const lists = this.waiting[dbIndex];
    if (lists === undefined) return;
    for (const key of lists.keys()) {
      if (before.dict.get(key)?.type !== 'stream') continue;
      if (after?.dict.get(key)?.type !== 'stream') this.signal(dbIndex, key, 'stream');
    }
  }

  /** scanDatabaseForReadyKeys (SWAPDB): every waited key of that index that holds data is ready. */
  scanForReadyKeys(dbIndex: number): void {
    const lists = this.waiting[dbIndex];
    if (lists === undefined || lists.size === 0) return;
    const db = this.engine.dbs[dbIndex]!;
    for (const key of lists.keys()) {
      const o = db.dict.get(key);
      if (o !== undefined) this.signal(dbIndex, key, o.type);
    }
  }

  get hasReady(): boolean {
    return this.ready.length !== 0;
  }

  /**
   * handleClientsBlockedOnKeys: serves the clients waiting on the keys made ready, round after
   * round (a served BLMOVE may make its destination ready), each key's clients in FIFO order
   * while the key holds data.
   */
  handleReady(): void {
    if (this.serving) return;
    this.serving = true;
    const engine = this.engine;
    const outer = engine.currentClient;
    // Serving counts as running a command (fixed_time_expire): a served client's own tracking
    // invalidations follow its reply.
    const tracker = engine.tracker;
    if (tracker !== null) tracker.calls++;
    try {
      while (this.ready.length !== 0) {
        const round = this.ready;
        this.ready = [];
        for (const { dbIndex, key } of round) {
          this.readySet.delete(dbIndex + '\0' + key);
          const db = engine.dbs[dbIndex]!;
          engine.now = Math.floor(engine.clock.now());
          const o = lookupIn(engine, db, key);
          if (o === undefined || o.type !== 'stream') this.serveGone(dbIndex, key);
          if (o === undefined || (o.type !== 'list' && o.type !== 'zset' && o.type !== 'stream')) continue;
          const set = this.waiting[dbIndex]!.get(key);
          if (set === undefined) continue;
          for (const b of set) {
            if (b.type !== o.type) continue;
            // The key was emptied (and deleted) by the previous client served.
            if (db.dict.get(key) !== o) break;
            const c = b.client;
            engine.currentClient = c;
            // Served in the database it blocked in (Redis's receiver->db).
            const own = c.db;
            c.db = db;
            let reply: Reply | null;
            const started = engine.monotonic();
            try {
              reply = b.serve(c, key, o);
            } finally {
              c.db = own;
            }
            if (reply === null) continue;
            this.unblock(b);
            engine.servedBlockedClient(c, b.command, reply, { argv: b.argv, usec: Math.floor((engine.monotonic() - started) * 1000) });
            // Each served client's effects go out on their own (blocked.c's afterCommand).
            engine.propagation.flush();
          }
        }
      }
    } finally {
      engine.currentClient = outer;
      this.serving = false;
      if (tracker !== null) tracker.calls--;
    }
  }

  /**
   * unblockDeletedStreamReadgroupClients: the key is gone or holds another type; XREADGROUP
   * waiters on it get their error.
   */
  private serveGone(dbIndex: number, key: string): void {
    if (this.byType.stream === 0) return;
    const set = this.waiting[dbIndex]!.get(key);
    if (set === undefined) return;
    const engine = this.engine;
    for (const b of [...set]) {
      if (b.type !== 'stream' || b.gone === undefined) continue;
      engine.currentClient = b.client;
      this.unblock(b);
      engine.servedBlockedClient(b.client, b.command, b.gone);
    }
  }

  /** replyToBlockedClientTimedOut for every client whose deadline has passed (engine clock). */
  handleTimeouts(): void {
    if (this.timed === 0) return;
    const engine = this.engine;
    engine.now = Math.floor(engine.clock.now());
    const now = engine.now;
    const due: BlockedClient[] = [];
    for (const b of this.blocked.values()) if (b.deadline !== 0 && b.deadline < now) due.push(b);
    // Redis's timeout table is ordered by deadline, then client id.
    due.sort((a, b) => a.deadline - b.deadline || a.client.id - b.client.id);
    for (const b of due) {
      if (this.blocked.get(b.client) !== b) continue;
      this.unblock(b);
      engine.servedBlockedClient(b.client, b.command, timedOutReply(b));
    }
  }

  /** Ends a wait that is not on keys (WAIT) with `reply`. */
  release(c: Client, reply: Reply): void {
    const b = this.stateOf(c);
    if (b === undefined) return;
    this.unblock(b);
    this.engine.servedBlockedClient(c, b.command, reply);
  }

  /** The nearest deadline of a blocked client (engine ms), or null when none has one. */
  nextDeadline(): number | null {
    if (this.timed === 0) return null;
    let min = NEVER;
    for (const b of this.blocked.values()) if (b.deadline !== 0 && b.deadline < min) min = b.deadline;
    return min === NEVER ? null : min;
  }

  /** The client goes away (closed connection, CLIENT KILL): out of every wait list, no reply. */
  forget(c: Client): void {
    const b = this.stateOf(c);
    if (b !== undefined) this.unblock(b);
  }

  /** CLIENT UNBLOCK id [TIMEOUT|ERROR]. */
  private unblockByRequest(c: Client, byError: boolean): void {
    const b = this.stateOf(c);
    if (b === undefined) return;
    this.unblock(b);
    this.engine.servedBlockedClient(c, b.command, byError ? error(E.UNBLOCKED) : timedOutReply(b));
  }

  /** unblockClientWaitingData: out of the wait lists; the client may run commands again. */
  private unblock(b: BlockedClient): void {
    const c = b.client;
    if (this.blocked.get(c) !== b) return;
    const lists = this.waiting[b.dbIndex]!;
    for (const k of b.keys) {
      const set = lists.get(k);
      if (set === undefined) continue;
      set.delete(b);
      if (set.size === 0) lists.delete(k);
    }
    this.blocked.delete(c);
    this.byType[b.type]--;
    if (b.deadline !== 0) this.timed--;
    c.unblock = null;
    if (this.blocked.size === 0) {
      for (const db of this.engine.dbs) {
        db.onAdd = null;
        db.onStreamGone = null;
      }
    }
  }
}

/** Timer functions a host gives BlockedTimeoutTimer (globalThis.setTimeout and clearTimeout). */
export interface TimeoutTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Answers blocked clients when their timeout passes, with one timer armed for the nearest
 * deadline (so BLPOP k 0.2 answers after 200 ms, not at the next cron tick). Hosts (the TCP
 * server, the worker) start one per engine.
 */
export class BlockedTimeoutTimer {
  private handle: unknown = undefined;
  private armedFor = NEVER;
  private running = false;

  constructor(
    private readonly engine: Engine,
    private readonly timers: TimeoutTimers,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.engine.blocking.onDeadline = (deadline) => {
      if (deadline < this.armedFor) this.arm();
    };
    this.arm();
  }

  stop(): void {
    this.running = false;
    if (this.engine.blocking.onDeadline !== null) this.engine.blocking.onDeadline = null;
    this.disarm();
  }

  /** The engine's clock jumped (paused, fast-forwarded): the timer is armed again from now. */
  clockMoved(): void {
    if (this.running) this.arm();
  }

  private disarm(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    this.armedFor = NEVER;
  }

  /** (Re)arms the timer for the nearest deadline, if any. */
  private arm(): void {
    this.disarm();
    if (!this.running) return;
    const next = this.engine.nextBlockedDeadline();
    if (next === null) return;
    // A client times out once the clock is strictly past its deadline.
    // While a script runs timeouts wait for its end (handleBlockedTimeouts): look again later.
    const soonest = this.engine.scriptRun !== null ? 50 : 0;
    const delay = Math.max(soonest, Math.min(next - this.engine.clock.now() + 1, 2 ** 31 - 1));
    this.armedFor = next;
    this.handle = this.timers.setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.handle = undefined;
    this.armedFor = NEVER;
    try {
      this.engine.handleBlockedTimeouts();
    } finally {
      this.arm();
    }
  }
}
