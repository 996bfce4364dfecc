// Accessibility: axe-core over the main screens in both languages and both themes (no critical
// or serious violation), and the keyboard paths a person without a mouse takes: the page's
// shortcuts from inside the terminal, focus that follows what was opened, the list of keys.

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { focusTerminal, pageErrors, typeLine, waitIdle } from './support.js';

/** The violations that block people (axe's impacts critical and serious), in a readable form. */
async function blocking(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary ?? ''}`));
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el
      ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''}`
      : 'none';
  });

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme)
    await page
      .locator('.topbar')
      .getByRole('button', { name: /theme|테마/ })
      .click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
}

async function setLanguage(page: Page, locale: 'ko' | 'en'): Promise<void> {
  await page
    .locator('.lang-switch')
    .getByRole('button', { name: locale === 'ko' ? '한국어' : 'English' })
    .click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
}

// Keys of every common type, for the inspector's value view.
const KEYS: [string, string][] = [
  ['greeting', 'SET greeting "hello world"'],
  ['queue', 'RPUSH queue job:1 job:2'],
  ['user:1', 'HSET user:1 name alice age 30'],
  ['tags', 'SADD tags redis db'],
  ['board', 'ZADD board 10 alice 25 bob'],
  ['events', 'XADD events 1-1 type login'],
  ['visits', 'PFADD visits a b c'],
];

/** Puts the page in a language and theme, the lessons listed. */
async function showIn(page: Page, locale: 'ko' | 'en', theme: 'light' | 'dark'): Promise<void> {
  await setTheme(page, theme);
  await setLanguage(page, locale);
  await page.locator('.lesson-link').first().waitFor();
}

// axe takes seconds per screen on a busy two-core machine: each test gets time for several.
const AXE_TIMEOUT = 150_000;

test.describe('axe-core finds no critical or serious violation', () => {
  for (const locale of ['en', 'ko'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      test(`on the lessons, a passed lesson step, two terminals, the list of keys, no panels (${locale}, ${theme})`, async ({ page }) => {
        test.setTimeout(AXE_TIMEOUT);
        await showIn(page, locale, theme);
        // The start screen: lessons list, one terminal, the inspector; the clock paused (its banner).
        await page.locator('#inspector .clock button[aria-pressed]').click();
        await page.locator('.clock-banner').waitFor();
        expect(await blocking(page)).toEqual([]);
        await page.locator('.clock-banner button').click();
        await expect(page.locator('.clock-banner')).toHaveCount(0);

        // A lesson step passed (green), with its hint shown.
        await page.locator('.lesson-link').first().click();
        await page.locator('section.step > .commands .run-command').first().click();
        await page.locator('section.step[data-passed="true"]').waitFor();
        await page.locator('.step-help .tool').first().click();
        await page.locator('.hints').waitFor();
        expect(await blocking(page)).toEqual([]);

        // The lesson's challenge, its solution shown, the feedback on a wrong command, Reset asking.
        await page.locator('.step-dots .dot').last().click();
        await page.locator('section.step.challenge').waitFor();
        await page.locator('.step-help button[aria-expanded]').click();
        await page.locator('.solution').waitFor();
        await focusTerminal(page);
        await typeLine(page, 'GET');
        await page.locator('section.step [data-feedback="error"]').waitFor();
        await page.locator('.reset .tool').click();
        await page.locator('.reset.notice').waitFor();
        expect(await blocking(page)).toEqual([]);

        // Two terminal tabs, the first inside MULTI (its TX badge).
        await focusTerminal(page);
        await typeLine(page, 'MULTI');
        await page.locator('.badge.tx').waitFor();
        await page.locator('.tab-add:not(.replica)').click();
        await expect(page.getByRole('tab')).toHaveCount(2);
        await waitIdle(page);
        expect(await blocking(page)).toEqual([]);

        // The list of keys.
        await page.locator('.topbar button[aria-haspopup="dialog"]').click();
        await page.locator('dialog.shortcuts[open]').waitFor();
        expect(await blocking(page)).toEqual([]);
        await page.keyboard.press('Escape');

        // The terminals alone, both side panels closed.
        for (const left of [1, 0]) {
          await page.locator('.topbar button[aria-pressed="true"]').first().click();
          await expect(page.locator('aside.panel')).toHaveCount(left);
        }
        expect(await blocking(page)).toEqual([]);
        expect(pageErrors(page)).toEqual([]);
      });

      test(`on the inspector with a key of each common type selected (${locale}, ${theme})`, async ({ page }) => {
        test.setTimeout(AXE_TIMEOUT);
        await showIn(page, locale, theme);
        await focusTerminal(page);
        for (const [, line] of KEYS) await typeLine(page, line);
        for (const [key] of KEYS) {
          await page.locator('#inspector .key-row', { hasText: key }).click();
          await expect(page.locator('.value-view h3')).toHaveText(key);
          expect(await blocking(page, '#inspector')).toEqual([]);
        }
        expect(pageErrors(page)).toEqual([]);
      });
    }
  }
});

