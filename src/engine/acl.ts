// Redis 7.0's ACL (acl.c): users, their rules as ACL SETUSER takes them, the permission check
// processCommand, EXEC and scripts make before a command runs, and the ACL LOG. One `Acl` per
// engine holds all of it; a client points at its user (null: the AOF's and scripts' internal
// clients, which Redis lets run anything).

import { cString, isCSpace } from '../shared/args.js';
import { globMatch } from '../shared/glob.js';
import { timeIndependentEqual } from '../shared/constant-time.js';
import type { Client } from './client.js';
import type { Command } from './command.js';
import type { Engine } from './engine.js';
import { commandHasKeys, commandKeys, type KeyRef } from './getkeys.js';
import { clientType, CLIENT_TYPE_PUBSUB } from './output-buffer.js';
import { sha256Hex } from './sha256.js';
import { clientInfoLine } from './commands/connection.js';
import { ACL_OK, DENIED_AUTH, DENIED_CHANNEL, DENIED_CMD, DENIED_KEY, type AclCheck, type AclContext, type AclResult } from './acl-denial.js';
import * as AE from '../shared/acl-errors.js';
import { ACL_CATEGORIES } from './command-decl.js';

// User flags (USER_FLAG_*), and the order ACL LIST and GETUSER name them in.
const USER_ENABLED = 1;
const USER_DISABLED = 2;
const USER_NOPASS = 4;
const USER_SANITIZE = 8;
const USER_SKIP_SANITIZE = 16;
const USER_FLAG_NAMES: readonly (readonly [string, number])[] = [
  ['on', USER_ENABLED],
  ['off', USER_DISABLED],
  ['nopass', USER_NOPASS],
  ['skip-sanitize-payload', USER_SKIP_SANITIZE],
  ['sanitize-payload', USER_SANITIZE],
];

// Key pattern permissions (ACL_READ_PERMISSION, ACL_WRITE_PERMISSION).
const KEY_READ = 1;
const KEY_WRITE = 2;
const KEY_ALL = KEY_READ | KEY_WRITE;

/** ACL_LOG_GROUPING_MAX_TIME_DELTA: a denial this close to a like one bumps its count. */
const LOG_GROUPING_MS = 60000;

interface KeyPattern {
  pattern: string;
  flags: number;
}

/**
 * One set of permissions: the user's root one (the rules outside parentheses) or a selector.
 * Commands are kept as the set of full names allowed, Redis's bitmap by command id.
 */
export class Selector {
  allKeys = false;
  allChannels = false;
  /** SELECTOR_FLAG_ALLCOMMANDS: every command, so no bit needs testing. */
  allCommands = false;
  /** The reserved bit only +@all sets: the description starts from +@all rather than -@all. */
  future = false;
  readonly allowed = new Set<string>();
  /** Allowed first arguments of otherwise denied commands (+select|0), by full name. */
  firstArgs: Map<string, string[]> | null = null;
  keys: KeyPattern[] = [];
  channels: string[] = [];

  constructor(readonly root: boolean) {}

  copy(): Selector {
    const s = new Selector(this.root);
    s.allKeys = this.allKeys;
    s.allChannels = this.allChannels;
    s.allCommands = this.allCommands;
    s.future = this.future;
    for (const n of this.allowed) s.allowed.add(n);
    if (this.firstArgs !== null) s.firstArgs = new Map([...this.firstArgs].map(([k, v]) => [k, v.slice()]));
    s.keys = this.keys.map((k) => ({ ...k }));
    s.channels = this.channels.slice();
    return s;
  }
}

export class User {
  flags = USER_DISABLED;
  /** SHA-256 hex of each password, in the order they were added. */
  passwords: string[] = [];
  /** The root selector first, then the ones in parentheses. */
  selectors: Selector[];
  /** ACLDescribeUser's cached text; any change clears it. */
  described: string | null = null;

  constructor(
    readonly name: string,
    root: Selector,
  ) {
    this.selectors = [root];
  }

  get root(): Selector {
    return this.selectors[0]!;
  }

  get enabled(): boolean {
    return (this.flags & USER_ENABLED) !== 0;
  }

  get nopass(): boolean {
    return (this.flags & USER_NOPASS) !== 0;
  }

  /** The flag words ACL GETUSER lists. */
  flagNames(): string[] {
    return USER_FLAG_NAMES.filter(([, f]) => (this.flags & f) !== 0).map(([n]) => n);
  }
}

