import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/clock.js';
import { Engine } from '../../engine/engine.js';
import { keyInfo } from '../../worker/inspect.js';
import type { KeyInfo } from '../../worker/protocol.js';
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
    snapshot(db) {
      reads++;
      return Promise.resolve({ cursor: 0, keys: [...engine.dbs[db]!.dict.keys()].map((k) => info(db, k)).filter((k) => k !== null) });
    },
    keys: (db, keys) => Promise.resolve(keys.map((k) => info(db, k))),
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

/** A KeySource that answers when told to, counting requests (for coalescing and races). */
function manualSource(data: Map<string, KeyInfo>) {
  const reads: string[][] = [];
  const held: (() => void)[] = [];
  let hold = false;
  const source: KeySource = {
    async snapshot() {
      const keys = [...data.values()]; // what the worker saw when asked
      if (hold) await new Promise<void>((r) => held.push(r));
      return { cursor: 0, keys };
    },
    async keys(_db, keys) {
      reads.push(keys);
      if (hold) await new Promise<void>((r) => held.push(r));
      return keys.map((k) => data.get(k) ?? null);
    },
  };
  return {
    source,
    reads,
    hold: (on: boolean) => (hold = on),
    release: () => held.splice(0).forEach((r) => r()),
  };
}

const info = (key: string, type = 'string', ttl = -1): KeyInfo => ({ key, type, ttl, size: 1, encoding: 'embstr' });
const names = (index: KeyIndex) => [...index.rows].map((k) => k.key);
const set = (key: string) => ({ db: 0, key, event: 'set' });

