// Differential tests for DUMP and RESTORE: the payload of every type and encoding byte for byte,
// payloads going both ways, RESTORE's options and every error in Redis's order of checks.
import { describe, expect, it } from 'vitest';
import { crc64, latin1FromBytes } from '../../src/engine/rdb.js';
import { useDiff, type Step } from './harness.js';

/** DUMP's payload out of a raw bulk reply. */
function payloadOf(raw: string): string {
  expect(raw.startsWith('$')).toBe(true);
  return raw.slice(raw.indexOf('\r\n') + 2, -2);
}

/** A payload around `body` (a type byte and a value) with RDB version `version` and a right CRC. */
function payload(body: number[], version = 10): string {
  const bytes = [...body, version & 0xff, version >> 8];
  let crc = crc64(Uint8Array.from(bytes));
  for (let i = 0; i < 8; i++) {
    bytes.push(Number(crc & 0xffn));
    crc >>= 8n;
  }
  return latin1FromBytes(Uint8Array.from(bytes));
}

/** One key of each type and encoding (a value of 40 'x' is long enough for LZF to pack it). */
const DATA: Step[] = [
  ['SET', 's:int', '12345'],
  ['SET', 's:embstr', 'hello'],
  ['SET', 's:raw', 'x'.repeat(100)],
  ['SET', 's:bin', '\x00\xff\r\n안'],
  ['RPUSH', 'l:small', 'a', 'b', '3'],
  ['RPUSH', 'l:big', ...Array.from({ length: 300 }, (_, i) => `item-${i % 7}`)],
  ['SADD', 'set:int', '1', '2', '-5'],
  ['SADD', 'set:big', ...Array.from({ length: 200 }, (_, i) => `m${i}`)],
  ['SADD', 'set:str', 'a', 'b'],
  ['HSET', 'h:small', 'f', 'v', 'n', '1'],
  ['HSET', 'h:big', ...Array.from({ length: 300 }, (_, i) => [`f${i}`, `v${i}`]).flat()],
  ['ZADD', 'z:small', '1', 'a', '2.5', 'b', '-inf', 'c'],
  ['ZADD', 'z:big', ...Array.from({ length: 200 }, (_, i) => [String(i / 3), `m${i}`]).flat()],
  ['XADD', 'x', '1-1', 'f', 'v'],
  ['XADD', 'x', '2-1', 'f', 'w', 'g', 'z'],
  ['XGROUP', 'CREATE', 'x', 'grp', '0'],
  ['XADD', 'x:pel', '1-1', 'f', 'v'],
  ['XGROUP', 'CREATE', 'x:pel', 'grp', '0'],
  ['XREADGROUP', 'GROUP', 'grp', 'alice', 'COUNT', '1', 'STREAMS', 'x:pel', '>'],
];
/** Keys whose payload is the same bytes on any server: all but hash tables, whose order follows
 *  each server's random hash seed, and a stream's pending entries, which carry delivery times
 *  (DUMP's nondeterministic_output). */
const ORDERED = ['s:int', 's:embstr', 's:raw', 's:bin', 'l:small', 'l:big', 'set:int', 'h:small', 'z:small', 'z:big', 'x'];
/** Every key, and a command that reads its whole value (unordered where the order is the seed's). */
const READ: [string, Step][] = [
  ...ORDERED.map((k): [string, Step] => [k, ['DUMP', k]]),
  ['set:big', { argv: ['SMEMBERS', 'set:big'], unordered: true }],
  ['set:str', { argv: ['SMEMBERS', 'set:str'], unordered: true }],
  ['h:big', { argv: ['HGETALL', 'h:big'], unordered: true }],
  ['x:pel', ['XPENDING', 'x:pel', 'grp']],
];

