// Compiles the parser's tree into JS closures. Each expression gets a generator form `g`
// (always correct: may run Lua code through metamethods and calls, and so may pause) and, when
// it contains no call that must run Lua, a plain form `s` that is tried first: `s` either
// answers, raises the Lua error the operation raises, or throws SLOW before any side effect,
// after which `g` evaluates the same expression. `pure` marks an `s` that never throws SLOW.

import type { BinOp, Expr, FuncProto, Stat, VarInfo } from './parser.js';
import { arithNum, Detour, LOOP, READONLY, SLOW, TailCall, truthy, type Callee, type CompiledProto, type LuaState } from './state.js';
import { LuaFunction, LuaTable, numberToString, toNumber, type Box, type LuaValue } from './value.js';

export interface Frame {
  /** locals no closure captures */
  r: LuaValue[];
  /** captured locals, boxed so closures share them */
  b: Box[];
  u: Box[];
  va: LuaValue[];
  env: LuaTable;
  /** the line running, for error positions */
  line: number;
  /** a method call's object between evaluating the method and the arguments */
  self?: LuaValue;
  chunk: string;
}

type S = (f: Frame) => LuaValue;
type G = (f: Frame) => Generator<void, LuaValue, void>;
type SM = (f: Frame) => LuaValue[];
type GM = (f: Frame) => Generator<void, LuaValue[], void>;

interface CE {
  s: S | undefined;
  g: G;
  pure: boolean;
  /** contains a call: has side effects, so nothing may throw SLOW after it runs */
  fx: boolean;
  /** times `s` gave up inside a generator form (see ev) */
  misses?: number;
  /** multi-value forms (calls and `...`) */
  ms?: SM | undefined;
  mg?: GM | undefined;
}

type Signal = LuaValue[] | TailCall | typeof BREAK | undefined;
const BREAK = { brk: true };

interface CS {
  /** dropped (set undefined) once it has asked for the generator form a few times, e.g. a
   *  statement calling a Lua function, whose plain form always gives up */
  s: ((f: Frame) => void) | undefined;
  g: (f: Frame) => Generator<void, Signal, void>;
}

export function compileFunction(L: LuaState, proto: FuncProto, upvals: Box[], env: LuaTable): LuaFunction {
  const cp = new Compiler(L).proto(proto);
  return new LuaFunction(proto.name, { proto: cp, upvals }, undefined, undefined, env);
}

/**
 * Whether children evaluated in this order (then an operation that may throw SLOW when
 * `opSlow`) can have a plain form: SLOW must never come after a side effect, because the
 * generator form then evaluates everything again.
 */
function seqOk(children: CE[], opSlow: boolean): boolean {
  if (!children.every((c) => c.s !== undefined || c.ms !== undefined)) return false;
  const first = children.findIndex((c) => c.fx);
  if (first < 0) return true;
  if (opSlow) return false;
  return children.slice(first + 1).every((c) => c.pure);
}

function pureG(s: S): G {
  // eslint-disable-next-line require-yield
  return function* (f) {
    return s(f);
  };
}

/** The name 5.1's getobjname gives an operand, for error messages. */
function describe(e: Expr): string | undefined {
  switch (e.k) {
    case 'local':
      return `local '${e.v.name}'`;
    case 'global':
      return `global '${e.name}'`;
    case 'upval':
      return `upvalue '${e.name}'`;
    case 'index':
      return e.key.k === 'str' ? `field '${e.key.v}'` : undefined;
    default:
      return undefined;
  }
}

function calleeOf(e: Expr): Callee | undefined {
  const desc = describe(e);
  if (desc === undefined) return undefined;
  return { desc, name: desc.slice(desc.indexOf("'") + 1, -1), method: false };
}

const FOR_ITERATOR: Callee = { desc: "for iterator 'for iterator'", name: 'for iterator', method: false };

/** Table read without running Lua: answers, raises the error, or throws SLOW for an
 *  __index function. */
function indexS(L: LuaState, f: Frame, o: LuaValue, k: LuaValue, desc: string | undefined, line: number): LuaValue {
  // the common cases without the chain's call: a key the table holds, a plain table's miss,
  // and a key its __index table holds (a class's method)
  if (o instanceof LuaTable) {
    const v = o.get(k);
    if (v !== undefined) return v;
    const mt = o.metatable;
    if (mt === undefined) return undefined;
    const h = mt.getStr('__index');
    const hv = h instanceof LuaTable ? h.get(k) : undefined;
    if (hv !== undefined) return hv;
  }
  const r = L.chain(o, k, desc, false);
  if (r instanceof Detour) detourS(L, f, r, line);
  return r;
}

