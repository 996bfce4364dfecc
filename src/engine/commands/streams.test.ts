// Unit tests for streams: node layout, RDB round trip, XREAD BLOCK served by XADD and timing out
// on a virtual clock. The byte-for-byte comparisons with Redis are in test/diff/streams.test.ts.

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.js';
import { Engine } from '../engine.js';
import { loadSnapshot, snapshot } from '../persistence.js';
import { replayAof } from '../aof-replay.js';
import { datasetCommands } from '../aof-rewrite.js';
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

  it('an approximate trim propagates as exact, and the AOF’s LIMIT with = is obeyed as written', () => {
    const { e, run } = setup();
    const lines: string[][] = [];
    e.propagation.feeds.add({ forReplicas: false, feed: (op) => void lines.push([...op.argv]) });
    run('CONFIG', 'SET', 'stream-node-max-entries', '10');
    for (let i = 1; i <= 100; i++) run('XADD', 's', `${i}-0`, 'f', 'v');
    expect(run('XADD', 's', 'MAXLEN', '~', '55', 'LIMIT', '30', '101-0', 'f', 'v')).toEqual({ t: 'bulk', v: '101-0' });
    expect(run('XLEN', 's')).toEqual({ t: 'int', v: 71 });
    expect(lines.at(-1)).toEqual(['XADD', 's', 'MAXLEN', '=', '71', 'LIMIT', '30', '101-0', 'f', 'v']);
    // A client may not give LIMIT without ~; the AOF (and a master) may, and its limit is ignored.
    expect(run('XTRIM', 's', 'MAXLEN', '=', '10', 'LIMIT', '5')).toEqual({
      t: 'error',
      v: 'ERR syntax error, LIMIT cannot be used without the special ~ option',
    });
    const replayed = new Engine({ clock: new VirtualClock(1_700_000_000_000) });
    const text = lines.map((argv) => `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('')).join('');
    replayed.config.set('stream-node-max-entries', '1');
    expect(replayAof(replayed, text)).toBeNull();
    expect(replayed.execute(replayed.createClient(), ['XLEN', 's'])).toEqual({ t: 'int', v: 71 });
  });

  it('an AOF rewrite keeps streams without entries: one never written (last ID 0-0) and one emptied', () => {
    const { e, run } = setup();
    run('XGROUP', 'CREATE', 'empty', 'g', '$', 'MKSTREAM');
    run('XADD', 'emptied', '5-1', 'a', 'b');
    run('XDEL', 'emptied', '5-1');
    // Their commands (XGROUP CREATE names the key second).
    const lines = [...datasetCommands(e)].filter((argv) => ['empty', 'emptied'].some((k) => argv[1] === k || argv[2] === k));
    expect(lines.slice(0, 2)).toEqual([
      ['XADD', 'empty', 'MAXLEN', '0', '0-1', 'x', 'y'],
      ['XSETID', 'empty', '0-0', 'ENTRIESADDED', '0', 'MAXDELETEDID', '0-0'],
    ]);
    const replayed = new Engine({ clock: new VirtualClock(1_700_000_000_000) });
    const text = lines.map((argv) => `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('')).join('');
    expect(replayAof(replayed, text)).toBeNull();
    const c = replayed.createClient();
    const info = (key: string) => replayed.execute(c, ['XINFO', 'STREAM', key]);
    expect(info('empty')).toEqual(e.execute(e.createClient(), ['XINFO', 'STREAM', 'empty']));
    expect(info('emptied')).toEqual(e.execute(e.createClient(), ['XINFO', 'STREAM', 'emptied']));
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
