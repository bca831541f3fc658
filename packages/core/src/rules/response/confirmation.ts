/**
 * Confirmation of time-point responses and progression (clinical-spec.md §1.2 "Confirmation",
 * §1.6 step 5 [IMPL, admiralonco logic], §3). Two passes over the assessments before any new therapy:
 * 1. PD: an imaging finding needs no confirmation; a biochemical PD is confirmed by the next evaluable
 *    assessment showing PD, or — when there is none — by death before any new therapy (of any cause
 *    by default, setting `deathConfirmsProgression`); a PD followed by a non-PD assessment becomes NE
 *    at its date; a PD with nothing after it stays PD, unconfirmed.
 * 2. Responses: 'consecutive-assessments' (IMWG) — the next evaluable assessment confirms at the worse
 *    of the two levels while that is still a response; 'sustained-duration' (EBMT 1998, PCL 2013) —
 *    the response must hold, at the worst level seen, up to an assessment ≥ `sustainedResponseDays`
 *    (42) later. An unconfirmed response counts as SD; SD needs no confirmation unless
 *    `confirmStableDisease` is on, in which case it needs a later non-PD assessment (or duration).
 * Marrow and imaging need no repeat: their results are carried to the assessment (timepoint input),
 * so confirmation is by the serial laboratory values. The response or PD date is the first of the two
 * confirming assessments (§1.6 step 8 [P]).
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { ResponseCategory } from '../../domain/response-category.ts';
import type { RuleDefinition } from '../rule.ts';
import type { ResponseSettings } from './response-settings.ts';
import {
  categoryByRank as importedCategoryByRank,
  rankNotEvaluable as importedRankNotEvaluable,
  rankProgressive as importedRankProgressive,
  rankStable as importedRankStable,
} from './timepoint-evaluation.ts';

// Imported bindings read once: where modules load as CommonJS (tsx, the benchmark) every read of an
// imported binding is a getter call, and these are read per assessment.
const categoryByRank = importedCategoryByRank;
const rankNotEvaluable = importedRankNotEvaluable;
const rankProgressive = importedRankProgressive;
const rankStable = importedRankStable;

export const confirmationRule: RuleDefinition = {
  id: 'response-confirmation',
  version: '1',
  title: 'Confirmation: two consecutive assessments before new therapy (IMWG) or sustained ≥ 6 weeks (EBMT)',
  specSection: '§1.6',
  source:
    'Durie BGM, et al. Leukemia 2006;20:1467–73, Table 5 footnote a and Table 6 note; Bladé J, et al. Br J Haematol 1998;102:1115–23; pharmaverse admiralonco IMWG vignette',
  evidence: 'IMPL',
};

export interface ConfirmationInput {
  /** Assessment day numbers, ascending, all before any new therapy. */
  readonly days: readonly number[];
  readonly dates: readonly CalendarDate[];
  /** The unconfirmed time-point responses, as category ranks (0 = sCR … 7 = NE). */
  readonly ranks: readonly number[];
  /** Whether a PD time point rests on an imaging finding (no confirmation needed). */
  readonly isImagingProgression: readonly boolean[];
  readonly death: { readonly day: number; readonly date: CalendarDate } | null;
  /** Day number of the next line of therapy's start, or null. */
  readonly newTherapyDay: number | null;
}

/** Why a time point is (not) confirmed; rendered to text only when read (`describeConfirmation`). */
export type ConfirmationReason =
  | { readonly kind: 'imaging' }
  | { readonly kind: 'not-evaluable' }
  | { readonly kind: 'stable-needs-none' }
  | { readonly kind: 'by-death'; readonly date: CalendarDate }
  | { readonly kind: 'death-after-new-therapy' }
  | { readonly kind: 'no-later-assessment'; readonly countsAsStable: boolean }
  | { readonly kind: 'progression-not-confirmed'; readonly date: CalendarDate; readonly next: ResponseCategory }
  | { readonly kind: 'next-was-progression'; readonly date: CalendarDate; readonly countsAsStable: boolean }
  | {
      readonly kind: 'not-sustained';
      readonly requiredDays: number;
      readonly lastDate: CalendarDate | null;
      readonly lastDays: number;
      readonly countsAsStable: boolean;
    }
  | {
      readonly kind: 'confirmed';
      readonly date: CalendarDate;
      /** The confirming assessment's own time-point response. */
      readonly next: ResponseCategory;
      /** Sustained-duration mode: days from this time point to the confirming one, and the window. */
      readonly sustained: { readonly days: number; readonly requiredDays: number } | null;
    };

