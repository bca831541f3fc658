import { describe, expect, it } from 'vitest';
import { type CalendarDate, toCalendarDate } from '../domain/calendar-date.ts';
import type { FollowUp, LabMeasurement } from '../domain/laboratory.ts';
import { assessPatient } from './patient-assessment.ts';
import { analyseStudy } from './study-analysis.ts';
import {
  type RegistryPatientInput,
  type RegistryStudyInput,
  registryAdverseEventCategory,
  studyFromRegistry,
} from './study-from-registry.ts';

const d = (text: string): CalendarDate => toCalendarDate(text);
const mProtein = (date: string, value: number): LabMeasurement => ({ test: 'serum_m_protein', date: d(date), value });
const indexStart = '2006-01-10';
const alive: FollowUp = { vitalStatus: 'alive', lastContactDate: d('2006-10-30') };

/** PR: 3.2 → 1.4 → 1.3 g/dL (≥ 50 % fall, confirmed), no progression. */
const partialResponse = [mProtein('2006-01-05', 3.2), mProtein('2006-02-20', 1.4), mProtein('2006-03-20', 1.3)];
/** PR, then progression: 1.3 → 2.0 (≥ 25 % and ≥ 0.5 g/dL above the nadir) confirmed by 2.2. */
const progressing = [...partialResponse, mProtein('2006-04-20', 2.0), mProtein('2006-05-04', 2.2)];
/** PD at the first evaluation: 3.0 → 3.9, confirmed 4.1. */
const refractory = [mProtein('2006-01-05', 3.0), mProtein('2006-01-31', 3.9), mProtein('2006-02-14', 4.1)];

function patient(
  code: string,
  labs: readonly LabMeasurement[],
  overrides: Partial<Omit<RegistryPatientInput, 'assessment'>> & { followUp?: FollowUp } = {},
): RegistryPatientInput {
  const { followUp = alive, ...rest } = overrides;
  const courses = rest.courses ?? [
    {
      id: 1,
      regimen: 'bortezomib + Thal-Dex',
      agents: ['bortezomib', 'thalidomide', 'dexamethasone'],
      startDate: indexStart,
      plannedBortezomibDoseMgPerM2: 1.3,
      plannedCycles: 4,
      heightCm: null,
      weightKg: null,
    },
  ];
  const sorted = [...courses].sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  const assessment = assessPatient(
    {
      patient: code,
      labs,
      therapyLines: sorted.map((course) => ({
        regimen: course.regimen,
        startDate: d(course.startDate),
        endDate: null,
      })),
      followUp,
    },
    { criteria: 'imwg2006', ctcaeVersion: 'v3' },
  );
  return {
    code,
    centerCode: 'ctr-a',
    sex: 'female',
    birthYear: 1944,
    enrolment: {
      diagnosisDate: '2006-01-05',
      priorMyelomaDiagnosisDate: null,
      heavyChain: 'IgG',
      lightChain: 'kappa',
      isNonSecretory: false,
      pbPlasmaCellsPercent: 32,
      wbcPer1e9L: 14.5,
      hemoglobinGPerDl: 9.1,
      plateletsPer1e9L: 88,
      creatinineMgPerDl: 1.0,
      extramedullarySites: [],
      karyotype: 'normal',
    },
    priorTherapies: [],
    administrations: [],
    adverseEvents: [],
    ...rest,
    courses,
    assessment: { kind: 'assessed', indexCourseId: sorted[0]?.id ?? 1, assessment },
  };
}

function studyOf(patients: readonly RegistryPatientInput[], extra: Partial<RegistryStudyInput> = {}) {
  return studyFromRegistry({
    code: 'PCL-REG',
    title: 'PCL registry',
    centers: [
      { code: 'ctr-a', name: 'Centre A', city: 'Bari' },
      { code: 'ctr-b', name: 'Centre B', city: 'Turin' },
    ],
    patients,
    ...extra,
  });
}

