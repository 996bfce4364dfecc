// The inspector's memory line: the used memory against maxmemory, the eviction policy and the
// keys evicted (INFO memory, INFO stats), with a flash of the keys evicted just now; and the
// selected key's MEMORY USAGE. Screenshots taken while keys are evicted go to
// test-results/memory-*.png for a person to look at.

import type { Page } from '@playwright/test';
import { focusTerminal, pageErrors, screen, typeLine } from './support.js';
import { expect, test } from './fixtures.js';

/** 2000 keys of 100 bytes from key:<from>: about 400 KB, past a 1 MB maxmemory after one or two. */
const fill = (from: number) => `EVAL "local n=tonumber(ARGV[1]) for i=n,n+1999 do redis.call('SET','key:'..i,string.rep('x',100)) end" 0 ${from}`;

/** A script evicts only before it starts: several of them, so that later ones evict. */
async function fillPastMaxmemory(page: Page): Promise<void> {
  for (let from = 1; from <= 6001; from += 2000) await typeLine(page, fill(from));
}

/** INFO stats' evicted_keys, read on a connection of its own (which evicts first, as any command does). */
async function evictedKeys(page: Page): Promise<number> {
  const reply = (await page.evaluate(() => window.redisPlayground!.run(['INFO', 'stats']))) as { v: string };
  return Number(/^evicted_keys:(\d+)/m.exec(reply.v)![1]);
}

/** The last integer reply the terminal printed. */
async function lastInteger(page: Page): Promise<number> {
  const lines = await screen(page);
  const last = lines.filter((l) => l.startsWith('(integer) ')).pop()!;
  return Number(last.slice('(integer) '.length));
}

test('the inspector shows the memory against maxmemory, the policy, and keys as they are evicted', async ({ site }) => {
  const page = await site.open({ width: 1440, height: 900 });
  const line = page.locator('#inspector .memory-line');
  await expect(line).toHaveText(/^Memory \d+\.\d\d (KB|MB) used · no maxmemory$/);
  await expect(line.locator('.memory-bar')).toHaveCount(0);

  // The selected key's memory, beside its type and size: MEMORY USAGE's answer.
  await typeLine(page, 'SET greeting "hello world"');
  await typeLine(page, 'MEMORY USAGE greeting');
  const usage = await lastInteger(page);
  await page.locator('#inspector .key-row', { hasText: 'greeting' }).click();
  const meta = page.locator('.value-view .meta');
  await expect(meta).toHaveText(`string embstr · 11 bytes · ${usage} B in memory`);
  await expect(meta.locator('.key-memory')).toHaveAttribute('title', /^MEMORY USAGE/);
  // A bigger value: its memory follows the change.
  await focusTerminal(page);
  await typeLine(page, 'SETRANGE greeting 3000 !');
  await typeLine(page, 'MEMORY USAGE greeting');
  const grown = await lastInteger(page);
  expect(grown).toBeGreaterThan(3000);
  await expect(meta.locator('.key-memory')).toHaveText(`${(grown / 1024).toFixed(2)} KB in memory`);

  await typeLine(page, 'CONFIG SET maxmemory 1mb');
  await typeLine(page, 'CONFIG SET maxmemory-policy allkeys-lru');
  await expect(line).toHaveText(/^Memory \d\.\d\d MB of 1\.00 MB · allkeys-lru$/);
  await expect(line.locator('.memory-bar')).toBeVisible();

  await fillPastMaxmemory(page);
  // Keys evicted just now flash their count.
  const flash = line.locator('.evict-flash');
  await expect(flash).toHaveText(/^\d+ keys evicted$/);
  await page.screenshot({ path: 'test-results/memory-1440.png' });
  await page.locator('#inspector').screenshot({ path: 'test-results/memory-1440-inspector.png' });

  // The total is INFO stats' evicted_keys (read until no eviction is left to do).
  await expect
    .poll(async () => {
      const n = await evictedKeys(page);
      return n > 0 && (await line.locator('.memory-evicted').textContent()) === `${n} evicted in all`;
    })
    .toBe(true);
  await expect(line).toHaveText(/^Memory \d\.\d\d MB of 1\.00 MB · allkeys-lru · \d+ evicted in all/);
  // The key list lost the keys evicted: fewer than the 8000 written.
  const count = Number(/(\d+) keys?/.exec((await page.locator('#inspector .keylist > p').textContent())!)![1]);
  expect(count).toBeLessThan(8000);
  // The flash goes once the evictions stop.
  await expect(flash).toHaveCount(0);
  expect(pageErrors(page)).toEqual([]);
});

test('on a phone in Korean, the memory line and the keys evicted are in Korean', async ({ site }) => {
  const page = await site.open({ width: 390, height: 844, locale: 'ko-KR' });
  await typeLine(page, 'CONFIG SET maxmemory 1mb');
  await typeLine(page, 'CONFIG SET maxmemory-policy allkeys-lru');
  await fillPastMaxmemory(page);
  await page.locator('.bottom-bar').getByRole('button', { name: '인스펙터' }).click();
  const line = page.locator('#inspector .memory-line');
  await expect(line).toBeVisible();
  await expect(line.locator('.evict-flash')).toHaveText(/^키 \d+개를 내보냈어요$/);
  await expect(line).toContainText(/^메모리 1\.00 MB 중 \d\.\d\d MB 사용 · allkeys-lru · 지금까지 \d+개 내보냄/);
  await page.screenshot({ path: 'test-results/memory-390.png' });
  // The line fits the phone's width: nothing sticks out of the panel.
  const panel = (await page.locator('#inspector').boundingBox())!;
  const box = (await line.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width);
  expect(pageErrors(page)).toEqual([]);
});
