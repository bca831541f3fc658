/**
 * Table 2 rebuilt from raw data (issue 4 item 11): each patient's best response, PFS and OS as the
 * rules engine derived them from laboratory values and dates (patient-assessment.ts), beside the
 * values the publication prints, with a verdict and its reason per column. The published table gives
 * whole months, so derived months are rounded to the nearest whole month (days / 30.4375, halves up)
 * before comparing; event and censoring must match too. Haematological toxicity (the worst CTCAE grade
 * of platelets, neutrophils, white cells, lymphocytes and haemoglobin on the index line) is compared as
 * an informational column. It derives nothing: it reads assessments and compares.
 */
import { daysPerMonth } from '../domain/calendar-date.ts';
import type { ResponseCategory } from '../domain/response-category.ts';
import type { Patient, Study } from '../domain/study.ts';
import type { PatientAssessment } from './patient-assessment.ts';

export interface ColumnComparison {
  readonly agrees: boolean;
  /** As the publication prints it ("VGPR", "8 progressed", "7 censored", "NA primary refractory"). */
  readonly published: string;
  /** As derived ("VGPR on 2005-06-06", "7.82 (8) progressed on 2005-11-07"). */
  readonly derived: string;
  /** Why they agree or not, in one sentence. */
  readonly reason: string;
}

export type DerivedPfsStatus = 'progressed' | 'death' | 'censored';

export interface DerivedTable2Row {
  readonly patient: string;
  readonly derived: {
    readonly bestResponse: ResponseCategory | null;
    readonly bestResponseDate: string | null;
    readonly pfsStatus: DerivedPfsStatus;
    readonly pfsDate: string;
    readonly pfsMonths: number;
    readonly osStatus: 'dead' | 'alive';
    readonly osDate: string;
    readonly osMonths: number;
    /** Worst haematological CTCAE grade of the index line (0 when none ≥ 1). */
    readonly hematologicToxicityGrade: number;
  } | null;
  readonly bestResponse: ColumnComparison;
  readonly pfs: ColumnComparison;
  readonly os: ColumnComparison;
  readonly hematologicToxicity: ColumnComparison;
}

export interface AgreementCount {
  readonly agreeing: number;
  readonly total: number;
}

export interface StudyFromAssessments {
  readonly studyId: string;
  readonly rows: readonly DerivedTable2Row[];
  readonly agreement: {
    readonly bestResponse: AgreementCount;
    readonly pfs: AgreementCount;
    readonly os: AgreementCount;
    /** Informational: not one of the reproduced Table 2 columns. */
    readonly hematologicToxicity: AgreementCount;
  };
  /** Assessed patients that are not in the study (their data were not compared). */
  readonly unmatchedAssessments: readonly string[];
  readonly roundingRule: string;
}

export const wholeMonthRoundingRule =
  'derived months = days / 30.4375, rounded to the nearest whole month (halves up) before comparing with the whole months Table 2 prints; the event or censoring must match as well';

/** Whole months as Table 2 prints them: round(days / 30.4375), halves up. */
export function roundToWholeMonths(days: number): number {
  return Math.floor(days / daysPerMonth + 0.5);
}

const hematologicTests = new Set(['platelets', 'anc', 'wbc', 'lymphocytes', 'hemoglobin']);

const months = (value: number): string => (Math.round(value * 100) / 100).toFixed(2);

function pfsStatusOf(assessment: PatientAssessment): DerivedPfsStatus {
  const pfs = assessment.endpoints.pfs;
  if (!pfs.event) return 'censored';
  return pfs.reason.kind === 'progression' ? 'progressed' : 'death';
}

function compareBestResponse(patient: Patient, assessment: PatientAssessment): ColumnComparison {
  const best = assessment.response.bestResponse;
  const derived =
    best === null ? 'none (no assessment)' : `${best.category}${best.date === null ? '' : ` on ${best.date}`}`;
  const agrees = best !== null && best.category === patient.bestResponse;
  return {
    agrees,
    published: patient.bestResponse,
    derived,
    reason: agrees
      ? `same category (${best?.explanation.text ?? ''})`
      : `published ${patient.bestResponse}, derived ${best?.category ?? 'none'}: ${best?.explanation.text ?? 'no assessment after the index date'}`,
  };
}

function comparePfs(patient: Patient, assessment: PatientAssessment): ColumnComparison {
  const pfs = assessment.endpoints.pfs;
  const status = pfsStatusOf(assessment);
  const rounded = roundToWholeMonths(pfs.days);
  const derived = `${months(pfs.months)} (${rounded}) ${status} on ${pfs.date}`;
  const outcome = patient.progression;
  if (outcome.kind === 'primary-refractory') {
    const first = assessment.response.timepoints[0];
    const isAtFirst =
      assessment.response.bestResponse?.category === 'PD' &&
      status === 'progressed' &&
      first !== undefined &&
      assessment.response.progression?.date === first.date;
    return {
      agrees: isAtFirst,
      published: 'NA primary refractory',
      derived,
      reason: isAtFirst
        ? `primary refractory: PD confirmed at the first evaluation (${pfs.date}); Table 2 prints no PFS time for it`
        : `published primary refractory (PD at the first evaluation), derived ${status} on ${pfs.date} with best response ${assessment.response.bestResponse?.category ?? 'none'}`,
    };
  }
  const expectedStatus: DerivedPfsStatus =
    outcome.kind === 'progression' ? 'progressed' : outcome.kind === 'death' ? 'death' : 'censored';
  const published = `${outcome.months} ${outcome.kind === 'progression' ? 'progressed' : outcome.kind}`;
  const sameStatus = status === expectedStatus;
  const sameMonths = rounded === outcome.months;
  const agrees = sameStatus && sameMonths;
  const problems: string[] = [];
  if (!sameStatus) problems.push(`status ${status} instead of ${expectedStatus}`);
  if (!sameMonths) problems.push(`${months(pfs.months)} months round to ${rounded}, not ${outcome.months}`);
  return {
    agrees,
    published,
    derived,
    reason: agrees
      ? `${status} at ${months(pfs.months)} months, ${rounded} as a whole month (${pfs.explanation.text})`
      : `${problems.join('; ')} (${pfs.explanation.text})`,
  };
}

