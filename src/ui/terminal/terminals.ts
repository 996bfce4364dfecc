// The xterm.js terminals live outside React: one per tab, created once and kept while the tab
// exists, so switching tabs or layouts never loses a screen. React components only attach a
// terminal's element to where it should be shown.

import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITheme } from '@xterm/xterm';
import { charWidth } from '../../cli/char-width.js';
import { commandRan } from '../commands-heard.js';
import { History } from '../../cli/line-editor.js';
import { engine } from '../engine-client.js';
import { useLessons } from '../../store/lesson-store.js';
import { useUi, type Theme } from '../../store/ui-store.js';
import { FIRST_VISIT } from '../first-visit.js';
import { shortcutOf } from '../shortcuts.js';
import { UI_STRINGS } from '../strings.js';
import { TerminalSession } from './terminal-session.js';

export interface TerminalEntry {
  term: Terminal;
  fit: FitAddon;
  session: TerminalSession;
  /** The element xterm renders into; moved between containers as the layout changes. */
  element: HTMLDivElement;
}

const HISTORY_KEY = 'redis-playground:history';

/** One history for every tab, kept across reloads (redis-cli's ~/.rediscli_history). */
const history = new History(loadHistory());

function loadHistory(): string[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(saved) ? saved.filter((l): l is string => typeof l === 'string') : [];
  } catch {
    return [];
  }
}

function saveHistory(lines: readonly string[]): void {
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(lines));
  } catch {
    // Storage full or disabled: history stays for this page only.
  }
}

export const THEMES: Record<Theme, ITheme> = {
  dark: {
    background: '#16181d',
    foreground: '#e6e6e6',
    cursor: '#f2f2f2',
    selectionBackground: '#3a4a66',
    brightBlack: '#8a8f98',
  },
  light: {
    background: '#fbfbf8',
    foreground: '#1d1f24',
    cursor: '#1d1f24',
    cursorAccent: '#fbfbf8',
    selectionBackground: '#c6d7f5',
    black: '#1d1f24',
    brightBlack: '#6b7078',
    white: '#8a8f98',
    brightWhite: '#5a5f66',
    yellow: '#8a6a00',
    brightYellow: '#8a6a00',
  },
};

const entries = new Map<number, TerminalEntry>();

export function terminalFor(tabId: number): TerminalEntry {
  const existing = entries.get(tabId);
  if (existing) return existing;
  const ui = useUi.getState();
  const tab = ui.tabs.find((t) => t.id === tabId);
  const term = new Terminal({
    // Hangul (two cells wide) from the Noto Sans KR the site serves, which covers nothing else:
    // the cells are measured, and Latin drawn, with the monospace fonts after it.
    fontFamily: '"Noto Sans KR", ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    // DejaVu Sans Mono (Linux's usual monospace) draws "_" below its cell, and xterm's DOM
    // renderer clips each row to the cell: at line height 1 every underscore vanished
    // (xterm.js issue 4067). A little more height keeps it on the screen.
    lineHeight: 1.15,
    cursorBlink: true,
    scrollback: 10_000,
    screenReaderMode: true,
    theme: THEMES[ui.theme],
    allowProposedApi: true, // for term.unicode, below
  });
  registerEditorWidths(term);
  const fit = new FitAddon();
  term.loadAddon(fit);
  const element = document.createElement('div');
  element.className = 'xterm-host';
  term.open(element);
  // Labelled in the page's language from the start; setTerminalLabels relabels on a switch.
  term.textarea?.setAttribute('aria-label', UI_STRINGS[useLessons.getState().locale].terminalInput);
  const session = new TerminalSession({
    term,
    engine,
    history,
    onHistory: saveHistory,
    onInfo: (info) => {
      const change: Parameters<typeof ui.updateTab>[1] = { db: info.db, inMulti: info.inMulti };
      if (info.name !== undefined) change.title = info.name;
      useUi.getState().updateTab(tabId, change);
    },
    onCommand: (ran) => commandRan(tabId, ran),
    name: tab && isClientName(tab.title) && !/^client \d+$/.test(tab.title) ? tab.title : undefined,
    raw: tab?.raw ?? false,
    ...(tab?.port !== undefined ? { port: tab.port } : {}),
    // Someone who has never typed a command here is told where to start, in the first terminal;
    // a terminal on the second server says what that server is.
    banner:
      tab?.port !== undefined
        ? import('../late-strings.js').then((m) => m.LATE_STRINGS[useLessons.getState().locale].replicaBanner)
        : entries.size === 0 && history.lines.length === 0
          ? FIRST_VISIT[useLessons.getState().locale].welcome
          : undefined,
    words: () => UI_STRINGS[useLessons.getState().locale],
  });
  // The page's shortcuts (Alt+1...) pass by xterm.js to the window's listener; xterm would
  // otherwise send them to the line editor as Meta keys, which it ignores.
  term.attachCustomKeyEventHandler((e) => shortcutOf(e) === null);
  term.onData((data) => session.input(data));
  acceptInsertedText(term, (data) => session.input(data));
  // Side by side, the terminal typed into is the active one (the inspector and Run follow it).
  term.textarea?.addEventListener('focus', () => {
    if (useUi.getState().activeTab !== tabId) useUi.getState().selectTab(tabId);
  });
  const entry: TerminalEntry = { term, fit, session, element };
  entries.set(tabId, entry);
  void session.start();
  return entry;
}

