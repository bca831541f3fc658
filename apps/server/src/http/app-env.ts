/** The Hono environment of the API: what the middleware puts on the context for the routes. */
import type { Store } from '@mmreg/storage';
import type { Context } from 'hono';
import type { Authentication } from '../auth/authentication-kind.ts';

export interface LoginThrottleSettings {
  /** Failures per username and per client address that block further attempts. */
  readonly maxFailures: number;
  /** Window over which failures count, and the Retry-After of a blocked attempt. */
  readonly windowSeconds: number;
}

export interface AppServices {
  readonly store: Store;
  /** The current time (injected for tests). */
  readonly clock: () => Date;
  /** Whether the API is served over TLS: adds `Secure` to the cookie and HSTS. */
  readonly isSecure: boolean;
  readonly sessionTtlSeconds: number;
  readonly loginThrottle: LoginThrottleSettings;
  /** The client's address, for login throttling. */
  readonly clientAddress: (c: Context<AppEnv>) => string;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    services: AppServices;
    /** Null when the request carries no valid session cookie or bearer token. */
    authentication: Authentication | null;
  };
}
