/**
 * Duration of response, clinical-spec.md §8 [U]: only for responders, from the first documentation
 * of ≥ PR (the first of the two confirming assessments) to confirmed PD or death from PD (setting
 * `deathFromProgression`, default event); other deaths and patients without PD are censored as for
 * TTP, never earlier than the response date. Non-responders: not defined (null, §8.1). DoR does not
 * use the time origin, so the §0 imputation does not change it.
 */
import type { RuleDefinition } from '../rule.ts';
import { buildEndpointResult, type EndpointTimeline, prepareEndpointTimeline } from './endpoint-timeline.ts';
import {
  type DurationOfResponse,
  defaultEndpointSettings,
  type EndpointInput,
  type EndpointSettings,
} from './endpoint-types.ts';
import { deriveProgressionOutcome } from './progression-censoring.ts';
import { toTimeToProgressionReason } from './time-to-progression.ts';

export const durationOfResponseRule: RuleDefinition = {
  id: 'endpoint-duration-of-response',
  version: '1',
  title: 'DoR: first ≥ PR → confirmed PD or death from PD; other deaths and no PD censored; responders only',
  specSection: '§8',
  source: 'Durie 2006 / Kumar 2016 definitions as paraphrased in clinical-spec.md §8 [U]',
  evidence: 'U',
};

/** Null for a patient without a response (`firstResponseDate` null). */
export function deriveDurationOfResponse(
  input: EndpointInput,
  settings: EndpointSettings = defaultEndpointSettings,
): DurationOfResponse | null {
  return deriveDurationOfResponseFromTimeline(prepareEndpointTimeline(input, settings), settings);
}

export function deriveDurationOfResponseFromTimeline(
  timeline: EndpointTimeline,
  settings: EndpointSettings,
): DurationOfResponse | null {
  const { firstResponseDay, input } = timeline;
  if (firstResponseDay === null || input.firstResponseDate === null) return null;
  const outcome = deriveProgressionOutcome(timeline, settings, 'dor');
  const start = {
    day: firstResponseDay,
    date: input.firstResponseDate,
    text: `the first documentation of ≥ PR on ${input.firstResponseDate} (§8)`,
  };
  return buildEndpointResult(durationOfResponseRule, 'DoR', start, {
    ...outcome,
    reason: toTimeToProgressionReason(outcome.reason),
  });
}
