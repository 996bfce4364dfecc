// How long the page's main thread is blocked while the terminal prints a big reply: for each
// command typed into the real terminal (through the real worker, in Debian's Chromium), the
// time until the prompt is back with everything on the screen, and the main thread's long
// tasks meanwhile (PerformanceObserver 'longtask': every task over 50 ms). PROFILE=1 also
// prints the functions that took the most time (Chromium's sampling profiler), to see what the
// long tasks are made of.
// Run: npm run build && node --import tsx bench/page-long-tasks.ts

import type { CDPSession } from 'playwright-core';
import { focusTerminal, launchChromium, serveDist, waitForPrompt } from '../e2e/support.js';

const site = await serveDist();
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const page = await context.newPage();
await page.addInitScript({
  content: `globalThis.__name = (f) => f;
    globalThis.__longtasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.__longtasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });`,
});
page.on('crash', () => console.error('page crashed'));
page.on('console', (m) => {
  if (m.type() === 'error') console.error('console:', m.text());
});
await page.goto(site.url);
await waitForPrompt(page);

// The data, written through a connection of the page's own (no printing).
await page.evaluate(async () => {
  const hooks = window.redisPlayground!;
  const run = (argv: string[]) => hooks.run(argv);
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  let bin = '';
  for (let i = 0; i < 2 << 20; i += 4096) bin += String.fromCharCode(...Array.from({ length: 4096 }, random));
  await run(['SET', 'bin', bin]);
  const words = ['redis', 'learn', 'page', 'value', 'terminal', 'slice', 'key', 'list'];
  let text = '';
  for (let i = 0; text.length < 1 << 20; i++) text += words[i % words.length] + (i % 13 === 12 ? '. ' : ' ');
  await run(['SET', 'text', text.slice(0, 1 << 20)]);
  for (let b = 0; b < 100; b++) await run(['RPUSH', 'list', ...Array.from({ length: 1000 }, (_, i) => `item:${b * 1000 + i}`)]);
  for (let b = 0; b < 50; b++) await run(['HSET', 'hash', ...Array.from({ length: 1000 }, (_, i) => [`field:${b * 1000 + i}`, String(i)]).flat()]);
});
await focusTerminal(page);

const cdp: CDPSession | null = process.env.PROFILE === '1' ? await context.newCDPSession(page) : null;
if (cdp !== null) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const results: { line: string; total: number; tasks: number[]; rows: number; chars: number }[] = [];
for (const line of ['GET bin', 'GET text', 'LRANGE list 0 -1', 'HGETALL hash']) {
  if (cdp !== null) await cdp.send('Profiler.start');
  process.stderr.write(`${line}…\n`);
  const r = await page.evaluate(async (line) => {
    const hooks = window.redisPlayground!;
    const g = globalThis as unknown as { __longtasks: number[] };
    const before = hooks.screen().length;
    g.__longtasks = [];
    const area = document.querySelector<HTMLTextAreaElement>('.terminal-box:not([hidden]) .xterm-helper-textarea')!;
    const t = performance.now();
    const data = new DataTransfer();
    data.setData('text/plain', line + '\n');
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    // Done when the prompt is back and everything written is on the screen (the paste made the
    // terminal busy at once).
    while (!hooks.idle()) await new Promise((r) => setTimeout(r, 20));
    const total = performance.now() - t;
    // A long task still running when the loop noticed is reported right after.
    await new Promise((r) => setTimeout(r, 100));
    const tasks = g.__longtasks.slice();
    const screen = hooks.screen();
    return { total, tasks, rows: screen.length - before, chars: screen.reduce((n, l) => n + l.length, 0) };
  }, line);
  results.push({ line, ...r });
  if (cdp !== null) {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
      profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const nameOf = (id: number) => {
      const f = byId.get(id)!.callFrame;
      return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    };
    // Tasks: runs of samples with no idle one between them; the longest ones, with the
    // functions they spent their time in (inclusive: a sample counts for every function on
    // its stack).
    const tasks: { ms: number; samples: number[] }[] = [];
    let task: { ms: number; samples: number[] } | null = null;
    profile.samples.forEach((id, i) => {
      const idle = byId.get(id)!.callFrame.functionName === '(idle)';
      if (idle) task = null;
      else {
        if (task === null) tasks.push((task = { ms: 0, samples: [] }));
        task.ms += (profile.timeDeltas[i] ?? 0) / 1000;
        task.samples.push(id);
      }
    });
    tasks.sort((a, b) => b.ms - a.ms);
    for (const t of tasks.slice(0, 3)) {
      const time = new Map<string, number>();
      for (const id of t.samples) {
        const seen = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(nameOf(at));
        for (const name of seen) time.set(name, (time.get(name) ?? 0) + t.ms / t.samples.length);
      }
      const top = [...time].filter(([n]) => !n.startsWith('(root)') && !n.startsWith('(program)')).sort((a, b) => b[1] - a[1]);
      console.log(
        `${line}: a task of ${t.ms.toFixed(0)} ms: ${top
          .slice(0, 30)
          .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
          .join('; ')}`,
      );
    }
  }
  await page.evaluate(() => window.redisPlayground!.run(['PING'])); // nothing left in flight
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
for (const { line, total, tasks, rows, chars } of results) {
  const longest = tasks.length === 0 ? 'none over 50 ms' : ms(Math.max(...tasks));
  console.log(
    `${line.padEnd(17)} longest main-thread task ${longest} (${tasks.length} over 50 ms, ${ms(tasks.reduce((a, b) => a + b, 0))} in all); ` +
      `prompt back after ${ms(total)}; screen then ${rows} lines more, ${chars} characters — target: every task < 50 ms`,
  );
}

await browser.close();
await site.close();
