import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitArgs, splitBytes, utf8Decode, utf8Encode, type ArgSpans } from './split-args.js';

describe('splitArgs (sdssplitargs)', () => {
  it('splits on blanks and skips leading/trailing/repeated ones', () => {
    expect(splitArgs('SET k v')).toEqual(['SET', 'k', 'v']);
    expect(splitArgs('  SET   k\tv  ')).toEqual(['SET', 'k', 'v']);
    expect(splitArgs('')).toEqual([]);
    expect(splitArgs('   ')).toEqual([]);
    expect(splitArgs('\v\f a')).toEqual(['a']);
  });

  it('ends an unquoted word only at space, \\t, \\n, \\r (not \\v or \\f)', () => {
    expect(splitArgs('a\vb c\fd')).toEqual(['a\vb', 'c\fd']);
    expect(splitArgs('a\nb\rc')).toEqual(['a', 'b', 'c']);
  });

  it('understands escapes inside double quotes', () => {
    expect(splitArgs('"a\\nb\\rc\\td\\be\\af"')).toEqual(['a\nb\rc\td\be\x07f']);
    expect(splitArgs('"q\\"q" "b\\\\s"')).toEqual(['q"q', 'b\\s']);
    expect(splitArgs('"\\q\\z\\\'"')).toEqual(["qz'"]);
    expect(splitArgs('"x\\x41\\x4a\\x4A\\xff\\x00y"')).toEqual(['xAJJ\xff\x00y']);
    // not two hex digits: the backslash is dropped and the x kept
    expect(splitArgs('"\\xzz\\x4"')).toEqual(['xzzx4']);
    expect(splitArgs('""')).toEqual(['']);
  });

  it("keeps everything but \\' literal inside single quotes", () => {
    expect(splitArgs("'a\\nb'")).toEqual(['a\\nb']);
    expect(splitArgs("'it\\'s'")).toEqual(["it's"]);
    expect(splitArgs('\'"x"\'')).toEqual(['"x"']);
    expect(splitArgs("''")).toEqual(['']);
  });

  it('lets a quote open inside a word', () => {
    expect(splitArgs('foo"bar baz" x')).toEqual(['foobar baz', 'x']);
    expect(splitArgs("a'b c'")).toEqual(['ab c']);
  });

  it('rejects unbalanced quotes and a closing quote followed by a non-blank', () => {
    expect(splitArgs('set "a')).toBeNull();
    expect(splitArgs("set 'a")).toBeNull();
    expect(splitArgs('set "a"b')).toBeNull();
    expect(splitArgs("set 'a'b")).toBeNull();
    expect(splitArgs('"a\\"')).toBeNull();
    expect(splitArgs('"a\\')).toBeNull();
    // a blank of any kind may follow the closing quote
    expect(splitArgs('"a"\vb')).toEqual(['a', 'b']);
    expect(splitArgs('"a"\tb')).toEqual(['a', 'b']);
  });

  it('UTF-8 encodes what was typed; \\xHH gives raw bytes', () => {
    expect(splitArgs('SET 안녕 "값"')).toEqual(['SET', '\xec\x95\x88\xeb\x85\x95', '\xea\xb0\x92']);
    expect(splitArgs('"\\xec\\x95\\x88"')).toEqual(['\xec\x95\x88']);
    expect(splitArgs('😀')).toEqual(['\xf0\x9f\x98\x80']);
  });

  it('stops at a NUL, like the C string it reads', () => {
    expect(splitBytes('a b\0c d')).toEqual(['a', 'b']);
    expect(splitBytes('"a\0"')).toBeNull();
  });
});

describe('splitBytes with argument spans (the editor marks and completes by them)', () => {
  const spans = (line: string): ArgSpans & { args: string[] | null } => {
    const where: ArgSpans = { spans: [] };
    return { ...where, args: splitBytes(line, where), spans: where.spans, invalid: where.invalid };
  };

  it('gives each argument its [start, end) in the line, quotes included, blanks not', () => {
    expect(spans('SET k  v')).toMatchObject({
      args: ['SET', 'k', 'v'],
      spans: [
        [0, 3],
        [4, 5],
        [7, 8],
      ],
    });
    expect(spans('  get "a b"\t\'c\' ')).toMatchObject({
      args: ['get', 'a b', 'c'],
      spans: [
        [2, 5],
        [6, 11],
        [12, 15],
      ],
    });
    expect(spans('x foo"bar baz" y')).toMatchObject({
      args: ['x', 'foobar baz', 'y'],
      spans: [
        [0, 1],
        [2, 14],
        [15, 16],
      ],
    });
    expect(spans('')).toMatchObject({ args: [], spans: [] });
  });

  it('keeps what was read when a line turns out invalid: the open quote and what it holds so far', () => {
    expect(spans('SET k "ab\\x41c')).toMatchObject({
      args: null,
      spans: [
        [0, 3],
        [4, 5],
        [6, 14],
      ],
      invalid: { reason: 'unclosed', at: 14, partial: 'abAc' },
    });
    expect(spans("SET 'x")).toMatchObject({
      args: null,
      spans: [
        [0, 3],
        [4, 6],
      ],
      invalid: { reason: 'unclosed', at: 6, partial: 'x' },
    });
    expect(spans('SET "a"b c')).toMatchObject({
      args: null,
      spans: [
        [0, 3],
        [4, 7],
      ],
      invalid: { reason: 'after-quote', at: 7, partial: 'a' },
    });
  });

  it('splits the same with or without spans', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '"', "'", '\\', 'x', '4', '\t') }), (line) => {
        const where: ArgSpans = { spans: [] };
        const args = splitBytes(line, where);
        expect(args).toEqual(splitBytes(line));
        if (args !== null) {
          expect(where.spans).toHaveLength(args.length);
          // Each span, split alone, gives its argument back.
          where.spans.forEach(([s, e], i) => expect(splitBytes(line.slice(s, e))).toEqual([args[i]]));
        }
      }),
    );
  });
});

describe('utf8Encode / utf8Decode', () => {
  it('encodes every length of sequence', () => {
    expect(utf8Encode('abc')).toBe('abc');
    expect(utf8Encode('é')).toBe('\xc3\xa9');
    expect(utf8Encode('안')).toBe('\xec\x95\x88');
    expect(utf8Encode('𝄞')).toBe('\xf0\x9d\x84\x9e');
    expect(utf8Encode('\ud800x')).toBe('\xef\xbf\xbdx'); // lone surrogate → U+FFFD
  });

  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(utf8Decode(utf8Encode(s))).toBe(s);
      }),
    );
  });

  it('agrees with TextEncoder/TextDecoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const bytes = new TextEncoder().encode(s);
        expect(utf8Encode(s)).toBe(String.fromCharCode(...bytes));
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(utf8Decode(String.fromCharCode(...bytes))).toBe(new TextDecoder().decode(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('shows ill-formed bytes as U+FFFD', () => {
    expect(utf8Decode('a\xffb')).toBe('a\ufffdb');
    expect(utf8Decode('\xec\x95')).toBe('\ufffd');
    expect(utf8Decode('\xc0\xaf')).toBe('\ufffd\ufffd');
    expect(utf8Decode('\xed\xa0\x80')).toBe('\ufffd\ufffd\ufffd');
  });
});
