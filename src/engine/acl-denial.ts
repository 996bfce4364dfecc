// What the rest of the engine needs of the ACL before its users and rules (acl.ts, a late part)
// are here: the results of a check and the errors they make. Until acl.ts comes (the browser's
// first moments), only the default user exists, with every permission, and requirepass as its
// password (engine.ts falls back on that).

import type { Command } from './command.js';
import * as E from '../shared/errors.js';

/** What a check found (ACL_OK, ACL_DENIED_*): the numbers order which denial is reported. */
export const ACL_OK = 0;
export const DENIED_CMD = 1;
export const DENIED_KEY = 2;
export const DENIED_AUTH = 3;
export const DENIED_CHANNEL = 4;
export type AclResult = typeof ACL_OK | typeof DENIED_CMD | typeof DENIED_KEY | typeof DENIED_AUTH | typeof DENIED_CHANNEL;

/** Where a denial happened, as ACL LOG names it. */
export type AclContext = 'toplevel' | 'multi' | 'lua';

/** ACLCheckAllUserCommandPerm's answer: the denial and the argument it concerns. */
export interface AclCheck {
  result: AclResult;
  /** The key's or channel's position in argv for DENIED_KEY / DENIED_CHANNEL. */
  pos: number;
}

/** getAclErrorMessage: a script's NOPERM reason. */
export function aclErrorMessage(result: AclResult): string {
  switch (result) {
    case DENIED_CMD:
      return "can't run this command or subcommand";
    case DENIED_KEY:
      return "can't access at least one of the keys mentioned in the command arguments";
    case DENIED_CHANNEL:
      return "can't publish to the channel mentioned in the command";
    default:
      return 'lacking the permissions for the command';
  }
}

/** processCommand's NOPERM reply for a denial. */
export function nopermError(result: AclResult, cmd: Command): string {
  if (result === DENIED_CMD) return E.nopermCommand(cmd.fullName);
  if (result === DENIED_KEY) return E.NOPERM_KEY;
  if (result === DENIED_CHANNEL) return E.NOPERM_CHANNEL;
  return 'ERR no permission';
}

/** execCommand's reason for a queued command the ACL now denies. */
export function execDenialReason(result: AclResult): string {
  switch (result) {
    case DENIED_CMD:
      return 'no permission to execute the command or subcommand';
    case DENIED_KEY:
      return 'no permission to touch the specified keys';
    case DENIED_CHANNEL:
      return 'no permission to access one of the channels used as arguments';
    default:
      return 'no permission';
  }
}
