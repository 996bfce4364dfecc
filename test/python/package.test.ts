// The playground's own `redis` package for Python (src/python/redis, what the browser's Pyodide
// imports) must print what the genuine redis-py prints: every course example here, and
// package/conversions.py, which shows each reply conversion and error with repr(). The genuine
// redis-py (Debian's python3-redis) runs against the real Redis 7.0; our package runs under the
// same CPython against our server (npm run serve's engine), over the TCP transport it has for
// exactly this comparison.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { luaScripting } from '../../src/engine/scripting/scripting.js';
import { startServer } from '../../src/server/server.js';
import { startRealRedis, type RealRedis } from '../diff/harness.js';

const here = import.meta.dirname;
const ourPackage = join(here, '../../src/python');
const programs = [
  ...readdirSync(here)
    .filter((f) => f.endsWith('.py') && !f.startsWith('_'))
    .map((f) => join(here, f)),
  ...readdirSync(join(here, 'package'))
    .filter((f) => f.endsWith('.py'))
    .map((f) => join(here, 'package', f)),
];

function run(program: string, port: number, ours: boolean): Promise<string> {
  // PYTHONPATH comes before site-packages: `import redis` finds our package, not Debian's.
  const env = { ...process.env, REDIS_PORT: String(port), ...(ours ? { PYTHONPATH: ourPackage } : {}) };
  const check = ours ? '' : ' (genuine redis-py)';
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/python3', [program], { env, timeout: 30_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${program}${check} on port ${port}: ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe('our redis package prints what redis-py prints', () => {
  let real: RealRedis;
  let server: { port: number; close(): Promise<void> | void };

  beforeAll(async () => {
    real = await startRealRedis(['--dir', mkdtempSync(join(tmpdir(), 'redis-real-'))]);
    server = await startServer({ engine: new Engine({ scripting: luaScripting }), port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await real?.stop();
    await server?.close();
  });

  it('is the package Python imports', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile('/usr/bin/python3', ['-c', 'import redis; print(redis.__version__)'], { env: { ...process.env, PYTHONPATH: ourPackage } }, (err, stdout) =>
        err ? reject(new Error(err.message)) : resolve(stdout),
      ),
    );
    expect(out.trim()).toBe('4.3.4+playground');
  });

  it.each(programs.map((p) => [p.slice(here.length + 1), p]))('%s', async (_name, program) => {
    const [want, got] = await Promise.all([run(program, real.port, false), run(program, server.port, true)]);
    expect(want.length).toBeGreaterThan(0);
    expect(got).toBe(want);
  });
});
