// The SERVER introspection group (Redis's server.c, config.c, object.c, slowlog.c, latency.c):
// COMMAND and its subcommands read the command table; INFO reports the engine's state in Redis's
// sections, fields and order; TIME; CONFIG GET/SET/RESETSTAT/REWRITE; MEMORY; SLOWLOG; LATENCY;
// DEBUG (disabled, as in a default 7.0 server); ROLE.

import { cString } from '../../shared/args.js';
import type { Client } from '../client.js';
import type { Command, CommandSpec, KeySpec } from '../command.js';
import { commandGroup, key } from '../command-decl.js';
import { configEntries, hasGlob, lookupConfig } from '../config.js';
import type { Engine } from '../engine.js';
import * as E from '../../shared/errors.js';
import { globMatch } from '../../shared/glob.js';
import { formatDouble, parseInt64 } from '../numbers.js';
import type { RObj } from '../objects.js';
import { stringEncoding } from './strings.js';
import {
  array,
  bulk,
  bulks,
  double,
  EMPTY_ARRAY,
  error,
  int,
  map,
  NIL,
  OK,
  set,
  simple,
  verbatim,
  ZERO,
  type Reply,
} from '../../shared/reply.js';
import { NOT_INTEGER_R, SYNTAX_R } from '../error-replies.js';


/** Redis's addReplyHelp: a header naming the command, the lines, and the HELP footer. */
function helpReply(argv0: string, lines: readonly string[]): Reply {
  const out: Reply[] = [simple(`${argv0.toUpperCase()} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`)];
  for (const l of lines) out.push(simple(l));
  out.push(simple('HELP'), simple('    Prints this help.'));
  return array(out);
}

function eqi(s: string, lower: string): boolean {
  return cString(s).toLowerCase() === lower;
}

// ================================================================================================
// COMMAND
// ================================================================================================

/** The order COMMAND INFO prints command flags in (server.c addReplyFlagsForCommand). */
const FLAG_ORDER = [
  'write',
  'readonly',
  'denyoom',
  'module',
  'admin',
  'pubsub',
  'noscript',
  'blocking',
  'loading',
  'stale',
  'skip_monitor',
  'skip_slowlog',
  'asking',
  'fast',
  'no_auth',
  'no_mandatory_keys',
  'no_async_loading',
  'no_multi',
  'movablekeys',
  'allow_busy',
];

/** ACL categories in acl.c's ACLCommandCategories order. */
const ACL_ORDER = [
  'keyspace',
  'read',
  'write',
  'set',
  'sortedset',
  'list',
  'hash',
  'string',
  'bitmap',
  'hyperloglog',
  'geo',
  'stream',
  'pubsub',
  'admin',
  'fast',
  'slow',
  'blocking',
  'dangerous',
  'connection',
  'transaction',
  'scripting',
];

/** Key-spec flags in addReplyFlagsForKeyArgs order. */
const KEY_FLAG_ORDER = ['RO', 'RW', 'OW', 'RM', 'access', 'update', 'insert', 'delete', 'not_key', 'incomplete', 'variable_flags'];

function ordered(order: readonly string[], have: readonly string[]): string[] {
  return order.filter((f) => have.includes(f));
}

function aclNames(cmd: CommandSpec): string[] {
  return cmd.acl.map((a) => (a.startsWith('@') ? a.slice(1) : a));
}

function keyFlagsReply(flags: readonly string[]): Reply {
  return set(ordered(KEY_FLAG_ORDER, flags).map(simple));
}

function keySpecReply(ks: KeySpec): Reply {
  const fields: [Reply, Reply][] = [];
  if (ks.notes !== undefined) fields.push([bulk('notes'), bulk(ks.notes)]);
  fields.push([bulk('flags'), keyFlagsReply(ks.flags)]);
  const b = ks.begin;
  const begin =
    'unknown' in b
      ? map([
          [bulk('type'), bulk('unknown')],
          [bulk('spec'), map([])],
        ])
      : 'index' in b
      ? map([
          [bulk('type'), bulk('index')],
          [bulk('spec'), map([[bulk('index'), int(b.index)]])],
        ])
      : map([
          [bulk('type'), bulk('keyword')],
          [
            bulk('spec'),
            map([
              [bulk('keyword'), bulk(b.keyword)],
              [bulk('startfrom'), int(b.startfrom)],
            ]),
          ],
        ]);
  fields.push([bulk('begin_search'), begin]);
  const f = ks.find;
  const find =
    'unknown' in f
      ? map([
          [bulk('type'), bulk('unknown')],
          [bulk('spec'), map([])],
        ])
      : 'range' in f
      ? map([
          [bulk('type'), bulk('range')],
          [
            bulk('spec'),
            map([
              [bulk('lastkey'), int(f.range[0])],
              [bulk('keystep'), int(f.range[1])],
              [bulk('limit'), int(f.range[2])],
            ]),
          ],
        ])
      : map([
          [bulk('type'), bulk('keynum')],
          [
            bulk('spec'),
            map([
              [bulk('keynumidx'), int(f.keynum[0])],
              [bulk('firstkey'), int(f.keynum[1])],
              [bulk('keystep'), int(f.keynum[2])],
            ]),
          ],
        ]);
  fields.push([bulk('find_keys'), find]);
  return map(fields);
}

const infoCache = new WeakMap<Command, Reply>();

/** One command's COMMAND INFO entry (server.c addReplyCommandInfo). */
export function commandInfoReply(cmd: Command): Reply {
  let r = infoCache.get(cmd);
  if (r !== undefined) return r;
  r = array([
    bulk(cmd.fullName),
    int(cmd.arity),
    set(ordered(FLAG_ORDER, cmd.flags).map(simple)),
    int(cmd.keys[0]),
    int(cmd.keys[1]),
    int(cmd.keys[2]),
    set(ordered(ACL_ORDER, aclNames(cmd)).map((a) => simple('@' + a))),
    set((cmd.tips ?? []).map(bulk)),
    set((cmd.keySpecs ?? []).map(keySpecReply)),
    cmd.subs ? array([...cmd.subs.values()].map(commandInfoReply)) : set([]),
  ]);
  infoCache.set(cmd, r);
  return r;
}

/** One command's COMMAND DOCS entry: what our table knows (server.c addReplyCommandDocs). */
export function commandDocsReply(cmd: Command): Reply {
  const fields: [Reply, Reply][] = [
    [bulk('summary'), bulk(utf8(cmd.summary))],
    [bulk('since'), bulk(cmd.since)],
    [bulk('group'), bulk(cmd.group)],
  ];
  if (cmd.complexity !== undefined) fields.push([bulk('complexity'), bulk(utf8(cmd.complexity))]);
  if (cmd.subs) {
    fields.push([
      bulk('subcommands'),
      map([...cmd.subs.values()].map((s): [Reply, Reply] => [bulk(s.fullName), commandDocsReply(s)])),
    ]);
  }
  return map(fields);
}

/** Table text is UTF-16 source text; replies carry bytes. */
function utf8(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else
      out += String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** lookupCommandBySds: 'get', 'config|get' (case-insensitive), one level of subcommands. */
export function lookupCommandByName(engine: Engine, name: string): Command | undefined {
  if (name.length === 0) return undefined;
  const parts = name.split('|');
  if (parts.length > 2) return undefined;
  const base = engine.commands.get(parts[0]!.toLowerCase());
  if (parts.length === 1 || base === undefined) return base;
  return base.subs?.get(parts[1]!.toLowerCase());
}

/** A key found in a command line: its position in argv and its key-spec flags. */
export interface KeyRef {
  pos: number;
  flags: string[];
}

const RO_ACCESS = ['RO', 'access'];
const RW_ACCESS_UPDATE = ['RW', 'access', 'update'];
const OW_UPDATE = ['OW', 'update'];

/** C's atoi: leading spaces, a sign, digits; 0 when there are none. */
function atoi(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?\d+)/.exec(s);
  if (m === null) return 0;
  const v = Number(m[1]);
  return Number.isFinite(v) ? Math.max(-2147483648, Math.min(2147483647, v)) : 0;
}

/** db.c genericGetKeys (flags 0: those commands have complete key specs). */
function genericGetKeys(storeOfs: number, countOfs: number, firstOfs: number, step: number, argv: readonly string[]): KeyRef[] {
  const num = atoi(argv[countOfs] ?? '');
  if (num < 1 || num > Math.trunc((argv.length - firstOfs) / step)) return [];
  const keys: KeyRef[] = [];
  for (let i = 0; i < num; i++) keys.push({ pos: firstOfs + i * step, flags: [] });
  if (storeOfs) keys.push({ pos: storeOfs, flags: [] });
  return keys;
}

