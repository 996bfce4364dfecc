// Client request bytes → argv, read the way Redis 7.0.15 reads a connection's query buffer
// (networking.c processInputBuffer / processMultibulkBuffer / processInlineBuffer):
//
// - A command starting with '*' is RESP multibulk (`*N\r\n$len\r\n<bytes>\r\n…`); anything
//   else is an inline command, split with sdssplitargs's quoting rules.
// - Pipelining: `push` any number of chunks, then call `next` until it returns null. A command
//   may span any number of chunks; arguments are consumed as they complete, so what is kept
//   between chunks is at most one partial line or one partial bulk.
// - Big bulks (PROTO_MBULK_BIG_ARG, 32 KB, and more): every byte of the bulk is copied once,
//   straight from the chunk it came in into a string of that chunk's part, and the strings are
//   joined without a copy once all have come; the pending buffer is never re-concatenated, so a
//   512 MB argument costs O(n) in total (where Redis preallocates with sdsMakeRoomFor).
// - Errors are Redis's, byte for byte. A protocol error is fatal: the caller sends the message
//   (replies to the commands before it go first, as in Redis) and closes the connection.
//
// Redis quirks kept on purpose: it finds line ends with strchr, so a NUL byte before the end of
// a line hides the line (the connection waits, then fails with a "too big" error after 64 KB);
// it skips the two bytes after a '\r' or after a bulk body without checking they are "\r\n".
//
// Arguments come out as byte strings (one char per byte, codes 0-255), what the engine wants.

import { constants } from 'node:buffer';
import * as E from '../shared/errors.js';

/** Longest inline line, count line or bulk-length line Redis buffers (PROTO_INLINE_MAX_SIZE). */
export const PROTO_INLINE_MAX_SIZE = 64 * 1024;
/** Redis's PROTO_MBULK_BIG_ARG: from this size a bulk gets a buffer sized exactly for it. */
const BIG_ARG = 32 * 1024;
/** INT_MAX: the largest multibulk count Redis accepts. */
const MAX_MULTIBULK = 2147483647;
/** Multibulk count / bulk length an unauthenticated client may send. */
const UNAUTH_MAX_MULTIBULK = 10;
const UNAUTH_MAX_BULK = 16384;
const DEFAULT_MAX_BULK = 512 * 1024 * 1024;
/** proto-max-bulk-len cannot be set below 1 MB: shorter bulks need no look at the setting. */
const MIN_MAX_BULK = 1024 * 1024;
/** V8 cannot make a string longer than this (2^29 - 24 chars), a little under 512 MB. */
const MAX_STRING = constants.MAX_STRING_LENGTH;

const CR = 13;
const LF = 10;
const NUL = 0;

/**
 * A request that must be answered with an error instead of running. `fatal`: a protocol
 * error, after which Redis sends the error and closes the connection; nothing more is parsed.
 */
export class RequestError {
  constructor(
    /** The whole error message, e.g. "ERR Protocol error: invalid bulk length". */
    readonly message: string,
    readonly fatal: boolean,
  ) {}
}

export interface RequestParserOptions {
  /** proto-max-bulk-len (read at each bulk length). Default 512 MB. */
  maxBulkLen?: () => number;
  /** Redis's authRequired(): unauthenticated clients are limited to small requests. */
  authRequired?: () => boolean;
}

const EMPTY = Buffer.alloc(0);
const NO_ARGS: string[] = [];

const enum ReqType {
  Unknown = 0,
  Inline = 1,
  Multibulk = 2,
}

export class RequestParser {
  /** Bytes [pos, len) of buf are unread. */
  private buf: Buffer = EMPTY;
  private pos = 0;
  private len = 0;
  /** buf is our own allocation (we may copy into its spare room), not a chunk we were given. */
  private owned = false;

