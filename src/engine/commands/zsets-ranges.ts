// Range commands of the SORTED SET group (Redis's t_zset.c): ZRANGE with BYSCORE/BYLEX/REV/LIMIT
// and its older spellings (ZREVRANGE, Z[REV]RANGEBYSCORE, Z[REV]RANGEBYLEX), ZRANGESTORE,
// ZCOUNT, ZLEXCOUNT and ZREMRANGEBYRANK/SCORE/LEX.
//
// Like Redis's zrangeGenericCommand, one parser and three walkers (by rank, score, lex) feed
// either a client reply or a destination zset. Lex ranges over members with different scores
// are answered as each encoding does: a listpack scans from its ends, a skiplist searches.

import type { Client } from '../client.js';
import { lexGteMin, lexLteMax, scoreGteMin, scoreLteMax, type LexRange, type ScoreRange } from '../ds/zset.js';
import * as E from '../../shared/errors.js';
import { deleteKey, lookupRead, lookupWrite, setKey } from '../keyspace.js';
import { parseIntArg, parseIntPair } from '../numbers.js';
import type { ZSetObj } from '../objects.js';
import { EMPTY_ARRAY, error, int, ZERO, type Reply } from '../../shared/reply.js';
import { isOpt } from '../../shared/args.js';
import { limitOption, flag, parseOptions, type Option } from '../options.js';
import { createZSetObj, MIN_MAX_NOT_FLOAT_R, MIN_MAX_NOT_LEX_R, parseLexRangeArgs, parseScoreRange, pushEntry, zsetAdd } from './zsets-core.js';
import { NOT_INTEGER_R, WRONGTYPE_R } from '../error-replies.js';
import { readOfType, writeOfType } from './collections.js';
import { rankRange } from '../ranks.js';

const LIMIT_NEEDS_BY_R = error(E.ZRANGE_LIMIT_NEEDS_BY);
const WITHSCORES_BYLEX_R = error(E.ZRANGE_WITHSCORES_BYLEX);

const RANGE_AUTO = 0;
const RANGE_RANK = 1;
const RANGE_SCORE = 2;
const RANGE_LEX = 3;

const DIR_AUTO = 0;
const DIR_FORWARD = 1;
const DIR_REVERSE = 2;

// ---- where results go (Redis's zrange_result_handler) ----------------------------------------

/** Receives the entries of a range, in reply order. */
interface RangeSink {
  /** The number of entries when known in advance (a rank range), else -1. */
  begin(length: number): void;
  emit(member: string, score: number): void;
  finish(count: number): Reply;
}

/** The client reply: members, with scores flat (RESP2) or paired (RESP3) when asked. */
class ClientSink implements RangeSink {
  readonly out: Reply[] = [];
  private readonly nested: boolean;
  constructor(
    c: Client,
    private readonly withscores: boolean,
  ) {
    this.nested = withscores && c.resp === 3;
  }
  begin(): void {}
  emit(member: string, score: number): void {
    pushEntry(this.out, member, score, this.withscores, this.nested);
  }
  finish(): Reply {
    return this.out.length === 0 ? EMPTY_ARRAY : { t: 'array', v: this.out };
  }
}

/** ZRANGESTORE's destination (zrangeResultBeginStore / FinalizeStore). */
class StoreSink implements RangeSink {
  private obj: ZSetObj = createZSetObj('listpack');
  constructor(
    private readonly c: Client,
    private readonly dst: string,
  ) {}
  begin(length: number): void {
    // Redis starts with a skiplist when the known length is already too long for a listpack;
    // otherwise a listpack that zsetAdd converts as it grows.
    this.obj = createZSetObj(length > this.c.engine.config.zsetMaxListpackEntries ? 'skiplist' : 'listpack');
  }
  emit(member: string, score: number): void {
    zsetAdd(this.c.engine, this.obj, score, member, 0);
  }
  finish(count: number): Reply {
    const c = this.c;
    const engine = c.engine;
    const db = c.db;
    if (count > 0) {
      setKey(c, db, this.dst, this.obj);
      engine.notify('z', 'zrangestore', this.dst, db);
      return int(count);
    }
    if (lookupWrite(c, this.dst) !== undefined) {
      deleteKey(engine, db, this.dst);
      engine.notify('g', 'del', this.dst, db);
    }
    return ZERO;
  }
}

// ---- the three walkers -----------------------------------------------------------------------

/** genericZrangebyrankCommand. */
function rangeByRank(o: ZSetObj, start: number, end: number, reverse: boolean, sink: RangeSink): Reply {
  const z = o.value;
  const range = rankRange(start, end, z.size);
  if (range === null) {
    sink.begin(0);
    return sink.finish(0);
  }
  const rangelen = range.end - range.start + 1;
  sink.begin(rangelen);
  let left = rangelen;
  z.walk(reverse ? z.size - 1 - range.start : range.start, reverse, (m, s) => {
    sink.emit(m, s);
    return --left > 0;
  });
  return sink.finish(rangelen);
}

