import { binomialDeviance } from './binomial-deviance.ts';
import { stirlingError } from './stirling-error.ts';

/**
 * Internal: λ^x·e^{−λ}/Γ(x+1) for real x ≥ 0 and λ ≥ 0 (the Poisson density extended to real x),
 * by Loader's saddle-point form exp(−δ(x) − bd0(x, λ))/√(2πx), which keeps full relative accuracy
 * where exp(x·log λ − λ − log Γ(x+1)) would lose digits to cancellation.
 */
export function poissonDensityRaw(x: number, mean: number): number {
  if (mean === 0) return x === 0 ? 1 : 0;
  if (!Number.isFinite(mean)) return 0;
  if (x < 0) return 0;
  if (x === 0) return Math.exp(-mean);
  return Math.exp(-stirlingError(x) - binomialDeviance(x, mean)) / Math.sqrt(2 * Math.PI * x);
}
