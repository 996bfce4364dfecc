// Every error string the engine sends, spelled exactly as Redis 7.0 spells it (code included).
// Handlers return `error(E.X)` or `error(E.fn(arg))`; nothing else writes error text.

import { cString } from './args.js';

export const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
export const SYNTAX = 'ERR syntax error';
export const NOT_INTEGER = 'ERR value is not an integer or out of range';
export const NOT_FLOAT = 'ERR value is not a valid float';
export const OVERFLOW = 'ERR increment or decrement would overflow';
export const NAN_OR_INF = 'ERR increment would produce NaN or Infinity';
export const NO_SUCH_KEY = 'ERR no such key';
export const DB_INDEX_OUT_OF_RANGE = 'ERR DB index is out of range';
export const INVALID_DB_INDEX = 'ERR invalid DB index';
export const SAME_OBJECT = 'ERR source and destination objects are the same';
export const STRING_TOO_LONG = 'ERR string exceeds maximum allowed size (proto-max-bulk-len)';
export const OFFSET_OUT_OF_RANGE = 'ERR offset is out of range';
export const INVALID_CURSOR = 'ERR invalid cursor';
export const NOAUTH = 'NOAUTH Authentication required.';
export const WRONGPASS = 'WRONGPASS invalid username-password pair or user is disabled.';
export const AUTH_NOT_CONFIGURED =
  'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?';
export const EXECABORT = 'EXECABORT Transaction discarded because of previous errors.';
export const MULTI_NESTED = 'ERR MULTI calls can not be nested';
export const EXEC_WITHOUT_MULTI = 'ERR EXEC without MULTI';
export const DISCARD_WITHOUT_MULTI = 'ERR DISCARD without MULTI';
export const WATCH_INSIDE_MULTI = 'ERR WATCH inside MULTI is not allowed';
export const TIMEOUT_NEGATIVE = 'ERR timeout is negative';
export const TIMEOUT_NOT_FLOAT = 'ERR timeout is not a float or out of range';
export const NOPROTO = 'NOPROTO unsupported protocol version';
// STRING group (t_string.c)
export const DECREMENT_OVERFLOW = 'ERR decrement would overflow';
export const LCS_NOT_STRINGS = 'ERR The specified keys must contain string values';
export const LCS_LEN_AND_IDX = 'ERR If you want both the length and indexes, please just use IDX.';
export const LCS_STRING_TOO_LONG = 'ERR String too long for LCS';
export const LCS_TOO_MUCH_MEMORY = 'ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len';
// GENERIC keyspace and expiry groups (db.c, expire.c, object.c)
export const INVALID_FIRST_DB_INDEX = 'ERR invalid first DB index';
export const INVALID_SECOND_DB_INDEX = 'ERR invalid second DB index';
export const EXPIRE_NX_CONFLICT = 'ERR NX and XX, GT or LT options at the same time are not compatible';
export const EXPIRE_GT_LT_CONFLICT = 'ERR GT and LT options at the same time are not compatible';
export const LFU_NOT_SELECTED =
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';
export const LFU_SELECTED =
  'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';

/**
 * getRangeLongFromObjectOrReply without a custom message: an integer outside [min, max]
 * (getIntFromObjectOrReply: MOVE/COPY DB, SELECT … give -2147483648 and 2147483647). Sic.
 */
export function valueOutOfRange(min: number | bigint, max: number | bigint): string {
  return `ERR value is out of range, value must between ${min} and ${max}`;
}

/** EXPIRE's unknown option; Redis prints the argument as a C string (up to its first NUL). */
export function unsupportedOption(opt: string): string {
  const nul = opt.indexOf('\0');
  return noNewlines(`ERR Unsupported option ${nul < 0 ? opt : opt.slice(0, nul)}`);
}

export function unknownCommand(name: string, args: readonly string[]): string {
  // Redis quotes the arguments until their text reaches 128 bytes.
  let list = '';
  for (let i = 0; i < args.length && list.length < 128; i++) {
    list += `'${cString(args[i]!).slice(0, 128 - list.length)}' `;
  }
  return noNewlines(`ERR unknown command '${cString(name).slice(0, 128)}', with args beginning with: ${list}`);
}

