// How redis-cli 7.0 prints a reply: the human form it uses on a terminal (cliFormatReplyTTY) and
// the --raw form (cliFormatReplyRaw), rewritten here from their rules.
//
// Output is a BYTE STRING (one char per byte, codes 0-255), exactly the bytes redis-cli writes
// to its stdout, newlines included as "\n" (the tty turns them into CR LF; give xterm.js
// `convertEol: true` or replace them). The terminal decodes it as UTF-8 the way a real terminal
// does: write `Uint8Array.from(out, c => c.charCodeAt(0))`, or `utf8Decode(out)` for a JS
// string. In the tty form every byte outside printable ASCII of a string is escaped (\xHH), so
// there the result is plain ASCII; raw mode, verbatim strings (INFO, CLIENT LIST) and errors
// carry the bytes as they are, so a value holding UTF-8 shows as text.
//
// The engine keeps RESP3 types in its replies for every client; what redis-cli sees depends on
// the protocol of the connection (RESP2 folds maps into flat arrays, doubles into bulk strings,
// booleans into integers, ...). `resp` says which protocol the reply was sent in.

import { cString } from '../shared/args.js';
import type { Reply } from '../shared/reply.js';

export type OutputMode = 'tty' | 'raw';

/**
 * Formats one reply as redis-cli 7.0.15 prints it after a command: the tty form, or the --raw
 * form (which ends with one "\n", redis-cli's command delimiter).
 */
export function formatReply(reply: Reply, mode: OutputMode, resp: 2 | 3 = 2): string {
  return joined(formatReplyChunks(reply, mode, resp));
}

/**
 * formatReply's output in pieces, made as they are taken: a page prints a reply of megabytes
 * a slice at a time, never formatting all of it in one task. No piece is much over 64 KB.
 */
export function* formatReplyChunks(reply: Reply, mode: OutputMode, resp: 2 | 3 = 2): Generator<string, void, undefined> {
  const r = resp === 2 ? foldResp2(reply) : reply;
  if (mode === 'tty') {
    yield* formatTTY(r, '');
  } else {
    yield* formatRaw(r);
    yield '\n';
  }
}

/**
 * What redis-cli prints for commands whose reply it always shows unquoted, whatever the mode
 * (INFO, CLIENT LIST, ... see `isRawOutputCommand`): the raw form without the final delimiter.
 */
export function formatReplyUnquoted(reply: Reply, resp: 2 | 3 = 2): string {
  return joined(formatReplyUnquotedChunks(reply, resp));
}

/** formatReplyUnquoted's output in pieces (see formatReplyChunks). */
export function formatReplyUnquotedChunks(reply: Reply, resp: 2 | 3 = 2): Generator<string, void, undefined> {
  return formatRaw(resp === 2 ? foldResp2(reply) : reply);
}

/** The pieces as one string. */
export function joined(chunks: Iterable<string>): string {
  let out = '';
  for (const chunk of chunks) out += chunk;
  return out;
}

/**
 * Commands redis-cli prints with the raw formatter even on a terminal (cliSendCommand's
 * output_raw list): their replies are text meant to be read as is. Names are matched without
 * regard to case; argv holds the arguments as sent (after a repeat count).
 */
export function isRawOutputCommand(argv: readonly string[]): boolean {
  const argc = argv.length;
  if (argc === 0) return false;
  const cmd = asciiLower(argv[0]!);
  if (cmd === 'info' || cmd === 'lolwut') return true;
  if (argc < 2) return false;
  const sub = asciiLower(argv[1]!);
  switch (cmd) {
    case 'debug':
      return sub === 'htstats' || sub === 'htstats-key' || sub === 'client-eviction';
    case 'memory':
      return sub === 'malloc-stats' || sub === 'doctor';
    case 'cluster':
      return argc === 2 && (sub === 'nodes' || sub === 'info');
    case 'client':
      return sub === 'list' || sub === 'info';
    case 'latency':
      return (argc === 3 && sub === 'graph') || (argc === 2 && sub === 'doctor');
    case 'proxy':
      return sub === 'info';
    default:
      return false;
  }
}

/**
 * Whether a push is a client-side-caching invalidation message, which redis-cli prints in its
 * own short form on a terminal (`-> invalidate: 'k1', 'k2'`).
 */
export function isInvalidatePush(r: Reply): boolean {
  if (r.t !== 'push' || r.v.length !== 2) return false;
  const [kind, keys] = r.v as [Reply, Reply];
  return kind.t === 'bulk' && kind.v !== null && kind.v.startsWith('invalidate') && keys.t === 'array' && keys.v !== null;
}

