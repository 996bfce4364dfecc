// Helpers for the differential tests of commands that block (BLPOP & co., XREAD and XREADGROUP
// with BLOCK): our engine gets real timers (BlockedTimeoutTimer) so that timeouts fire on time
// like the server's; a command can be started on both sides without waiting for its reply; and
// blocked(n) waits until both sides count n blocked clients (polled, not a set time).

import { afterEach, beforeEach, expect } from 'vitest';
import { BlockedTimeoutTimer } from '../../src/engine/blocking.js';
import type { Client } from '../../src/engine/client.js';
import { show, useDiff, type Pair } from './harness.js';

/** A command sent on both sides whose replies may not have come yet. */
export interface Pending {
  real: Promise<string>;
  ours: Promise<string>;
  /** Our engine's client that sent it. */
  client: Client;
  label: string;
}

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
    const count = async () => /blocked_clients:(\d+)/.exec(await d.pair.real.send(['INFO', 'clients']))?.[1];
    await expect.poll(count, { message: 'blocked clients in the real server' }).toBe(String(n));
    expect(d.engine.blocking.count, 'blocked clients in our engine').toBe(n);
  }

  /** Sends a command on both sides without waiting for its reply (it may block). */
  function start(p: Pair, argv: string[]): Pending {
    return { real: p.real.send(argv), ours: p.ours.send(argv), client: p.ours.client, label: argv.join(' ') };
  }

  /** The replies of a started command, compared. */
  async function finish(x: Pending): Promise<void> {
    const [real, ours] = await Promise.all([x.real, x.ours]);
    expect(show(ours), `reply to ${x.label}`).toBe(show(real));
  }

  /**
   * Whether a started command is still waiting, on our side: the engine answers within the
   * command that serves it, so a reply would already be settled, and the client still blocked.
   */
  async function stillWaiting(x: Pending): Promise<boolean> {
    const marker = Symbol('waiting');
    const r = await Promise.race([x.ours, Promise.resolve(marker)]);
    return r === marker && d.engine.blocking.stateOf(x.client) !== undefined;
  }

  return { d, blocked, start, finish, stillWaiting };
}
