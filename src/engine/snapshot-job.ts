// A background snapshot without fork (BGSAVE): the RDB image of the dataset as it was when the
// job started, written a few keys at a time while clients keep changing the data. The host calls
// step() between requests until it returns true, then takes result().
//
// Copy-on-write by hand: each database being saved has this job as its ChangeGuard. Before a
// key changes in any way (in place through the keyspace's lookups, overwritten, deleted, its TTL
// set or removed, the database emptied), the guard writes the key's old value and TTL to that
// database's side buffer and remembers it as handled. A walk of the database's slots writes
// the rest: it skips handled keys (copied already, or created after the start), and marks the
// slots of the keys it wrote so that a later change knows there is nothing to copy. A database's
// section in the file is its side buffer, then what the iterator wrote (RDB needs each
// database's keys together, in any order).
//
// A big value (snapshot-value.ts) is written across several steps, the iterator waiting on it;
// before that key's first change the encoder copies what it has not written yet. A big value
// changed before the iterator reached it is not written whole by the guard either: its
// elements are copied (much cheaper) and queued, and written in parts into a third buffer.

import type { ChangeGuard, Database } from './database.js';
import type { RObj } from './objects.js';
import { Crc64, RdbWriter, objectRdbType, writeKeyAccess, writeRdbHead, type RdbSaveOptions, type RdbWriterOptions } from './rdb.js';
import { valueInParts, type PartsSink, type ValueInParts } from './snapshot-value.js';

export interface SnapshotJobOptions extends RdbSaveOptions {
  /**
   * Bytes one key adds to the AUX "used-mem" estimate (options.usedMem is then the base): the
   * estimate is summed over the saved keys as they are written instead of in one pass up front.
   */
  keyBytes?: (key: string, obj: RObj, hasTtl: boolean) => number;
}

/** One database being saved. */
interface Part {
  readonly db: Database;
  /** Its index when the job started (SWAPDB may move the Database object since). */
  readonly id: number;
  /** RESIZEDB hints: sizes at the start. */
  readonly keys: number;
  readonly expiring: number;
  /** Keys whose place in the image is settled (copied before a change, or new since the start). */
  readonly handled: Set<string>;
  /** 1 at the slot of each key the iterator wrote (a key keeps its slot while it lives). */
  readonly written: Uint8Array;
  /** Copies made before changes. */
  readonly copies: RdbWriter;
  /** What the iterator wrote. */
  readonly rest: ChunkedOut;
  /** The big value the iterator is writing, when it is one. */
  big: BigValue | null;
  /** Big values copied before a change, written in parts into `bigCopies`, first first. */
  readonly queued: BigValue[];
  readonly bigCopies: ChunkedOut;
  /** The keys left to visit: a walk of the live dict, or after a clear the keys it had left. */
  iter: Iterator<Entry>;
  expires: ReadonlyMap<string, number>;
  /** True while iterating the live dict (changes are guarded); false once done or cleared. */
  live: boolean;
}

/** A key, its value, its access field (IDLE, FREQ) and its slot (-1 once out of the dict). */
type Entry = [key: string, obj: RObj, access: number, slot: number];

/** The dict's keys as they are when reached: changes during the walk are allowed. */
function* walk(db: Database): Generator<Entry> {
  const dict = db.dict;
  for (const slot of dict.slots()) yield [dict.keyAt(slot)!, dict.valueAt(slot), dict.accessAt(slot), slot];
}

/** A writer whose bytes are handed over in chunks past CHUNK_BYTES, and buffers appended whole. */
class ChunkedOut implements PartsSink {
  readonly w: RdbWriter;
  readonly chunks: Uint8Array[] = [];
  private flushed = 0;

  constructor(w: RdbWriter) {
    this.w = w;
  }

  /** Bytes written so far. */
  get total(): number {
    return this.flushed + this.w.length;
  }

  emit(bytes: Uint8Array): void {
    this.flush();
    this.chunks.push(bytes);
    this.flushed += bytes.length;
  }

  /** Hands the writer's bytes over once there are enough of them (or `always`). */
  flush(always = true): void {
    if (!always && this.w.length < CHUNK_BYTES) return;
    const chunk = this.w.takeChunk();
    this.chunks.push(chunk);
    this.flushed += chunk.length;
  }

  /** Every chunk, the writer's last bytes included; it is left empty. */
  take(): Uint8Array[] {
    this.flush();
    return this.chunks.splice(0);
  }
}

interface BigValue {
  readonly key: string;
  readonly enc: ValueInParts;
  readonly hasTtl: boolean;
  /** What comes before the value (written when the value's turn comes). */
  readonly head: Uint8Array | null;
  /** Where the value's bytes started in its output (for the used-mem estimate). */
  readonly startedAt: number;
}

/** The writers' chunks are handed over past this size, so that no single buffer grows huge. */
const CHUNK_BYTES = 1 << 20;
/** step()'s budget unit in the checksum phase: bytes per key-sized unit of work. */
const CRC_BYTES_PER_UNIT = 1024;

