// SAVE, BGSAVE, LASTSAVE (Redis's rdb.c saveCommand / bgsaveCommand, server.c lastsaveCommand).
// Snapshots are RDB files written through the engine's SnapshotStorage (see persistence.ts).
// There is no fork: under the TCP server BGSAVE runs as a SnapshotJob stepped between requests;
// elsewhere it saves at once but answers as Redis does.

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { backgroundSave, saveToStorage, scheduleBackgroundSave } from '../persistence.js';
import { error, int, OK, simple, type Reply } from '../../shared/reply.js';

const BGSAVE_STARTED = simple('Background saving started');
const BGSAVE_SCHEDULED = simple('Background saving scheduled');
const SAVE_FAILED = error(E.SAVE_FAILED);
const BGSAVE_IN_PROGRESS = error(E.BGSAVE_IN_PROGRESS);

function saveCommand(c: Client): Reply {
  const engine = c.engine;
  if (engine.bgsave !== null) return BGSAVE_IN_PROGRESS;
  engine.stats.rdbSaves++;
  return saveToStorage(engine) ? OK : SAVE_FAILED;
}

function bgsaveCommand(c: Client, argv: string[]): Reply {
  if (argv.length > 1) {
    if (argv.length !== 2 || argv[1]!.toLowerCase() !== 'schedule') return error(E.SYNTAX);
  }
  const engine = c.engine;
  // With the RDB "child" running Redis refuses both forms; SCHEDULE only waits for other children.
  if (engine.bgsave !== null) return BGSAVE_IN_PROGRESS;
  if (engine.inExec) {
    // Inside a transaction Redis defers the save to after it, with or without SCHEDULE.
    scheduleBackgroundSave(engine);
    return BGSAVE_SCHEDULED;
  }
  backgroundSave(engine);
  return BGSAVE_STARTED;
}

/** bgrewriteaofCommand: the rewrite runs at once here (aof.ts), or after a save or transaction. */
function bgrewriteaofCommand(c: Client): Reply {
  const engine = c.engine;
  const aof = engine.aof;
  if (aof === null) return error(E.AOF_REWRITE_FAILED);
  if (engine.bgsave !== null || engine.inExec) {
    aof.rewriteScheduled = true;
    return simple('Background append only file rewriting scheduled');
  }
  return aof.rewrite() ? simple('Background append only file rewriting started') : error(E.AOF_REWRITE_FAILED);
}

function lastsaveCommand(c: Client): Reply {
  return int(Math.floor(c.engine.lastSave / 1000));
}

const command = commandGroup('server');

// One line a command, so the table reads as a table.
// prettier-ignore
export const persistenceCommands: CommandSpec[] = [
  command('save', 1, 'admin noscript no_async_loading no_multi', [], saveCommand, { since: '1.0.0', complexity: 'O(N) where N is the total number of keys in all databases', summary: 'Write a snapshot of every database to storage and reply when it is done' }),
  command('bgrewriteaof', 1, 'admin noscript no_async_loading', [], bgrewriteaofCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Rewrite the append only file as a new base of the dataset and a fresh incremental file' }),
  command('bgsave', -1, 'admin noscript no_async_loading', [], bgsaveCommand, { since: '1.0.0', complexity: 'O(1)', summary: 'Start writing a snapshot of every database to storage and reply at once', syntax: '[SCHEDULE]' }),
  command('lastsave', 1, 'loading stale fast', [], lastsaveCommand, { since: '1.0.0', complexity: 'O(1)', acl: 'admin dangerous', tips: 'nondeterministic_output', summary: 'Unix time in seconds of the last snapshot that was written successfully' }),
];
