// A reply as a table, beside the terminal's text: an array one row an element, a map (or
// HGETALL's flat pairs in RESP2, or a WITHSCORES/WITHVALUES reply) one row a pair, an array of
// equal-length arrays (ZRANGE ... WITHSCORES in RESP3) one row each. Each cell is the element
// as the terminal prints it on its own line.

import { formatReply } from '../../cli/format-reply.js';
import { asciiEqualsIgnoreCase } from '../../cli/help.js';
import { utf8Decode } from '../../cli/split-args.js';
import type { Reply } from '../../shared/reply.js';

export interface Table {
  /** Column kinds; the panel names them in the page's language. */
  columns: ('index' | 'value' | 'key' | 'field' | 'member' | 'score')[];
  rows: string[][];
}

/** Replies whose flat RESP2 arrays are pairs: field/value or member/score. */
function pairKind(argv: readonly string[]): 'field' | 'member' | 'key' | null {
  const name = argv[0] ?? '';
  const has = (word: string) => argv.some((a) => asciiEqualsIgnoreCase(a, word));
  if (has('withscores')) return 'member';
  if (asciiEqualsIgnoreCase(name, 'hgetall') || (asciiEqualsIgnoreCase(name, 'hrandfield') && has('withvalues'))) return 'field';
  if (asciiEqualsIgnoreCase(name, 'config') && asciiEqualsIgnoreCase(argv[1] ?? '', 'get')) return 'key';
  return null;
}

function cell(r: Reply, resp: 2 | 3): string {
  return utf8Decode(formatReply(r, 'tty', resp)).replace(/\n$/, '');
}

function elements(r: Reply): Reply[] | null {
  if (r.t === 'array') return r.v;
  if (r.t === 'set' || r.t === 'push') return r.v;
  return null;
}

/** The reply as a table, or null when it is not a collection (or an empty one). */
export function tableOf(reply: Reply | null, argv: readonly string[], resp: 2 | 3): Table | null {
  if (reply === null) return null;
  const pairs = pairKind(argv);
  if (reply.t === 'map') {
    if (reply.v.length === 0) return null;
    return { columns: [pairs ?? 'key', 'value'], rows: reply.v.map(([k, v]) => [cell(k, resp), cell(v, resp)]) };
  }
  const items = elements(reply);
  if (items === null || items.length === 0) return null;
  const second = pairs === 'member' ? 'score' : 'value';
  if (pairs !== null && items.length % 2 === 0 && items.every((i) => elements(i) === null)) {
    const rows: string[][] = [];
    for (let i = 0; i < items.length; i += 2) rows.push([cell(items[i]!, resp), cell(items[i + 1]!, resp)]);
    return { columns: [pairs, second], rows };
  }
  const nested = items.map(elements);
  const width = nested[0]?.length ?? 0;
  if (pairs !== null && width === 2 && nested.every((n) => n !== null && n.length === 2)) {
    return { columns: [pairs, second], rows: nested.map((n) => n!.map((c) => cell(c, resp))) };
  }
  return { columns: ['index', 'value'], rows: items.map((r, i) => [String(i + 1), cell(r, resp)]) };
}
