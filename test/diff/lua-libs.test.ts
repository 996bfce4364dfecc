// Redis's extra Lua libraries (#16) against the real redis-server: each case is an expression,
// run on Redis as `EVAL "local ok, v = pcall(function() return <expr> end) return tostring(v)" 0`
// and the same chunk in our LuaState after openRedisLibs; the two strings must match byte for
// byte (errors come back as pcall's message, so their wording is compared too). Needs no EVAL
// in our engine.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisLibs } from '../../src/engine/lua/redis-libs.js';
import { LuaState } from '../../src/engine/lua/state.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { RespConnection, startRealRedis, type RealRedis } from './harness.js';

let server: RealRedis;
let conn: RespConnection;
beforeAll(async () => {
  server = await startRealRedis();
  conn = await RespConnection.connect(server.port);
});
afterAll(async () => {
  conn.close();
  await server.stop();
});

function chunk(expr: string): string {
  return `local ok, v = pcall(function() return ${expr} end) return tostring(v)`;
}

async function theirs(expr: string): Promise<string> {
  const raw = await conn.send(['EVAL', chunk(expr), '0']);
  const r = parseReply(raw);
  if (r === null || !raw.startsWith('$')) throw new Error(`unexpected reply ${JSON.stringify(raw)}`);
  return raw.slice(raw.indexOf('\r\n') + 2, -2);
}

function ours(expr: string): string {
  const L = new LuaState();
  openRedisLibs(L);
  const r = L.start(L.load(chunk(expr), '@user_script')).resume(1e7);
  if (r.status !== 'ok') throw new Error(`our run ended ${r.status}`);
  const v = r.values[0];
  if (typeof v !== 'string') throw new Error(`our chunk returned a ${typeof v}`);
  return v;
}

async function same(expr: string): Promise<void> {
  expect(ours(expr), expr).toBe(await theirs(expr));
}

const BIT_CASES = [
  'bit.tobit(0xffffffff)',
  'bit.tobit(2^32 + 5)',
  'bit.tobit(1.5)',
  'bit.tobit(2.5)',
  'bit.tobit(-2.5)',
  'bit.tobit("12")',
  'bit.tobit(1/0)',
  'bit.tobit(-1/0)',
  'bit.tobit(0/0)',
  'bit.tobit(2^53)',
  'bit.tobit(-2^31)',
  'bit.tobit(1e300)',
  'bit.tobit("x")',
  'bit.tobit()',
  'bit.tobit(nil)',
  'bit.tobit({})',
  'bit.band()',
  'bit.band(7)',
  'bit.band(0xff, 0x0f, 3)',
  'bit.bor(1, 2, 4)',
  'bit.bxor(5, 1, "x")',
  'bit.bnot(0)',
  'bit.lshift(1, 31)',
  'bit.lshift(1, 32)',
  'bit.lshift(1, -1)',
  'bit.rshift(-1, 28)',
  'bit.arshift(-256, 4)',
  'bit.rol(0x12345678, 4)',
  'bit.rol(7, 0)',
  'bit.ror(0x12345678, 36)',
  'bit.ror(7, 0)',
  'bit.bswap(0x12345678)',
  'bit.bswap(-1)',
  'bit.tohex(255)',
  'bit.tohex(-1, -4)',
  'bit.tohex(0x1234, 2)',
  'bit.tohex(1, 0)',
  'bit.tohex(1, 20)',
  'bit.tohex(1, -20)',
  'bit.tohex(1, nil)',
  'bit.tohex(1, "3")',
  'bit.lshift(1)',
];

