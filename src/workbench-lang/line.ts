// One line of a script read as redis-cli reads a typed line: its arguments (split by
// split-args.ts, with where each one sits in the line), a repeat count in front (`3 PING`), the
// words redis-cli answers itself (HELP, QUIT, CONNECT...), and the command it names in the table.

import type { CommandDoc } from '../shared/command-doc.js';
import { isCSpace } from '../shared/args.js';
import { strtolWhole } from '../cli/session.js';
import { splitBytes, utf8Encode, type ArgSpans } from '../cli/split-args.js';
import { parseSyntax, type Syntax } from './syntax.js';

/** A command or subcommand of the table, ready for the editor. */
export interface CommandEntry {
  readonly doc: CommandDoc;
  /** The container, for a subcommand. */
  readonly parent?: CommandEntry;
  /** As Redis names it in errors: 'get', 'object|encoding'. */
  readonly fullName: string;
  /** As HELP shows it: 'GET', 'OBJECT ENCODING'. */
  readonly display: string;
  /** Subcommands by lower-case name. */
  readonly subs?: ReadonlyMap<string, CommandEntry>;
  /** The argument syntax as a grammar (read on first use). */
  readonly syntax: Syntax;
}

/** The command docs indexed for the editor; build it once per `ready` (`commandTable(docs)`). */
export interface CommandTable {
  readonly docs: readonly CommandDoc[];
  /** Commands by lower-case name. */
  readonly commands: ReadonlyMap<string, CommandEntry>;
  /** What the service derives once per table (completion items of names), by its own keys. */
  readonly memo: Map<string, unknown>;
}

function entry(doc: CommandDoc, parent?: CommandEntry): CommandEntry {
  let syntax: Syntax | undefined;
  const e: CommandEntry = {
    doc,
    parent,
    fullName: parent ? `${parent.fullName}|${doc.name}` : doc.name,
    display: parent ? `${parent.display} ${doc.name.toUpperCase()}` : doc.name.toUpperCase(),
    get syntax() {
      return (syntax ??= parseSyntax(doc.syntax));
    },
  };
  if (doc.subcommands && doc.subcommands.length > 0) {
    const subs = new Map<string, CommandEntry>();
    for (const s of doc.subcommands) subs.set(s.name.toLowerCase(), entry(s, e));
    (e as { subs?: ReadonlyMap<string, CommandEntry> }).subs = subs;
  }
  return e;
}

export function commandTable(docs: readonly CommandDoc[]): CommandTable {
  const commands = new Map<string, CommandEntry>();
  for (const d of docs) commands.set(d.name.toLowerCase(), entry(d));
  return { docs, commands, memo: new Map() };
}

/** A table, or the docs to build one from (each call then builds it anew). */
export type Commands = CommandTable | readonly CommandDoc[];

export function tableOf(c: Commands): CommandTable {
  return 'commands' in c ? c : commandTable(c);
}

/** Lower case for ASCII letters only, as Redis's case-insensitive lookup folds. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** An argument of the line: its bytes (what Redis receives) and where it is, in UTF-16 units. */
export interface LineArg {
  value: string;
  start: number;
  end: number;
}

export interface ParsedLine {
  readonly text: string;
  /** Blank, or a `#` comment. */
  readonly empty: boolean;
  readonly comment: boolean;
  readonly args: readonly LineArg[];
  /** redis-cli would print "Invalid argument(s)": a quote left open, or one closed right against a word. */
  readonly invalid?: { reason: 'unclosed' | 'after-quote'; start: number; end: number };
  /** Byte offset in the UTF-8 line of each UTF-16 index (length + 1 entries). */
  readonly byteAt: readonly number[];
}

