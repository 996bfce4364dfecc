// Argument readers for natives, with lauxlib's messages ("bad argument #1 to 'rep' (number
// expected, got no value)").

import { rawToString, type LuaState } from './state.js';
import { LuaFunction, LuaTable, toNumber, type LuaValue } from './value.js';

/** Argument readers with lauxlib's messages. */
export class Args {
  constructor(
    readonly L: LuaState,
    readonly a: LuaValue[],
    readonly fname: string,
  ) {}

  has(i: number): boolean {
    return i < this.a.length;
  }

  any(i: number): LuaValue {
    if (i >= this.a.length) throw this.L.argError(i + 1, this.fname, 'value expected');
    return this.a[i];
  }

  num(i: number): number {
    const v = this.a[i];
    const n = toNumber(v);
    if (n === undefined) throw this.L.typeError(i + 1, this.fname, 'number', v, this.has(i));
    return n;
  }

  optNum(i: number, d: number): number {
    return this.a[i] === undefined ? d : this.num(i);
  }

  /** luaL_checkint: the number truncated toward zero. */
  int(i: number): number {
    const n = this.num(i);
    return n !== n ? 0 : Math.trunc(n);
  }

  optInt(i: number, d: number): number {
    return this.a[i] === undefined ? d : this.int(i);
  }

  str(i: number): string {
    const v = this.a[i];
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return rawToString(v);
    throw this.L.typeError(i + 1, this.fname, 'string', v, this.has(i));
  }

  optStr(i: number, d: string): string {
    return this.a[i] === undefined ? d : this.str(i);
  }

  table(i: number): LuaTable {
    const v = this.a[i];
    if (v instanceof LuaTable) return v;
    throw this.L.typeError(i + 1, this.fname, 'table', v, this.has(i));
  }

  func(i: number): LuaFunction {
    const v = this.a[i];
    if (v instanceof LuaFunction) return v;
    throw this.L.typeError(i + 1, this.fname, 'function', v, this.has(i));
  }
}
