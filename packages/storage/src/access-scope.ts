/**
 * Centre scope checks (REDCap data access groups): what an `AccessScope` lets a caller read and
 * write. A patient outside the read centres is `not-found` (its existence is not revealed), one that
 * is readable but not writable is `forbidden`.
 */
import { type AccessScope, StoreError } from './store.ts';

export function canReadCenter(scope: AccessScope, centerId: number): boolean {
  return scope.readCenters === 'all' || scope.readCenters.includes(centerId);
}

export function canWriteCenter(scope: AccessScope, centerId: number): boolean {
  return scope.writeCenters === 'all' || scope.writeCenters.includes(centerId);
}

/** The read centres as a list for `where center_id in (…)`, or null for every centre of the study. */
export function readCenterList(scope: AccessScope): readonly number[] | null {
  return scope.readCenters === 'all' ? null : scope.readCenters;
}

/** Throws `not-found` unless the scope reads the patient's centre in its study. */
export function assertReadable(
  scope: AccessScope,
  patient: { readonly id: number; readonly studyId: number; readonly centerId: number } | undefined,
  patientId: number,
): asserts patient is { readonly id: number; readonly studyId: number; readonly centerId: number } {
  if (patient === undefined || patient.studyId !== scope.studyId || !canReadCenter(scope, patient.centerId)) {
    throw new StoreError('not-found', `patient ${patientId} not found`, 'patientId');
  }
}

/** Throws `not-found` (unreadable) or `forbidden` (readable, not writable). */
export function assertWritable(
  scope: AccessScope,
  patient: { readonly id: number; readonly studyId: number; readonly centerId: number } | undefined,
  patientId: number,
): asserts patient is { readonly id: number; readonly studyId: number; readonly centerId: number } {
  assertReadable(scope, patient, patientId);
  if (!canWriteCenter(scope, patient.centerId)) {
    throw new StoreError('forbidden', `patient ${patientId} may be read but not changed with this role`, 'patientId');
  }
}
