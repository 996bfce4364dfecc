// Helpers for the STRING group's differential tests. Some of what these tests look at belongs
// to other groups (TTL, OBJECT ENCODING, a list key for WRONGTYPE, HELLO 3): when the engine has
// that command, both sides run it; until then our side is read straight from the engine.

import { expect } from 'vitest';
import { stringEncoding } from '../../src/engine/commands/strings.js';
import type { RObj } from '../../src/engine/objects.js';
import { show, type DiffContext } from './harness.js';

function has(d: DiffContext, name: string): boolean {
  return d.engine.commands.has(name);
}

/** Makes `key` a list on both sides (for WRONGTYPE paths). */
export async function makeList(d: DiffContext, key: string): Promise<void> {
  if (has(d, 'rpush')) {
    await d.run([['RPUSH', key, 'x']]);
    return;
  }
  await d.pair.real.send(['RPUSH', key, 'x']);
  const fake = { type: 'list', lru: d.engine.now, slot: -1 } as unknown as RObj;
  d.pair.ours.client.db.put(key, fake);
}

/** Switches the test's connection pair to RESP3. */
export async function resp3(d: DiffContext): Promise<void> {
  if (has(d, 'hello')) {
    await d.both(['HELLO', '3']);
    return;
  }
  await d.pair.real.send(['HELLO', '3']);
  d.pair.ours.client.resp = 3;
}

function parseInt(raw: string): number {
  expect(raw[0], show(raw)).toBe(':');
  return Number(raw.slice(1, -2));
}

/** PTTL of a key on both sides (-2 missing, -1 no TTL). */
export async function pttl(d: DiffContext, key: string): Promise<{ real: number; ours: number }> {
  const real = parseInt(await d.pair.real.send(['PTTL', key]));
  if (has(d, 'pttl')) return { real, ours: parseInt(await d.pair.ours.send(['PTTL', key])) };
  const db = d.pair.ours.client.db;
  const now = Date.now();
  const when = db.expires.get(key);
  if (!db.dict.has(key) || (when !== undefined && when <= now)) return { real, ours: -2 };
  return { real, ours: when === undefined ? -1 : when - now };
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
  const real = await d.pair.real.send(['OBJECT', 'ENCODING', key]);
  let ours: string;
  if (has(d, 'object')) {
    ours = await d.pair.ours.send(['OBJECT', 'ENCODING', key]);
  } else {
    const obj = d.pair.ours.client.db.dict.get(key);
    if (obj === undefined) ours = '$-1\r\n';
    else {
      const enc = stringEncoding(obj);
      ours = '$' + enc.length + '\r\n' + enc + '\r\n';
    }
  }
  expect(show(ours), `OBJECT ENCODING ${show(key)}`).toBe(show(real));
  return real;
}

/** Asserts the key exists (or not) on both sides. */
export async function expectExists(d: DiffContext, key: string, exists: boolean): Promise<void> {
  const real = await d.pair.real.send(['EXISTS', key]);
  expect(real).toBe(exists ? ':1\r\n' : ':0\r\n');
  if (has(d, 'exists')) {
    expect(await d.pair.ours.send(['EXISTS', key])).toBe(real);
    return;
  }
  const db = d.pair.ours.client.db;
  const when = db.expires.get(key);
  const ours = db.dict.has(key) && (when === undefined || when > Date.now());
  expect(ours, `exists ${show(key)}`).toBe(exists);
}
