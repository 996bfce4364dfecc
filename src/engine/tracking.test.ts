import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from './client.js';
import { VirtualClock } from './clock.js';
import { serverCron } from './cron.js';
import { Engine } from './engine.js';
import { late } from './late.js';
import { renderReply } from './render-reply.js';

let e: Engine;
/** Per client, what reached it in order: replies as they are, pushes marked with '>'. */
let seen: Map<Client, string[]>;

function client(resp3 = true): Client {
  const c = e.createClient();
  const log: string[] = [];
  seen.set(c, log);
  c.deliver = (r) => log.push(renderReply(r));
  if (resp3) send(c, 'HELLO', '3');
  take(c);
  return c;
}

/** Runs a command; its reply joins the client's log after anything delivered meanwhile. */
function send(c: Client, ...argv: string[]): void {
  const reply = e.execute(c, argv);
  if (reply !== null) seen.get(c)!.push(renderReply(reply));
}

/** What reached the client since the last look. */
function take(c: Client): string[] {
  return seen.get(c)!.splice(0);
}

function info(field: string): string {
  const reply = e.execute(client(false), ['INFO', 'stats']);
  if (reply === null || reply.t !== 'verbatim') throw new Error(renderReply(reply));
  return new RegExp(`^${field}:(.*)\r$`, 'm').exec(reply.v)![1]!;
}

beforeEach(() => {
  e = new Engine({ clock: new VirtualClock(1_700_000_000_000), late });
  seen = new Map();
});

describe('scripts: the caller tracks the keys its script declares', () => {
  it('once a command of the script reads, never for the keys the script touches itself', () => {
    const a = client();
    const b = client();
    send(a, 'CLIENT', 'TRACKING', 'on');
    send(a, 'EVAL', "return redis.call('set', 'k3', 'x')", '2', 'k1', 'k2');
    expect(info('tracking_total_keys')).toBe('0');
    send(a, 'EVAL', "return redis.call('get', 'k3')", '2', 'k1', 'k2');
    expect(info('tracking_total_keys')).toBe('2');
    take(a);
    send(b, 'SET', 'k3', 'y');
    send(b, 'MSET', 'k2', '1', 'k1', '1');
    expect(take(a)).toEqual(['>["invalidate",["k2"]]', '>["invalidate",["k1"]]']);
  });

  it('EVAL_RO, EVALSHA_RO and FCALL_RO count only through what their script reads', () => {
    const a = client();
    send(a, 'CLIENT', 'TRACKING', 'on');
    send(a, 'EVAL_RO', "return redis.call('ping')", '1', 'k');
    send(a, 'FUNCTION', 'LOAD', "#!lua name=l\nredis.register_function{function_name='f', callback=function() return 1 end, flags={'no-writes'}}");
    send(a, 'FCALL_RO', 'f', '1', 'k');
    expect(info('tracking_total_keys')).toBe('0');
    send(a, 'EVAL_RO', "return redis.call('exists', 'other')", '1', 'k');
    expect(info('tracking_total_keys')).toBe('1');
  });

  it("the caller's own write from its script is pushed after the script's reply, unless NOLOOP", () => {
    const a = client();
    send(a, 'CLIENT', 'TRACKING', 'on');
    send(a, 'GET', 'k');
    take(a);
    send(a, 'EVAL', "return redis.call('set', KEYS[1], 'v')", '1', 'k');
    expect(take(a)).toEqual(['OK', '>["invalidate",["k"]]']);
    send(a, 'CLIENT', 'TRACKING', 'on', 'NOLOOP');
    send(a, 'EVAL', "redis.call('get', KEYS[1]) return redis.call('set', KEYS[1], 'w')", '1', 'k');
    expect(take(a)).toEqual(['OK', 'OK']);
  });

  it('OPTIN: the script counts when CLIENT CACHING yes came before it', () => {
    const a = client();
    send(a, 'CLIENT', 'TRACKING', 'on', 'OPTIN');
    send(a, 'EVAL', "return redis.call('get', KEYS[1])", '1', 'k');
    expect(info('tracking_total_keys')).toBe('0');
    send(a, 'CLIENT', 'CACHING', 'yes');
    send(a, 'EVAL', "return redis.call('get', KEYS[1])", '1', 'k');
    expect(info('tracking_total_keys')).toBe('1');
  });
});

