import { beforeEach, describe, expect, it } from 'vitest';
import { CommandBench } from './test-support.js';

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
});
