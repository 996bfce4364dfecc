// EVAL's machinery (Redis 7.0's eval.c, script.c, script_lua.c): one Lua 5.1 state per engine
// with Redis's sandbox and `redis` table, the scripts cached by SHA-1, the client scripts run
// their commands as (MONITOR shows it as `lua`), and one run at a time.

import type { Client } from '../client.js';
import type { Engine, ScriptingFactory } from '../engine.js';
import { openRedisLibs } from '../lua/redis-libs.js';
import { LuaState, LuaSyntaxError } from '../lua/state.js';
import { formatG, LuaError, LuaFunction, LuaTable, numberToString, toNumber, type LuaValue } from '../lua/value.js';
import * as E from '../../shared/errors.js';
import { error, type Reply } from '../../shared/reply.js';
import { errorTable, luaToReply, replyToLua } from './convert.js';
import { Rand48 } from './rand48.js';
import { FLAG_ALLOW_OOM, FLAG_EVAL_COMPAT, FLAG_NO_WRITES, SCRIPT_FLAGS } from './flags.js';
import { Functions } from './functions.js';
import { luaHandlers } from './handlers.js';
import { sha1hex } from './sha1.js';
import { aclErrorMessage, ACL_OK } from '../acl-denial.js';

export { FLAG_ALLOW_CROSS_SLOT, FLAG_ALLOW_OOM, FLAG_ALLOW_STALE, FLAG_EVAL_COMPAT, FLAG_NO_CLUSTER, FLAG_NO_WRITES } from './flags.js';

const LOG_LEVELS = ['debug', 'verbose', 'notice', 'warning'];

/** scriptPrepareForRun's SCRIPT_ALLOW_OOM: a script with a shebang that says allow-oom. */
export function allowOomRun(flags: number): boolean {
  return (flags & FLAG_EVAL_COMPAT) === 0 && (flags & FLAG_ALLOW_OOM) !== 0;
}

/** Whether a run may not write: an *_RO command, or a script that says no-writes. */
export function readOnlyRun(flags: number, ro: boolean): boolean {
  return ro || ((flags & FLAG_EVAL_COMPAT) === 0 && (flags & FLAG_NO_WRITES) !== 0);
}

export interface CachedScript {
  body: string;
  fn: LuaFunction;
  flags: number;
}

/** scriptRunCtx: the run in progress, EVAL's or FCALL's. */
export interface RunContext {
  caller: Client;
  /** The engine's client the script's commands run as (lua_client, or the function engine's). */
  client: Client;
  /** What errors name: the script's SHA-1, or the function's name (run_ctx->funcname). */
  name: string;
  readOnly: boolean;
  /** A write command ran (SCRIPT_WRITE_DIRTY). */
  dirty: boolean;
  /** EVAL rather than FCALL (SCRIPT_EVAL_MODE). */
  evalMode: boolean;
  /** The script declares allow-oom (SCRIPT_ALLOW_OOM): its writes run over maxmemory too. */
  allowOom: boolean;
}

export class Scripting {
  L: LuaState;
  readonly scripts = new Map<string, CachedScript>();
  /** Redis's lrand48 state: one per server, SCRIPT FLUSH keeps it. */
  readonly rand = new Rand48();
  /** The client scripts' commands run as (Redis's lua_client, CLIENT_SCRIPT). */
  readonly luaClient: Client;
  /** Bytes of the cached bodies and names (lua_scripts_mem, roughly). */
  scriptsMemory = 0;
  private run: RunContext | null = null;
  /** The command line that started the run (the caller's EVAL or FCALL). */
  private runArgv: readonly string[] = [];
  private functionsState: Functions | null = null;
  /** The scripting commands' handlers that need Lua (handlers.ts), for the command table. */
  readonly handlers = luaHandlers;

  constructor(private readonly engine: Engine) {
    this.luaClient = engine.createScriptClient(1);
    this.L = this.newState(true);
  }

