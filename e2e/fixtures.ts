// What every end-to-end test starts from, as Playwright fixtures: `page` is the built site
// (Vite's preview, started by playwright.config.ts) loaded in a fresh context with empty
// storage, at its first prompt, the terminal focused; `site` opens more pages, each in a
// context of its own, at another size or in another language. The terminal helpers (typing a
// line, reading the screen) are functions of a page in support.ts, shared with the scripts
// that drive the site outside the test runner.

import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { FIRST_VISIT } from '../src/ui/first-visit.js';
import { activeTab, contextOptions, focusTerminal, loadSite, waitIdle, type SiteOptions } from './support.js';

export { expect };

export interface Site {
  /** The site's address. */
  readonly url: string;
  /** Opens the site in a new context (empty storage), waits for the prompt and focuses the terminal. */
  open(options?: SiteOptions): Promise<Page>;
}

export const test = base.extend<{ site: Site }>({
  page: async ({ page, baseURL }, use) => {
    await loadSite(page, baseURL!);
    await focusTerminal(page);
    await use(page);
  },
  site: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use({
      url: baseURL!,
      async open(options) {
        const context = await browser.newContext(contextOptions(options));
        contexts.push(context);
        const page = await context.newPage();
        await loadSite(page, baseURL!);
        await focusTerminal(page);
        return page;
      },
    });
    for (const context of contexts) await context.close();
  },
});

/**
 * A fresh page's first terminal starts with the page's welcome line (not redis-cli's: it has
 * none), printed before the first prompt: checked here, and the rows after it returned.
 */
export function afterWelcome(lines: readonly string[], locale: keyof typeof FIRST_VISIT = 'en'): string[] {
  expect(lines[0]).toBe(FIRST_VISIT[locale].welcome);
  return lines.slice(1);
}

/** Opens a new terminal tab with the + button, waits for its prompt and focuses it. */
export async function newTab(page: Page): Promise<number> {
  const before = await activeTab(page);
  await page.getByRole('button', { name: 'New terminal' }).click();
  await expect.poll(() => activeTab(page)).not.toBe(before);
  await waitIdle(page);
  await focusTerminal(page);
  return activeTab(page);
}
