/**
 * FUZZ (issue 5 item 12): arbitrary JSON bodies, mutations of valid bodies, malformed JSON, wrong
 * content types, bad query strings and oversized bodies against every write route. Never a 5xx;
 * every 4xx names the problem (400s name each field); and a rejected request leaves the database
 * content hash unchanged — no partial write. fast-check runs with a fixed seed and a time limit.
 */
import { childFormKinds } from '@mmreg/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxBodyBytes } from './app.ts';
import { apiErrorBodySchema } from './errors.ts';
import type { ApiRoute } from './http/define-route.ts';
import { maxImportBytes } from './routes/import-routes.ts';
import { apiRoutes } from './routes/index.ts';
import { type ApiResponse, type Credentials, callApi, signIn } from './test-support/api-client.ts';
import {
  childBody,
  childChange,
  createRegistryFixture,
  nextPatientCode,
  patientBody,
  type RegistryFixture,
  usernameOf,
} from './test-support/registry-fixture.ts';

const seed = 20_070_501;
const runsPerProperty = 100;
const timeLimitMs = 20_000;

let fx: RegistryFixture;
let bearer: Credentials;
/** The content hash after the last rejected probe (unchanged since), saving one hash per probe. */
let knownHash: string | null = null;

beforeAll(async () => {
  fx = await createRegistryFixture('sqlite::memory:', { clientAddress: () => 'fuzz' });
  const session = await signIn(fx.app, usernameOf('coordinator'));
  const token = await callApi(fx.app, session, 'POST', '/api/tokens', { body: { label: 'fuzz' } });
  bearer = { kind: 'bearer', token: (token.json as { token: string }).token };
}, 60_000);

afterAll(async () => {
  await fx.store.close();
});

interface FuzzTarget {
  readonly path: string;
  /** A body the route accepts (modulo versions), the seed of the mutations. */
  readonly validBody: Record<string, unknown> | null;
  /** A failed login writes its failure counter by design: there the hash is not compared. */
  readonly writesOnRejection: boolean;
}

/** A concrete URL and a valid body for a write route, against the coordinator's centre-A patient. */
async function targetOf(route: ApiRoute): Promise<FuzzTarget> {
  knownHash = null; // preparing a target may write
  const patient = fx.patients.A;
  const base = `/api/patients/${patient.id}`;
  const plain = (path: string, validBody: Record<string, unknown> | null): FuzzTarget => ({
    path,
    validBody,
    writesOnRejection: false,
  });
  if (route.path === '/api/session') {
    return { path: route.path, validBody: { username: 'nobody', password: 'x' }, writesOnRejection: true };
  }
  if (route.path === '/api/tokens') return plain(route.path, { label: 'fuzz' });
  if (route.path === '/api/imports') {
    return plain(route.path, {
      dryRun: true,
      files: [
        { name: 'labs.csv', text: `patient,date,test,value,unit\n${patient.code},2006-01-05,serum_m_protein,3,g/dL\n` },
        { name: 'therapy.csv', text: `patient,regimen,start_date,end_date\n${patient.code},bortezomib,2006-01-10,\n` },
      ],
    });
  }
  if (route.path === '/api/patients')
    return plain(route.path, { ...patientBody(nextPatientCode('A'), fx.centers.A.id) });
  if (route.path === '/api/patients/{id}') {
    const current = await fx.store.getPatient(fx.allScope, patient.id);
    return plain(base, { version: current.version, notes: 'fuzz' });
  }
  const kind = childFormKinds.find((entry) => route.path.startsWith(`/api/patients/{id}/${entry}`));
  if (kind === undefined) return plain(route.path, null);
  if (route.method === 'post') return plain(`${base}/${kind}`, childBody(kind, fx.courses.A));
  const record = await fx.store.createChild(fx.allScope, patient.id, kind, childBody(kind, fx.courses.A) as never, {
    actor: { userId: null, username: 'system' },
  });
  if (route.method === 'patch') {
    return plain(`${base}/${kind}/${record.id}`, { version: record.version, ...childChange[kind] });
  }
  return plain(`${base}/${kind}/${record.id}`, null);
}

/** Never 5xx; a 4xx has the error shape, a message, and (400) the offending fields. */
function expectWellFormedAnswer(response: ApiResponse): void {
  expect(response.status, response.text).toBeLessThan(500);
  if (response.status < 400) return;
  const parsed = apiErrorBodySchema.safeParse(response.json);
  expect(parsed.success, response.text).toBe(true);
  if (!parsed.success) return;
  expect(parsed.data.error.message.length).toBeGreaterThan(0);
  if (response.status === 400 || response.status === 415 || response.status === 413) {
    expect(parsed.data.error.issues?.length ?? 0, response.text).toBeGreaterThan(0);
  }
}

/** Sends one request and checks the answer, and that a rejection changed nothing. */
async function probe(
  route: ApiRoute,
  target: FuzzTarget,
  request: { path?: string; rawBody?: string; contentType?: string },
): Promise<void> {
  const before = knownHash ?? (await fx.store.contentHash());
  knownHash = null;
  const response = await callApi(fx.app, bearer, route.method.toUpperCase(), request.path ?? target.path, {
    ...(request.rawBody === undefined ? {} : { rawBody: request.rawBody }),
    headers: request.contentType === undefined ? {} : { 'Content-Type': request.contentType },
  });
  expectWellFormedAnswer(response);
  if (response.status >= 400 && !target.writesOnRejection) {
    const after = await fx.store.contentHash();
    expect(after).toBe(before);
    knownHash = after;
  }
}

