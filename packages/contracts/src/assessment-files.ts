/**
 * The three input files of `mmreg assess` (issue 4 items 8 and 10): `labs.csv`
 * (`patient,date,test,value,unit`), `therapy.csv` (`patient,regimen,start_date,end_date`) and the
 * optional `followup.csv` (`patient,last_contact_date,vital_status,death_date`). Every cell and every
 * cross-file fact is checked; all problems are collected with file, line, column and reason and no
 * data are returned when there is any (all or nothing). Units are converted to the canonical unit of
 * each test exactly once, here, with core's `convertToCanonicalUnit`; an unknown unit is an error,
 * never a guess. This module decides nothing clinical: it only delivers clean, dated, canonical data.
 */
import {
  type CalendarDate,
  convertToCanonicalUnit,
  DomainError,
  daysBetween,
  type FollowUp,
  isLabTest,
  isQuantitativeLabTest,
  type LabMeasurement,
  type LabTest,
  type PatientCode,
  type QualitativeLabTest,
  qualitativeLabTests,
  qualitativeValues,
  quantitativeLabTests,
  type TherapyLine,
  toCalendarDate,
  toPatientCode,
  unitConversions,
} from '@mmreg/core';
import { z } from 'zod';
import { cellEnum, nonEmptyTextCell } from './cell-parsers.ts';
import type { ImportIssue, ImportResult } from './import-issue.ts';
import { type LocatedRow, readSchemaTable, validateRows } from './validate-csv-rows.ts';

export const assessmentFileNames = { labs: 'labs.csv', therapy: 'therapy.csv', followup: 'followup.csv' } as const;

/** One input file: the name used in issues (usually the path given on the command line) and its text. */
export interface AssessmentFileText {
  readonly name: string;
  readonly text: string;
}

export interface AssessmentFileTexts {
  readonly labs: AssessmentFileText;
  readonly therapy: AssessmentFileText;
  /** Optional: without it no patient has follow-up (OS cannot be derived). */
  readonly followup?: AssessmentFileText | undefined;
}

export interface AssessmentFilesOptions {
  /**
   * [IMPL] Baseline window (clinical-spec.md §1.6 step 1): a value dated at most this many days
   * before the index therapy start (or on it) may serve as baseline. Default 30.
   */
  readonly baselineWindowDays?: number;
}

export const defaultBaselineWindowDays = 30;

/** One patient's validated data, in canonical units, ready for `assessPatient`. */
export interface PatientAssessmentRecord {
  readonly patient: PatientCode;
  /** Sorted by date (stable: rows of one date keep file order); identical duplicates merged. */
  readonly labs: readonly LabMeasurement[];
  /** Sorted by start date; the first is the index therapy (time origin). */
  readonly therapyLines: readonly TherapyLine[];
  readonly followUp: FollowUp | null;
}

