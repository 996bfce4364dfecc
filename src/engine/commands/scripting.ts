// The SCRIPTING group (Redis's eval.c and functions.c): EVAL, EVALSHA, EVAL_RO, EVALSHA_RO,
// SCRIPT, FCALL, FCALL_RO and FUNCTION. The Lua states, the script cache, the libraries and the
// run live in engine/scripting/ (scripting.ts, functions.ts).

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, keyNum } from '../command-decl.js';
import { parseInt64 } from '../numbers.js';
import { bytesFromLatin1, latin1FromBytes } from '../rdb.js';
import { LOAD_TIMEOUT_MS, SCRIPT_FLAGS } from '../scripting/flags.js';
import type { Library } from '../scripting/functions.js';
import { BUSY_EVAL, scriptKill } from '../scripting/script-run.js';
import { NOSCRIPT } from '../scripting/errors.js';
import { cString, isOpt } from '../../shared/args.js';
import * as E from '../../shared/errors.js';
import { globMatch } from '../../shared/glob.js';
import { array, bulk, error, int, map, NIL, OK, set, simple, type Reply } from '../../shared/reply.js';

const NOSCRIPT_R = error(NOSCRIPT);
/** An engine made without Lua (EngineOptions.scripting), or whose Lua could not be fetched. */
const NO_LUA = error('ERR Lua scripting is not available in this engine');

/** evalGenericCommand. */
function evalGeneric(c: Client, argv: string[], evalsha: boolean, ro: boolean): Reply | null {
  // evalShaCommand: a name that is not 40 characters long cannot match
  if (evalsha && argv[1]!.length !== 40) return NOSCRIPT_R;
  const n = parseInt64(argv[2]!);
  if (n === null) return error(E.NOT_INTEGER);
  if (n > BigInt(argv.length - 3)) return error("ERR Number of keys can't be greater than number of args");
  if (n < 0n) return error("ERR Number of keys can't be negative");
  const numkeys = Number(n);
  const scripting = c.engine.scripting;
  if (scripting === null) return NO_LUA;
  let sha: string;
  let script;
  if (evalsha) {
    sha = argv[1]!.toLowerCase();
    script = scripting.scripts.get(sha);
    if (script === undefined) return NOSCRIPT_R;
  } else {
    const made = scripting.create(argv[1]!);
    if ('t' in made) return made;
    sha = made.sha;
    script = made.script;
  }
  return scripting.eval(c, argv, sha, script, argv.slice(3, 3 + numkeys), argv.slice(3 + numkeys), ro);
}

/** evalCommand: MONITOR shows the EVAL before the commands its script runs. */
function feedMonitor(c: Client, argv: string[]): void {
  const engine = c.engine;
  if (engine.pubsub.monitors.size !== 0) engine.pubsub.feedMonitors(c, c.db.id, argv, engine.clock.now());
}

function evalCommand(c: Client, argv: string[]): Reply | null {
  feedMonitor(c, argv);
  return evalGeneric(c, argv, false, argv[0]!.toLowerCase() === 'eval_ro');
}

function evalshaCommand(c: Client, argv: string[]): Reply | null {
  feedMonitor(c, argv);
  return evalGeneric(c, argv, true, argv[0]!.toLowerCase() === 'evalsha_ro');
}

function scriptLoad(c: Client, argv: string[]): Reply {
  const scripting = c.engine.scripting;
  if (scripting === null) return NO_LUA;
  const made = scripting.create(argv[2]!);
  return 't' in made ? made : bulk(made.sha);
}

function scriptExists(c: Client, argv: string[]): Reply {
  const scripts = c.engine.scriptingStarted?.scripts;
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) out.push(int(scripts?.has(argv[i]!.toLowerCase()) ? 1 : 0));
  return array(out);
}

function scriptFlush(c: Client, argv: string[]): Reply {
  if (argv.length > 3 || (argv.length === 3 && !['sync', 'async'].includes(argv[2]!.toLowerCase()))) {
    return error('ERR SCRIPT FLUSH only support SYNC|ASYNC option');
  }
  c.engine.scriptingStarted?.flush();
  return OK;
}

