// The Web Worker entry: one EngineHost per worker, fed by the page's messages. The dataset is
// restored from the last autosave (IndexedDB) before `ready`, so a reload or a crashed worker
// finds the keys it had.

import { AdjustableClock } from '../engine/clock.js';
import { loadSnapshot } from '../engine/persistence.js';
import { EngineHost } from './engine-host.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { indexedDbState } from './saved-state.js';

declare const self: {
  postMessage(message: FromWorker): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
};

const saved = indexedDbState();
// Real time that the inspector can pause and fast-forward (TTL lessons need no waiting).
const clock = new AdjustableClock();
const host = new EngineHost((msg) => self.postMessage(msg), {
  engine: { clock },
  clock,
  timers: {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
  autosave: (snapshot) => saved.save({ snapshot, ahead: clock.ahead, pausedAt: clock.paused ? clock.now() : null }),
  autosaveTime: () => performance.now(),
  // Change events go to the page at most every 15 ms, not after every command: a paste or a
  // client writing thousands of keys a second would otherwise send the page a message each.
  schedule: (fn) => setTimeout(fn, 15),
});

// Messages that come while the snapshot loads wait for it.
const early: ToWorker[] = [];
self.onmessage = (event) => early.push(event.data);

void saved.load().then((state) => {
  if (state !== null) {
    // The clock comes back first (fast-forwarded, held back, or paused), so TTLs keep the time
    // left they had.
    clock.restore(state);
    try {
      loadSnapshot(host.engine, state.snapshot);
    } catch {
      // A snapshot this engine cannot read: start empty rather than not at all.
    }
  }
  self.onmessage = (event) => host.handle(event.data);
  host.start();
  for (const msg of early.splice(0)) host.handle(msg);
});
