import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';
import { CronTimer, serverCron, type CronRun } from './cron.js';
import { Engine } from './engine.js';
import { MemorySnapshotStorage } from './persistence.js';
import type { Reply } from '../shared/reply.js';

/** Fake host timers, fired by hand. */
function fakeTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    pending,
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        pending.set(next, { fn, ms });
        return next++;
      },
      clearTimeout: (h: unknown) => void pending.delete(h as number),
    },
    delays: () => [...pending.values()].map((t) => t.ms).sort((a, b) => a - b),
    /** Fires the pending timer set for `ms`. */
    fire(ms: number) {
      const [h, t] = [...pending].find(([, x]) => x.ms === ms)!;
      pending.delete(h);
      t.fn();
    },
  };
}

const rethrow = (_: string, e: unknown): never => {
  throw e;
};

function setup(options: { storage?: MemorySnapshotStorage; config?: Record<string, string> } = {}) {
  const clock = new VirtualClock();
  const engine = new Engine({ clock, ...options });
  const c = engine.createClient();
  const got: Reply[] = [];
  c.deliver = (r) => got.push(r);
  const run = (...argv: string[]) => engine.execute(c, argv);
  return { clock, engine, run, got };
}

describe('serverCron', () => {
  it('expires keys, times out blocked clients and reaches save points in one run', () => {
    const storage = new MemorySnapshotStorage();
    const { clock, engine, run, got } = setup({ storage, config: { save: '1 1' } });
    run('SET', 'k', 'v', 'PX', '50');
    const b = engine.createClient();
    const late: Reply[] = [];
    b.deliver = (r) => late.push(r);
    engine.execute(b, ['BLPOP', 'q', '0.1']);
    clock.advance(1001);
    expect(serverCron(engine)).toEqual({ expired: 1, saved: true });
    expect(late).toEqual([{ t: 'array', v: null }]);
    expect(storage.load()).not.toBeNull();
    expect(got).toEqual([]);
    expect(serverCron(engine)).toEqual({ expired: 0, saved: false });
  });
});

describe('CronTimer', () => {
  it('runs serverCron every 1000/hz ms, and CONFIG SET hz changes the period from the next run', () => {
    const { clock, engine, run } = setup();
    const t = fakeTimers();
    const runs: CronRun[] = [];
    const cron = new CronTimer(engine, t.timers, { afterRun: (r) => runs.push(r), onError: rethrow });
    cron.start();
    expect(t.delays()).toEqual([100]);
    run('SET', 'k', 'v', 'PX', '10');
    clock.advance(11);
    run('CONFIG', 'SET', 'hz', '50');
    t.fire(100);
    expect(runs).toEqual([{ expired: 1, saved: false }]);
    expect(t.delays()).toEqual([20]);
    cron.stop();
    expect(t.delays()).toEqual([]);
  });

  it('answers a blocked client at its own deadline, re-timed when the clock jumps', () => {
    const { clock, engine } = setup();
    const t = fakeTimers();
    const cron = new CronTimer(engine, t.timers, { onError: rethrow });
    cron.start();
    const b = engine.createClient();
    const late: Reply[] = [];
    b.deliver = (r) => late.push(r);
    engine.execute(b, ['BLPOP', 'q', '0.25']);
    expect(t.delays()).toEqual([100, 251]);
    clock.advance(200); // fast-forwarded: 50 ms left
    cron.clockMoved();
    expect(t.delays()).toEqual([51, 100]);
    clock.advance(51);
    t.fire(51);
    expect(late).toEqual([{ t: 'array', v: null }]);
    expect(t.delays()).toEqual([100]);
    cron.stop();
  });

  it('tells errors to the host and keeps running', () => {
    const { engine } = setup();
    const t = fakeTimers();
    const errors: string[] = [];
    let runs = 0;
    const cron = new CronTimer(engine, t.timers, {
      afterRun: () => {
        runs++;
        throw new Error('after');
      },
      onError: (what, e) => errors.push(`${what}: ${(e as Error).message}`),
    });
    engine.activeExpireCycle = () => {
      throw new Error('boom');
    };
    cron.start();
    t.fire(100);
    expect(errors).toEqual(['server cron: boom', 'server cron: after']);
    expect(runs).toBe(1);
    expect(t.delays()).toEqual([100]);
    cron.stop();
  });

  it('without timers runs only when the host calls tick()', () => {
    const { clock, engine, run } = setup();
    const cron = new CronTimer(engine, undefined, { onError: rethrow });
    cron.start();
    run('SET', 'k', 'v', 'PX', '10');
    clock.advance(11);
    cron.tick();
    expect(engine.dbs[0]!.size).toBe(0);
    cron.stop();
  });
});
