import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../engine/commands/index.js';
import { commandDocs } from '../shared/command-doc.js';
import { utf8Encode } from '../cli/split-args.js';
import { commandTable, parseLine, resolveLine } from './line.js';

const table = commandTable(commandDocs(commandSpecs));
const spans = (line: string) => parseLine(line).args.map((a) => [a.value, a.start, a.end]);

describe('parseLine', () => {
  it('splits as redis-cli does, each argument with its place in UTF-16 units', () => {
    expect(spans('SET k  "a b"')).toEqual([
      ['SET', 0, 3],
      ['k', 4, 5],
      ['a b', 7, 12],
    ]);
    expect(spans('SET 이름 "김철수"')).toEqual([
      ['SET', 0, 3],
      [utf8Encode('이름'), 4, 6],
      [utf8Encode('김철수'), 7, 12],
    ]);
    expect(spans('SET 🍕 "\\xf0\\x9f" ok')).toEqual([
      ['SET', 0, 3],
      [utf8Encode('🍕'), 4, 6],
      ['\xf0\x9f', 7, 17],
      ['ok', 18, 20],
    ]);
  });

  it('blank lines and # comments are empty; a quote left open keeps what came before it', () => {
    expect(parseLine('   ')).toMatchObject({ empty: true, comment: false, args: [] });
    expect(parseLine('  # SET k v')).toMatchObject({ empty: true, comment: true, args: [] });
    expect(parseLine('SET k#x v').args).toHaveLength(3);
    const open = parseLine('SET "a b" "김철');
    expect(open.invalid).toEqual({ reason: 'unclosed', start: 10, end: 13 });
    expect(open.args.map((a) => a.value)).toEqual(['SET', 'a b', utf8Encode('김철')]);
    expect(parseLine("SET 'a'b c").invalid).toEqual({ reason: 'after-quote', start: 4, end: 8 });
  });
});

describe('resolveLine', () => {
  const resolve = (line: string) => {
    const r = resolveLine(
      table,
      parseLine(line).args.map((a) => a.value),
    );
    return { skip: r.skip, command: r.command?.fullName, nameArgs: r.nameArgs, clientSide: r.clientSide, badRepeat: r.badRepeat, unknownSub: r.unknownSub };
  };

  it('finds the command or subcommand, in any case, after a repeat count', () => {
    expect(resolve('get k')).toMatchObject({ skip: 0, command: 'get', nameArgs: 1 });
    expect(resolve('5 Object Encoding k')).toMatchObject({ skip: 1, command: 'object|encoding', nameArgs: 2 });
    expect(resolve('OBJECT')).toMatchObject({ command: 'object', nameArgs: 1, unknownSub: false });
    expect(resolve('OBJECT nope')).toMatchObject({ command: 'object', unknownSub: true });
    expect(resolve('nosuch a')).toMatchObject({ command: undefined });
    // Only ASCII letters fold, as in Redis: a Latin-1 byte does not match its lower case.
    expect(resolve('G\xc9T k')).toMatchObject({ command: undefined });
  });

  it('knows what redis-cli answers itself and a repeat count it refuses', () => {
    for (const line of ['help', 'HELP SET', '?', '2 help get', 'quit', 'EXIT', 'clear', 'connect h 6379', ':set hints', 'restart']) {
      expect(resolve(line).clientSide, line).toBe(true);
    }
    expect(resolve('clear x').clientSide).toBe(false);
    expect(resolve('0 PING')).toMatchObject({ badRepeat: true });
    expect(resolve('7')).toMatchObject({ badRepeat: false, skip: 0 });
  });
});
