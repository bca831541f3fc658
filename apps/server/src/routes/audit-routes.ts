/**
 * The audit trail as the caller may see it: records of in-scope patients (all for the coordinator), in
 * pages — oldest first by default, newest first with `order=desc`, after/before a record number — with
 * `hasMore` saying whether another page follows.
 */

import { scopeForRequest } from '../auth/access-scope.ts';
import { auditListResponse, auditQuery } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';

const defaultLimit = 100;

const listAudit = defineRoute({
  method: 'get',
  path: '/api/audit',
  operationId: 'listAudit',
  summary:
    'Audit records in scope, a page at a time (?patientId, ?order=asc|desc, ?afterSeq, ?beforeSeq, ?limit ≤ 1000, default 100)',
  tag: 'audit',
  auth: 'user',
  query: auditQuery,
  responses: { 200: { description: 'A page of audit records and whether more match', schema: auditListResponse } },
  handler: async ({ services, query, authentication }) => {
    const scope = scopeForRequest(authentication.user, query.study);
    const page = await services.store.listAuditPage(scope, {
      ...(query.patientId === undefined ? {} : { patientId: query.patientId }),
      ...(query.afterSeq === undefined ? {} : { afterSeq: query.afterSeq }),
      ...(query.beforeSeq === undefined ? {} : { beforeSeq: query.beforeSeq }),
      order: query.order ?? 'asc',
      limit: query.limit ?? defaultLimit,
    });
    return { status: 200, body: page };
  },
});

export const auditRoutes: readonly ApiRoute[] = [listAudit];
