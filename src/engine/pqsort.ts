// Redis's pqsort (pqsort.c): a Bentley–McIlroy quicksort that only finishes the part holding
// ranks [lrange, rrange]. SORT … LIMIT and GEOSEARCH … COUNT use it; we reproduce its pivots and
// swaps so equal elements come out in Redis's order.

function swap<T>(v: T[], i: number, j: number): void {
  const t = v[i]!;
  v[i] = v[j]!;
  v[j] = t;
}

function vecswap<T>(v: T[], i: number, j: number, n: number): void {
  for (let k = 0; k < n; k++) swap(v, i + k, j + k);
}

function med3<T>(v: T[], a: number, b: number, c: number, cmp: (x: T, y: T) => number): number {
  return cmp(v[a]!, v[b]!) < 0 ? (cmp(v[b]!, v[c]!) < 0 ? b : cmp(v[a]!, v[c]!) < 0 ? c : a) : cmp(v[b]!, v[c]!) > 0 ? b : cmp(v[a]!, v[c]!) < 0 ? a : c;
}

/**
 * Sorts `v` far enough that positions lrange..rrange hold what a full sort would put there,
 * exactly as Redis's pqsort does (same pivots, same swaps, so the same order of equal elements).
 */
export function pqsort<T>(v: T[], cmp: (x: T, y: T) => number, lrange: number, rrange: number): void {
  pqsortPart(v, 0, v.length, cmp, lrange, rrange);
}

/** _pqsort on v[a .. a+n-1]. */
function pqsortPart<T>(v: T[], a: number, n: number, cmp: (x: T, y: T) => number, lrange: number, rrange: number): void {
  for (;;) {
    if (n < 7) {
      for (let pm = a + 1; pm < a + n; pm++) {
        for (let pl = pm; pl > a && cmp(v[pl - 1]!, v[pl]!) > 0; pl--) swap(v, pl, pl - 1);
      }
      return;
    }
    let pm = a + (n >>> 1);
    if (n > 7) {
      let pl = a;
      let pn = a + n - 1;
      if (n > 40) {
        const d = n >>> 3;
        pl = med3(v, pl, pl + d, pl + 2 * d, cmp);
        pm = med3(v, pm - d, pm, pm + d, cmp);
        pn = med3(v, pn - 2 * d, pn - d, pn, cmp);
      }
      pm = med3(v, pl, pm, pn, cmp);
    }
    swap(v, a, pm);
    let pa = a + 1;
    let pb = pa;
    let pc = a + n - 1;
    let pd = pc;
    for (;;) {
      let r: number;
      while (pb <= pc && (r = cmp(v[pb]!, v[a]!)) <= 0) {
        if (r === 0) swap(v, pa++, pb);
        pb++;
      }
      while (pb <= pc && (r = cmp(v[pc]!, v[a]!)) >= 0) {
        if (r === 0) swap(v, pc, pd--);
        pc--;
      }
      if (pb > pc) break;
      swap(v, pb++, pc--);
    }
    const pn = a + n;
    let r = Math.min(pa - a, pb - pa);
    vecswap(v, a, pb - r, r);
    r = Math.min(pd - pc, pn - pd - 1);
    vecswap(v, pb, pn - r, r);
    // Recurse into the smaller-than-pivot part, loop on the greater part, skipping a part that
    // lies wholly outside [lrange, rrange].
    r = pb - pa;
    if (r > 1) {
      const h = a + r - 1;
      if (!((lrange < a && rrange < a) || (lrange > h && rrange > h))) pqsortPart(v, a, r, cmp, lrange, rrange);
    }
    r = pd - pc;
    if (r <= 1) return;
    a = pn - r;
    n = r;
    const h = a + n - 1;
    if ((lrange < a && rrange < a) || (lrange > h && rrange > h)) return;
  }
}
