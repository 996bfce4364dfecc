// Lua 5.1 values as JS values: nil is undefined, booleans and numbers (doubles only, as 5.1
// has no integer subtype) are themselves, strings are byte strings (char codes 0–255, as the
// rest of the engine holds them), tables and functions are the classes below.

import type { LuaState } from './state.js';

export type LuaValue = undefined | boolean | number | string | LuaTable | LuaFunction | LuaThread | LuaUserdata;

/** A Lua error in flight: `value` is what error() was given (any Lua value). */
export class LuaError extends Error {
  /** The innermost Lua function running when it was raised, and its line: what Redis's error
   *  handler reads with debug.getinfo for the `script: <sha>, on @user_script:1.` suffix. */
  origin: { chunk: string; line: number } | undefined;
  constructor(readonly value: LuaValue) {
    super(typeof value === 'string' ? value : 'Lua error');
  }
}

/** Native function that never calls back into Lua: runs to completion. */
export type NativeFn = (L: LuaState, args: LuaValue[]) => LuaValue[];
/** Native function that may call Lua (pcall, sort, gsub, tostring...): a generator, so a
 * budget pause inside the Lua it calls suspends the native too. */
export type NativeGen = (L: LuaState, args: LuaValue[]) => Generator<void, LuaValue[], void>;

let nextAddress = 0x55a4c0de1000;
/** A made-up address for `tostring(t)`, unique per object like a pointer would be. */
function newAddress(): number {
  nextAddress += 0x40;
  return nextAddress;
}

/** A light userdata: only Redis's libraries make one, cjson.null (C's NULL pointer, so
 *  `tostring` shows `userdata: (nil)`, glibc's %p of NULL). */
export class LuaUserdata {
  constructor(readonly address: number) {}
}

/** A coroutine; lib-coroutine.ts drives it. */
export class LuaThread {
  readonly address = newAddress();
  status: 'suspended' | 'running' | 'normal' | 'dead' = 'suspended';
  /** its own Lua call stack (frames; typed loosely to keep value.ts free of the compiler) */
  stack: unknown[] = [];
  it: Generator<void, LuaValue[], void> | undefined;
  /** values passed by yield() or resume() across the switch */
  transfer: LuaValue[] | undefined;
  constructor(readonly fn: LuaFunction) {}
}

export class LuaFunction {
  readonly address = newAddress();
  constructor(
    readonly name: string,
    /** Set for Lua closures: the compiled body, its upvalue boxes and environment. */
    readonly lua: LuaClosureBody | undefined,
    readonly native: NativeFn | undefined,
    readonly gen: NativeGen | undefined,
    public env: LuaTable | undefined,
  ) {}
}

/** What a Lua closure carries; the interpreter defines the shape of `proto`. */
export interface LuaClosureBody {
  readonly proto: unknown;
  readonly upvals: Box[];
}

export interface Box {
  v: LuaValue;
}

/**
 * Table with an array part and a hash part sized as Lua 5.1 sizes them (ltable.c's rehash: the
 * array part is the largest power of two more than half full, the hash part a power of two
 * that is rebuilt only when a new key finds it full), so `#t` finds the border Lua finds. The
 * hash keeps insertion order with tombstones, so `next` continues from any key in O(1) and
 * assigning nil during traversal is allowed, as in Lua; iteration order over hash keys is
 * insertion order, not Lua's hash order.
 */
export class LuaTable {
  readonly address = newAddress();
  /** the array part: arr.length is Lua's sizearray, holes are undefined */
  arr: LuaValue[] = [];
  private index = new Map<LuaValue, number>();
  private keys: LuaValue[] = [];
  private vals: LuaValue[] = [];
  /** Lua's node count (0 or a power of two) and nodes taken since the last rehash */
  private hcap = 0;
  private hfill = 0;
  metatable: LuaTable | undefined;
  /** Redis 7.0's patch to Lua: a readonly table refuses every store ("Attempt to modify a
   *  readonly table"); Redis sets it on its library tables and, between scripts, _G */
  readonly = false;

  /** A table built by a constructor: `arr` positional values, room for `nhash` fields. */
  static sized(arr: LuaValue[], nhash: number): LuaTable {
    const t = new LuaTable();
    t.arr = arr;
    t.hcap = nhash === 0 ? 0 : 2 ** Math.ceil(Math.log2(nhash));
    return t;
  }

  get(k: LuaValue): LuaValue {
    if (typeof k === 'number') {
      const a = this.arr;
      if (k >= 1 && k <= a.length && (k | 0) === k) return a[k - 1];
    }
    const i = this.index.get(k);
    return i === undefined ? undefined : this.vals[i];
  }

