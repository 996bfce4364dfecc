// The CONNECTION group (Redis's networking.c, acl.c, server.c, db.c, tracking.c): PING, ECHO,
// QUIT, SELECT, HELLO, AUTH, RESET and CLIENT with its subcommands.
//
// Users and passwords are the ACL's (acl.ts): AUTH and HELLO AUTH log a connection in as one.

import { timeIndependentEqual } from '../../shared/constant-time.js';
import { REPLY_OFF, REPLY_SKIP, REPLY_SKIP_NEXT, type Client, type TrackingState } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup } from '../command-decl.js';
import type { Engine } from '../engine.js';
import type { PauseRequest } from '../pause.js';
import type { ClientSubscriptions } from '../pubsub.js';
import * as E from '../../shared/errors.js';
import { parseIntArg } from '../numbers.js';
import { array, bulk, EMPTY_ARRAY, error, int, map, NIL, OK, ONE, PONG, set, simple, verbatim, ZERO, type Reply } from '../../shared/reply.js';
import { REDIS_VERSION } from '../rdb.js';
import { disableTracking, trackerOf } from '../tracking.js';
import { CLIENT_TYPE_MASTER, CLIENT_TYPE_NORMAL, CLIENT_TYPE_PUBSUB, CLIENT_TYPE_SLAVE, clientType, outputBufferFigures } from '../output-buffer.js';
import { isOpt, cString } from '../../shared/args.js';
import type { User } from '../acl.js';
import { NOT_INTEGER_R, SYNTAX_R } from '../error-replies.js';

const WRONGPASS_R = error(E.WRONGPASS);
const CLIENT_NAME_INVALID_R = error(E.CLIENT_NAME_INVALID);
const RESET_R = simple('RESET');

const DEFAULT_USER = 'default';

// ---- authentication ------------------------------------------------------------------------

/**
 * ACLAuthenticateUser: logs the client in when the pair is valid; a failure is in ACL LOG, and
 * leaves an already authenticated connection authenticated.
 */
export function authenticate(c: Client, username: string, password: string, argv: readonly string[]): boolean {
  const acl = c.engine.acl;
  if (acl !== null) return acl.authenticate(c, username, password, argv);
  // Before the ACL comes only the default user exists, its password requirepass (compared in
  // constant time, as Redis compares passwords: timing must not tell how much of one matched).
  if (username !== DEFAULT_USER) return false;
  const requirepass = c.engine.config.requirepass;
  if (requirepass !== '' && !timeIndependentEqual(password, requirepass)) return false;
  c.authenticated = true;
  return true;
}

function authCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  if (argc > 3) return SYNTAX_R;
  let username: string;
  let password: string;
  if (argc === 2) {
    // The old form errs when the default user needs no password at all.
    if (c.engine.defaultUserNopass()) return error(E.AUTH_NOT_CONFIGURED);
    username = DEFAULT_USER;
    password = argv[1]!;
  } else {
    username = argv[1]!;
    password = argv[2]!;
  }
  return authenticate(c, username, password, argv) ? OK : WRONGPASS_R;
}

// ---- PING, ECHO, QUIT, SELECT --------------------------------------------------------------

function pingCommand(c: Client, argv: string[]): Reply {
  // The arity is -1 but PING takes at most one argument: the handler checks, as Redis does.
  if (argv.length > 2) return error(E.wrongArity('ping'));
  // A RESP2 client in pub/sub mode gets the 'pong' array form.
  if (c.pubsub !== null && c.resp === 2) return array([bulk('pong'), bulk(argv.length === 1 ? '' : argv[1]!)]);
  return argv.length === 1 ? PONG : bulk(argv[1]!);
}

function echoCommand(_c: Client, argv: string[]): Reply {
  return bulk(argv[1]!);
}

function quitCommand(c: Client): Reply {
  c.closeAfterReply = true;
  return OK;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function selectCommand(c: Client, argv: string[]): Reply {
  // getIntFromObjectOrReply: an int64 first, then the C int range.
  const id = parseIntArg(argv[1]!);
  if (id === null) return NOT_INTEGER_R;
  if (id < INT_MIN || id > INT_MAX) return error(E.valueOutOfRange(INT_MIN, INT_MAX));
  const db = c.engine.dbs[id];
  if (id < 0 || db === undefined) return error(E.DB_INDEX_OUT_OF_RANGE);
  c.db = db;
  return OK;
}

// ---- HELLO, RESET --------------------------------------------------------------------------

/** clientSetName: an empty name removes it; other names must be printable ASCII, no spaces. */
function setClientName(c: Client, name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch < 0x21 || ch > 0x7e) return false;
  }
  c.name = name;
  return true;
}

function helloCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  let ver = 0;
  let j = 1;
  if (argc >= 2) {
    const v = parseIntArg(argv[1]!);
    if (v === null) return error(E.PROTOCOL_VERSION_NOT_INTEGER);
    if (v < 2 || v > 3) return error(E.NOPROTO);
    ver = v;
    j = 2;
  }
  // Options apply in order: a SETNAME before a failing AUTH keeps the new name.
  for (; j < argc; j++) {
    const more = argc - 1 - j;
    const opt = argv[j]!;
    if (isOpt(opt, 'auth') && more >= 2) {
      if (!authenticate(c, argv[j + 1]!, argv[j + 2]!, argv)) return WRONGPASS_R;
      j += 2;
    } else if (isOpt(opt, 'setname') && more >= 1) {
      if (!setClientName(c, argv[j + 1]!)) return CLIENT_NAME_INVALID_R;
      j++;
    } else {
      return error(E.helloSyntax(opt));
    }
  }
  if (!c.authenticated) return error(E.HELLO_NOAUTH);
  if (ver !== 0) c.resp = ver as 2 | 3;
  return map([
    [bulk('server'), bulk('redis')],
    [bulk('version'), bulk(REDIS_VERSION)],
    [bulk('proto'), int(c.resp)],
    [bulk('id'), int(c.id)],
    [bulk('mode'), bulk('standalone')],
    [bulk('role'), bulk('master')],
    [bulk('modules'), EMPTY_ARRAY],
  ]);
}

/** clearClientConnectionState: the connection as if it had just connected (NO-EVICT stays). */
function resetCommand(c: Client): Reply {
  const engine = c.engine;
  // Out of MONITOR mode, and (below, as Redis orders it) every subscription dropped silently.
  if (c.monitor) engine.pubsub.forget(c);
  disableTracking(c);
  c.db = engine.dbs[0]!;
  c.resp = 2;
  engine.setDefaultAuth(c);
  engine.discardTransaction(c);
  if (c.pubsub !== null) engine.pubsub.forget(c);
  c.name = '';
  c.replyFlags &= ~(REPLY_OFF | REPLY_SKIP_NEXT);
  return RESET_R;
}

// ---- CLIENT LIST / INFO --------------------------------------------------------------------

/** Bytes of the request in RESP form: what Redis's query buffer held for it (qbuf=). */
function requestLength(argv: readonly string[]): number {
  let n = 3 + String(argv.length).length;
  for (const a of argv) n += 5 + String(a.length).length + a.length;
  return n;
}

/** What the query buffer of an active connection holds in all (Redis's 20 KB allocation). */
const QBUF_SIZE = 20474;
/** A connection's fixed cost in tot-mem besides its reply buffer: the client struct. */
const CLIENT_STRUCT_MEM = 768;

function argvMem(argv: readonly string[]): number {
  let n = 0;
  for (const a of argv) n += a.length;
  return n;
}

function multiArgvMem(cl: Client): number {
  if (cl.multi === null) return 0;
  let n = 0;
  for (const q of cl.multi) n += argvMem(q.argv) + 8 * q.argv.length;
  return n;
}

function clientFlags(cl: Client): string {
  let f = '';
  if (cl.replica !== null) f += 'S';
  if (cl.isMaster) f += 'M';
  if (cl.monitor) f += 'O';
  if (cl.pubsub !== null) f += 'P';
  if (cl.multi !== null) f += 'x';
  if (cl.unblock !== null) f += 'b';
  const t = cl.tracking;
  if (t !== null) {
    f += 't';
    if (t.brokenRedirect) f += 'R';
    if (t.bcast) f += 'B';
  }
  if (cl.dirtyCas) f += 'd';
  if (cl.closeAfterReply) f += 'c';
  if (cl.noEvict) f += 'e';
  return f === '' ? 'N' : f;
}

/** A dict's bucket count for n entries once grown (4 at first, then powers of two past n). */
function dictSlots(n: number): number {
  if (n === 0) return 0;
  let size = 4;
  while (size < n) size *= 2;
  return size;
}

