// Start-up: the dataset comes back from the last autosave. One that cannot be loaded is set
// aside rather than dropped, and the page is told (`ready.unreadable`) until the learner has
// downloaded or discarded it; the engine then starts empty.

import type { AdjustableClock } from '../engine/clock.js';
import type { Engine } from '../engine/engine.js';
import { loadSnapshot } from '../engine/persistence.js';
import type { SavedState, Unreadable } from './saved-state.js';

export async function restoreSaved(store: SavedState, clock: AdjustableClock, engine: Engine): Promise<Unreadable | null> {
  const state = await store.load();
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
      return (await store.unreadable()) ?? copy;
    }
  }
  return store.unreadable();
}
