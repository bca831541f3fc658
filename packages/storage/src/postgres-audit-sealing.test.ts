/**
 * Audit records sealed by PostgreSQL at commit (migration 0002, ADR 0008) on a real server
 * (MMREG_TEST_POSTGRES_URL, set by `npm test`): what the commit-time trigger does that the contract
 * suite cannot see from the Store interface — rolled-back writes leave nothing, interleaved
 * transactions chain in commit order, time stays monotonic when the clock steps back, and a
 * malformed unsealed row fails the commit. Skips with the reason without a server; fails under CI.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AuditAppender, auditRecordOfRow, hashAuditRecord } from './audit-trail.ts';
import {
  createPostgresTestDatabase,
  dropPostgresTestDatabases,
  postgresTestUrl,
  postgresUnavailableReason,
  type TestDatabase,
} from './contract/postgres-test-database.ts';
import { patientInput, TestClock } from './contract/store-contract.ts';
import type { KyselyStore } from './kysely-store.ts';
import { openStore } from './open-store.ts';
import type { Database } from './schema.ts';
import type { Actor } from './store.ts';

const unavailable = postgresUnavailableReason();
const databases: TestDatabase[] = [];
const opened: KyselyStore[] = [];
const tester: Actor = { userId: null, username: 'tester' };

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

afterAll(async () => {
  await dropPostgresTestDatabases(postgresTestUrl as string, databases.splice(0));
}, 60_000);

async function openFresh(clock = new TestClock()): Promise<KyselyStore> {
  const database = await createPostgresTestDatabase(postgresTestUrl as string, 'mmreg_seal');
  databases.push(database);
  const store = await openStore(database.url, { clock: clock.now });
  opened.push(store);
  return store;
}

function entry(name: string) {
  return {
    action: 'create' as const,
    entity: 'center',
    entityId: null,
    patientId: null,
    centerId: null,
    changes: [{ field: 'code', old: null, new: name }],
    reason: null,
  };
}

async function auditRows(store: KyselyStore) {
  const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  return rows.map(auditRecordOfRow);
}

async function head(store: KyselyStore) {
  return store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
}

if (unavailable !== null) {
  describe('audit sealing (postgres)', () => {
    it.skip(`skipped: ${unavailable}`, () => {});
  });
} else {
  describe('audit sealing (postgres)', () => {
    it('stores nothing and leaves the head alone when the write rolls back after its flush', async () => {
      const store = await openFresh();
      await store.createStudy({ code: 'S', title: 'Study' }, { actor: tester });
      const before = await head(store);
      await expect(
        store.db.transaction().execute(async (trx) => {
          const audit = new AuditAppender('2026-03-01T09:00:00.000Z');
          audit.append(tester, entry('X'));
          await audit.flush(trx, 'postgres', () => '2026-03-01T09:00:01.000Z');
          const pending = await sql<{ seq: number }>`select seq from audit_log where seq < 0`.execute(trx);
          expect(pending.rows).toHaveLength(1);
          throw new Error('the write fails after its flush');
        }),
      ).rejects.toThrow('the write fails after its flush');
      expect(await head(store)).toEqual(before);
      expect(await auditRows(store)).toHaveLength(before.last_seq);
      expect(await store.verifyAudit()).toMatchObject({ ok: true, records: before.last_seq });
    });

    it('chains interleaved transactions in commit order, not flush order', async () => {
      const store = await openFresh();
      let releaseFirst = () => {};
      const firstMayCommit = new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      let firstFlushed = () => {};
      const flushedFirst = new Promise<void>((resolve) => {
        firstFlushed = resolve;
      });
      const first = store.db.transaction().execute(async (trx) => {
        const audit = new AuditAppender('2026-03-01T09:00:00.000Z');
        audit.append(tester, entry('FIRST-1'));
        audit.append(tester, entry('FIRST-2'));
        await audit.flush(trx, 'postgres', () => '2026-03-01T09:00:00.000Z');
        firstFlushed();
        await firstMayCommit;
      });
      await flushedFirst;
      await store.db.transaction().execute(async (trx) => {
        const audit = new AuditAppender('2026-03-01T09:00:05.000Z');
        audit.append(tester, entry('SECOND'));
        await audit.flush(trx, 'postgres', () => '2026-03-01T09:00:05.000Z');
      });
      releaseFirst();
      await first;
      const records = await auditRows(store);
      expect(records.map((record) => [record.seq, record.changes[0]?.new])).toEqual([
        [1, 'SECOND'],
        [2, 'FIRST-1'],
        [3, 'FIRST-2'],
      ]);
      // The first transaction's records keep seq order time order: they take the later time.
      expect(records.map((record) => record.at)).toEqual([
        '2026-03-01T09:00:05.000Z',
        '2026-03-01T09:00:05.000Z',
        '2026-03-01T09:00:05.000Z',
      ]);
      for (const { hash, ...record } of records) expect(hash).toBe(hashAuditRecord(record));
      expect(await head(store)).toEqual({ id: 1, last_seq: 3, last_hash: records[2]?.hash });
      expect(await store.verifyAudit()).toMatchObject({ ok: true, records: 3 });
    });

    it('keeps record times in seq order when the server clock steps back', async () => {
      const clock = new TestClock('2026-03-01T09:00:00.000Z');
      const store = await openFresh(clock);
      await store.createStudy({ code: 'A', title: 'First' }, { actor: tester });
      clock.advanceSeconds(-3600);
      await store.createStudy({ code: 'B', title: 'Second' }, { actor: tester });
      const records = await auditRows(store);
      expect(records.map((record) => record.at)).toEqual(['2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z']);
      expect(await store.verifyAudit()).toMatchObject({ ok: true, records: 2 });
    });

    it('holds the latest derived-results upsert for the flush statement, keeping writes in order', async () => {
      const store = await openFresh();
      const study = await store.createStudy({ code: 'S', title: 'Study' }, { actor: tester });
      const center = await store.createCenter(
        { studyId: study.id, code: 'C', name: 'Centre', city: 'City' },
        { actor: tester },
      );
      const patient = await store.createPatient(
        { studyId: study.id, readCenters: 'all', writeCenters: 'all' },
        patientInput('P-1', center.id),
        { actor: tester },
      );
      const upsert = (trx: Kysely<Database>, hash: string) =>
        trx
          .insertInto('derived_results')
          .values({ patient_id: patient.id, input_hash: hash, computed_at: 'now', results: '{}' })
          .onConflict((conflict) => conflict.column('patient_id').doUpdateSet({ input_hash: hash }));
      const stored = async () =>
        (
          await store.db
            .selectFrom('derived_results')
            .select('input_hash')
            .where('patient_id', '=', patient.id)
            .executeTakeFirst()
        )?.input_hash;
      const storedWithin = async (trx: Kysely<Database>) =>
        (
          await trx
            .selectFrom('derived_results')
            .select('input_hash')
            .where('patient_id', '=', patient.id)
            .executeTakeFirst()
        )?.input_hash;
      const before = await stored();
      await store.db.transaction().execute(async (trx) => {
        const audit = new AuditAppender('2026-03-01T09:00:00.000Z');
        await audit.writeLast('postgres', upsert(trx, 'first'));
        expect(await storedWithin(trx), 'held, not run').toBe(before);
        // A second write runs the held one first and is held itself: the later result is stored last.
        await audit.writeLast('postgres', upsert(trx, 'second'));
        expect(await storedWithin(trx)).toBe('first');
        audit.append(tester, entry('X'));
        await audit.flush(trx, 'postgres', () => '2026-03-01T09:00:00.000Z');
      });
      expect(await stored()).toBe('second');
      await store.db.transaction().execute(async (trx) => {
        const audit = new AuditAppender('2026-03-01T09:00:00.000Z');
        await audit.writeLast('postgres', upsert(trx, 'nothing-recorded'));
        await audit.flush(trx, 'postgres', () => '2026-03-01T09:00:00.000Z');
        expect(await storedWithin(trx)).toBe('nothing-recorded');
        await audit.writeLast('postgres', upsert(trx, 'after-the-flush'));
        expect(await storedWithin(trx), 'after the flush it runs at once').toBe('after-the-flush');
      });
      await store.db.transaction().execute(async (trx) => {
        await new AuditAppender('2026-03-01T09:00:00.000Z').writeLast('sqlite', upsert(trx, 'sqlite-runs-now'));
        expect(await storedWithin(trx)).toBe('sqlite-runs-now');
      });
      expect(await store.verifyAudit()).toMatchObject({ ok: true });
    });

    it('fails the commit, writing nothing, when an unsealed row has no valid seal template', async () => {
      const store = await openFresh();
      await expect(
        sql`insert into audit_log (seq, at, action, entity, changes, prev_hash, hash)
          values (-nextval('audit_pending_seq'), '2026-03-01T09:00:00.000Z', 'create', 'center', '[]', '', 'not a template')`.execute(
          store.db,
        ),
      ).rejects.toThrow(/has no valid seal template/);
      expect(await auditRows(store)).toEqual([]);
      expect(await head(store)).toMatchObject({ last_seq: 0 });
    });
  });
}
