import { binomialLogDensityRaw } from './binomial-log-density-raw.ts';

/** Urn of the hypergeometric distribution, named as in R's `dhyper(x, m, n, k)`. */
export interface HypergeometricUrn {
  /** m: number of "white" items (successes) in the population. */
  readonly successes: number;
  /** n: number of "black" items (failures) in the population. */
  readonly failures: number;
  /** k: number of items drawn without replacement. */
  readonly draws: number;
}

/**
 * Natural log of the hypergeometric probability P[X = x] = C(m, x)·C(n, k−x)/C(m+n, k)
 * (R: `dhyper(x, m, n, k, log = TRUE)`).
 *
 * Formula: with p = k/(m+n), the ratio of three binomial probabilities
 * log b(x; m, p) + log b(k−x; n, p) − log b(k; m+n, p), each from Loader's saddle-point expansion, which
 * avoids the cancellation of log-factorial differences. Outside the support max(0, k−n)..min(k, m)
 * the result is −∞; invalid counts give NaN.
 *
 * Reference: C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
 *
 * @example hypergeometricLogDensity(3, { successes: 4, failures: 4, draws: 4 }) // log(16/70)
 *
 * Validated against: R 4.2.2 dhyper(log = TRUE) (golden/distributions.json)
 */
export function hypergeometricLogDensity(x: number, urn: HypergeometricUrn): number {
  const { successes: m, failures: n, draws: k } = urn;
  const counts = [x, m, n, k];
  if (counts.some((value) => !Number.isInteger(value)) || m < 0 || n < 0 || k < 0 || k > m + n) return Number.NaN;
  if (x < 0 || x > k || x > m || k - x > n) return Number.NEGATIVE_INFINITY;
  if (k === 0) return 0;
  const total = m + n;
  const probabilities = { p: k / total, q: (total - k) / total };
  return (
    binomialLogDensityRaw(x, m, probabilities) +
    binomialLogDensityRaw(k - x, n, probabilities) -
    binomialLogDensityRaw(k, total, probabilities)
  );
}
