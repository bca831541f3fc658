/**
 * The one storage interface (issue 5 items 1–3, 7–9). Two adapters implement it — SQLite through
 * better-sqlite3 (the default, `./data/mmreg.db`) and PostgreSQL through pg — over one Kysely schema,
 * and one contract suite runs against both.
 *
 * What the store guarantees, whoever calls it:
 * - Centre isolation (REDCap data access groups): every patient-level call takes an `AccessScope`;
 *   a patient outside its read centres does not exist (`not-found`, never `forbidden`, so existence
 *   is not revealed); one readable but not writable gives `forbidden`; lists and aggregates only
 *   ever contain the scope's patients. A patient's centre cannot change through an update.
 * - Every write appends hash-chained audit records (who, when, entity, field old → new, reason) in
 *   the same transaction as the write; changing a record whose form is `complete` needs a reason.
 * - Optimistic concurrency: every update and delete names the version it read; a stale version is
 *   `conflict` and changes nothing.
 * - Derived results (response, grades, endpoints) are recomputed by the core, in the same
 *   transaction, whenever an input of that patient changes.
 * - Imports are one transaction: all rows or none.
 */
import type {
  AuditOrder,
  AuditPage,
  AuditRecord,
  CenterRecord,
  ChildCreate,
  ChildFormKind,
  ChildRecord,
  ChildUpdate,
  ImportBatch,
  Membership,
  PatientCreate,
  PatientListEntry,
  PatientRecord,
  PatientUpdate,
  StudyRecord,
  UserRecord,
} from '@mmreg/contracts';

export type StoreErrorCode =
  /** The record does not exist or is outside the caller's read scope. */
  | 'not-found'
  /** The caller may read but not write this record (monitor, or a study-wide read). */
  | 'forbidden'
  /** The version named by an update is not the current one. */
  | 'conflict'
  /** A change to a form marked complete needs a reason. */
  | 'reason-required'
  /** A unique value (patient code in a study, username, centre code) is already taken. */
  | 'duplicate'
  /** The write is well-formed but inconsistent with stored data (e.g. a course of another patient). */
  | 'invalid';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** The input field the problem is about, when there is one (e.g. `courseId`, `version`). */
  readonly field: string | null;

  constructor(code: StoreErrorCode, message: string, field: string | null = null) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.field = field;
  }
}

/** Which centres' patients a caller may read and write, within one study. Built by the server from memberships. */
export interface AccessScope {
  readonly studyId: number;
  readonly readCenters: 'all' | readonly number[];
  readonly writeCenters: 'all' | readonly number[];
}

/** Who makes a write, for the audit trail; `userId` null for the system (seeding, migrations, CLI admin). */
export interface Actor {
  readonly userId: number | null;
  readonly username: string;
}

export interface WriteOptions {
  readonly actor: Actor;
  /** Why the change is made; required when the record's form is complete. */
  readonly reason?: string | undefined;
}

export interface DeleteOptions extends WriteOptions {
  readonly version: number;
}

/** The derived results of one patient, as recomputed by the core on the last change of its inputs. */
export interface DerivedPatientResults {
  readonly patientId: number;
  /** SHA-256 of the canonical JSON of the inputs the derivation read. */
  readonly inputHash: string;
  readonly computedAt: string;
  /** JSON-safe result model: response with time points and reasons, grades, endpoints, PCL, dose intensity. */
  readonly results: unknown;
}

/** Everything the analyses need about the patients of a scope, read in one consistent snapshot. */
export interface ScopedStudyData {
  readonly study: StudyRecord;
  readonly centers: readonly CenterRecord[];
  readonly patients: ReadonlyArray<{
    readonly patient: PatientRecord;
    readonly priorTherapies: readonly ChildRecord<'prior-therapies'>[];
    readonly courses: readonly ChildRecord<'courses'>[];
    readonly administrations: readonly ChildRecord<'administrations'>[];
    readonly assessments: readonly ChildRecord<'assessments'>[];
    readonly adverseEvents: readonly ChildRecord<'adverse-events'>[];
    readonly followUp: readonly ChildRecord<'follow-up'>[];
  }>;
}

export interface ImportSummary {
  readonly dryRun: boolean;
  readonly patientsCreated: number;
  readonly patientsUpdated: number;
  /** Rows added per form. */
  readonly rowsAdded: Readonly<Partial<Record<ChildFormKind, number>>>;
  /** Identical rows already stored, skipped (an import can be re-run safely). */
  readonly rowsUnchanged: number;
  /** Human-readable lines: what would change (dry run) or what changed. */
  readonly changes: readonly string[];
}

export type AuditVerification =
  | { readonly ok: true; readonly records: number; readonly lastHash: string }
  | { readonly ok: false; readonly records: number; readonly seq: number; readonly problem: string };

/** A whole database as data: every table's rows in primary-key order, JSON-safe. */
export interface StoreSnapshot {
  readonly format: 'mmreg-backup';
  readonly formatVersion: 1;
  readonly schemaVersion: string;
  readonly tables: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
}

export interface SessionInfo {
  readonly user: UserRecord;
  readonly sessionId: number;
  /** The CSRF token bound to the session (double-submit header). */
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;

