// Glob-style matching with the exact semantics of Redis's stringmatchlen (util.c), used by KEYS,
// SCAN MATCH, PSUBSCRIBE, CONFIG GET and friends. Patterns and subjects are byte strings.
//
// Redis interprets the pattern while it walks the subject and backtracks recursively on '*'
// (with a guard against exponential blow-up). Every token other than '*' consumes exactly one
// byte, so the same answers come from compiling the pattern once into tokens and running the
// classic linear "remember the last star" matcher: O(pattern × subject) at worst, never
// exponential. The compiler reproduces Redis's parsing quirks:
//
//   - `[...]` sets: `^` negates; `\x` is always the literal x (case-sensitive even in nocase
//     mode); `a-z` is a range whose ends may be reversed (`[z-a]` is `[a-z]`), compared as C's
//     *signed* char, so bytes >= 0x80 sort below 0; a `-` range is recognised whenever two more
//     pattern bytes follow, even when the second is `]` (`[a-]` is the range `]`..`a` and the set
//     goes on past that `]`); an unterminated set ends with the pattern.
//   - A trailing backslash is a literal backslash.
//   - An empty subject matches only the empty pattern (so `*` does not match ""; KEYS and SCAN
//     special-case the pattern "*" themselves).

const STAR = 0;
const ANY = 1;
const LIT = 2;
const SET = 3;

interface Compiled {
  /** Token kinds. */
  kinds: Uint8Array;
  /** LIT: the byte. */
  lits: Int32Array;
  /** SET: 256 flags (1 = the byte matches). */
  sets: (Uint8Array | null)[];
  /** True when the pattern is the empty string. */
  empty: boolean;
}

/** C's tolower in the "C" locale, on a (signed or unsigned) char value. */
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** A byte as C's signed char. */
function signed(b: number): number {
  return b >= 128 ? b - 256 : b;
}

function compile(pattern: string, nocase: boolean): Compiled {
  const plen = pattern.length;
  const kinds: number[] = [];
  const lits: number[] = [];
  const sets: (Uint8Array | null)[] = [];
  const add = (kind: number, lit: number, set: Uint8Array | null) => {
    kinds.push(kind);
    lits.push(lit);
    sets.push(set);
  };
  const literal = (b: number) => {
    if (nocase && lower(b) !== b) {
      const t = new Uint8Array(256);
      t[b] = 1;
      t[lower(b)] = 1;
      add(SET, 0, t);
    } else if (nocase && b >= 97 && b <= 122) {
      const t = new Uint8Array(256);
      t[b] = 1;
      t[b - 32] = 1;
      add(SET, 0, t);
    } else {
      add(LIT, b, null);
    }
  };

  let i = 0;
  while (i < plen) {
    const ch = pattern.charCodeAt(i);
    if (ch === 42 /* * */) {
      // Consecutive stars are one star.
      if (kinds.length === 0 || kinds[kinds.length - 1] !== STAR) add(STAR, 0, null);
      i++;
    } else if (ch === 63 /* ? */) {
      add(ANY, 0, null);
      i++;
    } else if (ch === 91 /* [ */) {
      i++;
      const negate = i < plen && pattern.charCodeAt(i) === 94; /* ^ */
      if (negate) i++;
      const t = new Uint8Array(256);
      for (;;) {
        const c = i < plen ? pattern.charCodeAt(i) : -1;
        if (c === 92 /* \ */ && plen - i >= 2) {
          i++;
          t[pattern.charCodeAt(i) & 255] = 1;
        } else if (c === 93 /* ] */) {
          break;
        } else if (i >= plen) {
          // Unterminated set: it ends with the pattern.
          break;
        } else if (plen - i >= 3 && pattern.charCodeAt(i + 1) === 45 /* - */) {
          let start = signed(c);
          let end = signed(pattern.charCodeAt(i + 2));
          if (start > end) [start, end] = [end, start];
          if (nocase) {
            start = lower(start);
            end = lower(end);
          }
          for (let b = 0; b < 256; b++) {
            const v = nocase ? lower(signed(b)) : signed(b);
            if (v >= start && v <= end) t[b] = 1;
          }
          i += 2;
        } else if (nocase) {
          const lc = lower(c);
          for (let b = 0; b < 256; b++) if (lower(b) === lc) t[b] = 1;
        } else {
          t[c & 255] = 1;
        }
        i++;
      }
      i++; // past ']' (or past the end)
      if (negate) for (let b = 0; b < 256; b++) t[b]! ^= 1;
      add(SET, 0, t);
    } else if (ch === 92 /* \ */ && plen - i >= 2) {
      literal(pattern.charCodeAt(i + 1));
      i += 2;
    } else {
      literal(ch);
      i++;
    }
  }
  return { kinds: Uint8Array.from(kinds), lits: Int32Array.from(lits), sets, empty: plen === 0 };
}

function run(p: Compiled, s: string): boolean {
  const n = s.length;
  if (n === 0) return p.empty;
  const { kinds, lits, sets } = p;
  const m = kinds.length;
  let ti = 0;
  let si = 0;
  let starTi = -1;
  let starSi = 0;
  while (si < n) {
    if (ti < m) {
      const k = kinds[ti]!;
      if (k === STAR) {
        if (ti === m - 1) return true; // a final star takes the rest
        starTi = ti++;
        starSi = si;
        continue;
      }
      const c = s.charCodeAt(si);
      if (k === ANY || (k === LIT ? lits[ti] === c : sets[ti]![c & 255] === 1 && c < 256)) {
        ti++;
        si++;
        continue;
      }
    }
    if (starTi < 0) return false;
    ti = starTi + 1;
    si = ++starSi;
  }
  while (ti < m && kinds[ti] === STAR) ti++;
  return ti === m;
}

const cache = [new Map<string, Compiled>(), new Map<string, Compiled>()];
const CACHE_LIMIT = 512;

function compiled(pattern: string, nocase: boolean): Compiled {
  const c = cache[nocase ? 1 : 0]!;
  let p = c.get(pattern);
  if (p === undefined) {
    if (c.size >= CACHE_LIMIT) c.clear();
    p = compile(pattern, nocase);
    c.set(pattern, p);
  }
  return p;
}

/** Redis's stringmatchlen(pattern, s, nocase): true when the byte string `s` matches. */
export function globMatch(pattern: string, s: string, nocase = false): boolean {
  return run(compiled(pattern, nocase), s);
}

/** A matcher for one pattern, for matching many subjects (KEYS over a whole database). */
export function globMatcher(pattern: string, nocase = false): (s: string) => boolean {
  const p = compiled(pattern, nocase);
  return (s) => run(p, s);
}
