// `npm run serve` as a process next to Debian's redis-server while a script runs away (#16):
// others get BUSY past busy-reply-threshold, SCRIPT KILL ends the script, SHUTDOWN NOSAVE stops
// the server; replies and Redis's log lines (without times, pids and the milliseconds counted)
// compare.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RespConnection, freePort } from '../diff/harness.js';
import { sha1hex } from '../../src/engine/scripting/sha1.js';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'src', 'server', 'main.ts');
const BUSY = '-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n';

type Kind = 'ours' | 'real';

interface Server {
  port: number;
  /** Log messages since the server was ready: "M # text", milliseconds counted as N. */
  log(): string[];
  /** Resolves once the log has a line ending with `text`. */
  logged(text: string): Promise<void>;
  exited: Promise<number | null>;
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

async function serve(kind: Kind): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'busy-test-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  const child: ChildProcess =
    kind === 'ours'
      ? spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('redis-server', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  let out = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString('latin1');
    for (const w of [...waiters]) w();
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const log = (): string[] => {
    const lines: string[] = [];
    for (const line of out.slice(out.indexOf('Ready to accept connections')).split('\n')) {
      const m = /^\d+:([MC]) \d\d \w{3} \d{4} [\d:.]+ ([.*#-]) (.*)$/.exec(line);
      if (m) lines.push(`${m[1]} ${m[2]} ${m[3]!.replace(/after \d+ milliseconds/, 'after N milliseconds')}`);
    }
    return lines;
  };
  const logged = (text: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind}: no "${text}" in:\n${out}`)), 30_000);
      const check = (): void => {
        if (!log().some((l) => l.endsWith(text))) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  await new Promise<void>((resolve) => {
    const ready = (): void => {
      if (!out.includes('Ready to accept connections')) return;
      waiters.delete(ready);
      resolve();
    };
    waiters.add(ready);
  });
  return { port, log, logged, exited };
}

/** The same steps on both programs: what each answered and logged. */
async function onBoth(scenario: (s: Server, say: (what: string) => void) => Promise<void>): Promise<void> {
  const seen: Record<Kind, string[]> = { real: [], ours: [] };
  for (const kind of ['real', 'ours'] as const) {
    const s = await serve(kind);
    await scenario(s, (what) => seen[kind].push(what));
    seen[kind].push(...s.log());
  }
  expect(seen.ours).toEqual(seen.real);
}

describe('npm run serve with a runaway script', () => {
  it('answers BUSY, logs the slow script, and SCRIPT KILL ends it', { timeout: 120_000 }, async () => {
    await onBoth(async (s, say) => {
      const a = await RespConnection.connect(s.port);
      const b = await RespConnection.connect(s.port);
      say(await b.send(['CONFIG', 'SET', 'busy-reply-threshold', '100']));
      const ev = a.send(['EVAL', 'while true do end', '0']);
      await expect.poll(() => b.send(['PING']), { timeout: 10_000 }).toBe(BUSY);
      await s.logged(`You can try killing the script using the SCRIPT KILL command. Script name is: ${sha1hex('while true do end')}.`);
      say(await b.send(['SCRIPT', 'KILL']));
      say(await ev);
      await s.logged('Lua script killed by user with SCRIPT KILL.');
      say(await a.send(['PING']));
      a.close();
      b.close();
    });
  });

  it('stops at SHUTDOWN NOSAVE while the script runs, after refusing SHUTDOWN', { timeout: 120_000 }, async () => {
    await onBoth(async (s, say) => {
      const a = await RespConnection.connect(s.port);
      const b = await RespConnection.connect(s.port);
      say(await b.send(['CONFIG', 'SET', 'lua-time-limit', '100']));
      const ev = a.send(['EVAL', "redis.call('SET', 'k', 'v') while true do end", '0']);
      await expect.poll(() => b.send(['PING']), { timeout: 10_000 }).toBe(BUSY);
      say(await b.send(['SCRIPT', 'KILL']));
      say(await b.send(['SHUTDOWN']));
      say(await b.send(['SHUTDOWN', 'NOSAVE']));
      say(await ev);
      say(`exit ${String(await s.exited)}`);
    });
  });
});
