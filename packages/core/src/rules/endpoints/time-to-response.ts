/**
 * Time to response, clinical-spec.md §8 [U]: from the time origin (§0) to the first documentation of
 * ≥ PR. Non-responders are not computed (null, default) or censored at the last adequate assessment
 * (the index date when there is none), setting `timeToResponseNonResponders`.
 */
import type { RuleDefinition } from '../rule.ts';
import {
  buildEndpointResult,
  type EndpointOutcome,
  type EndpointTimeline,
  originStart,
  prepareEndpointTimeline,
} from './endpoint-timeline.ts';
import {
  defaultEndpointSettings,
  type EndpointInput,
  type EndpointSettings,
  type TimeToResponse,
  type TimeToResponseReason,
} from './endpoint-types.ts';

export const timeToResponseRule: RuleDefinition = {
  id: 'endpoint-time-to-response',
  version: '1',
  title: 'Time to response: time origin → first documentation of ≥ PR; non-responders not computed or censored',
  specSection: '§8',
  source: 'clinical-spec.md §8 [U]',
  evidence: 'U',
};

/** Null for a non-responder under the default `timeToResponseNonResponders = not-computed`. */
export function deriveTimeToResponse(
  input: EndpointInput,
  settings: EndpointSettings = defaultEndpointSettings,
): TimeToResponse | null {
  return deriveTimeToResponseFromTimeline(prepareEndpointTimeline(input, settings), settings);
}

export function deriveTimeToResponseFromTimeline(
  timeline: EndpointTimeline,
  settings: EndpointSettings,
): TimeToResponse | null {
  const { firstResponseDay, input } = timeline;
  let outcome: EndpointOutcome<TimeToResponseReason>;
  if (firstResponseDay !== null && input.firstResponseDate !== null) {
    outcome = {
      event: true,
      day: firstResponseDay,
      date: input.firstResponseDate,
      reason: { kind: 'response' },
      checks: [],
      text: `first documentation of ≥ PR on ${input.firstResponseDate} (§8)`,
      rules: [],
    };
  } else if (settings.timeToResponseNonResponders === 'not-computed') {
    return null;
  } else {
    const { lastAdequateDay, lastAdequateDate } = timeline;
    const hasAssessment = lastAdequateDay !== null && lastAdequateDate !== null;
    outcome = {
      event: false,
      day: hasAssessment ? lastAdequateDay : timeline.indexDay,
      date: hasAssessment ? lastAdequateDate : input.indexDate,
      reason: { kind: 'censored-no-response', lastAdequateAssessmentDate: hasAssessment ? lastAdequateDate : null },
      checks: [],
      text: `no response: censored at ${
        hasAssessment
          ? `the last adequate assessment ${lastAdequateDate}`
          : `the index date ${input.indexDate} (no post-baseline assessment)`
      } (§8, timeToResponseNonResponders = censor-at-last-adequate-assessment)`,
      rules: [],
    };
  }
  return buildEndpointResult(timeToResponseRule, 'time to response', originStart(timeline), outcome);
}
