// Lua interpreter speed: ops/s for loops a script typically runs, with the plain-function
// forms (the default) and with generators only (the naive design), and lua5.1 for reference
// when it is installed. Run: node --import tsx bench/lua.ts

import { execFileSync } from 'node:child_process';
import { LuaState } from '../src/engine/lua/state.js';

const SLICE = 100_000;

const programs: { name: string; ops: number; src: string }[] = [
  { name: '10M additions', ops: 10_000_000, src: 'local x = 0 for i = 1, 10000000 do x = x + i end return x' },
  { name: '1M t[#t+1] = i', ops: 1_000_000, src: 'local t = {} for i = 1, 1000000 do t[#t + 1] = i end return #t' },
  { name: '1M table.insert', ops: 1_000_000, src: 'local t = {} for i = 1, 1000000 do table.insert(t, i) end return #t' },
  { name: '1M Lua calls', ops: 1_000_000, src: 'local function f(a) return a + 1 end local x = 0 for i = 1, 1000000 do x = f(x) end return x' },
  { name: '100k string concat+sub', ops: 100_000, src: "local n = 0 for i = 1, 100000 do local s = 'k' .. i n = n + #s:sub(2) end return n" },
  { name: '1M while + if', ops: 1_000_000, src: 'local i, n = 0, 0 while i < 1000000 do i = i + 1 if i % 3 == 0 then n = n + 1 end end return n' },
  {
    name: 'sort 100k with comparator',
    ops: 100_000,
    src: 'local t = {} for i = 1, 100000 do t[i] = (i * 7919) % 100003 end table.sort(t, function(a, b) return a > b end) return t[1]',
  },
];

function time(plainForms: boolean, src: string): { ms: number; result: unknown; slices: number } {
  const L = new LuaState({ plainForms });
  const fn = L.load(src, '@user_script');
  const run = L.start(fn);
  const t0 = performance.now();
  let slices = 1;
  let r = run.resume(SLICE);
  while (r.status === 'yield') {
    slices++;
    r = run.resume(SLICE);
  }
  const ms = performance.now() - t0;
  if (r.status !== 'ok') throw new Error(JSON.stringify(r));
  return { ms, result: r.values[0], slices };
}

function lua51(src: string): number | undefined {
  try {
    const out = execFileSync('lua5.1', ['-e', `local t0 = os.clock() local f = loadstring(${JSON.stringify(src)}) f() io.write(os.clock() - t0)`], {
      encoding: 'utf8',
    });
    return Number(out) * 1000;
  } catch {
    return undefined;
  }
}

const fmt = (ops: number, ms: number): string => `${(((ops / ms) * 1000) / 1e6).toFixed(1).padStart(7)} M/s`;
console.log(`slice of ${SLICE} steps; M/s = million operations a second`);
console.log(`${'program'.padEnd(28)} ${'ours'.padStart(11)} ${'gen only'.padStart(11)} ${'lua5.1'.padStart(11)}  slices`);
for (const p of programs) {
  const ours = time(true, p.src);
  const naive = time(false, p.src);
  if (String(ours.result) !== String(naive.result)) throw new Error(`${p.name}: results differ`);
  const ref = lua51(p.src);
  console.log(`${p.name.padEnd(28)} ${fmt(p.ops, ours.ms)} ${fmt(p.ops, naive.ms)} ${ref === undefined ? '          -' : fmt(p.ops, ref)}  ${ours.slices}`);
}
