// `cmsgpack`, lua-cmsgpack 0.4.0 as Redis 7.0 bundles it (deps/lua/src/lua_cmsgpack.c):
// doubles that are whole int64 values pack as the smallest integer, others as float when a
// float holds them exactly, else double; a table is an array when its keys are exactly 1..n.
// Maps list keys in `next` order, which here is insertion order (Lua's is its hash order).

import { Args } from './args.js';
import type { LuaState } from './state.js';
import { LuaError, LuaTable, type LuaValue } from './value.js';

const MAX_NESTING = 16;
/** LUAI_MAXCSTACK: the C function's stack cannot grow past this many slots */
const MAXCSTACK = 8000;

function be(v: bigint, bytes: number): string {
  let s = '';
  for (let i = bytes - 1; i >= 0; i--) s += String.fromCharCode(Number((v >> BigInt(8 * i)) & 0xffn));
  return s;
}

function encodeInt(n: bigint): string {
  const f = String.fromCharCode;
  if (n >= 0n) {
    if (n <= 127n) return f(Number(n));
    if (n <= 0xffn) return '\xcc' + be(n, 1);
    if (n <= 0xffffn) return '\xcd' + be(n, 2);
    if (n <= 0xffffffffn) return '\xce' + be(n, 4);
    return '\xcf' + be(n, 8);
  }
  if (n >= -32n) return f(Number(n) & 0xff);
  if (n >= -128n) return '\xd0' + be(n, 1);
  if (n >= -32768n) return '\xd1' + be(n, 2);
  if (n >= -2147483648n) return '\xd2' + be(n, 4);
  return '\xd3' + be(n, 8);
}

function encodeNumber(d: number, scratch: DataView): string {
  if (Number.isFinite(d) && Math.trunc(d) === d && d >= -(2 ** 63) && d < 2 ** 63) return encodeInt(BigInt(d));
  let s = '';
  if (Math.fround(d) === d) {
    scratch.setFloat32(0, d);
    for (let i = 0; i < 4; i++) s += String.fromCharCode(scratch.getUint8(i));
    return '\xca' + s;
  }
  // x86's default NaN is negative (0/0 is 0xfff8...); JS keeps no sign, so every NaN packs so
  if (d !== d) return '\xcb\xff\xf8\0\0\0\0\0\0';
  scratch.setFloat64(0, d);
  for (let i = 0; i < 8; i++) s += String.fromCharCode(scratch.getUint8(i));
  return '\xcb' + s;
}

function header(n: number, fix: number, b16: string, b32: string, fixMax: number): string {
  if (n <= fixMax) return String.fromCharCode(fix | n);
  if (n <= 0xffff) return b16 + be(BigInt(n), 2);
  return b32 + be(BigInt(n), 4);
}

function isArray(t: LuaTable): boolean {
  let count = 0;
  let max = 0;
  for (let e = t.next(undefined); e; e = t.next(e[0])) {
    const k = e[0];
    // (int)n == n: whole and within int
    if (typeof k !== 'number' || k <= 0 || !(Math.trunc(k) === k && k < 2 ** 31)) return false;
    if (k > max) max = k;
    count++;
  }
  return max === count;
}

function encode(v: LuaValue, level: number, scratch: DataView): string {
  if (v instanceof LuaTable && level === MAX_NESTING) v = undefined;
  if (typeof v === 'string') return strHeader(v.length) + v;
  if (typeof v === 'boolean') return v ? '\xc3' : '\xc2';
  if (typeof v === 'number') return encodeNumber(v, scratch);
  if (v instanceof LuaTable) {
    if (isArray(v)) {
      const n = v.length();
      let s = header(n, 0x90, '\xdc', '\xdd', 15);
      for (let i = 1; i <= n; i++) s += encode(v.get(i), level + 1, scratch);
      return s;
    }
    let n = 0;
    let body = '';
    for (let e = v.next(undefined); e; e = v.next(e[0])) {
      n++;
      body += encode(e[0], level + 1, scratch) + encode(e[1], level + 1, scratch);
    }
    return header(n, 0x80, '\xde', '\xdf', 15) + body;
  }
  return '\xc0';
}

function strHeader(len: number): string {
  if (len < 32) return String.fromCharCode(0xa0 | len);
  if (len <= 0xff) return '\xd9' + String.fromCharCode(len);
  if (len <= 0xffff) return '\xda' + be(BigInt(len), 2);
  return '\xdb' + be(BigInt(len), 4);
}

class Eof extends Error {}
class BadFmt extends Error {}

