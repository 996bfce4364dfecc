// HYPERLOGLOG group against the real server: every command, option and error path, and the
// stored bytes themselves (GET of sparse and dense HLLs, cached cardinalities, merges).
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useDiff, type Step } from './harness.js';

const range = (n: number, prefix = '', from = 0) => Array.from({ length: n }, (_, i) => prefix + (from + i));

/** A sparse HLL header (cache valid, 0) followed by raw opcodes. */
const sparse = (ops: string) => 'HYLL\x01\0\0\0' + '\0'.repeat(8) + ops;
const EMPTY_OPS = '\x7f\xff'; // XZERO 16384

describe('PFADD / PFCOUNT', () => {
  const d = useDiff();

  it('the course example: 0..999 counts 1001, bytes identical', () =>
    d.run([
      ['PFADD', 'h', ...range(1000)],
      ['PFCOUNT', 'h'],
      ['GET', 'h'],
      ['PFDEBUG', 'ENCODING', 'h'],
      ['STRLEN', 'h'],
    ]));

  it('sparse bytes, the cache written by PFCOUNT and invalidated by PFADD', () =>
    d.run([
      ['PFADD', 'h', 'a', 'b', 'c'],
      ['GET', 'h'],
      ['PFCOUNT', 'h'],
      ['GET', 'h'],
      ['PFCOUNT', 'h'],
      ['PFADD', 'h', 'a'],
      ['GET', 'h'],
      ['PFADD', 'h', 'd'],
      ['GET', 'h'],
      ['PFCOUNT', 'h'],
      ['GET', 'h'],
      ['TYPE', 'h'],
      ['OBJECT', 'ENCODING', 'h'],
    ]));

  it('PFADD without elements creates an empty HLL once', () =>
    d.run([
      ['PFADD', 'e'],
      ['GET', 'e'],
      ['PFADD', 'e'],
      ['PFCOUNT', 'e'],
      ['GET', 'e'],
      ['EXISTS', 'e'],
    ]));

  it('elements of every tail length, empty, binary and non-ASCII', () =>
    d.run([
      ['PFADD', 'h', '', 'a', 'ab', 'abc', 'abcd', 'abcde', 'abcdef', 'abcdefg', 'abcdefgh', 'abcdefghi', 'abcdefghijklmnopq'],
      ['PFADD', 'h', '\xec\x95\x88', '\xff', '\x00', '\xff\xff\xff\xff\xff\xff\xff\xff\xff', 'x'.repeat(1000)],
      ['GET', 'h'],
      ['PFCOUNT', 'h'],
      ['GET', 'h'],
    ]));

  it('promotion to dense past hll-sparse-max-bytes, and dense bytes after more adds', async () => {
    const steps: Step[] = [];
    for (let i = 0; i < 12; i++) steps.push(['PFADD', 'h', ...range(250, 'e', i * 250)], ['PFDEBUG', 'ENCODING', 'h'], ['STRLEN', 'h']);
    steps.push(['GET', 'h'], ['PFCOUNT', 'h'], ['GET', 'h'], ['PFADD', 'h', ...range(20000, 'f')], ['PFADD', 'h', 'f1'], ['GET', 'h']);
    steps.push(['PFCOUNT', 'h'], ['PFCOUNT', 'h'], ['GET', 'h']);
    await d.run(steps);
  });

  it('a smaller hll-sparse-max-bytes promotes earlier (CONFIG SET)', async () => {
    try {
      await d.run([
        ['CONFIG', 'SET', 'hll-sparse-max-bytes', '60'],
        ['PFADD', 'h', ...range(5)],
        ['PFDEBUG', 'ENCODING', 'h'],
        ['PFADD', 'h', ...range(20, 'x')],
        ['PFDEBUG', 'ENCODING', 'h'],
        ['GET', 'h'],
        ['CONFIG', 'SET', 'hll-sparse-max-bytes', '0'],
        ['PFADD', 'z', 'a'],
        ['PFDEBUG', 'ENCODING', 'z'],
        ['GET', 'z'],
      ]);
    } finally {
      await d.pair.real.send(['CONFIG', 'SET', 'hll-sparse-max-bytes', '3000']);
    }
  });

  it('large cardinalities and the estimator', () =>
    d.run([
      ['PFADD', 'big', ...range(50000, 'u')],
      ['PFCOUNT', 'big'],
      ['PFADD', 'big', ...range(50000, 'v')],
      ['PFCOUNT', 'big'],
      ['GET', 'big'],
    ]));

  it('PFCOUNT of several keys (missing ones count as empty), without touching the cache', () =>
    d.run([
      ['PFADD', 'a', ...range(100, 'a')],
      ['PFADD', 'b', ...range(100, 'a', 50)],
      ['PFADD', 'c', ...range(20000, 'c')],
      ['PFCOUNT', 'a', 'b'],
      ['PFCOUNT', 'a', 'b', 'missing'],
      ['PFCOUNT', 'a', 'c'],
      ['PFCOUNT', 'missing', 'nothere'],
      ['GET', 'a'],
      ['PFCOUNT', 'missing'],
    ]));

  it('wrong types and strings that are not HLLs', () =>
    d.run([
      ['RPUSH', 'l', 'x'],
      ['SET', 's', 'hello'],
      ['SET', 'i', '123'],
      ['SET', 'short', 'HYLL\x01'],
      ['SET', 'magic', 'HYLX\x01\0\0\0\0\0\0\0\0\0\0\0' + EMPTY_OPS],
      ['SET', 'enc2', 'HYLL\x02\0\0\0\0\0\0\0\0\0\0\0' + EMPTY_OPS],
      ['SET', 'dense', 'HYLL\x00\0\0\0\0\0\0\0\0\0\0\0' + 'x'.repeat(100)],
      ...['l', 's', 'i', 'short', 'magic', 'enc2', 'dense'].flatMap((k) => [
        ['PFADD', k, 'a'],
        ['PFCOUNT', k],
        ['PFCOUNT', 'missing', k],
        ['PFMERGE', 'dest', k],
        ['PFMERGE', k, 'missing'],
        ['PFDEBUG', 'ENCODING', k],
      ]),
      ['EXISTS', 'dest'],
      ['PFCOUNT', 's', 'l'],
      ['PFCOUNT', 'l', 's'],
    ]));

  it('corrupted sparse HLLs: INVALIDOBJ where Redis detects it', () =>
    d.run([
      ['SET', 'tail', sparse(EMPTY_OPS + '\x00')], // one register too many
      ['SET', 'short', sparse('\x7f\xfe')], // one register too few
      ['SET', 'val', sparse('\x7f\xfe\x8f')], // VAL running past the end
      ['SET', 'empty', sparse('')],
      ['SET', 'cached', 'HYLL\x01\0\0\0\x05\0\0\0\0\0\0\0\x7f\xfe'],
      ['PFCOUNT', 'tail'],
      ['PFCOUNT', 'short'],
      ['PFCOUNT', 'val'],
      ['PFCOUNT', 'empty'],
      ['PFCOUNT', 'cached'],
      ['PFCOUNT', 'tail', 'short'],
      ['PFCOUNT', 'val', 'x'],
      ['PFADD', 'empty', 'a'],
      ['PFADD', 'tail', 'a', 'b', 'c'],
      ['GET', 'tail'],
      ['PFADD', 'short', ...range(30)],
      ['GET', 'short'],
      ['PFMERGE', 'd', 'tail'],
      ['PFMERGE', 'd', 'short'],
      ['PFMERGE', 'val'],
      ['PFDEBUG', 'GETREG', 'short'],
      ['PFDEBUG', 'TODENSE', 'val'],
      ['PFDEBUG', 'DECODE', 'tail'],
      ['APPEND', 'ok', ''],
      ['PFADD', 'h', 'a', 'b'],
      ['APPEND', 'h', 'zz'],
      ['PFCOUNT', 'h'],
      ['PFADD', 'h', 'c'],
    ]));

  it('a hand-made small HLL (embstr) becomes raw once PF commands touch it', () =>
    d.run([
      ['SET', 'm', sparse(EMPTY_OPS)],
      ['OBJECT', 'ENCODING', 'm'],
      ['PFCOUNT', 'm'],
      ['OBJECT', 'ENCODING', 'm'],
      ['SET', 'n', sparse('\x7f\xfe\x80')],
      ['PFADD', 'n'],
      ['OBJECT', 'ENCODING', 'n'],
      ['PFCOUNT', 'n'],
      ['GET', 'n'],
      ['SET', 'big', 'HYLL\x01\0\0\0\0\0\0\0\0\0\0\x00\x7f\xff'],
      ['PFCOUNT', 'big'],
    ]));

  it('cached cardinality read back as stored, even a huge one', () =>
    d.run([
      ['SET', 'c', 'HYLL\x01\0\0\0\xff\xff\xff\xff\xff\xff\xff\x7f' + EMPTY_OPS],
      ['PFCOUNT', 'c'],
      ['SET', 'c2', 'HYLL\x01\0\0\0\x39\x30\0\0\0\0\0\0' + EMPTY_OPS],
      ['PFCOUNT', 'c2'],
      ['PFCOUNT', 'c2', 'c'],
    ]));

  it('hand-made dense HLLs with large registers (up to 63): count, merge, registers', () => {
    let seed = 12345;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;
    const registers = (gen: () => number) => Array.from({ length: 12288 }, () => String.fromCharCode(gen() & 0xff)).join('');
    const dense = (regs: string, card = '\0\0\0\0\0\0\0\x80') => 'HYLL\x00\0\0\0' + card + regs;
    return d.run([
      ['SET', 'r', dense(registers(rnd))],
      ['SET', 'low', dense(registers(() => rnd() & 0x41))],
      ['SET', 'zero', dense('\0'.repeat(12288))],
      ['SET', 'full', dense('\xff'.repeat(12288))],
      ['SET', 'valid', dense('\0'.repeat(12288), '\x07\0\0\0\0\0\0\0')],
      ['PFCOUNT', 'r'],
      ['PFCOUNT', 'low'],
      ['PFCOUNT', 'zero'],
      ['PFCOUNT', 'full'],
      ['PFCOUNT', 'valid'],
      ['PFCOUNT', 'r', 'low'],
      ['PFCOUNT', 'zero', 'full'],
      ['PFCOUNT', 'full'],
      ['GET', 'full'],
      ['SET', 'fifty', dense('\xb2\x2c\xcb'.repeat(4096))],
      ['PFCOUNT', 'fifty'],
      ['PFCOUNT', 'fifty'],
      ['GET', 'fifty'],
      ['SET', 'thirty', dense('\x9e\xe7\x79'.repeat(4096))],
      ['PFCOUNT', 'thirty'],
      ['PFCOUNT', 'thirty', 'missing'],
      ['GET', 'thirty'],
      ['PFDEBUG', 'GETREG', 'r'],
      ['PFADD', 'small', 'a', 'b'],
      ['PFMERGE', 'small', 'low'],
      ['GET', 'small'],
      ['PFMERGE', 'dest', 'small', 'r'],
      ['GET', 'dest'],
      ['PFADD', 'r', ...range(300)],
      ['GET', 'r'],
    ]);
  });

  it('arity errors', () => d.run([['PFADD'], ['PFCOUNT'], ['PFMERGE'], ['PFDEBUG', 'ENCODING'], ['PFDEBUG', 'ENCODING', 'a', 'b'], ['PFSELFTEST', 'x']]));

  it('runs in MULTI and under RESP3', async () => {
    await d.run([['MULTI'], ['PFADD', 'h', 'a'], ['PFCOUNT', 'h'], ['PFDEBUG', 'ENCODING', 'h'], ['EXEC']]);
    await d.pair.real.send(['HELLO', '3']);
    d.pair.ours.client.resp = 3;
    await d.run([
      ['PFCOUNT', 'h'],
      ['PFDEBUG', 'ENCODING', 'h'],
      ['PFDEBUG', 'DECODE', 'h'],
      ['PFDEBUG', 'NOPE', 'h'],
      ['PFADD', 'l'],
    ]);
  });
});

