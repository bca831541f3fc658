/**
 * Table 1 of a case series: one row per patient (demographics, PCL type and criteria, prior
 * therapy, diagnostic laboratory values) and a summary block — n, median (range) and mean for
 * continuous values, counts and proportions for categories. Numbers only: formatting is report/'s.
 */
import type { Karyotype, Patient, PclType, Sex, Study } from '../domain/index.ts';
import { classifyPlasmaCellLeukaemia, type PclClassification } from '../rules/index.ts';
import { type ContinuousSummary, summariseContinuous } from '../stats/index.ts';
import { type CategoryCount, countCategory, countLevels } from './category-count.ts';

export interface PatientCharacteristicsRow {
  readonly code: string;
  readonly sex: Sex;
  readonly ageYears: number;
  readonly hasAbnormalCreatinine: boolean;
  readonly pclType: PclType;
  readonly priorTherapyLabels: readonly string[];
  readonly monoclonalProtein: string;
  readonly peripheralBloodPlasmaCellsPercent: number;
  readonly whiteBloodCellsPer1e9L: number;
  readonly pcl: PclClassification;
  readonly hemoglobinGPerDl: number;
  readonly plateletsPer1e9L: number;
  readonly extramedullarySites: readonly string[];
  readonly karyotype: Karyotype;
}

export interface ContinuousCharacteristic {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly summary: ContinuousSummary;
}

export interface CategoricalCharacteristic {
  readonly key: string;
  readonly label: string;
  readonly categories: readonly CategoryCount[];
}

export interface PatientCharacteristics {
  readonly rows: readonly PatientCharacteristicsRow[];
  readonly continuous: readonly ContinuousCharacteristic[];
  readonly categorical: readonly CategoricalCharacteristic[];
}

/** "IgG kappa", "kappa" (light chain only) or "non-secretory". */
export function describeMonoclonalProtein(patient: Patient): string {
  const protein = patient.monoclonalProtein;
  if (protein.kind === 'non-secretory') return 'non-secretory';
  return protein.heavyChain === null ? protein.lightChain : `${protein.heavyChain} ${protein.lightChain}`;
}

export function hasPriorAgent(patient: Patient, agent: string): boolean {
  return patient.priorTherapies.some((therapy) => therapy.agents.includes(agent));
}

export function hasPriorAutologousTransplant(patient: Patient): boolean {
  return patient.priorTherapies.some((therapy) => therapy.isAutologousTransplant);
}

