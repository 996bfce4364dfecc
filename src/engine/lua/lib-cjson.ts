// `cjson`, lua-cjson 2.1.0 as Redis 7.0 bundles it (deps/lua/src/lua_cjson.c): encode/decode
// with lua_cjson.c's rules and messages. Each table made by cjson.new() has its own settings,
// kept in the functions' closure as the C keeps them in an upvalue. cjson.null is a light
// userdata (C's NULL). Objects list keys in `next` order, which here is insertion order.

import { Args } from './args.js';
import { type LuaState } from './state.js';
import { LuaTable, LuaUserdata, formatG, strtod, typeName, type LuaValue } from './value.js';

const NULL = new LuaUserdata(0);

interface Config {
  sparseConvert: number;
  sparseRatio: number;
  sparseSafe: number;
  encodeMaxDepth: number;
  decodeMaxDepth: number;
  invalidNumbers: number; // 0 error, 1 "inf"/"nan", 2 null
  decodeInvalid: number;
  keepBuffer: number;
  precision: number;
}

function escapeChar(c: number): string | undefined {
  if (c < 32) {
    const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
    return short[c] ?? '\\u00' + c.toString(16).padStart(2, '0');
  }
  if (c === 34) return '\\"';
  if (c === 47) return '\\/';
  if (c === 92) return '\\\\';
  if (c === 127) return '\\u007f';
  return undefined;
}

function encodeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += escapeChar(s.charCodeAt(i)) ?? s[i];
  return out + '"';
}

/** lua_tointeger then C's (int): 64-bit truncation (out of range: 2^63), low 32 bits. */
function cInt(n: number): number {
  if (n !== n || n >= 2 ** 63 || n < -(2 ** 63)) return 0;
  return Number(BigInt.asIntN(32, BigInt(Math.trunc(n))));
}

function encoder(L: LuaState, cfg: Config) {
  const fail = (v: LuaValue, reason: string): never => {
    throw L.error(`Cannot serialise ${typeName(v)}: ${reason}`);
  };
  const number = (n: number): string => {
    if (cfg.invalidNumbers === 0) {
      if (!Number.isFinite(n)) fail(n, 'must not be NaN or Inf');
    } else if (cfg.invalidNumbers === 1) {
      if (n !== n) return 'nan';
    } else if (!Number.isFinite(n)) return 'null';
    return formatG(n, cfg.precision);
  };
  /** lua_array_length: -1 for an object, else the largest positive integer key */
  const arrayLength = (t: LuaTable): number => {
    let max = 0;
    let items = 0;
    for (let e = t.next(undefined); e; e = t.next(e[0])) {
      const k = e[0];
      if (typeof k === 'number' && k !== 0 && Math.floor(k) === k && k >= 1) {
        // C's int max = k: a key past 2^31 becomes INT_MIN on x86
        if (k > max) max = k < 2 ** 31 ? k : -(2 ** 31);
        items++;
        continue;
      }
      return -1;
    }
    if (cfg.sparseRatio > 0 && max > items * cfg.sparseRatio && max > cfg.sparseSafe) {
      if (!cfg.sparseConvert) fail(t, 'excessively sparse array');
      return -1;
    }
    return max;
  };
  const data = (v: LuaValue, depth: number): string => {
    if (typeof v === 'string') return encodeString(v);
    if (typeof v === 'number') return number(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v === undefined || v === NULL) return 'null';
    if (v instanceof LuaTable) {
      depth++;
      if (depth > cfg.encodeMaxDepth) throw L.error(`Cannot serialise, excessive nesting (${depth})`);
      const len = arrayLength(v);
      const parts: string[] = [];
      if (len > 0) {
        for (let i = 1; i <= len; i++) parts.push(data(v.get(i), depth));
        return '[' + parts.join(',') + ']';
      }
      for (let e = v.next(undefined); e; e = v.next(e[0])) {
        const [k, x] = e;
        let key: string;
        if (typeof k === 'number') key = '"' + number(k) + '":';
        else if (typeof k === 'string') key = encodeString(k) + ':';
        else return fail(k, 'table key must be a number or string');
        parts.push(key + data(x, depth));
      }
      return '{' + parts.join(',') + '}';
    }
    return fail(v, 'type not supported');
  };
  return (v: LuaValue) => data(v, 0);
}

const TOKEN_NAMES = ['T_OBJ_BEGIN', 'T_OBJ_END', 'T_ARR_BEGIN', 'T_ARR_END', 'T_STRING', 'T_NUMBER', 'T_BOOLEAN', 'T_NULL', 'T_COLON', 'T_COMMA', 'T_END'];
const [OBJ_BEGIN, OBJ_END, ARR_BEGIN, ARR_END, STRING, NUMBER, BOOLEAN, NULLTOK, COLON, COMMA, END] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const ERROR = -1;
const SINGLE: Record<string, number> = { '{': OBJ_BEGIN, '}': OBJ_END, '[': ARR_BEGIN, ']': ARR_END, ',': COMMA, ':': COLON };
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', t: '\t', n: '\n', f: '\f', r: '\r' };