export interface AssessmentFiles {
  /** In order of each patient's first row in therapy.csv. */
  readonly patients: readonly PatientAssessmentRecord[];
  /** Problems that do not stop the assessment (merged identical duplicates, a patient without labs…). */
  readonly warnings: readonly ImportIssue[];
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const show = (text: string): string => (text === '' ? 'an empty cell' : `"${text}"`);

/** A calendar date cell: YYYY-MM-DD and a real day of the calendar. */
const dateCell = z.string().transform((text, context): CalendarDate => {
  const date = parseDate(text);
  if (date === null) {
    context.addIssue({ code: 'custom', message: `expected a date as YYYY-MM-DD; got ${show(text)}` });
    return z.NEVER;
  }
  return date;
});

const optionalDateCell = z.union([z.literal('').transform(() => null), dateCell], {
  error: (issue) => `expected a date as YYYY-MM-DD or an empty cell; got ${show(String(issue.input))}`,
});

const patientCell = z.string().transform((text, context): PatientCode => {
  try {
    return toPatientCode(text);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    context.addIssue({
      code: 'custom',
      message: `expected a patient code of 1–64 letters, digits, dot, dash or underscore; got ${show(text)}`,
    });
    return z.NEVER;
  }
});

const knownTests = [...quantitativeLabTests, ...qualitativeLabTests].join(', ');
const testCell = z.string().transform((text, context): LabTest => {
  if (!isLabTest(text)) {
    context.addIssue({ code: 'custom', message: `unknown test ${show(text)} (known: ${knownTests})` });
    return z.NEVER;
  }
  return text;
});

const labRow = z.object({ patient: patientCell, date: dateCell, test: testCell, value: z.string(), unit: z.string() });
const therapyRow = z.object({
  patient: patientCell,
  regimen: nonEmptyTextCell,
  start_date: dateCell,
  end_date: optionalDateCell,
});
const followupRow = z.object({
  patient: patientCell,
  last_contact_date: dateCell,
  vital_status: cellEnum(['alive', 'dead']),
  death_date: optionalDateCell,
});

interface LabEntry {
  readonly line: number;
  readonly patient: PatientCode;
  readonly measurement: LabMeasurement;
  /** The value as written with its unit, for messages ("10 g/L"). */
  readonly written: string;
}

interface TherapyEntry {
  readonly line: number;
  readonly patient: PatientCode;
  readonly therapy: TherapyLine;
}

interface FollowupEntry {
  readonly line: number;
  readonly patient: PatientCode;
  readonly followUp: FollowUp;
}

/**
 * Validates labs.csv, therapy.csv and (optionally) followup.csv together and groups them per patient,
 * or returns every issue found. Checks, each reported on the offending row and column:
 * - cells: patient code, ISO date that exists, known test, numeric value ≥ 0 (percentages ≤ 100) or
 *   the test's qualitative vocabulary, a unit accepted for the test (empty for qualitative tests);
 * - duplicates (same patient, date and test): identical after unit conversion → merged with a
 *   warning; different → error naming the first line;
 * - every patient in labs.csv or followup.csv has a row in therapy.csv; no two lines of one patient
 *   start on the same day (the index therapy would be ambiguous); end date not before start date;
 * - pre-treatment values: a lab dated before the index therapy start is accepted only if the patient
 *   has a baseline-eligible value of the same test, i.e. one dated within `baselineWindowDays`
 *   before the index start or on it (clinical-spec.md §1.6 step 1); otherwise it is an error;
 * - follow-up: death date given exactly when dead, not before the last contact date; last contact
 *   not before the index therapy start; no lab or therapy dated after death or after the last contact.
 */
export function parseAssessmentFiles(
  texts: AssessmentFileTexts,
  options: AssessmentFilesOptions = {},
): ImportResult<AssessmentFiles> {
  const baselineWindowDays = options.baselineWindowDays ?? defaultBaselineWindowDays;
  if (!Number.isInteger(baselineWindowDays) || baselineWindowDays < 0) {
    throw new RangeError(`baselineWindowDays must be a whole number of days ≥ 0 (got ${baselineWindowDays})`);
  }
  const issues: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];

  const labFile = texts.labs.name;
  const therapyFile = texts.therapy.name;
  const labRows = validateRows(
    readSchemaTable(texts.labs.text, texts.labs.name, labRow, issues),
    labRow,
    labFile,
    issues,
  );
  const therapyRows = validateRows(
    readSchemaTable(texts.therapy.text, texts.therapy.name, therapyRow, issues),
    therapyRow,
    therapyFile,
    issues,
  );
  const followupRows =
    texts.followup === undefined
      ? null
      : validateRows(
          readSchemaTable(texts.followup.text, texts.followup.name, followupRow, issues),
          followupRow,
          texts.followup.name,
          issues,
        );

  const labs = labRows.flatMap((row) => {
    const entry = toLabEntry(row, labFile, issues);
    return entry === null ? [] : [entry];
  });
  const therapies = collectTherapies(therapyRows, therapyFile, issues);
  const followups =
    followupRows === null || texts.followup === undefined
      ? null
      : collectFollowups(followupRows, texts.followup.name, therapies, issues);

