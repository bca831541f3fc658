/**
 * The one `Store` implementation, over Kysely, for SQLite and PostgreSQL (ADR 0005). Dialect-specific
 * code is limited to locking (`for update` on PostgreSQL), the snapshot isolation of study reads and
 * identity sequences after a restore. Every write is one transaction (all or nothing) that locks what
 * it is about first — its patient rows, ascending, or its user row — and the audit chain head last,
 * when it flushes its buffered audit records just before commit (ADR 0007), so writes to different
 * patients overlap except for that flush; deadlock victims are retried (write-transaction.ts).
 */
import {
  type AuditPage,
  type AuditRecord,
  type CenterRecord,
  type ChildCreate,
  type ChildFormKind,
  type ChildRecord,
  type ChildUpdate,
  type ImportBatch,
  type Membership,
  type PatientCreate,
  type PatientListEntry,
  type PatientRecord,
  type PatientUpdate,
  patientUpdateSchema,
  roles,
  type StudyRecord,
  type UserRecord,
  userSchema,
} from '@mmreg/contracts';
import type { Kysely, Transaction } from 'kysely';
import { assertReadable, assertWritable, canWriteCenter, readCenterList } from './access-scope.ts';
import { type AuditPageFilter, loadAuditPage, scopedAuditQuery } from './audit-page-query.ts';
import { AuditAppender, auditRecordOfRow, verifyAuditChain } from './audit-trail.ts';
import { CredentialCache } from './credential-cache.ts';
import { dummyPasswordHash, hashPassword, newToken, tokenHash, verifyPasswordHash } from './credentials.ts';
import {
  childFormKinds,
  childOfRow,
  deleteChildRecord,
  findPatientRow,
  formDb,
  insertChild,
  insertPatient,
  loadChildren,
  parseOrThrow,
  patientOfRow,
  prepareChildCreate,
  reasonOf,
  recomputeDerived,
  updateChildRecord,
  updatePatientFields,
  type WriteContext,
} from './form-writes.ts';
import { findImportTargetIds, runImportBatch } from './import-batch.ts';
import { listPatientEntries } from './patient-list-queries.ts';
import { childFormTables, type Database } from './schema.ts';
import { computeContentHash, exportDatabaseSnapshot, restoreDatabaseSnapshot } from './snapshot.ts';
import {
  type AccessScope,
  type Actor,
  type AuditVerification,
  type DeleteOptions,
  type DerivedPatientResults,
  type ImportSummary,
  type ScopedStudyData,
  type SessionInfo,
  type Store,
  StoreError,
  type StoreSnapshot,
  type WriteOptions,
} from './store.ts';
import {
  lockPatientRow,
  lockPatientRows,
  lockUserRow,
  retryTransient,
  type StoreDialect,
} from './write-transaction.ts';

export type { StoreDialect };

/** Which database errors are unique-constraint violations (SQLite and PostgreSQL codes). */
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A user row joined (left) to its memberships, one row per membership in id order. */
interface UserMembershipRow {
  readonly id: number;
  readonly username: string;
  readonly display_name: string;
  readonly is_disabled: number;
  readonly study_id: number | null;
  readonly center_id: number | null;
  readonly role: string | null;
}

/** The user of `UserMembershipRow`s: authentication reads user and memberships in one statement. */
function userOfMembershipRows(rows: readonly [UserMembershipRow, ...UserMembershipRow[]]): UserRecord {
  const [first] = rows;
  const memberships: Membership[] = [];
  for (const row of rows) {
    if (row.role === null || row.study_id === null) continue;
    memberships.push({ studyId: row.study_id, centerId: row.center_id, role: row.role as Membership['role'] });
  }
  return {
    id: first.id,
    username: first.username,
    displayName: first.display_name,
    isDisabled: first.is_disabled === 1,
    memberships,
  };
}

export class KyselyStore implements Store {
  readonly dialect: StoreDialect;
  readonly #db: Kysely<Database>;
  readonly #clock: () => Date;
  readonly #sessions = new CredentialCache<SessionInfo>();
  readonly #apiTokens = new CredentialCache<UserRecord>();

  constructor(db: Kysely<Database>, dialect: StoreDialect, clock: () => Date) {
    this.#db = db;
    this.dialect = dialect;
    this.#clock = clock;
  }

  /** The Kysely instance (tools, benchmarks and tests that tamper with tables; not part of `Store`). */
  get db(): Kysely<Database> {
    return this.#db;
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  #now(): string {
    return this.#clock().toISOString();
  }

