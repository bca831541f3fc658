import { binomialTails } from './binomial-tails.ts';

/**
 * Binomial upper tail probability P[X > x] for X ~ Binomial(n, p) (R: `pbinom(x, n, p, lower.tail = FALSE)`).
 *
 * Formula: Σ_{i=⌊x⌋+1}^{n} C(n, i)·pⁱ(1−p)^(n−i), summed directly (terms from Loader's saddle-point
 * expansion) when x is at or above the mode, so small upper tails keep full relative accuracy, and
 * 1 − P[X ≤ x] otherwise. x < 0 gives 1, x ≥ n gives 0.
 *
 * Reference: C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
 *
 * @example binomialUpperTail(10, 12, 0.45) // 0.0010802562023605957 = P[X ≥ 11]
 *
 * Validated against: R 4.2.2 pbinom(lower.tail = FALSE) (golden/distributions.json)
 */
export function binomialUpperTail(x: number, n: number, p: number): number {
  return binomialTails(x, n, p).upper;
}
