/**
 * Write semantics through the API: optimistic concurrency (a stale version is 409 and nothing is
 * lost), the reason rule for complete forms (422 naming `reason`), the centre rules of patient
 * registration, validation naming fields, and the scoped analysis numbers.
 */
import { patientSchema } from '@mmreg/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryAnalysisSchema } from './analysis/analysis-schema.ts';
import { apiErrorBodySchema } from './errors.ts';
import { type Credentials, callApi, signIn } from './test-support/api-client.ts';
import {
  childBody,
  createRegistryFixture,
  nextPatientCode,
  patientBody,
  type RegistryFixture,
  usernameOf,
} from './test-support/registry-fixture.ts';

let fx: RegistryFixture;
let investigatorA: Credentials;
let coordinator: Credentials;

beforeAll(async () => {
  fx = await createRegistryFixture();
  investigatorA = await signIn(fx.app, usernameOf('investigatorA'));
  coordinator = await signIn(fx.app, usernameOf('coordinator'));
}, 60_000);

afterAll(async () => {
  await fx.store.close();
});

const issuePaths = (json: unknown) => apiErrorBodySchema.parse(json).error.issues?.map((issue) => issue.path.join('.'));

describe('PATCH /api/patients/{id}', () => {
  it('answers 409 and keeps the stored patient when the version is stale', async () => {
    const id = fx.patients.A.id;
    const first = await fx.store.getPatient(fx.allScope, id);
    const winner = await callApi(fx.app, investigatorA, 'PATCH', `/api/patients/${id}`, {
      body: { version: first.version, hemoglobinGPerDl: 10.2 },
    });
    expect(winner.status).toBe(200);
    const stored = await fx.store.getPatient(fx.allScope, id);
    const hash = await fx.store.contentHash();
    const loser = await callApi(fx.app, coordinator, 'PATCH', `/api/patients/${id}`, {
      body: { version: first.version, hemoglobinGPerDl: 7.7 },
    });
    expect(loser.status).toBe(409);
    expect(apiErrorBodySchema.parse(loser.json).error.code).toBe('conflict');
    expect(await fx.store.getPatient(fx.allScope, id)).toEqual(stored);
    expect(stored.hemoglobinGPerDl).toBe(10.2);
    expect(await fx.store.contentHash()).toBe(hash);
  });

  it('answers 400 naming centerId when an update tries to move the patient', async () => {
    const current = await fx.store.getPatient(fx.allScope, fx.patients.A.id);
    const response = await callApi(fx.app, coordinator, 'PATCH', `/api/patients/${current.id}`, {
      body: { version: current.version, centerId: fx.centers.B.id },
    });
    expect(response.status).toBe(400);
    expect(issuePaths(response.json)).toEqual(['centerId']);
    expect((await fx.store.getPatient(fx.allScope, current.id)).centerId).toBe(fx.centers.A.id);
  });

  it('answers 422 naming reason when a complete form is changed without one, and 200 with one', async () => {
    const created = await callApi(fx.app, investigatorA, 'POST', '/api/patients', {
      body: { ...patientBody(nextPatientCode('A'), fx.centers.A.id), formStatus: 'complete' },
    });
    expect(created.status).toBe(201);
    const patient = patientSchema.parse(created.json);
    expect(patient.formStatus).toBe('complete');
    const hash = await fx.store.contentHash();
    const refused = await callApi(fx.app, investigatorA, 'PATCH', `/api/patients/${patient.id}`, {
      body: { version: patient.version, birthYear: 1949 },
    });
    expect(refused.status).toBe(422);
    expect(apiErrorBodySchema.parse(refused.json).error.code).toBe('reason-required');
    expect(issuePaths(refused.json)).toEqual(['reason']);
    expect(await fx.store.contentHash()).toBe(hash);
    const accepted = await callApi(fx.app, investigatorA, 'PATCH', `/api/patients/${patient.id}`, {
      body: { version: patient.version, birthYear: 1949, reason: 'transcription error in the CRF' },
    });
    expect(accepted.status).toBe(200);
    const audit = await callApi(fx.app, investigatorA, 'GET', `/api/audit?patientId=${patient.id}`);
    const records = (audit.json as { records: { action: string; reason: string | null }[] }).records;
    expect(records.at(-1)).toMatchObject({ action: 'update', reason: 'transcription error in the CRF' });
  });
});

