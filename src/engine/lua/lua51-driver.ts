// What the Lua 5.1 comparisons print for one program: its output, then "SYNTAX: msg" if it
// does not compile or "ERROR: msg" if it raised. The same driver in Lua for `lua5.1`.

import { rawToString } from './state.js';
import { runPrinted } from './run-for-test.js';

export const LUA51_DRIVER = `local src = io.read("*a")
local f, err = loadstring(src, "@user_script")
if not f then print("SYNTAX: " .. err) return end
local ok, e = pcall(f)
if not ok then print("ERROR: " .. tostring(e)) end
`;

export function runOurs(src: string): string {
  const r = runPrinted(src);
  const res = r.result;
  if (res.status === 'syntax') return r.out + `SYNTAX: ${res.message}\n`;
  if (res.status === 'error') return r.out + `ERROR: ${rawToString(res.value)}\n`;
  return r.out;
}
