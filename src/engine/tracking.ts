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

  constructor(private readonly engine: Engine) {}

  /** INFO's tracking_total_keys, tracking_total_items, tracking_total_prefixes. */
  totals(): { keys: number; items: number; prefixes: number } {
    let items = 0;
    for (const ids of this.table.values()) items += ids.size;
    return { keys: this.table.size, items, prefixes: this.prefixes.size };
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
    if (t === null || !t.bcast) return;
    for (const p of t.prefixes) {
      const bs = this.prefixes.get(p);
      if (bs === undefined) continue;
      bs.clients.delete(c);
      if (bs.clients.size === 0) this.prefixes.delete(p);
    }
  }

  /** trackingRememberKeys: after a read-only command of a tracking client, the keys it read. */
  remember(c: Client, cmd: Command, argv: string[]): void {
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
    const engine = this.engine;
    const current = engine.currentClient;
    if (this.prefixes.size > 0) {
      const modifier = byExpiry ? null : current;
      for (const [prefix, bs] of this.prefixes) {
        if (key.startsWith(prefix)) bs.keys.set(key, modifier);
      }
    }
    const ids = this.table.get(key);
    if (ids === undefined) return;
    this.table.delete(key);
    for (const id of ids) {
      const target = engine.clients.get(id);
      const t = target?.tracking;
      if (target === undefined || t === null || t === undefined || t.bcast) continue;
      if (target === current) {
        if (!t.noloop) this.pending.push(key);
      } else {
        this.send(target, array([bulk(key)]));
      }
    }
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
