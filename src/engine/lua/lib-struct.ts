// `struct`, Roberto Ierusalimschy's library as Redis 7.0 bundles it (deps/lua/src/lua_struct.c),
// for x86-64 Linux: native little endian, short 2, int 4, long and size_t 8, default maximum
// alignment 8. Integers go through a 64-bit C `long`, so wider `iN` fields get zero high bytes.

import { Args } from './args.js';
import type { LuaState } from './state.js';
import { LuaTable, toNumber, type LuaValue } from './value.js';

const MAXINTSIZE = 32;
const MAXALIGN = 8;

interface Header {
  little: boolean;
  align: number;
}

/** The format as a C string (it ends at the first NUL) with a read position. */
class Fmt {
  i = 0;
  constructor(readonly s: string) {}
  more(): boolean {
    return this.i < this.s.length && this.s.charCodeAt(this.i) !== 0;
  }
  next(): string {
    return this.s[this.i++]!;
  }
  digit(): boolean {
    const c = this.s.charCodeAt(this.i);
    return c >= 48 && c <= 57;
  }
}

function getnum(L: LuaState, f: Fmt, df: number): number {
  if (!f.digit()) return df;
  let a = 0;
  do {
    const d = f.s.charCodeAt(f.i) - 48;
    if (a > Math.floor(2147483647 / 10) || a * 10 > 2147483647 - d) throw L.error('integral size overflow');
    a = a * 10 + d;
    f.i++;
  } while (f.digit());
  return a;
}

function optsize(L: LuaState, opt: string, f: Fmt): number {
  switch (opt) {
    case 'B':
    case 'b':
    case 'x':
      return 1;
    case 'H':
    case 'h':
      return 2;
    case 'L':
    case 'l':
    case 'T':
    case 'd':
      return 8;
    case 'f':
      return 4;
    case 'c':
      return getnum(L, f, 1);
    case 'i':
    case 'I': {
      const sz = getnum(L, f, 4);
      if (sz > MAXINTSIZE) throw L.error(`integral size ${sz} is larger than limit of ${MAXINTSIZE}`);
      return sz;
    }
    default:
      return 0;
  }
}

function gettoalign(len: number, h: Header, opt: string, size: number): number {
  if (size === 0 || opt === 'c') return 0;
  if (size > h.align) size = h.align;
  return (size - (len & (size - 1))) & (size - 1);
}

function controloptions(a: Args, opt: string, f: Fmt, h: Header): void {
  switch (opt) {
    case ' ':
      return;
    case '>':
      h.little = false;
      return;
    case '<':
      h.little = true;
      return;
    case '!': {
      const n = getnum(a.L, f, MAXALIGN);
      if (!(n > 0 && (n & (n - 1)) === 0)) throw a.L.error(`alignment ${n} is not a power of 2`);
      h.align = n;
      return;
    }
    default:
      throw a.L.argError(1, a.fname, `invalid format option '${opt}'`);
  }
}

/** C's conversion of a double to a 64-bit integer as x86-64 does it (out of range: 2^63). */
function toInt64(n: number): bigint {
  if (n !== n || n >= 2 ** 63 || n < -(2 ** 63)) return -(2n ** 63n);
  return BigInt(Math.trunc(n));
}

/** (unsigned long)n as gcc compiles it on x86-64: below 2^63 a signed conversion, else 2^63 off. */
function toUint64(n: number): bigint {
  if (!(n >= 2 ** 63)) return BigInt.asUintN(64, toInt64(n));
  return BigInt.asUintN(64, toInt64(n - 2 ** 63) ^ -(2n ** 63n));
}

function checknumber(a: Args, i: number): number {
  const n = toNumber(a.a[i]);
  if (n === undefined) throw a.L.typeError(i + 1, a.fname, 'number', a.a[i], a.has(i));
  return n;
}

function bytesOf(view: DataView, size: number, little: boolean): string {
  let s = '';
  for (let i = 0; i < size; i++) s += String.fromCharCode(view.getUint8(little ? i : size - 1 - i));
  return s;
}

/** The integer formats: b h l T i, upper case unsigned (T is size_t). */
const INTEGER_CODES = new Set(['b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I']);

/** An integer as `size` bytes; a negative one in two's complement, as the C's (lua_Number) cast. */
function packInteger(n: number, size: number, little: boolean): string {
  let v = n < 0 ? BigInt.asUintN(64, toInt64(n)) : toUint64(n);
  const bytes: string[] = [];
  for (let i = 0; i < size; i++) {
    bytes.push(String.fromCharCode(Number(v & 0xffn)));
    v >>= 8n;
  }
  return (little ? bytes : bytes.reverse()).join('');
}

/** `size` bytes at `pos` as an integer, sign-extended when `signed`. */
function unpackInteger(data: string, pos: number, size: number, little: boolean, signed: boolean): number {
  let l = 0n;
  for (let i = 0; i < size; i++) {
    const byte = data.charCodeAt(little ? pos + size - 1 - i : pos + i);
    l = BigInt.asUintN(64, (l << 8n) | BigInt(byte));
  }
  if (!signed) return Number(l);
  const mask = BigInt.asUintN(64, ~0n << BigInt((size * 8 - 1) & 63));
  if (l & mask) l |= mask;
  return Number(BigInt.asIntN(64, l));
}