export function unknownSubcommand(sub: string, container: string): string {
  return noNewlines(`ERR unknown subcommand '${cString(sub).slice(0, 128)}'. Try ${cString(container).toUpperCase()} HELP.`);
}

export function wrongArity(fullName: string): string {
  return `ERR wrong number of arguments for '${fullName}' command`;
}

export function invalidExpireTime(commandName: string): string {
  return `ERR invalid expire time in '${commandName}' command`;
}

// SHUTDOWN (db.c, server.c); the last one is ours: the browser playground has no process to stop.
export const NO_SHUTDOWN_IN_PROGRESS = 'ERR No shutdown in progress.';
export const SHUTDOWN_FAILED = 'ERR Errors trying to SHUTDOWN. Check logs.';
/** HELP or LOLWUT in an engine whose late parts (engine/late.ts) could not be fetched. */
export const LATE_PARTS_MISSING = 'ERR this command needs a part of the engine that could not be loaded';
export const SHUTDOWN_NOT_AVAILABLE = 'ERR SHUTDOWN is not available in the playground: there is no server process to stop here';

// SERVER group: COMMAND, CONFIG, SLOWLOG, MEMORY, DEBUG (server.c, config.c, slowlog.c, object.c)
export const INVALID_COMMAND_SPECIFIED = 'ERR Invalid command specified';
export const COMMAND_HAS_NO_KEYS = 'ERR The command has no key arguments';
export const GETKEYS_WRONG_ARG_COUNT = 'ERR Invalid number of arguments specified for command';
export const GETKEYS_INVALID_ARGS = 'ERR Invalid arguments specified for command';
export const NO_CONFIG_FILE = 'ERR The server is running without a config file';
export const SLOWLOG_BAD_COUNT = 'ERR count should be greater than or equal to -1';
export const DEBUG_NOT_ALLOWED =
  'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.';
/** DEBUG RELOAD's save failed (Redis's shared.err: the code and nothing else). */
export const DEBUG_SAVE_FAILED = 'ERR';
export const DEBUG_RELOAD_OPTIONS = 'ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.';
export const DEBUG_RELOAD_FAILED = 'ERR Error trying to load the RDB dump';
/** DEBUG LOADAOF could not replay the files (Redis exits instead: our own words). */
export const DEBUG_LOADAOF_FAILED = 'ERR Error trying to load the append only files';
export const DEBUG_NOT_LISTPACK = 'ERR Not a listpack encoded object.';
export const DEBUG_NOT_QUICKLIST = 'ERR Not a quicklist encoded object.';
export const DEBUG_PROTOCOL_TYPE =
  'ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false';
export const DEBUG_PROTOCOL_RESP2 = 'ERR RESP2 is not supported by this command';
export const DEBUG_PACKED_THRESHOLD = 'ERR argument must be a memory value bigger than 1 and smaller than 4gb';
export const DEBUG_CLUSTER_ONLY = 'ERR Debug option only available for cluster mode enabled setup!';

// CLUSTER, READONLY, READWRITE, ASKING without cluster-enabled (cluster.c); MODULE (module.c)
export const CLUSTER_DISABLED = 'ERR This instance has cluster support disabled';
export const MODULE_LOAD_FAILED = 'ERR Error loading the extension. Please check the server logs.';
export const MODULE_UNLOAD_NO_SUCH = 'ERR Error unloading module: no such module with that name';
export const MODULE_NOT_ALLOWED =
  'ERR MODULE command not allowed. If the enable-module-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.';

// PERSISTENCE group: SAVE, BGSAVE (rdb.c)
/** Redis's bare shared.err ("-ERR"): what a failed SAVE answers. */
export const SAVE_FAILED = 'ERR';
export const BGSAVE_IN_PROGRESS = 'ERR Background save already in progress';
export const AOF_REWRITE_FAILED = "ERR Can't execute an AOF background rewriting. Please check the server logs for more information.";
// server.c shared.bgsaveerr: writes refused after a failed BGSAVE (stop-writes-on-bgsave-error).
/** shared.roslaveerr: a write sent to a read-only replica (the browser: a tab that does not own the data). */
export const WAIT_ON_REPLICA =
  'ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to replicas are just local and are not propagated.';
