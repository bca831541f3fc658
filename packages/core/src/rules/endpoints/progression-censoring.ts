/**
 * The §8.1 event and censoring rules shared by PFS, TTP and DoR, in the order they apply:
 * 1. PD on or before the start of a next therapy is the event at the PD date (a PD dated after a new
 *    therapy is not counted: assessments after a new line are excluded, §1.2).
 * 2. New therapy without documented PD [IMPL, U]: censor at the last adequate assessment on or before
 *    its start (default) or count it as an event (EFS-style), setting `newTherapyWithoutProgression`.
 * 3. Death without PD: an event for PFS; for TTP/DoR an event only if from progression and
 *    `deathFromProgression = event`, otherwise censored (`deathWithoutProgressionCensoring`).
 * 4. ≥ 2 consecutive missed assessments before the PD or death event [IMPL, optional]: censor at the
 *    last adequate assessment before the gap (`missedAssessments`). A scheduled assessment k intervals
 *    after the last adequate one counts as missed when it is due more than `windowDays` before the event.
 * 5. No event: censor at the last adequate assessment, or at the index date when there was no
 *    post-baseline assessment [U].
 * It does not decide PD itself: the progression date is the response rules' output (§1.4).
 */
import { type CalendarDate, toDayNumber } from '../../domain/calendar-date.ts';
import { checkThreshold, type RuleDefinition } from '../rule.ts';
import { type EndpointOutcome, type EndpointTimeline, lastAdequateIndexBefore } from './endpoint-timeline.ts';
import type { EndpointSettings, TimeToProgressionReason } from './endpoint-types.ts';

export const newTherapyWithoutProgressionRule: RuleDefinition = {
  id: 'endpoint-new-therapy-without-progression',
  version: '1',
  title: 'New anti-myeloma therapy without documented PD: censor at the last adequate assessment before it, or event',
  specSection: '§8.1',
  source: 'FDA-style censoring convention; clinical-spec.md §8.1 [IMPL]',
  evidence: 'IMPL',
};

export const missedAssessmentsRule: RuleDefinition = {
  id: 'endpoint-missed-assessments',
  version: '1',
  title: '≥ 2 consecutive missed assessments before PD or death: censor at the last adequate assessment (optional)',
  specSection: '§8.1',
  source: 'clinical-spec.md §8.1 [IMPL]',
  evidence: 'IMPL',
};

export const noPostBaselineAssessmentRule: RuleDefinition = {
  id: 'endpoint-no-post-baseline-assessment',
  version: '1',
  title: 'No post-baseline assessment and no event: censor at the index date',
  specSection: '§8.1',
  source: 'clinical-spec.md §8.1 [U]',
  evidence: 'U',
};

export type ProgressionEndpoint = 'pfs' | 'ttp' | 'dor';

/** The shared outcome; PFS maps its death kinds to `death-without-progression`. */
export type ProgressionOutcome = EndpointOutcome<
  TimeToProgressionReason | { readonly kind: 'death-without-progression' }
>;

/**
 * Applies steps 1–5 for one endpoint. `floorDay`/`floorDate`: the earliest censoring date (the index
 * date for PFS/TTP, the first response date for DoR, which is itself an adequate assessment).
 */
