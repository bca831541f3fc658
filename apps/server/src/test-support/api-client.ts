/**
 * Calls the app in-process (`app.request()`, no socket) as a signed-in user: the session cookie and
 * the CSRF token from login, or a bearer token. Test support only.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { testPassword } from './registry-fixture.ts';

export type Credentials =
  | { readonly kind: 'session'; readonly cookie: string; readonly csrfToken: string }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'none' };

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body, or null when it is empty or not JSON. */
  readonly json: unknown;
}

export interface CallOptions {
  readonly body?: unknown;
  /** Sent as is (malformed JSON, wrong types); overrides `body`. */
  readonly rawBody?: string | FormData;
  readonly headers?: Readonly<Record<string, string>>;
  /** Leave out the CSRF header of a session (to test the check). */
  readonly omitCsrf?: boolean;
}

export const noCredentials: Credentials = { kind: 'none' };

export async function callApi(
  app: Hono<AppEnv>,
  credentials: Credentials,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const headers = new Headers(options.headers);
  if (credentials.kind === 'session') {
    headers.set('Cookie', `mmreg_session=${credentials.cookie}`);
    if (options.omitCsrf !== true && !headers.has('X-CSRF-Token')) headers.set('X-CSRF-Token', credentials.csrfToken);
  } else if (credentials.kind === 'bearer') {
    headers.set('Authorization', `Bearer ${credentials.token}`);
  }
  let body: string | FormData | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  }
  const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let json: unknown = null;
  if (text !== '') {
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = null;
    }
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The value of the session cookie a login answer sets. */
export function sessionCookieOf(response: ApiResponse): string {
  const header = response.headers.get('Set-Cookie') ?? '';
  const match = /(?:^|,\s*)mmreg_session=([^;]*)/.exec(header);
  if (match?.[1] === undefined || match[1] === '') throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return match[1];
}

export async function signIn(app: Hono<AppEnv>, username: string, password = testPassword): Promise<Credentials> {
  const response = await callApi(app, noCredentials, 'POST', '/api/session', { body: { username, password } });
  if (response.status !== 201) throw new Error(`login of ${username} failed: ${response.status} ${response.text}`);
  const body = response.json as { csrfToken: string };
  return { kind: 'session', cookie: sessionCookieOf(response), csrfToken: body.csrfToken };
}
