// Client-side caching against a real redis-server, beyond the basics in connection.test.ts:
// what scripts and functions make a caller track, tracking-table-max-keys, INFO's tracking
// totals and where an invalidation lands among replies (a queued command, an unblocked BLMOVE).
// The push streams are compared byte for byte, in order.
import { describe, expect, it } from 'vitest';
import { show, useDiff, type Pair } from './harness.js';

const DEBUG_ON = ['--enable-debug-command', 'yes'];

/** HELLO 3 on both sides, compared with the connection id masked. */
async function hello3(p: Pair): Promise<void> {
  const { real, ours } = await p.both(['HELLO', '3']);
  const mask = (raw: string) => raw.replace(/(\$2\r\nid\r\n:)\d+/, '$1ID');
  expect(show(mask(ours))).toBe(show(mask(real)));
}

async function tracking3(p: Pair, ...options: string[]): Promise<void> {
  await hello3(p);
  await p.run([['CLIENT', 'TRACKING', 'on', ...options]]);
}

/** The next message that came without a request on each side, compared after `mask`. */
async function nextBoth(p: Pair, what: string, mask: (raw: string) => string = (x) => x): Promise<string> {
  // A deadline only for a readable failure; a busy machine gets as long as expect.poll does.
  const timeout = (side: string) => new Promise<string>((resolve) => setTimeout(() => resolve(`<nothing on ${side}>`), 10_000));
  const real = await Promise.race([p.real.next(), timeout('real')]);
  const ours = await Promise.race([p.ours.next(), timeout('ours')]);
  expect(show(mask(ours)), what).toBe(show(mask(real)));
  return real;
}

/** The next push on each side, compared: an invalidation (or tracking-redir-broken). */
async function expectPush(p: Pair, what: string, mask?: (raw: string) => string): Promise<void> {
  const real = await nextBoth(p, what, mask);
  expect(real.startsWith('>'), `${what}: ${show(real)}`).toBe(true);
}

/** Nothing is pending on either side: the next reply is PONG's, our engine holds no push. */
async function expectNoPush(p: Pair): Promise<void> {
  await p.run([['PING', 'nothing pending']]);
  const queued = (p.ours as unknown as { pending: string[] }).pending;
  expect(queued.map(show)).toEqual([]);
}

/** INFO's tracking_total_keys, _items and _prefixes on each side. */
async function totals(p: Pair): Promise<{ real: string; ours: string }> {
  const { real, ours } = await p.both(['INFO', 'stats']);
  const pick = (raw: string) => [...raw.matchAll(/^(tracking_total_\w+:\d+)\r$/gm)].map((m) => m[1]).join(' ');
  return { real: pick(real), ours: pick(ours) };
}

/** Which key a one-key invalidation names is Redis's random pick: k<digit> masked. */
const anyKey = (raw: string) => raw.replace(/\$2\r\nk\d\r\n/, '$2\r\nk?\r\n');

