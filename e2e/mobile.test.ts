// Phones, tablets and the first paint: at 390×844 one panel at a time behind a bottom bar, a
// lesson's Run answering under the step, the inspector one tap away; at 820×1180 every panel on
// the screen at once; before any script, the static shell of index.html. Screenshots of each
// layout go to /tmp/mobile-e2e-*.png for a person to look at.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { FIRST_VISIT } from '../src/ui/first-visit.js';
import { accessibleRows, DIST, focusTerminal, pageErrors, screen, typeLine } from './support.js';
import { expect, test } from './fixtures.js';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 820, height: 1180 };
const DESKTOP = { width: 1440, height: 900 };

/** The element's box on the page (x, y, width, height), null when it is not displayed. */
async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return (await locator.count()) === 0 ? null : locator.first().boundingBox();
}

const panel = (page: Page, id: 'lessons' | 'terminals' | 'inspector') => page.locator(`#${id}`);
const barButton = (page: Page, name: string) => page.locator('.bottom-bar').getByRole('button', { name });

/** The page never scrolls: every panel fits the screen. */
async function pageHeight(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollHeight);
}

test.describe('on a phone (390×844)', () => {
  test('keeps every control of the header inside its one row, in Korean too', async ({ site }) => {
    for (const locale of ['en-US', 'ko-KR']) {
      const page = await site.open({ ...PHONE, locale });
      const bar = (await box(page.locator('.topbar')))!;
      expect(bar.height).toBeLessThanOrEqual(48);
      const controls = page.locator('.topbar nav .tool');
      await expect(controls.last()).toBeVisible();
      for (const control of await controls.all()) {
        if (!(await control.isVisible())) continue;
        const b = (await box(control))!;
        expect(b.y + b.height).toBeLessThanOrEqual(bar.y + bar.height);
        expect(b.x + b.width).toBeLessThanOrEqual(PHONE.width);
      }
      await page.close();
    }
  });

  test('shows one panel at a time, picked in the bottom bar, under a compact header', async ({ site }) => {
    const page = await site.open(PHONE);
    expect((await box(page.locator('.topbar')))!.height).toBeLessThanOrEqual(48);
    expect(await pageHeight(page)).toBe(PHONE.height);
    // The terminal first, with the welcome line over the prompt.
    expect(await panel(page, 'terminals').isVisible()).toBe(true);
    expect(await panel(page, 'lessons').isVisible()).toBe(false);
    expect(await panel(page, 'inspector').isVisible()).toBe(false);
    expect(await screen(page)).toEqual([FIRST_VISIT.en.welcome, '127.0.0.1:6379>']);
    await page.screenshot({ path: '/tmp/mobile-e2e-390-terminal.png' });

    await barButton(page, 'Lessons').click();
    await expect(panel(page, 'lessons')).toBeVisible();
    expect(await panel(page, 'terminals').isVisible()).toBe(false);
    expect(await barButton(page, 'Lessons').getAttribute('aria-pressed')).toBe('true');
    // Lesson 1 says it is where to start.
    await expect(page.locator('.lesson-list li.start-here')).toHaveAttribute('data-lesson', 'first-contact');
    await page.screenshot({ path: '/tmp/mobile-e2e-390-lessons.png' });

    // The phone turns to a wider screen while the terminal is hidden; shown again, it refits
    // (to within a cell and the scroll bar of its box) and takes typing.
    const screenWidth = async () => (await box(page.locator('.terminal-box:not([hidden]) .xterm-screen')))?.width;
    await page.setViewportSize({ width: 460, height: PHONE.height });
    await barButton(page, 'Terminals').click();
    await expect(panel(page, 'terminals')).toBeVisible();
    expect((await box(page.locator('.terminal-box:not([hidden])')))!.width).toBe(460);
    await expect.poll(screenWidth).toBeGreaterThan(460 - 6 - 30);
    expect(await screenWidth()).toBeLessThanOrEqual(460);
    await focusTerminal(page);
    await typeLine(page, 'PING');
    expect((await screen(page)).slice(-2)).toEqual(['PONG', '127.0.0.1:6379>']);
    expect(pageErrors(page)).toEqual([]);
  });

  test('keeps the prompt in sight when the visible height shrinks (an on-screen keyboard)', async ({ site }) => {
    const page = await site.open(PHONE);
    for (let i = 0; i < 30; i++) await typeLine(page, `SET k${i} ${i}`);
    await page.setViewportSize({ width: PHONE.width, height: 480 });
    await expect
      .poll(async () => (await box(page.locator('.terminal-box:not([hidden])')))!.y + (await box(page.locator('.terminal-box:not([hidden])')))!.height)
      .toBeLessThanOrEqual(480);
    // The terminal refits to fewer rows, and the row being typed on is one of them.
    await expect.poll(async () => (await accessibleRows(page)).filter((r) => r !== '').at(-1)).toBe('127.0.0.1:6379>');
    expect((await box(page.locator('.terminal-box:not([hidden]) .xterm-screen')))!.height).toBeLessThanOrEqual(480);
    await typeLine(page, 'GET k29');
    await expect.poll(async () => (await accessibleRows(page)).filter((r) => r !== '').slice(-2)).toEqual(['"29"', '127.0.0.1:6379>']);
  });

  test("shows a lesson Run's result under the step, and the step turns green", async ({ site }) => {
    const page = await site.open(PHONE);
    await barButton(page, 'Lessons').click();
    await page.locator('[data-lesson="first-contact"] .lesson-link').click();
    const step = page.locator('section.step');
    await expect(step).toHaveAttribute('data-step', '1');
    await step.locator('.commands button').first().click();
    const output = step.locator('.run-output');
    await expect(output).toHaveAttribute('data-done', 'true');
    expect(await output.locator('pre').textContent()).toBe('127.0.0.1:6379> PING\nPONG');
    await expect(step).toHaveAttribute('data-passed', 'true');
    // Right under the commands, on the screen.
    const commands = (await box(step.locator('.commands')))!;
    const shown = (await box(output))!;
    expect(shown.y).toBeGreaterThanOrEqual(commands.y + commands.height);
    expect(shown.y + shown.height).toBeLessThanOrEqual(PHONE.height);
    await page.screenshot({ path: '/tmp/mobile-e2e-390-run.png' });

    // The next step starts without the last one's output.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(step).toHaveAttribute('data-step', '2');
    expect(await output.count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  test('reaches the inspector with one tap, showing what the terminal wrote', async ({ site }) => {
    const page = await site.open(PHONE);
    await typeLine(page, 'SET greeting hello');
    await barButton(page, 'Inspector').click();
    await expect(panel(page, 'inspector')).toBeVisible();
    const inspector = (await box(panel(page, 'inspector')))!;
    expect(inspector.y).toBeLessThan(60);
    expect(inspector.y + inspector.height).toBeLessThanOrEqual(PHONE.height);
    await expect.poll(() => page.locator('#inspector .key-row').allTextContents()).toEqual([expect.stringContaining('greeting')]);
    await page.screenshot({ path: '/tmp/mobile-e2e-390-inspector.png' });
    expect(pageErrors(page)).toEqual([]);
  });
});

test.describe('on a tablet held upright (820×1180)', () => {
  test('has the lessons, the terminal and the inspector on the screen at once', async ({ site }) => {
    const page = await site.open(TABLET);
    expect(await pageHeight(page)).toBe(TABLET.height);
    await expect(panel(page, 'inspector').locator('.clock')).toHaveCount(1);
    for (const id of ['lessons', 'terminals', 'inspector'] as const) {
      const b = (await box(panel(page, id)))!;
      expect(b.y, id).toBeLessThan(TABLET.height);
      expect(b.y + b.height, id).toBeLessThanOrEqual(TABLET.height);
      expect(b.height, id).toBeGreaterThan(300);
    }
    expect(await page.locator('.bottom-bar').isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/mobile-e2e-820.png' });
  });
});

test.describe('on a desktop (1440×900)', () => {
  test('keeps the three columns, without a bottom bar', async ({ site }) => {
    const page = await site.open(DESKTOP);
    const boxes = async (id: 'lessons' | 'terminals' | 'inspector') => (await box(panel(page, id)))!;
    const [lessons, terminals, inspector] = await Promise.all([boxes('lessons'), boxes('terminals'), boxes('inspector')]);
    expect(lessons.x).toBe(0);
    expect(terminals.x).toBe(lessons.width);
    expect(inspector.x + inspector.width).toBe(DESKTOP.width);
    for (const b of [lessons, terminals, inspector]) expect(b.height).toBeGreaterThan(800);
    expect(await page.locator('.bottom-bar').isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/mobile-e2e-1440.png' });
  });
});

test.describe('the first paint', () => {
  test('is in dist/index.html itself, before any script runs', async ({ browser, baseURL }) => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).toContain(FIRST_VISIT.en.loading);
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(baseURL!);
      expect(await page.locator('.shell .engine-loading').textContent()).toBe(FIRST_VISIT.en.loading);
      expect(await page.locator('.shell .bottom-bar').isVisible()).toBe(true);
      expect((await box(page.locator('.shell .topbar')))!.height).toBeLessThanOrEqual(48);
      await page.screenshot({ path: '/tmp/mobile-e2e-390-shell.png' });
    } finally {
      await context.close();
    }
  });

  test("speaks the browser's language before the page's script arrives", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'ko-KR' });
    try {
      const page = await context.newPage();
      // Only the inline script runs: the page's own scripts never arrive.
      await page.route(/\.js$/, (route) => route.abort());
      await page.goto(baseURL!);
      expect(await page.locator('.shell .engine-loading').textContent()).toBe(FIRST_VISIT.ko.loading);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
      expect(await page.locator('.shell #lessons h2').textContent()).toBe('레슨');
    } finally {
      await context.close();
    }
  });

  test('is replaced by the page in the same place, and the loading line by the prompt', async ({ browser, baseURL, site }) => {
    const context = await browser.newContext({ viewport: DESKTOP });
    let shell: { tabbar: Awaited<ReturnType<typeof box>>; loading: Awaited<ReturnType<typeof box>> };
    try {
      const page = await context.newPage();
      await page.route(/\.js$/, (route) => route.abort());
      await page.goto(baseURL!);
      shell = { tabbar: await box(page.locator('.tabbar')), loading: await box(page.locator('.engine-loading')) };
    } finally {
      await context.close();
    }
    const page = await site.open(DESKTOP);
    expect(await page.locator('.shell').count()).toBe(0);
    expect(await page.locator('.engine-loading').count()).toBe(0);
    expect(await screen(page)).toEqual([FIRST_VISIT.en.welcome, '127.0.0.1:6379>']);
    // Nothing jumps: the terminal's first row is where the loading line was.
    expect(await box(page.locator('.tabbar'))).toEqual(shell.tabbar);
    const firstRow = (await box(page.locator('.terminal-box:not([hidden]) .xterm-rows > div')))!;
    expect(Math.abs(firstRow.x - shell.loading!.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(firstRow.y - shell.loading!.y)).toBeLessThanOrEqual(2);
  });
});
