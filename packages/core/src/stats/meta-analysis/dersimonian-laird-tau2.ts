/** The DerSimonian–Laird method-of-moments estimator of τ² with metafor's standard error. */
import { assertEffectSizes, type EffectSizes, type Tau2Estimate } from './effect-sizes.ts';
import { centreValues, computeWeightedProjection } from './inverse-variance.ts';

/** DerSimonian–Laird τ². */
export interface DerSimonianLairdTau2 extends Tau2Estimate {
  readonly method: 'DL';
}

/**
 * Estimates the between-study variance τ² by DerSimonian and Laird's weighted method of moments, as
 * `rma.uni(yi, vi, method = "DL")` (metafor 3.8-1), including metafor's `se.tau2`.
 *
 * Formula: with w = 1/vi and P = W − wwᵀ/Σw (so tr P = Σw − Σw²/Σw and Q = yᵀPy = Σw(y − ȳ_w)²),
 * τ² = max(0, (Q − (k − 1))/tr P) and se(τ²) = √[(2(k − 1) + 4τ²·tr P + 2τ⁴·tr(PP))]/tr P.
 *
 * Reference: DerSimonian R, Laird N (1986) Meta-analysis in clinical trials. Control Clin Trials
 * 7:177–188; Viechtbauer W (2010) J Stat Softw 36(3):1–48 (metafor; se.tau2 as in rma.uni).
 *
 * @example
 * const musto = { events: [12, 5, 10, 10, 12, 7, 3], n: [25, 8, 27, 26, 18, 24, 8] };
 * derSimonianLairdTau2(proportionEffectSizes(musto, 'logit'));
 * // { method: 'DL', tau2: 0.06688270201536116, seTau2: 0.17166540879106032 }
 *
 * Validated against: R metafor 3.8-1 rma.uni (golden/musto2007.json, golden/metafor_pritz1997.json)
 */
export function derSimonianLairdTau2(effectSizes: EffectSizes): DerSimonianLairdTau2 {
  assertEffectSizes(effectSizes);
  const { yi, vi } = effectSizes;
  const k = yi.length;
  if (k === 1) return { method: 'DL', tau2: 0, seTau2: null };
  const fixed = computeWeightedProjection(centreValues(yi), vi, 0);
  const tau2 = Math.max(0, (fixed.quadraticP - (k - 1)) / fixed.traceP);
  const seTau2 = Math.sqrt(
    (1 / (fixed.traceP * fixed.traceP)) * (2 * (k - 1) + 4 * tau2 * fixed.traceP + 2 * tau2 * tau2 * fixed.tracePP),
  );
  return { method: 'DL', tau2, seTau2 };
}
