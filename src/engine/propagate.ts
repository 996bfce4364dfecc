// What a write sends on to the AOF, the browser's journal and replicas: Redis's propagation of
// effects (server.c call/alsoPropagate/propagatePendingCommands). A command that changed the
// dataset is propagated as its argv, or as the vector it rewrote itself into (EXPIRE as
// PEXPIREAT, SPOP as SREMs, a served BLPOP as LPOP …); what one command line propagates in
// several ops (EXEC, a script, SPOP with a count) goes out wrapped in MULTI … EXEC.

/** One propagated command: the database it targets and its arguments (byte strings). */
export interface PropagatedOp {
  db: number;
  argv: readonly string[];
  /** PROPAGATE_REPL alone (PUBLISH): replicas get it, the AOF and the journal do not. */
  replOnly?: boolean;
}

/** Something that receives the propagated stream in order (an AOF, a journal, a replica). */
export interface PropagationFeed {
  feed(op: PropagatedOp): void;
  /** It takes the ops meant for replicas only (the replication stream). */
  readonly forReplicas?: boolean;
}

/** Client.propFlags bits: Redis's CLIENT_FORCE_AOF|CLIENT_FORCE_REPL, CLIENT_PREVENT_PROP, CLIENT_FORCE_REPL alone. */
export const PROP_FORCE = 1;
export const PROP_PREVENT = 2;
export const PROP_FORCE_REPL = 4;

const MULTI: readonly string[] = ['MULTI'];
const EXEC: readonly string[] = ['EXEC'];

/** The ops a command line accumulates (server.also_propagate) and the feeds they go to. */
export class Propagation {
  readonly feeds = new Set<PropagationFeed>();
  private pending: PropagatedOp[] = [];

  /** Whether anything listens: without a feed, commands skip every propagation step. */
  get active(): boolean {
    return this.feeds.size !== 0;
  }

  /** alsoPropagate: the op goes out when the command line ends. */
  add(db: number, argv: readonly string[], replOnly = false): void {
    if (this.feeds.size !== 0) this.pending.push(replOnly ? { db, argv, replOnly } : { db, argv });
  }

  /**
   * propagatePendingCommands: the ops go to every feed, inside MULTI … EXEC when there are
   * several and `atomic` (the active expire cycle and RANDOMKEY/SCAN propagate theirs one by one).
   */
  flush(atomic = true): void {
    const ops = this.pending;
    if (ops.length === 0) return;
    this.pending = [];
    const wrap = atomic && ops.length > 1;
    if (wrap) this.send({ db: ops[0]!.db, argv: MULTI });
    for (const op of ops) this.send(op);
    if (wrap) this.send({ db: ops[ops.length - 1]!.db, argv: EXEC });
  }

  private send(op: PropagatedOp): void {
    for (const f of this.feeds) if (op.replOnly !== true || f.forReplicas === true) f.feed(op);
  }
}

/**
 * The AOF's text of a propagated stream (feedAppendOnlyFile): a SELECT whenever the database
 * changes, then each command as a RESP array of bulk strings.
 */
export class AofWriter {
  /** aof_selected_db: -1 at the start of every file, so its first command selects. */
  selected = -1;

  /** The RESP text of one op, with the SELECT it needs first. */
  text(op: PropagatedOp): string {
    let out = '';
    if (op.db !== this.selected) {
      const id = String(op.db);
      out = `*2\r\n$6\r\nSELECT\r\n$${id.length}\r\n${id}\r\n`;
      this.selected = op.db;
    }
    return out + respCommand(op.argv);
  }
}

/** A command as RESP (catAppendOnlyGenericCommand); arguments are byte strings (latin1). */
export function respCommand(argv: readonly string[]): string {
  let out = `*${argv.length}\r\n`;
  for (const a of argv) out += `$${a.length}\r\n${a}\r\n`;
  return out;
}
