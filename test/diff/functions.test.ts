// FUNCTION and FCALL against a real redis-server: every subcommand and its errors, the load-time
// sandbox, registration in both forms with every flag, FCALL_RO, RESP3, MULTI/EXEC, and DUMP /
// RESTORE payloads and RDB files exchanged both ways. Redis lists libraries and a library's
// functions in its dicts' hash order (random per process): listings compared byte for byte
// use one library of one function, or select one with LIBRARYNAME.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { loadSnapshot, snapshot } from '../../src/engine/persistence.js';
import { bytesFromLatin1, crc64, latin1FromBytes } from '../../src/engine/rdb.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { encodeReply } from '../../src/protocol/encode.js';
import type { Reply } from '../../src/shared/reply.js';
import { optionWord } from './option-words.js';
import { RespConnection, show, startRealRedis, useDiff, type DiffContext } from './harness.js';
import { late } from '../../src/engine/late.js';

const LIB = `#!lua name=mylib
local function double(x) return x * 2 end
redis.register_function('twice', function(keys, args) return double(tonumber(args[1])) end)
`;

/** One library of one function, registered with the table form. */
function lib(name: string, fname: string, body: string, extra = ''): string {
  return `#!lua name=${name}\nredis.register_function{function_name='${fname}', callback=function(keys, args) ${body} end${extra}}\n`;
}

/** FUNCTION FLUSH on the real server too (FLUSHALL, which the harness sends, keeps libraries). */
function flushFunctionsEachTest(d: DiffContext): void {
  beforeEach(async () => {
    await d.pair.real.send(['FUNCTION', 'FLUSH']);
  });
}

function parse(raw: string): Reply {
  const p = parseReply(raw);
  if (p === null) throw new Error(`incomplete reply ${show(raw)}`);
  return p.reply;
}

/** A FUNCTION LIST reply with libraries and each library's functions sorted (hash order on Redis). */
function sortedListing(raw: string): string {
  const sortReplies = (items: Reply[]): Reply[] =>
    [...items].sort((a, b) => (encodeReply(a, 3) < encodeReply(b, 3) ? -1 : encodeReply(a, 3) > encodeReply(b, 3) ? 1 : 0));
  const r = parse(raw);
  if (r.t !== 'array' || r.v === null) return raw;
  const libs = r.v.map((li): Reply => {
    if (li.t !== 'map' && li.t !== 'array') return li;
    if (li.t === 'map') return { t: 'map', v: li.v.map(([k, v]) => [k, v.t === 'array' && v.v !== null ? { t: 'array', v: sortReplies(v.v) } : v]) };
    const v = li.v ?? [];
    return { t: 'array', v: v.map((x) => (x.t === 'array' && x.v !== null ? { t: 'array', v: sortReplies(x.v) } : x)) };
  });
  return show(encodeReply({ t: 'array', v: sortReplies(libs) }, 3));
}

