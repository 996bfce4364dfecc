// The workbench: a Monaco editor of Redis scripts beside the terminals. Opened by keyboard,
// three lines typed and run, each result read off its card; a Python script's r. completion; scripts kept across a reload; a
// run inside MULTI/EXEC; a lesson step's lines opened in the editor; screenshots at three sizes
// in both themes (kept in test-results/ to be looked at).

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { screen, typeLine, waitIdle } from './support.js';

const editor = (page: Page) => page.locator('#workbench .wb-editor');
const cards = (page: Page) => page.locator('#workbench .wb-card');

/** Alt+4, as a keyboard user would; resolves once the editor has the keyboard. */
async function openByKeyboard(page: Page): Promise<void> {
  await page.keyboard.press('Alt+4');
  await expect(editor(page).locator('.monaco-editor')).toBeVisible();
  await expect(editor(page).locator('.monaco-editor')).toHaveClass(/\bfocused\b/);
}

/**
 * Types into the editor as a person does (Monaco's own auto-closing of quotes stays out of it).
 * Both the argument hint and the suggestion list may be open at a line's end, the list late (key
 * names come from the engine): Ctrl+Space opens it now, then Escape closes each before Enter,
 * which would otherwise accept a suggestion and join the next line to this one.
 */
async function typeScript(page: Page, lines: readonly string[]): Promise<void> {
  const list = page.locator('#workbench .suggest-widget.visible');
  for (const [i, line] of lines.entries()) {
    await page.keyboard.type(line);
    await page.keyboard.press('Control+Space');
    await expect(list).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(list).toHaveCount(0);
    await page.keyboard.press('Escape');
    if (i < lines.length - 1) await page.keyboard.press('Enter');
  }
}

test('open the workbench by keyboard, type three lines, run them and read each result', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openByKeyboard(page);
  await typeScript(page, ['SET greeting hello', 'GET greeting', 'INCR greeting']);
  await page.keyboard.press('Control+Shift+Enter');
  await expect(cards(page)).toHaveCount(3);
  await expect(cards(page).nth(0).locator('.wb-output')).toHaveText('OK');
  await expect(cards(page).nth(1).locator('.wb-output')).toHaveText('"hello"');
  await expect(cards(page).nth(2).locator('.wb-output')).toHaveText('(error) ERR value is not an integer or out of range');
  await expect(cards(page).nth(2)).toHaveClass(/error/);
  await expect(cards(page).nth(0).locator('.wb-ms')).toHaveText(/^\d+(\.\d+)? ms$/);
  // The results are a live region: a screen reader hears each card as it comes.
  await expect(page.locator('#workbench .wb-results')).toHaveAttribute('aria-live', 'polite');

  // The line at the cursor alone (Ctrl+Enter): the cursor is on line 3.
  await page.keyboard.press('Control+Enter');
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first().locator('.wb-line')).toHaveText('line 3');

  // The workbench is a client of its own, by name, as CLIENT LIST shows it.
  await page.locator('.terminal-box:not([hidden]) textarea').focus();
  await typeLine(page, 'CLIENT LIST');
  await expect.poll(async () => (await screen(page)).some((l) => / name=workbench /.test(l))).toBe(true);
  // The terminal shares the data.
  await typeLine(page, 'GET greeting');
  await expect.poll(async () => (await screen(page)).at(-2)).toBe('"hello"');
  expect(errors).toEqual([]);
});