  /**
   * One write transaction: `work` locks its rows first (patients ascending, or a user) and buffers its
   * audit entries; the flush then takes the audit chain head, the last lock, just before commit
   * (ADR 0007). A PostgreSQL deadlock victim or serialization failure runs the whole transaction again.
   */
  async #write<TResult>(
    work: (trx: Transaction<Database>, audit: AuditAppender) => Promise<TResult>,
    options: {
      /** The write can change what a session or API token resolves to: forget every resolved one before and after it. */
      readonly changesCredentials?: boolean;
    } = {},
  ): Promise<TResult> {
    const run = () =>
      retryTransient(() => {
        const audit = new AuditAppender(this.#now());
        return this.#db.transaction().execute(async (trx) => {
          const result = await work(trx, audit);
          await audit.flush(trx, this.dialect, () => this.#now());
          return result;
        });
      });
    if (options.changesCredentials !== true) return run();
    this.#forgetCredentials();
    try {
      return await run();
    } finally {
      // A request resolved while the write ran may have cached what it changed.
      this.#forgetCredentials();
    }
  }

  /** A consistent read of several statements (PostgreSQL repeatable read; SQLite's one connection is already). */
  async #read<TResult>(work: (trx: Transaction<Database>) => Promise<TResult>): Promise<TResult> {
    const builder = this.#db.transaction().setAccessMode('read only');
    return (this.dialect === 'postgres' ? builder.setIsolationLevel('repeatable read') : builder).execute(work);
  }

  // -- administration ----------------------------------------------------------------------------

  async createStudy(input: { code: string; title: string }, options: WriteOptions): Promise<StudyRecord> {
    try {
      return await this.#write(async (trx, audit) => {
        const row = await trx
          .insertInto('studies')
          .values({ code: input.code, title: input.title, created_at: audit.at })
          .returning(['id', 'code', 'title'])
          .executeTakeFirstOrThrow();
        audit.append(options.actor, {
          action: 'create',
          entity: 'study',
          entityId: row.id,
          patientId: null,
          centerId: null,
          changes: [
            { field: 'code', old: null, new: row.code },
            { field: 'title', old: null, new: row.title },
          ],
          reason: options.reason ?? null,
        });
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new StoreError('duplicate', `study code ${input.code} is already used`, 'code');
      throw error;
    }
  }

  async listStudies(): Promise<readonly StudyRecord[]> {
    return this.#db.selectFrom('studies').select(['id', 'code', 'title']).orderBy('id').execute();
  }

  async findStudy(code: string): Promise<StudyRecord | null> {
    const row = await this.#db
      .selectFrom('studies')
      .select(['id', 'code', 'title'])
      .where('code', '=', code)
      .executeTakeFirst();
    return row ?? null;
  }

  async createCenter(
    input: { studyId: number; code: string; name: string; city: string },
    options: WriteOptions,
  ): Promise<CenterRecord> {
    try {
      return await this.#write(async (trx, audit) => {
        const study = await trx.selectFrom('studies').select('id').where('id', '=', input.studyId).executeTakeFirst();
        if (study === undefined) throw new StoreError('not-found', `study ${input.studyId} not found`, 'studyId');
        const row = await trx
          .insertInto('centers')
          .values({
            study_id: input.studyId,
            code: input.code,
            name: input.name,
            city: input.city,
            created_at: audit.at,
          })
          .returning(['id', 'study_id', 'code', 'name', 'city'])
          .executeTakeFirstOrThrow();
        audit.append(options.actor, {
          action: 'create',
          entity: 'center',
          entityId: row.id,
          patientId: null,
          centerId: row.id,
          changes: [
            { field: 'studyId', old: null, new: row.study_id },
            { field: 'code', old: null, new: row.code },
            { field: 'name', old: null, new: row.name },
            { field: 'city', old: null, new: row.city },
          ],
          reason: options.reason ?? null,
        });
        return { id: row.id, studyId: row.study_id, code: row.code, name: row.name, city: row.city };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new StoreError('duplicate', `centre code ${input.code} is already used in this study`, 'code');
      }
      throw error;
    }
  }

  async listCenters(studyId: number): Promise<readonly CenterRecord[]> {
    const rows = await this.#db
      .selectFrom('centers')
      .select(['id', 'study_id', 'code', 'name', 'city'])
      .where('study_id', '=', studyId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ id: row.id, studyId: row.study_id, code: row.code, name: row.name, city: row.city }));
  }

  async createUser(
    input: { username: string; displayName: string; password: string },
    options: WriteOptions,
  ): Promise<UserRecord> {
    parseOrThrow(userSchema.shape.username, input.username, 'username');
    if (input.displayName.trim() === '')
      throw new StoreError('invalid', 'display name must not be empty', 'displayName');
    if (input.password.length === 0) throw new StoreError('invalid', 'password must not be empty', 'password');
    const passwordHash = await hashPassword(input.password);
    try {
      const id = await this.#write(async (trx, audit) => {
        const row = await trx
          .insertInto('users')
          .values({
            username: input.username,
            display_name: input.displayName.trim(),
            password_hash: passwordHash,
            is_disabled: 0,
            created_at: audit.at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit.append(options.actor, {
          action: 'create',
          entity: 'user',
          entityId: row.id,
          patientId: null,
          centerId: null,
          changes: [
            { field: 'username', old: null, new: input.username },
            { field: 'displayName', old: null, new: input.displayName.trim() },
          ],
          reason: options.reason ?? null,
        });
        return row.id;
      });
      return (await this.getUser(id)) as UserRecord;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new StoreError('duplicate', `username ${input.username} is already taken`, 'username');
      }
      throw error;
    }
  }

  async setPassword(username: string, password: string, options: WriteOptions): Promise<void> {
    if (password.length === 0) throw new StoreError('invalid', 'password must not be empty', 'password');
    const passwordHash = await hashPassword(password);
    await this.#write(
      async (trx, audit) => {
        const user = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
        if (user === undefined) throw new StoreError('not-found', `user ${username} not found`, 'username');
        await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
        // Sessions of the old password end with it.
        await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
        audit.append(options.actor, {
          action: 'update',
          entity: 'user',
          entityId: user.id,
          patientId: null,
          centerId: null,
          changes: [{ field: 'password', old: '(hidden)', new: '(changed)' }],
          reason: options.reason ?? null,
        });
      },
      { changesCredentials: true },
    );
  }

  async addMembership(userId: number, membership: Membership, options: WriteOptions): Promise<UserRecord> {
    if (!roles.includes(membership.role)) {
      throw new StoreError('invalid', `unknown role ${String(membership.role)} (known: ${roles.join(', ')})`, 'role');
    }
    await this.#write(
      async (trx, audit) => {
        // The user row first: two concurrent grants of one membership must not both pass the check below.
        if (!(await lockUserRow(trx, this.dialect, userId))) {
          throw new StoreError('not-found', `user ${userId} not found`, 'userId');
        }
        const study = await trx
          .selectFrom('studies')
          .select('id')
          .where('id', '=', membership.studyId)
          .executeTakeFirst();
        if (study === undefined) throw new StoreError('not-found', `study ${membership.studyId} not found`, 'studyId');
        if (membership.centerId !== null) {
          const center = await trx
            .selectFrom('centers')
            .select('id')
            .where('id', '=', membership.centerId)
            .where('study_id', '=', membership.studyId)
            .executeTakeFirst();
          if (center === undefined) {
            throw new StoreError(
              'invalid',
              `centre ${membership.centerId} is not a centre of study ${membership.studyId}`,
              'centerId',
            );
          }
        }
        const existing = await trx
          .selectFrom('memberships')
          .select('id')
          .where('user_id', '=', userId)
          .where('study_id', '=', membership.studyId)
          .where('role', '=', membership.role)
          .where((eb) =>
            membership.centerId === null ? eb('center_id', 'is', null) : eb('center_id', '=', membership.centerId),
          )
          .executeTakeFirst();
        if (existing !== undefined) throw new StoreError('duplicate', 'the user already has this membership', 'role');
        const row = await trx
          .insertInto('memberships')
          .values({
            user_id: userId,
            study_id: membership.studyId,
            center_id: membership.centerId,
            role: membership.role,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit.append(options.actor, {
          action: 'create',
          entity: 'membership',
          entityId: row.id,
          patientId: null,
          centerId: membership.centerId,
          changes: [
            { field: 'userId', old: null, new: userId },
            { field: 'studyId', old: null, new: membership.studyId },
            { field: 'centerId', old: null, new: membership.centerId },
            { field: 'role', old: null, new: membership.role },
          ],
          reason: options.reason ?? null,
        });
      },
      { changesCredentials: true },
    );
    return (await this.getUser(userId)) as UserRecord;
  }

  async #userOf(
    db: Kysely<Database> | Transaction<Database>,
    row: { id: number; username: string; display_name: string; is_disabled: number },
  ): Promise<UserRecord> {
    const memberships = await db
      .selectFrom('memberships')
      .select(['study_id', 'center_id', 'role'])
      .where('user_id', '=', row.id)
      .orderBy('id')
      .execute();
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      isDisabled: row.is_disabled === 1,
      memberships: memberships.map((membership) => ({
        studyId: membership.study_id,
        centerId: membership.center_id,
        role: membership.role as Membership['role'],
      })),
    };
  }

  async findUser(username: string): Promise<UserRecord | null> {
    const row = await this.#db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'is_disabled'])
      .where('username', '=', username)
      .executeTakeFirst();
    return row === undefined ? null : this.#userOf(this.#db, row);
  }

  async getUser(id: number): Promise<UserRecord | null> {
    const row = await this.#db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'is_disabled'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : this.#userOf(this.#db, row);
  }

  // -- authentication --------------------------------------------------------------------------

  async verifyPassword(username: string, password: string): Promise<UserRecord | null> {
    const row = await this.#db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'is_disabled', 'password_hash'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (row === undefined) {
      await verifyPasswordHash(await dummyPasswordHash(), password);
      return null;
    }
    const isValid = await verifyPasswordHash(row.password_hash, password);
    if (!isValid || row.is_disabled === 1) return null;
    return this.#userOf(this.#db, row);
  }

  async createSession(
    userId: number,
    ttlSeconds: number,
  ): Promise<{ readonly token: string; readonly session: SessionInfo }> {
    if (!(Number.isFinite(ttlSeconds) && ttlSeconds > 0)) {
      throw new StoreError(
        'invalid',
        `session lifetime must be a positive number of seconds (got ${ttlSeconds})`,
        'ttlSeconds',
      );
    }
    const user = await this.getUser(userId);
    if (user === null) throw new StoreError('not-found', `user ${userId} not found`, 'userId');
    const token = newToken();
    const csrfToken = newToken();
    const now = this.#clock();
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
    const sessionId = await this.#write(async (trx, audit) => {
      const row = await trx
        .insertInto('sessions')
        .values({
          user_id: userId,
          token_hash: tokenHash(token),
          csrf_token: csrfToken,
          created_at: now.toISOString(),
          expires_at: expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      audit.append(
        { userId, username: user.username },
        {
          action: 'login',
          entity: 'session',
          entityId: row.id,
          patientId: null,
          centerId: null,
          changes: [],
          reason: null,
        },
      );
      return row.id;
    });
    return { token, session: { user, sessionId, csrfToken, expiresAt } };
  }

  /** Forgets every resolved credential (credential-cache.ts). */
  #forgetCredentials(): void {
    this.#sessions.clear();
    this.#apiTokens.clear();
  }

  async resolveSession(token: string): Promise<SessionInfo | null> {
    const key = tokenHash(token);
    const now = this.#clock();
    const cached = this.#sessions.get(key, now.getTime());
    if (cached !== undefined) return cached;
    const generation = this.#sessions.generation;
    // One statement (every request authenticates; on PostgreSQL each round trip counts).
    const rows = await this.#db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .leftJoin('memberships', 'memberships.user_id', 'users.id')
      .select([
        'sessions.id as session_id',
        'sessions.csrf_token',
        'sessions.expires_at',
        'users.id',
        'users.username',
        'users.display_name',
        'users.is_disabled',
        'memberships.study_id',
        'memberships.center_id',
        'memberships.role',
      ])
      .where('sessions.token_hash', '=', key)
      .where('sessions.expires_at', '>', now.toISOString())
      .orderBy('memberships.id')
      .execute();
    const [row, ...more] = rows;
    if (row === undefined || row.is_disabled === 1) return null;
    const user = userOfMembershipRows([row, ...more]);
    const session = { user, sessionId: row.session_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
    this.#sessions.set(key, session, generation, now.getTime(), Date.parse(row.expires_at));
    return session;
  }

  async deleteSession(token: string): Promise<void> {
    await this.#write(
      async (trx, audit) => {
        const row = await trx
          .selectFrom('sessions')
          .innerJoin('users', 'users.id', 'sessions.user_id')
          .select(['sessions.id', 'users.id as user_id', 'users.username'])
          .where('sessions.token_hash', '=', tokenHash(token))
          .executeTakeFirst();
        if (row === undefined) return;
        const deleted = await trx.deleteFrom('sessions').where('id', '=', row.id).executeTakeFirst();
        // A concurrent logout of the same session deleted it first: one logout, one record.
        if (Number(deleted.numDeletedRows) === 0) return;
        audit.append(
          { userId: row.user_id, username: row.username },
          {
            action: 'logout',
            entity: 'session',
            entityId: row.id,
            patientId: null,
            centerId: null,
            changes: [],
            reason: null,
          },
        );
      },
      { changesCredentials: true },
    );
  }

  async createApiToken(
    userId: number,
    label: string,
    options: WriteOptions,
  ): Promise<{ readonly token: string; readonly id: number }> {
    if (label.trim() === '') throw new StoreError('invalid', 'token label must not be empty', 'label');
    const token = newToken();
    const id = await this.#write(async (trx, audit) => {
      const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
      if (user === undefined) throw new StoreError('not-found', `user ${userId} not found`, 'userId');
      const row = await trx
        .insertInto('api_tokens')
        .values({ user_id: userId, label: label.trim(), token_hash: tokenHash(token), created_at: audit.at })
        .returning('id')
        .executeTakeFirstOrThrow();
      audit.append(options.actor, {
        action: 'create',
        entity: 'api_token',
        entityId: row.id,
        patientId: null,
        centerId: null,
        changes: [
          { field: 'userId', old: null, new: userId },
          { field: 'label', old: null, new: label.trim() },
        ],
        reason: options.reason ?? null,
      });
      return row.id;
    });
    return { token, id };
  }

  async resolveApiToken(token: string): Promise<UserRecord | null> {
    const key = tokenHash(token);
    const now = this.#clock().getTime();
    const cached = this.#apiTokens.get(key, now);
    if (cached !== undefined) return cached;
    const generation = this.#apiTokens.generation;
    // One statement (every request authenticates; on PostgreSQL each round trip counts).
    const [row, ...more] = await this.#db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .leftJoin('memberships', 'memberships.user_id', 'users.id')
      .select([
        'users.id',
        'users.username',
        'users.display_name',
        'users.is_disabled',
        'memberships.study_id',
        'memberships.center_id',
        'memberships.role',
      ])
      .where('api_tokens.token_hash', '=', key)
      .orderBy('memberships.id')
      .execute();
    if (row === undefined || row.is_disabled === 1) return null;
    const user = userOfMembershipRows([row, ...more]);
    this.#apiTokens.set(key, user, generation, now);
    return user;
  }

  async recordLoginFailure(key: string): Promise<void> {
    const now = this.#clock();
    // Failures older than a day never count for throttling: prune them as new ones arrive.
    const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('login_failures').where('key', '=', key).where('at', '<', dayAgo).execute();
      await trx.insertInto('login_failures').values({ key, at: now.toISOString() }).execute();
    });
  }

  async countLoginFailures(key: string, withinSeconds: number): Promise<number> {
    const since = new Date(this.#clock().getTime() - withinSeconds * 1000).toISOString();
    const row = await this.#db
      .selectFrom('login_failures')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('count'))
      .where('key', '=', key)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.#db.deleteFrom('login_failures').where('key', '=', key).execute();
  }

  // -- patients ----------------------------------------------------------------------------------

  async listPatients(scope: AccessScope, filter?: { readonly centerId?: number }): Promise<readonly PatientRecord[]> {
    const centers = readCenterList(scope);
    if (centers !== null && centers.length === 0) return [];
    let query = formDb(this.#db).selectFrom('patients').selectAll().where('study_id', '=', scope.studyId);
    if (centers !== null) query = query.where('center_id', 'in', [...centers]);
    if (filter?.centerId !== undefined) query = query.where('center_id', '=', filter.centerId);
    const rows = await query.orderBy('id').execute();
    return rows.map(patientOfRow);
  }

  async getPatient(scope: AccessScope, patientId: number): Promise<PatientRecord> {
    const patient = await findPatientRow(this.#db, patientId);
    assertReadable(scope, patient, patientId);
    return patient as PatientRecord;
  }

  async createPatient(scope: AccessScope, input: PatientCreate, options: WriteOptions): Promise<PatientRecord> {
    if (!canWriteCenter(scope, input.centerId)) {
      throw new StoreError('forbidden', `this role cannot register patients in centre ${input.centerId}`, 'centerId');
    }
    const reason = reasonOf(options.reason, input);
    try {
      return await this.#write((trx, audit) =>
        insertPatient({ trx, audit, actor: options.actor, dialect: this.dialect }, scope.studyId, input, {
          action: 'create',
          reason,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new StoreError('duplicate', `patient code ${input.code} is already used in this centre`, 'code');
      }
      throw error;
    }
  }

  async updatePatient(
    scope: AccessScope,
    patientId: number,
    input: PatientUpdate,
    options: WriteOptions,
  ): Promise<PatientRecord> {
    const parsed = parseOrThrow(patientUpdateSchema, input, 'patient');
    const reason = reasonOf(options.reason, parsed);
    return this.#write(async (trx, audit) => {
      const current = await lockPatientRow(trx, this.dialect, patientId);
      assertWritable(scope, current, patientId);
      const { version, formStatus, reason: _reason, ...fields } = parsed;
      const { patient } = await updatePatientFields(
        { trx, audit, actor: options.actor, dialect: this.dialect },
        current as PatientRecord,
        { fields, formStatus: formStatus as string | undefined, version: version as number },
        { action: 'update', reason },
      );
      return patient;
    });
  }

  async #readablePatient(
    db: Kysely<Database> | Transaction<Database>,
    scope: AccessScope,
    patientId: number,
  ): Promise<PatientRecord> {
    const patient = await findPatientRow(db, patientId);
    assertReadable(scope, patient, patientId);
    return patient as PatientRecord;
  }

  /** The patient a write is about, locked before anything of it is read (ADR 0007), and checked writable. */
  async #writablePatient(trx: Transaction<Database>, scope: AccessScope, patientId: number): Promise<PatientRecord> {
    const patient = await lockPatientRow(trx, this.dialect, patientId);
    assertWritable(scope, patient, patientId);
    return patient as PatientRecord;
  }

  async listChildren<TKind extends ChildFormKind>(
    scope: AccessScope,
    patientId: number,
    kind: TKind,
  ): Promise<readonly ChildRecord<TKind>[]> {
    // One statement when the patient has rows: they are read only if the scope reads the patient.
    const centers = readCenterList(scope);
    if (centers === null || centers.length > 0) {
      const rows = await formDb(this.#db)
        .selectFrom(childFormTables[kind])
        .selectAll()
        .where('patient_id', 'in', (eb) => {
          let patient = eb.selectFrom('patients').select('id').where('id', '=', patientId);
          patient = patient.where('study_id', '=', scope.studyId);
          return centers === null ? patient : patient.where('center_id', 'in', [...centers]);
        })
        .orderBy('id')
        .execute();
      if (rows.length > 0) return rows.map((row) => childOfRow(kind, row));
    }
    // No rows: none stored, or not a patient of the scope (patients never move or disappear).
    await this.#readablePatient(this.#db, scope, patientId);
    return [];
  }

  async createChild<TKind extends ChildFormKind>(
    scope: AccessScope,
    patientId: number,
    kind: TKind,
    input: ChildCreate<TKind>,
    options: WriteOptions,
  ): Promise<ChildRecord<TKind>> {
    const record = input as Readonly<Record<string, unknown>>;
    const reason = reasonOf(options.reason, record);
    return this.#write(async (trx, audit) => {
      const patient = await this.#writablePatient(trx, scope, patientId);
      const prepared = await prepareChildCreate(trx, patient, kind, record);
      const created = await insertChild(
        { trx, audit, actor: options.actor, dialect: this.dialect },
        patient,
        kind,
        prepared,
        {
          action: 'create',
          reason,
          recompute: true,
        },
      );
      return created as unknown as ChildRecord<TKind>;
    });
  }

  async updateChild<TKind extends ChildFormKind>(
    scope: AccessScope,
    patientId: number,
    kind: TKind,
    recordId: number,
    input: ChildUpdate<TKind>,
    options: WriteOptions,
  ): Promise<ChildRecord<TKind>> {
    const record = input as Readonly<Record<string, unknown>>;
    const reason = reasonOf(options.reason, record);
    return this.#write(async (trx, audit) => {
      const patient = await this.#writablePatient(trx, scope, patientId);
      const updated = await updateChildRecord(
        { trx, audit, actor: options.actor, dialect: this.dialect },
        patient,
        kind,
        recordId,
        record,
        reason,
      );
      return updated as unknown as ChildRecord<TKind>;
    });
  }

  async deleteChild(
    scope: AccessScope,
    patientId: number,
    kind: ChildFormKind,
    recordId: number,
    options: DeleteOptions,
  ): Promise<void> {
    const reason = reasonOf(options.reason, {});
    await this.#write(async (trx, audit) => {
      const patient = await this.#writablePatient(trx, scope, patientId);
      await deleteChildRecord({ trx, audit, actor: options.actor, dialect: this.dialect }, patient, kind, recordId, {
        version: options.version,
        reason,
      });
    });
  }

  async getDerived(scope: AccessScope, patientId: number): Promise<DerivedPatientResults> {
    // One statement: the patient (for the scope check) and its derived results.
    const row = await this.#db
      .selectFrom('patients')
      .leftJoin('derived_results', 'derived_results.patient_id', 'patients.id')
      .select([
        'patients.study_id',
        'patients.center_id',
        'derived_results.input_hash',
        'derived_results.computed_at',
        'derived_results.results',
      ])
      .where('patients.id', '=', patientId)
      .executeTakeFirst();
    const patient =
      row === undefined ? undefined : { id: patientId, studyId: row.study_id, centerId: row.center_id, derived: row };
    assertReadable(scope, patient, patientId);
    const { input_hash: inputHash, computed_at: computedAt, results } = patient.derived;
    if (inputHash !== null && computedAt !== null && results !== null) {
      return { patientId, inputHash, computedAt, results: JSON.parse(results) as unknown };
    }
    // Only a database written by something else lacks them: derive now (no audit: derived values are not entries).
    // The patient row first, like every write: a concurrent write's recompute is not overwritten.
    const at = this.#now();
    await retryTransient(() =>
      this.#db.transaction().execute(async (trx) => {
        const locked = (await lockPatientRow(trx, this.dialect, patientId)) as PatientRecord;
        await recomputeDerived({ trx, dialect: this.dialect }, locked, at);
      }),
    );
    const stored = await this.#db
      .selectFrom('derived_results')
      .selectAll()
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow();
    return {
      patientId: stored.patient_id,
      inputHash: stored.input_hash,
      computedAt: stored.computed_at,
      results: JSON.parse(stored.results) as unknown,
    };
  }

  async loadStudyData(scope: AccessScope): Promise<ScopedStudyData> {
    return this.#read(async (trx) => {
      const study = await trx
        .selectFrom('studies')
        .select(['id', 'code', 'title'])
        .where('id', '=', scope.studyId)
        .executeTakeFirst();
      if (study === undefined) throw new StoreError('not-found', `study ${scope.studyId} not found`, 'studyId');
      const centerList = readCenterList(scope);
      const allCenters = await trx
        .selectFrom('centers')
        .select(['id', 'study_id', 'code', 'name', 'city'])
        .where('study_id', '=', scope.studyId)
        .orderBy('id')
        .execute();
      const centers = allCenters
        .filter((center) => centerList === null || centerList.includes(center.id))
        .map((row) => ({ id: row.id, studyId: row.study_id, code: row.code, name: row.name, city: row.city }));
      let patients: PatientRecord[] = [];
      if (centerList === null || centerList.length > 0) {
        let query = formDb(trx).selectFrom('patients').selectAll().where('study_id', '=', scope.studyId);
        if (centerList !== null) query = query.where('center_id', 'in', [...centerList]);
        patients = (await query.orderBy('id').execute()).map(patientOfRow);
      }
      const ids = patients.map((patient) => patient.id);
      // Rows grouped by patient once (a filter per patient would be quadratic: 10⁴ patients × 10⁶ labs).
      const children = new Map<ChildFormKind, Map<number, { readonly patientId: number }[]>>();
      for (const kind of childFormKinds) {
        const grouped = new Map<number, { readonly patientId: number }[]>();
        for (const row of await loadChildren(trx, kind, ids)) {
          const list = grouped.get(row.patientId);
          if (list === undefined) grouped.set(row.patientId, [row]);
          else list.push(row);
        }
        children.set(kind, grouped);
      }
      const byPatient = <TKind extends ChildFormKind>(kind: TKind, patientId: number): ChildRecord<TKind>[] =>
        (children.get(kind)?.get(patientId) ?? []) as unknown as ChildRecord<TKind>[];
      return {
        study,
        centers,
        patients: patients.map((patient) => ({
          patient,
          priorTherapies: byPatient('prior-therapies', patient.id),
          courses: byPatient('courses', patient.id),
          administrations: byPatient('administrations', patient.id),
          assessments: byPatient('assessments', patient.id),
          adverseEvents: byPatient('adverse-events', patient.id),
          followUp: byPatient('follow-up', patient.id),
        })),
      };
    });
  }

  // -- imports -----------------------------------------------------------------------------------

  async importBatch(
    scope: AccessScope,
    batch: ImportBatch,
    options: WriteOptions & { readonly dryRun: boolean },
  ): Promise<ImportSummary> {
    try {
      return await runImportBatch(
        (work) =>
          this.#write(async (trx, audit) => {
            const context: WriteContext = { trx, audit, actor: options.actor, dialect: this.dialect };
            // Lock order (ADR 0007): the stored patients the batch touches, ascending, before reading them.
            // One registered by another write after this has its rows locked by this batch's own
            // statements (update, foreign-key checks); the worst case is a deadlock, which is retried.
            await lockPatientRows(trx, this.dialect, await findImportTargetIds(context, scope, batch));
            return work(context);
          }),
        scope,
        batch,
        options,
      );
    } catch (error) {
      // Another write registered one of the batch's new codes after the batch was checked.
      if (isUniqueViolation(error)) {
        throw new StoreError(
          'duplicate',
          'import refused, nothing was written: a patient code of the batch was registered meanwhile; run the import again',
          'code',
        );
      }
      throw error;
    }
  }

  // -- audit -------------------------------------------------------------------------------------

  async listAudit(
    scope: AccessScope,
    filter?: { readonly patientId?: number; readonly afterSeq?: number; readonly limit?: number },
  ): Promise<readonly AuditRecord[]> {
    const scoped = await scopedAuditQuery(this.#db, scope, {
      ...(filter?.patientId === undefined ? {} : { patientId: filter.patientId }),
      ...(filter?.afterSeq === undefined ? {} : { afterSeq: filter.afterSeq }),
    });
    if (scoped === null) return [];
    let query = scoped.orderBy('seq');
    if (filter?.limit !== undefined) query = query.limit(filter.limit);
    const rows = await query.execute();
    return rows.map(auditRecordOfRow);
  }

  async listAllAudit(filter?: {
    readonly afterSeq?: number;
    readonly limit?: number;
  }): Promise<readonly AuditRecord[]> {
    let query = this.#db.selectFrom('audit_log').selectAll();
    if (filter?.afterSeq !== undefined) query = query.where('seq', '>', filter.afterSeq);
    query = query.orderBy('seq');
    if (filter?.limit !== undefined) query = query.limit(filter.limit);
    return (await query.execute()).map(auditRecordOfRow);
  }

  async verifyAudit(): Promise<AuditVerification> {
    return this.#read((trx) => verifyAuditChain(trx));
  }

  // -- backup ------------------------------------------------------------------------------------

  async exportSnapshot(): Promise<StoreSnapshot> {
    return this.#read((trx) => exportDatabaseSnapshot(trx));
  }

  async restoreSnapshot(snapshot: StoreSnapshot, options?: WriteOptions): Promise<void> {
    const actor: Actor = options?.actor ?? { userId: null, username: 'system' };
    // The restore writes the audit head last too (restoreDatabaseSnapshot sets it from the restored log).
    await this.#write(
      async (trx, audit) => {
        await restoreDatabaseSnapshot(trx, this.dialect, snapshot);
        const counts = Object.fromEntries(Object.entries(snapshot.tables).map(([table, rows]) => [table, rows.length]));
        audit.append(actor, {
          action: 'restore',
          entity: 'database',
          entityId: null,
          patientId: null,
          centerId: null,
          changes: [{ field: 'rows', old: null, new: counts }],
          reason: options?.reason ?? `restored from a backup of schema ${snapshot.schemaVersion}`,
        });
      },
      { changesCredentials: true },
    );
  }

  async contentHash(): Promise<string> {
    return computeContentHash(await this.exportSnapshot());
  }

  // -- list pages (reads only; patient-list-queries.ts, audit-page-query.ts) ----------------------

  async listPatientEntries(
    scope: AccessScope,
    filter?: { readonly centerId?: number },
  ): Promise<readonly PatientListEntry[]> {
    return this.#read((trx) => listPatientEntries(trx, scope, filter ?? {}));
  }

  async listAuditPage(scope: AccessScope, filter: AuditPageFilter): Promise<AuditPage> {
    return loadAuditPage(this.#db, scope, filter);
  }
}