describe('bit', () => {
  it.each(BIT_CASES)('%s', (expr) => same(expr));

  const num = fc.oneof(
    fc.integer({ min: -(2 ** 33), max: 2 ** 33 }),
    fc.double({ min: -1e12, max: 1e12, noNaN: true }),
    fc.constantFrom(0, -1, 2 ** 31, 2 ** 32, 2 ** 52, 0.5, 1.5, -0.5),
  );
  const lit = (n: number): string => (Object.is(n, -0) ? '-0' : n.toPrecision(17));
  const op = fc.oneof(
    fc.tuple(fc.constantFrom('tobit', 'bnot', 'bswap', 'tohex'), num).map(([f, a]) => `bit.${f}(${lit(a)})`),
    fc.tuple(fc.constantFrom('band', 'bor', 'bxor'), fc.array(num, { minLength: 1, maxLength: 4 })).map(([f, xs]) => `bit.${f}(${xs.map(lit).join(', ')})`),
    fc
      .tuple(fc.constantFrom('lshift', 'rshift', 'arshift', 'rol', 'ror', 'tohex'), num, fc.integer({ min: -40, max: 40 }))
      .map(([f, a, n]) => `bit.${f}(${lit(a)}, ${n})`),
  );
  it('random operations', async () => {
    await fc.assert(
      fc.asyncProperty(op, (expr) => same(expr)),
      { numRuns: 400 },
    );
  });
});

// struct results as text: packed bytes in hex, unpacked values joined
const hex = (e: string): string => `(string.gsub(${e}, '.', function(c) return string.format('%02x', c:byte()) end))`;
const un = (e: string): string => `table.concat({${e}}, ',')`;
const STRUCT_CASES = [
  hex(`struct.pack('>i', 1)`),
  hex(`struct.pack('<i', -2)`),
  hex(`struct.pack('bBhHlLT', -1, 255, -300, 65535, -5, 7, 9)`),
  hex(`struct.pack('>I3', 0x123456)`),
  hex(`struct.pack('<i16', -1)`),
  hex(`struct.pack('>I16', 1)`),
  hex(`struct.pack('i0', 5)`),
  hex(`struct.pack('>L', 2^64)`),
  hex(`struct.pack('>L', 2^63)`),
  hex(`struct.pack('>L', 1e30)`),
  hex(`struct.pack('>l', -1e30)`),
  hex(`struct.pack('>L', 0/0)`),
  hex(`struct.pack('>L', 1/0)`),
  hex(`struct.pack('>b', 300)`),
  hex(`struct.pack('>h', 1.9)`),
  hex(`struct.pack('<f', 1.5)`),
  hex(`struct.pack('>d', 0.1)`),
  hex(`struct.pack('>f', 1e40)`),
  hex(`struct.pack('c3', 'abcdef')`),
  hex(`struct.pack('c0', 'abc')`),
  hex(`struct.pack('s', 'ab')`),
  hex(`struct.pack('!4 b i', 1, 2)`),
  hex(`struct.pack('!b d', 1, 2)`),
  hex(`struct.pack('!2 b i', 1, 2)`),
  hex(`struct.pack('! b h b i b l', 1, 2, 3, 4, 5, 6)`),
  hex(`struct.pack('!8bxi3', 1, 2)`),
  hex(`struct.pack('>!4 i c2 b', 1, 'ab', 3)`),
  hex(`struct.pack('x>bx', 1)`),
  hex(`struct.pack('c5', 'abc')`),
  hex(`struct.pack('i', 'x')`),
  hex(`struct.pack('i')`),
  hex(`struct.pack('z', 1)`),
  hex(`struct.pack('!3', 1)`),
  hex(`struct.pack('i33', 1)`),
  hex(`struct.pack('c99999999999', 'a')`),
  hex(`struct.pack('i', '12')`),
  hex(`struct.pack(12, 1)`),
  hex(`struct.pack('b\\0b', 1, 2)`),
  hex(`struct.pack('c2', 12)`),
  hex(`struct.pack()`),
  un(`struct.unpack('>i', '\\0\\0\\1\\0')`),
  un(`struct.unpack('<i', '\\255\\255\\255\\255')`),
  un(`struct.unpack('I', '\\255\\255\\255\\255')`),
  un(`struct.unpack('bBhH', '\\255\\255\\255\\255\\1\\128')`),
  un(`struct.unpack('L', string.rep('\\255', 8))`),
  un(`struct.unpack('l', string.rep('\\255', 8))`),
  un(`struct.unpack('>i16', string.rep('\\255', 16))`),
  un(`struct.unpack('<I12', string.rep('\\255', 12))`),
  un(`struct.unpack('i3', '\\0\\0\\128')`),
  un(`struct.unpack('f', struct.pack('f', 0.1))`),
  un(`struct.unpack('>d', struct.pack('>d', -2.5))`),
  un(`struct.unpack('c2c1', 'abc')`),
  un(`struct.unpack('bc0', '\\3abcd')`),
  un(`struct.unpack('c1c0', '2abcd')`),
  un(`struct.unpack('c0', 'abc')`),
  un(`struct.unpack('sb', 'hi\\0\\7')`),
  un(`struct.unpack('s', 'hi')`),
  un(`struct.unpack('i', 'abc')`),
  un(`struct.unpack('b', 'abc', 3)`),
  un(`struct.unpack('b', 'abc', 4)`),
  un(`struct.unpack('', 'abc', 4)`),
  un(`struct.unpack('b', 'abc', 0)`),
  un(`struct.unpack('', 'abc', -5)`),
  un(`struct.unpack('b', 'abc', -1)`),
  un(`struct.unpack('!4 b i', '\\1\\0\\0\\0\\2\\0\\0\\0')`),
  un(`struct.unpack('!4 i', '\\0\\1\\0\\0\\0\\2\\0\\0\\0', 2)`),
  un(`struct.unpack('x b', 'ab')`),
  un(`struct.unpack('b', 'a', 'x')`),
  un(`struct.unpack('q', 'a')`),
  un(`struct.unpack('b')`),
  un(`struct.unpack('b', 'a', 1.9)`),
  'struct.size("bhilT")',
  'struct.size("!bhilT")',
  'struct.size("!4 b d")',
  'struct.size("c10 i7")',
  'struct.size("zq9")',
  'struct.size("s")',
  'struct.size("c0")',
  'struct.size("b?")',
  'struct.size("!5")',
  'struct.size(123)',
  'struct.size("i40")',
  'struct.size(">b<h!2i")',
];