  private reqtype = ReqType.Unknown;
  /** Arguments still to read in the current multibulk command (0: read the count line). */
  private multibulklen = 0;
  /** Length of the bulk being read, or -1 when its "$len" line is next. */
  private bulklen = -1;
  private argv: string[] = [];
  /** An argument too long for a JS string was skipped: answer the command with an error. */
  private tooLong = false;
  /**
   * The big bulk being read (bulklen >= BIG_ARG): its bytes as strings, one a chunk, joined once
   * complete without copying them again (joinRope), and how many arrived. Each byte is copied
   * once, from the socket's buffer into the string: a buffer of its own would be a second copy
   * into fresh memory, the most of a 64 MB SET's time. `big` is null for a bulk longer than a
   * JS string, which is only counted.
   */
  private big: string[] | null = null;
  private bigFilled = 0;
  private bigActive = false;

  /** How far past pos the current line was already searched (no terminator found there). */
  private scanned = 0;
  /** A NUL byte precedes the terminator of the current line: strchr never finds it. */
  private hidden = false;

  private failed = false;
  private readonly maxBulkLen: () => number;
  private readonly authRequired: () => boolean;

  constructor(options: RequestParserOptions = {}) {
    this.maxBulkLen = options.maxBulkLen ?? (() => DEFAULT_MAX_BULK);
    this.authRequired = options.authRequired ?? (() => false);
  }

  /** Bytes received but not consumed yet, besides a big bulk's (see queryBufferLength). */
  get buffered(): number {
    return this.len - this.pos;
  }

  /**
   * Redis's sdslen(querybuf), what client-query-buffer-limit is compared with: the unread
   * bytes, and those of the big bulk being read (Redis reads a big bulk inside its querybuf).
   */
  get queryBufferLength(): number {
    return this.len - this.pos + (this.bigActive ? this.bigFilled : 0);
  }

  /** The first `n` bytes of the query buffer, for the log line of a client closed for its size. */
  queryBufferHead(n: number): Buffer {
    if (this.bigActive && this.big !== null) {
      let head = '';
      for (let i = 0; i < this.big.length && head.length < n; i++) head += this.big[i]!;
      return Buffer.from(head.slice(0, n), 'latin1');
    }
    return this.buf.subarray(this.pos, Math.min(this.len, this.pos + n));
  }

