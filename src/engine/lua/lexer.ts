// Lua 5.1 lexer: tokens as llex.c reads them, and its error wording ("unfinished string near
// '<eof>'", "malformed number near '3x'"), with "near" showing the raw token text.

import { str2number } from './value.js';

export const enum T {
  Eof,
  Name,
  String,
  Number,
  // reserved words
  And,
  Break,
  Do,
  Else,
  Elseif,
  End,
  False,
  For,
  Function,
  If,
  In,
  Local,
  Nil,
  Not,
  Or,
  Repeat,
  Return,
  Then,
  True,
  Until,
  While,
  // multi-char symbols
  Concat,
  Dots,
  Eq,
  Ge,
  Le,
  Ne,
  /** single characters: the char code is in `ch` */
  Char,
}

const RESERVED: Record<string, T> = {
  and: T.And,
  break: T.Break,
  do: T.Do,
  else: T.Else,
  elseif: T.Elseif,
  end: T.End,
  false: T.False,
  for: T.For,
  function: T.Function,
  if: T.If,
  in: T.In,
  local: T.Local,
  nil: T.Nil,
  not: T.Not,
  or: T.Or,
  repeat: T.Repeat,
  return: T.Return,
  then: T.Then,
  true: T.True,
  until: T.Until,
  while: T.While,
};

const TOKEN_TEXT: Partial<Record<T, string>> = {
  [T.Eof]: '<eof>',
  [T.Name]: '<name>',
  [T.String]: '<string>',
  [T.Number]: '<number>',
  [T.Concat]: '..',
  [T.Dots]: '...',
  [T.Eq]: '==',
  [T.Ge]: '>=',
  [T.Le]: '<=',
  [T.Ne]: '~=',
};
for (const [w, t] of Object.entries(RESERVED)) TOKEN_TEXT[t] = w;

/** A compile error, already worded as Lua words it ("user_script:1: ... near '...'"). */
export class LuaSyntaxError extends Error {}

export interface Token {
  t: T;
  /** char code for T.Char */
  ch: number;
  /** name or string contents */
  s: string;
  n: number;
  /** raw source text, for "near" */
  raw: string;
  line: number;
}

/** luaO_chunkid: how a chunk name shows in messages. */
export function chunkId(source: string): string {
  const IDSIZE = 60;
  if (source.startsWith('=')) return source.slice(1, IDSIZE);
  if (source.startsWith('@')) {
    const s = source.slice(1);
    return s.length <= IDSIZE - 1 ? s : '...' + s.slice(s.length - (IDSIZE - 4));
  }
  let s = source;
  const nl = s.indexOf('\n');
  const max = IDSIZE - 16; // room for [string "..."]
  let cut = false;
  if (nl >= 0) {
    s = s.slice(0, nl);
    cut = true;
  }
  if (s.length > max) {
    s = s.slice(0, max);
    cut = true;
  }
  return `[string "${s}${cut ? '...' : ''}"]`;
}

