// Where the worker keeps the dataset between page loads and across a crashed worker: one RDB
// snapshot in IndexedDB (available in workers; structured clone stores the bytes as they are).
// Every failure (storage disabled, private browsing, quota) degrades to keeping nothing.

const DB_NAME = 'redis-playground';
const STORE = 'snapshots';
const KEY = 'dataset';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
  });
}

/** The dataset as an RDB snapshot, and where the engine's clock stood. */
export interface Saved {
  snapshot: Uint8Array;
  /**
   * How far the clock ran off real time, ms: ahead after fast-forwards, behind after a pause.
   * TTLs are absolute engine times, so the clock must come back too.
   */
  ahead: number;
  /** The engine time it stood still at, when it was paused; null when it ran. */
  pausedAt: number | null;
}

export interface SavedState {
  /** The last state saved, or null. */
  load(): Promise<Saved | null>;
  /** Stores a state (writes are queued; the newest wins). */
  save(state: Saved): void;
}

/** What was stored, checked (an older page stored the bare snapshot). */
function asSaved(v: unknown): Saved | null {
  if (v instanceof Uint8Array) return { snapshot: v, ahead: 0, pausedAt: null };
  if (typeof v !== 'object' || v === null) return null;
  const { snapshot, ahead, pausedAt } = v as Partial<Saved>;
  if (!(snapshot instanceof Uint8Array)) return null;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  return { snapshot, ahead: finite(ahead) ? ahead : 0, pausedAt: finite(pausedAt) ? pausedAt : null };
}

export function indexedDbState(): SavedState {
  let db: Promise<IDBDatabase> | null = null;
  const database = () => (db ??= openDb());
  let writing = false;
  let queued: Saved | null = null;

  const write = async (state: Saved): Promise<void> => {
    const conn = await database();
    await new Promise<void>((resolve, reject) => {
      const tx = conn.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(state, KEY);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('write aborted'));
    });
  };

  const drain = async (): Promise<void> => {
    writing = true;
    while (queued !== null) {
      const state = queued;
      queued = null;
      await write(state).catch(() => undefined);
    }
    writing = false;
  };

  return {
    async load() {
      try {
        const conn = await database();
        return await new Promise<Saved | null>((resolve, reject) => {
          const req = conn.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
          req.onsuccess = () => resolve(asSaved(req.result));
          req.onerror = () => reject(req.error ?? new Error('read failed'));
        });
      } catch {
        return null;
      }
    },
    save(state) {
      queued = state;
      if (!writing) void drain();
    },
  };
}
