// The line editor between the terminal's keystrokes and a finished line: what linenoise does
// for redis-cli 7.0 (multi-line mode, hints, Tab completion, history), plus a bash-like Ctrl-R
// search. DOM-free: it is fed the strings xterm's onData gives and returns the text and ANSI
// sequences to write; the controller owns the terminal, runs the lines and persists history.
//
//   const ed = new LineEditor(host, new History(saved));
//   term.write(ed.start());
//   term.onData((d) => { const r = ed.feed(d); term.write(r.output); if (r.event) ... });
//
// Drawing follows linenoise's refreshMultiLine: each redraw goes up to the first row of the
// edit area, clears to the end of the screen and writes prompt + buffer + hint again, then
// puts the cursor in place. Rows and columns are counted in display cells (Korean takes 2).

import { clusterWidth, splitChars } from './char-width.js';
import { renderHint, type Hint } from './hints.js';

export interface LineEditorHost {
  /** The prompt to show (e.g. "127.0.0.1:6379[2](TX)> "); ASCII. */
  prompt(): string;
  /** Grey hint for the buffer, or null (CliSession.hint). */
  hint(buffer: string): Hint | null;
  /** Tab candidates for the buffer (CliSession.completions). */
  completions(buffer: string): string[];
  /** Terminal width in columns, read at each redraw (the terminal may be resized). */
  columns(): number;
}

export type EditorEvent =
  | { kind: 'line'; text: string } // Enter: the finished line (history NOT added by the editor)
  | { kind: 'interrupt' } // Ctrl-C
  | { kind: 'eof' } // Ctrl-D on an empty line
  | { kind: 'clear-screen' }; // Ctrl-L (the editor has already written the clear + redraw)

export interface FeedResult {
  /** What to write to the terminal (text + ANSI), possibly ''. */
  output: string;
  /**
   * Set when an event ended the edit; the editor is then idle until start() is called again.
   * Exception: after 'clear-screen' the same line is still being edited (`active` stays true),
   * so `rest` is to be fed again at once, without start().
   */
  event?: EditorEvent;
  /** Input after the event that was not consumed (the rest of a paste): the controller feeds it
   *  again after the command ran and start() drew the next prompt. '' when all was consumed. */
  rest: string;
}

/** linenoise's history: plain data the controller persists (`lines`) and adds to (`add`). */
export class History {
  private readonly items: string[] = [];
  readonly maxLength: number;

  /** `lines` oldest first; like linenoiseHistoryLoad, each goes through add(). */
  constructor(lines: readonly string[] = [], maxLength = 100) {
    // linenoise's default is 100; a length of 0 keeps nothing, as history_max_len 0 does.
    this.maxLength = Number.isFinite(maxLength) ? Math.max(0, Math.floor(maxLength)) : 100;
    for (const line of lines) this.add(line);
  }

  /** linenoiseHistoryAdd: ignores a line equal to the last one; drops the oldest past max. */
  add(line: string): void {
    if (typeof line !== 'string' || this.maxLength === 0) return;
    if (this.items.length > 0 && this.items[this.items.length - 1] === line) return;
    this.items.push(line);
    if (this.items.length > this.maxLength) this.items.splice(0, this.items.length - this.maxLength);
  }

  /** Oldest first. */
  get lines(): readonly string[] {
    return this.items;
  }
}

// ---------------------------------------------------------------------------------------------
// Keys: what one keystroke (or one run of typed/pasted text) asks for.

type Action =
  | 'insert'
  | 'enter'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'ctrl-d'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'word-left'
  | 'word-right'
  | 'up'
  | 'down'
  | 'kill-end'
  | 'kill-line'
  | 'kill-word'
  | 'transpose'
  | 'interrupt'
  | 'clear'
  | 'search'
  | 'cancel'
  | 'esc'
  | 'none';

interface Key {
  a: Action;
  /** For 'insert': the text. */
  text?: string;
  /** The key came as an escape sequence (linenoise reads its ESC byte first: see completion). */
  esc?: boolean;
}