export function deriveProgressionOutcome(
  timeline: EndpointTimeline,
  settings: EndpointSettings,
  endpoint: ProgressionEndpoint,
): ProgressionOutcome {
  const { input, progressionDay, deathDay, nextTherapyDay } = timeline;
  const isDor = endpoint === 'dor';
  const floorDay = isDor ? (timeline.firstResponseDay ?? timeline.indexDay) : timeline.indexDay;
  const floorDate = isDor ? (input.firstResponseDate ?? input.indexDate) : input.indexDate;

  // Step 1: PD counts when on or before any next therapy.
  if (
    progressionDay !== null &&
    input.progressionDate !== null &&
    (nextTherapyDay === null || progressionDay <= nextTherapyDay)
  ) {
    const missed = applyMissedAssessments(
      timeline,
      settings,
      progressionDay,
      input.progressionDate,
      'progression',
      floorDay,
      floorDate,
    );
    if (missed !== null) return missed;
    return {
      event: true,
      day: progressionDay,
      date: input.progressionDate,
      reason: { kind: 'progression' },
      checks: [],
      text: `progression on ${input.progressionDate} (first assessment meeting confirmed PD criteria, §8)`,
      rules: [],
    };
  }

  // Step 2: new therapy without documented PD (a PD after it, or none), before any death.
  if (
    nextTherapyDay !== null &&
    input.nextTherapyStartDate !== null &&
    (deathDay === null || nextTherapyDay < deathDay)
  ) {
    const start = input.nextTherapyStartDate;
    const pdNote =
      input.progressionDate === null
        ? 'no documented PD'
        : `PD on ${input.progressionDate} is after it and not counted`;
    if (settings.newTherapyWithoutProgression === 'event') {
      return {
        event: true,
        day: nextTherapyDay,
        date: start,
        reason: { kind: 'new-therapy-without-progression', nextTherapyStartDate: start },
        checks: [],
        text: `new therapy started on ${start} without documented PD (${pdNote}), counted as an event (§8.1 [IMPL], newTherapyWithoutProgression = event)`,
        rules: [newTherapyWithoutProgressionRule],
      };
    }
    const date = timeline.adequateDates[lastAdequateIndexBefore(timeline, start, false)];
    const hasAssessment = date !== undefined && date >= floorDate;
    return {
      event: false,
      day: hasAssessment ? toDayNumber(date) : floorDay,
      date: hasAssessment ? date : floorDate,
      reason: {
        kind: 'censored-new-therapy-without-progression',
        nextTherapyStartDate: start,
        lastAdequateAssessmentDate: hasAssessment ? date : null,
      },
      checks: [],
      text: `new therapy started on ${start} without documented PD (${pdNote}): censored at ${
        hasAssessment
          ? `the last adequate assessment on or before it, ${date}`
          : `${floorDate} (no adequate assessment before it)`
      } (§8.1 [IMPL], newTherapyWithoutProgression = censor-at-last-adequate-assessment)`,
      rules: [newTherapyWithoutProgressionRule],
    };
  }

  // Step 3: death without documented PD.
  if (deathDay !== null && input.deathDate !== null) {
    const deathDate = input.deathDate;
    const cause = input.deathCause ?? 'unknown';
    if (endpoint === 'pfs') {
      const missed = applyMissedAssessments(timeline, settings, deathDay, deathDate, 'death', floorDay, floorDate);
      if (missed !== null) return missed;
      return {
        event: true,
        day: deathDay,
        date: deathDate,
        reason: { kind: 'death-without-progression' },
        checks: [],
        text: `death without documented progression on ${deathDate} (a PFS event, any cause, §8)`,
        rules: [],
      };
    }
    if (cause === 'progression' && settings.deathFromProgression === 'event') {
      const missed = applyMissedAssessments(timeline, settings, deathDay, deathDate, 'death', floorDay, floorDate);
      if (missed !== null) return missed;
      return {
        event: true,
        day: deathDay,
        date: deathDate,
        reason: { kind: 'death-from-progression' },
        checks: [],
        text: `death from progression on ${deathDate} without documented PD, counted as an event (§8, deathFromProgression = event)`,
        rules: [],
      };
    }
    const atDeath = settings.deathWithoutProgressionCensoring === 'death-date';
    const lastDate = timeline.adequateDates[lastAdequateIndexBefore(timeline, deathDate, false)];
    const hasAssessment = lastDate !== undefined && lastDate >= floorDate;
    const censorDay = atDeath ? deathDay : hasAssessment ? toDayNumber(lastDate) : floorDay;
    const censorDate = atDeath ? deathDate : hasAssessment ? lastDate : floorDate;
    const causeText =
      cause === 'progression'
        ? 'death from progression (deathFromProgression = censor)'
        : `death from ${cause === 'other' ? 'another cause' : 'an unknown cause'}`;
    return {
      event: false,
      day: censorDay,
      date: censorDate,
      reason: { kind: 'censored-death-without-progression', deathDate, deathCause: cause },
      checks: [],
      text: `${causeText} on ${deathDate} without documented PD: censored at ${
        atDeath
          ? 'the death date'
          : hasAssessment
            ? `the last adequate assessment, ${lastDate}`
            : `${floorDate} (no post-baseline assessment)`
      } (§8, deathWithoutProgressionCensoring = ${settings.deathWithoutProgressionCensoring})`,
      rules: [],
    };
  }

  // Step 5: no event.
  const lastDay = timeline.lastAdequateDay;
  const lastDate = timeline.lastAdequateDate;
  if (lastDay === null || lastDate === null || lastDay < floorDay) {
    if (isDor) {
      return {
        event: false,
        day: floorDay,
        date: floorDate,
        reason: { kind: 'censored-at-last-adequate-assessment', lastAdequateAssessmentDate: floorDate },
        checks: [],
        text: `no progression: censored at the first response assessment ${floorDate}, the last adequate assessment (§8)`,
        rules: [],
      };
    }
    return {
      event: false,
      day: floorDay,
      date: floorDate,
      reason: { kind: 'censored-no-post-baseline-assessment' },
      checks: [],
      text: `no progression or death and no post-baseline assessment: censored at the index date ${floorDate} (§8.1)`,
      rules: [noPostBaselineAssessmentRule],
    };
  }
  return {
    event: false,
    day: lastDay,
    date: lastDate,
    reason: { kind: 'censored-at-last-adequate-assessment', lastAdequateAssessmentDate: lastDate },
    checks: [],
    text: `no progression${endpoint === 'pfs' ? ' or death' : ''}: censored at the last adequate assessment ${lastDate} (§8)`,
    rules: [],
  };
}

