/**
 * The hash-chained audit trail (issue 5 item 7, ADR 0005, ADR 0007, ADR 0008). Every record stores the
 * previous record's hash and `hash = sha256(prevHash + canonical JSON of the record without hash)`;
 * `audit_head` keeps the last sequence number and hash, so an edited, deleted (anywhere, including
 * the tail) or reordered record breaks verification. A write buffers its entries and flushes them at
 * the end of its own transaction:
 * - SQLite: the flush takes the head (the one connection, `BEGIN IMMEDIATE`), chains the entries here
 *   and stores them;
 * - PostgreSQL: the flush stores the entries unsealed (a negative placeholder seq, the canonical JSON
 *   of each record cut around its seq, time and previous hash) and the database seals them at commit:
 *   a deferred constraint trigger (migration 0002) locks `audit_head`, chains them with the same
 *   formula and moves the head, so no client round trip happens while the head is held (ADR 0008).
 */
import type { AuditRecord } from '@mmreg/contracts';
import { type InsertQueryBuilder, type InsertResult, type Kysely, sql, type Transaction } from 'kysely';
import { canonicalJson, canonicalJsonAround, sha256Hex } from './canonical-json.ts';
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

/** The values PostgreSQL fills in when it seals a record, in the order they appear in its canonical JSON. */
export const sealedFields = ['at', 'prevHash', 'seq'] as const;

/** Separates the segments of a seal template: canonical JSON escapes every control character, so U+0001 never occurs in it. */
export const sealTemplateSeparator = '\u0001';

/**
 * The seal template of a record: its canonical JSON without hash cut around `at`, `prevHash` and `seq`,
 * the segments joined by U+0001. The trigger of migration 0002 (PostgreSQL) rebuilds the text as
 * `s0 + JSON(at) + s1 + JSON(prevHash) + s2 + seq + s3` and hashes `prevHash + text`, which is
 * `hashAuditRecord` of the record (tested).
 */
export function auditSealTemplate(record: Omit<AuditRecord, 'hash'>): string {
  const { segments, holeOrder } = canonicalJsonAround(record, sealedFields);
  if (holeOrder.join() !== sealedFields.join()) {
    throw new Error(`audit record fields sort as ${holeOrder.join()}, not as the seal trigger expects`);
  }
  return segments.join(sealTemplateSeparator);
}

/**
 * The chain head, read by a SQLite write: its transaction is exclusive (`BEGIN IMMEDIATE` on the one
 * connection), so reading the head is holding it. PostgreSQL writes never read it: their records are
 * sealed at commit (migration 0002).
 */
