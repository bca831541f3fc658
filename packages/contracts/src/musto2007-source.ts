/**
 * Converts the rebuilt tables of Musto et al. (Cancer 2007;109:2285–90) — patients.csv (Table 1),
 * treatment_outcomes.csv (Table 2), literature_primary_pcl.csv (Table 3) and claims.csv — into the
 * typed study. Every cell is validated; any problem is reported with file, line and column and no
 * study is produced. Regimen and toxicity wording is mapped through closed dictionaries: an unknown
 * label is an error, never a guess.
 */
import {
  type CtcaeGrade,
  type HistoricalSeries,
  type MonoclonalProtein,
  type OtherToxicity,
  type Patient,
  type PriorTherapy,
  type ProgressionOutcome,
  type PublishedClaim,
  responseCategories,
  type Study,
  toCenterId,
  toPatientCode,
  toStudyId,
} from '@mmreg/core';
import { z } from 'zod';
import {
  cellEnum,
  decimalCell,
  nonEmptyTextCell,
  optionalDecimalCell,
  wholeNumberCell,
  yesNoCell,
} from './cell-parsers.ts';
import type { CsvRow } from './csv-table.ts';
import type { ImportIssue, ImportResult } from './import-issue.ts';
import { readSchemaTable, validateRows } from './validate-csv-rows.ts';

export const musto2007Files = {
  patients: 'patients.csv',
  treatment: 'treatment_outcomes.csv',
  literature: 'literature_primary_pcl.csv',
  claims: 'claims.csv',
} as const;

export type Musto2007SourceTexts = Readonly<Record<keyof typeof musto2007Files, string>>;

/** Agents of every regimen label printed in the paper (Table 1 and Table 2 footnotes). */
export const musto2007Regimens: Readonly<Record<string, readonly string[]>> = {
  VAD: ['vincristine', 'doxorubicin', 'dexamethasone'],
  Thal: ['thalidomide'],
  ASCT: ['high-dose melphalan', 'autologous stem cell transplantation'],
  Mel: ['melphalan (intravenous)'],
  'Thal-Dex': ['thalidomide', 'dexamethasone'],
  MPTV: ['melphalan', 'prednisone', 'thalidomide', 'bortezomib'],
  MPT: ['melphalan', 'prednisone', 'thalidomide'],
  'M-Dex': ['melphalan', 'dexamethasone'],
  CVP: ['cyclophosphamide', 'vincristine', 'prednisone'],
  'Doxo-Dex': ['doxorubicin', 'dexamethasone'],
};

/** Other-toxicity terms as printed, mapped to CTCAE v3 wording. */
const toxicityTerms: Readonly<Record<string, string>> = { rash: 'rash', nausea: 'nausea', diarrhea: 'diarrhoea' };

const patientNumber = wholeNumberCell(1, 999, 'patient number');
const grade = wholeNumberCell(0, 5, 'a CTCAE grade').transform((value) => value as CtcaeGrade);

const patientRow = z.object({
  patient: patientNumber,
  sex: cellEnum(['M', 'F']).transform((value) => (value === 'M' ? ('male' as const) : ('female' as const))),
  age_years: wholeNumberCell(18, 110, 'age in years'),
  abnormal_creatinine: yesNoCell,
  pcl_type: cellEnum(['primary', 'secondary']),
  previous_treatments: nonEmptyTextCell.transform((text, context) => {
    if (text === 'none') return [] as PriorTherapy[];
    const therapies: PriorTherapy[] = [];
    for (const label of text.split('/')) {
      const agents = musto2007Regimens[label];
      if (agents === undefined) {
        context.addIssue({
          code: 'custom',
          message: `unknown regimen "${label}" (known: ${Object.keys(musto2007Regimens).join(', ')})`,
        });
        return z.NEVER;
      }
      therapies.push({ label, agents, isAutologousTransplant: label === 'ASCT' });
    }
    return therapies;
  }),
  m_protein: nonEmptyTextCell.transform((text, context): MonoclonalProtein => {
    if (text === 'non-secretory') return { kind: 'non-secretory' };
    const match = /^(?:(IgG|IgA|IgD|IgM) )?(kappa|lambda)$/.exec(text);
    if (!match) {
      context.addIssue({
        code: 'custom',
        message: `expected "IgG kappa", "lambda", "non-secretory" or similar; got "${text}"`,
      });
      return z.NEVER;
    }
    const heavyChain = (match[1] ?? null) as 'IgG' | 'IgA' | 'IgD' | 'IgM' | null;
    return { kind: 'secretory', heavyChain, lightChain: match[2] as 'kappa' | 'lambda' };
  }),
  pb_plasma_cells_pct: decimalCell(0, 100, 'peripheral-blood plasma cells (%)'),
  wbc_1e9_per_l: decimalCell(0.01, 1000, 'white blood cells (10^9/L)'),
  hemoglobin_g_per_dl: decimalCell(1, 25, 'haemoglobin (g/dL)'),
  platelets_1e9_per_l: decimalCell(0, 2000, 'platelets (10^9/L)'),
  extramedullary_disease: nonEmptyTextCell,
  karyotype: cellEnum(['normal', 'del13', 'not done']),
});

