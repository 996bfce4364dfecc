// The ACL subcommands' work (acl.c aclCommand): a late part (late.ts), as no one needs it before
// the first prompt. The users, rules and checks are acl.ts's; commands/acl.ts declares the command.

import type { Client } from './client.js';
import type { Selector } from './acl.js';
import { aclFileLines, aclFilePath, loadAclFile, saveAclFile } from './acl-file.js';
import { ACL_CATEGORIES } from './command-decl.js';
import { ACL_OK, DENIED_CMD, DENIED_KEY } from './acl-denial.js';
import * as E from '../shared/errors.js';
import { cString, isCSpace } from '../shared/args.js';
import { array, bulk, bulks, double, error, int, map, NIL, OK, set, type Reply } from '../shared/reply.js';
import { formatDouble, parseIntArg } from './numbers.js';
import { NOT_INTEGER_R } from './error-replies.js';
import * as AE from '../shared/acl-errors.js';

/** GENPASS_MAX_BITS */
const GENPASS_MAX_BITS = 4096;

function subcommandSyntax(argv: readonly string[]): Reply {
  return error(E.subcommandSyntax(argv[1]!, argv[0]!));
}

export function aclSetuserCommand(c: Client, argv: string[]): Reply {
  const name = argv[2]!;
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch === 0 || isCSpace(ch)) return error(AE.ACL_USERNAME_SPACES);
  }
  const err = c.engine.lateAcl().setUser(name, argv.slice(3));
  return err === null ? OK : error(err);
}

export function aclDeluserCommand(c: Client, argv: string[]): Reply {
  const acl = c.engine.lateAcl();
  const names = argv.slice(2);
  // strcmp: the name up to a NUL is compared.
  if (names.some((n) => cString(n) === 'default')) return error(AE.ACL_DELETE_DEFAULT);
  let deleted = 0;
  for (const n of names) if (acl.deleteUser(n, c)) deleted++;
  return int(deleted);
}

/** aclAddReplySelectorDescription: commands, keys and channels of one selector. */
function selectorFields(c: Client, s: Selector): [Reply, Reply][] {
  const acl = c.engine.lateAcl();
  return [
    [bulk('commands'), bulk(acl.describeCommandRules(s))],
    [bulk('keys'), bulk(acl.keysField(s))],
    [bulk('channels'), bulk(acl.channelsField(s))],
  ];
}

export function aclGetuserCommand(c: Client, argv: string[]): Reply {
  const u = c.engine.lateAcl().users.get(argv[2]!);
  if (u === undefined) return NIL;
  return map([
    [bulk('flags'), set(u.flagNames().map((f) => bulk(f)))],
    [bulk('passwords'), bulks(u.passwords)],
    ...selectorFields(c, u.root),
    [bulk('selectors'), array(u.selectors.slice(1).map((s) => map(selectorFields(c, s))))],
  ]);
}

export function aclListCommand(c: Client): Reply {
  return bulks(aclFileLines(c.engine.lateAcl()));
}

export function aclUsersCommand(c: Client): Reply {
  return bulks(
    c.engine
      .lateAcl()
      .sortedUsers()
      .map((u) => u.name),
  );
}

export function aclWhoamiCommand(c: Client): Reply {
  return c.user === null ? NIL : bulk(c.user.name);
}

export function aclLoadCommand(c: Client): Reply {
  if (aclFilePath(c.engine) === null) return error(AE.ACL_NO_FILE);
  const errors = loadAclFile(c.engine, c);
  return errors === null ? OK : error(`ERR ${errors}`);
}

export function aclSaveCommand(c: Client): Reply {
  if (aclFilePath(c.engine) === null) return error(AE.ACL_NO_FILE);
  return saveAclFile(c.engine) ? OK : error(AE.ACL_SAVE_FAILED);
}

export function aclCatCommand(c: Client, argv: string[]): Reply {
  if (argv.length === 2) return bulks([...ACL_CATEGORIES]);
  if (argv.length !== 3) return subcommandSyntax(argv);
  const cat = cString(argv[2]!).toLowerCase();
  if (!ACL_CATEGORIES.includes(cat)) return error(AE.aclUnknownCategory(argv[2]!));
  return bulks(
    c.engine
      .lateAcl()
      .categoryCommands(cat)
      .map((cmd) => cmd.fullName),
  );
}

export function aclGenpassCommand(c: Client, argv: string[]): Reply {
  if (argv.length > 3) return subcommandSyntax(argv);
  let bits = 256;
  if (argv.length === 3) {
    const n = parseIntArg(argv[2]!);
    if (n === null) return NOT_INTEGER_R;
    bits = n;
  }
  if (bits <= 0 || bits > GENPASS_MAX_BITS) return error(AE.ACL_GENPASS_BITS);
  const chars = Math.floor((bits + 3) / 4);
  let out = '';
  for (let i = 0; i < chars; i++) out += '0123456789abcdef'[Math.floor(c.engine.random() * 16)]!;
  return bulk(out);
}

const REASONS = ['', 'command', 'key', 'auth', 'channel'] as const;

export function aclLogCommand(c: Client, argv: string[]): Reply {
  if (argv.length > 3) return subcommandSyntax(argv);
  const acl = c.engine.lateAcl();
  let count = 10;
  if (argv.length === 3) {
    if (cString(argv[2]!).toLowerCase() === 'reset') {
      acl.log = [];
      return OK;
    }
    const n = parseIntArg(argv[2]!);
    if (n === null) return NOT_INTEGER_R;
    count = Math.max(0, n);
  }
  const now = c.engine.now;
  return array(
    acl.log.slice(0, count).map((e) => {
      const age = (now - e.ctime) / 1000;
      return map([
        [bulk('count'), int(e.count)],
        [bulk('reason'), bulk(REASONS[e.reason])],
        [bulk('context'), bulk(e.context)],
        [bulk('object'), bulk(e.object)],
        [bulk('username'), bulk(e.username)],
        [bulk('age-seconds'), double(age, formatDouble(age))],
        [bulk('client-info'), bulk(e.clientInfo)],
      ]);
    }),
  );
}

export function aclDryrunCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  const u = engine.lateAcl().users.get(argv[2]!);
  if (u === undefined) return error(AE.aclUserNotFound(argv[2]!));
  const line = argv.slice(3);
  const cmd = engine.lookupCommand(line);
  if (cmd === undefined) return error(AE.aclCommandNotFound(argv[3]!));
  if ((cmd.arity > 0 && cmd.arity !== line.length) || line.length < -cmd.arity) return error(E.wrongArity(cmd.fullName));
  const check = engine.lateAcl().check(u, cmd, line);
  if (check.result === ACL_OK) return OK;
  if (check.result === DENIED_CMD) return bulk(AE.dryrunNoCommand(cmd.fullName));
  if (check.result === DENIED_KEY) return bulk(AE.dryrunNoKey(line[check.pos]!));
  return bulk(AE.dryrunNoChannel(line[check.pos]!));
}
