// A runaway script (#16) on redis-server and on our engine behind our TCP server: other clients
// wait, then get BUSY past busy-reply-threshold; SCRIPT KILL, UNKILLABLE, SHUTDOWN NOSAVE, EXEC
// held at a long EVAL. Each scenario runs on both sides with the same steps and the transcripts
// compare byte for byte. The threshold is small (100 ms) and tests wait for BUSY, not for time.

import { describe, expect, it } from 'vitest';
import { show, useDiff, type Conn, type Pair, type RespConnection } from './harness.js';

const BUSY = '-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n';
const BUSY_FUNCTION = '-BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.\r\n';

/** Runs `scenario` on the real server's connections, then on ours, and compares what each logged. */
async function same(pairs: Pair<RespConnection>[], scenario: (c: Conn[], log: (label: string, raw: string) => void) => Promise<void>): Promise<void> {
  const transcripts: string[][] = [];
  for (const side of ['real', 'ours'] as const) {
    const lines: string[] = [];
    await scenario(
      pairs.map((p) => p[side]),
      (label, raw) => lines.push(`${label}: ${show(raw)}`),
    );
    transcripts.push(lines);
  }
  expect(transcripts[1]).toEqual(transcripts[0]);
}

/** Sends PING until the script is past the threshold (each PING itself waits for it). */
async function untilBusy(c: Conn, busy = BUSY): Promise<void> {
  await expect.poll(() => c.send(['PING']), { timeout: 10_000 }).toBe(busy);
}