  /** Appends bytes read from the connection. */
  push(chunk: Uint8Array): void {
    if (this.failed || chunk.length === 0) return;
    let buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.bigActive && this.pos === this.len) {
      // A big bulk is arriving: its bytes go straight into its strings.
      const take = this.fillBig(buffer, 0, buffer.length);
      if (take === buffer.length) return;
      buffer = buffer.subarray(take);
    }
    const rest = this.len - this.pos;
    if (rest === 0) {
      // Nothing pending: read straight from the chunk, no copy.
      this.buf = buffer;
      this.pos = 0;
      this.len = buffer.length;
      this.owned = false;
      return;
    }
    const need = rest + buffer.length;
    if (this.owned && this.buf.length - this.len >= buffer.length) {
      buffer.copy(this.buf, this.len);
      this.len += buffer.length;
      return;
    }
    // Grow by doubling: what is pending here is at most a partial line or a bulk under 32 KB,
    // unless commands pile up while the client waits (blocked, or its output paused).
    const size = Math.max(need * 2, 16 * 1024);
    const grown = Buffer.allocUnsafe(size);
    this.buf.copy(grown, 0, this.pos, this.len);
    buffer.copy(grown, rest);
    this.buf = grown;
    this.pos = 0;
    this.len = need;
    this.owned = true;
  }

  /**
   * Copies the unread bytes out of the last chunk pushed, when it was read straight from it.
   * Call it before that chunk's memory is reused (a socket reading into one shared buffer).
   */
  detach(): void {
    if (this.owned || this.pos >= this.len) return;
    const rest = this.len - this.pos;
    const copy = Buffer.allocUnsafe(Math.max(16 * 1024, rest * 2));
    this.buf.copy(copy, 0, this.pos, this.len);
    this.buf = copy;
    this.pos = 0;
    this.len = rest;
    this.owned = true;
  }

  /**
   * The next complete command, a RequestError, or null when more bytes are needed. After a
   * fatal error it returns null forever. Empty commands (blank inline lines, `*0`, `*-1`) are
   * skipped as Redis skips them.
   */
  next(): string[] | RequestError | null {
    if (this.failed) return null;
    while (this.pos < this.len) {
      if (this.reqtype === ReqType.Unknown) {
        this.reqtype = this.buf[this.pos] === 42 /* '*' */ ? ReqType.Multibulk : ReqType.Inline;
      }
      const r = this.reqtype === ReqType.Inline ? this.inline() : this.multibulk();
      if (r === null || r instanceof RequestError) return r;
      this.reqtype = ReqType.Unknown;
      if (r.length === 0) continue;
      if (this.tooLong) {
        this.tooLong = false;
        return new RequestError(E.argumentTooLong(MAX_STRING), false);
      }
      return r;
    }
    // Drop a big buffer once everything in it is read.
    if (this.owned && this.buf.length > 1024 * 1024 && this.pos === this.len) {
      this.buf = EMPTY;
      this.pos = this.len = 0;
      this.owned = false;
    }
    return null;
  }

  /**
   * Copies bytes [from, to) of `src`, as many as the big bulk still lacks, into its buffer (or
   * only counts them for a bulk too long to keep). Returns how many it took.
   */
  private fillBig(src: Buffer, from: number, to: number): number {
    const take = Math.min(to - from, this.bulklen - this.bigFilled);
    if (this.big !== null && take > 0) this.big.push((src as Latin1Sliceable).latin1Slice(from, from + take));
    this.bigFilled += take;
    return take;
  }

  private fail(message: string): RequestError {
    this.failed = true;
    return new RequestError(message, true);
  }

  /**
   * strchr(querybuf + pos, ch): the index of the first `ch` at or after pos, or -1 when there
   * is none yet or a NUL comes first. Remembers how far it looked, so a line that arrives byte
   * by byte is searched once.
   */
  private findLineEnd(ch: number): number {
    if (this.hidden) return -1;
    const buf = this.buf;
    const len = this.len;
    for (let i = this.pos + this.scanned; i < len; i++) {
      const b = buf[i]!;
      if (b === ch) {
        this.scanned = 0;
        return i;
      }
      if (b === NUL) {
        this.hidden = true;
        return -1;
      }
    }
    this.scanned = len - this.pos;
    return -1;
  }

  private consumeTo(pos: number): void {
    this.pos = pos;
    this.scanned = 0;
    this.hidden = false;
  }

  // ---- inline ----------------------------------------------------------------------------------

  private inline(): string[] | RequestError | null {
    const nl = this.findLineEnd(LF);
    if (nl < 0) {
      if (this.len - this.pos > PROTO_INLINE_MAX_SIZE) return this.fail(E.PROTO_TOO_BIG_INLINE);
      return null;
    }
    let end = nl;
    if (end > this.pos && this.buf[end - 1] === CR) end--;
    const argv = splitArgs(this.buf, this.pos, end);
    if (argv === null) return this.fail(E.PROTO_UNBALANCED_QUOTES);
    this.consumeTo(nl + 1);
    return argv;
  }

  // ---- multibulk -------------------------------------------------------------------------------

  private multibulk(): string[] | RequestError | null {
    if (this.multibulklen === 0) {
      const quick = this.quickLength();
      if (quick >= 0) {
        if (quick > MAX_MULTIBULK) return this.fail(E.PROTO_INVALID_MULTIBULK_LEN);
        if (quick > UNAUTH_MAX_MULTIBULK && this.authRequired()) {
          return this.fail(E.PROTO_UNAUTH_MULTIBULK_LEN);
        }
        if (quick === 0) return NO_ARGS;
        this.multibulklen = quick;
        this.argv = [];
      }
    }
    if (this.multibulklen === 0) {
      const cr = this.findLineEnd(CR);
      if (cr < 0) {
        if (this.len - this.pos > PROTO_INLINE_MAX_SIZE) return this.fail(E.PROTO_TOO_BIG_MBULK_COUNT);
        return null;
      }
      // The '\r' must not be the last byte: the byte after it is skipped unchecked.
      if (cr > this.len - 2) return null;
      const n = parseLength(this.buf, this.pos + 1, cr);
      if (Number.isNaN(n) || n > MAX_MULTIBULK) return this.fail(E.PROTO_INVALID_MULTIBULK_LEN);
      if (n > UNAUTH_MAX_MULTIBULK && this.authRequired()) {
        return this.fail(E.PROTO_UNAUTH_MULTIBULK_LEN);
      }
      this.consumeTo(cr + 2);
      if (n <= 0) return NO_ARGS;
      this.multibulklen = n;
      this.argv = [];
    }
    const argv = this.argv;
    while (this.multibulklen > 0) {
      if (this.bulklen === -1) {
        const quick = this.buf[this.pos] === 36 /* '$' */ ? this.quickLength() : -1;
        if (quick >= 0) {
          if (quick >= MIN_MAX_BULK && quick > this.maxBulkLen()) return this.fail(E.PROTO_INVALID_BULK_LEN);
          if (quick > UNAUTH_MAX_BULK && this.authRequired()) return this.fail(E.PROTO_UNAUTH_BULK_LEN);
          this.bulklen = quick;
        }
      }
      if (this.bulklen === -1) {
        const cr = this.findLineEnd(CR);
        if (cr < 0) {
          if (this.len - this.pos > PROTO_INLINE_MAX_SIZE) return this.fail(E.PROTO_TOO_BIG_BULK_COUNT);
          return null;
        }
        if (cr > this.len - 2) return null;
        const first = this.buf[this.pos]!;
        if (first !== 36 /* '$' */) {
          // Redis turns CR and LF in error text into spaces.
          const shown = first === CR || first === LF ? ' ' : String.fromCharCode(first);
          return this.fail(E.protoExpectedDollar(shown));
        }
        const n = parseLength(this.buf, this.pos + 1, cr);
        if (Number.isNaN(n) || n < 0 || (n >= MIN_MAX_BULK && n > this.maxBulkLen())) {
          return this.fail(E.PROTO_INVALID_BULK_LEN);
        }
        if (n > UNAUTH_MAX_BULK && this.authRequired()) return this.fail(E.PROTO_UNAUTH_BULK_LEN);
        this.consumeTo(cr + 2);
        this.bulklen = n;
      }
      const n = this.bulklen;
      if (n >= BIG_ARG && (this.bigActive || this.len - this.pos < n + 2)) {
        // Not all here: read it into a buffer of its own (or count it, when too long to keep).
        if (!this.bigActive) {
          this.bigActive = true;
          this.bigFilled = 0;
          this.big = n > MAX_STRING ? null : [];
        }
        this.pos += this.fillBig(this.buf, this.pos, this.len);
        // Then the two bytes after it, skipped unchecked as Redis does.
        if (this.bigFilled < n || this.len - this.pos < 2) return null;
        if (this.big === null) {
          this.tooLong = true;
          argv.push('');
        } else {
          argv.push(joinRope(this.big));
        }
        this.big = null;
        this.bigActive = false;
        this.bigFilled = 0;
        this.consumeTo(this.pos + 2);
        this.bulklen = -1;
        this.multibulklen--;
        continue;
      }
      const start = this.pos;
      if (this.len - start < n + 2) return null;
      if (n > MAX_STRING) {
        this.tooLong = true;
        argv.push('');
      } else {
        argv.push(bytesToString(this.buf, start, start + n));
      }
      this.consumeTo(start + n + 2);
      this.bulklen = -1;
      this.multibulklen--;
    }
    this.argv = NO_ARGS;
    return argv;
  }

  /**
   * The common case of a count or length line, read in one pass: '*' or '$' at pos, then a
   * plain number (no sign, no leading zero, at most 15 digits), CR, and one more byte. Consumes
   * the line and returns the number; returns -1, consuming nothing, for anything else, which
   * the general path then reads with all of Redis's rules.
   */
  private quickLength(): number {
    const buf = this.buf;
    const len = this.len;
    let i = this.pos + 1;
    if (i >= len) return -1;
    let c = buf[i]!;
    let n: number;
    if (c === 48) {
      n = 0;
      i++;
    } else if (c >= 49 && c <= 57) {
      n = c - 48;
      i++;
      const stop = Math.min(len, i + 14);
      while (i < stop && (c = buf[i]!) >= 48 && c <= 57) {
        n = n * 10 + (c - 48);
        i++;
      }
    } else {
      return -1;
    }
    if (i > len - 2 || buf[i] !== CR) return -1;
    this.consumeTo(i + 2);
    return n;
  }
}

