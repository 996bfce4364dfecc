import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../engine/commands/index.js';
import type { Hint } from './hints.js';
import { History, LineEditor, type FeedResult, type LineEditorHost } from './line-editor.js';
import { CliSession } from './session.js';

// ---------------------------------------------------------------------------------------------
// A minimal terminal to see what a person sees: the sequences the editor writes, interpreted the
// way xterm.js does (autowrap with a wrap pending at the right margin; a wide character that
// does not fit in the last column goes to the next row, leaving that cell empty). Rows grow
// downward without limit; nothing scrolls. (Checked against xterm.js itself, headless, on
// random editing sessions while writing the editor.)

/** Cells taken by the characters these tests use; independent of char-width.ts on purpose. */
function cellsOf(cp: number): number {
  if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1160 && cp <= 0x11ff)) return 0;
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0x1f300 && cp <= 0x1faff)) {
    return 2;
  }
  return 1;
}

interface Cell {
  ch: string;
  style: string;
}

class Screen {
  rows: Cell[][] = [];
  x = 0;
  y = 0;
  bells = 0;
  /** Where each character that took cells was drawn, in order. */
  placed: [number, number][] = [];
  private style = '';

  constructor(public cols: number) {}

  write(s: string): this {
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      if (c === '\x1b') {
        const m = /^\x1b\[([0-9;]*)([A-Za-z])/.exec(s.slice(i));
        if (m === null) throw new Error(`unexpected escape ${JSON.stringify(s.slice(i, i + 8))}`);
        i += m[0].length;
        this.csi(m[1]!, m[2]!);
      } else if (c === '\r') {
        this.x = 0;
        i++;
      } else if (c === '\n') {
        this.y++; // LF keeps the column, as in xterm without convertEol
        i++;
      } else if (c === '\x07') {
        this.bells++;
        i++;
      } else if (c < ' ' || c === '\x7f' || (c >= '\x80' && c < '\xa0')) {
        throw new Error(`unexpected control character ${JSON.stringify(c)}`);
      } else {
        const ch = String.fromCodePoint(s.codePointAt(i)!);
        i += ch.length;
        this.print(ch);
      }
    }
    return this;
  }

  private row(y: number): Cell[] {
    while (this.rows.length <= y) this.rows.push([]);
    return this.rows[y]!;
  }

  private print(ch: string): void {
    const w = cellsOf(ch.codePointAt(0)!);
    if (w === 0) {
      // A combining mark joins the character drawn before it.
      const r = this.row(this.y);
      let x = Math.min(this.x, this.cols) - 1;
      if (x > 0 && r[x]?.ch === '') x--;
      if (x >= 0 && r[x] !== undefined) r[x]!.ch += ch;
      return;
    }
    if (this.x + w > this.cols) {
      this.y++;
      this.x = 0;
    }
    const r = this.row(this.y);
    while (r.length < this.x) r.push({ ch: ' ', style: '' });
    r[this.x] = { ch, style: this.style };
    if (w === 2) r[this.x + 1] = { ch: '', style: this.style };
    this.placed.push([this.y, this.x]);
    this.x += w;
  }

  private csi(p: string, f: string): void {
    const n = p === '' ? 1 : Number(p);
    const x = Math.min(this.x, this.cols - 1); // moving ends a pending wrap
    switch (f) {
      case 'A':
        this.y = Math.max(0, this.y - n);
        this.x = x;
        return;
      case 'B':
        this.y += n;
        this.x = x;
        return;
      case 'C':
        this.x = Math.min(x + n, this.cols - 1);
        return;
      case 'D':
        this.x = Math.max(x - n, 0);
        return;
      case 'H':
        if (p !== '') break;
        this.x = this.y = 0;
        return;
      case 'J':
        if (p === '2') {
          this.rows = [];
          return;
        }
        if (p !== '' && p !== '0') break;
        this.row(this.y).length = Math.min(this.row(this.y).length, this.x);
        this.rows.length = this.y + 1;
        return;
      case 'K':
        if (p !== '' && p !== '0') break;
        this.row(this.y).length = Math.min(this.row(this.y).length, this.x);
        return;
      case 'm':
        this.style = p === '0' || p === '' ? '' : p;
        return;
    }
    throw new Error(`unexpected sequence ESC [${p}${f}`);
  }

  /** Each row as text, trailing blanks cut; trailing empty rows left out. */
  get lines(): string[] {
    const out = this.rows.map((r) =>
      r
        .map((c) => c.ch)
        .join('')
        .trimEnd(),
    );
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  }

  /** The cursor as a person sees it (a pending wrap shows on the last column). */
  get cursor(): [number, number] {
    return [this.y, Math.min(this.x, this.cols - 1)];
  }

  /** The text drawn in a style (e.g. the hint's "0;90;49"), row by row. */
  styled(style: string): string {
    return this.rows
      .map((r) =>
        r
          .filter((c) => c.style === style)
          .map((c) => c.ch)
          .join(''),
      )
      .join('');
  }
}

// ---------------------------------------------------------------------------------------------

interface Setup {
  cols?: number;
  prompt?: string;
  history?: string[];
  hint?: (buffer: string) => Hint | null;
  completions?: (buffer: string) => string[];
}

const grey = (text: string): Hint => ({ text, color: 90, bold: false });
const HINT_STYLE = '0;90;49';

