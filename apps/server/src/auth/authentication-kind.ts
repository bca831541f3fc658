/** How a request was authenticated: a browser session (cookie + CSRF token) or a personal API token. */
import type { UserRecord } from '@mmreg/contracts';
import type { SessionInfo } from '@mmreg/storage';

export type Authentication =
  | { readonly kind: 'session'; readonly user: UserRecord; readonly token: string; readonly session: SessionInfo }
  | { readonly kind: 'token'; readonly user: UserRecord };
