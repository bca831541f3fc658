/**
 * The migrations, kept in code (no directory scan, so they run the same from sources, tests and a
 * bundle) and run by Kysely's Migrator on every open. Forward only: append, never edit or remove.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { type MigrationDialect, up as upInitialSchema } from './0001-initial-schema.ts';
import { up as upPostgresAuditSealing } from './0002-postgres-audit-sealing.ts';

/** The name of the newest migration: the schema version a snapshot records. */
export const latestSchemaVersion = '0002-postgres-audit-sealing';

/**
 * Schema versions whose backups this mmreg restores: those with the tables of the latest one
 * (0002 adds PostgreSQL routines only).
 */
export const restorableSchemaVersions: readonly string[] = ['0001-initial-schema', latestSchemaVersion];

function migrationsFor(dialect: MigrationDialect): Record<string, Migration> {
  return {
    '0001-initial-schema': { up: (db) => upInitialSchema(db, dialect) },
    '0002-postgres-audit-sealing': { up: (db) => upPostgresAuditSealing(db, dialect) },
  };
}

class InCodeMigrationProvider implements MigrationProvider {
  readonly #dialect: MigrationDialect;

  constructor(dialect: MigrationDialect) {
    this.#dialect = dialect;
  }

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrationsFor(this.#dialect));
  }
}

/** Runs every pending migration; throws with the failing migration's name and cause. */
export async function migrateToLatest(db: Kysely<Database>, dialect: MigrationDialect): Promise<void> {
  // Kysely looks for its bookkeeping tables in every schema; on PostgreSQL name the current one (the
  // first of the search_path), or a second mmreg schema in the same database would be taken as migrated.
  let migrationTableSchema: string | undefined;
  if (dialect === 'postgres') {
    const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const schema = result.rows[0]?.schema;
    if (schema === null || schema === undefined) {
      throw new Error('PostgreSQL has no current schema: check the search_path of the database URL');
    }
    migrationTableSchema = schema;
  }
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrationProvider(dialect),
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    const name = failed === undefined ? 'the migrations' : `migration ${failed.migrationName}`;
    throw new Error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
