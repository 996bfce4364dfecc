// Pub/Sub state and delivery (Redis's pubsub.c and notify.c), plus MONITOR's feed
// (replication.c's replicationFeedMonitors). The engine owns one PubSub; the commands live in
// commands/pubsub.ts.
//
// Server side: channel → subscribers in subscription order (Redis keeps a list per channel),
// pattern → subscribers, shard channel → subscribers, and the monitors in MONITOR order.
// Client side: Client.pubsub holds the client's channels, patterns and shard channels while it
// has any (Redis's CLIENT_PUBSUB flag is `c.pubsub !== null`).

import type { Client } from './client.js';
import { NOTIFY_CLASSES, NOTIFY_KEYEVENT, NOTIFY_KEYSPACE } from './config.js';
import { globMatcher } from '../shared/glob.js';
import { bulk, int, NIL, push, simple, type Reply } from '../shared/reply.js';

/** One client's subscriptions (insertion order: Redis's pattern list keeps it too). */
export interface ClientSubscriptions {
  channels: Set<string>;
  patterns: Set<string>;
  shard: Set<string>;
}

/** Channels of SUBSCRIBE/PUBLISH, or shard channels of SSUBSCRIBE/SPUBLISH. */
export type ChannelKind = 'global' | 'shard';

interface PatternEntry {
  match: (s: string) => boolean;
  clients: Set<Client>;
}

const SUBSCRIBE = bulk('subscribe');
const UNSUBSCRIBE = bulk('unsubscribe');
const SSUBSCRIBE = bulk('ssubscribe');
const SUNSUBSCRIBE = bulk('sunsubscribe');
const PSUBSCRIBE = bulk('psubscribe');
const PUNSUBSCRIBE = bulk('punsubscribe');
const MESSAGE = bulk('message');
const SMESSAGE = bulk('smessage');
const PMESSAGE = bulk('pmessage');

/** The NOTIFY_* flag of a class letter ('g', '$', 'x' …); 0 for an unknown letter. */
export function notifyClassFlag(type: string): number {
  return NOTIFY_CLASSES[type] ?? 0;
}

export class PubSub {
  /** channel → subscribers, in subscription order. */
  readonly channels = new Map<string, Set<Client>>();
  /** shard channel → subscribers. */
  readonly shardChannels = new Map<string, Set<Client>>();
  /** pattern → subscribers (and its compiled matcher). */
  readonly patterns = new Map<string, PatternEntry>();
  /** MONITOR clients, in the order they ran MONITOR. */
  readonly monitors = new Set<Client>();
  /**
   * Lines owed to the client whose command is running: its own MONITOR line goes out after its
   * reply (Engine.execute delivers them; EXEC puts them after each queued command's reply), as
   * Redis appends it to the reply buffer after the call.
   */
  owed: Reply[] | null = null;

  // ---- counts ------------------------------------------------------------------------------

  /** clientSubscriptionsCount: channels + patterns (what (P)SUBSCRIBE replies count). */
  static count(c: Client): number {
    const s = c.pubsub;
    return s === null ? 0 : s.channels.size + s.patterns.size;
  }

  /** clientShardSubscriptionsCount. */
  static shardCount(c: Client): number {
    const s = c.pubsub;
    return s === null ? 0 : s.shard.size;
  }

  // ---- subscribing -------------------------------------------------------------------------

  /** pubsubSubscribeChannel: subscribes (if not yet) and returns the confirmation to send. */
  subscribe(c: Client, channel: string, kind: ChannelKind): Reply {
    const subs = (c.pubsub ??= { channels: new Set(), patterns: new Set(), shard: new Set() });
    const mine = kind === 'shard' ? subs.shard : subs.channels;
    if (!mine.has(channel)) {
      mine.add(channel);
      const server = kind === 'shard' ? this.shardChannels : this.channels;
      let clients = server.get(channel);
      if (clients === undefined) server.set(channel, (clients = new Set()));
      clients.add(c);
    }
    return kind === 'shard' ? push([SSUBSCRIBE, bulk(channel), int(subs.shard.size)]) : push([SUBSCRIBE, bulk(channel), int(PubSub.count(c))]);
  }

