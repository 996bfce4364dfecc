// The page's side of the Python bridge, driven as the Python worker drives it: requests posted
// by a fake worker, answers read from the shared channel or from the messages the fake receives,
// against a real engine behind a WorkerClient (the worker protocol over a MessageChannel, as the
// lessons' harness runs it).
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerClient } from '../worker/client.js';
import { EngineHost } from '../worker/engine-host.js';
import type { ToWorker } from '../worker/protocol.js';
import { PythonHost, splitCommands } from './host.js';
import { AnswerStatus, CHANNEL_HEADER, Cell, type BridgeAnswer, type BridgeRequest, type FromPython, type ToPython } from './protocol.js';

const text = (s: string) => new TextEncoder().encode(s);
const resp = (...argv: string[]) => text(`*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join(''));

/**
 * A host with a fake Python worker: `call` posts a request and waits for the channel's answer,
 * `ask` posts one to be answered by message and resolves with that answer.
 */
function rig(stopGraceMs?: number) {
  const channel = new MessageChannel();
  const engine = new EngineHost((msg) => channel.port2.postMessage(msg), {});
  channel.port2.onmessage = (e) => engine.handle(e.data as ToWorker);
  engine.start();
  const client = new WorkerClient(() => channel.port1, { autoRestart: false });
  let init: Extract<ToPython, { type: 'init' }> | null = null;
  const answered = new Map<number, (answer: BridgeAnswer) => void>();
  const fake = {
    onmessage: null as ((event: { data: FromPython }) => void) | null,
    postMessage(msg: ToPython) {
      if (msg.type === 'init') init = msg;
      if (msg.type === 'answer') answered.get(msg.seq)?.(msg);
    },
    terminated: 0,
    terminate() {
      this.terminated++;
    },
  };
  const output: string[] = [];
  const restarts: [string, string][] = [];
  const ran: { argv: readonly string[]; replies: readonly unknown[]; db: number }[] = [];
  const host = new PythonHost(
    client,
    () => fake as unknown as Worker,
    'http://x/pyodide/',
    {
      output: (_s, t) => output.push(t),
      progress: () => undefined,
      loaded: () => undefined,
      failed: () => undefined,
      connected: () => undefined,
      sleeping: () => undefined,
      missing: () => undefined,
      ran: (_handle, argv, replies, _resp, db) => ran.push({ argv, replies, db }),
      restarted: (why, message) => restarts.push([why, message]),
    },
    stopGraceMs,
  );
  const first = host.run('pass');
  let seq = 0;
  async function call(request: BridgeRequest): Promise<{ status: number; value: number; data: string }> {
    const { channel: sab } = init!;
    const ctl = new Int32Array(sab, 0, CHANNEL_HEADER / 4);
    const s = ++seq;
    fake.onmessage!({ data: { type: 'bridge', seq: s, by: 'channel', ...request } });
    await expect.poll(() => Atomics.load(ctl, Cell.seq)).toBe(s);
    const length = Atomics.load(ctl, Cell.length);
    return {
      status: Atomics.load(ctl, Cell.status),
      value: Atomics.load(ctl, Cell.value),
      data: new TextDecoder().decode(new Uint8Array(sab, CHANNEL_HEADER, length)),
    };
  }
  function ask(request: BridgeRequest): Promise<{ status: number; value: number; data: string }> {
    const s = ++seq;
    const answer = new Promise<BridgeAnswer>((resolve) => answered.set(s, resolve));
    fake.onmessage!({ data: { type: 'bridge', seq: s, by: 'message', ...request } });
    return answer.then((a) => ({ status: a.status, value: a.value, data: new TextDecoder().decode(a.data) }));
  }
  const dispose = () => {
    host.dispose();
    client.dispose();
    channel.port1.close();
    channel.port2.close();
  };
  return { host, client, fake, call, ask, output, ran, restarts, first, dispose };
}

describe('the Python bridge', () => {
  let current: ReturnType<typeof rig> | null = null;
  afterEach(() => current?.dispose());

  it('runs what Python sends on a connection of the engine and hands back RESP', async () => {
    const r = (current = rig());
    const conn = (await r.call({ op: 'open', host: 'localhost', port: 6379, name: '' })).value;
    expect(await r.call({ op: 'send', conn, data: resp('SET', 'k', 'v') }).then((a) => a.status)).toBe(AnswerStatus.ok);
    expect(await r.call({ op: 'recv', conn, max: 65536, timeoutMs: -1 })).toMatchObject({ status: AnswerStatus.ok, data: '+OK\r\n' });
    // A pipeline in one write, its replies in order; a small `max` takes them a piece at a time.
    await r.call({ op: 'send', conn, data: new Uint8Array([...resp('GET', 'k'), ...resp('INCR', 'k')]) });
    expect((await r.call({ op: 'recv', conn, max: 3, timeoutMs: -1 })).data).toBe('$1\r');
    const rest = await r.call({ op: 'recv', conn, max: 65536, timeoutMs: -1 });
    expect(rest.data.startsWith('\nv\r\n')).toBe(true);
    const all = rest.data.includes('-ERR') ? rest.data : rest.data + (await r.call({ op: 'recv', conn, max: 65536, timeoutMs: -1 })).data;
    expect(all).toBe('\nv\r\n-ERR value is not an integer or out of range\r\n');
    // Nothing more: the wait times out.
    expect((await r.call({ op: 'recv', conn, max: 10, timeoutMs: 20 })).status).toBe(AnswerStatus.timeout);
    // The key is the engine's: another client sees it.
    const other = await r.client.open();
    expect((await r.client.run(other, ['GET', 'k'])).replies).toEqual([{ t: 'bulk', v: 'v' }]);
  });

  it('a blocked command answers when another client pushes, and the next command waits for it', async () => {
    const r = (current = rig());
    const conn = (await r.call({ op: 'open', host: 'h', port: 1, name: '' })).value;
    await r.call({ op: 'send', conn, data: new Uint8Array([...resp('BLPOP', 'q', '0'), ...resp('PING')]) });
    expect((await r.call({ op: 'recv', conn, max: 100, timeoutMs: 30 })).status).toBe(AnswerStatus.timeout);
    const other = await r.client.open();
    await r.client.run(other, ['RPUSH', 'q', 'job']);
    let got = '';
    while (!got.endsWith('+PONG\r\n')) got += (await r.call({ op: 'recv', conn, max: 100, timeoutMs: -1 })).data;
    expect(got).toBe('*2\r\n$1\r\nq\r\n$3\r\njob\r\n+PONG\r\n');
    // The lessons hear each command with its reply, the blocked one once its reply came.
    expect(r.ran).toEqual([
      {
        argv: ['BLPOP', 'q', '0'],
        replies: [
          {
            t: 'array',
            v: [
              { t: 'bulk', v: 'q' },
              { t: 'bulk', v: 'job' },
            ],
          },
        ],
        db: 0,
      },
      { argv: ['PING'], replies: [{ t: 'simple', v: 'PONG' }], db: 0 },
    ]);
  });

  it('restarts the Python worker when the program has not stopped a while after Stop, or when Pyodide fails', async () => {
    const r = (current = rig(30));
    // The fake worker never ends the rig's run: as a program Stop cannot reach.
    r.host.stop();
    expect(await r.first).toBe(false);
    expect(r.restarts).toEqual([['stop', '']]);
    expect(r.fake.terminated).toBe(1);
    // The next run starts a new worker; Pyodide failing in it ends that run too.
    const second = r.host.run('pass');
    r.fake.onmessage!({ data: { type: 'crashed', message: 'Pyodide already fatally failed' } });
    expect(await second).toBe(false);
    expect(r.restarts).toEqual([
      ['stop', ''],
      ['crash', 'Pyodide already fatally failed'],
    ]);
    expect(r.fake.terminated).toBe(2);
  });

  it('answers by message the requests of several threads waiting at once, each when its reply comes', async () => {
    const r = (current = rig());
    const [a, b] = await Promise.all([r.ask({ op: 'open', host: 'h', port: 1, name: '' }), r.ask({ op: 'open', host: 'h', port: 1, name: '' })]);
    await r.ask({ op: 'send', conn: a.value, data: resp('BLPOP', 'qa', '0') });
    await r.ask({ op: 'send', conn: b.value, data: resp('BLPOP', 'qb', '0') });
    const order: string[] = [];
    const gotA = r.ask({ op: 'recv', conn: a.value, max: 100, timeoutMs: -1 }).then((x) => (order.push('a'), x.data));
    const gotB = r.ask({ op: 'recv', conn: b.value, max: 100, timeoutMs: -1 }).then((x) => (order.push('b'), x.data));
    // A third thread's short wait times out while the two go on waiting.
    const c = await r.ask({ op: 'open', host: 'h', port: 1, name: '' });
    expect((await r.ask({ op: 'recv', conn: c.value, max: 100, timeoutMs: 10 })).status).toBe(AnswerStatus.timeout);
    const other = await r.client.open();
    await r.client.run(other, ['RPUSH', 'qb', 'second']);
    expect(await gotB).toBe('*2\r\n$2\r\nqb\r\n$6\r\nsecond\r\n');
    expect(order).toEqual(['b']);
    await r.client.run(other, ['RPUSH', 'qa', 'first']);
    expect(await gotA).toBe('*2\r\n$2\r\nqa\r\n$5\r\nfirst\r\n');
    expect(order).toEqual(['b', 'a']);
  });

  it('says the connection is gone after CLIENT KILL', async () => {
    const r = (current = rig());
    const conn = (await r.call({ op: 'open', host: 'h', port: 1, name: 'mine' })).value;
    await r.call({ op: 'send', conn, data: resp('CLIENT', 'ID') });
    const id = /:(\d+)/.exec((await r.call({ op: 'recv', conn, max: 100, timeoutMs: -1 })).data)![1]!;
    const other = await r.client.open();
    await r.client.run(other, ['CLIENT', 'KILL', 'ID', id]);
    expect((await r.call({ op: 'recv', conn, max: 100, timeoutMs: -1 })).status).toBe(AnswerStatus.closed);
    expect((await r.call({ op: 'send', conn, data: resp('PING') })).status).toBe(AnswerStatus.closed);
  });
});

describe('splitCommands', () => {
  it('keeps a partial command for the next write', () => {
    const whole = resp('SET', 'k', 'v');
    const { commands, rest } = splitCommands(new Uint8Array([...whole, ...whole.subarray(0, 7)]));
    expect(commands).toEqual([['SET', 'k', 'v']]);
    expect(splitCommands(new Uint8Array([...rest, ...whole.subarray(7)])).commands).toEqual([['SET', 'k', 'v']]);
  });

  it('reads bytes as byte strings', () => {
    const bytes = new Uint8Array([...text('*1\r\n$3\r\n'), 0xec, 0x95, 0x88, ...text('\r\n')]);
    expect(splitCommands(bytes).commands).toEqual([['\xec\x95\x88']]);
  });
});
