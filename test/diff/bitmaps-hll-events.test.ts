// Keyspace notifications of the HYPERLOGLOG and BITMAP groups against the real server: the
// same commands on both sides while a listener collects every __keyspace@*/__keyevent@* message.
import { afterEach, describe, expect, it } from 'vitest';
import { show, useDiff } from './harness.js';
import { readUntil, same } from './pubsub-support.js';

describe('HyperLogLog and bitmap keyspace events', () => {
  const d = useDiff();

  afterEach(async () => {
    await d.pair.real.send(['CONFIG', 'SET', 'notify-keyspace-events', '']);
  });

  async function events(commands: string[][]): Promise<string[]> {
    const [listener] = await d.clients(1);
    const l = listener;
    await same(l, ['PSUBSCRIBE', '__key*__:*'], 1);
    await same(l, ['SUBSCRIBE', 'end'], 1);
    await same(d.pair, ['CONFIG', 'SET', 'notify-keyspace-events', 'KEAn']);
    for (const argv of commands) await same(d.pair, argv);
    await same(d.pair, ['PUBLISH', 'end', 'END-OF-EVENTS']);
    const real = await readUntil(l.real, 'END-OF-EVENTS');
    const ours = await readUntil(l.ours, 'END-OF-EVENTS');
    expect(ours.map(show)).toEqual(real.map(show));
    return ours;
  }

  it('PFADD, PFCOUNT, PFMERGE, PFDEBUG', async () => {
    const got = await events([
      ['PFADD', 'h', 'a', 'b'],
      ['PFADD', 'h', 'a'],
      ['PFADD', 'h'],
      ['PFCOUNT', 'h'],
      ['PFCOUNT', 'h', 'missing'],
      ['PFMERGE', 'm', 'h'],
      ['PFMERGE', 'm'],
      ['PFDEBUG', 'TODENSE', 'm'],
      ['PFADD', 'e'],
    ]);
    expect(got.length).toBeGreaterThan(4);
  });

  it('SETBIT, BITOP, BITFIELD', async () => {
    const got = await events([
      ['SETBIT', 'b', '3', '1'],
      ['SETBIT', 'b', '3', '1'],
      ['SETBIT', 'b', '30', '0'],
      ['SETBIT', 'b', '3', '0'],
      ['BITOP', 'NOT', 'd', 'b'],
      ['BITOP', 'AND', 'd', 'missing'],
      ['BITOP', 'AND', 'd', 'missing'],
      ['BITFIELD', 'f', 'SET', 'u8', '0', '0'],
      ['BITFIELD', 'f', 'SET', 'u8', '0', '0'],
      ['BITFIELD', 'f', 'INCRBY', 'u8', '0', '1', 'INCRBY', 'u8', '8', '0'],
      ['BITFIELD', 'g', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '9'],
      ['BITFIELD', 'f', 'GET', 'u8', '0'],
    ]);
    expect(got.length).toBeGreaterThan(4);
  });
});
