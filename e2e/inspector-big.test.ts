// Big values in the inspector: a 2 MB string and a list of 100,000 elements are shown a page at
// a time, each page fetched from the worker when asked for, never drawn whole.

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const view = (page: Page) => page.locator('.value-view');
const run = (page: Page, argv: string[]) => page.evaluate((a) => window.redisPlayground!.run(a), argv);

test('a 2 MB string and a 100,000-element list are paged, a page fetched at a time', async ({ page }) => {
  // 2 MB of text: "0123456789" over and over, so any page can be checked by its offset.
  await page.evaluate(() => window.redisPlayground!.run(['SET', 'big', '0123456789'.repeat(209_716).slice(0, 2 << 20)]));
  for (let b = 0; b < 100; b++) await run(page, ['RPUSH', 'list', ...Array.from({ length: 1000 }, (_, i) => `item:${b * 1000 + i}`)]);

  await page.locator('#inspector .key-row', { hasText: 'list' }).click();
  await expect(view(page).locator('h3')).toHaveText('list');
  const rows = view(page).locator('tbody tr');
  await expect(rows).toHaveCount(100);
  await view(page).getByRole('button', { name: 'Show more (100 of 100000)' }).click();
  await expect(rows).toHaveCount(400);
  await view(page).getByRole('button', { name: 'Show more (400 of 100000)' }).click();
  // 1,000 at most: from there on, page by page.
  await expect(rows).toHaveCount(1000);
  const pages = view(page).getByRole('navigation', { name: 'Pages of the value' });
  await expect(pages).toContainText('0–999 of 100000');
  await expect(pages.getByRole('button', { name: '← Previous' })).toBeDisabled();
  for (let n = 0; n < 3; n++) await pages.getByRole('button', { name: 'Next →' }).click();
  await expect(pages).toContainText('3000–3999 of 100000');
  await expect(rows).toHaveCount(1000);
  expect(await rows.first().locator('td').allTextContents()).toEqual(['3000', 'item:3000']);
  expect(await rows.last().locator('td').allTextContents()).toEqual(['3999', 'item:3999']);
  await pages.getByRole('button', { name: '← Previous' }).click();
  await expect(pages).toContainText('2000–2999 of 100000');
  await page.screenshot({ path: 'test-results/inspector-big-list.png' });

  await page.locator('#inspector .key-row', { hasText: 'big' }).click();
  await expect(view(page).locator('h3')).toHaveText('big');
  const text = view(page).locator('.string-value');
  await expect(view(page)).toContainText('First 100 of 2097152 bytes.');
  expect(await text.textContent()).toBe('0123456789'.repeat(10));
  for (const shown of [100, 400, 1600, 6400, 25600])
    await view(page)
      .getByRole('button', { name: `Show more (${shown} of 2097152)` })
      .click();
  await expect(view(page)).toContainText('First 65536 of 2097152 bytes.');
  expect((await text.textContent())!.length).toBe(65536);
  await view(page).getByRole('navigation', { name: 'Pages of the value' }).getByRole('button', { name: 'Next →' }).click();
  await expect(view(page)).toContainText('65536–131071 of 2097152');
  // The page starts at byte 65,536: "6789012345…".
  await expect.poll(async () => (await text.textContent())!.slice(0, 12)).toBe('678901234567');
  await page.screenshot({ path: 'test-results/inspector-big-string.png' });
});
