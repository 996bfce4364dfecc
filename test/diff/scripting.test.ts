// SCRIPTING group: EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT against a real redis-server:
// conversions both ways (RESP2 and RESP3), error wording with the script suffix, the sandbox,
// shebang flags, math.random's sequence, MULTI and WATCH, and random small scripts.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';

describe('EVAL conversions and errors', () => {
  const d = useDiff();

  it('converts replies both ways (RESP2)', () =>
    d.run([
      ['SET', 's', 'a'],
      ['RPUSH', 'l', 'x', 'y'],
      ['EVAL', "return {1, 2, 3.7, -3.7, 'x', true, false, nil, 4}", '0'],
      ['EVAL', "return redis.call('GET', KEYS[1])", '1', 's'],
      ['EVAL', "return redis.call('GET', 'nokey')", '0'],
      ['EVAL', "return type(redis.call('GET', 'nokey'))", '0'],
      ['EVAL', "return redis.call('LRANGE', 'l', 0, -1)", '0'],
      ['EVAL', "return redis.call('SET', 'k', 1.5)", '0'],
      ['EVAL', "return redis.call('GET', 'k')", '0'],
      ['EVAL', "local t = redis.call('SET', 'k', 'v') return t.ok", '0'],
      ['EVAL', "return {ok='fine\\r\\nline'}", '0'],
      ['EVAL', "return {err='My err'}", '0'],
      ['EVAL', "return redis.error_reply('boo')", '0'],
      ['EVAL', "return redis.error_reply('-WRONG bad')", '0'],
      ['EVAL', "return redis.status_reply('FINE')", '0'],
      ['EVAL', 'return redis.error_reply(1)', '0'],
      ['EVAL', "return redis.pcall('INCR', 's')", '0'],
      ['EVAL', "local e = redis.pcall('INCR', 's') return e.err", '0'],
      ['EVAL', "return {pcall(redis.call, 'INCR', 's')}", '0'],
      ['EVAL', 'return 1e20', '0'],
      ['EVAL', 'return 0/0', '0'],
      ['EVAL', "return redis.sha1hex('')", '0'],
      ['EVAL', 'return {redis.REDIS_VERSION, redis.REDIS_VERSION_NUM, redis.LOG_WARNING, redis.REPL_ALL}', '0'],
      ['EVAL', 'return {redis.breakpoint(), redis.replicate_commands()}', '0'],
      ['EVAL', 'return KEYS[1] .. ARGV[1] .. #ARGV', '1', 'k', 'a', 'b'],
      ['EVAL', "return redis.call('HGETALL', 'nohash')", '0'],
    ]));

  it('converts RESP3 types after redis.setresp(3) and for a HELLO 3 caller', async () => {
    await d.run([
      ['HSET', 'h', 'f', 'v'],
      ['ZADD', 'z', '1.5', 'm'],
      ['EVAL', "redis.setresp(3) return redis.call('HGETALL', 'h')", '0'],
      ['EVAL', "redis.setresp(3) local r = redis.call('HGETALL', 'h') return r.map.f", '0'],
      ['EVAL', "redis.setresp(3) return redis.call('ZSCORE', 'z', 'm')", '0'],
      ['EVAL', "redis.setresp(3) return type(redis.call('GET', 'nokey'))", '0'],
      ['EVAL', 'redis.setresp(3) return {true, false}', '0'],
      ['EVAL', 'return {double=3.5}', '0'],
      ['EVAL', "return {big_number='1234567999999999999999999999999999999'}", '0'],
      ['EVAL', "return {big_number='12\r\n34'}", '0'],
      ['EVAL', "return {map={a='b'}}", '0'],
      ['EVAL', 'return {set={a=true}}', '0'],
      ['EVAL', 'redis.setresp(4)', '0'],
    ]);
    await d.pair.real.send(['HELLO', '3']);
    d.pair.ours.client.resp = 3;
    await d.run([
      ['EVAL', 'return {true, false, nil}', '0'],
      ['EVAL', 'return false', '0'],
      ['EVAL', 'redis.setresp(3) return {true, false}', '0'],
      ['EVAL', 'return {double=3.5}', '0'],
      ['EVAL', "return {big_number='1234567999999999999999999999999999999'}", '0'],
      ['EVAL', "return {big_number='-12\r\n34'}", '0'],
      ['EVAL', "return {map={a='b'}}", '0'],
      ['EVAL', "redis.setresp(3) return redis.call('ZSCORE', 'z', 'm')", '0'],
    ]);
  });

  it('string.dump gives a binary chunk no script can load back; C functions cannot be dumped', () =>
    d.run([
      ['EVAL', 'return loadstring(string.dump(function() return 1 end))()', '0'],
      ['EVAL', 'return {loadstring(string.dump(function() return 1 end))}', '0'],
      ['EVAL', 'local s = string.dump(function() return 1 end) return {string.byte(s, 1, 12)}', '0'],
      ['EVAL', 'return string.dump(redis.call)', '0'],
      ['EVAL', 'return string.dump()', '0'],
    ]));

  it('words errors as 7.0.15', () =>
    d.run([
      ['SET', 's', 'a'],
      ['EVAL', "return redis.call('INCR', 'x', 'y')", '0'],
      ['EVAL', "return redis.call('INCR', 's')", '0'],
      ['EVAL', "return redis.call('nosuch')", '0'],
      ['EVAL', "return redis.pcall('nosuch')", '0'],
      ['EVAL', "return redis.call('MULTI')", '0'],
      ['EVAL', 'return redis.call()', '0'],
      ['EVAL', 'return redis.call({})', '0'],
      ['EVAL', 'return 1 +', '0'],
      ['EVAL', "error('boom')", '0'],
      ['EVAL', "error('boom', 0)", '0'],
      ['EVAL', "error({err='My err'})", '0'],
      ['EVAL', 'local t = {}\nt.x.y = 1', '0'],
      ['EVAL', 'local function f()\n  return nil + 1\nend\nreturn f()', '0'],
      ['EVAL', 'return 1', '-1'],
      ['EVAL', 'return 1', '2', 'a'],
      ['EVAL', 'return 1', 'abc'],
      ['EVAL', 'redis.setresp()', '0'],
      ['EVAL', 'redis.log()', '0'],
      ['EVAL', 'redis.sha1hex()', '0'],
      ['EVAL', 'redis.set_repl(9)', '0'],
      ['EVAL', "return redis.acl_check_cmd('nosuch')", '0'],
      ['EVAL', "return redis.acl_check_cmd('get', 'k')", '0'],
      ['EVALSHA', 'abc', '0'],
      ['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', '0'],
      ['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', 'x'],
    ]));

  it('keeps the sandbox', () =>
    d.run([
      ['EVAL', 'return x', '0'],
      ['EVAL', 'x = 1', '0'],
      ['EVAL', 'return os', '0'],
      ['EVAL', 'return print', '0'],
      ['EVAL', 'return dofile', '0'],
      ['EVAL', 'string.x = 1', '0'],
      ['EVAL', 'setmetatable(_G, nil)', '0'],
      ['EVAL', "return loadstring('return 1+1')()", '0'],
      ['EVAL', 'return type(__redis__err__handler)', '0'],
      ['EVAL', 'return tostring(10/2)', '0'],
      ['EVAL', 'return {math.random(100), math.random(100), math.random(5, 9)}', '0'],
      ['EVAL', 'math.randomseed(42) return {math.random(1000), math.random(1000)}', '0'],
      ['EVAL', 'return tostring(math.random())', '0'],
    ]));

  it("has Redis's libraries: cjson, cmsgpack, bit, struct", () =>
    d.run([
      ['HSET', 'h', 'name', 'Seoul', 'pop', '9.7'],
      ['EVAL', "return cjson.encode({redis.call('HGET', KEYS[1], 'name'), 1/3, {true, false}})", '1', 'h'],
      ['EVAL', 'local t = cjson.decode(ARGV[1]) return {t.a, t.b[2], type(t.c), tostring(t.c)}', '0', '{"a":"x","b":[1,2.5],"c":null}'],
      ['EVAL', 'return cjson.null', '0'],
      ['EVAL', 'return {1, cjson.null, 3}', '0'],
      ['EVAL', "return redis.call('SET', 'k', cjson.null)", '0'],
      ['EVAL', "return cjson.decode('{bad')", '0'],
      ['EVAL', "return cmsgpack.unpack(cmsgpack.pack({1, 'two', 3.5}))", '0'],
      ['EVAL', 'return #cmsgpack.pack(ARGV[1], 300, -1)', '0', 'abc'],
      ['EVAL', 'return {bit.band(0xff, 0x0f), bit.tohex(-1), bit.lshift(1, 31)}', '0'],
      ['EVAL', "return {struct.unpack('>I2', struct.pack('>I2', 513))}", '0'],
      ['EVAL', "return struct.pack('bad')", '0'],
      ['EVAL', 'cjson = nil', '0'],
    ]));

  it('SCRIPT subcommands and shebang flags', () =>
    d.run([
      ['SCRIPT', 'LOAD', 'return 1'],
      ['SCRIPT', 'EXISTS', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', 'E0E1F9FABFC9D4800C877A703B823AC0578FF8DB', 'nope'],
      ['EVALSHA', 'E0E1F9FABFC9D4800C877A703B823AC0578FF8DB', '0'],
      ['EVALSHA_RO', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', '0'],
      ['SCRIPT', 'LOAD', 'return +'],
      ['SCRIPT', 'FLUSH', 'bad'],
      ['SCRIPT', 'FLUSH', 'SYNC'],
      ['SCRIPT', 'EXISTS', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db'],
      ['SCRIPT', 'FLUSH'],
      ['SCRIPT', 'KILL'],
      ['SCRIPT', 'DEBUG', 'NO'],
      ['SCRIPT', 'DEBUG', 'maybe'],
      ['SCRIPT', 'HELP'],
      ['SCRIPT', 'NOPE'],
      ['EVAL', '#!lua flags=no-writes\nreturn redis.call("SET", "a", "b")', '0'],
      ['EVAL', '#!lua\nreturn redis.call("SET", "a", "b")', '0'],
      ['EVAL_RO', '#!lua\nreturn 1', '0'],
      ['EVAL_RO', '#!lua flags=no-writes\nreturn 1', '0'],
      ['EVAL_RO', "return redis.call('SET', 'a', 'b')", '0'],
      ['EVAL', '#!lua flags=bad\nreturn 1', '0'],
      ['EVAL', '#!lua x=1\nreturn 1', '0'],
      ['EVAL', '#!py\nreturn 1', '0'],
      ['EVAL', '#!lua', '0'],
      ['EVAL', '#!lua flags=allow-oom,allow-stale,no-cluster,allow-cross-slot-keys\nreturn 2', '0'],
    ]));

  it('runs inside MULTI and is watched like any write', async () => {
    await d.run([['MULTI'], ['EVAL', "return redis.call('INCR', 'c')", '0'], ['EVAL', "return redis.call('nosuch')", '0'], ['EXEC']]);
    const [a, b] = await d.clients(2);
    await a.run([['WATCH', 'w']]);
    await b.run([['EVAL', "return redis.call('SET', 'w', 1)", '0']]);
    await a.run([['MULTI'], ['PING'], ['EXEC']]);
  });
});

describe('random small scripts', () => {
  const d = useDiff();
  const num = fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.constantFrom('0.5', '-2.25', '1e3', '7'));
  // scalar expressions (numbers and strings: a table's tostring shows its address)
  const scalar: fc.Arbitrary<string> = fc.letrec((tie) => ({
    e: fc.oneof(
      { depthSize: 'small' },
      num,
      fc
        .tuple(tie('e') as fc.Arbitrary<string>, fc.constantFrom('+', '-', '*', '/', '%', '..'), tie('e') as fc.Arbitrary<string>)
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      (tie('e') as fc.Arbitrary<string>).map((x) => `tostring(${x})`),
      (tie('e') as fc.Arbitrary<string>).map((x) => `#tostring(${x})`),
    ),
  })).e;
  const expr = fc.oneof(
    scalar,
    fc.array(scalar, { maxLength: 5 }).map((xs) => `{${xs.join(', ')}}`),
  );

  it('answer as redis-server does', async () => {
    await fc.assert(
      fc.asyncProperty(expr, async (e) => {
        await d.run([['EVAL', `return ${e}`, '0']]);
      }),
      { numRuns: 150 },
    );
  });
});
