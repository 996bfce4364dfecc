// Inspector actions are real commands typed into the active terminal, so a learner sees (and
// can repeat) exactly what was done. Arguments are written so redis-cli's splitting gives back
// the same bytes.

import { quoteRepr } from '../../cli/format-reply.js';
import { utf8Decode, utf8Encode } from '../../cli/split-args.js';
import type { KeyDetails } from '../../worker/protocol.js';

/** One argument as typed: bare when that is unambiguous, else in double quotes with escapes. */
export function argument(bytes: string): string {
  const text = utf8Decode(bytes);
  // Bare only if it survives UTF-8 round trip and holds nothing the splitter treats specially.
  if (text !== '' && utf8Encode(text) === bytes && !/[\s"'\\\x00-\x1f\x7f\ufffd]/.test(text)) return text;
  if (utf8Encode(text) === bytes && !/[\x00-\x1f\x7f\ufffd]/.test(text)) return '"' + text.replace(/[\\"]/g, '\\$&') + '"';
  return quoteRepr(bytes);
}

export function commandLine(argv: readonly string[]): string {
  return argv.map(argument).join(' ');
}

/** Commands that build the value as shown (the page loaded), or null for types without one. */
export function recreate(d: KeyDetails): string[] | null {
  const v = d.value;
  const key = d.key;
  let argv: string[];
  switch (v.kind) {
    case 'string':
      if (v.bytes.length < v.length) return null; // only part of it is here
      argv = ['SET', key, v.bytes];
      break;
    case 'list':
      argv = ['RPUSH', key, ...v.items];
      break;
    case 'hash':
      argv = ['HSET', key, ...v.entries.flat()];
      break;
    case 'set':
      argv = ['SADD', key, ...v.members];
      break;
    case 'zset':
      argv = ['ZADD', key, ...v.entries.flatMap(([m, s]) => [s === Infinity ? '+inf' : s === -Infinity ? '-inf' : String(s), m])];
      break;
    case 'stream':
      return v.entries.map(([id, fields]) => commandLine(['XADD', key, id, ...fields]));
    default:
      return null;
  }
  const lines = [commandLine(argv)];
  if (d.ttl > 0) lines.push(commandLine(['PEXPIRE', key, String(d.ttl)]));
  return lines;
}
