// What INFO reports that the engine does not keep itself (run ids, the memory peak), and the
// commands with statistics, which CONFIG RESETSTAT and LATENCY use too (info.ts is late).

import type { Engine } from './engine.js';

export interface EngineExtras {
  runId: string;
  replId: string;
  peakMemory: number;
}

const extras = new WeakMap<Engine, EngineExtras>();

function hexId(engine: Engine): string {
  let s = '';
  for (let i = 0; i < 40; i++) s += Math.floor(engine.random() * 16).toString(16);
  return s;
}

export function extrasOf(engine: Engine): EngineExtras {
  let x = extras.get(engine);
  if (x === undefined) {
    x = { runId: hexId(engine), replId: hexId(engine), peakMemory: 0 };
    extras.set(engine, x);
  }
  return x;
}

/** changeReplicationId (DEBUG CHANGE-REPL-ID): a new random master_replid. */
export function changeReplicationId(engine: Engine): void {
  extrasOf(engine).replId = hexId(engine);
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
