// Unit tests for streams: node layout, RDB round trip, XREAD BLOCK served by XADD and timing out
// on a virtual clock. The byte-for-byte comparisons with Redis are in test/diff/streams.test.ts.

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.js';
import { Engine } from '../engine.js';
import { loadSnapshot, snapshot } from '../persistence.js';
import type { Reply } from '../../shared/reply.js';

function setup() {
  const clock = new VirtualClock(1_700_000_000_000);
  const e = new Engine({ clock });
  const c = e.createClient();
  const run = (...argv: string[]): Reply | null => e.execute(c, argv);
  return { e, c, clock, run };
}

describe('streams', () => {
  it('auto IDs follow the clock and never go back', () => {
    const { run, clock } = setup();
    expect(run('XADD', 's', '*', 'f', 'v')).toEqual({ t: 'bulk', v: '1700000000000-0' });
    expect(run('XADD', 's', '*', 'f', 'v')).toEqual({ t: 'bulk', v: '1700000000000-1' });
    clock.advance(5);
    expect(run('XADD', 's', '*', 'f', 'v')).toEqual({ t: 'bulk', v: '1700000000005-0' });
    run('XADD', 's', '1800000000000-0', 'f', 'v');
    expect(run('XADD', 's', '*', 'f', 'v')).toEqual({ t: 'bulk', v: '1800000000000-1' });
  });

  it('cuts nodes at 100 entries and ~ removes whole nodes only', () => {
    const { run } = setup();
    for (let i = 1; i <= 250; i++) run('XADD', 's', `${i}-0`, 'f', 'v');
    expect(run('XTRIM', 's', 'MAXLEN', '~', '120')).toEqual({ t: 'int', v: 100 });
    expect(run('XTRIM', 's', 'MAXLEN', '~', '120')).toEqual({ t: 'int', v: 0 });
    expect(run('XTRIM', 's', 'MAXLEN', '120')).toEqual({ t: 'int', v: 30 });
    expect(run('XLEN', 's')).toEqual({ t: 'int', v: 120 });
  });

  it('survives SAVE and reload with groups and pending entries', () => {
    const { e, run } = setup();
    for (let i = 1; i <= 150; i++) run('XADD', 's', `${i}-0`, 'f', String(i));
    run('XDEL', 's', '3-0');
    run('XGROUP', 'CREATE', 's', 'g', '0');
    run('XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '2', 'STREAMS', 's', '>');
    const before = [run('XINFO', 'STREAM', 's', 'FULL'), run('XPENDING', 's', 'g', '-', '+', '10')];
    const bytes = snapshot(e);
    run('FLUSHALL');
    loadSnapshot(e, bytes);
    expect([run('XINFO', 'STREAM', 's', 'FULL'), run('XPENDING', 's', 'g', '-', '+', '10')]).toEqual(before);
  });

  it('XREAD BLOCK is served by XADD, and times out on the engine clock', () => {
    const { e, c, clock, run } = setup();
    const got: Reply[] = [];
    c.deliver = (r: Reply) => void got.push(r);
    expect(run('XREAD', 'BLOCK', '100', 'STREAMS', 's', '$')).toBeNull();
    const other = e.createClient();
    e.execute(other, ['XADD', 's', '1-0', 'f', 'v']);
    expect(got).toHaveLength(1);
    expect(got[0]!.t).toBe('array');
    expect(run('XREAD', 'BLOCK', '100', 'STREAMS', 's', '$')).toBeNull();
    clock.advance(101);
    e.handleBlockedTimeouts();
    expect(got[1]).toEqual({ t: 'array', v: null });
  });
});
