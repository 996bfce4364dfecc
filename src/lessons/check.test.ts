import { beforeAll, describe, expect, test } from 'vitest';
import { assess, commandMatches, evaluate, messagesOf } from './check.js';
import { HeadlessRunner } from './headless.js';
import type { Reply } from '../shared/reply.js';
import type { Check, Lesson, Line } from './model.js';
import { parseInline, parseMarkdown, plainText } from './markdown.js';

const bare: Lesson = { id: 'bare', title: { ko: 'x', en: 'x' }, summary: { ko: 'x', en: 'x' }, level: 1, prerequisites: [], steps: [] };

async function runner(lines: Line[]): Promise<HeadlessRunner> {
  const run = new HeadlessRunner(bare);
  await run.reset();
  for (const l of lines) await run.run(l);
  return run;
}

describe('key checks', () => {
  let run: HeadlessRunner;
  const lines: Line[] = ['SET s hello', 'SET t 5 EX 100', 'RPUSH l a b c', 'HSET h name Alice age 30', 'SADD st x y', 'ZADD z 1.5 m 2 n', 'SET 한글 값'];
  beforeAll(async () => {
    run = await runner(lines);
  });
  const cases: [Check, boolean][] = [
    [{ key: 's' }, true],
    [{ key: 'missing' }, false],
    [{ key: 'missing', exists: false }, true],
    [{ key: 's', exists: false }, false],
    [{ key: 's', type: 'string', equals: 'hello', length: 5 }, true],
    [{ key: 's', type: 'list' }, false],
    [{ key: 's', equals: 'hell' }, false],
    [{ key: 't', ttlBetween: [99, 100] }, true],
    [{ key: 't', ttlBetween: [0, 50] }, false],
    [{ key: 's', ttlBetween: [0, 1000] }, false],
    [{ key: 'l', type: 'list', length: 3, member: 'b' }, true],
    [{ key: 'l', member: 'z' }, false],
    [{ key: 'h', field: ['name', 'Alice'], length: 2 }, true],
    [{ key: 'h', field: ['name', 'Bob'] }, false],
    [{ key: 'h', field: ['nope', 'Alice'] }, false],
    [{ key: 's', field: ['name', 'Alice'] }, false],
    [{ key: 'st', member: 'x', length: 2 }, true],
    [{ key: 'st', member: 'q' }, false],
    [{ key: 'z', member: 'm', score: ['m', 1.5] }, true],
    [{ key: 'z', score: ['n', 3] }, false],
    [{ key: '한글', equals: '값' }, true],
    [{ all: [{ key: 's' }, { key: 'l' }] }, true],
    [{ all: [{ key: 's' }, { key: 'missing' }] }, false],
    [{ all: [] }, true],
  ];
  test.each(cases.map(([c, want]) => [JSON.stringify(c), c, want] as const))('%s', async (_name, check, want) => {
    expect(await run.check(check)).toBe(want);
  });
});