describe('client-side caching: scripts and functions', () => {
  const d = useDiff();

  it('a script that reads makes its caller track the keys it declares, and only then', async () => {
    const [a, b] = await d.clients(2);
    await tracking3(a);
    await b.run([['MSET', 'k1', '1', 'k2', '1', 'k3', '1']]);
    // It only writes: nothing is remembered.
    await a.run([['EVAL', "return redis.call('set', 'k3', 'x')", '2', 'k1', 'k2']]);
    await b.run([['MSET', 'k1', '2', 'k2', '2']]);
    await expectNoPush(a);
    // It reads k3, which it does not declare: k1 and k2 are remembered, k3 is not.
    await a.run([['EVAL', "return redis.call('get', 'k3')", '2', 'k1', 'k2']]);
    await b.run([['SET', 'k3', 'y']]);
    await expectNoPush(a);
    await b.run([['MSET', 'k2', '3', 'k1', '3']]);
    await expectPush(a, 'EVAL declared k2');
    await expectPush(a, 'EVAL declared k1');
    await expectNoPush(a);
    // EVAL_RO itself is a read-only command, yet counts only through the script's reads.
    await a.run([['EVAL_RO', "return redis.call('ping')", '2', 'k1', 'k2']]);
    await b.run([['MSET', 'k1', '4', 'k2', '4']]);
    await expectNoPush(a);
    await a.run([['EVAL_RO', "return redis.call('exists', 'nothing')", '1', 'k2']]);
    await b.run([['MSET', 'k1', '5', 'k2', '5']]);
    await expectPush(a, 'EVAL_RO declared k2');
    await expectNoPush(a);
    // EVALSHA_RO, and a script reading several times: one invalidation a key.
    const body = "redis.call('get', KEYS[1]) redis.call('get', KEYS[1]) return redis.call('strlen', 'k3')";
    const loaded = await a.both(['SCRIPT', 'LOAD', body]);
    expect(show(loaded.ours)).toBe(show(loaded.real));
    const sha = loaded.real.split('\r\n')[1]!;
    await a.run([['EVALSHA_RO', sha, '1', 'k1']]);
    await b.run([['SET', 'k1', '6']]);
    await expectPush(a, 'EVALSHA_RO declared k1');
    await expectNoPush(a);
  });

  it('scripts under OPTIN, own writes, NOLOOP, MULTI and BCAST', async () => {
    const [a, b] = await d.clients(2);
    const read = "return redis.call('get', KEYS[1])";
    const write = "return redis.call('set', KEYS[1], ARGV[1])";
    await tracking3(a, 'OPTIN');
    await a.run([['EVAL', read, '1', 'k']]);
    await b.run([['SET', 'k', '1']]);
    await expectNoPush(a);
    await a.run([
      ['CLIENT', 'CACHING', 'yes'],
      ['EVAL', read, '1', 'k'],
    ]);
    await b.run([['SET', 'k', '2']]);
    await expectPush(a, 'OPTIN with CACHING yes');
    // The caller's own write from its script: the push follows the script's reply.
    await a.run([
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKING', 'on'],
      ['GET', 'k'],
      ['EVAL', write, '1', 'k', 'mine'],
    ]);
    await expectPush(a, 'own write in a script');
    await a.run([['MULTI'], ['EVAL', read, '1', 'k'], ['EXEC']]);
    await b.run([['SET', 'k', '3']]);
    await expectPush(a, 'EVAL in EXEC');
    await a.run([['EVAL', read, '1', 'k'], ['MULTI'], ['EVAL', write, '1', 'k', '4'], ['EVAL', read, '1', 'k'], ['EXEC']]);
    await expectPush(a, 'own script write in EXEC, after its reply');
    await expectNoPush(a);
    await a.run([
      ['CLIENT', 'TRACKING', 'on', 'NOLOOP'],
      ['GET', 'k'],
      ['EVAL', write, '1', 'k', '5'],
    ]);
    await expectNoPush(a);
    // BCAST remembers nothing for scripts either, but hears of their writes.
    await a.run([
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'p:'],
      ['EVAL', read, '1', 'k'],
    ]);
    await b.run([['SET', 'k', '6']]);
    await expectNoPush(a);
    await b.run([['EVAL', write, '1', 'p:1', 'x']]);
    await expectPush(a, 'BCAST p: after a script wrote');
    await expectNoPush(a);
  });

  it('FCALL and FCALL_RO track the declared keys when the function reads', async () => {
    const [a, b] = await d.clients(2);
    const lib = [
      '#!lua name=tlib',
      "redis.register_function{function_name='rd', callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}}",
      "redis.register_function{function_name='nord', callback=function(keys) return redis.call('ping') end, flags={'no-writes'}}",
    ].join('\n');
    try {
      await d.run([['FUNCTION', 'LOAD', lib]]);
      await tracking3(a);
      await a.run([
        ['FCALL', 'nord', '1', 'k1'],
        ['FCALL_RO', 'nord', '1', 'k2'],
      ]);
      await b.run([['MSET', 'k1', '1', 'k2', '1']]);
      await expectNoPush(a);
      await a.run([
        ['FCALL', 'rd', '1', 'k1'],
        ['FCALL_RO', 'rd', '1', 'k2'],
      ]);
      await b.run([['MSET', 'k1', '2', 'k2', '2']]);
      await expectPush(a, 'FCALL declared k1');
      await expectPush(a, 'FCALL_RO declared k2');
      await expectNoPush(a);
    } finally {
      // FLUSHALL, which the harness sends, keeps libraries.
      await d.pair.real.send(['FUNCTION', 'FLUSH']);
    }
  });
});

