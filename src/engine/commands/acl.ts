// The ACL command (acl.c) and its subcommands, declared here; their work is a late part
// (acl-commands.ts, through late.ts), the users, rules and checks are engine/acl.ts's.

import type { CommandSpec } from '../command.js';
import { commandGroup, lateHandler } from '../command-decl.js';

const command = commandGroup('server');

// prettier-ignore
export const aclCommands: CommandSpec[] = [
  command.container('acl', -2, { since: '6.0.0', complexity: 'Depends on subcommand.', summary: 'Manage the users, their passwords and permissions, and the log of denials' }, [
    command('cat', -2, 'noscript loading stale', [], lateHandler('acl|cat'), { since: '6.0.0', complexity: 'O(1) since the categories and commands are a fixed set.', summary: 'List the ACL categories, or the commands of one category', syntax: '[categoryname]' }),
    command('deluser', -3, 'admin noscript loading stale', [], lateHandler('acl|deluser'), { since: '6.0.0', complexity: 'O(1) amortized time considering the typical user.', summary: 'Delete users, closing the connections logged in as them', syntax: 'username [username ...]' }),
    command('dryrun', -4, 'admin noscript loading stale', [], lateHandler('acl|dryrun'), { since: '7.0.0', complexity: 'O(1).', summary: 'Tell whether a user could run a command line, without running it', syntax: 'username command [arg [arg ...]]' }),
    command('genpass', -2, 'noscript loading stale', [], lateHandler('acl|genpass'), { since: '6.0.0', complexity: 'O(1)', summary: 'Make a random password (256 bits unless told otherwise)', syntax: '[bits]' }),
    command('getuser', 3, 'admin noscript loading stale', [], lateHandler('acl|getuser'), { since: '6.0.0', complexity: 'O(N). Where N is the number of password, command and pattern rules that the user has.', summary: "Show a user's flags, password hashes, commands, keys, channels and selectors", syntax: 'username' }),
    command.help('acl', '6.0.0'),
    command('list', 2, 'admin noscript loading stale', [], lateHandler('acl|list'), { since: '6.0.0', complexity: 'O(N). Where N is the number of configured users.', summary: 'Show every user as the rules that would make it' }),
    command('load', 2, 'admin noscript loading stale', [], lateHandler('acl|load'), { since: '6.0.0', complexity: 'O(N). Where N is the number of configured users.', summary: 'Reload the users from the ACL file' }),
    command('log', -2, 'admin noscript loading stale', [], lateHandler('acl|log'), { since: '6.0.0', complexity: 'O(N) with N being the number of entries shown.', summary: 'Show the latest denied commands and failed logins, or clear them', syntax: '[count|RESET]' }),
    command('save', 2, 'admin noscript loading stale', [], lateHandler('acl|save'), { since: '6.0.0', complexity: 'O(N). Where N is the number of configured users.', summary: 'Write the users to the ACL file' }),
    command('setuser', -3, 'admin noscript loading stale', [], lateHandler('acl|setuser'), { since: '6.0.0', complexity: 'O(N). Where N is the number of rules provided.', summary: 'Create a user or change its rules', syntax: 'username [rule [rule ...]]' }),
    command('users', 2, 'admin noscript loading stale', [], lateHandler('acl|users'), { since: '6.0.0', complexity: 'O(N). Where N is the number of configured users.', summary: 'List the user names' }),
    command('whoami', 2, 'noscript loading stale', [], lateHandler('acl|whoami'), { since: '6.0.0', complexity: 'O(1)', summary: 'Name the user this connection runs as' }),
  ]),
];
