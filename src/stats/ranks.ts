// Ranks with ties, by one sort: the building block of the rank tests (Corrado 1989, Wilcoxon 1945).

let indexScratch = new Int32Array(64);

/**
 * Sorts `idx[0..n)` (indices into `values`) by increasing value: quicksort (median of three)
 * with insertion sort for short ranges, comparisons inlined (no comparator callback).
 */
function sortIndices(idx: Int32Array, values: ArrayLike<number>, n: number): void {
  let sp = 0;
  stack[sp++] = 0;
  stack[sp++] = n - 1;
  while (sp > 0) {
    let hi = stack[--sp]!;
    let lo = stack[--sp]!;
    while (hi - lo > 16) {
      const mid = (lo + hi) >>> 1;
      // median of three: order idx[lo] <= idx[mid] <= idx[hi] by value
      if (values[idx[mid]!]! < values[idx[lo]!]!) swap(idx, lo, mid);
      if (values[idx[hi]!]! < values[idx[mid]!]!) {
        swap(idx, mid, hi);
        if (values[idx[mid]!]! < values[idx[lo]!]!) swap(idx, lo, mid);
      }
      const pivot = values[idx[mid]!]!;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (values[idx[i]!]! < pivot) i++;
        while (values[idx[j]!]! > pivot) j--;
        if (i <= j) {
          swap(idx, i, j);
          i++;
          j--;
        }
      }
      // push the larger part, loop on the smaller: the stack stays O(log n)
      if (j - lo > hi - i) {
        if (lo < j) {
          stack[sp++] = lo;
          stack[sp++] = j;
        }
        lo = i;
      } else {
        if (i < hi) {
          stack[sp++] = i;
          stack[sp++] = hi;
        }
        hi = j;
      }
    }
    for (let i = lo + 1; i <= hi; i++) {
      const t = idx[i]!;
      const v = values[t]!;
      let j = i - 1;
      while (j >= lo && values[idx[j]!]! > v) {
        idx[j + 1] = idx[j]!;
        j--;
      }
      idx[j + 1] = t;
    }
  }
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

const stack = new Int32Array(128);

/**
 * Mid-ranks (1-based; tied values share the average of the ranks they span) of the finite values
 * of `values`, written into `out` at the same positions; NaN positions of `values` get NaN.
 * One sort of an index array, then one pass over the sorted order. Returns how many values were
 * ranked.
 *
 * @example
 * const out = new Float64Array(4);
 * midranks([0.3, NaN, -0.1, 0.3], out); // 3, out = [2.5, NaN, 1, 2.5]
 */
export function midranks(values: ArrayLike<number>, out: Float64Array): number {
  const len = values.length;
  if (indexScratch.length < len) indexScratch = new Int32Array(Math.max(len, 2 * indexScratch.length));
  const idx = indexScratch;
  let m = 0;
  for (let i = 0; i < len; i++) {
    const v = values[i]!;
    if (v === v) idx[m++] = i;
    else out[i] = NaN;
  }
  if (m > 1) sortIndices(idx, values, m);
  for (let k = 0; k < m; ) {
    const v = values[idx[k]!]!;
    let j = k + 1;
    while (j < m && values[idx[j]!]! === v) j++;
    // sorted positions k..j-1 hold ranks k+1..j, whose average is (k + 1 + j) / 2
    const r = (k + 1 + j) / 2;
    for (let q = k; q < j; q++) out[idx[q]!] = r;
    k = j;
  }
  return m;
}
