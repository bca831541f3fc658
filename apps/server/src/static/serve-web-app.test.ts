/** The web app at `/`: files, SPA fallback for page paths, API 404s stay JSON, pages carry their own CSP. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@mmreg/storage';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { AppEnv } from '../http/app-env.ts';
import { pageContentSecurityPolicy } from './serve-web-app.ts';

let store: Store;
let webRoot: string;
let app: Hono<AppEnv>;
const indexHtml =
  '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>';

beforeAll(async () => {
  store = await openStore('sqlite::memory:');
  webRoot = mkdtempSync(join(tmpdir(), 'mmreg-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), indexHtml);
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(webRoot, 'assets', 'app.css'), 'body{margin:0}');
  app = createApp({ store, webRoot });
}, 60_000);

afterAll(async () => {
  await store.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('serveWebApp', () => {
  it('serves index.html at / with the page CSP', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(indexHtml);
    expect(response.headers.get('content-security-policy')).toBe(pageContentSecurityPolicy);
    expect(pageContentSecurityPolicy).toContain("script-src 'self'");
    expect(pageContentSecurityPolicy).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('falls back to index.html for a client route such as /patients/3', async () => {
    const response = await app.request('/patients/3');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(indexHtml);
    expect(response.headers.get('content-security-policy')).toBe(pageContentSecurityPolicy);
  });

  it('serves built assets with their content type', async () => {
    const script = await app.request('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("app");');
    const style = await app.request('/assets/app.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers a missing asset with 404 instead of the page', async () => {
    const response = await app.request('/assets/missing.js');
    expect(response.status).toBe(404);
  });

  it('keeps an unknown API route a JSON 404 with the API CSP', async () => {
    const response = await app.request('/api/unknown');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe('not-found');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('never serves a file outside the web root', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const response = await app.request(path);
      const text = await response.text();
      expect(text).not.toContain('"name"');
    }
  });

  it('does not answer pages when no web root is configured', async () => {
    const apiOnly = createApp({ store });
    const response = await apiOnly.request('/patients/3');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
  });
});
