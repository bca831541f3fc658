/**
 * The demo registry `mmreg serve` creates on an empty embedded database (issue 5 item 10), also used
 * by the server's tests so both load the same 12 patients: the
 * Musto 2007 reference study with its 12 published patients spread over four DEMO centres, each
 * patient carrying the SYNTHETIC serial laboratory values, therapy lines and follow-up of
 * examples/musto2007/synthetic-labs (see its README: invented values, consistent with the paper).
 *
 * What is published and what is made up here, so nobody mistakes the demo for data:
 * - From Table 1/2 (published): sex, age, M-protein type, diagnostic blood counts, extramedullary
 *   sites, karyotype, prior lines, bortezomib dose and cycles.
 * - Synthetic: every date; the birth year (index-therapy year − published age); the diagnosis date
 *   (the synthetic baseline work-up); the myeloma diagnosis date of secondary PCL (two years before);
 *   the centre of each patient — the paper names its 8 centres but not who treated whom, so the
 *   demo uses four invented centres rather than attribute patients to real hospitals.
 * - Not seeded: adverse events. The paper gives worst grades per category (some as ranges such as
 *   "1/2"), not dated events; laboratory toxicity is derived from the synthetic labs instead.
 */
import type { AssessmentFiles, ChildCreate, ImportBatch, ImportPatient, PatientCreate } from '@mmreg/contracts';
import { canonicalUnits, isQuantitativeLabTest, type Patient, type Study } from '@mmreg/core';

export interface DemoCenter {
  readonly code: string;
  readonly name: string;
  readonly city: string;
}

export const demoCenters: readonly DemoCenter[] = [
  { code: 'demo-a', name: 'Demo Centre A (synthetic)', city: 'Demo City A' },
  { code: 'demo-b', name: 'Demo Centre B (synthetic)', city: 'Demo City B' },
  { code: 'demo-c', name: 'Demo Centre C (synthetic)', city: 'Demo City C' },
  { code: 'demo-d', name: 'Demo Centre D (synthetic)', city: 'Demo City D' },
];

export const referenceStudyCode = 'musto2007';