const CONTROL: Record<number, Action> = {
  0x01: 'home', // Ctrl-A
  0x02: 'left', // Ctrl-B
  0x03: 'interrupt', // Ctrl-C
  0x04: 'ctrl-d',
  0x05: 'end', // Ctrl-E
  0x06: 'right', // Ctrl-F
  0x07: 'cancel', // Ctrl-G
  0x08: 'backspace', // Ctrl-H
  0x09: 'tab',
  0x0a: 'enter',
  0x0b: 'kill-end', // Ctrl-K
  0x0c: 'clear', // Ctrl-L
  0x0d: 'enter',
  0x0e: 'down', // Ctrl-N
  0x10: 'up', // Ctrl-P
  0x12: 'search', // Ctrl-R
  0x14: 'transpose', // Ctrl-T
  0x15: 'kill-line', // Ctrl-U
  0x17: 'kill-word', // Ctrl-W
  0x7f: 'backspace',
};

function isText(c: number): boolean {
  return c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c < 0xa0);
}

/** Arrows, Home and End after `ESC [` (optionally with `1;<modifier>`) or `ESC O`. */
function cursorKey(final: string, modifier: number): Action {
  // xterm's modifier is 1 + shift(1) + alt(2) + ctrl(4) + meta(8): Ctrl/Alt/Meta arrows move by word.
  const word = ((modifier - 1) & 0b1110) !== 0;
  switch (final) {
    case 'A':
      return 'up';
    case 'B':
      return 'down';
    case 'C':
      return word ? 'word-right' : 'right';
    case 'D':
      return word ? 'word-left' : 'left';
    case 'H':
      return 'home';
    case 'F':
      return 'end';
    default:
      return 'none';
  }
}

/** Reads the key starting at data[i]; returns it and where the next one starts. */
function readKey(data: string, i: number): { key: Key; next: number } {
  const n = data.length;
  const c = data.charCodeAt(i);
  if (c === 0x1b) {
    // xterm delivers a whole sequence in one onData call, so a lone ESC at the end is the Esc key.
    if (i + 1 >= n) return { key: { a: 'esc', esc: true }, next: n };
    const c1 = data[i + 1]!;
    if (c1 === '[') {
      let j = i + 2;
      while (j < n && data.charCodeAt(j) >= 0x30 && data.charCodeAt(j) <= 0x3f) j++;
      const params = data.slice(i + 2, j);
      const interStart = j;
      while (j < n && data.charCodeAt(j) >= 0x20 && data.charCodeAt(j) <= 0x2f) j++;
      if (j >= n) return { key: { a: 'none', esc: true }, next: n };
      const fc = data.charCodeAt(j);
      // Not a sequence after all: drop what was read, let the odd character be a key itself.
      if (fc < 0x40 || fc > 0x7e) return { key: { a: 'none', esc: true }, next: j };
      const next = j + 1;
      if (j !== interStart) return { key: { a: 'none', esc: true }, next };
      const final = data[j]!;
      if (final === '~') {
        const first = params.split(';')[0];
        const a: Action = first === '1' || first === '7' ? 'home' : first === '4' || first === '8' ? 'end' : first === '3' ? 'delete' : 'none';
        return { key: { a, esc: true }, next };
      }
      let modifier = 1;
      if (params !== '') {
        const m = /^1;(\d{1,3})$/.exec(params);
        if (m === null) return { key: { a: 'none', esc: true }, next };
        modifier = Number(m[1]);
      }
      return { key: { a: cursorKey(final, modifier), esc: true }, next };
    }
    if (c1 === 'O') {
      if (i + 2 >= n) return { key: { a: 'none', esc: true }, next: n };
      const f = data.charCodeAt(i + 2);
      if (f < 0x20 || f > 0x7e) return { key: { a: 'none', esc: true }, next: i + 2 };
      return { key: { a: cursorKey(data[i + 2]!, 1), esc: true }, next: i + 3 };
    }
    if (c1 === '\x1b') return { key: { a: 'esc', esc: true }, next: i + 1 };
    // Alt + key: Alt-b / Alt-f move by word; anything else (one code point) is ignored.
    const cp = data.codePointAt(i + 1)!;
    const next = i + 1 + (cp > 0xffff ? 2 : 1);
    const a: Action = c1 === 'b' ? 'word-left' : c1 === 'f' ? 'word-right' : 'none';
    return { key: { a, esc: true }, next };
  }
  if (c === 0x0d) {
    // \r\n is one line end (a paste from a file with CRLF line ends).
    return { key: { a: 'enter' }, next: i + 1 < n && data.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1 };
  }
  if (!isText(c)) return { key: { a: CONTROL[c] ?? 'none' }, next: i + 1 };
  let j = i + 1;
  while (j < n && isText(data.charCodeAt(j))) j++;
  return { key: { a: 'insert', text: data.slice(i, j) }, next: j };
}