/**
 * Redis's string2ll over bytes [start, end): an optional '-', then digits without a leading
 * zero (or just "0"), at most 20 chars, within int64. NaN when invalid. Results beyond 2^53
 * lose precision, which does not matter to the limits they are compared with.
 */
function parseLength(buf: Uint8Array, start: number, end: number): number {
  const slen = end - start;
  if (slen === 0 || slen >= 21) return NaN;
  let i = start;
  let negative = false;
  if (buf[i] === 45 /* '-' */) {
    negative = true;
    i++;
    if (i === end) return NaN;
  }
  const first = buf[i]!;
  if (first === 48 /* '0' */) return slen === 1 ? 0 : NaN;
  if (first < 49 || first > 57) return NaN;
  let v = 0;
  for (let j = i; j < end; j++) {
    const d = buf[j]! - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  const digits = end - i;
  if (digits > 19) return NaN;
  if (digits === 19) {
    // Exact int64 bounds: 9223372036854775807, and one more when negative.
    const limit = negative ? '9223372036854775808' : '9223372036854775807';
    for (let j = 0; j < 19; j++) {
      const c = buf[i + j]!;
      const l = limit.charCodeAt(j);
      if (c < l) break;
      if (c > l) return NaN;
    }
  }
  return negative ? -v : v;
}

const fcc = String.fromCharCode;

/** Buffer#latin1Slice: Node's fastest bytes → one-byte string (undocumented, missing in @types/node). */
type Latin1Sliceable = Buffer & { latin1Slice(start: number, end: number): string };

/**
 * One string of many, concatenated pairwise: V8 makes a rope of them (no copy) whose depth stays
 * log2 of their count, and flattens it once, when the value is first read whole.
 */
function joinRope(parts: string[]): string {
  let level = parts;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? level[i]! + level[i + 1]! : level[i]!);
    level = next;
  }
  return level[0] ?? '';
}

