// The TRANSACTIONS group (Redis's multi.c): MULTI, EXEC, DISCARD, WATCH, UNWATCH.
//
// The dispatcher (Engine.execute) does the queuing: inside MULTI every command but EXEC,
// DISCARD, MULTI, WATCH, QUIT and RESET is validated (existence, arity, NOAUTH, no_multi) and
// queued; a rejection flags the transaction (c.multiError) so that EXEC answers EXECABORT, and a
// rejected EXEC aborts it at once. WATCH bookkeeping (including keys that were already expired
// when watched) lives in the engine: watch(), signalModifiedKey(), touchAllWatchedKeysInDb(),
// isWatchedKeyExpired(), discardTransaction().

import type { Client, QueuedCommand } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, keyRange } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { ACL_OK, execDenialReason } from '../acl-denial.js';
import { array, error, NIL_ARRAY, OK, type Reply } from '../../shared/reply.js';

const EXECABORT_R = error(E.EXECABORT);
const MULTI_NESTED_R = error(E.MULTI_NESTED);
const EXEC_WITHOUT_MULTI_R = error(E.EXEC_WITHOUT_MULTI);
const DISCARD_WITHOUT_MULTI_R = error(E.DISCARD_WITHOUT_MULTI);
const WATCH_INSIDE_MULTI_R = error(E.WATCH_INSIDE_MULTI);

function multiCommand(c: Client): Reply {
  if (c.multi !== null) return MULTI_NESTED_R;
  c.multi = [];
  return OK;
}

function discardCommand(c: Client): Reply {
  if (c.multi === null) return DISCARD_WITHOUT_MULTI_R;
  c.engine.discardTransaction(c);
  return OK;
}

function execCommand(c: Client): Reply | null {
  const queue = c.multi;
  if (queue === null) return EXEC_WITHOUT_MULTI_R;
  const engine = c.engine;

  // A watched key whose TTL ran out since WATCH counts as touched, deleted or not.
  if (!c.dirtyCas && engine.isWatchedKeyExpired(c)) c.dirtyCas = true;
  if (c.multiError || c.dirtyCas) {
    // A queuing error wins over a broken WATCH; the latter is the null array (RESP3 null).
    const reply = c.multiError ? EXECABORT_R : NIL_ARRAY;
    engine.discardTransaction(c);
    return reply;
  }

  // Unwatch before running: the transaction's own writes must not matter. `c.multi` stays set
  // while the queue runs (CLIENT INFO shows flags=x), as Redis keeps CLIENT_MULTI until the end.
  engine.unwatchAll(c);
  return new ExecRun(c, queue).run();
}

/**
 * EXEC's loop over the queue. A queued script that goes on after its first slice
 * (engine.scriptRun) holds the loop: the script's reply joins the others when it ends, and the
 * rest of the queue runs then; EXEC's reply goes out late (engine.lateReply).
 */
class ExecRun {
  private readonly replies: Reply[] = [];
  private i = 0;
  private answered = 0;
  private delivered = false;
  /** The last queued command was an ACL denial (no nested call since). */
  private deniedLast = false;
  /** The client's own deliver, taken over while the queue runs. */
  private readonly deliver: (r: Reply) => void;

  constructor(
    private readonly c: Client,
    private readonly queue: QueuedCommand[],
  ) {
    this.deliver = c.deliver;
    // What a queued command delivers to this client itself (SUBSCRIBE's confirmations, a message
    // it publishes to itself, its own MONITOR line) joins the replies in order, as Redis writes
    // it into the same reply buffer.
    c.deliver = (r) => {
      this.replies.push(r);
      this.delivered = true;
    };
  }

