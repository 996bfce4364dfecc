// SORTED SET group, part 5: ZRANDMEMBER (random: compared by shape, membership, distinctness and
// scores; errors and deterministic cases byte for byte) and ZSCAN (listpacks answer at once,
// skiplists are walked with a cursor; whole iterations compared as sets).
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/shared/reply.js';
import { show, useDiff, type DiffContext, type Pair } from './harness.js';
import { parse, resp3, withThresholds, zaddMany } from './zsets-support.js';

/** Members and scores of a ZRANDMEMBER / ZSCAN style reply: flat pairs or nested [m, s]. */
function entries(r: Reply, withscores: boolean): [string, string | null][] {
  if (r.t !== 'array' || r.v === null) throw new Error(`not an array: ${JSON.stringify(r)}`);
  const out: [string, string | null][] = [];
  const text = (x: Reply): string => {
    if (x.t === 'bulk' && x.v !== null) return x.v;
    if (x.t === 'double') return x.s;
    throw new Error(`unexpected element ${JSON.stringify(x)}`);
  };
  if (!withscores) return r.v.map((x) => [text(x), null]);
  if (r.v.length > 0 && r.v[0]!.t === 'array') {
    for (const p of r.v) {
      if (p.t !== 'array' || p.v === null || p.v.length !== 2) throw new Error('bad pair');
      out.push([text(p.v[0]!), text(p.v[1]!)]);
    }
    return out;
  }
  for (let i = 0; i < r.v.length; i += 2) out.push([text(r.v[i]!), text(r.v[i + 1]!)]);
  return out;
}

/** The shape of a reply: type marker, length, and whether pairs are nested. */
function shape(raw: string): string {
  const r = parse(raw);
  if (r.t !== 'array' || r.v === null) return raw[0]!;
  return `${raw[0]}${r.v.length}${r.v[0]?.t === 'array' ? 'n' : ''}`;
}

/**
 * Runs ZRANDMEMBER on both sides: same shape; every member is in `scores` with its score;
 * distinct when `distinct`. Returns our members.
 */
async function randomCheck(d: DiffContext, argv: string[], scores: Map<string, string>, distinct: boolean): Promise<string[]> {
  const withscores = argv.length > 3;
  const { real, ours } = await d.both(argv);
  expect(shape(ours), `shape of ${argv.join(' ')}`).toBe(shape(real));
  const got: string[] = [];
  for (const raw of [real, ours]) {
    const es = entries(parse(raw), withscores);
    for (const [m, s] of es) {
      expect(scores.has(m), `member ${show(m)}`).toBe(true);
      if (withscores) expect(s).toBe(scores.get(m));
    }
    if (distinct) expect(new Set(es.map((e) => e[0])).size).toBe(es.length);
    if (raw === ours) got.push(...es.map((e) => e[0]));
  }
  return got;
}

