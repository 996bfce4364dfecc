// What the inspector's persistence view shows: the save points and the last save (what RDB
// persistence would do), the AOF's directory as Redis 7.0 writes it (the manifest, the base and
// incremental files, and the end of the file being appended to, byte for byte), and what this
// browser keeps of the data. Fetched when the view first asks.

import { MemoryAofDir } from '../engine/aof.js';
import type { Engine } from '../engine/engine.js';
import { latin1FromBytes } from '../engine/rdb.js';

/** How much of the current incremental file the view shows, at most (its end). */
export const AOF_TAIL_BYTES = 2048;

export interface AofFileView {
  name: string;
  kind: 'manifest' | 'base' | 'history' | 'incr';
  bytes: number;
}

export interface PersistenceView {
  /** CONFIG GET save: "seconds changes" pairs. */
  save: string;
  /** LASTSAVE (Unix seconds) and rdb_changes_since_last_save. */
  lastSave: number;
  changes: number;
  /** appendonly, appenddirname and appendfsync as set now. */
  appendonly: boolean;
  dir: string;
  fsync: string;
  /** The AOF's files (manifest first), the manifest's text and the last bytes of the file appended to. */
  files: AofFileView[];
  manifest: string;
  tail: { name: string; text: string; from: number; commands: string[][] } | null;
  /** INFO persistence's aof_rewrites. */
  rewrites: number;
  /** The bytes of the browser's journal of writes since its last snapshot, where it keeps one. */
  journal: number | null;
}

export function persistenceView(engine: Engine, journal: number | null): PersistenceView {
  const config = engine.config;
  const aof = engine.aof;
  const view: PersistenceView = {
    save: config.get('save') ?? '',
    lastSave: Math.floor(engine.lastSave / 1000),
    changes: engine.changesSinceLastSave,
    appendonly: aof?.on === true,
    dir: config.get('appenddirname') ?? '',
    fsync: config.get('appendfsync') ?? '',
    files: [],
    manifest: '',
    tail: null,
    rewrites: aof?.rewrites ?? 0,
    journal,
  };
  if (aof === null) return view;
  const m = aof.manifest;
  const dir = aof.dir;
  const manifestName = config.get('appendfilename') + '.manifest';
  const manifest = dir.read(manifestName);
  if (manifest !== null) {
    view.manifest = latin1FromBytes(manifest);
    view.files.push({ name: manifestName, kind: 'manifest', bytes: manifest.length });
  }
  const listed = [
    ...(m.base !== null ? [{ ...m.base, kind: 'base' as const }] : []),
    ...m.history.map((f) => ({ ...f, kind: 'history' as const })),
    ...m.incr.map((f) => ({ ...f, kind: 'incr' as const })),
  ];
  for (const f of listed) view.files.push({ name: f.name, kind: f.kind, bytes: Math.max(0, dir.size(f.name)) });
  const current = m.incr[m.incr.length - 1];
  if (current !== undefined) {
    // The memory directory's bytes are read in place: the file may be large, the view small.
    const bytes = dir instanceof MemoryAofDir ? dir.files.get(current.name) : dir.read(current.name);
    if (bytes !== undefined && bytes !== null) {
      const tail = tailOf(bytes);
      view.tail = { name: current.name, ...tail, commands: respCommands(tail.text) };
    }
  }
  return view;
}

/** The end of an AOF, from the start of a command (a line `*<n>` after a line break). */
export function tailOf(bytes: Uint8Array): { text: string; from: number } {
  if (bytes.length <= AOF_TAIL_BYTES) return { text: latin1FromBytes(bytes), from: 0 };
  const text = latin1FromBytes(bytes.subarray(bytes.length - AOF_TAIL_BYTES));
  const start = text.search(/\n\*\d+\r\n/);
  const cut = start < 0 ? 0 : start + 1;
  return { text: text.slice(cut), from: bytes.length - AOF_TAIL_BYTES + cut };
}

/** The commands in AOF text (RESP arrays of bulk strings), as far as they are whole. */
export function respCommands(text: string): string[][] {
  const out: string[][] = [];
  let i = 0;
  const line = (): string | null => {
    const end = text.indexOf('\r\n', i);
    if (end < 0) return null;
    const l = text.slice(i, end);
    i = end + 2;
    return l;
  };
  for (;;) {
    const head = line();
    if (head === null || head[0] !== '*') return out;
    const argv: string[] = [];
    for (let n = Number(head.slice(1)); n > 0; n--) {
      const len = line();
      if (len === null || len[0] !== '$') return out;
      const size = Number(len.slice(1));
      if (!Number.isInteger(size) || i + size + 2 > text.length) return out;
      argv.push(text.slice(i, i + size));
      i += size + 2;
    }
    out.push(argv);
  }
}
