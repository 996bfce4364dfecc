import { afterEach, describe, expect, it } from 'vitest';
import { AdjustableClock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { snapshot } from '../engine/persistence.js';
import { WorkerClient } from './client.js';
import { EngineHost } from './engine-host.js';
import type { ToWorker } from './protocol.js';
import { restoreSaved } from './restore.js';
import { blobInSlices, memoryState, type Unreadable } from './saved-state.js';

/** A dataset with one key, as an autosave stores it. */
function savedWith(key: string, value: string): Uint8Array {
  const e = new Engine();
  const c = e.createClient();
  e.execute(c, ['SET', key, value]);
  return snapshot(e);
}

describe('restoreSaved', () => {
  it('loads a readable dataset and reports nothing', async () => {
    const store = memoryState({ dataset: { snapshot: savedWith('k', 'v'), ahead: 0, pausedAt: null } });
    const engine = new Engine();
    expect((await restoreSaved(store, new AdjustableClock(), engine)).unreadable).toBeNull();
    expect(engine.dbs[0]!.size).toBe(1);
  });

  it('sets an unreadable dataset aside with the reason, starts empty on real time', async () => {
    const bad = new Uint8Array([82, 69, 68, 73, 83, 48, 48, 49, 48, 255, 1, 2, 3]);
    const store = memoryState({ dataset: { snapshot: bad, ahead: 60_000, pausedAt: null } });
    const engine = new Engine();
    const clock = new AdjustableClock();
    const copy = (await restoreSaved(store, clock, engine)).unreadable;
    expect(copy).not.toBeNull();
    expect(copy!.data).toEqual(bad);
    expect(copy!.reason).not.toBe('');
    expect(engine.dbs.every((db) => db.size === 0)).toBe(true);
    expect(clock.ahead).toBe(0);
    // Kept in storage, apart from the autosaves that follow.
    store.save({ snapshot: savedWith('new', 'work'), ahead: 0, pausedAt: null });
    expect((await store.unreadable())!.data).toEqual(bad);
  });

  it('sets a record of another shape aside as bytes rather than dropping it', async () => {
    const store = memoryState({ dataset: { something: 'else' } });
    const copy = (await restoreSaved(store, new AdjustableClock(), new Engine())).unreadable;
    expect(new TextDecoder().decode(copy!.data)).toBe('{"something":"else"}');
  });

  it("makes one Blob of an image's chunks, about a megabyte per slice", async () => {
    const chunks = [5, 700_000, 700_000, 3 << 20, 10].map((n, i) => new Uint8Array(n).fill(i + 1));
    const slices: (() => void)[] = [];
    let blob: Blob | null = null;
    blobInSlices(
      chunks,
      (fn) => slices.push(fn),
      (b) => (blob = b),
    );
    let ran = 1;
    for (; slices.length > 0; ran++) slices.shift()!();
    // 5 B + 700 KB, 700 KB, 3 MB (a chunk is never split), 10 B.
    expect(ran).toBe(4);
    expect(Buffer.from(await blob!.arrayBuffer()).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('a stored Blob the browser can no longer read is reported, not taken for an empty dataset', async () => {
    class Lost extends Blob {
      override arrayBuffer(): Promise<ArrayBuffer> {
        return Promise.reject(new Error('NotReadableError'));
      }
    }
    const store = memoryState({ dataset: { snapshot: new Lost([savedWith('k', 'v') as BlobPart]), ahead: 0, pausedAt: null } });
    const copy = (await restoreSaved(store, new AdjustableClock(), new Engine())).unreadable;
    expect(new TextDecoder().decode(copy!.data)).toBe('the stored snapshot could not be read: Error: NotReadableError');
  });

  it('keeps reporting a copy set aside earlier until it is discarded', async () => {
    const earlier: Unreadable = { data: new Uint8Array([1, 2, 3]), reason: 'Wrong RDB checksum', at: 1 };
    const store = memoryState({ dataset: { snapshot: savedWith('k', 'v'), ahead: 0, pausedAt: null }, unreadable: earlier });
    const engine = new Engine();
    expect((await restoreSaved(store, new AdjustableClock(), engine)).unreadable).toEqual(earlier);
    expect(engine.dbs[0]!.size).toBe(1);
    await store.dropUnreadable();
    expect((await restoreSaved(store, new AdjustableClock(), new Engine())).unreadable).toBeNull();
  });

  it('replays the journal after the snapshot, with the clock of its last entry, and numbers on from it', async () => {
    const store = memoryState({
      dataset: { snapshot: savedWith('k', 'v'), ahead: 0, pausedAt: null },
      entries: [
        { seq: 7, text: '*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n', ahead: 0, pausedAt: null },
        { seq: 8, text: '*2\r\n$4\r\nINCR\r\n$1\r\na\r\n', ahead: 0, pausedAt: null },
        { seq: 9, text: '', ahead: 3_600_000, pausedAt: null },
      ],
    });
    const engine = new Engine();
    const clock = new AdjustableClock();
    const restored = await restoreSaved(store, clock, engine);
    expect(restored.unreadable).toBeNull();
    expect(restored.journal.next).toBe(10);
    expect(clock.ahead).toBe(3_600_000);
    expect(engine.dbs[0]!.size).toBe(1);
    expect(engine.dbs[2]!.dict.get('a')).toMatchObject({ type: 'string', value: '2' });
  });

  it('after a snapshot that cannot be loaded the journal is not replayed, and a new snapshot is asked for', async () => {
    const bad = new Uint8Array([82, 69, 68, 73, 83, 48, 48, 49, 48, 255, 1, 2, 3]);
    const store = memoryState({
      dataset: { snapshot: bad, ahead: 0, pausedAt: null },
      entries: [{ seq: 4, text: '*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n', ahead: 0, pausedAt: null }],
    });
    const engine = new Engine();
    const restored = await restoreSaved(store, new AdjustableClock(), engine);
    expect(restored.unreadable!.data).toEqual(bad);
    expect(restored.snapshotNow).toBe(true);
    expect(restored.journal.next).toBe(5);
    expect(engine.dbs[0]!.size).toBe(0);
  });

  it('a journal that cannot be replayed is set aside after what it could apply', async () => {
    const store = memoryState({ entries: [{ seq: 0, text: '*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n*1\r\n$6\r\nNOSUCH\r\n', ahead: 0, pausedAt: null }] });
    const engine = new Engine();
    const { unreadable } = await restoreSaved(store, new AdjustableClock(), engine);
    expect(unreadable!.reason).toBe("the journal of writes since the last snapshot: Unknown command 'NOSUCH' reading the append only file journal");
    expect(engine.dbs[0]!.size).toBe(1);
  });
});

describe('the unreadable copy over the worker protocol', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const ch of channels.splice(0)) {
      ch.port1.close();
      ch.port2.close();
    }
  });

  it('comes with ready, and discard-unreadable forgets it', async () => {
    const store = memoryState({ unreadable: { data: new Uint8Array([9, 9]), reason: 'Short read', at: 5 } });
    const wc = new WorkerClient(() => {
      const ch = new MessageChannel();
      channels.push(ch);
      const host = new EngineHost((m) => ch.port2.postMessage(m), { discardUnreadable: () => store.dropUnreadable() });
      ch.port2.onmessage = (e) => host.handle(e.data as ToWorker);
      void store.unreadable().then((copy) => host.start(copy));
      return ch.port1;
    });
    await wc.ready;
    expect(wc.unreadable).toEqual({ data: new Uint8Array([9, 9]), reason: 'Short read', at: 5 });
    await wc.discardUnreadable();
    expect(wc.unreadable).toBeNull();
    expect(await store.unreadable()).toBeNull();
  });
});
