// SORTED SET group, part 6: random sequences of sorted-set commands over a tiny key space (fresh
// key names per run), every reply compared byte for byte with the real server. Lex ranges only
// go to 'l', whose scores are all 0: with mixed scores a skiplist's answer depends on its
// random node levels.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';

const key = fc.constantFrom('a', 'b', 'a', 'b', 's', 'str', 'missing');
const dst = fc.constantFrom('d', 'a');
const member = fc.constantFrom('x', 'y', 'z', 'w', 'v', '', '\xec\x95\x88', 'L'.repeat(70), '1', '-2');
const score = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.constantFrom('0', '-0', '2.5', 'inf', '-inf', '+inf', '1e17', '0.1', '1e308', '-1e308', 'abc', '', 'nan'),
);
const bound = fc.oneof(
  score,
  score.map((s) => '(' + s),
  fc.constantFrom('-inf', '+inf', '(inf', 'x'),
);
const lexBound = fc.oneof(
  member.map((m) => '[' + m),
  member.map((m) => '(' + m),
  fc.constantFrom('-', '+', 'x', '[', '('),
);
const index = fc.oneof(fc.integer({ min: -6, max: 6 }).map(String), fc.constantFrom('x', '9223372036854775807', '-9223372036854775808'));
const zaddOpts = fc.constantFrom<string[]>(
  [],
  [],
  ['NX'],
  ['XX'],
  ['GT'],
  ['LT'],
  ['CH'],
  ['XX', 'GT', 'CH'],
  ['INCR'],
  ['NX', 'INCR'],
  ['GT', 'INCR'],
  ['NX', 'XX'],
  ['GT', 'LT'],
);
const withscores = fc.constantFrom<string[]>([], ['WITHSCORES']);
const limit = fc.constantFrom<string[]>([], [], ['LIMIT', '0', '2'], ['LIMIT', '1', '-1'], ['LIMIT', '-1', '1'], ['LIMIT', '2', '0']);
const aggregate = fc.constantFrom<string[]>([], ['AGGREGATE', 'MIN'], ['AGGREGATE', 'MAX'], ['AGGREGATE', 'SUM']);
const weights = fc.constantFrom<string[]>([], ['WEIGHTS', '2', '-1'], ['WEIGHTS', '0', 'inf'], ['WEIGHTS', '0.5', '1']);

type Cmd = (k: (name: string) => string) => string[];

