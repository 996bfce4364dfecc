// One terminal tab: redis-cli's repl loop over an xterm.js screen and one engine connection.
// The line editor (linenoise) turns keys into lines, CliSession decides what a line means,
// carries it out and formats the replies (the same loop the tests drive), through this tab's
// ReplHost: the WorkerClient runs commands in the engine's worker, the screen shows. Input that
// arrives while a command runs (the rest of a paste, fast typing) waits in a queue and is
// edited once the next prompt is up, as a tty's line discipline would keep it.

import type { Terminal } from '@xterm/xterm';
import { LineEditor, type History } from '../../cli/line-editor.js';
import { CliSession, type Received, type ReplHost } from '../../cli/session.js';
import { utf8Decode } from '../../cli/split-args.js';
import { charWidth } from '../../cli/char-width.js';
import { asciiEqualsIgnoreCase } from '../../cli/help.js';
import { errorText } from '../../shared/errors.js';
import type { Reply } from '../../shared/reply.js';
import type { SentCommand } from '../../lessons/session.js';
import { WorkerRequestError, type RunResult, type WorkerClient } from '../../worker/client.js';
import { FIRST_PORT, SECOND_PORT } from '../../worker/protocol.js';
import { markFirstPrompt } from '../first-prompt.js';
import { SharedPromise } from '../shared-promise.js';

/** What the tab shows about its connection. */
export interface ConnectionInfo {
  db: number;
  inMulti: boolean;
  /** Set when CLIENT SETNAME succeeded in this terminal. */
  name?: string;
}

export interface TerminalSessionOptions {
  term: Terminal;
  engine: WorkerClient;
  history: History;
  /** Called after each line added to the history (to persist it). */
  onHistory(lines: readonly string[]): void;
  onInfo(info: ConnectionInfo): void;
  /**
   * After each command sent, with every reply it got and the connection it ran on, in the
   * protocol and database it left the connection in (lessons check them).
   */
  onCommand?(ran: TerminalCommand): void;
  /** The client name to open the connection with (a renamed tab). */
  name?: string;
  /** The server to connect to: 6379, or the second server's port (nodes.ts). Default 6379. */
  port?: number;
  raw?: boolean;
  /** A dim line printed once before the first prompt (the page's welcome; words from a later chunk). */
  banner?: string | Promise<string>;
  /** The words about a script still running, in the page's language (English by default). */
  words?: () => ScriptWords;
}

/** What the tab says while a command's script runs on. */
export interface ScriptWords {
  scriptRunning(kill: string): string;
  scriptKillSent(kill: string): string;
}

const ENGLISH_WORDS: ScriptWords = {
  scriptRunning: (kill) => `(the script is still running: Ctrl-C sends ${kill} from another connection)`,
  scriptKillSent: (kill) => `(${kill} sent from another connection)`,
};

/** How long a script runs before the tab says Ctrl-C can stop it. */
const SCRIPT_NOTICE_MS = 1000;

/** A command a terminal ran: what the lessons' core records. */
export type TerminalCommand = SentCommand;

const NOTICE_START = '\x1b[2m';
const NOTICE_END = '\x1b[0m';

