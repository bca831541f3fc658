/**
 * Random-effects (and common-effect) pooling of single proportions on the logit or double arcsine
 * scale, reproducing metafor 3.8-1 `escalc` + `rma.uni` + `predict(transf = …)` field by field.
 */
import { normalQuantile, normalUpperTail } from '../distributions/index.ts';
import { cochranQ } from './cochran-q.ts';
import { type DerSimonianLairdTau2, derSimonianLairdTau2 } from './dersimonian-laird-tau2.ts';
import { assertProportionStudies, type ProportionMeasure, type ProportionStudies } from './effect-sizes.ts';
import { higginsI2 } from './higgins-i2.ts';
import { inverseDoubleArcsine } from './inverse-double-arcsine.ts';
import { inverseLogit } from './inverse-logit.ts';
import { computeWeightedProjection } from './inverse-variance.ts';
import { proportionEffectSizes } from './proportion-effect-sizes.ts';
import {
  type RestrictedMaximumLikelihoodTau2,
  restrictedMaximumLikelihoodTau2,
} from './restricted-maximum-likelihood-tau2.ts';

/** τ² estimator of the random-effects model (metafor `method`). */
export type Tau2Method = 'DL' | 'REML';

export interface PooledProportionOptions {
  readonly measure: ProportionMeasure;
  readonly tau2Method: Tau2Method;
  /** Confidence level of the CI and prediction interval; default 0.95 (metafor `level = 95`). */
  readonly confLevel?: number;
}

/** A pooled estimate on the transformed (logit or double arcsine) scale with its Wald z test. */
export interface TransformedScaleEstimate {
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly z: number;
  /** Two-sided p of z (H0: transformed value 0, i.e. p = 0.5 on the logit scale; rarely meaningful). */
  readonly p: number;
}

/** Random-effects estimate with the prediction interval μ ± z·√(se² + τ²). */
export interface RandomEffectsTransformedEstimate extends TransformedScaleEstimate {
  readonly predictionLower: number;
  readonly predictionUpper: number;
}

