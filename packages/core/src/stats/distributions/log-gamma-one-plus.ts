/**
 * Internal: log Γ(1 + a) for |a| < 1 with full relative accuracy near a = 0, where
 * log Γ(1 + a) ≈ −γa and a generic log-gamma would lose all digits.
 */

const eulerGamma = 0.5772156649015329;

/** ζ(k) − 1 for k = 2..30 (computed to 40 digits, rounded to double). */
const zetaMinusOne = [
  0.6449340668482264, 0.2020569031595943, 0.08232323371113819, 0.03692775514336993, 0.01734306198444914,
  0.008349277381922827, 0.00407735619794434, 0.0020083928260822143, 0.0009945751278180853, 0.0004941886041194645,
  0.0002460865533080483, 0.00012271334757848915, 6.124813505870483e-5, 3.058823630702049e-5, 1.528225940865187e-5,
  7.637197637899763e-6, 3.81729326499984e-6, 1.908212716553939e-6, 9.539620338727962e-7, 4.769329867878064e-7,
  2.38450502727733e-7, 1.1921992596531106e-7, 5.960818905125948e-8, 2.980350351465228e-8, 1.4901554828365043e-8,
  7.45071178983543e-9, 3.725334024788457e-9, 1.862659723513049e-9, 9.313274324196682e-10,
] as const;

function zetaMinusOneAt(k: number): number {
  const tabulated = zetaMinusOne[k - 2];
  if (tabulated !== undefined) return tabulated;
  // k > 30: Σ_{n≥2} n^−k converges after a handful of terms.
  let sum = 0;
  for (let n = 2; n < 20; n += 1) sum += n ** -k;
  return sum;
}

/**
 * log Γ(1 + a) = −log(1 + a) + log Γ(2 + a), with the Taylor series about 2:
 * log Γ(2 + a) = (1 − γ)a + Σ_{k≥2} (−1)^k (ζ(k) − 1) a^k / k, which converges like (a/2)^k.
 *
 * Reference: M. Abramowitz and I. A. Stegun, Handbook of Mathematical Functions, 6.1.33.
 */
export function logGammaOnePlus(a: number): number {
  if (!(Math.abs(a) < 1)) return Number.NaN;
  let sum = 0;
  let power = -a;
  for (let k = 2; k < 200; k += 1) {
    power *= -a;
    const term = (zetaMinusOneAt(k) * power) / k;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return (1 - eulerGamma) * a + sum - Math.log1p(a);
}
