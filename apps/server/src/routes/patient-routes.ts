/**
 * Patients (the enrolment and diagnosis form): list, register, read, update. Creating a patient at
 * a centre of the study where the caller cannot write is 403 ("you cannot register patients at
 * that centre"); a centre that is not in the study is 422 naming `centerId`. Moving a patient to
 * another centre is not an update: the strict update schema refuses `centerId` (400).
 */
import { patientCreateSchema, patientSchema, patientUpdateSchema } from '@mmreg/contracts';
import { canWriteCenter, scopeForRequest } from '../auth/access-scope.ts';
import { ApiError } from '../errors.ts';
import { idParams, patientListQuery, patientListResponse, studyQuery } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { actorOf } from './actor.ts';
import { scopeForPatient } from './patient-scope.ts';

const listPatients = defineRoute({
  method: 'get',
  path: '/api/patients',
  operationId: 'listPatients',
  summary:
    "The patients of the caller's centres (all centres for the coordinator), each with its completeness over every form",
  tag: 'patients',
  auth: 'user',
  query: patientListQuery,
  responses: {
    200: { description: 'Patients in scope, with n complete of m expected forms each', schema: patientListResponse },
  },
  handler: async ({ services, query, authentication }) => {
    const scope = scopeForRequest(authentication.user, query.study);
    const patients = await services.store.listPatientEntries(
      scope,
      query.centerId === undefined ? {} : { centerId: query.centerId },
    );
    return { status: 200, body: { patients } };
  },
});

const createPatient = defineRoute({
  method: 'post',
  path: '/api/patients',
  operationId: 'createPatient',
  summary: 'Register a patient at one of the caller’s centres',
  tag: 'patients',
  auth: 'user',
  query: studyQuery,
  body: patientCreateSchema,
  responses: {
    201: { description: 'The registered patient', schema: patientSchema },
    403: { description: 'The centre is in the study but the caller cannot write there' },
    409: { description: 'The patient code is already used in the study' },
    422: { description: 'No such centre in the study' },
  },
  handler: async ({ services, query, body, authentication }) => {
    const scope = scopeForRequest(authentication.user, query.study);
    const centers = await services.store.listCenters(scope.studyId);
    if (!centers.some((center) => center.id === body.centerId)) {
      throw new ApiError(422, 'invalid', `centre ${body.centerId} is not a centre of this study`, {
        issues: [{ in: 'body', path: ['centerId'], message: 'not a centre of this study' }],
      });
    }
    if (!canWriteCenter(scope, body.centerId)) {
      throw new ApiError(403, 'forbidden', 'you cannot register patients at that centre', {
        issues: [{ in: 'body', path: ['centerId'], message: 'you cannot register patients at that centre' }],
      });
    }
    const patient = await services.store.createPatient(scope, body, {
      actor: actorOf(authentication),
      reason: body.reason,
    });
    return { status: 201, body: patient };
  },
});

const getPatient = defineRoute({
  method: 'get',
  path: '/api/patients/{id}',
  operationId: 'getPatient',
  summary: 'One patient',
  tag: 'patients',
  auth: 'user',
  params: idParams,
  query: studyQuery,
  responses: {
    200: { description: 'The patient', schema: patientSchema },
    404: { description: 'No such patient in the caller’s centres' },
  },
  handler: async ({ services, params, query, authentication }) => {
    const scope = await scopeForPatient(services.store, authentication.user, params.id, query.study);
    return { status: 200, body: await services.store.getPatient(scope, params.id) };
  },
});

const updatePatient = defineRoute({
  method: 'patch',
  path: '/api/patients/{id}',
  operationId: 'updatePatient',
  summary: 'Change fields of a patient (names the version it read)',
  tag: 'patients',
  auth: 'user',
  params: idParams,
  query: studyQuery,
  body: patientUpdateSchema,
  responses: {
    200: { description: 'The updated patient', schema: patientSchema },
    403: { description: 'The caller may read but not write this patient (monitor)' },
    404: { description: 'No such patient in the caller’s centres' },
    409: { description: 'Stale version: someone changed the patient since it was read' },
    422: { description: 'The form is complete and no reason was given' },
  },
  handler: async ({ services, params, query, body, authentication }) => {
    const scope = await scopeForPatient(services.store, authentication.user, params.id, query.study);
    const patient = await services.store.updatePatient(scope, params.id, body, {
      actor: actorOf(authentication),
      reason: body.reason,
    });
    return { status: 200, body: patient };
  },
});

export const patientRoutes: readonly ApiRoute[] = [listPatients, createPatient, getPatient, updatePatient];