describe('FUNCTION LOAD', () => {
  const d = useDiff();
  flushFunctionsEachTest(d);

  it('loads, replaces and refuses as 7.0.15', () =>
    d.run([
      ['FUNCTION', 'LOAD', LIB],
      ['FUNCTION', 'LOAD', LIB],
      ['FUNCTION', 'LOAD', 'REPLACE', LIB],
      ['FUNCTION', 'LOAD', 'replace', 'REPLACE', LIB],
      ['FUNCTION', 'LOAD', 'REPLACE\0x', LIB],
      ['FUNCTION', 'LOAD', 'foo', LIB],
      ['FUNCTION', 'LOAD', 'REPLACE'],
      ['FUNCTION', 'LOAD'],
      ['FUNCTION', 'LOAD', lib('other', 'twice', 'return 1')],
      ['FUNCTION', 'LOAD', lib('other', 'Twice', 'return 1')],
      ['FUNCTION', 'LOAD', 'REPLACE', lib('mylib', 'twice', 'return 1')],
      ['FCALL', 'twice', '0'],
      ['FUNCTION', 'LOAD', '#!LUA name=upper\n' + "redis.register_function('up', function() return 'up' end)"],
      ['FCALL', 'UP', '0'],
      ['FCALL', 'Up', '0'],
    ]));

  it('reads the metadata line as functionExtractLibMetaData does', () =>
    d.run([
      ['FUNCTION', 'LOAD', 'return 1'],
      ['FUNCTION', 'LOAD', '#!lua name=x'],
      ['FUNCTION', 'LOAD', '#!lua\n'],
      ['FUNCTION', 'LOAD', '#!lua name=x foo=bar\n'],
      ['FUNCTION', 'LOAD', '#!lua name=x NAME=y\n'],
      ['FUNCTION', 'LOAD', '#!lua name=\n'],
      ['FUNCTION', 'LOAD', '#!lua name=a-b\n'],
      ['FUNCTION', 'LOAD', '#!py name=x\n'],
      ['FUNCTION', 'LOAD', '#! lua name=x\n'],
      ['FUNCTION', 'LOAD', '#!lua "name=x\n'],
      ['FUNCTION', 'LOAD', '#!lua name=x\n'],
      ['FUNCTION', 'LOAD', "#!lua 'name=q'\nredis.register_function('q', function() return 1 end)"],
      ['FUNCTION', 'LOAD', '#!lua Name=x\nlocal a = 1'],
    ]));

  it('runs the code with only the load-time API', () =>
    d.run([
      ['FUNCTION', 'LOAD', "#!lua name=x\nreturn string.len('x')"],
      ['FUNCTION', 'LOAD', "#!lua name=x\nerror('boom')"],
      ['FUNCTION', 'LOAD', "#!lua name=x\nredis.call('PING')"],
      ['FUNCTION', 'LOAD', '#!lua name=x\nredis.setresp(3)'],
      ['FUNCTION', 'LOAD', '#!lua name=x\nx = 1'],
      ['FUNCTION', 'LOAD', '#!lua name=x\nredis.x = 1'],
      ['FUNCTION', 'LOAD', '#!lua name=x\nlocal t = redis.REDIS_VERSION .. redis.REDIS_VERSION_NUM .. redis.LOG_WARNING'],
      ['FUNCTION', 'LOAD', "#!lua name=x\nredis.log(redis.LOG_DEBUG, 'loading')\nredis.register_function('f', function() return 1 end)"],
      ['FUNCTION', 'LOAD', '#!lua name=x\nredis.log()'],
      ['FUNCTION', 'LOAD', '#!lua name=x\nlocal f = nil\nf()'],
      ['FUNCTION', 'LOAD', '#!lua name=x\nreturn 1 +'],
      ['FUNCTION', 'LOAD', '#!lua name=x\nwhile true do end'],
      ['FUNCTION', 'LOAD', '#!lua name=x\nlocal a = 1'],
      ['FUNCTION', 'LOAD', '#!lua name=x\nreturn _G'],
    ]));

  it('registers in both forms and refuses bad registrations word for word', () =>
    d.run([
      ['FUNCTION', 'LOAD', '#!lua name=x\nredis.register_function()'],
      ['FUNCTION', 'LOAD', "#!lua name=x\nredis.register_function('a', function() end, 3)"],
      ['FUNCTION', 'LOAD', "#!lua name=x\nredis.register_function('a', 1)"],
      ['FUNCTION', 'LOAD', '#!lua name=x\nredis.register_function({}, function() end)'],
      ['FUNCTION', 'LOAD', '#!lua name=x\nredis.register_function(12, function() return 12 end)'],
      ['FCALL', '12', '0'],
      ['FUNCTION', 'LOAD', "#!lua name=y\nredis.register_function('a-b', function() end)"],
      ['FUNCTION', 'LOAD', "#!lua name=y\nredis.register_function('', function() end)"],
      ['FUNCTION', 'LOAD', "#!lua name=y\nredis.register_function('a', function() end)\nredis.register_function('a', function() end)"],
      ['FUNCTION', 'LOAD', "#!lua name=y\nredis.register_function('a', function() end)\nredis.register_function('A', function() return 'big' end)"],
      ['FUNCTION', 'LOAD', "#!lua name=y2\nredis.register_function('a', function() end)"],
      ['FUNCTION', 'LOAD', "#!lua name=y\nredis.register_function('f')"],
      ['FUNCTION', 'LOAD', "#!lua name=y\nredis.register_function('f', nil)"],
      ['FUNCTION', 'LOAD', "#!lua name=z\nredis.register_function('f')"],
      ['FUNCTION', 'LOAD', '#!lua name=z\nredis.register_function(1)'],
      ['FUNCTION', 'LOAD', '#!lua name=z\nredis.register_function({[1]=2})'],
      ['FUNCTION', 'LOAD', '#!lua name=z\nredis.register_function({function_name={}})'],
      ['FUNCTION', 'LOAD', '#!lua name=z\nredis.register_function({description={}})'],
      ['FUNCTION', 'LOAD', "#!lua name=z\nredis.register_function({callback='x'})"],
      ['FUNCTION', 'LOAD', "#!lua name=z\nredis.register_function({flags='no-writes'})"],
      ['FUNCTION', 'LOAD', "#!lua name=z\nredis.register_function({flags={'nope'}})"],
      ['FUNCTION', 'LOAD', '#!lua name=z\nredis.register_function({flags={1}})'],
      ['FUNCTION', 'LOAD', '#!lua name=z\nredis.register_function({other=1})'],
      ['FUNCTION', 'LOAD', '#!lua name=z\nredis.register_function({callback=function() end})'],
      ['FUNCTION', 'LOAD', "#!lua name=z\nredis.register_function({function_name='f'})"],
      [
        'FUNCTION',
        'LOAD',
        "#!lua name=z\nredis.register_function({FUNCTION_NAME='f', CallBack=function() return 'named' end, Flags={'NO-WRITES', 'Allow-Stale'}, DESCRIPTION=5})",
      ],
      ['FCALL_RO', 'f', '0'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'z'],
      ['FUNCTION', 'LOAD', "#!lua name=w\nlocal r = redis\nredis.register_function('late', function() r.register_function('g', function() end) end)"],
      ['FCALL', 'late', '0'],
    ]));
});

