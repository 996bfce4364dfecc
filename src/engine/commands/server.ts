// The SERVER introspection group (Redis's server.c, config.c, object.c, slowlog.c, latency.c):
// COMMAND and its subcommands read the command table; INFO reports the engine's state in Redis's
// sections, fields and order; TIME; CONFIG GET/SET/RESETSTAT/REWRITE; MEMORY; SLOWLOG; LATENCY;
// ROLE. DEBUG has a file of its own (debug.ts).

import { cString, isOpt } from '../../shared/args.js';
import { commandHasKeys, commandKeys } from '../getkeys.js';
import { extrasOf } from '../info-stats.js';
import { slowlogOf } from '../slowlog.js';
import type { Client } from '../client.js';
import type { Command, CommandSpec, KeySpec } from '../command.js';
import { ACL_CATEGORIES, commandGroup, key, lateHandler } from '../command-decl.js';
import { configEntries, hasGlob, lookupConfig } from '../config.js';
import type { Engine } from '../engine.js';
import * as E from '../../shared/errors.js';
import { globMatch } from '../../shared/glob.js';
import { parseInt64, parseIntArg } from '../numbers.js';
import { REDIS_VERSION } from '../rdb.js';
import { array, bulk, bulks, EMPTY_ARRAY, error, int, map, NIL, OK, set, simple, verbatim, type Reply } from '../../shared/reply.js';
import { NOT_INTEGER_R, SYNTAX_R } from '../error-replies.js';

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

/** A key spec's begin_search or find_keys: its type and the spec's fields. */
function searchSpecReply(type: string, spec: [string, Reply][]): Reply {
  return map([
    [bulk('type'), bulk(type)],
    [bulk('spec'), map(spec.map(([name, value]): [Reply, Reply] => [bulk(name), value]))],
  ]);
}