interface Token {
  type: number;
  index: number;
  value: LuaValue;
  err: string;
}

function codepointToUtf8(c: number): string {
  const f = String.fromCharCode;
  if (c <= 0x7f) return f(c);
  if (c <= 0x7ff) return f((c >> 6) | 0xc0, (c & 0x3f) | 0x80);
  if (c <= 0xffff) return f((c >> 12) | 0xe0, ((c >> 6) & 0x3f) | 0x80, (c & 0x3f) | 0x80);
  return f((c >> 18) | 0xf0, ((c >> 12) & 0x3f) | 0x80, ((c >> 6) & 0x3f) | 0x80, (c & 0x3f) | 0x80);
}

function decoder(L: LuaState, cfg: Config, s: string): LuaValue {
  // the C reads a NUL-terminated buffer: past the end, and at any NUL, is the end
  const ch = (i: number): string => (i < s.length ? s[i]! : '\0');
  const hex4 = (i: number): number => {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const d = parseInt(ch(i + k), 16);
      if (Number.isNaN(d) || !/[0-9a-fA-F]/.test(ch(i + k))) return -1;
      v = v * 16 + d;
    }
    return v;
  };
  let p = 0;
  let depth = 0;
  const invalidNumber = (): boolean => {
    let q = p;
    if (ch(q) === '+') return true;
    if (ch(q) === '-') q++;
    if (ch(q) === '0') {
      const c2 = ch(q + 1);
      return (c2.charCodeAt(0) | 0x20) === 0x78 || (c2 >= '0' && c2 <= '9');
    }
    if (ch(q) <= '9') return false;
    const three = s.slice(q, q + 3).toLowerCase();
    return three === 'inf' || three === 'nan';
  };
  const next = (): Token => {
    while (' \t\n\r'.includes(ch(p))) p++;
    const t: Token = { type: ERROR, index: p, value: undefined, err: 'invalid token' };
    const c = ch(p);
    if (c === '\0') return { ...t, type: END };
    const single = SINGLE[c];
    if (single !== undefined) {
      p++;
      return { ...t, type: single };
    }
    const number = (): Token => {
      const [v, end] = strtod(s, p);
      if (end === p) return { ...t, err: 'invalid number' };
      p = end;
      return { ...t, type: NUMBER, value: v };
    };
    if (c === '"') {
      p++;
      let out = '';
      for (;;) {
        const d = ch(p);
        if (d === '"') break;
        if (d === '\0') return { ...t, index: p, err: 'unexpected end of string' };
        if (d === '\\') {
          const e = ch(p + 1);
          if (e === 'u') {
            let cp = hex4(p + 2);
            let len = 6;
            if (cp >= 0 && (cp & 0xf800) === 0xd800) {
              const low = !(cp & 0x400) && ch(p + 6) === '\\' && ch(p + 7) === 'u' ? hex4(p + 8) : -1;
              cp = low >= 0 && (low & 0xfc00) === 0xdc00 ? (((cp & 0x3ff) << 10) | (low & 0x3ff)) + 0x10000 : -1;
              len = 12;
            }
            if (cp < 0) return { ...t, index: p, err: 'invalid unicode escape code' };
            out += codepointToUtf8(cp);
            p += len;
            continue;
          }
          const r = ESCAPES[e];
          if (r === undefined) return { ...t, index: p, err: 'invalid escape code' };
          out += r;
          p += 2;
          continue;
        }
        out += d;
        p++;
      }
      p++;
      return { ...t, type: STRING, value: out };
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      if (!cfg.decodeInvalid && invalidNumber()) return { ...t, err: 'invalid number' };
      return number();
    }
    if (!'fiIntN+'.includes(c)) return t;
    if (s.startsWith('true', p)) {
      p += 4;
      return { ...t, type: BOOLEAN, value: true };
    }
    if (s.startsWith('false', p)) {
      p += 5;
      return { ...t, type: BOOLEAN, value: false };
    }
    if (s.startsWith('null', p)) {
      p += 4;
      return { ...t, type: NULLTOK, value: NULL };
    }
    if (cfg.decodeInvalid && invalidNumber()) return number();
    return t;
  };
  const parseError = (exp: string, t: Token): never => {
    throw L.error(`Expected ${exp} but found ${t.type === ERROR ? t.err : TOKEN_NAMES[t.type]} at character ${t.index + 1}`);
  };
  const descend = (): void => {
    depth++;
    if (depth > cfg.decodeMaxDepth) throw L.error(`Found too many nested data structures (${depth}) at character ${p}`);
  };
  const value = (t: Token): LuaValue => {
    switch (t.type) {
      case STRING:
      case NUMBER:
      case BOOLEAN:
      case NULLTOK:
        return t.value;
      case OBJ_BEGIN: {
        descend();
        const obj = new LuaTable();
        let tk = next();
        if (tk.type === OBJ_END) {
          depth--;
          return obj;
        }
        for (;;) {
          if (tk.type !== STRING) parseError('object key string', tk);
          const key = tk.value;
          tk = next();
          if (tk.type !== COLON) parseError('colon', tk);
          obj.set(key, value(next()));
          tk = next();
          if (tk.type === OBJ_END) {
            depth--;
            return obj;
          }
          if (tk.type !== COMMA) parseError('comma or object end', tk);
          tk = next();
        }
      }
      case ARR_BEGIN: {
        descend();
        const arr = new LuaTable();
        let tk = next();
        if (tk.type === ARR_END) {
          depth--;
          return arr;
        }
        for (let i = 1; ; i++) {
          arr.set(i, value(tk));
          tk = next();
          if (tk.type === ARR_END) {
            depth--;
            return arr;
          }
          if (tk.type !== COMMA) parseError('comma or array end', tk);
          tk = next();
        }
      }
      default:
        return parseError('value', t);
    }
  };
  if (s.length >= 2 && (s[0] === '\0' || s[1] === '\0')) throw L.error('JSON parser does not support UTF-16 or UTF-32');
  const v = value(next());
  const end = next();
  if (end.type !== END) parseError('the end', end);
  return v;
}

