// Users from outside the server (acl.c): the `user` directives of the configuration
// (ACLAppendUserForLoading, ACLLoadConfiguredUsers), the aclfile (ACLLoadFromFile, ACLSaveToFile)
// and which of them a server starts with (ACLLoadUsersAtStartup). Late, as acl.ts is. The host
// reads and writes the file (EngineOptions.aclFile): this module only turns bytes into users and
// users into bytes.

import { hasSpaces, mergeSelectorArgs, type Acl, type User } from './acl.js';
import type { Client } from './client.js';
import type { Engine } from './engine.js';
import { bytesFromLatin1, latin1FromBytes } from './rdb-encodings.js';
import { cString } from '../shared/args.js';
import { ACL_DUPLICATE_DIRECTIVE, ACL_RULE_ERRORS, aclFileErrors as FE, type AclRuleErrno } from '../shared/acl-errors.js';

/** fgets' buffer in ACLLoadFromFile: a longer line is read in pieces of 1023 bytes. */
const FGETS_PIECE = 1023;
/** What snprintf and serverLog keep of a message (a 1024-byte buffer). */
const MESSAGE_MAX = 1023;

const MIXED_SOURCES =
  'Configuring Redis with users defined in redis.conf and at the same setting an ACL file path is invalid. This setup is very likely to lead to configuration errors and security holes, please define either an ACL file or declare users directly in your redis.conf, but not both.';

/** The aclfile parameter when the host can read and write it, else null (ACL LOAD and SAVE refuse). */
export function aclFilePath(engine: Engine): string | null {
  const path = engine.config.get('aclfile') ?? '';
  return path !== '' && engine.aclFile !== null ? path : null;
}

/**
 * ACLAppendUserForLoading: a `user <name> <rules…>` directive (`argv`, `user` first) checked as
 * the configuration is read, on a user of no consequence. A rule naming an unknown command
 * passes here and fails at load (modules may add commands in between); any other bad rule is the
 * line's error. Returns the name and merged rules to load, or the error redis-server prints.
 */
export function checkUserDirective(acl: Acl, argv: readonly string[], declared: readonly (readonly string[])[]): { user: string[] } | { error: string } {
  const name = argv[1]!;
  // Redis reports argv[index] with the index of a rule among the rules alone: two words early.
  const fail = (index: number, text: string) => ({ error: `Error in user declaration '${cString(argv[index] ?? '')}': ${text}`.slice(0, MESSAGE_MAX) });
  if (declared.some((d) => d[0] === name)) return fail(1, ACL_DUPLICATE_DIRECTIVE);
  const merged = mergeSelectorArgs(argv.slice(2));
  // No errno is set for this one: 7.0.15 reports what startup left there, ENOENT's text.
  if (!Array.isArray(merged)) return fail(merged.unmatched, ACL_RULE_ERRORS.ENOENT);
  const fake = acl.unlinkedUser(name);
  for (let j = 0; j < merged.length; j++) {
    const errno = acl.tryRule(fake, merged[j]!);
    if (errno !== null && errno !== 'ENOENT') return fail(j, ACL_RULE_ERRORS[errno]);
  }
  return { user: [name, ...merged] };
}

/**
 * ACLLoadConfiguredUsers: the checked directives become users, in order (`user default` resets
 * the default user first). False, having logged why, at the first that cannot.
 */
function loadConfiguredUsers(engine: Engine, users: readonly (readonly string[])[]): boolean {
  const acl = engine.lateAcl();
  for (const [name, ...rules] of users) {
    if (name === undefined) continue;
    if (hasSpaces(name)) {
      engine.log('#', 'Spaces not allowed in ACL usernames');
      return false;
    }
    let u = acl.users.get(name);
    if (u === undefined) u = acl.createUser(name);
    else acl.tryRule(u, 'reset');
    for (const rule of rules) {
      const errno = acl.tryRule(u, rule);
      if (errno !== null) {
        engine.log('#', `Error loading ACL rule '${cString(rule)}' for the user named '${cString(name)}': ${ACL_RULE_ERRORS[errno]}`.slice(0, MESSAGE_MAX));
        return false;
      }
    }
    if (!u.enabled) {
      engine.log(
        '*',
        `The user '${cString(name)}' is disabled (there is no 'on' modifier in the user description). Make sure this is not a configuration error.`.slice(
          0,
          MESSAGE_MAX,
        ),
      );
    }
  }
  return true;
}

/**
 * ACLLoadUsersAtStartup: the configured users, then the aclfile's (not both). False, having
 * logged why, when the server must not start.
 */
