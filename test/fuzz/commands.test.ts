// Fuzzing the command layer against the real Redis: random commands from our table with
// arguments drawn from their own syntax (option words, keys of every type, numbers at the edges),
// over a small key space so types collide. Every deterministic reply must match byte for byte;
// a command either side refuses must leave our dataset as it was.
//
// `npm test` runs a short pass; `npm run fuzz` a long one (FUZZ_RUNS sequences, FUZZ_SEED to
// replay a failure fast-check printed).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../src/engine/command.js';
import { commandSpecs } from '../../src/engine/commands/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { writeRdb } from '../../src/engine/rdb.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { encodeReply } from '../../src/protocol/encode.js';
import { show, useDiff } from '../diff/harness.js';

/**
 * Left out: commands that block or wait (a fuzzer cannot tell a hang from a wait), change what
 * the connection is (pub/sub, MONITOR, CLIENT REPLY), touch the server as a whole (CONFIG SET,
 * SHUTDOWN, DEBUG, saving), report time, memory or the machine, or come with their own issue
 * (scripting, ACL, replication).
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
  'config',
  'shutdown',
  'debug',
  'save',
  'bgsave',
  'bgrewriteaof',
  'lastsave',
  'info',
  'time',
  'memory',
  'slowlog',
  'latency',
  'role',
  // These make the connection a replica's stream, or the server a replica.
  'sync',
  'psync',
  'replconf',
  'replicaof',
  'slaveof',
  'pfselftest',
  'pfdebug',
  'dump',
  'randomkey',
  'spop',
  'scan',
  'sscan',
  'hscan',
  'zscan',
  'object',
  'command',
  'xreadgroup',
  'xclaim',
  'xautoclaim',
  'xpending',
  'xinfo',
]);

/** Keys: one of each type (made before every sequence), one missing, one in another slot. */
const KEYS = ['str', 'list', 'hash', 'set', 'zset', 'stream', 'hll', 'geo', 'num', 'missing', '{str}x'];
const SETUP: string[][] = [
  ['FLUSHALL'],
  ['SET', 'str', 'hello'],
  ['SET', 'num', '10'],
  ['RPUSH', 'list', 'a', 'b', 'c', '1', '2'],
  ['HSET', 'hash', 'f', 'v', 'n', '5'],
  ['SADD', 'set', 'a', 'b', '1', '2'],
  ['ZADD', 'zset', '1', 'a', '2', 'b', '2.5', 'c'],
  ['XADD', 'stream', '1-1', 'f', 'v'],
  ['XADD', 'stream', '2-1', 'g', 'w'],
  ['PFADD', 'hll', 'a', 'b'],
  ['GEOADD', 'geo', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'],
];

const SCALARS = [
  '0',
  '1',
  '-1',
  '2',
  '3',
  '10',
  '100',
  '-100',
  '1.5',
  '-2.5',
  '0.0001',
  'inf',
  '-inf',
  '+inf',
  'nan',
  '9223372036854775807',
  '-9223372036854775808',
  '9223372036854775808',
  '1e400',
  '(1',
  '[a',
  '(a',
  '-',
  '+',
  '0-0',
  '1-1',
  '2-1',
  '$',
  '>',
  '',
  ' ',
  'x',
  'a',
  'b',
  'f',
  'v',
  'Palermo',
  '\x00',
  '\xff\xfe',
  'km',
  'm',
  '15',
  '37',
  'ASC',
  'DESC',
];

/** The literal words a command's syntax names (its options), e.g. NX, WITHSCORES, BYSCORE. */
function optionWords(spec: CommandSpec): string[] {
  return [...new Set(spec.syntax.match(/\b[A-Z][A-Z0-9_-]+\b/g) ?? [])];
}

interface Target {
  /** The words before the arguments: ['get'] or ['xgroup', 'create']. */
  name: string[];
  spec: CommandSpec;
  words: string[];
}

/** Subcommands left out: SCRIPT DEBUG, as the Lua debugger is refused here with an error (docs/LUA.md). */
const LEFT_OUT_SUBCOMMANDS = new Set(['script debug']);

const targets: Target[] = commandSpecs
  .filter((s) => !LEFT_OUT.has(s.name))
  .flatMap((s): Target[] =>
    s.subcommands
      ? s.subcommands
          .filter((sub) => sub.name !== 'help' && !LEFT_OUT_SUBCOMMANDS.has(`${s.name} ${sub.name}`))
          .map((sub) => ({ name: [s.name, sub.name], spec: sub, words: optionWords(sub) }))
      : [{ name: [s.name], spec: s, words: optionWords(s) }],
  );

function argument(words: string[]): fc.Arbitrary<string> {
  const word = words.length === 0 ? fc.constant('NX') : fc.constantFrom(...words);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...KEYS) },
    { weight: 4, arbitrary: fc.constantFrom(...SCALARS) },
    { weight: 3, arbitrary: word },
    { weight: 1, arbitrary: word.map((w) => w.toLowerCase()) },
    { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  );
}