/** Bytes [a, b) as a byte string. Short ones are built directly: cheaper than a Buffer call. */
function bytesToString(buf: Buffer, a: number, b: number): string {
  // One line per length: Prettier would spread the longer calls over a line per argument.
  // prettier-ignore
  switch (b - a) {
    case 0:
      return '';
    case 1:
      return fcc(buf[a]!);
    case 2:
      return fcc(buf[a]!, buf[a + 1]!);
    case 3:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!);
    case 4:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!);
    case 5:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!);
    case 6:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!, buf[a + 5]!);
    case 7:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!, buf[a + 5]!, buf[a + 6]!);
    case 8:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!, buf[a + 5]!, buf[a + 6]!, buf[a + 7]!);
    case 9:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!, buf[a + 5]!, buf[a + 6]!, buf[a + 7]!, buf[a + 8]!);
    case 10:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!, buf[a + 5]!, buf[a + 6]!, buf[a + 7]!, buf[a + 8]!, buf[a + 9]!);
    case 11:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!, buf[a + 5]!, buf[a + 6]!, buf[a + 7]!, buf[a + 8]!, buf[a + 9]!, buf[a + 10]!);
    case 12:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!, buf[a + 5]!, buf[a + 6]!, buf[a + 7]!, buf[a + 8]!, buf[a + 9]!, buf[a + 10]!, buf[a + 11]!);
    case 13:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!, buf[a + 5]!, buf[a + 6]!, buf[a + 7]!, buf[a + 8]!, buf[a + 9]!, buf[a + 10]!, buf[a + 11]!, buf[a + 12]!);
    case 14:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!, buf[a + 5]!, buf[a + 6]!, buf[a + 7]!, buf[a + 8]!, buf[a + 9]!, buf[a + 10]!, buf[a + 11]!, buf[a + 12]!, buf[a + 13]!);
    case 15:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!, buf[a + 5]!, buf[a + 6]!, buf[a + 7]!, buf[a + 8]!, buf[a + 9]!, buf[a + 10]!, buf[a + 11]!, buf[a + 12]!, buf[a + 13]!, buf[a + 14]!);
    case 16:
      return fcc(buf[a]!, buf[a + 1]!, buf[a + 2]!, buf[a + 3]!, buf[a + 4]!, buf[a + 5]!, buf[a + 6]!, buf[a + 7]!, buf[a + 8]!, buf[a + 9]!, buf[a + 10]!, buf[a + 11]!, buf[a + 12]!, buf[a + 13]!, buf[a + 14]!, buf[a + 15]!);
    default:
      return (buf as Latin1Sliceable).latin1Slice(a, b);
  }
}

