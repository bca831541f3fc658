/**
 * `GET /api/studies/{id}/analysis` on the reference study: the 12 Musto 2007 patients registered with
 * their SYNTHETIC laboratory values (examples/musto2007/synthetic-labs) over four centres, analysed
 * through the API by the same functions as `mmreg reproduce`. The coordinator's analysis must give
 * Table 2's response categories and ORR (11/12) with the literature comparison and the claims; a
 * centre investigator's only its three patients. Plus the empty and the not-yet-assessable scopes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ImportBatch, parseAssessmentFiles, parseStudyFile, patientCreateSchema } from '@mmreg/contracts';
import { analyseStudy, responseCategories, type Study } from '@mmreg/core';
import { type AccessScope, buildReferenceStudyBatch, demoCenters, openStore, type Store } from '@mmreg/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { callApi, signIn } from '../test-support/api-client.ts';
import { patientBody, systemWrite, testPassword } from '../test-support/registry-fixture.ts';
import { type RegistryAnalysisBody, registryAnalysisSchema } from './analysis-schema.ts';

const examples = fileURLToPath(new URL('../../../../examples/musto2007/', import.meta.url));

const published: Study = (() => {
  const path = `${examples}study.json`;
  const parsed = parseStudyFile(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error('examples/musto2007/study.json is invalid');
  return parsed.value;
})();

/** The 12 published patients with their synthetic labs, therapy and follow-up, as `mmreg serve` seeds them. */
function referenceBatch(centerIds: readonly number[]): ImportBatch {
  const read = (name: string) => ({ name, text: readFileSync(`${examples}synthetic-labs/${name}`, 'utf8') });
  const files = parseAssessmentFiles({
    labs: read('labs.csv'),
    therapy: read('therapy.csv'),
    followup: read('followup.csv'),
  });
  if (!files.ok) throw new Error('the synthetic labs are invalid');
  const ids = new Map(demoCenters.map((center, index) => [center.code, centerIds[index] ?? 0]));
  return buildReferenceStudyBatch(published, files.value, ids);
}

async function addUser(store: Store, studyId: number, username: string, centerId: number | null) {
  const user = await store.createUser({ username, displayName: username, password: testPassword }, systemWrite);
  await store.addMembership(
    user.id,
    { studyId, centerId, role: centerId === null ? 'coordinator' : 'investigator' },
    systemWrite,
  );
}

let store: Store;
let app: ReturnType<typeof createApp>;
let studyId: number;
let centerIds: number[];

beforeAll(async () => {
  store = await openStore('sqlite::memory:');
  const study = await store.createStudy({ code: 'musto2007', title: 'Musto 2007 (synthetic labs)' }, systemWrite);
  studyId = study.id;
  centerIds = [];
  for (const { code, name, city } of demoCenters) {
    const center = await store.createCenter({ studyId, code, name, city }, systemWrite);
    centerIds.push(center.id);
  }
  const scope: AccessScope = { studyId, readCenters: 'all', writeCenters: 'all' };
  await store.importBatch(scope, referenceBatch(centerIds), { ...systemWrite, dryRun: false });
  await addUser(store, studyId, 'coordinator', null);
  await addUser(store, studyId, 'investigator-a', centerIds[0] ?? null);
  app = createApp({ store, validateResponses: true });
}, 60_000);

afterAll(async () => {
  await store.close();
});

async function analysisAs(username: string): Promise<{ body: RegistryAnalysisBody; text: string }> {
  const response = await callApi(app, await signIn(app, username), 'GET', `/api/studies/${studyId}/analysis`);
  expect(response.status, response.text).toBe(200);
  return { body: registryAnalysisSchema.parse(response.json), text: response.text };
}

