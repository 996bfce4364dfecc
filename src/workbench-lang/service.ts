// The editor's Redis language service over plain text: completion, signature help, hover and
// markers, computed from the command docs the worker sends with `ready` (never a list of our
// own). Positions are Monaco's: lines and columns from 1, a column counting UTF-16 units, a
// range's end column exclusive. Nothing here knows Monaco or the DOM; the panel adapts.

import { execAbortBecause, unknownCommand, unknownSubcommand, wrongArity } from '../shared/errors.js';
import { splitBytes, utf8Decode, utf8Encode, type ArgSpans } from '../cli/split-args.js';
import { strtolWhole } from '../cli/session.js';
import { asciiLower, parseLine, resolveLine, tableOf, type CommandEntry, type Commands, type LineArg, type ParsedLine } from './line.js';
import { currentWord, keywordSnippet, match, requiredSnippet, snippetText, type SyntaxWord } from './syntax.js';

/** Columns on the line asked about: [startColumn, endColumn). */
export interface ColumnRange {
  startColumn: number;
  endColumn: number;
}

export type CompletionKind = 'command' | 'subcommand' | 'keyword' | 'key';

export interface CompletionItem {
  /** What the list shows: 'SET', 'GET' after CONFIG, 'EX', a key name. */
  label: string;
  kind: CompletionKind;
  /** Monaco snippet text (`SET ${1:key} ${2:value}`); insert it as a snippet. */
  insertText: string;
  /** One line: the command's summary, or what the option belongs to. */
  detail: string;
  /** Markdown: the full syntax. */
  documentation?: string;
  /** Open the list again after inserting (a container such as CONFIG, for its subcommands). */
  retrigger?: boolean;
}

export interface Completions {
  /** The word being typed, which an accepted item replaces (empty at a blank). */
  range: ColumnRange;
  items: CompletionItem[];
  /**
   * Set where a key name goes: ask the worker for key names starting with `prefix` (a byte
   * string, what Redis would receive: `scanKeys`), and add them with `keyCompletionItems`.
   */
  keyPosition: { prefix: string } | null;
}

/** Where the cursor is among a line's arguments. */
interface Cursor {
  parsed: ParsedLine;
  /** The argument's index in the line (a new one at a blank). */
  index: number;
  /** The argument under the cursor, if it is in one (or right after one). */
  arg: LineArg | undefined;
  /** What the argument holds up to the cursor (bytes, quotes taken off). */
  typed: string;
  /** Values of the arguments before it. */
  before: string[];
  range: ColumnRange;
}

function cursorAt(line: string, column: number): Cursor {
  const parsed = parseLine(line);
  const c = Math.max(0, Math.min(column - 1, line.length));
  let index = parsed.args.findIndex((a) => a.start <= c && c <= a.end);
  const arg = index >= 0 ? parsed.args[index] : undefined;
  if (index < 0) index = parsed.args.filter((a) => a.end < c).length;
  let typed = '';
  if (arg) {
    const where: ArgSpans = { spans: [] };
    const v = splitBytes(utf8Encode(line.slice(arg.start, c)), where);
    typed = v?.[0] ?? where.invalid?.partial ?? '';
  }
  const range = arg ? { startColumn: arg.start + 1, endColumn: arg.end + 1 } : { startColumn: c + 1, endColumn: c + 1 };
  return { parsed, index, arg, typed, before: parsed.args.slice(0, index).map((a) => a.value), range };
}

/** Repeat count before the command (`3 PING`), as redis-cli takes it once more words follow. */
function skipOf(before: readonly string[], index: number): number {
  return index >= 1 && before.length >= 1 && strtolWhole(before[0]!) !== undefined ? 1 : 0;
}

/** The command the words before the cursor name, and the arguments after its name. */
function commandBefore(cmds: Commands, cur: Cursor): { cmd: CommandEntry; args: string[]; skip: number } | null {
  const skip = skipOf(cur.before, cur.index);
  const table = tableOf(cmds);
  const base = table.commands.get(asciiLower(cur.before[skip] ?? ''));
  if (base === undefined || cur.index <= skip) return null;
  let cmd = base;
  if (base.subs && cur.index > skip + 1) {
    const sub = base.subs.get(asciiLower(cur.before[skip + 1]!));
    if (sub === undefined) return null;
    cmd = sub;
  }
  const nameArgs = cmd === base ? 1 : 2;
  return { cmd, args: cur.before.slice(skip + nameArgs), skip };
}

function commandItem(e: CommandEntry, kind: 'command' | 'subcommand'): CompletionItem {
  const name = kind === 'command' ? e.display : e.doc.name.toUpperCase();
  const body = requiredSnippet(e.syntax).text;
  const item: CompletionItem = {
    label: name,
    kind,
    insertText: snippetText(name) + (body === '' ? '' : ' ' + body),
    detail: e.doc.summary,
    documentation: '```\n' + signatureLabel(e) + '\n```',
  };
  if (e.subs) {
    item.insertText = snippetText(name) + ' ';
    item.retrigger = true;
  }
  return item;
}