async function readAuditHead(trx: Transaction<Database>): Promise<{ lastSeq: number; lastHash: string }> {
  const head = await trx
    .selectFrom('audit_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (head === undefined) throw new Error('audit_head row is missing: the database was not migrated by mmreg');
  return { lastSeq: head.last_seq, lastHash: head.last_hash };
}

/** A statement run for its effect alone (its result is never read), as a flush can carry it. */
export type DeferredWrite = InsertQueryBuilder<Database, 'derived_results', InsertResult>;

/** Audit rows are inserted in slices: bound parameters per statement are limited (SQLite 32,766). */
const insertChunkRows = 1000;

/**
 * The audit entries of one write transaction. `append` only buffers (the entry's seq, time and hashes
 * are not known yet); `flush`, the last statement before commit, stores them: on SQLite it locks the
 * chain head, chains the entries, inserts them in one multi-row insert and moves the head once
 * (ADR 0007); on PostgreSQL it inserts them unsealed and the commit seals them (ADR 0008).
 */
export class AuditAppender {
  readonly #at: string;
  readonly #entries: Omit<AuditRecord, 'seq' | 'at' | 'prevHash' | 'hash'>[] = [];
  #deferredWrite: DeferredWrite | null = null;
  #isFlushed = false;

  constructor(at: string) {
    this.#at = at;
  }

  /** The time of this write's rows (ISO UTC, taken when its transaction began); records get theirs at the flush. */
  get at(): string {
    return this.#at;
  }

  /**
   * Runs a write whose result nobody reads — the derived-results upsert that ends a form write — as
   * late as possible: on PostgreSQL it is held and runs inside the flush statement (a data-modifying
   * `with`), saving the write a round trip. One write is held at a time, the latest: a held write runs
   * (first) when another comes, so writes keep their order — an import that recomputes a patient
   * twice stores the second result. On SQLite, or after the flush, the write runs now.
   */
  async writeLast(dialect: 'sqlite' | 'postgres', write: DeferredWrite): Promise<void> {
    if (dialect !== 'postgres' || this.#isFlushed) {
      await write.execute();
      return;
    }
    const held = this.#deferredWrite;
    this.#deferredWrite = write;
    if (held !== null) await held.execute();
  }

  /** Buffers an entry (a copy: later changes to the caller's objects cannot alter what is hashed). */
  append(actor: Actor, entry: AuditEntry): void {
    if (this.#isFlushed) throw new Error('audit entry appended after the flush: it would be lost');
    this.#entries.push({
      userId: actor.userId,
      username: actor.username,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      patientId: entry.patientId,
      centerId: entry.centerId,
      changes: structuredClone(
        entry.changes.map((change) => ({ field: change.field, old: change.old, new: change.new })),
      ),
      reason: entry.reason,
    });
  }

  /**
   * Stores the buffered entries with their time (`now()`). SQLite: locks the chain head, gives them
   * their seq and hashes (the time is read under the lock, so seq order is time order whenever the
   * clock does not step back), stores them and moves the head. PostgreSQL: stores them unsealed, for
   * the commit to seal. Nothing buffered: no lock, no statement.
   */
  async flush(trx: Transaction<Database>, dialect: 'sqlite' | 'postgres', now: () => string): Promise<void> {
    if (this.#isFlushed) throw new Error('audit entries flushed twice');
    this.#isFlushed = true;
    if (this.#entries.length === 0) {
      await this.#deferredWrite?.execute();
      return;
    }
    if (dialect === 'postgres') await this.#storeUnsealed(trx, now());
    else await this.#storeChained(trx, now);
  }

  /** SQLite: gives the entries their seq, time (read under the head) and hashes, stores them, moves the head. */
  async #storeChained(trx: Transaction<Database>, now: () => string): Promise<void> {
    const head = await readAuditHead(trx);
    const at = now();
    let lastSeq = head.lastSeq;
    let lastHash = head.lastHash;
    const records: AuditRecord[] = [];
    for (const entry of this.#entries) {
      const record: Omit<AuditRecord, 'hash'> = {
        seq: lastSeq + 1,
        at,
        userId: entry.userId,
        username: entry.username,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId,
        patientId: entry.patientId,
        centerId: entry.centerId,
        changes: entry.changes,
        reason: entry.reason,
        prevHash: lastHash,
      };
      const hash = hashAuditRecord(record);
      records.push({ ...record, hash });
      lastSeq = record.seq;
      lastHash = hash;
    }
    const rows = records.map(auditRowOfRecord);
    for (let start = 0; start < rows.length; start += insertChunkRows) {
      await trx
        .insertInto('audit_log')
        .values(rows.slice(start, start + insertChunkRows))
        .execute();
    }
    await trx.updateTable('audit_head').set({ last_seq: lastSeq, last_hash: lastHash }).where('id', '=', 1).execute();
  }

  /**
   * PostgreSQL: inserts the entries in their order with placeholder seqs `-nextval('audit_pending_seq')`
   * (decreasing: the trigger seals in descending placeholder order, which is this order), an empty
   * previous hash and the seal template in `hash`. The rows are visible to this transaction only; the
   * deferred trigger `audit_log_seal` replaces all three at commit.
   */
  async #storeUnsealed(trx: Transaction<Database>, at: string): Promise<void> {
    const rows = this.#entries.map((entry) => {
      const template = auditSealTemplate({ ...entry, seq: 0, at, prevHash: '' });
      const row = auditRowOfRecord({ ...entry, seq: 0, at, prevHash: '', hash: template });
      return { ...row, seq: sql<number>`-nextval('audit_pending_seq')` };
    });
    const deferred = this.#deferredWrite;
    for (let start = 0; start < rows.length; start += insertChunkRows) {
      const chunk = rows.slice(start, start + insertChunkRows);
      if (start === 0 && deferred !== null) {
        await trx
          .with('deferred_write', () => deferred)
          .insertInto('audit_log')
          .values(chunk)
          .execute();
      } else {
        await trx.insertInto('audit_log').values(chunk).execute();
      }
    }
  }
}

function auditRowOfRecord(record: AuditRecord): AuditLogTable {
  return {
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
    hash: record.hash,
  };
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
