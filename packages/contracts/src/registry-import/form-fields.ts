/**
 * The registry forms as flat fields, shared by every import format: which form field a column
 * holds, what kind of value it is, and the one place cells become typed values and are checked
 * with the form's zod schema (registry-schemas.ts), so a CSV cell, an XLSX cell and a REDCap value
 * are judged by the same rules. Every problem becomes an issue naming file, line and column.
 */
import { z } from 'zod';
import type { ImportIssue } from '../import-issue.ts';
import { childForms, type FormStatus, formStatuses, patientCreateSchema } from '../registry/registry-schemas.ts';

/** What a field holds; `nullable` fields take an empty cell as null, `list` fields as []. */
export type FieldKind = 'text' | 'integer' | 'number' | 'date' | 'boolean' | 'enum' | 'list';

export interface FieldSpec {
  /** The form field (camelCase, as in registry-schemas.ts). */
  readonly field: string;
  /** The column in the long CSV / XLSX files (snake_case). */
  readonly column: string;
  readonly kind: FieldKind;
  readonly nullable: boolean;
  /** Enumerations: the accepted values, read from the zod schema so they cannot drift. */
  readonly values?: readonly string[];
}

/** Where a row came from: the file (with its sheet for workbooks) and the 1-based line. */
export interface RowLocation {
  readonly file: string;
  readonly line: number;
}

export type FormKind = 'patient' | 'prior-therapies' | 'courses' | 'assessments' | 'adverse-events' | 'follow-up';

function enumValuesOf(schema: z.ZodType): readonly string[] {
  const inner = schema instanceof z.ZodNullable ? schema.unwrap() : schema;
  if (inner instanceof z.ZodEnum) return inner.options.map(String);
  throw new TypeError('not an enumeration schema');
}

type Shape = Readonly<Record<string, z.ZodType>>;

function field(shape: Shape, name: string, column: string, kind: FieldKind): FieldSpec {
  const schema = shape[name];
  if (schema === undefined) throw new TypeError(`registry schema has no field ${name}`);
  const nullable = schema instanceof z.ZodNullable;
  return kind === 'enum'
    ? { field: name, column, kind, nullable, values: enumValuesOf(schema) }
    : { field: name, column, kind, nullable };
}

const patientShape: Shape = patientCreateSchema.shape;
const priorShape: Shape = childForms['prior-therapies'].create.shape;
const courseShape: Shape = childForms.courses.create.shape;
const labShape: Shape = childForms.assessments.create.shape;
const aeShape: Shape = childForms['adverse-events'].create.shape;
const followShape: Shape = childForms['follow-up'].create.shape;

/** The patient form without its code and centre (the code keys the patient; the centre is a code resolved to an id). */
export const patientFieldSpecs: readonly FieldSpec[] = [
  field(patientShape, 'sex', 'sex', 'enum'),
  field(patientShape, 'birthYear', 'birth_year', 'integer'),
  field(patientShape, 'diagnosisDate', 'diagnosis_date', 'date'),
  field(patientShape, 'priorMyelomaDiagnosisDate', 'prior_myeloma_diagnosis_date', 'date'),
  field(patientShape, 'heavyChain', 'heavy_chain', 'enum'),
  field(patientShape, 'lightChain', 'light_chain', 'enum'),
  field(patientShape, 'isNonSecretory', 'is_non_secretory', 'boolean'),
  field(patientShape, 'pbPlasmaCellsPercent', 'pb_plasma_cells_percent', 'number'),
  field(patientShape, 'wbcPer1e9L', 'wbc_per_1e9_l', 'number'),
  field(patientShape, 'hemoglobinGPerDl', 'hemoglobin_g_per_dl', 'number'),
  field(patientShape, 'plateletsPer1e9L', 'platelets_per_1e9_l', 'number'),
  field(patientShape, 'creatinineMgPerDl', 'creatinine_mg_per_dl', 'number'),
  field(patientShape, 'extramedullarySites', 'extramedullary_sites', 'list'),
  field(patientShape, 'karyotype', 'karyotype', 'enum'),
  field(patientShape, 'notes', 'notes', 'text'),
];

export const priorTherapyFieldSpecs: readonly FieldSpec[] = [
  field(priorShape, 'lineNumber', 'line_number', 'integer'),
  field(priorShape, 'regimen', 'regimen', 'text'),
  field(priorShape, 'agents', 'agents', 'list'),
  field(priorShape, 'startDate', 'start_date', 'date'),
  field(priorShape, 'endDate', 'end_date', 'date'),
  field(priorShape, 'isAutologousTransplant', 'is_autologous_transplant', 'boolean'),
  field(priorShape, 'bestResponse', 'best_response', 'enum'),
];

/** Every field of a treatment course (REDCap); therapy.csv carries only regimen and dates. */
export const courseFieldSpecs: readonly FieldSpec[] = [
  field(courseShape, 'regimen', 'regimen', 'text'),
  field(courseShape, 'agents', 'agents', 'list'),
  field(courseShape, 'startDate', 'start_date', 'date'),
  field(courseShape, 'endDate', 'end_date', 'date'),
  field(courseShape, 'plannedBortezomibDoseMgPerM2', 'planned_bortezomib_dose_mg_per_m2', 'number'),
  field(courseShape, 'schedule', 'schedule', 'enum'),
  field(courseShape, 'plannedCycles', 'planned_cycles', 'integer'),
  field(courseShape, 'cycleLengthDays', 'cycle_length_days', 'integer'),
  field(courseShape, 'heightCm', 'height_cm', 'number'),
  field(courseShape, 'weightKg', 'weight_kg', 'number'),
  field(courseShape, 'isIndexTherapy', 'is_index_therapy', 'boolean'),
];