/** Argument names that stand for keys where the legacy key range cannot say (numkeys, STORE key...). */
const KEY_NAMES = new Set(['key', 'key1', 'key2', 'destination', 'source', 'destkey', 'sourcekey', 'newkey', 'dst', 'src']);

/** Is argument `i` (counted from the command's name, as Redis counts) a key? */
function isKeyPosition(e: CommandEntry, i: number, word: SyntaxWord | undefined): boolean {
  if (word?.literal) return false;
  const [first, last, step] = e.doc.keys;
  const inRange = first > 0 && i >= first && (last < 0 || i <= last) && (i - first) % Math.max(step, 1) === 0;
  if (inRange) return !(last < 0 && word !== undefined && !KEY_NAMES.has(word.text));
  return word !== undefined && KEY_NAMES.has(word.text);
}

/** Completion at a position: command names, subcommands, option keywords, and whether a key goes here. */
export function completions(commands: Commands, line: string, column: number): Completions {
  const cur = cursorAt(line, column);
  const none: Completions = { range: cur.range, items: [], keyPosition: null };
  if (cur.parsed.comment) return none;
  const table = tableOf(commands);
  const skip = skipOf(cur.before, cur.index);
  // The lists of names are the same every time: made once per table (copies go out).
  const names = (key: string, make: () => CompletionItem[]): CompletionItem[] => {
    let items = table.memo.get(key) as CompletionItem[] | undefined;
    if (items === undefined) table.memo.set(key, (items = make()));
    return items.map((i) => ({ ...i }));
  };
  if (cur.index === skip) {
    return { ...none, items: names('commands', () => [...table.commands.values()].map((e) => commandItem(e, 'command'))) };
  }
  const base = table.commands.get(asciiLower(cur.before[skip] ?? ''));
  if (base?.subs && cur.index === skip + 1) {
    const subs = base.subs;
    return { ...none, items: names(`subcommands ${base.fullName}`, () => [...subs.values()].map((e) => commandItem(e, 'subcommand'))) };
  }
  const at = commandBefore(table, cur);
  if (at === null) return none;
  const syntax = at.cmd.syntax;
  const { expected, readAs } = match(syntax, at.args);
  const argIndex = cur.index - at.skip;
  // Arguments the grammar cannot read (ours reads redis-cli's flat syntax string): no options
  // to offer, but the key range still says where keys go.
  if (readAs.includes(undefined)) return { ...none, keyPosition: isKeyPosition(at.cmd, argIndex, undefined) ? { prefix: cur.typed } : null };
  const up = cur.typed.toUpperCase();
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const i of expected) {
    const w = syntax.words[i]!;
    if (!w.literal || seen.has(w.text) || !w.text.startsWith(up) || readAs.includes(w)) continue;
    seen.add(w.text);
    items.push({ label: w.text, kind: 'keyword', insertText: keywordSnippet(syntax, w), detail: `option of ${at.cmd.display}` });
  }
  const word = currentWord(syntax, expected, cur.typed);
  const keyPosition = isKeyPosition(at.cmd, argIndex, word) ? { prefix: cur.typed } : null;
  return { range: cur.range, items, keyPosition };
}

/**
 * How a key name (a byte string from the worker) is written so redis-cli reads it back: as it
 * is when it is plain, else in double quotes with escapes (\" \\ \n \xHH...). Text that is
 * valid UTF-8 stays readable (`이름`), other bytes become \xHH.
 */
