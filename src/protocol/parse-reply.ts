// RESP2/RESP3 reply bytes → Reply, for clients of a RESP server (tests, tools). Input is a byte
// string; returns the reply and where it ended, or null when the buffer holds only part of it.

import type { Reply } from '../shared/reply.js';

export interface Parsed {
  reply: Reply;
  end: number;
}

export function parseReply(buf: string, pos = 0): Parsed | null {
  try {
    return parseOne(buf, pos);
  } catch (e) {
    // nesting deeper than the JS stack allows (a script's table that contains itself)
    if (e instanceof RangeError) return parseFlat(buf, pos);
    throw e;
  }
}

/** parseOne with a stack of its own: aggregates here, everything else as parseOne reads it. */
function parseFlat(buf: string, pos: number): Parsed | null {
  const open: { type: string; count: number; items: Reply[] }[] = [];
  let at = pos;
  for (;;) {
    let done: Reply;
    const type = buf[at];
    if (type === '*' || type === '~' || type === '>' || type === '%') {
      const eol = buf.indexOf('\r\n', at);
      if (eol < 0) return null;
      const n = Number(buf.slice(at + 1, eol));
      at = eol + 2;
      if (n >= 0) {
        open.push({ type, count: type === '%' ? n * 2 : n, items: [] });
        if (n > 0) continue;
        done = close(open.pop()!);
      } else done = { t: 'array', v: null };
    } else {
      const p = parseOne(buf, at);
      if (p === null) return null;
      done = p.reply;
      at = p.end;
    }
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) return { reply: done, end: at };
      top.items.push(done);
      if (top.items.length < top.count) break;
      done = close(open.pop()!);
    }
  }
}

function close(a: { type: string; items: Reply[] }): Reply {
  if (a.type === '%') {
    const pairs: [Reply, Reply][] = [];
    for (let i = 0; i < a.items.length; i += 2) pairs.push([a.items[i]!, a.items[i + 1]!]);
    return { t: 'map', v: pairs };
  }
  return { t: a.type === '*' ? 'array' : a.type === '~' ? 'set' : 'push', v: a.items };
}

function parseOne(buf: string, pos: number): Parsed | null {
  const eol = buf.indexOf('\r\n', pos);
  if (eol < 0) return null;
  const type = buf[pos];
  const line = buf.slice(pos + 1, eol);
  const next = eol + 2;
  switch (type) {
    case '+':
      return { reply: { t: 'simple', v: line }, end: next };
    case '-':
      return { reply: { t: 'error', v: line }, end: next };
    case ':': {
      const n = BigInt(line);
      const v = n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
      return { reply: { t: 'int', v }, end: next };
    }
    case '_':
      return { reply: { t: 'bulk', v: null }, end: next };
    case ',':
      return { reply: { t: 'double', v: Number(line.replace(/^(-?)inf$/, '$1Infinity')), s: line }, end: next };
    case '#':
      return { reply: { t: 'bool', v: line === 't' }, end: next };
    case '(':
      return { reply: { t: 'big', v: line }, end: next };
    case '$':
    case '=':
    case '!': {
      const len = Number(line);
      if (len < 0) return { reply: { t: 'bulk', v: null }, end: next };
      if (buf.length < next + len + 2) return null;
      const body = buf.slice(next, next + len);
      const end = next + len + 2;
      if (type === '$') return { reply: { t: 'bulk', v: body }, end };
      if (type === '!') return { reply: { t: 'error', v: body }, end };
      return { reply: { t: 'verbatim', format: body.slice(0, 3), v: body.slice(4) }, end };
    }
    case '*':
    case '~':
    case '>':
    case '%':
    case '|': {
      // '|': an attribute (its pairs, read as a map of their own) before the reply it is about.
      const n = Number(line);
      if (n < 0) return { reply: { t: 'array', v: null }, end: next };
      const count = type === '%' || type === '|' ? n * 2 : n;
      const items: Reply[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const p = parseOne(buf, at);
        if (p === null) return null;
        items.push(p.reply);
        at = p.end;
      }
      if (type === '%' || type === '|') {
        const pairs: [Reply, Reply][] = [];
        for (let i = 0; i < items.length; i += 2) pairs.push([items[i]!, items[i + 1]!]);
        return { reply: { t: 'map', v: pairs }, end: at };
      }
      const t = type === '*' ? 'array' : type === '~' ? 'set' : 'push';
      return { reply: { t, v: items }, end: at };
    }
    default:
      throw new Error(`not a RESP reply at ${pos}: ${JSON.stringify(buf.slice(pos, pos + 20))}`);
  }
}
