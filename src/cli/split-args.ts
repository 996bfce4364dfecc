// What redis-cli does with a typed line before sending it: split it into arguments the way
// sdssplitargs() (sds.c) does, and the byte-string helpers the terminal needs around that.
//
// A person types Unicode; Redis sees bytes. The line is UTF-8 encoded first, then split, so every
// argument comes out as a byte string (one char per byte, codes 0-255) ready for the engine, and
// a "\xHH" escape inside double quotes can put any raw byte (even invalid UTF-8) in an argument.

import { hexDigitValue, isCSpace } from '../shared/args.js';

/**
 * How many leading chars of `s` are ASCII, which UTF-8 leaves as they are: plain ASCII (by far
 * the most common input) needs no work at all in either direction.
 */
function asciiPrefix(s: string): number {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) < 0x80) i++;
  return i;
}

/** UTF-8 encodes a JS string into a byte string. A lone surrogate becomes U+FFFD (EF BF BD). */
export function utf8Encode(s: string): string {
  const n = s.length;
  let i = asciiPrefix(s);
  if (i === n) return s;
  let out = s.slice(0, i);
  for (; i < n; i++) {
    let cp = s.charCodeAt(i);
    if (cp < 0x80) {
      out += s[i];
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        cp = 0xfffd;
      }
    }
    if (cp < 0x800) {
      out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    } else {
      out += String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
  }
  return out;
}

/**
 * Decodes a byte string as UTF-8 into a JS string, the way a terminal shows bytes: every
 * ill-formed sequence (a stray continuation byte, a truncated or overlong sequence, a surrogate,
 * a code point past U+10FFFF) becomes one U+FFFD per maximal ill-formed subpart (WHATWG rules).
 */
export function utf8Decode(bytes: string): string {
  const n = bytes.length;
  let i = asciiPrefix(bytes);
  if (i === n) return bytes;
  let out = bytes.slice(0, i);
  while (i < n) {
    const b0 = bytes.charCodeAt(i);
    if (b0 < 0x80) {
      out += bytes[i++];
      continue;
    }
    let need: number;
    let cp: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      need = 1;
      cp = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      cp = b0 & 0x0f;
      if (b0 === 0xe0) lo = 0xa0;
      else if (b0 === 0xed) hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      cp = b0 & 0x07;
      if (b0 === 0xf0) lo = 0x90;
      else if (b0 === 0xf4) hi = 0x8f;
    } else {
      out += '\ufffd';
      i++;
      continue;
    }
    i++;
    let ok = true;
    for (let k = 0; k < need; k++) {
      const b = i < n ? bytes.charCodeAt(i) : -1;
      if (b < lo || b > hi) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3f);
      lo = 0x80;
      hi = 0xbf;
      i++;
    }
    out += ok ? String.fromCodePoint(cp) : '\ufffd';
  }
  return out;
}

/**
 * Splits an already UTF-8 encoded line (a byte string) like sdssplitargs(): arguments are
 * separated by blanks; "double quotes" understand \n \r \t \b \a \xHH and \<any char>;
 * 'single quotes' only \'; a closing quote must be followed by a blank or the end of the line;
 * a quote may open in the middle of a word (foo"bar baz" is one argument, `foobar baz`).
 * Returns null on unbalanced quotes or a closing quote followed by something else — redis-cli
 * then prints "Invalid argument(s)". The line ends at its first NUL byte, as a C string does.
 * `where`, when given, receives each argument's place in the line (an editor marks and
 * completes by them), and what was read before a line turned out invalid.
 */
export function splitBytes(line: string, where?: ArgSpans): string[] | null {
  const nul = line.indexOf('\0');
  const s = nul === -1 ? line : line.slice(0, nul);
  const n = s.length;
  const args: string[] = [];
  let p = 0;
  for (;;) {
    while (p < n && isCSpace(s.charCodeAt(p))) p++;
    if (p >= n) return args;
    const start = p;
    let cur = '';
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const c = p < n ? s.charCodeAt(p) : 0;
      if (inDouble) {
        if (c === 0x5c /* \ */ && s.charCodeAt(p + 1) === 0x78 /* x */) {
          const h1 = hexDigitValue(p + 2 < n ? s.charCodeAt(p + 2) : 0);
          const h2 = hexDigitValue(p + 3 < n ? s.charCodeAt(p + 3) : 0);
          if (h1 >= 0 && h2 >= 0) {
            cur += String.fromCharCode(h1 * 16 + h2);
            p += 3;
          } else {
            // Not a valid \xHH: the generic escape keeps the char after the backslash ('x').
            cur += 'x';
            p++;
          }
        } else if (c === 0x5c && p + 1 < n) {
          p++;
          const e = s[p]!;
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === 0x22 /* " */) {
          if (p + 1 < n && !isCSpace(s.charCodeAt(p + 1))) return invalid(where, cur, start, p + 1, 'after-quote');
          done = true;
        } else if (p >= n) {
          return invalid(where, cur, start, n, 'unclosed'); // unterminated "quotes"
        } else {
          cur += s[p];
        }
      } else if (inSingle) {
        if (c === 0x5c && s.charCodeAt(p + 1) === 0x27 /* ' */) {
          p++;
          cur += "'";
        } else if (c === 0x27) {
          if (p + 1 < n && !isCSpace(s.charCodeAt(p + 1))) return invalid(where, cur, start, p + 1, 'after-quote');
          done = true;
        } else if (p >= n) {
          return invalid(where, cur, start, n, 'unclosed'); // unterminated 'quotes'
        } else {
          cur += s[p];
        }
      } else if (p >= n || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        // Only these four end an unquoted word (not \v or \f, which skipping blanks does eat).
        done = true;
      } else if (c === 0x22) {
        inDouble = true;
      } else if (c === 0x27) {
        inSingle = true;
      } else {
        cur += s[p];
      }
      // A closing quote is part of its argument; the blank that ends a plain word is not.
      if (p < n && (!done || inDouble || inSingle)) p++;
    }
    args.push(cur);
    where?.spans.push([start, p]);
    if (p < n) p++;
  }
}

/** Where `splitBytes` found the arguments of a line: byte offsets in the line it was given. */
export interface ArgSpans {
  /** [start, end) of each argument, quotes included. */
  spans: [start: number, end: number][];
  /** Set when the line is invalid: what spoilt it, and where (the quote's argument ends there). */
  invalid?: { reason: 'unclosed' | 'after-quote'; at: number; partial: string };
}

function invalid(where: ArgSpans | undefined, cur: string, start: number, end: number, reason: 'unclosed' | 'after-quote'): null {
  if (where) {
    where.spans.push([start, end]);
    where.invalid = { reason, at: end, partial: cur };
  }
  return null;
}

/**
 * Splits what a person typed (a JS string) into argument byte strings, like redis-cli does with
 * the line it read: UTF-8 encode, then sdssplitargs(). null means "Invalid argument(s)".
 */
export function splitArgs(typed: string): string[] | null {
  return splitBytes(utf8Encode(typed));
}
