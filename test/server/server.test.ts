// The TCP server's own behaviour: pipelining, batching, connections, closing, robustness.

import fc from 'fast-check';
import { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/engine/clock.js';
import type { Engine } from '../../src/engine/engine.js';
import { OK, bulk, int } from '../../src/shared/reply.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { RespConnection, freePort } from '../diff/harness.js';
import { addTestCommand, exchange, multibulk, startOurs } from './raw.js';

/** Sends raw bytes in one write and resolves once `bytes` reply bytes have arrived. */
function sendRaw(port: number, raw: string | Buffer, bytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = new Socket();
    const parts: Buffer[] = [];
    let got = 0;
    s.on('data', (d: Buffer) => {
      parts.push(d);
      got += d.length;
      if (got >= bytes) {
        s.destroy();
        resolve(Buffer.concat(parts).toString('latin1'));
      }
    });
    s.on('error', reject);
    s.connect(port, '127.0.0.1', () => s.write(typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw));
  });
}

let engine: Engine;
let server: RunningServer;

beforeAll(async () => {
  ({ engine, server } = await startOurs());
});
afterAll(async () => {
  await server?.close();
});

describe('pipelining', () => {
  it('answers 10,000 commands sent in one write, in order', async () => {
    let raw = '';
    const want: string[] = [];
    for (let i = 0; i < 5000; i++) {
      raw += multibulk(['SET', `pipe:${i}`, `value-${i}`]);
      want.push('+OK\r\n');
      raw += multibulk(['INCR', 'pipe:counter']);
      want.push(`:${i + 1}\r\n`);
    }
    const expectedBytes = want.join('').length;
    const got = await sendRaw(server.port, raw, expectedBytes);
    expect(got).toBe(want.join(''));
    const get = await sendRaw(server.port, multibulk(['GET', 'pipe:4999']), 16);
    expect(get).toBe('$10\r\nvalue-4999\r\n');
  });

  it('batches the replies to one chunk into one write', async () => {
    // 100 pipelined GETs arrive as one chunk; their replies leave in one write (one segment).
    const c = new Socket();
    await new Promise<void>((resolve) => c.connect(server.port, '127.0.0.1', resolve));
    const segments: number[] = [];
    const done = new Promise<void>((resolve) => {
      let n = 0;
      c.on('data', (d: Buffer) => {
        segments.push(d.length);
        n += d.length;
        if (n >= 500) resolve();
      });
    });
    c.write(multibulk(['GET', 'batch:none']).repeat(100));
    await done;
    c.destroy();
    expect(segments).toEqual([500]);
  });

  it('handles a command split byte by byte across writes', async () => {
    const raw = multibulk(['SET', 'split', 'a b\r\nc']) + multibulk(['GET', 'split']);
    const r = await exchange(server.port, raw.split(''), { gap: 1 });
    expect(r).toEqual({ data: '+OK\r\n$6\r\na b\r\nc\r\n', closed: false });
  });

  it('runs inline commands with quotes', async () => {
    const r = await exchange(server.port, ['SET "in line" \'it\\\'s\'\r\nGET "in line"\nGET "\\x69n\\x20line"\r\n']);
    expect(r).toEqual({ data: "+OK\r\n$4\r\nit's\r\n$4\r\nit's\r\n", closed: false });
  });

  it('stops reading while a slow reader has much output waiting, then goes on', async () => {
    const value = 'b'.repeat(1024 * 1024);
    expect(await sendRaw(server.port, multibulk(['SET', 'slow', value]), 5)).toBe('+OK\r\n');
    // 60 MB of replies to one write of 60 GETs, read only after a pause.
    const c = new Socket();
    await new Promise<void>((resolve) => c.connect(server.port, '127.0.0.1', resolve));
    c.pause();
    const before = engine.stats.totalCommands;
    c.write(multibulk(['GET', 'slow']).repeat(60) + multibulk(['PING']));
    // 17 replies are more than the 16 MB at which the server stops reading: it is now waiting.
    await expect.poll(() => engine.stats.totalCommands - before).toBeGreaterThanOrEqual(17);
    const want = (value.length + 12) * 60 + 7; // "$1048576\r\n" … "\r\n", then "+PONG\r\n"
    let tail = '';
    const got = await new Promise<number>((resolve) => {
      let n = 0;
      c.on('data', (d: Buffer) => {
        n += d.length;
        tail = (tail + d.toString('latin1')).slice(-7);
        if (n >= want) resolve(n);
      });
      c.resume();
    });
    c.destroy();
    expect(got).toBe(want);
    expect(tail).toBe('+PONG\r\n');
    engine.dbs[0]!.dict.delete('slow');
  });

  it('round-trips a 20 MB value', async () => {
    const value = Buffer.alloc(20 * 1024 * 1024, 'xyz\x00\xff').toString('latin1');
    expect(await sendRaw(server.port, Buffer.from(multibulk(['SET', 'big', value]), 'latin1'), 5)).toBe('+OK\r\n');
    const want = `$${value.length}\r\n${value}\r\n`;
    const got = await sendRaw(server.port, multibulk(['GET', 'big']), want.length);
    expect(got.length).toBe(want.length);
    expect(got === want).toBe(true);
    engine.dbs[0]!.dict.delete('big');
  });
});