describe('struct', () => {
  it.each(STRUCT_CASES)('%s', (expr) => same(expr));

  const field = fc.oneof(
    fc
      .tuple(
        fc.constantFrom('b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I', 'i1', 'I2', 'i3', 'I5', 'i7', 'i8', 'I9', 'f', 'd'),
        fc.integer({ min: -70000, max: 70000 }),
      )
      .map(([f, v]) => ({ f, v: String(v) })),
    fc.tuple(fc.constantFrom('c3', 's', 'c0'), fc.constantFrom('"abc"', '"a\\0b"', '"xyzw"')).map(([f, v]) => ({ f, v })),
    fc.constantFrom({ f: 'x', v: '' }, { f: '>', v: '' }, { f: '<', v: '' }, { f: '!', v: '' }, { f: '!2', v: '' }, { f: '!4', v: '' }, { f: ' ', v: '' }),
  );
  it('random formats: pack, then unpack and size of the same format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(field, { minLength: 1, maxLength: 6 }), async (fields) => {
        const fmt = fields.map((x) => x.f).join('');
        const vals = fields
          .filter((x) => x.v !== '')
          .map((x) => x.v)
          .join(', ');
        const p = `struct.pack('${fmt}'${vals ? ', ' + vals : ''})`;
        await same(hex(p));
        await same(un(`struct.unpack('${fmt}', ${p})`));
        await same(`struct.size('${fmt}')`);
      }),
      { numRuns: 250 },
    );
  });
});

