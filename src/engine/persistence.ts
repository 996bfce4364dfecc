// Snapshots of the whole engine in Redis's RDB format (rdb.ts), and the save/load steps that
// SAVE, BGSAVE, SHUTDOWN SAVE, DEBUG RELOAD and a host's start-up share. The bytes go through
// the engine's SnapshotStorage (IndexedDB in the app, a file in Node, memory in tests).

import type { Database } from './database.js';
import type { Engine, LogRole, SnapshotStorage } from './engine.js';
import { idleSeconds, lfuDecrAndReturn, type RObj } from './objects.js';
import { accessWith, newAccess } from './keyspace.js';
import { RdbError, readRdb, writeRdb, type RdbSaveOptions, type RdbWriterOptions } from './rdb.js';
import type { LibraryCtx } from './scripting/functions.js';
import type { SnapshotJob } from './snapshot-job.js';

/** A SnapshotStorage that keeps the last snapshot in memory. */
export class MemorySnapshotStorage implements SnapshotStorage {
  private data: Uint8Array | null;

  constructor(initial: Uint8Array | null = null) {
    this.data = initial === null ? null : initial.slice();
  }

  save(snapshot: Uint8Array): void {
    this.data = snapshot.slice();
  }

  load(): Uint8Array | null {
    return this.data === null ? null : this.data.slice();
  }
}

/** Redis's used_memory of an empty 7.0 server, the base of our estimate. */
const BASE_USED_MEMORY = 871_000;

/**
 * A rough used_memory for the AUX field "used-mem" (Redis only logs it when loading): a
 * fixed base plus, per key, the key and value bytes and the allocator overhead of a small key.
 */
export function estimateUsedMemory(engine: Engine): number {
  let total = BASE_USED_MEMORY;
  for (const db of engine.dbs) {
    for (const [key, obj] of db.dict) total += 56 + key.length + valueBytes(obj);
    total += db.expires.size * 24;
  }
  return total;
}

/**
 * Rough bytes of a value: its strings plus a per-element overhead that depends on the
 * encoding (a few bytes in a listpack or intset, a dict entry and sds headers in a hashtable
 * or skiplist, a listpack entry in a quicklist node).
 */
export function valueBytes(obj: RObj): number {
  switch (obj.type) {
    case 'string':
      return obj.value.length;
    case 'list': {
      let total = 0;
      obj.value.forEachFrom(0, false, (s) => {
        total += s.length + 2;
      });
      return total + 40 * Math.ceil(obj.value.length / 128);
    }
    case 'hash': {
      const per = obj.enc === 'listpack' ? 4 : 56;
      let total = 0;
      for (const [field, value] of obj.value) total += field.length + value.length + per;
      return total;
    }
    case 'set': {
      if (obj.enc === 'intset') return 8 + obj.value.size * 8;
      let total = 0;
      for (const member of obj.value) total += member.length + 40;
      return total;
    }
    case 'zset': {
      const per = obj.enc === 'listpack' ? 12 : 80;
      let total = 0;
      for (const member of obj.value.dict.keys()) total += member.length + per;
      return total;
    }
    case 'stream':
      return obj.value.totalBytes();
  }
}

function yes(engine: Engine, name: string): boolean {
  return (engine.config.get(name) ?? 'yes') !== 'no';
}

/** How values are written as the config asks (rdbcompression, the list node sizes): snapshots and DUMP. */
export function rdbWriterOptions(engine: Engine): RdbWriterOptions {
  return {
    compression: yes(engine, 'rdbcompression'),
    listMaxListpackSize: engine.config.listMaxListpackSize,
    listCompressDepth: engine.config.listCompressDepth,
    quicklistPackedThreshold: engine.debugSettings.quicklistPackedThreshold,
  };
}

function saveOptions(engine: Engine, usedMem: number): RdbSaveOptions {
  const now = Math.floor(engine.clock.now());
  const config = engine.config;
  const lru = config.maxmemoryPolicy.endsWith('-lru');
  return {
    ...rdbWriterOptions(engine),
    ctime: Math.floor(now / 1000),
    usedMem,
    checksum: yes(engine, 'rdbchecksum'),
    idleSeconds: lru ? (access) => idleSeconds(access, now) : undefined,
    frequency: config.lfu ? (access) => lfuDecrAndReturn(access, config.lfuDecayTime, now) : undefined,
    functions: libraryCodes(engine),
  };
}

