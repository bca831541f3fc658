/**
 * Secrets at rest: argon2id password hashes (OWASP parameters m=19456 KiB, t=2, p=1) and random
 * bearer tokens (32 bytes, base64url) of which only the SHA-256 is stored, so a copy of the database
 * gives no usable session or API token.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sha256Hex } from './canonical-json.ts';

// Algorithm 2 is Argon2id (@node-rs/argon2 declares it as a const enum, which isolated modules cannot import).
const argon2idOptions = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2idOptions);
}

export async function verifyPasswordHash(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so both cases take the same time. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-password-of-anyone');
  return dummyHash;
}

/** A new bearer token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token. */
export function tokenHash(token: string): string {
  return sha256Hex(token);
}