export interface AclLogEntry {
  count: number;
  reason: AclResult;
  context: AclContext;
  object: string;
  username: string;
  /** Engine ms of the last denial counted. */
  ctime: number;
  clientInfo: string;
}

/** Commands that name channels (db.c commands_with_channels): first arg, how many (-1: all), pattern. */
const CHANNEL_COMMANDS: Readonly<Record<string, { count: number; pattern: boolean }>> = {
  subscribe: { count: -1, pattern: false },
  ssubscribe: { count: -1, pattern: false },
  psubscribe: { count: -1, pattern: true },
  publish: { count: 1, pattern: false },
  spublish: { count: 1, pattern: false },
};

/** ACLStringHasSpaces: a space or a NUL, which a pattern or user name may not hold. */
export function hasSpaces(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0 || isCSpace(ch)) return true;
  }
  return false;
}

/** ACLCheckPasswordHash: 64 lowercase hex digits. */
function isPasswordHash(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s);
}

/** A rule that failed, with the errno acl.c sets for it. */
class RuleError extends Error {
  constructor(readonly errno: AE.AclRuleErrno) {
    super(errno);
  }
}

/** sdssplitargs: words, "double quoted" with escapes or 'single quoted'; null when unbalanced. */
export function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  const hex = (c: string) => /^[0-9a-fA-F]$/.test(c);
  for (;;) {
    while (i < n && isCSpace(line.charCodeAt(i))) i++;
    if (i >= n) return out;
    let cur = '';
    let inq = false;
    let insq = false;
    for (;;) {
      const c = line[i];
      if (inq) {
        if (c === undefined) return null;
        if (c === '\\' && line[i + 1] === 'x' && hex(line[i + 2] ?? '') && hex(line[i + 3] ?? '')) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (c === '\\' && i + 1 < n) {
          i++;
          const e = line[i]!;
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === '"') {
          // A closing quote must be followed by a space or the end.
          if (i + 1 < n && !isCSpace(line.charCodeAt(i + 1))) return null;
          i++;
          break;
        } else {
          cur += c;
        }
      } else if (insq) {
        if (c === undefined) return null;
        if (c === '\\' && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (c === "'") {
          if (i + 1 < n && !isCSpace(line.charCodeAt(i + 1))) return null;
          i++;
          break;
        } else {
          cur += c;
        }
      } else if (c === undefined || c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\0') {
        break;
      } else if (c === '"') {
        inq = true;
      } else if (c === "'") {
        insq = true;
      } else {
        cur += c;
      }
      i++;
    }
    out.push(cur);
  }
}

/**
 * ACLMergeSelectorArguments: a selector given over several arguments ("(+get", "~k)") becomes
 * one; when one never closes, the index of the argument where it starts.
 */
export function mergeSelectorArgs(args: readonly string[]): string[] | { unmatched: number } {
  const out: string[] = [];
  let open: string | null = null;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const op = args[i]!;
    if (op.startsWith('(') && !op.endsWith(')')) {
      open = op;
      start = i;
      continue;
    }
    if (open !== null) {
      // sdscatfmt's %s: the argument up to a NUL.
      open += ' ' + cString(op);
      if (op.endsWith(')')) {
        out.push(open);
        open = null;
      }
      continue;
    }
    out.push(op);
  }
  return open !== null ? { unmatched: start } : out;
}

/** The users, their rules and the ACL LOG of one engine. */
export class Acl {
  readonly users = new Map<string, User>();
  readonly defaultUser: User;
  /** Newest first. */
  log: AclLogEntry[] = [];
  /** Every command and subcommand in table order (a parent before its subcommands). */
  private everyCommand: Command[] | null = null;
  private byCategory: Map<string, Command[]> | null = null;

  constructor(private readonly engine: Engine) {
    // ACLCreateDefaultUser, then requirepass as the config gave it.
    this.defaultUser = this.newDefaultUser();
    this.users.set('default', this.defaultUser);
    this.updateDefaultPassword(engine.config.requirepass);
  }

  // ---- the command table, as ACL rules see it --------------------------------------------

  private commandList(): Command[] {
    if (this.everyCommand === null) {
      const all: Command[] = [];
      for (const cmd of this.engine.commands.values()) {
        all.push(cmd);
        if (cmd.subs !== undefined) for (const sub of cmd.subs.values()) all.push(sub);
      }
      this.everyCommand = all;
    }
    return this.everyCommand;
  }

