// The ACL's own error texts (acl.c), apart from errors.ts: only the ACL command and rules use them,
// and those come late in the browser (the NOPERM errors every command may get stay in errors.ts).

import { cPart, noNewlines } from './errors.js';

/** ACLSetUserStringError's texts, by the errno acl.c sets. */
export const ACL_RULE_ERRORS = {
  ENOENT: 'Unknown command or category name in ACL',
  EINVAL: 'Syntax error',
  EEXIST:
    "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns",
  EISDIR:
    "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels",
  ENODEV: 'The password you are trying to remove from the user does not exist',
  EBADMSG: 'The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters',
  ECHILD: 'Allowing first-arg of a subcommand is not supported',
} as const;
export type AclRuleErrno = keyof typeof ACL_RULE_ERRORS;

/** EALREADY's text: a `user` directive naming a user an earlier one declared. */
export const ACL_DUPLICATE_DIRECTIVE = 'Duplicate user found. A user can only be defined once in config files';

/** ACLLoadFromFile's complaints (ACL LOAD's error, after "ERR "), each ending as Redis ends it. */
export const aclFileErrors = {
  open: (file: string, why: string) => `Error loading ACLs, opening file '${file}': ${why}`,
  notUser: (file: string, line: number) => `${file}:${line} should start with user keyword followed by the username. `,
  // The stray quote first is Redis's.
  badName: (file: string, line: number, name: string) => `'${file}:${line}: username '${name}' contains invalid characters. `,
  duplicate: (name: string, line: number) => `WARNING: Duplicate user '${name}' found on line ${line}. `,
  unmatched: (file: string, line: number) => `${file}:${line}: Unmatched parenthesis in selector definition.`,
  unknown: (file: string, line: number, op: string) => `${file}:${line}: Error in applying operation '${op}': ${ACL_RULE_ERRORS.ENOENT}. `,
  rule: (file: string, line: number, errno: AclRuleErrno) => `${file}:${line}: ${ACL_RULE_ERRORS[errno]}. `,
  rolledBack: 'WARNING: ACL errors detected, no change to the previously active ACL rules was performed',
};

export function aclSetuserModifier(op: string, errno: AclRuleErrno): string {
  return noNewlines(`ERR Error in ACL SETUSER modifier '${cPart(op)}': ${ACL_RULE_ERRORS[errno]}`);
}

export function aclUnmatchedParenthesis(op: string): string {
  return noNewlines(`ERR Unmatched parenthesis in acl selector starting at '${cPart(op)}'.`);
}

export const ACL_USERNAME_SPACES = "ERR Usernames can't contain spaces or null characters";
export const ACL_DELETE_DEFAULT = "ERR The 'default' user cannot be removed";
export const ACL_NO_FILE =
  'ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.';
export const ACL_SAVE_FAILED = 'ERR There was an error trying to save the ACLs. Please check the server logs for more information';
export const ACL_GENPASS_BITS = 'ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to 4096';

export function aclUnknownCategory(name: string): string {
  // %.128s: at most 128 bytes of the name.
  return noNewlines(`ERR Unknown category '${cPart(name).slice(0, 128)}'`);
}

export function aclUserNotFound(name: string): string {
  return noNewlines(`ERR User '${cPart(name)}' not found`);
}

export function aclCommandNotFound(name: string): string {
  return noNewlines(`ERR Command '${cPart(name)}' not found`);
}

/** ACL DRYRUN's answers (bulk strings, not errors). */
export function dryrunNoCommand(fullName: string): string {
  return `This user has no permissions to run the '${fullName}' command`;
}
export function dryrunNoKey(key: string): string {
  return `This user has no permissions to access the '${cPart(key)}' key`;
}
export function dryrunNoChannel(channel: string): string {
  return `This user has no permissions to access the '${cPart(channel)}' channel`;
}

/** SORT's BY and GET patterns need a user who may read any key. */
export const SORT_BY_ACL = 'ERR BY option of SORT denied due to insufficient ACL permissions.';
export const SORT_GET_ACL = 'ERR GET option of SORT denied due to insufficient ACL permissions.';
