import { describe, expect, it } from 'vitest';
import { evalWithLibs } from './eval-with-libs.js';

const ev = (expr: string): unknown => evalWithLibs(expr)[0];

describe('cjson', () => {
  it('encodes as lua-cjson does', () => {
    expect(ev("cjson.encode({1, 'a/b', {x = true}, cjson.null})")).toBe('[1,"a\\/b",{"x":true},null]');
    expect(ev('cjson.encode(1/3)')).toBe('0.33333333333333');
    expect(ev("cjson.encode('\\1\\127')")).toBe('"\\u0001\\u007f"');
    expect(ev('select(2, pcall(cjson.encode, {[20] = 1}))')).toBe('Cannot serialise table: excessively sparse array');
  });
  it('decodes, with its messages', () => {
    expect(ev("cjson.decode('[1,2,3]')[3]")).toBe(3);
    expect(ev('cjson.decode(\'"\\\\u00e9"\')')).toBe('\xc3\xa9');
    expect(ev("cjson.decode('null') == cjson.null")).toBe(true);
    expect(ev("select(2, pcall(function() return cjson.decode('[1 2]') end))")).toBe(
      'user_script:1: Expected comma or array end but found T_NUMBER at character 4',
    );
  });
});
