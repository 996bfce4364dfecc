// The lesson-runner core: what the open step has seen, whether its check passes, and what to
// tell a learner when it does not. The browser (src/ui/lessons/runner.ts) and the headless
// lesson tests (headless.ts) both drive this one class over the worker protocol's client, so
// the replies, their protocol, pushes and their order are the same in both: a lesson test
// proves what a learner sees.

import type { CommandDoc } from '../shared/command-doc.js';
import { splitArgs, utf8Decode } from '../cli/split-args.js';
import type { Reply } from '../shared/reply.js';
import { assess, messagesOf, type CheckContext, type Miss, type RanCommand, type Received } from './check.js';
import { resetLines, selectsDatabase, type Check, type Lesson, type Step, type Text } from './model.js';

/** What the core needs of the engine: the worker protocol's client (WorkerClient) has it all. */
export interface LessonEngine {
  readonly commands: readonly CommandDoc[];
  open(options?: { name?: string }): Promise<number>;
  run(handle: number, argv: string[]): Promise<{ replies: Reply[] }>;
  state(handle: number): { db: number };
  onPush(fn: (handle: number, reply: Reply) => void): () => void;
  clock(action: 'read'): Promise<{ paused: boolean; ahead: number }>;
}

/** What the learner is told about a step that has not passed yet. */
export type Feedback =
  /** The last command got an error: its text, the command's syntax, and the step's hint about it. */
  | { kind: 'error'; line: string; error: string; syntax: string | null; hint: Text | null }
  /** The learner typed into another database than the lesson's. */
  | { kind: 'db'; db: number; lessonDb: number }
  /** Time has to pass for this step, but the engine's clock stands still. */
  | { kind: 'clock'; ahead: number }
  /** What the check expected and what the engine holds (or the terminal printed). */
  | { kind: 'miss'; miss: Miss };

/**
 * A command one of the learner's connections ran (typed in a terminal, or run from the
 * workbench) with everything it received, in the protocol and database it left the connection
 * in: what `LessonSession.ran` records.
 */
export interface SentCommand {
  handle: number;
  argv: readonly string[];
  replies: readonly Reply[];
  resp: 2 | 3;
  db: number;
}

export interface Verdict {
  pass: boolean;
  /** Null while nothing was typed for the step yet (and time is not stuck). */
  feedback: Feedback | null;
}

/** Checks that time alone can satisfy (a TTL running out), or a step that waits for time. */
export function timeMatters(step: Step): boolean {
  const inCheck = (check: Check): boolean => {
    if ('all' in check) return check.all.some(inCheck);
    if ('any' in check) return check.any.some(inCheck);
    if ('key' in check) return check.exists === false || check.ttlBetween !== undefined;
    return false;
  };
  return step.wait !== undefined || inCheck(step.check);
}

export class LessonSession {
  /** Commands run since the step began, oldest first (every client: `client` says whose). */
  commands: RanCommand[] = [];
  /** Pub/sub messages received since the step began, in the order they came. */
  received: Received[] = [];
  /** What the learner's Python programs printed since the step began (the last 64 KB). */
  printed = '';
  private lesson: Lesson | null = null;
  private index = 0;
  /** Grows with each step change: a verdict computed for an older step is dropped. */
  private generation = 0;
  private checker: Promise<number> | null = null;
  private readonly stopListening: () => void;

  /**
   * `clientOf` tells which lesson client a connection plays (1 = the learner's terminal, 2 = the
   * second one, 0 = another terminal) or null for a connection that is not a terminal's.
   */
  constructor(
    private readonly engine: LessonEngine,
    private readonly clientOf: (handle: number) => number | null,
  ) {
    this.stopListening = engine.onPush((handle, reply) => {
      const client = this.clientOf(handle);
      if (client === null) return;
      for (const msg of messagesOf(reply)) this.received.push({ client, ...msg });
    });
  }

  dispose(): void {
    this.stopListening();
  }

  /** Standard output of the learner's Python program, a piece as it comes. */
  print(text: string): void {
    this.printed = (this.printed + text).slice(-65536);
  }

  /** The step being checked, or null when no lesson is open. */
  get step(): { lesson: Lesson; index: number; step: Step } | null {
    const lesson = this.lesson;
    if (lesson === null) return null;
    const index = Math.min(this.index, lesson.steps.length - 1);
    const step = lesson.steps[index];
    return step === undefined ? null : { lesson, index, step };
  }

  /** Opens a step with a clean slate: only what is run from now on counts for its check. */
  begin(lesson: Lesson | null, index = 0): void {
    this.lesson = lesson;
    this.index = index;
    this.commands = [];
    this.received = [];
    this.printed = '';
    this.generation++;
  }