function scriptKillCommand(c: Client): Reply {
  return scriptKill(c.engine, true);
}

function scriptDebug(_c: Client, argv: string[]): Reply {
  const mode = argv[2]!.toLowerCase();
  if (mode === 'no') return OK;
  if (mode === 'yes' || mode === 'sync') return error('ERR The Lua debugger is not available in this playground');
  return error('ERR Use SCRIPT DEBUG YES/SYNC/NO');
}

const SCRIPT_HELP = [
  'DEBUG (YES|SYNC|NO)',
  '    Set the debug mode for subsequent scripts executed.',
  'EXISTS <sha1> [<sha1> ...]',
  '    Return information about the existence of the scripts in the script cache.',
  'FLUSH [ASYNC|SYNC]',
  '    Flush the Lua scripts cache. Very dangerous on replicas.',
  '    When called without the optional mode argument, the behavior is determined by the',
  '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  '    * ASYNC: Asynchronously flush the scripts cache.',
  '    * SYNC: Synchronously flush the scripts cache.',
  'KILL',
  '    Kill the currently executing Lua script.',
  'LOAD <script>',
  '    Load a script into the scripts cache without executing it.',
];

// ---- FCALL and FUNCTION (functions.c) ---------------------------------------------------------

/** fcallCommandGeneric: MONITOR first, then the function, the key count, the run. */
function fcallCommand(c: Client, argv: string[]): Reply | null {
  feedMonitor(c, argv);
  const functions = c.engine.scripting?.functions;
  if (functions === undefined) return NO_LUA;
  const fi = functions.ctx.getFunction(argv[1]!);
  if (fi === undefined) return error('ERR Function not found');
  const n = parseInt64(argv[2]!);
  if (n === null) return error('ERR Bad number of keys provided');
  if (n > BigInt(argv.length - 3)) return error("ERR Number of keys can't be greater than number of args");
  if (n < 0n) return error("ERR Number of keys can't be negative");
  const numkeys = Number(n);
  const ro = argv[0]!.toLowerCase() === 'fcall_ro';
  return functions.fcall(c, argv, fi, argv.slice(3, 3 + numkeys), argv.slice(3 + numkeys), ro);
}

/** addReplySubcommandSyntaxError. */
function subcommandSyntaxError(argv: string[]): Reply {
  return error(`ERR unknown subcommand or wrong number of arguments for '${cString(argv[1]!).slice(0, 128)}'. Try ${cString(argv[0]!).toUpperCase()} HELP.`);
}

/** FUNCTION LOAD [REPLACE] code */
function functionLoad(c: Client, argv: string[]): Reply {
  let replace = false;
  for (let i = 2; i < argv.length - 1; i++) {
    if (!isOpt(argv[i]!, 'replace')) return error(`ERR Unknown option given: ${cString(argv[i]!)}`);
    replace = true;
  }
  const functions = c.engine.scripting?.functions;
  if (functions === undefined) return NO_LUA;
  const made = functions.create(argv[argv.length - 1]!, replace, functions.ctx, LOAD_TIMEOUT_MS);
  if ('error' in made) return error(`ERR ${made.error}`);
  c.engine.changesSinceLastSave++;
  return bulk(made.name);
}

/** FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE] */
function functionList(c: Client, argv: string[]): Reply {
  let withCode = false;
  let pattern: string | null = null;
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]!;
    if (!withCode && isOpt(a, 'withcode')) {
      withCode = true;
      continue;
    }
    if (pattern === null && isOpt(a, 'libraryname')) {
      if (i >= argv.length - 1) return error('ERR library name argument was not given');
      pattern = argv[++i]!;
      continue;
    }
    return error(`ERR Unknown argument ${cString(a)}`);
  }
  const out: Reply[] = [];
  for (const li of c.engine.scriptingStarted?.functionsStarted?.ctx.libraries.values() ?? []) {
    if (pattern !== null && !globMatch(pattern, li.name, true)) continue;
    out.push(libraryReply(li, withCode));
  }
  return array(out);
}