describe('ZRANDMEMBER', () => {
  const d = useDiff();
  const small = new Map([
    ['a', '1'],
    ['b', '2.5'],
    ['c', '-inf'],
    ['\xec\x95\x88', '0'],
    ['', '3'],
  ]);
  const smallAdd = ['ZADD', 'z', ...[...small].flatMap(([m, s]) => [s, m])];

  it('deterministic answers and errors', () =>
    d.run([
      smallAdd,
      ['SET', 's', 'v'],
      ['ZRANDMEMBER', 'missing'],
      ['ZRANDMEMBER', 'missing', '5'],
      ['ZRANDMEMBER', 'missing', '-5', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '0'],
      ['ZRANDMEMBER', 'z', '0', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '5'],
      ['ZRANDMEMBER', 'z', '100', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '9223372036854775807'],
      ['ZRANDMEMBER', 's'],
      ['ZRANDMEMBER', 's', '1'],
      ['ZRANDMEMBER', 's', '0'],
      ['ZRANDMEMBER', 'z', 'x'],
      ['ZRANDMEMBER', 'z', '1.5'],
      ['ZRANDMEMBER', 'z', '-9223372036854775808'],
      ['ZRANDMEMBER', 'z', '-9223372036854775807', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '4611686018427387904', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '-4611686018427387904', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '4611686018427387903', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '1', 'WITHSCORE'],
      ['ZRANDMEMBER', 'z', '1', 'WITHSCORES', 'x'],
      ['ZRANDMEMBER', 'z', 'x', 'BAD'],
      ['ZRANDMEMBER', 'missing', '1', 'BAD'],
      ['ZRANDMEMBER', 's', '1', 'BAD'],
    ]));

  it('random picks: distinct for positive counts, repeated for negative', async () => {
    await d.run([smallAdd]);
    for (let i = 0; i < 10; i++) {
      const one = await d.both(['ZRANDMEMBER', 'z']);
      expect(one.ours[0]).toBe('$');
      await randomCheck(d, ['ZRANDMEMBER', 'z', '1'], small, true);
      await randomCheck(d, ['ZRANDMEMBER', 'z', '3'], small, true);
      await randomCheck(d, ['ZRANDMEMBER', 'z', '2', 'WITHSCORES'], small, true);
      await randomCheck(d, ['ZRANDMEMBER', 'z', '-3'], small, false);
      await randomCheck(d, ['ZRANDMEMBER', 'z', '-20', 'WITHSCORES'], small, false);
      await randomCheck(d, ['ZRANDMEMBER', 'z', '-1', 'withscores'], small, false);
    }
    const many = await randomCheck(d, ['ZRANDMEMBER', 'z', '-1000'], small, false);
    expect(new Set(many).size).toBe(small.size);
  });

  it('large zsets: both distinct strategies', async () => {
    const scores = new Map<string, string>();
    for (let i = 0; i < 300; i++) scores.set(`m${i}`, String(i));
    await d.run(zaddMany('big', 300));
    await randomCheck(d, ['ZRANDMEMBER', 'big', '10', 'WITHSCORES'], scores, true);
    await randomCheck(d, ['ZRANDMEMBER', 'big', '200'], scores, true);
    await randomCheck(d, ['ZRANDMEMBER', 'big', '299', 'WITHSCORES'], scores, true);
    await randomCheck(d, ['ZRANDMEMBER', 'big', '-50', 'WITHSCORES'], scores, false);
    await d.run([
      ['ZRANDMEMBER', 'big', '300', 'WITHSCORES'],
      ['ZRANDMEMBER', 'big', '1000'],
    ]);
    const all = await randomCheck(d, ['ZRANDMEMBER', 'big', '-3000'], scores, false);
    expect(new Set(all).size).toBeGreaterThan(250);
  });

  it('RESP3 nests WITHSCORES pairs', async () => {
    await d.run([smallAdd]);
    await resp3(d);
    await randomCheck(d, ['ZRANDMEMBER', 'z', '2', 'WITHSCORES'], small, true);
    await randomCheck(d, ['ZRANDMEMBER', 'z', '-7', 'WITHSCORES'], small, false);
    await randomCheck(d, ['ZRANDMEMBER', 'z', '-7'], small, false);
    await d.run([
      ['ZRANDMEMBER', 'z', '10', 'WITHSCORES'],
      ['ZRANDMEMBER', 'missing'],
      ['ZRANDMEMBER', 'missing', '1', 'WITHSCORES'],
    ]);
  });
});

/** A whole ZSCAN iteration on one side: the member → score pairs and the number of calls. */
async function scanAll(p: Pair, side: 'real' | 'ours', key: string, extra: string[]): Promise<{ pairs: Map<string, string>; calls: number; dup: number }> {
  const conn = side === 'real' ? p.real : p.ours;
  const pairs = new Map<string, string>();
  let cursor = '0';
  let calls = 0;
  let dup = 0;
  do {
    const raw = await conn.send(['ZSCAN', key, cursor, ...extra]);
    const r = parse(raw);
    if (r.t !== 'array' || r.v === null || r.v.length !== 2) throw new Error(show(raw));
    const [c, items] = r.v;
    if (c!.t !== 'bulk' || items!.t !== 'array' || items.v === null) throw new Error(show(raw));
    cursor = c.v!;
    for (const [m, s] of entries(items, true)) {
      if (pairs.has(m)) dup++;
      pairs.set(m, s!);
    }
    calls++;
  } while (cursor !== '0' && calls < 100_000);
  return { pairs, calls, dup };
}

