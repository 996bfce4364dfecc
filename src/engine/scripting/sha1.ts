// SHA-1 (FIPS 180-1) of a byte string, as lower-case hex: the name Redis gives a script
// (EVALSHA, SCRIPT LOAD) and what redis.sha1hex answers. Plain 32-bit arithmetic, no host API.

/** The 40 hex digits of SHA-1 over `s`, one byte per char code (0–255). */
export function sha1hex(s: string): string {
  let out = '';
  for (const h of sha1Words(s)) out += (h >>> 0).toString(16).padStart(8, '0');
  return out;
}

/** The 20 bytes of SHA-1 over `s`, as a byte string (DEBUG DIGEST chains digests). */
export function sha1Bytes(s: string): string {
  let out = '';
  for (const h of sha1Words(s)) out += String.fromCharCode((h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff);
  return out;
}

/** The five 32-bit words of the digest. */
function sha1Words(s: string): number[] {
  const n = s.length;
  // message, 0x80, zero padding, then the bit length in 8 bytes: a whole number of 64-byte blocks
  const blocks = ((n + 8) >>> 6) + 1;
  const w = new Int32Array(blocks * 16);
  for (let i = 0; i < n; i++) w[i >>> 2]! |= (s.charCodeAt(i) & 0xff) << (24 - (i & 3) * 8);
  w[n >>> 2]! |= 0x80 << (24 - (n & 3) * 8);
  const bits = n * 8;
  w[blocks * 16 - 1] = bits | 0;
  w[blocks * 16 - 2] = Math.floor(bits / 0x100000000);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  const x = new Int32Array(80);
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < 16; t++) x[t] = w[b * 16 + t]!;
    for (let t = 16; t < 80; t++) {
      const v = x[t - 3]! ^ x[t - 8]! ^ x[t - 14]! ^ x[t - 16]!;
      x[t] = (v << 1) | (v >>> 31);
    }
    let a = h0;
    let bb = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let t = 0; t < 80; t++) {
      let f: number;
      let k: number;
      if (t < 20) {
        f = (bb & c) | (~bb & d);
        k = 0x5a827999;
      } else if (t < 40) {
        f = bb ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (t < 60) {
        f = (bb & c) | (bb & d) | (c & d);
        k = 0x8f1bbcdc | 0;
      } else {
        f = bb ^ c ^ d;
        k = 0xca62c1d6 | 0;
      }
      const tmp = (((a << 5) | (a >>> 27)) + f + e + k + x[t]!) | 0;
      e = d;
      d = c;
      c = (bb << 30) | (bb >>> 2);
      bb = a;
      a = tmp;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + bb) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  return [h0, h1, h2, h3, h4];
}
