/** Cochran's Q test of heterogeneity with inverse-variance weights (metafor's QE, QEp). */
import { chiSquareUpperTail } from '../distributions/index.ts';
import { assertEffectSizes, type EffectSizes } from './effect-sizes.ts';
import { centreValues, computeWeightedProjection } from './inverse-variance.ts';

/** Cochran's Q with its degrees of freedom and upper-tail χ² p-value. */
export interface CochranQ {
  readonly q: number;
  /** k − 1. */
  readonly df: number;
  /** P(χ²_df ≥ Q); 1 for a single study, as metafor reports. */
  readonly p: number;
}

/**
 * Tests whether the studies share one true effect, as `rma.uni(...)$QE` and `$QEp` (metafor 3.8-1).
 *
 * Formula: Q = max(0, Σwᵢ(yᵢ − ȳ_w)²) with wᵢ = 1/vᵢ and ȳ_w = Σwy/Σw, computed on the centred yi as
 * metafor does; df = k − 1; p = P(χ²_{k−1} ≥ Q) (R `pchisq(Q, k − 1, lower.tail = FALSE)`). With one
 * study Q = 0, df = 0 and p = 1.
 *
 * Reference: Cochran WG (1954) The combination of estimates from different experiments. Biometrics
 * 10:101–129; DerSimonian R, Laird N (1986) Control Clin Trials 7:177–188; Viechtbauer W (2010)
 * J Stat Softw 36(3) (metafor).
 *
 * @example
 * cochranQ(proportionEffectSizes({ events: [12, 5, 10, 10, 12, 7, 3], n: [25, 8, 27, 26, 18, 24, 8] }, 'logit')); // { q: 7.750531367353223, df: 6, p: 0.25695567836790667 }
 *
 * Validated against: R metafor 3.8-1 rma.uni (golden/musto2007.json, golden/metafor_pritz1997.json)
 */
export function cochranQ(effectSizes: EffectSizes): CochranQ {
  assertEffectSizes(effectSizes);
  const k = effectSizes.yi.length;
  if (k === 1) return { q: 0, df: 0, p: 1 };
  const fixed = computeWeightedProjection(centreValues(effectSizes.yi), effectSizes.vi, 0);
  const q = Math.max(0, fixed.quadraticP);
  return { q, df: k - 1, p: chiSquareUpperTail(q, k - 1) };
}
