/**
 * Test data written through the API (the same requests the web forms send): a patient complete
 * enough to be analysed — Table 1 blood values, an index bortezomib course, serum M-protein at
 * baseline and twice after, and a death on follow-up — so the dashboard's counts and curves change.
 */
import type { ApiClient } from '../fixtures.ts';

export interface CentreRow {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}

export interface PatientRow {
  readonly id: number;
  readonly code: string;
  readonly centerId: number;
}

export async function studyCentres(client: ApiClient): Promise<{ studyId: number; centres: readonly CentreRow[] }> {
  const { studies } = (await client.get('/api/studies')) as { studies: { id: number }[] };
  const studyId = studies[0]?.id;
  if (studyId === undefined) throw new Error('the server has no study');
  const { centers } = (await client.get(`/api/studies/${studyId}/centers`)) as { centers: CentreRow[] };
  return { studyId, centres: centers };
}

export async function listPatients(client: ApiClient): Promise<readonly PatientRow[]> {
  return ((await client.get('/api/patients')) as { patients: PatientRow[] }).patients;
}

export async function registerAnalysablePatient(
  client: ApiClient,
  options: { readonly centerId: number; readonly code: string },
): Promise<PatientRow> {
  const patient = (await client.send('POST', '/api/patients', {
    centerId: options.centerId,
    code: options.code,
    sex: 'male',
    birthYear: 1947,
    diagnosisDate: '2006-05-02',
    priorMyelomaDiagnosisDate: null,
    heavyChain: 'IgA',
    lightChain: 'lambda',
    isNonSecretory: false,
    pbPlasmaCellsPercent: 35,
    wbcPer1e9L: 14,
    hemoglobinGPerDl: 8.9,
    plateletsPer1e9L: 90,
    creatinineMgPerDl: 1.1,
    extramedullarySites: [],
    karyotype: 'del13',
    notes: 'e2e test patient (synthetic)',
    formStatus: 'complete',
  })) as PatientRow;
  const base = `/api/patients/${patient.id}`;
  await client.send('POST', `${base}/courses`, {
    regimen: 'bortezomib',
    agents: [],
    startDate: '2006-05-08',
    endDate: '2006-08-01',
    plannedBortezomibDoseMgPerM2: 1.3,
    schedule: 'days-1-4-8-11',
    plannedCycles: 4,
    cycleLengthDays: 21,
    heightCm: null,
    weightKg: null,
    isIndexTherapy: true,
  });
  for (const [date, value] of [
    ['2006-05-05', 4.2],
    ['2006-06-12', 3.9],
    ['2006-07-10', 4.0],
  ] as const) {
    await client.send('POST', `${base}/assessments`, {
      date,
      test: 'serum_m_protein',
      value,
      result: null,
      unit: 'g/dL',
    });
  }
  await client.send('POST', `${base}/follow-up`, {
    date: '2006-09-20',
    vitalStatus: 'dead',
    deathDate: '2006-09-20',
    causeOfDeath: 'disease',
    notes: null,
  });
  return patient;
}
