/** React-query hooks over the API client: reads, and writes that refresh what they changed. */
import type { ChildCreate, ChildFormKind, ChildUpdate, PatientCreate, PatientUpdate } from '@mmreg/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AuditPageRequest, fetchAuditPage } from './audit-api.ts';
import { createChild, deleteChild, fetchChildren, updateChild } from './child-forms-api.ts';
import { fetchDerived } from './derived-api.ts';
import { createPatient, fetchPatient, fetchPatients, updatePatient } from './patients-api.ts';
import { queryKeys } from './query-keys.ts';
import { fetchCenters, fetchStudies } from './study-api.ts';

export function useStudies() {
  return useQuery({ queryKey: queryKeys.studies, queryFn: fetchStudies });
}

export function useCenters(studyId: number | null) {
  return useQuery({
    queryKey: queryKeys.centers(studyId ?? 0),
    queryFn: () => fetchCenters(studyId ?? 0),
    enabled: studyId !== null,
  });
}

export function usePatients(centerId: number | null) {
  return useQuery({ queryKey: queryKeys.patientList(centerId), queryFn: () => fetchPatients(centerId) });
}

export function usePatient(patientId: number) {
  return useQuery({ queryKey: queryKeys.patient(patientId), queryFn: () => fetchPatient(patientId) });
}

export function useChildren<TKind extends ChildFormKind>(patientId: number, kind: TKind) {
  return useQuery({ queryKey: queryKeys.children(patientId, kind), queryFn: () => fetchChildren(patientId, kind) });
}

export function useDerived(patientId: number) {
  return useQuery({ queryKey: queryKeys.derived(patientId), queryFn: () => fetchDerived(patientId) });
}

/** One page of the audit trail, newest first; the previous page stays shown while the next one loads. */
export function useAuditPage(request: AuditPageRequest) {
  return useQuery({
    queryKey: queryKeys.auditPage(request.patientId, request.beforeSeq ?? null, request.limit),
    queryFn: () => fetchAuditPage(request),
    placeholderData: keepPreviousData,
  });
}

/** Every study analysis (the coordinator's dashboard, key `['analysis', studyId]`): any write can change it. */
const analysisQueries = { queryKey: ['analysis'] } as const;

/** After any write to a patient: its record, its forms, its derived results, the lists and the analysis. */
function useInvalidatePatient() {
  const client = useQueryClient();
  return async (patientId: number) => {
    await Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.patient(patientId) }),
      client.invalidateQueries({ queryKey: queryKeys.patients }),
      client.invalidateQueries({ queryKey: queryKeys.audit(patientId) }),
      client.invalidateQueries(analysisQueries),
    ]);
  };
}

export function useCreatePatient() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PatientCreate) => createPatient(input),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.patients }),
        client.invalidateQueries(analysisQueries),
      ]),
  });
}

export function useUpdatePatient(patientId: number) {
  const invalidate = useInvalidatePatient();
  return useMutation({
    mutationFn: (update: PatientUpdate) => updatePatient(patientId, update),
    onSuccess: () => invalidate(patientId),
  });
}

/** Create, update and delete of one repeating form; each refreshes the derived panel. */
export function useChildMutations<TKind extends ChildFormKind>(patientId: number, kind: TKind) {
  const invalidate = useInvalidatePatient();
  const onSuccess = () => invalidate(patientId);
  const create = useMutation({
    mutationFn: (input: ChildCreate<TKind>) => createChild(patientId, kind, input),
    onSuccess,
  });
  const update = useMutation({
    mutationFn: (variables: { recordId: number; update: ChildUpdate<TKind> }) =>
      updateChild(patientId, kind, variables.recordId, variables.update),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: (variables: { record: { id: number; version: number }; reason: string | undefined }) =>
      deleteChild(patientId, kind, variables.record, variables.reason),
    onSuccess,
  });
  return { create, update, remove };
}