/**
 * How redis-cli prints a push that arrives outside of pub/sub mode (its push handler):
 * invalidations in their short form on a terminal, anything else like a reply.
 */
export function formatPush(reply: Reply, mode: OutputMode, resp: 2 | 3 = 3): string {
  return joined(formatPushChunks(reply, mode, resp));
}

/** formatPush's output in pieces (see formatReplyChunks). */
export function* formatPushChunks(reply: Reply, mode: OutputMode, resp: 2 | 3 = 3): Generator<string, void, undefined> {
  if (mode === 'tty' && isInvalidatePush(reply)) {
    const keys = (reply.v as Reply[])[1]!.v as Reply[];
    let out = '-> invalidate: ';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      // printed with %s: the key as raw bytes, cut at a NUL
      out += "'" + cString(k.t === 'bulk' && k.v !== null ? k.v : '') + "'";
      if (i < keys.length - 1) out += ', ';
    }
    yield out + '\n';
    return;
  }
  yield* formatReplyChunks(reply, mode, resp);
}

/** sdscatrepr's one-letter escapes, by byte (0: none). */
const SHORT_ESCAPE = new Uint8Array(256);
for (const [byte, letter] of [
  ['"', '"'],
  ['\\', '\\'],
  ['\n', 'n'],
  ['\r', 'r'],
  ['\t', 't'],
  ['\x07', 'a'],
  ['\b', 'b'],
] as const) {
  SHORT_ESCAPE[byte.charCodeAt(0)] = letter.charCodeAt(0);
}
const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (d) => d.charCodeAt(0));
/** Character codes per String.fromCharCode call (its arguments are bounded). */
const CHARS_PER_CALL = 8192;

/**
 * sdscatrepr(): a string in double quotes with C-style escapes, as redis-cli shows values.
 * Written into bytes rather than joined from pieces: a megabyte of binary data quotes in tens
 * of milliseconds instead of hundreds, so the page's terminal stays responsive.
 */
export function quoteRepr(s: string): string {
  return '"' + escapeRepr(s, 0, s.length) + '"';
}

/** quoteRepr in pieces of at most CHUNK input bytes each. */
function* quoteReprChunks(s: string): Generator<string, void, undefined> {
  if (s.length <= CHUNK) {
    yield quoteRepr(s);
    return;
  }
  yield '"';
  for (let i = 0; i < s.length; i += CHUNK) yield escapeRepr(s, i, Math.min(s.length, i + CHUNK));
  yield '"';
}

/** Bytes of a string value escaped or copied in one piece (then the next piece is made). */
const CHUNK = 16 * 1024;

/** sdscatrepr's escaping of s[from, to), without the quotes. */
function escapeRepr(s: string, from: number, to: number): string {
  const out = new Uint8Array((to - from) * 4);
  let o = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) & 0xff;
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) {
      out[o++] = c;
      continue;
    }
    out[o++] = 0x5c;
    const letter = SHORT_ESCAPE[c]!;
    if (letter !== 0) {
      out[o++] = letter;
    } else {
      out[o++] = 0x78; // x
      out[o++] = HEX_DIGITS[c >> 4]!;
      out[o++] = HEX_DIGITS[c & 15]!;
    }
  }
  const parts: string[] = [];
  for (let i = 0; i < o; i += CHARS_PER_CALL)
    parts.push(String.fromCharCode.apply(null, out.subarray(i, Math.min(o, i + CHARS_PER_CALL)) as unknown as number[]));
  return parts.join('');
}

/** A string value in pieces of at most CHUNK bytes. */
function* slices(s: string): Generator<string, void, undefined> {
  if (s.length <= CHUNK) {
    yield s;
    return;
  }
  for (let i = 0; i < s.length; i += CHUNK) yield s.slice(i, i + CHUNK);
}

// ---- internals ---------------------------------------------------------------------------------

/** What a RESP2 connection receives for a reply (the RESP encoder's folding, as a Reply). */
export function foldResp2(r: Reply): Reply {
  switch (r.t) {
    case 'map': {
      const flat: Reply[] = [];
      for (const [k, v] of r.v) flat.push(foldResp2(k), foldResp2(v));
      return { t: 'array', v: flat };
    }
    case 'set':
    case 'push':
      return { t: 'array', v: r.v.map(foldResp2) };
    case 'array':
      return r.v === null ? r : { t: 'array', v: r.v.map(foldResp2) };
    case 'double':
      return { t: 'bulk', v: r.s };
    case 'bool':
      return { t: 'int', v: r.v ? 1 : 0 };
    case 'verbatim':
    case 'raw':
    case 'big':
      return { t: 'bulk', v: r.v };
    default:
      return r;
  }
}

