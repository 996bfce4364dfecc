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
let fetched = new Set<string>();
for (let run = 0; run < 5; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('request', (r) => {
    if (r.resourceType() === 'script' || r.url().endsWith('.js')) scripts.add(r.url().split('/').pop()!);
  });
  const t0 = Date.now();
  await page.goto(site.url);
  await waitForPrompt(page);
  loads.push(Date.now() - t0);
  fetched = scripts;
  await context.close();
}
const jsBytes = [...fetched].filter((f) => assets.includes(f)).reduce((sum, f) => sum + gz(f), 0);

// Round trip: keys in, reply on the screen, as the person sees it.
const page = await (await browser.newContext()).newPage();
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

loads.sort((a, b) => a - b);
console.log(`JavaScript before the prompt: ${(jsBytes / 1024).toFixed(1)} KB gzip (${[...fetched].join(', ')}) — target ≤ 300 KB`);
console.log(`time to a prompt that takes input: median ${loads[2]} ms, best ${loads[0]} ms, worst ${loads[4]} ms (5 cold loads) — target < 1000 ms`);
console.log(`typed command to reply on screen: p50 ${rtt.p50.toFixed(2)} ms, p95 ${rtt.p95.toFixed(2)} ms (200 INCRs, screen polled with setTimeout 0)`);

await browser.close();
await site.close();
