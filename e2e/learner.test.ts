// A learner who types every step by hand and goes wrong the way people do: typed into another
// database, a command with a missing argument, a clock left paused a day ahead across a reload,
// RESP3 switched on. Each time the step says why it has not passed and what to do, and once
// the learner does it the step turns green.

import type { Page } from '@playwright/test';
import { autosaved, focusTerminal, typeLine, waitForPrompt } from './support.js';
import { expect, test } from './fixtures.js';

const shownStep = (page: Page) => page.locator('section.step');
const passed = (page: Page) => shownStep(page).getAttribute('data-passed');
const feedback = (page: Page) => page.locator('section.step [data-feedback]');
const feedbackText = (page: Page) => page.locator('section.step .step-status').innerText();

async function openStep(page: Page, lesson: string, step: number): Promise<void> {
  await page.evaluate((h) => (location.hash = h), `#/lessons/${lesson}/${step}`);
  await expect.poll(() => page.locator('section.step').getAttribute('data-step')).toBe(String(step));
  await expect(page.locator('article.lesson')).toHaveAttribute('data-lesson', lesson);
}

test.describe('a learner who goes wrong is told why', () => {
  test('the expiry lesson after the hat shop: typed in db 1, told to SELECT 0, then passes', async ({ page }) => {
    // The hat-shop lesson leaves the terminal in database 1.
    await openStep(page, 'hat-shop', 1);
    await page.getByRole('button', { name: 'Set up the lesson' }).click();
    await focusTerminal(page);
    await typeLine(page, 'SELECT 1');
    await typeLine(page, 'KEYS hat:*');

    await openStep(page, 'expiry', 1);
    await focusTerminal(page);
    await typeLine(page, `SETEX runner 60 "now you see me, now you don't"`);
    await expect(feedback(page)).toHaveAttribute('data-feedback', 'db');
    expect(await passed(page)).toBe('false');
    expect(await feedbackText(page)).toContain('Your terminal is in database 1, and this lesson works in database 0');
    expect(await feedbackText(page)).toContain('SELECT 0');

    await typeLine(page, 'SELECT 0');
    await typeLine(page, `SETEX runner 60 "now you see me, now you don't"`);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
  });

  test('a wrong command gets Redis’s error, the command’s syntax and the step’s hint', async ({ page }) => {
    await openStep(page, 'hashes', 1);
    const step = await page.locator('section.step').getAttribute('data-step');
    expect(step).toBe('1');
    await focusTerminal(page);
    await typeLine(page, 'HSET user:1 name');
    await expect(feedback(page)).toHaveAttribute('data-feedback', 'error');
    const text = await feedbackText(page);
    expect(text).toContain("ERR wrong number of arguments for 'hset' command");
    expect(text).toContain('HSET key field value [field value ...]');
    expect(await passed(page)).toBe('false');
  });

  test('a clock paused a day ahead across a reload is shown on every screen and put back from the lesson', async ({ page }) => {
    const clock = page.locator('#inspector .clock');
    await clock.getByRole('button', { name: 'Pause time' }).click();
    await clock.getByLabel('Seconds to move forward').fill('86400');
    await clock.getByRole('button', { name: 'Go' }).click();
    const banner = page.locator('.clock-banner');
    // Paused a day ahead: the lead over real time shrinks while real time goes on (23 h 59 min…).
    await expect.poll(() => banner.innerText()).toMatch(/paused, (1 d|23 h \d+ min( \d+ s)?) ahead of real time/);

    // The saved state keeps the clock paused and ahead (autosaved within about a second): a
    // reload finds it so, and says so.
    await expect.poll(async () => (await autosaved(page))?.paused && (await autosaved(page))!.ahead > 86_000_000).toBe(true);
    await page.reload();
    await waitForPrompt(page);
    await expect(banner).toHaveCount(1);
    expect(await banner.innerText()).toContain('paused');

    // The expiry lesson, typed: the key never runs out, and the wait step says why.
    await openStep(page, 'expiry', 1);
    await focusTerminal(page);
    await typeLine(page, `SETEX runner 60 "now you see me, now you don't"`);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await openStep(page, 'expiry', 3);
    await focusTerminal(page);
    await typeLine(page, 'EXPIRE runner 3');
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await openStep(page, 'expiry', 4);
    await focusTerminal(page);
    await typeLine(page, 'GET runner');
    await expect(feedback(page)).toHaveAttribute('data-feedback', 'clock');
    expect(await feedbackText(page)).toContain('The clock is paused');

    await page.locator('section.step .step-status').getByRole('button', { name: 'Back to real time' }).click();
    await expect(banner).toHaveCount(0);
    await expect.poll(() => page.locator('#inspector .clock-state').innerText()).toBe('Time runs');
    // The button went away with the notice; the keyboard is back in the terminal.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(true);
    // Real time runs again: once the 3 seconds the key had left go by, asking again passes.
    await expect
      .poll(
        async () => {
          await typeLine(page, 'EXISTS runner');
          return passed(page);
        },
        { timeout: 15_000, intervals: [500] },
      )
      .toBe('true');
  });

  test('HELLO 3 typed in the terminal passes the RESP3 step of the connections lesson', async ({ page }) => {
    await openStep(page, 'connections', 1);
    const runs = page.locator('section.step > .commands button');
    for (let i = 0; i < (await runs.count()); i++) await runs.nth(i).click();
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await openStep(page, 'connections', 2);
    await focusTerminal(page);
    await typeLine(page, 'HELLO 3');
    await typeLine(page, 'HGETALL pypa');
    await typeLine(page, 'HELLO 2');
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
  });
});
