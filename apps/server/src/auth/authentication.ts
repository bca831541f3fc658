/**
 * Who is calling: a session cookie (`mmreg_session`, browsers) or `Authorization: Bearer <token>`
 * (personal API tokens, scripts). Resolves the credential through the store and puts the result on
 * the context; it refuses nothing itself — routes that need a user answer 401 when there is none.
 */
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/app-env.ts';
import type { Authentication } from './authentication-kind.ts';

export const sessionCookieName = 'mmreg_session';
export const csrfHeaderName = 'X-CSRF-Token';

export type { Authentication } from './authentication-kind.ts';

/** Longer credentials are not ours: refuse them before any hashing. */
const maxCredentialLength = 512;

function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const { store } = c.get('services');
  let authentication: Authentication | null = null;
  const bearer = bearerToken(c.req.header('Authorization'));
  if (bearer !== null) {
    const user = bearer.length <= maxCredentialLength ? await store.resolveApiToken(bearer) : null;
    if (user !== null && !user.isDisabled) authentication = { kind: 'token', user };
  } else {
    const token = getCookie(c, sessionCookieName);
    if (token !== undefined && token.length > 0 && token.length <= maxCredentialLength) {
      const session = await store.resolveSession(token);
      if (session !== null && !session.user.isDisabled) {
        authentication = { kind: 'session', user: session.user, token, session };
      }
    }
  }
  c.set('authentication', authentication);
  await next();
});
