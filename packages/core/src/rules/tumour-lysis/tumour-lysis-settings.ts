/**
 * The choices tumour lysis assessment leaves open (clinical-spec.md §7), as named settings with their
 * defaults: which criteria, the time window, the phosphate cut-off by age group, how the baseline for
 * Cairo–Bishop's 25 % change is chosen, the Howard comparators and simultaneity, calcium correction.
 */
import { defaultReferenceAlbuminGPerDl } from '../corrected-calcium.ts';

export type TumourLysisCriteria = 'cairo-bishop-2004' | 'howard-2011';

export interface TumourLysisSettings {
  /** §7: Cairo–Bishop 2004 (default) or the Howard 2011 modification. */
  readonly criteria: TumourLysisCriteria;
  /** §7.1 window start: days before the start of therapy (3). */
  readonly daysBeforeTherapy: number;
  /** §7.1 window end: days after the start of therapy (7). */
  readonly daysAfterTherapy: number;
  /** §7.1 phosphate cut-off: adults ≥ 4.5 mg/dL (1.45 mmol/L), children ≥ 6.5 mg/dL (2.1 mmol/L). */
  readonly population: 'adult' | 'child';
  /**
   * [IMPL] Cairo–Bishop's "25 % change from baseline": the baseline is the last value on or before the
   * start of therapy and at most this many days before it (30, as the response baseline window of §1.6);
   * only later-dated values are compared with it. Howard's criteria have no change rule; Howard's renal
   * criterion (creatinine rise ≥ 0.3 mg/dL) uses the same baseline.
   */
  readonly baselineLookbackDays: number;
  /**
   * §7.1 flag: reproductions of Howard 2011 print "≥"/"≤" (bloodref, default `inclusive`) or ">"/"<"
   * (omicsonline, `strict`). Cairo–Bishop is always inclusive.
   */
  readonly howardComparators: 'inclusive' | 'strict';
  /**
   * [IMPL] Howard's "within the same 24 h" with dates only: abnormal values at most this many calendar days
   * apart (0 = the same date, the default; 1 also accepts consecutive dates, which may be < 24 h apart).
   */
  readonly howardSimultaneityDays: number;
  /**
   * [IMPL] Calcium as measured (`none`, default: Cairo–Bishop prints total calcium) or albumin-corrected with
   * an albumin of the same date (`albumin-same-day`; Howard speaks of corrected calcium). Without a same-day
   * albumin the measured value is used and the explanation says so.
   */
  readonly calciumCorrection: 'none' | 'albumin-same-day';
  /** [U] §4.1 corrected calcium reference albumin, g/dL. */
  readonly calciumReferenceAlbuminGPerDl: number;
}

export const defaultTumourLysisSettings: TumourLysisSettings = {
  criteria: 'cairo-bishop-2004',
  daysBeforeTherapy: 3,
  daysAfterTherapy: 7,
  population: 'adult',
  baselineLookbackDays: 30,
  howardComparators: 'inclusive',
  howardSimultaneityDays: 0,
  calciumCorrection: 'none',
  calciumReferenceAlbuminGPerDl: defaultReferenceAlbuminGPerDl,
};

export function checkTumourLysisSettings(settings: TumourLysisSettings): void {
  for (const [name, days] of [
    ['daysBeforeTherapy', settings.daysBeforeTherapy],
    ['daysAfterTherapy', settings.daysAfterTherapy],
    ['baselineLookbackDays', settings.baselineLookbackDays],
    ['howardSimultaneityDays', settings.howardSimultaneityDays],
  ] as const) {
    if (!Number.isInteger(days) || days < 0)
      throw new RangeError(`${name} must be a whole number of days ≥ 0 (got ${days})`);
  }
}
