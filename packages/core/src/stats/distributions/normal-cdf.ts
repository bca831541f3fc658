import { codyNormalTails } from './cody-normal-tails.ts';

/**
 * Standard normal cumulative distribution function Φ(x) = P[Z ≤ x].
 *
 * Formula: Φ(x) = ½·erfc(−x/√2), evaluated with Cody's rational Chebyshev approximations in three
 * ranges (|x| ≤ 0.66291, ≤ √32, > √32); for x < 0 the value is computed directly as a small tail,
 * never as 1 − Φ(−x), so it keeps full relative accuracy down to about x = −38 (underflow below).
 *
 * Reference: W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
 * (1969) 631–637; ACM TOMS Algorithm 715 (ANORM), 1993.
 *
 * @example normalCdf(1.959963984540054) // 0.975
 *
 * Validated against: R 4.2.2 pnorm (golden/distributions.json)
 */
export function normalCdf(x: number): number {
  return codyNormalTails(x).lower;
}
