/**
 * What tumour lysis assessment reads (clinical-spec.md §7): dated laboratory measurements in canonical
 * units, the start of therapy and optional dated clinical findings; and the one pass that turns them
 * into per-test series of day numbers relative to the start, sorted by date, computed once.
 */
import { type CalendarDate, toDayNumber } from '../../domain/calendar-date.ts';
import type { LabMeasurement, QuantitativeLabTest } from '../../domain/laboratory.ts';
import { correctCalciumForAlbumin } from '../corrected-calcium.ts';
import type { TumourLysisSettings } from './tumour-lysis-settings.ts';

/**
 * A clinical finding of Cairo–Bishop's clinical TLS table (§7.2), graded with that table's descriptors:
 * arrhythmia I no intervention, II non-urgent medical intervention, III symptomatic and incompletely
 * controlled or device-controlled, IV life-threatening; seizure II one brief generalised seizure or
 * controlled, III with altered consciousness or poorly controlled, IV status epilepticus. Oliguria and
 * symptomatic hypocalcaemia are Howard 2011 criteria only.
 */
export type TumourLysisClinicalFinding =
  | { readonly kind: 'cardiac-arrhythmia'; readonly date: CalendarDate; readonly grade: 1 | 2 | 3 | 4 }
  | { readonly kind: 'seizure'; readonly date: CalendarDate; readonly grade: 2 | 3 | 4 }
  | { readonly kind: 'sudden-death'; readonly date: CalendarDate }
  | { readonly kind: 'oliguria'; readonly date: CalendarDate }
  | { readonly kind: 'symptomatic-hypocalcaemia'; readonly date: CalendarDate };

export interface TumourLysisInput {
  /**
   * Canonical units (laboratory.ts): uric_acid, phosphate, calcium, creatinine, creatinine_uln in mg/dL,
   * potassium in mmol/L, albumin in g/dL. Other tests are ignored.
   */
  readonly measurements: readonly LabMeasurement[];
  readonly therapyStartDate: CalendarDate;
  readonly clinicalFindings?: readonly TumourLysisClinicalFinding[] | undefined;
  /** Creatinine ULN when no `creatinine_uln` measurement of the same date is given, mg/dL. */
  readonly creatinineUlnMgPerDl?: number | undefined;
}

export interface TumourLysisSample {
  /** Days from the start of therapy (negative before it). */
  readonly day: number;
  readonly date: CalendarDate;
  readonly value: number;
  /** For calcium corrected with a same-day albumin: the value measured. */
  readonly measured?: number;
}

export interface TumourLysisSeries {
  readonly startDay: number;
  readonly byTest: ReadonlyMap<QuantitativeLabTest, readonly TumourLysisSample[]>;
  /** Notes on how values were prepared (calcium correction), for explanations. */
  readonly notes: readonly string[];
}

const usedTests: ReadonlySet<string> = new Set([
  'uric_acid',
  'potassium',
  'phosphate',
  'calcium',
  'albumin',
  'creatinine',
  'creatinine_uln',
]);

/** Sorts the relevant measurements by date (stable) into per-test series, correcting calcium if asked. */
export function indexTumourLysisMeasurements(
  input: TumourLysisInput,
  settings: TumourLysisSettings,
): TumourLysisSeries {
  const startDay = toDayNumber(input.therapyStartDate);
  const byTest = new Map<QuantitativeLabTest, TumourLysisSample[]>();
  for (const measurement of input.measurements) {
    if (!('value' in measurement) || !usedTests.has(measurement.test)) continue;
    if (!Number.isFinite(measurement.value) || measurement.value < 0) {
      throw new RangeError(
        `${measurement.test} on ${measurement.date} must be a non-negative number (got ${measurement.value})`,
      );
    }
    const sample = { day: toDayNumber(measurement.date) - startDay, date: measurement.date, value: measurement.value };
    const series = byTest.get(measurement.test);
    if (series === undefined) byTest.set(measurement.test, [sample]);
    else series.push(sample);
  }
  for (const series of byTest.values()) series.sort((a, b) => a.day - b.day);
  const notes: string[] = [];
  if (settings.calciumCorrection === 'albumin-same-day') {
    const calcium = byTest.get('calcium');
    const albumin = byTest.get('albumin') ?? [];
    if (calcium !== undefined) {
      let uncorrected = 0;
      byTest.set(
        'calcium',
        calcium.map((sample) => {
          const sameDay = albumin.filter((a) => a.day === sample.day).at(-1);
          if (sameDay === undefined) {
            uncorrected += 1;
            return sample;
          }
          const value = correctCalciumForAlbumin(sample.value, sameDay.value, settings.calciumReferenceAlbuminGPerDl);
          return { ...sample, value, measured: sample.value };
        }),
      );
      notes.push(
        uncorrected === 0
          ? 'calcium corrected for a same-day albumin'
          : `calcium corrected for a same-day albumin; ${uncorrected} value(s) without one used as measured`,
      );
    }
  }
  if (input.creatinineUlnMgPerDl !== undefined && !(input.creatinineUlnMgPerDl > 0)) {
    throw new RangeError(`creatinine ULN must be a positive number of mg/dL (got ${input.creatinineUlnMgPerDl})`);
  }
  return { startDay, byTest, notes };
}

/** The last sample on or before the start of therapy, at most `lookbackDays` before it; null if none. */
export function findBaseline(
  series: readonly TumourLysisSample[] | undefined,
  lookbackDays: number,
): TumourLysisSample | null {
  let baseline: TumourLysisSample | null = null;
  for (const sample of series ?? []) {
    if (sample.day > 0) break;
    if (sample.day >= -lookbackDays) baseline = sample;
  }
  return baseline;
}
