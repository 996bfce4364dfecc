// How many terminal columns a character takes, so the line editor can place the cursor and
// wrap long lines where the terminal does: 2 for East Asian Wide and Fullwidth characters
// (Hangul, CJK, fullwidth forms) and emoji shown as emoji, 0 for combining marks and
// zero-width characters, 1 otherwise. Control characters count 0: they are never drawn.
//
// The terminal must agree, or the cursor drifts: xterm.js's built-in table (Unicode 6) counts
// emoji as 1 column, so the terminal should use `charWidth` too (Terminal.unicode.register).

/** East Asian Wide (W) and Fullwidth (F) ranges outside emoji, from Unicode's EastAsianWidth.txt. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo leading consonants
  [0x2329, 0x232a],
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x3247], // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, enclosed CJK
  [0x3250, 0x4dbf], // enclosed CJK, CJK compatibility, CJK extension A
  [0x4e00, 0xa4cf], // CJK unified ideographs, Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x16ff0, 0x16ff1],
  [0x17000, 0x18cd5], // Tangut, Khitan
  [0x18d00, 0x18d08],
  [0x1aff0, 0x1b2ff], // Kana supplement and extensions, Nushu
  [0x1f200, 0x1f202], // enclosed ideographic supplement
  [0x1f210, 0x1f23b],
  [0x1f240, 0x1f248],
  [0x1f250, 0x1f251],
  [0x1f260, 0x1f265],
  [0x20000, 0x2fffd], // CJK extensions B and later
  [0x30000, 0x3fffd],
];

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;
const EMOJI = /\p{Emoji_Presentation}/u;

function inWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Columns taken by one code point: 0, 1 or 2. */
export function charWidth(cp: number): 0 | 1 | 2 {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  // Everything before the combining marks (ASCII, Latin-1, including the soft hyphen U+00AD
  // that terminals draw although it is a format character): the common case, no lookup.
  if (cp < 0x300) return 1;
  if (cp > 0x10ffff) return 1;
  // Hangul Jamo vowels and trailing consonants join the leading consonant drawn before them.
  if ((cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff)) return 0;
  if (cp >= 0xd800 && cp <= 0xdfff) return 1; // a lone surrogate: drawn as one replacement char
  const ch = String.fromCodePoint(cp);
  if (ZERO_WIDTH.test(ch)) return 0;
  if (inWide(cp) || EMOJI.test(ch)) return 2;
  return 1;
}

/** Columns taken by a string (sum of its code points' widths). */
export function stringWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/**
 * Splits text into the characters a cursor steps over: each code point that takes columns,
 * with the zero-width code points after it (combining accents, variation selectors, Hangul
 * vowels after a leading consonant). A surrogate pair is one code point. Zero-width code
 * points at the very start form a character of their own.
 */
export function splitChars(s: string): string[] {
  const out: string[] = [];
  for (const ch of s) {
    if (out.length > 0 && charWidth(ch.codePointAt(0)!) === 0) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/** Columns taken by a character from splitChars: its first code point's width. */
export function clusterWidth(c: string): number {
  const cp = c.codePointAt(0);
  return cp === undefined ? 0 : charWidth(cp);
}