/**
 * pubsubMemOverhead: a list node per pattern, a dict entry per channel and shard channel and
 * the dicts' buckets (Redis's figure also counts buckets of a rehash in progress, which depends
 * on its random hash seed: not modelled).
 */
function pubsubMem(s: ClientSubscriptions): number {
  return s.patterns.size * 24 + s.channels.size * 24 + dictSlots(s.channels.size) * 8 + s.shard.size * 24 + dictSlots(s.shard.size) * 8;
}

/** What CLIENT LIST says of a client's memory (getClientMemoryUsage and its parts). */
interface ClientMemory {
  qbuf: number;
  qbufFree: number;
  argvBytes: number;
  multiMem: number;
  obl: number;
  oll: number;
  omem: number;
  totMem: number;
}

/** `current` is the argv of the command being run when `cl` is the calling client. */
function clientMemory(engine: Engine, cl: Client, current: readonly string[] | null): ClientMemory {
  const idle = Math.floor(engine.now / 1000) - Math.floor(cl.lastInteraction / 1000);
  let qbuf = 0;
  let qbufFree = idle > 2 ? 0 : QBUF_SIZE;
  let argvBytes = 0;
  let totMem = CLIENT_STRUCT_MEM + cl.replyBuffer.size;
  if (current !== null) {
    qbuf = requestLength(current);
    qbufFree = Math.max(QBUF_SIZE - qbuf, 0);
    argvBytes = argvMem(current);
    totMem += argvBytes + 8 * current.length;
  } else if (cl.unblock !== null) {
    // A blocked client keeps its command's arguments until it is served (argv-mem).
    const held = engine.blocking.stateOf(cl)?.argv ?? engine.pause.argvOf(cl);
    if (held !== undefined) {
      argvBytes = argvMem(held);
      totMem += argvBytes + 8 * held.length;
    }
  }
  totMem += qbuf + qbufFree > 0 ? qbuf + qbufFree + 6 : 8;
  const { obl, oll, omem } = outputBufferFigures(cl.pendingOutput?.() ?? 0);
  totMem += omem;
  const multiMem = multiArgvMem(cl);
  totMem += multiMem + cl.watched.size * 56;
  if (cl.pubsub !== null) totMem += pubsubMem(cl.pubsub);
  if (cl.multi !== null && cl.multi.length > 0) {
    let alloc = 2;
    while (alloc < cl.multi.length) alloc *= 2;
    totMem += alloc * 24;
  }
  return { qbuf, qbufFree, argvBytes, multiMem, obl, oll, omem, totMem };
}

/** getClientMemoryUsage: a client's tot-mem, which clientsCron adds up for INFO's mem_clients_normal. */
export function clientMemoryUsage(engine: Engine, cl: Client): number {
  return clientMemory(engine, cl, null).totMem;
}

/**
 * catClientInfoString: one CLIENT LIST line (without the newline). `current` is the argv of the
 * command being run when `cl` is the calling client (its query buffer and argv memory).
 */
export function clientInfoLine(engine: Engine, cl: Client, current: readonly string[] | null): string {
  const nowSec = Math.floor(engine.now / 1000);
  const idle = nowSec - Math.floor(cl.lastInteraction / 1000);
  const { qbuf, qbufFree, argvBytes, multiMem, obl, oll, omem, totMem } = clientMemory(engine, cl, current);
  // 'w': a reply is waiting for the socket (Redis's write handler is installed).
  return (
    `id=${cl.id} addr=${cl.addr} laddr=${cl.laddr} fd=${cl.fd} name=${cl.name}` +
    ` age=${nowSec - Math.floor(cl.createdAt / 1000)} idle=${idle} flags=${clientFlags(cl)}` +
    ` db=${cl.db.id} sub=${cl.pubsub?.channels.size ?? 0} psub=${cl.pubsub?.patterns.size ?? 0} ssub=${cl.pubsub?.shard.size ?? 0} multi=${cl.multi === null ? -1 : cl.multi.length}` +
    ` qbuf=${qbuf} qbuf-free=${qbufFree} argv-mem=${argvBytes} multi-mem=${multiMem}` +
    ` rbs=${cl.replyBuffer.size} rbp=${cl.replyBuffer.peak} obl=${obl} oll=${oll} omem=${omem} tot-mem=${totMem} events=${obl > 0 || oll > 0 ? 'rw' : 'r'} cmd=${cl.lastCommand}` +
    ` user=${cl.user?.name ?? '(superuser)'} redir=${cl.tracking === null ? -1 : cl.tracking.redirect} resp=${cl.resp}`
  );
}

