// Helpers for the differential tests of commands that block (BLPOP & co., XREAD and XREADGROUP
// with BLOCK): our engine gets real timers (BlockedTimeoutTimer) so that timeouts fire on time
// like the server's; a command can be started on both sides without waiting for its reply; and
// blocked(n) waits until both sides count n blocked clients.

import { afterEach, beforeEach, expect } from 'vitest';
import { BlockedTimeoutTimer } from '../../src/engine/blocking.js';
import { show, useDiff, type Pair } from './harness.js';

/** A command sent on both sides whose replies may not have come yet. */
export interface Pending {
  real: Promise<string>;
  ours: Promise<string>;
  label: string;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** useDiff() plus the blocking helpers; call it inside a describe, as useDiff. */
export function useBlockingDiff() {
  const d = useDiff();
  let timer: BlockedTimeoutTimer;

  beforeEach(() => {
    timer = new BlockedTimeoutTimer(d.engine, {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    });
    timer.start();
  });
  afterEach(() => timer.stop());

  /** Waits until the real server counts `n` blocked clients (and checks ours does too). */
  async function blocked(n: number): Promise<void> {
    for (let i = 0; i < 400; i++) {
      const info = await d.pair.real.send(['INFO', 'clients']);
      const m = /blocked_clients:(\d+)/.exec(info);
      if (m !== null && Number(m[1]) === n) {
        expect(d.engine.blocking.count, 'blocked clients in our engine').toBe(n);
        return;
      }
      await sleep(5);
    }
    throw new Error(`the real server never had ${n} blocked clients`);
  }

  /** Sends a command on both sides without waiting for its reply (it may block). */
  function start(p: Pair, argv: string[]): Pending {
    return { real: p.real.send(argv), ours: p.ours.send(argv), label: argv.join(' ') };
  }

  /** The replies of a started command, compared. */
  async function finish(x: Pending): Promise<void> {
    const [real, ours] = await Promise.all([x.real, x.ours]);
    expect(show(ours), `reply to ${x.label}`).toBe(show(real));
  }

  /** Whether a started command is still waiting, on our side. */
  async function stillWaiting(x: Pending): Promise<boolean> {
    const marker = Symbol('waiting');
    const r = await Promise.race([x.ours, sleep(20).then(() => marker)]);
    return r === marker;
  }

  return { d, blocked, start, finish, stillWaiting };
}
