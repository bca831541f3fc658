/**
 * The vocabulary of the time-to-event endpoints (clinical-spec.md §8, §8.1, §0): the dated facts a
 * patient's endpoints are derived from, the named censoring settings with the spec's defaults, and
 * the result every endpoint returns (event or censoring, its date, days and months, a discriminated
 * reason and an explanation). Months = days / 30.4375 (§8 [IMPL]).
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Explanation } from '../rule.ts';

export type DeathCause = 'progression' | 'other' | 'unknown';

/** What one patient's endpoints are derived from; all dates are on or after `indexDate` unless stated. */
export interface EndpointInput {
  /** First bortezomib dose (C1D1): the time origin before any §0 imputation. */
  readonly indexDate: CalendarDate;
  /** Date of the first assessment meeting confirmed PD criteria (§1.4, §8.1), or null. */
  readonly progressionDate: CalendarDate | null;
  /** First documentation of ≥ PR (the first of the two confirming assessments), or null. */
  readonly firstResponseDate: CalendarDate | null;
  readonly deathDate: CalendarDate | null;
  /** Cause of death for TTP, DoR and TTNT; absent = `unknown`, which never counts as progression. */
  readonly deathCause?: DeathCause;
  /** Last date the patient was known alive (the death date for the dead). */
  readonly lastContactDate: CalendarDate;
  /** Last adequate disease assessment without PD, or null when none after the index date. */
  readonly lastAdequateAssessmentDate: CalendarDate | null;
  /** Start of the next line of anti-myeloma therapy, or null. */
  readonly nextTherapyStartDate: CalendarDate | null;
  /** Dates of adequate (evaluable) disease assessments, any order; those on or before the index date are baseline. */
  readonly assessmentDates: readonly CalendarDate[];
}

/** §8.1 [IMPL] optional rule: ≥ `consecutiveMissed` missed assessments before PD or death censor at the last adequate one. */
export type MissedAssessmentsSetting =
  | { readonly kind: 'not-applied' }
  | {
      readonly kind: 'censor';
      /** Planned days between assessments (one per 21-day cycle by default). */
      readonly assessmentIntervalDays: number;
      /** Days a scheduled assessment may be late before it counts as missed. */
      readonly windowDays: number;
      /** Consecutive missed assessments that trigger censoring; §8.1 says 2. */
      readonly consecutiveMissed: number;
    };

export interface EndpointSettings {
  /** §0 [IMPL]: `first-dose` (C1D1, default) or `first-day-of-month` of C1D1 (imputation logged). */
  readonly timeOrigin: 'first-dose' | 'first-day-of-month';
  /** §8.1 [IMPL]: new therapy without documented PD censors at the last adequate assessment on or before it (default) or is an event. */
  readonly newTherapyWithoutProgression: 'censor-at-last-adequate-assessment' | 'event';
  /** §8.1 [IMPL]: default not applied. */
  readonly missedAssessments: MissedAssessmentsSetting;
  /** §8 TTP and DoR: a death from progression without documented PD is an event (default, Durie 2006 wording [U]) or censored. */
  readonly deathFromProgression: 'event' | 'censor';
  /** §8 TTP and DoR: where a censored death is censored: last adequate assessment (default) or the death date. */
  readonly deathWithoutProgressionCensoring: 'last-adequate-assessment' | 'death-date';
  /** §8 time to response for non-responders: not computed (default, result null) or censored at the last adequate assessment. */
  readonly timeToResponseNonResponders: 'not-computed' | 'censor-at-last-adequate-assessment';
  /** §8 TTNT: a death from progression without next therapy is censored (default) or an event ("some definitions"). */
  readonly timeToNextTreatmentDeathFromProgression: 'censor' | 'event';
}

/** The §8.1 missed-assessment rule when switched on, with the [IMPL] interval and window defaults. */
export const defaultMissedAssessmentCensoring: MissedAssessmentsSetting = {
  kind: 'censor',
  assessmentIntervalDays: 21,
  windowDays: 7,
  consecutiveMissed: 2,
};

