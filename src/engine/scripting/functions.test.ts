import { beforeEach, describe, expect, it } from 'vitest';
import { CommandBench } from '../commands/test-support.js';
import { MemorySnapshotStorage, loadSnapshot, snapshot } from '../persistence.js';
import { Engine } from '../engine.js';
import { bytesFromLatin1 } from '../rdb.js';
import { extractLibMetadata, verifyDumpPayload } from './functions.js';
import { late } from '../late.js';

const t = new CommandBench();
const r = t.r;

beforeEach(() => t.reset());

const LIB = `#!lua name=mylib
local function double(x) return x * 2 end
redis.register_function('twice', function(keys, args) return double(tonumber(args[1])) end)
redis.register_function{function_name='setit', callback=function(keys, args) return redis.call('SET', keys[1], args[1]) end, description='writes', flags={'allow-oom'}}
redis.register_function{function_name='getit', callback=function(keys, args) return redis.call('GET', keys[1]) end, flags={'NO-WRITES'}}
`;

describe('library metadata', () => {
  it('reads the shebang as functionExtractLibMetaData does', () => {
    expect(extractLibMetadata('#!lua name=a\nx')).toEqual({ engine: 'lua', name: 'a', body: '\nx' });
    expect(extractLibMetadata('#!lua NAME=b\n')).toEqual({ engine: 'lua', name: 'b', body: '\n' });
    expect(extractLibMetadata('lua name=a\n')).toEqual({ error: 'Missing library metadata' });
    expect(extractLibMetadata('#!lua name=a')).toEqual({ error: 'Invalid library metadata' });
    expect(extractLibMetadata('#!lua name=a\0\n')).toEqual({ error: 'Invalid library metadata' });
    expect(extractLibMetadata('#!lua\n')).toEqual({ error: 'Library name was not given' });
    expect(extractLibMetadata('#!lua name=a name=b\n')).toEqual({ error: 'Invalid metadata value, name argument was given multiple times' });
    expect(extractLibMetadata('#!lua x=1\n')).toEqual({ error: 'Invalid metadata value given: x=1' });
  });
});

