// SET group, part 3: SPOP and SRANDMEMBER. Argument errors, missing keys, count 0 and the
// deterministic cases (the whole set) compare byte for byte; random picks compare by shape
// (reply type and length), membership, distinctness (positive counts) and, per side, that the
// popped members and what is left make up the original set.
import { describe, expect, it } from 'vitest';
import type { DiffContext } from './harness.js';
import { useDiff } from './harness.js';
import { bulksOf, expectRandomShape, range, sorted, within } from './sets-support.js';
import { makeList, resp3 } from './strings-support.js';

const U = (...argv: string[]) => ({ argv, unordered: true });

/** SMEMBERS of one side. */
async function membersOn(d: DiffContext, side: 'real' | 'ours', key: string): Promise<string[]> {
  const conn = side === 'real' ? d.pair.real : d.pair.ours;
  return bulksOf(await conn.send(['SMEMBERS', key]));
}

/** Per side: popped + remaining = original, no overlap. */
async function expectPartition(d: DiffContext, key: string, original: string[], popped: { real: string[]; ours: string[] }): Promise<void> {
  for (const side of ['real', 'ours'] as const) {
    const left = await membersOn(d, side, key);
    const all = [...left, ...popped[side]];
    expect(sorted(all), `${side}: popped + left = original`).toEqual(sorted(original));
  }
}

function ascending(xs: string[]): boolean {
  for (let i = 1; i < xs.length; i++) if (BigInt(xs[i - 1]!) >= BigInt(xs[i]!)) return false;
  return true;
}

describe('SPOP', () => {
  const d = useDiff();

  it('argument errors come before the key is looked at', async () => {
    await d.run([['SET', 'str', 'x']]);
    await d.run([
      ['SADD', 's', 'a', 'b'],
      ['SPOP', 's', '-1'],
      ['SPOP', 's', 'x'],
      ['SPOP', 's', ''],
      ['SPOP', 's', '1.5'],
      ['SPOP', 's', '9223372036854775808'],
      ['SPOP', 's', '-9223372036854775808'],
      ['SPOP', 'nokey', 'x'],
      ['SPOP', 'str', '-1'],
      ['SPOP', 'str', '0'],
      ['SPOP', 'str', '1'],
      ['SPOP', 'str'],
      ['SPOP', 's', '1', '2'],
      ['SPOP', 'nokey', '1', '2'],
      ['SPOP', 'str', 'x', 'y'],
      ['SCARD', 's'],
    ]);
  });

  it('missing keys, count 0, and counts that take everything', () =>
    d.run([
      ['SPOP', 'nokey'],
      ['SPOP', 'nokey', '0'],
      ['SPOP', 'nokey', '5'],
      ['SADD', 's', '30', '-7', '2', '9223372036854775807', '-9223372036854775808'],
      ['SPOP', 's', '0'],
      ['SCARD', 's'],
      ['SPOP', 's', '5'],
      ['EXISTS', 's'],
      ['SADD', 's', '3', '1', '2'],
      ['SPOP', 's', '9223372036854775807'],
      ['EXISTS', 's'],
      ['SADD', 'h', 'x', '10', '-1', '5'],
      ['SREM', 'h', 'x'],
      ['OBJECT', 'ENCODING', 'h'],
      ['SPOP', 'h', '3'],
      ['SADD', 'w', 'b', 'a', 'c'],
      U('SPOP', 'w', '3'),
      ['EXISTS', 'w'],
      ['SADD', 'one', '\xff'],
      ['SPOP', 'one'],
      ['EXISTS', 'one'],
      ['SADD', 'one', '\x00'],
      ['SPOP', 'one', '1'],
      ['EXISTS', 'one'],
    ]));

  it('pops one random member', async () => {
    const members = range(1, 10, 'm');
    await d.run([['SADD', 's', ...members]]);
    const { real, ours } = await d.both(['SPOP', 's']);
    const popped = { real: [bulksOf(`*1\r\n${real}`)[0]!], ours: [bulksOf(`*1\r\n${ours}`)[0]!] };
    within(members)(popped.real, 'real');
    within(members)(popped.ours, 'ours');
    await d.run([['SCARD', 's']]);
    await expectPartition(d, 's', members, popped);
  });

  it('pops a few (drawn one by one)', async () => {
    for (const members of [range(1, 20), range(1, 20, 'm'), range(1, 100, 'k')]) {
      await d.run([
        ['DEL', 's'],
        ['SADD', 's', ...members],
      ]);
      const popped = await expectRandomShape(d, ['SPOP', 's', '3'], within(members));
      await d.run([['SCARD', 's']]);
      await expectPartition(d, 's', members, popped);
    }
  });

  it('pops most (keeps a few, returns the rest in set order)', async () => {
    const members = range(-10, 9);
    await d.run([['SADD', 's', ...members]]);
    const popped = await expectRandomShape(d, ['SPOP', 's', '18'], within(members));
    expect(ascending(popped.real), 'real: ascending').toBe(true);
    expect(ascending(popped.ours), 'ours: ascending').toBe(true);
    await d.run([
      ['SCARD', 's'],
      ['OBJECT', 'ENCODING', 's'],
    ]);
    await expectPartition(d, 's', members, popped);
  });

  it('keeping a few builds a new set: its encoding follows what is kept', async () => {
    for (let round = 0; round < 6; round++) {
      const members = ['a', '1', '2', '3', '4', '5'];
      await d.run([
        ['DEL', 's'],
        ['SADD', 's', ...members],
        ['OBJECT', 'ENCODING', 's'],
      ]);
      const popped = await expectRandomShape(d, ['SPOP', 's', '5'], within(members));
      for (const side of ['real', 'ours'] as const) {
        const conn = side === 'real' ? d.pair.real : d.pair.ours;
        const left = await membersOn(d, side, 's');
        expect(left.length).toBe(1);
        const enc = await conn.send(['OBJECT', 'ENCODING', 's']);
        expect(enc, `${side}: encoding with ${left[0]} kept`).toBe(left[0] === 'a' ? '$9\r\nhashtable\r\n' : '$6\r\nintset\r\n');
      }
      await expectPartition(d, 's', members, popped);
    }
  });

  it('SPOP with a count replies with a set in RESP3', async () => {
    await resp3(d);
    await d.run([
      ['SPOP', 'nokey'],
      ['SPOP', 'nokey', '2'],
      ['SADD', 's', ...range(1, 10)],
      ['SPOP', 's', '0'],
    ]);
    await expectRandomShape(d, ['SPOP', 's', '2'], within(range(1, 10)));
    await expectRandomShape(d, ['SPOP', 's', '7'], within(range(1, 10)));
    await expectRandomShape(d, ['SPOP', 's', '5'], within(range(1, 10)));
    await d.run([['EXISTS', 's']]);
  });

  it('WRONGTYPE on a list', async () => {
    await makeList(d, 'l');
    await d.run([
      ['SPOP', 'l'],
      ['SPOP', 'l', '2'],
      ['SRANDMEMBER', 'l'],
      ['SRANDMEMBER', 'l', '2'],
    ]);
  });
});