describe('GET /api/studies/{id}/analysis', () => {
  it('gives the coordinator Table 2’s response categories and ORR 11/12 from the registered labs', async () => {
    const { body } = await analysisAs('coordinator');
    if (body.status !== 'analysed') throw new Error(body.message);
    expect(body.notAssessed).toEqual([]);
    expect(body.scope.isStudyWide).toBe(true);
    expect(body.scope.centers.map((center) => center.patients)).toEqual([3, 3, 3, 3]);
    const { response } = body.results;
    const publishedCounts = Object.fromEntries(
      responseCategories.map((category) => [
        category,
        published.patients.filter((patient) => patient.bestResponse === category).length,
      ]),
    );
    expect(response.counts).toEqual(publishedCounts);
    expect(response).toMatchObject({ n: 12, responders: 11 });
    // Same counts, same function: the ORR and its exact CI are the published analysis's.
    const reference = analyseStudy(published).response.overallResponse;
    expect(response.orr).toEqual({ estimate: reference.estimate, lower: reference.lower, upper: reference.upper });
  });

  it('attaches the reference study’s literature and checks its claims for a study-wide caller', async () => {
    const { body } = await analysisAs('coordinator');
    if (body.status !== 'analysed') throw new Error(body.message);
    expect(body.results.literature?.series).toHaveLength(published.historicalSeries.length);
    expect(body.results.literature?.studyVersusHistorical).toMatchObject({ responders: 11, n: 12 });
    expect(body.results.claims.map((claim) => claim.id)).toEqual(published.claims.map((claim) => claim.id));
    // Table 2's ORR claim holds on registry data too (the responses were derived, not copied).
    expect(body.results.claims.some((claim) => claim.verdict === 'reproduced')).toBe(true);
    expect(body.notes.join('\n')).toContain('reference study musto2007');
  });

  it('gives a centre investigator only the centre’s three patients and no claim checks', async () => {
    const { body, text } = await analysisAs('investigator-a');
    if (body.status !== 'analysed') throw new Error(body.message);
    expect(body.scope).toMatchObject({ isStudyWide: false, centers: [{ id: centerIds[0], patients: 3 }] });
    expect(body.results.study.patients).toBe(3);
    const own = published.patients.filter((_, index) => index % demoCenters.length === 0);
    expect(body.results.response.n).toBe(own.length);
    expect(body.results.response.responders).toBe(
      own.filter((patient) => ['sCR', 'CR', 'VGPR', 'PR'].includes(patient.bestResponse)).length,
    );
    expect(body.results.claims).toEqual([]);
    expect(body.results.literature).not.toBeNull();
    const ownCodes = new Set(own.map((patient) => patient.code));
    for (const patient of published.patients) {
      if (!ownCodes.has(patient.code)) expect(text).not.toContain(patient.code);
    }
  });

  it('answers no-patients-in-scope, listing a patient without a course, when nobody can be analysed', async () => {
    const emptyStore = await openStore('sqlite::memory:');
    try {
      const study = await emptyStore.createStudy({ code: 'EMPTY', title: 'No courses yet' }, systemWrite);
      const center = await emptyStore.createCenter(
        { studyId: study.id, code: 'C1', name: 'Centre 1', city: 'Bari' },
        systemWrite,
      );
      await addUser(emptyStore, study.id, 'coordinator', null);
      const emptyApp = createApp({ store: emptyStore, validateResponses: true });
      const credentials = await signIn(emptyApp, 'coordinator');
      const path = `/api/studies/${study.id}/analysis`;
      const empty = registryAnalysisSchema.parse((await callApi(emptyApp, credentials, 'GET', path)).json);
      expect(empty).toMatchObject({ status: 'no-patients-in-scope', results: null, notAssessed: [] });

      const scope: AccessScope = { studyId: study.id, readCenters: 'all', writeCenters: 'all' };
      await emptyStore.createPatient(scope, patientCreateSchema.parse(patientBody('P-1', center.id)), systemWrite);
      const pending = registryAnalysisSchema.parse((await callApi(emptyApp, credentials, 'GET', path)).json);
      expect(pending.status).toBe('no-patients-in-scope');
      expect(pending.notAssessed).toEqual([
        { code: 'P-1', centerCode: 'C1', reason: expect.stringContaining('no treatment course') },
      ]);
    } finally {
      await emptyStore.close();
    }
  });
});