export class TerminalSession {
  readonly cli: CliSession;
  readonly editor: LineEditor;
  private readonly term: Terminal;
  private readonly engine: WorkerClient;
  private handle: number | null = null;
  private readonly opening = new SharedPromise<number>();
  /** Keys received but not yet given to the editor (it is busy or a command runs). */
  private queue = '';
  private busy = false;
  /** The connection ended (QUIT, Ctrl-D, CLIENT KILL): the next line opens a new one. */
  private disconnected = false;
  /**
   * The server closed the connection (CLIENT KILL, ACL DELUSER from another tab) and the tab has
   * not read since: as in redis-cli, the next command finds out ("Server closed the connection").
   */
  private closedUnseen = false;
  /** redis-cli exited (quit/exit/Ctrl-D): any key starts it again. */
  private exited = false;
  /** A blocked command (BLPOP …) waits for its reply; Ctrl-C abandons it. */
  private waiting: { pushes: Reply[]; resolve(replies: Reply[]): void; reject(e: Error): void } | null = null;
  /** The awaited reply is a running script's (EVAL, FCALL): Ctrl-C sends its KILL instead. */
  private script: 'eval' | 'function' | null = null;
  /** SUBSCRIBE or MONITOR succeeded: messages print as they come, no prompt, until Ctrl-C. */
  private streaming = false;
  private disposed = false;
  private unparsedWrites = 0;
  /**
   * A paste of many lines runs as a batch: the history is saved and the tab's state reported
   * once when the last line has run, not once per line (each costs a localStorage write and a
   * re-render). The screen gets exactly the bytes it would line by line.
   */
  private historyUnsaved = false;
  private infoUnsent: ConnectionInfo | null = null;
  private lastInfo: ConnectionInfo | null = null;
  /** Output of a batch not yet written to the screen (see write). */
  private held = '';
  private holdTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Commands of queued lines already sent to the engine, in order, while an earlier line runs
   * (a paste): each line still waits its turn to be echoed and printed, but the engine works
   * through them without a round trip each. Only plain data commands go ahead (PIPELINED).
   */
  private ahead: { line: string; argv: string[]; handle: number; result: Promise<RunResult> }[] = [];
  private readonly unsubscribe: Array<() => void> = [];
  private banner: string | Promise<string> | undefined;

  constructor(private readonly options: TerminalSessionOptions) {
    this.term = options.term;
    this.engine = options.engine;
    this.banner = options.banner;
    // The command table arrives with the worker's `ready`; HELP and hints use it from then on.
    this.cli = new CliSession({ specs: options.engine.commands, mode: options.raw ? 'raw' : 'tty', port: options.port ?? FIRST_PORT });
    this.editor = new LineEditor(
      {
        prompt: () => (this.disconnected ? 'not connected> ' : this.cli.prompt),
        hint: (buf) => this.cli.hint(buf),
        completions: (buf) => this.cli.completions(buf),
        columns: () => this.term.cols,
      },
      options.history,
    );
    this.unsubscribe.push(
      this.engine.onPush((handle, reply) => {
        if (handle !== this.handle) return;
        const w = this.waiting;
        if (w === null) return this.arrived(reply);
        // A blocked command's reply, after any pushes that came first (RESP3 invalidations).
        w.pushes.push(reply);
        if (reply.t !== 'push') {
          this.waiting = null;
          w.resolve(w.pushes);
        }
      }),
      this.engine.onClosed((handle) => {
        if (handle !== this.handle) return;
        this.handle = null;
        this.closedUnseen = true;
        // A blocked command reads the end of the connection at once.
        const w = this.waiting;
        if (w !== null) {
          this.waiting = null;
          w.resolve(w.pushes);
        }
      }),
      this.engine.onRestart((reason) =>
        this.notice(`The Redis engine stopped (${reason}) and was started again with every write that had been answered; this connection is new.`),
      ),
    );
  }

  /** The engine connection's handle (null while there is none). */
  get connectionHandle(): number | null {
    return this.handle;
  }

  /** The engine's CLIENT ID of this terminal's connection (null while it has none). */
  get clientId(): number | null {
    return this.handle === null ? null : this.engine.remoteId(this.handle);
  }

  /** At a prompt with no input waiting, and everything written is on the screen. */
  get idle(): boolean {
    return !this.busy && this.queue === '' && this.editor.active && this.unparsedWrites === 0 && this.held === '';
  }

  /** Opens the connection and shows the first prompt. */
  async start(): Promise<void> {
    await this.connect();
    if (this.cli.help.entries.length === 0) this.cli.useCommands(this.engine.commands);
    const banner = await this.banner;
    this.banner = undefined;
    if (this.disposed) return;
    if (banner !== undefined) this.write(`${NOTICE_START}${wordWrap(banner, this.term.cols).join('\r\n')}${NOTICE_END}\r\n`);
    this.write(this.editor.start());
    markFirstPrompt();
    this.pump();
  }

