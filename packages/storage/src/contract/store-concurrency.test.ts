/**
 * Concurrent writes (ADR 0007): writes lock their patient rows first and the audit chain head only at
 * the flush before commit, so they overlap. These tests check what that must not cost — a linear,
 * verifiable chain, no lost update (a stale version is `conflict`), derived results equal to a fresh
 * recompute when writes to one patient race — on PostgreSQL (a real server; the case that matters)
 * and on a SQLite file, and that a PostgreSQL deadlock victim is run again instead of failing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildCreate, ChildFormKind, PatientCreate } from '@mmreg/contracts';
import { toCalendarDate } from '@mmreg/core';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { derivePatientResults } from '../derive-patient-results.ts';
import { loadChildren, loadDerivationData } from '../form-writes.ts';
import type { KyselyStore } from '../kysely-store.ts';
import { openStore } from '../open-store.ts';
import type { AccessScope, Actor } from '../store.ts';
import {
  createPostgresTestDatabase,
  dropPostgresTestDatabases,
  postgresTestUrl,
  postgresUnavailableReason,
  type TestDatabase,
} from './postgres-test-database.ts';

const writer: Actor = { userId: null, username: 'tester' };
const directory = mkdtempSync(join(tmpdir(), 'mmreg-concurrency-'));
const databases: TestDatabase[] = [];
const urls = new WeakMap<KyselyStore, string>();
let fileCount = 0;

afterAll(async () => {
  rmSync(directory, { recursive: true, force: true });
  if (postgresTestUrl !== undefined && postgresTestUrl !== '') {
    await dropPostgresTestDatabases(postgresTestUrl, databases.splice(0));
  }
}, 60_000);

function patientInput(code: string, centerId: number): PatientCreate {
  return {
    code,
    centerId,
    sex: 'male',
    birthYear: 1951,
    diagnosisDate: toCalendarDate('2005-11-02'),
    priorMyelomaDiagnosisDate: null,
    heavyChain: 'IgG',
    lightChain: 'kappa',
    isNonSecretory: false,
    pbPlasmaCellsPercent: 25,
    wbcPer1e9L: 11,
    hemoglobinGPerDl: 9.1,
    plateletsPer1e9L: 95,
    creatinineMgPerDl: 1.2,
    extramedullarySites: [],
    karyotype: 'normal',
    notes: null,
  };
}

const indexCourse = {
  regimen: 'bortezomib-dexamethasone',
  agents: ['bortezomib', 'dexamethasone'],
  startDate: '2006-01-10',
  endDate: null,
  plannedBortezomibDoseMgPerM2: 1.3,
  schedule: 'days-1-4-8-11',
  plannedCycles: 4,
  cycleLengthDays: 21,
  heightCm: 170,
  weightKg: 70,
  isIndexTherapy: true,
} as ChildCreate<'courses'>;

/** Serum M-protein `index` weeks after the start of therapy (distinct dates, falling values). */
function labInput(index: number): ChildCreate<'assessments'> {
  const date = new Date(Date.UTC(2006, 0, 8 + 7 * index)).toISOString().slice(0, 10);
  return {
    date,
    test: 'serum_m_protein',
    value: Math.max(0.2, 4.2 - 0.3 * index),
    result: null,
    unit: 'g/dL',
  } as ChildCreate<'assessments'>;
}

interface Seeded {
  readonly store: KyselyStore;
  readonly scope: AccessScope;
  readonly patientIds: readonly number[];
}

type Opener = () => Promise<KyselyStore>;

async function seed(open: Opener, patients: number): Promise<Seeded> {
  const store = await open();
  const study = await store.createStudy({ code: 'CONC', title: 'Concurrency' }, { actor: writer });
  const center = await store.createCenter(
    { studyId: study.id, code: 'C1', name: 'Centre 1', city: 'Bari' },
    { actor: writer },
  );
  const scope: AccessScope = { studyId: study.id, readCenters: 'all', writeCenters: 'all' };
  const patientIds: number[] = [];
  for (let index = 0; index < patients; index += 1) {
    const patient = await store.createPatient(scope, patientInput(`P-${index}`, center.id), { actor: writer });
    await store.createChild(scope, patient.id, 'courses', indexCourse, { actor: writer });
    await store.createChild(scope, patient.id, 'assessments', labInput(0), { actor: writer });
    patientIds.push(patient.id);
  }
  return { store, scope, patientIds };
}

