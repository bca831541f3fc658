/**
 * CSRF protection for cookie-authenticated writes: the `X-CSRF-Token` header must equal the token
 * bound to the session (returned by login and `GET /api/session`). A cross-site page can make the
 * browser send the cookie but cannot read the token. Bearer-token requests carry no ambient
 * credential and are exempt.
 */
import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.ts';
import { type Authentication, csrfHeaderName } from './authentication.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left, 'utf8');
  const b = Buffer.from(right, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Throws 403 when a cookie-authenticated unsafe request lacks the session's CSRF token. */
export function checkCsrf(method: string, authentication: Authentication, header: string | undefined): void {
  if (authentication.kind !== 'session' || safeMethods.has(method.toUpperCase())) return;
  if (header === undefined || header.length === 0) {
    throw new ApiError(403, 'csrf-failed', `missing ${csrfHeaderName} header (cookie-authenticated writes need it)`, {
      issues: [{ in: 'header', path: [csrfHeaderName], message: 'required for cookie-authenticated writes' }],
    });
  }
  if (!sameText(header, authentication.session.csrfToken)) {
    throw new ApiError(403, 'csrf-failed', `${csrfHeaderName} does not match the session`, {
      issues: [{ in: 'header', path: [csrfHeaderName], message: 'does not match the session' }],
    });
  }
}