function sortGetKeys(argv: readonly string[]): KeyRef[] {
  const keys: KeyRef[] = [{ pos: 1, flags: RO_ACCESS }];
  let store: KeyRef | undefined;
  const skips: Record<string, number> = { limit: 2, get: 1, by: 1 };
  for (let i = 2; i < argv.length; i++) {
    const a = cString(argv[i]!).toLowerCase();
    const skip = skips[a];
    if (skip !== undefined) {
      i += skip;
    } else if (a === 'store' && i + 1 < argv.length) {
      store = { pos: i + 1, flags: OW_UPDATE };
    }
  }
  if (store) keys.push(store);
  return keys;
}

function migrateGetKeys(argv: readonly string[]): KeyRef[] {
  let first = 3;
  let num = 1;
  const skips: Record<string, number> = { copy: 0, replace: 0, auth: 1, auth2: 2 };
  if (argv.length > 6) {
    for (let i = 6; i < argv.length; i++) {
      const a = cString(argv[i]!).toLowerCase();
      if (a === 'keys') {
        if (argv[3]!.length > 0) {
          num = 0;
        } else {
          first = i + 1;
          num = argv.length - first;
        }
        break;
      }
      const skip = skips[a];
      if (skip !== undefined) i += skip;
    }
  }
  const keys: KeyRef[] = [];
  for (let i = 0; i < num; i++) keys.push({ pos: first + i, flags: ['RW', 'access', 'delete'] });
  return keys;
}

function georadiusGetKeys(argv: readonly string[]): KeyRef[] {
  let stored = -1;
  for (let i = 5; i < argv.length; i++) {
    const a = cString(argv[i]!).toLowerCase();
    if ((a === 'store' || a === 'storedist') && i + 1 < argv.length) {
      stored = i + 1;
      i++;
    }
  }
  const keys: KeyRef[] = [{ pos: 1, flags: [] }];
  if (stored >= 0) keys.push({ pos: stored, flags: [] });
  return keys;
}

function xreadGetKeys(argv: readonly string[]): KeyRef[] {
  let streams = -1;
  for (let i = 1; i < argv.length; i++) {
    const a = cString(argv[i]!).toLowerCase();
    if (a === 'block' || a === 'count') i++;
    else if (a === 'group') i += 2;
    else if (a === 'noack') continue;
    else {
      if (a === 'streams') streams = i;
      break;
    }
  }
  const n = streams === -1 ? 0 : argv.length - streams - 1;
  if (streams === -1 || n === 0 || n % 2 !== 0) return [];
  const keys: KeyRef[] = [];
  for (let i = streams + 1; i < argv.length - n / 2; i++) keys.push({ pos: i, flags: [] });
  return keys;
}

function setGetKeys(argv: readonly string[]): KeyRef[] {
  for (let i = 3; i < argv.length; i++) {
    if (eqi(argv[i]!, 'get')) {
      return [{ pos: 1, flags: RW_ACCESS_UPDATE }];
    }
  }
  return [{ pos: 1, flags: OW_UPDATE }];
}

function bitfieldGetKeys(argv: readonly string[]): KeyRef[] {
  let readonly = true;
  for (let i = 2; i < argv.length; i++) {
    const rem = argv.length - i - 1;
    const a = cString(argv[i]!).toLowerCase();
    if (a === 'get' && rem >= 2) {
      i += 2;
    } else if ((a === 'set' || a === 'incrby') && rem >= 3) {
      readonly = false;
      break;
    } else if (a === 'overflow' && rem >= 1) {
      i += 1;
    } else {
      readonly = false;
      break;
    }
  }
  return [{ pos: 1, flags: readonly ? RO_ACCESS : RW_ACCESS_UPDATE }];
}

/** Redis's getkeys_proc functions, by command name (used when key specs cannot answer). */
const NATIVE_GETKEYS: Record<string, (argv: readonly string[]) => KeyRef[]> = {
  set: setGetKeys,
  bitfield: bitfieldGetKeys,
  sort: sortGetKeys,
  sort_ro: () => [{ pos: 1, flags: RO_ACCESS }],
  migrate: migrateGetKeys,
  georadius: georadiusGetKeys,
  georadiusbymember: georadiusGetKeys,
  xread: xreadGetKeys,
  xreadgroup: xreadGetKeys,
  eval: (a) => genericGetKeys(0, 2, 3, 1, a),
  evalsha: (a) => genericGetKeys(0, 2, 3, 1, a),
  eval_ro: (a) => genericGetKeys(0, 2, 3, 1, a),
  evalsha_ro: (a) => genericGetKeys(0, 2, 3, 1, a),
  fcall: (a) => genericGetKeys(0, 2, 3, 1, a),
  fcall_ro: (a) => genericGetKeys(0, 2, 3, 1, a),
  sintercard: (a) => genericGetKeys(0, 1, 2, 1, a),
  zunionstore: (a) => genericGetKeys(1, 2, 3, 1, a),
  zinterstore: (a) => genericGetKeys(1, 2, 3, 1, a),
  zdiffstore: (a) => genericGetKeys(1, 2, 3, 1, a),
  zunion: (a) => genericGetKeys(0, 1, 2, 1, a),
  zinter: (a) => genericGetKeys(0, 1, 2, 1, a),
  zdiff: (a) => genericGetKeys(0, 1, 2, 1, a),
  zintercard: (a) => genericGetKeys(0, 1, 2, 1, a),
  lmpop: (a) => genericGetKeys(0, 1, 2, 1, a),
  zmpop: (a) => genericGetKeys(0, 1, 2, 1, a),
  blmpop: (a) => genericGetKeys(0, 2, 3, 1, a),
  bzmpop: (a) => genericGetKeys(0, 2, 3, 1, a),
};

function nativeGetKeys(cmd: Command): ((argv: readonly string[]) => KeyRef[]) | undefined {
  if (cmd.parent !== undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(NATIVE_GETKEYS, cmd.name) ? NATIVE_GETKEYS[cmd.name] : undefined;
}

/** Key specs of a command; a legacy [first, last, step] stands in when a spec gives none. */
function keySpecsOf(cmd: Command): readonly KeySpec[] {
  if (cmd.keySpecs !== undefined) return cmd.keySpecs;
  const [first, last, step] = cmd.keys;
  if (first <= 0) return [];
  return [{ flags: [], begin: { index: first }, find: { range: [last < 0 ? last : last - first, step, 0] } }];
}

/** db.c doesCommandHaveKeys. */
export function commandHasKeys(cmd: Command): boolean {
  return nativeGetKeys(cmd) !== undefined || cmd.getKeys !== undefined || keySpecsOf(cmd).some((k) => !k.flags.includes('not_key'));
}

/** db.c getKeysUsingKeySpecs: null when a spec cannot be followed (invalid or incomplete). */
function keysFromSpecs(cmd: Command, argv: readonly string[]): KeyRef[] | null {
  const argc = argv.length;
  const keys: KeyRef[] = [];
  for (const spec of keySpecsOf(cmd)) {
    if (spec.flags.includes('not_key')) continue;
    let first = 0;
    const b = spec.begin;
    // An 'unknown' spec (SORT's BY/GET/STORE) cannot be followed: the command's own proc answers.
    if ('unknown' in b || 'unknown' in spec.find) return null;
    if ('index' in b) {
      first = b.index;
    } else {
      const start = b.startfrom > 0 ? b.startfrom : argc + b.startfrom;
      const end = b.startfrom > 0 ? argc - 1 : 1;
      for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
        if (i >= argc || i < 1) break;
        if (cString(argv[i]!).toLowerCase() === b.keyword.toLowerCase()) {
          first = i + 1;
          break;
        }
      }
      if (!first) continue;
    }
    let last: number;
    let step: number;
    const f = spec.find;
    if ('range' in f) {
      const [lastkey, keystep, limit] = f.range;
      step = keystep;
      if (lastkey >= 0) last = first + lastkey;
      else if (!limit) last = argc + lastkey;
      else last = first + (Math.trunc((argc - first) / limit) + lastkey);
    } else {
      const [keynumidx, firstkey, keystep] = f.keynum;
      step = keystep;
      if (keynumidx >= argc) return null;
      const n = parseInt64(argv[first + keynumidx] ?? '');
      if (n === null || n < 0n) return null;
      first += firstkey;
      last = first + Number(n) - 1;
    }
    if (last >= argc || last < first || first >= argc) return null;
    for (let i = first; i <= last; i += step) {
      if (i >= argc || i < first) continue;
      keys.push({ pos: i, flags: spec.flags });
    }
    if (spec.flags.includes('incomplete')) return null;
  }
  return keys;
}

