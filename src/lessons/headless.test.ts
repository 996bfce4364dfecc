// The headless runner treats a blocked command as the browser's terminal does: it counts for
// checks once its reply arrives, with that reply.

import { describe, expect, test } from 'vitest';
import { HeadlessRunner } from './headless.js';
import type { Lesson } from './model.js';

const lesson: Lesson = {
  id: 'probe',
  title: { ko: '시험', en: 'probe' },
  summary: { ko: '시험', en: 'probe' },
  level: 1,
  prerequisites: [],
  steps: [],
};

describe('HeadlessRunner', () => {
  test('a blocked BLPOP is recorded when another client pushes, with its reply', async () => {
    const run = new HeadlessRunner(lesson);
    await run.reset();
    run.beginStep();
    expect(await run.run({ client: 2, line: 'BLPOP jobs 0' })).toEqual([]);
    const check = { reply: { command: 'BLPOP jobs 0', client: 2, equals: '1) "jobs"\n2) "job1"' } };
    expect(await run.check(check)).toBe(false);
    await run.run('RPUSH jobs job1');
    expect(await run.check(check)).toBe(true);
    expect(run.commands.map((c) => c.argv[0]).sort()).toEqual(['BLPOP', 'RPUSH']);
  });

  test('a message to a subscribed client is received, not taken for a reply', async () => {
    const run = new HeadlessRunner(lesson);
    await run.reset();
    run.beginStep();
    await run.run({ client: 2, line: 'SUBSCRIBE news' });
    await run.run('PUBLISH news hello');
    expect(run.received).toEqual([{ client: 2, channel: 'news', message: 'hello' }]);
    expect(await run.check({ received: { channel: 'news', message: 'hello' } })).toBe(true);
  });
});
