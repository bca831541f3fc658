/** Meta-analysis of single proportions, reproducing metafor 3.8-1 escalc + rma.uni (docs/statistics/pooled-proportion.md). */
export { type CochranQ, cochranQ } from './cochran-q.ts';
export { type DerSimonianLairdTau2, derSimonianLairdTau2 } from './dersimonian-laird-tau2.ts';
export { type DoubleArcsineProportion, doubleArcsineProportion } from './double-arcsine-proportion.ts';
export type { EffectSizes, ProportionMeasure, ProportionStudies, Tau2Estimate } from './effect-sizes.ts';
export { type HedgesTau2, hedgesTau2 } from './hedges-tau2.ts';
export { higginsI2 } from './higgins-i2.ts';
export { inverseDoubleArcsine } from './inverse-double-arcsine.ts';
export { inverseLogit } from './inverse-logit.ts';
export { type LogitProportion, logitProportion } from './logit-proportion.ts';
export {
  type BackTransformedProportion,
  type BackTransformedRandomEffects,
  type CommonEffectFit,
  type PooledProportion,
  type PooledProportionHeterogeneity,
  type PooledProportionOptions,
  pooledProportion,
  type RandomEffectsTransformedEstimate,
  type Tau2Method,
  type TransformedScaleEstimate,
} from './pooled-proportion.ts';
export { type ProportionEffectSizes, proportionEffectSizes } from './proportion-effect-sizes.ts';
export {
  type RestrictedMaximumLikelihoodControl,
  type RestrictedMaximumLikelihoodTau2,
  restrictedMaximumLikelihoodTau2,
} from './restricted-maximum-likelihood-tau2.ts';
export { sampleSizeWeightedMean } from './sample-size-weighted-mean.ts';
