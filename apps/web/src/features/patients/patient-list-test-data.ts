/** Test helper: patient-list rows for the web tests; it must not be imported by app code. */
import type { PatientListEntry } from '@mmreg/contracts';

type Status = PatientListEntry['completeness']['forms'][number]['status'];

/** A patient row as GET /api/patients answers it, its forms with the given statuses (default: not required). */
export function listEntry(id: number, code: string, statuses: readonly Status[] = []): PatientListEntry {
  const forms = (
    [
      'enrolment',
      'prior-therapies',
      'courses',
      'administrations',
      'assessments',
      'adverse-events',
      'follow-up',
    ] as const
  ).map((form, index) => {
    const status = statuses[index] ?? 'not-required';
    const records = status === 'missing' || status === 'not-required' ? 0 : form === 'assessments' ? 3 : 1;
    return {
      form,
      status,
      records,
      complete: status === 'complete' ? records : status === 'incomplete' ? records - 1 : 0,
      unverified: status === 'unverified' ? records : 0,
      incomplete: status === 'incomplete' ? 1 : 0,
    };
  });
  return {
    id,
    version: 1,
    formStatus: statuses[0] === 'complete' ? 'complete' : 'incomplete',
    studyId: 1,
    centerId: 1,
    code,
    sex: 'female',
    birthYear: 1950,
    diagnosisDate: '2006-01-10',
    priorMyelomaDiagnosisDate: null,
    heavyChain: 'IgG',
    lightChain: 'kappa',
    isNonSecretory: false,
    pbPlasmaCellsPercent: 30,
    wbcPer1e9L: 12,
    hemoglobinGPerDl: 9,
    plateletsPer1e9L: 90,
    creatinineMgPerDl: 1,
    extramedullarySites: [],
    karyotype: 'normal',
    notes: null,
    completeness: {
      completeForms: forms.filter((form) => form.status === 'complete').length,
      expectedForms: forms.filter((form) => form.status !== 'not-required').length,
      forms,
    },
  } as unknown as PatientListEntry;
}
