// Records what the REAL redis-cli 7.0.15 prints for the lines in golden-lines.txt and
// golden-raw-lines.txt, against a fresh real redis-server 7.0.15 — the fixtures golden.test.ts
// compares our terminal core with. Re-run after changing a lines file:
//
//   npx tsx test/cli/record-golden.ts          (needs redis-server, redis-cli and tmux)
//
// For each lines file it writes two fixtures, each from its own fresh server:
//   golden-<mode>.txt          what the terminal shows: redis-cli runs in a tmux pane, each line
//                              is typed (send-keys) once the prompt is back, and the whole pane
//                              history is captured (capture-pane) — prompts, echoed lines,
//                              replies, as a person sees them (colours dropped).
//   golden-<mode>-stdout.json  the exact bytes redis-cli writes (colours, CR LF of HELP
//                              included) for the same lines fed through a pipe; FAKETTY=1 makes
//                              it format and show pushes as on a terminal.
// and from golden-typing.txt (hints and Tab completion while typing, nothing sent):
//   golden-typing-screen.txt   the line as shown after typing (and after each Tab press).
// redis-cli's history and ~/.redisclirc are kept out of it (REDISCLI_HISTFILE/RCFILE).

import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GOLDEN_SETS,
  HERE,
  readTypedLines,
  readTypingEntries,
  screenHeader,
  TYPING_LINES,
  TYPING_SCREEN,
  type GoldenSet,
  type StdoutFixture,
} from './golden-support.js';

const CLI_ENV = { ...process.env, REDISCLI_HISTFILE: '/dev/null', REDISCLI_RCFILE: '/dev/null', LANG: 'C.UTF-8' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface Server {
  port: number;
  stop(): Promise<void>;
}

/** A fresh redis-server on a free loopback port, no persistence. */
async function startServer(): Promise<Server> {
  const port = await freePort();
  const proc: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 10_000);
    proc.once('error', reject);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGKILL');
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Pane {
  server: Server;
  tmux(...args: string[]): string;
  /** The pane's whole history, trailing blanks and empty last lines dropped. */
  capture(): string[];
  promptRe: RegExp;
  close(): Promise<void>;
}

async function openPane(mode: 'tty' | 'raw'): Promise<Pane> {
  const server = await startServer();
  const dir = mkdtempSync(join(tmpdir(), 'golden-'));
  const sock = join(dir, 'tmux.sock');
  const conf = join(dir, 'tmux.conf');
  writeFileSync(conf, 'set -g history-limit 100000\nset -g status off\n');
  const tmux = (...args: string[]) => execFileSync('tmux', ['-S', sock, ...args], { encoding: 'utf8', env: CLI_ENV });
  const cli = `redis-cli -h 127.0.0.1 -p ${server.port}${mode === 'raw' ? ' --raw' : ''}`;
  const promptRe = new RegExp(`^127\\.0\\.0\\.1:${server.port}(\\[-?\\d+\\])?(\\(TX\\))?>`);
  const capture = () => {
    const screen = tmux('capture-pane', '-p', '-J', '-S', '-', '-E', '-', '-t', 'g')
      .split('\n')
      .map((l) => l.replace(/ +$/, ''));
    while (screen.length > 0 && screen[screen.length - 1] === '') screen.pop();
    return screen;
  };
  const close = async () => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  };
  try {
    tmux('-f', conf, '-u', 'new-session', '-d', '-s', 'g', '-x', '400', '-y', '50', `env REDISCLI_HISTFILE=/dev/null REDISCLI_RCFILE=/dev/null ${cli}`);
  } catch (e) {
    await close();
    throw e;
  }
  return { server, tmux, capture, promptRe, close };
}

/** Waits until the pane shows n prompts and ends with a bare one (redis-cli is reading again). */
async function waitForPrompts(pane: Pane, n: number, what: string): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const screen = pane.capture();
    const prompts = screen.filter((l) => pane.promptRe.test(l)).length;
    const last = screen[screen.length - 1] ?? '';
    if (prompts === n && pane.promptRe.test(last) && last.endsWith('>')) return screen;
    if (Date.now() > deadline) throw new Error(`redis-cli did not come back after ${what}:\n${screen.slice(-10).join('\n')}`);
    await sleep(15);
  }
}

