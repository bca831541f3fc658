/**
 * R survival's `timefix` (`aeqSurv`): times that differ by floating-point noise are merged into one
 * time before any survival estimate is computed, so that 30 and 30.000000001 are a tie.
 */

/** R's `sqrt(.Machine$double.eps)`, the tolerance of `aeqSurv` and `all.equal` (exactly 2^−26). */
export const timefixTolerance = Math.sqrt(Number.EPSILON);

/**
 * For sorted distinct times `y`, the index of the first time of each one's tied run (`aeqSurv`'s
 * `findInterval(y, cuts)` − 1). A gap is tied if `dy ≤ tol` or `dy / mean(|y|) ≤ tol`; runs chain.
 */
export function timefixRunStarts(sortedDistinct: Float64Array): Int32Array {
  const count = sortedDistinct.length;
  const runStart = new Int32Array(count);
  if (count < 2) return runStart;
  const scale = meanAbsolute(sortedDistinct);
  let start = 0;
  for (let i = 1; i < count; i += 1) {
    const gap = (sortedDistinct[i] as number) - (sortedDistinct[i - 1] as number);
    if (!(gap <= timefixTolerance || gap / scale <= timefixTolerance)) start = i;
    runStart[i] = start;
  }
  return runStart;
}

/**
 * R's `mean()` of |y|: a long-double sum refined by a second pass; emulated here with compensated
 * (two-sum) accumulation, which rounds to the same double except in rare double-rounding cases.
 */
function meanAbsolute(values: Float64Array): number {
  const count = values.length;
  let high = 0;
  let low = 0;
  for (let i = 0; i < count; i += 1) {
    const x = Math.abs(values[i] as number);
    const sum = high + x;
    const back = sum - high;
    low += high - (sum - back) + (x - back);
    high = sum;
  }
  const mean = (high + low) / count;
  let refineHigh = 0;
  let refineLow = 0;
  for (let i = 0; i < count; i += 1) {
    const x = Math.abs(values[i] as number) - mean;
    const sum = refineHigh + x;
    const back = sum - refineHigh;
    refineLow += refineHigh - (sum - back) + (x - back);
    refineHigh = sum;
  }
  return mean + (refineHigh + refineLow) / count;
}

/**
 * Replaces near-equal times by the first time of their tied run, as R survival's `aeqSurv()` does
 * for `timefix = TRUE` (the default of `survfit`, `survdiff` and `coxph`).
 *
 * Formula: with `y` the sorted distinct times and `dy = diff(y)`, a gap is tied when
 * `dy ≤ √ε` or `dy / mean(|y|) ≤ √ε` (√ε = 2^−26 ≈ 1.49e−8). Tied gaps chain, so every time is
 * mapped to the smallest time of its run (`findInterval` on the untied cut points). Censoring status
 * is untouched; non-finite times are left as they are.
 *
 * Reference: Therneau T. survival 3.5-3, `aeqSurv.R`; "Roundoff error and tied times" vignette.
 *
 * @example
 * applyTimefix([1, 1 + 1e-12, 2, 3, 3 + 1e-9]); // Float64Array [1, 1, 2, 3, 3]
 *
 * Validated against: R survival 3.5-3 survfit (golden/edge_cases.json → timefix_near_ties)
 */
export function applyTimefix(time: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(time);
  const finite = out.filter((value) => Number.isFinite(value));
  const sorted = Float64Array.from(new Set(finite)).sort();
  const runStart = timefixRunStarts(sorted);
  let anyTied = false;
  for (let i = 0; i < runStart.length && !anyTied; i += 1) anyTied = runStart[i] !== i;
  if (!anyTied) return out;
  const replacement = new Map<number, number>();
  for (let i = 0; i < sorted.length; i += 1) {
    replacement.set(sorted[i] as number, sorted[runStart[i] as number] as number);
  }
  for (let i = 0; i < out.length; i += 1) {
    const merged = replacement.get(out[i] as number);
    if (merged !== undefined) out[i] = merged;
  }
  return out;
}
