/**
 * Inverse-variance building blocks of metafor's rma.uni for the intercept-only model: the projection
 * P = W − W1(1ᵀW1)⁻¹1ᵀW with W = diag(1/(vi + τ²)), its traces and quadratic forms, in O(k) without
 * forming the k × k matrix. Internal to meta-analysis/; not exported from the package.
 */

/** Quantities of P = W − wwᵀ/Σw (w = 1/(vi + τ²)) that metafor's τ² estimators and I² need. */
export interface WeightedProjection {
  readonly weights: Float64Array;
  readonly sumWeights: number;
  /** Σwy/Σw: the weighted mean of the y given (the centred y when called with them). */
  readonly weightedMean: number;
  /** tr(P) = Σw − Σw²/Σw. */
  readonly traceP: number;
  /** tr(PP) = sum(P*P) (P is symmetric). */
  readonly tracePP: number;
  /** yᵀPy = Σw(y − ȳ_w)²: Cochran's Q when τ² = 0. */
  readonly quadraticP: number;
  /** yᵀPPy = Σw²(y − ȳ_w)². */
  readonly quadraticPP: number;
}

/** Returns yi minus their arithmetic mean: metafor centres yi (`Ymc`) before estimating τ². */
export function centreValues(values: ArrayLike<number>): Float64Array {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i] ?? Number.NaN;
  const mean = sum / values.length;
  const centred = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) centred[i] = (values[i] ?? Number.NaN) - mean;
  return centred;
}

/** Computes the traces and quadratic forms of P at the given τ² for the values y. */
export function computeWeightedProjection(
  y: ArrayLike<number>,
  vi: readonly number[],
  tau2: number,
): WeightedProjection {
  const k = vi.length;
  const weights = new Float64Array(k);
  let sumWeights = 0;
  let sumWeightedY = 0;
  for (let i = 0; i < k; i += 1) {
    const w = 1 / ((vi[i] ?? Number.NaN) + tau2);
    weights[i] = w;
    sumWeights += w;
    sumWeightedY += w * (y[i] ?? Number.NaN);
  }
  const weightedMean = sumWeightedY / sumWeights;
  let traceP = 0;
  let diagonalSquares = 0;
  // Σ_{i≠j} (w_i w_j)² as 2 Σ_i w_i² Σ_{j<i} w_j²: additions only, so no cancellation when one weight dominates.
  let offDiagonalSquares = 0;
  let prefixSquares = 0;
  let quadraticP = 0;
  let quadraticPP = 0;
  for (let i = 0; i < k; i += 1) {
    const w = weights[i] ?? Number.NaN;
    const diagonal = w - (w * w) / sumWeights;
    traceP += diagonal;
    diagonalSquares += diagonal * diagonal;
    const wSquared = w * w;
    offDiagonalSquares += 2 * wSquared * prefixSquares;
    prefixSquares += wSquared;
    const residual = (y[i] ?? Number.NaN) - weightedMean;
    quadraticP += w * residual * residual;
    quadraticPP += wSquared * residual * residual;
  }
  const tracePP = diagonalSquares + offDiagonalSquares / (sumWeights * sumWeights);
  return { weights, sumWeights, weightedMean, traceP, tracePP, quadraticP, quadraticPP };
}

/**
 * metafor's restricted log-likelihood of the intercept-only random-effects model at τ²:
 * −½(k−1)log 2π − ½Σlog(vi+τ²) − ½log Σw − ½Σw(y − ȳ_w)².
 */
export function restrictedLogLikelihood(y: ArrayLike<number>, vi: readonly number[], tau2: number): number {
  const projection = computeWeightedProjection(y, vi, tau2);
  let sumLogVariance = 0;
  for (const v of vi) sumLogVariance += Math.log(v + tau2);
  const k = vi.length;
  return (
    -0.5 * (k - 1) * Math.log(2 * Math.PI) -
    0.5 * sumLogVariance -
    0.5 * Math.log(projection.sumWeights) -
    0.5 * projection.quadraticP
  );
}
