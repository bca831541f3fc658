/**
 * Clinical tumour lysis syndrome and its Cairo–Bishop grade (clinical-spec.md §7.2). Cairo–Bishop
 * 2004 [V]: laboratory TLS plus ≥ 1 of creatinine ≥ 1.5 × ULN, cardiac arrhythmia or sudden death,
 * seizure. Howard 2011 [V] (setting `criteria`): laboratory TLS plus ≥ 1 of a creatinine rise ≥ 0.3
 * mg/dL from baseline (or, without a baseline, a value > 1.5 × ULN), oliguria, cardiac arrhythmia or
 * sudden death, seizure, symptomatic hypocalcaemia. Grade = the worst component of the Cairo–Bishop
 * table: creatinine I = 1.5 × ULN, II > 1.5–3.0, III > 3.0–6.0, IV > 6.0 × ULN; arrhythmia and
 * seizure as graded by the clinician (TumourLysisClinicalFinding); V = death. [IMPL] (§7.2 flag): grade
 * I is creatinine exactly 1.5 × ULN (to the reported precision, within the shared 1e-9 tolerance),
 * anything above is grade II. [IMPL]: Howard 2011 defines no grades; the Cairo–Bishop table grades it,
 * and a clinical TLS resting only on criteria the table does not grade (oliguria, symptomatic
 * hypocalcaemia, a creatinine rise below 1.5 × ULN) has grade null. Creatinine values and findings
 * count in the laboratory window (day −3 to +7). Attribution to lysis is not judged.
 */
import { type CalendarDate, toDayNumber } from '../../domain/calendar-date.ts';
import type { Explanation, RuleDefinition, ThresholdCheck } from '../rule.ts';
import { isBeyond } from '../toxicity/grade-lab-adverse-event.ts';
import type { LaboratoryTumourLysis } from './detect-laboratory-tumour-lysis.ts';
import {
  findBaseline,
  indexTumourLysisMeasurements,
  type TumourLysisInput,
  type TumourLysisSample,
  type TumourLysisSeries,
} from './tumour-lysis-input.ts';
import {
  checkTumourLysisSettings,
  defaultTumourLysisSettings,
  type TumourLysisCriteria,
  type TumourLysisSettings,
} from './tumour-lysis-settings.ts';

export const cairoBishopClinicalTlsRule: RuleDefinition = {
  id: 'tls-cairo-bishop-2004-clinical',
  version: '2004',
  title: 'Clinical tumour lysis syndrome and grade, Cairo–Bishop 2004',
  specSection: '§7.2',
  source: 'Cairo MS, Bishop M. Br J Haematol 2004;127:3–11',
  evidence: 'V',
};

export const howardClinicalTlsRule: RuleDefinition = {
  id: 'tls-howard-2011-clinical',
  version: '2011',
  title: 'Clinical tumour lysis syndrome, Howard 2011 (graded with the Cairo–Bishop table)',
  specSection: '§7.2',
  source: 'Howard SC, Jones DP, Pui C-H. N Engl J Med 2011;364:1844–54 (as reproduced at bloodref.com)',
  evidence: 'V',
};

/** Cairo–Bishop grade: 0 none, I–IV, V death. */
export type TumourLysisGrade = 0 | 1 | 2 | 3 | 4 | 5;

export const tumourLysisGradeNames: Readonly<Record<TumourLysisGrade, string>> = {
  0: '0',
  1: 'I',
  2: 'II',
  3: 'III',
  4: 'IV',
  5: 'V',
};

export interface ClinicalTumourLysisCriterion {
  readonly kind:
    | 'creatinine'
    | 'creatinine-rise'
    | 'cardiac-arrhythmia'
    | 'seizure'
    | 'sudden-death'
    | 'oliguria'
    | 'symptomatic-hypocalcaemia';
  readonly date: CalendarDate;
  /** This criterion's Cairo–Bishop grade; null where the table does not grade it. */
  readonly grade: TumourLysisGrade | null;
  readonly text: string;
}

export interface ClinicalTumourLysis {
  readonly criteria: TumourLysisCriteria;
  readonly isPresent: boolean;
  /** Worst component when present; 0 when absent; null when present on ungraded criteria only. */
  readonly grade: TumourLysisGrade | null;
  /** Clinical criteria met in the window (they make clinical TLS only with laboratory TLS). */
  readonly criteriaMet: readonly ClinicalTumourLysisCriterion[];
  /** Cairo–Bishop creatinine grade of the highest creatinine/ULN in the window; null without one. */
  readonly creatinineGrade: TumourLysisGrade | null;
  readonly explanation: Explanation;
}

