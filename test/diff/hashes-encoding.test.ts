// HASH group, part 2: listpack → hashtable conversion at Redis's thresholds (OBJECT ENCODING at
// the limits ±1, CONFIG SET of the thresholds), hash-ordered replies compared by content, HSCAN
// iterations and HRANDFIELD's random replies checked for shape, membership and distinctness.
import { describe, expect, it } from 'vitest';
import { show, useDiff } from './harness.js';
import { bulkStrings, fillHash, items, pairSet, parse, samePairs, setup } from './hashes-support.js';
import { resp3 } from './strings-support.js';

const ENC = (k: string) => ['OBJECT', 'ENCODING', k];

describe('encoding thresholds', () => {
  const d = useDiff();

  it('hash-max-listpack-entries: 512 fields stay listpack, the 513th converts', async () => {
    await setup(d, [
      ['CONFIG', 'GET', 'hash-max-listpack-entries'],
      ['CONFIG', 'GET', 'hash-max-listpack-value'],
    ]);
    await setup(d, fillHash('h', 512));
    await d.run([ENC('h'), ['HLEN', 'h'], ['HSET', 'h', 'f0', 'new'], ENC('h'), ['HSET', 'h', 'f512', 'v'], ENC('h')]);
    // Never back: deleting down to one field keeps the hashtable.
    const del = ['HDEL', 'h'];
    for (let i = 1; i <= 512; i++) del.push('f' + i);
    await d.run([del, ['HLEN', 'h'], ENC('h'), ['HGETALL', 'h']]);
  });

  it('one HSET that crosses the limit mid-way', async () => {
    await setup(d, fillHash('h', 510));
    await d.run([ENC('h'), ['HSET', 'h', 'x1', '1', 'x2', '2', 'x3', '3'], ENC('h'), ['HLEN', 'h']]);
  });

  it('hash-max-listpack-value: 64 bytes stay, 65 convert (fields and values)', () =>
    d.run([
      ['HSET', 'a', 'f', 'x'.repeat(64)],
      ENC('a'),
      ['HSET', 'a', 'g', 'x'.repeat(65)],
      ENC('a'),
      ['HSET', 'b', 'y'.repeat(64), '1'],
      ENC('b'),
      ['HSET', 'b', 'y'.repeat(65), '1'],
      ENC('b'),
      ['HSET', 'c', 'f', '\xff'.repeat(65)],
      ENC('c'),
      ['HGET', 'c', 'f'],
    ]));

  it('HSET converts for any long argument, even an unchanged value', () =>
    d.run([
      ['HSET', 'h', 'f', 'v'],
      ['HSET', 'h', 'f', 'v', 'g', 'z'.repeat(100)],
      ENC('h'),
      ['HSET', 'h2', 'f', 'z'.repeat(100)],
      ['HSET', 'h2', 'f', 'short'],
      ENC('h2'),
      ['HMSET', 'h3', 'a', '1', 'b', 'z'.repeat(65)],
      ENC('h3'),
    ]));

  it('HSETNX converts only when it writes', () =>
    d.run([
      ['HSET', 'h', 'f', 'v'],
      ['HSETNX', 'h', 'f', 'z'.repeat(100)],
      ENC('h'),
      ['HSETNX', 'h', 'g', 'z'.repeat(100)],
      ENC('h'),
      ['HSETNX', 'n', 'z'.repeat(65), '1'],
      ENC('n'),
    ]));

  it('HINCRBY and HINCRBYFLOAT convert by field or result length', () =>
    d.run([
      ['HINCRBY', 'a', 'z'.repeat(65), '1'],
      ENC('a'),
      ['HINCRBY', 'b', 'f', '1'],
      ENC('b'),
      ['HINCRBYFLOAT', 'c', 'f', '1e63'],
      ENC('c'),
      ['HINCRBYFLOAT', 'c', 'f', '1e64'],
      ENC('c'),
      ['HGET', 'c', 'f'],
    ]));

  it('CONFIG SET of the thresholds applies to later writes', () =>
    d.run([
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '2'],
      ENC('h'),
      ['HGET', 'h', 'a'],
      ENC('h'),
      ['HSET', 'h', 'a', '5'],
      ENC('h'),
      ['HSET', 'two', 'a', '1', 'b', '2'],
      ENC('two'),
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '0'],
      ['HSET', 'zero', 'a', '1'],
      ENC('zero'),
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '512'],
      ['CONFIG', 'SET', 'hash-max-listpack-value', '0'],
      ['HSET', 'e', '', ''],
      ENC('e'),
      ['HSET', 'e', '', 'x'],
      ENC('e'),
      ['CONFIG', 'SET', 'hash-max-ziplist-value', '3'],
      ['CONFIG', 'GET', 'hash-max-listpack-value'],
      ['HSET', 'z', 'abc', 'abc'],
      ENC('z'),
      ['HSET', 'z', 'abcd', '1'],
      ENC('z'),
      ['CONFIG', 'SET', 'hash-max-listpack-value', '64'],
    ]));

  it('COPY and RENAME keep the encoding and the order', () =>
    d.run([
      ['HSET', 'h', 'c', '1', 'a', '2', 'b', '3'],
      ['COPY', 'h', 'h2'],
      ['HGETALL', 'h2'],
      ENC('h2'),
      ['RENAME', 'h', 'h3'],
      ['HGETALL', 'h3'],
      ['HSET', 'big', 'f', 'z'.repeat(70)],
      ['COPY', 'big', 'big2'],
      ENC('big2'),
    ]));
});