test('completion, signature help, hover and markers come from the command table; key names from the database', async ({ page }) => {
  await page.locator('.terminal-box:not([hidden]) textarea').focus();
  await typeLine(page, 'SET player:1 kim');
  await waitIdle(page);
  await openByKeyboard(page);
  const suggest = page.locator('#workbench .suggest-widget');
  const rows = suggest.locator('.monaco-list-row');

  // ZAD offers ZADD first, with its summary; Enter accepts it as a snippet of its syntax.
  await page.keyboard.type('ZAD');
  await expect(rows.first()).toContainText('ZADD');
  await expect(rows.first()).toContainText('Add members with scores');
  await page.keyboard.press('Enter');
  await expect(editor(page).locator('.view-line').first()).toHaveText('ZADD key score member');
  // The placeholder "key" is selected: typing replaces it, and the hint follows the arguments.
  await page.keyboard.type('board');
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Shift+Space');
  const hints = page.locator('#workbench .parameter-hints-widget');
  await expect(hints).toBeVisible();
  await expect(hints).toContainText('ZADD key [NX|XX]');
  await page.keyboard.press('Escape');

  // A wrong-arity line is marked before it runs, in Redis's own words.
  await page.keyboard.press('Enter');
  await page.keyboard.type('GET');
  await page.keyboard.press('Escape');
  await expect(editor(page).locator('.squiggly-error')).toHaveCount(1); // GET, not the ZADD line
  // Markers follow typing a moment later (the editor's worker): a busy machine may still show
  // the one the first line had while it read "ZAD", so look again until GET's is the one.
  await expect
    .poll(async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F8'); // Monaco's "next problem"
      return (await page.locator('#workbench .marker-widget').allTextContents()).join(' | ');
    })
    .toContain("ERR wrong number of arguments for 'get' command");
  await page.keyboard.press('Escape');

  // At a key position the worker's key names are offered.
  await page.keyboard.type(' play');
  await expect(rows.first()).toContainText('player:1');
  await page.keyboard.press('Enter');
  await expect(editor(page).locator('.view-line').nth(1)).toHaveText('GET player:1');
  await expect(editor(page).locator('.squiggly-error')).toHaveCount(0);

  // Hovering a command name shows its docs.
  await editor(page).locator('.view-line').first().getByText('ZADD').hover();
  await expect(page.locator('#workbench .monaco-hover:not(.hidden)').first()).toContainText('since 1.2.0');
  await expect(page.locator('#workbench .monaco-hover:not(.hidden)').first()).toContainText('group sorted-set');
});