// ---------------------------------------------------------------------------------------------

interface Completion {
  candidates: string[];
  /** The candidate shown; candidates.length shows the original buffer. */
  index: number;
}

interface Search {
  query: string;
  /** Index in the history of the line shown, or -1 before anything matched. */
  match: number;
  /** Where the query is in that line, in characters (the cursor goes there, as in bash). */
  at: number;
  failed: boolean;
  savedChars: string[];
  savedPos: number;
}

interface View {
  prompt: string;
  chars: readonly string[];
  pos: number;
  hints: boolean;
}

export class LineEditor {
  readonly history: History;
  private readonly host: LineEditorHost;
  private editing = false;
  /** The buffer as characters (splitChars), so the cursor moves by whole characters. */
  private chars: string[] = [];
  private pos = 0;
  /**
   * linenoise's history walk on a copy: the stored lines, then the line being typed. Up/Down
   * save the buffer into the entry they leave, so edits of recalled lines are kept until the
   * line ends but never reach `history`.
   */
  private walk: string[] = [];
  private walkPos = 0;
  /** The history as it was at start(): what Ctrl-R searches. */
  private stored: readonly string[] = [];
  private completion: Completion | null = null;
  private search: Search | null = null;
  /** Ctrl-R on an empty query searches for the previous query again (as readline does). */
  private lastQuery = '';
  /** Row of the terminal's cursor, counted from the first row of the edit area. */
  private cursorRow = 0;
  /** The state changed since the last redraw; redrawn once at the end of feed(). */
  private dirty = false;
  private out = '';

  constructor(host: LineEditorHost, history?: History) {
    this.host = host;
    this.history = history ?? new History();
  }

  get active(): boolean {
    return this.editing;
  }

  get buffer(): string {
    return this.chars.join('');
  }

  /**
   * Begin editing a new line: returns the prompt (+ nothing else, except " \r" after a prompt
   * that exactly fills its last row, to move the cursor to the next row as a redraw would).
   */
  start(): string {
    this.editing = true;
    this.chars = [];
    this.pos = 0;
    this.stored = this.history.lines.slice();
    this.walk = [...this.stored, ''];
    this.walkPos = this.walk.length - 1;
    this.completion = null;
    this.search = null;
    this.dirty = false;
    const prompt = this.host.prompt();
    // The prompt alone may wrap on a narrow terminal: know which row the cursor ends on.
    const cols = this.columns();
    const lay = layout(splitChars(prompt), [], 0, cols);
    this.cursorRow = lay.endRow;
    if (lay.cursor.col >= cols) {
      // A prompt exactly as wide as the terminal: force the pending wrap, as render() does.
      this.cursorRow++;
      return prompt + ' \r';
    }
    return prompt;
  }

  /** Feed what xterm's onData gave (keys, escape sequences, or a whole paste). */
  feed(data: string): FeedResult {
    if (!this.editing || typeof data !== 'string') return { output: '', rest: typeof data === 'string' ? data : '' };
    this.out = '';
    let i = 0;
    let event: EditorEvent | undefined;
    while (i < data.length) {
      const { key, next } = readKey(data, i);
      i = next;
      event = this.handle(key);
      if (event !== undefined) break;
    }
    if (this.dirty && this.editing) this.out += this.render(true);
    const output = this.out;
    this.out = '';
    const result: FeedResult = { output, rest: data.slice(i) };
    if (event !== undefined) result.event = event;
    return result;
  }

  /** Redraws the whole edit area with the cursor in place ('' when not editing). */
  refresh(): string {
    return this.editing ? this.render(true) : '';
  }

  /**
   * Erases the edit area and leaves the cursor at the start of its first row, so a message can
   * be written there (ending with a newline); refresh() then draws the line again below it.
   */
  hide(): string {
    if (!this.editing) return '';
    const out = up(this.cursorRow) + '\r\x1b[J';
    this.cursorRow = 0;
    return out;
  }

  // -------------------------------------------------------------------------------------------