  // -- administration (CLI, seeding) ---------------------------------------------------------
  createStudy(input: { code: string; title: string }, options: WriteOptions): Promise<StudyRecord>;
  listStudies(): Promise<readonly StudyRecord[]>;
  findStudy(code: string): Promise<StudyRecord | null>;
  createCenter(
    input: { studyId: number; code: string; name: string; city: string },
    options: WriteOptions,
  ): Promise<CenterRecord>;
  listCenters(studyId: number): Promise<readonly CenterRecord[]>;
  createUser(
    input: { username: string; displayName: string; password: string },
    options: WriteOptions,
  ): Promise<UserRecord>;
  setPassword(username: string, password: string, options: WriteOptions): Promise<void>;
  addMembership(userId: number, membership: Membership, options: WriteOptions): Promise<UserRecord>;
  findUser(username: string): Promise<UserRecord | null>;
  getUser(id: number): Promise<UserRecord | null>;

  // -- authentication ------------------------------------------------------------------------
  /** The user when the password is right and the account enabled; null otherwise (argon2id). */
  verifyPassword(username: string, password: string): Promise<UserRecord | null>;
  /** A new session: the token is returned once; only its SHA-256 is stored. */
  createSession(userId: number, ttlSeconds: number): Promise<{ readonly token: string; readonly session: SessionInfo }>;
  resolveSession(token: string): Promise<SessionInfo | null>;
  deleteSession(token: string): Promise<void>;
  /** A personal API token for scripts: returned once, stored hashed. */
  createApiToken(
    userId: number,
    label: string,
    options: WriteOptions,
  ): Promise<{ readonly token: string; readonly id: number }>;
  resolveApiToken(token: string): Promise<UserRecord | null>;
  /** Login throttling: failures per key (username or client address) within a window. */
  recordLoginFailure(key: string): Promise<void>;
  countLoginFailures(key: string, withinSeconds: number): Promise<number>;
  clearLoginFailures(key: string): Promise<void>;

  // -- patients and their forms --------------------------------------------------------------
  listPatients(scope: AccessScope, filter?: { readonly centerId?: number }): Promise<readonly PatientRecord[]>;
  getPatient(scope: AccessScope, patientId: number): Promise<PatientRecord>;
  createPatient(scope: AccessScope, input: PatientCreate, options: WriteOptions): Promise<PatientRecord>;
  updatePatient(
    scope: AccessScope,
    patientId: number,
    input: PatientUpdate,
    options: WriteOptions,
  ): Promise<PatientRecord>;

  listChildren<TKind extends ChildFormKind>(
    scope: AccessScope,
    patientId: number,
    kind: TKind,
  ): Promise<readonly ChildRecord<TKind>[]>;
  createChild<TKind extends ChildFormKind>(
    scope: AccessScope,
    patientId: number,
    kind: TKind,
    input: ChildCreate<TKind>,
    options: WriteOptions,
  ): Promise<ChildRecord<TKind>>;
  updateChild<TKind extends ChildFormKind>(
    scope: AccessScope,
    patientId: number,
    kind: TKind,
    recordId: number,
    input: ChildUpdate<TKind>,
    options: WriteOptions,
  ): Promise<ChildRecord<TKind>>;
  deleteChild(
    scope: AccessScope,
    patientId: number,
    kind: ChildFormKind,
    recordId: number,
    options: DeleteOptions,
  ): Promise<void>;

  getDerived(scope: AccessScope, patientId: number): Promise<DerivedPatientResults>;
  loadStudyData(scope: AccessScope): Promise<ScopedStudyData>;

  // -- imports -------------------------------------------------------------------------------
  /** Validates against stored data, then writes every row in one transaction, or (dry run) nothing. */
  importBatch(
    scope: AccessScope,
    batch: ImportBatch,
    options: WriteOptions & { readonly dryRun: boolean },
  ): Promise<ImportSummary>;

  // -- audit trail ---------------------------------------------------------------------------
  /** Audit records visible in the scope (a centre sees its patients' records), oldest first. */
  listAudit(
    scope: AccessScope,
    filter?: { readonly patientId?: number; readonly afterSeq?: number; readonly limit?: number },
  ): Promise<readonly AuditRecord[]>;
  /**
   * Every audit record of the database, unscoped, oldest first: for the administrator's
   * `mmreg audit export` on the server machine, never for an HTTP caller.
   */
  listAllAudit(filter?: { readonly afterSeq?: number; readonly limit?: number }): Promise<readonly AuditRecord[]>;
  /** Recomputes the hash chain: any edited, deleted or reordered record is found. */
  verifyAudit(): Promise<AuditVerification>;

  // -- backup --------------------------------------------------------------------------------
  exportSnapshot(): Promise<StoreSnapshot>;
  /**
   * Restores into an empty database only (refuses otherwise), keeping ids, and appends one `restore`
   * audit record (by `options.actor`, default the system).
   */
  restoreSnapshot(snapshot: StoreSnapshot, options?: WriteOptions): Promise<void>;
  /**
   * SHA-256 over the canonical snapshot: equal content ⇔ equal hash. Sessions and login failures are
   * not content; the audit log is, except the records of restores (so a restore hashes like its source).
   */
  contentHash(): Promise<string>;

  // -- list pages (the web app's patient list and audit trail) --------------------------------
  /**
   * The scope's patients (as `listPatients`), each with its completeness over every form
   * (patient-completeness.ts): two statements whatever the number of patients, in one read.
   */
  listPatientEntries(scope: AccessScope, filter?: { readonly centerId?: number }): Promise<readonly PatientListEntry[]>;
  /**
   * One page of the audit records visible in the scope (as `listAudit`): oldest (`asc`) or newest
   * (`desc`) first, after and/or before a record number, at most `limit`, and whether more match.
   */
  listAuditPage(
    scope: AccessScope,
    filter: {
      readonly patientId?: number;
      readonly afterSeq?: number;
      readonly beforeSeq?: number;
      readonly order: AuditOrder;
      readonly limit: number;
    },
  ): Promise<AuditPage>;
}