// objects with one key only: with several, Redis lists keys in Lua's hash order, ours in insertion order
const CJSON_CASES = [
  `cjson.encode({1, 2, 3})`,
  `cjson.encode({})`,
  `cjson.encode({a = 1})`,
  `cjson.encode('a/b"c\\\\d\\n\\t\\r\\b\\f\\1\\31\\127\\128\\255')`,
  `cjson.encode(0.1)`,
  `cjson.encode(1/3)`,
  `cjson.encode(1e300)`,
  `cjson.encode(-0)`,
  `cjson.encode(123456789012345678)`,
  `cjson.encode(1e-7)`,
  `cjson.encode(1/0)`,
  `cjson.encode(0/0)`,
  `cjson.encode({1, nil, 3})`,
  `cjson.encode({[1] = 1, [3] = 3})`,
  `cjson.encode({[20] = 1})`,
  `cjson.encode({[11] = 1})`,
  `cjson.encode({[10] = 1})`,
  `cjson.encode({[0] = 1})`,
  `cjson.encode({[1.5] = 1})`,
  `cjson.encode({[-1] = 1})`,
  `cjson.encode({[true] = 1})`,
  `cjson.encode({f = type})`,
  `cjson.encode(function() end)`,
  `cjson.encode()`,
  `cjson.encode(1, 2)`,
  `cjson.encode(nil)`,
  `cjson.encode(true)`,
  `cjson.encode(cjson.null)`,
  `cjson.encode({cjson.null, false})`,
  `cjson.encode({{{}}})`,
  `cjson.encode({[1/0] = 1})`,
  `cjson.encode({x = {y = {1, {z = 'w'}}}})`,
  `(function() local t = {} for i = 1, 1000 do t = {t} end return cjson.encode(t) end)()`,
  `(function() local t = {} for i = 1, 1001 do t = {t} end return cjson.encode(t) end)()`,
  `(function() local t = {} t[1] = t return cjson.encode(t) end)()`,
  `(function() local c = cjson.new() c.encode_number_precision(3) return c.encode(math.pi) end)()`,
  `(function() local c = cjson.new() return c.encode_number_precision(15) end)()`,
  `(function() local c = cjson.new() return c.encode_number_precision('x') end)()`,
  `(function() local c = cjson.new() return c.encode_max_depth(1, 2) end)()`,
  `(function() local c = cjson.new() c.encode_max_depth(2) return c.encode({{1}}) end)()`,
  `(function() local c = cjson.new() c.encode_max_depth(2) return c.encode({{{1}}}) end)()`,
  `(function() local c = cjson.new() c.encode_sparse_array(true) return c.encode({[20] = 1}) end)()`,
  `(function() local c = cjson.new() c.encode_sparse_array(false, 0) return c.encode({[20] = 1}) end)()`,
  `(function() local c = cjson.new() return table.concat({tostring(c.encode_sparse_array())}, ',') end)()`,
  `(function() local c = cjson.new() local a, b, d = c.encode_sparse_array('on', 3, 4) return tostring(a) .. b .. d end)()`,
  `(function() local c = cjson.new() return c.encode_sparse_array('maybe') end)()`,
  `(function() local c = cjson.new() c.encode_invalid_numbers(true) return c.encode({1/0, -1/0}) end)()`,
  `(function() local c = cjson.new() return c.encode_invalid_numbers('null') end)()`,
  `(function() local c = cjson.new() c.encode_invalid_numbers('null') return c.encode({1/0, 0/0}) end)()`,
  `(function() local c = cjson.new() return tostring(c.encode_keep_buffer(false)) end)()`,
  `(function() local c = cjson.new() c.decode_invalid_numbers(false) return c.decode('0x10') end)()`,
  `(function() local c = cjson.new() c.decode_invalid_numbers(false) return c.decode('+1') end)()`,
  `(function() local c = cjson.new() c.decode_invalid_numbers(false) return c.decode('01') end)()`,
  `(function() local c = cjson.new() c.decode_max_depth(2) return c.decode('[[1]]')[1][1] end)()`,
  `(function() local c = cjson.new() c.decode_max_depth(2) return c.decode('[[[1]]]') end)()`,
  `cjson._NAME .. cjson._VERSION`,
  `tostring(cjson.null)`,
  `type(cjson.null)`,
  `type(cjson.safe)`,
  `cjson.decode('null') == cjson.null`,
  `cjson.decode('"a\\\\u00e9\\\\ud83d\\\\ude00\\\\/"')`,
  `cjson.decode('"\\\\ud800"')`,
  `cjson.decode('"\\\\udc00\\\\ud800"')`,
  `cjson.decode('"\\\\u12"')`,
  `cjson.decode('"\\\\x"')`,
  `cjson.decode('"abc')`,
  `cjson.decode('[1,2')`,
  `cjson.decode('[1 2]')`,
  `cjson.decode('{"a" 1}')`,
  `cjson.decode('{1:2}')`,
  `cjson.decode('{"a":1,}')`,
  `cjson.decode('')`,
  `cjson.decode(' ')`,
  `cjson.decode('1 2')`,
  `cjson.decode('tru')`,
  `cjson.decode('nul')`,
  `cjson.decode('@')`,
  `cjson.decode('-')`,
  `cjson.decode('1e400')`,
  `cjson.decode('-1e400')`,
  `cjson.decode('123456789012345678901234567890')`,
  `cjson.decode('0x1F')`,
  `cjson.decode('+5')`,
  `cjson.decode('007')`,
  `cjson.decode('Infinity')`,
  `cjson.decode('-inf')`,
  `cjson.decode('1.5e3')`,
  `cjson.decode('\\0a')`,
  `cjson.decode('a\\0')`,
  `cjson.decode('1\\0')`,
  `cjson.decode(' \\t\\r\\n 5 ')`,
  `cjson.decode('[]')[1]`,
  `cjson.decode(5)`,
  `cjson.decode()`,
  `cjson.decode({})`,
  `cjson.decode('"\\\\"\\\\\\\\\\\\b\\\\f\\\\n\\\\r\\\\t"')`,
  `#cjson.decode('[1,null,3]')`,
  `cjson.encode(cjson.decode('{"a":[1,2,{"b":null}]}'))`,
  `cjson.encode(cjson.decode('[true,false,"x",-0.5]'))`,
  `(function() local s = string.rep('[', 1001) return cjson.decode(s) end)()`,
  `(function() local s = string.rep('[', 1000) return cjson.decode(s) end)()`,
];