describe('FCALL and FCALL_RO', () => {
  const d = useDiff();
  flushFunctionsEachTest(d);

  const FLAGGED = `#!lua name=flagged
redis.register_function{function_name='rw', callback=function(keys, args) return redis.call('SET', keys[1], args[1]) end, flags={'allow-oom'}}
redis.register_function{function_name='ro', callback=function(keys, args) return redis.call('GET', keys[1]) end, flags={'no-writes'}}
redis.register_function{function_name='sneaky', callback=function(keys, args) return redis.call('SET', keys[1], 'x') end, flags={'no-writes'}}
redis.register_function{function_name='psneaky', callback=function(keys, args) return redis.pcall('SET', keys[1], 'x') end, flags={'no-writes'}}
redis.register_function{function_name='all', callback=function() return 'all' end, flags={'no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'}}
redis.register_function('plain', function(keys, args) return {#keys, #args, keys[1], args[1]} end)
`;

  it('passes keys and args, and keeps FCALL_RO and no-writes functions from writing', () =>
    d.run([
      ['FUNCTION', 'LOAD', FLAGGED],
      ['FCALL', 'plain', '2', 'k1', 'k2', 'a1'],
      ['FCALL', 'plain', '0'],
      ['FCALL', 'rw', '1', 'k', 'v'],
      ['FCALL', 'ro', '1', 'k'],
      ['FCALL_RO', 'ro', '1', 'k'],
      ['FCALL_RO', 'rw', '1', 'k', 'v'],
      ['FCALL_RO', 'plain', '0'],
      ['FCALL', 'sneaky', '1', 'k'],
      ['FCALL', 'psneaky', '1', 'k'],
      ['FCALL_RO', 'all', '0'],
      ['GET', 'k'],
      ['FCALL', 'nosuch', '0'],
      ['FCALL', 'plain', 'x'],
      ['FCALL', 'plain', '1.5'],
      ['FCALL', 'plain', '3', 'a'],
      ['FCALL', 'plain', '-1'],
      ['FCALL', 'nosuch', 'x'],
      ['FCALL'],
      ['FCALL', 'plain'],
      ['EVAL', "return redis.call('FCALL', 'plain', 0)", '0'],
      ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'],
      ['FUNCTION', 'LOAD', "#!lua name=blk\nredis.register_function('blk', function(keys, args) return redis.pcall(args[1], unpack(args, 2)) end)"],
      ['FCALL', 'blk', '0', 'xread', 'BLOCK', 'x', 'STREAMS', 's', '$'],
      ['FCALL', 'blk', '0', 'XReadGroup', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>'],
      ['FCALL', 'blk', '0', 'XREAD', 'STREAMS', 's', '$'],
      ['FCALL', 'blk', '0', 'BLPOP', 'l', '0'],
      ['SADD', 'myset', 'b', 'aa', 'a', 'z', 'azz', '10', '9'],
      ['FCALL', 'blk', '0', 'SORT', 'myset', 'BY', '_'],
      ['FCALL', 'blk', '0', 'SORT', 'myset', 'BY', '_', 'GET', '#', 'GET', '_:*'],
      ['EVAL', "return redis.call('SORT', KEYS[1], 'BY', 'nosort', 'DESC')", '1', 'myset'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'nomatch'],
    ]));

  it('words runtime errors with the function name and @user_function', () =>
    d.run([
      [
        'FUNCTION',
        'LOAD',
        `#!lua name=errs
redis.register_function('boom', function() error('boom') end)
redis.register_function('tbl', function() error({err='MYERR custom'}) end)
redis.register_function('glob', function() return nosuch end)
redis.register_function('setg', function() newglobal = 1 end)
redis.register_function('keys', function() return KEYS end)
redis.register_function('call', function() return redis.call('INCR', 'str') end)
redis.register_function('nocmd', function() return redis.call('NOSUCH') end)
redis.register_function('reply', function() return redis.error_reply('MY reply') end)
redis.register_function('arith', function(keys) return keys + 1 end)
redis.register_function('dbg', function() return redis.breakpoint() end)
redis.register_function('handler', function() return __redis__err__handler end)
redis.register_function('env', function() return {type(_G), type(string), type(cjson), type(redis.call), redis.REDIS_VERSION} end)
`,
      ],
      ['SET', 'str', 'abc'],
      ['FCALL', 'boom', '0'],
      ['FCALL', 'tbl', '0'],
      ['FCALL', 'glob', '0'],
      ['FCALL', 'setg', '0'],
      ['FCALL', 'keys', '0'],
      ['FCALL', 'call', '0'],
      ['FCALL', 'nocmd', '0'],
      ['FCALL', 'reply', '0'],
      ['FCALL', 'arith', '0'],
      ['FCALL', 'dbg', '0'],
      ['FCALL', 'handler', '0'],
      ['FCALL', 'env', '0'],
    ]));

  it("cuts a returned table that contains itself at Lua's stack limit, in FCALL and EVAL", async () => {
    const bodies = [
      'local a = {} local b = {a} a[1] = b return a',
      'local a = {} a[1] = {map={x=a}} return a',
      'local a = {} a[1] = {set={[a]=true}} return a',
    ];
    await d.run([
      ['FUNCTION', 'LOAD', `#!lua name=rec\n${bodies.map((b, i) => `redis.register_function('r${i}', function() ${b} end)`).join('\n')}`],
      ...bodies.map((_, i) => ['FCALL', `r${i}`, '0']),
      ...bodies.map((b) => ['EVAL', b, '0']),
      ['PING'],
    ]);
  });

  it('converts in RESP2 and RESP3', async () => {
    const code = `#!lua name=conv
redis.register_function('h', function(keys) redis.setresp(3) return redis.call('HGETALL', keys[1]) end)
redis.register_function('types', function() return {1, 2.5, 'x', true, false, {double=1.5}} end)
redis.register_function('map', function() return {map={a='b'}} end)
redis.register_function('set', function() return {set={a=true}} end)
redis.register_function('status', function() return redis.status_reply('FINE') end)
`;
    await d.run([
      ['FUNCTION', 'LOAD', code],
      ['HSET', 'hk', 'f', 'v'],
      ['FCALL', 'h', '1', 'hk'],
      ['FCALL', 'types', '0'],
      ['FCALL', 'map', '0'],
      ['FCALL', 'set', '0'],
      ['FCALL', 'status', '0'],
      ['FUNCTION', 'STATS'],
    ]);
    let listed = await d.both(['FUNCTION', 'LIST']);
    expect(sortedListing(listed.ours)).toBe(sortedListing(listed.real));
    await d.pair.real.send(['HELLO', '3']);
    d.pair.ours.client.resp = 3;
    await d.run([
      ['FCALL', 'h', '1', 'hk'],
      ['FCALL', 'types', '0'],
      ['FCALL', 'map', '0'],
      ['FCALL', 'set', '0'],
      ['FUNCTION', 'STATS'],
      ['FUNCTION', 'LOAD', lib('one', 'f1', 'return 1', ", description='d', flags={'no-writes', 'allow-oom'}")],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'one', 'WITHCODE'],
    ]);
    listed = await d.both(['FUNCTION', 'LIST', 'WITHCODE']);
    expect(sortedListing(listed.ours)).toBe(sortedListing(listed.real));
  });

  it('runs in MULTI/EXEC and under WATCH', async () => {
    await d.run([
      ['FUNCTION', 'LOAD', FLAGGED],
      ['MULTI'],
      ['FCALL', 'rw', '1', 'k', 'v1'],
      ['FCALL_RO', 'ro', '1', 'k'],
      ['FCALL', 'nosuch', '0'],
      ['FUNCTION', 'LOAD', lib('inmulti', 'im', 'return 1')],
      ['EXEC'],
      ['FCALL', 'im', '0'],
      ['MULTI'],
      ['FCALL'],
      ['EXEC'],
    ]);
    const [a, b] = await d.clients(2);
    await a.run([['WATCH', 'k'], ['MULTI'], ['GET', 'k']]);
    await b.run([['FCALL', 'rw', '1', 'k', 'v2']]);
    await a.run([['EXEC']]);
  });
});

