// Clients that wait on each other, across terminal tabs: SUBSCRIBE/PUBLISH, a blocked BLPOP
// served by another tab's RPUSH, and Ctrl-C leaving both states, as redis-cli does.

import type { Page } from '@playwright/test';
import { activeTab, focusTerminal, pageErrors, pageNow, realTimePassed, screen, typeLine, waitIdle } from './support.js';
import { FIRST_VISIT } from '../src/ui/first-visit.js';
import { expect, newTab, test } from './fixtures.js';

async function selectTab(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await focusTerminal(page);
}

/** The clients panel's row of a client blocked in `command` (BLPOP, BRPOP). */
const blocked = (page: Page, command: string) => page.locator('.clients li', { hasText: `blocked in ${command} ` });

/** Types a line and presses Enter without waiting for a prompt (the command waits). */
async function start(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test.describe('clients waiting on each other', () => {
  test('SUBSCRIBE in one tab shows what PUBLISH sends from another, at once', async ({ page }) => {
    const subscriber = await activeTab(page);
    await start(page, 'SUBSCRIBE news');
    // The first tab, under the page's welcome line.
    await expect
      .poll(() => screen(page, subscriber))
      .toEqual([
        FIRST_VISIT.en.welcome,
        '127.0.0.1:6379> SUBSCRIBE news',
        'Reading messages... (press Ctrl-C to quit)',
        '1) "subscribe"',
        '2) "news"',
        '3) (integer) 1',
      ]);
    await newTab(page);
    await typeLine(page, 'PUBLISH news "hello world"');
    expect((await screen(page)).slice(-2)).toEqual(['(integer) 1', '127.0.0.1:6379>']);
    await expect.poll(async () => (await screen(page, subscriber)).slice(-3)).toEqual(['1) "message"', '2) "news"', '3) "hello world"']);

    // Ctrl-C leaves subscribe mode with a new connection: the publisher now reaches no one.
    await selectTab(page, /client 1/);
    await page.keyboard.press('Control+c');
    await waitIdle(page);
    expect((await screen(page)).slice(-2)).toEqual(['^C', '127.0.0.1:6379>']);
    await typeLine(page, 'PUBLISH news again');
    expect((await screen(page)).slice(-2)).toEqual(['(integer) 0', '127.0.0.1:6379>']);
    expect(pageErrors(page)).toEqual([]);
  });

  test('a BLPOP in one tab is answered by RPUSH in another', async ({ page }) => {
    const worker = await activeTab(page);
    await typeLine(page, 'SELECT 1');
    const sent = await pageNow(page);
    await start(page, 'BLPOP jobs 0');
    await expect(blocked(page, 'BLPOP')).toHaveCount(1);
    expect((await screen(page, worker)).at(-1)).toBe('127.0.0.1:6379[1]> BLPOP jobs 0');
    // redis-cli prints how long a command took once that is over half a second.
    await realTimePassed(page, sent, 600);
    await newTab(page);
    await typeLine(page, 'SELECT 1');
    await typeLine(page, 'RPUSH jobs job:1');
    expect((await screen(page)).slice(-2)).toEqual(['(integer) 1', '127.0.0.1:6379[1]>']);
    const afterBlpop = async () => {
      const shown = await screen(page, worker);
      return shown.slice(shown.indexOf('127.0.0.1:6379[1]> BLPOP jobs 0'));
    };
    // The reply, how long the wait took (redis-cli prints it past half a second), the prompt.
    await expect
      .poll(afterBlpop)
      .toEqual(['127.0.0.1:6379[1]> BLPOP jobs 0', '1) "jobs"', '2) "job:1"', expect.stringMatching(/^\(\d+\.\d\ds\)$/), '127.0.0.1:6379[1]>']);
    await selectTab(page, /client 2/);
    await typeLine(page, 'LLEN jobs');
    expect((await screen(page)).slice(-2)).toEqual(['(integer) 0', '127.0.0.1:6379[1]>']);
  });

  test('Ctrl-C abandons a blocked command; the next push goes to nobody', async ({ page }) => {
    await typeLine(page, 'SELECT 2');
    await start(page, 'BRPOP queue 0');
    await expect(blocked(page, 'BRPOP')).toHaveCount(1);
    await page.keyboard.press('Control+c');
    await waitIdle(page);
    expect((await screen(page)).slice(-3)).toEqual(['127.0.0.1:6379[2]> BRPOP queue 0', '^C', '127.0.0.1:6379[2]>']);
    await typeLine(page, 'RPUSH queue x');
    expect((await screen(page)).slice(-2)).toEqual(['(integer) 1', '127.0.0.1:6379[2]>']);
    await typeLine(page, 'LLEN queue');
    expect((await screen(page)).slice(-2)).toEqual(['(integer) 1', '127.0.0.1:6379[2]>']);
  });

  test('MONITOR streams every command of every client into its tab', async ({ page }) => {
    const monitor = await activeTab(page);
    await start(page, 'MONITOR');
    await expect.poll(() => screen(page, monitor)).toEqual([FIRST_VISIT.en.welcome, '127.0.0.1:6379> MONITOR', 'OK']);
    await newTab(page);
    await typeLine(page, 'SELECT 3');
    await typeLine(page, 'SET greeting "hello world"');
    await expect
      .poll(async () => (await screen(page, monitor)).slice(3))
      .toEqual([
        // Redis feeds monitors after the command ran: SELECT already shows its new database.
        expect.stringMatching(/^\d+\.\d{6} \[3 127\.0\.0\.1:\d+\] "SELECT" "3"$/),
        expect.stringMatching(/^\d+\.\d{6} \[3 127\.0\.0\.1:\d+\] "SET" "greeting" "hello world"$/),
      ]);
  });

  test('keyspace notifications arrive as messages in a subscribed tab', async ({ page }) => {
    const watcher = await activeTab(page);
    await typeLine(page, 'CONFIG SET notify-keyspace-events KEA');
    await start(page, 'PSUBSCRIBE __keyevent@0__:*');
    await expect.poll(async () => (await screen(page, watcher)).slice(-3)).toEqual(['1) "psubscribe"', '2) "__keyevent@0__:*"', '3) (integer) 1']);
    await newTab(page);
    await typeLine(page, 'RPUSH tasks t1');
    await expect
      .poll(async () => (await screen(page, watcher)).slice(-4))
      .toEqual(['1) "pmessage"', '2) "__keyevent@0__:*"', '3) "__keyevent@0__:rpush"', '4) "tasks"']);
  });

  test('a BLPOP with a timeout answers nil when it runs out', async ({ page }) => {
    await start(page, 'BLPOP nothing 0.6');
    await waitIdle(page, undefined, 5_000);
    expect((await screen(page)).slice(-4)).toEqual([
      '127.0.0.1:6379> BLPOP nothing 0.6',
      '(nil)',
      expect.stringMatching(/^\(0\.[67]\ds\)$/),
      '127.0.0.1:6379>',
    ]);
  });
});
