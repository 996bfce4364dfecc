// The course documents' redis-py examples (rewritten as scripts in this folder) must print the
// same against our server as against the real Redis 7.0.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { startServer } from '../../src/server/server.js';
import { startRealRedis, type RealRedis } from '../diff/harness.js';
import { luaScripting } from '../../src/engine/scripting/scripting.js';

const here = import.meta.dirname;
const scripts = readdirSync(here).filter((f) => f.endsWith('.py') && !f.startsWith('_'));

function runScript(script: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/python3', [join(here, script)], { env: { ...process.env, REDIS_PORT: String(port) }, timeout: 30_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${script} on port ${port}: ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe('course examples with redis-py', () => {
  let real: RealRedis;
  let ours: { port: number; close(): Promise<void> | void };

  beforeAll(async () => {
    real = await startRealRedis(['--dir', mkdtempSync(join(tmpdir(), 'redis-real-'))]);
    ours = await startServer({ engine: new Engine({ scripting: luaScripting }), port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await real?.stop();
    await ours?.close();
  });

  it('has example scripts to run', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(10);
  });

  it.each(scripts)('%s prints the same as against real Redis', async (script) => {
    const [want, got] = await Promise.all([runScript(script, real.port), runScript(script, ours.port)]);
    expect(want.length).toBeGreaterThan(0);
    expect(got).toBe(want);
  });
});
