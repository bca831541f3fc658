import { codyNormalTails } from './cody-normal-tails.ts';
import { regularizedGamma } from './regularized-gamma.ts';

/**
 * Upper tail probability of the chi-square distribution, P[X > x] for X ~ χ²(df)
 * (R: `pchisq(x, df, lower.tail = FALSE)`), for any real df > 0.
 *
 * Formula: P[X > x] = Q(df/2, x/2), the regularized upper incomplete gamma function, computed by
 * the power series of P when x/2 < df/2 + 1 and by Legendre's continued fraction (modified Lentz)
 * otherwise, with the prefactor (x/2)^{df/2} e^{−x/2}/Γ(df/2 + 1) from Loader's saddle-point form so
 * that p-values near 1e−10 keep about 1e−14 relative accuracy. For df = 1 it is 2·Q_N(√x) with Cody's
 * normal tail. x ≤ 0 gives 1; x = ∞ gives 0; df ≤ 0 or NaN input gives NaN.
 *
 * Reference: W. H. Press et al., Numerical Recipes, 3rd ed. (2007), §6.2; C. Loader, "Fast and
 * accurate computation of binomial probabilities" (2000); W. J. Cody, Math. Comp. 23 (1969) 631–637.
 *
 * @example chiSquareUpperTail(3.841458820694124, 1) // 0.05
 *
 * Validated against: R 4.2.2 pchisq(lower.tail = FALSE) (golden/distributions.json, golden/musto2007.json)
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  if (df === 1) return 2 * codyNormalTails(Math.sqrt(x)).upper;
  return regularizedGamma(df / 2, x / 2).upper;
}
