/**
 * Resolved credentials (a session's or an API token's user with memberships) kept for a moment, so a
 * client sending several requests a second is looked up once, not once per request: every request
 * authenticates, and on PostgreSQL that lookup was a third of the registry's statements under
 * `npm run bench:server`.
 *
 * What this store changes is seen at once: every write that can change what a credential resolves to
 * (logout, password change, membership grant, restore) clears the cache. A change made by ANOTHER
 * process on the same database (`mmreg users grant` while `mmreg serve` runs, a second server) is seen
 * within `credentialCacheMs`. Entries are keyed by the credential's SHA-256, frozen (callers share
 * them), and the cache is emptied when it reaches `maxEntries`. A session entry still ends at the
 * session's own expiry.
 */

/** How long a resolved credential is reused (milliseconds of the store's clock). */
export const credentialCacheMs = 2000;

const maxEntries = 10_000;

export class CredentialCache<TValue> {
  readonly #entries = new Map<string, { readonly value: TValue; readonly until: number }>();
  #generation = 0;

  /** Changes at every `clear`: a lookup that began before a clear must not cache what it read. */
  get generation(): number {
    return this.#generation;
  }

  /** The value cached for `key` at `now` (ms), or undefined. */
  get(key: string, now: number): TValue | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.until <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /**
   * Caches `value` (deep-frozen) from `now` until `now + credentialCacheMs`, or `until` if earlier —
   * unless the cache was cleared since `generation` was read (the value may predate that change).
   */
  set(key: string, value: TValue, generation: number, now: number, until = Number.POSITIVE_INFINITY): void {
    if (generation !== this.#generation) return;
    if (this.#entries.size >= maxEntries) this.#entries.clear();
    this.#entries.set(key, { value: deepFreeze(value), until: Math.min(now + credentialCacheMs, until) });
  }

  clear(): void {
    this.#entries.clear();
    this.#generation += 1;
  }
}

function deepFreeze<TValue>(value: TValue): TValue {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
