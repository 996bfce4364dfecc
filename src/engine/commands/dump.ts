// DUMP and RESTORE (Redis's cluster.c): a key's value as a payload that carries its RDB form,
// the RDB version and a CRC-64 (rdb.ts dumpPayload), and back. Part of the GENERIC group.

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { isOpt } from '../../shared/args.js';
import { accessWith, addKey, lookupRead, lookupWrite, newAccess, setExpire } from '../keyspace.js';
import { parseInt64 } from '../numbers.js';
import { rdbWriterOptions } from '../persistence.js';
import { bytesFromLatin1, dumpPayload, dumpPayloadValid, latin1FromBytes, loadDumpPayload } from '../rdb.js';
import { bulk, error, NIL, OK, type Reply } from '../../shared/reply.js';
import { NOT_INTEGER_R, SYNTAX_R } from '../error-replies.js';

function dumpCommand(c: Client, argv: string[]): Reply {
  const obj = lookupRead(c, argv[1]!);
  if (obj === undefined) return NIL;
  return bulk(latin1FromBytes(dumpPayload(obj, rdbWriterOptions(c.engine))));
}

interface RestoreOptions {
  replace: boolean;
  absttl: boolean;
  /** IDLETIME seconds, -1 when not given. */
  idle: number;
  /** FREQ (0-255), -1 when not given. */
  freq: number;
}

/** RESTORE's options after the payload, in Redis's order of checks (IDLETIME and FREQ exclude each other). */
function parseRestoreOptions(argv: string[]): RestoreOptions | Reply {
  const opts: RestoreOptions = { replace: false, absttl: false, idle: -1, freq: -1 };
  for (let j = 4; j < argv.length; j++) {
    const arg = argv[j]!;
    const more = j + 1 < argv.length;
    if (isOpt(arg, 'replace')) opts.replace = true;
    else if (isOpt(arg, 'absttl')) opts.absttl = true;
    else if (isOpt(arg, 'idletime') && more && opts.freq === -1) {
      const n = parseInt64(argv[++j]!);
      if (n === null) return NOT_INTEGER_R;
      if (n < 0n) return error(E.RESTORE_BAD_IDLETIME);
      opts.idle = Number(n);
    } else if (isOpt(arg, 'freq') && more && opts.idle === -1) {
      const n = parseInt64(argv[++j]!);
      if (n === null) return NOT_INTEGER_R;
      if (n < 0n || n > 255n) return error(E.RESTORE_BAD_FREQ);
      opts.freq = Number(n);
    } else return SYNTAX_R;
  }
  return opts;
}

function restoreCommand(c: Client, argv: string[]): Reply {
  const opts = parseRestoreOptions(argv);
  if (!('replace' in opts)) return opts;
  const engine = c.engine;
  const db = c.db;
  const name = argv[1]!;
  if (!opts.replace && lookupWrite(c, name) !== undefined) return error(E.BUSYKEY);
  const ttlArg = parseInt64(argv[2]!);
  if (ttlArg === null) return NOT_INTEGER_R;
  if (ttlArg < 0n) return error(E.RESTORE_BAD_TTL);
  const payload = bytesFromLatin1(argv[3]!);
  if (!dumpPayloadValid(payload)) return error(E.DUMP_PAYLOAD_INVALID);
  const obj = loadDumpPayload(payload, engine.config);
  if (obj === null) return error(E.BAD_DATA_FORMAT);

  const deleted = opts.replace && db.remove(name);
  // A relative TTL becomes a time; C's long long addition wraps, and so does this.
  const ttl = ttlArg !== 0n && !opts.absttl ? BigInt.asIntN(64, ttlArg + BigInt(engine.now)) : ttlArg;
  if (ttl !== 0n && ttl <= BigInt(engine.now)) {
    // Already expired: the key is not made (one it replaced is gone, and propagates as DEL).
    if (deleted) {
      engine.rewrite(c, ['DEL', name]);
      engine.signalModifiedKey(db, name);
      engine.notify('g', 'del', name, db);
    }
    return OK;
  }
  addKey(engine, db, name, obj, accessWith(engine, newAccess(engine), opts.freq, opts.idle));
  if (ttl !== 0n) {
    setExpire(db, name, ttl);
    // A relative TTL propagates as the time it ends: RESTORE key <unix ms> payload … ABSTTL.
    if (!opts.absttl) {
      engine.rewriteArgument(c, argv, 2, String(ttl));
      engine.rewriteArgument(c, argv, argv.length, 'ABSTTL');
    }
  }
  engine.signalModifiedKey(db, name);
  engine.notify('g', 'restore', name, db);
  return OK;
}

const command = commandGroup('generic', 'keyspace');

// One line a command, so the table reads as a table.
// prettier-ignore
export const dumpCommands: CommandSpec[] = [
  command('dump', 2, 'readonly', [key(1, 'RO access')], dumpCommand, { since: '2.6.0', complexity: 'O(1) to find the key, then O(N*M) to serialize N elements of average size M', tips: 'nondeterministic_output', summary: "Serialize a key's value in Redis's own format, with a version and a checksum", syntax: 'key' }),
  command('restore', -4, 'write denyoom', [key(1, 'OW update')], restoreCommand, { since: '2.6.0', complexity: 'O(1) to create the key, then O(N*M) to rebuild N elements of average size M (O(N*M*log(N)) for a sorted set)', acl: 'dangerous', summary: 'Create a key from a value DUMP serialized', syntax: 'key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]' }),
];