test('a Python script: after r. the methods of our redis package, with their signatures', async ({ page }) => {
  await openByKeyboard(page);
  await page.locator('#workbench').getByRole('button', { name: 'New Python' }).click();
  await editor(page).locator('.monaco-editor').click();
  const rows = page.locator('#workbench .suggest-widget.visible .monaco-list-row');
  // The dot opens the list; the letters narrow it.
  await page.keyboard.type('r.hs');
  const hset = rows.filter({ hasText: /^hset\(/ });
  await expect(hset).toHaveCount(1);
  await expect(hset).toContainText('hset(name, key=None, value=None, mapping=None, items=None)');
  await expect(rows.filter({ hasText: /^hsetnx\(/ })).toHaveCount(1);
  // Accepting it (the arrow keys to it, then Enter) writes the name after the dot.
  await expect(async () => {
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('#workbench .suggest-widget.visible .monaco-list-row.focused')).toContainText(/^hset\(/, { timeout: 500 });
  }).toPass();
  await page.keyboard.press('Enter');
  await expect(editor(page).locator('.view-line').first()).toHaveText('r.hset');
  // A name that holds no client gets none of them.
  await page.keyboard.press('Enter');
  await page.keyboard.type('os.hs');
  await page.keyboard.press('Control+Space');
  await expect(rows.filter({ hasText: /^hset\(/ })).toHaveCount(0);
});

test('the editor runs in a real Web Worker of its own, built with the site', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await openByKeyboard(page);
  // Monaco asks its worker for the words of the text when the language service has nothing to
  // offer (in a comment, here).
  await typeScript(page, ['# hello there', '# he']);
  await page.keyboard.press('Control+Space');
  await expect.poll(() => workers.some((u) => /\/assets\/editor\.worker-[\w-]+\.js$/.test(u))).toBe(true);
  expect(workers.every((u) => u.startsWith(new URL(page.url()).origin))).toBe(true);
});

test('a table view for pairs; a stop at the first error, or not', async ({ page }) => {
  await openByKeyboard(page);
  await typeScript(page, ['ZADD board 10 ann 20 bob', 'ZRANGE board 0 -1 WITHSCORES', 'LPUSH board x', 'DBSIZE']);
  await page.getByRole('button', { name: 'Run all' }).click();
  // LPUSH on a sorted set is an error: the run stops there, DBSIZE is not sent.
  await expect(cards(page)).toHaveCount(3);
  await expect(cards(page).nth(1).locator('.wb-output')).toHaveText(['1) "ann"\n2) "10"\n3) "bob"\n4) "20"']);
  await cards(page).nth(1).getByRole('button', { name: 'Table' }).click();
  await expect(cards(page).nth(1).locator('table tbody tr')).toHaveCount(2);
  await expect(cards(page).nth(1).locator('table tbody tr').nth(1).locator('td')).toHaveText(['"bob"', '"20"']);
  await expect(cards(page).nth(1).locator('table thead th')).toHaveText(['member', 'score']);

  await page.getByRole('checkbox', { name: 'Stop at the first error' }).uncheck();
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(cards(page)).toHaveCount(4);
  await expect(cards(page).nth(3).locator('.wb-output')).toHaveText('(integer) 1');
});

test('Run as MULTI/EXEC: each command gets its share of EXEC’s reply', async ({ page }) => {
  await openByKeyboard(page);
  await typeScript(page, ['SET tx 1', 'INCR tx', 'GET tx']);
  await page.locator('#workbench select.wb-mode').selectOption('multi');
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(cards(page)).toHaveCount(5);
  await expect(cards(page).locator('.wb-source')).toHaveText(['MULTI', 'SET tx 1', 'INCR tx', 'GET tx', 'EXEC']);
  await expect(cards(page).nth(0).locator('.wb-output')).toHaveText('OK');
  await expect(cards(page).nth(2).locator('.wb-output')).toHaveText('(integer) 2');
  await expect(cards(page).nth(2).locator('.wb-note')).toHaveText('in EXEC');
  await expect(cards(page).nth(4).locator('.wb-output')).toHaveText('1) OK\n2) (integer) 2\n3) "2"');
});

test('runs in a terminal tab’s client when asked: the tab’s prompt follows', async ({ page }) => {
  await openByKeyboard(page);
  await typeScript(page, ['SELECT 3', 'SET where tab', 'CLIENT GETNAME']);
  await page.locator('#workbench select.wb-client').selectOption({ label: 'terminal “client 1”' });
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(cards(page).locator('.wb-output')).toHaveText(['OK', 'OK', '(nil)']);
  // The terminal's connection ran them: its prompt and tab show database 3.
  await expect.poll(async () => (await screen(page)).at(-1)).toBe('127.0.0.1:6379[3]>');
  await page.locator('.terminal-box:not([hidden]) textarea').focus();
  await typeLine(page, 'GET where');
  await expect.poll(async () => (await screen(page)).slice(-2)).toEqual(['"tab"', '127.0.0.1:6379[3]>']);
});

test('scripts survive a reload, each with its name and text', async ({ page }) => {
  await openByKeyboard(page);
  await typeScript(page, ['SET kept yes']);
  // The argument hint may float over the toolbar: the button under it still takes the click.
  await page.keyboard.press('Control+Shift+Space');
  await expect(page.locator('#workbench .parameter-hints-widget')).toBeVisible();
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByLabel('Script name').fill('second one');
  await editor(page).locator('.view-lines').click();
  await typeScript(page, ['GET kept']);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('redis-playground:workbench') ?? '')).toContain('GET kept');
  await page.reload();
  await expect(editor(page).locator('.monaco-editor')).toBeVisible();
  await expect(page.getByLabel('Script', { exact: true })).toHaveValue('2');
  await expect(page.getByLabel('Script name')).toHaveValue('second one');
  await expect(editor(page).locator('.view-lines')).toHaveText('GET kept');
  await page.getByLabel('Script', { exact: true }).selectOption({ label: 'script 1' });
  await expect(editor(page).locator('.view-lines')).toHaveText('SET kept yes');
});

