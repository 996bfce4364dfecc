// The same raw bytes go to a real redis-server 7.0 and to our server; what comes back (and
// whether the connection gets closed) must be identical, byte for byte.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { show, startRealRedis, type RealRedis } from '../diff/harness.js';
import { exchange, multibulk, startOurs, type ExchangeOptions } from './raw.js';

function useBoth(redisArgs: string[] = [], config: Record<string, string> = {}) {
  let real: RealRedis;
  let ours: RunningServer;
  beforeAll(async () => {
    real = await startRealRedis(redisArgs);
    ours = (await startOurs({ config })).server;
  });
  afterAll(async () => {
    await real?.stop();
    await ours?.close();
  });
  compareFn.ports = () => ({ real: real.port, ours: ours.port });
  return compareFn;
  async function compareFn(chunks: string[], options?: ExchangeOptions) {
    const [want, got] = await Promise.all([exchange(real.port, chunks, options), exchange(ours.port, chunks, options)]);
    expect(show(got.data), `reply to ${show(chunks.join(' | '))}`).toBe(show(want.data));
    expect(got.closed, `closed after ${show(chunks.join(' | '))}`).toBe(want.closed);
    return want;
  }
}

describe('protocol errors, against real Redis', () => {
  const compare = useBoth();

  const cases: [name: string, chunks: string[]][] = [
    ['invalid multibulk length after a good command', ['SET a 1\r\n*x\r\nGET a\r\n']],
    ['multibulk count over INT_MAX', ['*2147483648\r\n']],
    ['multibulk count INT_MAX waits', ['*2147483647\r\n']],
    ['leading zero in a count', ['*01\r\n$3\r\nGET\r\n']],
    ['plus sign in a count', ['*+1\r\n$3\r\nGET\r\n']],
    ['empty count', ['*\r\n']],
    ['int64 min count is ignored', ['*-9223372036854775808\r\nGET a\r\n']],
    ['below int64 min', ['*-9223372036854775809\r\n']],
    ['zero and negative counts are ignored', ['*0\r\n*-5\r\n' + multibulk(['GET', 'a'])]],
    ["expected '$'", ['*1\r\nx$3\r\nGET\r\n']],
    ["expected '$', got LF", ['*1\r\n\n3\r\n']],
    ["expected '$', got CR", ['*1\r\n\r\n']],
    ["expected '$', got a high byte", ['*1\r\n\xff3\r\n']],
    ['negative bulk length', ['*1\r\n$-1\r\n']],
    ['leading zero in a bulk length', ['*1\r\n$03\r\nGET\r\n']],
    ['bulk length over proto-max-bulk-len', ['*1\r\n$536870913\r\n']],
    ['bulk length at proto-max-bulk-len waits', ['*1\r\n$536870912\r\n']],
    ['bytes after CR and after a bulk are not checked', ['*2\rX$3\r\nGETxx$1\r\naYY' + multibulk(['GET', 'a'])]],
    ['a count line hidden by NUL waits', ['*1\x00\r\n$3\r\nGET\r\n']],
    ['error in a later chunk', [multibulk(['SET', 'b', '2']), '*1\r\n$3\r\nGET\r\n*q\r\n', multibulk(['GET', 'b'])]],
    ['command split across writes', ['*2\r\n$3\r\nGE', 'T\r\n$1', '\r\nb\r', '\n']],
  ];
  it.each(cases)('%s', async (_name, chunks) => {
    await compare(chunks);
  });

  const inline: [name: string, chunks: string[]][] = [
    ['plain inline commands', ['SET c 10\r\nINCR c\nGET c\r\n']],
    ['blank lines are ignored', ['\r\n\n   \r\n\t\r\nGET c\n']],
    ['double quotes with escapes', ['SET q "\\x41\\x4a\\n\\t\\\\\\"\\q\\xZZ"\r\nGET q\r\n']],
    ['single quotes', ["SET q 'it\\'s \"x\"'\r\nGET q\r\n"]],
    ['quotes joined to text', ['SET ab"c d" 1\r\nGET "abc d"\r\n']],
    ['non-ASCII bytes', ['SET \xec\x95\x88 "\xff\xfe"\r\nGET \xec\x95\x88\r\n']],
    ['closing quote followed by text', ['GET c\r\nSET a "b"c\r\nGET c\r\n']],
    ['unterminated double quote', ['GET "abc\r\n']],
    ['unterminated single quote', ["GET 'abc\r\n"]],
    ['backslash at the end of a quoted token', ['GET "abc\\\r\n']],
    ['NUL hides the line', ['GE\x00T c\r\nGET c\r\n']],
    ['CR inside a line splits tokens', ['SET r\rx 1\r\nGET r\r\n']],
    ['vertical tab inside a token', ['SET v\x0bw 1\r\nGET "v\\x0bw"\r\n']],
    ['inline split across writes', ['SET s "a', ' b"', '\r', '\nGET s\r\n']],
  ];
  it.each(inline)('%s', async (_name, chunks) => {
    await compare(chunks);
  });

  it('closes without a reply on POST and Host: (cross-protocol scripting)', async () => {
    await compare(['SET h 1\r\nPOST / HTTP/1.1\r\nGET h\r\n']);
    await compare(['Host: example.com\r\n']);
    await compare([multibulk(['post', 'x'])]);
  });

  it('fails an inline request over 64 KB without newline', async () => {
    await compare(['x'.repeat(65536)], { quiet: 300 });
    await compare(['x'.repeat(65537)], { quiet: 300 });
    await compare(['x'.repeat(200_000)], { quiet: 300 });
  });

  it('fails count lines over 64 KB without CR', async () => {
    await compare(['*' + '1'.repeat(65536)], { quiet: 300 });
    await compare(['*1\r\n$' + '1'.repeat(65536)], { quiet: 300 });
    await compare(['*1\r\n$' + '1'.repeat(65534)], { quiet: 300 });
  });

  it('QUIT answers, then closes; later commands in the same write are not run', async () => {
    await compare(['SET qk 1\r\nQUIT\r\nSET qk 2\r\n']);
    await compare(['GET qk\r\n']);
    await compare([multibulk(['QUIT']), multibulk(['GET', 'qk'])]);
  });

  it('CLIENT KILL of the connection itself: the reply goes out, then it closes', async () => {
    await compare(['CLIENT KILL SKIPME no TYPE normal\r\nPING\r\n']);
    await compare(['CLIENT REPLY OFF\r\nPING\r\nCLIENT REPLY ON\r\nPING\r\n']);
  });

  it('PING and ECHO', async () => {
    await compare(['PING\r\nPING "hello world"\r\nECHO \xff\r\n' + multibulk(['ECHO', '\x00\r\n'])]);
  });

  it('encodes in RESP3 after HELLO 3', async () => {
    // HELLO's own reply names the server's version and the client id: compare what follows it.
    const raw = multibulk(['HELLO', '3']) + 'GET nothing-here\r\nMGET a nothing\r\nSET h3 1\r\nINCRBYFLOAT h3 0.5\r\n';
    const ports = compare.ports();
    const [want, got] = await Promise.all([exchange(ports.real, [raw]), exchange(ports.ours, [raw])]);
    const afterHello = (data: string) => data.slice(parseReply(data)!.end);
    expect(show(afterHello(got.data))).toBe(show(afterHello(want.data)));
    expect(afterHello(want.data)).toContain('_\r\n');
  });

  it('takes a command one byte per write', async () => {
    const raw = multibulk(['SET', 'bytewise', 'v a l']) + 'GET bytewise\r\n';
    await compare(raw.split(''), { gap: 2 });
  });
});

describe('protocol limits for unauthenticated clients, against real Redis', () => {
  const compare = useBoth(['--requirepass', 'secret'], { requirepass: 'secret' });

  it('allows 10 arguments, not 11', async () => {
    await compare(['*10\r\n']);
    await compare(['*11\r\n']);
  });

  it('allows 16384-byte bulks, not more', async () => {
    await compare(['*1\r\n$16384\r\n']);
    await compare(['*1\r\n$16385\r\n']);
  });

  it('checks the limit before AUTH in the same command runs', async () => {
    await compare(['*3\r\n$4\r\nAUTH\r\n$6\r\nsecret\r\n$16385\r\n']);
  });

  it('answers NOAUTH to commands that fit', async () => {
    await compare(['GET a\r\n' + multibulk(['SET', 'a', 'b'])]);
  });

  it('lifts the limits once AUTH succeeds, in the same write', async () => {
    await compare(['AUTH secret\r\n*11\r\n$16385\r\n']);
    await compare(['AUTH wrong\r\n*11\r\n']);
  });
});
