/**
 * Reads and writes of the patient form and the repeating forms inside a transaction: input checked
 * with the shared zod schemas (again, so every caller — API, import, CLI — gets the same rules),
 * references checked against stored data, field-level audit diffs, optimistic versions, the reason
 * rule for complete forms, and the patient's derived results recomputed after every change.
 * Scope checks happen in the callers (kysely-store.ts, import-batch.ts) before these run.
 */
import {
  type ChildFormKind,
  type ChildRecord,
  childFormKinds,
  childForms,
  type PatientRecord,
  patientCreateSchema,
} from '@mmreg/contracts';
import { convertToCanonicalUnit, isLabTest, isQuantitativeLabTest } from '@mmreg/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditAction, AuditAppender } from './audit-trail.ts';
import { derivePatientResults, type PatientDerivationData } from './derive-patient-results.ts';
import {
  type ColumnValue,
  childColumns,
  columnsOfFields,
  diffFields,
  type FieldChange,
  type FieldColumn,
  fieldsOfRow,
  patientColumns,
} from './form-columns.ts';
import { childFormTables, type Database } from './schema.ts';
import { type Actor, StoreError } from './store.ts';

/** Kysely over the form tables by name (the generic form code; the typed schema is schema.ts). */
export type FormDatabase = Record<string, Record<string, ColumnValue>>;

export function formDb(db: Kysely<Database> | Transaction<Database>): Kysely<FormDatabase> {
  return db as unknown as Kysely<FormDatabase>;
}

interface ParseIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** zod's unrecognized_keys issue names the unknown fields here (its path is the object's). */
  readonly keys?: readonly string[];
}

/** The field path of an issue, with an unknown key named as the field. */
function issuePath(issue: ParseIssue): string | null {
  const path = [
    ...issue.path.map(String),
    ...(issue.keys !== undefined && issue.keys.length > 0 ? [issue.keys[0] as string] : []),
  ];
  return path.length === 0 ? null : path.join('.');
}

interface SafeParser {
  safeParse(
    input: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: readonly ParseIssue[] } };
}

/** Parses with a zod schema; a failure is `invalid` naming the first field. */
export function parseOrThrow(schema: unknown, input: unknown, what: string): Record<string, unknown> {
  const result = (schema as SafeParser).safeParse(input);
  if (result.success) return result.data as Record<string, unknown>;
  const issues = result.error.issues;
  const first = issues[0];
  const field = first === undefined ? null : issuePath(first);
  const message = issues.map((issue) => `${issuePath(issue) ?? '(record)'}: ${issue.message}`).join('; ');
  throw new StoreError('invalid', `${what}: ${message}`, field);
}

/** Only the form's own fields (drops version, formStatus, reason and anything else). */
export function pickFields(
  columns: readonly FieldColumn[],
  input: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const { field, isDerived } of columns) if (!isDerived && field in input) fields[field] = input[field];
  return fields;
}

export function patientOfRow(row: Readonly<Record<string, unknown>>): PatientRecord {
  return {
    id: row['id'] as number,
    version: row['version'] as number,
    formStatus: row['form_status'] as PatientRecord['formStatus'],
    studyId: row['study_id'] as number,
    centerId: row['center_id'] as number,
    code: row['code'] as string,
    ...fieldsOfRow(patientColumns, row),
  } as PatientRecord;
}

export function childOfRow<TKind extends ChildFormKind>(
  kind: TKind,
  row: Readonly<Record<string, unknown>>,
): ChildRecord<TKind> {
  return {
    id: row['id'] as number,
    version: row['version'] as number,
    formStatus: row['form_status'],
    patientId: row['patient_id'] as number,
    ...fieldsOfRow(childColumns[kind], row),
  } as unknown as ChildRecord<TKind>;
}

export async function findPatientRow(
  db: Kysely<Database> | Transaction<Database>,
  patientId: number,
): Promise<PatientRecord | undefined> {
  const row = await formDb(db).selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirst();
  return row === undefined ? undefined : patientOfRow(row);
}