/**
 * The stored derived results equal what a recompute from the committed data gives now (read with one
 * statement per form, so on PostgreSQL this also checks the store's one-statement JSON read).
 */
async function expectDerivedFresh(store: KyselyStore, scope: AccessScope, patientId: number): Promise<void> {
  const stored = await store.getDerived(scope, patientId);
  const patient = await store.getPatient(scope, patientId);
  const rows = <TKind extends ChildFormKind>(kind: TKind) => loadChildren(store.db, kind, [patientId]);
  const fresh = derivePatientResults({
    patient,
    courses: await rows('courses'),
    administrations: await rows('administrations'),
    assessments: await rows('assessments'),
    adverseEvents: await rows('adverse-events'),
    followUp: await rows('follow-up'),
  });
  expect(stored.inputHash, `patient ${patientId}`).toBe(fresh.inputHash);
  expect(stored.results).toEqual(JSON.parse(JSON.stringify(fresh.results)));
}

function describeConcurrency(name: string, open: Opener): void {
  describe(`concurrent writes (${name})`, () => {
    const opened: KyselyStore[] = [];
    const openTracked: Opener = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('keeps the chain linear and every recompute fresh when 20 writes to 20 patients overlap', async () => {
      const { store, scope, patientIds } = await seed(openTracked, 20);
      const before = await store.verifyAudit();
      const results = await Promise.allSettled(
        patientIds.map((id) => store.createChild(scope, id, 'assessments', labInput(1), { actor: writer })),
      );
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      const after = await store.verifyAudit();
      expect(after).toMatchObject({ ok: true, records: (before.ok ? before.records : 0) + 20 });
      for (const id of patientIds) {
        expect(await store.listChildren(scope, id, 'assessments')).toHaveLength(2);
        await expectDerivedFresh(store, scope, id);
      }
    });

    it('loses no write and no recompute when 10 writes to one patient overlap', async () => {
      const { store, scope, patientIds } = await seed(openTracked, 1);
      const patientId = patientIds[0] as number;
      // Ten new laboratory results at once: each recompute must see every result committed before it.
      const created = await Promise.allSettled(
        Array.from({ length: 10 }, (_, index) =>
          store.createChild(scope, patientId, 'assessments', labInput(index + 1), { actor: writer }),
        ),
      );
      expect(created.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(await store.listChildren(scope, patientId, 'assessments')).toHaveLength(11);
      await expectDerivedFresh(store, scope, patientId);
      // Ten updates of the same version: one wins, nine are stale (the HTTP 409).
      const updates = await Promise.allSettled(
        Array.from({ length: 10 }, (_, index) =>
          store.updatePatient(scope, patientId, { version: 1, notes: `writer ${index}` }, { actor: writer }),
        ),
      );
      const won = updates.filter((result) => result.status === 'fulfilled');
      const lost = updates.filter((result) => result.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((result) => (result as PromiseRejectedResult).reason)).toEqual(
        Array.from({ length: 9 }, () => expect.objectContaining({ code: 'conflict' })),
      );
      const stored = await store.getPatient(scope, patientId);
      expect(stored.version).toBe(2);
      expect(stored.notes).toBe((won[0] as PromiseFulfilledResult<{ notes: string | null }>).value.notes);
      await expectDerivedFresh(store, scope, patientId);
      const verification = await store.verifyAudit();
      expect(verification).toMatchObject({ ok: true });
      const records = await store.listAudit(scope, { patientId });
      expect(records.filter((record) => record.action === 'update' && record.entity === 'patient')).toHaveLength(1);
      // Seq order is time order: records take their time under the head lock.
      expect(records.map((record) => record.at)).toEqual(records.map((record) => record.at).sort());
    });
  });
}

describeConcurrency('sqlite file', () => {
  fileCount += 1;
  return openStore(`sqlite:${join(directory, `mmreg-${fileCount}.db`)}`);
});

const unavailable = postgresUnavailableReason();
if (unavailable !== null) {
  describe('concurrent writes (postgres)', () => {
    it.skip(`skipped: ${unavailable}`, () => {});
  });
} else {
  const openPostgres: Opener = async () => {
    const database = await createPostgresTestDatabase(postgresTestUrl as string, 'mmreg_concurrency');
    databases.push(database);
    const store = await openStore(database.url);
    urls.set(store, database.url);
    return store;
  };
  describeConcurrency('postgres', openPostgres);

  describe('loadDerivationData (postgres)', () => {
    it('reads the derivation data in one statement exactly as row by row', async () => {
      const { store, scope, patientIds } = await seed(openPostgres, 1);
      const patientId = patientIds[0] as number;
      for (const value of [1 / 3, 1e-7, 123_456.789, 4.2 - 0.3]) {
        await store.createChild(scope, patientId, 'assessments', { ...labInput(2), value }, { actor: writer });
      }
      await store.createChild(
        scope,
        patientId,
        'follow-up',
        {
          date: '2006-06-30',
          vitalStatus: 'alive',
          deathDate: null,
          causeOfDeath: null,
          notes: 'Ünïcödé, "quotes", back\\slash, emoji 🩸',
        } as ChildCreate<'follow-up'>,
        { actor: writer },
      );
      const patient = await store.getPatient(scope, patientId);
      const rows = <TKind extends ChildFormKind>(kind: TKind) => loadChildren(store.db, kind, [patientId]);
      const oneStatement = await store.db.transaction().execute((trx) => loadDerivationData(trx, patient, 'postgres'));
      expect(oneStatement).toEqual({
        patient,
        courses: await rows('courses'),
        administrations: await rows('administrations'),
        assessments: await rows('assessments'),
        adverseEvents: await rows('adverse-events'),
        followUp: await rows('follow-up'),
      });
      expect(oneStatement.assessments.map((lab) => lab.value)).toContain(1 / 3);
    });
  });

  describe('deadlock victims (postgres)', () => {
    it('runs a write again when PostgreSQL aborts it as a deadlock victim', async () => {
      const { store, scope, patientIds } = await seed(openPostgres, 1);
      const patientId = patientIds[0] as number;
      // Another session takes the locks in the opposite order: the audit head, then the patient.
      const other = new pg.Client({ connectionString: urls.get(store) as string });
      await other.connect();
      let written = 1;
      try {
        const { rows } = await other.query<{ pid: number }>('select pg_backend_pid() as pid');
        const otherPid = rows[0]?.pid as number;
        // A very slow machine can make the other session the victim instead (it then waited more
        // than deadlock_timeout after the write did): try again, a few times.
        let isWriteTheVictim = false;
        for (let attempt = 1; attempt <= 3 && !isWriteTheVictim; attempt += 1) {
          await other.query('begin');
          await other.query('select last_seq from audit_head where id = 1 for update');
          const write = store.createChild(scope, patientId, 'assessments', labInput(attempt), { actor: writer });
          const settled = write.then(
            () => 'fulfilled',
            (error: unknown) => error,
          );
          // The write holds the patient row and waits for the head (its flush).
          for (let waited = 0; ; waited += 5) {
            const blocked = await other.query<{ count: number }>(
              'select cast(count(*) as integer) as count from pg_stat_activity where $1 = any(pg_blocking_pids(pid))',
              [otherPid],
            );
            if ((blocked.rows[0]?.count ?? 0) > 0) break;
            if (waited > 10_000) throw new Error('the write never waited for the audit head');
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          // The cycle: this waits for the write's patient lock. The write waited first, so its deadlock
          // check (deadlock_timeout, 1 s) fires first and it is the victim: its rollback frees the patient.
          try {
            await other.query('select id from patients where id = $1 for update', [patientId]);
            isWriteTheVictim = true;
            await other.query('commit');
          } catch (error) {
            expect(error).toMatchObject({ code: '40P01' });
            await other.query('rollback');
          }
          expect(await settled).toBe('fulfilled');
          written += 1;
        }
        expect(isWriteTheVictim).toBe(true);
      } finally {
        await other.end();
      }
      expect(await store.verifyAudit()).toMatchObject({ ok: true });
      expect(await store.listChildren(scope, patientId, 'assessments')).toHaveLength(written);
      await expectDerivedFresh(store, scope, patientId);
    }, 60_000);
  });
}
