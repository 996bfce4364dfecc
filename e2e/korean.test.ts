// Korean on the page: lines break between words, never inside one (word-break: keep-all), at a
// desktop and a phone width; the Noto Sans KR the site serves is what draws Hangul, fetched
// slice by slice (an English page fetches only what its "한국어" button needs) and kept for
// offline use.

import type { Page } from '@playwright/test';
import { focusTerminal, typeLine, waitForPrompt } from './support.js';
import { expect, test } from './fixtures.js';

/** First steps with long Korean paragraphs, key names and code among them. */
const LESSONS = ['first-contact', 'strings-counters', 'hashes', 'hat-shop', 'caching', 'streams', 'sessions', 'connections'];

interface LineBreak {
  /** The last visible character of a line and the first of the next. */
  before: string;
  after: string;
  /** Whether white space stood between them (a break at a space). */
  space: boolean;
  /** The text around the break, for the failure message. */
  context: string;
}

/** Waits until no font slice is still on its way (slices are fetched as text needs them). */
async function fontsSettled(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await document.fonts.ready;
    return [...document.fonts].every((f) => f.status !== 'loading');
  });
}

/**
 * Where each visual line of the element's text starts, found as a reader sees it: the box of
 * every character (Range.getClientRects), a character lower than the one before it in the same
 * block starting a new line. Preformatted text (pre) is left out: it never wraps.
 */
function lineBreaks(page: Page, selector: string): Promise<LineBreak[]> {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel)!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const chars: { ch: string; top: number; bottom: number; block: Element | null; space: boolean }[] = [];
    let space = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // The block that lays out this text: inline elements (code, strong) are part of its lines.
      let block = node.parentElement;
      while (block && block !== root && ['inline', 'contents'].includes(getComputedStyle(block).display)) block = block.parentElement;
      if (node.parentElement?.closest('pre')) continue;
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        const size = text.codePointAt(i)! > 0xffff ? 2 : 1;
        const ch = text.slice(i, i + size);
        if (/\s/.test(ch)) {
          space = true;
          continue;
        }
        range.setStart(node, i);
        range.setEnd(node, i + size);
        i += size - 1;
        const rect = [...range.getClientRects()].find((r) => r.width > 0 && r.height > 0);
        if (!rect) continue; // not shown (a closed <details>, a clipped line)
        chars.push({ ch, top: rect.top, bottom: rect.bottom, block, space });
        space = false;
      }
    }
    const breaks = [];
    for (let i = 1; i < chars.length; i++) {
      const a = chars[i - 1]!;
      const b = chars[i]!;
      if (a.block !== b.block || b.top < (a.top + a.bottom) / 2) continue;
      const context = chars
        .slice(Math.max(0, i - 8), i + 8)
        .map((c, j) => (j === Math.min(8, i) ? '|' : '') + (c.space ? ' ' : '') + c.ch)
        .join('');
      breaks.push({ before: a.ch, after: b.ch, space: b.space, context });
    }
    return breaks;
  }, selector);
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;
const WORD = /[\p{L}\p{N}]/u;

/** A break with no space between two letters of which one is Hangul: inside a Korean word. */
const insideWord = (b: LineBreak) => !b.space && WORD.test(b.before) && WORD.test(b.after) && (HANGUL.test(b.before) || HANGUL.test(b.after));