/** Clinical TLS and grade from the measurements and findings, given laboratory TLS. */
export function gradeClinicalTumourLysis(
  laboratory: LaboratoryTumourLysis,
  input: TumourLysisInput,
  settings: TumourLysisSettings = defaultTumourLysisSettings,
): ClinicalTumourLysis {
  checkTumourLysisSettings(settings);
  return gradeClinicalTumourLysisInSeries(laboratory, indexTumourLysisMeasurements(input, settings), {
    input,
    settings,
  });
}

/** Grade of creatinine/ULN in the Cairo–Bishop table (exactly 1.5 × ULN is grade I). */
export function gradeCreatinineRatio(ratio: number): TumourLysisGrade {
  if (isBeyond(ratio, 6, 'high')) return 4;
  if (isBeyond(ratio, 3, 'high')) return 3;
  if (isBeyond(ratio, 1.5, 'high')) return 2;
  return isBeyond(ratio, 1.5, 'low') ? 0 : 1;
}

interface CreatinineWithUln extends TumourLysisSample {
  readonly uln: number;
  readonly ratio: number;
}

/** As gradeClinicalTumourLysis, on series already indexed. */
export function gradeClinicalTumourLysisInSeries(
  laboratory: LaboratoryTumourLysis,
  series: TumourLysisSeries,
  context: { readonly input: TumourLysisInput; readonly settings: TumourLysisSettings },
): ClinicalTumourLysis {
  const { input, settings } = context;
  const isHoward = settings.criteria === 'howard-2011';
  const rule = isHoward ? howardClinicalTlsRule : cairoBishopClinicalTlsRule;
  const from = -settings.daysBeforeTherapy;
  const to = settings.daysAfterTherapy;
  const inWindow = (day: number): boolean => day >= from && day <= to;
  const notes: string[] = [];
  const checks: ThresholdCheck[] = [];
  const criteriaMet: ClinicalTumourLysisCriterion[] = [];

  // Creatinine against its ULN (same-day creatinine_uln, else the input's ULN).
  const ulnSeries = series.byTest.get('creatinine_uln') ?? [];
  const creatinine = (series.byTest.get('creatinine') ?? []).filter((s) => inWindow(s.day));
  const withUln: CreatinineWithUln[] = [];
  let withoutUln = 0;
  for (const sample of creatinine) {
    const uln = ulnSeries.filter((u) => u.day === sample.day).at(-1)?.value ?? input.creatinineUlnMgPerDl;
    if (uln === undefined || !(uln > 0)) withoutUln += 1;
    else withUln.push({ ...sample, uln, ratio: sample.value / uln });
  }
  if (withoutUln > 0) notes.push(`${withoutUln} creatinine value(s) without a ULN not graded`);
  let worst: CreatinineWithUln | null = null;
  let creatinineGrade: TumourLysisGrade | null = null;
  for (const sample of withUln) {
    const grade = gradeCreatinineRatio(sample.ratio);
    if (creatinineGrade === null || grade > creatinineGrade) {
      creatinineGrade = grade;
      worst = sample;
    }
  }
  if (worst !== null) {
    checks.push({
      quantity: 'creatinine / ULN',
      value: worst.ratio,
      unit: '× ULN',
      comparator: '>=',
      threshold: 1.5,
      isMet: (creatinineGrade ?? 0) >= 1,
    });
  }
  const creatinineText = (sample: CreatinineWithUln): string =>
    `creatinine ${format(sample.value)} mg/dL = ${format(sample.ratio)} × ULN (${format(sample.uln)}) on ${sample.date}`;

  if (!isHoward) {
    if (worst !== null && creatinineGrade !== null && creatinineGrade >= 1) {
      criteriaMet.push({ kind: 'creatinine', date: worst.date, grade: creatinineGrade, text: creatinineText(worst) });
    }
  } else {
    const baseline = findBaseline(series.byTest.get('creatinine'), settings.baselineLookbackDays);
    if (baseline !== null) {
      const rise = creatinine.find((s) => s.day > baseline.day && !isBeyond(s.value - baseline.value, 0.3, 'low'));
      checks.push({
        quantity: 'creatinine rise from baseline',
        value: Math.max(0, ...creatinine.filter((s) => s.day > baseline.day).map((s) => s.value - baseline.value)),
        unit: 'mg/dL',
        comparator: '>=',
        threshold: 0.3,
        isMet: rise !== undefined,
      });
      if (rise !== undefined) {
        criteriaMet.push({
          kind: 'creatinine-rise',
          date: rise.date,
          grade: null,
          text: `creatinine ${format(rise.value)} mg/dL on ${rise.date}, +${format(rise.value - baseline.value)} mg/dL from baseline ${format(baseline.value)} on ${baseline.date} (rise ≥ 0.3)`,
        });
      }
    } else {
      const high = withUln.find((s) => isBeyond(s.ratio, 1.5, 'high'));
      if (high !== undefined) {
        criteriaMet.push({
          kind: 'creatinine',
          date: high.date,
          grade: gradeCreatinineRatio(high.ratio),
          text: `${creatinineText(high)}, > 1.5 × ULN without a baseline`,
        });
      } else {
        notes.push('no creatinine baseline: Howard renal criterion is a single value > 1.5 × ULN');
      }
    }
  }

  let findingGrade: TumourLysisGrade = 0;
  for (const finding of input.clinicalFindings ?? []) {
    const day = toDayNumber(finding.date) - series.startDay;
    if (!inWindow(day)) {
      notes.push(`${finding.kind} on ${finding.date} is outside the window, not counted`);
      continue;
    }
    switch (finding.kind) {
      case 'cardiac-arrhythmia':
      case 'seizure':
        criteriaMet.push({
          kind: finding.kind,
          date: finding.date,
          grade: finding.grade,
          text: `${finding.kind === 'seizure' ? 'seizure' : 'cardiac arrhythmia'} grade ${tumourLysisGradeNames[finding.grade]} on ${finding.date}`,
        });
        findingGrade = Math.max(findingGrade, finding.grade) as TumourLysisGrade;
        break;
      case 'sudden-death':
        criteriaMet.push({
          kind: 'sudden-death',
          date: finding.date,
          grade: 5,
          text: `sudden death on ${finding.date}`,
        });
        findingGrade = 5;
        break;
      case 'oliguria':
      case 'symptomatic-hypocalcaemia':
        if (isHoward) {
          criteriaMet.push({
            kind: finding.kind,
            date: finding.date,
            grade: null,
            text: `${finding.kind === 'oliguria' ? 'oliguria' : 'symptomatic hypocalcaemia'} on ${finding.date}`,
          });
        } else {
          notes.push(`${finding.kind} on ${finding.date} is a Howard 2011 criterion, not a Cairo–Bishop one`);
        }
        break;
    }
  }

  const isPresent = laboratory.isPresent && criteriaMet.length > 0;
  let grade: TumourLysisGrade | null = 0;
  if (isPresent) {
    const worstGrade = Math.max(findingGrade, creatinineGrade ?? 0) as TumourLysisGrade;
    grade = worstGrade === 0 ? null : worstGrade;
    if (grade === null) notes.push('the criteria met have no Cairo–Bishop grade (grade not assigned)');
    if (creatinineGrade === 1)
      notes.push('creatinine exactly 1.5 × ULN is grade I (the table prints grade II as > 1.5 × ULN)');
  }

  const label = isHoward ? 'Howard 2011, graded by Cairo–Bishop' : 'Cairo–Bishop 2004';
  const met = criteriaMet.map((c) => c.text).join('; ');
  let verdict: string;
  if (isPresent) {
    verdict = `present, grade ${grade === null ? 'not assigned' : tumourLysisGradeNames[grade]} (laboratory TLS on ${laboratory.date}; ${met})`;
  } else if (!laboratory.isPresent) {
    verdict = `absent: no laboratory TLS${criteriaMet.length === 0 ? '' : ` (clinical criteria alone: ${met})`}`;
  } else {
    verdict = 'absent: laboratory TLS without a clinical criterion';
  }
  if (worst !== null) notes.unshift(`highest ${creatinineText(worst)}`);
  const text = `Clinical TLS (${label}): ${verdict}${notes.length === 0 ? '' : `; ${notes.join('; ')}`}.`;
  return {
    criteria: settings.criteria,
    isPresent,
    grade,
    criteriaMet,
    creatinineGrade,
    explanation: { ruleId: rule.id, ruleVersion: rule.version, checks, text },
  };
}

function format(value: number): string {
  return String(Math.round(value * 100) / 100);
}
