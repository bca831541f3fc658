/** @mmreg/server: the registry's HTTP API (README.md). */
export { type CreateAppOptions, createApp, maxBodyBytes } from './app.ts';
export { type ApiErrorBody, type ApiErrorCode, apiErrorBodySchema, storeErrorStatus } from './errors.ts';
export type { LoginThrottleSettings } from './http/app-env.ts';
export { buildOpenApiDocument } from './openapi.ts';
export { apiRoutes } from './routes/index.ts';
export { type ServerHandle, type StartServerOptions, startServer } from './server.ts';