/** db.c getKeysFromCommandWithSpecs: specs when they are reliable, else the command's proc. */
export function commandKeys(cmd: Command, argv: readonly string[]): KeyRef[] {
  const specs = keySpecsOf(cmd);
  const hasKeySpec = specs.some((k) => !k.flags.includes('not_key'));
  const hasVarFlags = specs.some((k) => k.flags.includes('variable_flags'));
  if (hasKeySpec && !hasVarFlags) {
    const r = keysFromSpecs(cmd, argv);
    if (r !== null) return r;
  }
  const native = nativeGetKeys(cmd);
  if (native) return native(argv);
  if (cmd.getKeys) {
    try {
      return cmd.getKeys(argv).map((pos) => ({ pos, flags: [] }));
    } catch {
      return [];
    }
  }
  return [];
}

function getKeysSubcommand(c: Client, argv: string[], withFlags: boolean): Reply {
  const target = argv.slice(2);
  const cmd = c.engine.lookupCommand(target);
  if (cmd === undefined) return error(E.INVALID_COMMAND_SPECIFIED);
  if (!commandHasKeys(cmd)) return error(E.COMMAND_HAS_NO_KEYS);
  const argc = target.length;
  if ((cmd.arity > 0 && cmd.arity !== argc) || argc < -cmd.arity) return error(E.GETKEYS_WRONG_ARG_COUNT);
  const keys = commandKeys(cmd, target);
  if (keys.length === 0) {
    return cmd.flags.includes('no_mandatory_keys') ? EMPTY_ARRAY : error(E.GETKEYS_INVALID_ARGS);
  }
  return array(
    keys.map((k) => (withFlags ? array([bulk(target[k.pos]!), keyFlagsReply(k.flags)]) : bulk(target[k.pos]!))),
  );
}

function commandCommand(c: Client, argv: string[]): Reply {
  void argv;
  return array([...c.engine.commands.values()].map(commandInfoReply));
}

function commandCountCommand(c: Client): Reply {
  return int(c.engine.commands.size);
}

function commandInfoCommand(c: Client, argv: string[]): Reply {
  if (argv.length === 2) return commandCommand(c, argv);
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) {
    const cmd = lookupCommandByName(c.engine, argv[i]!);
    out.push(cmd === undefined ? NIL : commandInfoReply(cmd));
  }
  return array(out);
}

function commandDocsCommand(c: Client, argv: string[]): Reply {
  const out: [Reply, Reply][] = [];
  if (argv.length === 2) {
    for (const cmd of c.engine.commands.values()) out.push([bulk(cmd.fullName), commandDocsReply(cmd)]);
  } else {
    for (let i = 2; i < argv.length; i++) {
      const cmd = lookupCommandByName(c.engine, argv[i]!);
      if (cmd !== undefined) out.push([bulk(cmd.fullName), commandDocsReply(cmd)]);
    }
  }
  return map(out);
}

function commandListCommand(c: Client, argv: string[]): Reply {
  let filter: ((cmd: Command) => boolean) | null = null;
  for (let i = 2; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    if (eqi(argv[i]!, 'filterby') && more === 2) {
      const type = cString(argv[i + 1]!).toLowerCase();
      const arg = argv[i + 2]!;
      if (type === 'module') {
        filter = () => false;
      } else if (type === 'aclcat') {
        const cat = cString(arg).toLowerCase();
        const known = ACL_ORDER.includes(cat);
        filter = (cmd) => known && aclNames(cmd).includes(cat);
      } else if (type === 'pattern') {
        filter = (cmd) => globMatch(arg, cmd.fullName, true);
      } else {
        return SYNTAX_R;
      }
      i += 2;
    } else {
      return SYNTAX_R;
    }
  }
  const names: Reply[] = [];
  for (const cmd of c.engine.commands.values()) {
    if (filter === null || filter(cmd)) names.push(bulk(cmd.fullName));
    if (cmd.subs) for (const sub of cmd.subs.values()) if (filter === null || filter(sub)) names.push(bulk(sub.fullName));
  }
  return array(names);
}

const COMMAND_HELP = [
  '(no subcommand)',
  '    Return details about all Redis commands.',
  'COUNT',
  '    Return the total number of commands in this Redis server.',
  'LIST',
  '    Return a list of all commands in this Redis server.',
  'INFO [<command-name> ...]',
  '    Return details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'DOCS [<command-name> ...]',
  '    Return documentation details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'GETKEYS <full-command>',
  '    Return the keys from a full Redis command.',
  'GETKEYSANDFLAGS <full-command>',
  '    Return the keys and the access flags from a full Redis command.',
];

// ================================================================================================
// Memory estimates (object.c objectComputeSize, with jemalloc's size classes)
// ================================================================================================

/** jemalloc's size class for an allocation of n bytes (4 classes per doubling above 128). */
export function mallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  const k = Math.floor(Math.log2(n - 1));
  const step = 2 ** (k - 2);
  return Math.ceil(n / step) * step;
}

/** sds header size for a string of `len` bytes; keys use SDS_TYPE_5 below 32 bytes. */
function sdsHeader(len: number, allowType5: boolean): number {
  if (len < 32 && allowType5 && len > 0) return 1;
  if (len < 256) return 3;
  if (len < 65536) return 5;
  if (len < 4294967296) return 9;
  return 17;
}

function sdsSize(len: number, allowType5: boolean): number {
  return mallocSize(sdsHeader(len, allowType5) + len + 1);
}

const ROBJ = 16;
const DICT_ENTRY = 24;

/** A rough size of a JS value held by a data type we know nothing about (sampled). */
function estimateValue(v: unknown, depth: number): number {
  if (typeof v === 'string') return sdsSize(v.length, false);
  if (typeof v === 'number') return 8;
  if (typeof v === 'bigint') return 16;
  if (v === null || typeof v !== 'object' || depth > 3) return 0;
  const sampleOf = (items: Iterable<unknown>, count: number, per: number): number => {
    if (count === 0) return 0;
    let seen = 0;
    let sum = 0;
    for (const item of items) {
      sum += estimateValue(item, depth + 1);
      if (++seen >= 8) break;
    }
    return count * per + (seen ? (sum / seen) * count : 0);
  };
  if (v instanceof Map) return sampleOf(flattenMap(v), v.size * 2, 12);
  if (v instanceof Set) return sampleOf(v, v.size, DICT_ENTRY);
  if (Array.isArray(v)) return sampleOf(v, v.length, 8);
  if (ArrayBuffer.isView(v)) return v.byteLength;
  // Our own containers (Deque, ZSet …): iterable with a size or length.
  const o = v as { size?: unknown; length?: unknown; [Symbol.iterator]?: unknown };
  const count = typeof o.size === 'number' ? o.size : typeof o.length === 'number' ? o.length : -1;
  if (count >= 0 && typeof o[Symbol.iterator] === 'function') return sampleOf(v as Iterable<unknown>, count, 16);
  let sum = 0;
  for (const [k, x] of Object.entries(v)) {
    if (k === 'lru' || k === 'slot' || k === 'type' || k === 'enc') continue;
    sum += estimateValue(x, depth + 1);
  }
  return sum;
}

function* flattenMap(m: Map<unknown, unknown>): Iterable<unknown> {
  for (const [k, v] of m) {
    yield k;
    yield v;
  }
}

/** objectComputeSize: the bytes a value takes (exact for strings, estimated for the rest). */
export function objectSize(obj: RObj): number {
  if (obj.type === 'string') {
    const len = obj.value.length;
    const enc = stringEncoding(obj);
    if (enc === 'int') return ROBJ;
    if (enc === 'embstr') return mallocSize(ROBJ + 3 + len + 1);
    return ROBJ + sdsSize(len, false);
  }
  return ROBJ + Math.round(estimateValue(obj, 0));
}

/** MEMORY USAGE: value + key + the dict entry. */
export function keyMemoryUsage(key: string, obj: RObj): number {
  return objectSize(obj) + sdsSize(key.length, true) + DICT_ENTRY;
}

