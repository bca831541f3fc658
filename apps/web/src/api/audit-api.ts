/** The audit trail (`/api/audit`), newest last, limited to the caller's centres by the server. */
import { type AuditRecord, auditRecordSchema } from '@mmreg/contracts';
import { z } from 'zod';
import { requestJson } from './http-client.ts';

const auditListSchema = z.object({ records: z.array(auditRecordSchema) });

export async function fetchAudit(options: { patientId: number | null; limit: number }): Promise<AuditRecord[]> {
  const query = { limit: options.limit, ...(options.patientId === null ? {} : { patientId: options.patientId }) };
  return (await requestJson('GET', '/api/audit', { schema: auditListSchema, query })).records;
}
