// Reading a whole dataset through a connection, to compare two servers' (or one server's before
// and after a restart) key by key.

import { encodeReply } from '../../src/protocol/encode.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import type { Conn } from './harness.js';

/**
 * Every key of every database, its type, absolute expiry and whole value (a stream with its
 * groups, consumers and pending entries), and the function libraries, as one sorted list:
 * orders that hash seeds decide are sorted, times each server took from its own clock
 * (consumers' seen-times, delivery times) left out.
 */
export async function readDataset(c: Conn): Promise<string[]> {
  const ask = async (...argv: string[]) => parseReply(await c.send(argv))!.reply;
  const out: string[] = [];
  for (let db = 0; db < 16; db++) {
    await ask('SELECT', String(db));
    const keys = await ask('KEYS', '*');
    for (const k of keys.t === 'array' && keys.v !== null ? keys.v : []) {
      const key = (k as { v: string }).v;
      const type = ((await ask('TYPE', key)) as { v: string }).v;
      const read: Record<string, string[]> = {
        string: ['GET', key],
        list: ['LRANGE', key, '0', '-1'],
        set: ['SMEMBERS', key],
        zset: ['ZRANGE', key, '0', '-1', 'WITHSCORES'],
        hash: ['HGETALL', key],
        stream: ['XINFO', 'STREAM', key, 'FULL'],
      };
      let value = encodeReply(await ask(...read[type]!), 2);
      if (type === 'set' || type === 'hash') value = value.split('\r\n').sort().join(' ');
      // A stream's consumers carry their own seen-times.
      if (type === 'stream')
        value = value
          .replace(/seen-time\r\n:\d+/g, 'seen-time')
          .replace(/delivery-time\r\n:\d+/g, '')
          .replace(/\r\n:\d{13}\r\n/g, '\r\n<t>\r\n');
      out.push(`${db} ${key} ${type} ${encodeReply(await ask('PEXPIRETIME', key), 2)} ${value}`);
    }
  }
  out.push(encodeReply(await ask('FUNCTION', 'LIST', 'WITHCODE'), 2));
  return out.sort();
}
