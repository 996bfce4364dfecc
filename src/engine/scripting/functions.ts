// FUNCTION and FCALL's machinery (Redis 7.0's functions.c and function_lua.c): libraries of Lua
// functions that FUNCTION LOAD registers, in a Lua state of their own (EVAL's cache and SCRIPT
// FLUSH never touch them), run by FCALL through EVAL's run path (Scripting.execute), and the
// payload FUNCTION DUMP, FUNCTION RESTORE and RDB files carry them in.

import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { crc64, RDB_VERSION, RdbError, RdbReader, RdbWriter } from '../rdb.js';
import type { LuaState } from '../lua/state.js';
import { LuaError, LuaFunction, LuaTable, numberToString, type LuaValue } from '../lua/value.js';
import { cString } from '../../shared/args.js';
import type { Reply } from '../../shared/reply.js';
import { errorTable } from './convert.js';
import { SCRIPT_FLAGS } from './flags.js';
import { allowOomRun, arrayOf, errorMetatable, protect, readOnlyRun, splitArgs, type Scripting } from './scripting.js';

const ENGINE_NAME = 'LUA';
/** Steps a load may run at most, whatever the clock says (a paused clock never times out). */
const LOAD_MAX_STEPS = 10_000_000;
/** ...and without a time limit (Redis would run on; nothing else could run meanwhile here). */
const LOAD_MAX_STEPS_UNTIMED = 50_000_000;
const SLICE = 100_000;
const OP_FUNCTION2 = 245;
const OP_FUNCTION = 246;
const BAD_NAME = 'Library names can only contain letters, numbers, or underscores(_) and must be at least one character long';

export interface FunctionInfo {
  name: string;
  desc: string | null;
  flags: number;
  fn: LuaFunction;
  library: Library;
}

export interface Library {
  name: string;
  engine: string;
  /** The whole payload FUNCTION LOAD was given, shebang included. */
  code: string;
  /** By name as registered (case matters within a library). */
  functions: Map<string, FunctionInfo>;
}

/** strcasecmp's idea of case: ASCII letters only. */
function foldCase(s: string): string {
  return s.replace(/[A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 32));
}

/** functionsLibCtx: libraries by name, and every library's functions by name, case-insensitive. */
export class LibraryCtx {
  readonly libraries = new Map<string, Library>();
  readonly functions = new Map<string, FunctionInfo>();

  getFunction(name: string): FunctionInfo | undefined {
    return this.functions.get(foldCase(name));
  }

  link(li: Library): void {
    for (const fi of li.functions.values()) {
      const k = foldCase(fi.name);
      // dictAdd: a name already there (another case in the same library) keeps the first
      if (!this.functions.has(k)) this.functions.set(k, fi);
    }
    this.libraries.set(li.name, li);
  }

  unlink(li: Library): void {
    for (const fi of li.functions.values()) {
      const k = foldCase(fi.name);
      if (this.functions.get(k) === fi) this.functions.delete(k);
    }
    this.libraries.delete(li.name);
  }

  /** The engine's statistics: n_functions counts every library's own table. */
  functionCount(): number {
    let n = 0;
    for (const li of this.libraries.values()) n += li.functions.size;
    return n;
  }
}

/** The library being loaded (loadCtx). */
interface LoadContext {
  library: Library;
}

/** What a load (FUNCTION LOAD, RESTORE, an RDB file) makes of a payload: the library name, or why not. */
export type CreateResult = { name: string } | { error: string };

export class Functions {
  ctx = new LibraryCtx();
  readonly L: LuaState;
  /** The function engine's client (engineInfo.c): FCALL's commands run as it. */
  readonly client: Client;
  /** The globals' metatable: its __index is the real globals, or the load-time API while loading. */
  private readonly globalsMeta: LuaTable;
  /** What library code sees as globals (the table luaEngineInitEngine puts in place of _G). */
  private readonly env: LuaTable;
  /** LIBRARY_API: `redis` with register_function, log and the version, nothing else. */
  private readonly api: LuaTable;
  private loading: LoadContext | null = null;

  /** FUNCTION FLUSH, and a load of a file without libraries. */
  clear(): void {
    this.ctx = new LibraryCtx();
  }

