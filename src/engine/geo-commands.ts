// The GEO group's work (Redis's geo.c), one of the engine's late parts (late.ts): the
// declarations are commands/geo.ts. A geo set is a sorted set whose scores are 52-bit geohashes
// (src/engine/geo.ts has the math): GEOADD is ZADD with computed scores, the readers decode
// scores, and every search (GEOSEARCH, GEOSEARCHSTORE, GEORADIUS, GEORADIUSBYMEMBER and the
// _RO forms) is georadiusGeneric: parse, scan the 3×3 cells around the centre in score order,
// keep the points inside the shape, sort by distance when asked, reply or store.

import type { Client } from './client.js';
import type { Handler } from './command.js';
import * as E from '../shared/errors.js';
import { NOT_FLOAT_R, NOT_INTEGER_R, SYNTAX_R, WRONGTYPE_R } from './error-replies.js';
import {
  cellScores,
  decodeScore,
  distance,
  distanceIfWithin,
  formatDistance,
  formatF6,
  formatHumanDouble,
  geohashString,
  geoScore,
  GEO_LAT_MAX,
  GEO_LAT_MIN,
  GEO_LONG_MAX,
  GEO_LONG_MIN,
  searchCells,
  type GeoShape,
} from './geo.js';
import { addKey, deleteKey, lookupRead, lookupWrite, setKey } from './keyspace.js';
import { parseDouble, parseInt64 } from './numbers.js';
import { flag, oneOf, parseOptions, type Option } from './options.js';
import { pqsort } from './pqsort.js';
import type { RObj, ZSetObj } from './objects.js';
import { EMPTY_ARRAY, error, int, NIL, NIL_ARRAY, ZERO, type Reply } from '../shared/reply.js';
import {
  convertToListpackIfNeeded,
  createZSetFor,
  createZSetObj,
  ZADD_IN_NX,
  ZADD_IN_XX,
  ZADD_OUT_ADDED,
  ZADD_OUT_UPDATED,
  zsetAdd,
} from './commands/zsets-core.js';

const UNSUPPORTED_UNIT_R = error(E.GEO_UNSUPPORTED_UNIT);
const NEED_NUMERIC_RADIUS_R = error(E.GEO_NEED_NUMERIC_RADIUS);
const RADIUS_NEGATIVE_R = error(E.GEO_RADIUS_NEGATIVE);
const NEED_NUMERIC_WIDTH_R = error(E.GEO_NEED_NUMERIC_WIDTH);
const NEED_NUMERIC_HEIGHT_R = error(E.GEO_NEED_NUMERIC_HEIGHT);
const BOX_NEGATIVE_R = error(E.GEO_BOX_NEGATIVE);
const MEMBER_NOT_DECODED_R = error(E.GEO_MEMBER_NOT_DECODED);
const COUNT_NOT_POSITIVE_R = error(E.GEO_COUNT_NOT_POSITIVE);
const ANY_WITHOUT_COUNT_R = error(E.GEO_ANY_WITHOUT_COUNT);
const STORE_WITH_R = error(E.geoStoreWithOptions(false));
const SEARCHSTORE_WITH_R = error(E.geoStoreWithOptions(true));

// ---- argument helpers ---------------------------------------------------------------------------

/** extractLongLatOrReply: [lon, lat] from argv[i], argv[i + 1], or the error reply. */
function extractLonLat(argv: readonly string[], i: number, xy: number[]): Reply | null {
  const lon = parseDouble(argv[i]!);
  if (lon === null) return NOT_FLOAT_R;
  const lat = parseDouble(argv[i + 1]!);
  if (lat === null) return NOT_FLOAT_R;
  if (lon < GEO_LONG_MIN || lon > GEO_LONG_MAX || lat < GEO_LAT_MIN || lat > GEO_LAT_MAX) {
    return error(E.geoInvalidPair(formatF6(lon), formatF6(lat)));
  }
  xy[0] = lon;
  xy[1] = lat;
  return null;
}

const UNITS = ['m', 'km', 'ft', 'mi'] as const;
const METERS_PER: Record<(typeof UNITS)[number], number> = { m: 1, km: 1000, ft: 0.3048, mi: 1609.34 };

/** extractUnitOrReply: metres per unit, or -1. */
function unitToMeters(u: string): number {
  const unit = oneOf(u, UNITS);
  return unit === null ? -1 : METERS_PER[unit];
}

/** The zset at key for a reader: undefined when missing, null after a WRONGTYPE. */
function readZset(c: Client, key: string): ZSetObj | undefined | null {
  const o: RObj | undefined = lookupRead(c, key);
  if (o === undefined) return undefined;
  return o.type === 'zset' ? o : null;
}

