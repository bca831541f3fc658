export { applyTimefix } from './apply-timefix.ts';
export {
  type CoxConcordance,
  type CoxConcordanceCounts,
  type CoxConcordanceData,
  type CoxConcordanceOptions,
  coxConcordance,
} from './cox-concordance.ts';
export { type TreatmentContrasts, treatmentContrasts } from './cox-design-matrix.ts';
export {
  type CoxRegressionData,
  type CoxRegressionOptions,
  type CoxRegressionResult,
  type CoxRegressionTerm,
  type CoxRegressionTest,
  coxRegression,
} from './cox-regression.ts';
export {
  type KaplanMeierData,
  type KaplanMeierOptions,
  type KaplanMeierResult,
  type KaplanMeierStratum,
  kaplanMeier,
} from './kaplan-meier.ts';
export { type LogRankTestData, type LogRankTestOptions, type LogRankTestResult, logRankTest } from './log-rank-test.ts';
export { type RestrictedMean, restrictedMean } from './restricted-mean.ts';
export type { SurvivalConfidenceType } from './survival-confidence-band.ts';
export { type SurvivalMedian, survivalMedian } from './survival-median.ts';
export { type SurvivalQuantiles, survivalQuantiles } from './survival-quantiles.ts';
export type { SurvivalColumns } from './tabulate-survival-times.ts';
