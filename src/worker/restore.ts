// Start-up: the dataset comes back from the last snapshot and the journal written since (every
// write after it, in order). A snapshot that cannot be loaded is set aside rather than dropped,
// and the page is told (`ready.unreadable`) until the learner has downloaded or discarded it;
// the engine then starts empty (the journal's writes applied to nothing would be a dataset
// that never was), and a new snapshot should be made at once for what follows to build on.

import type { AdjustableClock } from '../engine/clock.js';
import type { Engine } from '../engine/engine.js';
import { loadSnapshot } from '../engine/persistence.js';
import { bytesFromLatin1 } from '../engine/rdb-encodings.js';
import type { SavedState, Unreadable } from './saved-state.js';

export interface Restored {
  /** A stored dataset that could not be loaded, kept aside, or null. */
  unreadable: Unreadable | null;
  /** The number the next journal entry takes, and the bytes the journal holds already. */
  journal: { next: number; bytes: number };
  /** The stored snapshot could not be loaded: the host should store a new one now. */
  snapshotNow: boolean;
}

export async function restoreSaved(store: SavedState, clock: AdjustableClock, engine: Engine): Promise<Restored> {
  const state = await store.load();
  let unreadable: Unreadable | null = null;
  if (state !== null) {
    // The clock comes back first (fast-forwarded, held back, or paused), so TTLs keep the time
    // left they had.
    clock.restore(state);
    try {
      loadSnapshot(engine, state.snapshot);
    } catch (e) {
      clock.restore({ ahead: 0, pausedAt: null });
      const copy = { data: state.snapshot, reason: e instanceof Error ? e.message : String(e), at: Date.now() };
      await store.keepUnreadable(copy);
      // Told even when storage could not keep it: the copy still travels with `ready`.
      unreadable = (await store.unreadable()) ?? copy;
    }
  }
  const entries = await store.journal();
  let bytes = 0;
  if (entries.length !== 0 && unreadable === null) {
    // The clock as it stood after the last write, then the writes (their times are absolute).
    clock.restore(entries[entries.length - 1]!);
    const text = entries.map((e) => e.text).join('');
    bytes = text.length;
    // Fetched only when there is a journal to replay: a first visit never needs it.
    const { replayAof } = await import('../engine/aof-replay.js');
    const failed = replayAof(engine, text);
    if (failed !== null && unreadable === null) {
      const copy = { data: bytesFromLatin1(text), reason: `the journal of writes since the last snapshot: ${failed}`, at: Date.now() };
      await store.keepUnreadable(copy);
      unreadable = (await store.unreadable()) ?? copy;
    }
  }
  const snapshotNow = unreadable !== null;
  unreadable ??= await store.unreadable();
  const next = entries.length === 0 ? 0 : entries[entries.length - 1]!.seq + 1;
  return { unreadable, journal: { next, bytes }, snapshotNow };
}