  /** Keys or a paste from xterm's onData. */
  input(data: string): void {
    if (this.exited) {
      this.exited = false;
      this.write('\r\n');
      void this.start();
      return;
    }
    if (this.waiting !== null && this.script !== null && data.includes('\x03')) {
      this.killScript(this.script);
      return;
    }
    if ((this.waiting !== null || this.streaming) && data.includes('\x03')) {
      this.interrupt();
      return;
    }
    // While messages stream in, redis-cli does not read the keyboard.
    if (this.streaming) return;
    this.queue += data;
    this.pump();
  }

  /**
   * Ctrl-C while a command blocks or messages stream: redis-cli's connection is dropped and a
   * new one made (the engine forgets the old one's wait or subscriptions), back at the prompt.
   */
  private interrupt(): void {
    this.queue = '';
    this.dropAhead();
    this.write('^C\r\n');
    if (this.waiting !== null) {
      const w = this.waiting;
      this.waiting = null;
      w.reject(new Interrupted());
      return; // send() reconnects, then the prompt comes back as after any command
    }
    this.streaming = false;
    this.busy = true;
    void this.reconnect()
      .catch(() => undefined)
      .finally(() => {
        this.busy = false;
        this.write(this.editor.start());
        this.pump();
      });
  }

  /**
   * Ctrl-C while this connection's script runs: redis-cli would only wait (the server reads
   * nothing more of this connection), so the tab sends SCRIPT KILL (FUNCTION KILL) from a
   * connection of its own, as a second redis-cli would. The script's error then comes as the
   * command's reply; a refusal (UNKILLABLE) is shown and the wait goes on.
   */
  private killScript(kind: 'eval' | 'function'): void {
    const argv = kind === 'eval' ? ['SCRIPT', 'KILL'] : ['FUNCTION', 'KILL'];
    const kill = argv.join(' ');
    this.notice(`^C ${this.words().scriptKillSent(kill)}`, true);
    void (async () => {
      const side = await this.engine.open({ name: 'script-kill' });
      try {
        const { replies } = await this.engine.run(side, argv);
        const r = replies[0];
        if (r?.t === 'error' && this.waiting !== null) this.notice(`(${kill}: ${utf8Decode(r.v)})`, true);
      } finally {
        await this.engine.close(side);
      }
    })().catch(() => undefined);
  }

  private words(): ScriptWords {
    return this.options.words?.() ?? ENGLISH_WORDS;
  }

  /**
   * What keeps this terminal from reading a typed line: messages streaming in (SUBSCRIBE,
   * MONITOR) or a blocked command (BLPOP …); null at a prompt.
   */
  get occupied(): 'listening' | 'blocked' | null {
    if (this.streaming) return 'listening';
    return this.waiting !== null ? 'blocked' : null;
  }

  /**
   * Runs a line as if typed (the lessons' "Run" buttons): appended to whatever is queued. With
   * `interrupt`, an occupied terminal first gets the Ctrl-C a person would press, since redis-cli
   * reads no commands while it listens or waits.
   */
  typeLine(line: string, interrupt = false): void {
    if (interrupt && this.occupied !== null) this.input('\x03');
    this.input(line.replace(/\r?\n/g, ' ') + '\r');
  }

  /** The terminal changed size: redraw the line being edited at the new width. */
  resized(): void {
    if (this.editor.active) this.write(this.editor.refresh());
  }

  setRaw(raw: boolean): void {
    this.cli.mode = raw ? 'raw' : 'tty';
  }

  /**
   * Runs a command on this tab's connection for someone else (the workbench, which shows the
   * replies itself): the prompt follows what it did (SELECT, MULTI) and the lessons hear of it.
   * A blocked command's reply comes through `onPush` like any other of this connection.
   */
  async runFor(argv: string[]): Promise<RunResult> {
    const handle = await this.connection();
    const result = await this.engine.run(handle, argv);
    const reply = result.replies.find((r) => r.t !== 'push');
    if (reply !== undefined) this.cli.state.afterReply(argv, reply);
    this.options.onCommand?.({ handle, argv, replies: result.replies, resp: result.resp, db: result.db });
    this.report({ db: result.db, inMulti: result.inMulti });
    if (this.editor.active) this.write(this.editor.hide() + this.editor.refresh());
    return result;
  }

