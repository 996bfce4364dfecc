// The playground's own `redis` package for Python (src/python/redis, what the browser's Pyodide
// imports) must print what the genuine redis-py prints: every course example here, and
// package/conversions.py, which shows each reply conversion and error with repr(). The genuine
// redis-py (Debian's python3-redis) runs against the real Redis 7.0; our package runs under the
// same CPython against our server (npm run serve's engine), over the TCP transport it has for
// exactly this comparison.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUR_PACKAGE, python, useServers } from './servers.js';

const here = import.meta.dirname;
const programs = [
  ...readdirSync(here)
    .filter((f) => f.endsWith('.py') && !f.startsWith('_'))
    .map((f) => join(here, f)),
  ...readdirSync(join(here, 'package'))
    .filter((f) => f.endsWith('.py'))
    .map((f) => join(here, 'package', f)),
];

/** The program under CPython: genuine redis-py, or (PYTHONPATH first) our package. */
function run(program: string, port: number, ours: boolean): Promise<string> {
  return python([program], { REDIS_PORT: String(port), ...(ours ? { PYTHONPATH: OUR_PACKAGE } : {}) });
}

describe('our redis package prints what redis-py prints', () => {
  const servers = useServers();

  it('is the package Python imports', async () => {
    const out = await python(['-c', 'import redis; print(redis.__version__)'], { PYTHONPATH: OUR_PACKAGE });
    expect(out.trim()).toBe('4.3.4+playground');
  });

  it.each(programs.map((p) => [p.slice(here.length + 1), p]))('%s', async (_name, program) => {
    const [want, got] = await Promise.all([run(program, servers.realPort(), false), run(program, servers.ourPort(), true)]);
    expect(want.length).toBeGreaterThan(0);
    expect(got).toBe(want);
  });
});
