// Lua 5.1 parser: the grammar of lparser.c, producing a tree whose names are already resolved
// to local slots, upvalue indexes or globals (as lparser.c's singlevar does), with 5.1's
// syntax error wording.

import { Lexer, LuaSyntaxError, T, tokenText } from './lexer.js';

export interface VarInfo {
  name: string;
  slot: number;
  /** referenced by an inner function: lives in a box so closures share it */
  captured: boolean;
}

export interface UpvalDesc {
  name: string;
  /** a local of the directly enclosing function, or else an upvalue index of it */
  local: VarInfo | undefined;
  up: number;
}

export interface FuncProto {
  name: string;
  line: number;
  chunk: string;
  params: VarInfo[];
  isVararg: boolean;
  /** 5.1's compatibility `arg` table for a vararg function whose body never says `...` */
  argLocal: VarInfo | undefined;
  body: Stat[];
  nslots: number;
  upvals: UpvalDesc[];
}

export type BinOp = '+' | '-' | '*' | '/' | '%' | '^' | '..' | '==' | '~=' | '<' | '<=' | '>' | '>=';

export type Expr =
  | { k: 'nil' }
  | { k: 'true' }
  | { k: 'false' }
  | { k: 'vararg' }
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'func'; f: FuncProto }
  | { k: 'local'; v: VarInfo }
  | { k: 'upval'; idx: number; name: string }
  | { k: 'global'; name: string; line: number }
  | { k: 'index'; obj: Expr; key: Expr; line: number }
  | { k: 'call'; fn: Expr; args: Expr[]; line: number }
  | { k: 'method'; obj: Expr; name: string; args: Expr[]; line: number }
  | { k: 'bin'; op: BinOp; a: Expr; b: Expr; line: number }
  | { k: 'and'; a: Expr; b: Expr }
  | { k: 'or'; a: Expr; b: Expr }
  | { k: 'not'; a: Expr }
  | { k: 'neg'; a: Expr; line: number }
  | { k: 'len'; a: Expr; line: number }
  | { k: 'table'; items: TableItem[]; line: number }
  | { k: 'paren'; e: Expr };

export type TableItem = { key: Expr | undefined; v: Expr };

export type Stat =
  | { k: 'local'; vars: VarInfo[]; exprs: Expr[]; line: number }
  | { k: 'assign'; targets: Expr[]; exprs: Expr[]; line: number }
  | { k: 'call'; e: Expr; line: number }
  | { k: 'do'; body: Stat[] }
  | { k: 'while'; cond: Expr; body: Stat[]; line: number }
  | { k: 'repeat'; body: Stat[]; cond: Expr; line: number }
  | { k: 'if'; conds: Expr[]; blocks: Stat[][]; orelse: Stat[] | undefined; line: number }
  | { k: 'numfor'; v: VarInfo; start: Expr; limit: Expr; step: Expr | undefined; body: Stat[]; line: number }
  | { k: 'genfor'; vars: VarInfo[]; exprs: Expr[]; body: Stat[]; line: number }
  | { k: 'localfunc'; v: VarInfo; f: FuncProto; line: number }
  | { k: 'return'; exprs: Expr[]; line: number }
  | { k: 'break'; line: number };

const MAXVARS = 200;
const MAXUPVALUES = 60;
const MAXLEVELS = 200;

class FuncState {
  actives: VarInfo[] = [];
  nslots = 0;
  upvals: UpvalDesc[] = [];
  loops = 0;
  usesVararg = false;
  constructor(
    readonly parent: FuncState | undefined,
    readonly isVararg: boolean,
    readonly line: number,
  ) {}
}

const BIN_PRIORITY: Record<string, [number, number]> = {
  '+': [6, 6],
  '-': [6, 6],
  '*': [7, 7],
  '/': [7, 7],
  '%': [7, 7],
  '^': [10, 9],
  '..': [5, 4],
  '==': [3, 3],
  '~=': [3, 3],
  '<': [3, 3],
  '<=': [3, 3],
  '>': [3, 3],
  '>=': [3, 3],
  and: [2, 2],
  or: [1, 1],
};
const UNARY_PRIORITY = 8;

