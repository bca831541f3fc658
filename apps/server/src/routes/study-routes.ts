/** The studies the caller belongs to and their centres, with what the caller may do at each. */
import { canReadCenter, canWriteCenter, scopeForRequest, studiesOf } from '../auth/access-scope.ts';
import { centerListResponse, idParams, studyListResponse } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';

const listStudies = defineRoute({
  method: 'get',
  path: '/api/studies',
  operationId: 'listStudies',
  summary: 'The studies the caller is a member of',
  tag: 'studies',
  auth: 'user',
  responses: { 200: { description: 'Studies', schema: studyListResponse } },
  handler: async ({ services, authentication }) => {
    const member = new Set(studiesOf(authentication.user));
    const studies = (await services.store.listStudies()).filter((study) => member.has(study.id));
    return { status: 200, body: { studies } };
  },
});

const listCenters = defineRoute({
  method: 'get',
  path: '/api/studies/{id}/centers',
  operationId: 'listCenters',
  summary: "A study's centres, each with whether the caller may read and write its patients",
  tag: 'studies',
  auth: 'user',
  params: idParams,
  responses: {
    200: { description: 'Centres', schema: centerListResponse },
    404: { description: 'No such study, or the caller is not a member' },
  },
  handler: async ({ services, params, authentication }) => {
    const scope = scopeForRequest(authentication.user, params.id);
    const centers = await services.store.listCenters(scope.studyId);
    return {
      status: 200,
      body: {
        centers: centers.map((center) => ({
          ...center,
          canRead: canReadCenter(scope, center.id),
          canWrite: canWriteCenter(scope, center.id),
        })),
      },
    };
  },
});

export const studyRoutes: readonly ApiRoute[] = [listStudies, listCenters];
