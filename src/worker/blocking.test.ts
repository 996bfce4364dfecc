// Blocking commands through the EngineHost: the blocked command's result carries no reply, the
// reply comes later as a `push`, and the timer armed for the deadline answers timeouts. A
// command CLIENT PAUSE holds is answered the same way, when UNPAUSE or the timer ends the pause.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../engine/clock.js';
import { EngineHost } from './engine-host.js';
import { manualTimers } from '../../test/manual-timers.js';
import type { FromWorker } from './protocol.js';

function setup() {
  const clock = new VirtualClock();
  const sent: FromWorker[] = [];
  const { timers, armed: timeouts } = manualTimers();
  const host = new EngineHost((m) => sent.push(m), { engine: { clock }, timers, schedule: () => {} });
  host.start();
  let reqId = 1;
  const open = (): number => {
    host.handle({ type: 'open', id: reqId++ });
    const m = sent.pop()!;
    if (m.type !== 'opened') throw new Error('not opened');
    return m.clientId;
  };
  const run = (clientId: number, ...argv: string[]) => {
    host.handle({ type: 'run', id: reqId++, clientId, argv });
    return sent.filter((m) => m.type === 'result').pop()!;
  };
  return { clock, sent, timeouts, host, open, run };
}

describe('blocking commands in the worker', () => {
  it('answers a blocked client with a push when another client pushes', () => {
    const { sent, open, run } = setup();
    const a = open();
    const b = open();
    const r = run(a, 'BLPOP', 'q', '0');
    expect(r).toMatchObject({ type: 'result', clientId: a, replies: [] });
    sent.length = 0;
    run(b, 'RPUSH', 'q', 'job');
    expect(sent.filter((m) => m.type === 'push')).toEqual([
      {
        type: 'push',
        clientId: a,
        reply: {
          t: 'array',
          v: [
            { t: 'bulk', v: 'q' },
            { t: 'bulk', v: 'job' },
          ],
        },
      },
    ]);
  });

  it('answers a timeout through the host timer at the deadline', () => {
    const { clock, sent, timeouts, open, run } = setup();
    const a = open();
    run(a, 'BZPOPMIN', 'z', '0.25');
    // serverCron's timer (hz 10) and the one armed for the deadline.
    expect(timeouts.map((t) => t.ms)).toEqual([100, 251]);
    sent.length = 0;
    clock.advance(251);
    timeouts.splice(1, 1)[0]!.fn();
    expect(sent).toEqual([{ type: 'push', clientId: a, reply: { t: 'array', v: null } }]);
    expect(timeouts.map((t) => t.ms)).toEqual([100]);
  });

  it('a closed blocked client leaves without a reply or an error counted', () => {
    const { host, open, run } = setup();
    const a = open();
    const b = open();
    run(a, 'BLPOP', 'q', '0');
    host.handle({ type: 'close', id: 99, clientId: a });
    expect(host.engine.blocking.count).toBe(0);
    expect(host.engine.stats.errorReplies).toBe(0);
    run(b, 'RPUSH', 'q', 'kept');
    expect(run(b, 'LLEN', 'q')).toMatchObject({ replies: [{ t: 'int', v: 1 }] });
  });

  it('stop() clears the pending timeouts', () => {
    const { host, timeouts, open, run } = setup();
    const a = open();
    run(a, 'BLPOP', 'q', '5');
    expect(timeouts.length).toBe(2);
    host.stop();
    expect(timeouts.length).toBe(0);
  });
});

describe('CLIENT PAUSE in the worker', () => {
  it('a held write answers with a push after CLIENT UNPAUSE', () => {
    const { sent, open, run } = setup();
    const a = open();
    const b = open();
    run(b, 'CLIENT', 'PAUSE', '100000', 'WRITE');
    expect(run(a, 'SET', 'k', 'v')).toMatchObject({ type: 'result', clientId: a, replies: [], blocked: true });
    sent.length = 0;
    expect(run(b, 'CLIENT', 'UNPAUSE')).toMatchObject({ replies: [{ t: 'simple', v: 'OK' }] });
    expect(sent.filter((m) => m.type === 'push')).toEqual([{ type: 'push', clientId: a, reply: { t: 'simple', v: 'OK' } }]);
  });

  it('the host timer ends the pause at its deadline', () => {
    const { clock, sent, timeouts, open, run } = setup();
    const a = open();
    const b = open();
    run(b, 'CLIENT', 'PAUSE', '250');
    expect(timeouts.map((t) => t.ms)).toEqual([100, 251]);
    run(a, 'PING');
    sent.length = 0;
    clock.advance(251);
    timeouts.splice(1, 1)[0]!.fn();
    expect(sent).toEqual([{ type: 'push', clientId: a, reply: { t: 'simple', v: 'PONG' } }]);
  });
});
