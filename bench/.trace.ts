import { focusTerminal, launchChromium, serveDist, waitForPrompt } from '../e2e/support.js';
const site = await serveDist();
const browser = await launchChromium();
const p = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
await p.addInitScript({ content: 'globalThis.__name = (f) => f;' });
await p.goto(site.url);
await waitForPrompt(p);
await focusTerminal(p);
await browser.startTracing(p, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
const n = 1000;
const text = Array.from({ length: n }, (_, i) => `SET paste:${i} ${i}`).join('\n') + '\n';
const took = await p.evaluate(async ([t, n]) => {
  const hooks = window.redisPlayground!;
  const area = document.querySelector<HTMLTextAreaElement>('.terminal-box:not([hidden]) .xterm-helper-textarea')!;
  const start = performance.now();
  const data = new DataTransfer();
  data.setData('text/plain', t as string);
  area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  while (!(hooks.idle() && hooks.screen().filter((l) => l === 'OK').length >= (n as number))) await new Promise((r) => setTimeout(r, 200));
  return performance.now() - start;
}, [text, n] as const);
const buf = await browser.stopTracing();
console.log('paste', took.toFixed(0));
const events = JSON.parse(buf.toString()).traceEvents as { name: string; ph: string; dur?: number; tid: number; pid: number; args?: any }[];
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const tot = new Map<string, { d: number; c: number }>();
for (const e of events) {
  if (e.ph !== 'X' || e.tid !== main?.tid || e.pid !== main?.pid) continue;
  const v = tot.get(e.name) ?? { d: 0, c: 0 };
  v.d += (e.dur ?? 0) / 1000; v.c++;
  tot.set(e.name, v);
}
console.log([...tot].sort((a, b) => b[1].d - a[1].d).slice(0, 25).map(([k, v]) => `${v.d.toFixed(0).padStart(6)} ms ${String(v.c).padStart(6)}x ${k}`).join('\n'));
await browser.close();
await site.close();
