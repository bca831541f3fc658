/**
 * Time to next treatment, clinical-spec.md §8 [U] (Rajkumar 2011): from the time origin (§0) to the
 * start of the next line of therapy. Without one: a death is censored at the death date, or is an
 * event when from progression and `timeToNextTreatmentDeathFromProgression = event` ("some
 * definitions"); the living are censored at the last date known alive (as for OS).
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
  type TimeToNextTreatment,
  type TimeToNextTreatmentReason,
} from './endpoint-types.ts';

export const timeToNextTreatmentRule: RuleDefinition = {
  id: 'endpoint-time-to-next-treatment',
  version: '1',
  title: 'TTNT: time origin → start of the next line of therapy; censored at death or last follow-up',
  specSection: '§8',
  source: 'Rajkumar SV, et al. Blood 2011;117:4691–5, as paraphrased in clinical-spec.md §8 [U]',
  evidence: 'U',
};

export function deriveTimeToNextTreatment(
  input: EndpointInput,
  settings: EndpointSettings = defaultEndpointSettings,
): TimeToNextTreatment {
  return deriveTimeToNextTreatmentFromTimeline(prepareEndpointTimeline(input, settings), settings);
}

export function deriveTimeToNextTreatmentFromTimeline(
  timeline: EndpointTimeline,
  settings: EndpointSettings,
): TimeToNextTreatment {
  const { input, nextTherapyDay, deathDay } = timeline;
  let outcome: EndpointOutcome<TimeToNextTreatmentReason>;
  if (nextTherapyDay !== null && input.nextTherapyStartDate !== null) {
    outcome = {
      event: true,
      day: nextTherapyDay,
      date: input.nextTherapyStartDate,
      reason: { kind: 'next-treatment' },
      checks: [],
      text: `next line of therapy started on ${input.nextTherapyStartDate} (§8)`,
      rules: [],
    };
  } else if (deathDay !== null && input.deathDate !== null) {
    const cause = input.deathCause ?? 'unknown';
    const isEvent = cause === 'progression' && settings.timeToNextTreatmentDeathFromProgression === 'event';
    outcome = isEvent
      ? {
          event: true,
          day: deathDay,
          date: input.deathDate,
          reason: { kind: 'death-from-progression' },
          checks: [],
          text: `death from progression on ${input.deathDate} before any next therapy, counted as an event (§8, timeToNextTreatmentDeathFromProgression = event)`,
          rules: [],
        }
      : {
          event: false,
          day: deathDay,
          date: input.deathDate,
          reason: { kind: 'censored-death', deathCause: cause },
          checks: [],
          text: `death (${cause === 'progression' ? 'from progression' : cause === 'other' ? 'another cause' : 'cause unknown'}) on ${input.deathDate} before any next therapy: censored at the death date (§8, timeToNextTreatmentDeathFromProgression = ${settings.timeToNextTreatmentDeathFromProgression})`,
          rules: [],
        };
  } else {
    outcome = {
      event: false,
      day: timeline.lastKnownAliveDay,
      date: timeline.lastKnownAliveDate,
      reason: { kind: 'censored-alive-at-last-contact' },
      checks: [],
      text: `no next therapy, alive: censored at the last date known alive ${timeline.lastKnownAliveDate} (§8)`,
      rules: [],
    };
  }
  return buildEndpointResult(timeToNextTreatmentRule, 'TTNT', originStart(timeline), outcome);
}
