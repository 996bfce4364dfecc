// A stored dataset the engine cannot load is never dropped without a word: the page says so,
// offers the bytes as dump.rdb, keeps them across reloads, and forgets them only when asked.
// The data downloads as dump.rdb, and a dump.rdb loads in its place.

import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dialog, Page } from '@playwright/test';
import { autosaved, focusTerminal, screen, typeLine, waitIdle } from './support.js';
import { expect, test } from './fixtures.js';
import { RespConnection, startRealRedis } from '../test/diff/harness.js';

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

test('the data downloads as a dump.rdb that redis-check-rdb accepts, a real Redis dump.rdb loads in its place after asking, and the download loads back', async ({
  page,
}) => {
  await typeLine(page, 'SET mine 1');
  const files = page.getByRole('region', { name: 'Your data as a file' });
  const download = page.waitForEvent('download');
  await files.getByRole('button', { name: 'Download dump.rdb' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('dump.rdb');
  const check = spawnSync('redis-check-rdb', [await file.path()], { encoding: 'latin1' });
  expect(check.stdout).toContain('RDB looks OK');
  // And as the commands that rebuild it, for redis-cli.
  const commands = page.waitForEvent('download');
  await files.getByRole('button', { name: 'Download as commands (.redis)' }).click();
  const redis = await commands;
  expect(redis.suggestedFilename()).toBe('dataset.redis');
  expect(await readFile(await redis.path(), 'latin1')).toBe('SELECT 0\nSET mine 1\n');

  // A dump.rdb written by redis-server 7.0.15 itself.
  const real = await startRealRedis();
  const c = await RespConnection.connect(real.port);
  await c.send(['RPUSH', 'queue', 'a', 'b']);
  await c.send(['HSET', 'user:1', 'name', 'Kim']);
  await c.send(['SAVE']);
  c.close();
  const rdb = await readFile(join(real.dir, 'dump.rdb'));
  await real.stop();

  const picker = files.locator('input[type=file]');
  // A file cut short is refused before anything is asked, and nothing changes.
  const asked: string[] = [];
  const ask = (d: Dialog) => void asked.push(d.message());
  page.on('dialog', ask);
  await picker.setInputFiles({ name: 'cut.rdb', mimeType: 'application/octet-stream', buffer: rdb.subarray(0, rdb.length - 20) });
  await expect(files).toContainText('cut.rdb was not loaded');
  await expect(files).toContainText('Nothing changed.');
  expect(asked).toEqual([]);
  page.off('dialog', ask);
  // Asked first: declining keeps the data.
  page.once('dialog', (d) => void d.dismiss());
  await picker.setInputFiles({ name: 'dump.rdb', mimeType: 'application/octet-stream', buffer: rdb });
  await focusTerminal(page);
  await typeLine(page, 'GET mine');
  expect((await screen(page)).at(-2)).toBe('"1"');
  page.once('dialog', (d) => {
    expect(d.message()).toContain('Replace the data here (1 key in all databases) with the 2 keys in dump.rdb?');
    void d.accept();
  });
  await picker.setInputFiles({ name: 'dump.rdb', mimeType: 'application/octet-stream', buffer: rdb });
  await expect(files).toContainText('Loaded 2 keys from dump.rdb.');
  await focusTerminal(page);
  await typeLine(page, 'LRANGE queue 0 -1');
  expect((await screen(page)).slice(-3)).toEqual(['1) "a"', '2) "b"', '127.0.0.1:6379>']);
  await typeLine(page, 'EXISTS mine');
  expect((await screen(page)).at(-2)).toBe('(integer) 0');
  // Kept across a reload at once.
  await page.reload();
  await waitIdle(page);
  await focusTerminal(page);
  await typeLine(page, 'HGET user:1 name');
  expect((await screen(page)).at(-2)).toBe('"Kim"');

  // The dump.rdb downloaded at the start loads back in its place.
  page.once('dialog', (d) => void d.accept());
  await page
    .getByRole('region', { name: 'Your data as a file' })
    .locator('input[type=file]')
    .setInputFiles({ name: 'dump.rdb', mimeType: 'application/octet-stream', buffer: await readFile(await file.path()) });
  await expect(page.getByRole('region', { name: 'Your data as a file' })).toContainText('Loaded 1 key from dump.rdb.');
  await focusTerminal(page);
  await typeLine(page, 'MGET mine queue');
  expect((await screen(page)).slice(-3)).toEqual(['1) "1"', '2) (nil)', '127.0.0.1:6379>']);
});
