// One redis-cli session (its repl() loop) without any terminal: what happens to a typed line
// and what gets printed for the replies. The terminal UI owns the screen, line editing,
// history and the connection to the engine; this class decides what a line means and carries
// it out through a ReplHost, the small interface to a connection and a screen:
//
//   const s = new CliSession({ specs: commandSpecs });
//   term.write(s.prompt);
//   const plan = s.plan(line);        // after Enter (plan.history: keep the line in history?)
//   await s.carryOut(plan, host);     // host.send(argv) for each command, host.print(output)
//
// `runLine` is both at once. The page's terminal (ui/terminal/terminal-session.ts) and the
// tests (test/cli's recorded screens) drive this same loop. Everything printed is a byte string
// (see format-reply.ts).

import { cString, isCSpace } from '../shared/args.js';
import type { Reply } from '../shared/reply.js';
import { formatPushChunks, formatReply, formatReplyChunks, formatReplyUnquotedChunks, isRawOutputCommand, joined, type OutputMode } from './format-reply.js';
import { asciiEqualsIgnoreCase, helpOutput, HelpTable, type CommandDoc } from './help.js';
import { completionsFor, hintFor, type Hint } from './hints.js';
import { PromptState } from './prompt.js';
import { splitArgs } from './split-args.js';

export interface CliSessionOptions {
  /** The command table HELP, hints and completion read (the engine's commandSpecs or their docs). */
  specs: readonly CommandDoc[];
  /** Shown in the prompt; redis-cli's defaults. */
  host?: string;
  port?: number;
  /** 'tty' is redis-cli on a terminal; 'raw' is `redis-cli --raw`. */
  mode?: OutputMode;
  /** Online hints (`:set hints` / `:set nohints`); on by default like redis-cli. */
  hints?: boolean;
}

/** What a typed line asks for. `history`: whether redis-cli adds the line to its history. */
export type LinePlan =
  /** An empty or blank line: nothing happens (no history either). */
  | { kind: 'nothing' }
  /** Something to print without talking to the server (help, errors of the line itself). */
  | { kind: 'print'; text: string; history: boolean }
  /** `quit` / `exit`: redis-cli exits. */
  | { kind: 'quit'; history: boolean }
  /** `clear`: clear the screen. */
  | { kind: 'clear'; history: boolean }
  /** `connect host port`: redis-cli reconnects elsewhere (the prompt shows the new address). */
  | { kind: 'connect'; host: string; port: number; history: boolean }
  /** Send argv `repeat` times (a leading count like `3 INCR n` repeats a command). */
  | { kind: 'command'; argv: string[]; repeat: number; history: boolean };

/** What the client received for a command its host sent. */
export interface Received {
  /**
   * Every reply and push the client received for it, in order, its reply included (a blocked
   * command's once it came).
   */
  replies: readonly Reply[];
  /** The client's protocol once the command ran (HELLO 3 answers in RESP3). */
  resp: 2 | 3;
  /** The server closed the connection before answering (redis-cli: "Server closed the connection"). */
  closed?: boolean;
  /** Not connected, and connecting again failed: the host said so, nothing was sent. */
  refused?: boolean;
  /** The host's own words (bytes) printed after the reply, before the time it took. */
  note?: string;
}

/** The connection and the screen a CliSession carries lines out on. */
export interface ReplHost<R extends Received = Received> {
  /**
   * Before each command: a host whose connection ended makes a new one here, as redis-cli
   * reconnects before it sends (and its new connection leaves pub/sub and MONITOR mode).
   */
  beforeCommand?(): Promise<void> | void;
  /**
   * Sends argv and returns what the client received for it. `once`: the line sends it once
   * (no repeat count), so a host may send the lines queued behind it ahead.
   */
  send(argv: string[], once: boolean): Promise<R> | R;
  /** Shows redis-cli's output: bytes, lines ending in "\n". */
  print(bytes: string): void;
  /**
   * Shows a reply's output given in pieces, made as they are taken (see formatReplyChunks):
   * a host that must stay responsive takes them a slice at a time. Without it, print.
   */
  printChunks?(chunks: Iterable<string>): Promise<void>;
  /** After a command's output is printed. */
  ran?(argv: readonly string[], received: R): void;
  /** `clear`. */
  clear?(): void;
  /** `quit`, `exit`: redis-cli exits. */
  quit?(): void;
  /** `connect host port`: true once connected anew; false prints that the connection was refused. */
  connect?(host: string, port: number): Promise<boolean> | boolean;
  /** Milliseconds, for the "(0.52s)" redis-cli prints after a slow command; none without it. */
  now?(): number;
  /** True once the host is gone: a repeated command (`3 PING`) stops. */
  halted?(): boolean;
}

