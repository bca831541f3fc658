/**
 * The scope a patient-level request runs in. Patient ids are global, so when the caller belongs to
 * several studies and names none, the study is the one whose scope can read the patient; a patient
 * no scope can read is 404, whether or not it exists.
 */
import type { UserRecord } from '@mmreg/contracts';
import { type AccessScope, type Store, StoreError } from '@mmreg/storage';
import { buildAccessScope, scopeForRequest, studiesOf } from '../auth/access-scope.ts';

export async function scopeForPatient(
  store: Store,
  user: UserRecord,
  patientId: number,
  requestedStudyId: number | undefined,
): Promise<AccessScope> {
  const studies = studiesOf(user);
  if (requestedStudyId !== undefined || studies.length <= 1) return scopeForRequest(user, requestedStudyId);
  for (const studyId of studies) {
    const scope = buildAccessScope(user, studyId);
    if (scope === null) continue;
    try {
      await store.getPatient(scope, patientId);
      return scope;
    } catch (error) {
      if (!(error instanceof StoreError && error.code === 'not-found')) throw error;
    }
  }
  throw new StoreError('not-found', `patient ${patientId} not found`);
}