  /** FUNCTION's libraries and their Lua state (functions.c), made on first use. */
  get functions(): Functions {
    return (this.functionsState ??= new Functions(this.engine, this));
  }

  /** The libraries if any were ever made (INFO and saves read them without making them). */
  get functionsStarted(): Functions | null {
    return this.functionsState;
  }

  get running(): boolean {
    return this.run !== null;
  }

  /** SCRIPT FLUSH: the cache and the whole Lua state go (scriptingReset). */
  flush(): void {
    this.scripts.clear();
    this.scriptsMemory = 0;
    this.L = this.newState(true);
  }

  /** luaCreateFunction: the cached script for `body`, compiled now if new; else the error reply. */
  create(body: string): { sha: string; script: CachedScript } | Reply {
    const sha = sha1hex(body);
    const known = this.scripts.get(sha);
    if (known !== undefined) return { sha, script: known };
    const sb = extractShebang(body);
    if (typeof sb === 'string') return error(`ERR ${sb}`);
    let fn: LuaFunction;
    try {
      // the shebang line goes, its line feed stays: line numbers are the user's
      fn = this.L.load(body.slice(sb.length), '@user_script');
    } catch (e) {
      if (e instanceof LuaSyntaxError) return error(`ERR Error compiling script (new function): ${e.message}`);
      throw e;
    }
    const script = { body, fn, flags: sb.flags };
    this.scripts.set(sha, script);
    this.scriptsMemory += 40 + body.length;
    return { sha, script };
  }

  /**
   * getCommandFlags for EVAL & co. (evalGetCommandFlags) and FCALL & co. (fcallGetCommandFlags):
   * the flags the script or function declares (FLAG_*), or null where the command's own flags
   * stand (no shebang, an unknown script or function, a bad shebang).
   */
  declaredFlags(command: string, argv: readonly string[]): number | null {
    let flags: number;
    if (command === 'fcall' || command === 'fcall_ro') {
      const fi = this.functionsStarted?.ctx.getFunction(argv[1]!);
      if (fi === undefined) return null;
      flags = fi.flags;
    } else {
      const evalsha = command === 'evalsha' || command === 'evalsha_ro';
      const name = argv[1]!;
      if (evalsha && name.length !== 40) return null;
      const known = this.scripts.get(evalsha ? name.toLowerCase() : sha1hex(name));
      if (known !== undefined) flags = known.flags;
      else if (evalsha) return null;
      else {
        const sb = extractShebang(name);
        if (typeof sb === 'string') return null;
        flags = sb.flags;
      }
      if ((flags & FLAG_EVAL_COMPAT) !== 0) return null;
    }
    return flags;
  }

  /**
   * evalGenericCommand after the lookup: the checks of scriptPrepareForRun, then the run (its
   * reply, or null when it goes on after its first slice: engine.runScript).
   */
  eval(c: Client, argv: readonly string[], sha: string, script: CachedScript, keys: string[], args: string[], ro: boolean): Reply | null {
    const refused = this.prepareForRun(script.flags, ro);
    if (refused !== null) return refused;
    const L = this.L;
    L.globals.set('KEYS', arrayOf(keys));
    L.globals.set('ARGV', arrayOf(args));
    const readOnly = readOnlyRun(script.flags, ro);
    const ctx = { caller: c, client: this.luaClient, name: sha, readOnly, dirty: false, evalMode: true, allowOom: allowOomRun(script.flags) };
    return this.execute(ctx, L, script.fn, [], argv);
  }

  /** scriptPrepareForRun's refusals for a script with these flags (null: it may run). */
  prepareForRun(flags: number, ro: boolean): Reply | null {
    if ((flags & FLAG_EVAL_COMPAT) === 0 && (flags & FLAG_NO_WRITES) === 0) {
      if (this.engine.writesDeniedByDiskError()) {
        return error(
          "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Writable scripts are blocked. Use 'no-writes' flag for read only scripts.",
        );
      }
      if (ro) return error('ERR Can not execute a script with write flag using *_ro command.');
      // The OOM state at the command's start; no-writes implies allow-oom.
      const engine = this.engine;
      if ((flags & FLAG_ALLOW_OOM) === 0 && engine.config.maxmemory !== 0 && engine.evictor?.preCommandOom === true) return error(E.OOM_SCRIPT);
    }
    return null;
  }