function compareOs(patient: Patient, assessment: PatientAssessment): ColumnComparison {
  const os = assessment.endpoints.os;
  const status = os.event ? 'dead' : 'alive';
  const rounded = roundToWholeMonths(os.days);
  const outcome = patient.survival;
  const expectedStatus = outcome.kind === 'death' ? 'dead' : 'alive';
  const sameStatus = status === expectedStatus;
  const sameMonths = rounded === outcome.months;
  const agrees = sameStatus && sameMonths;
  const problems: string[] = [];
  if (!sameStatus) problems.push(`${status} instead of ${expectedStatus}`);
  if (!sameMonths) problems.push(`${months(os.months)} months round to ${rounded}, not ${outcome.months}`);
  return {
    agrees,
    published: `${outcome.months} ${expectedStatus}`,
    derived: `${months(os.months)} (${rounded}) ${status} on ${os.date}`,
    reason: agrees
      ? `${status} at ${months(os.months)} months, ${rounded} as a whole month`
      : `${problems.join('; ')} (${os.explanation.text})`,
  };
}

function worstHematologicGrade(assessment: PatientAssessment): number {
  let worst = 0;
  for (const toxicity of assessment.toxicities) {
    if (hematologicTests.has(toxicity.test) && toxicity.grade > worst) worst = toxicity.grade;
  }
  return worst;
}

function compareHematologicToxicity(patient: Patient, assessment: PatientAssessment): ColumnComparison {
  const worst = worstHematologicGrade(assessment);
  const published = patient.toxicity.hematologic;
  const agrees = worst === published;
  const ungradable = assessment.ungradable.filter((value) => hematologicTests.has(value.test)).length;
  const note = ungradable > 0 ? `; ${ungradable} value(s) not gradable without a reference range` : '';
  return {
    agrees,
    published: `grade ${published}`,
    derived: `grade ${worst}`,
    reason: `worst CTCAE ${assessment.toxicities[0]?.version ?? ''} grade of platelets, neutrophils, WBC, lymphocytes and haemoglobin on the index line${note}`,
  };
}

function missing(what: string): ColumnComparison {
  return { agrees: false, published: what, derived: 'none', reason: 'no laboratory data for this patient' };
}

function count(rows: readonly DerivedTable2Row[], pick: (row: DerivedTable2Row) => ColumnComparison): AgreementCount {
  return { agreeing: rows.filter((row) => pick(row).agrees).length, total: rows.length };
}

/** Compares every published patient with its assessment (matched by patient code). */
export function compareAssessmentsWithStudy(
  study: Study,
  assessments: readonly PatientAssessment[],
): StudyFromAssessments {
  const byCode = new Map<string, PatientAssessment>();
  for (const assessment of assessments) {
    if (byCode.has(assessment.patient)) throw new RangeError(`patient ${assessment.patient} is assessed twice`);
    byCode.set(assessment.patient, assessment);
  }
  const rows: DerivedTable2Row[] = study.patients.map((patient) => {
    const assessment = byCode.get(patient.code);
    if (assessment === undefined) {
      return {
        patient: patient.code,
        derived: null,
        bestResponse: missing(patient.bestResponse),
        pfs: missing(patient.progression.kind),
        os: missing(patient.survival.kind),
        hematologicToxicity: missing(`grade ${patient.toxicity.hematologic}`),
      };
    }
    const { pfs, os } = assessment.endpoints;
    const best = assessment.response.bestResponse;
    return {
      patient: patient.code,
      derived: {
        bestResponse: best?.category ?? null,
        bestResponseDate: best?.date ?? null,
        pfsStatus: pfsStatusOf(assessment),
        pfsDate: pfs.date,
        pfsMonths: pfs.months,
        osStatus: os.event ? 'dead' : 'alive',
        osDate: os.date,
        osMonths: os.months,
        hematologicToxicityGrade: worstHematologicGrade(assessment),
      },
      bestResponse: compareBestResponse(patient, assessment),
      pfs: comparePfs(patient, assessment),
      os: compareOs(patient, assessment),
      hematologicToxicity: compareHematologicToxicity(patient, assessment),
    };
  });
  const known = new Set<string>(study.patients.map((patient) => patient.code));
  return {
    studyId: study.id,
    rows,
    agreement: {
      bestResponse: count(rows, (row) => row.bestResponse),
      pfs: count(rows, (row) => row.pfs),
      os: count(rows, (row) => row.os),
      hematologicToxicity: count(rows, (row) => row.hematologicToxicity),
    },
    unmatchedAssessments: assessments.map((assessment) => assessment.patient).filter((code) => !known.has(code)),
    roundingRule: wholeMonthRoundingRule,
  };
}
