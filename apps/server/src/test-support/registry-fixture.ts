/**
 * The server tests' registry: one study, centres A and B, five users (coordinator, investigator A,
 * data manager A, monitor A, investigator B) and one fully documented patient per centre, written
 * through the store as the system actor. `access` is the specification the isolation matrix
 * checks: which centres each user may read and write. Test support only; never imported by the app.
 */
import {
  type CenterRecord,
  type ChildFormKind,
  childForms,
  type PatientRecord,
  patientCreateSchema,
  type Role,
  type UserRecord,
} from '@mmreg/contracts';
import { type AccessScope, openStore, type Store, type WriteOptions } from '@mmreg/storage';
import type { Hono } from 'hono';
import { type CreateAppOptions, createApp } from '../app.ts';
import type { AppEnv } from '../http/app-env.ts';

export const centerKeys = ['A', 'B'] as const;
export type CenterKey = (typeof centerKeys)[number];

export const userKeys = ['coordinator', 'investigatorA', 'dataManagerA', 'monitorA', 'investigatorB'] as const;
export type UserKey = (typeof userKeys)[number];

export const testPassword = 'correct horse battery staple';

const userSpecs: Record<
  UserKey,
  { readonly username: string; readonly role: Role; readonly center: CenterKey | null }
> = {
  coordinator: { username: 'coordinator', role: 'coordinator', center: null },
  investigatorA: { username: 'investigator-a', role: 'investigator', center: 'A' },
  dataManagerA: { username: 'data-manager-a', role: 'data_manager', center: 'A' },
  monitorA: { username: 'monitor-a', role: 'monitor', center: 'A' },
  investigatorB: { username: 'investigator-b', role: 'investigator', center: 'B' },
};

/** What each user may do at each centre: the specification, written out rather than computed. */
export const access: Record<UserKey, { readonly read: readonly CenterKey[]; readonly write: readonly CenterKey[] }> = {
  coordinator: { read: ['A', 'B'], write: ['A', 'B'] },
  investigatorA: { read: ['A'], write: ['A'] },
  dataManagerA: { read: ['A'], write: ['A'] },
  monitorA: { read: ['A'], write: [] },
  investigatorB: { read: ['B'], write: ['B'] },
};

export const systemWrite: WriteOptions = { actor: { userId: null, username: 'system' } };

let codeCounter = 0;
/** A fresh patient code carrying its centre (`A-…`), so a leak is visible in any response text. */
export function nextPatientCode(center: CenterKey): string {
  codeCounter += 1;
  return `${center}-${String(codeCounter).padStart(4, '0')}`;
}

export function patientBody(code: string, centerId: number) {
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
    pbPlasmaCellsPercent: 32,
    wbcPer1e9L: 14.5,
    hemoglobinGPerDl: 9.1,
    plateletsPer1e9L: 88,
    creatinineMgPerDl: 1.2,
    extramedullarySites: [],
    karyotype: 'normal',
    notes: null,
  } as const;
}

/** A valid create body per repeating form; administrations need the patient's course id. */
export function childBody(kind: ChildFormKind, courseId: number): Record<string, unknown> {
  const bodies: Record<ChildFormKind, Record<string, unknown>> = {
    'prior-therapies': {
      lineNumber: 1,
      regimen: 'VAD',
      agents: ['vincristine', 'doxorubicin', 'dexamethasone'],
      startDate: '2004-01-10',
      endDate: '2004-06-30',
      isAutologousTransplant: false,
      bestResponse: 'PR',
    },
    courses: {
      regimen: 'bortezomib-dexamethasone',
      agents: ['bortezomib', 'dexamethasone'],
      startDate: '2006-09-01',
      endDate: null,
      plannedBortezomibDoseMgPerM2: 1.3,
      schedule: 'days-1-4-8-11',
      plannedCycles: 4,
      cycleLengthDays: 21,
      heightCm: 165,
      weightKg: 62,
      isIndexTherapy: false,
    },
    administrations: {
      courseId,
      date: '2006-01-10',
      agent: 'bortezomib',
      cycle: 1,
      day: 1,
      doseMg: 2.2,
      modification: null,
    },
    assessments: { date: '2006-05-02', test: 'serum_m_protein', value: 1.0, result: null, unit: 'g/dL' },
    'adverse-events': {
      term: 'Peripheral sensory neuropathy',
      ctcaeVersion: 'v3',
      grade: 2,
      onsetDate: '2006-02-14',
      resolutionDate: null,
      isSerious: false,
      attribution: 'probable',
      action: 'dose-reduced',
      courseId: null,
    },
    'follow-up': { date: '2006-12-01', vitalStatus: 'alive', deathDate: null, causeOfDeath: null, notes: null },
  };
  return bodies[kind];
}