test('"Open in editor" puts a lesson step’s lines in a new script', async ({ page }) => {
  const lessons = page.locator('#lessons');
  await lessons.getByRole('link', { name: /First contact/ }).click();
  // Walk the steps until one offers its lines to the editor.
  const open = lessons.getByRole('button', { name: 'Open in editor' });
  for (let i = 0; i < 12 && !(await open.isVisible()); i++) await lessons.getByRole('button', { name: 'Next', exact: true }).click();
  const lines = await lessons.locator('.commands code').allTextContents();
  await open.click();
  await expect(editor(page).locator('.monaco-editor')).toBeVisible();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('redis-playground:workbench') ?? '')).toContain(JSON.stringify(lines[0]!).slice(1, -1));
  const text = await editor(page).locator('.view-lines').innerText();
  for (const line of lines) expect(text.replace(/\u00a0/g, ' ')).toContain(line);
});

test('a lesson step done as a script: started with Open in editor, typed by keyboard, Run all', async ({ page }) => {
  await waitIdle(page);
  await page.evaluate(() => (location.hash = '#/lessons/first-contact/11'));
  const step = page.locator('#lessons .step');
  await expect(step).toHaveAttribute('data-step', '11');
  await page.locator('#lessons').getByRole('button', { name: 'Open in editor' }).click();
  await expect(editor(page).locator('.monaco-editor')).toHaveClass(/\bfocused\b/);
  await expect(editor(page).locator('.view-lines')).toContainText('SET Croatia Zagreb');
  // The learner goes to the end of the two given lines and writes the rest.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await typeScript(page, ['SET Lebanon Beirut', 'SET Norway Oslo', 'SET France Paris', 'MGET Bahamas Croatia Lebanon Norway France']);
  await expect(step).toHaveAttribute('data-passed', 'false');
  await page.keyboard.press('Control+Shift+Enter');
  await expect(cards(page)).toHaveCount(6);
  await expect(cards(page).nth(5).locator('.wb-output')).toHaveText('1) "Nassau"\n2) "Zagreb"\n3) "Beirut"\n4) "Oslo"\n5) "Paris"');
  await expect(step).toHaveAttribute('data-passed', 'true');
});

test('works offline after one visit: the service worker has Monaco’s chunks and its worker', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  // Never opened online: the service worker stored the workbench's files with the rest.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.context().setOffline(true);
  try {
    await page.reload();
    await waitIdle(page, undefined, 15_000);
    await openByKeyboard(page);
    await typeScript(page, ['SET offline yes', 'GET offline']);
    await page.keyboard.press('Control+Shift+Enter');
    await expect(cards(page).locator('.wb-output')).toHaveText(['OK', '"yes"']);
    await expect.poll(() => workers.some((u) => /editor\.worker-/.test(u))).toBe(true);
  } finally {
    await page.context().setOffline(false);
  }
});

test('Korean: the panel speaks the page’s language', async ({ site }) => {
  const page = await site.open({ locale: 'ko-KR' });
  await page.keyboard.press('Alt+4');
  await expect(page.locator('#workbench').getByRole('button', { name: '모두 실행' })).toBeVisible();
  await expect(page.locator('#workbench .wb-empty')).toContainText('줄(Ctrl+Enter)');
  // The first script's given name too, and a new one's.
  await expect(page.getByLabel('스크립트 이름')).toHaveValue('스크립트 1');
  await page.locator('#workbench').getByRole('button', { name: '새로 만들기' }).click();
  await expect(page.getByLabel('스크립트 이름')).toHaveValue('스크립트 2');
  await expect(page.locator('.topbar').getByRole('button', { name: '워크벤치' })).toHaveAttribute('aria-pressed', 'true');
});

