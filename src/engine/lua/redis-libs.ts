// The libraries Redis 7.0 opens in its Lua state besides Lua's own (script_lua.c's
// luaLoadLibraries); the EVAL side calls openRedisLibs once per state.

import { openCjson } from './lib-cjson.js';
import { openCmsgpack } from './lib-cmsgpack.js';
import { openBit } from './lib-bit.js';
import { openStruct } from './lib-struct.js';
import type { LuaState } from './state.js';

export function openRedisLibs(L: LuaState): void {
  openCjson(L);
  openBit(L);
  openStruct(L);
  openCmsgpack(L);
}
