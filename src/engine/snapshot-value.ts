// One big value written across several steps of a background save (snapshot-job.ts): a sorted
// set of millions of members or a string of hundreds of MB would otherwise hold the server for
// its whole encoding. The bytes are those RdbWriter.value writes for the same value.
//
// The image must stay the value as it was when its encoding began. A string is immutable (a
// write gives the key a new string), so the encoder keeps the old one. A collection changes in
// place: the job calls detach() before the key's first change, and the encoder copies what it
// has not written yet (elements are immutable strings and numbers, so a shallow copy of the
// rest is the old value; stream nodes and entries change in place and are copied one level
// deeper). A copy is much cheaper than the encoding it stands for, and only the first change
// pays it.

import type { Deque } from './ds/deque.js';
import type { StreamNode } from './ds/stream.js';
import type { ZSet } from './ds/zset.js';
import type { RObj } from './objects.js';
import { LzfRun, RdbWriter } from './rdb.js';
import { ListpackWriter, quicklistFill, quicklistNodeAllows } from './rdb-encodings.js';
import { writeStreamNode, writeStreamTail } from './rdb-stream.js';

/** Collections with at least this many elements (stream nodes: entries) are written in parts. */
export const PARTS_MIN_ELEMENTS = 4096;
/** Strings of at least this many bytes are written in parts. */
export const PARTS_MIN_BYTES = 256 * 1024;
/** Work per budget unit (a unit is about one small key's worth). */
const ELEMENTS_PER_UNIT = 16;
const BYTES_PER_UNIT = 2 * 1024;
/** Units per stream node (up to stream-node-max-entries entries, 100 by default). */
const UNITS_PER_STREAM_NODE = 16;
const LZF_HSIZE = 1 << 16;

/** Where the encoder's bytes go: the writer, or whole buffers handed over as they are. */
export interface PartsSink {
  readonly w: RdbWriter;
  /** Appends `bytes` after what the writer holds, without copying them. */
  emit(bytes: Uint8Array): void;
}

export interface ValueInParts {
  /** Writes up to `budget` units; returns what is left of it (the value is done when done is true). */
  step(sink: PartsSink, budget: number): number;
  readonly done: boolean;
  /** Before the live value changes: keep what is left to write as it is now. */
  detach(): void;
}

/** An encoder for `obj` when it is big enough to be worth splitting, else null (write it whole). */
export function valueInParts(obj: RObj, w: RdbWriter): ValueInParts | null {
  switch (obj.type) {
    case 'string':
      return obj.value.length >= PARTS_MIN_BYTES ? new StringInParts(obj.value, w.compresses) : null;
    case 'hash':
      if (obj.enc === 'listpack' || obj.value.size < PARTS_MIN_ELEMENTS) return null;
      return new ElementsInParts(obj.value.size, obj.value.entries(), (out, [field, value]) => out.string(field).string(value), copyHash(obj.value));
    case 'set':
      if (obj.enc === 'intset' || obj.value.size < PARTS_MIN_ELEMENTS) return null;
      return new ElementsInParts(obj.value.size, obj.value.values(), (out, member) => out.string(member), copySet(obj.value));
    case 'zset': {
      const zs = obj.value;
      if (obj.enc === 'listpack' || zs.size < PARTS_MIN_ELEMENTS) return null;
      return new ZSetInParts(zs);
    }
    case 'list':
      return obj.value.length < PARTS_MIN_ELEMENTS ? null : new ListInParts(obj.value, w.listMaxListpackSize);
    case 'stream': {
      const s = obj.value;
      if (s.length < PARTS_MIN_ELEMENTS && s.nodes.length < PARTS_MIN_ELEMENTS / 64) return null;
      return new StreamInParts(s.nodes, (out) => writeStreamTail(out, s));
    }
  }
}

/**
 * Copies a whole collection (spreading a Map's or Set's iterator is V8's fast path, far cheaper
 * than walking what is left entry by entry) and returns a writer of its element i.
 */
type Copier = () => (w: RdbWriter, i: number) => void;

function copyHash(map: Map<string, string>): Copier {
  return () => {
    const fields = [...map.keys()];
    const values = [...map.values()];
    return (w, i) => w.string(fields[i]!).string(values[i]!);
  };
}

function copySet(set: Set<string>): Copier {
  return () => {
    const members = [...set];
    return (w, i) => w.string(members[i]!);
  };
}

/** The element or node count a value starts with: written by its first step only. */
class CountHeader {
  private written = false;
  constructor(private readonly count: number) {}

  write(w: RdbWriter): void {
    if (this.written) return;
    w.len(this.count);
    this.written = true;
  }
}

