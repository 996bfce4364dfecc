import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';
import { Engine } from './engine.js';
import { expireIfNeeded, setKey } from './keyspace.js';
import { createString, lruClock, type StringObj } from './objects.js';
import { estimateUsedMemory, loadFromStorage, loadSnapshot, MemorySnapshotStorage, saveIfDue, saveToStorage, snapshot } from './persistence.js';
import { RdbError, RdbWriter, readRdb } from './rdb.js';

const T0 = 1_700_000_000_000;

function fresh(options: { storage?: MemorySnapshotStorage; config?: Record<string, string> } = {}) {
  const clock = new VirtualClock(T0);
  const engine = new Engine({ clock, ...options });
  return { clock, engine };
}

function put(engine: Engine, dbIndex: number, key: string, value: string, expireAt?: number): void {
  const db = engine.dbs[dbIndex]!;
  db.put(key, createString(value), lruClock(engine.now));
  if (expireAt !== undefined) db.expires.set(key, expireAt);
}

function dump(engine: Engine): [number, string, string, number][] {
  const out: [number, string, string, number][] = [];
  engine.dbs.forEach((db, i) => {
    for (const [k, o] of db.dict) out.push([i, k, (o as StringObj).value, db.expires.get(k) ?? -1]);
  });
  return out;
}

describe('snapshot / loadSnapshot', () => {
  it('round-trips every database through RDB bytes', () => {
    const a = fresh().engine;
    put(a, 0, 'k', 'v');
    put(a, 0, '\x00\xff', '');
    put(a, 0, 'n', '-123456');
    put(a, 0, 'ttl', 'x'.repeat(5000), T0 + 60_000);
    put(a, 9, 'db9', '\xec\x95\x88');
    put(a, 15, 'last', '1', T0 + 1);
    const bytes = snapshot(a);
    expect(latin1(bytes.subarray(0, 9))).toBe('REDIS0010');

    const b = fresh().engine;
    put(b, 0, 'will be replaced', '1');
    put(b, 4, 'gone', '1');
    expect(loadSnapshot(b, bytes)).toEqual({ loaded: 6, expired: 0 });
    expect(dump(b)).toEqual(dump(a));
    expect(b.lastLoadKeysLoaded).toBe(6);
    expect(b.lastLoadKeysExpired).toBe(0);
  });

  it('writes ctime from the engine clock and a used-mem estimate', () => {
    const { engine, clock } = fresh();
    clock.set(1_800_000_123_456);
    put(engine, 0, 'k', 'v');
    const c = readRdb(snapshot(engine), { now: 0 });
    expect(c.aux.get('ctime')).toBe('1800000123');
    expect(c.aux.get('used-mem')).toBe(String(estimateUsedMemory(engine)));
    expect(estimateUsedMemory(engine)).toBeGreaterThan(800_000);
  });

  it('drops keys whose expiry has passed at load time, as a Redis master does', () => {
    const { engine: a } = fresh();
    put(a, 0, 'soon', 'v', T0 + 1000);
    put(a, 0, 'later', 'v', T0 + 5000);
    put(a, 0, 'past', 'v', T0 - 1); // logically expired, still in the dict: saved anyway
    const bytes = snapshot(a);
    expect(readRdb(bytes, { now: 0 }).keys).toHaveLength(3);

    const { engine: b, clock } = fresh();
    clock.advance(1000); // "soon" expires exactly now: kept (Redis drops only when < now)
    expect(loadSnapshot(b, bytes)).toEqual({ loaded: 2, expired: 1 });
    expect(dump(b).map((x) => x[1])).toEqual(['soon', 'later']);
    expect(b.lastLoadKeysExpired).toBe(1);
  });

  it('follows rdbcompression and rdbchecksum', () => {
    const { engine } = fresh({ config: { rdbcompression: 'no', rdbchecksum: 'no' } });
    put(engine, 0, 'k', 'y'.repeat(100));
    const bytes = snapshot(engine);
    expect(latin1(bytes.slice(-8))).toBe('\0'.repeat(8));
    expect(latin1(bytes)).toContain('y'.repeat(100));
    expect(readRdb(bytes, { now: 0 }).checksum).toBe(0n);
  });

  it('saves IDLE times under an LRU policy and restores access times from them', () => {
    const { engine: a, clock } = fresh({ config: { 'maxmemory-policy': 'allkeys-lru' } });
    put(a, 0, 'k', 'v');
    clock.advance(30_500);
    const bytes = snapshot(a);
    expect(readRdb(bytes, { now: 0 }).keys[0]!.idle).toBe(30);
    const { engine: b } = fresh();
    loadSnapshot(b, bytes);
    expect(b.dbs[0]!.accessOf('k')).toBe(lruClock(T0 - 30_000));
  });

  it('changes nothing when the snapshot is bad', () => {
    const { engine } = fresh();
    put(engine, 0, 'keep', 'me');
    const bytes = snapshot(engine);
    const broken = bytes.slice(0, bytes.length - 3);
    expect(() => loadSnapshot(engine, broken)).toThrow(RdbError);

    const dup = new RdbWriter().header().selectDb(0);
    dup.keyValue('a', createString('1')).keyValue('b', createString('2')).keyValue('a', createString('3'));
    expect(() => loadSnapshot(engine, dup.finish())).toThrow(/duplicated key 'a' in DB 0/);

    const far = new RdbWriter().header().selectDb(16).keyValue('a', createString('1'));
    expect(() => loadSnapshot(engine, far.finish())).toThrow(/more than 16 databases/);
    expect(dump(engine)).toEqual([[0, 'keep', 'me', -1]]);
  });

  it('breaks WATCH on the keys a load replaces', () => {
    const { engine } = fresh();
    put(engine, 0, 'w', '1');
    const c = engine.createClient();
    engine.watch(c, engine.dbs[0]!, 'w');
    loadSnapshot(engine, snapshot(engine));
    expect(c.dirtyCas).toBe(true);
  });
});

