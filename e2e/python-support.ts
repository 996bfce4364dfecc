// What the tests of the page's Python share: a program run in a new Python script of the
// workbench, the same program under CPython with the genuine redis-py, and the real Redis that
// CPython talks to (started once for a file's tests).

import type { Page } from '@playwright/test';
import { startRealRedis, type RealRedis } from '../test/diff/harness.js';
import { python } from '../test/python/cpython.js';
import { expect, test } from './fixtures.js';
import { pasteNewPython } from './support.js';

/** Runs a program in a new Python script of the workbench; resolves with what it printed. */
export async function runInPage(page: Page, source: string): Promise<string> {
  const wb = page.locator('#workbench');
  await pasteNewPython(page, source);
  await expect.poll(() => wb.locator('.wb-editor .view-lines').textContent()).not.toBe('');
  await wb.getByRole('button', { name: 'Run Python' }).click();
  await expect(wb.locator('.wb-results-head')).toContainText(/Finished\.|Ended with an exception\./, { timeout: 120_000 });
  return wb.locator('.wb-console pre:not(.wb-console-note)').evaluateAll((pres) => pres.map((p) => p.textContent).join(''));
}

/** The program file under CPython and Debian's redis-py, against the Redis on `port`. */
export function cpython(program: string, port: number): Promise<string> {
  return python([program], { REDIS_PORT: String(port) }, 60_000);
}

/** A real redis-server for the describe block's tests; its port once they run. */
export function useRealRedis(): { port(): number } {
  let real: RealRedis | undefined;
  test.beforeAll(async () => {
    real = await startRealRedis();
  });
  test.afterAll(async () => {
    await real?.stop();
  });
  return { port: () => real!.port };
}
