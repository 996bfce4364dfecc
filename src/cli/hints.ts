// What redis-cli shows while a person types: the grey argument hint after the cursor
// (hintsCallback) and the candidates Tab cycles through (completionCallback), both read from
// the help table (help.ts), so from our command table.

import { asciiEqualsIgnoreCase, type HelpTable, type HelpEntry } from './help.js';
import { isCSpace } from '../shared/args.js';
import { splitBytes, utf8Encode } from './split-args.js';

export interface Hint {
  /** The text to show after what was typed (ASCII). Starts with a space unless the line does. */
  text: string;
  /** The colour redis-cli asks linenoise for: 90 (dark grey), not bold. */
  color: number;
  bold: boolean;
}

/**
 * The hint for the line typed so far (a JS string), or null when there is none (nothing
 * typed, unbalanced quotes, no command matches). The longest command name matching the first
 * words wins (`CONFIG GET` over `CONFIG`); the hint is its argument syntax without the
 * arguments already typed — counted by spaces, stopping at the first optional `[...]`.
 */
export function hintFor(table: HelpTable, typed: string): Hint | null {
  const buf = utf8Encode(typed);
  const argv = splitBytes(buf);
  if (argv === null || argv.length === 0) return null;
  const endSpace = buf.length > 0 && isCSpace(buf.charCodeAt(buf.length - 1));
  let best: HelpEntry | null = null;
  let matched = 0;
  for (const e of table.entries) {
    if (e.kind !== 'command') continue;
    const words = e.words;
    if (words.length > argv.length || words.length <= matched) continue;
    let j = 0;
    while (j < words.length && asciiEqualsIgnoreCase(words[j]!, argv[j]!)) j++;
    if (j === words.length) {
      matched = words.length;
      best = e;
    }
  }
  if (best === null) return null;
  let hint = best.params;
  let toRemove = argv.length - matched;
  let p = 0;
  while (toRemove > 0 && p < hint.length) {
    if (hint[p] === '[') break;
    if (hint[p] === ' ') toRemove--;
    p++;
  }
  hint = hint.slice(p);
  return { text: endSpace ? hint : ' ' + hint, color: 90, bold: false };
}

/**
 * How linenoise draws a hint after the line: only when prompt and line leave room on the row,
 * cut to the room left, in the hint's colour. Lengths are in columns as linenoise counts them
 * (it counts bytes).
 */
export function renderHint(hint: Hint, promptLen: number, lineLen: number, cols: number): string {
  if (promptLen + lineLen >= cols) return '';
  const room = cols - (promptLen + lineLen);
  const text = hint.text.length > room ? hint.text.slice(0, room) : hint.text;
  let color = hint.color;
  if (hint.bold && color === -1) color = 37;
  const styled = color !== -1 || hint.bold;
  return (styled ? `\x1b[${hint.bold ? 1 : 0};${color};49m` : '') + text + (styled ? '\x1b[0m' : '');
}

/**
 * The completions Tab offers for the line typed so far, in order: command names (upper case,
 * `CONFIG GET` included) that start with the whole line, without regard to case. After
 * `help ` the topics are offered too (`help @string`, `help GET`), keeping what was typed
 * before the topic. redis-cli completes in upper case: `get` → `GET`.
 */
export function completionsFor(table: HelpTable, typed: string): string[] {
  let start = 0;
  let groupsToo = false;
  if (typed.length >= 5 && asciiEqualsIgnoreCase(typed.slice(0, 5), 'help ')) {
    start = 5;
    while (start < typed.length && isCSpace(typed.charCodeAt(start))) start++;
    groupsToo = true;
  }
  const head = typed.slice(0, start);
  const rest = utf8Encode(typed.slice(start));
  const out: string[] = [];
  for (const e of table.entries) {
    if (e.kind === 'group' && !groupsToo) continue;
    if (rest.length > e.full.length) continue;
    if (asciiEqualsIgnoreCase(rest, e.full.slice(0, rest.length))) out.push(head + e.full);
  }
  return out;
}
