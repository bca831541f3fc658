/**
 * Best overall response, first response and the progression event from confirmed time points
 * (clinical-spec.md §1.6 steps 6–8 [IMPL]): the best response is the highest confirmed level before
 * confirmed PD (assessments after a new line of therapy never reach this rule); an unconfirmed
 * response counts as SD (confirmation.ts); with nothing confirmed, confirmed PD is the best response,
 * otherwise NE. The date of a response or of PD is the first of the two confirming assessments [P].
 * The first response date (≥ PR) feeds duration of response and time to response (§8).
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { type ResponseCategory, responseRank } from '../../domain/response-category.ts';
import type { Explanation, RuleDefinition } from '../rule.ts';
import { DeferredExplanation } from './deferred-explanation.ts';

export const bestResponseRule: RuleDefinition = {
  id: 'response-best-overall',
  version: '1',
  title: 'Best overall response: highest confirmed category before confirmed PD or new therapy',
  specSection: '§1.6',
  source: 'clinical-spec.md §1.6 steps 6–8 (implementation of Durie 2006 / Kumar 2016 conventions, admiralonco)',
  evidence: 'IMPL',
};

/** What the rule needs of a time point. */
export interface ConfirmedTimepoint {
  readonly date: CalendarDate;
  readonly response: ResponseCategory;
  readonly confirmed: boolean;
  readonly confirmedAs: ResponseCategory | null;
  readonly confirmedOn: CalendarDate | null;
}

export interface BestResponse {
  readonly category: ResponseCategory;
  /** The first date the category was documented (first of the two confirming assessments); null for NE. */
  readonly date: CalendarDate | null;
  readonly explanation: Explanation;
}

/** Index of the first confirmed PD, or -1. */
export function findProgressionIndex(timepoints: readonly ConfirmedTimepoint[]): number {
  for (let index = 0; index < timepoints.length; index += 1) {
    const timepoint = timepoints[index] as ConfirmedTimepoint;
    if (timepoint.response === 'PD' && timepoint.confirmed) return index;
  }
  return -1;
}

function explain(render: () => string): Explanation {
  return new DeferredExplanation(bestResponseRule, [], render);
}

/** The best confirmed response (see the module header); null when there was no assessment at all. */
export function selectBestResponse(timepoints: readonly ConfirmedTimepoint[]): BestResponse | null {
  if (timepoints.length === 0) return null;
  const progressionIndex = findProgressionIndex(timepoints);
  const limit = progressionIndex >= 0 ? progressionIndex : timepoints.length;
  let best: ConfirmedTimepoint | null = null;
  let bestRank = Number.POSITIVE_INFINITY;
  for (let index = 0; index < limit; index += 1) {
    const timepoint = timepoints[index] as ConfirmedTimepoint;
    if (timepoint.confirmedAs === null) continue;
    const rank = responseRank(timepoint.confirmedAs);
    if (rank < bestRank) {
      bestRank = rank;
      best = timepoint;
    }
  }
  const progression = progressionIndex >= 0 ? (timepoints[progressionIndex] as ConfirmedTimepoint) : null;
  const before = progression === null ? '' : ` before confirmed PD on ${progression.date}`;
  if (best !== null && best.confirmedAs !== null) {
    const category = best.confirmedAs;
    const how =
      best.confirmedOn === null
        ? category === 'SD'
          ? best.response === 'SD'
            ? 'SD needs no confirmation'
            : `${best.response} not confirmed, counts as SD`
          : 'confirmed'
        : category === best.response
          ? `confirmed on ${best.confirmedOn}`
          : `${best.response} confirmed as ${category} on ${best.confirmedOn}`;
    const date = best.date;
    return {
      category,
      date,
      explanation: explain(
        () => `Best response ${category}, first documented on ${date} (${how}), among ${limit} assessment(s)${before}.`,
      ),
    };
  }
  if (progression !== null) {
    return {
      category: 'PD',
      date: progression.date,
      explanation: explain(
        () => `Best response PD: confirmed PD on ${progression.date} with no earlier confirmed response or SD.`,
      ),
    };
  }
  return {
    category: 'NE',
    date: null,
    explanation: explain(
      () => `Best response NE: no confirmed response, SD or PD among ${timepoints.length} assessment(s).`,
    ),
  };
}

/** The first date with a confirmed response ≥ PR before confirmed PD (for DoR and time to response), or null. */
export function findFirstResponseDate(timepoints: readonly ConfirmedTimepoint[]): CalendarDate | null {
  const progressionIndex = findProgressionIndex(timepoints);
  const limit = progressionIndex >= 0 ? progressionIndex : timepoints.length;
  const partial = responseRank('PR');
  for (let index = 0; index < limit; index += 1) {
    const timepoint = timepoints[index] as ConfirmedTimepoint;
    if (timepoint.confirmedAs !== null && responseRank(timepoint.confirmedAs) <= partial) return timepoint.date;
  }
  return null;
}

/**
 * The last adequate assessment for PFS censoring (§8): the last time point before confirmed PD (or
 * at all, without PD) whose response is neither NE nor PD; null when there is none.
 */
export function findLastAdequateAssessmentDate(timepoints: readonly ConfirmedTimepoint[]): CalendarDate | null {
  const progressionIndex = findProgressionIndex(timepoints);
  const limit = progressionIndex >= 0 ? progressionIndex : timepoints.length;
  for (let index = limit - 1; index >= 0; index -= 1) {
    const timepoint = timepoints[index] as ConfirmedTimepoint;
    if (timepoint.response !== 'NE' && timepoint.response !== 'PD') return timepoint.date;
  }
  return null;
}
