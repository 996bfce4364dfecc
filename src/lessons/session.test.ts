// The lesson-runner core that the browser and these tests share: what it records (replies in the
// client's protocol, pushes in order) and what it tells a learner whose step has not passed.

import { afterEach, describe, expect, test } from 'vitest';
import { lessons } from '../../lessons/index.js';
import { HeadlessRunner } from './headless.js';
import type { Lesson, Step } from './model.js';
import { syntaxOf } from './session.js';

const runners: HeadlessRunner[] = [];
afterEach(() => {
  for (const r of runners.splice(0)) r.dispose();
});

function step(s: Partial<Step> & Pick<Step, 'check'>): Step {
  return { text: { ko: '단계', en: 'step' }, commands: ['PING'], hints: [], solution: ['PING'], ...s };
}

function lesson(steps: Step[], extra: Partial<Lesson> = {}): Lesson {
  return { id: 'probe', title: { ko: '시험', en: 'probe' }, summary: { ko: '시험', en: 'probe' }, level: 1, prerequisites: [], steps, ...extra };
}

async function start(l: Lesson, index = 0): Promise<HeadlessRunner> {
  const run = new HeadlessRunner(l);
  runners.push(run);
  await run.reset();
  run.beginStep(index);
  return run;
}

describe('feedback for a step that has not passed', () => {
  test('nothing typed yet: no feedback, only "pending"', async () => {
    const run = await start(lesson([step({ check: { key: 'runner' } })]));
    expect(await run.verdict()).toEqual({ pass: false, feedback: null });
  });

  test('an error the learner just got: Redis’s words, the syntax, and the step’s hint that names the command', async () => {
    const hint = { ko: '`HSET`은 필드와 값을 짝지어 받아요.', en: '`HSET` takes fields and values in pairs.' };
    const run = await start(lesson([step({ hints: [{ ko: '다른 힌트', en: 'another hint' }, hint], check: { key: 'user:1', field: ['name', 'Alice'] } })]));
    await run.run('HSET user:1 name');
    expect(await run.verdict()).toEqual({
      pass: false,
      feedback: {
        kind: 'error',
        line: 'HSET user:1 name',
        error: "ERR wrong number of arguments for 'hset' command",
        syntax: 'HSET key field value [field value ...]',
        hint,
      },
    });
  });

  test('typed into another database than the lesson’s: says which, and how to get back', async () => {
    const run = await start(lesson([step({ check: { key: 'runner', ttlBetween: [1, 60] } })]));
    await run.run('SELECT 1');
    await run.run('SETEX runner 60 x');
    expect((await run.verdict()).feedback).toEqual({ kind: 'db', db: 1, lessonDb: 0 });
    await run.run('SELECT 0');
    await run.run('SETEX runner 60 x');
    expect(await run.verdict()).toEqual({ pass: true, feedback: null });
  });

  test('what the check expected and what the engine holds', async () => {
    const run = await start(
      lesson([
        step({
          check: {
            all: [
              { key: 'runner', equals: 'v' },
              { key: 'runner', ttlBetween: [1, 60] },
            ],
          },
        }),
      ]),
    );
    await run.run('SET runner w');
    expect((await run.verdict()).feedback).toEqual({ kind: 'miss', miss: { kind: 'value', key: 'runner', want: 'v', got: 'w' } });
    await run.run('SET runner v');
    expect((await run.verdict()).feedback).toEqual({ kind: 'miss', miss: { kind: 'no-ttl', key: 'runner' } });
    await run.run('EXPIRE runner 600');
    expect((await run.verdict()).feedback).toEqual({ kind: 'miss', miss: { kind: 'ttl', key: 'runner', want: [1, 60], got: 600 } });
  });

  test('a reply that is not the one asked for is quoted as the terminal printed it', async () => {
    const run = await start(lesson([step({ check: { reply: { command: 'GET a', equals: '"1"' } } })]));
    await run.run('GET a');
    expect((await run.verdict()).feedback).toEqual({ kind: 'miss', miss: { kind: 'reply', command: 'GET a', want: '"1"', got: '(nil)' } });
  });

  test('a step that waits for time, while the clock stands still, says so before anything else', async () => {
    const run = await start(lesson([step({ wait: 4, check: { key: 'runner', exists: false } })]));
    await run.run('SET runner x EX 3');
    await run.worker.clock('pause');
    await run.worker.clock('advance', 86_400_000);
    await run.run('SET runner x EX 3');
    const v = await run.verdict();
    expect(v.pass).toBe(false);
    expect(v.feedback).toMatchObject({ kind: 'clock' });
    expect(v.feedback?.kind === 'clock' ? v.feedback.ahead : 0).toBeGreaterThanOrEqual(86_400_000);
    // Back to real time: the clock runs again (the virtual time here moves only when told).
    await run.worker.clock('real');
    run.time.advance(4000);
    expect(await run.verdict()).toEqual({ pass: true, feedback: null });
  });
});

describe('what the core records', () => {
  test('a RESP3 reply is checked as the terminal printed it in RESP3 (HELLO 3 in the connections lesson)', async () => {
    const connections = lessons.find((l) => l.id === 'connections')!;
    const index = connections.steps.findIndex((s) => s.commands.includes('HELLO 3'));
    const run = await start(connections, 0);
    for (let i = 0; i < index; i++) {
      run.beginStep(i);
      for (const line of connections.steps[i]!.solution) await run.run(line);
    }
    run.beginStep(index);
    await run.run('HELLO 3');
    expect(run.commands.at(-1)?.resp).toBe(3);
    await run.run('HGETALL pypa');
    expect(run.commands.at(-1)?.resp).toBe(3);
  });

  test('pushes are recorded in arrival order, per client, whoever published', async () => {
    const run = await start(lesson([step({ check: { received: { channel: 'b' } } })]));
    await run.run({ client: 2, line: 'SUBSCRIBE a b' });
    await run.run('PUBLISH a 1');
    await run.run('PUBLISH b 2');
    await run.run('PUBLISH a 3');
    expect(run.received).toEqual([
      { client: 2, channel: 'a', message: '1' },
      { client: 2, channel: 'b', message: '2' },
      { client: 2, channel: 'a', message: '3' },
    ]);
    expect(await run.verdict()).toEqual({ pass: true, feedback: null });
  });

  test('a RESP3 client publishing to itself gets its message during the command, and it counts', async () => {
    const run = await start(lesson([step({ check: { received: { channel: 'me', message: 'hi' } } })]));
    await run.run('HELLO 3');
    await run.run('SUBSCRIBE me');
    await run.run('PUBLISH me hi');
    expect(run.received).toEqual([{ client: 1, channel: 'me', message: 'hi' }]);
    expect(await run.verdict()).toEqual({ pass: true, feedback: null });
  });
});

describe('syntaxOf', () => {
  test('commands and subcommands from the table, in upper case', async () => {
    const run = await start(lesson([step({ check: { key: 'x' } })]));
    await run.worker.ready;
    expect(syntaxOf(run.worker.commands, ['get'])).toBe('GET key');
    expect(syntaxOf(run.worker.commands, ['client', 'setname'])).toBe('CLIENT SETNAME connection-name');
    expect(syntaxOf(run.worker.commands, ['nosuch'])).toBeNull();
  });
});
