/**
 * Transactional imports (issue 5 item 9): a validated `ImportBatch` is checked against stored data —
 * patient codes in the caller's scope, centres, course references — and every problem is reported
 * at once; then all rows are written in one transaction, or none. A dry run does the same work in a
 * transaction that is rolled back, so its summary is exactly what a real run would do. Rows equal to
 * stored ones are skipped, so re-running an import changes nothing. Each written row gets its own
 * audit record (action `import`, the source files in the reason).
 */
import {
  type ChildFormKind,
  childFormKinds,
  childForms,
  type ImportBatch,
  type ImportPatient,
  type PatientRecord,
} from '@mmreg/contracts';
import { canWriteCenter, readCenterList } from './access-scope.ts';
import { canonicalJson } from './canonical-json.ts';
import { childColumns, type FieldColumn, patientColumns } from './form-columns.ts';
import {
  findPatientRow,
  insertChild,
  insertPatient,
  loadChildren,
  parseOrThrow,
  patientOfRow,
  pickFields,
  prepareChildCreate,
  recomputeDerived,
  updatePatientFields,
  type WriteContext,
} from './form-writes.ts';
import { type AccessScope, type ImportSummary, StoreError, type StoreErrorCode, type WriteOptions } from './store.ts';

interface Issue {
  readonly code: StoreErrorCode;
  readonly field: string | null;
  readonly message: string;
}

class DryRunRollback extends Error {
  readonly summary: ImportSummary;

  constructor(summary: ImportSummary) {
    super('dry run: rolled back');
    this.summary = summary;
  }
}

/** The comparable content of a form row: its own fields, without derived ones. */
function rowKey(columns: readonly FieldColumn[], fields: Readonly<Record<string, unknown>>): string {
  const own: Record<string, unknown> = {};
  for (const { field, isDerived } of columns) if (!isDerived) own[field] = fields[field] ?? null;
  return canonicalJson(own);
}

function childRowsOf(entry: ImportPatient, kind: ChildFormKind): readonly Readonly<Record<string, unknown>>[] {
  return (entry.children[kind] ?? []) as readonly Readonly<Record<string, unknown>>[];
}

type ImportTarget =
  | { readonly kind: 'found'; readonly patient: PatientRecord }
  | { readonly kind: 'new' }
  | { readonly kind: 'ambiguous' }
  | { readonly kind: 'centre-not-writable' };

/**
 * The stored patient an import row refers to. Codes are unique per centre, so the code is looked up
 * in the enrolment row's centre when there is one, else among the caller's readable centres only:
 * another centre's patients are never consulted, and nothing reveals whether a code exists there.
 */
async function findImportTarget(
  context: WriteContext,
  scope: AccessScope,
  entry: ImportPatient,
): Promise<ImportTarget> {
  let query = context.trx
    .selectFrom('patients')
    .selectAll()
    .where('study_id', '=', scope.studyId)
    .where('code', '=', entry.code);
  if (entry.patient !== undefined) {
    if (!canWriteCenter(scope, entry.patient.centerId)) return { kind: 'centre-not-writable' };
    query = query.where('center_id', '=', entry.patient.centerId);
  } else {
    const readable = readCenterList(scope);
    if (readable !== null) {
      if (readable.length === 0) return { kind: 'new' };
      query = query.where('center_id', 'in', readable);
    }
  }
  const rows = await query.limit(2).execute();
  if (rows.length > 1) return { kind: 'ambiguous' };
  const row = rows[0];
  return row === undefined ? { kind: 'new' } : { kind: 'found', patient: patientOfRow(row) };
}

const maxCodesPerQuery = 10_000;

/**
 * The ids of every stored patient the batch may write — its codes in the caller's writable centres of
 * the study (a superset of the patients `findImportTarget` picks), ascending — for locking them before
 * the batch reads them (ADR 0007).
 */
