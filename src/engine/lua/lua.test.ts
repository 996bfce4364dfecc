import { describe, expect, it } from 'vitest';
import { CASES, SYNTAX_CASES } from './cases.js';
import golden from './lua51-golden.json' with { type: 'json' };
import { runOurs } from './lua51-driver.js';
import { runPrinted } from './run-for-test.js';
import { LuaState } from './state.js';
import { LuaError, LuaTable } from './value.js';

const want = golden as Record<string, string>;

describe('Lua 5.1 programs print what lua5.1 prints', () => {
  it('has a recorded output for every program', () => {
    for (const src of [...CASES, ...SYNTAX_CASES]) expect(want[src], src).toBeTypeOf('string');
  });
  it.each(CASES)('%s', (src) => {
    expect(runOurs(src)).toBe(want[src]);
  });
  it.each(SYNTAX_CASES)('syntax: %s', (src) => {
    expect(runOurs(src)).toBe(want[src]);
  });
});

describe('interruptible execution', () => {
  it('every program gives the same output when run 3 steps at a time', () => {
    for (const src of CASES) {
      const whole = runPrinted(src);
      const sliced = runPrinted(src, '@user_script', 3);
      expect(sliced, src).toEqual(whole);
    }
  });

  it('pauses an endless loop and can kill it, leaving the state usable', () => {
    const L = new LuaState();
    const run = L.start(L.load('local n = 0 while true do n = n + 1 end', '@user_script'));
    for (let i = 0; i < 5; i++) expect(run.resume(1000)).toEqual({ status: 'yield' });
    run.kill();
    expect(L.runToEnd(L.load('return 1 + 1', '@user_script'))).toEqual({ status: 'ok', values: [2] });
  });

  it('pauses inside a sort comparator, a gsub callback, pcall and a metamethod', () => {
    const src = `
      local t = {} for i = 1, 200 do t[i] = (i * 7919) % 1000 end
      table.sort(t, function(a, b) return a > b end)
      local s = string.gsub(string.rep("ab", 50), "a", function(c) return c:upper() end)
      local ok, e = pcall(function() for i = 1, 100 do end error("late") end)
      local mt = {__index = function(t, k) local x = 0 for i = 1, 50 do x = x + i end return x + k end}
      local p = setmetatable({}, mt)
      return t[1], t[200], #s, s:sub(1, 4), ok, e, p[1]`;
    const L = new LuaState();
    const run = L.start(L.load(src, '@user_script'));
    let pauses = 0;
    let r = run.resume(5);
    while (r.status === 'yield') {
      pauses++;
      r = run.resume(5);
    }
    expect(pauses).toBeGreaterThan(100);
    expect(r).toEqual({ status: 'ok', values: [987, 3, 100, 'AbAb', false, 'user_script:5: late', 1276] });
  });

  it('an endless loop inside pcall inside a comparator still pauses', () => {
    const L = new LuaState();
    const fn = L.load('table.sort({3, 2, 1}, function(a, b) pcall(function() while true do end end) return a < b end)', '@user_script');
    const run = L.start(fn);
    for (let i = 0; i < 3; i++) expect(run.resume(100).status).toBe('yield');
    run.kill();
  });
});

describe('host API', () => {
  it('registers host functions, passes arguments and errors both ways', () => {
    const L = new LuaState();
    const redis = new LuaTable();
    const calls: unknown[][] = [];
    redis.set(
      'call',
      L.native('call', (L2, args) => {
        calls.push(args);
        if (args[0] === 'BAD') throw L2.error('@user_script: Unknown Redis command called from script');
        return [args.length];
      }),
    );
    L.setGlobal('redis', redis);
    const fn = L.load("local n = redis.call('SET', KEYS[1], ARGV[1]) return n, redis.call('BAD')", '@user_script');
    const keys = new LuaTable();
    keys.set(1, 'k');
    L.setGlobal('KEYS', keys);
    L.setGlobal('ARGV', LuaTable.sized(['v'], 0));
    const r = L.runToEnd(fn);
    expect(calls).toEqual([['SET', 'k', 'v'], ['BAD']]);
    expect(r).toEqual({
      status: 'error',
      value: 'user_script:1: @user_script: Unknown Redis command called from script',
      origin: { chunk: 'user_script', line: 1 },
    });
  });

  it('returns tables and error tables as values', () => {
    const L = new LuaState();
    const r = L.runToEnd(L.load("return {1, 2, 'x'}, {err = 'boom'}", '@user_script'));
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    const [a, b] = r.values as [LuaTable, LuaTable];
    expect([a.get(1), a.get(2), a.get(3), a.length()]).toEqual([1, 2, 'x', 3]);
    expect(b.get('err')).toBe('boom');
    const e = L.runToEnd(L.load("error({err = 'x'})", '@user_script'));
    expect(e.status === 'error' && e.value instanceof LuaTable && e.value.get('err')).toBe('x');
  });

  it('reports syntax errors worded as Lua 5.1 with the chunk name', () => {
    const L = new LuaState();
    expect(L.tryLoad('return +', '@user_script')).toBe("user_script:1: unexpected symbol near '+'");
    expect(() => L.load('x x', '@user_script')).toThrow();
    expect(new LuaError('v').value).toBe('v');
  });

  it('refuses stores into readonly tables as Redis 7.0 words it (seen with redis-server 7.0.15)', () => {
    const L = new LuaState();
    (L.globals.get('string') as LuaTable).readonly = true;
    const run = (src: string) => L.runToEnd(L.load(src, '@user_script'));
    const refused = (value: string) => ({ status: 'error', value, origin: { chunk: 'user_script', line: 1 } });
    expect(run('string.x = 1')).toEqual(refused('user_script:1: Attempt to modify a readonly table'));
    expect(run("rawset(string, 'x', 1)")).toEqual(refused('Attempt to modify a readonly table'));
    expect(run('table.insert(string, 1)')).toEqual(refused('Attempt to modify a readonly table'));
    expect(run('setmetatable(string, {})')).toEqual(refused('Attempt to modify a readonly table'));
    expect(run('local ok, e = pcall(function() string.y = 2 end) return e')).toEqual({
      status: 'ok',
      values: ['user_script:1: Attempt to modify a readonly table'],
    });
    expect(run('return string.rep("a", 2)')).toEqual({ status: 'ok', values: ['aa'] });
  });
});
