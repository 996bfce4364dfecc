// The workspace around the terminals: client tabs (each its own connection), layouts, panels,
// themes, quick-start commands, and recovery when the engine's worker dies.

import type { Page } from '@playwright/test';
import { activeTab, autosaved, focusTerminal, pageErrors, pageNow, realTimePassed, screen, typeLine, waitIdle } from './support.js';
import { expect, newTab, test } from './fixtures.js';

const last = async (page: Page) => (await screen(page)).slice(-2);

test.describe('client tabs', () => {
  test('a WATCH in one tab is broken by a write from another', async ({ page }) => {
    const first = await activeTab(page);
    await typeLine(page, 'SET stock 10');
    await typeLine(page, 'WATCH stock');
    await typeLine(page, 'MULTI');
    await typeLine(page, 'DECR stock');

    const second = await newTab(page);
    expect(second).not.toBe(first);
    expect(await screen(page)).toEqual(['127.0.0.1:6379>']);
    await typeLine(page, 'SET stock 0');

    await page.getByRole('tab', { name: /client 1/ }).click();
    await focusTerminal(page);
    await typeLine(page, 'EXEC');
    expect(await last(page)).toEqual(['(nil)', '127.0.0.1:6379>']);
    await typeLine(page, 'GET stock');
    expect(await last(page)).toEqual(['"0"', '127.0.0.1:6379>']);
    expect(pageErrors(page)).toEqual([]);
  });

  test('each tab is its own client: own database, own name, listed by CLIENT LIST', async ({ page }) => {
    await typeLine(page, 'SELECT 5');
    await typeLine(page, 'CLIENT SETNAME alice');
    await expect(page.getByRole('tab', { selected: true })).toContainText('alice');
    await newTab(page);
    await typeLine(page, 'CLIENT SETNAME bob');
    await typeLine(page, 'CLIENT LIST');
    const lines = (await screen(page)).filter((l) => l.includes('name='));
    expect(lines.some((l) => / name=alice .* db=5 /.test(l))).toBe(true);
    expect(lines.some((l) => / name=bob .* db=0 /.test(l))).toBe(true);
    await expect(page.getByRole('tab', { name: /alice/ })).toContainText('db5');
  });

  test('tabs can be renamed and closed', async ({ page }) => {
    await newTab(page);
    await page.getByRole('tab', { selected: true }).dblclick();
    const input = page.getByLabel('Terminal name');
    await input.fill('worker-1');
    await input.press('Enter');
    await expect(page.getByRole('tab', { selected: true })).toContainText('worker-1');
    await focusTerminal(page);
    await typeLine(page, 'CLIENT GETNAME');
    expect(await last(page)).toEqual(['"worker-1"', '127.0.0.1:6379>']);
    // The × is for the mouse (the keyboard's way, Delete on the tab, is in a11y.test.ts).
    await page.locator('.tab', { hasText: 'worker-1' }).locator('.tab-close').click();
    await expect(page.getByRole('tab')).toHaveCount(1);
    await focusTerminal(page);
    await typeLine(page, 'CLIENT LIST');
    expect((await screen(page)).filter((l) => l.includes('name=worker-1'))).toEqual([]);
  });

  test('shows terminals side by side', async ({ page }) => {
    await newTab(page);
    await page.getByRole('button', { name: 'Side by side' }).click();
    await expect(page.locator('.terminal-box:not([hidden])')).toHaveCount(2);
    const boxes = await page.locator('.terminal-box').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
    expect(boxes[0]).toBeLessThan(boxes[1]!);
    // Clicking into a terminal makes its tab the active one.
    await page.locator('.terminal-box').first().locator('.xterm-screen').click();
    await expect(page.getByRole('tab', { selected: true })).toContainText('client 1');
    await page.keyboard.type('ECHO left');
    await page.keyboard.press('Enter');
    await waitIdle(page);
    expect((await screen(page)).slice(-2)).toEqual(['"left"', '127.0.0.1:6379>']);
    await page.getByRole('button', { name: 'Tabs' }).click();
    await expect(page.locator('.terminal-box:not([hidden])')).toHaveCount(1);
  });
});