describe('FUNCTION LIST, DELETE, FLUSH, STATS, KILL, HELP', () => {
  const d = useDiff();
  flushFunctionsEachTest(d);

  it('answers each subcommand and its errors', () =>
    d.run([
      ['FUNCTION', 'LIST'],
      ['FUNCTION', 'STATS'],
      ['FUNCTION', 'LOAD', lib('alpha', 'fa', 'return 1', ", description='the a', flags={'no-writes'}")],
      ['FUNCTION', 'LOAD', lib('beta', 'fb', 'return 2')],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'alpha'],
      ['FUNCTION', 'LIST', 'libraryname', 'ALP*', 'withcode'],
      ['FUNCTION', 'LIST', 'WITHCODE', 'LIBRARYNAME', 'b?ta'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'nomatch'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME'],
      ['FUNCTION', 'LIST', 'WITHCODE', 'WITHCODE'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'a', 'LIBRARYNAME', 'b'],
      ['FUNCTION', 'LIST', 'foo'],
      { argv: ['FUNCTION', 'LIST'], unordered: true },
      ['FUNCTION', 'STATS'],
      ['FUNCTION', 'STATS', 'x'],
      ['FUNCTION', 'KILL'],
      ['FUNCTION', 'KILL', 'x'],
      ['FUNCTION', 'DELETE', 'nosuch'],
      ['FUNCTION', 'DELETE', 'ALPHA'],
      ['FUNCTION', 'DELETE', 'alpha'],
      ['FCALL', 'fa', '0'],
      ['FUNCTION', 'DELETE'],
      ['FUNCTION', 'FLUSH', 'x'],
      ['FUNCTION', 'FLUSH', 'sync', 'x'],
      ['FUNCTION', 'FLUSH', 'SYNC'],
      ['FUNCTION', 'LIST'],
      ['FUNCTION', 'LOAD', LIB],
      ['FUNCTION', 'FLUSH', 'async'],
      ['FUNCTION', 'FLUSH'],
      ['FUNCTION', 'STATS'],
      ['FUNCTION', 'HELP'],
      ['FUNCTION', 'HELP', 'x'],
      ['FUNCTION'],
      ['FUNCTION', 'nosuch'],
      ['FUNCTION', 'DUMP', 'x'],
    ]));

  it('keeps libraries apart from the script cache and the keyspace', () =>
    d.run([
      ['FUNCTION', 'LOAD', LIB],
      ['SCRIPT', 'FLUSH'],
      ['FLUSHALL'],
      ['FCALL', 'twice', '0', '3'],
      ['INFO', 'keyspace'],
      ['FUNCTION', 'FLUSH'],
      ['EVAL', 'return 1', '0'],
      ['EVALSHA', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', '0'],
    ]));

  it('counts libraries and functions in INFO memory', async () => {
    const pick = (raw: string) =>
      raw
        .split('\r\n')
        .filter((l) => /^number_of_(functions|libraries)/.test(l))
        .join(',');
    await d.run([
      ['FUNCTION', 'LOAD', LIB],
      ['FUNCTION', 'LOAD', "#!lua name=two\nredis.register_function('a', function() end)\nredis.register_function('b', function() end)"],
    ]);
    const { real, ours } = await d.both(['INFO', 'memory']);
    expect(pick(ours)).toBe(pick(real));
    expect(pick(ours)).toBe('number_of_functions:3,number_of_libraries:2');
  });
});

describe('FUNCTION DUMP and RESTORE', () => {
  const d = useDiff();
  flushFunctionsEachTest(d);

  /** The payload each side dumps, and the real server's FUNCTION DUMP as a byte string. */
  async function dumps(): Promise<{ real: string; ours: string }> {
    const { real, ours } = await d.both(['FUNCTION', 'DUMP']);
    const value = (raw: string) => {
      const r = parse(raw);
      if (r.t !== 'bulk' || r.v === null) throw new Error(`FUNCTION DUMP answered ${show(raw)}`);
      return r.v;
    };
    return { real: value(real), ours: value(ours) };
  }

  it('dumps the same bytes (plain and LZF-compressed code) and restores each other', async () => {
    await d.run([['FUNCTION', 'DUMP']]);
    await d.run([['FUNCTION', 'LOAD', LIB]]);
    let p = await dumps();
    expect(show(p.ours)).toBe(show(p.real));
    const long = `#!lua name=long\n${'-- padding padding padding padding\n'.repeat(20)}redis.register_function('l', function() return 'long' end)\n`;
    await d.run([
      ['FUNCTION', 'FLUSH'],
      ['FUNCTION', 'LOAD', long],
    ]);
    p = await dumps();
    expect(show(p.ours)).toBe(show(p.real));
    expect(p.real.length).toBeLessThan(long.length);
    await d.run([['CONFIG', 'SET', 'rdbcompression', 'no']]);
    p = await dumps();
    expect(show(p.ours)).toBe(show(p.real));
    await d.run([['CONFIG', 'SET', 'rdbcompression', 'yes']]);

    // theirs into ours, ours into theirs
    await d.run([
      ['FUNCTION', 'FLUSH'],
      ['FUNCTION', 'LOAD', LIB],
      ['FUNCTION', 'LOAD', long],
    ]);
    p = await dumps();
    await d.run([['FUNCTION', 'FLUSH']]);
    const intoReal = await d.pair.real.send(['FUNCTION', 'RESTORE', p.ours]);
    const intoOurs = await d.pair.ours.send(['FUNCTION', 'RESTORE', p.real]);
    expect([intoReal, intoOurs]).toEqual(['+OK\r\n', '+OK\r\n']);
    await d.run([
      ['FCALL', 'twice', '0', '8'],
      ['FCALL', 'l', '0'],
    ]);
    const listed = await d.both(['FUNCTION', 'LIST', 'WITHCODE']);
    expect(sortedListing(listed.ours)).toBe(sortedListing(listed.real));
  });

  it('applies the policies and refuses bad payloads as 7.0.15', async () => {
    await d.run([['FUNCTION', 'LOAD', LIB]]);
    const { real } = await dumps();
    const bad = real.slice(0, -1) + String.fromCharCode(real.charCodeAt(real.length - 1) ^ 1);
    const newer = real.slice(0, -10) + '\x0b\x00' + real.slice(-8);
    await d.run([
      ['FUNCTION', 'RESTORE', real],
      ['FUNCTION', 'RESTORE', real, 'APPEND'],
      ['FUNCTION', 'RESTORE', real, 'REPLACE'],
      ['FUNCTION', 'RESTORE', real, 'flush'],
      ['FUNCTION', 'RESTORE', real, 'nope'],
      ['FUNCTION', 'RESTORE', real, 'FLUSH', 'x'],
      ['FUNCTION', 'RESTORE', bad],
      ['FUNCTION', 'RESTORE', newer],
      ['FUNCTION', 'RESTORE', ''],
      ['FUNCTION', 'RESTORE', 'short'],
      ['FUNCTION', 'LOAD', 'REPLACE', lib('mylib', 'other', 'return 1')],
      ['FUNCTION', 'LOAD', lib('clash', 'twice', 'return 1')],
      ['FUNCTION', 'RESTORE', real],
      ['FUNCTION', 'RESTORE', real, 'REPLACE'],
      ['FCALL', 'twice', '0', '1'],
      ['FCALL', 'other', '0'],
      ['FUNCTION', 'DELETE', 'clash'],
      ['FUNCTION', 'RESTORE', real, 'REPLACE'],
      ['FCALL', 'twice', '0', '1'],
      ['FCALL', 'other', '0'],
    ]);
  });

  it('reads what it finds in a payload as rdbFunctionLoad does', async () => {
    // payloads built here with a valid footer: a key type, a torn string, code that fails
    const seal = (body: string): string => {
      const b = bytesFromLatin1(body + '\x0a\x00');
      let crc = crc64(b);
      let tail = '';
      for (let i = 0; i < 8; i++) {
        tail += String.fromCharCode(Number(crc & 0xffn));
        crc >>= 8n;
      }
      return latin1FromBytes(b) + tail;
    };
    const str = (s: string) => String.fromCharCode(s.length) + s;
    await d.run([
      ['FUNCTION', 'RESTORE', seal('\x00' + str('key') + str('value'))],
      ['FUNCTION', 'RESTORE', seal('\xf5' + '\x3f')],
      ['FUNCTION', 'RESTORE', seal('\xf5' + str('#!lua name=x\nreturn 1 +'))],
      ['FUNCTION', 'RESTORE', seal('\xf5' + str('#!lua name=x\nlocal a = 1'))],
      [
        'FUNCTION',
        'RESTORE',
        seal(
          '\xf5' +
            str("#!lua name=x\nredis.register_function('a', function() return 'a' end)") +
            '\xf5' +
            str("#!lua name=x\nredis.register_function('b', function() end)"),
        ),
      ],
      ['FUNCTION', 'RESTORE', seal('\xf6' + str('old') + str('LUA') + '\x00' + str("redis.register_function('oldf', function() return 'old' end)"))],
      ['FCALL', 'oldf', '0'],
      ['FUNCTION', 'LIST', 'WITHCODE'],
    ]);
  });
});

describe('functions in RDB files, both ways', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'functions-rdb-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function real(): Promise<{ conn: RespConnection; stop: () => Promise<void> }> {
    const redis = await startRealRedis(['--dir', dir, '--dbfilename', 'dump.rdb']);
    const conn = await RespConnection.connect(redis.port);
    return {
      conn,
      stop: async () => {
        conn.close();
        await redis.stop();
      },
    };
  }

  it("loads redis-server's dump.rdb with its libraries", async () => {
    const r = await real();
    try {
      await r.conn.send(['FUNCTION', 'LOAD', LIB]);
      await r.conn.send(['FUNCTION', 'LOAD', lib('second', 'sec', "return redis.call('GET', keys[1])", ", flags={'no-writes'}")]);
      await r.conn.send(['SET', 'k', 'v']);
      expect(await r.conn.send(['SAVE'])).toBe('+OK\r\n');
      const e = new Engine({ late });
      loadSnapshot(e, new Uint8Array(readFileSync(join(dir, 'dump.rdb'))));
      const c = e.createClient();
      const ours = (argv: string[]) => encodeReply(e.execute(c, argv)!, 2);
      for (const argv of [
        ['FCALL', 'twice', '0', '21'],
        ['FCALL_RO', 'sec', '1', 'k'],
      ]) {
        expect(show(ours(argv))).toBe(show(await r.conn.send(argv)));
      }
      expect(sortedListing(ours(['FUNCTION', 'LIST', 'WITHCODE']))).toBe(sortedListing(await r.conn.send(['FUNCTION', 'LIST', 'WITHCODE'])));
    } finally {
      await r.stop();
    }
  });

  it('writes a dump.rdb that redis-server loads with the libraries', async () => {
    const e = new Engine({ late });
    const c = e.createClient();
    e.execute(c, ['FUNCTION', 'LOAD', LIB]);
    e.execute(c, [
      'FUNCTION',
      'LOAD',
      `#!lua name=long\n${'-- padding padding padding\n'.repeat(30)}redis.register_function('l', function() return 'long' end)\n`,
    ]);
    e.execute(c, ['SET', 'k', 'v']);
    writeFileSync(join(dir, 'dump.rdb'), snapshot(e));
    const r = await real();
    try {
      const ours = (argv: string[]) => encodeReply(e.execute(c, argv)!, 2);
      for (const argv of [
        ['FCALL', 'twice', '0', '4'],
        ['FCALL', 'l', '0'],
        ['GET', 'k'],
      ]) {
        expect(show(await r.conn.send(argv))).toBe(show(ours(argv)));
      }
      expect(sortedListing(await r.conn.send(['FUNCTION', 'LIST', 'WITHCODE']))).toBe(sortedListing(ours(['FUNCTION', 'LIST', 'WITHCODE'])));
    } finally {
      await r.stop();
    }
  });
});

