import { binomialLogDensityRaw } from './binomial-log-density-raw.ts';

/**
 * Binomial probability mass P[X = x] for X ~ Binomial(n, p) (R: `dbinom(x, n, p)`).
 *
 * Formula: C(n, x)·p^x·(1−p)^(n−x), evaluated with Loader's saddle-point expansion
 * exp(δ(n) − δ(x) − δ(n−x) − bd0(x, np) − bd0(n−x, n(1−p))) / √(2πx(n−x)/n), where δ is the Stirling
 * error and bd0(x, μ) = x·log(x/μ) + μ − x; this keeps about 1e−15 relative accuracy even for large n
 * and far tails. x that is not an integer in [0, n] gives 0; p outside [0, 1] or a non-integer n gives NaN.
 *
 * Reference: C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
 *
 * @example binomialDensity(11, 12, 0.45) // 0.0009825...
 *
 * Validated against: R 4.2.2 dbinom (golden/distributions.json)
 */
export function binomialDensity(x: number, n: number, p: number): number {
  if (!isValidBinomial(n, p) || Number.isNaN(x)) return Number.NaN;
  if (!Number.isInteger(x) || x < 0 || x > n) return 0;
  return Math.exp(binomialLogDensityRaw(x, n, { p, q: 1 - p }));
}

function isValidBinomial(n: number, p: number): boolean {
  return Number.isInteger(n) && n >= 0 && p >= 0 && p <= 1;
}
