/**
 * `mmreg assess --labs labs.csv --therapy therapy.csv [--followup followup.csv] [--criteria …]
 * [--ctcae v3|v5] [--json]` (issue 4 item 8): validates the three files (all or nothing, exit 2 with
 * file/line/column/reason), assesses every patient with core's `assessPatient` and prints either a JSON
 * array (one object per patient, the shape of item 8) or a readable summary with the reasons. Reads
 * files, calls core, formats; derives nothing itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type AssessmentFiles,
  type AssessmentFileText,
  formatImportIssue,
  type ImportIssue,
  parseAssessmentFiles,
} from '@mmreg/contracts';
import type { CalendarDate, CtcaeVersion, ResponseCategory, ResponseCriteria } from '@mmreg/core';
import { assessPatient, type PatientAssessment, type PatientAssessmentOptions } from '@mmreg/core';
import { CliError } from '../cli-error.ts';

export const assessCriteria: readonly ResponseCriteria[] = ['imwg2006', 'imwg2016', 'ebmt1998', 'imwg2013-pcl'];

export interface AssessOptions {
  readonly labs: string;
  readonly therapy: string;
  readonly followup?: string | undefined;
  readonly criteria: ResponseCriteria;
  /** CTCAE version of the laboratory grading (default v3, as Musto 2007). */
  readonly ctcae?: CtcaeVersion | undefined;
  readonly json: boolean;
  /** Where warnings go in --json mode (stdout carries only the array); the text summary includes them. */
  readonly warn?: ((text: string) => void) | undefined;
}

/** One patient as `--json` prints it (issue 4 item 8). */
export interface PatientAssessmentJson {
  readonly patient: string;
  readonly criteria: ResponseCriteria;
  readonly measurable: readonly string[];
  readonly timepoints: ReadonlyArray<{
    readonly date: CalendarDate;
    readonly response: ResponseCategory;
    readonly confirmed: boolean;
    readonly because: string;
  }>;
  readonly bestResponse: { readonly category: ResponseCategory; readonly date: CalendarDate | null } | null;
  readonly progression: { readonly date: CalendarDate; readonly because: string } | null;
  readonly pfs: { readonly event: boolean; readonly date: CalendarDate; readonly months: number };
  readonly os: { readonly event: boolean; readonly date: CalendarDate; readonly months: number };
  readonly toxicities: ReadonlyArray<{
    readonly test: string;
    readonly date: CalendarDate;
    readonly term: string;
    readonly grade: number;
    readonly version: CtcaeVersion;
  }>;
  readonly pcl: { readonly imwg2003: boolean; readonly imwg2021: boolean } | null;
}

function readInput(path: string, what: string): AssessmentFileText {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new CliError(`${path}: ${what} file not found`);
  return { name: path, text: readFileSync(absolute, 'utf8') };
}

/** Reads and validates the files; bad input is a `CliError` (exit 2) listing every problem. */
export function readAssessmentFiles(options: Pick<AssessOptions, 'labs' | 'therapy' | 'followup'>): AssessmentFiles {
  const parsed = parseAssessmentFiles({
    labs: readInput(options.labs, 'labs'),
    therapy: readInput(options.therapy, 'therapy'),
    followup: options.followup === undefined ? undefined : readInput(options.followup, 'follow-up'),
  });
  if (!parsed.ok) throw new CliError('the assessment input is invalid', { issues: parsed.issues });
  return parsed.value;
}

/** Assesses every patient of the files. */
export function assessFiles(files: AssessmentFiles, options: PatientAssessmentOptions): readonly PatientAssessment[] {
  return files.patients.map((patient) => assessPatient(patient, options));
}

export function toPatientAssessmentJson(assessment: PatientAssessment): PatientAssessmentJson {
  const { response, endpoints } = assessment;
  return {
    patient: assessment.patient,
    criteria: assessment.criteria,
    measurable: response.measurable.map((check) => check.compartment),
    timepoints: response.timepoints.map((timepoint) => ({
      date: timepoint.date,
      response: timepoint.response,
      confirmed: timepoint.confirmed,
      because: timepoint.because,
    })),
    bestResponse:
      response.bestResponse === null
        ? null
        : { category: response.bestResponse.category, date: response.bestResponse.date },
    progression:
      response.progression === null ? null : { date: response.progression.date, because: response.progression.because },
    pfs: { event: endpoints.pfs.event, date: endpoints.pfs.date, months: endpoints.pfs.months },
    os: { event: endpoints.os.event, date: endpoints.os.date, months: endpoints.os.months },
    toxicities: assessment.toxicities.map((toxicity) => ({
      test: toxicity.test,
      date: toxicity.date,
      term: toxicity.term,
      grade: toxicity.grade,
      version: toxicity.version,
    })),
    pcl:
      assessment.pcl === null
        ? null
        : {
            imwg2003: assessment.pcl.classification.imwg2003.isMet,
            imwg2021: assessment.pcl.classification.imwg2021.isMet,
          },
  };
}