describe('tracking-table-max-keys', () => {
  it('serverCron evicts with growing effort, and even NOLOOP clients hear of it', () => {
    const a = client();
    send(a, 'CLIENT', 'TRACKING', 'on', 'NOLOOP');
    for (let i = 0; i < 250; i++) send(a, 'GET', `key${i}`);
    take(a);
    send(client(false), 'CONFIG', 'SET', 'tracking-table-max-keys', '1');
    // Looked at without a command (a command would run the limit too).
    const tableKeys = () => e.tracker!.totals().keys;
    serverCron(e);
    expect(take(a)).toHaveLength(100);
    expect(tableKeys()).toBe(150);
    serverCron(e);
    expect(take(a)).toHaveLength(149);
    expect(tableKeys()).toBe(1);
    serverCron(e);
    expect(take(a)).toEqual([]);
  });

  it("before a command: another client's hears of it first, a NOLOOP client's own does not", () => {
    const a = client();
    const b = client(false);
    send(a, 'CLIENT', 'TRACKING', 'on');
    send(a, 'MGET', 'x', 'y', 'z');
    send(b, 'CONFIG', 'SET', 'tracking-table-max-keys', '2');
    take(a);
    // The oldest entry goes: x.
    send(a, 'MULTI');
    send(a, 'PING');
    expect(take(a)).toEqual(['>["invalidate",["x"]]', 'OK', 'QUEUED']);
    send(a, 'EXEC');
    send(a, 'CLIENT', 'TRACKING', 'on', 'NOLOOP');
    send(a, 'GET', 'w');
    take(a);
    send(a, 'PING');
    expect(take(a)).toEqual(['PONG']);
    expect(info('tracking_total_keys')).toBe('2');
    // 0: no limit.
    send(b, 'CONFIG', 'SET', 'tracking-table-max-keys', '0');
    send(a, 'MGET', 'p', 'q', 'r');
    send(a, 'PING');
    expect(info('tracking_total_keys')).toBe('5');
  });

  it('does nothing once no client tracks', () => {
    const a = client();
    send(a, 'CLIENT', 'TRACKING', 'on');
    send(a, 'MGET', 'x', 'y', 'z');
    send(a, 'CLIENT', 'TRACKING', 'off');
    send(a, 'CONFIG', 'SET', 'tracking-table-max-keys', '1');
    serverCron(e);
    send(a, 'PING');
    expect(info('tracking_total_keys')).toBe('3');
  });
});

describe('where a push lands', () => {
  it("an unblocked BLMOVE's invalidation follows its reply", () => {
    const a = client();
    const b = client(false);
    send(a, 'CLIENT', 'TRACKING', 'on');
    send(a, 'LRANGE', 'dst', '0', '-1');
    send(a, 'BLMOVE', 'src', 'dst', 'LEFT', 'LEFT', '0');
    take(a);
    send(b, 'RPUSH', 'src', 'foo');
    expect(take(a)).toEqual(['"foo"', '>["invalidate",["dst"]]']);
  });

  it('INFO counts keys, items and BCAST prefixes', () => {
    const a = client();
    const b = client();
    send(a, 'CLIENT', 'TRACKING', 'on');
    send(b, 'CLIENT', 'TRACKING', 'on');
    send(a, 'MGET', 'x', 'y');
    send(b, 'GET', 'x');
    send(client(false), 'CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'p', 'PREFIX', 'q');
    expect([info('tracking_total_keys'), info('tracking_total_items'), info('tracking_total_prefixes')]).toEqual(['2', '3', '2']);
  });
});
