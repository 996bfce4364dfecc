// What INFO reports that the engine does not keep itself (run ids, the memory peak), and the
// commands with statistics, which CONFIG RESETSTAT and LATENCY use too (info.ts is late).

import type { Engine } from './engine.js';

export interface EngineExtras {
  runId: string;
  /** master_replid; replId2 and secondReplOffset: the history it continues, valid up to that offset (PSYNC2). */
  replId: string;
  replId2: string;
  secondReplOffset: number;
  peakMemory: number;
}

/** A replication ID that is none (master_replid2 before any failover). */
export const NO_REPLID = '0000000000000000000000000000000000000000';

const extras = new WeakMap<Engine, EngineExtras>();

function hexId(engine: Engine): string {
  let s = '';
  for (let i = 0; i < 40; i++) s += Math.floor(engine.random() * 16).toString(16);
  return s;
}

export function extrasOf(engine: Engine): EngineExtras {
  let x = extras.get(engine);
  if (x === undefined) {
    x = { runId: hexId(engine), replId: hexId(engine), replId2: NO_REPLID, secondReplOffset: -1, peakMemory: 0 };
    extras.set(engine, x);
  }
  return x;
}

/** changeReplicationId and clearReplicationId2: a new history, continuing none. */
export function newReplicationHistory(engine: Engine): void {
  const x = extrasOf(engine);
  x.replId = hexId(engine);
  x.replId2 = NO_REPLID;
  x.secondReplOffset = -1;
}

/**
 * The history now goes on as `replId` (a new random one by default): the one it had is valid as
 * the second ID up to `offset`, the last byte both share (shiftReplicationId, and a replica that
 * hears +CONTINUE with its master's new ID).
 */
export function shiftReplicationId(engine: Engine, offset: number, replId = hexId(engine)): void {
  const x = extrasOf(engine);
  x.replId2 = x.replId;
  x.secondReplOffset = offset + 1;
  x.replId = replId;
}

/** Commands and subcommands in table order, with their statistics. */
export function* commandsWithStats(engine: Engine) {
  for (const cmd of engine.commands.values()) {
    const st = engine.stats.commands.get(cmd.fullName);
    if (st) yield { cmd, st };
    if (cmd.subs) {
      for (const sub of cmd.subs.values()) {
        const s2 = engine.stats.commands.get(sub.fullName);
        if (s2) yield { cmd: sub, st: s2 };
      }
    }
  }
}