export function quoteArgument(bytes: string): string {
  const decoded = utf8Decode(bytes);
  const utf8 = utf8Encode(decoded) === bytes;
  const plain = utf8 && bytes !== '' && !/[\x00-\x20"'\x7f]/.test(bytes);
  if (plain) return decoded;
  const src = utf8 ? decoded : bytes;
  let out = '"';
  for (const ch of src) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || (!utf8 && c >= 0x80)) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** Completion items for key names the worker found (`scanKeys`), quoted as redis-cli needs. */
export function keyCompletionItems(keys: readonly string[]): CompletionItem[] {
  return keys.map((k) => ({ label: utf8Decode(k), kind: 'key', insertText: snippetText(quoteArgument(k)), detail: 'key' }));
}

export interface SignatureHelp {
  /** 'SET key value [NX|XX] …' */
  label: string;
  /** The command's summary. */
  documentation: string;
  /** Every word of the syntax, as offsets into `label`. */
  parameters: { label: [number, number] }[];
  /** The word the argument at the cursor stands for; -1 when none fits. */
  activeParameter: number;
}

function signatureLabel(e: CommandEntry): string {
  return e.doc.syntax === '' ? e.display : `${e.display} ${e.doc.syntax}`;
}

/** Signature help while typing a command's arguments (null on its name, a comment, an unknown command). */
export function signatureHelp(commands: Commands, line: string, column: number): SignatureHelp | null {
  const cur = cursorAt(line, column);
  if (cur.parsed.comment) return null;
  const at = commandBefore(commands, cur);
  if (at === null || (at.cmd.subs && !at.cmd.parent)) return null;
  const syntax = at.cmd.syntax;
  const offset = at.cmd.display.length + 1;
  const { expected, readAs } = match(syntax, at.args);
  const word = readAs.includes(undefined) ? undefined : currentWord(syntax, expected, cur.typed);
  return {
    label: signatureLabel(at.cmd),
    documentation: at.cmd.doc.summary,
    parameters: syntax.words.map((w) => ({ label: [offset + w.start, offset + w.end] })),
    activeParameter: word?.index ?? -1,
  };
}

export interface Hover {
  range: ColumnRange;
  /** Markdown. */
  contents: string;
}

function docMarkdown(e: CommandEntry): string {
  const d = e.doc;
  const facts = [`since ${d.since}`, `group ${d.group}`];
  if (d.complexity !== undefined) facts.push(`complexity ${d.complexity}`);
  return '```\n' + signatureLabel(e) + '\n```\n\n' + d.summary + '\n\n' + facts.map((f) => `*${f}*`).join(' · ');
}

/** Docs for the command or subcommand under the mouse, or for the option or parameter an argument is read as. */
export function hover(commands: Commands, line: string, column: number): Hover | null {
  const parsed = parseLine(line);
  if (parsed.comment) return null;
  const c = column - 1;
  const index = parsed.args.findIndex((a) => a.start <= c && c < a.end);
  if (index < 0) return null;
  const arg = parsed.args[index]!;
  const range = { startColumn: arg.start + 1, endColumn: arg.end + 1 };
  const values = parsed.args.map((a) => a.value);
  const table = tableOf(commands);
  const r = resolveLine(table, values);
  if (r.clientSide || r.badRepeat || r.command === undefined || index < r.skip) return null;
  const base = r.command.parent ?? r.command;
  if (index === r.skip) return { range, contents: docMarkdown(base) };
  if (index === r.skip + 1 && r.nameArgs === 2) return { range, contents: docMarkdown(r.command) };
  if (r.unknownSub) return null;
  const { readAs } = match(r.command.syntax, values.slice(r.skip + r.nameArgs, index + 1));
  const w = readAs[readAs.length - 1];
  const what = w === undefined ? '' : w.literal ? `Option **${w.text}** of ${r.command.display}\n\n` : `Argument **${w.text}** of ${r.command.display}\n\n`;
  return { range, contents: what + docMarkdown(r.command) };
}

export type DiagnosticCode = 'unknown-command' | 'unknown-subcommand' | 'wrong-arity' | 'invalid-arguments' | 'invalid-repeat';

export interface Diagnostic {
  /** From 1. */
  line: number;
  startColumn: number;
  endColumn: number;
  code: DiagnosticCode;
  /** Redis's (or redis-cli's) own words, as the page shows them (UTF-8 decoded). */
  message: string;
  /** For the server's errors: the error as Redis sends it, a byte string ('ERR unknown command …'). */
  reply?: string;
}

/**
 * Markers for a whole script: per line, what redis-cli would refuse (a quote left open, a bad
 * repeat count) and what the server would answer before running anything (unknown command,
 * unknown subcommand, wrong number of arguments), in Redis's words. Blank lines, `#` comments
 * and the lines redis-cli answers itself (HELP, QUIT...) get none.
 */
export function diagnostics(commands: Commands, text: string): Diagnostic[] {
  const table = tableOf(commands);
  const out: Diagnostic[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, i) => {
    const line = i + 1;
    const p = parseLine(lineText);
    if (p.empty) return;
    if (p.invalid) {
      out.push({ line, startColumn: p.invalid.start + 1, endColumn: p.invalid.end + 1, code: 'invalid-arguments', message: 'Invalid argument(s)' });
      return;
    }
    const values = p.args.map((a) => a.value);
    const r = resolveLine(table, values);
    const a0 = p.args[0]!;
    if (r.badRepeat) {
      out.push({ line, startColumn: a0.start + 1, endColumn: a0.end + 1, code: 'invalid-repeat', message: 'Invalid redis-cli repeat command option value.' });
      return;
    }
    if (r.clientSide) return;
    const argv = values.slice(r.skip);
    const name = p.args[r.skip]!;
    const server = (code: DiagnosticCode, reply: string, at: LineArg, to: LineArg = at) =>
      out.push({ line, startColumn: at.start + 1, endColumn: to.end + 1, code, message: utf8Decode(reply), reply });
    if (r.command === undefined) server('unknown-command', unknownCommand(argv[0]!, argv.slice(1)), name);
    else if (r.unknownSub) server('unknown-subcommand', unknownSubcommand(argv[1]!, argv[0]!), p.args[r.skip + 1]!);
    else {
      const arity = r.command.doc.arity;
      const argc = argv.length;
      // A rejected EXEC answers EXECABORT (rejectCommand → execCommandAbort), in or out of MULTI.
      const reply = r.command.fullName === 'exec' ? execAbortBecause(wrongArity('exec')) : wrongArity(r.command.fullName);
      if (arity > 0 ? argc !== arity : argc < -arity) server('wrong-arity', reply, name, p.args[p.args.length - 1]);
    }
  });
  return out;
}