/** A hash or set in its plain form: count, then each element in the collection's own order. */
class ElementsInParts<T> implements ValueInParts {
  private readonly iter: Iterator<T>;
  /** Elements written so far (the position in the copy, once there is one). */
  private at = 0;
  private copy: ((w: RdbWriter, i: number) => void) | null = null;
  private readonly header: CountHeader;
  done = false;

  constructor(
    private readonly count: number,
    iter: Iterator<T>,
    private readonly write: (w: RdbWriter, element: T) => void,
    private readonly copier: Copier,
  ) {
    this.iter = iter;
    this.header = new CountHeader(count);
  }

  step(sink: PartsSink, budget: number): number {
    const w = sink.w;
    this.header.write(w);
    const n = Math.min(this.count - this.at, budget * ELEMENTS_PER_UNIT);
    const end = this.at + n;
    const copy = this.copy;
    if (copy !== null) for (let i = this.at; i < end; i++) copy(w, i);
    else {
      for (let i = this.at; i < end; i++) {
        const e = this.iter.next();
        if (e.done === true) throw new Error('collection changed while being written');
        this.write(w, e.value);
      }
    }
    this.at = end;
    if (end === this.count) this.done = true;
    return budget - Math.ceil(n / ELEMENTS_PER_UNIT);
  }

  detach(): void {
    // Unchanged until now, so the copy's order is the iterator's.
    if (this.copy === null && !this.done) this.copy = this.copier();
  }
}

/**
 * A sorted set, highest score first as RdbWriter.value writes it (Redis walks its skiplist from
 * the tail): walked by rank while live, from flat arrays of what is left once detached.
 */
class ZSetInParts implements ValueInParts {
  private readonly zs: ZSet;
  private readonly count: number;
  private written = 0;
  /** After detach(): ranks 0 up to the next one to write, in chunks, and where the next one is. */
  private members: string[][] | null = null;
  private scores: number[][] | null = null;
  private chunk = 0;
  private index = 0;
  private readonly header: CountHeader;
  done = false;

  constructor(zs: ZSet) {
    this.zs = zs;
    this.count = zs.size;
    this.header = new CountHeader(this.count);
  }

  step(sink: PartsSink, budget: number): number {
    const w = sink.w;
    this.header.write(w);
    const n = Math.min(this.count - this.written, budget * ELEMENTS_PER_UNIT);
    const used = Math.ceil(n / ELEMENTS_PER_UNIT);
    const { members, scores } = this;
    if (members !== null && scores !== null) {
      for (let k = 0; k < n; k++) {
        while (this.index < 0) this.index = members[--this.chunk]!.length - 1;
        w.string(members[this.chunk]![this.index]!).binaryDouble(scores[this.chunk]![this.index]!);
        this.index--;
      }
    } else if (n > 0) {
      let left = n;
      this.zs.walk(this.count - 1 - this.written, true, (member, score) => {
        w.string(member).binaryDouble(score);
        return --left > 0;
      });
    }
    this.written += n;
    if (this.written === this.count) this.done = true;
    return budget - used;
  }

  detach(): void {
    if (this.members !== null || this.done) return;
    const { members, scores } = this.zs.copyUpTo(this.count - 1 - this.written);
    this.members = members;
    this.scores = scores;
    this.chunk = members.length - 1;
    this.index = this.chunk < 0 ? -1 : members[this.chunk]!.length - 1;
  }
}

/**
 * A list: its quicklist nodes are cut first (their number comes before them in the file), a
 * slice at a time; then they are written. Once cut, the nodes are bytes the list cannot change.
 */
class ListInParts implements ValueInParts {
  private readonly list: Deque<string>;
  private readonly count: number;
  /** Elements cut into nodes so far. */
  private at = 0;
  /** After detach(): the elements from `copyFrom` on. */
  private copy: string[] | null = null;
  private copyFrom = 0;
  private readonly fill: number;
  private readonly nodes: Uint8Array[] = [];
  private node: ListpackWriter | null = null;
  private cut = false;
  private written = 0;
  done = false;

  constructor(list: Deque<string>, listMaxListpackSize: number) {
    this.list = list;
    this.count = list.length;
    this.fill = quicklistFill(listMaxListpackSize);
  }

  step(sink: PartsSink, budget: number): number {
    while (budget > 0 && !this.cut) {
      budget--;
      for (let i = 0; i < ELEMENTS_PER_UNIT; i++) {
        if (this.at === this.count) {
          if (this.node !== null) this.nodes.push(this.node.finish());
          this.node = null;
          this.cut = true;
          sink.w.len(this.nodes.length);
          break;
        }
        const s = this.copy !== null ? this.copy[this.at - this.copyFrom]! : this.list.get(this.at)!;
        this.at++;
        // As quicklistNodes cuts them (rdb-encodings.ts).
        if (this.node === null || !quicklistNodeAllows(this.node.size, this.node.count, this.fill, s.length)) {
          if (this.node !== null) this.nodes.push(this.node.finish());
          this.node = new ListpackWriter(Math.min(8192, s.length + 16));
        }
        this.node.add(s);
      }
    }
    const n = this.nodes.length;
    while (budget > 0 && this.cut && this.written < n) {
      budget--;
      sink.w.quicklistNode(this.nodes[this.written]!, this.written, n);
      this.nodes[this.written] = EMPTY;
      this.written++;
    }
    if (this.cut && this.written === n) this.done = true;
    return budget;
  }

