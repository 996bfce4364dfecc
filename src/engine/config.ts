// CONFIG parameters: the whole Redis 7.0.15 table (as Debian's TLS-enabled build lists it in
// CONFIG GET *), each with its type, bounds, default and flags, so that CONFIG GET prints what
// Redis prints and CONFIG SET accepts and refuses exactly what Redis does, with its error text.
// The engine reads the values it needs through typed fields (config.hz, config.maxmemory,
// config.hashMaxListpackEntries …), refreshed on every change.

import { isCSpace } from '../shared/args.js';
import { configSetFailed, configSetUnknownOption } from '../shared/errors.js';
import { parseDouble, parseInt64 } from './numbers.js';

// ---- flags and bounds ------------------------------------------------------------------------

const IMMUTABLE = 1;
const PROTECTED = 2;
/** Only an exact name finds it (CONFIG GET patterns skip it). */
const HIDDEN = 4;
/** The value is split on single spaces into several arguments. */
const MULTI_ARG = 8;

const INT_MAX = 2147483647n;
const INT_MIN = -2147483648n;
const UINT_MAX = 4294967295n;
const LONG_MAX = 9223372036854775807n;
const ULLONG_MAX = 18446744073709551615n;
const TWO64 = 18446744073709551616n;

/** Keyspace notification classes (server.h NOTIFY_*), for the pub/sub code. */
export const NOTIFY_KEYSPACE = 1 << 0;
export const NOTIFY_KEYEVENT = 1 << 1;
export const NOTIFY_GENERIC = 1 << 2;
export const NOTIFY_STRING = 1 << 3;
export const NOTIFY_LIST = 1 << 4;
export const NOTIFY_SET = 1 << 5;
export const NOTIFY_HASH = 1 << 6;
export const NOTIFY_ZSET = 1 << 7;
export const NOTIFY_EXPIRED = 1 << 8;
export const NOTIFY_EVICTED = 1 << 9;
export const NOTIFY_STREAM = 1 << 10;
export const NOTIFY_KEY_MISS = 1 << 11;
export const NOTIFY_LOADED = 1 << 12;
export const NOTIFY_MODULE = 1 << 13;
export const NOTIFY_NEW = 1 << 14;
export const NOTIFY_ALL =
  NOTIFY_GENERIC | NOTIFY_STRING | NOTIFY_LIST | NOTIFY_SET | NOTIFY_HASH | NOTIFY_ZSET | NOTIFY_EXPIRED | NOTIFY_EVICTED | NOTIFY_STREAM | NOTIFY_MODULE;

/** Keyspace-event class letter (as commands pass it to Engine.notify) → NOTIFY_* flag. */
export const NOTIFY_CLASSES: Readonly<Record<string, number>> = {
  g: NOTIFY_GENERIC,
  $: NOTIFY_STRING,
  l: NOTIFY_LIST,
  s: NOTIFY_SET,
  h: NOTIFY_HASH,
  z: NOTIFY_ZSET,
  x: NOTIFY_EXPIRED,
  e: NOTIFY_EVICTED,
  t: NOTIFY_STREAM,
  m: NOTIFY_KEY_MISS,
  d: NOTIFY_MODULE,
  n: NOTIFY_NEW,
};

/** What notify-keyspace-events accepts: the classes, A (all of them) and where to publish (K, E). */
const NOTIFY_CHARS: Record<string, number> = { ...NOTIFY_CLASSES, A: NOTIFY_ALL, K: NOTIFY_KEYSPACE, E: NOTIFY_KEYEVENT };

/** 'KEA' → flags, or -1 for an unknown class character (notify.c keyspaceEventsStringToFlags). */
export function keyspaceEventsStringToFlags(classes: string): number {
  let flags = 0;
  for (const ch of classes) {
    if (ch === '\0') break;
    const f = NOTIFY_CHARS[ch];
    if (f === undefined) return -1;
    flags |= f;
  }
  return flags;
}

/** Flags → the canonical class string CONFIG GET prints ('KEA' comes back as 'AKE'). */
export function keyspaceEventsFlagsToString(flags: number): string {
  let s = '';
  if ((flags & NOTIFY_ALL) === NOTIFY_ALL) {
    s += 'A';
  } else {
    if (flags & NOTIFY_GENERIC) s += 'g';
    if (flags & NOTIFY_STRING) s += '$';
    if (flags & NOTIFY_LIST) s += 'l';
    if (flags & NOTIFY_SET) s += 's';
    if (flags & NOTIFY_HASH) s += 'h';
    if (flags & NOTIFY_ZSET) s += 'z';
    if (flags & NOTIFY_EXPIRED) s += 'x';
    if (flags & NOTIFY_EVICTED) s += 'e';
    if (flags & NOTIFY_STREAM) s += 't';
    if (flags & NOTIFY_MODULE) s += 'd';
    if (flags & NOTIFY_NEW) s += 'n';
  }
  if (flags & NOTIFY_KEYSPACE) s += 'K';
  if (flags & NOTIFY_KEYEVENT) s += 'E';
  if (flags & NOTIFY_KEY_MISS) s += 'm';
  return s;
}

// ---- C parsing helpers -------------------------------------------------------------------------

/** glibc strtoll(s, &end, base): value clamped to int64, `end` = index after the number. */
export function strtoll(s: string, base = 10): { value: bigint; end: number } {
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  const start = i;
  let v = 0n;
  const b = BigInt(base);
  for (; i < s.length; i++) {
    const d = parseInt(s[i]!, base);
    if (Number.isNaN(d)) break;
    v = v * b + BigInt(d);
  }
  if (i === start) return { value: 0n, end: 0 };
  if (neg) v = -v;
  if (v > LONG_MAX) v = LONG_MAX;
  if (v < -LONG_MAX - 1n) v = -LONG_MAX - 1n;
  return { value: v, end: i };
}

/**
 * util.c memtoull: '1gb', '100mb', '5k', '42' → bytes as an unsigned 64-bit value (wrapping on
 * overflow as C does), or null when the text is not a memory value.
 */
