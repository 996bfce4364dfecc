import { describe, expect, it } from 'vitest';
import { LATE_STRINGS } from './late-strings.js';

const { en, ko } = LATE_STRINGS;

describe("the inspector's and the shortcuts list's strings", () => {
  it('counts keys and sizes', () => {
    expect(en.keyCount(0, 1, null)).toBe('db0: 1 key');
    expect(en.keyCount(0, 100000, 3)).toBe('db0: 100000 keys, 3 shown');
    expect(ko.keyCount(2, 5, 1)).toBe('db2: 키 5개, 1개 표시');
    expect(en.bytes(11)).toBe('11 bytes');
    expect(ko.fields(2)).toBe('필드 2개');
  });

  it('words a key row’s encoding and size so they never read as a value', () => {
    expect(en.keyMetaShort('int', 'string', 2)).toBe('int · 2 B');
    expect(en.keyMetaShort('quicklist', 'list', 1)).toBe('quicklist · 1 item');
    expect(en.keyMetaShort('listpack', 'zset', 3)).toBe('listpack · 3 members');
    expect(en.keyMeta('int', 'string', 2)).toBe('encoding int, length 2 bytes');
    expect(ko.keyMetaShort('int', 'string', 2)).toBe('int · 2B');
    expect(ko.keyMetaShort('listpack', 'hash', 2)).toBe('listpack · 필드 2개');
  });
});
