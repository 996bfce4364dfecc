// The SCRIPTING group (Redis's eval.c and functions.c): EVAL, EVALSHA, EVAL_RO, EVALSHA_RO,
// SCRIPT, FCALL, FCALL_RO and FUNCTION. The Lua states, the script cache, the libraries and the
// run live in engine/scripting/ (scripting.ts, functions.ts).

import type { Client } from '../client.js';
import type { CommandSpec, Handler } from '../command.js';
import { commandGroup, keyNum } from '../command-decl.js';
import type { LuaHandlers } from '../scripting/handlers.js';
import { BUSY_EVAL, scriptKill } from '../scripting/script-run.js';
import { array, bulk, error, int, map, NIL, OK, type Reply } from '../../shared/reply.js';

/** An engine made without Lua (EngineOptions.scripting), or whose Lua could not be fetched. */
const NO_LUA = error('ERR Lua scripting is not available in this engine');

/** A handler that comes with Lua's chunk (scripting/handlers.ts), reached through the engine's Lua. */
function withLua(name: keyof LuaHandlers): Handler {
  return (c, argv) => {
    const scripting = c.engine.scripting;
    return scripting === null ? NO_LUA : scripting.handlers[name](c, argv, scripting);
  };
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

// ---- FCALL and FUNCTION (functions.c) ---------------------------------------------------------

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

const command = commandGroup('scripting', 'scripting');
const ALL_SUCCEEDED = 'request_policy:all_shards response_policy:all_succeeded';
const RW_NOTES = 'We cannot tell how the keys will be used so we assume the worst, RW and UPDATE';
const RO_NOTES = 'We cannot tell how the keys will be used so we assume the worst, RO and ACCESS';

// One line a command, so the table reads as a table.
// prettier-ignore
export const scriptingCommands: CommandSpec[] = [
  command('eval', -3, 'noscript stale skip_monitor may_replicate no_mandatory_keys', [{ notes: RW_NOTES, ...keyNum(2, 'RW access update') }], withLua('eval'), { since: '2.6.0', complexity: 'Depends on the script that is executed.', summary: 'Run a Lua script on the server', syntax: 'script numkeys [key [key ...]] [arg [arg ...]]' }),
  command('evalsha', -3, 'noscript stale skip_monitor may_replicate no_mandatory_keys', [keyNum(2, 'RW access update')], withLua('evalsha'), { since: '2.6.0', complexity: 'Depends on the script that is executed.', summary: 'Run a cached Lua script, named by its SHA1 digest', syntax: 'sha1 numkeys [key [key ...]] [arg [arg ...]]' }),
  command('eval_ro', -3, 'readonly noscript stale skip_monitor no_mandatory_keys', [{ notes: RO_NOTES, ...keyNum(2, 'RO access') }], withLua('eval'), { since: '7.0.0', complexity: 'Depends on the script that is executed.', summary: 'Run a Lua script that may not write', syntax: 'script numkeys [key [key ...]] [arg [arg ...]]' }),
  command('evalsha_ro', -3, 'readonly noscript stale skip_monitor no_mandatory_keys', [keyNum(2, 'RO access')], withLua('evalsha'), { since: '7.0.0', complexity: 'Depends on the script that is executed.', summary: 'Run a cached Lua script that may not write', syntax: 'sha1 numkeys [key [key ...]] [arg [arg ...]]' }),
  command.container('script', -2, { since: '2.6.0', complexity: 'Depends on subcommand.', summary: 'Manage the script cache' }, [
    command('debug', 3, 'noscript', [], scriptDebug, { since: '3.2.0', complexity: 'O(1)', summary: 'Choose the debug mode of the next scripts (the debugger is not available here)', syntax: 'YES|SYNC|NO' }),
    command('exists', -3, 'noscript', [], scriptExists, { since: '2.6.0', complexity: 'O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).', tips: 'request_policy:all_shards response_policy:agg_logical_and', summary: 'Tell for each SHA1 digest whether the script is cached', syntax: 'sha1 [sha1 ...]' }),
    command('flush', -2, 'noscript', [], scriptFlush, { since: '2.6.0', complexity: 'O(N) with N being the number of scripts in cache', tips: 'request_policy:all_nodes response_policy:all_succeeded', summary: 'Empty the script cache', syntax: '[ASYNC|SYNC]' }),
    command.help('script', '5.0.0'),
    command('kill', 2, 'noscript allow_busy', [], scriptKillCommand, { since: '2.6.0', complexity: 'O(1)', tips: 'request_policy:all_shards response_policy:one_succeeded', summary: 'Stop the script running now, if it has not written yet' }),
    command('load', 3, 'noscript stale', [], withLua('scriptLoad'), { since: '2.6.0', complexity: 'O(N) with N being the length in bytes of the script body.', tips: 'request_policy:all_nodes response_policy:all_succeeded', summary: 'Compile a script into the cache without running it', syntax: 'script' }),
  ]),
  command('fcall', -3, 'noscript stale skip_monitor may_replicate no_mandatory_keys', [{ notes: RW_NOTES, ...keyNum(2, 'RW access update') }], withLua('fcall'), { since: '7.0.0', complexity: 'Depends on the function that is executed.', summary: 'Call a function of a loaded library', syntax: 'function numkeys [key [key ...]] [arg [arg ...]]' }),
  command('fcall_ro', -3, 'readonly noscript stale skip_monitor no_mandatory_keys', [{ notes: RO_NOTES, ...keyNum(2, 'RO access') }], withLua('fcall'), { since: '7.0.0', complexity: 'Depends on the function that is executed.', summary: 'Call a function that may not write', syntax: 'function numkeys [key [key ...]] [arg [arg ...]]' }),
  command.container('function', -2, { since: '7.0.0', complexity: 'Depends on subcommand.', summary: 'Manage function libraries' }, [
    command('delete', 3, 'noscript write', [], withLua('functionDelete'), { since: '7.0.0', complexity: 'O(1)', tips: ALL_SUCCEEDED, summary: 'Delete a library and its functions', syntax: 'library-name' }),
    command('dump', 2, 'noscript', [], withLua('functionDump'), { since: '7.0.0', complexity: 'O(N) where N is the number of functions', summary: 'Serialize every library into a payload FUNCTION RESTORE reads' }),
    command('flush', -2, 'noscript write', [], withLua('functionFlush'), { since: '7.0.0', complexity: 'O(N) where N is the number of functions deleted', tips: ALL_SUCCEEDED, summary: 'Delete every library', syntax: '[ASYNC|SYNC]' }),
    command.help('function', '7.0.0'),
    command('kill', 2, 'noscript allow_busy', [], functionKill, { since: '7.0.0', complexity: 'O(1)', tips: 'request_policy:all_shards response_policy:one_succeeded', summary: 'Stop the function running now, if it has not written yet' }),
    command('list', -2, 'noscript', [], withLua('functionList'), { since: '7.0.0', complexity: 'O(N) where N is the number of functions', tips: 'nondeterministic_output_order', summary: 'List the libraries, their functions and flags, optionally their code', syntax: '[LIBRARYNAME library-name-pattern] [WITHCODE]' }),
    command('load', -3, 'noscript write denyoom', [], withLua('functionLoad'), { since: '7.0.0', complexity: 'O(1) (considering compilation time is redundant)', tips: ALL_SUCCEEDED, summary: 'Load a library of functions from its code', syntax: '[REPLACE] function-code' }),
    command('restore', -3, 'noscript write denyoom', [], withLua('functionRestore'), { since: '7.0.0', complexity: 'O(N) where N is the number of functions on the payload', tips: ALL_SUCCEEDED, summary: 'Load the libraries of a FUNCTION DUMP payload', syntax: 'serialized-value [FLUSH|APPEND|REPLACE]' }),
    command('stats', 2, 'noscript allow_busy', [], functionStats, { since: '7.0.0', complexity: 'O(1)', tips: 'nondeterministic_output request_policy:all_shards response_policy:special', summary: 'Tell which function is running and how many libraries and functions there are' }),
  ]),
];
