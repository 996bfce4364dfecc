// Property-based differential testing: random command sequences over a tiny key space, so
// types, expiries and transactions collide, sent to the real Redis and to our engine; every
// reply must match byte for byte.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useDiff, type Step } from './harness.js';

const key = fc.constantFrom('a', 'b', 'c', '\xec\x95\x88', '');
const int = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.constantFrom('9223372036854775807', '-9223372036854775808', '9223372036854775808', '1.5', 'x', '', '007', '-0', ' 1'),
);
const value = fc.oneof(int, fc.constantFrom('v', 'hello', '\xff\x00', '0.1', 'inf', '3e2', 'x'.repeat(50)));
const float = fc.constantFrom('0.1', '-1.5', '1e3', '3', 'inf', '-inf', 'abc', '', '1e400', '0x10', '5.0e3');
// Relative TTLs differ from every TTL a SET option gives (150 s, 250 s, 10 s) so that GT/LT
// comparisons never hinge on a millisecond passing between two commands.
const seconds = fc.constantFrom('100', '1000', '-1', '0', '9223372036854775807', 'x');
const future = fc.constantFrom('4102444800', '4102444801', '1', '0');

const setOption = fc.constantFrom<string[]>(
  [],
  ['NX'],
  ['XX'],
  ['GET'],
  ['EX', '150'],
  ['PX', '250000'],
  ['KEEPTTL'],
  ['NX', 'GET'],
  ['XX', 'KEEPTTL'],
  ['EX', '0'],
  ['EXAT', '4102444800'],
  ['EX', '10', 'PX', '10'],
  ['BAD'],
);

const command: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(key, value, setOption).map(([k, v, o]) => ['SET', k, v, ...o]),
  key.map((k) => ['GET', k]),
  fc.tuple(key, key).map(([a, b]) => ['DEL', a, b]),
  fc.tuple(key, key).map(([a, b]) => ['EXISTS', a, b]),
  key.map((k) => ['INCR', k]),
  key.map((k) => ['DECR', k]),
  fc.tuple(key, int).map(([k, n]) => ['INCRBY', k, n]),
  fc.tuple(key, int).map(([k, n]) => ['DECRBY', k, n]),
  fc.tuple(key, float).map(([k, f]) => ['INCRBYFLOAT', k, f]),
  fc.tuple(key, value).map(([k, v]) => ['APPEND', k, v]),
  key.map((k) => ['STRLEN', k]),
  fc.tuple(key, int, int).map(([k, a, b]) => ['GETRANGE', k, a, b]),
  fc.tuple(key, fc.constantFrom('0', '3', '-1', '10'), value).map(([k, o, v]) => ['SETRANGE', k, o, v]),
  fc.tuple(key, value, key, value).map(([a, x, b, y]) => ['MSET', a, x, b, y]),
  fc.tuple(key, value, key, value).map(([a, x, b, y]) => ['MSETNX', a, x, b, y]),
  fc.tuple(key, key).map(([a, b]) => ['MGET', a, b, 'zz']),
  fc.tuple(key, value).map(([k, v]) => ['SETNX', k, v]),
  fc.tuple(key, value).map(([k, v]) => ['GETSET', k, v]),
  key.map((k) => ['GETDEL', k]),
  fc.tuple(key, fc.constantFrom<string[]>([], ['PERSIST'], ['EX', '50'], ['PX', '0'], ['EXAT', '4102444800'])).map(([k, o]) => ['GETEX', k, ...o]),
  fc.tuple(key, key).map(([a, b]) => ['RENAME', a, b]),
  fc.tuple(key, key).map(([a, b]) => ['RENAMENX', a, b]),
  fc.tuple(key, key, fc.constantFrom<string[]>([], ['REPLACE'], ['DB', '1'])).map(([a, b, o]) => ['COPY', a, b, ...o]),
  key.map((k) => ['TYPE', k]),
  fc.tuple(key, seconds, fc.constantFrom<string[]>([], ['NX'], ['XX'], ['GT'], ['LT'])).map(([k, s, o]) => ['EXPIRE', k, s, ...o]),
  fc.tuple(key, future).map(([k, t]) => ['EXPIREAT', k, t]),
  key.map((k) => ['TTL', k]),
  key.map((k) => ['EXPIRETIME', k]),
  key.map((k) => ['PERSIST', k]),
  key.map((k) => ['OBJECT', 'ENCODING', k]),
  fc.constant<string[]>(['DBSIZE']),
  fc.constantFrom<string[]>(['SELECT', '0'], ['SELECT', '1']),
  fc.constant<string[]>(['MULTI']),
  fc.constant<string[]>(['EXEC']),
  fc.constant<string[]>(['DISCARD']),
  fc.constant<string[]>(['NOSUCH', 'x']),
  fc.constant<string[]>(['GET']),
);

const steps: fc.Arbitrary<Step[]> = fc.array(command, { minLength: 1, maxLength: 40 }).map((cmds) => [...cmds, { argv: ['KEYS', '*'], unordered: true }]);

describe('random command sequences', () => {
  const d = useDiff();

  it('reply exactly as Redis does', async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (seq) => {
        await d.run([['DISCARD'], ['SELECT', '0'], ['FLUSHALL'], ...seq]);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });
});
