/** Test helper: answers the app's `fetch` calls from a table of paths (query strings passed to the handler), JSON only. */
import { vi } from 'vitest';

export type MockAnswer = unknown | ((url: URL) => unknown);

/** Stubs `fetch` for the test; an unknown path is a 404 in the API's error shape. Returns the requested URLs. */
export function mockApi(answers: Readonly<Record<string, MockAnswer>>): URL[] {
  const requested: URL[] = [];
  vi.stubGlobal('fetch', async (input: string | URL | Request) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://app.test',
    );
    requested.push(url);
    const answer = answers[url.pathname];
    if (answer === undefined) {
      return new Response(JSON.stringify({ error: { code: 'not-found', message: `no mock for ${url.pathname}` } }), {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    const body = typeof answer === 'function' ? (answer as (url: URL) => unknown)(url) : answer;
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  return requested;
}