describe('PATCH and DELETE of a repeating form', () => {
  it('answers 409 and keeps the record when the version is stale', async () => {
    const patientId = fx.patients.A.id;
    const created = await callApi(fx.app, investigatorA, 'POST', `/api/patients/${patientId}/adverse-events`, {
      body: childBody('adverse-events', fx.courses.A),
    });
    expect(created.status).toBe(201);
    const record = created.json as { id: number; version: number };
    const updated = await callApi(
      fx.app,
      investigatorA,
      'PATCH',
      `/api/patients/${patientId}/adverse-events/${record.id}`,
      {
        body: { version: record.version, grade: 3 },
      },
    );
    expect(updated.status).toBe(200);
    const hash = await fx.store.contentHash();
    const stalePatch = await callApi(
      fx.app,
      coordinator,
      'PATCH',
      `/api/patients/${patientId}/adverse-events/${record.id}`,
      {
        body: { version: record.version, grade: 1 },
      },
    );
    const staleDelete = await callApi(
      fx.app,
      coordinator,
      'DELETE',
      `/api/patients/${patientId}/adverse-events/${record.id}?version=${record.version}`,
    );
    expect([stalePatch.status, staleDelete.status]).toEqual([409, 409]);
    expect(await fx.store.contentHash()).toBe(hash);
    const list = await callApi(fx.app, coordinator, 'GET', `/api/patients/${patientId}/adverse-events`);
    expect((list.json as { records: { id: number; grade: number }[] }).records).toContainEqual(
      expect.objectContaining({ id: record.id, grade: 3 }),
    );
  });

  it('answers 422 naming reason when a complete record is deleted without one', async () => {
    const patientId = fx.patients.A.id;
    const created = await callApi(fx.app, investigatorA, 'POST', `/api/patients/${patientId}/follow-up`, {
      body: { ...childBody('follow-up', 0), formStatus: 'complete' },
    });
    const record = created.json as { id: number; version: number };
    const path = `/api/patients/${patientId}/follow-up/${record.id}?version=${record.version}`;
    const refused = await callApi(fx.app, investigatorA, 'DELETE', path);
    expect(refused.status).toBe(422);
    expect(issuePaths(refused.json)).toEqual(['reason']);
    expect((await callApi(fx.app, investigatorA, 'DELETE', `${path}&reason=entered twice`)).status).toBe(204);
  });

  it('answers 400 naming the field when a laboratory row has a unit the test does not accept', async () => {
    const response = await callApi(fx.app, investigatorA, 'POST', `/api/patients/${fx.patients.A.id}/assessments`, {
      body: { date: '2006-05-02', test: 'serum_m_protein', value: 1, result: null, unit: 'furlongs' },
    });
    expect(response.status).toBe(400);
    expect(issuePaths(response.json)).toEqual(['unit']);
  });
});

describe('POST /api/patients', () => {
  it('answers 403 when the centre is in the study but the caller cannot write there', async () => {
    const response = await callApi(fx.app, investigatorA, 'POST', '/api/patients', {
      body: patientBody(nextPatientCode('B'), fx.centers.B.id),
    });
    expect(response.status).toBe(403);
    expect(apiErrorBodySchema.parse(response.json).error.message).toBe('you cannot register patients at that centre');
  });

  it('answers 422 naming centerId when the centre is not in the study', async () => {
    const response = await callApi(fx.app, coordinator, 'POST', '/api/patients', {
      body: patientBody(nextPatientCode('A'), 999_999),
    });
    expect(response.status).toBe(422);
    expect(issuePaths(response.json)).toEqual(['centerId']);
  });

  it('answers 409 when the code is already used in the same centre', async () => {
    const response = await callApi(fx.app, coordinator, 'POST', '/api/patients', {
      body: patientBody(fx.patients.A.code, fx.centers.A.id),
    });
    expect(response.status).toBe(409);
    expect(apiErrorBodySchema.parse(response.json).error.code).toBe('duplicate');
  });

  it('registers a code another centre also uses, revealing nothing about the other centre', async () => {
    const response = await callApi(fx.app, coordinator, 'POST', '/api/patients', {
      body: patientBody(fx.patients.B.code, fx.centers.A.id),
    });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ code: fx.patients.B.code, centerId: fx.centers.A.id });
  });

  it('answers 400 naming study when the study query is not an id', async () => {
    const response = await callApi(fx.app, coordinator, 'GET', '/api/patients?study=abc');
    expect(response.status).toBe(400);
    expect(apiErrorBodySchema.parse(response.json).error.issues?.[0]).toMatchObject({ in: 'query', path: ['study'] });
  });

  it('answers 404 when the query names a study the caller is not a member of', async () => {
    expect((await callApi(fx.app, coordinator, 'GET', `/api/patients?study=${fx.studyId + 100}`)).status).toBe(404);
  });
});

