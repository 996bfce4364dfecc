import { describe, expect, it, vi } from 'vitest';
import { indexedDbState } from './saved-state.js';

/** A database whose every write transaction aborts with `error` (a full quota), as IndexedDB reports it. */
function refusingDb(error: DOMException): IDBDatabase {
  return {
    transaction: () => {
      const tx = {
        error,
        oncomplete: null as (() => void) | null,
        onerror: null as (() => void) | null,
        onabort: null as (() => void) | null,
        objectStore: () => ({ put: () => undefined, delete: () => undefined, get: () => ({}) }),
      };
      queueMicrotask(() => tx.onabort?.());
      return tx;
    },
  } as unknown as IDBDatabase;
}

describe('indexedDbState when the browser refuses to store', () => {
  it('says why once, when the database cannot be opened (private browsing), and goes on keeping nothing', async () => {
    const failures: string[] = [];
    const state = indexedDbState(
      (reason) => failures.push(reason),
      () => Promise.reject(new DOMException('The user denied permission to access the database.', 'InvalidStateError')),
    );
    expect(await state.load()).toBeNull();
    expect(await state.journal()).toEqual([]);
    state.append({ seq: 0, text: '*1\r\n$4\r\nPING\r\n', ahead: 0, pausedAt: null });
    state.save({ snapshot: new Uint8Array([1]), ahead: 0, pausedAt: null });
    await vi.waitFor(() => expect(failures).toEqual(['InvalidStateError: The user denied permission to access the database.']));
  });

  it('says why once when writes are refused (a full quota)', async () => {
    const failures: string[] = [];
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const state = indexedDbState(
      (reason) => failures.push(reason),
      () => Promise.resolve(refusingDb(quota)),
    );
    state.append({ seq: 0, text: 'x', ahead: 0, pausedAt: null });
    state.append({ seq: 1, text: 'y', ahead: 0, pausedAt: null });
    await vi.waitFor(() => expect(failures).toEqual(['QuotaExceededError: The quota has been exceeded.']));
    // A snapshot as a Blob that cannot be stored is tried again as bytes before anything is said.
    const quiet: string[] = [];
    const blobs = indexedDbState(
      (reason) => quiet.push(reason),
      () => Promise.resolve(refusingDb(quota)),
    );
    blobs.save({ snapshot: new Blob([new Uint8Array([1, 2])]), ahead: 0, pausedAt: null });
    await vi.waitFor(() => expect(quiet).toHaveLength(1));
  });
});
