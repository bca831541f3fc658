/**
 * Serves the built web app (apps/web/dist) at `/`: files by path, and `index.html` for any other
 * page path so the client router can handle it (SPA fallback). `/api/*` is never answered here, so
 * an unknown API route stays a JSON 404. Pages get their own CSP (the API keeps `default-src 'none'`).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';

/**
 * Scripts, fonts, images and data only from this origin. `style-src 'unsafe-inline'` because Mantine
 * writes its CSS variables into a `<style>` element at run time and components set inline `style`
 * attributes; scripts stay `'self'` only, so injected markup cannot run code.
 */
export const pageContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The file under `root` a URL path names, or null when it escapes the root or does not exist. */
async function resolveFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = resolve(root, `.${normalize(`/${decoded}`)}`);
  if (candidate !== root && !candidate.startsWith(`${root}${sep}`)) return null;
  return (await isFile(candidate)) ? candidate : null;
}

async function sendFile(c: Context<AppEnv>, path: string, isHead: boolean): Promise<Response> {
  const body = await readFile(path);
  const type = contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
  c.header('Content-Type', type);
  if (type.startsWith('text/html')) c.header('Content-Security-Policy', pageContentSecurityPolicy);
  return isHead ? c.body(null, 200) : c.body(new Uint8Array(body), 200);
}

/**
 * Registers GET/HEAD for everything outside `/api`: the file if it exists, else `index.html` for
 * page paths (no file extension); a missing asset (`/assets/x.js`) is a plain 404.
 */
export function serveWebApp(app: Hono<AppEnv>, webRoot: string): void {
  const root = resolve(webRoot);
  const indexFile = join(root, 'index.html');
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    const isHead = c.req.method === 'HEAD';
    const file = path === '/' ? null : await resolveFile(root, path);
    if (file !== null) return sendFile(c, file, isHead);
    if (extname(path) !== '' || !(await isFile(indexFile))) return next();
    return sendFile(c, indexFile, isHead);
  });
}
