// Client-side caching: the tracking tables (Redis's tracking.c). Installed on the engine the
// first time a client turns CLIENT TRACKING on; the engine tells it what was read and changed.

import type { Client } from './client.js';
import type { Command } from './command.js';
import type { Engine } from './engine.js';
import { commandKeys } from './getkeys.js';
import { array, bulk, int, NIL, push, type Reply } from '../shared/reply.js';

/** Keys modified since the last broadcast for one BCAST prefix, and who listens to it. */
interface BcastState {
  /** key → the client that modified it last (null: an expiry), for NOLOOP. */
  keys: Map<string, Client | null>;
  clients: Set<Client>;
}

/**
 * Redis's tracking.c. Keys read by tracking clients are remembered globally (not per database,
 * as in Redis) and forgotten once invalidated; BCAST clients hear about every modified key under
 * their prefixes, in one batch per command. Invalidations reach RESP3 clients as
 * `>2 invalidate [keys]` pushes, or their REDIRECT client.
 */
export class Tracker {
  /** key → ids of the clients that may cache it. */
  private readonly table = new Map<string, Set<number>>();
  private readonly prefixes = new Map<string, BcastState>();
  /** Invalidations for the running client itself (a key, or null for a flush): after its reply. */
  private pending: (string | null)[] = [];
  /** While endOfCommand runs: the client whose pushes are collected, not delivered. */
  private collecting: Client | null = null;
  private owed: Reply[] = [];
  /** Flush dedup: FLUSHALL empties every database but invalidates once. */
  private epoch = 0;
  private flushedAt = '';
  /**
   * Redis's server.fixed_time_expire as tracking reads it: above 0 while call() runs a command
   * (the engine counts). Only then do the running client's own invalidations wait for its reply.
   */
  calls = 0;
  /** server.tracking_clients: connections with tracking on. */
  private clientCount = 0;
  /** trackingLimitUsedSlots' timeout_counter: runs in a row that ended still over the limit. */
  private limitRuns = 0;

  constructor(private readonly engine: Engine) {}

  /** INFO's tracking_total_keys, tracking_total_items, tracking_total_prefixes. */
  totals(): { keys: number; items: number; prefixes: number } {
    let items = 0;
    for (const ids of this.table.values()) items += ids.size;
    return { keys: this.table.size, items, prefixes: this.prefixes.size };
  }

  /** enableTracking for a client that had tracking off. */
  enabled(): void {
    this.clientCount++;
  }

  /** enableBcastTrackingForPrefix. */
  listen(c: Client, prefix: string): void {
    let bs = this.prefixes.get(prefix);
    if (bs === undefined) this.prefixes.set(prefix, (bs = { keys: new Map(), clients: new Set() }));
    bs.clients.add(c);
  }

  /** The client turns tracking off or goes away. */
  forget(c: Client): void {
    const t = c.tracking;
    if (t === null) return;
    this.clientCount--;
    if (!t.bcast) return;
    for (const p of t.prefixes) {
      const bs = this.prefixes.get(p);
      if (bs === undefined) continue;
      bs.clients.delete(c);
      if (bs.clients.size === 0) this.prefixes.delete(p);
    }
  }

  /**
   * call()'s tail for a read-only command: the keys go into the table for its client. A command
   * a script runs counts for the script's caller, whose declared keys (its EVAL or FCALL line)
   * are remembered; EVAL_RO & co. themselves are skipped (their scripts' reads count instead).
   */
  afterRead(c: Client, cmd: Command, argv: readonly string[]): void {
    if (SCRIPT_RO.has(cmd.fullName)) return;
    if (!c.script) {
      if (c.tracking !== null) this.remember(c, cmd, argv);
      return;
    }
    const caller = this.engine.scripting?.scriptCaller() ?? null;
    if (caller === null || caller.client.tracking === null) return;
    const callerCmd = this.engine.lookupCommand(caller.argv);
    if (callerCmd !== undefined) this.remember(caller.client, callerCmd, caller.argv);
  }

  /** trackingRememberKeys: the keys of a command its tracking client ran may now be cached. */
  private remember(c: Client, cmd: Command, argv: readonly string[]): void {
    const t = c.tracking!;
    if (t.bcast) return;
    if ((t.optin && !t.caching) || (t.optout && t.caching)) return;
    if (cmd.flags.includes('pubsub')) return;
    for (const { pos } of commandKeys(cmd, argv)) {
      const key = argv[pos]!;
      let ids = this.table.get(key);
      if (ids === undefined) this.table.set(key, (ids = new Set()));
      ids.add(c.id);
    }
  }

  /** trackingInvalidateKey: a key changed (signalModifiedKey); `byExpiry` when its TTL deleted it. */
  invalidate(key: string, byExpiry: boolean): void {
    if (this.prefixes.size > 0) {
      const modifier = byExpiry ? null : this.engine.currentClient;
      for (const [prefix, bs] of this.prefixes) {
        if (key.startsWith(prefix)) bs.keys.set(key, modifier);
      }
    }
    this.invalidateTracked(key);
  }

