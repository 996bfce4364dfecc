// Helpers for the SET group's differential tests: parsing replies, comparing members as sets,
// checking the shape of random replies (SPOP, SRANDMEMBER) and whole SSCAN iterations on both
// sides, and the dirty counter (rdb_changes_since_last_save).

import { expect } from 'vitest';
import type { Reply } from '../../src/shared/reply.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { show, type DiffContext, type Pair } from './harness.js';

export function parse(raw: string): Reply {
  const p = parseReply(raw);
  if (p === null) throw new Error(`incomplete reply: ${show(raw)}`);
  return p.reply;
}

/** The bulk strings of an array or set reply, in order. */
export function bulksOf(raw: string): string[] {
  const r = parse(raw);
  if ((r.t !== 'array' && r.t !== 'set') || r.v === null) throw new Error(`not an array: ${show(raw)}`);
  return r.v.map((x) => {
    if (x.t !== 'bulk' || x.v === null) throw new Error(`not a bulk string in ${show(raw)}`);
    return x.v;
  });
}

/** The reply's type marker and element count: '*3', '~0', '$', '_' … */
export function shapeOf(raw: string): string {
  const r = parse(raw);
  if (r.t === 'array' || r.t === 'set') return raw[0]! + (r.v === null ? '-1' : String(r.v.length));
  return raw[0]!;
}

export function sorted(xs: readonly string[]): string[] {
  return [...xs].sort();
}

/** SMEMBERS on both sides, compared as sets; returns the members (sorted). */
export async function expectSameMembers(d: DiffContext | Pair, key: string): Promise<string[]> {
  const { real, ours } = await d.both(['SMEMBERS', key]);
  const a = sorted(bulksOf(real));
  expect(sorted(bulksOf(ours)).map(show), `SMEMBERS ${show(key)}`).toEqual(a.map(show));
  return a;
}

/** Runs a random command on both sides: same reply shape, and each side's elements pass `check`. */
export async function expectRandomShape(
  d: DiffContext | Pair,
  argv: string[],
  check: (elements: string[], side: 'real' | 'ours') => void,
): Promise<{ real: string[]; ours: string[] }> {
  const { real, ours } = await d.both(argv);
  expect(shapeOf(ours), `shape of ${show(argv.join(' '))}: ${show(ours)} vs ${show(real)}`).toBe(shapeOf(real));
  const a = bulksOf(real);
  const b = bulksOf(ours);
  check(a, 'real');
  check(b, 'ours');
  return { real: a, ours: b };
}

/** Asserts every element is one of `members`, and (unless `repeats`) all are distinct. */
export function within(members: readonly string[], repeats = false): (xs: string[], side: string) => void {
  const all = new Set(members);
  return (xs, side) => {
    for (const x of xs) expect(all.has(x), `${side}: ${show(x)} is not a member`).toBe(true);
    if (!repeats) expect(new Set(xs).size, `${side}: distinct elements`).toBe(xs.length);
  };
}

/**
 * A whole SSCAN iteration with the given options on one connection: every member returned,
 * with the number of calls it took.
 */
export async function scanAll(send: (argv: string[]) => Promise<string>, key: string, opts: string[] = []): Promise<{ members: string[]; calls: number }> {
  let cursor = '0';
  const members: string[] = [];
  let calls = 0;
  do {
    const r = parse(await send(['SSCAN', key, cursor, ...opts]));
    if (r.t !== 'array' || r.v === null || r.v.length !== 2) throw new Error('bad SSCAN reply');
    const [cur, items] = r.v;
    if (cur!.t !== 'bulk' || cur.v === null || items!.t !== 'array' || items.v === null) throw new Error('bad SSCAN reply');
    cursor = cur.v;
    for (const it of items.v) if (it.t === 'bulk' && it.v !== null) members.push(it.v);
    calls++;
    if (calls > 100000) throw new Error('SSCAN does not end');
  } while (cursor !== '0');
  return { members, calls };
}

/** Both sides' full SSCAN iterations, compared as sets of members. */
export async function expectSameScan(d: DiffContext, key: string, opts: string[] = []): Promise<string[]> {
  const real = await scanAll((a) => d.pair.real.send(a), key, opts);
  const ours = await scanAll((a) => d.pair.ours.send(a), key, opts);
  const want = [...new Set(real.members)].sort();
  expect([...new Set(ours.members)].sort().map(show), `SSCAN ${show(key)} ${opts.join(' ')}`).toEqual(want.map(show));
  return want;
}

/** rdb_changes_since_last_save of one side. */
export async function dirty(send: (argv: string[]) => Promise<string>): Promise<number> {
  const r = parse(await send(['INFO', 'persistence']));
  const text = r.t === 'bulk' || r.t === 'verbatim' ? (r.v ?? '') : '';
  const m = /rdb_changes_since_last_save:(\d+)/.exec(text);
  if (!m) throw new Error('no rdb_changes_since_last_save in INFO');
  return Number(m[1]);
}

/**
 * Runs the steps on both sides and asserts they changed the dirty counter by the same amount
 * (replies are not compared: the steps may pick members at random).
 */
export async function expectSameDirty(d: DiffContext, steps: string[][]): Promise<void> {
  const before = { real: await dirty((a) => d.pair.real.send(a)), ours: await dirty((a) => d.pair.ours.send(a)) };
  for (const argv of steps) await d.both(argv);
  const after = { real: await dirty((a) => d.pair.real.send(a)), ours: await dirty((a) => d.pair.ours.send(a)) };
  expect(after.ours - before.ours, `dirty after ${steps.map((s) => s.join(' ')).join('; ')}`).toBe(after.real - before.real);
}

/** Integers as strings, from..to inclusive. */
export function range(from: number, to: number, prefix = ''): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(prefix + i);
  return out;
}
