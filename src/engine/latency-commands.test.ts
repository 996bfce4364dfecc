import { describe, expect, it } from 'vitest';
import { Engine } from './engine.js';
import { late } from './late.js';
import { renderReply } from './render-reply.js';
import { VirtualClock } from './clock.js';
import { latencySample } from './latency.js';

const T0 = 1_700_000_000_000;

/** An engine whose commands take the time `spend` says (a monotonic clock of our own). */
function setup() {
  const clock = new VirtualClock(T0);
  let mono = 0;
  const e = new Engine({ late, clock, monotonic: () => mono });
  const c = e.createClient();
  const r = (...argv: string[]) => renderReply(e.execute(c, argv));
  return { e, clock, r, spend: (ms: number) => (mono += ms) };
}

describe('the latency monitor', () => {
  it('keeps nothing while its threshold is 0; then one sample a second per event, the worst of that second', () => {
    const { e, clock, r } = setup();
    latencySample(e, 'command', 500);
    expect(r('LATENCY', 'LATEST')).toBe('[]');
    expect(r('LATENCY', 'DOCTOR')).toMatch(/^txt:I'm sorry, Dave, I can't do that\. Latency monitoring is disabled/);
    r('CONFIG', 'SET', 'latency-monitor-threshold', '100');
    latencySample(e, 'command', 99);
    latencySample(e, 'command', 300);
    latencySample(e, 'command', 200);
    clock.advance(2000);
    latencySample(e, 'command', 150);
    latencySample(e, 'expire-cycle', 120);
    const t = T0 / 1000;
    expect(r('LATENCY', 'LATEST')).toBe(`[["command",:${t + 2},:150,:300],["expire-cycle",:${t + 2},:120,:120]]`);
    expect(r('LATENCY', 'HISTORY', 'command')).toBe(`[[:${t},:300],[:${t + 2},:150]]`);
    expect(r('LATENCY', 'HISTORY', 'nosuch')).toBe('[]');
    expect(r('LATENCY', 'RESET', 'EXPIRE-CYCLE', 'nosuch')).toBe(':1');
    expect(r('LATENCY', 'RESET')).toBe(':1');
    expect(r('LATENCY', 'LATEST')).toBe('[]');
  });

  it('measures commands: slow ones are "command", fast-flagged ones "fast-command"', () => {
    const { e, r, spend } = setup();
    r('CONFIG', 'SET', 'latency-monitor-threshold', '100');
    const get = e.commands.get('get')!;
    const handler = get.handler!;
    (get as { handler: typeof handler }).handler = (c, argv) => (spend(250), handler(c, argv));
    r('GET', 'k');
    expect(r('LATENCY', 'LATEST')).toMatch(/^\[\["fast-command",:\d+,:250,:250\]\]$/);
    (get as { handler: typeof handler }).handler = handler;
  });

  it('GRAPH draws the samples as redis does, labelled by how long ago; DOCTOR reports and advises', () => {
    const { e, clock, r } = setup();
    r('CONFIG', 'SET', 'latency-monitor-threshold', '100');
    for (const ms of [100, 400, 250, 700]) {
      latencySample(e, 'command', ms);
      clock.advance(1000);
    }
    clock.advance(56_000);
    expect(r('LATENCY', 'GRAPH', 'nosuch')).toBe("!ERR No samples available for event 'nosuch'");
    expect(r('LATENCY', 'GRAPH', 'command')).toBe(
      'txt:' +
        ['command - high 700 ms, low 100 ms (all time high 700 ms)', '-'.repeat(80), '   #', ' _ |', ' |_|', '_|||', '    ', '1555', 'm987', ' sss', ''].join(
          '\n',
        ),
    );
    expect(r('LATENCY', 'DOCTOR')).toBe(
      'txt:' +
        "Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n" +
        '1. command: 4 latency spikes (average 362ms, mean deviation 187ms, period 15.00 sec). Worst all time event 700ms.\n' +
        '\nI have a few advices for you:\n\n' +
        '- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n' +
        '- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n',
    );
  });

  it('LATENCY HISTOGRAM counts each call in the bucket Redis’s hdr_histogram reports it in, cumulatively', () => {
    const { e, r, spend } = setup();
    const get = e.commands.get('get')!;
    const handler = get.handler!;
    let cost = 0;
    (get as { handler: typeof handler }).handler = (c, argv) => (spend(cost), handler(c, argv));
    for (const ms of [0, 0.0005, 0.003, 0.04, 0.017]) {
      cost = ms;
      r('GET', 'k');
    }
    (get as { handler: typeof handler }).handler = handler;
    expect(r('LATENCY', 'HISTOGRAM', 'get')).toBe('{"get":{"calls"::5,"histogram_usec":{:1::2,:4::3,:33::4,:66::5}}}');
    r('CONFIG', 'SET', 'latency-tracking', 'no');
    r('SET', 'k', 'v');
    expect(r('LATENCY', 'HISTOGRAM', 'set')).toBe('{}');
    r('CONFIG', 'RESETSTAT');
    expect(r('LATENCY', 'HISTOGRAM')).toBe('{}');
  });
});
