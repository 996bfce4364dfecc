// Reply → RESP bytes (as a byte string), in the client's protocol version. RESP2 folds the
// RESP3-only types the way Redis does: maps become flat arrays, sets arrays, doubles bulk
// strings, booleans integers, nulls the nil bulk or nil array of their kind.

import type { Reply } from '../engine/reply.js';

export function encodeReply(r: Reply, resp: 2 | 3): string {
  switch (r.t) {
    case 'simple':
      return '+' + r.v + '\r\n';
    case 'error':
      return '-' + r.v + '\r\n';
    case 'int':
      return ':' + r.v + '\r\n';
    case 'bulk':
      if (r.v === null) return resp === 3 ? '_\r\n' : '$-1\r\n';
      return '$' + r.v.length + '\r\n' + r.v + '\r\n';
    case 'array':
      if (r.v === null) return resp === 3 ? '_\r\n' : '*-1\r\n';
      return aggregate('*', r.v, resp);
    case 'set':
      return aggregate(resp === 3 ? '~' : '*', r.v, resp);
    case 'push':
      return aggregate(resp === 3 ? '>' : '*', r.v, resp);
    case 'map': {
      let out = (resp === 3 ? '%' + r.v.length : '*' + r.v.length * 2) + '\r\n';
      for (const [k, v] of r.v) out += encodeReply(k, resp) + encodeReply(v, resp);
      return out;
    }
    case 'double':
      return resp === 3 ? ',' + r.s + '\r\n' : '$' + r.s.length + '\r\n' + r.s + '\r\n';
    case 'bool':
      return resp === 3 ? (r.v ? '#t\r\n' : '#f\r\n') : r.v ? ':1\r\n' : ':0\r\n';
    case 'verbatim': {
      if (resp === 2) return '$' + r.v.length + '\r\n' + r.v + '\r\n';
      const body = r.format + ':' + r.v;
      return '=' + body.length + '\r\n' + body + '\r\n';
    }
  }
}

function aggregate(prefix: string, items: readonly Reply[], resp: 2 | 3): string {
  let out = prefix + items.length + '\r\n';
  for (const item of items) out += encodeReply(item, resp);
  return out;
}
