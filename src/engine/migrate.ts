// MIGRATE's work (Redis's cluster.c migrateCommand; declared in commands/migrate.ts): the keys
// are DUMPed when the command runs, sent to another server as RESTORE commands over a connection
// the host opens (outgoing.ts; none in the browser), and deleted here once the target has said OK
// for each, unless COPY. One of the engine's late parts (late.ts): the browser never needs it
// before the first prompt, and cannot connect anyway.
//
// Redis does the whole exchange with blocking reads and writes: nothing else runs on the server
// until it ends. The engine cannot block its host, so only the calling client waits (its reply,
// and its next commands, come after the exchange; Client.awaitingIo) while other clients go on.
// What makes that safe enough: the values are read (DUMPed) when the command runs; the keys the
// target acknowledged are deleted, and the DEL propagated, in one step at the end (never inside a
// script's run: Engine.whenNoScript), so the AOF and replicas see the same order as the dataset.
// MIGRATEs themselves run one at a time, in the order they came, as on Redis.

import type { Client } from './client.js';
import type { Database } from './database.js';
import type { Engine } from './engine.js';
import * as E from '../shared/errors.js';
import { isOpt } from '../shared/args.js';
import { mayBlock } from './blocking.js';
import { atoi } from './getkeys.js';
import { deleteKey, getExpireExact, lookupRead } from './keyspace.js';
import { parseInt64 } from './numbers.js';
import { MigrateLinks, type CachedLink, type LinkFailure } from './outgoing.js';
import { respCommand } from './propagate.js';
import { rdbWriterOptions } from './persistence.js';
import { dumpPayload, latin1FromBytes } from './rdb.js';
import { error, OK, simple, type Reply } from '../shared/reply.js';
import { NOT_INTEGER_R, SYNTAX_R } from './error-replies.js';

const NOKEY = simple('NOKEY');
const CANNOT_CONNECT_R = error(E.MIGRATE_CANNOT_CONNECT);
/** Redis writes the commands in pieces of this size, each within the timeout. */
const WRITE_CHUNK = 64 * 1024;

/** MIGRATE's options after the timeout. */
interface MigrateOptions {
  copy: boolean;
  replace: boolean;
  /** AUTH's or AUTH2's password; null without either (then no AUTH is sent). */
  password: string | null;
  /** AUTH2's username: AUTH is sent with it. */
  username: string | null;
  /** argv index of the first key, and how many: the key argument, or the ones after KEYS. */
  firstKey: number;
  numKeys: number;
}

/** The options in Redis's order of checks: each as it comes, KEYS taking every argument after it. */
function parseMigrateOptions(argv: readonly string[]): MigrateOptions | Reply {
  const opts: MigrateOptions = { copy: false, replace: false, password: null, username: null, firstKey: 3, numKeys: 1 };
  for (let j = 6; j < argv.length; j++) {
    const arg = argv[j]!;
    const more = argv.length - 1 - j;
    if (isOpt(arg, 'copy')) opts.copy = true;
    else if (isOpt(arg, 'replace')) opts.replace = true;
    else if (isOpt(arg, 'auth')) {
      if (more < 1) return SYNTAX_R;
      opts.password = argv[++j]!;
    } else if (isOpt(arg, 'auth2')) {
      if (more < 2) return SYNTAX_R;
      opts.username = argv[++j]!;
      opts.password = argv[++j]!;
    } else if (isOpt(arg, 'keys')) {
      if (argv[3]!.length !== 0) return error(E.MIGRATE_KEYS_NEEDS_EMPTY_KEY);
      opts.firstKey = j + 1;
      opts.numKeys = argv.length - j - 1;
      break;
    } else return SYNTAX_R;
  }
  return opts;
}

/** A key to move, as it was when MIGRATE ran. */
interface Moving {
  name: string;
  /** Its DUMP payload (a latin1 byte string). */
  payload: string;
  /** Unix ms when it expires (exact past 2^53), -1 for never: the TTL sent is what is left when it is sent. */
  expireAt: number | bigint;
}

