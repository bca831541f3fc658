import { binomialLogDensityRaw } from './binomial-log-density-raw.ts';

/**
 * Internal: the regularized incomplete beta function I_x(a, b) and its complement 1 − I_x(a, b),
 * each computed directly on the side where it is small (no 1 − value cancellation there).
 */

export interface BetaTails {
  /** I_x(a, b) = P[B ≤ x] for B ~ Beta(a, b). */
  readonly lower: number;
  /** 1 − I_x(a, b) = P[B > x]. */
  readonly upper: number;
}

const epsilon = 2.220446049250313e-16;
const tiny = 1e-300;
const maxIterations = 100_000;

/** The point x (with y = 1 − x given separately) and the shapes a, b. */
interface BetaPoint {
  readonly x: number;
  readonly y: number;
  readonly a: number;
  readonly b: number;
}

/**
 * x^a·y^b / (a·B(a, b)) with y = 1 − x, as (b/(a+b))·C(a+b, a)·x^a·y^b where the generalised
 * binomial coefficient term is Loader's saddle-point density (full relative accuracy for large a, b).
 */
function continuedFractionPrefactor({ x, y, a, b }: BetaPoint): number {
  return (b / (a + b)) * Math.exp(binomialLogDensityRaw(a, a + b, { p: x, q: y }));
}

/**
 * The continued fraction I_x(a, b) = prefactor · 1/(1+ d₁/(1+ d₂/(1+ …))) with
 * d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)),
 * evaluated by the modified Lentz algorithm; it converges fast for x < (a+1)/(a+b+2).
 */
function lowerByContinuedFraction(point: BetaPoint): number {
  const { x, a, b } = point;
  const sum = a + b;
  let c = 1;
  let d = 1 - (sum * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < maxIterations; m += 1) {
    const twoM = m + m;
    let coefficient = (m * (b - m) * x) / ((a - 1 + twoM) * (a + twoM));
    d = 1 + coefficient * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + coefficient / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    coefficient = (-(a + m) * (sum + m) * x) / ((a + twoM) * (a + 1 + twoM));
    d = 1 + coefficient * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + coefficient / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= epsilon) break;
  }
  return continuedFractionPrefactor(point) * h;
}

/** I_x(a, b) and 1 − I_x(a, b) for shapes a, b > 0 and 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): BetaTails {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    return { lower: Number.NaN, upper: Number.NaN };
  }
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x >= 1) return { lower: 1, upper: 0 };
  const y = 1 - x;
  if (x < (a + 1) / (a + b + 2)) {
    const lower = lowerByContinuedFraction({ x, y, a, b });
    return { lower, upper: 1 - lower };
  }
  // Symmetry: 1 − I_x(a, b) = I_{1−x}(b, a).
  const upper = lowerByContinuedFraction({ x: y, y: x, a: b, b: a });
  return { lower: 1 - upper, upper };
}