/** One field change per form, valid on the records `childBody` creates. */
export const childChange: Record<ChildFormKind, Record<string, unknown>> = {
  'prior-therapies': { regimen: 'VAD (modified)' },
  courses: { plannedCycles: 6 },
  administrations: { doseMg: 1.9 },
  assessments: { date: '2006-05-03' },
  'adverse-events': { grade: 3 },
  'follow-up': { notes: 'seen in clinic' },
};

export interface RegistryFixture {
  readonly store: Store;
  readonly app: Hono<AppEnv>;
  readonly studyId: number;
  readonly centers: Record<CenterKey, CenterRecord>;
  readonly users: Record<UserKey, UserRecord>;
  /** The seeded patient of each centre, with an index course, labs showing a response and follow-up. */
  readonly patients: Record<CenterKey, PatientRecord>;
  readonly courses: Record<CenterKey, number>;
  /** Reads and writes everything: for preparing and inspecting state. */
  readonly allScope: AccessScope;
}

async function seedPatient(store: Store, scope: AccessScope, center: CenterRecord, key: CenterKey) {
  const input = patientCreateSchema.parse(patientBody(nextPatientCode(key), center.id));
  const patient = await store.createPatient(scope, input, systemWrite);
  const course = await store.createChild(
    scope,
    patient.id,
    'courses',
    childForms.courses.create.parse({ ...childBody('courses', 0), startDate: '2006-01-10', isIndexTherapy: true }),
    systemWrite,
  );
  const labs: [string, number][] = [
    ['2006-01-05', 3.2],
    ['2006-02-20', 1.4],
    ['2006-03-20', 1.3],
  ];
  for (const [date, value] of labs) {
    await store.createChild(
      scope,
      patient.id,
      'assessments',
      childForms.assessments.create.parse({ date, test: 'serum_m_protein', value, result: null, unit: 'g/dL' }),
      systemWrite,
    );
  }
  await store.createChild(
    scope,
    patient.id,
    'follow-up',
    childForms['follow-up'].create.parse(childBody('follow-up', 0)),
    systemWrite,
  );
  return { patient: await store.getPatient(scope, patient.id), courseId: course.id };
}

/** Opens a store, seeds the registry and builds the app on it (response validation on). */
export async function createRegistryFixture(
  url = 'sqlite::memory:',
  options: Omit<CreateAppOptions, 'store'> = {},
): Promise<RegistryFixture> {
  const store = await openStore(url);
  const study = await store.createStudy({ code: 'PCL-REG', title: 'Plasma cell leukaemia registry' }, systemWrite);
  const centers = {
    A: await store.createCenter({ studyId: study.id, code: 'CTR-A', name: 'Centre A', city: 'Bari' }, systemWrite),
    B: await store.createCenter({ studyId: study.id, code: 'CTR-B', name: 'Centre B', city: 'Torino' }, systemWrite),
  };
  const users = {} as Record<UserKey, UserRecord>;
  for (const key of userKeys) {
    const spec = userSpecs[key];
    const user = await store.createUser(
      { username: spec.username, displayName: key, password: testPassword },
      systemWrite,
    );
    users[key] = await store.addMembership(
      user.id,
      { studyId: study.id, centerId: spec.center === null ? null : centers[spec.center].id, role: spec.role },
      systemWrite,
    );
  }
  const allScope: AccessScope = { studyId: study.id, readCenters: 'all', writeCenters: 'all' };
  const seededA = await seedPatient(store, allScope, centers.A, 'A');
  const seededB = await seedPatient(store, allScope, centers.B, 'B');
  const app = createApp({ store, validateResponses: true, ...options });
  return {
    store,
    app,
    studyId: study.id,
    centers,
    users,
    patients: { A: seededA.patient, B: seededB.patient },
    courses: { A: seededA.courseId, B: seededB.courseId },
    allScope,
  };
}

export function usernameOf(key: UserKey): string {
  return userSpecs[key].username;
}
