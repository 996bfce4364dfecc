// For the workbench's tests: the real engine behind a MessageChannel, reached through the
// WorkerClient as the page reaches its worker (the clock virtual, so nothing waits on time).

import { VirtualClock } from '../src/engine/clock.js';
import { WorkerClient } from '../src/worker/client.js';
import { EngineHost } from '../src/worker/engine-host.js';
import type { ToWorker } from '../src/worker/protocol.js';
import { late } from '../src/engine/late.js';

export async function engineRig(): Promise<{ engine: WorkerClient; close(): void }> {
  const clock = new VirtualClock();
  const ch = new MessageChannel();
  const engine = new WorkerClient(() => {
    const host = new EngineHost((m) => ch.port2.postMessage(m), { engine: { clock, late } });
    ch.port2.onmessage = (e) => host.handle(e.data as ToWorker);
    host.start();
    return ch.port1;
  });
  await engine.ready;
  return {
    engine,
    close() {
      ch.port1.close();
      ch.port2.close();
    },
  };
}
