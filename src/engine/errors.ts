// Every error string the engine sends, spelled exactly as Redis 7.0 spells it (code included).
// Handlers return `error(E.X)` or `error(E.fn(arg))`; nothing else writes error text.

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

export function unknownCommand(name: string, args: readonly string[]): string {
  // Redis quotes the arguments until their text reaches 128 bytes.
  let list = '';
  for (let i = 0; i < args.length && list.length < 128; i++) {
    list += `'${args[i]!.slice(0, 128 - list.length)}' `;
  }
  return noNewlines(`ERR unknown command '${name.slice(0, 128)}', with args beginning with: ${list}`);
}

export function unknownSubcommand(sub: string, container: string): string {
  return noNewlines(`ERR unknown subcommand '${sub.slice(0, 128)}'. Try ${container.toUpperCase()} HELP.`);
}

export function wrongArity(fullName: string): string {
  return `ERR wrong number of arguments for '${fullName}' command`;
}

export function invalidExpireTime(commandName: string): string {
  return `ERR invalid expire time in '${commandName}' command`;
}

/** Redis replaces CR and LF in error text so that the protocol stays valid. */
export function noNewlines(s: string): string {
  return s.replace(/[\r\n]/g, ' ');
}
