// maxmemory (Redis's evict.c): before each command, keys are evicted while the used memory is
// over the limit, chosen by the policy from samples of every database through Redis's pool of
// 16 best candidates; with noeviction, or nothing left to evict, commands that may grow the
// dataset are refused with OOM.

import type { Client } from './client.js';
import type { Command } from './command.js';
import type { Database } from './database.js';
import type { Engine } from './engine.js';
import { ENTRY_ALLOC, KeySizes, usedMemory } from './memory.js';
import { freeLazily } from './keyspace.js';
import { idleSeconds, lfuDecrAndReturn } from './objects.js';
import { latencySample } from './latency.js';
import { FLAG_ALLOW_OOM, FLAG_NO_WRITES, scriptDeclaredFlags } from './scripting/flags.js';

/** performEvictions' outcomes. */
export const EVICT_OK = 0;
export const EVICT_RUNNING = 1;
export const EVICT_FAIL = 2;
export type EvictResult = typeof EVICT_OK | typeof EVICT_RUNNING | typeof EVICT_FAIL;

/** EVPOOL_SIZE. */
const POOL_SIZE = 16;

interface Candidate {
  db: number;
  key: string;
  /** The policy's score: the higher, the better to evict (idle time, 255 − frequency, TTL order). */
  score: number;
}

/** evictionTimeLimitUs: how long one round may evict, from maxmemory-eviction-tenacity. */
function timeLimitUs(tenacity: number): number {
  if (tenacity <= 10) return 50 * tenacity;
  if (tenacity < 100) return Math.floor(500 * Math.pow(1.15, tenacity - 10));
  return Infinity;
}

export class Evictor {
  /** EvictionPoolLRU: candidates in ascending score, kept between rounds as Redis keeps them. */
  private pool: Candidate[] = [];
  /** The random policies' round-robin over databases (performEvictions' static next_db). */
  private nextDb = 0;
  /** server.pre_command_oom_state: the memory was over at the start of the running command. */
  preCommandOom = false;
  /** When the used memory went over the limit (monotonic ms), 0 while under it. */
  exceededSince = 0;
  /** Time spent over the limit before the current stretch, in ms (CONFIG RESETSTAT clears it). */
  exceededTotalMs = 0;

  /** The databases keep their running account (maxmemory was set when it was last looked at). */
  accounting = false;

  constructor(readonly engine: Engine) {}

  /**
   * Keeps every database's running account while maxmemory is set (sizing each key once when it
   * begins) and drops it when maxmemory goes back to 0.
   */
  account(): void {
    const on = this.engine.config.maxmemory !== 0;
    if (on === this.accounting) return;
    this.accounting = on;
    for (const db of this.engine.dbs) {
      if (!on) {
        db.sizes = null;
        continue;
      }
      const sizes = new KeySizes();
      for (const key of db.dict.keys()) sizes.mark(key);
      db.sizes = sizes;
    }
  }

  /** isSafeToPerformEvictions: not while a timed-out script yields, nor while clients are paused. */
  private safe(): boolean {
    const engine = this.engine;
    if (engine.scriptRun !== null && engine.scriptRun.timedOut) return false;
    return !(engine.pause.active && engine.pause.check());
  }

  /** performEvictions: evicts until under maxmemory, out of keys, or out of this round's time. */
  perform(): EvictResult {
    this.account();
    const engine = this.engine;
    const config = engine.config;
    const maxmemory = config.maxmemory;
    if (maxmemory === 0 || !this.safe()) return EVICT_OK;
    // getMaxmemoryState: used_memory, all of it counted here (no replicas, an AOF buffer of nothing).
    const used = usedMemory(engine);
    let result: EvictResult;
    if (used <= maxmemory) result = EVICT_OK;
    else if (config.maxmemoryPolicy === 'noeviction') result = EVICT_FAIL;
    else result = this.evict(used - maxmemory);
    this.updateMetrics(result);
    return result;
  }

