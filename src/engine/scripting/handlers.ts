// The scripting commands' handlers that need Lua or FUNCTION's libraries (eval.c,
// functions.c). They come with Lua's chunk: the command table (commands/scripting.ts) reaches
// them through Scripting.handlers, so the engine's first chunk does not carry them.

import type { Client } from '../client.js';
import { parseInt64 } from '../numbers.js';
import { bytesFromLatin1, latin1FromBytes } from '../rdb-encodings.js';
import { LOAD_TIMEOUT_MS, SCRIPT_FLAGS } from './flags.js';
import type { Library } from './functions.js';
import { NOSCRIPT } from './errors.js';
import type { Scripting } from './scripting.js';
import { cString, isOpt } from '../../shared/args.js';
import * as E from '../../shared/errors.js';
import { globMatch } from '../../shared/glob.js';
import { array, bulk, error, map, NIL, OK, set, simple, type Reply } from '../../shared/reply.js';

const NOSCRIPT_R = error(NOSCRIPT);

/** evalGenericCommand. */
function evalGeneric(c: Client, argv: string[], s: Scripting, evalsha: boolean): Reply | null {
  const ro = argv[0]!.toLowerCase().endsWith('_ro');
  // evalShaCommand: a name that is not 40 characters long cannot match
  if (evalsha && argv[1]!.length !== 40) return NOSCRIPT_R;
  const n = parseInt64(argv[2]!);
  if (n === null) return error(E.NOT_INTEGER);
  if (n > BigInt(argv.length - 3)) return error("ERR Number of keys can't be greater than number of args");
  if (n < 0n) return error("ERR Number of keys can't be negative");
  const numkeys = Number(n);
  let sha: string;
  let script;
  if (evalsha) {
    sha = argv[1]!.toLowerCase();
    script = s.scripts.get(sha);
    if (script === undefined) return NOSCRIPT_R;
  } else {
    const made = s.create(argv[1]!);
    if ('t' in made) return made;
    sha = made.sha;
    script = made.script;
  }
  return s.eval(c, argv, sha, script, argv.slice(3, 3 + numkeys), argv.slice(3 + numkeys), ro);
}

/** evalCommand: MONITOR shows the EVAL before the commands its script runs. */
function feedMonitor(c: Client, argv: string[]): void {
  const engine = c.engine;
  if (engine.pubsub.monitors.size !== 0) engine.pubsub.feedMonitors(c, c.db.id, argv, engine.clock.now());
}

function scriptLoad(_c: Client, argv: string[], s: Scripting): Reply {
  const made = s.create(argv[2]!);
  return 't' in made ? made : bulk(made.sha);
}

/** fcallCommandGeneric: MONITOR first, then the function, the key count, the run. */
function fcallCommand(c: Client, argv: string[], s: Scripting): Reply | null {
  feedMonitor(c, argv);
  const functions = s.functions;
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
function functionLoad(c: Client, argv: string[], s: Scripting): Reply {
  let replace = false;
  for (let i = 2; i < argv.length - 1; i++) {
    if (!isOpt(argv[i]!, 'replace')) return error(`ERR Unknown option given: ${cString(argv[i]!)}`);
    replace = true;
  }
  const functions = s.functions;
  const made = functions.create(argv[argv.length - 1]!, replace, functions.ctx, LOAD_TIMEOUT_MS);
  if ('error' in made) return error(`ERR ${made.error}`);
  c.engine.changesSinceLastSave++;
  return bulk(made.name);
}

/** FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE] */
function functionList(_c: Client, argv: string[], s: Scripting): Reply {
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
  for (const li of s.functionsStarted?.ctx.libraries.values() ?? []) {
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

function functionDelete(c: Client, argv: string[], s: Scripting): Reply {
  const ctx = s.functionsStarted?.ctx;
  const li = ctx?.libraries.get(argv[2]!);
  if (ctx === undefined || li === undefined) return error('ERR Library not found');
  ctx.unlink(li);
  c.engine.changesSinceLastSave++;
  return OK;
}

function functionFlush(c: Client, argv: string[], s: Scripting): Reply {
  if (argv.length > 3) return subcommandSyntaxError(argv);
  if (argv.length === 3 && !isOpt(argv[2]!, 'sync') && !isOpt(argv[2]!, 'async')) {
    return error('ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
  }
  const functions = s.functionsStarted;
  functions?.clear();
  c.engine.changesSinceLastSave++;
  return OK;
}

function functionDump(c: Client, _argv: string[], s: Scripting): Reply {
  const compression = (c.engine.config.get('rdbcompression') ?? 'yes') !== 'no';
  const functions = s.functions;
  return bulk(latin1FromBytes(functions.dump(compression)));
}

function functionRestore(c: Client, argv: string[], s: Scripting): Reply {
  if (argv.length > 4) return subcommandSyntaxError(argv);
  let policy: 'flush' | 'append' | 'replace' = 'append';
  if (argv.length === 4) {
    const p = argv[3]!;
    if (isOpt(p, 'append')) policy = 'append';
    else if (isOpt(p, 'replace')) policy = 'replace';
    else if (isOpt(p, 'flush')) policy = 'flush';
    else return error('ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.');
  }
  const functions = s.functions;
  const err = functions.restore(bytesFromLatin1(argv[2]!), policy);
  if (err !== null) return error(`ERR ${err}`);
  c.engine.changesSinceLastSave++;
  return OK;
}

/** What commands/scripting.ts's table calls, by name. */
export const luaHandlers = {
  eval: (c: Client, argv: string[], s: Scripting) => {
    feedMonitor(c, argv);
    return evalGeneric(c, argv, s, false);
  },
  evalsha: (c: Client, argv: string[], s: Scripting) => {
    feedMonitor(c, argv);
    return evalGeneric(c, argv, s, true);
  },
  scriptLoad,
  fcall: fcallCommand,
  functionLoad,
  functionList,
  functionDelete,
  functionFlush,
  functionDump,
  functionRestore,
};

export type LuaHandlers = typeof luaHandlers;