export function parseLine(text: string): ParsedLine {
  const byteAt: number[] = [];
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    byteAt.push(b);
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      byteAt.push(b + 1); // the low half of a pair is no place between bytes: never an argument's edge
      b += 4;
      i++;
    } else b += 3;
  }
  byteAt.push(b);
  const toIndex = (byte: number): number => {
    let i = 0;
    while (i < text.length && byteAt[i]! < byte) i++;
    return i;
  };
  let k = 0;
  while (k < text.length && isCSpace(text.charCodeAt(k))) k++;
  if (k === text.length) return { text, empty: true, comment: false, args: [], byteAt };
  if (text[k] === '#') return { text, empty: true, comment: true, args: [], byteAt };
  const where: ArgSpans = { spans: [] };
  const values = splitBytes(utf8Encode(text), where);
  const args: LineArg[] = where.spans.map(([s, e], i) => ({
    value: values ? values[i]! : i < where.spans.length - 1 ? '' : (where.invalid?.partial ?? ''),
    start: toIndex(s),
    end: toIndex(e),
  }));
  if (values === null) {
    // Values before the bad quote: split what precedes it again (it split fine the first time).
    const last = where.spans[where.spans.length - 1];
    const before = last === undefined ? [] : (splitBytes(utf8Encode(text).slice(0, last[0])) ?? []);
    before.forEach((v, i) => {
      if (args[i]) args[i].value = v;
    });
    const bad = args[args.length - 1];
    const inv = where.invalid!;
    const invalid = { reason: inv.reason, start: bad?.start ?? 0, end: inv.reason === 'unclosed' ? text.length : toIndex(inv.at) + 1 };
    return { text, empty: false, comment: false, args, invalid, byteAt };
  }
  return { text, empty: args.length === 0, comment: false, args, byteAt };
}

/** What redis-cli makes of a line's words, and the command they name. */
export interface ResolvedLine {
  /** Arguments before the command's name: 1 for a repeat count (`3 PING`), else 0. */
  skip: number;
  /** The repeat count is zero, negative or too big: redis-cli refuses the line. */
  badRepeat: boolean;
  /** redis-cli answers the line itself (HELP, QUIT, EXIT, CLEAR, CONNECT, `:set`…): nothing goes to the server. */
  clientSide: boolean;
  /** The command named (a container when no subcommand matched), or undefined. */
  command?: CommandEntry;
  /** How many arguments name the command: 1, or 2 with a subcommand. */
  nameArgs: number;
  /** A container was named with a subcommand it does not have. */
  unknownSub: boolean;
}

const same = (a: string, b: string): boolean => asciiLower(a) === b;

/** CliSession.plan's order: repeat count, redis-cli's own words, then the command table (lookupCommandLogic). */
export function resolveLine(table: CommandTable, argv: readonly string[]): ResolvedLine {
  const r: ResolvedLine = { skip: 0, badRepeat: false, clientSide: false, nameArgs: 1, unknownSub: false };
  if (argv.length === 0) return r;
  if (argv.length > 1) {
    const count = strtolWhole(argv[0]!);
    if (count !== undefined) {
      if (count === null || count <= 0) return { ...r, badRepeat: true };
      r.skip = 1;
    }
  }
  const first = argv[0]!;
  if (same(first, 'quit') || same(first, 'exit') || first.startsWith(':') || same(first, 'restart')) return { ...r, clientSide: true };
  if ((argv.length === 3 && same(first, 'connect')) || (argv.length === 1 && same(first, 'clear'))) return { ...r, clientSide: true };
  const name = argv[r.skip]!;
  if (same(name, 'help') || name === '?') return { ...r, clientSide: true };
  const cmd = r.skip < argv.length ? table.commands.get(asciiLower(name)) : undefined;
  if (cmd === undefined) return r;
  r.command = cmd;
  const rest = argv.length - r.skip;
  if (rest > 1 && cmd.subs) {
    const sub = cmd.subs.get(asciiLower(argv[r.skip + 1]!));
    if (sub === undefined) r.unknownSub = true;
    else {
      r.command = sub;
      r.nameArgs = 2;
    }
  }
  return r;
}
