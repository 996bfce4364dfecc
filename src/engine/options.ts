// Option parsing as Redis's command functions do it: a loop over argv from some index where
// each argument is compared, as a C string (args.ts isOpt), with the option words the command
// knows, in the order the C code tests them. A word matches only when enough arguments follow
// it and its extra condition holds (Redis folds conflicts like "NX after XX" into that test, so
// they end in the generic syntax error). The first problem ends the walk with its reply, which
// keeps Redis's error order: an option's bad value is reported before a later conflict.
// Results go into a small object the command creates per call: no state outlives the call.

import { isOpt } from '../shared/args.js';
import { NOT_INTEGER_R, SYNTAX_R } from './error-replies.js';
import { parseIntArg } from './numbers.js';
import type { Reply } from '../shared/reply.js';

export interface Option<T> {
  /** The option word, in lower case. */
  readonly name: string;
  /**
   * How many arguments must follow the word for it to count as this option (Redis's moreargs);
   * a function when the count depends on the call (ZUNION's WEIGHTS takes one per input key).
   */
  readonly values?: number | ((o: T) => number);
  /** Further condition for the word to count, given the options read so far. */
  readonly when?: (o: T) => boolean;
  /**
   * Records the option at argv[at] in `o`. Returns an error reply to stop, the index of the last
   * argument it consumed when that is not at + values, or nothing.
   */
  readonly read: (o: T, argv: readonly string[], at: number) => Reply | number | void;
}

/** What to do with an argument no option takes: answer this reply, or stop there ('stop'). */
export type OnOther = Reply | 'stop' | ((arg: string, at: number) => Reply);

/**
 * Reads options from argv[start] on into `o`. Returns the index where the walk ended (argv.length,
 * or with onOther 'stop' the first argument that is no option) or the error reply to send.
 */
export function parseOptions<T>(argv: readonly string[], start: number, options: readonly Option<T>[], o: T, onOther: OnOther = SYNTAX_R): number | Reply {
  const argc = argv.length;
  let j = start;
  next: while (j < argc) {
    const arg = argv[j]!;
    const more = argc - j - 1;
    for (let k = 0; k < options.length; k++) {
      const opt = options[k]!;
      const values = typeof opt.values === 'function' ? opt.values(o) : (opt.values ?? 0);
      if (more < values || !isOpt(arg, opt.name) || (opt.when !== undefined && !opt.when(o))) continue;
      const r = opt.read(o, argv, j);
      if (typeof r === 'object') return r;
      j = (typeof r === 'number' ? r : j + values) + 1;
      continue next;
    }
    if (onOther === 'stop') return j;
    return typeof onOther === 'function' ? onOther(arg, j) : onOther;
  }
  return j;
}

/**
 * One word out of a fixed few (LEFT|RIGHT, SUM|MIN|MAX, a unit), compared as isOpt does: the
 * word as given in `words` (lower case), or null when none matches.
 */
export function oneOf<W extends string>(arg: string, words: readonly W[]): W | null {
  for (let k = 0; k < words.length; k++) if (isOpt(arg, words[k]!)) return words[k]!;
  return null;
}

/** The boolean fields of an options object. */
type Flags<T> = { [K in keyof T]-?: T[K] extends boolean ? K : never }[keyof T] & string;

/**
 * An option that is only its word (NX, CH, WITHSCORES …): it sets the boolean field of the same
 * name, when `when` (if any) lets the word count.
 */
export function flag<T>(name: Flags<T>, when?: (o: T) => boolean): Option<T> {
  const read = (o: T): void => void ((o as Record<string, unknown>)[name] = true);
  return when === undefined ? { name, read } : { name, when, read };
}

/** The number fields of an options object. */
type Numbers<T> = { [K in keyof T]-?: T[K] extends number ? K : never }[keyof T] & string;

/**
 * An option with one integer value of at least `min` (LPOS's COUNT and MAXLEN, LMPOP's COUNT,
 * SINTERCARD's LIMIT …) stored in the field of the same name; anything else answers `invalid`.
 */
export function minIntOption<T>(name: Numbers<T>, min: number, invalid: Reply, when?: (o: T) => boolean): Option<T> {
  const read = (o: T, argv: readonly string[], at: number): Reply | void => {
    const n = parseIntArg(argv[at + 1]!);
    if (n === null || n < min) return invalid;
    (o as Record<string, unknown>)[name] = n;
  };
  return when === undefined ? { name, values: 1, read } : { name, values: 1, when, read };
}

/** LIMIT offset count (SORT, ZRANGE … BYSCORE|BYLEX): both integers, handed to `store`. */
export function limitOption<T>(store: (o: T, offset: number, count: number) => void): Option<T> {
  return {
    name: 'limit',
    values: 2,
    read: (o, argv, at) => {
      const offset = parseIntArg(argv[at + 1]!);
      if (offset === null) return NOT_INTEGER_R;
      const count = parseIntArg(argv[at + 2]!);
      if (count === null) return NOT_INTEGER_R;
      store(o, offset, count);
    },
  };
}