  getStr(k: string): LuaValue {
    const i = this.index.get(k);
    return i === undefined ? undefined : this.vals[i];
  }

  /** Caller checks the key is neither nil nor NaN. */
  set(k: LuaValue, v: LuaValue): void {
    if (typeof k === 'number' && k >= 1 && k <= this.arr.length && (k | 0) === k) {
      this.arr[k - 1] = v;
      return;
    }
    const i = this.index.get(k);
    if (i !== undefined) {
      this.vals[i] = v;
      return;
    }
    if (v === undefined) return;
    if (this.hfill >= this.hcap) {
      this.rehash(k);
      this.set(k, v);
      return;
    }
    this.hfill++;
    this.index.set(k, this.keys.length);
    this.keys.push(k);
    this.vals.push(v);
  }

  /** ltable.c's rehash: recount integer keys (and the one being added), resize both parts. */
  private rehash(extra: LuaValue): void {
    const nums = new Array<number>(27).fill(0);
    let nint = 0;
    let total = 1;
    const count = (k: LuaValue): void => {
      if (typeof k === 'number' && k >= 1 && k <= 2 ** 26 && (k | 0) === k) {
        nums[k === 1 ? 0 : 32 - Math.clz32(k - 1)]!++;
        nint++;
      }
    };
    for (let i = 0; i < this.arr.length; i++) if (this.arr[i] !== undefined) count(i + 1);
    for (let i = 0; i < this.keys.length; i++) {
      if (this.vals[i] === undefined) continue;
      total++;
      count(this.keys[i]);
    }
    for (let i = 0; i < this.arr.length; i++) if (this.arr[i] !== undefined) total++;
    count(extra);
    // computesizes
    let a = 0;
    let na = 0;
    let n = 0;
    for (let i = 0, two = 1; two / 2 < nint; i++, two *= 2) {
      if (nums[i]! > 0) {
        a += nums[i]!;
        if (a > two / 2) {
          n = two;
          na = a;
        }
      }
      if (a === nint) break;
    }
    const oldArr = this.arr;
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.arr = oldArr.slice(0, n);
    while (this.arr.length < n) this.arr.push(undefined);
    this.index = new Map();
    this.keys = [];
    this.vals = [];
    const nh = total - na;
    this.hcap = nh <= 0 ? 0 : 2 ** Math.ceil(Math.log2(nh));
    this.hfill = 0;
    for (let i = n; i < oldArr.length; i++) if (oldArr[i] !== undefined) this.set(i + 1, oldArr[i]);
    for (let i = 0; i < oldKeys.length; i++) if (oldVals[i] !== undefined) this.set(oldKeys[i], oldVals[i]);
  }

  /** `#t` as luaH_getn finds a border: binary search in the array part, else probe the hash. */
  length(): number {
    const a = this.arr;
    let j = a.length;
    if (j > 0 && a[j - 1] === undefined) {
      let i = 0;
      while (j - i > 1) {
        const m = (i + j) >>> 1;
        if (a[m - 1] === undefined) j = m;
        else i = m;
      }
      return i;
    }
    if (this.hfill === 0) return j;
    // unbound search, as Lua's: double until a nil, then binary search back
    let i = j;
    j++;
    while (this.get(j) !== undefined) {
      i = j;
      if (j > 2 ** 52) {
        let k = 1;
        while (this.get(k) !== undefined) k++;
        return k - 1;
      }
      j *= 2;
    }
    while (j - i > 1) {
      const m = Math.floor((i + j) / 2);
      if (this.get(m) === undefined) j = m;
      else i = m;
    }
    return i;
  }

  /** The entry after `k` (undefined: the first), or undefined at the end; null: `k` not found. */
  next(k: LuaValue): [LuaValue, LuaValue] | undefined | null {
    const a = this.arr;
    let start = 0;
    if (k !== undefined) {
      if (typeof k === 'number' && k >= 1 && k <= a.length && (k | 0) === k) start = k;
      else {
        const i = this.index.get(k);
        if (i === undefined) return null;
        return this.nextHash(i + 1);
      }
    }
    for (let i = start; i < a.length; i++) if (a[i] !== undefined) return [i + 1, a[i]];
    return this.nextHash(0);
  }

  private nextHash(from: number): [LuaValue, LuaValue] | undefined {
    for (let i = from; i < this.keys.length; i++) {
      const v = this.vals[i];
      if (v !== undefined) return [this.keys[i], v];
    }
    return undefined;
  }

  /** Largest positive numeric key (table.maxn). */
  maxn(): number {
    let m = 0;
    for (let i = this.arr.length; i > 0; i--)
      if (this.arr[i - 1] !== undefined) {
        m = i;
        break;
      }
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i];
      if (typeof k === 'number' && this.vals[i] !== undefined && k > m) m = k;
    }
    return m;
  }
}

