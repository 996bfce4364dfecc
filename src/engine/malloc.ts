// jemalloc's size classes, as Redis's used_memory and output buffers count allocations: a module
// of its own so that the client buffers' accounting does not bring in all of memory.ts.

/** jemalloc's size class for an allocation of n bytes (4 classes per doubling above 128). */
export function mallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  const k = Math.floor(Math.log2(n - 1));
  const step = 2 ** (k - 2);
  return Math.ceil(n / step) * step;
}
