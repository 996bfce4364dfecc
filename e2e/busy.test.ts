// A runaway script in one terminal tab (#16): the page stays responsive, another tab gets BUSY
// once busy-reply-threshold (5 s by default) has passed, and Ctrl-C in the script's tab sends
// SCRIPT KILL from a connection of its own, after which both tabs work again.

import type { Page } from '@playwright/test';
import { activeTab, focusTerminal, pageErrors, screen, typeLine, waitIdle } from './support.js';
import { expect, newTab, test } from './fixtures.js';

const BUSY = '(error) BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.';

async function selectTab(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await focusTerminal(page);
}

test.describe('a runaway script', () => {
  test('keeps the page responsive, answers another tab BUSY, and Ctrl-C sends SCRIPT KILL', async ({ page }) => {
    test.setTimeout(90_000);
    const runner = await activeTab(page);
    await typeLine(page, 'SET greeting hello');
    await page.keyboard.type('EVAL "while true do end" 0');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => screen(page, runner), { timeout: 15_000 })
      .toContain('(the script is still running: Ctrl-C sends SCRIPT KILL from another connection)');

    // The page still answers: the inspector lists the key, a new tab opens at its prompt.
    await expect(page.locator('#inspector .key', { hasText: 'greeting' })).toHaveCount(1);
    await newTab(page);
    await page.keyboard.type('GET greeting');
    await page.keyboard.press('Enter');
    await waitIdle(page, undefined, 20_000);
    expect(await screen(page)).toContain(BUSY);
    expect(await page.evaluate(() => new Promise<boolean>((resolve) => requestAnimationFrame(() => resolve(true))))).toBe(true);

    await selectTab(page, /client 1/);
    await page.keyboard.press('Control+c');
    await waitIdle(page, runner, 20_000);
    const shown = await screen(page, runner);
    expect(shown).toContain('^C (SCRIPT KILL sent from another connection)');
    expect(shown.some((l) => /^\(error\) ERR Script killed by user with SCRIPT KILL\.\.\. script: [0-9a-f]{40}, on @user_script:1\.$/.test(l))).toBe(true);
    expect(shown.at(-1)).toBe('127.0.0.1:6379>');
    await typeLine(page, 'GET greeting');
    expect((await screen(page)).slice(-2)).toEqual(['"hello"', '127.0.0.1:6379>']);

    await selectTab(page, /client 2/);
    await typeLine(page, 'GET greeting');
    expect((await screen(page)).slice(-2)).toEqual(['"hello"', '127.0.0.1:6379>']);
    expect(pageErrors(page)).toEqual([]);
  });
});
