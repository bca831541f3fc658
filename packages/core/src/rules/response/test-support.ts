/**
 * Builders for the response tests only (never imported by the rules): a patient's laboratory series
 * written as one row per date, in canonical units, turned into `LabMeasurement`s.
 */
import { type CalendarDate, toCalendarDate } from '../../domain/calendar-date.ts';
import type { LabMeasurement, TherapyLine } from '../../domain/laboratory.ts';

export interface SeriesRow {
  readonly serum?: number;
  readonly urine?: number;
  readonly serumIfe?: 'positive' | 'negative';
  readonly urineIfe?: 'positive' | 'negative';
  readonly kappa?: number;
  readonly lambda?: number;
  readonly marrow?: number;
  readonly blood?: number;
  readonly wbc?: number;
  readonly spd?: number;
  readonly newBoneLesion?: 'yes' | 'no';
  readonly calcium?: number;
  readonly albumin?: number;
}

const quantities = [
  ['serum', 'serum_m_protein'],
  ['urine', 'urine_m_protein'],
  ['kappa', 'flc_kappa'],
  ['lambda', 'flc_lambda'],
  ['marrow', 'bm_plasma_cells'],
  ['blood', 'pb_plasma_cells'],
  ['wbc', 'wbc'],
  ['spd', 'plasmacytoma_spd'],
  ['calcium', 'calcium'],
  ['albumin', 'albumin'],
] as const;

export function day(text: string): CalendarDate {
  return toCalendarDate(text);
}

/** `{ '2006-01-05': { serum: 3.4 } }` → the lab measurements, in date order. */
export function labsOf(series: Readonly<Record<string, SeriesRow>>): LabMeasurement[] {
  const labs: LabMeasurement[] = [];
  for (const [text, row] of Object.entries(series)) {
    const date = day(text);
    for (const [key, test] of quantities) {
      const value = row[key];
      if (value !== undefined) labs.push({ test, date, value });
    }
    if (row.serumIfe !== undefined) labs.push({ test: 'serum_ife', date, result: row.serumIfe });
    if (row.urineIfe !== undefined) labs.push({ test: 'urine_ife', date, result: row.urineIfe });
    if (row.newBoneLesion !== undefined) labs.push({ test: 'new_bone_lesion', date, result: row.newBoneLesion });
  }
  return labs;
}

/** The index therapy starting on `start`, then later lines. */
export function therapyLines(start: string, ...later: string[]): TherapyLine[] {
  return [start, ...later].map((text, index) => ({
    regimen: index === 0 ? 'bortezomib' : `line ${index + 1}`,
    startDate: day(text),
    endDate: null,
  }));
}
