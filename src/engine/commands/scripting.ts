// The SCRIPTING group (Redis's eval.c): EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT. The Lua
// state, the script cache and the run live in engine/scripting/scripting.ts.

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, keyNum } from '../command-decl.js';
import { helpReply } from '../help-reply.js';
import { parseInt64 } from '../numbers.js';
import { NOSCRIPT, NOTBUSY } from '../scripting/errors.js';
import * as E from '../../shared/errors.js';
import { array, bulk, error, int, OK, type Reply } from '../../shared/reply.js';

const NOSCRIPT_R = error(NOSCRIPT);
/** An engine made without Lua (EngineOptions.scripting), or whose Lua could not be fetched. */
const NO_LUA = error('ERR Lua scripting is not available in this engine');

/** evalGenericCommand. */
function evalGeneric(c: Client, argv: string[], evalsha: boolean, ro: boolean): Reply {
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
  return scripting.eval(c, sha, script, argv.slice(3, 3 + numkeys), argv.slice(3 + numkeys), ro);
}

/** evalCommand: MONITOR shows the EVAL before the commands its script runs. */
function feedMonitor(c: Client, argv: string[]): void {
  const engine = c.engine;
  if (engine.pubsub.monitors.size !== 0) engine.pubsub.feedMonitors(c, c.db.id, argv, engine.clock.now());
}

function evalCommand(c: Client, argv: string[]): Reply {
  feedMonitor(c, argv);
  return evalGeneric(c, argv, false, argv[0]!.toLowerCase() === 'eval_ro');
}

function evalshaCommand(c: Client, argv: string[]): Reply {
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

function scriptKill(): Reply {
  // runs end before another command is read: there is never one to kill (docs/LUA.md)
  return error(NOTBUSY);
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

const command = commandGroup('scripting', 'scripting');
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
    command.help('script', '5.0.0', (_c, argv) => helpReply(argv[0]!, SCRIPT_HELP)),
    command('kill', 2, 'noscript allow_busy', [], scriptKill, { since: '2.6.0', complexity: 'O(1)', tips: 'request_policy:all_shards response_policy:one_succeeded', summary: 'Stop the script running now, if it has not written yet' }),
    command('load', 3, 'noscript stale', [], scriptLoad, { since: '2.6.0', complexity: 'O(N) with N being the length in bytes of the script body.', tips: 'request_policy:all_nodes response_policy:all_succeeded', summary: 'Compile a script into the cache without running it', syntax: 'script' }),
  ]),
];
