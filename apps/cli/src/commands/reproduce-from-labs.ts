/**
 * `mmreg reproduce musto2007 --from-labs [--labs-dir DIR] --out DIR` (issue 4 item 11): rebuilds Table 2's
 * response and survival columns of Musto 2007 from the SYNTHETIC laboratory, therapy and follow-up files
 * in examples/musto2007/synthetic-labs/ with the rules engine, compares them with the published values
 * and writes from-labs.json and from-labs.csv into the output directory (other files there are left
 * alone). Reads files, calls core, formats; derives nothing itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseStudyFile } from '@mmreg/contracts';
import type { QuantitativeLabTest } from '@mmreg/core';
import {
  assessPatient,
  type ColumnComparison,
  compareAssessmentsWithStudy,
  type PatientAssessmentOptions,
  type ReferenceRange,
  type StudyFromAssessments,
} from '@mmreg/core';
import Papa from 'papaparse';
import { CliError } from '../cli-error.ts';
import { installRoot, writeFileAtomic } from '../files.ts';
import { readAssessmentFiles, toPatientAssessmentJson } from './assess-command.ts';
import { defaultMusto2007Study } from './import-command.ts';

export const defaultMusto2007SyntheticLabs = join(installRoot, 'examples', 'musto2007', 'synthetic-labs');

export interface ReproduceFromLabsOptions {
  readonly out: string;
  /** Directory with labs.csv, therapy.csv and followup.csv (default: the shipped synthetic files). */
  readonly labsDir?: string | undefined;
  /** The published study to compare with (default: examples/musto2007/study.json). */
  readonly study?: string | undefined;
}

/**
 * The reference ranges of the synthetic laboratory (examples/musto2007/synthetic-labs/README.md), in
 * canonical units: CTCAE grade 1 needs them; the creatinine ULN comes from the data.
 */
export const syntheticLaboratoryReferenceRanges: Readonly<Partial<Record<QuantitativeLabTest, ReferenceRange>>> = {
  platelets: { lln: 150, uln: 400 },
  anc: { lln: 2, uln: 7.5 },
  wbc: { lln: 4, uln: 10 },
  hemoglobin: { lln: 12, uln: 16 },
  calcium: { lln: 8.5, uln: 10.5 },
};

/** Musto 2007 used the IMWG 2006 criteria and CTCAE v3.0 (clinical-spec.md §0). */
export const musto2007AssessmentOptions: PatientAssessmentOptions = {
  criteria: 'imwg2006',
  ctcaeVersion: 'v3',
  referenceRanges: syntheticLaboratoryReferenceRanges,
};

const csvColumns = [
  'patient',
  'published_best_response',
  'derived_best_response',
  'best_response_agrees',
  'best_response_reason',
  'published_pfs',
  'derived_pfs',
  'pfs_agrees',
  'pfs_reason',
  'published_os',
  'derived_os',
  'os_agrees',
  'os_reason',
  'published_hematologic_toxicity',
  'derived_hematologic_toxicity',
  'hematologic_toxicity_agrees',
] as const;

function formatComparisonCsv(comparison: StudyFromAssessments): string {
  const cells = (column: ColumnComparison): [string, string, string] => [
    column.published,
    column.derived,
    column.agrees ? 'yes' : 'no',
  ];
  const rows = comparison.rows.map((row) => {
    const [publishedBest, derivedBest, bestAgrees] = cells(row.bestResponse);
    const [publishedPfs, derivedPfs, pfsAgrees] = cells(row.pfs);
    const [publishedOs, derivedOs, osAgrees] = cells(row.os);
    return [
      row.patient,
      publishedBest,
      derivedBest,
      bestAgrees,
      row.bestResponse.reason,
      publishedPfs,
      derivedPfs,
      pfsAgrees,
      row.pfs.reason,
      publishedOs,
      derivedOs,
      osAgrees,
      row.os.reason,
      ...cells(row.hematologicToxicity),
    ];
  });
  return `${Papa.unparse({ fields: [...csvColumns], data: rows }, { newline: '\n' })}\n`;
}

function fraction(count: { agreeing: number; total: number }): string {
  return `${count.agreeing}/${count.total}`;
}

/** Runs the reproduction from labs; returns the summary to print. */
export function runReproduceFromLabs(options: ReproduceFromLabsOptions): string {
  const labsDir = resolve(options.labsDir ?? defaultMusto2007SyntheticLabs);
  const studyPath = resolve(options.study ?? defaultMusto2007Study);
  if (!existsSync(studyPath)) throw new CliError(`${studyPath}: study file not found`);
  const study = parseStudyFile(readFileSync(studyPath, 'utf8'), studyPath);
  if (!study.ok) throw new CliError(`${studyPath} is not a valid study file`, { issues: study.issues });
  const files = readAssessmentFiles({
    labs: join(labsDir, 'labs.csv'),
    therapy: join(labsDir, 'therapy.csv'),
    followup: join(labsDir, 'followup.csv'),
  });
  // Paths inside the repository are written relative to it, so the output does not depend on the checkout.
  const inRepository = relative(installRoot, labsDir);
  const shownLabsDir = inRepository.startsWith('..') || isAbsolute(inRepository) ? labsDir : inRepository;
  const assessments = files.patients.map((patient) => assessPatient(patient, musto2007AssessmentOptions));
  const comparison = compareAssessmentsWithStudy(study.value, assessments);
  const { agreement } = comparison;
  const json = {
    study: study.value.id,
    source: `SYNTHETIC laboratory values, therapy and follow-up dates (${shownLabsDir}): invented to be consistent with the published tables; the paper publishes no laboratory values or dates`,
    criteria: musto2007AssessmentOptions.criteria,
    ctcaeVersion: musto2007AssessmentOptions.ctcaeVersion,
    referenceRanges: syntheticLaboratoryReferenceRanges,
    roundingRule: comparison.roundingRule,
    agreement,
    unmatchedAssessments: comparison.unmatchedAssessments,
    warnings: files.warnings,
    rows: comparison.rows,
    patients: assessments.map(toPatientAssessmentJson),
  };
  const out = resolve(options.out);
  writeFileAtomic(join(out, 'from-labs.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileAtomic(join(out, 'from-labs.csv'), formatComparisonCsv(comparison));
  const lines = [
    `${study.value.title}: Table 2 rebuilt from SYNTHETIC laboratory data (${shownLabsDir})`,
    `  IMWG 2006 response, CTCAE v3.0; ${comparison.roundingRule}`,
    `  ${fraction(agreement.bestResponse)} best responses, ${fraction(agreement.pfs)} PFS, ${fraction(agreement.os)} OS agree (haematological toxicity, informational: ${fraction(agreement.hematologicToxicity)})`,
  ];
  for (const row of comparison.rows) {
    for (const [name, column] of [
      ['best response', row.bestResponse],
      ['PFS', row.pfs],
      ['OS', row.os],
    ] as const) {
      if (!column.agrees) {
        lines.push(
          `  ${row.patient} ${name} disagrees: published ${column.published}, derived ${column.derived} — ${column.reason}`,
        );
      }
    }
  }
  if (comparison.unmatchedAssessments.length > 0) {
    lines.push(`  not in the study (not compared): ${comparison.unmatchedAssessments.join(', ')}`);
  }
  lines.push(`wrote from-labs.json and from-labs.csv to ${out}`, '');
  return lines.join('\n');
}
