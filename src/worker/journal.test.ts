import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdjustableClock, VirtualClock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { late } from '../engine/late.js';
import { EngineHost, JOURNAL_MIN_BYTES } from './engine-host.js';
import { restoreSaved } from './restore.js';
import { memoryState } from './saved-state.js';

/** A host journaling into memoryState as the worker does, its autosaves stored at once. */
function journaled(state = memoryState()) {
  const clock = new VirtualClock(1_700_000_000_000);
  const appended: { seq: number; text: string }[] = [];
  const microtasks: (() => void)[] = [];
  const host = new EngineHost(() => undefined, {
    engine: { clock, late },
    autosave: (image, journalFrom) => {
      const bytes = new Uint8Array(image.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of image) {
        bytes.set(c, at);
        at += c.length;
      }
      state.save({ snapshot: bytes, ahead: 0, pausedAt: null }, journalFrom);
    },
    journal: (entry) => {
      appended.push(entry);
      state.append({ ...entry, ahead: 0, pausedAt: null });
    },
    autosaveTime: () => clock.now(),
    autosaveIntervalMs: 0,
    schedule: (fn) => microtasks.push(fn),
  });
  host.start();
  host.handle({ type: 'open', id: 1 });
  /** One task of the worker: a command, then what runs at the task's end. */
  const run = async (...argv: string[]) => {
    host.handle({ type: 'run', id: 2, clientId: 3, argv });
    await Promise.resolve();
  };
  return { host, state, appended, clock, run };
}

/** What a new worker finds at the same moment: the stored snapshot and journal, in a fresh engine. */
async function reload(state: ReturnType<typeof memoryState>, at: VirtualClock): Promise<string[]> {
  const clock = new AdjustableClock(() => at.now());
  const e = new Engine({ clock });
  await restoreSaved(state, clock, e);
  return dump(e);
}

function dump(e: Engine): string[] {
  const out: string[] = [];
  for (const db of e.dbs)
    for (const [k, o] of db.dict) out.push(`${db.id} ${k} ${JSON.stringify(o.type === 'string' ? o.value : o.type)} ${db.expires.get(k) ?? -1}`);
  return out.sort();
}

describe('the journal', () => {
  it('stores each task that wrote as one entry at its end, in order, as the AOF would hold it', async () => {
    const { appended, run } = journaled();
    await run('SET', 'a', '1');
    await run('GET', 'a');
    await run('SELECT', '2');
    await run('INCRBYFLOAT', 'f', '1.5');
    expect(appended).toEqual([
      { seq: 0, text: '*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n' },
      { seq: 1, text: '*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*4\r\n$3\r\nSET\r\n$1\r\nf\r\n$3\r\n1.5\r\n$7\r\nKEEPTTL\r\n' },
    ]);
  });

  it('a reload right after a write finds it, with no snapshot yet', async () => {
    const { state, run, clock } = journaled();
    await run('SET', 'k', 'v', 'EX', '100');
    await run('RPUSH', 'l', 'x');
    expect(state.dataset).toBeUndefined();
    expect(await reload(state, clock)).toEqual(['0 k "v" 1700000100000', '0 l "list" -1']);
  });

  it('snapshots only once the journal has grown, and the snapshot takes the entries it holds with it', async () => {
    const { host, state, run, clock } = journaled();
    await run('SET', 'small', 'x');
    host.cronTick();
    expect(state.dataset).toBeUndefined(); // a few bytes of journal: no snapshot
    const big = 'v'.repeat(1000);
    for (let i = 0; i * 1000 < JOURNAL_MIN_BYTES; i++) await run('SET', `k${i}`, big);
    host.cronTick();
    expect(state.dataset).not.toBeUndefined();
    expect(state.entries).toEqual([]);
    await run('SET', 'after', '1');
    expect(state.entries.map((e) => e.seq)).toEqual([Math.ceil(JOURNAL_MIN_BYTES / 1000) + 1]);
    const live = dump(host.engine);
    expect(await reload(state, clock)).toEqual(live);
  });

  it('a snapshot asked for before the late parts (the snapshot job) have come is made once they have', () => {
    const state = memoryState();
    const host = new EngineHost(() => undefined, {
      engine: { clock: new VirtualClock() },
      autosave: (image, journalFrom) => state.save({ snapshot: Buffer.concat(image), ahead: 0, pausedAt: null }, journalFrom),
      journal: (entry) => state.append({ ...entry, ahead: 0, pausedAt: null }),
    });
    host.start();
    host.compact();
    host.cronTick();
    expect(state.dataset).toBeUndefined();
    host.engine.provideLate(late);
    host.cronTick();
    expect(state.dataset).not.toBeUndefined();
  });

  it('whatever the writes and wherever snapshots fall, a reload finds the live dataset', async () => {
    const command = fc.oneof(
      fc.tuple(fc.constant('SET'), fc.constantFrom('a', 'b', 'c'), fc.string({ maxLength: 300 })),
      fc.tuple(fc.constant('RPUSH'), fc.constantFrom('l', 'm'), fc.string({ maxLength: 300 })),
      fc.tuple(fc.constant('LPOP'), fc.constantFrom('l', 'm')),
      fc.tuple(fc.constant('EXPIRE'), fc.constantFrom('a', 'b', 'l'), fc.constantFrom('100', '0', '-1')),
      fc.tuple(fc.constant('SELECT'), fc.constantFrom('0', '1')),
      fc.tuple(fc.constant('SPOP'), fc.constantFrom('s'), fc.constantFrom('1', '2')),
      fc.tuple(fc.constant('SADD'), fc.constantFrom('s'), fc.string({ maxLength: 5 })),
      fc.tuple(fc.constant('DEL'), fc.constantFrom('a', 'l', 's')),
      fc.constant(['snapshot']),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 60 }), async (steps) => {
        const { host, state, run, clock } = journaled();
        for (const step of steps) {
          if (step[0] === 'snapshot') {
            host.compact();
          } else {
            await run(...step);
          }
        }
        expect(await reload(state, clock)).toEqual(dump(host.engine));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 100) },
    );
  });
});
