import { describe, expect, it } from 'vitest';
import { evalWithLibs } from './eval-with-libs.js';

const ev = (expr: string): unknown => evalWithLibs(expr)[0];

describe('bit', () => {
  it('normalises numbers to signed 32 bits', () => {
    expect(ev('bit.tobit(0xffffffff)')).toBe(-1);
    expect(ev('bit.tobit(2^32 + 5)')).toBe(5);
    expect(ev('bit.tobit(1.5)')).toBe(2);
    expect(ev('bit.tobit(2.5)')).toBe(2);
    expect(ev('bit.tobit("12")')).toBe(12);
    expect(ev('bit.tobit(1/0)')).toBe(0);
  });
  it('operates', () => {
    expect(ev('bit.band(0xff, 0x0f, 0x3)')).toBe(3);
    expect(ev('bit.bor(1, 2, 4)')).toBe(7);
    expect(ev('bit.bxor(5, 1)')).toBe(4);
    expect(ev('bit.bnot(0)')).toBe(-1);
    expect(ev('bit.lshift(1, 31)')).toBe(-2147483648);
    expect(ev('bit.rshift(-1, 28)')).toBe(15);
    expect(ev('bit.arshift(-256, 4)')).toBe(-16);
    expect(ev('bit.rol(0x12345678, 4)')).toBe(0x23456781);
    expect(ev('bit.ror(0x12345678, 36)')).toBe(0x81234567 | 0);
    expect(ev('bit.bswap(0x12345678)')).toBe(0x78563412);
    expect(ev('bit.tohex(255)')).toBe('000000ff');
    expect(ev('bit.tohex(-1, -4)')).toBe('FFFF');
    expect(ev('bit.tohex(0x1234, 2)')).toBe('34');
  });
  it('refuses non-numbers as LuaBitOp does', () => {
    expect(ev('select(2, pcall(function() return bit.band(1, "x") end))')).toBe("user_script:1: bad argument #2 to 'band' (number expected, got string)");
    expect(ev('select(2, pcall(function() return bit.tobit() end))')).toBe("user_script:1: bad argument #1 to 'tobit' (number expected, got no value)");
  });
});