  /**
   * The one run path of EVAL and FCALL (luaCallFunction): `fn(args)` on `L` in slices, its
   * commands run as `ctx.client`; the reply is what it returned or the error it raised, or null
   * when the run goes on after its first slice (engine.runScript delivers the reply later).
   */
  execute(ctx: RunContext, L: LuaState, fn: LuaFunction, args: LuaValue[], argv: readonly string[]): Reply | null {
    const lc = ctx.client;
    lc.db = ctx.caller.db;
    lc.resp = 2;
    this.run = ctx;
    this.runArgv = argv;
    // A script propagates its effects (the commands it ran), never itself.
    this.engine.preventPropagation(ctx.caller);
    const lua = L.start(fn, args);
    return this.engine.runScript({
      caller: ctx.caller,
      mode: ctx.evalMode ? 'eval' : 'function',
      name: ctx.name,
      argv,
      lua,
      kill: () => lua.interrupt(errorTable('Script killed by user with SCRIPT KILL...')),
      dirty: () => ctx.dirty,
      end: (r) => {
        this.run = null;
        if (r.status === 'ok') return luaToReply(r.values[0], lc.resp);
        return r.status === 'error' ? this.errorReply(r.value, r.origin, ctx.name) : error('ERR the script did not end');
      },
    });
  }

  /**
   * server.script_caller: the client whose EVAL or FCALL is running, with that command line
   * (client tracking remembers its declared keys when the script reads), or null.
   */
  scriptCaller(): { client: Client; argv: readonly string[] } | null {
    const ctx = this.run;
    return ctx === null ? null : { client: ctx.caller, argv: this.runArgv };
  }

  /** What Redis's __redis__err__handler and luaCallFunction make of an error raised in the script. */
  private errorReply(v: LuaValue, origin: { chunk: string; line: number } | undefined, sha: string): Reply {
    let msg: string;
    if (v instanceof LuaTable) {
      const err = v.get('err');
      msg = typeof err === 'string' ? err : typeof err === 'number' ? numberToString(err) : 'ERR unknown error';
    } else {
      msg =
        'ERR ' +
        (v === undefined
          ? 'nil'
          : typeof v === 'string'
            ? v
            : typeof v === 'number'
              ? numberToString(v)
              : typeof v === 'boolean'
                ? String(v)
                : 'error object is not a string');
    }
    if (origin === undefined) return error(msg);
    // the chunk's source as debug.getinfo gives it: the `@` that chunkId dropped comes back
    const source = origin.chunk === 'user_script' || origin.chunk === 'user_function' ? '@' + origin.chunk : origin.chunk;
    return error(`${msg} script: ${sha}, on ${source}:${origin.line}.`);
  }

