// A learner who types every step by hand and goes wrong the way people do: typed into another
// database, a command with a missing argument, a clock left paused a day ahead across a reload,
// RESP3 switched on. Each time the step says why it has not passed and what to do, and once
// the learner does it the step turns green.

import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { focusTerminal, typeLine, waitForPrompt } from './support.js';
import { useSite } from './site.js';

const site = useSite();
let page: Page;

beforeEach(async () => {
  page = await site.open();
});

const passed = () => page.locator('section.step').getAttribute('data-passed');
const feedbackKind = () => page.locator('section.step [data-feedback]').getAttribute('data-feedback', { timeout: 1000 }).catch(() => null);
const feedbackText = () => page.locator('section.step .step-status').innerText();

async function openStep(lesson: string, step: number): Promise<void> {
  await page.evaluate((h) => (location.hash = h), `#/lessons/${lesson}/${step}`);
  await expect.poll(() => page.locator('section.step').getAttribute('data-step')).toBe(String(step));
  await expect.poll(() => page.locator('article.lesson').getAttribute('data-lesson')).toBe(lesson);
}

describe('a learner who goes wrong is told why', () => {
  it('the expiry lesson after the hat shop: typed in db 1, told to SELECT 0, then passes', async () => {
    // The hat-shop lesson leaves the terminal in database 1.
    await openStep('hat-shop', 1);
    await page.getByRole('button', { name: 'Set up the lesson' }).click();
    await focusTerminal(page);
    await typeLine(page, 'SELECT 1');
    await typeLine(page, 'KEYS hat:*');

    await openStep('expiry', 1);
    await focusTerminal(page);
    await typeLine(page, `SETEX runner 60 "now you see me, now you don't"`);
    await expect.poll(feedbackKind).toBe('db');
    expect(await passed()).toBe('false');
    expect(await feedbackText()).toContain('Your terminal is in database 1, and this lesson works in database 0');
    expect(await feedbackText()).toContain('SELECT 0');

    await typeLine(page, 'SELECT 0');
    await typeLine(page, `SETEX runner 60 "now you see me, now you don't"`);
    await expect.poll(passed).toBe('true');
  });

  it('a wrong command gets Redis’s error, the command’s syntax and the step’s hint', async () => {
    await openStep('hashes', 1);
    const step = await page.locator('section.step').getAttribute('data-step');
    expect(step).toBe('1');
    await focusTerminal(page);
    await typeLine(page, 'HSET user:1 name');
    await expect.poll(feedbackKind).toBe('error');
    const text = await feedbackText();
    expect(text).toContain("ERR wrong number of arguments for 'hset' command");
    expect(text).toContain('HSET key field value [field value ...]');
    expect(await passed()).toBe('false');
  });

  it('a clock paused a day ahead across a reload is shown on every screen and put back from the lesson', async () => {
    const clock = page.locator('#inspector .clock');
    await clock.getByRole('button', { name: 'Pause time' }).click();
    await clock.getByLabel('Seconds to move forward').fill('86400');
    await clock.getByRole('button', { name: 'Go' }).click();
    const banner = page.locator('.clock-banner');
    // Paused a day ahead: the lead over real time shrinks while real time goes on (23 h 59 min…).
    await expect.poll(() => banner.innerText()).toMatch(/paused, (1 d|23 h \d+ min( \d+ s)?) ahead of real time/);

    // The saved state keeps the clock paused and ahead (autosaved within about a second): a
    // reload finds it so, and says so.
    await expect
      .poll(async () => {
        await page.reload();
        await waitForPrompt(page);
        return page.locator('.clock-banner').count();
      })
      .toBe(1);
    expect(await banner.innerText()).toContain('paused');

    // The expiry lesson, typed: the key never runs out, and the wait step says why.
    await openStep('expiry', 1);
    await focusTerminal(page);
    await typeLine(page, `SETEX runner 60 "now you see me, now you don't"`);
    await expect.poll(passed).toBe('true');
    await openStep('expiry', 3);
    await focusTerminal(page);
    await typeLine(page, 'EXPIRE runner 3');
    await expect.poll(passed).toBe('true');
    await openStep('expiry', 4);
    await focusTerminal(page);
    await typeLine(page, 'GET runner');
    await expect.poll(feedbackKind).toBe('clock');
    expect(await feedbackText()).toContain('The clock is paused');

    await page.locator('section.step .step-status').getByRole('button', { name: 'Back to real time' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    await expect.poll(() => page.locator('#inspector .clock-state').innerText()).toBe('Time runs');
    // The button went away with the notice; the keyboard is back in the terminal.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(true);
    // Real time runs again: once the 3 seconds the key had left go by, asking again passes.
    await expect
      .poll(
        async () => {
          await typeLine(page, 'EXISTS runner');
          return passed();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe('true');
  });

  it('HELLO 3 typed in the terminal passes the RESP3 step of the connections lesson', async () => {
    await openStep('connections', 1);
    const runs = page.locator('section.step > .commands button');
    for (let i = 0; i < (await runs.count()); i++) await runs.nth(i).click();
    await expect.poll(passed).toBe('true');
    await openStep('connections', 2);
    await focusTerminal(page);
    await typeLine(page, 'HELLO 3');
    await typeLine(page, 'HGETALL pypa');
    await typeLine(page, 'HELLO 2');
    await expect.poll(passed).toBe('true');
  });
});
