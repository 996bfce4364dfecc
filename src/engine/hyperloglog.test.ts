import { describe, expect, it } from 'vitest';
import {
  bufFromString,
  bufToString,
  createHll,
  decodeSparse,
  denseRegisters,
  hashElement,
  hllAdd,
  hllCount,
  HLL_DENSE_SIZE,
  HLL_REGISTERS,
  isValidHll,
  murmurHash64A,
  selfTest,
  sparseSet,
  sparseToDense,
} from './hyperloglog.js';

const M = 0xc6a4a7935bd1e995n;
const MASK = (1n << 64n) - 1n;

/** A plain BigInt transcription of MurmurHash64A, to check the 32-bit-halves version. */
function reference(s: string): bigint {
  const len = s.length;
  let h = (0xadc83b19n ^ ((BigInt(len) * M) & MASK)) & MASK;
  const blocks = len - (len & 7);
  for (let i = 0; i < blocks; i += 8) {
    let k = 0n;
    for (let j = 7; j >= 0; j--) k = (k << 8n) | BigInt(s.charCodeAt(i + j));
    k = (k * M) & MASK;
    k ^= k >> 47n;
    k = (k * M) & MASK;
    h ^= k;
    h = (h * M) & MASK;
  }
  const rest = len & 7;
  if (rest) {
    for (let j = rest - 1; j >= 0; j--) h ^= BigInt(s.charCodeAt(blocks + j)) << BigInt(8 * j);
    h = (h * M) & MASK;
  }
  h ^= h >> 47n;
  h = (h * M) & MASK;
  h ^= h >> 47n;
  return h;
}

describe('MurmurHash64A', () => {
  it('equals a BigInt transcription for every tail length and byte value', () => {
    const inputs = ['', 'a', '\xff', '\xec\x95\x88', 'abcdefgh', 'abcdefghi', '\xff'.repeat(17), 'x'.repeat(1000)];
    for (let i = 0; i < 300; i++) inputs.push(String(i * 7919), String.fromCharCode(i & 255, (i * 31) & 255, 0, 200));
    for (const s of inputs) expect(murmurHash64A(s), JSON.stringify(s)).toBe(reference(s));
  });

  it('gives register indexes below 16384 and run lengths 1..51', () => {
    for (let i = 0; i < 2000; i++) {
      const { index, count } = hashElement(String(i));
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(HLL_REGISTERS);
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(51);
    }
  });

  it('hllPatLen as Redis computes it from the 64-bit hash, runs into the high half included', () => {
    // e437161 and e596436 hash with bits 14..31 all zero (1 element in 2^18 does).
    for (const s of ['a', 'foo', 'e437161', 'e596436', ...Array.from({ length: 500 }, (_, i) => 'e' + i)]) {
      const h = reference(s);
      let rest = (h >> 14n) | (1n << 50n);
      let count = 1;
      while ((rest & 1n) === 0n) {
        count++;
        rest >>= 1n;
      }
      expect(hashElement(s), s).toEqual({ index: Number(h & 16383n), count });
    }
  });
});

describe('representation', () => {
  it('an empty HLL is one XZERO opcode and counts 0', () => {
    const h = createHll();
    const s = bufToString(h);
    expect(s).toBe('HYLL\x01' + '\0'.repeat(11) + '\x7f\xff');
    expect(isValidHll(s)).toBe(true);
    expect(decodeSparse(s)).toBe('Z:16384');
    expect(hllCount(h)).toBe(0);
  });

  it('splits and merges sparse opcodes, and promotes a value over 32 to dense', () => {
    const h = createHll();
    expect(sparseSet(h, 0, 3, 3000)).toBe(1);
    expect(sparseSet(h, 1, 3, 3000)).toBe(1);
    expect(sparseSet(h, 1, 2, 3000)).toBe(0);
    expect(sparseSet(h, 100, 1, 3000)).toBe(1);
    expect(decodeSparse(bufToString(h))).toBe('v:3,2 Z:98 v:1,1 Z:16283');
    expect(sparseSet(h, 5000, 40, 3000)).toBe(1);
    expect(h.len).toBe(HLL_DENSE_SIZE);
    const regs = denseRegisters(h);
    expect([regs[0], regs[1], regs[2], regs[100], regs[5000]]).toEqual([3, 3, 0, 1, 40]);
  });

  it('promotes when the sparse string would pass the byte limit', () => {
    const h = createHll();
    let i = 0;
    while (h.len !== HLL_DENSE_SIZE) hllAdd(h, `e${i++}`, 200);
    expect(i).toBeLessThan(200);
    expect(hllCount(h)).toBeGreaterThan(0);
  });

  it('dense and sparse agree on counts; corrupt sparse data is detected', () => {
    const sparse = createHll();
    const dense = createHll();
    expect(sparseToDense(dense)).toBe(true);
    for (let i = 0; i < 1000; i++) {
      hllAdd(sparse, String(i), 3000);
      hllAdd(dense, String(i), 3000);
    }
    expect(hllCount(sparse)).toBe(hllCount(dense));
    expect(hllCount(sparse)).toBe(1001); // the course documents' figure, as Redis gives it
    const corrupt = bufFromString('HYLL\x01' + '\0'.repeat(11) + '\x7f\xfe');
    expect(hllCount(corrupt)).toBeNull();
    expect(sparseToDense(corrupt)).toBe(false);
    expect(isValidHll('HYLL\x00' + '\0'.repeat(11))).toBe(false);
    expect(isValidHll('HYLL\x02' + '\0'.repeat(11))).toBe(false);
  });

  it('self test passes', () => {
    expect(selfTest(Math.random, 3000)).toBeNull();
  });
});
