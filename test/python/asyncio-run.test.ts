// src/python/runtime/asyncio_run.py: the asyncio.run the browser's Python gets, on an event
// loop that sleeps until its next timer. Here under CPython, with another loop set as the
// running one as Pyodide's WebLoop always is: package/asyncio_basics.py (timers, a task,
// pub/sub's turns of the loop) must print what the standard asyncio.run and redis-py print, and
// SIGINT (what Stop raises in the browser) must end a blocking call as KeyboardInterrupt.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { OUR_PACKAGE, python, useServers } from './servers.js';

const here = import.meta.dirname;
const runtime = join(OUR_PACKAGE, 'runtime');

/** Installs our asyncio.run, makes another loop the running one, then runs `program`. */
const WRAPPER = `
import asyncio, runpy, sys
sys.path.insert(0, ${JSON.stringify(runtime)})
import asyncio_run
asyncio_run.install()
asyncio.events._set_running_loop(asyncio.new_event_loop())
runpy.run_path(sys.argv[1], run_name="__main__")
`;

describe('asyncio.run on the blocking loop', () => {
  const servers = useServers();

  it('runs asyncio_basics.py as the standard asyncio.run and redis-py do', async () => {
    const program = join(here, 'package/asyncio_basics.py');
    const [want, got] = await Promise.all([
      python([program], { REDIS_PORT: String(servers.realPort()) }),
      python(['-c', WRAPPER, program], { REDIS_PORT: String(servers.ourPort()), PYTHONPATH: OUR_PACKAGE }),
    ]);
    expect(want).toContain("{'type': 'message', 'pattern': None, 'channel': 'events', 'data': 'stop'}");
    expect(got).toBe(want);
  });

  it('ends a blocking call inside a coroutine with KeyboardInterrupt on SIGINT, running the finally blocks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asyncio-run-'));
    const program = join(dir, 'sleeper.py');
    writeFileSync(
      program,
      // time.sleep stands for a command blocked in the browser's channel (a BLPOP): asyncio's own
      // SIGINT handler would only cancel the task, and the sleep would go on.
      'import asyncio, time\n\nasync def main():\n    try:\n        await asyncio.sleep(0.01)\n        print("sleeping", flush=True)\n        time.sleep(600)\n    finally:\n        print("cleaned up", flush=True)\n\nasyncio.run(main())\n',
    );
    const child = spawn('/usr/bin/python3', ['-c', WRAPPER, program]);
    // A failure would leave the process in its 600 s sleep.
    onTestFinished(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (b: Buffer) => {
        stdout += b.toString();
        if (stdout.includes('sleeping\n')) resolve();
      }),
    );
    const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.kill('SIGINT');
    expect(await code).not.toBe(0);
    expect(stdout).toBe('sleeping\ncleaned up\n');
    expect(stderr).toContain('KeyboardInterrupt');
  });
});
