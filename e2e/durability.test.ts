// Nothing typed is lost (src/worker/journal.ts): every write reaches IndexedDB at the end of the
// task that made it, so a reload right after a write, or a worker killed in the middle of
// typing, finds every key; and a second tab of the site works on the same data
// through the first tab's engine (src/worker/tabs.ts), never beside it on a copy.

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

test('two tabs of the site share one engine: writes in both survive, and the second carries on when the first closes', async ({ page, baseURL }) => {
  await typeLine(page, 'SET shared 1');
  const second = await page.context().newPage();
  await loadSite(second, baseURL!);
  await focusTerminal(second);
  await typeLine(second, 'GET shared');
  expect(await last(second)).toEqual(['"1"', '127.0.0.1:6379>']);
  await typeLine(second, 'SET shared 2');
  expect(await last(second)).toEqual(['OK', '127.0.0.1:6379>']);
  // One engine: each tab sees the other's writes and connections at once.
  await focusTerminal(page);
  await typeLine(page, 'INCR shared');
  expect(await last(page)).toEqual(['(integer) 3', '127.0.0.1:6379>']);
  await typeLine(page, 'SET more 3');
  await focusTerminal(second);
  await typeLine(second, 'CLIENT LIST');
  expect((await screen(second)).filter((l) => l.includes(' cmd=')).length).toBeGreaterThanOrEqual(2);
  // The inspector says whose each connection is.
  await expect(page.getByRole('region', { name: 'Clients' }).getByRole('listitem').filter({ hasText: 'another tab of the site' })).not.toHaveCount(0);
  // The second tab's worker, killed, comes back as a relay to the same engine.
  await second.evaluate(() => window.redisPlayground!.crashWorker());
  await expect(second.getByRole('alert')).toContainText('The Redis engine stopped');
  await focusTerminal(second);
  await typeLine(second, 'INCR shared');
  expect(await last(second)).toEqual(['(integer) 4', '127.0.0.1:6379>']);
  await expect(page.getByRole('alert').filter({ hasText: 'another tab' })).toHaveCount(0);
  await expect(second.getByRole('alert').filter({ hasText: 'another tab' })).toHaveCount(0);
  // The first tab closes: the second runs the engine now, with everything written in either.
  await page.close();
  await expect(second.getByRole('alert').filter({ hasText: 'has closed: this tab runs it now' })).toBeVisible();
  await focusTerminal(second);
  await typeLine(second, 'MGET shared more');
  expect((await screen(second)).slice(-3)).toEqual(['1) "4"', '2) "3"', '127.0.0.1:6379>']);
  await typeLine(second, 'SET mine 5');
  expect(await last(second)).toEqual(['OK', '127.0.0.1:6379>']);
  await second.reload();
  await waitIdle(second);
  await focusTerminal(second);
  await typeLine(second, 'MGET shared more mine');
  expect((await screen(second)).slice(-4)).toEqual(['1) "4"', '2) "3"', '3) "5"', '127.0.0.1:6379>']);
});

test('a browser that refuses to store the data (no quota left) is said once, and the playground goes on', async ({ page, baseURL }) => {
  // Chromium's own knob for a site's storage quota: none left for anything more.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 1 });
  await typeLine(page, 'SET big hello');
  const banner = page.getByRole('alert').filter({ hasText: 'does not let the playground keep your data' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('QuotaExceededError');
  await focusTerminal(page);
  await typeLine(page, 'GET big');
  expect(await last(page)).toEqual(['"hello"', '127.0.0.1:6379>']);
  await typeLine(page, 'SET more 1');
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
  await focusTerminal(page);
  await typeLine(page, 'SET again 2');
  expect(await last(page)).toEqual(['OK', '127.0.0.1:6379>']);
  await expect(page.getByRole('alert').filter({ hasText: 'does not let the playground keep your data' })).toHaveCount(0);
});