function setIndexS(L: LuaState, f: Frame, o: LuaValue, k: LuaValue, v: LuaValue, desc: string | undefined, line: number): void {
  // a plain table, the common case, without the chain's call
  if (!(o instanceof LuaTable && o.metatable === undefined)) {
    const r = L.chain(o, k, desc, true);
    if (r instanceof Detour) detourS(L, f, r, line);
    o = r;
  }
  const t = o as LuaTable;
  if (t.readonly || k === undefined || k !== k) f.line = line;
  if (t.readonly) throw L.error(READONLY);
  L.rawSet(t, k, v);
}

/** A Detour in a plain form: SLOW for a metamethod function (or a chain too long, whose error
 *  the generator form raises), else the error for a value that cannot be indexed. */
function detourS(L: LuaState, f: Frame, d: Detour, line: number): never {
  if (d === LOOP || d.h !== undefined) throw SLOW;
  f.line = line;
  throw L.opError('index', d.o, d.desc);
}

class Compiler {
  /** number constants of the function: 0 and -0 are one constant, the first seen, as in
   *  5.1's constant table (so `print(0, -0)` prints 0 twice) */
  private readonly numbers = new Map<number, number>();
  constructor(private readonly L: LuaState) {}

  proto(p: FuncProto): CompiledProto {
    const body = this.block(p.body);
    const nparams = p.params.length;
    const params = p.params;
    const isVararg = p.isVararg;
    const argLocal = p.argLocal;
    const nslots = p.nslots;
    const chunk = p.chunk;
    const line = p.line;
    const run = this.runner(body);
    return {
      enter(fn: LuaFunction, args: LuaValue[]): Frame {
        const f: Frame = {
          r: new Array<LuaValue>(nslots),
          b: [],
          u: fn.lua!.upvals,
          va: isVararg && args.length > nparams ? args.slice(nparams) : [],
          env: fn.env!,
          line,
          chunk,
        };
        for (let i = 0; i < nparams; i++) {
          const v = params[i]!;
          if (v.captured) f.b[v.slot] = { v: args[i] };
          else f.r[v.slot] = args[i];
        }
        if (argLocal !== undefined) {
          const t = new LuaTable();
          t.arr = f.va.slice();
          t.set('n', f.va.length);
          if (argLocal.captured) f.b[argLocal.slot] = { v: t };
          else f.r[argLocal.slot] = t;
        }
        return f;
      },
      run: run as (f: Frame) => Generator<void, LuaValue[] | TailCall | undefined, void>,
    };
  }

  // ---- statements ----

  private block(stats: Stat[]): CS[] {
    return stats.map((s) => this.stat(s));
  }

  /** A generator running statements in order, trying each plain form first. */
  private runner(stats: CS[]): (f: Frame) => Generator<void, Signal, void> {
    const n = stats.length;
    if (n === 1 && stats[0]!.s === undefined) return stats[0]!.g;
    const misses = stats.map(() => 0);
    return function* (f) {
      for (let i = 0; i < n; i++) {
        const st = stats[i]!;
        if (runPlain(st, misses, i, f)) continue;
        const sig = yield* st.g(f);
        if (sig !== undefined) return sig;
      }
      return undefined;
    };
  }

  private setLocal(v: VarInfo): (f: Frame, x: LuaValue) => void {
    const slot = v.slot;
    if (v.captured)
      return (f, x) => {
        f.b[slot] = { v: x };
      };
    return (f, x) => {
      f.r[slot] = x;
    };
  }

  private stat(st: Stat): CS {
    const cs = this.statForms(st);
    return this.L.plainForms ? cs : { s: undefined, g: cs.g };
  }

