// Ways to type into the site's terminal and read what it shows, the way a person would, used by
// the end-to-end tests (through e2e/fixtures.ts) and by the scripts that drive the built site
// outside the test runner (bench/site.ts, scripts/lesson-screenshots.ts), which also take the
// plain static server and the Chromium launch from here. Playwright Test starts its own server
// (Vite's preview) and browser (playwright.config.ts), with the same Chromium and flags.

import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

export const DIST = join(import.meta.dirname, '..', 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves dist/ with no special headers at all: what any static host would do. `isolated` adds
 * the cross-origin isolation headers `npm start` sends (the browser's Python needs them from the
 * first load; elsewhere the service worker adds them after a reload).
 */
export async function serveDist(options: { isolated?: boolean } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const headers = options.isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {};
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first');
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(DIST, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Chromium's flags. CI machines have no network: Chromium must not try to reach Google's services. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page's size and language; the tests' pages default to a desktop in English. */
export interface SiteOptions {
  width?: number;
  height?: number;
  locale?: string;
}

export const contextOptions = (options: SiteOptions = {}) => ({
  viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
  locale: options.locale ?? 'en-US',
});

/** Opens the site in a fresh context (empty storage) and waits for the first prompt. */
export async function openSite(browser: Browser, url: string, options: SiteOptions = {}): Promise<Page> {
  const page = await (await browser.newContext(contextOptions(options))).newPage();
  await loadSite(page, url);
  return page;
}

/** Loads the site into a page, noting its uncaught errors, and waits for the first prompt. */
export async function loadSite(page: Page, url: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(url);
  await waitForPrompt(page);
}

/** The page's uncaught errors so far (none is the only good answer). */
export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

export async function activeTab(page: Page): Promise<number> {
  return page.evaluate(() => window.redisPlayground!.activeTab());
}

/** Every line of a terminal (scrollback included), wrapped rows joined, trailing blanks cut. */
export async function screen(page: Page, tabId?: number): Promise<string[]> {
  return page.evaluate((id) => window.redisPlayground!.screen(id ?? undefined), tabId ?? null);
}

/** Waits until the terminal sits at a prompt with nothing left to run. */
export async function waitIdle(page: Page, tabId?: number, timeout = 10_000): Promise<void> {
  await page.waitForFunction((id) => window.redisPlayground?.idle(id ?? undefined) === true, tabId ?? null, { timeout, polling: 20 });
}

export async function waitForPrompt(page: Page): Promise<void> {
  await page.waitForFunction(() => window.redisPlayground?.idle() === true, null, { timeout: 15_000, polling: 20 });
}

/** Focuses the visible terminal of the active tab (a click, as a person would). */
export async function focusTerminal(page: Page): Promise<void> {
  await page.locator('.terminal-box:not([hidden]) .xterm-screen').first().click();
}

/** Types a line with the keyboard, presses Enter and waits for the next prompt. */
export async function typeLine(page: Page, line: string): Promise<void> {
  if (line !== '') await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await waitIdle(page);
}

/** Pastes text into the active terminal (what Ctrl-V / the context menu does). */
export async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const area = document.querySelector<HTMLTextAreaElement>('.terminal-box:not([hidden]) .xterm-helper-textarea')!;
    const data = new DataTransfer();
    data.setData('text/plain', t);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The text of the screen rows the accessibility tree exposes (what a screen reader reads). */
export async function accessibleRows(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.terminal-box:not([hidden]) .xterm-accessibility-tree > div')].map((d) =>
      (d.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd(),
    ),
  );
}

/**
 * What the worker has stored (IndexedDB, src/worker/saved-state.ts): its snapshot and the
 * journal of writes since; null before it stored anything. Whether they hold `text` (a key's
 * name), and how far ahead of real time the engine's clock was and whether it was paused, as
 * the last of them says. Tests wait on it before a reload.
 */
export async function autosaved(page: Page, text = ''): Promise<{ holds: boolean; ahead: number; paused: boolean } | null> {
  return page.evaluate(
    (needle) =>
      new Promise((resolve) => {
        const open = indexedDB.open('redis-playground');
        // Not there yet: leave creating it (and its store) to the worker.
        open.onupgradeneeded = () => open.transaction!.abort();
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('snapshots')) return resolve(null);
          const store = db.transaction('snapshots').objectStore('snapshots');
          const get = store.get('dataset');
          const journal = store.getAll(IDBKeyRange.bound(['journal', -Infinity], ['journal', Infinity]));
          get.onerror = () => resolve(null);
          journal.onsuccess = async () => {
            const saved = get.result as { snapshot: Blob | Uint8Array; ahead: number; pausedAt: number | null } | undefined;
            const entries = journal.result as { text: string; ahead: number; pausedAt: number | null }[];
            db.close();
            if (!saved && entries.length === 0) return resolve(null);
            // A Blob, as the worker stores it (a page of an older build stored the bytes).
            const bytes = saved === undefined ? new ArrayBuffer(0) : saved.snapshot instanceof Blob ? await saved.snapshot.arrayBuffer() : saved.snapshot;
            // Key names and short strings are stored as they are in an RDB snapshot and a journal.
            const holds = new TextDecoder('latin1').decode(bytes).includes(needle) || entries.some((e) => e.text.includes(needle));
            const last = entries[entries.length - 1] ?? saved!;
            resolve({ holds, ahead: last.ahead, paused: last.pausedAt !== null });
          };
        };
      }),
    text,
  );
}

/**
 * Waits until the page's own clock has moved `ms` on since `since` (its performance.now()), for
 * behaviour that is about real time going by: a paused engine clock that must not move, the
 * time redis-cli prints after a command that took over half a second.
 */
export async function realTimePassed(page: Page, since: number, ms: number): Promise<void> {
  await page.waitForFunction((until) => performance.now() >= until, since + ms, { polling: 20 });
}

/** The page's own clock (performance.now()), for realTimePassed. */
export async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Opens a new Python script in the workbench and pastes `source` into it, as a person brings a
 *  program in (typed, Monaco would indent each new line again). */
export async function pasteNewPython(page: Page, source: string): Promise<void> {
  const wb = page.locator('#workbench');
  await wb.getByRole('button', { name: 'New Python' }).click();
  await wb.locator('.wb-editor .monaco-editor').click();
  await wb.locator('.wb-editor textarea').evaluate((area, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, source);
}

/**
 * The built site at 1440×900, at its prompt, with the inspector closed: for benchmarks that
 * measure the engine and its storage alone (bench/autosave.ts, bench/journal.ts).
 */
export async function openSiteForBench(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.goto(url);
  await waitForPrompt(page);
  await page.locator('.topbar').getByRole('button', { name: 'Inspector', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#inspector') === null);
  return page;
}
