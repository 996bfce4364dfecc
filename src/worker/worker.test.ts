import { afterEach, describe, expect, it } from 'vitest';
import { AdjustableClock, VirtualClock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { memoryFigures } from '../engine/memory.js';
import { loadSnapshot } from '../engine/persistence.js';
import type { Reply } from '../shared/reply.js';
import { WorkerClient, WorkerRequestError, WorkerRestartedError } from './client.js';
import { EngineHost } from './engine-host.js';
import { manualTimers } from '../../test/manual-timers.js';
import { PROTOCOL_VERSION, type ChangeEvent, type FromWorker, type ToWorker } from './protocol.js';
import { restoreSaved } from './restore.js';
import { blobInSlices, memoryState } from './saved-state.js';
import { late } from '../engine/late.js';

interface Rig {
  wc: WorkerClient;
  host: () => EngineHost;
  clock: VirtualClock;
  tick: () => void;
  hosts: number;
}

const open: MessageChannel[] = [];
afterEach(() => {
  for (const ch of open.splice(0)) {
    ch.port1.close();
    ch.port2.close();
  }
});

/** WorkerClient ↔ EngineHost over a real MessageChannel (structured clone included). */
function rig(): Rig {
  const clock = new VirtualClock();
  let current: EngineHost | undefined;
  // The host's timers, run by hand: tick() fires serverCron's (hz 10: every 100 ms).
  const { timers, armed } = manualTimers();
  const r: Rig = {
    wc: undefined as unknown as WorkerClient,
    host: () => current!,
    clock,
    tick: () => {
      const cron = armed.find((t) => t.ms === 100)!;
      timers.clearTimeout(cron.id);
      cron.fn();
    },
    hosts: 0,
  };
  r.wc = new WorkerClient(() => {
    const ch = new MessageChannel();
    open.push(ch);
    const host = new EngineHost((m) => ch.port2.postMessage(m), { engine: { clock }, timers });
    ch.port2.onmessage = (e) => host.handle(e.data as ToWorker);
    current = host;
    r.hosts++;
    host.start();
    return ch.port1;
  });
  return r;
}

/** Waits for messages to cross the channel: polled up to expect.poll's deadline (vite.config.ts). */
async function until(pred: () => boolean): Promise<void> {
  await expect.poll(pred).toBe(true);
}

const bulk = (v: string | null): Reply => ({ t: 'bulk', v });

/** An EngineHost on an AdjustableClock over a real time the test moves, and what it sends. */
function clockRig() {
  let t = 1_700_000_000_000;
  const real = { now: () => t, pass: (ms: number) => void (t += ms) };
  const clock = new AdjustableClock(real.now);
  const out: FromWorker[] = [];
  const host = new EngineHost((m) => out.push(m), { engine: { clock }, clock, schedule: (fn) => fn() });
  return { real, out, host };
}

describe('WorkerClient ↔ EngineHost', () => {
  it('announces ready and round-trips SET/GET with byte strings', async () => {
    const { wc } = rig();
    expect(await wc.ready).toBe(PROTOCOL_VERSION);
    const h = await wc.open();
    expect((await wc.run(h, ['SET', 'k\xff', '\xec\x95\x88'])).replies).toEqual([{ t: 'simple', v: 'OK' }]);
    const r = await wc.run(h, ['GET', 'k\xff']);
    expect(r.replies).toEqual([bulk('\xec\x95\x88')]);
    expect(r).toMatchObject({ resp: 2, db: 0, inMulti: false });
    expect((await wc.run(h, ['INCRBY', 'n', '9223372036854775807'])).replies[0]).toMatchObject({ t: 'int' });
    expect(wc.remoteId(h)).toBe(3); // a fresh redis-server's first connection
  });

  it('sends the command table documentation with ready, as plain data', async () => {
    const { wc } = rig();
    await wc.ready;
    const get = wc.commands.find((c) => c.name === 'get');
    expect(get).toEqual({ name: 'get', syntax: 'key', summary: get!.summary, since: '1.0.0', group: 'string', arity: 2, complexity: 'O(1)', keys: [1, 1, 1] });
    const config = wc.commands.find((c) => c.name === 'config');
    expect(config?.subcommands?.map((s) => s.name)).toContain('get');
    expect(config).toMatchObject({ arity: -2, keys: [0, 0, 0] });
    expect(config?.complexity).toBe('Depends on the subcommand');
    expect(config?.subcommands?.find((s) => s.name === 'get')).toMatchObject({ arity: -3, keys: [0, 0, 0] });
    expect(wc.commands.find((c) => c.name === 'mset')).toMatchObject({ arity: -3, keys: [1, -1, 2] });
    expect(structuredClone(wc.commands)).toEqual(wc.commands);
  });

  it('keeps RESP3 types after HELLO 3 and reports the resp version', async () => {
    const { wc } = rig();
    const h = await wc.open();
    const hello = await wc.run(h, ['HELLO', '3']);
    expect(hello.resp).toBe(3);
    expect(hello.replies[0]!.t).toBe('map');
    await wc.run(h, ['HSET', 'h', 'f', 'v']);
    const all = await wc.run(h, ['HGETALL', 'h']);
    expect(all.replies).toEqual([{ t: 'map', v: [[bulk('f'), bulk('v')]] }]);
    await wc.run(h, ['SELECT', '3']);
    expect(wc.state(h)).toEqual({ resp: 3, db: 3, inMulti: false });
  });

  it('two clients: WATCH broken by the other one, MULTI flag tracked', async () => {
    const { wc } = rig();
    const a = await wc.open();
    const b = await wc.open();
    await wc.run(a, ['WATCH', 'k']);
    await wc.run(b, ['SET', 'k', 'theirs']);
    const multi = await wc.run(a, ['MULTI']);
    expect(multi.inMulti).toBe(true);
    const queued = await wc.run(a, ['SET', 'k', 'mine']);
    expect(queued.replies).toEqual([{ t: 'simple', v: 'QUEUED' }]);
    expect(queued.inMulti).toBe(true);
    const exec = await wc.run(a, ['EXEC']);
    expect(exec.replies).toEqual([{ t: 'array', v: null }]);
    expect(exec.inMulti).toBe(false);
    expect((await wc.run(b, ['GET', 'k'])).replies).toEqual([bulk('theirs')]);
  });

  it('batches change events of one command into one message', async () => {
    const { wc } = rig();
    const batches: ChangeEvent[][] = [];
    wc.onChanges((e) => batches.push(e));
    const h = await wc.open();
    await wc.run(h, ['MSET', 'a', '1', 'b', '2', 'c', '3']);
    await until(() => batches.length === 1);
    expect(batches[0]).toEqual([
      { db: 0, key: 'a', event: 'set' },
      { db: 0, key: 'b', event: 'set' },
      { db: 0, key: 'c', event: 'set' },
    ]);
    await wc.run(h, ['SELECT', '1']);
    await wc.run(h, ['DEL', 'x']);
    await wc.run(h, ['SET', 'x', '1']);
    await until(() => batches.length === 2);
    expect(batches[1]).toEqual([{ db: 1, key: 'x', event: 'set' }]);
  });

  it('pages a snapshot with types and TTLs, hiding (not deleting) expired keys', async () => {
    const { wc, clock, host } = rig();
    const h = await wc.open();
    for (let i = 0; i < 25; i++) await wc.run(h, ['SET', `k${i}`, 'v', ...(i % 2 ? ['EX', '100'] : [])]);
    await wc.run(h, ['RPUSH', 'list', 'x']);
    await wc.run(h, ['SET', 'gone', 'v', 'PX', '10']);
    clock.advance(20);
    const seen = new Map<string, { type: string; ttl: number }>();
    let cursor = 0;
    let pages = 0;
    do {
      const page = await wc.snapshot(0, cursor, 10);
      expect(page.keys.length).toBeLessThanOrEqual(10);
      expect(page.size).toBe(27);
      for (const k of page.keys) seen.set(k.key, { type: k.type, ttl: k.ttl });
      cursor = page.cursor;
      pages++;
    } while (cursor !== 0);
    expect(pages).toBe(3);
    expect(seen.size).toBe(26);
    expect(seen.get('k0')).toEqual({ type: 'string', ttl: -1 });
    expect(seen.get('k1')).toEqual({ type: 'string', ttl: 100_000 - 20 });
    expect(seen.get('list')).toEqual({ type: 'list', ttl: -1 });
    expect(seen.has('gone')).toBe(false);
    expect(host().engine.dbs[0]!.dict.has('gone')).toBe(true);
    await expect(wc.snapshot(99)).rejects.toThrow('no database 99');
  });

  it('answers the memory line (used_memory, maxmemory, policy, evicted_keys) and each evicted key as a change', async () => {
    const { wc, host } = rig();
    const events: ChangeEvent[] = [];
    wc.onChanges((e) => events.push(...e));
    const h = await wc.open();
    // Evictions and MEMORY are late parts, which the worker gets after its first prompt.
    host().engine.provideLate(late);
    const before = await wc.memory();
    expect(before).toMatchObject({ maxmemory: 0, policy: 'noeviction', evicted: 0 });
    expect(before.used).toBe(memoryFigures(host().engine).used);
    await wc.run(h, ['CONFIG', 'SET', 'maxmemory', '1mb', 'maxmemory-policy', 'allkeys-lru']);
    for (let i = 0; i < 30; i++) await wc.run(h, ['MSET', ...Array.from({ length: 100 }, (_, j) => [`key:${i * 100 + j}`, 'x'.repeat(100)]).flat()]);
    const view = await wc.memory();
    expect(view).toMatchObject({ maxmemory: 1048576, policy: 'allkeys-lru' });
    expect(view.evicted).toBeGreaterThan(0);
    // INFO memory's used_memory and INFO stats' evicted_keys.
    expect(view.evicted).toBe(host().engine.stats.evictedKeys);
    expect(view.used).toBe(memoryFigures(host().engine).used);
    await until(() => events.filter((e) => e.event === 'evicted').length === view.evicted);
    // A key's details carry MEMORY USAGE's answer (with no limit: any key may be evicted under one).
    await wc.run(h, ['CONFIG', 'SET', 'maxmemory', '0']);
    await wc.run(h, ['RPUSH', 'list', 'a', 'b', 'c']);
    const usage = await wc.run(h, ['MEMORY', 'USAGE', 'list']);
    expect((await wc.inspect(0, 'list'))!.memory).toBe(Number(usage.replies[0]!.v));
  });

  it('finds key names by prefix for completion, SCAN-like: a capped walk that a cursor continues', async () => {
    const { wc, clock } = rig();
    const h = await wc.open();
    for (let i = 0; i < 300; i++) await wc.run(h, ['SET', `user:${i}`, 'v']);
    for (let i = 0; i < 300; i++) await wc.run(h, ['SET', `order:${i}`, 'v']);
    await wc.run(h, ['SET', '\xec\x9d\xb4\xeb\xa6\x84', 'v']); // 이름, as UTF-8 bytes
    await wc.run(h, ['SET', 'user:gone', 'v', 'PX', '10']);
    clock.advance(20);
    // One call looks at no more than `count` keys, however many would match.
    const first = await wc.scanKeys(0, 'user:', { count: 100, limit: 1000 });
    expect(first.cursor).not.toBe(0);
    expect(first.keys.length).toBeGreaterThan(0);
    expect(first.keys.length).toBeLessThanOrEqual(100);
    expect(first.keys.every((k) => k.startsWith('user:'))).toBe(true);
    // Going on from the cursor finds them all, and never the expired one.
    const all = new Set(first.keys);
    let cursor = first.cursor;
    while (cursor !== 0) {
      const page = await wc.scanKeys(0, 'user:', { cursor, count: 100, limit: 1000 });
      for (const k of page.keys) all.add(k);
      cursor = page.cursor;
    }
    expect(all.size).toBe(300);
    expect(all.has('user:gone')).toBe(false);
    // `limit` stops the walk early; a prefix in bytes finds a Korean name.
    expect((await wc.scanKeys(0, '', { limit: 5 })).keys).toHaveLength(5);
    expect((await wc.scanKeys(0, '\xec\x9d\xb4', { count: 1000 })).keys).toEqual(['\xec\x9d\xb4\xeb\xa6\x84']);
    expect((await wc.scanKeys(1, 'user:')).keys).toEqual([]);
    await expect(wc.scanKeys(0, 'user:', { count: 0 })).rejects.toThrow('count must be a positive integer');
    await expect(wc.scanKeys(99, '')).rejects.toThrow('no database 99');
  });

  it('turns an engine exception into an error reply and keeps going', async () => {
    const { wc, host } = rig();
    const h = await wc.open();
    const engine = host().engine;
    const real = engine.execute.bind(engine);
    engine.execute = (c, argv) => {
      if (argv[0] === 'BOOM') throw new TypeError('cannot read x\nof undefined');
      return real(c, argv);
    };
    const r = await wc.run(h, ['BOOM']);
    expect(r.replies).toEqual([{ t: 'error', v: 'ERR internal error: cannot read x of undefined' }]);
    expect((await wc.run(h, ['PING'])).replies).toEqual([{ t: 'simple', v: 'PONG' }]);
  });

  it('runs the expiry cycle on its timer and emits an expired change', async () => {
    const { wc, clock, tick } = rig();
    const events: ChangeEvent[] = [];
    wc.onChanges((e) => events.push(...e));
    const h = await wc.open();
    await wc.run(h, ['SET', 'k', 'v', 'PX', '100']);
    clock.advance(101);
    tick();
    await until(() => events.some((e) => e.event === 'expired'));
    expect(events).toContainEqual({ db: 0, key: 'k', event: 'expired' });
    expect((await wc.run(h, ['DBSIZE'])).replies).toEqual([{ t: 'int', v: 0 }]);
  });

  it('rejects requests for unknown or closed connections; QUIT ends the connection', async () => {
    const { wc } = rig();
    const h = await wc.open();
    const ended: [number, string][] = [];
    wc.onClosed((handle, reason) => ended.push([handle, reason]));
    expect((await wc.run(h, ['QUIT'])).replies).toEqual([{ t: 'simple', v: 'OK' }]);
    await until(() => ended.length === 1);
    expect(ended).toEqual([[h, 'quit']]);
    await expect(wc.run(h, ['PING'])).rejects.toBeInstanceOf(WorkerRequestError);
    const h2 = await wc.open();
    await wc.close(h2);
    await expect(wc.run(h2, ['PING'])).rejects.toThrow(`no connection ${h2}`);
  });

  it('delivers pushes to other clients (CLIENT TRACKING invalidation)', async () => {
    const { wc } = rig();
    const pushes: [number, Reply][] = [];
    wc.onPush((h, r) => pushes.push([h, r]));
    const a = await wc.open({ resp: 3 });
    const b = await wc.open();
    await wc.run(a, ['CLIENT', 'TRACKING', 'ON']);
    await wc.run(a, ['GET', 'k']);
    await wc.run(b, ['SET', 'k', 'v']);
    await until(() => pushes.length === 1);
    expect(pushes[0]![0]).toBe(a);
    expect(pushes[0]![1]).toEqual({ t: 'push', v: [bulk('invalidate'), { t: 'array', v: [bulk('k')] }] });
  });

  it('restart: rejects requests in flight, re-opens connections with their resp and db, data is lost', async () => {
    const r = rig();
    const { wc } = r;
    const restarts: string[] = [];
    wc.onRestart((why) => restarts.push(why));
    const h = await wc.open();
    await wc.run(h, ['HELLO', '3']);
    await wc.run(h, ['SELECT', '2']);
    await wc.run(h, ['SET', 'k', 'v']);
    const inFlight = expect(wc.run(h, ['GET', 'k'])).rejects.toBeInstanceOf(WorkerRestartedError);
    await wc.restart('test');
    await inFlight;
    expect(restarts).toEqual(['test']);
    expect(r.hosts).toBe(2);
    const after = await wc.run(h, ['GET', 'k']);
    expect(after.replies).toEqual([bulk(null)]);
    expect(after).toMatchObject({ resp: 3, db: 2, inMulti: false });
  });
});

describe('WorkerClient over a fake synchronous Worker', () => {
  it('restarts by itself when the worker reports an error, terminating the dead one', async () => {
    const made: { terminated: boolean; onerror: ((e: unknown) => void) | null }[] = [];
    const wc = new WorkerClient(() => {
      const host = new EngineHost((m) => port.onmessage?.({ data: structuredClone(m) }), { schedule: () => {} });
      const port = {
        terminated: false,
        onerror: null as ((e: unknown) => void) | null,
        onmessage: null as ((e: { data: unknown }) => void) | null,
        postMessage: (m: unknown) => host.handle(structuredClone(m) as ToWorker),
        terminate() {
          this.terminated = true;
        },
      };
      made.push(port);
      queueMicrotask(() => host.start());
      return port;
    });
    const restarts: string[] = [];
    wc.onRestart((why) => restarts.push(why));
    const h = await wc.open({ db: 5 });
    await wc.run(h, ['SET', 'k', 'v']);
    made[0]!.onerror!(new Error('out of memory'));
    expect(restarts).toEqual(['the worker died']);
    expect(made[0]!.terminated).toBe(true);
    expect(made.length).toBe(2);
    const r = await wc.run(h, ['EXISTS', 'k']);
    expect(r.replies).toEqual([{ t: 'int', v: 0 }]);
    expect(r.db).toBe(5);
    expect(await wc.ready).toBe(PROTOCOL_VERSION);
  });
});

describe('EngineHost directly', () => {
  function direct() {
    const out: FromWorker[] = [];
    const queued: (() => void)[] = [];
    const host = new EngineHost((m) => out.push(m), { engine: { clock: new VirtualClock() }, schedule: (fn) => queued.push(fn) });
    return { host, out, queued };
  }

  it('flushes changes from several commands of a tick in one batch, after their results', () => {
    const { host, out, queued } = direct();
    host.handle({ type: 'open', id: 1 });
    // Like a fresh redis-server, the first connection is client 3.
    host.handle({ type: 'run', id: 2, clientId: 3, argv: ['SET', 'a', '1'] });
    host.handle({ type: 'run', id: 3, clientId: 3, argv: ['DEL', 'a'] });
    expect(queued.length).toBe(1);
    queued.shift()!();
    expect(out.map((m) => m.type)).toEqual(['opened', 'result', 'result', 'changes']);
    expect(out[3]).toEqual({
      type: 'changes',
      events: [
        { db: 0, key: 'a', event: 'set' },
        { db: 0, key: 'a', event: 'del' },
      ],
    });
  });

  it('autosaves a snapshot after changes, at most once per interval, that a new engine loads', () => {
    const clock = new VirtualClock();
    const saved: Uint8Array[] = [];
    const out: FromWorker[] = [];
    const host = new EngineHost((m) => out.push(m), {
      engine: { clock, late },
      autosave: (image) => saved.push(Buffer.concat(image)),
      autosaveIntervalMs: 1000,
    });
    host.cronTick();
    expect(saved.length).toBe(0); // nothing changed yet
    host.handle({ type: 'open', id: 1 });
    host.handle({ type: 'run', id: 2, clientId: 3, argv: ['RPUSH', 'queue', 'job:1', 'job:2'] });
    host.handle({ type: 'run', id: 3, clientId: 3, argv: ['SET', 'ttl', 'v', 'EX', '100'] });
    host.cronTick();
    expect(saved.length).toBe(1);
    host.handle({ type: 'run', id: 4, clientId: 3, argv: ['INCR', 'n'] });
    clock.advance(500);
    host.cronTick();
    expect(saved.length).toBe(1); // within the interval: waits
    clock.advance(600);
    host.cronTick();
    expect(saved.length).toBe(2);
    host.cronTick();
    expect(saved.length).toBe(2); // no change since: no save
    // Not a Redis save: the changes still count towards the `save` points.
    expect(host.engine.changesSinceLastSave).toBe(4); // RPUSH of two counts two, as in Redis

    const restored = new Engine({ clock });
    loadSnapshot(restored, saved[1]!);
    const c = restored.createClient();
    expect(restored.execute(c, ['LRANGE', 'queue', '0', '-1'])).toEqual({ t: 'array', v: [bulk('job:1'), bulk('job:2')] });
    expect(restored.execute(c, ['GET', 'n'])).toEqual(bulk('1'));
    expect(restored.execute(c, ['TTL', 'ttl'])).toEqual({ t: 'int', v: 99 });
  });

  it('makes an autosave in slices between messages: commands are answered meanwhile, and the image is the dataset when it began', () => {
    const clock = new VirtualClock();
    const saved: Uint8Array[] = [];
    const out: FromWorker[] = [];
    const slices: (() => void)[] = [];
    // Each look at the time is a millisecond later: a 5 ms slice is a few steps of keys.
    let time = 0;
    const host = new EngineHost((m) => out.push(m), {
      engine: { clock, late },
      autosave: (image) => saved.push(Buffer.concat(image)),
      autosaveSlice: (fn) => slices.push(fn),
      autosaveTime: () => time++,
      schedule: (fn) => fn(),
    });
    host.handle({ type: 'open', id: 1 });
    for (let b = 0; b < 20; b++) {
      const argv = ['MSET'];
      for (let i = 0; i < 1000; i++) argv.push(`k:${b * 1000 + i}`, 'old');
      host.handle({ type: 'run', id: 2, clientId: 3, argv });
    }
    host.cronTick();
    expect(host.autosaving).toBe(true);
    expect(slices.length).toBe(1); // one slice ran, the next waits its turn
    // Between slices: a PING is answered, and writes change keys both written and not yet.
    host.handle({ type: 'run', id: 3, clientId: 3, argv: ['PING'] });
    expect(out.at(-1)).toMatchObject({ type: 'result', id: 3, replies: [{ t: 'simple', v: 'PONG' }] });
    host.handle({ type: 'run', id: 4, clientId: 3, argv: ['MSET', 'k:0', 'new', 'k:19999', 'new', 'fresh', 'new'] });
    host.handle({ type: 'run', id: 5, clientId: 3, argv: ['DEL', 'k:10000'] });
    let ran = 0;
    while (slices.length > 0) {
      slices.shift()!();
      ran++;
    }
    expect(ran).toBeGreaterThan(3);
    expect(host.autosaving).toBe(false);
    expect(saved.length).toBe(1);
    const restored = new Engine({ clock });
    loadSnapshot(restored, saved[0]!);
    const c = restored.createClient();
    expect(restored.execute(c, ['DBSIZE'])).toEqual({ t: 'int', v: 20000 });
    expect(restored.execute(c, ['MGET', 'k:0', 'k:19999', 'k:10000', 'fresh'])).toEqual({
      t: 'array',
      v: [bulk('old'), bulk('old'), bulk('old'), { t: 'bulk', v: null }],
    });
    // The changes made during the save are in the next one.
    time += 2000;
    host.cronTick();
    while (slices.length > 0) slices.shift()!();
    expect(saved.length).toBe(2);
    const later = new Engine({ clock });
    loadSnapshot(later, saved[1]!);
    expect(later.execute(later.createClient(), ['MGET', 'k:0', 'k:10000', 'fresh'])).toEqual({
      t: 'array',
      v: [bulk('new'), { t: 'bulk', v: null }, bulk('new')],
    });
  });

  it('a worker that goes away during an autosave leaves the previous one as it was', async () => {
    const clock = new VirtualClock();
    const state = memoryState();
    const slices: (() => void)[] = [];
    let time = 0;
    const options = {
      engine: { clock, late },
      // As the worker stores it: a Blob, made in slices.
      autosave: (image: Uint8Array[]) =>
        blobInSlices(
          image,
          (fn) => fn(),
          (snapshot) => state.save({ snapshot, ahead: 0, pausedAt: null }),
        ),
      autosaveSlice: (fn: () => void) => slices.push(fn),
      autosaveTime: () => time++,
      schedule: (fn: () => void) => fn(),
    };
    const host = new EngineHost(() => undefined, options);
    host.handle({ type: 'open', id: 1 });
    host.handle({ type: 'run', id: 2, clientId: 3, argv: ['SET', 'kept', '1'] });
    host.cronTick();
    expect(host.autosaving).toBe(false); // one key: done in the first slice
    const first = state.dataset;
    for (let b = 0; b < 20; b++) {
      const argv = ['MSET'];
      for (let i = 0; i < 1000; i++) argv.push(`k:${b * 1000 + i}`, 'v');
      host.handle({ type: 'run', id: 3, clientId: 3, argv });
    }
    time += 2000;
    host.cronTick();
    expect(host.autosaving).toBe(true);
    // The page reloads: the worker is stopped between two slices.
    host.stop();
    slices.splice(0).forEach((fn) => fn());
    expect(state.dataset).toBe(first);
    const reloaded = new Engine({ clock });
    expect((await restoreSaved(state, new AdjustableClock(), reloaded)).unreadable).toBe(null);
    expect(reloaded.execute(reloaded.createClient(), ['KEYS', '*'])).toEqual({ t: 'array', v: [bulk('kept')] });
  });

  it('pauses and fast-forwards the shared clock; keys whose TTL passes go at once', () => {
    const { real, out, host } = clockRig();
    host.handle({ type: 'open', id: 1 });
    host.handle({ type: 'run', id: 2, clientId: 3, argv: ['SET', 'session', 'x', 'EX', '60'] });
    host.handle({ type: 'run', id: 3, clientId: 3, argv: ['SET', 'later', 'y', 'EX', '120'] });
    host.handle({ type: 'clock', id: 4, action: 'pause' });
    real.pass(90_000);
    host.handle({ type: 'run', id: 5, clientId: 3, argv: ['TTL', 'session'] });
    host.handle({ type: 'clock', id: 6, action: 'advance', ms: 61_000 });
    expect(out.find((m) => m.type === 'clock' && m.id === 6)).toEqual({ type: 'clock', id: 6, now: 1_700_000_061_000, paused: true, ahead: -29_000 });
    // Deleted by the fast-forward itself, not lazily: the inspector hears of it.
    expect(out.some((m) => m.type === 'changes' && m.events.some((e) => e.key === 'session' && e.event === 'expired'))).toBe(true);
    host.handle({ type: 'run', id: 7, clientId: 3, argv: ['DBSIZE'] });
    host.handle({ type: 'run', id: 8, clientId: 3, argv: ['TTL', 'later'] });
    const result = (id: number) => out.find((m) => m.type === 'result' && m.id === id) as { replies: Reply[] };
    expect(result(5).replies).toEqual([{ t: 'int', v: 60 }]);
    expect(result(7).replies).toEqual([{ t: 'int', v: 1 }]);
    expect(result(8).replies).toEqual([{ t: 'int', v: 59 }]);
    host.handle({ type: 'clock', id: 9, action: 'resume' });
    host.handle({ type: 'clock', id: 10, action: 'advance', ms: -1 });
    expect(out.at(-1)).toEqual({ type: 'error', id: 10, message: 'advance needs a positive number of ms' });
  });

  it('back to real time: the clock runs on real time again, and every TTL keeps the time it had left', () => {
    const { real, out, host } = clockRig();
    host.handle({ type: 'open', id: 1 });
    host.handle({ type: 'clock', id: 2, action: 'pause' });
    host.handle({ type: 'clock', id: 3, action: 'advance', ms: 86_400_000 });
    host.handle({ type: 'run', id: 4, clientId: 3, argv: ['SET', 'runner', 'x', 'EX', '3'] });
    real.pass(1_000);
    host.handle({ type: 'clock', id: 5, action: 'real' });
    expect(out.find((m) => m.type === 'clock' && m.id === 5)).toEqual({ type: 'clock', id: 5, now: real.now(), paused: false, ahead: 0 });
    host.handle({ type: 'run', id: 6, clientId: 3, argv: ['PTTL', 'runner'] });
    real.pass(3_001);
    host.handle({ type: 'run', id: 7, clientId: 3, argv: ['EXISTS', 'runner'] });
    const result = (id: number) => out.find((m) => m.type === 'result' && m.id === id) as { replies: Reply[] };
    expect(result(6).replies).toEqual([{ t: 'int', v: 3000 }]);
    expect(result(7).replies).toEqual([{ t: 'int', v: 0 }]);
  });

  it('answers malformed messages with error instead of throwing', () => {
    const { host, out } = direct();
    host.handle(null as unknown as ToWorker);
    host.handle({ type: 'nope', id: 7 } as unknown as ToWorker);
    host.handle({ type: 'run', id: 8, clientId: 42, argv: ['PING'] });
    host.handle({ type: 'open', id: 9 });
    host.handle({ type: 'run', id: 10, clientId: 3, argv: [1, 2] as unknown as string[] });
    host.handle({ type: 'open', id: 11, db: 16 });
    expect(out).toEqual([
      { type: 'error', id: null, message: 'message is not an object' },
      { type: 'error', id: 7, message: "unknown message type 'nope'" },
      { type: 'error', id: 8, message: 'no client 42' },
      { type: 'opened', id: 9, clientId: 3 },
      { type: 'error', id: 10, message: 'argv must be an array of strings' },
      { type: 'error', id: 11, message: 'no database 16' },
    ]);
    expect(host.engine.clients.size).toBe(1);
  });
});

describe('EngineHost and a script that runs on (#16)', () => {
  it('holds other runs until busy-reply-threshold (then BUSY), answers the inspector meanwhile, and SCRIPT KILL ends it', () => {
    const out: FromWorker[] = [];
    const slices: (() => void)[] = [];
    let now = 0;
    const host = new EngineHost((m) => out.push(m), {
      engine: { clock: new VirtualClock(), monotonic: () => now, late },
      scriptSlice: (fn) => slices.push(fn),
      schedule: () => {},
    });
    const answer = (id: number) => out.find((m) => 'id' in m && m.id === id);
    host.handle({ type: 'open', id: 1 });
    host.handle({ type: 'open', id: 2 });
    const [a, b] = out.map((m) => (m.type === 'opened' ? m.clientId : -1));
    host.handle({ type: 'run', id: 3, clientId: a!, argv: ['EVAL', 'while true do end', '0'] });
    expect(answer(3)).toMatchObject({ type: 'result', replies: [], blocked: true, script: 'eval' });
    host.handle({ type: 'run', id: 4, clientId: b!, argv: ['PING'] });
    host.handle({ type: 'run', id: 5, clientId: a!, argv: ['PING'] });
    host.handle({ type: 'snapshot', id: 6, db: 0, cursor: 0, count: 10 });
    expect(answer(4)).toBeUndefined();
    expect(answer(6)).toMatchObject({ type: 'snapshot', keys: [] });
    slices.shift()!();
    expect(answer(4)).toBeUndefined();
    now = 5000;
    slices.shift()!();
    expect(answer(4)).toMatchObject({ replies: [{ t: 'error', v: 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.' }] });
    expect(answer(5)).toBeUndefined();
    host.handle({ type: 'run', id: 7, clientId: b!, argv: ['SCRIPT', 'KILL'] });
    expect(answer(7)).toMatchObject({ replies: [{ t: 'simple', v: 'OK' }] });
    slices.shift()!();
    expect(out.find((m) => m.type === 'push')).toMatchObject({
      clientId: a,
      reply: { t: 'error', v: expect.stringMatching(/^ERR Script killed by user with SCRIPT KILL\.\.\. /) as unknown },
    });
    expect(answer(5)).toMatchObject({ replies: [{ t: 'simple', v: 'PONG' }] });
    expect(slices).toEqual([]);
  });
});