/** An editor on a fake host, drawing on a Screen; `type` feeds each argument as one keystroke. */
function term(setup: Setup = {}) {
  const host = {
    cols: setup.cols ?? 80,
    promptText: setup.prompt ?? '> ',
    prompt(): string {
      return this.promptText;
    },
    hint: setup.hint ?? (() => null),
    completions: setup.completions ?? (() => []),
    columns(): number {
      return this.cols;
    },
  } satisfies LineEditorHost & { cols: number; promptText: string };
  const ed = new LineEditor(host, new History(setup.history ?? []));
  const screen = new Screen(host.cols);
  screen.write(ed.start());
  const type = (...keys: string[]): FeedResult => {
    let last: FeedResult = { output: '', rest: '' };
    for (const k of keys) {
      last = ed.feed(k);
      screen.write(last.output);
    }
    return last;
  };
  return { ed, host, screen, type };
}

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const ESC = '\x1b';
const TAB = '\t';
const CTRL = (c: string) => String.fromCharCode(c.toUpperCase().charCodeAt(0) - 64);

describe('typing and moving', () => {
  it('shows the prompt, then the typed text with the cursor after it', () => {
    const { ed, screen, type } = term();
    expect(screen.lines).toEqual(['>']);
    expect(screen.cursor).toEqual([0, 2]);
    type('g', 'e', 't', ' k');
    expect(ed.buffer).toBe('get k');
    expect(ed.active).toBe(true);
    expect(screen.lines).toEqual(['> get k']);
    expect(screen.cursor).toEqual([0, 7]);
  });

  it('start() returns just the prompt', () => {
    const ed = new LineEditor({ prompt: () => '127.0.0.1:6379> ', hint: () => null, completions: () => [], columns: () => 80 });
    expect(ed.active).toBe(false);
    expect(ed.start()).toBe('127.0.0.1:6379> ');
    expect(ed.active).toBe(true);
    expect(ed.history.lines).toEqual([]);
  });

  it('inserts in the middle of the line', () => {
    const { ed, screen, type } = term();
    type('helo', LEFT, 'l');
    expect(ed.buffer).toBe('hello');
    expect(screen.lines).toEqual(['> hello']);
    expect(screen.cursor).toEqual([0, 6]);
    type(CTRL('a'), '>');
    expect(screen.lines).toEqual(['> >hello']);
    expect(screen.cursor).toEqual([0, 3]);
  });

  it('moves with the arrows, Ctrl-B and Ctrl-F, stopping at both ends', () => {
    const { screen, type } = term();
    type('abc');
    for (const left of [LEFT, '\x1bOD', CTRL('b')]) {
      type(CTRL('e'), left);
      expect(screen.cursor).toEqual([0, 4]);
    }
    for (const right of [RIGHT, '\x1bOC', CTRL('f')]) {
      type(CTRL('a'), right);
      expect(screen.cursor).toEqual([0, 3]);
    }
    expect(type(CTRL('e'), RIGHT).output).toBe(''); // already at the end: nothing to redraw
    expect(type(CTRL('a'), LEFT).output).toBe('');
    expect(screen.cursor).toEqual([0, 2]);
    expect(screen.lines).toEqual(['> abc']);
  });

  it('goes home and to the end with every Home and End key', () => {
    const { screen, type } = term();
    type('abc def');
    for (const home of ['\x1b[H', '\x1bOH', '\x1b[1~', '\x1b[7~', CTRL('a')]) {
      type(CTRL('e'), home);
      expect(screen.cursor).toEqual([0, 2]);
    }
    for (const end of ['\x1b[F', '\x1bOF', '\x1b[4~', '\x1b[8~', CTRL('e')]) {
      type(CTRL('a'), end);
      expect(screen.cursor).toEqual([0, 9]);
    }
  });

  it('moves by word with Alt-b / Alt-f and Ctrl-Left / Ctrl-Right', () => {
    const { screen, type } = term();
    type('set  key value');
    type('\x1bb');
    expect(screen.cursor).toEqual([0, 2 + 9]);
    type('\x1b[1;5D');
    expect(screen.cursor).toEqual([0, 2 + 5]);
    type('\x1bb');
    expect(screen.cursor).toEqual([0, 2]);
    type('\x1bf');
    expect(screen.cursor).toEqual([0, 2 + 3]);
    type('\x1b[1;5C');
    expect(screen.cursor).toEqual([0, 2 + 8]);
    type('\x1b[1;3C'); // Alt-Right too
    expect(screen.cursor).toEqual([0, 2 + 14]);
  });

  it('deletes before the cursor with Backspace (DEL and Ctrl-H)', () => {
    const { ed, screen, type } = term();
    type('abcd', '\x7f');
    expect(ed.buffer).toBe('abc');
    type(LEFT, '\x08');
    expect(ed.buffer).toBe('ac');
    expect(screen.lines).toEqual(['> ac']);
    expect(screen.cursor).toEqual([0, 3]);
    expect(type(CTRL('a'), '\x7f').output).toBe('');
    expect(ed.buffer).toBe('ac');
  });

  it('deletes under the cursor with Delete and Ctrl-D', () => {
    const { ed, screen, type } = term();
    type('abcd', CTRL('a'), '\x1b[3~');
    expect(ed.buffer).toBe('bcd');
    type(CTRL('d'));
    expect(ed.buffer).toBe('cd');
    expect(screen.lines).toEqual(['> cd']);
    expect(screen.cursor).toEqual([0, 2]);
    // At the end of a line that is not empty, Ctrl-D does nothing (no eof).
    const r = type(CTRL('e'), CTRL('d'));
    expect(r.event).toBeUndefined();
    expect(ed.buffer).toBe('cd');
    expect(ed.active).toBe(true);
  });

  it('Ctrl-K kills to the end, Ctrl-U the whole line (as linenoise does)', () => {
    const { ed, screen, type } = term();
    type('hello world', '\x1bb', CTRL('k'));
    expect(ed.buffer).toBe('hello ');
    expect(screen.lines).toEqual(['> hello']);
    type(LEFT, LEFT, CTRL('u'));
    expect(ed.buffer).toBe('');
    expect(screen.lines).toEqual(['>']);
    expect(screen.cursor).toEqual([0, 2]);
  });

  it('Ctrl-W deletes the word before the cursor and the spaces after it', () => {
    const { ed, screen, type } = term();
    type('set key  value  ', CTRL('w'));
    expect(ed.buffer).toBe('set key  ');
    type(CTRL('w'));
    expect(ed.buffer).toBe('set ');
    type('k', CTRL('a'), RIGHT, RIGHT, CTRL('w'));
    expect(ed.buffer).toBe('t k');
    expect(screen.lines).toEqual(['> t k']);
    expect(screen.cursor).toEqual([0, 2]);
  });

  it('Ctrl-T swaps the characters before and under the cursor, like linenoise', () => {
    const { ed, screen, type } = term();
    type('abcd', CTRL('a'), RIGHT, CTRL('t'));
    expect(ed.buffer).toBe('bacd');
    expect(screen.cursor).toEqual([0, 4]); // stepped right
    type(CTRL('t'));
    expect(ed.buffer).toBe('bcad');
    type(CTRL('t')); // under the last character: swaps without stepping
    expect(ed.buffer).toBe('bcda');
    expect(screen.cursor).toEqual([0, 5]);
    type(CTRL('e'), CTRL('t')); // at the end: nothing
    type(CTRL('a'), CTRL('t')); // at the start: nothing
    expect(ed.buffer).toBe('bcda');
    expect(screen.lines).toEqual(['> bcda']);
  });

  it('moves and deletes Korean by whole characters, two cells each', () => {
    const { ed, screen, type } = term();
    type('한글 키');
    expect(screen.lines).toEqual(['> 한글 키']);
    expect(screen.cursor).toEqual([0, 9]);
    type(LEFT, LEFT);
    expect(screen.cursor).toEqual([0, 6]);
    type('\x7f');
    expect(ed.buffer).toBe('한 키');
    expect(screen.lines).toEqual(['> 한 키']);
    expect(screen.cursor).toEqual([0, 4]);
    type(CTRL('t'));
    expect(ed.buffer).toBe(' 한키');
    type(CTRL('e'), '😀', LEFT);
    expect(screen.cursor).toEqual([0, 7]);
    type('\x1b[3~');
    expect(ed.buffer).toBe(' 한키'); // the emoji (a surrogate pair) went in one piece
  });

  it('keeps a combining mark with its letter', () => {
    const { ed, screen, type } = term();
    type('cafe', '\u0301', '!');
    expect(ed.buffer).toBe('cafe\u0301!');
    expect(screen.cursor).toEqual([0, 7]);
    type(LEFT, LEFT);
    expect(screen.cursor).toEqual([0, 5]);
    type('\x1b[3~');
    expect(ed.buffer).toBe('caf!');
  });
});