  /** redis.call (raise) and redis.pcall: luaRedisGenericCommand and scriptCall. */
  private call(args: LuaValue[], raise: boolean): LuaValue[] {
    const fail = (msg: string): LuaValue[] => {
      const t = errorTable(msg, true);
      if (raise) throw new LuaError(t);
      return [t];
    };
    const ctx = this.run;
    if (ctx === null) return fail('redis.call/pcall can only be called inside a script invocation');
    const argv = toArgv(args);
    if (typeof argv === 'string') return fail(argv);
    const engine = this.engine;
    const cmd = engine.lookupCommand(argv);
    if (cmd === undefined || (cmd.arity > 0 && argv.length !== cmd.arity) || argv.length < -cmd.arity) {
      return fail(cmd === undefined ? 'Unknown Redis command called from script' : 'Wrong number of args calling Redis command from script');
    }
    if (cmd.flags.includes('noscript') && !engine.debugSettings.disableDenyScripts) return fail('This Redis command is not allowed from script');
    // scriptVerifyACL: the command runs as the script's caller's user.
    const lc = ctx.client;
    lc.user = ctx.caller.user;
    const check = engine.lateAcl().check(lc.user, cmd, argv);
    if (check.result !== ACL_OK) {
      engine.lateAcl().logDenial(lc, check, 'lua', cmd, argv);
      // scriptCall's error path: the command counts a rejected call.
      engine.countRejectedCall(cmd);
      return fail('The user executing the script ' + aclErrorMessage(check.result));
    }
    const write = cmd.flags.includes('write');
    if (ctx.readOnly && (write || cmd.flags.includes('may_replicate'))) return fail('Write commands are not allowed from read-only scripts.');
    if (write && !ctx.dirty && engine.writesDeniedByDiskError()) return fail('-' + E.MISCONF_BGSAVE);
    if (write && engine.refusesWrites(ctx.caller)) return fail('-' + E.READONLY_REPLICA);
    if (write && engine.config.minReplicasToWrite !== 0 && !engine.enoughGoodReplicas()) return fail('-' + E.NOREPLICAS);
    // scriptVerifyOOM: over maxmemory when the script began, its first write that may grow the
    // dataset is refused (after a write it cannot stop halfway).
    if (!ctx.allowOom && !ctx.dirty && engine.config.maxmemory !== 0 && engine.evictor?.preCommandOom === true && cmd.flags.includes('denyoom')) {
      return fail('-' + E.OOM);
    }
    if (write) ctx.dirty = true;
    const reply = engine.call(lc, cmd, argv);
    if (reply === null) return [false];
    const v = replyToLua(reply, lc.resp);
    if (raise && reply.t === 'error') throw new LuaError(v);
    return [v];
  }

  // ---- the Lua state -------------------------------------------------------------------------

  /**
   * scriptingInit (`evalMode`) or luaEngineInitEngine's first half: libraries, the `redis`
   * table, Redis's pcall and math.random, then the lock. EVAL's state also has the debugger's
   * stubs and `__redis__err__handler` as globals; the functions' state has neither.
   */
  newState(evalMode: boolean): LuaState {
    const L = new LuaState();
    const G = L.globals;
    L.random = () => this.rand.random();
    L.randomseed = (n) => this.rand.seed(n);
    // The libraries Redis adds beside 5.1's, as luaLoadLibraries does.
    openRedisLibs(L);

    // Redis 7's pcall: an error table {err=...} is caught as its message.
    const basePcall = G.get('pcall') as LuaFunction;
    G.set(
      'pcall',
      L.nativeGen('pcall', function* (L2, args) {
        const r = yield* basePcall.gen!(L2, args);
        if (r[0] === false && r[1] instanceof LuaTable) {
          const e = r[1].get('err');
          if (typeof e === 'string' || typeof e === 'number') r[1] = e;
        }
        return r;
      }),
    );
    G.set('redis', this.redisTable(L, evalMode));
    if (evalMode) {
      G.set(
        '__redis__err__handler',
        L.native('__redis__err__handler', (_L, a) => [a[0]]),
      );
    }
    // Lock: reading a missing global is an error; every table reachable from _G is readonly.
    G.metatable = errorMetatable(L);
    protect(G);
    return L;
  }

