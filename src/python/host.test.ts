// The page's side of the Python bridge, driven as the Python worker drives it: requests posted
// by a fake worker, answers read from the shared channel, against a real engine behind a
// WorkerClient (the worker protocol over a MessageChannel, as the lessons' harness runs it).
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerClient } from '../worker/client.js';
import { EngineHost } from '../worker/engine-host.js';
import type { ToWorker } from '../worker/protocol.js';
import { PythonHost, splitCommands } from './host.js';
import { AnswerStatus, CHANNEL_HEADER, Cell, type BridgeRequest, type FromPython, type ToPython } from './protocol.js';

const text = (s: string) => new TextEncoder().encode(s);
const resp = (...argv: string[]) => text(`*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join(''));

/** A host with a fake Python worker: `call` posts a request and waits for the channel's answer. */
function rig() {
  const channel = new MessageChannel();
  const engine = new EngineHost((msg) => channel.port2.postMessage(msg), {});
  channel.port2.onmessage = (e) => engine.handle(e.data as ToWorker);
  engine.start();
  const client = new WorkerClient(() => channel.port1, { autoRestart: false });
  let init: Extract<ToPython, { type: 'init' }> | null = null;
  const fake = {
    onmessage: null as ((event: { data: FromPython }) => void) | null,
    postMessage(msg: ToPython) {
      if (msg.type === 'init') init = msg;
    },
    terminate() {},
  };
  const output: string[] = [];
  const host = new PythonHost(client, () => fake as unknown as Worker, 'http://x/pyodide/', {
    output: (_s, t) => output.push(t),
    progress: () => undefined,
    loaded: () => undefined,
    failed: () => undefined,
    connected: () => undefined,
    sleeping: () => undefined,
  });
  void host.run('pass');
  let seq = 0;
  async function call(request: BridgeRequest): Promise<{ status: number; value: number; data: string }> {
    const { channel: sab } = init!;
    const ctl = new Int32Array(sab, 0, CHANNEL_HEADER / 4);
    const s = ++seq;
    fake.onmessage!({ data: { type: 'bridge', seq: s, ...request } });
    await expect.poll(() => Atomics.load(ctl, Cell.seq)).toBe(s);
    const length = Atomics.load(ctl, Cell.length);
    return {
      status: Atomics.load(ctl, Cell.status),
      value: Atomics.load(ctl, Cell.value),
      data: new TextDecoder().decode(new Uint8Array(sab, CHANNEL_HEADER, length)),
    };
  }
  const dispose = () => {
    host.dispose();
    client.dispose();
    channel.port1.close();
    channel.port2.close();
  };
  return { host, client, call, output, dispose };
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
