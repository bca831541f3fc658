import { describe, expect, it } from 'vitest';
import { CredentialCache, credentialCacheMs } from './credential-cache.ts';

describe('CredentialCache', () => {
  it('answers for credentialCacheMs, or until the given end if earlier', () => {
    const cache = new CredentialCache<{ id: number }>();
    cache.set('a', { id: 1 }, cache.generation, 1000);
    expect(cache.get('a', 1000 + credentialCacheMs - 1)).toEqual({ id: 1 });
    expect(cache.get('a', 1000 + credentialCacheMs)).toBeUndefined();
    cache.set('b', { id: 2 }, cache.generation, 1000, 1500);
    expect(cache.get('b', 1499)).toEqual({ id: 2 });
    expect(cache.get('b', 1500)).toBeUndefined();
  });

  it('keeps nothing read before a clear, so a lookup racing a logout cannot bring the session back', () => {
    const cache = new CredentialCache<{ id: number }>();
    const before = cache.generation;
    cache.clear();
    cache.set('a', { id: 1 }, before, 0);
    expect(cache.get('a', 1)).toBeUndefined();
    cache.set('a', { id: 1 }, cache.generation, 0);
    expect(cache.get('a', 1)).toEqual({ id: 1 });
    cache.clear();
    expect(cache.get('a', 1)).toBeUndefined();
  });

  it('freezes what it shares, deeply', () => {
    const cache = new CredentialCache<{ memberships: { centerId: number }[] }>();
    const value = { memberships: [{ centerId: 1 }] };
    cache.set('a', value, cache.generation, 0);
    const cached = cache.get('a', 0);
    expect(
      Object.isFrozen(cached) && Object.isFrozen(cached?.memberships) && Object.isFrozen(value.memberships[0]),
    ).toBe(true);
  });

  it('starts afresh when full rather than growing without bound', () => {
    const cache = new CredentialCache<number>();
    for (let index = 0; index < 10_000; index += 1) cache.set(`k${index}`, index, cache.generation, 0);
    expect(cache.get('k9999', 0)).toBe(9999);
    cache.set('one-more', 1, cache.generation, 0);
    expect(cache.get('k0', 0)).toBeUndefined();
    expect(cache.get('one-more', 0)).toBe(1);
  });
});
