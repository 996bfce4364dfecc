// Running a workbench script: its lines go through the same CliSession as a terminal's (so a
// line is split by split-args and its replies printed by format-reply exactly as the terminal
// prints them), one result card a line, with the time it took. Three ways to send: one at a
// time (optionally stopping at the first error), all at once as a pipeline, or inside
// MULTI/EXEC. No DOM here: the panel renders the cards, the tests read them.

import { CliSession } from '../../cli/session.js';
import { utf8Decode } from '../../cli/split-args.js';
import type { Reply } from '../../shared/reply.js';
import type { RunMode } from '../../store/workbench-store.js';

/** A line of a script to run: 1-based line number in the editor, and its text. */
export interface ScriptLine {
  line: number;
  text: string;
}

/** What a connection received for one command (a blocked command's reply included). */
export interface Sent {
  replies: Reply[];
  resp: 2 | 3;
  truncated: boolean;
}

/** Where the commands go: the workbench's own connection or a terminal tab's. */
export interface RunTarget {
  send(argv: string[]): Promise<Sent>;
}

export interface Card {
  /** The script's line (1-based). */
  line: number;
  source: string;
  /** What the terminal prints for the line, decoded for the screen as the terminal decodes it. */
  output: string;
  argv: string[] | null;
  /** The command's own reply (for the table view), its protocol, and the milliseconds it took. */
  reply: Reply | null;
  resp: 2 | 3;
  ms: number | null;
  error: boolean;
  /**
   * `unsupported`: quit/clear/connect have no meaning here; `exec`: the reply came in EXEC's
   * array; `truncated`: too long for the page; `lost`: the worker restarted under it.
   */
  note?: 'unsupported' | 'exec' | 'truncated' | 'lost';
}

export interface RunOptions {
  mode: RunMode;
  stopOnError: boolean;
}

/**
 * The lines to run, with their numbers: blank lines and `#` comments are skipped (redis-cli 7.0
 * itself would send a `#` line as a command; exported files leave them out, see script-file.ts).
 */
export function scriptLines(text: string, from = 1, to = Number.POSITIVE_INFINITY): ScriptLine[] {
  const out: ScriptLine[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = Math.max(from, 1); i <= Math.min(to, lines.length); i++) {
    const t = lines[i - 1]!;
    const trimmed = t.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    out.push({ line: i, text: t });
  }
  return out;
}

/** The first reply that is not a push (pub/sub messages and invalidations come before it). */
function ownReply(replies: readonly Reply[]): Reply | null {
  return replies.find((r) => r.t !== 'push') ?? null;
}

function isError(replies: readonly Reply[]): boolean {
  return ownReply(replies)?.t === 'error';
}

type Planned = { at: ScriptLine; plan: ReturnType<CliSession['plan']> };

/**
 * Runs lines on a target, calling `onCard` for each as soon as it is known (in order).
 * `stopped()` is asked between commands (the Stop button). Resolves once every card is out.
 */
export async function runScript(
  lines: readonly ScriptLine[],
  target: RunTarget,
  cli: CliSession,
  options: RunOptions,
  onCard: (card: Card) => void,
  stopped: () => boolean = () => false,
): Promise<void> {
  const planned: Planned[] = lines.map((at) => ({ at, plan: cli.plan(at.text) })).filter((p) => p.plan.kind !== 'nothing');
  if (options.mode === 'multi') return runInMulti(planned, target, cli, onCard);
  if (options.mode === 'pipeline') return runPipelined(planned, target, cli, onCard);
  for (const p of planned) {
    if (stopped()) return;
    const card = await runOne(p, target, cli);
    onCard(card);
    if (card.error && options.stopOnError) return;
  }
}

function base(at: ScriptLine, resp: 2 | 3): Card {
  return { line: at.line, source: at.text, output: '', argv: null, reply: null, resp, ms: null, error: false };
}