export async function findImportTargetIds(
  context: WriteContext,
  scope: AccessScope,
  batch: ImportBatch,
): Promise<number[]> {
  const codes = [...new Set(batch.patients.map((entry) => entry.code))];
  if (scope.writeCenters !== 'all' && scope.writeCenters.length === 0) return [];
  const ids: number[] = [];
  for (let start = 0; start < codes.length; start += maxCodesPerQuery) {
    let query = context.trx
      .selectFrom('patients')
      .select('id')
      .where('study_id', '=', scope.studyId)
      .where('code', 'in', codes.slice(start, start + maxCodesPerQuery));
    if (scope.writeCenters !== 'all') query = query.where('center_id', 'in', [...scope.writeCenters]);
    for (const row of await query.execute()) ids.push(row.id);
  }
  return ids.sort((a, b) => a - b);
}

/** Checks the batch against stored data without writing; returns every problem. */
async function validateBatch(context: WriteContext, scope: AccessScope, batch: ImportBatch): Promise<Issue[]> {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const entry of batch.patients) {
    const label = `patient ${entry.code}`;
    if (seen.has(entry.code)) {
      issues.push({ code: 'invalid', field: 'code', message: `${label}: appears more than once in the batch` });
      continue;
    }
    seen.add(entry.code);
    if (entry.patient !== undefined && entry.patient.code !== entry.code) {
      issues.push({
        code: 'invalid',
        field: 'code',
        message: `${label}: the patient row has code ${entry.patient.code}`,
      });
    }
    const target = await findImportTarget(context, scope, entry);
    if (target.kind === 'ambiguous') {
      issues.push({
        code: 'invalid',
        field: 'code',
        message: `${label}: this code is used at several of your centres; give the enrolment row with its centre`,
      });
      continue;
    }
    if (target.kind === 'centre-not-writable' && entry.patient !== undefined) {
      issues.push({
        code: 'forbidden',
        field: 'centerId',
        message: `${label}: this role cannot register or change patients in centre ${entry.patient.centerId}`,
      });
      continue;
    }
    const existing = target.kind === 'found' ? target.patient : undefined;
    let courseIds = new Set<number>();
    if (existing !== undefined) {
      if (!canWriteCenter(scope, existing.centerId)) {
        issues.push({ code: 'forbidden', field: 'code', message: `${label}: this role may read but not change it` });
        continue;
      }
      courseIds = new Set((await loadChildren(context.trx, 'courses', [existing.id])).map((course) => course.id));
    } else if (entry.patient === undefined) {
      issues.push({
        code: 'invalid',
        field: 'code',
        message: `${label}: not registered, and the batch has no enrolment row for it`,
      });
    } else {
      if (!canWriteCenter(scope, entry.patient.centerId)) {
        issues.push({
          code: 'forbidden',
          field: 'centerId',
          message: `${label}: this role cannot register patients in centre ${entry.patient.centerId}`,
        });
      } else {
        const center = await context.trx
          .selectFrom('centers')
          .select('id')
          .where('id', '=', entry.patient.centerId)
          .where('study_id', '=', scope.studyId)
          .executeTakeFirst();
        if (center === undefined) {
          issues.push({
            code: 'invalid',
            field: 'centerId',
            message: `${label}: centre ${entry.patient.centerId} is not a centre of this study`,
          });
        }
      }
    }
    for (const kind of childFormKinds) {
      childRowsOf(entry, kind).forEach((row, index) => {
        const what = `${label}, ${childForms[kind].label} ${index + 1}`;
        try {
          const parsed = parseOrThrow(childForms[kind].create, row, what);
          const courseId = parsed['courseId'];
          if ((kind === 'administrations' || kind === 'adverse-events') && typeof courseId === 'number') {
            if (!courseIds.has(courseId)) {
              issues.push({
                code: 'invalid',
                field: 'courseId',
                message: `${what}: course ${courseId} is not a stored treatment course of this patient`,
              });
            }
          }
        } catch (error) {
          if (!(error instanceof StoreError)) throw error;
          issues.push({ code: error.code, field: error.field, message: error.message });
        }
      });
    }
  }
  return issues;
}

