// LIST group, part 2: LPOS with every option, LMOVE / RPOPLPUSH (all four directions, rotation
// of one list, WRONGTYPE on either side), LMPOP (numkeys, COUNT, reply shape), RESP3 variants.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';
import { expectExists, resp3 } from './strings-support.js';
import { optionArgs, optionWord } from './option-words.js';

const I64_MAX = '9223372036854775807';
const I64_MIN = '-9223372036854775808';

describe('LPOS', () => {
  const d = useDiff();
  const LIST = ['RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'a', 'c', 'a'];

  it('plain, RANK (positive and negative), beyond the matches', () =>
    d.run([
      LIST,
      ['LPOS', 'l', 'a'],
      ['LPOS', 'l', 'b'],
      ['LPOS', 'l', 'z'],
      ['LPOS', 'l', 'a', 'RANK', '2'],
      ['LPOS', 'l', 'a', 'RANK', '4'],
      ['LPOS', 'l', 'a', 'RANK', '5'],
      ['LPOS', 'l', 'a', 'RANK', '-1'],
      ['LPOS', 'l', 'a', 'RANK', '-2'],
      ['LPOS', 'l', 'c', 'RANK', '-2'],
      ['LPOS', 'l', 'a', 'RANK', '-5'],
      ['LPOS', 'l', 'a', 'RANK', I64_MAX],
      ['LPOS', 'l', 'a', 'RANK', '-9223372036854775807'],
      ['LPOS', 'l', 'a', 'rank', '1', 'RANK', '3'],
    ]));

  it('COUNT (0 = all), with RANK and MAXLEN', () =>
    d.run([
      LIST,
      ['LPOS', 'l', 'a', 'COUNT', '0'],
      ['LPOS', 'l', 'a', 'COUNT', '2'],
      ['LPOS', 'l', 'a', 'COUNT', '10'],
      ['LPOS', 'l', 'a', 'COUNT', I64_MAX],
      ['LPOS', 'l', 'z', 'COUNT', '0'],
      ['LPOS', 'l', 'a', 'COUNT', '2', 'RANK', '2'],
      ['LPOS', 'l', 'a', 'RANK', '-1', 'COUNT', '0'],
      ['LPOS', 'l', 'a', 'RANK', '-2', 'COUNT', '2'],
      ['LPOS', 'l', 'a', 'COUNT', '0', 'MAXLEN', '4'],
      ['LPOS', 'l', 'a', 'COUNT', '0', 'MAXLEN', '1'],
      ['LPOS', 'l', 'a', 'MAXLEN', '0', 'COUNT', '0'],
      ['LPOS', 'l', 'c', 'MAXLEN', '2'],
      ['LPOS', 'l', 'c', 'MAXLEN', '3'],
      ['LPOS', 'l', 'b', 'RANK', '-1', 'MAXLEN', '3'],
      ['LPOS', 'l', 'b', 'RANK', '-1', 'MAXLEN', '4'],
      ['LPOS', 'l', 'a', 'RANK', '-2', 'COUNT', '2', 'MAXLEN', '3'],
      ['LPOS', 'l', 'a', 'MAXLEN', I64_MAX],
      ['LPOS', 'l', 'a', 'COUNT', '1', 'COUNT', '3'],
    ]));

  it('RANK LONG_MIN: Redis cannot negate it, so it acts as -1 and COUNT never stops it', () =>
    d.run([
      LIST,
      ['LPOS', 'l', 'a', 'RANK', I64_MIN],
      ['LPOS', 'l', 'b', 'RANK', I64_MIN],
      ['LPOS', 'l', 'a', 'RANK', I64_MIN, 'COUNT', '1'],
      ['LPOS', 'l', 'a', 'RANK', I64_MIN, 'COUNT', '2'],
      ['LPOS', 'l', 'a', 'COUNT', '1', 'RANK', I64_MIN, 'MAXLEN', '4'],
      ['LPOS', 'l', 'z', 'RANK', I64_MIN],
    ]));

  it('errors, parsed before the key is looked up', () =>
    d.run([
      LIST,
      ['SET', 's', 'v'],
      ['LPOS', 'l', 'a', 'RANK', '0'],
      ['LPOS', 'missing', 'a', 'RANK', '0'],
      ['LPOS', 's', 'a', 'RANK', '0'],
      ['LPOS', 'l', 'a', 'RANK', 'x'],
      ['LPOS', 'l', 'a', 'RANK', '9223372036854775808'],
      ['LPOS', 'l', 'a', 'COUNT', '-1'],
      ['LPOS', 'l', 'a', 'COUNT', 'x'],
      ['LPOS', 'l', 'a', 'COUNT', I64_MIN],
      ['LPOS', 'l', 'a', 'MAXLEN', '-1'],
      ['LPOS', 'l', 'a', 'MAXLEN', 'x'],
      ['LPOS', 'l', 'a', 'RANK'],
      ['LPOS', 'l', 'a', 'COUNT'],
      ['LPOS', 'l', 'a', 'MAXLEN'],
      ['LPOS', 'l', 'a', 'FOO', '1'],
      ['LPOS', 'l', 'a', 'RANK', '1', 'x'],
      ['LPOS', 'l', 'a', 'RANK', '0', 'COUNT', '-1'],
      ['LPOS', 'l', 'a', 'COUNT', '-1', 'RANK', '0'],
      ['LPOS', 's', 'a'],
      ['LPOS', 's', 'a', 'COUNT', '0'],
      ['LPOS', 'l'],
    ]));

  it('missing key: nil, or an empty array with COUNT; RESP3 too', async () => {
    await d.run([
      ['LPOS', 'missing', 'a'],
      ['LPOS', 'missing', 'a', 'COUNT', '0'],
      ['LPOS', 'missing', 'a', 'RANK', '-1'],
    ]);
    await resp3(d);
    await d.run([
      ['LPOS', 'missing', 'a'],
      ['LPOS', 'missing', 'a', 'COUNT', '1'],
      LIST,
      ['LPOS', 'l', 'z'],
      ['LPOS', 'l', 'a', 'COUNT', '0'],
      ['LPOS', 'l', 'a'],
    ]);
  });
});

describe('LMOVE / RPOPLPUSH', () => {
  const d = useDiff();

  it('all four directions between two lists', () =>
    d.run([
      ['RPUSH', 'src', '1', '2', '3', '4', '5', '6'],
      ['RPUSH', 'dst', 'x'],
      ['LMOVE', 'src', 'dst', 'LEFT', 'LEFT'],
      ['LMOVE', 'src', 'dst', 'LEFT', 'RIGHT'],
      ['LMOVE', 'src', 'dst', 'RIGHT', 'LEFT'],
      ['LMOVE', 'src', 'dst', 'RIGHT', 'RIGHT'],
      ['LMOVE', 'src', 'dst', 'left', 'right'],
      ['LMOVE', 'src', 'dst', 'Right', 'lEfT'],
      ['LRANGE', 'dst', '0', '-1'],
      ['EXISTS', 'src'],
      ['LMOVE', 'src', 'dst', 'LEFT', 'LEFT'],
    ]));

  it('creates the destination, deletes the emptied source', async () => {
    await d.run([
      ['RPUSH', 'src', 'only'],
      ['LMOVE', 'src', 'new', 'LEFT', 'RIGHT'],
      ['LRANGE', 'new', '0', '-1'],
    ]);
    await expectExists(d, 'src', false);
  });

  it('same key: rotation, also of a one-element list', () =>
    d.run([
      ['RPUSH', 'l', 'a', 'b', 'c'],
      ['LMOVE', 'l', 'l', 'LEFT', 'RIGHT'],
      ['LRANGE', 'l', '0', '-1'],
      ['LMOVE', 'l', 'l', 'RIGHT', 'LEFT'],
      ['LRANGE', 'l', '0', '-1'],
      ['LMOVE', 'l', 'l', 'LEFT', 'LEFT'],
      ['LMOVE', 'l', 'l', 'RIGHT', 'RIGHT'],
      ['RPOPLPUSH', 'l', 'l'],
      ['LRANGE', 'l', '0', '-1'],
      ['RPUSH', 'one', 'x'],
      ['LMOVE', 'one', 'one', 'RIGHT', 'LEFT'],
      ['RPOPLPUSH', 'one', 'one'],
      ['LRANGE', 'one', '0', '-1'],
    ]));

  it('missing source is nil whatever the destination; WRONGTYPE on either side', () =>
    d.run([
      ['SET', 's', 'v'],
      ['LMOVE', 'missing', 'dst', 'LEFT', 'LEFT'],
      ['LMOVE', 'missing', 's', 'LEFT', 'LEFT'],
      ['RPOPLPUSH', 'missing', 's'],
      ['EXISTS', 'dst'],
      ['RPUSH', 'l', 'a'],
      ['LMOVE', 'l', 's', 'LEFT', 'LEFT'],
      ['LMOVE', 's', 'l', 'LEFT', 'LEFT'],
      ['RPOPLPUSH', 'l', 's'],
      ['RPOPLPUSH', 's', 'l'],
      ['LRANGE', 'l', '0', '-1'],
    ]));

  it('direction syntax errors come first', () =>
    d.run([
      ['SET', 's', 'v'],
      ['RPUSH', 'l', 'a'],
      ['LMOVE', 'l', 'd', 'UP', 'LEFT'],
      ['LMOVE', 'l', 'd', 'LEFT', 'DOWN'],
      ['LMOVE', 'missing', 'd', 'UP', 'LEFT'],
      ['LMOVE', 's', 'd', 'LEFT', 'X'],
      ['LMOVE', 'l', 'd', 'LEFTX', 'LEFT'],
      ['LMOVE', 'l', 'd', 'LEF', 'LEFT'],
      ['LMOVE', 'l', 'd', 'LEFT\x00x', 'RIGHT\x00y'],
      ['LMOVE', 'l', 'd', 'LEFT'],
      ['RPOPLPUSH', 'l'],
      ['RPOPLPUSH', 'l', 'd', 'x'],
      ['LRANGE', 'd', '0', '-1'],
    ]));

  it('RPOPLPUSH moves tail to head; binary elements', () =>
    d.run([
      ['RPUSH', 'src', '\xff\x00', '\xec\x95\x88', ''],
      ['RPUSH', 'dst', 'z'],
      ['RPOPLPUSH', 'src', 'dst'],
      ['RPOPLPUSH', 'src', 'dst'],
      ['RPOPLPUSH', 'src', 'dst'],
      ['RPOPLPUSH', 'src', 'dst'],
      ['LRANGE', 'dst', '0', '-1'],
    ]));

  it('RESP3: nil for a missing source', async () => {
    await resp3(d);
    await d.run([
      ['LMOVE', 'missing', 'd', 'LEFT', 'LEFT'],
      ['RPOPLPUSH', 'missing', 'd'],
      ['RPUSH', 's', 'a'],
      ['RPOPLPUSH', 's', 'd'],
    ]);
  });
});

describe('LMPOP', () => {
  const d = useDiff();

  it('pops from the first non-empty list: [key, [elements]]', () =>
    d.run([
      ['RPUSH', 'b', '1', '2', '3', '4', '5'],
      ['RPUSH', 'c', 'x'],
      ['LMPOP', '3', 'a', 'b', 'c', 'LEFT'],
      ['LMPOP', '3', 'a', 'b', 'c', 'RIGHT'],
      ['LMPOP', '2', 'a', 'b', 'LEFT', 'COUNT', '2'],
      ['LMPOP', '2', 'a', 'b', 'right', 'count', '10'],
      ['EXISTS', 'b'],
      ['LMPOP', '2', 'b', 'c', 'LEFT', 'COUNT', I64_MAX],
      ['LMPOP', '3', 'a', 'b', 'c', 'LEFT'],
      ['LMPOP', '1', 'a', 'LEFT'],
      ['RPUSH', 'a', 'p', 'q'],
      ['LMPOP', '2', 'a', 'a', 'RIGHT', 'COUNT', '1'],
    ]));

  it('WRONGTYPE only when a key of another type is reached', () =>
    d.run([
      ['SET', 's', 'v'],
      ['RPUSH', 'l', 'a'],
      ['LMPOP', '2', 'missing', 's', 'LEFT'],
      ['LMPOP', '2', 'l', 's', 'LEFT'],
      ['LMPOP', '2', 's', 'l', 'LEFT'],
      ['LMPOP', '1', 's', 'LEFT', 'COUNT', '1'],
    ]));

  it('numkeys, direction and COUNT errors', () =>
    d.run([
      ['RPUSH', 'l', 'a', 'b'],
      ['LMPOP', '0', 'l', 'LEFT'],
      ['LMPOP', '-1', 'l', 'LEFT'],
      ['LMPOP', 'x', 'l', 'LEFT'],
      ['LMPOP', '', 'l', 'LEFT'],
      ['LMPOP', '2', 'l', 'LEFT'],
      ['LMPOP', '3', 'l', 'LEFT'],
      ['LMPOP', I64_MAX, 'l', 'LEFT'],
      ['LMPOP', '9223372036854775808', 'l', 'LEFT'],
      ['LMPOP', '1', 'l', 'UP'],
      ['LMPOP', '1', 'l', 'LEFT', 'COUNT'],
      ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '0'],
      ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '-1'],
      ['LMPOP', '1', 'l', 'LEFT', 'COUNT', 'x'],
      ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '1', 'COUNT', '1'],
      ['LMPOP', '1', 'l', 'LEFT', 'FOO'],
      ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '1', 'x'],
      ['LMPOP', '1', 'l'],
      ['LMPOP', '1'],
      ['LRANGE', 'l', '0', '-1'],
    ]));

  it('RESP3: nested arrays, null when nothing to pop', async () => {
    await resp3(d);
    await d.run([
      ['LMPOP', '2', 'a', 'b', 'LEFT'],
      ['RPUSH', 'b', '1', '2', '3'],
      ['LMPOP', '2', 'a', 'b', 'RIGHT', 'COUNT', '2'],
      ['LMPOP', '2', 'a', 'b', 'LEFT'],
    ]);
  });

  it('COMMAND GETKEYS follows numkeys', () =>
    d.run([
      ['COMMAND', 'GETKEYS', 'LMPOP', '2', 'a', 'b', 'LEFT'],
      ['COMMAND', 'GETKEYS', 'LMPOP', '1', 'a', 'RIGHT', 'COUNT', '3'],
      ['COMMAND', 'GETKEYS', 'LMOVE', 'a', 'b', 'LEFT', 'RIGHT'],
      ['COMMAND', 'GETKEYS', 'RPOPLPUSH', 'a', 'b'],
    ]));
});

