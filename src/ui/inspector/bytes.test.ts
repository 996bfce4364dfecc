import { describe, expect, it } from 'vitest';
import { controlParts, humanBytes } from './bytes.js';

describe('controlParts', () => {
  it('shows tabs and newlines as escapes of their own', () => {
    expect(controlParts('name\tage')).toEqual([
      { text: 'name', control: false },
      { text: '\\t', control: true },
      { text: 'age', control: false },
    ]);
    expect(controlParts('\n')).toEqual([{ text: '\\n', control: true }]);
  });

  it('keeps newlines as line breaks in a multi-line value, and plain text whole', () => {
    expect(controlParts('a\tb\nc', true)).toEqual([
      { text: 'a', control: false },
      { text: '\\t', control: true },
      { text: 'b\nc', control: false },
    ]);
    expect(controlParts('안녕')).toEqual([{ text: '안녕', control: false }]);
    expect(controlParts('')).toEqual([{ text: '', control: false }]);
  });
});

describe('humanBytes', () => {
  it('words a size in 1024s, as Redis counts memory', () => {
    expect(humanBytes(64)).toBe('64 B');
    expect(humanBytes(1023)).toBe('1023 B');
    expect(humanBytes(1024)).toBe('1.00 KB');
    expect(humanBytes(1048576)).toBe('1.00 MB');
    expect(humanBytes(1069548)).toBe('1.02 MB');
    expect(humanBytes(3 * 1024 ** 3)).toBe('3.00 GB');
    expect(humanBytes(2048 * 1024 ** 3)).toBe('2048.00 GB');
    // Beside another size, in its unit.
    expect(humanBytes(1029000, 1048576)).toBe('0.98 MB');
    expect(humanBytes(900, 1048576)).toBe('0.00 MB');
    expect(humanBytes(2000000, 1024)).toBe('1953.13 KB');
  });
});