test.describe('panels and themes', () => {
  test('collapses the side panels and switches theme', async ({ page }) => {
    await expect(page.locator('#lessons')).toHaveCount(1);
    await page.getByRole('button', { name: 'Lessons' }).click();
    await expect(page.locator('#lessons')).toHaveCount(0);
    await page.getByRole('button', { name: 'Inspector' }).click();
    await expect(page.locator('#inspector')).toHaveCount(0);
    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.getByRole('button', { name: /theme/ }).click();
    const after = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(after).not.toBe(before);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe(after === 'light' ? 'rgb(238, 237, 232)' : 'rgb(15, 17, 21)');
    await page.keyboard.press('Alt+1');
    await expect(page.locator('#lessons')).toHaveCount(1);
  });

  test('runs a lesson command in the active terminal and the inspector shows the key', async ({ page }) => {
    await page
      .locator('#lessons')
      .getByRole('link', { name: /First contact/ })
      .click();
    await page.locator('.step-dots .dot').nth(2).click();
    await page.getByRole('button', { name: 'Run SET mykey "Hello, Redis!"' }).click();
    await waitIdle(page);
    expect((await screen(page)).slice(-3)).toEqual(['127.0.0.1:6379> SET mykey "Hello, Redis!"', 'OK', '127.0.0.1:6379>']);
    await expect(page.locator('#inspector .key')).toHaveText(['mykey']);
  });
});

test.describe('the engine clock', () => {
  test('fast-forwards: a key with a TTL counts down in the inspector and goes at once', async ({ page }) => {
    await typeLine(page, 'SET session:42 alice EX 10');
    const row = page.locator('#inspector li', { hasText: 'session:42' });
    await expect(row.locator('.ttl')).toHaveText(/^(10\.0|9\.\d)s$/);
    await page.getByRole('button', { name: '+10 s' }).click();
    await expect(row).toHaveCount(0);
    await focusTerminal(page);
    await typeLine(page, 'TTL session:42');
    expect(await last(page)).toEqual(['(integer) -2', '127.0.0.1:6379>']);
    await expect(page.locator('.clock-state')).toHaveText('Time runs, 10 s ahead');
  });

  test('keeps a fast-forwarded clock across a reload, so TTLs keep the time they had left', async ({ page }) => {
    await typeLine(page, 'SET offer x EX 100');
    await page.getByRole('button', { name: '+1 min' }).click();
    await expect(page.locator('.clock-state')).toHaveText('Time runs, 1 min ahead');
    // The reload finds what the worker autosaved: the key, and the clock's lead.
    await expect.poll(async () => ((await autosaved(page, 'offer'))?.holds ?? false) && (await autosaved(page))!.ahead > 59_000).toBe(true);
    await page.reload();
    await waitIdle(page);
    await expect(page.locator('.clock-state')).toHaveText(/^Time runs, 1 min( 1 s)? ahead$/);
    await focusTerminal(page);
    await typeLine(page, 'TTL offer');
    expect((await last(page))[0]).toMatch(/^\(integer\) (3\d|40)$/);
  });

  test('pauses time for every client, and a reload keeps it paused', async ({ page }) => {
    await typeLine(page, 'SET k v EX 5');
    await page.getByRole('button', { name: 'Pause time' }).click();
    await expect(page.locator('.clock-state')).toHaveText('Time is paused');
    // Real time goes on; the engine's does not.
    await realTimePassed(page, await pageNow(page), 1_200);
    await focusTerminal(page);
    await typeLine(page, 'PTTL k');
    const paused = Number(/\(integer\) (\d+)/.exec((await last(page))[0]!)?.[1]);
    await realTimePassed(page, await pageNow(page), 300);
    await typeLine(page, 'PTTL k');
    expect((await last(page))[0]).toBe(`(integer) ${paused}`);
    expect(paused).toBeGreaterThan(3_500);
    // Still paused after a reload, with the same time left, once the worker autosaved it so.
    await expect.poll(async () => (await autosaved(page, 'k'))?.paused).toBe(true);
    await page.reload();
    await waitIdle(page);
    await expect(page.locator('.clock-state')).toHaveText('Time is paused');
    await focusTerminal(page);
    await typeLine(page, 'PTTL k');
    expect((await last(page))[0]).toBe(`(integer) ${paused}`);
    await page.getByRole('button', { name: 'Resume time' }).click();
    await focusTerminal(page);
    // Time runs again: the key's time left goes down.
    await expect
      .poll(async () => {
        await typeLine(page, 'PTTL k');
        return Number(/\(integer\) (\d+)/.exec((await last(page))[0]!)?.[1]);
      })
      .toBeLessThan(paused);
  });
});

