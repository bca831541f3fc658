/**
 * How a write transaction takes its locks and recovers from lock conflicts (ADR 0007). Lock order:
 * first the rows the write is about — the patient row (several: ascending id) or the user row —
 * before anything of theirs is read; the audit chain head last, at the audit flush just before
 * commit. With one order mmreg's writes do not deadlock each other; PostgreSQL can still abort a
 * transaction as a deadlock victim (40P01: say, two imports registering the same new codes in
 * opposite orders, or a tool holding locks of its own) or a serialization failure (40001), and the
 * whole transaction is then run again, a bounded number of times. SQLite needs no row locks: its
 * write transactions are exclusive (`BEGIN IMMEDIATE` on one connection).
 */
import type { PatientRecord } from '@mmreg/contracts';
import type { Transaction } from 'kysely';
import { formDb, patientOfRow } from './form-writes.ts';
import type { Database } from './schema.ts';

export type StoreDialect = 'sqlite' | 'postgres';

/** Reads a patient row and, on PostgreSQL, locks it (`for update`) until the transaction ends. */
export async function lockPatientRow(
  trx: Transaction<Database>,
  dialect: StoreDialect,
  patientId: number,
): Promise<PatientRecord | undefined> {
  const query = formDb(trx).selectFrom('patients').selectAll().where('id', '=', patientId);
  const row = await (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
  return row === undefined ? undefined : patientOfRow(row);
}

const maxIdsPerLock = 10_000;

/** Locks patient rows in ascending id order (PostgreSQL; a no-op on SQLite). Unknown ids are ignored. */
export async function lockPatientRows(
  trx: Transaction<Database>,
  dialect: StoreDialect,
  patientIds: readonly number[],
): Promise<void> {
  if (dialect !== 'postgres') return;
  const ids = [...new Set(patientIds)].sort((a, b) => a - b);
  for (let start = 0; start < ids.length; start += maxIdsPerLock) {
    // `order by … for update` locks rows in the sorted order (PostgreSQL sorts before locking).
    await trx
      .selectFrom('patients')
      .select('id')
      .where('id', 'in', ids.slice(start, start + maxIdsPerLock))
      .orderBy('id')
      .forUpdate()
      .execute();
  }
}

/** Reads whether a user exists and, on PostgreSQL, locks the row (`for update`) until the transaction ends. */
export async function lockUserRow(trx: Transaction<Database>, dialect: StoreDialect, userId: number): Promise<boolean> {
  const query = trx.selectFrom('users').select('id').where('id', '=', userId);
  return (await (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst()) !== undefined;
}

/** PostgreSQL's deadlock victim (40P01) and serialization failure (40001): running again can succeed. */
export function isTransientTransactionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '40P01' || code === '40001';
}

export interface RetryPolicy {
  /** Runs in all, the first included. */
  readonly attempts: number;
  /** Milliseconds to wait before run `attempt + 1`. */
  delayMs(attempt: number): number;
}

/** Three runs; a short pause with jitter between them, so two victims do not collide again in step. */
export const transientRetryPolicy: RetryPolicy = {
  attempts: 3,
  delayMs: (attempt) => 5 * attempt + Math.random() * 20,
};

/** Runs `transaction` again (whole) after a transient failure, up to the policy's attempts. */
export async function retryTransient<TResult>(
  transaction: () => Promise<TResult>,
  policy: RetryPolicy = transientRetryPolicy,
): Promise<TResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= policy.attempts || !isTransientTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, policy.delayMs(attempt)));
    }
  }
}
