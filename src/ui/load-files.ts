// Loading data files in place of the dataset, picked in the inspector or dropped on the page: a
// dump.rdb, an AOF file, or an AOF directory's files with its manifest. The worker reads them
// whole first (src/worker/files.ts); only files it can load are offered, and the person is asked
// before data here is replaced.

import { MAX_IMPORT_BYTES, type ImportProblem } from '../worker/protocol.js';
import { engine } from './engine-client.js';
import type { LateStrings } from './late-strings.js';

/** What happened, for the person to read; null when they chose not to replace their data. */
export async function loadDataFiles(files: readonly File[], t: LateStrings): Promise<string | null> {
  const label = files.map((f) => f.name).join(', ');
  const refused = (problem: ImportProblem) => t.notLoaded(label, files.length, t.importProblem(problem));
  try {
    // A file far too large is refused before the page reads it into memory.
    if (files.reduce((n, f) => n + f.size, 0) > MAX_IMPORT_BYTES) return refused({ kind: 'too-large', mb: MAX_IMPORT_BYTES / 1024 / 1024 });
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const checked = await engine.importFiles(read, true);
    if (checked.problem !== undefined) return refused(checked.problem);
    // An incremental file alone holds the writes since its base, not the whole dataset.
    const partial = files.length === 1 && /\.incr\.aof$/.test(files[0]!.name);
    const sizes = await engine.dbSizes();
    const here = sizes.reduce((n, s) => n + s, 0);
    if (here > 0 && !window.confirm(t.loadConfirm(label, here, checked.keys) + (partial ? '\n\n' + t.incrAlone : ''))) return null;
    const r = await engine.importFiles(read);
    if (r.problem !== undefined) return refused(r.problem);
    return t.loaded(label, r.keys) + (partial ? ' ' + t.incrAlone : '');
  } catch (e) {
    return t.notLoaded(label, files.length, e instanceof Error ? e.message : String(e));
  }
}