describe('storage', () => {
  it('saveToStorage writes through the storage, resets the change count, moves lastSave', () => {
    const storage = new MemorySnapshotStorage();
    const { engine, clock } = fresh({ storage });
    expect(engine.lastSave).toBe(T0);
    put(engine, 2, 'k', 'v');
    engine.changesSinceLastSave = 5;
    clock.advance(3_000);
    expect(saveToStorage(engine)).toBe(true);
    expect(engine.changesSinceLastSave).toBe(0);
    expect(engine.lastSave).toBe(T0 + 3_000);

    const other = fresh({ storage }).engine;
    expect(loadFromStorage(other)).toEqual({ loaded: 1, expired: 0 });
    expect(dump(other)).toEqual([[2, 'k', 'v', -1]]);
  });

  it('saveIfDue saves once a save point (seconds and changes) is reached, and retries failures after 5 s', () => {
    const storage = new MemorySnapshotStorage();
    const { engine, clock } = fresh({ storage, config: { save: '60 2 10 100' } });
    put(engine, 0, 'k', 'v');
    engine.changesSinceLastSave = 1;
    clock.advance(61_000);
    expect(saveIfDue(engine)).toBe(false); // 1 change < 2, and 61 s < 10 s is false for 100
    engine.changesSinceLastSave = 2;
    const logs: string[] = [];
    engine.log = (level, message, role = 'M') => logs.push(`${role} ${level} ${message}`);
    expect(saveIfDue(engine)).toBe(true);
    // serverCron's line names the save point that was reached; the save's own lines follow.
    expect(logs).toEqual([
      'M * 2 changes in 60 seconds. Saving...',
      'M * Background saving started by pid 1',
      'C * DB saved on disk',
      'M * Background saving terminated with success',
    ]);
    expect(storage.load()).not.toBeNull();
    expect(engine.changesSinceLastSave).toBe(0);
    expect(engine.stats.rdbSaves).toBe(1);

    engine.changesSinceLastSave = 100;
    clock.advance(5_000);
    expect(saveIfDue(engine)).toBe(false); // 100 changes, but only 5 s < 10 s
    clock.advance(5_001);
    expect(saveIfDue(engine)).toBe(true);

    // A failing storage: one try, then quiet for 5 s.
    storage.save = () => {
      throw new Error('disk full');
    };
    engine.changesSinceLastSave = 100;
    clock.advance(11_000);
    expect(saveIfDue(engine)).toBe(true);
    expect(engine.lastBgsaveOk).toBe(false);
    clock.advance(4_000);
    expect(saveIfDue(engine)).toBe(false);
    clock.advance(1_001);
    expect(saveIfDue(engine)).toBe(true);
  });

  it('saveIfDue does nothing without storage or without changes', () => {
    const none = fresh({ config: { save: '1 1' } });
    none.engine.changesSinceLastSave = 10;
    none.clock.advance(5_000);
    expect(saveIfDue(none.engine)).toBe(false);
    const idle = fresh({ storage: new MemorySnapshotStorage(), config: { save: '1 1' } });
    idle.clock.advance(5_000);
    expect(saveIfDue(idle.engine)).toBe(false);
  });

  it('loadFromStorage is null without storage or without a snapshot', () => {
    expect(loadFromStorage(fresh().engine)).toBeNull();
    expect(loadFromStorage(fresh({ storage: new MemorySnapshotStorage() }).engine)).toBeNull();
  });

  it('reports a storage failure and keeps the counters', () => {
    const failing = {
      save(): void {
        throw new Error('disk full');
      },
      load: () => null,
    };
    const engine = new Engine({ clock: new VirtualClock(T0), storage: failing });
    engine.changesSinceLastSave = 3;
    expect(saveToStorage(engine)).toBe(false);
    expect(engine.changesSinceLastSave).toBe(3);
    expect(engine.lastSave).toBe(T0);
  });

  it('MemorySnapshotStorage keeps its own copy', () => {
    const s = new MemorySnapshotStorage();
    const bytes = Uint8Array.from([1, 2, 3]);
    s.save(bytes);
    bytes[0] = 9;
    expect(Array.from(s.load()!)).toEqual([1, 2, 3]);
  });
});

describe('rdb_changes_since_last_save', () => {
  it('counts modifications but not expirations', () => {
    const { engine, clock } = fresh();
    const c = engine.createClient();
    setKey(c, c.db, 'a', createString('1'));
    setKey(c, c.db, 'b', createString('1'));
    expect(engine.changesSinceLastSave).toBe(2);
    c.db.expires.set('a', T0 + 10);
    clock.advance(20);
    engine.now = T0 + 20;
    expect(expireIfNeeded(engine, c.db, 'a')).toBe(true);
    expect(engine.changesSinceLastSave).toBe(2);
  });
});

function latin1(b: Uint8Array): string {
  return String.fromCharCode(...b);
}
