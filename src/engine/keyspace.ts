// Key access for command handlers (Redis's db.c): lookups that apply lazy expiry, writes that
// keep TTLs, WATCH and change events consistent. Handlers never touch Database.dict directly
// for reads; they may iterate it.

import type { Client } from './client.js';
import type { Database } from './database.js';
import type { Engine } from './engine.js';
import { NOTIFY_KEY_MISS, NOTIFY_NEW } from './config.js';
import { LFU_INIT_VAL, LRU_CLOCK_MAX, lfuDecrAndReturn, lfuLogIncr, lfuMinutes, lruClock, type RObj } from './objects.js';

/**
 * Deletes the key if its TTL has passed. Returns true when the key is (now) gone because it
 * expired.
 */
export function expireIfNeeded(engine: Engine, db: Database, key: string): boolean {
  const when = db.expires.get(key);
  // Redis's keyIsExpired: expired once the time is strictly past `when` (a key whose TTL ends
  // at this very millisecond still exists, with PTTL 0).
  if (when === undefined || when >= engine.now) return false;
  // A replica leaves expiring to its master (whose DEL comes in the stream): the key only reads
  // as gone, except to the master's own commands.
  if (engine.masterLink !== null) return engine.currentClient !== engine.masterLink.client;
  // While clients are paused the dataset stays still: the key reads as gone but stays until the
  // pause ends (Redis's expireIfNeeded).
  if (engine.pause.active && engine.pause.check()) return true;
  if (engine.config.lazyfreeLazyExpire) freeLazily(engine, db.dict.get(key));
  db.remove(key);
  engine.stats.expiredKeys++;
  engine.notify('x', 'expired', key, db);
  engine.signalModifiedKey(db, key, false); // expiry is not a change for rdb_changes_since_last_save
  // propagateDeletion: replicas and the AOF delete it too, whatever the command was.
  if (engine.propagation.active) engine.propagation.add(db.id, [engine.config.lazyfreeLazyExpire ? 'UNLINK' : 'DEL', key]);
  return true;
}

/** lookupKey's access update of a key's slot: the LRU clock, or under an LFU policy updateLFU. */
export function touchSlot(engine: Engine, db: Database, slot: number): void {
  const config = engine.config;
  if (!config.lfu) {
    db.dict.setAccessAt(slot, lruClock(engine.now));
    return;
  }
  const counter = lfuLogIncr(lfuDecrAndReturn(db.dict.accessAt(slot), config.lfuDecayTime, engine.now), config.lfuLogFactor, engine.random);
  db.dict.setAccessAt(slot, lfuMinutes(engine.now) * 256 + counter);
}

/** createObject's access field: now on the LRU clock, or this minute with LFU_INIT_VAL. */
export function newAccess(engine: Engine): number {
  return engine.config.lfu ? lfuMinutes(engine.now) * 256 + LFU_INIT_VAL : lruClock(engine.now);
}

/**
 * objectSetLRUOrLFU (RESTORE's and an RDB's IDLETIME/FREQ): the access field `access` becomes,
 * under an LFU policy the counter `freq` from this minute on; otherwise an access `idle` seconds
 * ago. -1: nothing given.
 */
export function accessWith(engine: Engine, access: number, freq: number, idle: number): number {
  if (engine.config.lfu) return freq >= 0 ? lfuMinutes(engine.now) * 256 + freq : access;
  if (idle < 0) return access;
  let abs = lruClock(engine.now) - idle;
  if (abs < 0) abs += LRU_CLOCK_MAX;
  // Stored in a 24-bit field: C keeps the low bits of what is still out of range.
  return ((abs % 0x1000000) + 0x1000000) % 0x1000000;
}