  /** pubsubUnsubscribeChannel: returns the confirmation (sent whether it was subscribed or not). */
  unsubscribe(c: Client, channel: string, kind: ChannelKind): Reply {
    const subs = c.pubsub;
    if (subs !== null) {
      const mine = kind === 'shard' ? subs.shard : subs.channels;
      if (mine.delete(channel)) {
        const server = kind === 'shard' ? this.shardChannels : this.channels;
        const clients = server.get(channel);
        if (clients !== undefined) {
          clients.delete(c);
          if (clients.size === 0) server.delete(channel);
        }
      }
    }
    return this.unsubscribed(c, channel, kind);
  }

  /** Unsubscribes from every channel of the kind; the replies (one, with a nil channel, if none). */
  unsubscribeAll(c: Client, kind: ChannelKind): Reply[] {
    const subs = c.pubsub;
    const mine = subs === null ? null : kind === 'shard' ? subs.shard : subs.channels;
    if (mine === null || mine.size === 0) return [this.unsubscribed(c, null, kind)];
    const out: Reply[] = [];
    for (const channel of [...mine]) out.push(this.unsubscribe(c, channel, kind));
    return out;
  }

  private unsubscribed(c: Client, channel: string | null, kind: ChannelKind): Reply {
    const name = channel === null ? NIL : bulk(channel);
    return kind === 'shard' ? push([SUNSUBSCRIBE, name, int(PubSub.shardCount(c))]) : push([UNSUBSCRIBE, name, int(PubSub.count(c))]);
  }

  /** pubsubSubscribePattern. */
  psubscribe(c: Client, pattern: string): Reply {
    const subs = (c.pubsub ??= { channels: new Set(), patterns: new Set(), shard: new Set() });
    if (!subs.patterns.has(pattern)) {
      subs.patterns.add(pattern);
      let entry = this.patterns.get(pattern);
      if (entry === undefined) {
        entry = { match: globMatcher(pattern), clients: new Set() };
        this.patterns.set(pattern, entry);
      }
      entry.clients.add(c);
    }
    return push([PSUBSCRIBE, bulk(pattern), int(PubSub.count(c))]);
  }

  /** pubsubUnsubscribePattern. */
  punsubscribe(c: Client, pattern: string): Reply {
    const subs = c.pubsub;
    if (subs !== null && subs.patterns.delete(pattern)) {
      const entry = this.patterns.get(pattern);
      if (entry !== undefined) {
        entry.clients.delete(c);
        if (entry.clients.size === 0) this.patterns.delete(pattern);
      }
    }
    return push([PUNSUBSCRIBE, bulk(pattern), int(PubSub.count(c))]);
  }

  /** pubsubUnsubscribeAllPatterns. */
  punsubscribeAll(c: Client): Reply[] {
    const subs = c.pubsub;
    if (subs === null || subs.patterns.size === 0) return [push([PUNSUBSCRIBE, NIL, int(PubSub.count(c))])];
    const out: Reply[] = [];
    for (const pattern of [...subs.patterns]) out.push(this.punsubscribe(c, pattern));
    return out;
  }

  /** Leaves pub/sub mode (Redis clears CLIENT_PUBSUB) once no subscription of any kind is left. */
  static settle(c: Client): void {
    const s = c.pubsub;
    if (s !== null && s.channels.size === 0 && s.patterns.size === 0 && s.shard.size === 0) c.pubsub = null;
  }

  /**
   * Drops every subscription and the MONITOR flag without replies (RESET, a closed client).
   */
  forget(c: Client): void {
    const s = c.pubsub;
    if (s !== null) {
      for (const ch of [...s.channels]) this.unsubscribe(c, ch, 'global');
      for (const ch of [...s.shard]) this.unsubscribe(c, ch, 'shard');
      for (const p of [...s.patterns]) this.punsubscribe(c, p);
      c.pubsub = null;
    }
    if (c.monitor) {
      this.monitors.delete(c);
      c.monitor = false;
    }
  }

