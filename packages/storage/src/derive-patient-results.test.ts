import type { ChildRecord, PatientRecord } from '@mmreg/contracts';
import { describe, expect, it } from 'vitest';
import { derivePatientResults, type PatientDerivationData } from './derive-patient-results.ts';

const patient = {
  id: 1,
  version: 1,
  formStatus: 'incomplete',
  studyId: 1,
  centerId: 1,
  code: 'P-1',
  sex: 'male',
  birthYear: 1950,
  diagnosisDate: '2005-12-01',
  priorMyelomaDiagnosisDate: null,
  heavyChain: 'IgA',
  lightChain: 'lambda',
  isNonSecretory: false,
  pbPlasmaCellsPercent: 4,
  wbcPer1e9L: 6,
  hemoglobinGPerDl: 10,
  plateletsPer1e9L: 150,
  creatinineMgPerDl: 1,
  extramedullarySites: [],
  karyotype: 'normal',
  notes: null,
} as unknown as PatientRecord;

function course(overrides: Readonly<Record<string, unknown>> = {}): ChildRecord<'courses'> {
  return {
    id: 10,
    version: 1,
    formStatus: 'incomplete',
    patientId: 1,
    regimen: 'VD',
    agents: ['bortezomib'],
    startDate: '2006-01-02',
    endDate: null,
    plannedBortezomibDoseMgPerM2: 1.3,
    schedule: 'days-1-4-8-11',
    plannedCycles: 4,
    cycleLengthDays: 21,
    heightCm: null,
    weightKg: null,
    isIndexTherapy: false,
    ...overrides,
  } as unknown as ChildRecord<'courses'>;
}

const empty: PatientDerivationData = {
  patient,
  courses: [],
  administrations: [],
  assessments: [],
  adverseEvents: [],
  followUp: [],
};

describe('derivePatientResults', () => {
  it('says why nothing is derived when the patient has no course', () => {
    const { results } = derivePatientResults(empty);
    expect(results).toMatchObject({ status: 'not-derived', patient: 'P-1' });
    expect(results.status === 'not-derived' && results.reason).toContain('no treatment course');
  });

  it('classifies PCL at diagnosis from the enrolment form with the reason', () => {
    const { results } = derivePatientResults(empty);
    expect(results.pclAtDiagnosis).toMatchObject({ imwg2003: { isMet: false }, imwg2021: { isMet: false } });
  });

  it('takes the flagged course as index therapy and states a course before it is not a later line', () => {
    const { results } = derivePatientResults({
      ...empty,
      courses: [course({ id: 11, startDate: '2006-03-01', isIndexTherapy: true }), course()],
    });
    expect(results.status).toBe('derived');
    if (results.status !== 'derived') return;
    expect(results.indexTherapy).toMatchObject({ courseId: 11, startDate: '2006-03-01' });
    expect(results.notes.join('\n')).toContain('course 10');
  });

  it('gives the reason dose intensity cannot be computed when height and weight are missing', () => {
    const { results } = derivePatientResults({
      ...empty,
      courses: [course()],
      administrations: [
        {
          id: 1,
          version: 1,
          formStatus: 'incomplete',
          patientId: 1,
          courseId: 10,
          date: '2006-01-02',
          agent: 'bortezomib',
          cycle: 1,
          day: 1,
          doseMg: 2.5,
          modification: null,
        } as unknown as ChildRecord<'administrations'>,
      ],
    });
    if (results.status !== 'derived') throw new Error('expected derived results');
    expect(results.doseIntensity).toEqual([
      expect.objectContaining({
        courseId: 10,
        status: 'not-computed',
        reason: expect.stringContaining('height and weight'),
      }),
    ]);
  });

  it('keeps the input hash when nothing changes and changes it with a new record', () => {
    const first = derivePatientResults({ ...empty, courses: [course()] });
    expect(derivePatientResults({ ...empty, courses: [course()] }).inputHash).toBe(first.inputHash);
    expect(derivePatientResults({ ...empty, courses: [course({ endDate: '2006-05-01' })] }).inputHash).not.toBe(
      first.inputHash,
    );
  });
});