describe('hashtable hashes: replies compared by content', () => {
  const d = useDiff();

  it('HGETALL, HKEYS, HVALS (RESP2 and RESP3)', async () => {
    await setup(d, fillHash('h', 600));
    await d.run([
      { argv: ['HKEYS', 'h'], unordered: true },
      { argv: ['HVALS', 'h'], unordered: true },
      ['HLEN', 'h'],
      ['HGET', 'h', 'f599'],
      ['HMGET', 'h', 'f0', 'nope', 'f300'],
      ['HDEL', 'h', 'f0', 'f1', 'nope'],
      ['HSTRLEN', 'h', 'f599'],
      ['HEXISTS', 'h', 'f1'],
      ['HINCRBY', 'h', 'n', '5'],
      ['HINCRBYFLOAT', 'h', 'n', '0.25'],
      ['HSETNX', 'h', 'n', 'x'],
    ]);
    await samePairs(d, ['HGETALL', 'h']);
    await resp3(d);
    await samePairs(d, ['HGETALL', 'h']);
    await d.run([{ argv: ['HKEYS', 'h'], unordered: true }]);
  });

  it('a hashtable emptied by HDEL is deleted', async () => {
    await setup(d, [['HSET', 'h', 'f', 'z'.repeat(100)]]);
    await d.run([ENC('h'), ['HDEL', 'h', 'f'], ['EXISTS', 'h'], ['HSET', 'h', 'f', 'v'], ENC('h')]);
  });
});

/** A full HSCAN iteration: every field/value pair, and how many calls it took. */
async function scanAll(send: (argv: string[]) => Promise<string>, key: string, extra: string[]): Promise<{ pairs: string[]; calls: number }> {
  let cursor = '0';
  const pairs: string[] = [];
  let calls = 0;
  do {
    const r = parse(await send(['HSCAN', key, cursor, ...extra]));
    const [next, list] = items(r);
    cursor = bulkStrings({ t: 'array', v: [next!] })[0]!;
    pairs.push(...pairSet(list!).pairs);
    calls++;
    expect(calls).toBeLessThan(10_000);
  } while (cursor !== '0');
  return { pairs: pairs.sort(), calls };
}

describe('HSCAN on hashtable hashes', () => {
  const d = useDiff();

  it('a full iteration returns every pair exactly once, in several calls', async () => {
    await setup(d, fillHash('h', 1000));
    for (const extra of [[], ['COUNT', '100'], ['COUNT', '7', 'MATCH', 'f1*']]) {
      const real = await scanAll((a) => d.pair.real.send(a), 'h', extra);
      const ours = await scanAll((a) => d.pair.ours.send(a), 'h', extra);
      expect(ours.pairs).toEqual(real.pairs);
      expect(new Set(ours.pairs).size).toBe(ours.pairs.length);
      expect(ours.calls).toBeGreaterThan(1);
    }
  });

  it('errors are the same as for listpack hashes', async () => {
    await setup(d, fillHash('h', 600));
    await d.run([
      ['HSCAN', 'h', 'x'],
      ['HSCAN', 'h', '0', 'COUNT', '0'],
      ['HSCAN', 'h', '0', 'TYPE', 'hash'],
      ['HSCAN', 'h', '0', 'COUNT', '10', 'MATCH'],
    ]);
  });

  it('MATCH that matches nothing still ends with cursor 0', async () => {
    await setup(d, fillHash('h', 600));
    const real = await scanAll((a) => d.pair.real.send(a), 'h', ['MATCH', 'nothing*']);
    const ours = await scanAll((a) => d.pair.ours.send(a), 'h', ['MATCH', 'nothing*']);
    expect(ours.pairs).toEqual([]);
    expect(real.pairs).toEqual([]);
  });
});