/** Opens a lesson's step, with every hint and the solution shown (more Korean to lay out). */
async function openStep(page: Page, lesson: string): Promise<void> {
  await page.evaluate((id) => (location.hash = `#/lessons/${id}/1`), lesson);
  await expect(page.locator('section.step')).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/lessons/${lesson}/1`);
  for (let more = page.getByRole('button', { name: /^힌트( 더)? 보기$/ }); (await more.count()) > 0;) await more.click();
  const solution = page.getByRole('button', { name: '정답 보기' });
  if ((await solution.count()) > 0) await solution.click();
  await fontsSettled(page);
}

test.describe('Korean line breaks', () => {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    test(`breaks lines between words, never inside one, at ${width}×${height}`, async ({ site }) => {
      const page = await site.open({ width, height, locale: 'ko-KR' });
      // A phone shows one panel at a time: the lessons are one tap away in the bottom bar.
      const bar = page.locator('.bottom-bar button[data-panel="lessons"]');
      if (await bar.isVisible()) await bar.click();
      let lines = 0;
      for (const lesson of LESSONS) {
        await openStep(page, lesson);
        const breaks = await lineBreaks(page, '.lessons-panel');
        lines += breaks.length;
        expect(breaks.filter(insideWord).map((b) => `${lesson}: ${b.context}`)).toEqual([]);
        // Long tokens (key names, commands) wrap too: nothing sticks out of the column or the page.
        const overflow = await page.evaluate(() => {
          const panel = document.querySelector('#lessons')!;
          return { panel: panel.scrollWidth - panel.clientWidth, page: document.documentElement.scrollWidth - innerWidth };
        });
        expect(overflow, lesson).toEqual({ panel: 0, page: 0 });
      }
      // The text did wrap, many times: the check above had lines to look at.
      expect(lines).toBeGreaterThan(LESSONS.length * 5);
      await page.context().close();
    });
  }
});

/** The slices (font files) the page fetched so far. */
const fontFiles = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => n.endsWith('.woff2'))
      .map((n) => n.split('/').pop()!),
  );

/** The fonts Chromium drew an element's text with (DevTools protocol). */
async function fontsOf(page: Page, selector: string): Promise<{ familyName: string; postScriptName: string; isCustomFont: boolean }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

test.describe('the Korean font', () => {
  test('draws Hangul with the Noto Sans KR from dist/ (bold too), and Latin with the fonts it had', async ({ site }) => {
    const page = await site.open({ locale: 'ko-KR' });
    await fontsSettled(page);
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans KR"', '한국어'))).toBe(true);
    const files = await fontFiles(page);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => /^noto-sans-kr-\d+-(400|700)-normal-[\w-]+\.woff2$/.test(f))).toBe(true);
    // The language button's Hangul comes from our font; "English" beside it does not.
    expect((await fontsOf(page, '.lang-switch button[lang="ko"]')).map((f) => [f.familyName.startsWith('Noto Sans KR'), f.isCustomFont])).toEqual([
      [true, true],
    ]);
    expect((await fontsOf(page, '.lang-switch button[lang="en"]')).some((f) => f.isCustomFont)).toBe(false);
    // Headings get the real bold face once its rules (loaded after the first prompt) are in.
    await expect
      .poll(async () => {
        await fontsSettled(page);
        return (await fontsOf(page, '.lessons-head h2')).map((f) => [f.isCustomFont, /Bold$/.test(f.postScriptName)]);
      })
      .toEqual([[true, true]]);
    // A Korean value in the inspector (a <pre>) and in the terminal is drawn with it as well.
    await focusTerminal(page);
    await typeLine(page, 'SET 이름 홍길동');
    await page.locator('#inspector .key-row', { hasText: '이름' }).click();
    await expect(page.locator('.string-value')).toHaveText('홍길동');
    await fontsSettled(page);
    expect((await fontsOf(page, '.string-value')).map((f) => f.isCustomFont)).toEqual([true]);
    await page.context().close();
  });

  test('an English page fetches only the slices its "한국어" button needs', async ({ site }) => {
    const page = await site.open({ locale: 'en-US' });
    await fontsSettled(page);
    await expect.poll(() => page.locator('.lesson-list li').count()).toBeGreaterThan(10);
    await fontsSettled(page);
    // Which slices hold 한, 국 and 어 at the regular weight, read from the page's own rules.
    const needed = await page.evaluate(() => {
      const covers = (range: string, cp: number) =>
        range.split(',').some((part) => {
          const [from, to = from] = part
            .trim()
            .replace(/^U\+/i, '')
            .split('-')
            .map((h) => parseInt(h, 16));
          return cp >= from! && cp <= to!;
        });
      const files = new Set<string>();
      for (const sheet of document.styleSheets)
        for (const rule of sheet.cssRules) {
          if (!(rule instanceof CSSFontFaceRule) || rule.style.getPropertyValue('font-weight') !== '400') continue;
          const range = rule.style.getPropertyValue('unicode-range');
          if ([...'한국어'].some((c) => covers(range, c.codePointAt(0)!)))
            files.add(/url\("?([^")]+)/.exec(rule.style.getPropertyValue('src'))![1]!.split('/').pop()!);
        }
      return [...files].sort();
    });
    expect(needed.length).toBeGreaterThan(0);
    expect((await fontFiles(page)).sort()).toEqual(needed);
    await page.context().close();
  });

  test('keeps the slices a Korean page used for offline use, and stores none on an English visit', async ({ site }) => {
    const english = await site.open({ locale: 'en-US' });
    await english.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expect.poll(() => english.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await fontsSettled(english);
    // Every file of the build but the font is stored on install; the font only as it is used.
    const stored = await english.evaluate(async () => {
      const names = await caches.keys();
      const all = await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)));
      return all.flat().filter((u) => u.endsWith('.woff2')).length;
    });
    expect(stored).toBeLessThanOrEqual(2);
    await english.context().close();

    const page = await site.open({ locale: 'ko-KR' });
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await fontsSettled(page);
    const used = (await fontFiles(page)).length;
    // The first visit's slices came before the worker took over; the page named them to it.
    await expect.poll(() => page.evaluate(async () => (await (await caches.open('redis-playground-fonts')).keys()).length)).toBeGreaterThanOrEqual(used);
    await page.context().setOffline(true);
    try {
      await page.reload();
      await waitForPrompt(page);
      await fontsSettled(page);
      expect(await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'error').length)).toBe(0);
      expect((await fontsOf(page, '.lessons-head h2')).map((f) => f.isCustomFont)).toEqual([true]);
    } finally {
      await page.context().setOffline(false);
    }
    await page.context().close();
  });
});