test.describe('axe-core on the workbench', () => {
  for (const locale of ['en', 'ko'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      test(`the editor, its controls and result cards, a table view (${locale}, ${theme})`, async ({ page }) => {
        test.setTimeout(AXE_TIMEOUT);
        await showIn(page, locale, theme);
        await page.keyboard.press('Alt+4');
        await page.locator('#workbench .monaco-editor.focused').waitFor();
        await page.keyboard.type('ZADD board 10 ann 20 bob');
        await page.keyboard.press('Escape');
        await page.keyboard.press('Enter');
        await page.keyboard.type('ZRANGE board 0 -1 WITHSCORES');
        await page.keyboard.press('Escape');
        await page.keyboard.press('Enter');
        await page.keyboard.type('INCR board');
        await page.keyboard.press('Control+Shift+Enter');
        await expect(page.locator('#workbench .wb-card')).toHaveCount(3);
        await page.locator('#workbench .wb-card .wb-view').first().click();
        await page.locator('#workbench .wb-table').waitFor();
        expect(await blocking(page, '#workbench')).toEqual([]);
        expect(pageErrors(page)).toEqual([]);
      });
    }
  }
});

test.describe('keyboard', () => {
  test('Alt+1 and Alt+3 leave the terminal for the lessons and the inspector; Alt+2 comes back', async ({ page }) => {
    await typeLine(page, 'SET before 1');
    expect(await focused(page)).toBe('textarea.xterm-helper-textarea');
    await page.keyboard.press('Alt+1');
    await expect.poll(() => focused(page)).toBe('aside#lessons.panel.lessons');
    await page.keyboard.press('Alt+2');
    await expect.poll(() => focused(page)).toBe('textarea.xterm-helper-textarea');
    await page.keyboard.press('Alt+3');
    await expect.poll(() => focused(page)).toBe('aside#inspector.panel.inspector');
    // Nothing of the shortcuts reached the line editor: the next line is typed clean.
    await page.keyboard.press('Alt+2');
    await expect.poll(() => focused(page)).toBe('textarea.xterm-helper-textarea');
    await typeLine(page, 'GET before');
    expect(await page.evaluate(() => window.redisPlayground!.screen().slice(-3))).toEqual(['127.0.0.1:6379> GET before', '"1"', '127.0.0.1:6379>']);
    // The line editor's own Alt keys still work: Alt-B moves back a word.
    await page.keyboard.type('GET x');
    await page.keyboard.press('Alt+B');
    await page.keyboard.type('before ');
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await typeLine(page, '');
    expect(await page.evaluate(() => window.redisPlayground!.screen().slice(-3))).toEqual(['127.0.0.1:6379> GET before', '"1"', '127.0.0.1:6379>']);
    // A closed panel opens and takes focus.
    await page.getByRole('button', { name: 'Inspector' }).click();
    await expect(page.locator('#inspector')).toHaveCount(0);
    await focusTerminal(page);
    await page.keyboard.press('Alt+3');
    await expect.poll(() => focused(page)).toBe('aside#inspector.panel.inspector');
    expect(pageErrors(page)).toEqual([]);
  });

  test('Enter on a lesson link focuses the lesson heading; All lessons returns to the link', async ({ page }) => {
    const link = page.locator('#lessons .lesson-link').nth(1);
    await link.focus();
    const id = await page.locator('#lessons .lesson-list > li').nth(1).getAttribute('data-lesson');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('h3.lesson-heading');
    expect(await page.locator('.lesson-heading').textContent()).toBe(await page.locator(`.lesson[data-lesson="${id}"] .lesson-heading`).textContent());
    // Tab from the heading goes on through the lesson, not back to the top of the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.lesson') !== null)).toBe(true);
    await page.getByRole('button', { name: '← All lessons' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('li')?.dataset.lesson)).toBe(id);
    expect(await focused(page)).toBe('a.lesson-link');
    // A click opens it too, with the same focus.
    await link.click();
    await expect.poll(() => focused(page)).toBe('h3.lesson-heading');
    // The header's Lessons button, reopening a closed panel, focuses it.
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await expect(page.locator('#lessons')).toHaveCount(0);
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await expect.poll(() => focused(page)).toBe('aside#lessons.panel.lessons');
  });

  test('opens the list of keys from the terminal, in either language, and Escape gives focus back', async ({ page }) => {
    for (const [key, heading, row] of [
      ['Alt+Slash', 'Keyboard shortcuts', 'Search earlier commands'],
      ['F1', '단축키', '이전 명령 검색'],
    ] as const) {
      if (key === 'F1') {
        await setLanguage(page, 'ko');
        await focusTerminal(page);
      }
      expect(await focused(page)).toBe('textarea.xterm-helper-textarea');
      await page.keyboard.press(key);
      const dialog = page.getByRole('dialog', { name: heading });
      await expect(dialog).toHaveCount(1);
      // The page's keys and the terminal's line editing, each with what it does.
      const rows = await dialog.locator('tbody tr').allTextContents();
      for (const k of ['Alt+1', 'Alt+3', 'Ctrl-A, Ctrl-E', 'Ctrl-K', 'Ctrl-U', 'Ctrl-W', 'Ctrl-R', '↑ ↓', 'Tab', 'Ctrl-L', 'Ctrl-C']) {
        expect(rows.some((r) => r.startsWith(k))).toBe(true);
      }
      expect(rows).toContain(`Ctrl-R${row}`);
      // Focus is inside the modal: Tab does not leave it.
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement === document.body || document.activeElement?.closest('dialog') !== null)).toBe(true);
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect.poll(() => focused(page)).toBe('textarea.xterm-helper-textarea');
    }
    // Nothing was typed into the terminal meanwhile.
    await typeLine(page, 'PING');
    expect(await page.evaluate(() => window.redisPlayground!.screen().slice(-3))).toEqual(['127.0.0.1:6379> PING', 'PONG', '127.0.0.1:6379>']);
    // The terminal's label follows the language.
    expect(await page.locator('.xterm-helper-textarea').getAttribute('aria-label')).toBe('터미널 입력 (redis-cli)');
    // A terminal opened in Korean mode is labelled in Korean too; switching relabels them all.
    await page.locator('.tab-add:not(.replica)').click();
    await expect(page.locator('.xterm-helper-textarea')).toHaveCount(2);
    expect(await page.locator('.xterm-helper-textarea').nth(1).getAttribute('aria-label')).toBe('터미널 입력 (redis-cli)');
    await setLanguage(page, 'en');
    expect(await page.locator('.xterm-helper-textarea').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      'Terminal input (redis-cli)',
      'Terminal input (redis-cli)',
    ]);
  });

  test('opens a terminal with the + button and closes it with Delete, by keyboard alone', async ({ page }) => {
    await page.getByRole('tab', { selected: true }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('New terminal');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab')).toHaveCount(2);
    await waitIdle(page);
    await page.getByRole('tab', { selected: true }).focus();
    await page.keyboard.press('Delete');
    await expect(page.getByRole('tab')).toHaveCount(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
    expect(await page.getByRole('tab').getAttribute('aria-keyshortcuts')).toBe('F2');
  });

  test('walks the header with Tab alone, and the ? button opens the list', async ({ page }) => {
    // A click on the title (not focusable) starts the Tab order at the top of the page.
    await page.locator('.topbar h1').click();
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      names.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''));
    }
    expect(names).toEqual(['Lessons', 'Inspector', 'Workbench', expect.stringMatching(/^(Light|Dark) theme$/), 'Keyboard shortcuts']);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(1);
    await page.keyboard.press('Enter'); // Close, the dialog's first control
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Keyboard shortcuts');
  });
});