/** used_memory_startup of Debian's 7.0.15 build: what an empty server holds. */
const STARTUP_MEMORY = 876144;

interface MemoryFigures {
  used: number;
  overhead: number;
  dataset: number;
  keys: number;
  hashtables: { db: number; main: number; expires: number }[];
}

function dictOverhead(size: number): number {
  if (size === 0) return 0;
  let buckets = 4;
  while (buckets < size) buckets *= 2;
  return buckets * 8 + size * DICT_ENTRY;
}

/** Totals for INFO memory and MEMORY STATS (sampled past 100k keys). */
function memoryFigures(engine: Engine): MemoryFigures {
  let dataset = 0;
  let keys = 0;
  let overhead = STARTUP_MEMORY;
  const hashtables: MemoryFigures['hashtables'] = [];
  for (const db of engine.dbs) {
    const n = db.dict.size;
    if (n === 0) continue;
    keys += n;
    const main = dictOverhead(n);
    const expires = dictOverhead(db.expires.size);
    hashtables.push({ db: db.id, main, expires });
    overhead += main + expires;
    let sampled = 0;
    let sum = 0;
    for (const [key, obj] of db.dict) {
      sum += objectSize(obj) + sdsSize(key.length, true);
      if (++sampled >= 100000) break;
    }
    dataset += sampled ? (sum / sampled) * n : 0;
  }
  dataset = Math.round(dataset);
  return { used: overhead + dataset, overhead, dataset, keys, hashtables };
}

/** server.c bytesToHuman. */
function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let d = n / 1024;
  for (const u of units) {
    if (d < 1024 || u === 'P') return `${d.toFixed(2)}${u}`;
    d /= 1024;
  }
  return `${n}B`;
}

// ================================================================================================
// INFO
// ================================================================================================

/** What INFO says about the process; hosts (the Node server) may fill in real values. */
export const hostInfo = {
  os: 'Linux 6.1.0 x86_64',
  processId: 1,
  executable: '/usr/local/bin/redis-server',
  configFile: '',
  totalSystemMemory: 8589934592,
};

interface EngineExtras {
  runId: string;
  replId: string;
  peakMemory: number;
}

const extras = new WeakMap<Engine, EngineExtras>();

function hexId(engine: Engine): string {
  let s = '';
  for (let i = 0; i < 40; i++) s += Math.floor(engine.random() * 16).toString(16);
  return s;
}

function extrasOf(engine: Engine): EngineExtras {
  let x = extras.get(engine);
  if (x === undefined) {
    x = { runId: hexId(engine), replId: hexId(engine), peakMemory: 0 };
    extras.set(engine, x);
  }
  return x;
}

/** Fixed fields of the Server section that describe the build. */
const BUILD_ID = '7f6e5d4c3b2a1908';