  private evict(toFree: number): EvictResult {
    const engine = this.engine;
    const config = engine.config;
    const started = engine.monotonic();
    const limitMs = timeLimitUs(config.maxmemoryEvictionTenacity) / 1000;
    const monitored = config.latencyMonitorThreshold !== 0;
    let freed = 0;
    let keysFreed = 0;
    let result: EvictResult = EVICT_OK;
    while (freed < toFree) {
      const best = this.pick();
      if (best === null) {
        result = EVICT_FAIL;
        break;
      }
      const db = engine.dbs[best.db]!;
      // What the deletion frees, as the account knew the key (its TTL's entry with it).
      freed += db.sizes!.sizeOf(best.key) + (db.expires.has(best.key) ? ENTRY_ALLOC : 0);
      const deleting = monitored ? engine.monotonic() : 0;
      if (config.lazyfreeLazyEviction) freeLazily(engine, db.dict.get(best.key));
      db.remove(best.key);
      if (monitored) latencySample(engine, 'eviction-del', Math.floor(engine.monotonic() - deleting));
      engine.stats.evictedKeys++;
      engine.signalModifiedKey(db, best.key, false);
      engine.notify('e', 'evicted', best.key, db);
      // propagateDeletion: replicas and the AOF delete it too.
      engine.propagation.add(db.id, [config.lazyfreeLazyEviction ? 'UNLINK' : 'DEL', best.key]);
      keysFreed++;
      // After some time, stop even if the target is not reached: serverCron goes on with it, as
      // evictionTimeProc does.
      if (keysFreed % 16 === 0 && engine.monotonic() - started > limitMs) {
        result = EVICT_RUNNING;
        break;
      }
    }
    // propagate_no_multi: each DEL goes out on its own, before the command's own effects.
    engine.propagation.flush(false);
    if (monitored) latencySample(engine, 'eviction-cycle', Math.floor(engine.monotonic() - started));
    return result;
  }

  /** The key the policy evicts next, or null when there is none. */
  private pick(): { db: number; key: string } | null {
    const engine = this.engine;
    const policy = engine.config.maxmemoryPolicy;
    const allKeys = policy.startsWith('allkeys-');
    if (policy.endsWith('-random')) {
      const dbs = engine.dbs;
      for (let i = 0; i < dbs.length; i++) {
        const j = ++this.nextDb % dbs.length;
        const db = dbs[j]!;
        const key = allKeys ? db.randomKey(engine.random) : randomVolatileKey(db, engine.random);
        if (key !== undefined) return { db: j, key };
      }
      return null;
    }
    for (;;) {
      let total = 0;
      for (const db of engine.dbs) {
        const n = allKeys ? db.dict.size : db.expires.size;
        if (n === 0) continue;
        this.populate(db, allKeys);
        total += n;
      }
      if (total === 0) return null;
      // From the best candidate down: the first that still exists is the pick, ghosts are dropped.
      while (this.pool.length !== 0) {
        const c = this.pool.pop()!;
        const db = engine.dbs[c.db]!;
        if (allKeys ? db.dict.has(c.key) : db.expires.has(c.key)) return c;
      }
    }
  }

  /** evictionPoolPopulate: maxmemory-samples keys of `db`, each put in the pool by its score. */
  private populate(db: Database, allKeys: boolean): void {
    const engine = this.engine;
    const config = engine.config;
    const policy = config.maxmemoryPolicy;
    const samples = config.maxmemorySamples;
    const pool = this.pool;
    for (let i = 0; i < samples; i++) {
      const key = allKeys ? db.randomKey(engine.random) : randomVolatileKey(db, engine.random);
      if (key === undefined) break;
      let score: number;
      if (policy === 'volatile-ttl') {
        // The sooner it expires, the better (ULLONG_MAX − expire time).
        score = -db.expires.get(key)!;
      } else {
        const access = db.accessOf(key);
        score = config.lfu ? 255 - lfuDecrAndReturn(access, config.lfuDecayTime, engine.now) : idleSeconds(access, engine.now) * 1000;
      }
      if (pool.some((c) => c.db === db.id && c.key === key)) continue;
      // The first candidate with a score not below this one's: insert before it.
      let k = 0;
      while (k < pool.length && pool[k]!.score < score) k++;
      if (k === 0 && pool.length === POOL_SIZE) continue; // worse than every candidate kept
      pool.splice(k, 0, { db: db.id, key, score });
      // Full: the worst candidate goes.
      if (pool.length > POOL_SIZE) pool.shift();
    }
  }

