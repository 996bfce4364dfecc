// A Lua 5.1 state: globals, the running call stack and the step budget, the operations of the
// virtual machine (arithmetic, comparison, indexing, calls, with their metamethods and 5.1's
// error wording), and the host API (load a chunk, run it in slices, kill it).
//
// Interruption: every Lua function body, every operation that may run Lua code (a call, a
// metamethod) and every native that calls back into Lua (pcall, table.sort, string.gsub,
// tostring...) is a JS generator, and Lua calls nest with `yield*`. Loops and function entries
// spend one step of `budget`; at zero the innermost generator yields, which suspends the whole
// chain of generators up to `LuaRun.resume`, wherever the script was (inside a sort comparator
// or a pcall too). Resuming continues it exactly there. Code that cannot run Lua (an addition of
// two numbers, a table read without an __index function) also has a plain-function form that is
// tried first; it throws SLOW, before any side effect, when the slow path is needed, and the
// generator form then runs the same expression. See docs/LUA.md.

import { compileFunction, type Frame } from './compile.js';
import { chunkId, LuaSyntaxError } from './lexer.js';
import { openLibs } from './lib.js';
import { parse } from './parser.js';
import {
  LuaError,
  LuaFunction,
  LuaTable,
  cPow,
  numberToString,
  toNumber,
  typeName,
  type LuaThread,
  type LuaValue,
  type NativeFn,
  type NativeGen,
} from './value.js';

/** Thrown by a plain-function form of an expression to ask for its generator form; one
 *  instance made once, so throwing it captures no stack. */
export const SLOW: Error = new Error('slow path');

/** Where a table access stops short of a value without running Lua: at `h`, an __index or
 *  __newindex function to call with `o`; at an `o` that cannot be indexed (`h` undefined;
 *  `desc` names it, on the chain's first step only); or, as LOOP, at a chain too long. */
export class Detour {
  constructor(
    readonly o: LuaValue,
    readonly h: LuaFunction | undefined,
    readonly desc: string | undefined,
  ) {}
}
export const LOOP = new Detour(undefined, undefined, undefined);

/** Lua 5.1 allows 20000 nested calls (LUAI_MAXCALLS); each of ours nests several JS generator
 *  frames, and Node's default stack holds about 550, so the limit is 400 (a JS RangeError
 *  beyond it is reported as "stack overflow" too). */
const MAX_DEPTH = 400;

export type RunResult =
  { status: 'ok'; values: LuaValue[] } | { status: 'yield' } | { status: 'error'; value: LuaValue; origin?: { chunk: string; line: number } };

/** One script execution, resumable in slices. */
export class LuaRun {
  private done = false;
  constructor(
    private readonly L: LuaState,
    private readonly it: Generator<void, LuaValue[], void>,
  ) {}

  /** Runs at most about `steps` steps (loop iterations and calls), then pauses. */
  resume(steps: number): RunResult {
    if (this.done) throw new Error('LuaRun already finished');
    this.L.budget = steps;
    return this.step(() => this.it.next());
  }

  /**
   * Raises `value` as a Lua error where the run is paused, and again at every step after it,
   * until the run ends: a pcall may catch it, but the next loop iteration or call raises it
   * again (Redis's kill, which re-arms its hook for every line so that pcall cannot keep the
   * script alive). The error's position is where the script was.
   */
  interrupt(value: LuaValue): RunResult {
    if (this.done) throw new Error('LuaRun already finished');
    return this.step(() => {
      let r: IteratorResult<void, LuaValue[]>;
      do {
        this.L.budget = 0;
        r = this.it.throw(new LuaError(value));
      } while (!r.done);
      return r;
    });
  }

  /** Advances the run with `advance`: paused, ended with its values, or ended by an error. */
  private step(advance: () => IteratorResult<void, LuaValue[]>): RunResult {
    try {
      const r = advance();
      if (!r.done) return { status: 'yield' };
      this.finish();
      return { status: 'ok', values: r.value };
    } catch (e) {
      this.finish();
      if (e instanceof LuaError) return { status: 'error', value: e.value, origin: e.origin };
      if (e instanceof RangeError) return { status: 'error', value: 'stack overflow' };
      throw e;
    }
  }

