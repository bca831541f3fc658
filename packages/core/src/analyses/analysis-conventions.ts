/**
 * The analysis conventions a study report states in its methods: confidence level, CI types, how a
 * primary-refractory patient without a progression date enters PFS, and the time origin. Each is a
 * named, documented setting (clinical-spec.md §0 and §8.1 [IMPL]).
 */
export type KaplanMeierConfidenceType = 'log' | 'log-log' | 'plain';

/**
 * How a patient with primary progressive disease and no printed progression time enters PFS
 * (clinical-spec.md §8.1: "event at the first assessment that met PD criteria"). With times in whole
 * months from the first month of bortezomib, the default places the event mid-way through month 1.
 */
export type PrimaryRefractoryPfsConvention =
  | { readonly kind: 'event-at'; readonly months: number }
  | { readonly kind: 'exclude' };

export interface AnalysisConventions {
  readonly confLevel: number;
  readonly kaplanMeierConfidenceType: KaplanMeierConfidenceType;
  readonly primaryRefractoryPfs: PrimaryRefractoryPfsConvention;
  /** Sensitivity analyses run beside the primary convention. */
  readonly primaryRefractoryPfsSensitivity: readonly PrimaryRefractoryPfsConvention[];
  readonly timeOrigin: 'first-month-of-bortezomib';
  readonly timeUnit: 'months';
  /** Breaks for the number-at-risk table and the time axis. */
  readonly atRiskTimes: readonly number[];
}

export const defaultAnalysisConventions: AnalysisConventions = {
  confLevel: 0.95,
  kaplanMeierConfidenceType: 'log',
  primaryRefractoryPfs: { kind: 'event-at', months: 0.5 },
  primaryRefractoryPfsSensitivity: [{ kind: 'event-at', months: 0 }, { kind: 'exclude' }],
  timeOrigin: 'first-month-of-bortezomib',
  timeUnit: 'months',
  atRiskTimes: [0, 3, 6, 9, 12, 15, 18, 21, 24],
};

export function describePrimaryRefractoryConvention(convention: PrimaryRefractoryPfsConvention): string {
  return convention.kind === 'exclude'
    ? 'primary-refractory patients excluded from PFS'
    : `primary-refractory progression counted as a PFS event at ${convention.months} months`;
}
