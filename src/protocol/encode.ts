// Reply → RESP bytes (as a byte string), in the client's protocol version. RESP2 folds the
// RESP3-only types the way Redis does: maps become flat arrays, sets arrays, doubles bulk
// strings, booleans integers, nulls the nil bulk or nil array of their kind.
//
// Small replies are built by string concatenation (fastest for a few parts). Aggregates with
// many elements are written byte by byte into a reused buffer instead: concatenating a million
// small strings builds a million rope nodes and costs ~10× more.

import type { Reply } from '../shared/reply.js';

/**
 * An error's text as it goes out: a CR or LF inside (an argument echoed in it) would end the
 * reply early and break the protocol, so each becomes a space, as Redis's addReplyErrorFormat
 * (and addReplyErrorSdsSafe) do.
 */
function errorText(v: string): string {
  return v.indexOf('\r') < 0 && v.indexOf('\n') < 0 ? v : v.replace(/[\r\n]/g, ' ');
}

/** From this many elements an aggregate is encoded through the byte writer. */
const BIG_AGGREGATE = 128;

export function encodeReply(r: Reply, resp: 2 | 3): string {
  try {
    return encode(r, resp);
  } catch (e) {
    // nesting deeper than the JS stack allows (a script's table that contains itself): again
    // without recursion
    if (e instanceof RangeError) return encodeFlat(r, resp);
    throw e;
  }
}

function encode(r: Reply, resp: 2 | 3): string {
  switch (r.t) {
    case 'simple':
      return r.v === 'OK' ? '+OK\r\n' : '+' + r.v + '\r\n';
    case 'error':
      return '-' + errorText(r.v) + '\r\n';
    case 'int':
      return ':' + r.v + '\r\n';
    case 'bulk':
      if (r.v === null) return resp === 3 ? '_\r\n' : '$-1\r\n';
      return '$' + r.v.length + '\r\n' + r.v + '\r\n';
    case 'array':
      if (r.v === null) return resp === 3 ? '_\r\n' : '*-1\r\n';
      if (r.v.length >= BIG_AGGREGATE) return encodeBig(r, resp);
      return aggregate('*', r.v, resp);
    case 'set':
      if (r.v.length >= BIG_AGGREGATE) return encodeBig(r, resp);
      return aggregate(resp === 3 ? '~' : '*', r.v, resp);
    case 'push':
      if (r.v.length >= BIG_AGGREGATE) return encodeBig(r, resp);
      return aggregate(resp === 3 ? '>' : '*', r.v, resp);
    case 'map': {
      if (r.v.length >= BIG_AGGREGATE / 2) return encodeBig(r, resp);
      let out = (resp === 3 ? '%' + r.v.length : '*' + r.v.length * 2) + '\r\n';
      for (const [k, v] of r.v) out += encode(k, resp) + encode(v, resp);
      return out;
    }
    case 'double':
      return resp === 3 ? ',' + r.s + '\r\n' : '$' + r.s.length + '\r\n' + r.s + '\r\n';
    case 'bool':
      return resp === 3 ? (r.v ? '#t\r\n' : '#f\r\n') : r.v ? ':1\r\n' : ':0\r\n';
    case 'raw':
      return r.v;
    case 'big':
      return resp === 3 ? '(' + r.v + '\r\n' : '$' + r.v.length + '\r\n' + r.v + '\r\n';
    case 'verbatim': {
      if (resp === 2) return '$' + r.v.length + '\r\n' + r.v + '\r\n';
      const body = r.format + ':' + r.v;
      return '=' + body.length + '\r\n' + body + '\r\n';
    }
  }
}

function aggregate(prefix: string, items: readonly Reply[], resp: 2 | 3): string {
  let out = prefix + items.length + '\r\n';
  for (const item of items) out += encode(item, resp);
  return out;
}

/** encode with a stack of its own: aggregates' headers here, everything else as encode does it. */
function encodeFlat(root: Reply, resp: 2 | 3): string {
  const parts: string[] = [];
  const todo: Reply[] = [root];
  for (let r = todo.pop(); r !== undefined; r = todo.pop()) {
    let items: readonly Reply[];
    switch (r.t) {
      case 'array':
        if (r.v === null) {
          parts.push(encode(r, resp));
          continue;
        }
        parts.push('*' + r.v.length + '\r\n');
        items = r.v;
        break;
      case 'set':
      case 'push':
        parts.push((resp === 2 ? '*' : r.t === 'set' ? '~' : '>') + r.v.length + '\r\n');
        items = r.v;
        break;
      case 'map':
        parts.push((resp === 3 ? '%' + r.v.length : '*' + r.v.length * 2) + '\r\n');
        items = r.v.flat();
        break;
      default:
        parts.push(encode(r, resp));
        continue;
    }
    for (let i = items.length - 1; i >= 0; i--) todo.push(items[i]!);
  }
  return parts.join('');
}

