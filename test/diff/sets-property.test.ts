// SET group, part 5: random sequences of the deterministic set commands over a tiny key space
// (a fresh set of key names per run), every reply compared with the real server (unordered
// where Redis lists a hashtable in hash order). set-max-intset-entries is lowered to 3 so that
// conversions happen in every path (SADD, SMOVE, the *STORE results).
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { useDiff, type Step } from './harness.js';

const key = fc.oneof({ arbitrary: fc.constantFrom('a', 'b', 'c'), weight: 8 }, { arbitrary: fc.constant('s'), weight: 1 });
const member = fc.oneof(
  { arbitrary: fc.constantFrom('1', '2', '3', '-1', '10', '9223372036854775807'), weight: 3 },
  { arbitrary: fc.constantFrom('x', 'y', '', '\xff', '01', '\xec\x95\x88'), weight: 1 },
);
const members = fc.array(member, { minLength: 1, maxLength: 5 });
const keys = fc.array(key, { minLength: 1, maxLength: 3 });
const limit = fc.constantFrom<string[]>([], ['LIMIT', '0'], ['LIMIT', '1'], ['LIMIT', '2'], ['LIMIT', '-1']);

type Cmd = (k: (name: string) => string) => Step | Step[];
const U = (argv: string[]): Step => ({ argv, unordered: true });

const command: fc.Arbitrary<Cmd> = fc.oneof(
  fc.tuple(key, members).map(([a, ms]): Cmd => (k) => [
    ['SADD', k(a), ...ms],
    ['OBJECT', 'ENCODING', k(a)],
  ]),
  fc.tuple(key, members).map(([a, ms]): Cmd => (k) => ['SREM', k(a), ...ms]),
  key.map((a): Cmd => (k) => ['SCARD', k(a)]),
  fc.tuple(key, member).map(([a, m]): Cmd => (k) => ['SISMEMBER', k(a), m]),
  fc.tuple(key, members).map(([a, ms]): Cmd => (k) => ['SMISMEMBER', k(a), ...ms]),
  key.map(
    (a): Cmd =>
      (k) =>
        U(['SMEMBERS', k(a)]),
  ),
  fc.tuple(key, key, member).map(([a, b, m]): Cmd => (k) => [
    ['SMOVE', k(a), k(b), m],
    ['OBJECT', 'ENCODING', k(b)],
  ]),
  keys.map(
    (ks): Cmd =>
      (k) =>
        U(['SINTER', ...ks.map(k)]),
  ),
  keys.map(
    (ks): Cmd =>
      (k) =>
        U(['SUNION', ...ks.map(k)]),
  ),
  keys.map(
    (ks): Cmd =>
      (k) =>
        U(['SDIFF', ...ks.map(k)]),
  ),
  fc.tuple(key, keys).map(([dst, ks]): Cmd => (k) => [
    ['SINTERSTORE', k(dst), ...ks.map(k)],
    ['OBJECT', 'ENCODING', k(dst)],
  ]),
  fc.tuple(key, keys).map(([dst, ks]): Cmd => (k) => [
    ['SUNIONSTORE', k(dst), ...ks.map(k)],
    ['OBJECT', 'ENCODING', k(dst)],
  ]),
  fc.tuple(key, keys).map(([dst, ks]): Cmd => (k) => [
    ['SDIFFSTORE', k(dst), ...ks.map(k)],
    ['OBJECT', 'ENCODING', k(dst)],
  ]),
  fc.tuple(keys, limit).map(([ks, l]): Cmd => (k) => ['SINTERCARD', String(ks.length), ...ks.map(k), ...l]),
  key.map(
    (a): Cmd =>
      (k) =>
        U(['SPOP', k(a), '100']),
  ),
  key.map(
    (a): Cmd =>
      (k) =>
        U(['SRANDMEMBER', k(a), '100']),
  ),
  key.map((a): Cmd => (k) => ['SRANDMEMBER', k(a), '0']),
  key.map((a): Cmd => (k) => ['OBJECT', 'ENCODING', k(a)]),
  key.map((a): Cmd => (k) => ['TYPE', k(a)]),
  key.map((a): Cmd => (k) => ['EXISTS', k(a)]),
  fc.tuple(key, fc.constantFrom('v', '5')).map(([a, v]): Cmd => (k) => ['SET', k(a), v]),
);

describe('random set command sequences', () => {
  const d = useDiff();

  afterAll(async () => {
    // The real server lives on for the file only, but leave it as found anyway.
    await d.pair?.real.send(['CONFIG', 'SET', 'set-max-intset-entries', '512']);
  });

  it('reply exactly as Redis does', async () => {
    await d.run([['CONFIG', 'SET', 'set-max-intset-entries', '3']]);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), async (cmds) => {
        const prefix = `r${run++}:`;
        const k = (name: string) => prefix + name;
        await d.run([['SET', k('s'), 'string']]);
        const steps: Step[] = [];
        for (const cmd of cmds) {
          const s = cmd(k);
          if (Array.isArray(s) && Array.isArray(s[0])) steps.push(...(s as Step[]));
          else steps.push(s as Step);
        }
        await d.run(steps);
      }),
      { numRuns: 400, seed: 20240611 },
    );
    await d.run([['CONFIG', 'SET', 'set-max-intset-entries', '512']]);
  });
});
