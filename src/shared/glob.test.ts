import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch, globMatcher } from './glob.js';

// Expected answers below were checked against Redis 7.0.15's stringmatchlen.
const cases: [pattern: string, subject: string, match: boolean][] = [
  ['', '', true],
  ['', 'a', false],
  ['*', '', false],
  ['**', '', false],
  ['?', '', false],
  ['*', 'anything', true],
  ['*', '\x00\xff', true],
  ['a*', 'a', true],
  ['a**', 'a', true],
  ['a*b', 'ab', true],
  ['a*b', 'axxb', true],
  ['a*b', 'axxbc', false],
  ['*b', 'bbb', true],
  ['h?llo', 'hello', true],
  ['h?llo', 'hllo', false],
  ['h?llo', 'h\xffllo', true],
  ['??', 'ab', true],
  ['??', 'a', false],
  ['h[ae]llo', 'hallo', true],
  ['h[ae]llo', 'hillo', false],
  ['h[^e]llo', 'hallo', true],
  ['h[^e]llo', 'hello', false],
  ['h[a-c]llo', 'hbllo', true],
  ['h[c-a]llo', 'hbllo', true],
  ['h[c-a]llo', 'hdllo', false],
  ['[]', ']', false],
  ['[]]', ']', false],
  ['[]]', ']]', false],
  ['[[]', '[', true],
  ['[\\]]', ']', true],
  // An escaped ']' does not close the set: '[\]' is an unterminated set holding ']'.
  ['[\\]', ']', true],
  ['[\\]', '\\', false],
  ['[\\', '\\', true],
  ['[', '[', false],
  ['[', '', false],
  ['[^', 'x', true],
  ['[^', 'xy', false],
  ['[abc', 'b', true],
  ['[abc', 'bc', false],
  ['[a-]', 'a', true],
  ['[a-]', ']', true],
  ['[a-]', '^', true],
  ['[a-]', '-', false],
  ['[a-]b', 'b', true],
  ['[a-]b', 'ab', false],
  ['[-a]', '-', true],
  ['[-a]', 'a', true],
  ['[a-', 'a', true],
  ['[a-', '-', true],
  ['\\*', '*', true],
  ['\\*', 'a', false],
  ['\\?', '?', true],
  ['\\[', '[', true],
  ['\\a', 'a', true],
  ['\\', '\\', true],
  ['\\', '', false],
  ['a\\', 'a\\', true],
  ['h\\\\llo', 'h\\llo', true],
  ['[\x80-\xff]', '\x90', true],
  ['[\x80-\xff]', 'a', false],
  // C's signed char: 0xff is -1, so [\xff-a] spans -1..97 and [a-\xff] is the same range.
  ['[\xff-a]', '\xff', true],
  ['[\xff-a]', 'A', true],
  ['[\xff-a]', 'b', false],
  ['[\xff-a]', '\xfe', false],
  ['[a-\xff]', '\x00', true],
  ['[^\x00-\x7f]', '\xc3', true],
  ['[^\x00-\x7f]', 'c', false],
  ['caf\xc3\xa9', 'caf\xc3\xa9', true],
  ['caf?', 'caf\xc3\xa9', false],
  ['caf??', 'caf\xc3\xa9', true],
  ['a\x00b', 'a\x00b', true],
  ['*\x00*', 'a\x00b', true],
  ['user:[0-9]*', 'user:10', true],
  ['user:[0-9]*', 'user:x', false],
];

describe('globMatch', () => {
  it.each(cases)('%j against %j is %s', (pattern, subject, want) => {
    expect(globMatch(pattern, subject)).toBe(want);
    expect(globMatcher(pattern)(subject)).toBe(want);
  });

  it('folds ASCII case only in nocase mode, and never for escaped set members', () => {
    expect(globMatch('HELLO', 'hello')).toBe(false);
    expect(globMatch('HELLO', 'hello', true)).toBe(true);
    expect(globMatch('h?LLO', 'HeLlo', true)).toBe(true);
    expect(globMatch('[A-C]', 'b', true)).toBe(true);
    expect(globMatch('[a-c]', 'B', true)).toBe(true);
    expect(globMatch('[A-z]', '_', false)).toBe(true);
    // Both ends fold to lower case: [a-z], which no longer holds '_'.
    expect(globMatch('[A-z]', '_', true)).toBe(false);
    expect(globMatch('[X]', 'x', true)).toBe(true);
    expect(globMatch('[\\X]', 'x', true)).toBe(false);
    expect(globMatch('\\X', 'x', true)).toBe(true);
    expect(globMatch('\xc9', '\xe9', true)).toBe(false);
    expect(globMatch('maxmemory-*', 'MAXMEMORY-policy', true)).toBe(true);
  });

  it('stays linear on patterns that make naive backtracking explode', () => {
    const s = 'a'.repeat(20000);
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', s)).toBe(false);
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a', s)).toBe(true);
    expect(globMatch('a*?*?*?*?*?*?*?*?*[ab]', s)).toBe(true);
    expect(globMatch('*' + '?'.repeat(19999) + 'b', s)).toBe(false);
  });

  it('agrees with a regular-expression model on plain wildcards (property)', () => {
    const toRegex = (p: string) => new RegExp('^' + [...p].map((ch) => (ch === '*' ? '[^]*' : ch === '?' ? '[^]' : ch)).join('') + '$');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 10 }).map((a) => a.join('')),
        fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 12 }).map((a) => a.join('')),
        (p, s) => {
          expect(globMatch(p, s)).toBe(toRegex(p).test(s));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