const criteriaNames: Readonly<Record<ResponseCriteria, string>> = {
  imwg2006: 'IMWG 2006',
  imwg2016: 'IMWG 2016',
  ebmt1998: 'EBMT 1998',
  'imwg2013-pcl': 'IMWG 2013 PCL',
};

/** The readable summary of one patient: every derived value with its reason. */
export function formatPatientAssessment(assessment: PatientAssessment): string {
  const { response, endpoints } = assessment;
  const lines: string[] = [];
  lines.push(
    `Patient ${assessment.patient} — ${criteriaNames[assessment.criteria]}; index therapy ${assessment.indexTherapy.regimen} from ${assessment.indexTherapy.startDate}`,
  );
  lines.push(`  baseline: ${response.baseline.explanation.text}`);
  const measurable = response.measurable.map((check) => check.compartment);
  lines.push(`  measurable disease: ${measurable.length > 0 ? measurable.join(', ') : 'none'}`);
  for (const check of response.compartments) lines.push(`    ${check.explanation.text}`);
  if (response.timepoints.length === 0) lines.push('  time points: none after the index therapy start');
  else lines.push('  time points:');
  for (const timepoint of response.timepoints) {
    const status = timepoint.confirmed
      ? 'confirmed'
      : timepoint.confirmedAs === null
        ? 'not confirmed'
        : `counts as ${timepoint.confirmedAs}`;
    lines.push(`    ${timepoint.date}  ${timepoint.response.padEnd(4)} ${status}: ${timepoint.because}`);
  }
  if (response.excludedAfterNewTherapy > 0) {
    lines.push(`  ${response.excludedAfterNewTherapy} assessment date(s) after the next line of therapy excluded`);
  }
  const best = response.bestResponse;
  lines.push(`  best response: ${best === null ? 'none (no assessment)' : best.explanation.text}`);
  lines.push(`  progression: ${response.progression === null ? 'none' : response.progression.explanation.text}`);
  lines.push(`  PFS: ${endpoints.pfs.explanation.text}`);
  lines.push(`  OS: ${endpoints.os.explanation.text}`);
  if (assessment.toxicities.length === 0) lines.push('  laboratory toxicities (grade ≥ 1): none');
  else lines.push('  laboratory toxicities (grade ≥ 1):');
  for (const toxicity of assessment.toxicities) lines.push(`    ${toxicity.explanation.text}`);
  if (assessment.ungradable.length > 0) {
    lines.push(
      `  ${assessment.ungradable.length} laboratory value(s) not gradable, e.g. ${assessment.ungradable[0]?.reason}`,
    );
  }
  const pcl = assessment.pcl;
  if (pcl === null)
    lines.push('  PCL at baseline: not classifiable (no PB plasma cells and WBC of one date in the window)');
  else {
    lines.push(`  PCL at baseline (${pcl.date}): ${pcl.classification.imwg2003.explanation.text}`);
    lines.push(`    ${pcl.classification.imwg2021.explanation.text}`);
  }
  for (const warning of response.warnings) lines.push(`  warning: ${warning}`);
  return lines.join('\n');
}

function describeWarnings(warnings: readonly ImportIssue[]): string[] {
  return warnings.map((warning) => `warning: ${formatImportIssue(warning)}`);
}

/** Runs `mmreg assess`; returns what to print on stdout. */
export function runAssess(options: AssessOptions): string {
  const files = readAssessmentFiles(options);
  const assessments = assessFiles(files, { criteria: options.criteria, ctcaeVersion: options.ctcae ?? 'v3' });
  const warnings = describeWarnings(files.warnings);
  if (options.json) {
    if (warnings.length > 0) options.warn?.(`${warnings.join('\n')}\n`);
    return `${JSON.stringify(assessments.map(toPatientAssessmentJson), null, 2)}\n`;
  }
  const parts = [...warnings, ...assessments.map(formatPatientAssessment)];
  parts.push(`${assessments.length} patient(s) assessed by ${criteriaNames[options.criteria]}.`);
  return `${parts.join('\n\n')}\n`;
}
