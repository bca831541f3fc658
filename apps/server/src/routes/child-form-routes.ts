/**
 * The repeating forms of a patient (assessments, adverse events, courses, follow-up, prior
 * therapies, administrations): one set of four routes per form in `childForms`, so a form added
 * to the contracts gets its routes, its OpenAPI entries and its isolation-matrix rows at once.
 */
import { type ChildCreate, type ChildFormKind, type ChildUpdate, childFormKinds, childForms } from '@mmreg/contracts';
import { z } from 'zod';
import { childParams, deleteQuery, idParams, studyQuery } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { actorOf } from './actor.ts';
import { scopeForPatient } from './patient-scope.ts';

/** `assessments` → `Assessments`, `follow-up` → `FollowUp` (operation ids). */
function pascal(kind: ChildFormKind): string {
  return kind
    .split('-')
    .map((part) => `${part.charAt(0).toUpperCase()}${part.slice(1)}`)
    .join('');
}

function routesOf<TKind extends ChildFormKind>(kind: TKind): ApiRoute[] {
  const form = childForms[kind];
  const name = pascal(kind);
  const collection = `/api/patients/{id}/${kind}`;
  const item = `${collection}/{recordId}`;
  const recordSchema = form.record as z.ZodType;
  // Indexing `childForms` with a generic kind gives the union of every form's schema; the schema of
  // kind K parses exactly ChildCreate<K> / ChildUpdate<K>, which the compiler cannot follow.
  const createSchema = form.create as unknown as z.ZodType<ChildCreate<TKind>>;
  const updateSchema = form.update as unknown as z.ZodType<ChildUpdate<TKind>>;
  const list = defineRoute({
    method: 'get',
    path: collection,
    operationId: `list${name}`,
    summary: `A patient's ${form.label} records`,
    tag: kind,
    auth: 'user',
    params: idParams,
    query: studyQuery,
    responses: {
      200: { description: `${form.label} records`, schema: z.object({ records: z.array(recordSchema) }) },
      404: { description: 'No such patient in the caller’s centres' },
    },
    handler: async ({ services, params, query, authentication }) => {
      const scope = await scopeForPatient(services.store, authentication.user, params.id, query.study);
      return { status: 200, body: { records: await services.store.listChildren(scope, params.id, kind) } };
    },
  });
  const create = defineRoute({
    method: 'post',
    path: collection,
    operationId: `create${name}`,
    summary: `Add a ${form.label} record`,
    tag: kind,
    auth: 'user',
    params: idParams,
    query: studyQuery,
    body: createSchema,
    responses: {
      201: { description: `The new ${form.label} record`, schema: recordSchema },
      403: { description: 'The caller may read but not write this patient (monitor)' },
      404: { description: 'No such patient in the caller’s centres' },
      422: { description: 'Inconsistent with stored data (e.g. a course of another patient)' },
    },
    handler: async ({ services, params, query, body, authentication }) => {
      const scope = await scopeForPatient(services.store, authentication.user, params.id, query.study);
      const record = await services.store.createChild(scope, params.id, kind, body, {
        actor: actorOf(authentication),
        reason: body.reason,
      });
      return { status: 201, body: record };
    },
  });
  const update = defineRoute({
    method: 'patch',
    path: item,
    operationId: `update${name}`,
    summary: `Change a ${form.label} record (names the version it read)`,
    tag: kind,
    auth: 'user',
    params: childParams,
    query: studyQuery,
    body: updateSchema,
    responses: {
      200: { description: `The updated ${form.label} record`, schema: recordSchema },
      403: { description: 'The caller may read but not write this patient (monitor)' },
      404: { description: 'No such patient or record in the caller’s centres' },
      409: { description: 'Stale version: the record changed since it was read' },
      422: { description: 'The form is complete and no reason was given, or the change is inconsistent' },
    },
    handler: async ({ services, params, query, body, authentication }) => {
      const scope = await scopeForPatient(services.store, authentication.user, params.id, query.study);
      const record = await services.store.updateChild(scope, params.id, kind, params.recordId, body, {
        actor: actorOf(authentication),
        reason: body.reason,
      });
      return { status: 200, body: record };
    },
  });
  const remove = defineRoute({
    method: 'delete',
    path: item,
    operationId: `delete${name}`,
    summary: `Delete a ${form.label} record (?version= it read; ?reason= when the form is complete)`,
    tag: kind,
    auth: 'user',
    params: childParams,
    query: deleteQuery,
    responses: {
      204: { description: 'Deleted' },
      403: { description: 'The caller may read but not write this patient (monitor)' },
      404: { description: 'No such patient or record in the caller’s centres' },
      409: { description: 'Stale version' },
      422: { description: 'The form is complete and no reason was given' },
    },
    handler: async ({ services, params, query, authentication }) => {
      const scope = await scopeForPatient(services.store, authentication.user, params.id, query.study);
      await services.store.deleteChild(scope, params.id, kind, params.recordId, {
        actor: actorOf(authentication),
        version: query.version,
        reason: query.reason,
      });
      return { status: 204 };
    },
  });
  return [list, create, update, remove];
}

export const childFormRoutes: readonly ApiRoute[] = childFormKinds.flatMap((kind) => routesOf(kind));