  /** CLIENT SETNAME for a renamed tab, without printing anything. */
  async rename(name: string): Promise<void> {
    const handle = await this.connection();
    await this.engine.run(handle, ['CLIENT', 'SETNAME', name]);
  }

  dispose(): void {
    if (this.historyUnsaved) this.options.onHistory(this.editor.history.lines);
    this.historyUnsaved = false;
    this.disposed = true;
    for (const off of this.unsubscribe) off();
    if (this.handle !== null) void this.engine.close(this.handle).catch(() => undefined);
    this.handle = null;
  }

  // ---- the repl loop ----------------------------------------------------------------------

  private pump(): void {
    while (!this.busy && this.queue.length > 0 && this.editor.active && !this.disposed) {
      const { output, event, rest } = this.editor.feed(this.queue);
      this.queue = rest;
      this.write(output);
      if (!event) continue;
      switch (event.kind) {
        case 'line':
          this.busy = true;
          void this.runLine(event.text).finally(() => {
            this.busy = false;
            if (this.disposed || this.exited) return;
            if (this.cli.pubsubMode || this.cli.monitorMode) {
              this.streaming = true;
              this.endBatch(); // no more lines run while messages stream in
              return;
            }
            this.write(this.editor.start());
            this.pump();
          });
          return;
        case 'interrupt':
          this.write(this.editor.start());
          break;
        case 'clear-screen':
          break; // the editor cleared and redrew the line it still edits
        case 'eof':
          this.exit();
          return;
      }
    }
    if (!this.busy) this.endBatch();
  }

  /** More complete lines wait to run (the rest of a paste). */
  private get inBatch(): boolean {
    return this.busy || /[\r\n]/.test(this.queue);
  }

  /** The last line of a batch ran: what was held for its end goes out. */
  private endBatch(): void {
    this.flushHeld();
    if (this.historyUnsaved) {
      this.historyUnsaved = false;
      this.options.onHistory(this.editor.history.lines);
    }
    const info = this.infoUnsent;
    if (info !== null) {
      this.infoUnsent = null;
      this.report(info);
    }
  }

  /** Tells the tab its state (held while a batch runs; nothing when it did not change). */
  private info(info: ConnectionInfo): void {
    if (info.name !== undefined || !this.inBatch) {
      this.infoUnsent = null;
      this.report(info);
    } else {
      this.infoUnsent = info;
    }
  }

  private report(info: ConnectionInfo): void {
    const last = this.lastInfo;
    if (info.name === undefined && last !== null && last.db === info.db && last.inMulti === info.inMulti) return;
    this.lastInfo = { db: info.db, inMulti: info.inMulti };
    this.options.onInfo(info);
  }

  private async runLine(line: string): Promise<void> {
    const plan = this.cli.plan(line);
    if (plan.kind !== 'nothing' && plan.history) {
      this.editor.history.add(line);
      // Within a paste, saved once at its end (endBatch) with every line at once.
      if (/[\r\n]/.test(this.queue)) this.historyUnsaved = true;
      else {
        this.historyUnsaved = false;
        this.options.onHistory(this.editor.history.lines);
      }
    }
    try {
      await this.cli.carryOut(plan, this.repl);
    } catch (e) {
      if (e instanceof Interrupted) return;
      // The worker died or restarted under the command: redis-cli would report a lost connection.
      this.write(`${NOTICE_START}(the command was lost: ${errorText(e)})${NOTICE_END}\r\n`);
    }
  }

  /** This tab as the CLI session's connection and screen. */
  private readonly repl: ReplHost<Ran> = {
    beforeCommand: async () => {
      if (this.disconnected && this.reachable()) await this.reconnect();
    },
    send: (argv, once) => this.send(argv, once),
    print: (bytes) => this.print(bytes),
    printChunks: (chunks) => this.printChunks(chunks),
    ran: (argv, ran) => this.ran(argv, ran),
    clear: () => this.write('\x1b[H\x1b[2J'),
    quit: () => this.exit(),
    connect: async (host, port) => {
      // redis-cli drops its connection and connects to the new address, in db 0; where nothing
      // listens it stays "not connected" there, and tries again with each command.
      this.cli.state.host = host;
      this.cli.state.port = port;
      this.cli.state.selected(0);
      if (!this.reachable()) {
        this.dropConnection();
        return false;
      }
      await this.reconnect();
      return true;
    },
    now: () => performance.now(),
    halted: () => this.disposed,
  };

