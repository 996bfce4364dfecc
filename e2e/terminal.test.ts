// The terminal as a person uses it: typing, what each kind of reply looks like, the prompt,
// hints, completion, history, raw mode, paste — read back from the screen.

import type { Page } from '@playwright/test';
import { accessibleRows, focusTerminal, pageErrors, paste, screen, typeLine, waitIdle } from './support.js';
import { FIRST_VISIT } from '../src/ui/first-visit.js';
import { afterWelcome, expect, test } from './fixtures.js';

/** Types a line and returns what the terminal printed for it (the lines after the typed one). */
async function run(page: Page, line: string): Promise<string[]> {
  const before = (await screen(page)).length;
  await typeLine(page, line);
  const after = await screen(page);
  // `before - 1` is the prompt row the line was typed on.
  return after.slice(before - 1);
}

test.describe('terminal', () => {
  test('shows redis-cli prompt first, ready to type, under the page welcome line', async ({ page }) => {
    expect(await screen(page)).toEqual([FIRST_VISIT.en.welcome, '127.0.0.1:6379>']);
    expect(pageErrors(page)).toEqual([]);
  });

  test('EVAL typed at the first prompt runs: the worker fetches Lua after it and the command waits for it', async ({ page }) => {
    expect((await run(page, `EVAL "return redis.call('SET', KEYS[1], ARGV[1])" 1 k v`))[1]).toBe('OK');
    expect((await run(page, 'GET k'))[1]).toBe('"v"');
    expect(pageErrors(page)).toEqual([]);
  });

  test('prints each reply type as redis-cli does', async ({ page }) => {
    expect(await run(page, 'PING')).toEqual(['127.0.0.1:6379> PING', 'PONG', '127.0.0.1:6379>']);
    expect(await run(page, 'SET greeting "hello world"')).toEqual(['127.0.0.1:6379> SET greeting "hello world"', 'OK', '127.0.0.1:6379>']);
    expect((await run(page, 'GET greeting'))[1]).toBe('"hello world"');
    expect((await run(page, 'INCR n'))[1]).toBe('(integer) 1');
    expect((await run(page, 'GET nosuch'))[1]).toBe('(nil)');
    expect((await run(page, 'LPUSH n x'))[1]).toBe('(error) WRONGTYPE Operation against a key holding the wrong kind of value');
    expect((await run(page, 'KEYS nomatch*'))[1]).toBe('(empty array)');
    await run(page, 'RPUSH list a b c');
    expect((await run(page, 'LRANGE list 0 -1')).slice(1, 4)).toEqual(['1) "a"', '2) "b"', '3) "c"']);
    await run(page, 'ZADD z 1.5 one 2 two');
    expect((await run(page, 'ZRANGE z 0 -1 WITHSCORES')).slice(1, 5)).toEqual(['1) "one"', '2) "1.5"', '3) "two"', '4) "2"']);
    expect((await run(page, 'ECHO 안녕'))[1]).toBe('"\\xec\\x95\\x88\\xeb\\x85\\x95"');
    expect((await run(page, 'SET "a b'))[1]).toBe('Invalid argument(s)');
    expect((await run(page, 'FOO'))[1]).toBe("(error) ERR unknown command 'FOO', with args beginning with:");
    // RESP3 after HELLO 3: maps, doubles, booleans-free replies print with their own markers.
    await run(page, 'HELLO 3');
    expect((await run(page, 'ZSCORE z one'))[1]).toBe('(double) 1.5');
    await run(page, 'HSET h f v');
    expect((await run(page, 'HGETALL h')).slice(1, 2)).toEqual(['1# "f" => "v"']);
    expect(pageErrors(page)).toEqual([]);
  });

  test('nests arrays with redis-cli indentation', async ({ page }) => {
    await run(page, 'HSET user:1 name alice');
    const out = await run(page, 'SCAN 0 MATCH user:* COUNT 100');
    expect(out.slice(1, 4)).toEqual(['1) "0"', '2) 1) "user:1"', '127.0.0.1:6379>']);
  });

  test('shows [db] after SELECT and (TX) inside MULTI, also on the tab', async ({ page }) => {
    expect((await run(page, 'SELECT 2')).at(-1)).toBe('127.0.0.1:6379[2]>');
    await expect(page.locator('.tab.active .badge').first()).toHaveText('db2');
    expect((await run(page, 'MULTI')).at(-1)).toBe('127.0.0.1:6379[2](TX)>');
    await expect(page.locator('.tab.active .badge.tx')).toHaveCount(1);
    expect((await run(page, 'INCR c'))[1]).toBe('QUEUED');
    const exec = await run(page, 'EXEC');
    expect(exec.slice(1)).toEqual(['1) (integer) 1', '127.0.0.1:6379[2]>']);
  });

  test('shows the argument hint while typing and completes command names with Tab', async ({ page }) => {
    await page.keyboard.type('SET k');
    // The hint is cut to the room left on the row, as linenoise does.
    await expect.poll(async () => (await screen(page)).at(-1)).toMatch(/^127\.0\.0\.1:6379> SET k value \[NX\|XX\] \[GET\] \[EX seconds\|PX/);
    await page.keyboard.press('Control+u');
    await page.keyboard.type('hgeta');
    await page.keyboard.press('Tab');
    await expect.poll(async () => (await screen(page)).at(-1)).toBe('127.0.0.1:6379> HGETALL key');
    await page.keyboard.type(' h');
    await page.keyboard.press('Enter');
    await waitIdle(page);
    expect((await screen(page)).slice(-2)).toEqual(['(empty array)', '127.0.0.1:6379>']);
  });

  test('edits the line: arrows, Home/End, Ctrl-A/E/K/U/W', async ({ page }) => {
    await page.keyboard.type('ECHO wrld');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('o');
    await page.keyboard.press('Home');
    await page.keyboard.press('Delete');
    await page.keyboard.type('e');
    await page.keyboard.press('End');
    await page.keyboard.type(' junk');
    await page.keyboard.press('Control+w');
    await page.keyboard.press('Enter');
    await waitIdle(page);
    expect((await screen(page)).slice(-3)).toEqual(['127.0.0.1:6379> eCHO world', '"world"', '127.0.0.1:6379>']);
    await page.keyboard.type('GET abc');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('PING');
    await page.keyboard.press('Control+e');
    await page.keyboard.press('Enter');
    await waitIdle(page);
    expect((await screen(page)).slice(-2)).toEqual(['PONG', '127.0.0.1:6379>']);
  });

  test('edits Korean text by whole characters, two cells each', async ({ page }) => {
    await page.keyboard.type('ECHO 안녕하세요');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('X');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('Y');
    await page.keyboard.press('Enter');
    await waitIdle(page);
    const bytes = [...Buffer.from('안녕Y세요', 'utf8')]
      .map((b) => '\\x' + b.toString(16).padStart(2, '0'))
      .join('')
      .replace(/\\x59/, 'Y');
    expect((await screen(page)).slice(-3)).toEqual(['127.0.0.1:6379> ECHO 안녕Y세요', `"${bytes}"`, '127.0.0.1:6379>']);
  });

  test('keeps history: Up/Down, Ctrl-R, and across a reload', async ({ page }) => {
    await run(page, 'SET first 1');
    await run(page, 'SET second 2');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await screen(page)).at(-1)).toMatch(/^127\.0\.0\.1:6379> SET first 1/);
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await screen(page)).at(-1)).toMatch(/^127\.0\.0\.1:6379> SET second 2/);
    await page.keyboard.press('Control+u');
    await page.keyboard.press('Control+r');
    await page.keyboard.type('firs');
    await expect.poll(async () => (await screen(page)).at(-1)).toBe("(reverse-i-search)`firs': SET first 1");
    await page.keyboard.press('Enter');
    await waitIdle(page);
    expect((await screen(page)).slice(-2)).toEqual(['OK', '127.0.0.1:6379>']);

    await page.reload();
    await waitIdle(page);
    await focusTerminal(page);
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await screen(page)).at(-1)).toMatch(/^127\.0\.0\.1:6379> SET first 1/);
  });

  test('runs every line of a multi-line paste', async ({ page }) => {
    await paste(page, 'SET a 1\nINCR a\nMULTI\nINCR a\nEXEC\n');
    await waitIdle(page);
    const shown = afterWelcome(await screen(page));
    expect(shown).toEqual([
      '127.0.0.1:6379> SET a 1',
      'OK',
      '127.0.0.1:6379> INCR a',
      '(integer) 2',
      '127.0.0.1:6379> MULTI',
      'OK',
      '127.0.0.1:6379(TX)> INCR a',
      'QUEUED',
      '127.0.0.1:6379(TX)> EXEC',
      '1) (integer) 3',
      '127.0.0.1:6379>',
    ]);
  });

  test('shows replies like redis-cli --raw when raw mode is on', async ({ page }) => {
    await run(page, 'SET ko 안녕');
    expect((await run(page, 'GET ko'))[1]).toBe('"\\xec\\x95\\x88\\xeb\\x85\\x95"');
    await page.getByLabel('raw').check();
    await focusTerminal(page);
    expect((await run(page, 'GET ko'))[1]).toBe('안녕');
    expect((await run(page, 'INCR n'))[1]).toBe('1');
    await page.getByLabel('raw').uncheck();
    await focusTerminal(page);
    expect((await run(page, 'INCR n'))[1]).toBe('(integer) 2');
  });

  test('clears the screen with CLEAR and Ctrl-L', async ({ page }) => {
    await run(page, 'PING');
    await typeLine(page, 'CLEAR');
    await expect.poll(async () => accessibleRows(page).then((rows) => rows.filter((r) => r !== ''))).toEqual(['127.0.0.1:6379>']);
    await page.keyboard.type('ECHO x');
    await page.keyboard.press('Control+l');
    // The line being typed stays, alone on the cleared screen, and can be finished.
    await expect.poll(async () => accessibleRows(page).then((rows) => rows.filter((r) => r !== ''))).toEqual(['127.0.0.1:6379> ECHO x']);
    await page.keyboard.type('yz');
    await page.keyboard.press('Enter');
    await waitIdle(page);
    expect((await screen(page)).slice(-2)).toEqual(['"xyz"', '127.0.0.1:6379>']);
  });

  test('exposes the screen text to assistive technology', async ({ page }) => {
    await run(page, 'ECHO accessible');
    // The tree is refreshed a moment after the screen (xterm.js debounces it).
    await expect.poll(() => accessibleRows(page)).toContain('"accessible"');
  });

  test('shows the start of a huge reply instead of freezing the page', async ({ page }) => {
    await run(page, 'SADD s a b c');
    await typeLine(page, 'SRANDMEMBER s -500000');
    const shown = await screen(page);
    const notice = shown.indexOf('(the reply was too long for this page: only its first 10,000 elements or 1 MB are shown)');
    expect(notice).toBeGreaterThan(0);
    expect(shown[notice - 1]).toMatch(/^10000\) "[abc]"$/);
    expect((await run(page, 'PING'))[1]).toBe('PONG');
  });

  test('answers HELP from the command table', async ({ page }) => {
    const out = await run(page, 'HELP GET');
    expect(out[2]).toBe('  GET key');
    expect(out.some((l) => l.startsWith('  group: string'))).toBe(true);
  });

  test('starts redis-cli again after QUIT', async ({ page }) => {
    await run(page, 'SELECT 3');
    await page.keyboard.type('QUIT');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await screen(page)).at(-1)).toBe('redis-cli exited. Press any key to start it again.');
    await page.keyboard.press('Enter');
    await waitIdle(page);
    expect((await screen(page)).at(-1)).toBe('127.0.0.1:6379>');
    expect((await run(page, 'CLIENT INFO'))[1]).toMatch(/ db=0 /);
  });
});
