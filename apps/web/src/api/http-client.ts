/**
 * The one fetch wrapper: same-origin cookie session, `X-CSRF-Token` on writes, JSON bodies, every
 * answer parsed with its zod schema, every failure an `ApiRequestError`. A 401 also tells the auth
 * context (through `onUnauthenticated`) so the app returns to the login page.
 */
import type { z } from 'zod';
import { ApiRequestError, apiErrorBodySchema } from './api-error.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type QueryValue = string | number | undefined;

let csrfToken: string | null = null;
let unauthenticatedListener: (() => void) | null = null;

/** Remembers the session's CSRF token (from login or GET /api/session); null after logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on any 401 except the login attempt itself; the auth context clears the session. */
export function onUnauthenticated(listener: (() => void) | null): void {
  unauthenticatedListener = listener;
}

export interface RequestOptions<TSchema extends z.ZodType> {
  readonly schema: TSchema;
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Do not report a 401 to the auth context (login, session probe). */
  readonly isSessionProbe?: boolean;
}

function buildUrl(path: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) parameters.set(name, String(value));
  }
  const text = parameters.toString();
  return text === '' ? path : `${path}?${text}`;
}

async function readError(response: Response): Promise<ApiRequestError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy page): fall through to the status text
  }
  const parsed = apiErrorBodySchema.safeParse(body);
  if (!parsed.success)
    return new ApiRequestError(response.status, 'http-error', `${response.status} ${response.statusText}`);
  const { code, message, issues, requestId } = parsed.data.error;
  return new ApiRequestError(response.status, code, message, { issues: issues ?? [], requestId: requestId ?? null });
}

/** Sends one request and returns the parsed answer (`undefined` for 204). */
export async function requestJson<TSchema extends z.ZodType>(
  method: Method,
  path: string,
  options: RequestOptions<TSchema>,
): Promise<z.infer<TSchema>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  const response = await fetch(buildUrl(path, options.query), init);
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && options.isSessionProbe !== true) unauthenticatedListener?.();
    throw error;
  }
  if (response.status === 204) return options.schema.parse(undefined);
  const parsed = options.schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiRequestError(
      0,
      'unexpected-response',
      `the server's answer to ${method} ${path} did not match its schema: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}