/**
 * Cell widths as the line editor counts them (char-width.ts), so the cursor lands where the
 * editor thinks it is: xterm.js's own table counts most emoji as one cell.
 */
function registerEditorWidths(term: Terminal): void {
  term.unicode.register({
    version: 'playground',
    wcwidth: charWidth,
    // xterm.js packs (width << 1) | joins-previous; a zero-width char joins a visible one.
    charProperties(cp, preceding) {
      let width: number = charWidth(cp);
      let joins = width === 0 && preceding !== 0;
      if (joins) {
        const prevWidth = (preceding >> 1) & 3;
        if (prevWidth === 0) joins = false;
        else if (prevWidth > width) width = prevWidth;
      }
      return (width << 1) | (joins ? 1 : 0);
    },
  });
  term.unicode.activeVersion = 'playground';
}

/**
 * In screen-reader mode (which gives the screen's text to assistive technology) xterm.js takes
 * typed text only from key events and ignores text inserted without them: a tablet's on-screen
 * keyboard, dictation, an input method sending plain insertText. Those are taken here, with
 * the rule xterm.js applies outside that mode so nothing is taken twice.
 */
function acceptInsertedText(term: Terminal, input: (data: string) => void): void {
  const area = term.textarea;
  if (!area) return;
  let keyDownSeen = false;
  let keyPressed = false;
  area.addEventListener('keydown', () => {
    keyDownSeen = true;
    keyPressed = false;
  });
  area.addEventListener('keypress', () => (keyPressed = true));
  area.addEventListener('keyup', () => {
    keyDownSeen = false;
    keyPressed = false;
  });
  area.addEventListener('input', (e) => {
    const ev = e as InputEvent;
    if (ev.inputType !== 'insertText' || !ev.data || keyPressed || (ev.composed && keyDownSeen)) return;
    input(ev.data);
  });
}

export function disposeTerminal(tabId: number): void {
  const entry = entries.get(tabId);
  if (!entry) return;
  entries.delete(tabId);
  entry.session.dispose();
  entry.term.dispose();
  entry.element.remove();
}

/** The tab whose terminal holds this engine connection (a push's addressee), if any. */
export function tabOfConnection(handle: number): number | undefined {
  for (const [tabId, entry] of entries) if (entry.session.connectionHandle === handle) return tabId;
  return undefined;
}

/**
 * What the terminals say to assistive technology, in the page's language (xterm.js's own words
 * are English): the input's label, and the notice read when output comes too fast to read out.
 */
export function setTerminalLabels(words: { input: string; tooMuchOutput: string }): void {
  // xterm.js keeps these for every terminal; it reads tooMuchOutput when it announces it.
  Terminal.strings.promptLabel = words.input;
  Terminal.strings.tooMuchOutput = words.tooMuchOutput;
  for (const { term } of entries.values()) term.textarea?.setAttribute('aria-label', words.input);
}

export function existingTerminal(tabId: number): TerminalEntry | undefined {
  return entries.get(tabId);
}

export function setTerminalTheme(theme: Theme): void {
  for (const { term } of entries.values()) term.options.theme = THEMES[theme];
}

/** CLIENT SETNAME accepts no spaces or newlines (and an empty name clears it). */
export function isClientName(name: string): boolean {
  return name.length > 0 && !/[\s]/.test(name) && /^[\x21-\x7e]+$/.test(name);
}

/** What the terminal shows, every row of scrollback and screen, wrapped rows joined (tests read this). */
export function screenText(tabId: number): string[] {
  const entry = entries.get(tabId);
  if (!entry) return [];
  const buf = entry.term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < buf.length; y++) {
    const line = buf.getLine(y);
    if (!line) continue;
    // A row that continues on the next one keeps its trailing blanks: they are part of the line.
    const text = line.translateToString(false);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  // Trailing blanks are not kept, as tmux's capture-pane gives a screen.
  const trimmed = lines.map((l) => l.replace(/ +$/, ''));
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed;
}
