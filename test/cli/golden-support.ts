// Shared by record-golden.ts (which records what the real redis-cli prints) and golden.test.ts
// (which replays the same lines through our engine and src/cli): the line files, the fixture
// files and how terminal output becomes the text a person sees on the screen.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliSession, type ReplHost } from '../../src/cli/session.js';
import { utf8Decode } from '../../src/cli/split-args.js';
import { VirtualClock } from '../../src/engine/clock.js';
import { commandSpecs } from '../../src/engine/commands/index.js';
import { Engine } from '../../src/engine/engine.js';
import type { Reply } from '../../src/shared/reply.js';
import { late } from '../../src/engine/late.js';

export const HERE = dirname(fileURLToPath(import.meta.url));

export interface GoldenSet {
  /** 'tty' is redis-cli on a terminal, 'raw' is `redis-cli --raw`. */
  mode: 'tty' | 'raw';
  /** The typed lines. */
  linesFile: string;
  /** What the terminal showed (tmux capture-pane), with a header line naming the port. */
  screenFile: string;
  /** The exact bytes redis-cli wrote for the same lines read from a pipe (FAKETTY=1). */
  stdoutFile: string;
}

export const GOLDEN_SETS: readonly GoldenSet[] = [
  { mode: 'tty', linesFile: 'golden-lines.txt', screenFile: 'golden-tty.txt', stdoutFile: 'golden-tty-stdout.json' },
  { mode: 'raw', linesFile: 'golden-raw-lines.txt', screenFile: 'golden-raw.txt', stdoutFile: 'golden-raw-stdout.json' },
];

/** The lines of a lines file as typed: '#' comments skipped, <empty> and <spaces> expanded. */
export function readTypedLines(file: string): string[] {
  const out: string[] = [];
  for (const raw of readFileSync(join(HERE, file), 'utf8').split('\n')) {
    if (raw === '' || raw.startsWith('#')) continue;
    out.push(raw === '<empty>' ? '' : raw === '<spaces>' ? '   ' : raw);
  }
  return out;
}

/** The fixture header: which address the recording's prompt shows. */
export function screenHeader(port: number, set: GoldenSet): string {
  return (
    `# redis-cli 7.0.15${set.mode === 'raw' ? ' --raw' : ''} in a terminal (tmux) against redis-server 7.0.15 ` +
    `at 127.0.0.1:${port}; lines from ${set.linesFile}; written by test/cli/record-golden.ts`
  );
}

export function portOfHeader(header: string): number {
  const m = /at 127\.0\.0\.1:(\d+);/.exec(header);
  if (!m) throw new Error(`not a golden header: ${header}`);
  return Number(m[1]);
}

export interface StdoutFixture {
  port: number;
  /** What redis-cli wrote, as a byte string (one char per byte). */
  stdout: string;
}

/**
 * Terminal output → the lines a person sees, as tmux's capture-pane gives them: escape
 * sequences (colours) draw nothing, CR goes back to the start of the line (what follows
 * overwrites), trailing blanks are not kept. Input is text (already UTF-8 decoded).
 */
export function screenLines(text: string): string[] {
  const lines: string[] = [];
  let cur: string[] = [];
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      lines.push(cur.join(''));
      cur = [];
      col = 0;
    } else if (ch === '\r') {
      col = 0;
    } else if (ch === '\x1b' && text[i + 1] === '[') {
      i += 2;
      while (i < text.length && !/[@-~]/.test(text[i]!)) i++;
    } else {
      while (cur.length < col) cur.push(' ');
      cur[col++] = ch;
    }
  }
  lines.push(cur.join(''));
  return lines.map((l) => l.replace(/ +$/, ''));
}

/** Our summaries are our own words: HELP's summary lines are compared without their text. */
export function maskSummaries(lines: readonly string[]): string[] {
  return lines.map((l) => l.replace(/^(\s+summary:).*$/, '$1 <summary>'));
}

/** The same on redis-cli's raw bytes (`  ESC[33msummary:ESC[0m text CR LF`). */
export function maskSummaryBytes(s: string): string {
  return s.replace(/(\x1b\[33msummary:\x1b\[0m )[^\r]*/g, '$1<summary>');
}

/** The typing fixture: hints and Tab completion shown while a line is typed (golden-typing.txt). */
export const TYPING_LINES = 'golden-typing.txt';
export const TYPING_SCREEN = 'golden-typing-screen.txt';

export interface TypingEntry {
  /** The fixture line naming the entry ('hint:SET k', 'tab3:hinc'). */
  spec: string;
  text: string;
  /** 0: capture the hint after typing; n: press Tab n times, capturing after each. */
  tabs: number;
}

export function readTypingEntries(): TypingEntry[] {
  const out: TypingEntry[] = [];
  for (const raw of readFileSync(join(HERE, TYPING_LINES), 'utf8').split('\n')) {
    if (raw === '' || raw.startsWith('#')) continue;
    const m = /^(hint|tab(\d+)):(.*)$/.exec(raw);
    if (!m) throw new Error(`bad typing line: ${raw}`);
    out.push({ spec: raw, text: m[3]!, tabs: m[2] === undefined ? 0 : Number(m[2]) });
  }
  return out;
}

/**
 * Replays typed lines as one redis-cli session over one engine client, through the repl loop
 * the page's terminal runs (CliSession.runLine); returns the transcript.
 */
export async function replay(lines: readonly string[], mode: 'tty' | 'raw', port: number): Promise<{ screen: string; stdout: string }> {
  const engine = new Engine({ clock: new VirtualClock(), late });
  const client = engine.createClient();
  const session = new CliSession({ specs: commandSpecs, port, mode });
  let output = '';
  const host: ReplHost = {
    send: (argv) => {
      const replies: Reply[] = [];
      client.deliver = (r) => replies.push(r);
      const r = engine.execute(client, argv);
      if (r !== null) replies.push(r);
      return { replies, resp: client.resp };
    },
    print: (bytes) => (output += bytes),
  };
  let screen = '';
  let stdout = '';
  for (const line of lines) {
    screen += session.prompt + line + '\n';
    output = '';
    await session.runLine(line, host);
    screen += utf8Decode(output);
    stdout += output;
  }
  screen += session.prompt;
  return { screen, stdout };
}
