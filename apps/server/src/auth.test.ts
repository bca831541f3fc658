/** Authentication, CSRF, login throttling, security headers and the 500 answer (issue 5 item 6). */
import type { Store } from '@mmreg/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { apiErrorBodySchema } from './errors.ts';
import { apiRoutes } from './routes/index.ts';
import { callApi, noCredentials, signIn } from './test-support/api-client.ts';
import {
  createRegistryFixture,
  type RegistryFixture,
  testPassword,
  usernameOf,
} from './test-support/registry-fixture.ts';

let fx: RegistryFixture;

beforeAll(async () => {
  fx = await createRegistryFixture('sqlite::memory:', {
    clientAddress: (c) => c.req.header('X-Test-Client') ?? 'auth-tests',
    loginThrottle: { maxFailures: 5, windowSeconds: 900 },
  });
}, 60_000);

afterAll(async () => {
  await fx.store.close();
});

const login = (username: string, password: string, client = 'auth-tests') =>
  callApi(fx.app, noCredentials, 'POST', '/api/session', {
    body: { username, password },
    headers: { 'X-Test-Client': client },
  });

describe('POST /api/session', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie without Secure when served over plain HTTP', async () => {
    const response = await login(usernameOf('investigatorA'), testPassword);
    expect(response.status).toBe(201);
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^mmreg_session=[^;]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    const body = response.json as { user: { username: string }; csrfToken: string };
    expect(body.user.username).toBe('investigator-a');
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(16);
  });

  it('adds Secure to the cookie and sends HSTS when the app is marked secure', async () => {
    const secureApp = createApp({ store: fx.store, isSecure: true, clientAddress: () => 'secure-tests' });
    const response = await callApi(secureApp, noCredentials, 'POST', '/api/session', {
      body: { username: usernameOf('coordinator'), password: testPassword },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('Set-Cookie')).toContain('Secure');
    expect(response.headers.get('Strict-Transport-Security')).toContain('max-age=');
  });

  it('answers 401 without a cookie when the password is wrong', async () => {
    const response = await login(usernameOf('monitorA'), 'not the password', 'wrong-password');
    expect(response.status).toBe(401);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    expect(apiErrorBodySchema.parse(response.json).error.code).toBe('unauthenticated');
  });

  it('answers the same 401 when the user does not exist', async () => {
    const unknown = await login('nobody-here', 'whatever', 'unknown-user');
    const wrong = await login(usernameOf('monitorA'), 'whatever', 'unknown-user-2');
    expect(unknown.status).toBe(401);
    expect(apiErrorBodySchema.parse(unknown.json).error.message).toBe(
      apiErrorBodySchema.parse(wrong.json).error.message,
    );
  });

  it('answers 400 naming password when the body lacks it', async () => {
    const response = await callApi(fx.app, noCredentials, 'POST', '/api/session', { body: { username: 'x' } });
    expect(response.status).toBe(400);
    expect(apiErrorBodySchema.parse(response.json).error.issues?.map((issue) => issue.path)).toEqual([['password']]);
  });

  it('answers 429 with Retry-After after 5 failures for one username, even with the right password', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await login(usernameOf('dataManagerA'), 'wrong', `client-${attempt}`)).status).toBe(401);
    }
    const blocked = await login(usernameOf('dataManagerA'), testPassword, 'client-fresh');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('Retry-After')).toBe('900');
    expect(apiErrorBodySchema.parse(blocked.json).error.message).toContain('username');
  });

  it('answers 429 after 5 failures from one client address across usernames', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await login(`guess-${attempt}`, 'wrong', 'attacker')).status).toBe(401);
    }
    const blocked = await login(usernameOf('investigatorB'), testPassword, 'attacker');
    expect(blocked.status).toBe(429);
    expect(apiErrorBodySchema.parse(blocked.json).error.message).toContain('address');
    expect((await login(usernameOf('investigatorB'), testPassword, 'someone-else')).status).toBe(201);
  });
});

