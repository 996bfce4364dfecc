// The inspector's list of one database's keys, kept up to date from the engine's change
// events: a full read when it starts (or after FLUSHDB, SWAPDB, a clock change, a restarted
// worker), then only the keys the events name are read again, at most one read per frame
// however many events come. The rows shown (filtered and sorted) are kept in order as keys
// change, so no change costs work in proportion to the number of keys; only a new filter or
// sort order goes over every key again, a slice at a time.

import type { ChangeEvent, KeyInfo } from '../../worker/protocol.js';
import { nextFrame } from './coalesce.js';
import { SortedBlocks } from './sorted-blocks.js';

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

/** Which keys are shown and in what order. */
export interface KeyView {
  /** Only keys of this type ('' for all). */
  type: string;
  /** Only keys this matches (a glob), null for all. */
  match: ((key: string) => boolean) | null;
  sortBy: SortBy;
}

export interface KeyIndexOptions {
  /** The clock TTLs count down by (default performance.now). */
  now?: () => number;
  /** When coalesced reads run (default: the next animation frame). */
  frame?: (fn: () => void) => void;
  /** When the next slice of a rebuild runs (default: a task later). */
  later?: (fn: () => void) => void;
}

const PAGE = 1000;
/** Most keys read again in one request (a big MSET's events come in several). */
const MAX_READ = 5000;
/** Keys placed in the rows per slice of a rebuild (a few ms of work). */
const SLICE = 10_000;

export class KeyIndex {
  /** Every key of the database, by name. */
  keys = new Map<string, ListedKey>();
  /** The keys the view lets through, in its order. */
  rows: SortedBlocks<ListedKey>;
  /** Grows with every change, for React's useSyncExternalStore. */
  version = 0;
  /** The newest change batch: keys touched by it are highlighted. */
  batch = 0;
  /** How many keys have a TTL (the list ticks only when some do). */
  withTtl = 0;
  private view: KeyView = { type: '', match: null, sortBy: 'name' };
  private readonly listeners = new Set<() => void>();
  /** Answers to reads started before the last reload, rebuild or stop are dropped. */
  private generation = 0;
  private active = true;
  /** A reload or rebuild is under way: reads of changed keys wait for it. */
  private building = false;
  private reading = false;
  private flushQueued = false;
  /** Keys named by change events and not read again yet. */
  private readonly pending = new Set<string>();
  private waiters: (() => void)[] = [];
  private readonly now: () => number;
  private readonly frame: (fn: () => void) => void;
  private readonly later: (fn: () => void) => void;