/** rdbSaveFunctions: each library's code, as FUNCTION LOAD was given it. */
function libraryCodes(engine: Engine): readonly string[] {
  if (engine.pendingLibraries !== null) return engine.pendingLibraries;
  const libraries = engine.scriptingStarted?.functionsStarted?.ctx.libraries;
  return libraries === undefined ? [] : [...libraries.values()].map((li) => li.code);
}

/**
 * The whole dataset (all databases) as an RDB file; a replica's REPLCONF rdb-filter-only may
 * leave out the keys or the functions.
 */
export function snapshot(engine: Engine, parts: { keys: boolean; functions: boolean } = { keys: true, functions: true }): Uint8Array {
  const options = saveOptions(engine, estimateUsedMemory(engine));
  return writeRdb(parts.keys ? engine.dbs : [], parts.functions ? options : { ...options, functions: [] });
}

/**
 * A point-in-time snapshot written step by step (snapshot-job.ts): the image is the dataset as
 * it is now, whatever changes before the job ends. used-mem is summed as the keys are written.
 */
export function startSnapshotJob(engine: Engine): SnapshotJob {
  const Job = engine.late?.snapshotJob;
  // The late parts come with the engine in Node, and soon after the first prompt in the browser.
  if (Job === undefined) throw new Error('snapshots in steps are not loaded yet');
  return new Job(engine.dbs, {
    ...saveOptions(engine, BASE_USED_MEMORY),
    keyBytes: (key, obj, hasTtl) => 56 + key.length + valueBytes(obj) + (hasTtl ? 24 : 0),
  });
}

export interface LoadResult {
  /** Keys put in the databases. */
  loaded: number;
  /** Keys skipped because their expiry had already passed (as a Redis master does). */
  expired: number;
}

/**
 * Replaces the whole dataset with the snapshot's (rdbLoad after emptying, like DEBUG RELOAD).
 * The snapshot is fully parsed and checked first: on any RdbError nothing changes. Keys whose
 * TTL has passed are dropped; IDLE times become access times; empty collections are skipped.
 */
export interface LoadOptions {
  /** Keep keys whose TTL has passed (an AOF's RDB preamble). */
  keepExpired?: boolean;
  /**
   * DEBUG RELOAD NOFLUSH: load on top of the dataset instead of replacing it. A key already
   * there fails the load (Redis panics), unless `merge`: then the file's value replaces it.
   * The file's libraries join the current ones.
   */
  noFlush?: boolean;
  merge?: boolean;
}

export function loadSnapshot(engine: Engine, bytes: Uint8Array, options: LoadOptions = {}): LoadResult {
  const now = Math.floor(engine.clock.now());
  // Loaded collections get the encodings the current thresholds give (rdbLoadObject).
  const contents = readRdb(bytes, { now, verifyChecksum: yes(engine, 'rdbchecksum'), limits: engine.config });
  const n = engine.dbs.length;
  for (const k of contents.keys) {
    if (k.db >= n) {
      throw new RdbError(`Data file was created with a Redis server configured to handle more than ${n} databases`);
    }
  }

  // The file's libraries are made first, apart from the current ones (rdbFunctionLoad; any
  // failure fails the load). Without any in the file, the current ones go, as emptyData does.
  // An engine still without Lua (the worker's, at start) keeps their code for when it comes.
  const scripting = engine.scripting;
  const noFlush = options.noFlush === true;
  let libraries: LibraryCtx | string | null = null;
  if (contents.functions.length !== 0 && scripting !== null) {
    const codes = noFlush ? [...libraryCodes(engine), ...contents.functions] : contents.functions;
    // With `merge` (RDBFLAGS_ALLOW_DUP) a library of the file replaces a kept one of its name.
    libraries = scripting.functions.loadAll(codes, options.merge === true);
    if (typeof libraries === 'string') throw new RdbError(`Failed loading library, ${libraries}`);
  }

  // Keep what is there until the load is known to succeed (usually nothing: start-up).
  const backup = noFlush ? null : engine.dbs.map((db) => (db.dict.size === 0 ? null : backupOf(db)));
  if (!noFlush) {
    for (const db of engine.dbs) {
      if (db.dict.size === 0) continue;
      engine.touchAllWatchedKeysInDb(db);
      db.clear();
    }
  }
  let loaded = 0;
  let expired = 0;
  for (const k of contents.keys) {
    const db = engine.dbs[k.db]!;
    if (db.dict.has(k.key)) {
      if (noFlush && options.merge === true) {
        db.remove(k.key);
      } else {
        if (backup !== null) restore(engine, backup);
        throw new RdbError(`RDB has duplicated key '${k.key}' in DB ${k.db}`);
      }
    }
    // An AOF base keeps them (RDBFLAGS_AOF_PREAMBLE): the commands after it may touch them.
    if (k.expireAt !== -1 && k.expireAt < now && options.keepExpired !== true) {
      expired++;
      continue;
    }
    // rdbLoad: the object as createObject made it, then objectSetLRUOrLFU with what the file says.
    db.put(k.key, k.value, accessWith(engine, newAccess(engine), k.freq, k.idle));
    if (k.expireAt !== -1) db.expires.set(k.key, k.expireAt);
    loaded++;
  }
  if (noFlush) {
    if (scripting === null && contents.functions.length !== 0) engine.pendingLibraries = [...(engine.pendingLibraries ?? []), ...contents.functions];
    if (libraries !== null) scripting!.functions.ctx = libraries;
  } else {
    engine.pendingLibraries = scripting === null && contents.functions.length !== 0 ? contents.functions : null;
    if (libraries !== null) scripting!.functions.ctx = libraries;
    else engine.scriptingStarted?.functionsStarted?.clear();
  }
  engine.lastLoadKeysLoaded = loaded;
  engine.lastLoadKeysExpired = expired;
  return { loaded, expired };
}