describe('ending the line', () => {
  it('Enter gives the line, leaves it on the screen and moves to the next row', () => {
    const { ed, screen, type } = term();
    const r = type('get k', LEFT, LEFT, '\r');
    expect(r.event).toEqual({ kind: 'line', text: 'get k' });
    expect(r.rest).toBe('');
    expect(r.output.endsWith('\r\n')).toBe(true);
    expect(ed.active).toBe(false);
    expect(screen.lines).toEqual(['> get k']);
    expect(screen.cursor).toEqual([1, 0]);
    expect(ed.history.lines).toEqual([]); // the controller adds it
  });

  it('accepts \\n as Enter too', () => {
    const { type } = term();
    expect(type('ping\n').event).toEqual({ kind: 'line', text: 'ping' });
  });

  it('is idle after an event: input is handed back untouched until start()', () => {
    const { ed, screen, type } = term();
    type('a\r');
    expect(ed.feed('xyz\r')).toEqual({ output: '', rest: 'xyz\r' });
    expect(ed.refresh()).toBe('');
    expect(ed.hide()).toBe('');
    screen.write(ed.start());
    expect(ed.buffer).toBe('');
    type('b');
    expect(screen.lines).toEqual(['> a', '> b']);
  });

  it('Ctrl-C writes ^C after the line and a newline, event interrupt', () => {
    const { ed, screen, type } = term({ hint: () => grey(' key') });
    const r = type('get', LEFT, CTRL('c'));
    expect(r.event).toEqual({ kind: 'interrupt' });
    expect(ed.active).toBe(false);
    expect(screen.lines).toEqual(['> get^C']); // the hint is gone too
    expect(screen.cursor).toEqual([1, 0]);
  });

  it('Ctrl-D on an empty line is eof', () => {
    const { ed, screen, type } = term();
    const r = type(CTRL('d'));
    expect(r.event).toEqual({ kind: 'eof' });
    expect(ed.active).toBe(false);
    expect(screen.lines).toEqual(['>']);
    expect(screen.cursor).toEqual([1, 0]);
  });

  it('Ctrl-L clears the screen and draws the line again at the top; the edit goes on', () => {
    const { ed, screen, type } = term();
    screen.write('old output\r\nmore\r\n');
    screen.write(ed.refresh());
    type('get', LEFT);
    const r = type(CTRL('l'));
    expect(r.output.startsWith('\x1b[H\x1b[2J')).toBe(true);
    expect(r.event).toEqual({ kind: 'clear-screen' });
    expect(ed.active).toBe(true);
    expect(screen.lines).toEqual(['> get']);
    expect(screen.cursor).toEqual([0, 4]);
    type('X');
    expect(screen.lines).toEqual(['> geXt']);
  });

  it('after Ctrl-L in a paste, the rest is handed back to feed again at once', () => {
    const { ed, screen } = term();
    const r = ed.feed('a\x0cb');
    screen.write(r.output);
    expect(r).toMatchObject({ event: { kind: 'clear-screen' }, rest: 'b' });
    screen.write(ed.feed(r.rest).output);
    expect(screen.lines).toEqual(['> ab']);
  });
});

