/** `GET /api/studies/{id}/analysis`: the study analysis over the patients the caller may see. */
import { StoreError } from '@mmreg/storage';
import { z } from 'zod';
import { outcomeOf } from '../analysis/patient-outcome.ts';
import { analyseRegistry, type PatientOutcome } from '../analysis/registry-analysis.ts';
import { scopeForRequest } from '../auth/access-scope.ts';
import { idParams } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';

const proportionSchema = z
  .object({
    count: z.number().int().min(0),
    n: z.number().int().positive(),
    estimate: z.number().min(0).max(1),
    lower: z.number().min(0).max(1),
    upper: z.number().min(0).max(1),
    confLevel: z.number(),
  })
  .nullable();

const endpointSchema = z
  .object({
    n: z.number().int(),
    events: z.number().int(),
    median: z.number().nullable(),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
    confType: z.string(),
    curve: z.array(
      z.object({
        time: z.number(),
        nRisk: z.number(),
        nEvent: z.number(),
        nCensor: z.number(),
        surv: z.number().min(0).max(1),
        lower: z.number().nullable(),
        upper: z.number().nullable(),
      }),
    ),
  })
  .nullable();

export const registryAnalysisSchema = z.object({
  format: z.literal('mmreg-registry-analysis'),
  formatVersion: z.number().int(),
  generatedAt: z.string(),
  study: z.object({ id: z.number().int(), code: z.string(), title: z.string() }),
  includes: z.array(z.string()),
  notComputed: z.array(z.string()),
  patients: z.object({
    n: z.number().int(),
    assessed: z.number().int(),
    notAssessed: z.array(z.object({ code: z.string(), reason: z.string() })),
    byCenter: z.array(
      z.object({ centerId: z.number().int(), code: z.string(), name: z.string(), patients: z.number().int() }),
    ),
  }),
  response: z.object({
    n: z.number().int(),
    responders: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
    orr: proportionSchema,
    vgprOrBetter: proportionSchema,
    crOrBetter: proportionSchema,
    confLevel: z.number(),
  }),
  survival: z.object({ timeUnit: z.literal('months'), pfs: endpointSchema, os: endpointSchema }),
  adverseEvents: z.object({
    patientsByWorstGrade: z.array(
      z.object({
        label: z.string(),
        count: z.number().int(),
        denominator: z.number().int(),
        proportion: z.number().nullable(),
      }),
    ),
  }),
});

const getAnalysis = defineRoute({
  method: 'get',
  path: '/api/studies/{id}/analysis',
  operationId: 'getStudyAnalysis',
  summary: 'Response rates, Kaplan–Meier PFS and OS and per-centre counts over the patients the caller may see',
  description:
    'Computed from the registry data in the caller’s scope (a centre sees its own patients only). `includes` and `notComputed` say which parts of the report’s results model are present.',
  tag: 'studies',
  auth: 'user',
  params: idParams,
  responses: {
    200: { description: 'The scoped analysis', schema: registryAnalysisSchema },
    404: { description: 'No such study, or the caller is not a member' },
  },
  handler: async ({ services, params, authentication }) => {
    const scope = scopeForRequest(authentication.user, params.id);
    const data = await services.store.loadStudyData(scope);
    const outcomes = new Map<number, PatientOutcome>();
    for (const { patient } of data.patients) {
      try {
        outcomes.set(patient.id, outcomeOf((await services.store.getDerived(scope, patient.id)).results));
      } catch (error) {
        if (!(error instanceof StoreError && error.code === 'not-found')) throw error;
      }
    }
    return {
      status: 200,
      body: analyseRegistry({ data, outcomes, generatedAt: services.clock().toISOString() }),
    };
  },
});

export const analysisRoutes: readonly ApiRoute[] = [getAnalysis];