  /** Abandons the run: nothing of it runs again. */
  kill(): void {
    if (this.done) return;
    this.finish();
  }

  private finish(): void {
    this.done = true;
    this.L.stack = [];
    this.L.thread = undefined;
    this.L.cBoundary = 0;
    this.L.running = undefined;
  }
}

export class LuaState {
  readonly globals = new LuaTable();
  /** The metatable all strings share ({__index = string}). */
  stringMeta: LuaTable | undefined;
  budget = 0;
  /** Lua frames running, innermost last (for error positions and levels). */
  /** the running coroutine's stack (the main one when none runs) */
  stack: Frame[] = [];
  /** the coroutine running, if any */
  thread: LuaThread | undefined;
  /** metamethod calls in progress in the running coroutine (yield may not cross them) */
  cBoundary = 0;
  running: LuaRun | undefined;
  /** the name of the native being called, set at each call site (for argument errors) */
  callee: Callee | undefined;
  /** math.random's generator: the host replaces it with Redis's own. Returns [0,1). */
  random: () => number;
  randomseed: (seed: number) => void;

  /** Compile plain-function forms beside the generators (off only to measure what they buy). */
  readonly plainForms: boolean;

  constructor(options: { plainForms?: boolean } = {}) {
    this.plainForms = options.plainForms ?? true;
    let seed = 1;
    // a plain 31-bit LCG until the host installs Redis's generator
    this.random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    this.randomseed = (s) => {
      seed = Math.abs(Math.trunc(s)) % 2147483648;
    };
    openLibs(this);
  }

  // ---- host API ----

  /** Compiles a chunk; chunkname as Lua takes it ("@user_script" shows as "user_script").
   *  Throws LuaSyntaxError, whose message is worded as Lua's. */
  load(source: string, chunkname: string, env: LuaTable = this.globals): LuaFunction {
    const proto = parse(source, chunkId(chunkname));
    return compileFunction(this, proto, [], env);
  }

  /** Same as load but answers the error message instead of throwing (loadstring's shape). */
  tryLoad(source: string, chunkname: string, env?: LuaTable): LuaFunction | string {
    try {
      return this.load(source, chunkname, env);
    } catch (e) {
      if (e instanceof LuaSyntaxError) return e.message;
      throw e;
    }
  }

  /** Starts calling fn(args); drive it with resume(). */
  start(fn: LuaValue, args: LuaValue[] = []): LuaRun {
    if (this.running) throw new Error('a Lua run is already in progress on this state');
    const run = new LuaRun(this, this.call(fn, args, undefined));
    this.running = run;
    return run;
  }

  /** Runs fn to the end (tests, short host calls); a run longer than maxSteps is an error. */
  runToEnd(fn: LuaValue, args: LuaValue[] = [], maxSteps = 1e9): RunResult {
    const run = this.start(fn, args);
    const r = run.resume(maxSteps);
    if (r.status === 'yield') {
      run.kill();
      return { status: 'error', value: 'step budget exhausted' };
    }
    return r;
  }

  /** A native function (sync). */
  native(name: string, fn: NativeFn): LuaFunction {
    return new LuaFunction(name, undefined, fn, undefined, undefined);
  }

  /** A native that calls back into Lua. */
  nativeGen(name: string, fn: NativeGen): LuaFunction {
    return new LuaFunction(name, undefined, undefined, fn, undefined);
  }

  /** Sets a global (host registration, e.g. the `redis` table). */
  setGlobal(name: string, v: LuaValue): void {
    this.globals.set(name, v);
  }

  // ---- errors ----

  /** "chunk:line:" of the Lua function `level` levels up (1: the innermost), or "". */
  where(level: number): string {
    const f = this.stack[this.stack.length - level];
    if (!f || f.chunk === '') return '';
    return `${f.chunk}:${f.line}: `;
  }

  /** Metamethods called by the VM: like 5.1's luaD_call from the VM, a boundary no
   *  coroutine.yield may cross. */
  *callMeta(h: LuaValue, args: LuaValue[]): Generator<void, LuaValue[], void> {
    this.cBoundary++;
    try {
      return yield* this.call(h, args, undefined);
    } finally {
      this.cBoundary--;
    }
  }

