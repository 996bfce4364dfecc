import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.js';
import { Engine, type SnapshotStorage } from '../engine.js';
import { setKey } from '../keyspace.js';
import { createString } from '../objects.js';
import { MemorySnapshotStorage } from '../persistence.js';
import { readRdb } from '../rdb.js';
import * as E from '../../shared/errors.js';
import { OK } from '../../shared/reply.js';
import { late } from '../late.js';

const T0 = 1_700_000_000_000;

function setup(storage?: SnapshotStorage) {
  const clock = new VirtualClock(T0 + 999);
  const engine = new Engine({ clock, storage, late });
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
    setKey(c, engine.dbs[0]!, 'a', createString('1'));
    setKey(c, engine.dbs[7]!, 'b', createString('hello'));
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
    setKey(c, c.db, 'k', createString('v'));
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

describe('a failed BGSAVE (stop-writes-on-bgsave-error)', () => {
  const MISCONF = { t: 'error', v: E.MISCONF_BGSAVE };

  /** A storage that fails while `broken` is set. */
  function switchable() {
    const inner = new MemorySnapshotStorage();
    const s = {
      broken: true,
      save(b: Uint8Array) {
        if (s.broken) throw new Error('Write error saving DB on disk(fsync): No space left on device');
        inner.save(b);
      },
      load: () => inner.load(),
    };
    return s;
  }

  it('logs the failure, and refuses writes and PING with MISCONF until a save succeeds', () => {
    const storage = switchable();
    const { run, engine } = setup(storage);
    const logs: string[] = [];
    engine.log = (level, message, role = 'M') => logs.push(`${role} ${level} ${message}`);
    expect(run('SET', 'a', '1')).toEqual(OK);
    expect(run('BGSAVE')).toEqual({ t: 'simple', v: 'Background saving started' });
    expect(logs).toEqual([
      'M * Background saving started by pid 1',
      'C # Write error saving DB on disk(fsync): No space left on device',
      'M # Background saving error',
    ]);
    expect(run('SET', 'b', '1')).toEqual(MISCONF);
    expect(run('PING')).toEqual(MISCONF);
    expect(run('DEL', 'a')).toEqual(MISCONF);
    // Reads and commands without the write flag go on.
    expect(run('GET', 'a')).toEqual({ t: 'bulk', v: '1' });
    expect(run('ECHO', 'x')).toEqual({ t: 'bulk', v: 'x' });
    // A failed SAVE does not touch the status; a successful one clears it.
    expect(run('SAVE')).toEqual({ t: 'error', v: 'ERR' });
    expect(run('SET', 'b', '1')).toEqual(MISCONF);
    storage.broken = false;
    logs.length = 0;
    expect(run('SAVE')).toEqual(OK);
    expect(logs).toEqual(['M * DB saved on disk']);
    expect(run('SET', 'b', '1')).toEqual(OK);
    expect(run('PING')).toEqual({ t: 'simple', v: 'PONG' });
    expect(engine.stats.commands.get('set')).toMatchObject({ calls: 2, rejected: 2 });
  });

  it('refuses nothing without save points or with stop-writes-on-bgsave-error no', () => {
    const { run } = setup(switchable());
    expect(run('BGSAVE')).toEqual({ t: 'simple', v: 'Background saving started' });
    expect(run('SET', 'a', '1')).toEqual(MISCONF);
    expect(run('CONFIG', 'SET', 'stop-writes-on-bgsave-error', 'no')).toEqual(OK);
    expect(run('SET', 'a', '1')).toEqual(OK);
    expect(run('CONFIG', 'SET', 'stop-writes-on-bgsave-error', 'yes')).toEqual(OK);
    expect(run('SET', 'a', '1')).toEqual(MISCONF);
    expect(run('CONFIG', 'SET', 'save', '')).toEqual(OK);
    expect(run('SET', 'a', '1')).toEqual(OK);
    expect(run('INFO', 'persistence')).toMatchObject({ v: expect.stringContaining('rdb_last_bgsave_status:err\r\n') as string });
  });

  it('flags a transaction, and aborts an EXEC whose queue holds a write', () => {
    const storage = switchable();
    storage.broken = false;
    const { run, engine } = setup(storage);
    const other = engine.createClient();
    expect(run('MULTI')).toEqual(OK);
    expect(run('SET', 'a', '1')).toEqual({ t: 'simple', v: 'QUEUED' });
    storage.broken = true;
    expect(engine.execute(other, ['BGSAVE'])).toEqual({ t: 'simple', v: 'Background saving started' });
    expect(run('EXEC')).toEqual({ t: 'error', v: 'EXECABORT Transaction discarded because of: ' + E.MISCONF_BGSAVE });
    expect(run('MULTI')).toEqual(OK);
    expect(run('GET', 'a')).toEqual({ t: 'simple', v: 'QUEUED' });
    expect(run('EXEC')).toEqual({ t: 'array', v: [{ t: 'bulk', v: null }] });
    expect(run('MULTI')).toEqual(OK);
    expect(run('INCR', 'n')).toEqual(MISCONF);
    expect(run('EXEC')).toEqual({ t: 'error', v: 'EXECABORT Transaction discarded because of previous errors.' });
  });
});

describe('FLUSHALL', () => {
  it('saves at once when save points are configured (flushAllDataAndResetRDB)', () => {
    const storage = new MemorySnapshotStorage();
    const { run, engine, clock } = setup(storage);
    run('SET', 'a', '1');
    clock.advance(2_000);
    expect(run('FLUSHALL')).toEqual(OK);
    expect(readRdb(storage.load()!, { now: 0 }).keys).toEqual([]);
    expect(engine.changesSinceLastSave).toBe(0);
    expect(engine.stats.rdbSaves).toBe(0);
    expect(run('LASTSAVE')).toEqual({ t: 'int', v: Math.floor((T0 + 2_999) / 1000) });
    const none = new MemorySnapshotStorage();
    const other = setup(none);
    other.run('CONFIG', 'SET', 'save', '');
    other.run('SET', 'a', '1');
    expect(other.run('FLUSHALL')).toEqual(OK);
    expect(none.load()).toBeNull();
    expect(other.engine.changesSinceLastSave).toBe(2);
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
