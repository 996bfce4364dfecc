// A stored dataset the engine cannot load is never dropped without a word: the page says so,
// offers the bytes as dump.rdb, keeps them across reloads, and forgets them only when asked.

import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { autosaved, focusTerminal, screen, typeLine, waitIdle } from './support.js';
import { expect, test } from './fixtures.js';

/** Puts bytes where the worker keeps its autosave (src/worker/saved-state.ts). */
function storeDataset(page: Page, bytes: number[]): Promise<void> {
  return page.evaluate(
    (data) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('redis-playground');
        open.onerror = () => reject(new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const tx = open.result.transaction('snapshots', 'readwrite');
          tx.objectStore('snapshots').put({ snapshot: new Uint8Array(data), ahead: 0, pausedAt: null }, 'dataset');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(new Error('write failed'));
        };
      }),
    bytes,
  );
}

test('an autosave that cannot be loaded is kept, offered as a download, and discarded only on request', async ({ page }) => {
  // A snapshot cut short: the RDB header and then nothing a loader can read.
  const broken = [...Buffer.from('REDIS0010\xfa\x09redis-ver', 'latin1')];
  await typeLine(page, 'SET before 1');
  await expect.poll(async () => (await autosaved(page, 'before'))?.holds ?? false).toBe(true);
  await storeDataset(page, broken);
  await page.reload();
  await waitIdle(page);

  const banner = page.getByRole('alert').filter({ hasText: 'Your saved data could not be loaded' });
  await expect(banner).toBeVisible();
  await focusTerminal(page);
  await typeLine(page, 'DBSIZE');
  expect((await screen(page)).at(-2)).toBe('(integer) 0');

  // New work is autosaved beside the kept copy, not over it.
  await typeLine(page, 'SET after 2');
  await expect.poll(async () => (await autosaved(page, 'after'))?.holds ?? false).toBe(true);
  const download = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Download it (dump.rdb)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('dump.rdb');
  expect([...(await readFile(await file.path()))]).toEqual(broken);

  // Still offered after a reload, with the new work loaded.
  await page.reload();
  await waitIdle(page);
  await expect(banner).toBeVisible();
  await focusTerminal(page);
  await typeLine(page, 'GET after');
  expect((await screen(page)).at(-2)).toBe('"2"');

  await banner.getByRole('button', { name: 'Discard it' }).click();
  await expect(banner).toHaveCount(0);
  await page.reload();
  await waitIdle(page);
  await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toHaveCount(0);
});
