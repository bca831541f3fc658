/**
 * The OpenAPI 3.1 document, generated from the route declarations and their zod schemas with zod 4's
 * `z.toJSONSchema` (JSON Schema 2020-12, the dialect OpenAPI 3.1 uses): every route with its path and
 * query parameters, request body, responses and the one error shape. Nothing here is hand-written
 * per route, so the document cannot drift from the code.
 */
import { z } from 'zod';
import { apiErrorBodySchema } from './errors.ts';
import type { ApiRoute } from './http/define-route.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (schema === undefined) return [];
  const object = jsonSchemaOf(schema, 'input');
  const properties = (object['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

const errorRef = { $ref: '#/components/schemas/Error' } as const;

function errorResponse(description: string): JsonSchema {
  return { description, content: { 'application/json': { schema: errorRef } } };
}

/** The statuses every route of its kind can answer, besides the ones it declares. */
function commonResponses(route: ApiRoute): Record<string, JsonSchema> {
  const isWrite = route.method !== 'get';
  const hasInput = route.params !== undefined || route.query !== undefined || route.body !== undefined;
  return {
    ...(hasInput ? { 400: errorResponse('The request does not match its schema; `issues` names every field') } : {}),
    ...(route.auth === 'user' ? { 401: errorResponse('No valid session cookie or bearer token') } : {}),
    ...(route.auth === 'user' && isWrite
      ? { 403: errorResponse('Cookie-authenticated write without a matching X-CSRF-Token, or not allowed') }
      : {}),
    ...(route.body === undefined
      ? {}
      : {
          413: errorResponse('Body larger than the limit (1 MiB; imports 20 MiB)'),
          415: errorResponse('Content-Type is not application/json'),
        }),
    500: errorResponse('Unexpected error; quote the request id'),
  };
}

function operationOf(route: ApiRoute): JsonSchema {
  const responses: Record<string, JsonSchema> = { ...commonResponses(route) };
  for (const [status, response] of Object.entries(route.responses)) {
    if (response.mediaTypes !== undefined) {
      responses[status] = {
        description: response.description,
        content: Object.fromEntries(
          response.mediaTypes.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
        ),
      };
      continue;
    }
    responses[status] =
      response.schema === undefined
        ? Number(status) >= 400
          ? errorResponse(response.description)
          : { description: response.description }
        : {
            description: response.description,
            content: { 'application/json': { schema: jsonSchemaOf(response.schema, 'output') } },
          };
  }
  const isWrite = route.method !== 'get';
  const csrfHeader =
    route.auth === 'user' && isWrite
      ? [
          {
            name: 'X-CSRF-Token',
            in: 'header',
            required: false,
            description: 'Required when authenticated by the session cookie; not with a bearer token',
            schema: { type: 'string' },
          },
        ]
      : [];
  const content: Record<string, JsonSchema> = {};
  if (route.body !== undefined) {
    content['application/json'] = { schema: jsonSchemaOf(route.body, 'input') };
    if (route.multipart !== undefined) {
      content['multipart/form-data'] = {
        schema: {
          type: 'object',
          description: 'One part per file; an optional `dryRun` field (true/false)',
          properties: { dryRun: { type: 'string', enum: ['true', 'false'] } },
          additionalProperties: { type: 'string', contentMediaType: 'application/octet-stream' },
        },
      };
    }
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [route.tag],
    security: route.auth === 'user' ? [{ sessionCookie: [] }, { bearerToken: [] }] : [],
    parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query'), ...csrfHeader],
    ...(route.body === undefined ? {} : { requestBody: { required: true, content } }),
    responses,
  };
}

export function buildOpenApiDocument(routes: readonly ApiRoute[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonSchema>)[route.method] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'mmreg registry API',
      version: '0.1.0',
      description:
        'Multicentre registry: centre isolation (another centre’s patient is 404), hash-chained audit trail, optimistic concurrency (stale version is 409), all-or-nothing imports.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchemaOf(apiErrorBodySchema, 'output') },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'mmreg_session' },
        bearerToken: { type: 'http', scheme: 'bearer', description: 'Personal API token (POST /api/tokens)' },
      },
    },
  };
}