  private handle(key: Key): EditorEvent | undefined {
    // Unknown keys and sequences do nothing at all, whatever the mode.
    if (key.a === 'none') return undefined;
    if (this.completion !== null) {
      if (key.a === 'tab') {
        const c = this.completion;
        c.index = (c.index + 1) % (c.candidates.length + 1);
        if (c.index === c.candidates.length) this.out += '\x07';
        this.dirty = true;
        return undefined;
      }
      // linenoise's completeLine reads one byte: ESC restores the original buffer, and an
      // escape sequence (an arrow...) then acts on it; any other key takes the candidate.
      this.endCompletion(!key.esc);
      if (key.a === 'esc') return undefined;
    } else if (this.search !== null) {
      const s = this.search;
      switch (key.a) {
        case 'insert':
          s.query += key.text!;
          this.searchFrom(s.match >= 0 ? s.match : this.stored.length - 1);
          return undefined;
        case 'backspace': {
          const q = splitChars(s.query);
          if (q.length === 0) return undefined;
          s.query = q.slice(0, -1).join('');
          this.searchFrom(this.stored.length - 1);
          return undefined;
        }
        case 'search':
          if (s.query === '') {
            if (this.lastQuery === '') return undefined;
            s.query = this.lastQuery;
            this.searchFrom(this.stored.length - 1);
          } else {
            this.searchOlder();
          }
          return undefined;
        case 'interrupt':
        case 'cancel':
          this.endSearch(false);
          return undefined;
        case 'esc':
          this.endSearch(true);
          return undefined;
        default:
          // Like readline: any other key takes the match into the buffer and then acts on it
          // (Enter runs it, Ctrl-E goes to its end, an arrow moves in it or walks on from it).
          this.endSearch(true);
      }
    }
    return this.edit(key);
  }

  private edit(key: Key): EditorEvent | undefined {
    switch (key.a) {
      case 'insert':
        this.insert(key.text!);
        break;
      case 'enter': {
        const text = this.buffer;
        this.finish('\r\n');
        return { kind: 'line', text };
      }
      case 'interrupt':
        this.finish('^C\r\n');
        return { kind: 'interrupt' };
      case 'ctrl-d':
        if (this.chars.length === 0) {
          this.finish('\r\n');
          return { kind: 'eof' };
        }
        this.deleteAt(this.pos);
        break;
      case 'delete':
        this.deleteAt(this.pos);
        break;
      case 'backspace':
        if (this.pos > 0) {
          this.pos--;
          this.deleteAt(this.pos);
        }
        break;
      case 'left':
        if (this.pos > 0) this.moveTo(this.pos - 1);
        break;
      case 'right':
        if (this.pos < this.chars.length) this.moveTo(this.pos + 1);
        break;
      case 'home':
        this.moveTo(0);
        break;
      case 'end':
        this.moveTo(this.chars.length);
        break;
      case 'word-left': {
        let p = this.pos;
        while (p > 0 && this.chars[p - 1] === ' ') p--;
        while (p > 0 && this.chars[p - 1] !== ' ') p--;
        this.moveTo(p);
        break;
      }
      case 'word-right': {
        let p = this.pos;
        while (p < this.chars.length && this.chars[p] === ' ') p++;
        while (p < this.chars.length && this.chars[p] !== ' ') p++;
        this.moveTo(p);
        break;
      }
      case 'up':
        this.historyStep(-1);
        break;
      case 'down':
        this.historyStep(1);
        break;
      case 'kill-end':
        if (this.pos < this.chars.length) {
          this.chars.length = this.pos;
          this.dirty = true;
        }
        break;
      case 'kill-line':
        // linenoise's Ctrl-U deletes the whole line, not just what is left of the cursor.
        this.chars = [];
        this.pos = 0;
        this.dirty = true;
        break;
      case 'kill-word': {
        // linenoiseEditDeletePrevWord: spaces before the cursor, then the word before them.
        let p = this.pos;
        while (p > 0 && this.chars[p - 1] === ' ') p--;
        while (p > 0 && this.chars[p - 1] !== ' ') p--;
        if (p < this.pos) {
          this.chars.splice(p, this.pos - p);
          this.pos = p;
          this.dirty = true;
        }
        break;
      }
      case 'transpose':
        // As linenoise: swap the characters before and under the cursor, then step right
        // unless that is the last character; nothing at either end of the line.
        if (this.pos > 0 && this.pos < this.chars.length) {
          const c = this.chars;
          [c[this.pos - 1], c[this.pos]] = [c[this.pos]!, c[this.pos - 1]!];
          if (this.pos !== c.length - 1) this.pos++;
          this.dirty = true;
        }
        break;
      case 'tab': {
        const candidates = this.host.completions(this.buffer);
        if (candidates.length === 0) this.out += '\x07';
        else {
          this.completion = { candidates, index: 0 };
          this.dirty = true;
        }
        break;
      }
      case 'search':
        // The line being typed is kept in the walk, so Down comes back to it after a match.
        this.walk[this.walkPos] = this.buffer;
        this.search = { query: '', match: -1, at: 0, failed: false, savedChars: this.chars, savedPos: this.pos };
        this.chars = this.chars.slice();
        this.dirty = true;
        break;
      case 'clear':
        this.out += '\x1b[H\x1b[2J';
        this.cursorRow = 0;
        this.out += this.render(true);
        return { kind: 'clear-screen' };
      default:
        // Esc, Ctrl-G: nothing to do outside a completion or a search.
        break;
    }
    return undefined;
  }

