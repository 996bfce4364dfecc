import { describe, expect, it } from 'vitest';
import { evalWithLibs } from './eval-with-libs.js';

const ev = evalWithLibs;

describe('struct', () => {
  it('packs with endianness and alignment', () => {
    expect(ev("struct.pack('>i', 1)")).toEqual(['\0\0\0\x01']);
    expect(ev("struct.pack('<h', -2)")).toEqual(['\xfe\xff']);
    expect(ev("struct.pack('!4 b i', 1, 2)")).toEqual(['\x01\0\0\0\x02\0\0\0']);
    expect(ev("struct.pack('s', 'ab')")).toEqual(['ab\0']);
    expect(ev("struct.pack('<i16', -1)")).toEqual(['\xff'.repeat(8) + '\0'.repeat(8)]);
  });
  it('unpacks values and the next position', () => {
    expect(ev("struct.unpack('>i', '\\0\\0\\1\\0')")).toEqual([256, 5]);
    expect(ev("struct.unpack('bc0', '\\3abcd')")).toEqual(['abc', 5]);
    expect(ev("struct.unpack('sb', 'hi\\0\\7')")).toEqual(['hi', 7, 5]);
    expect(ev("struct.size('!4 b d')")).toEqual([12]);
  });
  it('errors as lua_struct.c words them', () => {
    expect(ev("select(2, pcall(function() return struct.pack('z', 1) end))")).toEqual(["user_script:1: bad argument #1 to 'pack' (invalid format option 'z')"]);
    expect(ev("select(2, pcall(function() return struct.unpack('i', 'ab') end))")).toEqual([
      "user_script:1: bad argument #2 to 'unpack' (data string too short)",
    ]);
    expect(ev("select(2, pcall(function() return struct.size('s') end))")).toEqual(["user_script:1: bad argument #1 to 'size' (option 's' has no fixed size)"]);
  });
});
