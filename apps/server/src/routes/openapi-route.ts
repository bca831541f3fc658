/** `GET /api/openapi.json`: the OpenAPI 3.1 document of every route, generated from the route declarations. */
import { z } from 'zod';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { buildOpenApiDocument } from '../openapi.ts';

export function openApiRoute(routes: () => readonly ApiRoute[]): ApiRoute {
  let document: unknown = null;
  return defineRoute({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document (OpenAPI 3.1)',
    tag: 'meta',
    auth: 'public',
    responses: {
      200: { description: 'The OpenAPI 3.1 document', schema: z.looseObject({ openapi: z.literal('3.1.0') }) },
    },
    handler: async () => {
      document ??= buildOpenApiDocument(routes());
      return { status: 200, body: document };
    },
  });
}
