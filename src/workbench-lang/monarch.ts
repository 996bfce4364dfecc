// Colouring for Monaco as a Monarch definition: plain data, typed here to Monaco's
// IMonarchLanguage shape so this module needs no Monaco. Command names, subcommands and option
// keywords come from the command docs; strings follow redis-cli's quoting ("..." with \xHH and
// \n escapes, '...' with \'), numbers, and `#` comment lines. Every state ends with its line:
// a quote left open is marked invalid and the next line starts afresh, as redis-cli reads it.

import type { CommandDoc } from '../shared/command-doc.js';
import { parseSyntax } from './syntax.js';

/** Monaco's IMonarchLanguageAction, the parts used here. */
export type MonarchAction = string | { token: string; next?: string; switchTo?: string } | { cases: Record<string, MonarchAction> } | MonarchAction[];

/** Monaco's IMonarchLanguageRule: [regex, action] or [regex, action, next state], or an include. */
export type MonarchRule = [RegExp, MonarchAction] | [RegExp, MonarchAction, string] | { include: string };

/** Monaco's IMonarchLanguage: pass it to monaco.languages.setMonarchTokensProvider. */
export interface MonarchLanguage {
  tokenizer: Record<string, MonarchRule[]>;
  ignoreCase?: boolean;
  defaultToken?: string;
  tokenPostfix?: string;
  /** Word lists the `cases` refer to as @name. */
  [attribute: string]: unknown;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Longest first, so that a name is never cut at a shorter one's end. */
const alternation = (names: Iterable<string>): string =>
  [...new Set(names)]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map(escapeRe)
    .join('|');

/** An action that ends the line's string when it reaches the line's end (the quote was left open). */
const inString = (token: string): MonarchAction => ({ cases: { '@eos': { token: 'string.invalid', next: '@pop' }, '@default': token } });

export function redisMonarch(docs: readonly CommandDoc[]): MonarchLanguage {
  const names = alternation(docs.map((d) => d.name));
  const end = '(?=\\s|$)';
  const count = '([+-]?\\d+)(\\s+)';
  const options = new Set<string>();
  const subRules: MonarchRule[] = [];
  for (const d of [...docs, ...docs.flatMap((d) => d.subcommands ?? [])]) {
    for (const w of parseSyntax(d.syntax).words) if (w.literal && /^[A-Z][A-Z0-9_-]*$/.test(w.text)) options.add(w.text);
  }
  for (const d of docs) {
    if (!d.subcommands || d.subcommands.length === 0) continue;
    const subs = alternation(d.subcommands.map((s) => s.name));
    const cmd = escapeRe(d.name);
    subRules.push([new RegExp(`^(\\s*)${count}(${cmd})(\\s+)(${subs})${end}`), ['white', 'number', 'white', 'keyword', 'white', 'keyword']]);
    subRules.push([new RegExp(`^(\\s*)(${cmd})(\\s+)(${subs})${end}`), ['white', 'keyword', 'white', 'keyword']]);
  }
  return {
    ignoreCase: true,
    defaultToken: '',
    tokenPostfix: '.redis',
    options: [...options].sort(),
    tokenizer: {
      root: [
        [/^\s*#.*$/, 'comment'],
        ...subRules,
        [new RegExp(`^(\\s*)${count}(${names})${end}`), ['white', 'number', 'white', 'keyword']],
        [new RegExp(`^(\\s*)(${names})${end}`), ['white', 'keyword']],
        [/\s+/, 'white'],
        [/"/, { cases: { '@eos': 'string.invalid', '@default': { token: 'string.quote', next: '@dstring' } } }],
        [/'/, { cases: { '@eos': 'string.invalid', '@default': { token: 'string.quote', next: '@sstring' } } }],
        [/[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?(?=\s|$)/, 'number'],
        [/[^\s"']+/, { cases: { '@options': 'type', '@default': 'identifier' } }],
      ],
      dstring: [
        [/[^\\"]+/, inString('string')],
        [/\\x[0-9a-f]{2}/, inString('string.escape')],
        [/\\./, inString('string.escape')],
        [/\\$/, { token: 'string.invalid', next: '@pop' }],
        [/"/, { token: 'string.quote', next: '@pop' }],
      ],
      sstring: [
        [/[^\\']+/, inString('string')],
        [/\\'/, inString('string.escape')],
        [/\\/, inString('string')],
        [/'/, { token: 'string.quote', next: '@pop' }],
      ],
    },
  };
}
