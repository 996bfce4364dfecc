// Our line splitter against the real redis-cli's: random typed lines (quotes, escapes, blanks,
// Korean, stray backslashes) go into `RPUSH x <line>`, then `LRANGE x 0 -1` shows every
// argument exactly as it arrived and `DEL x` cleans up. The real redis-cli (against a real
// redis-server) and our session (against our engine) must print the same bytes — including
// "Invalid argument(s)" for the lines it refuses.

import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRealRedis, type RealRedis } from '../diff/harness.js';
import { replay } from './golden-support.js';

const pieces = fc.constantFrom(
  ' ',
  '  ',
  '\t',
  '\r',
  '\v',
  '\f',
  '"',
  '"',
  "'",
  "'",
  '\\',
  '\\',
  '\\"',
  "\\'",
  'a',
  'b',
  'x',
  'n',
  't',
  'r',
  'A',
  'f',
  'F',
  '0',
  '9',
  'zz',
  '\\x41',
  '\\xfF',
  '\\x4',
  '\\xg1',
  '\\n',
  '\\r',
  '\\t',
  '\\b',
  '\\a',
  '\\q',
  '\\\\',
  '안',
  '녕',
  'é',
  '😀',
  '""',
  "''",
  '\0',
);
const LINES = fc.sample(
  fc.array(pieces, { maxLength: 14 }).map((p) => p.join('')),
  { numRuns: 400, seed: 7 },
);

let server: RealRedis;
beforeAll(async () => {
  server = await startRealRedis();
});
afterAll(async () => {
  await server?.stop();
});

it('splits typed lines exactly like redis-cli', async () => {
  const typed = LINES.flatMap((l) => [`RPUSH x ${l}`, 'LRANGE x 0 -1', 'DEL x']);
  const run = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(server.port)], {
    input: Buffer.from(typed.join('\n') + '\n', 'utf8'),
    env: { ...process.env, FAKETTY: '1', REDISCLI_HISTFILE: '/dev/null', REDISCLI_RCFILE: '/dev/null' },
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(run.status).toBe(0);
  const theirs = run.stdout.toString('latin1');
  const ours = (await replay(typed, 'tty', server.port)).stdout;
  expect(ours.split('\n')).toEqual(theirs.split('\n'));
  // the sample exercises both outcomes
  expect(theirs).toContain('Invalid argument(s)');
  expect(theirs).toMatch(/^2\) /m);
});
