// Consumer groups (t_stream.c): XGROUP, XACK, XPENDING, XCLAIM and XAUTOCLAIM. XREADGROUP,
// which reads through a group, sits with XREAD in streams.ts; the table is there too.

import type { Client } from '../client.js';
import { cmpId, IdMap, idKey, SCG_INVALID_ENTRIES_READ as SCG_INVALID, Stream, U64_MAX, type Consumer, type ConsumerGroup, type Nack } from '../ds/stream.js';
import * as E from '../../shared/errors.js';
import { addKey, lookupRead, lookupWrite } from '../keyspace.js';
import { array, bulk, EMPTY_ARRAY, error, int, NIL, NIL_ARRAY, OK, ZERO, type Reply } from '../../shared/reply.js';
import { NOT_INTEGER_R, SYNTAX_R, WRONGTYPE_R } from '../error-replies.js';
import { helpReply } from '../help-reply.js';
import { isCEq, isOpt } from '../../shared/args.js';
import { parseOptions, type Option } from '../options.js';
import {
  INVALID_ID_R,
  type ParsedId,
  bigOrNum,
  byName,
  createConsumer,
  createStreamObj,
  decrId,
  dirty,
  entryReply,
  idReply,
  incrId,
  lookupConsumer,
  lookupGroup,
  parseId,
  parseInterval,
  parseLL,
  propagateGroupId,
  propagateXclaim,
} from './streams-core.js';

// ---- XGROUP --------------------------------------------------------------------------------

export function xgroupCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  const opt = argv[1]!;
  const engine = c.engine;
  const db = c.db;
  let s: Stream | null = null;
  let cg: ConsumerGroup | undefined;
  let mkstream = false;
  let entriesRead = SCG_INVALID;
  let grpname = '';
  const subSyntax = (): Reply => error(E.subcommandSyntax(argv[1]!, argv[0]!));
  if (argc >= 4) {
    const create = isOpt(opt, 'create');
    const setid = isOpt(opt, 'setid');
    let i = 5;
    while (i < argc) {
      const a = argv[i]!;
      if (create && isOpt(a, 'mkstream')) {
        mkstream = true;
        i++;
      } else if ((create || setid) && isOpt(a, 'entriesread') && i + 1 < argc) {
        const v = parseLL(argv[i + 1]!);
        if (v === null) return NOT_INTEGER_R;
        if (v < 0n && v !== SCG_INVALID) return error(E.XGROUP_ENTRIESREAD);
        entriesRead = v;
        i += 2;
      } else return subSyntax();
    }
    const o = lookupWrite(c, argv[2]!);
    if (o !== undefined) {
      if (o.type !== 'stream') return WRONGTYPE_R;
      s = o.value;
    }
    grpname = argv[3]!;
  }
  if (argc >= 4 && !mkstream) {
    if (s === null) return error(E.XGROUP_NEEDS_KEY);
    cg = lookupGroup(s, grpname);
    if (cg === undefined && (isOpt(opt, 'setid') || isOpt(opt, 'createconsumer') || isOpt(opt, 'delconsumer'))) {
      return error(E.noSuchGroupForKey(grpname, argv[2]!));
    }
  }
  const key = argv[2]!;
  if (argc === 2 && isOpt(opt, 'help')) return helpReply(c, argv, 'xgroup');
  if (isOpt(opt, 'create') && argc >= 5 && argc <= 8) {
    let id: { ms: bigint; seq: bigint };
    if (isCEq(argv[4]!, '$')) id = s !== null ? { ms: s.lastMs, seq: s.lastSeq } : { ms: 0n, seq: 0n };
    else {
      const p = parseId(argv[4]!, 0n, true);
      if (p === null) return INVALID_ID_R;
      id = p;
    }
    if (s === null) {
      const o = createStreamObj();
      addKey(engine, db, key, o);
      s = o.value;
      engine.signalModifiedKey(db, key);
    }
    if (s.groups === null) s.groups = new Map();
    if (s.groups.has(grpname)) return error(E.BUSYGROUP);
    s.groups.set(grpname, {
      name: grpname,
      lastMs: id.ms,
      lastSeq: id.seq,
      entriesRead,
      pel: new IdMap<Nack>(),
      consumers: new Map(),
    });
    dirty(c);
    engine.notify('t', 'xgroup-create', key, db);
    return OK;
  }
  if (isOpt(opt, 'setid') && (argc === 5 || argc === 7)) {
    let id: { ms: bigint; seq: bigint };
    if (isCEq(argv[4]!, '$')) id = { ms: s!.lastMs, seq: s!.lastSeq };
    else {
      const p = parseId(argv[4]!, 0n, false);
      if (p === null) return INVALID_ID_R;
      id = p;
    }
    cg!.lastMs = id.ms;
    cg!.lastSeq = id.seq;
    cg!.entriesRead = entriesRead;
    dirty(c);
    engine.notify('t', 'xgroup-setid', key, db);
    return OK;
  }
  if (isOpt(opt, 'destroy') && argc === 4) {
    if (cg === undefined) return ZERO;
    s!.groups!.delete(grpname);
    dirty(c);
    engine.notify('t', 'xgroup-destroy', key, db);
    engine.blocking.signal(db.id, key, 'stream');
    return int(1);
  }
  if (isOpt(opt, 'createconsumer') && argc === 5) {
    const created = createConsumer(c, cg!, argv[4]!, key, db);
    return int(created !== null ? 1 : 0);
  }
  if (isOpt(opt, 'delconsumer') && argc === 5) {
    const consumer = lookupConsumer(c, cg!, argv[4]!, false);
    let pending = 0;
    if (consumer !== undefined) {
      pending = consumer.pel.size;
      for (const k of consumer.pel.keys) cg!.pel.delete(k);
      cg!.consumers.delete(consumer.name);
      dirty(c);
      engine.notify('t', 'xgroup-delconsumer', key, db);
    }
    return int(pending);
  }
  return subSyntax();
}