export class SnapshotJob implements ChangeGuard {
  private readonly parts: Part[] = [];
  private readonly partOf = new Map<Database, Part>();
  private readonly options: SnapshotJobOptions;
  private readonly writerOptions: RdbWriterOptions;
  /** The part the iterator works on; parts.length once all are written. */
  private current = 0;
  private usedMem: number;
  /** The file in order once every part is written (EOF and checksum excepted). */
  private ordered: Uint8Array[] | null = null;
  private crc: Crc64 | null = null;
  private crcChunk = 0;
  private crcOffset = 0;
  private finished = false;
  private aborted = false;
  /** Keys written so far (INFO and the benchmark show progress). */
  keysWritten = 0;

  /** `dbs[i]` is database i; empty databases are not part of the image. */
  constructor(dbs: readonly Database[], options: SnapshotJobOptions) {
    this.options = options;
    this.usedMem = options.usedMem;
    const writerOptions = (this.writerOptions = {
      compression: options.compression ?? true,
      listMaxListpackSize: options.listMaxListpackSize,
      listCompressDepth: options.listCompressDepth,
    });
    dbs.forEach((db, id) => {
      if (db.dict.size === 0) return;
      if (db.guard !== null) throw new Error('another snapshot is already running');
      const part: Part = {
        db,
        id,
        keys: db.dict.size,
        expiring: db.expires.size,
        handled: new Set(),
        written: new Uint8Array(db.slotCount),
        copies: new RdbWriter(writerOptions),
        rest: new ChunkedOut(new RdbWriter(writerOptions)),
        big: null,
        queued: [],
        bigCopies: new ChunkedOut(new RdbWriter(writerOptions)),
        iter: walk(db),
        expires: db.expires,
        live: true,
      };
      this.parts.push(part);
      this.partOf.set(db, part);
      db.guard = this;
    });
    if (this.parts.length === 0) this.assemble();
  }

  /** Keys in the image (INFO's current_save_keys_total). */
  get keysTotal(): number {
    let n = 0;
    for (const part of this.parts) n += part.keys;
    return n;
  }

  get done(): boolean {
    return this.finished;
  }

  /** The key whose value is being written in parts right now, if any. */
  get keyInParts(): string | null {
    return this.current < this.parts.length ? (this.parts[this.current]!.big?.key ?? null) : null;
  }

  beforeKeyChange(db: Database, key: string): void {
    const part = this.partOf.get(db);
    if (part === undefined) return;
    // The value being written in parts: what is left of it is copied before it changes.
    if (part.big?.key === key) part.big.enc.detach();
    if (!part.live || part.handled.has(key)) return;
    // Settled from now on either way: the object may leave (RENAME gives it another slot).
    part.handled.add(key);
    const slot = db.dict.find(key);
    // Absent at its first change: created since the start, not part of the image.
    if (slot < 0) return;
    if (slot < part.written.length && part.written[slot] === 1) return;
    const obj = db.dict.valueAt(slot);
    const access = db.dict.accessAt(slot);
    const when = db.expires.get(key);
    const enc = valueInParts(obj, part.copies);
    if (enc === null) {
      this.writeKey(part.copies, key, obj, access, when);
      return;
    }
    enc.detach();
    part.queued.push({ key, enc, hasTtl: when !== undefined, startedAt: -1, head: this.keyHead(key, obj, access, when) });
  }

  beforeClear(db: Database): void {
    const part = this.partOf.get(db);
    if (part === undefined || !part.live) return;
    part.big?.enc.detach();
    // The keys not yet visited keep their objects, which nothing else reaches once the dict is
    // emptied: iterate those instead (cheaper than writing them all now).
    const left: Entry[] = [];
    const expires = new Map<string, number>();
    for (let next = part.iter.next(); !next.done; next = part.iter.next()) {
      const [key, obj, access] = next.value;
      if (part.handled.has(key)) continue;
      left.push([key, obj, access, -1]);
      const when = db.expires.get(key);
      if (when !== undefined) expires.set(key, when);
    }
    part.iter = left.values();
    part.expires = expires;
    this.release(part);
  }

  /**
   * Writes up to `budget` keys (or checksums `budget` KB once the keys are written). Returns
   * true when the image is complete (result() may be called).
   */
  step(budget: number): boolean {
    if (this.aborted) throw new Error('snapshot aborted');
    while (budget > 0 && !this.finished) {
      if (this.current < this.parts.length) budget = this.writeKeys(this.parts[this.current]!, budget);
      else budget = this.checksum(budget);
    }
    return this.finished;
  }

  /** The RDB file in pieces, in order (a host can write them without joining them); only once step() returned true. */
  chunks(): Uint8Array[] {
    if (!this.finished || this.ordered === null) throw new Error('snapshot not finished');
    return [...this.ordered, RdbWriter.trailer(this.crc)];
  }