const INFO_UNSAFE = /[#:\n\r]/g;

function safeInfo(s: string): string {
  return s.replace(INFO_UNSAFE, '_');
}

function cpuSeconds(us: number): string {
  const sec = Math.floor(us / 1e6);
  return `${sec}.${String(Math.floor(us - sec * 1e6)).padStart(6, '0')}`;
}

type Section = (engine: Engine) => string[];

function serverSection(engine: Engine): string[] {
  const now = engine.clock.now();
  const uptime = Math.max(0, Math.floor((now - engine.startedAt) / 1000));
  return [
    'redis_version:7.0.15',
    'redis_git_sha1:00000000',
    'redis_git_dirty:0',
    `redis_build_id:${BUILD_ID}`,
    'redis_mode:standalone',
    `os:${hostInfo.os}`,
    'arch_bits:64',
    'monotonic_clock:POSIX clock_gettime',
    'multiplexing_api:epoll',
    'atomicvar_api:c11-builtin',
    'gcc_version:12.2.0',
    `process_id:${hostInfo.processId}`,
    'process_supervised:no',
    `run_id:${extrasOf(engine).runId}`,
    `tcp_port:${engine.config.port}`,
    `server_time_usec:${Math.floor(now * 1000)}`,
    `uptime_in_seconds:${uptime}`,
    `uptime_in_days:${Math.floor(uptime / 86400)}`,
    `hz:${engine.config.hz}`,
    `configured_hz:${engine.config.hz}`,
    `lru_clock:${Math.floor(now / 1000) % 16777216}`,
    `executable:${hostInfo.executable}`,
    `config_file:${hostInfo.configFile}`,
    'io_threads_active:0',
  ];
}

function clientsSection(engine: Engine): string[] {
  let blocked = 0;
  let tracking = 0;
  for (const c of engine.clients.values()) {
    if (c.unblock !== null) blocked++;
    if (c.tracking !== null) tracking++;
  }
  return [
    `connected_clients:${engine.clients.size}`,
    'cluster_connections:0',
    `maxclients:${engine.config.maxclients}`,
    'client_recent_max_input_buffer:20480',
    'client_recent_max_output_buffer:0',
    `blocked_clients:${blocked}`,
    `tracking_clients:${tracking}`,
    `clients_in_timeout_table:${engine.blocking.withTimeout}`,
  ];
}

function memorySection(engine: Engine): string[] {
  const m = memoryFigures(engine);
  const x = extrasOf(engine);
  if (m.used > x.peakMemory) x.peakMemory = m.used;
  const rss = Math.round(m.used * 1.15 / 4096) * 4096 + 4 * 1048576;
  const allocated = m.used + 900000;
  const active = Math.round(allocated * 1.1);
  const resident = Math.round(active * 1.4);
  const sys = hostInfo.totalSystemMemory;
  const maxmemory = engine.config.maxmemory;
  const pct = (a: number, b: number) => (b === 0 ? 0 : (a / b) * 100).toFixed(2);
  const datasetPct = m.used - STARTUP_MEMORY <= 0 ? 0 : (m.dataset / (m.used - STARTUP_MEMORY)) * 100;
  return [
    `used_memory:${m.used}`,
    `used_memory_human:${bytesToHuman(m.used)}`,
    `used_memory_rss:${rss}`,
    `used_memory_rss_human:${bytesToHuman(rss)}`,
    `used_memory_peak:${x.peakMemory}`,
    `used_memory_peak_human:${bytesToHuman(x.peakMemory)}`,
    `used_memory_peak_perc:${pct(m.used, x.peakMemory)}%`,
    `used_memory_overhead:${m.overhead}`,
    `used_memory_startup:${STARTUP_MEMORY}`,
    `used_memory_dataset:${m.dataset}`,
    `used_memory_dataset_perc:${datasetPct.toFixed(2)}%`,
    `allocator_allocated:${allocated}`,
    `allocator_active:${active}`,
    `allocator_resident:${resident}`,
    `total_system_memory:${sys}`,
    `total_system_memory_human:${bytesToHuman(sys)}`,
    'used_memory_lua:31744',
    'used_memory_vm_eval:31744',
    'used_memory_lua_human:31.00K',
    'used_memory_scripts_eval:0',
    'number_of_cached_scripts:0',
    'number_of_functions:0',
    'number_of_libraries:0',
    'used_memory_vm_functions:32768',
    'used_memory_vm_total:64512',
    'used_memory_vm_total_human:63.00K',
    'used_memory_functions:184',
    'used_memory_scripts:184',
    'used_memory_scripts_human:184B',
    `maxmemory:${maxmemory}`,
    `maxmemory_human:${bytesToHuman(maxmemory)}`,
    `maxmemory_policy:${engine.config.maxmemoryPolicy}`,
    `allocator_frag_ratio:${(active / allocated).toFixed(2)}`,
    `allocator_frag_bytes:${active - allocated}`,
    `allocator_rss_ratio:${(resident / active).toFixed(2)}`,
    `allocator_rss_bytes:${resident - active}`,
    `rss_overhead_ratio:${(rss / resident).toFixed(2)}`,
    `rss_overhead_bytes:${rss - resident}`,
    `mem_fragmentation_ratio:${(rss / m.used).toFixed(2)}`,
    `mem_fragmentation_bytes:${rss - m.used}`,
    'mem_not_counted_for_evict:0',
    'mem_replication_backlog:0',
    'mem_total_replication_buffers:0',
    'mem_clients_slaves:0',
    'mem_clients_normal:0',
    'mem_cluster_links:0',
    'mem_aof_buffer:0',
    'mem_allocator:jemalloc-5.3.0',
    'active_defrag_running:0',
    'lazyfree_pending_objects:0',
    'lazyfreed_objects:0',
  ];
}

function persistenceSection(engine: Engine): string[] {
  const lines = [
    'loading:0',
    'async_loading:0',
    'current_cow_peak:0',
    'current_cow_size:0',
    'current_cow_size_age:0',
    'current_fork_perc:0.00',
    'current_save_keys_processed:0',
    'current_save_keys_total:0',
    `rdb_changes_since_last_save:${engine.changesSinceLastSave}`,
    'rdb_bgsave_in_progress:0',
    `rdb_last_save_time:${Math.floor(engine.lastSave / 1000)}`,
    `rdb_last_bgsave_status:${engine.lastBgsaveOk ? 'ok' : 'err'}`,
    `rdb_last_bgsave_time_sec:${engine.lastBgsaveTimeSec}`,
    'rdb_current_bgsave_time_sec:-1',
    `rdb_saves:${engine.stats.rdbSaves}`,
    'rdb_last_cow_size:0',
    `rdb_last_load_keys_expired:${engine.lastLoadKeysExpired}`,
    `rdb_last_load_keys_loaded:${engine.lastLoadKeysLoaded}`,
    `aof_enabled:${engine.config.appendonly ? 1 : 0}`,
    'aof_rewrite_in_progress:0',
    'aof_rewrite_scheduled:0',
    'aof_last_rewrite_time_sec:-1',
    'aof_current_rewrite_time_sec:-1',
    'aof_last_bgrewrite_status:ok',
    'aof_rewrites:0',
    'aof_rewrites_consecutive_failures:0',
    'aof_last_write_status:ok',
    'aof_last_cow_size:0',
    'module_fork_in_progress:0',
    'module_fork_last_cow_size:0',
  ];
  if (engine.config.appendonly) {
    lines.push(
      'aof_current_size:0',
      'aof_base_size:0',
      'aof_pending_rewrite:0',
      'aof_buffer_length:0',
      'aof_pending_bio_fsync:0',
      'aof_delayed_fsync:0',
    );
  }
  return lines;
}

function statsSection(engine: Engine): string[] {
  const s = engine.stats;
  return [
    `total_connections_received:${s.totalConnections}`,
    `total_commands_processed:${s.totalCommands}`,
    'instantaneous_ops_per_sec:0',
    'total_net_input_bytes:0',
    'total_net_output_bytes:0',
    'total_net_repl_input_bytes:0',
    'total_net_repl_output_bytes:0',
    'instantaneous_input_kbps:0.00',
    'instantaneous_output_kbps:0.00',
    'instantaneous_input_repl_kbps:0.00',
    'instantaneous_output_repl_kbps:0.00',
    'rejected_connections:0',
    'sync_full:0',
    'sync_partial_ok:0',
    'sync_partial_err:0',
    `expired_keys:${s.expiredKeys}`,
    'expired_stale_perc:0.00',
    'expired_time_cap_reached_count:0',
    'expire_cycle_cpu_milliseconds:0',
    'evicted_keys:0',
    'evicted_clients:0',
    'total_eviction_exceeded_time:0',
    'current_eviction_exceeded_time:0',
    `keyspace_hits:${s.keyspaceHits}`,
    `keyspace_misses:${s.keyspaceMisses}`,
    `pubsub_channels:${engine.pubsub.channels.size}`,
    `pubsub_patterns:${engine.pubsub.patterns.size}`,
    `pubsubshard_channels:${engine.pubsub.shardChannels.size}`,
    'latest_fork_usec:0',
    'total_forks:0',
    'migrate_cached_sockets:0',
    'slave_expires_tracked_keys:0',
    'active_defrag_hits:0',
    'active_defrag_misses:0',
    'active_defrag_key_hits:0',
    'active_defrag_key_misses:0',
    'total_active_defrag_time:0',
    'current_active_defrag_time:0',
    'tracking_total_keys:0',
    'tracking_total_items:0',
    'tracking_total_prefixes:0',
    'unexpected_error_replies:0',
    `total_error_replies:${s.errorReplies}`,
    'dump_payload_sanitizations:0',
    `total_reads_processed:${s.totalCommands}`,
    `total_writes_processed:${s.totalCommands}`,
    'io_threaded_reads_processed:0',
    'io_threaded_writes_processed:0',
    'reply_buffer_shrinks:0',
    'reply_buffer_expands:0',
  ];
}

function replicationSection(engine: Engine): string[] {
  return [
    'role:master',
    'connected_slaves:0',
    'master_failover_state:no-failover',
    `master_replid:${extrasOf(engine).replId}`,
    'master_replid2:0000000000000000000000000000000000000000',
    'master_repl_offset:0',
    'second_repl_offset:-1',
    'repl_backlog_active:0',
    `repl_backlog_size:${engine.config.get('repl-backlog-size')}`,
    'repl_backlog_first_byte_offset:0',
    'repl_backlog_histlen:0',
  ];
}

function cpuSection(engine: Engine): string[] {
  // A plausible share of the uptime: the engine cannot read the process's rusage.
  const up = Math.max(0, engine.clock.now() - engine.startedAt) * 1000;
  const user = up * 0.0004 + engine.stats.totalCommands * 2;
  const sys = up * 0.0006 + engine.stats.totalCommands;
  return [
    `used_cpu_sys:${cpuSeconds(sys)}`,
    `used_cpu_user:${cpuSeconds(user)}`,
    'used_cpu_sys_children:0.000000',
    'used_cpu_user_children:0.000000',
    `used_cpu_sys_main_thread:${cpuSeconds(sys * 0.98)}`,
    `used_cpu_user_main_thread:${cpuSeconds(user * 0.98)}`,
  ];
}

/** Commands and subcommands in table order, with their statistics. */
function* commandsWithStats(engine: Engine) {
  for (const cmd of engine.commands.values()) {
    const st = engine.stats.commands.get(cmd.fullName);
    if (st) yield { cmd, st };
    if (cmd.subs) {
      for (const sub of cmd.subs.values()) {
        const s2 = engine.stats.commands.get(sub.fullName);
        if (s2) yield { cmd: sub, st: s2 };
      }
    }
  }
}

function commandstatsSection(engine: Engine): string[] {
  const lines: string[] = [];
  for (const { cmd, st } of commandsWithStats(engine)) {
    if (!st.calls && !st.failed && !st.rejected) continue;
    const perCall = st.calls === 0 ? 0 : st.usec / st.calls;
    lines.push(
      `cmdstat_${safeInfo(cmd.fullName)}:calls=${st.calls},usec=${st.usec},usec_per_call=${perCall.toFixed(2)},rejected_calls=${st.rejected},failed_calls=${st.failed}`,
    );
  }
  return lines;
}

function errorstatsSection(engine: Engine): string[] {
  const codes = [...engine.stats.errorCodes.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return codes.map((code) => `errorstat_${safeInfo(code)}:count=${engine.stats.errorCodes.get(code)}`);
}

function formatPercentile(p: number): string {
  let s = p.toFixed(6);
  s = s.replace(/0+$/, '');
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

function latencystatsSection(engine: Engine): string[] {
  if (!engine.config.latencyTracking) return [];
  const lines: string[] = [];
  for (const { cmd, st } of commandsWithStats(engine)) {
    if (st.calls === 0) continue;
    // One-microsecond samples read back from an HDR histogram with 2 significant digits.
    const usec = Math.max(1, st.usec / st.calls);
    const value = usec <= 1 ? '1.003' : usec.toFixed(3);
    const parts = engine.config.latencyPercentiles.map((p) => `p${formatPercentile(p)}=${value}`);
    lines.push(`latency_percentiles_usec_${safeInfo(cmd.fullName)}:${parts.join(',')}`);
  }
  return lines;
}

function keyspaceSection(engine: Engine): string[] {
  const lines: string[] = [];
  const now = engine.now;
  for (const db of engine.dbs) {
    const keys = db.dict.size;
    const expires = db.expires.size;
    if (!keys && !expires) continue;
    let avg = 0;
    if (expires) {
      let sum = 0;
      let n = 0;
      for (const when of db.expires.values()) {
        const ttl = when - now;
        if (ttl > 0) {
          sum += ttl;
          n++;
        }
        if (n >= 10000) break;
      }
      avg = n ? Math.floor(sum / n) : 0;
    }
    lines.push(`db${db.id}:keys=${keys},expires=${expires},avg_ttl=${avg}`);
  }
  return lines;
}

/** The sections in the order genRedisInfoString emits them. */
const SECTIONS: readonly [name: string, header: string, gen: Section][] = [
  ['server', 'Server', serverSection],
  ['clients', 'Clients', clientsSection],
  ['memory', 'Memory', memorySection],
  ['persistence', 'Persistence', persistenceSection],
  ['stats', 'Stats', statsSection],
  ['replication', 'Replication', replicationSection],
  ['cpu', 'CPU', cpuSection],
  ['modules', 'Modules', () => []],
  ['commandstats', 'Commandstats', commandstatsSection],
  ['errorstats', 'Errorstats', errorstatsSection],
  ['latencystats', 'Latencystats', latencystatsSection],
  ['cluster', 'Cluster', () => ['cluster_enabled:0']],
  ['keyspace', 'Keyspace', keyspaceSection],
];

const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'module_list', 'errorstats', 'cluster', 'keyspace'];

/** The INFO text for the given section arguments (INFO's argv after the name). */
export function infoString(engine: Engine, args: readonly string[]): string {
  const wanted = new Set<string>();
  let all = false;
  if (args.length === 0) {
    for (const s of DEFAULT_SECTIONS) wanted.add(s);
  }
  for (const a of args) {
    const s = cString(a).toLowerCase();
    if (s === 'default') for (const d of DEFAULT_SECTIONS) wanted.add(d);
    else if (s === 'all' || s === 'everything') all = true;
    else wanted.add(s);
  }
  const parts: string[] = [];
  for (const [name, header, gen] of SECTIONS) {
    const want = all || wanted.has(name) || (name === 'modules' && wanted.has('module_list'));
    if (!want) continue;
    let text = `# ${header}\r\n`;
    for (const line of gen(engine)) text += line + '\r\n';
    parts.push(text);
  }
  return parts.join('\r\n');
}

function infoCommand(c: Client, argv: string[]): Reply {
  return verbatim(infoString(c.engine, argv.slice(1)));
}

// ================================================================================================
// TIME, ROLE, DEBUG, LOLWUT
// ================================================================================================

function timeCommand(c: Client): Reply {
  const t = c.engine.clock.now();
  const sec = Math.floor(t / 1000);
  const usec = Math.min(999999, Math.max(0, Math.floor((t - sec * 1000) * 1000)));
  return bulks([String(sec), String(usec)]);
}

function roleCommand(): Reply {
  return array([bulk('master'), ZERO, EMPTY_ARRAY]);
}

function debugCommand(): Reply {
  return error(E.DEBUG_NOT_ALLOWED);
}

// ================================================================================================
// CONFIG
// ================================================================================================

function configGetCommand(c: Client, argv: string[]): Reply {
  const config = c.engine.config;
  const seen = new Set<string>();
  const out: [Reply, Reply][] = [];
  for (let i = 2; i < argv.length; i++) {
    const name = cString(argv[i]!);
    if (!hasGlob(name)) {
      const lower = name.toLowerCase();
      if (seen.has(lower)) continue;
      const e = lookupConfig(name);
      if (e === undefined) continue;
      seen.add(lower);
      out.push([bulk(name), bulk(config.get(e.name)!)]);
      continue;
    }
    for (const e of configEntries()) {
      if (e.hidden || seen.has(e.name)) continue;
      if (globMatch(name, e.name, true)) {
        seen.add(e.name);
        out.push([bulk(e.name), bulk(config.get(e.name)!)]);
      }
    }
  }
  return map(out);
}

function configSetCommand(c: Client, argv: string[]): Reply {
  if (argv.length & 1) return SYNTAX_R;
  const pairs: [string, string][] = [];
  for (let i = 2; i < argv.length; i += 2) pairs.push([cString(argv[i]!), argv[i + 1]!]);
  const err = c.engine.config.setMany(pairs);
  return err === null ? OK : error(err);
}

/** CONFIG RESETSTAT: every counter of engine.stats back to zero, per-command and error tables emptied. */
export function resetStats(engine: Engine): void {
  const stats = engine.stats as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(stats)) {
    if (typeof v === 'number') stats[k] = 0;
    else if (v instanceof Map) v.clear();
  }
  extrasOf(engine).peakMemory = 0;
}

function configResetStatCommand(c: Client): Reply {
  resetStats(c.engine);
  return OK;
}

function configRewriteCommand(): Reply {
  return error(E.NO_CONFIG_FILE);
}

const CONFIG_HELP = [
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
];

// ================================================================================================
// MEMORY
// ================================================================================================

function memoryUsageCommand(c: Client, argv: string[]): Reply {
  for (let j = 3; j < argv.length; j++) {
    if (eqi(argv[j]!, 'samples') && j + 1 < argv.length) {
      const n = parseInt64(argv[j + 1]!);
      if (n === null) return NOT_INTEGER_R;
      if (n < 0n) return SYNTAX_R;
      j++;
    } else {
      return SYNTAX_R;
    }
  }
  const key = argv[2]!;
  const db = c.db;
  // MEMORY USAGE looks the key up without touching its access time or the hit/miss counters.
  const when = db.expires.get(key);
  if (when !== undefined && when < c.engine.now) return NIL;
  const obj = db.dict.get(key);
  if (obj === undefined) return NIL;
  return int(keyMemoryUsage(key, obj));
}

function memoryStatsCommand(c: Client): Reply {
  const engine = c.engine;
  const m = memoryFigures(engine);
  const x = extrasOf(engine);
  if (m.used > x.peakMemory) x.peakMemory = m.used;
  const fields: [Reply, Reply][] = [
    [bulk('peak.allocated'), int(x.peakMemory)],
    [bulk('total.allocated'), int(m.used)],
    [bulk('startup.allocated'), int(STARTUP_MEMORY)],
    [bulk('replication.backlog'), ZERO],
    [bulk('clients.slaves'), ZERO],
    [bulk('clients.normal'), ZERO],
    [bulk('cluster.links'), ZERO],
    [bulk('aof.buffer'), ZERO],
    [bulk('lua.caches'), ZERO],
    [bulk('functions.caches'), int(184)],
  ];
  for (const h of m.hashtables) {
    fields.push([
      bulk(`db.${h.db}`),
      map([
        [bulk('overhead.hashtable.main'), int(h.main)],
        [bulk('overhead.hashtable.expires'), int(h.expires)],
        [bulk('overhead.hashtable.slot-to-keys'), ZERO],
      ]),
    ]);
  }
  const used = m.used;
  const net = used - STARTUP_MEMORY;
  // Redis keeps these ratios as C floats and prints them with %.17g.
  const dbl = (v: number) => double(Math.fround(v), formatDouble(Math.fround(v)));
  fields.push(
    [bulk('overhead.total'), int(m.overhead)],
    [bulk('keys.count'), int(m.keys)],
    [bulk('keys.bytes-per-key'), int(m.keys ? Math.floor(net / m.keys) : 0)],
    [bulk('dataset.bytes'), int(m.dataset)],
    [bulk('dataset.percentage'), dbl(net > 0 ? (m.dataset / net) * 100 : 0)],
    [bulk('peak.percentage'), dbl(x.peakMemory ? (used / x.peakMemory) * 100 : 0)],
    [bulk('allocator.allocated'), int(used + 900000)],
    [bulk('allocator.active'), int(Math.round((used + 900000) * 1.1))],
    [bulk('allocator.resident'), int(Math.round((used + 900000) * 1.54))],
    [bulk('allocator-fragmentation.ratio'), dbl(1.1)],
    [bulk('allocator-fragmentation.bytes'), int(Math.round((used + 900000) * 0.1))],
    [bulk('allocator-rss.ratio'), dbl(1.4)],
    [bulk('allocator-rss.bytes'), int(Math.round((used + 900000) * 0.44))],
    [bulk('rss-overhead.ratio'), dbl(1.2)],
    [bulk('rss-overhead.bytes'), int(Math.round(used * 0.2))],
    [bulk('fragmentation'), dbl(1.9)],
    [bulk('fragmentation.bytes'), int(Math.round(used * 0.9))],
  );
  return map(fields);
}

const EMPTY_DOCTOR =
  "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n";
const HEALTHY_DOCTOR = "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n";

function memoryDoctorCommand(c: Client): Reply {
  const m = memoryFigures(c.engine);
  // Redis stays silent below 5MB of memory in use.
  return verbatim(m.used < 5 * 1024 * 1024 ? EMPTY_DOCTOR : HEALTHY_DOCTOR);
}

function memoryMallocStatsCommand(): Reply {
  return bulk('Stats not supported for the current allocator');
}

const MEMORY_HELP = [
  'DOCTOR',
  '    Return memory problems reports.',
  'MALLOC-STATS',
  '    Return internal statistics report from the memory allocator.',
  'PURGE',
  '    Attempt to purge dirty pages for reclamation by the allocator.',
  'STATS',
  '    Return information about the memory usage of the server.',
  'USAGE <key> [SAMPLES <count>]',
  '    Return memory in bytes used by <key> and its value. Nested values are',
  '    sampled up to <count> times (default: 5, 0 means sample all).',
];

// ================================================================================================
// SLOWLOG (slowlog.c). The engine measures no durations: every command takes 0 µs, so entries
// appear exactly when slowlog-log-slower-than is 0 (the engine calls slowlogRecord then).
// ================================================================================================

interface SlowlogEntry {
  id: number;
  time: number;
  argv: string[];
  peer: string;
  name: string;
}

interface SlowlogState {
  entries: SlowlogEntry[];
  nextId: number;
}

const slowlogs = new WeakMap<Engine, SlowlogState>();

function slowlogOf(engine: Engine): SlowlogState {
  let s = slowlogs.get(engine);
  if (s === undefined) {
    s = { entries: [], nextId: 0 };
    slowlogs.set(engine, s);
  }
  return s;
}

const SLOWLOG_ENTRY_MAX_ARGC = 32;
const SLOWLOG_ENTRY_MAX_STRING = 128;
const REDACTED = '(redacted)';
const SENSITIVE_CONFIGS = new Set(['requirepass', 'masterauth', 'masteruser']);

/** The argument vector as Redis keeps it for the log: secrets replaced by '(redacted)'. */
export function redactedArgv(cmd: Command, argv: readonly string[]): string[] {
  const out = argv.slice();
  const name = cmd.fullName;
  if (name === 'auth' && out.length <= 3) {
    for (let j = 1; j < out.length; j++) out[j] = REDACTED;
  } else if (name === 'hello') {
    const ver = out.length > 1 ? parseInt64(out[1]!) : null;
    for (let j = 2; ver !== null && ver >= 2n && ver <= 3n && j < out.length; j++) {
      if (eqi(out[j]!, 'auth') && out.length - 1 - j >= 2) {
        out[j + 1] = REDACTED;
        out[j + 2] = REDACTED;
        j += 2;
      } else if (eqi(out[j]!, 'setname') && out.length - 1 - j >= 1) {
        j++;
      } else {
        break;
      }
    }
  } else if (name === 'config|set') {
    for (let j = 2; j + 1 < out.length; j += 2) {
      const e = lookupConfig(cString(out[j]!));
      if (e !== undefined && SENSITIVE_CONFIGS.has(e.def.name)) out[j + 1] = REDACTED;
    }
  } else if (name === 'acl|setuser') {
    for (let j = 2; j < out.length; j++) out[j] = REDACTED;
  } else if (name === 'migrate') {
    for (let j = 6; j < out.length; j++) {
      const a = cString(out[j]!).toLowerCase();
      if (a === 'auth' && j + 1 < out.length) out[++j] = REDACTED;
      else if (a === 'auth2' && j + 2 < out.length) {
        out[++j] = REDACTED;
        out[++j] = REDACTED;
      } else if (a === 'keys') break;
    }
  }
  return out;
}

/** slowlogPushCurrentCommand, for a command that just ran (called by Engine.call). */
export function slowlogRecord(engine: Engine, c: Client, cmd: Command, argv: readonly string[]): void {
  if (cmd.flags.includes('skip_slowlog')) return;
  const log = slowlogOf(engine);
  const full = redactedArgv(cmd, argv);
  const argc = Math.min(full.length, SLOWLOG_ENTRY_MAX_ARGC);
  const kept: string[] = [];
  for (let j = 0; j < argc; j++) {
    if (argc !== full.length && j === argc - 1) {
      kept.push(`... (${full.length - argc + 1} more arguments)`);
    } else {
      const a = full[j]!;
      kept.push(
        a.length > SLOWLOG_ENTRY_MAX_STRING
          ? `${a.slice(0, SLOWLOG_ENTRY_MAX_STRING)}... (${a.length - SLOWLOG_ENTRY_MAX_STRING} more bytes)`
          : a,
      );
    }
  }
  log.entries.unshift({ id: log.nextId++, time: Math.floor(engine.now / 1000), argv: kept, peer: c.addr, name: c.name });
  const max = engine.config.slowlogMaxLen;
  if (log.entries.length > max) log.entries.length = max;
}

function slowlogGetCommand(c: Client, argv: string[]): Reply {
  let count = 10;
  if (argv.length === 3) {
    const n = parseInt64(argv[2]!);
    if (n === null || n < -1n) return error(E.SLOWLOG_BAD_COUNT);
    count = n === -1n ? Infinity : Number(n);
  } else if (argv.length > 3) {
    return error(E.subcommandSyntax(argv[1]!, argv[0]!));
  }
  const entries = slowlogOf(c.engine).entries;
  const out: Reply[] = [];
  for (let i = 0; i < entries.length && i < count; i++) {
    const e = entries[i]!;
    out.push(array([int(e.id), int(e.time), ZERO, bulks(e.argv), bulk(e.peer), bulk(e.name)]));
  }
  return array(out);
}

function slowlogLenCommand(c: Client): Reply {
  return int(slowlogOf(c.engine).entries.length);
}

function slowlogResetCommand(c: Client): Reply {
  slowlogOf(c.engine).entries = [];
  return OK;
}

// ================================================================================================
// LATENCY (latency.c): no spikes are ever measured, so the event log stays empty
// ================================================================================================

const SLOWLOG_HELP = [
  'GET [<count>]',
  '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
  '    Entries are made of:',
  '    id, timestamp, time in microseconds, arguments array, client IP and port,',
  '    client name',
  'LEN',
  '    Return the length of the slowlog.',
  'RESET',
  '    Reset the slowlog.',
];

const LATENCY_HELP = [
  'DOCTOR',
  '    Return a human readable latency analysis report.',
  'GRAPH <event>',
  '    Return an ASCII latency graph for the <event> class.',
  'HISTORY <event>',
  '    Return time-latency samples for the <event> class.',
  'LATEST',
  '    Return the latest latency samples for all events.',
  'RESET [<event> ...]',
  '    Reset latency data of one or more <event> classes.',
  '    (default: reset all data for all event classes)',
  'HISTOGRAM [COMMAND ...]',
  '    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.',
  '    If no commands are specified then all histograms are replied.',
];

const LATENCY_DISABLED =
  'I\'m sorry, Dave, I can\'t do that. Latency monitoring is disabled in this Redis instance. You may use "CONFIG SET latency-monitor-threshold <milliseconds>." in order to enable it. If we weren\'t in a deep space mission I\'d suggest to take a look at https://redis.io/topics/latency-monitor.\n';

function latencyDoctorCommand(c: Client): Reply {
  if (c.engine.config.latencyMonitorThreshold === 0) return verbatim(LATENCY_DISABLED);
  return verbatim(
    'Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n',
  );
}

/** LATENCY HISTOGRAM: per command, its calls and a one-bucket histogram (all under 1µs here). */
function latencyHistogramCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  const entry = (cmd: Command): [Reply, Reply] | null => {
    const st = engine.stats.commands.get(cmd.fullName);
    if (!st || st.calls === 0) return null;
    return [
      bulk(cmd.fullName),
      map([
        [bulk('calls'), int(st.calls)],
        [bulk('histogram_usec'), map([[int(1), int(st.calls)]])],
      ]),
    ];
  };
  const out: [Reply, Reply][] = [];
  if (argv.length === 2) {
    for (const { cmd } of commandsWithStats(engine)) {
      const e = entry(cmd);
      if (e) out.push(e);
    }
  } else {
    const done = new Set<Command>();
    for (let i = 2; i < argv.length; i++) {
      const cmd = lookupCommandByName(engine, argv[i]!);
      if (cmd === undefined || done.has(cmd)) continue;
      done.add(cmd);
      const targets = cmd.subs ? [...cmd.subs.values()] : [cmd];
      for (const t of targets) {
        const e = entry(t);
        if (e) out.push(e);
      }
    }
  }
  return map(out);
}

