// CLIENT PAUSE / CLIENT UNPAUSE and WAIT against a real redis-server: what a pause holds, when
// the held commands answer (timed with short real timeouts on both sides), and the replies' bytes.

import { afterEach, describe, expect, it } from 'vitest';
import { useBlockingDiff, type Pending } from './blocking-support.js';
import { RespConnection, show, useDiff, type Conn, type Pair, type RealRedis } from './harness.js';

/** Resolves with how long (ms) a reply took from `t0`, and the reply. */
async function timed(p: Promise<string>, t0: number): Promise<{ ms: number; raw: string }> {
  const raw = await p;
  return { ms: Date.now() - t0, raw };
}

/** A test that failed halfway must not leave the real server paused for the next one. */
function unpauseAfterEach(redis: () => RealRedis): void {
  afterEach(async () => {
    const c = await RespConnection.connect(redis().port);
    await c.send(['CLIENT', 'UNPAUSE']);
    c.close();
  });
}

/** The value of an INFO clients field, as a string. */
async function clientsField(c: Conn, name: string): Promise<string | undefined> {
  const raw = await c.send(['INFO', 'clients']);
  return new RegExp(`${name}:(\\d+)`).exec(raw)?.[1];
}

describe('CLIENT PAUSE / UNPAUSE and WAIT', () => {
  const { d, start, finish } = useBlockingDiff();
  unpauseAfterEach(() => d.redis);

  /** Whether a started command is still held, on our side (no reply yet, the client postponed). */
  async function stillWaiting(x: Pending): Promise<boolean> {
    const marker = Symbol('waiting');
    const r = await Promise.race([x.ours, Promise.resolve(marker)]);
    return r === marker && d.engine.pause.isPostponed(x.client);
  }

  /** Waits until both sides count `n` blocked (or postponed) clients, asked on `p`. */
  async function held(p: Pair, n: number): Promise<void> {
    await expect.poll(() => clientsField(p.real, 'blocked_clients'), { message: 'blocked clients in the real server' }).toBe(String(n));
    expect(await clientsField(p.ours, 'blocked_clients'), 'blocked clients in our engine').toBe(String(n));
  }

  it('errors and immediate answers', () =>
    d.run([
      ['CLIENT', 'PAUSE', 'abc'],
      ['CLIENT', 'PAUSE', '-1'],
      ['CLIENT', 'PAUSE', '100', 'nope'],
      ['CLIENT', 'PAUSE', 'abc', 'nope'],
      ['CLIENT', 'PAUSE', '99999999999999999999'],
      ['CLIENT', 'UNPAUSE', 'x'],
      ['CLIENT', 'PAUSE', '0'],
      ['SET', 'k', 'v'],
      ['WAIT'],
      ['WAIT', 'x', '0'],
      ['WAIT', '0', 'x'],
      ['WAIT', '1', '-1'],
      ['WAIT', '1', '1.5'],
      ['WAIT', '0', '0'],
      ['WAIT', '-5', '100'],
      ['MULTI'],
      ['WAIT', '1', '0'],
      ['WAIT', '3', '100'],
      ['EXEC'],
      ['COMMAND', 'INFO', 'wait'],
    ]));

  it('PAUSE WRITE lets reads through and holds writes, EVAL and PUBLISH until UNPAUSE, in order', async () => {
    const [admin, b, c, e] = await d.clients(4);
    await admin.run([
      ['SET', 'k', 'x'],
      ['CLIENT', 'PAUSE', '100000', 'WRITE'],
    ]);
    await b.run([['GET', 'k'], ['PING'], ['EVAL', "#!lua flags=no-writes\nreturn redis.call('get', KEYS[1])", '1', 'k'], ['EVAL_RO', 'return 1', '0']]);
    const w1 = start(b, ['APPEND', 'k', '1']);
    await held(admin, 1);
    const w2 = start(c, ['EVAL', "return redis.call('append', KEYS[1], '2')", '1', 'k']);
    await held(admin, 2);
    const w3 = start(e, ['PUBLISH', 'ch', 'm']);
    await held(admin, 3);
    for (const w of [w1, w2, w3]) expect(await stillWaiting(w), w.label).toBe(true);
    // The held clients show as blocked, each with its command as the last one (the harness's
    // own connections differ between the sides: only the blocked ones are compared).
    const flags = async (side: 'real' | 'ours') => {
      const raw = await admin[side].send(['CLIENT', 'LIST']);
      return [...raw.matchAll(/ flags=b .* cmd=([\w|]+) /g)].map((m) => m[1]).sort();
    };
    expect(await flags('ours')).toEqual(await flags('real'));
    await admin.run([
      ['GET', 'k'],
      ['CLIENT', 'UNPAUSE'],
    ]);
    for (const w of [w1, w2, w3]) await finish(w);
    await admin.run([['GET', 'k']]);
  });

  it('PAUSE ALL holds GET and even CLIENT UNPAUSE: only its deadline ends it', async () => {
    const [admin, b] = await d.clients(2);
    await admin.run([['SET', 'k', 'v']]);
    // Timed from before the pause starts on either side: no reply can come within its 300 ms.
    const t0 = Date.now();
    await admin.run([['CLIENT', 'PAUSE', '300', 'ALL']]);
    const get = start(b, ['GET', 'k']);
    const unpause = start(admin, ['CLIENT', 'UNPAUSE']);
    const [real, ours] = await Promise.all([timed(get.real, t0), timed(get.ours, t0)]);
    expect(show(ours.raw)).toBe(show(real.raw));
    // Real Redis lets go at its first cron tick past the deadline (hz 10: up to 100 ms late).
    expect(real.ms).toBeGreaterThanOrEqual(295);
    expect(ours.ms).toBeGreaterThanOrEqual(295);
    expect(ours.ms).toBeLessThan(1000);
    await finish(get);
    await finish(unpause);
  });

  it('a SET held by PAUSE 200 WRITE answers only after it, on both servers', async () => {
    const [admin, b] = await d.clients(2);
    const t0 = Date.now();
    await admin.run([['CLIENT', 'PAUSE', '200', 'WRITE']]);
    const set = start(b, ['SET', 'k', 'v']);
    const [real, ours] = await Promise.all([timed(set.real, t0), timed(set.ours, t0)]);
    expect(show(ours.raw)).toBe(show(real.raw));
    expect(real.ms).toBeGreaterThanOrEqual(195);
    expect(ours.ms).toBeGreaterThanOrEqual(195);
    expect(ours.ms).toBeLessThan(1000);
    await admin.run([['GET', 'k']]);
  });

  it('a later PAUSE does not shorten the running one', async () => {
    const [admin, b] = await d.clients(2);
    await admin.run([
      ['CLIENT', 'PAUSE', '100000', 'WRITE'],
      ['CLIENT', 'PAUSE', '10', 'WRITE'],
    ]);
    const set = start(b, ['SET', 'k', 'v']);
    await held(admin, 1);
    await new Promise((r) => setTimeout(r, 250));
    expect(await stillWaiting(set)).toBe(true);
    await held(admin, 1);
    await admin.run([['CLIENT', 'UNPAUSE']]);
    await finish(set);
  });

  it('holds a write before MULTI queues it, and an EXEC that queued a write', async () => {
    const [admin, b, c] = await d.clients(3);
    await c.run([['MULTI'], ['INCR', 'n']]);
    await admin.run([['CLIENT', 'PAUSE', '100000', 'WRITE']]);
    await b.run([['MULTI'], ['GET', 'n']]);
    const incr = start(b, ['INCR', 'n']);
    const exec = start(c, ['EXEC']);
    await held(admin, 2);
    await admin.run([['CLIENT', 'UNPAUSE']]);
    await finish(incr);
    await finish(exec);
    await b.run([['EXEC']]);
  });

  it('keeps expired keys while paused and deletes them after', async () => {
    const [admin, b] = await d.clients(2);
    await b.run([
      ['SET', 'k', 'v', 'PX', '50'],
      ['CLIENT', 'PAUSE', '100000', 'WRITE'],
    ]);
    await new Promise((r) => setTimeout(r, 150));
    await b.run([['GET', 'k'], ['EXISTS', 'k'], ['DBSIZE']]);
    await admin.run([['CLIENT', 'UNPAUSE'], ['GET', 'k'], ['DBSIZE']]);
  });

  it('WAIT 1 100 blocks about 100 ms, then answers 0', async () => {
    const [b] = await d.clients(1);
    const t0 = Date.now();
    const w: Pending = start(b, ['WAIT', '1', '100']);
    const [real, ours] = await Promise.all([timed(w.real, t0), timed(w.ours, t0)]);
    expect(show(ours.raw)).toBe(show(real.raw));
    expect(show(ours.raw)).toBe(':0\\r\\n');
    expect(real.ms).toBeGreaterThanOrEqual(95);
    expect(ours.ms).toBeGreaterThanOrEqual(95);
    expect(ours.ms).toBeLessThan(1000);
  });

  it('WAIT 1 0 waits until CLIENT UNBLOCK', async () => {
    const [admin, b] = await d.clients(2);
    const w = start(b, ['WAIT', '1', '0']);
    await held(admin, 1);
    const realId = /id=(\d+) .*cmd=wait/.exec(await admin.real.send(['CLIENT', 'LIST']))![1]!;
    expect(await admin.real.send(['CLIENT', 'UNBLOCK', realId])).toBe(':1\r\n');
    expect(await admin.ours.send(['CLIENT', 'UNBLOCK', String(w.client.id)])).toBe(':1\r\n');
    await finish(w);
  });
});