describe('HRANDFIELD random replies: shape, membership, distinctness', () => {
  const d = useDiff();

  /** Field → value of hash `key` as both sides hold it (they are equal). */
  async function contents(key: string): Promise<Map<string, string>> {
    const { real, ours } = await d.both(['HGETALL', key]);
    expect(pairSet(parse(ours))).toEqual(pairSet(parse(real)));
    const flat = bulkStrings(parse(real));
    const m = new Map<string, string>();
    for (let i = 0; i < flat.length; i += 2) m.set(flat[i]!, flat[i + 1]!);
    return m;
  }

  /** Checks one HRANDFIELD reply (decoded) against the rules for `count`. */
  function check(raw: string, m: Map<string, string>, count: number | null, withValues: boolean, resp: 2 | 3, label: string): void {
    const r = parse(raw);
    if (count === null) {
      expect(r.t, label).toBe('bulk');
      expect(m.has((r as { v: string }).v), label).toBe(true);
      return;
    }
    expect(r.t, label).toBe('array');
    const list = items(r);
    const n = count >= 0 ? Math.min(count, m.size) : -count;
    const fields: string[] = [];
    if (withValues && resp === 3) {
      expect(list.length, label).toBe(n);
      for (const p of list) {
        expect(p.t, label).toBe('array');
        const [f, v] = bulkStrings(p);
        expect(m.get(f!), `${label}: ${show(f!)}`).toBe(v);
        fields.push(f!);
      }
    } else if (withValues) {
      expect(list.length, label).toBe(2 * n);
      const flat = bulkStrings(r);
      for (let i = 0; i < flat.length; i += 2) {
        expect(m.get(flat[i]!), label).toBe(flat[i + 1]);
        fields.push(flat[i]!);
      }
    } else {
      expect(list.length, label).toBe(n);
      for (const f of bulkStrings(r)) {
        expect(m.has(f), label).toBe(true);
        fields.push(f);
      }
    }
    if (count >= 0) expect(new Set(fields).size, `${label}: distinct`).toBe(fields.length);
  }

  async function both(key: string, m: Map<string, string>, argv: string[], resp: 2 | 3): Promise<void> {
    const count = argv.length > 2 ? Number(argv[2]) : null;
    const withValues = argv.length > 3;
    const { real, ours } = await d.both(argv);
    check(real, m, count, withValues, resp, 'real ' + argv.join(' '));
    check(ours, m, count, withValues, resp, 'ours ' + argv.join(' '));
    void key;
  }

  const counts = ['1', '2', '3', '5', '-1', '-5', '-20'];

  it('listpack and hashtable hashes, RESP2 and RESP3', async () => {
    await setup(d, [['HSET', 'small', 'a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5', 'f', '6', 'g', '7', 'h', '8', 'i', '9', 'j', '10']]);
    await setup(d, fillHash('big', 700));
    for (const resp of [2, 3] as const) {
      if (resp === 3) await resp3(d);
      for (const key of ['small', 'big']) {
        const m = await contents(key);
        await both(key, m, ['HRANDFIELD', key], resp);
        for (const n of [...counts, key === 'big' ? '400' : '8', key === 'big' ? '699' : '9']) {
          await both(key, m, ['HRANDFIELD', key, n], resp);
          await both(key, m, ['HRANDFIELD', key, n, 'WITHVALUES'], resp);
        }
      }
    }
  });

  it('a listpack sample comes in listpack order on both sides', async () => {
    const fields: string[] = [];
    for (let i = 0; i < 30; i++) fields.push(String.fromCharCode(97 + (i % 26)) + i, String(i));
    await setup(d, [['HSET', 'h', ...fields]]);
    const order = bulkStrings(parse((await d.both(['HKEYS', 'h'])).real));
    for (let i = 0; i < 10; i++) {
      const { real, ours } = await d.both(['HRANDFIELD', 'h', '5']);
      for (const raw of [real, ours]) {
        const got = bulkStrings(parse(raw));
        const idx = got.map((f) => order.indexOf(f));
        expect(idx, show(raw)).toEqual([...idx].sort((a, b) => a - b));
      }
    }
  });
});
