// Helpers for the pub/sub, notification and MONITOR differential tests: several replies per
// command, pushes read with next(), a timeout instead of a hang when a side sends fewer.

import { expect } from 'vitest';
import { show, type Pair } from './harness.js';

/** A side that sends commands and reads replies/pushes as raw bytes. */
interface Side {
  send(argv: readonly string[]): Promise<string>;
  next(): Promise<string>;
}

/** As long as expect.poll waits (vite.config.ts): a busy machine may be slow to deliver. */
const WAIT_MS = 10_000;

/** The next reply, or '<nothing within 10000 ms>' (so a missing push fails instead of hanging). */
export function within(p: Promise<string>, ms = WAIT_MS): Promise<string> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(`<nothing within ${ms} ms>`), ms);
    void p.then((v) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}

/** Sends argv and reads `n` replies in all (the command's first, then n-1 more). */
export async function sendN(side: Side, argv: readonly string[], n: number): Promise<string[]> {
  const out = [await within(side.send(argv))];
  for (let i = 1; i < n; i++) out.push(await within(side.next()));
  return out;
}

/** Reads `n` pushes. */
export async function nextN(side: Side, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(await within(side.next()));
  return out;
}

function compare(real: string[], ours: string[], what: string, unordered: boolean): void {
  const r = unordered ? [...real].sort() : real;
  const o = unordered ? [...ours].sort() : ours;
  expect(o.map(show), what).toEqual(r.map(show));
}

/** Both sides run argv; the `n` replies it produces must be identical (as a multiset if unordered). */
export async function same(pair: Pair, argv: string[], n = 1, unordered = false): Promise<void> {
  const real = await sendN(pair.real, argv, n);
  const ours = await sendN(pair.ours, argv, n);
  compare(real, ours, `replies to ${show(argv.join(' '))}`, unordered);
}

/** Runs each step with `same` (single-reply steps, or [argv, n] for several replies). */
export async function steps(pair: Pair, list: (string[] | [string[], number])[]): Promise<void> {
  for (const s of list) {
    if (Array.isArray(s[0])) await same(pair, s[0], s[1] as number);
    else await same(pair, s as string[]);
  }
}

/**
 * Both sides unsubscribe from everything: Redis walks a hash table, so the channels come in no
 * fixed order, but the counts still fall one by one. Compares the replies with the names taken
 * out, and the names as a set.
 */
export async function sameUnsubscribeAll(pair: Pair, argv: string[], n: number): Promise<void> {
  const real = await sendN(pair.real, argv, n);
  const ours = await sendN(pair.ours, argv, n);
  const name = /^(\*3\r\n\$\d+\r\n\w+\r\n)\$(\d+)\r\n/;
  const split = (raws: string[]) => {
    const names: string[] = [];
    const shapes = raws.map((raw) => {
      const m = name.exec(raw) ?? /^(>3\r\n\$\d+\r\n\w+\r\n)\$(\d+)\r\n/.exec(raw);
      if (m === null) return raw;
      const len = Number(m[2]);
      const start = m[0].length;
      names.push(raw.slice(start, start + len));
      return m[1] + '<name>' + raw.slice(start + len + 2);
    });
    return { shapes, names: names.sort() };
  };
  const r = split(real);
  const o = split(ours);
  expect(o.shapes.map(show), `replies to ${argv.join(' ')}`).toEqual(r.shapes.map(show));
  expect(o.names.map(show)).toEqual(r.names.map(show));
}

/** The next `n` pushes on both sides must be identical. */
export async function samePushes(pair: Pair, n: number, unordered = false): Promise<void> {
  const real = await nextN(pair.real, n);
  const ours = await nextN(pair.ours, n);
  compare(real, ours, `${n} pushes`, unordered);
}

/** Switches both sides to RESP3 (the HELLO replies differ in the id, so they are not compared). */
export async function resp3(pair: Pair): Promise<void> {
  await pair.real.send(['HELLO', '3']);
  await pair.ours.send(['HELLO', '3']);
}

/**
 * Reads pushes until one contains `marker` (a message body), on one side; returns them all,
 * the marker's included. Gives up after 50 pushes or 2 s of silence.
 */
export async function readUntil(side: Side, marker: string): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < 50; i++) {
    const raw = await within(side.next());
    out.push(raw);
    if (raw.includes(marker) || raw.startsWith('<nothing')) break;
  }
  return out;
}

/** Polls the real server until `argv` answers `want` (a client's disconnection takes a moment there). */
export async function waitReal(pair: Pair, argv: string[], want: string): Promise<void> {
  await expect.poll(() => pair.real.send(argv), { message: `${argv.join(' ')} on the real server` }).toBe(want);
}
