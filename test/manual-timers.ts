// Timers for the engine's and the worker's tests, run by hand: nothing waits on real time, and a
// test fires exactly the timer it means to.

import type { TimeoutTimers } from '../src/engine/blocking.js';

export interface ArmedTimer {
  fn: () => void;
  ms: number;
  id: number;
}

/** `timers` to hand to the code under test; `armed`, the ones set and not yet cleared, in order. */
export function manualTimers(): { timers: TimeoutTimers; armed: ArmedTimer[] } {
  const armed: ArmedTimer[] = [];
  let nextId = 1;
  const timers: TimeoutTimers = {
    setTimeout: (fn, ms) => {
      const id = nextId++;
      armed.push({ fn, ms, id });
      return id;
    },
    clearTimeout: (h) => {
      const i = armed.findIndex((t) => t.id === h);
      if (i >= 0) armed.splice(i, 1);
    },
  };
  return { timers, armed };
}