  /** A call made by a native (pcall, sort, gsub...): a marker frame stands for the calling
   *  native, so error levels and positions count it as Lua counts C frames. */
  *callFromNative(fn: LuaValue, args: LuaValue[]): Generator<void, LuaValue[], void> {
    const top = this.stack[this.stack.length - 1];
    this.stack.push({ r: [], b: [], u: [], va: [], env: top ? top.env : this.globals, line: -1, chunk: '' });
    try {
      return yield* this.call(fn, args, undefined);
    } finally {
      this.stack.pop();
    }
  }

  /** A runtime error raised by a native, positioned at the calling Lua line (luaL_error). */
  error(msg: string): LuaError {
    return new LuaError(this.where(1) + msg);
  }

  /** luaL_argerror: the function named as the caller named it ('?' when called from C). */
  argError(n: number, fname: string, msg: string): LuaError {
    void fname;
    const c = this.callee;
    if (c?.method) {
      n--;
      if (n === 0) return this.error(`calling '${c.name}' on bad self (${msg})`);
    }
    return this.error(`bad argument #${n} to '${c ? c.name : '?'}' (${msg})`);
  }

  typeError(n: number, fname: string, expected: string, got: LuaValue, present: boolean): LuaError {
    return this.argError(n, fname, `${expected} expected, got ${present ? typeName(got) : 'no value'}`);
  }

  // ---- metatables ----

  getMetatable(v: LuaValue): LuaTable | undefined {
    if (v instanceof LuaTable) return v.metatable;
    if (typeof v === 'string') return this.stringMeta;
    return undefined;
  }

  metamethod(v: LuaValue, event: string): LuaValue {
    const mt = v instanceof LuaTable ? v.metatable : typeof v === 'string' ? this.stringMeta : undefined;
    return mt === undefined ? undefined : mt.getStr(event);
  }

  // ---- calls ----

  *call(fn: LuaValue, args: LuaValue[], callee: Callee | undefined): Generator<void, LuaValue[], void> {
    if (fn instanceof LuaFunction) {
      if (fn.native !== undefined) {
        this.callee = callee;
        return fn.native(this, args);
      }
      if (fn.gen !== undefined) {
        this.callee = callee;
        return yield* fn.gen(this, args);
      }
      return yield* this.invoke(fn, args);
    }
    const h = this.metamethod(fn, '__call');
    if (h === undefined) throw this.opError('call', fn, callee?.desc);
    return yield* this.call(h, [fn, ...args], callee);
  }

  *invoke(fn: LuaFunction, args: LuaValue[]): Generator<void, LuaValue[], void> {
    for (;;) {
      if (this.stack.length >= MAX_DEPTH) throw this.error('stack overflow');
      if (--this.budget <= 0) yield;
      const body = fn.lua!.proto as CompiledProto;
      const f = body.enter(fn, args);
      this.stack.push(f);
      let r: LuaValue[] | TailCall | undefined;
      try {
        r = yield* body.run(f);
        // a tail call of something that cannot be called fails in the caller's frame, as in 5.1
        if (r instanceof TailCall && !(r.fn instanceof LuaFunction) && this.metamethod(r.fn, '__call') === undefined) {
          throw this.opError('call', r.fn, r.callee?.desc);
        }
      } catch (e) {
        if (e instanceof LuaError && e.origin === undefined) e.origin = { chunk: f.chunk, line: f.line };
        throw e;
      } finally {
        this.stack.pop();
      }
      if (r === undefined) return [];
      if (!(r instanceof TailCall)) return r;
      // a proper tail call: the callee replaces this frame instead of nesting under it
      const callee = r.fn;
      if (callee instanceof LuaFunction && callee.lua !== undefined) {
        fn = callee;
        args = r.args;
        continue;
      }
      return yield* this.call(callee, r.args, r.callee);
    }
  }

  /** Error raised by an operation on a wrong type, named as 5.1 names it when it can. */
  opError(op: string, v: LuaValue, desc: string | undefined): LuaError {
    const what = desc !== undefined ? `${desc} (a ${typeName(v)} value)` : `a ${typeName(v)} value`;
    return this.error(`attempt to ${op} ${what}`);
  }

  // ---- operations (slow paths: metamethods) ----

