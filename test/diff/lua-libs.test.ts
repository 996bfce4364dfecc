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
