// SORT and SORT_RO's declarations: their work (../sort.ts) is one of the engine's late parts,
// which the browser's worker holds them for (message-gate.ts). Part of the GENERIC group.

import type { CommandSpec } from '../command.js';
import { commandGroup, key, lateHandler, unknownKeys } from '../command-decl.js';

// ---- the table -----------------------------------------------------------------------------

const command = commandGroup('generic');

// One line a command, so the table reads as a table.
// prettier-ignore
export const sortCommands: CommandSpec[] = [
  command('sort', -2, 'write denyoom', [key(1, 'RO access'), unknownKeys('RO access', "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort"), unknownKeys('OW update', "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array")], lateHandler('sort'), { since: '1.0.0', complexity: 'O(N+M*log(M)): N elements to look at, M elements returned', acl: 'set sortedset list dangerous', summary: 'Sort a list, set or sorted set (by value, by other keys, as text), optionally fetching other keys and storing the result', syntax: 'key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA] [STORE destination]' }),
  command('sort_ro', -2, 'readonly', [key(1, 'RO access'), unknownKeys('RO access', "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort")], lateHandler('sort_ro'), { since: '7.0.0', complexity: 'O(N+M*log(M)): N elements to look at, M elements returned', acl: 'set sortedset list dangerous', summary: 'Read-only SORT: the same options except STORE', syntax: 'key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA]' }),
];
