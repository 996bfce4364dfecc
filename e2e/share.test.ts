// A link that recreates a playground (src/ui/share.ts): made from the data and the lesson step,
// opened elsewhere it shows what it would run and runs nothing until the person agrees.

import { loadSite, waitForPrompt } from './support.js';
import { expect, test } from './fixtures.js';

test('a shared link asks before it runs, then recreates the data and opens the lesson step', async ({ page, browser }) => {
  await page.evaluate(async () => {
    const hooks = window.redisPlayground!;
    await hooks.run(['SET', 'greeting', 'hello world']);
    await hooks.run(['RPUSH', 'jobs', 'a', 'b']);
    await hooks.run(['SELECT', '2']);
  });
  await page
    .getByRole('link', { name: /First contact/ })
    .first()
    .click();
  const files = page.getByRole('region', { name: 'Your data as a file' });
  await files.getByRole('button', { name: 'Share as a link' }).click();
  const link = await files.getByRole('textbox', { name: 'Link to this playground' }).inputValue();
  expect(link).toMatch(/#share=[\w-]+$/);

  // Opened in another browser profile (empty storage).
  const other = await (await browser.newContext()).newPage();
  await loadSite(other, link);
  const dialog = other.getByRole('dialog', { name: 'A shared playground' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('This link recreates a playground with 3 commands, then opens the lesson “first-contact”. Nothing has run yet.');
  await expect(dialog.locator('pre')).toHaveText('SELECT 0\nSET greeting "hello world"\nRPUSH jobs a b');
  // Focus starts on declining: Enter alone never runs what a link brought.
  await expect(dialog.getByRole('button', { name: 'Don’t run' })).toBeFocused();
  expect(await other.evaluate(() => window.redisPlayground!.run(['DBSIZE']))).toEqual({ t: 'int', v: 0 });
  await dialog.getByRole('button', { name: 'Run them' }).click();
  await expect(dialog).toBeHidden();
  expect(await other.evaluate(() => window.redisPlayground!.run(['LRANGE', 'jobs', '0', '-1']))).toEqual({
    t: 'array',
    v: [
      { t: 'bulk', v: 'a' },
      { t: 'bulk', v: 'b' },
    ],
  });
  await expect(other.locator('.lesson-heading')).toBeVisible();
  expect(new URL(other.url()).hash).toBe('#/lessons/first-contact/1');

  // Pasted into a page already open, and declined: nothing runs, and the address forgets the link.
  const third = await (await browser.newContext()).newPage();
  await loadSite(third, link.replace(/#.*/, ''));
  await third.goto(link);
  // By keyboard: Enter on the focused button declines.
  await expect(third.getByRole('dialog', { name: 'A shared playground' })).toBeVisible();
  await third.keyboard.press('Enter');
  await expect(third.getByRole('dialog', { name: 'A shared playground' })).toBeHidden();
  expect(await third.evaluate(() => window.redisPlayground!.run(['DBSIZE']))).toEqual({ t: 'int', v: 0 });
  expect(new URL(third.url()).hash).toBe('');
  await third.reload();
  await waitForPrompt(third);
  await expect(third.getByRole('dialog', { name: 'A shared playground' })).toHaveCount(0);
  await other.context().close();
  await third.context().close();
});
