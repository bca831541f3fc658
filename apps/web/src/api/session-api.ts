/** Sign in, sign out, who am I (`/api/session`). */
import { type LoginInput, userSchema } from '@mmreg/contracts';
import { z } from 'zod';
import { ApiRequestError } from './api-error.ts';
import { requestJson, setCsrfToken } from './http-client.ts';

export const sessionSchema = z.object({
  user: userSchema,
  authenticatedBy: z.enum(['session', 'token']),
  csrfToken: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

/** The current session, or null when signed out (a 401 is an answer here, not an error). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await requestJson('GET', '/api/session', { schema: sessionSchema, isSessionProbe: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(input: LoginInput): Promise<Session> {
  const session = await requestJson('POST', '/api/session', {
    schema: sessionSchema,
    body: input,
    isSessionProbe: true,
  });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await requestJson('DELETE', '/api/session', { schema: z.undefined(), isSessionProbe: true });
  } finally {
    setCsrfToken(null);
  }
}
