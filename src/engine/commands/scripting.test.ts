import { beforeEach, describe, expect, it } from 'vitest';
import { CommandBench } from './test-support.js';
import { renderReply } from '../render-reply.js';
import { sha1hex } from '../scripting/sha1.js';
import { Rand48 } from '../scripting/rand48.js';
import { extractShebang, FLAG_EVAL_COMPAT, FLAG_NO_WRITES } from '../scripting/scripting.js';

const t = new CommandBench();
const r = t.r;

beforeEach(() => t.reset());

describe('sha1hex and Rand48', () => {
  it('hashes as SHA-1 (values from sha1sum)', () => {
    expect(sha1hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1hex('return 1')).toBe('e0e1f9fabfc9d4800c877a703b823ac0578ff8db');
    expect(sha1hex('a'.repeat(1000))).toBe('291e9a6c66994949b57ba5e650361e98fc36b1ba');
  });

  it("gives Redis's math.random sequence (85 and 36 after one call, seen on redis-server 7.0.15)", () => {
    const g = new Rand48();
    g.next();
    expect([Math.floor(g.random() * 100) + 1, Math.floor(g.random() * 100) + 1]).toEqual([85, 36]);
  });
});

describe('shebang', () => {
  it('reads flags and refuses what Redis refuses', () => {
    expect(extractShebang('return 1')).toEqual({ flags: FLAG_EVAL_COMPAT, length: 0 });
    expect(extractShebang('#!lua flags=no-writes\nreturn 1')).toEqual({ flags: FLAG_NO_WRITES, length: 21 });
    expect(extractShebang('#!lua')).toBe('Invalid script shebang');
    expect(extractShebang('#!py\n')).toBe('Unexpected engine in script shebang: #!py');
    expect(extractShebang('#!lua x=1\n')).toBe('Unknown lua shebang option: x=1');
    expect(extractShebang('#!lua flags=no-writes,x\n')).toBe('Unexpected flag in script shebang: x');
    expect(extractShebang('#!lua "a\n')).toBe('Invalid engine in script shebang');
  });
});

