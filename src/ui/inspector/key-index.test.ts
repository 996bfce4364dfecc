import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/clock.js';
import { Engine } from '../../engine/engine.js';
import { keyInfo } from '../../worker/inspect.js';
import { compareKeys, KeyIndex, timeLeft, type KeySource } from './key-index.js';

/** A KeySource over a real engine, as the worker answers (KeyInfo for live keys only). */
function rig() {
  const clock = new VirtualClock();
  const engine = new Engine({ clock });
  const c = engine.createClient();
  const run = (...argv: string[]) => engine.execute(c, argv);
  const info = (db: number, key: string) => keyInfo(engine.dbs[db]!, key, clock.now());
  let reads = 0;
  const source: KeySource = {
    async snapshot(db) {
      reads++;
      return { cursor: 0, keys: [...engine.dbs[db]!.dict.keys()].map((k) => info(db, k)).filter((k) => k !== null) };
    },
    async keys(db, keys) {
      return keys.map((k) => info(db, k));
    },
  };
  const events: { db: number; key: string; event: string }[] = [];
  engine.onChange((e) => events.push(e));
  let t = 0;
  const index = new KeyIndex(0, source, () => t);
  return { engine, run, index, events, clock, reads: () => reads, at: (ms: number) => (t = ms) };
}

describe('KeyIndex', () => {
  it('loads every key, then follows change events key by key', async () => {
    const { run, index, events, reads } = rig();
    run('SET', 'a', '1');
    run('RPUSH', 'q', 'x');
    await index.reload();
    expect([...index.keys.keys()].sort()).toEqual(['a', 'q']);
    events.length = 0;
    run('HSET', 'h', 'f', 'v');
    run('DEL', 'a');
    run('SET', 'other-db-key', 'x'); // same db here; a db-1 event is ignored below
    await index.apply([...events, { db: 1, key: 'elsewhere', event: 'set' }]);
    expect([...index.keys.keys()].sort()).toEqual(['h', 'other-db-key', 'q']);
    expect(index.keys.get('h')).toMatchObject({ type: 'hash', touched: 1 });
    expect(index.keys.get('q')!.touched).toBe(0);
    expect(reads()).toBe(1); // no full rescan for ordinary changes
  });

  it('reads everything again after FLUSHDB', async () => {
    const { run, index, events, reads } = rig();
    run('SET', 'a', '1');
    await index.reload();
    events.length = 0;
    run('FLUSHDB');
    await index.apply(events);
    expect(index.keys.size).toBe(0);
    expect(reads()).toBe(2);
  });

  it('counts TTLs down from when they were read, and the bar drains from the longest seen', async () => {
    const { run, index, events, at } = rig();
    run('SET', 's', 'v', 'EX', '10');
    await index.reload();
    const k = index.keys.get('s')!;
    expect(timeLeft(k, 4_000, false)).toBe(6_000);
    expect(timeLeft(k, 4_000, true)).toBe(10_000);
    expect(timeLeft(k, 20_000, false)).toBe(0);
    events.length = 0;
    at(1_000);
    run('EXPIRE', 's', '5');
    await index.apply(events);
    expect(index.keys.get('s')).toMatchObject({ ttl: 5_000, fullTtl: 10_000 });
  });

  it('sorts by name, type, or soonest expiry', () => {
    const k = (key: string, type: string, ttl: number) => ({ key, type, ttl, size: 1, encoding: 'x', readAt: 0, fullTtl: ttl, touched: 0 });
    const keys = [k('b', 'string', -1), k('a', 'list', 5000), k('c', 'hash', 1000)];
    expect([...keys].sort(compareKeys('name')).map((x) => x.key)).toEqual(['a', 'b', 'c']);
    expect([...keys].sort(compareKeys('type')).map((x) => x.key)).toEqual(['c', 'a', 'b']);
    expect([...keys].sort(compareKeys('ttl')).map((x) => x.key)).toEqual(['c', 'a', 'b']);
  });
});