  private statForms(st: Stat): CS {
    const L = this.L;
    switch (st.k) {
      case 'local': {
        const sets = st.vars.map((v) => this.setLocal(v));
        if (sets.length === 1 && st.exprs.length === 1) {
          const e = this.expr(st.exprs[0]!);
          const set = sets[0]!;
          const es = e.s;
          const eg = e.g;
          return {
            s: es && ((f) => set(f, es(f))),
            *g(f) {
              set(f, yield* eg(f));
              return undefined;
            },
          };
        }
        const list = this.exprList(st.exprs);
        const ls = list.s;
        const lg = list.g;
        const assign = (f: Frame, vals: LuaValue[]): void => {
          for (let i = 0; i < sets.length; i++) sets[i]!(f, vals[i]);
        };
        return {
          s: ls && ((f) => assign(f, ls(f))),
          *g(f) {
            assign(f, evl(list, f) ?? (yield* lg(f)));
            return undefined;
          },
        };
      }
      case 'localfunc': {
        const set = this.setLocal(st.v);
        // making a closure never runs Lua: its plain form serves even when plain forms are off
        const fs = this.exprForms({ k: 'func', f: st.f }).s!;
        const v = st.v;
        const slot = v.slot;
        const s = (f: Frame): void => {
          // the local exists (nil) before the closure is made, so the closure sees itself
          set(f, undefined);
          const fn = fs(f);
          if (v.captured) f.b[slot]!.v = fn;
          else f.r[slot] = fn;
        };
        return {
          s,
          // eslint-disable-next-line require-yield
          *g(f) {
            s(f);
            return undefined;
          },
        };
      }
      case 'assign':
        return this.assign(st.targets, st.exprs, st.line);
      case 'call': {
        const e = this.expr(st.e);
        const ms = e.ms;
        const mg = e.mg!;
        return {
          s: ms && ((f) => void ms(f)),
          *g(f) {
            yield* mg(f);
            return undefined;
          },
        };
      }
      case 'do': {
        const run = this.runner(this.block(st.body));
        return { s: undefined, g: run };
      }
      case 'return':
        return this.returnStat(st.exprs);
      case 'break':
        return {
          s: undefined,
          // eslint-disable-next-line require-yield
          *g() {
            return BREAK;
          },
        };
      case 'if':
        return this.ifStat(st.conds, st.blocks, st.orelse);
      case 'while': {
        const c = this.expr(st.cond);
        const body = this.runner(this.block(st.body));
        const line = st.line;
        return {
          s: undefined,
          *g(f) {
            for (;;) {
              // paused at the loop's line: where a kill (Lua error thrown at the pause) points
              if (--L.budget <= 0) {
                f.line = line;
                yield;
              }
              const v = c.s !== undefined ? trySync(c, f) : NOT_SYNC;
              if (!truthy(v === NOT_SYNC ? yield* c.g(f) : v)) return undefined;
              const sig = yield* body(f);
              if (sig === BREAK) return undefined;
              if (sig !== undefined) return sig;
            }
          },
        };
      }
      case 'repeat': {
        const c = this.expr(st.cond);
        const body = this.runner(this.block(st.body));
        const line = st.line;
        return {
          s: undefined,
          *g(f) {
            for (;;) {
              if (--L.budget <= 0) {
                f.line = line;
                yield;
              }
              const sig = yield* body(f);
              if (sig === BREAK) return undefined;
              if (sig !== undefined) return sig;
              if (truthy(yield* c.g(f))) return undefined;
            }
          },
        };
      }
      case 'numfor':
        return this.numFor(st);
      case 'genfor':
        return this.genFor(st);
    }
  }

  private numFor(st: Extract<Stat, { k: 'numfor' }>): CS {
    const L = this.L;
    const start = this.expr(st.start);
    const limit = this.expr(st.limit);
    const step = st.step ? this.expr(st.step) : undefined;
    const stats = this.block(st.body);
    const n = stats.length;
    const misses = stats.map(() => 0);
    const slot = st.v.slot;
    const captured = st.v.captured;
    const line = st.line;
    return {
      s: undefined,
      *g(f) {
        const a = toNumber(yield* start.g(f));
        const b = toNumber(yield* limit.g(f));
        const c = step ? toNumber(yield* step.g(f)) : 1;
        f.line = line;
        if (a === undefined) throw L.error("'for' initial value must be a number");
        if (b === undefined) throw L.error("'for' limit must be a number");
        if (c === undefined) throw L.error("'for' step must be a number");
        for (let i = a; c > 0 ? i <= b : i >= b; i += c) {
          if (--L.budget <= 0) {
            f.line = line;
            yield;
          }
          if (captured) f.b[slot] = { v: i };
          else f.r[slot] = i;
          // the body inline (the runner's loop): no generator per iteration for plain forms
          for (let k = 0; k < n; k++) {
            const st = stats[k]!;
            if (runPlain(st, misses, k, f)) continue;
            const sig = yield* st.g(f);
            if (sig === undefined) continue;
            if (sig === BREAK) return undefined;
            return sig;
          }
        }
        return undefined;
      },
    };
  }

  private genFor(st: Extract<Stat, { k: 'genfor' }>): CS {
    const L = this.L;
    const list = this.exprList(st.exprs);
    const sets = st.vars.map((v) => this.setLocal(v));
    const body = this.runner(this.block(st.body));
    const line = st.line;
    return {
      s: undefined,
      *g(f) {
        const init = yield* list.g(f);
        const fn = init[0];
        const state = init[1];
        let ctl = init[2];
        for (;;) {
          f.line = line;
          if (--L.budget <= 0) yield;
          const rs =
            fn instanceof LuaFunction && fn.native !== undefined
              ? callNative(L, fn, [state, ctl], FOR_ITERATOR)
              : yield* L.call(fn, [state, ctl], FOR_ITERATOR);
          const v0 = rs[0];
          if (v0 === undefined) return undefined;
          ctl = v0;
          for (let i = 0; i < sets.length; i++) sets[i]!(f, rs[i]);
          const sig = yield* body(f);
          if (sig === BREAK) return undefined;
          if (sig !== undefined) return sig;
        }
      },
    };
  }

