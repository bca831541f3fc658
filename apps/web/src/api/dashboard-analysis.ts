/**
 * The coordinator dashboard's data: `GET /api/studies/{id}/analysis` (apps/server/src/analysis/,
 * docs/rules/registry-analysis.md). The envelope, the centres with their form counts and the analysed
 * patients' rows are checked field by field; `results` is the report's results.json model
 * (docs/results-json.md), checked by format and version and typed as `buildResultsJson` writes it.
 */
import { analysedPatientSchema, type analysisScopeCenterSchema, registryAnalysisSchemaOf } from '@mmreg/contracts';
import type { ResultsJson } from '@mmreg/report';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { requestJson } from './http-client.ts';

/** results.json as JSON delivers it: a number JSON cannot carry (an infinite odds ratio) arrives as null. */
export type AnalysisResults = ResultsJson;

const resultsSchema = z.custom<AnalysisResults>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    'format' in value &&
    value.format === 'mmreg-results' &&
    'formatVersion' in value &&
    value.formatVersion === 1,
  'expected the report’s results model (format mmreg-results, version 1)',
);

export { analysedPatientSchema };
export type AnalysedPatient = z.infer<typeof analysedPatientSchema>;

export const studyAnalysisSchema = registryAnalysisSchemaOf(resultsSchema);
export type StudyAnalysis = z.infer<typeof studyAnalysisSchema>;
export type AnalysedStudy = Extract<StudyAnalysis, { status: 'analysed' }>;
export type AnalysisCenter = z.infer<typeof analysisScopeCenterSchema>;

export function fetchStudyAnalysis(studyId: number): Promise<StudyAnalysis> {
  return requestJson('GET', `/api/studies/${studyId}/analysis`, { schema: studyAnalysisSchema });
}

export const dashboardQueryKeys = {
  analysis: (studyId: number) => ['analysis', studyId] as const,
};

/**
 * The analysis of the caller's scope; `onLoaded` runs when an answer has arrived and passed its schema,
 * before React renders it (the dashboard starts its subgroup worker there).
 */
export function useStudyAnalysis(studyId: number | null, onLoaded?: (analysis: StudyAnalysis) => void) {
  return useQuery({
    queryKey: dashboardQueryKeys.analysis(studyId ?? 0),
    queryFn: async () => {
      const analysis = await fetchStudyAnalysis(studyId ?? 0);
      onLoaded?.(analysis);
      return analysis;
    },
    enabled: studyId !== null,
    // The analysis runs the whole study through the rules engine: no refetch on every window focus.
    refetchOnWindowFocus: false,
  });
}
