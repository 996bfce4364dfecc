// The text every container command's HELP subcommand answers with.

import type { Client } from './client.js';
import { LATE_PARTS_MISSING } from '../shared/errors.js';
import { array, error, simple, type Reply } from '../shared/reply.js';

/** Redis's addReplyHelp: a header naming the command, `parent`'s lines (help-lines.ts), then HELP. */
export function helpReply(c: Client, argv: readonly string[], parent: string): Reply {
  const lines = c.engine.late?.helpLines[parent];
  if (lines === undefined) return error(LATE_PARTS_MISSING);
  const out: Reply[] = [simple(`${argv[0]!.toUpperCase()} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`)];
  for (const l of lines) out.push(simple(l));
  out.push(simple('HELP'), simple('    Prints this help.'));
  return array(out);
}
