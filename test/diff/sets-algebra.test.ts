// SET group, part 2: SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE:
// results (exact when Redis lists an intset, unordered for hashtables), which keys are
// type-checked, empty results deleting the destination, the encoding the *STORE commands give
// their result (SDIFF's two algorithms included), TTL and type of an overwritten destination.
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';
import { range } from './sets-support.js';
import { makeList } from './strings-support.js';

const U = (...argv: string[]) => ({ argv, unordered: true });

describe('SINTER, SUNION, SDIFF', () => {
  const d = useDiff();

  it('intsets list their results in ascending order', () =>
    d.run([
      ['SADD', 'a', '5', '1', '-2', '10', '3'],
      ['SADD', 'b', '3', '10', '5', '99'],
      ['SADD', 'c', '3', '5', '-2', '7'],
      ['SINTER', 'a', 'b'],
      ['SINTER', 'a', 'b', 'c'],
      ['SUNION', 'a', 'b'],
      ['SUNION', 'c', 'b', 'a'],
      ['SDIFF', 'a', 'b'],
      ['SDIFF', 'a', 'b', 'c'],
      ['SDIFF', 'b', 'a'],
      ['SINTER', 'a', 'a'],
      ['SUNION', 'a', 'a'],
    ]));

  it('an intset walked against a hashtable still lists in order', () =>
    d.run([
      ['SADD', 'i', '4', '2', '3'],
      ['SADD', 'h', 'x', '2', '3', '4', '5', '6'],
      ['SINTER', 'h', 'i'],
      ['SINTER', 'i', 'h'],
      U('SUNION', 'i', 'h'),
      U('SDIFF', 'h', 'i', 'nokey'),
      U('SDIFF', 'h', 'i'),
      ['SREM', 'h', 'x'],
      ['SUNION', 'h', 'i'],
      ['SDIFF', 'h', 'i'],
    ]));

  it('hashtable results in any order', () =>
    d.run([
      ['SADD', 'a', 'x', 'y', 'z', '1'],
      ['SADD', 'b', 'y', 'z', 'w', '2'],
      U('SINTER', 'a', 'b'),
      U('SUNION', 'a', 'b'),
      U('SDIFF', 'a', 'b'),
      U('SDIFF', 'b', 'a'),
      U('SINTER', 'a'),
      U('SUNION', 'a', 'nokey', 'b'),
    ]));

  it('missing keys are empty sets', () =>
    d.run([
      ['SADD', 'a', 'x', 'y'],
      ['SINTER', 'nokey'],
      ['SINTER', 'a', 'nokey'],
      ['SINTER', 'nokey', 'a'],
      ['SUNION', 'nokey', 'nokey2'],
      U('SUNION', 'nokey', 'a'),
      ['SDIFF', 'nokey', 'a'],
      U('SDIFF', 'a', 'nokey'),
      ['SDIFF', 'nokey'],
    ]));

  it('SDIFF of a set with itself is empty', () =>
    d.run([
      ['SADD', 'a', 'x', 'y'],
      ['SADD', 'b', 'q'],
      ['SDIFF', 'a', 'a'],
      ['SDIFF', 'a', 'b', 'a'],
      ['SDIFFSTORE', 'd', 'a', 'nokey', 'a'],
      ['EXISTS', 'd'],
    ]));

  it('every key is type-checked, even after an empty or missing one', async () => {
    await d.run([['SET', 'str', 'x']]);
    await makeList(d, 'list');
    await d.run([
      ['SADD', 's', '1', '2'],
      ['SINTER', 's', 'nokey', 'str'],
      ['SINTER', 'nokey', 'str'],
      ['SINTER', 'str', 'nokey'],
      ['SINTER', 'nokey', 's', 'list'],
      ['SINTERCARD', '3', 'nokey', 's', 'str'],
      ['SINTERCARD', '2', 'nokey', 's', 'str'],
      ['SINTERSTORE', 'd', 'nokey', 'str'],
      ['SINTERSTORE', 'str', 's', 's'],
      ['TYPE', 'str'],
      ['SET', 'str', 'x'],
      ['SUNION', 's', 'str'],
      ['SUNION', 'nokey', 'list'],
      ['SUNIONSTORE', 'd', 's', 'list'],
      ['SDIFF', 'nokey', 'str'],
      ['SDIFF', 's', 's', 'str'],
      ['SDIFF', 'str', 's'],
      ['SDIFFSTORE', 'd', 's', 'str'],
      ['EXISTS', 'd'],
      ['SMEMBERS', 'str'],
    ]);
  });
});

