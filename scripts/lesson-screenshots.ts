// Screenshots of every lesson's first step (or a given step), in one language, at a desktop and
// a phone size, from the built site in Chromium: for looking at typography and layout by eye.
// Run: npx vite build && npx tsx scripts/lesson-screenshots.ts [ko|en] [out-dir] [step]

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { lessons } from '../lessons/index.js';
import { launchChromium, openSite, serveDist, waitForPrompt } from '../e2e/support.js';

const locale = process.argv[2] === 'en' ? 'en' : 'ko';
const out = process.argv[3] ?? `/tmp/lesson-screenshots-${locale}`;
const step = Number(process.argv[4] ?? 1);
mkdirSync(out, { recursive: true });

const site = await serveDist();
const browser = await launchChromium();
try {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    const page = await openSite(browser, site.url, { width, height, locale: locale === 'ko' ? 'ko-KR' : 'en-US' });
    for (const lesson of lessons) {
      await page.goto(`${site.url}#/lessons/${lesson.id}/${step}`);
      await waitForPrompt(page);
      await page.waitForFunction((id) => document.querySelector('.lesson-heading') !== null && location.hash.includes(id), lesson.id);
      // Font slices are fetched as text needs them: wait until none is still on its way.
      await page.waitForFunction(async () => {
        await document.fonts.ready;
        return [...document.fonts].every((f) => f.status !== 'loading');
      });
      // A phone shows one panel at a time: the lessons come from the bottom bar.
      const bar = page.locator('.bottom-bar button[data-panel="lessons"]');
      if (await bar.isVisible()) await bar.click();
      await page.locator('.lesson-heading').scrollIntoViewIfNeeded();
      const file = join(out, `${lesson.id}-${width}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      // The whole lesson column too: it runs below the screen.
      const column = join(out, `${lesson.id}-${width}-column.png`);
      await page.locator('.lessons-panel').screenshot({ path: column });
      console.log(column);
    }
    await page.context().close();
  }
} finally {
  await browser.close();
  await site.close();
}
