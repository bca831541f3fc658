/**
 * THE ISOLATION MATRIX (issue 5 item 5): every route × every role × a target at the user's own or
 * the other centre, with the exact status, and no other-centre patient in any answer. The cases are
 * keyed by the route table, and a test fails if a registered route has no case — a new route
 * cannot be left out. Runs on SQLite in memory, and on PostgreSQL when MMREG_TEST_POSTGRES_URL is set.
 */
import { type ChildCreate, type ChildFormKind, childFormKinds } from '@mmreg/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryAnalysisSchema } from './analysis/analysis-schema.ts';
import { toHonoPath } from './app.ts';
import { apiRoutes } from './routes/index.ts';
import { type ApiResponse, type Credentials, callApi, noCredentials, signIn } from './test-support/api-client.ts';
import {
  access,
  type CenterKey,
  centerKeys,
  childBody,
  childChange,
  createRegistryFixture,
  nextPatientCode,
  patientBody,
  type RegistryFixture,
  systemWrite,
  testPassword,
  type UserKey,
  userKeys,
  usernameOf,
} from './test-support/registry-fixture.ts';
import { testDatabases } from './test-support/test-databases.ts';

/**
 * Who may call a route: anyone; any signed-in user; readers / writers of the target patient's
 * centre; writers of the target centre (registration); and imports, which name patients by code.
 */
type AccessRule = 'public' | 'signed-in' | 'read' | 'write' | 'create' | 'import';

interface MatrixContext {
  readonly fx: RegistryFixture;
  readonly user: UserKey;
  readonly target: CenterKey;
  readonly credentials: Credentials;
}

interface MatrixRequest {
  readonly path: string;
  readonly body?: unknown;
  /** Overrides the user's session (login, logout). */
  readonly credentials?: Credentials;
}

interface MatrixCase {
  readonly rule: AccessRule;
  readonly success: 200 | 201 | 204;
  prepare(context: MatrixContext): Promise<MatrixRequest>;
  /** Route-specific isolation checks of a successful answer. */
  check?(response: ApiResponse, context: MatrixContext): Promise<void> | void;
}

const canRead = (user: UserKey, center: CenterKey) => access[user].read.includes(center);
const canWrite = (user: UserKey, center: CenterKey) => access[user].write.includes(center);

function expectedStatus(rule: AccessRule, success: number, user: UserKey | 'anonymous', target: CenterKey): number {
  if (rule === 'public') return success;
  if (user === 'anonymous') return 401;
  switch (rule) {
    case 'signed-in':
      return success;
    case 'read':
      return canRead(user, target) ? success : 404;
    case 'write':
      return !canRead(user, target) ? 404 : canWrite(user, target) ? success : 403;
    case 'create':
      return canWrite(user, target) ? success : 403;
    case 'import':
      // Patient codes are unique per centre and an import looks a code up only in the caller's own
      // centres: rows for another centre's patient code answer exactly as for a code never used
      // (422, "not registered, and the batch has no enrolment row"), so existence is not revealed.
      return !canRead(user, target) ? 422 : canWrite(user, target) ? success : 403;
  }
}

const patientPath = (context: MatrixContext) => `/api/patients/${context.fx.patients[context.target].id}`;

async function createChildRecord(context: MatrixContext, kind: ChildFormKind) {
  const { fx, target } = context;
  return fx.store.createChild(
    fx.allScope,
    fx.patients[target].id,
    kind,
    childBody(kind, fx.courses[target]) as ChildCreate<typeof kind>,
    systemWrite,
  );
}