  /** The commands and subcommands of a category, in table order (ACL CAT's reply). */
  categoryCommands(category: string): Command[] {
    if (this.byCategory === null) {
      const m = new Map<string, Command[]>(ACL_CATEGORIES.map((c) => [c, []]));
      for (const cmd of this.commandList()) for (const a of cmd.acl) m.get(a)?.push(cmd);
      this.byCategory = m;
    }
    return this.byCategory.get(category) ?? [];
  }

  /** ACLLookupCommand: 'get' or 'config|get', case-insensitive; at most one '|'. */
  lookupCommand(name: string): Command | undefined {
    const parts = name.split('|');
    if (parts.length > 2) return undefined;
    const base = this.engine.commands.get(parts[0]!.toLowerCase());
    if (parts.length === 1 || base === undefined) return base;
    return base.subs?.get(parts[1]!.toLowerCase());
  }

  // ---- users ---------------------------------------------------------------------------------

  private newSelector(root: boolean): Selector {
    const s = new Selector(root);
    // acl-pubsub-default: what a new selector may do with channels.
    if (this.engine.config.get('acl-pubsub-default') === 'allchannels') s.allChannels = true;
    return s;
  }

  /** ACLCreateUser: a new user (off, nothing allowed) in the users map. */
  createUser(name: string): User {
    const u = this.unlinkedUser(name);
    this.users.set(name, u);
    return u;
  }

  /** ACLCreateUnlinkedUser: a new user (off, nothing allowed) outside the users map. */
  unlinkedUser(name: string): User {
    return new User(name, this.newSelector(true));
  }

  /** ACLCreateDefaultUser's rules, on a user outside the users map. */
  private newDefaultUser(): User {
    const u = this.unlinkedUser('default');
    for (const op of ['+@all', '~*', '&*', 'on', 'nopass']) this.applyRule(u, op);
    return u;
  }

  /** ACLSetUser of one rule: null when it applied, else the errno acl.c sets. */
  tryRule(u: User, op: string): AE.AclRuleErrno | null {
    try {
      this.applyRule(u, op);
      return null;
    } catch (e) {
      if (e instanceof RuleError) return e.errno;
      throw e;
    }
  }