/** Every row of one form for the given patients, in id order. */
export async function loadChildren<TKind extends ChildFormKind>(
  db: Kysely<Database> | Transaction<Database>,
  kind: TKind,
  patientIds: readonly number[],
): Promise<ChildRecord<TKind>[]> {
  if (patientIds.length === 0) return [];
  const records: ChildRecord<TKind>[] = [];
  // Bound parameters per statement are limited (SQLite 32,766, PostgreSQL 65,535): query in slices.
  for (let start = 0; start < patientIds.length; start += maxIdsPerQuery) {
    const rows = await formDb(db)
      .selectFrom(childFormTables[kind])
      .selectAll()
      .where('patient_id', 'in', patientIds.slice(start, start + maxIdsPerQuery))
      .orderBy('id')
      .execute();
    for (const row of rows) records.push(childOfRow(kind, row));
  }
  // Slices are in patient-id order, each sorted by id: re-sort so the whole list is in id order.
  if (patientIds.length > maxIdsPerQuery) records.sort((a, b) => a.id - b.id);
  return records;
}

const maxIdsPerQuery = 10_000;

export interface WriteContext {
  readonly trx: Transaction<Database>;
  readonly audit: AuditAppender;
  readonly actor: Actor;
  readonly dialect: 'sqlite' | 'postgres';
}

function requireReason(
  current: { readonly formStatus: string },
  changes: readonly FieldChange[],
  reason: string | null,
  what: string,
): void {
  if (current.formStatus === 'complete' && changes.length > 0 && reason === null) {
    throw new StoreError('reason-required', `${what} is marked complete: give a reason for the change`, 'reason');
  }
}

function reasonOf(optionsReason: string | undefined, input: Readonly<Record<string, unknown>>): string | null {
  const fromInput = input['reason'];
  const reason = optionsReason ?? (typeof fromInput === 'string' ? fromInput : undefined);
  return reason === undefined || reason.trim() === '' ? null : reason.trim();
}

export { reasonOf };

// ---------------------------------------------------------------------------------------------
// Patient
// ---------------------------------------------------------------------------------------------

