/** The API's error shape as the app sees it: status, code, field issues; it must not know about React. */
import { z } from 'zod';

const apiIssueSchema = z.object({
  in: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});

/** `{ error: { code, message, issues?, requestId? } }` (apps/server/README.md "Errors"). */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(apiIssueSchema).optional(),
    requestId: z.string().optional(),
  }),
});

export type ApiIssue = z.infer<typeof apiIssueSchema>;

/** A non-2xx answer (or an answer that does not match its schema, status 0). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: readonly ApiIssue[];
  readonly requestId: string | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: { issues?: readonly ApiIssue[]; requestId?: string | null } = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.issues = details.issues ?? [];
    this.requestId = details.requestId ?? null;
  }
}

/**
 * Field errors for a form from the body issues of a 400/422: `{ 'field.path': message }`, the shape
 * Mantine's `form.setErrors` takes. Issues outside the body (query, header) are left to the banner.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiRequestError)) return {};
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.in !== 'body' || issue.path.length === 0) continue;
    const key = issue.path.join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

/** A sentence for the banner above a form or page. */
export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 403) return `Not allowed: ${error.message}`;
    if (error.status === 404) return 'Not found (or not in your centres).';
    if (error.status === 429) return 'Too many attempts: wait a few minutes and try again.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
