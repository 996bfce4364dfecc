// The terminal as a person uses it: typing, what each kind of reply looks like, the prompt,
// hints, completion, history, raw mode, paste — read back from the screen.

import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { accessibleRows, focusTerminal, pageErrors, paste, screen, typeLine, waitIdle } from './support.js';
import { FIRST_VISIT } from '../src/ui/first-visit.js';
import { afterWelcome, useSite } from './site.js';

const site = useSite();
let page: Page;

beforeEach(async () => {
  page = await site.open();
});

/** Types a line and returns what the terminal printed for it (the lines after the typed one). */
async function run(line: string): Promise<string[]> {
  const before = (await screen(page)).length;
  await typeLine(page, line);
  const after = await screen(page);
  // `before - 1` is the prompt row the line was typed on.
  return after.slice(before - 1);
}

describe('terminal', () => {
  it('shows redis-cli prompt first, ready to type, under the page welcome line', async () => {
    expect(await screen(page)).toEqual([FIRST_VISIT.en.welcome, '127.0.0.1:6379>']);
    expect(pageErrors(page)).toEqual([]);
  });

  it('prints each reply type as redis-cli does', async () => {
    expect(await run('PING')).toEqual(['127.0.0.1:6379> PING', 'PONG', '127.0.0.1:6379>']);
    expect(await run('SET greeting "hello world"')).toEqual(['127.0.0.1:6379> SET greeting "hello world"', 'OK', '127.0.0.1:6379>']);
    expect((await run('GET greeting'))[1]).toBe('"hello world"');
    expect((await run('INCR n'))[1]).toBe('(integer) 1');
    expect((await run('GET nosuch'))[1]).toBe('(nil)');
    expect((await run('LPUSH n x'))[1]).toBe('(error) WRONGTYPE Operation against a key holding the wrong kind of value');
    expect((await run('KEYS nomatch*'))[1]).toBe('(empty array)');
    await run('RPUSH list a b c');
    expect((await run('LRANGE list 0 -1')).slice(1, 4)).toEqual(['1) "a"', '2) "b"', '3) "c"']);
    await run('ZADD z 1.5 one 2 two');
    expect((await run('ZRANGE z 0 -1 WITHSCORES')).slice(1, 5)).toEqual(['1) "one"', '2) "1.5"', '3) "two"', '4) "2"']);
    expect((await run('ECHO 안녕'))[1]).toBe('"\\xec\\x95\\x88\\xeb\\x85\\x95"');
    expect((await run('SET "a b'))[1]).toBe('Invalid argument(s)');
    expect((await run('FOO'))[1]).toBe("(error) ERR unknown command 'FOO', with args beginning with:");
    // RESP3 after HELLO 3: maps, doubles, booleans-free replies print with their own markers.
    await run('HELLO 3');
    expect((await run('ZSCORE z one'))[1]).toBe('(double) 1.5');
    await run('HSET h f v');
    expect((await run('HGETALL h')).slice(1, 2)).toEqual(['1# "f" => "v"']);
    expect(pageErrors(page)).toEqual([]);
  });

  it('nests arrays with redis-cli indentation', async () => {
    await run('HSET user:1 name alice');
    const out = await run('SCAN 0 MATCH user:* COUNT 100');
    expect(out.slice(1, 4)).toEqual(['1) "0"', '2) 1) "user:1"', '127.0.0.1:6379>']);
  });

  it('shows [db] after SELECT and (TX) inside MULTI, also on the tab', async () => {
    expect((await run('SELECT 2')).at(-1)).toBe('127.0.0.1:6379[2]>');
    await expect.poll(() => page.locator('.tab.active .badge').first().textContent()).toBe('db2');
    expect((await run('MULTI')).at(-1)).toBe('127.0.0.1:6379[2](TX)>');
    await expect.poll(() => page.locator('.tab.active .badge.tx').count()).toBe(1);
    expect((await run('INCR c'))[1]).toBe('QUEUED');
    const exec = await run('EXEC');
    expect(exec.slice(1)).toEqual(['1) (integer) 1', '127.0.0.1:6379[2]>']);
  });

  it('shows the argument hint while typing and completes command names with Tab', async () => {
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

  it('edits the line: arrows, Home/End, Ctrl-A/E/K/U/W', async () => {
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

  it('edits Korean text by whole characters, two cells each', async () => {
    await page.keyboard.type('ECHO 안녕하세요');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('X');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('Y');
    await page.keyboard.press('Enter');
    await waitIdle(page);
    const bytes = [...Buffer.from('안녕Y세요', 'utf8')].map((b) => '\\x' + b.toString(16).padStart(2, '0')).join('').replace(/\\x59/, 'Y');
    expect((await screen(page)).slice(-3)).toEqual(['127.0.0.1:6379> ECHO 안녕Y세요', `"${bytes}"`, '127.0.0.1:6379>']);
  });

  it('keeps history: Up/Down, Ctrl-R, and across a reload', async () => {
    await run('SET first 1');
    await run('SET second 2');
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

  it('runs every line of a multi-line paste', async () => {
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

  it('shows replies like redis-cli --raw when raw mode is on', async () => {
    await run('SET ko 안녕');
    expect((await run('GET ko'))[1]).toBe('"\\xec\\x95\\x88\\xeb\\x85\\x95"');
    await page.getByLabel('raw').check();
    await focusTerminal(page);
    expect((await run('GET ko'))[1]).toBe('안녕');
    expect((await run('INCR n'))[1]).toBe('1');
    await page.getByLabel('raw').uncheck();
    await focusTerminal(page);
    expect((await run('INCR n'))[1]).toBe('(integer) 2');
  });

  it('clears the screen with CLEAR and Ctrl-L', async () => {
    await run('PING');
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

  it('exposes the screen text to assistive technology', async () => {
    await run('ECHO accessible');
    // The tree is refreshed a moment after the screen (xterm.js debounces it).
    await expect.poll(() => accessibleRows(page)).toContain('"accessible"');
  });

  it('shows the start of a huge reply instead of freezing the page', async () => {
    await run('SADD s a b c');
    await typeLine(page, 'SRANDMEMBER s -500000');
    const shown = await screen(page);
    const notice = shown.indexOf('(the reply was too long for this page: only its first 10,000 elements or 1 MB are shown)');
    expect(notice).toBeGreaterThan(0);
    expect(shown[notice - 1]).toMatch(/^10000\) "[abc]"$/);
    expect((await run('PING'))[1]).toBe('PONG');
  });

  it('answers HELP from the command table', async () => {
    const out = await run('HELP GET');
    expect(out[2]).toBe('  GET key');
    expect(out.some((l) => l.startsWith('  group: string'))).toBe(true);
  });

  it('starts redis-cli again after QUIT', async () => {
    await run('SELECT 3');
    await page.keyboard.type('QUIT');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await screen(page)).at(-1)).toBe('redis-cli exited. Press any key to start it again.');
    await page.keyboard.press('Enter');
    await waitIdle(page);
    expect((await screen(page)).at(-1)).toBe('127.0.0.1:6379>');
    expect((await run('CLIENT INFO'))[1]).toMatch(/ db=0 /);
  });
});
