// The libraries Redis opens from Lua 5.1: base, table, string, math (cjson, cmsgpack, bit and
// struct are the host's, as in Redis). Argument checks and messages follow lauxlib's.

import { installCoroutineLib } from './lib-coroutine.js';
import { installStringLib } from './lib-string.js';
import { rawToString, READONLY, truthy, type LuaState } from './state.js';
import { Args } from './args.js';
import { LuaError, LuaFunction, LuaTable, cPow, str2number, strtoul, toNumber, typeName, type LuaValue } from './value.js';

export function openLibs(L: LuaState): void {
  installBase(L);
  installTable(L);
  installStringLib(L);
  installMath(L);
  installCoroutineLib(L);
}

function lib(L: LuaState, name: string): LuaTable {
  const t = new LuaTable();
  L.globals.set(name, t);
  return t;
}

function def(L: LuaState, t: LuaTable, name: string, fn: (a: Args) => LuaValue[]): void {
  t.set(
    name,
    L.native(name, (L2, args) => fn(new Args(L2, args, name))),
  );
}

function defGen(L: LuaState, t: LuaTable, name: string, fn: (a: Args) => Generator<void, LuaValue[], void>): void {
  t.set(
    name,
    L.nativeGen(name, (L2, args) => fn(new Args(L2, args, name))),
  );
}

/** pcall's catch: Lua errors become values; JS stack exhaustion is Lua's "stack overflow". */
function caught(L: LuaState, e: unknown): LuaValue {
  if (e instanceof LuaError) return e.value;
  if (e instanceof RangeError) return L.where(1) + 'stack overflow';
  throw e;
}

