/**
 * Internal: the deviance term bd0(x, μ) = x·log(x/μ) + μ − x of Loader's saddle-point expansion,
 * computed without cancellation when x ≈ μ.
 */

/**
 * bd0(x, μ) ≥ 0 for x ≥ 0, μ > 0. When |x − μ| < 0.1(x + μ) it uses the series
 * (x − μ)·v + 2x·Σ_{j≥1} v^{2j+1}/(2j+1) with v = (x − μ)/(x + μ), which converges fast and loses
 * nothing to cancellation.
 *
 * Reference: C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
 */
export function binomialDeviance(x: number, mean: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(mean) || mean === 0) return Number.NaN;
  if (Math.abs(x - mean) < 0.1 * (x + mean)) {
    let v = (x - mean) / (x + mean);
    let sum = (x - mean) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j += 1) {
      term *= v;
      const next = sum + term / (j + j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / mean) + mean - x;
}
