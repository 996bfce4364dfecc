// The latency monitor against redis-server 7.0.15: the same slow command (DEBUG SLEEP past the
// threshold) on both, then LATEST, HISTORY, GRAPH and DOCTOR. Times and milliseconds differ by
// the run, so digits are compared as digits; the words, the shapes and the graph's drawing match.

import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { startOurs } from '../server/raw.js';
import { RespConnection, startRealRedis, type RealRedis } from './harness.js';

let ours: RunningServer | undefined;
let real: RealRedis | undefined;
const conns: RespConnection[] = [];

afterEach(async () => {
  for (const c of conns.splice(0)) c.close();
  await real?.stop();
  real = undefined;
  await ours?.close();
  ours = undefined;
});

/** Runs the steps and returns each raw reply, digits made '#'. */
async function session(port: number, steps: string[][]): Promise<string[]> {
  const c = await RespConnection.connect(port);
  conns.push(c);
  const out: string[] = [];
  for (const argv of steps) out.push(`${argv.join(' ')} -> ${(await c.send(argv)).replace(/\d+/g, '#')}`);
  return out;
}

describe('LATENCY with samples', () => {
  it('LATEST, HISTORY, GRAPH, DOCTOR and RESET after a spike, as redis-server answers them', { timeout: 30_000 }, async () => {
    real = await startRealRedis(['--enable-debug-command', 'yes']);
    ours = (await startOurs({ config: { 'enable-debug-command': 'yes' } })).server;
    const steps = [
      ['CONFIG', 'SET', 'latency-monitor-threshold', '100'],
      ['SET', 'k', 'v'],
      ['DEBUG', 'SLEEP', '0.15'],
      ['LATENCY', 'LATEST'],
      ['LATENCY', 'HISTORY', 'command'],
      ['LATENCY', 'HISTORY', 'fast-command'],
      ['LATENCY', 'GRAPH', 'command'],
      ['LATENCY', 'GRAPH', 'fast-command'],
      ['LATENCY', 'DOCTOR'],
      ['CONFIG', 'SET', 'slowlog-log-slower-than', '-1'],
      ['LATENCY', 'DOCTOR'],
      ['LATENCY', 'RESET', 'nosuch', 'COMMAND'],
      ['LATENCY', 'LATEST'],
      ['LATENCY', 'DOCTOR'],
    ];
    const [want, got] = await Promise.all([session(real.port, steps), session(ours.port, steps)]);
    expect(got).toEqual(want);
    expect(got[6]).toContain('command - high # ms, low # ms (all time high # ms)');
  });
});