  private async send(argv: string[], once: boolean): Promise<Ran> {
    if (this.closedUnseen) return this.foundClosed();
    if (this.disconnected && !this.reachable()) {
      this.print(`Could not connect to Redis at ${this.cli.state.host}:${this.cli.state.port}: Connection refused\n`);
      return { ...this.notSent(), refused: true };
    }
    const handle = await this.connection();
    const result = await this.runNext(handle, argv, once);
    if (result.blocked) {
      // A script that runs on: after a moment the tab says how Ctrl-C can stop it.
      const script = result.script ?? null;
      this.script = script;
      const kill = script === 'function' ? 'FUNCTION KILL' : 'SCRIPT KILL';
      const timer = script === null ? null : setTimeout(() => this.waiting !== null && this.notice(this.words().scriptRunning(kill), true), SCRIPT_NOTICE_MS);
      try {
        result.replies = [...result.replies, ...(await this.replyLater())];
      } catch (e) {
        if (e instanceof Interrupted) await this.reconnect();
        throw e;
      } finally {
        if (timer !== null) clearTimeout(timer);
        this.script = null;
      }
    }
    // The engine ended the connection before answering (QUIT answers first, then closes).
    if (this.closedUnseen && result.replies.length === 0) return this.foundClosed();
    return {
      ...result,
      handle,
      note: result.truncated
        ? `${NOTICE_START}(the reply was too long for this page: only its first 10,000 elements or 1 MB are shown)${NOTICE_END}\n`
        : undefined,
    };
  }

  /** A command's output is on the screen: the lessons hear of it, the tab shows its state. */
  private ran(argv: readonly string[], ran: Ran): void {
    this.options.onCommand?.({ handle: ran.handle, argv, replies: ran.replies, resp: ran.resp, db: ran.db });
    const info: ConnectionInfo = { db: ran.db, inMulti: ran.inMulti };
    const setName = argv.length === 3 && asciiEqualsIgnoreCase(argv[0]!, 'client') && asciiEqualsIgnoreCase(argv[1]!, 'setname');
    if (setName && ran.replies[0]?.t === 'simple') info.name = utf8Decode(argv[2]!);
    this.info(info);
  }

  /**
   * Runs a line's command, or takes the result of it sent ahead; then sends the plain lines
   * queued behind it ahead, when this one is plain too (never behind a command that could
   * block, subscribe, or change what the next lines mean).
   */
  private async runNext(handle: number, argv: string[], single: boolean): Promise<RunResult> {
    const next = this.ahead[0];
    let pending: Promise<RunResult>;
    if (next !== undefined && next.handle === handle && sameArgs(next.argv, argv)) {
      this.ahead.shift();
      pending = next.result;
    } else {
      this.dropAhead();
      pending = this.engine.run(handle, argv);
    }
    if (single && isPipelined(argv)) this.sendAhead(handle);
    try {
      return await pending;
    } catch (e) {
      // Sent ahead on a connection that ended meanwhile: it never ran; run it now.
      if (e instanceof WorkerRequestError && pending === next?.result) return this.engine.run(await this.connection(), argv);
      throw e;
    }
  }

  /** Sends the plain lines at the head of the queue ahead (up to AHEAD of them). */
  private sendAhead(handle: number): void {
    const q = this.queue;
    let i = 0;
    let known = 0;
    while (i < q.length && this.ahead.length < AHEAD) {
      let end = i;
      while (end < q.length) {
        const c = q.charCodeAt(end);
        if (c === 0x0d || c === 0x0a) break;
        if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return; // keys the editor acts on: stop here
        end++;
      }
      if (end === q.length) return; // not a whole line yet
      const line = q.slice(i, end);
      i = end + (q.charCodeAt(end) === 0x0d && q.charCodeAt(end + 1) === 0x0a ? 2 : 1);
      const plan = this.cli.plan(line);
      if (plan.kind === 'nothing') continue;
      if (plan.kind !== 'command' || plan.repeat !== 1 || !isPipelined(plan.argv)) return;
      if (known < this.ahead.length) {
        // Already sent: the queue holds the same lines in the same order.
        if (this.ahead[known]!.line !== line) return this.dropAhead();
        known++;
        continue;
      }
      const result = this.engine.run(handle, plan.argv);
      result.catch(() => undefined); // its line reports any failure when its turn comes
      this.ahead.push({ line, argv: plan.argv, handle, result });
      known++;
    }
  }

