/**
 * The long tables of a registry import, as CSV files or as sheets of one XLSX workbook: the rules
 * engine's `labs`, `therapy` and `followup` (the same columns `mmreg assess` reads), plus `patients`
 * (the enrolment form) and `adverse_events`. Each row becomes one registry form checked with its
 * zod schema; the store later checks it against stored data (patient exists, centre writable).
 */
import { isLabTest, isQuantitativeLabTest } from '@mmreg/core';
import type { ChildCreate, ChildFormKind } from '../registry/registry-schemas.ts';
import type { BatchBuilder, PatientForm } from './batch-builder.ts';
import {
  adverseEventFieldSpecs,
  convertCell,
  convertFormStatus,
  courseFieldSpecs,
  type FieldSpec,
  type FormKind,
  followUpFieldSpecs,
  patientFieldSpecs,
  type RowLocation,
  validateForm,
} from './form-fields.ts';
import type { SourceRow, SourceTable, TableLayout } from './source-table.ts';

export const longFileKinds = ['patients', 'labs', 'therapy', 'followup', 'adverse_events'] as const;
export type LongFileKind = (typeof longFileKinds)[number];

/** A long table's columns: which form field each holds (`patient` is the code in every table). */
interface LongTable {
  readonly form: FormKind;
  readonly specs: readonly FieldSpec[];
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

const columnsOf = (specs: readonly FieldSpec[]): string[] => specs.map((spec) => spec.column);
const dateColumnsOf = (specs: readonly FieldSpec[]): string[] =>
  specs.filter((spec) => spec.kind === 'date').map((spec) => spec.column);

/** labs: the rules engine's long format; `value` holds a number, or the word of a qualitative test. */
const labSpecs: readonly FieldSpec[] = [
  { field: 'date', column: 'date', kind: 'date', nullable: false },
  { field: 'test', column: 'test', kind: 'text', nullable: false },
  { field: 'value', column: 'value', kind: 'text', nullable: true },
  { field: 'unit', column: 'unit', kind: 'text', nullable: true },
];

/** followup: `last_contact_date` is the date of the follow-up record. */
const followUpCsvSpecs: readonly FieldSpec[] = followUpFieldSpecs.map((spec) =>
  spec.field === 'date' ? { ...spec, column: 'last_contact_date' } : spec,
);

const tables: Readonly<Record<LongFileKind, LongTable>> = {
  patients: {
    form: 'patient',
    specs: patientFieldSpecs,
    required: ['patient', ...columnsOf(patientFieldSpecs)],
    optional: ['center', 'form_status'],
  },
  labs: {
    form: 'assessments',
    specs: labSpecs,
    required: ['patient', 'date', 'test', 'value', 'unit'],
    optional: ['form_status'],
  },
  therapy: {
    form: 'courses',
    specs: courseFieldSpecs,
    required: ['patient', 'regimen', 'start_date', 'end_date'],
    // The registry's other course fields may be added as columns; absent ones are empty.
    optional: [
      ...columnsOf(courseFieldSpecs).filter((column) => !['regimen', 'start_date', 'end_date'].includes(column)),
      'form_status',
    ],
  },
  followup: {
    form: 'follow-up',
    specs: followUpCsvSpecs,
    required: ['patient', 'last_contact_date', 'vital_status', 'death_date'],
    optional: ['cause_of_death', 'notes', 'form_status'],
  },
  adverse_events: {
    form: 'adverse-events',
    specs: adverseEventFieldSpecs,
    required: ['patient', ...columnsOf(adverseEventFieldSpecs)],
    optional: ['form_status'],
  },
};

export function longTableLayout(kind: LongFileKind): TableLayout {
  const table = tables[kind];
  return { required: table.required, optional: table.optional, dateColumns: dateColumnsOf(table.specs) };
}

/** The table kind a file or sheet name denotes (`labs.csv`, `Labs`, `adverse_events.csv`…), or null. */
export function longFileKindOf(name: string): LongFileKind | null {
  const base = (name.split(/[\\/]/).pop() ?? name).toLowerCase().replace(/\.csv$/, '');
  return (longFileKinds as readonly string[]).includes(base) ? (base as LongFileKind) : null;
}

const codePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Reads one long table into the builder; every problem is an issue on its row and column. */
export function readLongTable(
  kind: LongFileKind,
  table: SourceTable,
  context: { readonly builder: BatchBuilder; readonly centerCode?: string | undefined },
): void {
  const { builder } = context;
  const spec = tables[kind];
  const hasIndexColumn = table.columns.includes('is_index_therapy');
  for (const row of table.rows) {
    const where: RowLocation = { file: table.file, line: row.line };
    const code = row.values['patient'] ?? '';
    if (!codePattern.test(code)) {
      builder.issues.push({
        file: where.file,
        line: where.line,
        column: 'patient',
        message: `expected a patient code of 1–64 letters, digits, dot, dash or underscore; got ${code === '' ? 'an empty cell' : `"${code}"`}`,
      });
      continue;
    }
    const values = kind === 'labs' ? labValues(row, where, builder) : typedValues(spec.specs, row, where, builder);
    if (values === null) continue;
    const columnOf = (field: string): string | null =>
      kind === 'labs' && field === 'result'
        ? 'value'
        : (spec.specs.find((item) => item.field === field)?.column ?? null);
    const validation = { columnOf, issues: builder.issues };
    if (spec.form === 'patient') {
      const form = validateForm('patient', { code, ...values }, where, validation);
      const center = (row.values['center'] ?? '').trim() || context.centerCode;
      if (center === undefined) {
        builder.issues.push({
          file: where.file,
          line: where.line,
          column: 'center',
          message: 'the patient needs a centre: fill the center column or give the import a centre (--center)',
        });
        continue;
      }
      if (form !== null) {
        builder.addPatient(form as PatientForm, where, {
          code: center,
          column: table.columns.includes('center') ? 'center' : null,
          keyColumn: 'patient',
        });
      }
      continue;
    }
    const childKind: ChildFormKind = spec.form;
    if (childKind === 'courses') {
      if (hasIndexColumn) builder.noteIndexFlagGiven(code);
      else values['isIndexTherapy'] = false;
    }
    const form = validateForm(childKind, values, where, validation);
    if (form !== null) {
      builder.addChild(code, childKind, form as ChildCreate<typeof childKind>, {
        where,
        keyColumn: keyColumnOf(childKind),
      });
    }
  }
}

function keyColumnOf(kind: ChildFormKind): string | null {
  switch (kind) {
    case 'assessments':
      return 'test';
    case 'courses':
      return 'start_date';
    case 'follow-up':
      return 'last_contact_date';
    case 'adverse-events':
      return 'term';
    default:
      return null;
  }
}

/** Converts the row's cells for `specs`; absent optional columns give null ([] for lists). */
function typedValues(
  specs: readonly FieldSpec[],
  row: SourceRow,
  where: RowLocation,
  builder: BatchBuilder,
): Record<string, unknown> | null {
  const values: Record<string, unknown> = {};
  let isValid = true;
  for (const spec of specs) {
    const text = row.values[spec.column];
    if (text === undefined) {
      values[spec.field] = spec.kind === 'list' ? [] : null;
      continue;
    }
    const cell = convertCell(text, spec);
    if (cell.ok) values[spec.field] = cell.value;
    else {
      isValid = false;
      builder.issues.push({ file: where.file, line: where.line, column: spec.column, message: cell.message });
    }
  }
  const status = convertFormStatus(row.values['form_status'] ?? '');
  if (!status.ok) {
    isValid = false;
    builder.issues.push({ file: where.file, line: where.line, column: 'form_status', message: status.message });
  } else if (status.value !== undefined) values['formStatus'] = status.value;
  return isValid ? values : null;
}

/** labs.csv's `value`: a number in `unit` for quantitative tests, the result word (no unit) for qualitative ones. */
function labValues(row: SourceRow, where: RowLocation, builder: BatchBuilder): Record<string, unknown> | null {
  const base = typedValues(
    labSpecs.filter((spec) => spec.column !== 'value'),
    row,
    where,
    builder,
  );
  if (base === null) return null;
  const test = String(base['test'] ?? '');
  const text = (row.values['value'] ?? '').trim();
  if (isLabTest(test) && !isQuantitativeLabTest(test)) {
    return { ...base, value: null, result: text === '' ? null : text.toLowerCase() };
  }
  const number = convertCell(text, { field: 'value', column: 'value', kind: 'number', nullable: true });
  if (!number.ok) {
    builder.issues.push({
      file: where.file,
      line: where.line,
      column: 'value',
      message: `${number.message} for ${test}`,
    });
    return null;
  }
  if (typeof number.value === 'number' && number.value < 0) {
    builder.issues.push({
      file: where.file,
      line: where.line,
      column: 'value',
      message: `${test} cannot be negative; got ${text}`,
    });
    return null;
  }
  return { ...base, value: number.value, result: null };
}
