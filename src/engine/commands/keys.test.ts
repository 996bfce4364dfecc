import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.js';
import { late } from '../late.js';
import { Engine, type ChangeEvent } from '../engine.js';
import { getExpireExact } from '../keyspace.js';
import { createString, duplicateObject } from '../objects.js';
import type { Reply } from '../../shared/reply.js';
import { parseScanCursor } from './keys.js';

/** A reply as plain data: numbers, strings, null, arrays; errors as { err }. */
function plain(r: Reply | null): unknown {
  if (r === null) return undefined;
  switch (r.t) {
    case 'simple':
    case 'bulk':
      return r.v;
    case 'int':
      return r.v;
    case 'error':
      return { err: r.v };
    case 'array':
    case 'set':
    case 'push':
      return r.v === null ? null : r.v.map(plain);
    default:
      return r;
  }
}

function setup(config: Record<string, string> = {}) {
  const clock = new VirtualClock();
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const e = new Engine({ clock, random, config, late });
  const c = e.createClient();
  const run = (...argv: string[]) => plain(e.execute(c, argv));
  const events: ChangeEvent[] = [];
  e.onChange((ev) => events.push(ev));
  return { clock, e, c, run, events };
}

/** Every key of a whole SCAN iteration. */
function scanAll(run: (...argv: string[]) => unknown, ...options: string[]): string[] {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = run('SCAN', cursor, ...options) as [string, string[]];
    out.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return out;
}

describe('DEL, UNLINK, EXISTS, TYPE, TOUCH, DBSIZE', () => {
  it('deletes, counts and names types', () => {
    const { run, events } = setup();
    run('MSET', 'a', '1', 'b', '2', 'c', '3');
    expect(run('EXISTS', 'a', 'a', 'b', 'zz')).toBe(3);
    expect(run('TYPE', 'a')).toBe('string');
    expect(run('TYPE', 'zz')).toBe('none');
    events.length = 0;
    expect(run('DEL', 'a', 'zz', 'a')).toBe(1);
    expect(run('UNLINK', 'b', 'c')).toBe(2);
    expect(events).toEqual([
      { db: 0, key: 'a', event: 'del' },
      { db: 0, key: 'b', event: 'del' },
      { db: 0, key: 'c', event: 'del' },
    ]);
    expect(run('DBSIZE')).toBe(0);
  });

  it('EXISTS and TYPE count hits and misses but leave the access time', () => {
    const { run, e, clock } = setup();
    run('SET', 'k', 'v');
    clock.advance(5000);
    const hits = e.stats.keyspaceHits;
    const misses = e.stats.keyspaceMisses;
    run('EXISTS', 'k', 'nope');
    run('TYPE', 'k');
    expect(e.stats.keyspaceHits - hits).toBe(2);
    expect(e.stats.keyspaceMisses - misses).toBe(1);
    expect(run('OBJECT', 'IDLETIME', 'k')).toBe(5);
    expect(run('TOUCH', 'k', 'nope', 'k')).toBe(2);
    expect(run('OBJECT', 'IDLETIME', 'k')).toBe(0);
  });

  it('DEL of a key that just expired reports the expiry, not a deletion', () => {
    const { run, events, clock, e } = setup();
    run('SET', 'k', 'v', 'PX', '100');
    clock.advance(101);
    events.length = 0;
    expect(run('DEL', 'k')).toBe(0);
    expect(events).toEqual([{ db: 0, key: 'k', event: 'expired' }]);
    expect(e.stats.expiredKeys).toBe(1);
  });
});

describe('KEYS', () => {
  it('matches patterns and hides expired keys without deleting them', () => {
    const { run, clock } = setup();
    run('MSET', 'one', '1', 'two', '2', 'three', '3', '', 'empty');
    run('SET', 'temp', 'x', 'PX', '10');
    expect((run('KEYS', '*') as string[]).sort()).toEqual(['', 'one', 'temp', 'three', 'two']);
    expect((run('KEYS', 't*') as string[]).sort()).toEqual(['temp', 'three', 'two']);
    expect(run('KEYS', '**')).not.toContain('');
    clock.advance(11);
    expect((run('KEYS', 't*') as string[]).sort()).toEqual(['three', 'two']);
    expect(run('DBSIZE')).toBe(5);
  });
});