interface Backup {
  keys: [key: string, obj: RObj, access: number][];
  expires: Map<string, number>;
}

function backupOf(db: Database): Backup {
  const dict = db.dict;
  const keys: Backup['keys'] = [];
  for (const slot of dict.slots()) keys.push([dict.keyAt(slot)!, dict.valueAt(slot), dict.accessAt(slot)]);
  return { keys, expires: new Map(db.expires) };
}

function restore(engine: Engine, backup: (Backup | null)[]): void {
  engine.dbs.forEach((db, i) => {
    db.clear();
    const saved = backup[i];
    if (!saved) return;
    for (const [key, obj, access] of saved.keys) db.put(key, obj, access);
    for (const [key, when] of saved.expires) db.expires.set(key, when);
  });
}

/**
 * Loads what the engine's storage holds, if anything (a host calls this at start-up, as
 * redis-server loads dump.rdb). null when there is no storage or no snapshot yet. An RdbError
 * means the stored snapshot is unusable (Redis refuses to start then).
 */
export function loadFromStorage(engine: Engine): LoadResult | null {
  const bytes = engine.storage?.load() ?? null;
  if (bytes === null) return null;
  return loadSnapshot(engine, bytes);
}

/**
 * Redis's rdbSave: writes a snapshot to the storage; on success the change counter restarts,
 * LASTSAVE moves and rdb_last_bgsave_status is ok again (which lifts MISCONF). Without storage
 * nothing is written but the save still "succeeds" (the playground behaves like a server whose
 * dump nobody reads). false when storage failed: the storage's error message, which says why
 * in Redis's words for a file, is logged (as the saving child's line for BGSAVE: `role`).
 */
export function saveToStorage(engine: Engine, role: LogRole = 'M'): boolean {
  const storage = engine.storage;
  if (storage !== undefined) {
    try {
      storage.save(snapshot(engine));
    } catch (e) {
      engine.log('#', e instanceof Error ? e.message : String(e), role);
      return false;
    }
    engine.log('*', 'DB saved on disk', role);
  }
  engine.changesSinceLastSave = 0;
  engine.lastSave = Math.floor(engine.clock.now());
  engine.lastBgsaveOk = true;
  return true;
}

/**
 * BGSAVE (rdbSaveBackground). With a host that steps background saves (engine.onBackgroundSave
 * set: the TCP server), a SnapshotJob starts and the host advances it (stepBackgroundSave) and
 * writes it (endBackgroundSave) while clients are served. Without one, the save runs at once and
 * the outcome is recorded and logged the way a finished child's is: rdb_last_bgsave_status,
 * rdb_last_bgsave_time_sec. A failure leaves the status 'err', which refuses writes while
 * stop-writes-on-bgsave-error is on.
 */
export function backgroundSave(engine: Engine): void {
  engine.stats.rdbSaves++;
  engine.lastBgsaveTry = Math.floor(engine.clock.now());
  engine.log('*', `Background saving started by pid ${engine.processId}`);
  const host = engine.onBackgroundSave;
  if (host !== null) {
    engine.bgsave = { job: startSnapshotJob(engine), startedAt: engine.lastBgsaveTry, dirtyBefore: engine.changesSinceLastSave };
    host();
    return;
  }
  // What rdbSave logs comes from the child in Redis: those lines carry its role letter.
  const ok = saveToStorage(engine, 'C');
  if (ok) engine.log('*', 'Background saving terminated with success');
  else engine.log('#', 'Background saving error');
  engine.lastBgsaveOk = ok;
  engine.lastBgsaveTimeSec = 0;
}

