import { describe, expect, it } from 'vitest';
import { buildCommandTable, commandSpecs } from './index.js';

describe('command table', () => {
  const table = buildCommandTable(commandSpecs);

  it('gives every command a handler, and container commands subcommands instead', () => {
    for (const cmd of table.values()) {
      if (cmd.subs) {
        // A container runnable without a subcommand (COMMAND, arity -1) keeps its own handler.
        if (cmd.arity === -1) expect(typeof cmd.handler, cmd.name).toBe('function');
        else expect(cmd.handler, cmd.name).toBeUndefined();
        expect(cmd.subs.size, cmd.name).toBeGreaterThan(0);
        for (const sub of cmd.subs.values()) expect(typeof sub.handler, sub.fullName).toBe('function');
      } else {
        expect(typeof cmd.handler, cmd.name).toBe('function');
      }
    }
  });

  it('declares names in lower case with a summary, syntax, group and version', () => {
    const all = [...table.values()].flatMap((c) => [c, ...(c.subs?.values() ?? [])]);
    for (const cmd of all) {
      expect(cmd.name).toBe(cmd.name.toLowerCase());
      expect(cmd.summary.length, cmd.fullName).toBeGreaterThan(0);
      expect(cmd.since, cmd.fullName).toMatch(/^\d+\.\d+\.\d+$/);
      expect(typeof cmd.syntax).toBe('string');
      expect(cmd.arity, cmd.fullName).not.toBe(0);
    }
  });

  it('refuses a command declared twice', () => {
    const spec = commandSpecs[0]!;
    expect(() => buildCommandTable([spec, spec])).toThrow(/twice/);
  });
});
