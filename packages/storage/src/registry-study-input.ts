/**
 * Registry data of one scope as the input of core's `studyFromRegistry`: one mapping for the
 * server's analysis and report routes and for `mmreg report --db`, so a dashboard, a download and a
 * command-line report of the same patients can never disagree. Each patient is assessed by
 * `assessStoredPatient`, the call behind the stored derived results of the patient's record page.
 */
import type { HistoricalSeries, PublishedClaim, RegistryPatientInput, RegistryStudyInput } from '@mmreg/core';
import { assessStoredPatient } from './derive-patient-results.ts';
import type { ScopedStudyData } from './store.ts';

/** Published comparison data attached to a registry study that reproduces a published one. */
export interface ReferenceComparison {
  readonly historicalSeries: readonly HistoricalSeries[];
  /** Checked only when the scope is the whole study: a centre's subset would fail them all. */
  readonly claims: readonly PublishedClaim[];
}

export function registryPatientsOf(data: ScopedStudyData): RegistryPatientInput[] {
  const centerCodes = new Map(data.centers.map((center) => [center.id, center.code]));
  return data.patients.map((entry) => ({
    code: entry.patient.code,
    centerCode: centerCodes.get(entry.patient.centerId) ?? String(entry.patient.centerId),
    sex: entry.patient.sex,
    birthYear: entry.patient.birthYear,
    enrolment: entry.patient,
    priorTherapies: entry.priorTherapies,
    courses: entry.courses,
    administrations: entry.administrations,
    adverseEvents: entry.adverseEvents,
    assessment: assessStoredPatient(entry),
  }));
}

/** The `studyFromRegistry` input of a scope; published claims only for a study-wide scope. */
export function registryStudyInputOf(
  data: ScopedStudyData,
  options: { readonly reference: ReferenceComparison | null; readonly isStudyWide: boolean },
): RegistryStudyInput {
  const input: RegistryStudyInput = {
    code: data.study.code,
    title: data.study.title,
    centers: data.centers,
    patients: registryPatientsOf(data),
  };
  if (options.reference === null) return input;
  return {
    ...input,
    historicalSeries: options.reference.historicalSeries,
    claims: options.isStudyWide ? options.reference.claims : [],
  };
}
