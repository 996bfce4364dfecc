// SAVE, BGSAVE, LASTSAVE against a real redis-server (saving into a temporary directory).
// Our BGSAVE finishes at once; the real one forks, so each test waits for it to end before
// the next command (a second BGSAVE would otherwise meet "already in progress").

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { useDiff } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'persistence-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('persistence commands', () => {
  const d = useDiff({ redisArgs: ['--dir', dir, '--dbfilename', 'dump.rdb'] });

  async function bgsaveDone(): Promise<void> {
    const inProgress = async () => /rdb_bgsave_in_progress:(\d)/.exec(await d.pair.real.send(['INFO', 'persistence']))?.[1];
    await expect.poll(inProgress, { message: 'the real BGSAVE finishing' }).toBe('0');
  }

  /** Unix seconds now, rounded down or up: LASTSAVE taken in between lies between them. */
  const seconds = (round: (x: number) => number) => round(Date.now() / 1000);

  async function lastsave(): Promise<{ real: number; ours: number }> {
    const { real, ours } = await d.both(['LASTSAVE']);
    const num = (raw: string) => {
      const r = parseReply(raw)!.reply;
      expect(r.t).toBe('int');
      return Number((r as { v: number }).v);
    };
    return { real: num(real), ours: num(ours) };
  }

  it('SAVE replies OK, with data or without, and checks arity', () => d.run([['SAVE'], ['SET', 'k', 'v'], ['SAVE'], ['save'], ['SAVE', 'now'], ['SAVE', '']]));

  it('BGSAVE replies "Background saving started"', async () => {
    await d.run([['SET', 'k', 'v'], ['BGSAVE']]);
    await bgsaveDone();
    await d.run([['bgsave']]);
    await bgsaveDone();
  });

  it('BGSAVE SCHEDULE (any case) starts a save when nothing else runs', async () => {
    await d.run([['BGSAVE', 'SCHEDULE']]);
    await bgsaveDone();
    await d.run([['bgsave', 'schedule']]);
    await bgsaveDone();
    await d.run([['BGSAVE', 'ScHeDuLe']]);
    await bgsaveDone();
  });

  it('BGSAVE rejects any other argument with a syntax error', () =>
    d.run([
      ['BGSAVE', 'now'],
      ['BGSAVE', ''],
      ['BGSAVE', 'SCHEDULE', 'SCHEDULE'],
      ['BGSAVE', 'SCHEDULE', 'x'],
      ['BGSAVE', 'x', 'SCHEDULE'],
      ['BGSAVE', 'schedul'],
      ['BGSAVE', '\xff'],
    ]));

  it('LASTSAVE checks arity', () =>
    d.run([
      ['LASTSAVE', 'x'],
      ['lastsave', '1', '2'],
    ]));

  it('LASTSAVE moves to the time of the last successful SAVE or BGSAVE', async () => {
    // Each side's time of saving lies between the clock read before and after (no tolerance to
    // guess: a busy machine only widens the bracket).
    const within = async (save: string[][], done: () => Promise<void> = async () => {}) => {
      const before = seconds(Math.floor);
      await d.run(save);
      await done();
      const t = await lastsave();
      const after = seconds(Math.ceil);
      for (const side of [t.real, t.ours]) {
        expect(side).toBeGreaterThanOrEqual(before);
        expect(side).toBeLessThanOrEqual(after);
      }
    };
    await within([['SAVE']]);
    await within([['BGSAVE']], bgsaveDone);
  });

  it('counts changes since the last save like rdb_changes_since_last_save', async () => {
    await d.run([['SAVE'], ['SET', 'a', '1'], ['SET', 'b', '2'], ['SET', 'a', '3']]);
    const info = await d.pair.real.send(['INFO', 'persistence']);
    const real = Number(/rdb_changes_since_last_save:(\d+)/.exec(info)![1]);
    expect(d.engine.changesSinceLastSave).toBe(real);
    await d.run([['SAVE']]);
    expect(d.engine.changesSinceLastSave).toBe(0);
  });
});
