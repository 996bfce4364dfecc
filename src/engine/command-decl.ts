// Commands as compact data. A group's file declares each command in one line:
//
//   const command = commandGroup('string', 'string');
//   command('get', 2, 'readonly fast', [key(1, 'RO access')], getCommand, { since: '1.0.0', complexity: 'O(1)', summary: '...', syntax: 'key' }),
//
// and this module expands it into the full CommandSpec that COMMAND, HELP, hints and the
// dispatcher read. What Redis derives when it loads its command table is derived here the same
// way, so an entry never spells it out: the ACL categories implied by the flags (server.c
// setImplicitACLCategories), and the legacy first/last/step key range and the 'movablekeys' flag
// implied by the key specs (server.c populateCommandLegacyRangeSpec).

import type { CommandGroup, CommandSpec, Handler, KeySpec } from './command.js';
import { COMMAND_FLAGS } from './command.js';
import { helpReply } from './help-reply.js';
import * as E from '../shared/errors.js';
import { error } from '../shared/reply.js';

/**
 * ACL categories in acl.c's ACLCommandCategories order, the order the resolved arrays keep (and
 * COMMAND INFO, ACL CAT and the ACL's rule descriptions list them in).
 */
export const ACL_CATEGORIES: readonly string[] =
  'keyspace read write set sortedset list hash string bitmap hyperloglog geo stream pubsub admin fast slow blocking dangerous connection transaction scripting'.split(
    ' ',
  );

/** What an entry says besides name, arity, flags, keys and handler: its docs and the rarer parts. */
export interface CommandDocs {
  since: string;
  /** One line, in our own words. */
  summary: string;
  complexity?: string;
  /** Arguments after the name, as redis-cli's help shows them; '' (the default) for none. */
  syntax?: string;
  /** ACL categories beyond the group's and the ones the flags imply, space separated: 'dangerous'. */
  acl?: string;
  /** Command tips, space separated: 'nondeterministic_output request_policy:all_shards'. */
  tips?: string;
  getKeys?: CommandSpec['getKeys'];
  subcommands?: CommandSpec[];
  protectedBy?: CommandSpec['protectedBy'];
}

export interface CommandDeclarer {
  /**
   * One command: flags space separated ('write denyoom fast'), its key specs (built with `key`,
   * `keyRange`, `keyNum`, `afterKeyword`, `unknownKeys`), its handler (undefined only on a
   * container runnable with subcommands alone) and its docs.
   */
  (name: string, arity: number, flags: string, keySpecs: KeySpec[], handler: Handler | undefined, docs: CommandDocs): CommandSpec;
  /** A container such as CONFIG: no flags, @slow alone, no handler, only subcommands (Redis's own). */
  container(name: string, arity: number, docs: CommandDocs, subcommands: CommandSpec[]): CommandSpec;
  /**
   * A container's HELP subcommand (CONFIG HELP...): what all of them share, for `parent`. Most
   * answer with their lines from help-lines.ts (helpReply); a few (XGROUP, CLUSTER) have a
   * handler of their own.
   */
  help(parent: string, since: string, more?: { handler?: Handler; acl?: string }): CommandSpec;
}

/**
 * The declarer for one file's commands: every entry gets `group` (COMMAND DOCS, HELP @group)
 * and, unless it is a container, the ACL `category` the group's commands share ('string',
 * 'keyspace'...; none for a file whose commands differ).
 */
export function commandGroup(group: CommandGroup, category = ''): CommandDeclarer {
  const declare = (name: string, arity: number, flags: string, keySpecs: KeySpec[], handler: Handler | undefined, docs: CommandDocs): CommandSpec =>
    expand(name, arity, flags, keySpecs, handler, docs, group, category);
  return Object.assign(declare, {
    container: (name: string, arity: number, docs: CommandDocs, subcommands: CommandSpec[]) =>
      expand(name, arity, '', [], undefined, { ...docs, subcommands }, group, ''),
    help: (parent: string, since: string, { handler, acl }: { handler?: Handler; acl?: string } = {}) => {
      const answer: Handler = handler ?? ((c, argv) => helpReply(c, argv, parent));
      return declare('help', 2, 'loading stale', [], answer, { since, complexity: 'O(1)', acl, summary: `List the ${parent.toUpperCase()} subcommands` });
    },
  });
}

function expand(
  name: string,
  arity: number,
  flagWords: string,
  keySpecs: KeySpec[],
  handler: Handler | undefined,
  docs: CommandDocs,
  group: CommandGroup,
  category: string,
): CommandSpec {
  const { keys, movable } = legacyKeyRange(keySpecs);
  const flags = words(flagWords);
  for (const f of flags) if (!(COMMAND_FLAGS as readonly string[]).includes(f)) throw new Error(`${name}: unknown command flag '${f}'`);
  if (movable) flags.push('movablekeys');
  const spec: CommandSpec = {
    name,
    arity,
    flags: COMMAND_FLAGS.filter((f) => flags.includes(f)),
    acl: aclCategories(name, flags, `${category} ${docs.acl ?? ''}`),
    keys,
    group,
    since: docs.since,
    summary: docs.summary,
    syntax: docs.syntax ?? '',
  };
  if (keySpecs.length > 0) spec.keySpecs = keySpecs;
  if (docs.tips !== undefined) spec.tips = words(docs.tips);
  if (docs.complexity !== undefined) spec.complexity = docs.complexity;
  if (handler) spec.handler = handler;
  if (docs.subcommands) spec.subcommands = docs.subcommands;
  if (docs.getKeys) spec.getKeys = docs.getKeys;
  if (docs.protectedBy) spec.protectedBy = docs.protectedBy;
  return spec;
}