  constructor(
    private readonly engine: Engine,
    private readonly scripting: Scripting,
  ) {
    this.client = engine.createScriptClient(2);
    const L = (this.L = scripting.newState(false));

    const redis = new LuaTable();
    redis.set(
      'register_function',
      L.native('register_function', (_L, a) => this.registerFunction(a)),
    );
    redis.set(
      'log',
      L.native('log', (_L, a) => scripting.log(a)),
    );
    redis.set('LOG_DEBUG', 0);
    redis.set('LOG_VERBOSE', 1);
    redis.set('LOG_NOTICE', 2);
    redis.set('LOG_WARNING', 3);
    redis.set('REDIS_VERSION_NUM', 0x07000f);
    redis.set('REDIS_VERSION', '7.0.15');
    redis.metatable = errorMetatable(L);
    const api = new LuaTable();
    api.set('redis', redis);
    api.metatable = errorMetatable(L);
    protect(api);
    this.api = api;

    // An empty, readonly globals table that reads through to the real (locked) globals.
    const meta = new LuaTable();
    meta.set('__index', L.globals);
    meta.readonly = true;
    const env = new LuaTable();
    env.metatable = meta;
    env.readonly = true;
    this.globalsMeta = meta;
    this.env = env;
  }

  // ---- loading (functionsCreateWithLibraryCtx, luaEngineCreate) --------------------------------

  /**
   * Compiles and runs a library's code so that it registers its functions, then links the
   * library into `ctx`. `timeoutMs` 0 means none (RESTORE, RDB).
   */
  create(code: string, replace: boolean, ctx: LibraryCtx, timeoutMs: number): CreateResult {
    const md = extractLibMetadata(code);
    if ('error' in md) return md;
    if (!isValidName(md.name)) return { error: BAD_NAME };
    if (foldCase(md.engine) !== foldCase(ENGINE_NAME)) return { error: `Engine '${md.engine}' not found` };
    const old = ctx.libraries.get(md.name);
    if (old !== undefined && !replace) return { error: `Library '${md.name}' already exists` };
    if (old !== undefined) ctx.unlink(old);
    const li: Library = { name: md.name, engine: ENGINE_NAME, code, functions: new Map() };
    const err = this.runLoad(li, md.body, timeoutMs) ?? this.checkLoaded(li, ctx);
    if (err !== null) {
      if (old !== undefined) ctx.link(old);
      return { error: err };
    }
    ctx.link(li);
    return { name: md.name };
  }

  private checkLoaded(li: Library, ctx: LibraryCtx): string | null {
    if (li.functions.size === 0) return 'No functions registered';
    for (const fi of li.functions.values()) {
      if (ctx.getFunction(fi.name) !== undefined) return `Function ${fi.name} already exists`;
    }
    return null;
  }

  /** luaEngineCreate: compile with the load-time globals, run; the error text or null. */
  private runLoad(li: Library, body: string, timeoutMs: number): string | null {
    const L = this.L;
    const meta = this.globalsMeta;
    meta.readonly = false;
    meta.set('__index', this.api);
    meta.readonly = true;
    try {
      const fn = L.tryLoad(body, '@user_function', this.env);
      if (typeof fn === 'string') return `Error compiling function: ${fn}`;
      this.loading = { library: li };
      const clock = this.engine.clock;
      const start = clock.now();
      const maxSteps = timeoutMs > 0 ? LOAD_MAX_STEPS : LOAD_MAX_STEPS_UNTIMED;
      const run = L.start(fn, []);
      for (let spent = 0; ; spent += SLICE) {
        if (spent >= maxSteps || (timeoutMs > 0 && clock.now() - start > timeoutMs)) {
          run.kill();
          return 'Error registering functions: ERR FUNCTION LOAD timeout';
        }
        const r = run.resume(SLICE);
        if (r.status === 'yield') continue;
        if (r.status === 'ok') return null;
        return `Error registering functions: ${loadErrorMessage(r.value)}`;
      }
    } finally {
      this.loading = null;
      meta.readonly = false;
      meta.set('__index', L.globals);
      meta.readonly = true;
    }
  }

  /** redis.register_function, positional or with a table of named arguments. */
  private registerFunction(a: LuaValue[]): LuaValue[] {
    const fail = (msg: string): never => {
      throw new LuaError(errorTable(msg));
    };
    const load = this.loading;
    if (load === null) return fail('redis.register_function can only be called on FUNCTION LOAD command');
    if (a.length < 1 || a.length > 2) return fail('wrong number of arguments to redis.register_function');
    const args = a.length === 1 ? readNamedArgs(a[0]) : readPositionalArgs(a[0], a[1]);
    if (typeof args === 'string') return fail(args);
    const li = load.library;
    if (!isValidName(args.name)) return fail(BAD_NAME);
    if (li.functions.has(args.name)) return fail('Function already exists in the library');
    li.functions.set(args.name, { ...args, library: li });
    return [];
  }

  // ---- FCALL -----------------------------------------------------------------------------------