describe('ZSCAN', () => {
  const d = useDiff();

  it('listpacks answer everything at once, with listpack score text', () =>
    d.run([
      ['ZADD', 'z', '1', 'a', '2.5', 'b', '1e17', 'c', '-1e17', 'd', 'inf', 'e', '-inf', 'f', '0', 'g', '4611686018427387904', 'h'],
      ['ZADD', 'z', '4611686018427387905', 'i', '9223372036854775807', 'j', '1e300', 'k', '0.1', 'l', '-0', 'm', '123456789012345678', 'n'],
      ['ZSCAN', 'z', '0'],
      ['ZSCAN', 'z', '0', 'COUNT', '1'],
      ['ZSCAN', 'z', '0', 'MATCH', '[a-c]'],
      ['ZSCAN', 'z', '0', 'MATCH', '*', 'COUNT', '2'],
      ['ZSCAN', 'z', '0', 'match', 'x*'],
      ['ZSCAN', 'z', '7'],
      ['ZSCORE', 'z', 'c'],
      ['ZADD', 'n', '1', '12', '2', '-5', '3', '007'],
      ['ZSCAN', 'n', '0'],
      ['ZSCAN', 'n', '0', 'MATCH', '1*'],
    ]));

  it('errors and missing keys', () =>
    d.run([
      ['ZADD', 'z', '1', 'a'],
      ['SET', 's', 'v'],
      ['ZSCAN', 'missing', '0'],
      ['ZSCAN', 'missing', '0', 'COUNT', '0'],
      ['ZSCAN', 'missing', 'x'],
      ['ZSCAN', 'z', 'x'],
      ['ZSCAN', 'z', '-1'],
      ['ZSCAN', 'z', '18446744073709551615'],
      ['ZSCAN', 'z', '18446744073709551616'],
      ['ZSCAN', 'z', ' 1'],
      ['ZSCAN', 'z', '0', 'COUNT', '0'],
      ['ZSCAN', 'z', '0', 'COUNT', '-1'],
      ['ZSCAN', 'z', '0', 'COUNT', 'x'],
      ['ZSCAN', 'z', '0', 'COUNT'],
      ['ZSCAN', 'z', '0', 'MATCH'],
      ['ZSCAN', 'z', '0', 'TYPE', 'zset'],
      ['ZSCAN', 'z', '0', 'NOVALUES'],
      ['ZSCAN', 's', '0'],
      ['ZSCAN', 's', 'x'],
      ['ZSCAN', 'z'],
    ]));

  it('skiplists: a full iteration returns every member once, with its score', async () => {
    await d.run(
      zaddMany(
        'big',
        1000,
        (i) => `m${i}`,
        (i) => String(i % 3 === 0 ? i / 7 : i),
      ),
    );
    for (const extra of [[], ['COUNT', '7'], ['COUNT', '1000'], ['MATCH', 'm1*', 'COUNT', '50']]) {
      const real = await scanAll(d.pair, 'real', 'big', extra);
      const ours = await scanAll(d.pair, 'ours', 'big', extra);
      expect(ours.dup).toBe(0);
      expect([...ours.pairs].sort()).toEqual([...real.pairs].sort());
      if (extra[1] === '1000') expect(ours.calls).toBe(1);
    }
  });

  it('skiplists: members present throughout are returned while others come and go', async () => {
    await d.run(zaddMany('big', 500));
    const seen = new Set<string>();
    let cursor = '0';
    let step = 0;
    do {
      const r = parse(await d.pair.ours.send(['ZSCAN', 'big', cursor, 'COUNT', '20']));
      if (r.t !== 'array' || r.v === null) throw new Error('bad reply');
      cursor = (r.v[0] as { v: string }).v;
      for (const [m] of entries(r.v[1]!, true)) seen.add(m);
      // Churn: remove and add members, rescore others.
      await d.pair.ours.send(['ZREM', 'big', `m${400 + step}`]);
      await d.pair.ours.send(['ZADD', 'big', String(step), `new${step}`, '-1', `m${step + 100}`]);
      step++;
    } while (cursor !== '0');
    for (let i = 0; i < 400; i++) expect(seen.has(`m${i}`), `m${i}`).toBe(true);
  });

  it('skiplist scores print with %.17g, -0 included', async () => {
    await withThresholds(d, 0, 64, () => d.run([['ZADD', 'z', '1e17', 'a', '-0', 'b', '0.1', 'c', 'inf', 'd']]));
    const real = await scanAll(d.pair, 'real', 'z', []);
    const ours = await scanAll(d.pair, 'ours', 'z', []);
    expect([...ours.pairs].sort()).toEqual([...real.pairs].sort());
    expect(ours.pairs.get('a')).toBe('1e+17');
    expect(ours.pairs.get('b')).toBe('-0');
  });

  it('RESP3: scores stay bulk strings', async () => {
    await resp3(d);
    await d.run([
      ['ZADD', 'z', '1.5', 'a', '2', 'b'],
      ['ZSCAN', 'z', '0'],
      ['ZSCAN', 'missing', '0'],
    ]);
  });
});
