import { logGammaOnePlus } from './log-gamma-one-plus.ts';
import { poissonDensityRaw } from './poisson-density-raw.ts';

/**
 * Internal: the regularized incomplete gamma functions P(a, z) = γ(a, z)/Γ(a) and
 * Q(a, z) = Γ(a, z)/Γ(a), each returned directly (not as 1 − the other) where it is the smaller.
 */

export interface GammaTails {
  /** P(a, z), the lower tail. */
  readonly lower: number;
  /** Q(a, z) = 1 − P(a, z), the upper tail. */
  readonly upper: number;
}

const epsilon = 2.220446049250313e-16;
const tiny = 1e-300;
const maxIterations = 100_000;

/** P by its power series: P = z^a e^{−z}/Γ(a+1) · Σ_{n≥0} zⁿ/((a+1)…(a+n)). */
function lowerBySeries(a: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < maxIterations; n += 1) {
    term *= z / (a + n);
    sum += term;
    if (term <= sum * epsilon * 0.5) break;
  }
  return poissonDensityRaw(a, z) * sum;
}

/** Q by Legendre's continued fraction, evaluated with the modified Lentz algorithm. */
function upperByContinuedFraction(a: number, z: number): number {
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < maxIterations; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= epsilon) break;
  }
  // z^a e^{−z}/Γ(a) = a · z^a e^{−z}/Γ(a+1).
  return a * poissonDensityRaw(a, z) * h;
}

/**
 * Small a (< 1) and small z: P = u(1 + a·S), Q = −expm1(a·log z − log Γ(1+a)) − u·a·S with
 * u = z^a/Γ(1+a) and S = Σ_{n≥1} (−z)ⁿ/(n!(a+n)); both parts of Q are positive, so Q keeps its
 * relative accuracy even when a → 0 (where Q → 0 and 1 − P would cancel).
 */
function tailsForSmallShape(a: number, z: number): GammaTails {
  const exponent = a * Math.log(z) - logGammaOnePlus(a);
  const u = Math.exp(exponent);
  let term = 1;
  let sum = 0;
  for (let n = 1; n < maxIterations; n += 1) {
    term *= -z / n;
    const increment = term / (a + n);
    sum += increment;
    if (Math.abs(increment) <= Math.abs(sum) * epsilon * 0.5) break;
  }
  return { lower: u * (1 + a * sum), upper: -Math.expm1(exponent) - u * a * sum };
}

/** Regularized incomplete gamma P(a, z) and Q(a, z) for shape a > 0 and z ≥ 0. */
export function regularizedGamma(a: number, z: number): GammaTails {
  if (Number.isNaN(a) || Number.isNaN(z) || !(a > 0)) return { lower: Number.NaN, upper: Number.NaN };
  if (z <= 0) return { lower: 0, upper: 1 };
  if (z === Number.POSITIVE_INFINITY) return { lower: 1, upper: 0 };
  if (z < a + 1) {
    if (a < 1) return tailsForSmallShape(a, z);
    const lower = lowerBySeries(a, z);
    return { lower, upper: 1 - lower };
  }
  const upper = upperByContinuedFraction(a, z);
  return { lower: 1 - upper, upper };
}
