// SET group, part 4: SSCAN. Errors and the order in which they are checked, intsets (returned
// whole with cursor 0, byte for byte), small hashtables (whole, cursor 0, members unordered) and
// whole iterations over big hashtables compared as sets of members, with COUNT and MATCH.
import { describe, expect, it } from 'vitest';
import { show, useDiff } from './harness.js';
import { expectSameScan, parse, range, scanAll, sorted } from './sets-support.js';
import { makeList } from './strings-support.js';

/** Cursor exactly, members as a set (a hashtable batch lists them in hash order). */
function batchOf(raw: string): string {
  const r = parse(raw);
  if (r.t !== 'array' || r.v === null || r.v.length !== 2) return raw;
  const [cur, items] = r.v;
  if (cur!.t !== 'bulk' || items!.t !== 'array' || items.v === null) return raw;
  const members = items.v.map((x) => (x.t === 'bulk' ? (x.v ?? '') : '?'));
  return `cursor ${cur.v} members ${show(JSON.stringify(sorted(members)))}`;
}

describe('SSCAN', () => {
  const d = useDiff();

  it('errors: cursor first, then the key, then the options', async () => {
    await d.run([['SET', 'str', 'x']]);
    await makeList(d, 'list');
    await d.run([
      ['SADD', 's', '1', '2'],
      ['SSCAN', 's', 'x'],
      ['SSCAN', 'nokey', 'x'],
      ['SSCAN', 'str', 'x'],
      ['SSCAN', 's', '1.5'],
      ['SSCAN', 's', ' 1'],
      ['SSCAN', 's', '18446744073709551616'],
      ['SSCAN', 'nokey', '0'],
      ['SSCAN', 'nokey', '0', 'COUNT', '0'],
      ['SSCAN', 'nokey', '0', 'BOGUS'],
      ['SSCAN', 'str', '0'],
      ['SSCAN', 'str', '0', 'COUNT', '0'],
      ['SSCAN', 'list', '0'],
      ['SSCAN', 's', '0', 'COUNT', '0'],
      ['SSCAN', 's', '0', 'COUNT', '-1'],
      ['SSCAN', 's', '0', 'COUNT', 'x'],
      ['SSCAN', 's', '0', 'COUNT', '9223372036854775808'],
      ['SSCAN', 's', '0', 'COUNT'],
      ['SSCAN', 's', '0', 'MATCH'],
      ['SSCAN', 's', '0', 'TYPE', 'set'],
      ['SSCAN', 's', '0', 'NOVALUES'],
      ['SSCAN', 's', '0', 'MATCH', '*', 'COUNT'],
      ['SSCAN', 's', '0', 'COUNT', '1', 'MATCH', '*', 'x'],
    ]);
  });

  it('an intset comes whole, in order, with cursor 0, whatever the cursor and COUNT', () =>
    d.run([
      ['SADD', 'i', ...range(-5, 30).reverse(), '9223372036854775807', '-9223372036854775808'],
      ['SSCAN', 'i', '0'],
      ['SSCAN', 'i', '0', 'COUNT', '1'],
      ['SSCAN', 'i', '17'],
      ['SSCAN', 'i', '-1'],
      ['SSCAN', 'i', '+3'],
      ['SSCAN', 'i', ''],
      ['SSCAN', 'i', '18446744073709551615'],
      ['SSCAN', 'i', '0', 'MATCH', '1*'],
      ['SSCAN', 'i', '0', 'MATCH', '-*'],
      ['SSCAN', 'i', '0', 'match', '*', 'count', '2'],
      ['SSCAN', 'i', '0', 'MATCH', '[0-2]', 'MATCH', '2?'],
      ['SSCAN', 'i', '0', 'MATCH', 'nothing'],
      ['SSCAN', 'i', '0', 'COUNT', '5', 'COUNT', '9223372036854775807'],
      ['SSCAN', 'i', '0', 'COUNT\x00junk', '5'],
    ]));

  it('a small hashtable comes whole with cursor 0', async () => {
    await d.run([['SADD', 'h', 'apple', 'banana', 'cherry', '\xec\x95\x88', '', '7', 'a\x00b']]);
    const variants = [[], ['COUNT', '10'], ['COUNT', '100'], ['MATCH', '*an*'], ['MATCH', 'a*'], ['MATCH', '\xec*'], ['MATCH', 'a?b']];
    for (const opts of [...variants, ['MATCH', 'zzz']]) {
      const { real, ours } = await d.both(['SSCAN', 'h', '0', ...opts]);
      expect(batchOf(ours), `SSCAN h 0 ${opts.join(' ')}`).toBe(batchOf(real));
    }
  });

  it('a big hashtable: a whole iteration returns every member, in batches', async () => {
    const members = [...range(0, 999, 'member:'), ...range(0, 99)];
    await d.run([
      ['SADD', 'h', ...members],
      ['OBJECT', 'ENCODING', 'h'],
    ]);
    expect((await expectSameScan(d, 'h')).length).toBe(1100);
    await expectSameScan(d, 'h', ['COUNT', '1']);
    await expectSameScan(d, 'h', ['COUNT', '7']);
    await expectSameScan(d, 'h', ['COUNT', '1000']);
    await expectSameScan(d, 'h', ['COUNT', '5000']);
    await expectSameScan(d, 'h', ['MATCH', 'member:1*']);
    await expectSameScan(d, 'h', ['MATCH', '*[0-4]', 'COUNT', '50']);
    await expectSameScan(d, 'h', ['MATCH', 'nothing*']);
    const ours = await scanAll((a) => d.pair.ours.send(a), 'h', ['COUNT', '100']);
    expect(ours.members.length, 'no duplicates without changes').toBe(1100);
    expect(ours.calls).toBe(11);
  });

  it('a hashtable that shrank keeps its encoding and is scanned in batches', async () => {
    await d.run([
      ['SADD', 'h', ...range(1, 600)],
      ['SREM', 'h', ...range(1, 590)],
      ['OBJECT', 'ENCODING', 'h'],
    ]);
    expect(await expectSameScan(d, 'h')).toEqual(sorted(range(591, 600)));
    const { real, ours } = await d.both(['SSCAN', 'h', '0', 'COUNT', '20']);
    expect(batchOf(ours)).toBe(batchOf(real));
  });
});
