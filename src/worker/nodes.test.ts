import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../engine/clock.js';
import { late } from '../engine/late.js';
import { renderReply } from '../engine/render-reply.js';
import { WorkerClient } from './client.js';
import { EngineHost } from './engine-host.js';
import { Nodes, SECOND_BASE } from './nodes.js';
import type { ToWorker } from './protocol.js';
import { readSecond, type SecondSaved, type SecondStore } from './second-server.js';

/** The second server's record in memory, as IndexedDB would keep it. */
function memoryStore(): SecondStore & { record: SecondSaved | null } {
  const store = {
    record: null as SecondSaved | null,
    loadSecond: () => readSecond(store.record),
    saveSecond: (r: SecondSaved) => void (store.record = r),
  };
  return store;
}
import type { Reply } from '../shared/reply.js';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const ch of channels.splice(0)) {
    ch.port1.close();
    ch.port2.close();
  }
});

/**
 * The page's client over a MessageChannel to a worker's Nodes, as engine.worker.ts wires them;
 * `store` keeps the second server's record (a reload: a new rig on the same store).
 */
async function rig(store = memoryStore()) {
  const clock = new VirtualClock();
  const ch = new MessageChannel();
  channels.push(ch);
  const post = (m: unknown) => ch.port2.postMessage(m);
  const hosts: EngineHost[] = [];
  const nodes = new Nodes(
    post,
    (p, connect, autosave) => {
      const host = new EngineHost(p, { engine: { clock, connect }, autosave, autosaveIntervalMs: 0 });
      hosts.push(host);
      return host;
    },
    store,
  );
  nodes.first = new EngineHost(post, { engine: { clock, connect: nodes.connect } });
  ch.port2.onmessage = (e) => nodes.handle(e.data as ToWorker);
  nodes.first.start();
  nodes.provideLate(late);
  const page = new WorkerClient(() => ch.port1, { autoRestart: false });
  await page.ready;
  // A command that waits (MIGRATE's exchange) answers later, as a push.
  const later = new Map<number, (reply: Reply) => void>();
  page.onPush((handle, reply) => later.get(handle)?.(reply));
  const run = async (handle: number, ...argv: string[]) => {
    const waited = new Promise<Reply>((resolve) => later.set(handle, resolve));
    const result = await page.run(handle, argv);
    return renderReply(result.blocked ? await waited : result.replies[0]!);
  };
  return { page, run, store, second: () => hosts[0]! };
}

describe('the second server', () => {
  it('starts as a replica of the first on port 6380, follows its writes and refuses its own', async () => {
    const { page, run } = await rig();
    const first = await page.open();
    const second = await page.open({ port: 6380 });
    expect(second).not.toBe(first);
    expect(await run(first, 'SET', 'greeting', 'hello')).toBe('OK');
    await expect.poll(() => run(second, 'GET', 'greeting')).toBe('"hello"');
    expect(await run(second, 'ROLE')).toMatch(/^\["slave","127\.0\.0\.1",:6379,"connected",:\d+\]$/);
    expect(await run(second, 'SET', 'greeting', 'bye')).toBe("!READONLY You can't write against a read only replica.");
    expect(await run(second, 'CONFIG', 'GET', 'port')).toBe('{"port":"6380"}');

    // The first server sees a replica on 6380, its link a client from a port of its own.
    expect(await run(first, 'INFO', 'replication')).toMatch(/\r\nslave0:ip=127\.0\.0\.1,port=6380,state=online,/);
    expect(await run(first, 'CLIENT', 'LIST', 'TYPE', 'replica')).toMatch(/ addr=127\.0\.0\.1:40000 laddr=127\.0\.0\.1:6379 .* flags=S /);

    // Failover: the replica becomes a master and takes writes; the first no longer reaches it.
    expect(await run(second, 'REPLICAOF', 'NO', 'ONE')).toBe('OK');
    expect(await run(second, 'SET', 'greeting', 'bye')).toBe('OK');
    expect(await run(first, 'SET', 'greeting', 'again')).toBe('OK');
    expect(await run(second, 'GET', 'greeting')).toBe('"bye"');
  });

  it('the first may follow the second, and MIGRATE moves keys between them', async () => {
    const { page, run } = await rig();
    const first = await page.open();
    const second = await page.open({ port: 6380 });
    await expect.poll(() => run(second, 'ROLE')).toMatch(/"connected"/);
    expect(await run(second, 'REPLICAOF', 'NO', 'ONE')).toBe('OK');
    expect(await run(second, 'SET', 'moved', 'yes')).toBe('OK');
    expect(await run(second, 'MIGRATE', '127.0.0.1', '6379', 'moved', '0', '1000')).toBe('OK');
    expect(await run(first, 'GET', 'moved')).toBe('"yes"');
    expect(await run(first, 'REPLICAOF', '127.0.0.1', '6380')).toBe('OK');
    await expect.poll(() => run(first, 'ROLE')).toMatch(/^\["slave","127\.0\.0\.1",:6380,"connected"/);
    // A full resync: the first now holds the second's data (its own `moved` is gone with the rest).
    expect(await run(first, 'EXISTS', 'moved')).toBe(':0');
  });

  it('refuses a port nothing listens on, and a handle it never gave', async () => {
    const { page, run } = await rig();
    await expect(page.open({ port: 6381 })).rejects.toThrow('nothing listens on port 6381');
    const first = await page.open();
    expect(await run(first, 'SET', 'k', 'v')).toBe('OK');
    // Only this worker's two servers answer: any other address refuses the connection.
    expect(await run(first, 'MIGRATE', '10.0.0.1', '6380', 'k', '0', '100')).toBe('!IOERR error or timeout writing to target instance');
    const second = await page.open({ port: 6380 });
    await page.close(second);
    await expect(page.run(second, ['PING'])).rejects.toThrow();
    expect(SECOND_BASE).toBeGreaterThan(1_000_000);
  });

  it('comes back after a reload as it was: a replica syncs again, a master has its data', async () => {
    const before = await rig();
    const first = await before.page.open();
    const second = await before.page.open({ port: 6380 });
    expect(await before.run(first, 'SET', 'k', 'from-first')).toBe('OK');
    await expect.poll(() => before.run(second, 'GET', 'k')).toBe('"from-first"');
    expect(await before.run(second, 'REPLICAOF', 'NO', 'ONE')).toBe('OK');
    await expect.poll(() => before.store.record?.master).toBeNull();
    expect(await before.run(second, 'SET', 'own', 'kept')).toBe('OK');
    // The next serverCron run saves what changed.
    before.second().cronTick();
    await expect.poll(async () => ((await before.store.loadSecond())?.snapshot as Uint8Array | null)?.length ?? 0).toBeGreaterThan(0);

    const after = await rig(before.store);
    const again = await after.page.open({ port: 6380 });
    expect(await after.run(again, 'ROLE')).toMatch(/^\["master",/);
    expect(await after.run(again, 'GET', 'own')).toBe('"kept"');

    // Made a replica again: it is one after the next reload too.
    expect(await after.run(again, 'REPLICAOF', '127.0.0.1', '6379')).toBe('OK');
    await expect.poll(async () => (await after.store.loadSecond())?.master).toEqual(['127.0.0.1', 6379]);
    const third = await rig(after.store);
    const replica = await third.page.open({ port: 6380 });
    await expect.poll(() => third.run(replica, 'ROLE')).toMatch(/^\["slave","127\.0\.0\.1",:6379,"connected"/);
    expect(await third.run(replica, 'GET', 'own')).toBe('nil');
  });
});