  /**
   * trackingInvalidateKey's table half: every client that may cache the key hears of it, and
   * the key leaves the table. The running client's own notices wait for its reply while a
   * command runs; NOLOOP clients never hear of what they did themselves.
   */
  private invalidateTracked(key: string): void {
    const ids = this.table.get(key);
    if (ids === undefined) return;
    this.table.delete(key);
    const engine = this.engine;
    const current = engine.currentClient;
    for (const id of ids) {
      const target = engine.clients.get(id);
      const t = target?.tracking;
      if (target === undefined || t === null || t === undefined || t.bcast) continue;
      if (target === current && t.noloop) continue;
      if (target === current && this.calls > 0) this.pending.push(key);
      else this.send(target, array([bulk(key)]));
    }
  }

  /**
   * trackingLimitUsedSlots (before each command and in serverCron): over tracking-table-max-keys,
   * keys leave the table as if they changed (no BCAST notice), up to an effort that grows with
   * each run that could not get under the limit. Redis picks them by a random walk; here the
   * longest-tracked go first.
   */
  limitUsedSlots(): void {
    if (this.clientCount === 0) return;
    const max = Number(this.engine.config.get('tracking-table-max-keys') ?? 0);
    if (max === 0) return;
    if (this.table.size <= max) {
      this.limitRuns = 0;
      return;
    }
    for (let effort = 100 * (this.limitRuns + 1); effort > 0; effort--) {
      const next = this.table.keys().next();
      if (next.done === true) break;
      this.invalidateTracked(next.value);
      if (this.table.size <= max) {
        this.limitRuns = 0;
        return;
      }
    }
    this.limitRuns++;
  }

  /** trackingInvalidateKeysOnFlush: every tracking client hears "all keys" (a null) once. */
  flushed(): void {
    const engine = this.engine;
    const at = `${this.epoch}:${engine.stats.totalCommands}`;
    if (at === this.flushedAt) return;
    this.flushedAt = at;
    const current = engine.currentClient;
    for (const cl of engine.clients.values()) {
      if (cl.tracking === null) continue;
      if (cl === current) this.pending.push(null);
      else this.send(cl, NIL);
    }
    this.table.clear();
  }

  /**
   * End of a command of `c` (null: of an expiry cycle): sends what is due (BCAST batches,
   * invalidations of the client's own keys) and returns the pushes owed to `c` after its reply.
   */
  endOfCommand(c: Client | null): Reply[] | null {
    this.epoch++;
    this.collecting = c;
    try {
      // trackingHandlePendingKeyInvalidations, then beforeSleep's broadcast.
      if (c !== null && this.pending.length > 0) {
        const pending = this.pending;
        this.pending = [];
        for (const key of pending) {
          if (c.tracking !== null) this.send(c, key === null ? NIL : array([bulk(key)]));
        }
      }
      this.broadcast();
    } finally {
      this.collecting = null;
    }
    if (this.owed.length === 0) return null;
    const owed = this.owed;
    this.owed = [];
    return owed;
  }

  /** trackingBroadcastInvalidationMessages: one array of keys per prefix and client. */
  private broadcast(): void {
    if (this.prefixes.size === 0) return;
    const prefixes = [...this.prefixes.keys()].sort();
    for (const p of prefixes) {
      const bs = this.prefixes.get(p)!;
      if (bs.keys.size === 0) continue;
      const keys = [...bs.keys.keys()].sort();
      const all = array(keys.map((k) => bulk(k)));
      for (const cl of bs.clients) {
        if (cl.tracking?.noloop) {
          const mine = keys.filter((k) => bs.keys.get(k) !== cl);
          if (mine.length > 0) this.send(cl, array(mine.map((k) => bulk(k))));
        } else {
          this.send(cl, all);
        }
      }
      bs.keys.clear();
    }
  }

  /** sendTrackingMessage: to the client, or the client it redirects to. */
  private send(c: Client, keys: Reply): void {
    const t = c.tracking!;
    let target = c;
    if (t.redirect !== 0) {
      const redir = this.engine.clients.get(t.redirect);
      if (redir === undefined) {
        t.brokenRedirect = true;
        if (c.resp === 3) this.deliver(c, push([bulk('tracking-redir-broken'), int(t.redirect)]));
        return;
      }
      target = redir;
    }
    // RESP2 connections cannot take pushes: a redirect target in pub/sub mode (subscribed to
    // anything) gets a __redis__:invalidate message; others get nothing.
    if (target.resp === 3) this.deliver(target, push([bulk('invalidate'), keys]));
    else if (t.redirect !== 0 && target.pubsub !== null) {
      this.deliver(target, push([bulk('message'), bulk('__redis__:invalidate'), keys]));
    }
  }

  private deliver(target: Client, reply: Reply): void {
    if (target === this.collecting) this.owed.push(reply);
    else target.deliver(reply);
  }
}

/** The read-only script commands, which call() does not remember keys for. */
const SCRIPT_RO = new Set(['eval_ro', 'evalsha_ro', 'fcall_ro']);

export function trackerOf(engine: Engine): Tracker {
  if (engine.tracker === null) engine.tracker = new Tracker(engine);
  return engine.tracker;
}

/** disableTracking. */
export function disableTracking(c: Client): void {
  if (c.tracking === null) return;
  c.engine.tracker?.forget(c);
  c.tracking = null;
}