  private redisTable(L: LuaState, evalMode: boolean): LuaTable {
    const R = new LuaTable();
    const fn = (name: string, f: (args: LuaValue[]) => LuaValue[]): void =>
      R.set(
        name,
        L.native(name, (_L, a) => f(a)),
      );
    const raise = (msg: string): never => {
      throw new LuaError(errorTable(msg));
    };
    fn('call', (a) => this.call(a, true));
    fn('pcall', (a) => this.call(a, false));
    fn('log', (a) => this.log(a));
    const constants = { LOG_DEBUG: 0, LOG_VERBOSE: 1, LOG_NOTICE: 2, LOG_WARNING: 3, REDIS_VERSION_NUM: 0x07000f, REDIS_VERSION: '7.0.15' };
    for (const [name, value] of Object.entries(constants)) R.set(name, value);
    fn('setresp', (a) => {
      if (a.length !== 1) raise('redis.setresp() requires one argument.');
      const resp = Math.trunc(toNumber(a[0]) ?? 0);
      if (resp !== 2 && resp !== 3) raise('RESP version must be 2 or 3.');
      (this.run?.client ?? this.luaClient).resp = resp as 2 | 3;
      return [];
    });
    fn('sha1hex', (a) => {
      if (a.length !== 1) raise('wrong number of arguments');
      const s = a[0];
      return [sha1hex(typeof s === 'string' ? s : typeof s === 'number' ? numberToString(s) : '')];
    });
    fn('error_reply', (a) => {
      const s = a[0];
      if (a.length !== 1 || typeof s !== 'string') return [errorTable('wrong number or type of arguments')];
      return [errorTable(s.startsWith('-') ? s : '-' + s)];
    });
    fn('status_reply', (a) => {
      const s = a[0];
      if (a.length !== 1 || typeof s !== 'string') return [errorTable('wrong number or type of arguments')];
      const t = new LuaTable();
      t.set('ok', s);
      return [t];
    });
    fn('set_repl', (a) => {
      if (a.length !== 1) raise('redis.set_repl() requires two arguments.');
      const flags = Math.trunc(toNumber(a[0]) ?? 0);
      if ((flags & ~3) !== 0) raise('Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.');
      return [];
    });
    for (const [name, value] of Object.entries({ REPL_NONE: 0, REPL_AOF: 1, REPL_SLAVE: 2, REPL_REPLICA: 2, REPL_ALL: 3 })) R.set(name, value);
    fn('acl_check_cmd', (a) => {
      const argv = toArgv(a);
      if (typeof argv === 'string') return raise(argv);
      const cmd = this.engine.lookupCommand(argv);
      if (cmd === undefined) return raise('Invalid command passed to redis.acl_check_cmd()');
      // luaRedisAclCheckCmdPermissionsCommand: the caller's user, without logging.
      return [this.engine.lateAcl().check(this.run?.caller.user ?? null, cmd, argv).result === ACL_OK];
    });
    if (evalMode) {
      fn('breakpoint', () => [false]);
      fn('debug', () => []);
      fn('replicate_commands', () => [true]);
    }
    return R;
  }

  /** redis.log (luaLogCommand), in both states and at FUNCTION LOAD time. */
  log(a: LuaValue[]): LuaValue[] {
    const raise = (msg: string): never => {
      throw new LuaError(errorTable(msg));
    };
    if (a.length < 2) raise('redis.log() requires two arguments or more.');
    const lv = toNumber(a[0]);
    if (lv === undefined) raise('First argument must be a number (log level).');
    const level = Math.trunc(lv!);
    if (level < 0 || level > 3) raise('Invalid debug level.');
    const verbosity = LOG_LEVELS.indexOf(this.engine.config.get('loglevel') ?? 'notice');
    if (level < (verbosity < 0 ? 3 : verbosity)) return [];
    const parts: string[] = [];
    for (let j = 1; j < a.length; j++) {
      const s = a[j];
      if (typeof s === 'string') parts.push(s);
      else if (typeof s === 'number') parts.push(numberToString(s));
    }
    this.engine.log((['.', '-', '*', '#'] as const)[level]!, parts.join(' '));
    return [];
  }
}

/** luaArgsToRedisArgv: strings as they are, numbers as %.17g; anything else is refused. */
function toArgv(args: LuaValue[]): string[] | string {
  if (args.length === 0) return 'Please specify at least one argument for this redis lib call';
  const argv: string[] = [];
  for (const v of args) {
    if (typeof v === 'string') argv.push(v);
    else if (typeof v === 'number') argv.push(formatG(v, 17));
    else return 'Lua redis lib command arguments must be strings or integers';
  }
  return argv;
}

