/** startServer: the app on a loopback socket, with the client address feeding login throttling. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './server.ts';
import { createRegistryFixture, type RegistryFixture, usernameOf } from './test-support/registry-fixture.ts';

let fx: RegistryFixture;

beforeAll(async () => {
  fx = await createRegistryFixture();
}, 60_000);

afterAll(async () => {
  await fx.store.close();
});

describe('startServer', () => {
  it('serves the API on 127.0.0.1 and stops when closed', async () => {
    const server = await startServer({ store: fx.store, port: 0, loginThrottle: { maxFailures: 2 } });
    try {
      expect(server.hostname).toBe('127.0.0.1');
      expect(server.port).toBeGreaterThan(0);
      const document = await fetch(`${server.url}/api/openapi.json`);
      expect(document.status).toBe(200);
      expect(((await document.json()) as { openapi: string }).openapi).toBe('3.1.0');
      const attempt = () =>
        fetch(`${server.url}/api/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: usernameOf('monitorA'), password: 'wrong' }),
        });
      expect((await attempt()).status).toBe(401);
      expect((await attempt()).status).toBe(401);
      expect((await attempt()).status).toBe(429);
      expect(await fx.store.countLoginFailures('address:127.0.0.1', 900)).toBe(2);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/api/openapi.json`)).rejects.toThrow();
  });
});
