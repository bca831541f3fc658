/**
 * `GET /api/studies/{id}/analysis`: the report's results model over the patients the caller may see,
 * computed by the same core and report functions as `mmreg reproduce` (analysis/scoped-study-analysis.ts).
 */
import { registryAnalysisSchema } from '../analysis/analysis-schema.ts';
import { analyseScopedStudy } from '../analysis/scoped-study-analysis.ts';
import { scopeForRequest } from '../auth/access-scope.ts';
import { idParams } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';

const getAnalysis = defineRoute({
  method: 'get',
  path: '/api/studies/{id}/analysis',
  operationId: 'getStudyAnalysis',
  summary: 'The study report’s results model (results.json) over the patients the caller may see',
  description:
    'Each in-scope patient is assessed as its derived results are, mapped to the study model (docs/rules/registry-analysis.md) and analysed by the same functions as `mmreg reproduce`: response with Clopper–Pearson CIs, Kaplan–Meier PFS and OS by PCL type with log-rank, toxicity by category, and — for the reference study `musto2007` — the literature comparison and (study-wide callers only) the published claims checked against registry data. A centre sees its own patients only. `notAssessed` lists in-scope patients that could not be analysed, with the reason; `status` is `no-patients-in-scope` (and `results` null) when none can be.',
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
    let isStudyWide = scope.readCenters === 'all';
    if (!isStudyWide) {
      const readable = new Set(data.centers.map((center) => center.id));
      isStudyWide = (await services.store.listCenters(params.id)).every((center) => readable.has(center.id));
    }
    return {
      status: 200,
      body: analyseScopedStudy({ data, isStudyWide, generatedAt: services.clock().toISOString() }),
    };
  },
});

export const analysisRoutes: readonly ApiRoute[] = [getAnalysis];
