/**
 * The list routes the web app pages through: `GET /api/patients` with each patient's completeness over
 * every form, and `GET /api/audit` a page at a time (newest first with `order=desc`, `beforeSeq` as the
 * cursor, `hasMore`), both within the caller's centres, and both documented in the OpenAPI document.
 */
import { auditPageSchema, patientListResponseSchema } from '@mmreg/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Credentials, callApi, noCredentials, signIn } from '../test-support/api-client.ts';
import { createRegistryFixture, type RegistryFixture, usernameOf } from '../test-support/registry-fixture.ts';

let fx: RegistryFixture;
let coordinator: Credentials;
let investigatorA: Credentials;

beforeAll(async () => {
  fx = await createRegistryFixture();
  coordinator = await signIn(fx.app, usernameOf('coordinator'));
  investigatorA = await signIn(fx.app, usernameOf('investigatorA'));
}, 60_000);

afterAll(async () => {
  await fx.store.close();
});

describe('GET /api/patients', () => {
  it('answers each patient of the caller’s centres with its completeness over every form', async () => {
    const response = await callApi(fx.app, investigatorA, 'GET', '/api/patients');
    expect(response.status).toBe(200);
    const { patients } = patientListResponseSchema.parse(response.json);
    expect(patients.map((patient) => patient.centerId)).toEqual([fx.centers.A.id]);
    const [seeded] = patients;
    // The fixture's patient: an index course, three serum M-protein results and a follow-up, none marked complete.
    expect(seeded?.completeness.forms.map((form) => [form.form, form.records])).toEqual([
      ['enrolment', 1],
      ['prior-therapies', 0],
      ['courses', 1],
      ['administrations', 0],
      ['assessments', 3],
      ['adverse-events', 0],
      ['follow-up', 1],
    ]);
    expect(seeded?.completeness.forms.find((form) => form.form === 'administrations')?.status).toBe('missing');
    expect(seeded?.completeness).toMatchObject({ completeForms: 0, expectedForms: 5 });
    expect(seeded?.completeness).toEqual((await fx.store.listPatientEntries(fx.allScope))[0]?.completeness);
  });

  it('counts a form complete once every record of it is marked complete', async () => {
    const patientId = fx.patients.B.id;
    const [course] = await fx.store.listChildren(fx.allScope, patientId, 'courses');
    if (course === undefined) throw new Error('no seeded course');
    const update = await callApi(fx.app, coordinator, 'PATCH', `/api/patients/${patientId}/courses/${course.id}`, {
      body: { version: course.version, formStatus: 'complete' },
    });
    expect(update.status).toBe(200);
    const response = await callApi(fx.app, coordinator, 'GET', `/api/patients?centerId=${fx.centers.B.id}`);
    const { patients } = patientListResponseSchema.parse(response.json);
    const courses = patients[0]?.completeness.forms.find((form) => form.form === 'courses');
    expect(courses).toMatchObject({ status: 'complete', records: 1, complete: 1 });
    expect(patients[0]?.completeness.completeForms).toBe(1);
  });
});

describe('GET /api/audit', () => {
  it('pages the trail newest first: beforeSeq of the last record gives the next page until hasMore is false', async () => {
    const all = auditPageSchema.parse((await callApi(fx.app, coordinator, 'GET', '/api/audit?limit=1000')).json);
    expect(all.hasMore).toBe(false);
    const seen: number[] = [];
    let path = '/api/audit?order=desc&limit=7';
    for (let guard = 0; guard < 100; guard += 1) {
      const page = auditPageSchema.parse((await callApi(fx.app, coordinator, 'GET', path)).json);
      seen.push(...page.records.map((record) => record.seq));
      if (!page.hasMore) break;
      path = `/api/audit?order=desc&limit=7&beforeSeq=${page.records.at(-1)?.seq}`;
    }
    expect(seen).toEqual(all.records.map((record) => record.seq).reverse());
  });

  it('keeps a centre investigator’s pages to the centre’s records, also for one patient', async () => {
    const page = auditPageSchema.parse(
      (await callApi(fx.app, investigatorA, 'GET', '/api/audit?order=desc&limit=1000')).json,
    );
    expect(page.records.length).toBeGreaterThan(0);
    expect(page.records.every((record) => record.centerId === fx.centers.A.id)).toBe(true);
    const other = await callApi(fx.app, investigatorA, 'GET', `/api/audit?order=desc&patientId=${fx.patients.B.id}`);
    expect(other.status).toBe(404);
  });

  it('refuses a malformed cursor or order with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['beforeSeq=abc', 'beforeSeq'],
      ['order=sideways', 'order'],
    ] as const) {
      const response = await callApi(fx.app, coordinator, 'GET', `/api/audit?${query}`);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.json)).toContain(field);
    }
  });
});

describe('GET /api/openapi.json (list routes)', () => {
  it('documents the audit paging parameters and the patients’ completeness', async () => {
    const document = (await callApi(fx.app, noCredentials, 'GET', '/api/openapi.json')).json as {
      paths: Record<string, { get?: { parameters: { name: string }[]; responses: Record<string, unknown> } }>;
    };
    const audit = document.paths['/api/audit']?.get;
    expect(audit?.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['patientId', 'afterSeq', 'beforeSeq', 'order', 'limit']),
    );
    expect(JSON.stringify(audit?.responses['200'])).toContain('hasMore');
    const patients = document.paths['/api/patients']?.get;
    const answer = JSON.stringify(patients?.responses['200']) + JSON.stringify(document);
    expect(answer).toContain('completeness');
    expect(answer).toContain('expectedForms');
  });
});
