import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestError, RequestParser, splitArgs, type RequestParserOptions } from './request-parser.js';

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

/** Feeds the chunks one by one and collects everything `next` yields. */
function parse(chunks: string[], options?: RequestParserOptions): (string[] | string)[] {
  const p = new RequestParser(options);
  const out: (string[] | string)[] = [];
  for (const chunk of chunks) {
    p.push(bytes(chunk));
    for (let r = p.next(); r !== null; r = p.next()) {
      out.push(r instanceof RequestError ? (r.fatal ? 'FATAL ' : 'ERROR ') + r.message : r);
    }
  }
  return out;
}

function multibulk(argv: readonly string[]): string {
  let s = '*' + argv.length + '\r\n';
  for (const a of argv) s += '$' + a.length + '\r\n' + a + '\r\n';
  return s;
}

function split(line: string): string[] | null {
  return splitArgs(bytes(line), 0, line.length);
}

describe('multibulk requests', () => {
  it('parses one command and a pipeline in one chunk', () => {
    expect(parse([multibulk(['SET', 'k', 'v'])])).toEqual([['SET', 'k', 'v']]);
    const many = Array.from({ length: 1000 }, (_, i) => ['SET', `key:${i}`, 'x'.repeat(i % 50)]);
    expect(parse([many.map(multibulk).join('')])).toEqual(many);
  });

  it('keeps binary bytes, empty arguments and CRLF inside bulks', () => {
    const argv = ['SET', '', '\x00\xff\r\n\xec\x95\x88', 'a'.repeat(100)];
    expect(parse([multibulk(argv)])).toEqual([argv]);
  });

  it('reassembles a command split at every byte', () => {
    const raw = multibulk(['SET', 'key', 'value with spaces']) + multibulk(['GET', 'key']);
    expect(parse(raw.split(''))).toEqual([
      ['SET', 'key', 'value with spaces'],
      ['GET', 'key'],
    ]);
  });

  it('reassembles any split of any pipeline (property)', () => {
    const arg = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    fc.assert(
      fc.property(
        fc.array(fc.array(arg, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 40 }),
        (commands, cuts) => {
          const raw = commands.map(multibulk).join('');
          const chunks: string[] = [];
          let at = 0;
          for (let i = 0; at < raw.length; i++) {
            const n = cuts[i % cuts.length]!;
            chunks.push(raw.slice(at, at + n));
            at += n;
          }
          expect(parse(chunks)).toEqual(commands);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a big bulk arriving in many chunks into one argument', () => {
    const big = 'abcdefghij'.repeat(300_000); // 3 MB
    const raw = multibulk(['SET', 'k', big]) + multibulk(['GET', 'k']);
    const chunks: string[] = [];
    for (let i = 0; i < raw.length; i += 65536) chunks.push(raw.slice(i, i + 65536));
    const got = parse(chunks);
    expect(got).toHaveLength(2);
    expect((got[0] as string[])[2]!.length).toBe(big.length);
    expect((got[0] as string[])[2] === big).toBe(true);
    expect(got[1]).toEqual(['GET', 'k']);
  });

  it('keeps little data buffered between chunks', () => {
    const p = new RequestParser();
    p.push(bytes(multibulk(['SET', 'k', 'v']).repeat(100) + '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nab'));
    let n = 0;
    while (p.next() !== null) n++;
    expect(n).toBe(100);
    expect(p.buffered).toBe(2);
    p.push(bytes('cde\r\n'));
    expect(p.next()).toEqual(['SET', 'k', 'abcde']);
    expect(p.buffered).toBe(0);
  });

  it('ignores *0 and negative counts', () => {
    expect(parse(['*0\r\n*-1\r\n*-9223372036854775808\r\n' + multibulk(['GET', 'a'])])).toEqual([['GET', 'a']]);
  });

  it('skips the two bytes after a count line and after a bulk without checking them', () => {
    expect(parse(['*1\rX$4\r\nPINGxy*1\r\n$3\r\nGET\r\n'])).toEqual([['PING'], ['GET']]);
  });

  it('waits while a count line is hidden behind a NUL byte', () => {
    expect(parse(['*1\x00\r\n$4\r\nPING\r\n'])).toEqual([]);
  });

  it('waits for the byte after the final CR of a count line', () => {
    const p = new RequestParser();
    p.push(bytes('*1\r'));
    expect(p.next()).toBeNull();
    p.push(bytes('\n$3\r'));
    expect(p.next()).toBeNull();
    p.push(bytes('\nGET\r'));
    expect(p.next()).toBeNull();
    p.push(bytes('\n'));
    expect(p.next()).toEqual(['GET']);
  });
});

/** Cuts `raw` into chunks of the given sizes, cycling through them. */
function cut(raw: string, sizes: readonly number[]): string[] {
  const chunks: string[] = [];
  for (let at = 0, i = 0; at < raw.length; i++) {
    const n = sizes[i % sizes.length]!;
    chunks.push(raw.slice(at, at + n));
    at += n;
  }
  return chunks;
}

describe('big bulks (32 KB and more)', () => {
  it('gives the same argv for any split of a pipeline with big arguments (property)', () => {
    const big = fc
      .tuple(fc.integer({ min: 32 * 1024 - 2, max: 200 * 1024 }), fc.integer({ min: 0, max: 255 }))
      .map(([n, c]) => String.fromCharCode(c).repeat(n - 3) + 'end');
    const small = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 20 });
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(small, big), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 100 * 1024 }), { minLength: 1, maxLength: 20 }),
        (commands, sizes) => {
          expect(parse(cut(commands.map(multibulk).join(''), sizes))).toEqual(commands);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps a big bulk as it arrives, a string a chunk, without keeping it pending', () => {
    const p = new RequestParser();
    const value = 'v'.repeat(1024 * 1024);
    const chunks = cut(multibulk(['SET', 'k', value]) + multibulk(['GET', 'k']), [65536]);
    let received = 0;
    for (const chunk of chunks.slice(0, -1)) {
      p.push(bytes(chunk));
      received += chunk.length;
      expect(p.next()).toBeNull();
      // Only the bulk's bytes are held, as strings: nothing pending to copy again.
      expect(p.buffered).toBe(0);
      expect(p.queryBufferHead(3).toString('latin1')).toBe('vvv');
      expect(p.queryBufferLength).toBe(received - '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1048576\r\n'.length);
    }
    p.push(bytes(chunks.at(-1)!));
    expect(p.next()).toEqual(['SET', 'k', value]);
    expect(p.next()).toEqual(['GET', 'k']);
    expect(p.queryBufferLength).toBe(0);
  });

  it('accepts a bulk of exactly proto-max-bulk-len', () => {
    const maxBulkLen = () => 1024 * 1024;
    const value = 'x'.repeat(1024 * 1024);
    expect(parse(cut(multibulk(['SET', 'k', value]), [65536]), { maxBulkLen })).toEqual([['SET', 'k', value]]);
  });

  it('reads a 512 MB bulk, longer than a JS string, and answers it with an error', () => {
    // 512 MB is Redis's limit, but V8 strings stop 24 bytes short of it: the bulk is read and
    // dropped (counted, not kept), and the command answered; the connection goes on.
    const p = new RequestParser();
    const size = 512 * 1024 * 1024;
    p.push(bytes(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${size}\r\n`));
    expect(p.next()).toBeNull();
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    for (let sent = 0; sent < size; sent += chunk.length) {
      p.push(chunk);
      expect(p.next()).toBeNull();
    }
    expect(p.queryBufferLength).toBe(size);
    p.push(bytes('\r\n' + multibulk(['GET', 'k'])));
    const r = p.next();
    expect(r).toBeInstanceOf(RequestError);
    expect((r as RequestError).message).toBe('ERR argument too long: this server keeps arguments of at most 536870888 bytes');
    expect((r as RequestError).fatal).toBe(false);
    expect(p.next()).toEqual(['GET', 'k']);
  });
});

describe('malformed input', () => {
  it('never throws out of the parser, whatever the bytes and their split (property)', () => {
    const token = fc.constantFrom('*', '$', '\r\n', '\r', '\n', '-1', '0', '3', '10', '40000', '"', "'", '\\x4', ' ', '\x00', 'SET', 'a');
    const raw = fc.array(fc.oneof(token, fc.string({ maxLength: 5 })), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(raw, fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 }), fc.boolean(), (text, sizes, auth) => {
        const p = new RequestParser({ authRequired: () => auth });
        for (const chunk of cut(text, sizes)) {
          p.push(bytes(chunk));
          for (let r = p.next(); r !== null; r = p.next()) {
            expect(Array.isArray(r) || r instanceof RequestError).toBe(true);
          }
          p.detach();
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('multibulk protocol errors', () => {
  const cases: [string, string][] = [
    ['*x\r\n', 'invalid multibulk length'],
    ['*01\r\n', 'invalid multibulk length'],
    ['*+1\r\n', 'invalid multibulk length'],
    ['*\r\n', 'invalid multibulk length'],
    ['*-\r\n', 'invalid multibulk length'],
    ['*-0\r\n', 'invalid multibulk length'],
    ['*2147483648\r\n', 'invalid multibulk length'],
    ['*-9223372036854775809\r\n', 'invalid multibulk length'],
    ['*99999999999999999999\r\n', 'invalid multibulk length'],
    ['*1\r\nx4\r\n', "expected '$', got 'x'"],
    ['*1\r\n\n4\r\n', "expected '$', got ' '"],
    ['*1\r\n\r\n', "expected '$', got ' '"],
    ['*1\r\n\xff4\r\n', "expected '$', got '\xff'"],
    ['*1\r\n$-1\r\n', 'invalid bulk length'],
    ['*1\r\n$04\r\n', 'invalid bulk length'],
    ['*1\r\n$\r\n', 'invalid bulk length'],
    ['*1\r\n$536870913\r\n', 'invalid bulk length'],
  ];
  it.each(cases)('%j → %s', (raw, message) => {
    expect(parse([raw])).toEqual(['FATAL ERR Protocol error: ' + message]);
  });

  it('accepts the largest counts and bulk lengths, then waits for the data', () => {
    expect(parse(['*2147483647\r\n'])).toEqual([]);
    expect(parse(['*1\r\n$536870912\r\n'])).toEqual([]);
  });

  it('follows proto-max-bulk-len (at least 1 MB in Redis)', () => {
    const maxBulkLen = () => 1024 * 1024;
    expect(parse(['*1\r\n$1048577\r\n'], { maxBulkLen })).toEqual(['FATAL ERR Protocol error: invalid bulk length']);
    expect(parse(['*1\r\n$1048576\r\n'], { maxBulkLen })).toEqual([]);
  });

  it('limits unauthenticated clients to 10 arguments of 16384 bytes', () => {
    const authRequired = () => true;
    expect(parse(['*11\r\n'], { authRequired })).toEqual(['FATAL ERR Protocol error: unauthenticated multibulk length']);
    expect(parse(['*1\r\n$16385\r\n'], { authRequired })).toEqual(['FATAL ERR Protocol error: unauthenticated bulk length']);
    expect(parse([multibulk(Array(10).fill('x'.repeat(16384)))], { authRequired })).toHaveLength(1);
  });

  it('answers the commands before the error, then nothing more', () => {
    expect(parse([multibulk(['GET', 'a']) + '*x\r\n' + multibulk(['GET', 'b'])])).toEqual([['GET', 'a'], 'FATAL ERR Protocol error: invalid multibulk length']);
    const p = new RequestParser();
    p.push(bytes('*x\r\n'));
    expect(p.next()).toBeInstanceOf(RequestError);
    p.push(bytes(multibulk(['GET', 'b'])));
    expect(p.next()).toBeNull();
  });

  it('fails a count line or a bulk-length line over 64 KB without CR', () => {
    expect(parse(['*' + '1'.repeat(65535)])).toEqual([]);
    expect(parse(['*' + '1'.repeat(65536)])).toEqual(['FATAL ERR Protocol error: too big mbulk count string']);
    expect(parse(['*1\r\n$' + '1'.repeat(65535)])).toEqual([]);
    expect(parse(['*1\r\n$' + '1'.repeat(65536)])).toEqual(['FATAL ERR Protocol error: too big bulk count string']);
    // A NUL hides the CR: the line counts as unterminated.
    expect(parse(['*1\x00\r\n' + 'x'.repeat(65536)])).toEqual(['FATAL ERR Protocol error: too big mbulk count string']);
  });
});

describe('inline requests', () => {
  it('splits on blanks and accepts LF or CRLF', () => {
    expect(parse(['SET  k\tv\r\nGET k\nGET\r\r\n'])).toEqual([['SET', 'k', 'v'], ['GET', 'k'], ['GET']]);
  });

  it('ignores empty and blank lines', () => {
    expect(parse(['\r\n\n   \r\n\t\nGET k\r\n'])).toEqual([['GET', 'k']]);
  });

  it('reassembles a line split at every byte', () => {
    expect(parse('SET "a b" \'c d\'\r\n'.split(''))).toEqual([['SET', 'a b', 'c d']]);
  });

  it('waits forever for a line hidden behind a NUL byte', () => {
    expect(parse(['GE\x00T k\r\nGET k\r\n'])).toEqual([]);
  });

  it('fails a line over 64 KB without newline', () => {
    expect(parse(['x'.repeat(65536)])).toEqual([]);
    expect(parse(['x'.repeat(65536), 'x'])).toEqual(['FATAL ERR Protocol error: too big inline request']);
    expect(parse(['x'.repeat(70000) + '\n'])).toEqual([['x'.repeat(70000)]]);
  });

  it('fails on unbalanced quotes, after the commands before', () => {
    expect(parse(['GET a\r\nSET "k v\r\nGET b\r\n'])).toEqual([['GET', 'a'], 'FATAL ERR Protocol error: unbalanced quotes in request']);
  });
});

describe('sdssplitargs rules', () => {
  it('handles double-quote escapes', () => {
    expect(split('"\\x41\\x4a\\xff\\x0" "\\n\\r\\t\\b\\a\\\\\\"\\q"')).toEqual(['AJ\xffx0', '\n\r\t\b\x07\\"q']);
    expect(split('"\\xZZ"')).toEqual(['xZZ']);
    expect(split('"a\\')).toBeNull();
  });

  it('handles single quotes', () => {
    expect(split("'a\\'b' 'c\\nd' ''")).toEqual(["a'b", 'c\\nd', '']);
  });

  it('joins quoted parts to the text before them', () => {
    expect(split('ab"c d"')).toEqual(['abc d']);
    expect(split("x'y z'")).toEqual(['xy z']);
    expect(split('""')).toEqual(['']);
  });

  it('needs a blank or the end after a closing quote', () => {
    expect(split('"a"b')).toBeNull();
    expect(split("'a'b")).toBeNull();
    expect(split('"a"\tb')).toEqual(['a', 'b']);
    expect(split('"a"\x0bb')).toEqual(['a', 'b']);
  });

  it('fails on unterminated quotes', () => {
    expect(split('"abc')).toBeNull();
    expect(split("'abc")).toBeNull();
  });

  it('keeps \\v and \\f inside a token but skips them between tokens', () => {
    expect(split('\x0b\x0ca\x0bb c')).toEqual(['a\x0bb', 'c']);
  });

  it('keeps non-ASCII bytes', () => {
    expect(split('SET \xec\x95\x88 "\xff"')).toEqual(['SET', '\xec\x95\x88', '\xff']);
  });
});
