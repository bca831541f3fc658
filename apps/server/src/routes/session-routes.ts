/** Sign in, sign out and "who am I": the session cookie and the CSRF token that goes with it. */
import { loginSchema } from '@mmreg/contracts';
import { deleteCookie, setCookie } from 'hono/cookie';
import { sessionCookieName } from '../auth/authentication.ts';
import { assertLoginAllowed, loginThrottleKeys, recordLoginFailure } from '../auth/login-throttle.ts';
import { ApiError } from '../errors.ts';
import { sessionResponse } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';

const login = defineRoute({
  method: 'post',
  path: '/api/session',
  operationId: 'createSession',
  summary: 'Sign in with username and password; sets the session cookie',
  description:
    'Sets `mmreg_session` (HttpOnly; SameSite=Strict; Path=/; Secure behind TLS) and returns the CSRF token to send as `X-CSRF-Token` on writes. Five failures per username or per client address within 15 minutes answer 429 with Retry-After.',
  tag: 'session',
  auth: 'public',
  body: loginSchema,
  responses: {
    201: { description: 'Signed in', schema: sessionResponse },
    401: { description: 'Wrong username or password' },
    429: { description: 'Too many failed logins' },
  },
  handler: async ({ c, services, body }) => {
    const { store, loginThrottle, sessionTtlSeconds, isSecure } = services;
    const keys = loginThrottleKeys(body.username, services.clientAddress(c));
    await assertLoginAllowed(store, keys, loginThrottle);
    const user = await store.verifyPassword(body.username, body.password);
    if (user === null) {
      await recordLoginFailure(store, keys);
      throw new ApiError(401, 'unauthenticated', 'wrong username or password');
    }
    await store.clearLoginFailures(keys.user);
    const { token, session } = await store.createSession(user.id, sessionTtlSeconds);
    setCookie(c, sessionCookieName, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: isSecure,
      maxAge: sessionTtlSeconds,
    });
    return {
      status: 201,
      body: {
        user: session.user,
        authenticatedBy: 'session',
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      },
    };
  },
});

const logout = defineRoute({
  method: 'delete',
  path: '/api/session',
  operationId: 'deleteSession',
  summary: 'Sign out: ends the session and clears the cookie',
  tag: 'session',
  auth: 'user',
  responses: { 204: { description: 'Signed out (bearer-token callers have no session; nothing changes)' } },
  handler: async ({ c, services, authentication }) => {
    if (authentication.kind === 'session') {
      await services.store.deleteSession(authentication.token);
      deleteCookie(c, sessionCookieName, { path: '/', secure: services.isSecure, httpOnly: true, sameSite: 'Strict' });
    }
    return { status: 204 };
  },
});

const whoAmI = defineRoute({
  method: 'get',
  path: '/api/session',
  operationId: 'getSession',
  summary: 'The signed-in user, their memberships and the CSRF token',
  tag: 'session',
  auth: 'user',
  responses: { 200: { description: 'The caller', schema: sessionResponse } },
  handler: async ({ authentication }) => ({
    status: 200,
    body:
      authentication.kind === 'session'
        ? {
            user: authentication.user,
            authenticatedBy: 'session',
            csrfToken: authentication.session.csrfToken,
            expiresAt: authentication.session.expiresAt,
          }
        : { user: authentication.user, authenticatedBy: 'token', csrfToken: null, expiresAt: null },
  }),
});

export const sessionRoutes: readonly ApiRoute[] = [login, logout, whoAmI];