/** Lookup for reading: lazy expiry, hit/miss statistics, access time. */
export function lookupRead(c: Client, key: string): RObj | undefined {
  const db = c.db;
  const engine = c.engine;
  if (db.expires.size !== 0 && expireIfNeeded(engine, db, key)) {
    engine.stats.keyspaceMisses++;
    if (engine.config.notifyKeyspaceEvents & NOTIFY_KEY_MISS) engine.notify('m', 'keymiss', key, db);
    return undefined;
  }
  const slot = db.dict.find(key);
  if (slot < 0) {
    engine.stats.keyspaceMisses++;
    if (engine.config.notifyKeyspaceEvents & NOTIFY_KEY_MISS) engine.notify('m', 'keymiss', key, db);
    return undefined;
  }
  engine.stats.keyspaceHits++;
  touchSlot(engine, db, slot);
  return db.dict.valueAt(slot);
}

/**
 * Lookup for writing: lazy expiry and access time, no hit/miss statistics. A string value is
 * changed with Database.replaceValue (StringObj is read-only); other values in place.
 */
export function lookupWrite(c: Client, key: string): RObj | undefined {
  return lookupIn(c.engine, c.db, key);
}

/** Lookup in any database (MOVE, COPY, SWAPDB): lazy expiry, access time. */
export function lookupIn(engine: Engine, db: Database, key: string): RObj | undefined {
  // The caller may change the object in place: a running snapshot copies it first.
  if (db.guard !== null) db.guard.beforeKeyChange(db, key);
  if (db.sizes !== null) db.sizes.mark(key);
  if (db.expires.size !== 0 && expireIfNeeded(engine, db, key)) return undefined;
  const slot = db.dict.find(key);
  if (slot < 0) return undefined;
  touchSlot(engine, db, slot);
  return db.dict.valueAt(slot);
}

/** True when the key exists (after lazy expiry), without touching access time or stats. */
export function keyExists(engine: Engine, db: Database, key: string): boolean {
  if (db.expires.size !== 0 && expireIfNeeded(engine, db, key)) return false;
  return db.dict.has(key);
}

/**
 * Redis's setKey: stores the object, clears the TTL unless `keepTtl`, signals the change.
 * Keyspace notifications are the caller's (each command names its own event).
 */
export function setKey(c: Client, db: Database, key: string, obj: RObj, keepTtl = false): void {
  const engine = c.engine;
  const slot = db.dict.find(key);
  // A new object's access field is createObject's; dbOverwrite keeps the LFU counter of the value
  // it replaces (the lookup before it counted this access).
  const access = slot < 0 || !engine.config.lfu ? newAccess(engine) : db.dict.accessAt(slot);
  // dbAdd's 'new' event (class n) when the key did not exist, before the command's own event.
  if (slot < 0 && engine.config.notifyKeyspaceEvents & NOTIFY_NEW) engine.notify('n', 'new', key, db);
  db.put(key, obj, access);
  if (!keepTtl) db.expires.delete(key);
  engine.signalModifiedKey(db, key);
}

/** Adds a key that the caller knows is absent (after lookupWrite), accessed now unless told. */
export function addKey(engine: Engine, db: Database, key: string, obj: RObj, access = newAccess(engine)): void {
  db.put(key, obj, access);
  if (engine.config.notifyKeyspaceEvents & NOTIFY_NEW) engine.notify('n', 'new', key, db);
}

/**
 * Deletes a key (and its TTL); signals the change. Notification is the caller's. `lazy`: as
 * dbAsyncDelete (UNLINK, or a lazyfree-lazy-* setting), which frees a big value in the background.
 */
export function deleteKey(engine: Engine, db: Database, key: string, lazy = false): boolean {
  if (lazy) freeLazily(engine, db.dict.get(key));
  if (!db.remove(key)) return false;
  engine.signalModifiedKey(db, key);
  return true;
}

/** LAZYFREE_THRESHOLD: a value that takes more frees than this is freed in the background. */
const LAZYFREE_THRESHOLD = 64;

