// Nothing typed is lost (src/worker/journal.ts): every write reaches IndexedDB at the end of the
// task that made it, so a reload right after a write, or a worker killed in the middle of
// typing, finds every key; and the snapshot that compacts the journal waits for it to grow.

import type { Page } from '@playwright/test';
import { focusTerminal, screen, typeLine, waitIdle } from './support.js';
import { expect, test } from './fixtures.js';

const last = async (page: Page) => (await screen(page)).slice(-2);

test('a reload right after a write finds it: no autosave is waited for', async ({ page }) => {
  await typeLine(page, 'SET first 1');
  await typeLine(page, 'SELECT 3');
  await typeLine(page, 'RPUSH queue a b c');
  await typeLine(page, 'SET ttl x EX 500');
  expect(await last(page)).toEqual(['OK', '127.0.0.1:6379[3]>']);
  await page.reload();
  await waitIdle(page);
  await focusTerminal(page);
  await typeLine(page, 'GET first');
  expect(await last(page)).toEqual(['"1"', '127.0.0.1:6379>']);
  await typeLine(page, 'SELECT 3');
  await typeLine(page, 'LRANGE queue 0 -1');
  expect((await screen(page)).slice(-4)).toEqual(['1) "a"', '2) "b"', '3) "c"', '127.0.0.1:6379[3]>']);
  await typeLine(page, 'TTL ttl');
  expect((await last(page))[0]).toMatch(/^\(integer\) 49\d$/);
});

test('a worker killed in the middle of typing loses nothing that was answered', async ({ page }) => {
  for (let i = 0; i < 20; i++) await typeLine(page, `INCR counter`);
  await typeLine(page, 'HSET user:1 name Kim');
  await page.evaluate(() => window.redisPlayground!.crashWorker());
  await expect(page.getByRole('alert')).toContainText('The Redis engine stopped');
  await focusTerminal(page);
  await typeLine(page, 'GET counter');
  expect(await last(page)).toEqual(['"20"', '127.0.0.1:6379>']);
  await typeLine(page, 'HGET user:1 name');
  expect(await last(page)).toEqual(['"Kim"', '127.0.0.1:6379>']);
});
