// The inspector: every key of the active tab's database with its type and TTL, and the value of
// the one selected, shown by type and always as text.

import type { Page } from '@playwright/test';
import { focusTerminal, pageErrors, screen, typeLine, waitIdle } from './support.js';
import { expect, test } from './fixtures.js';

const view = (page: Page) => page.locator('.value-view');
const open = async (page: Page, key: string) => {
  await page.locator('#inspector .key-row', { hasText: key }).click();
  await expect(view(page).locator('h3')).toHaveText(key);
};
const cells = (page: Page, selector: string) => view(page).locator(selector).allTextContents();

test.describe('inspector value view', () => {
  test('shows each type: string, JSON, list, hash, set, sorted set', async ({ page }) => {
    for (const line of [
      'SET greeting "hello world"',
      `SET user:json '{"name":"alice","tags":["a","b"]}'`,
      'RPUSH queue job:1 job:2 job:3',
      'HSET user:1 name alice age 30',
      'SADD tags redis db',
      'ZADD board 10 alice 25 bob',
    ]) {
      await typeLine(page, line);
    }
    await open(page, 'greeting');
    expect(await cells(page, '.string-value')).toEqual(['hello world']);
    await expect(view(page).locator('.meta')).toHaveText('string embstr · 11 bytes · 72 B in memory');
    await open(page, 'user:json');
    expect(await cells(page, '.string-value')).toEqual([JSON.stringify({ name: 'alice', tags: ['a', 'b'] }, null, 2)]);
    await open(page, 'queue');
    expect(await cells(page, 'tbody td')).toEqual(['0', 'job:1', '1', 'job:2', '2', 'job:3']);
    await open(page, 'user:1');
    expect(await cells(page, 'tbody td')).toEqual(['name', 'alice', 'age', '30']);
    await open(page, 'tags');
    expect((await cells(page, '.members li')).sort()).toEqual(['db', 'redis']);
    // One under the other (the key list's row styles once stacked them on top of each other).
    const ys = await view(page)
      .locator('.members li')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().y));
    expect(ys[1]).toBeGreaterThan(ys[0]!);
    await open(page, 'board');
    expect(await cells(page, 'tbody td')).toEqual(['0', 'alice', '10', '1', 'bob', '25']);
    // The value follows changes made in the terminal.
    await focusTerminal(page);
    await typeLine(page, 'ZINCRBY board 100 alice');
    await expect.poll(() => cells(page, 'tbody td')).toEqual(['0', 'bob', '25', '1', 'alice', '110']);
    expect(pageErrors(page)).toEqual([]);
  });

  test('shows a stream with its groups, a HyperLogLog by its estimate, and a bitmap as bits', async ({ page }) => {
    for (const line of [
      'XADD events 1-1 type login user alice',
      'XGROUP CREATE events workers 0',
      'XREADGROUP GROUP workers w1 STREAMS events >',
      'PFADD visitors a b c d',
      'SETBIT visits:today 3 1',
      'SETBIT visits:today 9 1',
    ]) {
      await typeLine(page, line);
    }
    await open(page, 'events');
    expect(await cells(page, 'tbody td')).toEqual(['1-1', 'type = loginuser = alice', 'workers', '1-1', 'w1 (1)', '1']);
    await open(page, 'visitors');
    await expect(view(page).locator('.hll')).toHaveText(/about 4 distinct elements/);
    await open(page, 'visits:today');
    await view(page).getByLabel('show as bits (a bitmap)').check();
    await expect(view(page).locator('.bit-grid')).toHaveAttribute('aria-label', 'bitmap of 16 bits, 2 set');
    expect(
      await view(page)
        .locator('.bit.on')
        .evaluateAll((els) => els.map((e) => e.getAttribute('title'))),
    ).toEqual(['bit 3: 1', 'bit 9: 1']);
  });

  test('plots a geo set by longitude and latitude', async ({ page }) => {
    await typeLine(page, 'GEOADD stations 126.9707 37.5547 seoul 129.0413 35.1151 busan 127.4346 36.3315 daejeon');
    await open(page, 'stations');
    await expect(view(page).locator('.geo-map')).toHaveAttribute('aria-label', '3 points by longitude and latitude');
    const at = await view(page)
      .locator('.geo-point')
      .evaluateAll((els) => els.map((e) => ({ x: Number(e.getAttribute('cx')), y: Number(e.getAttribute('cy')) })));
    const labels = await view(page).locator('.geo-label').allTextContents();
    const pos = Object.fromEntries(labels.map((l, i) => [l, at[i]!]));
    // Busan lies east and south of Seoul; Daejeon between them.
    expect(pos.busan!.x).toBeGreaterThan(pos.seoul!.x);
    expect(pos.busan!.y).toBeGreaterThan(pos.seoul!.y);
    expect(pos.daejeon!.y).toBeGreaterThan(pos.seoul!.y);
    await view(page).getByLabel('show as points (a geo set)').uncheck();
    const table = await cells(page, 'tbody td');
    expect([table[1], table[4], table[7]].sort()).toEqual(['busan', 'daejeon', 'seoul']);
  });

  test('shows HTML as text and escapes bytes that are not text', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await typeLine(page, 'SET html "<img src=x onerror=alert(1)>"');
    await typeLine(page, 'SET bin "a\\x00\\xff"');
    await typeLine(page, 'SET ko 안녕');
    await open(page, 'html');
    expect(await cells(page, '.string-value')).toEqual(['<img src=x onerror=alert(1)>']);
    expect(await view(page).locator('img').count()).toBe(0);
    await open(page, 'bin');
    expect(await cells(page, '.string-value')).toEqual(['"a\\x00\\xff"']);
    await open(page, 'ko');
    expect(await cells(page, '.string-value')).toEqual(['안녕']);
    expect(dialogs).toBe(0);
  });

  test('acts through real commands typed into the active terminal', async ({ page }) => {
    await typeLine(page, 'SET "cart:alice b" apples');
    await open(page, 'cart:alice b');
    await page.getByLabel('TTL in seconds (empty: remove the TTL)').fill('100');
    await page.getByRole('button', { name: 'Set TTL' }).click();
    await waitIdle(page);
    expect((await screen(page)).slice(-3)).toEqual(['127.0.0.1:6379> EXPIRE "cart:alice b" 100', '(integer) 1', '127.0.0.1:6379>']);
    await expect(view(page).locator('.meta')).toHaveText(/TTL (100\.0|99\.\d) s$/);
    await view(page).getByRole('button', { name: 'Delete' }).click();
    await waitIdle(page);
    expect((await screen(page)).slice(-3)).toEqual(['127.0.0.1:6379> DEL "cart:alice b"', '(integer) 1', '127.0.0.1:6379>']);
    await expect(view(page)).toContainText('no longer exists');
  });

  test('says when the selected key is gone', async ({ page }) => {
    await typeLine(page, 'SET temp x');
    await open(page, 'temp');
    await focusTerminal(page);
    await typeLine(page, 'DEL temp');
    await expect(view(page)).toContainText('no longer exists');
  });
});

