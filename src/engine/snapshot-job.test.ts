import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';
import { commandSpecs } from './commands/index.js';
import type { CommandSpec } from './command.js';
import { Engine } from './engine.js';
import { RdbWriter, readRdb, writeRdb, type RdbSaveOptions } from './rdb.js';
import { SnapshotJob } from './snapshot-job.js';
import { PARTS_MIN_BYTES, PARTS_MIN_ELEMENTS } from './snapshot-value.js';

const T0 = 1_700_000_000_000;
const OPTS: RdbSaveOptions = { ctime: 0, usedMem: 0 };
const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];

/** Decoded contents, comparable whatever encodings and key order the files used. */
function image(bytes: Uint8Array): { sizes: string; keys: Map<string, string> } {
  const contents = readRdb(bytes, { now: 0, verifyChecksum: true });
  const keys = new Map<string, string>();
  // One writer for every key (each owns an LZF table): values compare uncompressed.
  const w = new RdbWriter({ compression: false });
  for (const k of contents.keys) {
    const id = `${k.db}/${k.key}`;
    expect(keys.has(id), `duplicate ${id}`).toBe(false);
    const value = w.keyValue(k.key, k.value).takeChunk();
    keys.set(id, `${k.expireAt} ${Buffer.from(value).toString('hex')}`);
  }
  return { sizes: JSON.stringify([...contents.sizes]), keys };
}

const key = fc.constantFrom(...KEYS);
const val = fc.constantFrom('1', '2', 'x', 'hello', '300', 'a-much-longer-value-to-compress-compress-compress');
const dbIndex = fc.constantFrom('0', '1', '2');

/** Write commands (and a few that change state indirectly), as argv. */
const command: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(key, val).map(([k, v]) => ['SET', k, v]),
  fc.tuple(key, val).map(([k, v]) => ['APPEND', k, v]),
  key.map((k) => ['INCR', k]),
  key.map((k) => ['DEL', k]),
  key.map((k) => ['GETDEL', k]),
  fc.tuple(key, val).map(([k, v]) => ['LPUSH', k, v, v]),
  key.map((k) => ['RPOP', k]),
  fc.tuple(key, key).map(([k, d]) => ['LMOVE', k, d, 'LEFT', 'RIGHT']),
  fc.tuple(key, val, val).map(([k, f, v]) => ['HSET', k, f, v]),
  fc.tuple(key, val).map(([k, f]) => ['HDEL', k, f]),
  fc.tuple(key, val).map(([k, m]) => ['SADD', k, m, '7']),
  fc.tuple(key, val).map(([k, m]) => ['SREM', k, m]),
  fc.tuple(key, key, key).map(([d, a, b]) => ['SUNIONSTORE', d, a, b]),
  fc.tuple(key, val).map(([k, m]) => ['ZADD', k, '1.5', m]),
  fc.tuple(key, key).map(([k, d]) => ['SORT', k, 'ALPHA', 'STORE', d]),
  fc.tuple(key, fc.constantFrom('1', '50', '100000')).map(([k, ms]) => ['PEXPIRE', k, ms]),
  key.map((k) => ['PERSIST', k]),
  key.map((k) => ['GETEX', k, 'PX', '20']),
  fc.tuple(key, key).map(([a, b]) => ['RENAME', a, b]),
  fc.tuple(key, key).map(([a, b]) => ['COPY', a, b, 'REPLACE']),
  fc.tuple(key, dbIndex).map(([k, d]) => ['MOVE', k, d]),
  fc.tuple(dbIndex, dbIndex).map(([a, b]) => ['SWAPDB', a, b]),
  dbIndex.map((d) => ['SELECT', d]),
  fc.constant<string[]>(['FLUSHDB']),
  fc.constant<string[]>(['FLUSHALL']),
  fc.tuple(key, val).map(([k, v]) => ['XADD', k, '*', 'f', v]),
  key.map((k) => ['XGROUP', 'CREATE', k, 'g', '0', 'MKSTREAM']),
  key.map((k) => ['XREADGROUP', 'GROUP', 'g', 'c1', 'COUNT', '1', 'STREAMS', k, '>']),
  key.map((k) => ['XACK', k, 'g', '0-1']),
);

/** Steps of the test: a command by the main client, one that may block by another, time passing, job steps. */
type Action = { t: 'cmd'; argv: string[] } | { t: 'block'; argv: string[] } | { t: 'time'; ms: number } | { t: 'step'; keys: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: command.map((argv): Action => ({ t: 'cmd', argv })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        key.map((k) => ['BLPOP', k, '0']),
        fc.tuple(key, key).map(([k, d]) => ['BLMOVE', k, d, 'LEFT', 'LEFT', '0']),
        key.map((k) => ['XREADGROUP', 'GROUP', 'g', 'c2', 'BLOCK', '0', 'STREAMS', k, '>']),
      )
      .map((argv): Action => ({ t: 'block', argv })),
  },
  { weight: 1, arbitrary: fc.constantFrom(1, 30, 200).map((ms): Action => ({ t: 'time', ms })) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }).map((keys): Action => ({ t: 'step', keys })) },
);

