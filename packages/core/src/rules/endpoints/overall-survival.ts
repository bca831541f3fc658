/**
 * Overall survival, clinical-spec.md §8 [U]: from the time origin (§0) to death from any cause;
 * patients alive are censored at the last date known alive, which is the last contact date or any
 * later dated fact (an assessment, a response, a progression, a next therapy) [IMPL]. New therapy and
 * missed assessments do not censor OS.
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
  type OverallSurvival,
  type OverallSurvivalReason,
} from './endpoint-types.ts';

export const overallSurvivalRule: RuleDefinition = {
  id: 'endpoint-overall-survival',
  version: '1',
  title: 'Overall survival: time origin → death from any cause; censored at the last date known alive',
  specSection: '§8',
  source: 'Durie 2006 / Rajkumar 2011 time-to-event definitions as paraphrased in clinical-spec.md §8 [U]',
  evidence: 'U',
};

export function deriveOverallSurvival(
  input: EndpointInput,
  settings: EndpointSettings = defaultEndpointSettings,
): OverallSurvival {
  return deriveOverallSurvivalFromTimeline(prepareEndpointTimeline(input, settings));
}

export function deriveOverallSurvivalFromTimeline(timeline: EndpointTimeline): OverallSurvival {
  const { deathDay, input } = timeline;
  let outcome: EndpointOutcome<OverallSurvivalReason>;
  if (deathDay !== null && input.deathDate !== null) {
    outcome = {
      event: true,
      day: deathDay,
      date: input.deathDate,
      reason: { kind: 'death' },
      checks: [],
      text: `death on ${input.deathDate} (any cause, §8)`,
      rules: [],
    };
  } else {
    const isLaterThanContact = timeline.lastKnownAliveDate !== input.lastContactDate;
    outcome = {
      event: false,
      day: timeline.lastKnownAliveDay,
      date: timeline.lastKnownAliveDate,
      reason: { kind: 'censored-alive-at-last-contact' },
      checks: [],
      text: isLaterThanContact
        ? `alive, censored at the last date known alive ${timeline.lastKnownAliveDate} (a dated fact later than the last contact ${input.lastContactDate}, §8)`
        : `alive, censored at the last contact ${input.lastContactDate} (§8)`,
      rules: [],
    };
  }
  return buildEndpointResult(overallSurvivalRule, 'OS', originStart(timeline), outcome);
}