/** lazyfreeGetFreeEffort: about how many allocations freeing the value takes. */
function freeEffort(obj: RObj): number {
  switch (obj.type) {
    case 'list': {
      // The quicklist's nodes: 8 KB listpacks (list-max-listpack-size -2), roughly.
      let bytes = 0;
      for (const s of obj.value) bytes += s.length + 2;
      return Math.ceil(bytes / 8192);
    }
    case 'set':
    case 'hash':
      return obj.enc === 'hashtable' ? obj.value.size : 1;
    case 'zset':
      return obj.enc === 'skiplist' ? obj.value.size : 1;
    case 'stream': {
      // The radix tree's nodes (one a macro node, at least), and each group with its PEL
      // (the first group's size standing for all, as Redis estimates it).
      const s = obj.value;
      let effort = s.nodes.length + 1;
      const groups = s.groups;
      if (groups !== null && groups.size !== 0) effort += groups.size * (1 + groups.values().next().value!.pel.size);
      return effort;
    }
    default:
      return 1;
  }
}

/** dbAsyncDelete: a value freed in the background counts in INFO's lazyfreed_objects. */
export function freeLazily(engine: Engine, obj: RObj | undefined): void {
  if (obj !== undefined && freeEffort(obj) > LAZYFREE_THRESHOLD) engine.stats.lazyfreedObjects++;
}

/** Remaining time to live in ms, -1 without TTL; the key must exist. */
export function getExpire(db: Database, key: string): number {
  const when = db.expires.get(key);
  return when === undefined ? -1 : when;
}

/**
 * Sets the absolute expiry time (ms). Pass a bigint when the time may lie beyond ±2^53 (an
 * int64 from PEXPIREAT/PXAT) so that PEXPIRETIME can print it exactly.
 */
export function setExpire(db: Database, key: string, when: number | bigint): void {
  if (db.guard !== null) db.guard.beforeKeyChange(db, key);
  if (typeof when === 'number') {
    db.expires.set(key, when);
    return;
  }
  const n = Number(when);
  db.expires.set(key, n);
  if (n > Number.MAX_SAFE_INTEGER || n < Number.MIN_SAFE_INTEGER) db.bigExpires.set(key, when);
}

/**
 * The absolute expiry time exactly as it was set (a bigint past ±2^53), -1 without TTL; the key
 * must exist.
 */
export function getExpireExact(db: Database, key: string): number | bigint {
  const when = db.expires.get(key);
  if (when === undefined) return -1;
  if (when <= Number.MAX_SAFE_INTEGER && when >= Number.MIN_SAFE_INTEGER) return when;
  const exact = db.bigExpires.get(key);
  // A stale entry (the TTL was rewritten as a plain number since) does not round to `when`.
  return exact !== undefined && Number(exact) === when ? exact : BigInt(when);
}

export function removeExpire(db: Database, key: string): boolean {
  if (db.guard !== null) db.guard.beforeKeyChange(db, key);
  if (db.bigExpires.size !== 0) db.bigExpires.delete(key);
  return db.expires.delete(key);
}

/**
 * lookupKeyReadWithFlags(LOOKUP_NOTOUCH): lazy expiry and hit/miss statistics, but the access
 * time stays (EXISTS, TYPE, TTL, OBJECT …).
 */
export function lookupNoTouch(c: Client, key: string, notifyMiss = true): RObj | undefined {
  const db = c.db;
  const engine = c.engine;
  let obj: RObj | undefined;
  if (db.expires.size === 0 || !expireIfNeeded(engine, db, key)) obj = db.dict.get(key);
  if (obj !== undefined) {
    engine.stats.keyspaceHits++;
    return obj;
  }
  engine.stats.keyspaceMisses++;
  // The keymiss event (class m), except for OBJECT (Redis's LOOKUP_NONOTIFY).
  if (notifyMiss && engine.config.notifyKeyspaceEvents & NOTIFY_KEY_MISS) engine.notify('m', 'keymiss', key, db);
  return undefined;
}
