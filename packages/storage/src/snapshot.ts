/**
 * Backup and restore as data (issue 5 item 3, ADR 0005): a snapshot holds every content table's rows
 * in primary-key order, values exactly as stored (ISO text, 0/1, JSON text, numbers), so the same
 * content gives the same snapshot on SQLite and PostgreSQL. Content is everything a study owns,
 * including users (with password hashes), API token hashes, derived results and the audit log; it
 * excludes sessions and login failures (volatile: a restore logs everyone out), the audit chain head
 * (recomputed from the log on restore) and Kysely's migration bookkeeping. `contentHash` is the SHA-256
 * of the canonical snapshot without the audit records of restores themselves, so a restored database
 * hashes like its source while its audit trail still says it was restored.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { genesisHash } from './audit-trail.ts';
import { canonicalJson, sha256Hex } from './canonical-json.ts';
import { latestSchemaVersion, restorableSchemaVersions } from './migrations/migrations.ts';
import type { Database } from './schema.ts';
import { StoreError, type StoreSnapshot } from './store.ts';

/** Content tables in foreign-key order (parents first), with their primary key. */
export const snapshotTables = [
  ['studies', 'id'],
  ['centers', 'id'],
  ['users', 'id'],
  ['memberships', 'id'],
  ['api_tokens', 'id'],
  ['patients', 'id'],
  ['prior_therapies', 'id'],
  ['courses', 'id'],
  ['administrations', 'id'],
  ['lab_assessments', 'id'],
  ['adverse_events', 'id'],
  ['follow_ups', 'id'],
  ['derived_results', 'patient_id'],
  ['audit_log', 'seq'],
] as const;

type SnapshotTable = (typeof snapshotTables)[number][0];
type AnyRow = Record<string, string | number | null>;
type AnyDatabase = Record<string, AnyRow>;

function anyDb(db: Kysely<Database> | Transaction<Database>): Kysely<AnyDatabase> {
  return db as unknown as Kysely<AnyDatabase>;
}

/** Values as JSON-safe scalars (drivers may hand back bigint or Buffer for unusual columns). */
function normaliseRow(row: Readonly<Record<string, unknown>>): AnyRow {
  const normalised: AnyRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || typeof value === 'string' || typeof value === 'number') normalised[key] = value;
    else if (typeof value === 'bigint') normalised[key] = Number(value);
    else if (typeof value === 'boolean') normalised[key] = value ? 1 : 0;
    else normalised[key] = String(value);
  }
  return normalised;
}

export async function exportDatabaseSnapshot(db: Kysely<Database> | Transaction<Database>): Promise<StoreSnapshot> {
  const tables: Record<string, AnyRow[]> = {};
  for (const [table, key] of snapshotTables) {
    const rows = await anyDb(db).selectFrom(table).selectAll().orderBy(key).execute();
    tables[table] = rows.map(normaliseRow);
  }
  return { format: 'mmreg-backup', formatVersion: 1, schemaVersion: latestSchemaVersion, tables };
}

/** SHA-256 of the canonical snapshot, without the audit records of restores. */
export function computeContentHash(snapshot: StoreSnapshot): string {
  const auditLog = snapshot.tables['audit_log'] ?? [];
  const tables = { ...snapshot.tables, audit_log: auditLog.filter((row) => row['action'] !== 'restore') };
  return sha256Hex(canonicalJson({ ...snapshot, tables }));
}

const insertChunkRows = 200;

/** Inserts a snapshot into an empty database (same transaction as the caller's restore audit record). */
export async function restoreDatabaseSnapshot(
  trx: Transaction<Database>,
  dialect: 'sqlite' | 'postgres',
  snapshot: StoreSnapshot,
): Promise<void> {
  if (snapshot.format !== 'mmreg-backup' || snapshot.formatVersion !== 1) {
    throw new StoreError('invalid', 'not an mmreg backup (format mmreg-backup, version 1 expected)', 'format');
  }
  if (!restorableSchemaVersions.includes(snapshot.schemaVersion)) {
    throw new StoreError(
      'invalid',
      `the backup has schema ${snapshot.schemaVersion}; this mmreg restores schemas ${restorableSchemaVersions.join(', ')}`,
      'schemaVersion',
    );
  }
  const known = new Set<string>(snapshotTables.map(([table]) => table));
  for (const table of Object.keys(snapshot.tables)) {
    if (!known.has(table)) throw new StoreError('invalid', `the backup has an unknown table ${table}`, 'tables');
  }
  for (const [table] of snapshotTables) {
    const row = await anyDb(trx).selectFrom(table).select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
    if (row !== undefined) {
      throw new StoreError('invalid', `restore needs an empty database, but table ${table} has rows`, 'database');
    }
  }
  const columnsByTable = await tableColumns(trx, dialect);
  for (const [table] of snapshotTables) {
    const rows = snapshot.tables[table] ?? [];
    const columns = columnsByTable.get(table) ?? new Set<string>();
    rows.forEach((row, index) => {
      for (const column of Object.keys(row)) {
        if (!columns.has(column)) {
          throw new StoreError(
            'invalid',
            `backup table ${table}, row ${index + 1}: unknown column ${column}`,
            'tables',
          );
        }
      }
    });
    for (let start = 0; start < rows.length; start += insertChunkRows) {
      const chunk = rows.slice(start, start + insertChunkRows).map((row) => normaliseRow(row));
      await anyDb(trx).insertInto(table).values(chunk).execute();
    }
  }
  if (dialect === 'postgres') await resetIdentitySequences(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  await trx
    .updateTable('audit_head')
    .set({ last_seq: last?.seq ?? 0, last_hash: last?.hash ?? genesisHash })
    .where('id', '=', 1)
    .execute();
}

/** The columns of each table of the database (PostgreSQL: of the current schema only). */
async function tableColumns(
  trx: Transaction<Database>,
  dialect: 'sqlite' | 'postgres',
): Promise<Map<SnapshotTable | string, Set<string>>> {
  let schema: string | undefined;
  if (dialect === 'postgres') {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(trx);
    schema = result.rows[0]?.schema;
  }
  const tables = (await trx.introspection.getTables()).filter(
    (table) => schema === undefined || table.schema === schema,
  );
  return new Map(tables.map((table) => [table.name, new Set(table.columns.map((column) => column.name))]));
}

/** After explicit ids were inserted, the identity sequences continue after the largest one. */
async function resetIdentitySequences(trx: Transaction<Database>): Promise<void> {
  for (const [table, key] of snapshotTables) {
    if (key !== 'id') continue;
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}
