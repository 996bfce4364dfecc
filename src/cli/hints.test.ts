import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../engine/commands/index.js';
import { HelpTable } from './help.js';
import { completionsFor, hintFor, renderHint } from './hints.js';

const table = new HelpTable(commandSpecs);

/** What redis-cli shows after each typed line, by the rule each group checks (null: no hint). */
const HINTS: { rule: string; cases: [typed: string, shown: string | null][] }[] = [
  {
    rule: 'shows the arguments not typed yet, with a leading space unless the line ends in one',
    cases: [
      ['get', ' key'],
      ['GET ', 'key'],
      ['GET k', ' '],
      ['GET k ', ''],
      ['LPUSH l ', 'element [element ...]'],
    ],
  },
  {
    rule: 'stops removing at the first optional part',
    cases: [
      ['SET k v EX 10 ', '[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]'],
      ['CONFIG GET a b ', '[parameter ...]'],
    ],
  },
  {
    rule: 'prefers the longest matching name (subcommands)',
    cases: [
      ['config', ' '],
      ['config get', ' parameter [parameter ...]'],
      ['"config" "get" ', 'parameter [parameter ...]'],
    ],
  },
  {
    rule: 'has nothing for unknown commands, blank lines and unbalanced quotes',
    cases: [
      ['nosuch ', null],
      ['', null],
      ['   ', null],
      ['SET "k', null],
      ['help ', null],
    ],
  },
];

describe('hintFor', () => {
  for (const { rule, cases } of HINTS) {
    it(rule, () => {
      for (const [typed, shown] of cases) expect(hintFor(table, typed)?.text ?? null, typed).toBe(shown);
    });
  }

  it('asks for dark grey, not bold', () => {
    expect(hintFor(table, 'get')).toEqual({ text: ' key', color: 90, bold: false });
  });
});

describe('renderHint', () => {
  it('draws the hint in its colour, cut to the room left on the row', () => {
    const h = { text: ' key', color: 90, bold: false };
    expect(renderHint(h, 16, 3, 80)).toBe('\x1b[0;90;49m key\x1b[0m');
    expect(renderHint(h, 16, 3, 21)).toBe('\x1b[0;90;49m k\x1b[0m');
    expect(renderHint(h, 16, 4, 20)).toBe('');
    expect(renderHint({ text: 'x', color: -1, bold: false }, 0, 0, 80)).toBe('x');
    expect(renderHint({ text: 'x', color: -1, bold: true }, 0, 0, 80)).toBe('\x1b[1;37;49mx\x1b[0m');
  });
});

describe('completionsFor', () => {
  it('completes command names in upper case, in table order', () => {
    expect(completionsFor(table, 'hinc')).toEqual(['HINCRBY', 'HINCRBYFLOAT']);
    expect(completionsFor(table, 'config s')).toEqual(['CONFIG SET']);
    expect(completionsFor(table, 'xyz')).toEqual([]);
    expect(completionsFor(table, 'get k')).toEqual([]);
  });

  it('offers help topics after "help ", keeping what was typed before', () => {
    expect(completionsFor(table, 'help @tr')).toEqual(['help @transactions']);
    expect(completionsFor(table, 'HELP  hinc')).toEqual(['HELP  HINCRBY', 'HELP  HINCRBYFLOAT']);
    const groups = completionsFor(table, 'help @');
    expect(groups.length).toBeGreaterThan(5);
    expect(groups.every((g) => g.startsWith('help @'))).toBe(true);
    expect(completionsFor(table, '@tr')).toEqual([]);
  });
});
