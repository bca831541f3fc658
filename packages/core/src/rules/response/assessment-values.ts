/**
 * Groups a patient's laboratory and imaging results into one row per calendar date, the unit the
 * response rules assess (clinical-spec.md §1.6 step 3). It reads only the tests the response criteria
 * use, computes each date's day number once, and never sorts individual results (rows are sorted, a
 * few dozen per patient). Conflicting duplicates on one date are reported as warnings, the later row
 * in input order is kept. It decides nothing clinical.
 */
import { type CalendarDate, toDayNumber } from '../../domain/calendar-date.ts';
import type { LabMeasurement } from '../../domain/laboratory.ts';

/** Day numbers of dates seen so far: dates repeat across patients, parsing them again is waste. */
const dayNumbers = new Map<string, number>();
const dayNumberCacheLimit = 200_000;

/** `toDayNumber` with a bounded memo (it is a pure function of the date string). */
export function dayNumberOf(date: CalendarDate): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = toDayNumber(date);
    if (dayNumbers.size >= dayNumberCacheLimit) dayNumbers.clear();
    dayNumbers.set(date, day);
  }
  return day;
}

/** Immunofixation / bone-lesion codes: 0 not done, 1 negative ("no"), 2 positive ("yes"). */
export const notDone = 0;
export const negative = 1;
export const positive = 2;
export type QualitativeCode = 0 | 1 | 2;

/** What was measured on one date; NaN / `notDone` where a test was not done. */
export class AssessmentValues {
  readonly date: CalendarDate;
  readonly day: number;
  serumMProtein = Number.NaN;
  urineMProtein = Number.NaN;
  serumImmunofixation: QualitativeCode = notDone;
  urineImmunofixation: QualitativeCode = notDone;
  flcKappa = Number.NaN;
  flcLambda = Number.NaN;
  marrowPlasmaCells = Number.NaN;
  bloodPlasmaCells = Number.NaN;
  whiteBloodCells = Number.NaN;
  plasmacytomaSpd = Number.NaN;
  newBoneLesion: QualitativeCode = notDone;
  calcium = Number.NaN;
  albumin = Number.NaN;
  /** True when a disease measure (not only calcium, albumin or WBC) was recorded on this date. */
  isDiseaseAssessment = false;

  constructor(date: CalendarDate, day: number) {
    this.date = date;
    this.day = day;
  }
}

/** A read-only view of one date's values, as the rules receive them. */
export type TimepointValues = Readonly<AssessmentValues>;

const serum = 1;
const urine = 2;
const serumIfe = 3;
const urineIfe = 4;
const kappa = 5;
const lambda = 6;
const marrow = 7;
const blood = 8;
const wbc = 9;
const spd = 10;
const boneLesion = 11;
const calcium = 12;
const albumin = 13;

/** The slot of a response test, 0 for tests the response rules do not read. */
function slotOf(test: string): number {
  switch (test) {
    case 'serum_m_protein':
      return serum;
    case 'urine_m_protein':
      return urine;
    case 'serum_ife':
      return serumIfe;
    case 'urine_ife':
      return urineIfe;
    case 'flc_kappa':
      return kappa;
    case 'flc_lambda':
      return lambda;
    case 'bm_plasma_cells':
      return marrow;
    case 'pb_plasma_cells':
      return blood;
    case 'wbc':
      return wbc;
    case 'plasmacytoma_spd':
      return spd;
    case 'new_bone_lesion':
      return boneLesion;
    case 'calcium':
      return calcium;
    case 'albumin':
      return albumin;
    default:
      return 0;
  }
}

function isQualitativeSlot(slot: number): boolean {
  return slot === serumIfe || slot === urineIfe || slot === boneLesion;
}

export interface GroupedLabs {
  /** One row per date on or after `firstDay`, ascending. */
  readonly rows: readonly AssessmentValues[];
  readonly warnings: readonly string[];
}

export interface GroupLabsOptions {
  /** Results dated before this day number are ignored (they are outside the baseline window). */
  readonly firstDay: number;
  /** Whether blood plasma cells make a date a disease assessment (PCL and IMWG 2016 modes). */
  readonly bloodPlasmaCellsAreDiseaseMeasure: boolean;
}

function qualitativeCode(result: string, positiveWord: string, negativeWord: string): QualitativeCode | -1 {
  if (result === positiveWord) return positive;
  if (result === negativeWord) return negative;
  return -1;
}

