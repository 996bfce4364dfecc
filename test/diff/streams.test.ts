// Streams (XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM, XREAD, XREADGROUP, XGROUP, XACK,
// XPENDING, XCLAIM, XAUTOCLAIM, XSETID, XINFO) against a real redis-server. Explicit IDs keep
// replies deterministic; where times appear (idle, seen-time, delivery times) they are masked.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useBlockingDiff } from './blocking-support.js';
import { show, useDiff } from './harness.js';

/** Hides times: XPENDING's idle, XINFO's idle / seen-time / delivery times (ms since epoch). */
function maskTimes(s: string): string {
  return s
    .replace(/(\$4\r\nidle\r\n):\d+/g, '$1:T')
    .replace(/(\$9\r\nseen-time\r\n):\d+/g, '$1:T')
    .replace(/:1\d{12}\r\n/g, ':T\r\n')
    .replace(/(\*4\r\n\$\d+\r\n\d+-\d+\r\n\$\d+\r\n[^\r]*\r\n):\d+/g, '$1:E');
}

describe('streams', () => {
  const d = useDiff();

  async function masked(argv: string[]): Promise<void> {
    const { real, ours } = await d.both(argv);
    expect(show(maskTimes(ours)), `reply to ${argv.join(' ')}`).toBe(show(maskTimes(real)));
  }

  describe('XADD', () => {
    it('explicit IDs, ms-*, errors', () =>
      d.run([
        ['XADD', 's', '1-1', 'a', '1'],
        ['XADD', 's', '1-*', 'b', '2'],
        ['XADD', 's', '1-*', 'c', '3'],
        ['XADD', 's', '1-2', 'x', 'y'],
        ['XADD', 's', '0-*', 'x', 'y'],
        ['XADD', 's', '5', 'x', 'y'],
        ['XADD', 's', '5-*', 'x', 'y'],
        ['XADD', 's', '0-0', 'x', 'y'],
        ['XADD', 'n', '0-0', 'x', 'y'],
        ['EXISTS', 'n'],
        ['XADD', 'n', '0-*', 'x', 'y'],
        ['XADD', 's', '6-0', 'f'],
        ['XADD', 's', '6-0', 'f', 'v', 'g'],
        ['XADD', 's', 'abc', 'f', 'v'],
        ['XADD', 's', '7-', 'f', 'v'],
        ['XADD', 's', '-1', 'f', 'v'],
        ['XADD', 's', '+', 'f', 'v'],
        ['XADD', 's', '-', 'f', 'v'],
        ['XADD', 's', '18446744073709551616-0', 'f', 'v'],
        ['XADD', 's', '007-1', 'f', 'v'],
        ['XADD', 's', '+8-1', 'f', 'v'],
        ['XADD', 's', ' 9-1', 'f', 'v'],
        ['XADD', 's', '10-*', 'f', 'v', 'f', 'w'],
        ['XADD', 's', '18446744073709551615-18446744073709551614', '\xff', '\xec\x95\x88'],
        ['XADD', 's', '18446744073709551615-*', 'e', ''],
        ['XADD', 's', '18446744073709551615-*', 'e', ''],
        ['XRANGE', 's', '-', '+'],
        ['XLEN', 's'],
        ['SET', 'str', 'x'],
        ['XADD', 'str', '1-1', 'f', 'v'],
        ['XADD', 'nomk', 'NOMKSTREAM', '1-1', 'f', 'v'],
        ['EXISTS', 'nomk'],
        ['XADD', 's2', 'NOMKSTREAM', '*', 'f'],
        ['XADD', 's'],
        ['XADD', 's', '1-1'],
        ['TYPE', 's'],
        ['OBJECT', 'ENCODING', 's'],
      ]));

    it('MAXLEN, MINID, =, ~, LIMIT and their errors', () =>
      d.run([
        ['XADD', 's', 'MAXLEN', '2', '1-1', 'a', '1'],
        ['XADD', 's', 'MAXLEN', '=', '2', '2-1', 'a', '2'],
        ['XADD', 's', 'MAXLEN', '2', '3-1', 'a', '3'],
        ['XRANGE', 's', '-', '+'],
        ['XADD', 's', 'MINID', '3-1', '4-1', 'a', '4'],
        ['XRANGE', 's', '-', '+'],
        ['XADD', 's', 'MINID', '~', '4', '5-1', 'a', '5'],
        ['XLEN', 's'],
        ['XADD', 's', 'MAXLEN', '~', '1', '6-1', 'a', '6'],
        ['XLEN', 's'],
        ['XADD', 's', 'MAXLEN', '1', 'MINID', '1', '7-1', 'a', '7'],
        ['XADD', 's', 'MINID', '1', 'MAXLEN', '1', '7-1', 'a', '7'],
        ['XADD', 's', 'MAXLEN', '-1', '7-1', 'a', '7'],
        ['XADD', 's', 'MAXLEN', 'x', '7-1', 'a', '7'],
        ['XADD', 's', 'MAXLEN', '1', 'LIMIT', '10', '7-1', 'a', '7'],
        ['XADD', 's', 'MAXLEN', '~', '1', 'LIMIT', '-1', '7-1', 'a', '7'],
        ['XADD', 's', 'MAXLEN', '~', '1', 'LIMIT', 'x', '7-1', 'a', '7'],
        ['XADD', 's', 'LIMIT', '10', '7-1', 'a', '7'],
        ['XADD', 's', 'LIMIT', '0', '7-1', 'a', '7'],
        ['XADD', 's', 'MINID', 'bad', '7-1', 'a', '7'],
        ['XADD', 's', 'MINID', '+', '7-1', 'a', '7'],
        ['XADD', 's', 'maxlen', '~', '0', 'limit', '0', '8-1', 'a', '8'],
        ['XLEN', 's'],
        ['XADD', 's', 'MAXLEN', '0', '9-1', 'a', '9'],
        ['XLEN', 's'],
        ['XINFO', 'STREAM', 's'],
      ]));

    it('~ trims whole nodes only (stream-node-max-entries 100)', async () => {
      for (let i = 1; i <= 350; i++) await d.both(['XADD', 's', `${i}-1`, 'f', String(i)]);
      await d.run([
        ['XINFO', 'STREAM', 's'],
        ['XADD', 's', 'MAXLEN', '~', '160', '351-1', 'f', 'x'],
        ['XLEN', 's'],
        ['XTRIM', 's', 'MAXLEN', '~', '10'],
        ['XLEN', 's'],
        ['XTRIM', 's', 'MINID', '~', '330'],
        ['XTRIM', 's', 'MINID', '~', '302'],
        ['XLEN', 's'],
        ['XTRIM', 's', 'MAXLEN', '~', '0', 'LIMIT', '20'],
        ['XTRIM', 's', 'MAXLEN', '=', '45'],
        ['XINFO', 'STREAM', 's'],
        ['XDEL', 's', '310-1', '320-1', '999-1'],
        ['XTRIM', 's', 'MINID', '315'],
        ['XINFO', 'STREAM', 's'],
        ['XRANGE', 's', '-', '+', 'COUNT', '3'],
      ]);
    });

    it('big values close nodes at stream-node-max-bytes', async () => {
      const big = 'v'.repeat(1000);
      for (let i = 1; i <= 12; i++) await d.both(['XADD', 's', `${i}-0`, 'f', big + i]);
      await d.run([
        ['XINFO', 'STREAM', 's'],
        ['XTRIM', 's', 'MAXLEN', '~', '5'],
        ['XINFO', 'STREAM', 's'],
        ['CONFIG', 'SET', 'stream-node-max-entries', '3'],
        ['XADD', 't', '1-0', 'a', '1'],
        ['XADD', 't', '2-0', 'b', '1', 'c', '2'],
        ['XADD', 't', '3-0', 'a', '1'],
        ['XADD', 't', '4-0', '1', '2'],
        ['XDEL', 't', '2-0'],
        ['XINFO', 'STREAM', 't'],
        ['XTRIM', 't', 'MAXLEN', '~', '1'],
        ['XINFO', 'STREAM', 't'],
        ['CONFIG', 'SET', 'stream-node-max-entries', '100'],
      ]);
    });
  });

  describe('XRANGE / XREVRANGE / XLEN / XDEL / XTRIM', () => {
    it('ranges, exclusive bounds, COUNT, errors', () =>
      d.run([
        ['XADD', 's', '1-0', 'a', '1'],
        ['XADD', 's', '1-5', 'b', '2'],
        ['XADD', 's', '2-0', 'c', '3'],
        ['XADD', 's', '3-3', 'd', '4'],
        ['XRANGE', 's', '-', '+'],
        ['XRANGE', 's', '1', '2'],
        ['XRANGE', 's', '(1-0', '(3-3'],
        ['XRANGE', 's', '(1', '+'],
        ['XRANGE', 's', '-', '+', 'COUNT', '2'],
        ['XRANGE', 's', '-', '+', 'COUNT', '0'],
        ['XRANGE', 's', '-', '+', 'COUNT', '-5'],
        ['XRANGE', 's', '-', '+', 'count', '1', 'COUNT', '3'],
        ['XRANGE', 's', '-', '+', 'COUNT'],
        ['XRANGE', 's', '-', '+', 'COUNT', 'x'],
        ['XRANGE', 's', '-', '+', 'LIMIT', '1'],
        ['XRANGE', 's', '3', '1'],
        ['XRANGE', 's', '(-', '+'],
        ['XRANGE', 's', '(', '+'],
        ['XRANGE', 's', '(18446744073709551615-18446744073709551615', '+'],
        ['XRANGE', 's', '-', '(0-0'],
        ['XRANGE', 's', 'x', '+'],
        ['XRANGE', 'nokey', '-', '+'],
        ['XRANGE', 'nokey', '-', '+', 'COUNT', '0'],
        ['XREVRANGE', 's', '+', '-'],
        ['XREVRANGE', 's', '+', '-', 'COUNT', '1'],
        ['XREVRANGE', 's', '(3-3', '(1-0'],
        ['XREVRANGE', 's', '2', '1'],
        ['XREVRANGE', 's', '-', '+'],
        ['XLEN', 'nokey'],
        ['SET', 'str', 'x'],
        ['XLEN', 'str'],
        ['XRANGE', 'str', '-', '+'],
        ['XDEL', 'str', '1-0'],
        ['XDEL', 'nokey', 'bad'],
        ['XDEL', 's', 'bad'],
        ['XDEL', 's', '1-0', '1-0', '9-9'],
        ['XDEL', 's', '2', '+'],
        ['XINFO', 'STREAM', 's'],
        ['XDEL', 's', '1-5', '2-0', '3-3'],
        ['EXISTS', 's'],
        ['XLEN', 's'],
        ['XINFO', 'STREAM', 's'],
        ['XADD', 's', '4-0', 'e', '5'],
        ['XINFO', 'STREAM', 's'],
      ]));

    it('XTRIM options and errors', () =>
      d.run([
        ['XADD', 's', '1-0', 'a', '1'],
        ['XADD', 's', '2-0', 'a', '2'],
        ['XADD', 's', '3-0', 'a', '3'],
        ['XTRIM', 's'],
        ['XTRIM', 's', 'MAXLEN'],
        ['XTRIM', 's', 'FOO', '1'],
        ['XTRIM', 's', 'LIMIT', '1'],
        ['XTRIM', 's', 'MAXLEN', '1', 'LIMIT', '1'],
        ['XTRIM', 's', '1-1', '1'],
        ['XTRIM', 's', 'NOMKSTREAM', 'MAXLEN', '1'],
        ['XTRIM', 'nokey', 'MAXLEN', '1'],
        ['SET', 'str', 'x'],
        ['XTRIM', 'str', 'MAXLEN', '1'],
        ['XTRIM', 's', 'MAXLEN', '5'],
        ['XTRIM', 's', 'MINID', '2'],
        ['XTRIM', 's', 'MAXLEN', '~', '0'],
        ['XTRIM', 's', 'MAXLEN', '0'],
        ['EXISTS', 's'],
        ['XINFO', 'STREAM', 's'],
      ]));
  });

  describe('XREAD', () => {
    it('reads after IDs, $, COUNT, errors', () =>
      d.run([
        ['XADD', 'a', '1-0', 'f', '1'],
        ['XADD', 'a', '2-0', 'f', '2'],
        ['XADD', 'b', '5-0', 'g', '1'],
        ['XREAD', 'STREAMS', 'a', 'b', '0', '0'],
        ['XREAD', 'COUNT', '1', 'STREAMS', 'a', 'b', '1-0', '0-0'],
        ['XREAD', 'STREAMS', 'a', '$'],
        ['XREAD', 'STREAMS', 'nokey', '0'],
        ['XREAD', 'STREAMS', 'a', 'b'],
        ['XREAD', 'STREAMS', 'a', 'x'],
        ['XREAD', 'STREAMS', 'a', '+'],
        ['XREAD', 'STREAMS', 'a', '-'],
        ['XREAD', 'STREAMS', 'a', '>'],
        ['XREAD', 'COUNT', 'x', 'STREAMS', 'a', '0'],
        ['XREAD', 'COUNT', '-1', 'STREAMS', 'a', '0'],
        ['XREAD', 'BLOCK', 'x', 'STREAMS', 'a', '0'],
        ['XREAD', 'BLOCK', '-1', 'STREAMS', 'a', '0'],
        ['XREAD', 'GROUP', 'g', 'c', 'STREAMS', 'a', '0'],
        ['XREAD', 'NOACK', 'STREAMS', 'a', '0'],
        ['XREAD', 'FOO', 'STREAMS', 'a', '0'],
        ['XREAD', 'COUNT', '1', 'a', '0'],
        ['XREAD', 'STREAMS', 'a', 'b', 'c'],
        ['SET', 'str', 'x'],
        ['XREAD', 'STREAMS', 'str', '0'],
        ['XREAD', 'STREAMS', 'a', 'a', '0', '1'],
        ['MULTI'],
        ['XREAD', 'BLOCK', '0', 'STREAMS', 'a', '$'],
        ['EXEC'],
      ]));

    it('RESP3 forms', async () => {
      await d.both(['HELLO', '3']);
      await d.run([
        ['XADD', 'a', '1-0', 'f', '1'],
        ['XADD', 'b', '1-0', 'f', '1'],
        ['XREAD', 'STREAMS', 'a', 'b', '0', '0'],
        ['XREAD', 'STREAMS', 'a', '$'],
        ['XRANGE', 'a', '-', '+', 'COUNT', '0'],
        ['XINFO', 'STREAM', 'a'],
        ['XINFO', 'STREAM', 'nokey'],
        ['XADD', 'nomk', 'NOMKSTREAM', '1-1', 'f', 'v'],
        ['XGROUP', 'CREATE', 'a', 'g', '0'],
        ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', '>'],
        ['XPENDING', 'a', 'g'],
        ['XINFO', 'GROUPS', 'a'],
        ['XDEL', 'a', '1-0'],
        ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', '0'],
        ['XACK', 'a', 'g', '1-0'],
        ['XPENDING', 'a', 'g'],
      ]);
    });
  });

  describe('consumer groups', () => {
    it('XGROUP subcommands and errors', () =>
      d.run([
        ['XGROUP', 'CREATE', 's', 'g', '$'],
        ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'],
        ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'],
        ['XGROUP', 'CREATE', 's', 'g2', 'bad'],
        ['XGROUP', 'CREATE', 's', 'g2', '+'],
        ['XGROUP', 'CREATE', 's', 'g2', '0', 'ENTRIESREAD', '-2'],
        ['XGROUP', 'CREATE', 's', 'g2', '0', 'ENTRIESREAD', 'x'],
        ['XGROUP', 'CREATE', 's', 'g2', '0', 'ENTRIESREAD'],
        ['XGROUP', 'CREATE', 's', 'g2', '0', 'FOO'],
        ['XGROUP', 'CREATE', 's', 'g2', '0', 'MKSTREAM', 'ENTRIESREAD', '3', 'MKSTREAM'],
        ['XGROUP', 'CREATE', 's', 'g3', '0', 'MKSTREAM', 'MKSTREAM', 'MKSTREAM', 'MKSTREAM'],
        ['XGROUP', 'CREATE', 's', 'g4', '5-5', 'ENTRIESREAD', '-1'],
        ['XINFO', 'GROUPS', 's'],
        ['XGROUP', 'SETID', 's', 'g', '7'],
        ['XGROUP', 'SETID', 's', 'g', '$', 'ENTRIESREAD', '4'],
        ['XGROUP', 'SETID', 's', 'g', '-'],
        ['XGROUP', 'SETID', 's', 'g', 'x'],
        ['XGROUP', 'SETID', 's', 'nog', '0'],
        ['XGROUP', 'SETID', 's', 'g', '0', 'MKSTREAM'],
        ['XGROUP', 'SETID', 'nokey', 'g', '0'],
        ['XINFO', 'GROUPS', 's'],
        ['XGROUP', 'CREATECONSUMER', 's', 'g', 'alice'],
        ['XGROUP', 'CREATECONSUMER', 's', 'g', 'alice'],
        ['XGROUP', 'CREATECONSUMER', 's', 'nog', 'alice'],
        ['XGROUP', 'DELCONSUMER', 's', 'g', 'bob'],
        ['XGROUP', 'DELCONSUMER', 's', 'g', 'alice'],
        ['XGROUP', 'DELCONSUMER', 's', 'nog', 'alice'],
        ['XGROUP', 'DESTROY', 's', 'g4'],
        ['XGROUP', 'DESTROY', 's', 'g4'],
        ['XGROUP', 'DESTROY', 'nokey', 'g4'],
        ['SET', 'str', 'x'],
        ['XGROUP', 'CREATE', 'str', 'g', '$'],
        ['XGROUP', 'DESTROY', 'str', 'g'],
        ['XGROUP', 'HELP'],
        ['XGROUP', 'HELP', 'x'],
        ['XGROUP', 'FOO'],
        ['XGROUP', 'CREATE', 's'],
        ['XGROUP', 'DESTROY', 's', 'g', 'x'],
        ['XGROUP'],
      ]));

    it('XREADGROUP, XACK, XPENDING, entries-read and lag', async () => {
      await d.run([
        ['XADD', 's', '1-0', 'a', '1'],
        ['XADD', 's', '2-0', 'b', '2'],
        ['XADD', 's', '3-0', 'c', '3'],
        ['XGROUP', 'CREATE', 's', 'g', '0'],
        ['XINFO', 'GROUPS', 's'],
        ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '1', 'STREAMS', 's', '>'],
        ['XINFO', 'GROUPS', 's'],
        ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 's', '>'],
        ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 's', '>'],
        ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '0'],
        ['XREADGROUP', 'GROUP', 'g', 'bob', 'COUNT', '1', 'STREAMS', 's', '(2-0'],
        ['XREADGROUP', 'GROUP', 'g', 'nobody', 'STREAMS', 's', '0'],
        ['XPENDING', 's', 'g'],
        ['XADD', 's', '4-0', 'd', '4'],
        ['XREADGROUP', 'GROUP', 'g', 'carol', 'NOACK', 'STREAMS', 's', '>'],
        ['XPENDING', 's', 'g'],
        ['XACK', 's', 'g', '1-0', '1-0', '9-0'],
        ['XACK', 's', 'g', 'bad'],
        ['XACK', 's', 'nog', 'bad'],
        ['XACK', 'nokey', 'g', '1-0'],
        ['XPENDING', 's', 'g'],
        ['XDEL', 's', '2-0'],
        ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 's', '0'],
        ['XINFO', 'GROUPS', 's'],
        ['XINFO', 'STREAM', 's'],
        ['XGROUP', 'CREATE', 's', 'h', '0'],
        ['XINFO', 'GROUPS', 's'],
        ['XREADGROUP', 'GROUP', 'h', 'x', 'STREAMS', 's', '>'],
        ['XINFO', 'GROUPS', 's'],
        ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '$'],
        ['XREADGROUP', 'GROUP', 'nog', 'c', 'STREAMS', 's', '>'],
        ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'nokey', '>'],
        ['XREADGROUP', 'COUNT', '1', 'STREAMS', 's', '>'],
        ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', 'x'],
        ['XPENDING', 's', 'g', '-', '+'],
        ['XPENDING', 's', 'g', 'x', '+', '10'],
        ['XPENDING', 's', 'g', '-', '+', 'x'],
        ['XPENDING', 's', 'g', 'IDLE', 'x', '-', '+', '10'],
        ['XPENDING', 's', 'g', 'IDLE', '0', '-', '+'],
        ['XPENDING', 's', 'nog'],
        ['XPENDING', 'nokey', 'g'],
        ['XPENDING', 's', 'g', '-', '+', '10', 'nobody'],
        ['XPENDING', 's', 'g', '(3-0', '+', '10', 'nobody'],
        ['XPENDING', 's', 'g', '-', '+', '0'],
      ]);
      await masked(['XPENDING', 's', 'g', '-', '+', '10']);
      await masked(['XPENDING', 's', 'g', '-', '+', '1', 'bob']);
      await masked(['XPENDING', 's', 'g', 'IDLE', '0', '-', '+', '10', 'bob']);
      await masked(['XPENDING', 's', 'g', 'IDLE', '100000', '-', '+', '10']);
      await masked(['XINFO', 'CONSUMERS', 's', 'g']);
      await masked(['XINFO', 'STREAM', 's', 'FULL']);
      await masked(['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '1']);
      await d.run([
        ['XINFO', 'CONSUMERS', 's', 'nog'],
        ['XINFO', 'CONSUMERS', 'nokey', 'g'],
        ['XINFO', 'STREAM', 's', 'FULL', 'COUNT'],
        ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', 'x'],
        ['XINFO', 'STREAM', 's', 'FOO'],
        ['XINFO', 'STREAM', 's', 'FULL', 'LIMIT', '1'],
        ['XINFO', 'GROUPS', 'nokey'],
        ['XINFO', 'HELP'],
        ['XINFO', 'FOO', 's'],
        ['XGROUP', 'DELCONSUMER', 's', 'g', 'bob'],
        ['XPENDING', 's', 'g'],
      ]);
    });

    it('XCLAIM and XAUTOCLAIM', async () => {
      await d.run([
        ['XADD', 's', '1-0', 'a', '1'],
        ['XADD', 's', '2-0', 'b', '2'],
        ['XADD', 's', '3-0', 'c', '3'],
        ['XADD', 's', '4-0', 'd', '4'],
        ['XGROUP', 'CREATE', 's', 'g', '0'],
        ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '>'],
        ['XCLAIM', 's', 'g', 'bob', '0', '1-0', '2-0', '9-0'],
        ['XCLAIM', 's', 'g', 'bob', '1000000', '3-0'],
        ['XCLAIM', 's', 'g', 'bob', '0', '3-0', 'JUSTID'],
        ['XCLAIM', 's', 'g', 'bob', '0', '4-0', 'RETRYCOUNT', '7', 'JUSTID'],
        ['XDEL', 's', '4-0'],
        ['XCLAIM', 's', 'g', 'carol', '0', '4-0'],
        ['XPENDING', 's', 'g'],
        ['XCLAIM', 's', 'g', 'carol', '0', '1-0', 'FORCE'],
        ['XACK', 's', 'g', '1-0'],
        ['XCLAIM', 's', 'g', 'carol', '0', '1-0'],
        ['XCLAIM', 's', 'g', 'carol', '0', '1-0', 'FORCE', 'LASTID', '10-0'],
        ['XINFO', 'GROUPS', 's'],
        ['XCLAIM', 's', 'g', 'carol', 'x', '1-0'],
        ['XCLAIM', 's', 'g', 'carol', '0', '1-0', 'FOO'],
        ['XCLAIM', 's', 'g', 'carol', '0', 'bad'],
        ['XCLAIM', 's', 'g', 'carol', '0', '1-0', 'IDLE', 'x'],
        ['XCLAIM', 's', 'g', 'carol', '0', '1-0', 'TIME', 'x'],
        ['XCLAIM', 's', 'g', 'carol', '0', '1-0', 'RETRYCOUNT', 'x'],
        ['XCLAIM', 's', 'g', 'carol', '0', '1-0', 'LASTID', 'x'],
        ['XCLAIM', 's', 'g', 'carol', '0', '1-0', 'IDLE'],
        ['XCLAIM', 's', 'nog', 'carol', '0', '1-0'],
        ['XCLAIM', 'nokey', 'g', 'carol', '0', '1-0'],
        ['XCLAIM', 's', 'g', 'dave', '0', '2-0', 'TIME', '1', 'RETRYCOUNT', '3', 'JUSTID'],
        ['XAUTOCLAIM', 's', 'g', 'eve', '0', '0'],
        ['XAUTOCLAIM', 's', 'g', 'eve', '0', '0', 'COUNT', '1'],
        ['XAUTOCLAIM', 's', 'g', 'eve', '0', '(1-0', 'COUNT', '1', 'JUSTID'],
        ['XADD', 's', '5-0', 'e', '5'],
        ['XADD', 's', '6-0', 'f', '6'],
        ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '>'],
        ['XDEL', 's', '5-0'],
        ['XAUTOCLAIM', 's', 'g', 'eve', '0', '0', 'COUNT', '2'],
        ['XAUTOCLAIM', 's', 'g', 'eve', '1000000', '0'],
        ['XAUTOCLAIM', 's', 'g', 'eve', 'x', '0'],
        ['XAUTOCLAIM', 's', 'g', 'eve', '0', 'x'],
        ['XAUTOCLAIM', 's', 'g', 'eve', '0', '0', 'COUNT', '0'],
        ['XAUTOCLAIM', 's', 'g', 'eve', '0', '0', 'COUNT', 'x'],
        ['XAUTOCLAIM', 's', 'g', 'eve', '0', '0', 'COUNT', '576460752303423488'],
        ['XAUTOCLAIM', 's', 'g', 'eve', '0', '0', 'FOO'],
        ['XAUTOCLAIM', 's', 'nog', 'eve', '0', '0'],
        ['XAUTOCLAIM', 'nokey', 'g', 'eve', '0', '0'],
        ['XAUTOCLAIM', 's', 'g', 'eve', '0', '(18446744073709551615-18446744073709551615'],
        ['XPENDING', 's', 'g'],
      ]);
      await masked(['XINFO', 'CONSUMERS', 's', 'g']);
      await masked(['XPENDING', 's', 'g', '-', '+', '10']);
    });

    it('XSETID', () =>
      d.run([
        ['XSETID', 'nokey', '1-0'],
        ['XADD', 's', '5-0', 'a', '1'],
        ['XSETID', 's', '4-0'],
        ['XSETID', 's', '5-0'],
        ['XSETID', 's', '10-0', 'ENTRIESADDED', '0'],
        ['XSETID', 's', '10-0', 'ENTRIESADDED', '-1'],
        ['XSETID', 's', '10-0', 'ENTRIESADDED', 'x'],
        ['XSETID', 's', '10-0', 'MAXDELETEDID', '11-0'],
        ['XSETID', 's', '10-0', 'MAXDELETEDID', 'x'],
        ['XSETID', 's', '10-0', 'FOO', '1'],
        ['XSETID', 's', '+'],
        ['XSETID', 's', '10-0', 'ENTRIESADDED', '9223372036854775807', 'MAXDELETEDID', '3-0'],
        ['XINFO', 'STREAM', 's'],
        ['XADD', 's', '10-*', 'b', '2'],
        ['XSETID', 's', '18446744073709551615-18446744073709551615'],
        ['XADD', 's', '*', 'c', '3'],
        ['SET', 'str', 'x'],
        ['XSETID', 'str', '1-0'],
        ['XDEL', 's', '5-0', '10-1'],
        ['XSETID', 's', '0-1'],
        ['XINFO', 'STREAM', 's'],
      ]));
  });

  describe('options read as C strings, and which problem is reported first', () => {
    it('XRANGE, XREVRANGE, XADD, XTRIM', () =>
      d.run([
        ['XADD', 's', '1-0', 'a', '1'],
        ['XADD', 's', '2-0', 'b', '2'],
        ['XRANGE', 's', '-', '+', 'COUNT\x00x', '1'],
        ['XREVRANGE', 's', '+', '-', 'count\x00', '1'],
        ['XRANGE', 's', '-', '+', 'C\x00OUNT', '1'],
        ['XRANGE', 's', '-', '+', 'COUNT', 'x', 'FOO'],
        ['XRANGE', 's', '-', '+', 'FOO', 'COUNT', 'x'],
        ['XADD', 's', 'NOMKSTREAM\x00j', 'MAXLEN\x00', '~\x00z', '5', '3-0', 'c', '3'],
        ['XADD', 's', 'MAXLEN', '=\x00', '2', '4-0', 'd', '4'],
        ['XLEN', 's'],
        ['XADD', 's', 'MAXLEN', 'x', 'MINID', '1', '*', 'e', '5'],
        ['XADD', 's', 'MAXLEN', '1', 'MINID', 'x', '*', 'e', '5'],
        ['XADD', 's', 'LIMIT', '-1', 'MAXLEN', '1', 'MINID', '1', '*', 'e', '5'],
        ['XADD', 's', 'LIMIT', '5', 'bad-id', 'e', '5'],
        ['XADD', 's', 'MAXLEN', '1', 'LIMIT', '5', '*', 'e', '5'],
        ['XTRIM', 's', 'MINID\x00x', '~', '0', 'LIMIT\x00', '10'],
        ['XTRIM', 's', 'MAXLEN', '~\x00', '1', 'NOMKSTREAM'],
        ['XTRIM', 's', 'LIMIT', 'x', 'MAXLEN', '1', 'MINID', '0'],
        ['XTRIM', 's', 'LIMIT', '1'],
        ['XTRIM', 's', 'MAXLEN\x00', '1'],
        ['XRANGE', 's', '-', '+'],
      ]));

    it('XADD reads "*\\0junk" as * (a new ID from the clock, so only its shape is compared)', async () => {
      const autoId = /^\$\d+\r\n\d+-0\r\n$/;
      const { real, ours } = await d.both(['XADD', 's', 'MAXLEN', '=\x00', '2', '*\x00junk', 'a', '1']);
      expect(real).toMatch(autoId);
      expect(ours).toMatch(autoId);
      await d.run([
        ['XLEN', 's'],
        ['XADD', 's', '*\x00', '*', 'b', '2'],
      ]);
    });

    it('XREAD and XREADGROUP', () =>
      d.run([
        ['XADD', 's', '1-0', 'a', '1'],
        ['XADD', 's', '2-0', 'b', '2'],
        ['XREAD', 'COUNT\x00x', '1', 'STREAMS\x00', 's', '0'],
        ['XREAD', 'BLOCK\x00', '10', 'streams', 's', '1-0'],
        ['XREAD', 'streams', 's', '$\x00junk'],
        ['XREAD', 'COUNT', 'x', 'GROUP', 'g', 'c', 'STREAMS', 's', '0'],
        ['XREAD', 'GROUP', 'g', 'c', 'COUNT', 'x', 'STREAMS', 's', '0'],
        ['XREAD', 'BLOCK', '-1', 'NOACK', 'STREAMS', 's', '0'],
        ['XREAD', 'STREAMS', 's'],
        ['XREAD', 'COUNT', '1', 's', '0'],
        // No `XGROUP CREATE\0x`: Redis finds a subcommand in a dict hashed over all the bytes but
        // compared as C strings, so whether junk after a NUL still finds CREATE depends on the
        // server's random hash seed (one run in eight or so says OK).
        ['XGROUP', 'CREATE', 's', 'g', '$\x00', 'MKSTREAM\x00'],
        ['XGROUP', 'SETID', 's', 'g', '0', 'ENTRIESREAD\x00', '0'],
        ['XREADGROUP', 'GROUP\x00', 'g', 'c', 'NOACK\x00', 'COUNT', '1', 'STREAMS', 's', '>\x00'],
        ['XREADGROUP', 'NOACK', 'STREAMS', 's', '>'],
        ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '$'],
      ]));

    it('XCLAIM, XAUTOCLAIM, XPENDING IDLE, XSETID, XINFO STREAM FULL COUNT', async () => {
      await d.run([
        ['XADD', 's', '1-0', 'a', '1'],
        ['XADD', 's', '2-0', 'b', '2'],
        ['XGROUP', 'CREATE', 's', 'g', '0'],
        ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '>'],
        ['XCLAIM', 's', 'g', 'bob', '0', '1-0', 'JUSTID\x00x', 'RETRYCOUNT\x00', '3'],
        ['XCLAIM', 's', 'g', 'bob', '0', '1-0', 'IDLE', 'x', 'FOO'],
        ['XCLAIM', 's', 'g', 'bob', '0', '1-0', 'FOO\x00bar', 'IDLE', 'x'],
        ['XCLAIM', 's', 'g', 'bob', '0', '1-0', 'LASTID', 'bad', 'TIME', 'x'],
        ['XCLAIM', 's', 'g', 'bob', '0', '1-0', 'force\x00', 'lastid\x00', '5-0', 'justid'],
        ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'COUNT\x00', '1', 'JUSTID\x00z'],
        ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'COUNT', '0', 'FOO'],
        ['XAUTOCLAIM', 's', 'g', 'carol', '0', '0', 'FOO', 'COUNT', '0'],
        ['XPENDING', 's', 'g', 'IDLE', 'x', '-', '+', '10'],
        ['XPENDING', 's', 'g', 'IDLE', '0', '-', '+', 'x'],
        ['XSETID', 's', '9-0', 'ENTRIESADDED\x00', '9', 'MAXDELETEDID\x00q', '1-0'],
        ['XSETID', 's', '9-0', 'ENTRIESADDED', 'x', 'MAXDELETEDID', '10-0'],
        ['XSETID', 's', '9-0', 'MAXDELETEDID', '10-0', 'ENTRIESADDED', 'x'],
        ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', 'x'],
        ['XINFO', 'STREAM', 's', 'FULL\x00', 'C\x00OUNT', '1'],
        ['XINFO', 'STREAM', 's', 'FUL', 'COUNT', '1'],
      ]);
      await masked(['XPENDING', 's', 'g', 'IDLE\x00x', '0', '-', '+', '10', 'carol']);
      await masked(['XINFO', 'STREAM', 's', 'FULL\x00y', 'count\x00', '1']);
    });
  });

  describe('keyspace events and generic commands', () => {
    it('notifications', async () => {
      const [sub, cmd] = await d.clients(2);
      await cmd.run([['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']]);
      await sub.run([['PSUBSCRIBE', '__keyspace@0__:*']]);
      const steps: string[][] = [
        ['XADD', 's', 'MAXLEN', '1', '1-0', 'a', '1'],
        ['XADD', 's', 'MAXLEN', '1', '2-0', 'a', '1'],
        ['XDEL', 's', '2-0'],
        ['XADD', 's', '3-0', 'a', '1'],
        ['XTRIM', 's', 'MAXLEN', '0'],
        ['XGROUP', 'CREATE', 't', 'g', '$', 'MKSTREAM'],
        ['XGROUP', 'CREATECONSUMER', 't', 'g', 'c'],
        ['XGROUP', 'SETID', 't', 'g', '0'],
        ['XADD', 't', '1-0', 'a', '1'],
        ['XREADGROUP', 'GROUP', 'g', 'c2', 'STREAMS', 't', '>'],
        ['XCLAIM', 't', 'g', 'c3', '0', '1-0'],
        ['XGROUP', 'DELCONSUMER', 't', 'g', 'c'],
        ['XSETID', 't', '5-0'],
        ['XGROUP', 'DESTROY', 't', 'g'],
        ['PING'],
      ];
      for (const s of steps) await cmd.run([s]);
      await sub.run([['PUNSUBSCRIBE']]);
      await cmd.run([['CONFIG', 'SET', 'notify-keyspace-events', '']]);
    });

    it('COPY, RENAME, DEL, DUMP-less generic commands', () =>
      d.run([
        ['XADD', 's', '1-0', 'a', '1'],
        ['XGROUP', 'CREATE', 's', 'g', '0'],
        ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'],
        ['COPY', 's', 'copy'],
        ['XINFO', 'GROUPS', 'copy'],
        ['XPENDING', 'copy', 'g'],
        ['XADD', 'copy', '2-0', 'b', '2'],
        ['XLEN', 's'],
        ['RENAME', 'copy', 'moved'],
        ['TYPE', 'moved'],
        ['DEL', 'moved'],
        ['SCAN', '0', 'TYPE', 'stream'],
      ]));
  });

  it('random XADD / XDEL / XTRIM / XRANGE sequences', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('add'), ms: fc.integer({ min: 0, max: 40 }), n: fc.integer({ min: 1, max: 3 }) }),
            fc.record({ op: fc.constant('del'), ms: fc.integer({ min: 0, max: 40 }), n: fc.integer({ min: 0, max: 2 }) }),
            fc.record({ op: fc.constant('trim'), ms: fc.integer({ min: 0, max: 40 }), n: fc.integer({ min: 0, max: 3 }) }),
            fc.record({ op: fc.constant('range'), ms: fc.integer({ min: 0, max: 40 }), n: fc.integer({ min: 0, max: 5 }) }),
          ),
          { maxLength: 30 },
        ),
        async (ops) => {
          await d.both(['DEL', 's']);
          await d.both(['CONFIG', 'SET', 'stream-node-max-entries', '4']);
          const steps: string[][] = [];
          for (const o of ops) {
            if (o.op === 'add') {
              const fields = o.n === 1 ? ['f', 'x'] : o.n === 2 ? ['f', 'y', 'g', '12'] : ['h', String(o.ms)];
              steps.push(['XADD', 's', `${o.ms}-*`, ...fields]);
            } else if (o.op === 'del') steps.push(['XDEL', 's', `${o.ms}-${o.n}`]);
            else if (o.op === 'trim') {
              const how =
                o.n === 0
                  ? ['MAXLEN', '~', String(o.ms % 10)]
                  : o.n === 1
                    ? ['MAXLEN', String(o.ms % 10)]
                    : o.n === 2
                      ? ['MINID', '~', String(o.ms)]
                      : ['MINID', String(o.ms)];
              steps.push(['XTRIM', 's', ...how]);
            } else steps.push(['XREVRANGE', 's', '+', String(o.ms), 'COUNT', String(o.n)]);
          }
          steps.push(['XRANGE', 's', '-', '+'], ['XINFO', 'STREAM', 's']);
          await d.run(steps);
          await d.both(['CONFIG', 'SET', 'stream-node-max-entries', '100']);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('streams: blocking XREAD and XREADGROUP', () => {
  const { d, blocked, start, finish } = useBlockingDiff();

  it('XREAD BLOCK 0 with $ is served by XADD; other streams wait', async () => {
    const [a, b] = await d.clients(2);
    await b.run([['XADD', 's', '1-0', 'f', 'old']]);
    const x = start(a, ['XREAD', 'BLOCK', '0', 'STREAMS', 'other', 's', '$', '$']);
    await blocked(1);
    await b.run([
      ['XADD', 'zzz', '1-0', 'f', 'v'],
      ['XADD', 's', '2-0', 'f', 'new', 'g', 'x'],
    ]);
    await finish(x);
    await blocked(0);
  });

  it('XREAD BLOCK on a missing key; COUNT; timeout; RESP3', async () => {
    const [a, b] = await d.clients(2);
    const x = start(a, ['XREAD', 'COUNT', '1', 'BLOCK', '0', 'STREAMS', 'n', '0']);
    await blocked(1);
    await b.run([['MULTI'], ['XADD', 'n', '1-0', 'f', '1'], ['XADD', 'n', '2-0', 'f', '2'], ['EXEC']]);
    await finish(x);
    await finish(start(a, ['XREAD', 'BLOCK', '50', 'STREAMS', 'n', '$']));
    await a.both(['HELLO', '3']);
    const y = start(a, ['XREAD', 'BLOCK', '0', 'STREAMS', 'n', '2-0']);
    await blocked(1);
    await b.run([['XADD', 'n', '3-0', 'f', '3']]);
    await finish(y);
    await finish(start(a, ['XREAD', 'BLOCK', '30', 'STREAMS', 'n', '$']));
  });

  it('XREADGROUP BLOCK served by XADD, two consumers in order', async () => {
    const [a, b, c] = await d.clients(3);
    await c.run([['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']]);
    const x = start(a, ['XREADGROUP', 'GROUP', 'g', 'alice', 'BLOCK', '0', 'STREAMS', 's', '>']);
    await blocked(1);
    const y = start(b, ['XREADGROUP', 'GROUP', 'g', 'bob', 'BLOCK', '0', 'STREAMS', 's', '>']);
    await blocked(2);
    await c.run([['XADD', 's', '1-0', 'f', '1']]);
    await finish(x);
    await blocked(1);
    await c.run([['XADD', 's', '2-0', 'f', '2']]);
    await finish(y);
    await c.run([
      ['XPENDING', 's', 'g'],
      ['XINFO', 'GROUPS', 's'],
    ]);
  });

  it('blocked XREADGROUP: group destroyed, key deleted, key overwritten', async () => {
    const [a, b] = await d.clients(2);
    await b.run([['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']]);
    const x = start(a, ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']);
    await blocked(1);
    await b.run([['XGROUP', 'DESTROY', 's', 'g']]);
    await finish(x);
    await b.run([['XGROUP', 'CREATE', 's', 'g', '$']]);
    const y = start(a, ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']);
    await blocked(1);
    await b.run([['DEL', 's']]);
    await finish(y);
    await b.run([['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']]);
    const z = start(a, ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']);
    await blocked(1);
    await b.run([['SET', 's', 'string']]);
    await finish(z);
    const w = start(a, ['XREAD', 'BLOCK', '0', 'STREAMS', 's2', '$']);
    await blocked(1);
    await b.run([
      ['SET', 's2', 'x'],
      ['DEL', 's2'],
      ['XADD', 's2', '5-0', 'f', 'v'],
    ]);
    await finish(w);
  });

  it('blocked XREADGROUP: FLUSHDB, FLUSHALL and SWAPDB take its stream away', async () => {
    const [a, b] = await d.clients(2);
    for (const wipe of [['FLUSHDB'], ['FLUSHALL'], ['SWAPDB', '0', '1']]) {
      await b.run([['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']]);
      const x = start(a, ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']);
      await blocked(1);
      await b.run([wipe]);
      await finish(x);
    }
    // Swapped with a database that has a stream of the same name: no error, the client keeps
    // waiting, and the other stream's group serves it.
    await b.run([['FLUSHALL'], ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], ['SELECT', '1'], ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']]);
    const y = start(a, ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']);
    await blocked(1);
    await b.run([['SWAPDB', '0', '1']]);
    await blocked(1);
    await b.run([['XADD', 's', '1-0', 'f', 'v']]);
    await blocked(1);
    await b.run([
      ['SELECT', '0'],
      ['XADD', 's', '2-0', 'f', 'v'],
    ]);
    await finish(y);
  });

  it('XREADGROUP BLOCK with NOACK and a timeout', async () => {
    const [a, b] = await d.clients(2);
    await b.run([['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']]);
    await finish(start(a, ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '40', 'STREAMS', 's', '>']));
    const x = start(a, ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'NOACK', 'STREAMS', 's', '>']);
    await blocked(1);
    await b.run([['XADD', 's', '1-0', 'f', '1']]);
    await finish(x);
    await b.run([
      ['XPENDING', 's', 'g'],
      ['XINFO', 'GROUPS', 's'],
    ]);
  });
});