/** Patient i (0-based, Table 2 order) goes to demo centre i mod 4: three patients per centre. */
export function demoCenterOf(index: number): DemoCenter {
  const center = demoCenters[index % demoCenters.length];
  if (center === undefined) throw new Error('no demo centres');
  return center;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function shiftYears(date: string, years: number): string {
  const shifted = `${String(yearOf(date) + years).padStart(4, '0')}${date.slice(4)}`;
  // 29 February has no twin in a common year.
  return shifted.endsWith('-02-29') ? `${shifted.slice(0, 8)}28` : shifted;
}

function patientForm(patient: Patient, centerId: number, baselineDate: string, indexStart: string): PatientCreate {
  const protein = patient.monoclonalProtein;
  const creatinine = patient.diagnosis.creatinine;
  return {
    code: patient.code,
    centerId,
    sex: patient.sex,
    birthYear: yearOf(indexStart) - patient.ageYears,
    diagnosisDate: baselineDate as PatientCreate['diagnosisDate'],
    priorMyelomaDiagnosisDate:
      patient.pclType === 'secondary' ? (shiftYears(baselineDate, -2) as PatientCreate['diagnosisDate']) : null,
    heavyChain: protein.kind === 'secretory' ? protein.heavyChain : null,
    lightChain: protein.kind === 'secretory' ? protein.lightChain : null,
    isNonSecretory: protein.kind === 'non-secretory',
    pbPlasmaCellsPercent: patient.diagnosis.peripheralBloodPlasmaCellsPercent,
    wbcPer1e9L: patient.diagnosis.whiteBloodCellsPer1e9L,
    hemoglobinGPerDl: patient.diagnosis.hemoglobinGPerDl,
    plateletsPer1e9L: patient.diagnosis.plateletsPer1e9L,
    creatinineMgPerDl: creatinine.kind === 'measured' ? creatinine.mgPerDl : null,
    extramedullarySites: patient.extramedullaryDisease.present ? [...patient.extramedullaryDisease.sites] : [],
    karyotype: patient.karyotype,
    notes: 'DEMO: published Musto 2007 patient with synthetic dates and laboratory values',
    formStatus: 'complete',
  };
}

/**
 * The import batch of the 12 reference patients; `centerIds` maps demo centre codes to their ids.
 * Every patient of the study must have synthetic labs, therapy and follow-up.
 */
export function buildReferenceStudyBatch(
  study: Study,
  files: AssessmentFiles,
  centerIds: ReadonlyMap<string, number>,
): ImportBatch {
  const records = new Map(files.patients.map((record) => [String(record.patient), record]));
  const patients: ImportPatient[] = study.patients.map((patient, index) => {
    const record = records.get(patient.code);
    if (record === undefined) throw new Error(`synthetic labs have no patient ${patient.code}`);
    const centerId = centerIds.get(demoCenterOf(index).code);
    if (centerId === undefined) throw new Error(`demo centre ${demoCenterOf(index).code} was not created`);
    const [index0, ...laterLines] = record.therapyLines;
    if (index0 === undefined) throw new Error(`patient ${patient.code} has no therapy line`);
    const baselineDate = record.labs[0]?.date ?? index0.startDate;

    const courses: ChildCreate<'courses'>[] = [
      {
        regimen: index0.regimen,
        agents: ['bortezomib', ...patient.course.associatedAgents],
        startDate: index0.startDate,
        endDate: index0.endDate,
        plannedBortezomibDoseMgPerM2: patient.course.doseMgPerM2,
        schedule: 'days-1-4-8-11',
        plannedCycles: patient.course.cycles,
        cycleLengthDays: 21,
        heightCm: null,
        weightKg: null,
        isIndexTherapy: true,
        formStatus: 'complete',
      },
      ...laterLines.map(
        (line): ChildCreate<'courses'> => ({
          regimen: line.regimen,
          agents: [],
          startDate: line.startDate,
          endDate: line.endDate,
          plannedBortezomibDoseMgPerM2: null,
          schedule: null,
          plannedCycles: null,
          cycleLengthDays: null,
          heightCm: null,
          weightKg: null,
          isIndexTherapy: false,
          formStatus: 'complete',
        }),
      ),
    ];
    const assessments = record.labs.map(
      (lab): ChildCreate<'assessments'> =>
        isQuantitativeLabTest(lab.test) && 'value' in lab
          ? { date: lab.date, test: lab.test, value: lab.value, result: null, unit: canonicalUnits[lab.test] }
          : { date: lab.date, test: lab.test, value: null, result: 'result' in lab ? lab.result : null, unit: null },
    );
    const followUp: ChildCreate<'follow-up'>[] =
      record.followUp === null
        ? []
        : [
            {
              date: record.followUp.lastContactDate,
              vitalStatus: record.followUp.vitalStatus,
              deathDate: record.followUp.vitalStatus === 'dead' ? record.followUp.deathDate : null,
              causeOfDeath: null,
              notes: null,
              formStatus: 'complete',
            },
          ];
    const priorTherapies = patient.priorTherapies.map(
      (therapy, line): ChildCreate<'prior-therapies'> => ({
        lineNumber: line + 1,
        regimen: therapy.label,
        agents: [...therapy.agents],
        startDate: null,
        endDate: null,
        isAutologousTransplant: therapy.isAutologousTransplant,
        bestResponse: null,
        formStatus: 'complete',
      }),
    );
    return {
      code: patient.code,
      patient: patientForm(patient, centerId, baselineDate, index0.startDate),
      children: { courses, assessments, 'follow-up': followUp, 'prior-therapies': priorTherapies },
    };
  });
  return { sources: ['examples/musto2007/study.json', 'examples/musto2007/synthetic-labs/'], patients };
}