  /** Forgets commands sent ahead (the queue was cleared or the connection changed). */
  private dropAhead(): void {
    this.ahead = [];
  }

  /** The reply of a blocked command, with any pushes before it. */
  private replyLater(): Promise<Reply[]> {
    return new Promise((resolve, reject) => (this.waiting = { pushes: [], resolve, reject }));
  }

  /** A push outside a command (an invalidation, later pub/sub): printed now or held, as redis-cli would. */
  private arrived(reply: Reply): void {
    const text = this.cli.arrived(reply, this.engine.state(this.handle!).resp);
    if (text === '') return;
    const editing = this.editor.active;
    this.write((editing ? this.editor.hide() : '') + toScreen(text) + (editing ? this.editor.refresh() : ''));
  }

  private exit(): void {
    this.exited = true;
    this.queue = '';
    this.dropAhead();
    if (this.handle !== null) void this.engine.close(this.handle).catch(() => undefined);
    this.handle = null;
    this.disconnected = false;
    this.closedUnseen = false;
    this.cli.interrupted();
    this.cli.state.selected(0);
    this.write(`${NOTICE_START}redis-cli exited. Press any key to start it again.${NOTICE_END}`);
    this.endBatch();
    this.report({ db: 0, inMulti: false });
  }

  // ---- the connection ---------------------------------------------------------------------

  private connect(): Promise<number> {
    if (this.handle !== null) return Promise.resolve(this.handle);
    return this.opening.run(() =>
      this.engine
        .open({ ...(this.options.name ? { name: this.options.name } : {}), ...(this.cli.state.port !== FIRST_PORT ? { port: this.cli.state.port } : {}) })
        .then((h) => {
          this.handle = h;
          this.disconnected = false;
          this.closedUnseen = false;
          return h;
        }),
    );
  }

  private connection(): Promise<number> {
    return this.handle !== null ? Promise.resolve(this.handle) : this.connect();
  }

  /** The command found the connection closed: no reply, and the prompt says "not connected". */
  private foundClosed(): Ran {
    this.closedUnseen = false;
    this.disconnected = true;
    return { ...this.notSent(), closed: true };
  }

  /** What a command that never reached a server received. */
  private notSent(): Ran {
    return { replies: [], resp: 2, db: this.cli.state.db, inMulti: false, blocked: false, truncated: false, handle: -1 };
  }

  /** A server of this page listens at the address the prompt shows (nodes.ts has two). */
  private reachable(): boolean {
    const { host, port } = this.cli.state;
    return (host === '127.0.0.1' || host === 'localhost') && (port === FIRST_PORT || port === SECOND_PORT);
  }

  /** Ends the connection from this side; the prompt says "not connected" until one is made. */
  private dropConnection(): void {
    this.dropAhead();
    if (this.handle !== null) void this.engine.close(this.handle).catch(() => undefined);
    this.handle = null;
    this.cli.interrupted();
    this.disconnected = true;
  }

  /** A new connection, as redis-cli's reconnect makes it: outside MULTI, the database selected again. */
  private async reconnect(): Promise<void> {
    this.dropAhead();
    if (this.handle !== null) await this.engine.close(this.handle).catch(() => undefined);
    this.handle = null;
    const db = this.cli.interrupted();
    const handle = await this.connect();
    if (db !== 0) {
      const { replies } = await this.engine.run(handle, ['SELECT', String(db)]);
      if (replies[0]?.t !== 'error') this.cli.state.selected(db);
    }
    this.info({ db: this.cli.state.db, inMulti: false });
  }

