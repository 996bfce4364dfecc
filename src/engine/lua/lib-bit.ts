// `bit`, LuaBitOp as Redis 7.0 bundles it (deps/lua/src/lua_bit.c): 32-bit operations on
// doubles. Arguments are normalised as the C does: add 2^52+2^51 and keep the low 32 bits of
// the double's pattern (so 2^32+5 is 5 and 1.5 rounds to even), results are signed int32.

import { Args } from './args.js';
import type { LuaState } from './state.js';
import { LuaTable, toNumber, type LuaValue } from './value.js';

/** barg: the argument's low 32 bits after the 2^52+2^51 trick; non-numbers are refused. */
function barg(a: Args, i: number, scratch: DataView): number {
  const n = toNumber(a.a[i]);
  if (n === undefined) throw a.L.typeError(i + 1, a.fname, 'number', a.a[i], a.has(i));
  scratch.setFloat64(0, n + 6755399441055744.0, true);
  return scratch.getUint32(0, true);
}

export function openBit(L: LuaState): void {
  const t = new LuaTable();
  const scratch = new DataView(new ArrayBuffer(8));
  const def = (name: string, fn: (a: Args, arg: (i: number) => number) => number): void => {
    t.set(
      name,
      L.native(name, (L2, args): LuaValue[] => {
        const a = new Args(L2, args, name);
        return [fn(a, (i) => barg(a, i, scratch)) | 0];
      }),
    );
  };
  def('tobit', (_a, arg) => arg(0));
  def('bnot', (_a, arg) => ~arg(0));
  const fold = (op: (x: number, y: number) => number) => (a: Args, arg: (i: number) => number) => {
    let b = arg(0);
    // the C walks from the last argument down to the second
    for (let i = a.a.length - 1; i > 0; i--) b = op(b, arg(i));
    return b;
  };
  def(
    'band',
    fold((x, y) => x & y),
  );
  def(
    'bor',
    fold((x, y) => x | y),
  );
  def(
    'bxor',
    fold((x, y) => x ^ y),
  );
  const shift = (op: (b: number, n: number) => number) => (_a: Args, arg: (i: number) => number) => {
    const b = arg(0);
    return op(b, arg(1) & 31);
  };
  def(
    'lshift',
    shift((b, n) => b << n),
  );
  def(
    'rshift',
    shift((b, n) => b >>> n),
  );
  def(
    'arshift',
    shift((b, n) => b >> n),
  );
  // C's b >> 32 is b on x86 (the count is taken mod 32), so a rotate by 0 ORs b with itself
  def(
    'rol',
    shift((b, n) => (b << n) | (b >>> ((32 - n) & 31))),
  );
  def(
    'ror',
    shift((b, n) => (b << ((32 - n) & 31)) | (b >>> n)),
  );
  def('bswap', (_a, arg) => {
    const b = arg(0);
    return (b >>> 24) | ((b >>> 8) & 0xff00) | ((b & 0xff00) << 8) | (b << 24);
  });
  t.set(
    'tohex',
    L.native('tohex', (L2, args) => {
      const a = new Args(L2, args, 'tohex');
      let b = barg(a, 0, scratch);
      let n = a.has(1) ? barg(a, 1, scratch) | 0 : 8;
      let digits = '0123456789abcdef';
      if (n < 0) {
        n = -n;
        digits = '0123456789ABCDEF';
      }
      if (n > 8) n = 8;
      let s = '';
      for (let i = 0; i < n; i++) {
        s = digits[b & 15]! + s;
        b >>>= 4;
      }
      return [s];
    }),
  );
  L.globals.set('bit', t);
}