  // ---- publishing --------------------------------------------------------------------------

  /**
   * pubsubPublishMessage: channel subscribers first (in subscription order), then pattern
   * subscribers (global channels only). Returns the number of deliveries.
   */
  publish(channel: string, message: string, kind: ChannelKind): number {
    let receivers = 0;
    const shard = kind === 'shard';
    const clients = (shard ? this.shardChannels : this.channels).get(channel);
    if (clients !== undefined) {
      const msg = push([shard ? SMESSAGE : MESSAGE, bulk(channel), bulk(message)]);
      for (const c of clients) {
        c.deliver(msg);
        receivers++;
      }
    }
    if (shard || this.patterns.size === 0) return receivers;
    let ch: Reply | undefined;
    let m: Reply | undefined;
    for (const [pattern, entry] of this.patterns) {
      if (!entry.match(channel)) continue;
      ch ??= bulk(channel);
      m ??= bulk(message);
      const msg = push([PMESSAGE, bulk(pattern), ch, m]);
      for (const c of entry.clients) {
        c.deliver(msg);
        receivers++;
      }
    }
    return receivers;
  }

  /** True when anyone listens: a channel or pattern subscriber exists (cheap pre-check). */
  get active(): boolean {
    return this.channels.size !== 0 || this.patterns.size !== 0;
  }

  /**
   * notifyKeyspaceEvent's publishing part: `flags` is notify-keyspace-events, already known to
   * enable the event's class.
   */
  publishKeyspaceEvent(flags: number, event: string, key: string, dbid: number): void {
    if (!this.active) return;
    if (flags & NOTIFY_KEYSPACE) this.publish(`__keyspace@${dbid}__:${key}`, event, 'global');
    if (flags & NOTIFY_KEYEVENT) this.publish(`__keyevent@${dbid}__:${event}`, key, 'global');
  }

  // ---- MONITOR -----------------------------------------------------------------------------

  /**
   * replicationFeedMonitors: one line per command to every monitor. `c` ran it; `nowMs` is the
   * wall clock in ms (a fraction carries microseconds).
   */
  feedMonitors(c: Client, dbid: number, argv: readonly string[], nowMs: number): void {
    const line = simple(monitorLine(nowMs, dbid, c.addr, argv));
    for (const m of this.monitors) {
      if (m === c && c.engine.currentClient === c) (this.owed ??= []).push(line);
      else m.deliver(line);
    }
  }

  /** Takes the lines owed to the running client (see `owed`). */
  takeOwed(): Reply[] | null {
    const o = this.owed;
    this.owed = null;
    return o;
  }
}

/** `<sec>.<usec> [<db> <addr>] "arg" …` without the leading '+' (a simple string). */
export function monitorLine(nowMs: number, dbid: number, addr: string, argv: readonly string[]): string {
  const usecTotal = Math.floor(nowMs * 1000);
  const sec = Math.floor(usecTotal / 1_000_000);
  const usec = usecTotal - sec * 1_000_000;
  let s = `${sec}.${String(usec).padStart(6, '0')} [${dbid} ${addr}]`;
  for (const a of argv) s += ' ' + catRepr(a);
  return s;
}

/** sdscatrepr: the argument quoted, with C escapes and \xNN for unprintable bytes. */
export function catRepr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    switch (ch) {
      case 0x5c:
        out += '\\\\';
        break;
      case 0x22:
        out += '\\"';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x07:
        out += '\\a';
        break;
      case 0x08:
        out += '\\b';
        break;
      default:
        out += ch >= 0x20 && ch <= 0x7e ? s[i] : '\\x' + ch.toString(16).padStart(2, '0');
    }
  }
  return out + '"';
}