test('the shortcuts dialog names Alt+4, Ctrl+Enter and Ctrl+M (Tab leaves the editor)', async ({ page }) => {
  await page.keyboard.press('F1');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('row', { name: /Alt\+4/ })).toContainText('Go to the workbench');
  await expect(dialog.getByRole('row', { name: /Ctrl\+M/ })).toContainText('Tab moves focus');
  await expect(dialog.getByRole('row', { name: /^Ctrl\+Enter/ })).toContainText('run the line');
});

test('keyboard only: Ctrl+M lets Tab leave the editor for the buttons after it', async ({ page }) => {
  await openByKeyboard(page);
  await typeScript(page, ['PING']);
  await page.keyboard.press('Control+m');
  await page.keyboard.press('Tab');
  await expect(page.locator('#workbench .monaco-editor')).not.toHaveClass(/\bfocused\b/);
  // Focus went on to the next control of the page, not nowhere.
  expect(await page.evaluate(() => document.activeElement !== document.body && !document.querySelector('.wb-editor')!.contains(document.activeElement))).toBe(
    true,
  );
  // Shift+Tab back into the editor; Ctrl+Enter runs the line there.
  await page.keyboard.press('Shift+Tab');
  await expect(editor(page).locator('.monaco-editor')).toHaveClass(/\bfocused\b/);
  await page.keyboard.press('Control+Enter');
  await expect(cards(page).locator('.wb-output')).toHaveText(['PONG']);
});

/** What has the keyboard: a short description, and whether the page shows where it is. */
async function focusInfo(page: Page): Promise<{ what: string; shown: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: 'body', shown: false };
    // Monaco's hidden textarea: the editor's box carries the ring.
    const ringed = el.closest<HTMLElement>('.wb-editor') ?? el;
    const style = getComputedStyle(ringed);
    const labels = (el as HTMLInputElement).labels;
    const label = (el.getAttribute('aria-label') ?? (labels && labels.length > 0 ? labels[0]!.textContent : el.textContent) ?? '').trim();
    const what = el.closest('.wb-editor') ? 'editor' : `${el.tagName.toLowerCase()}${label ? ` ${label.slice(0, 40)}` : ''}`;
    return { what, shown: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
  });
}

/** Tab (or Shift+Tab) until `what` has the keyboard, checking the focus is shown at each stop. */
async function tabTo(page: Page, what: RegExp, back = false, most = 15): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < most; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focusInfo(page);
    seen.push(now.what);
    expect(now.shown, `focus shown on ${now.what}`).toBe(true);
    if (what.test(now.what)) return;
  }
  throw new Error(`${String(what)} not reached by ${back ? 'Shift+Tab' : 'Tab'}: ${seen.join(' → ')}`);
}