  private ifStat(condEs: Expr[], blockSs: Stat[][], orelseS: Stat[] | undefined): CS {
    const conds = condEs.map((c) => this.expr(c));
    const blocks = blockSs.map((b) => this.block(b));
    const orelse = orelseS ? this.block(orelseS) : [];
    const runs = blocks.map((b) => this.runner(b));
    const runElse = this.runner(orelse);
    // a plain form when every branch is at most one plain statement, so a SLOW from it can be
    // redone by the generator form (conditions have no side effects in their plain form)
    const single = (b: CS[]): boolean => b.length === 0 || (b.length === 1 && b[0]!.s !== undefined);
    const canS = conds.every((c) => c.s !== undefined && !c.fx) && blocks.every(single) && single(orelse);
    const condS = conds.map((c) => c.s!);
    const blockS = blocks.map((b) => b[0]?.s);
    const elseS = orelse[0]?.s;
    const n = conds.length;
    return {
      s: canS
        ? (f) => {
            for (let i = 0; i < n; i++) {
              if (truthy(condS[i]!(f))) {
                blockS[i]?.(f);
                return;
              }
            }
            elseS?.(f);
          }
        : undefined,
      *g(f) {
        for (let i = 0; i < n; i++) {
          if (truthy(yield* conds[i]!.g(f))) return yield* runs[i]!(f);
        }
        return yield* runElse(f);
      },
    };
  }

  private returnStat(exprs: Expr[]): CS {
    const L = this.L;
    if (exprs.length === 1 && exprs[0]!.k !== 'vararg') {
      const e = exprs[0]!;
      if (e.k === 'call' || e.k === 'method') {
        const parts = this.callParts(e);
        return {
          s: undefined,
          *g(f) {
            const { fn, args } = yield* parts.g(f);
            f.line = parts.line;
            if (fn instanceof LuaFunction && fn.native !== undefined) return callNative(L, fn, args, parts.callee);
            return new TailCall(fn, args, parts.callee);
          },
        };
      }
      const c = this.expr(e);
      return {
        s: undefined,
        *g(f) {
          const v = c.s !== undefined ? trySync(c, f) : NOT_SYNC;
          return [v === NOT_SYNC ? yield* c.g(f) : v];
        },
      };
    }
    const list = this.exprList(exprs);
    return {
      s: undefined,
      *g(f) {
        return evl(list, f) ?? (yield* list.g(f));
      },
    };
  }

  private assign(targets: Expr[], exprs: Expr[], line: number): CS {
    const L = this.L;
    if (targets.length === 1 && exprs.length === 1) {
      const t = targets[0]!;
      const e = this.expr(exprs[0]!);
      const es = e.s;
      const eg = e.g;
      if (t.k === 'local') {
        const slot = t.v.slot;
        if (t.v.captured)
          return {
            s: es && ((f) => void (f.b[slot]!.v = es(f))),
            *g(f) {
              f.b[slot]!.v = yield* eg(f);
              return undefined;
            },
          };
        return {
          s: es && ((f) => void (f.r[slot] = es(f))),
          *g(f) {
            f.r[slot] = yield* eg(f);
            return undefined;
          },
        };
      }
      if (t.k === 'upval') {
        const idx = t.idx;
        return {
          s: es && ((f) => void (f.u[idx]!.v = es(f))),
          *g(f) {
            f.u[idx]!.v = yield* eg(f);
            return undefined;
          },
        };
      }
      if (t.k === 'global') {
        const name = t.name;
        return {
          s: es && !e.fx ? (f) => setIndexS(L, f, f.env, name, es(f), undefined, line) : undefined,
          *g(f) {
            let v = ev(e, f);

            if (v === NOT_SYNC) v = yield* eg(f);
            f.line = line;
            yield* L.setIndex(f.env, name, v);
            return undefined;
          },
        };
      }
      if (t.k === 'index') {
        const o = this.expr(t.obj);
        const k = this.expr(t.key);
        const desc = describe(t.obj);
        const os = o.s;
        const ks = k.s;
        return {
          s: es && os && ks && !e.fx && !o.fx && !k.fx ? (f) => setIndexS(L, f, os(f), ks(f), es(f), desc, line) : undefined,
          *g(f) {
            let ov = ev(o, f);

            if (ov === NOT_SYNC) ov = yield* o.g(f);
            let kv = ev(k, f);

            if (kv === NOT_SYNC) kv = yield* k.g(f);
            let v = ev(e, f);

            if (v === NOT_SYNC) v = yield* eg(f);
            f.line = line;
            yield* L.setIndex(ov, kv, v, desc);
            return undefined;
          },
        };
      }
    }
    // general case: targets' tables and keys first, then values, stored right to left as 5.1
    const list = this.exprList(exprs);
    const tg = targets.map((t) => {
      if (t.k === 'index') return { t, o: this.expr(t.obj), key: this.expr(t.key), desc: describe(t.obj) };
      return { t, o: undefined, key: undefined, desc: undefined };
    });
    return {
      s: undefined,
      *g(f) {
        const objs: LuaValue[] = [];
        const keys: LuaValue[] = [];
        for (const x of tg) {
          if (x.o) {
            objs.push(yield* x.o.g(f));
            keys.push(yield* x.key.g(f));
          } else {
            objs.push(undefined);
            keys.push(undefined);
          }
        }
        const vals = yield* list.g(f);
        f.line = line;
        for (let i = tg.length - 1; i >= 0; i--) {
          const x = tg[i]!;
          const v = vals[i];
          const t = x.t;
          if (t.k === 'local') {
            if (t.v.captured) f.b[t.v.slot]!.v = v;
            else f.r[t.v.slot] = v;
          } else if (t.k === 'upval') f.u[t.idx]!.v = v;
          else if (t.k === 'global') yield* L.setIndex(f.env, t.name, v);
          else yield* L.setIndex(objs[i], keys[i], v, x.desc);
        }
        return undefined;
      },
    };
  }

