/**
 * The parts of a patient's derived results (`GET /api/patients/{id}/derived`, the store's result
 * model) the record page shows. The server declares `results` as unknown, so the app states here
 * what it reads; unknown extra fields pass through. It must not compute anything.
 */
import { z } from 'zod';

export const explanationSchema = z.looseObject({
  ruleId: z.string(),
  ruleVersion: z.string(),
  text: z.string(),
});

const endpointSchema = z.looseObject({
  event: z.boolean(),
  date: z.string(),
  startDate: z.string(),
  days: z.number(),
  months: z.number(),
  explanation: explanationSchema,
});

const pclSchema = z.union([
  z.looseObject({
    date: z.string().nullable(),
    source: z.string(),
    peripheralBloodPlasmaCellsPercent: z.number(),
    whiteBloodCellsPer1e9L: z.number(),
    absolutePlasmaCellsPer1e9L: z.number(),
    imwg2003: z.object({ isMet: z.boolean(), explanation: explanationSchema }),
    imwg2021: z.object({ isMet: z.boolean(), explanation: explanationSchema }),
  }),
  z.looseObject({ status: z.literal('not-classifiable'), reason: z.string() }),
]);

const doseIntensitySchema = z.union([
  z.looseObject({
    courseId: z.number(),
    regimen: z.string(),
    status: z.literal('computed'),
    relativeDoseIntensity: z.number().nullable(),
    explanation: explanationSchema,
  }),
  z.looseObject({ courseId: z.number(), regimen: z.string(), status: z.literal('not-computed'), reason: z.string() }),
]);

const labGradeSchema = z.looseObject({
  test: z.string(),
  term: z.string(),
  grade: z.number(),
  date: z.string(),
  version: z.string(),
  explanation: explanationSchema,
});

const notDerivedSchema = z.looseObject({
  status: z.literal('not-derived'),
  reason: z.string(),
  pclAtDiagnosis: pclSchema,
});

const derivedSchema = z.looseObject({
  status: z.literal('derived'),
  settings: z.looseObject({ criteria: z.string(), ctcaeVersion: z.string() }),
  notes: z.array(z.string()),
  indexTherapy: z.looseObject({ courseId: z.number(), regimen: z.string(), startDate: z.string() }),
  response: z.looseObject({
    criteria: z.string(),
    baseline: z.string(),
    timepoints: z.array(
      z.looseObject({
        date: z.string(),
        category: z.string(),
        confirmed: z.boolean(),
        confirmedAs: z.string().nullable(),
        confirmedOn: z.string().nullable(),
        reason: z.string(),
      }),
    ),
    warnings: z.array(z.string()),
  }),
  bestResponse: z.looseObject({ category: z.string(), date: z.string().nullable(), reason: z.string() }).nullable(),
  progression: z.looseObject({ date: z.string(), confirmedOn: z.string(), reason: z.string() }).nullable(),
  lastKnownAlive: z.looseObject({ date: z.string(), source: z.string(), reason: z.string() }),
  endpoints: z.looseObject({
    timeOrigin: z.looseObject({ date: z.string(), isImputed: z.boolean(), reason: z.string() }),
    os: endpointSchema,
    pfs: endpointSchema,
  }),
  labGrades: z.array(labGradeSchema),
  pclAtDiagnosis: pclSchema,
  doseIntensity: z.array(doseIntensitySchema),
});

export const derivedResponseSchema = z.object({
  patientId: z.number(),
  inputHash: z.string(),
  computedAt: z.string(),
  results: z.discriminatedUnion('status', [notDerivedSchema, derivedSchema]),
});

export type DerivedResponse = z.infer<typeof derivedResponseSchema>;
export type DerivedResults = DerivedResponse['results'];
export type DerivedPatient = Extract<DerivedResults, { status: 'derived' }>;
export type LabGrade = z.infer<typeof labGradeSchema>;