  // ---- output -----------------------------------------------------------------------------

  private print(bytes: string): void {
    if (bytes !== '') this.write(toScreen(bytes));
  }

  /**
   * A reply's output, formatted a slice at a time as it is taken: each slice (at most
   * SLICE_MS of formatting, or PRINT_BATCH characters) goes to the screen, and the next is made
   * once xterm.js has parsed it, in a task of its own, so no task of the page runs long.
   */
  private async printChunks(chunks: Iterable<string>): Promise<void> {
    const it = chunks[Symbol.iterator]();
    let carry = '';
    let readerWasOn = false;
    for (;;) {
      const until = performance.now() + SLICE_MS;
      let bytes = carry;
      let done = false;
      while (bytes.length < PRINT_BATCH) {
        const next = it.next();
        if (next.done === true) {
          done = true;
          break;
        }
        bytes += next.value;
        if (performance.now() >= until) break;
      }
      // A UTF-8 sequence cut at the end of the slice waits for its other bytes.
      const cut = done ? bytes.length : utf8Complete(bytes);
      carry = bytes.slice(cut);
      const text = toScreen(bytes.slice(0, cut));
      if (this.disposed) return;
      // The screen reader's live region would lay out a line of megabytes at once: it is off
      // while a long line prints (see flushHeld), back on once the whole reply is on screen.
      if (!readerWasOn && this.term.options.screenReaderMode === true && hasLongLine(text)) {
        readerWasOn = true;
        this.term.options.screenReaderMode = false;
      }
      this.write(text);
      this.flushHeld();
      if (done) break;
      await new Promise<void>((resolve) => this.termWrite('', resolve));
      if (this.disposed) return;
    }
    if (readerWasOn) this.termWrite('', () => (this.term.options.screenReaderMode = true));
  }

  /** A line of the page's own (not redis-cli's): red, or dim with `quiet`. */
  private notice(text: string, quiet = false): void {
    const editing = this.editor.active;
    const styled = quiet ? `${NOTICE_START}${text}${NOTICE_END}` : `\x1b[31m${text}\x1b[0m`;
    this.write((editing ? this.editor.hide() : '') + styled + '\r\n' + (editing ? this.editor.refresh() : ''));
  }

  private write(text: string): void {
    if (text === '' || this.disposed) return;
    this.held += text;
    // While a paste runs, the screen is updated every HOLD_MS rather than for every line: each
    // update makes the terminal draw again, which costs far more than running a command.
    if (this.inBatch) {
      this.holdTimer ??= setTimeout(() => this.flushHeld(), HOLD_MS);
      return;
    }
    this.flushHeld();
  }

  private flushHeld(): void {
    if (this.holdTimer !== null) clearTimeout(this.holdTimer);
    this.holdTimer = null;
    const text = this.held;
    this.held = '';
    if (text === '' || this.disposed) return;
    if (text.length <= WRITE_SLICE) {
      this.termWrite(text);
      return;
    }
    // xterm.js parses one write at a time and lets the page draw between writes, so a reply of
    // megabytes goes in slices. Its screen-reader mode would put all of a line's characters in
    // its live region, and laying out a line of megabytes there takes seconds: it is off while
    // the slices of a long line are parsed and back on after (it then reads the screen's rows
    // again, which itself takes tens of milliseconds: short lines leave it on).
    const reader = this.term.options.screenReaderMode === true && hasLongLine(text);
    if (reader) this.term.options.screenReaderMode = false;
    for (let start = 0; start < text.length;) {
      let end = Math.min(start + WRITE_SLICE, text.length);
      // Not between the two halves of a surrogate pair.
      if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
      this.termWrite(text.slice(start, end));
      start = end;
    }
    if (reader) this.termWrite('', () => (this.term.options.screenReaderMode = true));
  }

  private termWrite(text: string, then?: () => void): void {
    // xterm.js parses writes a moment later; `idle` waits for them so readers see the screen.
    this.unparsedWrites++;
    this.term.write(text, () => {
      if (!this.disposed) then?.();
      this.unparsedWrites--;
    });
  }
}

