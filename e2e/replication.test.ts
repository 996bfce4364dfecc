// A second server in the page: "+ replica" opens a terminal on 127.0.0.1:6380, started as a
// replica of the first server. Typed at the keyboard: it follows the first tab's writes,
// refuses its own, and REPLICAOF NO ONE makes it a master (a failover); the first server's
// INFO and the clients panel show the replica while it is one.

import type { Page } from '@playwright/test';
import { activeTab, focusTerminal, pageErrors, screen, typeLine, waitIdle } from './support.js';
import { expect, test } from './fixtures.js';

/** The last reply a typed line got, and the prompt after it. */
async function typed(page: Page, line: string): Promise<string[]> {
  await typeLine(page, line);
  return (await screen(page)).slice(-2);
}

/** Whether the second server's stored record (IndexedDB) says it is a master holding `text`. */
function secondSavedAsMaster(page: Page, text: string): Promise<boolean> {
  return page.evaluate(
    (needle) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('redis-playground');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const get = open.result.transaction('snapshots').objectStore('snapshots').get('second');
          get.onerror = () => resolve(false);
          get.onsuccess = async () => {
            const saved = get.result as { master: unknown; snapshot: Blob | null } | undefined;
            open.result.close();
            if (saved?.master !== null || !(saved.snapshot instanceof Blob)) return resolve(false);
            resolve(new TextDecoder('latin1').decode(await saved.snapshot.arrayBuffer()).includes(needle));
          };
        };
      }),
    text,
  );
}

async function selectTab(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await focusTerminal(page);
}

test('a replica tab follows the first tab’s writes, refuses its own, and becomes a master with REPLICAOF NO ONE', async ({ page }) => {
  const first = await activeTab(page);
  expect(await typed(page, 'SET greeting hello')).toEqual(['OK', '127.0.0.1:6379>']);
  // INFO waits for the engine's late parts, which the replica's link needs too.
  await typeLine(page, 'INFO replication');
  expect(await screen(page)).toContain('connected_slaves:0');

  await page.getByRole('button', { name: '+ replica' }).click();
  await expect.poll(() => activeTab(page)).not.toBe(first);
  await waitIdle(page);
  await focusTerminal(page);
  // The page's note, broken at spaces to the terminal's width, then the prompt.
  const opened = await screen(page);
  expect(opened.slice(0, -1).join(' ')).toBe(
    'This terminal is on a second Redis server, 127.0.0.1:6380. As a replica of 127.0.0.1:6379 it copies every write made there and refuses its own, until REPLICAOF NO ONE makes it a master. The inspector shows 127.0.0.1:6379.',
  );
  expect(opened.length).toBeGreaterThan(2);
  expect(opened.at(-1)).toBe('127.0.0.1:6380>');
  await expect(page.getByRole('tab', { selected: true })).toContainText(':6380');
  expect(await typed(page, 'GET greeting')).toEqual(['"hello"', '127.0.0.1:6380>']);
  expect(await typed(page, 'SET greeting hi')).toEqual(["(error) READONLY You can't write against a read only replica.", '127.0.0.1:6380>']);

  // A write in the first tab reaches the replica; the clients panel shows its link.
  await selectTab(page, /client 1/);
  expect(await typed(page, 'SET greeting bye')).toEqual(['OK', '127.0.0.1:6379>']);
  await typeLine(page, 'INFO replication');
  expect(await screen(page)).toContain('connected_slaves:1');
  await expect(page.getByRole('region', { name: 'Clients' })).toContainText('replica 127.0.0.1:6380: gets every write');
  await selectTab(page, /client 2/);
  expect(await typed(page, 'GET greeting')).toEqual(['"bye"', '127.0.0.1:6380>']);

  // Failover: the replica stops following and takes writes of its own.
  expect(await typed(page, 'REPLICAOF NO ONE')).toEqual(['OK', '127.0.0.1:6380>']);
  expect(await typed(page, 'SET greeting promoted')).toEqual(['OK', '127.0.0.1:6380>']);
  await selectTab(page, /client 1/);
  expect(await typed(page, 'GET greeting')).toEqual(['"bye"', '127.0.0.1:6379>']);
  await typeLine(page, 'INFO replication');
  expect(await screen(page)).toContain('connected_slaves:0');

  // A reload brings the second server back as it was: a master, with its data.
  await expect.poll(() => secondSavedAsMaster(page, 'promoted')).toBe(true);
  await page.reload();
  await selectTab(page, /client 2/);
  await waitIdle(page);
  expect(await typed(page, 'GET greeting')).toEqual(['"promoted"', '127.0.0.1:6380>']);
  expect(await typed(page, 'ROLE')).toContain('127.0.0.1:6380>');
  expect((await screen(page)).at(-4)).toBe('1) "master"');
  await selectTab(page, /client 1/);

  // redis-cli's `connect` reaches either server from any tab.
  expect(await typed(page, 'connect 127.0.0.1 6380')).toEqual(['127.0.0.1:6379> connect 127.0.0.1 6380', '127.0.0.1:6380>']);
  expect(await typed(page, 'GET greeting')).toEqual(['"promoted"', '127.0.0.1:6380>']);
  // Where nothing listens it stays not connected, as redis-cli does, until a connect that works.
  expect(await typed(page, 'connect 127.0.0.1 6381')).toEqual(['Could not connect to Redis at 127.0.0.1:6381: Connection refused', 'not connected>']);
  expect(await typed(page, 'PING')).toEqual(['Could not connect to Redis at 127.0.0.1:6381: Connection refused', 'not connected>']);
  expect(await typed(page, 'connect localhost 6379')).toEqual(['not connected> connect localhost 6379', 'localhost:6379>']);
  expect(await typed(page, 'GET greeting')).toEqual(['"bye"', 'localhost:6379>']);
  expect(pageErrors(page)).toEqual([]);
});
