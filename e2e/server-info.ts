/** What global setup learns from `mmreg serve` and passes to the test workers through the environment. */

export interface DemoCredential {
  readonly username: string;
  readonly password: string;
  readonly role: string;
  /** The centre code of a centre user (`demo-a`), null for the coordinator. */
  readonly centerCode: string | null;
}

export const e2eEnv = {
  baseUrl: 'MMREG_E2E_BASE_URL',
  credentials: 'MMREG_E2E_CREDENTIALS',
} as const;

export interface ServerInfo {
  /** `http://127.0.0.1:PORT` (no trailing slash); the API is under `/api`. */
  readonly baseUrl: string;
  readonly credentials: readonly DemoCredential[];
}

export function readServerInfo(): ServerInfo {
  const baseUrl = process.env[e2eEnv.baseUrl];
  const credentials = process.env[e2eEnv.credentials];
  if (baseUrl === undefined || credentials === undefined) {
    throw new Error('the e2e server is not running: run the tests with `npx playwright test` (global setup starts it)');
  }
  return { baseUrl, credentials: JSON.parse(credentials) as DemoCredential[] };
}

export function credentialFor(info: ServerInfo, username: string): DemoCredential {
  const found = info.credentials.find((credential) => credential.username === username);
  if (found === undefined) throw new Error(`no demo credential for ${username}`);
  return found;
}
