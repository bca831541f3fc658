/**
 * Table 2 of a case series: per patient the bortezomib course, best response, PFS and OS as
 * recorded, status at last follow-up and worst toxicity grades; plus a course summary (single
 * agent vs combination, cycles, dose reductions, transplant after response).
 */
import type {
  BortezomibCourse,
  LastFollowUpStatus,
  OtherToxicity,
  ProgressionOutcome,
  ResponseCategory,
  Study,
  SurvivalOutcome,
  ToxicitySummary,
} from '../domain/index.ts';
import { type ContinuousSummary, summariseContinuous } from '../stats/index.ts';
import { type CategoryCount, countCategory } from './category-count.ts';

export interface TreatmentOutcomeRow {
  readonly code: string;
  readonly course: BortezomibCourse;
  readonly bestResponse: ResponseCategory;
  readonly progression: ProgressionOutcome;
  readonly survival: SurvivalOutcome;
  readonly lastFollowUp: LastFollowUpStatus;
  readonly toxicity: ToxicitySummary;
}

export interface CourseSummary {
  readonly singleAgent: CategoryCount;
  readonly combination: CategoryCount;
  readonly standardDose: CategoryCount;
  readonly cycles: ContinuousSummary;
  readonly doseReduction: CategoryCount;
  readonly transplantAfterBortezomib: CategoryCount;
  readonly maintenance: CategoryCount;
}

export interface TreatmentOutcomes {
  readonly rows: readonly TreatmentOutcomeRow[];
  readonly course: CourseSummary;
}

/** Standard bortezomib dose, clinical-spec.md §6. */
export const standardBortezomibDoseMgPerM2 = 1.3;

export function describeTreatmentOutcomes(study: Study): TreatmentOutcomes {
  const patients = study.patients;
  const n = patients.length;
  const count = (label: string, predicate: (course: BortezomibCourse) => boolean) =>
    countCategory(label, patients.filter((patient) => predicate(patient.course)).length, n);
  return {
    rows: patients.map((patient) => ({
      code: patient.code,
      course: patient.course,
      bestResponse: patient.bestResponse,
      progression: patient.progression,
      survival: patient.survival,
      lastFollowUp: patient.lastFollowUp,
      toxicity: patient.toxicity,
    })),
    course: {
      singleAgent: count('Single agent', (course) => course.associatedRegimen === null),
      combination: count('Combination', (course) => course.associatedRegimen !== null),
      standardDose: count('1.3 mg/m²', (course) => course.doseMgPerM2 === standardBortezomibDoseMgPerM2),
      cycles: summariseContinuous(patients.map((patient) => patient.course.cycles)),
      doseReduction: count('Dose reduction', (course) => course.hadDoseReduction),
      transplantAfterBortezomib: count('ASCT after bortezomib', (course) => course.followedByAutologousTransplant),
      maintenance: count('Maintenance', (course) => course.maintenance !== null),
    },
  };
}

/** The highest grade an other-toxicity entry can have (the upper end of a printed range). */
export function maximumGrade(toxicity: OtherToxicity): number {
  return toxicity.grade.kind === 'exact' ? toxicity.grade.grade : toxicity.grade.max;
}