const responseCell = cellEnum(responseCategories);

const treatmentRow = z.object({
  patient: patientNumber,
  associated_drugs: nonEmptyTextCell,
  bortezomib_mg_per_m2: decimalCell(0.1, 3, 'bortezomib dose (mg/m2)'),
  cycles: wholeNumberCell(1, 50, 'number of cycles'),
  dose_reduction: yesNoCell,
  followed_by_asct: yesNoCell,
  maintenance_bortezomib_thal_dex: yesNoCell,
  best_response: responseCell,
  pfs_months: optionalDecimalCell(0, 600, 'PFS (months)'),
  pfs_status: cellEnum(['progressed', 'censored', 'primary refractory']),
  os_months: decimalCell(0, 600, 'OS (months)'),
  os_status: cellEnum(['dead', 'alive']),
  disease_status_at_last_follow_up: cellEnum(['dead', ...responseCategories] as const),
  hematologic_toxicity_grade: grade,
  neurologic_toxicity_grade: grade,
  infectious_toxicity_grade: grade,
  other_toxicities: nonEmptyTextCell.transform((text, context) => {
    const parsed = parseOtherToxicities(text);
    if (typeof parsed === 'string') {
      context.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  }),
});

const literatureRow = z.object({
  series: nonEmptyTextCell,
  year: wholeNumberCell(1900, 2100, 'publication year'),
  patients: wholeNumberCell(1, 100000, 'number of patients'),
  response_rate_pct: decimalCell(0, 100, 'response rate (%)'),
  median_os_months: decimalCell(0, 600, 'median OS (months)'),
});

const claimRow = z.object({
  id: z.string().regex(/^C\d{2,}$/, { error: 'expected a claim id like C01' }),
  where: nonEmptyTextCell,
  claim: nonEmptyTextCell,
  reported: nonEmptyTextCell,
});

/** "rash, nausea, diarrhea (grade 1/2)" → three terms graded 1–2; "none" → []. */
export function parseOtherToxicities(text: string): OtherToxicity[] | string {
  if (text === 'none') return [];
  const match = /^(.+?) \(grade (\d)(?:\/(\d))?\)$/.exec(text);
  if (!match) return `expected "none" or "term[, term…] (grade N)" / "(grade N/M)"; got "${text}"`;
  const [, termList = '', low = '', high] = match;
  const min = Number(low) as CtcaeGrade;
  const max = (high === undefined ? min : Number(high)) as CtcaeGrade;
  if (max < min || max > 5) return `grade range "${low}/${high}" is not increasing within 0–5`;
  const toxicities: OtherToxicity[] = [];
  for (const printed of termList.split(',').map((term) => term.trim())) {
    const term = toxicityTerms[printed];
    if (term === undefined)
      return `unknown toxicity term "${printed}" (known: ${Object.keys(toxicityTerms).join(', ')})`;
    toxicities.push({ term, grade: min === max ? { kind: 'exact', grade: min } : { kind: 'range', min, max } });
  }
  return toxicities;
}

const patientCode = (number: number) => toPatientCode(`MU-${String(number).padStart(2, '0')}`);

/** Validates the four source files and builds the study, or returns every issue found. */
export function convertMusto2007Source(texts: Musto2007SourceTexts): ImportResult<Study> {
  const issues: ImportIssue[] = [];
  const patientTable = readSchemaTable(texts.patients, musto2007Files.patients, patientRow, issues);
  const treatmentTable = readSchemaTable(texts.treatment, musto2007Files.treatment, treatmentRow, issues);
  const literatureTable = readSchemaTable(texts.literature, musto2007Files.literature, literatureRow, issues);
  const claimTable = readSchemaTable(texts.claims, musto2007Files.claims, claimRow, issues);
  const patientRows = validateRows(patientTable, patientRow, musto2007Files.patients, issues);
  const treatmentRows = validateRows(treatmentTable, treatmentRow, musto2007Files.treatment, issues);
  const literatureRows = validateRows(literatureTable, literatureRow, musto2007Files.literature, issues);
  const claimRows = validateRows(claimTable, claimRow, musto2007Files.claims, issues);

  // Cross-file checks use the raw key cells, so one bad cell is reported once, not again as a join error.
  checkUnique(patientTable, musto2007Files.patients, 'patient', issues);
  checkUnique(treatmentTable, musto2007Files.treatment, 'patient', issues);
  checkUnique(claimTable, musto2007Files.claims, 'id', issues);
  if (patientTable.length > 0 && treatmentTable.length > 0) {
    checkSameKeys(patientTable, musto2007Files.patients, treatmentTable, musto2007Files.treatment, issues);
  }
  const treatmentByPatient = new Map(treatmentRows.map((row) => [row.value.patient, row]));

  const patients: Patient[] = [];
  for (const { value: base } of patientRows) {
    const treatment = treatmentByPatient.get(base.patient);
    if (treatment === undefined) continue;
    const patient = buildPatient(base, treatment.value, treatment.line, issues);
    if (patient !== null) patients.push(patient);
  }
  if (issues.length > 0) return { ok: false, issues };

  const historicalSeries: HistoricalSeries[] = literatureRows.map(({ value }) => ({
    label: value.series,
    year: value.year,
    patients: value.patients,
    responseRatePercent: value.response_rate_pct,
    medianOverallSurvivalMonths: value.median_os_months,
  }));
  const claims: PublishedClaim[] = claimRows.map(({ value }) => ({ ...value }));
  return { ok: true, value: buildStudy(patients, historicalSeries, claims) };
}

function checkUnique(rows: readonly CsvRow[], file: string, column: string, issues: ImportIssue[]): void {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const value = row.values[column] ?? '';
    const first = seen.get(value);
    if (first !== undefined)
      issues.push({ file, line: row.line, column, message: `duplicate ${column} ${value} (first on line ${first})` });
    else seen.set(value, row.line);
  }
}

