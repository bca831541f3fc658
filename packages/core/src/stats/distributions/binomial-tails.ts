import { binomialLogDensityRaw, type SuccessFailure } from './binomial-log-density-raw.ts';

/**
 * Internal: P[X ≤ x] and P[X > x] for X ~ Binomial(n, p) by summing Loader's saddle-point
 * probabilities outward from x, away from the mode, so the terms decrease and the sum stops once
 * they no longer change it. The tail on the far side of the mode is summed directly; the other is
 * 1 − that tail, which is then at least about ⅓, so nothing is lost to cancellation.
 */

export interface BinomialTails {
  /** P[X ≤ x]. */
  readonly lower: number;
  /** P[X > x]. */
  readonly upper: number;
}

const epsilon = 2.220446049250313e-16;

function sumDownFrom(start: number, n: number, probabilities: SuccessFailure): number {
  let sum = 0;
  for (let i = start; i >= 0; i -= 1) {
    const term = Math.exp(binomialLogDensityRaw(i, n, probabilities));
    sum += term;
    if (term <= sum * epsilon * 0.125) break;
  }
  return sum;
}

function sumUpFrom(start: number, n: number, probabilities: SuccessFailure): number {
  let sum = 0;
  for (let i = start; i <= n; i += 1) {
    const term = Math.exp(binomialLogDensityRaw(i, n, probabilities));
    sum += term;
    if (term <= sum * epsilon * 0.125) break;
  }
  return sum;
}

/** Both tails at x (x is floored, as R does for the CDF) for integer n ≥ 0 and 0 ≤ p ≤ 1. */
export function binomialTails(x: number, n: number, p: number): BinomialTails {
  if (Number.isNaN(x) || !Number.isInteger(n) || n < 0 || !(p >= 0 && p <= 1)) {
    return { lower: Number.NaN, upper: Number.NaN };
  }
  const k = Math.floor(x + 1e-7);
  if (k < 0) return { lower: 0, upper: 1 };
  if (k >= n) return { lower: 1, upper: 0 };
  const probabilities = { p, q: 1 - p };
  const mode = Math.floor((n + 1) * p);
  if (k < mode) {
    // Terms P[X = i], i ≤ k, increase with i: sum from k downwards.
    const lower = sumDownFrom(k, n, probabilities);
    return { lower, upper: 1 - lower };
  }
  // Terms P[X = i], i ≥ k + 1 > mode, decrease with i: sum from k + 1 upwards.
  const upper = sumUpFrom(k + 1, n, probabilities);
  return { lower: 1 - upper, upper };
}
