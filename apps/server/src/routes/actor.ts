/** The audit trail's "who" for a request. */
import type { Actor } from '@mmreg/storage';
import type { Authentication } from '../auth/authentication.ts';

export function actorOf(authentication: Authentication): Actor {
  return { userId: authentication.user.id, username: authentication.user.username };
}