describe('random registrations', () => {
  const d = useDiff();
  flushFunctionsEachTest(d);

  const FLAG_WORDS = ['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'];
  const name = fc.stringMatching(/^[a-zA-Z0-9_-]{0,4}$/);
  const flags = fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...FLAG_WORDS).chain(optionWord) }, { weight: 1, arbitrary: fc.constant('bogus') }), {
    maxLength: 3,
  });
  const fn = fc.record({
    name,
    desc: fc.option(fc.constantFrom('a description', ''), { nil: undefined }),
    flags: fc.option(flags, { nil: undefined }),
    positional: fc.boolean(),
    writes: fc.boolean(),
  });

  it('loads, lists and calls them as 7.0.15 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(name, fc.array(fn, { minLength: 0, maxLength: 2 }), fc.boolean(), async (libName, fns, replace) => {
        const lines = fns.map((f) => {
          const body = f.writes ? "return redis.call('SET', 'k', 'v')" : "return redis.call('GET', 'k')";
          if (f.positional) return `redis.register_function('${f.name}', function() ${body} end)`;
          const parts = [`function_name='${f.name}'`, `callback=function() ${body} end`];
          if (f.desc !== undefined) parts.push(`description='${f.desc}'`);
          if (f.flags !== undefined) parts.push(`flags={${f.flags.map((x) => `'${x.replace(/\0/g, '\\0')}'`).join(', ')}}`);
          return `redis.register_function{${parts.join(', ')}}`;
        });
        const code = `#!lua name=${libName}\n${lines.join('\n')}\n`;
        await d.run([replace ? ['FUNCTION', 'LOAD', 'REPLACE', code] : ['FUNCTION', 'LOAD', code]]);
        // A library kept from an earlier run (LOAD without REPLACE refused) may have two
        // functions, which Redis lists in hash order: compared sorted.
        const listed = await d.both(['FUNCTION', 'LIST', 'LIBRARYNAME', libName]);
        expect(sortedListing(listed.ours)).toBe(sortedListing(listed.real));
        for (const f of fns)
          await d.run([
            ['FCALL_RO', f.name, '0'],
            ['FCALL', f.name, '0'],
          ]);
      }),
      { numRuns: 120 },
    );
  });
});
