import { regularizedBeta } from './regularized-beta.ts';

/**
 * Beta upper tail probability P[B > x] = 1 − I_x(a, b) for B ~ Beta(a, b)
 * (R: `pbeta(x, a, b, lower.tail = FALSE)`).
 *
 * Formula: 1 − I_x(a, b) = I_{1−x}(b, a), evaluated by the same continued fraction as `betaCdf` on
 * the side where it converges, so small upper tails keep full relative accuracy.
 *
 * Reference: W. H. Press et al., Numerical Recipes, 3rd ed. (2007), §6.4.
 *
 * @example betaUpperTail(0.5, 2, 3) // 0.3125
 *
 * Validated against: R 4.2.2 pbeta(lower.tail = FALSE) (golden/distributions.json)
 */
export function betaUpperTail(x: number, a: number, b: number): number {
  return regularizedBeta(x, a, b).upper;
}