/** Step 4: censors a PD or death event preceded by ≥ `consecutiveMissed` missed assessments; null when it does not apply. */
function applyMissedAssessments(
  timeline: EndpointTimeline,
  settings: EndpointSettings,
  eventDay: number,
  eventDate: CalendarDate,
  eventKind: 'progression' | 'death',
  floorDay: number,
  floorDate: CalendarDate,
): ProgressionOutcome | null {
  const setting = settings.missedAssessments;
  if (setting.kind === 'not-applied') return null;
  const { assessmentIntervalDays: interval, windowDays, consecutiveMissed } = setting;
  if (!(interval > 0 && windowDays >= 0 && consecutiveMissed >= 1)) {
    throw new RangeError(
      'missedAssessments needs assessmentIntervalDays > 0, windowDays ≥ 0 and consecutiveMissed ≥ 1',
    );
  }
  const adequateDate = timeline.adequateDates[lastAdequateIndexBefore(timeline, eventDate, true)];
  const hasAssessment = adequateDate !== undefined && adequateDate >= floorDate;
  const anchorDay = hasAssessment ? toDayNumber(adequateDate) : floorDay;
  const anchorDate = hasAssessment ? adequateDate : floorDate;
  const gapDays = eventDay - anchorDay;
  const missed = gapDays > windowDays ? Math.ceil((gapDays - windowDays) / interval) - 1 : 0;
  const check = checkThreshold({
    quantity: `consecutive assessments missed before the ${eventKind}`,
    value: missed,
    unit: 'assessments',
    comparator: '>=',
    threshold: consecutiveMissed,
  });
  if (!check.isMet) return null;
  return {
    event: false,
    day: anchorDay,
    date: anchorDate,
    reason: {
      kind: 'censored-missed-assessments',
      missedAssessments: missed,
      eventKind,
      eventDate,
      lastAdequateAssessmentDate: hasAssessment ? adequateDate : null,
    },
    checks: [check],
    text: `${eventKind} on ${eventDate} came ${gapDays} days after the last adequate assessment ${hasAssessment ? adequateDate : `(none; from ${anchorDate})`}: ${missed} consecutive assessments missed (every ${interval} days, ${windowDays}-day window; ≥ ${consecutiveMissed} censor), censored at ${anchorDate} (§8.1 [IMPL], missedAssessments = censor)`,
    rules: [missedAssessmentsRule],
  };
}