describe('DUMP', () => {
  const d = useDiff();

  it('serializes every type and encoding as Redis does, byte for byte', () =>
    d.run([
      ...DATA,
      ...ORDERED.map((k) => ['DUMP', k]),
      ['DUMP', 'missing'],
      ['DUMP'],
      ['DUMP', 'a', 'b'],
      ['CONFIG', 'SET', 'rdbcompression', 'no'],
      ['DUMP', 's:raw'],
      ['CONFIG', 'SET', 'rdbcompression', 'yes'],
    ]));

  it("RESTORE makes each key from Redis's payload and from ours, the same value and encoding", async () => {
    await d.run(DATA);
    for (const [k, read] of READ) {
      const { real, ours } = await d.both(['DUMP', k]);
      const copy = (argv: string[]) => argv.map((a) => (a === k ? `${k}:copy` : a));
      for (const p of [real, ours]) {
        await d.run([
          ['RESTORE', `${k}:copy`, '0', payloadOf(p), 'REPLACE'],
          ['TYPE', `${k}:copy`],
          ['OBJECT', 'ENCODING', `${k}:copy`],
          ['TTL', `${k}:copy`],
        ]);
        const step = Array.isArray(read) ? copy(read) : { ...read, argv: copy(read.argv) };
        await d.run([step]);
      }
    }
    await d.run([['DBSIZE'], ['XINFO', 'GROUPS', 'x:copy'], ['XRANGE', 'x:pel:copy', '-', '+']]);
  });

  it('RESTORE with a TTL, ABSTTL, REPLACE and IDLETIME', async () => {
    await d.run([['SET', 'k', 'v']]);
    const { real } = await d.both(['DUMP', 'k']);
    const p = payloadOf(real);
    await d.run([
      ['RESTORE', 'k', '0', p],
      ['RESTORE', 'k', '0', p, 'REPLACE'],
      ['RESTORE', 'ttl', '100000', p],
      ['TTL', 'ttl'],
      ['RESTORE', 'abs', '4102444800000', p, 'ABSTTL'],
      ['EXPIRETIME', 'abs'],
      // Already expired: OK, and no key (the one it replaces is deleted).
      ['RESTORE', 'gone', '1000', p, 'ABSTTL'],
      ['EXISTS', 'gone'],
      ['RESTORE', 'k', '1', p, 'ABSTTL', 'REPLACE'],
      ['EXISTS', 'k'],
      ['RESTORE', 'idle', '0', p, 'IDLETIME', '1000'],
      ['OBJECT', 'IDLETIME', 'idle'],
      ['RESTORE', 'freq', '0', p, 'FREQ', '100', 'replace', 'absttl'],
      ['TTL', 'freq'],
      ['RESTORE', 'huge', '9223372036854775807', p],
      ['EXISTS', 'huge'],
    ]);
  });

  it('RESTORE FREQ sets the LFU counter OBJECT FREQ shows (and is taken, unused, under other policies)', async () => {
    await d.run([['SET', 'k', 'v']]);
    const { real } = await d.both(['DUMP', 'k']);
    const p = payloadOf(real);
    await d.run([
      ['RESTORE', 'plain', '0', p, 'FREQ', '100'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'],
      ['RESTORE', 'f', '0', p, 'FREQ', '100'],
      ['OBJECT', 'FREQ', 'f'],
      ['RESTORE', 'f', '0', p, 'FREQ', '0', 'REPLACE'],
      ['OBJECT', 'FREQ', 'f'],
      ['RESTORE', 'idle', '0', p, 'IDLETIME', '1000'],
      ['OBJECT', 'FREQ', 'idle'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
    ]);
  });

  it('answers every error as Redis, in its order of checks', async () => {
    await d.run([['SET', 'k', 'v']]);
    const { real } = await d.both(['DUMP', 'k']);
    const p = payloadOf(real);
    const wrongCrc = p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) ^ 1);
    await d.run([
      ['RESTORE', 'n', '0'],
      ['RESTORE', 'k', '0', p],
      ['RESTORE', 'k', 'abc', 'junk'],
      ['RESTORE', 'k', '0', p, 'BOGUS'],
      ['RESTORE', 'n', 'abc', p],
      ['RESTORE', 'n', '-1', p],
      ['RESTORE', 'n', '0', 'junk'],
      ['RESTORE', 'n', '0', ''],
      ['RESTORE', 'n', '0', wrongCrc],
      ['RESTORE', 'n', '0', payload([0, 1, 0x41], 11)],
      ['RESTORE', 'n', '0', payload([0, 1, 0x41], 9)],
      ['EXISTS', 'n'],
      ['RESTORE', 'n', '0', payload([200, 1, 2, 3])],
      ['RESTORE', 'n', '0', payload([0, 5, 0x41])],
      ['RESTORE', 'n', '0', payload([18, 0])],
      ['RESTORE', 'n', '0', p, 'IDLETIME', '-1'],
      ['RESTORE', 'n', '0', p, 'IDLETIME', 'x'],
      ['RESTORE', 'n', '0', p, 'IDLETIME'],
      ['RESTORE', 'n', '0', p, 'FREQ', '256'],
      ['RESTORE', 'n', '0', p, 'FREQ', '-1'],
      ['RESTORE', 'n', '0', p, 'IDLETIME', '10', 'FREQ', '5'],
      ['RESTORE', 'n', '0', p, 'FREQ', '5', 'IDLETIME', '10'],
      ['RESTORE', 'n', '-1', p, 'BOGUS'],
      ['EXISTS', 'n'],
    ]);
  });
});