/**
 * Advances the background save by `budget` keys; returns its file, in pieces, once the image is
 * complete (the host then stores them and calls endBackgroundSave), else null.
 */
export function stepBackgroundSave(engine: Engine, budget: number): Uint8Array[] | null {
  const bgsave = engine.bgsave;
  if (bgsave === null || !bgsave.job.step(budget)) return null;
  return bgsave.job.chunks();
}

/**
 * backgroundSaveDoneHandler: the host wrote the image (`failure` null) or could not (the
 * storage's message, logged as the child's line). On success the changes made since the save
 * started remain counted, as Redis subtracts dirty_before_bgsave.
 */
export function endBackgroundSave(engine: Engine, failure: string | null): void {
  const bgsave = engine.bgsave;
  if (bgsave === null) return;
  engine.bgsave = null;
  bgsave.job.abort();
  const now = Math.floor(engine.clock.now());
  if (failure === null) {
    if (engine.storage !== undefined) engine.log('*', 'DB saved on disk', 'C');
    engine.log('*', 'Background saving terminated with success');
    engine.changesSinceLastSave = Math.max(0, engine.changesSinceLastSave - bgsave.dirtyBefore);
    engine.lastSave = now;
    engine.lastBgsaveOk = true;
  } else {
    engine.log('#', failure, 'C');
    engine.log('#', 'Background saving error');
    engine.lastBgsaveOk = false;
  }
  engine.lastBgsaveTimeSec = Math.floor((now - bgsave.startedAt) / 1000);
}

/**
 * killRDBChild, as SHUTDOWN and FLUSHALL do before saving synchronously: the background save is
 * dropped unwritten. Its status is not an error (Redis's SIGUSR1). `logged`: the line Redis's
 * parent logs when it reaps the child.
 */
export function cancelBackgroundSave(engine: Engine, logged = true): void {
  const bgsave = engine.bgsave;
  if (bgsave === null) return;
  engine.bgsave = null;
  bgsave.job.abort();
  // Redis's parent logs the child's end on its next cron; a shutdown exits before that.
  if (logged) engine.log('#', 'Background saving terminated by signal 10');
  engine.lastBgsaveTimeSec = Math.floor((Math.floor(engine.clock.now()) - bgsave.startedAt) / 1000);
}

/** After a failed automatic save Redis waits this long before trying again (CONFIG_BGSAVE_RETRY_DELAY). */
const AUTO_SAVE_RETRY_MS = 5000;

/**
 * serverCron's save points: once some `save <seconds> <changes>` pair is reached (at least
 * `changes` writes and more than `seconds` since the last save), save in the background; and a
 * BGSAVE that was scheduled, once no save runs. Hosts call this from their timer. Returns true
 * when it started a save.
 */
export function saveIfDue(engine: Engine): boolean {
  if (engine.bgsave !== null) return false;
  // A BGSAVE that had to wait (BGSAVE SCHEDULE, or inside EXEC) runs once none is in progress.
  if (engine.bgsaveScheduled) {
    engine.bgsaveScheduled = false;
    backgroundSave(engine);
    return true;
  }
  if (engine.storage === undefined || engine.changesSinceLastSave === 0) return false;
  const now = Math.floor(engine.clock.now());
  if (!engine.lastBgsaveOk && now - engine.lastBgsaveTry <= AUTO_SAVE_RETRY_MS) return false;
  for (const [seconds, changes] of engine.config.saveParams) {
    if (engine.changesSinceLastSave >= changes && now - engine.lastSave > seconds * 1000) {
      engine.log('*', `${changes} changes in ${seconds} seconds. Saving...`);
      backgroundSave(engine);
      return true;
    }
  }
  return false;
}

/**
 * BGSAVE inside EXEC (or with SCHEDULE while busy): Redis answers "scheduled" and saves from
 * its cron once the transaction is over. Here: as soon as the current synchronous work ends.
 * Returns false when a save was already scheduled.
 */
export function scheduleBackgroundSave(engine: Engine): boolean {
  if (engine.bgsaveScheduled) return false;
  engine.bgsaveScheduled = true;
  // A host that steps saves runs it from its cron (saveIfDue), as Redis's serverCron does.
  if (engine.onBackgroundSave !== null) return true;
  void Promise.resolve().then(() => {
    engine.bgsaveScheduled = false;
    backgroundSave(engine);
  });
  return true;
}
