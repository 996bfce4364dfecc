// client-output-buffer-limit over TCP, against a real redis-server 7.0.15: a subscriber that
// stops reading is disconnected at the pubsub hard limit and what it was owed is let go; a
// command or a pipeline whose replies pass the normal limit gets nothing and is closed; a
// transaction still runs to its end; the soft limit closes a client once its seconds run out,
// from the cron when nothing more is published; CLIENT LIST shows the waiting output.

import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import type { RunningServer } from '../../src/server/server.js';
import { RespConnection, show, startRealRedis, type RealRedis } from '../diff/harness.js';
import { exchange, multibulk, startOurs } from './raw.js';

let real: RealRedis;
let ours: { engine: Engine; server: RunningServer };
const logged: string[] = [];

beforeAll(async () => {
  real = await startRealRedis();
  ours = await startOurs({}, { log: (_level, message) => logged.push(message) });
  // The cron's closes are logged by the engine (main.ts gives both the same log).
  ours.engine.log = (_level, message) => logged.push(message);
});
afterAll(async () => {
  await real?.stop();
  await ours?.server.close();
});

const servers = (): { name: string; port: number }[] => [
  { name: 'redis', port: real.port },
  { name: 'ours', port: ours.server.port },
];

async function setBoth(value: string): Promise<void> {
  for (const { port } of servers()) {
    const c = await RespConnection.connect(port);
    expect(await c.send(['CONFIG', 'SET', 'client-output-buffer-limit', value])).toBe('+OK\r\n');
    c.close();
  }
}

/** A client that subscribes to `channel`, then stops reading (its socket is paused). */
async function stuckSubscriber(port: number, channel: string, name: string): Promise<Socket> {
  const socket = new Socket();
  await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
  let data = '';
  const subscribed = new Promise<void>((resolve) => {
    socket.on('data', (d: Buffer) => {
      data += d.toString('latin1');
      if (data.endsWith(':1\r\n')) resolve();
    });
  });
  socket.on('error', () => {}); // reset by the server when it drops the client
  socket.write(multibulk(['CLIENT', 'SETNAME', name]) + multibulk(['SUBSCRIBE', channel]));
  await subscribed;
  socket.pause();
  return socket;
}

/** The CLIENT LIST line of the client named `name`, or undefined once it is gone. */
async function clientLine(c: RespConnection, name: string): Promise<string | undefined> {
  const list = await c.send(['CLIENT', 'LIST']);
  return list.split('\n').find((l) => l.includes(` name=${name} `));
}

function field(line: string, name: string): number {
  return Number(new RegExp(` ${name}=(\\d+) `).exec(line)![1]);
}