/** One command line: mostly about the arity the command asks for, sometimes not. */
const commandLine: fc.Arbitrary<string[]> = fc.constantFrom(...targets).chain((t) => {
  const fixed = Math.abs(t.spec.arity) - t.name.length;
  const count =
    t.spec.arity > 0
      ? fc.oneof({ weight: 5, arbitrary: fc.constant(fixed) }, { weight: 1, arbitrary: fc.nat({ max: fixed + 2 }) })
      : fc.nat({ max: fixed + 6 });
  return count.chain((n) => fc.array(argument(t.words), { minLength: n, maxLength: n })).map((args) => [...t.name, ...args]);
});

const NONDETERMINISTIC = new Set(targets.filter((t) => t.spec.tips?.includes('nondeterministic_output')).map((t) => t.name.join(' ')));
const UNORDERED = new Set(targets.filter((t) => t.spec.tips?.includes('nondeterministic_output_order')).map((t) => t.name.join(' ')));

function nameOf(argv: string[]): string {
  return targets.find((t) => t.name.join(' ') === argv.slice(0, t.name.length).join(' ').toLowerCase())!.name.join(' ');
}

/** An error reply's text, or null for any other reply. */
function errorText(raw: string): string | null {
  return raw.startsWith('-') ? raw : null;
}

/** Arrays sorted (one level) so replies Redis gives in no fixed order compare. */
function canonical(raw: string): string {
  const p = parseReply(raw);
  if (p === null || (p.reply.t !== 'array' && p.reply.t !== 'set') || p.reply.v === null) return raw;
  return p.reply.v
    .map((x) => encodeReply(x, 3))
    .sort()
    .join(',');
}

/**
 * Every key, its TTL and its value as our engine holds them, whatever the encoding (Redis too
 * changes encodings on reads: SORT makes a sorted set a skiplist).
 */
function dataset(engine: Engine): string {
  const out: unknown[] = [];
  for (const db of engine.dbs) {
    for (const [key, obj] of db.dict) {
      let value: unknown;
      switch (obj.type) {
        case 'string':
          value = obj.value;
          break;
        case 'list': {
          const items: string[] = [];
          obj.value.forEachFrom(0, false, (s) => void items.push(s));
          value = items;
          break;
        }
        case 'hash':
          value = [...obj.value].sort();
          break;
        case 'set':
          value = [...obj.value].sort();
          break;
        case 'zset':
          value = [...obj.value.dict].sort();
          break;
        case 'stream':
          // Streams have one encoding: their RDB image is their value.
          value = Buffer.from(writeRdb([{ dict: new Map([[key, obj]]), expires: new Map() }], { ctime: 0, usedMem: 0, compression: false })).toString('latin1');
          break;
      }
      out.push([db.id, key, obj.type, db.expires.get(key) ?? null, String(db.bigExpires.get(key) ?? ''), value]);
    }
  }
  return JSON.stringify(out);
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

describe('random commands from the table, with arguments from their syntax', () => {
  const d = useDiff();

  it(
    `reply as Redis does, and leave the data alone when refused (${targets.length} commands)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(commandLine, { minLength: 1, maxLength: 25 }), async (lines) => {
          for (const argv of [['DISCARD'], ['UNWATCH'], ['SELECT', '0'], ...SETUP]) await d.both(argv);
          for (const argv of lines) {
            const before = dataset(d.engine);
            const { real, ours } = await d.both(argv);
            const name = nameOf(argv);
            const line = show(argv.join(' '));
            if (NONDETERMINISTIC.has(name)) expect(show(errorText(ours) ?? 'a reply'), `reply kind of ${line}`).toBe(show(errorText(real) ?? 'a reply'));
            else if (UNORDERED.has(name)) expect(show(canonical(ours)), `reply to ${line}`).toBe(show(canonical(real)));
            else expect(show(ours), `reply to ${line}`).toBe(show(real));
            if (errorText(ours) !== null) expect(dataset(d.engine) === before, `data changed by the refused ${line}`).toBe(true);
          }
        }),
        {
          numRuns: RUNS,
          ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
        },
      );
    },
    Math.max(120_000, RUNS * 20),
  );
});