/** Every patient of one table must have a row in the other, and the other way round. */
function checkSameKeys(
  left: readonly CsvRow[],
  leftFile: string,
  right: readonly CsvRow[],
  rightFile: string,
  issues: ImportIssue[],
): void {
  const keysOf = (rows: readonly CsvRow[]) => new Set(rows.map((row) => row.values['patient'] ?? ''));
  const leftKeys = keysOf(left);
  const rightKeys = keysOf(right);
  for (const row of left) {
    const key = row.values['patient'] ?? '';
    if (!rightKeys.has(key))
      issues.push({
        file: leftFile,
        line: row.line,
        column: 'patient',
        message: `patient ${key} has no row in ${rightFile}`,
      });
  }
  for (const row of right) {
    const key = row.values['patient'] ?? '';
    if (!leftKeys.has(key))
      issues.push({
        file: rightFile,
        line: row.line,
        column: 'patient',
        message: `patient ${key} has no row in ${leftFile}`,
      });
  }
}

type PatientRow = z.output<typeof patientRow>;
type TreatmentRow = z.output<typeof treatmentRow>;

function buildPatient(base: PatientRow, treatment: TreatmentRow, line: number, issues: ImportIssue[]): Patient | null {
  const file = musto2007Files.treatment;
  const before = issues.length;
  const progression = buildProgression(treatment, line, issues);
  if ((treatment.os_status === 'dead') !== (treatment.disease_status_at_last_follow_up === 'dead')) {
    issues.push({
      file,
      line,
      column: 'disease_status_at_last_follow_up',
      message: `"${treatment.disease_status_at_last_follow_up}" contradicts os_status "${treatment.os_status}"`,
    });
  }
  if (progression !== null && progression.kind !== 'primary-refractory' && progression.months > treatment.os_months) {
    issues.push({
      file,
      line,
      column: 'pfs_months',
      message: `PFS ${progression.months} months exceeds OS ${treatment.os_months} months`,
    });
  }
  const partner = treatment.associated_drugs === 'none' ? null : treatment.associated_drugs;
  const partnerAgents = partner === null ? [] : musto2007Regimens[partner];
  if (partnerAgents === undefined) {
    issues.push({
      file,
      line,
      column: 'associated_drugs',
      message: `unknown regimen "${partner}" (known: none, ${Object.keys(musto2007Regimens).join(', ')})`,
    });
  }
  if (issues.length > before || progression === null || partnerAgents === undefined) return null;

  const emd = base.extramedullary_disease;
  return {
    code: patientCode(base.patient),
    centerId: null,
    sex: base.sex,
    ageYears: base.age_years,
    pclType: base.pcl_type,
    monoclonalProtein: base.m_protein,
    diagnosis: {
      peripheralBloodPlasmaCellsPercent: base.pb_plasma_cells_pct,
      whiteBloodCellsPer1e9L: base.wbc_1e9_per_l,
      hemoglobinGPerDl: base.hemoglobin_g_per_dl,
      plateletsPer1e9L: base.platelets_1e9_per_l,
      creatinine: { kind: 'flag-only', isAbnormal: base.abnormal_creatinine },
    },
    extramedullaryDisease: emd === 'no' ? { present: false } : { present: true, sites: emd.split(/\s*[,;]\s*/) },
    karyotype: base.karyotype === 'not done' ? 'not-done' : base.karyotype,
    priorTherapies: base.previous_treatments,
    course: {
      doseMgPerM2: treatment.bortezomib_mg_per_m2,
      cycles: treatment.cycles,
      associatedRegimen: partner,
      associatedAgents: partnerAgents,
      hadDoseReduction: treatment.dose_reduction,
      followedByAutologousTransplant: treatment.followed_by_asct,
      maintenance: treatment.maintenance_bortezomib_thal_dex ? 'bortezomib, thalidomide and dexamethasone' : null,
    },
    bestResponse: treatment.best_response,
    progression,
    survival:
      treatment.os_status === 'dead'
        ? { kind: 'death', months: treatment.os_months }
        : { kind: 'censored', months: treatment.os_months, reason: 'alive-at-last-follow-up' },
    lastFollowUp:
      treatment.disease_status_at_last_follow_up === 'dead'
        ? { kind: 'dead' }
        : { kind: 'alive', disease: treatment.disease_status_at_last_follow_up },
    toxicity: {
      ctcaeVersion: 'v3.0',
      hematologic: treatment.hematologic_toxicity_grade,
      neurologic: treatment.neurologic_toxicity_grade,
      infectious: treatment.infectious_toxicity_grade,
      other: treatment.other_toxicities,
    },
  };
}