/**
 * Any command of the table with arguments drawn from its own syntax, as the command fuzzer
 * (test/fuzz/commands.test.ts) draws them, minus those that block, change the connection or
 * reach outside the engine.
 */
const LEFT_OUT = new Set([
  'blpop',
  'brpop',
  'blmove',
  'brpoplpush',
  'blmpop',
  'bzpopmin',
  'bzpopmax',
  'bzmpop',
  'wait',
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'unsubscribe',
  'punsubscribe',
  'sunsubscribe',
  'monitor',
  'quit',
  'client',
  'auth',
  'hello',
  'reset',
  'config',
  'shutdown',
  'debug',
  'save',
  'bgsave',
  'bgrewriteaof',
  'multi',
  'exec',
  'discard',
  'watch',
  'unwatch',
  'acl',
]);
const TABLE_KEYS = ['str', 'list', 'hash', 'set', 'zset', 'stream', 'hll', 'num', 'missing'];
const TABLE_SETUP: string[][] = [
  ['SET', 'str', 'hello'],
  ['SET', 'num', '10'],
  ['RPUSH', 'list', 'a', 'b', 'c', '1', '2'],
  ['HSET', 'hash', 'f', 'v', 'n', '5'],
  ['SADD', 'set', 'a', 'b', '1', '2'],
  ['ZADD', 'zset', '1', 'a', '2', 'b', '2.5', 'c'],
  ['XADD', 'stream', '1-1', 'f', 'v'],
  ['XADD', 'stream', '2-1', 'g', 'w'],
  ['XGROUP', 'CREATE', 'stream', 'g', '0'],
  ['PFADD', 'hll', 'a', 'b'],
  ['PEXPIRE', 'num', '50'],
];
const SCALARS = ['0', '1', '-1', '2', '10', '1.5', 'inf', '-inf', '0-0', '1-1', '$', '>', '', 'x', 'a', 'b', 'f', 'v', 'g', 'c1'];

function optionWords(spec: CommandSpec): string[] {
  return [...new Set(spec.syntax.match(/\b[A-Z][A-Z0-9_-]+\b/g) ?? [])];
}

const tableCommand: fc.Arbitrary<string[]> = fc
  .constantFrom(
    ...commandSpecs
      .filter((spec) => !LEFT_OUT.has(spec.name))
      .flatMap((spec) =>
        spec.subcommands
          ? spec.subcommands.filter((sub) => sub.name !== 'help').map((sub) => ({ name: [spec.name, sub.name], spec: sub }))
          : [{ name: [spec.name], spec }],
      ),
  )
  .chain((t) => {
    const words = optionWords(t.spec);
    const arg = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...TABLE_KEYS) },
      { weight: 4, arbitrary: fc.constantFrom(...SCALARS) },
      { weight: 3, arbitrary: words.length === 0 ? fc.constant('NX') : fc.constantFrom(...words) },
    );
    const fixed = Math.abs(t.spec.arity) - t.name.length;
    const count = t.spec.arity > 0 ? fc.constant(Math.max(0, fixed)) : fc.nat({ max: fixed + 5 });
    return count.chain((n) => fc.array(arg, { minLength: n, maxLength: n })).map((args) => [...t.name, ...args]);
  });

function setup(seed: string[][]) {
  const clock = new VirtualClock(T0);
  const engine = new Engine({ clock });
  const main = engine.createClient();
  const other = engine.createClient();
  for (const argv of seed) engine.execute(main, argv);
  return { clock, engine, main, other };
}

function run(seed: string[][], actions: Action[]): void {
  const { clock, engine, main, other } = setup(seed);
  const oracle = writeRdb(engine.dbs, OPTS);
  const job = new SnapshotJob(engine.dbs, OPTS);
  for (const a of actions) {
    if (job.done) break;
    if (a.t === 'cmd') engine.execute(main, a.argv);
    else if (a.t === 'block') {
      if (other.unblock === null) engine.execute(other, a.argv);
    } else if (a.t === 'time') {
      clock.advance(a.ms);
      engine.activeExpireCycle();
    } else job.step(a.keys);
  }
  while (!job.step(100));
  expect(engine.dbs.every((db) => db.guard === null)).toBe(true);
  expect(image(job.result())).toEqual(image(oracle));
}