  private insert(text: string): void {
    const add = splitChars(text);
    if (add.length === 0) return;
    // A combining mark typed after a character belongs to it, not to a cell of its own.
    if (this.pos > 0 && clusterWidth(add[0]!) === 0) {
      this.chars[this.pos - 1] += add.shift()!;
    }
    this.chars = this.chars.slice(0, this.pos).concat(add, this.chars.slice(this.pos));
    this.pos += add.length;
    this.dirty = true;
  }

  private deleteAt(p: number): void {
    if (p < 0 || p >= this.chars.length) return;
    this.chars.splice(p, 1);
    this.dirty = true;
  }

  private moveTo(p: number): void {
    if (p === this.pos) return;
    this.pos = p;
    this.dirty = true;
  }

  /** linenoiseEditHistoryNext on the walk copy; dir -1 is older (Up), +1 newer (Down). */
  private historyStep(dir: -1 | 1): void {
    if (this.walk.length <= 1) return;
    this.walk[this.walkPos] = this.buffer;
    const p = this.walkPos + dir;
    if (p < 0 || p >= this.walk.length) return;
    this.walkPos = p;
    this.chars = splitChars(this.walk[p]!);
    this.pos = this.chars.length;
    this.dirty = true;
  }

  private endCompletion(accept: boolean): void {
    const c = this.completion!;
    this.completion = null;
    if (accept && c.index < c.candidates.length) {
      this.chars = splitChars(c.candidates[c.index]!);
      this.pos = this.chars.length;
    }
    this.dirty = true;
  }

  /** Shows the newest line at or before history index `from` holding the query. */
  private searchFrom(from: number): void {
    const s = this.search!;
    this.dirty = true;
    if (s.query === '') {
      s.match = -1;
      s.failed = false;
      return;
    }
    for (let k = Math.min(from, this.stored.length - 1); k >= 0; k--) {
      if (this.stored[k]!.includes(s.query)) {
        this.showMatch(k);
        return;
      }
    }
    s.failed = true;
  }

  /** Ctrl-R again: the next older line holding the query (skipping copies of the one shown). */
  private searchOlder(): void {
    const s = this.search!;
    const shown = s.match >= 0 ? this.stored[s.match] : undefined;
    for (let k = (s.match >= 0 ? s.match : this.stored.length) - 1; k >= 0; k--) {
      const line = this.stored[k]!;
      if (line !== shown && line.includes(s.query)) {
        this.showMatch(k);
        return;
      }
    }
    s.failed = true;
    this.dirty = true;
  }

  private showMatch(k: number): void {
    const s = this.search!;
    const line = this.stored[k]!;
    s.match = k;
    s.failed = false;
    s.at = splitChars(line.slice(0, line.lastIndexOf(s.query))).length;
    this.dirty = true;
  }

  private endSearch(accept: boolean): void {
    const s = this.search!;
    this.search = null;
    if (s.query !== '') this.lastQuery = s.query;
    if (accept && s.match >= 0) {
      this.chars = splitChars(this.stored[s.match]!);
      this.pos = Math.min(s.at, this.chars.length);
      // Up/Down go on from the line found, as in readline.
      this.walkPos = s.match;
    } else {
      this.chars = s.savedChars;
      this.pos = s.savedPos;
    }
    this.dirty = true;
  }

