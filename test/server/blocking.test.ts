// Blocking commands through the TCP server: a blocked connection's pipelined commands wait for
// its reply, and timeouts fire at their own deadline (the server arms a timer for it).

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    await sleep(50);
    expect(a.received()).toBe('');
    expect(engine.blocking.count).toBe(1);
    const b = await RespConnection.connect(server.port);
    expect(await b.send(['GET', 'tcp:after'])).toBe('$-1\r\n');
    expect(await b.send(['RPUSH', 'tcp:q', 'x', 'y'])).toBe(':2\r\n');
    await sleep(50);
    expect(a.received()).toBe('*2\r\n$5\r\ntcp:q\r\n$1\r\nx\r\n:1\r\n:1\r\n');
    a.socket.destroy();
    b.close();
  });

  it('answers BLPOP k 0.2 after about 200 ms, then runs what was pipelined', async () => {
    const a = await rawClient();
    const t0 = Date.now();
    a.socket.write(multibulk(['BLPOP', 'tcp:none', '0.2']) + multibulk(['PING']));
    while (!a.received().endsWith('+PONG\r\n') && Date.now() - t0 < 2000) await sleep(2);
    const took = Date.now() - t0;
    expect(a.received()).toBe('*-1\r\n+PONG\r\n');
    expect(took).toBeGreaterThanOrEqual(195);
    expect(took).toBeLessThan(400);
    a.socket.destroy();
  });

  it('a closed blocked connection leaves its wait list', async () => {
    const a = await rawClient();
    a.socket.write(multibulk(['BLPOP', 'tcp:gone', '0']));
    await sleep(30);
    expect(engine.blocking.count).toBe(1);
    a.socket.destroy();
    await sleep(30);
    expect(engine.blocking.count).toBe(0);
    const b = await RespConnection.connect(server.port);
    expect(await b.send(['RPUSH', 'tcp:gone', 'kept'])).toBe(':1\r\n');
    expect(await b.send(['LLEN', 'tcp:gone'])).toBe(':1\r\n');
    b.close();
  });

  it('CLIENT UNBLOCK lets the connection run its next commands', async () => {
    const a = await rawClient();
    a.socket.write(multibulk(['CLIENT', 'ID']));
    await sleep(20);
    const id = a.received().slice(1, -2);
    a.socket.write(multibulk(['BZPOPMIN', 'tcp:z', '0']) + multibulk(['ECHO', 'next']));
    await sleep(20);
    const b = await RespConnection.connect(server.port);
    expect(await b.send(['CLIENT', 'UNBLOCK', id, 'ERROR'])).toBe(':1\r\n');
    await sleep(30);
    expect(a.received()).toBe(`:${id}\r\n-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n$4\r\nnext\r\n`);
    a.socket.destroy();
    b.close();
  });
});
