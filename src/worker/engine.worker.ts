// The Web Worker entry. The first tab's worker runs the engine every tab of the site uses, fed
// by its page's messages and, through tabs.ts, by the other tabs' workers, which relay theirs
// (relay.ts). The dataset is restored from the last snapshot and the journal of writes since
// (IndexedDB) before `ready`, so a reload or a crashed worker finds every key it had. Lua, the
// HELP lines and LOLWUT come after `ready` (message-gate.ts).

import { AdjustableClock } from '../engine/clock.js';
import { EngineHost } from './engine-host.js';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from './protocol.js';
import { restoreSaved } from './restore.js';
import { blobInSlices, indexedDbState } from './saved-state.js';
import { MessageGate } from './message-gate.js';
import { Nodes } from './nodes.js';
import type { Relay } from './relay.js';
import type { TabRouter } from './tab-router.js';
import { OWNER_LOCK, TABS_CHANNEL, tabLock, type TabChannel, type TabMessage } from './tabs.js';

declare const self: {
  postMessage(message: FromWorker): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
};

const locks = (navigator as Navigator & { locks?: LockManager }).locks;
const holdForever = () => new Promise<never>(() => {});
const post = (msg: FromWorker) => self.postMessage(msg);
/** The engine's way to every tab it serves (its page, and through tab-router.ts the others). */
let toTabs = post;
const saved = indexedDbState((reason) => toTabs({ type: 'storage-failed', reason }));

/**
 * What this worker is: the owner of the stored data (its engine is the one every tab uses), a
 * relay to another tab's owner (relay.ts), or, when the owner does not answer in our protocol
 * (a tab of an older version of the site), a read-only copy of the data, as before tabs shared
 * one engine. A lock free at once, or freed before any owner answers (this tab's own previous
 * worker, replaced after a crash, lets go a moment later), makes this worker the owner. Once an
 * owner has gone, the lock comes here and the page restarts this worker ('owner-gone'): the new
 * one owns the data, or relays to whichever tab took it first. Without Web Locks every worker
 * owns it, as before.
 */
function decideRole(): void {
  if (locks === undefined) {
    startEngine('owner');
    return;
  }
  void locks.request(OWNER_LOCK, { ifAvailable: true }, (lock) => {
    if (lock !== null) {
      startEngine('owner');
      return holdForever();
    }
    let decided = false;
    const decide = (fn: () => void) => {
      if (!decided) fn();
      decided = true;
    };
    // Listening to the tabs' channel until this worker knows it is not the owner's relay: the
    // owner's own broadcasts must not come back to its page through it.
    let relay: Relay | null = null;
    void locks.request(OWNER_LOCK, () => {
      if (decided) post({ type: 'owner-gone' });
      else
        decide(() => {
          relay?.close();
          startEngine('owner');
        });
      return holdForever();
    });
    const tab = crypto.randomUUID();
    // Held first, so that the owner's wait on it cannot end before this tab has begun.
    void locks.request(tabLock(tab), () => {
      void import('./relay.js').then(({ Relay }) => {
        if (decided) return;
        const channel = new BroadcastChannel(TABS_CHANNEL) as unknown as TabChannel;
        const mine = (relay = new Relay(channel, tab, PROTOCOL_VERSION, post));
        const copy = () =>
          decide(() => {
            mine.close();
            startEngine('copy');
          });
        void mine.found.then((ok) => (ok ? decide(() => take((msg) => mine.receive(msg))) : copy()));
        setTimeout(copy, 3000);
      });
      return holdForever();
    });
    return undefined;
  });
}

/** Page messages that came before the worker knew what it is, then where they go. */
let early: ToWorker[] | null = [];
let receive = (msg: ToWorker): void => void early!.push(msg);
self.onmessage = (event) => receive(event.data);
function take(to: (msg: ToWorker) => void): void {
  receive = to;
  for (const msg of early!) to(msg);
  early = null;
}

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
/** Starts this tab's engine: the one every tab uses ('owner'), or a read-only copy of the stored data. */
function startEngine(role: 'owner' | 'copy'): void {
  const owner = role === 'owner';
  // Real time that the inspector can pause and fast-forward (TTL lessons need no waiting).
  const clock = new AdjustableClock();
  const clockState = () => ({ ahead: clock.ahead, pausedAt: clock.paused ? clock.now() : null });
  // The owner's answers go to the tab they are for (tab-router.ts, once another tab has spoken);
  // a copy's only to its page.
  let router: TabRouter | null = null;
  let ready: Extract<FromWorker, { type: 'ready' }> | null = null;
  toTabs = (msg) => {
    if (msg.type === 'ready') ready = msg;
    if (router !== null) router.post(msg);
    else post(msg);
  };
  const timers = {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  // The second server (port 6380, a replica of this one) shares the clock; a copy keeps nothing.
  const nodes = new Nodes(
    (msg) => toTabs(msg),
    (post, connect, autosave) =>
      new EngineHost(post, {
        engine: { clock, monotonic: () => performance.now(), connect },
        timers,
        scriptSlice,
        schedule: (fn) => setTimeout(fn, 15),
        autosave: (image) => owner && autosave(image),
        autosaveTime: () => performance.now(),
        autosaveSlice,
      }),
  );
  const host = new EngineHost((msg) => toTabs(msg), {
    engine: { clock, monotonic: () => performance.now(), connect: nodes.connect },
    clock,
    timers,
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
    aofInMemory: true,
  });
  nodes.first = host;
  // Messages wait for the snapshot to load, and a command that may need Lua for its chunk.
  const gate = new MessageGate(nodes);
  take((msg) => gate.receive(msg));
  if (owner && locks !== undefined) {
    const channel = new BroadcastChannel(TABS_CHANNEL) as unknown as TabChannel;
    const first: TabMessage[] = [];
    channel.onmessage = (event) => {
      if (first.push(event.data) > 1) return;
      void import('./tab-router.js').then(({ TabRouter }) => {
        router = new TabRouter(
          ready,
          channel,
          PROTOCOL_VERSION,
          post,
          (msg) => gate.receive(msg),
          (tab, gone) => {
            void locks.request(tabLock(tab), () => gone());
          },
        );
        for (const data of first) router.receive(data);
      });
    };
  }
  void restoreSaved(saved, clock, host.engine).then(({ unreadable, journal, snapshotNow }) => {
    // A copy of another tab's data: read-only, as a replica is (nothing here would be kept).
    host.engine.replicaReadOnly = !owner;
    // Lua (a fifth of the engine's code), the HELP lines and LOLWUT are a chunk of their own,
    // fetched as `ready` goes out.
    const late = import('../engine/late.js').then(
      (m) => m.late,
      () => null,
    );
    host.start(unreadable, journal, !owner);
    // A stored snapshot that could not be loaded is replaced by the (empty) dataset there is now.
    if (snapshotNow && owner) host.compact();
    gate.open(late);
  });
}

decideRole();
