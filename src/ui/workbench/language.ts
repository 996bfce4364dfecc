// The seam between Monaco and the Redis language: this file registers the language id 'redis'
// and its colouring, and is where Monaco's providers (completion, signature help, hover,
// markers) will call the pure language service (src/workbench-lang, no Monaco inside) over the
// command docs the worker sends with `ready`. Until that service is wired in, colouring is the
// small Monarch definition below; a script's language is per script (Lua for EVAL bodies later).

import type { CommandDoc } from '../../shared/command-doc.js';
import type { Monaco } from './monaco.js';

export const REDIS_LANGUAGE = 'redis';

/**
 * Colouring for redis-cli lines: the first word is the command (a keyword), then strings in
 * redis-cli's double and single quotes, numbers, and `#` comment lines.
 */
function tokenizer(commands: readonly CommandDoc[]) {
  return {
    ignoreCase: true,
    commands: commands.map((c) => c.name.toLowerCase()),
    tokenizer: {
      root: [
        [/^\s*#.*$/, 'comment'],
        [/^\s*[A-Za-z][\w.|-]*/, { cases: { '@commands': 'keyword', '@default': 'identifier' }, next: '@args' }],
        [/\s+/, 'white'],
      ],
      args: [
        [/$/, '', '@pop'],
        [/"/, 'string', '@dquote'],
        [/'/, 'string', '@squote'],
        [/[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(?=\s|$)/, 'number'],
        [/[^\s"']+/, 'identifier'],
        [/\s+/, 'white'],
      ],
      dquote: [
        [/\\x[0-9a-fA-F]{2}|\\./, 'string.escape'],
        [/"/, 'string', '@pop'],
        [/[^"\\]+/, 'string'],
        [/$/, 'string', '@popall'],
      ],
      squote: [
        [/\\'/, 'string.escape'],
        [/'/, 'string', '@pop'],
        [/[^'\\]+/, 'string'],
        [/$/, 'string', '@popall'],
      ],
    },
  };
}

/**
 * Registers the language once per page with the command table the worker sent; returns a
 * function that removes what it registered (providers included, once there are some).
 */
export function registerRedisLanguage(monaco: Monaco, commands: readonly CommandDoc[]): () => void {
  if (!monaco.languages.getLanguages().some((l) => l.id === REDIS_LANGUAGE)) {
    monaco.languages.register({ id: REDIS_LANGUAGE, extensions: ['.redis'], aliases: ['Redis'] });
    monaco.languages.setLanguageConfiguration(REDIS_LANGUAGE, {
      comments: { lineComment: '#' },
      brackets: [],
      autoClosingPairs: [
        { open: '"', close: '"' },
        { open: "'", close: "'" },
      ],
    });
  }
  const disposables = [
    monaco.languages.setMonarchTokensProvider(REDIS_LANGUAGE, tokenizer(commands) as Parameters<Monaco['languages']['setMonarchTokensProvider']>[1]),
  ];
  // Completion, signature help, hover and markers from src/workbench-lang go here.
  return () => disposables.forEach((d) => d.dispose());
}