  /** fcallCommandGeneric after MONITOR has seen the command. */
  fcall(c: Client, argv: readonly string[], fi: FunctionInfo, keys: string[], args: string[], ro: boolean): Reply | null {
    const scripting = this.scripting;
    const refused = scripting.prepareForRun(fi.flags, ro);
    if (refused !== null) return refused;
    const ctx = {
      caller: c,
      client: this.client,
      name: fi.name,
      readOnly: readOnlyRun(fi.flags, ro),
      dirty: false,
      evalMode: false,
      allowOom: allowOomRun(fi.flags),
    };
    return scripting.execute(ctx, this.L, fi.fn, [arrayOf(keys), arrayOf(args)], argv);
  }

  // ---- DUMP / RESTORE --------------------------------------------------------------------------

  /** functionDumpCommand: each library's code after RDB_OPCODE_FUNCTION2, the RDB version, CRC-64. */
  dump(compression: boolean): Uint8Array {
    const w = new RdbWriter({ compression });
    for (const li of this.ctx.libraries.values()) w.function(li.code);
    const body = w.takeChunk();
    const out = new Uint8Array(body.length + 10);
    out.set(body);
    out[body.length] = RDB_VERSION & 0xff;
    out[body.length + 1] = (RDB_VERSION >> 8) & 0xff;
    let crc = crc64(out, 0, body.length + 2);
    for (let i = body.length + 2; i < out.length; i++) {
      out[i] = Number(crc & 0xffn);
      crc >>= 8n;
    }
    return out;
  }

  /** functionRestoreCommand after the policy is read: null, or the error text. */
  restore(data: Uint8Array, policy: 'flush' | 'append' | 'replace'): string | null {
    if (!verifyDumpPayload(data)) return 'DUMP payload version or checksum are wrong';
    const fresh = new LibraryCtx();
    const r = new RdbReader(data);
    while (data.length - r.pos > 10) {
      const type = r.byte();
      if (type !== OP_FUNCTION && type !== OP_FUNCTION2) return 'given type is not a function';
      const code = readFunctionPayload(r, type);
      if (typeof code !== 'string') return code.error;
      const made = this.create(code, false, fresh, 0);
      if ('error' in made) return made.error;
    }
    if (policy === 'flush') {
      this.ctx = fresh;
      return null;
    }
    return libraryJoin(this.ctx, fresh, policy === 'replace');
  }

  /**
   * rdbLoad's functions: every library into a new set, which replaces the current one only if all
   * load; with `replace` (RDBFLAGS_ALLOW_DUP) a later library replaces an earlier one of its name.
   */
  loadAll(codes: readonly string[], replace = false): LibraryCtx | string {
    const fresh = new LibraryCtx();
    for (const code of codes) {
      const made = this.create(code, replace, fresh, 0);
      if ('error' in made) return made.error;
    }
    return fresh;
  }
}

// ---- helpers -------------------------------------------------------------------------------------

/** functionsVerifyName: [a-zA-Z0-9_]+ */
function isValidName(name: string): boolean {
  return /^[a-zA-Z0-9_]+$/.test(name);
}

/** functionExtractLibMetaData: the `#!<engine> name=<name>` line. */
export function extractLibMetadata(payload: string): { engine: string; name: string; body: string } | { error: string } {
  // strncmp and strchr: the payload is a C string here
  const text = cString(payload);
  if (!text.startsWith('#!')) return { error: 'Missing library metadata' };
  const end = text.indexOf('\n');
  if (end < 0) return { error: 'Invalid library metadata' };
  const parts = splitArgs(payload.slice(0, end));
  if (parts === null || parts.length === 0) return { error: 'Invalid library metadata' };
  let name: string | undefined;
  for (const part of parts.slice(1)) {
    if (part.length >= 5 && foldCase(part.slice(0, 5)) === 'name=') {
      if (name !== undefined) return { error: 'Invalid metadata value, name argument was given multiple times' };
      name = part.slice(5);
      continue;
    }
    return { error: `Invalid metadata value given: ${cString(part)}` };
  }
  if (name === undefined) return { error: 'Library name was not given' };
  // the line feed stays with the code: line numbers are the user's
  return { engine: parts[0]!.slice(2), name, body: payload.slice(end) };
}

/** lua_isstring and lua_tostring: strings, and numbers as Lua prints them. */
function luaString(v: LuaValue): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v);
  return null;
}

type RegisterArgs = { name: string; desc: string | null; fn: LuaFunction; flags: number };

function readPositionalArgs(nameV: LuaValue, fnV: LuaValue): RegisterArgs | string {
  const name = luaString(nameV);
  if (name === null) return 'first argument to redis.register_function must be a string';
  if (!(fnV instanceof LuaFunction)) return 'second argument to redis.register_function must be a function';
  return { name, desc: null, fn: fnV, flags: 0 };
}