describe('SRANDMEMBER', () => {
  const d = useDiff();

  it('argument errors come before the key is looked at', async () => {
    await d.run([['SET', 'str', 'x']]);
    await d.run([
      ['SADD', 's', 'a'],
      ['SRANDMEMBER', 's', 'x'],
      ['SRANDMEMBER', 's', ''],
      ['SRANDMEMBER', 's', '1.0'],
      ['SRANDMEMBER', 's', '9223372036854775808'],
      ['SRANDMEMBER', 's', '-9223372036854775808'],
      ['SRANDMEMBER', 'nokey', '-9223372036854775808'],
      ['SRANDMEMBER', 'str', '-9223372036854775808'],
      ['SRANDMEMBER', 'str', 'x'],
      ['SRANDMEMBER', 'str', '0'],
      ['SRANDMEMBER', 'str'],
      ['SRANDMEMBER', 's', '1', '2'],
      ['SRANDMEMBER', 'nokey', '1', '2'],
    ]);
  });

  it('missing keys, count 0, a one-member set, counts that take everything', () =>
    d.run([
      ['SRANDMEMBER', 'nokey'],
      ['SRANDMEMBER', 'nokey', '0'],
      ['SRANDMEMBER', 'nokey', '5'],
      ['SRANDMEMBER', 'nokey', '-5'],
      ['SRANDMEMBER', 'nokey', '-9223372036854775807'],
      ['SADD', 'one', '\xec\x95\x88'],
      ['SRANDMEMBER', 'one'],
      ['SRANDMEMBER', 'one', '1'],
      ['SRANDMEMBER', 'one', '-1'],
      ['SRANDMEMBER', 'one', '-4'],
      ['SRANDMEMBER', 'one', '0'],
      ['SADD', 'i', '8', '-3', '0', '100'],
      ['SRANDMEMBER', 'i', '4'],
      ['SRANDMEMBER', 'i', '50'],
      ['SRANDMEMBER', 'i', '9223372036854775807'],
      ['SADD', 'h', 'x', 'y', '1'],
      U('SRANDMEMBER', 'h', '3'),
      U('SRANDMEMBER', 'h', '1000'),
      ['SCARD', 'h'],
    ]));

  it('positive counts: distinct members', async () => {
    const small = range(1, 10);
    const big = range(1, 300, 'm');
    await d.run([
      ['SADD', 'small', ...small],
      ['SADD', 'big', ...big],
    ]);
    for (const count of ['1', '2', '4', '9']) await expectRandomShape(d, ['SRANDMEMBER', 'small', count], within(small));
    for (const count of ['1', '5', '99', '100', '101', '250', '299']) {
      await expectRandomShape(d, ['SRANDMEMBER', 'big', count], within(big));
    }
    await d.run([
      ['SCARD', 'small'],
      ['SCARD', 'big'],
    ]);
  });

  it('negative counts: exactly that many, repeats allowed', async () => {
    const small = range(1, 3);
    const big = range(1, 100, 'm');
    await d.run([
      ['SADD', 'small', ...small],
      ['SADD', 'big', ...big],
    ]);
    for (const count of ['-1', '-3', '-10', '-1000']) {
      await expectRandomShape(d, ['SRANDMEMBER', 'small', count], within(small, true));
    }
    for (const count of ['-1', '-50', '-100', '-2000']) {
      await expectRandomShape(d, ['SRANDMEMBER', 'big', count], within(big, true));
    }
  });

  it('replies with an array in RESP3, a single member as a bulk string', async () => {
    await resp3(d);
    await d.run([
      ['SRANDMEMBER', 'nokey'],
      ['SRANDMEMBER', 'nokey', '3'],
      ['SADD', 's', ...range(1, 20)],
      ['SRANDMEMBER', 's', '0'],
    ]);
    await expectRandomShape(d, ['SRANDMEMBER', 's', '5'], within(range(1, 20)));
    await expectRandomShape(d, ['SRANDMEMBER', 's', '-30'], within(range(1, 20), true));
    await d.run([
      ['SRANDMEMBER', 's', '20'],
      ['SRANDMEMBER', 's', '25'],
    ]);
    const { real, ours } = await d.both(['SRANDMEMBER', 's']);
    expect(ours[0]).toBe(real[0]);
  });
});