describe('PFMERGE', () => {
  const d = useDiff();

  it('sparse sources into a new sparse destination, bytes identical', () =>
    d.run([
      ['PFADD', 'a', ...range(100, 'a')],
      ['PFADD', 'b', ...range(100, 'b')],
      ['PFMERGE', 'dest', 'a', 'b'],
      ['GET', 'dest'],
      ['PFCOUNT', 'dest'],
      ['PFDEBUG', 'ENCODING', 'dest'],
      ['PFMERGE', 'dest', 'dest'],
      ['GET', 'dest'],
    ]));

  it('the destination is itself an input; missing sources are empty', () =>
    d.run([
      ['PFADD', 'dest', 'x', 'y'],
      ['PFADD', 'a', 'z'],
      ['PFMERGE', 'dest', 'a', 'missing'],
      ['PFCOUNT', 'dest'],
      ['GET', 'dest'],
      ['PFMERGE', 'only'],
      ['GET', 'only'],
      ['PFMERGE', 'none', 'missing1', 'missing2'],
      ['GET', 'none'],
    ]));

  it('a dense source makes a dense destination', () =>
    d.run([
      ['PFADD', 'big', ...range(5000, 'd')],
      ['PFADD', 'small', 'a', 'b'],
      ['PFMERGE', 'dest', 'small', 'big'],
      ['PFDEBUG', 'ENCODING', 'dest'],
      ['GET', 'dest'],
      ['PFCOUNT', 'dest'],
      ['PFMERGE', 'small', 'big'],
      ['GET', 'small'],
      ['PFMERGE', 'big', 'small'],
      ['GET', 'big'],
    ]));

  it('many sparse sources overflow the destination into dense', () =>
    d.run([
      ['PFADD', 'a', ...range(700, 'a')],
      ['PFADD', 'b', ...range(700, 'b')],
      ['PFADD', 'c', ...range(700, 'c')],
      ['PFDEBUG', 'ENCODING', 'a'],
      ['PFMERGE', 'dest', 'a', 'b', 'c'],
      ['PFDEBUG', 'ENCODING', 'dest'],
      ['GET', 'dest'],
      ['PFCOUNT', 'dest'],
    ]));

  it('merging into an existing key keeps its cached count bytes but invalidates them', () =>
    d.run([
      ['PFADD', 'dest', ...range(10)],
      ['PFCOUNT', 'dest'],
      ['PFADD', 'a', ...range(10, 'q')],
      ['PFMERGE', 'dest', 'a'],
      ['GET', 'dest'],
      ['PFCOUNT', 'dest'],
    ]));
});

