// Writes src/engine/lua/lua51-golden.json: the output of each program of cases.ts under the
// real Lua 5.1 (Debian's lua5.1), which the unit tests compare ours with.
// Run: node --import tsx scripts/lua51-golden.ts

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { CASES, SYNTAX_CASES } from '../src/engine/lua/cases.js';
import { LUA51_DRIVER } from '../src/engine/lua/lua51-driver.js';

export function runLua51(src: string): string {
  return execFileSync('lua5.1', ['-e', LUA51_DRIVER], { input: src, encoding: 'latin1' });
}

const golden: Record<string, string> = {};
for (const src of [...CASES, ...SYNTAX_CASES]) golden[src] = runLua51(src);
writeFileSync(new URL('../src/engine/lua/lua51-golden.json', import.meta.url), JSON.stringify(golden, null, 1) + '\n');
console.log(`${Object.keys(golden).length} programs`);