/** The request the calling client is running: EXEC's own while EXEC runs a queued command. */
function currentRequest(c: Client, argv: string[]): readonly string[] {
  return c.engine.inExec ? ['EXEC'] : argv;
}

/** getClientTypeByName; -1 when unknown. */
function clientTypeByName(name: string): number {
  if (isOpt(name, 'normal')) return CLIENT_TYPE_NORMAL;
  if (isOpt(name, 'slave') || isOpt(name, 'replica')) return CLIENT_TYPE_SLAVE;
  if (isOpt(name, 'pubsub')) return CLIENT_TYPE_PUBSUB;
  if (isOpt(name, 'master')) return CLIENT_TYPE_MASTER;
  return -1;
}

function clientListCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  const argc = argv.length;
  const current = currentRequest(c, argv);
  let out = '';
  if (argc === 4 && isOpt(argv[2]!, 'type')) {
    const type = clientTypeByName(argv[3]!);
    if (type < 0) return error(E.unknownClientType(argv[3]!));
    for (const cl of engine.clients.values()) {
      if (clientType(cl) !== type) continue;
      out += clientInfoLine(engine, cl, cl === c ? current : null) + '\n';
    }
  } else if (argc > 3 && isOpt(argv[2]!, 'id')) {
    for (let j = 3; j < argc; j++) {
      const id = parseIntArg(argv[j]!);
      if (id === null) return error(E.INVALID_CLIENT_ID);
      const cl = engine.clients.get(id);
      if (cl !== undefined) out += clientInfoLine(engine, cl, cl === c ? current : null) + '\n';
    }
  } else if (argc !== 2) {
    return SYNTAX_R;
  } else {
    for (const cl of engine.clients.values()) {
      out += clientInfoLine(engine, cl, cl === c ? current : null) + '\n';
    }
  }
  return verbatim(out);
}

function clientInfoCommand(c: Client, argv: string[]): Reply {
  return verbatim(clientInfoLine(c.engine, c, currentRequest(c, argv)) + '\n');
}

// ---- CLIENT KILL / UNBLOCK -----------------------------------------------------------------

function clientKillCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  const argc = argv.length;
  let addr: string | null = null;
  let laddr: string | null = null;
  let type = -1;
  let id = 0;
  let skipme = true;
  let user: User | null = null;
  if (argc === 3) {
    // The old form CLIENT KILL ip:port, which may kill the caller itself.
    addr = cString(argv[2]!);
    skipme = false;
  } else {
    for (let i = 2; i < argc; i += 2) {
      const opt = argv[i]!;
      if (i + 1 >= argc) return SYNTAX_R;
      const val = argv[i + 1]!;
      if (isOpt(opt, 'id')) {
        const n = parseIntArg(val);
        if (n === null || n < 1) return error(E.CLIENT_ID_NOT_POSITIVE);
        id = n;
      } else if (isOpt(opt, 'type')) {
        type = clientTypeByName(val);
        if (type < 0) return error(E.unknownClientType(val));
      } else if (isOpt(opt, 'addr')) {
        addr = cString(val);
      } else if (isOpt(opt, 'laddr')) {
        laddr = cString(val);
      } else if (isOpt(opt, 'user')) {
        const u = engine.acl?.users.get(val);
        if (u === undefined) return error(E.noSuchUser(val));
        user = u;
      } else if (isOpt(opt, 'skipme')) {
        if (isOpt(val, 'yes')) skipme = true;
        else if (isOpt(val, 'no')) skipme = false;
        else return SYNTAX_R;
      } else {
        return SYNTAX_R;
      }
    }
  }

  let killed = 0;
  for (const cl of [...engine.clients.values()]) {
    if (addr !== null && cl.addr !== addr) continue;
    if (laddr !== null && cl.laddr !== laddr) continue;
    if (type !== -1 && clientType(cl) !== type) continue;
    if (id !== 0 && cl.id !== id) continue;
    if (user !== null && cl.user !== user) continue;
    if (cl === c && skipme) continue;
    if (cl === c) {
      // Closed once this reply is written.
      c.closeAfterReply = true;
    } else {
      cl.onKill();
      engine.closeClient(cl);
    }
    killed++;
  }
  if (argc === 3) return killed === 0 ? error(E.NO_SUCH_CLIENT) : OK;
  return int(killed);
}

function clientUnblockCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  if (argc > 4) return error(E.subcommandSyntax(argv[1]!, argv[0]!));
  let byError = false;
  if (argc === 4) {
    if (isOpt(argv[3]!, 'timeout')) byError = false;
    else if (isOpt(argv[3]!, 'error')) byError = true;
    else return error(E.UNBLOCK_REASON);
  }
  const id = parseIntArg(argv[2]!);
  if (id === null) return NOT_INTEGER_R;
  const target = c.engine.clients.get(id);
  // A client held by CLIENT PAUSE is left alone (Redis 7.0.15 crashes on TIMEOUT, and on ERROR
  // answers it twice: the error, then its command once the pause ends).
  if (target === undefined || target.unblock === null || c.engine.pause.isPostponed(target)) return ZERO;
  target.unblock(byError);
  return ONE;
}

// ---- CLIENT SETNAME / GETNAME / ID / REPLY / NO-EVICT / PAUSE ------------------------------

function clientSetnameCommand(c: Client, argv: string[]): Reply {
  return setClientName(c, argv[2]!) ? OK : CLIENT_NAME_INVALID_R;
}

function clientGetnameCommand(c: Client): Reply {
  return c.name === '' ? NIL : bulk(c.name);
}

function clientIdCommand(c: Client): Reply {
  return int(c.id);
}

/**
 * CLIENT REPLY: ON answers OK; OFF and SKIP answer nothing. Engine.execute applies the flags:
 * OFF silences every reply until ON, SKIP the reply of the next command only.
 */
function clientReplyCommand(c: Client, argv: string[]): Reply | null {
  const mode = argv[2]!;
  if (isOpt(mode, 'on')) {
    c.replyFlags &= ~(REPLY_SKIP | REPLY_OFF);
    return OK;
  }
  if (isOpt(mode, 'off')) {
    c.replyFlags |= REPLY_OFF;
    return null;
  }
  if (isOpt(mode, 'skip')) {
    if ((c.replyFlags & REPLY_OFF) === 0) c.replyFlags |= REPLY_SKIP_NEXT;
    return null;
  }
  return SYNTAX_R;
}

function clientNoEvictCommand(c: Client, argv: string[]): Reply {
  const mode = argv[2]!;
  if (isOpt(mode, 'on')) c.noEvict = true;
  else if (isOpt(mode, 'off')) c.noEvict = false;
  else return SYNTAX_R;
  return OK;
}

/** The largest int64 as a double: a deadline past it wraps to the past in Redis. */
const INT64_LIMIT = 2 ** 63;

/**
 * getTimeoutFromObjectOrReply (UNIT_MILLISECONDS): whole ms from now as an absolute engine time,
 * 0 for a timeout of 0, or the error reply. A sum past int64 wraps negative in Redis (a deadline
 * already gone): -1 here.
 */
function parseMsTimeout(c: Client, arg: string): number | Reply {
  const ms = parseIntArg(arg);
  if (ms === null) return error(E.TIMEOUT_NOT_INTEGER);
  if (ms < 0) return error(E.TIMEOUT_NEGATIVE);
  if (ms === 0) return 0;
  const end = c.engine.now + ms;
  return end >= INT64_LIMIT ? -1 : end;
}

/**
 * CLIENT PAUSE timeout [WRITE|ALL] (mode checked before the timeout, as Redis does): holds the
 * commands of every client, or only those that may write, until the deadline (pause.ts).
 */
function clientPauseCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  if (argc > 4) return error(E.subcommandSyntax(argv[1]!, argv[0]!));
  let type: PauseRequest['type'] = 'all';
  if (argc === 4) {
    if (isOpt(argv[3]!, 'write')) type = 'write';
    else if (!isOpt(argv[3]!, 'all')) return error(E.PAUSE_MODE);
  }
  const end = parseMsTimeout(c, argv[2]!);
  if (typeof end !== 'number') return end;
  c.engine.pause.pause({ type, end });
  return OK;
}

/** CLIENT UNPAUSE: the held commands run once this command line is over. */
function clientUnpauseCommand(c: Client): Reply {
  c.engine.pause.unpause();
  return OK;
}

