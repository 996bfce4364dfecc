// The Web Worker entry: one EngineHost per worker, fed by the page's messages. The dataset is
// restored from the last snapshot and the journal of writes since (IndexedDB) before `ready`,
// so a reload or a crashed worker finds every key it had. Lua, the HELP lines and LOLWUT come after `ready`
// (message-gate.ts).

import { AdjustableClock } from '../engine/clock.js';
import { EngineHost } from './engine-host.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { restoreSaved } from './restore.js';
import { blobInSlices, indexedDbState } from './saved-state.js';
import { MessageGate } from './message-gate.js';

declare const self: {
  postMessage(message: FromWorker): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
};

const saved = indexedDbState();

/** The Web Lock the worker that owns the stored data holds for its whole life. */
const OWNER_LOCK = 'redis-playground-data';

/**
 * Whether this worker owns the stored data: only one engine journals and snapshots into it, so
 * two tabs never overwrite each other. A lock held elsewhere for more than a second is another
 * tab's (this tab's own previous worker, replaced after a crash, lets go at once); `onFree`
 * says when that tab has closed. Without Web Locks, every worker owns it, as before.
 */
function ownStorage(onFree: () => void): Promise<boolean> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks === undefined) return Promise.resolve(true);
  const holdForever = () => new Promise<never>(() => {});
  return new Promise((resolve) => {
    void locks.request(OWNER_LOCK, { ifAvailable: true }, (lock) => {
      if (lock !== null) {
        resolve(true);
        return holdForever();
      }
      let decided = false;
      setTimeout(() => {
        if (!decided) resolve(false);
        decided = true;
      }, 1000);
      void locks.request(OWNER_LOCK, () => {
        if (decided) onFree();
        else resolve(true);
        decided = true;
        return holdForever();
      });
      return undefined;
    });
  });
}
let owner = false;
// A long script's slices run as tasks of their own: a MessageChannel's message comes with none
// of setTimeout's 4 ms clamp.
const slices: (() => void)[] = [];
const sliceChannel = new MessageChannel();
sliceChannel.port1.onmessage = () => slices.shift()?.();
const scriptSlice = (fn: () => void) => {
  slices.push(fn);
  sliceChannel.port2.postMessage(null);
};
// The autosave's slices are timers: Chromium runs a worker's own MessageChannel tasks ahead of
// the page's messages, so a typed command waited for a whole save (bench/autosave.ts), where a
// timer lets it in between two slices. The clamp only spaces a background save out.
const autosaveSlice = (fn: () => void) => void setTimeout(fn, 0);
// Real time that the inspector can pause and fast-forward (TTL lessons need no waiting).
const clock = new AdjustableClock();
const clockState = () => ({ ahead: clock.ahead, pausedAt: clock.paused ? clock.now() : null });
const host = new EngineHost((msg) => self.postMessage(msg), {
  engine: { clock, monotonic: () => performance.now() },
  clock,
  timers: {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
  autosave: (image, journalFrom) => {
    if (!owner) return;
    const at = clockState();
    blobInSlices(image, autosaveSlice, (snapshot) => saved.save({ snapshot, ...at }, journalFrom));
  },
  // Every write reaches IndexedDB at the end of the task that made it, with the clock's state.
  journal: (entry) => {
    if (owner) saved.append({ ...entry, ...clockState() });
  },
  autosaveTime: () => performance.now(),
  autosaveSlice,
  scriptSlice,
  // Change events go to the page at most every 15 ms, not after every command: a paste or a
  // client writing thousands of keys a second would otherwise send the page a message each.
  schedule: (fn) => setTimeout(fn, 15),
  discardUnreadable: () => saved.dropUnreadable(),
});

// Messages wait for the snapshot to load, and a command that may need Lua for its chunk.
const gate = new MessageGate(host);
self.onmessage = (event) => gate.receive(event.data);

const ownership = ownStorage(() => self.postMessage({ type: 'owner-free' }));
void Promise.all([ownership, restoreSaved(saved, clock, host.engine)]).then(([mine, { unreadable, journal, snapshotNow }]) => {
  owner = mine;
  // A copy of another tab's data: read-only, as a replica is (nothing here would be kept).
  host.engine.replicaReadOnly = !mine;
  // Lua (a fifth of the engine's code), the HELP lines and LOLWUT are a chunk of their own,
  // fetched as `ready` goes out.
  const late = import('../engine/late.js').then(
    (m) => m.late,
    () => null,
  );
  host.start(unreadable, journal, !mine);
  // A stored snapshot that could not be loaded is replaced by the (empty) dataset there is now.
  if (snapshotNow && mine) host.compact();
  gate.open(late);
});
