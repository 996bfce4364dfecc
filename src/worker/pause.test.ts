// CLIENT PAUSE through the EngineHost: a held command's result says blocked and carries no reply;
// the reply comes later as a `push`, when CLIENT UNPAUSE or the host timer ends the pause.
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
