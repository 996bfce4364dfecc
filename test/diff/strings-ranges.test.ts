// STRING group, part 3: APPEND, STRLEN, GETRANGE, SUBSTR, SETRANGE, LCS.
import { describe, expect, it } from 'vitest';
import { useDiff } from './harness.js';
import { expectExists, expectPttl, makeList, resp3 } from './strings-support.js';

describe('APPEND and STRLEN', () => {
  const d = useDiff();

  it('APPEND creates, extends and counts bytes', () =>
    d.run([
      ['APPEND', 'k', 'Hello'],
      ['APPEND', 'k', ' World'],
      ['GET', 'k'],
      ['APPEND', 'k', ''],
      ['APPEND', 'e', ''],
      ['GET', 'e'],
      ['APPEND', 'b', '\xec\x95\x88'],
      ['APPEND', 'b', '\x00\xff'],
      ['GET', 'b'],
      ['STRLEN', 'b'],
      ['SET', 'n', '12'],
      ['APPEND', 'n', '34'],
      ['INCR', 'n'],
      ['APPEND', 'n', '.5'],
      ['INCR', 'n'],
    ]));

  it('STRLEN', async () => {
    await makeList(d, 'l');
    await d.run([
      ['STRLEN', 'missing'],
      ['SET', 'k', 'hello'],
      ['STRLEN', 'k'],
      ['SET', 'n', '-12345'],
      ['STRLEN', 'n'],
      ['SET', 'e', ''],
      ['STRLEN', 'e'],
      ['SET', 'u', '\xec\x95\x88\xeb\x85\x95'],
      ['STRLEN', 'u'],
      ['STRLEN', 'l'],
      ['APPEND', 'l', 'x'],
    ]);
  });

  it('APPEND keeps the TTL', async () => {
    await d.run([
      ['SET', 'k', 'v', 'EX', '100'],
      ['APPEND', 'k', 'w'],
    ]);
    expect(await expectPttl(d, 'k')).toBeGreaterThan(90_000);
  });
});

describe('GETRANGE and SUBSTR', () => {
  const d = useDiff();
  const ranges: [string, string][] = [
    ['0', '-1'],
    ['0', '0'],
    ['0', '4'],
    ['-3', '-1'],
    ['-1', '-3'],
    ['5', '2'],
    ['100', '200'],
    ['-100', '-50'],
    ['-100', '2'],
    ['3', '100'],
    ['-1', '-1'],
    ['10', '10'],
    ['11', '11'],
    ['-11', '-11'],
    ['-12', '0'],
    ['0', '9223372036854775807'],
    ['-9223372036854775808', '9223372036854775807'],
    ['-9223372036854775807', '-9223372036854775808'],
    ['-9223372036854775808', '-9223372036854775807'],
    ['9223372036854775807', '-1'],
    ['2', '-9223372036854775808'],
  ];

  it('every kind of index on a string', async () => {
    await d.run([['SET', 's', 'Hello World']]);
    for (const [a, b] of ranges) await d.run([['GETRANGE', 's', a, b]]);
  });

  it('on integers, empty strings, missing keys and binary', () =>
    d.run([
      ['SET', 'n', '-123456'],
      ['GETRANGE', 'n', '1', '3'],
      ['GETRANGE', 'n', '-2', '-1'],
      ['SET', 'e', ''],
      ['GETRANGE', 'e', '0', '-1'],
      ['GETRANGE', 'e', '-1', '0'],
      ['GETRANGE', 'e', '0', '0'],
      ['GETRANGE', 'missing', '0', '-1'],
      ['GETRANGE', 'missing', '5', '1'],
      ['SET', 'b', '\x00\xec\x95\x88\xff'],
      ['GETRANGE', 'b', '1', '3'],
      ['GETRANGE', 'b', '-1', '-1'],
      ['SUBSTR', 'b', '0', '1'],
      ['SUBSTR', 'n', '-3', '-1'],
      ['substr', 'missing', '0', '1'],
    ]));

  it('errors: indexes are checked before the key', async () => {
    await makeList(d, 'l');
    await d.run([
      ['SET', 's', 'abc'],
      ['GETRANGE', 's', 'a', '1'],
      ['GETRANGE', 's', '0', '1.5'],
      ['GETRANGE', 's', '0', '9223372036854775808'],
      ['GETRANGE', 's', '', '1'],
      ['GETRANGE', 'missing', 'x', '1'],
      ['GETRANGE', 'l', '0', '1'],
      ['GETRANGE', 'l', 'a', '1'],
      ['SUBSTR', 'l', '0', '-1'],
      ['SUBSTR', 's', '0', 'z'],
    ]);
  });
});