function keySpecReply(ks: KeySpec): Reply {
  const fields: [Reply, Reply][] = [];
  if (ks.notes !== undefined) fields.push([bulk('notes'), bulk(ks.notes)]);
  fields.push([bulk('flags'), keyFlagsReply(ks.flags)]);
  const b = ks.begin;
  const begin =
    'unknown' in b
      ? searchSpecReply('unknown', [])
      : 'index' in b
        ? searchSpecReply('index', [['index', int(b.index)]])
        : searchSpecReply('keyword', [
            ['keyword', bulk(b.keyword)],
            ['startfrom', int(b.startfrom)],
          ]);
  fields.push([bulk('begin_search'), begin]);
  const f = ks.find;
  const find =
    'unknown' in f
      ? searchSpecReply('unknown', [])
      : 'range' in f
        ? searchSpecReply('range', [
            ['lastkey', int(f.range[0])],
            ['keystep', int(f.range[1])],
            ['limit', int(f.range[2])],
          ])
        : searchSpecReply('keynum', [
            ['keynumidx', int(f.keynum[0])],
            ['firstkey', int(f.keynum[1])],
            ['keystep', int(f.keynum[2])],
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
    set(ordered(ACL_CATEGORIES, aclNames(cmd)).map((a) => simple('@' + a))),
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
    fields.push([bulk('subcommands'), map([...cmd.subs.values()].map((s): [Reply, Reply] => [bulk(s.fullName), commandDocsReply(s)]))]);
  }
  return map(fields);
}

/** Table text is UTF-16 source text; replies carry bytes. */
function utf8(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out += String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
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
  return array(keys.map((k) => (withFlags ? array([bulk(target[k.pos]!), keyFlagsReply(k.flags)]) : bulk(target[k.pos]!))));
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
    if (isOpt(argv[i]!, 'filterby') && more === 2) {
      const type = cString(argv[i + 1]!).toLowerCase();
      const arg = argv[i + 2]!;
      if (type === 'module') {
        filter = () => false;
      } else if (type === 'aclcat') {
        const cat = cString(arg).toLowerCase();
        const known = ACL_CATEGORIES.includes(cat);
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

// ================================================================================================
// Memory estimates (object.c objectComputeSize, with jemalloc's size classes)
// ================================================================================================

function infoCommand(c: Client, argv: string[]): Reply {
  const late = c.engine.late;
  return late === null ? error(E.LATE_PARTS_MISSING) : verbatim(late.info(c.engine, argv.slice(1)));
}

// ================================================================================================
// TIME, ROLE, LOLWUT
// ================================================================================================

function timeCommand(c: Client): Reply {
  const t = c.engine.clock.now();
  const sec = Math.floor(t / 1000);
  const usec = Math.min(999999, Math.max(0, Math.floor((t - sec * 1000) * 1000)));
  return bulks([String(sec), String(usec)]);
}

/**
 * LOLWUT [VERSION v] [args...]: Redis 5's art (columns, squares per row and per column), Redis
 * 6's (columns, rows), or for any other version just the version line (lolwut.c). VERSION is
 * read as a C long cast to unsigned int, so 4294967301 is 5.
 */
function lolwutCommand(c: Client, argv: string[]): Reply {
  let version = 7;
  let args = argv.slice(1);
  if (argv.length >= 3 && isOpt(argv[1]!, 'version')) {
    const v = parseInt64(argv[2]!);
    if (v === null) return NOT_INTEGER_R;
    version = Number(BigInt.asUintN(32, v));
    args = argv.slice(3);
  }
  if (version !== 5 && version !== 6) return verbatim(`Redis ver. ${REDIS_VERSION}\n`);
  const defaults = version === 5 ? [66, 8, 12] : [80, 20];
  const limits = version === 5 ? [1000, 200, 200] : [1000, 1000];
  const n: number[] = [];
  for (let i = 0; i < defaults.length; i++) {
    const v = i < args.length ? parseIntArg(args[i]!) : defaults[i]!;
    if (v === null) return NOT_INTEGER_R;
    n.push(Math.min(Math.max(v, 1), limits[i]!));
  }
  const drawings = c.engine.late?.lolwut;
  if (drawings === undefined) return error(E.LATE_PARTS_MISSING);
  const rand = () => Math.floor(c.engine.random() * 2147483648);
  const art =
    version === 5
      ? drawings.schotter(n[0]!, n[1]!, n[2]!, rand) + '\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. '
      : drawings.skyline(n[0]!, n[1]!, rand) +
        '\nDedicated to the 8 bit game developers of past and present.\nOriginal 8 bit image from Plaguemon by hikikomori. Redis ver. ';
  return verbatim(`${art}${REDIS_VERSION}\n`);
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
  // resetServerStats: the time over maxmemory counts again from now.
  engine.evictor?.resetStats();
}

function configResetStatCommand(c: Client): Reply {
  resetStats(c.engine);
  return OK;
}

function configRewriteCommand(): Reply {
  return error(E.NO_CONFIG_FILE);
}

// ================================================================================================
// MEMORY
// ================================================================================================

function memoryMallocStatsCommand(): Reply {
  return bulk('Stats not supported for the current allocator');
}

// ================================================================================================
// SLOWLOG (slowlog.c): entries as Engine.call records them (slowlog.ts).
// ================================================================================================

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
    out.push(array([int(e.id), int(e.time), int(e.duration), bulks(e.argv), bulk(e.peer), bulk(e.name)]));
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
// LATENCY (latency.c): its subcommands are late (latency-commands.ts)
// ================================================================================================

// ================================================================================================
// The table
// ================================================================================================

const command = commandGroup('server');

// One line a command, so the table reads as a table.
// prettier-ignore
export const serverCommands: CommandSpec[] = [
  command('command', -1, 'loading stale', [], commandCommand, {
    since: '2.8.13', complexity: 'O(N) with N the number of commands', acl: 'connection', tips: 'nondeterministic_output_order', summary: 'Describe every command the server knows (name, arity, flags, key positions...)',
    subcommands: [
      command('info', -2, 'loading stale', [], commandInfoCommand, { since: '2.8.13', complexity: 'O(N) with N the number of commands asked for', acl: 'connection', tips: 'nondeterministic_output_order', summary: 'Describe the named commands, or all of them', syntax: '[command-name [command-name ...]]' }),
      command('docs', -2, 'loading stale', [], commandDocsCommand, { since: '7.0.0', complexity: 'O(N) with N the number of commands asked for', acl: 'connection', tips: 'nondeterministic_output_order', summary: 'Documentation of the named commands, or of all of them', syntax: '[command-name [command-name ...]]' }),
      command('list', -2, 'loading stale', [], commandListCommand, { since: '7.0.0', complexity: 'O(N) with N the number of commands', acl: 'connection', tips: 'nondeterministic_output_order', summary: 'Names of all commands, optionally filtered by ACL category or pattern', syntax: '[FILTERBY MODULE module-name|ACLCAT category|PATTERN pattern]' }),
      command('getkeysandflags', -4, 'loading stale', [], (c, argv) => getKeysSubcommand(c, argv, true), { since: '7.0.0', complexity: 'O(N) with N the number of arguments', acl: 'connection', summary: 'Which arguments of a full command line are keys, and how each is accessed' }),
      command.help('command', '5.0.0', { acl: 'connection' }),
      command('getkeys', -4, 'loading stale', [], (c, argv) => getKeysSubcommand(c, argv, false), { since: '2.8.13', complexity: 'O(N) with N the number of arguments', acl: 'connection', summary: 'Which arguments of a full command line are keys' }),
      command('count', 2, 'loading stale', [], commandCountCommand, { since: '2.8.13', complexity: 'O(1)', acl: 'connection', summary: 'How many commands the server knows' }),
    ],
  }),
  command.container('config', -2, { since: '2.0.0', complexity: 'Depends on the subcommand', summary: 'Read and change the server configuration' }, [
    command('get', -3, 'admin noscript loading stale', [], configGetCommand, { since: '2.0.0', complexity: 'O(N) with N the number of parameters asked for', summary: 'Read the parameters whose names match the given names or glob patterns', syntax: 'parameter [parameter ...]' }),
    command('resetstat', 2, 'admin noscript loading stale', [], configResetStatCommand, { since: '2.0.0', complexity: 'O(1)', summary: 'Zero the statistics INFO reports' }),
    command('set', -4, 'admin noscript loading stale', [], configSetCommand, { since: '2.0.0', complexity: 'O(N) with N the number of parameters given', tips: 'request_policy:all_nodes response_policy:all_succeeded', summary: 'Change one or more parameters at once (all or none)', syntax: 'parameter value [parameter value ...]' }),
    command.help('config', '5.0.0'),
    command('rewrite', 2, 'admin noscript loading stale', [], configRewriteCommand, { since: '2.8.0', complexity: 'O(1)', summary: 'Write the running configuration back to the config file' }),
  ]),
  command('info', -1, 'loading stale', [], infoCommand, { since: '1.0.0', complexity: 'O(1)', acl: 'dangerous', tips: 'nondeterministic_output request_policy:all_shards response_policy:special', summary: 'Report the server state and statistics, section by section', syntax: '[section [section ...]]' }),
  command('lolwut', -1, 'readonly fast', [], lolwutCommand, { since: '5.0.0', summary: 'Draw a piece of computer art (Redis 5 and 6 each had one) and say which version this is', syntax: '[VERSION version]' }),
  command('time', 1, 'loading stale fast', [], timeCommand, { since: '2.6.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'The server clock as Unix seconds and microseconds' }),
  command.container('memory', -2, { since: '4.0.0', complexity: 'Depends on the subcommand', summary: 'Inspect how memory is used' }, [
    command('purge', 2, '', [], () => OK, { since: '4.0.0', complexity: 'Depends on the allocator', tips: 'request_policy:all_shards response_policy:all_succeeded', summary: 'Ask the allocator to give freed pages back' }),
    command.help('memory', '4.0.0'),
    command('usage', -3, 'readonly', [key(2, 'RO')], lateHandler('memory|usage'), { since: '4.0.0', complexity: 'O(N) with N the number of samples', summary: 'Bytes a key and its value take in memory', syntax: 'key [SAMPLES count]' }),
    command('doctor', 2, '', [], lateHandler('memory|doctor'), { since: '4.0.0', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_shards response_policy:special', summary: 'A short report on memory problems, if any' }),
    command('malloc-stats', 2, '', [], memoryMallocStatsCommand, { since: '4.0.0', complexity: 'Depends on the allocator', tips: 'nondeterministic_output request_policy:all_shards response_policy:special', summary: "The memory allocator's own statistics" }),
    command('stats', 2, '', [], lateHandler('memory|stats'), { since: '4.0.0', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_shards response_policy:special', summary: 'Memory use broken down: overhead, dataset, per-database tables' }),
  ]),
  command.container('slowlog', -2, { since: '2.2.12', complexity: 'Depends on the subcommand', summary: 'Read or clear the log of slow commands' }, [
    command('len', 2, 'admin loading stale', [], slowlogLenCommand, { since: '2.2.12', complexity: 'O(1)', tips: 'request_policy:all_nodes response_policy:agg_sum nondeterministic_output', summary: 'How many entries the slow log holds' }),
    command('get', -2, 'admin loading stale', [], slowlogGetCommand, { since: '2.2.12', complexity: 'O(N) with N the number of entries returned', tips: 'request_policy:all_nodes nondeterministic_output', summary: 'The newest entries of the slow log', syntax: '[count]' }),
    command('reset', 2, 'admin loading stale', [], slowlogResetCommand, { since: '2.2.12', complexity: 'O(N) with N the number of entries', tips: 'request_policy:all_nodes response_policy:all_succeeded', summary: 'Empty the slow log' }),
    command.help('slowlog', '6.2.0'),
  ]),
  command.container('latency', -2, { since: '2.8.13', complexity: 'Depends on the subcommand', summary: 'Inspect latency spikes and per-command latency' }, [
    command('graph', 3, 'admin noscript loading stale', [], lateHandler('latency|graph'), { since: '2.8.13', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_nodes response_policy:special', summary: 'An ASCII graph of the latency samples of an event', syntax: 'event' }),
    command('reset', -2, 'admin noscript loading stale', [], lateHandler('latency|reset'), { since: '2.8.13', complexity: 'O(1)', tips: 'request_policy:all_nodes response_policy:all_succeeded', summary: 'Forget the latency samples of some or all events', syntax: '[event [event ...]]' }),
    command.help('latency', '2.8.13'),
    command('latest', 2, 'admin noscript loading stale', [], lateHandler('latency|latest'), { since: '2.8.13', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_nodes response_policy:special', summary: 'The latest latency sample of every event' }),
    command('histogram', -2, 'admin noscript loading stale', [], lateHandler('latency|histogram'), { since: '7.0.0', complexity: 'O(N) with N the number of commands reported', tips: 'nondeterministic_output request_policy:all_nodes response_policy:special', summary: 'Latency distribution of the named commands, or of all of them', syntax: '[command [command ...]]' }),
    command('doctor', 2, 'admin noscript loading stale', [], lateHandler('latency|doctor'), { since: '2.8.13', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_nodes response_policy:special', summary: 'A human-readable latency report' }),
    command('history', 3, 'admin noscript loading stale', [], lateHandler('latency|history'), { since: '2.8.13', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_nodes response_policy:special', summary: 'The latency samples recorded for an event', syntax: 'event' }),
  ]),
  command('role', 1, 'noscript loading stale fast', [], lateHandler('role'), { since: '2.8.12', complexity: 'O(1)', acl: 'admin dangerous', summary: "This server's replication role: master, its offset and its replicas" }),
  command('sync', 1, 'admin noscript no_async_loading no_multi', [], lateHandler('sync'), { since: '1.0.0', complexity: '', summary: 'Become a replica: the dataset as an RDB payload, then the stream of writes' }),
  command('psync', -3, 'admin noscript no_async_loading no_multi', [], lateHandler('psync'), { since: '2.8.0', complexity: '', summary: 'Become a replica, continuing from an offset of a replication ID when the backlog still holds it', syntax: 'replicationid offset' }),
  command('replicaof', 3, 'admin noscript stale no_async_loading', [], lateHandler('replicaof'), { since: '5.0.0', complexity: 'O(1)', summary: 'Replicate another server (host port), or stop replicating and become a master (NO ONE)', syntax: 'host port|NO ONE' }),
  command('slaveof', 3, 'admin noscript stale no_async_loading', [], lateHandler('slaveof'), { since: '1.0.0', complexity: 'O(1)', summary: 'Replicate another server, or become a master (deprecated: REPLICAOF)', syntax: 'host port|NO ONE' }),
  command('replconf', -1, 'admin noscript loading stale allow_busy', [], lateHandler('replconf'), { since: '3.0.0', complexity: 'O(1)', summary: "A replica's settings for its master (listening port, address, capabilities) and its acknowledged offsets" }),
];