describe('history', () => {
  const history = ['one', 'two', 'three'];

  it('walks older with Up / Ctrl-P and newer with Down / Ctrl-N, keeping the line being typed', () => {
    const { ed, screen, type } = term({ history });
    type('draft', LEFT);
    type(UP);
    expect(ed.buffer).toBe('three');
    expect(screen.lines).toEqual(['> three']);
    expect(screen.cursor).toEqual([0, 7]);
    type(CTRL('p'));
    expect(ed.buffer).toBe('two');
    type(UP, UP, UP);
    expect(ed.buffer).toBe('one'); // stops at the oldest
    type(DOWN);
    expect(ed.buffer).toBe('two');
    type(CTRL('n'), DOWN);
    expect(ed.buffer).toBe('draft');
    type(DOWN);
    expect(ed.buffer).toBe('draft'); // stops at the newest
    expect(screen.lines).toEqual(['> draft']);
    expect(screen.cursor).toEqual([0, 7]);
  });

  it('edits a copy of a recalled line: the stored history does not change', () => {
    const { ed, screen, type } = term({ history });
    type(UP, 'X');
    expect(ed.buffer).toBe('threeX');
    type(UP, DOWN);
    expect(ed.buffer).toBe('threeX'); // kept while this line is edited
    const r = type('\r');
    expect(r.event).toEqual({ kind: 'line', text: 'threeX' });
    expect(ed.history.lines).toEqual(history);
    ed.history.add('threeX');
    screen.write(ed.start());
    type(UP);
    expect(ed.buffer).toBe('threeX');
    type(UP);
    expect(ed.buffer).toBe('three');
  });

  it('does nothing without history', () => {
    const { ed, type } = term();
    expect(type('a', UP).output).toBe('');
    expect(type(DOWN).output).toBe('');
    expect(ed.buffer).toBe('a');
  });

  it('History.add skips a repeat of the last line and drops the oldest past the maximum', () => {
    const h = new History();
    h.add('a');
    h.add('a');
    h.add('b');
    h.add('a');
    expect(h.lines).toEqual(['a', 'b', 'a']);
    expect(h.maxLength).toBe(100);
    for (let i = 0; i < 150; i++) h.add(`x${i}`);
    expect(h.lines.length).toBe(100);
    expect(h.lines[0]).toBe('x50');
    expect(h.lines[99]).toBe('x149');
  });

  it('History loads lines through add(), like linenoiseHistoryLoad', () => {
    expect(new History(['a', 'a', 'b', 'c', 'd'], 3).lines).toEqual(['b', 'c', 'd']);
    expect(new History(['a', 'b'], 0).lines).toEqual([]);
  });
});

