import { describe, expect, it } from 'vitest';
import { evalWithLibs } from './eval-with-libs.js';

const ev = evalWithLibs;

describe('cmsgpack', () => {
  it('packs integers, floats, strings and tables', () => {
    expect(ev('cmsgpack.pack(1, -1, 200, 0.5, "ab")')).toEqual(['\x01\xff\xcc\xc8\xca\x3f\0\0\0\xa2ab']);
    expect(ev('cmsgpack.pack({1, 2}, {a = true})')).toEqual(['\x92\x01\x02\x81\xa1a\xc3']);
    expect(ev('cmsgpack.pack(0.1)')).toEqual(['\xcb\x3f\xb9\x99\x99\x99\x99\x99\x9a']);
  });
  it('unpacks streams, one value or a limit with the next offset', () => {
    expect(ev("cmsgpack.unpack('\\1\\2')")).toEqual([1, 2]);
    expect(ev("cmsgpack.unpack_one('\\1\\2')")).toEqual([1, 1]);
    expect(ev("cmsgpack.unpack_limit('\\1\\2', 2)")).toEqual([-1, 1, 2]);
  });
  it('errors as lua_cmsgpack.c words them', () => {
    expect(ev("select(2, pcall(function() return cmsgpack.unpack('\\205') end))")).toEqual(['user_script:1: Missing bytes in input.']);
    expect(ev("select(2, pcall(function() return cmsgpack.unpack('\\193') end))")).toEqual(['user_script:1: Bad data format in input.']);
    expect(ev('select(2, pcall(function() return cmsgpack.pack() end))')).toEqual(["user_script:1: bad argument #0 to 'pack' (MessagePack pack needs input.)"]);
  });
});