const command: fc.Arbitrary<Cmd> = fc.oneof(
  fc.tuple(key, zaddOpts, score, member).map(([a, o, s, m]): Cmd => (k) => ['ZADD', k(a), ...o, s, m]),
  fc.tuple(key, zaddOpts, score, member, score, member).map(([a, o, s, m, t, n]): Cmd => (k) => ['ZADD', k(a), ...o, s, m, t, n]),
  fc.tuple(key, score, member).map(([a, s, m]): Cmd => (k) => ['ZINCRBY', k(a), s, m]),
  fc.tuple(key, member, member).map(([a, m, n]): Cmd => (k) => ['ZREM', k(a), m, n]),
  fc.tuple(key, member).map(([a, m]): Cmd => (k) => ['ZSCORE', k(a), m]),
  fc.tuple(key, member, member).map(([a, m, n]): Cmd => (k) => ['ZMSCORE', k(a), m, n]),
  fc.tuple(key, member).map(([a, m]): Cmd => (k) => ['ZRANK', k(a), m]),
  fc.tuple(key, member).map(([a, m]): Cmd => (k) => ['ZREVRANK', k(a), m]),
  key.map((a): Cmd => (k) => ['ZCARD', k(a)]),
  fc.tuple(key, index, index, withscores, fc.constantFrom<string[]>([], ['REV'])).map(([a, s, e, w, r]): Cmd => (k) => ['ZRANGE', k(a), s, e, ...r, ...w]),
  fc
    .tuple(key, bound, bound, withscores, limit, fc.constantFrom<string[]>([], ['REV']))
    .map(([a, s, e, w, l, r]): Cmd => (k) => ['ZRANGE', k(a), s, e, 'BYSCORE', ...r, ...l, ...w]),
  fc.tuple(key, bound, bound, withscores, limit).map(([a, s, e, w, l]): Cmd => (k) => ['ZRANGEBYSCORE', k(a), s, e, ...w, ...l]),
  fc.tuple(key, bound, bound, withscores, limit).map(([a, s, e, w, l]): Cmd => (k) => ['ZREVRANGEBYSCORE', k(a), s, e, ...w, ...l]),
  fc.tuple(key, index, index, withscores).map(([a, s, e, w]): Cmd => (k) => ['ZREVRANGE', k(a), s, e, ...w]),
  fc.tuple(key, bound, bound).map(([a, s, e]): Cmd => (k) => ['ZCOUNT', k(a), s, e]),
  fc.tuple(key, fc.constantFrom<string[]>([], ['0'], ['1'], ['3'], ['-1'])).map(([a, c]): Cmd => (k) => ['ZPOPMIN', k(a), ...c]),
  fc.tuple(key, fc.constantFrom<string[]>([], ['2'], ['x'])).map(([a, c]): Cmd => (k) => ['ZPOPMAX', k(a), ...c]),
  fc
    .tuple(key, key, fc.constantFrom('MIN', 'MAX'), fc.constantFrom<string[]>([], ['COUNT', '2'], ['COUNT', '0']))
    .map(([a, b, w, c]): Cmd => (k) => ['ZMPOP', '2', k(a), k(b), w, ...c]),
  fc.tuple(key, index, index).map(([a, s, e]): Cmd => (k) => ['ZREMRANGEBYRANK', k(a), s, e]),
  fc.tuple(key, bound, bound).map(([a, s, e]): Cmd => (k) => ['ZREMRANGEBYSCORE', k(a), s, e]),
  fc
    .tuple(fc.constantFrom('ZUNION', 'ZINTER'), key, key, weights, aggregate, withscores)
    .map(([cmd, a, b, w, g, s]): Cmd => (k) => [cmd, '2', k(a), k(b), ...w, ...g, ...s]),
  fc.tuple(key, key, withscores).map(([a, b, s]): Cmd => (k) => ['ZDIFF', '2', k(a), k(b), ...s]),
  fc
    .tuple(fc.constantFrom('ZUNIONSTORE', 'ZINTERSTORE'), dst, key, key, weights, aggregate)
    .map(([cmd, d, a, b, w, g]): Cmd => (k) => [cmd, k(d), '2', k(a), k(b), ...w, ...g]),
  fc.tuple(dst, key, key).map(([d, a, b]): Cmd => (k) => ['ZDIFFSTORE', k(d), '2', k(a), k(b)]),
  fc.tuple(key, key, fc.constantFrom<string[]>([], ['LIMIT', '1'])).map(([a, b, l]): Cmd => (k) => ['ZINTERCARD', '2', k(a), k(b), ...l]),
  fc.tuple(dst, key, index, index).map(([d, a, s, e]): Cmd => (k) => ['ZRANGESTORE', k(d), k(a), s, e]),
  fc.tuple(dst, key, bound, bound, limit).map(([d, a, s, e, l]): Cmd => (k) => ['ZRANGESTORE', k(d), k(a), s, e, 'BYSCORE', ...l]),
  fc.tuple(fc.constantFrom('a', 'b', 'd')).map(([a]): Cmd => (k) => ['OBJECT', 'ENCODING', k(a)]),
  // Lex commands on 'l', where every score is 0.
  fc.tuple(member, member).map(([m, n]): Cmd => (k) => ['ZADD', k('l'), '0', m, '0', n]),
  fc.tuple(lexBound, lexBound, limit).map(([s, e, l]): Cmd => (k) => ['ZRANGEBYLEX', k('l'), s, e, ...l]),
  fc.tuple(lexBound, lexBound, limit).map(([s, e, l]): Cmd => (k) => ['ZREVRANGEBYLEX', k('l'), s, e, ...l]),
  fc.tuple(lexBound, lexBound, fc.constantFrom<string[]>([], ['REV'])).map(([s, e, r]): Cmd => (k) => ['ZRANGE', k('l'), s, e, 'BYLEX', ...r]),
  fc.tuple(lexBound, lexBound).map(([s, e]): Cmd => (k) => ['ZLEXCOUNT', k('l'), s, e]),
  fc.tuple(lexBound, lexBound).map(([s, e]): Cmd => (k) => ['ZREMRANGEBYLEX', k('l'), s, e]),
  fc.tuple(dst, lexBound, lexBound).map(([d, s, e]): Cmd => (k) => ['ZRANGESTORE', k(d), k('l'), s, e, 'BYLEX']),
);

describe('random sorted-set command sequences', () => {
  const d = useDiff();

  it('reply exactly as Redis does', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), async (cmds) => {
        const prefix = `r${run++}:`;
        const k = (name: string) => prefix + name;
        await d.run([
          ['SET', k('str'), 'v'],
          ['SADD', k('s'), 'x', 'y', '1'],
        ]);
        await d.run(cmds.map((cmd) => cmd(k)));
      }),
      { numRuns: 250, seed: 20240611 },
    );
  });
});
