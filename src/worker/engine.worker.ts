// The Web Worker entry: one EngineHost per worker, fed by the page's messages.
// DOM-free on purpose: `self` is given the two members used here.

import { EngineHost } from './engine-host.js';
import type { FromWorker, ToWorker } from './protocol.js';

declare const self: {
  postMessage(message: FromWorker): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
};

const host = new EngineHost((msg) => self.postMessage(msg), {
  timers: {
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  },
});
self.onmessage = (event) => host.handle(event.data);
host.start();