export function describePatientCharacteristics(study: Study): PatientCharacteristics {
  const patients = study.patients;
  const rows: PatientCharacteristicsRow[] = patients.map((patient) => ({
    code: patient.code,
    sex: patient.sex,
    ageYears: patient.ageYears,
    hasAbnormalCreatinine: patient.diagnosis.creatinine.isAbnormal,
    pclType: patient.pclType,
    priorTherapyLabels: patient.priorTherapies.map((therapy) => therapy.label),
    monoclonalProtein: describeMonoclonalProtein(patient),
    peripheralBloodPlasmaCellsPercent: patient.diagnosis.peripheralBloodPlasmaCellsPercent,
    whiteBloodCellsPer1e9L: patient.diagnosis.whiteBloodCellsPer1e9L,
    pcl: classifyPlasmaCellLeukaemia(patient.diagnosis),
    hemoglobinGPerDl: patient.diagnosis.hemoglobinGPerDl,
    plateletsPer1e9L: patient.diagnosis.plateletsPer1e9L,
    extramedullarySites: patient.extramedullaryDisease.present ? patient.extramedullaryDisease.sites : [],
    karyotype: patient.karyotype,
  }));
  const n = patients.length;
  const continuous = (key: string, label: string, unit: string, pick: (row: PatientCharacteristicsRow) => number) => ({
    key,
    label,
    unit,
    summary: summariseContinuous(rows.map(pick)),
  });
  const yes = (label: string, predicate: (patient: Patient) => boolean) =>
    countCategory(label, patients.filter(predicate).length, n);
  const karyotyped = patients.filter((patient) => patient.karyotype !== 'not-done');
  const proteins = patients.map((patient) => patient.monoclonalProtein);

  return {
    rows,
    continuous: [
      continuous('age', 'Age', 'years', (row) => row.ageYears),
      continuous('pbPlasmaCells', 'Peripheral-blood plasma cells', '%', (row) => row.peripheralBloodPlasmaCellsPercent),
      continuous('wbc', 'White blood cells', '× 10⁹/L', (row) => row.whiteBloodCellsPer1e9L),
      continuous(
        'absolutePlasmaCells',
        'Circulating plasma cells',
        '× 10⁹/L',
        (row) => row.pcl.absolutePlasmaCellsPer1e9L,
      ),
      continuous('hemoglobin', 'Haemoglobin', 'g/dL', (row) => row.hemoglobinGPerDl),
      continuous('platelets', 'Platelets', '× 10⁹/L', (row) => row.plateletsPer1e9L),
      continuous('priorLines', 'Prior regimens (as listed)', 'regimens', (row) => row.priorTherapyLabels.length),
    ],
    categorical: [
      {
        key: 'sex',
        label: 'Sex',
        categories: countLevels(
          patients.map((patient) => patient.sex),
          [
            { value: 'male', label: 'Male' },
            { value: 'female', label: 'Female' },
          ],
        ),
      },
      {
        key: 'pclType',
        label: 'PCL type',
        categories: countLevels(
          patients.map((patient) => patient.pclType),
          [
            { value: 'primary', label: 'Primary' },
            { value: 'secondary', label: 'Secondary' },
          ],
        ),
      },
      {
        key: 'pclCriteria',
        label: 'PCL criteria met at diagnosis',
        categories: [
          countCategory(
            'IMWG 2003 (> 20 % and/or > 2 × 10⁹/L)',
            rows.filter((row) => row.pcl.imwg2003.isMet).length,
            n,
          ),
          countCategory('IMWG 2021 (≥ 5 %)', rows.filter((row) => row.pcl.imwg2021.isMet).length, n),
        ],
      },
      {
        key: 'monoclonalProtein',
        label: 'M-protein',
        categories: [
          countCategory('IgG', proteins.filter((p) => p.kind === 'secretory' && p.heavyChain === 'IgG').length, n),
          countCategory('IgA', proteins.filter((p) => p.kind === 'secretory' && p.heavyChain === 'IgA').length, n),
          countCategory(
            'Light chain only',
            proteins.filter((p) => p.kind === 'secretory' && p.heavyChain === null).length,
            n,
          ),
          countCategory('Non-secretory', proteins.filter((p) => p.kind === 'non-secretory').length, n),
          countCategory('Kappa', proteins.filter((p) => p.kind === 'secretory' && p.lightChain === 'kappa').length, n),
          countCategory(
            'Lambda',
            proteins.filter((p) => p.kind === 'secretory' && p.lightChain === 'lambda').length,
            n,
          ),
        ],
      },
      {
        key: 'renal',
        label: 'Abnormal creatinine',
        categories: [yes('Yes', (p) => p.diagnosis.creatinine.isAbnormal)],
      },
      {
        key: 'extramedullary',
        label: 'Extramedullary disease',
        categories: [yes('Yes', (p) => p.extramedullaryDisease.present)],
      },
      {
        key: 'karyotype',
        label: 'Karyotype',
        categories: [
          ...countLevels(
            patients.map((patient) => patient.karyotype),
            [
              { value: 'normal', label: 'Normal' },
              { value: 'del13', label: 'Chromosome 13 deletion' },
              { value: 'not-done', label: 'Not done' },
            ],
          ),
          countCategory(
            'Chromosome 13 deletion among karyotyped',
            karyotyped.filter((patient) => patient.karyotype === 'del13').length,
            karyotyped.length,
          ),
        ],
      },
      {
        key: 'priorTherapy',
        label: 'Therapy before bortezomib',
        categories: [
          yes('Previously treated', (p) => p.priorTherapies.length > 0),
          yes('Bortezomib as frontline therapy', (p) => p.priorTherapies.length === 0),
          yes('Prior ASCT', hasPriorAutologousTransplant),
          yes('Prior thalidomide', (p) => hasPriorAgent(p, 'thalidomide')),
          yes('Prior bortezomib', (p) => hasPriorAgent(p, 'bortezomib')),
        ],
      },
    ],
  };
}