describe('authentication', () => {
  it('answers 401 on every route that needs a user when no credentials are sent', async () => {
    for (const route of apiRoutes.filter((entry) => entry.auth === 'user')) {
      const path = route.path.replace(/\{[^}]+\}/g, '1');
      const response = await callApi(fx.app, noCredentials, route.method.toUpperCase(), path, {
        ...(route.method === 'get' || route.method === 'delete' ? {} : { body: {} }),
      });
      expect({ route: route.operationId, status: response.status }).toEqual({ route: route.operationId, status: 401 });
    }
  });

  it('answers 401 when the bearer token is unknown', async () => {
    const response = await callApi(fx.app, { kind: 'bearer', token: 'mmreg_not-a-token' }, 'GET', '/api/session');
    expect(response.status).toBe(401);
  });

  it('answers 401 when the session cookie is unknown', async () => {
    const response = await callApi(
      fx.app,
      { kind: 'session', cookie: 'forged', csrfToken: 'x' },
      'GET',
      '/api/patients',
    );
    expect(response.status).toBe(401);
  });

  it('accepts a personal API token on writes without a CSRF header', async () => {
    const session = await signIn(fx.app, usernameOf('investigatorA'));
    const created = await callApi(fx.app, session, 'POST', '/api/tokens', { body: { label: 'nightly script' } });
    expect(created.status).toBe(201);
    const token = (created.json as { token: string }).token;
    const bearer = { kind: 'bearer', token } as const;
    const who = await callApi(fx.app, bearer, 'GET', '/api/session');
    expect(who.json).toMatchObject({ user: { username: 'investigator-a' }, authenticatedBy: 'token', csrfToken: null });
    const patient = fx.patients.A;
    const current = await fx.store.getPatient(fx.allScope, patient.id);
    const patched = await callApi(fx.app, bearer, 'PATCH', `/api/patients/${patient.id}`, {
      body: { version: current.version, notes: 'from a script' },
    });
    expect(patched.status).toBe(200);
  });
});

describe('CSRF protection', () => {
  it('answers 403 naming X-CSRF-Token and writes nothing when a cookie write lacks the header', async () => {
    const session = await signIn(fx.app, usernameOf('coordinator'));
    const before = await fx.store.contentHash();
    const response = await callApi(fx.app, session, 'POST', '/api/tokens', { body: { label: 'x' }, omitCsrf: true });
    expect(response.status).toBe(403);
    const error = apiErrorBodySchema.parse(response.json).error;
    expect(error.code).toBe('csrf-failed');
    expect(error.issues?.[0]?.path).toEqual(['X-CSRF-Token']);
    expect(await fx.store.contentHash()).toBe(before);
  });

  it('answers 403 when the header does not match the session', async () => {
    const session = await signIn(fx.app, usernameOf('coordinator'));
    const response = await callApi(fx.app, session, 'POST', '/api/tokens', {
      body: { label: 'x' },
      headers: { 'X-CSRF-Token': 'guessed' },
    });
    expect(response.status).toBe(403);
  });

  it('needs no header on reads when authenticated by cookie', async () => {
    const session = await signIn(fx.app, usernameOf('coordinator'));
    expect((await callApi(fx.app, session, 'GET', '/api/patients', { omitCsrf: true })).status).toBe(200);
  });
});

describe('DELETE /api/session', () => {
  it('invalidates the session and clears the cookie when signing out', async () => {
    const session = await signIn(fx.app, usernameOf('monitorA'));
    expect((await callApi(fx.app, session, 'GET', '/api/session')).status).toBe(200);
    const out = await callApi(fx.app, session, 'DELETE', '/api/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/mmreg_session=;.*Max-Age=0/);
    expect((await callApi(fx.app, session, 'GET', '/api/session')).status).toBe(401);
  });
});

describe('security headers', () => {
  it('sends a locked-down CSP, nosniff, no-referrer and no-store on API answers', async () => {
    const session = await signIn(fx.app, usernameOf('investigatorB'));
    for (const response of [
      await callApi(fx.app, session, 'GET', '/api/patients'),
      await callApi(fx.app, noCredentials, 'GET', '/api/patients'),
    ]) {
      const csp = response.headers.get('Content-Security-Policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(response.headers.get('Strict-Transport-Security')).toBeNull();
      expect(response.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('unexpected errors', () => {
  it('answers 500 with a request id and no stack or message when the store fails unexpectedly', async () => {
    const reported: string[] = [];
    const failing = new Proxy(fx.store, {
      get(target, property, receiver) {
        if (property === 'listStudies') return () => Promise.reject(new Error('disk on fire at /secret/path'));
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Store;
    const app = createApp({ store: failing, onInternalError: (_error, requestId) => reported.push(requestId) });
    const session = await signIn(app, usernameOf('coordinator'));
    const response = await callApi(app, session, 'GET', '/api/studies');
    expect(response.status).toBe(500);
    const error = apiErrorBodySchema.parse(response.json).error;
    expect(error.code).toBe('internal');
    expect(reported).toEqual([error.requestId]);
    expect(response.text).not.toContain('secret');
    expect(response.text).not.toContain('disk');
  });

  it('maps every store error code to the status of the shared brief', async () => {
    const { storeErrorStatus } = await import('./errors.ts');
    expect(storeErrorStatus).toEqual({
      'not-found': 404,
      forbidden: 403,
      conflict: 409,
      'reason-required': 422,
      duplicate: 409,
      invalid: 422,
    });
  });
});