describe('client-output-buffer-limit', () => {
  it('disconnects a subscriber that stops reading at the pubsub hard limit (32 MB by default), as redis-server does', async () => {
    const mb = 'x'.repeat(1024 * 1024);
    const delivered: Record<string, number> = {};
    for (const { name, port } of servers()) {
      const sub = await stuckSubscriber(port, 'ch', 'stuck');
      const pub = await RespConnection.connect(port);
      expect(await pub.send(['CONFIG', 'GET', 'client-output-buffer-limit'])).toContain('pubsub 33554432 8388608 60');
      // Published until no one receives them: the subscriber was dropped.
      let n = 0;
      while (n < 64 && (await pub.send(['PUBLISH', 'ch', mb])) === ':1\r\n') n++;
      delivered[name] = n;
      expect(await clientLine(pub, 'stuck')).toBeUndefined();
      pub.close();
      sub.destroy();
    }
    // 32 MB waiting in the server, plus what the kernel's socket buffers took before that.
    for (const n of Object.values(delivered)) {
      expect(n).toBeGreaterThanOrEqual(32);
      expect(n).toBeLessThan(64);
    }
    // What it was owed is no longer held: nothing waits for any client, however much is published.
    const pub = await RespConnection.connect(ours.server.port);
    for (let i = 0; i < 16; i++) expect(await pub.send(['PUBLISH', 'ch', mb])).toBe(':0\r\n');
    pub.close();
    const held = [...ours.engine.clients.values()].reduce((sum, c) => sum + (c.pendingOutput?.() ?? 0), 0);
    expect(held).toBeLessThan(16384);
    const line = logged.find((l) => l.includes(' name=stuck '));
    expect(line).toMatch(
      /^Client id=\d+ addr=127\.0\.0\.1:\d+ .* flags=P .* omem=\d+ .* cmd=subscribe .* scheduled to be closed ASAP for overcoming of output buffer limits\.$/,
    );
    // The line counts the message that passed the limit, as Redis's does.
    expect(field(line!, 'omem')).toBeGreaterThanOrEqual(32 * 1024 * 1024);
  });

  it("CLIENT LIST shows a stuck subscriber's output in obl, oll, omem and tot-mem, as redis-server does", async () => {
    await setBoth('pubsub 0 0 0');
    try {
      for (const { port } of servers()) {
        const sub = await stuckSubscriber(port, 'ch', 'slow');
        const pub = await RespConnection.connect(port);
        const before = (await clientLine(pub, 'slow'))!;
        expect(field(before, 'omem')).toBe(0);
        // Until the kernel's buffers are full and output waits in the server.
        const chunk = 'x'.repeat(64 * 1024);
        let line = before;
        while (field(line, 'omem') < 1024 * 1024) {
          expect(await pub.send(['PUBLISH', 'ch', chunk])).toBe(':1\r\n');
          line = (await clientLine(pub, 'slow'))!;
        }
        expect(field(line, 'oll')).toBeGreaterThan(0);
        expect(field(line, 'obl')).toBeLessThanOrEqual(16384);
        expect(field(line, 'tot-mem')).toBeGreaterThan(field(line, 'omem'));
        // The same fields in the same order as before.
        const names = (l: string) => l.split(' ').map((f) => f.split('=')[0]);
        expect(names(line)).toEqual(names(before));
        pub.close();
        sub.destroy();
      }
    } finally {
      await setBoth('pubsub 32mb 8mb 60');
    }
  });

  it('gives nothing to a command or pipeline whose replies pass the normal limit, and closes it', async () => {
    const item = 'x'.repeat(1000);
    const fill = multibulk(['DEL', 'mylist']) + Array.from({ length: 150 }, () => multibulk(['RPUSH', 'mylist', item])).join('');
    const big = 'y'.repeat(10_000);
    const pipeline = [];
    for (let i = 0; i < 15; i++) pipeline.push(['SET', `${i}`, `${i}`], ['GET', `${i}`], ['DEL', `${i}`], ['GET', 'bigkey']);
    for (const { port } of servers()) {
      await exchange(port, [fill + multibulk(['SET', 'bigkey', big])]);
    }
    await setBoth('normal 100000 0 0');
    try {
      for (const chunks of [[multibulk(['LRANGE', 'mylist', '0', '-1'])], [pipeline.map(multibulk).join('')]]) {
        const [want, got] = await Promise.all(servers().map(({ port }) => exchange(port, chunks)));
        expect(show(got!.data)).toBe(show(want!.data));
        expect(got).toEqual({ data: '', closed: true });
      }
      // Under the limit: answered.
      const [want, got] = await Promise.all(servers().map(({ port }) => exchange(port, [multibulk(['LRANGE', 'mylist', '0', '49'])])));
      expect(got!.data.length).toBeGreaterThan(50_000);
      expect(show(got!.data)).toBe(show(want!.data));
    } finally {
      await setBoth('normal 0 0 0');
    }
  });

  it('runs a transaction to its end though its reply passes the limit', async () => {
    await setBoth('normal 100000 0 0');
    try {
      const item = 'x'.repeat(1000);
      const setup = multibulk(['DEL', 'mylist2', 'k2', 'k3']) + Array.from({ length: 150 }, () => multibulk(['RPUSH', 'mylist2', item])).join('');
      const tx = [
        ['SET', 'k1', 'v1'],
        ['MULTI'],
        ['SET', 'k2', 'v2'],
        ['GET', 'k2'],
        ['LRANGE', 'mylist2', '0', '-1'],
        ['SET', 'k3', 'v3'],
        ['DEL', 'k1'],
        ['EXEC'],
      ];
      const results = [];
      for (const { port } of servers()) {
        await exchange(port, [setup]);
        const run = await exchange(port, [tx.map(multibulk).join('')]);
        const after = await exchange(port, [multibulk(['MGET', 'k1', 'k2', 'k3'])]);
        results.push({ run, after: after.data });
      }
      expect(results[1]).toEqual(results[0]);
      // Sent in one write, the replies before EXEC's were still waiting with it: all dropped.
      expect(results[1]!.run).toEqual({ data: '', closed: true });
      expect(results[1]!.after).toBe('*3\r\n$-1\r\n$2\r\nv2\r\n$2\r\nv3\r\n');
    } finally {
      await setBoth('normal 0 0 0');
    }
  });

  it('closes a client asking for picks with repetition past its limit (HRANDFIELD, SRANDMEMBER, ZRANDMEMBER -N)', async () => {
    const fill = [
      ['HSET', 'myhash', 'a', 'b'],
      ['SADD', 'myset', 'a'],
      ['ZADD', 'myzset', '1', 'a'],
    ]
      .map(multibulk)
      .join('');
    for (const { port } of servers()) await exchange(port, [fill]);
    await setBoth('normal 1000000 0 0');
    try {
      for (const argv of [
        ['HRANDFIELD', 'myhash', '-999999999'],
        ['SRANDMEMBER', 'myset', '-999999999'],
        ['ZRANDMEMBER', 'myzset', '-999999999'],
      ]) {
        const [want, got] = await Promise.all(servers().map(({ port }) => exchange(port, [multibulk(argv)])));
        expect(show(got!.data)).toBe(show(want!.data));
        expect(got).toEqual({ data: '', closed: true });
      }
    } finally {
      await setBoth('normal 0 0 0');
    }
  });

  it('closes a subscriber over the soft limit once its seconds have passed, though nothing more is published', async () => {
    await setBoth('pubsub 0 100000 1');
    try {
      for (const { port } of servers()) {
        const sub = await stuckSubscriber(port, 'soft', 'soft');
        const pub = await RespConnection.connect(port);
        const chunk = 'x'.repeat(64 * 1024);
        let line = (await clientLine(pub, 'soft'))!;
        while (field(line, 'omem') < 100000) {
          expect(await pub.send(['PUBLISH', 'soft', chunk])).toBe(':1\r\n');
          line = (await clientLine(pub, 'soft'))!;
        }
        // Over the soft limit, with nothing published any more: gone after more than a second.
        const since = Date.now();
        await expect.poll(() => clientLine(pub, 'soft'), { timeout: 5000, interval: 50 }).toBeUndefined();
        expect(Date.now() - since).toBeGreaterThan(900);
        pub.close();
        sub.destroy();
      }
      expect(logged.some((l) => / name=soft .* closed for overcoming of output buffer limits\.$/.test(l))).toBe(true);
    } finally {
      await setBoth('pubsub 32mb 8mb 60');
    }
  });
});
