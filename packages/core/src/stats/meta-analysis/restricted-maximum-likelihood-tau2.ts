/** The REML estimator of τ² by metafor's Fisher scoring (HE start, threshold 1e-5, step halving, ll0check). */
import { assertEffectSizes, type EffectSizes, type Tau2Estimate } from './effect-sizes.ts';
import { hedgesTau2 } from './hedges-tau2.ts';
import { centreValues, computeWeightedProjection, restrictedLogLikelihood } from './inverse-variance.ts';

/** Control of the Fisher scoring; the defaults are metafor's `rma.uni` control defaults. */
export interface RestrictedMaximumLikelihoodControl {
  /** Start value of τ²; default max(0, Hedges' τ²) (`tau2.init = NULL`). */
  readonly tau2Start?: number;
  /** Stop when |Δτ²| ≤ threshold; default 1e-5. */
  readonly threshold?: number;
  /** Fail when more iterations are needed; default 100. */
  readonly maxIterations?: number;
  /** Set τ² to 0 when the REML log-likelihood at 0 is higher by more than 2⁻¹³; default true. */
  readonly isLl0CheckEnabled?: boolean;
}

/** REML τ² with the iteration trace that makes it reproducible. */
export interface RestrictedMaximumLikelihoodTau2 extends Tau2Estimate {
  readonly method: 'REML';
  /** The τ² the scoring started from. */
  readonly tau2Start: number;
  /** Fisher scoring steps taken (0 for a single study). */
  readonly iterations: number;
  /** True when metafor's ll0check replaced a local maximum by τ² = 0. */
  readonly isSetToZeroByLl0Check: boolean;
}

/** `.Machine$double.eps^0.25`, metafor's `tol` for the ll0check. */
const ll0CheckTolerance = 2 ** -13;

/**
 * Estimates τ² by restricted maximum likelihood exactly as `rma.uni(yi, vi, method = "REML")`
 * (metafor 3.8-1): the same start, steps, stopping rule and final check, so τ² and μ agree with R to
 * rounding rather than only to the 1e-5 stopping threshold.
 *
 * Formula: from τ²₀ = max(0, τ²_HE), repeat τ² ← τ² + (yᵀPPy − tr P)/tr(PP) with
 * P = W − wwᵀ/Σw, w = 1/(vi + τ²) and y the centred yi, halving the step while τ² would go below 0,
 * until |Δτ²| ≤ 1e-5 (at most 100 steps). Then, if ℓ_REML(0) − ℓ_REML(τ²) > 2⁻¹³ and τ² > 1e-5, τ² = 0.
 * se(τ²) = √(2/tr(PP)) at the final τ² (inverse Fisher information).
 *
 * Reference: Viechtbauer W (2005) Bias and efficiency of meta-analytic variance estimators in the
 * random-effects model. J Educ Behav Stat 30:261–293; Viechtbauer W (2010) J Stat Softw 36(3).
 *
 * @example
 * const musto = { events: [12, 5, 10, 10, 12, 7, 3], n: [25, 8, 27, 26, 18, 24, 8] };
 * restrictedMaximumLikelihoodTau2(proportionEffectSizes(musto, 'logit'));
 * // { tau2: 0.06074046808513153, seTau2: 0.16308517965829106, tau2Start: …, iterations: 4, … }
 *
 * Validated against: R metafor 3.8-1 rma.uni (golden/musto2007.json, golden/metafor_pritz1997.json)
 */
export function restrictedMaximumLikelihoodTau2(
  effectSizes: EffectSizes,
  control: RestrictedMaximumLikelihoodControl = {},
): RestrictedMaximumLikelihoodTau2 {
  assertEffectSizes(effectSizes);
  const { yi, vi } = effectSizes;
  const k = yi.length;
  const threshold = control.threshold ?? 1e-5;
  const maxIterations = control.maxIterations ?? 100;
  const isLl0CheckEnabled = control.isLl0CheckEnabled ?? true;
  if (!(threshold > 0)) throw new RangeError(`threshold must be > 0 (got ${threshold})`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    throw new RangeError(`maxIterations must be a positive integer (got ${maxIterations})`);
  }
  if (k === 1) {
    return { method: 'REML', tau2: 0, seTau2: null, tau2Start: 0, iterations: 0, isSetToZeroByLl0Check: false };
  }
  const tau2Start = control.tau2Start ?? Math.max(0, hedgesTau2(effectSizes).untruncatedTau2);
  if (!(tau2Start >= 0 && Number.isFinite(tau2Start))) {
    throw new RangeError(`tau2Start must be finite and ≥ 0 (got ${tau2Start})`);
  }
  const centred = centreValues(yi);
  let tau2 = tau2Start;
  let change = threshold + 1;
  let iterations = 0;
  while (change > threshold) {
    iterations += 1;
    const previous = tau2;
    const projection = computeWeightedProjection(centred, vi, tau2);
    let adjustment = (projection.quadraticPP - projection.traceP) / projection.tracePP;
    // Step halving keeps τ² ≥ tau2.min = 0.
    while (tau2 + adjustment < 0) adjustment /= 2;
    tau2 += adjustment;
    change = Math.abs(previous - tau2);
    // metafor tests the count after the step, so at most maxIterations steps can converge.
    if (iterations > maxIterations) {
      throw new Error(`Fisher scoring did not converge in ${maxIterations} iterations (metafor stops here too)`);
    }
  }
  let isSetToZeroByLl0Check = false;
  if (isLl0CheckEnabled) {
    const ll0 = restrictedLogLikelihood(centred, vi, 0);
    const ll = restrictedLogLikelihood(centred, vi, tau2);
    if (ll0 - ll > ll0CheckTolerance && tau2 > threshold) {
      tau2 = 0;
      isSetToZeroByLl0Check = true;
    }
  }
  tau2 = Math.max(0, tau2);
  const final = computeWeightedProjection(centred, vi, tau2);
  return {
    method: 'REML',
    tau2,
    seTau2: Math.sqrt(2 / final.tracePP),
    tau2Start,
    iterations,
    isSetToZeroByLl0Check,
  };
}
