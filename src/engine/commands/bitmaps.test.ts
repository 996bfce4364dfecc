import { beforeEach, describe, expect, it } from 'vitest';
import { CommandBench } from './test-support.js';

const t = new CommandBench();
const { r } = t;
const value = (key: string) => {
  const o = t.c.db.dict.get(key);
  return o?.type === 'string' ? o.value : undefined;
};

beforeEach(() => t.reset());

describe('bitmap commands', () => {
  it('SETBIT grows with zero bytes, answers the old bit, notifies only on change', () => {
    expect(r('SETBIT', 'b', '9', '1')).toBe(':0');
    expect(value('b')).toBe('\x00\x40');
    expect(r('SETBIT', 'b', '9', '1')).toBe(':1');
    expect(r('SETBIT', 'b', '9', '0')).toBe(':1');
    expect(r('SETBIT', 'b', '30', '0')).toBe(':0');
    expect(value('b')).toBe('\0\0\0\0');
    expect(t.events).toEqual(['setbit:b', 'setbit:b', 'setbit:b']);
  });

  it("the course's visitors bitmap stays quick for ids up to 100,000", () => {
    for (let id = 0; id <= 100_000; id += 3) r('SETBIT', 'visits:2024', String(id), '1');
    expect(r('BITCOUNT', 'visits:2024')).toBe(':33334');
    expect(r('STRLEN', 'visits:2024')).toBe(':12500');
    expect(r('GETBIT', 'visits:2024', '99999')).toBe(':1');
    expect(r('BITPOS', 'visits:2024', '0')).toBe(':1');
  });

  it('BITCOUNT and BITPOS with bit ranges', () => {
    r('SET', 'k', '\x0f\xf0');
    expect(r('BITCOUNT', 'k', '2', '5', 'BIT')).toBe(':2');
    expect(r('BITPOS', 'k', '1', '0', '-1', 'BIT')).toBe(':4');
    expect(r('BITPOS', 'k', '0', '4', '11', 'BIT')).toBe(':-1');
    expect(r('BITPOS', 'k', '0', '1')).toBe(':12');
  });

  it('BITOP stores a raw string or deletes the destination', () => {
    r('SET', 'a', '\x01\x02');
    r('SET', 'b', '\x03');
    expect(r('BITOP', 'OR', 'd', 'a', 'b')).toBe(':2');
    expect(value('d')).toBe('\x03\x02');
    expect(r('OBJECT', 'ENCODING', 'd')).toBe('"raw"');
    expect(r('BITOP', 'AND', 'd', 'missing')).toBe(':0');
    expect(r('EXISTS', 'd')).toBe(':0');
    expect(t.events).toEqual(['set:a', 'set:b', 'set:d', 'del:d']);
  });

  it('BITFIELD wraps, saturates, fails', () => {
    expect(r('BITFIELD', 'f', 'SET', 'u8', '0', '255', 'INCRBY', 'u8', '0', '1')).toBe('[:0,:0]');
    expect(r('BITFIELD', 'f', 'OVERFLOW', 'SAT', 'INCRBY', 'i8', '0', '-200')).toBe('[:-128]');
    expect(r('BITFIELD', 'f', 'OVERFLOW', 'FAIL', 'INCRBY', 'i8', '0', '-1')).toBe('[nil]');
    expect(r('BITFIELD_RO', 'f', 'GET', 'u8', '0', 'GET', 'i64', '#5')).toBe('[:128,:0]');
    expect(r('BITFIELD_RO', 'f', 'SET', 'u8', '0', '1')).toBe('!ERR BITFIELD_RO only supports the GET subcommand');
  });

  it('refuses a string JS cannot hold instead of allocating it', () => {
    expect(r('SETBIT', 'huge', '4294967295', '1')).toBe('!ERR string exceeds maximum allowed size (proto-max-bulk-len)');
    expect(r('EXISTS', 'huge')).toBe(':0');
    expect(r('GETBIT', 'huge', '4294967295')).toBe(':0');
  });
});