  /**
   * evictionTimeProc, from serverCron: Redis runs it at every turn of its event loop until the
   * memory is under the limit; here rounds run back to back for up to `budgetMs` of this run.
   */
  cronRun(budgetMs: number): void {
    const until = this.engine.monotonic() + budgetMs;
    while (this.perform() === EVICT_RUNNING && this.engine.monotonic() < until);
  }

  /** performEvictions' update_metrics: how long the memory stays over the limit. */
  private updateMetrics(result: EvictResult): void {
    const now = this.engine.monotonic();
    if (result !== EVICT_OK) {
      if (this.exceededSince === 0) this.exceededSince = now;
    } else if (this.exceededSince !== 0) {
      this.exceededTotalMs += now - this.exceededSince;
      this.exceededSince = 0;
    }
  }

  /**
   * processCommand's maxmemory step: evictions, then whether the command is refused with OOM (one
   * that may grow the dataset, an EXEC that queued one, anything queued in MULTI).
   */
  refuses(c: Client, cmd: Command, argv: readonly string[]): boolean {
    const engine = this.engine;
    const outOfMemory = this.perform() === EVICT_FAIL;
    this.preCommandOom = outOfMemory;
    if (!outOfMemory) return false;
    if (c.multi !== null && !MULTI_ON_OOM.has(cmd.fullName)) return true;
    if (cmd.fullName === 'exec' && c.multi !== null) return c.multi.some((q) => deniedOnOom(engine, q.cmd, q.argv));
    return deniedOnOom(engine, cmd, argv);
  }

  /** resetServerStats: the time over maxmemory counts again from now. */
  resetStats(): void {
    this.exceededTotalMs = 0;
    if (this.exceededSince !== 0) this.exceededSince = this.engine.monotonic();
  }

  /** INFO's current_eviction_exceeded_time, in ms. */
  currentExceededMs(): number {
    return this.exceededSince === 0 ? 0 : Math.floor(this.engine.monotonic() - this.exceededSince);
  }
}

/**
 * A random key with a TTL (dictGetSomeKeys on the expires dict): random keyspace slots until one
 * has a TTL, then, where TTLs are rare, the expires dict from a random place.
 */
function randomVolatileKey(db: Database, random: () => number): string | undefined {
  const n = db.expires.size;
  if (n === 0) return undefined;
  if (n * 8 >= db.dict.size) {
    for (let tries = 0; tries < 32; tries++) {
      const key = db.randomKey(random);
      if (key !== undefined && db.expires.has(key)) return key;
    }
  }
  let skip = Math.floor(random() * Math.min(n, 1024));
  for (const key of db.expires.keys()) if (skip-- === 0) return key;
  return undefined;
}

/**
 * getCommandFlags' CMD_DENYOOM: the command's flag, where a script with a shebang (or a function)
 * declares its own (scriptFlagsToCmdFlags: deny-oom unless allow-oom or no-writes).
 */
function deniedOnOom(engine: Engine, cmd: Command, argv: readonly string[]): boolean {
  const declared = scriptDeclaredFlags(engine, cmd, argv);
  if (declared !== null) return (declared & (FLAG_ALLOW_OOM | FLAG_NO_WRITES)) === 0;
  return cmd.flags.includes('denyoom');
}

/** Commands a client in MULTI may still send when out of memory. */
const MULTI_ON_OOM = new Set(['exec', 'discard', 'quit', 'reset']);