/** Back-transformed pooled proportion and CI, each in [0, 1]. */
export interface BackTransformedProportion {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface BackTransformedRandomEffects extends BackTransformedProportion {
  readonly predictionLower: number;
  readonly predictionUpper: number;
}

/** Heterogeneity as rma.uni reports it, with I² as a proportion in [0, 1]. */
export interface PooledProportionHeterogeneity {
  readonly tau2: number;
  /** metafor `se.tau2`; null for a single study (R: NA). */
  readonly seTau2: number | null;
  readonly tau: number;
  /** metafor's τ²-based I² = τ²/(τ² + s²), s² = (k − 1)/tr P_FE; 0 for one study. */
  readonly i2: number;
  /** metafor's H² = τ²/s² + 1; 1 for one study. */
  readonly h2: number;
  /** Higgins' Q-based I² = max(0, (Q − df)/Q) as meta::metaprop reports it; null for one study. */
  readonly higginsI2: number | null;
  readonly q: number;
  readonly qDf: number;
  readonly qP: number;
}

/** The common-effect (metafor `method = "EE"`) fit on the same effect sizes. */
export interface CommonEffectFit {
  readonly transformed: TransformedScaleEstimate;
  readonly proportion: BackTransformedProportion;
  /** metafor's EE I² = max(0, (Q − df)/Q); 0 for one study. */
  readonly i2: number;
  /** Q/df; 1 for one study. */
  readonly h2: number;
  /** (1/vi)/Σ(1/vi), in [0, 1], summing to 1. */
  readonly relativeWeights: readonly number[];
}

export interface PooledProportion {
  readonly measure: ProportionMeasure;
  readonly tau2Method: Tau2Method;
  readonly confLevel: number;
  /** Number of studies. */
  readonly k: number;
  /** The labels given, in study order; null when none were given. */
  readonly labels: readonly string[] | null;
  readonly events: readonly number[];
  readonly n: readonly number[];
  /** Transformed study proportions (metafor yi). */
  readonly yi: readonly number[];
  /** Their sampling variances (metafor vi). */
  readonly vi: readonly number[];
  /** Logit only: ½ added to both cells of studies with 0 or n events. */
  readonly isContinuityCorrected: readonly boolean[];
  /** Random-effects weights (1/(vi + τ²))/Σ, in [0, 1], summing to 1 (R `weights(fit)/100`). */
  readonly relativeWeights: readonly number[];
  /** Harmonic mean of n used by the double arcsine back-transformation; null for the logit. */
  readonly harmonicMeanN: number | null;
  readonly transformed: RandomEffectsTransformedEstimate;
  readonly proportion: BackTransformedRandomEffects;
  readonly heterogeneity: PooledProportionHeterogeneity;
  /** The τ² estimator's own output (REML: start, iterations, ll0check). */
  readonly tau2Estimate: DerSimonianLairdTau2 | RestrictedMaximumLikelihoodTau2;
  readonly commonEffect: CommonEffectFit;
}

/**
 * Pools single-arm response proportions by inverse-variance random-effects meta-analysis, exactly as
 * `rma(yi, vi, data = escalc(measure, xi = events, ni = n), method = tau2Method)` and
 * `predict(fit, transf = …)` in metafor 3.8-1, and adds the common-effect fit.
 *
 * Formula: yi, vi from `proportionEffectSizes`; τ² by DL or REML; wᵢ = 1/(vᵢ + τ²), μ = Σwy/Σw,
 * se = 1/√Σw, CI μ ± z_{1−α/2}·se, z = μ/se, p = 2(1 − Φ(|z|)), PI μ ± z_{1−α/2}·√(se² + τ²).
 * Q = Σ(1/vᵢ)(yᵢ − ȳ_FE)² on k − 1 df; I² = τ²/(τ² + s²) and H² = τ²/s² + 1 with
 * s² = (k − 1)Σw_FE/((Σw_FE)² − Σw_FE²). Back-transformation: logit → plogis; double arcsine → Miller's
 * inverse at the harmonic mean of n (`transf.ipft.hm`), applied to the estimate and to every limit.
 *
 * Reference: DerSimonian R, Laird N (1986) Control Clin Trials 7:177–188; Viechtbauer W (2005)
 * J Educ Behav Stat 30:261–293; Viechtbauer W (2010) J Stat Softw 36(3):1–48; Freeman MF, Tukey JW
 * (1950) Ann Math Stat 21:607–611; Miller JJ (1978) Am Stat 32(4):138.
 *
 * @example
 * const fit = pooledProportion(
 *   { events: [12, 5, 10, 10, 12, 7, 3], n: [25, 8, 27, 26, 18, 24, 8] },
 *   { measure: 'logit', tau2Method: 'DL' },
 * );
 * fit.proportion; // { estimate: 0.4376…, lower: 0.3417…, upper: 0.5385…, predictionLower: 0.2891…, predictionUpper: 0.5982… }
 *
 * Throws a RangeError for impossible counts or a confLevel outside (0, 1), and an Error when REML's
 * Fisher scoring needs more than 100 steps (metafor stops with an error there too).
 *
 * Validated against: R metafor 3.8-1 rma.uni (golden/musto2007.json, golden/metafor_pritz1997.json)
 */
export function pooledProportion(studies: ProportionStudies, options: PooledProportionOptions): PooledProportion {
  assertProportionStudies(studies);
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError(`confLevel must be in (0, 1) (got ${confLevel})`);
  const { measure, tau2Method } = options;
  const effectSizes = proportionEffectSizes(studies, measure);
  const { yi, vi } = effectSizes;
  const k = yi.length;

  const tau2Estimate = estimateTau2(effectSizes, tau2Method);
  const tau2 = tau2Estimate.tau2;
  // R: qnorm(alpha/2, lower.tail = FALSE), evaluated as qnorm(0.5 - alpha/2 + 0.5).
  const alpha = 1 - confLevel;
  const critical = normalQuantile(0.5 - alpha / 2 + 0.5);

  const randomFit = fitInverseVariance(yi, vi, tau2, critical);
  const predictionHalfWidth = critical * Math.sqrt(randomFit.se * randomFit.se + tau2);
  const transformed: RandomEffectsTransformedEstimate = {
    ...randomFit.estimate,
    predictionLower: randomFit.estimate.estimate - predictionHalfWidth,
    predictionUpper: randomFit.estimate.estimate + predictionHalfWidth,
  };

  const harmonicMeanN = measure === 'double-arcsine' ? computeHarmonicMean(studies.n) : null;
  const backTransform = (value: number): number =>
    harmonicMeanN === null ? inverseLogit(value) : inverseDoubleArcsine(value, harmonicMeanN);

  const heterogeneityTest = cochranQ(effectSizes);
  const fixedProjection = computeWeightedProjection(yi, vi, 0);
  const { i2, h2 } = computeTau2BasedI2(k, tau2, fixedProjection.traceP);

  const commonFit = fitInverseVariance(yi, vi, 0, critical);
  const commonHigginsI2 = higginsI2(heterogeneityTest.q, heterogeneityTest.df);

  return {
    measure,
    tau2Method,
    confLevel,
    k,
    labels: studies.labels === undefined ? null : [...studies.labels],
    events: [...studies.events],
    n: [...studies.n],
    yi,
    vi,
    isContinuityCorrected: effectSizes.isContinuityCorrected,
    relativeWeights: randomFit.relativeWeights,
    harmonicMeanN,
    transformed,
    proportion: {
      estimate: backTransform(transformed.estimate),
      lower: backTransform(transformed.lower),
      upper: backTransform(transformed.upper),
      predictionLower: backTransform(transformed.predictionLower),
      predictionUpper: backTransform(transformed.predictionUpper),
    },
    heterogeneity: {
      tau2,
      seTau2: tau2Estimate.seTau2,
      tau: Math.sqrt(tau2),
      i2,
      h2,
      higginsI2: commonHigginsI2,
      q: heterogeneityTest.q,
      qDf: heterogeneityTest.df,
      qP: heterogeneityTest.p,
    },
    tau2Estimate,
    commonEffect: {
      transformed: commonFit.estimate,
      proportion: {
        estimate: backTransform(commonFit.estimate.estimate),
        lower: backTransform(commonFit.estimate.lower),
        upper: backTransform(commonFit.estimate.upper),
      },
      // metafor's EE fit: I² = max(0, (Q − df)/Q) and H² = Q/df; 0 and 1 for one study.
      i2: commonHigginsI2 ?? 0,
      h2: heterogeneityTest.df === 0 ? 1 : heterogeneityTest.q / heterogeneityTest.df,
      relativeWeights: commonFit.relativeWeights,
    },
  };
}

function estimateTau2(
  effectSizes: { readonly yi: readonly number[]; readonly vi: readonly number[] },
  method: Tau2Method,
): DerSimonianLairdTau2 | RestrictedMaximumLikelihoodTau2 {
  switch (method) {
    case 'DL':
      return derSimonianLairdTau2(effectSizes);
    case 'REML':
      return restrictedMaximumLikelihoodTau2(effectSizes);
    default:
      return assertNever(method);
  }
}

interface InverseVarianceFit {
  readonly estimate: TransformedScaleEstimate;
  readonly se: number;
  readonly relativeWeights: readonly number[];
}

/** rma.uni's weighted fit at a given τ²: μ = Σwy/Σw on the uncentred yi, se = 1/√Σw, z-based CI. */
function fitInverseVariance(
  yi: readonly number[],
  vi: readonly number[],
  tau2: number,
  critical: number,
): InverseVarianceFit {
  const projection = computeWeightedProjection(yi, vi, tau2);
  const estimate = projection.weightedMean;
  const se = Math.sqrt(1 / projection.sumWeights);
  const z = estimate / se;
  const relativeWeights = Array.from(projection.weights, (w) => w / projection.sumWeights);
  return {
    estimate: {
      estimate,
      se,
      lower: estimate - critical * se,
      upper: estimate + critical * se,
      z,
      p: 2 * normalUpperTail(Math.abs(z)),
    },
    se,
    relativeWeights,
  };
}

/** metafor's τ²-based I² and H² (i2def = "1"): s² = (k − 1)/tr P_FE. */
function computeTau2BasedI2(k: number, tau2: number, tracePFixed: number): { i2: number; h2: number } {
  if (k === 1) return { i2: 0, h2: 1 };
  const typicalVariance = (k - 1) / tracePFixed;
  return { i2: tau2 / (typicalVariance + tau2), h2: tau2 / typicalVariance + 1 };
}

/** 1/mean(1/n), as transf.ipft.hm computes it. */
function computeHarmonicMean(n: readonly number[]): number {
  let sumReciprocals = 0;
  for (const size of n) sumReciprocals += 1 / size;
  return 1 / (sumReciprocals / n.length);
}

function assertNever(value: never): never {
  throw new RangeError(`unknown τ² method ${String(value)}`);
}