describe('SnapshotJob', () => {
  it('writes the dataset as it was at the start, whatever runs between its steps', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 20, maxLength: 80 }), fc.array(action, { minLength: 10, maxLength: 120 }), (seed, actions) =>
        run(seed, actions),
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('holds for any command of the table between its steps', () => {
    const seed = [...TABLE_SETUP, ['SELECT', '1'], ...TABLE_SETUP, ['SELECT', '0']];
    const tableAction: fc.Arbitrary<Action> = fc.oneof(
      { weight: 6, arbitrary: tableCommand.map((argv): Action => ({ t: 'cmd', argv })) },
      { weight: 1, arbitrary: fc.constantFrom(1, 60).map((ms): Action => ({ t: 'time', ms })) },
      { weight: 2, arbitrary: fc.constant<Action>({ t: 'step', keys: 1 }) },
    );
    fc.assert(
      fc.property(fc.array(tableAction, { minLength: 5, maxLength: 60 }), (actions) => run(seed, actions)),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('keeps the HyperLogLog whose cached count PFCOUNT writes in place (a read-only command)', () => {
    const seed = [...TABLE_SETUP, ['SELECT', '1'], ...TABLE_SETUP, ['SELECT', '0']];
    // The table fuzzer's counterexample (fresh-clone run): PFCOUNT first, before any step.
    run(seed, [
      { t: 'cmd', argv: ['pfcount', 'hll'] },
      { t: 'time', ms: 1 },
      { t: 'step', keys: 1 },
    ]);
  });

  it('is the same file as writeRdb when nothing changes', () => {
    const { engine } = setup([
      ['SET', 'a', '1'],
      ['PEXPIRE', 'a', '5000'],
      ['SELECT', '3'],
      ['RPUSH', 'l', 'x', 'y'],
      ['XADD', 's', '1-1', 'f', 'v'],
      ['XGROUP', 'CREATE', 's', 'g', '0'],
    ]);
    const oracle = writeRdb(engine.dbs, OPTS);
    const job = new SnapshotJob(engine.dbs, OPTS);
    while (!job.step(1));
    expect(job.result()).toEqual(oracle);
  });

  it('keeps a key served to a blocked client, a renamed key and a flushed database as they were', () => {
    const { engine, main, other } = setup([
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['HSET', 'h', 'f', 'v'],
      ['SELECT', '1'],
      ['SET', 'z', 'in-db-1'],
      ['SELECT', '0'],
    ]);
    const oracle = writeRdb(engine.dbs, OPTS);
    const job = new SnapshotJob(engine.dbs, OPTS);
    job.step(1);
    engine.execute(other, ['BLMOVE', 'src', 'h2', 'LEFT', 'LEFT', '0']);
    expect(other.unblock).not.toBeNull();
    engine.execute(main, ['DEL', 'h']);
    engine.execute(main, ['LPUSH', 'src', 'x']); // serves the BLMOVE into h2 (created since the start)
    engine.execute(main, ['RENAME', 'a', 'b']);
    engine.execute(main, ['SWAPDB', '0', '1']);
    engine.execute(main, ['FLUSHALL']);
    engine.execute(main, ['SET', 'b', 'after']);
    while (!job.step(1));
    expect(image(job.result())).toEqual(image(oracle));
  });

  it('writes an empty file for an empty dataset', () => {
    const { engine } = setup([]);
    const job = new SnapshotJob(engine.dbs, OPTS);
    expect(job.step(1)).toBe(true);
    expect(job.result()).toEqual(writeRdb(engine.dbs, OPTS));
  });
});

describe('SnapshotJob with big values (written in parts)', () => {
  const N = PARTS_MIN_ELEMENTS + 500;
  /** Commands that make one big value of each kind (and small keys around them). */
  function bigSeed(): string[][] {
    const seed: string[][] = [['SET', 'small', 'x']];
    const hash = ['HSET', 'h'];
    const set = ['SADD', 's'];
    const zset = ['ZADD', 'z'];
    const list = ['RPUSH', 'l'];
    for (let i = 0; i < N; i++) {
      hash.push(`f${i}`, `value-${i % 97}`);
      set.push(`m${i}`);
      zset.push(String((i * 7919) % 1000), `m${i}`);
      list.push(i % 3 === 0 ? String(i) : `item-${i}`);
    }
    seed.push(hash, set, zset, list, ['PEXPIRE', 'z', '100000']);
    for (let i = 1; i <= N; i++)
      seed.push(i % 50 === 0 ? ['XADD', 'x', `${i}-1`, 'other', 'field', 'f0', 'v'] : ['XADD', 'x', `${i}-1`, 'f0', `v${i}`, 'f1', 'w']);
    seed.push(['XGROUP', 'CREATE', 'x', 'g', '0'], ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '5', 'STREAMS', 'x', '>']);
    // A compressible string and one that is not.
    seed.push(['SET', 'text', 'the quick brown fox jumps over the lazy dog '.repeat(PARTS_MIN_BYTES / 40)]);
    let noise = '';
    let r = 12345;
    for (let i = 0; i < PARTS_MIN_BYTES + 100; i++) {
      r = (Math.imul(r, 1103515245) + 12345) >>> 0;
      noise += String.fromCharCode(r >>> 24);
    }
    seed.push(['SET', 'noise', noise], ['SET', 'tail', 'y']);
    return seed;
  }

  it('writes the very bytes writeRdb writes, a little at a time', () => {
    const { engine } = setup(bigSeed());
    const oracle = writeRdb(engine.dbs, OPTS);
    const job = new SnapshotJob(engine.dbs, OPTS);
    const seen = new Set<string>();
    let steps = 0;
    while (!job.step(1)) {
      steps++;
      const k = job.keyInParts;
      if (k !== null) seen.add(k);
    }
    expect([...seen].sort()).toEqual(['h', 'l', 'noise', 's', 'text', 'x', 'z']);
    expect(steps).toBeGreaterThan(1000);
    expect(job.result()).toEqual(oracle);
  });

  /** Changes to the key being written, each drawn against its type. */
  const changes: Record<string, string[][]> = {
    h: [
      ['HSET', 'h', 'f1', 'changed', 'new', 'field'],
      ['HDEL', 'h', `f${N - 1}`, `f${N - 2}`],
      ['DEL', 'h'],
      ['RENAME', 'h', 'h2'],
      ['HSET', 'h2', 'f3', 'z'],
    ],
    s: [
      ['SADD', 's', 'zz', 'yy'],
      ['SREM', 's', `m${N - 1}`, 'm0'],
      ['SPOP', 's', '100'],
      ['MOVE', 's', '1'],
    ],
    z: [
      ['ZADD', 'z', '5000', 'm1', '-1', 'new'],
      ['ZREM', 'z', 'm3', `m${N - 1}`],
      ['ZPOPMAX', 'z', '300'],
      ['PERSIST', 'z'],
      ['ZREMRANGEBYRANK', 'z', '0', '-1'],
    ],
    l: [
      ['LSET', 'l', '5', 'changed'],
      ['RPOP', 'l', '200'],
      ['LPUSH', 'l', 'front'],
      ['LTRIM', 'l', '100', '-100'],
      ['DEL', 'l'],
    ],
    x: [
      ['XADD', 'x', '*', 'f0', 'new'],
      ['XDEL', 'x', '100-1', `${N - 5}-1`],
      ['XTRIM', 'x', 'MAXLEN', '10'],
      ['XACK', 'x', 'g', '1-1'],
      ['XGROUP', 'DESTROY', 'x', 'g'],
    ],
    text: [
      ['APPEND', 'text', 'more'],
      ['SETRANGE', 'text', '0', 'XYZ'],
      ['SET', 'text', 'short'],
    ],
    noise: [
      ['GETDEL', 'noise'],
      ['SET', 'noise', 'again'],
    ],
  };

  it('keeps the value as it was at the start when its own key changes during its encoding', () => {
    const byKey = fc.record(Object.fromEntries(Object.entries(changes).map(([k, cmds]) => [k, fc.subarray(cmds, { minLength: 1 })])));
    fc.assert(
      fc.property(
        byKey,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 4, maxLength: 30 }),
        fc.boolean(),
        fc.boolean(),
        (plan, steps, flush, early) => {
          const { engine, main } = setup(bigSeed());
          const oracle = writeRdb(engine.dbs, OPTS);
          const job = new SnapshotJob(engine.dbs, OPTS);
          const pending = new Map(Object.entries(plan).map(([k, cmds]) => [k, [...cmds]]));
          let i = 0;
          while (!job.done) {
            job.step(steps[i++ % steps.length]!);
            // early: changes to the big keys the job has not reached yet too (last ones first).
            const k = early ? ([...pending.keys()].reverse().find((p) => pending.get(p)!.length > 0) ?? null) : job.keyInParts;
            const cmds = k === null ? undefined : pending.get(k);
            const cmd = cmds?.shift();
            if (cmd !== undefined) {
              engine.execute(main, ['SELECT', '0']);
              engine.execute(main, cmd);
            }
            if (flush && k === 'x' && cmds?.length === 0) engine.execute(main, ['FLUSHALL']);
            if (early && i % 3 === 0) engine.execute(main, ['SET', 'small', String(i)]);
          }
          expect(image(job.result())).toEqual(image(oracle));
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 15) },
    );
  });
});