function libraryReply(li: Library, withCode: boolean): Reply {
  const functions: Reply[] = [];
  for (const fi of li.functions.values()) {
    const flags = SCRIPT_FLAGS.filter(([, bit]) => (fi.flags & bit) !== 0).map(([name]) => simple(name));
    functions.push(
      map([
        [bulk('name'), bulk(fi.name)],
        [bulk('description'), fi.desc === null ? NIL : bulk(fi.desc)],
        [bulk('flags'), set(flags)],
      ]),
    );
  }
  const fields: [Reply, Reply][] = [
    [bulk('library_name'), bulk(li.name)],
    [bulk('engine'), bulk(li.engine)],
    [bulk('functions'), array(functions)],
  ];
  if (withCode) fields.push([bulk('library_code'), bulk(li.code)]);
  return map(fields);
}

function functionDelete(c: Client, argv: string[]): Reply {
  const ctx = c.engine.scriptingStarted?.functionsStarted?.ctx;
  const li = ctx?.libraries.get(argv[2]!);
  if (ctx === undefined || li === undefined) return error('ERR Library not found');
  ctx.unlink(li);
  c.engine.changesSinceLastSave++;
  return OK;
}

function functionFlush(c: Client, argv: string[]): Reply {
  if (argv.length > 3) return subcommandSyntaxError(argv);
  if (argv.length === 3 && !isOpt(argv[2]!, 'sync') && !isOpt(argv[2]!, 'async')) {
    return error('ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
  }
  const functions = c.engine.scriptingStarted?.functionsStarted;
  functions?.clear();
  c.engine.changesSinceLastSave++;
  return OK;
}

function functionDump(c: Client): Reply {
  const compression = (c.engine.config.get('rdbcompression') ?? 'yes') !== 'no';
  const functions = c.engine.scripting?.functions;
  if (functions === undefined) return NO_LUA;
  return bulk(latin1FromBytes(functions.dump(compression)));
}

function functionRestore(c: Client, argv: string[]): Reply {
  if (argv.length > 4) return subcommandSyntaxError(argv);
  let policy: 'flush' | 'append' | 'replace' = 'append';
  if (argv.length === 4) {
    const p = argv[3]!;
    if (isOpt(p, 'append')) policy = 'append';
    else if (isOpt(p, 'replace')) policy = 'replace';
    else if (isOpt(p, 'flush')) policy = 'flush';
    else return error('ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.');
  }
  const functions = c.engine.scripting?.functions;
  if (functions === undefined) return NO_LUA;
  const err = functions.restore(bytesFromLatin1(argv[2]!), policy);
  if (err !== null) return error(`ERR ${err}`);
  c.engine.changesSinceLastSave++;
  return OK;
}

/** functionStatsCommand: the running function, if any (a running EVAL answers BUSY), and the counts. */
function functionStats(c: Client): Reply {
  const run = c.engine.scriptRun;
  if (run !== null && run.spec.mode === 'eval') return error(BUSY_EVAL);
  const ctx = c.engine.scriptingStarted?.functionsStarted?.ctx;
  const running =
    run === null
      ? NIL
      : map([
          [bulk('name'), bulk(run.spec.name)],
          [bulk('command'), array(run.spec.argv.map((a) => bulk(a)))],
          [bulk('duration_ms'), int(Math.trunc(c.engine.monotonic() - run.startedAt))],
        ]);
  return map([
    [bulk('running_script'), running],
    [
      bulk('engines'),
      map([
        [
          bulk('LUA'),
          map([
            [bulk('libraries_count'), int(ctx?.libraries.size ?? 0)],
            [bulk('functions_count'), int(ctx?.functionCount() ?? 0)],
          ]),
        ],
      ]),
    ],
  ]);
}

function functionKill(c: Client): Reply {
  return scriptKill(c.engine, false);
}

const FUNCTION_HELP = [
  'LOAD [REPLACE] <FUNCTION CODE>',
  '    Create a new library with the given library name and code.',
  'DELETE <LIBRARY NAME>',
  '    Delete the given library.',
  'LIST [LIBRARYNAME PATTERN] [WITHCODE]',
  '    Return general information on all the libraries:',
  '    * Library name',
  '    * The engine used to run the Library',
  '    * Library description',
  '    * Functions list',
  '    * Library code (if WITHCODE is given)',
  '    It also possible to get only function that matches a pattern using LIBRARYNAME argument.',
  'STATS',
  '    Return information about the current function running:',
  '    * Function name',
  '    * Command used to run the function',
  '    * Duration in MS that the function is running',
  '    If no function is running, return nil',
  '    In addition, returns a list of available engines.',
  'KILL',
  '    Kill the current running function.',
  'FLUSH [ASYNC|SYNC]',
  '    Delete all the libraries.',
  '    When called without the optional mode argument, the behavior is determined by the',
  '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  '    * ASYNC: Asynchronously flush the libraries.',
  '    * SYNC: Synchronously flush the libraries.',
  'DUMP',
  '    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command',
  'RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]',
  '    Restore the libraries represented by the given payload, it is possible to give a restore policy to',
  '    control how to handle existing libraries (default APPEND):',
  '    * FLUSH: delete all existing libraries.',
  '    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.',
  '    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old',
  '      libraries with the new libraries (notice that even on this option there is a chance of failure',
  '      in case of functions name collision with another library).',
];

const command = commandGroup('scripting', 'scripting');
const ALL_SUCCEEDED = 'request_policy:all_shards response_policy:all_succeeded';
const RW_NOTES = 'We cannot tell how the keys will be used so we assume the worst, RW and UPDATE';
const RO_NOTES = 'We cannot tell how the keys will be used so we assume the worst, RO and ACCESS';

// One line a command, so the table reads as a table.
// prettier-ignore
export const scriptingCommands: CommandSpec[] = [
  command('eval', -3, 'noscript stale skip_monitor no_mandatory_keys', [{ notes: RW_NOTES, ...keyNum(2, 'RW access update') }], evalCommand, { since: '2.6.0', complexity: 'Depends on the script that is executed.', summary: 'Run a Lua script on the server', syntax: 'script numkeys [key [key ...]] [arg [arg ...]]' }),
  command('evalsha', -3, 'noscript stale skip_monitor no_mandatory_keys', [keyNum(2, 'RW access update')], evalshaCommand, { since: '2.6.0', complexity: 'Depends on the script that is executed.', summary: 'Run a cached Lua script, named by its SHA1 digest', syntax: 'sha1 numkeys [key [key ...]] [arg [arg ...]]' }),
  command('eval_ro', -3, 'readonly noscript stale skip_monitor no_mandatory_keys', [{ notes: RO_NOTES, ...keyNum(2, 'RO access') }], evalCommand, { since: '7.0.0', complexity: 'Depends on the script that is executed.', summary: 'Run a Lua script that may not write', syntax: 'script numkeys [key [key ...]] [arg [arg ...]]' }),
  command('evalsha_ro', -3, 'readonly noscript stale skip_monitor no_mandatory_keys', [keyNum(2, 'RO access')], evalshaCommand, { since: '7.0.0', complexity: 'Depends on the script that is executed.', summary: 'Run a cached Lua script that may not write', syntax: 'sha1 numkeys [key [key ...]] [arg [arg ...]]' }),
  command.container('script', -2, { since: '2.6.0', complexity: 'Depends on subcommand.', summary: 'Manage the script cache' }, [
    command('debug', 3, 'noscript', [], scriptDebug, { since: '3.2.0', complexity: 'O(1)', summary: 'Choose the debug mode of the next scripts (the debugger is not available here)', syntax: 'YES|SYNC|NO' }),
    command('exists', -3, 'noscript', [], scriptExists, { since: '2.6.0', complexity: 'O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).', tips: 'request_policy:all_shards response_policy:agg_logical_and', summary: 'Tell for each SHA1 digest whether the script is cached', syntax: 'sha1 [sha1 ...]' }),
    command('flush', -2, 'noscript', [], scriptFlush, { since: '2.6.0', complexity: 'O(N) with N being the number of scripts in cache', tips: 'request_policy:all_nodes response_policy:all_succeeded', summary: 'Empty the script cache', syntax: '[ASYNC|SYNC]' }),
    command.help('script', '5.0.0', SCRIPT_HELP),
    command('kill', 2, 'noscript allow_busy', [], scriptKillCommand, { since: '2.6.0', complexity: 'O(1)', tips: 'request_policy:all_shards response_policy:one_succeeded', summary: 'Stop the script running now, if it has not written yet' }),
    command('load', 3, 'noscript stale', [], scriptLoad, { since: '2.6.0', complexity: 'O(N) with N being the length in bytes of the script body.', tips: 'request_policy:all_nodes response_policy:all_succeeded', summary: 'Compile a script into the cache without running it', syntax: 'script' }),
  ]),
  command('fcall', -3, 'noscript stale skip_monitor no_mandatory_keys', [{ notes: RW_NOTES, ...keyNum(2, 'RW access update') }], fcallCommand, { since: '7.0.0', complexity: 'Depends on the function that is executed.', summary: 'Call a function of a loaded library', syntax: 'function numkeys [key [key ...]] [arg [arg ...]]' }),
  command('fcall_ro', -3, 'readonly noscript stale skip_monitor no_mandatory_keys', [{ notes: RO_NOTES, ...keyNum(2, 'RO access') }], fcallCommand, { since: '7.0.0', complexity: 'Depends on the function that is executed.', summary: 'Call a function that may not write', syntax: 'function numkeys [key [key ...]] [arg [arg ...]]' }),
  command.container('function', -2, { since: '7.0.0', complexity: 'Depends on subcommand.', summary: 'Manage function libraries' }, [
    command('delete', 3, 'noscript write', [], functionDelete, { since: '7.0.0', complexity: 'O(1)', tips: ALL_SUCCEEDED, summary: 'Delete a library and its functions', syntax: 'library-name' }),
    command('dump', 2, 'noscript', [], functionDump, { since: '7.0.0', complexity: 'O(N) where N is the number of functions', summary: 'Serialize every library into a payload FUNCTION RESTORE reads' }),
    command('flush', -2, 'noscript write', [], functionFlush, { since: '7.0.0', complexity: 'O(N) where N is the number of functions deleted', tips: ALL_SUCCEEDED, summary: 'Delete every library', syntax: '[ASYNC|SYNC]' }),
    command.help('function', '7.0.0', FUNCTION_HELP),
    command('kill', 2, 'noscript allow_busy', [], functionKill, { since: '7.0.0', complexity: 'O(1)', tips: 'request_policy:all_shards response_policy:one_succeeded', summary: 'Stop the function running now, if it has not written yet' }),
    command('list', -2, 'noscript', [], functionList, { since: '7.0.0', complexity: 'O(N) where N is the number of functions', tips: 'nondeterministic_output_order', summary: 'List the libraries, their functions and flags, optionally their code', syntax: '[LIBRARYNAME library-name-pattern] [WITHCODE]' }),
    command('load', -3, 'noscript write denyoom', [], functionLoad, { since: '7.0.0', complexity: 'O(1) (considering compilation time is redundant)', tips: ALL_SUCCEEDED, summary: 'Load a library of functions from its code', syntax: '[REPLACE] function-code' }),
    command('restore', -3, 'noscript write denyoom', [], functionRestore, { since: '7.0.0', complexity: 'O(N) where N is the number of functions on the payload', tips: ALL_SUCCEEDED, summary: 'Load the libraries of a FUNCTION DUMP payload', syntax: 'serialized-value [FLUSH|APPEND|REPLACE]' }),
    command('stats', 2, 'noscript allow_busy', [], functionStats, { since: '7.0.0', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_shards response_policy:special', summary: 'Tell which function is running and how many libraries and functions there are' }),
  ]),
];
