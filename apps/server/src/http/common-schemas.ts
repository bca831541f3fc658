/** Schemas of path parameters, query strings and response envelopes shared by several routes. */
import {
  auditOrders,
  auditPageSchema,
  centerSchema,
  patientListResponseSchema,
  studySchema,
  userSchema,
} from '@mmreg/contracts';
import { z } from 'zod';

/** A positive integer id in a path or query string (text on the wire). */
export const idText = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, 'expected a positive integer id')
  .transform(Number);

const positiveIntText = (name: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, `expected ${name} as a positive integer`)
    .transform(Number);

export const idParams = z.strictObject({ id: idText });
export const childParams = z.strictObject({ id: idText, recordId: idText });

/** `?study=` names the study when the caller belongs to several; otherwise the only one is used. */
export const studyQuery = z.strictObject({ study: idText.optional() });
export const patientListQuery = z.strictObject({ study: idText.optional(), centerId: idText.optional() });
export const deleteQuery = z.strictObject({
  study: idText.optional(),
  version: positiveIntText('version'),
  reason: z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters').optional(),
});
const seqText = (name: string) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,14})$/, `expected ${name} as a non-negative integer`)
    .transform(Number);

export const auditQuery = z.strictObject({
  study: idText.optional(),
  patientId: idText.optional(),
  /** Records after this number (`seq >`). */
  afterSeq: seqText('afterSeq').optional(),
  /** Records before this number (`seq <`): the next page of a newest-first listing. */
  beforeSeq: seqText('beforeSeq').optional(),
  /** `asc` (default): oldest first; `desc`: newest first. */
  order: z.enum(auditOrders).optional(),
  limit: positiveIntText('limit').pipe(z.number().max(1000, 'at most 1000')).optional(),
});

export const sessionResponse = z.object({
  user: userSchema,
  /** How this request was authenticated. */
  authenticatedBy: z.enum(['session', 'token']),
  /** Send it as `X-CSRF-Token` on cookie-authenticated writes; null for bearer-token requests. */
  csrfToken: z.string().nullable(),
  expiresAt: z.string().nullable(),
});

export const tokenCreateBody = z.strictObject({
  label: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
});
export const tokenResponse = z.object({
  id: z.number().int().positive(),
  label: z.string(),
  /** Shown once: only its hash is stored. */
  token: z.string().min(1),
});

export const studyListResponse = z.object({ studies: z.array(studySchema) });
export const centerListResponse = z.object({
  centers: z.array(centerSchema.extend({ canRead: z.boolean(), canWrite: z.boolean() })),
});
/** Each patient with its completeness over every form (contracts: patient-list-schemas.ts). */
export const patientListResponse = patientListResponseSchema;
/** One page of audit records and whether more match (contracts: audit-page-schemas.ts). */
export const auditListResponse = auditPageSchema;
export const derivedResponse = z.object({
  patientId: z.number().int().positive(),
  inputHash: z.string(),
  computedAt: z.string(),
  results: z.unknown(),
});
