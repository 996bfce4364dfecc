import { describe, expect, it } from 'vitest';
import { array, bool, bulk, bulks, double, error, int, map, NIL, NIL_ARRAY, push, set, simple, verbatim, type Reply } from '../shared/reply.js';
import { formatPush, formatReply, formatReplyChunks, formatReplyUnquoted, isRawOutputCommand, quoteRepr } from './format-reply.js';

const tty3 = (r: Reply) => formatReply(r, 'tty', 3);
const raw3 = (r: Reply) => formatReply(r, 'raw', 3);

describe('quoteRepr (sdscatrepr)', () => {
  it('escapes quotes, backslashes, control and non-ASCII bytes', () => {
    expect(quoteRepr('')).toBe('""');
    expect(quoteRepr('hello world')).toBe('"hello world"');
    expect(quoteRepr('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteRepr('\n\r\t\x07\b')).toBe('"\\n\\r\\t\\a\\b"');
    expect(quoteRepr('\x00\x01\x1f\x7f\x80\xff')).toBe('"\\x00\\x01\\x1f\\x7f\\x80\\xff"');
    expect(quoteRepr('\xec\x95\x88')).toBe('"\\xec\\x95\\x88"');
    expect(quoteRepr('\v\f')).toBe('"\\x0b\\x0c"');
    expect(quoteRepr(' ~')).toBe('" ~"');
  });
});

describe('formatReply tty', () => {
  it('prints scalars', () => {
    expect(tty3(simple('OK'))).toBe('OK\n');
    expect(tty3(error('ERR boom'))).toBe('(error) ERR boom\n');
    expect(tty3(int(-9223372036854775808n))).toBe('(integer) -9223372036854775808\n');
    expect(tty3(int(42))).toBe('(integer) 42\n');
    expect(tty3(bulk('a b'))).toBe('"a b"\n');
    expect(tty3(NIL)).toBe('(nil)\n');
    expect(tty3(NIL_ARRAY)).toBe('(nil)\n');
    expect(tty3(double(1.5, '1.5'))).toBe('(double) 1.5\n');
    expect(tty3(double(Infinity, 'inf'))).toBe('(double) inf\n');
    expect(tty3(bool(true))).toBe('(true)\n');
    expect(tty3(bool(false))).toBe('(false)\n');
  });

  it('prints a verbatim string as it is', () => {
    // DEBUG PROTOCOL verbatim on real redis-cli 7.0.15 (RESP3)
    expect(tty3(verbatim('This is a verbatim\nstring'))).toBe('This is a verbatim\nstring\n');
  });

  it('cuts error and status text at a NUL, as printf %s does', () => {
    expect(tty3(error("ERR unknown command 'a\x00b'"))).toBe("(error) ERR unknown command 'a\n");
    expect(tty3(simple('a\x00b'))).toBe('a\n');
  });

  it('names empty aggregates by type', () => {
    expect(tty3(array([]))).toBe('(empty array)\n');
    expect(tty3(map([]))).toBe('(empty hash)\n');
    expect(tty3(set([]))).toBe('(empty set)\n');
    expect(tty3(push([]))).toBe('(empty push)\n');
  });

  it('numbers arrays, sets and maps with their separators', () => {
    expect(tty3(bulks(['a', null, 'c']))).toBe('1) "a"\n2) (nil)\n3) "c"\n');
    expect(tty3(set([int(0), int(1)]))).toBe('1~ (integer) 0\n2~ (integer) 1\n');
    // DEBUG PROTOCOL map on real redis-cli 7.0.15
    expect(
      tty3(
        map([
          [int(0), bool(false)],
          [int(1), bool(true)],
          [int(2), bool(false)],
        ]),
      ),
    ).toBe('1# (integer) 0 => (false)\n2# (integer) 1 => (true)\n3# (integer) 2 => (false)\n');
  });

  it('right-aligns indexes to the widest and indents nested levels by its width + 2', () => {
    const ten = bulks(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const out = tty3(ten).split('\n');
    expect(out[0]).toBe(' 1) "0"');
    expect(out[9]).toBe('10) "9"');
    expect(tty3(array([bulk('x'), array([bulk('a'), array([int(1), int(2)])])]))).toBe('1) "x"\n2) 1) "a"\n   2) 1) (integer) 1\n      2) (integer) 2\n');
    const nestedInTen = array([...Array.from({ length: 9 }, () => int(0)), bulks(['a', 'b'])]);
    expect(tty3(nestedInTen).split('\n').slice(-3)).toEqual(['10) 1) "a"', '    2) "b"', '']);
    const hundred = array(Array.from({ length: 100 }, (_, i) => int(i)));
    expect(tty3(hundred).split('\n')[0]).toBe('  1) (integer) 0');
  });

  it('puts a multi-line map value on its own lines (after "=> ", trailing blank included)', () => {
    const r = map([
      [bulk('flags'), set([simple('off')])],
      [bulk('list'), array([int(1), int(2)])],
      [bulk('nested'), map([[bulk('a'), int(1)]])],
      [
        bulk('deep'),
        map([
          [bulk('a'), int(1)],
          [bulk('b'), int(2)],
        ]),
      ],
    ]);
    expect(tty3(r)).toBe(
      '1# "flags" => 1~ off\n' +
        '2# "list" => \n   1) (integer) 1\n   2) (integer) 2\n' +
        '3# "nested" => 1# "a" => (integer) 1\n' +
        '4# "deep" => \n   1# "a" => (integer) 1\n   2# "b" => (integer) 2\n',
    );
  });

  it('folds RESP3 types for a RESP2 connection', () => {
    const r = map([
      [bulk('a'), double(1.5, '1.5')],
      [bulk('b'), bool(true)],
      [bulk('c'), verbatim('v')],
    ]);
    expect(formatReply(r, 'tty', 2)).toBe('1) "a"\n2) "1.5"\n3) "b"\n4) (integer) 1\n5) "c"\n6) "v"\n');
    expect(formatReply(set([]), 'tty', 2)).toBe('(empty array)\n');
    expect(formatReply(map([]), 'tty', 2)).toBe('(empty array)\n');
    expect(formatReply(bool(false), 'tty', 2)).toBe('(integer) 0\n');
  });
});

describe('formatReply raw', () => {
  it('prints values bare, one per line, nil as an empty line', () => {
    expect(raw3(simple('OK'))).toBe('OK\n');
    expect(raw3(bulk('a b'))).toBe('a b\n');
    expect(raw3(bulk('\xec\x95\x88'))).toBe('\xec\x95\x88\n');
    expect(raw3(NIL)).toBe('\n');
    expect(raw3(int(-3))).toBe('-3\n');
    expect(raw3(double(2, '2'))).toBe('2\n');
    expect(raw3(bool(true))).toBe('(true)\n');
    expect(raw3(array([]))).toBe('\n');
    expect(raw3(bulks(['a', null, 'b']))).toBe('a\n\nb\n');
  });

  it('follows an error with an empty line (its own newline, then the delimiter)', () => {
    expect(raw3(error('ERR x'))).toBe('ERR x\n\n');
  });

  it('flattens nested arrays and prints map pairs as "key value"', () => {
    expect(raw3(array([bulk('a'), array([bulk('b'), bulk('c')])]))).toBe('a\nb\nc\n');
    expect(
      raw3(
        map([
          [bulk('k'), bulk('v')],
          [bulk('m'), array([])],
        ]),
      ),
    ).toBe('k v\nm \n');
    expect(formatReply(map([[bulk('k'), bulk('v')]]), 'raw', 2)).toBe('k\nv\n');
  });
});

describe('what redis-cli prints unquoted', () => {
  it('lists the commands of cliSendCommand', () => {
    expect(isRawOutputCommand(['INFO'])).toBe(true);
    expect(isRawOutputCommand(['info', 'keyspace'])).toBe(true);
    expect(isRawOutputCommand(['client', 'LIST'])).toBe(true);
    expect(isRawOutputCommand(['CLIENT', 'INFO'])).toBe(true);
    expect(isRawOutputCommand(['MEMORY', 'DOCTOR'])).toBe(true);
    expect(isRawOutputCommand(['LATENCY', 'DOCTOR'])).toBe(true);
    expect(isRawOutputCommand(['LATENCY', 'DOCTOR', 'x'])).toBe(false);
    expect(isRawOutputCommand(['LATENCY', 'GRAPH', 'command'])).toBe(true);
    expect(isRawOutputCommand(['CLUSTER', 'NODES'])).toBe(true);
    expect(isRawOutputCommand(['CLUSTER', 'NODES', 'x'])).toBe(false);
    expect(isRawOutputCommand(['DEBUG', 'HTSTATS', '0'])).toBe(true);
    expect(isRawOutputCommand(['LOLWUT'])).toBe(true);
    expect(isRawOutputCommand(['CLIENT'])).toBe(false);
    expect(isRawOutputCommand(['GET', 'k'])).toBe(false);
  });

  it('prints them with the raw formatter and no final delimiter', () => {
    expect(formatReplyUnquoted(verbatim('# Keyspace\r\n'), 3)).toBe('# Keyspace\r\n');
    expect(formatReplyUnquoted(bulk('id=3 addr=x\n'), 2)).toBe('id=3 addr=x\n');
    expect(formatReplyUnquoted(error('ERR syntax error'), 2)).toBe('ERR syntax error\n');
  });
});

describe('pushes', () => {
  const inv = (keys: Reply) => push([bulk('invalidate'), keys]);

  it('shows invalidations in their short form on a terminal', () => {
    expect(formatPush(inv(bulks(['a', 'b'])), 'tty')).toBe("-> invalidate: 'a', 'b'\n");
    expect(formatPush(inv(bulks(['\xec\x95\x88'])), 'tty')).toBe("-> invalidate: '\xec\x95\x88'\n");
    expect(formatPush(inv(bulks([])), 'tty')).toBe('-> invalidate: \n');
  });

  it('shows other pushes like replies', () => {
    // a flush invalidates everything: the key list is null, not the short form
    expect(formatPush(inv(NIL), 'tty')).toBe('1) "invalidate"\n2) (nil)\n');
    expect(formatPush(inv(bulks(['a'])), 'raw')).toBe('invalidate\na\n');
    // DEBUG PROTOCOL push on real redis-cli 7.0.15
    expect(formatPush(push([bulk('server-cpu-usage'), int(42)]), 'tty')).toBe('1) "server-cpu-usage"\n2) (integer) 42\n');
  });
});

describe('formatReplyChunks', () => {
  it('gives a big reply in pieces of at most 64 KB that join into what formatReply prints', () => {
    let bin = '';
    for (let i = 0; i < 100_000; i++) bin += String.fromCharCode((i * 7) & 0xff);
    const replies: Reply[] = [bulk(bin), array([bulk(bin), int(1), map([[bulk('k'), array([bulk(bin), NIL])]])]), verbatim(bin)];
    for (const r of replies) {
      for (const mode of ['tty', 'raw'] as const) {
        const pieces = [...formatReplyChunks(r, mode, 3)];
        expect(pieces.length).toBeGreaterThan(4);
        expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(64 * 1024);
        expect(pieces.join('')).toBe(formatReply(r, mode, 3));
      }
    }
    expect([...formatReplyChunks(bulk(bin), 'tty')].join('')).toBe(quoteRepr(bin) + '\n');
  });
});
