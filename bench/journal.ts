// What a write costs in the browser with the journal (src/worker/journal.ts), by dataset size:
// for 0, 100,000 and 1,000,000 keys (BENCH_SIZES), in the built site's worker in Chromium, the
// round trip of a SET and the time until its journal entry is in IndexedDB; then, with the
// largest dataset, the reload (snapshot and journal read back) until the prompt. In Node, the
// server's AOF rewrite (BGREWRITEAOF: a new base) of 1,000,000 keys.
// Run: npm run bench:journal (builds the site first)

import { attachAof, MemoryAofDir } from '../src/engine/aof.js';
import { Engine } from '../src/engine/engine.js';
import { launchChromium, openSiteForBench, serveDist, waitForPrompt } from '../e2e/support.js';

const SIZES = (process.env.BENCH_SIZES ?? '0,100000,1000000').split(',').map(Number);
const WRITES = 200;

const ms = (v: number) => `${v.toFixed(2)} ms`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

// ---- Node: the AOF rewrite of 1M keys ----------------------------------------------------------
{
  const engine = new Engine();
  const c = engine.createClient();
  for (let b = 0; b < 1000; b++) {
    const argv = ['MSET'];
    for (let i = b * 1000; i < (b + 1) * 1000; i++) argv.push(`key:${i}`, `value:${i}`);
    engine.execute(c, argv);
  }
  const aof = attachAof(engine, new MemoryAofDir());
  engine.execute(c, ['CONFIG', 'SET', 'appendonly', 'yes']);
  const t = performance.now();
  aof.rewrite();
  console.log(`Node: BGREWRITEAOF of 1,000,000 keys (a new RDB base): ${ms(performance.now() - t)}; base ${(aof.baseSize / 1e6).toFixed(1)} MB`);
}

// ---- Chromium: the site's worker and IndexedDB -------------------------------------------------
const site = await serveDist();
const browser = await launchChromium();
try {
  // The inspector closed: only the engine and its storage are measured.
  const page = await openSiteForBench(browser, site.url);
  let have = 0;
  for (const size of SIZES) {
    await page.evaluate(
      async ({ from, to }) => {
        for (let b = from; b < to; b += 1000) {
          const argv = ['MSET'];
          for (let i = b; i < Math.min(to, b + 1000); i++) argv.push(`key:${i}`, `value:${i}`);
          await window.redisPlayground!.run(argv);
        }
      },
      { from: have, to: size },
    );
    have = Math.max(have, size);
    const r = await page.evaluate(
      async ({ writes }) => {
        /** Whether IndexedDB's last journal entry holds `needle` yet (the last only: reading them all would be the cost). */
        const journaled = (db: IDBDatabase, needle: string) =>
          new Promise<boolean>((resolve) => {
            const req = db
              .transaction('snapshots')
              .objectStore('snapshots')
              .openCursor(IDBKeyRange.bound(['journal', -Infinity], ['journal', Infinity]), 'prev');
            req.onsuccess = () => resolve(((req.result?.value as { text: string } | undefined)?.text ?? '').includes(needle));
            req.onerror = () => resolve(false);
          });
        const db = await new Promise<IDBDatabase>((resolve) => {
          const open = indexedDB.open('redis-playground');
          open.onsuccess = () => resolve(open.result);
        });
        const trips: number[] = [];
        const durable: number[] = [];
        for (let n = 0; n < writes; n++) {
          const key = `w:${Date.now()}:${n}`;
          const t = performance.now();
          await window.redisPlayground!.run(['SET', key, 'x']);
          trips.push(performance.now() - t);
          // Every tenth write: how long until it is in IndexedDB.
          if (n % 10 === 0) {
            while (!(await journaled(db, key))) await new Promise((r) => setTimeout(r, 0));
            durable.push(performance.now() - t);
          }
        }
        db.close();
        trips.sort((a, b) => a - b);
        durable.sort((a, b) => a - b);
        return { trips, durable };
      },
      { writes: WRITES },
    );
    console.log(
      `Chromium, ${size.toLocaleString('en')} keys: SET round trip p50 ${ms(pct(r.trips, 0.5))}, p99 ${ms(pct(r.trips, 0.99))}; ` +
        `in IndexedDB after p50 ${ms(pct(r.durable, 0.5))}, worst ${ms(r.durable.at(-1)!)}`,
    );
  }
  // The reload: the stored snapshot and journal read back before the prompt.
  const t = performance.now();
  await page.reload();
  await waitForPrompt(page);
  const dbsize = await page.evaluate(() => window.redisPlayground!.run(['DBSIZE']));
  console.log(
    `Chromium: reload to the prompt with ${have.toLocaleString('en')} keys stored: ${ms(performance.now() - t)} (DBSIZE after: ${JSON.stringify(dbsize)})`,
  );
} finally {
  await browser.close();
  await site.close();
}