function decodeAll(L: LuaState, s: string, offset: number, limit: number, decodeAllMode: boolean, scratch: DataView): LuaValue[] {
  let p = offset;
  const out: LuaValue[] = [];
  const need = (n: number): void => {
    if (s.length - p < n) throw new Eof();
  };
  const byte = (i: number): number => s.charCodeAt(p + i);
  const uint = (from: number, n: number): bigint => {
    let v = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(byte(from + i));
    return v;
  };
  const str = (skip: number, len: number): string => {
    need(skip + len);
    const r = s.slice(p + skip, p + skip + len);
    p += skip + len;
    return r;
  };
  // `height`: the C function's stack slots in use (its argument, results, open containers)
  const one = (height: number): LuaValue => {
    need(1);
    if (height + 1 > MAXCSTACK) throw L.error('stack overflow (too many return values at once; use unpack_one or unpack_limit instead.)');
    const c = byte(0);
    const fixed = (n: number, v: LuaValue): LuaValue => {
      need(n);
      p += n;
      return v;
    };
    switch (c) {
      case 0xcc:
        need(2);
        return fixed(2, byte(1));
      case 0xd0:
        need(2);
        return fixed(2, (byte(1) << 24) >> 24);
      case 0xcd:
        need(3);
        return fixed(3, Number(uint(1, 2)));
      case 0xd1:
        need(3);
        return fixed(3, Number(BigInt.asIntN(16, uint(1, 2))));
      case 0xce:
        need(5);
        return fixed(5, Number(uint(1, 4)));
      case 0xd2:
        need(5);
        return fixed(5, Number(BigInt.asIntN(32, uint(1, 4))));
      case 0xcf: // lua_pushinteger of a uint64: past 2^63 it reads as negative
      case 0xd3:
        need(9);
        return fixed(9, Number(BigInt.asIntN(64, uint(1, 8))));
      case 0xc0:
        p++;
        return undefined;
      case 0xc3:
        p++;
        return true;
      case 0xc2:
        p++;
        return false;
      case 0xca:
      case 0xcb: {
        const n = c === 0xca ? 4 : 8;
        need(1 + n);
        for (let i = 0; i < n; i++) scratch.setUint8(i, byte(1 + i));
        const v = n === 4 ? scratch.getFloat32(0) : scratch.getFloat64(0);
        p += 1 + n;
        return v;
      }
      case 0xd9:
        need(2);
        return str(2, byte(1));
      case 0xda:
        need(3);
        return str(3, Number(uint(1, 2)));
      case 0xdb: {
        need(5);
        const len = Number(uint(1, 4));
        p += 5;
        return str(0, len);
      }
      case 0xdc:
      case 0xdd:
      case 0xde:
      case 0xdf: {
        const n = c === 0xdc || c === 0xde ? 2 : 4;
        need(1 + n);
        const len = Number(uint(1, n));
        p += 1 + n;
        return c <= 0xdd ? array(len, height) : map(len, height);
      }
    }
    if ((c & 0x80) === 0) {
      p++;
      return c;
    }
    if ((c & 0xe0) === 0xe0) {
      p++;
      return c - 256;
    }
    if ((c & 0xe0) === 0xa0) return str(1, c & 0x1f);
    if ((c & 0xf0) === 0x90) {
      p++;
      return array(c & 0xf, height);
    }
    if ((c & 0xf0) === 0x80) {
      p++;
      return map(c & 0xf, height);
    }
    throw new BadFmt();
  };
  const array = (len: number, height: number): LuaTable => {
    const t = new LuaTable();
    for (let i = 1; i <= len; i++) {
      const v = one(height + 2);
      if (v !== undefined) t.set(i, v);
    }
    return t;
  };
  const map = (len: number, height: number): LuaTable => {
    const t = new LuaTable();
    for (let i = 0; i < len; i++) {
      const k = one(height + 1);
      const v = one(height + 2);
      // lua_settable's own errors, raised inside the C function: no position
      if (k === undefined) throw new LuaError('table index is nil');
      if (typeof k === 'number' && k !== k) throw new LuaError('table index is NaN');
      t.set(k, v);
    }
    return t;
  };
  try {
    for (let cnt = 0; p < s.length && cnt < limit; cnt++) out.push(one(1 + out.length));
  } catch (e) {
    if (e instanceof Eof) throw L.error('Missing bytes in input.');
    if (e instanceof BadFmt) throw L.error('Bad data format in input.');
    throw e;
  }
  if (!decodeAllMode) out.unshift(p >= s.length ? -1 : p);
  return out;
}

function cInt64(n: number): number {
  if (n !== n || n >= 2 ** 63 || n < -(2 ** 63)) return -(2 ** 63);
  return Math.trunc(n);
}

export function openCmsgpack(L: LuaState): void {
  const t = new LuaTable();
  const scratch = new DataView(new ArrayBuffer(8));
  const def = (name: string, fn: (a: Args) => LuaValue[]): void =>
    t.set(
      name,
      L.native(name, (L2, args) => fn(new Args(L2, args, name))),
    );
  def('pack', (a) => {
    if (a.a.length === 0) throw a.L.argError(0, a.fname, 'MessagePack pack needs input.');
    return [a.a.map((v) => encode(v, 0, scratch)).join('')];
  });
  const full = (a: Args, limit: number, offset: number): LuaValue[] => {
    const s = a.str(0);
    const all = limit === 0 && offset === 0;
    // the C prints the input's length where it means the limit
    if (offset < 0 || limit < 0) throw a.L.error(`Invalid request to unpack with offset of ${offset | 0} and limit of ${s.length}.`);
    if (offset > s.length) throw a.L.error(`Start offset ${offset | 0} greater than input length ${s.length}.`);
    return decodeAll(a.L, s, offset, all ? 2147483647 : limit, all, scratch);
  };
  const optInt = (a: Args, i: number): number => (a.a[i] === undefined ? 0 : cInt64(a.num(i)));
  def('unpack', (a) => full(a, 0, 0));
  def('unpack_one', (a) => {
    const offset = optInt(a, 1);
    return full(new Args(a.L, a.a.slice(0, 1), a.fname), 1, offset);
  });
  def('unpack_limit', (a) => {
    const limit = cInt64(a.num(1));
    const offset = optInt(a, 2);
    return full(new Args(a.L, a.a.slice(0, 1), a.fname), limit, offset);
  });
  t.set('_NAME', 'cmsgpack');
  t.set('_VERSION', 'lua-cmsgpack 0.4.0');
  t.set('_COPYRIGHT', 'Copyright (C) 2012, Salvatore Sanfilippo');
  t.set('_DESCRIPTION', 'MessagePack C implementation for Lua');
  L.globals.set('cmsgpack', t);
}
