/** The audit trail (`/api/audit`) a page at a time, newest first, limited to the caller's centres by the server. */
import { type AuditPage, auditPageSchema } from '@mmreg/contracts';
import { requestJson } from './http-client.ts';

export interface AuditPageRequest {
  /** Only this patient's records; null for every record in scope. */
  readonly patientId: number | null;
  /** Records older than this one (the last `seq` of the previous page); undefined for the newest. */
  readonly beforeSeq: number | undefined;
  readonly limit: number;
}

export function fetchAuditPage(request: AuditPageRequest): Promise<AuditPage> {
  const query = {
    order: 'desc',
    limit: request.limit,
    beforeSeq: request.beforeSeq,
    patientId: request.patientId ?? undefined,
  };
  return requestJson('GET', '/api/audit', { schema: auditPageSchema, query });
}
