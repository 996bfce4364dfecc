// Running `npm run serve` and Debian's redis-server as processes side by side, for the tests
// that compare what the programs do (start-up, signals, files on disk): start one in a
// temporary directory, wait for its log lines, talk to it, and clean up after each test.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { RespConnection, freePort } from '../diff/harness.js';

export const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'src', 'server', 'main.ts');
// Several program starts per test, on a machine other work shares.
export const TIMEOUT = 120_000;

export type Kind = 'ours' | 'real';

/** The command line that starts one of the two servers with `args`. */
export function commandFor(kind: Kind, args: string[]): [string, string[]] {
  return kind === 'ours' ? [process.execPath, ['--import', 'tsx', entry, ...args]] : ['redis-server', args];
}

/**
 * A log line's role, level and message: "pid:M 06 Dec 2026 05:29:21.616 * DB saved on disk" gives
 * "M * DB saved on disk", a signal handler's line "signal-handler <message>". Pids in messages
 * (the saving child's, the temp file's) become PID.
 */
export function messages(out: string): string[] {
  const result: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^\d+:([MCSX]) \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} ([.*#-]) (.*)$/.exec(line);
    const s = /^\d+:signal-handler \(\d+\) (.*)$/.exec(line);
    const text = m ? `${m[1]} ${m[2]} ${m[3]}` : s ? `signal-handler ${s[1]}` : null;
    if (text !== null) result.push(text.replace(/pid \d+/, 'pid PID').replace(/temp-\d+\.rdb/, 'temp-PID.rdb'));
  }
  return result;
}

export interface Proc {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  out(): string;
  err(): string;
  /** Resolves once stdout holds `text` (`times` times); rejects after a deadline or an exit. */
  waitFor(text: string, times?: number): Promise<void>;
  /** Log messages after the last "Ready to accept connections". */
  since(text: string): string[];
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
const dirs: string[] = [];
// Registered in each test file that imports this module.
afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'shutdown-test-'));
  dirs.push(d);
  return d;
}

export function start(kind: Kind, args: string[]): Proc {
  const [cmd, argv] = commandFor(kind, args);
  const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('latin1');
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString('latin1')));
  // 'close' comes after the output has all been read, unlike 'exit'.
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      resolve(code);
      for (const w of waiters.splice(0)) w();
    }),
  );
  const waitFor = (text: string, times = 1): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind}: no "${text}" in:\n${out}${err}`)), 30_000);
      const check = (): void => {
        if (out.split(text).length > times) {
          clearTimeout(timer);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          reject(new Error(`${kind} exited (${child.exitCode}) without "${text}":\n${out}${err}`));
        } else {
          waiters.push(check);
        }
      };
      check();
    });
  const since = (text: string): string[] => {
    const all = messages(out);
    const at = all.map((m) => m.endsWith(text)).lastIndexOf(true);
    return all.slice(at + 1);
  };
  return { child, out: () => out, err: () => err, waitFor, since, exited };
}

/** A server on a free port in `dir` (default save points, as both programs have). */
export async function serve(kind: Kind, dir: string, extra: string[] = []): Promise<Proc & { port: number }> {
  const port = await freePort();
  const p = start(kind, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...extra]);
  await p.waitFor('Ready to accept connections');
  return { ...p, port };
}

export async function send(port: number, argv: string[]): Promise<string> {
  const c = await RespConnection.connect(port);
  try {
    return await c.send(argv);
  } finally {
    c.close();
  }
}

/** Runs a server that must not start; returns its exit code and output. */
export function fails(kind: Kind, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const [cmd, argv] = commandFor(kind, args);
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'latin1', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
