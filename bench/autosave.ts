// The browser's autosave against a typed command: 200,000 keys (BENCH_KEYS) are autosaved
// while a client sends PINGs one after another, with a SET now and then so that a new autosave
// is always due. Printed: the longest a PING waited for its reply during the autosaves,
// - in Node, the worker's EngineHost over a MessageChannel with real timers, the snapshot made
//   at once (as before: the whole dataset in one task) and in slices (the snapshot job);
// - in Chromium, the built site's own worker, storing in IndexedDB (the inspector closed, so
//   that only the autosave competes with the PINGs). Needs `npx vite build` first.
// Run: node --import tsx bench/autosave.ts

import { existsSync } from 'node:fs';
import { launchChromium, openSiteForBench, serveDist } from '../e2e/support.js';
import { WorkerClient } from '../src/worker/client.js';
import { late } from '../src/engine/late.js';
import { EngineHost } from '../src/worker/engine-host.js';
import type { ToWorker } from '../src/worker/protocol.js';

const KEYS = Number(process.env.BENCH_KEYS ?? 200_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);

async function measure(
  sliced: boolean,
): Promise<{ maxWait: number; p99: number; pings: number; saves: number; saveMs: number[]; longestSlice: number; longestSliceCpu: number }> {
  const channel = new MessageChannel();
  // The longest autosave slice (the one that stores the image included), timed around it, in
  // wall time and in the process's CPU time (which other processes on a loaded machine do not
  // stretch). Slices are timers, as in the worker (a MessagePort of Node's runs the messages
  // posted while it drains in the same batch: the PINGs would wait for the whole save).
  let longestSlice = 0;
  let longestSliceCpu = 0;
  const timedSlice = (fn: () => void) => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    fn();
    const used = process.cpuUsage(cpu);
    longestSlice = Math.max(longestSlice, performance.now() - t);
    longestSliceCpu = Math.max(longestSliceCpu, (used.user + used.system) / 1000);
  };
  const saveMs: number[] = [];
  let saveStarted = 0;
  const host = new EngineHost((m) => channel.port2.postMessage(m), {
    engine: { late },
    timers: {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
    autosave: () => saveMs.push(performance.now() - saveStarted),
    autosaveTime: () => performance.now(),
    ...(sliced
      ? {
          autosaveSlice: (fn: () => void) => void setTimeout(() => timedSlice(fn), 0),
        }
      : {}),
  });
  // When a save starts (the host's own call, wrapped to note the time).
  const start = host.autosaveIfDue.bind(host);
  host.autosaveIfDue = () => {
    const was = host.autosaving;
    const t = performance.now();
    start();
    if (!was && (host.autosaving || saveMs.length > 0)) saveStarted = t;
  };
  channel.port2.onmessage = (e) => host.handle(e.data as ToWorker);
  host.start();
  const wc = new WorkerClient(() => channel.port1);
  await wc.ready;
  const h = await wc.open();
  for (let b = 0; b * 1000 < KEYS; b++) {
    const argv = ['MSET'];
    for (let i = b * 1000; i < Math.min(KEYS, (b + 1) * 1000); i++) argv.push(`key:${i}`, `value:${i}`);
    await wc.run(h, argv);
  }
  const waits: number[] = [];
  const savesBefore = saveMs.length;
  const end = performance.now() + SECONDS * 1000;
  for (let n = 0; performance.now() < end; n++) {
    const t = performance.now();
    await wc.run(h, n % 50 === 0 ? ['SET', `w:${n}`, 'x'] : ['PING']);
    waits.push(performance.now() - t);
  }
  host.stop();
  wc.dispose();
  channel.port1.close();
  channel.port2.close();
  waits.sort((a, b) => a - b);
  return {
    maxWait: waits.at(-1)!,
    p99: waits[Math.floor(waits.length * 0.99)]!,
    pings: waits.length,
    saves: saveMs.length - savesBefore,
    saveMs: saveMs.slice(savesBefore),
    longestSlice,
    longestSliceCpu,
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
for (const sliced of [false, true]) {
  const r = await measure(sliced);
  console.log(
    `${KEYS.toLocaleString('en')} keys, autosave ${sliced ? 'in slices (snapshot job)' : 'at once (whole dataset)'}: ` +
      `longest PING wait ${ms(r.maxWait)}, p99 ${ms(r.p99)} (${r.pings} commands in ${SECONDS} s; ${r.saves} autosaves, ` +
      `each ${r.saveMs.map((v) => v.toFixed(0)).join(' / ')} ms from start to stored${sliced ? `; longest slice ${ms(r.longestSlice)}, ${ms(r.longestSliceCpu)} of CPU` : ''}) — target < 50 ms`,
  );
}

// In Chromium: the built site, its worker and IndexedDB.
if (!existsSync('dist/index.html')) {
  console.log('(no dist/: run `npx vite build` for the figure in Chromium)');
} else {
  const site = await serveDist();
  const browser = await launchChromium();
  try {
    const page = await openSiteForBench(browser, site.url);
    const r = await page.evaluate(
      async ({ keys, seconds }) => {
        const hooks = window.redisPlayground!;
        for (let b = 0; b * 1000 < keys; b++) {
          const argv = ['MSET'];
          for (let i = b * 1000; i < Math.min(keys, (b + 1) * 1000); i++) argv.push(`key:${i}`, `value:${i}`);
          await hooks.run(argv);
        }
        const waits: number[] = [];
        const end = performance.now() + seconds * 1000;
        for (let n = 0; performance.now() < end; n++) {
          const t = performance.now();
          await hooks.run(n % 50 === 0 ? ['SET', `w:${n}`, 'x'] : ['PING']);
          waits.push(performance.now() - t);
        }
        waits.sort((a, b) => a - b);
        return { maxWait: waits.at(-1)!, p99: waits[Math.floor(waits.length * 0.99)]!, pings: waits.length };
      },
      { keys: KEYS, seconds: SECONDS },
    );
    console.log(
      `${KEYS.toLocaleString('en')} keys, the site's worker in Chromium (autosaves to IndexedDB about once a second): ` +
        `longest PING wait ${ms(r.maxWait)}, p99 ${ms(r.p99)} (${r.pings} commands in ${SECONDS} s) — target < 50 ms`,
    );
  } finally {
    await browser.close();
    await site.close();
  }
}
