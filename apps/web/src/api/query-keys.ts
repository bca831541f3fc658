/** React-query keys in one place, so a save can invalidate exactly what it changed. */
import type { ChildFormKind } from '@mmreg/contracts';

export const queryKeys = {
  session: ['session'] as const,
  studies: ['studies'] as const,
  centers: (studyId: number) => ['centers', studyId] as const,
  patients: ['patients'] as const,
  patientList: (centerId: number | null) => ['patients', 'list', centerId] as const,
  patient: (patientId: number) => ['patient', patientId] as const,
  children: (patientId: number, kind: ChildFormKind) => ['patient', patientId, 'children', kind] as const,
  derived: (patientId: number) => ['patient', patientId, 'derived'] as const,
  audit: (patientId: number | null) => ['audit', patientId] as const,
  auditPage: (patientId: number | null, beforeSeq: number | null, limit: number) =>
    ['audit', patientId, 'page', beforeSeq, limit] as const,
};
