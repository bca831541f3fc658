/**
 * One declaration per API route: method, path, the zod schemas of its path parameters, query, body
 * and responses, and a thin handler. The same declaration registers the Hono route, parses and
 * validates the request (415, 400 naming every field), enforces authentication and CSRF, and
 * describes the route in the OpenAPI document — so the document and the code cannot disagree.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Authentication } from '../auth/authentication.ts';
import { checkCsrf } from '../auth/csrf.ts';
import { ApiError, validationError } from '../errors.ts';
import type { AppEnv, AppServices } from './app-env.ts';
import { type MultipartReader, readJsonBody } from './read-body.ts';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

export interface RouteResponse {
  readonly description: string;
  /** The JSON body; absent for 204. */
  readonly schema?: z.ZodType;
  /** A file download instead of JSON: the media types it may have (documented as binary). */
  readonly mediaTypes?: readonly string[];
}

/** A file the route answers with, sent as an attachment. */
export interface RouteFile {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly contentType: string;
  /** The attachment's name: letters, digits, dot, dash and underscore only. */
  readonly fileName: string;
}

export type RouteResult =
  | { readonly status: 200 | 201; readonly body: unknown }
  | { readonly status: 204 }
  | { readonly status: 200; readonly file: RouteFile };

type Parsed<TSchema> = TSchema extends z.ZodType ? z.output<TSchema> : undefined;

export interface RouteInput<TParams, TQuery, TBody, TAuth> {
  readonly c: Context<AppEnv>;
  readonly services: AppServices;
  readonly params: TParams;
  readonly query: TQuery;
  readonly body: TBody;
  readonly authentication: TAuth;
}

interface RouteSpecBase<TParams, TQuery, TBody> {
  readonly method: HttpMethod;
  /** OpenAPI style: `/api/patients/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly params?: TParams;
  readonly query?: TQuery;
  readonly body?: TBody;
  /** Accept `multipart/form-data` too, converted to the body schema's input by this reader. */
  readonly multipart?: MultipartReader;
  /** Success and the route-specific error statuses (the common ones are added by the document). */
  readonly responses: Readonly<Record<number, RouteResponse>>;
}

export interface UserRouteSpec<TParams, TQuery, TBody> extends RouteSpecBase<TParams, TQuery, TBody> {
  readonly auth: 'user';
  readonly handler: (
    input: RouteInput<Parsed<TParams>, Parsed<TQuery>, Parsed<TBody>, Authentication>,
  ) => Promise<RouteResult>;
}

export interface PublicRouteSpec<TParams, TQuery, TBody> extends RouteSpecBase<TParams, TQuery, TBody> {
  readonly auth: 'public';
  readonly handler: (
    input: RouteInput<Parsed<TParams>, Parsed<TQuery>, Parsed<TBody>, Authentication | null>,
  ) => Promise<RouteResult>;
}

/** A declared route with its types erased: what the app registers and the OpenAPI document reads. */
export interface ApiRoute extends RouteSpecBase<z.ZodType, z.ZodType, z.ZodType> {
  readonly auth: 'user' | 'public';
  readonly handle: (c: Context<AppEnv>) => Promise<RouteResult>;
}

function parsePart<TSchema extends z.ZodType | undefined>(
  schema: TSchema,
  value: unknown,
  location: 'path' | 'query' | 'body',
): Parsed<TSchema> {
  if (schema === undefined) return undefined as Parsed<TSchema>;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, location);
  return result.data as Parsed<TSchema>;
}

function requireAuthentication(c: Context<AppEnv>): Authentication {
  const authentication = c.get('authentication');
  if (authentication === null) {
    throw new ApiError(401, 'unauthenticated', 'sign in (POST /api/session) or send Authorization: Bearer <token>');
  }
  checkCsrf(c.req.method, authentication, c.req.header('X-CSRF-Token'));
  return authentication;
}

export function defineRoute<
  TParams extends z.ZodType | undefined = undefined,
  TQuery extends z.ZodType | undefined = undefined,
  TBody extends z.ZodType | undefined = undefined,
>(spec: UserRouteSpec<TParams, TQuery, TBody> | PublicRouteSpec<TParams, TQuery, TBody>): ApiRoute {
  const handle = async (c: Context<AppEnv>): Promise<RouteResult> => {
    const authentication = spec.auth === 'user' ? requireAuthentication(c) : c.get('authentication');
    const params = parsePart(spec.params as TParams, c.req.param(), 'path');
    const query = parsePart(spec.query as TQuery, c.req.query(), 'query');
    const body =
      spec.body === undefined
        ? (undefined as Parsed<TBody>)
        : parsePart(spec.body as TBody, await readJsonBody(c, spec.multipart), 'body');
    const base = { c, services: c.get('services'), params, query, body };
    if (spec.auth === 'user') {
      return spec.handler({ ...base, authentication: authentication as Authentication });
    }
    return spec.handler({ ...base, authentication });
  };
  const { handler: _handler, ...described } = spec;
  return { ...(described as RouteSpecBase<z.ZodType, z.ZodType, z.ZodType>), auth: spec.auth, handle };
}
