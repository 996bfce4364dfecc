// Helpers for the SORTED SET group's differential tests: encodings on both sides, RESP3, keys of
// other types for WRONGTYPE paths, and the threshold settings (reset after each use, because
// the real server lives for the whole file while our engine is fresh for every test).

import { expect } from 'vitest';
import type { Reply } from '../../src/shared/reply.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { show, type DiffContext, type Step } from './harness.js';

export function parse(raw: string): Reply {
  const p = parseReply(raw);
  if (p === null) throw new Error(`incomplete reply: ${show(raw)}`);
  return p.reply;
}

/** Switches the test's connection pair to RESP3. */
export async function resp3(d: DiffContext): Promise<void> {
  await d.both(['HELLO', '3']);
}

/** Asserts OBJECT ENCODING of a key is the same on both sides and returns it. */
export async function expectEncoding(d: DiffContext, key: string, want?: string): Promise<string> {
  const { real, ours } = await d.both(['OBJECT', 'ENCODING', key]);
  expect(show(ours), `OBJECT ENCODING ${show(key)}`).toBe(show(real));
  if (want !== undefined) expect(real).toBe(`$${want.length}\r\n${want}\r\n`);
  return real;
}

/** Runs steps with zset-max-listpack-entries / -value set on both sides, then restores 128 / 64. */
export async function withThresholds(d: DiffContext, entries: number, value: number, steps: () => Promise<void>): Promise<void> {
  const set = (e: number, v: number): Step[] => [
    ['CONFIG', 'SET', 'zset-max-listpack-entries', String(e)],
    ['CONFIG', 'SET', 'zset-max-listpack-value', String(v)],
  ];
  await d.run(set(entries, value));
  try {
    await steps();
  } finally {
    await d.run(set(128, 64));
  }
}

/** ZADD of `n` members m0…m(n-1) with scores 0…n-1, in chunks. */
export function zaddMany(key: string, n: number, member = (i: number) => `m${i}`, score = (i: number) => String(i)): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < n; i += 200) {
    const argv = ['ZADD', key];
    for (let j = i; j < Math.min(n, i + 200); j++) argv.push(score(j), member(j));
    out.push(argv);
  }
  return out;
}
