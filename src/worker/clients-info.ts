// Each connected client as the inspector's clients panel shows it: who it is, which database
// it uses and what it is in the middle of (a transaction, watching, subscribed, blocked).

import type { Engine } from '../engine/engine.js';

export interface ClientView {
  id: number;
  name: string;
  db: number;
  resp: 2 | 3;
  /** The ACL user it runs as, as CLIENT LIST's user= shows it. */
  user: string;
  /** It still has to AUTH before it may run commands (the default user has a password). */
  mustAuth: boolean;
  /** A replica's link (SYNC/PSYNC), from the address it listens on. */
  replica: string | null;
  /** Commands queued since MULTI, or null outside a transaction. */
  queued: number | null;
  /** The transaction will fail: a watched key changed or a command was rejected. */
  doomed: boolean;
  watching: string[];
  channels: string[];
  patterns: string[];
  monitor: boolean;
  /** Blocked on these keys (BLPOP …) until `timeoutMs` from now (0: forever). */
  blocked: { command: string; keys: string[]; timeoutMs: number } | null;
}

export function clientViews(engine: Engine): ClientView[] {
  const now = engine.clock.now();
  const out: ClientView[] = [];
  for (const c of engine.clients.values()) {
    const b = engine.blocking.stateOf(c);
    out.push({
      id: c.id,
      name: c.name,
      db: c.db.id,
      resp: c.resp,
      user: c.user?.name ?? 'default',
      mustAuth: engine.authRequired(c),
      replica: c.replica === null ? null : `${c.addr.slice(0, c.addr.lastIndexOf(':'))}:${c.replica.listeningPort}`,
      queued: c.multi === null ? null : c.multi.length,
      doomed: c.multi !== null && (c.dirtyCas || c.multiError),
      watching: [...c.watched.values()].map((w) => (w.db.id === c.db.id ? w.key : `${w.key} (db${w.db.id})`)),
      channels: c.pubsub ? [...c.pubsub.channels, ...c.pubsub.shard] : [],
      patterns: c.pubsub ? [...c.pubsub.patterns] : [],
      monitor: c.monitor,
      blocked: b ? { command: b.command, keys: [...b.keys], timeoutMs: b.deadline === 0 ? 0 : Math.max(0, b.deadline - now) } : null,
    });
  }
  return out.sort((a, b) => a.id - b.id);
}
