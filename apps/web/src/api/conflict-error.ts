/** A 409 on an update, with both versions so the form can show them side by side. */
import { ApiRequestError } from './api-error.ts';

export class ConflictError<TValues, TRecord> extends Error {
  readonly yours: TValues;
  readonly server: TRecord;

  constructor(yours: TValues, server: TRecord) {
    super('someone else saved this form since you opened it');
    this.name = 'ConflictError';
    this.yours = yours;
    this.server = server;
  }
}

export function isConflictError(error: unknown): error is ConflictError<unknown, unknown> {
  return error instanceof ConflictError;
}

/**
 * Runs an update; on a stale-version 409 (code `conflict`, not `duplicate`) reads the server's
 * current record and throws a `ConflictError` holding both versions.
 */
export async function updateOrConflict<TValues, TRecord>(
  yours: TValues,
  send: () => Promise<TRecord>,
  readCurrent: () => Promise<TRecord>,
): Promise<TRecord> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 409 && error.code === 'conflict') {
      throw new ConflictError(yours, await readCurrent());
    }
    throw error;
  }
}