export class CliSession {
  help: HelpTable;
  readonly state: PromptState;
  mode: OutputMode;
  hints: boolean;
  /** SUBSCRIBE/PSUBSCRIBE/SSUBSCRIBE succeeded: every message prints as it comes, until Ctrl-C. */
  pubsubMode = false;
  /** MONITOR succeeded: every line prints as it comes, until Ctrl-C. */
  monitorMode = false;
  /** Pushes that arrived while redis-cli was not reading: it prints them at its next read. */
  private pending: Reply[] = [];

  constructor(options: CliSessionOptions) {
    this.help = new HelpTable(options.specs);
    this.state = new PromptState(options.host ?? '127.0.0.1', options.port ?? 6379);
    this.mode = options.mode ?? 'tty';
    this.hints = options.hints ?? true;
  }

  get prompt(): string {
    return this.state.prompt;
  }

  /** Replaces the command table (the page receives it from the worker once that is up). */
  useCommands(specs: readonly CommandDoc[]): void {
    this.help = new HelpTable(specs);
  }

  /** The grey hint for the line being typed, or null (also when hints are switched off). */
  hint(typed: string): Hint | null {
    return this.hints ? hintFor(this.help, typed) : null;
  }

  /** Tab completion candidates for the line being typed. */
  completions(typed: string): string[] {
    return completionsFor(this.help, typed);
  }

  /** What redis-cli's repl does with a line the person entered (a JS string). */
  plan(line: string): LinePlan {
    if (line.length === 0) return { kind: 'nothing' };
    const argv = splitArgs(line);
    if (argv === null) return { kind: 'print', text: 'Invalid argument(s)\n', history: true };
    if (argv.length === 0) return { kind: 'nothing' };

    // A first word that is all number makes a repeat count (`5 INCR n`), when more words follow.
    let repeat = 1;
    let skip = 0;
    if (argv.length > 1) {
      const count = strtolWhole(argv[0]!);
      if (count !== undefined) {
        if (count === null || count <= 0) {
          return { kind: 'print', text: 'Invalid redis-cli repeat command option value.\n', history: false };
        }
        repeat = count;
        skip = 1;
      }
    }
    const history = !isSensitiveCommand(argv.slice(skip));
    const name = argv[0]!;
    if (asciiEqualsIgnoreCase(name, 'quit') || asciiEqualsIgnoreCase(name, 'exit')) return { kind: 'quit', history };
    if (name.startsWith(':')) return { kind: 'print', text: this.setPreference(argv), history };
    if (asciiEqualsIgnoreCase(name, 'restart')) {
      return { kind: 'print', text: "Use 'restart' only in Lua debugging mode.\n", history };
    }
    if (argv.length === 3 && asciiEqualsIgnoreCase(name, 'connect')) {
      return { kind: 'connect', host: argv[1]!, port: cAtoiPort(argv[2]!), history };
    }
    if (argv.length === 1 && asciiEqualsIgnoreCase(name, 'clear')) return { kind: 'clear', history };
    const cmd = argv.slice(skip);
    if (asciiEqualsIgnoreCase(cmd[0]!, 'help') || cmd[0] === '?') {
      return { kind: 'print', text: helpOutput(this.help, cmd.slice(1)), history };
    }
    return { kind: 'command', argv: cmd, repeat, history };
  }

  /** `:set hints` / `:set nohints` (cliSetPreferences); returns what redis-cli prints. */
  private setPreference(argv: readonly string[]): string {
    if (asciiEqualsIgnoreCase(argv[0]!, ':set') && argv.length >= 2) {
      if (asciiEqualsIgnoreCase(argv[1]!, 'hints')) this.hints = true;
      else if (asciiEqualsIgnoreCase(argv[1]!, 'nohints')) this.hints = false;
      else return `unknown redis-cli preference '${cString(argv[1]!)}'\n`;
      return '';
    }
    return `unknown redis-cli internal command '${cString(argv[0]!)}'\n`;
  }

  /**
   * Printed right after sending a command, before its reply: redis-cli announces pub/sub mode
   * on a terminal ("Reading messages... (press Ctrl-C to quit)"). Also flags the mode.
   */
  beforeSend(argv: readonly string[]): string {
    const name = argv[0]!;
    if (asciiEqualsIgnoreCase(name, 'monitor')) this.monitorMode = true;
    if (asciiEqualsIgnoreCase(name, 'subscribe') || asciiEqualsIgnoreCase(name, 'psubscribe') || asciiEqualsIgnoreCase(name, 'ssubscribe')) {
      this.pubsubMode = true;
      return this.mode === 'raw' ? '' : 'Reading messages... (press Ctrl-C to quit)\n';
    }
    return '';
  }