test.describe('engine recovery', () => {
  test('says so when the worker dies, restarts it, and the terminal keeps working', async ({ page }) => {
    await typeLine(page, 'SELECT 1');
    await typeLine(page, 'SET kept yes');
    // The new worker starts from the last autosave (about once a second after a change).
    await expect.poll(async () => (await autosaved(page, 'kept'))?.holds).toBe(true);
    await page.evaluate(() => window.redisPlayground!.crashWorker());
    await expect(page.getByRole('alert')).toContainText('The Redis engine stopped');
    await expect.poll(async () => (await screen(page)).join('\n')).toContain('The Redis engine stopped');
    await typeLine(page, 'PING');
    expect(await last(page)).toEqual(['PONG', '127.0.0.1:6379[1]>']);
    await typeLine(page, 'GET kept');
    expect(await last(page)).toEqual(['"yes"', '127.0.0.1:6379[1]>']);
  });

  test('keeps the data across a reload', async ({ page }) => {
    await typeLine(page, 'RPUSH queue job:1 job:2');
    await typeLine(page, 'SET temp x EX 1000');
    // Autosaved (the last key written is in the snapshot, so the first is too).
    await expect.poll(async () => (await autosaved(page, 'temp'))?.holds).toBe(true);
    await page.reload();
    await waitIdle(page);
    await focusTerminal(page);
    await typeLine(page, 'LRANGE queue 0 -1');
    expect((await screen(page)).slice(-3)).toEqual(['1) "job:1"', '2) "job:2"', '127.0.0.1:6379>']);
    await typeLine(page, 'TTL temp');
    expect((await last(page))[0]).toMatch(/^\(integer\) 99\d$/);
  });
});

test.describe('offline', () => {
  test('loads and runs commands with the network gone, after one visit', async ({ page }) => {
    // The service worker has stored every file of the build once it is active.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.context().setOffline(true);
    try {
      await page.reload();
      await waitIdle(page, undefined, 15_000);
      await focusTerminal(page);
      await typeLine(page, 'PING');
      expect(await last(page)).toEqual(['PONG', '127.0.0.1:6379>']);
    } finally {
      await page.context().setOffline(false);
    }
  });

  test('names its icons and web app manifest, and serves them offline too', async ({ page }) => {
    // What the page links to, each answered, the PNG icons at their stated sizes.
    const linked = async () =>
      page.evaluate(async () => {
        const hrefs = [...document.querySelectorAll<HTMLLinkElement>('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]')].map(
          (l) => l.href,
        );
        const manifestUrl = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
        const manifest = (await (await fetch(manifestUrl)).json()) as { name: string; display: string; icons: { src: string; sizes: string }[] };
        const icons = await Promise.all(
          [...hrefs.filter((h) => h !== manifestUrl), ...manifest.icons.map((i: { src: string }) => new URL(i.src, manifestUrl).href)].map(
            async (url: string) => {
              const response = await fetch(url);
              const bitmap = await createImageBitmap(await response.blob()).catch(() => null);
              return `${url.split('/').pop()} ${response.status} ${bitmap ? `${bitmap.width}x${bitmap.height}` : ''}`.trim();
            },
          ),
        );
        return { name: manifest.name, display: manifest.display, sizes: manifest.icons.map((i: { sizes: string }) => i.sizes), icons };
      });
    const online = await linked();
    expect(online).toEqual({
      name: 'Redis Playground',
      display: 'standalone',
      sizes: ['any', '192x192', '512x512', '512x512'],
      icons: [
        expect.stringMatching(/^favicon\.svg 200/),
        'apple-touch-icon.png 200 180x180',
        expect.stringMatching(/^favicon\.svg 200/),
        'icon-192.png 200 192x192',
        'icon-512.png 200 512x512',
        'icon-maskable-512.png 200 512x512',
      ],
    });
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.context().setOffline(true);
    try {
      await page.reload();
      await waitIdle(page, undefined, 15_000);
      expect(await linked()).toEqual(online);
    } finally {
      await page.context().setOffline(false);
    }
  });
});