describe('SCAN', () => {
  it('parses cursors with strtoul rules', () => {
    expect(parseScanCursor('0')).toBe(0);
    expect(parseScanCursor('')).toBe(0);
    expect(parseScanCursor('+7')).toBe(7);
    expect(parseScanCursor('007')).toBe(7);
    expect(parseScanCursor('-0')).toBe(0);
    expect(parseScanCursor('5\x00junk')).toBe(5);
    expect(parseScanCursor('18446744073709551615')).toBe(2 ** 64); // 18446744073709551615 as a double
    expect(parseScanCursor('-1')).toBe(2 ** 64); // 18446744073709551615 as a double
    expect(parseScanCursor('18446744073709551616')).toBeNull();
    expect(parseScanCursor(' 1')).toBeNull();
    expect(parseScanCursor('1 ')).toBeNull();
    expect(parseScanCursor('+')).toBeNull();
    expect(parseScanCursor('1.0')).toBeNull();
  });

  it('iterates everything, filtering by MATCH and TYPE, skipping expired keys', () => {
    const { run, clock, e } = setup();
    for (let i = 0; i < 300; i++) run('SET', `k${i}`, String(i));
    run('PEXPIRE', 'k7', '5');
    e.dbs[0]!.put('list', { type: 'list' } as never, 0);
    expect(scanAll(run).length).toBe(301);
    expect(scanAll(run, 'COUNT', '1').length).toBe(301);
    expect(scanAll(run, 'MATCH', 'k1?').sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k1${i}`));
    expect(scanAll(run, 'TYPE', 'LIST')).toEqual(['list']);
    expect(scanAll(run, 'TYPE', 'zset')).toEqual([]);
    clock.advance(6);
    expect(scanAll(run)).not.toContain('k7');
    expect(run('EXISTS', 'k7')).toBe(0);
  });

  it('answers errors', () => {
    const { run } = setup();
    expect(run('SCAN', 'x')).toEqual({ err: 'ERR invalid cursor' });
    expect(run('SCAN', '0', 'COUNT', '0')).toEqual({ err: 'ERR syntax error' });
    expect(run('SCAN', '0', 'COUNT', 'x')).toEqual({ err: 'ERR value is not an integer or out of range' });
    expect(run('SCAN', '0', 'MATCH')).toEqual({ err: 'ERR syntax error' });
  });

  it('returns every key present for the whole iteration, once, despite concurrent writes (property)', () => {
    type Op = { kind: 'add' | 'del'; n: number };
    const op = fc.record({ kind: fc.constantFrom<'add' | 'del'>('add', 'del'), n: fc.integer({ min: 0, max: 400 }) });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.array(op, { maxLength: 8 }), { maxLength: 60 }),
        (initial, count, batches: Op[][]) => {
          const { run } = setup();
          for (let i = 0; i < initial; i++) run('SET', `k${i}`, 'v');
          const present = new Set(Array.from({ length: initial }, (_, i) => `k${i}`));
          const touched = new Set<string>();
          const seen = new Map<string, number>();
          let cursor = '0';
          let step = 0;
          do {
            const [next, keys] = run('SCAN', cursor, 'COUNT', String(count)) as [string, string[]];
            for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
            cursor = next;
            // Between calls, other clients add and delete keys (new ones and initial ones).
            for (const { kind, n } of batches[step++ % Math.max(1, batches.length)] ?? []) {
              const key = `k${n}`;
              touched.add(key);
              if (kind === 'add') run('SET', key, 'v');
              else run('DEL', key);
            }
          } while (cursor !== '0');
          for (const key of present) {
            if (touched.has(key)) continue;
            expect(seen.get(key), key).toBe(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('RANDOMKEY', () => {
  it('returns keys, nil when empty, and deletes expired keys it draws', () => {
    const { run, clock, e } = setup();
    expect(run('RANDOMKEY')).toBeNull();
    run('SET', 'a', '1');
    expect(run('RANDOMKEY')).toBe('a');
    for (let i = 0; i < 20; i++) run('SET', `t${i}`, 'x', 'PX', '10');
    clock.advance(11);
    for (let i = 0; i < 5; i++) expect(run('RANDOMKEY')).toBe('a');
    run('DEL', 'a');
    expect(run('RANDOMKEY')).toBeNull();
    expect(e.dbs[0]!.size).toBe(0);
  });
});

describe('RENAME, RENAMENX', () => {
  it('moves the value and the TTL and emits rename events', () => {
    const { run, events, e } = setup();
    run('SET', 'a', 'v');
    run('PEXPIREAT', 'a', '9223372036854775807');
    run('SET', 'b', 'old');
    events.length = 0;
    expect(run('RENAME', 'a', 'b')).toBe('OK');
    expect(events.map((x) => x.event)).toEqual(['rename_from', 'rename_to']);
    expect(run('GET', 'b')).toBe('v');
    expect(run('PEXPIRETIME', 'b')).toBe(9223372036854775807n);
    expect(getExpireExact(e.dbs[0]!, 'b')).toBe(9223372036854775807n);
    expect(run('EXISTS', 'a')).toBe(0);
    expect(run('RENAME', 'a', 'c')).toEqual({ err: 'ERR no such key' });
    expect(run('RENAME', 'b', 'b')).toBe('OK');
    expect(run('RENAMENX', 'b', 'b')).toBe(0);
    run('SET', 'c', 'x');
    expect(run('RENAMENX', 'b', 'c')).toBe(0);
    expect(run('RENAMENX', 'b', 'd')).toBe(1);
  });

  it('keeps SCAN slots consistent across renames', () => {
    const { run } = setup();
    for (let i = 0; i < 50; i++) run('SET', `k${i}`, 'v');
    for (let i = 0; i < 50; i += 2) run('RENAME', `k${i}`, `r${i}`);
    run('RENAME', 'k1', 'k3');
    const all = scanAll(run, 'COUNT', '3');
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(49);
    expect(all.sort()).toEqual((run('KEYS', '*') as string[]).sort());
  });
});

describe('COPY, MOVE', () => {
  it('copies deeply, with the TTL, to any database', () => {
    const { run, c, e, events } = setup();
    run('SET', 'a', 'hello');
    run('EXPIRE', 'a', '100');
    events.length = 0;
    expect(run('COPY', 'a', 'b')).toBe(1);
    expect(events).toEqual([{ db: 0, key: 'b', event: 'copy_to' }]);
    expect(run('TTL', 'b')).toBe(100);
    run('APPEND', 'a', '!');
    expect(run('GET', 'b')).toBe('hello');
    expect(run('COPY', 'a', 'b')).toBe(0);
    expect(run('COPY', 'a', 'b', 'REPLACE')).toBe(1);
    expect(run('GET', 'b')).toBe('hello!');
    expect(run('COPY', 'a', 'a')).toEqual({ err: 'ERR source and destination objects are the same' });
    expect(run('COPY', 'a', 'a', 'DB', '3')).toBe(1);
    expect(e.dbs[3]!.peek('a')).not.toBe(e.dbs[0]!.peek('a'));
    c.db = e.dbs[3]!;
    expect(run('GET', 'a')).toBe('hello!');
    expect(run('TTL', 'a')).toBe(100);
  });

  it('moves with the TTL and events in both databases', () => {
    const { run, c, e, events } = setup();
    run('SET', 'k', 'v', 'EX', '50');
    events.length = 0;
    expect(run('MOVE', 'k', '2')).toBe(1);
    expect(events).toEqual([
      { db: 0, key: 'k', event: 'move_from' },
      { db: 2, key: 'k', event: 'move_to' },
    ]);
    expect(run('EXISTS', 'k')).toBe(0);
    expect(e.dbs[0]!.expires.size).toBe(0);
    run('SET', 'k', 'other');
    expect(run('MOVE', 'k', '2')).toBe(0);
    expect(run('MOVE', 'k', '0')).toEqual({ err: 'ERR source and destination objects are the same' });
    expect(run('MOVE', 'k', '16')).toEqual({ err: 'ERR DB index is out of range' });
    c.db = e.dbs[2]!;
    expect(run('GET', 'k')).toBe('v');
    expect(run('TTL', 'k')).toBe(50);
  });
});

describe('OBJECT', () => {
  it('reports idle time from the virtual clock', () => {
    const { run, clock } = setup();
    run('SET', 'k', 'v');
    clock.advance(12_345);
    expect(run('OBJECT', 'IDLETIME', 'k')).toBe(12);
    run('GET', 'k');
    expect(run('OBJECT', 'IDLETIME', 'k')).toBe(0);
    expect(run('OBJECT', 'FREQ', 'k')).toEqual({
      err: 'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
    });
  });

  it('tracks frequency, not idle time, under an LFU policy', () => {
    const { run, clock } = setup({ 'maxmemory-policy': 'allkeys-lfu' });
    run('SET', 'k', 'v');
    expect(run('OBJECT', 'FREQ', 'k')).toBe(5);
    clock.advance(3 * 60_000);
    expect(run('OBJECT', 'FREQ', 'k')).toBe(2);
    expect(run('OBJECT', 'IDLETIME', 'k')).toEqual({
      err: 'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
    });
  });

  it('shares small integers unless an LRU/LFU policy with maxmemory forbids it', () => {
    const a = setup();
    a.run('SET', 'k', '42');
    expect(a.run('OBJECT', 'REFCOUNT', 'k')).toBe(2147483647);
    a.run('COPY', 'k', 'c');
    expect(a.run('OBJECT', 'REFCOUNT', 'c')).toBe(1);
    a.run('SET', 'big', '10000');
    expect(a.run('OBJECT', 'REFCOUNT', 'big')).toBe(1);
    const b = setup({ maxmemory: '1000000', 'maxmemory-policy': 'allkeys-lru' });
    b.run('SET', 'k', '42');
    expect(b.run('OBJECT', 'REFCOUNT', 'k')).toBe(1);
    expect(b.run('OBJECT', 'ENCODING', 'k')).toBe('int');
  });

  it('prints the help', () => {
    const { run } = setup();
    const help = run('object', 'help') as string[];
    expect(help[0]).toBe('OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
    expect(help.length).toBe(15);
    expect(help.slice(-2)).toEqual(['HELP', '    Prints this help.']);
  });
});

describe('FLUSHDB, FLUSHALL, SWAPDB', () => {
  it('flushes and breaks WATCH on flushed keys', () => {
    const { run, e, c } = setup();
    const other = e.createClient();
    run('SET', 'w', '1');
    e.watch(other, e.dbs[0]!, 'w');
    e.watch(other, e.dbs[0]!, 'absent');
    expect(run('FLUSHDB', 'ASYNC')).toBe('OK');
    expect(other.dirtyCas).toBe(true);
    c.db = e.dbs[5]!;
    run('SET', 'x', '1');
    c.db = e.dbs[0]!;
    run('SET', 'y', '1');
    expect(run('FLUSHALL', 'foo')).toEqual({ err: 'ERR syntax error' });
    expect(run('FLUSHALL')).toBe('OK');
    expect(e.dbs.every((db) => db.size === 0)).toBe(true);
  });

  it('swaps databases under every client and keeps ids in step', () => {
    const { run, e, c } = setup();
    const other = e.createClient();
    other.db = e.dbs[1]!;
    const db0 = e.dbs[0]!;
    const db1 = e.dbs[1]!;
    run('SET', 'in0', 'zero');
    e.execute(other, ['SET', 'in1', 'one']);
    e.watch(other, db1, 'in1');
    expect(run('SWAPDB', '0', '1')).toBe('OK');
    expect(e.dbs[0]).toBe(db1);
    expect(e.dbs[1]).toBe(db0);
    expect(db1.id).toBe(0);
    expect(db0.id).toBe(1);
    expect(c.db).toBe(db1);
    expect(other.db).toBe(db0);
    expect(run('GET', 'in1')).toBe('one');
    expect(plainGet(e, other, 'in0')).toBe('zero');
    expect(other.dirtyCas).toBe(true);
    expect([...other.watched.values()][0]!.db).toBe(e.dbs[1]);
    expect(run('SWAPDB', 'x', '0')).toEqual({ err: 'ERR invalid first DB index' });
    expect(run('SWAPDB', '0', 'x')).toEqual({ err: 'ERR invalid second DB index' });
    expect(run('SWAPDB', '0', '16')).toEqual({ err: 'ERR DB index is out of range' });
    expect(run('SWAPDB', '3', '3')).toBe('OK');
  });
});

function plainGet(e: Engine, c: ReturnType<Engine['createClient']>, key: string): unknown {
  return plain(e.execute(c, ['GET', key]));
}

describe('duplicateObject', () => {
  it('keeps type, value and encoding', () => {
    const s = createString('123', 'raw');
    const d = duplicateObject(s);
    expect(d).not.toBe(s);
    expect(d).toMatchObject({ type: 'string', value: '123', enc: 'raw' });
  });
});