/** longLatFromMember: false when the member is missing. */
function memberLonLat(o: ZSetObj, member: string, xy: number[]): boolean {
  const s = o.value.score(member);
  if (s === undefined) return false;
  decodeScore(s, xy);
  return true;
}

function humanDouble(x: number): Reply {
  return { t: 'double', v: x, s: formatHumanDouble(x) };
}

// ---- GEOADD -------------------------------------------------------------------------------------

/** GEOADD's options, read from argv[2] up to the first longitude. */
interface GeoaddOptions {
  nx: boolean;
  xx: boolean;
  ch: boolean;
}

/** Any order and any repeat parse; NX with XX is a syntax error after the walk, as in Redis. */
const GEOADD_OPTIONS: readonly Option<GeoaddOptions>[] = [flag('nx'), flag('xx'), flag('ch')];

function geoaddCommand(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  const opts: GeoaddOptions = { nx: false, xx: false, ch: false };
  const longidx = parseOptions(argv, 2, GEOADD_OPTIONS, opts, 'stop');
  if (typeof longidx === 'object') return longidx;
  const { nx, xx, ch } = opts;
  if ((argc - longidx) % 3 !== 0 || (xx && nx)) return SYNTAX_R;
  const elements = (argc - longidx) / 3;
  // ZADD with no pairs left is a syntax error too.
  if (elements === 0) return SYNTAX_R;
  const scores = new Array<number>(elements);
  const xy = [0, 0];
  for (let i = 0; i < elements; i++) {
    const err = extractLonLat(argv, longidx + i * 3, xy);
    if (err !== null) return err;
    scores[i] = geoScore(xy[0]!, xy[1]!);
  }

  const key = argv[1]!;
  const engine = c.engine;
  const db = c.db;
  if (engine.propagation.active) {
    // Redis turns GEOADD into the ZADD of the encoded scores, which is what propagates.
    const zadd = ['zadd', ...argv.slice(1, longidx)];
    for (let i = 0; i < elements; i++) zadd.push(String(scores[i]), argv[longidx + i * 3 + 2]!);
    engine.rewrite(c, zadd);
  }
  let o = lookupWrite(c, key);
  if (o === undefined) {
    if (xx) return ZERO;
    o = createZSetFor(engine, argv[longidx + 2]!);
    addKey(engine, db, key, o);
  } else if (o.type !== 'zset') {
    return WRONGTYPE_R;
  }
  const flags = (nx ? ZADD_IN_NX : 0) | (xx ? ZADD_IN_XX : 0);
  let added = 0;
  let updated = 0;
  for (let i = 0; i < elements; i++) {
    const out = zsetAdd(engine, o, scores[i]!, argv[longidx + i * 3 + 2]!, flags);
    if (out & ZADD_OUT_ADDED) added++;
    if (out & ZADD_OUT_UPDATED) updated++;
  }
  if (added + updated > 0) {
    engine.signalModifiedKey(db, key);
    engine.changesSinceLastSave += added + updated - 1;
    engine.notify('z', 'zadd', key, db);
  }
  return int(ch ? added + updated : added);
}

// ---- GEOPOS / GEOHASH / GEODIST -----------------------------------------------------------------

function geoposCommand(c: Client, argv: string[]): Reply {
  const o = readZset(c, argv[1]!);
  if (o === null) return WRONGTYPE_R;
  const out: Reply[] = [];
  const xy = [0, 0];
  for (let j = 2; j < argv.length; j++) {
    if (o === undefined || !memberLonLat(o, argv[j]!, xy)) out.push(NIL_ARRAY);
    else out.push({ t: 'array', v: [humanDouble(xy[0]!), humanDouble(xy[1]!)] });
  }
  return { t: 'array', v: out };
}

function geohashCommand(c: Client, argv: string[]): Reply {
  const o = readZset(c, argv[1]!);
  if (o === null) return WRONGTYPE_R;
  const out: Reply[] = [];
  for (let j = 2; j < argv.length; j++) {
    const s = o === undefined ? undefined : o.value.score(argv[j]!);
    out.push(s === undefined ? NIL : { t: 'bulk', v: geohashString(s) });
  }
  return { t: 'array', v: out };
}