// ================================================================================================
// The table
// ================================================================================================

const command = commandGroup('server');

/** A HELP subcommand answering with the container's help lines. */
function helpSub(container: string, lines: readonly string[], since: string, acl?: string): CommandSpec {
  return command.help(container, since, (_c, argv) => helpReply(argv[0]!, lines), acl);
}

export const serverCommands: CommandSpec[] = [
  command('command', -1, 'loading stale', [], commandCommand, {
    since: '2.8.13', complexity: 'O(N) with N the number of commands', acl: 'connection', tips: 'nondeterministic_output_order', summary: 'Describe every command the server knows (name, arity, flags, key positions...)',
    subcommands: [
      command('info', -2, 'loading stale', [], commandInfoCommand, { since: '2.8.13', complexity: 'O(N) with N the number of commands asked for', acl: 'connection', tips: 'nondeterministic_output_order', summary: 'Describe the named commands, or all of them', syntax: '[command-name [command-name ...]]' }),
      command('docs', -2, 'loading stale', [], commandDocsCommand, { since: '7.0.0', complexity: 'O(N) with N the number of commands asked for', acl: 'connection', tips: 'nondeterministic_output_order', summary: 'Documentation of the named commands, or of all of them', syntax: '[command-name [command-name ...]]' }),
      command('list', -2, 'loading stale', [], commandListCommand, { since: '7.0.0', complexity: 'O(N) with N the number of commands', acl: 'connection', tips: 'nondeterministic_output_order', summary: 'Names of all commands, optionally filtered by ACL category or pattern', syntax: '[FILTERBY MODULE module-name|ACLCAT category|PATTERN pattern]' }),
      command('getkeysandflags', -4, 'loading stale', [], (c, argv) => getKeysSubcommand(c, argv, true), { since: '7.0.0', complexity: 'O(N) with N the number of arguments', acl: 'connection', summary: 'Which arguments of a full command line are keys, and how each is accessed' }),
      helpSub('command', COMMAND_HELP, '5.0.0', 'connection'),
      command('getkeys', -4, 'loading stale', [], (c, argv) => getKeysSubcommand(c, argv, false), { since: '2.8.13', complexity: 'O(N) with N the number of arguments', acl: 'connection', summary: 'Which arguments of a full command line are keys' }),
      command('count', 2, 'loading stale', [], commandCountCommand, { since: '2.8.13', complexity: 'O(1)', acl: 'connection', summary: 'How many commands the server knows' }),
    ],
  }),
  command.container('config', -2, { since: '2.0.0', complexity: 'Depends on the subcommand', summary: 'Read and change the server configuration' }, [
    command('get', -3, 'admin noscript loading stale', [], configGetCommand, { since: '2.0.0', complexity: 'O(N) with N the number of parameters asked for', summary: 'Read the parameters whose names match the given names or glob patterns', syntax: 'parameter [parameter ...]' }),
    command('resetstat', 2, 'admin noscript loading stale', [], configResetStatCommand, { since: '2.0.0', complexity: 'O(1)', summary: 'Zero the statistics INFO reports' }),
    command('set', -4, 'admin noscript loading stale', [], configSetCommand, { since: '2.0.0', complexity: 'O(N) with N the number of parameters given', tips: 'request_policy:all_nodes response_policy:all_succeeded', summary: 'Change one or more parameters at once (all or none)', syntax: 'parameter value [parameter value ...]' }),
    helpSub('config', CONFIG_HELP, '5.0.0'),
    command('rewrite', 2, 'admin noscript loading stale', [], configRewriteCommand, { since: '2.8.0', complexity: 'O(1)', summary: 'Write the running configuration back to the config file' }),
  ]),
  command('info', -1, 'loading stale', [], infoCommand, { since: '1.0.0', complexity: 'O(1)', acl: 'dangerous', tips: 'nondeterministic_output request_policy:all_shards response_policy:special', summary: 'Report the server state and statistics, section by section', syntax: '[section [section ...]]' }),
  command('time', 1, 'loading stale fast', [], timeCommand, { since: '2.6.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'The server clock as Unix seconds and microseconds' }),
  command.container('memory', -2, { since: '4.0.0', complexity: 'Depends on the subcommand', summary: 'Inspect how memory is used' }, [
    command('purge', 2, '', [], () => OK, { since: '4.0.0', complexity: 'Depends on the allocator', tips: 'request_policy:all_shards response_policy:all_succeeded', summary: 'Ask the allocator to give freed pages back' }),
    helpSub('memory', MEMORY_HELP, '4.0.0'),
    command('usage', -3, 'readonly', [key(2, 'RO')], memoryUsageCommand, { since: '4.0.0', complexity: 'O(N) with N the number of samples', summary: 'Bytes a key and its value take in memory', syntax: 'key [SAMPLES count]' }),
    command('doctor', 2, '', [], memoryDoctorCommand, { since: '4.0.0', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_shards response_policy:special', summary: 'A short report on memory problems, if any' }),
    command('malloc-stats', 2, '', [], memoryMallocStatsCommand, { since: '4.0.0', complexity: 'Depends on the allocator', tips: 'nondeterministic_output request_policy:all_shards response_policy:special', summary: "The memory allocator's own statistics" }),
    command('stats', 2, '', [], memoryStatsCommand, { since: '4.0.0', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_shards response_policy:special', summary: 'Memory use broken down: overhead, dataset, per-database tables' }),
  ]),
  command.container('slowlog', -2, { since: '2.2.12', complexity: 'Depends on the subcommand', summary: 'Read or clear the log of slow commands' }, [
    command('len', 2, 'admin loading stale', [], slowlogLenCommand, { since: '2.2.12', complexity: 'O(1)', tips: 'request_policy:all_nodes response_policy:agg_sum nondeterministic_output', summary: 'How many entries the slow log holds' }),
    command('get', -2, 'admin loading stale', [], slowlogGetCommand, { since: '2.2.12', complexity: 'O(N) with N the number of entries returned', tips: 'request_policy:all_nodes nondeterministic_output', summary: 'The newest entries of the slow log', syntax: '[count]' }),
    command('reset', 2, 'admin loading stale', [], slowlogResetCommand, { since: '2.2.12', complexity: 'O(N) with N the number of entries', tips: 'request_policy:all_nodes response_policy:all_succeeded', summary: 'Empty the slow log' }),
    helpSub('slowlog', SLOWLOG_HELP, '6.2.0'),
  ]),
  command.container('latency', -2, { since: '2.8.13', complexity: 'Depends on the subcommand', summary: 'Inspect latency spikes and per-command latency' }, [
    command('graph', 3, 'admin noscript loading stale', [], (_c, argv) => error(E.latencyNoSamples(argv[2]!)), { since: '2.8.13', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_nodes response_policy:special', summary: 'An ASCII graph of the latency samples of an event', syntax: 'event' }),
    command('reset', -2, 'admin noscript loading stale', [], () => ZERO, { since: '2.8.13', complexity: 'O(1)', tips: 'request_policy:all_nodes response_policy:all_succeeded', summary: 'Forget the latency samples of some or all events', syntax: '[event [event ...]]' }),
    helpSub('latency', LATENCY_HELP, '2.8.13'),
    command('latest', 2, 'admin noscript loading stale', [], () => EMPTY_ARRAY, { since: '2.8.13', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_nodes response_policy:special', summary: 'The latest latency sample of every event' }),
    command('histogram', -2, 'admin noscript loading stale', [], latencyHistogramCommand, { since: '7.0.0', complexity: 'O(N) with N the number of commands reported', tips: 'nondeterministic_output request_policy:all_nodes response_policy:special', summary: 'Latency distribution of the named commands, or of all of them', syntax: '[command [command ...]]' }),
    command('doctor', 2, 'admin noscript loading stale', [], latencyDoctorCommand, { since: '2.8.13', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_nodes response_policy:special', summary: 'A human-readable latency report' }),
    command('history', 3, 'admin noscript loading stale', [], () => EMPTY_ARRAY, { since: '2.8.13', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_nodes response_policy:special', summary: 'The latency samples recorded for an event', syntax: 'event' }),
  ]),
  command('debug', -2, 'admin noscript loading stale', [], debugCommand, { since: '1.0.0', complexity: 'Depends on the subcommand', summary: 'Internal debugging commands (disabled, as enable-debug-command is no)' }),
  command('role', 1, 'noscript loading stale fast', [], roleCommand, { since: '2.8.12', complexity: 'O(1)', acl: 'admin dangerous', summary: "This server's replication role (always master here)" }),
];
