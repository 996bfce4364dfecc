import { describe, expect, it } from 'vitest';
import { printedRows } from './printed-rows.js';

describe('printedRows', () => {
  const before = ['127.0.0.1:6379> PING', 'PONG', '127.0.0.1:6379>'];

  it('takes the typed row and the reply, not the next prompt, once idle', () => {
    const after = [...before.slice(0, -1), '127.0.0.1:6379> SET k v', 'OK', '127.0.0.1:6379>'];
    expect(printedRows(after, before.length, 'SET k v', true)).toEqual(['127.0.0.1:6379> SET k v', 'OK']);
  });

  it('keeps everything while the command still runs', () => {
    const after = [...before.slice(0, -1), '127.0.0.1:6379> SUBSCRIBE news', '1) "subscribe"', '2) "news"', '3) (integer) 1'];
    expect(printedRows(after, before.length, 'SUBSCRIBE news', false)).toEqual([
      '127.0.0.1:6379> SUBSCRIBE news',
      '1) "subscribe"',
      '2) "news"',
      '3) (integer) 1',
    ]);
  });

  it('starts at the typed row after a Ctrl-C the Run pressed first', () => {
    const listening = ['127.0.0.1:6379> SUBSCRIBE news', '1) "subscribe"', '2) "news"', '3) (integer) 1'];
    const after = [...listening, '^C', '127.0.0.1:6379> PING', 'PONG', '127.0.0.1:6379>'];
    expect(printedRows(after, listening.length, 'PING', true)).toEqual(['127.0.0.1:6379> PING', 'PONG']);
  });

  it('reads a new terminal from its first row', () => {
    expect(printedRows(['127.0.0.1:6379> LLEN q', '(integer) 0', '127.0.0.1:6379>'], 0, 'LLEN q', true)).toEqual(['127.0.0.1:6379> LLEN q', '(integer) 0']);
  });
});