/** Groups `labs` (canonical units, any order) by date; see the module header. */
export function groupLabsByDate(labs: readonly LabMeasurement[], options: GroupLabsOptions): GroupedLabs {
  // Built only when a date arrives out of order; in-order input never needs a lookup.
  let rowByDay: Map<number, AssessmentValues> | null = null;
  const rows: AssessmentValues[] = [];
  const warnings: string[] = [];
  let isSorted = true;
  let previousDay = Number.NEGATIVE_INFINITY;
  let lastRow: AssessmentValues | null = null;
  for (const lab of labs) {
    const slot = slotOf(lab.test);
    if (slot === 0) continue;
    // Results usually arrive grouped by date: reuse the previous row without another lookup.
    let row: AssessmentValues | undefined = lastRow !== null && lastRow.date === lab.date ? lastRow : undefined;
    if (row === undefined) {
      const day = dayNumberOf(lab.date);
      if (day < options.firstDay) continue;
      if (day <= previousDay) {
        if (rowByDay === null) rowByDay = new Map(rows.map((existing) => [existing.day, existing]));
        row = rowByDay.get(day);
      }
      if (row === undefined) {
        row = new AssessmentValues(lab.date, day);
        rows.push(row);
        rowByDay?.set(day, row);
        if (day < previousDay) isSorted = false;
        else previousDay = day;
      }
    }
    lastRow = row;
    if (!isQualitativeSlot(slot) && 'value' in lab) {
      if (!Number.isFinite(lab.value) || lab.value < 0) {
        throw new RangeError(`${lab.test} on ${lab.date} must be a finite number ≥ 0 (got ${lab.value})`);
      }
      const previous = assignQuantity(row, slot, lab.value);
      if (slot === blood ? options.bloodPlasmaCellsAreDiseaseMeasure : isDiseaseMeasure(slot))
        row.isDiseaseAssessment = true;
      if (!Number.isNaN(previous) && previous !== lab.value) {
        noteConflict(warnings, { test: lab.test, row, kept: String(lab.value), dropped: String(previous) });
      }
    } else if ('result' in lab) {
      const isLesion = slot === boneLesion;
      const code = isLesion
        ? qualitativeCode(lab.result, 'yes', 'no')
        : qualitativeCode(lab.result, 'positive', 'negative');
      if (code === -1) {
        warnings.push(`${lab.test} on ${row.date} has the unrecognised result "${lab.result}"; it is ignored`);
        continue;
      }
      const previous = assignQualitative(row, slot, code);
      row.isDiseaseAssessment = true;
      if (previous !== notDone && previous !== code) {
        noteConflict(warnings, { test: lab.test, row, kept: lab.result, dropped: describeCode(previous, isLesion) });
      }
    } else {
      throw new RangeError(`${lab.test} on ${lab.date} has neither the value nor the result its test needs`);
    }
  }
  if (!isSorted) rows.sort((left, right) => left.day - right.day);
  return { rows, warnings };
}

function isDiseaseMeasure(slot: number): boolean {
  return slot !== wbc && slot !== calcium && slot !== albumin;
}

function noteConflict(
  warnings: string[],
  conflict: { readonly test: string; readonly row: AssessmentValues; readonly kept: string; readonly dropped: string },
): void {
  const { test, row, kept, dropped } = conflict;
  warnings.push(
    `${test} on ${row.date} has conflicting results (${dropped}, ${kept}); the later row (${kept}) is used`,
  );
}

/** Stores a quantity in its slot and returns the value it replaced (NaN when none). */
function assignQuantity(row: AssessmentValues, slot: number, value: number): number {
  let previous: number;
  switch (slot) {
    case serum:
      previous = row.serumMProtein;
      row.serumMProtein = value;
      break;
    case urine:
      previous = row.urineMProtein;
      row.urineMProtein = value;
      break;
    case kappa:
      previous = row.flcKappa;
      row.flcKappa = value;
      break;
    case lambda:
      previous = row.flcLambda;
      row.flcLambda = value;
      break;
    case marrow:
      previous = row.marrowPlasmaCells;
      row.marrowPlasmaCells = value;
      break;
    case blood:
      previous = row.bloodPlasmaCells;
      row.bloodPlasmaCells = value;
      break;
    case wbc:
      previous = row.whiteBloodCells;
      row.whiteBloodCells = value;
      break;
    case spd:
      previous = row.plasmacytomaSpd;
      row.plasmacytomaSpd = value;
      break;
    case calcium:
      previous = row.calcium;
      row.calcium = value;
      break;
    case albumin:
      previous = row.albumin;
      row.albumin = value;
      break;
    default:
      throw new RangeError(`slot ${slot} is not a quantitative response measure`);
  }
  return previous;
}

/** Stores a qualitative result in its slot and returns the code it replaced. */
function assignQualitative(row: AssessmentValues, slot: number, code: QualitativeCode): QualitativeCode {
  let previous: QualitativeCode;
  switch (slot) {
    case serumIfe:
      previous = row.serumImmunofixation;
      row.serumImmunofixation = code;
      break;
    case urineIfe:
      previous = row.urineImmunofixation;
      row.urineImmunofixation = code;
      break;
    case boneLesion:
      previous = row.newBoneLesion;
      row.newBoneLesion = code;
      break;
    default:
      throw new RangeError(`slot ${slot} is not a qualitative response measure`);
  }
  return previous;
}

function describeCode(code: QualitativeCode, isLesion: boolean): string {
  if (code === positive) return isLesion ? 'yes' : 'positive';
  return isLesion ? 'no' : 'negative';
}