describe('FUNCTION LOAD and FCALL', () => {
  it('loads a library, calls its functions with keys and args, refuses writes from FCALL_RO', () => {
    expect(r('FUNCTION', 'LOAD', LIB)).toBe('"mylib"');
    expect(r('FCALL', 'twice', '0', '21')).toBe(':42');
    expect(r('FCALL', 'TWICE', '0', '1')).toBe(':2');
    expect(r('FCALL', 'setit', '1', 'k', 'v')).toBe('OK');
    expect(r('FCALL_RO', 'getit', '1', 'k')).toBe('"v"');
    expect(r('FCALL_RO', 'setit', '1', 'k', 'v')).toBe('!ERR Can not execute a script with write flag using *_ro command.');
    expect(t.events).toEqual(['set:k']);
  });

  it('words errors as 7.0.15', () => {
    r('FUNCTION', 'LOAD', LIB);
    expect(r('FUNCTION', 'LOAD', LIB)).toBe("!ERR Library 'mylib' already exists");
    expect(r('FCALL', 'nosuch', '0')).toBe('!ERR Function not found');
    expect(r('FCALL', 'twice', 'x')).toBe('!ERR Bad number of keys provided');
    expect(r('FCALL', 'twice', '2', 'a')).toBe("!ERR Number of keys can't be greater than number of args");
    expect(r('FCALL', 'twice', '-1')).toBe("!ERR Number of keys can't be negative");
    expect(r('FCALL', 'twice', '0')).toBe("!ERR user_function:2: attempt to perform arithmetic on local 'x' (a nil value) script: twice, on @user_function:2.");
    expect(r('FUNCTION', 'LOAD', "#!lua name=x\nreturn string.len('a')")).toBe(
      "!ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'string'",
    );
    expect(r('FUNCTION', 'LOAD', '#!lua name=x\nredis.register_function()')).toBe(
      '!ERR Error registering functions: ERR wrong number of arguments to redis.register_function',
    );
    expect(r('FUNCTION', 'LOAD', "#!lua name=x\nredis.register_function{function_name='f', callback=function() end, flags={'bad'}}")).toBe(
      '!ERR Error registering functions: ERR unknown flag given',
    );
    expect(r('FUNCTION', 'LOAD', '#!lua name=x\nlocal a = 1')).toBe('!ERR No functions registered');
    expect(r('FUNCTION', 'LOAD', '#!lua name=x\nreturn 1 +')).toBe("!ERR Error compiling function: user_function:2: unexpected symbol near '<eof>'");
    expect(r('FUNCTION', 'LOAD', "#!lua name=x\nredis.register_function('twice', function() end)")).toBe('!ERR Function twice already exists');
    expect(r('FUNCTION', 'LOAD', '#!lua name=x\nwhile true do end')).toBe('!ERR Error registering functions: ERR FUNCTION LOAD timeout');
    expect(r('FUNCTION', 'LOAD', 'foo', 'bar')).toBe('!ERR Unknown option given: foo');
    expect(r('FUNCTION', 'KILL')).toBe('!NOTBUSY No scripts in execution right now.');
  });

  it('keeps the old library when a REPLACE fails, and its functions once replaced', () => {
    r('FUNCTION', 'LOAD', LIB);
    expect(r('FUNCTION', 'LOAD', 'REPLACE', '#!lua name=mylib\nreturn 1 +')).toMatch(/^!ERR Error compiling function/);
    expect(r('FCALL', 'twice', '0', '2')).toBe(':4');
    expect(r('FUNCTION', 'LOAD', 'REPLACE', "#!lua name=mylib\nredis.register_function('once', function() return 1 end)")).toBe('"mylib"');
    expect(r('FCALL', 'twice', '0', '2')).toBe('!ERR Function not found');
    expect(r('FCALL', 'once', '0')).toBe(':1');
  });

  it('lists, counts, deletes and flushes libraries; SCRIPT FLUSH leaves them', () => {
    r('FUNCTION', 'LOAD', LIB);
    expect(r('FUNCTION', 'LIST', 'LIBRARYNAME', 'MY*')).toBe(
      '[{"library_name":"mylib","engine":"LUA","functions":[{"name":"twice","description":nil,"flags":~[]},{"name":"setit","description":"writes","flags":~[allow-oom]},{"name":"getit","description":nil,"flags":~[no-writes]}]}]',
    );
    expect(r('FUNCTION', 'LIST', 'LIBRARYNAME', 'x*')).toBe('[]');
    expect(r('FUNCTION', 'LIST', 'WITHCODE', 'WITHCODE')).toBe('!ERR Unknown argument WITHCODE');
    expect(r('FUNCTION', 'LIST', 'LIBRARYNAME')).toBe('!ERR library name argument was not given');
    expect(r('INFO', 'memory')).toContain('number_of_functions:3\r\nnumber_of_libraries:1\r\n');
    expect(r('FUNCTION', 'STATS')).toBe('{"running_script":nil,"engines":{"LUA":{"libraries_count"::1,"functions_count"::3}}}');
    r('SCRIPT', 'FLUSH');
    expect(r('FCALL', 'twice', '0', '1')).toBe(':2');
    expect(r('FUNCTION', 'DELETE', 'nosuch')).toBe('!ERR Library not found');
    expect(r('FUNCTION', 'DELETE', 'mylib')).toBe('OK');
    expect(r('FCALL', 'twice', '0', '1')).toBe('!ERR Function not found');
    r('FUNCTION', 'LOAD', LIB);
    expect(r('FUNCTION', 'FLUSH', 'x')).toBe('!ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
    expect(r('FUNCTION', 'FLUSH', 'ASYNC')).toBe('OK');
    expect(r('FUNCTION', 'LIST')).toBe('[]');
  });
});

describe('FUNCTION DUMP and RESTORE', () => {
  it('round-trips libraries with each policy', () => {
    r('FUNCTION', 'LOAD', LIB);
    const payload = t.run('FUNCTION', 'DUMP');
    if (payload === null || payload.t !== 'bulk' || payload.v === null) throw new Error('no payload');
    expect(verifyDumpPayload(bytesFromLatin1(payload.v))).toBe(true);
    expect(payload.v.charCodeAt(0)).toBe(245);
    expect(r('FUNCTION', 'RESTORE', payload.v)).toBe('!ERR Library mylib already exists');
    expect(r('FUNCTION', 'RESTORE', payload.v, 'REPLACE')).toBe('OK');
    expect(r('FUNCTION', 'RESTORE', payload.v, 'FLUSH')).toBe('OK');
    expect(r('FUNCTION', 'RESTORE', payload.v, 'x')).toBe('!ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.');
    expect(r('FUNCTION', 'RESTORE', 'junk')).toBe('!ERR DUMP payload version or checksum are wrong');
    expect(r('FUNCTION', 'RESTORE', payload.v.slice(0, -1) + 'x')).toBe('!ERR DUMP payload version or checksum are wrong');
    r('FUNCTION', 'DELETE', 'mylib');
    expect(r('FUNCTION', 'RESTORE', payload.v)).toBe('OK');
    expect(r('FCALL', 'twice', '0', '4')).toBe(':8');
  });
});

describe('RDB', () => {
  it('saves libraries before the keys and loads them back', () => {
    r('FUNCTION', 'LOAD', LIB);
    r('SET', 'k', 'v');
    const bytes = snapshot(t.e);
    const e2 = new Engine({ storage: new MemorySnapshotStorage(), late });
    loadSnapshot(e2, bytes);
    const c = e2.createClient();
    const reply = e2.execute(c, ['FCALL', 'twice', '0', '5']);
    expect(reply).toEqual({ t: 'int', v: 10 });
    expect(e2.execute(c, ['INFO', 'memory'])).toMatchObject({ v: expect.stringContaining('number_of_libraries:1') as unknown });
  });

  it('an engine whose Lua has not come yet keeps a file’s libraries, saves them, and loads them when it comes', () => {
    r('FUNCTION', 'LOAD', LIB);
    const e2 = new Engine({ storage: new MemorySnapshotStorage() });
    loadSnapshot(e2, snapshot(t.e));
    const c = e2.createClient();
    expect(e2.execute(c, ['FCALL', 'twice', '0', '5'])).toEqual({ t: 'error', v: 'ERR Lua scripting is not available in this engine' });
    // A snapshot taken meanwhile (the worker's autosave) still has the library.
    const meanwhile = snapshot(e2);
    e2.provideLate(late);
    expect(e2.execute(c, ['FCALL', 'twice', '0', '5'])).toEqual({ t: 'int', v: 10 });
    const e3 = new Engine({ late });
    loadSnapshot(e3, meanwhile);
    expect(e3.execute(e3.createClient(), ['FCALL', 'twice', '0', '6'])).toEqual({ t: 'int', v: 12 });
  });
});

describe('MONITOR', () => {
  it('shows FCALL before the commands its function runs, as lua', () => {
    r('FUNCTION', 'LOAD', LIB);
    const m = t.e.createClient();
    const lines: string[] = [];
    m.deliver = (x) => {
      if (x.t === 'simple') lines.push(x.v.replace(/^\S+ \[0 [^\]]*\] /, ''));
    };
    t.e.execute(m, ['MONITOR']);
    r('FCALL', 'setit', '1', 'k', 'v');
    expect(lines).toEqual(['"FCALL" "setit" "1" "k" "v"', '"SET" "k" "v"']);
  });
});