describe('Ctrl-R reverse search', () => {
  const history = ['set a 1', 'get a', 'set b 2', 'hget h f', 'get b'];
  const SEARCH = CTRL('r');

  it('shows the query and the newest line holding it, the cursor on the match', () => {
    const { screen, type } = term({ history });
    type('draft', SEARCH);
    expect(screen.lines).toEqual(["(reverse-i-search)`': draft"]);
    type('s', 'et');
    expect(screen.lines).toEqual(["(reverse-i-search)`set': set b 2"]);
    expect(screen.cursor).toEqual([0, "(reverse-i-search)`set': ".length]);
    type(' b');
    expect(screen.lines).toEqual(["(reverse-i-search)`set b': set b 2"]);
  });

  it('finds older matches with Ctrl-R again, then fails keeping the last match', () => {
    const { screen, type } = term({ history });
    type(SEARCH, 'get');
    expect(screen.lines).toEqual(["(reverse-i-search)`get': get b"]);
    type(SEARCH);
    expect(screen.lines).toEqual(["(reverse-i-search)`get': hget h f"]);
    expect(screen.cursor).toEqual([0, "(reverse-i-search)`get': h".length]);
    type(SEARCH);
    expect(screen.lines).toEqual(["(reverse-i-search)`get': get a"]);
    type(SEARCH);
    expect(screen.lines).toEqual(["(failed reverse-i-search)`get': get a"]);
  });

  it('fails on a query nothing holds, showing the line typed; Backspace shortens the query', () => {
    const { ed, screen, type } = term({ history });
    type('draft', SEARCH, 'zz');
    expect(screen.lines).toEqual(["(failed reverse-i-search)`zz': draft"]);
    type('\x7f', '\x7f', 'hg');
    expect(screen.lines).toEqual(["(reverse-i-search)`hg': hget h f"]);
    type('x');
    expect(screen.lines).toEqual(["(failed reverse-i-search)`hgx': hget h f"]);
    type('\x7f');
    expect(screen.lines).toEqual(["(reverse-i-search)`hg': hget h f"]);
    expect(ed.buffer).toBe('draft'); // nothing taken yet
  });

  it('Enter takes the match and runs it', () => {
    const { ed, screen, type } = term({ history });
    const r = type('draft', SEARCH, 'set');
    expect(r.event).toBeUndefined();
    const e = type('\r');
    expect(e.event).toEqual({ kind: 'line', text: 'set b 2' });
    expect(ed.active).toBe(false);
    expect(screen.lines).toEqual(['> set b 2']);
    expect(screen.cursor).toEqual([1, 0]);
  });

  it('Esc takes the match into the line to edit it, the cursor on the match', () => {
    const { ed, screen, type } = term({ history });
    type(SEARCH, ' a', ESC);
    expect(ed.buffer).toBe('get a');
    expect(screen.lines).toEqual(['> get a']);
    expect(screen.cursor).toEqual([0, 5]);
    type(CTRL('e'), 'bc');
    expect(ed.buffer).toBe('get abc');
  });

  it('arrows and Ctrl-A / Ctrl-E take the match, then act on it', () => {
    for (const [key, col] of [
      [RIGHT, 2 + 2],
      [LEFT, 0 + 2],
      [CTRL('a'), 2],
      [CTRL('e'), 8 + 2],
    ] as const) {
      const { ed, screen, type } = term({ history });
      type(SEARCH, 'get h', key);
      expect(ed.buffer).toBe('hget h f');
      expect(screen.lines).toEqual(['> hget h f']);
      expect(screen.cursor).toEqual([0, col]);
    }
  });

  it('Up and Down go on from the line found', () => {
    const { ed, type } = term({ history });
    type('draft', SEARCH, 'get a', ESC, UP);
    expect(ed.buffer).toBe('set a 1');
    type(DOWN, DOWN);
    expect(ed.buffer).toBe('set b 2');
    type(DOWN, DOWN, DOWN);
    expect(ed.buffer).toBe('draft');
  });

  it('Ctrl-C and Ctrl-G cancel back to the line as it was', () => {
    for (const cancel of [CTRL('c'), CTRL('g')]) {
      const { ed, screen, type } = term({ history });
      type('draft', LEFT, SEARCH, 'get');
      const r = type(cancel);
      expect(r.event).toBeUndefined();
      expect(ed.active).toBe(true);
      expect(ed.buffer).toBe('draft');
      expect(screen.lines).toEqual(['> draft']);
      expect(screen.cursor).toEqual([0, 6]);
    }
  });

  it('Ctrl-R on an empty query searches for the previous query again', () => {
    const { screen, type } = term({ history });
    type(SEARCH, 'hget', ESC, CTRL('u'), SEARCH);
    expect(screen.lines).toEqual(["(reverse-i-search)`':"]);
    type(SEARCH);
    expect(screen.lines).toEqual(["(reverse-i-search)`hget': hget h f"]);
  });

  it('searches Korean, placing the cursor by display width', () => {
    const { ed, screen, type } = term({ history: ['set 이름 홍길동', 'get 이름'] });
    type(SEARCH, '길동');
    expect(screen.lines).toEqual(["(reverse-i-search)`길동': set 이름 홍길동"]);
    const promptWidth = "(reverse-i-search)`': ".length + 4;
    expect(screen.cursor).toEqual([0, promptWidth + 'set '.length + 4 + 1 + 2]);
    type(ESC);
    expect(ed.buffer).toBe('set 이름 홍길동');
    expect(screen.cursor).toEqual([0, 2 + 4 + 4 + 1 + 2]);
  });
});

describe('Tab completion', () => {
  const commands = ['GET', 'GETDEL', 'GETRANGE', 'SET'];
  const completions = (b: string) => commands.filter((c) => c.startsWith(b.toUpperCase()));

  it('cycles through the candidates, then the original line with a beep, then round again', () => {
    const { ed, screen, type } = term({ completions });
    type('ge', TAB);
    expect(screen.lines).toEqual(['> GET']);
    expect(screen.cursor).toEqual([0, 5]);
    type(TAB);
    expect(screen.lines).toEqual(['> GETDEL']);
    type(TAB);
    expect(screen.lines).toEqual(['> GETRANGE']);
    expect(screen.bells).toBe(0);
    type(TAB);
    expect(screen.lines).toEqual(['> ge']);
    expect(screen.bells).toBe(1);
    type(TAB);
    expect(screen.lines).toEqual(['> GET']);
    expect(ed.buffer).toBe('ge'); // only shown until a key takes it
  });

  it('any other key takes the candidate shown and then acts', () => {
    const { ed, screen, type } = term({ completions });
    type('ge', TAB, TAB, ' ');
    expect(ed.buffer).toBe('GETDEL ');
    type('k');
    expect(screen.lines).toEqual(['> GETDEL k']);
    const t2 = term({ completions });
    t2.type('s', TAB, CTRL('a'), 'x');
    expect(t2.ed.buffer).toBe('xSET');
  });

  it('Enter takes the candidate and runs it', () => {
    const { type } = term({ completions });
    expect(type('getr', TAB, '\r').event).toEqual({ kind: 'line', text: 'GETRANGE' });
  });

  it('Esc shows the original line again', () => {
    const { ed, screen, type } = term({ completions });
    type('ge', LEFT, TAB, TAB, ESC);
    expect(ed.buffer).toBe('ge');
    expect(screen.lines).toEqual(['> ge']);
    expect(screen.cursor).toEqual([0, 3]);
  });

  it('an arrow key starts with ESC: as in linenoise it restores the original, then moves', () => {
    const { ed, screen, type } = term({ completions });
    type('ge', TAB, LEFT);
    expect(ed.buffer).toBe('ge');
    expect(screen.cursor).toEqual([0, 3]);
  });

  it('beeps when there is nothing to complete', () => {
    const { ed, screen, type } = term({ completions });
    const r = type('xyz', TAB);
    expect(r.output).toBe('\x07');
    expect(screen.bells).toBe(1);
    expect(ed.buffer).toBe('xyz');
    type('!');
    expect(ed.buffer).toBe('xyz!');
  });

  it('draws the hint of the candidate shown', () => {
    const { screen, type } = term({ completions, hint: (b) => (b === 'GETRANGE' ? grey(' key start end') : null) });
    type('getr', TAB);
    expect(screen.lines).toEqual(['> GETRANGE key start end']);
    expect(screen.cursor).toEqual([0, 10]);
  });
});

