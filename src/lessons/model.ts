// The lesson format: plain typed data (lessons/*.ts), read by the runner in the browser and by the
// headless tests alike. Nothing here touches the DOM or the engine; see lessons/README.md.

export type Locale = 'ko' | 'en';
export const LOCALES: readonly Locale[] = ['ko', 'en'];

/** A piece of text in every locale. Step text and hints are Markdown-lite (see markdown.ts). */
export type Text = Record<Locale, string>;

/**
 * A command line as a person types it into redis-cli. A plain string runs in the learner's
 * terminal (client 1); `{ client: 2, line }` runs in a second terminal (another connection).
 */
export type Line = string | { client: number; line: string };

/** The learner's command got a reply (the first reply, as redis-cli prints it on a terminal). */
export interface ReplyCheck {
  /**
   * Which command: its words as typed (`GET mykey`); the name matches in any case, the other
   * words exactly, and a shorter line matches longer commands that start with it (`EXEC`,
   * `HINCRBY hat:1 quantity`). Without it, any command counts.
   */
  command?: string;
  /** Only commands run by this client (1 = the learner's terminal, 2 = the second one). */
  client?: number;
  /** The reply as redis-cli shows it, lines joined with "\n": `"Zagreb"`, `(integer) 1`, `(nil)`. */
  equals?: string;
  /** A pattern the redis-cli text must match (for replies whose order Redis does not fix). */
  matches?: RegExp;
}

/** A key in the lesson's database, read with read-only commands. Every given field must hold. */
export interface KeyCheck {
  key: string;
  /** Default: true unless `exists: false` is the only thing asked. */
  exists?: boolean;
  /** As TYPE answers: string, list, hash, set, zset. */
  type?: string;
  /** A string key's value (GET). */
  equals?: string;
  /** Seconds left to live (PTTL / 1000), both ends included; a key without a TTL fails. */
  ttlBetween?: [min: number, max: number];
  /** STRLEN, LLEN, HLEN, SCARD or ZCARD, by the key's type. */
  length?: number;
  /** A member of a set or sorted set, or an element of a list. */
  member?: string;
  /** A hash field and its value (HGET). */
  field?: [field: string, value: string];
  /** A sorted set member and its score (ZSCORE). */
  score?: [member: string, score: number];
}

/**
 * A client (subscribed) received a pub/sub message on a channel. A client-side-caching
 * invalidation counts as a message on `__redis__:invalidate` whose text is the key, one per key
 * (a RESP3 `invalidate` push, or a RESP2 message to the client that REDIRECT names).
 */
export interface ReceivedCheck {
  channel: string;
  message?: string;
}

/** The learner's Python programs printed this (their standard output since the step began). */
export interface PrintedCheck {
  includes: string;
}

/**
 * `all`: every check holds; `any`: one of them does (a step that can be done at the terminal or
 * in Python, when only Python can show the result, as a decompressed value).
 */
export type Check = { reply: ReplyCheck } | KeyCheck | { all: Check[] } | { any: Check[] } | { received: ReceivedCheck } | { printed: PrintedCheck };

export interface Step {
  /** Markdown-lite. A challenge states its goal here, without giving the commands away. */
  text: Text;
  /** The lines the step is about, each with a Run button. Empty in a challenge. */
  commands: Line[];
  /**
   * A challenge: the learner works out the commands from the goal in `text`. No Run buttons are
   * shown; the hints guide without giving the answer and `solution` (behind "Show the solution")
   * gives it. Every lesson has at least one, after it has taught what the challenge needs.
   */
  challenge?: true;
  /** The same thing with redis-py (our own code, in the documents' style). */
  pythonCode?: string;
  hints: Text[];
  /**
   * Lines that satisfy the check, from the state the previous steps left; the tests run them.
   * Behind "Show the solution", which an ordinary step hides when it would only repeat `commands`.
   */
  solution: Line[];
  /**
   * Seconds that must pass before the solution can succeed (a TTL running out). In the browser
   * the learner waits; the headless test moves its virtual clock forward by this much.
   */
  wait?: number;
  /** Turns the step green; evaluated after every command and change. */
  check: Check;
}

export interface Lesson {
  /** Lower-case words joined by '-'; part of the link #/lessons/<id>/<step>. */
  id: string;
  title: Text;
  summary: Text;
  /** 1 = first contact, 2 = one data type in depth, 3 = several ideas together. */
  level: 1 | 2 | 3;
  /** Lessons to take first (ids). */
  prerequisites: string[];
  /** The database the lesson works in (default 0). Reset empties it (FLUSHDB). */
  db?: number;
  /** Lines run on the lesson's database after emptying it, when the lesson starts or is reset. */
  setup?: string[];
  steps: Step[];
}

export function lineText(line: Line): string {
  return typeof line === 'string' ? line : line.line;
}

export function lineClient(line: Line): number {
  return typeof line === 'string' ? 1 : line.client;
}

/** How many terminals a step needs (the highest client number its lines use). */
export function clientsOf(step: Step): number {
  let n = 1;
  for (const l of [...step.commands, ...step.solution]) n = Math.max(n, lineClient(l));
  return n;
}

/** Whether the learner's own terminal (client 1) changes database in these lines (`SELECT n`). */
export function selectsDatabase(lines: readonly Line[]): boolean {
  return lines.some((l) => lineClient(l) === 1 && /^select\s/i.test(lineText(l)));
}

/** What resetting a lesson runs, on a connection of its own: empty the database, then set up. */
export function resetLines(lesson: Lesson): string[] {
  return [`SELECT ${lesson.db ?? 0}`, 'FLUSHDB', ...(lesson.setup ?? [])];
}

/** Whether "Show the solution" would add nothing: a plain step whose solution lines are all Run buttons already. */
export function solutionRepeatsCommands(step: Step): boolean {
  if (step.challenge) return false;
  const shown = new Set(step.commands.map((l) => `${lineClient(l)}\u0000${lineText(l)}`));
  return step.solution.every((l) => shown.has(`${lineClient(l)}\u0000${lineText(l)}`));
}
