// Values across the Lua/Redis border, by Redis 7.0's rules (script_lua.c): a command's reply
// becomes a Lua value as the script's client protocol (redis.setresp) would send it
// (redisProtocolToLuaType), and what the script returns becomes the reply
// (luaReplyToRedisReply).

import { LuaTable, type LuaValue } from '../lua/value.js';
import { formatDouble } from '../numbers.js';
import { bigNumber, bool, bulk, double, error, int, map, NIL, set, simple, verbatim, type Reply } from '../../shared/reply.js';

/**
 * luaPushErrorBuff: "-CODE msg" keeps its code, "msg" gets ERR; the message loses the CR and
 * LF at its ends. The table Redis builds: {err = "CODE msg"}.
 */
export function errorTable(buf: string, ignoreStats = false): LuaTable {
  let code = 'ERR';
  let msg = buf;
  if (buf.startsWith('-')) {
    const sp = buf.indexOf(' ');
    if (sp < 0) msg = buf.slice(1);
    else {
      code = buf.slice(1, sp);
      msg = buf.slice(sp + 1);
    }
  }
  msg = msg.replace(/^[\r\n]+|[\r\n]+$/g, '');
  // lua_pushstring: the text ends at a NUL
  let text = `${code} ${msg}`;
  const nul = text.indexOf('\0');
  if (nul >= 0) text = text.slice(0, nul);
  const t = new LuaTable();
  t.set('err', text);
  // redis.call's errors were counted when the command failed: the script's error reply is not
  if (ignoreStats) t.set('ignore_error_stats_update', true);
  return t;
}

/** A reply as a script whose client speaks `resp` receives it from redis.call. */
export function replyToLua(r: Reply, resp: 2 | 3): LuaValue {
  switch (r.t) {
    case 'simple': {
      const t = new LuaTable();
      t.set('ok', r.v);
      return t;
    }
    case 'error':
      return errorTable('-' + r.v, true);
    case 'int':
      return Number(r.v);
    case 'bulk':
      return r.v === null ? (resp === 2 ? false : undefined) : r.v;
    case 'array':
      if (r.v === null) return resp === 2 ? false : undefined;
      return arrayTable(r.v, resp);
    case 'push':
      return arrayTable(r.v, resp);
    case 'map': {
      if (resp === 2) return arrayTable(r.v.flat(), 2);
      const inner = new LuaTable();
      for (const [k, v] of r.v) {
        const key = replyToLua(k, 3);
        if (key !== undefined) inner.set(key, replyToLua(v, 3));
      }
      return wrap('map', inner);
    }
    case 'set': {
      if (resp === 2) return arrayTable(r.v, 2);
      const inner = new LuaTable();
      for (const m of r.v) {
        const key = replyToLua(m, 3);
        if (key !== undefined) inner.set(key, true);
      }
      return wrap('set', inner);
    }
    case 'double':
      return resp === 2 ? r.s : wrap('double', r.v);
    case 'big':
      return resp === 2 ? r.v : wrap('big_number', r.v);
    case 'bool':
      return resp === 2 ? (r.v ? 1 : 0) : r.v;
    case 'verbatim': {
      if (resp === 2) return r.v;
      const inner = new LuaTable();
      inner.set('string', r.v);
      inner.set('format', r.format);
      return wrap('verbatim_string', inner);
    }
  }
}

function arrayTable(items: readonly Reply[], resp: 2 | 3): LuaTable {
  const t = new LuaTable();
  for (let i = 0; i < items.length; i++) t.set(i + 1, replyToLua(items[i]!, resp));
  return t;
}

function wrap(field: string, v: LuaValue): LuaTable {
  const t = new LuaTable();
  t.set(field, v);
  return t;
}

const LLONG_MIN = -(2n ** 63n);

/** C's (long long) cast of a double on x86-64: truncation; NaN and out of range give LLONG_MIN. */
export function toLongLong(x: number): number | bigint {
  if (!Number.isFinite(x) || x >= 2 ** 63 || x < -(2 ** 63)) return LLONG_MIN;
  const t = Math.trunc(x);
  return Number.isSafeInteger(t) ? (t === 0 ? 0 : t) : BigInt(t);
}

