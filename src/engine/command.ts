// The shape of one command-table entry. Every command (and subcommand) is declared once, in the
// file of its group (commands/strings.ts, commands/keys.ts, ...); commands/index.ts gathers them
// into the one table that COMMAND, HELP, hints, completion and the dispatcher read.

import type { Client } from './client.js';
import type { Reply } from '../shared/reply.js';

/** Redis's command flags, in the order COMMAND INFO prints them (server.c addReplyFlagsForCommand). */
// prettier-ignore
export const COMMAND_FLAGS = [
  'write', 'readonly', 'denyoom', 'module', 'admin', 'pubsub', 'noscript', 'blocking', 'loading', 'stale', 'skip_monitor',
  'skip_slowlog', 'asking', 'fast', 'no_auth', 'may_replicate', 'sentinel', 'only_sentinel', 'no_mandatory_keys',
  'protected', 'no_async_loading', 'no_multi', 'movablekeys', 'allow_busy',
] as const;

export type CommandFlag = (typeof COMMAND_FLAGS)[number];

/** The group COMMAND DOCS and HELP @group use. */
export type CommandGroup =
  | 'generic'
  | 'string'
  | 'list'
  | 'set'
  | 'sorted-set'
  | 'hash'
  | 'pubsub'
  | 'transactions'
  | 'connection'
  | 'server'
  | 'scripting'
  | 'hyperloglog'
  | 'cluster'
  | 'sentinel'
  | 'geo'
  | 'stream'
  | 'bitmap';

/** One key specification, as COMMAND INFO reports it (Redis 7 key specs). */
export interface KeySpec {
  notes?: string;
  /** e.g. ['RW', 'access', 'update'] */
  flags: string[];
  /** `{ unknown: true }`: Redis's 'unknown' begin_search (SORT's BY/GET/STORE keys). */
  begin: { index: number } | { keyword: string; startfrom: number } | { unknown: true };
  find: { range: [lastkey: number, keystep: number, limit: number] } | { keynum: [keynumidx: number, firstkey: number, keystep: number] } | { unknown: true };
}

/**
 * A handler runs an already arity-checked command. `argv[0]` is the command name as typed.
 * It returns the reply, or `null` when the reply will be delivered later (blocking commands)
 * or has already been delivered through the client (pushes).
 */
export type Handler = (c: Client, argv: string[]) => Reply | null;

export interface CommandSpec {
  /** Lower case; for subcommands just the subcommand ('get' under 'config'). */
  name: string;
  /** Redis convention: n = exactly n arguments including the name, -n = at least n. */
  arity: number;
  flags: CommandFlag[];
  /** ACL categories without '@', e.g. ['write', 'string', 'slow']. */
  acl: string[];
  /** Legacy key range: first key index, last key index (-1 = last arg), step. 0,0,0 = no keys. */
  keys: [first: number, last: number, step: number];
  keySpecs?: KeySpec[];
  /** Command tips, e.g. 'nondeterministic_output'. */
  tips?: string[];
  group: CommandGroup;
  since: string;
  /** One line, in our own words. */
  summary: string;
  complexity?: string;
  /** Argument syntax after the name, as redis-cli's help shows it: 'key value [NX|XX] ...'. */
  syntax: string;
  /** Absent only on container commands, which have subcommands instead. */
  handler?: Handler;
  subcommands?: CommandSpec[];
  /**
   * Redis's CMD_PROTECTED (not shown by COMMAND INFO): refused before anything else, even
   * inside MULTI, unless this enable-*-command setting allows it (DEBUG, MODULE LOAD...).
   */
  protectedBy?: 'enable-debug-command' | 'enable-module-command';
  /** For commands whose keys cannot be described by `keys` (COMMAND GETKEYS, WATCH tracking). */
  getKeys?: (argv: readonly string[]) => number[];
}

/** A resolved table entry: the spec plus the names Redis uses for it in errors and COMMAND. */
export interface Command extends CommandSpec {
  /** 'get', or 'config|get' for a subcommand. */
  fullName: string;
  parent?: Command;
  /** Flags the dispatcher checks on every call, precomputed. */
  noAuth: boolean;
  noMulti: boolean;
  subs?: Map<string, Command>;
}