function pack(a0: Args, scratch: DataView): string {
  const f = new Fmt(a0.str(0));
  // the C pushes a nil after the arguments, so a missing one reads "got nil"
  const a = new Args(a0.L, [...a0.a, undefined], a0.fname);
  const h: Header = { little: true, align: 1 };
  let arg = 1;
  let out = '';
  let total = 0;
  while (f.more()) {
    const opt = f.next();
    let size = optsize(a.L, opt, f);
    const toalign = gettoalign(total, h, opt, size);
    total += toalign;
    out += '\0'.repeat(toalign);
    switch (opt) {
      case 'x':
        out += '\0';
        break;
      case 'f':
        scratch.setFloat32(0, checknumber(a, arg++), true);
        out += bytesOf(scratch, 4, h.little);
        break;
      case 'd':
        scratch.setFloat64(0, checknumber(a, arg++), true);
        out += bytesOf(scratch, 8, h.little);
        break;
      case 'c':
      case 's': {
        const s = a.str(arg++);
        if (size === 0) size = s.length;
        // the C checks after moving to the next argument, so it names that one
        if (s.length < size) throw a.L.argError(arg + 1, a.fname, 'string too short');
        out += s.slice(0, size);
        if (opt === 's') {
          out += '\0';
          size++;
        }
        break;
      }
      default:
        if (INTEGER_CODES.has(opt)) out += packInteger(checknumber(a, arg++), size, h.little);
        else controloptions(a, opt, f, h);
    }
    total += size;
  }
  return out;
}

function unpack(a: Args, scratch: DataView): LuaValue[] {
  const f = new Fmt(a.str(0));
  const data = a.str(1);
  const ld = data.length;
  const start = a.has(2) && a.a[2] !== undefined ? Number(toInt64(checknumber(a, 2))) : 1;
  if (start === 0) throw a.L.argError(3, a.fname, 'offset must be 1 or greater');
  // a negative offset is a huge size_t in the C: every field is then past the end
  let pos = start < 0 ? Infinity : start - 1;
  const h: Header = { little: true, align: 1 };
  const res: LuaValue[] = [];
  const tooShort = (size: number): boolean => !(size <= ld && pos <= ld - size);
  while (f.more()) {
    const opt = f.next();
    let size = optsize(a.L, opt, f);
    pos += gettoalign(pos, h, opt, size);
    if (tooShort(size)) throw a.L.argError(2, a.fname, 'data string too short');
    switch (opt) {
      case 'x':
        break;
      case 'f':
      case 'd':
        for (let i = 0; i < size; i++) scratch.setUint8(h.little ? i : size - 1 - i, data.charCodeAt(pos + i));
        res.push(opt === 'f' ? scratch.getFloat32(0, true) : scratch.getFloat64(0, true));
        break;
      case 'c': {
        if (size === 0) {
          const prev = res.length === 0 ? undefined : toNumber(res[res.length - 1]);
          if (prev === undefined) throw a.L.error("format 'c0' needs a previous size");
          size = Number(toUint64(prev));
          res.pop();
          if (tooShort(size)) throw a.L.argError(2, a.fname, 'data string too short');
        }
        res.push(data.slice(pos, pos + size));
        break;
      }
      case 's': {
        const e = data.indexOf('\0', pos);
        if (e < 0) throw a.L.error('unfinished string in data');
        size = e - pos + 1;
        res.push(data.slice(pos, e));
        break;
      }
      default:
        if (INTEGER_CODES.has(opt)) res.push(unpackInteger(data, pos, size, h.little, opt >= 'a'));
        else controloptions(a, opt, f, h);
    }
    pos += size;
  }
  res.push(pos === Infinity ? start : pos + 1);
  return res;
}

function size(a: Args): number {
  const f = new Fmt(a.str(0));
  const h: Header = { little: true, align: 1 };
  let pos = 0;
  while (f.more()) {
    const opt = f.next();
    const sz = optsize(a.L, opt, f);
    pos += gettoalign(pos, h, opt, sz);
    if (opt === 's') throw a.L.argError(1, a.fname, "option 's' has no fixed size");
    if (opt === 'c' && sz === 0) throw a.L.argError(1, a.fname, "option 'c0' has no fixed size");
    // letters and digits the C does not know are skipped here (isalnum), refused elsewhere
    if (!/[0-9A-Za-z]/.test(opt)) controloptions(a, opt, f, h);
    pos += sz;
  }
  return pos;
}

export function openStruct(L: LuaState): void {
  const t = new LuaTable();
  const scratch = new DataView(new ArrayBuffer(8));
  t.set(
    'pack',
    L.native('pack', (L2, args) => [pack(new Args(L2, args, 'pack'), scratch)]),
  );
  t.set(
    'unpack',
    L.native('unpack', (L2, args) => unpack(new Args(L2, args, 'unpack'), scratch)),
  );
  t.set(
    'size',
    L.native('size', (L2, args) => [size(new Args(L2, args, 'size'))]),
  );
  L.globals.set('struct', t);
}