export function parse(source: string, chunkDisplay: string): FuncProto {
  return new Parser(source, chunkDisplay).mainFunc();
}

export { LuaSyntaxError };

class Parser {
  private lx: Lexer;
  private fs!: FuncState;
  private levels = 0;

  constructor(
    source: string,
    private readonly chunk: string,
  ) {
    this.lx = new Lexer(source, chunk);
  }

  mainFunc(): FuncProto {
    this.fs = new FuncState(undefined, true, 0);
    const body = this.block();
    if (this.lx.tok.t !== T.Eof) this.errorExpected("'<eof>'");
    return {
      name: 'main chunk',
      line: 0,
      chunk: this.chunk,
      params: [],
      isVararg: true,
      argLocal: undefined,
      body,
      nslots: this.fs.nslots,
      upvals: [],
    };
  }

  // ---- helpers ----

  private get t(): T {
    return this.lx.tok.t;
  }

  private tokIs(t: T): boolean {
    return this.lx.tok.t === t;
  }

  private isChar(c: string): boolean {
    return this.lx.tok.t === T.Char && this.lx.tok.ch === c.charCodeAt(0);
  }

  private error(msg: string): never {
    this.lx.error(msg, this.lx.nearText());
  }

  private errorExpected(what: string): never {
    this.error(`${what} expected`);
  }

  private checkChar(c: string): void {
    if (!this.isChar(c)) this.errorExpected(`'${c}'`);
    this.lx.next();
  }

  private check(t: T): void {
    if (this.t !== t) this.errorExpected(`'${tokenText(t)}'`);
    this.lx.next();
  }

  private testChar(c: string): boolean {
    if (this.isChar(c)) {
      this.lx.next();
      return true;
    }
    return false;
  }

  private checkMatch(what: T | string, who: T | string, line: number): void {
    const ok = typeof what === 'string' ? this.isChar(what) : this.t === what;
    if (!ok) {
      const w = typeof what === 'string' ? what : tokenText(what);
      if (line === this.lx.line) this.errorExpected(`'${w}'`);
      const o = typeof who === 'string' ? who : tokenText(who);
      this.error(`'${w}' expected (to close '${o}' at line ${line})`);
    }
    this.lx.next();
  }

  private checkName(): string {
    if (this.t !== T.Name) this.errorExpected("'<name>'");
    const s = this.lx.tok.s;
    this.lx.next();
    return s;
  }

  private enter(): void {
    if (++this.levels > MAXLEVELS) this.lx.error('chunk has too many syntax levels', undefined);
  }

  private leave(): void {
    this.levels--;
  }

  // ---- scopes ----

  private newLocal(name: string): VarInfo {
    const fs = this.fs;
    if (fs.actives.length >= MAXVARS) {
      this.error(`too many local variables (limit is ${MAXVARS}) in ${fs.parent ? `function at line ${fs.line}` : 'main function'}`);
    }
    return { name, slot: fs.nslots++, captured: false };
  }

  private activate(...vars: VarInfo[]): void {
    this.fs.actives.push(...vars);
  }

  private scoped<R>(f: () => R): R {
    const n = this.fs.actives.length;
    const r = f();
    this.fs.actives.length = n;
    return r;
  }

  private singleVar(name: string): Expr {
    const r = this.resolve(this.fs, name);
    if (r === undefined) return { k: 'global', name, line: this.lx.line };
    if (typeof r === 'number') return { k: 'upval', idx: r, name };
    return { k: 'local', v: r };
  }

  /** A local of fs, an upvalue index of fs, or undefined for a global. */
  private resolve(fs: FuncState, name: string): VarInfo | number | undefined {
    for (let i = fs.actives.length - 1; i >= 0; i--) if (fs.actives[i]!.name === name) return fs.actives[i];
    if (!fs.parent) return undefined;
    const existing = fs.upvals.findIndex((u) => u.name === name);
    if (existing >= 0) return existing;
    const outer = this.resolve(fs.parent, name);
    if (outer === undefined) return undefined;
    if (fs.upvals.length >= MAXUPVALUES) {
      this.error(`function at line ${fs.line} has more than ${MAXUPVALUES} upvalues`);
    }
    if (typeof outer === 'number') fs.upvals.push({ name, local: undefined, up: outer });
    else {
      outer.captured = true;
      fs.upvals.push({ name, local: outer, up: -1 });
    }
    return fs.upvals.length - 1;
  }

