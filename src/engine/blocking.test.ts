import { beforeEach, describe, expect, it } from 'vitest';
import { BlockedTimeoutTimer, parseTimeout } from './blocking.js';
import type { Client } from './client.js';
import { VirtualClock } from './clock.js';
import { Engine } from './engine.js';
import { renderReply } from './render-reply.js';
import { manualTimers } from '../../test/manual-timers.js';
import { late } from './late.js';

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

beforeEach(() => {
  clock = new VirtualClock();
  e = new Engine({ clock, late });
  inbox = new Map();
});

describe('blocking and serving', () => {
  it('answers at once when a list has data, else blocks until a push', () => {
    const a = client();
    const b = client();
    run(b, 'RPUSH', 'k', 'x');
    expect(run(a, 'BLPOP', 'k', '0')).toBe('["k","x"]');
    expect(run(a, 'BLPOP', 'k', '0')).toBe('none');
    expect(a.unblock).not.toBeNull();
    expect(e.blocking.count).toBe(1);
    expect(run(b, 'RPUSH', 'k', 'y', 'z')).toBe(':2');
    expect(got(a)).toEqual(['["k","y"]']);
    expect(a.unblock).toBeNull();
    expect(e.blocking.count).toBe(0);
    expect(run(b, 'LRANGE', 'k', '0', '-1')).toBe('["z"]');
  });

  it('serves waiters in the order they blocked, one element each', () => {
    const [a, b, c] = [client(), client(), client()];
    const p = client();
    run(a, 'BLPOP', 'q', '0');
    run(b, 'BLPOP', 'q', '0');
    run(c, 'BRPOP', 'q', '0');
    run(p, 'LPUSH', 'q', '1');
    expect([got(a), got(b), got(c)]).toEqual([['["q","1"]'], [], []]);
    run(p, 'RPUSH', 'q', '2', '3');
    expect([got(b), got(c)]).toEqual([['["q","2"]'], ['["q","3"]']]);
    expect(run(p, 'EXISTS', 'q')).toBe(':0');
  });

  it('serves after the whole EXEC, with what the transaction left', () => {
    const a = client();
    const p = client();
    run(a, 'BLPOP', 'k', '0');
    run(p, 'MULTI');
    run(p, 'RPUSH', 'k', 'a', 'b');
    run(p, 'LPOP', 'k');
    expect(got(a)).toEqual([]);
    expect(run(p, 'EXEC')).toBe('[:2,"a"]');
    expect(got(a)).toEqual(['["k","b"]']);
  });

  it('keeps waiting when the key was filled and emptied inside one EXEC', () => {
    const a = client();
    const p = client();
    run(a, 'BLPOP', 'k', '0');
    run(p, 'MULTI');
    run(p, 'RPUSH', 'k', 'a');
    run(p, 'DEL', 'k');
    run(p, 'EXEC');
    expect(got(a)).toEqual([]);
    expect(a.unblock).not.toBeNull();
  });

  it('first key with data wins and the reply names it', () => {
    const a = client();
    const p = client();
    run(a, 'BRPOP', 'k1', 'k2', 'k3', '0');
    run(p, 'RPUSH', 'k3', 'v3');
    expect(got(a)).toEqual(['["k3","v3"]']);
    run(p, 'RPUSH', 'k2', 'x');
    expect(run(a, 'BLPOP', 'k1', 'k2', '0')).toBe('["k2","x"]');
  });

  it('a key of another type leaves list waiters waiting (Redis 7.0)', () => {
    const a = client();
    const p = client();
    run(a, 'BLPOP', 'k', '0');
    run(p, 'SET', 'k', 'v');
    run(p, 'DEL', 'k');
    run(p, 'ZADD', 'k', '1', 'm');
    expect(got(a)).toEqual([]);
    run(p, 'DEL', 'k');
    run(p, 'RPUSH', 'k', 'x');
    expect(got(a)).toEqual(['["k","x"]']);
  });

  it('BLMOVE cascades into clients waiting on its destination', () => {
    const a = client();
    const b = client();
    const p = client();
    run(a, 'BLMOVE', 'src', 'mid', 'LEFT', 'RIGHT', '0');
    run(b, 'BRPOPLPUSH', 'mid', 'dst', '0');
    run(p, 'RPUSH', 'src', 'job');
    expect(got(a)).toEqual(['"job"']);
    expect(got(b)).toEqual(['"job"']);
    expect(run(p, 'LRANGE', 'dst', '0', '-1')).toBe('["job"]');
    expect(run(p, 'EXISTS', 'src', 'mid')).toBe(':0');
  });

  it('a served BLMOVE whose destination is not a list gets WRONGTYPE and moves nothing', () => {
    const a = client();
    const p = client();
    run(a, 'BLMOVE', 'src', 'dst', 'LEFT', 'LEFT', '0');
    run(p, 'SET', 'dst', 'str');
    run(p, 'RPUSH', 'src', 'x');
    expect(got(a)).toEqual(['!WRONGTYPE Operation against a key holding the wrong kind of value']);
    expect(run(p, 'LRANGE', 'src', '0', '-1')).toBe('["x"]');
    expect(e.stats.commands.get('blmove')).toMatchObject({ calls: 1, failed: 1 });
  });

  it('BLMPOP and BZMPOP serve COUNT elements', () => {
    const a = client();
    const z = client();
    const p = client();
    run(a, 'BLMPOP', '0', '2', 'l1', 'l2', 'RIGHT', 'COUNT', '2');
    run(z, 'BZMPOP', '0', '1', 'zs', 'MAX', 'COUNT', '5');
    run(p, 'RPUSH', 'l2', 'a', 'b', 'c');
    run(p, 'ZADD', 'zs', '1', 'one', '2', 'two');
    expect(got(a)).toEqual(['["l2",["c","b"]]']);
    expect(got(z)).toEqual(['["zs",[["two",,2],["one",,1]]]']);
  });

  it('BZPOPMIN / BZPOPMAX serve [key, member, score]', () => {
    const a = client();
    const b = client();
    const p = client();
    run(a, 'BZPOPMIN', 'z', '0');
    run(b, 'BZPOPMAX', 'z', '0');
    run(p, 'ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(got(a)).toEqual(['["z","a",,1]']);
    expect(got(b)).toEqual(['["z","c",,3]']);
    expect(run(p, 'ZRANGE', 'z', '0', '-1')).toBe('["b"]');
  });

  it('zset waiters are not served by a list and list waiters not by a zset', () => {
    const a = client();
    const b = client();
    const p = client();
    run(a, 'BZPOPMIN', 'k', '0');
    run(b, 'BLPOP', 'k', '0');
    run(p, 'RPUSH', 'k', 'x');
    expect(got(a)).toEqual([]);
    expect(got(b)).toEqual(['["k","x"]']);
    run(p, 'ZADD', 'k', '5', 'm');
    expect(got(a)).toEqual(['["k","m",,5]']);
  });

  it('blocks per database: a push in another database does not serve', () => {
    const a = client();
    const p = client();
    run(a, 'SELECT', '1');
    run(a, 'BLPOP', 'k', '0');
    run(p, 'RPUSH', 'k', 'db0');
    expect(got(a)).toEqual([]);
    run(p, 'SELECT', '1');
    run(p, 'RPUSH', 'k', 'db1');
    expect(got(a)).toEqual(['["k","db1"]']);
  });

  it('keys created by RENAME, MOVE, COPY and SWAPDB serve waiters', () => {
    const a = client();
    const p = client();
    run(a, 'BLPOP', 'dst', '0');
    run(p, 'RPUSH', 'src', 'r');
    run(p, 'RENAME', 'src', 'dst');
    expect(got(a)).toEqual(['["dst","r"]']);

    run(a, 'BLPOP', 'k', '0');
    run(p, 'SELECT', '2');
    run(p, 'RPUSH', 'k', 'm');
    run(p, 'MOVE', 'k', '0');
    expect(got(a)).toEqual(['["k","m"]']);

    run(a, 'BLPOP', 'c', '0');
    run(p, 'RPUSH', 'orig', 'c1');
    run(p, 'COPY', 'orig', 'c', 'DB', '0');
    expect(got(a)).toEqual(['["c","c1"]']);

    run(a, 'BLPOP', 's', '0');
    run(p, 'RPUSH', 's', 'swapped');
    run(p, 'SWAPDB', '0', '2');
    expect(got(a)).toEqual(['["s","swapped"]']);
  });

  it('inside MULTI blocking commands answer as if they timed out', () => {
    const a = client();
    run(a, 'MULTI');
    for (const cmd of [
      ['BLPOP', 'k', '0'],
      ['BRPOP', 'k', '0'],
      ['BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0'],
      ['BRPOPLPUSH', 'k', 'd', '0'],
      ['BLMPOP', '0', '1', 'k', 'LEFT'],
      ['BZPOPMIN', 'z', '0'],
      ['BZPOPMAX', 'z', '0'],
      ['BZMPOP', '0', '1', 'z', 'MIN'],
    ]) {
      run(a, ...cmd);
    }
    expect(run(a, 'EXEC')).toBe('[nil[],nil[],nil,nil,nil[],nil[],nil[],nil[]]');
    expect(e.blocking.count).toBe(0);
  });

  it('counts the call when it blocks, like Redis 7.0', () => {
    const a = client();
    const p = client();
    run(a, 'BLPOP', 'k', '0');
    expect(e.stats.commands.get('blpop')).toMatchObject({ calls: 1, failed: 0 });
    run(p, 'RPUSH', 'k', 'x');
    expect(e.stats.commands.get('blpop')).toMatchObject({ calls: 1, failed: 0 });
  });
});

describe('timeouts', () => {
  it('parses seconds with decimals as Redis does', () => {
    const c = client();
    const now = e.now;
    expect(parseTimeout(c, '0')).toBe(0);
    expect(parseTimeout(c, '0.2')).toBe(now + 200);
    expect(parseTimeout(c, '1e-10')).toBe(now + 1);
    expect(parseTimeout(c, '0x10')).toBe(now + 16000);
    // long double: -0.001 * 1000 rounds to just above -1, whose ceiling is -0.
    expect(parseTimeout(c, '-0.001')).toBe(0);
    expect(renderReply(parseTimeout(c, '-0.002') as never)).toBe('!ERR timeout is negative');
    expect(renderReply(parseTimeout(c, 'inf') as never)).toBe('!ERR timeout is negative');
    expect(renderReply(parseTimeout(c, '1e20') as never)).toBe('!ERR timeout is negative');
    expect(renderReply(parseTimeout(c, 'abc') as never)).toBe('!ERR timeout is not a float or out of range');
    expect(renderReply(parseTimeout(c, 'nan') as never)).toBe('!ERR timeout is not a float or out of range');
    expect(renderReply(parseTimeout(c, ' 1') as never)).toBe('!ERR timeout is not a float or out of range');
    expect(renderReply(parseTimeout(c, '1e5000') as never)).toBe('!ERR timeout is not a float or out of range');
    // The sum with the current time overflows int64: Redis never times it out.
    expect(parseTimeout(c, '9223372036854775.807')).toBe(Number.POSITIVE_INFINITY);
  });

  it('times out once the clock is past the deadline', () => {
    const a = client();
    const b = client();
    run(a, 'BLPOP', 'k', '1');
    run(b, 'BZPOPMIN', 'z', '0.5');
    expect(e.nextBlockedDeadline()).toBe(e.now + 500);
    clock.advance(500);
    e.handleBlockedTimeouts();
    expect(got(b)).toEqual([]);
    clock.advance(1);
    e.handleBlockedTimeouts();
    expect(got(b)).toEqual(['nil[]']);
    expect(e.nextBlockedDeadline()).toBe(clock.now() - 501 + 1000);
    clock.advance(600);
    e.handleBlockedTimeouts();
    expect(got(a)).toEqual(['nil[]']);
    expect(e.nextBlockedDeadline()).toBeNull();
    expect(e.blocking.count).toBe(0);
  });

  it('BLMOVE times out with a null array, as Redis replies to every list waiter', () => {
    const a = client();
    run(a, 'BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0.01');
    clock.advance(11);
    e.handleBlockedTimeouts();
    expect(got(a)).toEqual(['nil[]']);
  });

  it('timeout 0 waits forever', () => {
    const a = client();
    run(a, 'BLPOP', 'k', '0');
    expect(e.nextBlockedDeadline()).toBeNull();
    clock.advance(1e9);
    e.handleBlockedTimeouts();
    expect(got(a)).toEqual([]);
  });

  it('BlockedTimeoutTimer arms one timer for the nearest deadline', () => {
    const { timers: hostTimers, armed: timers } = manualTimers();
    const t = new BlockedTimeoutTimer(e, hostTimers);
    t.start();
    const a = client();
    const b = client();
    run(a, 'BLPOP', 'k', '0.3');
    expect(timers.map((x) => x.ms)).toEqual([301]);
    run(b, 'BLPOP', 'k', '0.2');
    expect(timers.map((x) => x.ms)).toEqual([201]);
    clock.advance(201);
    timers[0]!.fn();
    timers.shift();
    expect(got(b)).toEqual(['nil[]']);
    expect(timers.map((x) => x.ms)).toEqual([100]);
    t.stop();
    expect(timers).toEqual([]);
  });
});

describe('unblocking', () => {
  it('CLIENT UNBLOCK answers the timeout reply or the UNBLOCKED error', () => {
    const a = client();
    const b = client();
    const admin = client();
    run(a, 'BLPOP', 'k', '0');
    run(b, 'BZMPOP', '0', '1', 'z', 'MIN');
    expect(run(admin, 'CLIENT', 'UNBLOCK', String(a.id))).toBe(':1');
    expect(got(a)).toEqual(['nil[]']);
    expect(run(admin, 'CLIENT', 'UNBLOCK', String(a.id))).toBe(':0');
    expect(run(admin, 'CLIENT', 'UNBLOCK', String(b.id), 'ERROR')).toBe(':1');
    expect(got(b)).toEqual(['!UNBLOCKED client unblocked via CLIENT UNBLOCK']);
    expect(e.stats.commands.get('bzmpop')).toMatchObject({ calls: 1, failed: 1 });
    run(admin, 'RPUSH', 'k', 'x');
    expect(got(a)).toEqual([]);
  });

  it('a killed or closed client leaves every wait list', () => {
    const a = client();
    const b = client();
    const c = client();
    run(a, 'BLPOP', 'k', 'k2', '0');
    run(b, 'BLPOP', 'k', '0');
    run(c, 'BLPOP', 'k', '0');
    const p = client();
    expect(run(p, 'CLIENT', 'KILL', 'ID', String(a.id))).toBe(':1');
    e.closeClient(b);
    expect(e.blocking.count).toBe(1);
    run(p, 'RPUSH', 'k', 'x');
    expect(got(a)).toEqual([]);
    expect(got(b)).toEqual([]);
    expect(got(c)).toEqual(['["k","x"]']);
  });

  it('CLIENT LIST shows flag b, cmd and argv-mem; INFO counts blocked clients', () => {
    const a = client();
    const p = client();
    run(a, 'BLPOP', 'mylist', '5');
    const line = run(p, 'CLIENT', 'LIST', 'ID', String(a.id));
    expect(line).toMatch(/ flags=b /);
    expect(line).toMatch(/ argv-mem=12 /);
    expect(line).toMatch(/ cmd=blpop /);
    const info = run(p, 'INFO', 'clients');
    expect(info).toMatch(/blocked_clients:1\r\n/);
    expect(info).toMatch(/clients_in_timeout_table:1\r\n/);
  });
});
