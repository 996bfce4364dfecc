// Redis 7.0's multi-part append only file (aof.c): a directory (appenddirname) holding a base
// file (an RDB image: aof-use-rdb-preamble), incremental files of propagated commands
// (propagate.ts), and a manifest naming them in order. Loading replays them; a rewrite
// (BGREWRITEAOF, CONFIG SET appendonly yes, auto-aof-rewrite-*) writes a new base of the dataset
// as it is and starts a new incremental file. The host gives the directory (AofDir): files in
// Node, the browser's own store there.

import { aofClient, replay, whileLoading } from './aof-replay.js';
import type { Engine } from './engine.js';
import { catRepr } from './pubsub.js';
import { AofWriter, respCommand, type PropagationFeed } from './propagate.js';
import { loadSnapshot, snapshot } from './persistence.js';
import { datasetCommands } from './aof-rewrite.js';
import { RdbError, latin1FromBytes } from './rdb.js';
import { bytesFromLatin1 } from './rdb-encodings.js';

/** The directory an AOF lives in. Names are plain file names. */
export interface AofDir {
  /** The file's bytes, or null when there is no such file. */
  read(name: string): Uint8Array | null;
  /** The file's size in bytes, -1 when there is no such file. */
  size(name: string): number;
  /** Replaces (or creates) the whole file; a crash leaves the old one or the new one. */
  write(name: string, bytes: Uint8Array): void;
  /** Appends to the file, creating it. */
  append(name: string, bytes: Uint8Array): void;
  /** Makes what was appended durable (fsync). */
  sync(name: string): void;
  /** Removes the file if it exists. */
  remove(name: string): void;
  /** Cuts the file to `length` bytes (aof-load-truncated). */
  truncate(name: string, length: number): void;
}

/** An AofDir in memory (tests; a host that keeps the files elsewhere itself). */
export class MemoryAofDir implements AofDir {
  readonly files = new Map<string, Uint8Array>();

  read(name: string): Uint8Array | null {
    return this.files.get(name)?.slice() ?? null;
  }

  size(name: string): number {
    return this.files.get(name)?.length ?? -1;
  }

  write(name: string, bytes: Uint8Array): void {
    this.files.set(name, bytes.slice());
  }

  append(name: string, bytes: Uint8Array): void {
    const old = this.files.get(name) ?? new Uint8Array(0);
    const next = new Uint8Array(old.length + bytes.length);
    next.set(old);
    next.set(bytes, old.length);
    this.files.set(name, next);
  }

  sync(): void {}

  remove(name: string): void {
    this.files.delete(name);
  }

  truncate(name: string, length: number): void {
    const old = this.files.get(name);
    if (old !== undefined) this.files.set(name, old.slice(0, length));
  }
}

export type AofFileType = 'b' | 'h' | 'i';

export interface AofInfo {
  name: string;
  seq: number;
  type: AofFileType;
}

/** aofManifest: the base, the history files waiting to be deleted, the incremental files. */
export interface Manifest {
  base: AofInfo | null;
  history: AofInfo[];
  incr: AofInfo[];
  baseSeq: number;
  incrSeq: number;
}

export function emptyManifest(): Manifest {
  return { base: null, history: [], incr: [], baseSeq: 0, incrSeq: 0 };
}

/** sdsneedsrepr: a file name with quotes, escapes, spaces or unprintable bytes is written quoted. */
function needsRepr(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c >= 127 || c === 34 || c === 92) return true;
  }
  return false;
}

/** getAofManifestAsString: base first, then history, then incremental files. */
export function formatManifest(m: Manifest): string {
  let out = '';
  for (const ai of [...(m.base !== null ? [m.base] : []), ...m.history, ...m.incr]) {
    out += `file ${needsRepr(ai.name) ? catRepr(ai.name) : ai.name} seq ${ai.seq} type ${ai.type}\n`;
  }
  return out;
}

/** sdssplitargs for a manifest line: words, or "quoted" / 'quoted' with escapes; null if unbalanced. */
function splitLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (true) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) return out;
    let word = '';
    const q = line[i];
    if (q === '"' || q === "'") {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        const ch = line[i]!;
        if (ch === q) {
          i++;
          if (i < line.length && !/\s/.test(line[i]!)) return null;
          break;
        }
        if (ch === '\\' && q === '"' && i + 1 < line.length) {
          const n = line[i + 1]!;
          if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
            word += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
            i += 4;
            continue;
          }
          word += n === 'n' ? '\n' : n === 'r' ? '\r' : n === 't' ? '\t' : n === 'b' ? '\b' : n === 'a' ? '\x07' : n;
          i += 2;
          continue;
        }
        word += ch;
        i++;
      }
    } else {
      while (i < line.length && !/\s/.test(line[i]!)) word += line[i++];
    }
    out.push(word);
  }
}

