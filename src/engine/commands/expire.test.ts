import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.js';
import { Engine, type ChangeEvent } from '../engine.js';
import { getExpireExact, setExpire } from '../keyspace.js';
import type { Reply } from '../../shared/reply.js';

function plain(r: Reply | null): unknown {
  if (r === null) return undefined;
  if (r.t === 'error') return { err: r.v };
  if (r.t === 'array') return r.v === null ? null : r.v.map(plain);
  return r.v;
}

const START = 1_700_000_000_000;

function setup() {
  const clock = new VirtualClock(START);
  const e = new Engine({ clock });
  const c = e.createClient();
  const run = (...argv: string[]) => plain(e.execute(c, argv));
  const events: ChangeEvent[] = [];
  e.onChange((ev) => events.push(ev));
  return { clock, e, c, run, events };
}

describe('EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT', () => {
  it('sets relative and absolute times and emits expire events', () => {
    const { run, events } = setup();
    run('SET', 'k', 'v');
    events.length = 0;
    expect(run('EXPIRE', 'k', '10')).toBe(1);
    expect(run('PEXPIRETIME', 'k')).toBe(START + 10_000);
    expect(run('PEXPIRE', 'k', '1500')).toBe(1);
    expect(run('PEXPIRETIME', 'k')).toBe(START + 1500);
    expect(run('EXPIREAT', 'k', '2000000000')).toBe(1);
    expect(run('EXPIRETIME', 'k')).toBe(2_000_000_000);
    expect(run('PEXPIREAT', 'k', '2000000000123')).toBe(1);
    expect(run('PEXPIRETIME', 'k')).toBe(2_000_000_000_123);
    expect(events.map((x) => x.event)).toEqual(['expire', 'expire', 'expire', 'expire']);
    expect(run('EXPIRE', 'missing', '10')).toBe(0);
  });

  it('deletes the key with a del event when the time is not in the future', () => {
    const { run, events, e } = setup();
    run('MSET', 'a', '1', 'b', '2', 'c', '3');
    events.length = 0;
    expect(run('EXPIRE', 'a', '0')).toBe(1);
    expect(run('PEXPIREAT', 'b', String(START))).toBe(1);
    expect(run('EXPIRE', 'c', '-9223372036854775')).toBe(1);
    expect(events).toEqual([
      { db: 0, key: 'a', event: 'del' },
      { db: 0, key: 'b', event: 'del' },
      { db: 0, key: 'c', event: 'del' },
    ]);
    expect(run('DBSIZE')).toBe(0);
    expect(e.stats.expiredKeys).toBe(0);
  });

  it('applies NX XX GT LT, treating a key without TTL as infinite', () => {
    const { run } = setup();
    run('SET', 'k', 'v');
    expect(run('EXPIRE', 'k', '100', 'XX')).toBe(0);
    expect(run('EXPIRE', 'k', '100', 'GT')).toBe(0);
    expect(run('EXPIRE', 'k', '100', 'LT')).toBe(1);
    expect(run('EXPIRE', 'k', '200', 'NX')).toBe(0);
    expect(run('EXPIRE', 'k', '200', 'LT')).toBe(0);
    expect(run('EXPIRE', 'k', '100', 'GT')).toBe(0);
    expect(run('EXPIRE', 'k', '101', 'gt')).toBe(1);
    expect(run('EXPIRE', 'k', '50', 'XX', 'LT')).toBe(1);
    expect(run('TTL', 'k')).toBe(50);
    expect(run('EXPIRE', 'k', '10', 'NX', 'XX')).toEqual({
      err: 'ERR NX and XX, GT or LT options at the same time are not compatible',
    });
    expect(run('EXPIRE', 'k', '10', 'GT', 'LT')).toEqual({
      err: 'ERR GT and LT options at the same time are not compatible',
    });
    expect(run('EXPIRE', 'k', '10', 'SOON')).toEqual({ err: 'ERR Unsupported option SOON' });
  });

  it('checks int64 overflow exactly', () => {
    const { run } = setup();
    run('SET', 'k', 'v');
    expect(run('EXPIRE', 'k', '9223372036854775')).toEqual({ err: "ERR invalid expire time in 'expire' command" });
    expect(run('EXPIREAT', 'k', '9223372036854776')).toEqual({ err: "ERR invalid expire time in 'expireat' command" });
    expect(run('PEXPIRE', 'k', String(9223372036854775807n - BigInt(START)))).toBe(1);
    expect(run('PEXPIRETIME', 'k')).toBe(9223372036854775807n);
    expect(run('PEXPIRE', 'k', String(9223372036854775807n - BigInt(START) + 1n))).toEqual({
      err: "ERR invalid expire time in 'pexpire' command",
    });
    expect(run('EXPIREAT', 'k', '9223372036854775')).toBe(1);
    expect(run('PEXPIRETIME', 'k')).toBe(9223372036854775000n);
    expect(run('EXPIRETIME', 'k')).toBe(9223372036854775n);
    expect(run('EXPIRE', 'k', 'ten')).toEqual({ err: 'ERR value is not an integer or out of range' });
  });
});

