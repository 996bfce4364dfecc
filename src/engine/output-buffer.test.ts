import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';
import { serverCron } from './cron.js';
import { Engine } from './engine.js';
import { late } from './late.js';
import {
  checkOutputBufferLimits,
  clientType,
  CLIENT_TYPE_NORMAL,
  CLIENT_TYPE_PUBSUB,
  outputBufferFigures,
  outputBufferLimitReached,
  replyCannotFit,
} from './output-buffer.js';

function setup(limits: string) {
  const clock = new VirtualClock(1_700_000_000_000);
  const engine = new Engine({ clock, late, config: { 'client-output-buffer-limit': limits } });
  const logged: string[] = [];
  engine.log = (_level, message) => logged.push(message);
  const c = engine.createClient({});
  let pending = 0;
  c.pendingOutput = () => pending;
  let killed = 0;
  c.onKill = () => {
    killed++;
    engine.closeClient(c);
  };
  return {
    clock,
    engine,
    c,
    logged,
    killed: () => killed,
    setPending: (n: number) => (pending = n),
  };
}

describe('output buffer figures', () => {
  it('puts the first 16 KB in the static buffer, which no limit counts', () => {
    expect(outputBufferFigures(0)).toEqual({ obl: 0, oll: 0, omem: 0 });
    expect(outputBufferFigures(16384)).toEqual({ obl: 16384, oll: 0, omem: 0 });
  });

  it('counts the rest in 20 KB reply blocks with their list node', () => {
    expect(outputBufferFigures(16385)).toEqual({ obl: 16384, oll: 1, omem: 20504 });
    expect(outputBufferFigures(16384 + 20464)).toEqual({ obl: 16384, oll: 1, omem: 20504 });
    expect(outputBufferFigures(16384 + 20465)).toEqual({ obl: 16384, oll: 2, omem: 41008 });
    // 32 MB waiting: about 32 MB counted.
    const { omem } = outputBufferFigures(32 * 1024 * 1024);
    expect(omem).toBeGreaterThan(32 * 1024 * 1024);
    expect(omem).toBeLessThan(32 * 1024 * 1024 + 100_000);
  });
});

describe('client classes', () => {
  it('a subscribed client is pubsub in RESP2 and RESP3; MONITOR is normal', () => {
    const { engine, c } = setup('normal 0 0 0');
    expect(clientType(c)).toBe(CLIENT_TYPE_NORMAL);
    engine.execute(c, ['SUBSCRIBE', 'a']);
    expect(clientType(c)).toBe(CLIENT_TYPE_PUBSUB);
    const r3 = engine.createClient({});
    engine.execute(r3, ['HELLO', '3']);
    engine.execute(r3, ['SSUBSCRIBE', 's']);
    expect(clientType(r3)).toBe(CLIENT_TYPE_PUBSUB);
    const m = engine.createClient({});
    engine.execute(m, ['MONITOR']);
    expect(clientType(m)).toBe(CLIENT_TYPE_NORMAL);
  });
});

describe('limits', () => {
  it('hard: reached at the limit itself, not below', () => {
    const { engine, c } = setup('normal 41008 0 0');
    expect(checkOutputBufferLimits(engine, c, 41007)).toBe(false);
    expect(checkOutputBufferLimits(engine, c, 41008)).toBe(true);
    // The class's own limit: a subscriber is not held to the normal one.
    engine.execute(c, ['SUBSCRIBE', 'a']);
    expect(checkOutputBufferLimits(engine, c, 10_000_000)).toBe(false);
  });

  it('0 means no limit', () => {
    const { engine, c } = setup('normal 0 0 0');
    expect(checkOutputBufferLimits(engine, c, 2 ** 40)).toBe(false);
  });

  it('soft: reached once above it for more than its seconds, forgotten once below', () => {
    const { engine, c, clock } = setup('normal 0 1000 2');
    expect(checkOutputBufferLimits(engine, c, 1000)).toBe(false); // first seen
    expect(c.obufSoftLimitReachedTime).toBe(1_700_000_000);
    clock.advance(2000);
    expect(checkOutputBufferLimits(engine, c, 5000)).toBe(false); // 2 s: not more than 2
    clock.advance(1000);
    expect(checkOutputBufferLimits(engine, c, 5000)).toBe(true);
    // Below again: the time restarts.
    expect(checkOutputBufferLimits(engine, c, 999)).toBe(false);
    expect(c.obufSoftLimitReachedTime).toBe(0);
    expect(checkOutputBufferLimits(engine, c, 1000)).toBe(false);
  });

  it('counts what is about to be queued, and never what fits in the static buffer', () => {
    const { engine, c, setPending } = setup('normal 1 0 0');
    setPending(16384);
    expect(outputBufferLimitReached(engine, c)).toBe(false);
    expect(outputBufferLimitReached(engine, c, 1)).toBe(true);
  });
});