describe('GET /api/studies/{id}/analysis', () => {
  const analysisOf = async (credentials: Credentials) =>
    registryAnalysisSchema.parse(
      (await callApi(fx.app, credentials, 'GET', `/api/studies/${fx.studyId}/analysis`)).json,
    );

  it('computes ORR with Clopper–Pearson limits over the caller’s patients only', async () => {
    const investigatorB = await signIn(fx.app, usernameOf('investigatorB'));
    const centreB = await analysisOf(investigatorB);
    if (centreB.status !== 'analysed') throw new Error(`centre B not analysed: ${centreB.message}`);
    // Centre B has only its seeded patient: PR (3.2 → 1.4 → 1.3 g/dL, ≥ 50 % reduction, confirmed).
    expect(centreB.scope).toMatchObject({ isStudyWide: false, centers: [{ code: 'CTR-B', patients: 1 }] });
    expect(centreB.results.study).toMatchObject({ id: 'PCL-REG', patients: 1 });
    expect(centreB.results.response).toMatchObject({ n: 1, responders: 1 });
    expect(centreB.results.response.counts['PR']).toBe(1);
    expect(centreB.results.response.orr.upper).toBe(1);
    // R: binom.test(1, 1)$conf.int → 0.025, 1
    expect(centreB.results.response.orr.lower).toBeCloseTo(0.025, 10);
    expect(centreB.results.survival.pfs.all).toMatchObject({ n: 1, events: 0 });
    // One PCL type in scope: the groups are kept, the log-rank test is absent (p null).
    expect(centreB.results.survival.pfs.secondary).toMatchObject({ n: 0, events: 0, median: null });
    expect(centreB.results.survival.pfs.logrank).toMatchObject({ df: 0, p: null });
    // Not a reference study: no literature, no claims.
    expect(centreB.results.literature).toBeNull();
    expect(centreB.results.claims).toEqual([]);

    const all = await analysisOf(coordinator);
    if (all.status !== 'analysed') throw new Error(`study not analysed: ${all.message}`);
    const patients = await fx.store.listPatients(fx.allScope);
    expect(all.scope.isStudyWide).toBe(true);
    expect(all.scope.centers.map((center) => center.code)).toEqual(['CTR-A', 'CTR-B']);
    expect(all.results.response.n + all.notAssessed.length).toBe(patients.length);
  });
});

describe('POST /api/imports', () => {
  const labs = (code: string, date = '2006-07-01') =>
    `patient,date,test,value,unit\n${code},${date},serum_m_protein,0.9,g/dL\n${code},${date},hemoglobin,112,g/L\n`;

  it('reports what would change and writes nothing when dryRun is true', async () => {
    const hash = await fx.store.contentHash();
    const response = await callApi(fx.app, investigatorA, 'POST', '/api/imports', {
      body: { dryRun: true, files: [{ name: 'labs.csv', text: labs(fx.patients.A.code) }] },
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ dryRun: true, rowsAdded: { assessments: 2 } });
    expect(await fx.store.contentHash()).toBe(hash);
  });

  it('writes every row of a multipart upload when the files are valid', async () => {
    const form = new FormData();
    form.append('labs', new File([labs(fx.patients.A.code, '2006-08-01')], 'labs.csv', { type: 'text/csv' }));
    const response = await callApi(fx.app, investigatorA, 'POST', '/api/imports', { rawBody: form });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ dryRun: false, rowsAdded: { assessments: 2 } });
    const stored = await fx.store.listChildren(fx.allScope, fx.patients.A.id, 'assessments');
    const values = stored.filter((row) => row.date === '2006-08-01').map((row) => row.canonicalValue ?? Number.NaN);
    expect(values).toHaveLength(2);
    expect(values[0]).toBeCloseTo(0.9, 12);
    // 112 g/L is 11.2 g/dL, converted by the store to the canonical unit.
    expect(values[1]).toBeCloseTo(11.2, 12);
  });

  it('answers 422 listing file, line and column and writes nothing when a row is wrong', async () => {
    const hash = await fx.store.contentHash();
    const text = `${labs(fx.patients.A.code)}${fx.patients.A.code},2006-02-30,serum_m_protein,1,g/dL\n`;
    const response = await callApi(fx.app, investigatorA, 'POST', '/api/imports', {
      body: { files: [{ name: 'labs.csv', text }] },
    });
    expect(response.status).toBe(422);
    const issues = apiErrorBodySchema.parse(response.json).error.issues ?? [];
    expect(issues).toContainEqual(expect.objectContaining({ file: 'labs.csv', line: 4, column: 'date' }));
    expect(await fx.store.contentHash()).toBe(hash);
  });
});
