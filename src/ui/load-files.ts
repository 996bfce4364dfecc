// Loading data files in place of the dataset, picked in the inspector or dropped on the page: a
// dump.rdb, an AOF file, or an AOF directory's files with its manifest. Asks first when there is
// data to lose; the worker checks the files whole before anything changes (src/worker/files.ts).

import { MAX_IMPORT_BYTES } from '../worker/protocol.js';
import { engine } from './engine-client.js';
import type { LateStrings } from './late-strings.js';

/** What happened, for the person to read; null when they chose not to replace their data. */
export async function loadDataFiles(files: readonly File[], t: LateStrings): Promise<string | null> {
  const label = files.length === 1 ? files[0]!.name : files.map((f) => f.name).join(', ');
  try {
    // A file far too large is refused before the page reads it into memory.
    if (files.reduce((n, f) => n + f.size, 0) > MAX_IMPORT_BYTES) return t.notLoadedRdb(label, t.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024));
    const sizes = await engine.dbSizes();
    const total = sizes.reduce((n, s) => n + s, 0);
    if (total > 0 && !window.confirm(t.loadRdbConfirm(label, total))) return null;
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const r = await engine.importFiles(read);
    return r.error === undefined ? t.loadedRdb(label, r.keys) : t.notLoadedRdb(label, r.error);
  } catch (e) {
    return t.notLoadedRdb(label, e instanceof Error ? e.message : String(e));
  }
}