test.describe('inspector key list', () => {
  test('filters by pattern and type, switches database, and highlights what the last command touched', async ({ page }) => {
    for (const line of ['SET user:1 a', 'SET user:2 b', 'HSET user:3 f v', 'SET order:1 x', 'SELECT 4', 'SET other y']) await typeLine(page, line);
    const names = () => page.locator('#inspector .key').allTextContents();
    await expect.poll(names).toEqual(['other']);
    await page.getByLabel('Database').selectOption('0');
    await expect.poll(names).toEqual(['order:1', 'user:1', 'user:2', 'user:3']);
    await page.getByLabel('Filter keys by pattern').fill('user:*');
    await expect.poll(names).toEqual(['user:1', 'user:2', 'user:3']);
    await page.getByLabel('Filter by type').selectOption('hash');
    await expect.poll(names).toEqual(['user:3']);
    await page.getByLabel('Filter by type').selectOption('');
    await page.getByLabel('Filter keys by pattern').fill('');
    await focusTerminal(page);
    await typeLine(page, 'SELECT 0');
    await typeLine(page, 'INCR order:2');
    await expect(page.locator('#inspector li.touched .key')).toHaveText(['order:2']);
  });

  test('shows each key with its encoding and size, and a TTL that runs out and takes the key away', async ({ page }) => {
    await typeLine(page, 'RPUSH queue a b c');
    await typeLine(page, 'SET brief x PX 1500');
    const row = (key: string) => page.locator('#inspector li', { hasText: key });
    await expect(row('queue').locator('.key-meta')).toHaveText('quicklist · 3 items');
    await expect(row('brief').locator('.key-meta')).toHaveText('embstr · 1 B');
    await expect(row('brief').locator('.ttl')).toHaveText(/^[01]\.\ds$/);
    await expect(row('brief')).toHaveCount(0);
  });

  test('lists 100,000 keys without rendering them all, and the terminal stays usable', async ({ page }) => {
    for (let batch = 0; batch < 100; batch++) {
      const argv = ['MSET'];
      for (let i = 0; i < 1000; i++) argv.push(`key:${batch * 1000 + i}`, String(i));
      await page.evaluate((a) => window.redisPlayground!.run(a), argv);
    }
    await expect.poll(() => page.locator('#inspector .keylist > p').textContent(), { timeout: 20_000 }).toBe('db0: 100000 keys');
    expect(await page.locator('#inspector li').count()).toBeLessThan(100);
    await page.locator('.keylist-scroll').evaluate((el) => (el.scrollTop = 50_000 * 26));
    await expect.poll(async () => (await page.locator('#inspector .key').allTextContents()).length).toBeGreaterThan(5);
    await page.getByLabel('Filter keys by pattern').fill('key:9999?');
    await expect(page.locator('#inspector .key')).toHaveText([
      'key:99990',
      'key:99991',
      'key:99992',
      'key:99993',
      'key:99994',
      'key:99995',
      'key:99996',
      'key:99997',
      'key:99998',
      'key:99999',
    ]);
    await focusTerminal(page);
    await typeLine(page, 'DBSIZE');
    expect((await screen(page)).slice(-2)).toEqual(['(integer) 100000', '127.0.0.1:6379>']);
  });

  test('keeps up with thousands of writes from another connection on a big database, and a typed command still gets its reply', async ({ page }) => {
    await page.evaluate(async () => {
      for (let batch = 0; batch < 200; batch++) {
        const argv = ['MSET'];
        for (let i = 0; i < 1000; i++) argv.push(`key:${batch * 1000 + i}`, 'v');
        await window.redisPlayground!.run(argv);
      }
    });
    const count = () => page.locator('#inspector .keylist > p').textContent();
    await expect.poll(count, { timeout: 30_000 }).toBe('db0: 200000 keys');
    // 6,000 SETs from the script's own connection (as another tab's), sent without waiting.
    const writing = page.evaluate(() => Promise.all(Array.from({ length: 6000 }, (_, i) => window.redisPlayground!.run(['SET', `w:${i}`, 'x']))));
    const mark = (await screen(page)).length - 1; // the prompt line PING is typed on
    await typeLine(page, 'PING');
    // Its reply comes after the SETs queued before it (the engine runs one command at a time);
    // redis-cli adds the time it took when that is over half a second.
    expect((await screen(page)).slice(mark)).toEqual(expect.arrayContaining(['127.0.0.1:6379> PING', 'PONG', '127.0.0.1:6379>']));
    await writing;
    await expect.poll(count, { timeout: 30_000 }).toBe('db0: 206000 keys');
    await page.getByLabel('Filter keys by pattern').fill('w:599?');
    await expect.poll(() => page.locator('#inspector .key').allTextContents()).toEqual(Array.from({ length: 10 }, (_, i) => `w:599${i}`));
    expect(pageErrors(page)).toEqual([]);
  });
});

