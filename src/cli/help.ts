// redis-cli's help: the table it builds when it starts (cliInitHelp, from the server's COMMAND
// DOCS) and what it prints for `HELP`, `HELP <command>` and `HELP @<group>` (cliOutputHelp).
// Ours is built from the engine's command table: the argument string is the spec's `syntax`
// (what redis-cli assembles from COMMAND DOCS), `since` and `group` are Redis's; only the
// summary line differs from redis-cli's, because ours is written in our own words.

import type { CommandDoc } from '../shared/command-doc.js';

export type { CommandDoc };

/** The redis-cli version we emulate; `HELP` prints it. */
export const CLI_VERSION = '7.0.15';

export interface HelpEntry {
  /** A command (or subcommand) entry, or a `@group` entry (those only serve completion). */
  kind: 'command' | 'group';
  /** The words of the name in upper case: ['GET'], ['CONFIG', 'GET'], or ['@string']. */
  words: string[];
  /** The words joined by a space: 'GET', 'CONFIG GET', '@string'. */
  full: string;
  /** Argument syntax (empty for container commands and commands without arguments). */
  params: string;
  summary: string;
  since: string;
  group: string;
}

export class HelpTable {
  /** Sorted like redis-cli's table (by full name, byte order): groups first ('@' < 'A'). */
  readonly entries: readonly HelpEntry[];

  constructor(specs: readonly CommandDoc[]) {
    const entries: HelpEntry[] = [];
    const groups = new Set<string>();
    for (const spec of specs) {
      entries.push(entryOf(spec, null));
      groups.add(spec.group);
      for (const sub of spec.subcommands ?? []) {
        entries.push(entryOf(sub, spec));
        groups.add(sub.group);
      }
    }
    for (const g of groups) {
      entries.push({ kind: 'group', words: ['@' + g], full: '@' + g, params: '', summary: '', since: '', group: '' });
    }
    entries.sort((a, b) => (a.full < b.full ? -1 : a.full > b.full ? 1 : 0));
    this.entries = entries;
  }
}

function entryOf(spec: CommandDoc, parent: CommandDoc | null): HelpEntry {
  const words = parent === null ? [spec.name.toUpperCase()] : [parent.name.toUpperCase(), spec.name.toUpperCase()];
  return {
    kind: 'command',
    words,
    full: words.join(' '),
    params: spec.syntax,
    summary: spec.summary,
    since: spec.since,
    group: spec.group,
  };
}

/** C's strcasecmp(a, b) === 0 for byte strings: only ASCII letters fold. */
export function asciiEqualsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x >= 0x41 && x <= 0x5a) x += 32;
    if (y >= 0x41 && y <= 0x5a) y += 32;
    if (x !== y) return false;
  }
  return true;
}

/** The generic text of a bare `HELP` (cliOutputGenericHelp). */
export function genericHelp(): string {
  return (
    `redis-cli ${CLI_VERSION}\n` +
    'To get help about Redis commands type:\n' +
    '      "help @<group>" to get a list of commands in <group>\n' +
    '      "help <command>" for help on <command>\n' +
    '      "help <tab>" to get a list of possible help topics\n' +
    '      "quit" to exit\n' +
    '\n' +
    'To set redis-cli preferences:\n' +
    '      ":set hints" enable online hints\n' +
    '      ":set nohints" disable online hints\n' +
    'Set your preferences in ~/.redisclirc\n'
  );
}

/** One command's help block (cliOutputCommandHelp), with redis-cli's colours and CR LF ends. */
export function commandHelp(e: HelpEntry, withGroup: boolean): string {
  let out = `\r\n  \x1b[1m${e.full}\x1b[0m \x1b[90m${e.params}\x1b[0m\r\n`;
  out += `  \x1b[33msummary:\x1b[0m ${e.summary}\r\n`;
  out += `  \x1b[33msince:\x1b[0m ${e.since}\r\n`;
  if (withGroup) out += `  \x1b[33mgroup:\x1b[0m ${e.group}\r\n`;
  return out;
}

/**
 * What redis-cli prints for `HELP args...` (or `? args...`); `args` are the words after HELP,
 * as byte strings. No words: the generic text. `@group`: every command of the group. Otherwise
 * every command whose first words equal the given ones, without regard to case (so
 * `HELP CONFIG` lists CONFIG and all its subcommands); an unknown name prints just an empty line.
 */
export function helpOutput(table: HelpTable, args: readonly string[]): string {
  if (args.length === 0) return genericHelp();
  const group = args[0]!.startsWith('@') ? args[0]!.slice(1) : null;
  let out = '';
  for (const e of table.entries) {
    if (e.kind !== 'command') continue;
    if (group === null) {
      if (args.length > e.words.length) continue;
      let j = 0;
      while (j < args.length && asciiEqualsIgnoreCase(args[j]!, e.words[j]!)) j++;
      if (j === args.length) out += commandHelp(e, true);
    } else if (asciiEqualsIgnoreCase(group, e.group)) {
      out += commandHelp(e, false);
    }
  }
  return out + '\r\n';
}
