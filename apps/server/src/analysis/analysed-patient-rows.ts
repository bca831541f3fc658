/**
 * The per-patient rows and per-centre form counts the coordinator dashboard needs beside the results
 * model: each analysed patient's subgroup fields, PFS and OS record (by core's own
 * `deriveProgressionFreeRecords` / `deriveOverallSurvivalRecords`, so a client-side subgroup
 * Kaplan–Meier runs on exactly the records the analysis used), best response and time to first
 * response; and how many forms of each centre are complete, unverified or incomplete. Counting and
 * mapping only — no statistic is computed here.
 */
import {
  type AnalysisConventions,
  deriveOverallSurvivalRecords,
  deriveProgressionFreeRecords,
  hasPriorAutologousTransplant,
  type Patient,
  type RegistryAssessmentOutcome,
} from '@mmreg/core';
import type { ScopedStudyData } from '@mmreg/storage';

export interface FormStatusCounts {
  complete: number;
  unverified: number;
  incomplete: number;
}

export interface AnalysedPatientRow {
  readonly code: string;
  readonly centerId: number;
  readonly pclType: Patient['pclType'];
  readonly karyotype: Patient['karyotype'];
  readonly hasPriorAsct: boolean;
  /** Bortezomib without an associated regimen (the report's "single agent" subgroup). */
  readonly isSingleAgent: boolean;
  readonly bestResponse: Patient['bestResponse'];
  /** Months to the first response (PR or better); null without one. */
  readonly responseMonths: number | null;
  /** Null when the primary PFS convention excludes the patient. */
  readonly pfs: {
    readonly months: number;
    readonly isEvent: boolean;
    readonly outcome: 'progression' | 'death' | 'censored';
  } | null;
  readonly os: { readonly months: number; readonly isEvent: boolean };
}

/** Forms of every patient of each centre by status: the enrolment form and every repeating-form row. */
export function countFormStatuses(data: ScopedStudyData): Map<number, FormStatusCounts> {
  const counts = new Map<number, FormStatusCounts>();
  for (const entry of data.patients) {
    const centerId = entry.patient.centerId;
    let tally = counts.get(centerId);
    if (tally === undefined) {
      tally = { complete: 0, unverified: 0, incomplete: 0 };
      counts.set(centerId, tally);
    }
    const forms = [
      entry.patient,
      ...entry.priorTherapies,
      ...entry.courses,
      ...entry.administrations,
      ...entry.assessments,
      ...entry.adverseEvents,
      ...entry.followUp,
    ];
    for (const form of forms) tally[form.formStatus] += 1;
  }
  return counts;
}

export interface PatientRowsInput {
  readonly data: ScopedStudyData;
  readonly patients: readonly Patient[];
  readonly assessments: ReadonlyMap<string, RegistryAssessmentOutcome>;
  readonly conventions: AnalysisConventions;
}

function responseMonthsOf(outcome: RegistryAssessmentOutcome | undefined): number | null {
  if (outcome?.kind !== 'assessed') return null;
  const ttr = outcome.assessment.endpoints.ttr;
  return ttr?.event ? ttr.months : null;
}

/** One row per analysed patient, in the analysis's order. */
export function describeAnalysedPatients(input: PatientRowsInput): AnalysedPatientRow[] {
  const centerOfCode = new Map(input.data.patients.map(({ patient }) => [patient.code, patient.centerId]));
  const pfsOfCode = new Map(
    deriveProgressionFreeRecords(input.patients, input.conventions.primaryRefractoryPfs).records.map((record) => [
      record.patient.code as string,
      record,
    ]),
  );
  const osOfCode = new Map(
    deriveOverallSurvivalRecords(input.patients).map((record) => [record.patient.code as string, record]),
  );
  return input.patients.map((patient) => {
    const pfs = pfsOfCode.get(patient.code);
    const os = osOfCode.get(patient.code);
    const centerId = centerOfCode.get(patient.code);
    if (os === undefined || centerId === undefined) throw new Error(`patient ${patient.code} lost its records`);
    const outcome = patient.progression.kind;
    return {
      code: patient.code,
      centerId,
      pclType: patient.pclType,
      karyotype: patient.karyotype,
      hasPriorAsct: hasPriorAutologousTransplant(patient),
      isSingleAgent: patient.course.associatedRegimen === null,
      bestResponse: patient.bestResponse,
      responseMonths: responseMonthsOf(input.assessments.get(patient.code)),
      pfs:
        pfs === undefined
          ? null
          : {
              months: pfs.months,
              isEvent: pfs.isEvent,
              // A primary-refractory patient placed by convention progressed.
              outcome: outcome === 'primary-refractory' ? 'progression' : outcome,
            },
      os: { months: os.months, isEvent: os.isEvent },
    };
  });
}