export const defaultEndpointSettings: EndpointSettings = {
  timeOrigin: 'first-dose',
  newTherapyWithoutProgression: 'censor-at-last-adequate-assessment',
  missedAssessments: { kind: 'not-applied' },
  deathFromProgression: 'event',
  deathWithoutProgressionCensoring: 'last-adequate-assessment',
  timeToResponseNonResponders: 'not-computed',
  timeToNextTreatmentDeathFromProgression: 'censor',
};

/** The time origin actually used (§0), with the imputation stated when it was applied. */
export interface TimeOrigin {
  readonly date: CalendarDate;
  readonly isImputed: boolean;
  readonly text: string;
}

/** Censorings shared by the progression-type endpoints (PFS, TTP, DoR), §8.1. */
export type ProgressionCensoringReason =
  | { readonly kind: 'censored-at-last-adequate-assessment'; readonly lastAdequateAssessmentDate: CalendarDate }
  | { readonly kind: 'censored-no-post-baseline-assessment' }
  | {
      readonly kind: 'censored-new-therapy-without-progression';
      readonly nextTherapyStartDate: CalendarDate;
      readonly lastAdequateAssessmentDate: CalendarDate | null;
    }
  | {
      readonly kind: 'censored-missed-assessments';
      readonly missedAssessments: number;
      readonly eventKind: 'progression' | 'death';
      readonly eventDate: CalendarDate;
      readonly lastAdequateAssessmentDate: CalendarDate | null;
    };

export type OverallSurvivalReason = { readonly kind: 'death' } | { readonly kind: 'censored-alive-at-last-contact' };

export type ProgressionFreeSurvivalReason =
  | { readonly kind: 'progression' }
  | { readonly kind: 'death-without-progression' }
  | { readonly kind: 'new-therapy-without-progression'; readonly nextTherapyStartDate: CalendarDate }
  | ProgressionCensoringReason;

/** TTP and DoR share their reasons. */
export type TimeToProgressionReason =
  | { readonly kind: 'progression' }
  | { readonly kind: 'death-from-progression' }
  | {
      readonly kind: 'censored-death-without-progression';
      readonly deathDate: CalendarDate;
      readonly deathCause: DeathCause;
    }
  | { readonly kind: 'new-therapy-without-progression'; readonly nextTherapyStartDate: CalendarDate }
  | ProgressionCensoringReason;

export type DurationOfResponseReason = TimeToProgressionReason;

export type TimeToResponseReason =
  | { readonly kind: 'response' }
  | { readonly kind: 'censored-no-response'; readonly lastAdequateAssessmentDate: CalendarDate | null };

export type TimeToNextTreatmentReason =
  | { readonly kind: 'next-treatment' }
  | { readonly kind: 'death-from-progression' }
  | { readonly kind: 'censored-death'; readonly deathCause: DeathCause }
  | { readonly kind: 'censored-alive-at-last-contact' };

export interface EndpointResult<TReason extends { readonly kind: string }> {
  readonly event: boolean;
  /** Date of the event or of the censoring. */
  readonly date: CalendarDate;
  /** Days from `startDate` to `date`. */
  readonly days: number;
  /** days / 30.4375 (§8 [IMPL]). */
  readonly months: number;
  /** The time origin, or the first response date for DoR. */
  readonly startDate: CalendarDate;
  readonly reason: TReason;
  readonly explanation: Explanation;
}

export type OverallSurvival = EndpointResult<OverallSurvivalReason>;
export type ProgressionFreeSurvival = EndpointResult<ProgressionFreeSurvivalReason>;
export type TimeToProgression = EndpointResult<TimeToProgressionReason>;
export type DurationOfResponse = EndpointResult<DurationOfResponseReason>;
export type TimeToResponse = EndpointResult<TimeToResponseReason>;
export type TimeToNextTreatment = EndpointResult<TimeToNextTreatmentReason>;