// ---- WAIT ----------------------------------------------------------------------------------

/**
 * WAIT numreplicas timeout: how many replicas acknowledged this connection's writes (the stream
 * up to its last command). Enough of them (or inside MULTI) answers at once; otherwise it blocks
 * until enough acknowledge (replication.ts asks them at once) or its timeout (0: for ever), and
 * then answers the count.
 */
function waitCommand(c: Client, argv: string[]): Reply | null {
  if (c.engine.masterLink !== null) return error(E.WAIT_ON_REPLICA);
  const numreplicas = parseIntArg(argv[1]!);
  if (numreplicas === null) return NOT_INTEGER_R;
  const deadline = parseMsTimeout(c, argv[2]!);
  if (typeof deadline !== 'number') return deadline;
  const replication = c.engine.replication;
  // The stream up to this connection's last command (WAIT itself then asks the replicas for ACKs).
  const offset = c.woff;
  const acked = replication?.ackedAt(offset) ?? 0;
  if (acked >= numreplicas || c.multi !== null || c.engine.inExec) return int(acked);
  replication?.awaitAcks(c, numreplicas, offset);
  return c.engine.blocking.block(c, 'wait', [], deadline, argv, () => null, { timedOut: () => int(c.engine.replication?.ackedAt(offset) ?? 0) });
}

// ---- CLIENT TRACKING / CACHING / GETREDIR / TRACKINGINFO -----------------------------------

/** stringCheckPrefix: one of the two is a prefix of the other. */
function prefixesOverlap(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

/** checkPrefixCollisionsOrReply: the error for overlapping BCAST prefixes, or null. */
function prefixCollision(existing: readonly string[], given: readonly string[]): string | null {
  for (let i = 0; i < given.length; i++) {
    for (const p of existing) {
      if (prefixesOverlap(p, given[i]!)) {
        return E.noNewlines(E.prefixOverlapsExisting(cString(given[i]!), cString(p)));
      }
    }
    for (let j = i + 1; j < given.length; j++) {
      if (prefixesOverlap(given[i]!, given[j]!)) {
        return E.noNewlines(E.prefixOverlapsProvided(cString(given[i]!), cString(given[j]!)));
      }
    }
  }
  return null;
}

/** CLIENT TRACKING ON|OFF and its options (enableTracking / disableTracking). */
function clientTrackingCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  const argc = argv.length;
  let redirect = 0;
  let bcast = false;
  let optin = false;
  let optout = false;
  let noloop = false;
  const prefixes: string[] = [];
  for (let j = 3; j < argc; j++) {
    const opt = argv[j]!;
    const more = argc - 1 - j;
    if (isOpt(opt, 'redirect') && more > 0) {
      j++;
      if (redirect !== 0) return error(E.TRACKING_ONE_REDIRECT);
      const id = parseIntArg(argv[j]!);
      if (id === null) return NOT_INTEGER_R;
      if (!engine.clients.has(id)) return error(E.TRACKING_NO_REDIRECT_CLIENT);
      redirect = id;
    } else if (isOpt(opt, 'bcast')) {
      bcast = true;
    } else if (isOpt(opt, 'optin')) {
      optin = true;
    } else if (isOpt(opt, 'optout')) {
      optout = true;
    } else if (isOpt(opt, 'noloop')) {
      noloop = true;
    } else if (isOpt(opt, 'prefix') && more > 0) {
      prefixes.push(argv[++j]!);
    } else {
      return SYNTAX_R;
    }
  }

  const mode = argv[2]!;
  if (isOpt(mode, 'on')) {
    const cur = c.tracking;
    if (!bcast && prefixes.length > 0) return error(E.TRACKING_PREFIX_NEEDS_BCAST);
    if (cur !== null && cur.bcast !== bcast) return error(E.TRACKING_BCAST_SWITCH);
    if (bcast && (optin || optout)) return error(E.TRACKING_OPT_WITH_BCAST);
    if (optin && optout) return error(E.TRACKING_OPTIN_AND_OPTOUT);
    if (cur !== null && ((optin && cur.optout) || (optout && cur.optin))) {
      return error(E.TRACKING_OPT_SWITCH);
    }
    if (bcast) {
      const collision = prefixCollision(cur?.prefixes ?? [], prefixes);
      if (collision !== null) return error(collision);
    }
    // enableTracking: the mode is replaced, BCAST prefixes accumulate, CACHING survives.
    const next: TrackingState = {
      bcast,
      optin,
      optout,
      noloop,
      caching: cur?.caching ?? false,
      redirect,
      brokenRedirect: false,
      prefixes: cur?.prefixes ?? [],
    };
    const tracker = trackerOf(engine);
    if (cur === null) tracker.enabled();
    if (bcast) {
      if (prefixes.length === 0) prefixes.push('');
      for (const p of prefixes) {
        if (!next.prefixes.includes(p)) next.prefixes.push(p);
        tracker.listen(c, p);
      }
      next.prefixes.sort();
    }
    c.tracking = next;
  } else if (isOpt(mode, 'off')) {
    disableTracking(c);
  } else {
    return SYNTAX_R;
  }
  return OK;
}