function buildProgression(treatment: TreatmentRow, line: number, issues: ImportIssue[]): ProgressionOutcome | null {
  const file = musto2007Files.treatment;
  const months = treatment.pfs_months;
  if (treatment.pfs_status === 'primary refractory') {
    if (months !== null) {
      issues.push({
        file,
        line,
        column: 'pfs_months',
        message: 'a primary refractory patient has no PFS time in the table: expected NA',
      });
      return null;
    }
    if (treatment.best_response !== 'PD') {
      issues.push({
        file,
        line,
        column: 'best_response',
        message: `primary refractory disease implies best response PD, got ${treatment.best_response}`,
      });
      return null;
    }
    return { kind: 'primary-refractory' };
  }
  if (months === null) {
    issues.push({
      file,
      line,
      column: 'pfs_months',
      message: `NA is only allowed with pfs_status "primary refractory", not "${treatment.pfs_status}"`,
    });
    return null;
  }
  return treatment.pfs_status === 'progressed'
    ? { kind: 'progression', months }
    : { kind: 'censored', months, reason: 'alive-without-progression' };
}

/** The eight participating institutions as listed in the paper's affiliations. */
const musto2007Centers = [
  ['rionero', 'CROB – Reference Cancer Center of Basilicata', 'Rionero in Vulture'],
  ['monza', 'S. Gerardo Hospital', 'Monza'],
  ['turin', 'University of Turin', 'Turin'],
  ['messina', 'University of Messina', 'Messina'],
  ['orbassano', 'S. Luigi Gonzaga Hospital', 'Orbassano'],
  ['naples-pascale', 'National Cancer Institute Pascale', 'Naples'],
  ['naples-cardarelli', 'Cardarelli Hospital', 'Naples'],
  ['potenza', 'S. Carlo Hospital', 'Potenza'],
] as const;

function buildStudy(patients: Patient[], historicalSeries: HistoricalSeries[], claims: PublishedClaim[]): Study {
  return {
    id: toStudyId('musto2007'),
    title: 'Efficacy and safety of bortezomib in patients with plasma cell leukemia',
    citation:
      'Musto P, Rossini F, Gay F, et al. Efficacy and safety of bortezomib in patients with plasma cell leukemia. Cancer 2007;109:2285–90. doi:10.1002/cncr.22700',
    centers: musto2007Centers.map(([id, name, city]) => ({ id: toCenterId(id), name, city })),
    patients,
    historicalSeries,
    claims,
    provenance: [
      'Rows rebuilt from Tables 1–3 of the publication; patients numbered in table order and coded MU-01 to MU-12.',
      'Times are whole months from the first month of bortezomib, as printed; no dates are published.',
      'The paper does not say which centre treated which patient, so no patient is assigned to a centre.',
      'Creatinine values (1.55, 2.6 and 6.1 mg/dL) are not attributed to patients in the paper; only the abnormal flag is kept.',
    ],
  };
}