  *arith(op: string, a: LuaValue, b: LuaValue, da?: string, db?: string): Generator<void, LuaValue, void> {
    const x = toNumber(a);
    const y = toNumber(b);
    if (x !== undefined && y !== undefined) return arithNum(op, x, y);
    const event = ARITH_EVENTS[op]!;
    let h = this.metamethod(a, event);
    if (h === undefined) h = this.metamethod(b, event);
    if (h === undefined) {
      if (x === undefined) throw this.opError('perform arithmetic on', a, da);
      throw this.opError('perform arithmetic on', b, db);
    }
    return (yield* this.callMeta(h, [a, b]))[0];
  }

  *unm(a: LuaValue, da?: string): Generator<void, LuaValue, void> {
    const x = toNumber(a);
    if (x !== undefined) return -x;
    const h = this.metamethod(a, '__unm');
    if (h === undefined) throw this.opError('perform arithmetic on', a, da);
    return (yield* this.callMeta(h, [a, a]))[0];
  }

  *len(a: LuaValue, da?: string): Generator<void, LuaValue, void> {
    if (typeof a === 'string') return a.length;
    if (a instanceof LuaTable) return a.length();
    const h = this.metamethod(a, '__len');
    if (h === undefined) throw this.opError('get length of', a, da);
    return (yield* this.callMeta(h, [a]))[0];
  }

  *concat(a: LuaValue, b: LuaValue, da?: string, db?: string): Generator<void, LuaValue, void> {
    const sa = typeof a === 'string' ? a : typeof a === 'number' ? numberToString(a) : undefined;
    const sb = typeof b === 'string' ? b : typeof b === 'number' ? numberToString(b) : undefined;
    if (sa !== undefined && sb !== undefined) return sa + sb;
    let h = this.metamethod(a, '__concat');
    if (h === undefined) h = this.metamethod(b, '__concat');
    if (h === undefined) {
      if (sa !== undefined) throw this.opError('concatenate', b, db);
      throw this.opError('concatenate', a, da);
    }
    return (yield* this.callMeta(h, [a, b]))[0];
  }

  *eq(a: LuaValue, b: LuaValue): Generator<void, boolean, void> {
    if (a === b) return true;
    if (!(a instanceof LuaTable) || !(b instanceof LuaTable)) return false;
    const h1 = this.metamethod(a, '__eq');
    if (h1 === undefined) return false;
    const h2 = this.metamethod(b, '__eq');
    if (h1 !== h2) return false;
    return truthy((yield* this.callMeta(h1, [a, b]))[0]);
  }

  *lt(a: LuaValue, b: LuaValue): Generator<void, boolean, void> {
    if (typeof a === 'number' && typeof b === 'number') return a < b;
    if (typeof a === 'string' && typeof b === 'string') return a < b;
    const r = yield* this.orderTM(a, b, '__lt');
    if (r === undefined) throw this.orderError(a, b);
    return r;
  }

  *le(a: LuaValue, b: LuaValue): Generator<void, boolean, void> {
    if (typeof a === 'number' && typeof b === 'number') return a <= b;
    if (typeof a === 'string' && typeof b === 'string') return a <= b;
    const r = yield* this.orderTM(a, b, '__le');
    if (r !== undefined) return r;
    const r2 = yield* this.orderTM(b, a, '__lt');
    if (r2 !== undefined) return !r2;
    throw this.orderError(a, b);
  }

  private *orderTM(a: LuaValue, b: LuaValue, event: string): Generator<void, boolean | undefined, void> {
    if (typeName(a) !== typeName(b)) return undefined;
    const h1 = this.metamethod(a, event);
    if (h1 === undefined) return undefined;
    const h2 = this.metamethod(b, event);
    if (h1 !== h2) return undefined;
    return truthy((yield* this.callMeta(h1, [a, b]))[0]);
  }

  orderError(a: LuaValue, b: LuaValue): LuaError {
    const t1 = typeName(a);
    const t2 = typeName(b);
    return this.error(t1 === t2 ? `attempt to compare two ${t1} values` : `attempt to compare ${t1} with ${t2}`);
  }