function childCases(kind: ChildFormKind): Record<string, MatrixCase> {
  const collection = `/api/patients/{id}/${kind}`;
  return {
    [`GET ${collection}`]: {
      rule: 'read',
      success: 200,
      prepare: async (context) => ({ path: `${patientPath(context)}/${kind}` }),
      check: (response, context) => {
        const records = (response.json as { records: { patientId: number }[] }).records;
        expect(records.length).toBeGreaterThan(kind === 'courses' || kind === 'assessments' ? 0 : -1);
        for (const record of records) expect(record.patientId).toBe(context.fx.patients[context.target].id);
      },
    },
    [`POST ${collection}`]: {
      rule: 'write',
      success: 201,
      prepare: async (context) => ({
        path: `${patientPath(context)}/${kind}`,
        body: childBody(kind, context.fx.courses[context.target]),
      }),
    },
    [`PATCH ${collection}/{recordId}`]: {
      rule: 'write',
      success: 200,
      prepare: async (context) => {
        const record = await createChildRecord(context, kind);
        return {
          path: `${patientPath(context)}/${kind}/${record.id}`,
          body: { version: record.version, ...childChange[kind] },
        };
      },
    },
    [`DELETE ${collection}/{recordId}`]: {
      rule: 'write',
      success: 204,
      prepare: async (context) => {
        const record = await createChildRecord(context, kind);
        return { path: `${patientPath(context)}/${kind}/${record.id}?version=${record.version}` };
      },
    },
  };
}

const labsCsv = (code: string) =>
  `patient,date,test,value,unit\n${code},2006-01-05,serum_m_protein,3.2,g/dL\n${code},2006-06-01,serum_m_protein,1.1,g/dL\n`;
const therapyCsv = (code: string) => `patient,regimen,start_date,end_date\n${code},bortezomib,2006-01-10,\n`;

