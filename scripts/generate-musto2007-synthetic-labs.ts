/**
 * `npx tsx scripts/generate-musto2007-synthetic-labs.ts [--check]`: writes the SYNTHETIC laboratory,
 * therapy and follow-up files of the 12 Musto 2007 reference patients to
 * examples/musto2007/synthetic-labs/ (issue 4 item 11). Musto et al. (Cancer 2007;109:2285–90)
 * publish no laboratory values and no dates; every value and date here is invented, by hand, to be
 * consistent with the published Table 1 (baseline blood counts, M-protein type, extramedullary sites,
 * cycles) and Table 2 (best response, PFS, OS) when the rules engine derives them. The trajectories
 * below are the design: the engine, not this script, derives each response, progression and survival
 * time from them. Deterministic (no randomness); `--check` compares with the committed files instead
 * of writing them. The study is read with `parseStudyFile`, the output is validated with
 * `parseAssessmentFiles` before anything is written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAssessmentFiles, parseStudyFile } from '@mmreg/contracts';
import type { Patient } from '@mmreg/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const studyPath = join(root, 'examples', 'musto2007', 'study.json');
const outDirectory = join(root, 'examples', 'musto2007', 'synthetic-labs');

/** One assessment visit of the design: disease measures (canonical units) on day `day` from C1D1. */
interface Visit {
  readonly day: number;
  /** Serum M-protein, g/dL (SPEP). */
  readonly serum: number;
  /** Urine M-protein, mg/24h (UPEP). */
  readonly urine: number;
  /** Serum and urine immunofixation; default positive for secretory disease, negative for non-secretory. */
  readonly ife?: 'negative';
  /** Bone marrow plasma cells, % (only when a marrow was done). */
  readonly marrow?: number;
  /** Plasmacytoma sum of products of diameters, cm² (only when imaged). */
  readonly spd?: number;
  /** Serum free light chains κ and λ, mg/dL (only when measured). */
  readonly flc?: readonly [number, number];
}

interface Scenario {
  readonly code: string;
  /** The centre reports SI units (M-protein g/L, FLC mg/L, creatinine µmol/L, haemoglobin g/L): converted on import. */
  readonly siUnits?: boolean;
  /** C1D1 of bortezomib: the time origin. */
  readonly indexDate: string;
  readonly baseline: Omit<Visit, 'day'> & { readonly marrow: number };
  readonly visits: readonly Visit[];
  /** Day of the last bortezomib dose of the index line; null while maintenance continues. */
  readonly lastDoseDay: number | null;
  /** The next line of therapy after confirmed PD, if any. */
  readonly nextLine?: { readonly day: number; readonly regimen: string };
  /** Follow-up: alive at `lastContactDay`, or dead on `deathDay` (last contact the same day). */
  readonly followUp:
    | { readonly vitalStatus: 'alive'; readonly lastContactDay: number }
    | {
        readonly vitalStatus: 'dead';
        readonly deathDay: number;
      };
  /** Platelets at the cycle-1 nadir (day 11), 10⁹/L: the worst haematological value of the course. */
  readonly plateletNadir: number;
  /** Lowest haemoglobin on treatment, g/dL. */
  readonly hemoglobinFloor: number;
  /** Assessment dates after the next line started (excluded by the engine, kept to show the exclusion). */
  readonly afterNextLine?: readonly Visit[];
}

const serumVisits = (urine: readonly number[], points: ReadonlyArray<readonly [number, number]>): Visit[] =>
  points.map(([day, serum], index) => ({ day, serum, urine: urine[Math.min(index, urine.length - 1)] as number }));

/**
 * The design, one patient per entry, in Table 2 order. Months = days / 30.4375; every event and
 * censoring day is chosen well inside the half-month around the published whole month.
 */
