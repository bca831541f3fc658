/** Patients (`/api/patients`): list (with completeness), register, read, update with version check. */
import {
  type PatientCreate,
  type PatientListEntry,
  type PatientRecord,
  type PatientUpdate,
  patientListResponseSchema,
  patientSchema,
} from '@mmreg/contracts';
import { updateOrConflict } from './conflict-error.ts';
import { requestJson } from './http-client.ts';

/** The patients of the user's centres, each with its completeness over every form. */
export async function fetchPatients(centerId: number | null): Promise<PatientListEntry[]> {
  const query = centerId === null ? {} : { centerId };
  return (await requestJson('GET', '/api/patients', { schema: patientListResponseSchema, query })).patients;
}

export function fetchPatient(patientId: number): Promise<PatientRecord> {
  return requestJson('GET', `/api/patients/${patientId}`, { schema: patientSchema });
}

export function createPatient(input: PatientCreate): Promise<PatientRecord> {
  return requestJson('POST', '/api/patients', { schema: patientSchema, body: input });
}

/** Updates; a stale version throws `ConflictError` with the server's current patient. */
export function updatePatient(patientId: number, update: PatientUpdate): Promise<PatientRecord> {
  return updateOrConflict(
    update,
    () => requestJson('PATCH', `/api/patients/${patientId}`, { schema: patientSchema, body: update }),
    () => fetchPatient(patientId),
  );
}
