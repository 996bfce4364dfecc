// The text every container command's HELP subcommand answers with.

import { array, simple, type Reply } from '../shared/reply.js';

/** Redis's addReplyHelp: a header naming the command, the lines, then HELP. */
export function helpReply(commandName: string, lines: readonly string[]): Reply {
  const out: Reply[] = [simple(`${commandName.toUpperCase()} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`)];
  for (const l of lines) out.push(simple(l));
  out.push(simple('HELP'), simple('    Prints this help.'));
  return array(out);
}