function only(patients: readonly RegistryPatientInput[]) {
  const { study, notAssessed } = studyOf(patients);
  expect(notAssessed).toEqual([]);
  const [first] = study.patients;
  if (first === undefined) throw new Error('no patient mapped');
  return first;
}

describe('studyFromRegistry', () => {
  it('maps the enrolment form to Table 1 fields when the form is complete', () => {
    const mapped = only([
      patient('P-1', partialResponse, {
        enrolment: {
          diagnosisDate: '2006-01-05',
          priorMyelomaDiagnosisDate: '2004-01-05',
          heavyChain: null,
          lightChain: 'lambda',
          isNonSecretory: false,
          pbPlasmaCellsPercent: 40,
          wbcPer1e9L: 20,
          hemoglobinGPerDl: 8.5,
          plateletsPer1e9L: 60,
          creatinineMgPerDl: 2.6,
          extramedullarySites: ['pleura'],
          karyotype: 'del13',
        },
      }),
    ]);
    expect(mapped).toMatchObject({
      code: 'P-1',
      centerId: 'ctr-a',
      sex: 'female',
      ageYears: 62, // 2006 − 1944
      pclType: 'secondary',
      monoclonalProtein: { kind: 'secretory', heavyChain: null, lightChain: 'lambda' },
      diagnosis: {
        peripheralBloodPlasmaCellsPercent: 40,
        whiteBloodCellsPer1e9L: 20,
        hemoglobinGPerDl: 8.5,
        plateletsPer1e9L: 60,
        creatinine: { kind: 'measured', mgPerDl: 2.6, isAbnormal: true },
      },
      extramedullaryDisease: { present: true, sites: ['pleura'] },
      karyotype: 'del13',
    });
  });

  it('classifies PCL as primary when the myeloma was diagnosed on the PCL date or never', () => {
    const sameDay = patient('P-1', partialResponse);
    const mapped = only([{ ...sameDay, enrolment: { ...sameDay.enrolment, priorMyelomaDiagnosisDate: '2006-01-05' } }]);
    expect(mapped.pclType).toBe('primary');
    expect(only([patient('P-2', partialResponse)]).pclType).toBe('primary');
  });

  it('keeps creatinine flag-only and not abnormal when not recorded, and says so in provenance', () => {
    const base = patient('P-1', partialResponse);
    const { study } = studyOf([{ ...base, enrolment: { ...base.enrolment, creatinineMgPerDl: null } }]);
    expect(study.patients[0]?.diagnosis.creatinine).toEqual({ kind: 'flag-only', isAbnormal: false });
    expect(study.provenance.join('\n')).toContain('Creatinine at diagnosis not recorded, counted as not abnormal: P-1');
  });

  it('judges measured creatinine against the given ULN', () => {
    const base = patient('P-1', partialResponse);
    const input = [{ ...base, enrolment: { ...base.enrolment, creatinineMgPerDl: 1.4 } }];
    expect(studyOf(input).study.patients[0]?.diagnosis.creatinine).toMatchObject({ isAbnormal: true });
    expect(studyOf(input, { creatinineUlnMgPerDl: 1.5 }).study.patients[0]?.diagnosis.creatinine).toMatchObject({
      isAbnormal: false,
    });
  });

  it('maps values the Study model has no category for and lists them in provenance', () => {
    const base = patient('P-1', partialResponse);
    const { study } = studyOf([
      { ...base, enrolment: { ...base.enrolment, heavyChain: 'IgE', karyotype: 'other-abnormal' } },
      { ...patient('P-2', partialResponse), enrolment: { ...base.enrolment, isNonSecretory: true, lightChain: null } },
    ]);
    expect(study.patients.map((entry) => [entry.monoclonalProtein, entry.karyotype])).toEqual([
      [{ kind: 'secretory', heavyChain: null, lightChain: 'kappa' }, 'not-done'],
      [{ kind: 'non-secretory' }, 'normal'],
    ]);
    const provenance = study.provenance.join('\n');
    expect(provenance).toContain('IgE heavy chain has no Table 1 category, counted by its light chain only: P-1.');
    expect(provenance).toContain('Abnormal karyotype other than del(13)');
  });

  it('lists a patient with an incomplete enrolment form as not assessed, naming the fields', () => {
    const base = patient('P-1', partialResponse);
    const { study, notAssessed } = studyOf([
      {
        ...base,
        enrolment: { ...base.enrolment, hemoglobinGPerDl: null, plateletsPer1e9L: null, creatinineMgPerDl: null },
      },
      { ...patient('P-2', partialResponse), enrolment: { ...base.enrolment, lightChain: null } },
    ]);
    expect(study.patients).toEqual([]);
    expect(notAssessed).toEqual([
      {
        code: 'P-1',
        centerCode: 'ctr-a',
        reason: 'incomplete enrolment form: hemoglobinGPerDl, plateletsPer1e9L not recorded',
      },
      {
        code: 'P-2',
        centerCode: 'ctr-a',
        reason: 'incomplete enrolment form: lightChain is required for secretory disease (Table 1)',
      },
    ]);
    // Notes of a patient left out are not reported as if it were analysed.
    expect(study.provenance.join('\n')).not.toContain('Creatinine at diagnosis not recorded');
  });

  it('lists patients the rules did not assess, and a myeloma dated after the PCL, with the reason', () => {
    const base = patient('P-1', partialResponse);
    const { study, notAssessed } = studyOf([
      { ...base, code: 'P-0', assessment: { kind: 'not-assessed', reason: 'no treatment course is registered yet' } },
      { ...base, enrolment: { ...base.enrolment, priorMyelomaDiagnosisDate: '2006-02-01' } },
      patient('P-2', partialResponse),
    ]);
    expect(study.patients.map((entry) => entry.code)).toEqual(['P-2']);
    expect(notAssessed.map((entry) => entry.code)).toEqual(['P-0', 'P-1']);
    expect(notAssessed[0]?.reason).toBe('no treatment course is registered yet');
    expect(notAssessed[1]?.reason).toContain('myeloma diagnosis 2006-02-01 is after the PCL diagnosis 2006-01-05');
  });

  it('takes best response, PFS and OS from the assessment, in unrounded months', () => {
    const responder = patient('P-1', partialResponse);
    const mapped = only([responder]);
    if (responder.assessment.kind !== 'assessed') throw new Error('not assessed');
    const { pfs, os } = responder.assessment.assessment.endpoints;
    expect(mapped.bestResponse).toBe('PR');
    expect(mapped.progression).toEqual({ kind: 'censored', months: pfs.months, reason: 'last-assessment' });
    expect(mapped.survival).toEqual({ kind: 'censored', months: os.months, reason: 'alive-at-last-follow-up' });
    expect(mapped.lastFollowUp).toEqual({ kind: 'alive', disease: 'PR' });
  });

  it('records a progression with its time and PD at last follow-up when the patient progressed', () => {
    const mapped = only([patient('P-1', progressing)]);
    expect(mapped.bestResponse).toBe('PR');
    expect(mapped.progression.kind).toBe('progression');
    // 2006-01-10 → 2006-04-20 = 100 days.
    expect(mapped.progression).toEqual({ kind: 'progression', months: 100 / 30.4375 });
    expect(mapped.lastFollowUp).toEqual({ kind: 'alive', disease: 'PD' });
  });

  it('keeps the progression time of PD at the first evaluation instead of "primary refractory"', () => {
    const mapped = only([patient('P-1', refractory)]);
    expect(mapped.bestResponse).toBe('PD');
    // 2006-01-10 → 2006-01-31 = 21 days.
    expect(mapped.progression).toEqual({ kind: 'progression', months: 21 / 30.4375 });
  });

  it('counts death without progression as the PFS event and the patient as dead', () => {
    const dead: FollowUp = { vitalStatus: 'dead', lastContactDate: d('2006-03-01'), deathDate: d('2006-03-01') };
    const mapped = only([patient('P-1', partialResponse.slice(0, 2), { followUp: dead })]);
    expect(mapped.progression).toEqual({ kind: 'death', months: 50 / 30.4375 });
    expect(mapped.survival).toEqual({ kind: 'death', months: 50 / 30.4375 });
    expect(mapped.lastFollowUp).toEqual({ kind: 'dead' });
  });

  it('gives NE, kept in the denominator, when nothing was assessed after the index start', () => {
    const { study } = studyOf([patient('P-1', [mProtein('2006-01-05', 3.2)]), patient('P-2', partialResponse)]);
    expect(study.patients.map((entry) => entry.bestResponse)).toEqual(['NE', 'PR']);
    const response = analyseStudy(study).response;
    expect(response.overallResponse).toMatchObject({ count: 1, n: 2 });
  });

  it('derives age from the index-therapy year, exact to ±1 year', () => {
    expect(only([patient('P-1', partialResponse, { birthYear: 1950 })]).ageYears).toBe(56);
  });

  it('describes the index course: partners, planned dose, cycles planned or given', () => {
    const planned = only([patient('P-1', partialResponse)]).course;
    expect(planned).toEqual({
      doseMgPerM2: 1.3,
      cycles: 4,
      associatedRegimen: 'bortezomib + Thal-Dex',
      associatedAgents: ['thalidomide', 'dexamethasone'],
      hadDoseReduction: false,
      followedByAutologousTransplant: false,
      maintenance: null,
    });
    const given = only([
      patient('P-2', partialResponse, {
        courses: [
          {
            id: 7,
            regimen: 'bortezomib',
            agents: ['Velcade'],
            startDate: indexStart,
            plannedBortezomibDoseMgPerM2: null,
            plannedCycles: 6,
            heightCm: null,
            weightKg: null,
          },
        ],
        administrations: [1, 1, 2].map((cycle) => ({
          courseId: 7,
          agent: 'bortezomib',
          cycle,
          doseMg: 2.2,
          modification: null,
        })),
      }),
    ]).course;
    expect(given).toMatchObject({ doseMgPerM2: 0, cycles: 2, associatedRegimen: null, associatedAgents: [] });
  });

  it('finds a dose reduction from a modification, a dose below plan or an adverse event action', () => {
    const course = {
      id: 1,
      regimen: 'bortezomib',
      agents: ['bortezomib'],
      startDate: indexStart,
      plannedBortezomibDoseMgPerM2: 1.3,
      plannedCycles: 4,
      heightCm: 170,
      weightKg: 70,
    };
    // Mosteller BSA √(170 × 70 / 3600) = 1.818 m²: 1.3 mg/m² = 2.36 mg.
    const dose = (doseMg: number, modification: string | null = null) => ({
      courseId: 1,
      agent: 'bortezomib',
      cycle: 1,
      doseMg,
      modification,
    });
    const reduced = (overrides: Partial<RegistryPatientInput>) =>
      only([patient('P-1', partialResponse, { courses: [course], ...overrides })]).course.hadDoseReduction;
    expect(reduced({ administrations: [dose(2.36), dose(2.3)] })).toBe(false); // rounding: 1.265 mg/m² is within 0.05
    expect(reduced({ administrations: [dose(2.36), dose(1.8)] })).toBe(true); // 0.99 mg/m²
    expect(reduced({ administrations: [dose(2.36, 'reduced to 1.0 mg/m² for neuropathy')] })).toBe(true);
    expect(reduced({ administrations: [{ ...dose(1.0, 'other course'), courseId: 2 }] })).toBe(false);
    const event = {
      term: 'Peripheral sensory neuropathy',
      grade: 2,
      ctcaeVersion: 'v3' as const,
      onsetDate: '2006-02-01',
      courseId: null,
    };
    expect(reduced({ adverseEvents: [{ ...event, action: 'dose-reduced' }] })).toBe(true);
    expect(reduced({ adverseEvents: [{ ...event, action: 'dose-delayed' }] })).toBe(false);
  });

  it('keeps prior therapies before the index course and finds an ASCT after it', () => {
    const therapy = { agents: ['melphalan'], isAutologousTransplant: false };
    const mapped = only([
      patient('P-1', partialResponse, {
        priorTherapies: [
          { lineNumber: 2, regimen: 'ASCT', startDate: '2005-03-01', ...therapy, isAutologousTransplant: true },
          { lineNumber: 1, regimen: 'VAD', startDate: null, ...therapy },
          {
            lineNumber: 3,
            regimen: 'ASCT consolidation',
            startDate: '2006-06-01',
            ...therapy,
            isAutologousTransplant: true,
          },
        ],
      }),
    ]);
    expect(mapped.priorTherapies.map((entry) => entry.label)).toEqual(['VAD', 'ASCT']);
    expect(mapped.course.followedByAutologousTransplant).toBe(true);

    const laterCourse = only([
      patient('P-2', partialResponse, {
        courses: [
          ...(patient('x', partialResponse).courses ?? []),
          {
            id: 2,
            regimen: 'high-dose melphalan + ASCT',
            agents: ['melphalan'],
            startDate: '2006-06-01',
            plannedBortezomibDoseMgPerM2: null,
            plannedCycles: null,
            heightCm: null,
            weightKg: null,
          },
        ],
      }),
    ]);
    expect(laterCourse.course.followedByAutologousTransplant).toBe(true);
  });

  it('takes the worst haematological grade from the labs and the reported events of the index line', () => {
    const labs = [...partialResponse, { test: 'platelets' as const, date: d('2006-01-20'), value: 40 }];
    const event = (term: string, grade: number, onsetDate = '2006-02-01', courseId: number | null = null) => ({
      term,
      grade,
      ctcaeVersion: 'v3' as const,
      onsetDate,
      courseId,
    });
    const { study } = studyOf([
      patient('P-1', labs, {
        adverseEvents: [
          event('Neuropathy: sensory', 2),
          event('Peripheral sensory neuropathy', 3),
          event('pneumonia', 3),
          event('Shingles', 2),
          event('Nausea', 1),
          event('nausea', 2),
          event('Alopecia', 1),
          event('Febrile neutropenia', 3),
          event('Sepsis', 4, '2005-12-01'), // before the index course
          event('Diarrhoea', 3, '2006-02-01', 99), // another course
        ],
      }),
      patient('P-2', partialResponse, { adverseEvents: [event('Thrombocytopenia', 4)] }),
    ]);
    expect(study.patients.map((entry) => entry.toxicity)).toEqual([
      {
        ctcaeVersion: 'v3.0',
        hematologic: 3, // platelets 40 × 10⁹/L (v3 grade 3) and febrile neutropenia grade 3
        neurologic: 3,
        infectious: 3,
        other: [
          { term: 'Nausea', grade: { kind: 'exact', grade: 2 } },
          { term: 'Alopecia', grade: { kind: 'exact', grade: 1 } },
        ],
      },
      { ctcaeVersion: 'v3.0', hematologic: 4, neurologic: 0, infectious: 0, other: [] },
    ]);
    expect(study.provenance.join('\n')).toContain(
      'Reported adverse events counted as "other": Alopecia, Nausea, nausea.',
    );
  });

  it('lists a patient whose reported grade is not a CTCAE grade', () => {
    const base = patient('P-1', partialResponse, {
      adverseEvents: [{ term: 'Nausea', grade: 7, ctcaeVersion: 'v3', onsetDate: '2006-02-01', courseId: null }],
    });
    expect(studyOf([base]).notAssessed[0]?.reason).toContain('CTCAE grade must be an integer 0–5 (got 7)');
  });

  it('carries the study code, centres, historical series and claims it is given', () => {
    const series = {
      label: 'Series',
      year: 2000,
      patients: 10,
      responseRatePercent: 40,
      medianOverallSurvivalMonths: 7,
    };
    const claim = { id: 'C01', where: 'Results', claim: 'evaluable patients', reported: '1' };
    const { study } = studyOf([patient('P-1', partialResponse)], { historicalSeries: [series], claims: [claim] });
    expect(study).toMatchObject({
      id: 'PCL-REG',
      title: 'PCL registry',
      citation: 'registry study PCL-REG (mmreg registry data)',
      centers: [
        { id: 'ctr-a', name: 'Centre A', city: 'Bari' },
        { id: 'ctr-b', name: 'Centre B', city: 'Turin' },
      ],
      historicalSeries: [series],
      claims: [claim],
    });
  });
});

