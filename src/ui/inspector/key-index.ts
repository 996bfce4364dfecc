// The inspector's list of one database's keys, kept up to date from the engine's change
// events: a full read when it starts (or after FLUSHDB, SWAPDB, a clock change, a restarted
// worker), then only the keys each batch of events names are read again.

import type { ChangeEvent, KeyInfo } from '../../worker/protocol.js';

export interface ListedKey {
  key: string;
  type: string;
  size: number;
  encoding: string;
  /** TTL in ms when read (-1: none), and when it was read (performance.now()). */
  ttl: number;
  readAt: number;
  /** The largest TTL seen for this key since it got one: the bar drains from there. */
  fullTtl: number;
  /** The change batch that last touched it (0: none since loading). */
  touched: number;
}

export interface KeySource {
  snapshot(db: number, cursor: number, count: number): Promise<{ cursor: number; keys: KeyInfo[] }>;
  keys(db: number, keys: string[]): Promise<(KeyInfo | null)[]>;
}

const PAGE = 1000;

export class KeyIndex {
  readonly keys = new Map<string, ListedKey>();
  /** Grows with every change, for React's useSyncExternalStore. */
  version = 0;
  /** The newest change batch: keys touched by it are highlighted. */
  batch = 0;
  private listeners = new Set<() => void>();
  private generation = 0;
  private disposed = false;

  constructor(
    readonly db: number,
    private readonly source: KeySource,
    private readonly now: () => number = () => performance.now(),
  ) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = (): number => this.version;

  /** Reads every key again (a new generation: answers to older reads are dropped). */
  async reload(): Promise<void> {
    const gen = ++this.generation;
    const fresh = new Map<string, ListedKey>();
    let cursor = 0;
    do {
      const page = await this.source.snapshot(this.db, cursor, PAGE);
      if (gen !== this.generation || this.disposed) return;
      const at = this.now();
      for (const k of page.keys) fresh.set(k.key, this.listed(k, at, 0));
      cursor = page.cursor;
    } while (cursor !== 0);
    this.keys.clear();
    for (const [k, v] of fresh) this.keys.set(k, v);
    this.changed();
  }

  /** Applies a batch of change events for any database (others are ignored). */
  async apply(events: readonly ChangeEvent[]): Promise<void> {
    const names = new Set<string>();
    for (const e of events) {
      if (e.db !== this.db) continue;
      if (e.key === '') return this.reload(); // the whole database changed
      names.add(e.key);
    }
    if (names.size === 0) return;
    const gen = this.generation;
    const asked = [...names];
    const infos = await this.source.keys(this.db, asked);
    if (gen !== this.generation || this.disposed) return;
    const at = this.now();
    const batch = ++this.batch;
    asked.forEach((key, i) => {
      const info = infos[i];
      if (info === null || info === undefined) this.keys.delete(key);
      else this.keys.set(key, this.listed(info, at, batch));
    });
    this.changed();
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private listed(k: KeyInfo, at: number, batch: number): ListedKey {
    const before = this.keys.get(k.key);
    const fullTtl = k.ttl < 0 ? -1 : before && before.fullTtl >= k.ttl && before.ttl >= 0 ? before.fullTtl : k.ttl;
    return { ...k, readAt: at, fullTtl, touched: batch || (before?.touched ?? 0) };
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

/** Time left on a key's TTL now (ms, never below 0), or null without one. */
export function timeLeft(k: ListedKey, now: number, paused: boolean): number | null {
  if (k.ttl < 0) return null;
  return Math.max(0, paused ? k.ttl : k.ttl - (now - k.readAt));
}

export type SortBy = 'name' | 'type' | 'ttl';

export function compareKeys(by: SortBy): (a: ListedKey, b: ListedKey) => number {
  const byName = (a: ListedKey, b: ListedKey) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  if (by === 'name') return byName;
  if (by === 'type') return (a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : byName(a, b));
  // Soonest to expire first; keys without a TTL last.
  return (a, b) => {
    const ea = a.ttl < 0 ? Infinity : a.readAt + a.ttl;
    const eb = b.ttl < 0 ? Infinity : b.readAt + b.ttl;
    return ea === eb ? byName(a, b) : ea - eb;
  };
}