describe('connections', () => {
  it('serves many concurrent connections', async () => {
    const conns = await Promise.all(Array.from({ length: 200 }, () => RespConnection.connect(server.port)));
    const replies = await Promise.all(conns.map((c, i) => c.send(['INCRBY', 'conc', String(i)])));
    expect(replies.every((r) => /^:\d+\r\n$/.test(r))).toBe(true);
    const last = await conns[0]!.send(['GET', 'conc']);
    expect(last).toBe(`$5\r\n${(199 * 200) / 2}\r\n`);
    for (const c of conns) c.close();
  });

  it('creates one engine client per connection and forgets it on close', async () => {
    const sock = new Socket();
    await new Promise<void>((resolve) => sock.connect(server.port, '127.0.0.1', resolve));
    const addr = `127.0.0.1:${sock.localPort}`;
    const find = () => [...engine.clients.values()].find((c) => c.addr === addr);
    await expect.poll(find).toBeDefined();
    const client = find()!;
    expect(client.laddr).toBe(`127.0.0.1:${server.port}`);
    expect(client.fd).toBeGreaterThan(0);
    sock.destroy();
    await expect.poll(find).toBeUndefined();
  });

  it('closes after the reply when a command asks to (QUIT)', async () => {
    addTestCommand(engine, 'x-close', (c) => {
      c.closeAfterReply = true;
      return OK;
    });
    const r = await exchange(server.port, ['GET nothing\r\nX-CLOSE\r\nGET nothing\r\n']);
    expect(r).toEqual({ data: '$-1\r\n+OK\r\n', closed: true });
  });

  it('drops the connection when its client is killed by another', async () => {
    let victim: import('../../src/engine/client.js').Client | undefined;
    addTestCommand(engine, 'x-mark', (c) => {
      victim = c;
      return OK;
    });
    addTestCommand(engine, 'x-kill', () => {
      victim!.onKill();
      return OK;
    });
    const a = await RespConnection.connect(server.port);
    const b = await RespConnection.connect(server.port);
    expect(await a.send(['X-MARK'])).toBe('+OK\r\n');
    expect(await b.send(['X-KILL'])).toBe('+OK\r\n');
    expect(await a.send(['GET', 'x'])).toBe('<connection closed>');
    b.close();
  });

  it('QUIT replies +OK and closes; CLIENT KILL drops another connection', async () => {
    expect(await exchange(server.port, ['PING\r\nQUIT\r\nPING\r\n'])).toEqual({ data: '+PONG\r\n+OK\r\n', closed: true });
    const victim = new Socket();
    await new Promise<void>((resolve) => victim.connect(server.port, '127.0.0.1', resolve));
    const closed = new Promise<void>((resolve) => victim.on('close', () => resolve()));
    const killer = await RespConnection.connect(server.port);
    // The engine may not have seen the new connection yet: ask until it has.
    await expect.poll(() => killer.send(['CLIENT', 'KILL', `127.0.0.1:${victim.localPort}`])).toBe('+OK\r\n');
    await closed;
    expect(await killer.send(['PING'])).toBe('+PONG\r\n');
    killer.close();
  });

  it('sends its reply, then closes, when a client kills itself', async () => {
    addTestCommand(engine, 'x-killself', (c) => {
      c.onKill();
      return OK;
    });
    const r = await exchange(server.port, ['X-KILLSELF\r\nGET a\r\n']);
    expect(r).toEqual({ data: '+OK\r\n', closed: true });
  });

  it('delivers replies that arrive outside a command, in order', async () => {
    let target: import('../../src/engine/client.js').Client | undefined;
    addTestCommand(engine, 'x-sub', (c) => {
      target = c;
      c.deliver({ t: 'push', v: [bulk('hello')] });
      return null;
    });
    addTestCommand(engine, 'x-pub', () => {
      target!.deliver({ t: 'push', v: [bulk('later')] });
      return int(1);
    });
    const a = await RespConnection.connect(server.port);
    const b = await RespConnection.connect(server.port);
    expect(await a.send(['X-SUB'])).toBe('*1\r\n$5\r\nhello\r\n');
    expect(await b.send(['X-PUB'])).toBe(':1\r\n');
    expect(await a.next()).toBe('*1\r\n$5\r\nlater\r\n');
    a.close();
    b.close();
  });
});