describe('registryAdverseEventCategory', () => {
  it('maps dictionary terms by system organ class and blood-count names to haematological', () => {
    expect(
      [
        'Neuropathy: sensory',
        'neuralgia',
        'Pneumonia',
        'Herpes zoster',
        'Febrile neutropenia',
        'Anaemia',
        'thrombocytopenia',
        'Diarrhoea',
        'Fatigue',
        'Tumor lysis syndrome',
        'Peripheral neuropathy',
      ].map(registryAdverseEventCategory),
    ).toEqual([
      'neurologic',
      'neurologic',
      'infectious',
      'infectious',
      'hematologic',
      'hematologic',
      'hematologic',
      'other',
      'other',
      'other',
      // Not a CTCAE term (sensory and motor are graded separately): not guessed, counted as other.
      'other',
    ]);
  });
});

describe('analyseStudy on registry scopes', () => {
  it('refuses a study with no patients (the server answers no-patients-in-scope instead)', () => {
    expect(() => analyseStudy(studyOf([]).study)).toThrow(RangeError);
  });

  it('analyses one and two patients of one PCL type with an empty group and no log-rank test', () => {
    for (const patients of [[patient('P-1', progressing)], [patient('P-1', progressing), patient('P-2', refractory)]]) {
      const analysis = analyseStudy(studyOf(patients).study);
      expect(analysis.response.n).toBe(patients.length);
      for (const endpoint of [analysis.survival.pfs, analysis.survival.os, ...analysis.survival.pfsSensitivity]) {
        expect(endpoint.all.n).toBe(patients.length);
        expect(endpoint.primary.n).toBe(patients.length);
        expect(endpoint.secondary).toMatchObject({
          n: 0,
          events: 0,
          median: null,
          steps: [],
          atRisk: [0, 0, 0, 0, 0, 0, 0, 0, 0],
        });
        expect(endpoint.logRank).toMatchObject({ df: 0, p: null, chisq: 0 });
      }
      // O = E = the events of each type when there is nothing to compare.
      expect(analysis.survival.pfs.logRank.observed).toEqual([patients.length, 0]);
    }
  });

  it('analyses a scope where everyone is censored', () => {
    const analysis = analyseStudy(studyOf([patient('P-1', partialResponse), patient('P-2', partialResponse)]).study);
    expect(analysis.survival.pfs.all).toMatchObject({ n: 2, events: 0, median: null });
    expect(analysis.survival.os.all).toMatchObject({ n: 2, events: 0, median: null });
  });

  it('still tests primary vs secondary when both are present', () => {
    const secondary = patient('P-2', refractory);
    const analysis = analyseStudy(
      studyOf([
        patient('P-1', progressing),
        { ...secondary, enrolment: { ...secondary.enrolment, priorMyelomaDiagnosisDate: '2004-01-01' } },
      ]).study,
    );
    expect(analysis.survival.pfs.logRank.df).toBe(1);
    expect(analysis.survival.pfs.logRank.p).not.toBeNull();
  });
});