export function arrayOf(items: readonly string[]): LuaTable {
  const t = new LuaTable();
  for (let i = 0; i < items.length; i++) t.set(i + 1, items[i]);
  return t;
}

/** luaSetErrorMetatable's metatable: reading a missing field is an error. */
export function errorMetatable(L: LuaState): LuaTable {
  const mt = new LuaTable();
  mt.set(
    '__index',
    L.native('__index', (L2, a) => {
      const name = a[1];
      const shown = typeof name === 'number' ? numberToString(name) : typeof name === 'string' ? name : '?';
      throw L2.error(`Script attempted to access nonexistent global variable '${shown}'`);
    }),
  );
  return mt;
}

/** luaSetTableProtectionRecursively. */
export function protect(t: LuaTable): void {
  if (t.readonly) return;
  t.readonly = true;
  for (let e = t.next(undefined); e; e = t.next(e[0])) if (e[1] instanceof LuaTable) protect(e[1]);
  if (t.metatable !== undefined) protect(t.metatable);
}

/** evalExtractShebangFlags: the flags and the length of the `#!` line, or the error text. */
export function extractShebang(body: string): { flags: number; length: number } | string {
  if (!body.startsWith('#!')) return { flags: FLAG_EVAL_COMPAT, length: 0 };
  const end = body.indexOf('\n');
  if (end < 0) return 'Invalid script shebang';
  const parts = splitArgs(body.slice(0, end));
  if (parts === null || parts.length === 0) return 'Invalid engine in script shebang';
  if (parts[0] !== '#!lua') return `Unexpected engine in script shebang: ${parts[0]}`;
  let flags = 0;
  for (const p of parts.slice(1)) {
    if (!p.startsWith('flags=')) return `Unknown lua shebang option: ${p}`;
    const list = p.slice(6);
    // sdssplitlen of "" gives no part at all
    for (const f of list === '' ? [] : list.split(',')) {
      const bit = SCRIPT_FLAGS.find(([name]) => name === f)?.[1];
      if (bit === undefined) return `Unexpected flag in script shebang: ${f}`;
      flags |= bit;
    }
  }
  return { flags, length: end };
}

/** sdssplitargs: words, "double quoted" with escapes, 'single quoted'; null when unbalanced. */
export function splitArgs(s: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const isSpace = (ch: string | undefined): boolean => ch !== undefined && ' \n\r\t\v\f'.includes(ch);
  for (;;) {
    while (isSpace(s[i])) i++;
    if (i >= s.length) return out;
    let cur = '';
    let inq = false;
    let insq = false;
    for (;;) {
      const ch = s[i];
      if (inq) {
        if (ch === undefined) return null;
        if (ch === '\\' && s[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 2, i + 4))) {
          cur += String.fromCharCode(parseInt(s.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (ch === '\\' && s[i + 1] !== undefined) {
          i++;
          const e = s[i]!;
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (ch === '"') {
          if (s[i + 1] !== undefined && !isSpace(s[i + 1])) return null;
          i++;
          break;
        } else cur += ch;
      } else if (insq) {
        if (ch === undefined) return null;
        if (ch === '\\' && s[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (ch === "'") {
          if (s[i + 1] !== undefined && !isSpace(s[i + 1])) return null;
          i++;
          break;
        } else cur += ch;
      } else {
        if (ch === undefined || isSpace(ch)) break;
        if (ch === '"') inq = true;
        else if (ch === "'") insq = true;
        else cur += ch;
      }
      i++;
    }
    out.push(cur);
  }
}

/** EngineOptions.scripting for a host that has Lua from the start (Node, tests). */
export const luaScripting: ScriptingFactory = (engine) => new Scripting(engine);
