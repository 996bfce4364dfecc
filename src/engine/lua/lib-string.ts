// Lua 5.1's string library: 5.1 patterns (lstrlib.c's matcher, written anew), string.format
// with C printf's conversions, and the byte-string functions.

import { Args } from './args.js';
import { rawToString, truthy, type LuaState } from './state.js';
import { formatE, formatF, formatG, LuaFunction, LuaTable, typeName, type LuaValue } from './value.js';

const MAXCAPTURES = 32;
const CAP_UNFINISHED = -1;
const CAP_POSITION = -2;

class MatchState {
  level = 0;
  capInit: number[] = [];
  capLen: number[] = [];
  matchdepth = 0;
  constructor(
    readonly L: LuaState,
    readonly src: string,
    readonly p: string,
  ) {}
}

function isClass(c: number, cl: number): boolean {
  let r: boolean;
  switch (cl | 0x20) {
    case 97: // a
      r = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      break;
    case 99: // c
      r = c < 32 || c === 127;
      break;
    case 100: // d
      r = c >= 48 && c <= 57;
      break;
    case 108: // l
      r = c >= 97 && c <= 122;
      break;
    case 112: // p
      r = (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
      break;
    case 115: // s
      r = c === 32 || (c >= 9 && c <= 13);
      break;
    case 117: // u
      r = c >= 65 && c <= 90;
      break;
    case 119: // w
      r = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      break;
    case 120: // x
      r = (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
      break;
    case 122: // z
      r = c === 0;
      break;
    default:
      return cl === c;
  }
  // an upper-case class letter is the complement
  return cl >= 65 && cl <= 90 ? !r : r;
}

function classEnd(ms: MatchState, p: number): number {
  const P = ms.p;
  const c = P.charCodeAt(p++);
  if (c === 37) {
    if (p >= P.length) throw ms.L.error("malformed pattern (ends with '%')");
    return p + 1;
  }
  if (c === 91) {
    if (P.charCodeAt(p) === 94) p++;
    do {
      if (p >= P.length) throw ms.L.error("malformed pattern (missing ']')");
      const cc = P.charCodeAt(p++);
      if (cc === 37 && p < P.length) p++;
    } while (P.charCodeAt(p) !== 93);
    return p + 1;
  }
  return p;
}

function matchBracketClass(ms: MatchState, c: number, p: number, ec: number): boolean {
  const P = ms.p;
  let sig = true;
  if (P.charCodeAt(p + 1) === 94) {
    sig = false;
    p++;
  }
  while (++p < ec) {
    const pc = P.charCodeAt(p);
    if (pc === 37) {
      p++;
      if (isClass(c, P.charCodeAt(p))) return sig;
    } else if (P.charCodeAt(p + 1) === 45 && p + 2 < ec) {
      p += 2;
      if (pc <= c && c <= P.charCodeAt(p)) return sig;
    } else if (pc === c) return sig;
  }
  return !sig;
}

function singleMatch(ms: MatchState, c: number, p: number, ep: number): boolean {
  const pc = ms.p.charCodeAt(p);
  switch (pc) {
    case 46:
      return true;
    case 37:
      return isClass(c, ms.p.charCodeAt(p + 1));
    case 91:
      return matchBracketClass(ms, c, p, ep - 1);
    default:
      return pc === c;
  }
}

function doMatch(ms: MatchState, s: number, p: number): number {
  if (++ms.matchdepth > 200) throw ms.L.error('pattern too complex');
  try {
    return match(ms, s, p);
  } finally {
    ms.matchdepth--;
  }
}

/** The end of the match of pattern[p..] at src[s..], or -1. */
function match(ms: MatchState, s: number, p: number): number {
  const P = ms.p;
  const S = ms.src;
  for (;;) {
    if (p >= P.length) return s;
    const pc = P.charCodeAt(p);
    if (pc === 40) {
      // (
      if (P.charCodeAt(p + 1) === 41) return startCapture(ms, s, p + 2, CAP_POSITION);
      return startCapture(ms, s, p + 1, CAP_UNFINISHED);
    }
    if (pc === 41) return endCapture(ms, s, p + 1);
    if (pc === 37) {
      const nc = P.charCodeAt(p + 1);
      if (nc === 98) {
        // %b
        s = matchBalance(ms, s, p + 2);
        if (s === -1) return -1;
        p += 4;
        continue;
      }
      if (nc === 102) {
        // %f
        p += 2;
        if (P.charCodeAt(p) !== 91) throw ms.L.error("missing '[' after '%f' in pattern");
        const ep = classEnd(ms, p);
        const prev = s === 0 ? 0 : S.charCodeAt(s - 1);
        const cur = s < S.length ? S.charCodeAt(s) : 0;
        if (matchBracketClass(ms, prev, p, ep - 1) || !matchBracketClass(ms, cur, p, ep - 1)) return -1;
        p = ep;
        continue;
      }
      if (nc >= 48 && nc <= 57) {
        s = matchCapture(ms, s, nc);
        if (s === -1) return -1;
        p += 2;
        continue;
      }
    }
    if (pc === 36 && p + 1 === P.length) return s === S.length ? s : -1;
    const ep = classEnd(ms, p);
    const m = s < S.length && singleMatch(ms, S.charCodeAt(s), p, ep);
    const epc = ep < P.length ? P.charCodeAt(ep) : -1;
    switch (epc) {
      case 63: {
        // ?
        if (m) {
          const r = doMatch(ms, s + 1, ep + 1);
          if (r !== -1) return r;
        }
        p = ep + 1;
        continue;
      }
      case 42:
        return maxExpand(ms, s, p, ep);
      case 43:
        return m ? maxExpand(ms, s + 1, p, ep) : -1;
      case 45:
        return minExpand(ms, s, p, ep);
      default:
        if (!m) return -1;
        s++;
        p = ep;
    }
  }
}

function maxExpand(ms: MatchState, s: number, p: number, ep: number): number {
  let i = 0;
  while (s + i < ms.src.length && singleMatch(ms, ms.src.charCodeAt(s + i), p, ep)) i++;
  while (i >= 0) {
    const r = doMatch(ms, s + i, ep + 1);
    if (r !== -1) return r;
    i--;
  }
  return -1;
}

function minExpand(ms: MatchState, s: number, p: number, ep: number): number {
  for (;;) {
    const r = doMatch(ms, s, ep + 1);
    if (r !== -1) return r;
    if (s < ms.src.length && singleMatch(ms, ms.src.charCodeAt(s), p, ep)) s++;
    else return -1;
  }
}

function startCapture(ms: MatchState, s: number, p: number, what: number): number {
  if (ms.level >= MAXCAPTURES) throw ms.L.error('too many captures');
  ms.capInit[ms.level] = s;
  ms.capLen[ms.level] = what;
  ms.level++;
  const r = doMatch(ms, s, p);
  if (r === -1) ms.level--;
  return r;
}

function endCapture(ms: MatchState, s: number, p: number): number {
  let l = -1;
  for (let i = ms.level - 1; i >= 0; i--)
    if (ms.capLen[i] === CAP_UNFINISHED) {
      l = i;
      break;
    }
  if (l < 0) throw ms.L.error('invalid pattern capture');
  ms.capLen[l] = s - ms.capInit[l]!;
  const r = doMatch(ms, s, p);
  if (r === -1) ms.capLen[l] = CAP_UNFINISHED;
  return r;
}

function matchBalance(ms: MatchState, s: number, p: number): number {
  if (p + 1 >= ms.p.length) throw ms.L.error('unbalanced pattern');
  const S = ms.src;
  if (s >= S.length || S.charCodeAt(s) !== ms.p.charCodeAt(p)) return -1;
  const b = ms.p.charCodeAt(p);
  const e = ms.p.charCodeAt(p + 1);
  let cont = 1;
  while (++s < S.length) {
    const c = S.charCodeAt(s);
    if (c === e) {
      if (--cont === 0) return s + 1;
    } else if (c === b) cont++;
  }
  return -1;
}

function matchCapture(ms: MatchState, s: number, lc: number): number {
  const l = lc - 49;
  if (l < 0 || l >= ms.level || ms.capLen[l] === CAP_UNFINISHED) throw ms.L.error('invalid capture index');
  const len = ms.capLen[l]!;
  const cap = ms.src.substr(ms.capInit[l]!, len);
  if (ms.src.length - s >= len && ms.src.substr(s, len) === cap) return s + len;
  return -1;
}

function getCapture(ms: MatchState, i: number, s: number, e: number): LuaValue {
  if (i >= ms.level) {
    if (i === 0) return ms.src.slice(s, e);
    throw ms.L.error('invalid capture index');
  }
  const l = ms.capLen[i]!;
  if (l === CAP_UNFINISHED) throw ms.L.error('unfinished capture');
  if (l === CAP_POSITION) return ms.capInit[i]! + 1;
  return ms.src.substr(ms.capInit[i]!, l);
}

function captures(ms: MatchState, s: number, e: number, wholeIfNone: boolean): LuaValue[] {
  const n = ms.level === 0 && wholeIfNone ? 1 : ms.level;
  const out: LuaValue[] = [];
  for (let i = 0; i < n; i++) out.push(getCapture(ms, i, s, e));
  return out;
}

/** posrelat: a negative position counts from the end. */
function posrelat(pos: number, len: number): number {
  return pos >= 0 ? pos : -pos > len ? 0 : len + pos + 1;
}

const SPECIALS = /[\^$*+?.([%-]/;

function strFindAux(a: Args, find: boolean): LuaValue[] {
  const s = a.str(0);
  const p = a.str(1);
  let init = posrelat(a.optInt(2, 1), s.length) - 1;
  if (init < 0) init = 0;
  else if (init > s.length) init = s.length;
  if (find && (truthy(a.a[3]) || !SPECIALS.test(p))) {
    const i = s.indexOf(p, init);
    return i < 0 ? [undefined] : [i + 1, i + p.length];
  }
  const ms = new MatchState(a.L, s, p);
  const anchor = p.charCodeAt(0) === 94;
  const pstart = anchor ? 1 : 0;
  let s1 = init;
  do {
    ms.level = 0;
    const e = doMatch(ms, s1, pstart);
    if (e !== -1) {
      if (find) return [s1 + 1, e, ...captures(ms, -1, -1, false)];
      return captures(ms, s1, e, true);
    }
    s1++;
  } while (s1 <= s.length && !anchor);
  return [undefined];
}

function addValue(ms: MatchState, s: number, e: number, repl: string): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl.charCodeAt(i);
    if (c !== 37) {
      out += repl[i];
      continue;
    }
    i++;
    const d = repl.charCodeAt(i);
    if (!(d >= 48 && d <= 57)) {
      if (i < repl.length) out += repl[i];
      continue;
    }
    if (d === 48) out += ms.src.slice(s, e);
    else {
      const v = getCapture(ms, d - 49, s, e);
      out += typeof v === 'number' ? rawToString(v) : (v as string);
    }
  }
  return out;
}

export function installStringLib(L: LuaState): void {
  const S = new LuaTable();
  L.globals.set('string', S);
  const meta = new LuaTable();
  meta.set('__index', S);
  L.stringMeta = meta;

  const def = (name: string, fn: (a: Args) => LuaValue[]): void => {
    S.set(
      name,
      L.native(name, (L2, args) => fn(new Args(L2, args, name))),
    );
  };

  def('len', (a) => [a.str(0).length]);
  def('sub', (a) => {
    const s = a.str(0);
    let i = posrelat(a.optInt(1, 1), s.length);
    let j = posrelat(a.optInt(2, -1), s.length);
    if (i < 1) i = 1;
    if (j > s.length) j = s.length;
    return [i <= j ? s.slice(i - 1, j) : ''];
  });
  def('upper', (a) => [a.str(0).replace(/[a-z]+/g, (m) => m.toUpperCase())]);
  def('lower', (a) => [a.str(0).replace(/[A-Z]+/g, (m) => m.toLowerCase())]);
  def('rep', (a) => {
    const s = a.str(0);
    const n = a.int(1);
    if (n <= 0 || s.length === 0) return [''];
    if (s.length * n > 0x1fffffe8) throw L.error('not enough memory');
    return [s.repeat(n)];
  });
  def('reverse', (a) => [a.str(0).split('').reverse().join('')]);
  def('byte', (a) => {
    const s = a.str(0);
    const i = posrelat(a.optInt(1, 1), s.length);
    const j = posrelat(a.a[2] === undefined ? i : a.int(2), s.length);
    const from = Math.max(i, 1);
    const to = Math.min(j, s.length);
    const out: LuaValue[] = [];
    for (let k = from; k <= to; k++) out.push(s.charCodeAt(k - 1));
    return out;
  });
  def('char', (a) => {
    let out = '';
    for (let i = 0; i < a.a.length; i++) {
      const c = a.int(i);
      if (c < 0 || c > 255) throw L.argError(i + 1, 'char', 'invalid value');
      out += String.fromCharCode(c);
    }
    return [out];
  });
  def('format', (a) => [format(a)]);
  def('find', (a) => strFindAux(a, true));
  def('match', (a) => strFindAux(a, false));
  def('dump', (a) => {
    // A C function cannot be dumped (lua_dump fails). A Lua one gives a binary chunk's header
    // alone: this VM keeps no Lua 5.1 bytecode, and no script can load a chunk back anyway
    // (Redis's loadstring parses it as source, and fails on its first byte).
    if (a.func(0).lua === undefined) throw L.error('unable to dump given function');
    return [LUA51_CHUNK_HEADER];
  });

  const gmatch = (a: Args): LuaValue[] => {
    const s = a.str(0);
    const p = a.str(1);
    let pos = 0;
    const iter = L.native('gmatch_aux', () => {
      const ms = new MatchState(L, s, p);
      for (let src = pos; src <= s.length; src++) {
        ms.level = 0;
        const e = doMatch(ms, src, 0);
        if (e !== -1) {
          pos = e === src ? e + 1 : e;
          return captures(ms, src, e, true);
        }
      }
      return [undefined];
    });
    return [iter];
  };
  def('gmatch', gmatch);
  def('gfind', gmatch);

  S.set(
    'gsub',
    L.nativeGen('gsub', function* (L2, args) {
      const a = new Args(L2, args, 'gsub');
      const src = a.str(0);
      const p = a.str(1);
      const repl = a.a[2];
      const maxN = a.a[3] === undefined ? src.length + 1 : a.int(3);
      const tr = typeName(repl);
      if (tr !== 'number' && tr !== 'string' && tr !== 'table' && tr !== 'function') {
        throw L.argError(3, 'gsub', 'string/function/table expected');
      }
      const anchor = p.charCodeAt(0) === 94;
      const pstart = anchor ? 1 : 0;
      const ms = new MatchState(L, src, p);
      let s = 0;
      let n = 0;
      let out = '';
      while (n < maxN) {
        ms.level = 0;
        const e = doMatch(ms, s, pstart);
        if (e !== -1) {
          n++;
          // the replacement for src[s..e]
          let v: LuaValue;
          if (typeof repl === 'string' || typeof repl === 'number') v = addValue(ms, s, e, rawToString(repl));
          else if (repl instanceof LuaTable) v = yield* L.index(repl, getCapture(ms, 0, s, e));
          else if (repl instanceof LuaFunction) v = (yield* L.callFromNative(repl, captures(ms, s, e, true)))[0];
          if (!truthy(v)) v = src.slice(s, e);
          else if (typeof v !== 'string' && typeof v !== 'number') throw L.error(`invalid replacement value (a ${typeName(v)})`);
          out += typeof v === 'number' ? rawToString(v) : v;
        }
        if (e !== -1 && e > s) s = e;
        else if (s < src.length) out += src[s++];
        else break;
        if (anchor) break;
      }
      out += src.slice(s);
      return [out, n];
    }),
  );
}

// ---- string.format ----

function pad(body: string, sign: string, flags: string, width: number, zeroOk: boolean): string {
  const len = sign.length + body.length;
  if (len >= width) return sign + body;
  if (flags.includes('-')) return sign + body + ' '.repeat(width - len);
  if (flags.includes('0') && zeroOk) return sign + '0'.repeat(width - len) + body;
  return ' '.repeat(width - len) + sign + body;
}

function signOf(neg: boolean, flags: string): string {
  return neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
}

function quoted(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === '\\' || c === '\n') out += '\\' + c;
    else if (c === '\r') out += '\\r';
    else if (c === '\0') out += '\\000';
    else out += c;
  }
  return out + '"';
}

