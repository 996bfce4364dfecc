// The course documents' redis-py examples (rewritten as scripts in this folder) must print the
// same against our server as against the real Redis 7.0.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, useServers } from './servers.js';

const here = import.meta.dirname;
const scripts = readdirSync(here).filter((f) => f.endsWith('.py') && !f.startsWith('_'));

function runScript(script: string, port: number): Promise<string> {
  return python([join(here, script)], { REDIS_PORT: String(port) });
}

describe('course examples with redis-py', () => {
  const servers = useServers();

  it('has example scripts to run', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(10);
  });

  it.each(scripts)('%s prints the same as against real Redis', async (script) => {
    const [want, got] = await Promise.all([runScript(script, servers.realPort()), runScript(script, servers.ourPort())]);
    expect(want.length).toBeGreaterThan(0);
    expect(got).toBe(want);
  });
});