function installBase(L: LuaState): void {
  const G = L.globals;
  G.set('_G', G);
  G.set('_VERSION', 'Lua 5.1');

  def(L, G, 'assert', (a) => {
    if (!truthy(a.any(0))) throw L.error(a.optStr(1, 'assertion failed!'));
    return a.a;
  });

  def(L, G, 'error', (a) => {
    const v = a.a[0];
    const level = a.optInt(1, 1);
    if ((typeof v === 'string' || typeof v === 'number') && level > 0) throw new LuaError(L.where(level) + rawToString(v));
    throw new LuaError(v);
  });

  defGen(L, G, 'pcall', function* (a) {
    const fn = a.any(0);
    const depth = L.stack.length;
    try {
      const r = yield* L.callFromNative(fn, a.a.slice(1));
      return [true, ...r];
    } catch (e) {
      const v = caught(L, e);
      L.stack.length = depth;
      return [false, v];
    }
  });

  defGen(L, G, 'xpcall', function* (a) {
    const fn = a.any(0);
    const handler = a.a[1];
    const depth = L.stack.length;
    try {
      const r = yield* L.callFromNative(fn, []);
      return [true, ...r];
    } catch (e) {
      const v = caught(L, e);
      const h = yield* L.callFromNative(handler, [v]);
      L.stack.length = depth;
      return [false, h[0]];
    }
  });

  def(L, G, 'select', (a) => {
    const n = a.a[0];
    if (n === '#') return [a.a.length - 1];
    let i = a.int(0);
    if (i < 0) i = a.a.length + i;
    else if (i === 0) throw L.argError(1, 'select', 'index out of range');
    if (i < 0) throw L.argError(1, 'select', 'index out of range');
    return a.a.slice(i);
  });

  def(L, G, 'type', (a) => [typeName(a.any(0))]);

  defGen(L, G, 'tostring', function* (a) {
    return [yield* L.tostring(a.any(0))];
  });

  def(L, G, 'tonumber', (a) => {
    const base = a.optInt(1, 10);
    if (base === 10) {
      const v = a.any(0);
      return [toNumber(v)];
    }
    const s = a.str(0);
    if (base < 2 || base > 36) throw L.argError(2, 'tonumber', 'base out of range');
    const r = strtoul(s, 0, base);
    if (r === undefined) return [undefined];
    let j = r[1];
    while (j < s.length && /[ \t\n\v\f\r]/.test(s[j]!)) j++;
    return [j === s.length ? r[0] : undefined];
  });

  const ipairsIter = L.native('ipairs_aux', (L2, args) => {
    const t = new Args(L2, args, 'ipairs').table(0);
    const i = (args[1] as number) + 1;
    const v = t.get(i);
    return v === undefined ? [undefined] : [i, v];
  });
  def(L, G, 'ipairs', (a) => [ipairsIter, a.table(0), 0]);

  const next = L.native('next', (L2, args) => {
    const t = new Args(L2, args, 'next').table(0);
    const r = t.next(args[1]);
    if (r === null) throw new LuaError("invalid key to 'next'");
    return r === undefined ? [undefined] : r;
  });
  G.set('next', next);
  def(L, G, 'pairs', (a) => [next, a.table(0), undefined]);

  def(L, G, 'rawget', (a) => [a.table(0).get(a.any(1))]);
  def(L, G, 'rawset', (a) => {
    const t = a.table(0);
    a.any(1);
    a.any(2);
    L.rawSet(t, a.a[1], a.a[2]);
    return [t];
  });
  def(L, G, 'rawequal', (a) => [a.any(0) === a.any(1)]);

  def(L, G, 'setmetatable', (a) => {
    const t = a.table(0);
    const mt = a.a[1];
    if (mt !== undefined && !(mt instanceof LuaTable)) throw L.argError(2, 'setmetatable', 'nil or table expected');
    if (t.metatable?.getStr('__metatable') !== undefined) throw L.error('cannot change a protected metatable');
    if (t.readonly) throw new LuaError(READONLY);
    t.metatable = mt;
    return [t];
  });

  def(L, G, 'getmetatable', (a) => {
    const mt = L.getMetatable(a.any(0));
    if (mt === undefined) return [undefined];
    const protectedMt = mt.getStr('__metatable');
    return [protectedMt !== undefined ? protectedMt : mt];
  });

  def(L, G, 'unpack', (a) => {
    const t = a.table(0);
    const i = a.optInt(1, 1);
    const j = a.a[2] === undefined ? t.length() : a.int(2);
    if (i > j) return [];
    const n = j - i + 1;
    if (n >= 8000 || !Number.isFinite(n)) throw L.error('too many results to unpack');
    const out: LuaValue[] = new Array<LuaValue>(n);
    for (let k = 0; k < n; k++) out[k] = t.get(i + k);
    return out;
  });

  /** getfenv/setfenv: a function, or a level of the running Lua stack (0: the globals). */
  const envTarget = (a: Args, fname: string): { fn?: LuaFunction; level?: number } => {
    const v = a.a[0];
    if (v instanceof LuaFunction) return { fn: v };
    const level = a.optInt(0, 1);
    if (level < 0) throw L.argError(1, fname, 'level must be non-negative');
    if (level > L.stack.length) throw L.argError(1, fname, 'invalid level');
    return { level };
  };
  def(L, G, 'getfenv', (a) => {
    const t = envTarget(a, 'getfenv');
    if (t.fn) return [t.fn.env ?? L.globals];
    if (t.level === 0) return [L.globals];
    return [L.stack[L.stack.length - t.level!]!.env];
  });
  def(L, G, 'setfenv', (a) => {
    const env = a.table(1);
    const t = envTarget(a, 'setfenv');
    if (t.fn) {
      if (t.fn.lua === undefined) throw L.error("'setfenv' cannot change environment of given object");
      t.fn.env = env;
      return [t.fn];
    }
    if (t.level === 0) {
      // the thread's globals: ours are the state's table, replaced in place is not possible
      throw L.error("'setfenv' cannot change environment of given object");
    }
    L.stack[L.stack.length - t.level!]!.env = env;
    return [];
  });

  def(L, G, 'collectgarbage', (a) => {
    const opt = a.optStr(0, 'collect');
    const opts = ['stop', 'restart', 'collect', 'count', 'step', 'setpause', 'setstepmul'];
    if (!opts.includes(opt)) throw L.argError(1, 'collectgarbage', `invalid option '${opt}'`);
    if (opt === 'count') return [kbInUse()];
    if (opt === 'step') return [true];
    return [0];
  });
  def(L, G, 'gcinfo', () => [Math.floor(kbInUse())]);

  def(L, G, 'loadstring', (a) => {
    const s = a.str(0);
    const name = a.optStr(1, s);
    const r = L.tryLoad(s, name);
    return typeof r === 'string' ? [undefined, r] : [r];
  });

  defGen(L, G, 'load', function* (a) {
    const fn = a.func(0);
    const name = a.optStr(1, '=(load)');
    let src = '';
    for (;;) {
      const piece = (yield* L.callFromNative(fn, []))[0];
      if (piece === undefined || piece === '') break;
      if (typeof piece !== 'string') return [undefined, 'reader function must return a string'];
      src += piece;
    }
    const r = L.tryLoad(src, name);
    return typeof r === 'string' ? [undefined, r] : [r];
  });
}

