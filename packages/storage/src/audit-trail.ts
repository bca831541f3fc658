/**
 * The hash-chained audit trail (issue 5 item 7, ADR 0005). Every record stores the previous record's
 * hash and `hash = sha256(prevHash + canonical JSON of the record without hash)`; `audit_head` keeps
 * the last sequence number and hash, so an edited, deleted (anywhere, including the tail) or
 * reordered record breaks verification. Appends happen inside the write's own transaction, after the
 * transaction has locked `audit_head` (PostgreSQL: `select … for update`; SQLite: the one connection
 * and `BEGIN IMMEDIATE`), so the chain stays linear under concurrent writers.
 */
import type { AuditRecord } from '@mmreg/contracts';
import type { Kysely, Transaction } from 'kysely';
import { canonicalJson, sha256Hex } from './canonical-json.ts';
import type { FieldChange } from './form-columns.ts';
import type { AuditLogTable, Database } from './schema.ts';
import type { Actor, AuditVerification } from './store.ts';

export const genesisHash = '0'.repeat(64);

export type AuditAction = AuditRecord['action'];

/** What a write appends; the trail adds seq, time, actor and hashes. */
export interface AuditEntry {
  readonly action: AuditAction;
  readonly entity: string;
  readonly entityId: number | null;
  readonly patientId: number | null;
  readonly centerId: number | null;
  readonly changes: readonly FieldChange[];
  readonly reason: string | null;
}

/** The hash of a record given everything but its hash. */
export function hashAuditRecord(record: Omit<AuditRecord, 'hash'>): string {
  return sha256Hex(record.prevHash + canonicalJson(record));
}

export function auditRecordOfRow(row: AuditLogTable): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    action: row.action as AuditAction,
    entity: row.entity,
    entityId: row.entity_id,
    patientId: row.patient_id,
    centerId: row.center_id,
    changes: JSON.parse(row.changes) as AuditRecord['changes'],
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Locks the chain head for the rest of the transaction and returns it. */
export async function lockAuditHead(
  trx: Transaction<Database>,
  dialect: 'sqlite' | 'postgres',
): Promise<{ lastSeq: number; lastHash: string }> {
  const query = trx.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1);
  const head = await (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
  if (head === undefined) throw new Error('audit_head row is missing: the database was not migrated by mmreg');
  return { lastSeq: head.last_seq, lastHash: head.last_hash };
}

/** Appends records within one write transaction (the head must already be locked). */
export class AuditAppender {
  readonly #trx: Transaction<Database>;
  readonly #at: string;
  #lastSeq: number;
  #lastHash: string;

  constructor(trx: Transaction<Database>, head: { lastSeq: number; lastHash: string }, at: string) {
    this.#trx = trx;
    this.#lastSeq = head.lastSeq;
    this.#lastHash = head.lastHash;
    this.#at = at;
  }

  /** The timestamp of this transaction's records (ISO UTC). */
  get at(): string {
    return this.#at;
  }

  async append(actor: Actor, entry: AuditEntry): Promise<AuditRecord> {
    const record: Omit<AuditRecord, 'hash'> = {
      seq: this.#lastSeq + 1,
      at: this.#at,
      userId: actor.userId,
      username: actor.username,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      patientId: entry.patientId,
      centerId: entry.centerId,
      changes: entry.changes.map((change) => ({ field: change.field, old: change.old, new: change.new })),
      reason: entry.reason,
      prevHash: this.#lastHash,
    };
    const hash = hashAuditRecord(record);
    await this.#trx
      .insertInto('audit_log')
      .values({
        seq: record.seq,
        at: record.at,
        user_id: record.userId,
        username: record.username,
        action: record.action,
        entity: record.entity,
        entity_id: record.entityId,
        patient_id: record.patientId,
        center_id: record.centerId,
        changes: JSON.stringify(record.changes),
        reason: record.reason,
        prev_hash: record.prevHash,
        hash,
      })
      .execute();
    await this.#trx
      .updateTable('audit_head')
      .set({ last_seq: record.seq, last_hash: hash })
      .where('id', '=', 1)
      .execute();
    this.#lastSeq = record.seq;
    this.#lastHash = hash;
    return { ...record, hash };
  }
}

const verifyPageSize = 2000;

/** Walks the whole chain in sequence order; the first inconsistency found is reported with its seq. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  let expectedSeq = 1;
  let previousHash = genesisHash;
  let records = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(verifyPageSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return {
          ok: false,
          records,
          seq: expectedSeq,
          problem: `record ${expectedSeq} is missing (next stored record is ${row.seq}): deleted or renumbered`,
        };
      }
      let record: AuditRecord;
      try {
        record = auditRecordOfRow(row);
      } catch {
        return { ok: false, records, seq: row.seq, problem: `record ${row.seq} has unreadable changes (not JSON)` };
      }
      if (record.prevHash !== previousHash) {
        return {
          ok: false,
          records,
          seq: row.seq,
          problem: `record ${row.seq} does not follow record ${row.seq - 1} (previous hash differs): a record was deleted, inserted or reordered`,
        };
      }
      const { hash, ...withoutHash } = record;
      if (hashAuditRecord(withoutHash) !== hash) {
        return {
          ok: false,
          records,
          seq: row.seq,
          problem: `record ${row.seq} was edited (its hash does not match its content)`,
        };
      }
      previousHash = hash;
      expectedSeq += 1;
      records += 1;
    }
    if (rows.length < verifyPageSize) break;
  }
  const head = await db
    .selectFrom('audit_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (head === undefined) return { ok: false, records, seq: expectedSeq, problem: 'the chain head row is missing' };
  if (head.last_seq !== records || head.last_hash !== previousHash) {
    return {
      ok: false,
      records,
      seq: Math.max(head.last_seq, records),
      problem: `the chain head names record ${head.last_seq} but the log ends at record ${records}: records at the end were deleted or the head was edited`,
    };
  }
  return { ok: true, records, lastHash: previousHash };
}
