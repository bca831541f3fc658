/**
 * Progression-free survival, clinical-spec.md §8 and §8.1 [U]: from the time origin (§0) to the first
 * of confirmed PD (§1.4; relapse from CR and clinical relapse are not events [V]) or death from any
 * cause. Censoring follows the shared §8.1 rules (`deriveProgressionOutcome`): new therapy without PD
 * (setting `newTherapyWithoutProgression`), missed assessments (setting `missedAssessments`), no
 * post-baseline assessment (index date). Death before any assessment is an event (§8.1).
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
  type ProgressionFreeSurvival,
  type ProgressionFreeSurvivalReason,
} from './endpoint-types.ts';
import { deriveProgressionOutcome } from './progression-censoring.ts';

export const progressionFreeSurvivalRule: RuleDefinition = {
  id: 'endpoint-progression-free-survival',
  version: '1',
  title: 'PFS: time origin → confirmed PD or death from any cause; §8.1 censoring rules',
  specSection: '§8',
  source:
    'IMWG time-to-event definitions as paraphrased in clinical-spec.md §8 and §8.1 [U]; admiralonco conventions [P]',
  evidence: 'U',
};

export function deriveProgressionFreeSurvival(
  input: EndpointInput,
  settings: EndpointSettings = defaultEndpointSettings,
): ProgressionFreeSurvival {
  return deriveProgressionFreeSurvivalFromTimeline(prepareEndpointTimeline(input, settings), settings);
}

export function deriveProgressionFreeSurvivalFromTimeline(
  timeline: EndpointTimeline,
  settings: EndpointSettings,
): ProgressionFreeSurvival {
  const outcome = deriveProgressionOutcome(timeline, settings, 'pfs');
  const reason = toProgressionFreeSurvivalReason(outcome.reason);
  return buildEndpointResult(progressionFreeSurvivalRule, 'PFS', originStart(timeline), { ...outcome, reason });
}

function toProgressionFreeSurvivalReason(
  reason: ReturnType<typeof deriveProgressionOutcome>['reason'],
): ProgressionFreeSurvivalReason {
  switch (reason.kind) {
    case 'death-from-progression':
    case 'censored-death-without-progression':
      // Never produced for PFS: every death without prior PD is a PFS event.
      throw new RangeError(`PFS cannot end in ${reason.kind}`);
    default:
      return reason;
  }
}
