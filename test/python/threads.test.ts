// src/python/runtime/threads.py: pubsub.run_in_thread's thread run cooperatively, as the
// browser's Python (which has no threads) runs it. Here under CPython with the module installed:
// pubsub.py (a handler called while the program waits on an Event, then stop and join) must
// print what genuine redis-py prints with a real thread, and a subscriber whose program ends
// with run_in_thread goes on handling messages until it is stopped.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { OUR_PACKAGE, python, useServers } from './servers.js';

const here = import.meta.dirname;
const runtime = join(OUR_PACKAGE, 'runtime');

/** Installs the cooperative threads, runs `program`, then what the worker runs after it. */
const WRAPPER = `
import os, runpy, sys
sys.path[:0] = [${JSON.stringify(runtime)}, os.path.dirname(sys.argv[1])]
import threads
threads.install()
threads.begin()
runpy.run_path(sys.argv[1], run_name="__main__")
threads.finish()
threads.end()
print("finished", flush=True)
`;

describe('cooperative threads', () => {
  const servers = useServers();

  it('runs pubsub.py as redis-py does with a real thread', async () => {
    const program = join(here, 'pubsub.py');
    const [want, got] = await Promise.all([
      python([program], { REDIS_PORT: String(servers.realPort()) }),
      python(['-c', WRAPPER, program], { REDIS_PORT: String(servers.ourPort()), PYTHONPATH: OUR_PACKAGE }),
    ]);
    expect(want).toContain('news: New Tutorial on Redis Pub/Sub');
    expect(got).toBe(want + 'finished\n');
  });

  it("keeps the course's subscriber listening after its last line, until its thread is stopped", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threads-'));
    const program = join(dir, 'subscriber.py');
    // The course's subscriber.py, with a handler that stops the thread at the third message.
    writeFileSync(
      program,
      [
        'import os, redis',
        'r = redis.Redis(port=int(os.environ["REDIS_PORT"]))',
        'def message_handler(message):',
        '    print(f"Received message: {message[\'data\'].decode()}", flush=True)',
        '    if message["data"] == b"bye":',
        '        thread.stop()',
        'pubsub = r.pubsub()',
        "pubsub.subscribe(**{'news': message_handler})",
        "print('Listening for messages on channel: news', flush=True)",
        'thread = pubsub.run_in_thread(sleep_time=1)',
        'try:',
        '    import threading; threading.Thread(target=print).start()',
        'except RuntimeError as e:',
        '    print(e, flush=True)',
        '',
      ].join('\n'),
    );
    const child = spawn('/usr/bin/python3', ['-c', WRAPPER, program], {
      env: { ...process.env, REDIS_PORT: String(servers.ourPort()), PYTHONPATH: OUR_PACKAGE },
    });
    onTestFinished(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
    let stdout = '';
    const seen = (text: string) =>
      new Promise<void>((resolve) => {
        const look = () => stdout.includes(text) && resolve();
        child.stdout.on('data', look);
        look();
      });
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await seen('Chromium-based browsers run them\n');
    // The program's last line has run; the publisher comes later, from elsewhere.
    const publish = (message: string) =>
      python(['-c', `import redis; print(redis.Redis(port=${servers.ourPort()}).publish("news", ${JSON.stringify(message)}))`], { PYTHONPATH: OUR_PACKAGE });
    expect(await publish('Redis 6.2 Released!')).toBe('1\n');
    await seen('Received message: Redis 6.2 Released!\n');
    expect(await publish('bye')).toBe('1\n');
    expect(await exited).toBe(0);
    expect(stdout).toBe(
      'Listening for messages on channel: news\n' +
        'this Python runs in a browser that cannot switch stacks (JSPI), so it has no threads: pubsub.run_in_thread() works (its handler is called while the program waits, and after its last line), other threads do not; Chromium-based browsers run them\n' +
        'Received message: Redis 6.2 Released!\n' +
        'Received message: bye\n' +
        'finished\n',
    );
  });
});
