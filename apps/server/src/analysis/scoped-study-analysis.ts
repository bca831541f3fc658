/**
 * The study analysis over the patients one caller may see (`GET /api/studies/{id}/analysis`), by the
 * same functions as `mmreg reproduce`: each patient is assessed by storage's `assessStoredPatient`
 * (the mapping the stored derived results use, so the derived panel and the analysis agree), core's
 * `studyFromRegistry` turns the registry data into the Study model, core's `analyseStudy` analyses
 * it and @mmreg/report's `buildResultsJson` makes the results model. Nothing is computed here.
 */
import { readFileSync } from 'node:fs';
import { analyseStudy, type RegistryPatientInput, type RegistryStudyInput, studyFromRegistry } from '@mmreg/core';
import { buildResultsJson } from '@mmreg/report';
import { assessStoredPatient, type ScopedStudyData } from '@mmreg/storage';
import { type RegistryAnalysisBody, registryAnalysisFormatVersion } from './analysis-schema.ts';
import { referenceComparisonFor } from './reference-studies.ts';

export interface ScopedAnalysisInput {
  readonly data: ScopedStudyData;
  /** The caller reads every centre of the study: only then are a reference study's claims checked. */
  readonly isStudyWide: boolean;
  readonly generatedAt: string;
}

let version: string | null = null;

/** The server package's version, for the results' `software` block. */
function serverVersion(): string {
  if (version === null) {
    const parsed: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    version =
      typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string'
        ? parsed.version
        : 'unknown';
  }
  return version;
}

function registryPatientsOf(data: ScopedStudyData): RegistryPatientInput[] {
  const centerCodes = new Map(data.centers.map((center) => [center.id, center.code]));
  return data.patients.map((entry) => {
    const { patient } = entry;
    return {
      code: patient.code,
      centerCode: centerCodes.get(patient.centerId) ?? String(patient.centerId),
      sex: patient.sex,
      birthYear: patient.birthYear,
      enrolment: patient,
      priorTherapies: entry.priorTherapies,
      courses: entry.courses,
      administrations: entry.administrations,
      adverseEvents: entry.adverseEvents,
      assessment: assessStoredPatient(entry),
    };
  });
}

export function analyseScopedStudy({ data, isStudyWide, generatedAt }: ScopedAnalysisInput): RegistryAnalysisBody {
  const reference = referenceComparisonFor(data.study.code);
  const notes: string[] = [];
  const input: RegistryStudyInput = {
    code: data.study.code,
    title: data.study.title,
    centers: data.centers,
    patients: registryPatientsOf(data),
  };
  let studyInput = input;
  if (reference.kind === 'unavailable') notes.push(reference.note);
  if (reference.kind === 'found') {
    // Claims are statements about the whole study: checked only when the caller sees every centre.
    studyInput = {
      ...input,
      historicalSeries: reference.reference.historicalSeries,
      claims: isStudyWide ? reference.reference.claims : [],
    };
    notes.push(reference.reference.note);
    if (!isStudyWide) notes.push('Published claims are not checked on a centre’s subset of the study.');
  }
  const { study, notAssessed } = studyFromRegistry(studyInput);
  const patientsPerCenter = new Map<number, number>();
  for (const { patient } of data.patients) {
    patientsPerCenter.set(patient.centerId, (patientsPerCenter.get(patient.centerId) ?? 0) + 1);
  }
  const common = {
    format: 'mmreg-registry-analysis' as const,
    formatVersion: registryAnalysisFormatVersion,
    generatedAt,
    study: { id: data.study.id, code: data.study.code, title: data.study.title },
    scope: {
      isStudyWide,
      centers: data.centers.map((center) => ({
        id: center.id,
        code: center.code,
        name: center.name,
        city: center.city,
        patients: patientsPerCenter.get(center.id) ?? 0,
      })),
    },
    notAssessed: [...notAssessed],
    notes: [...study.provenance, ...notes],
  };
  if (study.patients.length === 0) {
    return {
      ...common,
      status: 'no-patients-in-scope',
      results: null,
      message:
        data.patients.length === 0
          ? 'no patients are registered in the centres the caller may read'
          : `none of the ${data.patients.length} patient(s) in scope can be analysed yet (see notAssessed)`,
    };
  }
  const results = buildResultsJson(analyseStudy(study), { name: 'mmreg', version: serverVersion(), generatedAt });
  // What the client receives is JSON: a non-finite statistic (an infinite odds ratio) becomes null,
  // and the body declared (and validated) is that JSON.
  const sent = JSON.parse(JSON.stringify(results)) as Extract<RegistryAnalysisBody, { status: 'analysed' }>['results'];
  return { ...common, status: 'analysed', results: sent };
}