export function memtoull(p: string): bigint | null {
  if (p.charCodeAt(0) === 45) return null;
  let u = 0;
  while (u < p.length && p.charCodeAt(u) >= 48 && p.charCodeAt(u) <= 57) u++;
  const unit = p.slice(u).toLowerCase();
  let mul: bigint;
  if (unit === '' || unit === 'b') mul = 1n;
  else if (unit === 'k') mul = 1000n;
  else if (unit === 'kb') mul = 1024n;
  else if (unit === 'm') mul = 1000000n;
  else if (unit === 'mb') mul = 1048576n;
  else if (unit === 'g') mul = 1000000000n;
  else if (unit === 'gb') mul = 1073741824n;
  else return null;
  if (u >= 128) return null;
  let val = u === 0 ? 0n : BigInt(p.slice(0, u));
  if (val > ULLONG_MAX) val = ULLONG_MAX;
  return (val * mul) % TWO64;
}

/** sdssplitlen(value, " "): "" gives no argument at all; consecutive spaces give empty ones. */
function splitArgs(value: string): string[] {
  return value.length === 0 ? [] : value.split(' ');
}

/** printf("%f") then trimDoubleString: 99.9 → '99.9', 50 → '50'. */
function formatPercentile(d: number): string {
  let s = d.toFixed(6);
  if (s.includes('.')) {
    s = s.replace(/0+$/, '');
    if (s.endsWith('.')) s = s.slice(0, -1);
  }
  return s;
}

// ---- parameter definitions ---------------------------------------------------------------------

type NumType = 'int' | 'uint' | 'long' | 'ulong' | 'll' | 'ull' | 'size_t' | 'ssize_t' | 'off_t' | 'time_t';

interface Common {
  name: string;
  alias?: string;
  flags: number;
}

interface BoolDef extends Common {
  kind: 'bool';
  def: boolean;
  valid?: (v: boolean) => string | null;
}

interface StringDef extends Common {
  kind: 'string';
  def: string;
  valid?: (v: string) => string | null;
}

interface EnumDef extends Common {
  kind: 'enum';
  values: readonly (readonly [string, number])[];
  def: number;
  valid?: (v: number) => string | null;
}

interface NumDef extends Common {
  kind: 'num';
  type: NumType;
  lo: bigint;
  hi: bigint;
  def: bigint;
  mem?: boolean;
  percent?: boolean;
  octal?: boolean;
  /** Runs after a successful set (updateHZ clamps). */
  apply?: (v: bigint) => bigint;
}

/** A parameter with its own parser and printer; state is the printed form. */
interface SpecialDef extends Common {
  kind: 'special';
  def: string;
  /** Returns the new printed value, or an error text; `current` is the printed value now. */
  set: (args: string[], current: string) => { ok: string } | { err: string };
}

export type ParamDef = BoolDef | StringDef | EnumDef | NumDef | SpecialDef;

function bool(name: string, def: boolean, flags = 0, alias?: string, valid?: BoolDef['valid']): BoolDef {
  return { kind: 'bool', name, def, flags, alias, valid };
}

function str(name: string, def: string, flags = 0, alias?: string, valid?: StringDef['valid']): StringDef {
  return { kind: 'string', name, def, flags, alias, valid };
}

function enm(name: string, values: readonly (readonly [string, number])[], def: number, flags = 0, valid?: EnumDef['valid']): EnumDef {
  return { kind: 'enum', name, values, def, flags, valid };
}

function num(
  name: string,
  type: NumType,
  lo: bigint,
  hi: bigint,
  def: bigint,
  flags = 0,
  extra: Partial<Pick<NumDef, 'alias' | 'mem' | 'percent' | 'octal' | 'apply'>> = {},
): NumDef {
  return { kind: 'num', name, type, lo, hi, def, flags, ...extra };
}

function special(name: string, def: string, flags: number, set: SpecialDef['set'], alias?: string): SpecialDef {
  return { kind: 'special', name, def, flags, set, alias };
}

const YESNO_ERR = "argument must be 'yes' or 'no'";

function pathIsBaseName(p: string): boolean {
  return !p.includes('/') && !p.includes('\\');
}

function validHostname(v: string): string | null {
  if (v.length >= 256) return 'Hostnames must be less than 256 characters';
  if (!/^[A-Za-z0-9.-]*$/.test(v)) return 'Hostnames may only contain alphanumeric characters, hyphens or dots';
  return null;
}

const TITLE_VARS = new Set(['title', 'listen-addr', 'server-mode', 'config-file', 'port', 'tls-port', 'unixsocket']);

/** sdstemplate over the proc-title variables, expanded with an empty title: must be non-empty. */
function validProcTitle(t: string): string | null {
  const bad = 'template format is invalid or contains unknown variables';
  let out = '';
  let p = 0;
  while (p < t.length) {
    const sv = t.indexOf('{', p);
    if (sv < 0) {
      out += t.slice(p);
      break;
    }
    out += t.slice(p, sv);
    if (sv + 1 >= t.length) return bad;
    if (t[sv + 1] === '{') {
      out += '{';
      p = sv + 2;
      continue;
    }
    const ev = t.indexOf('}', sv + 1);
    if (ev < 0) return bad;
    const name = t.slice(sv + 1, ev);
    if (!TITLE_VARS.has(name)) return bad;
    if (name === 'listen-addr') out += '*:6379';
    else if (name === 'port') out += '6379';
    else if (name === 'tls-port') out += '0';
    else if (name === 'config-file') out += '-';
    p = ev + 1;
  }
  return out.replace(/^ +| +$/g, '') === '' ? bad : null;
}

const SHUTDOWN_SAVE = 1;
const SHUTDOWN_NOSAVE = 2;

const SHUTDOWN_ENUM = [
  ['default', 0],
  ['save', SHUTDOWN_SAVE],
  ['nosave', SHUTDOWN_NOSAVE],
  ['now', 4],
  ['force', 8],
] as const;

function validShutdownFlags(v: number): string | null {
  return v & SHUTDOWN_SAVE && v & SHUTDOWN_NOSAVE ? "shutdown options SAVE and NOSAVE can't be used simultaneously" : null;
}

export const MAXMEMORY_POLICIES = [
  ['volatile-lru', 0],
  ['volatile-lfu', 1],
  ['volatile-random', 2],
  ['volatile-ttl', 3],
  ['allkeys-lru', 4],
  ['allkeys-lfu', 5],
  ['allkeys-random', 6],
  ['noeviction', 7],
] as const;

function setSave(args: string[]): { ok: string } | { err: string } {
  const err = { err: 'Invalid save parameters' };
  if (args.length & 1) return err;
  const parts: string[] = [];
  for (let j = 0; j < args.length; j++) {
    const { value, end } = strtoll(args[j]!);
    if (end !== args[j]!.length && !(end === 0 && args[j]!.length === 0)) return err;
    if ((j & 1) === 0 && value < 1n) return err;
    if ((j & 1) === 1 && value < 0n) return err;
    // seconds is a time_t, changes an int (truncated like C's assignment).
    parts.push(String(j & 1 ? BigInt.asIntN(32, value) : value));
  }
  return { ok: parts.join(' ') };
}

