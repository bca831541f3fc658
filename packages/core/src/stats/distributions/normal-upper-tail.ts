import { codyNormalTails } from './cody-normal-tails.ts';

/**
 * Standard normal upper tail probability Q(x) = P[Z > x] = 1 − Φ(x) (R: `pnorm(x, lower.tail = FALSE)`).
 *
 * Formula: Q(x) = ½·erfc(x/√2), evaluated directly with Cody's rational Chebyshev approximations, so
 * that far-tail values such as Q(8) = 6.2e−16 keep full relative accuracy instead of cancelling in
 * 1 − Φ(x).
 *
 * Reference: W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
 * (1969) 631–637; ACM TOMS Algorithm 715 (ANORM), 1993.
 *
 * @example normalUpperTail(1.959963984540054) // 0.025
 *
 * Validated against: R 4.2.2 pnorm(lower.tail = FALSE) (golden/distributions.json)
 */
export function normalUpperTail(x: number): number {
  return codyNormalTails(x).upper;
}