  // ---- expressions ----

  /** Values of an expression list, the last one expanded if it is a call or `...`. */
  private exprList(exprs: Expr[]): { s: SM | undefined; g: GM } {
    const ces = exprs.map((e) => this.expr(e));
    const n = ces.length;
    if (n === 0) {
      const empty: SM = () => [];
      return {
        s: empty,
        // eslint-disable-next-line require-yield
        *g() {
          return [];
        },
      };
    }
    const last = ces[n - 1]!;
    const multi = last.mg !== undefined;
    const canS = ces.every((c, i) => (i === n - 1 && multi ? last.ms !== undefined : c.s !== undefined)) && seqOk(ces, false);
    const ss = ces.map((c) => c.s);
    return {
      s: canS
        ? (f) => {
            const out: LuaValue[] = [];
            for (let i = 0; i < n - 1; i++) out.push(ss[i]!(f));
            if (multi) {
              const rest = last.ms!(f);
              for (const v of rest) out.push(v);
            } else out.push(ss[n - 1]!(f));
            return out;
          }
        : undefined,
      *g(f) {
        const out: LuaValue[] = [];
        for (let i = 0; i < n - 1; i++) {
          const c = ces[i]!;
          const v = ev(c, f);
          out.push(v === NOT_SYNC ? yield* c.g(f) : v);
        }
        if (multi) {
          const rest = yield* last.mg!(f);
          for (const v of rest) out.push(v);
        } else {
          const v = ev(last, f);
          out.push(v === NOT_SYNC ? yield* last.g(f) : v);
        }
        return out;
      },
    };
  }

  private constant(v: LuaValue): CE {
    const s: S = () => v;
    return { s, g: pureG(s), pure: true, fx: false };
  }

  expr(e: Expr): CE {
    const ce = this.exprForms(e);
    return this.L.plainForms ? ce : { ...ce, s: undefined, ms: undefined, pure: false };
  }

  private exprForms(e: Expr): CE {
    const L = this.L;
    switch (e.k) {
      case 'nil':
        return this.constant(undefined);
      case 'true':
        return this.constant(true);
      case 'false':
        return this.constant(false);
      case 'num': {
        if (!this.numbers.has(e.v)) this.numbers.set(e.v, e.v);
        return this.constant(this.numbers.get(e.v));
      }
      case 'str':
        return this.constant(e.v);
      case 'vararg': {
        const s: S = (f) => f.va[0];
        const ms: SM = (f) => f.va.slice();
        return {
          s,
          g: pureG(s),
          pure: true,
          fx: false,
          ms,
          // eslint-disable-next-line require-yield
          *mg(f) {
            return ms(f);
          },
        };
      }
      case 'local': {
        const slot = e.v.slot;
        const s: S = e.v.captured ? (f) => f.b[slot]!.v : (f) => f.r[slot];
        return { s, g: pureG(s), pure: true, fx: false };
      }
      case 'upval': {
        const idx = e.idx;
        const s: S = (f) => f.u[idx]!.v;
        return { s, g: pureG(s), pure: true, fx: false };
      }
      case 'global': {
        const name = e.name;
        const line = e.line;
        return {
          s: (f) => {
            const env = f.env;
            const v = env.getStr(name);
            if (v !== undefined || env.metatable === undefined) return v;
            return indexS(L, f, env, name, undefined, line);
          },
          *g(f) {
            // an __index on the globals (Redis's sandbox) raises its error at this line
            f.line = line;
            return yield* L.index(f.env, name);
          },
          pure: false,
          fx: false,
        };
      }
      case 'index': {
        const o = this.expr(e.obj);
        const k = this.expr(e.key);
        const desc = describe(e.obj);
        const line = e.line;
        const os = o.s;
        const ks = k.s;
        return {
          s: seqOk([o, k], true) ? (f) => indexS(L, f, os!(f), ks!(f), desc, line) : undefined,
          fx: o.fx || k.fx,
          *g(f) {
            let ov = ev(o, f);

            if (ov === NOT_SYNC) ov = yield* o.g(f);
            let kv = ev(k, f);

            if (kv === NOT_SYNC) kv = yield* k.g(f);
            f.line = line;
            return yield* L.index(ov, kv, desc);
          },
          pure: false,
        };
      }
      case 'call':
      case 'method':
        return this.call(e);
      case 'func':
        return this.closure(e.f);
      case 'paren': {
        // parentheses keep one value of a call or `...`
        const c = this.expr(e.e);
        return { s: c.s, g: c.g, pure: c.pure, fx: c.fx };
      }
      case 'and':
      case 'or': {
        const a = this.expr(e.a);
        const b = this.expr(e.b);
        const isAnd = e.k === 'and';
        const as = a.s;
        const bs = b.s;
        return {
          s: !seqOk([a, b], false) ? undefined : isAnd ? (f) => (truthy(as!(f)) ? bs!(f) : as!(f)) : (f) => (truthy(as!(f)) ? as!(f) : bs!(f)),
          fx: a.fx || b.fx,
          *g(f) {
            let x = ev(a, f);

            if (x === NOT_SYNC) x = yield* a.g(f);
            if (truthy(x) === isAnd) return yield* b.g(f);
            return x;
          },
          pure: a.pure && b.pure,
        };
      }
      case 'not': {
        const a = this.expr(e.a);
        const as = a.s;
        return {
          s: as && ((f) => !truthy(as(f))),
          *g(f) {
            return !truthy(yield* a.g(f));
          },
          pure: a.pure,
          fx: a.fx,
        };
      }
      case 'neg':
        return this.unary(
          e.a,
          e.line,
          (x) => {
            if (typeof x === 'number') return -x;
            throw SLOW;
          },
          (x, d) => L.unm(x, d),
        );
      case 'len':
        return this.unary(
          e.a,
          e.line,
          (x) => {
            if (typeof x === 'string') return x.length;
            if (x instanceof LuaTable) return x.length();
            throw SLOW;
          },
          (x, d) => L.len(x, d),
        );
      case 'bin':
        return this.binary(e.op, e.a, e.b, e.line);
      case 'table':
        return this.table(e);
    }
  }