  // ---- statements ----

  private blockFollow(): boolean {
    switch (this.t) {
      case T.Else:
      case T.Elseif:
      case T.End:
      case T.Until:
      case T.Eof:
        return true;
      default:
        return false;
    }
  }

  private block(): Stat[] {
    return this.scoped(() => this.statements());
  }

  private statements(): Stat[] {
    const out: Stat[] = [];
    let last = false;
    this.enter();
    while (!last && !this.blockFollow()) {
      const s = this.statement();
      out.push(s);
      last = s.k === 'return' || s.k === 'break';
      this.testChar(';');
    }
    this.leave();
    return out;
  }

  private statement(): Stat {
    const line = this.lx.line;
    switch (this.t) {
      case T.If:
        return this.ifStat(line);
      case T.While: {
        this.lx.next();
        const cond = this.expr();
        this.check(T.Do);
        const body = this.loopBlock();
        this.checkMatch(T.End, T.While, line);
        return { k: 'while', cond, body, line };
      }
      case T.Do: {
        this.lx.next();
        const body = this.block();
        this.checkMatch(T.End, T.Do, line);
        return { k: 'do', body };
      }
      case T.For:
        return this.forStat(line);
      case T.Repeat: {
        this.lx.next();
        this.fs.loops++;
        const r = this.scoped(() => {
          const body = this.statements();
          this.checkMatch(T.Until, T.Repeat, line);
          const cond = this.expr();
          return { body, cond };
        });
        this.fs.loops--;
        return { k: 'repeat', body: r.body, cond: r.cond, line };
      }
      case T.Function: {
        this.lx.next();
        let target = this.singleVar(this.checkName());
        let fname = target.k === 'global' || target.k === 'upval' ? target.name : target.k === 'local' ? target.v.name : '?';
        let method = false;
        while (this.isChar('.') || this.isChar(':')) {
          method = this.isChar(':');
          this.lx.next();
          const key = this.checkName();
          fname = key;
          target = { k: 'index', obj: target, key: { k: 'str', v: key }, line: this.lx.line };
          if (method) break;
        }
        const f = this.body(method, line, fname);
        return { k: 'assign', targets: [target], exprs: [{ k: 'func', f }], line };
      }
      case T.Local:
        this.lx.next();
        if (this.tokIs(T.Function)) {
          this.lx.next();
          const name = this.checkName();
          const v = this.newLocal(name);
          this.activate(v);
          const f = this.body(false, line, name);
          return { k: 'localfunc', v, f, line };
        }
        return this.localStat(line);
      case T.Return: {
        this.lx.next();
        const exprs = this.blockFollow() || this.isChar(';') ? [] : this.exprList();
        return { k: 'return', exprs, line };
      }
      case T.Break:
        this.lx.next();
        if (this.fs.loops === 0) this.error('no loop to break');
        return { k: 'break', line };
      default:
        return this.exprStat(line);
    }
  }

  private loopBlock(): Stat[] {
    this.fs.loops++;
    const b = this.block();
    this.fs.loops--;
    return b;
  }

  private ifStat(line: number): Stat {
    const conds: Expr[] = [];
    const blocks: Stat[][] = [];
    let orelse: Stat[] | undefined;
    this.lx.next();
    conds.push(this.expr());
    this.check(T.Then);
    blocks.push(this.block());
    while (this.t === T.Elseif) {
      this.lx.next();
      conds.push(this.expr());
      this.check(T.Then);
      blocks.push(this.block());
    }
    if (this.t === T.Else) {
      this.lx.next();
      orelse = this.block();
    }
    this.checkMatch(T.End, T.If, line);
    return { k: 'if', conds, blocks, orelse, line };
  }

