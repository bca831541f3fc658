import { binomialLogDensityRaw } from './binomial-log-density-raw.ts';
import { regularizedBeta } from './regularized-beta.ts';
import { stirlingError } from './stirling-error.ts';

const maxIterations = 1000;
const halfLogTwoPi = 0.9189385332046728;

/** log Γ(s) for s > 0 from the Stirling error (only used for the starting value). */
function logGamma(s: number): number {
  return stirlingError(s) + (s + 0.5) * Math.log(s) - s + halfLogTwoPi - Math.log(s);
}

/**
 * Starting value for I_x(a, b) = p with p ≤ ½, after Majumder & Bhattacharjee (AS 64/AS 109): a
 * Cornish–Fisher-type normal approximation when a, b > 1, otherwise a chi-square approximation or the
 * leading term of the series x^a/(a·B(a, b)) in the tail.
 */
function initialGuess(p: number, a: number, b: number): number {
  const r0 = Math.sqrt(-2 * Math.log(p));
  const y = r0 - (2.30753 + 0.27061 * r0) / (1 + (0.99229 + 0.04481 * r0) * r0);
  const logBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
  let guess: number;
  if (a > 1 && b > 1) {
    const r = (y * y - 3) / 6;
    const s = 1 / (a + a - 1);
    const t = 1 / (b + b - 1);
    const h = 2 / (s + t);
    const w = (y * Math.sqrt(h + r)) / h - (t - s) * (r + 5 / 6 - 2 / (3 * h));
    guess = a / (a + b * Math.exp(w + w));
  } else {
    const r = b + b;
    let t = 1 / (9 * b);
    t = r * (1 - t + y * Math.sqrt(t)) ** 3;
    if (t <= 0) {
      guess = 1 - Math.exp((Math.log1p(-p) + Math.log(b) + logBeta) / b);
    } else {
      t = (4 * a + r - 2) / t;
      guess = t <= 1 ? Math.exp((Math.log(p * a) + logBeta) / a) : 1 - 2 / (t + 1);
    }
  }
  return Number.isFinite(guess) && guess > 0 && guess < 1 ? guess : 0.5;
}

/** Beta density x^(a−1)(1−x)^(b−1)/B(a, b) = ab/((a+b)·x·y) · C(a+b, a)x^a y^b via Loader's term. */
function betaDensity(x: number, a: number, b: number): number {
  const y = 1 - x;
  return ((a * b) / (a + b)) * (Math.exp(binomialLogDensityRaw(a, a + b, { p: x, q: y })) / (x * y));
}

/**
 * Solves I_x(a, b) = p for p ≤ ½ by Newton's method on the lower tail with a bisection safeguard,
 * keeping a bracket [low, high] with I(low) < p < I(high); iterates to the last bit.
 */
function solveLowerTail(p: number, a: number, b: number): number {
  let low = 0;
  let high = 1;
  let x = initialGuess(p, a, b);
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    const difference = regularizedBeta(x, a, b).lower - p;
    if (difference === 0) return x;
    if (difference < 0) low = x;
    else high = x;
    const density = betaDensity(x, a, b);
    let next = x - difference / density;
    // Stop once the Newton step is at the last-bit level (about two ulp): further steps only oscillate.
    if (Math.abs(next - x) <= 4.5e-16 * x) return next;
    if (!(next > low && next < high)) {
      // Bisect, geometrically while the bracket spans orders of magnitude near 0.
      if (low === 0) next = high / 4;
      else next = high / low > 4 ? Math.sqrt(low * high) : (low + high) / 2;
      if (next === low || next === high) return next;
    }
    x = next;
  }
  return x;
}

/**
 * Beta quantile function: the x with P[B ≤ x] = p for B ~ Beta(a, b) (R: `qbeta(p, a, b)`).
 *
 * Formula: the root of I_x(a, b) = p, found by Newton's method x ← x − (I_x(a, b) − p)/f(x) with a
 * bisection safeguard on a bracket that always contains the root, started from the AS 109
 * approximation and iterated to full double precision. As in R, p > ½ is solved on the other tail:
 * y = 1 − x solves I_y(b, a) = 1 − p, and 1 − y is returned. p = 0 gives 0, p = 1 gives 1; p outside
 * [0, 1] or invalid shapes give NaN.
 *
 * Reference: K. L. Majumder and G. P. Bhattacharjee, "Algorithm AS 64: Inverse of the incomplete beta
 * function ratio", Applied Statistics 22 (1973) 411–414, with the starting value of G. W. Cran et al.,
 * "Remark AS R19 and Algorithm AS 109", Applied Statistics 26 (1977) 111–114.
 *
 * @example betaQuantile(0.025, 11, 2) // 0.6152038348490559, the Clopper–Pearson lower limit for 11/12
 *
 * Validated against: R 4.2.2 qbeta (golden/distributions.json, golden/stats_tests.json)
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    return Number.NaN;
  }
  if (p === 0) return 0;
  if (p === 1) return 1;
  if (p <= 0.5) return solveLowerTail(p, a, b);
  return 1 - solveLowerTail(1 - p, b, a);
}