export interface TimepointConfirmation {
  /** The time-point response after PD resolution (an unconfirmed PD followed by non-PD is NE). */
  readonly response: ResponseCategory;
  /** Confirmed at the level of `response`. */
  readonly confirmed: boolean;
  /** The level it counts as for the best response (a lower level, SD, or null when it counts as nothing). */
  readonly confirmedAs: ResponseCategory | null;
  /** The assessment (or death) date that confirmed it, or null. */
  readonly confirmedOn: CalendarDate | null;
  readonly reason: ConfirmationReason;
}

const imaging: ConfirmationReason = { kind: 'imaging' };
const notEvaluable: ConfirmationReason = { kind: 'not-evaluable' };
const stableNeedsNone: ConfirmationReason = { kind: 'stable-needs-none' };
const deathAfterNewTherapy: ConfirmationReason = { kind: 'death-after-new-therapy' };
const noLaterAssessment: ConfirmationReason = { kind: 'no-later-assessment', countsAsStable: false };
const noLaterAssessmentCountsAsStable: ConfirmationReason = { kind: 'no-later-assessment', countsAsStable: true };

/** "confirmed by the next assessment (2006-03-29, PR)" and the like. */
export function describeConfirmation(confirmation: TimepointConfirmation): string {
  const reason = confirmation.reason;
  switch (reason.kind) {
    case 'imaging':
      return 'imaging finding, no confirmation needed (§1.2)';
    case 'not-evaluable':
      return 'not evaluable';
    case 'stable-needs-none':
      return 'SD needs no confirmation (setting confirmStableDisease off)';
    case 'by-death':
      return `confirmed by death on ${reason.date} (death of any cause confirms, setting deathConfirmsProgression)`;
    case 'death-after-new-therapy':
      return 'not confirmed: death came after the start of new therapy';
    case 'no-later-assessment':
      return `not confirmed: no later assessment before new therapy${reason.countsAsStable ? '; counts as SD' : ''}`;
    case 'progression-not-confirmed':
      return `PD criteria met but not confirmed: the next assessment (${reason.date}) was ${reason.next}, so not evaluable at this date (§1.6 step 5)`;
    case 'next-was-progression':
      return `not confirmed: PD at the assessment of ${reason.date}${reason.countsAsStable ? '; counts as SD' : ''}`;
    case 'not-sustained': {
      const last = reason.lastDate === null ? '' : ` (last ${reason.lastDate}, day +${reason.lastDays})`;
      return `not confirmed: no assessment ≥ ${reason.requiredDays} days later before new therapy${last}${reason.countsAsStable ? '; counts as SD' : ''}`;
    }
    case 'confirmed': {
      const by =
        reason.sustained === null
          ? `by the next assessment (${reason.date}, ${reason.next})`
          : `sustained to ${reason.date} (day +${reason.sustained.days} ≥ ${reason.sustained.requiredDays})`;
      const level = confirmation.confirmedAs;
      if (level === confirmation.response) return `confirmed ${by}`;
      if (level !== 'SD') return `confirmed as ${level} ${by}`;
      return reason.sustained === null
        ? `not confirmed as a response: the next assessment (${reason.date}) was SD; counts as SD`
        : `not confirmed as a response: only SD held to ${reason.date} (day +${reason.sustained.days}); counts as SD`;
    }
    default: {
      const unexpected: never = reason;
      throw new RangeError(`unknown confirmation reason ${String(unexpected)}`);
    }
  }
}

function nextEvaluable(ranks: readonly number[], from: number): number {
  for (let index = from + 1; index < ranks.length; index += 1) {
    if (ranks[index] !== rankNotEvaluable) return index;
  }
  return -1;
}

function confirmation(
  response: number,
  confirmedAs: number | null,
  detail: { readonly on: CalendarDate | null; readonly reason: ConfirmationReason },
): TimepointConfirmation {
  return {
    response: categoryByRank[response] as ResponseCategory,
    confirmed: confirmedAs === response,
    confirmedAs: confirmedAs === null ? null : (categoryByRank[confirmedAs] as ResponseCategory),
    confirmedOn: detail.on,
    reason: detail.reason,
  };
}