describe('SINTERSTORE, SUNIONSTORE, SDIFFSTORE', () => {
  const d = useDiff();

  it('store the result and answer its size', () =>
    d.run([
      ['SADD', 'a', '1', '2', '3', 'x'],
      ['SADD', 'b', '2', '3', '4', 'x'],
      ['SINTERSTORE', 'i', 'a', 'b'],
      U('SMEMBERS', 'i'),
      ['SUNIONSTORE', 'u', 'a', 'b'],
      U('SMEMBERS', 'u'),
      ['SDIFFSTORE', 'df', 'a', 'b'],
      ['SMEMBERS', 'df'],
      ['OBJECT', 'ENCODING', 'df'],
      ['SDIFFSTORE', 'df2', 'b', 'a'],
      ['SMEMBERS', 'df2'],
      ['TYPE', 'i'],
    ]));

  it('pick the encoding by the contents of the result', () =>
    d.run([
      ['SADD', 'a', '1', '2', '3', 'x'],
      ['SADD', 'b', '2', '3', '4', 'x'],
      ['SADD', 'c', '2', '3', '4'],
      ['SINTERSTORE', 'd1', 'a', 'b'],
      ['OBJECT', 'ENCODING', 'd1'],
      ['SINTERSTORE', 'd2', 'a', 'c'],
      ['OBJECT', 'ENCODING', 'd2'],
      ['SMEMBERS', 'd2'],
      ['SUNIONSTORE', 'd3', 'c', 'd2'],
      ['OBJECT', 'ENCODING', 'd3'],
      ['SUNIONSTORE', 'd4', 'c', 'a'],
      ['OBJECT', 'ENCODING', 'd4'],
      ['SDIFFSTORE', 'd5', 'a', 'b'],
      ['OBJECT', 'ENCODING', 'd5'],
      ['SDIFFSTORE', 'd6', 'b', 'a'],
      ['OBJECT', 'ENCODING', 'd6'],
      ['SMEMBERS', 'd6'],
    ]));

  it('results at the intset threshold (512) and past it', () =>
    d.run([
      ['SADD', 'big', ...range(1, 600)],
      ['SADD', 'x', ...range(89, 700)],
      ['SINTERSTORE', 'd', 'big', 'x'],
      ['OBJECT', 'ENCODING', 'd'],
      ['SADD', 'x', '88'],
      ['SINTERSTORE', 'd', 'big', 'x'],
      ['OBJECT', 'ENCODING', 'd'],
      ['SADD', 'p', ...range(1, 300)],
      ['SADD', 'q', ...range(301, 512)],
      ['SUNIONSTORE', 'u', 'p', 'q'],
      ['OBJECT', 'ENCODING', 'u'],
      ['SADD', 'q', '513'],
      ['SUNIONSTORE', 'u', 'p', 'q'],
      ['OBJECT', 'ENCODING', 'u'],
      ['SCARD', 'u'],
    ]));

  it('SDIFFSTORE: the algorithm Redis picks decides the encoding', () =>
    d.run([
      // 600 integers minus four small sets: algorithm 2 copies all 600 first (a hashtable).
      ['SADD', 'big', ...range(1, 600)],
      ['SADD', 'o1', ...range(101, 130)],
      ['SADD', 'o2', ...range(131, 160)],
      ['SADD', 'o3', ...range(161, 190)],
      ['SADD', 'o4', ...range(191, 220)],
      ['SDIFFSTORE', 'd', 'big', 'o1', 'o2', 'o3', 'o4'],
      ['OBJECT', 'ENCODING', 'd'],
      // One set to subtract: algorithm 1 adds only the survivors.
      ['SADD', 'o5', ...range(101, 220)],
      ['SDIFFSTORE', 'd', 'big', 'o5'],
      ['OBJECT', 'ENCODING', 'd'],
      ['SCARD', 'd'],
      ['SREM', 'big', ...range(1, 100)],
      ['SDIFFSTORE', 'd', 'big', 'nokey'],
      ['OBJECT', 'ENCODING', 'd'],
      ['SDIFFSTORE', 'd', 'big', 'o1', 'o2', 'o3', 'o4', 'nokey'],
      ['OBJECT', 'ENCODING', 'd'],
      ['SCARD', 'd'],
      // A hashtable of strings whose string members are all subtracted.
      ['SADD', 'h', 'a', 'b', '1', '2'],
      ['SADD', 'hs', 'a', 'b'],
      ['SDIFFSTORE', 'd', 'h', 'hs'],
      ['OBJECT', 'ENCODING', 'd'],
      ['SMEMBERS', 'd'],
      ['SADD', 't1', 'a'],
      ['SADD', 't2', 'b'],
      ['SADD', 't3', 'zz'],
      ['SDIFFSTORE', 'd', 'h', 't1', 't2', 't3'],
      ['OBJECT', 'ENCODING', 'd'],
      U('SMEMBERS', 'd'),
    ]));

  it('an empty result deletes the destination, whatever it held', async () => {
    await d.run([['SET', 'str', 'x']]);
    await d.run([
      ['SADD', 'a', '1'],
      ['SADD', 'b', '2'],
      ['SADD', 'dst', 'old'],
      ['SINTERSTORE', 'dst', 'a', 'b'],
      ['EXISTS', 'dst'],
      ['SINTERSTORE', 'str', 'a', 'nokey'],
      ['EXISTS', 'str'],
      ['SET', 'str', 'x'],
      ['SDIFFSTORE', 'str', 'a', 'a'],
      ['EXISTS', 'str'],
      ['SET', 'str', 'x'],
      ['SUNIONSTORE', 'str', 'nokey'],
      ['EXISTS', 'str'],
      ['SINTERSTORE', 'nothing', 'nokey'],
      ['EXISTS', 'nothing'],
    ]);
  });

  it('a non-empty result replaces any value and drops its TTL', async () => {
    await makeList(d, 'list');
    await d.run([
      ['SADD', 'a', '1', '2'],
      ['SET', 'str', 'x', 'EX', '100'],
      ['SUNIONSTORE', 'str', 'a'],
      ['TYPE', 'str'],
      ['TTL', 'str'],
      ['SMEMBERS', 'str'],
      ['SINTERSTORE', 'list', 'a', 'a'],
      ['TYPE', 'list'],
      ['SADD', 'dst', 'z'],
      ['EXPIRE', 'dst', '100'],
      ['SDIFFSTORE', 'dst', 'a'],
      ['TTL', 'dst'],
      ['SMEMBERS', 'dst'],
    ]);
  });

  it('the destination may be one of the sources', () =>
    d.run([
      ['SADD', 'a', '1', '2', '3'],
      ['SADD', 'b', '2', '3', '4'],
      ['SINTERSTORE', 'a', 'a', 'b'],
      ['SMEMBERS', 'a'],
      ['SUNIONSTORE', 'b', 'b', 'a', 'nokey'],
      ['SMEMBERS', 'b'],
      ['SDIFFSTORE', 'b', 'b', 'a'],
      ['SMEMBERS', 'b'],
      ['SDIFFSTORE', 'b', 'b', 'b'],
      ['EXISTS', 'b'],
    ]));

  it('binary members and keys', () =>
    d.run([
      ['SADD', '\xec\x95\x88', '\xff', '', '\x00'],
      ['SADD', '\xff', '', '\x00x'],
      ['SINTERSTORE', '\x00', '\xec\x95\x88', '\xff'],
      ['SMEMBERS', '\x00'],
      U('SUNION', '\xec\x95\x88', '\xff'),
      U('SDIFF', '\xec\x95\x88', '\xff'),
    ]));
});