function geodistCommand(c: Client, argv: string[]): Reply {
  let toMeter = 1;
  if (argv.length === 5) {
    toMeter = unitToMeters(argv[4]!);
    if (toMeter < 0) return UNSUPPORTED_UNIT_R;
  } else if (argv.length > 5) {
    return SYNTAX_R;
  }
  const o = readZset(c, argv[1]!);
  if (o === undefined) return NIL;
  if (o === null) return WRONGTYPE_R;
  const s1 = o.value.score(argv[2]!);
  const s2 = o.value.score(argv[3]!);
  if (s1 === undefined || s2 === undefined) return NIL;
  const a = [0, 0];
  const b = [0, 0];
  decodeScore(s1, a);
  decodeScore(s2, b);
  return { t: 'bulk', v: formatDistance(distance(a[0]!, a[1]!, b[0]!, b[1]!) / toMeter) };
}

// ---- the searches (georadiusGeneric) -----------------------------------------------------------

const RADIUS_COORDS = 1;
const RADIUS_MEMBER = 2;
const RADIUS_NOSTORE = 4;
const GEOSEARCH = 8;
const GEOSEARCHSTORE = 16;

/** The order of a search's result: as found, or by distance. */
type GeoSort = 'none' | 'asc' | 'desc';

interface GeoPoint {
  lon: number;
  lat: number;
  dist: number;
  score: number;
  member: string;
}

type Cmp = (a: GeoPoint, b: GeoPoint) => number;

const sortAsc: Cmp = (a, b) => (a.dist > b.dist ? 1 : a.dist === b.dist ? 0 : -1);
const sortDesc: Cmp = (a, b) => -sortAsc(a, b);

/** membersOfAllNeighbors: the points of the cells inside the shape, at most `limit` (0: all). */
function membersOfAllNeighbors(o: ZSetObj, shape: GeoShape, limit: number): GeoPoint[] {
  const cells = searchCells(shape);
  const z = o.value;
  const ga: GeoPoint[] = [];
  let lastProcessed = 0;
  const xy = [0, 0];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined) continue;
    const prev = cells[lastProcessed];
    if (lastProcessed !== 0 && prev && cell.bits === prev.bits && cell.step === prev.step) continue;
    if (ga.length > 0 && limit !== 0 && ga.length >= limit) break;
    const [min, max] = cellScores(cell);
    // geoGetPointsInRange: min <= score < max.
    z.walk(z.firstGte(min), false, (member, score) => {
      if (!(score < max)) return false;
      decodeScore(score, xy);
      const d = distanceIfWithin(shape, xy[0]!, xy[1]!);
      if (d >= 0) ga.push({ lon: xy[0]!, lat: xy[1]!, dist: d, score, member });
      if (ga.length > 0 && limit !== 0 && ga.length >= limit) return false;
      return true;
    });
    lastProcessed = i;
  }
  return ga;
}

/** Parses a distance "<number> <unit>" into the shape (extractDistanceOrReply). */
function extractDistance(argv: readonly string[], i: number, shape: GeoShape): Reply | null {
  const r = parseDouble(argv[i]!);
  if (r === null) return NEED_NUMERIC_RADIUS_R;
  if (r < 0) return RADIUS_NEGATIVE_R;
  shape.radius = r;
  const conv = unitToMeters(argv[i + 1]!);
  if (conv < 0) return UNSUPPORTED_UNIT_R;
  shape.conversion = conv;
  return null;
}

function extractBox(argv: readonly string[], i: number, shape: GeoShape): Reply | null {
  const w = parseDouble(argv[i]!);
  if (w === null) return NEED_NUMERIC_WIDTH_R;
  const h = parseDouble(argv[i + 1]!);
  if (h === null) return NEED_NUMERIC_HEIGHT_R;
  if (h < 0 || w < 0) return BOX_NEGATIVE_R;
  shape.width = w;
  shape.height = h;
  const conv = unitToMeters(argv[i + 2]!);
  if (conv < 0) return UNSUPPORTED_UNIT_R;
  shape.conversion = conv;
  return null;
}

/**
 * georadiusGeneric's options. `flags`, `zobj` (undefined: no source key) and `shape` (the centre
 * and the radius or box go there) are the call's context; the rest is what the options set.
 */
interface GeoSearchOptions {
  readonly flags: number;
  readonly zobj: ZSetObj | undefined;
  readonly shape: GeoShape;
  storekey: string | null;
  storedist: boolean;
  withdist: boolean;
  withhash: boolean;
  withcoords: boolean;
  frommember: boolean;
  fromloc: boolean;
  byradius: boolean;
  bybox: boolean;
  sort: GeoSort;
  any: boolean;
  count: number;
}

const isSearch = (o: GeoSearchOptions): boolean => (o.flags & GEOSEARCH) !== 0;
/** STORE / STOREDIST key: GEORADIUS and GEORADIUSBYMEMBER only. */
const radiusMayStore = (o: GeoSearchOptions): boolean => (o.flags & (RADIUS_NOSTORE | GEOSEARCH)) === 0;