/** Changes one part of a valid body: drop a field, retype it, add an unknown one, or replace the whole. */
function mutationOf(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const key = fc.constantFrom(...keys);
  return fc.oneof(
    key.map((name) => Object.fromEntries(Object.entries(valid).filter(([entry]) => entry !== name))),
    fc.tuple(key, fc.jsonValue()).map(([name, value]) => ({ ...valid, [name]: value })),
    fc
      .tuple(key, fc.constantFrom('', ' ', '2006-02-30', '1e999', '-1', 'NaN', '9'.repeat(40), '<script>', '\u0000'))
      .map(([name, value]) => ({ ...valid, [name]: value })),
    fc.tuple(key, fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.boolean())).map(([name, value]) => ({
      ...valid,
      [name]: value,
    })),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue())
      .filter(([name]) => !keys.includes(name))
      .map(([name, value]) => ({ ...valid, [name]: value })),
    fc.constantFrom<unknown>([], [valid], 'text', 42, null, true),
  );
}

const writeRoutes = apiRoutes.filter((route) => route.method !== 'get');
const bodyRoutes = writeRoutes.filter((route) => route.body !== undefined);

describe('fuzzed write routes', () => {
  it('covers every write route that takes a body or a query', () => {
    const covered = writeRoutes.filter((route) => route.body !== undefined || route.query !== undefined);
    expect(covered.length).toBe(writeRoutes.length - 1);
    expect(
      writeRoutes.filter((route) => route.body === undefined && route.query === undefined).map((r) => r.operationId),
    ).toEqual(['deleteSession']);
  });

  for (const route of bodyRoutes) {
    describe(`${route.method.toUpperCase()} ${route.path}`, () => {
      it('never answers 5xx and never writes on rejection when the body is arbitrary JSON', async () => {
        const target = await targetOf(route);
        await fc.assert(
          fc.asyncProperty(fc.jsonValue(), async (body) => {
            await probe(route, target, { rawBody: JSON.stringify(body) ?? 'null', contentType: 'application/json' });
          }),
          { seed, numRuns: runsPerProperty, interruptAfterTimeLimit: timeLimitMs },
        );
      }, 60_000);

      it('never answers 5xx and never writes on rejection when a valid body is mutated', async () => {
        const target = await targetOf(route);
        if (target.validBody === null) throw new Error(`no valid body for ${route.operationId}`);
        await fc.assert(
          fc.asyncProperty(mutationOf(target.validBody), async (body) => {
            await probe(route, target, { rawBody: JSON.stringify(body), contentType: 'application/json' });
          }),
          { seed, numRuns: runsPerProperty, interruptAfterTimeLimit: timeLimitMs },
        );
      }, 60_000);

      it('answers 400 naming the parse problem when the JSON is malformed', async () => {
        const target = await targetOf(route);
        const malformed = fc.oneof(
          fc.string().filter((text) => {
            try {
              JSON.parse(text);
              return false;
            } catch {
              return true;
            }
          }),
          fc.constantFrom('{', '{"a":}', '[1,2', "{'single': 1}", '{"a":1}}', 'undefined'),
        );
        await fc.assert(
          fc.asyncProperty(malformed, async (text) => {
            const before = await fx.store.contentHash();
            const response = await callApi(fx.app, bearer, route.method.toUpperCase(), target.path, {
              rawBody: text,
              headers: { 'Content-Type': 'application/json' },
            });
            expect(response.status).toBe(400);
            expect(apiErrorBodySchema.parse(response.json).error.code).toBe('malformed-json');
            if (!target.writesOnRejection) expect(await fx.store.contentHash()).toBe(before);
          }),
          { seed, numRuns: 25, interruptAfterTimeLimit: timeLimitMs },
        );
      }, 60_000);

      it('answers 415 naming Content-Type when the body is not JSON', async () => {
        const target = await targetOf(route);
        for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', '']) {
          const before = await fx.store.contentHash();
          const response = await callApi(fx.app, bearer, route.method.toUpperCase(), target.path, {
            rawBody: JSON.stringify(target.validBody),
            headers: contentType === '' ? {} : { 'Content-Type': contentType },
          });
          expect(response.status).toBe(415);
          expect(apiErrorBodySchema.parse(response.json).error.issues?.[0]?.path).toEqual(['Content-Type']);
          expect(await fx.store.contentHash()).toBe(before);
        }
      });

      it('answers 413 when the body is larger than the limit', async () => {
        const target = await targetOf(route);
        const limit = route.path === '/api/imports' ? maxImportBytes : maxBodyBytes;
        const before = await fx.store.contentHash();
        const response = await callApi(fx.app, bearer, route.method.toUpperCase(), target.path, {
          rawBody: `{"pad":"${'x'.repeat(limit)}"}`,
          headers: { 'Content-Type': 'application/json' },
        });
        expect(response.status).toBe(413);
        expect(apiErrorBodySchema.parse(response.json).error.code).toBe('payload-too-large');
        expect(await fx.store.contentHash()).toBe(before);
      });
    });
  }

  for (const route of writeRoutes.filter((entry) => entry.method === 'delete' && entry.query !== undefined)) {
    it(`never answers 5xx and never writes on rejection when ${route.operationId} gets an arbitrary query`, async () => {
      const target = await targetOf(route);
      const value = fc.oneof(
        fc.string(),
        fc.integer().map(String),
        fc.constantFrom('0', '-1', '1.5', '1e3', '99999999999999999'),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom('version', 'reason', 'study', 'other'), value),
          async (query) => {
            const search = new URLSearchParams(query).toString();
            await probe(route, target, { path: `${target.path}?${search}` });
          },
        ),
        { seed, numRuns: runsPerProperty, interruptAfterTimeLimit: timeLimitMs },
      );
    }, 60_000);
  }
});
