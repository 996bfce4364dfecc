// DEBUG's declaration (its subcommands are in ../debug.ts, one of the engine's late parts).

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { error, type Reply } from '../../shared/reply.js';

function debugCommand(c: Client, argv: string[]): Reply {
  const late = c.engine.late;
  return late === null ? error(E.LATE_PARTS_MISSING) : late.debug(c, argv);
}

const command = commandGroup('server');

// prettier-ignore
export const debugCommands: CommandSpec[] = [
  command('debug', -2, 'admin noscript loading stale', [], debugCommand, { since: '1.0.0', complexity: 'Depends on the subcommand', protectedBy: 'enable-debug-command', summary: 'Internal debugging commands: dataset digests, object details, reloads, pauses (allowed by enable-debug-command)' }),
];
