// Pub/Sub against a real Redis 7.0.15: subscribe/unsubscribe replies, PUBLISH counts and the
// messages delivered, patterns, shard channels, PUBSUB introspection, RESP2 subscribed mode,
// RESP3 pushes, RESET and closing subscribers.

import { describe, expect, it } from 'vitest';
import { show, useDiff } from './harness.js';
import { readUntil, resp3, same, samePushes, sameUnsubscribeAll, sendN, steps, waitReal } from './pubsub-support.js';

describe('pub/sub', () => {
  const d = useDiff();

  it('unsubscribing with no subscription answers the nil form', async () => {
    await steps(d.pair, [
      ['UNSUBSCRIBE'],
      ['PUNSUBSCRIBE'],
      ['SUNSUBSCRIBE'],
      [['UNSUBSCRIBE', 'x', 'y'], 2],
      [['PUNSUBSCRIBE', 'p*'], 1],
      [['SUNSUBSCRIBE', 's1', 's2', 's3'], 3],
      // Not in pub/sub mode afterwards: ordinary commands still work.
      ['SET', 'k', 'v'],
      ['GET', 'k'],
    ]);
  });

  it('SUBSCRIBE one, many and repeated channels; counts include patterns, not shard channels', async () => {
    await steps(d.pair, [
      [['SUBSCRIBE', 'c1'], 1],
      [['SUBSCRIBE', 'c2', 'c3', 'c1', 'c2'], 4],
      [['PSUBSCRIBE', 'c*', 'd?', 'c*'], 3],
      [['SSUBSCRIBE', 's1', 's2', 's1'], 3],
      [['SUBSCRIBE', ''], 1],
      [['SUBSCRIBE', '\xec\x95\x88', '\xff'], 2],
      [['UNSUBSCRIBE', 'c2', 'nope', 'c2'], 3],
      [['PUNSUBSCRIBE', 'd?', 'zz'], 2],
      [['SUNSUBSCRIBE', 's2', 's2'], 2],
      [['SSUBSCRIBE', 's3'], 1],
    ]);
  });

  it('unsubscribing from everything answers one reply per channel (in no fixed order)', async () => {
    await same(d.pair, ['SUBSCRIBE', 'a', 'b', 'c'], 3);
    await same(d.pair, ['PSUBSCRIBE', 'p1', 'p2'], 2);
    await same(d.pair, ['SSUBSCRIBE', 's1', 's2'], 2);
    // Patterns are a list in Redis: their order is the subscription order.
    await same(d.pair, ['PUNSUBSCRIBE'], 2);
    await sameUnsubscribeAll(d.pair, ['SUNSUBSCRIBE'], 2);
    await sameUnsubscribeAll(d.pair, ['UNSUBSCRIBE'], 3);
    await same(d.pair, ['UNSUBSCRIBE'], 1);
    await same(d.pair, ['GET', 'k']);
  });

  it('PUBLISH counts receivers; channel subscribers get message, pattern subscribers pmessage', async () => {
    const [a, b, pub] = await d.clients(3);
    await same(a, ['SUBSCRIBE', 'news', 'other'], 2);
    await same(b, ['SUBSCRIBE', 'news'], 1);
    await same(b, ['PSUBSCRIBE', 'n*'], 1);
    await same(pub, ['PUBLISH', 'news', 'hello']);
    await samePushes(a, 1);
    await samePushes(b, 2);
    await same(pub, ['PUBLISH', 'nothing-here', 'x']);
    await samePushes(b, 1);
    await same(pub, ['PUBLISH', 'zzz', 'x']);
    await same(pub, ['PUBLISH', 'other', '']);
    await samePushes(a, 1);
    await same(pub, ['PUBLISH', 'news', 'bin\x00\xff\r\n']);
    await samePushes(a, 1);
    await samePushes(b, 2);
  });

  it('several matching patterns give one pmessage each; a client subscribed twice gets both', async () => {
    const [a, pub] = await d.clients(2);
    await same(a, ['SUBSCRIBE', 'h.x'], 1);
    await same(a, ['PSUBSCRIBE', 'h*', 'h.?', 'h[.]x', '*'], 4);
    await same(pub, ['PUBLISH', 'h.x', 'm']);
    // The channel's message first, then the patterns (Redis walks its pattern dict: any order).
    await samePushes(a, 1);
    await samePushes(a, 4, true);
  });

  it('glob patterns match as KEYS does', async () => {
    const [a, pub] = await d.clients(2);
    const patterns = ['h?llo', 'h[ae]llo', 'h[^e]llo', 'h[a-b]llo', 'h\\*llo', 'x*y*z', '\xec*', '[\\]]'];
    await same(a, ['PSUBSCRIBE', ...patterns, 'end'], patterns.length + 1);
    for (const ch of ['hello', 'hallo', 'hbllo', 'h*llo', 'hxllo', 'xyz', 'x--y--z', '\xec\x95\x88', ']', 'none']) {
      await same(pub, ['PUBLISH', ch, 'm']);
    }
    await same(pub, ['PUBLISH', 'end', 'END']);
    // Several patterns can match one channel: Redis walks them in hash order.
    const real = await readUntil(a.real, 'END');
    const ours = await readUntil(a.ours, 'END');
    expect(ours.map(show).sort()).toEqual(real.map(show).sort());
  });

  it('shard channels: SPUBLISH reaches SSUBSCRIBE clients only, never patterns', async () => {
    const [a, b, pub] = await d.clients(3);
    await same(a, ['SSUBSCRIBE', 'sh'], 1);
    await same(b, ['PSUBSCRIBE', '*'], 1);
    await same(b, ['SUBSCRIBE', 'sh'], 1);
    await same(pub, ['SPUBLISH', 'sh', 'one']);
    await samePushes(a, 1);
    await same(pub, ['PUBLISH', 'sh', 'two']);
    await samePushes(b, 2);
    await same(pub, ['SPUBLISH', 'none', 'x']);
    await same(pub, ['SPUBLISH', 'sh']);
    await same(pub, ['PUBLISH', 'sh']);
    await same(pub, ['PUBLISH', 'sh', 'a', 'b']);
  });

  it('PUBSUB introspection', async () => {
    const [a, b, q] = await d.clients(3);
    await steps(q, [
      ['PUBSUB', 'CHANNELS'],
      ['PUBSUB', 'NUMPAT'],
      ['PUBSUB', 'NUMSUB'],
      ['PUBSUB', 'SHARDCHANNELS'],
    ]);
    await same(a, ['SUBSCRIBE', 'news.tech', 'news.art', 'sport'], 3);
    await same(b, ['SUBSCRIBE', 'news.tech'], 1);
    await same(b, ['PSUBSCRIBE', 'news.*', 'x', 'news.*'], 3);
    await same(a, ['PSUBSCRIBE', 'x'], 1);
    await same(a, ['SSUBSCRIBE', 'shard1', 'shard2'], 2);
    await same(b, ['SSUBSCRIBE', 'shard1'], 1);
    for (const step of [
      { argv: ['PUBSUB', 'CHANNELS'], unordered: true },
      { argv: ['PUBSUB', 'CHANNELS', 'news.*'], unordered: true },
      { argv: ['pubsub', 'channels', 'sp?rt'], unordered: true },
      { argv: ['PUBSUB', 'CHANNELS', 'zzz'], unordered: true },
      { argv: ['PUBSUB', 'SHARDCHANNELS'], unordered: true },
      { argv: ['PUBSUB', 'SHARDCHANNELS', '*2'], unordered: true },
    ]) {
      await q.run([step]);
    }
    await steps(q, [
      ['PUBSUB', 'NUMSUB', 'news.tech', 'news.art', 'nope', 'news.*', 'news.tech'],
      ['PUBSUB', 'NUMPAT'],
      ['PUBSUB', 'SHARDNUMSUB', 'shard1', 'shard2', 'shard3'],
      ['PUBSUB', 'SHARDNUMSUB'],
      ['PUBSUB', 'HELP'],
      ['pubsub', 'help'],
      ['PUBSUB', 'HELP', 'x'],
      ['PUBSUB', 'NUMPAT', 'x'],
      ['PUBSUB', 'CHANNELS', 'a', 'b'],
      ['PUBSUB', 'SHARDCHANNELS', 'a', 'b'],
      ['PUBSUB', 'FOO'],
      ['PUBSUB'],
    ]);
    await same(b, ['PUNSUBSCRIBE', 'news.*'], 1);
    await steps(q, [['PUBSUB', 'NUMPAT']]);
    await same(a, ['PUNSUBSCRIBE'], 1);
    await steps(q, [
      ['PUBSUB', 'NUMPAT'],
      ['PUBSUB', 'NUMSUB', 'news.art', 'x'],
    ]);
  });

  it('RESP2 subscribed mode: only the pub/sub commands, PING, QUIT and RESET run', async () => {
    await steps(d.pair, [
      [['SUBSCRIBE', 'c'], 1],
      ['GET', 'k'],
      ['SET', 'k', 'v'],
      ['MULTI'],
      ['CLIENT', 'LIST'],
      ['PUBLISH', 'c', 'm'],
      ['PUBSUB', 'NUMPAT'],
      ['HELLO'],
      ['PING'],
      ['PING', 'hi'],
      ['ping', ''],
      ['PING', 'a', 'b'],
      ['NOSUCHCOMMAND', 'x'],
      ['GET'],
      ['SUBSCRIBE'],
      ['CLIENT', 'NOSUCH'],
      [['PSUBSCRIBE', 'p'], 1],
      [['UNSUBSCRIBE'], 1],
      // Still in pub/sub mode while a pattern remains.
      ['ECHO', 'x'],
      [['PUNSUBSCRIBE'], 1],
      ['ECHO', 'x'],
      ['PING'],
      [['SSUBSCRIBE', 's'], 1],
      ['GET', 'k'],
      [['SUNSUBSCRIBE'], 1],
      ['GET', 'k'],
      [['SUBSCRIBE', 'c'], 1],
      ['QUIT'],
    ]);
  });

  it('RESP3: subscriptions are pushes and every command still runs', async () => {
    const [a, pub] = await d.clients(2);
    await resp3(a);
    await steps(a, [
      [['SUBSCRIBE', 'c', 'd'], 2],
      ['SET', 'k', 'v'],
      ['GET', 'k'],
      ['PING'],
      ['PING', 'x'],
      // A message to oneself arrives before the PUBLISH reply.
      [['PUBLISH', 'c', 'self'], 2],
      [['PSUBSCRIBE', '*'], 1],
      [['PUBLISH', 'd', 'both'], 3],
      [['SSUBSCRIBE', 's'], 1],
      [['SPUBLISH', 's', 'shard'], 2],
    ]);
    await same(pub, ['PUBLISH', 'c', 'from-other']);
    await samePushes(a, 2);
    await steps(a, [
      [['UNSUBSCRIBE', 'c', 'd'], 2],
      [['UNSUBSCRIBE'], 1],
      [['PUNSUBSCRIBE'], 1],
      [['PUNSUBSCRIBE'], 1],
      [['SUNSUBSCRIBE'], 1],
      [['SUNSUBSCRIBE'], 1],
    ]);
  });

  it('RESET and closing a client drop every subscription', async () => {
    const [a, b, q] = await d.clients(3);
    await same(a, ['SUBSCRIBE', 'c1', 'c2'], 2);
    await same(a, ['PSUBSCRIBE', 'p*'], 1);
    await same(a, ['SSUBSCRIBE', 's'], 1);
    await steps(a, [['RESET'], ['GET', 'k'], ['PING']]);
    await steps(q, [
      ['PUBSUB', 'NUMSUB', 'c1', 'c2'],
      ['PUBSUB', 'NUMPAT'],
      ['PUBSUB', 'SHARDNUMSUB', 's'],
      ['PUBLISH', 'c1', 'x'],
    ]);
    await same(b, ['SUBSCRIBE', 'c1'], 1);
    await same(b, ['PSUBSCRIBE', 'p*'], 1);
    await steps(q, [
      ['PUBSUB', 'NUMSUB', 'c1'],
      ['PUBSUB', 'NUMPAT'],
    ]);
    b.real.close();
    b.ours.close();
    await waitReal(q, ['PUBSUB', 'NUMPAT'], ':0\r\n');
    await steps(q, [
      ['PUBSUB', 'NUMSUB', 'c1'],
      ['PUBSUB', 'NUMPAT'],
      ['PUBLISH', 'c1', 'x'],
      ['PUBLISH', 'p1', 'x'],
    ]);
  });

  it('CLIENT LIST shows flag P and the subscription counts; INFO stats counts channels', async () => {
    const [a, q] = await d.clients(2);
    await same(a, ['SUBSCRIBE', 'c1', 'c2', 'c1'], 3);
    await same(a, ['PSUBSCRIBE', 'p1'], 1);
    await same(a, ['SSUBSCRIBE', 's1', 's2', 's3'], 3);
    const fields = (raw: string) => (raw.match(/flags=\S+ db=\d+ sub=\d+ psub=\d+ ssub=\d+/g) ?? []).sort();
    const real = await q.real.send(['CLIENT', 'LIST']);
    const ours = await q.ours.send(['CLIENT', 'LIST']);
    expect(fields(ours)).toEqual(fields(real));
    expect(fields(ours)).toContain('flags=P db=0 sub=2 psub=1 ssub=3');
    const typed = async (side: 'real' | 'ours') => ((await q[side].send(['CLIENT', 'LIST', 'TYPE', 'pubsub'])).match(/id=/g) ?? []).length;
    expect(await typed('ours')).toBe(await typed('real'));
    const stats = (raw: string) => raw.match(/pubsub\w*:\d+/g);
    const realInfo = stats(await q.real.send(['INFO', 'stats']));
    const ourInfo = stats(await q.ours.send(['INFO', 'stats']));
    expect(ourInfo).toEqual(realInfo);
    expect(ourInfo).toEqual(['pubsub_channels:2', 'pubsub_patterns:1', 'pubsubshard_channels:3']);
  });

  it('subscribing inside MULTI runs at EXEC; SSUBSCRIBE and MONITOR refuse there', async () => {
    const [a] = await d.clients(1);
    await steps(a, [['MULTI'], ['SUBSCRIBE', 'x'], ['EXEC']]);
    await steps(a, [['PING'], [['UNSUBSCRIBE'], 1]]);
    await steps(a, [['MULTI'], ['SSUBSCRIBE', 'x'], ['MONITOR'], ['EXEC']]);
    await steps(a, [['GET', 'k']]);
  });

  it('EXEC with several subscriptions: the array header counts commands, the extra replies follow it', async () => {
    const [a, b] = await d.clients(2);
    await steps(a, [['MULTI'], ['SUBSCRIBE', 'x', 'y'], ['PSUBSCRIBE', 'p'], ['UNSUBSCRIBE', 'y', 'x']]);
    // *3 then sub x, sub y, psub p inside it; the two unsubscribe replies after it.
    await same(a, ['EXEC'], 3);
    await steps(a, [['PING']]);
    await resp3(b);
    await steps(b, [['MULTI'], ['SUBSCRIBE', 'c'], ['PUBLISH', 'c', 'self'], ['SET', 'k', 'v'], ['UNSUBSCRIBE', 'c', 'd']]);
    await same(b, ['EXEC'], 3);
    await steps(b, [['GET', 'k']]);
  });

  it('arity errors', async () => {
    await steps(d.pair, [['SUBSCRIBE'], ['PSUBSCRIBE'], ['SSUBSCRIBE'], ['PUBLISH', 'c'], ['SPUBLISH'], ['MONITOR', 'x']]);
  });

  it('the course example: a subscriber reads what a publisher sends', async () => {
    const [sub, pub] = await d.clients(2);
    const replies = async (side: 'real' | 'ours') => sendN(sub[side], ['SUBSCRIBE', 'chat'], 1);
    expect(await replies('ours')).toEqual(await replies('real'));
    for (const m of ['hello', '안녕하세요', 'bye']) {
      const bytes = Buffer.from(m, 'utf8').toString('latin1');
      await same(pub, ['PUBLISH', 'chat', bytes]);
      await samePushes(sub, 1);
    }
  });
});