describe('TTL, PTTL, EXPIRETIME, PEXPIRETIME', () => {
  it('counts down with the clock and rounds TTL to the nearest second', () => {
    const { run, clock } = setup();
    expect(run('TTL', 'k')).toBe(-2);
    run('SET', 'k', 'v');
    expect(run('PTTL', 'k')).toBe(-1);
    expect(run('EXPIRETIME', 'k')).toBe(-1);
    run('EXPIRE', 'k', '10');
    expect(run('TTL', 'k')).toBe(10);
    clock.advance(400);
    expect(run('PTTL', 'k')).toBe(9600);
    expect(run('TTL', 'k')).toBe(10);
    clock.advance(200);
    expect(run('TTL', 'k')).toBe(9);
    expect(run('EXPIRETIME', 'k')).toBe(Math.floor((START + 10_000 + 500) / 1000));
    clock.advance(9400);
    // The last millisecond: still there, with nothing left.
    expect(run('PTTL', 'k')).toBe(0);
    expect(run('TTL', 'k')).toBe(0);
    clock.advance(1);
    expect(run('PTTL', 'k')).toBe(-2);
  });
});

describe('PERSIST', () => {
  it('removes a TTL with a persist event', () => {
    const { run, events } = setup();
    expect(run('PERSIST', 'k')).toBe(0);
    run('SET', 'k', 'v');
    expect(run('PERSIST', 'k')).toBe(0);
    run('EXPIRE', 'k', '10');
    events.length = 0;
    expect(run('PERSIST', 'k')).toBe(1);
    expect(events).toEqual([{ db: 0, key: 'k', event: 'persist' }]);
    expect(run('TTL', 'k')).toBe(-1);
  });
});

describe('expiry', () => {
  it('is lazy on access, with an expired event', () => {
    const { run, clock, events, e } = setup();
    run('SET', 'k', 'v', 'PX', '100');
    clock.advance(100);
    expect(run('GET', 'k')).toBe('v');
    clock.advance(1);
    expect(e.dbs[0]!.size).toBe(1);
    events.length = 0;
    expect(run('GET', 'k')).toBeNull();
    expect(events).toEqual([{ db: 0, key: 'k', event: 'expired' }]);
    expect(e.dbs[0]!.size).toBe(0);
    expect(e.stats.expiredKeys).toBe(1);
  });

  it('is active through activeExpireCycle', () => {
    const { run, clock, e } = setup();
    for (let i = 0; i < 500; i++) run('SET', `k${i}`, 'v', 'PX', String(i % 2 === 0 ? 100 : 100_000));
    run('SET', 'forever', 'v');
    clock.advance(101);
    let deleted = 0;
    for (let i = 0; i < 10; i++) deleted += e.activeExpireCycle();
    expect(deleted).toBe(250);
    expect(run('DBSIZE')).toBe(251);
    expect(e.stats.expiredKeys).toBe(250);
  });

  it('keeps exact int64 expiry times past 2^53, and ignores a stale exact entry', () => {
    const { run, e } = setup();
    run('SET', 'k', 'v');
    run('PEXPIREAT', 'k', '9007199254740993');
    expect(run('PEXPIRETIME', 'k')).toBe(9007199254740993n);
    const db = e.dbs[0]!;
    // Some other writer replaces the TTL as a plain number: the old exact value must not show.
    db.expires.set('k', 9007199254740996);
    expect(getExpireExact(db, 'k')).toBe(9007199254740996n);
    setExpire(db, 'k', 4102444800000);
    expect(run('PEXPIRETIME', 'k')).toBe(4102444800000);
    run('PEXPIREAT', 'k', '9223372036854775807');
    run('PERSIST', 'k');
    expect(db.bigExpires.size).toBe(0);
  });
});