const cases: Record<string, MatrixCase> = {
  'POST /api/session': {
    rule: 'public',
    success: 201,
    prepare: async (context) => ({
      path: '/api/session',
      credentials: noCredentials,
      body: { username: usernameOf(context.user), password: testPassword },
    }),
  },
  'DELETE /api/session': {
    rule: 'signed-in',
    success: 204,
    prepare: async (context) => ({
      path: '/api/session',
      credentials:
        context.credentials.kind === 'none' ? noCredentials : await signIn(context.fx.app, usernameOf(context.user)),
    }),
  },
  'GET /api/session': {
    rule: 'signed-in',
    success: 200,
    prepare: async () => ({ path: '/api/session' }),
    check: (response, context) => {
      expect((response.json as { user: { username: string } }).user.username).toBe(usernameOf(context.user));
    },
  },
  'POST /api/tokens': {
    rule: 'signed-in',
    success: 201,
    prepare: async () => ({ path: '/api/tokens', body: { label: 'matrix' } }),
  },
  'GET /api/studies': {
    rule: 'signed-in',
    success: 200,
    prepare: async () => ({ path: '/api/studies' }),
    check: (response, context) => {
      const studies = (response.json as { studies: { id: number }[] }).studies;
      expect(studies.map((study) => study.id)).toEqual([context.fx.studyId]);
    },
  },
  'GET /api/studies/{id}/centers': {
    rule: 'signed-in',
    success: 200,
    prepare: async (context) => ({ path: `/api/studies/${context.fx.studyId}/centers` }),
    check: (response, context) => {
      const centers = (response.json as { centers: { id: number; canRead: boolean; canWrite: boolean }[] }).centers;
      for (const key of centerKeys) {
        const center = centers.find((entry) => entry.id === context.fx.centers[key].id);
        expect(center).toMatchObject({ canRead: canRead(context.user, key), canWrite: canWrite(context.user, key) });
      }
    },
  },
  'GET /api/patients': {
    rule: 'signed-in',
    success: 200,
    prepare: async () => ({ path: '/api/patients' }),
    check: (response, context) => {
      const patients = (response.json as { patients: { id: number; centerId: number }[] }).patients;
      const readable = access[context.user].read.map((key) => context.fx.centers[key].id);
      for (const patient of patients) expect(readable).toContain(patient.centerId);
      const seeded = context.fx.patients[context.target].id;
      expect(patients.some((patient) => patient.id === seeded)).toBe(canRead(context.user, context.target));
    },
  },
  'POST /api/patients': {
    rule: 'create',
    success: 201,
    prepare: async (context) => ({
      path: '/api/patients',
      body: patientBody(nextPatientCode(context.target), context.fx.centers[context.target].id),
    }),
  },
  'GET /api/patients/{id}': {
    rule: 'read',
    success: 200,
    prepare: async (context) => ({ path: patientPath(context) }),
  },
  'PATCH /api/patients/{id}': {
    rule: 'write',
    success: 200,
    prepare: async (context) => {
      const patient = await context.fx.store.getPatient(context.fx.allScope, context.fx.patients[context.target].id);
      return { path: patientPath(context), body: { version: patient.version, notes: `matrix ${context.user}` } };
    },
  },
  ...Object.fromEntries(childFormKinds.flatMap((kind) => Object.entries(childCases(kind)))),
  'GET /api/patients/{id}/derived': {
    rule: 'read',
    success: 200,
    prepare: async (context) => ({ path: `${patientPath(context)}/derived` }),
    check: (response, context) => {
      expect((response.json as { patientId: number }).patientId).toBe(context.fx.patients[context.target].id);
    },
  },
  'GET /api/studies/{id}/analysis': {
    rule: 'signed-in',
    success: 200,
    prepare: async (context) => ({ path: `/api/studies/${context.fx.studyId}/analysis` }),
    check: async (response, context) => {
      const analysis = registryAnalysisSchema.parse(response.json);
      const all = await context.fx.store.listPatients(context.fx.allScope);
      const readable = access[context.user].read.map((key) => context.fx.centers[key].id);
      const inScope = all.filter((patient) => readable.includes(patient.centerId));
      expect(analysis.scope.centers.map((center) => center.id).sort()).toEqual([...readable].sort());
      expect(analysis.scope.centers.reduce((sum, center) => sum + center.patients, 0)).toBe(inScope.length);
      const analysed = analysis.status === 'analysed' ? analysis.results.study.patients : 0;
      expect(analysed + analysis.notAssessed.length).toBe(inScope.length);
      const inScopeCodes = inScope.map((patient) => patient.code);
      for (const entry of analysis.notAssessed) expect(inScopeCodes).toContain(entry.code);
    },
  },
  'GET /api/studies/{id}/report': {
    rule: 'signed-in',
    success: 200,
    prepare: async (context) => ({ path: `/api/studies/${context.fx.studyId}/report?format=html` }),
    check: (response, context) => {
      expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
      for (const key of access[context.user].read) expect(response.text).toContain(context.fx.patients[key].code);
    },
  },
  'GET /api/audit': {
    rule: 'signed-in',
    success: 200,
    prepare: async () => ({ path: '/api/audit?limit=1000' }),
    check: async (response, context) => {
      type Records = { records: { seq: number; patientId: number | null; centerId: number | null }[] };
      const records = [...(response.json as Records).records];
      for (let page = records; page.length === 1000; ) {
        const next = await callApi(
          context.fx.app,
          context.credentials,
          'GET',
          `/api/audit?limit=1000&afterSeq=${page.at(-1)?.seq}`,
        );
        page = (next.json as Records).records;
        records.push(...page);
      }
      const readableCenters = access[context.user].read.map((key) => context.fx.centers[key].id);
      const readablePatients = (await context.fx.store.listPatients(context.fx.allScope))
        .filter((patient) => readableCenters.includes(patient.centerId))
        .map((patient) => patient.id);
      for (const record of records) {
        if (record.centerId !== null) expect(readableCenters).toContain(record.centerId);
        if (record.patientId !== null) expect(readablePatients).toContain(record.patientId);
      }
      const seeded = context.fx.patients[context.target].id;
      expect(records.some((record) => record.patientId === seeded)).toBe(canRead(context.user, context.target));
    },
  },
  'GET /api/audit (one patient)': {
    rule: 'read',
    success: 200,
    prepare: async (context) => ({ path: `/api/audit?patientId=${context.fx.patients[context.target].id}` }),
    check: (response, context) => {
      const records = (response.json as { records: { patientId: number | null }[] }).records;
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) expect(record.patientId).toBe(context.fx.patients[context.target].id);
    },
  },
  'POST /api/imports': {
    rule: 'import',
    success: 200,
    prepare: async (context) => {
      const code = context.fx.patients[context.target].code;
      return {
        path: '/api/imports',
        body: {
          dryRun: true,
          files: [
            { name: 'labs.csv', text: labsCsv(code) },
            { name: 'therapy.csv', text: therapyCsv(code) },
          ],
        },
      };
    },
  },
  'GET /api/openapi.json': { rule: 'public', success: 200, prepare: async () => ({ path: '/api/openapi.json' }) },
};