describe('cjson', () => {
  it.each(CJSON_CASES)('%s', (expr) => same(expr));

  const luaStr = (s: string): string => "'" + [...s].map((c) => '\\' + c.charCodeAt(0)).join('') + "'";
  const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 8 }).map(luaStr),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? '-0' : n.toPrecision(17))),
      fc.integer().map(String),
      fc.constantFrom('true', 'false', 'cjson.null', '{}'),
      fc.array(tie('v'), { minLength: 1, maxLength: 4 }).map((xs) => `{${xs.join(', ')}}`),
      fc.tuple(fc.string({ maxLength: 4 }), tie('v')).map(([k, x]) => `{[${luaStr(k)}] = ${x}}`),
    ),
  })).v;
  it('random values: encode, and encode after decode', async () => {
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        await same(`cjson.encode(${v})`);
        await same(`cjson.encode(cjson.decode(cjson.encode(${v})))`);
      }),
      { numRuns: 300 },
    );
  });
});

const mp = (e: string): string => hex(`cmsgpack.pack(${e})`);
const CMSGPACK_CASES = [
  mp('0'),
  mp('127'),
  mp('128'),
  mp('255'),
  mp('256'),
  mp('65535'),
  mp('65536'),
  mp('2^32 - 1'),
  mp('2^32'),
  mp('2^53'),
  mp('2^63'),
  mp('-2^63'),
  mp('-1'),
  mp('-32'),
  mp('-33'),
  mp('-128'),
  mp('-129'),
  mp('-32768'),
  mp('-32769'),
  mp('-2^31'),
  mp('-2^31 - 1'),
  mp('-0'),
  mp('0.5'),
  mp('0.1'),
  mp('1/0'),
  mp('-1/0'),
  mp('0/0'),
  mp('1e300'),
  mp('"abc"'),
  mp('string.rep("x", 31)'),
  mp('string.rep("x", 32)'),
  mp('string.rep("x", 255)'),
  mp('string.rep("x", 256)'),
  mp('string.rep("x", 65536)'),
  mp('true'),
  mp('false'),
  mp('nil'),
  mp('{}'),
  mp('{1, 2, 3}'),
  mp('{1, nil, 3}'),
  mp('{a = 1}'),
  mp('{[2] = 1}'),
  mp('{[1.5] = 1}'),
  mp('{[2^31] = 1}'),
  mp('{{{}}}'),
  mp('type'),
  mp('1, "a", {2}'),
  mp(''),
  mp('(function() local t = {} for i = 1, 16 do t[i] = i end return t end)()'),
  mp('(function() local t = {} for i = 1, 70000 do t[i] = i % 3 end return t end)()'),
  mp('(function() local t = {} for i = 1, 20 do t = {t} end return t end)()'),
  mp('(function() local t = {} t[1] = t return t end)()'),
  `select('#', cmsgpack.unpack(cmsgpack.pack(1, 2, nil, 4)))`,
  `table.concat({cmsgpack.unpack(cmsgpack.pack(1, -2, 'x', 0.25, 2^40, -2^40))}, ',')`,
  `cmsgpack.unpack('\\207\\255\\255\\255\\255\\255\\255\\255\\255')`,
  `cmsgpack.unpack('\\211\\128\\0\\0\\0\\0\\0\\0\\0')`,
  `cmsgpack.unpack('\\202\\63\\192\\0\\0')`,
  `cmsgpack.unpack('\\203\\63\\185\\153\\153\\153\\153\\153\\154')`,
  `cmsgpack.unpack('\\193')`,
  `cmsgpack.unpack('\\196\\1a')`,
  `cmsgpack.unpack('\\205\\1')`,
  `cmsgpack.unpack('\\146\\1')`,
  `cmsgpack.unpack('\\217\\3ab')`,
  `cmsgpack.unpack('\\129\\192\\1')`,
  `cmsgpack.unpack('\\129\\1\\192')[1]`,
  `cmsgpack.unpack('\\147\\1\\192\\3')[3]`,
  `cmsgpack.unpack('')`,
  `cmsgpack.unpack()`,
  `cmsgpack.unpack(5)`,
  `cmsgpack.pack()`,
  `table.concat({cmsgpack.unpack_one(cmsgpack.pack(1, 2))}, ',')`,
  `table.concat({cmsgpack.unpack_one(cmsgpack.pack(1, 2), 1)}, ',')`,
  `table.concat({cmsgpack.unpack_one(cmsgpack.pack(1, 2), 2)}, ',')`,
  `table.concat({cmsgpack.unpack_one(cmsgpack.pack(1, 2), 3)}, ',')`,
  `table.concat({cmsgpack.unpack_one(cmsgpack.pack(1, 2), -1)}, ',')`,
  `table.concat({cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 2)}, ',')`,
  `table.concat({cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 0)}, ',')`,
  `table.concat({cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 2, 1)}, ',')`,
  `table.concat({cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), -1)}, ',')`,
  `cmsgpack.unpack_limit('\\1')`,
  `cmsgpack.unpack_one('\\1', 'x')`,
  `select('#', cmsgpack.unpack(string.rep('\\0', 7998)))`,
  `select('#', cmsgpack.unpack(string.rep('\\0', 7999)))`,
  `cmsgpack._NAME .. cmsgpack._VERSION .. cmsgpack._COPYRIGHT .. cmsgpack._DESCRIPTION`,
];

describe('cmsgpack', () => {
  it.each(CMSGPACK_CASES)('%s', (expr) => same(expr));

  const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.string({ maxLength: 40 }).map((s) => JSON.stringify(s).replace(/\\u00/g, '\\x')),
      fc.double({ noNaN: true }).map((n) => (Object.is(n, -0) ? '-0' : Number.isFinite(n) ? n.toPrecision(17) : n > 0 ? '1/0' : '-1/0')),
      fc.oneof(fc.integer(), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })).map(String),
      fc.constantFrom('true', 'false', 'nil', '{}'),
      fc.array(tie('v'), { minLength: 1, maxLength: 4 }).map((xs) => `{${xs.join(', ')}}`),
      fc.tuple(fc.constantFrom('a', 'b', '1.5', '-1'), tie('v')).map(([k, x]) => `{[${k === 'a' || k === 'b' ? `'${k}'` : k}] = ${x}}`),
    ),
  })).v;
  it('random values: pack, and pack after unpack', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 3 }), async (vs) => {
        await same(mp(vs.join(', ')));
        await same(mp(`cmsgpack.unpack(cmsgpack.pack(${vs.join(', ')}))`));
      }),
      { numRuns: 300 },
    );
  });
});