const OBUF_CLASSES: Record<string, number> = { normal: 0, slave: 1, replica: 1, pubsub: 2 };

/** One class's client-output-buffer-limit (Redis's clientBufferLimitsConfig). */
export interface ObufLimit {
  hardBytes: number;
  softBytes: number;
  softSeconds: number;
}

/** The stored "normal h s sec slave h s sec pubsub h s sec" as one limit a class. */
function parseObufValue(value: string): ObufLimit[] {
  const v = value.split(' ').map(Number);
  return [0, 1, 2].map((cls) => ({ hardBytes: v[cls * 4 + 1]!, softBytes: v[cls * 4 + 2]!, softSeconds: v[cls * 4 + 3]! }));
}

function parseObufLimits(args: string[], old: string): { ok: string } | { err: string } {
  if (args.length % 4) return { err: 'Wrong number of arguments in buffer limit configuration.' };
  const values = old.split(' ');
  // values: normal h s sec slave h s sec pubsub h s sec
  const next = values.slice();
  for (let j = 0; j < args.length; j += 4) {
    const cls = OBUF_CLASSES[args[j]!.toLowerCase()];
    if (cls === undefined) return { err: 'Invalid client class specified in buffer limit configuration.' };
    const hard = memtoull(args[j + 1]!);
    const soft = memtoull(args[j + 2]!);
    const secs = strtoll(args[j + 3]!);
    const secsOk = secs.end === args[j + 3]!.length || args[j + 3]!.length === 0;
    const seconds = BigInt.asIntN(32, secs.value);
    if (hard === null || soft === null || seconds < 0n || !secsOk) {
      return { err: 'Error in hard, soft or soft_seconds setting in buffer limit configuration.' };
    }
    next[cls * 4 + 1] = String(hard);
    next[cls * 4 + 2] = String(soft);
    next[cls * 4 + 3] = String(seconds);
  }
  return { ok: next.join(' ') };
}

function setOomValues(args: string[]): { ok: string } | { err: string } {
  if (args.length !== 3) return { err: 'wrong number of arguments' };
  const out: string[] = [];
  for (const a of args) {
    const { value, end } = strtoll(a);
    if ((end !== a.length && a.length !== 0) || value < -2000n || value > 2000n) {
      return { err: 'Invalid oom-score-adj-values, elements must be between -2000 and 2000.' };
    }
    out.push(String(value));
  }
  return { ok: out.join(' ') };
}

function setNotify(args: string[]): { ok: string } | { err: string } {
  const flags = keyspaceEventsStringToFlags(args[0] ?? '');
  if (flags === -1) return { err: "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." };
  return { ok: keyspaceEventsFlagsToString(flags) };
}

function setBind(args: string[]): { ok: string } | { err: string } {
  if (args.length > 16) return { err: 'Too many bind addresses specified.' };
  return { ok: args.join(' ') };
}

function setPercentiles(args: string[]): { ok: string } | { err: string } {
  const out: string[] = [];
  for (const a of args) {
    const d = parseDouble(a);
    if (d === null) return { err: 'Invalid latency-tracking-info-percentiles parameters' };
    if (d > 100 || d < 0) return { err: 'latency-tracking-info-percentiles parameters should sit between [0.0,100.0]' };
    out.push(formatPercentile(d));
  }
  return { ok: out.join(' ') };
}

function refuse(): { err: string } {
  return { err: "can't set immutable config" };
}

const I = IMMUTABLE;
const M = MULTI_ARG;
const H = HIDDEN;

