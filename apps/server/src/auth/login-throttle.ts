/**
 * Login throttling through the store's failure counters: too many failed logins for one username,
 * or from one client address, within the window answers 429 with Retry-After, before the password
 * is even checked (so a blocked attacker learns nothing and costs no argon2 work).
 */
import type { Store } from '@mmreg/storage';
import { ApiError } from '../errors.ts';
import type { LoginThrottleSettings } from '../http/app-env.ts';

export const defaultLoginThrottle: LoginThrottleSettings = { maxFailures: 5, windowSeconds: 15 * 60 };

export function loginThrottleKeys(
  username: string,
  address: string,
): { readonly user: string; readonly address: string } {
  return { user: `user:${username.trim().toLowerCase()}`, address: `address:${address}` };
}

export async function assertLoginAllowed(
  store: Store,
  keys: { readonly user: string; readonly address: string },
  settings: LoginThrottleSettings,
): Promise<void> {
  for (const [what, key] of [
    ['this username', keys.user],
    ['this address', keys.address],
  ] as const) {
    const failures = await store.countLoginFailures(key, settings.windowSeconds);
    if (failures >= settings.maxFailures) {
      throw new ApiError(
        429,
        'too-many-requests',
        `too many failed logins for ${what}: try again in ${Math.ceil(settings.windowSeconds / 60)} minutes`,
        { headers: { 'Retry-After': String(settings.windowSeconds) } },
      );
    }
  }
}

export async function recordLoginFailure(
  store: Store,
  keys: { readonly user: string; readonly address: string },
): Promise<void> {
  await store.recordLoginFailure(keys.user);
  await store.recordLoginFailure(keys.address);
}