describe('blocked clients', () => {
  it("holds a blocked client's later commands until it is answered", async () => {
    let target: import('../../src/engine/client.js').Client | undefined;
    addTestCommand(engine, 'x-block', (c) => {
      target = c;
      c.unblock = () => {};
      return null;
    });
    addTestCommand(engine, 'x-wake', () => {
      target!.unblock = null;
      target!.deliver(bulk('woken'));
      return OK;
    });
    const a = new Socket();
    await new Promise<void>((resolve) => a.connect(server.port, '127.0.0.1', resolve));
    let received = '';
    a.on('data', (d: Buffer) => (received += d.toString('latin1')));
    a.write('X-BLOCK\r\nINCR blocked-after\r\nGET blocked-after\r\n');
    // Once X-BLOCK has run, the server holds the rest of what was sent in the same write.
    await expect.poll(() => target?.unblock).toBeTypeOf('function');
    expect(received).toBe('');
    const b = await RespConnection.connect(server.port);
    expect(await b.send(['GET', 'blocked-after'])).toBe('$-1\r\n');
    expect(await b.send(['X-WAKE'])).toBe('+OK\r\n');
    await expect.poll(() => received).toBe('$5\r\nwoken\r\n:1\r\n$1\r\n1\r\n');
    a.destroy();
    b.close();
  });
});

