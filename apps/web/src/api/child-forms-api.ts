/** The repeating forms of a patient (`/api/patients/{id}/{kind}`), one generic client for all six. */
import { type ChildCreate, type ChildFormKind, type ChildRecord, type ChildUpdate, childForms } from '@mmreg/contracts';
import { z } from 'zod';
import { ApiRequestError } from './api-error.ts';
import { updateOrConflict } from './conflict-error.ts';
import { requestJson } from './http-client.ts';

// Indexing `childForms` with a generic kind gives the union of every form's schema; the schema of
// kind K parses exactly ChildRecord<K>, which the compiler cannot follow (as in the server's routes).
function recordSchemaOf<TKind extends ChildFormKind>(kind: TKind): z.ZodType<ChildRecord<TKind>> {
  return childForms[kind].record as unknown as z.ZodType<ChildRecord<TKind>>;
}

export async function fetchChildren<TKind extends ChildFormKind>(
  patientId: number,
  kind: TKind,
): Promise<ChildRecord<TKind>[]> {
  const schema = z.object({ records: z.array(recordSchemaOf(kind)) });
  return (await requestJson('GET', `/api/patients/${patientId}/${kind}`, { schema })).records;
}

export function createChild<TKind extends ChildFormKind>(
  patientId: number,
  kind: TKind,
  input: ChildCreate<TKind>,
): Promise<ChildRecord<TKind>> {
  return requestJson('POST', `/api/patients/${patientId}/${kind}`, { schema: recordSchemaOf(kind), body: input });
}

async function fetchChild<TKind extends ChildFormKind>(
  patientId: number,
  kind: TKind,
  recordId: number,
): Promise<ChildRecord<TKind>> {
  const current = (await fetchChildren(patientId, kind)).find((record) => record.id === recordId);
  if (current === undefined) throw new ApiRequestError(404, 'not-found', 'the record was deleted by someone else');
  return current;
}

/** Updates; a stale version throws `ConflictError` with the server's current record. */
export function updateChild<TKind extends ChildFormKind>(
  patientId: number,
  kind: TKind,
  recordId: number,
  update: ChildUpdate<TKind>,
): Promise<ChildRecord<TKind>> {
  return updateOrConflict(
    update,
    () =>
      requestJson('PATCH', `/api/patients/${patientId}/${kind}/${recordId}`, {
        schema: recordSchemaOf(kind),
        body: update,
      }),
    () => fetchChild(patientId, kind, recordId),
  );
}

export function deleteChild(
  patientId: number,
  kind: ChildFormKind,
  record: { readonly id: number; readonly version: number },
  reason: string | undefined,
): Promise<undefined> {
  return requestJson('DELETE', `/api/patients/${patientId}/${kind}/${record.id}`, {
    schema: z.undefined(),
    query: { version: record.version, reason },
  });
}
