/**
 * Reads a request body as JSON (or, where a route allows it, multipart form data): a wrong media
 * type is 415, text that is not JSON is 400 naming the parse problem. The size limit is enforced
 * before this by the body-limit middleware (413).
 */
import type { Context } from 'hono';
import { ApiError } from '../errors.ts';
import type { AppEnv } from './app-env.ts';

/** How a multipart form becomes the JSON value the body schema validates. */
export type MultipartReader = (form: FormData) => Promise<unknown>;

const jsonType = /^application\/json\s*(;.*)?$/i;
const multipartType = /^multipart\/form-data\s*;/i;

export async function readJsonBody(c: Context<AppEnv>, multipart: MultipartReader | undefined): Promise<unknown> {
  const contentType = c.req.header('Content-Type') ?? '';
  if (multipart !== undefined && multipartType.test(contentType)) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch (error) {
      throw new ApiError(400, 'malformed-json', `multipart body could not be read: ${describe(error)}`, {
        issues: [{ in: 'body', path: [], message: 'not a readable multipart/form-data body' }],
      });
    }
    return multipart(form);
  }
  if (!jsonType.test(contentType)) {
    const accepted = multipart === undefined ? 'application/json' : 'application/json or multipart/form-data';
    throw new ApiError(
      415,
      'unsupported-media-type',
      `Content-Type ${contentType === '' ? '(none)' : `"${contentType.slice(0, 100)}"`} is not accepted: send ${accepted}`,
      { issues: [{ in: 'header', path: ['Content-Type'], message: `expected ${accepted}` }] },
    );
  }
  const text = await c.req.text();
  if (text.trim() === '') {
    throw new ApiError(400, 'malformed-json', 'request body is empty: send a JSON object', {
      issues: [{ in: 'body', path: [], message: 'empty body' }],
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(400, 'malformed-json', `request body is not valid JSON: ${describe(error)}`, {
      issues: [{ in: 'body', path: [], message: `not valid JSON: ${describe(error)}` }],
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : 'unreadable';
}
