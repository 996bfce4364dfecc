// SHUTDOWN (Redis's db.c shutdownCommand, server.c prepareForShutdown). Only a host that can
// stop sets engine.onShutdown (the TCP server); in the browser playground the command answers
// with an error of our own. The final save goes through the engine's storage, like SAVE; it
// is done before the host is told, which receives whether a save was wanted. Shutting down is
// immediate here (no replicas to wait for), so ABORT never finds one running.

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { saveToStorage } from '../persistence.js';
import { error, type Reply } from '../../shared/reply.js';
import { isOpt } from '../../shared/args.js';
import { SYNTAX_R } from '../error-replies.js';

const NO_SHUTDOWN_R = error(E.NO_SHUTDOWN_IN_PROGRESS);
const NOT_AVAILABLE_R = error(E.SHUTDOWN_NOT_AVAILABLE);
const SHUTDOWN_FAILED_R = error(E.SHUTDOWN_FAILED);

function shutdownCommand(c: Client, argv: string[]): Reply | null {
  let nosave = false;
  let save = false;
  let now = false;
  let force = false;
  let abort = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (isOpt(a, 'nosave')) nosave = true;
    else if (isOpt(a, 'save')) save = true;
    else if (isOpt(a, 'now')) now = true;
    else if (isOpt(a, 'force')) force = true;
    else if (isOpt(a, 'abort')) abort = true;
    else return SYNTAX_R;
  }
  if ((abort && (nosave || save || now || force)) || (nosave && save)) return SYNTAX_R;
  if (abort) return NO_SHUTDOWN_R;
  const engine = c.engine;
  if (engine.onShutdown === undefined) return NOT_AVAILABLE_R;
  // prepareForShutdown: without SAVE or NOSAVE, Redis saves when save points are configured.
  // A failed save stops the shutdown unless FORCE.
  const wantSave = save || (!nosave && engine.config.saveParams.length > 0);
  if (wantSave && !saveToStorage(engine) && !force) return SHUTDOWN_FAILED_R;
  engine.onShutdown(wantSave);
  // Redis exits without replying: the connection just closes.
  return null;
}

const command = commandGroup('server');

export const shutdownCommands: CommandSpec[] = [
  command('shutdown', -1, 'admin noscript loading stale no_multi allow_busy', [], shutdownCommand, { since: '1.0.0', complexity: 'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)', summary: 'Stop the server, saving the data first unless told not to', syntax: '[NOSAVE|SAVE] [NOW] [FORCE] [ABORT]' }),
];