export const NOREPLICAS = 'NOREPLICAS Not enough good replicas to write.';
export const MASTERDOWN = "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
/** SYNC on a replica whose own master link is not up (addReplyError adds no second dash). */
export const NO_MASTER_LINK = "NOMASTERLINK Can't SYNC while not connected with my master";
export const READONLY_REPLICA = "READONLY You can't write against a read only replica.";
/** shared.oomerr: a command that may grow the dataset, with the memory over maxmemory. */
export const OOM = "OOM command not allowed when used memory > 'maxmemory'.";
/** scriptPrepareForRun: a script that may write, with the memory over maxmemory. */
export const OOM_SCRIPT = "OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'";
export const MISCONF_BGSAVE =
  "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.";

export function configSetUnknownOption(name: string): string {
  return noNewlines(`ERR Unknown option or number of arguments for CONFIG SET - '${name}'`);
}

/** `reason` is empty when Redis gives none. */
export function configSetFailed(arg: string, reason: string): string {
  const base = `ERR CONFIG SET failed (possibly related to argument '${arg}')`;
  return noNewlines(reason === '' ? base : `${base} - ${reason}`);
}

/** addReplySubcommandSyntaxError: a known subcommand given the wrong arguments. */
export function subcommandSyntax(sub: string, container: string): string {
  return noNewlines(`ERR unknown subcommand or wrong number of arguments for '${sub.slice(0, 128)}'. Try ${container.toUpperCase()} HELP.`);
}

export function latencyNoSamples(event: string): string {
  return noNewlines(`ERR No samples available for event '${event}'`);
}

// TRANSACTIONS and CONNECTION groups (multi.c, networking.c, acl.c, tracking.c)
/** execCommandAbort: why a rejected EXEC discarded the transaction ('ERR ' itself is dropped). */
export function execAbortBecause(message: string): string {
  const reason = message.startsWith('ERR ') ? message.slice(4) : message;
  return noNewlines(`EXECABORT Transaction discarded because of: ${reason}`);
}
export const CLIENT_NAME_INVALID = 'ERR Client names cannot contain spaces, newlines or special characters.';
export const PROTOCOL_VERSION_NOT_INTEGER = 'ERR Protocol version is not an integer or out of range';
export const HELLO_NOAUTH =
  'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time';
export const INVALID_CLIENT_ID = 'ERR Invalid client ID';
export const CLIENT_ID_NOT_POSITIVE = 'ERR client-id should be greater than 0';
export const NO_SUCH_CLIENT = 'ERR No such client';
export const UNBLOCK_REASON = 'ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR';
export const UNBLOCKED = 'UNBLOCKED client unblocked via CLIENT UNBLOCK';
export const PAUSE_MODE = 'ERR CLIENT PAUSE mode must be WRITE or ALL';
export const TIMEOUT_NOT_INTEGER = 'ERR timeout is not an integer or out of range';
export const TRACKING_ONE_REDIRECT = 'ERR A client can only redirect to a single other client';
export const TRACKING_NO_REDIRECT_CLIENT = 'ERR The client ID you want redirect to does not exist';
export const TRACKING_PREFIX_NEEDS_BCAST = 'ERR PREFIX option requires BCAST mode to be enabled';
export const TRACKING_BCAST_SWITCH =
  "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.";
export const TRACKING_OPT_WITH_BCAST = 'ERR OPTIN and OPTOUT are not compatible with BCAST';
export const TRACKING_OPTIN_AND_OPTOUT = "ERR You can't specify both OPTIN mode and OPTOUT mode";
export const TRACKING_OPT_SWITCH =
  "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.";
export const CACHING_NOT_TRACKING = 'ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled';
export const CACHING_YES_NEEDS_OPTIN = 'ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.';
export const CACHING_NO_NEEDS_OPTOUT = 'ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.';

