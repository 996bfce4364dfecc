// STRING group, part 5: random sequences of string commands over a tiny key space (one fresh
// set of key names per run), every reply compared byte for byte with the real server.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';
import { makeList } from './strings-support.js';

const keyName = fc.constantFrom('a', 'b', '\xec\x95\x88', 'l');
const int = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.constantFrom('9223372036854775807', '-9223372036854775808', '9223372036854775806', '4611686018427387904', '9007199254740993', '1.5', 'x', '', '-0', '01'),
);
const value = fc.oneof(int, fc.constantFrom('v', 'hello world', '\xff\x00', '0.1', '1e3', 'inf', 'x'.repeat(45), 'abcabcab', 'bca'));
const float = fc.constantFrom('0.1', '-1.5', '1e3', '3', '-3', 'inf', 'abc', '', '1e300', '0x10', '5.0e3', '1e-10');
const offset = fc.constantFrom('0', '1', '3', '7', '-1', 'x');
const setOption = fc.constantFrom<string[]>(
  [],
  ['NX'],
  ['XX'],
  ['GET'],
  ['EX', '100'],
  ['PX', '100000'],
  ['KEEPTTL'],
  ['NX', 'GET'],
  ['XX', 'GET', 'KEEPTTL'],
  ['EX', '0'],
  ['EXAT', '1'],
  ['PXAT', '4102444800000'],
  ['EX', '10', 'PX', '10'],
  ['BAD'],
  ['EX'],
);
const getexOption = fc.constantFrom<string[]>([], ['PERSIST'], ['EX', '50'], ['PX', '0'], ['EXAT', '1'], ['PXAT', '4102444800000'], ['KEEPTTL'], ['EX', 'x']);

type Cmd = (k: (name: string) => string) => string[];

const command: fc.Arbitrary<Cmd> = fc.oneof(
  fc.tuple(keyName, value, setOption).map(([a, v, o]): Cmd => (k) => ['SET', k(a), v, ...o]),
  keyName.map((a): Cmd => (k) => ['GET', k(a)]),
  fc.tuple(keyName, value).map(([a, v]): Cmd => (k) => ['GETSET', k(a), v]),
  keyName.map((a): Cmd => (k) => ['GETDEL', k(a)]),
  fc.tuple(keyName, getexOption).map(([a, o]): Cmd => (k) => ['GETEX', k(a), ...o]),
  fc.tuple(keyName, value, keyName, value).map(([a, x, b, y]): Cmd => (k) => ['MSET', k(a), x, k(b), y]),
  fc.tuple(keyName, value, keyName, value).map(([a, x, b, y]): Cmd => (k) => ['MSETNX', k(a), x, k(b), y]),
  fc.tuple(keyName, keyName).map(([a, b]): Cmd => (k) => ['MGET', k(a), k(b), k('zz')]),
  fc.tuple(keyName, value).map(([a, v]): Cmd => (k) => ['SETNX', k(a), v]),
  fc.tuple(keyName, fc.constantFrom('100', '0', 'x'), value).map(([a, t, v]): Cmd => (k) => ['SETEX', k(a), t, v]),
  fc.tuple(keyName, value).map(([a, v]): Cmd => (k) => ['APPEND', k(a), v]),
  keyName.map((a): Cmd => (k) => ['STRLEN', k(a)]),
  fc.tuple(keyName, int, int).map(([a, s, e]): Cmd => (k) => ['GETRANGE', k(a), s, e]),
  fc.tuple(keyName, offset, value).map(([a, o, v]): Cmd => (k) => ['SETRANGE', k(a), o, v]),
  keyName.map((a): Cmd => (k) => ['INCR', k(a)]),
  keyName.map((a): Cmd => (k) => ['DECR', k(a)]),
  fc.tuple(keyName, int).map(([a, n]): Cmd => (k) => ['INCRBY', k(a), n]),
  fc.tuple(keyName, int).map(([a, n]): Cmd => (k) => ['DECRBY', k(a), n]),
  fc.tuple(keyName, float).map(([a, f]): Cmd => (k) => ['INCRBYFLOAT', k(a), f]),
  fc
    .tuple(keyName, keyName, fc.constantFrom<string[]>([], ['LEN'], ['IDX'], ['IDX', 'WITHMATCHLEN', 'MINMATCHLEN', '2'], ['LEN', 'IDX']))
    .map(([a, b, o]): Cmd => (k) => ['LCS', k(a), k(b), ...o]),
);

describe('random string command sequences', () => {
  const d = useDiff();

  it('reply exactly as Redis does', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (cmds) => {
        const prefix = `r${run++}:`;
        const k = (name: string) => prefix + name;
        await makeList(d, k('l'));
        await d.run(cmds.map((cmd) => cmd(k)));
      }),
      { numRuns: 150, seed: 20240607 },
    );
  });
});