const routeKey = (route: { method: string; path: string }) => `${route.method.toUpperCase()} ${route.path}`;

/** Every patient code of a centre the user cannot read: none may appear in any answer. */
async function hiddenCodes(fx: RegistryFixture, user: UserKey | 'anonymous'): Promise<string[]> {
  const patients = await fx.store.listPatients(fx.allScope);
  const readable = user === 'anonymous' ? [] : access[user].read.map((key) => fx.centers[key].id);
  return patients.filter((patient) => !readable.includes(patient.centerId)).map((patient) => patient.code);
}

describe('the route table', () => {
  it('has a matrix case for every route when the routes are listed', () => {
    const caseRoutes = new Set(Object.keys(cases).map((key) => key.replace(/ \(.*\)$/, '')));
    expect(apiRoutes.map(routeKey).sort()).toEqual([...caseRoutes].sort());
  });

  it('registers exactly the declared routes when the app is built', async () => {
    const fx = await createRegistryFixture();
    const registered = fx.app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(registered).toEqual(
      apiRoutes.map((route) => `${route.method.toUpperCase()} ${toHonoPath(route.path)}`).sort(),
    );
    await fx.store.close();
  });
});

const callers = [...userKeys, 'anonymous'] as const;

for (const database of testDatabases('isolation')) {
  describe.skipIf(database.skip !== null)(`isolation matrix on ${database.name}${database.skip ?? ''}`, () => {
    let fx: RegistryFixture;
    const sessions = new Map<UserKey, Credentials>();

    beforeAll(async () => {
      fx = await createRegistryFixture(await database.url(), {
        clientAddress: (c) => c.req.header('X-Test-Client') ?? 'matrix',
      });
      for (const user of userKeys) sessions.set(user, await signIn(fx.app, usernameOf(user)));
    }, 60_000);

    afterAll(async () => {
      await fx?.store.close();
      await database.drop();
    });

    for (const [key, matrixCase] of Object.entries(cases)) {
      const route = apiRoutes.find((entry) => routeKey(entry) === key.replace(/ \(.*\)$/, ''));
      describe(key, () => {
        const rows = callers.flatMap((user) => centerKeys.map((target) => ({ user, target })));
        it.each(rows)('answers as specified when $user targets centre $target', async ({ user, target }) => {
          if (route === undefined) throw new Error(`no route for the matrix case ${key}`);
          const credentials = user === 'anonymous' ? noCredentials : (sessions.get(user) as Credentials);
          const context: MatrixContext = { fx, user: user === 'anonymous' ? 'coordinator' : user, target, credentials };
          const request = await matrixCase.prepare(context);
          const response = await callApi(
            fx.app,
            request.credentials ?? credentials,
            route.method.toUpperCase(),
            request.path,
            {
              ...(request.body === undefined ? {} : { body: request.body }),
            },
          );
          const expected = expectedStatus(matrixCase.rule, matrixCase.success, user, target);
          expect({ status: response.status, body: response.status === expected ? null : response.text }).toEqual({
            status: expected,
            body: null,
          });
          // A code the caller sent may come back in the message; any other hidden code is a leak.
          const sent = `${request.path} ${JSON.stringify(request.body ?? null)}`;
          for (const code of await hiddenCodes(fx, user)) {
            if (!sent.includes(code)) expect(response.text).not.toContain(code);
          }
          if (response.status === matrixCase.success && user !== 'anonymous')
            await matrixCase.check?.(response, context);
        });
      });
    }
  });
}
