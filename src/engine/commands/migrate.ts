// MIGRATE's declaration (its work is in ../migrate.ts, one of the engine's late parts: the
// browser's worker holds a MIGRATE until they have come, message-gate.ts). Part of the GENERIC
// group.

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { afterKeyword, commandGroup, key } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { error, type Reply } from '../../shared/reply.js';

function migrateCommand(c: Client, argv: string[]): Reply | null {
  const late = c.engine.late;
  return late === null ? error(E.LATE_PARTS_MISSING) : late.migrate(c, argv);
}

const command = commandGroup('generic', 'keyspace');

// prettier-ignore
export const migrateCommands: CommandSpec[] = [
  command('migrate', -6, 'write', [key(3, 'RW access delete'), afterKeyword('KEYS', -2, 'RW access delete incomplete', -1)], migrateCommand, { since: '2.6.0', complexity: 'A DUMP and a DEL here and a RESTORE on the target for each key, plus sending the values: O(N) in their size', acl: 'dangerous', tips: 'nondeterministic_output', summary: 'Move keys to another Redis server (DUMP here, RESTORE there, then DEL here)', syntax: 'host port key|"" destination-db timeout [COPY] [REPLACE] [[AUTH password]|[AUTH2 username password]] [KEYS key [key ...]]' }),
];
