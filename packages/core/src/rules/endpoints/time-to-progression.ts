/**
 * Time to progression, clinical-spec.md §8 [U]: from the time origin (§0) to confirmed PD. A death
 * from progression without documented PD is an event by default (Durie 2006 wording; setting
 * `deathFromProgression`); other deaths (and deaths of unknown cause) are censored at the last
 * adequate assessment (default) or the death date (setting `deathWithoutProgressionCensoring`).
 * New therapy without PD, missed assessments and no post-baseline assessment as for PFS (§8.1).
 */
import type { RuleDefinition } from '../rule.ts';
import {
  buildEndpointResult,
  type EndpointTimeline,
  originStart,
  prepareEndpointTimeline,
} from './endpoint-timeline.ts';
import {
  defaultEndpointSettings,
  type EndpointInput,
  type EndpointSettings,
  type TimeToProgression,
  type TimeToProgressionReason,
} from './endpoint-types.ts';
import { deriveProgressionOutcome, type ProgressionOutcome } from './progression-censoring.ts';

export const timeToProgressionRule: RuleDefinition = {
  id: 'endpoint-time-to-progression',
  version: '1',
  title: 'TTP: time origin → confirmed PD (death from PD optional); other deaths censored',
  specSection: '§8',
  source: 'Durie 2006 time-to-event definitions as paraphrased in clinical-spec.md §8 [U]',
  evidence: 'U',
};

export function deriveTimeToProgression(
  input: EndpointInput,
  settings: EndpointSettings = defaultEndpointSettings,
): TimeToProgression {
  return deriveTimeToProgressionFromTimeline(prepareEndpointTimeline(input, settings), settings);
}

export function deriveTimeToProgressionFromTimeline(
  timeline: EndpointTimeline,
  settings: EndpointSettings,
): TimeToProgression {
  const outcome = deriveProgressionOutcome(timeline, settings, 'ttp');
  return buildEndpointResult(timeToProgressionRule, 'TTP', originStart(timeline), {
    ...outcome,
    reason: toTimeToProgressionReason(outcome.reason),
  });
}

/** TTP and DoR never see the PFS-only death event. */
export function toTimeToProgressionReason(reason: ProgressionOutcome['reason']): TimeToProgressionReason {
  if (reason.kind === 'death-without-progression')
    throw new RangeError('TTP and DoR censor deaths without progression');
  return reason;
}