/** A plausible heap size in KB for collectgarbage("count"); scripts only compare it. */
function kbInUse(): number {
  return 24.5;
}

// ---- table ----

function installTable(L: LuaState): void {
  const T = lib(L, 'table');

  const writable = (t: LuaTable): LuaTable => {
    if (t.readonly) throw new LuaError(READONLY);
    return t;
  };

  def(L, T, 'insert', (a) => {
    const t = writable(a.table(0));
    const e = t.length() + 1;
    if (a.a.length === 2) {
      t.set(e, a.a[1]);
      return [];
    }
    if (a.a.length !== 3) throw L.error("wrong number of arguments to 'insert'");
    const pos = a.int(1);
    for (let i = Math.max(e, pos); i > pos; i--) t.set(i, t.get(i - 1));
    t.set(pos, a.a[2]);
    return [];
  });

  def(L, T, 'remove', (a) => {
    const t = writable(a.table(0));
    const e = t.length();
    const pos = a.optInt(1, e);
    if (!(1 <= pos && pos <= e)) return [];
    const v = t.get(pos);
    for (let i = pos; i < e; i++) t.set(i, t.get(i + 1));
    t.set(e, undefined);
    return [v];
  });

  def(L, T, 'concat', (a) => {
    const t = a.table(0);
    const sep = a.optStr(1, '');
    const i = a.optInt(2, 1);
    const j = a.a[3] === undefined ? t.length() : a.int(3);
    const parts: string[] = [];
    for (let k = i; k <= j; k++) {
      const v = t.get(k);
      if (typeof v === 'string') parts.push(v);
      else if (typeof v === 'number') parts.push(rawToString(v));
      else throw L.error(`invalid value (${typeName(v)}) at index ${k} in table for 'concat'`);
    }
    return [parts.join(sep)];
  });

  defGen(L, T, 'sort', function* (a) {
    const t = writable(a.table(0));
    const n = t.length();
    const comp = a.a[1];
    if (comp !== undefined && !(comp instanceof LuaFunction)) throw L.typeError(2, 'sort', 'function', comp, true);
    yield* auxsort(L, t, 1, n, comp);
    return [];
  });

  def(L, T, 'getn', (a) => [a.table(0).length()]);
  def(L, T, 'setn', () => {
    throw L.error("'setn' is obsolete");
  });
  def(L, T, 'maxn', (a) => [a.table(0).maxn()]);

  defGen(L, T, 'foreach', function* (a) {
    const t = a.table(0);
    const f = a.func(1);
    let e = t.next(undefined);
    while (e) {
      const r = (yield* L.callFromNative(f, [e[0], e[1]]))[0];
      if (r !== undefined) return [r];
      e = t.next(e[0]);
    }
    return [];
  });
  defGen(L, T, 'foreachi', function* (a) {
    const t = a.table(0);
    const f = a.func(1);
    const n = t.length();
    for (let i = 1; i <= n; i++) {
      const r = (yield* L.callFromNative(f, [i, t.get(i)]))[0];
      if (r !== undefined) return [r];
    }
    return [];
  });
}

/** Lua 5.1's ltablib.c quicksort, step for step, so equal elements end where they end there. */
function* auxsort(L: LuaState, t: LuaTable, l: number, u: number, comp: LuaValue): Generator<void, void, void> {
  const lt = function* (x: LuaValue, y: LuaValue): Generator<void, boolean, void> {
    if (comp !== undefined) return truthy((yield* L.callFromNative(comp, [x, y]))[0]);
    return yield* L.lt(x, y);
  };
  const get = (i: number): LuaValue => t.get(i);
  const set2 = (i: number, j: number, vi: LuaValue, vj: LuaValue): void => {
    t.set(i, vi);
    t.set(j, vj);
  };
  while (l < u) {
    if (--L.budget <= 0) yield;
    // sort elements a[l], a[(l+u)/2] and a[u]
    let a = get(l);
    let b = get(u);
    if (yield* lt(b, a)) set2(l, u, b, a);
    if (u - l === 1) break;
    let i = Math.floor((l + u) / 2);
    a = get(i);
    b = get(l);
    if (yield* lt(a, b)) set2(i, l, b, a);
    else {
      b = get(u);
      if (yield* lt(b, a)) set2(i, u, b, a);
    }
    if (u - l === 2) break;
    const P = get(i);
    // swap pivot a[i] with a[u-1]
    set2(i, u - 1, get(u - 1), P);
    i = l;
    let j = u - 1;
    for (;;) {
      while (yield* lt(get(++i), P)) {
        if (i > u) throw L.error('invalid order function for sorting');
      }
      while (yield* lt(P, get(--j))) {
        if (j < l) throw L.error('invalid order function for sorting');
      }
      if (j < i) break;
      set2(i, j, get(j), get(i));
    }
    set2(u - 1, i, get(i), get(u - 1));
    // recurse into the smaller part, loop on the larger
    if (i - l < u - i) {
      j = l;
      i = i - 1;
      l = i + 2;
    } else {
      j = i + 1;
      i = u;
      u = j - 2;
    }
    yield* auxsort(L, t, j, i, comp);
  }
}