describe('SETRANGE', () => {
  const d = useDiff();

  it('overwrites, extends and pads with zero bytes', () =>
    d.run([
      ['SET', 'k', 'Hello World'],
      ['SETRANGE', 'k', '6', 'Redis'],
      ['GET', 'k'],
      ['SETRANGE', 'k', '0', 'J'],
      ['SETRANGE', 'k', '11', '!!'],
      ['GET', 'k'],
      ['SETRANGE', 'k', '20', 'end'],
      ['GET', 'k'],
      ['SETRANGE', 'k', '2', '\xec\x95\x88'],
      ['GET', 'k'],
      ['SETRANGE', 'new', '3', 'ab'],
      ['GET', 'new'],
      ['SETRANGE', 'new0', '0', 'xyz'],
      ['GET', 'new0'],
      ['SET', 'n', '12345'],
      ['SETRANGE', 'n', '1', '0'],
      ['INCR', 'n'],
      ['SETRANGE', 'n', '0', '-'],
      ['INCR', 'n'],
    ]));

  it('an empty value creates nothing and changes nothing', async () => {
    await d.run([
      ['SETRANGE', 'missing', '10', ''],
      ['SETRANGE', 'missing', '0', ''],
      ['SETRANGE', 'missing', '536870911', ''],
      ['SETRANGE', 'missing', '9223372036854775807', ''],
      ['GET', 'missing'],
      ['SET', 'k', 'abc'],
      ['SETRANGE', 'k', '100', ''],
      ['SETRANGE', 'k', '536870912', ''],
      ['GET', 'k'],
    ]);
    await expectExists(d, 'missing', false);
  });

  it('errors: offset, size limit, type', async () => {
    await makeList(d, 'l');
    await d.run([
      ['SET', 's', 'abc'],
      ['SETRANGE', 's', '-1', 'x'],
      ['SETRANGE', 's', 'a', 'x'],
      ['SETRANGE', 's', '1.5', 'x'],
      ['SETRANGE', 's', '536870912', 'x'],
      ['SETRANGE', 's', '536870911', 'xy'],
      ['SETRANGE', 's', '9223372036854775807', 'x'],
      ['SETRANGE', 's', '9223372036854775808', 'x'],
      ['SETRANGE', 'missing', '536870912', 'x'],
      ['SETRANGE', 'missing', '-1', ''],
      ['SETRANGE', 'l', '0', ''],
      ['SETRANGE', 'l', '0', 'x'],
      ['SETRANGE', 'l', '-1', 'x'],
      ['SETRANGE', 'l', 'x', 'x'],
      ['GET', 's'],
      ['GET', 'missing'],
    ]);
  });

  it('keeps the TTL', async () => {
    await d.run([
      ['SET', 'k', 'value', 'EX', '100'],
      ['SETRANGE', 'k', '1', 'A'],
    ]);
    expect(await expectPttl(d, 'k')).toBeGreaterThan(90_000);
  });
});

