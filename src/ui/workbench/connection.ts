// The workbench's own connection to the engine, a client like a terminal tab's: CLIENT LIST
// shows it by its name (`workbench`). A blocked command (BLPOP k 0) waits for its reply, which
// the worker sends later as a push; Stop gives up on it the way Ctrl-C does in redis-cli, by
// dropping the connection (the next command opens a new one). Each command, once its reply is
// in, is told to `onCommand` (the page passes it on to the lessons, as a terminal's commands are).

import type { SentCommand } from '../../lessons/session.js';
import type { Reply } from '../../shared/reply.js';
import type { WorkerClient } from '../../worker/client.js';
import type { RunTarget, Sent } from './runner.js';
import { SharedPromise } from '../shared-promise.js';

/** A command given up on (Stop while it was blocked). */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

interface Waiter {
  pushes: Reply[];
  resolve(replies: Reply[]): void;
  reject(e: Error): void;
}

export class WorkbenchConnection implements RunTarget {
  private handle: number | null = null;
  /** The database its last command left it in (SELECT), for key-name completion. */
  db = 0;
  private readonly opening = new SharedPromise<number>();
  /** Blocked commands waiting for their replies, oldest first (a pipeline may block several). */
  private waiters: Waiter[] = [];
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly engine: WorkerClient,
    private readonly onCommand: (ran: SentCommand) => void = () => undefined,
    readonly name = 'workbench',
  ) {
    this.unsubscribe = [
      engine.onPush((handle, reply) => {
        const w = this.waiters[0];
        if (handle !== this.handle || w === undefined) return;
        w.pushes.push(reply);
        if (reply.t !== 'push') {
          this.waiters.shift();
          w.resolve(w.pushes);
        }
      }),
      engine.onClosed((handle) => {
        if (handle === this.handle) {
          this.handle = null;
          this.db = 0;
        }
      }),
    ];
  }

  /** The engine's CLIENT ID of the connection, when it has one. */
  get clientId(): number | null {
    return this.handle === null ? null : this.engine.remoteId(this.handle);
  }

  async send(argv: string[]): Promise<Sent> {
    const handle = await this.connection();
    const result = await this.engine.run(handle, argv);
    this.db = result.db;
    let replies = result.replies;
    if (result.blocked) replies = [...replies, ...(await new Promise<Reply[]>((resolve, reject) => this.waiters.push({ pushes: [], resolve, reject })))];
    this.onCommand({ handle, argv, replies, resp: result.resp, db: result.db });
    return { replies, resp: result.resp, truncated: result.truncated };
  }

  /** Whether a command waits for a blocked reply. */
  get waiting(): boolean {
    return this.waiters.length > 0;
  }

  /** Gives up on blocked commands: their connection goes, the next command opens a new one. */
  interrupt(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(new Interrupted());
    const handle = this.handle;
    this.handle = null;
    this.db = 0;
    if (handle !== null) void this.engine.close(handle).catch(() => undefined);
  }

  dispose(): void {
    this.interrupt();
    for (const off of this.unsubscribe) off();
  }

  private connection(): Promise<number> {
    if (this.handle !== null) return Promise.resolve(this.handle);
    return this.opening.run(() =>
      this.engine.open({ name: this.name }).then((h) => {
        this.handle = h;
        return h;
      }),
    );
  }
}