  const mergedLabs = mergeDuplicateLabs(labs, labFile, issues, warnings);
  checkLabsAgainstTherapy(mergedLabs, therapies, { file: labFile, baselineWindowDays }, issues);
  if (followups !== null && texts.followup !== undefined) {
    checkDatesAgainstFollowUp({ labs: mergedLabs, therapies, followups }, { labFile, therapyFile }, issues);
  }

  const labsByPatient = groupBy(mergedLabs, (entry) => entry.patient);
  const patients: PatientAssessmentRecord[] = [];
  for (const [patient, lines] of therapies) {
    const patientLabs = labsByPatient.get(patient) ?? [];
    if (patientLabs.length === 0) {
      warnings.push({
        file: labFile,
        line: null,
        column: null,
        message: `patient ${patient} has no laboratory rows: response is not evaluable`,
      });
    }
    const followUp = followups?.get(patient)?.followUp ?? null;
    if (followups !== null && followUp === null && texts.followup !== undefined) {
      warnings.push({
        file: texts.followup.name,
        line: null,
        column: null,
        message: `patient ${patient} has no follow-up row: OS cannot be derived`,
      });
    }
    patients.push({
      patient,
      labs: [...patientLabs].sort(compareLabEntries).map((entry) => entry.measurement),
      therapyLines: lines.map((entry) => entry.therapy),
      followUp,
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { patients, warnings } };
}

function parseDate(text: string): CalendarDate | null {
  if (!datePattern.test(text)) return null;
  try {
    return toCalendarDate(text);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/** Value and unit of one lab row, checked against its test and converted to the canonical unit. */
function toLabEntry(row: LocatedRow<z.output<typeof labRow>>, file: string, issues: ImportIssue[]): LabEntry | null {
  const { patient, date, test, value, unit } = row.value;
  const fail = (column: string, message: string): null => {
    issues.push({ file, line: row.line, column, message });
    return null;
  };
  if (!isQuantitativeLabTest(test)) {
    const qualitative = test as QualitativeLabTest;
    const accepted = qualitativeValues[qualitative];
    const result = value.toLowerCase();
    const valueOk = accepted.includes(result);
    if (!valueOk) fail('value', `expected ${accepted.join(' or ')} for ${test}; got ${show(value)}`);
    if (unit !== '') return fail('unit', `${test} is qualitative and takes no unit; got ${show(unit)}`);
    if (!valueOk) return null;
    return { line: row.line, patient, measurement: { test: qualitative, date, result }, written: result };
  }
  const accepted = Object.keys(unitConversions[test]).join(', ');
  const number = numberPattern.test(value) ? Number(value) : Number.NaN;
  let valueOk = true;
  if (!Number.isFinite(number)) {
    valueOk = false;
    fail('value', `expected a number for ${test} (dot as decimal separator); got ${show(value)}`);
  } else if (number < 0) {
    valueOk = false;
    fail('value', `${test} cannot be negative; got ${value}`);
  }
  if (unit === '') return fail('unit', `${test} needs a unit (accepted: ${accepted})`);
  const converted = convertToCanonicalUnit(test, valueOk ? number : 0, unit);
  if (!converted.ok) return fail('unit', `unknown unit ${show(unit)} for ${test} (accepted: ${accepted})`);
  if (!valueOk) return null;
  if (converted.unit === '%' && converted.value > 100)
    return fail('value', `${test} is a percentage: 0–100; got ${value}`);
  return {
    line: row.line,
    patient,
    measurement: { test, date, value: converted.value },
    written: `${value} ${unit}`,
  };
}

function collectTherapies(
  rows: ReadonlyArray<LocatedRow<z.output<typeof therapyRow>>>,
  file: string,
  issues: ImportIssue[],
): Map<PatientCode, TherapyEntry[]> {
  const byPatient = new Map<PatientCode, TherapyEntry[]>();
  for (const { line, value } of rows) {
    if (value.end_date !== null && daysBetween(value.start_date, value.end_date) < 0) {
      issues.push({
        file,
        line,
        column: 'end_date',
        message: `end date ${value.end_date} is before the start date ${value.start_date}`,
      });
      continue;
    }
    const entries = byPatient.get(value.patient) ?? [];
    const sameStart = entries.find((entry) => entry.therapy.startDate === value.start_date);
    if (sameStart !== undefined) {
      issues.push({
        file,
        line,
        column: 'start_date',
        message: `patient ${value.patient} already has a line starting on ${value.start_date} (line ${sameStart.line}): which line is which would be ambiguous`,
      });
      continue;
    }
    entries.push({
      line,
      patient: value.patient,
      therapy: { regimen: value.regimen, startDate: value.start_date, endDate: value.end_date },
    });
    byPatient.set(value.patient, entries);
  }
  for (const entries of byPatient.values()) {
    entries.sort((a, b) => daysBetween(b.therapy.startDate, a.therapy.startDate));
  }
  return byPatient;
}

function collectFollowups(
  rows: ReadonlyArray<LocatedRow<z.output<typeof followupRow>>>,
  file: string,
  therapies: ReadonlyMap<PatientCode, readonly TherapyEntry[]>,
  issues: ImportIssue[],
): Map<PatientCode, FollowupEntry> {
  const byPatient = new Map<PatientCode, FollowupEntry>();
  const firstLine = new Map<PatientCode, number>();
  for (const { line, value } of rows) {
    const { patient, last_contact_date: lastContactDate, vital_status: vitalStatus, death_date: deathDate } = value;
    const fail = (column: string, message: string): void => {
      issues.push({ file, line, column, message });
    };
    const first = firstLine.get(patient);
    if (first !== undefined) {
      fail('patient', `patient ${patient} already has a follow-up row (line ${first})`);
      continue;
    }
    firstLine.set(patient, line);
    const index = therapies.get(patient)?.[0];
    if (index === undefined) {
      fail('patient', `patient ${patient} has no row in the therapy file (the index therapy is the time origin)`);
      continue;
    }
    let followUp: FollowUp | null = null;
    if (vitalStatus === 'alive') {
      if (deathDate !== null) fail('death_date', 'a death date is given but vital_status is alive');
      else followUp = { vitalStatus, lastContactDate };
    } else if (deathDate === null) {
      fail('death_date', 'vital_status is dead but the death date is empty');
    } else if (daysBetween(lastContactDate, deathDate) < 0) {
      fail('death_date', `death date ${deathDate} is before the last contact date ${lastContactDate}`);
    } else {
      followUp = { vitalStatus, lastContactDate, deathDate };
    }
    if (daysBetween(index.therapy.startDate, lastContactDate) < 0) {
      fail(
        'last_contact_date',
        `last contact ${lastContactDate} is before the index therapy start ${index.therapy.startDate}`,
      );
      continue;
    }
    if (followUp !== null) byPatient.set(patient, { line, patient, followUp });
  }
  return byPatient;
}

function sameMeasurement(a: LabMeasurement, b: LabMeasurement): boolean {
  if ('value' in a && 'value' in b) {
    // Unit conversion can leave a rounding difference (10 g/L × 0.1 vs 1 g/dL).
    return Math.abs(a.value - b.value) <= 1e-9 * Math.max(Math.abs(a.value), Math.abs(b.value));
  }
  return 'result' in a && 'result' in b && a.result === b.result;
}

/** Same patient, date and test: identical rows are merged (warning), disagreeing rows are errors. */
function mergeDuplicateLabs(
  labs: readonly LabEntry[],
  file: string,
  issues: ImportIssue[],
  warnings: ImportIssue[],
): LabEntry[] {
  const first = new Map<string, LabEntry>();
  const kept: LabEntry[] = [];
  for (const entry of labs) {
    const key = `${entry.patient}\u0000${entry.measurement.date}\u0000${entry.measurement.test}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, entry);
      kept.push(entry);
      continue;
    }
    const what = `${entry.measurement.test} of patient ${entry.patient} on ${entry.measurement.date}`;
    if (sameMeasurement(earlier.measurement, entry.measurement)) {
      warnings.push({
        file,
        line: entry.line,
        column: 'value',
        message: `duplicate of line ${earlier.line} (${what}, same value): merged`,
      });
    } else {
      issues.push({
        file,
        line: entry.line,
        column: 'value',
        message: `${what} is ${entry.written} here but ${earlier.written} on line ${earlier.line}`,
      });
    }
  }
  return kept;
}

function checkLabsAgainstTherapy(
  labs: readonly LabEntry[],
  therapies: ReadonlyMap<PatientCode, readonly TherapyEntry[]>,
  context: { readonly file: string; readonly baselineWindowDays: number },
  issues: ImportIssue[],
): void {
  const { file, baselineWindowDays } = context;
  const reportedMissing = new Set<PatientCode>();
  const byPatient = groupBy(labs, (entry) => entry.patient);
  for (const [patient, entries] of byPatient) {
    const index = therapies.get(patient)?.[0];
    if (index === undefined) {
      const firstLine = entries.reduce((line, entry) => Math.min(line, entry.line), Number.POSITIVE_INFINITY);
      if (!reportedMissing.has(patient)) {
        issues.push({
          file,
          line: firstLine,
          column: 'patient',
          message: `patient ${patient} has laboratory rows but no row in the therapy file (the index therapy is the time origin)`,
        });
        reportedMissing.add(patient);
      }
      continue;
    }
    const start = index.therapy.startDate;
    const hasBaseline = new Set<LabTest>();
    for (const entry of entries) {
      const daysBefore = daysBetween(entry.measurement.date, start);
      if (daysBefore >= 0 && daysBefore <= baselineWindowDays) hasBaseline.add(entry.measurement.test);
    }
    for (const entry of entries) {
      const daysBefore = daysBetween(entry.measurement.date, start);
      if (daysBefore <= 0 || hasBaseline.has(entry.measurement.test)) continue;
      issues.push({
        file,
        line: entry.line,
        column: 'date',
        message: `${entry.measurement.test} on ${entry.measurement.date} is ${daysBefore} days before the index therapy (${index.therapy.regimen}, ${start}) and patient ${patient} has no baseline-eligible ${entry.measurement.test} (dated within ${baselineWindowDays} days before the index start or on it)`,
      });
    }
  }
}

function checkDatesAgainstFollowUp(
  data: {
    readonly labs: readonly LabEntry[];
    readonly therapies: ReadonlyMap<PatientCode, readonly TherapyEntry[]>;
    readonly followups: ReadonlyMap<PatientCode, FollowupEntry>;
  },
  files: { readonly labFile: string; readonly therapyFile: string },
  issues: ImportIssue[],
): void {
  const limitOf = (patient: PatientCode): { date: CalendarDate; what: string } | null => {
    const followUp = data.followups.get(patient)?.followUp;
    if (followUp === undefined) return null;
    return followUp.vitalStatus === 'dead'
      ? { date: followUp.deathDate, what: 'the death date' }
      : { date: followUp.lastContactDate, what: 'the last contact date' };
  };
  for (const entry of data.labs) {
    const limit = limitOf(entry.patient);
    if (limit !== null && daysBetween(limit.date, entry.measurement.date) > 0) {
      issues.push({
        file: files.labFile,
        line: entry.line,
        column: 'date',
        message: `${entry.measurement.test} on ${entry.measurement.date} is after ${limit.what} (${limit.date}) of patient ${entry.patient} in the follow-up file`,
      });
    }
  }
  for (const [patient, entries] of data.therapies) {
    const limit = limitOf(patient);
    for (const entry of entries) {
      if (limit !== null && daysBetween(limit.date, entry.therapy.startDate) > 0) {
        issues.push({
          file: files.therapyFile,
          line: entry.line,
          column: 'start_date',
          message: `${entry.therapy.regimen} starts on ${entry.therapy.startDate}, after ${limit.what} (${limit.date}) of patient ${patient} in the follow-up file`,
        });
      }
    }
  }
}

function compareLabEntries(a: LabEntry, b: LabEntry): number {
  return daysBetween(b.measurement.date, a.measurement.date) || a.line - b.line;
}

function groupBy<TItem, TKey>(items: readonly TItem[], keyOf: (item: TItem) => TKey): Map<TKey, TItem[]> {
  const groups = new Map<TKey, TItem[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