describe('SINTERCARD', () => {
  const d = useDiff();

  it('counts, with and without LIMIT', () =>
    d.run([
      ['SADD', 'a', '1', '2', '3', '4', 'x'],
      ['SADD', 'b', '2', '3', '4', 'x', 'y'],
      ['SINTERCARD', '2', 'a', 'b'],
      ['SINTERCARD', '1', 'a'],
      ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '0'],
      ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '2'],
      ['SINTERCARD', '2', 'a', 'b', 'limit', '1'],
      ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '100'],
      ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '9223372036854775807'],
      ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '1', 'LIMIT', '0'],
      ['SINTERCARD', '1', 'nokey'],
      ['SINTERCARD', '2', 'a', 'nokey'],
      ['SINTERCARD', '2', 'a', 'a'],
      ['SINTERCARD', '1', 'a', 'LIMIT', '3'],
      ['SINTERCARD', '2', 'a', 'b', 'limit\0', '2'],
      ['SINTERCARD', '2', 'a', 'b', 'LiMiT\0limit', '1', 'LIMIT', '3'],
      ['SINTERCARD', '2', 'a', 'b', 'LIMITS', '1'],
      ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '-1', 'BAD'],
      ['SINTERCARD', '2', 'a', 'b', 'BAD', 'LIMIT', '-1'],
      ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '1', 'LIMIT', 'x'],
    ]));

  it('numkeys and LIMIT errors', async () => {
    await d.run([['SET', 'str', 'x']]);
    await d.run([
      ['SADD', 'a', '1'],
      ['SINTERCARD', '0', 'a'],
      ['SINTERCARD', '-1', 'a'],
      ['SINTERCARD', 'x', 'a'],
      ['SINTERCARD', '', 'a'],
      ['SINTERCARD', '1.5', 'a'],
      ['SINTERCARD', '9223372036854775808', 'a'],
      ['SINTERCARD', '2', 'a'],
      ['SINTERCARD', '3', 'a', 'LIMIT'],
      ['SINTERCARD', '9223372036854775807', 'a'],
      ['SINTERCARD', '1', 'a', 'LIMIT', '-1'],
      ['SINTERCARD', '1', 'a', 'LIMIT', 'x'],
      ['SINTERCARD', '1', 'a', 'LIMIT', '1.0'],
      ['SINTERCARD', '1', 'a', 'LIMIT'],
      ['SINTERCARD', '1', 'a', 'LIMITS', '1'],
      ['SINTERCARD', '1', 'a', 'b'],
      ['SINTERCARD', '1', 'a', 'LIMIT', '1', 'x'],
      ['SINTERCARD', '1', 'str', 'LIMIT', '-1'],
      ['SINTERCARD', '1', 'str', 'LIMIT', '1'],
      ['SINTERCARD', '1', 'str'],
      ['SINTERCARD', '1', 'a', 'LIMIT\x00x', '1'],
    ]);
  });
});