/** genericZrangebyscoreCommand; a negative limit means no limit. */
function rangeByScore(o: ZSetObj, r: ScoreRange, offset: number, limit: number, reverse: boolean, sink: RangeSink): Reply {
  const z = o.value;
  sink.begin(-1);
  // A negative offset walks off the end in Redis (its skip loop counts down to zero from below).
  if (offset < 0 || (offset > 0 && offset >= z.size)) return sink.finish(0);
  const first = reverse ? z.lastInRange(r) : z.firstInRange(r);
  if (first < 0 || limit === 0) return sink.finish(0);
  return emitWhile(o, first, offset, limit, reverse, sink, (_m, s) => (reverse ? scoreGteMin(s, r) : scoreLteMax(s, r)));
}

/**
 * The walk ZRANGEBYSCORE and ZRANGEBYLEX end with: from `offset` places past rank `first`, emit
 * up to `limit` members (negative: no limit) while they stay inside the range.
 */
function emitWhile(
  o: ZSetObj,
  first: number,
  offset: number,
  limit: number,
  reverse: boolean,
  sink: RangeSink,
  inRange: (member: string, score: number) => boolean,
): Reply {
  let count = 0;
  o.value.walk(reverse ? first - offset : first + offset, reverse, (m, s) => {
    if (!inRange(m, s)) return false;
    sink.emit(m, s);
    return ++count !== limit;
  });
  return sink.finish(count);
}

/** genericZrangebylexCommand. */
function rangeByLex(o: ZSetObj, r: LexRange, offset: number, limit: number, reverse: boolean, sink: RangeSink): Reply {
  const z = o.value;
  sink.begin(-1);
  const scan = o.enc === 'listpack';
  const first = reverse ? z.lastInLexRange(r, scan) : z.firstInLexRange(r, scan);
  if (first < 0 || offset < 0 || limit === 0) return sink.finish(0);
  return emitWhile(o, first, offset, limit, reverse, sink, (m) => (reverse ? lexGteMin(m, r) : lexLteMax(m, r)));
}

// ---- ZRANGE and friends (zrangeGenericCommand) ---------------------------------------------

/**
 * Parses `<src> <min> <max> [options]` from argv[keyIdx] and runs the range into a client reply
 * or, with `dst`, into a stored zset. `rangeType` / `direction` are fixed by the older commands
 * (ZREVRANGE, ZRANGEBYSCORE …) and AUTO for ZRANGE / ZRANGESTORE.
 */
/** zrangeGenericCommand's options; rangeType / direction start AUTO only for ZRANGE and ZRANGESTORE. */
interface ZrangeOptions {
  store: boolean;
  withscores: boolean;
  offset: number;
  limit: number;
  rangeType: number;
  direction: number;
}

const ZRANGE_OPTIONS: readonly Option<ZrangeOptions>[] = [
  flag('withscores', (o) => !o.store),
  limitOption((o, offset, count) => {
    o.offset = offset;
    o.limit = count;
  }),
  { name: 'rev', when: (o) => o.direction === DIR_AUTO, read: (o) => void (o.direction = DIR_REVERSE) },
  { name: 'bylex', when: (o) => o.rangeType === RANGE_AUTO, read: (o) => void (o.rangeType = RANGE_LEX) },
  { name: 'byscore', when: (o) => o.rangeType === RANGE_AUTO, read: (o) => void (o.rangeType = RANGE_SCORE) },
];

function zrangeGeneric(c: Client, argv: string[], keyIdx: number, dst: string | null, rangeType: number, direction: number): Reply {
  const store = dst !== null;
  const opts: ZrangeOptions = { store, withscores: false, offset: 0, limit: -1, rangeType, direction };
  const parsed = parseOptions(argv, keyIdx + 3, ZRANGE_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  const { withscores, offset, limit } = opts;
  rangeType = opts.rangeType;
  direction = opts.direction;
  if (direction === DIR_AUTO) direction = DIR_FORWARD;
  if (rangeType === RANGE_AUTO) rangeType = RANGE_RANK;
  if (limit !== -1 && rangeType === RANGE_RANK) return LIMIT_NEEDS_BY_R;
  if (withscores && rangeType === RANGE_LEX) return WITHSCORES_BYLEX_R;

  const reverse = direction === DIR_REVERSE;
  let minArg = argv[keyIdx + 1]!;
  let maxArg = argv[keyIdx + 2]!;
  if (reverse && rangeType !== RANGE_RANK) {
    // Given as max, min.
    const t = minArg;
    minArg = maxArg;
    maxArg = t;
  }
  let start = 0;
  let end = 0;
  let scoreRange: ScoreRange | null = null;
  let lexRange: LexRange | null = null;
  if (rangeType === RANGE_RANK) {
    const s = parseIntArg(minArg);
    if (s === null) return NOT_INTEGER_R;
    const e = parseIntArg(maxArg);
    if (e === null) return NOT_INTEGER_R;
    start = s;
    end = e;
  } else if (rangeType === RANGE_SCORE) {
    scoreRange = parseScoreRange(minArg, maxArg);
    if (scoreRange === null) return MIN_MAX_NOT_FLOAT_R;
  } else {
    lexRange = parseLexRangeArgs(minArg, maxArg);
    if (lexRange === null) return MIN_MAX_NOT_LEX_R;
  }

  const o = lookupRead(c, argv[keyIdx]!);
  const sink: RangeSink = store ? new StoreSink(c, dst) : new ClientSink(c, withscores);
  if (o === undefined) {
    if (!store) return EMPTY_ARRAY;
    sink.begin(-1);
    return sink.finish(0);
  }
  if (o.type !== 'zset') return WRONGTYPE_R;
  if (rangeType === RANGE_RANK) return rangeByRank(o, start, end, reverse, sink);
  if (rangeType === RANGE_SCORE) return rangeByScore(o, scoreRange!, offset, limit, reverse, sink);
  return rangeByLex(o, lexRange!, offset, limit, reverse, sink);
}

export function zrangeCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  // The common shape, ZRANGE key start stop [WITHSCORES], straight to the rank walker.
  if (argc <= 5) {
    const withscores = argc === 5 && isOpt(argv[4]!, 'withscores');
    if (argc === 4 || withscores) {
      const range = parseIntPair(argv, 2);
      if (range === null) return NOT_INTEGER_R;
      const o = readOfType(c, argv[1]!, 'zset', EMPTY_ARRAY);
      if ('t' in o) return o;
      return rangeByRank(o, range[0], range[1], false, new ClientSink(c, withscores));
    }
  }
  return zrangeGeneric(c, argv, 1, null, RANGE_AUTO, DIR_AUTO);
}

