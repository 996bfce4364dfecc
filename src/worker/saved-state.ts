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

export interface SavedState {
  /** The last snapshot saved, or null. */
  load(): Promise<Uint8Array | null>;
  /** Stores a snapshot (writes are queued; the newest wins). */
  save(snapshot: Uint8Array): void;
}

export function indexedDbState(): SavedState {
  let db: Promise<IDBDatabase> | null = null;
  const database = () => (db ??= openDb());
  let writing = false;
  let queued: Uint8Array | null = null;

  const write = async (bytes: Uint8Array): Promise<void> => {
    const conn = await database();
    await new Promise<void>((resolve, reject) => {
      const tx = conn.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(bytes, KEY);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('write aborted'));
    });
  };

  const drain = async (): Promise<void> => {
    writing = true;
    while (queued !== null) {
      const bytes = queued;
      queued = null;
      await write(bytes).catch(() => undefined);
    }
    writing = false;
  };

  return {
    async load() {
      try {
        const conn = await database();
        return await new Promise<Uint8Array | null>((resolve, reject) => {
          const req = conn.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
          req.onsuccess = () => resolve(req.result instanceof Uint8Array ? req.result : null);
          req.onerror = () => reject(req.error ?? new Error('read failed'));
        });
      } catch {
        return null;
      }
    },
    save(bytes) {
      queued = bytes;
      if (!writing) void drain();
    },
  };
}
