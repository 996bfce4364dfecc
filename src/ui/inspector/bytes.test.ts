import { describe, expect, it } from 'vitest';
import { controlParts } from './bytes.js';

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
