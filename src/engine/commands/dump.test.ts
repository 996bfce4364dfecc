import { beforeEach, describe, expect, it } from 'vitest';
import { CommandBench, T0 } from './test-support.js';

// What the differential tests (test/diff/dump.test.ts) cannot see from outside: the change
// events, WATCH, the count of changes and the virtual clock.
const t = new CommandBench(2);
const { r } = t;

beforeEach(() => t.reset());

/** DUMP's payload of `key`, as a byte string. */
function dumped(key: string): string {
  const reply = t.run('DUMP', key);
  if (reply?.t !== 'bulk' || reply.v === null) throw new Error(`no payload for ${key}`);
  return reply.v;
}

describe('DUMP and RESTORE', () => {
  it('a RESTORE is one change: an event, a broken WATCH and one change counted, REPLACE included', () => {
    r('RPUSH', 'l', 'a', 'b');
    const payload = dumped('l');
    t.rAs(t.c2, 'WATCH', 'copy');
    t.events.length = 0;
    const before = t.e.changesSinceLastSave;
    expect(r('RESTORE', 'copy', '0', payload)).toBe('OK');
    expect(r('RESTORE', 'copy', '0', payload, 'REPLACE')).toBe('OK');
    expect(t.e.changesSinceLastSave - before).toBe(2);
    expect(t.events).toEqual(['restore:copy', 'restore:copy']);
    t.rAs(t.c2, 'MULTI');
    t.rAs(t.c2, 'PING');
    expect(t.rAs(t.c2, 'EXEC')).toBe('nil[]'); // aborted: the watched key changed
    expect(r('LRANGE', 'copy', '0', '-1')).toBe('["a","b"]');
  });

  it('a TTL counts from the engine clock; one already past deletes the key it replaces', () => {
    r('SET', 'k', 'v');
    const payload = dumped('k');
    expect(r('RESTORE', 'ttl', '5000', payload)).toBe('OK');
    expect(r('PTTL', 'ttl')).toBe(':5000');
    t.clock.advance(5001);
    expect(r('EXISTS', 'ttl')).toBe(':0');
    t.events.length = 0;
    const past = String(t.clock.now() - 1);
    expect(r('RESTORE', 'k', past, payload, 'ABSTTL', 'REPLACE')).toBe('OK');
    expect(r('EXISTS', 'k')).toBe(':0');
    expect(t.events).toEqual(['del:k']);
  });

  it('IDLETIME sets the key back in the LRU clock', () => {
    r('SET', 'k', 'v');
    expect(r('RESTORE', 'idle', '0', dumped('k'), 'IDLETIME', '120')).toBe('OK');
    expect(r('OBJECT', 'IDLETIME', 'idle')).toBe(':120');
    t.clock.advance(10_000);
    expect(r('OBJECT', 'IDLETIME', 'idle')).toBe(':130');
  });

  it('FREQ sets the LFU counter under an LFU policy; it decays a unit per idle minute', () => {
    r('SET', 'k', 'v');
    const payload = dumped('k');
    r('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    expect(r('RESTORE', 'f', '0', payload, 'FREQ', '100')).toBe('OK');
    expect(r('OBJECT', 'FREQ', 'f')).toBe(':100');
    t.clock.advance(3 * 60_000);
    expect(r('OBJECT', 'FREQ', 'f')).toBe(':97');
    r('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
  });

  it('propagates a relative TTL as the time it ends (ABSTTL), and an expired RESTORE that replaced a key as DEL', () => {
    const ops: string[] = [];
    t.e.propagation.feeds.add({ feed: (op) => ops.push(op.argv.map((a, i) => (op.argv[0] === 'RESTORE' && i === 3 ? '<payload>' : a)).join(' ')) });
    r('SET', 'k', 'v');
    const payload = dumped('k');
    r('RESTORE', 'ttl', '5000', payload);
    r('RESTORE', 'abs', String(T0 + 9000), payload, 'ABSTTL');
    r('RESTORE', 'k', '1', payload, 'ABSTTL', 'REPLACE');
    r('RESTORE', 'none', '1', payload, 'ABSTTL');
    expect(ops).toEqual(['SET k v', `RESTORE ttl ${T0 + 5000} <payload> ABSTTL`, `RESTORE abs ${T0 + 9000} <payload> ABSTTL`, 'DEL k']);
  });
});
