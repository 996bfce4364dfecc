import type { Reply } from '../shared/reply.js';

/**
 * A compact one-line rendering of a reply, for tests and debugging: OK, !ERR …, :5, "text", nil,
 * nil[], […], ~[…] (set), {k:v} (map), ,1.5 (double), #t/#f, txt:… (verbatim), >[…] (push), raw:"…";
 * 'none' when there is no reply.
 */
export function renderReply(x: Reply | null): string {
  if (x === null) return 'none';
  switch (x.t) {
    case 'simple':
      return x.v;
    case 'error':
      return '!' + x.v;
    case 'int':
      return ':' + x.v;
    case 'bulk':
      return x.v === null ? 'nil' : JSON.stringify(x.v);
    case 'array':
      return x.v === null ? 'nil[]' : '[' + x.v.map(renderReply).join(',') + ']';
    case 'set':
      return '~[' + x.v.map(renderReply).join(',') + ']';
    case 'push':
      return '>[' + x.v.map(renderReply).join(',') + ']';
    case 'map':
      return '{' + x.v.map(([k, v]) => renderReply(k) + ':' + renderReply(v)).join(',') + '}';
    case 'double':
      return ',' + x.s;
    case 'big':
      return '(' + x.v;
    case 'bool':
      return x.v ? '#t' : '#f';
    case 'verbatim':
      return x.format + ':' + x.v;
    case 'raw':
      return 'raw:' + JSON.stringify(x.v);
  }
}