describe('LCS', () => {
  const d = useDiff();

  it('the string, its length and the matching ranges', () =>
    d.run([
      ['MSET', 'key1', 'ohmytext', 'key2', 'mynewtext'],
      ['LCS', 'key1', 'key2'],
      ['LCS', 'key1', 'key2', 'LEN'],
      ['LCS', 'key1', 'key2', 'IDX'],
      ['LCS', 'key1', 'key2', 'IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN'],
      ['LCS', 'key1', 'key2', 'IDX', 'WITHMATCHLEN'],
      ['LCS', 'key1', 'key2', 'MINMATCHLEN', '-5', 'IDX', 'WITHMATCHLEN'],
      ['LCS', 'key1', 'key2', 'idx', 'minmatchlen', '2'],
      ['LCS', 'key1', 'key2', 'WITHMATCHLEN'],
      ['LCS', 'key1', 'key2', 'MINMATCHLEN', '3'],
      ['LCS', 'key1', 'key2', 'LEN', 'LEN', 'WITHMATCHLEN'],
      ['LCS', 'key2', 'key1', 'IDX'],
      ['LCS', 'key1', 'key1', 'IDX', 'WITHMATCHLEN'],
      ['LCS', 'key1', 'key2', 'LEN\x00zz'],
    ]));

  it('missing keys count as empty strings', () =>
    d.run([
      ['SET', 'a', 'abc'],
      ['LCS', 'nx1', 'nx2'],
      ['LCS', 'nx1', 'nx2', 'IDX'],
      ['LCS', 'nx1', 'nx2', 'LEN'],
      ['LCS', 'a', 'nx2', 'IDX', 'WITHMATCHLEN'],
      ['LCS', 'nx1', 'a'],
    ]));

  it('more shapes: repeats, binary, no common byte, full overlap', () =>
    d.run([
      ['MSET', 'a', 'AGGTABQWERTY', 'b', 'GXTXAYBQWXERTY', 'c', 'xyz', 'd', 'aaaa', 'e', 'aa', 'f', '\x00\xff\xec\x95\x88', 'g', '\xff\x00\x95\x88\xec'],
      ['LCS', 'a', 'b'],
      ['LCS', 'a', 'b', 'IDX', 'WITHMATCHLEN'],
      ['LCS', 'b', 'a', 'IDX', 'MINMATCHLEN', '2'],
      ['LCS', 'a', 'c'],
      ['LCS', 'a', 'c', 'IDX'],
      ['LCS', 'd', 'e', 'IDX', 'WITHMATCHLEN'],
      ['LCS', 'e', 'd', 'IDX'],
      ['LCS', 'f', 'g'],
      ['LCS', 'f', 'g', 'IDX', 'WITHMATCHLEN'],
      ['SET', 'n1', '1234567'],
      ['SET', 'n2', '1357'],
      ['LCS', 'n1', 'n2', 'IDX'],
    ]));

  it('larger random-ish strings agree', async () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const word = (n: number, alphabet: string) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    for (const [n, m, alphabet] of [
      [40, 50, 'ab'],
      [200, 150, 'acgt'],
      [300, 300, 'abcdefghij'],
      [1000, 800, 'xy'],
    ] as const) {
      await d.run([
        ['MSET', 'x', word(n, alphabet), 'y', word(m, alphabet)],
        ['LCS', 'x', 'y'],
        ['LCS', 'x', 'y', 'LEN'],
        ['LCS', 'x', 'y', 'IDX', 'WITHMATCHLEN'],
        ['LCS', 'x', 'y', 'IDX', 'MINMATCHLEN', '3'],
      ]);
    }
  });

  it('errors', async () => {
    await makeList(d, 'l');
    await d.run([
      ['MSET', 'key1', 'ohmytext', 'key2', 'mynewtext'],
      ['LCS', 'key1', 'key2', 'IDX', 'LEN'],
      ['LCS', 'key1', 'key2', 'LEN', 'IDX'],
      ['LCS', 'key1', 'key2', 'MINMATCHLEN'],
      ['LCS', 'key1', 'key2', 'MINMATCHLEN', 'abc'],
      ['LCS', 'key1', 'key2', 'MINMATCHLEN', 'abc', 'LEN', 'IDX'],
      ['LCS', 'key1', 'key2', 'LEN', 'IDX', 'MINMATCHLEN', 'abc'],
      ['LCS', 'key1', 'key2', 'foo'],
      ['LCS', 'key1', 'key2', 'IDX', 'foo'],
      ['LCS', 'key1', 'l'],
      ['LCS', 'l', 'key1', 'foo'],
      ['LCS', 'l', 'missing'],
    ]);
  });

  it('RESP3: IDX answers a map', async () => {
    await resp3(d);
    await d.run([
      ['MSET', 'key1', 'ohmytext', 'key2', 'mynewtext'],
      ['LCS', 'key1', 'key2', 'IDX', 'WITHMATCHLEN'],
      ['LCS', 'key1', 'key2', 'LEN'],
      ['LCS', 'nx', 'ny', 'IDX'],
    ]);
  });
});