/** aofLoadManifestFromFile: the manifest, or the error Redis logs before exiting. */
export function parseManifest(text: string): Manifest | string {
  const m = emptyManifest();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return 'Found an empty AOF manifest';
  let maxSeq = 0;
  for (const raw of lines) {
    if (raw.startsWith('#')) continue;
    const line = raw.trim();
    if (line === '') return 'Invalid AOF manifest file format';
    const argv = splitLine(line);
    if (argv === null || argv.length < 6 || argv.length % 2 !== 0) return 'Invalid AOF manifest file format';
    let name = '';
    let seq = 0;
    let type = '';
    for (let i = 0; i < argv.length; i += 2) {
      const k = argv[i]!.toLowerCase();
      if (k === 'file') {
        name = argv[i + 1]!;
        if (name.includes('/')) return "File can't be a path, just a filename";
      } else if (k === 'seq') seq = parseInt(argv[i + 1]!, 10) || 0;
      else if (k === 'type') type = argv[i + 1]![0] ?? '';
    }
    if (name === '' || seq === 0 || type === '') return 'Invalid AOF manifest file format';
    const ai: AofInfo = { name, seq, type: type as AofFileType };
    if (type === 'b') {
      if (m.base !== null) return 'Found duplicate base file information';
      m.base = ai;
      m.baseSeq = seq;
    } else if (type === 'h') {
      m.history.push(ai);
    } else if (type === 'i') {
      if (seq <= maxSeq) return 'Found a non-monotonic sequence number';
      m.incr.push(ai);
      m.incrSeq = seq;
      maxSeq = seq;
    } else {
      return 'Unknown AOF file type';
    }
  }
  return m;
}

/** The dataset as AOF text: the commands that rebuild it (aof-rewrite.ts). */
export function datasetAofText(engine: Engine): string {
  let out = '';
  for (const argv of datasetCommands(engine)) out += respCommand(argv);
  return out;
}

/** How loading one file ended (loadSingleAppendOnlyFile's AOF_* results). */
export type AofLoadStatus = 'ok' | 'not-exist' | 'empty' | 'truncated' | 'failed';

/**
 * loadSingleAppendOnlyFile: an RDB base (it starts with "REDIS") or a file of commands. A
 * truncated last file is cut back to its last whole command when aof-load-truncated allows.
 */
function loadFile(engine: Engine, dir: AofDir, name: string, last: boolean): AofLoadStatus {
  const bytes = dir.read(name);
  if (bytes === null) {
    engine.log('#', `The append log file ${name} doesn't exist: No such file or directory`);
    return 'not-exist';
  }
  if (bytes.length === 0) return 'empty';
  const text = latin1FromBytes(bytes);
  const c = aofClient(engine);
  let from = 0;
  if (text.startsWith('REDIS')) {
    engine.log('*', 'Reading RDB base file on AOF loading...');
    try {
      // The base is what the file says, expired keys and all: the commands after it may touch them.
      loadSnapshot(engine, bytes, { keepExpired: true });
    } catch (e) {
      if (!(e instanceof RdbError)) throw e;
      engine.log('#', `Error reading the RDB base file ${name}, AOF loading aborted`);
      return 'failed';
    }
    from = bytes.length;
  }
  const r = replay(engine, c, text, from, name);
  if (r.status !== 'truncated') return r.status;
  if (engine.config.get('aof-load-truncated') === 'yes' && last) {
    engine.log('#', `!!! Warning: short read while loading the AOF file ${name}!!!`);
    engine.log('#', `!!! Truncating the AOF ${name} at offset ${r.validUpTo} !!!`);
    dir.truncate(name, r.validUpTo);
    engine.log('#', `AOF ${name} loaded anyway because aof-load-truncated is enabled`);
    return 'truncated';
  }
  engine.log(
    '#',
    `Unexpected end of file reading the append only file ${name}. You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.`,
  );
  return 'failed';
}

/**
 * The AOF of an engine: its manifest, the buffer of propagated commands not yet written
 * (aof_buf), and the figures INFO persistence shows. `on` while appendonly is yes.
 */
export class AppendOnlyFile {
  manifest: Manifest = emptyManifest();
  on = false;
  private buf = '';
  private readonly writer = new AofWriter();
  /** aof_current_size / aof_base_size / aof_rewrite_base_size (auto-aof-rewrite-percentage's base). */
  currentSize = 0;
  baseSize = 0;
  rewriteBaseSize = 0;
  rewrites = 0;
  lastRewriteOk = true;
  lastRewriteTimeSec = -1;
  lastWriteOk = true;
  /** aof_rewrite_scheduled: BGREWRITEAOF asked while a save or a transaction ran. */
  rewriteScheduled = false;
  private lastFsync = 0;
  readonly feed: PropagationFeed = {
    feed: (op) => {
      this.buf += this.writer.text(op);
    },
  };

