import { late } from '../engine/late.js';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { inspectKey } from './inspect.js';

function setup() {
  const clock = new VirtualClock();
  const engine = new Engine({ clock, late });
  const c = engine.createClient();
  const run = (...argv: string[]) => engine.execute(c, argv);
  const look = (key: string, offset = 0, count = 100) =>
    inspectKey(engine.dbs[0]!, key, clock.now(), offset, count, Infinity, (k, obj) => late.keyMemory(engine, k, obj));
  return { engine, clock, run, look };
}

describe('inspectKey', () => {
  it('describes each type with its encoding, size, TTL and a page of its value', () => {
    const { run, look } = setup();
    run('SET greeting', 'x'); // a key with a space in its name
    run('SET', 'n', '42');
    run('SET', 'ko', '\xec\x95\x88', 'EX', '100');
    run('RPUSH', 'queue', 'a', 'b', 'c', 'd');
    run('HSET', 'user:1', 'name', 'alice', 'age', '30');
    run('SADD', 'ids', '10', '2', '33');
    run('ZADD', 'board', '5', 'bob', '1.5', 'alice');
    expect(look('n')).toEqual({
      key: 'n',
      type: 'string',
      encoding: 'int',
      ttl: -1,
      size: 2,
      memory: 48,
      value: { kind: 'string', offset: 0, bytes: '42', length: 2 },
    });
    expect(look('ko')).toMatchObject({ encoding: 'embstr', ttl: 100_000, size: 3, value: { bytes: '\xec\x95\x88' } });
    expect(look('queue', 1, 2)).toMatchObject({ type: 'list', encoding: 'quicklist', size: 4, value: { kind: 'list', offset: 1, items: ['b', 'c'] } });
    expect(look('user:1')).toMatchObject({
      encoding: 'listpack',
      size: 2,
      value: {
        entries: [
          ['name', 'alice'],
          ['age', '30'],
        ],
      },
    });
    expect(look('ids')).toMatchObject({ encoding: 'intset', value: { members: ['2', '10', '33'] } });
    expect(look('board')).toMatchObject({
      encoding: 'listpack',
      size: 2,
      value: {
        entries: [
          ['alice', 1.5],
          ['bob', 5],
        ],
      },
    });
  });

  it('gives a geo set its members’ longitude and latitude, as GEOPOS decodes them (the inspector’s map)', () => {
    const { run, look } = setup();
    run('GEOADD', 'capitals', '15.9819', '45.8150', 'Zagreb', '139.6917', '35.6895', 'Tokyo');
    const value = look('capitals')!.value;
    if (value.kind !== 'zset') throw new Error(`a zset page, not ${value.kind}`);
    // By score (the geohash): Zagreb's comes first.
    const geopos = run('GEOPOS', 'capitals', 'Zagreb', 'Tokyo');
    const want =
      geopos?.t === 'array'
        ? geopos.v!.map((p) => (p.t === 'array' ? p.v!.map((c) => (c.t === 'bulk' ? Number(c.v) : c.t === 'double' ? c.v : NaN)) : []))
        : [];
    expect(value.entries.map(([m]) => m)).toEqual(['Zagreb', 'Tokyo']);
    expect(want).toHaveLength(2);
    value.points.forEach(([lon, lat], i) => {
      expect(lon).toBeCloseTo(want[i]![0]!, 12);
      expect(lat).toBeCloseTo(want[i]![1]!, 12);
    });
  });

  it('shows a HyperLogLog as its estimate and a stream as entries with its groups', () => {
    const { run, look } = setup();
    const members = Array.from({ length: 1000 }, (_, i) => String(i));
    run('PFADD', 'visitors', ...members);
    expect(look('visitors')!.value).toEqual({ kind: 'hll', cardinality: 1001, encoding: 'sparse', length: 1923 });
    run('XADD', 'events', '1-1', 'type', 'login', 'user', 'alice');
    run('XADD', 'events', '2-0', 'type', 'logout');
    run('XGROUP', 'CREATE', 'events', 'workers', '0');
    run('XREADGROUP', 'GROUP', 'workers', 'w1', 'COUNT', '1', 'STREAMS', 'events', '>');
    expect(look('events')).toMatchObject({
      type: 'stream',
      encoding: 'stream',
      size: 2,
      value: {
        kind: 'stream',
        entries: [
          ['1-1', ['type', 'login', 'user', 'alice']],
          ['2-0', ['type', 'logout']],
        ],
        lastId: '2-0',
        groups: [{ name: 'workers', lastDelivered: '1-1', pending: 1, consumers: [{ name: 'w1', pending: 1 }] }],
      },
    });
    expect(look('events', 1, 5)!.value).toMatchObject({ entries: [['2-0', ['type', 'logout']]] });
  });

  it('gives each key its MEMORY USAGE', () => {
    const { run, look } = setup();
    run('SET', 'k', 'v');
    run('HSET', 'h', 'a', '1', 'b', '2');
    run('ZADD', 'z', ...Array.from({ length: 200 }, (_, i) => [String(i), `m${i}`]).flat());
    for (const key of ['k', 'h', 'z']) expect(look(key)!.memory).toBe(Number(run('MEMORY', 'USAGE', key)!.v));
    expect(look('k')!.memory).toBe(64);
  });

  it('is null for a missing key and for one whose TTL passed, and changes nothing', () => {
    const { run, look, clock, engine } = setup();
    run('SET', 'tmp', 'v', 'PX', '10');
    clock.advance(11);
    expect(look('nope')).toBeNull();
    expect(look('tmp')).toBeNull();
    // Not deleted by looking (no lazy expiry), and no keyspace statistics moved.
    expect(engine.dbs[0]!.dict.has('tmp')).toBe(true);
    expect(engine.stats.keyspaceHits + engine.stats.keyspaceMisses).toBe(0);
  });
});