const scenarios: readonly Scenario[] = [
  {
    // IgG κ, VGPR, PD at 8 months, died at 12 months.
    code: 'MU-01',
    indexDate: '2005-03-14',
    baseline: { serum: 4.6, urine: 140, marrow: 62, flc: [48, 1.1] },
    visits: serumVisits(
      [90, 70, 60, 50, 40, 40, 40, 40, 40, 60, 80],
      [
        [21, 2.9],
        [42, 1.5],
        [63, 0.62],
        [84, 0.38],
        [105, 0.31],
        [126, 0.29],
        [154, 0.3],
        [182, 0.33],
        [210, 0.36],
        [238, 0.95],
        [252, 1.4],
      ],
    ).map((visit) => (visit.day === 126 ? { ...visit, marrow: 6 } : visit)),
    lastDoseDay: 115,
    nextLine: { day: 259, regimen: 'melphalan-prednisone' },
    afterNextLine: [{ day: 301, serum: 1.1, urine: 60 }],
    followUp: { vitalStatus: 'dead', deathDay: 366 },
    plateletNadir: 18,
    hemoglobinFloor: 9.1,
  },
  {
    // IgG λ, VGPR, censored at 7 months (alive, maintenance bortezomib-thalidomide-dexamethasone).
    code: 'MU-02',
    indexDate: '2006-03-20',
    baseline: { serum: 3.2, urine: 180, marrow: 55, flc: [1.0, 36] },
    visits: serumVisits(
      [120, 60, 50, 40, 40, 30, 30, 30, 30],
      [
        [21, 1.9],
        [42, 0.9],
        [63, 0.45],
        [84, 0.28],
        [105, 0.22],
        [126, 0.2],
        [161, 0.2],
        [189, 0.21],
        [210, 0.2],
      ],
    ),
    lastDoseDay: null,
    followUp: { vitalStatus: 'alive', lastContactDay: 214 },
    plateletNadir: 14,
    hemoglobinFloor: 8.2,
  },
  {
    // IgG κ, jaw plasmacytoma, PR, PD at 7 months, alive at 8 months.
    code: 'MU-03',
    siUnits: true,
    indexDate: '2006-02-27',
    baseline: { serum: 5.4, urine: 150, marrow: 48, spd: 9, flc: [52, 1.2] },
    visits: serumVisits(
      [130, 110, 90, 90, 80, 80, 90, 90, 100, 120],
      [
        [21, 3.6],
        [42, 2.4],
        [63, 1.9],
        [84, 1.7],
        [105, 1.6],
        [126, 1.6],
        [154, 1.75],
        [182, 1.85],
        [213, 2.3],
        [227, 2.8],
      ],
    ).map((visit) => (visit.day === 63 ? { ...visit, spd: 4 } : visit.day === 154 ? { ...visit, spd: 3.8 } : visit)),
    lastDoseDay: 220,
    nextLine: { day: 234, regimen: 'cyclophosphamide-dexamethasone' },
    followUp: { vitalStatus: 'alive', lastContactDay: 244 },
    plateletNadir: 38,
    hemoglobinFloor: 8.1,
  },
  {
    // κ light chain (Bence Jones), CR, censored at 12 months (alive).
    code: 'MU-04',
    indexDate: '2005-10-17',
    baseline: { serum: 0, urine: 2400, marrow: 70, flc: [185, 0.9] },
    visits: [
      { day: 21, serum: 0, urine: 900 },
      { day: 42, serum: 0, urine: 310 },
      { day: 63, serum: 0, urine: 150 },
      { day: 84, serum: 0, urine: 60, flc: [6.5, 0.9] },
      { day: 105, serum: 0, urine: 0, ife: 'negative', marrow: 2, flc: [1.4, 1.1] },
      { day: 126, serum: 0, urine: 0, ife: 'negative' },
      { day: 161, serum: 0, urine: 0, ife: 'negative', flc: [1.3, 1.0] },
      { day: 196, serum: 0, urine: 0, ife: 'negative' },
      { day: 231, serum: 0, urine: 0, ife: 'negative' },
      { day: 266, serum: 0, urine: 0, ife: 'negative', flc: [1.5, 1.2] },
      { day: 301, serum: 0, urine: 0, ife: 'negative' },
      { day: 329, serum: 0, urine: 0, ife: 'negative' },
      { day: 357, serum: 0, urine: 0, ife: 'negative', flc: [1.4, 1.1] },
    ],
    lastDoseDay: 115,
    followUp: { vitalStatus: 'alive', lastContactDay: 365 },
    plateletNadir: 42,
    hemoglobinFloor: 8.3,
  },
  {
    // IgA λ, liver plasmacytoma, PR, PD at 5 months, alive at 10 months.
    code: 'MU-05',
    indexDate: '2005-12-19',
    baseline: { serum: 2.8, urine: 110, marrow: 35, spd: 16, flc: [1.1, 28] },
    visits: serumVisits(
      [90, 80, 80, 80, 80, 90, 90, 100],
      [
        [21, 1.7],
        [42, 1.2],
        [63, 1.05],
        [84, 1.0],
        [105, 1.1],
        [126, 1.2],
        [147, 1.6],
        [161, 2.0],
      ],
    ).map((visit) => (visit.day === 42 ? { ...visit, spd: 7.5 } : visit.day === 126 ? { ...visit, spd: 7 } : visit)),
    lastDoseDay: 115,
    nextLine: { day: 168, regimen: 'thalidomide-dexamethasone' },
    followUp: { vitalStatus: 'alive', lastContactDay: 305 },
    plateletNadir: 58,
    hemoglobinFloor: 8.4,
  },
  {
    // λ light chain, PR, then planned ASCT (same line), censored at 7 months (alive).
    code: 'MU-06',
    indexDate: '2006-03-27',
    baseline: { serum: 0, urine: 1100, marrow: 58, flc: [0.8, 95] },
    visits: [
      { day: 21, serum: 0, urine: 480 },
      { day: 42, serum: 0, urine: 180 },
      { day: 63, serum: 0, urine: 150 },
      { day: 84, serum: 0, urine: 130, marrow: 12 },
      { day: 140, serum: 0, urine: 120 },
      { day: 175, serum: 0, urine: 115 },
      { day: 205, serum: 0, urine: 110 },
    ],
    lastDoseDay: 73,
    followUp: { vitalStatus: 'alive', lastContactDay: 210 },
    plateletNadir: 44,
    hemoglobinFloor: 8.6,
  },
  {
    // κ light chain, muscle plasmacytoma, CR, censored at 21 months (alive).
    code: 'MU-07',
    indexDate: '2005-01-24',
    baseline: { serum: 0, urine: 850, marrow: 45, spd: 12, flc: [64, 1.0] },
    visits: [
      { day: 21, serum: 0, urine: 400 },
      { day: 42, serum: 0, urine: 170, spd: 4 },
      { day: 63, serum: 0, urine: 70 },
      { day: 84, serum: 0, urine: 0, ife: 'negative', marrow: 3, spd: 0, flc: [1.6, 1.2] },
      { day: 105, serum: 0, urine: 0, ife: 'negative' },
      { day: 140, serum: 0, urine: 0, ife: 'negative' },
      { day: 182, serum: 0, urine: 0, ife: 'negative', flc: [1.5, 1.2] },
      { day: 238, serum: 0, urine: 0, ife: 'negative' },
      { day: 294, serum: 0, urine: 0, ife: 'negative' },
      { day: 357, serum: 0, urine: 0, ife: 'negative', flc: [1.4, 1.1] },
      { day: 420, serum: 0, urine: 0, ife: 'negative' },
      { day: 483, serum: 0, urine: 0, ife: 'negative' },
      { day: 546, serum: 0, urine: 0, ife: 'negative', flc: [1.5, 1.1] },
      { day: 588, serum: 0, urine: 0, ife: 'negative' },
      { day: 635, serum: 0, urine: 0, ife: 'negative' },
    ],
    lastDoseDay: 73,
    followUp: { vitalStatus: 'alive', lastContactDay: 642 },
    plateletNadir: 62,
    hemoglobinFloor: 10.8,
  },
  {
    // IgG κ (secondary PCL), PR, planned ASCT (same line), PD at 9 months, died at 10 months.
    code: 'MU-08',
    siUnits: true,
    indexDate: '2005-06-06',
    baseline: { serum: 3.6, urine: 130, marrow: 60, flc: [41, 1.3] },
    visits: serumVisits(
      [100, 90, 80, 80, 80, 90, 90, 110, 120],
      [
        [21, 2.3],
        [42, 1.5],
        [98, 1.2],
        [133, 1.15],
        [168, 1.2],
        [203, 1.3],
        [238, 1.45],
        [273, 1.9],
        [287, 2.4],
      ],
    ),
    lastDoseDay: 31,
    followUp: { vitalStatus: 'dead', deathDay: 304 },
    plateletNadir: 21,
    hemoglobinFloor: 8.2,
  },
  {
    // IgA κ (secondary PCL), VGPR, PD at 6 months, died at 9 months.
    code: 'MU-09',
    indexDate: '2005-09-19',
    baseline: { serum: 2.5, urine: 90, marrow: 40, flc: [33, 1.4] },
    visits: serumVisits(
      [50, 40, 30, 30, 30, 30, 40, 50, 60],
      [
        [21, 1.2],
        [42, 0.4],
        [63, 0.22],
        [84, 0.2],
        [105, 0.2],
        [133, 0.3],
        [161, 0.45],
        [182, 0.85],
        [196, 1.3],
      ],
    ),
    lastDoseDay: 94,
    nextLine: { day: 203, regimen: 'cyclophosphamide-prednisone' },
    followUp: { vitalStatus: 'dead', deathDay: 274 },
    plateletNadir: 16,
    hemoglobinFloor: 8.1,
  },
  {
    // IgG κ, VGPR, planned ASCT (same line), censored at 9 months (alive).
    code: 'MU-10',
    indexDate: '2006-01-23',
    baseline: { serum: 4.1, urine: 160, marrow: 52, flc: [44, 1.2] },
    visits: serumVisits(
      [90, 60, 40, 40, 30, 30, 30, 30],
      [
        [21, 2.2],
        [42, 0.9],
        [105, 0.35],
        [140, 0.3],
        [175, 0.28],
        [210, 0.25],
        [245, 0.25],
        [270, 0.24],
      ],
    ),
    lastDoseDay: 31,
    followUp: { vitalStatus: 'alive', lastContactDay: 276 },
    plateletNadir: 33,
    hemoglobinFloor: 9.6,
  },
  {
    // Non-secretory: response judged on bone marrow plasma cells (§1.1: baseline ≥ 30 %, serum, urine
    // and FLC unmeasurable). PR, PD at 5 months, alive at 6 months.
    code: 'MU-11',
    indexDate: '2006-04-24',
    baseline: { serum: 0, urine: 0, marrow: 80, flc: [1.3, 1.6] },
    visits: [
      { day: 42, serum: 0, urine: 0, marrow: 35 },
      { day: 84, serum: 0, urine: 0, marrow: 30 },
      { day: 126, serum: 0, urine: 0, marrow: 28 },
      { day: 147, serum: 0, urine: 0, marrow: 45 },
      { day: 161, serum: 0, urine: 0, marrow: 55 },
    ],
    lastDoseDay: 73,
    nextLine: { day: 168, regimen: 'VAD' },
    followUp: { vitalStatus: 'alive', lastContactDay: 184 },
    plateletNadir: 120,
    hemoglobinFloor: 10.4,
  },
  {
    // IgG κ (secondary PCL), primary refractory: PD at the first evaluation, died at 3 months.
    code: 'MU-12',
    indexDate: '2006-01-16',
    baseline: { serum: 3.0, urine: 150, marrow: 90, flc: [38, 1.2] },
    visits: serumVisits(
      [170, 190],
      [
        [21, 3.9],
        [35, 4.6],
      ],
    ),
    lastDoseDay: 10,
    followUp: { vitalStatus: 'dead', deathDay: 93 },
    plateletNadir: 12,
    hemoglobinFloor: 8.0,
  },
];

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Decimal text without float noise ("0.3", "12.7"). */
function decimal(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

interface Rows {
  readonly labs: string[];
  readonly therapy: string[];
  readonly followup: string[];
}

function lab(rows: Rows, code: string, date: string, test: string, value: string, unit: string): void {
  rows.labs.push(`${code},${date},${test},${value},${unit}`);
}

function diseaseRows(rows: Rows, scenario: Scenario, patient: Patient, date: string, visit: Omit<Visit, 'day'>): void {
  const code = scenario.code;
  const isSecretory = patient.monoclonalProtein.kind === 'secretory';
  const immunofixation = !isSecretory || visit.ife === 'negative' ? 'negative' : 'positive';
  if (scenario.siUnits === true) lab(rows, code, date, 'serum_m_protein', decimal(visit.serum * 10), 'g/L');
  else lab(rows, code, date, 'serum_m_protein', decimal(visit.serum), 'g/dL');
  lab(rows, code, date, 'urine_m_protein', decimal(visit.urine), 'mg/24h');
  lab(rows, code, date, 'serum_ife', immunofixation, '');
  lab(rows, code, date, 'urine_ife', immunofixation, '');
  if (visit.flc !== undefined) {
    const [factor, unit] = scenario.siUnits === true ? [10, 'mg/L'] : [1, 'mg/dL'];
    lab(rows, code, date, 'flc_kappa', decimal(visit.flc[0] * factor), unit);
    lab(rows, code, date, 'flc_lambda', decimal(visit.flc[1] * factor), unit);
  }
  if (visit.marrow !== undefined) lab(rows, code, date, 'bm_plasma_cells', decimal(visit.marrow), '%');
  if (visit.spd !== undefined) lab(rows, code, date, 'plasmacytoma_spd', decimal(visit.spd), 'cm2');
}

/** The fraction of baseline disease left at a visit (drives circulating plasma cells). */
function diseaseFraction(scenario: Scenario, visit: Visit): number {
  const { baseline } = scenario;
  if (baseline.serum >= 1) return visit.serum / baseline.serum;
  if (baseline.urine >= 200) return visit.urine / baseline.urine;
  return (visit.marrow ?? baseline.marrow) / baseline.marrow;
}

function bloodRows(
  rows: Rows,
  scenario: Scenario,
  date: string,
  counts: { platelets: number; anc: number; wbc: number; hemoglobin: number; pb?: number },
): void {
  const code = scenario.code;
  lab(rows, code, date, 'wbc', decimal(counts.wbc), '10^9/L');
  lab(rows, code, date, 'anc', decimal(counts.anc), '10^9/L');
  lab(rows, code, date, 'platelets', decimal(counts.platelets), '10^9/L');
  if (scenario.siUnits === true) lab(rows, code, date, 'hemoglobin', decimal(counts.hemoglobin * 10), 'g/L');
  else lab(rows, code, date, 'hemoglobin', decimal(counts.hemoglobin), 'g/dL');
  if (counts.pb !== undefined) lab(rows, code, date, 'pb_plasma_cells', decimal(counts.pb), '%');
}

function chemistryRows(rows: Rows, scenario: Scenario, date: string, creatinine: number): void {
  if (scenario.siUnits === true)
    lab(rows, scenario.code, date, 'creatinine', String(Math.round(creatinine * 88.4)), 'µmol/L');
  else lab(rows, scenario.code, date, 'creatinine', decimal(creatinine), 'mg/dL');
  lab(rows, scenario.code, date, 'calcium', '9.4', 'mg/dL');
  lab(rows, scenario.code, date, 'albumin', '3.6', 'g/dL');
}

function generatePatient(rows: Rows, scenario: Scenario, patient: Patient): void {
  const { code, indexDate } = scenario;
  const diagnosis = patient.diagnosis;
  const at = (day: number): string => addDays(indexDate, day);
  const isRenal = diagnosis.creatinine.isAbnormal;
  // Baseline: Table 1 blood counts three days before C1D1, with the disease work-up.
  const baselineDate = at(-3);
  diseaseRows(rows, scenario, patient, baselineDate, scenario.baseline);
  bloodRows(rows, scenario, baselineDate, {
    wbc: diagnosis.whiteBloodCellsPer1e9L,
    anc: Math.max(
      0.8,
      Math.round(diagnosis.whiteBloodCellsPer1e9L * (100 - diagnosis.peripheralBloodPlasmaCellsPercent) * 0.006 * 10) /
        10,
    ),
    platelets: diagnosis.plateletsPer1e9L,
    hemoglobin: diagnosis.hemoglobinGPerDl,
    pb: diagnosis.peripheralBloodPlasmaCellsPercent,
  });
  if (scenario.siUnits === true)
    lab(rows, code, baselineDate, 'creatinine_uln', String(Math.round(1.2 * 88.4)), 'µmol/L');
  else lab(rows, code, baselineDate, 'creatinine_uln', '1.2', 'mg/dL');
  chemistryRows(rows, scenario, baselineDate, isRenal ? 1.9 : 0.9);

  // Cycle-1 nadir (day 11, the bortezomib platelet nadir): the course's worst blood counts.
  const steadyPlatelets = Math.max(110, Math.min(220, diagnosis.plateletsPer1e9L));
  bloodRows(rows, scenario, at(10), {
    wbc: Math.max(3.1, Math.min(6, diagnosis.whiteBloodCellsPer1e9L)),
    anc: 1.6,
    platelets: scenario.plateletNadir,
    hemoglobin: scenario.hemoglobinFloor,
  });
  const cycles = patient.course.cycles;
  for (let cycle = 1; cycle < cycles; cycle += 1) {
    const day = cycle * 21 + 10;
    if (scenario.lastDoseDay !== null && day > scenario.lastDoseDay) break;
    bloodRows(rows, scenario, at(day), {
      wbc: 4.2,
      anc: 1.9,
      platelets: Math.round((scenario.plateletNadir + steadyPlatelets) / 2),
      hemoglobin: Math.max(scenario.hemoglobinFloor, 9.5),
    });
  }

  for (const visit of scenario.visits) {
    const date = at(visit.day);
    diseaseRows(rows, scenario, patient, date, visit);
    const fraction = diseaseFraction(scenario, visit);
    // Circulating plasma cells clear faster than the M-protein falls (cube of the remaining fraction).
    const pb = Math.round(diagnosis.peripheralBloodPlasmaCellsPercent * Math.min(1, fraction) ** 3);
    bloodRows(rows, scenario, date, {
      wbc: 5.1,
      anc: 2.6,
      platelets: steadyPlatelets,
      hemoglobin: Math.max(scenario.hemoglobinFloor, Math.min(12.5, diagnosis.hemoglobinGPerDl + 1)),
      pb,
    });
    chemistryRows(rows, scenario, date, isRenal ? 1.3 : 0.9);
  }
  for (const visit of scenario.afterNextLine ?? []) diseaseRows(rows, scenario, patient, at(visit.day), visit);

  const partner = patient.course.associatedRegimen;
  const regimen = partner === null ? 'bortezomib' : `bortezomib + ${partner}`;
  rows.therapy.push(`${code},${regimen},${indexDate},${scenario.lastDoseDay === null ? '' : at(scenario.lastDoseDay)}`);
  if (scenario.nextLine !== undefined)
    rows.therapy.push(`${code},${scenario.nextLine.regimen},${at(scenario.nextLine.day)},`);
  const followUp = scenario.followUp;
  rows.followup.push(
    followUp.vitalStatus === 'alive'
      ? `${code},${at(followUp.lastContactDay)},alive,`
      : `${code},${at(followUp.deathDay)},dead,${at(followUp.deathDay)}`,
  );
}

function generate(patients: readonly Patient[]): Readonly<Record<'labs' | 'therapy' | 'followup', string>> {
  const rows: Rows = {
    labs: ['patient,date,test,value,unit'],
    therapy: ['patient,regimen,start_date,end_date'],
    followup: ['patient,last_contact_date,vital_status,death_date'],
  };
  if (scenarios.length !== patients.length)
    throw new Error(`${scenarios.length} scenarios for ${patients.length} patients`);
  scenarios.forEach((scenario, index) => {
    const patient = patients[index];
    if (patient?.code !== scenario.code) throw new Error(`scenario ${scenario.code} does not match ${patient?.code}`);
    // The measurable compartment must follow Table 1's M-protein: heavy chain → serum, light chain only → urine,
    // non-secretory → neither (marrow).
    const protein = patient.monoclonalProtein;
    const expected = protein.kind === 'non-secretory' ? 'marrow' : protein.heavyChain === null ? 'urine' : 'serum';
    const designed = scenario.baseline.serum >= 1 ? 'serum' : scenario.baseline.urine >= 200 ? 'urine' : 'marrow';
    if (expected !== designed)
      throw new Error(`${scenario.code}: ${designed} disease designed, Table 1 implies ${expected}`);
    generatePatient(rows, scenario, patient);
  });
  return {
    labs: `${rows.labs.join('\n')}\n`,
    therapy: `${rows.therapy.join('\n')}\n`,
    followup: `${rows.followup.join('\n')}\n`,
  };
}

function main(): void {
  const isCheck = process.argv.includes('--check');
  const study = parseStudyFile(readFileSync(studyPath, 'utf8'), studyPath);
  if (!study.ok) throw new Error(`${studyPath} is not a valid study file: ${JSON.stringify(study.issues)}`);
  const files = generate(study.value.patients);
  const parsed = parseAssessmentFiles({
    labs: { name: 'labs.csv', text: files.labs },
    therapy: { name: 'therapy.csv', text: files.therapy },
    followup: { name: 'followup.csv', text: files.followup },
  });
  if (!parsed.ok || parsed.value.warnings.length > 0) {
    throw new Error(
      `generated files are not valid: ${JSON.stringify(parsed.ok ? parsed.value.warnings : parsed.issues)}`,
    );
  }
  const stale: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(outDirectory, `${name}.csv`);
    if (isCheck) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) stale.push(path);
    } else {
      mkdirSync(outDirectory, { recursive: true });
      writeFileSync(path, text);
    }
  }
  if (isCheck && stale.length > 0) {
    process.stderr.write(`out of date (run without --check to regenerate): ${stale.join(', ')}\n`);
    process.exitCode = 1;
    return;
  }
  const rowCount = files.labs.split('\n').length - 2;
  process.stdout.write(
    `${isCheck ? 'up to date' : 'wrote'}: ${outDirectory} (${rowCount} laboratory rows, ${parsed.value.patients.length} patients)\n`,
  );
}

main();