describe('KeyIndex rows', () => {
  it('keeps the rows in order as keys come and go, without reading everything again', async () => {
    const { run, index, events, reads } = rig();
    for (const k of ['m', 'c', 'x']) run('SET', k, '1');
    await index.reload();
    expect(names(index)).toEqual(['c', 'm', 'x']);
    events.length = 0;
    run('SET', 'a', '1');
    run('DEL', 'm');
    run('RPUSH', 'z', 'v');
    await index.apply(events);
    expect(names(index)).toEqual(['a', 'c', 'x', 'z']);
    expect(reads()).toBe(1);
  });

  it('filters by type and pattern, sorts by type or soonest expiry, and keeps that view as keys change', async () => {
    const { run, index, events, at } = rig();
    run('SET', 'user:1', 'a');
    run('RPUSH', 'user:list', 'x');
    run('SET', 'other', 'b');
    await index.reload();
    await index.setView({ type: 'string', match: (k) => k.startsWith('user:'), sortBy: 'name' });
    expect(names(index)).toEqual(['user:1']);
    events.length = 0;
    run('SET', 'user:2', 'c');
    run('SET', 'other:2', 'c');
    await index.apply(events);
    expect(names(index)).toEqual(['user:1', 'user:2']);
    await index.setView({ type: '', match: null, sortBy: 'ttl' });
    events.length = 0;
    at(100);
    run('EXPIRE', 'other', '5');
    run('EXPIRE', 'user:2', '50');
    await index.apply(events);
    expect(names(index).slice(0, 2)).toEqual(['other', 'user:2']);
    expect(index.withTtl).toBe(2);
    events.length = 0;
    run('PERSIST', 'other');
    await index.apply(events);
    expect(names(index)[0]).toBe('user:2');
    expect(names(index)).toHaveLength(5);
    expect(index.withTtl).toBe(1);
  });

  it('reads the keys of many change batches with one request per frame', async () => {
    const data = new Map([['a', info('a')]]);
    const src = manualSource(data);
    const frames: (() => void)[] = [];
    const index = new KeyIndex(0, src.source, { now: () => 0, frame: (fn) => frames.push(fn) });
    await index.reload();
    let notified = 0;
    index.subscribe(() => notified++);
    const done: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) {
      data.set(`k${i}`, info(`k${i}`));
      done.push(index.apply([set(`k${i}`), set('a')]));
    }
    expect(frames).toHaveLength(1);
    expect(src.reads).toHaveLength(0);
    frames.shift()!();
    await Promise.all(done);
    expect(src.reads).toHaveLength(1);
    expect(src.reads[0]).toHaveLength(1001);
    expect(notified).toBe(1);
    expect(index.rows.size).toBe(1001);
  });

  it('asks for no more than one read at a time; events meanwhile are read after it', async () => {
    const data = new Map<string, KeyInfo>();
    const src = manualSource(data);
    const index = new KeyIndex(0, src.source, { now: () => 0, frame: (fn) => queueMicrotask(fn) });
    await index.reload();
    src.hold(true);
    data.set('a', info('a'));
    const first = index.apply([set('a')]);
    await expect.poll(() => src.reads.length).toBe(1);
    data.set('b', info('b'));
    const second = index.apply([set('b')]);
    await Promise.resolve();
    expect(src.reads).toHaveLength(1);
    src.hold(false);
    src.release();
    await Promise.all([first, second]);
    expect(src.reads).toEqual([['a'], ['b']]);
    expect(names(index)).toEqual(['a', 'b']);
  });

  it('reads keys changed during a full read again once it ends', async () => {
    const data = new Map([['a', info('a')]]);
    const src = manualSource(data);
    const index = new KeyIndex(0, src.source, { now: () => 0, frame: (fn) => queueMicrotask(fn) });
    src.hold(true);
    const loaded = index.reload(); // answers with what it saw before 'b' was written
    data.set('b', info('b'));
    const applied = index.apply([set('b')]);
    src.hold(false);
    src.release();
    await Promise.all([loaded, applied]);
    expect(src.reads).toEqual([['b']]);
    expect(names(index)).toEqual(['a', 'b']);
  });

  it('survives StrictMode: start, stop and start again leave a working index', async () => {
    const data = new Map([
      ['a', info('a')],
      ['b', info('b')],
    ]);
    const src = manualSource(data);
    const index = new KeyIndex(0, src.source, { now: () => 0, frame: (fn) => queueMicrotask(fn) });
    let notified = 0;
    index.subscribe(() => notified++);
    src.hold(true);
    void index.start();
    index.stop(); // the first effect's cleanup, while its read is under way
    const started = index.start();
    src.hold(false);
    src.release();
    await started;
    expect(names(index)).toEqual(['a', 'b']);
    expect(notified).toBe(1); // the stopped read's answer was dropped
    data.set('c', info('c'));
    await index.apply([set('c')]);
    expect(names(index)).toEqual(['a', 'b', 'c']);
    index.stop();
    await index.apply([set('d')]);
    expect(src.reads).toHaveLength(1); // stopped: events are ignored
  });

  it('builds a new view a slice at a time, reading changes only after it', async () => {
    const data = new Map<string, KeyInfo>();
    for (let i = 0; i < 25_000; i++) data.set(`k${String(i).padStart(5, '0')}`, info(`k${String(i).padStart(5, '0')}`, i % 2 ? 'hash' : 'string'));
    const src = manualSource(data);
    const slices: (() => void)[] = [];
    const index = new KeyIndex(0, src.source, { now: () => 0, frame: (fn) => queueMicrotask(fn), later: (fn) => slices.push(fn) });
    await index.reload();
    const view = index.setView({ type: 'hash', match: null, sortBy: 'name' });
    data.set('new', info('new', 'hash'));
    const applied = index.apply([set('new')]);
    expect(index.rows.size).toBe(25_000); // the old rows stay until the new ones are ready
    expect(src.reads).toHaveLength(0);
    while (slices.length > 0) slices.shift()!();
    await Promise.all([view, applied]);
    expect(index.rows.size).toBe(12_501);
    expect(index.rows.at(12_500)!.key).toBe('new');
  });
});
