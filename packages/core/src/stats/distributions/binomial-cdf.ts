import { binomialTails } from './binomial-tails.ts';

/**
 * Binomial cumulative distribution function P[X ≤ x] for X ~ Binomial(n, p) (R: `pbinom(x, n, p)`).
 *
 * Formula: Σ_{i=0}^{⌊x⌋} C(n, i)·pⁱ(1−p)^(n−i), each term from Loader's saddle-point expansion, summed
 * outward from x and away from the mode until the terms no longer change the sum; when x is at or
 * above the mode the result is 1 − P[X > x] with the upper tail summed the same way. x < 0 gives 0,
 * x ≥ n gives 1; a non-integer or negative n, or p outside [0, 1], gives NaN.
 *
 * Reference: C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
 *
 * @example binomialCdf(11, 12, 0.45) // 0.9999310474764451
 *
 * Validated against: R 4.2.2 pbinom (golden/distributions.json)
 */
export function binomialCdf(x: number, n: number, p: number): number {
  return binomialTails(x, n, p).lower;
}