  /** Runs the rest of the queue: EXEC's reply, or null while a script holds it. */
  run(): Reply | null {
    const c = this.c;
    const engine = c.engine;
    // engine.inExec tells blocking commands not to block (Redis's CLIENT_DENY_BLOCKING).
    const wasInExec = engine.inExec;
    engine.inExec = true;
    let held = false;
    try {
      while (this.i < this.queue.length) {
        const q = this.queue[this.i++]!;
        const before = this.replies.length;
        // The ACL is checked again: it may have changed since the command was queued.
        const acl = engine.acl;
        const check = acl?.check(c.user, q.cmd, q.argv);
        if (check !== undefined && check.result !== ACL_OK) {
          acl!.logDenial(c, check, 'multi', q.cmd, q.argv);
          const denial = E.nopermInExec(execDenialReason(check.result));
          engine.countErrorReply(denial);
          this.took(before, error(denial));
          this.deniedLast = true;
          continue;
        }
        this.deniedLast = false;
        const r = engine.call(c, q.cmd, q.argv);
        const run = engine.scriptRun;
        if (r === null && run !== null && run.caller === c && run.onEnd === null) {
          held = true;
          run.onEnd = (reply) => {
            this.took(before, reply);
            const done = this.run();
            if (done !== null) engine.lateReply(c, done);
          };
          return null;
        }
        this.took(before, r);
      }
    } finally {
      engine.inExec = wasInExec;
      if (!held) {
        c.deliver = this.deliver;
        engine.discardTransaction(c);
        // call()'s failed_calls for EXEC: an error it answered itself after its last nested call.
        if (this.deniedLast) engine.countFailedCall(engine.commands.get('exec')!);
      }
    }
    const replies = this.replies;
    if (!this.delivered) return array(replies);
    // Redis's array header counts the commands: a command with several replies (SUBSCRIBE a b)
    // leaves the extra ones after the array on the wire. Sent that way, byte for byte.
    this.deliver(array(replies.slice(0, this.answered)));
    for (let i = this.answered; i < replies.length; i++) this.deliver(replies[i]!);
    return null;
  }

  /** A queued command's reply (null: CLIENT REPLY OFF|SKIP, and Redis then sends a broken array). */
  private took(before: number, r: Reply | null): void {
    if (r !== null) this.replies.push(r);
    if (this.replies.length > before) this.answered++;
    // A monitor running a transaction: each command's own MONITOR line follows its reply.
    const engine = this.c.engine;
    if (engine.pubsub.owed !== null) {
      for (const line of engine.pubsub.takeOwed()!) this.c.deliver(line);
    }
  }
}

function watchCommand(c: Client, argv: string[]): Reply {
  if (c.multi !== null) return WATCH_INSIDE_MULTI_R;
  // No point in watching more once the transaction is bound to fail.
  if (c.dirtyCas) return OK;
  const engine = c.engine;
  const db = c.db;
  for (let i = 1; i < argv.length; i++) engine.watch(c, db, argv[i]!);
  return OK;
}

function unwatchCommand(c: Client): Reply {
  c.engine.unwatchAll(c);
  return OK;
}

const command = commandGroup('transactions', 'transaction');

// One line a command, so the table reads as a table.
// prettier-ignore
export const transactionCommands: CommandSpec[] = [
  command('multi', 1, 'noscript loading stale fast allow_busy', [], multiCommand, { since: '1.2.0', complexity: 'O(1)', summary: 'Start a transaction: the following commands are queued until EXEC or DISCARD' }),
  command('exec', 1, 'noscript loading stale skip_slowlog', [], execCommand, { since: '1.2.0', complexity: 'Depends on commands in the transaction', summary: 'Run every queued command of the transaction at once, unless a watched key changed' }),
  command('discard', 1, 'noscript loading stale fast allow_busy', [], discardCommand, { since: '2.0.0', complexity: 'O(N), when N is the number of queued commands', summary: 'Drop the queued commands, leave the transaction and forget watched keys' }),
  command('watch', -2, 'noscript loading stale fast allow_busy', [keyRange(1, -1, 1, 'RO')], watchCommand, { since: '2.2.0', complexity: 'O(1) for every key.', summary: 'Make the next EXEC fail if any of these keys is modified before it runs', syntax: 'key [key ...]' }),
  command('unwatch', 1, 'noscript loading stale fast allow_busy', [], unwatchCommand, { since: '2.2.0', complexity: 'O(1)', summary: 'Forget every key this connection watches' }),
];
