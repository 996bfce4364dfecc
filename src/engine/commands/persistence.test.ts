import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.js';
import { Engine, type SnapshotStorage } from '../engine.js';
import { setKey } from '../keyspace.js';
import { createString } from '../objects.js';
import { MemorySnapshotStorage } from '../persistence.js';
import { readRdb } from '../rdb.js';

const T0 = 1_700_000_000_000;

function setup(storage?: SnapshotStorage) {
  const clock = new VirtualClock(T0 + 999);
  const engine = new Engine({ clock, storage });
  const c = engine.createClient();
  return { clock, engine, c, run: (...argv: string[]) => engine.execute(c, argv) };
}

const failing: SnapshotStorage = {
  save() {
    throw new Error('quota exceeded');
  },
  load: () => null,
};

describe('SAVE', () => {
  it('writes every database to the storage and replies OK', () => {
    const storage = new MemorySnapshotStorage();
    const { engine, c, run, clock } = setup(storage);
    setKey(c, engine.dbs[0]!, 'a', createString('1', 0));
    setKey(c, engine.dbs[7]!, 'b', createString('hello', 0));
    expect(engine.changesSinceLastSave).toBe(2);
    clock.advance(5_000);
    expect(run('SAVE')).toEqual({ t: 'simple', v: 'OK' });
    const keys = readRdb(storage.load()!, { now: 0 }).keys;
    expect(keys.map((k) => [k.db, k.key])).toEqual([
      [0, 'a'],
      [7, 'b'],
    ]);
    expect(engine.changesSinceLastSave).toBe(0);
    expect(engine.stats.rdbSaves).toBe(1);
    expect(run('LASTSAVE')).toEqual({ t: 'int', v: Math.floor((T0 + 5_999) / 1000) });
  });

  it('replies OK without storage (nothing to write to)', () => {
    const { run, engine } = setup();
    engine.changesSinceLastSave = 4;
    expect(run('save')).toEqual({ t: 'simple', v: 'OK' });
    expect(engine.changesSinceLastSave).toBe(0);
  });

  it('replies with the bare ERR when storage fails, and LASTSAVE does not move', () => {
    const { run, clock } = setup(failing);
    clock.advance(10_000);
    expect(run('SAVE')).toEqual({ t: 'error', v: 'ERR' });
    expect(run('LASTSAVE')).toEqual({ t: 'int', v: Math.floor((T0 + 999) / 1000) });
  });

  it('checks arity', () => {
    const { run } = setup();
    expect(run('SAVE', 'x')).toEqual({ t: 'error', v: "ERR wrong number of arguments for 'save' command" });
  });
});

describe('BGSAVE', () => {
  it('saves at once but answers like a forked save', () => {
    const storage = new MemorySnapshotStorage();
    const { run, engine, c } = setup(storage);
    setKey(c, c.db, 'k', createString('v', 0));
    expect(engine.lastBgsaveTimeSec).toBe(-1);
    expect(run('BGSAVE')).toEqual({ t: 'simple', v: 'Background saving started' });
    expect(readRdb(storage.load()!, { now: 0 }).keys).toHaveLength(1);
    expect(engine.changesSinceLastSave).toBe(0);
    expect(engine.lastBgsaveOk).toBe(true);
    expect(engine.lastBgsaveTimeSec).toBe(0);
    expect(engine.stats.rdbSaves).toBe(1);
    expect(run('bgsave', 'SCHEDULE')).toEqual({ t: 'simple', v: 'Background saving started' });
    expect(run('bgsave', 'schedule')).toEqual({ t: 'simple', v: 'Background saving started' });
    expect(engine.stats.rdbSaves).toBe(3);
  });

  it('rejects other arguments with a syntax error', () => {
    const { run } = setup();
    const syntax = { t: 'error', v: 'ERR syntax error' };
    expect(run('BGSAVE', 'now')).toEqual(syntax);
    expect(run('BGSAVE', 'SCHEDULE', 'SCHEDULE')).toEqual(syntax);
    expect(run('BGSAVE', '')).toEqual(syntax);
  });

  it('records a failed background save in rdb_last_bgsave_status', () => {
    const { run, engine } = setup(failing);
    expect(run('BGSAVE')).toEqual({ t: 'simple', v: 'Background saving started' });
    expect(engine.lastBgsaveOk).toBe(false);
    expect(run('LASTSAVE')).toEqual({ t: 'int', v: Math.floor((T0 + 999) / 1000) });
  });

  it('is scheduled after the transaction when run inside EXEC', async () => {
    const storage = new MemorySnapshotStorage();
    const { run, engine } = setup(storage);
    engine.inExec = true;
    expect(run('BGSAVE')).toEqual({ t: 'simple', v: 'Background saving scheduled' });
    expect(run('BGSAVE', 'SCHEDULE')).toEqual({ t: 'simple', v: 'Background saving scheduled' });
    engine.inExec = false;
    expect(storage.load()).toBeNull();
    await Promise.resolve();
    expect(storage.load()).not.toBeNull();
    expect(engine.stats.rdbSaves).toBe(1);
  });
});

describe('LASTSAVE', () => {
  it('is the start time until a save succeeds', () => {
    const { run, clock } = setup();
    clock.advance(60_000);
    expect(run('LASTSAVE')).toEqual({ t: 'int', v: Math.floor((T0 + 999) / 1000) });
    run('SAVE');
    expect(run('LASTSAVE')).toEqual({ t: 'int', v: Math.floor((T0 + 60_999) / 1000) });
    expect(run('LASTSAVE', 'x')).toEqual({
      t: 'error',
      v: "ERR wrong number of arguments for 'lastsave' command",
    });
  });
});