/** Every parameter of Redis 7.0.15, in the order of its config.c table. */
// Grouped a few to a line as redis.conf groups them.
// prettier-ignore
export const PARAMS: readonly ParamDef[] = [
  // Bool
  bool('rdbchecksum', true, I),
  bool('daemonize', false, I),
  bool('io-threads-do-reads', false, I),
  bool('always-show-logo', false, I),
  bool('protected-mode', true),
  bool('rdbcompression', true),
  bool('rdb-del-sync-files', false),
  bool('activerehashing', true),
  bool('stop-writes-on-bgsave-error', true),
  bool('set-proc-title', true, I),
  bool('dynamic-hz', true),
  bool('lazyfree-lazy-eviction', false),
  bool('lazyfree-lazy-expire', false),
  bool('lazyfree-lazy-server-del', false),
  bool('lazyfree-lazy-user-del', false),
  bool('lazyfree-lazy-user-flush', false),
  bool('repl-disable-tcp-nodelay', false),
  bool('repl-diskless-sync', true),
  bool('aof-rewrite-incremental-fsync', true),
  bool('no-appendfsync-on-rewrite', false),
  bool('cluster-require-full-coverage', true),
  bool('rdb-save-incremental-fsync', true),
  bool('aof-load-truncated', true),
  // What this server's AOF does not do is refused, not taken and ignored (aof.ts).
  bool('aof-use-rdb-preamble', true),
  bool('aof-timestamp-enabled', false, 0, undefined, (b) => (b ? 'this server writes no timestamp annotations in the AOF' : null)),
  bool('cluster-replica-no-failover', false, 0, 'cluster-slave-no-failover'),
  bool('replica-lazy-flush', false, 0, 'slave-lazy-flush'),
  bool('replica-serve-stale-data', true, 0, 'slave-serve-stale-data'),
  bool('replica-read-only', true, 0, 'slave-read-only'),
  bool('replica-ignore-maxmemory', true, 0, 'slave-ignore-maxmemory'),
  bool('jemalloc-bg-thread', true),
  // Debian's build links the system jemalloc, without the defragmentation hint.
  bool('activedefrag', false, 0, undefined, (v) =>
    v
      ? 'Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution'
      : null,
  ),
  bool('syslog-enabled', false, I),
  bool('cluster-enabled', false, I),
  bool('appendonly', false),
  bool('cluster-allow-reads-when-down', false),
  bool('cluster-allow-pubsubshard-when-down', true),
  bool('crash-log-enabled', true),
  bool('crash-memcheck-enabled', true),
  bool('use-exit-on-panic', false, H),
  bool('disable-thp', true, I),
  bool('cluster-allow-replica-migration', true),
  bool('replica-announced', true),
  bool('latency-tracking', true),
  bool('aof-disable-auto-gc', false),
  bool('replica-ignore-disk-write-errors', false),

  // String
  str('aclfile', '', I),
  str('unixsocket', '', I),
  str('pidfile', '', I),
  str('replica-announce-ip', '', 0, 'slave-announce-ip'),
  str('masteruser', ''),
  str('cluster-announce-ip', ''),
  str('cluster-config-file', 'nodes.conf', I),
  str('cluster-announce-hostname', '', 0, undefined, validHostname),
  str('syslog-ident', 'redis', I),
  str('dbfilename', 'dump.rdb', PROTECTED, undefined, (v) =>
    pathIsBaseName(v) ? null : "dbfilename can't be a path, just a filename",
  ),
  str('appendfilename', 'appendonly.aof', I),
  str('appenddirname', 'appendonlydir', I),
  str('server_cpulist', '', I),
  str('bio_cpulist', '', I),
  str('aof_rewrite_cpulist', '', I),
  str('bgsave_cpulist', '', I),
  str('ignore-warnings', ''),
  str('proc-title-template', '{title} {listen-addr} {server-mode}', 0, undefined, validProcTitle),
  str('bind-source-addr', ''),
  str('logfile', '', I),
  str('masterauth', ''),
  str('requirepass', ''),

  // Enum
  enm('supervised', [['upstart', 1], ['systemd', 2], ['auto', 3], ['no', 0]], 0, I),
  enm(
    'syslog-facility',
    [['user', 8], ['local0', 128], ['local1', 136], ['local2', 144], ['local3', 152], ['local4', 160], ['local5', 168], ['local6', 176], ['local7', 184]],
    128,
    I,
  ),
  enm('repl-diskless-load', [['disabled', 0], ['on-empty-db', 1], ['swapdb', 2]], 0),
  enm('loglevel', [['debug', 0], ['verbose', 1], ['notice', 2], ['warning', 3]], 2),
  enm('maxmemory-policy', MAXMEMORY_POLICIES, 7),
  enm('appendfsync', [['everysec', 2], ['always', 1], ['no', 0]], 2),
  enm('oom-score-adj', [['no', 0], ['yes', 1], ['relative', 1], ['absolute', 2]], 0),
  enm('acl-pubsub-default', [['allchannels', 1], ['resetchannels', 0]], 0),
  enm('sanitize-dump-payload', [['no', 0], ['yes', 1], ['clients', 2]], 0),
  enm('enable-protected-configs', [['no', 0], ['yes', 1], ['local', 2]], 0, I),
  enm('enable-debug-command', [['no', 0], ['yes', 1], ['local', 2]], 0, I),
  enm('enable-module-command', [['no', 0], ['yes', 1], ['local', 2]], 0, I),
  enm('cluster-preferred-endpoint-type', [['ip', 0], ['hostname', 1], ['unknown-endpoint', 2]], 0),
  enm('propagation-error-behavior', [['ignore', 0], ['panic', 1], ['panic-on-replicas', 2]], 0),
  enm('shutdown-on-sigint', SHUTDOWN_ENUM, 0, M, validShutdownFlags),
  enm('shutdown-on-sigterm', SHUTDOWN_ENUM, 0, M, validShutdownFlags),

  // Integer
  num('databases', 'int', 1n, INT_MAX, 16n, I),
  num('port', 'int', 0n, 65535n, 6379n),
  num('io-threads', 'int', 1n, 128n, 1n, I),
  num('auto-aof-rewrite-percentage', 'int', 0n, INT_MAX, 100n),
  num('cluster-replica-validity-factor', 'int', 0n, INT_MAX, 10n, 0, { alias: 'cluster-slave-validity-factor' }),
  num('list-max-listpack-size', 'int', INT_MIN, INT_MAX, -2n, 0, { alias: 'list-max-ziplist-size' }),
  num('tcp-keepalive', 'int', 0n, INT_MAX, 300n),
  num('cluster-migration-barrier', 'int', 0n, INT_MAX, 1n),
  num('active-defrag-cycle-min', 'int', 1n, 99n, 1n),
  num('active-defrag-cycle-max', 'int', 1n, 99n, 25n),
  num('active-defrag-threshold-lower', 'int', 0n, 1000n, 10n),
  num('active-defrag-threshold-upper', 'int', 0n, 1000n, 100n),
  num('lfu-log-factor', 'int', 0n, INT_MAX, 10n),
  num('lfu-decay-time', 'int', 0n, INT_MAX, 1n),
  num('replica-priority', 'int', 0n, INT_MAX, 100n, 0, { alias: 'slave-priority' }),
  num('repl-diskless-sync-delay', 'int', 0n, INT_MAX, 5n),
  num('maxmemory-samples', 'int', 1n, INT_MAX, 5n),
  num('maxmemory-eviction-tenacity', 'int', 0n, 100n, 10n),
  num('timeout', 'int', 0n, INT_MAX, 0n),
  num('replica-announce-port', 'int', 0n, 65535n, 0n, 0, { alias: 'slave-announce-port' }),
  num('tcp-backlog', 'int', 0n, INT_MAX, 511n, I),
  num('cluster-port', 'int', 0n, 65535n, 0n, I),
  num('cluster-announce-bus-port', 'int', 0n, 65535n, 0n),
  num('cluster-announce-port', 'int', 0n, 65535n, 0n),
  num('cluster-announce-tls-port', 'int', 0n, 65535n, 0n),
  num('repl-timeout', 'int', 1n, INT_MAX, 60n),
  num('repl-ping-replica-period', 'int', 1n, INT_MAX, 10n, 0, { alias: 'repl-ping-slave-period' }),
  num('list-compress-depth', 'int', 0n, INT_MAX, 0n),
  num('rdb-key-save-delay', 'int', INT_MIN, INT_MAX, 0n, H),
  num('key-load-delay', 'int', INT_MIN, INT_MAX, 0n, H),
  num('active-expire-effort', 'int', 1n, 10n, 1n),
  // updateHZ: out-of-range values are accepted but capped to 1..500.
  num('hz', 'int', 0n, INT_MAX, 10n, 0, { apply: (v) => (v < 1n ? 1n : v > 500n ? 500n : v) }),
  num('min-replicas-to-write', 'int', 0n, INT_MAX, 0n, 0, { alias: 'min-slaves-to-write' }),
  num('min-replicas-max-lag', 'int', 0n, INT_MAX, 10n, 0, { alias: 'min-slaves-max-lag' }),
  num('watchdog-period', 'int', 0n, INT_MAX, 0n, H),
  num('shutdown-timeout', 'int', 0n, INT_MAX, 10n),
  num('repl-diskless-sync-max-replicas', 'int', 0n, INT_MAX, 0n),

  // Unsigned int, unsigned long, long long, unsigned long long
  num('maxclients', 'uint', 1n, UINT_MAX, 10000n),
  num('unixsocketperm', 'uint', 0n, 0o777n, 0n, I, { octal: true }),
  num('socket-mark-id', 'uint', 0n, UINT_MAX, 0n, I),
  num('active-defrag-max-scan-fields', 'ulong', 1n, LONG_MAX, 1000n),
  num('slowlog-max-len', 'ulong', 0n, LONG_MAX, 128n),
  num('acllog-max-len', 'ulong', 0n, LONG_MAX, 128n),
  num('busy-reply-threshold', 'll', 0n, LONG_MAX, 5000n, 0, { alias: 'lua-time-limit' }),
  num('cluster-node-timeout', 'll', 0n, LONG_MAX, 15000n),
  num('slowlog-log-slower-than', 'll', -1n, LONG_MAX, 10000n),
  num('latency-monitor-threshold', 'll', 0n, LONG_MAX, 0n),
  num('proto-max-bulk-len', 'll', 1048576n, LONG_MAX, 536870912n, 0, { mem: true }),
  num('stream-node-max-entries', 'll', 0n, LONG_MAX, 100n),
  num('repl-backlog-size', 'll', 1n, LONG_MAX, 1048576n, 0, { mem: true }),
  num('maxmemory', 'ull', 0n, ULLONG_MAX, 0n, 0, { mem: true }),
  num('cluster-link-sendbuf-limit', 'ull', 0n, ULLONG_MAX, 0n, 0, { mem: true }),

  // size_t, ssize_t, time_t, off_t
  num('hash-max-listpack-entries', 'size_t', 0n, LONG_MAX, 512n, 0, { alias: 'hash-max-ziplist-entries' }),
  num('set-max-intset-entries', 'size_t', 0n, LONG_MAX, 512n),
  num('zset-max-listpack-entries', 'size_t', 0n, LONG_MAX, 128n, 0, { alias: 'zset-max-ziplist-entries' }),
  num('active-defrag-ignore-bytes', 'size_t', 1n, LONG_MAX, 104857600n, 0, { mem: true }),
  num('hash-max-listpack-value', 'size_t', 0n, LONG_MAX, 64n, 0, { alias: 'hash-max-ziplist-value', mem: true }),
  num('stream-node-max-bytes', 'size_t', 0n, LONG_MAX, 4096n, 0, { mem: true }),
  num('zset-max-listpack-value', 'size_t', 0n, LONG_MAX, 64n, 0, { alias: 'zset-max-ziplist-value', mem: true }),
  num('hll-sparse-max-bytes', 'size_t', 0n, LONG_MAX, 3000n, 0, { mem: true }),
  num('tracking-table-max-keys', 'size_t', 0n, LONG_MAX, 1000000n),
  num('client-query-buffer-limit', 'size_t', 1048576n, LONG_MAX, 1073741824n, 0, { mem: true }),
  num('maxmemory-clients', 'ssize_t', -100n, LONG_MAX, 0n, 0, { mem: true, percent: true }),
  num('repl-backlog-ttl', 'time_t', 0n, LONG_MAX, 3600n),
  num('auto-aof-rewrite-min-size', 'off_t', 0n, LONG_MAX, 67108864n, 0, { mem: true }),
  num('loading-process-events-interval-bytes', 'off_t', 1024n, INT_MAX, 2097152n, H),

  // TLS (Debian builds with OpenSSL)
  num('tls-port', 'int', 0n, 65535n, 0n),
  num('tls-session-cache-size', 'int', 0n, INT_MAX, 20480n),
  num('tls-session-cache-timeout', 'int', 0n, INT_MAX, 300n),
  bool('tls-cluster', false),
  bool('tls-replication', false),
  enm('tls-auth-clients', [['no', 0], ['yes', 1], ['optional', 2]], 1),
  bool('tls-prefer-server-ciphers', false),
  bool('tls-session-caching', true),
  str('tls-cert-file', ''),
  str('tls-key-file', ''),
  str('tls-key-file-pass', ''),
  str('tls-client-cert-file', ''),
  str('tls-client-key-file', ''),
  str('tls-client-key-file-pass', ''),
  str('tls-dh-params-file', ''),
  str('tls-ca-cert-file', ''),
  str('tls-ca-cert-dir', ''),
  str('tls-protocols', ''),
  str('tls-ciphers', ''),
  str('tls-ciphersuites', ''),

  // Special
  special('dir', '/data', PROTECTED, (args) => (args.length !== 1 ? { err: 'wrong number of arguments' } : { ok: args[0]! })),
  special('save', '3600 1 300 100 60 10000', M, setSave),
  special('client-output-buffer-limit', 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60', M, parseObufLimits),
  special('oom-score-adj-values', '0 200 800', M, setOomValues),
  special('notify-keyspace-events', '', 0, setNotify),
  special('bind', '* -::*', M, setBind),
  special('replicaof', '', I | M, refuse, 'slaveof'),
  special('latency-tracking-info-percentiles', '50 99 99.9', M, setPercentiles),
];

// ---- apply functions that can fail ------------------------------------------------------------

const TLS_FAILED = 'Unable to update TLS configuration. Check server logs.';
/** Why appendonly cannot be turned on by an engine whose host gave it no AOF directory. */
export const AOF_UNAVAILABLE = 'Unable to turn on AOF: this engine has no directory for the append only file';

/** Parameters whose change runs an apply function that can refuse it here. */
const APPLY_GROUP: Record<string, string> = { 'tls-port': 'tls-port', bind: 'bind', appendonly: 'appendonly' };
for (const n of [
  'tls-session-cache-size',
  'tls-session-cache-timeout',
  'tls-cluster',
  'tls-replication',
  'tls-prefer-server-ciphers',
  'tls-session-caching',
  'tls-cert-file',
  'tls-key-file',
  'tls-key-file-pass',
  'tls-client-cert-file',
  'tls-client-key-file',
  'tls-client-key-file-pass',
  'tls-dh-params-file',
  'tls-ca-cert-file',
  'tls-ca-cert-dir',
  'tls-protocols',
  'tls-ciphers',
  'tls-ciphersuites',
]) {
  APPLY_GROUP[n] = 'tls';
}

/** Volatile parameters (file names re-read on every set) and bind apply even when unchanged. */
const ALWAYS_APPLIED = new Set([
  'bind',
  'tls-cert-file',
  'tls-key-file',
  'tls-client-cert-file',
  'tls-client-key-file',
  'tls-dh-params-file',
  'tls-ca-cert-file',
  'tls-ca-cert-dir',
]);

/** Addresses a listener can bind to here: any (IPv4/IPv6), loopback; '-' makes one optional. */
function bindable(addr: string): boolean {
  if (addr.startsWith('-')) return true;
  return ['*', '::*', '0.0.0.0', '::', '::1', 'localhost'].includes(addr) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(addr);
}

/**
 * The checks of the apply functions that fail in the playground: TLS cannot be configured (there
 * are no certificates), only local addresses can be bound, and there is no AOF to turn on.
 */
const APPLY_CHECKS: Record<string, (v: Map<string, string>) => string | null> = {
  'tls-port': (v) => (v.get('tls-port') !== '0' ? TLS_FAILED : null),
  tls: (v) => (v.get('tls-port') !== '0' || v.get('tls-replication') === 'yes' || v.get('tls-cluster') === 'yes' ? TLS_FAILED : null),
  bind: (v) => (splitArgs(v.get('bind')!).every(bindable) ? null : 'Failed to bind to specified addresses.'),
  appendonly: (v) => (v.get('appendonly') === 'yes' ? AOF_UNAVAILABLE : null),
};

/** One name CONFIG knows: a parameter's own name or its alias (each is a distinct entry). */
export interface ConfigEntry {
  /** The name this entry is registered under (the alias for alias entries). */
  name: string;
  def: ParamDef;
  hidden: boolean;
}

const ENTRIES: ConfigEntry[] = [];
const BY_NAME = new Map<string, ConfigEntry>();
for (const def of PARAMS) {
  const main: ConfigEntry = { name: def.name, def, hidden: (def.flags & HIDDEN) !== 0 };
  ENTRIES.push(main);
  BY_NAME.set(def.name, main);
  if (def.alias) {
    const alias: ConfigEntry = { name: def.alias, def, hidden: main.hidden };
    ENTRIES.push(alias);
    BY_NAME.set(def.alias, alias);
  }
}

/** Every name CONFIG GET * can list (hidden ones excluded), aliases included. */
export function configEntries(): readonly ConfigEntry[] {
  return ENTRIES;
}

/** Case-insensitive lookup of a parameter name or alias (config.c lookupConfig). */
export function lookupConfig(name: string): ConfigEntry | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** What the engine reads: the printed values plus typed copies refreshed on change. */
export class Config {
  /** Canonical parameter name → value as CONFIG GET prints it. */
  private readonly values = new Map<string, string>();

  // Typed values, kept in step with `values` by refresh().
  hz = 10;
  maxmemory = 0;
  maxmemoryPolicy = 'noeviction';
  /** The policy is an LFU one: objects' `lru` field holds LFU's minute and counter. */
  lfu = false;
  lfuLogFactor = 10;
  lfuDecayTime = 1;
  maxmemorySamples = 5;
  maxmemoryEvictionTenacity = 10;
  lazyfreeLazyEviction = false;
  /** replica-read-only: a replica refuses writes from clients other than its master. */
  replicaReadOnly = true;
  /** replica-serve-stale-data: a replica whose link is down still answers (else MASTERDOWN). */
  replicaServeStaleData = true;
  /** min-replicas-to-write and min-replicas-max-lag: writes need that many replicas lately heard from. */
  minReplicasToWrite = 0;
  minReplicasMaxLag = 10;
  maxclients = 10000;
  timeout = 0;
  databases = 16;
  port = 6379;
  requirepass = '';
  /** Set by the engine: a changed requirepass becomes the default user's password (acl.ts). */
  onRequirepass: ((password: string) => void) | null = null;
  appendonly = false;
  appendfsync = 'everysec';
  /**
   * Set by an engine with an AOF directory: turns the AOF on or off for CONFIG SET appendonly,
   * returning Redis's error text when it cannot. Without it, appendonly yes is refused.
   */
  appendonlyApply: ((on: boolean) => string | null) | null = null;
  /** Keyspace notification flags (NOTIFY_*). */
  notifyKeyspaceEvents = 0;
  /** The flags of the last notify-keyspace-events set, with what it prints as. */
  private notifyGiven: { shown: string; flags: number } | null = null;
  hashMaxListpackEntries = 512;
  hashMaxListpackValue = 64;
  setMaxIntsetEntries = 512;
  zsetMaxListpackEntries = 128;
  zsetMaxListpackValue = 64;
  listMaxListpackSize = -2;
  listCompressDepth = 0;
  streamNodeMaxBytes = 4096;
  streamNodeMaxEntries = 100;
  hllSparseMaxBytes = 3000;
  protoMaxBulkLen = 536870912;
  /** client-query-buffer-limit: a client whose query buffer grows past it is closed. */
  clientQueryBufferLimit = 1073741824;
  /**
   * client-output-buffer-limit by client class (normal, replica, pubsub: Redis's CLIENT_TYPE_*
   * order); 0 bytes means no limit (output-buffer.ts enforces them).
   */
  clientObufLimits: readonly ObufLimit[] = [];
  /** protected-mode: with no password, only loopback clients are served. */
  protectedMode = true;
  slowlogLogSlowerThan = 10000;
  slowlogMaxLen = 128;
  latencyTracking = true;
  latencyMonitorThreshold = 0;
  /** busy-reply-threshold, alias lua-time-limit (ms). */
  busyReplyThreshold = 5000;
  activeExpireEffort = 1;
  lazyfreeLazyUserDel = false;
  lazyfreeLazyUserFlush = false;
  lazyfreeLazyExpire = false;
  /** [seconds, changes] pairs of the save parameter. */
  saveParams: [number, number][] = [];
  /** latency-tracking-info-percentiles. */
  latencyPercentiles: number[] = [50, 99, 99.9];

  /**
   * Defaults, then `overrides` applied like lines of a config file (immutable parameters
   * allowed). Throws on an unknown parameter or an invalid value: that is a host bug.
   */
  constructor(overrides: Record<string, string> = {}) {
    for (const def of PARAMS) this.values.set(def.name, defaultString(def));
    for (const [k, v] of Object.entries(overrides)) {
      const err = this.setMany([[k, v]], true);
      if (err !== null) throw new Error(`bad config ${k}=${v}: ${err}`);
    }
    this.refresh();
  }

  /** The printed value of a parameter (or alias), or undefined when there is none. */
  get(name: string): string | undefined {
    const e = lookupConfig(name);
    return e === undefined ? undefined : this.values.get(e.def.name);
  }

  /**
   * Sets a parameter without CONFIG SET's checks (hosts: the TCP server sets the port it
   * listens on). The value is normalised when it parses, kept as given otherwise.
   */
  set(name: string, value: string): void {
    if (this.setMany([[name, value]], true) === null) return;
    const e = lookupConfig(name);
    this.values.set(e ? e.def.name : name, value);
    this.refresh();
  }

  /**
   * Checks one line of a config file (redis-server's command-line options are such lines):
   * null when `name value` would load, else the reason redis-server prints under FATAL CONFIG
   * FILE ERROR. Nothing changes.
   */
  checkConfigLine(name: string, value: string): string | null {
    const e = lookupConfig(name);
    if (e === undefined) return 'Bad directive or wrong number of arguments';
    const r = this.parse(e.def, value);
    return 'err' in r ? r.err : null;
  }

  /** Whether a parameter can only be set at start-up (IMMUTABLE_CONFIG). */
  isImmutable(name: string): boolean {
    const e = lookupConfig(name);
    return e !== undefined && (e.def.flags & IMMUTABLE) !== 0;
  }

  /** Canonical names of every parameter. */
  names(): IterableIterator<string> {
    return this.values.keys();
  }

  /**
   * CONFIG SET: all pairs or none. Returns null on success or the whole error text
   * ('ERR Unknown option…', 'ERR CONFIG SET failed (possibly related to argument …) - …').
   * `loading` = reading a config file (immutable and protected parameters allowed).
   */
  setMany(pairs: readonly (readonly [string, string])[], loading = false): string | null {
    const entries: ConfigEntry[] = [];
    let unknown: string | null = null;
    let errArg: string | null = null;
    let errText: string | null = null;
    for (let i = 0; i < pairs.length; i++) {
      const name = pairs[i]![0];
      const e = lookupConfig(name);
      if (e === undefined) {
        if (unknown === null && errArg === null) unknown = name;
        continue;
      }
      if (unknown !== null || errArg !== null) continue;
      if (!loading && (e.def.flags & (IMMUTABLE | PROTECTED)) !== 0) {
        errText = e.def.flags & IMMUTABLE ? "can't set immutable config" : "can't set protected config";
        errArg = name;
        continue;
      }
      if (entries.includes(e)) {
        errText = 'duplicate parameter';
        errArg = name;
        continue;
      }
      entries.push(e);
    }
    if (unknown !== null) return configSetUnknownOption(unknown);
    if (errArg !== null) return configSetFailed(errArg, errText!);

    // Parse everything first; nothing changes unless every value is valid.
    const updates: [string, string][] = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const r = this.parse(e.def, pairs[i]![1]);
      if ('err' in r) {
        return configSetFailed(e.name, r.err);
      }
      updates.push([e.def.name, r.ok]);
      // The printed classes drop 'n' next to 'A' ('KEAn' prints 'AKE'), but Redis keeps it on.
      if (e.def.name === 'notify-keyspace-events') {
        this.notifyGiven = { shown: r.ok, flags: keyspaceEventsStringToFlags(pairs[i]![1]) };
      }
    }
    // The apply step (config.c apply functions), once per function, in order of first use.
    const next = new Map(this.values);
    for (const [name, value] of updates) next.set(name, value);
    const applied = new Set<string>();
    for (let i = 0; i < updates.length && !loading; i++) {
      const [name, value] = updates[i]!;
      const group = APPLY_GROUP[name];
      if (group === undefined || applied.has(group)) continue;
      if (value === this.values.get(name) && !ALWAYS_APPLIED.has(name)) continue;
      applied.add(group);
      // updateAppendonly: a host with a place for the files turns the AOF on or off here.
      const bad = group === 'appendonly' && this.appendonlyApply !== null ? this.appendonlyApply(next.get('appendonly') === 'yes') : APPLY_CHECKS[group]!(next);
      if (bad !== null) return configSetFailed(entries[i]!.name, bad);
    }
    const oldRequirepass = this.values.get('requirepass');
    for (const [name, value] of updates) this.values.set(name, value);
    this.refresh();
    if (this.requirepass !== oldRequirepass) this.onRequirepass?.(this.requirepass);
    return null;
  }

  /** Value text → the printed form, or Redis's error text for this parameter. */
  private parse(def: ParamDef, value: string): { ok: string } | { err: string } {
    const args = def.flags & MULTI_ARG ? splitArgs(value) : [value];
    switch (def.kind) {
      case 'bool': {
        const v = value.toLowerCase();
        const b = v === 'yes' ? true : v === 'no' ? false : null;
        if (b === null) return { err: YESNO_ERR };
        const bad = def.valid?.(b);
        if (bad) return { err: bad };
        return { ok: b ? 'yes' : 'no' };
      }
      case 'string': {
        const bad = def.valid?.(value);
        if (bad) return { err: bad };
        return { ok: value };
      }
      case 'enum': {
        const multi = (def.flags & MULTI_ARG) !== 0;
        let v = 0;
        let ok = args.length > 0 && (multi || args.length === 1);
        for (const a of ok ? args : []) {
          let matched = false;
          for (const [n, val] of def.values) {
            if (n === a.toLowerCase()) {
              v |= val;
              matched = true;
            }
          }
          if (!matched) {
            ok = false;
            break;
          }
        }
        if (!ok) {
          return { err: 'argument(s) must be one of the following: ' + def.values.map(([n]) => n).join(', ') };
        }
        const bad = def.valid?.(v);
        if (bad) return { err: bad };
        return { ok: enumName(def, v) };
      }
      case 'num':
        return parseNumeric(def, value);
      case 'special':
        return def.set(args, this.values.get(def.name)!);
    }
  }

  /** Recomputes the typed fields from the printed values. */
  private refresh(): void {
    const n = (k: string) => Number(this.values.get(k));
    this.hz = n('hz');
    this.maxmemory = Number(BigInt(this.values.get('maxmemory')!));
    this.maxmemoryPolicy = this.values.get('maxmemory-policy')!;
    this.lfu = this.maxmemoryPolicy.endsWith('-lfu');
    this.lfuLogFactor = n('lfu-log-factor');
    this.lfuDecayTime = n('lfu-decay-time');
    this.maxmemorySamples = n('maxmemory-samples');
    this.maxmemoryEvictionTenacity = n('maxmemory-eviction-tenacity');
    this.lazyfreeLazyEviction = this.values.get('lazyfree-lazy-eviction') === 'yes';
    this.replicaReadOnly = this.values.get('replica-read-only') === 'yes';
    this.replicaServeStaleData = this.values.get('replica-serve-stale-data') === 'yes';
    this.minReplicasToWrite = n('min-replicas-to-write');
    this.minReplicasMaxLag = n('min-replicas-max-lag');
    this.maxclients = n('maxclients');
    this.timeout = n('timeout');
    this.databases = n('databases');
    this.port = n('port');
    this.requirepass = this.values.get('requirepass')!;
    this.appendonly = this.values.get('appendonly') === 'yes';
    this.appendfsync = this.values.get('appendfsync')!;
    const notify = this.values.get('notify-keyspace-events')!;
    const given = this.notifyGiven;
    this.notifyKeyspaceEvents = given !== null && given.shown === notify ? given.flags : keyspaceEventsStringToFlags(notify);
    this.hashMaxListpackEntries = n('hash-max-listpack-entries');
    this.hashMaxListpackValue = n('hash-max-listpack-value');
    this.setMaxIntsetEntries = n('set-max-intset-entries');
    this.zsetMaxListpackEntries = n('zset-max-listpack-entries');
    this.zsetMaxListpackValue = n('zset-max-listpack-value');
    this.listMaxListpackSize = n('list-max-listpack-size');
    this.listCompressDepth = n('list-compress-depth');
    this.streamNodeMaxBytes = n('stream-node-max-bytes');
    this.streamNodeMaxEntries = n('stream-node-max-entries');
    this.hllSparseMaxBytes = n('hll-sparse-max-bytes');
    this.protoMaxBulkLen = n('proto-max-bulk-len');
    this.clientQueryBufferLimit = n('client-query-buffer-limit');
    this.clientObufLimits = parseObufValue(this.values.get('client-output-buffer-limit')!);
    this.protectedMode = this.values.get('protected-mode') === 'yes';
    this.slowlogLogSlowerThan = n('slowlog-log-slower-than');
    this.slowlogMaxLen = n('slowlog-max-len');
    this.latencyTracking = this.values.get('latency-tracking') === 'yes';
    this.latencyMonitorThreshold = n('latency-monitor-threshold');
    this.busyReplyThreshold = n('busy-reply-threshold');
    this.activeExpireEffort = n('active-expire-effort');
    this.lazyfreeLazyUserDel = this.values.get('lazyfree-lazy-user-del') === 'yes';
    this.lazyfreeLazyUserFlush = this.values.get('lazyfree-lazy-user-flush') === 'yes';
    this.lazyfreeLazyExpire = this.values.get('lazyfree-lazy-expire') === 'yes';
    const save = splitArgs(this.values.get('save')!).map(Number);
    this.saveParams = [];
    for (let i = 0; i + 1 < save.length; i += 2) this.saveParams.push([save[i]!, save[i + 1]!]);
    this.latencyPercentiles = splitArgs(this.values.get('latency-tracking-info-percentiles')!).map(Number);
  }
}

