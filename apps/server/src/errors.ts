/**
 * The API's one error shape and the complete map from every failure to an HTTP status: store error
 * codes through a `Record` the compiler checks, request problems (validation, malformed JSON, media
 * type, size, authentication, CSRF, throttling) as `ApiError`. Every rejection names the field or
 * the problem; an unexpected error answers 500 with a request id and never a stack.
 */
import { StoreError, type StoreErrorCode } from '@mmreg/storage';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

export const apiErrorCodes = [
  'invalid-request',
  'malformed-json',
  'unsupported-media-type',
  'payload-too-large',
  'unauthenticated',
  'csrf-failed',
  'forbidden',
  'not-found',
  'conflict',
  'duplicate',
  'reason-required',
  'invalid',
  'too-many-requests',
  'internal',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

/** Where a request problem sits: the JSON body, the query string, the path or a header. */
export type IssueLocation = 'body' | 'query' | 'path' | 'header';

export interface ApiIssue {
  readonly in: IssueLocation;
  /** Path of the field inside its location (empty for the whole body). */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** For problems in an imported file: the file, its 1-based line and the column. */
  readonly file?: string;
  readonly line?: number | null;
  readonly column?: string | null;
}

export const apiErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(apiErrorCodes),
      message: z.string().min(1),
      issues: z
        .array(
          z.object({
            in: z.enum(['body', 'query', 'path', 'header']),
            path: z.array(z.union([z.string(), z.number()])),
            message: z.string().min(1),
            file: z.string().optional(),
            line: z.number().int().nullable().optional(),
            column: z.string().nullable().optional(),
          }),
        )
        .optional(),
      requestId: z.string().optional(),
    }),
  })
  .describe('Every non-2xx answer: a code, a message and, for input problems, the fields.');
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** A request the API refuses, with its status and (for input problems) the offending fields. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ApiErrorCode;
  readonly issues: readonly ApiIssue[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: ContentfulStatusCode,
    code: ApiErrorCode,
    message: string,
    details: { issues?: readonly ApiIssue[]; headers?: Readonly<Record<string, string>> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = details.issues;
    this.headers = details.headers ?? {};
  }
}

/** The HTTP status of every store error code (shared brief: the one status map). */
export const storeErrorStatus: Record<StoreErrorCode, ContentfulStatusCode> = {
  'not-found': 404,
  forbidden: 403,
  conflict: 409,
  'reason-required': 422,
  duplicate: 409,
  invalid: 422,
};

/** Turns zod issues into API issues of one location. */
export function issuesFromZod(error: z.ZodError, location: IssueLocation): ApiIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
    // A strict schema reports unknown fields once at their parent: name each field itself.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ in: location, path: [...path, key], message: 'unknown field' }));
    }
    return [{ in: location, path, message: issue.message }];
  });
}

/** A 400 for input that does not match its schema, naming every field. */
export function validationError(error: z.ZodError, location: IssueLocation): ApiError {
  const issues = issuesFromZod(error, location);
  const named = issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length === 0 ? `(${location})` : issue.path.join('.')}: ${issue.message}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return new ApiError(400, 'invalid-request', `invalid ${location}: ${named.join('; ')}${more}`, { issues });
}

/** Maps a store error to the API error of the same meaning; the field, when known, is named as a body issue. */
export function fromStoreError(error: StoreError): ApiError {
  // Not-found and forbidden are about the addressed record, not a body field: no issue to attach.
  const isAboutInput = error.code !== 'not-found' && error.code !== 'forbidden';
  const issues: ApiIssue[] =
    error.field === null || !isAboutInput ? [] : [{ in: 'body', path: [error.field], message: error.message }];
  return new ApiError(storeErrorStatus[error.code], error.code, error.message, issues.length > 0 ? { issues } : {});
}

/** The JSON error answer for any thrown value; unknown errors become 500 with the request id only. */
export function errorResponse(
  c: Context,
  error: unknown,
  options: { readonly requestId: string; readonly onInternalError: (error: unknown, requestId: string) => void },
): Response {
  const apiError = error instanceof ApiError ? error : error instanceof StoreError ? fromStoreError(error) : null;
  if (apiError === null) {
    options.onInternalError(error, options.requestId);
    const body: ApiErrorBody = {
      error: { code: 'internal', message: 'internal error; quote the request id', requestId: options.requestId },
    };
    return c.json(body, 500);
  }
  for (const [name, value] of Object.entries(apiError.headers)) c.header(name, value);
  const body: ApiErrorBody = {
    error: {
      code: apiError.code,
      message: apiError.message,
      ...(apiError.issues === undefined
        ? {}
        : { issues: [...apiError.issues].map((issue) => ({ ...issue, path: [...issue.path] })) }),
      requestId: options.requestId,
    },
  };
  return c.json(body, apiError.status);
}
