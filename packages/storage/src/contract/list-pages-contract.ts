/**
 * The list pages' part of the storage contract (issue 6 item 2, audit paging): the patient list with
 * its completeness over every form (one grouped query, never one per patient) and the audit trail in
 * pages, both kept to the caller's centres. Run on SQLite and PostgreSQL by list-pages.test.ts.
 */
import type { ChildCreate, PatientCreate } from '@mmreg/contracts';
import type { KyselyPlugin } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { KyselyStore } from '../kysely-store.ts';
import { type AccessScope, type Actor, StoreError } from '../store.ts';
import { TestClock } from './store-contract.ts';

export interface ListPagesTarget {
  /** A fresh, empty, migrated store. */
  open(clock: TestClock): Promise<KyselyStore>;
}

const system: Actor = { userId: null, username: 'system' };
const writer: Actor = { userId: null, username: 'tester' };

function patientInput(
  code: string,
  centerId: number,
  overrides: Readonly<Record<string, unknown>> = {},
): PatientCreate {
  return {
    code,
    centerId,
    sex: 'female',
    birthYear: 1950,
    diagnosisDate: '2006-01-10',
    priorMyelomaDiagnosisDate: null,
    heavyChain: 'IgG',
    lightChain: 'kappa',
    isNonSecretory: false,
    pbPlasmaCellsPercent: 30,
    wbcPer1e9L: 12,
    hemoglobinGPerDl: 9,
    plateletsPer1e9L: 90,
    creatinineMgPerDl: 1.1,
    extramedullarySites: [],
    karyotype: 'normal',
    notes: null,
    ...overrides,
  } as unknown as PatientCreate;
}

const course = (formStatus: 'incomplete' | 'unverified' | 'complete') =>
  ({
    regimen: 'bortezomib',
    agents: ['bortezomib'],
    startDate: '2006-01-15',
    endDate: null,
    plannedBortezomibDoseMgPerM2: 1.3,
    schedule: 'days-1-4-8-11',
    plannedCycles: 4,
    cycleLengthDays: 21,
    heightCm: 170,
    weightKg: 70,
    isIndexTherapy: true,
    formStatus,
  }) as ChildCreate<'courses'>;

const lab = (date: string, formStatus: 'incomplete' | 'unverified' | 'complete') =>
  ({ date, test: 'serum_m_protein', value: 3.4, result: null, unit: 'g/dL', formStatus }) as ChildCreate<'assessments'>;

const followUp = {
  date: '2006-06-30',
  vitalStatus: 'alive',
  deathDate: null,
  causeOfDeath: null,
  notes: null,
  formStatus: 'complete',
} as ChildCreate<'follow-up'>;

/** Counts the statements a store executes (each result passes `transformResult` once). */
function countingStore(store: KyselyStore, clock: TestClock): { store: KyselyStore; statements: () => number } {
  let statements = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      statements += 1;
      return args.result;
    },
  };
  return {
    store: new KyselyStore(store.db.withPlugin(plugin), store.dialect, clock.now),
    statements: () => statements,
  };
}

