/**
 * How each form's fields map to columns (schema.ts conventions): booleans as 0/1, lists as JSON text,
 * everything else as is. One table of columns per form drives reads, writes and audit diffs, so a
 * field is listed once for both dialects.
 */
import type { ChildFormKind } from '@mmreg/contracts';
import { canonicalJson } from './canonical-json.ts';

export type ColumnType = 'text' | 'number' | 'boolean' | 'json';
export type ColumnValue = string | number | null;

export interface FieldColumn {
  /** The field of the record (zod contract). */
  readonly field: string;
  readonly column: string;
  readonly type: ColumnType;
  /** Computed by the store on write (e.g. a lab's canonical value), never taken from input. */
  readonly isDerived?: true;
}

const column = (field: string, name: string, type: ColumnType = 'text'): FieldColumn => ({
  field,
  column: name,
  type,
});

export const patientColumns: readonly FieldColumn[] = [
  column('sex', 'sex'),
  column('birthYear', 'birth_year', 'number'),
  column('diagnosisDate', 'diagnosis_date'),
  column('priorMyelomaDiagnosisDate', 'prior_myeloma_diagnosis_date'),
  column('heavyChain', 'heavy_chain'),
  column('lightChain', 'light_chain'),
  column('isNonSecretory', 'is_non_secretory', 'boolean'),
  column('pbPlasmaCellsPercent', 'pb_plasma_cells_percent', 'number'),
  column('wbcPer1e9L', 'wbc_per_1e9_l', 'number'),
  column('hemoglobinGPerDl', 'hemoglobin_g_per_dl', 'number'),
  column('plateletsPer1e9L', 'platelets_per_1e9_l', 'number'),
  column('creatinineMgPerDl', 'creatinine_mg_per_dl', 'number'),
  column('extramedullarySites', 'extramedullary_sites', 'json'),
  column('karyotype', 'karyotype'),
  column('notes', 'notes'),
];

export const childColumns: Readonly<Record<ChildFormKind, readonly FieldColumn[]>> = {
  'prior-therapies': [
    column('lineNumber', 'line_number', 'number'),
    column('regimen', 'regimen'),
    column('agents', 'agents', 'json'),
    column('startDate', 'start_date'),
    column('endDate', 'end_date'),
    column('isAutologousTransplant', 'is_autologous_transplant', 'boolean'),
    column('bestResponse', 'best_response'),
  ],
  courses: [
    column('regimen', 'regimen'),
    column('agents', 'agents', 'json'),
    column('startDate', 'start_date'),
    column('endDate', 'end_date'),
    column('plannedBortezomibDoseMgPerM2', 'planned_bortezomib_dose_mg_per_m2', 'number'),
    column('schedule', 'schedule'),
    column('plannedCycles', 'planned_cycles', 'number'),
    column('cycleLengthDays', 'cycle_length_days', 'number'),
    column('heightCm', 'height_cm', 'number'),
    column('weightKg', 'weight_kg', 'number'),
    column('isIndexTherapy', 'is_index_therapy', 'boolean'),
  ],
  administrations: [
    column('courseId', 'course_id', 'number'),
    column('date', 'date'),
    column('agent', 'agent'),
    column('cycle', 'cycle', 'number'),
    column('day', 'day', 'number'),
    column('doseMg', 'dose_mg', 'number'),
    column('modification', 'modification'),
  ],
  assessments: [
    column('date', 'date'),
    column('test', 'test'),
    column('value', 'value', 'number'),
    column('result', 'result'),
    column('unit', 'unit'),
    { ...column('canonicalValue', 'canonical_value', 'number'), isDerived: true },
  ],
  'adverse-events': [
    column('term', 'term'),
    column('ctcaeVersion', 'ctcae_version'),
    column('grade', 'grade', 'number'),
    column('onsetDate', 'onset_date'),
    column('resolutionDate', 'resolution_date'),
    column('isSerious', 'is_serious', 'boolean'),
    column('attribution', 'attribution'),
    column('action', 'action'),
    column('courseId', 'course_id', 'number'),
  ],
  'follow-up': [
    column('date', 'date'),
    column('vitalStatus', 'vital_status'),
    column('deathDate', 'death_date'),
    column('causeOfDeath', 'cause_of_death'),
    column('notes', 'notes'),
  ],
};

/** A field value as stored. */
export function toColumnValue(type: ColumnType, value: unknown): ColumnValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'boolean':
      return value === true ? 1 : 0;
    case 'json':
      return JSON.stringify(value);
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'text':
      return String(value);
    default: {
      const unreachable: never = type;
      throw new Error(`unknown column type ${String(unreachable)}`);
    }
  }
}

/** A stored value as a field value. */
export function fromColumnValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'boolean':
      return value === 1 || value === true || value === '1';
    case 'json':
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'text':
      return String(value);
    default: {
      const unreachable: never = type;
      throw new Error(`unknown column type ${String(unreachable)}`);
    }
  }
}

/** The fields of a stored row, by field name. */
export function fieldsOfRow(
  columns: readonly FieldColumn[],
  row: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const { field, column: name, type } of columns) fields[field] = fromColumnValue(type, row[name]);
  return fields;
}

/** The columns of a set of field values (only the fields present). */
export function columnsOfFields(
  columns: readonly FieldColumn[],
  fields: Readonly<Record<string, unknown>>,
): Record<string, ColumnValue> {
  const values: Record<string, ColumnValue> = {};
  for (const { field, column: name, type } of columns) {
    if (field in fields) values[name] = toColumnValue(type, fields[field]);
  }
  return values;
}

export interface FieldChange {
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
}

/** Field-level differences between two field sets (values compared as canonical JSON). */
export function diffFields(
  columns: readonly FieldColumn[],
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const { field } of columns) {
    const old = before === null ? null : (before[field] ?? null);
    const next = after === null ? null : (after[field] ?? null);
    if (canonicalJson(old) !== canonicalJson(next)) changes.push({ field, old, new: next });
  }
  return changes;
}