describe('client-side caching: tracking-table-max-keys and INFO', () => {
  // The cron is paused on the real server: keys then leave the table only before a command.
  const d = useDiff({ redisArgs: DEBUG_ON, engine: { config: { 'enable-debug-command': 'yes' } } });

  it('over the limit, keys leave the table before the next command, as if changed', async () => {
    const [a, b] = await d.clients(2);
    await b.run([['DEBUG', 'PAUSE-CRON', '1']]);
    try {
      await tracking3(a);
      await a.run([['MGET', 'k1', 'k2', 'k3']]);
      let t = await totals(b);
      expect(t.ours).toBe(t.real);
      expect(t.real).toBe('tracking_total_keys:3 tracking_total_items:3 tracking_total_prefixes:0');
      // CONFIG SET runs first (the table fits the old limit); the next command evicts.
      await b.run([['CONFIG', 'SET', 'tracking-table-max-keys', '1']]);
      await b.run([['PING']]);
      await expectPush(a, 'evicted, first', anyKey);
      await expectPush(a, 'evicted, second', anyKey);
      t = await totals(b);
      expect(t.ours).toBe(t.real);
      expect(t.real).toBe('tracking_total_keys:1 tracking_total_items:1 tracking_total_prefixes:0');
      // NOLOOP: what the client's own command makes leave the table, it does not hear of.
      await a.run([
        ['CLIENT', 'TRACKING', 'on', 'NOLOOP'],
        ['MGET', 'k4', 'k5'],
      ]);
      await expectNoPush(a);
      t = await totals(b);
      expect(t.ours).toBe(t.real);
      expect(t.real).toBe('tracking_total_keys:1 tracking_total_items:1 tracking_total_prefixes:0');
      // A command that MULTI queues still evicts first: the pushes come before QUEUED (#11715).
      await b.run([['CONFIG', 'SET', 'tracking-table-max-keys', '10']]);
      await a.run([['CLIENT', 'TRACKING', 'on'], ['MGET', 'k6', 'k7'], ['MULTI']]);
      await b.run([['CONFIG', 'SET', 'tracking-table-max-keys', '1']]);
      const first = await a.both(['PING']);
      expect(show(anyKey(first.ours))).toBe(show(anyKey(first.real)));
      expect(first.real.startsWith('>')).toBe(true);
      await expectPush(a, 'evicted before QUEUED, second', anyKey);
      expect((await nextBoth(a, 'QUEUED')).startsWith('+QUEUED')).toBe(true);
      await a.run([['EXEC']]);
      await expectNoPush(a);
      // 0: no limit.
      await b.run([['CONFIG', 'SET', 'tracking-table-max-keys', '0']]);
      await a.run([['MGET', 'm1', 'm2', 'm3', 'm4']]);
      await expectNoPush(a);
      t = await totals(b);
      expect(t.ours).toBe(t.real);
      expect(t.real).toBe('tracking_total_keys:5 tracking_total_items:5 tracking_total_prefixes:0');
    } finally {
      await d.pair.real.send(['CONFIG', 'SET', 'tracking-table-max-keys', '1000000']);
      await d.pair.real.send(['DEBUG', 'PAUSE-CRON', '0']);
    }
  });

  it("INFO counts the table's keys, their clients and the BCAST prefixes", async () => {
    const [a, b, c] = await d.clients(3);
    await tracking3(a);
    await tracking3(b);
    await a.run([['MGET', 'x', 'y']]);
    await b.run([['GET', 'x']]);
    await c.run([['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'p:', 'PREFIX', 'q:']]);
    let t = await totals(c);
    expect(t.ours).toBe(t.real);
    expect(t.real).toBe('tracking_total_keys:2 tracking_total_items:3 tracking_total_prefixes:2');
    await c.run([['SET', 'x', '1']]);
    await expectPush(a, 'x for a');
    await expectPush(b, 'x for b');
    t = await totals(c);
    expect(t.ours).toBe(t.real);
    await c.run([['CLIENT', 'TRACKING', 'off']]);
    await c.run([['FLUSHALL']]);
    await expectPush(a, 'FLUSHALL for a');
    await expectPush(b, 'FLUSHALL for b');
    t = await totals(c);
    expect(t.ours).toBe(t.real);
    expect(t.real).toBe('tracking_total_keys:0 tracking_total_items:0 tracking_total_prefixes:0');
  });
});

describe('client-side caching: where a push lands', () => {
  const d = useDiff();

  it("an unblocked BLMOVE's invalidation follows its reply", async () => {
    const [a, b] = await d.clients(2);
    await tracking3(a);
    await a.run([
      ['RPUSH', 'dst', 'a'],
      ['LRANGE', 'dst', '0', '-1'],
    ]);
    const real = a.real.send(['BLMOVE', 'src', 'dst', 'LEFT', 'LEFT', '0']);
    const ours = a.ours.send(['BLMOVE', 'src', 'dst', 'LEFT', 'LEFT', '0']);
    // The real server has it blocked once CLIENT LIST shows it so.
    await expect.poll(async () => (await b.real.send(['INFO', 'clients'])).includes('blocked_clients:1')).toBe(true);
    await b.run([['RPUSH', 'src', 'foo']]);
    expect(show(await ours)).toBe(show(await real));
    await expectPush(a, 'dst after BLMOVE');
    await expectNoPush(a);
  });
});