  /** `-a` and `#a`: `fast` answers plain values at once or throws SLOW; `slow` (metamethods, errors) may yield. */
  private unary(ea: Expr, line: number, fast: (x: LuaValue) => LuaValue, slow: (x: LuaValue, da?: string) => Generator<void, LuaValue, void>): CE {
    const a = this.expr(ea);
    const as = a.s;
    const da = describe(ea);
    return {
      fx: a.fx,
      s: as && !a.fx ? (f) => fast(as(f)) : undefined,
      *g(f) {
        let x = ev(a, f);

        if (x === NOT_SYNC) x = yield* a.g(f);
        f.line = line;
        return yield* slow(x, da);
      },
      pure: false,
    };
  }

  private binary(op: BinOp, ea: Expr, eb: Expr, line: number): CE {
    const L = this.L;
    const a = this.expr(ea);
    const b = this.expr(eb);
    const as = a.s;
    const bs = b.s;
    const ag = a.g;
    const bg = b.g;
    const da = describe(ea);
    const db = describe(eb);
    const both = as !== undefined && bs !== undefined && !a.fx && !b.fx;
    const fx = a.fx || b.fx;
    const mk = (s: S | false, g: G): CE => ({ s: s === false ? undefined : s, g, pure: false, fx });
    switch (op) {
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
      case '^': {
        const g: G = function* (f) {
          let x = ev(a, f);

          if (x === NOT_SYNC) x = yield* ag(f);
          let y = ev(b, f);

          if (y === NOT_SYNC) y = yield* bg(f);
          f.line = line;
          return yield* L.arith(op, x, y, da, db);
        };
        if (!both) return mk(false, g);
        let s: S;
        if (op === '+')
          s = (f) => {
            const x = as(f);
            const y = bs(f);
            if (typeof x === 'number' && typeof y === 'number') return x + y;
            throw SLOW;
          };
        else if (op === '-')
          s = (f) => {
            const x = as(f);
            const y = bs(f);
            if (typeof x === 'number' && typeof y === 'number') return x - y;
            throw SLOW;
          };
        else if (op === '*')
          s = (f) => {
            const x = as(f);
            const y = bs(f);
            if (typeof x === 'number' && typeof y === 'number') return x * y;
            throw SLOW;
          };
        else
          s = (f) => {
            const x = as(f);
            const y = bs(f);
            if (typeof x === 'number' && typeof y === 'number') return arithNum(op, x, y);
            throw SLOW;
          };
        return mk(s, g);
      }
      case '..':
        return mk(
          both &&
            ((f) => {
              const x = as(f);
              const y = bs(f);
              const sx = typeof x === 'string' ? x : typeof x === 'number' ? numberToString(x) : undefined;
              const sy = typeof y === 'string' ? y : typeof y === 'number' ? numberToString(y) : undefined;
              if (sx !== undefined && sy !== undefined) return sx + sy;
              throw SLOW;
            }),
          function* (f) {
            let x = ev(a, f);

            if (x === NOT_SYNC) x = yield* ag(f);
            let y = ev(b, f);

            if (y === NOT_SYNC) y = yield* bg(f);
            f.line = line;
            return yield* L.concat(x, y, da, db);
          },
        );
      case '==':
      case '~=': {
        const ne = op === '~=';
        return mk(
          both &&
            ((f) => {
              const x = as(f);
              const y = bs(f);
              if (x === y) return !ne;
              if (x instanceof LuaTable && y instanceof LuaTable && x.metatable !== undefined && y.metatable !== undefined) throw SLOW;
              return ne;
            }),
          function* (f) {
            let x = ev(a, f);

            if (x === NOT_SYNC) x = yield* ag(f);
            let y = ev(b, f);

            if (y === NOT_SYNC) y = yield* bg(f);
            f.line = line;
            return (yield* L.eq(x, y)) !== ne;
          },
        );
      }
      default: {
        // a > b is b < a and a >= b is b <= a, as 5.1 compiles them (so messages swap types)
        const swap = op === '>' || op === '>=';
        const le = op === '<=' || op === '>=';
        return mk(
          both &&
            ((f) => {
              let x = as(f);
              let y = bs(f);
              if (swap) [x, y] = [y, x];
              if ((typeof x === 'number' && typeof y === 'number') || (typeof x === 'string' && typeof y === 'string')) return le ? x <= y : x < y;
              throw SLOW;
            }),
          function* (f) {
            let x = ev(a, f);

            if (x === NOT_SYNC) x = yield* ag(f);
            let y = ev(b, f);

            if (y === NOT_SYNC) y = yield* bg(f);
            if (swap) [x, y] = [y, x];
            f.line = line;
            return le ? yield* L.le(x, y) : yield* L.lt(x, y);
          },
        );
      }
    }
  }