describe('picks with repetition past what a reply can hold', () => {
  it('mark the client to be closed when the limit would stop them, as Redis stops them mid-reply', () => {
    const { engine, c } = setup('normal 1000000 0 0');
    engine.execute(c, ['HSET', 'h', 'a', 'b']);
    engine.execute(c, ['SADD', 's', 'a']);
    engine.execute(c, ['ZADD', 'z', '1', 'a']);
    for (const argv of [
      ['HRANDFIELD', 'h', '-999999999'],
      ['SRANDMEMBER', 's', '-999999999'],
      ['ZRANDMEMBER', 'z', '-999999999'],
    ]) {
      c.closeAsap = false;
      engine.execute(c, argv);
      expect(c.closeAsap).toBe(true);
    }
  });

  it('are refused as before where no limit would stop them (none set, or a host that holds no output)', () => {
    const { engine, c } = setup('normal 0 0 0');
    engine.execute(c, ['HSET', 'h', 'a', 'b']);
    expect(engine.execute(c, ['HRANDFIELD', 'h', '-999999999'])).toMatchObject({ t: 'error' });
    expect(c.closeAsap).toBe(false);
    engine.config.set('client-output-buffer-limit', 'normal 1mb 0 0');
    c.pendingOutput = null;
    expect(replyCannotFit(c, 999999999)).toBe(false);
    expect(engine.execute(c, ['HRANDFIELD', 'h', '-999999999'])).toMatchObject({ t: 'error' });
    expect(c.closeAsap).toBe(false);
  });
});

describe('clientsCron', () => {
  it("closes a client whose soft limit ran out while nothing new was queued, with Redis's log line", () => {
    const { engine, c, clock, logged, killed, setPending } = setup('pubsub 0 100000 3');
    engine.execute(c, ['SUBSCRIBE', 'a']);
    setPending(200_000);
    serverCron(engine);
    expect(killed()).toBe(0);
    clock.advance(3000);
    serverCron(engine);
    expect(killed()).toBe(0);
    clock.advance(1000);
    serverCron(engine);
    expect(killed()).toBe(1);
    expect(engine.clients.has(c.id)).toBe(false);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^Client id=\d+ addr=\S+ .* flags=P .* obl=16384 oll=9 omem=184536 .* closed for overcoming of output buffer limits\.$/);
  });

  it('client_recent_max_output_buffer is the peak of the last seconds', () => {
    const { engine, clock, setPending } = setup('normal 0 0 0');
    const info = () => engine.execute(engine.createClient({}), ['INFO', 'clients']) as { v: string };
    setPending(16384 + 20464);
    serverCron(engine);
    setPending(0);
    clock.advance(1000);
    serverCron(engine);
    expect(info().v).toContain('client_recent_max_output_buffer:20504\r\n');
    // Eight seconds on, the slot has been cleared.
    for (let i = 0; i < 8; i++) {
      clock.advance(1000);
      serverCron(engine);
    }
    expect(info().v).toContain('client_recent_max_output_buffer:0\r\n');
  });

  it("a client with nothing pending (the worker's) is never closed", () => {
    const { engine, c, killed } = setup('normal 1 1 0');
    c.pendingOutput = null;
    serverCron(engine);
    expect(killed()).toBe(0);
  });

  it('adds up the clients it has seen into mem_clients_normal, and marks one with output waiting as events=rw', () => {
    const { engine, c, setPending } = setup('normal 0 0 0');
    const other = engine.createClient({});
    const run = (argv: string[]) => (engine.execute(other, argv) as { v: string }).v;
    const totMem = (line: string) => Number(/ tot-mem=(\d+) /.exec(line)![1]);
    // A connection counts from clientsCron's first look at it, as in Redis.
    expect(run(['INFO', 'memory'])).toContain('mem_clients_normal:0\r\n');
    setPending(100);
    serverCron(engine);
    const lines = run(['CLIENT', 'LIST']).trim().split('\n');
    expect(lines[0]!.startsWith(`id=${c.id} `)).toBe(true);
    expect(lines[0]).toContain(' events=rw ');
    expect(lines[1]).toContain(' events=r ');
    const seen = c.lastMemoryUsage + other.lastMemoryUsage;
    expect(c.lastMemoryUsage).toBe(totMem(lines[0]!));
    expect(run(['INFO', 'memory'])).toContain(`mem_clients_normal:${seen}\r\n`);
  });
});