function enumName(def: EnumDef, v: number): string {
  const multi = (def.flags & MULTI_ARG) !== 0;
  const names: string[] = [];
  let unmatched = v;
  for (const [n, val] of def.values) {
    if (v === val) return n;
    if (multi && val !== 0 && (unmatched & val) === val) {
      names.push(n);
      unmatched &= ~val;
    }
  }
  return names.length === 0 || unmatched !== 0 ? 'unknown' : names.join(' ');
}

function printNumeric(def: NumDef, v: bigint): string {
  if (def.percent && v < 0n) return `${-v}%`;
  if (def.mem) return String(v < 0n ? v + TWO64 : v);
  if (def.octal) return (v < 0n ? v + TWO64 : v).toString(8);
  return String(v);
}

function defaultString(def: ParamDef): string {
  switch (def.kind) {
    case 'bool':
      return def.def ? 'yes' : 'no';
    case 'enum':
      return enumName(def, def.def);
    case 'num':
      return printNumeric(def, def.def);
    default:
      return def.def;
  }
}

const UNSIGNED: ReadonlySet<NumType> = new Set(['ull', 'uint', 'size_t']);

/** numericParseString + numericBoundaryCheck + the apply step, as config.c does them. */
function parseNumeric(def: NumDef, value: string): { ok: string } | { err: string } {
  let ll: bigint | null = null;
  if (def.mem) {
    const u = memtoull(value);
    if (u !== null) ll = BigInt.asIntN(64, u);
  }
  if (ll === null && def.percent && value.length > 1 && value.endsWith('%')) {
    const p = parseInt64(value.slice(0, -1));
    if (p !== null && p >= 0n) ll = -p;
  }
  if (ll === null && def.octal) {
    const r = strtoll(value, 8);
    if (r.end === value.length && value.length > 0) ll = r.value;
  }
  if (ll === null && !def.mem && !def.percent && !def.octal) ll = parseInt64(value);
  if (ll === null) {
    if (def.mem && def.percent) return { err: 'argument must be a memory or percent value' };
    if (def.mem) return { err: 'argument must be a memory value' };
    if (def.octal) return { err: "argument couldn't be parsed as an octal number" };
    return { err: "argument couldn't be parsed into an integer" };
  }
  if (UNSIGNED.has(def.type)) {
    const u = BigInt.asUintN(64, ll);
    if (u > def.hi || u < def.lo) {
      if (def.octal) return { err: `argument must be between ${def.lo.toString(8)} and ${def.hi.toString(8)} inclusive` };
      return { err: `argument must be between ${def.lo} and ${def.hi} inclusive` };
    }
  } else if (def.percent && ll < 0n) {
    if (ll < def.lo) return { err: `percentage argument must be less or equal to ${-def.lo}` };
  } else if (ll > def.hi || ll < def.lo) {
    return { err: `argument must be between ${def.lo} and ${def.hi} inclusive` };
  }
  if (def.apply) ll = def.apply(ll);
  return { ok: printNumeric(def, ll) };
}

/** A redis glob pattern contains one of these (CONFIG GET looks names up directly otherwise). */
export function hasGlob(s: string): boolean {
  return /[[*?]/.test(s);
}