  constructor(
    private readonly engine: Engine,
    readonly dir: AofDir,
  ) {}

  private get fileName(): string {
    return this.engine.config.get('appendfilename')!;
  }

  /** Bytes waiting in aof_buf (INFO's aof_buffer_length). */
  get buffered(): number {
    return this.buf.length;
  }

  /**
   * loadAppendOnlyFiles: reads the manifest and replays base and incremental files in order.
   * 'not-exist' or 'empty' when there is nothing to load; 'failed' means the server must stop.
   */
  load(): AofLoadStatus {
    const engine = this.engine;
    const mtext = this.dir.read(this.fileName + '.manifest');
    if (mtext !== null) {
      const m = parseManifest(latin1FromBytes(mtext));
      if (typeof m === 'string') {
        engine.log('#', `*** FATAL AOF MANIFEST FILE ERROR ***`);
        engine.log('#', m);
        return 'failed';
      }
      this.manifest = m;
    }
    const m = this.manifest;
    const files = [...(m.base !== null ? [m.base] : []), ...m.incr];
    if (files.length === 0) return 'not-exist';
    let total = 0;
    for (const f of files) {
      const size = this.dir.size(f.name);
      if (size < 0) {
        engine.log('#', `The append log file ${f.name} doesn't exist: No such file or directory`);
        return 'failed';
      }
      total += size;
    }
    if (total === 0) return 'empty';
    const status = whileLoading(engine, () => {
      for (let k = 0; k < files.length; k++) {
        const f = files[k]!;
        const started = engine.monotonic();
        const r = loadFile(engine, this.dir, f.name, k === files.length - 1);
        if (r === 'ok' || r === 'empty' || r === 'truncated') {
          engine.log('*', `DB loaded from ${f.type === 'b' ? 'base' : 'incr'} file ${f.name}: ${((engine.monotonic() - started) / 1000).toFixed(3)} seconds`);
        }
        // Only the last file may be truncated (loadFile fails any other): it ends the load anyway.
        if (r === 'truncated' || r === 'failed' || r === 'not-exist') return r === 'truncated' ? 'truncated' : 'failed';
      }
      return 'ok';
    });
    this.currentSize = total;
    this.baseSize = m.base !== null ? Math.max(0, this.dir.size(m.base.name)) : 0;
    this.rewriteBaseSize = this.baseSize;
    return status;
  }

  /**
   * aofOpenIfNeededOnServerStart: an empty start gets a base file of its own; the last
   * incremental file (a new one if none) takes the writes from now on.
   */
  openOnStart(): void {
    const m = this.manifest;
    if (m.base === null && m.incr.length === 0) {
      this.writeBase();
      this.engine.log('*', `Creating AOF base file ${m.base!.name} on server start`);
    }
    if (m.incr.length === 0) {
      this.newIncr();
      this.engine.log('*', `Creating AOF incr file ${m.incr[0]!.name} on server start`);
    }
    this.persistManifest();
    this.start();
  }

  /** startAppendOnly: a rewrite makes the files from the dataset, then every write goes there. */
  enable(): boolean {
    if (!this.rewrite(true)) return false;
    this.start();
    return true;
  }

  /** stopAppendOnly: what is buffered is written, and nothing more. */
  disable(): void {
    this.flush(true);
    this.engine.propagation.feeds.delete(this.feed);
    this.on = false;
  }

  private start(): void {
    this.writer.selected = -1;
    this.engine.propagation.feeds.add(this.feed);
    this.on = true;
  }