  /**
   * A read of o[k] (or, with `write`, the table o[k] = v sets) as far as luaV_gettable's (or
   * luaV_settable's) loop goes without running Lua: along __index (__newindex) tables to the
   * value (the table that takes it, or refuses it when readonly), or else a Detour.
   */
  chain(o: LuaValue, k: LuaValue, desc: string | undefined, write: boolean): LuaValue | Detour {
    for (let loop = 0; loop < 100; loop++) {
      let h: LuaValue;
      if (o instanceof LuaTable) {
        const mt = o.metatable;
        if (write) {
          if (o.readonly || mt === undefined || o.get(k) !== undefined || (h = mt.getStr('__newindex')) === undefined) return o;
        } else {
          const v = o.get(k);
          if (v !== undefined || mt === undefined) return v;
          h = mt.getStr('__index');
          if (h === undefined) return undefined;
        }
      } else {
        h = this.metamethod(o, write ? '__newindex' : '__index');
        if (h === undefined) return new Detour(o, undefined, desc);
      }
      if (h instanceof LuaFunction) return new Detour(o, h, desc);
      o = h;
      desc = undefined;
    }
    return LOOP;
  }

  *index(o: LuaValue, k: LuaValue, desc?: string): Generator<void, LuaValue, void> {
    const r = this.chain(o, k, desc, false);
    if (!(r instanceof Detour)) return r;
    return (yield* this.callMeta(this.detourHandler(r, 'loop in gettable'), [r.o, k]))[0];
  }

  *setIndex(o: LuaValue, k: LuaValue, v: LuaValue, desc?: string): Generator<void, void, void> {
    const r = this.chain(o, k, desc, true);
    if (r instanceof Detour) {
      yield* this.callMeta(this.detourHandler(r, 'loop in settable'), [r.o, k, v]);
      return;
    }
    const t = r as LuaTable;
    if (t.readonly) throw this.error(READONLY);
    this.rawSet(t, k, v);
  }

  /** The metamethod a Detour leads to, or the error it stands for. */
  private detourHandler(d: Detour, loopMessage: string): LuaFunction {
    if (d === LOOP) throw this.error(loopMessage);
    if (d.h === undefined) throw this.opError('index', d.o, d.desc);
    return d.h;
  }

  /** lua_rawset: from a native, so the readonly error has no position (luaG_runerror in C). */
  rawSet(t: LuaTable, k: LuaValue, v: LuaValue): void {
    if (t.readonly) throw new LuaError(READONLY);
    if (k === undefined) throw this.error('table index is nil');
    if (k !== k) throw this.error('table index is NaN');
    t.set(k, v);
  }

  /** tostring(v), honouring __tostring. */
  *tostring(v: LuaValue): Generator<void, LuaValue, void> {
    const h = this.metamethod(v, '__tostring');
    if (h !== undefined) return (yield* this.call(h, [v], undefined))[0];
    return rawToString(v);
  }
}

export const READONLY = 'Attempt to modify a readonly table';

export class TailCall {
  constructor(
    readonly fn: LuaValue,
    readonly args: LuaValue[],
    readonly callee: Callee | undefined,
  ) {}
}

/** How the calling code names the function it calls (5.1's getfuncname), for messages. */
export interface Callee {
  /** "global 'f'", "local 'f'", "method 'f'"..., for "attempt to call ..." */
  desc: string;
  name: string;
  method: boolean;
}

export interface CompiledProto {
  enter(fn: LuaFunction, args: LuaValue[]): Frame;
  run(f: Frame): Generator<void, LuaValue[] | TailCall | undefined, void>;
}

export function truthy(v: LuaValue): boolean {
  return v !== undefined && v !== false;
}

export function rawToString(v: LuaValue): string {
  switch (typeof v) {
    case 'undefined':
      return 'nil';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return numberToString(v);
    case 'string':
      return v;
    default:
      if (v.address === 0) return `${typeName(v)}: (nil)`;
      return `${typeName(v)}: 0x${v.address.toString(16).padStart(8, '0')}`;
  }
}

const ARITH_EVENTS: Record<string, string> = {
  '+': '__add',
  '-': '__sub',
  '*': '__mul',
  '/': '__div',
  '%': '__mod',
  '^': '__pow',
};

export function arithNum(op: string, x: number, y: number): number {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%':
      return x - Math.floor(x / y) * y;
    default:
      return cPow(x, y);
  }
}

export { LuaError, LuaSyntaxError };
