// The HYPERLOGLOG group (Redis's hyperloglog.c commands): PFADD, PFCOUNT, PFMERGE and the
// PFDEBUG / PFSELFTEST tools. An HLL is a plain string value in Redis's own byte format (see
// ../hyperloglog.ts), so TYPE says string and GET returns exactly the bytes Redis would.

import { isOpt } from '../../shared/args.js';
import type { Client } from '../client.js';
import type { Database } from '../database.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key, keyRange } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { WRONGTYPE_R } from '../error-replies.js';
import {
  bufFromString,
  bufToString,
  cacheValid,
  cachedCard,
  createHll,
  decodeSparse,
  denseRegisters,
  denseAddString,
  denseCountString,
  encodingOf,
  hllAdd,
  hllCount,
  hllMerge,
  HLL_DENSE,
  HLL_REGISTERS,
  HLL_SPARSE,
  invalidate,
  invalidateString,
  isValidHll,
  rawCount,
  selfTest,
  sparseToDense,
  withCachedCard,
  writeRegisters,
  type HllBuf,
} from '../hyperloglog.js';
import { addKey, lookupRead, lookupWrite } from '../keyspace.js';
import { createString, type RObj, type StringObj } from '../objects.js';
import { array, bulk, error, int, OK, ONE, simple, ZERO, type Reply } from '../../shared/reply.js';

const INVALID_HLL_R = error(E.HLL_INVALID_VALUE);
const CORRUPTED_HLL_R = error(E.HLL_CORRUPTED);

/** isHLLObjectOrReply: the string value, or the error reply for other types and non-HLLs. */
/** A new value for an HLL key, raw-encoded as dbUnshareStringValue leaves it. */
function store(db: Database, key: string, value: string): void {
  db.replaceValue(key, createString(value, 'raw'));
}

function hllValue(o: RObj): StringObj | Reply {
  if (o.type !== 'string') return WRONGTYPE_R;
  if (!isValidHll(o.value)) return INVALID_HLL_R;
  return o;
}

function isReply(x: StringObj | Reply): x is Reply {
  return (x as StringObj).type !== 'string';
}

function pfaddCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const engine = c.engine;
  const db = c.db;
  const maxBytes = engine.config.hllSparseMaxBytes;
  const o = lookupWrite(c, key);
  let value: string;
  let buf: HllBuf | null = null;
  let updated = 0;
  if (o === undefined) {
    buf = createHll();
    value = '';
    addKey(engine, db, key, createString(value, 'raw'));
    updated++;
  } else {
    const v = hllValue(o);
    if (isReply(v)) return v;
    value = v.value;
  }
  const argc = argv.length;
  for (let j = 2; j < argc; j++) {
    const ele = argv[j]!;
    if (buf === null) {
      if (encodingOf(value) === HLL_DENSE) {
        // Dense values are updated in the string (no 12 KB copy per element).
        const next = denseAddString(value, ele);
        if (next !== null) {
          value = next;
          updated++;
        }
        continue;
      }
      buf = bufFromString(value);
    }
    const r = hllAdd(buf, ele, maxBytes);
    if (r === 1) updated++;
    else if (r === -1) {
      store(db, key, bufToString(buf));
      return CORRUPTED_HLL_R;
    }
  }
  if (updated === 0) {
    store(db, key, value);
    return ZERO;
  }
  if (buf === null) {
    store(db, key, invalidateString(value));
  } else {
    invalidate(buf);
    store(db, key, bufToString(buf));
  }
  engine.signalModifiedKey(db, key);
  engine.notify('$', 'pfadd', key, db);
  return ONE;
}

function pfcountCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  if (argc > 2) {
    // The cardinality of the union, through a temporary merge of raw registers.
    const max = new Uint8Array(HLL_REGISTERS);
    for (let j = 1; j < argc; j++) {
      const o = lookupRead(c, argv[j]!);
      if (o === undefined) continue;
      const v = hllValue(o);
      if (isReply(v)) return v;
      if (!hllMerge(max, v.value)) return CORRUPTED_HLL_R;
    }
    return int(rawCount(max));
  }
  const key = argv[1]!;
  const o = lookupRead(c, key);
  if (o === undefined) return ZERO;
  const v = hllValue(o);
  if (isReply(v)) return v;
  const s = v.value;
  // Redis's PFCOUNT takes the value for writing (dbUnshareStringValue): raw-encoded.
  if (v.enc !== 'raw') c.db.replaceValue(key, createString(s, 'raw'));
  if (cacheValid(s)) return int(cachedCard(s));
  const card = encodingOf(s) === HLL_DENSE ? denseCountString(s) : hllCount(bufFromString(s, 1));
  if (card === null) return CORRUPTED_HLL_R;
  // Caching the result changes the value: Redis signals it (and propagates) though PFCOUNT reads.
  // A background save must still write the value as it was (Redis's fork keeps the child's copy).
  if (c.db.guard !== null) c.db.guard.beforeKeyChange(c.db, key);
  c.db.replaceValue(key, createString(withCachedCard(s, card), 'raw'));
  c.engine.signalModifiedKey(c.db, key);
  return int(card);
}

function pfmergeCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  const db = c.db;
  const max = new Uint8Array(HLL_REGISTERS);
  let useDense = false;
  // The destination is one of the inputs (Redis 7.0 merges from argv[1] on).
  for (let j = 1; j < argv.length; j++) {
    const o = lookupRead(c, argv[j]!);
    if (o === undefined) continue;
    const v = hllValue(o);
    if (isReply(v)) return v;
    if (encodingOf(v.value) === HLL_DENSE) useDense = true;
    if (!hllMerge(max, v.value)) return CORRUPTED_HLL_R;
  }
  const key = argv[1]!;
  const o = lookupWrite(c, key);
  let buf: HllBuf;
  if (o === undefined) {
    buf = createHll();
    addKey(engine, db, key, createString(bufToString(buf), 'raw'));
  } else {
    // Already checked as an input above.
    buf = bufFromString((o as StringObj).value);
  }
  if (useDense && !sparseToDense(buf)) {
    db.replaceValue(key, createString(bufToString(buf), 'raw'));
    return CORRUPTED_HLL_R;
  }
  writeRegisters(buf, max, engine.config.hllSparseMaxBytes);
  db.replaceValue(key, createString(bufToString(buf), 'raw'));
  engine.signalModifiedKey(db, key);
  engine.notify('$', 'pfadd', key, db);
  return OK;
}

function pfdebugCommand(c: Client, argv: string[]): Reply {
  const cmd = argv[1]!;
  const key = argv[2]!;
  const o = lookupWrite(c, key);
  if (o === undefined) return error(E.HLL_DEBUG_NO_KEY);
  const v = hllValue(o);
  if (isReply(v)) return v;
  store(c.db, key, v.value);
  if (isOpt(cmd, 'getreg')) {
    const buf = bufFromString(v.value);
    if (encodingOf(v.value) === HLL_SPARSE) {
      if (!sparseToDense(buf)) return CORRUPTED_HLL_R;
      store(c.db, key, bufToString(buf));
    }
    return array(denseRegisters(buf).map((r) => int(r)));
  }
  if (isOpt(cmd, 'decode')) {
    if (encodingOf(v.value) !== HLL_SPARSE) return error(E.HLL_NOT_SPARSE);
    return bulk(decodeSparse(v.value));
  }
  if (isOpt(cmd, 'encoding')) return simple(encodingOf(v.value) === HLL_DENSE ? 'dense' : 'sparse');
  if (isOpt(cmd, 'todense')) {
    if (encodingOf(v.value) !== HLL_SPARSE) return ZERO;
    const buf = bufFromString(v.value);
    if (!sparseToDense(buf)) return CORRUPTED_HLL_R;
    store(c.db, key, bufToString(buf));
    return ONE;
  }
  return error(E.hllDebugUnknownSubcommand(cmd));
}

function pfselftestCommand(c: Client): Reply {
  const failed = selfTest(c.engine.random, c.engine.config.hllSparseMaxBytes);
  return failed === null ? OK : error(failed);
}

const command = commandGroup('hyperloglog', 'hyperloglog');

// One line a command, so the table reads as a table.
// prettier-ignore
export const hyperloglogCommands: CommandSpec[] = [
  command('pfadd', -2, 'write denyoom fast', [key(1, 'RW insert')], pfaddCommand, { since: '2.8.9', complexity: 'O(1) per element', summary: 'Add elements to a HyperLogLog, creating it when missing', syntax: 'key [element [element ...]]' }),
  command('pfcount', -2, 'readonly may_replicate', [keyRange(1, -1, 1, 'RW access', 'RW because it may change the internal representation of the key, and propagate to replicas')], pfcountCommand, { since: '2.8.9', complexity: 'O(1) for one key (cached), O(N) for N keys', summary: 'Estimate how many distinct elements one HyperLogLog, or the union of several, has seen', syntax: 'key [key ...]' }),
  command('pfmerge', -2, 'write denyoom', [key(1, 'RW access insert'), keyRange(2, -1, 1, 'RO access')], pfmergeCommand, { since: '2.8.9', complexity: 'O(N) for N HyperLogLogs', summary: 'Fold several HyperLogLogs into the destination one', syntax: 'destkey sourcekey [sourcekey ...]' }),
  command('pfdebug', 3, 'write denyoom admin', [key(2, 'RW access')], pfdebugCommand, { since: '2.8.9', complexity: 'N/A', summary: 'Inspect or convert the internal representation of a HyperLogLog', syntax: 'subcommand key' }),
  command('pfselftest', 1, 'admin', [], pfselftestCommand, { since: '2.8.9', complexity: 'N/A', summary: 'Check the HyperLogLog implementation against itself' }),
];
