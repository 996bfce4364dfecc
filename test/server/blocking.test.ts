// Blocking commands through the TCP server: a blocked connection's pipelined commands wait for
// its reply, and timeouts fire at their own deadline (the server arms a timer for it). The tests
// wait for conditions (the engine's blocked clients, the bytes received), never for a set time.

import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import type { RunningServer } from '../../src/server/server.js';
import { RespConnection } from '../diff/harness.js';
import { multibulk, startOurs } from './raw.js';

let engine: Engine;
let server: RunningServer;

beforeAll(async () => {
  ({ engine, server } = await startOurs());
});
afterAll(async () => {
  await server?.close();
});

async function rawClient(): Promise<{ socket: Socket; received: () => string }> {
  const socket = new Socket();
  await new Promise<void>((resolve) => socket.connect(server.port, '127.0.0.1', resolve));
  socket.setNoDelay(true);
  let data = '';
  socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
  return { socket, received: () => data };
}

describe('blocking commands over TCP', () => {
  it('holds the commands pipelined after BLPOP until it is served', async () => {
    const a = await rawClient();
    a.socket.write(multibulk(['BLPOP', 'tcp:q', '0']) + multibulk(['INCR', 'tcp:after']) + multibulk(['LLEN', 'tcp:q']));
    await expect.poll(() => engine.blocking.count).toBe(1);
    expect(a.received()).toBe('');
    const b = await RespConnection.connect(server.port);
    expect(await b.send(['GET', 'tcp:after'])).toBe('$-1\r\n');
    expect(await b.send(['RPUSH', 'tcp:q', 'x', 'y'])).toBe(':2\r\n');
    await expect.poll(() => a.received()).toBe('*2\r\n$5\r\ntcp:q\r\n$1\r\nx\r\n:1\r\n:1\r\n');
    a.socket.destroy();
    b.close();
  });

  it('answers BLPOP k 0.2 once 200 ms have passed, by itself, then runs what was pipelined', async () => {
    const a = await rawClient();
    const t0 = performance.now();
    a.socket.write(multibulk(['BLPOP', 'tcp:none', '0.2']) + multibulk(['PING']));
    // Nobody pushes and nothing else is sent: only the server's own timer can answer.
    await expect.poll(() => a.received()).toBe('*-1\r\n+PONG\r\n');
    // A timeout cannot fire early (1 ms of slack for the clocks' rounding); how late it may be
    // is not checked: a busy machine runs timers late.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(199);
    a.socket.destroy();
  });

  it('a closed blocked connection leaves its wait list', async () => {
    const a = await rawClient();
    a.socket.write(multibulk(['BLPOP', 'tcp:gone', '0']));
    await expect.poll(() => engine.blocking.count).toBe(1);
    a.socket.destroy();
    await expect.poll(() => engine.blocking.count).toBe(0);
    const b = await RespConnection.connect(server.port);
    expect(await b.send(['RPUSH', 'tcp:gone', 'kept'])).toBe(':1\r\n');
    expect(await b.send(['LLEN', 'tcp:gone'])).toBe(':1\r\n');
    b.close();
  });

  it('CLIENT UNBLOCK lets the connection run its next commands', async () => {
    const a = await rawClient();
    a.socket.write(multibulk(['CLIENT', 'ID']));
    await expect.poll(() => a.received()).toMatch(/^:\d+\r\n$/);
    const id = a.received().slice(1, -2);
    a.socket.write(multibulk(['BZPOPMIN', 'tcp:z', '0']) + multibulk(['ECHO', 'next']));
    await expect.poll(() => engine.blocking.count).toBe(1);
    const b = await RespConnection.connect(server.port);
    expect(await b.send(['CLIENT', 'UNBLOCK', id, 'ERROR'])).toBe(':1\r\n');
    await expect.poll(() => a.received()).toBe(`:${id}\r\n-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n$4\r\nnext\r\n`);
    a.socket.destroy();
    b.close();
  });
});
