/** The audit trail as the caller may see it: records of in-scope patients (all for the coordinator). */

import { scopeForRequest } from '../auth/access-scope.ts';
import { auditListResponse, auditQuery } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';

const defaultLimit = 100;

const listAudit = defineRoute({
  method: 'get',
  path: '/api/audit',
  operationId: 'listAudit',
  summary: 'Audit records in scope, oldest first (?patientId, ?afterSeq, ?limit ≤ 1000, default 100)',
  tag: 'audit',
  auth: 'user',
  query: auditQuery,
  responses: { 200: { description: 'Audit records', schema: auditListResponse } },
  handler: async ({ services, query, authentication }) => {
    const scope = scopeForRequest(authentication.user, query.study);
    const records = await services.store.listAudit(scope, {
      ...(query.patientId === undefined ? {} : { patientId: query.patientId }),
      ...(query.afterSeq === undefined ? {} : { afterSeq: query.afterSeq }),
      limit: query.limit ?? defaultLimit,
    });
    return { status: 200, body: { records } };
  },
});

export const auditRoutes: readonly ApiRoute[] = [listAudit];