export async function insertPatient(
  context: WriteContext,
  studyId: number,
  input: Readonly<Record<string, unknown>>,
  audit: { readonly action: AuditAction; readonly reason: string | null },
): Promise<PatientRecord> {
  const parsed = parseOrThrow(patientCreateSchema, input, 'patient');
  const code = parsed['code'] as string;
  const centerId = parsed['centerId'] as number;
  const center = await context.trx
    .selectFrom('centers')
    .select(['id'])
    .where('id', '=', centerId)
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  if (center === undefined)
    throw new StoreError('invalid', `centre ${centerId} is not a centre of this study`, 'centerId');
  const taken = await context.trx
    .selectFrom('patients')
    .select(['id'])
    .where('study_id', '=', studyId)
    .where('center_id', '=', centerId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (taken !== undefined) {
    throw new StoreError('duplicate', `patient code ${code} is already used in this centre`, 'code');
  }
  const fields = pickFields(patientColumns, parsed);
  const formStatus = (parsed['formStatus'] as string | undefined) ?? 'incomplete';
  const at = context.audit.at;
  const row = await formDb(context.trx)
    .insertInto('patients')
    .values({
      study_id: studyId,
      center_id: centerId,
      code,
      version: 1,
      form_status: formStatus,
      created_at: at,
      updated_at: at,
      ...columnsOfFields(patientColumns, fields),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const patient = patientOfRow(row);
  context.audit.append(context.actor, {
    action: audit.action,
    entity: 'patient',
    entityId: patient.id,
    patientId: patient.id,
    centerId: patient.centerId,
    changes: [
      { field: 'code', old: null, new: code },
      { field: 'centerId', old: null, new: centerId },
      { field: 'formStatus', old: null, new: formStatus },
      ...diffFields(patientColumns, null, fields),
    ],
    reason: audit.reason,
  });
  await recomputeDerived(context, patient, at);
  return patient;
}

/** Applies field changes to a patient; `fields` are already validated update fields. */
export async function updatePatientFields(
  context: WriteContext,
  current: PatientRecord,
  update: {
    readonly fields: Readonly<Record<string, unknown>>;
    readonly formStatus: string | undefined;
    readonly version: number;
  },
  audit: { readonly action: AuditAction; readonly reason: string | null },
): Promise<{ readonly patient: PatientRecord; readonly changed: boolean }> {
  if (update.version !== current.version) {
    throw new StoreError(
      'conflict',
      `patient ${current.id} was changed by someone else (version ${current.version}, yours ${update.version}): reload it`,
      'version',
    );
  }
  const currentFields = pickFields(patientColumns, current as unknown as Record<string, unknown>);
  const merged = parseOrThrow(
    patientCreateSchema,
    { code: current.code, centerId: current.centerId, ...currentFields, ...update.fields },
    'patient',
  );
  const nextFields = pickFields(patientColumns, merged);
  const changes = diffFields(patientColumns, currentFields, nextFields);
  const formStatus = update.formStatus ?? current.formStatus;
  if (formStatus !== current.formStatus)
    changes.unshift({ field: 'formStatus', old: current.formStatus, new: formStatus });
  requireReason(current, changes, audit.reason, `patient ${current.code}`);
  if (changes.length === 0) return { patient: current, changed: false };
  const at = context.audit.at;
  const row = await formDb(context.trx)
    .updateTable('patients')
    .set({
      ...columnsOfFields(
        patientColumns,
        Object.fromEntries(changes.filter((c) => c.field !== 'formStatus').map((c) => [c.field, c.new])),
      ),
      form_status: formStatus,
      version: current.version + 1,
      updated_at: at,
    })
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) {
    throw new StoreError('conflict', `patient ${current.id} was changed by someone else: reload it`, 'version');
  }
  const patient = patientOfRow(row);
  context.audit.append(context.actor, {
    action: audit.action,
    entity: 'patient',
    entityId: patient.id,
    patientId: patient.id,
    centerId: patient.centerId,
    changes,
    reason: audit.reason,
  });
  await recomputeDerived(context, patient, at);
  return { patient, changed: true };
}

// ---------------------------------------------------------------------------------------------
// Repeating forms
// ---------------------------------------------------------------------------------------------

/** Store-side checks of a validated child row: references to courses of the same patient; canonical units. */
async function completeChildFields(
  trx: Transaction<Database>,
  patient: PatientRecord,
  kind: ChildFormKind,
  fields: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (kind === 'administrations' || kind === 'adverse-events') {
    const courseId = fields['courseId'];
    if (typeof courseId === 'number') {
      const course = await trx
        .selectFrom('courses')
        .select(['id'])
        .where('id', '=', courseId)
        .where('patient_id', '=', patient.id)
        .executeTakeFirst();
      if (course === undefined) {
        throw new StoreError(
          'invalid',
          `course ${courseId} is not a treatment course of patient ${patient.code}`,
          'courseId',
        );
      }
    }
  }
  if (kind === 'assessments') {
    const test = String(fields['test']);
    let canonicalValue: number | null = null;
    if (isLabTest(test) && isQuantitativeLabTest(test)) {
      const converted = convertToCanonicalUnit(test, Number(fields['value']), String(fields['unit']));
      if (!converted.ok) throw new StoreError('invalid', converted.message, 'unit');
      canonicalValue = converted.value;
    }
    return { ...fields, canonicalValue };
  }
  return fields;
}

/** Validates a create input of a form and returns its fields (with derived fields filled in). */
export async function prepareChildCreate(
  trx: Transaction<Database>,
  patient: PatientRecord,
  kind: ChildFormKind,
  input: Readonly<Record<string, unknown>>,
): Promise<{ fields: Record<string, unknown>; formStatus: string }> {
  const parsed = parseOrThrow(childForms[kind].create, input, childForms[kind].label);
  const fields = await completeChildFields(trx, patient, kind, pickFields(childColumns[kind], parsed));
  return { fields, formStatus: (parsed['formStatus'] as string | undefined) ?? 'incomplete' };
}

export async function insertChild(
  context: WriteContext,
  patient: PatientRecord,
  kind: ChildFormKind,
  prepared: { readonly fields: Readonly<Record<string, unknown>>; readonly formStatus: string },
  audit: { readonly action: AuditAction; readonly reason: string | null; readonly recompute: boolean },
): Promise<Record<string, unknown>> {
  const columns = childColumns[kind];
  const at = context.audit.at;
  const row = await formDb(context.trx)
    .insertInto(childFormTables[kind])
    .values({
      patient_id: patient.id,
      version: 1,
      form_status: prepared.formStatus,
      created_at: at,
      updated_at: at,
      ...columnsOfFields(columns, prepared.fields),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const record = childOfRow(kind, row) as unknown as Record<string, unknown>;
  context.audit.append(context.actor, {
    action: audit.action,
    entity: kind,
    entityId: record['id'] as number,
    patientId: patient.id,
    centerId: patient.centerId,
    changes: [
      { field: 'formStatus', old: null, new: prepared.formStatus },
      ...diffFields(columns, null, prepared.fields),
    ],
    reason: audit.reason,
  });
  if (audit.recompute) await recomputeDerived(context, patient, at);
  return record;
}

async function findChild(
  trx: Transaction<Database>,
  patient: PatientRecord,
  kind: ChildFormKind,
  recordId: number,
): Promise<Record<string, unknown>> {
  const row = await formDb(trx)
    .selectFrom(childFormTables[kind])
    .selectAll()
    .where('id', '=', recordId)
    .where('patient_id', '=', patient.id)
    .executeTakeFirst();
  if (row === undefined) {
    throw new StoreError('not-found', `${childForms[kind].label} ${recordId} of patient ${patient.id} not found`, 'id');
  }
  return childOfRow(kind, row) as unknown as Record<string, unknown>;
}

function checkVersion(what: string, stored: number, given: number): void {
  if (stored !== given) {
    throw new StoreError(
      'conflict',
      `${what} was changed by someone else (version ${stored}, yours ${given}): reload it`,
      'version',
    );
  }
}

export async function updateChildRecord(
  context: WriteContext,
  patient: PatientRecord,
  kind: ChildFormKind,
  recordId: number,
  input: Readonly<Record<string, unknown>>,
  reason: string | null,
): Promise<Record<string, unknown>> {
  const form = childForms[kind];
  const update = parseOrThrow(form.update, input, form.label);
  const current = await findChild(context.trx, patient, kind, recordId);
  const what = `${form.label} ${recordId}`;
  checkVersion(what, current['version'] as number, update['version'] as number);
  const columns = childColumns[kind];
  const currentFields = pickFields(columns, current);
  const merged = parseOrThrow(form.create, { ...currentFields, ...pickFields(columns, update) }, form.label);
  const nextFields = await completeChildFields(context.trx, patient, kind, pickFields(columns, merged));
  const changes = diffFields(columns, { ...currentFields, canonicalValue: current['canonicalValue'] }, nextFields);
  const currentStatus = current['formStatus'] as string;
  const formStatus = (update['formStatus'] as string | undefined) ?? currentStatus;
  if (formStatus !== currentStatus) changes.unshift({ field: 'formStatus', old: currentStatus, new: formStatus });
  requireReason({ formStatus: currentStatus }, changes, reason, what);
  if (changes.length === 0) return current;
  const at = context.audit.at;
  const changed = Object.fromEntries(changes.filter((c) => c.field !== 'formStatus').map((c) => [c.field, c.new]));
  const row = await formDb(context.trx)
    .updateTable(childFormTables[kind])
    .set({
      ...columnsOfFields(columns, changed),
      form_status: formStatus,
      version: (current['version'] as number) + 1,
      updated_at: at,
    })
    .where('id', '=', recordId)
    .where('version', '=', current['version'] as number)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) throw new StoreError('conflict', `${what} was changed by someone else: reload it`, 'version');
  context.audit.append(context.actor, {
    action: 'update',
    entity: kind,
    entityId: recordId,
    patientId: patient.id,
    centerId: patient.centerId,
    changes,
    reason,
  });
  await recomputeDerived(context, patient, at);
  return childOfRow(kind, row) as unknown as Record<string, unknown>;
}

export async function deleteChildRecord(
  context: WriteContext,
  patient: PatientRecord,
  kind: ChildFormKind,
  recordId: number,
  options: { readonly version: number; readonly reason: string | null },
): Promise<void> {
  const form = childForms[kind];
  const current = await findChild(context.trx, patient, kind, recordId);
  const what = `${form.label} ${recordId}`;
  checkVersion(what, current['version'] as number, options.version);
  const columns = childColumns[kind];
  const changes = [
    { field: 'formStatus', old: current['formStatus'], new: null },
    ...diffFields(columns, current, null),
  ];
  requireReason({ formStatus: current['formStatus'] as string }, changes, options.reason, what);
  if (kind === 'courses') {
    for (const table of ['administrations', 'adverse_events'] as const) {
      const dependant = await context.trx
        .selectFrom(table)
        .select(['id'])
        .where('course_id', '=', recordId)
        .executeTakeFirst();
      if (dependant !== undefined) {
        throw new StoreError(
          'invalid',
          `${what} has ${table === 'administrations' ? 'drug administrations' : 'adverse events'} that refer to it: change or delete them first`,
          'id',
        );
      }
    }
  }
  const deleted = await formDb(context.trx)
    .deleteFrom(childFormTables[kind])
    .where('id', '=', recordId)
    .where('version', '=', options.version)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) {
    throw new StoreError('conflict', `${what} was changed by someone else: reload it`, 'version');
  }
  context.audit.append(context.actor, {
    action: 'delete',
    entity: kind,
    entityId: recordId,
    patientId: patient.id,
    centerId: patient.centerId,
    changes,
    reason: options.reason,
  });
  await recomputeDerived(context, patient, context.audit.at);
}

// ---------------------------------------------------------------------------------------------
// Derived results
// ---------------------------------------------------------------------------------------------

/**
 * Everything a patient's derivation reads. On PostgreSQL in one statement — each form's rows as a
 * JSON array in id order — instead of five: round trips are most of a write's cost there. JSON
 * carries these columns' values unchanged (integer, double precision, text; no bigint).
 */
export async function loadDerivationData(
  db: Transaction<Database> | Kysely<Database>,
  patient: PatientRecord,
  dialect: 'sqlite' | 'postgres',
): Promise<PatientDerivationData> {
  if (dialect === 'postgres') {
    const rowsOf = (kind: ChildFormKind) =>
      sql`(select coalesce(json_agg(t order by t.id), '[]'::json) from ${sql.table(childFormTables[kind])} as t where t.patient_id = ${patient.id})`;
    const result = await sql<
      Record<
        'courses' | 'administrations' | 'assessments' | 'adverseEvents' | 'followUp',
        Record<string, ColumnValue>[]
      >
    >`select ${rowsOf('courses')} as courses, ${rowsOf('administrations')} as administrations, ${rowsOf('assessments')} as assessments, ${rowsOf('adverse-events')} as "adverseEvents", ${rowsOf('follow-up')} as "followUp"`.execute(
      db,
    );
    const row = result.rows[0];
    if (row === undefined) throw new Error('the derivation data query returned no row');
    return {
      patient,
      courses: row.courses.map((child) => childOfRow('courses', child)),
      administrations: row.administrations.map((child) => childOfRow('administrations', child)),
      assessments: row.assessments.map((child) => childOfRow('assessments', child)),
      adverseEvents: row.adverseEvents.map((child) => childOfRow('adverse-events', child)),
      followUp: row.followUp.map((child) => childOfRow('follow-up', child)),
    };
  }
  const ids = [patient.id];
  const [courses, administrations, assessments, adverseEvents, followUp] = await Promise.all([
    loadChildren(db, 'courses', ids),
    loadChildren(db, 'administrations', ids),
    loadChildren(db, 'assessments', ids),
    loadChildren(db, 'adverse-events', ids),
    loadChildren(db, 'follow-up', ids),
  ]);
  return { patient, courses, administrations, assessments, adverseEvents, followUp };
}

/** Recomputes and stores a patient's derived results unless their inputs are unchanged. */
export async function recomputeDerived(
  context: {
    readonly trx: Transaction<Database>;
    readonly dialect: 'sqlite' | 'postgres';
    readonly audit?: AuditAppender;
  },
  patient: PatientRecord,
  at: string,
): Promise<void> {
  const data = await loadDerivationData(context.trx, patient, context.dialect);
  const { inputHash, results } = derivePatientResults(data);
  const values = { input_hash: inputHash, computed_at: at, results: JSON.stringify(results) };
  // One statement: a stored row with the same input hash is left as it is (computed_at included).
  const upsert = context.trx
    .insertInto('derived_results')
    .values({ patient_id: patient.id, ...values })
    .onConflict((conflict) =>
      conflict.column('patient_id').doUpdateSet(values).where('derived_results.input_hash', '<>', inputHash),
    );
  // On PostgreSQL the upsert travels with the audit flush, the write's last statement (ADR 0008).
  if (context.audit === undefined) await upsert.execute();
  else await context.audit.writeLast(context.dialect, upsert);
}

export { childFormKinds };
