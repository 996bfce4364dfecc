// CLIENT PAUSE / CLIENT UNPAUSE (engine/pause.ts) and WAIT (commands/connection.ts), on a
// virtual clock: what a pause holds, in which order it lets go, what it does to expiry.

import { beforeEach, describe, expect, it } from 'vitest';
import { BlockedTimeoutTimer } from '../blocking.js';
import type { Client } from '../client.js';
import { VirtualClock } from '../clock.js';
import { Engine } from '../engine.js';
import { late } from '../late.js';
import { renderReply } from '../render-reply.js';
import { manualTimers } from '../../../test/manual-timers.js';

let clock: VirtualClock;
let e: Engine;
/** Replies delivered later to each client, rendered. */
let inbox: Map<Client, string[]>;

function client(): Client {
  const c = e.createClient();
  inbox.set(c, []);
  c.deliver = (r) => inbox.get(c)!.push(renderReply(r));
  return c;
}

function run(c: Client, ...argv: string[]): string {
  return renderReply(e.execute(c, argv));
}

function got(c: Client): string[] {
  return inbox.get(c)!.splice(0);
}

function infoField(c: Client, name: string): string | undefined {
  const reply = e.execute(c, ['INFO', 'clients']);
  const text = reply !== null && (reply.t === 'bulk' || reply.t === 'verbatim') ? String(reply.v) : '';
  return new RegExp(`${name}:(\\d+)`).exec(text)?.[1];
}

beforeEach(() => {
  clock = new VirtualClock();
  e = new Engine({ clock, late });
  inbox = new Map();
});