// ---- the byte writer for big aggregates ----------------------------------------------------------

interface NodeBufferLike extends Uint8Array {
  latin1Slice(start: number, end: number): string;
  latin1Write(s: string, offset: number): number;
}
interface NodeBufferCtor {
  from(ab: ArrayBufferLike, offset: number, length: number): NodeBufferLike;
}
/** Node's Buffer when there is one (the server); the browser falls back to plain loops. */
const NodeBuffer = (globalThis as unknown as { Buffer?: NodeBufferCtor }).Buffer;

/** Strings at least this long are copied with one native call instead of a loop. */
const NATIVE_COPY_AT = 48;
/** A buffer grown past this is dropped after use rather than kept for the next reply. */
const KEEP_AT_MOST = 4 * 1024 * 1024;

class ByteWriter {
  buf: Uint8Array;
  node: NodeBufferLike | null;
  p = 0;

  constructor(size: number) {
    this.buf = new Uint8Array(size);
    this.node = NodeBuffer ? NodeBuffer.from(this.buf.buffer, 0, size) : null;
  }

  ensure(n: number): void {
    if (this.p + n <= this.buf.length) return;
    const size = Math.max(this.buf.length * 2, this.p + n);
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.p));
    this.buf = grown;
    this.node = NodeBuffer ? NodeBuffer.from(grown.buffer, 0, size) : null;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.p++] = b;
  }

  crlf(): void {
    this.ensure(2);
    this.buf[this.p++] = 13;
    this.buf[this.p++] = 10;
  }

  /** A one-line reply: its type byte, the text, CRLF. */
  line(type: number, text: string): void {
    this.byte(type);
    this.str(text);
    this.crlf();
  }

  /** A byte string (chars 0-255). */
  str(s: string): void {
    const n = s.length;
    this.ensure(n);
    if (n >= NATIVE_COPY_AT && this.node !== null) {
      this.p += this.node.latin1Write(s, this.p);
      return;
    }
    const b = this.buf;
    let p = this.p;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.p = p;
  }

  /** An integer in decimal (digits written directly: no string to allocate). */
  num(n: number | bigint): void {
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
      this.str(String(n));
      return;
    }
    this.ensure(17);
    const b = this.buf;
    if (n < 0) {
      b[this.p++] = 45;
      n = -n;
    }
    if (n < 10) {
      b[this.p++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let q = this.p + digits;
    for (let x = n; x > 0; x = Math.floor(x / 10)) b[--q] = 48 + (x % 10);
    this.p += digits;
  }

  /** A header: type byte, a count or length, CRLF. */
  head(type: number, n: number): void {
    this.byte(type);
    this.num(n);
    this.crlf();
  }

  /** The bytes written so far, as a byte string. */
  text(): string {
    if (this.node !== null) return this.node.latin1Slice(0, this.p);
    let out = '';
    for (let i = 0; i < this.p; i += 8192) {
      out += String.fromCharCode.apply(null, Array.from(this.buf.subarray(i, Math.min(this.p, i + 8192))));
    }
    return out;
  }
}

let shared: ByteWriter | null = null;

function encodeBig(r: Reply, resp: 2 | 3): string {
  const w = shared ?? new ByteWriter(64 * 1024);
  shared = null; // not reentrant: a nested call (there is none today) would get its own
  try {
    w.p = 0;
    put(w, r, resp);
    return w.text();
  } finally {
    if (w.buf.length <= KEEP_AT_MOST) shared = w;
  }
}

function put(w: ByteWriter, r: Reply, resp: 2 | 3): void {
  switch (r.t) {
    case 'simple':
      w.line(43, r.v);
      return;
    case 'error':
      w.line(45, errorText(r.v));
      return;
    case 'int':
      w.byte(58);
      w.num(r.v);
      w.crlf();
      return;
    case 'bulk':
      if (r.v === null) w.str(resp === 3 ? '_\r\n' : '$-1\r\n');
      else {
        w.head(36, r.v.length);
        w.str(r.v);
        w.crlf();
      }
      return;
    case 'array':
      if (r.v === null) w.str(resp === 3 ? '_\r\n' : '*-1\r\n');
      else putItems(w, 42, r.v, resp);
      return;
    case 'set':
      putItems(w, resp === 3 ? 126 : 42, r.v, resp);
      return;
    case 'push':
      putItems(w, resp === 3 ? 62 : 42, r.v, resp);
      return;
    case 'map':
      if (resp === 3) w.head(37, r.v.length);
      else w.head(42, r.v.length * 2);
      for (const [k, v] of r.v) {
        put(w, k, resp);
        put(w, v, resp);
      }
      return;
    default:
      w.str(encodeReply(r, resp));
  }
}

function putItems(w: ByteWriter, type: number, items: readonly Reply[], resp: 2 | 3): void {
  w.head(type, items.length);
  for (const item of items) put(w, item, resp);
}
