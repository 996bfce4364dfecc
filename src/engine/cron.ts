// The engine's periodic work, written once for every host (the TCP server, the worker): Redis's
// serverCron (the active expiry cycle, the blocked clients' timeouts, the `save` points) run hz
// times a second, and blocked clients answered at their own deadline in between. The engine
// owns no timers: a host hands CronTimer its setTimeout and clearTimeout (and keeps what is its
// own: how errors are told, what else it does after a run, like the worker's autosave).

import { BlockedTimeoutTimer, type TimeoutTimers } from './blocking.js';
import type { Engine } from './engine.js';
import { clientInfoLine, clientMemoryUsage } from './commands/connection.js';
import { clientsCronOutput, resizeReplyBuffer } from './output-buffer.js';
import { saveIfDue } from './persistence.js';

/** What one serverCron run did, for the host to report. */
export interface CronRun {
  /** Keys the active expiry cycle deleted. */
  expired: number;
  /** A `save` point was reached and a background save ran (engine.lastBgsaveOk says how it went). */
  saved: boolean;
}

/**
 * One run of serverCron's work that concerns the engine: databasesCron's active expiry cycle,
 * the timeouts of blocked clients (also answered by CronTimer's own timer; this catches
 * deadlines a fast-forwarded clock passed), clientsCron's output buffer peaks and limits, and
 * the `save` points when the engine has storage.
 */
export function serverCron(engine: Engine): CronRun {
  // While a script runs Redis runs only whileBlockedCron (defrag): nothing of this.
  if (engine.scriptRun !== null) return { expired: 0, saved: false };
  // DEBUG PAUSE-CRON skips all of serverCron; DEBUG SET-ACTIVE-EXPIRE 0 only the expiry cycle
  // (databasesCron's check): keys then go only when something touches them.
  const debug = engine.debugSettings;
  if (debug.pauseCron) return { expired: 0, saved: false };
  const expired = debug.activeExpire ? engine.activeExpireCycle() : 0;
  engine.handleBlockedTimeouts();
  engine.replication?.cron();
  engine.masterLink?.cron();
  clientsCronOutput(engine, (c) => clientInfoLine(engine, c, null));
  // updateClientMemoryUsage: Redis tracks clients' memory here, not at INFO time (a new
  // connection counts from the first run after it).
  const now = engine.clock.now();
  for (const c of engine.clients.values()) {
    resizeReplyBuffer(engine, c, now);
    c.lastMemoryUsage = clientMemoryUsage(engine, c);
  }
  // Tracking's table back under tracking-table-max-keys, even with no command coming.
  engine.tracker?.limitUsedSlots();
  // evictionTimeProc: a round of evictions that ran out of time goes on; so does one a lower
  // CONFIG SET maxmemory asks for (updateMaxmemory starts it), without waiting for a command.
  const evictor = engine.evictor;
  if (evictor !== null && (engine.config.maxmemory !== 0 || evictor.accounting)) evictor.cronRun(25);
  const saved = saveIfDue(engine);
  engine.aof?.cron();
  // migrateCloseTimedoutSockets: MIGRATE's connections unused for over 10 seconds close.
  engine.migrateLinks?.closeIdle(Math.floor(now / 1000));
  return { expired, saved };
}

/** serverCron's period for the engine's `hz` (CONFIG SET hz takes effect at the next run). */
export function cronPeriodMs(engine: Engine): number {
  return Math.max(1, Math.round(1000 / engine.config.hz));
}

export interface CronHooks {
  /** After each run (also after one that failed: `expired` 0, `saved` false). */
  afterRun?: (run: CronRun) => void;
  /** A run, or a blocked timeout, threw: `what` names which. The timers keep going. */
  onError: (what: 'server cron' | 'blocked timeouts', e: unknown) => void;
}

/**
 * Drives serverCron and the blocked clients' timeouts with a host's timers. Without timers
 * nothing runs by itself: the host (a test) calls tick().
 */
export class CronTimer {
  private handle: unknown = undefined;
  private running = false;
  private readonly blocked: BlockedTimeoutTimer | null;

  constructor(
    private readonly engine: Engine,
    private readonly timers: TimeoutTimers | undefined,
    private readonly hooks: CronHooks,
  ) {
    const t = timers;
    this.blocked =
      t === undefined
        ? null
        : new BlockedTimeoutTimer(engine, {
            setTimeout: (fn, ms) =>
              t.setTimeout(() => {
                try {
                  fn();
                } catch (e) {
                  hooks.onError('blocked timeouts', e);
                }
              }, ms),
            clearTimeout: (h) => t.clearTimeout(h),
          });
  }

  start(): void {
    if (this.running || this.timers === undefined) return;
    this.running = true;
    this.blocked?.start();
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.blocked?.stop();
    if (this.handle !== undefined) this.timers?.clearTimeout(this.handle);
    this.handle = undefined;
  }

  /** The engine's clock jumped (paused, fast-forwarded): the next deadline is re-timed. */
  clockMoved(): void {
    this.blocked?.clockMoved();
  }

  /** One serverCron run and the host's afterRun; errors go to onError. */
  tick(): void {
    let run: CronRun = { expired: 0, saved: false };
    try {
      run = serverCron(this.engine);
    } catch (e) {
      this.hooks.onError('server cron', e);
    }
    try {
      this.hooks.afterRun?.(run);
    } catch (e) {
      this.hooks.onError('server cron', e);
    }
  }

  private schedule(): void {
    this.handle = this.timers!.setTimeout(() => {
      this.handle = undefined;
      this.tick();
      if (this.running) this.schedule();
    }, cronPeriodMs(this.engine));
  }
}
