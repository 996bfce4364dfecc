// A Vite plugin that trims the Korean web font's stylesheets (@fontsource/noto-sans-kr) as they
// are imported, so that the font serves Korean only and the build carries only what is used:
// - each slice's unicode-range keeps only the Hangul and CJK blocks (the slices also hold ASCII,
//   arrows and such); Latin text then never matches this font, so it keeps the page's own fonts
//   and an English page fetches nothing, even with Noto Sans KR first in the font lists (it must
//   be first: Chromium draws text again when its first font's slice arrives, but not when a
//   later one's does, which left Hangul as empty boxes);
// - the Latin, Cyrillic and Vietnamese subsets go (only their Hangul-free ranges are left);
// - only the woff2 files: every browser with a service worker reads woff2, so the woff
//   fallbacks would only double dist/ and never be fetched;
// - font-display: block, not swap: with no Korean system font, what swap shows while a slice
//   loads is a row of empty boxes; a moment of blank text reads better.
// The browser fetches a slice only when a character in its unicode-range is on screen.

import type { Plugin } from 'vite';

const FONT_CSS = /[\\/]@fontsource[\\/]noto-sans-kr[\\/]\d00\.css$/;

/** Hangul (jamo, compatibility jamo, syllables), CJK punctuation, hanja, full-width forms. */
const KOREAN_BLOCKS: readonly (readonly [number, number])[] = [
  [0x1100, 0x11ff],
  [0x3000, 0x303f],
  [0x3130, 0x318f],
  [0x3200, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa960, 0xa97f],
  [0xac00, 0xd7ff],
  [0xf900, 0xfaff],
  [0xff00, 0xffef],
];

export function koreanFontPlugin(): Plugin {
  return {
    name: 'redis-playground-korean-font',
    // Before Vite's own CSS plugin, which resolves the url()s and copies their files.
    enforce: 'pre',
    transform(code, id) {
      if (!FONT_CSS.test(id.split('?')[0]!)) return null;
      return trimFontCss(code);
    },
  };
}

/** The @font-face rules that still cover some Korean, each with its woff2 source only. */
export function trimFontCss(css: string): string {
  const rules: string[] = [];
  for (const rule of css.split(/(?=\/\* noto-sans-kr-)/)) {
    const range = /unicode-range: ([^;]+);/.exec(rule);
    if (!range) continue;
    const korean = koreanOnly(range[1]!);
    if (korean === '') continue;
    rules.push(
      rule
        .replace(range[0], `unicode-range: ${korean};`)
        .replace(/,\s*url\([^)]*\.woff\)\s*format\('woff'\)/, '')
        .replace('font-display: swap', 'font-display: block'),
    );
  }
  return rules.join('');
}

/** A unicode-range list cut down to the Korean blocks ('' when nothing is left). */
export function koreanOnly(list: string): string {
  const kept: string[] = [];
  for (const item of list.split(',')) {
    const [from, to = from] = item
      .trim()
      .replace(/^U\+/i, '')
      .split('-')
      .map((h) => parseInt(h, 16));
    for (const [lo, hi] of KOREAN_BLOCKS) {
      const a = Math.max(from!, lo);
      const b = Math.min(to!, hi);
      if (a <= b) kept.push(a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`);
    }
  }
  return kept.join(',');
}
