// Pub/sub and MONITOR through the TCP server, compared with a real Redis 7.0.15: pipelined
// input in subscribed mode, messages written to a subscriber as they are published, MONITOR
// lines as commands run elsewhere.

import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { RespConnection, show, startRealRedis, type RealRedis } from '../diff/harness.js';
import { multibulk, startOurs } from './raw.js';

let real: RealRedis;
let ours: RunningServer;

beforeAll(async () => {
  real = await startRealRedis();
  ({ server: ours } = await startOurs());
});
afterAll(async () => {
  await real?.stop();
  await ours?.close();
});

async function rawClient(port: number): Promise<{ socket: Socket; received: () => string }> {
  const socket = new Socket();
  await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
  socket.setNoDelay(true);
  let data = '';
  socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
  return { socket, received: () => data };
}

/** MONITOR lines: time and peer address masked. */
const mask = (s: string) => s.replace(/\+\d+\.\d{6} \[(\d+) [^\]]+\]/g, '+T [$1 A]');

/**
 * Runs the same scenario against a port; returns what the watched connection received. Each
 * step waits until the subscriber has received the last reply it is owed, so the order in which
 * things happen is the same on both servers however busy the machine is.
 */
async function scenario(port: number): Promise<string> {
  const sub = await rawClient(port);
  // One write: subscribe, commands refused in pub/sub mode, PING, more subscriptions, and
  // commands after leaving pub/sub mode, all pipelined.
  sub.socket.write(
    multibulk(['SUBSCRIBE', 'a']) +
      multibulk(['GET', 'x']) +
      multibulk(['PING']) +
      multibulk(['PSUBSCRIBE', 'b*']) +
      'PING inline\r\n' +
      multibulk(['SSUBSCRIBE', 's']),
  );
  await expect.poll(() => sub.received()).toMatch(/\$10\r\nssubscribe\r\n\$1\r\ns\r\n:1\r\n$/);
  const pub = await RespConnection.connect(port);
  expect(await pub.send(['PUBLISH', 'a', 'one'])).toBe(':1\r\n');
  expect(await pub.send(['PUBLISH', 'bee', 'two'])).toBe(':1\r\n');
  expect(await pub.send(['SPUBLISH', 's', 'three'])).toBe(':1\r\n');
  await expect.poll(() => sub.received()).toMatch(/\$5\r\nthree\r\n$/);
  sub.socket.write(
    multibulk(['UNSUBSCRIBE', 'a']) + multibulk(['PUNSUBSCRIBE']) + multibulk(['SUNSUBSCRIBE']) + multibulk(['GET', 'x']) + multibulk(['MONITOR']),
  );
  // GET's nil, then MONITOR's +OK.
  await expect.poll(() => sub.received()).toMatch(/\$-1\r\n\+OK\r\n$/);
  expect(await pub.send(['SET', 'x', '1'])).toBe('+OK\r\n');
  expect(await pub.send(['PUBLISH', 'a', 'nobody'])).toBe(':0\r\n');
  await expect.poll(() => sub.received()).toMatch(/"PUBLISH" "a" "nobody"\r\n$/);
  pub.close();
  sub.socket.destroy();
  return mask(sub.received());
}

describe('pub/sub over TCP', () => {
  it('pipelined subscribed-mode input and pushes as they arrive, as redis-server does', async () => {
    const want = await scenario(real.port);
    const got = await scenario(ours.port);
    expect(show(got)).toBe(show(want));
    expect(got).toContain('*3\r\n$7\r\nmessage\r\n$1\r\na\r\n$3\r\none\r\n');
    expect(got).toContain('+T [0 A] "SET" "x" "1"\r\n');
  });
});
