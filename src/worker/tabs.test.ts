import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../engine/clock.js';
import { array, bulk, int, OK } from '../shared/reply.js';
import { WorkerClient } from './client.js';
import { EngineHost } from './engine-host.js';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from './protocol.js';
import { Relay } from './relay.js';
import { TabRouter } from './tab-router.js';
import type { TabChannel, TabMessage } from './tabs.js';

/** A BroadcastChannel's behaviour: each message, cloned, to every other channel of the hub, later. */
function hub() {
  const channels = new Set<TabChannel>();
  return () => {
    const ch: TabChannel = {
      onmessage: null,
      postMessage(message: TabMessage) {
        const copy = structuredClone(message);
        for (const other of channels) if (other !== ch) queueMicrotask(() => other.onmessage?.({ data: copy }));
      },
    };
    channels.add(ch);
    return ch;
  };
}

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

/** A page's WorkerClient over a MessageChannel whose other end `worker` serves. */
function page(worker: (post: (msg: FromWorker) => void) => (msg: ToWorker) => void): WorkerClient {
  const ch = new MessageChannel();
  ports.push(ch.port1, ch.port2);
  const receive = worker((m) => ch.port2.postMessage(m));
  ch.port2.onmessage = (e) => receive(e.data as ToWorker);
  return new WorkerClient(() => ch.port1, { autoRestart: false });
}

function tabs() {
  const channel = hub();
  const gone = new Map<string, () => void>();
  let host!: EngineHost;
  const owner = page((post) => {
    let router: TabRouter | null = null;
    host = new EngineHost((m) => router!.post(m), { engine: { clock: new VirtualClock() } });
    router = new TabRouter(
      null,
      channel(),
      PROTOCOL_VERSION,
      post,
      (m) => host.handle(m),
      (tab, fn) => gone.set(tab, fn),
    );
    host.start();
    return (m) => host.handle(m);
  });
  const relays: Relay[] = [];
  const relayTab = (tab: string, version = PROTOCOL_VERSION) =>
    page((post) => {
      const relay = new Relay(channel(), tab, version, post);
      relays.push(relay);
      return (m) => relay.receive(m);
    });
  return { owner, relayTab, gone, relays, host: () => host };
}

const reply = async (wc: WorkerClient, handle: number, ...argv: string[]) => (await wc.run(handle, argv)).replies[0];

describe('tabs sharing one engine', () => {
  it("a relaying tab reads and writes the owner's data, and each answer goes to the tab that asked", async () => {
    const t = tabs();
    const b = t.relayTab('b');
    await Promise.all([t.owner.ready, b.ready]);
    expect(b.commands.length).toBeGreaterThan(200);
    expect(b.elsewhere).toBe(false);
    const [ca, cb] = await Promise.all([t.owner.open(), b.open()]);
    expect(t.owner.remoteId(ca)).not.toBe(b.remoteId(cb));
    // Requests with the same ids from both pages, at once.
    const [x, y] = await Promise.all([reply(t.owner, ca, 'SET', 'k', 'from-a'), reply(b, cb, 'INCR', 'n')]);
    expect(x).toEqual(OK);
    expect(y).toEqual(int(1));
    expect(await reply(b, cb, 'GET', 'k')).toEqual(bulk('from-a'));
    expect(await reply(t.owner, ca, 'GET', 'n')).toEqual(bulk('1'));
    expect(await b.dbSizes()).toEqual(expect.arrayContaining([2]));
  });

  it('pushes and change events reach the right tabs', async () => {
    const t = tabs();
    const b = t.relayTab('b');
    const c = t.relayTab('c');
    await Promise.all([t.owner.ready, b.ready, c.ready]);
    const [ca, cb, cc] = await Promise.all([t.owner.open(), b.open(), c.open()]);
    const pushed = { a: [] as unknown[], b: [] as unknown[], c: [] as unknown[] };
    t.owner.onPush((_, r) => pushed.a.push(r));
    b.onPush((_, r) => pushed.b.push(r));
    c.onPush((_, r) => pushed.c.push(r));
    const changed: string[] = [];
    c.onChanges((events) => changed.push(...events.map((e) => e.key)));
    await reply(b, cb, 'SUBSCRIBE', 'news');
    expect((await b.run(cb, ['BLPOP', 'q', '0'])).blocked).toBe(false); // subscribed: refused at once
    expect(await reply(t.owner, ca, 'PUBLISH', 'news', 'hi')).toEqual(int(1));
    await expect.poll(() => pushed.b.length).toBe(1);
    expect((await c.run(cc, ['BLPOP', 'q', '0'])).blocked).toBe(true);
    await reply(t.owner, ca, 'RPUSH', 'q', 'job');
    await expect.poll(() => pushed.c).toEqual([array([bulk('q'), bulk('job')])]);
    expect(pushed.a).toEqual([]);
    expect(pushed.b).toHaveLength(1);
    await expect.poll(() => changed).toContain('q');
  });

  it('a tab that has gone has its connections closed, so its blocked pop takes nothing', async () => {
    const t = tabs();
    const b = t.relayTab('b');
    await Promise.all([t.owner.ready, b.ready]);
    const [ca, cb] = await Promise.all([t.owner.open(), b.open()]);
    expect((await b.run(cb, ['BLPOP', 'q', '0'])).blocked).toBe(true);
    expect(t.host().engine.clients.size).toBe(2);
    t.gone.get('b')!();
    await expect.poll(() => t.host().engine.clients.size).toBe(1);
    expect(await reply(t.owner, ca, 'RPUSH', 'q', 'job')).toEqual(int(1));
    expect(await reply(t.owner, ca, 'LLEN', 'q')).toEqual(int(1));
  });

  it('a relay finds no owner speaking another version of the protocol', async () => {
    const t = tabs();
    t.relayTab('old', PROTOCOL_VERSION + 1);
    await t.owner.ready;
    expect(await t.relays[0]!.found).toBe(false);
  });
});