  private forStat(line: number): Stat {
    this.lx.next();
    const n1 = this.checkName();
    if (this.isChar('=')) {
      this.lx.next();
      const start = this.expr();
      this.checkChar(',');
      const limit = this.expr();
      const step = this.testChar(',') ? this.expr() : undefined;
      this.check(T.Do);
      const s = this.scoped(() => {
        const v = this.newLocal(n1);
        this.activate(v);
        const body = this.loopBlock();
        return { v, body };
      });
      this.checkMatch(T.End, T.For, line);
      return { k: 'numfor', v: s.v, start, limit, step, body: s.body, line };
    }
    if (this.isChar(',') || this.t === T.In) {
      const names = [n1];
      while (this.testChar(',')) names.push(this.checkName());
      this.check(T.In);
      const exprs = this.exprList();
      this.check(T.Do);
      const s = this.scoped(() => {
        const vars = names.map((n) => this.newLocal(n));
        this.activate(...vars);
        const body = this.loopBlock();
        return { vars, body };
      });
      this.checkMatch(T.End, T.For, line);
      return { k: 'genfor', vars: s.vars, exprs, body: s.body, line };
    }
    this.errorExpected("'=' or 'in'");
  }

  private localStat(line: number): Stat {
    const names: string[] = [];
    do names.push(this.checkName());
    while (this.testChar(','));
    const exprs = this.testChar('=') ? this.exprList() : [];
    const vars = names.map((n) => this.newLocal(n));
    this.activate(...vars);
    return { k: 'local', vars, exprs, line };
  }

  private exprStat(line: number): Stat {
    const e = this.suffixedExp();
    if (e.k === 'call' || e.k === 'method') return { k: 'call', e, line };
    const targets: Expr[] = [e];
    while (this.testChar(',')) targets.push(this.suffixedExp());
    for (const t of targets) {
      if (t.k !== 'local' && t.k !== 'upval' && t.k !== 'global' && t.k !== 'index') this.error('syntax error');
    }
    this.checkChar('=');
    const exprs = this.exprList();
    return { k: 'assign', targets, exprs, line };
  }

  // ---- functions ----

  private body(method: boolean, line: number, name: string): FuncProto {
    const parent = this.fs;
    this.checkChar('(');
    const params: string[] = method ? ['self'] : [];
    let vararg = false;
    if (!this.isChar(')')) {
      do {
        if (this.t === T.Name) params.push(this.checkName());
        else if (this.t === T.Dots) {
          this.lx.next();
          vararg = true;
        } else this.error("<name> or '...' expected");
      } while (!vararg && this.testChar(','));
    }
    const fs = new FuncState(parent, vararg, line);
    this.fs = fs;
    const pvars = params.map((p) => this.newLocal(p));
    this.activate(...pvars);
    const argLocal = vararg ? this.newLocal('arg') : undefined;
    if (argLocal) this.activate(argLocal);
    this.checkChar(')');
    const body = this.statements();
    this.checkMatch(T.End, T.Function, line);
    this.fs = parent;
    return {
      name,
      line,
      chunk: this.chunk,
      params: pvars,
      isVararg: vararg,
      argLocal: argLocal && !fs.usesVararg ? argLocal : undefined,
      body,
      nslots: fs.nslots,
      upvals: fs.upvals,
    };
  }

  // ---- expressions ----

  private exprList(): Expr[] {
    const out = [this.expr()];
    while (this.testChar(',')) out.push(this.expr());
    return out;
  }

  expr(limit = 0): Expr {
    this.enter();
    let left: Expr;
    const line = this.lx.line;
    if (this.t === T.Not) {
      this.lx.next();
      left = { k: 'not', a: this.expr(UNARY_PRIORITY) };
    } else if (this.isChar('-')) {
      this.lx.next();
      const a = this.expr(UNARY_PRIORITY);
      left = a.k === 'num' ? { k: 'num', v: -a.v } : { k: 'neg', a, line };
    } else if (this.isChar('#')) {
      this.lx.next();
      left = { k: 'len', a: this.expr(UNARY_PRIORITY), line };
    } else left = this.simpleExp();
    for (;;) {
      const op = this.binOp();
      if (op === undefined) break;
      const pr = BIN_PRIORITY[op]!;
      if (pr[0] <= limit) break;
      const opLine = this.lx.line;
      this.lx.next();
      const right = this.expr(pr[1]);
      if (op === 'and') left = { k: 'and', a: left, b: right };
      else if (op === 'or') left = { k: 'or', a: left, b: right };
      else left = { k: 'bin', op: op as BinOp, a: left, b: right, line: opLine };
    }
    this.leave();
    return left;
  }

