// The page's messages on their way to the EngineHost, in the order they came: held while the
// dataset loads, and held again from a command that may need the engine's late parts (Lua, the
// HELP lines, LOLWUT: engine/late.ts) until their chunk is here (the worker fetches it after
// `ready`, so that the page's first prompt does not wait for it).

import type { LateParts } from '../engine/engine.js';
import type { EngineHost } from './engine-host.js';
import type { ToWorker } from './protocol.js';

/**
 * EVAL and co., SCRIPT, FCALL and co., FUNCTION, any HELP subcommand, LOLWUT, MIGRATE, INFO, SORT,
 * MEMORY, LATENCY, ACL, GEO, replication's commands and EXEC (which may run any of them queued).
 */
function mayNeedLate(argv: readonly string[]): boolean {
  const name = argv[0]?.toLowerCase() ?? '';
  return (
    name.startsWith('eval') ||
    name.startsWith('fcall') ||
    name.startsWith('geo') ||
    name === 'script' ||
    name === 'function' ||
    name === 'lolwut' ||
    name === 'migrate' ||
    name === 'info' ||
    name === 'sort' ||
    name === 'sort_ro' ||
    name === 'memory' ||
    name === 'latency' ||
    name === 'acl' ||
    name === 'sync' ||
    name === 'psync' ||
    name === 'replconf' ||
    name === 'replicaof' ||
    name === 'slaveof' ||
    name === 'role' ||
    name === 'exec' ||
    argv[1]?.toLowerCase() === 'help'
  );
}

export class MessageGate {
  private readonly waiting: ToWorker[] = [];
  private held = true;
  private lateComing = false;

  constructor(private readonly host: Pick<EngineHost, 'engine' | 'handle' | 'provideLate'>) {}

  /** A message from the page: handled now, or after those held before it. */
  receive(msg: ToWorker): void {
    if (!this.held && this.lateComing && msg.type === 'run' && this.host.engine.late === null && mayNeedLate(msg.argv)) this.held = true;
    if (this.held) this.waiting.push(msg);
    else this.host.handle(msg);
  }

  /** The host has said `ready`: messages flow. The late parts come with `late` (null if they could not be fetched). */
  open(late: Promise<LateParts | null>): void {
    this.lateComing = true;
    void late.then(
      (parts) => this.lateSettled(parts),
      () => this.lateSettled(null),
    );
    this.release();
  }

  private lateSettled(parts: LateParts | null): void {
    if (parts !== null) this.host.provideLate(parts);
    // Without them EVAL answers that Lua is not available, rather than waiting for ever.
    this.lateComing = false;
    this.release();
  }

  private release(): void {
    this.held = false;
    // A message may hold the queue again (a command that needs the late parts): the rest stay behind it.
    while (!this.held && this.waiting.length > 0) this.receive(this.waiting.shift()!);
  }
}
