// Nothing typed is lost (src/worker/journal.ts): every write reaches IndexedDB at the end of the
// task that made it, so a reload right after a write, or a worker killed in the middle of
// typing, finds every key; and a second tab of the site never writes over the first's data.

import type { Page } from '@playwright/test';
import { focusTerminal, loadSite, screen, typeLine, waitIdle } from './support.js';
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
  // The new worker owns the data as the old one did: writes go on.
  await typeLine(page, 'INCR counter');
  expect(await last(page)).toEqual(['(integer) 21', '127.0.0.1:6379>']);
  await expect(page.getByRole('alert').filter({ hasText: 'another tab' })).toHaveCount(0);
});

test('a second tab of the site shows a read-only copy, says so, and takes over once the first has closed', async ({ page, baseURL }) => {
  await typeLine(page, 'SET shared 1');
  const second = await page.context().newPage();
  await loadSite(second, baseURL!);
  const banner = second.getByRole('alert').filter({ hasText: 'also open in another tab' });
  await expect(banner).toBeVisible();
  await focusTerminal(second);
  await typeLine(second, 'GET shared');
  expect(await last(second)).toEqual(['"1"', '127.0.0.1:6379>']);
  await typeLine(second, 'SET shared 2');
  expect(await last(second)).toEqual(["(error) READONLY You can't write against a read only replica.", '127.0.0.1:6379>']);
  // The first tab goes on writing, and owns what is stored.
  await focusTerminal(page);
  await typeLine(page, 'SET more 3');
  await expect(page.getByRole('alert').filter({ hasText: 'also open in another tab' })).toHaveCount(0);
  await page.close();
  await expect(second.getByRole('alert').filter({ hasText: 'The other tab has closed' })).toBeVisible();
  await second.getByRole('button', { name: 'Reload' }).click();
  await waitIdle(second);
  await expect(second.getByRole('alert').filter({ hasText: 'another tab' })).toHaveCount(0);
  await focusTerminal(second);
  await typeLine(second, 'MGET shared more');
  expect((await screen(second)).slice(-3)).toEqual(['1) "1"', '2) "3"', '127.0.0.1:6379>']);
  await typeLine(second, 'SET mine 4');
  expect(await last(second)).toEqual(['OK', '127.0.0.1:6379>']);
});