export function zrangestoreCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, 2, argv[1]!, RANGE_AUTO, DIR_AUTO);
}

export function zrevrangeCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, 1, null, RANGE_RANK, DIR_REVERSE);
}

export function zrangebyscoreCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, 1, null, RANGE_SCORE, DIR_FORWARD);
}

export function zrevrangebyscoreCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, 1, null, RANGE_SCORE, DIR_REVERSE);
}

export function zrangebylexCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, 1, null, RANGE_LEX, DIR_FORWARD);
}

export function zrevrangebylexCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, 1, null, RANGE_LEX, DIR_REVERSE);
}

// ---- counting ------------------------------------------------------------------------------

export function zcountCommand(c: Client, argv: string[]): Reply {
  const r = parseScoreRange(argv[2]!, argv[3]!);
  if (r === null) return MIN_MAX_NOT_FLOAT_R;
  const o = readOfType(c, argv[1]!, 'zset', ZERO);
  if ('t' in o) return o;
  return int(o.value.countInRange(r));
}

export function zlexcountCommand(c: Client, argv: string[]): Reply {
  const r = parseLexRangeArgs(argv[2]!, argv[3]!);
  if (r === null) return MIN_MAX_NOT_LEX_R;
  const o = readOfType(c, argv[1]!, 'zset', ZERO);
  if ('t' in o) return o;
  return int(o.value.countInLexRange(r, o.enc === 'listpack'));
}

// ---- removal (zremrangeGenericCommand) -------------------------------------------------------

/** ZREMRANGEBYRANK, ZREMRANGEBYSCORE and ZREMRANGEBYLEX; `by` also names the keyspace event. */
export function zremrangeGeneric(c: Client, argv: string[], by: 'rank' | 'score' | 'lex'): Reply {
  const key = argv[1]!;
  let start = 0;
  let end = 0;
  let scoreRange: ScoreRange | null = null;
  let lexRange: LexRange | null = null;
  if (by === 'rank') {
    const s = parseIntArg(argv[2]!);
    if (s === null) return NOT_INTEGER_R;
    const e = parseIntArg(argv[3]!);
    if (e === null) return NOT_INTEGER_R;
    start = s;
    end = e;
  } else if (by === 'score') {
    scoreRange = parseScoreRange(argv[2]!, argv[3]!);
    if (scoreRange === null) return MIN_MAX_NOT_FLOAT_R;
  } else {
    lexRange = parseLexRangeArgs(argv[2]!, argv[3]!);
    if (lexRange === null) return MIN_MAX_NOT_LEX_R;
  }

  const o = writeOfType(c, key, 'zset', ZERO);
  if ('t' in o) return o;
  const z = o.value;
  let deleted: number;
  if (by === 'rank') {
    const range = rankRange(start, end, z.size);
    if (range === null) return ZERO;
    deleted = z.deleteRangeByRank(range.start, range.end);
  } else if (by === 'score') {
    deleted = z.deleteRangeByScore(scoreRange!);
  } else {
    deleted = z.deleteRangeByLex(lexRange!, o.enc === 'listpack');
  }
  if (deleted > 0) {
    const engine = c.engine;
    const db = c.db;
    engine.notify('z', `zremrangeby${by}`, key, db);
    if (z.size === 0) {
      deleteKey(engine, db, key);
      engine.notify('g', 'del', key, db);
    } else {
      engine.signalModifiedKey(db, key);
    }
  }
  return int(deleted);
}
