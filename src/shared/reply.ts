// Replies keep their RESP3 type so that the RESP encoder (RESP2 or RESP3) and the terminal can
// both render them exactly as Redis and redis-cli would. All strings are byte strings
// (one char per byte, codes 0-255).

export type Reply =
  | { readonly t: 'simple'; readonly v: string }
  | { readonly t: 'error'; readonly v: string }
  | { readonly t: 'int'; readonly v: number | bigint }
  /** v === null is the RESP2 nil bulk ($-1); RESP3 null (_). */
  | { readonly t: 'bulk'; readonly v: string | null }
  /** v === null is the RESP2 nil array (*-1); RESP3 null (_). */
  | { readonly t: 'array'; readonly v: Reply[] | null }
  /** RESP2: a flat array of key, value, key, value. */
  | { readonly t: 'map'; readonly v: [Reply, Reply][] }
  /** RESP2: an array. */
  | { readonly t: 'set'; readonly v: Reply[] }
  /** RESP2: a bulk string holding `s` (Redis prints doubles itself, e.g. with %.17g). */
  | { readonly t: 'double'; readonly v: number; readonly s: string }
  /** RESP3's big number, its decimal digits (a sign first if negative). RESP2: a bulk string. */
  | { readonly t: 'big'; readonly v: string }
  /** RESP2: integer 1 or 0. */
  | { readonly t: 'bool'; readonly v: boolean }
  /** RESP2: bulk string without the format prefix. */
  | { readonly t: 'verbatim'; readonly format: string; readonly v: string }
  /** Out-of-band message (pub/sub, invalidation). RESP2: an array. */
  | { readonly t: 'push'; readonly v: Reply[] }
  /**
   * Bytes sent as they are, outside RESP's types: what a replica receives after SYNC (the RDB
   * payload, then the stream of commands).
   */
  | { readonly t: 'raw'; readonly v: string };

export const OK: Reply = { t: 'simple', v: 'OK' };

export function bigNumber(v: string): Reply {
  return { t: 'big', v };
}
export const QUEUED: Reply = { t: 'simple', v: 'QUEUED' };
export const PONG: Reply = { t: 'simple', v: 'PONG' };
export const NIL: Reply = { t: 'bulk', v: null };
export const NIL_ARRAY: Reply = { t: 'array', v: null };
export const EMPTY_ARRAY: Reply = { t: 'array', v: [] };
export const ZERO: Reply = { t: 'int', v: 0 };
export const ONE: Reply = { t: 'int', v: 1 };

const SMALL_INTS: Reply[] = [];
for (let i = 0; i < 1024; i++) SMALL_INTS.push({ t: 'int', v: i });

export function simple(v: string): Reply {
  return { t: 'simple', v };
}

/** An error reply; `v` is the whole message including its code (`ERR ...`, `WRONGTYPE ...`). */
export function error(v: string): Reply {
  return { t: 'error', v };
}

export function int(v: number | bigint): Reply {
  if (typeof v === 'number' && v >= 0 && v < 1024 && Number.isInteger(v)) return SMALL_INTS[v]!;
  return { t: 'int', v };
}

export function bulk(v: string | null): Reply {
  return v === null ? NIL : { t: 'bulk', v };
}

export function array(v: Reply[] | null): Reply {
  return v === null ? NIL_ARRAY : { t: 'array', v };
}

export function bulks(items: readonly (string | null)[]): Reply {
  return { t: 'array', v: items.map(bulk) };
}

export function map(v: [Reply, Reply][]): Reply {
  return { t: 'map', v };
}

export function set(v: Reply[]): Reply {
  return { t: 'set', v };
}

export function double(v: number, s: string): Reply {
  return { t: 'double', v, s };
}

export function bool(v: boolean): Reply {
  return { t: 'bool', v };
}

export function verbatim(v: string, format = 'txt'): Reply {
  return { t: 'verbatim', format, v };
}

export function push(v: Reply[]): Reply {
  return { t: 'push', v };
}

export function isError(r: Reply): r is { t: 'error'; v: string } {
  return r.t === 'error';
}