test('keyboard only: completion, Run all, the options, the toolbar and the result cards, focus shown at every stop', async ({ page }) => {
  await openByKeyboard(page);
  // The way out of the editor is written under it.
  const keys = page.locator('#workbench .wb-keys');
  await expect(keys).toContainText('Ctrl+M, Tab');
  expect((await focusInfo(page)).shown).toBe(true);

  // Completion by keyboard: LPU offers LPUSH; Enter takes its snippet; Tab goes to the next argument.
  await page.keyboard.type('LPU');
  await expect(page.locator('#workbench .suggest-widget .monaco-list-row').first()).toContainText('LPUSH');
  await page.keyboard.press('Enter');
  await page.keyboard.type('jobs');
  // The key-name list may open at a key, late (it asks the engine): Ctrl+Space asks for it now,
  // so it is surely open (or says there is nothing), then Escape closes it (the snippet stays)
  // and Tab moves on. A list that opened after a look would take the Tab instead.
  const list = page.locator('#workbench .suggest-widget.visible');
  await page.keyboard.press('Control+Space');
  await expect(list).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await page.keyboard.press('Tab');
  await page.keyboard.type('first');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await typeScript(page, ['LLEN jobs']);
  await expect(editor(page).locator('.view-line')).toHaveText(['LPUSH jobs first', 'LLEN jobs']);

  // Ctrl+Shift+Enter runs it all; the editor keeps the keyboard.
  await page.keyboard.press('Control+Shift+Enter');
  await expect(cards(page).locator('.wb-output')).toHaveText(['(integer) 1', '(integer) 1']);
  expect((await focusInfo(page)).what).toBe('editor');

  // Ctrl+M: Tab leaves the editor from now on, and the line under it says so.
  await page.keyboard.press('Control+m');
  await expect(keys).toContainText('Tab now leaves the editor');
  // Back to the options, Shift+Tab by Shift+Tab: the client, then Stop at the first error.
  await tabTo(page, /^select Client/, true);
  await tabTo(page, /^input Stop at the first error/, true);
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'Stop at the first error' })).not.toBeChecked();
  // The mode, changed with the arrow keys: in MULTI/EXEC.
  await tabTo(page, /^select Send/, true);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#workbench select.wb-mode')).toHaveValue('multi');
  // Run all, pressed with Enter: the run keeps the keyboard on the page's controls.
  await tabTo(page, /^button Run all$/, true);
  await page.keyboard.press('Enter');
  await expect(cards(page).locator('.wb-source')).toHaveText(['MULTI', 'LPUSH jobs first', 'LLEN jobs', 'EXEC']);
  expect((await focusInfo(page)).what).not.toBe('body');

  // The toolbar above: New by keyboard makes a second script, whose editor takes the keyboard
  // (Tab still leaves it: Ctrl+M holds), and back to the script list.
  await tabTo(page, /^button New$/, true);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Script name')).toHaveValue('script 2');
  await expect.poll(async () => (await focusInfo(page)).what).toBe('editor');
  await tabTo(page, /^input Script name$/, true);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByLabel('Script', { exact: true })).toHaveValue('1');

  // Forward through the toolbar, across the editor (Tab leaves it), to the results: the list
  // takes the keyboard (arrows scroll a long reply), then each card's view toggle.
  await tabTo(page, /^editor$/);
  await tabTo(page, /^button Clear results$/);
  await tabTo(page, /^ol Results$/);
  await tabTo(page, /^button Table$/);
  await page.keyboard.press('Enter');
  await expect(cards(page).last().locator('table')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Text' })).toBeFocused();

  // Shift+Tab back into the editor, Ctrl+M again: Tab indents there once more.
  await tabTo(page, /^editor$/, true);
  await page.keyboard.press('Control+m');
  await expect(keys).not.toContainText('Tab now leaves');
  await page.keyboard.press('Tab');
  expect((await focusInfo(page)).what).toBe('editor');
});

for (const theme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1440, 900],
    [820, 1180],
    [390, 844],
  ] as const) {
    test(`screenshot ${width}×${height} ${theme}`, async ({ site }, info) => {
      const page = await site.open({ width, height });
      await page.evaluate((t) => {
        const saved = JSON.parse(localStorage.getItem('redis-playground:ui') ?? '{"state":{}}') as { state: Record<string, unknown> };
        saved.state.theme = t;
        localStorage.setItem('redis-playground:ui', JSON.stringify(saved));
      }, theme);
      await page.reload();
      await waitIdle(page);
      if (width < 700) await page.locator('.bottom-bar').getByRole('button', { name: 'Workbench' }).click();
      else await page.keyboard.press('Alt+4');
      await expect(editor(page).locator('.monaco-editor')).toBeVisible();
      await editor(page).locator('.view-lines').click();
      await typeScript(page, ['# a sorted set', 'ZADD board 10 ann 20 bob', 'ZRANGE board 0 -1 WITHSCORES', 'HSET user:1 name "Kim" age 30', 'GET missing']);
      await page.getByRole('button', { name: 'Run all' }).click();
      await expect(cards(page)).toHaveCount(4);
      await page.screenshot({ path: info.outputPath(`workbench-${width}x${height}-${theme}.png`) });
    });
  }
}