  detach(): void {
    if (this.cut || this.copy !== null) return;
    this.copy = this.list.slice(this.at);
    this.copyFrom = this.at;
  }
}

const EMPTY = new Uint8Array(0);

/** A stream: node count and nodes, then what follows them (groups and PELs, written whole). */
class StreamInParts implements ValueInParts {
  private readonly count: number;
  /** The nodes left to write from `at` on: the live array, or after detach() a copy of the rest. */
  private nodes: readonly StreamNode[];
  /** After detach(): each copied node's entries' deleted flags, as they were. */
  private flags: Uint8Array[] | null = null;
  private at = 0;
  private readonly header: CountHeader;
  /** The tail written at detach() (the live stream's counters and groups change in place). */
  private tail: Uint8Array | null = null;
  private readonly writeTail: (w: RdbWriter) => void;
  done = false;

  constructor(nodes: readonly StreamNode[], writeTail: (w: RdbWriter) => void) {
    this.count = nodes.length;
    this.nodes = nodes;
    this.header = new CountHeader(this.count);
    this.writeTail = writeTail;
  }

  step(sink: PartsSink, budget: number): number {
    const w = sink.w;
    this.header.write(w);
    while (budget > 0 && this.at < this.nodes.length) {
      // A node holds up to stream-node-max-entries (100) entries.
      budget -= UNITS_PER_STREAM_NODE;
      writeStreamNode(w, this.nodes[this.at]!, this.flags?.[this.at]);
      this.at++;
    }
    if (this.at < this.nodes.length) return Math.max(0, budget);
    if (this.tail !== null) sink.emit(this.tail);
    else this.writeTail(w);
    this.done = true;
    return Math.max(0, budget);
  }

  detach(): void {
    if (this.tail !== null || this.done) return;
    // Nodes gain entries (XADD), flag them deleted (XDEL) and go (XTRIM) in place; the node
    // array itself changes too. Nothing else in an entry changes: its flag is all to keep.
    const rest: StreamNode[] = [];
    const flags: Uint8Array[] = [];
    for (let i = this.at; i < this.nodes.length; i++) {
      const node = this.nodes[i]!;
      const entries = node.entries.slice();
      const deleted = new Uint8Array(entries.length);
      for (let j = 0; j < entries.length; j++) if (entries[j]!.deleted) deleted[j] = 1;
      rest.push({ ...node, entries });
      flags.push(deleted);
    }
    this.nodes = rest;
    this.flags = flags;
    this.at = 0;
    const w = new RdbWriter({ compression: false });
    this.writeTail(w);
    this.tail = w.takeChunk();
  }
}

/**
 * A string: its bytes are made from the JS string a slice at a time, then LZF-compressed a
 * slice at a time (one LZF run, so the same bytes as a whole-string compression), then handed
 * over as they are.
 */
class StringInParts implements ValueInParts {
  private readonly s: string;
  private readonly bytes: Uint8Array;
  private converted = 0;
  private lzf: LzfRun | null = null;
  private readonly compress: boolean;
  done = false;

  constructor(s: string, compress: boolean) {
    this.s = s;
    this.bytes = new Uint8Array(s.length);
    this.compress = compress;
  }

  step(sink: PartsSink, budget: number): number {
    const n = this.s.length;
    const { s, bytes } = this;
    while (budget > 0 && this.converted < n) {
      budget--;
      const end = Math.min(n, this.converted + BYTES_PER_UNIT);
      for (let i = this.converted; i < end; i++) bytes[i] = s.charCodeAt(i);
      this.converted = end;
    }
    if (this.converted < n) return budget;
    if (this.compress) {
      // rdbSaveLzfStringObject: kept only when it saves more than 4 bytes.
      this.lzf ??= new LzfRun(bytes, n - 4, new Int32Array(LZF_HSIZE), 1);
      while (budget > 0 && !this.lzf.done) {
        budget--;
        this.lzf.advance(this.lzf.position + BYTES_PER_UNIT);
      }
      if (!this.lzf.done) return budget;
      const packed = this.lzf.result();
      if (packed !== null) {
        sink.w.byte(0xc3).len(packed.length).len(n);
        sink.emit(packed);
        this.done = true;
        return budget;
      }
    }
    sink.w.len(n);
    sink.emit(bytes);
    this.done = true;
    return budget;
  }

  detach(): void {
    // A string never changes in place.
  }
}
