// Big replies printed in the terminal: formatted and written a slice at a time (so the page
// keeps drawing), they still arrive whole and in order, byte for byte what the one-go
// formatter makes (format-reply.ts, itself compared with redis-cli by the diff tests). The
// main thread's longest task is printed, not asserted (bench/page-long-tasks.ts measures it).

import type { Page } from '@playwright/test';
import { formatReply } from '../src/cli/format-reply.js';
import { toScreen } from '../src/ui/terminal/terminal-session.js';
import { screen, typeLine } from './support.js';
import { expect, test } from './fixtures.js';

/** Runs a command on a connection of the page's own (nothing printed). */
const run = (page: Page, argv: string[]) => page.evaluate((a) => window.redisPlayground!.run(a), argv);

/** The lines after a command's, without the time redis-cli adds after a slow one ("(0.61s)"). */
const after = (lines: string[], command: string) => lines.slice(lines.lastIndexOf(command) + 1).filter((l) => !/^\(\d+\.\d\ds\)$/.test(l));

/** What the terminal shows for a reply printed in one go: its lines, as screen() reads them. */
const expectedLines = (bytes: string) => toScreen(bytes).split('\r\n').slice(0, -1);

const longTasks = (page: Page) =>
  page.evaluate(() => {
    const g = globalThis as unknown as { __longtasks?: number[] };
    const tasks = g.__longtasks ?? [];
    g.__longtasks = [];
    return tasks;
  });

test.beforeEach(async ({ page }) => {
  await page.evaluate(() => {
    const g = globalThis as unknown as { __longtasks: number[] };
    g.__longtasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) g.__longtasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
});

test('a string of 256 KB of every byte value prints whole, escaped as redis-cli does', async ({ page }) => {
  let bin = '';
  for (let i = 0; i < 1024; i++) for (let b = 0; b < 256; b++) bin += String.fromCharCode((b + i) & 0xff);
  await run(page, ['SET', 'bin', bin]);
  await typeLine(page, 'GET bin');
  expect(after(await screen(page), '127.0.0.1:6379> GET bin')).toEqual([...expectedLines(formatReply({ t: 'bulk', v: bin }, 'tty')), '127.0.0.1:6379>']);
  console.log(`GET of 256 KB binary: long tasks ${JSON.stringify(await longTasks(page))}`);
});

test('a text string of 512 KB and a 100,000-element list print whole (the list up to the page limit)', async ({ page }) => {
  // One line of it fits the scrollback (10,000 rows) once escaped.
  const words = ['redis', 'learn', 'page', 'value', 'é'];
  let text = '';
  for (let i = 0; text.length < 1 << 19; i++) text += words[i % words.length] + (i % 97 === 96 ? '\n' : ' ');
  // As bytes: UTF-8, which redis-cli shows escaped.
  const bytes = unescape(encodeURIComponent(text)).slice(0, 1 << 19);
  await run(page, ['SET', 'text', bytes]);
  await typeLine(page, 'GET text');
  expect(after(await screen(page), '127.0.0.1:6379> GET text')).toEqual([...expectedLines(formatReply({ t: 'bulk', v: bytes }, 'tty')), '127.0.0.1:6379>']);
  console.log(`GET of 512 KB text: long tasks ${JSON.stringify(await longTasks(page))}`);

  for (let b = 0; b < 100; b++) await run(page, ['RPUSH', 'list', ...Array.from({ length: 1000 }, (_, i) => `item:${b * 1000 + i}`)]);
  await typeLine(page, 'LRANGE list 0 -1');
  const lines = await screen(page);
  // The page shows the first 10,000 elements and says so; the scrollback keeps 10,000 lines,
  // so the first few have scrolled out.
  const at = lines.lastIndexOf('127.0.0.1:6379> LRANGE list 0 -1');
  const shown = (at === -1 ? lines : lines.slice(at + 1)).filter((l) => !/^\(\d+\.\d\ds\)$/.test(l)).slice(0, -2);
  const items = Array.from({ length: 10_000 }, (_, i) => `${String(i + 1).padStart(5)}) "item:${i}"`);
  expect(shown.length).toBeGreaterThan(9000);
  expect(shown).toEqual(items.slice(items.length - shown.length));
  expect(lines.filter((l) => !/^\(\d+\.\d\ds\)$/.test(l)).slice(-2)).toEqual([
    '(the reply was too long for this page: only its first 10,000 elements or 1 MB are shown)',
    '127.0.0.1:6379>',
  ]);
  console.log(`LRANGE of 100,000 elements: long tasks ${JSON.stringify(await longTasks(page))}`);
});

test('HGETALL of 50,000 fields in RESP3 prints the first 5,000 pairs whole', async ({ page }) => {
  for (let b = 0; b < 50; b++) await run(page, ['HSET', 'hash', ...Array.from({ length: 1000 }, (_, i) => [`field:${b * 1000 + i}`, String(i)]).flat()]);
  await typeLine(page, 'HELLO 3');
  await typeLine(page, 'HGETALL hash');
  const lines = after(await screen(page), '127.0.0.1:6379> HGETALL hash');
  const shown = lines.slice(0, -2);
  expect(shown.length).toBe(5000);
  shown.forEach((line) => expect(line).toMatch(/^ {0,3}\d{1,4}# "field:\d+" => "\d+"$/));
  expect(new Set(shown.map((l) => l.replace(/^ *\d+# /, ''))).size).toBe(5000);
  expect(shown[4999]).toMatch(/^5000# /);
  expect(lines.slice(-2)).toEqual(['(the reply was too long for this page: only its first 10,000 elements or 1 MB are shown)', '127.0.0.1:6379>']);
  console.log(`HGETALL of 50,000 fields: long tasks ${JSON.stringify(await longTasks(page))}`);
});
