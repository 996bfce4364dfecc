import { describe, expect, it } from 'vitest';
import { charWidth, clusterWidth, splitChars, stringWidth } from './char-width.js';

const w = (s: string) => charWidth(s.codePointAt(0)!);

describe('charWidth', () => {
  it('counts ASCII and Latin as 1, control characters as 0', () => {
    expect(w('a')).toBe(1);
    expect(w(' ')).toBe(1);
    expect(w('é')).toBe(1);
    expect(w('\u00ad')).toBe(1); // soft hyphen: terminals draw it
    expect(w('\x07')).toBe(0);
    expect(w('\x7f')).toBe(0);
    expect(w('\x9b')).toBe(0);
  });

  it('counts Hangul, CJK, fullwidth forms and emoji as 2', () => {
    expect(w('한')).toBe(2);
    expect(w('\uac00')).toBe(2);
    expect(w('\ud7a3')).toBe(2);
    expect(w('\u1100')).toBe(2); // Hangul Jamo leading consonant
    expect(w('ㄱ')).toBe(2); // compatibility Jamo
    expect(w('漢')).toBe(2);
    expect(w('あ')).toBe(2);
    expect(w('Ａ')).toBe(2);
    expect(w('\u3000')).toBe(2); // ideographic space
    expect(w('😀')).toBe(2);
    expect(w('🚀')).toBe(2);
    expect(w('\u{20000}')).toBe(2); // CJK extension B
  });

  it('counts combining marks, Hangul vowels after a consonant and format characters as 0', () => {
    expect(w('\u0301')).toBe(0);
    expect(w('\u1161')).toBe(0);
    expect(w('\u11a8')).toBe(0);
    expect(w('\u200b')).toBe(0);
    expect(w('\u200d')).toBe(0);
    expect(w('\ufe0f')).toBe(0);
    expect(w('\ufeff')).toBe(0);
  });

  it('counts other symbols as 1', () => {
    expect(w('→')).toBe(1);
    expect(w('\u303f')).toBe(1);
    expect(w('\u2764')).toBe(1); // heavy heart: text presentation unless followed by U+FE0F
    expect(w('\ud800')).toBe(1); // a lone surrogate
  });
});

describe('stringWidth, splitChars', () => {
  it('adds the widths', () => {
    expect(stringWidth('')).toBe(0);
    expect(stringWidth('get 한글')).toBe(8);
    expect(stringWidth('e\u0301')).toBe(1);
    expect(stringWidth('😀x')).toBe(3);
  });

  it('splits into characters that keep their zero-width marks', () => {
    expect(splitChars('ab')).toEqual(['a', 'b']);
    expect(splitChars('😀a')).toEqual(['😀', 'a']);
    expect(splitChars('e\u0301x')).toEqual(['e\u0301', 'x']);
    expect(splitChars('\u1112\u1161\u11ab!')).toEqual(['\u1112\u1161\u11ab', '!']); // 한 as Jamo
    expect(splitChars('\u0301a')).toEqual(['\u0301', 'a']);
    expect(splitChars('')).toEqual([]);
  });

  it('gives a character the width of its first code point', () => {
    expect(clusterWidth('\u1112\u1161\u11ab')).toBe(2);
    expect(clusterWidth('e\u0301')).toBe(1);
    expect(clusterWidth('\u0301')).toBe(0);
    expect(clusterWidth('')).toBe(0);
  });
});
