// Which arguments of a command line are keys (Redis's db.c getKeysFromCommandWithSpecs and the
// getkeys_proc functions): COMMAND GETKEYS, client tracking and WATCH-like bookkeeping read it.

import { cString, isOpt } from '../shared/args.js';
import type { Command, KeySpec } from './command.js';
import { INT64_MAX, INT64_MIN, parseInt64 } from './numbers.js';

/** A key found in a command line: its position in argv and its key-spec flags. */
export interface KeyRef {
  pos: number;
  flags: string[];
}

const RO_ACCESS = ['RO', 'access'];
const RW_ACCESS_UPDATE = ['RW', 'access', 'update'];
const OW_UPDATE = ['OW', 'update'];

/**
 * C's atoi as glibc has it: the leading number strtol reads (clamped to a 64-bit long), cast to
 * an int (its low 32 bits).
 */
export function atoi(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?\d+)/.exec(s);
  if (m === null) return 0;
  let v = BigInt(m[1]!);
  if (v > INT64_MAX) v = INT64_MAX;
  else if (v < INT64_MIN) v = INT64_MIN;
  return Number(BigInt.asIntN(32, v));
}

/** db.c genericGetKeys (flags 0: those commands have complete key specs). */
function genericGetKeys(storeOfs: number, countOfs: number, firstOfs: number, step: number, argv: readonly string[]): KeyRef[] {
  const num = atoi(argv[countOfs] ?? '');
  if (num < 1 || num > Math.trunc((argv.length - firstOfs) / step)) return [];
  const keys: KeyRef[] = [];
  for (let i = 0; i < num; i++) keys.push({ pos: firstOfs + i * step, flags: [] });
  if (storeOfs) keys.push({ pos: storeOfs, flags: [] });
  return keys;
}

function sortGetKeys(argv: readonly string[]): KeyRef[] {
  const keys: KeyRef[] = [{ pos: 1, flags: RO_ACCESS }];
  let store: KeyRef | undefined;
  const skips: Record<string, number> = { limit: 2, get: 1, by: 1 };
  for (let i = 2; i < argv.length; i++) {
    const a = cString(argv[i]!).toLowerCase();
    const skip = skips[a];
    if (skip !== undefined) {
      i += skip;
    } else if (a === 'store' && i + 1 < argv.length) {
      store = { pos: i + 1, flags: OW_UPDATE };
    }
  }
  if (store) keys.push(store);
  return keys;
}

function migrateGetKeys(argv: readonly string[]): KeyRef[] {
  let first = 3;
  let num = 1;
  const skips: Record<string, number> = { copy: 0, replace: 0, auth: 1, auth2: 2 };
  if (argv.length > 6) {
    for (let i = 6; i < argv.length; i++) {
      const a = cString(argv[i]!).toLowerCase();
      if (a === 'keys') {
        if (argv[3]!.length > 0) {
          num = 0;
        } else {
          first = i + 1;
          num = argv.length - first;
        }
        break;
      }
      const skip = skips[a];
      if (skip !== undefined) i += skip;
    }
  }
  const keys: KeyRef[] = [];
  for (let i = 0; i < num; i++) keys.push({ pos: first + i, flags: ['RW', 'access', 'delete'] });
  return keys;
}

function georadiusGetKeys(argv: readonly string[]): KeyRef[] {
  let stored = -1;
  for (let i = 5; i < argv.length; i++) {
    const a = cString(argv[i]!).toLowerCase();
    if ((a === 'store' || a === 'storedist') && i + 1 < argv.length) {
      stored = i + 1;
      i++;
    }
  }
  const keys: KeyRef[] = [{ pos: 1, flags: [] }];
  if (stored >= 0) keys.push({ pos: stored, flags: [] });
  return keys;
}

function xreadGetKeys(argv: readonly string[]): KeyRef[] {
  let streams = -1;
  for (let i = 1; i < argv.length; i++) {
    const a = cString(argv[i]!).toLowerCase();
    if (a === 'block' || a === 'count') i++;
    else if (a === 'group') i += 2;
    else if (a === 'noack') continue;
    else {
      if (a === 'streams') streams = i;
      break;
    }
  }
  const n = streams === -1 ? 0 : argv.length - streams - 1;
  if (streams === -1 || n === 0 || n % 2 !== 0) return [];
  const keys: KeyRef[] = [];
  for (let i = streams + 1; i < argv.length - n / 2; i++) keys.push({ pos: i, flags: [] });
  return keys;
}

function setGetKeys(argv: readonly string[]): KeyRef[] {
  for (let i = 3; i < argv.length; i++) {
    if (isOpt(argv[i]!, 'get')) {
      return [{ pos: 1, flags: RW_ACCESS_UPDATE }];
    }
  }
  return [{ pos: 1, flags: OW_UPDATE }];
}

function bitfieldGetKeys(argv: readonly string[]): KeyRef[] {
  let readonly = true;
  for (let i = 2; i < argv.length; i++) {
    const rem = argv.length - i - 1;
    const a = cString(argv[i]!).toLowerCase();
    if (a === 'get' && rem >= 2) {
      i += 2;
    } else if ((a === 'set' || a === 'incrby') && rem >= 3) {
      readonly = false;
      break;
    } else if (a === 'overflow' && rem >= 1) {
      i += 1;
    } else {
      readonly = false;
      break;
    }
  }
  return [{ pos: 1, flags: readonly ? RO_ACCESS : RW_ACCESS_UPDATE }];
}

