/** The response and progression engine (clinical-spec.md §1, §2, §3, §5.1): public API and rule list. */
import type { RuleDefinition } from '../rule.ts';
import { baselineValuesRule } from './baseline-values.ts';
import { bestResponseRule } from './best-response.ts';
import { confirmationRule } from './confirmation.ts';
import { measurableDiseaseRule } from './measurable-disease.ts';
import { nadirRule } from './nadir.ts';
import { progressionRule } from './progression.ts';
import { ebmt1998ResponseRule } from './timepoint-response-ebmt1998.ts';
import { imwg2006ResponseRule } from './timepoint-response-imwg2006.ts';
import { imwg2013PclResponseRule } from './timepoint-response-imwg2013-pcl.ts';
import { imwg2016ResponseRule } from './timepoint-response-imwg2016.ts';

export {
  type BaselineFreeLightChains,
  type BaselineValues,
  baselineValuesRule,
  type DatedResult,
  type DatedValue,
  normalFlcRatioHigh,
  normalFlcRatioLow,
} from './baseline-values.ts';
export { type BestResponse, bestResponseRule } from './best-response.ts';
export { confirmationRule } from './confirmation.ts';
export {
  type CorrectedCalcium,
  correctCalciumForProgression,
  hypercalcaemiaMgPerDl,
} from './correct-calcium-for-progression.ts';
export {
  criteriaDefinitions,
  deriveResponse,
  type ProgressionEvent,
  type ResponseAssessment,
  type ResponseInput,
  type ResponseTimepoint,
} from './derive-response.ts';
export { type CompartmentCheck, measurableDiseaseRule } from './measurable-disease.ts';
export { nadirRule } from './nadir.ts';
export { type ProgressionFinding, type ProgressionParameter, progressionRule } from './progression.ts';
export {
  type Compartment,
  type ConfirmationMode,
  type CriteriaDefinition,
  type LightChain,
  type MarrowProgressionReading,
  type ResponseCriteria,
  type ResponseOptions,
  type ResponseSettings,
  responseCriteriaSets,
} from './response-settings.ts';
export type { TimepointEvaluation, TimepointInput } from './timepoint-evaluation.ts';
export {
  deriveTimepointResponseEbmt1998,
  ebmt1998Criteria,
  ebmt1998ResponseRule,
} from './timepoint-response-ebmt1998.ts';
export {
  deriveTimepointResponseImwg2006,
  imwg2006Criteria,
  imwg2006ResponseRule,
} from './timepoint-response-imwg2006.ts';
export {
  deriveTimepointResponseImwg2013Pcl,
  imwg2013PclCriteria,
  imwg2013PclResponseRule,
} from './timepoint-response-imwg2013-pcl.ts';
export {
  deriveTimepointResponseImwg2016,
  imwg2016Criteria,
  imwg2016ResponseRule,
} from './timepoint-response-imwg2016.ts';

/** Every rule of the response engine, for the registry and the methods appendix. */
export const responseRules: readonly RuleDefinition[] = [
  baselineValuesRule,
  measurableDiseaseRule,
  imwg2006ResponseRule,
  imwg2016ResponseRule,
  ebmt1998ResponseRule,
  imwg2013PclResponseRule,
  nadirRule,
  progressionRule,
  confirmationRule,
  bestResponseRule,
];