describe('robustness', () => {
  it('turns a throwing handler into an error reply and keeps serving', async () => {
    addTestCommand(engine, 'x-boom', () => {
      throw new Error('kaboom\r\nwith newline');
    });
    const r = await exchange(server.port, ['X-BOOM\r\nSET after boom\r\nGET after\r\n']);
    expect(r).toEqual({ data: '-ERR internal error: kaboom  with newline\r\n+OK\r\n$4\r\nboom\r\n', closed: false });
  });

  it('survives random bytes on many connections and still answers', async () => {
    const garbage = fc.sample(
      fc.array(
        fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(...['*', '$', '\r\n', '*3\r\n', '$5\r\n', '"', "'", '\x00'].map((s) => Buffer.from(s)))),
        {
          maxLength: 30,
        },
      ),
      { numRuns: 60, seed: 42 },
    );
    await Promise.all(
      garbage.map((parts) =>
        exchange(
          server.port,
          parts.map((p) => Buffer.from(p).toString('latin1')),
          { gap: 0, quiet: 50 },
        ),
      ),
    );
    const c = await RespConnection.connect(server.port);
    expect(await c.send(['PING'])).toBe('+PONG\r\n');
    expect(await c.send(['SET', 'alive', 'yes'])).toBe('+OK\r\n');
    c.close();
  });

  it('survives a client that declares a huge bulk and goes away', async () => {
    const s = new Socket();
    await new Promise<void>((resolve) => s.connect(server.port, '127.0.0.1', resolve));
    s.write('*2\r\n$3\r\nGET\r\n$500000000\r\n');
    s.write(Buffer.alloc(8 * 1024 * 1024, 'a'));
    // Gone at once: the server has had the header and whatever part of the 8 MB the system
    // passed on before the close (how much does not matter, it never gets the whole bulk).
    s.destroy();
    const c = await RespConnection.connect(server.port);
    expect(await c.send(['PING'])).toBe('+PONG\r\n');
    expect(await c.send(['SET', 'still', 'here'])).toBe('+OK\r\n');
    c.close();
  });

  it('survives a long inline line and a long count line', async () => {
    const a = exchange(server.port, ['y'.repeat(1024 * 1024)]);
    const b = exchange(server.port, ['*1\r\n$' + '9'.repeat(300_000)]);
    expect(await a).toEqual({ data: '-ERR Protocol error: too big inline request\r\n', closed: true });
    expect(await b).toEqual({ data: '-ERR Protocol error: too big bulk count string\r\n', closed: true });
    const c = await RespConnection.connect(server.port);
    expect(await c.send(['GET', 'still'])).toBe('$4\r\nhere\r\n');
    c.close();
  });

  it('reads a pipeline of big and small commands split at random points (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 20 }),
            fc.integer({ min: 30_000, max: 120_000 }).map((n) => 'q'.repeat(n)),
          ),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        fc.integer({ min: 1, max: 50_000 }),
        async (values, cut) => {
          let raw = '';
          let want = '';
          values.forEach((v, i) => {
            raw += multibulk(['SET', `prop:${i}`, v]) + multibulk(['STRLEN', `prop:${i}`]);
            want += `+OK\r\n:${v.length}\r\n`;
          });
          const chunks: string[] = [];
          for (let i = 0; i < raw.length; i += cut) chunks.push(raw.slice(i, i + cut));
          const r = await exchange(server.port, chunks, { gap: 0, quiet: 80 });
          expect(r.data).toBe(want);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('server lifecycle', () => {
  let extra: RunningServer | undefined;
  afterEach(async () => {
    await extra?.close();
    extra = undefined;
  });

  it('runs the active expiry cycle', async () => {
    const clock = new VirtualClock();
    const { engine: e, server: s } = await startOurs({ clock });
    extra = s;
    const c = await RespConnection.connect(s.port);
    expect(await c.send(['SET', 'soon', 'gone', 'PX', '30'])).toBe('+OK\r\n');
    expect(e.dbs[0]!.dict.has('soon')).toBe(true);
    clock.advance(31);
    // Nobody touches the key: only the active cycle (every 100 ms) can remove it.
    await expect.poll(() => e.dbs[0]!.dict.has('soon')).toBe(false);
    c.close();
  });

  it('SHUTDOWN closes every connection and the listener, without replying', async () => {
    let stopped = false;
    const { Engine } = await import('../../src/engine/engine.js');
    const e = new Engine();
    const logs: string[] = [];
    e.log = (_, message) => logs.push(message);
    const s = await startServer({ engine: e, port: 0, onShutdown: () => (stopped = true) });
    const other = await RespConnection.connect(s.port);
    const r = await exchange(s.port, [multibulk(['SET', 'k', 'v']) + multibulk(['SHUTDOWN', 'NOSAVE'])]);
    expect(r).toEqual({ data: '', closed: true });
    expect(stopped).toBe(true);
    expect(logs).toEqual(['User requested shutdown...', 'Redis is now ready to exit, bye bye...']);
    expect(await other.send(['GET', 'k'])).toBe('<connection closed>');
    await expect(RespConnection.connect(s.port)).rejects.toThrow();
    expect(e.onShutdown).toBeUndefined();
  });

  it('SHUTDOWN SAVE saves first; ABORT and bad options are errors', async () => {
    let stopped = false;
    const { Engine } = await import('../../src/engine/engine.js');
    const { MemorySnapshotStorage } = await import('../../src/engine/persistence.js');
    const storage = new MemorySnapshotStorage();
    const e = new Engine({ storage });
    const s = await startServer({ engine: e, port: 0, onShutdown: () => (stopped = true) });
    extra = s;
    const c = await RespConnection.connect(s.port);
    expect(await c.send(['SHUTDOWN', 'ABORT'])).toBe('-ERR No shutdown in progress.\r\n');
    expect(await c.send(['SHUTDOWN', 'SAVE', 'NOSAVE'])).toBe('-ERR syntax error\r\n');
    expect(stopped).toBe(false);
    expect(storage.load()).toBeNull();
    expect(await c.send(['shutdown', 'save', 'now', 'force'])).toBe('<connection closed>');
    expect(stopped).toBe(true);
    expect(storage.load()).not.toBeNull();
  });

  it('close() stops listening and drops connections', async () => {
    const { server: s } = await startOurs();
    const c = await RespConnection.connect(s.port);
    await s.close();
    expect(await c.send(['GET', 'a'])).toBe('<connection closed>');
    await expect(RespConnection.connect(s.port)).rejects.toThrow();
  });

  it('reports a port already in use', async () => {
    const port = await freePort();
    const { Engine } = await import('../../src/engine/engine.js');
    const first = await startServer({ engine: new Engine(), port });
    extra = first;
    await expect(startServer({ engine: new Engine(), port })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe("with plain 'data' events (fastRead: false)", () => {
  let plain: RunningServer;
  beforeAll(async () => {
    plain = (await startOurs({}, { fastRead: false })).server;
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('pipelines, splits and big values work the same', async () => {
    let raw = '';
    let want = '';
    for (let i = 0; i < 2000; i++) {
      raw += multibulk(['INCR', 'plain']);
      want += `:${i + 1}\r\n`;
    }
    expect(await sendRaw(plain.port, raw, want.length)).toBe(want);
    const split = multibulk(['SET', 'p', 'a b']) + 'GET p\r\n';
    expect(await exchange(plain.port, split.split(''), { gap: 1 })).toEqual({ data: '+OK\r\n$3\r\na b\r\n', closed: false });
    const value = 'v'.repeat(3 * 1024 * 1024);
    expect(await sendRaw(plain.port, multibulk(['SET', 'big', value]), 5)).toBe('+OK\r\n');
    expect(await sendRaw(plain.port, multibulk(['STRLEN', 'big']), 10)).toBe(':3145728\r\n');
  });

  it('answers protocol errors and closes', async () => {
    expect(await exchange(plain.port, ['GET a\r\n*1\r\nx\r\n'])).toEqual({
      data: "$-1\r\n-ERR Protocol error: expected '$', got 'x'\r\n",
      closed: true,
    });
  });
});