/** C's (long long)x on x86-64: out of range (NaN and infinities too) is the minimum. */
function toInt64(x: number): bigint {
  if (!(x >= -(2 ** 63) && x < 2 ** 63)) return -(1n << 63n);
  return BigInt(Math.trunc(x));
}

/** C's (unsigned long long)x as gcc compiles it on x86-64 (values from 2^63 converted after
 *  subtracting 2^63, so infinities, NaN and 2^64 and above give 0). */
function toUint64(x: number): bigint {
  if (x < 2 ** 63) return BigInt.asUintN(64, toInt64(x));
  const y = x - 2 ** 63;
  return y < 2 ** 63 ? BigInt(Math.trunc(y)) + (1n << 63n) : 0n;
}

function format(a: Args): string {
  const L = a.L;
  const fmt = a.str(0);
  let arg = 0;
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i++]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    if (fmt[i] === '%') {
      out += '%';
      i++;
      continue;
    }
    // %[flags][width][.precision]conversion, with 5.1's limits on their length
    const start = i;
    while (i < fmt.length && '-+ #0'.includes(fmt[i]!)) i++;
    if (i - start > 5) throw L.error('invalid format (repeated flags)');
    const flags = fmt.slice(start, i);
    let w = '';
    while (/\d/.test(fmt[i] ?? '') && w.length < 3) w += fmt[i++];
    let prec: number | undefined;
    let pr = '';
    if (fmt[i] === '.') {
      i++;
      while (/\d/.test(fmt[i] ?? '') && pr.length < 3) pr += fmt[i++];
      prec = pr === '' ? 0 : Number(pr);
    }
    if (w.length > 2 || pr.length > 2) throw L.error('invalid format (width or precision too long)');
    const width = w === '' ? 0 : Number(w);
    const conv = fmt[i++] ?? '';
    arg++;
    if (arg >= a.a.length) throw L.argError(arg + 1, 'format', 'no value');
    switch (conv) {
      case 'c':
        out += pad(String.fromCharCode(a.int(arg) & 255), '', flags, width, false);
        break;
      case 'd':
      case 'i': {
        const n = Math.trunc(a.num(arg));
        let digits = toInt64(n).toString();
        const neg = digits.startsWith('-');
        if (neg) digits = digits.slice(1);
        if (prec !== undefined) digits = prec === 0 && digits === '0' ? '' : digits.padStart(prec, '0');
        out += pad(digits, signOf(neg, flags), flags, width, prec === undefined);
        break;
      }
      case 'o':
      case 'u':
      case 'x':
      case 'X': {
        const n = Math.trunc(a.num(arg));
        const u = toUint64(n);
        let digits = conv === 'o' ? u.toString(8) : conv === 'u' ? u.toString() : u.toString(16);
        if (conv === 'X') digits = digits.toUpperCase();
        if (prec !== undefined) digits = prec === 0 && digits === '0' ? '' : digits.padStart(prec, '0');
        let prefix = '';
        if (flags.includes('#')) {
          if (conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
          if ((conv === 'x' || conv === 'X') && u !== 0n) prefix = conv === 'x' ? '0x' : '0X';
        }
        out += pad(digits, prefix, flags, width, prec === undefined);
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'g':
      case 'G': {
        const x = a.num(arg);
        const p = prec ?? 6;
        // NaN as tostring has it: x86's 0/0 is the negative NaN (JS keeps no sign to tell).
        const neg = x < 0 || Object.is(x, -0) || x !== x;
        const ax = Math.abs(x);
        let body: string;
        if (conv === 'f') body = formatF(ax, p);
        else if (conv === 'e' || conv === 'E') body = formatE(ax, p, conv === 'E');
        else body = formatG(ax, p, conv === 'G', flags.includes('#'));
        if (flags.includes('#') && !body.includes('.') && Number.isFinite(x) && conv !== 'g' && conv !== 'G' && p === 0) {
          body = conv === 'f' ? body + '.' : body.replace(/([eE])/, '.$1');
        }
        out += pad(body, signOf(neg, flags), flags, width, Number.isFinite(x));
        break;
      }
      case 'q':
        out += quoted(a.str(arg));
        break;
      case 's': {
        const s = a.str(arg);
        if (prec === undefined && s.length >= 100) out += s;
        else out += pad(prec === undefined ? s : s.slice(0, prec), '', flags, width, false);
        break;
      }
      default:
        throw L.error(`invalid option '%${conv}' to 'format'`);
    }
  }
  return out;
}

/** A Lua 5.1 binary chunk's header on a 64-bit little-endian build (ESC "Lua", version 0x51, …). */
const LUA51_CHUNK_HEADER = '\x1bLuaQ\x00\x01\x04\x08\x04\x08\x00';
