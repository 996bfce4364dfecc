// Runs lessons against an in-process engine with a virtual clock: what the lesson tests use, and
// a reference for how the browser runner behaves (one connection per terminal a step needs,
// plus one of its own for checks and setup).

import { splitArgs } from '../cli/split-args.js';
import type { Client } from '../engine/client.js';
import { VirtualClock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import type { Reply } from '../engine/reply.js';
import { evaluate, messageOf, type CheckContext, type RanCommand, type Received } from './check.js';
import { lineClient, lineText, resetLines, type Check, type Lesson, type Line } from './model.js';

export class HeadlessRunner {
  readonly clock = new VirtualClock();
  readonly engine = new Engine({ clock: this.clock });
  private readonly clients = new Map<number, Client>();
  private readonly checker: Client;
  private readonly pendingRan = new Map<number, RanCommand>();
  /** A command still blocked (BLPOP …) per client: its reply is recorded when it comes. */
  private readonly waiting = new Map<number, Reply[]>();
  /** What the current step has seen (cleared by beginStep). */
  commands: RanCommand[] = [];
  received: Received[] = [];

  constructor(readonly lesson: Lesson) {
    this.checker = this.engine.createClient();
    this.checker.deliver = () => undefined;
  }

  /** Empties the lesson's database and runs its setup, as the browser's reset does. */
  reset(): void {
    for (const line of resetLines(this.lesson)) {
      const r = this.exec(this.checker, line);
      if (r.some((x) => x.t === 'error')) throw new Error(`setup line failed: ${line}`);
    }
  }

  beginStep(): void {
    this.commands = [];
    this.received = [];
  }

  /** Runs one line in the client it names (creating that connection on first use). */
  run(line: Line): Reply[] {
    const n = lineClient(line);
    const replies = this.exec(this.client(n), lineText(line));
    const argv = splitArgs(lineText(line)) ?? [];
    const ran = { client: n, argv, replies, resp: this.client(n).resp === 3 ? 3 : 2 } as const;
    if (replies.length === 0) {
      // Blocked, as the browser's terminal is: the command counts once its reply arrives.
      this.waiting.set(n, replies);
      this.pendingRan.set(n, ran);
    } else {
      this.commands.push(ran);
    }
    return replies;
  }

  advance(seconds: number): void {
    this.clock.advance(seconds * 1000);
  }

  context(): CheckContext {
    return {
      query: (argv) => this.engine.execute(this.checker, argv) ?? { t: 'bulk', v: null },
      commands: this.commands,
      received: this.received,
    };
  }

  check(check: Check): Promise<boolean> {
    return evaluate(check, this.context());
  }

  private client(n: number): Client {
    let c = this.clients.get(n);
    if (c === undefined) {
      c = this.engine.createClient();
      c.deliver = (r) => {
        const msg = messageOf(r);
        if (msg !== null) {
          this.received.push({ client: n, ...msg });
          return;
        }
        const blocked = this.waiting.get(n);
        const ran = this.pendingRan.get(n);
        if (blocked !== undefined && ran !== undefined && r.t !== 'push') {
          blocked.push(r);
          this.waiting.delete(n);
          this.pendingRan.delete(n);
          this.commands.push(ran);
        }
      };
      this.clients.set(n, c);
    }
    return c;
  }

  private exec(c: Client, line: string): Reply[] {
    const argv = splitArgs(line);
    if (argv === null || argv.length === 0) throw new Error(`not a command line: ${line}`);
    const delivered: Reply[] = [];
    const deliver = c.deliver;
    c.deliver = (r) => {
      if (messageOf(r) === null) delivered.push(r);
      deliver.call(c, r);
    };
    try {
      const r = this.engine.execute(c, argv);
      return r === null ? delivered : [r, ...delivered];
    } finally {
      c.deliver = deliver;
    }
  }
}
