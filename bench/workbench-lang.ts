// The workbench editor's language service: what the panel pays once when it opens (the table,
// the Monarch definition) and on each keystroke (completion, signature help, a script's
// markers). Prints figures; run: npx tsx bench/workbench-lang.ts
import { commandSpecs } from '../src/engine/commands/index.js';
import { commandDocs } from '../src/shared/command-doc.js';
import { commandTable, completions, diagnostics, redisMonarch, signatureHelp } from '../src/workbench-lang/index.js';

function measure(label: string, runs: number, fn: () => void): void {
  fn(); // first call: lazy syntax parsing, JIT
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - t0) / runs;
  console.log(`${label.padEnd(44)} ${ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`}`);
}

const docs = commandDocs(commandSpecs);
let t0 = performance.now();
const table = commandTable(docs);
console.log(`${'commandTable (cold)'.padEnd(44)} ${(performance.now() - t0).toFixed(2)} ms`);
t0 = performance.now();
redisMonarch(docs);
console.log(`${'redisMonarch (cold)'.padEnd(44)} ${(performance.now() - t0).toFixed(2)} ms`);

const lines = ['SET user:1 "김철수" EX 100 NX', 'HSET h f v f2 v2', 'ZADD z 1 a 2 b', 'GET', 'foo bar', '# note', 'OBJECT ENCODING k', 'XADD s * f v'];
const script = Array.from({ length: 1000 }, (_, i) => lines[i % lines.length]).join('\n');
measure('diagnostics, a 1000-line script', 20, () => diagnostics(table, script));
measure('completions: command names', 1000, () => completions(table, 'ZA', 3));
measure('completions: options after SET k v EX 10', 1000, () => completions(table, 'SET k v EX 10 ', 15));
measure('signatureHelp: GEOSEARCH, 9 arguments in', 1000, () => signatureHelp(table, 'GEOSEARCH k FROMLONLAT 1 2 BYBOX 1 2 km ', 40));
measure('completions from the docs array (table rebuilt)', 100, () => completions(docs, 'SET k v ', 9));