  private table(e: Extract<Expr, { k: 'table' }>): CE {
    const L = this.L;
    const line = e.line;
    const nItems = e.items.length;
    // fields in source order; only a call or `...` that is the very last field expands
    const fields = e.items.map((it, i) => {
      const v = this.expr(it.v);
      const expand = it.key === undefined && i === nItems - 1 && v.mg !== undefined;
      return { key: it.key ? this.expr(it.key) : undefined, v, expand };
    });
    const nhash = fields.filter((x) => x.key !== undefined).length;
    const order: CE[] = [];
    for (const x of fields) {
      if (x.key) order.push(x.key);
      order.push(x.expand ? { ...x.v, s: undefined } : x.v);
    }
    const build = (f: Frame, keys: LuaValue[], vals: LuaValue[], arr: LuaValue[]): LuaTable => {
      const t = LuaTable.sized(arr, nhash);
      const n = arr.length;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        // positional entries win over keyed ones at the same index, as SETLIST runs last
        if (typeof k === 'number' && k >= 1 && k <= n && (k | 0) === k) continue;
        if (k === undefined || k !== k) f.line = line;
        L.rawSet(t, k, vals[i]);
      }
      return t;
    };
    const canS = seqOk(order, false);
    return {
      s: canS
        ? (f) => {
            const keys: LuaValue[] = [];
            const vals: LuaValue[] = [];
            const arr: LuaValue[] = [];
            for (const x of fields) {
              if (x.key) {
                keys.push(x.key.s!(f));
                vals.push(x.v.s!(f));
              } else if (x.expand) for (const v of x.v.ms!(f)) arr.push(v);
              else arr.push(x.v.s!(f));
            }
            return build(f, keys, vals, arr);
          }
        : undefined,
      *g(f) {
        const keys: LuaValue[] = [];
        const vals: LuaValue[] = [];
        const arr: LuaValue[] = [];
        for (const x of fields) {
          if (x.key) {
            keys.push(yield* x.key.g(f));
            vals.push(yield* x.v.g(f));
          } else if (x.expand) for (const v of yield* x.v.mg!(f)) arr.push(v);
          else arr.push(yield* x.v.g(f));
        }
        return build(f, keys, vals, arr);
      },
      pure: false,
      fx: order.some((x) => x.fx),
    };
  }

  private closure(p: FuncProto): CE {
    const cp = new Compiler(this.L).proto(p);
    const ups = p.upvals;
    const name = p.name;
    const s: S = (f) => {
      const boxes: Box[] = ups.map((u) => (u.local !== undefined ? f.b[u.local.slot]! : f.u[u.up]!));
      return new LuaFunction(name, { proto: cp, upvals: boxes }, undefined, undefined, f.env);
    };
    return { s, g: pureG(s), pure: true, fx: false };
  }

  /** The function and arguments of a call, evaluated as 5.1 does (function, then args). */
  private callParts(e: Extract<Expr, { k: 'call' | 'method' }>): {
    g: (f: Frame) => Generator<void, { fn: LuaValue; args: LuaValue[] }, void>;
    s: { fn: (f: Frame) => LuaValue; args: (f: Frame) => LuaValue[] } | undefined;
    callee: Callee | undefined;
    line: number;
  } {
    const L = this.L;
    const line = e.line;
    const args = this.exprList(e.args);
    if (e.k === 'method') {
      const o = this.expr(e.obj);
      const name = e.name;
      const odesc = describe(e.obj);
      const os = o.s;
      const as = args.s;
      return {
        callee: { desc: `method '${name}'`, name, method: true },
        line,
        // the object is evaluated once: kept between the two halves of the plain form
        s:
          os && as && !o.fx
            ? {
                fn: (f) => {
                  const ov = os(f);
                  f.self = ov;
                  return indexS(L, f, ov, name, odesc, line);
                },
                args: (f) => {
                  const a = as(f);
                  a.unshift(f.self);
                  return a;
                },
              }
            : undefined,
        *g(f) {
          let ov = ev(o, f);

          if (ov === NOT_SYNC) ov = yield* o.g(f);
          f.line = line;
          const fn = yield* L.index(ov, name, odesc);
          const a = evl(args, f) ?? (yield* args.g(f));
          a.unshift(ov);
          return { fn, args: a };
        },
      };
    }
    const fe = this.expr(e.fn);
    const fs = fe.s;
    const as = args.s;
    return {
      callee: calleeOf(e.fn),
      line,
      s: fs && as && !fe.fx ? { fn: fs, args: as } : undefined,
      *g(f) {
        let fn = ev(fe, f);

        if (fn === NOT_SYNC) fn = yield* fe.g(f);
        return { fn, args: evl(args, f) ?? (yield* args.g(f)) };
      },
    };
  }

  private call(e: Extract<Expr, { k: 'call' | 'method' }>): CE {
    const L = this.L;
    const parts = this.callParts(e);
    const callee = parts.callee;
    const line = e.line;
    const ps = parts.s;
    // the plain form calls only sync natives; any other callee is the generator's job
    const ms: SM | undefined =
      ps &&
      ((f) => {
        // the callee is checked before the arguments run, so SLOW comes before any effect
        const fn = ps.fn(f);
        if (!(fn instanceof LuaFunction) || fn.native === undefined) throw SLOW;
        const args = ps.args(f);
        f.line = line;
        L.callee = callee;
        return fn.native(L, args);
      });
    const mg: GM = function* (f) {
      const { fn, args } = yield* parts.g(f);
      f.line = line;
      if (fn instanceof LuaFunction && fn.native !== undefined) return callNative(L, fn, args, callee);
      return yield* L.call(fn, args, callee);
    };
    return {
      s: ms && ((f) => ms(f)[0]),
      *g(f) {
        return (yield* mg(f))[0];
      },
      pure: false,
      fx: true,
      ms,
      mg,
    };
  }
}