describe('PFDEBUG and PFSELFTEST', () => {
  const d = useDiff();

  it('GETREG, DECODE, ENCODING, TODENSE', () =>
    d.run([
      ['PFADD', 'h', 'a', 'b', 'c', 'd', 'e'],
      ['PFDEBUG', 'DECODE', 'h'],
      ['PFDEBUG', 'encoding', 'h'],
      ['PFDEBUG', 'GETREG', 'h'],
      ['PFDEBUG', 'ENCODING', 'h'],
      ['GET', 'h'],
      ['PFDEBUG', 'DECODE', 'h'],
      ['PFDEBUG', 'TODENSE', 'h'],
      ['PFADD', 'g', ...range(40)],
      ['PFDEBUG', 'DeCoDe', 'g'],
      ['PFDEBUG', 'TODENSE', 'g'],
      ['PFDEBUG', 'TODENSE', 'g'],
      ['GET', 'g'],
      ['PFDEBUG', 'decode\0x', 'g'],
      ['PFDEBUG', 'NOPE', 'g'],
      ['PFDEBUG', 'NOPE\0tail', 'g'],
      ['PFDEBUG', 'GETREG', 'missing'],
      ['PFDEBUG', 'NOPE', 'missing'],
      ['SET', 's', 'x'],
      ['PFDEBUG', 'NOPE', 's'],
      ['PFADD', 'z'],
      ['PFDEBUG', 'DECODE', 'z'],
    ]));

  it('PFSELFTEST answers OK', () => d.run([['PFSELFTEST']]), 30_000);
});

