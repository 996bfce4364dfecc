// Test support: runs a chunk with a `print` that collects lines as lua5.1's print writes them
// (Redis has no print; the tests add one to see values).

import { LuaState, type RunResult } from './state.js';
import { LuaSyntaxError } from './lexer.js';

export interface Printed {
  out: string;
  result: RunResult | { status: 'syntax'; message: string };
}

export function runPrinted(source: string, chunkname = '@user_script', slice = 1e9): Printed {
  const L = new LuaState();
  let out = '';
  L.setGlobal(
    'print',
    L.nativeGen('print', function* (L2, args) {
      const parts: string[] = [];
      for (const a of args) {
        const s = yield* L2.tostring(a);
        if (typeof s !== 'string') throw L2.error("'tostring' must return a string to 'print'");
        parts.push(s);
      }
      out += parts.join('\t') + '\n';
      return [];
    }),
  );
  let fn;
  try {
    fn = L.load(source, chunkname);
  } catch (e) {
    if (e instanceof LuaSyntaxError) return { out, result: { status: 'syntax', message: e.message } };
    throw e;
  }
  const run = L.start(fn);
  for (;;) {
    const r = run.resume(slice);
    if (r.status !== 'yield') return { out, result: r };
  }
}
