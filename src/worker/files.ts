// The dataset as a file, both ways: download it as dump.rdb (what SAVE would write, which a real
// redis-server loads), or load a dump.rdb in its place. A file is read whole and checked before
// anything changes; once loaded, it goes into the journal as the commands that rebuild it
// (FLUSHALL, then a RESTORE per key, as an AOF would hold them), so a reload right after keeps it.

import { datasetRedisLines } from '../engine/aof-rewrite.js';
import type { Engine } from '../engine/engine.js';
import { bytesFromLatin1 } from '../engine/rdb-encodings.js';
import type { FromWorker, ToWorker } from './protocol.js';
import * as E from '../shared/errors.js';
import { loadSnapshot, rdbWriterOptions, snapshot } from '../engine/persistence.js';
import { dumpPayload, latin1FromBytes, RdbError } from '../engine/rdb.js';

/**
 * Answers `export` (dump.rdb, or the `.redis` lines of commands) and `import` (then `compact`:
 * the loaded data becomes the stored snapshot as soon as one can be made).
 */
export function answerFileRequest(
  engine: Engine,
  msg: Extract<ToWorker, { type: 'export' | 'import' }>,
  send: (reply: FromWorker) => void,
  compact: () => void,
): void {
  if (msg.type === 'export') {
    send({ type: 'exported', id: msg.id, bytes: msg.format === 'redis' ? bytesFromLatin1(datasetRedisLines(engine)) : exportRdb(engine) });
    return;
  }
  if (!(msg.bytes instanceof Uint8Array)) {
    send({ type: 'error', id: msg.id, message: 'bytes must be a Uint8Array' });
    return;
  }
  const r = importRdb(engine, msg.bytes);
  if ('error' in r) {
    send({ type: 'imported', id: msg.id, keys: 0, error: r.error });
    return;
  }
  compact();
  send({ type: 'imported', id: msg.id, keys: r.keys });
}

/** The largest file the page loads: a dataset this size is far past what a browser tab holds well. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export function exportRdb(engine: Engine): Uint8Array {
  return snapshot(engine);
}

/** Replaces the dataset with the file's; on any problem nothing changes and the reason comes back. */
export function importRdb(engine: Engine, bytes: Uint8Array): { keys: number } | { error: string } {
  if (engine.replicaReadOnly) return { error: E.READONLY_REPLICA };
  if (bytes.length > MAX_IMPORT_BYTES) return { error: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB` };
  let loaded: number;
  try {
    loaded = loadSnapshot(engine, bytes).loaded;
  } catch (e) {
    if (e instanceof RdbError) return { error: e.message };
    throw e;
  }
  const p = engine.propagation;
  if (p.active) {
    p.add(0, ['FLUSHALL']);
    const options = rdbWriterOptions(engine);
    for (const db of engine.dbs) {
      for (const [key, obj] of db.dict) {
        const at = db.expires.get(key);
        const argv = ['RESTORE', key, at === undefined ? '0' : String(at), latin1FromBytes(dumpPayload(obj, options))];
        if (at !== undefined) argv.push('ABSTTL');
        p.add(db.id, argv);
      }
    }
    p.flush(false);
  }
  // The inspector shows every database again, as after FLUSHALL.
  for (const db of engine.dbs) engine.changedWholeDb('flushdb', db);
  return { keys: loaded };
}
