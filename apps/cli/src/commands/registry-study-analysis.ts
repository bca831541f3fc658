/**
 * A registry study analysed for `mmreg report --db`: every centre's patients read from the store,
 * each assessed by storage's `assessStoredPatient` (the mapping the stored derived results use),
 * mapped by storage's `registryStudyInputOf` (the mapping the server uses), turned into the core
 * Study by core's `studyFromRegistry` and analysed by `analyseStudy` — the
 * path of the server's `GET /api/studies/{id}/analysis` for a study-wide caller, including the
 * reference study's historical series and published claims. Reading only; nothing is written.
 */
import { readFileSync } from 'node:fs';
import { parseStudyFile } from '@mmreg/contracts';
import { analyseStudy, type NotAssessedPatient, type StudyAnalysis, studyFromRegistry } from '@mmreg/core';
import { type ReferenceComparison, registryStudyInputOf, type Store } from '@mmreg/storage';
import { CliError } from '../cli-error.ts';
import { knownStudies } from './reproduce-command.ts';

export interface RegistryStudyAnalysis {
  readonly analysis: StudyAnalysis;
  readonly notAssessed: readonly NotAssessedPatient[];
  readonly notes: readonly string[];
}

/** The published comparison data of a registry study that reproduces a shipped study (musto2007). */
function referenceComparison(code: string): ReferenceComparison | null {
  const path = knownStudies[code];
  if (path === undefined) return null;
  const parsed = parseStudyFile(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new CliError(`${path}: the shipped reference study is invalid`, { issues: parsed.issues });
  return { historicalSeries: parsed.value.historicalSeries, claims: parsed.value.claims };
}

export async function analyseRegistryStudy(store: Store, code: string): Promise<RegistryStudyAnalysis> {
  const study = await store.findStudy(code);
  if (study === null) throw new CliError(`no study with code "${code}" in the registry database`);
  const data = await store.loadStudyData({ studyId: study.id, readCenters: 'all', writeCenters: [] });
  const reference = referenceComparison(data.study.code);
  const registry = studyFromRegistry(registryStudyInputOf(data, { reference, isStudyWide: true }));
  if (registry.study.patients.length === 0) {
    throw new CliError(
      data.patients.length === 0
        ? `study "${code}" has no patients: there is nothing to report`
        : `none of the ${data.patients.length} patient(s) of study "${code}" can be analysed yet: ${registry.notAssessed
            .slice(0, 3)
            .map((entry) => `${entry.code}: ${entry.reason}`)
            .join('; ')}`,
    );
  }
  const notes = reference === null ? [] : [`Historical series and published claims from the shipped study ${code}.`];
  return { analysis: analyseStudy(registry.study), notAssessed: registry.notAssessed, notes };
}