describe('random HyperLogLog command sequences', () => {
  const d = useDiff();
  const keyName = fc.constantFrom('a', 'b', 'c');
  const element = fc.oneof(fc.integer({ min: 0, max: 3000 }).map(String), fc.constantFrom('', '\xff', '\xec\x95\x88', 'x'.repeat(9)));
  const bulkAdd = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 1500 }));

  type Cmd = (k: (name: string) => string) => string[];
  const command: fc.Arbitrary<Cmd> = fc.oneof(
    fc.tuple(keyName, fc.array(element, { maxLength: 6 })).map(([a, els]): Cmd => (k) => ['PFADD', k(a), ...els]),
    fc.tuple(keyName, bulkAdd).map(([a, [from, n]]): Cmd => (k) => ['PFADD', k(a), ...range(n, 'm', from * 100)]),
    keyName.map((a): Cmd => (k) => ['PFCOUNT', k(a)]),
    fc.tuple(keyName, keyName).map(([a, b]): Cmd => (k) => ['PFCOUNT', k(a), k(b)]),
    fc.tuple(keyName, fc.array(keyName, { maxLength: 3 })).map(([a, bs]): Cmd => (k) => ['PFMERGE', k(a), ...bs.map(k)]),
    keyName.map((a): Cmd => (k) => ['GET', k(a)]),
    fc.tuple(fc.constantFrom('ENCODING', 'DECODE', 'TODENSE'), keyName).map(([s, a]): Cmd => (k) => ['PFDEBUG', s, k(a)]),
  );

  it('reply exactly as Redis does, GET bytes included', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (cmds) => {
        const prefix = `r${run++}:`;
        const k = (name: string) => prefix + name;
        await d.run([...cmds.map((cmd) => cmd(k)), ['GET', k('a')], ['GET', k('b')], ['GET', k('c')]]);
      }),
      { numRuns: 60, seed: 20240611 },
    );
  }, 120_000);
});
