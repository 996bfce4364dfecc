// Redis's own lrand48 (src/rand.c), behind math.random in scripts so that every machine gives
// the same sequence: a 48-bit linear congruential generator x = 0x5DEECE66D·x + 0xB mod 2^48,
// answering its top 31 bits. Redis keeps one per process, never reseeded by SCRIPT FLUSH; here
// one per engine (Scripting), seeded the same way at start.

const A = 0x5deece66dn;
const C = 0xbn;
const MASK = (1n << 48n) - 1n;
/** X0..X2 of rand.c: the state before any seeding. */
const INITIAL = (0x1234n << 32n) | (0xabcdn << 16n) | 0x330en;
/** REDIS_LRAND48_MAX (INT32_MAX): math.random divides by it. */
export const LRAND48_MAX = 2147483647;

export class Rand48 {
  private x = INITIAL;

  /** redisLrand48: the next value in [0, 2^31). */
  next(): number {
    this.x = (A * this.x + C) & MASK;
    return Number(this.x >> 17n);
  }

  /** redisSrand48: the seed's 32 bits above 0x330E (a and c back to their constants). */
  seed(seedval: number): void {
    const s = BigInt(seedval | 0) & 0xffffffffn;
    this.x = (s << 16n) | 0x330en;
  }

  /** math.random's r: (lrand48() % REDIS_LRAND48_MAX) / REDIS_LRAND48_MAX, in [0, 1). */
  random(): number {
    return (this.next() % LRAND48_MAX) / LRAND48_MAX;
  }
}