  /**
   * What redis-cli prints once a command's reply came: pushes that arrived before it (and any
   * left from earlier) through its push handler, then the reply. Pushes after the reply stay
   * unread until the next command, as in redis-cli. In pub/sub or MONITOR mode every reply is
   * printed. `resp` is the client's protocol once the command ran (HELLO 3 answers in RESP3).
   * Updates the prompt state (SELECT, MULTI, EXEC, DISCARD, RESET).
   */
  receive(argv: readonly string[], replies: readonly Reply[], resp: 2 | 3): string {
    return joined(this.receiveChunks(argv, replies, resp));
  }

  /**
   * receive's output in pieces, formatted as they are taken (a page prints a big reply a slice
   * at a time); the state is updated at once, as receive does.
   */
  receiveChunks(argv: readonly string[], replies: readonly Reply[], resp: 2 | 3): Iterable<string> {
    const mode = this.mode;
    const shown: Reply[] = [];
    if (this.pubsubMode || this.monitorMode) {
      const queued = this.takePending();
      for (const r of [...queued, ...replies]) {
        shown.push(r);
        // An error ends pub/sub or MONITOR mode (e.g. SUBSCRIBE without a channel).
        if (r.t === 'error') this.pubsubMode = this.monitorMode = false;
      }
      return this.formatted(argv, shown, mode, resp, false);
    }
    const all = this.pending.length > 0 ? [...this.takePending(), ...replies] : replies;
    let i = 0;
    for (; i < all.length; i++) {
      const r = all[i]!;
      shown.push(r);
      if (r.t === 'push') continue;
      this.state.afterReply(argv, r);
      i++;
      break;
    }
    for (; i < all.length; i++) this.pending.push(all[i]!);
    return this.formatted(argv, shown, mode, resp, true);
  }

  private *formatted(argv: readonly string[], replies: Reply[], mode: OutputMode, resp: 2 | 3, pushesAsPushes: boolean): Generator<string, void, undefined> {
    for (const r of replies) {
      if (pushesAsPushes && r.t === 'push') yield* formatPushChunks(r, mode, resp);
      else yield* isRawOutputCommand(argv) ? formatReplyUnquotedChunks(r, resp) : formatReplyChunks(r, mode, resp);
    }
  }

  /**
   * A reply or push that arrives while the person is at the prompt (another client's write
   * invalidating a tracked key, a pub/sub message). In pub/sub or MONITOR mode redis-cli is
   * reading and prints it at once: the text is returned. Otherwise it is kept and printed
   * before the next command's reply, and '' is returned.
   */
  arrived(reply: Reply, resp: 2 | 3): string {
    if (this.pubsubMode || this.monitorMode) return formatReply(reply, this.mode, resp);
    this.pending.push(reply);
    return '';
  }

  /**
   * Ctrl-C in pub/sub or MONITOR mode: redis-cli drops the connection and opens a new one, in
   * database 0 outside MULTI. Returns the database it selects again (when not 0); call
   * `state.selected(db)` after that SELECT succeeded.
   */
  interrupted(): number {
    this.pubsubMode = this.monitorMode = false;
    this.pending = [];
    return this.state.reconnected();
  }

  /** redis-cli prints how long a command took when it took half a second or more. */
  elapsed(ms: number): string {
    if (ms < 500 || this.mode !== 'tty') return '';
    // printf("%.2f") rounds the exact binary value, ties to even; toFixed agrees except on
    // exact ties (x.125, x.625 seconds), where it rounds up.
    let text = (ms / 1000).toFixed(2);
    if (Number.isInteger(ms) && ms % 250 === 125 && Math.floor(ms / 10) % 2 === 0) {
      text = (Math.floor(ms / 10) / 100).toFixed(2);
    }
    return `(${text}s)\n`;
  }

  /** Plans and carries out a typed line; returns the plan. */
  async runLine<R extends Received>(line: string, host: ReplHost<R>): Promise<LinePlan> {
    const plan = this.plan(line);
    await this.carryOut(plan, host);
    return plan;
  }