export function loadUsersAtStartup(engine: Engine, users: readonly (readonly string[])[]): boolean {
  const file = engine.config.get('aclfile') ?? '';
  if (file !== '' && users.length > 0) {
    engine.log('#', MIXED_SOURCES);
    return false;
  }
  if (!loadConfiguredUsers(engine, users)) {
    engine.log('#', 'Critical error while loading ACLs. Exiting.');
    return false;
  }
  if (file === '') return true;
  if (engine.aclFile === null) throw new Error('an aclfile needs a host that gives the engine its files (EngineOptions.aclFile)');
  const errors = loadAclFile(engine, null);
  if (errors === null) return true;
  engine.log('#', `Aborting Redis startup because of ACL errors: ${errors}`.slice(0, MESSAGE_MAX));
  return false;
}

/**
 * The file as ACLLoadFromFile reads it: fgets into a 1024-byte buffer, then strcat, so each
 * piece (a line, or 1023 bytes of a longer one) ends at its first NUL.
 */
function fileText(bytes: Uint8Array): string {
  let out = '';
  let start = 0;
  while (start < bytes.length) {
    let end = start;
    while (end < bytes.length && end - start < FGETS_PIECE) if (bytes[end++] === 10) break;
    let cut = start;
    while (cut < end && bytes[cut] !== 0) cut++;
    out += latin1FromBytes(bytes, start, cut);
    start = end;
  }
  return out;
}

/** sdstrim: `chars` off both ends. */
function trim(s: string, chars: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && chars.includes(s[a]!)) a++;
  while (b > a && chars.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/**
 * ACLLoadFromFile (ACL LOAD, and the aclfile at start): every line `user <name> <rules…>`, words
 * split at each single space (no quoting). The users are built apart and replace the current
 * ones only when no line had an error (acl.replaceUsers); otherwise nothing changes and the
 * result is every complaint in one line, as ACL LOAD's error says it (after "ERR ").
 */
export function loadAclFile(engine: Engine, caller: Client | null): string | null {
  const acl = engine.lateAcl();
  const file = engine.config.get('aclfile') ?? '';
  let bytes: Uint8Array;
  try {
    bytes = engine.aclFile!.load(file);
  } catch (e) {
    return FE.open(file, e instanceof Error ? e.message : String(e));
  }
  const next = new Map<string, User>();
  let errors = '';
  const lines = fileText(bytes).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = trim(lines[i]!, ' \t\r\n');
    if (line === '') continue;
    const n = i + 1;
    const argv = line.split(' ');
    const name = argv[1];
    if (argv[0] !== 'user' || name === undefined) {
      errors += FE.notUser(file, n);
      continue;
    }
    if (hasSpaces(name)) {
      errors += FE.badName(file, n, name);
      continue;
    }
    if (next.has(name)) {
      errors += FE.duplicate(name, n);
      continue;
    }
    const u = acl.unlinkedUser(name);
    next.set(name, u);
    const merged = mergeSelectorArgs(argv.slice(2));
    if (!Array.isArray(merged)) {
      // 7.0.15 goes on to read the rules it merged before the open selector from a null array,
      // and crashes, when there are any: here the line gets its complaint either way.
      errors += FE.unmatched(file, n);
      continue;
    }
    // Every unknown command or category is reported; of other errors only the line's first,
    // as it may be what made the rest fail.
    let reported = false;
    for (const arg of merged) {
      const op = trim(arg, '\t\r\n');
      const errno: AclRuleErrno | null = acl.tryRule(u, op);
      if (errno === 'ENOENT') {
        errors += FE.unknown(file, n, op);
      } else if (errno !== null && !reported) {
        errors += FE.rule(file, n, errno);
        reported = true;
      }
    }
  }
  if (errors !== '') return errors + FE.rolledBack;
  acl.replaceUsers(next, caller);
  return null;
}

/** ACL LIST's lines, which ACL SAVE writes: `user <name> <rules>` in name order. */
export function aclFileLines(acl: Acl): string[] {
  return acl.sortedUsers().map((u) => `user ${u.name} ${acl.describeUser(u)}`);
}

/** ACLSaveToFile: every user, one line each; false, having logged why, when the host could not write it. */
export function saveAclFile(engine: Engine): boolean {
  const text = aclFileLines(engine.lateAcl())
    .map((l) => l + '\n')
    .join('');
  try {
    engine.aclFile!.save(engine.config.get('aclfile') ?? '', bytesFromLatin1(text));
    return true;
  } catch (e) {
    engine.log('#', e instanceof Error ? e.message : String(e));
    return false;
  }
}