/** Waits until the pane stops changing (for keys that print no new prompt: typing, Tab). */
async function settle(pane: Pane): Promise<string[]> {
  await sleep(60);
  let prev = pane.capture().join('\n');
  for (let same = 0; same < 3;) {
    await sleep(30);
    const cur = pane.capture().join('\n');
    same = cur === prev ? same + 1 : 0;
    prev = cur;
  }
  return prev.split('\n');
}

async function recordScreen(set: GoldenSet, lines: readonly string[]): Promise<void> {
  const pane = await openPane(set.mode);
  try {
    await waitForPrompts(pane, 1, 'start');
    let screen: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] !== '') pane.tmux('send-keys', '-t', 'g', '-l', '--', lines[i]!);
      pane.tmux('send-keys', '-t', 'g', 'Enter');
      screen = await waitForPrompts(pane, i + 2, JSON.stringify(lines[i]));
    }
    writeFileSync(join(HERE, set.screenFile), screenHeader(pane.server.port, set) + '\n' + screen.join('\n') + '\n');
  } finally {
    await pane.close();
  }
}

/** Types each entry of golden-typing.txt (never Enter) and records the line as shown. */
async function recordTyping(): Promise<void> {
  const pane = await openPane('tty');
  try {
    await waitForPrompts(pane, 1, 'start');
    const out: string[] = [
      `# redis-cli 7.0.15 in a terminal (tmux) against redis-server 7.0.15 at 127.0.0.1:${pane.server.port}; ` +
        `entries from ${TYPING_LINES}; written by test/cli/record-golden.ts`,
    ];
    for (const entry of readTypingEntries()) {
      out.push('### ' + entry.spec);
      if (entry.text !== '') pane.tmux('send-keys', '-t', 'g', '-l', '--', entry.text);
      if (entry.tabs === 0) {
        out.push((await settle(pane)).at(-1)!);
      } else {
        for (let t = 0; t < entry.tabs; t++) {
          pane.tmux('send-keys', '-t', 'g', 'Tab');
          out.push((await settle(pane)).at(-1)!);
        }
      }
      pane.tmux('send-keys', '-t', 'g', 'C-u');
      const after = await settle(pane);
      if (!pane.promptRe.test(after.at(-1)!) || !after.at(-1)!.endsWith('>')) {
        throw new Error(`Ctrl-U did not clear the line after ${entry.spec}: ${after.at(-1)}`);
      }
    }
    writeFileSync(join(HERE, TYPING_SCREEN), out.join('\n') + '\n');
  } finally {
    await pane.close();
  }
}

async function recordStdout(set: GoldenSet, lines: readonly string[]): Promise<void> {
  const server = await startServer();
  try {
    const args = ['-h', '127.0.0.1', '-p', String(server.port), ...(set.mode === 'raw' ? ['--raw'] : [])];
    const run = spawnSync('redis-cli', args, {
      input: Buffer.from(lines.join('\n') + '\n', 'utf8'),
      env: { ...CLI_ENV, FAKETTY: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`redis-cli failed: ${run.stderr.toString()}`);
    const fixture: StdoutFixture = { port: server.port, stdout: run.stdout.toString('latin1') };
    writeFileSync(join(HERE, set.stdoutFile), JSON.stringify(fixture, null, 1) + '\n');
  } finally {
    await server.stop();
  }
}

for (const set of GOLDEN_SETS) {
  const lines = readTypedLines(set.linesFile);
  await recordScreen(set, lines);
  await recordStdout(set, lines);
  console.log(`${set.linesFile}: ${lines.length} lines → ${set.screenFile}, ${set.stdoutFile}`);
}
await recordTyping();
console.log(`${TYPING_LINES} → ${TYPING_SCREEN}`);