/** In the order Redis tests them; a word whose condition fails falls through to the next entry. */
const GEOSEARCH_OPTIONS: readonly Option<GeoSearchOptions>[] = [
  flag('withdist'),
  flag('withhash'),
  { name: 'withcoord', read: (o) => void (o.withcoords = true) },
  flag('any'),
  { name: 'asc', read: (o) => void (o.sort = 'asc') },
  { name: 'desc', read: (o) => void (o.sort = 'desc') },
  {
    name: 'count',
    values: 1,
    read: (o, argv, at) => {
      const n = parseInt64(argv[at + 1]!);
      if (n === null) return NOT_INTEGER_R;
      if (n <= 0n) return COUNT_NOT_POSITIVE_R;
      o.count = Number(n);
    },
  },
  {
    name: 'store',
    values: 1,
    when: radiusMayStore,
    read: (o, argv, at) => {
      o.storekey = argv[at + 1]!;
      o.storedist = false;
    },
  },
  {
    name: 'storedist',
    values: 1,
    when: radiusMayStore,
    read: (o, argv, at) => {
      o.storekey = argv[at + 1]!;
      o.storedist = true;
    },
  },
  flag('storedist', (o) => (o.flags & GEOSEARCHSTORE) !== 0),
  {
    name: 'frommember',
    values: 1,
    when: (o) => isSearch(o) && !o.fromloc,
    read: (o, argv, at) => {
      // Without a source key the member is not looked up: the walk goes on to find the reply.
      if (o.zobj !== undefined) {
        const xy = [0, 0];
        if (!memberLonLat(o.zobj, argv[at + 1]!, xy)) return MEMBER_NOT_DECODED_R;
        o.shape.lon = xy[0]!;
        o.shape.lat = xy[1]!;
      }
      o.frommember = true;
    },
  },
  {
    name: 'fromlonlat',
    values: 2,
    when: (o) => isSearch(o) && !o.frommember,
    read: (o, argv, at) => {
      const xy = [0, 0];
      const err = extractLonLat(argv, at + 1, xy);
      if (err !== null) return err;
      o.shape.lon = xy[0]!;
      o.shape.lat = xy[1]!;
      o.fromloc = true;
    },
  },
  {
    name: 'byradius',
    values: 2,
    when: (o) => isSearch(o) && !o.bybox,
    read: (o, argv, at) => {
      const err = extractDistance(argv, at + 1, o.shape);
      if (err !== null) return err;
      o.shape.circle = true;
      o.byradius = true;
    },
  },
  {
    name: 'bybox',
    values: 3,
    when: (o) => isSearch(o) && !o.byradius,
    read: (o, argv, at) => {
      const err = extractBox(argv, at + 1, o.shape);
      if (err !== null) return err;
      o.shape.circle = false;
      o.bybox = true;
    },
  },
];