test.describe('inspector labels', () => {
  test('words a key’s encoding and size so they do not read as its value, in English and Korean', async ({ page, site }) => {
    await typeLine(page, 'SET answer 42');
    await typeLine(page, 'HSET user:1 name alice age 30');
    const meta = (key: string) => page.locator('#inspector li', { hasText: key }).locator('.key-meta');
    await expect(meta('answer')).toHaveText('int · 2 B');
    expect(await meta('answer').getAttribute('title')).toBe('encoding int, length 2 bytes');
    await expect(meta('user:1')).toHaveText('listpack · 2 fields');
    const ko = await site.open({ locale: 'ko-KR' });
    await typeLine(ko, 'SET answer 42');
    await typeLine(ko, 'SADD tags a b c');
    const koMeta = (key: string) => ko.locator('#inspector li', { hasText: key }).locator('.key-meta');
    await expect(koMeta('answer')).toHaveText('int · 2B');
    await expect(koMeta('tags')).toHaveText('hashtable · 멤버 3개');
    await ko.screenshot({ path: '/tmp/inspector-perf-labels-ko.png' });
    await ko.context().close();
  });

  test('shows a tab inside a value as \\t, not as a space', async ({ page }) => {
    await typeLine(page, 'RPUSH fields "name\\tage" plain');
    await typeLine(page, 'SET "tab\\tkey" "a\\tb\\nc"');
    await open(page, 'fields');
    expect(await cells(page, 'tbody td')).toEqual(['0', 'name\\tage', '1', 'plain']);
    expect(await view(page).locator('tbody .ctl').allTextContents()).toEqual(['\\t']);
    await expect.poll(() => page.locator('#inspector .key').allTextContents()).toContain('tab\\tkey');
    await page.locator('#inspector .key-row', { hasText: 'tab\\tkey' }).click();
    // In a string value a newline stays a line break; the tab is marked.
    await expect.poll(() => cells(page, '.string-value')).toEqual(['a\\tb\nc']);
    await page.screenshot({ path: '/tmp/inspector-perf-tab.png' });
  });
});