/** A line that sends nothing: HELP's text, "Invalid argument(s)", or a word that means nothing here. */
function notSent(p: Planned): Card {
  const card = base(p.at, 2);
  if (p.plan.kind === 'print') {
    // HELP's colours are terminal escapes (SGR): a card shows the words without them.
    card.output = utf8Decode(p.plan.text).replace(/\x1b\[[0-9;]*m/g, '');
    card.error = p.plan.text.startsWith('Invalid');
  } else {
    card.note = 'unsupported';
  }
  return card;
}

async function runOne(p: Planned, target: RunTarget, cli: CliSession): Promise<Card> {
  if (p.plan.kind !== 'command') return notSent(p);
  const { argv, repeat } = p.plan;
  const card = base(p.at, 2);
  card.argv = argv;
  let out = '';
  const started = performance.now();
  try {
    for (let n = 0; n < repeat; n++) {
      out += cli.beforeSend(argv);
      const got = await target.send(argv);
      out += cli.receive(argv, got.replies, got.resp);
      card.reply = ownReply(got.replies);
      card.resp = got.resp;
      card.error ||= isError(got.replies);
      if (got.truncated) card.note = 'truncated';
    }
  } catch {
    card.note = 'lost';
    card.error = true;
  }
  card.ms = performance.now() - started;
  card.output = utf8Decode(out);
  return card;
}

/** Every command sent at once; each card is timed from the send to its own reply. */
async function runPipelined(planned: readonly Planned[], target: RunTarget, cli: CliSession, onCard: (card: Card) => void): Promise<void> {
  const started = performance.now();
  const inFlight = planned.map((p) => {
    if (p.plan.kind !== 'command') return null;
    const { argv, repeat } = p.plan;
    const sends: Promise<{ got: Sent; at: number }>[] = [];
    for (let n = 0; n < repeat; n++) sends.push(target.send(argv).then((got) => ({ got, at: performance.now() })));
    // Each is awaited in order below; a failure is reported on its card, never unhandled.
    for (const s of sends) s.catch(() => undefined);
    return sends;
  });
  for (let i = 0; i < planned.length; i++) {
    const p = planned[i]!;
    const sends = inFlight[i];
    if (p.plan.kind !== 'command' || !sends) {
      onCard(notSent(p));
      continue;
    }
    const argv = p.plan.argv;
    const card = base(p.at, 2);
    card.argv = argv;
    let out = '';
    try {
      for (const s of sends) {
        out += cli.beforeSend(argv);
        const { got, at } = await s;
        out += cli.receive(argv, got.replies, got.resp);
        card.reply = ownReply(got.replies);
        card.resp = got.resp;
        card.error ||= isError(got.replies);
        card.ms = at - started;
        if (got.truncated) card.note = 'truncated';
      }
    } catch {
      card.note = 'lost';
      card.error = true;
    }
    card.output = utf8Decode(out);
    onCard(card);
  }
}

/**
 * MULTI, every command queued, EXEC: a card for MULTI, one a command with its share of EXEC's
 * reply (or the error that refused to queue it), and one for EXEC with the whole reply as the
 * terminal prints it.
 */
async function runInMulti(planned: readonly Planned[], target: RunTarget, cli: CliSession, onCard: (card: Card) => void): Promise<void> {
  const first = planned[0]?.at.line ?? 1;
  const last = planned.at(-1)?.at.line ?? first;
  const multi = await runOne({ at: { line: first, text: 'MULTI' }, plan: cli.plan('MULTI') }, target, cli);
  onCard(multi);
  if (multi.error) return;
  const queued: { p: Planned; card: Card }[] = [];
  for (const p of planned) {
    if (p.plan.kind !== 'command') {
      onCard(notSent(p));
      continue;
    }
    // Queued one by one; the share of EXEC's reply replaces the QUEUED once EXEC answers.
    const card = await runOne(p, target, cli);
    queued.push({ p, card });
  }
  const exec = await runOne({ at: { line: last, text: 'EXEC' }, plan: cli.plan('EXEC') }, target, cli);
  const results = exec.reply?.t === 'array' && exec.reply.v !== null ? exec.reply.v : null;
  let k = 0;
  for (const { p, card } of queued) {
    const wasQueued = card.reply?.t === 'simple' && card.reply.v === 'QUEUED';
    if (wasQueued && results) {
      const reply = results[k++]!;
      const argv = p.plan.kind === 'command' ? p.plan.argv : [];
      card.reply = reply;
      card.error = reply.t === 'error';
      card.output = utf8Decode(cli.receive(argv, [reply], exec.resp));
      card.note = 'exec';
    }
    onCard(card);
  }
  onCard(exec);
}
