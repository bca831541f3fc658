/** Time-to-event endpoints (clinical-spec.md §8, §8.1, §0): OS, PFS, TTP, DoR, time to response, TTNT. */
import type { RuleDefinition } from '../rule.ts';
import { durationOfResponseRule } from './duration-of-response.ts';
import { overallSurvivalRule } from './overall-survival.ts';
import {
  missedAssessmentsRule,
  newTherapyWithoutProgressionRule,
  noPostBaselineAssessmentRule,
} from './progression-censoring.ts';
import { progressionFreeSurvivalRule } from './progression-free-survival.ts';
import { timeOriginRule } from './time-origin.ts';
import { timeToNextTreatmentRule } from './time-to-next-treatment.ts';
import { timeToProgressionRule } from './time-to-progression.ts';
import { timeToResponseRule } from './time-to-response.ts';

export { deriveEndpoints, type PatientEndpoints } from './derive-endpoints.ts';
export { deriveDurationOfResponse, durationOfResponseRule } from './duration-of-response.ts';
export {
  type DeathCause,
  type DurationOfResponse,
  type DurationOfResponseReason,
  defaultEndpointSettings,
  defaultMissedAssessmentCensoring,
  type EndpointInput,
  type EndpointResult,
  type EndpointSettings,
  type MissedAssessmentsSetting,
  type OverallSurvival,
  type OverallSurvivalReason,
  type ProgressionCensoringReason,
  type ProgressionFreeSurvival,
  type ProgressionFreeSurvivalReason,
  type TimeOrigin,
  type TimeToNextTreatment,
  type TimeToNextTreatmentReason,
  type TimeToProgression,
  type TimeToProgressionReason,
  type TimeToResponse,
  type TimeToResponseReason,
} from './endpoint-types.ts';
export { deriveOverallSurvival, overallSurvivalRule } from './overall-survival.ts';
export {
  missedAssessmentsRule,
  newTherapyWithoutProgressionRule,
  noPostBaselineAssessmentRule,
} from './progression-censoring.ts';
export { deriveProgressionFreeSurvival, progressionFreeSurvivalRule } from './progression-free-survival.ts';
export { deriveTimeOrigin, timeOriginRule } from './time-origin.ts';
export { deriveTimeToNextTreatment, timeToNextTreatmentRule } from './time-to-next-treatment.ts';
export { deriveTimeToProgression, timeToProgressionRule } from './time-to-progression.ts';
export { deriveTimeToResponse, timeToResponseRule } from './time-to-response.ts';

/** Every endpoint rule, for the registry (clinical-spec.md §0, §8, §8.1). */
export const endpointsRules: readonly RuleDefinition[] = [
  timeOriginRule,
  overallSurvivalRule,
  progressionFreeSurvivalRule,
  timeToProgressionRule,
  durationOfResponseRule,
  timeToResponseRule,
  timeToNextTreatmentRule,
  newTherapyWithoutProgressionRule,
  missedAssessmentsRule,
  noPostBaselineAssessmentRule,
];
