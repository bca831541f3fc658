/**
 * The storage contract suite (issue 5 item 1): one behavioural suite that every `Store` adapter must
 * pass, run by sqlite.test.ts (in memory and on a file) and postgres.test.ts (a real server). It
 * checks what callers rely on — centre isolation, versions, reasons, the audit chain and its tamper
 * detection, derived results, all-or-nothing imports, backup round trips across dialects, accounts —
 * through the public interface, touching tables directly only to tamper with them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildCreate, ChildFormKind, ImportBatch, ImportPatient, PatientCreate } from '@mmreg/contracts';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { hashAuditRecord } from '../audit-trail.ts';
import type { KyselyStore } from '../kysely-store.ts';
import { type AccessScope, type Actor, StoreError, type StoreSnapshot } from '../store.ts';

/** A clock the tests move by hand. */
export class TestClock {
  #time: number;

  constructor(iso = '2026-03-01T09:00:00.000Z') {
    this.#time = Date.parse(iso);
  }

  readonly now = (): Date => new Date(this.#time);

  advanceSeconds(seconds: number): void {
    this.#time += seconds * 1000;
  }
}

export interface StoreContractTarget {
  /** A fresh, empty, migrated store. */
  open(clock: TestClock): Promise<KyselyStore>;
  /** Opens the same database as `store` again (file and server databases only). */
  reopen?: ((store: KyselyStore, clock: TestClock) => Promise<KyselyStore>) | undefined;
  /** Empty stores of each dialect a backup must restore into (cross-dialect round trips). */
  restoreTargets: ReadonlyArray<{ readonly name: string; open(clock: TestClock): Promise<KyselyStore> }>;
}

const system: Actor = { userId: null, username: 'system' };
const writer: Actor = { userId: null, username: 'tester' };

interface Seeded {
  readonly store: KyselyStore;
  readonly clock: TestClock;
  readonly studyId: number;
  readonly centerA: number;
  readonly centerB: number;
  readonly coordinator: AccessScope;
  readonly investigatorA: AccessScope;
  readonly monitorA: AccessScope;
  readonly investigatorB: AccessScope;
}

export function patientInput(code: string, centerId: number, overrides: Partial<PatientCreate> = {}): PatientCreate {
  return {
    code,
    centerId,
    sex: 'female',
    birthYear: 1948,
    diagnosisDate: '2005-11-02',
    priorMyelomaDiagnosisDate: null,
    heavyChain: 'IgG',
    lightChain: 'kappa',
    isNonSecretory: false,
    pbPlasmaCellsPercent: 30,
    wbcPer1e9L: 12,
    hemoglobinGPerDl: 8.9,
    plateletsPer1e9L: 90,
    creatinineMgPerDl: 1.4,
    extramedullarySites: ['pleura'],
    karyotype: 'del13',
    notes: null,
    ...overrides,
  } as PatientCreate;
}

function courseInput(overrides: Readonly<Record<string, unknown>> = {}): ChildCreate<'courses'> {
  return {
    regimen: 'bortezomib-dexamethasone',
    agents: ['bortezomib', 'dexamethasone'],
    startDate: '2006-01-10',
    endDate: null,
    plannedBortezomibDoseMgPerM2: 1.3,
    schedule: 'days-1-4-8-11',
    plannedCycles: 4,
    cycleLengthDays: 21,
    heightCm: 165,
    weightKg: 62,
    isIndexTherapy: true,
    ...overrides,
  } as ChildCreate<'courses'>;
}

function labInput(date: string, test: string, value: number, unit: string): ChildCreate<'assessments'> {
  return { date, test, value, result: null, unit } as ChildCreate<'assessments'>;
}

/** A valid create input of every repeating form (administrations and AEs refer to `courseId`). */
function childInputs(courseId: number): { [TKind in ChildFormKind]: ChildCreate<TKind> } {
  return {
    'prior-therapies': {
      lineNumber: 1,
      regimen: 'VAD',
      agents: ['vincristine', 'doxorubicin', 'dexamethasone'],
      startDate: '2004-01-05',
      endDate: '2004-05-30',
      isAutologousTransplant: false,
      bestResponse: 'PR',
    },
    courses: courseInput({ startDate: '2007-01-10', isIndexTherapy: false }),
    administrations: {
      courseId,
      date: '2006-01-10',
      agent: 'bortezomib',
      cycle: 1,
      day: 1,
      doseMg: 2.2,
      modification: null,
    },
    assessments: labInput('2006-01-08', 'serum_m_protein', 38, 'g/L'),
    'adverse-events': {
      term: 'Peripheral sensory neuropathy',
      ctcaeVersion: 'v3',
      grade: 2,
      onsetDate: '2006-02-01',
      resolutionDate: null,
      isSerious: false,
      attribution: 'probable',
      action: 'dose-reduced',
      courseId,
    },
    'follow-up': {
      date: '2006-06-30',
      vitalStatus: 'alive',
      deathDate: null,
      causeOfDeath: null,
      notes: null,
    },
  } as { [TKind in ChildFormKind]: ChildCreate<TKind> };
}

/** An update of one field per form, and the field it changes. */
const childUpdates: { readonly [TKind in ChildFormKind]: { readonly field: string; readonly value: unknown } } = {
  'prior-therapies': { field: 'regimen', value: 'VAD x4' },
  courses: { field: 'plannedCycles', value: 6 },
  administrations: { field: 'doseMg', value: 1.8 },
  assessments: { field: 'value', value: 36 },
  'adverse-events': { field: 'grade', value: 3 },
  'follow-up': { field: 'notes', value: 'phone contact' },
};

async function expectStoreError(
  promise: Promise<unknown>,
  code: StoreError['code'],
  field?: string,
): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    const storeError = error as StoreError;
    expect({ code: storeError.code, message: storeError.message }).toMatchObject({ code });
    if (field !== undefined) expect(storeError.field).toBe(field);
    return storeError;
  }
  throw new Error(`expected a StoreError ${code}, but the call succeeded`);
}

