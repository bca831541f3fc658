import { binomialDeviance } from './binomial-deviance.ts';
import { stirlingError } from './stirling-error.ts';

/** A success probability p and its complement q = 1 − p, each given to full precision. */
export interface SuccessFailure {
  readonly p: number;
  readonly q: number;
}

/**
 * Internal: log of Γ(n+1)/(Γ(x+1)Γ(n−x+1)) · p^x · q^(n−x) for real 0 ≤ x ≤ n, with q = 1 − p passed
 * separately so that neither is formed by a cancelling subtraction. Loader's saddle-point form:
 * log f = δ(n) − δ(x) − δ(n−x) − bd0(x, np) − bd0(n−x, nq) − ½·log(2πx(n−x)/n).
 *
 * Reference: C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
 */
export function binomialLogDensityRaw(x: number, n: number, probabilities: SuccessFailure): number {
  const { p, q } = probabilities;
  if (p === 0) return x === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (q === 0) return x === n ? 0 : Number.NEGATIVE_INFINITY;
  if (x === 0) {
    if (n === 0) return 0;
    return p < 0.1 ? -binomialDeviance(n, n * q) - n * p : n * Math.log(q);
  }
  if (x === n) {
    return q < 0.1 ? -binomialDeviance(n, n * p) - n * q : n * Math.log(p);
  }
  if (x < 0 || x > n) return Number.NEGATIVE_INFINITY;
  const logCore =
    stirlingError(n) -
    stirlingError(x) -
    stirlingError(n - x) -
    binomialDeviance(x, n * p) -
    binomialDeviance(n - x, n * q);
  const logScale = Math.log(2 * Math.PI) + Math.log(x) + Math.log1p(-x / n);
  return logCore - 0.5 * logScale;
}