function newCjson(L: LuaState): LuaTable {
  const cfg: Config = {
    sparseConvert: 0,
    sparseRatio: 2,
    sparseSafe: 10,
    encodeMaxDepth: 1000,
    decodeMaxDepth: 1000,
    invalidNumbers: 0,
    decodeInvalid: 1,
    keepBuffer: 1,
    precision: 14,
  };
  const t = new LuaTable();
  const def = (name: string, fn: (a: Args) => LuaValue[]): void =>
    t.set(
      name,
      L.native(name, (L2, args) => fn(new Args(L2, args, name))),
    );
  const one = (a: Args): void => {
    if (a.a.length !== 1) throw a.L.argError(1, a.fname, 'expected 1 argument');
  };
  def('encode', (a) => {
    one(a);
    return [encoder(a.L, cfg)(a.a[0])];
  });
  def('decode', (a) => {
    one(a);
    return [decoder(a.L, cfg, a.str(0))];
  });
  const argInit = (a: Args, n: number): void => {
    if (a.a.length > n) throw a.L.argError(n + 1, a.fname, 'found too many arguments');
  };
  const intOption = (a: Args, i: number, key: keyof Config, min: number, max: number): number => {
    if (a.a[i] !== undefined) {
      const v = cInt(a.num(i));
      if (!(min <= v && v <= max)) throw a.L.argError(1, a.fname, `expected integer between ${min} and ${max}`);
      cfg[key] = v;
    }
    return cfg[key];
  };
  const enumOption = (a: Args, i: number, key: keyof Config, options: string[]): LuaValue => {
    const v = a.a[i];
    if (v !== undefined) {
      if (typeof v === 'boolean') cfg[key] = v ? 1 : 0;
      else {
        const s = a.str(i);
        const k = options.indexOf(s);
        if (k < 0) throw a.L.argError(i + 1, a.fname, `invalid option '${s}'`);
        cfg[key] = k;
      }
    }
    return cfg[key] <= 1 ? cfg[key] === 1 : options[cfg[key]];
  };
  const onOff = ['off', 'on'];
  def('encode_sparse_array', (a) => {
    argInit(a, 3);
    return [enumOption(a, 0, 'sparseConvert', onOff), intOption(a, 1, 'sparseRatio', 0, 2147483647), intOption(a, 2, 'sparseSafe', 0, 2147483647)];
  });
  def('encode_max_depth', (a) => (argInit(a, 1), [intOption(a, 0, 'encodeMaxDepth', 1, 2147483647)]));
  def('decode_max_depth', (a) => (argInit(a, 1), [intOption(a, 0, 'decodeMaxDepth', 1, 2147483647)]));
  def('encode_number_precision', (a) => (argInit(a, 1), [intOption(a, 0, 'precision', 1, 14)]));
  def('encode_keep_buffer', (a) => (argInit(a, 1), [enumOption(a, 0, 'keepBuffer', onOff)]));
  def('encode_invalid_numbers', (a) => (argInit(a, 1), [enumOption(a, 0, 'invalidNumbers', ['off', 'on', 'null'])]));
  def('decode_invalid_numbers', (a) => (argInit(a, 1), [enumOption(a, 0, 'decodeInvalid', onOff)]));
  def('new', (a) => [newCjson(a.L)]);
  t.set('null', NULL);
  t.set('_NAME', 'cjson');
  t.set('_VERSION', '2.1.0');
  return t;
}

export function openCjson(L: LuaState): void {
  L.globals.set('cjson', newCjson(L));
}
