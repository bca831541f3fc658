/**
 * The study analysis over the patients one caller may see (`GET /api/studies/{id}/analysis`), by the
 * same functions as `mmreg reproduce`: storage's `registryStudyInputOf` maps the scope's data (each
 * patient assessed by the call behind the stored derived results, so the derived panel and the
 * analysis agree; the same mapping as the report route and `mmreg report`), core's
 * `studyFromRegistry` turns the registry data into the Study model, core's `analyseStudy` analyses
 * it and @mmreg/report's `buildResultsJson` makes the results model. Nothing is computed here.
 */
import { analyseStudy, studyFromRegistry } from '@mmreg/core';
import { buildResultsJson } from '@mmreg/report';
import { registryStudyInputOf, type ScopedStudyData } from '@mmreg/storage';
import { serverVersion } from '../server-version.ts';
import { countFormStatuses, describeAnalysedPatients } from './analysed-patient-rows.ts';
import { type RegistryAnalysisBody, registryAnalysisFormatVersion } from './analysis-schema.ts';
import { referenceComparisonFor } from './reference-studies.ts';

export interface ScopedAnalysisInput {
  readonly data: ScopedStudyData;
  /** The caller reads every centre of the study: only then are a reference study's claims checked. */
  readonly isStudyWide: boolean;
  readonly generatedAt: string;
}

export function analyseScopedStudy({ data, isStudyWide, generatedAt }: ScopedAnalysisInput): RegistryAnalysisBody {
  const reference = referenceComparisonFor(data.study.code);
  const notes: string[] = [];
  const input = registryStudyInputOf(data, {
    reference: reference.kind === 'found' ? reference.reference : null,
    isStudyWide,
  });
  if (reference.kind === 'unavailable') notes.push(reference.note);
  if (reference.kind === 'found') {
    notes.push(reference.reference.note);
    if (!isStudyWide) notes.push('Published claims are not checked on a centre’s subset of the study.');
  }
  const { study, notAssessed } = studyFromRegistry(input);
  const formCounts = countFormStatuses(data);
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
        forms: formCounts.get(center.id) ?? { complete: 0, unverified: 0, incomplete: 0 },
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
  const analysis = analyseStudy(study);
  const results = buildResultsJson(analysis, { name: 'mmreg', version: serverVersion(), generatedAt });
  // What the client receives is JSON: a non-finite statistic (an infinite odds ratio) becomes null,
  // and the body declared (and validated) is that JSON.
  const sent = JSON.parse(JSON.stringify(results)) as Extract<RegistryAnalysisBody, { status: 'analysed' }>['results'];
  const patients = describeAnalysedPatients({
    data,
    patients: study.patients,
    assessments: new Map(input.patients.map((patient) => [patient.code, patient.assessment])),
    conventions: analysis.conventions,
  });
  return { ...common, status: 'analysed', results: sent, patients };
}