describe('CLIENT PAUSE', () => {
  it('validates like Redis: mode first, then the timeout', () => {
    const a = client();
    expect(run(a, 'CLIENT', 'PAUSE', 'abc')).toBe('!ERR timeout is not an integer or out of range');
    expect(run(a, 'CLIENT', 'PAUSE', '-1')).toBe('!ERR timeout is negative');
    expect(run(a, 'CLIENT', 'PAUSE', '1.5')).toBe('!ERR timeout is not an integer or out of range');
    expect(run(a, 'CLIENT', 'PAUSE', 'abc', 'nope')).toBe('!ERR CLIENT PAUSE mode must be WRITE or ALL');
    expect(run(a, 'CLIENT', 'PAUSE', '100', 'write', 'x')).toMatch(/^!ERR unknown subcommand or wrong number of arguments/);
    expect(run(a, 'CLIENT', 'UNPAUSE', 'x')).toBe("!ERR wrong number of arguments for 'client|unpause' command");
    expect(e.pause.active).toBe(false);
    // A timeout of 0 is a deadline already past: no pause.
    expect(run(a, 'CLIENT', 'PAUSE', '0')).toBe('OK');
    expect(e.pause.active).toBe(false);
  });

  it('WRITE lets reads through and holds writes, EVAL, PUBLISH and PFCOUNT until UNPAUSE, in order', () => {
    const [a, b, c, admin] = [client(), client(), client(), client()];
    run(a, 'SET', 'k', 'v0');
    expect(run(admin, 'CLIENT', 'PAUSE', '100000', 'WRITE')).toBe('OK');
    expect(run(a, 'GET', 'k')).toBe('"v0"');
    expect(run(a, 'PING')).toBe('PONG');
    expect(run(a, 'SET', 'k', 'v1')).toBe('none');
    expect(run(b, 'EVAL', "return redis.call('get', KEYS[1])", '1', 'k')).toBe('none');
    expect(run(c, 'PUBLISH', 'ch', 'm')).toBe('none');
    expect(a.unblock).not.toBeNull();
    expect(e.pause.count).toBe(3);
    expect(infoField(admin, 'blocked_clients')).toBe('3');
    // A script that says it does not write is no write (scriptFlagsToCmdFlags).
    expect(run(admin, 'EVAL', "#!lua flags=no-writes\nreturn redis.call('get', KEYS[1])", '1', 'k')).toBe('"v0"');
    expect(run(admin, 'EVAL_RO', "return redis.call('get', KEYS[1])", '1', 'k')).toBe('"v0"');
    // So is an EXEC that only queued such scripts (Redis's unit/pause: "read-only scripts in
    // multi-exec are not blocked").
    expect(run(admin, 'MULTI')).toBe('OK');
    expect(run(admin, 'EVAL', "#!lua flags=no-writes\nreturn redis.call('get', KEYS[1])", '1', 'k')).toBe('QUEUED');
    expect(run(admin, 'EXEC')).toBe('["v0"]');
    const d = client();
    expect(run(d, 'PFCOUNT', 'hll')).toBe('none');
    expect(run(admin, 'CLIENT', 'UNPAUSE')).toBe('OK');
    // The held commands ran in the order they were held, each after the one before.
    expect([got(a), got(b), got(c), got(d)]).toEqual([['OK'], ['"v1"'], [':0'], [':0']]);
    expect(a.unblock).toBeNull();
    expect(e.pause.count).toBe(0);
    expect(run(a, 'GET', 'k')).toBe('"v1"');
  });

  it("ALL holds reads too, and other clients' CLIENT UNPAUSE: only the deadline ends it", () => {
    const [a, b, admin] = [client(), client(), client()];
    const { timers, armed } = manualTimers();
    const timer = new BlockedTimeoutTimer(e, timers);
    timer.start();
    run(a, 'SET', 'k', 'v');
    expect(run(admin, 'CLIENT', 'PAUSE', '200')).toBe('OK');
    expect(armed.map((t) => t.ms)).toEqual([201]);
    expect(run(a, 'GET', 'k')).toBe('none');
    expect(run(b, 'CLIENT', 'UNPAUSE')).toBe('none');
    clock.advance(200);
    // Not strictly past the deadline yet.
    expect(run(admin, 'PING')).toBe('none');
    clock.advance(1);
    armed.shift()!.fn();
    expect([got(a), got(b), got(admin)]).toEqual([['"v"'], ['OK'], ['PONG']]);
    expect(e.pause.active).toBe(false);
    timer.stop();
  });

  it('a later PAUSE never shortens or softens the running one', () => {
    const [a, admin] = [client(), client()];
    run(admin, 'CLIENT', 'PAUSE', '1000', 'WRITE');
    // CLIENT PAUSE is no write: it runs, and keeps the later deadline.
    run(a, 'CLIENT', 'PAUSE', '10', 'WRITE');
    expect(e.pause.nextDeadline()).toBe(clock.now() + 1000);
    // Then ALL for 10: ALL (the stricter) with the later deadline.
    run(admin, 'CLIENT', 'PAUSE', '10', 'ALL');
    expect(e.pause.mode).toBe('all');
    expect(e.pause.nextDeadline()).toBe(clock.now() + 1000);
    expect(run(a, 'GET', 'x')).toBe('none');
    clock.advance(500);
    e.handleBlockedTimeouts();
    expect(got(a)).toEqual([]);
    clock.advance(501);
    e.handleBlockedTimeouts();
    expect(got(a)).toEqual(['nil']);
  });

  it('holds a write before MULTI queues it, and an EXEC that queued a write', () => {
    const [a, b, admin] = [client(), client(), client()];
    run(b, 'MULTI');
    run(b, 'INCR', 'n');
    run(admin, 'CLIENT', 'PAUSE', '100000', 'WRITE');
    run(a, 'MULTI');
    expect(run(a, 'GET', 'n')).toBe('QUEUED');
    expect(run(a, 'INCR', 'n')).toBe('none');
    expect(run(b, 'EXEC')).toBe('none');
    run(admin, 'CLIENT', 'UNPAUSE');
    expect(got(a)).toEqual(['QUEUED']);
    expect(got(b)).toEqual(['[:1]']);
    expect(run(a, 'EXEC')).toBe('["1",:2]');
  });

  it('commands after CLIENT PAUSE in the same EXEC still run', () => {
    const a = client();
    run(a, 'MULTI');
    run(a, 'CLIENT', 'PAUSE', '100000', 'WRITE');
    run(a, 'SET', 'k', 'v');
    expect(run(a, 'EXEC')).toBe('[OK,OK]');
    expect(run(a, 'SET', 'k', 'w')).toBe('none');
    run(client(), 'CLIENT', 'UNPAUSE');
    expect(got(a)).toEqual(['OK']);
  });

  it('keeps expired keys while paused: they read as gone, nothing deletes them', () => {
    const [a, admin] = [client(), client()];
    run(a, 'SET', 'k', 'v', 'PX', '100');
    run(admin, 'CLIENT', 'PAUSE', '100000', 'WRITE');
    clock.advance(200);
    expect(run(a, 'GET', 'k')).toBe('nil');
    expect(run(a, 'EXISTS', 'k')).toBe(':0');
    expect(e.activeExpireCycle()).toBe(0);
    expect(e.dbs[0]!.dict.has('k')).toBe(true);
    expect(run(a, 'INFO', 'stats')).toMatch(/expired_keys:0\r\n/);
    run(admin, 'CLIENT', 'UNPAUSE');
    expect(run(a, 'GET', 'k')).toBe('nil');
    expect(e.dbs[0]!.dict.has('k')).toBe(false);
  });

  it('shows a held client as blocked (flag b, its argv) and CLIENT UNBLOCK leaves it held', () => {
    const [a, admin] = [client(), client()];
    run(admin, 'CLIENT', 'PAUSE', '100000', 'WRITE');
    run(a, 'SET', 'k', 'v');
    const line = run(admin, 'CLIENT', 'LIST', 'ID', String(a.id));
    expect(line).toMatch(/ flags=b /);
    expect(line).toMatch(/ cmd=set /);
    expect(run(admin, 'CLIENT', 'UNBLOCK', String(a.id))).toBe(':0');
    expect(run(admin, 'CLIENT', 'UNBLOCK', String(a.id), 'ERROR')).toBe(':0');
    expect(got(a)).toEqual([]);
    run(admin, 'CLIENT', 'UNPAUSE');
    expect(got(a)).toEqual(['OK']);
  });

  it('a held client that goes away leaves nothing behind', () => {
    const [a, admin] = [client(), client()];
    run(admin, 'CLIENT', 'PAUSE', '100000', 'WRITE');
    run(a, 'SET', 'k', 'v');
    e.closeClient(a);
    expect(e.pause.count).toBe(0);
    run(admin, 'CLIENT', 'UNPAUSE');
    expect(run(admin, 'EXISTS', 'k')).toBe(':0');
  });

  it('never holds a MONITOR client', () => {
    const [m, admin] = [client(), client()];
    run(m, 'MONITOR');
    run(admin, 'CLIENT', 'PAUSE', '100000', 'ALL');
    // Its reply comes with its own MONITOR line, both through deliver.
    run(m, 'PING');
    expect(got(m)[0]).toBe('PONG');
    expect(e.pause.count).toBe(0);
  });
});

