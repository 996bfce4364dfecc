import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../engine/command.js';
import { commandSpecs } from '../engine/commands/index.js';
import { commandHelp, genericHelp, helpOutput, HelpTable } from './help.js';

const spec = (name: string, group: CommandSpec['group'], syntax: string, subs?: CommandSpec[]): CommandSpec => ({
  name,
  arity: -1,
  flags: [],
  acl: [],
  keys: [0, 0, 0],
  group,
  since: '1.0.0',
  summary: `about ${name}`,
  syntax,
  subcommands: subs,
});

const table = new HelpTable([
  spec('get', 'string', 'key'),
  spec('config', 'server', '', [spec('set', 'server', 'parameter value'), spec('get', 'server', 'parameter')]),
  spec('getdel', 'string', 'key'),
]);

describe('HelpTable', () => {
  it('holds commands, subcommands and groups sorted by full name', () => {
    expect(table.entries.map((e) => e.full)).toEqual(['@server', '@string', 'CONFIG', 'CONFIG GET', 'CONFIG SET', 'GET', 'GETDEL']);
    expect(table.entries.find((e) => e.full === 'CONFIG GET')!.words).toEqual(['CONFIG', 'GET']);
  });

  it('covers the whole engine table', () => {
    const t = new HelpTable(commandSpecs);
    const commands = t.entries.filter((e) => e.kind === 'command');
    expect(commands.length).toBe(commandSpecs.reduce((n, s) => n + 1 + (s.subcommands?.length ?? 0), 0));
    expect(t.entries.some((e) => e.full === '@sorted-set')).toBe(true);
  });
});

describe('helpOutput', () => {
  it('prints one block per match, coloured, CR LF, then an empty line', () => {
    expect(helpOutput(table, ['get'])).toBe(
      '\r\n  \x1b[1mGET\x1b[0m \x1b[90mkey\x1b[0m\r\n' +
        '  \x1b[33msummary:\x1b[0m about get\r\n' +
        '  \x1b[33msince:\x1b[0m 1.0.0\r\n' +
        '  \x1b[33mgroup:\x1b[0m string\r\n' +
        '\r\n',
    );
  });

  it('matches the first words: a container lists all its subcommands', () => {
    const out = helpOutput(table, ['Config']);
    expect(out.match(/\x1b\[1m[^\x1b]*/g)).toEqual(['\x1b[1mCONFIG', '\x1b[1mCONFIG GET', '\x1b[1mCONFIG SET']);
    expect(helpOutput(table, ['config', 'GET']).match(/\x1b\[1m[^\x1b]*/g)).toEqual(['\x1b[1mCONFIG GET']);
    expect(helpOutput(table, ['get', 'x'])).toBe('\r\n');
    expect(helpOutput(table, ['nosuch'])).toBe('\r\n');
  });

  it('lists a group without the group line', () => {
    const out = helpOutput(table, ['@STRING']);
    expect(out.match(/\x1b\[1m[^\x1b]*/g)).toEqual(['\x1b[1mGET', '\x1b[1mGETDEL']);
    expect(out).not.toContain('group:');
    expect(helpOutput(table, ['@'])).toBe('\r\n');
  });

  it('prints the generic text without arguments', () => {
    expect(helpOutput(table, [])).toBe(genericHelp());
    expect(genericHelp().split('\n')[0]).toBe('redis-cli 7.0.15');
  });

  it('shows an empty argument string as nothing between the colours', () => {
    expect(
      commandHelp(
        table.entries.find((e) => e.full === 'CONFIG')!,
        false,
      ).split('\r\n')[1],
    ).toBe('  \x1b[1mCONFIG\x1b[0m \x1b[90m\x1b[0m');
  });
});
