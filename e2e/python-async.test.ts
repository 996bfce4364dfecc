// asyncio in the page's Python: Pyodide's own loop cannot run asyncio.run(main()) to its end, so
// the worker gives Python one on a loop that blocks (src/python/runtime/asyncio_run.py). A short
// program with timers and gather prints in order; test/python/package/asyncio_basics.py
// (redis.asyncio: pipelines, WATCH, pub/sub with a publishing task) prints exactly what CPython
// and the genuine redis-py print against the real Redis 7.0; Stop ends an asyncio.sleep; a TTL
// example with time.sleep under a paused engine clock and a running one.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { cpython, runInPage, useRealRedis } from './python-support.js';
import { pageErrors, pasteNewPython } from './support.js';

const basics = join(import.meta.dirname, '..', 'test', 'python', 'package', 'asyncio_basics.py');

const SHORT = `import asyncio
import redis.asyncio as aioredis

async def worker(r, name, delay):
    await asyncio.sleep(delay)
    await r.rpush("order", name)

async def main():
    r = aioredis.Redis(host="localhost", port=6379, db=0, decode_responses=True)
    await r.delete("order", "user:1")
    await r.hset("user:1", mapping={"name": "Ada", "visits": "1"})
    print(await r.hgetall("user:1"))
    await asyncio.gather(worker(r, "slow", 0.3), worker(r, "fast", 0.05))
    print(await r.lrange("order", 0, -1))
    await r.aclose()
    return "main done"

print(asyncio.run(main()))
print(asyncio.run(main()) == "main done")
`;

test.describe('asyncio in the page’s Python', () => {
  const real = useRealRedis();

  test('asyncio.run(main()) runs to its end: timers, gather, redis.asyncio, Stop; time.sleep and the paused clock', async ({ page }) => {
    test.setTimeout(300_000);
    await page.keyboard.press('Alt+4');
    await expect(page.locator('#workbench .wb-editor .monaco-editor')).toBeVisible();

    const printed = await runInPage(page, SHORT);
    expect(printed).toBe("{'name': 'Ada', 'visits': '1'}\n['fast', 'slow']\nmain done\n{'name': 'Ada', 'visits': '1'}\n['fast', 'slow']\nTrue\n");
    await expect(page.locator('#workbench .wb-results-head')).toContainText('Finished.');

    const want = await cpython(basics, real.port());
    expect(await runInPage(page, readFileSync(basics, 'utf8'))).toBe(want);

    // Stop during an asyncio.sleep: KeyboardInterrupt, the finally block run on the way out.
    const wb = page.locator('#workbench');
    await pasteNewPython(
      page,
      'import asyncio\n\nasync def main():\n    try:\n        print("sleeping")\n        await asyncio.sleep(600)\n    finally:\n        print("cleaned up")\n\nasyncio.run(main())\n',
    );
    await wb.getByRole('button', { name: 'Run Python' }).click();
    await expect(wb.locator('.wb-console')).toContainText('sleeping');
    await wb.getByRole('button', { name: 'Stop' }).click();
    await expect(wb.locator('.wb-console')).toContainText('KeyboardInterrupt');
    await expect(wb.locator('.wb-console')).toContainText('cleaned up');
    await expect(wb.locator('.wb-results-head')).toContainText('Ended with an exception.');

    // time.sleep waits real time; with the engine's clock paused the key's TTL stands still (and
    // the console says why); with the clock running the key is gone after the sleep.
    const ttl = 'import time\nimport redis\nr = redis.Redis(decode_responses=True)\nr.set("short", "lived", px=300)\ntime.sleep(0.6)\nprint(r.get("short"))\n';
    const clock = page.locator('#inspector .clock');
    await clock.getByRole('button', { name: 'Pause time' }).click();
    await expect(page.locator('.clock-banner')).toBeVisible();
    expect(await runInPage(page, ttl)).toBe('lived\n');
    await expect(wb.locator('.wb-console-note', { hasText: 'The engine’s clock is paused' })).toHaveCount(1);
    // Resumed (behind real time by the pause, which the banner goes on saying): running again.
    await clock.getByRole('button', { name: 'Resume time' }).click();
    await expect(clock.getByRole('button', { name: 'Pause time' })).toBeVisible();
    expect(await runInPage(page, ttl)).toBe('None\n');
    await expect(wb.locator('.wb-console-note', { hasText: 'The engine’s clock is paused' })).toHaveCount(0);
    expect(pageErrors(page)).toEqual([]);
  });
});
