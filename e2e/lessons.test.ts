// The lessons panel in the browser: pick the first lesson, complete it with the Run buttons (and
// by typing: its first step, and its closing challenge, which has no Run buttons), watch each
// step turn green and the address follow, reload and find the
// progress kept, switch language, open a step from a link, and reset. Then a whole two-client
// lesson (pub/sub: a subscribed terminal, Ctrl-C, a pattern) and a TTL step done with the
// fast-forward button instead of waiting. Last, a challenge in Korean, solved at the keyboard.

import type { Page } from '@playwright/test';
import { focusTerminal, pageErrors, screen, typeLine, waitIdle, waitForPrompt } from './support.js';
import { expect, test } from './fixtures.js';

const hash = (page: Page) => page.evaluate(() => location.hash);
const shownStep = (page: Page) => page.locator('section.step');
const passed = (page: Page) => shownStep(page).getAttribute('data-passed');

test.describe('lessons', () => {
  test('completes the first lesson by Run and by typing, keeps progress across a reload, switches language and resets', async ({ page }) => {
    await page
      .locator('#lessons')
      .getByRole('link', { name: /First contact/ })
      .click();
    await expect.poll(() => hash(page)).toBe('#/lessons/first-contact/1');
    expect(await passed(page)).toBe('false');

    // Step 1 by typing into the terminal, as a person would.
    await focusTerminal(page);
    await typeLine(page, 'PING');
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    expect((await screen(page)).slice(-2)).toEqual(['PONG', '127.0.0.1:6379>']);
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // The other steps with the Run buttons, up to the closing challenge.
    const total = await page.locator('.step-dots .dot').count();
    expect(total).toBe(12);
    for (let step = 2; step < total; step++) {
      await expect(shownStep(page)).toHaveAttribute('data-step', String(step));
      await expect.poll(() => hash(page)).toBe(`#/lessons/first-contact/${step}`);
      expect(await passed(page)).toBe('false');
      const runs = page.locator('section.step > .commands button');
      const n = await runs.count();
      for (let i = 0; i < n; i++) {
        await runs.nth(i).click();
        await waitIdle(page);
      }
      // Step 11 is a script to write (the workbench test writes it): its Run buttons only start
      // it, the solution's lines finish it.
      if (step === 11) {
        await page.getByRole('button', { name: 'Show the solution' }).click();
        const sol = page.locator('section.step .solution .commands button');
        for (let i = 0; i < (await sol.count()); i++) {
          await sol.nth(i).click();
          await waitIdle(page);
        }
      }
      await expect(shownStep(page)).toHaveAttribute('data-passed', 'true', { timeout: 5000 });
      await expect(page.locator('.step-dots .dot.done')).toHaveCount(step);
      await page.getByRole('button', { name: 'Next', exact: true }).click();
    }
    // The challenge: a goal, no Run buttons; the learner types the lines.
    await expect(shownStep(page)).toHaveAttribute('data-step', String(total));
    expect(await page.locator('section.step .challenge-label').textContent()).toBe('Challenge');
    expect(await page.locator('section.step > .commands button').count()).toBe(0);
    await focusTerminal(page);
    await typeLine(page, 'MSET Japan Tokyo Sweden Stockholm');
    await typeLine(page, 'EXISTS Japan Sweden');
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await expect(page.locator('.lesson-done')).toHaveCount(1);
    const lines = await screen(page);
    expect(lines).toContain('127.0.0.1:6379> MGET Lebanon Norway Bahamas');
    expect(lines).toContain('3) "Nassau"');

    // A reload keeps the progress and the place.
    await page.reload();
    await waitForPrompt(page);
    await expect(page.locator('.step-dots .dot.done')).toHaveCount(total);
    expect(await hash(page)).toBe(`#/lessons/first-contact/${total}`);
    expect(await passed(page)).toBe('true');

    // Language: English to Korean and back; the lesson text follows.
    await page.getByRole('button', { name: '한국어' }).click();
    await expect(page.locator('.lesson-heading')).toHaveText('첫 만남: 키와 값');
    expect(await page.locator('.lessons-panel').getAttribute('lang')).toBe('ko');
    await page.getByRole('button', { name: '← 레슨 목록' }).click();
    await expect(page.locator('[data-lesson="first-contact"] .lesson-progress')).toHaveText('✓ 완료');
    await expect.poll(() => hash(page)).toBe('#/lessons');
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .locator('#lessons')
      .getByRole('link', { name: /First contact/ })
      .click();

    // Reset empties the lesson's database and the progress.
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, reset' }).click();
    await expect(page.locator('.step-dots .dot.done')).toHaveCount(0);
    await expect.poll(() => hash(page)).toBe('#/lessons/first-contact/1');
    await focusTerminal(page);
    await typeLine(page, 'DBSIZE');
    expect((await screen(page)).slice(-2)).toEqual(['(integer) 0', '127.0.0.1:6379>']);
    expect(pageErrors(page)).toEqual([]);
  });

  test('opens a lesson from its link, sets up its data, and a two-client step opens a second terminal for the other buyer', async ({ page, site }) => {
    await page.goto(`${site.url}#/lessons/hat-shop/1`);
    await waitForPrompt(page);
    await expect(page.locator('.lesson-heading')).toHaveText('The hat shop: transactions and WATCH');
    await page.getByRole('button', { name: 'Set up the lesson' }).click();
    await expect(page.getByRole('button', { name: 'Set up the lesson' })).toHaveCount(0);
    const runs = page.locator('section.step > .commands button');
    for (let step = 1; step <= 5; step++) {
      await expect(shownStep(page)).toHaveAttribute('data-step', String(step));
      const n = await runs.count();
      for (let i = 0; i < n; i++) {
        await runs.nth(i).click();
        await waitIdle(page);
      }
      await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
      expect((await screen(page)).slice(-1)).toEqual(['127.0.0.1:6379[1]>']);
      await page.getByRole('button', { name: 'Next', exact: true }).click();
    }

    // Step 6 needs another connection: the panel offers a second terminal and runs lines there.
    await expect.poll(() => hash(page)).toBe('#/lessons/hat-shop/6');
    await page.getByRole('button', { name: 'Open a second terminal' }).click();
    await expect.poll(() => page.evaluate(() => window.redisPlayground!.tabs().length)).toBe(2);
    const second = await page.evaluate(() => window.redisPlayground!.tabs()[1]!);
    for (let i = 0; i < 3; i++) {
      await runs.nth(i).click();
      await waitIdle(page, second);
    }
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    expect((await screen(page, second)).slice(-2)).toEqual(['(integer) 3', '127.0.0.1:6379[1]>']);

    // Back in the first terminal, the watched transaction fails.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const first = await page.evaluate(() => window.redisPlayground!.tabs()[0]!);
    for (let i = 0; i < 4; i++) {
      await runs.nth(i).click();
      await waitIdle(page, first);
    }
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    expect(await page.evaluate(() => window.redisPlayground!.activeTab())).toBe(first);
    expect((await screen(page, first)).slice(-2)).toEqual(['(nil)', '127.0.0.1:6379[1]>']);
    expect(pageErrors(page)).toEqual([]);
  });
  test('completes the pub/sub lesson with a subscriber in a second terminal and the publisher in the first', async ({ page, site }) => {
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.url}#/lessons/pub-sub/1`);
    await waitForPrompt(page);
    await expect(page.locator('.lesson-heading')).toHaveText('Publish and subscribe');
    const runs = page.locator('section.step > .commands button');
    const first = await page.evaluate(() => window.redisPlayground!.activeTab());
    const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();

    // Step 1: Run on a "terminal 2" line opens the second terminal and subscribes there.
    await runs.nth(0).click();
    await expect.poll(() => page.evaluate(() => window.redisPlayground!.tabs().length)).toBe(2);
    const second = await page.evaluate(() => window.redisPlayground!.tabs()[1]!);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await expect.poll(async () => (await screen(page, second)).slice(-3)).toEqual(['1) "subscribe"', '2) "news"', '3) (integer) 1']);
    await next();

    // Step 2: the publisher is the first terminal; the message shows up in the second.
    await expect(shownStep(page)).toHaveAttribute('data-step', '2');
    for (let i = 0; i < 2; i++) {
      await runs.nth(i).click();
      await waitIdle(page, first);
    }
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    expect(await page.evaluate(() => window.redisPlayground!.activeTab())).toBe(first);
    expect((await screen(page, first)).slice(-2)).toEqual(['(integer) 1', '127.0.0.1:6379>']);
    await expect.poll(async () => (await screen(page, second)).slice(-3)).toEqual(['1) "message"', '2) "news"', '3) "New Tutorial on Redis Pub/Sub"']);
    await next();

    // Step 3: nobody listens on sports.
    await runs.nth(0).click();
    await waitIdle(page, first);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    expect((await screen(page, first)).slice(-2)).toEqual(['(integer) 0', '127.0.0.1:6379>']);
    await next();

    // Step 4: Run into the subscribed terminal presses Ctrl-C there first (redis-cli reads no
    // commands while subscribed), says so, then subscribes to the pattern.
    await expect(shownStep(page)).toHaveAttribute('data-step', '4');
    await runs.nth(0).click();
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await expect
      .poll(async () => (await screen(page, second)).slice(-6))
      .toEqual(['^C', '127.0.0.1:6379> PSUBSCRIBE user:*', 'Reading messages... (press Ctrl-C to quit)', '1) "psubscribe"', '2) "user:*"', '3) (integer) 1']);
    expect(await page.locator('.run-interrupted').textContent()).toContain('Run pressed Ctrl-C first');
    await next();

    // Step 5: the signup event reaches the pattern subscriber.
    await runs.nth(0).click();
    await waitIdle(page, first);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await expect
      .poll(async () => (await screen(page, second)).slice(-4))
      .toEqual(['1) "pmessage"', '2) "user:*"', '3) "user:events"', '4) "{\\"type\\": \\"signup\\", \\"user_id\\": 42}"']);
    await expect(page.locator('.step-dots .dot.done')).toHaveCount(5);
    await next();

    // Step 6, the challenge: no Run buttons on the step; "Show the solution" has them, and its
    // terminal-2 line presses Ctrl-C in the subscribed terminal first.
    await expect(shownStep(page)).toHaveAttribute('data-step', '6');
    expect(await runs.count()).toBe(0);
    await page.getByRole('button', { name: 'Show the solution' }).click();
    const solution = page.locator('.solution .commands button');
    await solution.nth(0).click();
    await expect.poll(async () => (await screen(page, second)).slice(-3)).toEqual(['1) "subscribe"', '2) "sports"', '3) (integer) 2']);
    await solution.nth(1).click();
    await waitIdle(page, first);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await expect.poll(async () => (await screen(page, second)).slice(-3)).toEqual(['1) "message"', '2) "sports"', '3) "Match tonight"']);
    await expect(page.locator('.lesson-done')).toHaveCount(1);
    expect(pageErrors(page)).toEqual([]);
  });

  test('completes the job queue: a worker blocked in BLPOP in the second terminal wakes up for the producer', async ({ page, site }) => {
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.url}#/lessons/job-queue/1`);
    await waitForPrompt(page);
    await expect(page.locator('.lesson-heading')).toHaveText('A job queue: producers and workers');
    const runs = page.locator('section.step > .commands button');
    const first = await page.evaluate(() => window.redisPlayground!.activeTab());
    const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
    const runAll = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await runs.nth(i).click();
        await waitIdle(page, first);
      }
    };

    await runAll(2); // RPUSH, LRANGE
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await next();
    await runAll(1); // LPOP
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await next();
    await runAll(3); // LPOP until (nil)
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    expect((await screen(page, first)).slice(-2)).toEqual(['(nil)', '127.0.0.1:6379>']);
    await next();

    // Step 4: BLPOP waits in a second terminal (no prompt) until the producer pushes.
    await expect(shownStep(page)).toHaveAttribute('data-step', '4');
    await runs.nth(0).click();
    await expect.poll(() => page.evaluate(() => window.redisPlayground!.tabs().length)).toBe(2);
    const second = await page.evaluate(() => window.redisPlayground!.tabs()[1]!);
    await expect.poll(async () => (await screen(page, second)).at(-1)).toBe('127.0.0.1:6379> BLPOP job_queue 0');
    expect(await passed(page)).toBe('false');
    // Run again while it waits: Ctrl-C first (the wait ends, and the panel says so), then the
    // same BLPOP waits anew.
    await runs.nth(0).click();
    await expect(page.locator('.run-interrupted')).toContainText('waiting for a blocking command');
    await expect.poll(async () => (await screen(page, second)).slice(-2)).toEqual(['^C', '127.0.0.1:6379> BLPOP job_queue 0']);
    await runs.nth(1).click();
    await waitIdle(page, first);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await expect.poll(async () => (await screen(page, second)).slice(-2)).toEqual(['2) "job4"', '127.0.0.1:6379>']);
    await next();

    // Step 5: with jobs waiting, BLPOP answers at once.
    await runs.nth(0).click();
    await waitIdle(page, first);
    await runs.nth(1).click();
    await waitIdle(page, second);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    expect((await screen(page, second)).slice(-3)).toEqual(['1) "job_queue"', '2) "job5"', '127.0.0.1:6379>']);
    await next();

    // Step 6, the challenge, with the solution's Run buttons: the urgent job goes to the head.
    await expect(shownStep(page)).toHaveAttribute('data-step', '6');
    expect(await runs.count()).toBe(0);
    await page.getByRole('button', { name: 'Show the solution' }).click();
    const solution = page.locator('.solution .commands button');
    await solution.nth(0).click();
    await waitIdle(page, first);
    await solution.nth(1).click();
    await waitIdle(page, second);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    expect((await screen(page, second)).slice(-3)).toEqual(['1) "job_queue"', '2) "urgent1"', '127.0.0.1:6379>']);
    await expect(page.locator('.lesson-done')).toHaveCount(1);
    expect(pageErrors(page)).toEqual([]);
  });

  test('a TTL step passes with the fast-forward button instead of waiting', async ({ page, site }) => {
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.url}#/lessons/caching/6`);
    await waitForPrompt(page);
    await expect(shownStep(page)).toHaveAttribute('data-step', '6');
    const runs = page.locator('section.step > .commands button');
    await runs.nth(0).click();
    await waitIdle(page);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(shownStep(page)).toHaveAttribute('data-step', '7');

    // Before the clock moves, the key is still there and the step stays pending.
    await runs.nth(0).click();
    await waitIdle(page);
    expect((await screen(page)).slice(-2)[0]).toMatch(/Mouse/);
    expect(await passed(page)).toBe('false');

    const started = Date.now();
    await page.getByRole('button', { name: 'Fast-forward the clock 11 seconds' }).click();
    await runs.nth(0).click();
    await waitIdle(page);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    expect(Date.now() - started).toBeLessThan(8000);
    expect((await screen(page)).slice(-2)).toEqual(['(nil)', '127.0.0.1:6379>']);
    await expect(page.locator('.clock-state').first()).toHaveText(/ahead/);
    expect(pageErrors(page)).toEqual([]);
  });

  test('the caching lesson evicts with maxmemory and delivers a client-side caching invalidation to the second terminal', async ({ page, site }) => {
    page.setDefaultTimeout(20_000);
    await page.goto(`${site.url}#/lessons/caching/9`);
    await waitForPrompt(page);
    await expect(shownStep(page)).toHaveAttribute('data-step', '9');
    const runs = page.locator('section.step > .commands button');
    const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();

    // Step 9: the cap and the policy typed at the keyboard, the rest with Run.
    await focusTerminal(page);
    for (const line of ['CONFIG RESETSTAT', 'CONFIG SET maxmemory 4mb', 'CONFIG SET maxmemory-policy volatile-lru']) {
      await typeLine(page, line);
      await waitIdle(page);
    }
    for (let i = 3; i < (await runs.count()); i++) {
      await runs.nth(i).click();
      await waitIdle(page);
    }
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    expect(await screen(page)).toContain('maxmemory_policy:volatile-lru');
    await next();

    // Step 10: a moment later (fast-forwarded), product:1 is read, the cache overflows, and
    // product:1 is still there while others were evicted.
    await expect(shownStep(page)).toHaveAttribute('data-step', '10');
    await page.getByRole('button', { name: /Fast-forward the clock/ }).click();
    for (let i = 0; i < (await runs.count()); i++) {
      await runs.nth(i).click();
      await waitIdle(page);
    }
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    const lines = await screen(page);
    expect(lines.some((l) => /^evicted_keys:[1-9]\d*$/.test(l))).toBe(true);
    expect(lines).toContain('127.0.0.1:6379> EXISTS product:1');
    await next();

    // Step 11: the second terminal tracks product:1, the first writes it, the invalidation arrives.
    await expect(shownStep(page)).toHaveAttribute('data-step', '11');
    for (let i = 0; i < (await runs.count()); i++) {
      await runs.nth(i).click();
      if (i === 0) await expect.poll(() => page.evaluate(() => window.redisPlayground!.tabs().length)).toBe(2);
      const tab = await page.evaluate(() => window.redisPlayground!.activeTab());
      await waitIdle(page, tab);
    }
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    const second = await page.evaluate(() => window.redisPlayground!.tabs()[1]!);
    expect(await screen(page, second)).toContain("-> invalidate: 'product:1'");
    expect(pageErrors(page)).toEqual([]);
  });

  test('two terminals as two ACL users: the clients panel names each, the reader gets NOPERM, ACL DELUSER closes its connection', async ({ page, site }) => {
    await page.goto(`${site.url}#/lessons/connections/7`);
    await waitForPrompt(page);
    await expect(shownStep(page)).toHaveAttribute('data-step', '7');
    await focusTerminal(page);
    await typeLine(page, 'ACL SETUSER reader on >readonly ~pypa ~mykey +@read');
    expect((await screen(page)).slice(-2)).toEqual(['OK', '127.0.0.1:6379>']);
    await page.getByRole('button', { name: 'Open a second terminal' }).click();
    await expect.poll(() => page.evaluate(() => window.redisPlayground!.tabs().length)).toBe(2);
    await focusTerminal(page);
    for (const line of ['AUTH reader readonly', 'HGETALL pypa', 'SET mykey changed']) await typeLine(page, line);
    expect((await screen(page)).slice(-7)).toEqual([
      '127.0.0.1:6379> AUTH reader readonly',
      'OK',
      '127.0.0.1:6379> HGETALL pypa',
      '(empty array)',
      '127.0.0.1:6379> SET mykey changed',
      "(error) NOPERM this user has no permissions to run the 'set' command",
      '127.0.0.1:6379>',
    ]);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    const row = (tab: string) =>
      page
        .getByRole('region', { name: 'Clients' })
        .getByRole('listitem')
        .filter({ hasText: `tab “${tab}”` });
    await expect(row('client 2')).toContainText('user reader');
    await expect(row('client 1')).toContainText('user default');

    // Step 8: the first terminal deletes the user; the second finds its connection closed, and
    // its next command connects again, as the default user.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(shownStep(page)).toHaveAttribute('data-step', '8');
    await page.getByRole('tab', { name: /client 1/ }).click();
    await focusTerminal(page);
    await typeLine(page, 'ACL DELUSER reader');
    await typeLine(page, 'ACL USERS');
    expect((await screen(page)).slice(-5)).toEqual([
      '127.0.0.1:6379> ACL DELUSER reader',
      '(integer) 1',
      '127.0.0.1:6379> ACL USERS',
      '1) "default"',
      '127.0.0.1:6379>',
    ]);
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    await page.getByRole('tab', { name: /client 2/ }).click();
    await focusTerminal(page);
    await typeLine(page, 'ACL WHOAMI');
    await typeLine(page, 'ACL WHOAMI');
    expect((await screen(page)).slice(-5)).toEqual([
      '127.0.0.1:6379> ACL WHOAMI',
      'Error: Server closed the connection',
      'not connected> ACL WHOAMI',
      '"default"',
      '127.0.0.1:6379>',
    ]);
    await expect(row('client 2')).toContainText('user default');
    expect(pageErrors(page)).toEqual([]);
  });

  test('a challenge in Korean: labelled 도전, no Run button, solved by typing at the keyboard', async ({ page, site }) => {
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.url}#/lessons/strings-counters/6`);
    await waitForPrompt(page);
    await page.getByRole('button', { name: '한국어' }).click();
    await expect(page.locator('.lesson-heading')).toHaveText('문자열과 카운터');
    await expect(shownStep(page)).toHaveAttribute('data-step', '6');
    expect(await page.locator('section.step .challenge-label').textContent()).toBe('도전');
    expect(await page.locator('section.step').getAttribute('class')).toContain('challenge');
    expect(await page.locator('section.step > .commands').count()).toBe(0);
    expect(await page.locator('section.step button.run-command').count()).toBe(0);
    expect(await page.locator('section.step .step-text').textContent()).not.toMatch(/\bRun\b/);
    expect(await passed(page)).toBe('false');

    // The learner counts with INCR, typed: the third one reaches the goal.
    await focusTerminal(page);
    await typeLine(page, 'INCR page:about:views');
    await typeLine(page, 'INCR page:about:views');
    expect(await passed(page)).toBe('false');
    await typeLine(page, 'INCR page:about:views');
    await expect(shownStep(page)).toHaveAttribute('data-passed', 'true');
    expect((await screen(page)).slice(-2)).toEqual(['(integer) 3', '127.0.0.1:6379>']);
    expect(pageErrors(page)).toEqual([]);
  });
});