function asciiLower(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 32)) : s;
}

function isNil(r: Reply): boolean {
  return (r.t === 'bulk' || r.t === 'array') && r.v === null;
}

/** Elements of an aggregate as hiredis counts them (a map has two per pair). */
function elementCount(r: Reply): number {
  switch (r.t) {
    case 'array':
      return r.v === null ? 0 : r.v.length;
    case 'set':
    case 'push':
      return r.v.length;
    case 'map':
      return r.v.length * 2;
    default:
      return 0;
  }
}

/** cliIsMultilineValueTTY: does this value print on several lines? */
function isMultiline(r: Reply): boolean {
  switch (r.t) {
    case 'array':
    case 'set':
    case 'push': {
      const items = r.v;
      if (items === null || items.length === 0) return false;
      if (items.length > 1) return true;
      return isMultiline(items[0]!);
    }
    case 'map':
      if (r.v.length === 0) return false;
      if (r.v.length > 1) return true;
      return isMultiline(r.v[0]![1]);
    default:
      return false;
  }
}

function* formatTTY(r: Reply, prefix: string): Generator<string, void, undefined> {
  switch (r.t) {
    case 'error':
      yield '(error) ' + cString(r.v) + '\n';
      return;
    case 'simple':
      yield cString(r.v) + '\n';
      return;
    case 'int':
      yield '(integer) ' + String(r.v) + '\n';
      return;
    case 'double':
      yield '(double) ' + r.s + '\n';
      return;
    case 'bulk':
      if (r.v === null) yield '(nil)\n';
      else {
        yield* quoteReprChunks(r.v);
        yield '\n';
      }
      return;
    // A big number never reaches redis-cli's printing (session.ts: it exits); its digits elsewhere.
    case 'big':
    case 'verbatim':
    case 'raw':
      yield* slices(r.v);
      yield '\n';
      return;
    case 'bool':
      yield r.v ? '(true)\n' : '(false)\n';
      return;
    case 'array':
    case 'set':
    case 'push':
    case 'map':
      break;
  }
  if (isNil(r)) {
    yield '(nil)\n';
    return;
  }
  const count = elementCount(r);
  if (count === 0) {
    yield r.t === 'array' ? '(empty array)\n' : r.t === 'map' ? '(empty hash)\n' : r.t === 'set' ? '(empty set)\n' : '(empty push)\n';
    return;
  }
  const shown = r.t === 'map' ? count / 2 : count;
  const width = String(shown).length;
  const childPrefix = prefix + ' '.repeat(width + 2);
  const sep = r.t === 'set' ? '~' : r.t === 'map' ? '#' : ')';
  if (r.t === 'map') {
    for (let i = 0; i < r.v.length; i++) {
      const [k, v] = r.v[i]!;
      // The key's own line end is replaced by the arrow.
      let head = (i === 0 ? '' : prefix) + String(i + 1).padStart(width) + sep + ' ' + joined(formatTTY(k, childPrefix)).slice(0, -1) + ' => ';
      if (isMultiline(v)) head += '\n' + childPrefix;
      yield head;
      yield* formatTTY(v, childPrefix);
    }
    return;
  }
  const items = r.v as Reply[];
  for (let i = 0; i < items.length; i++) {
    yield (i === 0 ? '' : prefix) + String(i + 1).padStart(width) + sep + ' ';
    yield* formatTTY(items[i]!, childPrefix);
  }
}

function* formatRaw(r: Reply): Generator<string, void, undefined> {
  switch (r.t) {
    case 'error':
      yield* slices(r.v);
      yield '\n';
      return;
    case 'simple':
    case 'verbatim':
    case 'raw':
    case 'big':
      yield* slices(r.v);
      return;
    case 'bulk':
      if (r.v !== null) yield* slices(r.v);
      return;
    case 'int':
      yield String(r.v);
      return;
    case 'double':
      yield r.s;
      return;
    case 'bool':
      yield r.v ? '(true)' : '(false)';
      return;
    case 'array':
    case 'set':
    case 'push': {
      if (r.v === null) return;
      for (let i = 0; i < r.v.length; i++) {
        if (i > 0) yield '\n';
        yield* formatRaw(r.v[i]!);
      }
      return;
    }
    case 'map': {
      for (let i = 0; i < r.v.length; i++) {
        if (i > 0) yield '\n';
        const [k, v] = r.v[i]!;
        yield* formatRaw(k);
        yield ' ';
        yield* formatRaw(v);
      }
      return;
    }
  }
}
