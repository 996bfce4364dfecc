// The browser's Python (#17): a lesson step's pythonCode run with "Run in Python" opens it in the
// workbench and runs it in Pyodide (loaded from our own build on this first run, with a progress
// bar), against the same engine: the keys it writes are there for the terminal. Then Stop
// interrupts an endless loop, and a reload runs Python again from the service worker's store.
// The load times are printed (no test asserts a timing).

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { pageErrors, screen, typeLine, waitForPrompt } from './support.js';

const consoleText = (page: Page) => page.locator('#workbench .wb-console');

/** The Python worker's own load time (Pyodide fetched, started, our package written). */
const loadMs = (page: Page) =>
  page.evaluate(() => (performance.getEntriesByName('python-loaded')[0] as PerformanceMark | undefined)?.detail as number | undefined);

test('a lesson step’s Python runs in the page against the same engine, and Stop interrupts a loop', async ({ page, site }) => {
  test.setTimeout(180_000);
  const outside: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).origin !== new URL(site.url).origin) outside.push(r.url());
  });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.goto(`${site.url}#/lessons/first-contact/5`);
  const lesson = page.locator('#lessons');
  await lesson.getByText('The same in Python (redis-py)').click();
  const started = Date.now();
  await lesson.getByRole('button', { name: 'Run in Python' }).click();
  // The first run fetches Pyodide: a bar with bytes while it comes.
  await expect(page.locator('#workbench .wb-python-loading progress')).toBeVisible({ timeout: 30_000 });
  await expect(consoleText(page)).toContainText("b'Zagreb'", { timeout: 120_000 });
  const firstClick = Date.now() - started;
  await expect(consoleText(page)).toContainText("None\n[b'Beirut', b'Oslo', b'Nassau']");
  await expect(page.locator('#workbench .wb-results-head')).toContainText('Finished.');
  // host and port are said once to mean this page's engine.
  await expect(consoleText(page).locator('.wb-console-note', { hasText: 'port=6379' })).toHaveCount(1);
  const first = await loadMs(page);

  // The keys the program wrote, read from a terminal.
  await page.locator('.terminal-box:not([hidden]) .xterm-screen').first().click();
  await typeLine(page, 'MGET Croatia Lebanon');
  await expect.poll(async () => (await screen(page)).slice(-3, -1)).toEqual(['1) "Zagreb"', '2) "Beirut"']);

  // An endless loop keeps the page alive and stops with Stop, as KeyboardInterrupt.
  await page.locator('#workbench').getByRole('button', { name: 'New Python' }).click();
  await page.locator('#workbench .wb-editor .monaco-editor').click();
  await page.keyboard.type('while True: pass');
  await page.keyboard.press('Control+Shift+Enter');
  await expect(page.locator('#workbench').getByRole('button', { name: 'Stop' })).toBeEnabled();
  // The terminal still answers while Python spins.
  await page.locator('.terminal-box:not([hidden]) .xterm-screen').first().click();
  await typeLine(page, 'PING');
  await expect.poll(async () => (await screen(page)).at(-2)).toBe('PONG');
  await page.locator('#workbench').getByRole('button', { name: 'Stop' }).click();
  await expect(consoleText(page)).toContainText('KeyboardInterrupt');
  await expect(page.locator('#workbench .wb-results-head')).toContainText('Ended with an exception.');
  expect(pageErrors(page)).toEqual([]);

  // A reload: Pyodide comes from the service worker's store this time.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await waitForPrompt(page);
  await page.locator('#lessons').getByText('The same in Python (redis-py)').click();
  const again = Date.now();
  await page.locator('#lessons').getByRole('button', { name: 'Run in Python' }).click();
  await expect(consoleText(page)).toContainText("b'Zagreb'", { timeout: 60_000 });
  const cachedClick = Date.now() - again;
  const cached = await loadMs(page);
  console.log(`Pyodide load: first ${first} ms (click to output ${firstClick} ms); cached ${cached} ms (click to output ${cachedClick} ms)`);
  expect(outside).toEqual([]);
});