describe('hints', () => {
  const hint = (b: string) => (b.toLowerCase() === 'get' ? grey(' key') : b.toLowerCase().startsWith('set ') ? grey(' value [NX|XX] [GET]') : null);

  it('draws the hint in grey after the line, the cursor staying at the end of the line', () => {
    const { screen, type } = term({ hint });
    type('ge');
    expect(screen.lines).toEqual(['> ge']);
    type('t');
    expect(screen.lines).toEqual(['> get key']);
    expect(screen.styled(HINT_STYLE)).toBe(' key');
    expect(screen.cursor).toEqual([0, 5]);
    type(' ');
    expect(screen.lines).toEqual(['> get']);
  });

  it('draws it after the line wherever the cursor is', () => {
    const { screen, type } = term({ hint });
    type('get', LEFT, LEFT);
    expect(screen.lines).toEqual(['> get key']);
    expect(screen.cursor).toEqual([0, 3]);
  });

  it('cuts it to the room left on the row, and leaves it out when there is none', () => {
    const { host, screen, type } = term({ hint, cols: 20 });
    type('set k');
    expect(screen.lines).toEqual(['> set k value [NX|XX'.slice(0, 20)]);
    expect(screen.styled(HINT_STYLE)).toBe(' value [NX|XX');
    expect(screen.cursor).toEqual([0, 7]);
    type('eeeeeeeeeeee'); // 2 + 17 columns: room for one cell
    expect(screen.lines).toEqual(['> set k' + 'e'.repeat(12)]);
    expect(screen.styled(HINT_STYLE)).toBe(' ');
    type('e'); // the line fills the row: no hint
    expect(screen.styled(HINT_STYLE)).toBe('');
    expect(host.cols).toBe(20);
  });

  it('cuts it by display width after Korean', () => {
    const { screen, type } = term({ hint, cols: 16 });
    type('set 한글');
    expect(screen.lines).toEqual(['> set 한글 value']);
    expect(screen.cursor).toEqual([0, 10]);
  });

  it('removes it on Enter: the screen keeps the prompt and the line only', () => {
    const { screen, type } = term({ hint });
    const r = type('get', '\r');
    expect(r.event).toEqual({ kind: 'line', text: 'get' });
    expect(screen.lines).toEqual(['> get']);
    expect(screen.styled(HINT_STYLE)).toBe('');
    expect(screen.cursor).toEqual([1, 0]);
  });

  it('works with the real redis-cli session: hints and completion from the command table', () => {
    const s = new CliSession({ specs: commandSpecs });
    const ed = new LineEditor({ prompt: () => s.prompt, hint: (b) => s.hint(b), completions: (b) => s.completions(b), columns: () => 80 });
    const screen = new Screen(80).write(ed.start());
    screen.write(ed.feed('hset').output);
    expect(screen.lines).toEqual(['127.0.0.1:6379> hset key field value [field value ...]']);
    screen.write(ed.feed('\x15getd\t').output);
    expect(screen.lines).toEqual(['127.0.0.1:6379> GETDEL key']);
    const r = ed.feed(' k\r');
    screen.write(r.output);
    expect(r.event).toEqual({ kind: 'line', text: 'GETDEL k' });
    expect(screen.lines).toEqual(['127.0.0.1:6379> GETDEL k']);
  });
});

