import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../shared/reply.js';
import { encodeReply } from './encode.js';

/** The plain recursive encoder: what encodeReply must produce for every reply, big or small. */
function reference(r: Reply, resp: 2 | 3): string {
  const agg = (prefix: string, items: readonly Reply[]) => prefix + items.length + '\r\n' + items.map((i) => reference(i, resp)).join('');
  switch (r.t) {
    case 'simple':
      return '+' + r.v + '\r\n';
    case 'error':
      return '-' + r.v.replace(/[\r\n]/g, ' ') + '\r\n';
    case 'int':
      return ':' + String(r.v) + '\r\n';
    case 'bulk':
      return r.v === null ? (resp === 3 ? '_\r\n' : '$-1\r\n') : '$' + r.v.length + '\r\n' + r.v + '\r\n';
    case 'array':
      return r.v === null ? (resp === 3 ? '_\r\n' : '*-1\r\n') : agg('*', r.v);
    case 'set':
      return agg(resp === 3 ? '~' : '*', r.v);
    case 'push':
      return agg(resp === 3 ? '>' : '*', r.v);
    case 'map':
      return (resp === 3 ? '%' + r.v.length : '*' + r.v.length * 2) + '\r\n' + r.v.map(([k, v]) => reference(k, resp) + reference(v, resp)).join('');
    case 'double':
      return resp === 3 ? ',' + r.s + '\r\n' : '$' + r.s.length + '\r\n' + r.s + '\r\n';
    case 'bool':
      return resp === 3 ? (r.v ? '#t\r\n' : '#f\r\n') : r.v ? ':1\r\n' : ':0\r\n';
    case 'big':
      return resp === 3 ? '(' + r.v + '\r\n' : '$' + r.v.length + '\r\n' + r.v + '\r\n';
    case 'raw':
      return r.v;
    case 'verbatim':
      return resp === 2 ? '$' + r.v.length + '\r\n' + r.v + '\r\n' : '=' + (r.v.length + 4) + '\r\n' + r.format + ':' + r.v + '\r\n';
  }
}

const byteString = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 80 });

const leaf: fc.Arbitrary<Reply> = fc.oneof(
  byteString.map((v): Reply => ({ t: 'bulk', v })),
  fc.constant<Reply>({ t: 'bulk', v: null }),
  fc.string({ maxLength: 10 }).map((v): Reply => ({ t: 'simple', v })),
  fc.array(fc.constantFrom('a', ' ', '\r', '\n', "'"), { maxLength: 10 }).map((v): Reply => ({ t: 'error', v: 'ERR ' + v.join('') })),
  fc.oneof(fc.integer(), fc.constantFrom(0, -1, 9, 10, -10, 2 ** 53 - 1, -(2 ** 53) + 1)).map((v): Reply => ({ t: 'int', v })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((v): Reply => ({ t: 'int', v })),
  fc.double({ noNaN: true }).map((v): Reply => ({ t: 'double', v, s: String(v) })),
  fc.bigInt().map((v): Reply => ({ t: 'big', v: String(v) })),
  fc.boolean().map((v): Reply => ({ t: 'bool', v })),
  byteString.map((v): Reply => ({ t: 'verbatim', format: 'txt', v })),
);

const tree = fc.letrec<{ reply: Reply }>((tie) => ({
  reply: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('reply'), { maxLength: 300 }).map((v): Reply => ({ t: 'array', v })),
    fc.constant<Reply>({ t: 'array', v: null }),
    fc.array(tie('reply'), { maxLength: 200 }).map((v): Reply => ({ t: 'set', v })),
    fc.array(tie('reply'), { maxLength: 5 }).map((v): Reply => ({ t: 'push', v })),
    fc.array(fc.tuple(tie('reply'), tie('reply')), { maxLength: 100 }).map((v): Reply => ({ t: 'map', v })),
  ),
})).reply;

describe('encodeReply', () => {
  it('matches the plain encoder for any reply, RESP2 and RESP3 (property)', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom<2 | 3>(2, 3), (r, resp) => {
        expect(encodeReply(r, resp)).toBe(reference(r, resp));
      }),
      { numRuns: 400 },
    );
  });

  it('encodes big arrays of every element type', () => {
    const items: Reply[] = [];
    for (let i = 0; i < 5000; i++) {
      items.push({ t: 'bulk', v: 'v' + i + '\xff'.repeat(i % 70) });
      items.push({ t: 'int', v: i % 2 ? -i * 12345 : i });
      items.push({ t: 'bulk', v: null });
    }
    items.push({ t: 'int', v: 9223372036854775807n }, { t: 'int', v: -9223372036854775808n });
    for (const resp of [2, 3] as const) {
      const r: Reply = { t: 'array', v: items };
      expect(encodeReply(r, resp)).toBe(reference(r, resp));
      const m: Reply = { t: 'map', v: items.map((x, i): [Reply, Reply] => [{ t: 'bulk', v: 'k' + i }, x]) };
      expect(encodeReply(m, resp)).toBe(reference(m, resp));
    }
  });

  it('turns CR and LF inside an error into spaces, alone or in an aggregate', () => {
    const e: Reply = { t: 'error', v: "ERR unknown command 'a\r\nb', with args beginning with: " };
    expect(encodeReply(e, 2)).toBe("-ERR unknown command 'a  b', with args beginning with: \r\n");
    const many: Reply = { t: 'array', v: Array.from({ length: 200 }, () => e) };
    expect(encodeReply(many, 3)).toBe('*200\r\n' + "-ERR unknown command 'a  b', with args beginning with: \r\n".repeat(200));
  });

  it('keeps working after a very large reply', () => {
    const big: Reply = { t: 'array', v: Array.from({ length: 200 }, () => ({ t: 'bulk', v: 'x'.repeat(100_000) })) };
    expect(encodeReply(big, 2).length).toBe(reference(big, 2).length);
    const small: Reply = { t: 'array', v: Array.from({ length: 200 }, (_, i) => ({ t: 'int', v: i })) };
    expect(encodeReply(small, 2)).toBe(reference(small, 2));
  });
});
