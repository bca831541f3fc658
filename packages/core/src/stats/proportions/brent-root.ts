/**
 * Internal: Brent's root finder in the form R's `uniroot()` uses (C `R_zeroin2`), so that estimates
 * defined "as R computes them" (the Fisher conditional MLE and its confidence limits, whose tolerance
 * is loose) come out with R's digits, not just near the exact root.
 */

const epsilon = 2.220446049250313e-16;

/** R's default `uniroot` tolerance, .Machine$double.eps^0.25 = 2^−13. */
export const rUnirootTolerance = 2 ** -13;

export interface BrentRootOptions {
  /** Absolute tolerance on the root; default R's 2^−13. */
  readonly tolerance?: number;
  /** Default 1000, as in `uniroot`. */
  readonly maxIterations?: number;
}

export interface BrentRoot {
  readonly root: number;
  /** Number of function evaluations inside the loop; −1 if maxIterations was reached. */
  readonly iterations: number;
  /** |c − b| at exit: R's `estim.prec`. */
  readonly estimatedPrecision: number;
}

/**
 * Finds a zero of f in [lower, upper], where f(lower) and f(upper) have opposite signs, by Brent's
 * method: bisection safeguarding secant and inverse quadratic interpolation steps. This follows the
 * netlib C version of Brent's procedure `zero` that R adopted (the interpolation is accepted when it
 * falls inside [b, c] and is smaller than half of the previous step b − a), with step tolerance
 * 2·ε·|b| + tol/2.
 *
 * Reference: R. P. Brent, Algorithms for Minimization without Derivatives (1973), ch. 4, procedure
 * `zero`; G. E. Forsythe, M. A. Malcolm and C. B. Moler, Computer Methods for Mathematical
 * Computations (1977), `zeroin`.
 */
export function findRootBrent(
  f: (x: number) => number,
  lower: number,
  upper: number,
  options: BrentRootOptions = {},
): BrentRoot {
  const tolerance = options.tolerance ?? rUnirootTolerance;
  const maxIterations = options.maxIterations ?? 1000;
  let a = lower;
  let b = upper;
  let fa = f(a);
  let fb = f(b);
  if (Number.isNaN(fa) || Number.isNaN(fb)) throw new RangeError('findRootBrent: f is NaN at an end point');
  if (fa * fb > 0) throw new RangeError('findRootBrent: f() values at end points not of opposite sign');
  if (fa === 0) return { root: a, iterations: 0, estimatedPrecision: 0 };
  if (fb === 0) return { root: b, iterations: 0, estimatedPrecision: 0 };
  let c = a;
  let fc = fa;
  for (let remaining = maxIterations + 1, used = 0; remaining > 0; remaining -= 1, used += 1) {
    const previousStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      // Make b the best approximation so far.
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const actualTolerance = 2 * epsilon * Math.abs(b) + tolerance / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= actualTolerance || fb === 0) {
      return { root: b, iterations: used, estimatedPrecision: Math.abs(c - b) };
    }
    if (Math.abs(previousStep) >= actualTolerance && Math.abs(fa) > Math.abs(fb)) {
      // Interpolation may be tried: secant with two distinct points, inverse quadratic with three.
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(actualTolerance * q) / 2 && p < Math.abs((previousStep * q) / 2)) {
        newStep = p / q;
      }
    }
    if (Math.abs(newStep) < actualTolerance) newStep = newStep > 0 ? actualTolerance : -actualTolerance;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return { root: b, iterations: -1, estimatedPrecision: -1 };
}
