/** The OpenAPI 3.1 document: every route, its parameters, bodies, responses and the error shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoutes } from './routes/index.ts';
import { callApi, noCredentials } from './test-support/api-client.ts';
import { createRegistryFixture, type RegistryFixture } from './test-support/registry-fixture.ts';

let fx: RegistryFixture;
let document: Record<string, unknown>;

beforeAll(async () => {
  fx = await createRegistryFixture();
  const response = await callApi(fx.app, noCredentials, 'GET', '/api/openapi.json');
  expect(response.status).toBe(200);
  document = response.json as Record<string, unknown>;
}, 60_000);

afterAll(async () => {
  await fx.store.close();
});

/** The parts of the OpenAPI 3.1 structure the document must have (spec §4.8). */
const mediaType = z.strictObject({ schema: z.record(z.string(), z.unknown()) });
const responseObject = z.strictObject({
  description: z.string().min(1),
  content: z.record(z.string(), mediaType).optional(),
});
const parameter = z.strictObject({
  name: z.string().min(1),
  in: z.enum(['path', 'query', 'header', 'cookie']),
  required: z.boolean(),
  description: z.string().optional(),
  schema: z.record(z.string(), z.unknown()),
});
const operation = z.strictObject({
  operationId: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
  summary: z.string().min(1),
  description: z.string().optional(),
  tags: z.array(z.string()).min(1),
  security: z.array(z.record(z.string(), z.array(z.string()))),
  parameters: z.array(parameter),
  requestBody: z.strictObject({ required: z.boolean(), content: z.record(z.string(), mediaType) }).optional(),
  responses: z.record(z.string().regex(/^[1-5][0-9]{2}$/), responseObject),
});
const openApi31 = z.strictObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.strictObject({ title: z.string().min(1), version: z.string().min(1), description: z.string().optional() }),
  jsonSchemaDialect: z.string().url(),
  servers: z.array(z.strictObject({ url: z.string() })),
  paths: z.record(
    z.string().regex(/^\//),
    z.partialRecord(z.enum(['get', 'post', 'patch', 'delete', 'put']), operation),
  ),
  components: z.strictObject({
    schemas: z.record(z.string(), z.record(z.string(), z.unknown())),
    securitySchemes: z.record(z.string(), z.record(z.string(), z.unknown())),
  }),
});

function collectRefs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') into.push(item);
      else collectRefs(item, into);
    }
  }
  return into;
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 structure when parsed', () => {
    const parsed = openApi31.safeParse(document);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('lists every registered route with its method when compared with the route table', () => {
    const parsed = openApi31.parse(document);
    const documented = Object.entries(parsed.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(apiRoutes.map((route) => `${route.method.toUpperCase()} ${route.path}`).sort());
    const ids = apiRoutes.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares every path parameter of a templated path as required', () => {
    const parsed = openApi31.parse(document);
    for (const [path, methods] of Object.entries(parsed.paths)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const op of Object.values(methods)) {
        const declared = op.parameters.filter((entry) => entry.in === 'path');
        expect(declared.map((entry) => entry.name).sort()).toEqual([...templated].sort());
        expect(declared.every((entry) => entry.required)).toBe(true);
      }
    }
  });

  it('gives every operation a 2xx answer and the shared error shape for its 4xx and 5xx answers', () => {
    const parsed = openApi31.parse(document);
    for (const methods of Object.values(parsed.paths)) {
      for (const op of Object.values(methods)) {
        const statuses = Object.keys(op.responses);
        expect(statuses.some((status) => status.startsWith('2'))).toBe(true);
        expect(statuses).toContain('500');
        for (const status of statuses.filter((entry) => Number(entry) >= 400)) {
          expect(op.responses[status]?.content?.['application/json']?.schema).toEqual({
            $ref: '#/components/schemas/Error',
          });
        }
      }
    }
  });

  it('resolves every $ref inside the document', () => {
    const parsed = openApi31.parse(document);
    for (const ref of collectRefs(document)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(parsed.components.schemas[ref.slice('#/components/schemas/'.length)]).toBeDefined();
    }
  });

  it('describes the patient body from the shared zod schema, strict and with its required fields', () => {
    const parsed = openApi31.parse(document);
    const body = parsed.paths['/api/patients']?.['post']?.requestBody?.content['application/json']?.schema as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { type?: unknown }>;
    };
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(expect.arrayContaining(['code', 'centerId', 'diagnosisDate']));
    expect(body.required).not.toContain('reason');
    const update = parsed.paths['/api/patients/{id}']?.['patch']?.requestBody?.content['application/json']?.schema as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(update.properties)).not.toContain('centerId');
  });

  it('documents the study query of the patient list as optional and the delete version as required', () => {
    const parsed = openApi31.parse(document);
    const list = parsed.paths['/api/patients']?.['get']?.parameters ?? [];
    expect(list.find((entry) => entry.name === 'study')).toMatchObject({ in: 'query', required: false });
    const remove = parsed.paths['/api/patients/{id}/courses/{recordId}']?.['delete']?.parameters ?? [];
    expect(remove.find((entry) => entry.name === 'version')).toMatchObject({ in: 'query', required: true });
  });
});
