// Helpers for the STRING group's differential tests: reading TTLs, encodings and existence on
// both sides, and making keys of other types for WRONGTYPE paths.

import { expect } from 'vitest';
import { Deque } from '../../src/engine/ds/deque.js';
import { show, type DiffContext } from './harness.js';

/** Makes `key` a list on both sides (for WRONGTYPE paths). */
export async function makeList(d: DiffContext, key: string): Promise<void> {
  if (d.engine.commands.has('rpush')) {
    await d.run([['RPUSH', key, 'x']]);
    return;
  }
  // Until the list group lands, put the same one-element list straight into our engine.
  await d.pair.real.send(['RPUSH', key, 'x']);
  d.pair.ours.client.db.put(key, { type: 'list', value: Deque.from(['x']) }, 0);
}

/** Switches the test's connection pair to RESP3. */
export async function resp3(d: DiffContext): Promise<void> {
  await d.both(['HELLO', '3']);
}

function parseInt(raw: string): number {
  expect(raw[0], show(raw)).toBe(':');
  return Number(raw.slice(1, -2));
}

/** PTTL of a key on both sides (-2 missing, -1 no TTL). */
export async function pttl(d: DiffContext, key: string): Promise<{ real: number; ours: number }> {
  const { real, ours } = await d.both(['PTTL', key]);
  return { real: parseInt(real), ours: parseInt(ours) };
}

/** Asserts both sides agree on a key's PTTL within `tolerance` ms (exact for -1 and -2). */
export async function expectPttl(d: DiffContext, key: string, tolerance = 1500): Promise<number> {
  const { real, ours } = await pttl(d, key);
  if (real < 0 || ours < 0) expect(ours, `pttl ${key}`).toBe(real);
  else expect(Math.abs(ours - real), `pttl ${key}: real ${real}, ours ${ours}`).toBeLessThanOrEqual(tolerance);
  return real;
}

/** Asserts OBJECT ENCODING of a key is the same on both sides and returns it. */
export async function expectEncoding(d: DiffContext, key: string): Promise<string> {
  const { real, ours } = await d.both(['OBJECT', 'ENCODING', key]);
  expect(show(ours), `OBJECT ENCODING ${show(key)}`).toBe(show(real));
  return real;
}

/** Asserts the key exists (or not) on both sides. */
export async function expectExists(d: DiffContext, key: string, exists: boolean): Promise<void> {
  const { real, ours } = await d.both(['EXISTS', key]);
  expect(real).toBe(exists ? ':1\r\n' : ':0\r\n');
  expect(ours).toBe(real);
}