  /** Ends the edit: the line as typed, without its hint, cursor after it, then `tail`. */
  private finish(tail: string): void {
    this.pos = this.chars.length;
    this.out += this.render(false) + tail;
    this.editing = false;
    this.dirty = false;
    this.cursorRow = 0;
  }

  private columns(): number {
    const c = Number(this.host.columns());
    return Number.isFinite(c) && c >= 1 ? Math.floor(c) : 80;
  }

  /** What the edit area shows now: the line, a Tab candidate, or the Ctrl-R search. */
  private view(): View {
    const s = this.search;
    if (s !== null) {
      const prompt = `(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `;
      if (s.match < 0) return { prompt, chars: s.savedChars, pos: s.savedPos, hints: false };
      const chars = splitChars(this.stored[s.match]!);
      return { prompt, chars, pos: Math.min(s.at, chars.length), hints: false };
    }
    const c = this.completion;
    if (c !== null && c.index < c.candidates.length) {
      const chars = splitChars(c.candidates[c.index]!);
      return { prompt: this.host.prompt(), chars, pos: chars.length, hints: true };
    }
    return { prompt: this.host.prompt(), chars: this.chars, pos: this.pos, hints: true };
  }

  /** refreshMultiLine: repaints the edit area from its first row and places the cursor. */
  private render(withHint: boolean): string {
    this.dirty = false;
    const cols = this.columns();
    const v = this.view();
    const promptChars = splitChars(v.prompt);
    const lay = layout(promptChars, v.chars, v.pos, cols);
    let out = up(this.cursorRow) + '\r\x1b[J' + v.prompt + v.chars.join('');
    let endRow = lay.endRow;
    if (withHint && v.hints) {
      const hint = this.host.hint(v.chars.join(''));
      if (hint !== null) {
        // renderHint draws only when prompt and line leave room on the first row, so the hint
        // never wraps: it ends on row 0, at most at the last column.
        out += renderHint(hint, lay.promptWidth, lay.lineWidth, cols);
      }
    }
    let { row, col } = lay.cursor;
    if (col >= cols) {
      row++;
      col = 0;
    }
    if (row > endRow) {
      // Writing exactly up to the last column leaves the terminal's cursor pending on that row.
      // linenoise writes "\n" to force the wrap; a space does it while keeping the rows one
      // wrapped line, which xterm.js then leaves alone on resize (it does not reflow the
      // cursor's line), so cursorRow stays right for refresh() after a resize.
      out += ' \r';
      endRow++;
    }
    out += up(endRow - row) + '\r' + (col > 0 ? `\x1b[${col}C` : '');
    this.cursorRow = row;
    return out;
  }
}

function up(n: number): string {
  return n > 0 ? `\x1b[${n}A` : '';
}

interface Layout {
  promptWidth: number;
  lineWidth: number;
  /** Where the cursor goes: the cell of chars[pos], or after the last one (col may be `cols`). */
  cursor: { row: number; col: number };
  /** The row where writing prompt + chars leaves the terminal's cursor (maybe pending a wrap). */
  endRow: number;
}

/**
 * Places prompt and line on rows of `cols` cells as the terminal does: a character that does
 * not fit on the rest of the row goes to the next one (a wide character in the last column
 * leaves that cell empty), zero-width characters take no cell.
 */
function layout(prompt: readonly string[], chars: readonly string[], pos: number, cols: number): Layout {
  let row = 0;
  let col = 0;
  const place = (w: number): { row: number; col: number } => {
    if (w > 0 && col > 0 && col + w > cols) {
      row++;
      col = 0;
    }
    const at = { row, col };
    col += w;
    return at;
  };
  let promptWidth = 0;
  for (const p of prompt) {
    const w = clusterWidth(p);
    promptWidth += w;
    place(w);
  }
  let lineWidth = 0;
  let cursor: { row: number; col: number } | null = null;
  for (let k = 0; k < chars.length; k++) {
    const w = clusterWidth(chars[k]!);
    lineWidth += w;
    const at = place(w);
    if (k === pos) cursor = at;
  }
  return { promptWidth, lineWidth, cursor: cursor ?? { row, col }, endRow: row };
}