  constructor(
    readonly db: number,
    private readonly source: KeySource,
    options: KeyIndexOptions | (() => number) = {},
  ) {
    const o = typeof options === 'function' ? { now: options } : options;
    this.now = o.now ?? (() => performance.now());
    this.frame = o.frame ?? nextFrame;
    this.later = o.later ?? ((fn) => setTimeout(fn, 0));
    this.rows = new SortedBlocks(compareKeys('name'));
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = (): number => this.version;

  /**
   * Starts following the database (again): a full read. Start and stop may alternate any number
   * of times (React's StrictMode runs an effect, its cleanup, and the effect again).
   */
  start(): Promise<void> {
    this.active = true;
    return this.reload();
  }

  /** Stops following: reads under way are dropped and change events ignored until start(). */
  stop(): void {
    this.active = false;
    this.generation++;
    this.building = false;
    this.pending.clear();
    this.settle();
  }

  /** Reads every key again; resolves once the index is up to date. */
  reload(): Promise<void> {
    if (!this.active) return Promise.resolve();
    const gen = ++this.generation;
    this.building = true;
    // The scan below sees every change made so far; later ones are read after it.
    this.pending.clear();
    void this.scan(gen);
    return this.idle();
  }

  /** Changes which keys are shown or their order; resolves once the rows follow it. */
  setView(view: KeyView): Promise<void> {
    const sameOrder = view.sortBy === this.view.sortBy;
    const sameKeys = view.type === this.view.type && view.match === this.view.match;
    this.view = view;
    if (sameOrder && sameKeys) return this.idle();
    if (!this.active) return Promise.resolve();
    // A scan under way places keys by the old view: start it again with the new one.
    if (this.building) return this.reload();
    const gen = ++this.generation;
    this.building = true;
    const rows = new SortedBlocks(compareKeys(view.sortBy));
    const all = this.keys.values();
    const step = () => {
      if (gen !== this.generation) return;
      for (let n = 0; n < SLICE; n++) {
        const next = all.next();
        if (next.done) {
          this.rows = rows;
          this.finishBuild();
          return;
        }
        if (this.shows(next.value)) rows.insert(next.value);
      }
      this.later(step);
    };
    step();
    return this.idle();
  }

  /** Takes a batch of change events for any database (others are ignored); resolves once read. */
  apply(events: readonly ChangeEvent[]): Promise<void> {
    if (!this.active) return Promise.resolve();
    for (const e of events) {
      if (e.db !== this.db) continue;
      if (e.key === '') return this.reload(); // the whole database changed
      this.pending.add(e.key);
    }
    if (this.pending.size > 0) this.queueFlush();
    return this.idle();
  }

  /** Kept for callers that end the index for good. */
  dispose(): void {
    this.stop();
  }

  private async scan(gen: number): Promise<void> {
    const fresh = new Map<string, ListedKey>();
    const rows = new SortedBlocks(compareKeys(this.view.sortBy));
    let withTtl = 0;
    let cursor = 0;
    try {
      do {
        const page = await this.source.snapshot(this.db, cursor, PAGE);
        if (gen !== this.generation) return;
        const at = this.now();
        for (const k of page.keys) {
          const listed = this.listed(k, at, 0);
          fresh.set(k.key, listed);
          if (listed.ttl >= 0) withTtl++;
          if (this.shows(listed)) rows.insert(listed);
        }
        cursor = page.cursor;
      } while (cursor !== 0);
    } catch {
      // The worker restarted under the scan: its restart event starts another.
      if (gen === this.generation) {
        this.building = false;
        this.settle();
      }
      return;
    }
    this.keys = fresh;
    this.rows = rows;
    this.withTtl = withTtl;
    this.finishBuild();
  }

  private finishBuild(): void {
    this.building = false;
    this.changed();
    if (this.pending.size > 0) this.queueFlush();
    else this.settle();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.frame(() => void this.flush());
  }

  /** Reads the keys named since the last read (one request at a time) and places them. */
  private async flush(): Promise<void> {
    this.flushQueued = false;
    if (!this.active || this.building || this.reading) return; // they flush when they end
    if (this.pending.size === 0) return this.settle();
    const asked: string[] = [];
    for (const key of this.pending) {
      asked.push(key);
      this.pending.delete(key);
      if (asked.length === MAX_READ) break;
    }
    const gen = this.generation;
    this.reading = true;
    let infos: (KeyInfo | null)[] | null;
    try {
      infos = await this.source.keys(this.db, asked);
    } catch {
      infos = null; // the worker restarted: its restart event reloads everything
    }
    this.reading = false;
    if (gen !== this.generation || infos === null) {
      // A rebuild started meanwhile: it places keys from the map, so read these after it.
      if (this.active && infos !== null) for (const key of asked) this.pending.add(key);
      if (this.pending.size > 0 && !this.building) this.queueFlush();
      else this.settle();
      return;
    }
    const at = this.now();
    const batch = ++this.batch;
    asked.forEach((key, i) => this.place(key, infos[i] ?? null, at, batch));
    this.changed();
    if (this.pending.size > 0) this.queueFlush();
    else this.settle();
  }

  /** One key read again: out of the rows with its old place, back in with its new one. */
  private place(key: string, info: KeyInfo | null, at: number, batch: number): void {
    const before = this.keys.get(key);
    if (before !== undefined) {
      if (this.shows(before)) this.rows.remove(before);
      if (before.ttl >= 0) this.withTtl--;
    }
    if (info === null) {
      this.keys.delete(key);
      return;
    }
    const listed = this.listed(info, at, batch);
    this.keys.set(key, listed);
    if (listed.ttl >= 0) this.withTtl++;
    if (this.shows(listed)) this.rows.insert(listed);
  }

  private shows(k: ListedKey): boolean {
    const v = this.view;
    return (v.type === '' || k.type === v.type) && (v.match === null || v.match(k.key));
  }

  private listed(k: KeyInfo, at: number, batch: number): ListedKey {
    const before = this.keys.get(k.key);
    const fullTtl = k.ttl < 0 ? -1 : before && before.fullTtl >= k.ttl && before.ttl >= 0 ? before.fullTtl : k.ttl;
    return { key: k.key, type: k.type, size: k.size, encoding: k.encoding, ttl: k.ttl, readAt: at, fullTtl, touched: batch || (before?.touched ?? 0) };
  }

  private idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private isIdle(): boolean {
    return !this.active || (!this.building && !this.reading && this.pending.size === 0);
  }

  private settle(): void {
    if (!this.isIdle()) return;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
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

/** A total order for each sort (ties broken by name, which is unique). */
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
