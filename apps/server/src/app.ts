/**
 * The API as a Hono app over web-standard Request/Response (tests call `app.request()` with no
 * socket): security headers, no caching, request ids, body limits, authentication, then the
 * declared routes. Handlers stay thin — parse, call the store or the core, map the result.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '@mmreg/storage';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate } from './auth/authentication.ts';
import { defaultLoginThrottle } from './auth/login-throttle.ts';
import { ApiError, errorResponse } from './errors.ts';
import type { AppEnv, AppServices, LoginThrottleSettings } from './http/app-env.ts';
import type { ApiRoute, RouteResult } from './http/define-route.ts';
import { maxImportBytes } from './routes/import-routes.ts';
import { apiRoutes } from './routes/index.ts';
import { serveWebApp } from './static/serve-web-app.ts';

export const maxBodyBytes = 1024 * 1024;
const defaultSessionTtlSeconds = 12 * 60 * 60;

export interface CreateAppOptions {
  readonly store: Store;
  readonly clock?: () => Date;
  /** Served over TLS (directly or behind a terminating proxy): `Secure` cookies and HSTS. */
  readonly isSecure?: boolean;
  readonly loginThrottle?: Partial<LoginThrottleSettings>;
  readonly sessionTtlSeconds?: number;
  /** The client address for login throttling; default the socket's remote address (node server). */
  readonly clientAddress?: (c: Context<AppEnv>) => string;
  /** Where 500s are reported (with their request id); default a line on stderr. */
  readonly onInternalError?: (error: unknown, requestId: string) => void;
  /** Check every 2xx body against the route's declared response schema (tests); a mismatch is a 500. */
  readonly validateResponses?: boolean;
  /** The built web app (apps/web/dist) to serve at `/` with SPA fallback; default none (API only). */
  readonly webRoot?: string;
}

/** The remote address of the socket under @hono/node-server; "unknown" without one (app.request()). */
function socketAddress(c: Context<AppEnv>): string {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return 'unknown';
  const incoming: unknown = env.incoming;
  if (typeof incoming !== 'object' || incoming === null || !('socket' in incoming)) return 'unknown';
  const socket: unknown = incoming.socket;
  if (typeof socket !== 'object' || socket === null || !('remoteAddress' in socket)) return 'unknown';
  return typeof socket.remoteAddress === 'string' ? socket.remoteAddress : 'unknown';
}

function reportToStderr(error: unknown, requestId: string): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`mmreg-server: request ${requestId} failed: ${text}\n`);
}

/** Hono path syntax for an OpenAPI path: `/api/patients/{id}` → `/api/patients/:id`. */
export function toHonoPath(path: string): string {
  return path.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, ':$1');
}

function payloadTooLarge(limit: number): (c: Context) => Response {
  return () => {
    throw new ApiError(413, 'payload-too-large', `request body exceeds ${limit / (1024 * 1024)} MiB`, {
      issues: [{ in: 'body', path: [], message: `larger than ${limit} bytes` }],
    });
  };
}

function respond(c: Context<AppEnv>, route: ApiRoute, result: RouteResult, validate: boolean): Response {
  if (result.status === 204) return c.body(null, 204);
  if ('file' in result) {
    return c.body(result.file.bytes, 200, {
      'Content-Type': result.file.contentType,
      'Content-Disposition': `attachment; filename="${result.file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    });
  }
  if (validate) {
    const schema = route.responses[result.status]?.schema;
    if (schema === undefined) throw new Error(`${route.operationId}: no response schema for ${result.status}`);
    const checked = schema.safeParse(result.body);
    if (!checked.success) {
      throw new Error(`${route.operationId}: response does not match its schema: ${checked.error.message}`);
    }
  }
  return c.json(result.body as object, result.status);
}

export function createApp(options: CreateAppOptions): Hono<AppEnv> {
  const services: AppServices = {
    store: options.store,
    clock: options.clock ?? (() => new Date()),
    isSecure: options.isSecure ?? false,
    sessionTtlSeconds: options.sessionTtlSeconds ?? defaultSessionTtlSeconds,
    loginThrottle: { ...defaultLoginThrottle, ...options.loginThrottle },
    clientAddress: options.clientAddress ?? socketAddress,
  };
  const onInternalError = options.onInternalError ?? reportToStderr;
  const validateResponses = options.validateResponses ?? false;
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('requestId', randomUUID());
    c.set('services', services);
    c.set('authentication', null);
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Request-Id', c.get('requestId'));
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      strictTransportSecurity: services.isSecure ? 'max-age=31536000; includeSubDomains' : false,
      crossOriginResourcePolicy: 'same-origin',
      // Keep a CSP a handler set itself: web app pages set theirs (static/serve-web-app.ts).
      overwrite: false,
    }),
  );
  const smallBodies = bodyLimit({ maxSize: maxBodyBytes, onError: payloadTooLarge(maxBodyBytes) });
  const importBodies = bodyLimit({ maxSize: maxImportBytes, onError: payloadTooLarge(maxImportBytes) });
  app.use('/api/*', (c, next) => (c.req.path === '/api/imports' ? importBodies(c, next) : smallBodies(c, next)));
  app.use('/api/*', authenticate);

  for (const route of apiRoutes) {
    app.on(route.method.toUpperCase(), toHonoPath(route.path), async (c) =>
      respond(c, route, await route.handle(c), validateResponses),
    );
  }

  if (options.webRoot !== undefined) serveWebApp(app, options.webRoot);

  app.notFound((c) =>
    errorResponse(c, new ApiError(404, 'not-found', `no route ${c.req.method} ${c.req.path}`), {
      requestId: c.get('requestId'),
      onInternalError,
    }),
  );
  app.onError((error, c) => errorResponse(c, error, { requestId: c.get('requestId'), onInternalError }));
  return app;
}