  /**
   * flushAppendOnlyFile: aof_buf goes to the current incremental file before any reply does
   * (the host calls this before it writes to a client), synced at once with appendfsync always.
   */
  flush(force = false): void {
    if (this.buf.length === 0) {
      if (force) this.syncIfDue(true);
      return;
    }
    const incr = this.manifest.incr[this.manifest.incr.length - 1];
    if (incr === undefined) {
      this.buf = '';
      return;
    }
    const bytes = bytesFromLatin1(this.buf);
    this.buf = '';
    try {
      this.dir.append(incr.name, bytes);
      this.currentSize += bytes.length;
      this.lastWriteOk = true;
    } catch (e) {
      this.lastWriteOk = false;
      this.engine.log('#', `Error writing to the AOF file: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const policy = this.engine.config.appendfsync;
    if (policy === 'always') this.dir.sync(incr.name);
    else if (policy === 'everysec') this.syncIfDue(force);
  }

  /** appendfsync everysec: at most one sync a second (serverCron calls this too). */
  syncIfDue(force = false): void {
    const incr = this.manifest.incr[this.manifest.incr.length - 1];
    if (incr === undefined || this.engine.config.appendfsync === 'no') return;
    const now = this.engine.clock.now();
    if (!force && now - this.lastFsync < 1000) return;
    this.lastFsync = now;
    this.dir.sync(incr.name);
  }

  /** serverCron's AOF work: the buffer out, everysec's sync, a scheduled or automatic rewrite. */
  cron(): void {
    this.flush();
    this.syncIfDue();
    if (this.engine.bgsave !== null) return;
    if (this.rewriteScheduled || this.rewriteDue()) {
      this.rewriteScheduled = false;
      this.rewrite();
    }
  }

  /** auto-aof-rewrite-percentage / -min-size: has the AOF grown enough since the last rewrite? */
  rewriteDue(): boolean {
    const cfg = this.engine.config;
    const perc = Number(cfg.get('auto-aof-rewrite-percentage'));
    const min = Number(cfg.get('auto-aof-rewrite-min-size'));
    if (!this.on || perc === 0 || this.currentSize <= min) return false;
    const base = this.rewriteBaseSize > 0 ? this.rewriteBaseSize : 1;
    return ((this.currentSize - base) * 100) / base >= perc;
  }

  /**
   * rewriteAppendOnlyFileBackground + backgroundRewriteDoneHandler, at once: a new base of the
   * dataset as it is, a new incremental file (when the AOF is on), the old files out of the
   * manifest and deleted. false when a file could not be written (nothing changes then).
   */
  rewrite(enabling = false): boolean {
    const engine = this.engine;
    const started = engine.monotonic();
    this.flush(true);
    const old = this.manifest;
    const next: Manifest = { base: null, history: [], incr: [], baseSeq: old.baseSeq, incrSeq: old.incrSeq };
    this.manifest = next;
    try {
      this.writeBase();
      if (this.on || enabling) this.newIncr();
      this.persistManifest();
    } catch (e) {
      this.manifest = old;
      this.lastRewriteOk = false;
      engine.log('#', `Background AOF rewrite failed: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
    // aofDelHistoryFiles: the files the new base replaces.
    for (const f of [...(old.base !== null ? [old.base] : []), ...old.history, ...old.incr]) {
      if (f.name !== next.base!.name && !next.incr.some((i) => i.name === f.name)) this.dir.remove(f.name);
    }
    this.writer.selected = -1;
    this.baseSize = Math.max(0, this.dir.size(next.base!.name));
    this.currentSize = this.baseSize;
    this.rewriteBaseSize = this.currentSize;
    this.rewrites++;
    this.lastRewriteOk = true;
    this.lastRewriteTimeSec = Math.floor((engine.monotonic() - started) / 1000);
    engine.log('*', 'Background AOF rewrite terminated with success');
    engine.log('*', 'Background AOF rewrite finished successfully');
    return true;
  }

  /**
   * getNewBaseFileNameAndMarkPreAsHistory + rewriteAppendOnlyFile: the dataset as an RDB base,
   * or as commands with aof-use-rdb-preamble no.
   */
  private writeBase(): void {
    const m = this.manifest;
    if (m.base !== null) m.history.push({ ...m.base, type: 'h' });
    m.baseSeq++;
    const rdb = this.engine.config.get('aof-use-rdb-preamble') === 'yes';
    const name = `${this.fileName}.${m.baseSeq}.base.${rdb ? 'rdb' : 'aof'}`;
    this.dir.write(name, rdb ? snapshot(this.engine) : bytesFromLatin1(datasetAofText(this.engine)));
    m.base = { name, seq: m.baseSeq, type: 'b' };
  }

  /** openNewIncrAofForAppend: the next incremental file, empty. */
  private newIncr(): void {
    const m = this.manifest;
    m.incrSeq++;
    const name = `${this.fileName}.${m.incrSeq}.incr.aof`;
    this.dir.write(name, new Uint8Array(0));
    m.incr.push({ name, seq: m.incrSeq, type: 'i' });
  }

  private persistManifest(): void {
    this.dir.write(this.fileName + '.manifest', bytesFromLatin1(formatManifest(this.manifest)));
  }
}

/** What CONFIG SET appendonly answers when the AOF cannot be turned on (updateAppendonly). */
const AOF_ENABLE_FAILED = 'Unable to turn on AOF. Check server logs.';

/**
 * Gives the engine an AOF in `dir`: CONFIG SET appendonly turns it on and off, BGREWRITEAOF and
 * serverCron use it. The host then loads it at start (load, openOnStart) when appendonly is yes.
 */
export function attachAof(engine: Engine, dir: AofDir): AppendOnlyFile {
  const aof = new AppendOnlyFile(engine, dir);
  engine.aof = aof;
  engine.config.appendonlyApply = (on) => {
    if (on === aof.on) return null;
    if (!on) {
      aof.disable();
      return null;
    }
    return aof.enable() ? null : AOF_ENABLE_FAILED;
  };
  return aof;
}