// ---- XACK / XPENDING ----------------------------------------------------------------------

export function xackCommand(c: Client, argv: string[]): Reply {
  const o = lookupRead(c, argv[1]!);
  let group: ConsumerGroup | undefined;
  if (o !== undefined) {
    if (o.type !== 'stream') return WRONGTYPE_R;
    group = lookupGroup(o.value, argv[2]!);
  }
  if (o === undefined || group === undefined) return ZERO;
  const keys: string[] = [];
  for (let j = 3; j < argv.length; j++) {
    const id = parseId(argv[j]!, 0n, true);
    if (id === null) return INVALID_ID_R;
    keys.push(idKey(id.ms, id.seq));
  }
  let acked = 0;
  for (const k of keys) {
    const nack = group.pel.get(k);
    if (nack === undefined) continue;
    group.pel.delete(k);
    if (nack.consumer !== null) nack.consumer.pel.delete(k);
    acked++;
    dirty(c);
  }
  return int(acked);
}

export function xpendingCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  const justinfo = argc === 3;
  const key = argv[1]!;
  const groupName = argv[2]!;
  let count = 0n;
  let minidle = 0n;
  let start = { ms: 0n, seq: 0n };
  let end = { ms: 0n, seq: 0n };
  let consumerName: string | null = null;
  if (argc !== 3 && (argc < 6 || argc > 9)) return SYNTAX_R;
  if (argc >= 6) {
    let startidx = 3;
    if (isOpt(argv[3]!, 'idle')) {
      const v = parseLL(argv[4]!);
      if (v === null) return NOT_INTEGER_R;
      minidle = v;
      if (argc < 8) return SYNTAX_R;
      startidx += 2;
    }
    const cnt = parseLL(argv[startidx + 2]!);
    if (cnt === null) return NOT_INTEGER_R;
    count = cnt < 0n ? 0n : cnt;
    const s = parseInterval(argv[startidx]!, 0n);
    if (s === null) return INVALID_ID_R;
    if (s.exclusive && !incrId(s.id)) return error(E.STREAM_INVALID_START);
    const e = parseInterval(argv[startidx + 1]!, U64_MAX);
    if (e === null) return INVALID_ID_R;
    if (e.exclusive && !decrId(e.id)) return error(E.STREAM_INVALID_END);
    start = s.id;
    end = e.id;
    if (startidx + 3 < argc) consumerName = argv[startidx + 3]!;
  }
  const o = lookupRead(c, key);
  if (o !== undefined && o.type !== 'stream') return WRONGTYPE_R;
  const group = o === undefined ? undefined : lookupGroup(o.value, groupName);
  if (group === undefined) return error(E.noSuchKeyOrGroup(key, groupName));
  if (justinfo) {
    const pel = group.pel;
    if (pel.size === 0) return array([ZERO, NIL, NIL, NIL_ARRAY]);
    const first = pel.at(0);
    const last = pel.at(pel.size - 1);
    const consumers: Reply[] = [];
    for (const cons of byName(group.consumers)) {
      if (cons.pel.size === 0) continue;
      consumers.push(array([bulk(cons.name), bulk(String(cons.pel.size))]));
    }
    return array([int(pel.size), idReply(first.ms, first.seq), idReply(last.ms, last.seq), array(consumers)]);
  }
  let pel = group.pel;
  if (consumerName !== null) {
    const consumer = lookupConsumer(c, group, consumerName, false);
    if (consumer === undefined) return EMPTY_ARRAY;
    pel = consumer.pel;
  }
  const now = c.engine.now;
  const endKey = idKey(end.ms, end.seq);
  const out: Reply[] = [];
  for (let i = pel.seek(idKey(start.ms, start.seq)); count > 0n && i < pel.size; i++) {
    const nack = pel.at(i);
    if (nack.key > endKey) break;
    if (minidle !== 0n && BigInt(now - nack.deliveryTime) < minidle) continue;
    count--;
    const elapsed = Math.max(0, now - nack.deliveryTime);
    out.push(array([idReply(nack.ms, nack.seq), bulk(nack.consumer!.name), int(elapsed), int(bigOrNum(nack.deliveryCount))]));
  }
  return array(out);
}

