/**
 * Internal: the error of Stirling's approximation, δ(n) = log Γ(n+1) − [(n+½)·log n − n + log √(2π)],
 * for real n > 0. Building block of Loader's saddle-point densities (binomial, Poisson, beta).
 */

/** δ(k/2) for k = 0..30, i.e. n = 0, 0.5, …, 15 (computed to 40 digits, rounded to double). */
const halfIntegerValues = [
  0.0, 0.15342640972002736, 0.08106146679532726, 0.05481412105191765, 0.0413406959554093, 0.03316287351993629,
  0.02767792568499834, 0.023746163656297496, 0.020790672103765093, 0.018488450532673187, 0.016644691189821193,
  0.015134973221917378, 0.013876128823070748, 0.012810465242920227, 0.01189670994589177, 0.011104559758206917,
  0.010411265261972096, 0.009799416126158804, 0.009255462182712733, 0.008768700134139386, 0.00833056343336287,
  0.00793411456431402, 0.007573675487951841, 0.007244554301320383, 0.00694284010720953, 0.006665247032707682,
  0.006408994188004207, 0.006171712263039458, 0.0059513701127588475, 0.0057462165130101155, 0.005554733551962801,
] as const;

// Coefficients of the Stirling series δ(n) ~ 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹).
const s0 = 1 / 12;
const s1 = 1 / 360;
const s2 = 1 / 1260;
const s3 = 1 / 1680;
const s4 = 1 / 1188;

function stirlingSeries(n: number): number {
  const nn = n * n;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/**
 * δ(n) with absolute error about 1e−16: a table at half-integers up to 15, the asymptotic series
 * above 15, and elsewhere the upward recurrence δ(n) = δ(n+1) + (n+½)·log(1+1/n) − 1.
 *
 * Reference: C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
 */
export function stirlingError(n: number): number {
  if (n > 15) return stirlingSeries(n);
  const doubled = n + n;
  if (Number.isInteger(doubled)) return halfIntegerValues[doubled] ?? Number.NaN;
  if (!(n > 0)) return Number.NaN;
  let shifted = n;
  let correction = 0;
  while (shifted <= 15) {
    correction += (shifted + 0.5) * Math.log1p(1 / shifted) - 1;
    shifted += 1;
  }
  return stirlingSeries(shifted) + correction;
}
