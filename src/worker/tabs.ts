// Several tabs of the site, one engine. The first tab's worker owns the stored data (a Web Lock
// held for its life) and runs the engine; the worker of any other tab runs none and relays its
// page's messages to the owner over a BroadcastChannel (relay.ts), so every tab reads and
// writes one dataset, journaled once; the owner routes what its engine says (tab-router.ts).
// Here: the names and the messages the workers exchange.

import type { FromWorker, ToWorker } from './protocol.js';

/** The channel every worker of the site listens on, and the lock prefixes. */
export const TABS_CHANNEL = 'redis-playground-tabs';
/** Held by the worker that owns the stored data, for its whole life. */
export const OWNER_LOCK = 'redis-playground-data';
/** Held by a relaying tab's worker for its life: the owner waits on it to learn the tab has gone. */
export const tabLock = (tab: string) => `redis-playground-tab:${tab}`;

/** What the tabs' workers say to each other: `to` names a tab, or '*' for all of them. */
export type TabMessage =
  /** A relaying tab looks for the owner (and the version of the protocol it speaks). */
  | { kind: 'hello'; from: string; version: number }
  /** The owner is there: `ready` once its engine is, null while the dataset loads. */
  | { kind: 'owner'; to: string; version: number; ready: Extract<FromWorker, { type: 'ready' }> | null }
  /** A page's request, from its relaying worker. */
  | { kind: 'request'; from: string; msg: ToWorker }
  /** The owner's answer or unsolicited message for a tab (or '*'). */
  | { kind: 'answer'; to: string; msg: FromWorker };

/** The part of a BroadcastChannel the tabs use (a fake in tests). */
export interface TabChannel {
  postMessage(message: TabMessage): void;
  onmessage: ((event: { data: TabMessage }) => void) | null;
}