describe('WAIT', () => {
  it('answers 0 at once when no replica is asked for, or inside MULTI', () => {
    const a = client();
    expect(run(a, 'WAIT', '0', '0')).toBe(':0');
    expect(run(a, 'WAIT', '-3', '100')).toBe(':0');
    run(a, 'MULTI');
    expect(run(a, 'WAIT', '1', '0')).toBe('QUEUED');
    expect(run(a, 'EXEC')).toBe('[:0]');
  });

  it('validates numreplicas, then the timeout', () => {
    const a = client();
    expect(run(a, 'WAIT', 'x', 'y')).toBe('!ERR value is not an integer or out of range');
    expect(run(a, 'WAIT', '1', 'y')).toBe('!ERR timeout is not an integer or out of range');
    expect(run(a, 'WAIT', '1', '-1')).toBe('!ERR timeout is negative');
    expect(run(a, 'WAIT', '1')).toBe("!ERR wrong number of arguments for 'wait' command");
  });

  it('blocks until its timeout and then answers 0 (timer-driven)', () => {
    const { timers, armed } = manualTimers();
    const timer = new BlockedTimeoutTimer(e, timers);
    timer.start();
    const a = client();
    expect(run(a, 'WAIT', '1', '100')).toBe('none');
    expect(a.unblock).not.toBeNull();
    expect(infoField(client(), 'clients_in_timeout_table')).toBe('1');
    expect(armed.map((t) => t.ms)).toEqual([101]);
    clock.advance(101);
    armed.shift()!.fn();
    expect(got(a)).toEqual([':0']);
    expect(a.unblock).toBeNull();
    timer.stop();
  });

  it('with timeout 0 waits for ever; CLIENT UNBLOCK ends it with 0 or the error', () => {
    const [a, admin] = [client(), client()];
    run(a, 'WAIT', '2', '0');
    clock.advance(1e9);
    e.handleBlockedTimeouts();
    expect(got(a)).toEqual([]);
    expect(run(admin, 'CLIENT', 'UNBLOCK', String(a.id))).toBe(':1');
    expect(got(a)).toEqual([':0']);
    run(a, 'WAIT', '2', '0');
    expect(run(admin, 'CLIENT', 'UNBLOCK', String(a.id), 'ERROR')).toBe(':1');
    expect(got(a)).toEqual(['!UNBLOCKED client unblocked via CLIENT UNBLOCK']);
  });
});
