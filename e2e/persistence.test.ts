// The inspector's persistence view: CONFIG SET appendonly yes makes the AOF's directory as
// Redis 7.0 writes it, growing with each write typed, and BGREWRITEAOF compacts it; an AOF
// directory written by a real redis-server loads in the browser, picked or dropped on the page.

import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { focusTerminal, screen, typeLine } from './support.js';
import { expect, test } from './fixtures.js';
import { RespConnection, startRealRedis } from '../test/diff/harness.js';

test('the AOF grows as the learner types and BGREWRITEAOF compacts it, in the persistence view', async ({ page }) => {
  const view = page.getByRole('region', { name: 'Persistence' });
  await expect(view).toContainText('appendonly no');
  await expect(view).toContainText('after 3600 s with at least 1 change · after 300 s with at least 100 changes · after 60 s with at least 10000 changes');
  await typeLine(page, 'CONFIG SET appendonly yes');
  await typeLine(page, 'SET greeting hello');
  await typeLine(page, 'EXPIRE greeting 100');
  await expect(view).toContainText('appendonly yes');
  await expect(view).toContainText('appendonlydir/');
  await expect(view.getByRole('listitem')).toHaveText([
    /^appendonly\.aof\.manifest/,
    /^appendonly\.aof\.1\.base\.rdb/,
    /^appendonly\.aof\.1\.incr\.aof every write since/,
  ]);
  const tail = view.getByLabel('appendonly.aof.1.incr.aof');
  // The file's lines as Redis writes them: EXPIRE as PEXPIREAT with the moment it expires.
  await expect(tail).toContainText('*3\n$3\nSET\n$8\ngreeting\n$5\nhello\n*3\n$9\nPEXPIREAT\n$8\ngreeting\n$13\n');
  // The same, as one would type the commands.
  await view.getByRole('button', { name: 'as commands' }).click();
  await expect(tail).toHaveText(/^SELECT 0\nSET greeting hello\nPEXPIREAT greeting \d{13}$/);
  await focusTerminal(page);
  await expect(view.getByLabel('The manifest')).toHaveText('file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n');
  await typeLine(page, 'BGREWRITEAOF');
  expect((await screen(page)).at(-2)).toBe('Background append only file rewriting started');
  await expect(view.getByRole('listitem')).toHaveText([/^appendonly\.aof\.manifest/, /^appendonly\.aof\.2\.base\.rdb/, /^appendonly\.aof\.2\.incr\.aof/]);
  await expect(view.getByLabel('appendonly.aof.2.incr.aof')).toHaveText('(empty: nothing written since the rewrite)');
  await expect(view).toContainText('aof_rewrites:2');
  await expect(view).toContainText('This browser keeps your data on its own');
});

test("a real redis-server's AOF directory loads, picked with its manifest or dropped on the page", async ({ page }) => {
  // appendfsync always: with everysec, Redis may hold a write back while a background fsync runs,
  // replying all the same, and the files read below would lack it.
  const real = await startRealRedis(['--appendonly', 'yes', '--appendfsync', 'always']);
  const c = await RespConnection.connect(real.port);
  await c.send(['RPUSH', 'queue', 'a', 'b']);
  await c.send(['BGREWRITEAOF']);
  // The rewrite is done once the base holds the list; then writes go to the new incr file.
  const dir = join(real.dir, 'appendonlydir');
  await expect.poll(async () => (await readdir(dir)).sort()).toEqual(['appendonly.aof.2.base.rdb', 'appendonly.aof.2.incr.aof', 'appendonly.aof.manifest']);
  await c.send(['HSET', 'user:1', 'name', 'Kim']);
  await c.send(['SET', 'visits', '7', 'EX', '1000']);
  c.close();
  // Written before the replies came, read before the directory goes with the server.
  const files = await Promise.all(
    (await readdir(dir)).map(async (name) => ({ name, mimeType: 'application/octet-stream', buffer: await readFile(join(dir, name)) })),
  );
  await real.stop();

  await typeLine(page, 'SET mine 1');
  const panel = page.getByRole('region', { name: 'Your data as a file' });
  page.once('dialog', (d) => {
    expect(d.message()).toMatch(/^Replace the data here \(1 key in all databases\) with the 3 keys in appendonly\.aof\./);
    void d.accept();
  });
  await panel.locator('input[type=file]').setInputFiles(files);
  await expect(panel).toContainText(/Loaded 3 keys from appendonly\.aof\.\d/);
  await focusTerminal(page);
  await typeLine(page, 'HGET user:1 name');
  expect((await screen(page)).at(-2)).toBe('"Kim"');
  await typeLine(page, 'TTL visits');
  expect((await screen(page)).at(-2)).toMatch(/^\(integer\) (99\d|1000)$/);

  // Dropped on the page: the incremental file alone is an AOF of commands too.
  const incr = files.find((f) => f.name.endsWith('.incr.aof'))!;
  page.once('dialog', (d) => void d.accept());
  await page.evaluate(
    ({ name, bytes }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name));
      const target = document.querySelector('main')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { name: incr.name, bytes: [...incr.buffer] },
  );
  await expect(
    page.getByRole('status').filter({ hasText: 'Loaded 2 keys from appendonly.aof.2.incr.aof. This incremental file holds only the writes' }),
  ).toBeVisible();
  await focusTerminal(page);
  await typeLine(page, 'EXISTS queue user:1 visits');
  expect((await screen(page)).at(-2)).toBe('(integer) 2');
});
