// The dataset as the commands that rebuild it (aof.c rewriteAppendOnlyFileRio): the AOF base
// with aof-use-rdb-preamble no, and the `.redis` file the browser downloads. Functions first,
// then each database after a SELECT: a SET, RPUSH, SADD, ZADD or HMSET per key (at most 64
// items a command, AOF_REWRITE_ITEMS_PER_CMD), a stream as XADDs, XSETID and its groups, then
// the key's PEXPIREAT.

import type { Engine } from './engine.js';
import { catRepr } from './pubsub.js';
import { formatId, U64_MAX, type Stream } from './ds/stream.js';
import { getExpireExact } from './keyspace.js';
import { formatDouble } from './numbers.js';
import type { RObj } from './objects.js';
import type { LibraryCtx } from './scripting/functions.js';

const ITEMS_PER_CMD = 64;

/** `name key items…`, in commands of at most ITEMS_PER_CMD items (each `width` arguments). */
function* batched(name: string, key: string, items: Iterable<string[]>): Generator<string[]> {
  let argv: string[] = [];
  let n = 0;
  for (const item of items) {
    if (n === 0) argv = [name, key];
    argv.push(...item);
    if (++n === ITEMS_PER_CMD) {
      yield argv;
      n = 0;
    }
  }
  if (n !== 0) yield argv;
}

function* each<T>(xs: Iterable<T>, f: (x: T) => string[]): Generator<string[]> {
  for (const x of xs) yield f(x);
}

/** rewriteStreamObject: entries, the stream's IDs and counters, groups, consumers and pending entries. */
function* streamCommands(key: string, s: Stream): Generator<string[]> {
  let any = false;
  const entries: string[][] = [];
  s.range(0n, 0n, U64_MAX, U64_MAX, false, (e) => {
    entries.push(['XADD', key, e.id, ...e.fields]);
    return true;
  });
  for (const argv of entries) {
    any = true;
    yield argv;
  }
  // An empty stream: Redis's XADD MAXLEN 0 trick, always at 0-1 (the last ID may be 0-0, which
  // XADD refuses); XSETID then sets the real one.
  if (!any) yield ['XADD', key, 'MAXLEN', '0', '0-1', 'x', 'y'];
  yield ['XSETID', key, formatId(s.lastMs, s.lastSeq), 'ENTRIESADDED', String(s.entriesAdded), 'MAXDELETEDID', formatId(s.maxDelMs, s.maxDelSeq)];
  if (s.groups === null) return;
  for (const g of s.groups.values()) {
    yield ['XGROUP', 'CREATE', key, g.name, formatId(g.lastMs, g.lastSeq), 'ENTRIESREAD', String(g.entriesRead)];
    for (const c of g.consumers.values()) {
      if (c.pel.size === 0) {
        yield ['XGROUP', 'CREATECONSUMER', key, g.name, c.name];
        continue;
      }
      for (let i = 0; i < c.pel.size; i++) {
        const nack = c.pel.at(i);
        yield [
          'XCLAIM',
          key,
          g.name,
          c.name,
          '0',
          formatId(nack.ms, nack.seq),
          'TIME',
          String(nack.deliveryTime),
          'RETRYCOUNT',
          String(nack.deliveryCount),
          'JUSTID',
          'FORCE',
        ];
      }
    }
  }
}

function valueCommands(key: string, o: RObj): Iterable<string[]> {
  switch (o.type) {
    case 'string':
      return [['SET', key, o.value]];
    case 'list': {
      const items: string[][] = [];
      o.value.forEachFrom(0, false, (v) => void items.push([v]));
      return batched('RPUSH', key, items);
    }
    case 'set':
      return batched(
        'SADD',
        key,
        each(o.value, (m) => [m]),
      );
    case 'zset':
      return batched(
        'ZADD',
        key,
        each(o.value.dict, ([m, score]) => [formatDouble(score), m]),
      );
    case 'hash':
      return batched(
        'HMSET',
        key,
        each(o.value, ([f, v]) => [f, v]),
      );
    case 'stream':
      return streamCommands(key, o.value);
  }
}

/** The commands that rebuild the dataset, in the order Redis's rewrite writes them. */
export function* datasetCommands(engine: Engine): Generator<string[]> {
  const libraries: LibraryCtx['libraries'] | undefined = engine.scriptingStarted?.functionsStarted?.ctx.libraries;
  const codes = engine.pendingLibraries ?? (libraries === undefined ? [] : [...libraries.values()].map((li) => li.code));
  for (const code of codes) yield ['FUNCTION', 'LOAD', code];
  for (const db of engine.dbs) {
    if (db.dict.size === 0) continue;
    yield ['SELECT', String(db.id)];
    for (const [key, o] of db.dict) {
      yield* valueCommands(key, o);
      const at = getExpireExact(db, key);
      if (at !== -1) yield ['PEXPIREAT', key, String(at)];
    }
  }
}

/** An argument as redis-cli reads it on a line: bare when it is plain printable, else quoted with escapes. */
function cliArg(a: string): string {
  return a.length !== 0 && /^[\x21-\x7e]+$/.test(a) && !/["'\\]/.test(a) ? a : catRepr(a);
}

/** The dataset as a `.redis` file: one command a line, which `redis-cli < file` runs. */
export function datasetRedisLines(engine: Engine): string {
  let out = '';
  for (const argv of datasetCommands(engine)) out += argv.map(cliArg).join(' ') + '\n';
  return out;
}
