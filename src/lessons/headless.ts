// Runs lessons the way the browser does, without a browser: the lesson-runner core
// (LessonSession) over the worker protocol's client (WorkerClient), talking to an EngineHost
// over a MessageChannel, as the page talks to its Web Worker. One connection per terminal a
// step needs, plus the core's own for checks and setup; the engine's clock is the page's
// adjustable clock over a virtual time, so waiting is a fast-forward.

import { splitArgs } from '../cli/split-args.js';
import { AdjustableClock, VirtualClock } from '../engine/clock.js';
import type { Engine } from '../engine/engine.js';
import type { Reply } from '../shared/reply.js';
import { WorkerClient } from '../worker/client.js';
import { EngineHost } from '../worker/engine-host.js';
import type { ToWorker } from '../worker/protocol.js';
import type { Check, Lesson, Line } from './model.js';
import { lineClient, lineText } from './model.js';
import { LessonSession, type SentCommand, type Verdict } from './session.js';
import { evaluate, type CheckContext, type RanCommand, type Received } from './check.js';
import { late } from '../engine/late.js';

export class HeadlessRunner {
  readonly time = new VirtualClock();
  readonly engine: Engine;
  readonly worker: WorkerClient;
  readonly session: LessonSession;
  private readonly channel = new MessageChannel();
  /** Lesson client → its connection's handle. */
  private readonly handles = new Map<number, Promise<number>>();
  private readonly clientOfHandle = new Map<number, number>();
  /** A blocked command (BLPOP …) per connection: recorded once its reply arrives. */
  private readonly waiting = new Map<number, { argv: string[]; replies: Reply[] }>();

  constructor(readonly lesson: Lesson) {
    const clock = new AdjustableClock(() => this.time.now());
    const host = new EngineHost((m) => this.channel.port2.postMessage(m), { engine: { clock, late }, clock, aofInMemory: true });
    this.channel.port2.onmessage = (e) => host.handle(e.data as ToWorker);
    host.start();
    this.engine = host.engine;
    this.worker = new WorkerClient(() => this.channel.port1, { autoRestart: false });
    this.session = new LessonSession(this.worker, (h) => this.clientOfHandle.get(h) ?? null);
    // A blocked command's reply comes as a push after any real pushes; the terminal waits for it.
    this.worker.onPush((handle, reply) => {
      const w = this.waiting.get(handle);
      if (w === undefined) return;
      w.replies.push(reply);
      if (reply.t !== 'push') {
        this.waiting.delete(handle);
        const state = this.worker.state(handle);
        this.session.ran(handle, w.argv, w.replies, state.resp, state.db);
      }
    });
    this.session.begin(lesson, 0);
    // Node's ports would keep a test process alive; the page's worker has no such concern.
    for (const port of [this.channel.port1, this.channel.port2] as Array<MessagePort & { unref?: () => void }>) port.unref?.();
  }

  /** What the current step has seen (cleared by beginStep). */
  get commands(): readonly RanCommand[] {
    return this.session.commands;
  }

  get received(): readonly Received[] {
    return this.session.received;
  }

  /** Empties the lesson's database and runs its setup, as the browser's reset does. */
  async reset(): Promise<void> {
    const errors = await this.session.reset(this.lesson);
    if (errors.length > 0) throw new Error(`setup failed: ${errors.join('; ')}`);
  }

  /** Starts step `index` (default: the next one) with a clean slate. */
  beginStep(index?: number): void {
    const cur = this.session.step;
    this.session.begin(this.lesson, index ?? (cur === null ? 0 : cur.index));
  }

  /**
   * Runs one line in the terminal of the client it names (its connection opened on first use).
   * A blocked command answers [] at once; it counts for checks when its reply comes.
   */
  async run(line: Line): Promise<Reply[]> {
    const n = lineClient(line);
    const argv = splitArgs(lineText(line));
    if (argv === null || argv.length === 0) throw new Error(`not a command line: ${lineText(line)}`);
    const handle = await this.connection(n);
    const result = await this.worker.run(handle, argv);
    if (result.blocked) {
      this.waiting.set(handle, { argv, replies: result.replies });
      return [];
    }
    this.session.ran(handle, argv, result.replies, result.resp, result.db);
    return result.replies;
  }

  /**
   * A command the workbench's own connection ran (the browser's runner hears it through the same
   * listener as a terminal's): that connection plays the learner, client 1.
   */
  heard(ran: SentCommand): void {
    this.clientOfHandle.set(ran.handle, 1);
    this.session.ran(ran.handle, ran.argv, ran.replies, ran.resp, ran.db);
  }

  /** Moves the engine's clock forward, as the lesson's fast-forward button does. */
  async advance(seconds: number): Promise<void> {
    await this.worker.clock('advance', seconds * 1000);
  }

  context(): CheckContext {
    return this.session.context();
  }

  check(check: Check): Promise<boolean> {
    return evaluate(check, this.context());
  }

  /** The open step's verdict with the feedback the browser would show. */
  async verdict(): Promise<Verdict> {
    const v = await this.session.verdict();
    if (v === null) throw new Error('the step changed while it was checked');
    return v;
  }

  /** Closes the channel (the runner is done). */
  dispose(): void {
    this.session.dispose();
    this.worker.dispose();
    this.channel.port1.close();
    this.channel.port2.close();
  }

  private connection(client: number): Promise<number> {
    let h = this.handles.get(client);
    if (h === undefined) {
      h = this.worker.open().then((handle) => {
        this.clientOfHandle.set(handle, client);
        return handle;
      });
      this.handles.set(client, h);
    }
    return h;
  }
}