export function typeName(v: LuaValue): string {
  switch (typeof v) {
    case 'undefined':
      return 'nil';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return v instanceof LuaTable ? 'table' : v instanceof LuaFunction ? 'function' : v instanceof LuaUserdata ? 'userdata' : 'thread';
  }
}

// ---- numbers and strings -------------------------------------------------------------------

/** Exact decimal digits of a finite |x| > 0: value = 0.DIGITS × 10^exp10. */
function exactDecimal(x: number): { digits: string; exp10: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (bexp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = bexp - 1075;
  }
  let digits: string;
  let exp10: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    exp10 = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    exp10 = digits.length + e2; // value = digits × 10^e2
  }
  digits = digits.replace(/0+$/, '');
  return { digits, exp10 };
}

/** Rounds the exact digits to `keep` digits, half to even as glibc does on exact ties. */
function roundDigits(digits: string, exp10: number, keep: number): { digits: string; exp10: number } {
  if (keep < 0) return { digits: '', exp10 };
  if (digits.length <= keep) return { digits, exp10 };
  const head = digits.slice(0, keep);
  const next = digits.charCodeAt(keep) - 48;
  const tailNonZero = /[1-9]/.test(digits.slice(keep + 1));
  const lastOdd = keep > 0 && (head.charCodeAt(keep - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && (tailNonZero || lastOdd));
  if (!up) return { digits: head, exp10 };
  // increment the head
  const arr = head.split('');
  let i = arr.length - 1;
  while (i >= 0) {
    if (arr[i] === '9') {
      arr[i] = '0';
      i--;
    } else {
      arr[i] = String.fromCharCode(arr[i]!.charCodeAt(0) + 1);
      break;
    }
  }
  if (i < 0) return { digits: '1', exp10: exp10 + 1 }; // 99.9 → 100: the zeros are implied
  return { digits: arr.join(''), exp10 };
}

function specialNumber(x: number): string | undefined {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

/** printf's %e body (no sign): d.ddde+XX with `prec` decimals. */
export function formatE(x: number, prec: number, upper = false): string {
  const sp = specialNumber(x);
  if (sp !== undefined) return upper ? sp.toUpperCase() : sp;
  let digits = '0';
  let e = 0;
  if (x !== 0) {
    const d = exactDecimal(x);
    const r = roundDigits(d.digits, d.exp10, prec + 1);
    digits = r.digits;
    e = r.exp10 - 1;
  }
  digits = digits.padEnd(prec + 1, '0');
  const mant = prec > 0 ? digits[0] + '.' + digits.slice(1) : digits[0]!;
  const es = (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0');
  const s = (Math.sign(x) < 0 || Object.is(x, -0) ? '-' : '') + mant + (upper ? 'E' : 'e') + es;
  return s;
}

/** printf's %f. */
export function formatF(x: number, prec: number): string {
  const sp = specialNumber(x);
  if (sp !== undefined) return sp;
  const neg = x < 0 || Object.is(x, -0);
  let intPart = '0';
  let frac = ''.padEnd(prec, '0');
  if (x !== 0) {
    const d = exactDecimal(x);
    const r = roundDigits(d.digits, d.exp10, d.exp10 + prec);
    // r.digits × 10^(r.exp10 - len)
    const all = r.digits.padEnd(Math.max(r.exp10 + prec, 0), '0');
    if (r.exp10 <= 0) {
      intPart = '0';
      frac = ('0'.repeat(-r.exp10) + all).slice(0, prec).padEnd(prec, '0');
    } else {
      intPart = all.slice(0, r.exp10) || '0';
      frac = all.slice(r.exp10, r.exp10 + prec).padEnd(prec, '0');
    }
  }
  return (neg ? '-' : '') + intPart + (prec > 0 ? '.' + frac : '');
}

/** printf's %g with `prec` significant digits (alt: keep trailing zeros, the # flag). */
export function formatG(x: number, prec: number, upper = false, alt = false): string {
  const sp = specialNumber(x);
  if (sp !== undefined) return upper ? sp.toUpperCase() : sp;
  if (prec === 0) prec = 1;
  if (x === 0) {
    const z = alt ? '0.' + '0'.repeat(prec - 1) : '0';
    return (Object.is(x, -0) ? '-' : '') + z;
  }
  const d = exactDecimal(x);
  const r = roundDigits(d.digits, d.exp10, prec);
  const e = r.exp10 - 1;
  let out: string;
  if (e < -4 || e >= prec) {
    let mant = r.digits.padEnd(prec, '0');
    mant = mant.length > 1 ? mant[0] + '.' + mant.slice(1) : mant;
    if (!alt && mant.includes('.')) mant = mant.replace(/\.?0+$/, '');
    out = mant + (upper ? 'E' : 'e') + (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0');
  } else {
    out = formatF(Math.abs(x), prec - 1 - e);
    if (!alt && out.includes('.')) out = out.replace(/\.?0+$/, '');
  }
  return (x < 0 ? '-' : '') + out;
}

/** Number to string as Lua 5.1 does it (LUAI_NUMFFORMAT "%.14g"). */
/** C's pow, which Lua's `^` and math.pow call: 1 to any power, and -1 to ±infinity, are 1 (JS says NaN). */
export function cPow(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  return Math.pow(x, y);
}

export function numberToString(x: number): string {
  if ((x | 0) === x) return x === 0 && 1 / x < 0 ? '-0' : String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e14) return String(x);
  // x86's 0/0 is the negative NaN, which glibc prints "-nan"; JS keeps no NaN sign to tell
  if (x !== x) return '-nan';
  return formatG(x, 14);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** strtod as glibc reads it: the number parsed and where it stopped (0: nothing read). */
export function strtod(s: string, i: number): [number, number] {
  const start = i;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  const rest = s.slice(i, i + 8).toLowerCase();
  if (rest.startsWith('inf')) {
    const n = rest.startsWith('infinity') ? 8 : 3;
    return [neg ? -Infinity : Infinity, i + n];
  }
  if (rest.startsWith('nan')) {
    let j = i + 3;
    if (s[j] === '(') {
      const close = s.indexOf(')', j);
      if (close > 0 && /^[0-9a-zA-Z_]*$/.test(s.slice(j + 1, close))) j = close + 1;
    }
    return [NaN, j];
  }
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    let j = i + 2;
    let v = 0;
    let any = false;
    while (j < s.length && /[0-9a-fA-F]/.test(s[j]!)) {
      v = v * 16 + parseInt(s[j]!, 16);
      j++;
      any = true;
    }
    if (s[j] === '.') {
      j++;
      let scale = 1 / 16;
      while (j < s.length && /[0-9a-fA-F]/.test(s[j]!)) {
        v += parseInt(s[j]!, 16) * scale;
        scale /= 16;
        j++;
        any = true;
      }
    }
    if (!any) return [0, i + 1]; // "0x" reads as 0, stopping at the x
    if (s[j] === 'p' || s[j] === 'P') {
      const m = /^[pP]([+-]?\d+)/.exec(s.slice(j));
      if (m) {
        v *= 2 ** Number(m[1]);
        j += m[0].length;
      }
    }
    return [neg ? -v : v, j];
  }
  const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s.slice(i));
  if (!m) return [0, start];
  return [Number((neg ? '-' : '') + m[0]), i + m[0].length];
}

/** luaO_str2d: the whole string (spaces around allowed) as a number, or undefined. */
export function str2number(s: string): number | undefined {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  const [v, end] = strtod(s, i);
  if (end === i) return undefined;
  let j = end;
  if (s[j] === 'x' || s[j] === 'X') {
    // strtoul(s, 16) over the same start, as 5.1 does for "0x..." glibc left unread
    const r = strtoul(s, i, 16);
    if (r === undefined) return undefined;
    j = r[1];
    while (j < s.length && isSpace(s.charCodeAt(j))) j++;
    return j === s.length ? r[0] : undefined;
  }
  while (j < s.length && isSpace(s.charCodeAt(j))) j++;
  return j === s.length ? v : undefined;
}

/** strtoul: value (wrapped to 64 bits as C does for "-1") and end, or undefined if none read. */
export function strtoul(s: string, i: number, base: number): [number, number] | undefined {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  if (base === 16 && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && digitVal(s.charCodeAt(i + 2)) < 16) i += 2;
  let v = 0n;
  const start = i;
  const b = BigInt(base);
  while (i < s.length) {
    const d = digitVal(s.charCodeAt(i));
    if (d >= base) break;
    v = v * b + BigInt(d);
    i++;
  }
  if (i === start) return undefined;
  if (v > 0xffffffffffffffffn) v = 0xffffffffffffffffn;
  if (neg) v = BigInt.asUintN(64, -v);
  return [Number(v), i];
}

function digitVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return 99;
}

/** Number coercion for arithmetic: numbers, and strings that read as numbers. */
export function toNumber(v: LuaValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return str2number(v);
  return undefined;
}

/** Strings and numbers as error messages show them (numbers by %.14g). */
export function rawToStringValue(v: string | number): string {
  return typeof v === 'string' ? v : numberToString(v);
}
