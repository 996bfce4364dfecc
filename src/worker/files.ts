// The dataset as a file, both ways: download it as dump.rdb (what SAVE would write, which a real
// redis-server loads), or load a dump.rdb, an AOF file, or the files of an AOF directory with
// their manifest, in its place. Files are read whole and checked before anything changes (an
// AOF is replayed into an engine of its own first); once loaded, the data goes into the journal
// as the commands that rebuild it (FLUSHALL, then a RESTORE per key, as an AOF would hold them),
// so a reload right after keeps it.

import { datasetRedisLines } from '../engine/aof-rewrite.js';
import { Engine } from '../engine/engine.js';
import { bytesFromLatin1 } from '../engine/rdb-encodings.js';
import { MAX_IMPORT_BYTES, type DataFile, type FromWorker, type ImportProblem, type ToWorker } from './protocol.js';
import { aofClient, replay, whileLoading } from '../engine/aof-replay.js';
import { parseManifest } from '../engine/aof.js';
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
  if (!Array.isArray(msg.files) || !msg.files.every((f) => typeof f?.name === 'string' && f.bytes instanceof Uint8Array)) {
    send({ type: 'error', id: msg.id, message: 'files must be an array of { name, bytes: Uint8Array }' });
    return;
  }
  const check = msg.check === true;
  const r = importFiles(engine, msg.files, check);
  if ('problem' in r) {
    send({ type: 'imported', id: msg.id, keys: 0, problem: r.problem });
    return;
  }
  if (!check) compact();
  send({ type: 'imported', id: msg.id, keys: r.keys });
}

/**
 * Loads the files' dataset in place of the engine's (or, with `check`, only reads them: nothing
 * changes): one dump.rdb (or an AOF's .rdb base), one AOF file of commands, or an AOF
 * directory's files with its manifest (its base and incremental files in the manifest's order),
 * as Redis loads them at start. `keys` counts what the files hold, or what was loaded.
 */
export function importFiles(engine: Engine, files: DataFile[], check = false): { keys: number } | { problem: ImportProblem } {
  if (engine.replicaReadOnly) return { problem: { kind: 'unreadable', name: '', reason: E.READONLY_REPLICA } };
  if (files.reduce((n, f) => n + f.bytes.length, 0) > MAX_IMPORT_BYTES) return { problem: { kind: 'too-large', mb: MAX_IMPORT_BYTES / 1024 / 1024 } };
  const parts = partsOf(files);
  if (!Array.isArray(parts)) return { problem: parts };
  // One RDB file goes straight in: a second reading of it is all the check costs.
  if (!check && parts.length === 1 && isRdb(parts[0]!.bytes)) return importRdb(engine, parts[0]!);
  // Otherwise an engine of its own reads the files and then stands for them.
  const scratch = new Engine({ clock: engine.clock, ...(engine.late !== null ? { late: engine.late } : {}) });
  for (const part of parts) {
    const problem = loadPart(scratch, part);
    if (problem !== null) return { problem };
  }
  if (check) return { keys: scratch.dbs.reduce((n, db) => n + db.size, 0) };
  return importRdb(engine, { name: parts[parts.length - 1]!.name, bytes: snapshot(scratch) });
}

/** The files to read, in order: those the manifest names, or the one file given. */
function partsOf(files: DataFile[]): DataFile[] | ImportProblem {
  const manifest = files.find((f) => f.name.endsWith('.manifest'));
  if (manifest === undefined) return files.length === 1 ? files : { kind: 'needs-manifest' };
  const m = parseManifest(latin1FromBytes(manifest.bytes));
  if (typeof m === 'string') return { kind: 'unreadable', name: manifest.name, reason: m };
  const parts: DataFile[] = [];
  for (const ai of [...(m.base !== null ? [m.base] : []), ...m.incr]) {
    const f = files.find((x) => x.name === ai.name);
    if (f === undefined) return { kind: 'missing', name: ai.name };
    parts.push(f);
  }
  return parts;
}

const isRdb = (bytes: Uint8Array) => latin1FromBytes(bytes.subarray(0, 5)) === 'REDIS';

/** One file of an AOF into `scratch`: an RDB base, or commands; why not, or null. */
function loadPart(scratch: Engine, part: DataFile): ImportProblem | null {
  if (isRdb(part.bytes)) {
    try {
      loadSnapshot(scratch, part.bytes, { keepExpired: true });
      return null;
    } catch (e) {
      if (e instanceof RdbError) return { kind: 'unreadable', name: part.name, reason: e.message };
      throw e;
    }
  }
  const text = latin1FromBytes(part.bytes);
  if (text.length !== 0 && text[0] !== '*') return { kind: 'not-data', name: part.name };
  const logged: string[] = [];
  scratch.log = (_level, message) => void logged.push(message);
  const r = whileLoading(scratch, () => replay(scratch, aofClient(scratch), text, 0, part.name));
  if (r.status === 'ok') return null;
  return r.status === 'truncated'
    ? { kind: 'cut', name: part.name, at: r.validUpTo }
    : { kind: 'unreadable', name: part.name, reason: logged[0] ?? 'not a valid AOF' };
}

export function exportRdb(engine: Engine): Uint8Array {
  return snapshot(engine);
}

/** Replaces the dataset with an RDB file's; on any problem nothing changes and the reason comes back. */
function importRdb(engine: Engine, file: DataFile): { keys: number } | { problem: ImportProblem } {
  let loaded: number;
  try {
    loaded = loadSnapshot(engine, file.bytes).loaded;
  } catch (e) {
    if (e instanceof RdbError) return { problem: { kind: 'unreadable', name: file.name, reason: e.message } };
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
