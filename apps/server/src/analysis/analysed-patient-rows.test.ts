/**
 * The dashboard's additive fields of `GET /api/studies/{id}/analysis`: per-centre form counts and the
 * analysed patients' rows. The rows must be the records the analysis used: a Kaplan–Meier of the PCL
 * types and its log-rank test recomputed from them with core's functions give the results' numbers.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAssessmentFiles, parseStudyFile } from '@mmreg/contracts';
import { compareSurvivalGroups, estimateSurvivalGroup, type Study } from '@mmreg/core';
import { type AccessScope, buildReferenceStudyBatch, demoCenters, openStore, type Store } from '@mmreg/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { callApi, signIn } from '../test-support/api-client.ts';
import { systemWrite, testPassword } from '../test-support/registry-fixture.ts';
import { registryAnalysisSchema } from './analysis-schema.ts';

const examples = fileURLToPath(new URL('../../../../examples/musto2007/', import.meta.url));

function readPublished(): Study {
  const path = `${examples}study.json`;
  const parsed = parseStudyFile(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error('examples/musto2007/study.json is invalid');
  return parsed.value;
}

let store: Store;
let app: ReturnType<typeof createApp>;
let studyId: number;
let centerIds: number[];

beforeAll(async () => {
  store = await openStore('sqlite::memory:');
  studyId = (await store.createStudy({ code: 'musto2007', title: 'Musto 2007 (synthetic labs)' }, systemWrite)).id;
  centerIds = [];
  for (const center of demoCenters) {
    centerIds.push((await store.createCenter({ studyId, ...center }, systemWrite)).id);
  }
  const read = (name: string) => ({ name, text: readFileSync(`${examples}synthetic-labs/${name}`, 'utf8') });
  const files = parseAssessmentFiles({
    labs: read('labs.csv'),
    therapy: read('therapy.csv'),
    followup: read('followup.csv'),
  });
  if (!files.ok) throw new Error('the synthetic labs are invalid');
  const ids = new Map(demoCenters.map((center, index) => [center.code, centerIds[index] ?? 0]));
  const scope: AccessScope = { studyId, readCenters: 'all', writeCenters: 'all' };
  await store.importBatch(scope, buildReferenceStudyBatch(readPublished(), files.value, ids), {
    ...systemWrite,
    dryRun: false,
  });
  const user = await store.createUser(
    { username: 'coordinator', displayName: 'C', password: testPassword },
    systemWrite,
  );
  await store.addMembership(user.id, { studyId, centerId: null, role: 'coordinator' }, systemWrite);
  app = createApp({ store, validateResponses: true });
}, 60_000);

afterAll(async () => {
  await store.close();
});

async function coordinatorAnalysis() {
  const response = await callApi(app, await signIn(app, 'coordinator'), 'GET', `/api/studies/${studyId}/analysis`);
  expect(response.status, response.text).toBe(200);
  const body = registryAnalysisSchema.parse(response.json);
  if (body.status !== 'analysed') throw new Error(body.message);
  return body;
}

describe('analysis patients and form counts', () => {
  it('lists one row per analysed patient with its centre and the report’s subgroup fields', async () => {
    const body = await coordinatorAnalysis();
    const published = readPublished();
    expect(body.patients).toHaveLength(body.results.study.patients);
    expect(body.patients.map((row) => row.code)).toEqual(published.patients.map((patient) => patient.code));
    expect(new Set(body.patients.map((row) => row.centerId))).toEqual(new Set(centerIds));
    for (const row of body.patients) {
      const patient = published.patients.find((entry) => entry.code === row.code);
      expect(row.pclType).toBe(patient?.pclType);
      expect(row.karyotype).toBe(patient?.karyotype);
      expect(row.isSingleAgent).toBe(patient?.course.associatedRegimen === null);
    }
    const singleAgent = body.results.response.subgroups.find((subgroup) => subgroup.key === 'combination');
    expect(body.patients.filter((row) => row.isSingleAgent)).toHaveLength(singleAgent?.groups[0]?.n ?? -1);
    const asct = body.results.response.subgroups.find((subgroup) => subgroup.key === 'priorAsct');
    expect(body.patients.filter((row) => row.hasPriorAsct)).toHaveLength(asct?.groups[0]?.n ?? -1);
    // Responders have a time to first response, others none.
    const responders = body.patients.filter((row) => row.responseMonths !== null);
    expect(responders).toHaveLength(body.results.response.responders);
  });

  it('gives PFS and OS records from which core recomputes the results’ medians and log-rank p', async () => {
    const body = await coordinatorAnalysis();
    const { conventions, survival } = body.results;
    for (const endpoint of ['pfs', 'os'] as const) {
      const records = body.patients.flatMap((row) => {
        const outcome = row[endpoint];
        return outcome === null ? [] : [{ ...outcome, group: row.pclType === 'primary' ? 0 : 1 }];
      });
      const all = estimateSurvivalGroup(records, conventions);
      expect({ n: all.n, events: all.events, median: all.median, lower: all.lower, upper: all.upper }).toEqual(
        survival[endpoint].all,
      );
      expect(all.steps).toEqual(survival[endpoint].curves.all);
      const test = compareSurvivalGroups(records, 2);
      expect({ chisq: test.chisq, df: test.df, p: test.p }).toEqual(survival[endpoint].logrank);
    }
  });

  it('counts every centre’s forms by status', async () => {
    const body = await coordinatorAnalysis();
    const snapshotTotal = body.scope.centers.reduce(
      (sum, center) => sum + center.forms.complete + center.forms.unverified + center.forms.incomplete,
      0,
    );
    for (const center of body.scope.centers) {
      expect(center.forms.complete + center.forms.unverified + center.forms.incomplete).toBeGreaterThanOrEqual(
        center.patients,
      );
    }
    const data = await store.loadStudyData({ studyId, readCenters: 'all', writeCenters: 'all' });
    const expected = data.patients.reduce(
      (sum, entry) =>
        sum +
        1 +
        entry.priorTherapies.length +
        entry.courses.length +
        entry.administrations.length +
        entry.assessments.length +
        entry.adverseEvents.length +
        entry.followUp.length,
      0,
    );
    expect(snapshotTotal).toBe(expected);
  });
});
