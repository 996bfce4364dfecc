import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.js';
import { Engine, type SnapshotStorage } from '../engine.js';
import { SHUTDOWN_NOT_AVAILABLE } from '../../shared/errors.js';
import { prepareForShutdown, shutdownFlagsFromConfig } from './shutdown.js';

/** An engine whose host can stop: `exits` counts the host's exits, `logs` holds the log lines. */
function stoppable(storage?: SnapshotStorage) {
  const e = new Engine({ clock: new VirtualClock(), storage });
  const logs: string[] = [];
  let exits = 0;
  e.log = (level, message) => logs.push(`${level} ${message}`);
  e.onShutdown = () => exits++;
  return { e, c: e.createClient(), logs, exits: () => exits };
}

function failingStorage(): SnapshotStorage & { fail: boolean; saved: Uint8Array[] } {
  const s = {
    fail: false,
    saved: [] as Uint8Array[],
    save(b: Uint8Array) {
      if (s.fail) throw new Error('Failed opening the temp RDB file temp-1.rdb (in server root dir /x) for saving: Is a directory');
      s.saved.push(b);
    },
    load: () => null,
  };
  return s;
}

describe('SHUTDOWN', () => {
  it('is an error where nothing can stop (the browser playground)', () => {
    const e = new Engine({ clock: new VirtualClock() });
    const c = e.createClient();
    expect(e.execute(c, ['SHUTDOWN'])).toEqual({ t: 'error', v: SHUTDOWN_NOT_AVAILABLE });
    expect(e.execute(c, ['SHUTDOWN', 'NOSAVE', 'NOW'])).toEqual({ t: 'error', v: SHUTDOWN_NOT_AVAILABLE });
  });

  it('saves when SAVE is given or save points exist, unless NOSAVE, logging as Redis', () => {
    const storage = failingStorage();
    const s = stoppable(storage);
    expect(s.e.execute(s.c, ['CONFIG', 'SET', 'save', ''])).toEqual({ t: 'simple', v: 'OK' });
    expect(s.e.execute(s.c, ['SHUTDOWN'])).toBeNull();
    expect(storage.saved).toHaveLength(0);
    expect(s.logs).toEqual(['# User requested shutdown...', '# Redis is now ready to exit, bye bye...']);
    s.logs.length = 0;
    expect(s.e.execute(s.c, ['SHUTDOWN', 'SAVE'])).toBeNull();
    expect(storage.saved).toHaveLength(1);
    expect(s.logs).toEqual([
      '# User requested shutdown...',
      '* Saving the final RDB snapshot before exiting.',
      '* DB saved on disk',
      '# Redis is now ready to exit, bye bye...',
    ]);
    expect(s.e.execute(s.c, ['shutdown', 'nosave', 'now', 'force'])).toBeNull();
    expect(s.e.execute(s.c, ['CONFIG', 'SET', 'save', '3600 1'])).toEqual({ t: 'simple', v: 'OK' });
    expect(s.e.execute(s.c, ['SHUTDOWN'])).toBeNull();
    expect(s.e.execute(s.c, ['SHUTDOWN', 'NOSAVE'])).toBeNull();
    expect(storage.saved).toHaveLength(2);
    expect(s.exits()).toBe(5);
  });

  it('keeps running when the final save fails, unless FORCE', () => {
    const storage = failingStorage();
    const s = stoppable(storage);
    s.e.execute(s.c, ['SET', 'k', 'v']);
    storage.fail = true;
    expect(s.e.execute(s.c, ['SHUTDOWN'])).toEqual({ t: 'error', v: 'ERR Errors trying to SHUTDOWN. Check logs.' });
    expect(s.exits()).toBe(0);
    expect(s.logs).toEqual([
      '# User requested shutdown...',
      '* Saving the final RDB snapshot before exiting.',
      '# Failed opening the temp RDB file temp-1.rdb (in server root dir /x) for saving: Is a directory',
      "# Error trying to save the DB, can't exit.",
      '# Errors trying to shut down the server. Check the logs for more information.',
    ]);
    // The failed save is not a failed BGSAVE: writes go on.
    expect(s.e.execute(s.c, ['SET', 'k', 'w'])).toEqual({ t: 'simple', v: 'OK' });
    s.logs.length = 0;
    expect(s.e.execute(s.c, ['SHUTDOWN', 'FORCE'])).toBeNull();
    expect(s.exits()).toBe(1);
    expect(s.logs.slice(2)).toEqual([
      '# Failed opening the temp RDB file temp-1.rdb (in server root dir /x) for saving: Is a directory',
      '# Error trying to save the DB. Exit anyway.',
      '# Redis is now ready to exit, bye bye...',
    ]);
  });

  it('ABORT cancels a shutdown a signal asked for, and only that', () => {
    const s = stoppable();
    expect(s.e.execute(s.c, ['SHUTDOWN', 'ABORT'])).toEqual({ t: 'error', v: 'ERR No shutdown in progress.' });
    s.e.shutdownAsap = true;
    expect(s.e.execute(s.c, ['SHUTDOWN', 'ABORT'])).toEqual({ t: 'simple', v: 'OK' });
    expect(s.e.shutdownAsap).toBe(false);
    expect(s.logs).toEqual(['* Shutdown manually aborted.']);
    expect(s.exits()).toBe(0);
  });

  it('checks its options before anything else', () => {
    const s = stoppable();
    expect(s.e.execute(s.c, ['SHUTDOWN', 'SAVE', 'NOSAVE'])).toEqual({ t: 'error', v: 'ERR syntax error' });
    expect(s.e.execute(s.c, ['SHUTDOWN', 'NOW', 'ABORT'])).toEqual({ t: 'error', v: 'ERR syntax error' });
    expect(s.e.execute(s.c, ['SHUTDOWN', 'LATER'])).toEqual({ t: 'error', v: 'ERR syntax error' });
    expect(s.exits()).toBe(0);
  });

  it('a signal shuts down with the flags of shutdown-on-sigterm / shutdown-on-sigint', () => {
    const storage = failingStorage();
    const s = stoppable(storage);
    expect(s.e.execute(s.c, ['CONFIG', 'SET', 'shutdown-on-sigterm', 'nosave', 'shutdown-on-sigint', 'save force'])).toEqual({
      t: 'simple',
      v: 'OK',
    });
    expect(shutdownFlagsFromConfig(s.e.config.get('shutdown-on-sigterm'))).toEqual({ save: false, nosave: true, now: false, force: false });
    expect(shutdownFlagsFromConfig(s.e.config.get('shutdown-on-sigint'))).toEqual({ save: true, nosave: false, now: false, force: true });
    expect(shutdownFlagsFromConfig('default')).toEqual({ save: false, nosave: false, now: false, force: false });
    storage.fail = true;
    s.e.shutdownAsap = true;
    expect(prepareForShutdown(s.e, shutdownFlagsFromConfig('default'))).toBe(false);
    expect(s.e.shutdownAsap).toBe(false);
    expect(prepareForShutdown(s.e, shutdownFlagsFromConfig(s.e.config.get('shutdown-on-sigint')))).toBe(true);
    expect(s.exits()).toBe(1);
  });
});
