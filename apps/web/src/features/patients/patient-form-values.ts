/**
 * The enrolment/diagnosis form's values in the shape `patientCreateSchema` reads (its input type),
 * their labels for the conflict view, and the conversions to and from the API's records.
 */
import {
  type PatientCreate,
  type PatientRecord,
  type PatientUpdate,
  patientCreateSchema,
  patientUpdateSchema,
} from '@mmreg/contracts';
import type { z } from 'zod';
import type { ConflictField } from '../../components/ConflictView.tsx';

export type PatientFormValues = Omit<z.input<typeof patientCreateSchema>, 'reason' | 'formStatus'> & {
  formStatus: NonNullable<z.input<typeof patientCreateSchema>['formStatus']>;
};

export function emptyPatientValues(centerId: number | null): PatientFormValues {
  return {
    code: '',
    // 0 is not a valid id: the schema reports "choose a centre" until one is picked.
    centerId: centerId ?? 0,
    sex: 'female',
    birthYear: 1950,
    diagnosisDate: '',
    priorMyelomaDiagnosisDate: null,
    heavyChain: null,
    lightChain: null,
    isNonSecretory: false,
    pbPlasmaCellsPercent: null,
    wbcPer1e9L: null,
    hemoglobinGPerDl: null,
    plateletsPer1e9L: null,
    creatinineMgPerDl: null,
    extramedullarySites: [],
    karyotype: 'not-done',
    notes: null,
    formStatus: 'incomplete',
  };
}

export function patientValuesOf(record: PatientRecord): PatientFormValues {
  const { id: _id, version: _version, studyId: _studyId, ...values } = record;
  return { ...values, extramedullarySites: [...values.extramedullarySites] };
}

/** The create body, parsed by the API's schema (throws only if the form skipped validation). */
export function toPatientCreate(values: PatientFormValues): PatientCreate {
  return patientCreateSchema.parse(values);
}

/** The update body: every editable field, the version read, and the reason for a complete form. */
export function toPatientUpdate(values: PatientFormValues, version: number, reason: string | undefined): PatientUpdate {
  const { code: _code, centerId: _centerId, ...fields } = values;
  return patientUpdateSchema.parse({ ...fields, version, ...(reason === undefined ? {} : { reason }) });
}

export const patientFieldLabels: readonly ConflictField[] = [
  { key: 'sex', label: 'Sex' },
  { key: 'birthYear', label: 'Birth year' },
  { key: 'diagnosisDate', label: 'Diagnosis date' },
  { key: 'priorMyelomaDiagnosisDate', label: 'Prior myeloma diagnosis' },
  { key: 'heavyChain', label: 'Heavy chain' },
  { key: 'lightChain', label: 'Light chain' },
  { key: 'isNonSecretory', label: 'Non-secretory' },
  { key: 'pbPlasmaCellsPercent', label: 'PB plasma cells (%)' },
  { key: 'wbcPer1e9L', label: 'WBC (×10⁹/L)' },
  { key: 'hemoglobinGPerDl', label: 'Haemoglobin (g/dL)' },
  { key: 'plateletsPer1e9L', label: 'Platelets (×10⁹/L)' },
  { key: 'creatinineMgPerDl', label: 'Creatinine (mg/dL)' },
  { key: 'extramedullarySites', label: 'Extramedullary sites' },
  { key: 'karyotype', label: 'Karyotype' },
  { key: 'notes', label: 'Notes' },
  { key: 'formStatus', label: 'Form status' },
];
