// Fuzzing the request parser through the socket: random pipelines of good, malformed and odd
// requests (RESP and inline), split at random byte boundaries, go to the real redis-server and to
// our server. What comes back, and whether the connection is closed, must be the same bytes.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { RespConnection, show, startRealRedis, type RealRedis } from '../diff/harness.js';
import { exchange, multibulk, startOurs } from '../server/raw.js';

const word = fc.constantFrom('a', 'b', 'k1', '', '10', '-1', 'x y', '\x00', '\xff', '\r\n', '"', "'", '\\');
const good = fc.oneof(
  fc.tuple(word, word).map(([k, v]) => multibulk(['SET', k, v])),
  word.map((k) => multibulk(['GET', k])),
  word.map((k) => multibulk(['INCR', k])),
  word.map((k) => multibulk(['ECHO', k])),
  fc.constant(multibulk(['PING'])),
  fc.constant('PING\r\n'),
  fc.constant('SET a "x\\ty" \n'),
  fc.constant("ECHO 'it\\'s'\r\n"),
  fc.constant('GET a\n'),
);
const bad = fc.constantFrom(
  '*x\r\n',
  '*1\r\nx',
  '*1\r\n$-1\r\n',
  '*1\r\n$03\r\nGET\r\n',
  '*2\r\n$3\r\nGET\r\n',
  '$3\r\nGET\r\n',
  '*0\r\n',
  '*-1\r\n',
  '\r\n',
  '\n',
  '   \r\n',
  '"unterminated\r\n',
  "'open\r\n",
  'GET "a"b\r\n',
  '*1\r\n$3\r\nGETxx',
  '*2\rX',
  '*1\x00\r\n',
  '*2147483648\r\n',
  '*1\r\n$536870913\r\n',
  ':1\r\n',
  '+PING\r\n',
  '-ERR\r\n',
);
// Not POST or Host: (HTTP spoken to Redis): Redis drops the connection with the replies it had not
// written yet, so what a client sees depends on how the bytes were batched (a fixed test covers it).
const noise = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 6 });
const pipeline = fc.array(fc.oneof({ weight: 5, arbitrary: good }, { weight: 3, arbitrary: bad }, { weight: 1, arbitrary: noise }), {
  minLength: 1,
  maxLength: 8,
});

/** The stream cut at a few random places. */
const split = pipeline
  .map((parts) => parts.join(''))
  .chain((stream) =>
    fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, stream.length - 1) }), { maxLength: 4 }).map((cuts) => {
      const at = [0, ...cuts.filter((c) => c < stream.length).sort((a, b) => a - b), stream.length];
      return at
        .slice(1)
        .map((end, i) => stream.slice(at[i], end))
        .filter((c) => c.length > 0);
    }),
  );

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

describe('random pipelines split at random bytes, against the real Redis', () => {
  let real: RealRedis;
  let ours: RunningServer;
  beforeAll(async () => {
    real = await startRealRedis();
    ours = (await startOurs()).server;
  });
  afterAll(async () => {
    await real?.stop();
    await ours?.close();
  });

  it(
    'get the same bytes back and the same close',
    async () => {
      await fc.assert(
        fc.asyncProperty(split, async (chunks) => {
          for (const port of [real.port, ours.port]) {
            const c = await RespConnection.connect(port);
            await c.send(['FLUSHALL']);
            c.close();
          }
          const options = { gap: 2, quiet: 100 };
          const [want, got] = await Promise.all([exchange(real.port, chunks, options), exchange(ours.port, chunks, options)]);
          expect(show(got.data), `reply to ${show(chunks.join(' | '))}`).toBe(show(want.data));
          expect(got.closed, `closed after ${show(chunks.join(' | '))}`).toBe(want.closed);
        }),
        {
          numRuns: RUNS,
          ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
        },
      );
      // A run waits for both servers to go quiet (100 ms): a long run gets the time it needs.
    },
    Math.max(300_000, RUNS * 500),
  );
});
