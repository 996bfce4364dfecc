// Where the worker keeps the dataset between page loads and across a crashed worker, in
// IndexedDB (available in workers): an RDB snapshot, and a journal of every write since it (the
// AOF's text of what the writes propagated, one entry per task that wrote), so that nothing
// typed is lost and a write never costs time proportional to the dataset. A new snapshot
// replaces the journal entries it covers in the same transaction (Redis's AOF rewrite).
// The snapshot is stored as a Blob: IndexedDB serializes (and Chromium compresses) bytes in the
// put() call itself, ~50 ms for a 5 MB image on the worker's thread, where a Blob is handed over
// by reference.
// Every failure of the storage itself (disabled, private browsing, quota) degrades to keeping
// nothing, and is reported once (`onFailure`), so the page can say that the data will not
// survive the tab. A stored dataset that cannot be read is never dropped: it is set aside (`unreadable`)
// until the learner downloads or discards it.

const DB_NAME = 'redis-playground';
/** The object store every record is in (the second server's too: second-server.ts). */
const STORE = 'snapshots';
const KEY = 'dataset';
const UNREADABLE_KEY = 'unreadable';

export function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') throw new Error('this browser offers no IndexedDB here');
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
  });
}

/** The record stored under `key` (undefined when there is none). */
export function readRecord(conn: IDBDatabase, key: string): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    const req = conn.transaction(STORE, 'readonly').objectStore(STORE).get(key);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('read failed'));
  });
}

/** Runs `apply` on the store in one read-write transaction, settled when it commits or fails. */
export function writeRecords(conn: IDBDatabase, apply: (store: IDBObjectStore) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const tx = conn.transaction(STORE, 'readwrite');
    apply(tx.objectStore(STORE));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('write aborted'));
  });
}

/** The dataset as an RDB snapshot, and where the engine's clock stood. */
export interface Saved<Snapshot = Uint8Array> {
  snapshot: Snapshot;
  /**
   * How far the clock ran off real time, ms: ahead after fast-forwards, behind after a pause.
   * TTLs are absolute engine times, so the clock must come back too.
   */
  ahead: number;
  /** The engine time it stood still at, when it was paused; null when it ran. */
  pausedAt: number | null;
}

/** One task's writes as AOF text, numbered in order, with where the clock stood after them. */
export interface JournalEntry {
  seq: number;
  text: string;
  ahead: number;
  pausedAt: number | null;
}

/** Journal entries are keyed ['journal', seq] beside the snapshot's key: arrays sort by seq. */
const JOURNAL = 'journal';
const journalRange = (below = Infinity) => IDBKeyRange.bound([JOURNAL, -Infinity], [JOURNAL, below], false, true);

/** A stored dataset the engine could not load, kept aside with the reason. */
export interface Unreadable {
  data: Uint8Array;
  reason: string;
  /** When it was set aside (Date.now()). */
  at: number;
}

export interface SavedState {
  /** The last state saved, or null when there is none. */
  load(): Promise<Saved | null>;
  /**
   * Stores a snapshot (writes are queued; the newest wins), and with it drops the journal
   * entries numbered below `journalFrom` (what the snapshot holds).
   */
  save(state: Saved<Uint8Array | Blob>, journalFrom?: number): void;
  /** The journal since the stored snapshot, oldest first. */
  journal(): Promise<JournalEntry[]>;
  /** Adds an entry; entries are stored in the order they come. */
  append(entry: JournalEntry): void;
  /** Sets a dataset aside that could not be loaded (it replaces an older one). */
  keepUnreadable(copy: Unreadable): Promise<void>;
  /** The dataset set aside, or null. */
  unreadable(): Promise<Unreadable | null>;
  /** Forgets the dataset set aside. */
  dropUnreadable(): Promise<void>;
}

/**
 * What was stored, checked (an older page stored the bare snapshot). A record of another shape
 * is not thrown away: its bytes (or its JSON text) come back as a snapshot, which the loader
 * then refuses, so it is set aside like any unreadable dataset.
 */
export function asSaved(v: unknown): Saved | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Uint8Array) return { snapshot: v, ahead: 0, pausedAt: null };
  const { snapshot, ahead, pausedAt } = (typeof v === 'object' ? v : {}) as Partial<Saved>;
  if (!(snapshot instanceof Uint8Array)) return { snapshot: bytesOf(v), ahead: 0, pausedAt: null };
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  return { snapshot, ahead: finite(ahead) ? ahead : 0, pausedAt: finite(pausedAt) ? pausedAt : null };
}

/** A stored record as asSaved reads it, its snapshot's Blob (as save stores it) read back. */
async function readSaved(v: unknown): Promise<Saved | null> {
  const snapshot = typeof v === 'object' && v !== null ? (v as { snapshot?: unknown }).snapshot : undefined;
  if (!(snapshot instanceof Blob)) return asSaved(v);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await snapshot.arrayBuffer());
  } catch (e) {
    // The browser lost the Blob's data: the loader refuses these words and the page says so.
    bytes = new TextEncoder().encode(`the stored snapshot could not be read: ${String(e)}`);
  }
  return asSaved({ ...(v as object), snapshot: bytes });
}

/**
 * Makes one Blob of an image's chunks, about a megabyte per slice (`slice` runs a function as a
 * task of its own): a Blob copies its parts when made, ~3 ms a megabyte, and a Blob made of
 * Blobs only refers to them.
 */
