// CLIENT PAUSE (Redis 7.0's pauseClients / unpauseClients / checkClientPauseTimeoutAndReturnIfPaused
// in networking.c, and processCommand's BLOCKED_POSTPONE): while a pause is on, the commands it
// covers wait ("postponed"), each client's in the order it sent them and the clients in the order
// they were held; when the pause ends (its deadline on the engine clock, CLIENT UNPAUSE) or gets
// less strict, they go through the dispatcher again from the start, so one may be held again.
//
// A postponed client looks blocked to everything else, as in Redis (CLIENT_BLOCKED): client.unblock
// is set (CLIENT LIST flag 'b', INFO blocked_clients, and both hosts hold its next commands and
// take its later reply through client.deliver), and Engine.execute returns null for it.
//
// Only one pause purpose exists here (the CLIENT command's: no failover, no SHUTDOWN pause), so
// Redis's per-purpose table comes down to one type and one deadline.

import type { Client } from './client.js';
import type { Command } from './command.js';
import type { Engine } from './engine.js';
import { FLAG_NO_WRITES, scriptDeclaredFlags } from './scripting/flags.js';

/** CLIENT PAUSE's mode; 'off' is no pause. Ordered from least to most strict. */
export type PauseType = 'off' | 'write' | 'all';

const STRICTNESS: Readonly<Record<PauseType, number>> = { off: 0, write: 1, all: 2 };

/** What a parsed CLIENT PAUSE asks for. */
export interface PauseRequest {
  type: Exclude<PauseType, 'off'>;
  /** Absolute engine ms the pause lasts until (strictly after it, the pause is over). */
  end: number;
}

export class ClientPause {
  private type: PauseType = 'off';
  private end = 0;
  /** Held commands, by client, in the order they were held (Redis's server.postponed_clients). */
  private readonly postponed = new Map<Client, string[]>();
  /** Let go by the end of a pause, waiting to run again (Redis's unblocked_clients). */
  private released: { client: Client; argv: string[] }[] = [];
  private running = false;

  constructor(private readonly engine: Engine) {}

  /** areClientsPaused, as last updated (no look at the clock). */
  get active(): boolean {
    return this.type !== 'off';
  }

  /** The current mode ('off' once the deadline has passed and check() saw it). */
  get mode(): PauseType {
    return this.type;
  }

  /**
   * checkClientPauseTimeoutAndReturnIfPaused: ends the pause if its deadline has passed on the
   * engine's clock (engine.now), then tells whether one is on. Expiry and the active expire cycle
   * ask it: while paused the dataset stays as it is.
   */
  check(): boolean {
    if (this.type === 'off') return false;
    if (this.end < this.engine.now) this.update('off', 0);
    return this.active;
  }

  /**
   * pauseClients: a pause already on keeps the stricter type and the later deadline, so a second
   * CLIENT PAUSE can lengthen or harden it, never shorten or soften it.
   */
  pause(req: PauseRequest): void {
    this.check();
    const type = STRICTNESS[req.type] > STRICTNESS[this.type] ? req.type : this.type;
    const end = Math.max(this.end, req.end);
    // A deadline already past (CLIENT PAUSE 0) leaves no pause at all.
    if (end < this.engine.now) this.update('off', 0);
    else this.update(type, end);
    if (this.active) this.engine.blocking.onDeadline?.(this.end);
  }

  /** unpauseClients. */
  unpause(): void {
    this.update('off', 0);
  }

  /** The pause's deadline while one is on (hosts' timers wake at it), else null. */
  nextDeadline(): number | null {
    return this.type === 'off' ? null : this.end;
  }

  /**
   * processCommand's check: whether `cmd` must wait. ALL holds everything; WRITE holds what may
   * write or replicate (getCommandFlags: a script's declared flags count for EVAL and FCALL; an
   * EXEC counts its queued commands). MONITOR clients, replicas to Redis, are never held.
   */
  holds(c: Client, cmd: Command, argv: readonly string[]): boolean {
    if (this.type === 'off' || c.monitor) return false;
    if (this.type === 'all') return true;
    if (cmd.fullName === 'exec' && c.multi !== null) {
      // Each queued command as queueMultiCommand counted it: a no-writes script holds nothing.
      return c.multi.some((q) => mayReplicate(this.engine, q.cmd, q.argv));
    }
    return mayReplicate(this.engine, cmd, argv);
  }

  /** blockClient(BLOCKED_POSTPONE): the command waits; Engine.execute answers null for now. */
  postpone(c: Client, argv: string[]): null {
    this.postponed.set(c, argv.slice());
    // CLIENT UNBLOCK leaves a postponed client alone (see isPostponed); the hook marks it blocked.
    c.unblock = () => {};
    return null;
  }

  isPostponed(c: Client): boolean {
    return this.postponed.size !== 0 && this.postponed.has(c);
  }

  /** The held command line of a postponed client (CLIENT LIST's argv-mem), else undefined. */
  argvOf(c: Client): readonly string[] | undefined {
    return this.postponed.size === 0 ? undefined : this.postponed.get(c);
  }

  /** Clients whose command waits for the pause to end. */
  get count(): number {
    return this.postponed.size;
  }

  /** The client went away: its held command will not run. */
  forget(c: Client): void {
    if (this.postponed.delete(c)) c.unblock = null;
    if (this.released.length !== 0) this.released = this.released.filter((r) => r.client !== c);
  }

  get hasReleased(): boolean {
    return this.released.length !== 0;
  }

  /**
   * processUnblockedClients: runs the commands a pause's end let go, in the order they were held
   * (each may be held again by a pause still on, or block). Their replies go out through deliver.
   * Called by the engine outside any command (after a command line, on a timer).
   */
  runReleased(): void {
    if (this.running) return;
    this.running = true;
    try {
      // A held EVAL may go on as a long script: the rest wait for its end (Engine.scriptEnded).
      while (this.released.length !== 0 && this.engine.scriptRun === null) {
        const { client: c, argv } = this.released.shift()!;
        if (!this.engine.clients.has(c.id)) continue;
        c.unblock = null;
        const reply = this.engine.execute(c, argv);
        if (reply !== null) c.deliver(reply);
      }
    } finally {
      this.running = false;
    }
  }

  /** updateClientPauseTypeAndEndTime: a less strict pause lets every held command go. */
  private update(type: PauseType, end: number): void {
    const old = this.type;
    this.type = type;
    this.end = end;
    if (STRICTNESS[type] < STRICTNESS[old] && this.postponed.size !== 0) {
      for (const [client, argv] of this.postponed) this.released.push({ client, argv });
      this.postponed.clear();
    }
  }
}

/**
 * processCommand's is_may_replicate_command for one command: CMD_WRITE or CMD_MAY_REPLICATE, where a
 * script with a shebang (or a function) says itself whether it writes (scriptFlagsToCmdFlags).
 */
function mayReplicate(engine: Engine, cmd: Command, argv: readonly string[]): boolean {
  const declared = scriptDeclaredFlags(engine, cmd, argv);
  if (declared !== null) return (declared & FLAG_NO_WRITES) === 0;
  return cmd.flags.includes('write') || cmd.flags.includes('may_replicate');
}
