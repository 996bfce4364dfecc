// Lua 5.1's coroutine library (Redis leaves it in the sandbox). A coroutine is one more chain of
// generators: resume() steps it; coroutine.yield() leaves its values on the thread and yields,
// which resume() tells apart from a step-budget pause (passed on outward, so a long coroutine
// still pauses the script). As in 5.1, a yield may not cross a native that called Lua (pcall,
// sort, gsub...): those leave marker frames on the coroutine's stack.

import { Args } from './args.js';
import type { Frame } from './compile.js';
import type { LuaState } from './state.js';
import { LuaError, LuaTable, LuaThread, rawToStringValue, type LuaValue } from './value.js';

export function installCoroutineLib(L: LuaState): void {
  const C = new LuaTable();
  L.globals.set('coroutine', C);
  const thread = (a: Args, i: number, fname: string): LuaThread => {
    const v = a.a[i];
    if (v instanceof LuaThread) return v;
    throw L.argError(i + 1, fname, 'coroutine expected');
  };

  C.set(
    'create',
    L.native('create', (L2, args) => {
      const fn = new Args(L2, args, 'create').a[0];
      if (!(fn instanceof Object) || !('lua' in fn) || fn.lua === undefined) throw L.argError(1, 'create', 'Lua function expected');
      return [new LuaThread(fn)];
    }),
  );

  /** Runs the thread until it yields, ends or fails: [true, values...] or [false, error]. */
  function* resume(co: LuaThread, args: LuaValue[]): Generator<void, LuaValue[], void> {
    if (co.status !== 'suspended') return [false, `cannot resume ${co.status} coroutine`];
    const outer = L.thread;
    const outerStack = L.stack;
    const outerBoundary = L.cBoundary;
    L.cBoundary = 0;
    if (outer) outer.status = 'normal';
    co.status = 'running';
    L.thread = co;
    L.stack = co.stack as Frame[];
    co.it ??= L.call(co.fn, args, undefined);
    if (co.transfer === undefined) co.transfer = args;
    try {
      for (;;) {
        const r = co.it.next();
        if (r.done) {
          co.status = 'dead';
          return [true, ...r.value];
        }
        if ((co.status as LuaThread['status']) === 'suspended') {
          const out = co.transfer ?? [];
          co.transfer = undefined;
          return [true, ...out];
        }
        // a step-budget pause inside the coroutine: pause the whole script, then go on
        L.thread = outer;
        L.stack = outerStack;
        const boundary = L.cBoundary;
        L.cBoundary = outerBoundary;
        yield;
        L.thread = co;
        L.stack = co.stack as Frame[];
        L.cBoundary = boundary;
      }
    } catch (e) {
      co.status = 'dead';
      if (e instanceof LuaError) return [false, e.value];
      if (e instanceof RangeError) return [false, 'stack overflow'];
      throw e;
    } finally {
      L.thread = outer;
      L.stack = outerStack;
      L.cBoundary = outerBoundary;
      if (outer) outer.status = 'running';
    }
  }

  C.set(
    'resume',
    L.nativeGen('resume', function* (L2, args) {
      const a = new Args(L2, args, 'resume');
      const co = thread(a, 0, 'resume');
      co.transfer = args.slice(1);
      return yield* resume(co, args.slice(1));
    }),
  );

  C.set(
    'yield',
    L.nativeGen('yield', function* (L2, args) {
      const co = L2.thread;
      if (co === undefined || L2.cBoundary > 0 || L2.stack.some((f) => f.chunk === '')) {
        throw new LuaError('attempt to yield across metamethod/C-call boundary');
      }
      co.transfer = args;
      co.status = 'suspended';
      yield;
      // resumed: resume() left its arguments here
      const back = co.transfer ?? [];
      co.transfer = undefined;
      return back;
    }),
  );

  C.set(
    'status',
    L.native('status', (L2, args) => [thread(new Args(L2, args, 'status'), 0, 'status').status]),
  );

  C.set(
    'running',
    L.native('running', (L2) => [L2.thread]),
  );

  C.set(
    'wrap',
    L.native('wrap', (L2, args) => {
      const fn = args[0];
      if (!(fn instanceof Object) || !('lua' in fn) || fn.lua === undefined) throw L.argError(1, 'wrap', 'Lua function expected');
      const co = new LuaThread(fn);
      return [
        L2.nativeGen('wrap', function* (L3, wargs) {
          co.transfer = wargs;
          const r = yield* resume(co, wargs);
          if (r[0] === true) return r.slice(1);
          const e = r[1];
          // auxwrap: a string error gets the position of the caller
          if (typeof e === 'string' || typeof e === 'number') throw new LuaError(L3.where(1) + rawToStringValue(e));
          throw new LuaError(e);
        }),
      ];
    }),
  );
}
