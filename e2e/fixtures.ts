/**
 * The e2e `test`: Playwright's, with the server started by global setup as `baseURL`, the demo
 * credentials, sign-in helpers (through the login form, or through the API for tests about other
 * pages), an API client per user for setting up data, and a check that no page threw an uncaught error.
 */
import { type APIRequestContext, test as base, expect, type Page, request } from '@playwright/test';
import { credentialFor, readServerInfo, type ServerInfo } from './server-info.ts';

export { expect };

export interface ApiClient {
  readonly request: APIRequestContext;
  /** POST/PATCH/DELETE with the session's CSRF token; throws with the server's answer on a non-2xx status. */
  readonly send: (method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) => Promise<unknown>;
  /** GET; throws on a non-2xx status. */
  readonly get: (path: string) => Promise<unknown>;
}

interface E2eFixtures {
  /** Signs the page's browser context in through the API (fast); the app then reads the session. */
  signIn: (page: Page, username: string) => Promise<void>;
  /** Signs in through the login page, as a user would. */
  signInWithForm: (page: Page, username: string) => Promise<void>;
  /** An API client signed in as the user (disposed after the test). */
  apiAs: (username: string) => Promise<ApiClient>;
  failOnPageErrors: undefined;
}

interface E2eWorkerFixtures {
  server: ServerInfo;
}

async function signedInClient(server: ServerInfo, username: string): Promise<ApiClient> {
  const { password } = credentialFor(server, username);
  const context = await request.newContext({ baseURL: server.baseUrl });
  const login = await context.post('/api/session', { data: { username, password } });
  if (!login.ok()) throw new Error(`API login as ${username} failed: ${login.status()} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const check = async (label: string, response: Awaited<ReturnType<APIRequestContext['get']>>) => {
    if (!response.ok()) throw new Error(`${label} → ${response.status()} ${await response.text()}`);
    const text = await response.text();
    return text === '' ? null : (JSON.parse(text) as unknown);
  };
  return {
    request: context,
    get: async (path) => check(`GET ${path}`, await context.get(path)),
    send: async (method, path, body) =>
      check(
        `${method} ${path}`,
        await context.fetch(path, {
          method,
          headers: { 'X-CSRF-Token': csrfToken },
          ...(body === undefined ? {} : { data: body }),
        }),
      ),
  };
}

export const test = base.extend<E2eFixtures, E2eWorkerFixtures>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured first argument.
    async ({}, use) => {
      await use(readServerInfo());
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.baseUrl);
  },
  signIn: async ({ server }, use) => {
    await use(async (page, username) => {
      const { password } = credentialFor(server, username);
      const response = await page.request.post('/api/session', { data: { username, password } });
      if (!response.ok()) throw new Error(`login as ${username} failed: ${response.status()}`);
    });
  },
  signInWithForm: async ({ server }, use) => {
    await use(async (page, username) => {
      const { password } = credentialFor(server, username);
      await page.goto('/login');
      await page.getByLabel('Username').fill(username);
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).not.toHaveURL(/\/login/);
    });
  },
  apiAs: async ({ server }, use) => {
    const clients: ApiClient[] = [];
    await use(async (username) => {
      const client = await signedInClient(server, username);
      clients.push(client);
      return client;
    });
    await Promise.all(clients.map((client) => client.request.dispose()));
  },
  failOnPageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
      await use(undefined);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});