describe('EVAL / EVALSHA / SCRIPT', () => {
  it('runs scripts with KEYS, ARGV and redis.call', () => {
    expect(r('EVAL', "return redis.call('SET', KEYS[1], ARGV[1])", '1', 'k', 'v')).toBe('OK');
    expect(r('EVAL', "return {redis.call('GET', KEYS[1]), 3.9, true, false}", '1', 'k')).toBe('["v",:3,:1,nil]');
    expect(t.events).toEqual(['set:k']);
  });

  it('caches by SHA1 and forgets on SCRIPT FLUSH', () => {
    expect(r('SCRIPT', 'LOAD', 'return 1')).toBe('"e0e1f9fabfc9d4800c877a703b823ac0578ff8db"');
    expect(r('EVALSHA', 'E0E1F9FABFC9D4800C877A703B823AC0578FF8DB', '0')).toBe(':1');
    expect(r('SCRIPT', 'EXISTS', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', 'x')).toBe('[:1,:0]');
    expect(r('SCRIPT', 'FLUSH', 'ASYNC')).toBe('OK');
    expect(r('EVALSHA', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', '0')).toBe('!NOSCRIPT No matching script. Please use EVAL.');
    expect(r('SCRIPT', 'FLUSH', 'x')).toBe('!ERR SCRIPT FLUSH only support SYNC|ASYNC option');
    expect(r('SCRIPT', 'KILL')).toBe('!NOTBUSY No scripts in execution right now.');
  });

  it('words errors as Redis 7.0', () => {
    expect(r('EVAL', 'return x', '0')).toBe(
      "!ERR user_script:1: Script attempted to access nonexistent global variable 'x' script: 03c387736bb5cc009ff35151572cee04677aa374, on @user_script:1.",
    );
    expect(r('EVAL', 'return 1 +', '0')).toBe("!ERR Error compiling script (new function): user_script:1: unexpected symbol near '<eof>'");
    expect(r('EVAL', 'return 1', '2', 'a')).toBe("!ERR Number of keys can't be greater than number of args");
    expect(r('EVAL_RO', "return redis.call('DEL', 'k')", '0')).toMatch(/^!ERR Write commands are not allowed from read-only scripts\. script: /);
    expect(r('EVAL', "return redis.pcall('MULTI')", '0')).toBe('!ERR This Redis command is not allowed from script');
  });

  it('refuses blocking list commands (noscript in 7.0) and XREAD/XREADGROUP with BLOCK', () => {
    expect(r('EVAL', "return redis.pcall('BLMOVE', 'nolist', 'x', 'LEFT', 'LEFT', 0)", '0')).toBe('!ERR This Redis command is not allowed from script');
    expect(r('EVAL', "return redis.pcall('xread', 'BLOCK', 'x', 'STREAMS', 's', '$')", '0')).toBe(
      '!ERR xread command is not allowed with BLOCK option from scripts',
    );
    expect(r('EVAL', "return redis.pcall('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', 0, 'STREAMS', 's', '>')", '0')).toBe(
      '!ERR XREADGROUP command is not allowed with BLOCK option from scripts',
    );
    expect(r('EVAL', "return redis.call('XREAD', 'STREAMS', 's', '$')", '0')).toBe('nil');
  });
});

describe('where scripts show up', () => {
  it('counts cached scripts in INFO and shows the script client as lua to MONITOR', () => {
    r('SCRIPT', 'LOAD', 'return 1');
    expect(r('INFO', 'memory')).toContain('number_of_cached_scripts:1');
    const m = t.e.createClient();
    const lines: string[] = [];
    m.deliver = (x) => {
      if (x.t === 'simple') lines.push(x.v.replace(/^\S+ /, ''));
    };
    t.e.execute(m, ['MONITOR']);
    r('EVAL', "return redis.call('SET', 'k', 'v')", '0');
    expect(lines).toEqual(['[0 127.0.0.1:40003] "EVAL" "return redis.call(\'SET\', \'k\', \'v\')" "0"', '[0 lua] "SET" "k" "v"']);
  });
});

describe('a script that outlives its first slice (engine.scriptRun)', () => {
  const BUSY = '!BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.';
  /** A host that steps by hand: the engine's monotonic time is the virtual clock. */
  function hosted(): { late: string[]; logs: string[] } {
    const late: string[] = [];
    const logs: string[] = [];
    t.e.onScriptRun = () => {};
    t.e.log = (_level, message) => logs.push(message);
    t.c.deliver = (reply) => late.push(renderReply(reply));
    return { late, logs };
  }

  it('runs a long script to its end at once without a host', () => {
    expect(r('EVAL', 'local n = 0 for i = 1, 300000 do n = n + 1 end return n', '0')).toBe(':300000');
    expect(t.e.scriptRun).toBeNull();
  });

  it('keeps others waiting, then answers them BUSY past the threshold; SCRIPT KILL ends it', () => {
    const { late, logs } = hosted();
    const other = t.e.createClient();
    expect(t.run('EVAL', 'local i = 0\nwhile true do i = i + 1 end', '0')).toBeNull();
    const run = t.e.scriptRun!;
    expect(t.e.holds(t.c) && t.e.holds(other)).toBe(true);
    t.e.stepScript();
    expect(run.timedOut).toBe(false);
    t.clock.advance(5000);
    t.e.stepScript();
    expect(run.timedOut).toBe(true);
    expect(logs[0]).toMatch(
      /^Slow script detected: still in execution after 5000 milliseconds\. You can try killing the script using the SCRIPT KILL command\. Script name is: [0-9a-f]{40}\.$/,
    );
    expect([t.e.holds(t.c), t.e.holds(other)]).toEqual([true, false]);
    expect(t.rAs(other, 'GET', 'k')).toBe(BUSY);
    expect(t.rAs(other, 'NOSUCH')).toMatch(/^!ERR unknown command/);
    expect(t.rAs(other, 'SHUTDOWN')).toBe(BUSY);
    expect(t.rAs(other, 'MULTI')).toBe('OK');
    expect(t.rAs(other, 'DISCARD')).toBe('OK');
    expect(t.rAs(other, 'SCRIPT', 'KILL')).toBe('OK');
    expect(late).toEqual([]);
    t.e.stepScript();
    expect(late).toEqual([`!ERR Script killed by user with SCRIPT KILL... script: ${sha1hex('local i = 0\nwhile true do i = i + 1 end')}, on @user_script:2.`]);
    expect(t.e.scriptRun).toBeNull();
    expect(t.rAs(other, 'SCRIPT', 'KILL')).toBe('!NOTBUSY No scripts in execution right now.');
    expect(r('INFO', 'errorstats')).toContain('errorstat_BUSY:count=2');
    expect(r('INFO', 'commandstats')).toMatch(/cmdstat_eval:calls=1,.*,rejected_calls=0,failed_calls=1/);
  });

  it('refuses to kill a script that wrote, which still ends by itself', () => {
    const { late } = hosted();
    const other = t.e.createClient();
    t.run('EVAL', "redis.call('SET', 'k', 'v') local n = 0 while n < 1000000 do n = n + 1 end return n", '0');
    t.clock.advance(6000);
    t.e.stepScript();
    expect(t.rAs(other, 'SCRIPT', 'KILL')).toMatch(/^!UNKILLABLE Sorry the script already executed write commands against the dataset\./);
    while (t.e.scriptRun !== null) t.e.stepScript();
    expect(late).toEqual([':1000000']);
  });

  it('kills through pcall: the error is raised again at the next step', () => {
    const { late } = hosted();
    const body = 'local ok = pcall(function() while true do end end)\nwhile true do end';
    t.run('EVAL', body, '0');
    t.clock.advance(6000);
    t.e.stepScript();
    expect(t.rAs(t.e.createClient(), 'SCRIPT', 'KILL')).toBe('OK');
    t.e.stepScript();
    expect(late).toEqual([`!ERR Script killed by user with SCRIPT KILL... script: ${sha1hex(body)}, on @user_script:2.`]);
  });

  it('holds EXEC at a long script and goes on with the queue once it ends', () => {
    const { late } = hosted();
    r('MULTI');
    r('SET', 'k', 'v');
    r('EVAL', 'local n = 0 while n < 500000 do n = n + 1 end return n', '0');
    r('INCR', 'n');
    expect(t.run('EXEC')).toBeNull();
    expect(t.c.multi).not.toBeNull();
    while (t.e.scriptRun !== null) t.e.stepScript();
    expect(late).toEqual(['[OK,:500000,:1]']);
    expect(t.c.multi).toBeNull();
  });

  it('never times out with busy-reply-threshold 0', () => {
    hosted();
    r('CONFIG', 'SET', 'lua-time-limit', '0');
    t.run('EVAL', 'while true do end', '0');
    t.clock.advance(60_000);
    t.e.stepScript();
    expect(t.e.scriptRun!.timedOut).toBe(false);
    expect(t.e.holds(t.e.createClient())).toBe(true);
  });
});