function clientCachingCommand(c: Client, argv: string[]): Reply {
  const t = c.tracking;
  if (t === null) return error(E.CACHING_NOT_TRACKING);
  const opt = argv[2]!;
  if (isOpt(opt, 'yes')) {
    if (!t.optin) return error(E.CACHING_YES_NEEDS_OPTIN);
  } else if (isOpt(opt, 'no')) {
    if (!t.optout) return error(E.CACHING_NO_NEEDS_OPTOUT);
  } else {
    return SYNTAX_R;
  }
  t.caching = true;
  return OK;
}

function clientGetredirCommand(c: Client): Reply {
  return int(c.tracking === null ? -1 : c.tracking.redirect);
}

function clientTrackinginfoCommand(c: Client): Reply {
  const t = c.tracking;
  const flags: Reply[] = [bulk(t === null ? 'off' : 'on')];
  if (t !== null) {
    if (t.bcast) flags.push(bulk('bcast'));
    if (t.optin) {
      flags.push(bulk('optin'));
      if (t.caching) flags.push(bulk('caching-yes'));
    }
    if (t.optout) {
      flags.push(bulk('optout'));
      if (t.caching) flags.push(bulk('caching-no'));
    }
    if (t.noloop) flags.push(bulk('noloop'));
    if (t.brokenRedirect) flags.push(bulk('broken_redirect'));
  }
  return map([
    [bulk('flags'), set(flags)],
    [bulk('redirect'), int(t === null ? -1 : t.redirect)],
    [bulk('prefixes'), array(t === null ? [] : t.prefixes.map((p) => bulk(p)))],
  ]);
}

// ---- CLIENT HELP ---------------------------------------------------------------------------

// ---- the table -----------------------------------------------------------------------------

const command = commandGroup('connection', 'connection');
/** WAIT: Redis files it under generic, with the connection ACL category. */
const genericCommand = commandGroup('generic', 'connection');

