/**
 * The response of `GET /api/studies/{id}/analysis`: the scope, the report's results model
 * (results.json, docs/results-json.md, built by @mmreg/report's `buildResultsJson`) and the patients
 * that could not be analysed. The body is sent as JSON, so a number JSON cannot carry (an infinite
 * odds ratio) arrives as null: the statistics below are `number | null` where that can happen.
 */
import { registryAnalysisSchemaOf } from '@mmreg/contracts';
import type { ResultsJson } from '@mmreg/report';
import { z } from 'zod';

const finite = z.number();
/** A statistic that can be infinite (odds ratio, its upper limit) and so is null in JSON. */
const maybeInfinite = z.number().nullable();
const limit = z.number().nullable();

const groupSchema = z.object({
  n: z.number().int(),
  events: z.number().int(),
  median: limit,
  lower: limit,
  upper: limit,
});

const stepSchema = z.object({
  time: finite,
  nRisk: finite,
  nEvent: finite,
  nCensor: finite,
  surv: z.number().min(0).max(1),
  stdErr: limit,
  lower: limit,
  upper: limit,
});

const endpointFields = {
  all: groupSchema,
  primary: groupSchema,
  secondary: groupSchema,
  logrank: z.object({ chisq: finite, df: z.number().int(), p: limit }),
  excluded: z.array(z.object({ code: z.string(), reason: z.string() })),
  curves: z.object({ all: z.array(stepSchema), primary: z.array(stepSchema), secondary: z.array(stepSchema) }),
};

const conventionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event-at'), months: finite }),
  z.object({ kind: z.literal('exclude') }),
]);

const proportionSchema = z.object({
  count: z.number().int(),
  n: z.number().int(),
  estimate: finite,
  lower: finite,
  upper: finite,
});

const poolingSchema = z.object({
  measure: z.string(),
  tau2Method: z.string(),
  estimate: maybeInfinite,
  lower: maybeInfinite,
  upper: maybeInfinite,
  predictionLower: maybeInfinite,
  predictionUpper: maybeInfinite,
  tau2: maybeInfinite,
  i2: maybeInfinite,
  q: maybeInfinite,
  qDf: finite,
  qP: maybeInfinite,
  weights: z.array(finite),
});

/** results.json as `buildResultsJson` writes it (format "mmreg-results"). */
export const resultsModelSchema = z.object({
  format: z.literal('mmreg-results'),
  formatVersion: z.number().int(),
  software: z.object({ name: z.string(), version: z.string(), generatedAt: z.string().nullable() }),
  study: z.object({ id: z.string(), title: z.string(), citation: z.string(), patients: z.number().int() }),
  conventions: z.object({
    confLevel: finite,
    kaplanMeierConfidenceType: z.enum(['log', 'log-log', 'plain']),
    primaryRefractoryPfs: conventionSchema,
    primaryRefractoryPfsSensitivity: z.array(conventionSchema),
    timeOrigin: z.string(),
    timeUnit: z.string(),
    atRiskTimes: z.array(finite),
  }),
  response: z.object({
    n: z.number().int(),
    responders: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
    orr: z.object({ estimate: finite, lower: finite, upper: finite }),
    vgprOrBetter: proportionSchema,
    crOrBetter: proportionSchema,
    confLevel: finite,
    subgroups: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        groups: z.array(z.object({ label: z.string(), responders: z.number().int(), n: z.number().int() })),
        fisherP: finite,
        unknown: z.number().int(),
      }),
    ),
  }),
  survival: z.object({
    pfs: z.object(endpointFields),
    os: z.object(endpointFields),
    pfsSensitivity: z.array(z.object({ convention: conventionSchema.nullable(), ...endpointFields })),
  }),
  toxicity: z.array(
    z.object({
      category: z.enum(['hematologic', 'neurologic', 'infectious', 'other']),
      byGrade: z.array(z.number().int()),
      anyGrade: z.number().int(),
      grade3to4: z.number().int(),
    }),
  ),
  literature: z
    .object({
      series: z.array(
        z.object({
          label: z.string(),
          year: z.number().int(),
          patients: z.number().int(),
          printedRatePercent: finite,
          responders: z.number().int(),
          reconstructedRate: finite,
          lower: finite,
          upper: finite,
          isPrintedRateAttainable: z.boolean(),
          medianOverallSurvivalMonths: finite,
        }),
      ),
      totalPatients: z.number().int(),
      totalResponders: z.number().int(),
      pooled: z.object({
        estimate: maybeInfinite,
        lower: maybeInfinite,
        upper: maybeInfinite,
        tau2: maybeInfinite,
        i2: maybeInfinite,
      }),
      randomEffects: poolingSchema,
      sensitivity: z.array(poolingSchema),
      unweightedMean: finite,
      weightedMean: finite,
      pooledCounts: proportionSchema.extend({ confLevel: finite }),
      medianOverallSurvival: z.object({ unweightedMean: finite, patientWeightedMean: finite, medianOfMedians: finite }),
      studyVersusHistorical: z.object({
        responders: z.number().int(),
        n: z.number().int(),
        binomialTests: z.array(z.object({ label: z.string(), rate: finite, pValue: finite })),
        fisher: z.object({ pValue: finite, oddsRatio: maybeInfinite, lower: maybeInfinite, upper: maybeInfinite }),
      }),
    })
    .nullable(),
  claims: z.array(
    z.object({
      id: z.string(),
      claim: z.string(),
      reported: z.string(),
      computed: z.string(),
      verdict: z.enum(['reproduced', 'discrepant', 'not-verifiable']),
      explanation: z.string(),
    }),
  ),
  rules: z.array(z.object({ id: z.string(), version: z.string(), specSection: z.string() })),
});

/** The builder's type without `readonly` (zod's inferred arrays are mutable). */
type Writable<T> = T extends readonly (infer TItem)[]
  ? Writable<TItem>[]
  : T extends object
    ? { -readonly [TKey in keyof T]: Writable<T[TKey]> }
    : T;

// The schema must accept everything the report's builder produces (checked when this compiles).
const acceptsBuilderOutput = (results: Writable<ResultsJson>): z.input<typeof resultsModelSchema> => results;
void acceptsBuilderOutput;

export { analysedPatientSchema, registryAnalysisFormatVersion } from '@mmreg/contracts';

export const registryAnalysisSchema = registryAnalysisSchemaOf(resultsModelSchema);

export type RegistryAnalysisBody = z.infer<typeof registryAnalysisSchema>;
