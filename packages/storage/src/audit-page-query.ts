/**
 * One page of the audit trail as a caller may see it (the web app's audit page, GET /api/audit):
 * records of the scope's centres (and, for study-wide readers, the records of no centre: studies,
 * users, log-ins), oldest or newest first, after or before a record number, at most `limit`, and
 * whether more match. It reads only; the chain itself is audit-trail.ts's.
 */
import type { AuditOrder, AuditPage } from '@mmreg/contracts';
import type { Kysely, Transaction } from 'kysely';
import { assertReadable, readCenterList } from './access-scope.ts';
import { auditRecordOfRow } from './audit-trail.ts';
import { findPatientRow } from './form-writes.ts';
import type { Database } from './schema.ts';
import type { AccessScope } from './store.ts';

export interface AuditPageFilter {
  /** Only this patient's records (not-found unless the scope reads the patient). */
  readonly patientId?: number;
  /** Only records after this number (`seq >`). */
  readonly afterSeq?: number;
  /** Only records before this number (`seq <`). */
  readonly beforeSeq?: number;
  readonly order: AuditOrder;
  readonly limit: number;
}

type Reader = Kysely<Database> | Transaction<Database>;

/**
 * The audit records `scope` may see, with the patient and record-number bounds of `filter`, unordered
 * and unlimited (null when the scope sees no record). The one visibility rule of the audit trail:
 * records of the scope's centres, and for study-wide readers the records of no centre.
 */
export async function scopedAuditQuery(
  db: Reader,
  scope: AccessScope,
  filter: Pick<AuditPageFilter, 'patientId' | 'afterSeq' | 'beforeSeq'>,
) {
  if (filter.patientId !== undefined) {
    assertReadable(scope, await findPatientRow(db, filter.patientId), filter.patientId);
  }
  const studyCenters = (
    await db.selectFrom('centers').select('id').where('study_id', '=', scope.studyId).execute()
  ).map((row) => row.id);
  const readList = readCenterList(scope);
  const visible = readList === null ? studyCenters : studyCenters.filter((id) => readList.includes(id));
  const includeStudyWide = readList === null;
  if (visible.length === 0 && !includeStudyWide) return null;
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(visible.length > 0 ? [eb('center_id', 'in', visible)] : []),
        // Records of no centre (study, users, log-ins) only for study-wide readers.
        ...(includeStudyWide ? [eb('center_id', 'is', null)] : []),
      ]),
    );
  if (filter.patientId !== undefined) query = query.where('patient_id', '=', filter.patientId);
  if (filter.afterSeq !== undefined) query = query.where('seq', '>', filter.afterSeq);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  return query;
}

export async function loadAuditPage(db: Reader, scope: AccessScope, filter: AuditPageFilter): Promise<AuditPage> {
  const query = await scopedAuditQuery(db, scope, filter);
  if (query === null) return { records: [], hasMore: false };
  // One more than the page: whether more match, without counting them all.
  const rows = await query
    .orderBy('seq', filter.order)
    .limit(filter.limit + 1)
    .execute();
  return { records: rows.slice(0, filter.limit).map(auditRecordOfRow), hasMore: rows.length > filter.limit };
}