describe('a runaway script: BUSY, SCRIPT KILL, UNKILLABLE', () => {
  const d = useDiff({ overTcp: true });

  it('answers BUSY past busy-reply-threshold, lets allow_busy commands through, and SCRIPT KILL ends it', async () => {
    const pairs = await d.clients(2);
    await same(pairs, async ([a, b], log) => {
      log('threshold', await b!.send(['CONFIG', 'SET', 'busy-reply-threshold', '100']));
      const ev = a!.send(['EVAL', 'local i = 0\nwhile true do i = i + 1 end', '0']);
      await untilBusy(b!);
      for (const argv of [
        ['GET', 'k'],
        ['SET', 'k', 'v'],
        ['EVAL', 'return 1', '0'],
        ['SCRIPT', 'LOAD', 'return 1'],
        ['CONFIG', 'GET', 'busy-reply-threshold'],
        ['INFO', 'server'],
        ['SHUTDOWN'],
        ['SHUTDOWN', 'SAVE'],
        ['NOSUCH', 'x'],
        ['GET'],
        ['WATCH', 'k'],
        ['UNWATCH'],
        ['MULTI'],
        ['INCR', 'n'],
        ['EXEC'],
        ['MULTI'],
        ['DISCARD'],
        ['AUTH', 'x'],
        ['RESET'],
      ]) {
        log(argv.join(' '), await b!.send(argv));
      }
      log('kill', await b!.send(['SCRIPT', 'KILL']));
      log('eval', await ev);
      log('after', await b!.send(['SCRIPT', 'KILL']));
      log('ping', await a!.send(['PING']));
      log('errorstats', await b!.send(['INFO', 'errorstats']));
    });
  });

  // The script runs 3 s of wall-clock time: long enough to be seen BUSY on a loaded machine.
  it('refuses to kill a script that wrote (UNKILLABLE); it still ends by itself', async () => {
    const pairs = await d.clients(2);
    const body =
      "redis.call('SET', 'w', '1')\nlocal t = redis.call('TIME')\nlocal stop = t[1] * 1000000 + t[2] + 3000000\nwhile true do\n  t = redis.call('TIME')\n  if t[1] * 1000000 + t[2] >= stop then return 'done' end\nend";
    await same(pairs, async ([a, b], log) => {
      log('threshold', await b!.send(['CONFIG', 'SET', 'lua-time-limit', '100']));
      const ev = a!.send(['EVAL', body, '0']);
      await untilBusy(b!);
      log('kill', await b!.send(['SCRIPT', 'KILL']));
      log('eval', await ev);
      log('get', await b!.send(['GET', 'w']));
    });
  });

  it('holds the caller: its next commands run after the script, in order', async () => {
    const pairs = await d.clients(2);
    await same(pairs, async ([a, b], log) => {
      log('threshold', await b!.send(['CONFIG', 'SET', 'busy-reply-threshold', '100']));
      const replies = [a!.send(['EVAL', 'while true do end', '0']), a!.send(['SET', 'k', 'v']), a!.send(['GET', 'k'])];
      await untilBusy(b!);
      log('get', await b!.send(['GET', 'k']));
      log('kill', await b!.send(['SCRIPT', 'KILL']));
      for (const r of await Promise.all(replies)) log('a', r);
    });
  });

  it('holds EXEC at a long EVAL: killed, its error is in the array and the rest of the queue runs', async () => {
    const pairs = await d.clients(2);
    await same(pairs, async ([a, b], log) => {
      log('threshold', await b!.send(['CONFIG', 'SET', 'busy-reply-threshold', '100']));
      for (const argv of [['MULTI'], ['SET', 'k', 'v'], ['EVAL', 'local i = 0\nwhile true do i = i + 1 end', '0'], ['INCR', 'n']]) {
        log(argv[0]!, await a!.send(argv));
      }
      const exec = a!.send(['EXEC']);
      const after = a!.send(['GET', 'n']);
      await untilBusy(b!);
      log('kill', await b!.send(['SCRIPT', 'KILL']));
      log('exec', await exec);
      log('after', await after);
    });
  });

  it('a client in MULTI gets BUSY for what it queues, and EXECABORT', async () => {
    const pairs = await d.clients(3);
    await same(pairs, async ([a, b, c], log) => {
      log('threshold', await b!.send(['CONFIG', 'SET', 'busy-reply-threshold', '100']));
      log('multi', await c!.send(['MULTI']));
      const ev = a!.send(['EVAL', 'while true do end', '0']);
      await untilBusy(b!);
      log('set', await c!.send(['SET', 'k', 'v']));
      log('exec', await c!.send(['EXEC']));
      log('kill', await b!.send(['SCRIPT', 'KILL']));
      log('eval', await ev);
    });
  });

  it('a runaway function: FUNCTION STATS names it, SCRIPT KILL refuses it, FUNCTION KILL ends it', async () => {
    const pairs = await d.clients(3);
    const lib = "#!lua name=spin\nredis.register_function('spin', function(keys, args)\n  local i = 0\n  while true do i = i + 1 end\nend)";
    await same(pairs, async ([a, b, c], log) => {
      log('threshold', await b!.send(['CONFIG', 'SET', 'busy-reply-threshold', '100']));
      log('load', await b!.send(['FUNCTION', 'LOAD', 'REPLACE', lib]));
      log('idle stats', await b!.send(['FUNCTION', 'STATS']));
      log('idle kill', await b!.send(['FUNCTION', 'KILL']));
      const call = a!.send(['FCALL', 'spin', '1', 'k', 'arg']);
      await untilBusy(b!, BUSY_FUNCTION);
      // The duration is the one figure that differs between two runs.
      log('stats', (await b!.send(['FUNCTION', 'STATS'])).replace(/duration_ms\r\n:\d+/, 'duration_ms\r\n:N'));
      log('get', await c!.send(['GET', 'k']));
      log('script kill', await b!.send(['SCRIPT', 'KILL']));
      log('function kill', await b!.send(['FUNCTION', 'KILL']));
      log('fcall', await call);
      log('after', await b!.send(['FUNCTION', 'KILL']));
      log('eval', await a!.send(['EVAL', 'return 1', '0']));
    });
  });

  it('during a runaway EVAL, FUNCTION STATS answers BUSY and FUNCTION KILL names SCRIPT KILL', async () => {
    const pairs = await d.clients(2);
    await same(pairs, async ([a, b], log) => {
      log('threshold', await b!.send(['CONFIG', 'SET', 'busy-reply-threshold', '100']));
      const ev = a!.send(['EVAL', 'while true do end', '0']);
      await untilBusy(b!);
      log('stats', await b!.send(['FUNCTION', 'STATS']));
      log('function kill', await b!.send(['FUNCTION', 'KILL']));
      log('script kill', await b!.send(['SCRIPT', 'KILL']));
      log('eval', await ev);
    });
  });

  it('keeps lua-time-limit and busy-reply-threshold as one setting', async () => {
    await d.run([
      ['CONFIG', 'SET', 'busy-reply-threshold', '5000'],
      ['CONFIG', 'GET', 'lua-time-limit'],
      ['CONFIG', 'GET', 'busy-reply-threshold'],
      ['CONFIG', 'SET', 'lua-time-limit', '250'],
      ['CONFIG', 'GET', 'busy-reply-threshold'],
      ['CONFIG', 'SET', 'busy-reply-threshold', '-1'],
      ['CONFIG', 'SET', 'busy-reply-threshold', 'x'],
      ['SCRIPT', 'KILL'],
    ]);
  });
});

describe('a runaway script: SHUTDOWN NOSAVE', () => {
  const d = useDiff({ overTcp: true });

  it('stops the server while the script runs', async () => {
    const pairs = await d.clients(2);
    await same(pairs, async ([a, b], log) => {
      log('threshold', await b!.send(['CONFIG', 'SET', 'busy-reply-threshold', '100']));
      const ev = a!.send(['EVAL', 'while true do end', '0']);
      await untilBusy(b!);
      log('shutdown', await b!.send(['SHUTDOWN', 'NOSAVE']));
      log('eval', await ev);
    });
  });
});
