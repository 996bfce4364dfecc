// Real clients against our server and against a real redis-server: redis-cli, redis-py, and
// the `npm run serve` command line itself.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { RespConnection, freePort, startRealRedis, type RealRedis } from '../diff/harness.js';
import { startOurs } from './raw.js';

const root = join(import.meta.dirname, '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], input?: string, env?: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { encoding: 'latin1', timeout: 20_000, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(Buffer.from(input, 'latin1'));
  });
}

let real: RealRedis;
let ours: RunningServer;

beforeAll(async () => {
  real = await startRealRedis();
  ours = (await startOurs()).server;
});
afterAll(async () => {
  await real?.stop();
  await ours?.close();
});

/** Runs the same client invocation against both servers; their outputs must match. */
async function both(makeArgs: (port: number) => [cmd: string, args: string[]], input?: string, env?: Record<string, string>) {
  const runOn = (port: number) => {
    const [cmd, args] = makeArgs(port);
    return run(cmd, args, input, env);
  };
  const [want, got] = await Promise.all([runOn(real.port), runOn(ours.port)]);
  expect(got.stderr).toBe(want.stderr);
  expect(got.stdout).toBe(want.stdout);
  expect(got.code).toBe(want.code);
  return want;
}

describe('redis-cli', () => {
  const cli =
    (...args: string[]) =>
    (port: number): [string, string[]] => ['redis-cli', ['-p', String(port), ...args]];
  const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

  it('runs commands given as arguments (raw output when not a tty)', async () => {
    expect((await both(cli('SET', 'greeting', 'hello world'))).stdout).toBe('OK\n');
    await both(cli('GET', 'greeting'));
    await both(cli('INCRBY', 'n', '41'));
    await both(cli('GET', 'missing'));
    await both(cli('MGET', 'greeting', 'missing', 'n'));
  });

  it('prints non-ASCII values like Redis', async () => {
    // Arguments go out as UTF-8; output comes back as bytes (read here as latin1).
    await both(cli('SET', '키', '안녕'));
    expect((await both(cli('GET', '키'))).stdout).toBe(utf8('안녕') + '\n');
    const noRaw = await both(cli('--no-raw', 'GET', '키'));
    expect(noRaw.stdout).toBe('"\\xec\\x95\\x88\\xeb\\x85\\x95"\n');
    await both(cli('--no-raw', 'MGET', '키', 'missing', 'n'));
    await both(cli('--no-raw'), 'SET bin "\\xff\\x00x"\nGET bin\nSTRLEN bin\n');
    await both(cli(), 'GET bin\n');
  });

  it('prints errors like Redis', async () => {
    await both(cli('GET'));
    await both(cli('--no-raw', 'INCR', 'greeting'));
  });

  it('reads commands from stdin', async () => {
    await both(cli(), 'SET piped 1\nINCR piped\nGET piped\nSET "quoted key" "a b"\nGET "quoted key"\n');
    await both(cli('--no-raw'), 'MSET x 1 y 2\nMGET x y z\n');
  });
});

describe('redis-py', () => {
  const script = `
import os, redis
r = redis.Redis(host="127.0.0.1", port=int(os.environ["PORT"]))
print(r.set("py:k", "v"), r.get("py:k"), r.get("py:missing"))
print(r.incr("py:n"), r.incr("py:n", 10), r.decr("py:n"))
print(r.set("py:u", "안녕".encode()), r.get("py:u").decode(), r.strlen("py:u"))
p = r.pipeline(transaction=False)
for i in range(100):
    p.set(f"py:p{i}", i)
    p.incr(f"py:p{i}")
res = p.execute()
print(res[:4], len(res), r.mget("py:p0", "py:p99", "py:none"))
try:
    r.incr("py:k")
except redis.ResponseError as e:
    print("error:", e)
print(r.delete("py:k", "py:n", "py:none"), r.exists("py:k"))
`;
  it('set/get/incr/pipeline print the same as against real Redis', async () => {
    const [want, got] = await Promise.all([real.port, ours.port].map((port) => run('/usr/bin/python3', ['-c', script], undefined, { PORT: String(port) })));
    expect(want!.stderr).toBe('');
    expect(got!.stderr).toBe('');
    expect(got!.stdout).toBe(want!.stdout);
    expect(want!.stdout).toContain('[True, 1, True, 2] 200');
  });
});

// Each test starts the server as a new process (tsx compiles it first): slow on a loaded 2-core machine.
describe('npm run serve (src/server/main.ts)', { timeout: 60_000 }, () => {
  const entry = join(root, 'src', 'server', 'main.ts');

  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** Starts it in a directory of its own: a signal's final save writes dump.rdb there. */
  function serve(args: string[]): { child: ChildProcess; ready: Promise<string>; exited: Promise<number | null> } {
    const dir = mkdtempSync(join(tmpdir(), 'serve-'));
    dirs.push(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', entry, '--dir', dir, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const ready = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 50_000);
      const onData = (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve(out);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, ready, exited };
  }

  it('listens, logs like Redis, and exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    const s = serve(['--port', String(port)]);
    const log = await s.ready;
    expect(log).toMatch(/^\d+:M \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} \* Ready to accept connections$/m);
    const r = await run('redis-cli', ['-p', String(port), 'SET', 'a', 'b']);
    expect(r.stdout).toBe('OK\n');
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('accepts --port=N, --bind and --requirepass', async () => {
    const port = await freePort();
    const s = serve([`--port=${port}`, '--bind', '127.0.0.1', '--requirepass', 'pw']);
    await s.ready;
    const c = await RespConnection.connect(port);
    expect(await c.send(['GET', 'a'])).toBe('-NOAUTH Authentication required.\r\n');
    c.close();
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('stops on SHUTDOWN', async () => {
    const port = await freePort();
    const s = serve([`--port=${port}`]);
    await s.ready;
    const r = await run('redis-cli', ['-p', String(port), 'SHUTDOWN', 'NOSAVE']);
    expect(r.code).toBe(0);
    expect(await s.exited).toBe(0);
  });

  it('exits on SIGINT', async () => {
    const port = await freePort();
    const s = serve(['--port', String(port)]);
    await s.ready;
    s.child.kill('SIGINT');
    expect(await s.exited).toBe(0);
  });

  it('prints help, and rejects unknown options', async () => {
    const help = await run(process.execPath, ['--import', 'tsx', entry, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--requirepass');
    const bad = await run(process.execPath, ['--import', 'tsx', entry, '--nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n>>> 'nope'\nBad directive or wrong number of arguments\n",
    );
  });
});