/** Resolves PD (pass 1): returns the ranks after PD resolution and each PD's confirmation. */
function resolveProgression(
  input: ConfirmationInput,
  settings: ResponseSettings,
): { readonly ranks: number[]; readonly results: (TimepointConfirmation | null)[] } {
  const { days, dates, isImagingProgression, death, newTherapyDay } = input;
  const raw = input.ranks;
  const ranks = raw.slice();
  const results = new Array<TimepointConfirmation | null>(raw.length).fill(null);
  for (let index = 0; index < raw.length; index += 1) {
    if (raw[index] !== rankProgressive) continue;
    if (isImagingProgression[index] === true) {
      results[index] = confirmation(rankProgressive, rankProgressive, {
        on: dates[index] as CalendarDate,
        reason: imaging,
      });
      continue;
    }
    const next = nextEvaluable(raw, index);
    if (next >= 0) {
      const date = dates[next] as CalendarDate;
      if (raw[next] === rankProgressive) {
        results[index] = confirmation(rankProgressive, rankProgressive, {
          on: date,
          reason: { kind: 'confirmed', date, next: 'PD', sustained: null },
        });
      } else {
        ranks[index] = rankNotEvaluable;
        const nextCategory = categoryByRank[raw[next] as number] as ResponseCategory;
        results[index] = confirmation(rankNotEvaluable, null, {
          on: null,
          reason: { kind: 'progression-not-confirmed', date, next: nextCategory },
        });
      }
      continue;
    }
    const isDeathCounted =
      settings.deathConfirmsProgression === 'any-cause' && death !== null && death.day >= (days[index] as number);
    if (isDeathCounted && (newTherapyDay === null || death.day <= newTherapyDay)) {
      results[index] = confirmation(rankProgressive, rankProgressive, {
        on: death.date,
        reason: { kind: 'by-death', date: death.date },
      });
    } else {
      results[index] = confirmation(rankProgressive, null, {
        on: null,
        reason: isDeathCounted ? deathAfterNewTherapy : noLaterAssessment,
      });
    }
  }
  return { ranks, results };
}

/** Confirms every time point (see the module header). Arrays are index-aligned with the input. */
export function confirmTimepoints(
  input: ConfirmationInput,
  settings: ResponseSettings,
): readonly TimepointConfirmation[] {
  const { days, dates } = input;
  const { ranks, results } = resolveProgression(input, settings);
  const isSustained = settings.confirmation === 'sustained-duration';
  const requiredDays = settings.sustainedResponseDays;
  const confirmSd = settings.confirmStableDisease;
  const out: TimepointConfirmation[] = new Array<TimepointConfirmation>(ranks.length);
  for (let index = 0; index < ranks.length; index += 1) {
    const settled = results[index];
    if (settled !== null && settled !== undefined) {
      out[index] = settled;
      continue;
    }
    const rank = ranks[index] as number;
    if (rank === rankNotEvaluable) {
      out[index] = confirmation(rank, null, { on: null, reason: notEvaluable });
      continue;
    }
    if (rank === rankStable && !confirmSd) {
      out[index] = confirmation(rank, rank, { on: null, reason: stableNeedsNone });
      continue;
    }
    const day = days[index] as number;
    let level = rank;
    let confirming = -1;
    let progressionAt = -1;
    let last = -1;
    for (let next = nextEvaluable(ranks, index); next >= 0; next = nextEvaluable(ranks, next)) {
      const nextRank = ranks[next] as number;
      if (nextRank === rankProgressive) {
        progressionAt = next;
        break;
      }
      last = next;
      if (nextRank > level) level = nextRank;
      if (!isSustained || (days[next] as number) - day >= requiredDays) {
        confirming = next;
        break;
      }
    }
    // An unconfirmed response counts as SD unless SD itself needs confirmation (§1.6 step 5).
    const countsAsStable = !confirmSd && rank !== rankStable;
    const unconfirmedAs = countsAsStable ? rankStable : null;
    if (confirming < 0) {
      let reason: ConfirmationReason;
      if (progressionAt >= 0) {
        reason = { kind: 'next-was-progression', date: dates[progressionAt] as CalendarDate, countsAsStable };
      } else if (isSustained) {
        reason = {
          kind: 'not-sustained',
          requiredDays,
          lastDate: last < 0 ? null : (dates[last] as CalendarDate),
          lastDays: last < 0 ? 0 : (days[last] as number) - day,
          countsAsStable,
        };
      } else {
        reason = countsAsStable ? noLaterAssessmentCountsAsStable : noLaterAssessment;
      }
      out[index] = confirmation(rank, unconfirmedAs, { on: null, reason });
      continue;
    }
    const date = dates[confirming] as CalendarDate;
    const reason: ConfirmationReason = {
      kind: 'confirmed',
      date,
      next: categoryByRank[ranks[confirming] as number] as ResponseCategory,
      sustained: isSustained ? { days: (days[confirming] as number) - day, requiredDays } : null,
    };
    // The worse of the two levels: still a response, or SD (§1.6 step 5).
    out[index] = confirmation(rank, level, { on: date, reason });
  }
  return out;
}