  /** The RDB file; only once step() returned true. */
  result(): Uint8Array {
    const chunks = this.chunks();
    let total = 0;
    for (const chunk of chunks) total += chunk.length;
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  /** Stops guarding the databases (a cancelled save: the job cannot go on). */
  abort(): void {
    this.aborted = true;
    for (const part of this.parts) this.release(part);
  }

  private release(part: Part): void {
    part.live = false;
    part.handled.clear();
    if (part.db.guard === this) part.db.guard = null;
  }

  /** A key's expiry and idle time, type and name: what comes before its value. */
  private writeKeyHead(w: RdbWriter, key: string, obj: RObj, access: number, when: number | undefined): void {
    if (when !== undefined) w.expireTimeMs(when);
    writeKeyAccess(w, this.options, access);
    w.byte(objectRdbType(obj)).string(key);
  }

  private writeKey(w: RdbWriter, key: string, obj: RObj, access: number, when: number | undefined): void {
    this.writeKeyHead(w, key, obj, access, when);
    w.value(obj);
    const keyBytes = this.options.keyBytes;
    if (keyBytes !== undefined) this.usedMem += keyBytes(key, obj, when !== undefined);
    this.keysWritten++;
  }

  private writeKeys(part: Part, budget: number): number {
    const { iter, handled, written } = part;
    const rest = part.rest.w;
    const expires = part.expires;
    const live = part.live;
    while (budget > 0 && part.queued.length > 0) {
      const big = part.queued[0]!;
      budget = this.writeBig(big, part.bigCopies, budget);
      if (big.enc.done) part.queued.shift();
    }
    if (part.big !== null) {
      budget = this.writeBig(part.big, part.rest, budget);
      if (part.big.enc.done) part.big = null;
    }
    while (budget > 0 && part.big === null) {
      const next = iter.next();
      if (next.done) {
        // Values copied before their change may still wait (changed while the last was written).
        if (part.queued.length > 0) return budget;
        this.endPart(part);
        return budget;
      }
      budget--;
      const [key, obj, access, slot] = next.value;
      if (live) {
        if (handled.has(key)) continue;
        if (slot < written.length) written[slot] = 1;
      }
      const enc = valueInParts(obj, rest);
      if (enc === null) this.writeKey(rest, key, obj, access, expires.get(key));
      else {
        const when = expires.get(key);
        this.writeKeyHead(rest, key, obj, access, when);
        const big: BigValue = { key, enc, hasTtl: when !== undefined, startedAt: part.rest.total, head: null };
        part.big = big;
        budget = this.writeBig(big, part.rest, budget);
        if (big.enc.done) part.big = null;
      }
      part.rest.flush(false);
    }
    return budget;
  }

  /** Advances a big value into `out`; counts it once it is done. */
  private writeBig(big: BigValue, out: ChunkedOut, budget: number): number {
    if (big.startedAt < 0) {
      (big as { startedAt: number }).startedAt = out.total;
      if (big.head !== null) out.w.bytes(big.head);
    }
    while (budget > 0 && !big.enc.done) {
      budget = big.enc.step(out, budget);
      out.flush(false);
    }
    if (!big.enc.done) return budget;
    // used-mem: the value's size in the file stands for its size in memory (walking it again
    // would cost what the parts saved).
    if (this.options.keyBytes !== undefined) this.usedMem += 56 + big.key.length + (out.total - big.startedAt) + (big.hasTtl ? 24 : 0);
    this.keysWritten++;
    return budget;
  }

  private keyHead(key: string, obj: RObj, access: number, when: number | undefined): Uint8Array {
    const w = new RdbWriter(this.writerOptions);
    this.writeKeyHead(w, key, obj, access, when);
    return w.takeChunk();
  }

  /** A database is written: its section is final, and its changes no longer matter. */
  private endPart(part: Part): void {
    this.release(part);
    this.current++;
    if (this.current === this.parts.length) this.assemble();
  }

  private assemble(): void {
    // Every key is written: the header (whose used-mem is now known) and the sections in order.
    const head = new RdbWriter();
    writeRdbHead(head, { ...this.options, usedMem: this.usedMem });
    const ordered = [head.takeChunk()];
    for (const p of this.parts) {
      ordered.push(new RdbWriter().selectDb(p.id).resizeDb(p.keys, p.expiring).takeChunk());
      ordered.push(p.copies.takeChunk(), ...p.bigCopies.take(), ...p.rest.take());
    }
    this.ordered = ordered;
    if (this.options.checksum ?? true) this.crc = new Crc64();
    else this.finished = true;
  }

  private checksum(budget: number): number {
    const ordered = this.ordered!;
    const crc = this.crc!;
    while (budget > 0 && this.crcChunk < ordered.length) {
      const chunk = ordered[this.crcChunk]!;
      const end = Math.min(chunk.length, this.crcOffset + budget * CRC_BYTES_PER_UNIT);
      budget -= Math.max(1, Math.ceil((end - this.crcOffset) / CRC_BYTES_PER_UNIT));
      crc.update(chunk, this.crcOffset, end);
      if (end === chunk.length) {
        this.crcChunk++;
        this.crcOffset = 0;
      } else {
        this.crcOffset = end;
      }
    }
    if (this.crcChunk === ordered.length) this.finished = true;
    return budget;
  }
}
