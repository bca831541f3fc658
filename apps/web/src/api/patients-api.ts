/** Patients (`/api/patients`): list, register, read, update with version check. */
import { type PatientCreate, type PatientRecord, type PatientUpdate, patientSchema } from '@mmreg/contracts';
import { z } from 'zod';
import { updateOrConflict } from './conflict-error.ts';
import { requestJson } from './http-client.ts';

const patientListSchema = z.object({ patients: z.array(patientSchema) });

export async function fetchPatients(centerId: number | null): Promise<PatientRecord[]> {
  const query = centerId === null ? {} : { centerId };
  return (await requestJson('GET', '/api/patients', { schema: patientListSchema, query })).patients;
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
