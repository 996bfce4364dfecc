import { describe, expect, it } from 'vitest';
import { splitArgs } from '../../cli/split-args.js';
import { argument, commandLine, recreate } from './commands.js';

describe('inspector commands', () => {
  it('writes arguments that redis-cli splits back into the same bytes', () => {
    for (const bytes of ['plain', 'two words', 'say "hi"', 'back\\slash', '', '\xec\x95\x88', 'a\x00b\xff', "it's", 'line\nbreak']) {
      expect(splitArgs(argument(bytes))).toEqual([bytes]);
    }
    expect(argument('user:1')).toBe('user:1');
    expect(argument('\xec\x95\x88')).toBe('안');
    expect(argument('two words')).toBe('"two words"');
  });

  it('recreates a value with the commands that build it, TTL included', () => {
    const base = { key: 'k', encoding: 'x', size: 2, memory: 64 };
    expect(
      recreate({
        ...base,
        type: 'hash',
        ttl: 5000,
        value: {
          kind: 'hash',
          offset: 0,
          entries: [
            ['name', 'Alice B'],
            ['age', '30'],
          ],
        },
      }),
    ).toEqual(['HSET k name "Alice B" age 30', 'PEXPIRE k 5000']);
    expect(
      recreate({
        ...base,
        type: 'zset',
        ttl: -1,
        value: {
          kind: 'zset',
          offset: 0,
          entries: [
            ['a', 1.5],
            ['b', -Infinity],
          ],
          points: [],
        },
      }),
    ).toEqual(['ZADD k 1.5 a -inf b']);
    expect(recreate({ ...base, type: 'string', ttl: -1, value: { kind: 'string', offset: 0, bytes: 'ab', length: 10 } })).toBeNull();
    expect(commandLine(['SET', 'a b', 'x'])).toBe('SET "a b" x');
  });
});