describe('reply checks', () => {
  test('match the command by name in any case and the other words exactly', () => {
    expect(commandMatches('GET mykey', ['get', 'mykey'])).toBe(true);
    expect(commandMatches('get mykey', ['GET', 'mykey'])).toBe(true);
    expect(commandMatches('GET mykey', ['GET', 'MYKEY'])).toBe(false);
    expect(commandMatches('EXEC', ['exec'])).toBe(true);
    expect(commandMatches('ZREVRANGE lb 0 2', ['ZREVRANGE', 'lb', '0', '2', 'WITHSCORES'])).toBe(true);
    expect(commandMatches('GET a b', ['GET', 'a'])).toBe(false);
    expect(commandMatches('SET k "two words"', ['SET', 'k', 'two words'])).toBe(true);
  });

  test('compare the reply as redis-cli prints it, by text or pattern, per client', async () => {
    const run = await runner(['SET a 1', 'GET a', 'GET nothing', 'INCR a', { client: 2, line: 'PING' }]);
    expect(await run.check({ reply: { command: 'GET a', equals: '"1"' } })).toBe(true);
    expect(await run.check({ reply: { command: 'GET a', equals: '1' } })).toBe(false);
    expect(await run.check({ reply: { command: 'GET nothing', equals: '(nil)' } })).toBe(true);
    expect(await run.check({ reply: { command: 'INCR a', matches: /^\(integer\) 2$/ } })).toBe(true);
    expect(await run.check({ reply: { command: 'PING', client: 2, equals: 'PONG' } })).toBe(true);
    expect(await run.check({ reply: { command: 'PING', client: 1 } })).toBe(false);
    expect(await run.check({ reply: { command: 'DEL a' } })).toBe(false);
    expect(await run.check({ reply: { equals: 'OK' } })).toBe(true);
  });

  test('see INFO and CLIENT LIST raw, as redis-cli prints them on a terminal', async () => {
    const run = await runner(['INFO keyspace', 'SET a 1', 'CLIENT LIST']);
    expect(await run.check({ reply: { command: 'INFO keyspace', equals: '# Keyspace' } })).toBe(true);
    expect(await run.check({ reply: { command: 'CLIENT LIST', matches: /^id=\d+ addr=\S+ laddr=/ } })).toBe(true);
    expect(await run.check({ reply: { command: 'CLIENT LIST', matches: /\\n|^"/ } })).toBe(false);
  });

  test('only count commands since the step began', async () => {
    const run = await runner(['PING']);
    expect(await run.check({ reply: { command: 'PING' } })).toBe(true);
    run.beginStep();
    expect(await run.check({ reply: { command: 'PING' } })).toBe(false);
  });

  test('see Korean text decoded from UTF-8', async () => {
    const run = await runner(['SET 인사 안녕']);
    run.beginStep();
    await run.run('GET 인사');
    // redis-cli escapes bytes outside ASCII on a terminal, and the check compares that text.
    expect(await run.check({ reply: { command: 'GET 인사', equals: '"\\xec\\x95\\x88\\xeb\\x85\\x95"' } })).toBe(true);
  });
});

describe('received checks', () => {
  test('a subscribed client got the message', async () => {
    const run = await runner([]);
    await run.run({ client: 2, line: 'SUBSCRIBE news' });
    expect(await run.check({ received: { channel: 'news' } })).toBe(false);
    await run.run('PUBLISH news "Redis 6.2 Released!"');
    expect(await run.check({ received: { channel: 'news' } })).toBe(true);
    expect(await run.check({ received: { channel: 'news', message: 'Redis 6.2 Released!' } })).toBe(true);
    expect(await run.check({ received: { channel: 'news', message: 'other' } })).toBe(false);
    expect(await run.check({ received: { channel: 'sports' } })).toBe(false);
    expect(run.received).toEqual([{ client: 2, channel: 'news', message: 'Redis 6.2 Released!' }]);
  });

  test('pattern subscriptions count too, and other pushes are not messages', () => {
    const bulk = (v: string) => ({ t: 'bulk', v }) as const;
    expect(messagesOf({ t: 'push', v: [bulk('pmessage'), bulk('news*'), bulk('news'), bulk('hi')] })).toEqual([{ channel: 'news', message: 'hi' }]);
    expect(messagesOf({ t: 'array', v: [bulk('message'), bulk('news'), bulk('hi')] })).toEqual([{ channel: 'news', message: 'hi' }]);
    expect(messagesOf({ t: 'push', v: [bulk('subscribe'), bulk('news'), { t: 'int', v: 1 }] })).toEqual([]);
    expect(messagesOf({ t: 'simple', v: 'OK' })).toEqual([]);
  });

  test('a client-side-caching invalidation is a message per key on __redis__:invalidate', () => {
    const bulk = (v: string): Reply => ({ t: 'bulk', v });
    const keys: Reply = { t: 'array', v: [bulk('a'), bulk('b')] };
    const both = [
      { channel: '__redis__:invalidate', message: 'a' },
      { channel: '__redis__:invalidate', message: 'b' },
    ];
    expect(messagesOf({ t: 'push', v: [bulk('invalidate'), keys] })).toEqual(both);
    expect(messagesOf({ t: 'array', v: [bulk('message'), bulk('__redis__:invalidate'), keys] })).toEqual(both);
    // FLUSHALL invalidates everything: no key to name.
    expect(messagesOf({ t: 'push', v: [bulk('invalidate'), { t: 'bulk', v: null }] })).toEqual([]);
  });

  test('a RESP3 client tracking a key receives its invalidation, and so does a RESP2 one through REDIRECT', async () => {
    const run = await runner([]);
    await run.run({ client: 2, line: 'HELLO 3' });
    await run.run({ client: 2, line: 'CLIENT TRACKING ON' });
    await run.run({ client: 2, line: 'GET product:1' });
    const check = { received: { channel: '__redis__:invalidate', message: 'product:1' } };
    expect(await run.check(check)).toBe(false);
    await run.run('SET product:1 new');
    await expect.poll(() => run.check(check)).toBe(true);
    expect(run.received).toEqual([{ client: 2, channel: '__redis__:invalidate', message: 'product:1' }]);

    const redirect = await runner([]);
    const [id] = await redirect.run({ client: 2, line: 'CLIENT ID' });
    await redirect.run({ client: 2, line: 'SUBSCRIBE __redis__:invalidate' });
    await redirect.run({ client: 3, line: `CLIENT TRACKING ON REDIRECT ${id?.t === 'int' ? id.v : 0}` });
    await redirect.run({ client: 3, line: 'GET product:1' });
    await redirect.run('SET product:1 new');
    await expect.poll(() => redirect.check(check)).toBe(true);
    expect(redirect.received).toEqual([{ client: 2, channel: '__redis__:invalidate', message: 'product:1' }]);
  });

  test('evaluate takes any context: the browser gives an async one', async () => {
    const ctx = { query: () => Promise.resolve({ t: 'simple', v: 'none' } as const), commands: [], received: [], printed: '' };
    expect(await evaluate({ key: 'k', exists: false }, ctx)).toBe(true);
    expect(await evaluate({ key: 'k' }, ctx)).toBe(false);
  });

  test('what Python printed, and one of several ways', async () => {
    const run = await runner([]);
    const either = { any: [{ reply: { command: 'GET k', equals: '"v"' } }, { printed: { includes: "b'v'" } }] };
    expect(await assess(either, run.context())).toEqual({ kind: 'not-run', command: 'GET k' });
    run.session.print("b'");
    run.session.print("v'\n");
    expect(await run.check({ printed: { includes: "b'v'" } })).toBe(true);
    expect(await run.check(either)).toBe(true);
    expect(await assess({ printed: { includes: 'True' } }, run.context())).toEqual({ kind: 'not-printed', want: 'True' });
    // A new step starts with nothing printed.
    run.session.begin(null);
    expect(await run.check({ printed: { includes: "b'v'" } })).toBe(false);
  });
});

describe('Markdown-lite', () => {
  test('paragraphs, lists, code and bold', () => {
    expect(parseMarkdown('One `SET` **bold** line\ncontinued.\n\n- a `x`\n- b')).toEqual([
      {
        t: 'p',
        content: [
          { t: 'text', v: 'One ' },
          { t: 'code', v: 'SET' },
          { t: 'text', v: ' ' },
          { t: 'bold', v: 'bold' },
          { t: 'text', v: ' line continued.' },
        ],
      },
      {
        t: 'ul',
        items: [
          [
            { t: 'text', v: 'a ' },
            { t: 'code', v: 'x' },
          ],
          [{ t: 'text', v: 'b' }],
        ],
      },
    ]);
  });

  test('code keeps its inside literal; a lone backtick stays text', () => {
    expect(parseInline('`**not bold**` and `a')).toEqual([
      { t: 'code', v: '**not bold**' },
      { t: 'text', v: ' and `a' },
    ]);
    expect(plainText('**a** `b`\n\nc')).toBe('a b\nc');
  });
});
