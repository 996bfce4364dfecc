// HASH group, part 3: random sequences of hash commands over a tiny key and field space, every
// reply compared with the real server. The first property keeps hashes small (listpack: every
// reply byte for byte, insertion order included); the second mixes in long values and a low
// entries threshold so hashes convert, and compares hash-ordered replies by content.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { show, useDiff, type DiffContext, type Step } from './harness.js';
import { pairSet, parse } from './hashes-support.js';
import { makeList } from './strings-support.js';

const keyName = fc.constantFrom('a', 'b', '\xec\x95\x88', 'l', 's');
const field = fc.constantFrom('f', 'g', '', '1', '\xff', 'name', 'age');
const int = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.constantFrom('9223372036854775807', '-9223372036854775808', '9007199254740993', '1.5', 'x', '', '-0', '01'),
);
const shortValue = fc.oneof(int, fc.constantFrom('v', 'hello world', '\xff\x00', '0.1', '1e3', 'inf', 'x'.repeat(64)));
const longValue = fc.oneof(shortValue, fc.constantFrom('y'.repeat(65), '\xff'.repeat(100)));
const float = fc.constantFrom('0.1', '-1.5', '1e3', '3', '-3', 'inf', 'abc', '', '1e300', '0x10', '5.0e3', '1e-10', '1e4000');
const count = fc.constantFrom('0', '100', '9223372036854775807', 'x', '-9223372036854775808', '4611686018427387904');

/** A step, or an HSCAN whose element list is compared by content. */
type PStep = Step | { argv: string[]; scan: true };
type Cmd = (k: (name: string) => string) => PStep;

async function runSteps(d: DiffContext, steps: PStep[]): Promise<void> {
  for (const step of steps) {
    if (Array.isArray(step) || !('scan' in step)) {
      await d.run([step]);
      continue;
    }
    const { real, ours } = await d.both(step.argv);
    const view = (raw: string) => {
      const r = parse(raw);
      if (r.t !== 'array' || r.v === null || r.v.length !== 2) return show(raw);
      return { cursor: r.v[0], items: pairSet(r.v[1]!) };
    };
    expect(view(ours), step.argv.join(' ')).toEqual(view(real));
  }
}

function commands(value: fc.Arbitrary<string>, ordered: boolean): fc.Arbitrary<Cmd> {
  const read = (argv: string[]): Step => (ordered ? argv : { argv, unordered: true });
  return fc.oneof(
    fc.tuple(keyName, fc.array(fc.tuple(field, value), { minLength: 1, maxLength: 3 })).map(([a, pairs]): Cmd => (k) => ['HSET', k(a), ...pairs.flat()]),
    fc.tuple(keyName, field, value).map(([a, f, v]): Cmd => (k) => ['HMSET', k(a), f, v]),
    fc.tuple(keyName, field, value).map(([a, f, v]): Cmd => (k) => ['HSETNX', k(a), f, v]),
    fc.tuple(keyName, field).map(([a, f]): Cmd => (k) => ['HGET', k(a), f]),
    fc.tuple(keyName, field, field).map(([a, f, g]): Cmd => (k) => ['HMGET', k(a), f, g]),
    fc.tuple(keyName, field, field).map(([a, f, g]): Cmd => (k) => ['HDEL', k(a), f, g]),
    keyName.map((a): Cmd => (k) => ['HLEN', k(a)]),
    fc.tuple(keyName, field).map(([a, f]): Cmd => (k) => ['HSTRLEN', k(a), f]),
    fc.tuple(keyName, field).map(([a, f]): Cmd => (k) => ['HEXISTS', k(a), f]),
    keyName.map(
      (a): Cmd =>
        (k) =>
          read(['HKEYS', k(a)]),
    ),
    keyName.map(
      (a): Cmd =>
        (k) =>
          read(['HVALS', k(a)]),
    ),
    keyName.map(
      (a): Cmd =>
        (k) =>
          read(['HGETALL', k(a)]),
    ),
    fc.tuple(keyName, field, int).map(([a, f, n]): Cmd => (k) => ['HINCRBY', k(a), f, n]),
    fc.tuple(keyName, field, float).map(([a, f, x]): Cmd => (k) => ['HINCRBYFLOAT', k(a), f, x]),
    keyName.map(
      (a): Cmd =>
        (k) =>
          ordered ? ['HSCAN', k(a), '0', 'COUNT', '100'] : { argv: ['HSCAN', k(a), '0', 'COUNT', '100'], scan: true },
    ),
    fc.tuple(keyName, count, fc.boolean()).map(
      ([a, n, wv]): Cmd =>
        (k) =>
          read(['HRANDFIELD', k(a), n, ...(wv ? ['WITHVALUES'] : [])]),
    ),
    keyName.map((a): Cmd => (k) => ['OBJECT', 'ENCODING', k(a)]),
    keyName.map((a): Cmd => (k) => ['EXISTS', k(a)]),
  );
}

describe('random hash command sequences', () => {
  const d = useDiff();

  it('small hashes reply exactly as Redis does, order included', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(commands(shortValue, true), { minLength: 1, maxLength: 30 }), async (cmds) => {
        const prefix = `r${run++}:`;
        const k = (name: string) => prefix + name;
        await makeList(d, k('l'));
        await d.run([['SET', k('s'), 'str']]);
        await runSteps(
          d,
          cmds.map((cmd) => cmd(k)),
        );
      }),
      { numRuns: 150, seed: 20240611 },
    );
  });

  it('hashes that convert reply with the same content', async () => {
    await d.run([['CONFIG', 'SET', 'hash-max-listpack-entries', '4']]);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(commands(longValue, false), { minLength: 1, maxLength: 30 }), async (cmds) => {
        const prefix = `q${run++}:`;
        const k = (name: string) => prefix + name;
        await makeList(d, k('l'));
        await d.run([['SET', k('s'), 'str']]);
        await runSteps(
          d,
          cmds.map((cmd) => cmd(k)),
        );
      }),
      { numRuns: 100, seed: 20240612 },
    );
    await d.run([['CONFIG', 'SET', 'hash-max-listpack-entries', '512']]);
  });
});