// One line a command, so the table reads as a table.
// prettier-ignore
export const connectionCommands: CommandSpec[] = [
  command('auth', -2, 'noscript loading stale fast no_auth allow_busy', [], authCommand, { since: '1.0.0', complexity: 'O(N) where N is the number of passwords defined for the user', summary: 'Log this connection in with a password (and optionally a user name)', syntax: '[username] password' }),
  command('echo', 2, 'loading stale fast', [], echoCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Answer with the given message', syntax: 'message' }),
  command('hello', -1, 'noscript loading stale fast no_auth allow_busy', [], helloCommand, { since: '6.0.0', complexity: 'O(1)', summary: 'Choose the protocol version (RESP2 or RESP3), optionally log in and name the connection', syntax: '[protover [AUTH username password] [SETNAME clientname]]' }),
  command('ping', -1, 'fast', [], pingCommand, { since: '1.0.0', complexity: 'O(1)', tips: 'request_policy:all_shards response_policy:all_succeeded', summary: 'Check the connection: answers PONG, or the given message', syntax: '[message]' }),
  command('quit', -1, 'noscript loading stale fast no_auth allow_busy', [], quitCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Close the connection once the OK reply is sent' }),
  command('reset', 1, 'noscript loading stale fast no_auth allow_busy', [], resetCommand, { since: '6.2.0', complexity: 'O(1)', summary: 'Bring the connection back to its initial state: database 0, RESP2, no transaction, no name' }),
  command('select', 2, 'loading stale fast', [], selectCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Switch this connection to the database with the given index', syntax: 'index' }),
  command.container('client', -2, { since: '2.4.0', complexity: 'Depends on subcommand.', summary: 'Inspect and manage client connections' }, [
    command('caching', 3, 'noscript loading stale', [], clientCachingCommand, { since: '6.0.0', complexity: 'O(1)', summary: 'In OPTIN/OPTOUT tracking mode, choose whether the keys of the next command are tracked', syntax: 'YES|NO' }),
    command('getname', 2, 'noscript loading stale', [], clientGetnameCommand, { since: '2.6.9', complexity: 'O(1)', summary: 'The name of this connection, or nil when it has none' }),
    command('getredir', 2, 'noscript loading stale', [], clientGetredirCommand, { since: '6.0.0', complexity: 'O(1)', summary: 'The client id tracking invalidations are redirected to (-1 without tracking)' }),
    command.help('client', '5.0.0'),
    command('id', 2, 'noscript loading stale', [], clientIdCommand, { since: '5.0.0', complexity: 'O(1)', summary: 'The unique id of this connection' }),
    command('info', 2, 'noscript loading stale', [], clientInfoCommand, { since: '6.2.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'Describe this connection in the CLIENT LIST format' }),
    command('kill', -3, 'admin noscript loading stale', [], clientKillCommand, { since: '2.4.0', complexity: 'O(N) where N is the number of client connections', summary: 'Disconnect the connections matching an address, id, type or user', syntax: 'ip:port|[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]|[USER username]|[ADDR ip:port]|[LADDR ip:port]|[SKIPME yes/no] [[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]|[USER username]|[ADDR ip:port]|[LADDR ip:port]|[SKIPME yes/no] ...]' }),
    command('list', -2, 'admin noscript loading stale', [], clientListCommand, { since: '2.4.0', complexity: 'O(N) where N is the number of client connections', tips: 'nondeterministic_output', summary: 'Describe every connection (or those of a type, or with given ids), one per line', syntax: '[TYPE NORMAL|MASTER|REPLICA|PUBSUB] [ID client-id [client-id ...]]' }),
    command('no-evict', 3, 'admin noscript loading stale', [], clientNoEvictCommand, { since: '7.0.0', complexity: 'O(1)', summary: 'Exempt this connection from client eviction, or not', syntax: 'ON|OFF' }),
    command('pause', -3, 'admin noscript loading stale', [], clientPauseCommand, { since: '2.9.50', complexity: 'O(1)', summary: 'Hold the commands of all clients (or only writes) for some milliseconds', syntax: 'timeout [WRITE|ALL]' }),
    command('reply', 3, 'noscript loading stale', [], clientReplyCommand, { since: '3.2.0', complexity: 'O(1)', summary: 'Turn the replies to this connection on or off, or skip the next one', syntax: 'ON|OFF|SKIP' }),
    command('setname', 3, 'noscript loading stale', [], clientSetnameCommand, { since: '2.6.9', complexity: 'O(1)', summary: 'Name this connection (an empty name removes it)', syntax: 'connection-name' }),
    command('tracking', -3, 'noscript loading stale', [], clientTrackingCommand, { since: '6.0.0', complexity: 'O(1). Some options may introduce additional complexity.', summary: 'Turn server-assisted client-side caching on or off for this connection', syntax: 'ON|OFF [REDIRECT client-id] [PREFIX prefix [PREFIX prefix ...]] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]' }),
    command('trackinginfo', 2, 'noscript loading stale', [], clientTrackinginfoCommand, { since: '6.2.0', complexity: 'O(1)', summary: 'Describe the client-side caching mode of this connection' }),
    command('unblock', -3, 'admin noscript loading stale', [], clientUnblockCommand, { since: '5.0.0', complexity: 'O(log N) where N is the number of client connections', summary: 'Wake a client blocked in BLPOP & co. as if it timed out, or with an error', syntax: 'client-id [TIMEOUT|ERROR]' }),
    command('unpause', 2, 'admin noscript loading stale', [], clientUnpauseCommand, { since: '6.2.0', complexity: 'O(N) Where N is the number of paused clients', summary: 'End a CLIENT PAUSE' }),
  ]),
  genericCommand('wait', 3, 'noscript', [], waitCommand, { since: '3.0.0', complexity: 'O(1)', tips: 'request_policy:all_shards response_policy:agg_min', summary: 'Wait until replicas acknowledged this connection\'s writes (none here: answers 0, after the timeout if any were asked for)', syntax: 'numreplicas timeout' }),
];
