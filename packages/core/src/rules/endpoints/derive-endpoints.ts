/**
 * All §8 endpoints of one patient from one `EndpointInput`, the dates parsed once: the entry point the
 * `mmreg assess` orchestrator calls per patient. Each endpoint is also available on its own.
 */

import { deriveDurationOfResponseFromTimeline } from './duration-of-response.ts';
import { prepareEndpointTimeline } from './endpoint-timeline.ts';
import {
  type DurationOfResponse,
  defaultEndpointSettings,
  type EndpointInput,
  type EndpointSettings,
  type OverallSurvival,
  type ProgressionFreeSurvival,
  type TimeOrigin,
  type TimeToNextTreatment,
  type TimeToProgression,
  type TimeToResponse,
} from './endpoint-types.ts';
import { deriveOverallSurvivalFromTimeline } from './overall-survival.ts';
import { deriveProgressionFreeSurvivalFromTimeline } from './progression-free-survival.ts';
import { deriveTimeToNextTreatmentFromTimeline } from './time-to-next-treatment.ts';
import { deriveTimeToProgressionFromTimeline } from './time-to-progression.ts';
import { deriveTimeToResponseFromTimeline } from './time-to-response.ts';

export interface PatientEndpoints {
  /** The time origin used (§0), with any imputation stated. */
  readonly timeOrigin: TimeOrigin;
  readonly os: OverallSurvival;
  readonly pfs: ProgressionFreeSurvival;
  readonly ttp: TimeToProgression;
  /** Null for non-responders. */
  readonly dor: DurationOfResponse | null;
  /** Null for non-responders unless `timeToResponseNonResponders` censors them. */
  readonly ttr: TimeToResponse | null;
  readonly ttnt: TimeToNextTreatment;
}

/** Throws `RangeError` when the dates contradict each other (e.g. progression after death). */
export function deriveEndpoints(
  input: EndpointInput,
  settings: EndpointSettings = defaultEndpointSettings,
): PatientEndpoints {
  const timeline = prepareEndpointTimeline(input, settings);
  return {
    timeOrigin: timeline.origin,
    os: deriveOverallSurvivalFromTimeline(timeline),
    pfs: deriveProgressionFreeSurvivalFromTimeline(timeline, settings),
    ttp: deriveTimeToProgressionFromTimeline(timeline, settings),
    dor: deriveDurationOfResponseFromTimeline(timeline, settings),
    ttr: deriveTimeToResponseFromTimeline(timeline, settings),
    ttnt: deriveTimeToNextTreatmentFromTimeline(timeline, settings),
  };
}