async function writeBatch(
  context: WriteContext,
  scope: AccessScope,
  batch: ImportBatch,
  options: { readonly dryRun: boolean; readonly reason: string },
): Promise<ImportSummary> {
  let patientsCreated = 0;
  let patientsUpdated = 0;
  let rowsUnchanged = 0;
  const rowsAdded: Partial<Record<ChildFormKind, number>> = {};
  const changes: string[] = [];
  const audit = { action: 'import' as const, reason: options.reason };
  for (const entry of batch.patients) {
    const target = await findImportTarget(context, scope, entry);
    const existingRow = target.kind === 'found' ? target.patient : undefined;
    let patient: PatientRecord;
    if (existingRow === undefined) {
      patient = await insertPatient(context, scope.studyId, entry.patient as Record<string, unknown>, audit);
      patientsCreated += 1;
      changes.push(`patient ${entry.code}: registered in centre ${patient.centerId}`);
    } else {
      patient = (await findPatientRow(context.trx, existingRow.id)) as PatientRecord;
      if (entry.patient !== undefined) {
        const incoming = entry.patient as Readonly<Record<string, unknown>>;
        const result = await updatePatientFields(
          context,
          patient,
          {
            fields: pickFields(patientColumns, incoming),
            formStatus: incoming['formStatus'] as string | undefined,
            version: patient.version,
          },
          audit,
        );
        if (result.changed) {
          patientsUpdated += 1;
          changes.push(`patient ${entry.code}: enrolment form updated`);
        }
        patient = result.patient;
      }
    }
    let isChildAdded = false;
    for (const kind of childFormKinds) {
      const rows = childRowsOf(entry, kind);
      if (rows.length === 0) continue;
      const columns = childColumns[kind];
      const stored = await loadChildren(context.trx, kind, [patient.id]);
      const keys = new Set(stored.map((row) => rowKey(columns, row as unknown as Record<string, unknown>)));
      let added = 0;
      let unchanged = 0;
      for (const row of rows) {
        const prepared = await prepareChildCreate(context.trx, patient, kind, row);
        const key = rowKey(columns, prepared.fields);
        if (keys.has(key)) {
          unchanged += 1;
          continue;
        }
        keys.add(key);
        await insertChild(context, patient, kind, prepared, { ...audit, recompute: false });
        added += 1;
      }
      if (added > 0) {
        rowsAdded[kind] = (rowsAdded[kind] ?? 0) + added;
        isChildAdded = true;
      }
      rowsUnchanged += unchanged;
      if (added > 0 || unchanged > 0) {
        changes.push(
          `patient ${entry.code}: ${added} ${childForms[kind].label} row(s) added${unchanged > 0 ? `, ${unchanged} already stored` : ''}`,
        );
      }
    }
    if (isChildAdded) await recomputeDerived(context, patient, context.audit.at);
  }
  return { dryRun: options.dryRun, patientsCreated, patientsUpdated, rowsAdded, rowsUnchanged, changes };
}

/** Runs an import inside `inTransaction` (a write transaction that has locked the batch's stored patients). */
export async function runImportBatch(
  inTransaction: (work: (context: WriteContext) => Promise<ImportSummary>) => Promise<ImportSummary>,
  scope: AccessScope,
  batch: ImportBatch,
  options: WriteOptions & { readonly dryRun: boolean },
): Promise<ImportSummary> {
  const sources = batch.sources.length === 0 ? 'an unnamed source' : batch.sources.join(', ');
  const reason = `import from ${sources}${options.reason === undefined ? '' : `: ${options.reason}`}`;
  try {
    return await inTransaction(async (context) => {
      const issues = await validateBatch(context, scope, batch);
      const first = issues[0];
      if (first !== undefined) {
        throw new StoreError(
          first.code,
          `import refused, nothing was written (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues.map((issue) => issue.message).join('\n')}`,
          first.field,
        );
      }
      const summary = await writeBatch(context, scope, batch, { dryRun: options.dryRun, reason });
      if (options.dryRun) throw new DryRunRollback(summary);
      return summary;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
}
