// Helpers for the GENERIC group's differential tests (keys.test.ts, expire.test.ts). Commands of
// other groups that these tests lean on (SELECT, RPUSH, HELLO) run on both sides when the engine
// has them; until then our side is set up straight through the engine.

import { expect } from 'vitest';
import type { RObj } from '../../src/engine/objects.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { show, type DiffContext, type Pair } from './harness.js';

function has(d: DiffContext, name: string): boolean {
  return d.engine.commands.has(name);
}

/** SELECT on both sides of a pair. */
export async function select(d: DiffContext, index: number, pair: Pair = d.pair): Promise<void> {
  if (has(d, 'select')) {
    const { real, ours } = await pair.both(['SELECT', String(index)]);
    expect(ours).toBe(real);
    return;
  }
  await pair.real.send(['SELECT', String(index)]);
  pair.ours.client.db = d.engine.dbs[index]!;
}

/** Makes `key` a list on both sides (TYPE, SCAN TYPE). */
export async function makeList(d: DiffContext, key: string): Promise<void> {
  if (has(d, 'rpush')) {
    await d.run([['RPUSH', key, 'x']]);
    return;
  }
  await d.pair.real.send(['RPUSH', key, 'x']);
  const fake = { type: 'list', lru: d.engine.now, slot: -1 } as unknown as RObj;
  d.pair.ours.client.db.put(key, fake, 0);
}

/** Switches the pair to RESP3. */
export async function resp3(d: DiffContext): Promise<void> {
  if (has(d, 'hello')) {
    await d.both(['HELLO', '3']);
    return;
  }
  await d.pair.real.send(['HELLO', '3']);
  d.pair.ours.client.resp = 3;
}

/** An integer reply's value. */
export function intOf(raw: string): bigint {
  expect(raw[0], show(raw)).toBe(':');
  return BigInt(raw.slice(1, -2));
}

/** Sends the command to both sides and checks that the integer replies differ by at most `tol`. */
export async function closeInts(d: DiffContext, argv: string[], tol: number): Promise<[bigint, bigint]> {
  const { real, ours } = await d.both(argv);
  const a = intOf(real);
  const b = intOf(ours);
  const diff = a > b ? a - b : b - a;
  expect(diff <= BigInt(tol), `${argv.join(' ')}: real ${a}, ours ${b}`).toBe(true);
  return [a, b];
}

/** One SCAN reply: the next cursor and the keys. */
function parseScan(raw: string): { cursor: string; keys: string[] } {
  const p = parseReply(raw);
  if (p === null || p.reply.t !== 'array' || p.reply.v === null) throw new Error(`not a SCAN reply: ${show(raw)}`);
  const [cur, list] = p.reply.v;
  if (cur?.t !== 'bulk' || list?.t !== 'array' || list.v === null) throw new Error(`not a SCAN reply: ${show(raw)}`);
  return { cursor: cur.v!, keys: list.v.map((k) => (k.t === 'bulk' ? k.v! : '?')) };
}

/** A whole SCAN iteration from cursor 0 with the given options; the keys, sorted. */
export async function scanAll(send: (argv: string[]) => Promise<string>, options: string[] = []): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  for (let calls = 0; calls < 100000; calls++) {
    const { cursor: next, keys } = parseScan(await send(['SCAN', cursor, ...options]));
    out.push(...keys);
    cursor = next;
    if (cursor === '0') return out.sort();
  }
  throw new Error('SCAN did not finish');
}

/** Full SCAN iterations on both sides return the same keys. */
export async function sameScan(d: DiffContext, options: string[] = []): Promise<string[]> {
  const real = await scanAll((a) => d.pair.real.send(a), options);
  const ours = await scanAll((a) => d.pair.ours.send(a), options);
  expect(ours.map(show), `SCAN ${options.join(' ')}`).toEqual(real.map(show));
  return real;
}

/** One SCAN command on both sides: the same cursor and the same keys in any order. */
export async function sameScanReply(d: DiffContext, argv: string[]): Promise<void> {
  const { real, ours } = await d.both(argv);
  if (real[0] === '-') {
    expect(show(ours)).toBe(show(real));
    return;
  }
  const a = parseScan(real);
  const b = parseScan(ours);
  expect(b.cursor, argv.join(' ')).toBe(a.cursor);
  expect(b.keys.map(show).sort(), argv.join(' ')).toEqual(a.keys.map(show).sort());
}

/** WATCH `key`, run `action`, then MULTI/GET/EXEC: both sides must agree on the outcome. */
export async function sameWatchOutcome(d: DiffContext, key: string, action: string[][]): Promise<void> {
  await d.run([['WATCH', key], ...action, ['MULTI'], ['GET', key], ['EXEC']]);
}