describe('option words and the order of errors (LPOS, LMOVE, BLMOVE, LMPOP, BLMPOP)', () => {
  const d = useDiff();
  const LIST = ['RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'a', 'c', 'a'];

  it('option words are C strings in any case', () =>
    d.run([
      LIST,
      ['LPOS', 'l', 'a', 'rank\0x', '2', 'Count\0', '0', 'MAXLEN\0maxlen', '7'],
      ['LPOS', 'l', 'a', 'RANKX', '2'],
      ['LPOS', 'l', 'a', 'RAN', '2'],
      ['LMOVE', 'l', 'd', 'right\0', 'LeFt\0x'],
      ['BLMOVE', 'l', 'd', 'Left\0', 'right\0', '0'],
      ['LRANGE', 'd', '0', '-1'],
      ['LMPOP', '1', 'l', 'rIGHT\0x', 'count\0', '2'],
      ['BLMPOP', '0', '1', 'l', 'left\0', 'COUNT\0COUNT', '2'],
      ['LMPOP', '1', 'l', 'LEFT', 'COUNTS', '2'],
      ['LMPOP', '1', 'l', 'LEFT', 'count\0', '1', 'count', '1'],
    ]));

  it('the first bad option answers', () =>
    d.run([
      LIST,
      ['LPOS', 'l', 'a', 'MAXLEN', '-1', 'COUNT', '-1', 'RANK', '0'],
      ['LPOS', 'l', 'a', 'COUNT', 'x', 'MAXLEN', 'x'],
      ['LPOS', 'l', 'a', 'RANK', '1', 'bogus', 'COUNT', '-1'],
      ['LPOS', 'l', 'a', 'COUNT', '-1', 'bogus'],
      ['LPOS', 'l', 'a', 'RANK', '1', 'RANK', '0'],
      ['LPOS', 'l', 'a', 'RANK', '0', 'RANK'],
      ['BLMOVE', 'l', 'd', 'UP', 'LEFT', 'x'],
      ['BLMOVE', 'l', 'd', 'LEFT', 'UP', '-1'],
      ['BLMOVE', 'l', 'd', 'LEFT', 'LEFT', 'x'],
      ['BLMPOP', 'x', '1', 'l', 'UP'],
      ['BLMPOP', '0', '0', 'l', 'UP'],
      ['BLMPOP', '0', '1', 'l', 'UP', 'COUNT', '0'],
      ['BLMPOP', '-1', '1', 'l', 'LEFT', 'COUNT', '0'],
      ['BLMPOP', '0', '1', 'l', 'LEFT', 'COUNT', '1', 'COUNT', '0'],
      ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '0', 'COUNT', '1'],
      ['LMPOP', '1', 'l', 'LEFT', 'bogus', 'COUNT', '0'],
    ]));

  it('property: random option words, values and orders', async () => {
    const n = fc.constantFrom('0', '1', '2', '-1', '-2', 'x', '9223372036854775807', '-9223372036854775808');
    const lpos = optionArgs(
      [
        { word: 'rank', values: [n] },
        { word: 'count', values: [n] },
        { word: 'maxlen', values: [n] },
      ],
      fc.constantFrom('x', '1', ''),
    );
    const end = fc.oneof(optionWord('left'), optionWord('right'));
    const mpopOpts = optionArgs([{ word: 'count', values: [n] }], fc.constantFrom('x', '1', 'LEFT'), 3);
    const key = fc.constantFrom('l', 'nokey', 's');
    const command = fc.oneof(
      fc.tuple(key, fc.constantFrom('a', 'c', 'z'), lpos).map(([k, e, o]) => ['LPOS', k, e, ...o]),
      fc.tuple(key, key, end, end).map(([a, b, x, y]) => ['LMOVE', a, b, x, y]),
      // The blocking forms never block here: their source is a non-empty list or a string.
      fc.tuple(fc.constantFrom('l', 's'), key, end, end, fc.constantFrom('0', 'x', '-1')).map(([a, b, x, y, t]) => ['BLMOVE', a, b, x, y, t]),
      fc.tuple(fc.constantFrom(['1', 'l'], ['2', 'nokey', 'l'], ['0'], ['x', 'l']), end, mpopOpts).map(([keys, e, o]) => ['LMPOP', ...keys, e, ...o]),
      fc.tuple(fc.constantFrom(['1', 'l'], ['2', 's', 'l']), end, mpopOpts).map(([keys, e, o]) => ['BLMPOP', '0', ...keys, e, ...o]),
    );
    await fc.assert(
      fc.asyncProperty(command, async (argv) => {
        await d.run([['FLUSHALL'], LIST, ['SET', 's', 'v'], argv, ['LRANGE', 'l', '0', '-1']]);
      }),
      { numRuns: 300 },
    );
  });
});