export function describeListPagesContract(name: string, target: ListPagesTarget): void {
  describe(`Store contract, list pages (${name})`, () => {
    const opened: KyselyStore[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    async function seed() {
      const clock = new TestClock();
      const store = await target.open(clock);
      opened.push(store);
      const study = await store.createStudy({ code: 'MM-PCL', title: 'PCL survey' }, { actor: system });
      const centerA = await store.createCenter(
        { studyId: study.id, code: 'BARI', name: 'A', city: 'Bari' },
        { actor: system },
      );
      const centerB = await store.createCenter(
        { studyId: study.id, code: 'ROMA', name: 'B', city: 'Roma' },
        { actor: system },
      );
      const coordinator: AccessScope = { studyId: study.id, readCenters: 'all', writeCenters: 'all' };
      const investigatorA: AccessScope = { studyId: study.id, readCenters: [centerA.id], writeCenters: [centerA.id] };
      return { store, clock, coordinator, investigatorA, centerA: centerA.id, centerB: centerB.id };
    }

    describe('listPatientEntries', () => {
      it('counts the expected forms of a newly registered primary PCL patient as missing', async () => {
        const { store, coordinator, centerA } = await seed();
        await store.createPatient(coordinator, patientInput('P-A1', centerA), { actor: writer });
        const [entry] = await store.listPatientEntries(coordinator);
        expect(entry?.completeness.forms.map((form) => [form.form, form.status])).toEqual([
          ['enrolment', 'incomplete'],
          ['prior-therapies', 'not-required'],
          ['courses', 'missing'],
          ['administrations', 'not-required'],
          ['assessments', 'missing'],
          ['adverse-events', 'not-required'],
          ['follow-up', 'missing'],
        ]);
        expect(entry?.completeness).toMatchObject({ completeForms: 0, expectedForms: 4 });
      });

      it('gives each form its status from its records and counts n complete of m expected', async () => {
        const { store, coordinator, centerA } = await seed();
        const patient = await store.createPatient(
          coordinator,
          patientInput('P-A1', centerA, { priorMyelomaDiagnosisDate: '2003-05-01', formStatus: 'complete' }),
          { actor: writer },
        );
        const index = await store.createChild(coordinator, patient.id, 'courses', course('complete'), {
          actor: writer,
        });
        await store.createChild(
          coordinator,
          patient.id,
          'administrations',
          {
            courseId: index.id,
            date: '2006-01-15',
            agent: 'bortezomib',
            cycle: 1,
            day: 1,
            doseMg: 2.2,
            modification: null,
            formStatus: 'unverified',
          } as ChildCreate<'administrations'>,
          { actor: writer },
        );
        await store.createChild(coordinator, patient.id, 'assessments', lab('2006-01-12', 'complete'), {
          actor: writer,
        });
        await store.createChild(coordinator, patient.id, 'assessments', lab('2006-02-20', 'incomplete'), {
          actor: writer,
        });
        await store.createChild(coordinator, patient.id, 'assessments', lab('2006-03-29', 'complete'), {
          actor: writer,
        });
        await store.createChild(coordinator, patient.id, 'follow-up', followUp, { actor: writer });
        const [entry] = await store.listPatientEntries(coordinator);
        const byForm = new Map(entry?.completeness.forms.map((form) => [form.form, form]));
        expect(byForm.get('enrolment')).toMatchObject({ status: 'complete', records: 1, complete: 1 });
        // Secondary PCL: the prior lines are expected and missing.
        expect(byForm.get('prior-therapies')).toMatchObject({ status: 'missing', records: 0 });
        expect(byForm.get('courses')).toMatchObject({ status: 'complete', records: 1, complete: 1 });
        expect(byForm.get('administrations')).toMatchObject({ status: 'unverified', records: 1, unverified: 1 });
        expect(byForm.get('assessments')).toMatchObject({
          status: 'incomplete',
          records: 3,
          complete: 2,
          unverified: 0,
          incomplete: 1,
        });
        expect(byForm.get('adverse-events')).toMatchObject({ status: 'not-required', records: 0 });
        expect(byForm.get('follow-up')).toMatchObject({ status: 'complete', records: 1 });
        expect(entry?.completeness).toMatchObject({ completeForms: 3, expectedForms: 6 });
      });

      it('lists the same patients as listPatients, and only the caller’s centres’ records count', async () => {
        const { store, coordinator, investigatorA, centerA, centerB } = await seed();
        const a = await store.createPatient(coordinator, patientInput('P-A1', centerA), { actor: writer });
        const b = await store.createPatient(coordinator, patientInput('P-B1', centerB), { actor: writer });
        await store.createChild(coordinator, b.id, 'courses', course('complete'), { actor: writer });
        await store.createChild(coordinator, b.id, 'assessments', lab('2006-01-12', 'complete'), { actor: writer });
        const strip = (entries: readonly { readonly completeness: unknown }[]) =>
          entries.map(({ completeness: _completeness, ...patient }) => patient);
        expect(strip(await store.listPatientEntries(coordinator))).toEqual(await store.listPatients(coordinator));
        expect(strip(await store.listPatientEntries(investigatorA))).toEqual(await store.listPatients(investigatorA));
        const own = await store.listPatientEntries(investigatorA);
        expect(own.map((entry) => entry.id)).toEqual([a.id]);
        expect(own[0]?.completeness.forms.find((form) => form.form === 'courses')?.records).toBe(0);
        expect(await store.listPatientEntries(investigatorA, { centerId: centerB })).toEqual([]);
        const other = (await store.listPatientEntries(coordinator, { centerId: centerB }))[0];
        expect(other?.completeness.forms.find((form) => form.form === 'courses')?.records).toBe(1);
      });

      it('reads the completeness of a page in a fixed number of statements, whatever its number of patients', async () => {
        const { store, clock, coordinator, centerA } = await seed();
        const statementsFor = async () => {
          const counting = countingStore(store, clock);
          await counting.store.listPatientEntries(coordinator);
          return counting.statements();
        };
        const first = await store.createPatient(coordinator, patientInput('P-001', centerA), { actor: writer });
        await store.createChild(coordinator, first.id, 'courses', course('complete'), { actor: writer });
        const withOne = await statementsFor();
        for (let index = 2; index <= 12; index += 1) {
          const patient = await store.createPatient(
            coordinator,
            patientInput(`P-${String(index).padStart(3, '0')}`, centerA),
            { actor: writer },
          );
          await store.createChild(coordinator, patient.id, 'assessments', lab('2006-01-12', 'complete'), {
            actor: writer,
          });
        }
        expect(await statementsFor()).toBe(withOne);
        expect(withOne).toBeLessThanOrEqual(2);
      });
    });

    describe('listAuditPage', () => {
      it('pages the trail newest first with beforeSeq and oldest first with afterSeq, as listAudit holds it', async () => {
        const { store, coordinator, centerA } = await seed();
        for (let index = 1; index <= 7; index += 1) {
          await store.createPatient(coordinator, patientInput(`P-${index}`, centerA), { actor: writer });
        }
        const all = await store.listAudit(coordinator);
        expect(all.length).toBeGreaterThan(8);
        const newestFirst = [];
        let page = await store.listAuditPage(coordinator, { order: 'desc', limit: 4 });
        newestFirst.push(...page.records);
        while (page.hasMore) {
          const before = page.records.at(-1)?.seq;
          page = await store.listAuditPage(coordinator, {
            order: 'desc',
            limit: 4,
            ...(before === undefined ? {} : { beforeSeq: before }),
          });
          expect(page.records.length).toBeGreaterThan(0);
          newestFirst.push(...page.records);
        }
        expect(newestFirst).toEqual([...all].reverse());
        const oldestFirst = await store.listAuditPage(coordinator, { order: 'asc', afterSeq: 2, limit: 3 });
        expect(oldestFirst).toEqual({ records: all.filter((record) => record.seq > 2).slice(0, 3), hasMore: true });
        const exact = await store.listAuditPage(coordinator, { order: 'asc', limit: all.length });
        expect(exact.hasMore).toBe(false);
      });

      it('keeps a centre’s pages to its own records and answers not-found for another centre’s patient', async () => {
        const { store, coordinator, investigatorA, centerA, centerB } = await seed();
        const a = await store.createPatient(coordinator, patientInput('P-A1', centerA), { actor: writer });
        const b = await store.createPatient(coordinator, patientInput('P-B1', centerB), { actor: writer });
        const page = await store.listAuditPage(investigatorA, { order: 'desc', limit: 100 });
        expect(page.records.length).toBeGreaterThan(0);
        expect(page.records.every((record) => record.centerId === centerA)).toBe(true);
        expect(page.records).toEqual([...(await store.listAudit(investigatorA))].reverse());
        const own = await store.listAuditPage(investigatorA, { patientId: a.id, order: 'desc', limit: 10 });
        expect(own.records.every((record) => record.patientId === a.id)).toBe(true);
        await expect(
          store.listAuditPage(investigatorA, { patientId: b.id, order: 'desc', limit: 10 }),
        ).rejects.toBeInstanceOf(StoreError);
      });
    });
  });
}
