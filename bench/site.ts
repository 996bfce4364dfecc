// The site's first-screen figures, measured in Debian's Chromium against the built dist/ on a
// local static server: JavaScript (gzip) loaded before the prompt, time until the prompt takes
// input, and a command's round trip typed into the real terminal through the real worker.
// Run: npm run build && node --import tsx bench/site.ts

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, focusTerminal, launchChromium, serveDist, waitForPrompt } from '../e2e/support.js';

const site = await serveDist();
const browser = await launchChromium();

// Every script the page fetches before its prompt is up, gzip-compressed as a server would.
const assets = readdirSync(join(DIST, 'assets'));
const gz = (file: string) => gzipSync(readFileSync(join(DIST, 'assets', file)), { level: 9 }).length;

const loads: number[] = [];
const phases: { dom: number; engine: number }[] = [];
let fetched = new Set<string>();
for (let run = 0; run < 5; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await waitForPrompt(page);
  // Scripts whose fetch started before the prompt took input (the page's own resource timing).
  fetched = new Set(
    await page.evaluate(() => {
      const prompt = performance.getEntriesByName('first-prompt')[0]?.startTime ?? Infinity;
      return performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js') && e.startTime <= prompt)
        .map((e) => e.name.split('/').pop()!);
    }),
  );
  // Milliseconds from the start of navigation, read off the page's own clock.
  const marks = await page.evaluate(() =>
    Object.fromEntries(['first-prompt', 'engine-ready'].map((n) => [n, performance.getEntriesByName(n)[0]?.startTime ?? NaN])),
  );
  const nav = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  loads.push(marks['first-prompt']!);
  phases.push({ dom: nav, engine: marks['engine-ready']! });
  await context.close();
}
const jsBytes = [...fetched].filter((f) => assets.includes(f)).reduce((sum, f) => sum + gz(f), 0);

// Round trip: keys in, reply on the screen, as the person sees it.
const page = await (await browser.newContext()).newPage();
// tsx names the functions below with a helper that does not exist in the page.
await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
await page.goto(site.url);
await waitForPrompt(page);
await focusTerminal(page);
const rtt = await page.evaluate(async () => {
  const hooks = window.redisPlayground!;
  const samples: number[] = [];
  const area = document.querySelector<HTMLTextAreaElement>('.terminal-box:not([hidden]) .xterm-helper-textarea')!;
  for (let i = 0; i < 200; i++) {
    const rows = hooks.screen().length;
    const t = performance.now();
    const data = new DataTransfer();
    data.setData('text/plain', `INCR bench\n`);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    while (hooks.screen().length < rows + 2 || !hooks.idle()) await new Promise((r) => setTimeout(r, 0));
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[100]!, p95: samples[190]! };
});

// The worker protocol alone: a GET's round trip to the built engine worker and back, in Chromium.
const workerFile = assets.find((f) => f.startsWith('engine.worker-') && f.endsWith('.js'))!;
const worker = await page.evaluate(async (url) => {
  const w = new Worker(url, { type: 'module' });
  let waiting: ((m: { type: string; clientId?: number }) => void) | null = null;
  w.onmessage = (e) => waiting?.(e.data);
  const next = () => new Promise<{ type: string; clientId?: number }>((resolve) => (waiting = resolve));
  await next(); // ready
  w.postMessage({ type: 'open', id: 1 });
  const { clientId } = await next();
  w.postMessage({ type: 'run', id: 2, clientId, argv: ['SET', 'key', 'value'] });
  await next();
  // The page's clock is coarse (0.1 ms, jittered): time batches of 100 and take their mean.
  const batches: number[] = [];
  for (let b = 0; b < 50; b++) {
    const t = performance.now();
    for (let i = 0; i < 100; i++) {
      w.postMessage({ type: 'run', id: 3 + b * 100 + i, clientId, argv: ['GET', 'key'] });
      await next();
    }
    batches.push((performance.now() - t) / 100);
  }
  w.terminate();
  batches.sort((a, b) => a - b);
  return { p50: batches[25]!, p99: batches[49]! };
}, `${site.url}assets/${workerFile}`);

// Typing with 100,000 keys in the inspector: a key's echo on the screen, timed in the page.
for (let batch = 0; batch < 100; batch++) {
  const argv = ['MSET'];
  for (let i = 0; i < 1000; i++) argv.push(`key:${batch * 1000 + i}`, String(i));
  await page.evaluate((a) => window.redisPlayground!.run(a), argv);
}
await page.waitForFunction(() => /^db0: 1000\d\d keys/.test(document.querySelector('#inspector .keylist > p')?.textContent ?? ''), null, { timeout: 60_000 });
const typing = await page.evaluate(async () => {
  const hooks = window.redisPlayground!;
  const area = document.querySelector<HTMLTextAreaElement>('.terminal-box:not([hidden]) .xterm-helper-textarea')!;
  const samples: number[] = [];
  for (let i = 0; i < 60; i++) {
    const before = hooks.screen().at(-1) ?? '';
    const t = performance.now();
    area.dispatchEvent(new InputEvent('input', { data: 'x', inputType: 'insertText', bubbles: true }));
    while ((hooks.screen().at(-1) ?? '') === before) await new Promise((r) => requestAnimationFrame(r));
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[30]!, max: samples[59]! };
});

loads.sort((a, b) => a - b);
console.log(`JavaScript before the prompt: ${(jsBytes / 1024).toFixed(1)} KB gzip (${[...fetched].join(', ')}) — target ≤ 300 KB`);
const ms = (v: number) => `${v.toFixed(0)} ms`;
console.log(`time to a prompt that takes input: median ${ms(loads[2]!)}, best ${ms(loads[0]!)}, worst ${ms(loads[4]!)} (5 cold loads, from navigation start) — target < 1000 ms`);
console.log(`  of which: DOM ready ${phases.map((p) => ms(p.dom)).join(' / ')}; engine worker ready ${phases.map((p) => ms(p.engine)).join(' / ')}`);
console.log(`worker round trip (GET, in Chromium): median ${(worker.p50 * 1000).toFixed(0)} µs, worst ${(worker.p99 * 1000).toFixed(0)} µs (mean of each of 50 batches of 100 sequential) — target p50 < 1 ms`);
console.log(`typing with 100,000 keys in the inspector: key to echo on screen p50 ${typing.p50.toFixed(1)} ms, worst ${typing.max.toFixed(1)} ms (60 keys, screen read each frame) — target < 50 ms`);
console.log(`typed command to reply on screen: p50 ${rtt.p50.toFixed(2)} ms, p95 ${rtt.p95.toFixed(2)} ms (200 INCRs, screen polled with setTimeout 0)`);

await browser.close();
await site.close();
