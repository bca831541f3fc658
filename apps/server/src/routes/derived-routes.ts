/** A patient's derived results (response, grades, endpoints with explanations) as the store keeps them. */
import { derivedResponse, idParams, studyQuery } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { scopeForPatient } from './patient-scope.ts';

const getDerived = defineRoute({
  method: 'get',
  path: '/api/patients/{id}/derived',
  operationId: 'getDerivedResults',
  summary: "A patient's derived response, grades and endpoints, each with its explanation",
  description:
    'Recomputed by the core in the same transaction as any change of the inputs; `inputHash` identifies the inputs read.',
  tag: 'patients',
  auth: 'user',
  params: idParams,
  query: studyQuery,
  responses: {
    200: { description: 'Derived results', schema: derivedResponse },
    404: { description: 'No such patient in the caller’s centres' },
  },
  handler: async ({ services, params, query, authentication }) => {
    const scope = await scopeForPatient(services.store, authentication.user, params.id, query.study);
    return { status: 200, body: await services.store.getDerived(scope, params.id) };
  },
});

export const derivedRoutes: readonly ApiRoute[] = [getDerived];