describe("CLIENT PAUSE over TCP: a held client's pipelined commands wait behind it", () => {
  const d = useDiff({ overTcp: true });
  unpauseAfterEach(() => d.redis);

  it('SET and GET pipelined while writes are paused both answer after UNPAUSE, in order', async () => {
    const [admin, b] = await d.clients(2);
    await admin.run([['CLIENT', 'PAUSE', '100000', 'WRITE']]);
    const sides = ['real', 'ours'] as const;
    const sent = sides.map((s) => [b[s].send(['SET', 'k', 'v']), b[s].send(['GET', 'k'])]);
    await expect.poll(() => clientsField(admin.real, 'blocked_clients')).toBe('1');
    await expect.poll(() => clientsField(admin.ours, 'blocked_clients')).toBe('1');
    await admin.run([['CLIENT', 'UNPAUSE']]);
    const [real, ours] = await Promise.all(sent.map((p) => Promise.all(p)));
    expect(ours!.map(show)).toEqual(real!.map(show));
    expect(real!.map(show)).toEqual(['+OK\\r\\n', '$1\\r\\nv\\r\\n']);
  });

  it('the pause ends at its deadline over TCP too', async () => {
    const [admin, b] = await d.clients(2);
    const t0 = Date.now();
    await admin.run([['CLIENT', 'PAUSE', '200', 'WRITE']]);
    const [real, ours] = await Promise.all([timed(b.real.send(['INCR', 'n']), t0), timed(b.ours.send(['INCR', 'n']), t0)]);
    expect(show(ours.raw)).toBe(show(real.raw));
    expect(real.ms).toBeGreaterThanOrEqual(195);
    expect(ours.ms).toBeGreaterThanOrEqual(195);
    expect(ours.ms).toBeLessThan(1000);
  });
});
