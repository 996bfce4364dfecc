// How Redis reads option arguments: as C strings. Its strcasecmp stops at the first NUL byte,
// so "nx\0junk" is NX, and names it prints end there too.

/** Case-insensitive match of an argument against `tok` (given in lower case), up to its first NUL. */
export function isOpt(s: string, tok: string): boolean {
  const n = tok.length;
  if (s.length < n || (s.length > n && s.charCodeAt(n) !== 0)) return false;
  for (let i = 0; i < n; i++) {
    let ch = s.charCodeAt(i);
    if (ch >= 65 && ch <= 90) ch += 32;
    if (ch !== tok.charCodeAt(i)) return false;
  }
  return true;
}

/** An argument as a C string sees it: up to its first NUL byte. */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/** Exact (case-sensitive) match as C's strcmp sees it: "$\0junk" is "$". */
export function isCEq(s: string, tok: string): boolean {
  const n = tok.length;
  if (s.length < n || (s.length > n && s.charCodeAt(n) !== 0)) return false;
  return n === 0 || s.startsWith(tok);
}

/** C's isspace() in the C locale: space, \t, \n, \v, \f, \r. */
export function isCSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** The value of a hex digit's char code (sds.c's hex_digit_to_int), -1 for any other. */
export function hexDigitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}
