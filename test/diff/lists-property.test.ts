// LIST group, part 4: random sequences of list commands over a tiny key space (fresh key names
// per run, one of them a string for WRONGTYPE paths), every reply compared byte for byte with the
// real server.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';

const keyName = fc.constantFrom('a', 'b', '\xec\x95\x88', 's');
const element = fc.constantFrom('x', 'y', 'z', '', '1', '\xff\x00', '-0', 'x'.repeat(70));
const elements = fc.array(element, { minLength: 1, maxLength: 5 });
const index = fc.oneof(fc.integer({ min: -8, max: 8 }).map(String), fc.constantFrom('9223372036854775807', '-9223372036854775808', '100', '-100', 'x', ''));
const count = fc.oneof(fc.integer({ min: -3, max: 6 }).map(String), fc.constantFrom('9223372036854775807', 'x'));
const end = fc.constantFrom('LEFT', 'RIGHT', 'left', 'UP');
const lposOption = fc.constantFrom<string[]>(
  [],
  ['RANK', '1'],
  ['RANK', '-1'],
  ['RANK', '2'],
  ['RANK', '-2'],
  ['RANK', '0'],
  ['COUNT', '0'],
  ['COUNT', '2'],
  ['MAXLEN', '3'],
  ['RANK', '-1', 'COUNT', '0', 'MAXLEN', '4'],
  ['RANK', '-9223372036854775808', 'COUNT', '2'],
  ['COUNT', '-1'],
  ['BAD'],
);

type Cmd = (k: (name: string) => string) => string[];

const command: fc.Arbitrary<Cmd> = fc.oneof(
  fc.tuple(fc.constantFrom('LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX'), keyName, elements).map(([c, a, e]): Cmd => (k) => [c, k(a), ...e]),
  fc.tuple(fc.constantFrom('LPOP', 'RPOP'), keyName).map(([c, a]): Cmd => (k) => [c, k(a)]),
  fc.tuple(fc.constantFrom('LPOP', 'RPOP'), keyName, count).map(([c, a, n]): Cmd => (k) => [c, k(a), n]),
  keyName.map((a): Cmd => (k) => ['LLEN', k(a)]),
  fc.tuple(keyName, index).map(([a, i]): Cmd => (k) => ['LINDEX', k(a), i]),
  fc.tuple(keyName, index, index).map(([a, s, e]): Cmd => (k) => ['LRANGE', k(a), s, e]),
  fc.tuple(keyName, index, element).map(([a, i, e]): Cmd => (k) => ['LSET', k(a), i, e]),
  fc.tuple(keyName, fc.constantFrom('BEFORE', 'AFTER', 'after', 'MID'), element, element).map(([a, w, p, e]): Cmd => (k) => ['LINSERT', k(a), w, p, e]),
  fc.tuple(keyName, count, element).map(([a, n, e]): Cmd => (k) => ['LREM', k(a), n, e]),
  fc.tuple(keyName, index, index).map(([a, s, e]): Cmd => (k) => ['LTRIM', k(a), s, e]),
  fc.tuple(keyName, element, lposOption).map(([a, e, o]): Cmd => (k) => ['LPOS', k(a), e, ...o]),
  fc.tuple(keyName, keyName, end, end).map(([a, b, f, t]): Cmd => (k) => ['LMOVE', k(a), k(b), f, t]),
  fc.tuple(keyName, keyName).map(([a, b]): Cmd => (k) => ['RPOPLPUSH', k(a), k(b)]),
  fc
    .tuple(keyName, keyName, end, fc.constantFrom<string[]>([], ['COUNT', '2'], ['COUNT', '0'], ['COUNT', '100']))
    .map(([a, b, w, o]): Cmd => (k) => ['LMPOP', '2', k(a), k(b), w, ...o]),
  keyName.map((a): Cmd => (k) => ['EXISTS', k(a)]),
);

describe('random list command sequences', () => {
  const d = useDiff();

  it('reply exactly as Redis does', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), async (cmds) => {
        const prefix = `r${run++}:`;
        const k = (name: string) => prefix + name;
        await d.run([['SET', k('s'), 'string']]);
        await d.run(cmds.map((cmd) => cmd(k)));
        // The final state of every key, in full.
        await d.run(['a', 'b', '\xec\x95\x88'].map((name) => ['LRANGE', k(name), '0', '-1']));
      }),
      { numRuns: 200, seed: 20240611 },
    );
  });
});
