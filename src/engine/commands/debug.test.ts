import { beforeEach, describe, expect, it } from 'vitest';
import { attachAof, MemoryAofDir } from '../aof.js';
import { VirtualClock } from '../clock.js';
import { serverCron } from '../cron.js';
import { Engine, type LogLevel } from '../engine.js';
import { late } from '../late.js';
import { MemorySnapshotStorage } from '../persistence.js';
import { renderReply } from '../render-reply.js';
import { DEBUG_NOT_ALLOWED } from '../../shared/errors.js';
import { T0 } from './test-support.js';

// What the differential tests (test/diff/debug.test.ts) cannot see from outside: who may run
// DEBUG under `local`, the cron's expiry cycle, what is counted as a change, the log lines,
// and an engine without storage.

let clock: VirtualClock;
let e: Engine;
let logged: string[];

function engineWith(config: Record<string, string>, withStorage = false): Engine {
  clock = new VirtualClock(T0);
  const engine = new Engine({ clock, late, config, storage: withStorage ? new MemorySnapshotStorage() : undefined });
  logged = [];
  engine.log = (level: LogLevel, message: string) => logged.push(`${level} ${message}`);
  return engine;
}

function as(addr: string, ...argv: string[]): string {
  return renderReply(e.execute(e.createClient({ addr }), argv));
}

const c = () => e.createClient({ addr: '127.0.0.1:40000' });
let r: (...argv: string[]) => string;

beforeEach(() => {
  e = engineWith({ 'enable-debug-command': 'yes' });
  const client = c();
  r = (...argv) => renderReply(e.execute(client, argv));
});

describe('enable-debug-command', () => {
  it('no refuses everyone; local lets loopback and unix socket clients in; yes everyone', () => {
    e = engineWith({});
    expect(as('127.0.0.1:5000', 'DEBUG', 'DIGEST')).toBe(`!${DEBUG_NOT_ALLOWED}`);
    e = engineWith({ 'enable-debug-command': 'local' });
    expect(as('127.0.0.1:5000', 'DEBUG', 'DIGEST')).toBe('0000000000000000000000000000000000000000');
    expect(as('[::1]:5000', 'DEBUG', 'DIGEST')).toBe('0000000000000000000000000000000000000000');
    expect(as('/tmp/redis.sock:0', 'DEBUG', 'DIGEST')).toBe('0000000000000000000000000000000000000000');
    expect(as('10.1.2.3:5000', 'DEBUG', 'DIGEST')).toBe(`!${DEBUG_NOT_ALLOWED}`);
    expect(as('127.0.0.2:5000', 'DEBUG', 'DIGEST')).toBe(`!${DEBUG_NOT_ALLOWED}`);
    e = engineWith({ 'enable-debug-command': 'yes' });
    expect(as('10.1.2.3:5000', 'DEBUG', 'DIGEST')).toBe('0000000000000000000000000000000000000000');
  });
});

describe('SET-ACTIVE-EXPIRE and PAUSE-CRON', () => {
  it('0 stops the cron from deleting expired keys; 1 lets it again', () => {
    r('SET', 'k', 'v', 'PX', '10');
    expect(r('DEBUG', 'SET-ACTIVE-EXPIRE', '0')).toBe('OK');
    clock.advance(100);
    expect(serverCron(e).expired).toBe(0);
    expect(r('DBSIZE')).toBe(':1');
    expect(r('DEBUG', 'SET-ACTIVE-EXPIRE', '1')).toBe('OK');
    expect(serverCron(e).expired).toBe(1);
    expect(r('DBSIZE')).toBe(':0');
  });

  it('any non-zero number enables, as atoi reads it; junk is 0', () => {
    r('DEBUG', 'SET-ACTIVE-EXPIRE', ' 7x');
    expect(e.debugSettings.activeExpire).toBe(true);
    r('DEBUG', 'SET-ACTIVE-EXPIRE', 'junk');
    expect(e.debugSettings.activeExpire).toBe(false);
  });

  it('PAUSE-CRON 1 skips the whole cron run', () => {
    r('SET', 'k', 'v', 'PX', '10');
    clock.advance(100);
    r('DEBUG', 'PAUSE-CRON', '1');
    expect(serverCron(e)).toEqual({ expired: 0, saved: false });
    r('DEBUG', 'PAUSE-CRON', '0');
    expect(serverCron(e).expired).toBe(1);
  });
});

