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

export function hexId(engine: Engine): string {
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