  /** Does what a line asks (redis-cli's repl after reading it): prints, sends, quits… */
  async carryOut<R extends Received>(plan: LinePlan, host: ReplHost<R>): Promise<void> {
    switch (plan.kind) {
      case 'nothing':
        return;
      case 'print':
        if (plan.text !== '') host.print(plan.text);
        return;
      case 'clear':
        host.clear?.();
        return;
      case 'quit':
        host.quit?.();
        return;
      case 'connect':
        if (!((await host.connect?.(plan.host, plan.port)) ?? false)) {
          host.print(`Could not connect to Redis at ${plan.host}:${plan.port}: Connection refused\n`);
        }
        return;
      case 'command':
        for (let n = 0; n < plan.repeat && !(host.halted?.() ?? false); n++) await this.command(plan.argv, plan.repeat === 1, host);
    }
  }

  /** One command sent and its replies printed (cliSendCommand and cliReadReply). */
  private async command<R extends Received>(argv: string[], once: boolean, host: ReplHost<R>): Promise<void> {
    await host.beforeCommand?.();
    const before = this.beforeSend(argv);
    if (before !== '') host.print(before); // "Reading messages..." shows before the first reply
    const started = host.now?.();
    const got = await host.send(argv, once);
    if (got.closed === true) {
      host.print('Error: Server closed the connection\n');
      return;
    }
    if (got.refused === true) return;
    // redis-cli 7.0's formatters know no RESP3 big number: it says so and exits (exit(1)).
    if (got.resp === 3 && got.replies.some(holdsBigNumber)) {
      host.print('Unknown reply type: 13\n');
      host.quit?.();
      return;
    }
    const chunks = this.receiveChunks(argv, got.replies, got.resp);
    let out = '';
    if (host.printChunks !== undefined) await host.printChunks(chunks);
    else out = joined(chunks);
    out += got.note ?? '';
    if (started !== undefined) out += this.elapsed(host.now!() - started);
    if (out !== '') host.print(out);
    host.ran?.(argv, got);
  }

  private takePending(): Reply[] {
    const p = this.pending;
    this.pending = [];
    return p;
  }
}

/**
 * strtol(s, &end, 10) read the way the repeat check does: undefined when the word is not
 * entirely a number (so it is not a repeat count), null when it overflows a long, else the
 * value. Like strtol it skips leading blanks and takes a sign; an empty word counts as 0.
 */
export function strtolWhole(s: string): number | null | undefined {
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  let j = i;
  if (s[j] === '+' || s[j] === '-') j++;
  const digits = j;
  while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
  if (j === digits) return s.length === 0 ? 0 : undefined; // no digits: end stays at the start
  if (j !== s.length) return undefined;
  const v = BigInt(s.slice(i, j));
  if (v > (1n << 63n) - 1n || v < -(1n << 63n)) return null;
  return Number(v);
}

/** atoi() of the port in `connect host port`. */
function cAtoiPort(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?\d+)/.exec(s);
  return m ? Number(BigInt.asIntN(32, BigInt(m[1]!))) : 0;
}

/** Lines redis-cli keeps out of its history: they may hold a password (isSensitiveCommand). */
export function isSensitiveCommand(argv: readonly string[]): boolean {
  const argc = argv.length;
  const is = (i: number, word: string) => asciiEqualsIgnoreCase(argv[i]!, word);
  if (is(0, 'auth')) return true;
  if (argc > 1 && is(0, 'acl') && is(1, 'setuser')) return true;
  if (argc > 2 && is(0, 'config') && is(1, 'set') && (is(2, 'masterauth') || is(2, 'masteruser') || is(2, 'requirepass'))) {
    return true;
  }
  if (argc > 4 && is(0, 'hello')) {
    for (let j = 2; j < argc; j++) {
      const more = argc - 1 - j;
      if (is(j, 'auth') && more >= 2) return true;
      if (is(j, 'setname') && more > 0) j++;
      else return false;
    }
    return false;
  }
  if (argc > 7 && is(0, 'migrate')) {
    for (let j = 6; j < argc; j++) {
      const more = argc - 1 - j;
      if (is(j, 'auth') && more > 0) return true;
      if (is(j, 'auth2') && more >= 2) return true;
      if (is(j, 'keys') && more > 0) return false;
    }
  }
  return false;
}

/** Whether a reply is, or holds, a RESP3 big number (REDIS_REPLY_BIGNUM, type 13 to hiredis). */
function holdsBigNumber(r: Reply): boolean {
  if (r.t === 'map') return r.v.some((pair) => pair.some(holdsBigNumber));
  return r.t === 'big' || ((r.t === 'array' || r.t === 'set' || r.t === 'push') && r.v !== null && r.v.some(holdsBigNumber));
}
