// Helpers for the HASH group's (and SORT's) differential tests: replies Redis gives in hash
// order (hashtable encodings, random picks) compared by content instead of bytes.

import { expect } from 'vitest';
import type { Reply } from '../../src/shared/reply.js';
import { encodeReply } from '../../src/protocol/encode.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { show, type DiffContext } from './harness.js';

export function parse(raw: string): Reply {
  const p = parseReply(raw);
  if (p === null) throw new Error(`incomplete reply: ${show(raw)}`);
  return p.reply;
}

/** The items of an array, set or map reply (a map flattened to k, v, k, v). */
export function items(r: Reply): Reply[] {
  if (r.t === 'array' || r.t === 'set' || r.t === 'push') return r.v ?? [];
  if (r.t === 'map') return r.v.flat();
  throw new Error(`not an aggregate: ${r.t}`);
}

/** Byte strings of a flat reply of bulks. */
export function bulkStrings(r: Reply): string[] {
  return items(r).map((x) => {
    if (x.t !== 'bulk' || x.v === null) throw new Error(`not a bulk: ${JSON.stringify(x)}`);
    return x.v;
  });
}

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A field/value reply (HGETALL; HSCAN's element list; HRANDFIELD WITHVALUES in RESP2 or RESP3)
 * as sorted "field\0value" strings, so hash-ordered replies compare by content. The reply type
 * itself (map, array, nested pairs) must match too: it is part of the result.
 */
export function pairSet(r: Reply): { type: string; pairs: string[] } {
  const list = items(r);
  const pairs: string[] = [];
  if (list.length > 0 && list[0]!.t === 'array') {
    for (const p of list) {
      const [f, v] = bulkStrings(p);
      pairs.push(show(f!) + ' => ' + show(v!));
    }
  } else {
    const flat = bulkStrings(r);
    for (let i = 0; i < flat.length; i += 2) pairs.push(show(flat[i]!) + ' => ' + show(flat[i + 1]!));
  }
  return { type: r.t, pairs: pairs.sort(byBytes) };
}

/** Runs a command whose reply lists field/value pairs in hash order, compares by content. */
export async function samePairs(d: DiffContext, argv: string[]): Promise<void> {
  const { real, ours } = await d.both(argv);
  expect(pairSet(parse(ours)), argv.join(' ')).toEqual(pairSet(parse(real)));
}

/** Both sides' replies decoded and re-encoded in RESP3, for messages. */
export function resp3Of(r: Reply): string {
  return show(encodeReply(r, 3));
}

/** Sends the same commands to both sides without comparing (setup of large data). */
export async function setup(d: DiffContext, steps: string[][]): Promise<void> {
  for (const argv of steps) {
    const { real, ours } = await d.both(argv);
    expect(show(ours), argv.join(' ')).toBe(show(real));
  }
}

/** HSET of n fields f0..f{n-1} with values v0.., in batches. */
export function fillHash(key: string, n: number, field = (i: number) => 'f' + i, value = (i: number) => 'v' + i): string[][] {
  const steps: string[][] = [];
  for (let i = 0; i < n; i += 100) {
    const argv = ['HSET', key];
    for (let j = i; j < Math.min(n, i + 100); j++) argv.push(field(j), value(j));
    steps.push(argv);
  }
  return steps;
}