/** A command's run in the worker, as the CLI session received it. */
type Ran = RunResult & Received & { handle: number };

/** Ctrl-C abandoned a blocked command. */
class Interrupted extends Error {}

/** The most characters handed to xterm.js in one write (see flushHeld). */
const WRITE_SLICE = 8 * 1024;

/** A reply's output is formatted this long at most before it goes to the screen (printChunks). */
const SLICE_MS = 8;

/** …and at most this many bytes of it. */
const PRINT_BATCH = 64 * 1024;

/** Lines longer than this are long enough to hold up the screen reader's live region. */
const LONG_LINE = 4096;

function hasLongLine(text: string): boolean {
  if (text.length <= LONG_LINE) return false;
  let from = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
    if (nl - from > LONG_LINE) return true;
    from = nl + 1;
  }
  return text.length - from > LONG_LINE;
}

/**
 * Where the complete UTF-8 sequences of a byte string end: before a lead byte at the end whose
 * continuation bytes have not all come yet (anything else decodes as it is).
 */
export function utf8Complete(bytes: string): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes.charCodeAt(n - back);
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
  }
  return n;
}

/** How often the screen shows a running paste's progress. */
const HOLD_MS = 100;

/** Most commands sent ahead of their turn at once. */
const AHEAD = 256;

/**
 * Commands that may be sent ahead of their turn: they never block, and change nothing about
 * the connection (database, protocol, transaction, subscriptions, replies), so the lines after
 * them mean the same whenever they are sent. The engine still runs everything in order.
 */
const PIPELINED = new Set(
  (
    'set get mset mget msetnx setnx setex psetex getset getdel getex append strlen incr decr incrby decrby incrbyfloat setrange getrange substr lcs ' +
    'del unlink exists type ttl pttl expire pexpire expireat pexpireat expiretime pexpiretime persist rename renamenx touch copy dbsize ' +
    'hset hget hmset hmget hgetall hdel hlen hexists hincrby hincrbyfloat hkeys hvals hsetnx hstrlen hrandfield ' +
    'lpush rpush lpushx rpushx lpop rpop llen lrange lindex lset linsert lrem ltrim lpos lmove rpoplpush lmpop ' +
    'sadd srem smembers sismember smismember scard spop srandmember smove sinter sunion sdiff sinterstore sunionstore sdiffstore sintercard ' +
    'zadd zrem zscore zincrby zcard zcount zrange zrangebyscore zrevrange zrevrangebyscore zrank zrevrank zpopmin zpopmax zmscore zrangestore ' +
    'zremrangebyrank zremrangebyscore zlexcount zrangebylex zrevrangebylex zremrangebylex zunionstore zinterstore zdiffstore zunion zinter zdiff ' +
    'zintercard zmpop zrandmember pfadd pfcount pfmerge setbit getbit bitcount bitpos bitop geoadd geopos geodist geohash geosearch ' +
    'geosearchstore xadd xlen xrange xrevrange xdel xtrim ping echo'
  ).split(' '),
);

function isPipelined(argv: readonly string[]): boolean {
  return argv.length > 0 && PIPELINED.has(argv[0]!.toLowerCase());
}

function sameArgs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** redis-cli writes bytes and the tty turns "\n" into "\r\n"; xterm wants text. */
export function toScreen(bytes: string): string {
  return utf8Decode(bytes).replace(/\n/g, '\r\n');
}

/**
 * The page's own words broken into lines of at most `cols` cells at spaces (a terminal breaks
 * anywhere, mid-word); a word longer than a line keeps its own. Hangul counts two cells.
 */
export function wordWrap(text: string, cols: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const word of text.split(' ')) {
    const w = cellWidth(word);
    if (line !== '' && width + 1 + w > cols) {
      lines.push(line);
      line = '';
      width = 0;
    }
    line += (line === '' ? '' : ' ') + word;
    width += (width === 0 ? 0 : 1) + w;
  }
  lines.push(line);
  return lines;
}

function cellWidth(s: string): number {
  let n = 0;
  for (const ch of s) n += charWidth(ch.codePointAt(0)!);
  return n;
}
