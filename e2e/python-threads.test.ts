// Threads in the page's Python (#17). Chromium can switch WebAssembly stacks (JSPI), so each
// threading.Thread gets a stack of its own, suspended while it waits (runtime/green_threads.py):
// a thread blocked in BLPOP wakes when a terminal pushes while the main thread waits in join();
// Stop reaches the main thread whether the others wait or spin, and ends them. A browser
// without JSPI (here: Chromium with WebAssembly.Suspending removed before the page starts) runs
// the same programs' commands through the blocking channel and says what threads it lacks.

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { pageErrors, pasteNewPython, screen, typeLine, waitForPrompt } from './support.js';

const wb = (page: Page) => page.locator('#workbench');
const output = (page: Page) => wb(page).locator('.wb-console');

async function start(page: Page, source: string): Promise<void> {
  await pasteNewPython(page, source);
  await wb(page).getByRole('button', { name: 'Run Python' }).click();
  await expect(wb(page).getByRole('button', { name: 'Stop' })).toBeEnabled();
}

const terminal = (page: Page) => page.locator('.terminal-box:not([hidden]) .xterm-screen').first().click();

test('a thread blocked in BLPOP wakes when a terminal pushes; Stop ends threads that wait or spin', async ({ page }) => {
  test.setTimeout(180_000);
  await page.keyboard.press('Alt+4');
  await start(
    page,
    [
      'import threading, redis',
      'got = []',
      'def worker():',
      '    w = redis.Redis(decode_responses=True)',
      '    w.client_setname("popper")',
      '    got.append(w.blpop("jobs", timeout=0))',
      't = threading.Thread(target=worker, name="popper")',
      't.start()',
      'print("started", t.name, threading.active_count(), t.is_alive())',
      't.join()',
      'print(got, t.is_alive())',
    ].join('\n'),
  );
  await expect(output(page)).toContainText('started popper 2 True', { timeout: 120_000 });
  await terminal(page);
  // The thread's connection is a client of the engine, blocked.
  await expect.poll(async () => (await typeLine(page, 'CLIENT LIST'), (await screen(page)).join('\n'))).toMatch(/name=popper .*cmd=blpop/);
  await typeLine(page, 'RPUSH jobs first');
  await expect(output(page)).toContainText("[('jobs', 'first')] False");
  await expect(wb(page).locator('.wb-results-head')).toContainText('Finished.');

  // Stop while the main thread joins a thread that waits forever: KeyboardInterrupt in the
  // main thread, and the waiting thread's connection goes with the program.
  await start(
    page,
    [
      'import threading, redis',
      'def worker():',
      '    redis.Redis().blpop("never", timeout=0)',
      't = threading.Thread(target=worker)',
      't.start()',
      'print("joining")',
      't.join()',
    ].join('\n'),
  );
  await expect(output(page)).toContainText('joining');
  await terminal(page);
  await expect.poll(async () => (await typeLine(page, 'INFO clients'), (await screen(page)).join('\n'))).toContain('blocked_clients:1');
  await wb(page).getByRole('button', { name: 'Stop' }).click();
  await expect(output(page)).toContainText('KeyboardInterrupt');
  await expect(wb(page).locator('.wb-results-head')).toContainText('Ended with an exception.');
  await terminal(page);
  await expect.poll(async () => (await typeLine(page, 'INFO clients'), (await screen(page)).join('\n'))).toContain('blocked_clients:0');

  // A thread that never waits holds the others back, but Stop still reaches the main thread.
  await start(
    page,
    ['import threading', 'def spin():', '    while True:', '        pass', 't = threading.Thread(target=spin)', 't.start()', 't.join()'].join('\n'),
  );
  await wb(page).getByRole('button', { name: 'Stop' }).click();
  await expect(output(page)).toContainText('KeyboardInterrupt');
  await expect(wb(page).locator('.wb-results-head')).toContainText('Ended with an exception.');
  expect(pageErrors(page)).toEqual([]);
});

test('without stack switching, commands go through the blocking channel and threads are refused with a reason', async ({ site }) => {
  test.setTimeout(180_000);
  const page = await site.open();
  // Before the site's scripts: the page tells the Python worker it cannot switch stacks.
  await page.addInitScript(() => delete (WebAssembly as { Suspending?: unknown }).Suspending);
  await page.reload();
  await waitForPrompt(page);
  await page.keyboard.press('Alt+4');
  await start(
    page,
    [
      'import threading, redis',
      'r = redis.Redis()',
      'print(r.set("k", "v"), r.get("k"), r.blpop("none", timeout=0.1))',
      'try:',
      '    threading.Thread(target=print).start()',
      'except RuntimeError as e:',
      '    print(e)',
    ].join('\n'),
  );
  await expect(wb(page).locator('.wb-results-head')).toContainText('Finished.', { timeout: 120_000 });
  await expect(output(page)).toContainText("True b'v' None");
  await expect(output(page)).toContainText('cannot switch stacks (JSPI), so it has no threads');
  expect(pageErrors(page)).toEqual([]);
});