export const assessmentFieldSpecs: readonly FieldSpec[] = [
  field(labShape, 'date', 'date', 'date'),
  field(labShape, 'test', 'test', 'text'),
  field(labShape, 'value', 'value', 'number'),
  field(labShape, 'result', 'result', 'text'),
  field(labShape, 'unit', 'unit', 'text'),
];

export const adverseEventFieldSpecs: readonly FieldSpec[] = [
  field(aeShape, 'term', 'term', 'text'),
  field(aeShape, 'ctcaeVersion', 'ctcae_version', 'enum'),
  field(aeShape, 'grade', 'grade', 'integer'),
  field(aeShape, 'onsetDate', 'onset_date', 'date'),
  field(aeShape, 'resolutionDate', 'resolution_date', 'date'),
  field(aeShape, 'isSerious', 'is_serious', 'boolean'),
  field(aeShape, 'attribution', 'attribution', 'enum'),
  field(aeShape, 'action', 'action', 'enum'),
];

export const followUpFieldSpecs: readonly FieldSpec[] = [
  field(followShape, 'date', 'date', 'date'),
  field(followShape, 'vitalStatus', 'vital_status', 'enum'),
  field(followShape, 'deathDate', 'death_date', 'date'),
  field(followShape, 'causeOfDeath', 'cause_of_death', 'enum'),
  field(followShape, 'notes', 'notes', 'text'),
];

/** A form's create schema: the patient form is checked without its centre id, which is resolved from a code. */
export const formSchemas = {
  patient: patientCreateSchema.omit({ centerId: true }),
  'prior-therapies': childForms['prior-therapies'].create,
  courses: childForms.courses.create,
  assessments: childForms.assessments.create,
  'adverse-events': childForms['adverse-events'].create,
  'follow-up': childForms['follow-up'].create,
} as const satisfies Record<FormKind, z.ZodType>;

/**
 * Fields no import format carries: an adverse event cannot name a stored course by id, so imported
 * events are attached to no course.
 */
const formDefaults: Readonly<Record<FormKind, Readonly<Record<string, unknown>>>> = {
  patient: {},
  'prior-therapies': {},
  courses: {},
  assessments: {},
  'adverse-events': { courseId: null },
  'follow-up': {},
};

const show = (text: string): string => (text === '' ? 'an empty cell' : `"${text}"`);
const integerPattern = /^[+-]?\d+$/;
const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const trueWords = new Set(['yes', 'y', 'true', '1']);
const falseWords = new Set(['no', 'n', 'false', '0']);

/** A cell's typed value, or the reason it is not one (the column is added by the caller). */
export type CellValue =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

/**
 * Text cell → typed value for the field: an empty cell is null for nullable fields and [] for lists
 * (lists are `;`-separated); numbers use a dot as decimal separator; booleans are yes/no (true/false,
 * 1/0 also accepted). Enumerations, ranges and calendar days are left to the zod schema.
 */
export function convertCell(text: string, spec: FieldSpec): CellValue {
  const cell = text.trim();
  if (spec.kind === 'list') {
    return {
      ok: true,
      value: cell
        .split(';')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    };
  }
  if (cell === '') {
    return spec.nullable ? { ok: true, value: null } : { ok: false, message: 'a value is required; got an empty cell' };
  }
  switch (spec.kind) {
    case 'text':
    case 'enum':
      return { ok: true, value: cell };
    case 'integer':
      return integerPattern.test(cell)
        ? { ok: true, value: Number(cell) }
        : { ok: false, message: `expected a whole number; got ${show(cell)}` };
    case 'number':
      return numberPattern.test(cell)
        ? { ok: true, value: Number(cell) }
        : { ok: false, message: `expected a number (dot as decimal separator); got ${show(cell)}` };
    case 'date':
      return datePattern.test(cell)
        ? { ok: true, value: cell }
        : { ok: false, message: `expected a date as YYYY-MM-DD; got ${show(cell)}` };
    case 'boolean': {
      const word = cell.toLowerCase();
      if (trueWords.has(word)) return { ok: true, value: true };
      if (falseWords.has(word)) return { ok: true, value: false };
      return { ok: false, message: `expected yes or no; got ${show(cell)}` };
    }
  }
}

/** The optional `form_status` cell (REDCap's form completion): empty means the store's default. */
export function convertFormStatus(text: string): CellValue {
  const cell = text.trim();
  if (cell === '') return { ok: true, value: undefined };
  return (formStatuses as readonly string[]).includes(cell)
    ? { ok: true, value: cell as FormStatus }
    : { ok: false, message: `expected one of ${formStatuses.join(', ')}; got ${show(cell)}` };
}

/**
 * Checks a form's typed values with its create schema; each zod issue becomes an import issue on
 * the column that holds the field (`columnOf`), or on no column for whole-row problems.
 */
export function validateForm<TKind extends FormKind>(
  kind: TKind,
  values: Readonly<Record<string, unknown>>,
  where: RowLocation,
  context: { readonly columnOf: (field: string) => string | null; readonly issues: ImportIssue[] },
): z.output<(typeof formSchemas)[TKind]> | null {
  const schema: z.ZodType = formSchemas[kind];
  const parsed = schema.safeParse({ ...formDefaults[kind], ...values });
  if (parsed.success) return parsed.data as z.output<(typeof formSchemas)[TKind]>;
  for (const issue of parsed.error.issues) {
    const first = issue.path[0];
    context.issues.push({
      file: where.file,
      line: where.line,
      column: first === undefined ? null : (context.columnOf(String(first)) ?? String(first)),
      message: issue.message,
    });
  }
  return null;
}