export function tokenText(t: T, ch = 0): string {
  if (t === T.Char) return ch < 32 ? `char(${ch})` : String.fromCharCode(ch);
  return TOKEN_TEXT[t] ?? '?';
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlnum(c: number): boolean {
  return isAlpha(c) || isDigit(c);
}

export class Lexer {
  private pos = 0;
  line = 1;
  tok: Token;
  ahead: Token | undefined;
  lastLine = 1;

  constructor(
    private readonly src: string,
    readonly chunk: string,
  ) {
    // a first line starting with '#' is skipped, as luaL_loadfile does; Redis strips its own
    // shebang before compiling, so only files see this, but loadstring does not do it
    this.tok = this.scan();
  }

  next(): void {
    this.lastLine = this.line;
    if (this.ahead) {
      this.tok = this.ahead;
      this.ahead = undefined;
    } else this.tok = this.scan();
  }

  lookahead(): Token {
    this.ahead ??= this.scan();
    return this.ahead;
  }

  error(msg: string, near: string | undefined, line = this.line): never {
    const at = `${this.chunk}:${line}: ${msg}`;
    throw new LuaSyntaxError(near === undefined ? at : `${at} near '${near}'`);
  }

  /** The text "near" shows for the current token. */
  nearText(tok: Token = this.tok): string {
    if (tok.t === T.Name || tok.t === T.String || tok.t === T.Number) return tok.raw;
    return tokenText(tok.t, tok.ch);
  }

  private c(off = 0): number {
    const p = this.pos + off;
    return p < this.src.length ? this.src.charCodeAt(p) : -1;
  }

  private newline(): void {
    const old = this.c();
    this.pos++;
    const c = this.c();
    if ((c === 10 || c === 13) && c !== old) this.pos++;
    this.line++;
  }

  private mk(t: T, raw: string, s = '', n = 0, ch = 0): Token {
    return { t, ch, s, n, raw, line: this.line };
  }

  private scan(): Token {
    for (;;) {
      const c = this.c();
      switch (c) {
        case -1:
          return this.mk(T.Eof, '<eof>');
        case 10:
        case 13:
          this.newline();
          continue;
        case 45: // -
          if (this.c(1) !== 45) {
            this.pos++;
            return this.mk(T.Char, '-', '', 0, 45);
          }
          this.pos += 2;
          if (this.c() === 91) {
            const sep = this.skipSep();
            if (sep >= 0) {
              this.readLong(sep, true);
              continue;
            }
          }
          while (this.c() !== -1 && this.c() !== 10 && this.c() !== 13) this.pos++;
          continue;
        case 91: {
          // [
          const start = this.pos;
          const sep = this.skipSep();
          if (sep >= 0) {
            const s = this.readLong(sep, false);
            return this.mk(T.String, this.src.slice(start, this.pos), s);
          }
          if (sep === -1) return this.mk(T.Char, '[', '', 0, 91);
          this.error('invalid long string delimiter', this.src.slice(start, this.pos));
          break;
        }
        case 61:
          this.pos++;
          if (this.c() === 61) {
            this.pos++;
            return this.mk(T.Eq, '==');
          }
          return this.mk(T.Char, '=', '', 0, 61);
        case 60:
          this.pos++;
          if (this.c() === 61) {
            this.pos++;
            return this.mk(T.Le, '<=');
          }
          return this.mk(T.Char, '<', '', 0, 60);
        case 62:
          this.pos++;
          if (this.c() === 61) {
            this.pos++;
            return this.mk(T.Ge, '>=');
          }
          return this.mk(T.Char, '>', '', 0, 62);
        case 126:
          this.pos++;
          if (this.c() === 61) {
            this.pos++;
            return this.mk(T.Ne, '~=');
          }
          return this.mk(T.Char, '~', '', 0, 126);
        case 34:
        case 39:
          return this.readString(c);
        case 46:
          if (this.c(1) === 46) {
            if (this.c(2) === 46) {
              this.pos += 3;
              return this.mk(T.Dots, '...');
            }
            this.pos += 2;
            return this.mk(T.Concat, '..');
          }
          if (!isDigit(this.c(1))) {
            this.pos++;
            return this.mk(T.Char, '.', '', 0, 46);
          }
          return this.readNumber();
        default:
          if (c === 32 || c === 9 || c === 11 || c === 12) {
            this.pos++;
            continue;
          }
          if (isDigit(c)) return this.readNumber();
          if (isAlpha(c)) {
            const start = this.pos;
            while (isAlnum(this.c())) this.pos++;
            const w = this.src.slice(start, this.pos);
            const r = Object.hasOwn(RESERVED, w) ? RESERVED[w] : undefined;
            return r !== undefined ? this.mk(r, w) : this.mk(T.Name, w, w);
          }
          this.pos++;
          return this.mk(T.Char, String.fromCharCode(c), '', 0, c);
      }
    }
  }

  private readNumber(): Token {
    const start = this.pos;
    while (isDigit(this.c()) || this.c() === 46) this.pos++;
    if (this.c() === 69 || this.c() === 101) {
      this.pos++;
      if (this.c() === 43 || this.c() === 45) this.pos++;
    }
    while (isAlnum(this.c()) || this.c() === 95) this.pos++;
    const raw = this.src.slice(start, this.pos);
    const n = str2number(raw);
    if (n === undefined) this.error('malformed number', raw);
    return this.mk(T.Number, raw, '', n);
  }

  /** After '[' or ']': counts '='; returns the count if the bracket repeats, else -count-1. */
  private skipSep(): number {
    const s = this.c();
    this.pos++;
    let count = 0;
    while (this.c() === 61) {
      this.pos++;
      count++;
    }
    return this.c() === s ? count : -count - 1;
  }

  private readLong(sep: number, comment: boolean): string {
    this.pos++; // second '['
    if (this.c() === 10 || this.c() === 13) this.newline();
    let out = '';
    let from = this.pos;
    for (;;) {
      const c = this.c();
      if (c === -1) {
        this.error(comment ? 'unfinished long comment' : 'unfinished long string', '<eof>');
      } else if (c === 93) {
        const end = this.pos;
        if (this.skipSep() === sep) {
          out += this.src.slice(from, end);
          this.pos++;
          return out;
        }
      } else if (c === 91) {
        const at = this.pos;
        if (this.skipSep() === sep && sep === 0) {
          // LUA_COMPAT_LSTR 1: 5.1 refuses [[ inside [[ ]]
          this.pos++;
          this.error('nesting of [[...]] is deprecated', '[');
        }
        if (this.pos === at) this.pos++;
      } else if (c === 10 || c === 13) {
        out += this.src.slice(from, this.pos) + '\n';
        this.newline();
        from = this.pos;
      } else this.pos++;
    }
  }

  private readString(quote: number): Token {
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.c();
      if (c === quote) break;
      if (c === -1) this.error('unfinished string', '<eof>');
      if (c === 10 || c === 13) this.error('unfinished string', String.fromCharCode(quote) + out);
      if (c === 92) {
        this.pos++;
        const e = this.c();
        switch (e) {
          case 97:
            out += '\x07';
            break;
          case 98:
            out += '\b';
            break;
          case 102:
            out += '\f';
            break;
          case 110:
            out += '\n';
            break;
          case 114:
            out += '\r';
            break;
          case 116:
            out += '\t';
            break;
          case 118:
            out += '\v';
            break;
          case 10:
          case 13:
            out += '\n';
            this.newline();
            continue;
          case -1:
            continue; // reported as unfinished string next round
          default:
            if (!isDigit(e)) {
              out += String.fromCharCode(e);
              break;
            }
            {
              let v = 0;
              let i = 0;
              while (i < 3 && isDigit(this.c())) {
                v = v * 10 + this.c() - 48;
                this.pos++;
                i++;
              }
              if (v > 255) this.error('escape sequence too large', String.fromCharCode(quote) + out);
              out += String.fromCharCode(v);
              continue;
            }
        }
        this.pos++;
        continue;
      }
      out += String.fromCharCode(c);
      this.pos++;
    }
    this.pos++;
    void start;
    const q = String.fromCharCode(quote);
    return this.mk(T.String, q + out + q, out);
  }
}
