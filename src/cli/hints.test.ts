import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../engine/commands/index.js';
import { HelpTable } from './help.js';
import { completionsFor, hintFor, renderHint } from './hints.js';

const table = new HelpTable(commandSpecs);
const hint = (typed: string) => hintFor(table, typed)?.text ?? null;

describe('hintFor', () => {
  it('shows the arguments not typed yet, with a leading space unless the line ends in one', () => {
    expect(hint('get')).toBe(' key');
    expect(hint('GET ')).toBe('key');
    expect(hint('GET k')).toBe(' ');
    expect(hint('GET k ')).toBe('');
    expect(hint('LPUSH l ')).toBe('element [element ...]');
  });

  it('stops removing at the first optional part', () => {
    expect(hint('SET k v EX 10 ')).toBe('[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]');
    expect(hint('CONFIG GET a b ')).toBe('[parameter ...]');
  });

  it('prefers the longest matching name (subcommands)', () => {
    expect(hint('config')).toBe(' ');
    expect(hint('config get')).toBe(' parameter [parameter ...]');
    expect(hint('"config" "get" ')).toBe('parameter [parameter ...]');
  });

  it('has nothing for unknown commands, blank lines and unbalanced quotes', () => {
    expect(hint('nosuch ')).toBeNull();
    expect(hint('')).toBeNull();
    expect(hint('   ')).toBeNull();
    expect(hint('SET "k')).toBeNull();
    expect(hint('help ')).toBeNull();
  });

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