  private binOp(): string | undefined {
    const tok = this.lx.tok;
    switch (tok.t) {
      case T.Char: {
        const c = String.fromCharCode(tok.ch);
        return '+-*/%^<>'.includes(c) ? c : undefined;
      }
      case T.Concat:
        return '..';
      case T.Eq:
        return '==';
      case T.Ne:
        return '~=';
      case T.Le:
        return '<=';
      case T.Ge:
        return '>=';
      case T.And:
        return 'and';
      case T.Or:
        return 'or';
      default:
        return undefined;
    }
  }

  private simpleExp(): Expr {
    const tok = this.lx.tok;
    switch (tok.t) {
      case T.Number:
        this.lx.next();
        return { k: 'num', v: tok.n };
      case T.String:
        this.lx.next();
        return { k: 'str', v: tok.s };
      case T.Nil:
        this.lx.next();
        return { k: 'nil' };
      case T.True:
        this.lx.next();
        return { k: 'true' };
      case T.False:
        this.lx.next();
        return { k: 'false' };
      case T.Dots: {
        if (!this.fs.isVararg) this.error("cannot use '...' outside a vararg function");
        this.fs.usesVararg = true;
        this.lx.next();
        return { k: 'vararg' };
      }
      case T.Function: {
        const line = this.lx.line;
        this.lx.next();
        return { k: 'func', f: this.body(false, line, '?') };
      }
      default:
        if (this.isChar('{')) return this.constructorExp();
        return this.suffixedExp();
    }
  }

  private primaryExp(): Expr {
    if (this.t === T.Name) return this.singleVar(this.checkName());
    if (this.isChar('(')) {
      const line = this.lx.line;
      this.lx.next();
      const e = this.expr();
      this.checkMatch(')', '(', line);
      return { k: 'paren', e };
    }
    this.error('unexpected symbol');
  }

  private suffixedExp(): Expr {
    let e = this.primaryExp();
    for (;;) {
      const line = this.lx.line;
      if (this.isChar('.')) {
        this.lx.next();
        e = { k: 'index', obj: e, key: { k: 'str', v: this.checkName() }, line };
      } else if (this.isChar('[')) {
        this.lx.next();
        const key = this.expr();
        this.checkChar(']');
        e = { k: 'index', obj: e, key, line };
      } else if (this.isChar(':')) {
        this.lx.next();
        const name = this.checkName();
        const args = this.callArgs();
        e = { k: 'method', obj: e, name, args, line };
      } else if (this.isChar('(') || this.t === T.String || this.isChar('{')) {
        const args = this.callArgs();
        e = { k: 'call', fn: e, args, line };
      } else return e;
    }
  }

  private callArgs(): Expr[] {
    const tok = this.lx.tok;
    if (tok.t === T.String) {
      this.lx.next();
      return [{ k: 'str', v: tok.s }];
    }
    if (this.isChar('{')) return [this.constructorExp()];
    if (this.isChar('(')) {
      const line = this.lx.line;
      if (line !== this.lx.lastLine) this.error('ambiguous syntax (function call x new statement)');
      this.lx.next();
      const args = this.isChar(')') ? [] : this.exprList();
      this.checkMatch(')', '(', line);
      return args;
    }
    this.error('function arguments expected');
  }

  private constructorExp(): Expr {
    const line = this.lx.line;
    this.checkChar('{');
    const items: TableItem[] = [];
    while (!this.isChar('}')) {
      if (this.t === T.Name && this.lx.lookahead().t === T.Char && this.lx.lookahead().ch === 61) {
        const key: Expr = { k: 'str', v: this.checkName() };
        this.checkChar('=');
        items.push({ key, v: this.expr() });
      } else if (this.isChar('[')) {
        this.lx.next();
        const key = this.expr();
        this.checkChar(']');
        this.checkChar('=');
        items.push({ key, v: this.expr() });
      } else items.push({ key: undefined, v: this.expr() });
      if (!this.testChar(',') && !this.testChar(';')) break;
    }
    this.checkMatch('}', '{', line);
    return { k: 'table', items, line };
  }
}
