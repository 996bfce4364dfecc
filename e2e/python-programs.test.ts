// The course's redis-py programs (test/python/) run unchanged in the page's Python and print
// exactly what CPython with the genuine redis-py prints against the real Redis 7.0 (a
// differential test: the expected output is computed here, never written down). Each program is
// pasted into a Python script of the workbench and run; its `from _connect import connect` finds
// the course's helper, defined before it as the module `_connect`. Their threads (job_queue.py's
// BLPOP workers, pubsub.py's run_in_thread) are green threads: Chromium can switch stacks
// (src/python/runtime/green_threads.py).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { cpython, runInPage, useRealRedis } from './python-support.js';
import { pageErrors } from './support.js';

const dir = join(import.meta.dirname, '..', 'test', 'python');
const programs = readdirSync(dir).filter((f) => f.endsWith('.py') && !f.startsWith('_'));
const connect = readFileSync(join(dir, '_connect.py'), 'utf8');

/** The program with the course's `_connect` helper as a module it can import. */
function inPage(program: string): string {
  return `import sys, types\n_connect = types.ModuleType("_connect")\nexec(${JSON.stringify(connect)}, _connect.__dict__)\nsys.modules["_connect"] = _connect\ndel sys, types, _connect\n${program}`;
}

test.describe('the course’s Python programs in the page', () => {
  const real = useRealRedis();

  test('print what CPython and redis-py print against the real Redis', async ({ page }) => {
    test.setTimeout(600_000);
    expect(programs.length).toBeGreaterThanOrEqual(17);
    await page.keyboard.press('Alt+4');
    await expect(page.locator('#workbench .wb-editor .monaco-editor')).toBeVisible();
    for (const program of programs) {
      const want = await cpython(join(dir, program), real.port());
      const got = await runInPage(page, inPage(readFileSync(join(dir, program), 'utf8')));
      expect(got, program).toBe(want);
    }
    expect(pageErrors(page)).toEqual([]);
  });
});
