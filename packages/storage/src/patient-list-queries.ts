/**
 * The patient list's reads: the scope's patients and, in ONE grouped query over every repeating
 * form's table (UNION ALL), how many records each patient has per form and status — never a query per
 * patient. Both run in the caller's read transaction; the scope filter is the same subquery in both,
 * so a list never counts another centre's records.
 */
import type { ChildFormKind, FormStatus, PatientListEntry } from '@mmreg/contracts';
import { type Kysely, sql, type Transaction } from 'kysely';
import { readCenterList } from './access-scope.ts';
import { childFormKinds, formDb, patientOfRow } from './form-writes.ts';
import { type PatientFormCounts, type StatusCounts, summarisePatientCompleteness } from './patient-completeness.ts';
import { childFormTables, type Database } from './schema.ts';
import type { AccessScope } from './store.ts';

type Reader = Kysely<Database> | Transaction<Database>;

export interface PatientListFilter {
  readonly centerId?: number;
}

/** The ids of the scope's patients (with the filter) as a subquery, or null when the scope reads no centre. */
function scopedPatientIds(db: Reader, scope: AccessScope, filter: PatientListFilter) {
  const centers = readCenterList(scope);
  if (centers !== null && centers.length === 0) return null;
  let query = db.selectFrom('patients').select('id').where('study_id', '=', scope.studyId);
  if (centers !== null) query = query.where('center_id', 'in', [...centers]);
  if (filter.centerId !== undefined) query = query.where('center_id', '=', filter.centerId);
  return query;
}

interface CountRow {
  readonly patient_id: number;
  readonly form: string;
  readonly form_status: string;
  readonly count: number | string;
}

/** Records per patient, form and status, for the scope's patients: one statement whatever their number. */
export async function loadFormStatusCounts(
  db: Reader,
  scope: AccessScope,
  filter: PatientListFilter,
): Promise<Map<number, Map<ChildFormKind, StatusCounts>>> {
  const byPatient = new Map<number, Map<ChildFormKind, StatusCounts>>();
  const ids = scopedPatientIds(db, scope, filter);
  if (ids === null) return byPatient;
  const parts = childFormKinds.map(
    (kind) =>
      sql`select patient_id, ${sql.lit(kind)} as form, form_status, cast(count(*) as integer) as count from ${sql.table(childFormTables[kind])} where patient_id in (${ids}) group by patient_id, form_status`,
  );
  const result = await sql<CountRow>`${sql.join(parts, sql` union all `)}`.execute(db);
  for (const row of result.rows) {
    const patientId = Number(row.patient_id);
    const forms = byPatient.get(patientId) ?? new Map<ChildFormKind, StatusCounts>();
    byPatient.set(patientId, forms);
    const kind = row.form as ChildFormKind;
    const current = forms.get(kind) ?? { complete: 0, unverified: 0, incomplete: 0 };
    forms.set(kind, { ...current, [row.form_status as FormStatus]: Number(row.count) });
  }
  return byPatient;
}

/** The scope's patients in id order, each with its completeness over every form (two statements). */
export async function listPatientEntries(
  db: Reader,
  scope: AccessScope,
  filter: PatientListFilter,
): Promise<PatientListEntry[]> {
  const centers = readCenterList(scope);
  if (centers !== null && centers.length === 0) return [];
  let query = formDb(db).selectFrom('patients').selectAll().where('study_id', '=', scope.studyId);
  if (centers !== null) query = query.where('center_id', 'in', [...centers]);
  if (filter.centerId !== undefined) query = query.where('center_id', '=', filter.centerId);
  const rows = await query.orderBy('id').execute();
  if (rows.length === 0) return [];
  const counts = await loadFormStatusCounts(db, scope, filter);
  const none: PatientFormCounts = new Map();
  return rows.map((row) => {
    const patient = patientOfRow(row);
    return { ...patient, completeness: summarisePatientCompleteness(patient, counts.get(patient.id) ?? none) };
  });
}