/** Redis's getkeys_proc functions, by command name (used when key specs cannot answer). */
const NATIVE_GETKEYS: Record<string, (argv: readonly string[]) => KeyRef[]> = {
  set: setGetKeys,
  bitfield: bitfieldGetKeys,
  sort: sortGetKeys,
  sort_ro: () => [{ pos: 1, flags: RO_ACCESS }],
  migrate: migrateGetKeys,
  georadius: georadiusGetKeys,
  georadiusbymember: georadiusGetKeys,
  xread: xreadGetKeys,
  xreadgroup: xreadGetKeys,
  eval: (a) => genericGetKeys(0, 2, 3, 1, a),
  evalsha: (a) => genericGetKeys(0, 2, 3, 1, a),
  eval_ro: (a) => genericGetKeys(0, 2, 3, 1, a),
  evalsha_ro: (a) => genericGetKeys(0, 2, 3, 1, a),
  fcall: (a) => genericGetKeys(0, 2, 3, 1, a),
  fcall_ro: (a) => genericGetKeys(0, 2, 3, 1, a),
  sintercard: (a) => genericGetKeys(0, 1, 2, 1, a),
  zunionstore: (a) => genericGetKeys(1, 2, 3, 1, a),
  zinterstore: (a) => genericGetKeys(1, 2, 3, 1, a),
  zdiffstore: (a) => genericGetKeys(1, 2, 3, 1, a),
  zunion: (a) => genericGetKeys(0, 1, 2, 1, a),
  zinter: (a) => genericGetKeys(0, 1, 2, 1, a),
  zdiff: (a) => genericGetKeys(0, 1, 2, 1, a),
  zintercard: (a) => genericGetKeys(0, 1, 2, 1, a),
  lmpop: (a) => genericGetKeys(0, 1, 2, 1, a),
  zmpop: (a) => genericGetKeys(0, 1, 2, 1, a),
  blmpop: (a) => genericGetKeys(0, 2, 3, 1, a),
  bzmpop: (a) => genericGetKeys(0, 2, 3, 1, a),
};

function nativeGetKeys(cmd: Command): ((argv: readonly string[]) => KeyRef[]) | undefined {
  if (cmd.parent !== undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(NATIVE_GETKEYS, cmd.name) ? NATIVE_GETKEYS[cmd.name] : undefined;
}

/** Key specs of a command; a legacy [first, last, step] stands in when a spec gives none. */
function keySpecsOf(cmd: Command): readonly KeySpec[] {
  if (cmd.keySpecs !== undefined) return cmd.keySpecs;
  const [first, last, step] = cmd.keys;
  if (first <= 0) return [];
  return [{ flags: [], begin: { index: first }, find: { range: [last < 0 ? last : last - first, step, 0] } }];
}

/** db.c doesCommandHaveKeys. */
export function commandHasKeys(cmd: Command): boolean {
  return nativeGetKeys(cmd) !== undefined || cmd.getKeys !== undefined || keySpecsOf(cmd).some((k) => !k.flags.includes('not_key'));
}

/** db.c getKeysUsingKeySpecs: null when a spec cannot be followed (invalid or incomplete). */
function keysFromSpecs(cmd: Command, argv: readonly string[]): KeyRef[] | null {
  const argc = argv.length;
  const keys: KeyRef[] = [];
  for (const spec of keySpecsOf(cmd)) {
    if (spec.flags.includes('not_key')) continue;
    let first = 0;
    const b = spec.begin;
    // An 'unknown' spec (SORT's BY/GET/STORE) cannot be followed: the command's own proc answers.
    if ('unknown' in b || 'unknown' in spec.find) return null;
    if ('index' in b) {
      first = b.index;
    } else {
      const start = b.startfrom > 0 ? b.startfrom : argc + b.startfrom;
      const end = b.startfrom > 0 ? argc - 1 : 1;
      for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
        if (i >= argc || i < 1) break;
        if (cString(argv[i]!).toLowerCase() === b.keyword.toLowerCase()) {
          first = i + 1;
          break;
        }
      }
      if (!first) continue;
    }
    let last: number;
    let step: number;
    const f = spec.find;
    if ('range' in f) {
      const [lastkey, keystep, limit] = f.range;
      step = keystep;
      if (lastkey >= 0) last = first + lastkey;
      else if (!limit) last = argc + lastkey;
      else last = first + (Math.trunc((argc - first) / limit) + lastkey);
    } else {
      const [keynumidx, firstkey, keystep] = f.keynum;
      step = keystep;
      if (keynumidx >= argc) return null;
      const n = parseInt64(argv[first + keynumidx] ?? '');
      if (n === null || n < 0n) return null;
      first += firstkey;
      last = first + Number(n) - 1;
    }
    if (last >= argc || last < first || first >= argc) return null;
    for (let i = first; i <= last; i += step) {
      if (i >= argc || i < first) continue;
      keys.push({ pos: i, flags: spec.flags });
    }
    if (spec.flags.includes('incomplete')) return null;
  }
  return keys;
}

/** db.c getKeysFromCommandWithSpecs: specs when they are reliable, else the command's proc. */
export function commandKeys(cmd: Command, argv: readonly string[]): KeyRef[] {
  const specs = keySpecsOf(cmd);
  const hasKeySpec = specs.some((k) => !k.flags.includes('not_key'));
  const hasVarFlags = specs.some((k) => k.flags.includes('variable_flags'));
  if (hasKeySpec && !hasVarFlags) {
    const r = keysFromSpecs(cmd, argv);
    if (r !== null) return r;
  }
  const native = nativeGetKeys(cmd);
  if (native) return native(argv);
  if (cmd.getKeys) {
    try {
      return cmd.getKeys(argv).map((pos) => ({ pos, flags: [] }));
    } catch {
      return [];
    }
  }
  return [];
}