// ---- math ----

function installMath(L: LuaState): void {
  const M = lib(L, 'math');
  const f1 = (name: string, fn: (x: number) => number): void => def(L, M, name, (a) => [fn(a.num(0))]);
  f1('abs', Math.abs);
  f1('ceil', Math.ceil);
  f1('floor', Math.floor);
  f1('sqrt', Math.sqrt);
  f1('sin', Math.sin);
  f1('cos', Math.cos);
  f1('tan', Math.tan);
  f1('asin', Math.asin);
  f1('acos', Math.acos);
  f1('atan', Math.atan);
  f1('exp', Math.exp);
  f1('log', Math.log);
  f1('log10', Math.log10);
  f1('sinh', Math.sinh);
  f1('cosh', Math.cosh);
  f1('tanh', Math.tanh);
  f1('deg', (x) => (x * 180) / Math.PI);
  f1('rad', (x) => (x * Math.PI) / 180);
  def(L, M, 'atan2', (a) => [Math.atan2(a.num(0), a.num(1))]);
  def(L, M, 'pow', (a) => [cPow(a.num(0), a.num(1))]);
  const fmod = (a: Args): LuaValue[] => [a.num(0) % a.num(1)];
  def(L, M, 'fmod', fmod);
  def(L, M, 'mod', fmod);
  def(L, M, 'modf', (a) => {
    const x = a.num(0);
    const ip = x >= 0 ? Math.floor(x) : Math.ceil(x);
    const frac = Number.isFinite(x) ? x - ip : 0;
    return [ip, frac];
  });
  def(L, M, 'frexp', (a) => {
    const x = a.num(0);
    if (x === 0 || !Number.isFinite(x)) return [x, 0];
    let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
    let m = x * 2 ** -e;
    while (Math.abs(m) < 0.5) {
      m *= 2;
      e--;
    }
    while (Math.abs(m) >= 1) {
      m /= 2;
      e++;
    }
    return [m, e];
  });
  def(L, M, 'ldexp', (a) => [a.num(0) * 2 ** a.int(1)]);
  def(L, M, 'min', (a) => {
    let m = a.num(0);
    for (let i = 1; i < a.a.length; i++) {
      const x = a.num(i);
      if (x < m) m = x;
    }
    return [m];
  });
  def(L, M, 'max', (a) => {
    let m = a.num(0);
    for (let i = 1; i < a.a.length; i++) {
      const x = a.num(i);
      if (x > m) m = x;
    }
    return [m];
  });
  def(L, M, 'random', (a) => {
    // the host's generator (Redis installs its own); the range logic is 5.1's math_random
    const r = L.random();
    switch (a.a.length) {
      case 0:
        return [r];
      case 1: {
        const u = a.int(0);
        if (u < 1) throw L.argError(1, 'random', 'interval is empty');
        return [Math.floor(r * u) + 1];
      }
      case 2: {
        const l = a.int(0);
        const u = a.int(1);
        if (l > u) throw L.argError(2, 'random', 'interval is empty');
        return [Math.floor(r * (u - l + 1)) + l];
      }
      default:
        throw L.error('wrong number of arguments');
    }
  });
  def(L, M, 'randomseed', (a) => {
    L.randomseed(a.int(0));
    return [];
  });
  M.set('pi', Math.PI);
  M.set('huge', Infinity);
}

export { str2number };
