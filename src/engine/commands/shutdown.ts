// SHUTDOWN (Redis's db.c shutdownCommand) and the shutdown itself (server.c prepareForShutdown,
// finishShutdown), which SIGTERM and SIGINT run too (the host calls prepareForShutdown from its
// cron with the flags of shutdown-on-sigterm / shutdown-on-sigint). Only a host that can stop
// sets engine.onShutdown (the TCP server); in the browser playground the command answers with an
// error of our own. There are no replicas to wait for, so a shutdown never stays in progress:
// ABORT only finds one that a signal asked for and the host has not yet run.

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import type { Engine } from '../engine.js';
import { commandGroup } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { cancelBackgroundSave, saveToStorage } from '../persistence.js';
import { error, OK, type Reply } from '../../shared/reply.js';
import { isOpt } from '../../shared/args.js';
import { SYNTAX_R } from '../error-replies.js';
import { busyError } from '../scripting/script-run.js';

const NO_SHUTDOWN_R = error(E.NO_SHUTDOWN_IN_PROGRESS);
const NOT_AVAILABLE_R = error(E.SHUTDOWN_NOT_AVAILABLE);
const SHUTDOWN_FAILED_R = error(E.SHUTDOWN_FAILED);

/** Redis's SHUTDOWN_SAVE / NOSAVE / NOW / FORCE flags. */
export interface ShutdownFlags {
  save: boolean;
  nosave: boolean;
  now: boolean;
  force: boolean;
}

const NO_FLAGS: ShutdownFlags = { save: false, nosave: false, now: false, force: false };

/** The flags a shutdown-on-sigterm / shutdown-on-sigint value ('default', 'save force'…) stands for. */
export function shutdownFlagsFromConfig(value: string | undefined): ShutdownFlags {
  // The config keeps the printed form: flag names, lower case, one space apart.
  const words = new Set((value ?? '').split(' '));
  return { save: words.has('save'), nosave: words.has('nosave'), now: words.has('now'), force: words.has('force') };
}

/**
 * prepareForShutdown + finishShutdown: the final save when save points are configured (or
 * SAVE), unless NOSAVE. If that save fails the server keeps running (true is returned only when
 * the host was told to exit), unless FORCE. Logs what Redis logs, through engine.log.
 */
export function prepareForShutdown(engine: Engine, flags: ShutdownFlags = NO_FLAGS): boolean {
  engine.log('#', 'User requested shutdown...');
  if (engine.bgsave !== null) {
    engine.log('#', 'There is a child saving an .rdb. Killing it!');
    cancelBackgroundSave(engine, false);
  }
  if (engine.aof?.on) {
    // Append only file: what is buffered is written and synced before anything else.
    engine.log('*', 'Calling fsync() on the AOF file.');
    engine.aof.flush(true);
  }
  if ((engine.config.saveParams.length > 0 && !flags.nosave) || flags.save) {
    engine.log('*', 'Saving the final RDB snapshot before exiting.');
    if (!saveToStorage(engine)) {
      if (flags.force) {
        engine.log('#', 'Error trying to save the DB. Exit anyway.');
      } else {
        engine.log('#', "Error trying to save the DB, can't exit.");
        engine.log('#', 'Errors trying to shut down the server. Check the logs for more information.');
        // cancelShutdown: a signal's request is forgotten too.
        engine.shutdownAsap = false;
        return false;
      }
    }
  }
  engine.log('#', 'Redis is now ready to exit, bye bye...');
  engine.onShutdown?.();
  return true;
}

function shutdownCommand(c: Client, argv: string[]): Reply | null {
  const flags: ShutdownFlags = { ...NO_FLAGS };
  let abort = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (isOpt(a, 'nosave')) flags.nosave = true;
    else if (isOpt(a, 'save')) flags.save = true;
    else if (isOpt(a, 'now')) flags.now = true;
    else if (isOpt(a, 'force')) flags.force = true;
    else if (isOpt(a, 'abort')) abort = true;
    else return SYNTAX_R;
  }
  const any = flags.save || flags.nosave || flags.now || flags.force;
  if ((abort && any) || (flags.nosave && flags.save)) return SYNTAX_R;
  const engine = c.engine;
  if (abort) {
    // abortShutdown: only a signal's request can still be pending here.
    if (!engine.shutdownAsap) return NO_SHUTDOWN_R;
    engine.shutdownAsap = false;
    engine.log('*', 'Shutdown manually aborted.');
    return OK;
  }
  // Past busy-reply-threshold only SHUTDOWN NOSAVE may stop the server.
  const run = engine.scriptRun;
  if (!flags.nosave && run !== null && run.timedOut) return error(busyError(run));
  if (engine.onShutdown === undefined) return NOT_AVAILABLE_R;
  // Redis exits without replying: the connection just closes.
  return prepareForShutdown(engine, flags) ? null : SHUTDOWN_FAILED_R;
}

const command = commandGroup('server');

// One line a command, so the table reads as a table.
// prettier-ignore
export const shutdownCommands: CommandSpec[] = [
  command('shutdown', -1, 'admin noscript loading stale no_multi allow_busy', [], shutdownCommand, { since: '1.0.0', complexity: 'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)', summary: 'Stop the server, saving the data first unless told not to', syntax: '[NOSAVE|SAVE] [NOW] [FORCE] [ABORT]' }),
];
