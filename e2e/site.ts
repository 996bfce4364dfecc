// The hooks every end-to-end file shares: one static server and one Chromium per file, a fresh
// page (empty storage) per test with the terminal focused. Kept apart from support.ts, which
// bench/site.ts also uses outside Vitest.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { FIRST_VISIT } from '../src/ui/first-visit.js';
import { activeTab, focusTerminal, launchChromium, openSite, serveDist, waitIdle } from './support.js';

export interface Site {
  /** The site's address (valid once the file's hooks ran). */
  readonly url: string;
  /** Opens the site in a new context and focuses the terminal. */
  open(options?: Parameters<typeof openSite>[2]): Promise<Page>;
}

export function useSite(): Site {
  let server: Awaited<ReturnType<typeof serveDist>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveDist();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      return server.url;
    },
    async open(options) {
      const page = await openSite(browser, server.url, options);
      await focusTerminal(page);
      return page;
    },
  };
}

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
