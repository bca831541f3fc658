/**
 * One page of the audit trail (GET /api/audit): records in the caller's scope, oldest first by default
 * or newest first (`order=desc`), after or before a record number (`afterSeq`, `beforeSeq`), at most
 * `limit` of them, and whether more match beyond the page — so a client pages with the last record's
 * `seq` as the next cursor and never loads the whole trail.
 */
import { z } from 'zod';
import { auditRecordSchema } from './registry-schemas.ts';

export const auditOrders = ['asc', 'desc'] as const;
export type AuditOrder = (typeof auditOrders)[number];

export const auditPageSchema = z.object({
  records: z.array(auditRecordSchema),
  /** More records match the filter beyond this page (in the page's order). */
  hasMore: z.boolean(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
