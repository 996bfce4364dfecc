import { describe, expect, it } from 'vitest';
import { array, bulk, int, map, type Reply } from '../shared/reply.js';
import { capReply } from './reply-cap.js';

const limits = { maxItems: 5, maxBytes: 10 };

describe('capReply', () => {
  it('returns a small reply as it is (the same object)', () => {
    const r = array([bulk('a'), bulk('b'), int(3)]);
    expect(capReply(r, limits)).toEqual({ reply: r, omittedItems: 0, omittedBytes: 0 });
    expect(capReply(r, limits).reply).toBe(r);
  });

  it('keeps the first elements of a long array and counts the rest', () => {
    const r = array(Array.from({ length: 8 }, (_, i) => bulk(String(i))));
    const { reply, omittedItems } = capReply(r, limits);
    expect(reply).toEqual(array(['0', '1', '2', '3', '4'].map(bulk)));
    expect(omittedItems).toBe(3);
  });

  it('shares the budget with nested arrays: the outer elements first, then depth first', () => {
    const r = array([array([bulk('a'), bulk('b'), bulk('c')]), array([bulk('d'), bulk('e'), bulk('f')])]);
    const { reply, omittedItems } = capReply(r, limits);
    expect(reply).toEqual(array([array([bulk('a'), bulk('b'), bulk('c')]), array([])]));
    expect(omittedItems).toBe(3);
  });

  it('cuts long strings at the byte budget', () => {
    const { reply, omittedBytes } = capReply(bulk('x'.repeat(25)), limits);
    expect(reply).toEqual(bulk('x'.repeat(10)));
    expect(omittedBytes).toBe(15);
  });

  it('keeps whole map entries', () => {
    const m: Reply = map([
      [bulk('f1'), bulk('v1')],
      [bulk('f2'), bulk('v2')],
      [bulk('f3'), bulk('v3')],
    ]);
    const { reply, omittedItems } = capReply(m, limits);
    expect(reply).toEqual(
      map([
        [bulk('f1'), bulk('v1')],
        [bulk('f2'), bulk('v2')],
      ]),
    );
    expect(omittedItems).toBe(2);
  });

  it('leaves nil replies alone', () => {
    expect(capReply(bulk(null), limits).reply).toEqual(bulk(null));
    expect(capReply(array(null), limits).reply).toEqual(array(null));
  });
});
