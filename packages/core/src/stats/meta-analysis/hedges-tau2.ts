/** The Hedges (HE, variance-component) estimator of τ², metafor's start value for REML. */
import { assertEffectSizes, type EffectSizes, type Tau2Estimate } from './effect-sizes.ts';
import { centreValues } from './inverse-variance.ts';

/** Hedges' τ² with the value before truncation at 0 (the REML start is max(0, untruncated)). */
export interface HedgesTau2 extends Tau2Estimate {
  readonly method: 'HE';
  /** (Σ(y − ȳ)² − (1 − 1/k)Σvi)/(k − 1), possibly negative. */
  readonly untruncatedTau2: number;
}

/**
 * Estimates the between-study variance τ² by Hedges' unweighted method of moments, as
 * `rma.uni(yi, vi, method = "HE")` (metafor 3.8-1), including its standard error.
 *
 * Formula: with P = I − J/k, τ² = max(0, (yᵀPy − tr(PV))/(k − 1)) = max(0, s²_y − mean(vi)), and
 * se(τ²) = √[(2·sum(PV∘(PV)ᵀ) + 4τ²·tr(PV) + 2τ⁴(k − 1))/(k − 1)²], V = diag(vi).
 *
 * Reference: Hedges LV (1983) A random effects model for effect sizes. Psychol Bull 93:388–395;
 * Viechtbauer W (2005) Bias and efficiency of meta-analytic variance estimators in the random-effects
 * model. J Educ Behav Stat 30:261–293; Viechtbauer W (2010) J Stat Softw 36(3) (metafor).
 *
 * @example
 * hedgesTau2({ yi: [0.1, 0.5, -0.3], vi: [0.04, 0.05, 0.06] }).tau2; // var(yi) − mean(vi) = 0.11
 *
 * Validated against: R metafor 3.8-1 rma.uni (golden/musto2007.json, golden/metafor_pritz1997.json) as the
 * start of the REML fits there; τ² and se(τ²) are also checked against metafor's HE matrix formulas.
 */
export function hedgesTau2(effectSizes: EffectSizes): HedgesTau2 {
  assertEffectSizes(effectSizes);
  const { yi, vi } = effectSizes;
  const k = yi.length;
  if (k === 1) return { method: 'HE', tau2: 0, seTau2: null, untruncatedTau2: 0 };
  // yᵀPy with P = I − J/k on metafor's centred yi: the sum of squares about their (≈ 0) mean.
  let residualSumOfSquares = 0;
  for (const value of centreValues(centreValues(yi))) residualSumOfSquares += value * value;
  const diagonal = 1 - 1 / k;
  let sumV = 0;
  let sumVSquared = 0;
  // Σ_{i≠j} v_i v_j as 2 Σ_i v_i Σ_{j<i} v_j: additions only.
  let crossProducts = 0;
  for (const v of vi) {
    crossProducts += 2 * v * sumV;
    sumV += v;
    sumVSquared += v * v;
  }
  const tracePV = diagonal * sumV;
  const untruncatedTau2 = (residualSumOfSquares - tracePV) / (k - 1);
  const tau2 = Math.max(0, untruncatedTau2);
  const sumPVTransposedPV = diagonal * diagonal * sumVSquared + crossProducts / (k * k);
  const seTau2 = Math.sqrt(
    (2 * sumPVTransposedPV + 4 * tau2 * tracePV + 2 * tau2 * tau2 * (k - 1)) / ((k - 1) * (k - 1)),
  );
  return { method: 'HE', tau2, seTau2, untruncatedTau2 };
}