  /**
   * A terminal's command and everything its connection received while it ran (and, for a
   * blocked command, until its reply came), with the protocol and database it ended in.
   */
  ran(handle: number, argv: readonly string[], replies: readonly Reply[], resp: 2 | 3, db: number): void {
    const client = this.clientOf(handle);
    if (client === null) return;
    // A RESP3 client that publishes to its own channel (or writes a key it tracks) gets the
    // message during the command.
    for (const r of replies) if (r.t === 'push') for (const msg of messagesOf(r)) this.received.push({ client, ...msg });
    this.commands.push({ client, argv, replies, resp, db });
  }

  /** Empties the lesson's database and runs its setup on the core's own connection; answers the errors. The caller begins the step anew. */
  async reset(lesson: Lesson): Promise<string[]> {
    const errors: string[] = [];
    for (const line of resetLines(lesson)) {
      const r = await this.query(splitArgs(line) ?? []);
      if (r.t === 'error') errors.push(`${line}: ${r.v}`);
    }
    return errors;
  }

  /** Answers the check's read-only questions in the lesson's database. */
  context(): CheckContext {
    const db = this.lesson?.db ?? 0;
    return {
      query: async (argv) => {
        const handle = await this.checkerHandle();
        if (this.engine.state(handle).db !== db) await this.engine.run(handle, ['SELECT', String(db)]);
        return this.query(argv);
      },
      commands: this.commands,
      received: this.received,
      printed: this.printed,
    };
  }

  /** Whether the open step's check passes, and if not, what to tell the learner; null if the step changed meanwhile. */
  async verdict(): Promise<Verdict | null> {
    const cur = this.step;
    if (cur === null) return null;
    const generation = this.generation;
    const miss = await assess(cur.step.check, this.context());
    const feedback = miss === null ? null : await this.explain(cur.lesson, cur.step, miss);
    return generation === this.generation ? { pass: miss === null, feedback } : null;
  }

  private async explain(lesson: Lesson, step: Step, miss: Miss): Promise<Feedback | null> {
    if (timeMatters(step)) {
      const clock = await this.engine.clock('read');
      if (clock.paused) return { kind: 'clock', ahead: clock.ahead };
    }
    const last = this.commands.at(-1);
    if (last === undefined) return null;
    const reply = last.replies.find((r) => r.t !== 'push') ?? last.replies[0];
    if (reply?.t === 'error') return this.errorFeedback(step, last.argv, utf8Decode(reply.v));
    const lessonDb = lesson.db ?? 0;
    const selects = selectsDatabase([...step.commands, ...step.solution]);
    if (last.client === 1 && last.db !== undefined && last.db !== lessonDb && !selects && miss.kind !== 'reply' && miss.kind !== 'not-run') {
      return { kind: 'db', db: last.db, lessonDb };
    }
    return { kind: 'miss', miss };
  }

  /** An error the learner just got: Redis's words, the command's syntax, and the step's hint that names it. */
  private errorFeedback(step: Step, argv: readonly string[], error: string): Feedback {
    const name = argv[0] ?? '';
    const line = argv.map((a) => (/^[\x21-\x7e]+$/.test(a) && !/["']/.test(a) ? utf8Decode(a) : JSON.stringify(utf8Decode(a)))).join(' ');
    const named = new RegExp('`' + name.replace(/[^A-Za-z_]/g, '') + '\\b', 'i');
    const hint = name === '' ? null : (step.hints.find((h) => named.test(h.en)) ?? null);
    return { kind: 'error', line, error, syntax: syntaxOf(this.engine.commands, argv), hint };
  }

  private checkerHandle(): Promise<number> {
    this.checker ??= this.engine.open({ name: 'lessons' });
    return this.checker;
  }

  private async query(argv: string[]): Promise<Reply> {
    const handle = await this.checkerHandle();
    const { replies } = await this.engine.run(handle, argv);
    return replies[0] ?? { t: 'bulk', v: null };
  }
}

/** `HSET key field value [field value ...]`: a command's (or subcommand's) syntax from the table. */
export function syntaxOf(docs: readonly CommandDoc[], argv: readonly string[]): string | null {
  const name = argv[0]?.toLowerCase();
  const doc = docs.find((d) => d.name.toLowerCase() === name);
  if (doc === undefined) return null;
  const word = argv[1]?.toLowerCase();
  const sub = word === undefined ? undefined : doc.subcommands?.find((s) => [word, `${name}|${word}`].includes(s.name.toLowerCase()));
  const words = sub !== undefined ? `${doc.name} ${argv[1]}` : doc.name;
  const syntax = (sub ?? doc).syntax;
  return `${words.toUpperCase()}${syntax ? ' ' + syntax : ''}`;
}