// ---- XCLAIM / XAUTOCLAIM -------------------------------------------------------------------

function claimTo(nack: Nack, consumer: Consumer): void {
  if (nack.consumer !== consumer) {
    if (nack.consumer !== null) nack.consumer.pel.delete(nack.key);
    consumer.pel.set(nack);
    nack.consumer = consumer;
  }
}

/** XCLAIM's options, after its IDs. */
interface XclaimOptions {
  now: number;
  /** -1 when neither IDLE nor TIME was given. */
  deliveryTime: bigint;
  retrycount: bigint;
  force: boolean;
  justid: boolean;
  lastId: { ms: bigint; seq: bigint };
}

/** An XCLAIM option with one integer, refused with its own error. */
function int64Option(name: string, message: string, set: (o: XclaimOptions, v: bigint) => void): Option<XclaimOptions> {
  return {
    name,
    values: 1,
    read: (o, argv, at) => {
      const v = parseLL(argv[at + 1]!);
      if (v === null) return error(message);
      set(o, v);
    },
  };
}

const XCLAIM_OPTIONS: readonly Option<XclaimOptions>[] = [
  { name: 'force', read: (o) => void (o.force = true) },
  { name: 'justid', read: (o) => void (o.justid = true) },
  int64Option('idle', E.XCLAIM_IDLE, (o, v) => (o.deliveryTime = BigInt.asIntN(64, BigInt(o.now) - v))),
  int64Option('time', E.XCLAIM_TIME, (o, v) => (o.deliveryTime = v)),
  int64Option('retrycount', E.XCLAIM_RETRYCOUNT, (o, v) => (o.retrycount = v)),
  {
    name: 'lastid',
    values: 1,
    read: (o, argv, at) => {
      const p = parseId(argv[at + 1]!, 0n, true);
      if (p === null) return INVALID_ID_R;
      o.lastId = p;
    },
  },
];

export function xclaimCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const o = lookupRead(c, key);
  if (o !== undefined && o.type !== 'stream') return WRONGTYPE_R;
  const group = o === undefined ? undefined : lookupGroup(o.value, argv[2]!);
  if (o === undefined || group === undefined) return error(E.noSuchKeyOrGroup(key, argv[2]!));
  const s = o.value;
  const mi = parseLL(argv[4]!);
  if (mi === null) return error(E.XCLAIM_MIN_IDLE);
  const minidle = mi < 0n ? 0n : mi;
  const ids: ParsedId[] = [];
  let j = 5;
  for (; j < argv.length; j++) {
    const id = parseId(argv[j]!, 0n, true);
    if (id === null) break;
    ids.push(id);
  }
  const now = c.engine.now;
  const opts: XclaimOptions = { now, deliveryTime: -1n, retrycount: -1n, force: false, justid: false, lastId: { ms: 0n, seq: 0n } };
  const parsed = parseOptions(argv, j, XCLAIM_OPTIONS, opts, (arg) => error(E.xclaimUnknownOption(arg)));
  if (typeof parsed === 'object') return parsed;
  const { deliveryTime, retrycount, force, justid, lastId } = opts;
  // What XCLAIM changes propagates as idempotent XCLAIMs (and the group's ID), never as itself.
  c.engine.preventPropagation(c);
  const prop = { key, group: argv[2]! };
  let propagateLastId = false;
  if (cmpId(lastId.ms, lastId.seq, group.lastMs, group.lastSeq) > 0) {
    group.lastMs = lastId.ms;
    group.lastSeq = lastId.seq;
    propagateLastId = true;
  }
  let when: number;
  if (deliveryTime !== -1n) when = deliveryTime < 0n || deliveryTime > BigInt(now) ? now : Number(deliveryTime);
  else when = now;
  let consumer: Consumer | null = null;
  const name = argv[3]!;
  const out: Reply[] = [];
  for (const [n, id] of ids.entries()) {
    const k = idKey(id.ms, id.seq);
    let nack = group.pel.get(k);
    const entry = s.find(id.ms, id.seq);
    if (entry === undefined) {
      if (nack !== undefined) {
        // The ID as it was typed, as Redis propagates it.
        propagateXclaim(c, prop, group, nack, argv[5 + n]);
        propagateLastId = false;
        dirty(c);
        group.pel.delete(k);
        if (nack.consumer !== null) nack.consumer.pel.delete(k);
      }
      continue;
    }
    if (force && nack === undefined) {
      nack = { ms: id.ms, seq: id.seq, key: k, consumer: null, deliveryTime: now, deliveryCount: 1n };
      group.pel.set(nack);
    }
    if (nack === undefined) continue;
    if (nack.consumer !== null && minidle !== 0n && BigInt(now - nack.deliveryTime) < minidle) continue;
    if (consumer === null) {
      consumer = lookupConsumer(c, group, name, true) ?? createConsumer(c, group, name, key, c.db)!;
    }
    if (nack.consumer !== consumer && nack.consumer !== null) nack.consumer.pel.delete(k);
    nack.deliveryTime = when;
    if (retrycount >= 0n) nack.deliveryCount = retrycount;
    else if (!justid) nack.deliveryCount++;
    if (nack.consumer !== consumer) {
      consumer.pel.set(nack);
      nack.consumer = consumer;
    }
    out.push(justid ? idReply(id.ms, id.seq) : entryReply(entry));
    propagateXclaim(c, prop, group, nack, argv[5 + n]);
    propagateLastId = false;
    dirty(c);
  }
  if (propagateLastId) {
    propagateGroupId(c, prop, group);
    dirty(c);
  }
  return array(out);
}