function georadiusGeneric(c: Client, argv: string[], srcKeyIndex: number, flags: number): Reply {
  const found = readZset(c, argv[srcKeyIndex]!);
  if (found === null) return WRONGTYPE_R;
  const zobj = found;

  const shape: GeoShape = { circle: true, lon: 0, lat: 0, radius: 0, width: 0, height: 0, conversion: 0 };
  const xy = [0, 0];
  let baseArgs: number;
  if (flags & RADIUS_COORDS) {
    baseArgs = 6;
    const err = extractLonLat(argv, 2, xy);
    if (err !== null) return err;
    shape.lon = xy[0]!;
    shape.lat = xy[1]!;
    const derr = extractDistance(argv, baseArgs - 2, shape);
    if (derr !== null) return derr;
  } else if (flags & RADIUS_MEMBER && zobj === undefined) {
    baseArgs = 5;
  } else if (flags & RADIUS_MEMBER) {
    baseArgs = 5;
    if (!memberLonLat(zobj!, argv[2]!, xy)) return MEMBER_NOT_DECODED_R;
    shape.lon = xy[0]!;
    shape.lat = xy[1]!;
    const derr = extractDistance(argv, baseArgs - 2, shape);
    if (derr !== null) return derr;
  } else {
    baseArgs = flags & GEOSEARCHSTORE ? 3 : 2;
  }

  const opts: GeoSearchOptions = {
    flags,
    zobj,
    shape,
    storekey: flags & GEOSEARCHSTORE ? argv[1]! : null,
    storedist: false,
    withdist: false,
    withhash: false,
    withcoords: false,
    frommember: false,
    fromloc: false,
    byradius: false,
    bybox: false,
    sort: 'none',
    any: false,
    count: 0,
  };
  const parsed = parseOptions(argv, baseArgs, GEOSEARCH_OPTIONS, opts);
  if (typeof parsed === 'object') return parsed;
  const { storekey, storedist, withdist, withhash, withcoords, frommember, fromloc, byradius, bybox, any, count } = opts;
  let sort = opts.sort;

  if (storekey !== null && (withdist || withhash || withcoords)) {
    return flags & GEOSEARCHSTORE ? SEARCHSTORE_WITH_R : STORE_WITH_R;
  }
  if (flags & GEOSEARCH && !(frommember || fromloc)) return error(E.geoNeedsFrom(argv[0]!));
  if (flags & GEOSEARCH && !(byradius || bybox)) return error(E.geoNeedsBy(argv[0]!));
  if (any && count === 0) return ANY_WITHOUT_COUNT_R;

  const engine = c.engine;
  const db = c.db;
  if (zobj === undefined) {
    if (storekey !== null) {
      if (lookupWrite(c, storekey) !== undefined) {
        deleteKey(engine, db, storekey);
        engine.notify('g', 'del', storekey, db);
      }
      return ZERO;
    }
    return EMPTY_ARRAY;
  }

  if (count !== 0 && sort === 'none' && !any) sort = 'asc';

  const ga = membersOfAllNeighbors(zobj, shape, any ? count : 0);
  if (ga.length === 0 && storekey === null) return EMPTY_ARRAY;

  const resultLength = ga.length;
  const returned = count === 0 || resultLength < count ? resultLength : count;
  if (sort !== 'none') {
    const cmp = sort === 'asc' ? sortAsc : sortDesc;
    // A full sort is glibc's qsort (a stable merge sort, like Array.prototype.sort); a partial
    // one is Redis's pqsort, whose order of equal distances this reproduces.
    if (returned === resultLength) ga.sort(cmp);
    else pqsort(ga, cmp, 0, returned - 1);
  }

  const conv = shape.conversion;
  if (storekey === null) {
    const options = (withdist ? 1 : 0) + (withcoords ? 1 : 0) + (withhash ? 1 : 0);
    const out: Reply[] = new Array<Reply>(returned);
    for (let i = 0; i < returned; i++) {
      const gp = ga[i]!;
      const name: Reply = { t: 'bulk', v: gp.member };
      if (options === 0) {
        out[i] = name;
        continue;
      }
      const item: Reply[] = [name];
      if (withdist) item.push({ t: 'bulk', v: formatDistance(gp.dist / conv) });
      if (withhash) item.push(int(Math.trunc(gp.score)));
      if (withcoords) item.push({ t: 'array', v: [humanDouble(gp.lon), humanDouble(gp.lat)] });
      out[i] = { t: 'array', v: item };
    }
    return { t: 'array', v: out };
  }

  if (returned > 0) {
    const o = createZSetObj('skiplist');
    let maxlen = 0;
    for (let i = 0; i < returned; i++) {
      const gp = ga[i]!;
      const score = storedist ? gp.dist / conv : gp.score;
      if (gp.member.length > maxlen) maxlen = gp.member.length;
      zsetAdd(engine, o, score, gp.member, 0);
    }
    convertToListpackIfNeeded(engine, o, maxlen);
    setKey(c, db, storekey, o);
    engine.notify('z', flags & GEOSEARCH ? 'geosearchstore' : 'georadiusstore', storekey, db);
    engine.changesSinceLastSave += returned - 1;
  } else if (lookupWrite(c, storekey) !== undefined) {
    deleteKey(engine, db, storekey);
    engine.notify('g', 'del', storekey, db);
  }
  return int(returned);
}

/** The handlers, by command name (commands/geo.ts declares them with lateHandler). */
export const geoHandlers: Readonly<Record<string, Handler>> = {
  geoadd: geoaddCommand,
  geodist: geodistCommand,
  geohash: geohashCommand,
  geopos: geoposCommand,
  geosearch: (c, argv) => georadiusGeneric(c, argv, 1, GEOSEARCH),
  geosearchstore: (c, argv) => georadiusGeneric(c, argv, 2, GEOSEARCH | GEOSEARCHSTORE),
  georadius: (c, argv) => georadiusGeneric(c, argv, 1, RADIUS_COORDS),
  georadius_ro: (c, argv) => georadiusGeneric(c, argv, 1, RADIUS_COORDS | RADIUS_NOSTORE),
  georadiusbymember: (c, argv) => georadiusGeneric(c, argv, 1, RADIUS_MEMBER),
  georadiusbymember_ro: (c, argv) => georadiusGeneric(c, argv, 1, RADIUS_MEMBER | RADIUS_NOSTORE),
};