/** One MIGRATE's exchange with its target. */
interface Transfer {
  engine: Engine;
  client: Client;
  /** The database the keys are in (the client's when it ran MIGRATE). */
  db: Database;
  host: string;
  /** The port as typed (the cache's key) and as a number (C's atoi of it). */
  port: string;
  portNumber: number;
  timeoutMs: number;
  dbid: bigint;
  opts: MigrateOptions;
  keys: Moving[];
}

/** How the exchange ended: the reply, and the keys the target acknowledged (to delete unless COPY). */
interface Outcome {
  reply: Reply;
  acked: string[];
}

export function migrateCommand(c: Client, argv: string[]): Reply | null {
  const opts = parseMigrateOptions(argv);
  if (!('copy' in opts)) return opts;
  const timeoutArg = parseInt64(argv[5]!);
  if (timeoutArg === null) return NOT_INTEGER_R;
  const dbid = parseInt64(argv[4]!);
  if (dbid === null) return NOT_INTEGER_R;
  const engine = c.engine;
  // Keys that do not exist (or just expired) are left out; none at all is NOKEY, not an error.
  const keys: Moving[] = [];
  const writer = rdbWriterOptions(engine);
  for (let j = 0; j < opts.numKeys; j++) {
    const name = argv[opts.firstKey + j]!;
    const obj = lookupRead(c, name);
    if (obj === undefined) continue;
    keys.push({ name, payload: latin1FromBytes(dumpPayload(obj, writer)), expireAt: getExpireExact(c.db, name) });
  }
  if (keys.length === 0) return NOKEY;
  // No way to open a connection here (the browser), or no way to wait for one: the commands
  // EXEC runs and a script's answer at once. Both get what Redis answers when it cannot connect.
  if (engine.connect === null || !mayBlock(c)) return CANNOT_CONNECT_R;
  const links = (engine.migrateLinks ??= new MigrateLinks(engine.connect, engine.random));
  const transfer: Transfer = {
    engine,
    client: c,
    db: c.db,
    host: argv[1]!,
    port: argv[2]!,
    portNumber: atoi(argv[2]!),
    timeoutMs: timeoutArg <= 0n ? 1000 : Number(timeoutArg),
    dbid,
    opts,
    keys,
  };
  c.awaitingIo = true;
  links.enqueue(async () => {
    let outcome: Outcome;
    try {
      outcome = await exchange(transfer);
    } catch {
      // A host's link that threw instead of answering a failure: as a failed read.
      outcome = { reply: error(E.migrateIoError(false)), acked: [] };
    }
    engine.whenNoScript(() => finish(transfer, outcome));
  });
  return null;
}

/**
 * The end of a MIGRATE: the acknowledged keys are deleted (each a change and a 'del' event) and
 * propagated as one DEL, then the client gets its reply.
 */
function finish(t: Transfer, outcome: Outcome): void {
  const { engine, client: c, db } = t;
  engine.now = Math.floor(engine.clock.now());
  const outer = engine.currentClient;
  engine.currentClient = c;
  try {
    if (!t.opts.copy && outcome.acked.length !== 0) {
      for (const name of outcome.acked) {
        if (deleteKey(engine, db, name)) engine.notify('g', 'del', name, db);
      }
      // MIGRATE is rewritten as DEL of the acknowledged keys for the AOF and replicas.
      engine.propagation.add(db.id, ['DEL', ...outcome.acked]);
      engine.propagation.flush();
    }
    c.awaitingIo = false;
    engine.servedBlockedClient(c, 'migrate', outcome.reply);
  } finally {
    engine.currentClient = outer;
  }
}

/** The commands one attempt sends: AUTH, SELECT when the link's database differs, a RESTORE a key. */
function commandsFor(t: Transfer, select: boolean, nowMs: number): { text: string; sent: string[] } {
  const { opts } = t;
  let text = '';
  if (opts.password !== null) {
    text += respCommand(opts.username !== null ? ['AUTH', opts.username, opts.password] : ['AUTH', opts.password]);
  }
  if (select) text += respCommand(['SELECT', String(t.dbid)]);
  const sent: string[] = [];
  for (const k of t.keys) {
    // The TTL left now; a key that expired since MIGRATE ran is not sent. A TTL under 1 ms is 1
    // (0 would mean none).
    let ttl = 0n;
    if (k.expireAt !== -1) {
      ttl = BigInt(k.expireAt) - BigInt(nowMs);
      if (ttl < 0n) continue;
      if (ttl < 1n) ttl = 1n;
    }
    sent.push(k.name);
    const restore = ['RESTORE', k.name, String(ttl), k.payload];
    if (opts.replace) restore.push('REPLACE');
    text += respCommand(restore);
  }
  return { text, sent };
}

