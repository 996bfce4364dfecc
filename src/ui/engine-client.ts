// The page's one connection to the engine: a Web Worker behind a WorkerClient. Every terminal
// tab is a connection (a handle) on it; the inspector reads snapshots and change events.

import { WorkerClient } from '../worker/client.js';

function startWorker(): Worker {
  return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'redis-engine' });
}

export const engine = new WorkerClient(startWorker);
void engine.ready.then(() => performance.mark('engine-ready'));
