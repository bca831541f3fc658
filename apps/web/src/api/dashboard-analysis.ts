/**
 * The coordinator dashboard's data: `GET /api/studies/{id}/analysis` (apps/server/src/analysis/,
 * docs/rules/registry-analysis.md). The envelope, the centres with their form counts and the analysed
 * patients' rows are checked field by field; `results` is the report's results.json model
 * (docs/results-json.md), checked by format and version and typed as `buildResultsJson` writes it.
 */
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

const formCountsSchema = z.object({
  complete: z.number().int(),
  unverified: z.number().int(),
  incomplete: z.number().int(),
});

const centerSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  city: z.string(),
  patients: z.number().int(),
  forms: formCountsSchema,
});

const timeSchema = z.object({ months: z.number(), isEvent: z.boolean() });

export const analysedPatientSchema = z.object({
  code: z.string(),
  centerId: z.number().int(),
  pclType: z.enum(['primary', 'secondary']),
  karyotype: z.enum(['normal', 'del13', 'not-done']),
  hasPriorAsct: z.boolean(),
  isSingleAgent: z.boolean(),
  bestResponse: z.enum(['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD', 'NE']),
  responseMonths: z.number().nullable(),
  pfs: timeSchema.extend({ outcome: z.enum(['progression', 'death', 'censored']) }).nullable(),
  os: timeSchema,
});
export type AnalysedPatient = z.infer<typeof analysedPatientSchema>;

const common = {
  format: z.literal('mmreg-registry-analysis'),
  formatVersion: z.literal(2),
  generatedAt: z.string(),
  study: z.object({ id: z.number().int(), code: z.string(), title: z.string() }),
  scope: z.object({ isStudyWide: z.boolean(), centers: z.array(centerSchema) }),
  notAssessed: z.array(z.object({ code: z.string(), centerCode: z.string(), reason: z.string() })),
  notes: z.array(z.string()),
};

export const studyAnalysisSchema = z.discriminatedUnion('status', [
  z.object({
    ...common,
    status: z.literal('analysed'),
    results: resultsSchema,
    patients: z.array(analysedPatientSchema),
  }),
  z.object({ ...common, status: z.literal('no-patients-in-scope'), results: z.null(), message: z.string() }),
]);
export type StudyAnalysis = z.infer<typeof studyAnalysisSchema>;
export type AnalysedStudy = Extract<StudyAnalysis, { status: 'analysed' }>;
export type AnalysisCenter = z.infer<typeof centerSchema>;

export function fetchStudyAnalysis(studyId: number): Promise<StudyAnalysis> {
  return requestJson('GET', `/api/studies/${studyId}/analysis`, { schema: studyAnalysisSchema });
}

export const dashboardQueryKeys = {
  analysis: (studyId: number) => ['analysis', studyId] as const,
};

/** The analysis of the caller's scope; `onLoaded` runs when an answer has arrived and passed its schema. */
export function useStudyAnalysis(studyId: number | null, onLoaded?: () => void) {
  return useQuery({
    queryKey: dashboardQueryKeys.analysis(studyId ?? 0),
    queryFn: async () => {
      const analysis = await fetchStudyAnalysis(studyId ?? 0);
      onLoaded?.();
      return analysis;
    },
    enabled: studyId !== null,
    // The analysis runs the whole study through the rules engine: no refetch on every window focus.
    refetchOnWindowFocus: false,
  });
}