/** luaRegisterFunctionReadNamedArgs. */
function readNamedArgs(t: LuaValue): RegisterArgs | string {
  if (!(t instanceof LuaTable)) {
    return 'calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).';
  }
  let name: string | null = null;
  let desc: string | null = null;
  let fn: LuaFunction | null = null;
  let flags = 0;
  for (let e = t.next(undefined); e; e = t.next(e[0])) {
    const key = luaString(e[0]);
    if (key === null) return 'named argument key given to redis.register_function is not a string';
    const v = e[1];
    switch (foldCase(cString(key))) {
      case 'function_name':
        if ((name = luaString(v)) === null) return 'function_name argument given to redis.register_function must be a string';
        break;
      case 'description':
        if ((desc = luaString(v)) === null) return 'description argument given to redis.register_function must be a string';
        break;
      case 'callback':
        if (!(v instanceof LuaFunction)) return 'callback argument given to redis.register_function must be a function';
        fn = v;
        break;
      case 'flags': {
        if (!(v instanceof LuaTable)) return 'flags argument to redis.register_function must be a table representing function flags';
        const f = readFlags(v);
        if (f === null) return 'unknown flag given';
        flags = f;
        break;
      }
      default:
        return 'unknown argument given to redis.register_function';
    }
  }
  if (name === null) return 'redis.register_function must get a function name argument';
  if (fn === null) return 'redis.register_function must get a callback argument';
  return { name, desc, fn, flags };
}

/** luaRegisterFunctionReadFlags: t[1], t[2]... up to the first nil, each a known flag in any case. */
function readFlags(t: LuaTable): number | null {
  let flags = 0;
  for (let j = 1; ; j++) {
    const v = t.get(j);
    if (v === undefined) return flags;
    const s = luaString(v);
    if (s === null) return null;
    const folded = foldCase(cString(s));
    const known = SCRIPT_FLAGS.find(([n]) => n === folded);
    if (known === undefined) return null;
    flags |= known[1];
  }
}

/** luaExtractErrorInformation's message for an error raised while loading (no handler runs then). */
function loadErrorMessage(v: LuaValue): string {
  let msg = luaString(v);
  if (msg !== null) msg = 'ERR ' + msg;
  if (v instanceof LuaTable) {
    const err = luaString(v.get('err'));
    if (err !== null) msg = err;
  }
  // glibc prints a NULL %s as (null)
  return msg ?? '(null)';
}

/** verifyDumpPayload: the RDB version (not newer than ours) and the CRC-64 at the end. */
export function verifyDumpPayload(p: Uint8Array): boolean {
  if (p.length < 10) return false;
  const f = p.length - 10;
  const version = p[f]! | (p[f + 1]! << 8);
  if (version > RDB_VERSION) return false;
  let crc = crc64(p, 0, p.length - 8);
  for (let i = p.length - 8; i < p.length; i++) {
    if (p[i] !== Number(crc & 0xffn)) return false;
    crc >>= 8n;
  }
  return true;
}

/** rdbFunctionLoad's payload: the code, or (7.0 release candidates' format) rebuilt from its parts. */
function readFunctionPayload(r: RdbReader, type: number): string | { error: string } {
  let part = 'library payload';
  try {
    if (type === OP_FUNCTION2) return r.string();
    part = 'library name';
    const name = r.string();
    part = 'engine name';
    const engine = r.string();
    part = 'library description indicator';
    const hasDesc = r.len() !== 0;
    part = 'library description';
    if (hasDesc) r.string();
    part = 'library blob';
    return `#!${engine} name=${name}\n${r.string()}`;
  } catch (e) {
    if (e instanceof RdbError) return { error: `Failed loading ${part}` };
    throw e;
  }
}

/**
 * libraryJoin: `src`'s libraries into `dst`. A name taken is an error unless `replace` (then
 * the old library goes); a function name taken is an error either way, and nothing changes.
 */
function libraryJoin(dst: LibraryCtx, src: LibraryCtx, replace: boolean): string | null {
  const replaced: Library[] = [];
  const fail = (msg: string): string => {
    for (const li of replaced) dst.link(li);
    return msg;
  };
  for (const li of src.libraries.values()) {
    const old = dst.libraries.get(li.name);
    if (old === undefined) continue;
    if (!replace) return fail(`Library ${li.name} already exists`);
    dst.unlink(old);
    replaced.push(old);
  }
  for (const fi of src.functions.values()) {
    if (dst.getFunction(fi.name) !== undefined) return fail(`Function ${fi.name} already exists`);
  }
  for (const li of src.libraries.values()) dst.link(li);
  return null;
}