/**
 * migrateCommand's exchange, from try_again on: one attempt, and a second one on a fresh
 * connection after a failure that was not a timeout and came before any key was acknowledged
 * (the cached connection may have been closed by the target meanwhile).
 */
async function exchange(t: Transfer): Promise<Outcome> {
  const links = t.engine.migrateLinks!;
  const name = `${t.host}:${t.port}`;
  let mayRetry = true;
  for (;;) {
    const cs = await links.get(t.host, t.port, t.portNumber, t.timeoutMs, Math.floor(t.engine.clock.now() / 1000));
    if (cs === null) return { reply: CANNOT_CONNECT_R, acked: [] };
    cs.busy = true;
    let r: AttemptResult;
    try {
      r = await attempt(t, cs);
    } finally {
      cs.busy = false;
    }
    if ('reply' in r) {
      if (r.broken) links.close(name);
      return { reply: r.reply, acked: r.acked };
    }
    // socket_err: the connection is dropped (the next MIGRATE opens a new one, and SELECTs).
    links.close(name);
    if (r.failure !== 'timeout' && mayRetry && !r.final) {
      mayRetry = false;
      continue;
    }
    return { reply: error(E.migrateIoError(r.writing)), acked: r.acked };
  }
}

/**
 * An attempt's end: an outcome (`broken` when a read failed after the target's error, which is
 * still the reply), or a socket failure, with the keys acknowledged before it and whether it may
 * not be retried (some reply had come).
 */
type AttemptResult = (Outcome & { broken?: true }) | { failure: LinkFailure; writing: boolean; acked: string[]; final: boolean };

async function attempt(t: Transfer, cs: CachedLink): Promise<AttemptResult> {
  const { opts, timeoutMs } = t;
  const select = cs.lastDb !== t.dbid;
  const { text, sent } = commandsFor(t, select, Math.floor(t.engine.clock.now()));
  for (let pos = 0; pos < text.length; pos += WRITE_CHUNK) {
    const failure = await cs.link.write(text.slice(pos, pos + WRITE_CHUNK), timeoutMs);
    if (failure !== null) return { failure, writing: true, acked: [], final: false };
  }
  let authLine = '';
  if (opts.password !== null) {
    const line = await cs.lines.readLine(timeoutMs);
    if (typeof line !== 'string') return { failure: line.failure, writing: false, acked: [], final: false };
    authLine = line;
  }
  let selectLine = '';
  if (select) {
    const line = await cs.lines.readLine(timeoutMs);
    if (typeof line !== 'string') return { failure: line.failure, writing: false, acked: [], final: false };
    selectLine = line;
  }
  // Every RESTORE's reply is read; the first error (AUTH's, SELECT's, then a RESTORE's) is the
  // reply; a key is acknowledged when AUTH, SELECT and its RESTORE all said something else.
  let targetError: string | null = null;
  const acked: string[] = [];
  for (let j = 0; j < sent.length; j++) {
    const line = await cs.lines.readLine(timeoutMs);
    if (typeof line !== 'string') {
      // A failure before the first reply may be retried; after one it ends the MIGRATE (with the
      // target's error if there was one), the keys acknowledged so far deleted all the same.
      if (targetError !== null) return { reply: error(E.migrateTargetError(targetError)), acked, broken: true };
      return { failure: line.failure, writing: false, acked, final: j !== 0 };
    }
    const failed = authLine.startsWith('-') ? authLine : selectLine.startsWith('-') ? selectLine : line.startsWith('-') ? line : null;
    if (failed !== null) {
      if (targetError === null) {
        // The database the target is in is no longer known.
        cs.lastDb = -1n;
        targetError = failed.slice(1);
      }
    } else if (!opts.copy) acked.push(sent[j]!);
  }
  if (targetError !== null) return { reply: error(E.migrateTargetError(targetError)), acked };
  cs.lastDb = t.dbid;
  return { reply: OK, acked };
}