describe('QUICKLIST-PACKED-THRESHOLD', () => {
  it('elements at or over the threshold become plain nodes in DEBUG OBJECT and in DUMP', () => {
    r('RPUSH', 'l', 'a', 'b', 'long element');
    expect(r('DEBUG', 'OBJECT', 'l')).toContain('ql_nodes:1 ');
    r('DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '5b');
    // 2 elements in a listpack, 1 plain: 3 elements in 2 nodes.
    expect(r('DEBUG', 'OBJECT', 'l')).toContain('ql_nodes:2 ql_avg_node:1.50 ');
    const dump = e.execute(c(), ['DUMP', 'l']);
    expect(dump?.t === 'bulk' && dump.v !== null && dump.v.includes('\x01\x0clong element')).toBe(true);
    r('DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '0');
    expect(e.debugSettings.quicklistPackedThreshold).toBe(1 << 30);
  });

  it("ql_avg_node rounds a tie to even, as glibc's %.2f does", () => {
    r('DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '5b');
    r('RPUSH', 'l', 'a', 'b', ...Array.from({ length: 7 }, () => 'x'.repeat(10)));
    // 9 elements in 8 nodes: 1.125 prints 1.12.
    expect(r('DEBUG', 'OBJECT', 'l')).toContain('ql_nodes:8 ql_avg_node:1.12 ');
  });
});

describe('RELOAD', () => {
  it('without storage reloads the snapshot it makes; NOSAVE then has nothing to load', () => {
    r('SET', 'k', 'v');
    r('RPUSH', 'l', 'a');
    const digest = r('DEBUG', 'DIGEST');
    expect(r('DEBUG', 'RELOAD')).toBe('OK');
    expect(r('DEBUG', 'DIGEST')).toBe(digest);
    expect(logged).toContain('# DB reloaded by DEBUG RELOAD');
    expect(r('DEBUG', 'RELOAD', 'NOSAVE')).toBe('!ERR Error trying to load the RDB dump');
    expect(r('GET', 'k')).toBe('"v"');
  });

  it('the save resets the change counter; NOSAVE leaves it', () => {
    e = engineWith({ 'enable-debug-command': 'yes' }, true);
    const client = c();
    r = (...argv) => renderReply(e.execute(client, argv));
    r('SET', 'k', 'v');
    expect(r('DEBUG', 'RELOAD')).toBe('OK');
    expect(e.changesSinceLastSave).toBe(0);
    r('SET', 'k', 'w');
    expect(r('DEBUG', 'RELOAD', 'NOSAVE')).toBe('OK');
    expect(e.changesSinceLastSave).toBe(1);
    expect(r('GET', 'k')).toBe('"v"');
  });

  it('NOFLUSH without MERGE fails on a key that is already there (Redis would panic)', () => {
    e = engineWith({ 'enable-debug-command': 'yes' }, true);
    const client = c();
    r = (...argv) => renderReply(e.execute(client, argv));
    r('SET', 'k', 'v');
    r('SAVE');
    expect(r('DEBUG', 'RELOAD', 'NOSAVE', 'NOFLUSH')).toBe('!ERR Error trying to load the RDB dump');
    expect(logged).toContain("# RDB has duplicated key 'k' in DB 0");
    r('DEL', 'k');
    r('SET', 'other', 'x');
    expect(r('DEBUG', 'RELOAD', 'NOSAVE', 'NOFLUSH')).toBe('OK');
    expect(r('MGET', 'k', 'other')).toBe('["v","x"]');
  });
});

describe('POPULATE, SLEEP, LOG, CHANGE-REPL-ID', () => {
  it('POPULATE adds keys that are not counted as changes (nothing to propagate)', () => {
    const before = e.changesSinceLastSave;
    r('DEBUG', 'POPULATE', '100');
    expect(r('DBSIZE')).toBe(':100');
    expect(e.changesSinceLastSave).toBe(before);
  });

  it('SLEEP blocks the thread for the time asked, read as strtod reads it', () => {
    const t0 = performance.now();
    expect(r('DEBUG', 'SLEEP', '0.05seconds')).toBe('OK');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
    const t1 = performance.now();
    expect(r('DEBUG', 'SLEEP', 'inf')).toBe('OK');
    expect(r('DEBUG', 'SLEEP', '-3')).toBe('OK');
    expect(performance.now() - t1).toBeLessThan(40);
  });

  it('SLEEP in a script does not move the script’s time: a key that expires meanwhile is still there', () => {
    // Real time, which the sleep really passes.
    const live = new Engine({ late, config: { 'enable-debug-command': 'yes' } });
    const c = live.createClient();
    const run = (...argv: string[]) => renderReply(live.execute(c, argv));
    run('DEBUG', 'SET-DISABLE-DENY-SCRIPTS', '1');
    const script = "redis.call('SET', 'key', 'value', 'PX', '1') redis.call('DEBUG', 'SLEEP', 0.01) return redis.call('EXISTS', 'key')";
    expect(run('EVAL', script, '0')).toBe(':1');
    expect(run('EXISTS', 'key')).toBe(':0');
  });

  it('LOG writes a warning line; CHANGE-REPL-ID logs and changes master_replid', () => {
    r('DEBUG', 'LOG', 'hello\0ignored');
    expect(logged).toContain('# DEBUG LOG: hello');
    const replid = () => /master_replid:(\w+)/.exec(r('INFO', 'replication'))![1];
    const before = replid();
    r('DEBUG', 'CHANGE-REPL-ID');
    expect(replid()).not.toBe(before);
    expect(logged).toContain('# Changing replication IDs after receiving DEBUG change-repl-id');
  });

  it('REPLYBUFFER sets the resizing switch and the peak reset time', () => {
    r('DEBUG', 'REPLYBUFFER', 'RESIZING', '0');
    r('DEBUG', 'REPLYBUFFER', 'PEAK-RESET-TIME', 'never');
    expect(e.debugSettings).toMatchObject({ replyBufferResizing: false, replyBufferPeakResetMs: -1 });
    r('DEBUG', 'REPLYBUFFER', 'RESIZING', '1');
    r('DEBUG', 'REPLYBUFFER', 'PEAK-RESET-TIME', 'reset');
    expect(e.debugSettings).toMatchObject({ replyBufferResizing: true, replyBufferPeakResetMs: 5000 });
  });
});

describe('OBJECT', () => {
  it('does not touch the key, and the idle time follows the clock', () => {
    r('SET', 'k', 'v');
    clock.advance(5000);
    expect(r('DEBUG', 'OBJECT', 'k')).toMatch(/ lru_seconds_idle:5$/);
    expect(r('DEBUG', 'OBJECT', 'k')).toMatch(/ lru_seconds_idle:5$/);
    expect(r('OBJECT', 'IDLETIME', 'k')).toBe(':5');
  });

  it('the address stays while the value changes in place', () => {
    r('SET', 'n', '20000');
    const at = () => r('DEBUG', 'OBJECT', 'n').split(' ')[1];
    const before = at();
    r('INCR', 'n');
    expect(at()).toBe(before);
    expect(before).toMatch(/^at:0x[0-9a-f]+$/);
  });
});

describe('LOADAOF', () => {
  it('replays the AOF files into an emptied dataset, TTLs kept', () => {
    attachAof(e, new MemoryAofDir());
    expect(r('CONFIG', 'SET', 'appendonly', 'yes')).toBe('OK');
    r('SET', 'k', 'v', 'EX', '100');
    r('SET', 'k', 'v2', 'KEEPTTL');
    r('RPUSH', 'l', 'a', 'b');
    clock.advance(2000);
    expect(r('DEBUG', 'LOADAOF')).toBe('OK');
    expect(r('GET', 'k')).toBe('"v2"');
    expect(r('TTL', 'k')).toBe(':98');
    expect(r('LRANGE', 'l', '0', '-1')).toBe('["a","b"]');
    expect(e.changesSinceLastSave).toBe(0);
    expect(logged).toContain('# Append Only File loaded by DEBUG LOADAOF');
  });

  it('without AOF files (the browser) it is an unknown subcommand', () => {
    expect(r('DEBUG', 'LOADAOF')).toBe("!ERR unknown subcommand or wrong number of arguments for 'LOADAOF'. Try DEBUG HELP.");
  });
});
