// The browser's journal: every write the engine propagates (propagate.ts), as AOF text, handed
// to storage at the end of the task that made it, so a reload, a closed tab or a killed worker
// loses nothing. Entries are numbered; a snapshot covers the entries below the number `cut`
// gave when it began, and they go when it is stored (Redis's AOF rewrite, in the browser).

import { AofWriter, type PropagatedOp, type PropagationFeed } from '../engine/propagate.js';

export interface JournalStart {
  /** The number of the next entry (after those already stored). */
  next: number;
  /** Bytes the stored entries hold (the journal's growth since the last snapshot). */
  bytes: number;
}

export class Journal implements PropagationFeed {
  private text = '';
  private queued = false;
  private clockMoved = false;
  private readonly writer = new AofWriter();
  private next: number;
  /** Bytes journaled since the last snapshot began. */
  bytes: number;

  constructor(
    private readonly sink: (entry: { seq: number; text: string }) => void,
    private readonly schedule: (fn: () => void) => void,
    start: JournalStart = { next: 0, bytes: 0 },
  ) {
    this.next = start.next;
    this.bytes = start.bytes;
  }

  feed(op: PropagatedOp): void {
    this.text += this.writer.text(op);
    this.queue();
  }

  /** The clock was paused, resumed or moved: an entry records where it stands, writes or not. */
  clockChanged(): void {
    this.clockMoved = true;
    this.queue();
  }

  private queue(): void {
    if (this.queued) return;
    this.queued = true;
    this.schedule(() => this.flush());
  }

  /** What this task wrote goes to storage as one entry. */
  flush(): void {
    this.queued = false;
    if (this.text === '' && !this.clockMoved) return;
    const text = this.text;
    this.text = '';
    this.clockMoved = false;
    this.sink({ seq: this.next++, text });
    this.bytes += text.length;
  }

  /**
   * A snapshot begins: what is pending goes out first, and the entries from the number returned
   * on are not in the snapshot. The next entry selects its database again (a replay starts in 0).
   */
  cut(): { from: number; bytes: number } {
    this.flush();
    this.writer.selected = -1;
    const cut = { from: this.next, bytes: this.bytes };
    this.bytes = 0;
    return cut;
  }
}
