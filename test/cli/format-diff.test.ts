// formatReply against the real redis-cli on replies of every shape: random nested values are
// returned by Lua scripts (EVAL) from a real redis-server; the real redis-cli prints them, and
// our formatter prints the very same reply (read over our own connection, parsed from RESP).
// RESP2 and RESP3 (redis-cli -3, scripts calling redis.setresp(3)), tty and --raw.

import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReply, type OutputMode } from '../../src/cli/format-reply.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { RespConnection, startRealRedis, type RealRedis } from '../diff/harness.js';

/** A Lua expression and nothing else: the script returns it. */
type Lua = string;

const luaString = (bytes: readonly number[]): Lua => '"' + bytes.map((b) => '\\' + String(b).padStart(3, '0')).join('') + '"';

const interestingBytes = fc.oneof(
  fc.uint8Array({ maxLength: 6 }).map((a) => [...a]),
  fc.constantFrom('', 'hello world', 'a"b\\c', 'line\nbreak\r\t', '\xec\x95\x88\xeb\x85\x95', 'key:1').map((s) => [...s].map((c) => c.charCodeAt(0))),
);
const word = fc.stringMatching(/^[a-z]{1,8}$/);

const leaf: fc.Arbitrary<Lua> = fc.oneof(
  interestingBytes.map(luaString),
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map(String),
  fc.constantFrom('0', '-1', '4503599627370496', '-4503599627370496'),
  fc.constantFrom('true', 'false'),
  fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.constantFrom(0.1, 1.5, 1e21, 3)).map((d) => `{double=${String(d)}}`),
  fc.constantFrom('{double=1/0}', '{double=-1/0}'),
  word.map((w) => `{ok="${w}"}`),
  word.map((w) => `{err="ERR ${w}"}`),
  interestingBytes.map((b) => `{verbatim_string={format="txt", string=${luaString(b)}}}`),
);

const value: fc.Arbitrary<Lua> = fc.letrec<{ v: Lua }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 12 }).map((items) => `{${items.join(', ')}}`),
    fc
      .uniqueArray(fc.tuple(interestingBytes, tie('v')), { maxLength: 4, selector: ([k]) => k.join(',') })
      .map((pairs) => `{map={${pairs.map(([k, v]) => `[${luaString(k)}]=${v}`).join(', ')}}}`),
    fc
      .uniqueArray(interestingBytes, { maxLength: 11, selector: (k) => k.join(',') })
      .map((keys) => `{set={${keys.map((k) => `[${luaString(k)}]=true`).join(', ')}}}`),
  ),
})).v;

const SCRIPTS: string[] = fc.sample(value, { numRuns: 300, seed: 20240607 }).map((v) => `redis.setresp(3) return ${v}`);
// A few fixed shapes the random ones may miss: index widths, empty aggregates, deep nesting.
SCRIPTS.push(
  'return {}',
  'redis.setresp(3) return {map={}}',
  'redis.setresp(3) return {set={}}',
  'return {1,2,3,4,5,6,7,8,9,10,{1,{2,{3,{}}}}}',
  `return {${Array.from({ length: 101 }, (_, i) => i).join(',')}}`,
  'redis.setresp(3) return {map={a={1,2}, b={map={c={set={x=true}}}}, c={1}, d={{1,2}}}}',
);

let server: RealRedis;
beforeAll(async () => {
  server = await startRealRedis();
});
afterAll(async () => {
  await server?.stop();
});

/** What the real redis-cli prints for the scripts, one session, as bytes. */
function realCli(resp: 2 | 3, mode: OutputMode): string {
  const args = ['-h', '127.0.0.1', '-p', String(server.port), ...(resp === 3 ? ['-3'] : []), ...(mode === 'raw' ? ['--raw'] : [])];
  const input = SCRIPTS.map((s) => `EVAL '${s}' 0`).join('\n') + '\n';
  const run = spawnSync('redis-cli', args, {
    input: Buffer.from(input, 'latin1'),
    env: { ...process.env, FAKETTY: '1', REDISCLI_HISTFILE: '/dev/null', REDISCLI_RCFILE: '/dev/null' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`redis-cli failed: ${run.stderr.toString()}`);
  return run.stdout.toString('latin1');
}

describe.each([2, 3] as const)('formatReply matches redis-cli on script replies (RESP%i)', (resp) => {
  it.each(['tty', 'raw'] as const)('%s', async (mode) => {
    const conn = await RespConnection.connect(server.port);
    try {
      if (resp === 3) await conn.send(['HELLO', '3']);
      let ours = '';
      for (const script of SCRIPTS) {
        const raw = await conn.send(['EVAL', script, '0']);
        const parsed = parseReply(raw);
        if (parsed === null) throw new Error(`cannot parse ${JSON.stringify(raw)}`);
        ours += formatReply(parsed.reply, mode, resp);
      }
      const theirs = realCli(resp, mode);
      expect(ours.split('\n')).toEqual(theirs.split('\n'));
    } finally {
      conn.close();
    }
  });
});
