/**
 * Builds the store's `AccessScope` from a user's memberships (REDCap data access groups): the union
 * over the user's memberships in one study. Study-wide (centerId null): a coordinator reads and
 * writes every centre, a monitor reads every centre. Per centre: investigator, data manager (and a
 * coordinator bound to a centre) read and write it; a monitor only reads it.
 */
import type { UserRecord } from '@mmreg/contracts';
import type { AccessScope } from '@mmreg/storage';
import { ApiError } from '../errors.ts';

/** The studies a user belongs to, ascending. */
export function studiesOf(user: UserRecord): number[] {
  return [...new Set(user.memberships.map((membership) => membership.studyId))].sort((a, b) => a - b);
}

/** The user's scope in a study, or null when the user has no membership there. */
export function buildAccessScope(user: UserRecord, studyId: number): AccessScope | null {
  const memberships = user.memberships.filter((membership) => membership.studyId === studyId);
  if (memberships.length === 0) return null;
  let readAll = false;
  let writeAll = false;
  const read = new Set<number>();
  const write = new Set<number>();
  for (const membership of memberships) {
    const canWrite = membership.role !== 'monitor';
    if (membership.centerId === null) {
      readAll = true;
      if (canWrite) writeAll = true;
    } else {
      read.add(membership.centerId);
      if (canWrite) write.add(membership.centerId);
    }
  }
  const sorted = (centers: Set<number>) => [...centers].sort((a, b) => a - b);
  return {
    studyId,
    readCenters: readAll ? 'all' : sorted(read),
    writeCenters: writeAll ? 'all' : sorted(write),
  };
}

export function canReadCenter(scope: AccessScope, centerId: number): boolean {
  return scope.readCenters === 'all' || scope.readCenters.includes(centerId);
}

export function canWriteCenter(scope: AccessScope, centerId: number): boolean {
  return scope.writeCenters === 'all' || scope.writeCenters.includes(centerId);
}

/**
 * The scope of the study a request names, or of the user's only study. A study the user does not
 * belong to is 404 (as if it did not exist); several studies and none named is 400 naming `study`.
 */
export function scopeForRequest(user: UserRecord, requestedStudyId: number | undefined): AccessScope {
  if (requestedStudyId !== undefined) {
    const scope = buildAccessScope(user, requestedStudyId);
    if (scope === null) throw new ApiError(404, 'not-found', `study ${requestedStudyId} not found`);
    return scope;
  }
  const studies = studiesOf(user);
  const only = studies[0];
  if (only === undefined) throw new ApiError(403, 'forbidden', 'you are not a member of any study');
  if (studies.length > 1) {
    throw new ApiError(400, 'invalid-request', `you belong to studies ${studies.join(', ')}: name one with ?study=`, {
      issues: [{ in: 'query', path: ['study'], message: `required: one of ${studies.join(', ')}` }],
    });
  }
  const scope = buildAccessScope(user, only);
  if (scope === null) throw new ApiError(403, 'forbidden', 'you are not a member of any study');
  return scope;
}