// ---- inline splitting (sds.c sdssplitargs) -------------------------------------------------------

/** C isspace in the "C" locale: space, \t, \n, \v, \f, \r. */
function isSpace(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

function hexValue(b: number): number {
  if (b >= 48 && b <= 57) return b - 48;
  if (b >= 97 && b <= 102) return b - 87;
  if (b >= 65 && b <= 70) return b - 55;
  return -1;
}

/**
 * Splits an inline command line (bytes [start, end), no NUL inside) like sdssplitargs: tokens
 * are separated by blanks; "double quotes" take \n \r \t \b \a \xHH and \<any> escapes;
 * 'single quotes' take \'. A closing quote must be followed by a blank or the end of the line.
 * Returns null for unbalanced quotes. Outside quotes a token ends only at space, \n, \r or \t
 * (so \v and \f belong to a token, though they are skipped between tokens).
 */
export function splitArgs(buf: Buffer, start: number, end: number): string[] | null {
  const out: string[] = [];
  let p = start;
  for (;;) {
    while (p < end && isSpace(buf[p]!)) p++;
    if (p >= end) return out;
    let inq = false;
    let insq = false;
    let cur = '';
    let done = false;
    while (!done) {
      const ch = p < end ? buf[p]! : NUL;
      if (inq) {
        if (ch === NUL) return null;
        if (ch === 92 /* \ */ && p + 1 < end) {
          const nx = buf[p + 1]!;
          if (nx === 120 /* x */ && p + 3 < end) {
            const hi = hexValue(buf[p + 2]!);
            const lo = hexValue(buf[p + 3]!);
            if (hi >= 0 && lo >= 0) {
              cur += fcc(hi * 16 + lo);
              p += 4;
              continue;
            }
          }
          cur += nx === 110 ? '\n' : nx === 114 ? '\r' : nx === 116 ? '\t' : nx === 98 ? '\b' : nx === 97 ? '\x07' : fcc(nx);
          p += 2;
          continue;
        }
        if (ch === 34 /* " */) {
          if (p + 1 < end && !isSpace(buf[p + 1]!)) return null;
          done = true;
        } else {
          cur += fcc(ch);
        }
      } else if (insq) {
        if (ch === NUL) return null;
        if (ch === 92 && p + 1 < end && buf[p + 1] === 39 /* ' */) {
          cur += "'";
          p += 2;
          continue;
        }
        if (ch === 39) {
          if (p + 1 < end && !isSpace(buf[p + 1]!)) return null;
          done = true;
        } else {
          cur += fcc(ch);
        }
      } else if (ch === 32 || ch === LF || ch === CR || ch === 9 || ch === NUL) {
        done = true;
      } else if (ch === 34) {
        inq = true;
      } else if (ch === 39) {
        insq = true;
      } else {
        // Take the plain run up to the next special byte in one piece.
        let q = p + 1;
        while (q < end) {
          const c = buf[q]!;
          if (c === 32 || c === LF || c === CR || c === 9 || c === 34 || c === 39) break;
          q++;
        }
        cur += bytesToString(buf, p, q);
        p = q;
        continue;
      }
      if (p < end) p++;
    }
    out.push(cur);
  }
}