const XAUTOCLAIM_MAX_COUNT = 576460752303423487n;

const XAUTOCLAIM_OPTIONS: readonly Option<{ count: number; justid: boolean }>[] = [
  {
    name: 'count',
    values: 1,
    read: (o, argv, at) => {
      const v = parseLL(argv[at + 1]!);
      if (v === null || v < 1n || v > XAUTOCLAIM_MAX_COUNT) return error(E.XAUTOCLAIM_COUNT);
      o.count = v > 100000000n ? 100000000 : Number(v);
    },
  },
  { name: 'justid', read: (o) => void (o.justid = true) },
];

export function xautoclaimCommand(c: Client, argv: string[]): Reply {
  const key = argv[1]!;
  const o = lookupRead(c, key);
  const mi = parseLL(argv[4]!);
  if (mi === null) return error(E.XAUTOCLAIM_MIN_IDLE);
  const minidle = mi < 0n ? 0n : mi;
  const st = parseInterval(argv[5]!, 0n);
  if (st === null) return INVALID_ID_R;
  if (st.exclusive && !incrId(st.id)) return error(E.STREAM_INVALID_START);
  const opts = { count: 100, justid: false };
  const parsed = parseOptions(argv, 6, XAUTOCLAIM_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  let count = opts.count;
  const justid = opts.justid;
  if (o !== undefined && o.type !== 'stream') return WRONGTYPE_R;
  const group = o === undefined ? undefined : lookupGroup(o.value, argv[2]!);
  if (o === undefined || group === undefined) return error(E.noSuchKeyOrGroup(key, argv[2]!));
  const s = o.value;
  c.engine.preventPropagation(c);
  const prop = { key, group: argv[2]! };
  let attempts = count * 10;
  const now = c.engine.now;
  const name = argv[3]!;
  let consumer: Consumer | null = null;
  const claimed: Reply[] = [];
  const deleted: Reply[] = [];
  const pel = group.pel;
  let i = pel.seek(idKey(st.id.ms, st.id.seq));
  while (attempts-- > 0 && count > 0 && i < pel.size) {
    const nack = pel.at(i);
    const entry = s.find(nack.ms, nack.seq);
    if (entry === undefined) {
      propagateXclaim(c, prop, group, nack);
      dirty(c);
      pel.delete(nack.key);
      if (nack.consumer !== null) nack.consumer.pel.delete(nack.key);
      deleted.push(idReply(nack.ms, nack.seq));
      count--;
      continue;
    }
    i++;
    if (minidle !== 0n && BigInt(now - nack.deliveryTime) < minidle) continue;
    if (consumer === null) {
      consumer = lookupConsumer(c, group, name, true) ?? createConsumer(c, group, name, key, c.db)!;
    }
    claimTo(nack, consumer);
    nack.deliveryTime = now;
    if (!justid) nack.deliveryCount++;
    claimed.push(justid ? idReply(nack.ms, nack.seq) : entryReply(entry));
    count--;
    propagateXclaim(c, prop, group, nack);
    dirty(c);
  }
  const next = i < pel.size ? pel.at(i) : null;
  const endId = next === null ? idReply(0n, 0n) : idReply(next.ms, next.seq);
  return array([endId, array(claimed), array(deleted)]);
}