function callNative(L: LuaState, fn: LuaFunction, args: LuaValue[], callee: Callee | undefined): LuaValue[] {
  L.callee = callee;
  return fn.native!(L, args);
}

/** Statement `i` of a block by its plain form: true when it ran, false when the generator form
 *  has to (no plain form, or it gave up before any effect). One that keeps giving up (a call of
 *  a Lua function) is not tried again: `misses` counts, per statement of the block. */
function runPlain(st: CS, misses: number[], i: number, f: Frame): boolean {
  const s = st.s;
  if (s === undefined) return false;
  try {
    s(f);
    return true;
  } catch (e) {
    if (e !== SLOW) throw e;
    if (++misses[i]! > 3) st.s = undefined;
    return false;
  }
}

/** A sentinel (never visible to Lua): the plain form asked for the generator form. */
const NOT_SYNC: LuaValue = new LuaTable();

/** A child's plain form inside a generator form: its value, or NOT_SYNC (no plain form, or
 *  it asked for the generator form), so generators are made only when needed. */
function ev(c: CE, f: Frame): LuaValue {
  if (c.s === undefined) return NOT_SYNC;
  try {
    return c.s(f);
  } catch (e) {
    if (e !== SLOW) throw e;
    // a plain form that keeps giving up (a call of a Lua function) is not tried again here
    if ((c.misses = (c.misses ?? 0) + 1) > 3) c.s = undefined;
    return NOT_SYNC;
  }
}

/** The same for an expression list: its values, or undefined to run its generator form. */
function evl(l: { s: SM | undefined; misses?: number }, f: Frame): LuaValue[] | undefined {
  if (l.s === undefined) return undefined;
  try {
    return l.s(f);
  } catch (e) {
    if (e !== SLOW) throw e;
    if ((l.misses = (l.misses ?? 0) + 1) > 3) l.s = undefined;
    return undefined;
  }
}

function trySync(c: CE, f: Frame): LuaValue {
  try {
    return c.s!(f);
  } catch (e) {
    if (e === SLOW) return NOT_SYNC;
    throw e;
  }
}