describe('long lines wrap over several rows', () => {
  const prompt = '127.0.0.1:6379> '; // 16 columns

  it('wraps at the terminal width and keeps the cursor in place', () => {
    const { screen, type } = term({ cols: 20, prompt });
    type('set key value');
    expect(screen.lines).toEqual(['127.0.0.1:6379> set', 'key value']);
    expect(screen.cursor).toEqual([1, 9]);
    type('\x1bb');
    expect(screen.cursor).toEqual([1, 4]);
    type(CTRL('a'));
    expect(screen.cursor).toEqual([0, 16]);
    type('X');
    expect(screen.lines).toEqual(['127.0.0.1:6379> Xset', ' key value']);
    expect(screen.cursor).toEqual([0, 17]);
  });

  it('moves the cursor across the wrap', () => {
    const { screen, type } = term({ cols: 20, prompt });
    type('abcdefgh');
    expect(screen.cursor).toEqual([1, 4]);
    type(LEFT, LEFT, LEFT, LEFT);
    expect(screen.cursor).toEqual([1, 0]);
    type(LEFT);
    expect(screen.cursor).toEqual([0, 19]);
    type(RIGHT);
    expect(screen.cursor).toEqual([1, 0]);
    type('\x7f');
    expect(screen.lines).toEqual(['127.0.0.1:6379> abce', 'fgh']);
    expect(screen.cursor).toEqual([0, 19]);
  });

  it('a line ending exactly at the right margin puts the cursor at the start of the next row', () => {
    const { screen, type } = term({ cols: 20, prompt });
    type('abcd');
    expect(screen.lines).toEqual(['127.0.0.1:6379> abcd']);
    expect(screen.cursor).toEqual([1, 0]);
    type('e');
    expect(screen.lines).toEqual(['127.0.0.1:6379> abcd', 'e']);
    type('\x7f', '\x7f');
    expect(screen.lines).toEqual(['127.0.0.1:6379> abc']);
    expect(screen.cursor).toEqual([0, 19]);
  });

  it('a prompt exactly as wide as the terminal leaves the cursor on the next row', () => {
    const { screen, type } = term({ cols: 16, prompt });
    expect(screen.cursor).toEqual([1, 0]);
    type('a');
    expect(screen.lines).toEqual([prompt.trimEnd(), 'a']);
    expect(screen.cursor).toEqual([1, 1]);
  });

  it('wraps Korean: a wide character never straddles two rows', () => {
    const { ed, screen, type } = term({ cols: 10, prompt: '> ' });
    type('a한글입니다');
    // "> a" + 3 wide characters take 9 columns; the 4th does not fit in the last one.
    expect(screen.lines).toEqual(['> a한글입', '니다']);
    expect(screen.cursor).toEqual([1, 4]);
    type(LEFT, LEFT);
    expect(screen.cursor).toEqual([1, 0]);
    type(LEFT);
    expect(screen.cursor).toEqual([0, 7]);
    type('\x7f');
    expect(ed.buffer).toBe('a한입니다');
    expect(screen.lines).toEqual(['> a한입니', '다']);
    expect(screen.cursor).toEqual([0, 5]);
  });

  it('fills a row exactly with Korean', () => {
    const { screen, type } = term({ cols: 10, prompt: '> ' });
    type('한글입니');
    expect(screen.lines).toEqual(['> 한글입니']);
    expect(screen.cursor).toEqual([1, 0]);
    type('다');
    expect(screen.lines).toEqual(['> 한글입니', '다']);
    expect(screen.cursor).toEqual([1, 2]);
  });

  it('redraws from the first row whatever row the cursor is on, leaving nothing behind', () => {
    const { ed, screen, type } = term({ cols: 20, prompt });
    screen.write(ed.hide() + 'above\r\n' + ed.refresh());
    type('x'.repeat(40));
    expect(screen.lines).toEqual(['above', '127.0.0.1:6379> xxxx', 'x'.repeat(20), 'x'.repeat(16)]);
    type(CTRL('a'), RIGHT, RIGHT, '\x1bf', CTRL('k')); // from the last row: \x1bf goes to the end
    expect(screen.lines).toEqual(['above', '127.0.0.1:6379> xxxx', 'x'.repeat(20), 'x'.repeat(16)]);
    type(CTRL('a'), RIGHT, RIGHT, CTRL('k')); // from the first row
    expect(screen.lines).toEqual(['above', '127.0.0.1:6379> xx']);
    type('yy', CTRL('u'));
    expect(screen.lines).toEqual(['above', '127.0.0.1:6379>']);
    expect(screen.cursor).toEqual([1, 16]);
  });

  it('Enter on a wrapped line with the cursor on its first row moves below the last row', () => {
    const { screen, type } = term({ cols: 20, prompt });
    const r = type('set key value 12345678', CTRL('a'), '\r');
    expect(r.event).toEqual({ kind: 'line', text: 'set key value 12345678' });
    expect(screen.lines).toEqual(['127.0.0.1:6379> set', 'key value 12345678']);
    expect(screen.cursor).toEqual([2, 0]);
  });

  it('refresh() draws the line at the new width after a resize', () => {
    const { host, screen, type, ed } = term({ cols: 20, prompt });
    type('set key value', LEFT);
    host.cols = 40;
    screen.cols = 40;
    screen.write(ed.refresh());
    expect(screen.lines).toEqual(['127.0.0.1:6379> set key value']);
    expect(screen.cursor).toEqual([0, 28]);
    host.cols = 10;
    screen.cols = 10;
    screen.write(ed.refresh());
    expect(screen.lines).toEqual(['127.0.0.1:', '6379> set', 'key value']);
    expect(screen.cursor).toEqual([2, 8]);
  });
});

describe('pastes', () => {
  it('stops at the first line end and hands back the rest', () => {
    const { ed, screen, type } = term();
    const r = type('get a\rset b 1\rping');
    expect(r.event).toEqual({ kind: 'line', text: 'get a' });
    expect(r.rest).toBe('set b 1\rping');
    screen.write('(nil)\r\n' + ed.start());
    const r2 = ed.feed(r.rest);
    screen.write(r2.output);
    expect(r2).toMatchObject({ event: { kind: 'line', text: 'set b 1' }, rest: 'ping' });
    screen.write(ed.start());
    const r3 = ed.feed(r2.rest);
    screen.write(r3.output);
    expect(r3.event).toBeUndefined();
    expect(r3.rest).toBe('');
    expect(screen.lines).toEqual(['> get a', '(nil)', '> set b 1', '> ping']);
  });

  it('takes \\r\\n as one line end, and \\n alone', () => {
    const { ed, type } = term();
    expect(type('a\r\nb\r\n')).toMatchObject({ event: { kind: 'line', text: 'a' }, rest: 'b\r\n' });
    ed.start();
    expect(ed.feed('b\nc')).toMatchObject({ event: { kind: 'line', text: 'b' }, rest: 'c' });
    ed.start();
    // Two line ends make an empty line in between.
    expect(ed.feed('c\r\r')).toMatchObject({ event: { kind: 'line', text: 'c' }, rest: '\r' });
    ed.start();
    expect(ed.feed('\r')).toMatchObject({ event: { kind: 'line', text: '' }, rest: '' });
  });

  it('runs the keys inside a paste and draws once at the end', () => {
    const { ed, screen, type } = term();
    const r = type('ab\x1b[Dc\x1b[C한');
    expect(ed.buffer).toBe('acb한');
    expect(screen.lines).toEqual(['> acb한']);
    expect(r.output.split('\x1b[J').length).toBe(2);
  });
});