/** The C-string part of an argument (Redis prints argv with %s: up to the first NUL). */
export function cPart(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

export function helloSyntax(option: string): string {
  return noNewlines(`ERR Syntax error in HELLO option '${cPart(option)}'`);
}

export function unknownClientType(type: string): string {
  return noNewlines(`ERR Unknown client type '${cPart(type)}'`);
}

export function noSuchUser(user: string): string {
  return noNewlines(`ERR No such user '${cPart(user)}'`);
}

// LIST group (t_list.c, object.c getPositiveLongFromObjectOrReply)
export const INDEX_OUT_OF_RANGE = 'ERR index out of range';
/** getPositiveLongFromObjectOrReply's default message, for non-integers too (LPOP/RPOP count). */
export const MUST_BE_POSITIVE = 'ERR value is out of range, must be positive';
export const LPOS_RANK_ZERO =
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";
export const LPOS_COUNT_NEGATIVE = "ERR COUNT can't be negative";
export const LPOS_MAXLEN_NEGATIVE = "ERR MAXLEN can't be negative";
/** LMPOP/BLMPOP (and ZMPOP/BZMPOP): also for a numkeys that is not an integer. */
export const NUMKEYS_NOT_POSITIVE = 'ERR numkeys should be greater than 0';
/** LMPOP/BLMPOP (and ZMPOP/BZMPOP) COUNT: also for a count that is not an integer. */
export const COUNT_NOT_POSITIVE = 'ERR count should be greater than 0';

// HASH group (t_hash.c) and SORT (sort.c)
export const HASH_NOT_INTEGER = 'ERR hash value is not an integer';
export const HASH_NOT_FLOAT = 'ERR hash value is not a float';
/** HINCRBYFLOAT's check of the increment itself (INCRBYFLOAT says NAN_OR_INF instead). */
export const VALUE_NAN_OR_INF = 'ERR value is NaN or Infinity';
/** HRANDFIELD/ZRANDMEMBER … WITHVALUES with a count beyond ±LONG_MAX/2. */
export const VALUE_OUT_OF_RANGE = 'ERR value is out of range';
export const SORT_SCORES_NOT_DOUBLE = "ERR One or more scores can't be converted into double";
/**
 * Ours: a negative random count (HRANDFIELD key -N) asks for N picks with repetition; Redis
 * would try to build that reply whatever N is, the playground refuses beyond a limit.
 */
export function randomCountTooLarge(limit: number): string {
  return `ERR count is too large for the playground (at most ${limit} elements with repetition)`;
}

// SET group (t_set.c): SINTERCARD (ZINTERCARD words them the same)
export const NUMKEYS_TOO_MANY = "ERR Number of keys can't be greater than number of args";
export const LIMIT_NEGATIVE = "ERR LIMIT can't be negative";

// SORTED SET group (t_zset.c)
export const ZADD_XX_AND_NX = 'ERR XX and NX options at the same time are not compatible';
export const ZADD_GT_LT_NX = 'ERR GT, LT, and/or NX options at the same time are not compatible';
export const ZADD_INCR_ONE_PAIR = 'ERR INCR option supports a single increment-element pair';
export const SCORE_IS_NAN = 'ERR resulting score is not a number (NaN)';
export const MIN_MAX_NOT_FLOAT = 'ERR min or max is not a float';
export const MIN_MAX_NOT_LEX = 'ERR min or max not valid string range item';
export const ZRANGE_LIMIT_NEEDS_BY = 'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX';
export const ZRANGE_WITHSCORES_BYLEX = 'ERR syntax error, WITHSCORES not supported in combination with BYLEX';
export const WEIGHT_NOT_FLOAT = 'ERR weight value is not a float';
/** ZUNION/ZINTER/ZDIFF(STORE)/ZINTERCARD with numkeys < 1; `fullName` is the command's. */
export function atLeastOneInputKey(fullName: string): string {
  return `ERR at least 1 input key is needed for '${fullName}' command`;
}

/** Redis replaces CR and LF in error text so that the protocol stays valid. */
export function noNewlines(s: string): string {
  return s.replace(/[\r\n]/g, ' ');
}

// Protocol errors (networking.c processInlineBuffer / processMultibulkBuffer), used by the RESP
// request parser.
export const PROTO_TOO_BIG_INLINE = 'ERR Protocol error: too big inline request';
export const PROTO_UNBALANCED_QUOTES = 'ERR Protocol error: unbalanced quotes in request';
export const PROTO_INVALID_MULTIBULK_LEN = 'ERR Protocol error: invalid multibulk length';
export const PROTO_UNAUTH_MULTIBULK_LEN = 'ERR Protocol error: unauthenticated multibulk length';
export const PROTO_TOO_BIG_MBULK_COUNT = 'ERR Protocol error: too big mbulk count string';
export const PROTO_INVALID_BULK_LEN = 'ERR Protocol error: invalid bulk length';
export const PROTO_UNAUTH_BULK_LEN = 'ERR Protocol error: unauthenticated bulk length';
export const PROTO_TOO_BIG_BULK_COUNT = 'ERR Protocol error: too big bulk count string';

export function protoExpectedDollar(shown: string): string {
  return `ERR Protocol error: expected '$', got '${shown}'`;
}

/**
 * networking.c clientAcceptHandler: what a non-loopback client hears, before its connection is
 * closed, when protected mode is on and the default user has no password (Redis's typo kept).
 */
export const PROTECTED_MODE_DENIED =
  'DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. ' +
  'In this mode connections are only accepted from the loopback interface. ' +
  'If you want to connect from external computers to Redis you may adopt one of the following solutions: ' +
  "1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface " +
  'by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible ' +
  'from internet if you do so. Use CONFIG REWRITE to make this change permanent. ' +
  '2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the ' +
  "protected mode option to 'no', and then restarting the server. " +
  "3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. " +
  '4) Setup a an authentication password for the default user. ' +
  'NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.';

/** Ours: a bulk longer than a JS string can hold (V8's limit is below Redis's 512 MB). */
export function argumentTooLong(max: number): string {
  return `ERR argument too long: this server keeps arguments of at most ${max} bytes`;
}

/** Ours: a bug in the engine became this reply instead of taking the server or worker down. */
export function internalError(detail: string): string {
  return noNewlines(`ERR internal error: ${detail}`);
}

/** What a caught exception says, for an internal error reply or a log line: its message (or name). */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

export const NOT_ALLOWED_IN_MULTI = 'ERR Command not allowed inside a transaction';

export function prefixOverlapsExisting(given: string, existing: string): string {
  return `ERR Prefix '${given}' overlaps with an existing prefix '${existing}'. Prefixes for a single client must not overlap.`;
}

export function prefixOverlapsProvided(given: string, other: string): string {
  return `ERR Prefix '${given}' overlaps with another provided prefix '${other}'. Prefixes for a single client must not overlap.`;
}

// ---- pub/sub and MONITOR (pubsub.c, server.c processCommand, monitorCommand) ---------------

/** A RESP2 client in pub/sub mode ran something else (`fullName` as 'get' or 'client|list'). */
export function pubsubContext(fullName: string): string {
  return `ERR Can't execute '${fullName}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`;
}

/** A MONITOR client (a replica to Redis) ran a command that reads or writes keys. */
export const REPLICA_KEYSPACE = "ERR Replica can't interact with the keyspace";

/** SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE where the client must get one reply per command. */
export function subscribeDenyBlocking(name: 'SUBSCRIBE' | 'PSUBSCRIBE' | 'SSUBSCRIBE'): string {
  return `ERR ${name} isn't allowed for a DENY BLOCKING client`;
}

export const MONITOR_DENY_BLOCKING = "ERR MONITOR isn't allowed for DENY BLOCKING client";

// ---- HyperLogLog (hyperloglog.c) ------------------------------------------------------------

/** A string that is not an HLL (too short, no "HYLL" magic, unknown encoding, wrong dense size). */
export const HLL_INVALID_VALUE = 'WRONGTYPE Key is not a valid HyperLogLog string value.';
export const HLL_CORRUPTED = 'INVALIDOBJ Corrupted HLL object detected';
export const HLL_DEBUG_NO_KEY = 'ERR The specified key does not exist';
export const HLL_NOT_SPARSE = 'ERR HLL encoding is not sparse';

export function hllDebugUnknownSubcommand(sub: string): string {
  return noNewlines(`ERR Unknown PFDEBUG subcommand '${cString(sub)}'`);
}

// ---- bitmaps (bitops.c) ---------------------------------------------------------------------

export const BIT_OFFSET_OUT_OF_RANGE = 'ERR bit offset is not an integer or out of range';
export const BIT_NOT_ZERO_OR_ONE = 'ERR bit is not an integer or out of range';
export const BIT_ARG_NOT_ZERO_OR_ONE = 'ERR The bit argument must be 1 or 0.';
export const BITOP_NOT_SINGLE_KEY = 'ERR BITOP NOT must be called with a single source key.';
export const BITFIELD_INVALID_TYPE = 'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.';
export const BITFIELD_INVALID_OVERFLOW = 'ERR Invalid OVERFLOW type specified';
export const BITFIELD_RO_ONLY_GET = 'ERR BITFIELD_RO only supports the GET subcommand';

// ---- STREAM group (t_stream.c, blocked.c) ---------------------------------------------------
export const STREAM_INVALID_ID = 'ERR Invalid stream ID specified as stream command argument';
export const XADD_ID_ZERO = 'ERR The ID specified in XADD must be greater than 0-0';
export const XADD_ID_TOO_SMALL = 'ERR The ID specified in XADD is equal or smaller than the target stream top item';
export const STREAM_EXHAUSTED = 'ERR The stream has exhausted the last possible ID, unable to add more items';
export const STREAM_ELEMENTS_TOO_LARGE = 'ERR Elements are too large to be stored';
export const STREAM_MAXLEN_MINID = 'ERR syntax error, MAXLEN and MINID options at the same time are not compatible';
export const STREAM_MAXLEN_NEGATIVE = 'ERR The MAXLEN argument must be >= 0.';
export const STREAM_LIMIT_NEGATIVE = 'ERR The LIMIT argument must be >= 0.';
export const STREAM_LIMIT_NO_STRATEGY = 'ERR syntax error, LIMIT cannot be used without specifying a trimming strategy';
export const XTRIM_NO_STRATEGY = 'ERR syntax error, XTRIM must be called with a trimming strategy';
export const STREAM_LIMIT_NO_APPROX = 'ERR syntax error, LIMIT cannot be used without the special ~ option';
export const STREAM_INVALID_START = 'ERR invalid start ID for the interval';
export const STREAM_INVALID_END = 'ERR invalid end ID for the interval';
export const XREAD_UNBALANCED = "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.";
export const XREAD_GROUP_OPTION = 'ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.';
export const XREAD_NOACK_OPTION = 'ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.';
export const XREADGROUP_MISSING_GROUP = 'ERR Missing GROUP option for XREADGROUP';
export const XREADGROUP_DOLLAR =
  'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.';
export const XREAD_GREATER_ID = 'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.';
export const XGROUP_ENTRIESREAD = 'ERR value for ENTRIESREAD must be positive or -1';
export const XGROUP_NEEDS_KEY =
  'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.';
export const BUSYGROUP = 'BUSYGROUP Consumer Group name already exists';
export const BUSYKEY = 'BUSYKEY Target key name already exists.';
export const RESTORE_BAD_TTL = 'ERR Invalid TTL value, must be >= 0';
export const RESTORE_BAD_IDLETIME = 'ERR Invalid IDLETIME value, must be >= 0';
export const RESTORE_BAD_FREQ = 'ERR Invalid FREQ value, must be >= 0 and <= 255';
export const DUMP_PAYLOAD_INVALID = 'ERR DUMP payload version or checksum are wrong';
export const BAD_DATA_FORMAT = 'ERR Bad data format';
// MIGRATE (cluster.c migrateCommand, migrateGetSocket)
export const MIGRATE_KEYS_NEEDS_EMPTY_KEY = 'ERR When using MIGRATE KEYS option, the key argument must be set to the empty string';
export const MIGRATE_CANNOT_CONNECT = 'IOERR error or timeout connecting to the client';
/** The write of the commands, or a read of the target's replies, failed or timed out. */
export function migrateIoError(writing: boolean): string {
  return `IOERR error or timeout ${writing ? 'writing' : 'reading'} to target instance`;
}
/** The target's first error line (AUTH's, SELECT's or a RESTORE's), without its '-'. */
export function migrateTargetError(line: string): string {
  return noNewlines(`ERR Target instance replied with error: ${line}`);
}
export const XSETID_ENTRIES_ADDED_NEGATIVE = 'ERR entries_added must be positive';
export const XSETID_BELOW_MAX_DELETED = 'ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id';
export const XSETID_BELOW_TOP = 'ERR The ID specified in XSETID is smaller than the target stream top item';
export const XSETID_ENTRIES_ADDED_SMALL = 'ERR The entries_added specified in XSETID is smaller than the target stream length';
export const XCLAIM_MIN_IDLE = 'ERR Invalid min-idle-time argument for XCLAIM';
export const XCLAIM_IDLE = 'ERR Invalid IDLE option argument for XCLAIM';
export const XCLAIM_TIME = 'ERR Invalid TIME option argument for XCLAIM';
export const XCLAIM_RETRYCOUNT = 'ERR Invalid RETRYCOUNT option argument for XCLAIM';
export const XAUTOCLAIM_MIN_IDLE = 'ERR Invalid min-idle-time argument for XAUTOCLAIM';
export const XAUTOCLAIM_COUNT = 'ERR COUNT must be > 0';
export const NOGROUP_BLOCKED = 'NOGROUP the consumer group this client was blocked on no longer exists';
export const UNBLOCKED_STREAM_GONE = 'UNBLOCKED the stream key no longer exists';

export function xreadgroupNoGroup(key: string, group: string): string {
  return noNewlines(`NOGROUP No such key '${cString(key)}' or consumer group '${cString(group)}' in XREADGROUP with GROUP option`);
}

/** XGROUP SETID/CREATECONSUMER/DELCONSUMER and XINFO CONSUMERS on a missing group. */
export function noSuchGroupForKey(group: string, key: string): string {
  return noNewlines(`NOGROUP No such consumer group '${cString(group)}' for key name '${cString(key)}'`);
}

/** XPENDING, XCLAIM, XAUTOCLAIM on a missing key or group. */
export function noSuchKeyOrGroup(key: string, group: string): string {
  return noNewlines(`NOGROUP No such key '${cString(key)}' or consumer group '${cString(group)}'`);
}

export function xclaimUnknownOption(opt: string): string {
  return noNewlines(`ERR Unrecognized XCLAIM option '${cString(opt)}'`);
}

// Geo (geo.c).
export const GEO_UNSUPPORTED_UNIT = 'ERR unsupported unit provided. please use M, KM, FT, MI';
export const GEO_NEED_NUMERIC_RADIUS = 'ERR need numeric radius';
export const GEO_RADIUS_NEGATIVE = 'ERR radius cannot be negative';
export const GEO_NEED_NUMERIC_WIDTH = 'ERR need numeric width';
export const GEO_NEED_NUMERIC_HEIGHT = 'ERR need numeric height';
export const GEO_BOX_NEGATIVE = 'ERR height or width cannot be negative';
export const GEO_MEMBER_NOT_DECODED = 'ERR could not decode requested zset member';
export const GEO_COUNT_NOT_POSITIVE = 'ERR COUNT must be > 0';
export const GEO_ANY_WITHOUT_COUNT = 'ERR the ANY argument requires COUNT argument';

/** extractLongLatOrReply: both coordinates already printed with "%f". */
export function geoInvalidPair(lon: string, lat: string): string {
  return `ERR invalid longitude,latitude pair ${lon},${lat}`;
}

/** STORE / STOREDIST (or GEOSEARCHSTORE) together with WITHDIST, WITHHASH or WITHCOORD. */
export function geoStoreWithOptions(geosearchstore: boolean): string {
  return `ERR ${geosearchstore ? 'GEOSEARCHSTORE' : 'STORE option in GEORADIUS'} is not compatible with WITHDIST, WITHHASH and WITHCOORD options`;
}

export function geoNeedsFrom(command: string): string {
  return noNewlines(`ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${cString(command)}`);
}

export function geoNeedsBy(command: string): string {
  return noNewlines(`ERR exactly one of BYRADIUS and BYBOX can be specified for ${cString(command)}`);
}

// ACL (acl.c, server.c processCommand, multi.c execCommand, script.c scriptVerifyACL).

/** processCommand's NOPERM for a command, subcommand or first-arg the user may not run. */
export function nopermCommand(fullName: string): string {
  return `NOPERM this user has no permissions to run the '${fullName}' command`;
}
export const NOPERM_KEY = 'NOPERM this user has no permissions to access one of the keys used as arguments';
export const NOPERM_CHANNEL = 'NOPERM this user has no permissions to access one of the channels used as arguments';

/** execCommand: the ACL changed between MULTI's queuing and EXEC. */
export function nopermInExec(reason: string): string {
  return `NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. This command is no longer allowed for the following reason: ${reason}`;
}