  /** The users in name order, as Redis's radix tree walks them (ACL LIST, ACL SAVE). */
  sortedUsers(): User[] {
    return [...this.users.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * ACL LOAD's success (ACLLoadFromFile): the users become `next`'s. The default user's object
   * stays (clients point at it) and takes the new default's rules, or a fresh default's when
   * there is none. Every other user is dropped, changed or not, and its connections closed, as
   * 7.0 frees the whole old set.
   */
  replaceUsers(next: ReadonlyMap<string, User>, caller: Client | null): void {
    copyUser(this.defaultUser, next.get('default') ?? this.newDefaultUser());
    const old = [...this.users.values()].filter((u) => u !== this.defaultUser);
    this.users.clear();
    this.users.set('default', this.defaultUser);
    for (const [name, u] of next) if (name !== 'default') this.users.set(name, u);
    for (const u of old) this.logOutClients(u, caller);
  }

  /** ACLUpdateDefaultUserPassword: what CONFIG SET requirepass does to the default user. */
  updateDefaultPassword(password: string): void {
    const u = this.defaultUser;
    this.applyRule(u, 'resetpass');
    this.applyRule(u, password === '' ? 'nopass' : '>' + password);
  }

  /** authRequired: whether a client that has not logged in may only run no_auth commands. */
  authRequired(c: Client): boolean {
    const d = this.defaultUser;
    return (!d.nopass || (d.flags & USER_DISABLED) !== 0) && !c.authenticated;
  }

  /** clientSetDefaultAuth: a new or RESET connection is the default user, logged in if it needs no password. */
  setDefaultAuth(c: Client): void {
    const d = this.defaultUser;
    c.user = d;
    c.authenticated = d.nopass && (d.flags & USER_DISABLED) === 0;
  }

  /** ACLCheckUserCredentials: the user when the pair is valid, else null. */
  private checkCredentials(username: string, password: string): User | null {
    const u = this.users.get(username);
    if (u === undefined || (u.flags & USER_DISABLED) !== 0) return null;
    if (u.nopass) return u;
    const hashed = sha256Hex(password);
    // Every stored hash is looked at, matched or not: the time tells nothing.
    let ok = false;
    for (const p of u.passwords) if (timeIndependentEqual(hashed, p)) ok = true;
    return ok ? u : null;
  }

  /**
   * ACLAuthenticateUser: logs the client in as `username`, or logs the failure (its object is
   * the command as typed: AUTH, HELLO) and leaves the client as it was.
   */
  authenticate(c: Client, username: string, password: string, argv: readonly string[]): boolean {
    const u = this.checkCredentials(username, password);
    if (u !== null) {
      c.authenticated = true;
      c.user = u;
      return true;
    }
    this.addLog(c, DENIED_AUTH, c.multi !== null ? 'multi' : 'toplevel', argv[0]!, argv, username);
    return false;
  }

  /**
   * ACLStringSetUser: applies every rule to a copy of the user (a new one if it does not exist),
   * and only when all are valid to the user itself. Returns the error text, or null.
   */
  setUser(name: string, rules: readonly string[]): string | null {
    const merged = mergeSelectorArgs(rules);
    if (!Array.isArray(merged)) return AE.aclUnmatchedParenthesis(rules[merged.unmatched]!);
    const existing = this.users.get(name);
    const temp = new User(name, this.newSelector(true));
    if (existing !== undefined) copyUser(temp, existing);
    for (const op of merged) {
      try {
        this.applyRule(temp, op);
      } catch (e) {
        if (e instanceof RuleError) return AE.aclSetuserModifier(op, e.errno);
        throw e;
      }
    }
    if (existing !== undefined) this.killPubsubClientsIfNeeded(temp, existing);
    const u = existing ?? this.createUser(name);
    copyUser(u, temp);
    return null;
  }

  /** ACL DELUSER of one user: its connections are logged out and closed, as Redis frees them. */
  deleteUser(name: string, caller: Client): boolean {
    const u = this.users.get(name);
    if (u === undefined) return false;
    this.users.delete(name);
    this.logOutClients(u, caller);
    return true;
  }

  /** ACLFreeUserAndKillClients: the user's connections become the default user's, not logged in, and close. */
  private logOutClients(u: User, caller: Client | null): void {
    for (const cl of [...this.engine.clients.values()]) {
      if (cl.user !== u) continue;
      cl.user = this.defaultUser;
      cl.authenticated = false;
      this.closeClient(cl, caller);
    }
  }

  /** The caller goes once its reply is written; any other connection at once. */
  private closeClient(cl: Client, caller: Client | null): void {
    if (cl === caller) {
      cl.closeAfterReply = true;
    } else {
      cl.onKill();
      this.engine.closeClient(cl);
    }
  }

  /**
   * ACLKillPubsubClientsIfNeeded: when the user's channels shrink, its subscribed connections
   * whose channels or patterns the new rules no longer allow are closed.
   */
  private killPubsubClientsIfNeeded(next: User, original: User): void {
    if (next.selectors.some((s) => s.allChannels)) return;
    const upcoming: string[] = [];
    for (const s of next.selectors) upcoming.push(...s.channels);
    let superset = true;
    for (const s of original.selectors) {
      if (s.allChannels || s.channels.some((ch) => !upcoming.includes(ch))) {
        superset = false;
        break;
      }
    }
    if (superset) return;
    const caller = this.engine.currentClient;
    for (const cl of [...this.engine.clients.values()]) {
      const subs = cl.pubsub;
      if (cl.user !== original || subs === null || clientType(cl) !== CLIENT_TYPE_PUBSUB) continue;
      let kill = false;
      for (const p of subs.patterns) if (!kill && !channelAllowed(upcoming, p, true)) kill = true;
      for (const ch of subs.channels) if (!kill && !channelAllowed(upcoming, ch, false)) kill = true;
      for (const ch of subs.shard) if (!kill && !channelAllowed(upcoming, ch, false)) kill = true;
      if (kill) this.closeClient(cl, caller ?? cl);
    }
  }

  /** ACLSetUser: one rule for the user; throws a RuleError. */
  private applyRule(u: User, op: string): void {
    u.described = null;
    if (op.length === 0) return;
    const word = cString(op).toLowerCase();
    const first = op[0];
    if (word === 'on') {
      u.flags = (u.flags | USER_ENABLED) & ~USER_DISABLED;
    } else if (word === 'off') {
      u.flags = (u.flags | USER_DISABLED) & ~USER_ENABLED;
    } else if (word === 'skip-sanitize-payload') {
      u.flags = (u.flags | USER_SKIP_SANITIZE) & ~USER_SANITIZE;
    } else if (word === 'sanitize-payload') {
      u.flags = (u.flags | USER_SANITIZE) & ~USER_SKIP_SANITIZE;
    } else if (word === 'nopass') {
      u.flags |= USER_NOPASS;
      u.passwords = [];
    } else if (word === 'resetpass') {
      u.flags &= ~USER_NOPASS;
      u.passwords = [];
    } else if (first === '>' || first === '#') {
      const rest = op.slice(1);
      if (first === '#' && !isPasswordHash(rest)) throw new RuleError('EBADMSG');
      const hash = first === '>' ? sha256Hex(rest) : rest;
      if (!u.passwords.includes(hash)) u.passwords.push(hash);
      u.flags &= ~USER_NOPASS;
    } else if (first === '<' || first === '!') {
      const rest = op.slice(1);
      if (first === '!' && !isPasswordHash(rest)) throw new RuleError('EBADMSG');
      const hash = first === '<' ? sha256Hex(rest) : rest;
      const i = u.passwords.indexOf(hash);
      if (i < 0) throw new RuleError('ENODEV');
      u.passwords.splice(i, 1);
    } else if (first === '(' && op.endsWith(')')) {
      const s = this.newSelector(false);
      for (const inner of splitArgs(op.slice(1, -1)) ?? []) this.applySelectorRule(s, inner);
      u.selectors.push(s);
    } else if (word === 'clearselectors') {
      u.selectors.length = 1;
    } else if (word === 'reset') {
      for (const r of ['resetpass', 'resetkeys', 'resetchannels']) this.applyRule(u, r);
      if (this.engine.config.get('acl-pubsub-default') === 'allchannels') this.applyRule(u, 'allchannels');
      for (const r of ['off', 'sanitize-payload', 'clearselectors', '-@all']) this.applyRule(u, r);
    } else {
      this.applySelectorRule(u.root, op);
    }
  }

  /** ACLSetSelector: a rule about commands, keys or channels. */
  private applySelectorRule(s: Selector, op: string): void {
    const word = cString(op).toLowerCase();
    const first = op[0];
    if (word === 'allkeys' || word === '~*') {
      s.allKeys = true;
      s.keys = [];
    } else if (word === 'resetkeys') {
      s.allKeys = false;
      s.keys = [];
    } else if (word === 'allchannels' || word === '&*') {
      s.allChannels = true;
      s.channels = [];
    } else if (word === 'resetchannels') {
      s.allChannels = false;
      s.channels = [];
    } else if (word === 'allcommands' || word === '+@all') {
      for (const cmd of this.commandList()) s.allowed.add(cmd.fullName);
      s.future = true;
      s.allCommands = true;
      s.firstArgs = null;
    } else if (word === 'nocommands' || word === '-@all') {
      s.allowed.clear();
      s.future = false;
      s.allCommands = false;
      s.firstArgs = null;
    } else if (first === '~' || first === '%') {
      if (s.allKeys) throw new RuleError('EEXIST');
      let flags = 0;
      let offset = 1;
      if (first === '%') {
        for (; offset < op.length; offset++) {
          const ch = op[offset]!.toUpperCase();
          if (ch === 'R' && (flags & KEY_READ) === 0) flags |= KEY_READ;
          else if (ch === 'W' && (flags & KEY_WRITE) === 0) flags |= KEY_WRITE;
          else if (op[offset] === '~') {
            offset++;
            break;
          } else throw new RuleError('EINVAL');
        }
        // %~pattern (no permission at all) is refused by 7.0.15 as Debian ships it.
        if (flags === 0) throw new RuleError('EINVAL');
      } else {
        flags = KEY_ALL;
      }
      const pattern = op.slice(offset);
      if (hasSpaces(pattern)) throw new RuleError('EINVAL');
      const same = s.keys.find((k) => k.pattern === pattern);
      if (same === undefined) s.keys.push({ pattern, flags });
      else same.flags |= flags;
      s.allKeys = false;
    } else if (first === '&') {
      if (s.allChannels) throw new RuleError('EISDIR');
      const pattern = op.slice(1);
      if (hasSpaces(pattern)) throw new RuleError('EINVAL');
      if (!s.channels.includes(pattern)) s.channels.push(pattern);
      s.allChannels = false;
    } else if (first === '+' && op[1] !== '@') {
      this.allowCommandRule(s, cString(op.slice(1)));
    } else if (first === '-' && op[1] !== '@') {
      const cmd = this.lookupCommand(cString(op.slice(1)));
      if (cmd === undefined) throw new RuleError('ENOENT');
      this.changePerm(s, cmd, false);
    } else if ((first === '+' || first === '-') && op[1] === '@') {
      const cat = cString(op.slice(2)).toLowerCase();
      if (!ACL_CATEGORIES.includes(cat)) throw new RuleError('ENOENT');
      this.setCategory(s, cat, first === '+');
    } else {
      throw new RuleError('EINVAL');
    }
  }

  /** +command, +container|subcommand, or +command|first-arg for a command without subcommands. */
  private allowCommandRule(s: Selector, name: string): void {
    const bar = name.lastIndexOf('|');
    if (bar < 0) {
      const cmd = this.lookupCommand(name);
      if (cmd === undefined) throw new RuleError('ENOENT');
      this.changePerm(s, cmd, true);
      return;
    }
    const cmd = this.lookupCommand(name.slice(0, bar));
    const sub = name.slice(bar + 1);
    if (cmd === undefined) throw new RuleError('ENOENT');
    if (cmd.parent !== undefined) throw new RuleError('ECHILD');
    if (sub.length === 0) throw new RuleError('EINVAL');
    if (cmd.subs !== undefined) {
      const subcmd = this.lookupCommand(name);
      if (subcmd === undefined) throw new RuleError('ENOENT');
      this.changePerm(s, subcmd, true);
      return;
    }
    // A first argument of an otherwise denied command (SELECT 0): Redis warns it is deprecated.
    this.engine.log(
      '#',
      `Deprecation warning: Allowing a first arg of an otherwise blocked command is a misuse of ACL and may get disabled in the future (offender: +${name})`,
    );
    const args = (s.firstArgs ??= new Map<string, string[]>()).get(cmd.fullName) ?? [];
    if (!args.some((a) => a.toLowerCase() === sub.toLowerCase())) args.push(sub);
    s.firstArgs.set(cmd.fullName, args);
  }

  /** ACLChangeSelectorPerm: a command's bit, and with a container all its subcommands' bits. */
  private changePerm(s: Selector, cmd: Command, allow: boolean): void {
    setBit(s, cmd.fullName, allow);
    s.firstArgs?.delete(cmd.fullName);
    if (cmd.subs !== undefined) for (const sub of cmd.subs.values()) setBit(s, sub.fullName, allow);
  }

  /** ACLSetSelectorCommandBitsForCategory: every command and subcommand of the category. */
  private setCategory(s: Selector, category: string, allow: boolean): void {
    for (const cmd of this.categoryCommands(category)) this.changePerm(s, cmd, allow);
  }

  // ---- descriptions ----------------------------------------------------------------------------

  /**
   * ACLDescribeSelectorCommandRules: +@all or -@all, then the categories that best fit what
   * differs (tried in category order), then single commands for what remains.
   */
  describeCommandRules(s: Selector): string {
    const fake = new Selector(false);
    const additive = !s.future;
    let rules = additive ? '-@all ' : '+@all ';
    if (!additive) for (const cmd of this.commandList()) fake.allowed.add(cmd.fullName);
    const temp = new Selector(false);
    for (const n of s.allowed) temp.allowed.add(n);
    const applied = new Set<string>();
    for (;;) {
      let best: string | null = null;
      let mindiff = Infinity;
      let maxsame = 0;
      for (const cat of ACL_CATEGORIES) {
        if (applied.has(cat)) continue;
        let on = 0;
        let off = 0;
        for (const cmd of this.categoryCommands(cat)) {
          if (temp.allowed.has(cmd.fullName)) on++;
          else off++;
        }
        const diff = additive ? off : on;
        const same = additive ? on : off;
        if (same > diff && (diff < mindiff || (diff === mindiff && same > maxsame))) {
          best = cat;
          mindiff = diff;
          maxsame = same;
        }
      }
      if (best === null) break;
      this.setCategory(fake, best, additive);
      this.setCategory(temp, best, !additive);
      rules += `${additive ? '+' : '-'}@${best} `;
      applied.add(best);
    }
    for (const cmd of this.engine.commands.values()) rules = this.describeSingle(s, fake, cmd, rules);
    return rules.slice(0, -1);
  }

  /** ACLDescribeSelectorCommandRulesSingleCommands for one command and its subcommands. */
  private describeSingle(s: Selector, fake: Selector, cmd: Command, rules: string): string {
    const userbit = s.allowed.has(cmd.fullName);
    if (userbit !== fake.allowed.has(cmd.fullName)) {
      rules += `${userbit ? '+' : '-'}${cmd.fullName} `;
      this.changePerm(fake, cmd, userbit);
    }
    if (cmd.subs !== undefined) for (const sub of cmd.subs.values()) rules = this.describeSingle(s, fake, sub, rules);
    const args = s.firstArgs?.get(cmd.fullName);
    if (!userbit && args !== undefined) for (const a of args) rules += `+${cmd.fullName}|${a} `;
    return rules;
  }

  /** ACLDescribeSelector: keys, channels, then commands. */
  describeSelector(s: Selector): string {
    let out = s.allKeys ? '~* ' : s.keys.map((k) => patternString(k) + ' ').join('');
    out += s.allChannels ? '&* ' : 'resetchannels ' + s.channels.map((c) => `&${c} `).join('');
    return out + this.describeCommandRules(s);
  }

  /** ACLDescribeUser: the rules that rebuild the user (ACL LIST), without its name. */
  describeUser(u: User): string {
    if (u.described !== null) return u.described;
    let out = u.flagNames().join(' ');
    if (out !== '') out += ' ';
    for (const p of u.passwords) out += `#${p} `;
    for (const s of u.selectors) out += s.root ? this.describeSelector(s) : ` (${this.describeSelector(s)})`;
    u.described = out;
    return out;
  }

  /** GETUSER's keys field of a selector. */
  keysField(s: Selector): string {
    return s.allKeys ? '~*' : s.keys.map(patternString).join(' ');
  }

  /** GETUSER's channels field of a selector. */
  channelsField(s: Selector): string {
    return s.allChannels ? '&*' : s.channels.map((c) => '&' + c).join(' ');
  }

  // ---- permission checks -----------------------------------------------------------------------

  /**
   * ACLCheckAllUserCommandPerm: OK when any selector allows the whole command line; otherwise
   * the denial to report (the command if no selector ran it, else the last key or channel).
   */
  check(u: User | null, cmd: Command, argv: readonly string[]): AclCheck {
    if (u === null) return { result: ACL_OK, pos: 0 };
    let relevant: AclResult = DENIED_CMD;
    let lastPos = 0;
    // Like Redis's local_idxptr, the position is kept from one selector to the next.
    let pos = 0;
    const keys: KeysCache = { keys: null };
    for (const s of u.selectors) {
      const r = selectorCheck(s, cmd, argv, keys);
      if (r.result === ACL_OK) return r;
      if (r.result !== DENIED_CMD) pos = r.pos;
      if (r.result > relevant || (r.result === relevant && pos > lastPos)) {
        relevant = r.result;
        lastPos = pos;
      }
    }
    return { result: relevant, pos: lastPos };
  }

  /**
   * ACLUserCheckCmdWithUnrestrictedKeyAccess: a selector runs the command and may read every key
   * (allkeys, ~* or %R~*), as SORT's BY and GET patterns need.
   */
  mayReadAnyKey(u: User | null, cmd: Command, argv: readonly string[]): boolean {
    if (u === null) return true;
    const keys: KeysCache = { keys: null };
    return u.selectors.some(
      (s) => selectorCheck(s, cmd, argv, keys).result === ACL_OK && (s.allKeys || s.keys.some((k) => (k.flags & KEY_READ) !== 0 && cString(k.pattern) === '*')),
    );
  }

  /** ACLUserCheckChannelPerm (redis.acl_check_cmd and SUBSCRIBE-like checks from elsewhere). */
  channelAllowed(u: User | null, channel: string, pattern: boolean): boolean {
    if (u === null) return true;
    return u.selectors.some((s) => s.allChannels || channelAllowed(s.channels, channel, pattern));
  }

  // ---- ACL LOG ---------------------------------------------------------------------------------

  /**
   * addACLLogEntry: a like entry among the newest ten within a minute counts one more (and moves
   * to the front), else a new entry goes first and the oldest past acllog-max-len go.
   */
  addLog(c: Client, reason: AclResult, context: AclContext, object: string, argv: readonly string[], username?: string): void {
    const engine = this.engine;
    // A script's denial shows the client that ran the script.
    const caller = c.script ? (engine.scripting?.scriptCaller() ?? null) : null;
    const real = caller?.client ?? c;
    const entry: AclLogEntry = {
      count: 1,
      reason,
      context,
      object,
      username: username ?? c.user?.name ?? 'default',
      ctime: engine.now,
      // The client's info as CLIENT LIST shows it while the command runs.
      clientInfo: clientInfoLine(engine, real, caller?.argv ?? argv),
    };
    for (let i = 0; i < this.log.length && i < 10; i++) {
      const e = this.log[i]!;
      if (
        e.reason === entry.reason &&
        e.context === entry.context &&
        Math.abs(e.ctime - entry.ctime) <= LOG_GROUPING_MS &&
        e.object === entry.object &&
        e.username === entry.username
      ) {
        this.log.splice(i, 1);
        e.clientInfo = entry.clientInfo;
        e.ctime = entry.ctime;
        e.count++;
        this.log.unshift(e);
        return;
      }
    }
    this.log.unshift(entry);
    const max = Number(engine.config.get('acllog-max-len'));
    if (this.log.length > max) this.log.length = max;
  }

  /** A denial of a command line: logged with its object (the command, or the key or channel). */
  logDenial(c: Client, check: AclCheck, context: AclContext, cmd: Command, argv: readonly string[]): void {
    const object = check.result === DENIED_CMD ? cmd.fullName : argv[check.pos]!;
    this.addLog(c, check.result, context, object, argv);
  }
}

/** The command line's keys, found once for all the selectors of a check. */
interface KeysCache {
  keys: KeyRef[] | null;
}

/** ACLSelectorCheckCmd: the command (or its first arg), then its keys, then its channels. */
function selectorCheck(s: Selector, cmd: Command, argv: readonly string[], cache: KeysCache): AclCheck {
  if (!s.allCommands && !cmd.noAuth && !s.allowed.has(cmd.fullName) && !firstArgAllowed(s, cmd, argv)) {
    return { result: DENIED_CMD, pos: 0 };
  }
  if (!s.allKeys && commandHasKeys(cmd)) {
    cache.keys ??= commandKeys(cmd, argv);
    for (const k of cache.keys) if (!keyAllowed(s, argv[k.pos]!, k.flags)) return { result: DENIED_KEY, pos: k.pos };
  }
  const chans = CHANNEL_COMMANDS[cmd.fullName];
  if (!s.allChannels && chans !== undefined) {
    const stop = chans.count === -1 ? argv.length : Math.min(argv.length, 1 + chans.count);
    for (let i = 1; i < stop; i++) {
      if (!channelAllowed(s.channels, argv[i]!, chans.pattern)) return { result: DENIED_CHANNEL, pos: i };
    }
  }
  return { result: ACL_OK, pos: 0 };
}

/** ACLCopyUser: flags, passwords and selectors (the name stays). */
function copyUser(dst: User, src: User): void {
  dst.flags = src.flags;
  dst.passwords = src.passwords.slice();
  dst.selectors = src.selectors.map((s) => s.copy());
  dst.described = null;
}

/** ACLSetSelectorCommandBit: clearing any bit means the selector no longer has all commands. */
function setBit(s: Selector, name: string, allow: boolean): void {
  if (allow) {
    s.allowed.add(name);
  } else {
    s.allowed.delete(name);
    s.allCommands = false;
  }
}

function patternString(k: KeyPattern): string {
  return (k.flags === KEY_ALL ? '~' : k.flags === KEY_READ ? '%R~' : '%W~') + k.pattern;
}

/** The first argument (the second for a subcommand) is one the selector allows for the command. */
function firstArgAllowed(s: Selector, cmd: Command, argv: readonly string[]): boolean {
  const args = s.firstArgs?.get(cmd.fullName);
  if (argv.length < 2 || args === undefined) return false;
  const given = cString(argv[cmd.parent !== undefined ? 2 : 1] ?? '').toLowerCase();
  return args.some((a) => cString(a).toLowerCase() === given);
}

/** ACLSelectorCheckKey: a pattern with the access the key spec needs matches the key. */
function keyAllowed(s: Selector, key: string, specFlags: readonly string[]): boolean {
  let need = 0;
  if (specFlags.includes('access')) need |= KEY_READ;
  if (specFlags.includes('insert') || specFlags.includes('delete') || specFlags.includes('update')) need |= KEY_WRITE;
  for (const p of s.keys) {
    if ((p.flags & need) !== need) continue;
    if (globMatch(p.pattern, key)) return true;
  }
  return false;
}

/**
 * ACLCheckChannelAgainstList: a channel matches a pattern of the list; a PSUBSCRIBE pattern must
 * equal one of them literally.
 */
function channelAllowed(list: readonly string[], channel: string, isPattern: boolean): boolean {
  return list.some((p) => (isPattern ? cString(p) === cString(channel) : globMatch(p, channel)));
}