function words(s: string): string[] {
  return s.split(' ').filter((w) => w !== '');
}

/** setImplicitACLCategories: the categories a command's flags put it in, plus the declared ones. */
function aclCategories(name: string, flags: readonly string[], declared: string): string[] {
  const acl = new Set(words(declared));
  for (const a of acl) if (!ACL_CATEGORIES.includes(a)) throw new Error(`${name}: unknown ACL category '${a}'`);
  if (flags.includes('write')) acl.add('write');
  // Scripting commands are not @read even when read-only.
  if (flags.includes('readonly') && !acl.has('scripting')) acl.add('read');
  if (flags.includes('admin')) acl.add('admin').add('dangerous');
  if (flags.includes('pubsub')) acl.add('pubsub');
  if (flags.includes('fast')) acl.add('fast');
  if (flags.includes('blocking')) acl.add('blocking');
  if (!acl.has('fast')) acl.add('slow');
  return ACL_CATEGORIES.filter((a) => acl.has(a));
}

/**
 * populateCommandLegacyRangeSpec: the first/last/step triple older clients read, from the key
 * specs, and whether the keys can move (a spec that is not a plain index range, or not
 * contiguous with the one before, or incomplete), which sets 'movablekeys'.
 */
function legacyKeyRange(specs: readonly KeySpec[]): { keys: CommandSpec['keys']; movable: boolean } {
  if (specs.length === 0) return { keys: [0, 0, 0], movable: false };
  const only = specs.length === 1 ? specs[0]! : undefined;
  if (only && 'index' in only.begin && 'range' in only.find) {
    const first = only.begin.index;
    const [last, step] = only.find.range;
    return { keys: [first, last < 0 ? last : first + last, step], movable: only.flags.includes('incomplete') };
  }
  let first = Infinity;
  let last = 0;
  let movable = false;
  for (const ks of specs) {
    if (!('index' in ks.begin) || !('range' in ks.find) || ks.find.range[1] !== 1 || (last !== 0 && last !== ks.begin.index - 1)) {
      movable = true;
      continue;
    }
    if (ks.flags.includes('incomplete')) movable = true;
    first = Math.min(first, ks.begin.index);
    const abs = ks.find.range[0] < 0 ? ks.find.range[0] : ks.find.range[0] + ks.begin.index;
    // Redis compares as unsigned, so a last key counted from the end (negative) wins.
    if (abs >>> 0 > last >>> 0) last = abs;
  }
  if (first === Infinity) return { keys: [0, 0, 0], movable: true };
  return { keys: [first, last, 1], movable };
}

// ---- key specs -------------------------------------------------------------------------------
// Flags space separated, as COMMAND INFO names them: 'RW access update'.

/** The one key at argument `index`. */
export function key(index: number, flags: string, notes?: string): KeySpec {
  return withNotes({ flags: words(flags), begin: { index }, find: { range: [0, 1, 0] } }, notes);
}

/** Keys from argument `index` to `lastkey` (relative to index; -1 = the last argument), every `keystep`. */
export function keyRange(index: number, lastkey: number, keystep: number, flags: string, notes?: string): KeySpec {
  return withNotes({ flags: words(flags), begin: { index }, find: { range: [lastkey, keystep, 0] } }, notes);
}

/** `numkeys key [key ...]` from argument `index`: the count, then that many keys. */
export function keyNum(index: number, flags: string): KeySpec {
  return { flags: words(flags), begin: { index }, find: { keynum: [0, 1, 1] } };
}

/**
 * Keys after `keyword`, searched from argument `startfrom` (negative: from the end); `limit` 2 is
 * XREAD's "half of what remains" (STREAMS key [key ...] id [id ...]).
 */
export function afterKeyword(keyword: string, startfrom: number, flags: string, lastkey = 0, keystep = 1, limit = 0): KeySpec {
  return { flags: words(flags), begin: { keyword, startfrom }, find: { range: [lastkey, keystep, limit] } };
}

/** Keys no spec can locate (SORT's BY/GET patterns); the command's getKeys finds them. */
export function unknownKeys(flags: string, notes: string): KeySpec {
  return { notes, flags: words(flags), begin: { unknown: true }, find: { unknown: true } };
}

function withNotes(spec: KeySpec, notes: string | undefined): KeySpec {
  return notes === undefined ? spec : { notes, ...spec };
}

/**
 * The handler of a command whose work is one of the engine's late parts (`LateParts.handlers`,
 * late.ts): the browser fetches them after its first prompt.
 */
export function lateHandler(name: string): Handler {
  return (c, argv) => {
    const handler = c.engine.late?.handlers[name];
    return handler === undefined ? error(E.LATE_PARTS_MISSING) : handler(c, argv);
  };
}