async function rowCount(store: KyselyStore, table: string): Promise<number> {
  const result = await sql<{
    count: number;
  }>`select cast(count(*) as integer) as count from ${sql.table(table)}`.execute(store.db);
  return Number(result.rows[0]?.count ?? -1);
}

export function describeStoreContract(name: string, target: StoreContractTarget): void {
  describe(`Store contract (${name})`, () => {
    const opened: KyselyStore[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    async function open(clock = new TestClock()): Promise<KyselyStore> {
      const store = await target.open(clock);
      opened.push(store);
      return store;
    }

    async function seed(): Promise<Seeded> {
      const clock = new TestClock();
      const store = await open(clock);
      const study = await store.createStudy({ code: 'MM-PCL', title: 'PCL survey' }, { actor: system });
      const centerA = await store.createCenter(
        { studyId: study.id, code: 'BARI', name: 'Ospedale A', city: 'Bari' },
        { actor: system },
      );
      const centerB = await store.createCenter(
        { studyId: study.id, code: 'ROMA', name: 'Ospedale B', city: 'Roma' },
        { actor: system },
      );
      return {
        store,
        clock,
        studyId: study.id,
        centerA: centerA.id,
        centerB: centerB.id,
        coordinator: { studyId: study.id, readCenters: 'all', writeCenters: 'all' },
        investigatorA: { studyId: study.id, readCenters: [centerA.id], writeCenters: [centerA.id] },
        monitorA: { studyId: study.id, readCenters: [centerA.id], writeCenters: [] },
        investigatorB: { studyId: study.id, readCenters: [centerB.id], writeCenters: [centerB.id] },
      };
    }

    describe('openStore', () => {
      if (target.reopen !== undefined) {
        const reopen = target.reopen;
        it('keeps data and runs no migration twice when a database is opened again', async () => {
          const { store, clock, coordinator, centerA } = await seed();
          await store.createPatient(coordinator, patientInput('P-001', centerA), { actor: writer });
          const before = await store.contentHash();
          await store.close();
          opened.splice(opened.indexOf(store), 1);
          const again = await reopen(store, clock);
          opened.push(again);
          expect(await again.contentHash()).toBe(before);
          const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(again.db);
          expect(migrations.rows.map((row) => row.name)).toEqual([
            '0001-initial-schema',
            '0002-postgres-audit-sealing',
          ]);
          expect((await again.listPatients(coordinator)).map((patient) => patient.code)).toEqual(['P-001']);
        });
      }

      it('starts an empty database with a valid, empty audit chain', async () => {
        const store = await open();
        expect(await store.verifyAudit()).toEqual({ ok: true, records: 0, lastHash: '0'.repeat(64) });
        expect(await store.listStudies()).toEqual([]);
      });
    });

    describe('patients and forms', () => {
      it('creates, reads, lists and updates a patient with a version per change', async () => {
        const { store, coordinator, centerA } = await seed();
        const created = await store.createPatient(coordinator, patientInput('P-001', centerA), { actor: writer });
        expect(created).toMatchObject({ code: 'P-001', centerId: centerA, version: 1, formStatus: 'incomplete' });
        expect(created.extramedullarySites).toEqual(['pleura']);
        expect(created.isNonSecretory).toBe(false);
        expect(await store.getPatient(coordinator, created.id)).toEqual(created);
        const updated = await store.updatePatient(
          coordinator,
          created.id,
          { version: 1, hemoglobinGPerDl: 9.4, isNonSecretory: true },
          { actor: writer },
        );
        expect(updated).toMatchObject({ version: 2, hemoglobinGPerDl: 9.4, isNonSecretory: true, birthYear: 1948 });
        expect(await store.listPatients(coordinator)).toEqual([updated]);
      });

      it('creates, lists, updates and deletes a record of every repeating form, each write audited', async () => {
        const { store, coordinator, centerA } = await seed();
        const patient = await store.createPatient(coordinator, patientInput('P-001', centerA), { actor: writer });
        const index = await store.createChild(coordinator, patient.id, 'courses', courseInput(), { actor: writer });
        const inputs = childInputs(index.id);
        for (const kind of Object.keys(inputs) as ChildFormKind[]) {
          const created = await store.createChild(coordinator, patient.id, kind, inputs[kind], { actor: writer });
          expect(created).toMatchObject({ patientId: patient.id, version: 1, formStatus: 'incomplete' });
          const listed = await store.listChildren(coordinator, patient.id, kind);
          expect(listed).toContainEqual(created);
          const { field, value } = childUpdates[kind];
          const updated = await store.updateChild(
            coordinator,
            patient.id,
            kind,
            created.id,
            { version: 1, [field]: value } as never,
            { actor: writer },
          );
          expect(updated).toMatchObject({ version: 2, [field]: value });
          const audit = await store.listAudit(coordinator, { patientId: patient.id });
          const last = audit.at(-1);
          expect(last).toMatchObject({ action: 'update', entity: kind, entityId: created.id, username: 'tester' });
          expect(last?.changes).toContainEqual({ field, old: (created as Record<string, unknown>)[field], new: value });
          await store.deleteChild(coordinator, patient.id, kind, created.id, { actor: writer, version: 2 });
          expect((await store.listChildren(coordinator, patient.id, kind)).map((row) => row.id)).not.toContain(
            created.id,
          );
          expect((await store.listAudit(coordinator, { patientId: patient.id })).at(-1)).toMatchObject({
            action: 'delete',
            entity: kind,
            entityId: created.id,
          });
        }
      });

      it('stores a laboratory value with its canonical unit value when the unit is not canonical', async () => {
        const { store, coordinator, centerA } = await seed();
        const patient = await store.createPatient(coordinator, patientInput('P-001', centerA), { actor: writer });
        const lab = await store.createChild(
          coordinator,
          patient.id,
          'assessments',
          labInput('2006-01-08', 'serum_m_protein', 38, 'g/L'),
          { actor: writer },
        );
        expect(lab).toMatchObject({ value: 38, unit: 'g/L' });
        expect(lab.canonicalValue).toBeCloseTo(3.8, 12);
      });

      it('refuses an administration that refers to another patient’s course as invalid courseId', async () => {
        const { store, coordinator, centerA } = await seed();
        const first = await store.createPatient(coordinator, patientInput('P-001', centerA), { actor: writer });
        const second = await store.createPatient(coordinator, patientInput('P-002', centerA), { actor: writer });
        const course = await store.createChild(coordinator, first.id, 'courses', courseInput(), { actor: writer });
        await expectStoreError(
          store.createChild(coordinator, second.id, 'administrations', childInputs(course.id).administrations, {
            actor: writer,
          }),
          'invalid',
          'courseId',
        );
      });

      it('refuses a second patient with the same code in one centre as duplicate', async () => {
        const { store, coordinator, investigatorA, centerA } = await seed();
        await store.createPatient(coordinator, patientInput('P-001', centerA), { actor: writer });
        await expectStoreError(
          store.createPatient(investigatorA, patientInput('P-001', centerA), { actor: writer }),
          'duplicate',
          'code',
        );
        expect(await store.listPatients(coordinator)).toHaveLength(1);
      });

      it('registers the same code at two centres as two patients, so no centre learns the other’s codes', async () => {
        const { store, coordinator, investigatorB, centerA, centerB } = await seed();
        await store.createPatient(coordinator, patientInput('P-001', centerA), { actor: writer });
        const second = await store.createPatient(investigatorB, patientInput('P-001', centerB), { actor: writer });
        expect(second).toMatchObject({ code: 'P-001', centerId: centerB });
        expect(await store.listPatients(coordinator)).toHaveLength(2);
        expect((await store.listPatients(investigatorB)).map((patient) => patient.centerId)).toEqual([centerB]);
      });
    });

    describe('centre isolation', () => {
      it('answers not-found for another centre’s patient on every patient-level call', async () => {
        const { store, coordinator, investigatorA, centerB } = await seed();
        const other = await store.createPatient(coordinator, patientInput('P-B1', centerB), { actor: writer });
        const course = await store.createChild(coordinator, other.id, 'courses', courseInput(), { actor: writer });
        const calls: Array<() => Promise<unknown>> = [
          () => store.getPatient(investigatorA, other.id),
          () => store.updatePatient(investigatorA, other.id, { version: 1, notes: 'x' }, { actor: writer }),
          () => store.listChildren(investigatorA, other.id, 'courses'),
          () =>
            store.createChild(investigatorA, other.id, 'assessments', labInput('2006-02-01', 'wbc', 5, '10^9/L'), {
              actor: writer,
            }),
          () =>
            store.updateChild(
              investigatorA,
              other.id,
              'courses',
              course.id,
              { version: 1, plannedCycles: 2 },
              {
                actor: writer,
              },
            ),
          () => store.deleteChild(investigatorA, other.id, 'courses', course.id, { actor: writer, version: 1 }),
          () => store.getDerived(investigatorA, other.id),
          () => store.listAudit(investigatorA, { patientId: other.id }),
        ];
        for (const call of calls) await expectStoreError(call(), 'not-found');
        expect(await store.getPatient(coordinator, other.id)).toMatchObject({ version: 1, notes: null });
      });

      it('answers forbidden to a monitor’s writes and lets the monitor read', async () => {
        const { store, coordinator, monitorA, centerA } = await seed();
        const patient = await store.createPatient(coordinator, patientInput('P-A1', centerA), { actor: writer });
        expect(await store.getPatient(monitorA, patient.id)).toMatchObject({ code: 'P-A1' });
        await expectStoreError(
          store.updatePatient(monitorA, patient.id, { version: 1, notes: 'x' }, { actor: writer }),
          'forbidden',
        );
        await expectStoreError(
          store.createChild(monitorA, patient.id, 'courses', courseInput(), { actor: writer }),
          'forbidden',
        );
        await expectStoreError(
          store.createPatient(monitorA, patientInput('P-A2', centerA), { actor: writer }),
          'forbidden',
          'centerId',
        );
        expect(await store.listPatients(coordinator)).toHaveLength(1);
      });

      it('scopes lists, study data and the audit trail to the caller’s centres', async () => {
        const { store, coordinator, investigatorA, centerA, centerB } = await seed();
        await store.createPatient(coordinator, patientInput('P-A1', centerA), { actor: writer });
        const b = await store.createPatient(coordinator, patientInput('P-B1', centerB), { actor: writer });
        await store.createChild(coordinator, b.id, 'courses', courseInput(), { actor: writer });
        expect((await store.listPatients(investigatorA)).map((patient) => patient.code)).toEqual(['P-A1']);
        expect(await store.listPatients(investigatorA, { centerId: centerB })).toEqual([]);
        const data = await store.loadStudyData(investigatorA);
        expect(data.patients.map((entry) => entry.patient.code)).toEqual(['P-A1']);
        expect(data.centers.map((center) => center.id)).toEqual([centerA]);
        expect(data.patients.flatMap((entry) => entry.courses)).toEqual([]);
        const audit = await store.listAudit(investigatorA);
        expect(audit.length).toBeGreaterThan(0);
        expect(audit.every((record) => record.centerId === centerA)).toBe(true);
        const all = await store.loadStudyData(coordinator);
        expect(all.patients.map((entry) => entry.patient.code)).toEqual(['P-A1', 'P-B1']);
        expect(all.patients[1]?.courses).toHaveLength(1);
      });

      it('refuses to move a patient to another centre through an update', async () => {
        const { store, coordinator, centerA, centerB } = await seed();
        const patient = await store.createPatient(coordinator, patientInput('P-A1', centerA), { actor: writer });
        await expectStoreError(
          store.updatePatient(coordinator, patient.id, { version: 1, centerId: centerB } as never, { actor: writer }),
          'invalid',
          'centerId',
        );
        expect((await store.getPatient(coordinator, patient.id)).centerId).toBe(centerA);
      });
    });

    describe('optimistic concurrency and reasons', () => {
      it('refuses a stale version as conflict and leaves the record unchanged', async () => {
        const { store, coordinator, centerA } = await seed();
        const patient = await store.createPatient(coordinator, patientInput('P-A1', centerA), { actor: writer });
        await store.updatePatient(coordinator, patient.id, { version: 1, notes: 'first' }, { actor: writer });
        await expectStoreError(
          store.updatePatient(coordinator, patient.id, { version: 1, notes: 'second' }, { actor: writer }),
          'conflict',
          'version',
        );
        expect(await store.getPatient(coordinator, patient.id)).toMatchObject({ version: 2, notes: 'first' });
      });

      it('lets exactly one of two concurrent updates of the same version win', async () => {
        const { store, coordinator, centerA } = await seed();
        const patient = await store.createPatient(coordinator, patientInput('P-A1', centerA), { actor: writer });
        const results = await Promise.allSettled([
          store.updatePatient(coordinator, patient.id, { version: 1, notes: 'left' }, { actor: writer }),
          store.updatePatient(coordinator, patient.id, { version: 1, notes: 'right' }, { actor: writer }),
        ]);
        const fulfilled = results.filter((result) => result.status === 'fulfilled');
        const rejected = results.filter((result) => result.status === 'rejected');
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
        const stored = await store.getPatient(coordinator, patient.id);
        expect(stored.version).toBe(2);
        expect(stored.notes).toBe((fulfilled[0] as PromiseFulfilledResult<{ notes: string }>).value.notes);
        expect(await store.verifyAudit()).toMatchObject({ ok: true });
      });

      it('keeps the audit chain linear under many concurrent writers', async () => {
        const { store, coordinator, centerA } = await seed();
        await Promise.all(
          Array.from({ length: 12 }, (_, index) =>
            store.createPatient(coordinator, patientInput(`P-${index}`, centerA), { actor: writer }),
          ),
        );
        expect(await store.listPatients(coordinator)).toHaveLength(12);
        expect(await store.verifyAudit()).toMatchObject({ ok: true });
      });

      it('requires a reason to change a complete form and records it', async () => {
        const { store, coordinator, centerA } = await seed();
        const patient = await store.createPatient(
          coordinator,
          patientInput('P-A1', centerA, { formStatus: 'complete' }),
          { actor: writer },
        );
        await expectStoreError(
          store.updatePatient(coordinator, patient.id, { version: 1, notes: 'late entry' }, { actor: writer }),
          'reason-required',
          'reason',
        );
        const course = await store.createChild(
          coordinator,
          patient.id,
          'courses',
          { ...courseInput(), formStatus: 'complete' },
          { actor: writer },
        );
        await expectStoreError(
          store.deleteChild(coordinator, patient.id, 'courses', course.id, { actor: writer, version: 1 }),
          'reason-required',
        );
        const updated = await store.updatePatient(
          coordinator,
          patient.id,
          { version: 1, notes: 'late entry', reason: 'source document found' },
          { actor: writer },
        );
        expect(updated.version).toBe(2);
        const last = (await store.listAudit(coordinator, { patientId: patient.id })).at(-1);
        expect(last).toMatchObject({ action: 'update', reason: 'source document found' });
        expect(last?.changes).toEqual([{ field: 'notes', old: null, new: 'late entry' }]);
      });
    });

    describe('audit trail', () => {
      async function withHistory(): Promise<Seeded> {
        const seeded = await seed();
        const { store, coordinator, centerA } = seeded;
        const patient = await store.createPatient(coordinator, patientInput('P-A1', centerA), { actor: writer });
        await store.updatePatient(coordinator, patient.id, { version: 1, notes: 'one' }, { actor: writer });
        await store.updatePatient(coordinator, patient.id, { version: 2, notes: 'two' }, { actor: writer });
        return seeded;
      }

      it('verifies an untouched chain of records in sequence', async () => {
        const { store, coordinator } = await withHistory();
        const records = await store.listAudit(coordinator);
        expect(records.map((record) => record.seq)).toEqual(records.map((_, index) => index + 1));
        expect(records.slice(1).every((record, index) => record.prevHash === records[index]?.hash)).toBe(true);
        expect(await store.verifyAudit()).toMatchObject({ ok: true, records: records.length });
      });

      it('lists every record of every study, unscoped, for the administrator export', async () => {
        const { store, coordinator } = await withHistory();
        const other = await store.createStudy({ code: 'OTHER', title: 'Another study' }, { actor: system });
        await store.createCenter({ studyId: other.id, code: 'X', name: 'Centre X', city: 'X' }, { actor: system });
        const all = await store.listAllAudit();
        expect(all.map((record) => record.seq)).toEqual(all.map((_, index) => index + 1));
        expect(all.length).toBeGreaterThan((await store.listAudit(coordinator)).length);
        expect(
          all.some((record) => record.entity === 'center' && record.changes.some((change) => change.new === 'X')),
        ).toBe(true);
        expect((await store.listAllAudit({ afterSeq: 2, limit: 3 })).map((record) => record.seq)).toEqual([3, 4, 5]);
      });

      it('hashes records holding any text and number exactly as verification recomputes them', async () => {
        // On PostgreSQL the database seals the records (ADR 0008): its text must be canonicalJson's.
        const { store, coordinator, centerA, clock } = await seed();
        const awkward = 'quote " backslash \\ tab \t newline \n ctrl \u0001\u001f line sep \u2028 àé 中文 🧪 </script>';
        const patient = await store.createPatient(coordinator, patientInput('P-ODD', centerA, { notes: awkward }), {
          actor: { userId: null, username: 'zoë "admin"' },
        });
        clock.advanceSeconds(1);
        for (const value of [1e21, 1e-7, 0.1 + 0.2, -0, 123456789.125, 5e-324]) {
          await store.createChild(coordinator, patient.id, 'assessments', labInput('2006-01-08', 'wbc', value, '/uL'), {
            actor: writer,
          });
        }
        const records = await store.listAudit(coordinator);
        expect(records.map((record) => record.seq)).toEqual(records.map((_, index) => index + 1));
        for (const record of records) {
          const { hash, ...withoutHash } = record;
          expect(hash, `record ${record.seq}`).toBe(hashAuditRecord(withoutHash));
        }
        expect(records.some((record) => record.changes.some((change) => change.new === awkward))).toBe(true);
        expect(records.some((record) => record.changes.some((change) => change.new === 1e21))).toBe(true);
        expect(await store.verifyAudit()).toMatchObject({ ok: true, records: records.length });
      });

      it('chains the many records of one write in the order it wrote them, with nothing left unsealed', async () => {
        const { store, coordinator, centerA } = await seed();
        const before = (await store.listAudit(coordinator)).length;
        const codes = ['IMP-3', 'IMP-1', 'IMP-2'];
        await store.importBatch(
          coordinator,
          {
            sources: ['labs.csv'],
            patients: codes.map((code) => ({
              code,
              patient: patientInput(code, centerA),
              children: { assessments: [labInput('2006-01-08', 'wbc', 5400, '/uL')] },
            })),
          },
          { actor: writer, dryRun: false },
        );
        const records = (await store.listAudit(coordinator)).slice(before);
        expect(records.length).toBeGreaterThanOrEqual(codes.length * 2);
        expect(records.map((record) => record.seq)).toEqual(records.map((_, index) => before + index + 1));
        expect(new Set(records.map((record) => record.at)).size).toBe(1);
        const created = records.filter((record) => record.entity === 'patient').map((record) => record.changes);
        expect(created.map((changes) => changes.find((change) => change.field === 'code')?.new)).toEqual(codes);
        const unsealed = await sql<{ count: number }>`select cast(count(*) as integer) as count from audit_log
          where seq <= 0 or length(hash) <> 64 or length(prev_hash) <> 64`.execute(store.db);
        expect(unsealed.rows[0]?.count).toBe(0);
        expect(await store.verifyAudit()).toMatchObject({ ok: true });
      });

      it('detects an edited field', async () => {
        const { store } = await withHistory();
        await sql`update audit_log set changes = ${JSON.stringify([{ field: 'notes', old: null, new: 'forged' }])} where seq = 4`.execute(
          store.db,
        );
        expect(await store.verifyAudit()).toMatchObject({ ok: false, seq: 4 });
      });

      it('detects a deleted record in the middle and at the end', async () => {
        const { store } = await withHistory();
        await sql`delete from audit_log where seq = 3`.execute(store.db);
        expect(await store.verifyAudit()).toMatchObject({ ok: false, seq: 3 });
        const other = await withHistory();
        const last = (await other.store.verifyAudit()) as { records: number };
        await sql`delete from audit_log where seq = ${last.records}`.execute(other.store.db);
        const verification = await other.store.verifyAudit();
        expect(verification.ok).toBe(false);
      });

      it('detects reordered records', async () => {
        const { store } = await withHistory();
        await sql`update audit_log set seq = -1 where seq = 4`.execute(store.db);
        await sql`update audit_log set seq = 4 where seq = 5`.execute(store.db);
        await sql`update audit_log set seq = 5 where seq = -1`.execute(store.db);
        expect(await store.verifyAudit()).toMatchObject({ ok: false, seq: 4 });
      });
    });

    describe('derived results', () => {
      it('explains why nothing is derived before a course exists, then recomputes when a lab is added', async () => {
        const { store, coordinator, centerA } = await seed();
        const patient = await store.createPatient(coordinator, patientInput('P-A1', centerA), { actor: writer });
        const empty = await store.getDerived(coordinator, patient.id);
        expect(empty.results).toMatchObject({ status: 'not-derived' });
        expect((empty.results as { reason: string }).reason).toContain('no treatment course');
        await store.createChild(coordinator, patient.id, 'courses', courseInput(), { actor: writer });
        await store.createChild(
          coordinator,
          patient.id,
          'assessments',
          labInput('2006-01-08', 'serum_m_protein', 4.2, 'g/dL'),
          { actor: writer },
        );
        const before = await store.getDerived(coordinator, patient.id);
        expect(before.results).toMatchObject({ status: 'derived', bestResponse: null });
        for (const [date, value] of [
          ['2006-02-10', 1.6],
          ['2006-03-10', 1.5],
        ] as const) {
          await store.createChild(
            coordinator,
            patient.id,
            'assessments',
            labInput(date, 'serum_m_protein', value, 'g/dL'),
            { actor: writer },
          );
        }
        const after = await store.getDerived(coordinator, patient.id);
        expect(after.inputHash).not.toBe(before.inputHash);
        const results = after.results as {
          bestResponse: { category: string; reason: string };
          response: { timepoints: Array<{ date: string; category: string; reason: string }> };
          endpoints: { pfs: { explanation: { text: string } } };
        };
        expect(results.bestResponse.category).toBe('PR');
        expect(results.bestResponse.reason).toContain('PR');
        expect(results.response.timepoints[0]).toMatchObject({ date: '2006-02-10', category: 'PR' });
        expect(results.response.timepoints[0]?.reason).toContain('serum M-protein');
        expect(results.endpoints.pfs.explanation.text).toContain('PFS');
      });
    });

    describe('importBatch', () => {
      function batchOf(centerId: number, extra: ImportBatch['patients'] = []): ImportBatch {
        return {
          sources: ['patients.csv', 'labs.csv'],
          patients: [
            {
              code: 'IMP-1',
              patient: patientInput('IMP-1', centerId),
              children: {
                courses: [courseInput()],
                assessments: [
                  labInput('2006-01-08', 'serum_m_protein', 4.2, 'g/dL'),
                  labInput('2006-02-10', 'serum_m_protein', 1.6, 'g/dL'),
                ],
              },
            },
            ...extra,
          ],
        };
      }

      it('writes every row in one transaction with one import audit record per row', async () => {
        const { store, investigatorA, centerA } = await seed();
        const summary = await store.importBatch(investigatorA, batchOf(centerA), { actor: writer, dryRun: false });
        expect(summary).toMatchObject({
          dryRun: false,
          patientsCreated: 1,
          patientsUpdated: 0,
          rowsAdded: { courses: 1, assessments: 2 },
          rowsUnchanged: 0,
        });
        const [patient] = await store.listPatients(investigatorA);
        expect(patient?.code).toBe('IMP-1');
        const audit = await store.listAudit(investigatorA, { patientId: patient?.id as number });
        expect(audit.map((record) => record.action)).toEqual(['import', 'import', 'import', 'import']);
        expect(audit[0]?.reason).toContain('patients.csv');
        expect((await store.getDerived(investigatorA, patient?.id as number)).results).toMatchObject({
          status: 'derived',
        });
      });

      it('skips rows already stored when the same batch is imported again', async () => {
        const { store, investigatorA, centerA } = await seed();
        await store.importBatch(investigatorA, batchOf(centerA), { actor: writer, dryRun: false });
        const hash = await store.contentHash();
        const again = await store.importBatch(investigatorA, batchOf(centerA), { actor: writer, dryRun: false });
        expect(again).toMatchObject({ patientsCreated: 0, patientsUpdated: 0, rowsAdded: {}, rowsUnchanged: 3 });
        expect(await store.contentHash()).toBe(hash);
      });

      it('writes nothing when one row of the batch is bad', async () => {
        const { store, investigatorA, centerA } = await seed();
        const hash = await store.contentHash();
        const bad = batchOf(centerA, [
          {
            code: 'IMP-2',
            patient: patientInput('IMP-2', centerA),
            children: { assessments: [labInput('2006-01-08', 'serum_m_protein', 4.2, 'furlongs')] },
          },
        ]);
        const error = await expectStoreError(
          store.importBatch(investigatorA, bad, { actor: writer, dryRun: false }),
          'invalid',
        );
        expect(error.message).toContain('IMP-2');
        expect(await store.contentHash()).toBe(hash);
        expect(await store.listPatients(investigatorA)).toEqual([]);
      });

      it('never consults another centre: a code used there is imported as a new patient of the importer’s centre', async () => {
        const { store, coordinator, investigatorA, centerA, centerB } = await seed();
        const other = await store.createPatient(coordinator, patientInput('IMP-1', centerB), { actor: writer });
        const summary = await store.importBatch(investigatorA, batchOf(centerA), { actor: writer, dryRun: false });
        expect(summary).toMatchObject({ patientsCreated: 1, patientsUpdated: 0 });
        const mine = await store.listPatients(investigatorA);
        expect(mine.map((patient) => [patient.code, patient.centerId])).toEqual([['IMP-1', centerA]]);
        expect(await store.getPatient(coordinator, other.id)).toEqual(other);
      });

      it('answers for rows of another centre’s code exactly as for a code never used', async () => {
        const { store, coordinator, investigatorA, centerA, centerB } = await seed();
        await store.createPatient(coordinator, patientInput('IMP-1', centerB), { actor: writer });
        const withoutEnrolment = (code: string): ImportBatch => {
          const { patient: _ignored, ...rest } = batchOf(centerA).patients[0] as ImportPatient;
          return { sources: ['labs.csv'], patients: [{ ...rest, code }] };
        };
        const hash = await store.contentHash();
        const taken = await expectStoreError(
          store.importBatch(investigatorA, withoutEnrolment('IMP-1'), { actor: writer, dryRun: false }),
          'invalid',
          'code',
        );
        const unused = await expectStoreError(
          store.importBatch(investigatorA, withoutEnrolment('NEVER-1'), { actor: writer, dryRun: false }),
          'invalid',
          'code',
        );
        expect(taken.message.replace('IMP-1', 'X')).toBe(unused.message.replace('NEVER-1', 'X'));
        expect(await store.contentHash()).toBe(hash);
      });

      it('reports what a dry run would change and writes nothing', async () => {
        const { store, investigatorA, centerA } = await seed();
        const hash = await store.contentHash();
        const summary = await store.importBatch(investigatorA, batchOf(centerA), { actor: writer, dryRun: true });
        expect(summary).toMatchObject({ dryRun: true, patientsCreated: 1, rowsAdded: { courses: 1, assessments: 2 } });
        expect(summary.changes.join('\n')).toContain('IMP-1');
        expect(await store.contentHash()).toBe(hash);
        expect(await rowCount(store, 'patients')).toBe(0);
      });
    });

    describe('backup and restore', () => {
      async function populated(): Promise<Seeded> {
        const seeded = await seed();
        const { store, coordinator, centerA, centerB } = seeded;
        const user = await store.createUser(
          { username: 'inv.bari', displayName: 'Investigator Bari', password: 'correct horse' },
          { actor: system },
        );
        await store.addMembership(
          user.id,
          { studyId: seeded.studyId, centerId: centerA, role: 'investigator' },
          {
            actor: system,
          },
        );
        await store.createApiToken(user.id, 'nightly export', { actor: system });
        await store.createSession(user.id, 3600);
        await store.importBatch(coordinator, batchOf(centerA), { actor: writer, dryRun: false });
        const b = await store.createPatient(coordinator, patientInput('P-B1', centerB), { actor: writer });
        const course = await store.createChild(coordinator, b.id, 'courses', courseInput(), { actor: writer });
        const inputs = childInputs(course.id);
        for (const kind of Object.keys(inputs) as ChildFormKind[]) {
          await store.createChild(coordinator, b.id, kind, inputs[kind], { actor: writer });
        }
        await store.recordLoginFailure('someone');
        return seeded;
      }

      function batchOf(centerId: number): ImportBatch {
        return {
          sources: ['labs.csv'],
          patients: [
            {
              code: 'IMP-1',
              patient: patientInput('IMP-1', centerId),
              children: { courses: [courseInput()], assessments: [labInput('2006-01-08', 'wbc', 5400, '/uL')] },
            },
          ],
        };
      }

      it('restores a backup file into each dialect with the same content hash and a valid chain', async () => {
        const { store } = await populated();
        const hash = await store.contentHash();
        const directory = mkdtempSync(join(tmpdir(), 'mmreg-backup-'));
        try {
          const file = join(directory, 'backup.json');
          writeFileSync(file, JSON.stringify(await store.exportSnapshot()));
          for (const restoreTarget of target.restoreTargets) {
            const restored = await restoreTarget.open(new TestClock('2026-04-01T00:00:00.000Z'));
            opened.push(restored);
            await restored.restoreSnapshot(JSON.parse(readFileSync(file, 'utf8')) as StoreSnapshot);
            expect(await restored.contentHash(), restoreTarget.name).toBe(hash);
            expect(await restored.verifyAudit(), restoreTarget.name).toMatchObject({ ok: true });
            const records = await restored.listAudit({ studyId: 1, readCenters: 'all', writeCenters: 'all' });
            expect(records.at(-1), restoreTarget.name).toMatchObject({ action: 'restore' });
            expect(await rowCount(restored, 'sessions')).toBe(0);
            // Ids continue after the restored ones.
            const next = await restored.createPatient(
              { studyId: 1, readCenters: 'all', writeCenters: 'all' },
              patientInput('P-NEW', 1),
              { actor: writer },
            );
            expect(next.id).toBe(3);
          }
        } finally {
          rmSync(directory, { recursive: true, force: true });
        }
      });

      it('restores a backup of schema 0001 (same tables) and refuses an unknown schema', async () => {
        const { store } = await populated();
        const hash = await store.contentHash();
        const snapshot = await store.exportSnapshot();
        expect(snapshot.schemaVersion).toBe('0002-postgres-audit-sealing');
        const older = await target.restoreTargets[0]?.open(new TestClock('2026-04-01T00:00:00.000Z'));
        if (older === undefined) throw new Error('no restore target');
        opened.push(older);
        await older.restoreSnapshot({ ...snapshot, schemaVersion: '0001-initial-schema' });
        expect(await older.contentHash()).toBe(hash);
        expect(await older.verifyAudit()).toMatchObject({ ok: true });
        const newer = await open();
        await expectStoreError(
          newer.restoreSnapshot({ ...snapshot, schemaVersion: '0003-future' }),
          'invalid',
          'schemaVersion',
        );
        expect(await rowCount(newer, 'audit_log')).toBe(0);
      });

      it('refuses to restore into a database that has content', async () => {
        const { store } = await populated();
        const snapshot = await store.exportSnapshot();
        await expectStoreError(store.restoreSnapshot(snapshot), 'invalid', 'database');
      });

      it('keeps the content hash when only login failures change and changes it for any content', async () => {
        const { store, coordinator } = await populated();
        const hash = await store.contentHash();
        await store.recordLoginFailure('someone');
        await store.clearLoginFailures('someone');
        expect(await store.contentHash()).toBe(hash);
        const user = await store.findUser('inv.bari');
        await store.createSession(user?.id as number, 60);
        const afterLogin = await store.contentHash();
        expect(afterLogin, 'a login is an audit record').not.toBe(hash);
        const [patient] = await store.listPatients(coordinator);
        await store.updatePatient(coordinator, patient?.id as number, { version: 1, notes: 'x' }, { actor: writer });
        expect(await store.contentHash()).not.toBe(afterLogin);
      });
    });

    describe('accounts and authentication', () => {
      it('hashes passwords with argon2id and verifies them', async () => {
        const store = await open();
        const user = await store.createUser(
          { username: 'coord', displayName: 'Coordinator', password: 's3cret pass' },
          { actor: system },
        );
        expect(await store.verifyPassword('coord', 's3cret pass')).toMatchObject({ id: user.id, username: 'coord' });
        expect(await store.verifyPassword('coord', 'wrong')).toBeNull();
        expect(await store.verifyPassword('nobody', 's3cret pass')).toBeNull();
        const stored = await store.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
        expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
        await store.setPassword('coord', 'new pass', { actor: system });
        expect(await store.verifyPassword('coord', 's3cret pass')).toBeNull();
        expect(await store.verifyPassword('coord', 'new pass')).not.toBeNull();
        await expectStoreError(
          store.createUser({ username: 'coord', displayName: 'Again', password: 'x' }, { actor: system }),
          'duplicate',
          'username',
        );
      });

      it('returns memberships with the user', async () => {
        const { store, studyId, centerA } = await seed();
        const user = await store.createUser(
          { username: 'mon', displayName: 'Monitor', password: 'pw' },
          { actor: system },
        );
        const withRole = await store.addMembership(
          user.id,
          { studyId, centerId: centerA, role: 'monitor' },
          { actor: system },
        );
        expect(withRole.memberships).toEqual([{ studyId, centerId: centerA, role: 'monitor' }]);
        expect(await store.getUser(user.id)).toEqual(withRole);
        expect(await store.findUser('mon')).toEqual(withRole);
      });

      it('resolves a session by its token until it expires or is deleted, storing only a hash', async () => {
        const clock = new TestClock();
        const sessionStore = await target.open(clock);
        opened.push(sessionStore);
        const user = await sessionStore.createUser(
          { username: 'inv', displayName: 'Inv', password: 'pw' },
          { actor: system },
        );
        const { token, session } = await sessionStore.createSession(user.id, 600);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
        const resolved = await sessionStore.resolveSession(token);
        expect(resolved).toMatchObject({
          sessionId: session.sessionId,
          csrfToken: session.csrfToken,
          user: { id: user.id },
        });
        const stored = await sessionStore.db.selectFrom('sessions').select('token_hash').executeTakeFirstOrThrow();
        expect(stored.token_hash).not.toBe(token);
        expect(await sessionStore.resolveSession('not-a-token')).toBeNull();
        clock.advanceSeconds(601);
        expect(await sessionStore.resolveSession(token)).toBeNull();
        const second = await sessionStore.createSession(user.id, 600);
        await sessionStore.deleteSession(second.token);
        expect(await sessionStore.resolveSession(second.token)).toBeNull();
        const actions = (await sessionStore.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).map(
          (row) => row.action,
        );
        expect(actions).toEqual(['create', 'login', 'login', 'logout']);
        expect(await sessionStore.verifyAudit()).toMatchObject({ ok: true });
      });

      it('resolves an API token, stored hashed, and not a disabled user’s', async () => {
        const clock = new TestClock();
        const store = await open(clock);
        const user = await store.createUser(
          { username: 'bot', displayName: 'Script', password: 'pw' },
          { actor: system },
        );
        const { token } = await store.createApiToken(user.id, 'export', { actor: system });
        expect(await store.resolveApiToken(token)).toMatchObject({ id: user.id });
        expect(await store.resolveApiToken(`${token}x`)).toBeNull();
        const stored = await store.db.selectFrom('api_tokens').select('token_hash').executeTakeFirstOrThrow();
        expect(stored.token_hash).not.toBe(token);
        // Disabled from outside this store (another process): its resolved token lasts at most 2 s.
        await sql`update users set is_disabled = 1 where id = ${user.id}`.execute(store.db);
        expect(await store.verifyPassword('bot', 'pw')).toBeNull();
        expect(await store.resolveApiToken(token)).toMatchObject({ id: user.id });
        clock.advanceSeconds(2);
        expect(await store.resolveApiToken(token)).toBeNull();
      });

      it('reuses a resolved credential for at most 2 s and sees this store’s own changes at once', async () => {
        const { store, clock, studyId, centerA, centerB } = await seed();
        const user = await store.createUser(
          { username: 'inv2', displayName: 'Inv', password: 'pw' },
          { actor: system },
        );
        await store.addMembership(user.id, { studyId, centerId: centerA, role: 'investigator' }, { actor: system });
        const { token } = await store.createApiToken(user.id, 'script', { actor: system });
        const { token: sessionToken } = await store.createSession(user.id, 600);
        const centresOf = (resolved: { memberships: readonly { centerId: number | null }[] } | null) =>
          resolved?.memberships.map((membership) => membership.centerId);
        expect(centresOf(await store.resolveApiToken(token))).toEqual([centerA]);
        expect(centresOf((await store.resolveSession(sessionToken))?.user ?? null)).toEqual([centerA]);
        // Cached answers are shared: frozen, so no caller can alter another's.
        const cached = await store.resolveApiToken(token);
        expect(Object.isFrozen(cached) && Object.isFrozen(cached?.memberships[0])).toBe(true);
        // A grant through the store is seen by the next request, by token and by session.
        await store.addMembership(user.id, { studyId, centerId: centerB, role: 'investigator' }, { actor: system });
        expect(centresOf(await store.resolveApiToken(token))).toEqual([centerA, centerB]);
        expect(centresOf((await store.resolveSession(sessionToken))?.user ?? null)).toEqual([centerA, centerB]);
        // Logout and a password change end sessions at once, cached or not.
        await store.deleteSession(sessionToken);
        expect(await store.resolveSession(sessionToken)).toBeNull();
        const { token: another } = await store.createSession(user.id, 600);
        expect(await store.resolveSession(another)).not.toBeNull();
        await store.setPassword('inv2', 'new pw', { actor: system });
        expect(await store.resolveSession(another)).toBeNull();
        // A session resolved a moment before it expires still ends at its expiry.
        const { token: short } = await store.createSession(user.id, 1);
        expect(await store.resolveSession(short)).not.toBeNull();
        clock.advanceSeconds(1);
        expect(await store.resolveSession(short)).toBeNull();
        // A change from outside the store (another process) shows within 2 s.
        expect(centresOf(await store.resolveApiToken(token))).toEqual([centerA, centerB]);
        await sql`delete from memberships where user_id = ${user.id} and center_id = ${centerB}`.execute(store.db);
        expect(centresOf(await store.resolveApiToken(token))).toEqual([centerA, centerB]);
        clock.advanceSeconds(2);
        expect(centresOf(await store.resolveApiToken(token))).toEqual([centerA]);
      });

      it('counts login failures within a time window and clears them', async () => {
        const clock = new TestClock();
        const store = await target.open(clock);
        opened.push(store);
        for (let attempt = 0; attempt < 3; attempt += 1) await store.recordLoginFailure('user:inv');
        await store.recordLoginFailure('ip:127.0.0.1');
        expect(await store.countLoginFailures('user:inv', 60)).toBe(3);
        clock.advanceSeconds(30);
        await store.recordLoginFailure('user:inv');
        clock.advanceSeconds(45);
        expect(await store.countLoginFailures('user:inv', 60)).toBe(1);
        expect(await store.countLoginFailures('user:inv', 3600)).toBe(4);
        await store.clearLoginFailures('user:inv');
        expect(await store.countLoginFailures('user:inv', 3600)).toBe(0);
        expect(await store.countLoginFailures('ip:127.0.0.1', 3600)).toBe(1);
      });
    });
  });
}