/** LUAI_MAXCSTACK: how many values a C function may have on Lua's stack. */
const MAX_C_STACK = 8000;

/**
 * The reply for what a script returned; `resp` is the script client's (redis.setresp). `top`
 * counts the values luaReplyToRedisReply would hold on Lua's stack with this one on top (the
 * error handler and the result at first): past LUAI_MAXCSTACK a value becomes the error
 * "reached lua stack limit", so a table that contains itself ends, as in Redis.
 */
export function luaToReply(v: LuaValue, resp: 2 | 3, top = 2): Reply {
  // without recursion: a table that contains itself nests 8000 deep before the limit
  const stack: Aggregate[] = [];
  let next: Reply | Aggregate = convertOne(v, resp, top);
  for (;;) {
    if ('children' in next) stack.push(next);
    else {
      const parent = stack[stack.length - 1];
      if (parent === undefined) return next;
      parent.out.push(next);
    }
    // the next child of the innermost aggregate, closing those that are complete
    for (;;) {
      const f = stack[stack.length - 1]!;
      const child = f.children[f.out.length];
      if (child !== undefined) {
        next = convertOne(child[0], resp, child[1]);
        break;
      }
      stack.pop();
      const done = f.make(f.out);
      const parent = stack[stack.length - 1];
      if (parent === undefined) return done;
      parent.out.push(done);
    }
  }
}

/** An aggregate being converted: its elements (value and stack count), those done, its reply. */
interface Aggregate {
  children: [LuaValue, number][];
  out: Reply[];
  make: (out: Reply[]) => Reply;
}

/** One value: its reply, or the aggregate its elements go into. */
function convertOne(v: LuaValue, resp: 2 | 3, top: number): Reply | Aggregate {
  if (top + 4 > MAX_C_STACK) return error('ERR reached lua stack limit');
  switch (typeof v) {
    case 'string':
      return bulk(v);
    case 'boolean':
      // RESP2 scripts: true is 1, false the null of the caller's protocol
      return resp === 2 ? (v ? int(1) : NIL) : bool(v);
    case 'number':
      return int(toLongLong(v));
    default:
      if (v instanceof LuaTable) return tableToReply(v, top);
      return NIL;
  }
}

function tableToReply(t: LuaTable, top: number): Reply | Aggregate {
  const err = t.get('err');
  if (typeof err === 'string') return error(err);
  const ok = t.get('ok');
  if (typeof ok === 'string') return simple(ok.replace(/[\r\n]/g, ' '));
  const d = t.get('double');
  if (typeof d === 'number') return double(d, formatDouble(d));
  const big = t.get('big_number');
  if (typeof big === 'string') return bigNumber(big.replace(/[\r\n]/g, ' '));
  const vs = t.get('verbatim_string');
  if (vs instanceof LuaTable) {
    const format = vs.get('format');
    const str = vs.get('string');
    if (typeof format === 'string' && typeof str === 'string') return verbatim(str, format.slice(0, 3));
  }
  const children: [LuaValue, number][] = [];
  // on Lua's stack above the table: a map's (set's) table, key, value, the key's copy
  const m = t.get('map');
  if (m instanceof LuaTable) {
    for (let e = m.next(undefined); e; e = m.next(e[0])) children.push([e[0], top + 4], [e[1], top + 3]);
    return {
      children,
      out: [],
      make: (out) => {
        const entries: [Reply, Reply][] = [];
        for (let i = 0; i < out.length; i += 2) entries.push([out[i]!, out[i + 1]!]);
        return map(entries);
      },
    };
  }
  const s = t.get('set');
  if (s instanceof LuaTable) {
    for (let e = s.next(undefined); e; e = s.next(e[0])) children.push([e[0], top + 3]);
    return { children, out: [], make: set };
  }
  // an array up to the first nil
  for (let j = 1; ; j++) {
    const v = t.get(j);
    if (v === undefined) break;
    children.push([v, top + 1]);
  }
  return { children, out: [], make: (out) => ({ t: 'array', v: out }) };
}