describe('garbage is ignored', () => {
  it('never inserts an unknown escape sequence or control character', () => {
    const { ed, screen, type } = term();
    type('ab');
    const garbage = [
      '\x1b[15~', // F5
      '\x1bOP', // F1
      '\x1b[200~', // bracketed paste start
      '\x1b[?1;2c',
      '\x1b[5;3H',
      '\x1b[1;5Q',
      '\x1b[2~', // Insert
      '\x1b[6~',
      '\x1b[ q',
      '\x1bx',
      '\x1b\x7f',
      '\x1b[',
      '\x1bO',
      '\x1b',
      CTRL('g'),
      CTRL('z'),
      CTRL('v'),
      CTRL('o'),
      '\x00',
      '\x9b',
      '\x85',
    ];
    for (const g of garbage) {
      const r = type(g);
      expect(r.event).toBeUndefined();
      expect(r.rest).toBe('');
    }
    expect(ed.buffer).toBe('ab');
    expect(screen.lines).toEqual(['> ab']);
    expect(screen.cursor).toEqual([0, 4]);
    type('c\x1b[99Zd\x1b[1;2;3;4Ae');
    expect(ed.buffer).toBe('abcde');
  });

  it('a sequence cut short by a control character lets that character act', () => {
    const { ed, type } = term();
    expect(type('ab\x1b[1\x7f').event).toBeUndefined();
    expect(ed.buffer).toBe('a');
    expect(type('\x1bO\r').event).toEqual({ kind: 'line', text: 'a' });
  });

  it('never throws, and draws only what the screen model knows, whatever the input', () => {
    const keys = fc.constantFrom(
      'a',
      ' ',
      '한',
      '😀',
      'e\u0301',
      TAB,
      CTRL('r'),
      '\x7f',
      LEFT,
      RIGHT,
      UP,
      DOWN,
      ESC,
      CTRL('w'),
      CTRL('t'),
      CTRL('k'),
      CTRL('l'),
      '\r',
      CTRL('c'),
      CTRL('d'),
    );
    const input = fc.array(fc.oneof(keys, fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 30 });
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 30 }), (chunks, cols) => {
        const { ed, screen } = term({
          cols,
          history: ['get a', 'set 한 값'],
          hint: (b) => (b.length % 3 === 0 ? grey(' key [x]') : null),
          completions: (b) => (b === '' ? [] : ['GET', 'GETDEL']),
        });
        for (const chunk of chunks) {
          let data = chunk;
          for (let guard = 0; guard < 100 && data !== ''; guard++) {
            const r = ed.feed(data);
            screen.write(r.output);
            expect(data.endsWith(r.rest)).toBe(true);
            if (r.event !== undefined && !ed.active) screen.write(ed.start());
            data = r.rest;
          }
          screen.write(ed.hide() + ed.refresh());
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the screen always shows prompt + line with the cursor in place', () => {
  it('after any sequence of editing keys, at any width (property)', () => {
    const keys = fc.constantFrom(
      'a',
      'bc',
      ' ',
      '한',
      '글자',
      '😀',
      '\x7f',
      '\x08',
      LEFT,
      RIGHT,
      '\x1bb',
      '\x1bf',
      CTRL('a'),
      CTRL('e'),
      CTRL('k'),
      CTRL('u'),
      CTRL('w'),
      CTRL('t'),
      '\x1b[3~',
      UP,
      DOWN,
      'RESIZE',
      'HIDE',
    );
    fc.assert(
      fc.property(
        fc.array(keys, { maxLength: 40 }),
        fc.integer({ min: 3, max: 30 }),
        fc.constantFrom('> ', '127.0.0.1:6379> ', 'db> '),
        (seq, cols, prompt) => {
          const { ed, host, screen, type } = term({ cols, prompt, history: ['hello 세계', 'x'.repeat(45)] });
          let n = 0;
          for (const key of seq) {
            if (key === 'RESIZE') {
              host.cols = screen.cols = 3 + ((cols * 7 + n++) % 28);
              screen.write(ed.refresh());
            } else if (key === 'HIDE') {
              screen.write(ed.hide());
              expect(screen.lines).toEqual([]);
              screen.write(ed.refresh());
            } else {
              type(key);
            }
            // What a fresh terminal shows for prompt + buffer, and where the character at the
            // cursor lands there.
            const want = new Screen(host.cols).write(prompt + ed.buffer);
            expect(screen.lines).toEqual(want.lines);
            const chars = [...(prompt + ed.buffer)].length;
            const before = [...(prompt + ed.buffer).slice(0, cursorIndex(ed, screen, prompt))].length;
            const at: [number, number] = before < chars ? want.placed[before]! : want.x >= host.cols ? [want.y + 1, 0] : [want.y, want.x];
            expect(screen.cursor).toEqual(at);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

/**
 * The cursor's index in prompt + buffer (UTF-16), through the public API only: a marker typed
 * lands at the cursor, and Backspace takes it away again (both drawn, so the screen follows).
 */
function cursorIndex(ed: LineEditor, screen: Screen, prompt: string): number {
  screen.write(ed.feed('\uE000').output);
  const at = ed.buffer.indexOf('\uE000');
  screen.write(ed.feed('\x7f').output);
  return prompt.length + at;
}