test.describe('clients panel', () => {
  test('shows each tab as a client with its transaction, watches and blocking', async ({ page }) => {
    await typeLine(page, 'CLIENT SETNAME buyer');
    await typeLine(page, 'WATCH stock');
    await typeLine(page, 'MULTI');
    await typeLine(page, 'DECR stock');
    await page.getByRole('button', { name: 'New terminal' }).click();
    await expect(page.locator('.tab')).toHaveCount(2);
    await focusTerminal(page);
    await page.keyboard.type('BLPOP jobs 30');
    await page.keyboard.press('Enter');
    const states = () => page.locator('.clients li').allTextContents();
    await expect.poll(async () => (await states()).join('\n')).toMatch(/buyer.*in MULTI, 1 queued.*watching stock/s);
    await expect.poll(async () => (await states()).join('\n')).toMatch(/blocked in BLPOP on jobs \(\d+\.\d s left\)/);
  });

  test('names the tab each client is, and lists the clients CLIENT LIST lists, the lessons checker marked', async ({ page }) => {
    await page.getByRole('button', { name: 'New terminal' }).click();
    await expect(page.locator('.tab')).toHaveCount(2);
    const rows = () => page.locator('.clients .client-id').allTextContents();
    await expect.poll(rows).toEqual(['id 3 · tab “client 1”', 'id 4 · tab “client 2”']);
    // A lesson step that reads the data opens the lessons' own connection.
    await page.evaluate(() => (location.hash = '#/lessons/first-contact/3'));
    await expect(page.locator('section.step')).toHaveAttribute('data-step', '3');
    await focusTerminal(page);
    await typeLine(page, 'SET mykey "Hello, Redis!"');
    await typeLine(page, 'SET mynum 100');
    await expect(page.locator('section.step')).toHaveAttribute('data-passed', 'true');
    await typeLine(page, 'CLIENT LIST');
    const listed = (await screen(page)).filter((l) => /^id=\d+ /.test(l)).map((l) => Number(/^id=(\d+)/.exec(l)![1]));
    await expect.poll(async () => (await rows()).map((r) => Number(/^id (\d+)/.exec(r)![1]))).toEqual(listed);
    expect((await rows()).filter((r) => r.includes('lessons checker'))).toHaveLength(1);
    await page.screenshot({ path: '/tmp/inspector-perf-clients.png' });
  });
});
