// For the libraries' unit tests: one expression evaluated in a fresh state with Redis's libraries.
import { openRedisLibs } from './redis-libs.js';
import { LuaState } from './state.js';

/** The values of `return <expr>`; an error comes back as its message, the only value. */
export function evalWithLibs(expr: string): unknown[] {
  const L = new LuaState();
  openRedisLibs(L);
  const r = L.start(L.load(`return ${expr}`, '@user_script')).resume(1e6);
  if (r.status === 'ok') return r.values;
  if (r.status === 'error') return [r.value];
  throw new Error('paused');
}