export function blobInSlices(chunks: readonly Uint8Array[], slice: (fn: () => void) => void, done: (blob: Blob) => void): void {
  const parts: Blob[] = [];
  let next = 0;
  const step = (): void => {
    const from = next;
    let bytes = 0;
    while (next < chunks.length && (next === from || bytes + chunks[next]!.length <= BLOB_SLICE_BYTES)) bytes += chunks[next++]!.length;
    parts.push(new Blob(chunks.slice(from, next) as BlobPart[]));
    if (next < chunks.length) slice(step);
    else done(parts.length === 1 ? parts[0]! : new Blob(parts));
  };
  step();
}

const BLOB_SLICE_BYTES = 1 << 20;

function bytesOf(v: unknown): Uint8Array {
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return new TextEncoder().encode(text);
}

function isJournalEntry(v: unknown): v is JournalEntry {
  const e = v as Partial<JournalEntry> | null;
  return typeof e === 'object' && e !== null && typeof e.seq === 'number' && typeof e.text === 'string' && typeof e.ahead === 'number';
}

function asUnreadable(v: unknown): Unreadable | null {
  if (typeof v !== 'object' || v === null) return null;
  const { data, reason, at } = v as Partial<Unreadable>;
  if (!(data instanceof Uint8Array)) return null;
  return { data, reason: typeof reason === 'string' ? reason : '', at: typeof at === 'number' ? at : 0 };
}

/** A SavedState in memory: tests, and pages where IndexedDB cannot be opened. */
export function memoryState(
  initial: { dataset?: unknown; unreadable?: Unreadable; entries?: JournalEntry[] } = {},
): SavedState & { dataset: unknown; entries: JournalEntry[] } {
  let kept: Unreadable | null = initial.unreadable ?? null;
  const state = {
    dataset: initial.dataset,
    entries: initial.entries ?? [],
    load: () => readSaved(state.dataset),
    save: (s: Saved<Uint8Array | Blob>, journalFrom = -Infinity) => {
      state.dataset = s;
      state.entries = state.entries.filter((e) => e.seq >= journalFrom);
    },
    journal: () => Promise.resolve([...state.entries]),
    append: (e: JournalEntry) => void state.entries.push(e),
    keepUnreadable: (copy: Unreadable) => {
      kept = copy;
      return Promise.resolve();
    },
    unreadable: () => Promise.resolve(kept),
    dropUnreadable: () => {
      kept = null;
      return Promise.resolve();
    },
  };
  return state;
}

/**
 * The state in IndexedDB. `onFailure` hears, once, why storing failed (the database could not be
 * opened, or a write was refused: a full quota); `open` is the database (tests give their own).
 */
export function indexedDbState(onFailure: (reason: string) => void = () => {}, open: () => Promise<IDBDatabase> = openDb): SavedState {
  let db: Promise<IDBDatabase> | null = null;
  const database = () => (db ??= open());
  let writing = false;
  let queued: { state: Saved<Uint8Array | Blob>; journalFrom: number } | null = null;
  let failed = false;
  const failure = (e: unknown) => {
    if (failed) return;
    failed = true;
    // A DOMException's name says what happened; its message may be empty.
    const reason = e instanceof Error ? [e.name !== 'Error' ? e.name : '', e.message].filter((x) => x !== '').join(': ') : String(e);
    onFailure(reason);
  };

  const change = async (apply: (store: IDBObjectStore) => void, report = true): Promise<void> => {
    try {
      await writeRecords(await database(), apply);
    } catch (e) {
      if (report) failure(e);
      throw e;
    }
  };
  const read = async (key: string): Promise<unknown> => readRecord(await database(), key);
  // The snapshot and the end of the journal it replaces, in one transaction. A browser that
  // cannot store Blobs (some private modes) still gets the bytes.
  const write = (state: Saved<Uint8Array | Blob>, journalFrom: number) => {
    const put = (s: Saved<Uint8Array | Blob>) => (store: IDBObjectStore) => {
      store.put(s, KEY);
      store.delete(journalRange(journalFrom));
    };
    return change(put(state), !(state.snapshot instanceof Blob)).catch(async (e: unknown) => {
      if (!(state.snapshot instanceof Blob)) throw e;
      const bytes = new Uint8Array(await state.snapshot.arrayBuffer());
      await change(put({ ...state, snapshot: bytes }));
    });
  };

  const drain = async (): Promise<void> => {
    writing = true;
    while (queued !== null) {
      const { state, journalFrom } = queued;
      queued = null;
      await write(state, journalFrom).catch(() => undefined);
    }
    writing = false;
  };

  return {
    async load() {
      try {
        return await readSaved(await read(KEY));
      } catch (e) {
        failure(e);
        return null;
      }
    },
    save(state, journalFrom = -Infinity) {
      queued = { state, journalFrom };
      if (!writing) void drain();
    },
    async journal() {
      try {
        const conn = await database();
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = conn.transaction(STORE, 'readonly').objectStore(STORE).getAll(journalRange());
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error ?? new Error('read failed'));
        });
        return rows.filter(isJournalEntry);
      } catch {
        return [];
      }
    },
    // Each entry is a transaction of its own, made at once: IndexedDB runs them in that order.
    append: (entry) => void change((store) => store.put(entry, [JOURNAL, entry.seq])).catch(() => undefined),
    keepUnreadable: (copy) => change((store) => store.put(copy, UNREADABLE_KEY)).catch(() => undefined),
    async unreadable() {
      try {
        return asUnreadable(await read(UNREADABLE_KEY));
      } catch {
        return null;
      }
    },
    dropUnreadable: () => change((store) => store.delete(UNREADABLE_KEY)).catch(() => undefined),
  };
}
