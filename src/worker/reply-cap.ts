// A reply can be far larger than anyone can read in a terminal (SRANDMEMBER s -1000000, KEYS *
// over 100,000 keys, GET of a 100 MB string). Copying it to the page and formatting it there
// would freeze the page for seconds, and the terminal keeps only 10,000 lines anyway. So what
// crosses to the page is capped: the first elements and bytes, and how much was left out. The
// TCP server never caps: real clients get everything.

import type { Reply } from '../shared/reply.js';

export interface ReplyLimits {
  /** Elements (leaves of arrays, sets, maps; each map entry counts 2) kept in all. */
  maxItems: number;
  /** Bytes of strings kept in all. */
  maxBytes: number;
}

export const UI_REPLY_LIMITS: ReplyLimits = { maxItems: 10_000, maxBytes: 1 << 20 };

export interface CappedReply {
  reply: Reply;
  /** Elements and string bytes left out (both 0 when the reply is whole). */
  omittedItems: number;
  omittedBytes: number;
}

export function capReply(reply: Reply, limits: ReplyLimits = UI_REPLY_LIMITS): CappedReply {
  // Fast path: most replies are small; measure before copying anything.
  if (fits(reply, limits)) return { reply, omittedItems: 0, omittedBytes: 0 };
  const budget = { items: limits.maxItems, bytes: limits.maxBytes, omittedItems: 0, omittedBytes: 0 };
  const capped = cap(reply, budget);
  return { reply: capped, omittedItems: budget.omittedItems, omittedBytes: budget.omittedBytes };
}

function fits(reply: Reply, limits: ReplyLimits): boolean {
  let items = 0;
  let bytes = 0;
  const walk = (r: Reply): boolean => {
    switch (r.t) {
      case 'bulk':
      case 'simple':
      case 'error':
      case 'verbatim':
      case 'raw':
      case 'big':
        bytes += r.v === null ? 0 : r.v.length;
        return bytes <= limits.maxBytes;
      case 'array':
      case 'set':
      case 'push':
        if (r.v === null) return true;
        items += r.v.length;
        if (items > limits.maxItems) return false;
        return r.v.every(walk);
      case 'map':
        items += r.v.length * 2;
        if (items > limits.maxItems) return false;
        return r.v.every(([k, v]) => walk(k) && walk(v));
      default:
        return true;
    }
  };
  return walk(reply);
}

interface Budget {
  items: number;
  bytes: number;
  omittedItems: number;
  omittedBytes: number;
}

function cap(r: Reply, b: Budget): Reply {
  switch (r.t) {
    case 'bulk':
    case 'simple':
    case 'error':
    case 'verbatim':
    case 'raw':
    case 'big': {
      if (r.v === null || r.v.length <= b.bytes) {
        b.bytes -= r.v?.length ?? 0;
        return r;
      }
      const kept = Math.max(0, b.bytes);
      b.omittedBytes += r.v.length - kept;
      b.bytes = 0;
      return { ...r, v: r.v.slice(0, kept) };
    }
    case 'array':
    case 'set':
    case 'push': {
      if (r.v === null) return r;
      const keep = Math.min(r.v.length, Math.max(0, b.items));
      b.items -= keep;
      b.omittedItems += r.v.length - keep;
      return { t: r.t, v: r.v.slice(0, keep).map((x) => cap(x, b)) };
    }
    case 'map': {
      const keep = Math.min(r.v.length, Math.max(0, Math.floor(b.items / 2)));
      b.items -= keep * 2;
      b.omittedItems += (r.v.length - keep) * 2;
      return { t: 'map', v: r.v.slice(0, keep).map(([k, v]) => [cap(k, b), cap(v, b)] as [Reply, Reply]) };
    }
    default:
      return r;
  }
}
