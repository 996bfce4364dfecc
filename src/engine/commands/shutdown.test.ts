import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.js';
import { Engine } from '../engine.js';
import { SHUTDOWN_NOT_AVAILABLE } from '../../shared/errors.js';

describe('SHUTDOWN', () => {
  it('is an error where nothing can stop (the browser playground)', () => {
    const e = new Engine({ clock: new VirtualClock() });
    const c = e.createClient();
    expect(e.execute(c, ['SHUTDOWN'])).toEqual({ t: 'error', v: SHUTDOWN_NOT_AVAILABLE });
    expect(e.execute(c, ['SHUTDOWN', 'NOSAVE', 'NOW'])).toEqual({ t: 'error', v: SHUTDOWN_NOT_AVAILABLE });
  });

  it('asks the host to stop, saving when SAVE is given or save points exist', () => {
    const e = new Engine({ clock: new VirtualClock() });
    const c = e.createClient();
    const calls: boolean[] = [];
    e.onShutdown = (save) => calls.push(save);
    expect(e.execute(c, ['CONFIG', 'SET', 'save', ''])).toEqual({ t: 'simple', v: 'OK' });
    expect(e.execute(c, ['SHUTDOWN'])).toBeNull();
    expect(e.execute(c, ['SHUTDOWN', 'SAVE'])).toBeNull();
    expect(e.execute(c, ['shutdown', 'nosave', 'now', 'force'])).toBeNull();
    expect(e.execute(c, ['CONFIG', 'SET', 'save', '3600 1'])).toEqual({ t: 'simple', v: 'OK' });
    expect(e.execute(c, ['SHUTDOWN'])).toBeNull();
    expect(e.execute(c, ['SHUTDOWN', 'NOSAVE'])).toBeNull();
    expect(calls).toEqual([false, true, false, true, false]);
  });

  it('writes the final snapshot to storage, and stops only if that worked (or FORCE)', () => {
    const saved: Uint8Array[] = [];
    let fail = false;
    const storage = {
      save: (b: Uint8Array) => {
        if (fail) throw new Error('disk full');
        saved.push(b);
      },
      load: () => null,
    };
    const e = new Engine({ clock: new VirtualClock(), storage });
    const c = e.createClient();
    const calls: boolean[] = [];
    e.onShutdown = (save) => calls.push(save);
    e.execute(c, ['SET', 'k', 'v']);
    expect(e.execute(c, ['SHUTDOWN', 'SAVE'])).toBeNull();
    expect(saved).toHaveLength(1);
    expect(String.fromCharCode(...saved[0]!.subarray(0, 5))).toBe('REDIS');
    fail = true;
    expect(e.execute(c, ['SHUTDOWN', 'SAVE'])).toEqual({ t: 'error', v: 'ERR Errors trying to SHUTDOWN. Check logs.' });
    expect(e.execute(c, ['SHUTDOWN', 'SAVE', 'FORCE'])).toBeNull();
    expect(calls).toEqual([true, true]);
  });

  it('checks its options before anything else', () => {
    const e = new Engine({ clock: new VirtualClock() });
    const c = e.createClient();
    let called = false;
    e.onShutdown = () => (called = true);
    expect(e.execute(c, ['SHUTDOWN', 'ABORT'])).toEqual({ t: 'error', v: 'ERR No shutdown in progress.' });
    expect(e.execute(c, ['SHUTDOWN', 'SAVE', 'NOSAVE'])).toEqual({ t: 'error', v: 'ERR syntax error' });
    expect(e.execute(c, ['SHUTDOWN', 'NOW', 'ABORT'])).toEqual({ t: 'error', v: 'ERR syntax error' });
    expect(called).toBe(false);
  });
});
