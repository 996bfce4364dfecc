// What the Python tests share: the real redis-server and our server over TCP, started once for
// a file's tests, and CPython run on a program (./cpython.ts: genuine redis-py from Debian's
// python3-redis, or our package first on PYTHONPATH).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { late } from '../../src/engine/late.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { startRealRedis, type RealRedis } from '../diff/harness.js';

export { python } from './cpython.js';

/** Where our `redis` package is (src/python/redis): PYTHONPATH for "ours" runs. */
export const OUR_PACKAGE = join(import.meta.dirname, '../../src/python');

/** Starts both servers before a file's tests and stops them after; read the ports in tests. */
export function useServers(): { realPort(): number; ourPort(): number } {
  let real: RealRedis | undefined;
  let ours: RunningServer | undefined;
  beforeAll(async () => {
    real = await startRealRedis(['--dir', mkdtempSync(join(tmpdir(), 'redis-real-'))]);
    ours = await startServer({ engine: new Engine({ late }), port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await real?.stop();
    await ours?.close();
  });
  return { realPort: () => real!.port, ourPort: () => ours!.port };
}
